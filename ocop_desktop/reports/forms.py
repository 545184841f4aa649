"""The forms of QĐ 26/2026/QĐ-TTg Phụ lục III, A4 portrait, pre-filled from the records:

- Mẫu số 01 "Phiếu đăng ký tham gia đánh giá, phân hạng sản phẩm OCOP" (the producer's
  registration, with the part the commune and province fill on receipt);
- Mẫu số 02 "Báo cáo tự đánh giá về sản phẩm" (the producer's self-assessment report);
- Mẫu số 03 "Báo cáo đánh giá một số nội dung của hồ sơ đăng ký…" (the commune's report,
  from :class:`~ocop_desktop.models.CommuneAssessment`).

They follow the official structure and wording; whatever the records do not hold is left
as a dotted line ("……") to fill by hand, exactly like the paper form. Printed text is
fixed Vietnamese (legal forms) whatever the interface language. Qt-free.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from ocop_desktop.reports import fonts, layout
from ocop_desktop.text import nfc

FORMS = ("01", "02", "03")
DOT = "…"
FONT_SIZE = 12

PRODUCER_KINDS = {
    "htx": "Hợp tác xã", "tht": "Tổ hợp tác", "tnhh": "Công ty trách nhiệm hữu hạn",
    "dntn": "Doanh nghiệp tư nhân", "ctcp": "Công ty cổ phần", "trang_trai": "Trang trại",
    "ho_sx": "Hộ sản xuất", "ho_kd": "Hộ kinh doanh",
    "hoi": "Hội, hiệp hội, trung tâm điều hành du lịch",
}
SEXES = {"nam": "Nam", "nu": "Nữ"}
VERDICTS = {"yes": "Có", "partial": "Một phần", "no": "Không"}
IDEA_ORIGINS = {"traditional": "Sản phẩm truyền thống", "new": "Sản phẩm mới"}

TITLES = {
    "01": "PHIẾU ĐĂNG KÝ",
    "02": "BÁO CÁO TỰ ĐÁNH GIÁ VỀ SẢN PHẨM",
    "03": "BÁO CÁO",
}
DOC_TITLES = {
    "01": "Mẫu số 01 - Phiếu đăng ký đánh giá, phân hạng sản phẩm OCOP",
    "02": "Mẫu số 02 - Báo cáo tự đánh giá về sản phẩm",
    "03": "Mẫu số 03 - Báo cáo đánh giá một số nội dung của hồ sơ đăng ký tham gia đánh giá, phân hạng sản phẩm OCOP",
}


@dataclass(frozen=True)
class AssessmentView:
    """The commune's Mẫu 03 record as printed."""

    year: int
    round: int
    commune_name: str  # "Xã Trùng Khánh"
    raw_material_verdict: str | None = None
    raw_material_text: str = ""
    labour_verdict: str | None = None
    labour_text: str = ""
    idea_origin_verdict: str | None = None
    idea_origin_text: str = ""
    local_identity_verdict: str | None = None
    local_identity_text: str = ""
    rep_sex: str | None = None
    rep_ethnicity: str = ""  # the group's name
    assessed_on: dt.date | None = None
    signer_name: str = ""
    signer_title: str = ""


@dataclass(frozen=True)
class FormView:
    producer_name: str
    producer_kind: str  # the Vietnamese label
    address: str
    phone: str = ""
    email: str = ""
    rep_name: str = ""
    rep_title: str = ""
    rep_sex: str | None = None  # Sex code
    rep_ethnicity: str = ""  # the group's name
    reg_date: dt.date | None = None
    reg_number: str = ""
    identifier: str = ""
    product_name: str = ""
    product_code: str = ""
    product_description: str = ""
    set_path: str = ""  # "I. Thực phẩm › 3. Thực phẩm chế biến › c. …"
    set_label: str = ""  # "Bộ 7: Chế biến từ rau, củ, quả, hạt"
    first_time: bool = False  # no stars yet: "Lần đầu"
    province_name: str = ""
    province_code: str = ""
    commune_name: str = ""
    commune_code: str = ""
    year: int | None = None
    ticks: frozenset[str] = field(default_factory=frozenset)  # Mẫu 02 item 7 boxes held
    assessment: AssessmentView | None = None


# -- small pieces ------------------------------------------------------------------------------

def _style(name: str = "field", **kw: Any):  # noqa: ANN202
    from reportlab.lib.styles import ParagraphStyle

    base = layout.styles()["base"]
    kw.setdefault("leading", 14.2)
    kw.setdefault("spaceAfter", 1.5)
    return ParagraphStyle(name, parent=base, **kw)


def _p(markup: str, **kw: Any):  # noqa: ANN202
    from reportlab.platypus import Paragraph

    return Paragraph(markup, _style(**kw))


def _width(s: str, font: str | None = None) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(nfc(s), font or fonts.REGULAR, FONT_SIZE)


def dots(width: float) -> str:
    """Dots ("……") filling about ``width`` points."""
    return DOT * max(3, int(width / _width(DOT)) - 1)


def _value(label: str, value: Any, width: float) -> str:
    """Markup: the label, then the value, or dots to the end of ``width``."""
    text = "" if value is None else nfc(str(value)).strip()
    if text:
        return f"{layout.text(label)} {layout.text(text)}"
    return f"{layout.text(label)} {dots(width - _width(label + ' ') - 2)}"


def line(*parts: tuple[str, Any] | tuple[str, Any, float], indent: float = 0, after: str = "",
         width: float | None = None):  # noqa: ANN201
    """One form line of ``(label, value[, share of the width])`` parts; missing values become dots."""
    avail = (width or layout.CONTENT_W) - indent - _width(after)
    shares = [p[2] if len(p) > 2 else 1 / len(parts) for p in parts]  # type: ignore[misc]
    markup = " ".join(_value(p[0], p[1], avail * s - 4) for p, s in zip(parts, shares, strict=True))
    return _p(markup + layout.text(after), leftIndent=indent)


def dotted_lines(n: int = 1):  # noqa: ANN201
    return _p("<br/>".join(dots(layout.CONTENT_W - 2) for _ in range(n)))


def box(ticked: bool) -> str:
    return "<b>√</b>" if ticked else "□"


def _rule(width: float, align: str = "CENTER"):  # noqa: ANN202
    from reportlab.platypus import HRFlowable

    return HRFlowable(width=width, thickness=0.7, color=(0, 0, 0), hAlign=align, spaceBefore=2, spaceAfter=2)


def _form_mark(number: str):  # noqa: ANN202
    from reportlab.lib.enums import TA_RIGHT

    return _p(f"<i>Mẫu số {number}</i>", alignment=TA_RIGHT, fontSize=11, leading=13)


def _nation_only():  # noqa: ANN202 - the heading of Mẫu 01: the nation and motto, centred
    return [layout.para(layout.NATION, "nation"), layout.para(layout.MOTTO, "motto"),
            _rule(_width(layout.MOTTO, fonts.BOLD) * 13 / FONT_SIZE)]


def date_text(place: str, date: dt.date | None) -> str:
    """"Trùng Khánh, ngày 05 tháng 11 năm 2026", or the blank "........, ngày........tháng........năm......"."""
    if date is None:
        return f"{nfc(place) or '........'}, ngày........tháng........năm......"
    return layout.official_date(nfc(place) or "........", date)


def signature(title: str, hint: str, name: str = "", *, place: str = "", date: dt.date | None = None,
              with_date: bool = True, room: float = 62, gap: float = 10, before: Any = None):  # noqa: ANN201
    """The signature on the right half: place and date (dotted when unknown), title lines,
    the hint, room to sign and the name. Kept together (with ``before``, e.g. the closing
    sentence, when given: KeepTogether must not be nested)."""
    from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

    right: list[Any] = []
    if with_date:
        right.append(layout.para(date_text(place, date), "date"))
    right += [layout.para(t, "sign_title") for t in (nfc(x) for x in title.split("\n")) if t]
    right.append(layout.para(hint, "sign_hint"))
    right.append(Spacer(1, room))
    right.append(layout.para(name, "sign_name"))
    t = Table([[layout.para(""), right]], colWidths=[layout.CONTENT_W * 0.42, layout.CONTENT_W * 0.58])
    t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                           ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                           ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return KeepTogether(([before] if before is not None else []) + _with_gap(t, gap))


def _with_gap(t: Any, gap: float) -> list[Any]:
    from reportlab.platypus import Spacer

    return [Spacer(1, gap), t]


def _section(text: str):  # noqa: ANN202
    return layout.para(text, "section")


def _centre_bold(text: str, size: float = 13):  # noqa: ANN202
    from reportlab.lib.enums import TA_CENTER

    return _p(f"<b>{layout.text(text)}</b>", alignment=TA_CENTER, fontSize=size, leading=size * 1.25)


def _body(markup: str, **kw: Any):  # noqa: ANN202
    from reportlab.lib.enums import TA_JUSTIFY

    return _p(markup, alignment=TA_JUSTIFY, **kw)


def _short_place(name: str) -> str:
    """"Trùng Khánh" for "Xã Trùng Khánh" (the place in a date line)."""
    for prefix in ("Xã ", "Phường ", "Đặc khu ", "Thị trấn "):
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


def _lower_type(name: str) -> str:
    """"xã Trùng Khánh" for "Xã Trùng Khánh" (inside a sentence)."""
    return name[:1].lower() + name[1:] if name else name


def _province_phrase(name: str) -> str:
    if not name:
        return ""
    return _lower_type(name) if name.startswith("Thành phố") else f"tỉnh {name}"


def _sex_and_ethnicity(v: FormView, sex: str | None, ethnicity: str):  # noqa: ANN202
    s = SEXES.get(sex or "", "")
    half = layout.CONTENT_W - 10
    markup = (_value("- Giới tính:", s, half * 0.45 - _width(" (Nam/nữ);")) + " (Nam/nữ); "
              + _value("Dân tộc:", ethnicity, half * 0.55))
    return _p(markup)


def _rep_lines(v: FormView, number: int, sex: str | None, ethnicity: str) -> list[Any]:
    return [
        _p(f"{number}. Tên người đại diện pháp luật:"),
        line(("- Họ tên:", v.rep_name)),
        _sex_and_ethnicity(v, sex, ethnicity),
        line(("- Địa chỉ thường trú:", "")),
    ]


def _receipt_code(v: FormView) -> str:
    prov = v.province_code or "(Mã tỉnh)"
    commune = v.commune_code or "(Mã xã)"
    year = str(v.year) if v.year else "(Năm)"
    return f"Phiếu số: ……-……. /PĐK-{prov}-{commune}-{year}"


# -- Mẫu số 01 ---------------------------------------------------------------------------------

def _story_01(v: FormView) -> list[Any]:
    from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

    story: list[Any] = [_form_mark("01"), *_nation_only(), Spacer(1, 12)]
    story.append(layout.para(TITLES["01"], "title"))
    story.append(_centre_bold("Tham gia đánh giá, phân hạng sản phẩm OCOP", 12.5))
    prov = v.province_name or "……………."
    year = str(v.year) if v.year else "………."
    story.append(_centre_bold(f"của tỉnh {prov} năm {year}", 12.5))
    story.append(Spacer(1, 10))
    w = layout.CONTENT_W
    story += [
        _section("1. Thông tin về đơn vị đăng ký:"),
        line(("- Tên đơn vị:", v.producer_name)),
        line(("- Họ tên người đại diện pháp lý:", v.rep_name)),
        line(("- Chức vụ:", v.rep_title)),
        line(("- Địa chỉ liên hệ:", v.address)),
        line(("- Điện thoại:", v.phone, 0.45), ("Email:", v.email, 0.55)),
        _p(f"<b>2. Tên sản phẩm:</b> {layout.text(v.product_name) or dots(w - _width('2. Tên sản phẩm: ', fonts.BOLD))}"),
        _p("<b>3. Nhóm sản phẩm đăng ký (Ngành, Nhóm, Phân nhóm<super>1</super>):</b> "
           + (layout.text(v.set_path + (f" ({v.set_label})" if v.set_label else "")) if v.set_path
              else dots(w * 0.25) + "<br/>" + dots(w - 2))),
        _p(f"<b>4. Lần đăng ký đánh giá:</b> Lần đầu {box(v.first_time)}&nbsp;&nbsp;&nbsp; Nâng hạng: □"
           f"&nbsp;&nbsp;&nbsp; Đánh giá lại: □"),
        _p("<b>5. Tài liệu kèm theo:</b>"),
        _body("- Báo cáo đánh giá về sản phẩm theo Bộ tiêu chí (bản gốc, bản điện tử)."),
        line(("- Sản phẩm mẫu (số lượng):", "")),
        Spacer(1, 4),
        _body("Cam đoan những thông tin trong Phiếu đăng ký là đúng sự thật, chúng tôi xin cam kết tuân thủ các "
              "quy định về đánh giá, phân hạng sản phẩm OCOP, chịu trách nhiệm trước Hội đồng và pháp luật về "
              "Hồ sơ đăng ký đánh giá, phân hạng sản phẩm.", firstLineIndent=24),
        signature("ĐẠI DIỆN", "(Ký, đóng dấu, ghi rõ họ tên)", v.rep_name),
        Spacer(1, 6),
        _rule(110, "LEFT"),
        _p("<super>1</super> Theo Phụ lục I về Danh mục phân loại sản phẩm tham gia đánh giá, phân hạng sản "
           "phẩm OCOP.", fontSize=10, leading=12),
    ]
    # The part the authorities fill on receipt, in a box.
    story.append(Spacer(1, 10))

    inner = w - 14

    def receipt(title: str) -> list[Any]:
        sign = Table([[layout.para(""), [layout.para("Cơ quan tiếp nhận", "sign_title"),
                                         layout.para("(Ký, đóng dấu và ghi rõ họ tên)", "sign_hint"),
                                         Spacer(1, 50)]]], colWidths=[inner * 0.45, inner * 0.55])
        sign.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                  ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
        return [
            _centre_bold(title, 12),
            layout.para(_receipt_code(v), "base"),
            line(("Ngày nhận:", ""), width=inner),
            line(("Người tiếp nhận:", "", 0.58), ("Chữ ký:", "", 0.42), width=inner),
            sign,
        ]

    rows = [[_centre_bold("PHẦN DÀNH CHO CƠ QUAN QUẢN LÝ", 12.5)],
            [receipt("DÀNH CHO ỦY BAN NHÂN DÂN CẤP XÃ")],
            [receipt("DÀNH CHO CƠ QUAN QUẢN LÝ OCOP CẤP TỈNH")]]
    t = Table(rows, colWidths=[w])
    t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR), ("BOX", (0, 0), (-1, -1), 0.7, (0, 0, 0)), ("LINEBELOW", (0, 1), (-1, 1), 0.5, (0, 0, 0)),
                           ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 6),
                           ("RIGHTPADDING", (0, 0), (-1, -1), 6), ("TOPPADDING", (0, 0), (-1, -1), 4)]))
    story.append(KeepTogether([t]))
    return story


# -- Mẫu số 02 ---------------------------------------------------------------------------------

EVIDENCE = (
    ("Giấy đăng ký kinh doanh", "Bản sao chứng minh hoạt động kinh doanh hợp pháp (đối với các đơn vị/cá nhân "
     "có đăng ký kinh doanh)"),
    ("Giấy chứng nhận cơ sở đủ điều kiện sản xuất", "Bản sao (đối với sản phẩm cần phải có giấy chứng nhận theo "
     "quy định hiện hành)"),
    ("Nguồn gốc nguyên liệu, vùng nguyên liệu, liên kết chuỗi", "Bản sao tài liệu: Giấy xác nhận an toàn thực "
     "phẩm đối với vùng nguyên liệu, hợp đồng mua bán/hợp đồng nguyên tắc, thỏa thuận liên kết, thanh lý hợp "
     "đồng, hóa đơn chứng từ hợp lệ... chứng minh nguồn gốc nguyên liệu, liên kết chuỗi."),
    ("Bảo vệ môi trường, sử dụng công nghệ theo hướng bền vững", "Bản sao hồ sơ, thủ tục về môi trường theo quy "
     "định; hình ảnh minh chứng về thực hiện giải pháp bảo vệ môi trường; hình ảnh, mô tả công nghệ sử dụng theo "
     "hướng bền vững."),
    ("Sử dụng lao động địa phương", "Danh sách lao động đóng bảo hiểm có xác nhận của chủ thể, bao gồm cả nơi "
     "thường trú."),
    ("Tăng trưởng sản xuất kinh doanh", "- Bản sao Tài liệu minh chứng kết quả phân loại hợp tác xã hoặc báo cáo "
     "tài chính 2 năm gần nhất.\n- Bản sao Báo cáo tài chính của chủ thể 2 năm gần nhất."),
    ("Sở hữu trí tuệ", "Minh chứng thể hiện Đơn đăng ký nhãn hiệu đã được cơ quan có thẩm quyền chấp nhận hoặc "
     "công bố.\nBản sao Giấy chứng nhận đăng ký nhãn hiệu; văn bằng ghi nhận quyền sử dụng chỉ dẫn địa lý, nhãn "
     "hiệu tập thể, nhãn hiệu chứng nhận; Bằng sáng chế, Bằng độc quyền kiểu dáng công nghiệp,..."),
    ("Phát triển thị trường, hoạt động quảng bá, xúc tiến thương mại", "Bản sao tài liệu: Hợp đồng, cam kết, ký "
     "gửi, đặt hàng, biên nhận, hóa đơn, chứng từ để minh chứng xác nhận về phân phối sản phẩm, xuất khẩu sản "
     "phẩm, hoạt động xúc tiến thương mại..."),
    ("Quảng bá sản phẩm", "Tài liệu minh chứng về website, hoạt động quảng bá."),
    ("Câu chuyện về sản phẩm", "Bản sao tờ rơi, hình ảnh, phim, ghi âm... minh chứng về câu chuyện của sản phẩm"),
    ("Công bố chất lượng sản phẩm", "Bản sao tài liệu, chứng minh chất lượng sản phẩm được công bố"),
    ("Phiếu kết quả kiểm nghiệm chỉ tiêu chất lượng, an toàn thực phẩm theo tiêu chuẩn công bố", "Bản sao tài "
     "liệu chứng minh đạt tiêu chuẩn chất lượng, an toàn thực phẩm."),
    ("Mã số mã vạch, tem truy xuất nguồn gốc,", "Bản sao tài liệu, chứng minh mã, tem, sở hữu thương hiệu..."),
    ("Hệ thống quản lý chất lượng tiên tiến, kiểm soát chất lượng", "Bản sao tài liệu: chứng nhận Hệ thống quản "
     "lý chất lượng tiên tiến, chứng minh hệ thống quản lý đạt tiêu chuẩn"),
    ("Giải thưởng của sản phẩm, bình chọn của các tổ chức uy tín trong nước và quốc tế...", "Bản sao tài liệu, "
     "minh chứng về các thành tích, giải thưởng, bình chọn..."),
)


def _story_02(v: FormView) -> list[Any]:
    from reportlab.platypus import Spacer

    w = layout.CONTENT_W
    t = v.ticks
    reg = v.reg_number or v.identifier
    if v.reg_number and v.identifier and v.identifier != v.reg_number:
        reg = f"{v.reg_number} (mã số {v.identifier})"
    product = v.product_name + (f" – {v.product_description}" if v.product_description else "")
    story: list[Any] = [_form_mark("02"), Spacer(1, 6), layout.para(TITLES["02"], "title"),
                        layout.para("(Dành cho chủ thể có sản phẩm đăng ký)", "subtitle"),
                        _centre_bold("Phần I"), _centre_bold("THÔNG TIN CHUNG"), Spacer(1, 4),
                        line(("1. Tên chủ thể:", v.producer_name)),
                        line(("2. Loại hình tổ chức:", v.producer_kind)),
                        line(("3. Địa chỉ:", v.address)),
                        line(("4. Điện thoại:", v.phone, 0.45), ("Email:", v.email, 0.55)),
                        *_rep_lines(v, 5, v.rep_sex, v.rep_ethnicity),
                        line(("6. Ngày thành lập/đăng ký kinh doanh:", layout.vn_date(v.reg_date), 0.55),
                             ("Số giấy đăng ký (nếu có):", reg, 0.45)),
                        _p("7. Tên sản phẩm/dịch vụ, mô tả về quy cách sản phẩm, tiêu chuẩn: "
                           + (layout.text(product) if v.product_name else "")),
                        ]
    if v.product_name:
        story.append(dotted_lines(1))
    else:
        story.append(dotted_lines(2))
    story += [
        _p("<i>Đánh dấu (√) vào mục tương ứng:</i>"),
        _p(f"a) Giấy đăng ký kinh doanh: {box('a' in t)}"),
        _p(f"b) Đã công bố chất lượng sản phẩm theo quy định: {box('b' in t)}"),
        _p("c) Đã có các điều kiện sản xuất theo quy định:"),
        _body(f"- Giấy chứng nhận cơ sở đủ điều kiện vệ sinh an toàn thực phẩm theo quy định của pháp luật cho sản "
              f"xuất sản phẩm: {box('c1' in t)}", leftIndent=12),
        _body("- Giấy chứng nhận cơ sở đủ điều kiện sản xuất bắt buộc theo quy định cho sản phẩm <i>(đối với các "
              f"sản phẩm bắt buộc theo quy định)</i> {box('c2' in t)}", leftIndent=12),
        _p(f"d) Đã có đăng ký sở hữu trí tuệ: {box('d' in t)}"),
        _p(f"+ Giấy chứng nhận đăng ký nhãn hiệu: {box('d1' in t)}", leftIndent=12),
        _body("+ Văn bản ghi nhận quyền sử dụng chỉ dẫn địa lý, nhãn hiệu tập thể, nhãn hiệu chứng nhận: "
              f"{box('d2' in t)}", leftIndent=12),
        _p(f"+ Bằng sáng chế {box('d3' in t)}", leftIndent=12),
        _p(f"+ Bằng độc quyền kiểu dáng công nghiệp: {box('d4' in t)}", leftIndent=12),
        _p(f"+ Giấy chứng nhận bản quyền tác giả {box('d5' in t)}", leftIndent=12),
        _p(f"+ Khác (ghi rõ): {box('d6' in t)} " + dots(w * 0.55), leftIndent=12),
        _p("8. Lịch sử hình thành của chủ thể (nêu các giai đoạn hình thành và phát triển):"),
        dotted_lines(2),
        _p("9. Cơ cấu tổ chức của chủ thể:"),
        dotted_lines(1),
        Spacer(1, 6),
        _centre_bold("Phần II"), _centre_bold("KẾT QUẢ THỰC HIỆN PHƯƠNG ÁN SẢN XUẤT KINH DOANH"), Spacer(1, 4),
        _body("<b>Nội dung yêu cầu:</b> Đánh giá kết quả triển khai phương án sản xuất, kinh doanh của chủ thể theo "
              "Phương án sản xuất, kinh doanh khi tham gia OCOP."),
        _body("<i>Lưu ý: trình bày rõ một số nội dung sau:</i>"),
        _body("- Tổ chức vùng nguyên liệu, công nghệ sản xuất, sơ chế, chế biến, đóng gói sản phẩm của chủ thể."),
        _body("- Sự thay đổi về chất lượng sản phẩm: chất lượng, tiêu chuẩn chất lượng, bao bì, nhãn mác, hình thức "
              "đóng gói,..."),
        _body("- Thị trường phân phối sản phẩm."),
        _body("- Kết quả sản xuất, kinh doanh: doanh thu, lợi nhuận."),
        dotted_lines(4),
        Spacer(1, 6),
        _centre_bold("Phần III"), _centre_bold("ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN THEO BỘ TIÊU CHÍ SẢN PHẨM OCOP"),
        Spacer(1, 4),
    ]
    if v.set_label:
        story.append(_body(f"<i>Bộ tiêu chí áp dụng: {layout.text(v.set_label)}.</i>"))
    story += [
        _body("- Căn cứ vào Bộ tiêu chí đánh giá, phân hạng sản phẩm OCOP tương ứng với sản phẩm đăng ký, chủ thể tự "
              "đánh giá về kết quả (điểm số) có thể đạt theo thứ tự từng tiêu chí."),
        _body("- Mô tả, chứng minh về kết quả tương ứng (mô tả, tài liệu minh chứng cho nội dung mô tả, được sắp xếp "
              "theo thứ tự các chỉ tiêu trong Bộ tiêu chí)."),
        _body("- Tài liệu minh chứng kèm theo vào phụ lục của Báo cáo, tham khảo hướng dẫn theo bảng dưới đây:"),
        Spacer(1, 2),
        layout.table(["TT", "Nội dung", "Yêu cầu"], [["-", a, b] for a, b in EVIDENCE], [0.07, 0.36, 0.57],
                     align=["c", "l", "l"]),
        Spacer(1, 6),
        _body("<i>Đối với sản phẩm đăng ký đánh giá, phân hạng lại: cần rà soát, cập nhật những nội dung mới và đánh "
              "giá về những thay đổi, kết quả đạt được sau 3 năm được công nhận OCOP: về nguyên liệu, công nghệ sử "
              "dụng, bao bì, nhãn mác, công bố chất lượng, thị trường tiêu thụ, sản lượng, doanh thu; bổ sung các "
              "giấy tờ minh chứng pháp lý có thời hạn;....</i>"),
        Spacer(1, 6),
        _centre_bold("Phần IV"), _centre_bold("KẾ HOẠCH SẢN XUẤT, KINH DOANH"), Spacer(1, 4),
        _body("Trình bày những định hướng, kế hoạch của chủ sở hữu trong thời gian tới về phát triển sản phẩm, tổ "
              "chức sản xuất, thị trường."),
        dotted_lines(3),
        signature("ĐẠI DIỆN THEO PHÁP LUẬT CỦA CƠ SỞ", "(Ký, họ tên, đóng dấu)", v.rep_name),
    ]
    return story


# -- Mẫu số 03 ---------------------------------------------------------------------------------

CONTENTS_03 = (
    ("1. Về sử dụng nguyên liệu địa phương:", "(Nội dung thể hiện rõ mô tả của chủ thể và đánh giá về tình hình "
     "sử dụng nguyên liệu thực tế của chủ thể trên địa bàn xã).", "raw_material", VERDICTS),
    ("2. Về sử dụng lao động địa phương:", "(Nội dung thể hiện rõ mô tả của chủ thể và đánh giá về tình hình sử "
     "dụng thực tế về lao động địa phương của chủ thể trên địa bàn xã).", "labour", VERDICTS),
    ("3. Nguồn gốc ý tưởng sản phẩm:", "(Nhận xét về nguồn gốc sản phẩm (truyền thống, sản phẩm mới) của chủ thể "
     "dựa trên thực tế của địa phương).", "idea_origin", IDEA_ORIGINS),
    ("4. Bản sắc/trí tuệ địa phương:", "(Đánh giá các giá trị văn hóa, tri thức bản địa (giống, nguyên liệu, điều "
     "kiện sản xuất), kinh nghiệm sản xuất của cộng đồng và phương thức sản xuất đặc trưng của địa phương, tạo "
     "nên sự khác biệt của sản phẩm).", "local_identity", VERDICTS),
)


def _story_03(v: FormView) -> list[Any]:
    from reportlab.platypus import Spacer

    a = v.assessment
    assert a is not None
    commune = a.commune_name or v.commune_name
    story: list[Any] = [_form_mark("03"),
                        layout.national_header(("ỦY BAN NHÂN DÂN", commune or "XÃ/PHƯỜNG…"),
                                               place=_short_place(commune), date=a.assessed_on)]
    if a.assessed_on is None:
        from reportlab.platypus import Table, TableStyle

        t = Table([[layout.para(""), layout.para(date_text(_short_place(commune), None), "date")]],
                  colWidths=[layout.CONTENT_W * 0.40, layout.CONTENT_W * 0.60])
        t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
        story.append(t)
    story += [Spacer(1, 8), layout.para(TITLES["03"], "title"),
              _centre_bold("Đánh giá một số nội dung của hồ sơ đăng ký tham gia đánh giá, phân hạng sản phẩm OCOP",
                           12.5),
              Spacer(1, 4),
              _section("I. THÔNG TIN CHUNG VỀ HỒ SƠ SẢN PHẨM"),
              line(("1. Tên chủ thể:", v.producer_name)),
              line(("2. Loại hình tổ chức:", v.producer_kind)),
              line(("3. Địa chỉ:", v.address)),
              *_rep_lines(v, 4, a.rep_sex or v.rep_sex, a.rep_ethnicity or v.rep_ethnicity),
              line(("5. Sản phẩm đăng ký đánh giá:",
                    v.product_name + (f" (mã {v.product_code})" if v.product_code else ""))),
              Spacer(1, 4),
              _section("II. ĐÁNH GIÁ MỘT SỐ NỘI DUNG CỦA HỒ SƠ SẢN PHẨM")]
    for heading, hint, key, labels in CONTENTS_03:
        verdict = labels.get(getattr(a, f"{key}_verdict") or "", "")
        written = nfc(getattr(a, f"{key}_text") or "").strip()
        story.append(_body(f"<b>{layout.text(heading)}</b> <i><font size=\"11\">{layout.text(hint)}</font></i>",
                           leading=14))
        label = "Nhận xét:" if key == "idea_origin" else "Kết luận:"
        story.append(_p(_value(label, verdict, layout.CONTENT_W - 12), leftIndent=12))
        if written:
            story += [_body(layout.text(par), leftIndent=12) for par in written.split("\n") if par.strip()]
        else:
            story.append(_p(dots(layout.CONTENT_W - 14) + "<br/>" + dots(layout.CONTENT_W - 14), leftIndent=12))
    commune_phrase = _lower_type(commune) if commune else "xã...."
    prov = _province_phrase(v.province_name) or "tỉnh...."
    product = v.product_name or "...."
    proposal = _body(f"Ủy ban nhân dân {layout.text(commune_phrase)} đề nghị Ủy ban nhân dân {layout.text(prov)} "
                     f"đánh giá, phân hạng sản phẩm OCOP cho sản phẩm {layout.text(product)} của "
                     f"{layout.text(v.producer_name or '…….')}.", firstLineIndent=24, spaceBefore=4)
    title = f"T.M ỦY BAN NHÂN DÂN {(commune or 'XÃ....').upper()}"
    if a.signer_title:
        title += f"\n{a.signer_title.upper()}"
    story.append(signature(title, "(Ký tên và đóng dấu)", a.signer_name, with_date=False, room=42, gap=2,
                           before=proposal))
    return story


# -- entry points ------------------------------------------------------------------------------

def render_form(form: str, view: FormView, out: str | os.PathLike[str] | BinaryIO) -> int:
    """Write Mẫu ``form`` ("01", "02" or "03") as a PDF; returns the page count."""
    story = {"01": _story_01, "02": _story_02, "03": _story_03}[form](view)
    return layout.build(story, out, title=DOC_TITLES[form])


def _ticks(producer: Any, product: Any) -> frozenset[str]:
    kinds = {str(c.get("kind")) for c in (product.certifications or []) if isinstance(c, dict)}
    t: set[str] = set()
    if producer.reg_number or producer.reg_date:
        t.add("a")
    if "cong_bo_chat_luong" in kinds:
        t.add("b")
    if producer.food_safety_cert_no:
        t.add("c1")
    if "nhan_hieu" in kinds:
        t.add("d1")
    if kinds & {"chi_dan_dia_ly", "nhan_hieu_tap_the", "nhan_hieu_chung_nhan"}:
        t.add("d2")
    if t & {"d1", "d2"}:
        t.add("d")
    return frozenset(t)


def find_assessment(session: Any, product_id: str, year: int | None, round_: int | None) -> Any:
    """The product's live commune report for that year and round (the latest matching one when
    either is omitted), or None."""
    from sqlalchemy import select

    from ocop_desktop.models import CommuneAssessment

    q = select(CommuneAssessment).where(CommuneAssessment.product_id == product_id,
                                        CommuneAssessment.deleted.is_(False))
    if year is not None:
        q = q.where(CommuneAssessment.year == year)
    if round_ is not None:
        q = q.where(CommuneAssessment.round == round_)
    return session.scalars(q.order_by(CommuneAssessment.year.desc(), CommuneAssessment.round.desc())).first()


def form_view(session: Any, form: str, product_id: str, *, year: int | None = None,
              round_: int | None = None) -> FormView:
    """The form's data from the records. Mẫu 03 needs the product's commune report for that
    year/round: BadInput with the reason when there is none; NotFound for an unknown product."""
    from ocop_desktop.domain import ethnic_groups, geography, product_sets
    from ocop_desktop.errors import BadInput
    from ocop_desktop.i18n import _
    from ocop_desktop.models import Producer, Product
    from ocop_desktop.services.common import get_record
    from ocop_desktop.services.decisions import producer_address

    if form not in FORMS:
        raise BadInput(_("Unknown form {form}; use one of: {choices}.").format(form=form, choices=", ".join(FORMS)))
    product = get_record(session, Product, product_id)
    producer = session.get(Producer, product.producer_id)
    commune = geography.commune(product.commune_code) or geography.commune(producer.commune_code)
    prov = geography.province(commune.province_code) if commune else None
    ps = product_sets.BY_NUMBER.get(product.product_set)
    assessment = None
    if form == "03":
        row = find_assessment(session, product_id, year, round_)
        if row is None:
            if year is not None and round_ is not None:
                period = _("round {round} of {year}").format(round=round_, year=year)
            elif year is not None:
                period = str(year)
            else:
                period = _("any year")
            raise BadInput(_("Form 03 cannot be printed: the product “{name}” has no commune report for "
                             "{period}.").format(name=product.name, period=period),
                           hint=_("Record the commune's report (Mẫu 03) for this product first."))
        ac = geography.commune(row.commune_code) or commune
        assessment = AssessmentView(
            year=row.year, round=row.round, commune_name=ac.name if ac else "",
            raw_material_verdict=row.raw_material_verdict, raw_material_text=row.raw_material_text,
            labour_verdict=row.labour_verdict, labour_text=row.labour_text,
            idea_origin_verdict=row.idea_origin_verdict, idea_origin_text=row.idea_origin_text,
            local_identity_verdict=row.local_identity_verdict, local_identity_text=row.local_identity_text,
            rep_sex=row.rep_sex, rep_ethnicity=ethnic_groups.name(row.rep_ethnicity),
            assessed_on=row.assessed_on, signer_name=row.signer_name, signer_title=row.signer_title)
        year = year if year is not None else row.year
    return FormView(
        producer_name=producer.name, producer_kind=PRODUCER_KINDS.get(producer.kind, ""),
        address=producer_address(producer), phone=producer.phone, email=producer.email,
        rep_name=producer.rep_name, rep_title=producer.rep_title, rep_sex=producer.rep_sex,
        rep_ethnicity=ethnic_groups.name(producer.rep_ethnicity), reg_date=producer.reg_date,
        reg_number=producer.reg_number, identifier=producer.identifier or "",
        product_name=product.name, product_code=product.code or "", product_description=product.description or "",
        set_path=ps.path_label() if ps else "", set_label=f"Bộ {ps.number}: {ps.title}" if ps else "",
        first_time=not product.stars, province_name=prov.name if prov else "",
        province_code=prov.code_str if prov else "", commune_name=commune.name if commune else "",
        commune_code=commune.code_str if commune else "", year=year,
        ticks=_ticks(producer, product), assessment=assessment)


def print_form(db: Any, form: str, product_id: str, out: str | os.PathLike[str] | BinaryIO, *,
               year: int | None = None, round_: int | None = None) -> int:
    """Mẫu ``form`` of a product in the database ``db`` as a PDF; returns the page count."""
    with db.read_session() as s:
        view = form_view(s, form, product_id, year=year, round_=round_)
    return render_form(form, view, out)
