"""The product list report ("DANH SÁCH SẢN PHẨM OCOP"): the rows of
``services.products.list_products`` with the filters of the UI's product list (commune,
product group, product set, producer type, stars — 0 for "no stars yet" — status, and the
accent-insensitive search text), A4 portrait, Qt-free.

:class:`ProductFilter` and :func:`filter_rows` are plain so the UI, the CLI and the tests
filter the same way.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO

from ocop_desktop.reports import layout

NO_STARS = 0  # the "no stars yet" value of the star filter, as in ui/pages/products_page.py


@dataclass(frozen=True)
class ProductFilter:
    search: str = ""
    commune: int | None = None  # commune code
    product_set: int | None = None  # 1–26
    group: str | None = None  # product group I–VI
    kind: str | None = None  # producer kind (vocab.ProducerKind value)
    stars: int | None = None  # 1–5, or NO_STARS (0) for products without stars
    status: str | None = None  # vocab.ProductStatus value

    def is_empty(self) -> bool:
        return self == ProductFilter()


def filter_rows(rows: Iterable[Any], f: ProductFilter) -> list[Any]:
    """The rows (``services.products.ProductRow``) that pass every filter set in ``f``, in order."""
    from ocop_desktop.services.products import search_rows

    out = []
    for r in rows:
        if f.commune is not None and r.commune_code != f.commune:
            continue
        if f.product_set is not None and r.product_set != f.product_set:
            continue
        if f.group is not None and r.group != f.group:
            continue
        if f.kind is not None and r.producer_kind != f.kind:
            continue
        if f.stars is not None and (bool(r.stars) if f.stars == NO_STARS else r.stars != f.stars):
            continue
        if f.status is not None and r.status != f.status:
            continue
        out.append(r)
    return search_rows(out, f.search) if f.search.strip() else out


def filter_summary(f: ProductFilter) -> str:
    """The filters in words, printed under the title ("" when none)."""
    from ocop_desktop.domain import geography, product_sets

    parts = []
    if f.commune is not None:
        parts.append(f"xã/phường: {geography.commune_name(f.commune) or f.commune}")
    if f.group is not None:
        g = product_sets.GROUPS.get(f.group)
        parts.append(f"nhóm: {f.group}. {g.name}" if g else f"nhóm: {f.group}")
    if f.product_set is not None:
        ps = product_sets.BY_NUMBER.get(f.product_set)
        parts.append(f"bộ sản phẩm: {ps.label() if ps else f.product_set}")
    if f.kind is not None:
        parts.append(f"loại chủ thể: {_kind_label(f.kind)}")
    if f.stars is not None:
        parts.append("chưa có hạng sao" if f.stars == NO_STARS else f"hạng: {f.stars} sao")
    if f.status is not None:
        parts.append(f"trạng thái: {_status_label(f.status)}")
    if f.search.strip():
        parts.append(f"tìm: “{f.search.strip()}”")
    return ("Lọc theo " + "; ".join(parts)) if parts else ""


#: Printed wording is Vietnamese whatever the interface language (vocab's labels are msgids).
KIND_VI = {"htx": "Hợp tác xã", "tht": "Tổ hợp tác", "tnhh": "Công ty TNHH", "dntn": "Doanh nghiệp tư nhân",
           "ctcp": "Công ty cổ phần", "trang_trai": "Trang trại", "ho_sx": "Hộ sản xuất",
           "ho_kd": "Hộ kinh doanh", "hoi": "Hội, hiệp hội"}
STATUS_VI = {"y_tuong": "Ý tưởng", "dang_ky": "Đăng ký", "dang_danh_gia": "Đang đánh giá",
             "dat_ocop": "Đạt OCOP", "het_han": "Hết hạn", "thu_hoi": "Thu hồi"}


def _kind_label(kind: str) -> str:
    return KIND_VI.get(kind, kind)


def _status_label(status: str) -> str:
    return STATUS_VI.get(status, status)


def stars_text(stars: int | None) -> str:
    return f"{stars} sao" if stars else "–"


def build_story(rows: Sequence[Any], *, authority: Sequence[str], place: str, today: dt.date,
                summary: str = "") -> list[Any]:
    from reportlab.platypus import Spacer

    story: list[Any] = [layout.national_header(authority, place=place, date=today)]
    story += layout.title_block("DANH SÁCH SẢN PHẨM OCOP", summary or "Tất cả sản phẩm")
    body = []
    for n, r in enumerate(rows, start=1):
        name = layout.text(r.name) + (f'<br/><font size="9.5">Mã: {layout.text(r.code)}</font>' if r.code else "")
        body.append([n, layout.para(name, "cell", markup=True), r.producer_name, r.commune_name, r.set_label, stars_text(r.stars),
                     _status_label(r.status)])
    story.append(layout.table(
        ["STT", "Tên sản phẩm", "Chủ thể", "Xã, phường", "Bộ sản phẩm", "Hạng", "Trạng thái"], body,
        [0.065, 0.26, 0.19, 0.115, 0.18, 0.07, 0.12], align=["c", "l", "l", "l", "l", "c", "l"]))
    story.append(Spacer(1, 6))
    story.append(layout.para(f"Tổng số: {len(rows)} sản phẩm.", "note"))
    return story


def render_product_list(rows: Sequence[Any], out: str | os.PathLike[str] | BinaryIO, *,
                        authority: Sequence[str] = (), place: str = "", today: dt.date | None = None,
                        product_filter: ProductFilter | None = None) -> int:
    """Write the (already filtered) rows as a PDF; returns the page count."""
    today = today or dt.date.today()
    summary = filter_summary(product_filter) if product_filter is not None else ""
    story = build_story(rows, authority=authority, place=place, today=today, summary=summary)
    return layout.build(story, out, title="Danh sách sản phẩm OCOP")


def office_heading(session: Any) -> tuple[list[str], str]:
    """The local office as the authority block (its name) and its province as the place."""
    from sqlalchemy import select

    from ocop_desktop.domain import geography
    from ocop_desktop.models import Office

    office = session.scalar(select(Office).where(Office.is_local.is_(True)))
    if office is None:
        return [], ""
    prov = geography.province(office.province_code)
    return [office.name], prov.name if prov else ""


def print_product_list(db: Any, out: str | os.PathLike[str] | BinaryIO, product_filter: ProductFilter, *,
                       today: dt.date | None = None) -> int:
    """The product list of the database ``db`` filtered as in the UI, as a PDF; returns the row count."""
    from ocop_desktop.services.products import list_products

    with db.read_session() as s:
        rows = filter_rows(list_products(s), product_filter)
        authority, place = office_heading(s)
    render_product_list(rows, out, authority=authority, place=place, today=today, product_filter=product_filter)
    return len(rows)
