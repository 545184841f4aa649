"""Qt's own words (context menus, standard buttons, file and print dialogs) through our gettext.

Qt ships no Vietnamese ``qtbase`` catalogue, so a right-click in a text box would show
English "Copy"/"Paste". This translator answers Qt's ``tr()`` calls for the few
contexts below from our own catalogue; the ids are marked with ``N_`` so that Babel
extracts them with the rest. Buttons we create are labelled explicitly anyway.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator

from ocop_desktop.i18n import N_, _, current_language

QT_MESSAGES: dict[str, tuple[str, ...]] = {
    "QLineEdit": (N_("&Undo"), N_("&Redo"), N_("Cu&t"), N_("&Copy"), N_("&Paste"), N_("Delete"),
                  N_("Select All")),
    "QWidgetTextControl": (N_("&Undo"), N_("&Redo"), N_("Cu&t"), N_("&Copy"), N_("&Paste"), N_("Delete"),
                           N_("Select All"), N_("Copy &Link Location")),
    "QPlatformTheme": (N_("OK"), N_("Save"), N_("Save All"), N_("Open"), N_("&Yes"), N_("Yes to &All"),
                       N_("&No"), N_("N&o to All"), N_("Abort"), N_("Retry"), N_("Ignore"), N_("Close"),
                       N_("Cancel"), N_("Discard"), N_("Help"), N_("Apply"), N_("Reset"),
                       N_("Restore Defaults")),
    # The widget-based file dialog (Qt uses it where the system has no native one): every
    # word it shows, the overwrite question and its refusals (see tests/ui/test_qt_dialogs.py).
    "QFileDialog": (N_("Look in:"), N_("&Look in:"), N_("File &name:"), N_("Files of type:"), N_("Files of &type:"),
                    N_("&Save"), N_("&Open"), N_("&Choose"), N_("Cancel"), N_("Back"), N_("Forward"),
                    N_("Parent Directory"), N_("Create New Folder"), N_("Create a New Folder"), N_("List View"),
                    N_("Detail View"), N_("New Folder"), N_("&New Folder"), N_("Name"), N_("Size"), N_("Type"),
                    N_("Date Modified"), N_("My Computer"), N_("Recent Places"), N_("Directory:"), N_("Computer"),
                    N_("Go back"), N_("Go forward"), N_("Go to the parent directory"),
                    N_("Change to list view mode"), N_("Change to detail view mode"), N_("Sidebar"),
                    N_("List of places and bookmarks"), N_("Files"), N_("Directories"), N_("All Files (*)"),
                    N_("&Rename"), N_("&Delete"), N_("Show &hidden files"), N_("Delete"),
                    N_("%1 already exists.\nDo you want to replace it?"),
                    N_("%1\nFile not found.\nPlease verify the correct file name was given."),
                    N_("%1\nDirectory not found.\nPlease verify the correct directory name was given."),
                    N_("Are you sure you want to delete '%1'?"), N_("Could not delete directory.")),
    "QFileSystemModel": (N_("Name"), N_("Size"), N_("Type"), N_("Date Modified"), N_("My Computer"),
                         N_("Computer")),
    "QAbstractFileIconProvider": (N_("Folder"), N_("Drive"), N_("File"), N_("%1 File")),
    "QMessageBox": (N_("Show Details..."), N_("Hide Details...")),
    # Qt's own print dialog (Linux: Windows shows its own, in the system's language).
    "QPrintDialog": (N_("Print"), N_("&Print"), N_("&Options >>"), N_("&Options <<"), N_("All Pages"),
                     N_("Odd Pages"), N_("Even Pages")),
    "QPrintWidget": (N_("Printer"), N_("&Name:"), N_("P&roperties"), N_("Location:"), N_("Type:"),
                     N_("Preview")),
    "QPrintSettingsOutput": (N_("Options"), N_("Copies"), N_("Copies:"), N_("Collate"), N_("Reverse"),
                             N_("Print range"), N_("Print all"), N_("Pages from"), N_("to"), N_("Current Page"),
                             N_("Selection"), N_("Pages"), N_("Page &Set:"), N_("Output Settings"),
                             N_("Color Mode"), N_("Color"), N_("Grayscale"), N_("Double Sided Printing"),
                             N_("Off"), N_("Long side binding"), N_("Short side binding")),
}
_LOOKUP = {ctx: frozenset(ids) for ctx, ids in QT_MESSAGES.items()}


class GettextQtTranslator(QTranslator):
    def translate(self, context: str, source_text: str, disambiguation: str | None = None,  # noqa: D102
                  n: int = -1) -> str | None:
        # None is Qt's null string: "no translation here", so Qt keeps its own text. An empty
        # string would be taken as a translation and blank every other Qt text (page size names
        # became "", so QPageSize(A4) was invalid and printers fell back to US Letter).
        ids = _LOOKUP.get(context)
        if ids is None or source_text not in ids:
            return None
        text = _(source_text)
        return None if text == source_text else text

    def isEmpty(self) -> bool:  # noqa: N802
        return False


_installed: GettextQtTranslator | None = None


def install_qt_translator(app: QCoreApplication) -> None:
    global _installed
    if current_language() == "en" or _installed is not None:
        return
    _installed = GettextQtTranslator(app)
    app.installTranslator(_installed)
