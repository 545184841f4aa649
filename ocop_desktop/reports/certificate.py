"""The OCOP certificate (giấy chứng nhận kết quả phân hạng sản phẩm OCOP) as a PDF.

Input is a :class:`CertificateView`: plain values, no database, so the register, the
settings preview and the benchmark all feed it the same way. :func:`render_certificates`
draws one A4 landscape page per view with the ReportLab canvas:

- the national heading and motto (underlined), the issuing authority and the certificate
  number on the left;
- the title, the product name (wrapped and shrunk a little when long, never cut), code,
  producer and address, product set and group, the rank as drawn stars and in words, the
  decision, the validity;
- the place and date in the official form, the signatory block with room for signature
  and seal, the signed QR code (:mod:`.qr`) drawn as vector squares, and "BẢN SAO" on copies.

The certificate is a Vietnamese legal document, so its wording is Vietnamese whatever the
interface language. Settings left empty are printed as a visible "[chưa khai báo …]"
placeholder so that the preview shows what is missing. Text is NFC-normalised.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass
from typing import BinaryIO

from ocop_desktop.reports import fonts
from ocop_desktop.reports.output import PdfOutputError, pdf_output
from ocop_desktop.text import nfc, nfc_multiline

PAGE_W, PAGE_H = 841.8897637795277, 595.2755905511812  # A4 landscape, points
MARGIN = 46.0
RED = (0.62, 0.08, 0.08)
INK = (0.0, 0.0, 0.0)
GOLD = (0.90, 0.68, 0.05)
PLACEHOLDER_INK = (0.80, 0.0, 0.0)
FOOTER_TOP = 172.0  # baseline of the place and date line

MISSING_AUTHORITY = "[chưa khai báo cơ quan ban hành]"
MISSING_PLACE = "[chưa khai báo địa danh]"
MISSING_SIGNER_TITLE = "[chưa khai báo chức vụ người ký]"
MISSING_SIGNER_NAME = "[chưa khai báo người ký]"
MISSING = "[chưa có]"


CertificateOutputError = PdfOutputError  # the name callers catch


@dataclass(frozen=True)
class CertificateView:
    number: str  # số giấy chứng nhận
    product_name: str
    product_code: str
    producer_name: str
    producer_address: str
    product_set: str  # e.g. "Bộ 1 – Thực phẩm tươi sống"
    product_group: str
    stars: int  # 3–5
    decision_number: str  # e.g. "1234/QĐ-UBND"
    decision_date: dt.date
    issue_date: dt.date
    expiry_date: dt.date
    authority: str  # cơ quan ban hành, e.g. "ỦY BAN NHÂN DÂN TỈNH CAO BẰNG"
    place: str  # địa danh, e.g. "Cao Bằng"
    signer_name: str
    signer_title: str  # lines separated by "\n", e.g. "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"
    qr_text: str = ""
    copy: bool = False  # print "BẢN SAO"
    #: An archive copy of a certificate that no longer stands (expired, revoked, superseded,
    #: re-issued, annulled): watermarked "BẢN LƯU" with ``archive_note`` saying why.
    archive: bool = False
    archive_note: str = ""
    #: A re-issue (cấp lại): its day, printed under the number.
    reissued_on: dt.date | None = None
    validity_months: int = 36
    logo_path: str | None = None
    border_path: str | None = None


# -- wording ---------------------------------------------------------------------------------

def numeric_date(d: dt.date) -> str:
    """22/11/2026."""
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def official_date(place: str, d: dt.date) -> str:
    """"Cao Bằng, ngày 22 tháng 11 năm 2026" (Nghị định 30/2020: a 0 before days < 10 and
    months < 3)."""
    day = f"{d.day:02d}"
    month = f"{d.month:02d}" if d.month < 3 else str(d.month)
    return f"{place}, ngày {day} tháng {month} năm {d.year}"


def decision_line(number: str, date: dt.date) -> str:
    return f"Quyết định số {number} ngày {numeric_date(date)}"


def validity_line(months: int, expiry: dt.date) -> str:
    return f"Có giá trị {months} tháng, đến ngày {numeric_date(expiry)}"


def stars_words(stars: int) -> str:
    return f"{stars} sao"


# -- drawing helpers ---------------------------------------------------------------------------

def _width(text: str, font: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text, font, size)


def _split(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy word wrap; a word wider than the line is broken by characters (never cut)."""
    out: list[str] = []
    for para in text.split("\n"):
        line = ""
        for word in para.split(" "):
            trial = f"{line} {word}" if line else word
            if _width(trial, font, size) <= width:
                line = trial
                continue
            if line:
                out.append(line)
            line = ""
            while _width(word, font, size) > width:  # an unbroken 60-character code
                cut = len(word) - 1
                while cut > 1 and _width(word[:cut], font, size) > width:
                    cut -= 1
                out.append(word[:cut])
                word = word[cut:]
            line = word
        out.append(line)
    return out


def fit_lines(text: str, font: str, width: float, *, size: float, min_size: float,
              max_lines: int) -> tuple[float, list[str]]:
    """The largest size from ``size`` down to ``min_size`` (steps of 1 pt) at which ``text``
    takes at most ``max_lines`` lines of ``width``; at ``min_size`` it takes as many as needed."""
    s = size
    while True:
        lines = _split(text, font, s, width)
        if len(lines) <= max_lines or s - 1 < min_size:
            return s, lines
        s -= 1


def _star_path(c, cx: float, cy: float, r: float):  # noqa: ANN001, ANN202 - reportlab canvas/path
    import math

    p = c.beginPath()
    inner = r * 0.382
    for i in range(10):
        rad = r if i % 2 == 0 else inner
        a = math.pi / 2 + i * math.pi / 5
        x, y = cx + rad * math.cos(a), cy + rad * math.sin(a)
        if i == 0:
            p.moveTo(x, y)
        else:
            p.lineTo(x, y)
    p.close()
    return p


#: QR mask pattern. segno tries all eight and keeps the one with the lowest penalty (fewest
#: finder-like runs and blocks), which costs ~40 ms a code, two thirds of a certificate's time.
#: On certificate payloads mask 2 scores on average within 2-3 % of the best penalty (30
#: payloads measured), and every mask is valid for every reader, so we fix it.
QR_MASK = 2


def _draw_qr(c, text: str, x: float, y: float, size: float) -> None:  # noqa: ANN001
    """The QR code as filled vector squares (runs of dark modules merged per row), with its
    quiet zone inside ``size``. Drawn in module units with integer coordinates: crisp at any
    scale, and a few kB of page content."""
    import segno

    qr = segno.make(text, error="m", micro=False, boost_error=False, mask=QR_MASK)
    matrix = qr.matrix
    n = len(matrix)
    quiet = 4
    module = size / (n + 2 * quiet)
    c.setFillColorRGB(1, 1, 1)
    c.rect(x, y, size, size, stroke=0, fill=1)
    c.setFillColorRGB(*INK)
    ops = []
    for r, row in enumerate(matrix):
        yy = n - 1 - r
        col = 0
        while col < n:
            if row[col]:
                start = col
                while col < n and row[col]:
                    col += 1
                ops.append(f"{start} {yy} {col - start} 1 re")
            else:
                col += 1
    c.saveState()
    c.translate(x + quiet * module, y + quiet * module)
    c.scale(module, module)
    ops.append("f")
    c.addLiteral("\n".join(ops))
    c.restoreState()


class _Page:
    def __init__(self, c, view: CertificateView) -> None:  # noqa: ANN001
        self.c = c
        self.v = view
        self.dry = False  # measuring: text() draws nothing
        self.squeeze = 1.0  # line gaps of the body, less than 1 when a long name needs room

    def text(self, x: float, y: float, text: str, font: str, size: float, *, align: str = "center",
             color: tuple[float, float, float] = INK) -> float:
        """Draw one line (unless measuring); returns its width."""
        if self.dry:
            return _width(text, font, size)
        c = self.c
        c.setFont(font, size)
        c.setFillColorRGB(*color)
        if align == "center":
            c.drawCentredString(x, y, text)
        elif align == "right":
            c.drawRightString(x, y, text)
        else:
            c.drawString(x, y, text)
        return _width(text, font, size)

    def value(self, text: str, placeholder: str) -> tuple[str, tuple[float, float, float]]:
        return (text, INK) if text else (placeholder, PLACEHOLDER_INK)

    def draw(self) -> None:
        v = self.v
        self.frame()
        self.header()
        y = self.title(PAGE_H - 140)
        # The body must end above the place and date line: tighten its gaps if not.
        self.dry = True
        for squeeze in (1.0, 0.92, 0.84, 0.76):
            self.squeeze = squeeze
            if self.body(y) >= FOOTER_TOP + 6:
                break
        self.dry = False
        self.body(y)
        self.footer()
        if v.copy:
            self.copy_mark()
        if v.archive:
            self.archive_mark()

    # -- parts --------------------------------------------------------------------------------
    def frame(self) -> None:
        c, v = self.c, self.v
        if v.border_path:
            c.drawImage(v.border_path, 0, 0, PAGE_W, PAGE_H, preserveAspectRatio=False, mask="auto")
            return
        c.setStrokeColorRGB(*RED)
        c.setLineWidth(2.2)
        c.rect(20, 20, PAGE_W - 40, PAGE_H - 40, stroke=1, fill=0)
        c.setLineWidth(0.7)
        c.rect(26, 26, PAGE_W - 52, PAGE_H - 52, stroke=1, fill=0)
        c.setFillColorRGB(*GOLD)
        c.setStrokeColorRGB(*RED)
        c.setLineWidth(0.5)
        for cx, cy in ((26, 26), (PAGE_W - 26, 26), (26, PAGE_H - 26), (PAGE_W - 26, PAGE_H - 26)):
            c.drawPath(_star_path(c, cx, cy, 7), stroke=1, fill=1)

    def header(self) -> None:
        v = self.v
        top = PAGE_H - MARGIN - 12
        # Left: the authority (two lines for "ỦY BAN NHÂN DÂN TỈNH …"), underline, number.
        lx, lw = MARGIN + 150, 300
        authority = nfc_multiline(v.authority).upper() if v.authority.strip() else ""
        if authority and "\n" not in authority:
            for head in ("ỦY BAN NHÂN DÂN ", "UỶ BAN NHÂN DÂN "):
                if authority.startswith(head):
                    authority = head.strip() + "\n" + authority[len(head):]
        text, color = self.value(authority, MISSING_AUTHORITY)
        size, lines = fit_lines(text, fonts.BOLD, lw, size=12.5, min_size=10, max_lines=3)
        y = top
        for i, line in enumerate(lines):
            if i:
                y -= size * 1.25
            self.text(lx, y, line, fonts.BOLD, size, color=color)
        self._rule(lx, y - 5, 80)
        number, ncolor = self.value(nfc(v.number), MISSING)
        self.text(lx, y - 24, "Số: " + number, fonts.REGULAR, 12.5, color=ncolor)
        if v.reissued_on is not None:
            self.text(lx, y - 38, f"(Cấp lại ngày {numeric_date(v.reissued_on)})", fonts.ITALIC, 10.5)
        # Right: the national heading and the motto, underlined by its own width.
        rx = PAGE_W - MARGIN - 175
        self.text(rx, top, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", fonts.BOLD, 12.5)
        w = self.text(rx, top - 16, "Độc lập - Tự do - Hạnh phúc", fonts.BOLD, 13.5)
        self._rule(rx, top - 20, w)
        if v.logo_path:
            self.c.drawImage(v.logo_path, PAGE_W / 2 - 28, PAGE_H - MARGIN - 60, 56, 56,
                             preserveAspectRatio=True, mask="auto")

    def _rule(self, cx: float, y: float, width: float) -> None:
        c = self.c
        c.setStrokeColorRGB(*INK)
        c.setLineWidth(0.6)
        c.line(cx - width / 2, y, cx + width / 2, y)

    def title(self, y: float) -> float:
        self.text(PAGE_W / 2, y, "GIẤY CHỨNG NHẬN", fonts.BOLD, 27, color=RED)
        self.text(PAGE_W / 2, y - 25, "KẾT QUẢ PHÂN HẠNG SẢN PHẨM OCOP", fonts.BOLD, 17, color=RED)
        return y - 52

    def body(self, y: float) -> float:
        v = self.v
        cx, width = PAGE_W / 2, PAGE_W - 2 * MARGIN - 60
        q = self.squeeze
        self.text(cx, y, "Chứng nhận sản phẩm", fonts.ITALIC, 13)
        y -= 27 * q
        name, color = self.value(nfc(v.product_name), MISSING)
        size, lines = fit_lines(name, fonts.BOLD, width, size=22, min_size=14, max_lines=3)
        for line in lines:
            self.text(cx, y, line, fonts.BOLD, size, color=color if color != INK else (0.05, 0.2, 0.45))
            y -= size * 1.2 * q
        y -= 4 * q
        rows = [
            ("Mã sản phẩm: ", nfc(v.product_code)),
            ("Chủ thể sản xuất: ", nfc(v.producer_name)),
            ("Địa chỉ: ", nfc(v.producer_address)),
            ("Bộ sản phẩm: ", nfc(v.product_set)),
        ]
        if nfc(v.product_group):
            rows.append(("Nhóm sản phẩm: ", nfc(v.product_group)))
        for label, value in rows:
            y = self.labelled(cx, y, label, value, width)
        y = self.rank(cx, y - 2 * q)
        self.text(cx, y, decision_line(nfc(v.decision_number) or MISSING, v.decision_date), fonts.REGULAR, 13)
        y -= 18 * q
        self.text(cx, y, validity_line(v.validity_months, v.expiry_date), fonts.ITALIC, 13)
        return y - 13

    def labelled(self, cx: float, y: float, label: str, value: str, width: float, size: float = 13) -> float:
        """"Label: value", centred, the value wrapping onto further centred lines."""
        value, color = self.value(value, MISSING)
        size, lines = fit_lines(label + value, fonts.REGULAR, width, size=size, min_size=11, max_lines=2)
        first = lines[0]
        if first.startswith(label):
            lw = _width(label, fonts.REGULAR, size)
            total = lw + _width(first[len(label):], fonts.BOLD, size)
            x = cx - total / 2
            self.text(x, y, label, fonts.REGULAR, size, align="left")
            self.text(x + lw, y, first[len(label):], fonts.BOLD, size, align="left", color=color)
        else:
            self.text(cx, y, first, fonts.REGULAR, size)
        for line in lines[1:]:
            y -= size * 1.3 * self.squeeze
            self.text(cx, y, line, fonts.BOLD, size, color=color)
        return y - size * 1.45 * self.squeeze

    def rank(self, cx: float, y: float) -> float:
        c, v = self.c, self.v
        if self.dry:
            return y - 21 * self.squeeze
        label, words = "Đạt hạng: ", stars_words(v.stars)
        r, gap = 9.0, 4.0
        lw = _width(label, fonts.REGULAR, 14)
        ww = _width(words, fonts.BOLD, 15)
        stars_w = v.stars * 2 * r + (v.stars - 1) * gap
        total = lw + stars_w + 8 + ww
        x = cx - total / 2
        self.text(x, y, label, fonts.REGULAR, 14, align="left")
        x += lw
        c.setFillColorRGB(*GOLD)
        c.setStrokeColorRGB(*RED)
        c.setLineWidth(0.6)
        for _i in range(v.stars):
            c.drawPath(_star_path(c, x + r, y + 4.5, r), stroke=1, fill=1)
            x += 2 * r + gap
        self.text(x - gap + 8, y, words, fonts.BOLD, 15, align="left", color=RED)
        return y - 21 * self.squeeze

    def footer(self) -> None:
        v = self.v
        # Right: place and date, signatory titles, room for signature and seal, name.
        sx, y = PAGE_W - MARGIN - 175, FOOTER_TOP
        place, pcolor = self.value(nfc(v.place), MISSING_PLACE)
        self.text(sx, y, official_date(place, v.issue_date), fonts.ITALIC, 13, color=pcolor)
        y -= 18
        title = "\n".join(nfc(line).upper() for line in nfc_multiline(v.signer_title).split("\n") if nfc(line))
        title, tcolor = self.value(title, MISSING_SIGNER_TITLE)
        for line in _split(title, fonts.BOLD, 13, 300)[:4]:
            self.text(sx, y, line, fonts.BOLD, 13, color=tcolor)
            y -= 16
        name, ncolor = self.value(nfc(v.signer_name), MISSING_SIGNER_NAME)
        self.text(sx, MARGIN + 6, name, fonts.BOLD, 13.5, color=ncolor)
        # Left: the QR code and how to check it.
        qx, qsize = MARGIN + 16, 112
        if v.qr_text:
            _draw_qr(self.c, v.qr_text, qx, MARGIN + 14, qsize)
            self.text(qx + qsize + 6, MARGIN + 68, "Quét mã QR để kiểm tra", fonts.ITALIC, 9.5, align="left")
            self.text(qx + qsize + 6, MARGIN + 56, "giấy chứng nhận", fonts.ITALIC, 9.5, align="left")
        self.text(qx + qsize / 2, MARGIN + 2, "Số GCN: " + (nfc(v.number) or MISSING), fonts.REGULAR, 9.5)

    def copy_mark(self) -> None:
        c = self.c
        x, y, w, h = PAGE_W - MARGIN - 112, PAGE_H - 150, 104, 32
        c.setStrokeColorRGB(*PLACEHOLDER_INK)
        c.setLineWidth(2)
        c.roundRect(x, y, w, h, 4, stroke=1, fill=0)
        self.text(x + w / 2, y + 9, "BẢN SAO", fonts.BOLD, 18, color=PLACEHOLDER_INK)


    def archive_mark(self) -> None:
        """A large diagonal "BẢN LƯU" across the page and the reason along the bottom edge."""
        c = self.c
        c.saveState()
        c.setFillColorRGB(*PLACEHOLDER_INK, alpha=0.18)
        c.translate(PAGE_W / 2, PAGE_H / 2)
        c.rotate(28)
        c.setFont(fonts.BOLD, 120)
        c.drawCentredString(0, -40, ARCHIVE_MARK)
        c.restoreState()
        note = f"{ARCHIVE_MARK} – không có giá trị sử dụng" + (f": {nfc(self.v.archive_note)}" if self.v.archive_note
                                                               else "")
        size, lines = fit_lines(note, fonts.ITALIC, PAGE_W - 2 * MARGIN, size=10, min_size=7, max_lines=2)
        for i, line in enumerate(lines[:2]):
            self.text(PAGE_W / 2, 31 - i * (size + 1) + (size + 1) * (len(lines[:2]) - 1), line, fonts.ITALIC,
                      size, color=PLACEHOLDER_INK)


ARCHIVE_MARK = "BẢN LƯU"


def render_certificates(views: Iterable[CertificateView], out: str | os.PathLike[str] | BinaryIO, *,
                        title: str = "Giấy chứng nhận sản phẩm OCOP") -> int:
    """Write one A4 landscape page per view to ``out`` (a path or a binary file); returns the
    page count. Raises :class:`CertificateOutputError` when the path cannot be written (a
    partial file is removed)."""
    from reportlab.pdfgen.canvas import Canvas

    fonts.register()
    views = list(views)
    with pdf_output(out) as fh:
        c = Canvas(fh, pagesize=(PAGE_W, PAGE_H), pageCompression=1, initialFontName=fonts.REGULAR)
        c.setTitle(title)
        c.setAuthor("OCOP Desktop")
        c.setCreator("OCOP Desktop")
        for view in views:
            _Page(c, view).draw()
            c.showPage()
        c.save()
    return len(views)


def sample_view(**changes: object) -> CertificateView:
    """A filled-in example (Cao Bằng), for ``certificate sample``, tests and the benchmark."""
    import dataclasses

    view = CertificateView(
        number="0042/2026/GCN-OCOP",
        product_name="Miến dong Phia Đén",
        product_code="04-01477-001-2026",
        producer_name="Hợp tác xã Nông nghiệp Phia Đén",
        producer_address="Xóm Phia Đén, xã Trùng Khánh, tỉnh Cao Bằng",
        product_set="Bộ 3 – Thực phẩm chế biến",
        product_group="Chế biến từ ngũ cốc",
        stars=4,
        decision_number="1234/QĐ-UBND",
        decision_date=dt.date(2026, 11, 22),
        issue_date=dt.date(2026, 11, 22),
        expiry_date=dt.date(2029, 11, 21),
        authority="ỦY BAN NHÂN DÂN TỈNH CAO BẰNG",
        place="Cao Bằng",
        signer_name="Nguyễn Văn Hải",
        signer_title="KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
    )
    return dataclasses.replace(view, **changes)  # type: ignore[arg-type]
