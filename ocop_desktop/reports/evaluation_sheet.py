"""One evaluator's filled sheet ("PHIẾU ĐÁNH GIÁ SẢN PHẨM OCOP"), A4 portrait, Qt-free.

Every criterion of the rubric sheet is printed with all its options; the chosen option is
ticked in a drawn box (the shipped Liberation Serif has no ☒ or ✓ glyph, so the box is a
vector square with a bold "X" set inside it: it prints the same with Times New Roman and
stays searchable) and its row is shaded. Each criterion shows its maximum and the points
earned, each part its subtotal; then the parts A/B/C, the total, the stars by points and
after the star minima, the criteria that cap the rank, the elimination if any, the
evaluator's comment ("Ý kiến của người đánh giá") and the signature line.

:func:`sheet_views` reads an evaluation from the database (``services.evaluations``);
:func:`render_sheets` draws any number of :class:`SheetView` (each starts on a new page).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO

from ocop_desktop.reports import layout
from ocop_desktop.scoring.model import NoteKind, Sheet

CHOSEN_BG = (0.88, 0.93, 1.0)
PART_BG = (0.82, 0.82, 0.82)
GROUP_BG = (0.94, 0.94, 0.94)
KIND_VI = {"self": "Tự đánh giá", "field": "Đánh giá cấp xã", "council": "Hội đồng đánh giá",
           "legacy": "Kết quả trước đây"}


@dataclass(frozen=True)
class SheetView:
    """Everything one printed sheet needs (plain values)."""

    sheet: Sheet  # the rubric sheet
    choices: dict[str, int]  # criterion code → 0-based option index
    product_name: str
    product_code: str
    producer_name: str
    member_name: str
    member_role: str
    period: str  # "Đợt 1/2026"
    kind: str  # evaluation kind (self / field / council)
    result: Any  # scoring.engine.SheetResult
    comment: str = ""
    eliminated_by: str | None = None
    authority: tuple[str, ...] = ()
    place: str = ""
    date: dt.date | None = None
    is_agreed: bool = False


def _box_class():  # noqa: ANN202
    from reportlab.platypus import Flowable

    from ocop_desktop.reports import fonts

    class Box(Flowable):
        """A 9 pt tick box; checked: a bold X inside (searchable text, present in every serif)."""

        size = 9.0

        def __init__(self, checked: bool) -> None:
            super().__init__()
            self.checked = checked
            self.width = self.height = self.size

        def wrap(self, aw: float, ah: float) -> tuple[float, float]:  # noqa: ARG002
            return self.size, self.size

        def draw(self) -> None:
            c = self.canv
            c.setLineWidth(0.8)
            c.setStrokeColorRGB(0, 0, 0)
            c.rect(0, 0, self.size, self.size, stroke=1, fill=0)
            if self.checked:
                c.setFillColorRGB(0, 0, 0)
                c.setFont(fonts.BOLD, 10)
                c.drawCentredString(self.size / 2, 1.6, "X")

    return Box


def _points(n: Any) -> str:
    return "" if n is None else str(n)


def stars_text(stars: int | None) -> str:
    return f"{stars} sao" if stars else "không xếp hạng"


def _criteria_table(v: SheetView) -> Any:
    from reportlab.lib.colors import Color

    box = _box_class()
    rows: list[list[Any]] = []
    style: list[tuple] = [("ALIGN", (3, 1), (3, -1), "CENTER"), ("VALIGN", (3, 1), (3, -1), "MIDDLE")]
    earned = v.result.parts
    for part in v.sheet.parts:
        r = len(rows) + 1
        rows.append([layout.para(f"PHẦN {part.code}. {part.title}", "cell_b"), "", "", "", ""])
        style += [("SPAN", (0, r), (1, r)), ("BACKGROUND", (0, r), (-1, r), Color(*PART_BG))]
        rows[-1][2] = layout.para(str(part.max_points), "cell_bc")
        for group in part.groups:
            r = len(rows) + 1
            single = len(group.criteria) == 1 and group.criteria[0].code == group.number
            if not single:
                rows.append([layout.para(group.number, "cell_b"), layout.para(group.title, "cell_b"),
                             layout.para(str(group.max_points), "cell_bc"), "", ""])
                style.append(("BACKGROUND", (0, r), (-1, r), Color(*GROUP_BG)))
            shown_heads: set[str] = set()
            for crit in group.criteria:
                for head in group.subheadings:
                    if crit.code.startswith(head.code + ".") and head.code not in shown_heads:
                        shown_heads.add(head.code)
                        rows.append([layout.para(head.code, "cell_b"), layout.para(head.title, "cell_b"),
                                     layout.para(str(head.max_points), "cell_c"), "", ""])
                chosen = v.choices.get(crit.code)
                got = crit.options[chosen].points if chosen is not None and 0 <= chosen < len(crit.options) else None
                title = crit.title if not single else f"{group.title}"
                rows.append([layout.para(crit.code, "cell_b"), layout.para(title, "cell_b"),
                             layout.para(str(crit.max_points), "cell_c"), "",
                             layout.para(_points(got) if got is not None else "…", "cell_bc")])
                for opt in crit.options:
                    label = opt.text
                    if opt.min_stars:
                        label += f" ({'*' * opt.min_stars})"
                    r = len(rows) + 1
                    rows.append(["", layout.para(label, "cell"), layout.para(str(opt.points), "cell_c"),
                                 box(opt.index == chosen), ""])
                    if opt.index == chosen:
                        style.append(("BACKGROUND", (1, r), (3, r), Color(*CHOSEN_BG)))
                notes = [n for n in crit.notes if n.kind in (NoteKind.ELIMINATE, NoteKind.STOP)]
                for note in notes:
                    mark = " — ĐÃ ÁP DỤNG" if v.eliminated_by and v.eliminated_by == note.id else ""
                    rows.append(["", layout.para(f"Ghi chú: {note.text}{mark}", "cell_i"), "", "", ""])
        r = len(rows) + 1
        rows.append(["", layout.para(f"Cộng phần {part.code}", "cell_b"),
                     layout.para(str(part.max_points), "cell_bc"), "",
                     layout.para(_points(earned.get(part.code)), "cell_bc")])
        style.append(("BACKGROUND", (0, r), (-1, r), Color(*GROUP_BG)))
    return layout.table(["Mã", "Tiêu chí và mức đánh giá", "Điểm", "Chọn", "Đạt"], rows,
                        [0.08, 0.64, 0.09, 0.08, 0.11], align=["l", "l", "c", "c", "c"], extra_style=style)


def _summary(v: SheetView) -> list[Any]:
    from reportlab.platypus import KeepTogether, Spacer

    res = v.result
    rows = [[f"Phần {p.code}. {p.title}", str(p.max_points), _points(res.parts.get(p.code))] for p in v.sheet.parts]
    rows.append([layout.para("TỔNG ĐIỂM", "cell_b"), "100", layout.para(str(res.total), "cell_bc")])
    out: list[Any] = [layout.para("TỔNG HỢP KẾT QUẢ", "section"),
                      layout.table(["Phần", "Điểm tối đa", "Điểm đạt"], rows, [0.64, 0.16, 0.20],
                                   align=["l", "c", "c"]), Spacer(1, 4)]
    lines = [f"Hạng theo điểm: {stars_text(res.stars_by_points)}."]
    if res.eliminated is not None:
        lines.append(f"Sản phẩm bị loại: {res.eliminated.reason}")
    else:
        lines.append(f"Kết quả xếp hạng: {stars_text(res.stars)}.")
    for cap in res.capped_by:
        lines.append(f"Tiêu chí {cap.criterion} ({cap.title}) chưa đạt mức tối thiểu của hạng {cap.needs_stars} sao "
                     f"(cần “{cap.required_option}”, {cap.required_points} điểm; đạt {cap.chosen_points} điểm).")
    if res.missing:
        lines.append("Tiêu chí chưa chọn mức: " + ", ".join(res.missing) + ".")
    out += [layout.para(x, "body") for x in lines]
    return [KeepTogether(out)]


def _story(v: SheetView) -> list[Any]:
    from reportlab.platypus import KeepTogether, Spacer

    story: list[Any] = [layout.national_header(v.authority or ("",), place=v.place, date=v.date)]
    story += layout.title_block("PHIẾU ĐÁNH GIÁ SẢN PHẨM OCOP",
                                f"Bộ {v.sheet.set_number}: {v.sheet.title}", v.sheet.header)
    role = v.member_role or ("Phiếu thống nhất của Hội đồng" if v.is_agreed else "")
    info = [("Tên sản phẩm:", v.product_name), ("Mã sản phẩm:", v.product_code or "[chưa có]"),
            ("Chủ thể sản xuất:", v.producer_name), ("Hình thức đánh giá:", f"{KIND_VI.get(v.kind, v.kind)}, {v.period}"),
            ("Người đánh giá:", v.member_name), ("Chức vụ, vai trò:", role or "…")]
    t = layout.plain_table([[layout.para(a, "label"), b] for a, b in info], [0.26, 0.74])
    story += [t, Spacer(1, 8)]
    if v.sheet.rejection_rule:
        story.append(layout.para(v.sheet.rejection_rule, "note"))
        story.append(Spacer(1, 4))
    story.append(_criteria_table(v))
    story += _summary(v)
    comment = [layout.para("Ý kiến của người đánh giá:", "section")]
    if v.comment.strip():
        comment += [layout.para(line, "body") for line in v.comment.strip().split("\n")]
    else:
        comment += [layout.para("." * 150, "body"), layout.para("." * 150, "body")]
    story.append(KeepTogether(comment))
    story.append(layout.signature_block("Người đánh giá", v.member_name))
    return story


def render_sheets(views: Sequence[SheetView], out: str | os.PathLike[str] | BinaryIO) -> int:
    """One sheet per view, each from a new page; returns the page count."""
    from reportlab.platypus import PageBreak

    story: list[Any] = []
    for n, v in enumerate(views):
        if n:
            story.append(PageBreak())
        story += _story(v)
    return layout.build(story, out, title="Phiếu đánh giá sản phẩm OCOP")


def period_text(year: int, round_: int | None) -> str:
    return f"Đợt {round_}/{year}" if round_ else f"Năm {year}"


def sheet_views(session: Any, evaluation_id: str, member: int | None = None) -> list[SheetView]:
    """The sheets of an evaluation as printed: every live sheet (members by position, then the
    agreed sheet), or only member ``member`` (1-based, in the order of the member list).
    Raises BadInput for a historical result (no sheets) or a member number out of range."""
    from ocop_desktop.errors import BadInput
    from ocop_desktop.i18n import _
    from ocop_desktop.models import Producer, Product
    from ocop_desktop.services import evaluations as ev

    info = ev.get_evaluation(session, evaluation_id)
    sheet = ev.sheet_for(session, evaluation_id)  # BadInput for a historical result
    result = ev.evaluation_result(session, evaluation_id)
    outcomes = {o.sheet_id: o for o in result.sheets}
    product = session.get(Product, info.product_id)
    producer = session.get(Producer, product.producer_id) if product is not None else None
    authority, place = heading(session, info.kind)
    date = info.finalised_at.date() if info.finalised_at else None
    sheets = list(info.sheets)
    if member is not None:
        if not 1 <= member <= len(sheets):
            raise BadInput(_("This evaluation has {count} sheets; there is no sheet {n}.").format(
                count=len(sheets), n=member))
        sheets = [sheets[member - 1]]
    views = []
    for s in sheets:
        o = outcomes.get(s.id)
        if o is None:
            raise BadInput(result.problems.get(s.id, _("This sheet cannot be scored.")))
        views.append(SheetView(
            sheet=sheet, choices=dict(s.choices), product_name=info.product_name,
            product_code=(product.code or "") if product else "", producer_name=producer.name if producer else "",
            member_name=o.member_name if not s.member_name else s.member_name, member_role=s.member_role,
            period=period_text(info.year, info.round), kind=info.kind, result=o.result, comment=s.comment or "",
            eliminated_by=s.eliminated_by, authority=authority, place=place, date=date, is_agreed=s.is_agreed))
    return views


def heading(session: Any, kind: str) -> tuple[tuple[str, ...], str]:
    from ocop_desktop.reports.product_list import office_heading

    lines, place = office_heading(session)
    if kind == "council":
        lines = [*lines, "HỘI ĐỒNG ĐÁNH GIÁ, PHÂN HẠNG SẢN PHẨM OCOP"]
    return tuple(lines), place
