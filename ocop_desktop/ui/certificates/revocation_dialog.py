"""The revocation dialog ("Revoke…"): a revocation decision and its ground (Điều 8.1 a–e) for
the selected certificates → ``services.decisions.revoke``; validated with the service itself
(a dry run that never writes), its messages under the fields."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QGroupBox, QLabel, QVBoxLayout, QWidget

from ocop_desktop.domain.certificates import (
    REVOCATION_GROUND_LETTERS,
    REVOCATION_GROUND_TEXTS,
    DecisionKind,
    DecisionLevel,
    RevocationGround,
)
from ocop_desktop.errors import KnownError, ValidationFailed
from ocop_desktop.i18n import _
from ocop_desktop.ui.certificates.decision_fields import (
    DecisionFields,
    decision_form,
    default_authority,
)
from ocop_desktop.ui.dialogs.fields import note_label
from ocop_desktop.ui.dialogs.record_dialog import RecordDialog, align_labels, form_label
from ocop_desktop.ui.screen_fit import resize_within_screen

if TYPE_CHECKING:
    from ocop_desktop.db import Database


class RevocationDialog(RecordDialog):
    """Revoke certificates (rows of the register) by a revocation decision."""

    def __init__(self, db: Database, rows: list[Any], parent: QWidget | None = None, *,
                 today: dt.date | None = None) -> None:
        super().__init__(db, parent)
        self.today = today
        self.rows = rows
        self.setWindowTitle(_("Revoke certificate"))
        listing = "\n".join(_("{number} — {product} ({stars}★), {producer}").format(
            number=r.number, product=r.product_name, stars=r.stars, producer=r.producer_name) for r in rows)
        what = QLabel(listing)
        what.setWordWrap(True)
        what.setObjectName("pageSubtitle")
        form = decision_form()
        self.fields = DecisionFields(self, form, default_authority(db))
        if any(r.stars == 5 for r in rows):
            self.fields.level.setCurrentIndex(self.fields.level.findData(DecisionLevel.MINISTRY.value))
        self.ground = QComboBox()
        self.ground.addItem(_("Choose the ground…"), "")
        for g in RevocationGround:
            text = f"{REVOCATION_GROUND_LETTERS[g]}) {REVOCATION_GROUND_TEXTS[g]}"
            self.ground.addItem(text if len(text) <= 90 else text[:88] + "…", g.value)
            self.ground.setItemData(self.ground.count() - 1, text, Qt.ItemDataRole.ToolTipRole)
        self.ground.setMinimumContentsLength(40)
        self.ground.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.ground_text = note_label("", "hint")
        self.ground.currentIndexChanged.connect(self._ground_changed)
        form.addRow(form_label(_("Ground (Article 8.1)"), required=True), self.add_field("ground", self.ground))
        form.addRow(QLabel(), self.ground_text)
        box = QGroupBox(_("Revocation decision"))
        box.setLayout(form)
        align_labels(form)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(_("Certificate to revoke:")))
        lay.addWidget(what)
        lay.addWidget(box)
        lay.addStretch(1)
        lay.addWidget(self.footer())
        self.save_button.setText(_("Revoke"))
        resize_within_screen(self, 820, 560)
        self.finish_loading(show_all=False)

    def _ground_changed(self, _i: int) -> None:
        code = self.ground.currentData()
        self.ground_text.setText(REVOCATION_GROUND_TEXTS[RevocationGround(code)] if code else "")

    def set_ground(self, code: str) -> None:
        self.ground.setCurrentIndex(self.ground.findData(code))

    def collect(self) -> tuple[Any, dict[str, str]]:
        data, errors = self.fields.collect(DecisionKind.REVOCATION.value)
        return (data, self.ground.currentData() or ""), errors

    def check(self, data: Any) -> dict[str, str]:
        from ocop_desktop.services.decisions import revoke

        decision, ground = data
        # A dry run that never writes: an unknown certificate id ("") makes the service stop at
        # its checks; that id's own error is dropped.
        try:
            with self.db.read_session() as s:
                revoke(s, [r.id for r in self.rows] + [""], decision, ground, self.today)
        except ValidationFailed as exc:
            return {("certificates" if k.startswith("certificate") else k): v for k, v in exc.errors.items()
                    if k != "certificate."}
        except KnownError:
            return {}
        return {}

    def write(self, data: Any) -> str | None:
        from ocop_desktop.services.decisions import revoke

        decision, ground = data
        with self.db.session() as s:
            return revoke(s, [r.id for r in self.rows], decision, ground, self.today).id
