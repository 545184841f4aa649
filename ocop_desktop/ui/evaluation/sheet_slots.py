"""One sheet of an open evaluation: what was loaded, its form once built, unsaved edits."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ocop_desktop.i18n import _
from ocop_desktop.scoring.engine import SheetResult, score_sheet
from ocop_desktop.scoring.model import Sheet

if TYPE_CHECKING:
    from ocop_desktop.services.evaluations import SheetInfo
    from ocop_desktop.ui.evaluation.sheet_form import SheetForm


@dataclass(eq=False)
class SheetSlot:
    info: SheetInfo
    form: SheetForm | None = None
    dirty: bool = False

    def choices(self) -> dict[str, int]:
        return self.form.choices() if self.form is not None else dict(self.info.choices)

    def eliminated_by(self) -> str | None:
        return self.form.eliminated_by() if self.form is not None else self.info.eliminated_by

    def comment(self) -> str:
        return self.form.comment() if self.form is not None else self.info.comment

    def result(self, sheet: Sheet) -> SheetResult:
        if self.form is not None:
            return self.form.result()
        return score_sheet(sheet, self.info.choices, eliminated_by=self.info.eliminated_by, allow_missing=True)

    def display_name(self, n: int) -> str:
        if self.info.member_name:
            return self.info.member_name
        if self.info.is_agreed:
            return _("Agreed sheet")
        return _("Member {n}").format(n=n)

    def rename(self, name: str, role: str) -> None:
        self.info = dataclasses.replace(self.info, member_name=name, member_role=role)

    def saved(self) -> None:
        """The form's state was written: it becomes the loaded state."""
        self.info = dataclasses.replace(self.info, choices=self.choices(), eliminated_by=self.eliminated_by(),
                                        comment=self.comment())
        self.dirty = False
