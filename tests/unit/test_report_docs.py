"""The A4 portrait printouts (product list, evaluation sheets, council summary, a decision's
product list) on real SQLite files, checked with poppler: fonts embedded, exact NFC
Vietnamese text back, long names wrapped inside the page, page numbers, the table header
repeated on every page, the chosen option ticked; and the ``report`` commands."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import unicodedata
from html import unescape
from pathlib import Path

import pytest
from scoring_samples import SET_7_CHOICES_76

from ocop_desktop import cli
from ocop_desktop.db import Database
from ocop_desktop.reports import evaluation_sheet, layout, product_list
from ocop_desktop.reports.product_list import ProductFilter, filter_rows
from ocop_desktop.scoring.rubric import load_rubric
from ocop_desktop.services import decisions, producers, products
from ocop_desktop.services import evaluations as ev
from ocop_desktop.services.decisions import DecisionData
from ocop_desktop.services.producers import ProducerData
from ocop_desktop.services.products import ProductData

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdffonts") is None,
                                reason="poppler-utils (pdftotext, pdffonts) not installed")

TODAY = dt.date(2026, 11, 22)
SET = 7
SHEET = load_rubric("qd-26-2026").sheet(SET)
BEST = {c.code: max(range(len(c.options)), key=lambda i: (c.options[i].points, i)) for c in SHEET.criteria}
S76 = dict(SET_7_CHOICES_76)
LONG_NAME = ("Rượu ngô men lá truyền thống Hoàng Su Phì của đồng bào dân tộc Dao đỏ, chưng cất thủ công "
             "bằng nồi đồng, ủ chum sành lâu")
assert len(LONG_NAME) == 120
MEMBERS = [("Lương Văn Thắng", "Chủ tịch Hội đồng"), ("Hoàng Thị Mai", "Thành viên"), ("Bế Văn Dũng", "Thành viên")]


# -- helpers ------------------------------------------------------------------------------------

@pytest.fixture
def db(db, set_role):  # noqa: ANN001, ANN201
    """The provincial OCOP office: it records the decisions (issue 9 §2)."""
    set_role(db, "province")
    return db


def _text(pdf: Path, *pages: int) -> str:
    args = ["pdftotext", "-enc", "UTF-8", "-layout"]
    if pages:
        args += ["-f", str(pages[0]), "-l", str(pages[-1])]
    return subprocess.run([*args, str(pdf), "-"], check=True, capture_output=True, text=True,
                          encoding="utf-8").stdout


def _raw(pdf: Path) -> str:
    """The text in drawing order (cell by cell), one space between words."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", "-raw", str(pdf), "-"], check=True, capture_output=True,
                         text=True, encoding="utf-8").stdout
    return _flat(out)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _pages(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", out).group(1))


def _words(pdf: Path) -> list[tuple[int, float, float, float, float, float, float, str]]:
    """(page, page width, page height, xMin, yMin, xMax, yMax, word) from ``pdftotext -bbox``."""
    html = subprocess.run(["pdftotext", "-enc", "UTF-8", "-bbox", str(pdf), "-"], check=True, capture_output=True,
                          text=True, encoding="utf-8").stdout
    out = []
    page = 0
    pw = ph = 0.0
    for line in html.splitlines():
        m = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', line)
        if m:
            page += 1
            pw, ph = float(m.group(1)), float(m.group(2))
            continue
        m = re.search(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>', line)
        if m:
            out.append((page, pw, ph, *(float(m.group(i)) for i in range(1, 5)), unescape(m.group(5))))
    return out


def _assert_fonts_embedded(pdf: Path) -> None:
    out = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout
    rows = out.splitlines()[2:]
    assert rows, out
    for row in rows:
        assert " yes yes yes " in row, row  # embedded, subset, unicode map
    assert "Helvetica" not in out


def _nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def _producer(s, name: str, commune: int = 1477) -> str:  # noqa: ANN001
    return producers.create_producer(s, ProducerData(
        kind="ho_sx", name=name, commune_code=commune, address_detail="Thôn Phia Đén",
        rep_name="Nông Thị Hoa", rep_title="Giám đốc")).id


def _product(s, name: str, pid: str, *, product_set: int = SET, commune: int = 1477,  # noqa: ANN001
             status: str = "dang_ky", stars: int | None = None) -> str:
    p = products.create_product(s, ProductData(name=name, producer_id=pid, product_set=product_set,
                                               commune_code=commune, status=status, stars=stars), today=TODAY)
    p.stars = stars  # the register's cached stars, as services.decisions would set them
    return p.id


@pytest.fixture
def council(db: Database) -> dict[str, str]:
    """A product of set 7 with a finalised council of three (100, 76, 73 → 83, 4★), and a
    recognition decision giving it 4 stars."""
    with db.session() as s:
        pid = _producer(s, "Hợp tác xã Nông nghiệp Phia Đén")
        prod = _product(s, "Miến dong Phia Đén", pid, status="dang_ky")
    with db.session() as s:
        eid = ev.create_evaluation(s, prod, "council", 2026, 1, today=TODAY).id
    with db.session() as s:
        ids = [ev.add_member(s, eid, n, r).id for n, r in MEMBERS]
        ev.save_sheet_choices(s, ids[0], BEST, comment="Sản phẩm đạt chất lượng tốt.\nCần bổ sung nhãn song ngữ.")
        ev.save_sheet_choices(s, ids[1], S76)
        ev.save_sheet_choices(s, ids[2], {**S76, "4.3": 0})
        agreed = ev.add_member(s, eid, "Phiếu thống nhất của Hội đồng", "Hội đồng").id
        ev.set_agreed_sheet(s, eid, agreed)
        ev.save_sheet_choices(s, agreed, BEST)
    with db.session() as s:
        ev.finalise(s, eid)
    with db.session() as s:
        dec = decisions.record_recognition(s, DecisionData(
            number="1234/QĐ-UBND", date=dt.date(2026, 11, 20), authority="Ủy ban nhân dân tỉnh Cao Bằng",
            level="province", signer_name="Lê Hải Hòa", signer_title="KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"),
            [(prod, 4, None, eid)], today=TODAY,
            # TODAY is fixed while the council was finalised just now: confirmed, with a reason.
            confirmations={f"before_final:{prod}": "Kết quả Hội đồng đã thông qua tại cuộc họp"}).id
    return {"product": prod, "evaluation": eid, "decision": dec, "member1": ids[0], "member2": ids[1]}


# -- the product list ----------------------------------------------------------------------------

def test_filter_rows_matches_the_ui_filters(db: Database) -> None:
    with db.session() as s:
        a = _producer(s, "HTX Miến dong Phia Đén")
        b = _producer(s, "Hộ Nông Văn Bình", commune=1489)
        _product(s, "Miến dong Phia Đén", a, status="dat_ocop", stars=4)
        _product(s, "Mật ong bạc hà", b, product_set=4, commune=1489, status="dat_ocop", stars=3)
        _product(s, "Trà giảo cổ lam", b, product_set=11, commune=1489)
    with db.read_session() as s:
        rows = products.list_products(s)

    def names(f: ProductFilter) -> list[str]:
        return [r.name for r in filter_rows(rows, f)]

    assert len(names(ProductFilter())) == 3
    assert names(ProductFilter(commune=1489)) == ["Mật ong bạc hà", "Trà giảo cổ lam"]
    assert names(ProductFilter(stars=4)) == ["Miến dong Phia Đén"]
    assert names(ProductFilter(stars=0)) == ["Trà giảo cổ lam"]  # "no stars yet"
    assert names(ProductFilter(status="dat_ocop", product_set=4)) == ["Mật ong bạc hà"]
    assert names(ProductFilter(search="mien dong")) == ["Miến dong Phia Đén"]  # accent-insensitive
    assert names(ProductFilter(search="binh", commune=1489, stars=3)) == ["Mật ong bạc hà"]


def test_long_product_list_repeats_its_header_and_numbers_pages(db: Database, tmp_path: Path) -> None:
    with db.session() as s:
        pid = _producer(s, "Hợp tác xã Nông nghiệp Phia Đén")
        _product(s, LONG_NAME, pid, status="dat_ocop", stars=4)
        for n in range(79):
            _product(s, f"Miến dong Phia Đén loại {n:02d}", pid, status="dat_ocop", stars=3 + n % 3)
    pdf = tmp_path / "products.pdf"
    assert product_list.print_product_list(db, pdf, ProductFilter(), today=TODAY) == 80
    _assert_fonts_embedded(pdf)
    pages = _pages(pdf)
    assert pages >= 2
    text = _text(pdf)
    flat = _flat(text)
    assert "DANH SÁCH SẢN PHẨM OCOP" in text and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "TRUNG TÂM DỊCH VỤ NÔNG" in flat and "NGHIỆP TRÙNG KHÁNH" in flat  # the office, wrapped
    assert "Cao Bằng, ngày 22 tháng 11 năm 2026" in text
    assert "Miến dong Phia Đén loại 42" in text and "4 sao" in text and "Tổng số: 80 sản phẩm." in text
    assert text == _nfc(text)
    for n in range(1, pages + 1):
        page = _text(pdf, n)
        assert f"Trang {n}/{pages}" in page
        assert re.search(r"STT\s+Tên sản phẩm\s+Chủ thể", page), f"no table header on page {n}"
    # The 120-character name wraps onto several lines, every word inside the page and its column.
    words = _words(pdf)
    long_words = LONG_NAME.split(" ")
    first = next(i for i, w in enumerate(words) if w[-1] == long_words[0] and words[i + 1][-1] == long_words[1])
    got = []  # the name's words in reading order (words of the other columns come between)
    for w in words[first:]:
        if len(got) < len(long_words) and w[-1] == long_words[len(got)]:
            got.append(w)
    assert [w[-1] for w in got] == long_words
    assert len({round(w[4]) for w in got}) >= 3  # at least three lines
    for _page, pw, ph, x0, y0, x1, y1, _w in got:
        assert 0 < x0 < x1 <= pw - layout.RIGHT + 1 and 0 < y0 < y1 < ph
        assert x1 < layout.LEFT + layout.CONTENT_W * 0.33  # inside the name column


def test_product_list_filters_are_printed(db: Database, tmp_path: Path) -> None:
    with db.session() as s:
        pid = _producer(s, "Hộ Nông Văn Bình", commune=1489)
        _product(s, "Mật ong bạc hà", pid, product_set=4, commune=1489, status="dat_ocop", stars=3)
        _product(s, "Trà giảo cổ lam", pid, product_set=11, commune=1489)
    pdf = tmp_path / "p.pdf"
    assert product_list.print_product_list(db, pdf, ProductFilter(stars=3), today=TODAY) == 1
    text = _flat(_text(pdf))
    assert "Mật ong bạc hà" in text and "Trà giảo cổ lam" not in text
    assert "hạng: 3 sao" in text and "Trang 1/1" in text


# -- evaluation sheets ---------------------------------------------------------------------------

def test_member_sheet_ticks_the_chosen_options(db: Database, council: dict[str, str], tmp_path: Path) -> None:
    with db.read_session() as s:
        views = evaluation_sheet.sheet_views(s, council["evaluation"], member=2)
    assert [v.member_name for v in views] == ["Hoàng Thị Mai"]
    pdf = tmp_path / "sheet.pdf"
    pages = evaluation_sheet.render_sheets(views, pdf)
    _assert_fonts_embedded(pdf)
    text = _text(pdf)
    flat = _flat(text)
    assert "PHIẾU ĐÁNH GIÁ SẢN PHẨM OCOP" in text
    for s in ("Miến dong Phia Đén", "Hoàng Thị Mai", "Hợp tác xã Nông nghiệp Phia Đén", "Đợt 1/2026",
              "Ý kiến của người đánh giá", "Người đánh giá", "(Ký, ghi rõ họ tên)", "Cộng phần A", "Cộng phần C"):
        assert s in flat, s
    assert "TỔNG ĐIỂM" in text and re.search(r"TỔNG ĐIỂM\s+100\s+76", text)
    assert "Hạng theo điểm: 4 sao" in flat and "Kết quả xếp hạng: 3 sao" in flat  # capped by 1.5
    assert "Tiêu chí 1.5" in flat
    assert f"Trang {pages}/{pages}" in text
    # One X per criterion, on the line of the chosen option (same baseline as the option's points).
    words = _words(pdf)
    marks = [w for w in words if w[-1] == "X"]
    assert len(marks) == len(SHEET.criteria)
    crit = SHEET.criterion("1.5")
    chosen = crit.options[S76["1.5"]]
    first_word = chosen.text.split()[0]
    mark_lines = {(w[0], round(w[4])) for w in marks}
    assert any(w[-1] == first_word and (w[0], round(w[4])) in mark_lines for w in words)


def test_all_member_sheets_start_on_their_own_page(db: Database, council: dict[str, str], tmp_path: Path) -> None:
    with db.read_session() as s:
        views = evaluation_sheet.sheet_views(s, council["evaluation"])
    assert [v.member_name for v in views] == [n for n, _r in MEMBERS] + ["Phiếu thống nhất của Hội đồng"]
    pdf = tmp_path / "sheets.pdf"
    pages = evaluation_sheet.render_sheets(views, pdf)
    starts = [n for n in range(1, pages + 1) if "PHIẾU ĐÁNH GIÁ SẢN PHẨM OCOP" in _text(pdf, n)]
    assert len(starts) == 4
    assert "Sản phẩm đạt chất lượng tốt." in _text(pdf, starts[0], starts[1] - 1)


# -- council summary and decision list -----------------------------------------------------------

def test_council_summary_members_average_and_result(db: Database, council: dict[str, str], tmp_path: Path) -> None:
    from ocop_desktop.reports import council_summary

    with db.read_session() as s:
        view = council_summary.council_view(s, council["evaluation"])
    pdf = tmp_path / "council.pdf"
    council_summary.render_council_summary(view, pdf)
    _assert_fonts_embedded(pdf)
    text = _text(pdf)
    flat = _flat(text)
    assert "BẢNG TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ" in text
    for name, _role in MEMBERS:
        assert name in flat
    assert "Phiếu thống nhất" not in flat  # the agreed sheet is not a vote
    assert re.search(r"Điểm trung bình\s+[\d,]+\s+[\d,]+\s+[\d,]+\s+83,00", text)
    assert "Chênh lệch tổng điểm giữa các thành viên: 27 điểm." in flat and "vượt quá" in flat
    assert "KẾT QUẢ: 4 SAO (4 sao)" in flat
    assert "đề nghị Hội đồng thảo luận" not in flat  # settled by the agreed sheet
    assert "CHỦ TỊCH HỘI ĐỒNG" in text and flat.rstrip().count("Lương Văn Thắng") == 2  # row and signature
    assert "Trang 1/1" in text


def test_council_summary_with_an_unsettled_spread_asks_for_the_discussion_not_a_result(
        db: Database, tmp_path: Path) -> None:
    """Spread 27 > 10, no agreed sheet, no discussion: the request only; once the discussion is
    recorded: the result and the discussion, never the request (domain brief §4.2)."""
    from ocop_desktop.reports import council_summary
    from ocop_desktop.services import council_discussion
    from ocop_desktop.services.council_discussion import DiscussionData

    with db.session() as s:
        pid = _producer(s, "Hợp tác xã Nông nghiệp Phia Đén")
        prod = _product(s, "Miến dong Phia Đén", pid, status="dang_ky")
        eid = ev.create_evaluation(s, prod, "council", 2026, 1, today=TODAY).id
        ids = [ev.add_member(s, eid, n, r).id for n, r in MEMBERS]
        for sid, choices in zip(ids, (BEST, S76, {**S76, "4.3": 0}), strict=True):
            ev.save_sheet_choices(s, sid, choices)

    def summary(name: str) -> str:
        with db.read_session() as s:
            view = council_summary.council_view(s, eid)
        pdf = tmp_path / name
        council_summary.render_council_summary(view, pdf)
        return _flat(_text(pdf))

    flat = summary("open.pdf")
    assert "đề nghị Hội đồng thảo luận" in flat and "27 điểm" in flat
    assert "KẾT QUẢ:" not in flat and "SAO" not in flat

    with db.session() as s:
        council_discussion.record_discussion(s, eid, DiscussionData(
            dt.date(2026, 11, 20), "Lương Văn Thắng", "Hoàng Thị Mai, Bế Văn Dũng",
            "Thành viên Lương Văn Thắng giữ nguyên điểm; Hội đồng thống nhất kết quả."), today=TODAY)
        ev.finalise(s, eid)
    flat = summary("settled.pdf")
    assert "KẾT QUẢ: 3 SAO (3 sao)" in flat  # the members' majority sheet is capped by 1.5
    assert "đề nghị Hội đồng thảo luận" not in flat
    assert "Hội đồng đã thảo luận ngày 20/11/2026" in flat and "Chủ trì: Lương Văn Thắng" in flat
    assert "Hội đồng thống nhất kết quả." in flat and "Hoàng Thị Mai, Bế Văn Dũng" in flat

    # A council finalised before the rule (no discussion on record): its result, and the fact.
    from ocop_desktop.models import Evaluation

    with db.session() as s:
        e = s.get(Evaluation, eid)
        e.discussion_date, e.discussion_chair, e.discussion_attendees, e.discussion_outcome = None, "", "", ""
    flat = summary("old.pdf")
    assert "KẾT QUẢ: 3 SAO (3 sao)" in flat and "không có biên bản thảo luận" in flat
    assert "đề nghị Hội đồng thảo luận" not in flat


def test_decision_list_rows_from_the_register(db: Database, council: dict[str, str], tmp_path: Path) -> None:
    from ocop_desktop.reports import decision_list

    with db.read_session() as s:
        view = decision_list.decision_view(s, council["decision"])
        number = decisions.list_certificates(s, TODAY, decision_id=council["decision"])[0].number
    pdf = tmp_path / "decision.pdf"
    decision_list.render_decision_list(view, pdf)
    _assert_fonts_embedded(pdf)
    flat = _raw(pdf)
    assert "DANH SÁCH SẢN PHẨM ĐƯỢC CÔNG NHẬN" in flat and "ỦY BAN NHÂN DÂN TỈNH CAO BẰNG" in flat
    assert "(Kèm theo Quyết định số 1234/QĐ-UBND ngày 20/11/2026 của Ủy ban nhân dân tỉnh Cao Bằng)" in flat
    for s in ("Miến dong Phia Đén", "Hợp tác xã Nông nghiệp Phia Đén", "Thôn Phia Đén", "4 sao", number,
              "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Hải Hòa", "Trang 1/1"):
        assert s in flat.replace("- ", "-"), s  # a long certificate number may wrap after its hyphen


# -- the commands --------------------------------------------------------------------------------

def test_report_commands_write_pdfs_and_refuse_with_reasons(db: Database, db_path: Path,
                                                            council: dict[str, str], tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    from ocop_desktop.i18n import set_language

    set_language("en")
    db.close()
    base = ["--db", str(db_path), "--lang", "en", "report"]
    for args in (["products", "--stars", "4"], ["sheet", "--evaluation", council["evaluation"], "--member", "1"],
                 ["sheet", "--evaluation", council["evaluation"]],
                 ["council", "--evaluation", council["evaluation"]], ["decision", "--decision", council["decision"]]):
        out = tmp_path / f"{args[0]}-{len(args)}.pdf"
        assert cli.main([*base, *args, "--out", str(out)]) == 0, args
        assert capsys.readouterr().out.strip() == str(out)
        assert _pages(out) >= 1
    assert "Miến dong Phia Đén" in _text(tmp_path / "products-3.pdf")
    # refusals: exit 2 with the reason
    cases = [(["sheet", "--evaluation", council["evaluation"], "--member", "9"], "there is no sheet 9"),
             (["council", "--evaluation", "nope"], "does not exist"),
             (["decision", "--decision", "nope"], "does not exist"),
             (["products", "--status", "bogus"], "Unknown status bogus")]
    for args, reason in cases:
        assert cli.main([*base, *args, "--out", str(tmp_path / "x.pdf")]) == 2, args
        assert reason in capsys.readouterr().err
    bad = tmp_path / "no-such-dir" / "p.pdf"
    assert cli.main([*base, "products", "--out", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "Cannot write the PDF to" in err and str(bad) in err and not bad.exists()
    # "report" sits beside "certificate", not instead of it
    assert cli.main(["--db", str(db_path), "certificate", "print", "--decision", council["decision"],
                     "--out", str(tmp_path / "cert.pdf")]) == 0
