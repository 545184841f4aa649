"""The list attached to a recognition decision ("DANH SÁCH SẢN PHẨM ĐƯỢC CÔNG NHẬN"), A4
portrait, Qt-free: STT, product name, product code, producer and address, product set,
stars, certificate number — from the certificate register (``services.decisions``), in
certificate-number order, with the decision's authority and signatory.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from typing import Any, BinaryIO

from ocop_desktop.reports import layout


@dataclass(frozen=True)
class DecisionListRow:
    product_name: str
    product_code: str
    producer_name: str
    producer_address: str
    product_set: str
    stars: int
    certificate_number: str


@dataclass(frozen=True)
class DecisionListView:
    number: str
    date: dt.date
    authority: str  # as recorded ("Ủy ban nhân dân tỉnh Cao Bằng"); upper-cased in the heading
    signer_name: str
    signer_title: str
    place: str  # the province of the products (not printed on the annex today)
    rows: tuple[DecisionListRow, ...]


def _signer_lines(title: str) -> str:
    """"KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" → two lines."""
    return "\n".join(x.strip() for x in re.split(r"\s+/\s+|\n", title or "") if x.strip())


def _story(v: DecisionListView) -> list[Any]:
    from reportlab.platypus import Spacer

    authority = layout.MISSING if not v.authority.strip() else v.authority
    story: list[Any] = [layout.national_header(authority.upper())]
    story += layout.title_block(
        "DANH SÁCH SẢN PHẨM ĐƯỢC CÔNG NHẬN",
        f"(Kèm theo Quyết định số {v.number} ngày {layout.vn_date(v.date)} của {authority})")
    rows = []
    for n, r in enumerate(v.rows, start=1):
        producer = layout.text(r.producer_name) + (
            f'<br/><font size="9.5">{layout.text(r.producer_address)}</font>' if r.producer_address else "")
        rows.append([n, r.product_name, layout.para(r.product_code or "[chưa có]", "cell_s"),
                     layout.para(producer, "cell", markup=True), r.product_set, f"{r.stars} sao",
                     layout.para(r.certificate_number, "cell_s")])
    story.append(layout.table(
        ["STT", "Tên sản phẩm", "Mã sản phẩm", "Chủ thể, địa chỉ", "Bộ sản phẩm", "Hạng sao", "Số giấy chứng nhận"],
        rows, [0.055, 0.18, 0.165, 0.195, 0.13, 0.07, 0.205], align=["c", "l", "l", "l", "l", "c", "c"]))
    story.append(Spacer(1, 4))
    story.append(layout.para(f"Danh sách gồm {len(v.rows)} sản phẩm.", "note"))
    story.append(layout.signature_block(_signer_lines(v.signer_title) or "[chưa khai báo chức vụ người ký]",
                                        v.signer_name or "[chưa khai báo người ký]", hint=""))
    return story


def render_decision_list(view: DecisionListView, out: str | os.PathLike[str] | BinaryIO) -> int:
    return layout.build(_story(view), out, title=f"Danh sách sản phẩm được công nhận – {view.number}")


def decision_view(session: Any, decision_id: str) -> DecisionListView:
    """The products a recognition decision recognised (revoked or superseded since: still
    listed, the list is the decision's annex). BadInput for a revocation decision."""
    from ocop_desktop.errors import BadInput
    from ocop_desktop.i18n import _
    from ocop_desktop.models import Decision
    from ocop_desktop.services import decisions
    from ocop_desktop.services.common import get_record

    d = get_record(session, Decision, decision_id)
    if d.kind != "recognition":
        raise BadInput(_("Decision {number} is not a recognition decision: it has no list of recognised "
                         "products.").format(number=d.number))
    rows = []
    place = ""
    for c in decisions.list_certificates(session, decision_id=decision_id):
        if c.decision_id != decision_id:  # a certificate this decision revoked
            continue
        det = decisions.certificate_detail(session, c.id)
        place = place or det.province_name
        rows.append((c.number, DecisionListRow(
            product_name=det.product_name, product_code=det.product_code, producer_name=det.producer_name,
            producer_address=det.producer_address, product_set=det.product_set_label, stars=det.stars,
            certificate_number=det.number)))
    rows.sort(key=lambda x: [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", x[0])])
    return DecisionListView(number=d.number, date=d.date, authority=d.authority or "",
                            signer_name=d.signer_name, signer_title=d.signer_title, place=place,
                            rows=tuple(r for _n, r in rows))
