"""The certificate register's columns, on the shared record-list model, with a colour per status."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from ocop_desktop.domain.certificates import CertificateStatus
from ocop_desktop.i18n import N_, _, ngettext
from ocop_desktop.ui.record_model import Column, FoldedKey, RecordTableModel

#: Text colour of each status (readable on white and on the alternate row colour).
STATUS_COLOURS: dict[str, str] = {
    CertificateStatus.VALID: "#1b7a2e",
    CertificateStatus.REEVALUATION_WINDOW: "#1f5fa8",
    CertificateStatus.EXPIRING: "#b35c00",
    CertificateStatus.EXPIRED: "#b3261e",
    CertificateStatus.REVOKED: "#7a1111",
    CertificateStatus.SUPERSEDED: "#6b6b6b",
    CertificateStatus.REISSUED: "#6b6b6b",
    CertificateStatus.ANNULLED: "#7a1111",
}
_STATUS_ORDER = {s.value: i for i, s in enumerate(CertificateStatus)}


def _date(d: Any) -> str:
    return d.strftime("%d/%m/%Y") if d else ""


def _stars(r: Any) -> str:
    n = max(0, min(r.stars or 0, 5))
    return "★" * n + "☆" * (5 - n)


def _status_text(r: Any) -> str:
    return r.status_label or r.status


def _status_tooltip(r: Any) -> str:
    text = _status_text(r)
    if r.status in (CertificateStatus.REEVALUATION_WINDOW, CertificateStatus.EXPIRING) and r.days_left >= 0:
        text += " · " + ngettext("{n} day left", "{n} days left", r.days_left).format(n=r.days_left)
    return text


class CertificateTableModel(RecordTableModel):
    COLUMNS = (
        Column("product", N_("Product"), lambda r: r.product_name, FoldedKey("product_name"), max_chars=34),
        Column("number", N_("Certificate no."), lambda r: r.number, FoldedKey("number"), max_chars=18),
        Column("producer", N_("Producer"), lambda r: r.producer_name, FoldedKey("producer_name"),
               max_chars=24),
        Column("stars", N_("Stars"), _stars, lambda r: r.stars, max_chars=6),
        Column("issued", N_("Issued"), lambda r: _date(r.issue_date), lambda r: r.issue_date.toordinal(),
               max_chars=13),
        Column("expiry", N_("Expires"), lambda r: _date(r.expiry_date), lambda r: r.expiry_date.toordinal(),
               max_chars=13),
        Column("status", N_("Status"), _status_text, lambda r: (_STATUS_ORDER.get(r.status, 9), r.days_left),
               max_chars=28),
        Column("decision", N_("Decision"), lambda r: r.decision_number, FoldedKey("decision_number"),
               max_chars=18),
    )

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and role == Qt.ItemDataRole.ForegroundRole:
            row = self._rows[index.row()]
            col = self.COLUMNS[index.column()]
            if col.key == "status" and not row.deleted:
                return QBrush(QColor(STATUS_COLOURS.get(row.status, "#000000")))
            if col.key == "stars" and not row.deleted:
                return QBrush(QColor("#b8860b"))
        return super().data(index, role)

    def tooltip(self, row: Any, col: Column) -> str | None:
        if col.key == "stars":
            return ngettext("{n} star", "{n} stars", row.stars).format(n=row.stars)
        if col.key == "product" and row.product_code:
            return f"{row.product_name} ({row.product_code})"
        if col.key == "status" and row.status == CertificateStatus.REVOKED:
            return _("Revoked by decision {number} of {date}").format(
                number=row.revocation_number, date=_date(row.revocation_date))
        if col.key == "status" and row.status == CertificateStatus.ANNULLED:
            return _("Decision {number} annulled on {date}: {reason}").format(
                number=row.decision_number, date=_date(row.decision_annulled_on), reason=row.decision_annul_reason)
        if col.key == "status" and row.reissue_of_id:
            return _status_tooltip(row) + " · " + _("Re-issued: {reason}").format(reason=row.reissue_reason)
        if col.key == "status":
            return _status_tooltip(row)
        return super().tooltip(row, col)
