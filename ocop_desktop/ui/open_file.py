"""Opening a file given on the command line: what a double-click on a ``.ocopbundle`` or
``.ocopprofile`` file does (the Windows installer associates both with
``OCOPDesktop.exe "%1"``). The main window switches to Sync and starts the same import the
officer would start from there: the bundle preview, or the profile registration."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ocop_desktop.errors import BadInput
from ocop_desktop.i18n import _

if TYPE_CHECKING:
    from ocop_desktop.ui.main_window import MainWindow

BUNDLE_SUFFIX = ".ocopbundle"
PROFILE_SUFFIX = ".ocopprofile"
SUFFIXES = (BUNDLE_SUFFIX, PROFILE_SUFFIX)


def is_openable(arg: str) -> bool:
    """A command-line argument that names a bundle or an office profile."""
    return not arg.startswith("-") and Path(arg).suffix.lower() in SUFFIXES


def open_in_window(window: MainWindow, path: Path) -> object | None:
    """Start the import of ``path`` in ``window``; return the dialog or operation started."""
    from ocop_desktop.ui import errors as ui_errors

    if not path.is_file():
        ui_errors.show_known_error(window, BadInput(_("The file {file} does not exist.").format(file=path)),
                                   _("Open a file"))
        return None
    sync = window.show_section("sync")
    if path.suffix.lower() == BUNDLE_SUFFIX:
        return sync.import_bundles([path])  # type: ignore[attr-defined]
    return sync.overview.import_profile(path)  # type: ignore[attr-defined]
