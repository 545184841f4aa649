"""Keep only the Qt the app uses in the unpacked PySide6 (Essentials + Addons) tree.

The app imports a handful of PySide6 modules (found by reading its source, see
:func:`app_qt_modules`). Kept: those ``.pyd`` files, the Qt plugins a Windows widgets
app loads at run time (:data:`PLUGINS`), and every DLL those need, found by walking the
PE import tables (``objdump -p``). Everything else goes: other modules, QML, WebEngine,
the Qt tools (designer.exe…), headers, type stubs, ``opengl32sw.dll`` (software OpenGL;
the app draws with the raster engine) and Qt's translations (Qt ships no Vietnamese
``qtbase``; our own catalogue answers Qt's strings, see ``ui/qt_translator.py``).
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
from pathlib import Path

#: Plugins a Windows QtWidgets app loads by name at run time (no import table names them).
PLUGINS = (
    "platforms/qwindows.dll",        # the Windows platform
    "platforms/qoffscreen.dll",      # --smoke and the Wine checks without a display
    "styles/qmodernwindowsstyle.dll",
    "imageformats/qjpeg.dll",        # product photos (PNG is built into QtGui)
    "imageformats/qgif.dll",
    "imageformats/qico.dll",
    "imageformats/qsvg.dll",
    "iconengines/qsvgicon.dll",
)
#: Files at the top of PySide6/ that are Python, not Qt modules.
PYSIDE_PY = {"__init__.py", "_config.py", "_git_pyside_version.py", "py.typed"}
OBJDUMP = "x86_64-w64-mingw32-objdump"


def app_qt_modules(package_dir: Path) -> set[str]:
    """``QtCore``, ``QtWidgets``…: every ``PySide6.QtX`` module imported anywhere in the app."""
    found: set[str] = set()
    for path in sorted(package_dir.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("PySide6."):
                found.add(node.module.split(".")[1])
            elif isinstance(node, ast.ImportFrom) and node.module == "PySide6":
                found.update(a.name for a in node.names if a.name.startswith("Qt"))
            elif isinstance(node, ast.Import):
                found.update(a.name.split(".")[1] for a in node.names if a.name.startswith("PySide6.Qt"))
    return found


def pe_imports(path: Path) -> list[str]:
    out = subprocess.run([OBJDUMP, "-p", str(path)], capture_output=True, text=True, check=True).stdout
    return re.findall(r"DLL Name: (\S+)", out)


def _closure(roots: list[Path], dll_dirs: list[Path]) -> set[Path]:
    """Every DLL in ``dll_dirs`` that ``roots`` load, directly or through each other."""
    by_name: dict[str, Path] = {}
    for d in dll_dirs:
        for p in d.glob("*.dll"):
            by_name.setdefault(p.name.lower(), p)
    seen: set[Path] = set()
    todo = list(roots)
    while todo:
        current = todo.pop()
        for name in pe_imports(current):
            dep = by_name.get(name.lower())
            if dep is not None and dep not in seen:
                seen.add(dep)
                todo.append(dep)
    return seen


def prune(site_packages: Path, modules: set[str]) -> dict[str, list[str]]:
    """Prune ``site_packages/PySide6`` in place for ``modules``; return what is kept."""
    pyside = site_packages / "PySide6"
    shiboken = site_packages / "shiboken6"
    missing = sorted(m for m in modules if not (pyside / f"{m}.pyd").is_file())
    if missing:
        raise SystemExit(f"the app imports PySide6 modules that the wheels do not have: {missing}")
    pyds = [pyside / f"{m}.pyd" for m in sorted(modules)]
    plugins = [pyside / "plugins" / p for p in PLUGINS]
    absent = [str(p) for p in plugins if not p.is_file()]
    if absent:
        raise SystemExit(f"Qt plugins missing from the wheels: {absent}")
    dlls = _closure(pyds + plugins + [shiboken / "Shiboken.pyd"], [pyside, shiboken])
    keep = set(pyds) | set(plugins) | dlls | {pyside / n for n in PYSIDE_PY}
    for path in sorted(pyside.rglob("*"), reverse=True):
        if path.is_file() and path not in keep:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    for junk in ("include", "lib"):
        shutil.rmtree(shiboken / junk, ignore_errors=True)
    for path in list(shiboken.glob("*.lib")) + list(shiboken.glob("*.pyi")):
        path.unlink()
    return {
        "modules": sorted(modules),
        "dlls": sorted(p.name for p in dlls if p.parent == pyside),
        "plugins": list(PLUGINS),
    }


def present_qt_modules(site_packages: Path) -> set[str]:
    """The PySide6 extension modules left in a built tree."""
    return {p.stem for p in (site_packages / "PySide6").glob("Qt*.pyd")}
