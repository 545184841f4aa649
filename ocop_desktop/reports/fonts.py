"""The serif family every printout uses: ``OCOPSerif`` (regular, bold, italic, bold italic).

Official documents in Vietnam are set in Times New Roman. When the office PC has it, we use
it; otherwise the Liberation Serif shipped in ``resources/fonts/`` (metric-compatible with
Times New Roman, covers Vietnamese; SIL OFL 1.1, licence beside the files). ReportLab embeds
TrueType fonts as subsets, so a certificate carries only the glyphs it uses.

Registration happens once per process (:func:`register`); it is cheap to call again.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

from ocop_desktop.paths import RESOURCES_DIR

FAMILY = "OCOPSerif"
REGULAR, BOLD, ITALIC, BOLD_ITALIC = (FAMILY, FAMILY + "-Bold", FAMILY + "-Italic", FAMILY + "-BoldItalic")
FONTS_DIR = RESOURCES_DIR / "fonts"
SHIPPED = {
    REGULAR: "LiberationSerif-Regular.ttf",
    BOLD: "LiberationSerif-Bold.ttf",
    ITALIC: "LiberationSerif-Italic.ttf",
    BOLD_ITALIC: "LiberationSerif-BoldItalic.ttf",
}
# Times New Roman as Windows ships it, and as Linux packages (ttf-mscorefonts-installer) do.
_WINDOWS_NAMES = {REGULAR: "times.ttf", BOLD: "timesbd.ttf", ITALIC: "timesi.ttf", BOLD_ITALIC: "timesbi.ttf"}
_LINUX_NAMES = {REGULAR: "Times_New_Roman.ttf", BOLD: "Times_New_Roman_Bold.ttf",
                ITALIC: "Times_New_Roman_Italic.ttf", BOLD_ITALIC: "Times_New_Roman_Bold_Italic.ttf"}
_LINUX_DIRS = ("/usr/share/fonts/truetype/msttcorefonts", "/usr/share/fonts/msttcorefonts",
               "/usr/share/fonts/truetype/msttcorefonts/", "/usr/share/fonts/TTF")
#: Set to "shipped" to ignore the system's Times New Roman (tests, reproducible output).
ENV = "OCOP_PDF_FONT"


@dataclass(frozen=True)
class FontChoice:
    source: str  # "system" | "shipped"
    files: dict[str, Path]


_lock = threading.Lock()
_registered: FontChoice | None = None


def _windows_dirs() -> list[Path]:
    dirs = []
    windir = os.environ.get("WINDIR") or os.environ.get("SystemRoot")
    if windir:
        dirs.append(Path(windir) / "Fonts")
    dirs.append(Path("C:/Windows/Fonts"))
    local = os.environ.get("LOCALAPPDATA")
    if local:  # fonts installed for one user only (Windows 10 1809+)
        dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    return dirs


def system_times() -> dict[str, Path] | None:
    """The four Times New Roman files of this PC, or None unless all four exist."""
    candidates = [(d, _WINDOWS_NAMES) for d in _windows_dirs()]
    candidates += [(Path(d), names) for d in _LINUX_DIRS for names in (_LINUX_NAMES, _WINDOWS_NAMES)]
    for folder, names in candidates:
        files = {style: folder / name for style, name in names.items()}
        try:
            if all(f.is_file() for f in files.values()):
                return files
        except OSError:
            continue
    return None


def shipped() -> dict[str, Path]:
    return {style: FONTS_DIR / name for style, name in SHIPPED.items()}


def choose() -> FontChoice:
    if os.environ.get(ENV, "").lower() != "shipped":
        found = system_times()
        if found is not None:
            return FontChoice("system", found)
    return FontChoice("shipped", shipped())


def _register_files(files: dict[str, Path]) -> None:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for style, path in files.items():
        pdfmetrics.registerFont(TTFont(style, str(path)))
    pdfmetrics.registerFontFamily(FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC)
    for bold, italic, name in ((0, 0, REGULAR), (1, 0, BOLD), (0, 1, ITALIC), (1, 1, BOLD_ITALIC)):
        addMapping(FAMILY, bold, italic, name)


def register() -> FontChoice:
    """Register ``OCOPSerif`` with ReportLab (once per process) and say which files it uses.

    A system Times New Roman that ReportLab cannot read (a damaged or unusual file) falls
    back to the shipped fonts.
    """
    global _registered
    with _lock:
        if _registered is not None:
            return _registered
        choice = choose()
        if choice.source == "system":
            try:
                _register_files(choice.files)
            except Exception:  # noqa: BLE001 - any unreadable system font: use ours
                choice = FontChoice("shipped", shipped())
                _register_files(choice.files)
        else:
            _register_files(choice.files)
        _registered = choice
        return choice
