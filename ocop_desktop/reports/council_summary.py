"""The council's summary ("BẢNG TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ"), A4 portrait, Qt-free: the
members × parts A/B/C and total, the average (exact, shown to 2 decimals as the engine
displays it), the spread between members with its warning, the stars by points and after
the star minima, the capping criteria, the elimination, and the chair's signature.

Members' totals more than 10 points apart (domain brief §4.2: the council discusses and the
members re-score): while the council has neither an agreed sheet nor a recorded discussion
the summary asks for the discussion and states **no** result; once it has one, it states the
result and how the spread was settled — never both the request and a result.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any, BinaryIO

from ocop_desktop.reports import layout
from ocop_desktop.reports.evaluation_sheet import period_text, stars_text


@dataclass(frozen=True)
class CouncilView:
    product_name: str
    product_code: str
    producer_name: str
    set_label: str  # "Bộ 7: Chế biến từ rau, củ, quả, hạt"
    period: str
    members: tuple[tuple[str, str, dict[str, int], int], ...]  # (name, role, parts, total)
    council: Any  # scoring.engine.CouncilResult
    chair: str = ""
    authority: tuple[str, ...] = ()
    place: str = ""
    date: dt.date | None = None
    final: bool = True
    #: The spread is over the limit and not settled yet: no result is printed.
    spread_open: bool = False
    has_agreed_sheet: bool = False
    discussion: Any = None  # services.council_discussion.DiscussionData


def vn_number(value: Decimal | Fraction | int, places: int = 2) -> str:
    """83,00 (a Vietnamese decimal comma)."""
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    q = Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return f"{q}".replace(".", ",")


def _story(v: CouncilView) -> list[Any]:
    from reportlab.lib.colors import Color
    from reportlab.platypus import Spacer

    from ocop_desktop.scoring.engine import display_average

    c = v.council
    story: list[Any] = [layout.national_header(v.authority or ("",), place=v.place, date=v.date)]
    story += layout.title_block("BẢNG TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ", "Phân hạng sản phẩm OCOP" + f", {v.period}")
    story.append(layout.plain_table([
        [layout.para("Tên sản phẩm:", "label"), v.product_name],
        [layout.para("Mã sản phẩm:", "label"), v.product_code or "[chưa có]"],
        [layout.para("Chủ thể sản xuất:", "label"), v.producer_name],
        [layout.para("Bộ tiêu chí:", "label"), v.set_label]], [0.26, 0.74]))
    story.append(Spacer(1, 8))
    rows = []
    for n, (name, role, parts, total) in enumerate(v.members, start=1):
        who = layout.text(name) + (f'<br/><font size="9.5"><i>{layout.text(role)}</i></font>' if role else "")
        rows.append([n, layout.para(who, "cell", markup=True), parts.get("A", ""), parts.get("B", ""),
                     parts.get("C", ""), layout.para(str(total), "cell_bc")])
    count = len(v.members) or 1
    avg = [vn_number(Fraction(sum(m[2].get(p, 0) for m in v.members), count)) for p in "ABC"]
    rows.append(["", layout.para("Điểm trung bình", "cell_b"), *avg,
                 layout.para(vn_number(display_average(c.average)), "cell_bc")])
    last = len(rows)
    story.append(layout.table(["STT", "Thành viên Hội đồng", "Phần A (40)", "Phần B (25)", "Phần C (35)",
                               "Tổng (100)"], rows, [0.07, 0.41, 0.13, 0.13, 0.13, 0.13],
                              align=["c", "l", "c", "c", "c", "c"],
                              extra_style=[("BACKGROUND", (0, last), (-1, last), Color(0.94, 0.94, 0.94))]))
    story.append(Spacer(1, 6))
    lines = [f"Chênh lệch tổng điểm giữa các thành viên: {c.spread} điểm."]
    story += [layout.para(x) for x in lines]
    if v.spread_open:
        story.append(layout.para(f"Lưu ý: chênh lệch vượt quá {c.spread_limit} điểm; đề nghị Hội đồng thảo luận, "
                                 "thống nhất lại trước khi kết luận.", "warn"))
        story.append(layout.para("Chưa có kết luận: Hội đồng chưa nhập phiếu thống nhất và chưa ghi biên bản "
                                 "thảo luận.", "label"))
        story.append(layout.signature_block("CHỦ TỊCH HỘI ĐỒNG", v.chair))
        return story
    if c.spread_warning:
        story += _settled(v)
    story.append(layout.para(f"Hạng theo điểm trung bình: {stars_text(c.stars_by_points)}.", "body"))
    if c.eliminated is not None:
        story.append(layout.para(f"Sản phẩm bị loại: {c.eliminated.reason}", "label"))
    else:
        story.append(layout.para(f"KẾT QUẢ: {stars_text(c.stars).upper()} ({stars_text(c.stars)})", "label"))
    if c.capped_by:
        basis = "phiếu thống nhất của Hội đồng" if c.mode == "agreed" else "phiếu của từng thành viên"
        story.append(layout.para(f"Tiêu chí giới hạn hạng sao (xét trên {basis}):", "body"))
        for cap in c.capped_by:
            story.append(layout.para(
                f"– Tiêu chí {cap.criterion} ({cap.title}): chưa đạt mức tối thiểu của hạng {cap.needs_stars} sao "
                f"(cần “{cap.required_option}”, {cap.required_points} điểm; đạt {cap.chosen_points} điểm).", "body"))
    if not v.final:
        story.append(layout.para("Kết quả tạm tính: đánh giá chưa được chốt.", "warn"))
    story.append(layout.signature_block("CHỦ TỊCH HỘI ĐỒNG", v.chair))
    return story


def _settled(v: CouncilView) -> list[Any]:
    """How the council settled a spread over the limit: its discussion, or its agreed sheet."""
    limit = v.council.spread_limit
    d = v.discussion
    if d is None and v.has_agreed_sheet:
        return [layout.para(f"Chênh lệch vượt quá {limit} điểm; Hội đồng đã thống nhất phiếu đánh giá chung "
                            "(phiếu thống nhất của Hội đồng).", "body")]
    if d is None:  # finalised before the rule was enforced: stated, not requested
        return [layout.para(f"Chênh lệch vượt quá {limit} điểm; không có biên bản thảo luận kèm theo.", "body")]
    out = [layout.para(f"Chênh lệch vượt quá {limit} điểm; Hội đồng đã thảo luận ngày {layout.vn_date(d.date)}. "
                       f"Chủ trì: {layout.text(d.chair)}.", "body", markup=True)]
    if d.attendees:
        out.append(layout.para(f"Thành phần tham dự: {layout.text(d.attendees)}.", "body", markup=True))
    outcome = layout.text(d.outcome).replace("\n", "<br/>")
    out.append(layout.para(f"Kết luận của Hội đồng: {outcome}", "body", markup=True))
    return out


def render_council_summary(view: CouncilView, out: str | os.PathLike[str] | BinaryIO) -> int:
    return layout.build(_story(view), out, title="Bảng tổng hợp kết quả đánh giá")


def council_view(session: Any, evaluation_id: str) -> CouncilView:
    """The summary of a council evaluation; BadInput for any other kind or a council without members."""
    from ocop_desktop.domain.product_sets import BY_NUMBER
    from ocop_desktop.errors import BadInput
    from ocop_desktop.i18n import _
    from ocop_desktop.models import Producer, Product
    from ocop_desktop.reports.evaluation_sheet import heading
    from ocop_desktop.services import evaluations as ev
    from ocop_desktop.text import fold

    info = ev.get_evaluation(session, evaluation_id)
    if info.kind != "council":
        raise BadInput(_("Only a council evaluation has a council summary."))
    result = ev.evaluation_result(session, evaluation_id)
    if result.council is None:
        raise BadInput(result.problems.get("evaluation") or _("This council has no members' sheets yet."))
    members = tuple((o.member_name, o.member_role, dict(o.result.parts), o.result.total)
                    for o in result.sheets if not o.is_agreed)
    chair = next((o.member_name for o in result.sheets if not o.is_agreed and "chu tich" in fold(o.member_role)), "")
    product = session.get(Product, info.product_id)
    producer = session.get(Producer, product.producer_id) if product is not None else None
    ps = BY_NUMBER.get(info.product_set or 0)
    authority, place = heading(session, info.kind)
    return CouncilView(
        product_name=info.product_name, product_code=(product.code or "") if product else "",
        producer_name=producer.name if producer else "",
        set_label=f"Bộ {info.product_set}: {ps.title}" if ps else f"Bộ {info.product_set}",
        period=period_text(info.year, info.round), members=members, council=result.council, chair=chair,
        authority=authority, place=place, date=info.finalised_at.date() if info.finalised_at else None,
        final=info.is_final, spread_open=result.spread_open and not info.is_final,
        has_agreed_sheet=any(o.is_agreed for o in result.sheets), discussion=result.discussion)
