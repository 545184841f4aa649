"""Pieces the list pages share: what a load returns, filter combos, search-box keys, dialog helpers."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QComboBox, QDialog, QLineEdit, QStyle, QStyleOptionComboBox, QWidget

from ocop_desktop.domain import geography

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ocop_desktop.db import Database

ANY = None  # data of the "all …" entry of a filter combo
MIN_CHARS = 7  # a filter combo narrows down to this many characters when space is short


@dataclass
class Loaded:
    """What the load op hands back to the GUI thread (plain data only)."""

    rows: list[Any]
    communes: list[tuple[int, str]] = field(default_factory=list)
    #: The product list: whether a producer exists (what the empty page asks for first).
    has_producers: bool = True


def office_and_row_communes(session: Session, rows: Iterable[Any]) -> list[tuple[int, str]]:
    """The office's communes plus any other commune a record uses, by name."""
    from ocop_desktop.services.office import local_commune_codes

    codes = set(local_commune_codes(session)) | {r.commune_code for r in rows if r.commune_code is not None}
    items = [(c, geography.commune_name(c) or str(c)) for c in codes]
    return sorted(items, key=lambda t: t[1])


def year_choices(rows: Iterable[Any], extra: Iterable[int] = ()) -> list[tuple[str, int]]:
    """A year filter's entries: the years of ``rows`` (and ``extra``), newest first."""
    return [(str(y), y) for y in sorted({r.year for r in rows if r.year} | set(extra), reverse=True)]


def load_rows(db: Database, list_rows: Callable[..., list[Any]]) -> Loaded:
    """A list page's load (run in a worker): every row, deleted ones too, and the communes
    its filter offers."""
    with db.read_session() as s:
        rows = list_rows(s, include_deleted=True)
        return Loaded(rows, office_and_row_communes(s, rows))


class FilterCombo(QComboBox):
    """A combo whose first entry means 'no filter'; each entry carries a value.

    It stays narrow (long labels are elided in the box) but its popup is as wide as
    the longest entry. It asks for up to ``max_chars`` characters but may shrink to a few,
    so a row of five filters (and the window holding it) fits a 1280-pixel screen.
    """

    def __init__(self, all_label: str, tooltip: str, parent: QWidget | None = None, *,
                 max_chars: int = 16) -> None:
        super().__init__(parent)
        self._all_label = all_label
        self._max_chars = max_chars
        self._tooltip = tooltip
        self.setToolTip(tooltip)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.addItem(all_label, ANY)
        self._fit([all_label])
        self.currentIndexChanged.connect(self._update_tooltip)

    def _fit(self, texts: list[str]) -> None:
        longest = max(texts, key=len)
        self.setMinimumContentsLength(min(len(longest), self._max_chars))
        self.view().setMinimumWidth(self.fontMetrics().horizontalAdvance(longest) + 48)

    def set_choices(self, items: Iterable[tuple[str, Any]]) -> None:
        current = self.value()
        self.blockSignals(True)
        self.clear()
        self.addItem(self._all_label, ANY)
        texts = [self._all_label]
        for text, value in items:
            self.addItem(text, value)
            texts.append(text)
        self._fit(texts)
        i = self.findData(current) if current is not ANY else 0
        self.setCurrentIndex(max(i, 0))
        self.blockSignals(False)
        if self.value() != current:
            self.currentIndexChanged.emit(self.currentIndex())

    def value(self) -> Any:
        return self.currentData()

    def _update_tooltip(self) -> None:
        """When the box is too narrow for the chosen entry, the tooltip names it in full."""
        opt = QStyleOptionComboBox()
        self.initStyleOption(opt)
        room = self.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, opt,
                                           QStyle.SubControl.SC_ComboBoxEditField, self).width()
        text = self.currentText()
        elided = bool(text) and self.fontMetrics().horizontalAdvance(text) > room
        self.setToolTip(f"{text}\n{self._tooltip}" if elided else self._tooltip)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt virtual
        super().resizeEvent(event)
        self._update_tooltip()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt virtual
        hint = super().minimumSizeHint()
        least = super().sizeHint().width() - self.fontMetrics().averageCharWidth() * max(
            0, min(self._max_chars, self.minimumContentsLength()) - MIN_CHARS)
        return QSize(min(hint.width(), least), hint.height())


class SearchKeys(QObject):
    """Down or Enter in a list's search box calls ``to_results`` (which returns whether it moved
    the keyboard to the results; if not, the key does what it does in a line edit)."""

    KEYS = (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter)

    def __init__(self, search: QLineEdit, to_results: Callable[[], bool]) -> None:
        super().__init__(search)
        self._to_results = to_results
        search.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and event.key() in self.KEYS
                and event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)):
            return self._to_results()
        return super().eventFilter(watched, event)


def run_dialog(dialog: QDialog) -> str | None:
    if dialog.exec() == QDialog.DialogCode.Accepted:
        return getattr(dialog, "saved_id", None)
    return None
