"""A council evaluation: the members, one sheet per member, the agreed sheet, the summary.

The list on the left holds the members (in order), the council's agreed sheet when there
is one, and the summary; Ctrl+PgDown / Ctrl+PgUp step through it, Ctrl+M adds a member.
A member's form is built the first time it is shown. Adding, renaming and removing a member
are written at once, and so is the council's discussion (recorded from the summary: needed
to finalise when the members' totals differ by more than 10 points and there is no agreed
sheet, domain brief §4.2); the choices on the sheets are saved with the draft (Ctrl+S).
"Compare the choices…" opens the members' choices side by side (``comparison_view``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ocop_desktop.errors import KnownError, ValidationFailed
from ocop_desktop.i18n import _, ngettext
from ocop_desktop.scoring.engine import CouncilResult, agreed_choices_by_majority, score_council
from ocop_desktop.scoring.model import Sheet
from ocop_desktop.services.council_discussion import DiscussionData
from ocop_desktop.services.evaluations import spread_unsettled
from ocop_desktop.ui.dialogs import messages
from ocop_desktop.ui.evaluation.comparison_view import Column, ComparisonDialog
from ocop_desktop.ui.evaluation.discussion_dialog import DiscussionDialog, proposal, save_discussion
from ocop_desktop.ui.evaluation.prompts import MemberDialog
from ocop_desktop.ui.evaluation.sheet_slots import SheetSlot
from ocop_desktop.ui.evaluation.summary_view import CouncilSummary, MemberLine

SUMMARY = "summary"
LIST_WIDTH = 270
LIST_STYLE = """
QListWidget#memberList::item { padding: 5px 6px; border-bottom: 1px solid #e8eaed; }
QListWidget#memberList::item:selected { background: #d7e6f9; color: #0b3d91; }
"""


class CouncilView(QWidget):
    """Signals:
        changed: a member's sheet was edited (unsaved), or the members changed (saved).
        discussion_saved: the council's discussion was written.
    """

    changed = Signal()
    discussion_saved = Signal()

    def __init__(self, db, evaluation_id: str, sheet: Sheet, slots: list[SheetSlot],  # noqa: ANN001
                 make_form: Callable[[SheetSlot], QWidget], *, minima: str = "agreed",
                 discussion: DiscussionData | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.evaluation_id = evaluation_id
        self.sheet = sheet
        self.slots = slots
        self.make_form = make_form
        self.minima = minima
        self.read_only = False
        self.member_dialog: MemberDialog | None = None
        self.discussion = discussion
        self.discussion_dialog: DiscussionDialog | None = None
        self._pages: dict[str, QWidget] = {}

        self.list = QListWidget()
        self.list.setObjectName("memberList")
        self.list.setStyleSheet(LIST_STYLE)
        self.list.setFixedWidth(LIST_WIDTH)
        self.list.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.currentItemChanged.connect(self._item_changed)
        self.list.setToolTip(_("The members' sheets and the summary: Ctrl+PgDown / Ctrl+PgUp go to the next / "
                               "previous one"))
        self.add_button = QPushButton(_("Add member…"))
        self.add_button.setToolTip(_("Add a council member and enter their sheet (Ctrl+M)"))
        self.add_button.clicked.connect(self.add_member)
        self.rename_button = QPushButton(_("Rename…"))
        self.rename_button.clicked.connect(self.rename_member)
        self.remove_button = QPushButton(_("Remove…"))
        self.remove_button.clicked.connect(self.remove_member)
        self.agreed_button = QPushButton(_("Add the agreed sheet"))
        self.agreed_button.setToolTip(_("The sheet the council agrees on together: the star minima are checked "
                                        "on it; it does not count in the average."))
        self.agreed_button.clicked.connect(self.add_agreed_sheet)
        self.compare_button = QPushButton(_("Compare the choices…"))
        self.compare_button.setToolTip(_("The members' choices side by side, criterion by criterion; "
                                         "the criteria where they differ are highlighted"))
        self.compare_button.clicked.connect(self.compare)
        self.comparison_dialog: ComparisonDialog | None = None
        self.summary = CouncilSummary()
        self.summary.discussion_requested.connect(self.record_discussion)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.summary)
        self._pages[SUMMARY] = self.summary

        for text, keys, slot in ((_("Add member…"), "Ctrl+M", self.add_member),
                                 (_("Next sheet"), "Ctrl+PgDown", lambda: self.step(1)),
                                 (_("Previous sheet"), "Ctrl+PgUp", lambda: self.step(-1))):
            action = QAction(text, self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(slot)
            self.addAction(action)

        side = QVBoxLayout()
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.list, 1)
        row = QHBoxLayout()
        row.addWidget(self.rename_button)
        row.addWidget(self.remove_button)
        side.addWidget(self.add_button)
        side.addLayout(row)
        side.addWidget(self.agreed_button)
        side.addWidget(self.compare_button)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(side)
        lay.addWidget(self.stack, 1)
        self.refresh_list()
        first = self.members()[0].info.id if self.members() else SUMMARY
        self.show_entry(first, focus=False)

    # -- slots ---------------------------------------------------------------------------
    def members(self) -> list[SheetSlot]:
        return [s for s in self.slots if not s.info.is_agreed]

    def agreed(self) -> SheetSlot | None:
        return next((s for s in self.slots if s.info.is_agreed), None)

    def slot(self, sheet_id: str) -> SheetSlot | None:
        return next((s for s in self.slots if s.info.id == sheet_id), None)

    def entry_keys(self) -> list[str]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def current_key(self) -> str:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else SUMMARY

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        for slot in self.slots:
            if slot.form is not None:
                slot.form.set_read_only(read_only)
        self._update_buttons()
        if self.current_key() == SUMMARY:
            self.refresh_summary()

    def _update_buttons(self) -> None:
        slot = self.slot(self.current_key())
        editable = not self.read_only
        self.add_button.setEnabled(editable)
        self.agreed_button.setVisible(self.agreed() is None)
        self.agreed_button.setEnabled(editable and bool(self.members()))
        self.rename_button.setEnabled(editable and slot is not None)
        self.remove_button.setEnabled(editable and slot is not None)
        self.compare_button.setEnabled(len(self.members()) > 0)

    # -- the list ------------------------------------------------------------------------
    def refresh_list(self) -> None:
        current = self.current_key() if self.list.count() else None
        self.list.blockSignals(True)
        self.list.clear()
        for n, slot in enumerate(self.members(), start=1):
            self._add_item(slot.info.id, self._item_text(slot, n))
        agreed = self.agreed()
        if agreed is not None:
            self._add_item(agreed.info.id, self._item_text(agreed, 0))
        self._add_item(SUMMARY, _("Council summary"))
        keys = self.entry_keys()
        self.list.setCurrentRow(keys.index(current) if current in keys else 0)
        self.list.blockSignals(False)
        self._update_buttons()

    def _add_item(self, key: str, text: str) -> None:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, key)
        self.list.addItem(item)

    def _item_text(self, slot: SheetSlot, n: int) -> str:
        result = slot.result(self.sheet)
        name = slot.display_name(n)
        if slot.info.is_agreed:
            first = _("Agreed sheet: {name}").format(name=name) if slot.info.member_name else name
        else:
            first = f"{n}. {name}"
        details = [ngettext("{n} point", "{n} points", result.total).format(n=result.total)]
        if result.missing:
            details.append(ngettext("{n} to choose", "{n} to choose", len(result.missing)).format(
                n=len(result.missing)))
        if slot.info.member_role and not slot.info.is_agreed:
            details.insert(0, slot.info.member_role)
        return first + "\n" + " · ".join(details)

    def update_item(self, slot: SheetSlot) -> None:
        keys = self.entry_keys()
        if slot.info.id in keys:
            n = self.members().index(slot) + 1 if not slot.info.is_agreed else 0
            self.list.item(keys.index(slot.info.id)).setText(self._item_text(slot, n))

    def _item_changed(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.show_entry(item.data(Qt.ItemDataRole.UserRole))

    # -- pages ---------------------------------------------------------------------------
    def show_entry(self, key: str, *, focus: bool = True) -> QWidget:
        """Show a member's sheet (built on first use) or the summary."""
        page = self._pages.get(key)
        if page is None:
            slot = self.slot(key)
            if slot is None:
                key, page = SUMMARY, self.summary
            else:
                page = self._pages[key] = self.make_form(slot)
                slot.form.set_read_only(self.read_only)
                slot.form.changed.connect(lambda s=slot: self._sheet_edited(s))
                self.stack.addWidget(page)
        keys = self.entry_keys()
        if key in keys and self.current_key() != key:
            self.list.blockSignals(True)
            self.list.setCurrentRow(keys.index(key))
            self.list.blockSignals(False)
        if key == SUMMARY:
            self.refresh_summary()
        self.stack.setCurrentWidget(page)
        self._update_buttons()
        if focus:
            slot = self.slot(key)
            if slot is not None and slot.form is not None:
                form = slot.form
                code = form.current_code() or (form.missing()[0] if form.missing() else form.order[0])
                form.focus_criterion(code)
        return page

    def step(self, delta: int) -> None:
        keys = self.entry_keys()
        i = keys.index(self.current_key()) + delta
        if 0 <= i < len(keys):
            self.show_entry(keys[i])

    def _sheet_edited(self, slot: SheetSlot) -> None:
        slot.dirty = True
        self.update_item(slot)
        self.changed.emit()

    # -- the result ------------------------------------------------------------------------
    def council_result(self) -> CouncilResult | None:
        members = self.members()
        if not members:
            return None
        agreed = self.agreed()
        return score_council(
            self.sheet, [m.choices() for m in members],
            agreed_choices=agreed.choices() if agreed is not None else None, minima=self.minima,
            eliminated_by=agreed.eliminated_by() if agreed is not None else None,
            member_eliminated_by=[m.eliminated_by() for m in members], allow_missing=True)

    def refresh_summary(self) -> None:
        result = self.council_result()
        lines = [MemberLine(s.display_name(n), s.info.member_role, s.result(self.sheet))
                 for n, s in enumerate(self.members(), start=1)]
        agreed = self.agreed()
        if agreed is not None:
            lines.append(MemberLine(agreed.display_name(0), "", agreed.result(self.sheet), agreed=True))
        # Read-only = finalised (possibly before the rule): its result stands.
        spread_open = (result is not None and not self.read_only
                       and spread_unsettled(result, agreed is not None, self.discussion))
        untouched = all(not s.choices() and s.eliminated_by() is None for s in self.slots)
        self.summary.show_result(result, lines, discussion=self.discussion, spread_open=spread_open,
                                 untouched=untouched, has_agreed=agreed is not None,
                                 editable=not self.read_only)

    def compare(self) -> ComparisonDialog | None:
        """The members' choices (as they stand, unsaved edits included) side by side."""
        members = self.members()
        if not members:
            return None
        columns = [Column(m.display_name(n), m.info.member_role, m.choices()) for n, m in enumerate(members, start=1)]
        agreed = self.agreed()
        if agreed is not None:
            columns.append(Column(agreed.display_name(0), "", agreed.choices(), agreed=True))
        dialog = self.comparison_dialog = ComparisonDialog(self.sheet, columns, self)
        dialog.open()
        return dialog

    # -- the discussion (written at once) ----------------------------------------------------
    def record_discussion(self) -> None:
        if self.read_only:
            return
        chair, attendees = proposal([(m.info.member_name, m.info.member_role) for m in self.members()])
        result = self.council_result()
        spread = ""
        if result is not None and result.spread_warning:
            spread = _("The members' totals differ by {spread} points, more than {limit}: the council "
                       "discusses and the members score again.").format(spread=result.spread,
                                                                        limit=result.spread_limit)
        dialog = self.discussion_dialog = DiscussionDialog(self, current=self.discussion, chair=chair,
                                                           attendees=attendees, spread_text=spread)
        dialog.accepted.connect(lambda: self._save_discussion(dialog))
        dialog.open()

    def _save_discussion(self, dialog: DiscussionDialog) -> None:
        saved = save_discussion(self.db, self.evaluation_id, dialog, self)
        if saved is not None:
            self.discussion = saved
            self.refresh_summary()
            self.discussion_saved.emit()

    # -- members (written at once) -----------------------------------------------------------
    def add_member(self) -> None:
        if self.read_only:
            return
        self._ask_member(MemberDialog(self), self._add)

    def _ask_member(self, dialog: MemberDialog, done: Callable[[MemberDialog], None]) -> None:
        self.member_dialog = dialog
        dialog.accepted.connect(lambda: done(dialog))
        dialog.open()

    def _write(self, fn: Callable, dialog: MemberDialog | None = None):  # noqa: ANN202
        from ocop_desktop.services import evaluations as service

        try:
            with self.db.session() as s:
                return fn(s, service)
        except ValidationFailed as exc:
            message = "\n".join(exc.errors.values())
            if dialog is not None:
                dialog.show_error(message)
                dialog.open()
            else:
                messages.show_error(self, _("Not saved"), message)
        except KnownError as exc:
            messages.show_error(self, _("Not saved"), exc.message, details=exc.hint or "")
        return None

    def _add(self, dialog: MemberDialog) -> None:
        info = self._write(lambda s, svc: svc.get_evaluation(s, svc.add_member(
            s, self.evaluation_id, dialog.name(), dialog.role()).evaluation_id), dialog)
        if info is not None:
            new = next(i for i in info.sheets if i.id not in {s.info.id for s in self.slots})
            self._insert(SheetSlot(new))

    def add_agreed_sheet(self) -> None:
        if self.read_only or self.agreed() is not None:
            return

        def work(s, svc):  # noqa: ANN001, ANN202
            row = svc.add_member(s, self.evaluation_id, _("Council's agreed sheet"), "")
            svc.set_agreed_sheet(s, self.evaluation_id, row.id)
            return svc.get_evaluation(s, self.evaluation_id)

        info = self._write(work)
        if info is not None:
            new = next(i for i in info.sheets if i.is_agreed)
            # Start from the options most members chose: the council edits where it disagrees.
            majority = agreed_choices_by_majority(self.sheet, [m.choices() for m in self.members()])
            slot = SheetSlot(dataclasses.replace(new, choices=majority), dirty=True)
            self._insert(slot)
            self.changed.emit()

    def _insert(self, slot: SheetSlot) -> None:
        self.slots.append(slot)
        self.slots.sort(key=lambda s: (s.info.is_agreed, s.info.position))
        self.refresh_list()
        self.show_entry(slot.info.id)

    def rename_member(self) -> None:
        slot = self.slot(self.current_key())
        if slot is None or self.read_only:
            return
        dialog = MemberDialog(self, name=slot.info.member_name, role=slot.info.member_role,
                              title=_("Rename the member"))
        self._ask_member(dialog, lambda d: self._rename(slot, d))

    def _rename(self, slot: SheetSlot, dialog: MemberDialog) -> None:
        done = self._write(lambda s, svc: svc.update_member(s, slot.info.id, dialog.name(), dialog.role()), dialog)
        if done is not None:
            slot.rename(dialog.name(), dialog.role())
            self.refresh_list()

    def remove_member(self) -> None:
        slot = self.slot(self.current_key())
        if slot is None or self.read_only:
            return
        name = slot.display_name(self.members().index(slot) + 1 if slot in self.members() else 0)
        if not messages.ask(self, _("Remove"), _("Remove {name}'s sheet from the council?").format(name=name),
                            yes=_("Remove"), no=_("Keep it")):
            return
        if self._write(lambda s, svc: svc.remove_member(s, slot.info.id)) is None:
            return
        self.slots.remove(slot)
        page = self._pages.pop(slot.info.id, None)
        if page is not None:
            self.stack.removeWidget(page)
            page.deleteLater()
        self.refresh_list()
        self.show_entry(self.current_key())
        self.changed.emit()

