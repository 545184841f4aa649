#!/usr/bin/env python3
"""Convert the scoring sheets of a decision (one TSV per product set) into one versioned
rubric file, ``resources/rubrics/<id>.json``, that :mod:`ocop_desktop.scoring.rubric` loads.

    .venv/bin/python tools/convert_rubric.py \\
        --src ../shared/reference/qd-26-2026/sheets --out resources/rubrics/qd-26-2026.json

Input format (``../shared/reference/qd-26-2026/README.md``): ``#`` header lines (set number,
set title, product header, "Hồ sơ bị loại khi" rule), then one table row per line: text, TAB,
points. Options start with "□"; a trailing ``***`` / ``****`` / ``*****`` marks the option as
the minimum for 3 / 4 / 5 stars.

The output is deterministic (same TSVs → same bytes): sheets in set order, rows in sheet
order, NFC text, ``ensure_ascii=False``, one-space indent, a final newline. The file is
checked with the same integrity checks the app runs at load time before it is written; a
failing conversion writes nothing and exits 1 with the problems.

Every decision about the source's anomalies is in ``FIXES`` below, with the reason; the data
keeps each one visible in the ``anomaly`` text of the criterion (or part). Transcription noise
is mended without a note: words split by a cell break ("sản phẩ m", "TỔNG CỘN G"), digits
split the same way ("4 0"), spaced star markers ("* * * *", "*** *"), a bullet "o" for "□",
headings in varying case and spacing ("PHẦN C", "Phần A :", "1 . TỔ CHỨC", "8 CÔNG BỐ").
Lines the extraction lost are restored from the decision's full text (``REJECTION_RULES``).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

RUBRIC_ID = "qd-26-2026"
DECISION = "Quyết định 26/2026/QĐ-TTg"
EFFECTIVE_FROM = "2026-05-22"
SOURCE = "Quyết định 26/2026/QĐ-TTg, Phụ lục II (26 bộ tiêu chí)"
FORMAT = 1
DEFAULT_SRC = ROOT.parent / "shared" / "reference" / "qd-26-2026" / "sheets"
DEFAULT_OUT = ROOT / "resources" / "rubrics" / f"{RUBRIC_ID}.json"

YES_NO_NO = "Không"
YES_NO_YES = "Có"


class ConversionError(Exception):
    pass


# --------------------------------------------------------------------------------------
# Known anomalies of the source and the decision taken for each.
#
# A fix names the row (set, criterion code, option index or None for the heading row, or a
# part letter for a part heading), the points cell exactly as the source prints it, and the
# value the data holds. The converter refuses to run if a fix no longer matches the source
# (a corrected source must be looked at again, not silently double-corrected), or if a fix
# was never used. The anomaly text (Vietnamese: it is shown to officers next to the
# criterion) says what the source prints, what the data holds and why.
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fix:
    set_number: int
    code: str  # criterion code, or "A"/"B"/"C" for a part heading
    option: int | None  # 0-based option index; None = the heading row itself
    printed: str  # the points cell (or, for a part, the "(NN Điểm)" label) as printed
    points: int  # the value the data holds
    anomaly: str


FIXES: tuple[Fix, ...] = (
    # Set 7, 3.1, "Công ty TNHH…<51%": printed 1 point; the other 25 sets give this option 2.
    # KEPT AS PRINTED (1). It is the decision as published, the paper sheets councils fill in
    # carry 1, it breaks no maximum or sum (options 1/1/3, maximum 3), and nothing in the
    # sheet itself proves which value the drafters meant. A correction (erratum) would be a
    # new rubric version; the app must score what the law prints, and the note says so.
    Fix(
        7, "3.1", 1, "1", 1,
        "Bản gốc in phương án “Công ty TNHH; hoặc doanh nghiệp tư nhân; hoặc công ty cổ phần "
        "có vốn góp của cộng đồng người địa phương <51%” là 1 điểm, trong khi 25 bộ tiêu chí "
        "còn lại đều cho 2 điểm. Dữ liệu giữ 1 điểm như văn bản đã ban hành (phiếu giấy của "
        "hội đồng cũng in 1 điểm) và không vi phạm điểm tối đa; nhiều khả năng là lỗi in, "
        "nếu có văn bản đính chính sẽ phát hành phiên bản bộ tiêu chí mới.",
    ),
    # Set 26, Part A heading "(35 Điểm)": its points column prints 40 and its groups sum to
    # 14 + 12 + 14 = 40. DATA HOLDS 40: with 35 the sheet would total 95, against Điều 3
    # (A 40, B 25, C 35) and the sheet's own "TỔNG CỘNG 100". The label is the typo.
    Fix(
        26, "A", None, "35", 40,
        "Bản gốc ghi tiêu đề “Phần A … (35 Điểm)”, nhưng cột thang điểm in 40 và ba nhóm "
        "1–3 cộng lại là 14 + 12 + 14 = 40. Dữ liệu dùng 40: với 35 thì tổng phiếu chỉ còn "
        "95 điểm, trái với Điều 3 (A 40, B 25, C 35) và dòng “TỔNG CỘNG 100” của chính phiếu.",
    ),
    # Set 23 (Hoa), criterion 9 (usage instructions), heading points printed "4 1": 4 points
    # and a stray footnote mark. DATA HOLDS 4: its options are 2 and 4, and Part C adds up to
    # 35 only with 4 (14 + 8 + 4 + 4 + 5). Joining the digits (41, as for the split "4 0"
    # cells of sets 19/20) would be absurd.
    Fix(
        23, "9", None, "4 1", 4,
        "Bản gốc in điểm tối đa của tiêu chí là “4 1” (4 điểm kèm một dấu chú thích lạc). "
        "Dữ liệu dùng 4: hai phương án là 2 và 4 điểm, và Phần C chỉ bằng 35 điểm khi tiêu "
        "chí này là 4 (14 + 8 + 4 + 4 + 5).",
    ),
    # Set 23 (Hoa), 6.2 Màu sắc: NOT LISTED IN THE README, found by comparing options across
    # sets. Two adjacent options are both printed 1 point ("Chấp nhận được" 1, "Phù hợp với
    # đặc tính sản phẩm" 1, then 3, 5). KEPT AS PRINTED (1): as for set 7 it breaks no
    # maximum or sum, the paper sheets carry it, and the source gives no way to tell whether
    # "Chấp nhận được" was meant to be 0 (as in the sensory ladders of other sets) or the
    # second option 2.
    Fix(
        23, "6.2", 0, "1", 1,
        "Bản gốc in hai phương án liền nhau cùng 1 điểm: “Chấp nhận được” và “Phù hợp với đặc "
        "tính sản phẩm” (sau đó là 3 và 5 điểm). Dữ liệu giữ 1 điểm như văn bản đã ban hành: "
        "không vi phạm điểm tối đa, và bản gốc không đủ căn cứ để biết “Chấp nhận được” được "
        "định là 0 điểm (như các tiêu chí cảm quan ở bộ khác) hay phương án thứ hai là 2 điểm.",
    ),
    # Set 4 (honey), 7. DINH DƯỠNG, option "Có trên 2 chỉ tiêu": printed 13, above the
    # criterion's maximum 3. CORRECTED TO 3: a doubled digit; the same option is 3 in every
    # other set with a nutrition criterion, and 3 is the maximum the heading prints.
    Fix(
        4, "7", 2, "13", 3,
        "Bản gốc in phương án “Có trên 2 chỉ tiêu” là 13 điểm, vượt điểm tối đa 3 của tiêu "
        "chí. Dữ liệu dùng 3: lỗi in thừa chữ số 1; phương án này ở các bộ khác đều là 3 điểm "
        "và 3 là điểm tối đa ghi ở dòng tiêu chí.",
    ),
    # Set 11 (tea), 6.1.1 Tạp chất, option "Có rất ít tạp chất, chấp nhận được": printed 11,
    # above the criterion's maximum 2. CORRECTED TO 1: it lies between its neighbours 0 and
    # 2, and the same option is 1 in every other set.
    Fix(
        11, "6.1.1", 1, "11", 1,
        "Bản gốc in phương án “Có rất ít tạp chất, chấp nhận được” là 11 điểm, vượt điểm tối "
        "đa 2 của tiêu chí. Dữ liệu dùng 1: lỗi in thừa chữ số 1; phương án nằm giữa hai "
        "phương án 0 và 2 điểm, và ở các bộ khác phương án này đều là 1 điểm.",
    ),
)

#: Header lines the TSV extraction lost, taken from ``../full-text.txt`` of the same decision.
#: Set 19's sheet prints its rule as "Bị loại khi: …" (not "Hồ sơ bị loại khi"), and the
#: extraction did not keep it. Used only while the TSV has no rule of its own; an entry that
#: is no longer needed stops the conversion so that it is removed. Set 26 has no rule at all.
REJECTION_RULES: dict[int, str] = {
    19: "Bị loại khi: Giả mạo hồ sơ hoặc không có đủ điều kiện bắt buộc để sản xuất sản phẩm "
        "theo quy định quản lý chuyên ngành của Bộ Y tế; hoặc không có Bản công bố sản phẩm "
        "(hoặc tương đương) hoặc không đáp ứng về Hồ sơ đăng ký theo quy định",
}

# --------------------------------------------------------------------------------------
# Text clean-up
# --------------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+")
_LEFT = re.compile(r"^(\W*?)([^\W\d_]+)$")  # a token ending in letters
_RIGHT = re.compile(r"^([^\W\d_]+)(.*)$")  # a token starting with letters
_MARKER = re.compile(r"\s*(\*(?:\s*\*)*)\s*$")
_RAW_MARKER = re.compile(r"\*(?:\s*\*)*")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


class Vocabulary:
    """Word counts over all the sheets, used to mend words that the HTML transcript split
    across a cell break ("sản phẩ m", "TỔNG CỘN G", "ĐỊNH K Ỳ" in sets 18–20)."""

    def __init__(self, texts: list[str]) -> None:
        self.counts: Counter[str] = Counter()
        for text in texts:
            self.counts.update(w.lower() for w in _WORD.findall(text))

    def mend(self, text: str) -> str:
        tokens = text.split(" ")
        out: list[str] = []
        for token in tokens:
            if out:
                left, right = _LEFT.match(out[-1]), _RIGHT.match(token)
                if left and right:
                    a, b = left.group(2), right.group(1)
                    joined = self.counts[(a + b).lower()]
                    # The break always leaves the last one or two letters of a word on their
                    # own ("phẩ m", "CỘN G", "K Ỳ"). Merge when the joined word is a word of the
                    # corpus and more common than a half: a fragment, never two real words
                    # ("Global GAP" in set 2 is left as printed).
                    if len(b) <= 2 and joined > min(self.counts[a.lower()], self.counts[b.lower()]):
                        out[-1] = out[-1] + token
                        continue
            out.append(token)
        return " ".join(out)


def clean(text: str, vocab: Vocabulary) -> str:
    text = nfc(text).replace("\u00a0", " ")
    text = re.sub(r"\s+", " ", text).strip()
    text = vocab.mend(text)
    # Spaces the transcript put before closing punctuation: "(40 Điểm )", "Phần A :",
    # "thuyết phục ." — but never inside an ellipsis ("nhựa ... sẽ").
    text = re.sub(r" \)", ")", text)
    text = re.sub(r"(?<=\w) :", ":", text)
    text = re.sub(r"(?<=\w) \.(?!\.)", ".", text)
    return text


def split_marker(text: str) -> tuple[str, int | None]:
    """Strip a trailing star marker: ("Đồng đều", 4) for "Đồng đều****"."""
    m = _MARKER.search(text)
    if not m:
        return text, None
    stars = m.group(1).count("*")
    if stars not in (3, 4, 5):
        raise ConversionError(f"a marker of {stars} stars in {text!r}")
    return text[: m.start()].rstrip(), stars


def raw_marker_counts(lines: list[str]) -> tuple[int, int, int]:
    """Count the 3/4/5-star markers in the raw table rows, before any parsing."""
    counts = Counter()
    for line in lines:
        for m in _RAW_MARKER.finditer(line):
            counts[m.group(0).count("*")] += 1
    unexpected = sorted(set(counts) - {3, 4, 5})
    if unexpected:
        raise ConversionError(f"star runs of unexpected length {unexpected}")
    return counts[3], counts[4], counts[5]


def parse_points(cell: str) -> int | None:
    """Points cell → int. Blank → None (an option's blank reads as 0). Digits the transcript
    split across a cell break ("4 0", "10 0") are joined."""
    cell = cell.strip()
    if not cell:
        return None
    if not re.fullmatch(r"\d+(?: \d+)*", cell):
        raise ConversionError(f"unreadable points {cell!r}")
    return int(cell.replace(" ", ""))


# --------------------------------------------------------------------------------------
# Row classification
# --------------------------------------------------------------------------------------

_PART = re.compile(r"^phần\s*([abc])\b\s*:?\s*(.*)$", re.IGNORECASE)
_PART_LABEL = re.compile(r"\s*\((\d+)\s*điểm\)\s*$", re.IGNORECASE)
_HEADING = re.compile(r"^(\d+(?:\s*\.\s*\d+)*)\s*\.?\s+(\S.*)$")
_OPTION = re.compile(r"^(?:□|o(?=\s+[^\W\d_]))\s*(.*)$")
_NOTE = re.compile(r"^(?:ghi chú|chú ý|lưu ý)\s*:\s*(.*)$", re.IGNORECASE)
_CASE = re.compile(r"^([a-z])\.\s+(trường hợp\s+\d+\s*:.*)$", re.IGNORECASE)
_EMBEDDED_NOTE = re.compile(r"\s+(?:Ghi chú|Chú ý)\s*:\s*")
_REQUIREMENT = re.compile(r"\s+(Yêu cầu:.*)$")


def note_kind(text: str) -> str:
    """Read a note and decide what it does: eliminate (the product is out, with this reason),
    stop (the evaluation ends here; the app treats it as elimination) or info."""
    t = text.lower()
    if "bị loại" in t or "loại bỏ" in t:
        return "eliminate"  # "Bị loại nếu…", "…sẽ bị loại bỏ"
    if t.startswith("không đánh giá những sản phẩm"):
        # "Không đánh giá những sản phẩm có tính phổ biến … mà không có sự nổi trội": such a
        # product is not evaluated at all — an exclusion, i.e. elimination with this reason.
        return "eliminate"
    if "không đánh giá các bước tiếp theo" in t or "không xem xét các chỉ tiêu khác" in t:
        return "stop"  # the evaluation stops here (unacceptable impurities, no declaration…)
    return "info"


def is_on_zero(text: str) -> bool:
    return "được 0 điểm" in text.lower()


# --------------------------------------------------------------------------------------
# Pass 1: one sheet's rows → a flat list of typed rows
# --------------------------------------------------------------------------------------


@dataclass
class Row:
    kind: str  # part | heading | option | note | case | extra
    line: int
    text: str = ""
    code: str = ""
    printed: str = ""  # the points cell as printed (whitespace collapsed)
    stars: int | None = None


@dataclass
class RawSheet:
    path: Path
    set_number: int
    title: str
    header: str
    rejection_rule: str
    markers: tuple[int, int, int]
    rows: list[Row]


def read_sheet(path: Path, vocab: Vocabulary) -> RawSheet:
    lines = nfc(path.read_text(encoding="utf-8")).splitlines()
    set_number, title, header, rejection = 0, "", "", ""
    body: list[tuple[int, str]] = []

    def fail(line: int, message: str) -> ConversionError:
        return ConversionError(f"{path.name}:{line}: {message}")

    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        if not raw.startswith("#"):
            body.append((number, raw))
            continue
        text = clean(raw[1:], vocab)
        if m := re.search(r"bộ tiêu chí số (\d+)\s*$", text):
            set_number = int(m.group(1))
        elif text.startswith("Bộ sản phẩm:"):
            title = text.split(":", 1)[1].strip()
        elif text.startswith("Sản phẩm:"):
            header = text
        elif text.startswith("Hồ sơ bị loại khi"):
            rejection = text
        elif not text.startswith("columns:"):
            raise fail(number, f"unknown header line {text!r}")
    if not set_number:
        raise fail(1, "no '# … bộ tiêu chí số N' header line")

    rows: list[Row] = []
    total = None
    for number, raw in body:
        cell_text, _tab, cell_points = raw.partition("\t")
        text = clean(cell_text, vocab)
        printed = re.sub(r"\s+", " ", cell_points.strip())
        low = text.lower()
        if not text:
            raise fail(number, "a row without text")
        if low.startswith("các tiêu chí"):
            continue  # the table's column header ("Các tiêu chí | Thang điểm")
        if low.replace(" ", "") == "tổngcộng":
            total = parse_points(printed)
        elif m := _PART.match(text):
            rows.append(Row("part", number, m.group(2).strip(), m.group(1).upper(), printed))
        elif m := _OPTION.match(text):
            option_text = m.group(1)
            parts = _EMBEDDED_NOTE.split(option_text, maxsplit=1)
            option_text, stars = split_marker(parts[0])
            option_text = re.sub(r"\s*:$", "", option_text)  # set 25: "…sản phẩm :"
            rows.append(Row("option", number, option_text, printed=printed, stars=stars))
            if len(parts) == 2:
                # Sets 21/22, 6.2: "…trí tuệ địa phương***** Ghi chú: Nếu sản phẩm vi phạm sở
                # hữu trí tuệ, sẽ bị loại bỏ" — one cell holds the option and a note after it.
                rows.append(Row("note", number, parts[1].strip()))
        elif m := _NOTE.match(text):
            rows.append(Row("note", number, m.group(1).strip()))
        elif m := _CASE.match(text):
            rows.append(Row("case", number, f"{m.group(1)}. {m.group(2)}"))
        elif m := _HEADING.match(text):
            code = re.sub(r"\s+", "", m.group(1))
            rows.append(Row("heading", number, m.group(2).strip(), code, printed))
        elif printed:
            raise fail(number, f"unrecognised row with points {printed!r}: {text!r}")
        else:
            rows.append(Row("extra", number, text))
    if total != 100:
        raise fail(len(lines), f"the TỔNG CỘNG row prints {total}, not 100")
    markers = raw_marker_counts([raw for _n, raw in body])
    return RawSheet(path, set_number, title, header, rejection, markers, rows)


# --------------------------------------------------------------------------------------
# Pass 2: typed rows → parts → groups → criteria → options
# --------------------------------------------------------------------------------------


class SheetBuilder:
    def __init__(self, raw: RawSheet, fixes: dict[tuple[int, str, int | None], Fix],
                 used: set[Fix]) -> None:
        self.raw = raw
        self.fixes = fixes
        self.used = used

    def fail(self, line: int, message: str) -> ConversionError:
        return ConversionError(f"{self.raw.path.name}:{line}: set {self.raw.set_number}: {message}")

    def fix(self, code: str, option: int | None, printed: str, line: int) -> Fix | None:
        fix = self.fixes.get((self.raw.set_number, code, option))
        if fix is None:
            return None
        if fix.printed != printed:
            raise self.fail(line, f"{code} option {option}: the source now prints {printed!r}, "
                                  f"not {fix.printed!r} as FIXES expects; review the fix")
        self.used.add(fix)
        return fix

    def points(self, row: Row, code: str, option: int | None = None) -> tuple[int | None, Fix | None]:
        fix = self.fix(code, option, row.printed, row.line)
        if fix:
            return fix.points, fix
        try:
            return parse_points(row.printed), None
        except ConversionError as exc:
            raise self.fail(row.line, f"{code}: {exc}") from None

    def build(self) -> dict:
        raw = self.raw
        parts: list[dict] = []
        rows = raw.rows
        if not rows or rows[0].kind != "part":
            raise self.fail(rows[0].line if rows else 1, "the table does not start with Part A")
        # Split the rows at each part heading, then at each group heading.
        for start, row in enumerate(rows):
            if row.kind != "part":
                continue
            end = next((k for k in range(start + 1, len(rows)) if rows[k].kind == "part"), len(rows))
            parts.append(self.part(row, rows[start + 1:end]))
        return {
            "set_number": raw.set_number,
            "title": raw.title,
            "header": raw.header,
            "rejection_rule": raw.rejection_rule,
            "source_marker_counts": list(raw.markers),
            "notes": [],
            "parts": parts,
        }

    def part(self, row: Row, rows: list[Row]) -> dict:
        code = row.code
        printed = parse_points(row.printed)
        if printed is None:
            raise self.fail(row.line, f"Part {code} without points")
        title, anomaly, points = row.text, None, printed
        label = _PART_LABEL.search(title)
        if label:
            title = title[: label.start()].strip()
            if int(label.group(1)) != printed:
                fix = self.fix(code, None, label.group(1), row.line)
                if fix is None:
                    raise self.fail(row.line, f"Part {code} is labelled “{label.group(1)} Điểm” "
                                              f"but its points column prints {printed}")
                points, anomaly = fix.points, fix.anomaly
        groups = []
        starts = [k for k, r in enumerate(rows) if r.kind == "heading" and "." not in r.code]
        if not starts or starts[0] != 0:
            raise self.fail(rows[0].line if rows else row.line,
                            f"Part {code} does not start with a numbered group")
        for n, k in enumerate(starts):
            end = starts[n + 1] if n + 1 < len(starts) else len(rows)
            groups.append(self.group(rows[k], rows[k + 1:end]))
        return {"code": code, "title": title, "max_points": points, "anomaly": anomaly,
                "groups": groups}

    def group(self, head: Row, rows: list[Row]) -> dict:
        number = head.code
        max_points, fix = self.points(head, number)
        if max_points is None:
            raise self.fail(head.line, f"group {number} without points")
        headings = [k for k, r in enumerate(rows) if r.kind == "heading"]
        group = {"number": number, "title": head.text, "max_points": max_points,
                 "subheadings": [], "criteria": []}
        if not headings:
            # A group printed without sub-criteria ("7. CÔNG BỐ CHẤT LƯỢNG" with its options
            # right under it): one criterion whose code is the group's number.
            group["criteria"].append(self.criterion(head, rows, group, max_points, fix))
            return group
        if headings[0] != 0:
            raise self.fail(rows[0].line, f"group {number} has rows before its first criterion")
        for n, k in enumerate(headings):
            row = rows[k]
            end = headings[n + 1] if n + 1 < len(headings) else len(rows)
            body = rows[k + 1:end]
            if not row.code.startswith(number + "."):
                raise self.fail(row.line, f"criterion {row.code} is not in group {number}")
            depth = row.code.count(".") + 1
            nxt = rows[end] if end < len(rows) else None
            if depth == 2 and nxt is not None and nxt.code.startswith(row.code + "."):
                # The intermediate heading of a three-level sheet ("6.1. Ngoại hình" over
                # 6.1.1, 6.1.2): not scored itself, kept with its printed maximum.
                if body:
                    raise self.fail(body[0].line, f"heading {row.code} has rows of its own")
                sub_points, _ = self.points(row, row.code)
                group["subheadings"].append(
                    {"code": row.code, "title": row.text, "max_points": sub_points})
                continue
            if depth == 3:
                parent = row.code.rsplit(".", 1)[0]
                if not any(h["code"] == parent for h in group["subheadings"]):
                    raise self.fail(row.line, f"criterion {row.code} without its heading {parent}")
            elif depth > 3:
                raise self.fail(row.line, f"criterion code {row.code} has more than three levels")
            crit_points, crit_fix = self.points(row, row.code)
            if crit_points is None:
                raise self.fail(row.line, f"criterion {row.code} without points")
            group["criteria"].append(self.criterion(row, body, group, crit_points, crit_fix))
        return group

    def criterion(self, head: Row, rows: list[Row], group: dict, max_points: int,
                  fix: Fix | None) -> dict:
        code = head.code
        title = head.text
        notes: list[dict] = []
        options: list[dict] = []
        anomaly = fix.anomaly if fix else None
        m = _REQUIREMENT.search(title)
        if m:
            # "5.3. Trí tuệ/bản sắc địa phương Yêu cầu: Nội dung…": the requirement is a note.
            title = title[: m.start()].strip()
            notes.append(note_dict(code, notes, "info", m.group(1)))
        case = ""
        for row in rows:
            if row.kind == "option":
                index = len(options)
                points, opt_fix = self.points(row, code, index)
                if opt_fix:
                    anomaly = opt_fix.anomaly
                text = f"{case} — {row.text}" if case else row.text
                options.append({"index": index, "text": text,
                                "points": 0 if points is None else points,  # blank reads as 0
                                "min_stars": row.stars})
            elif row.kind == "note":
                kind = note_kind(row.text)
                if kind == "stop" and is_on_zero(row.text):
                    # "Nếu được 0 điểm tại một trong các chỉ tiêu trên, sẽ không đánh giá các
                    # bước tiếp theo" (set 16, after 6.4): "the indicators above" are the
                    # criteria of this group so far; each carries the rule, firing on 0 points.
                    for other in group["criteria"]:
                        other["notes"].append(
                            note_dict(other["code"], other["notes"], kind, row.text, True))
                    notes.append(note_dict(code, notes, kind, row.text, True))
                else:
                    notes.append(note_dict(code, notes, kind, row.text))
            elif row.kind == "case":
                # Set 26: "Lựa chọn một trong hai trường hợp sau:" then "a. Trường hợp 1: …"
                # with its options, "b. Trường hợp 2: …" with its own. One choice among all
                # four; each option names its case.
                case = row.text
            elif row.kind == "extra":
                if options:
                    raise self.fail(row.line, f"{code}: unrecognised row after the options: "
                                              f"{row.text!r}")
                if row.text.startswith("("):
                    title = f"{title} {row.text}"  # "(Gồm: …)" continues the heading
                else:
                    # "Chỉ áp dụng khi có câu chuyện sản phẩm", "Yêu cầu: 100% …",
                    # "Lựa chọn một trong hai trường hợp sau:"
                    notes.append(note_dict(code, notes, "info", row.text))
            else:
                raise self.fail(row.line, f"{code}: unexpected {row.kind} row")
        yes_no = not options
        if yes_no:
            # Printed without options (the bilingual label, 1 point): Không 0 / Có = maximum.
            options = [
                {"index": 0, "text": YES_NO_NO, "points": 0, "min_stars": None},
                {"index": 1, "text": YES_NO_YES, "points": max_points, "min_stars": None},
            ]
        return {"code": code, "title": title, "max_points": max_points, "yes_no": yes_no,
                "anomaly": anomaly, "notes": notes, "options": options}


def note_dict(code: str, existing: list[dict], kind: str, text: str, on_zero: bool = False) -> dict:
    base = f"{code}#{kind}"
    ids = {n["id"] for n in existing}
    note_id, k = base, 2
    while note_id in ids:
        note_id, k = f"{base}-{k}", k + 1
    return {"id": note_id, "kind": kind, "text": text, "on_zero": on_zero}


# --------------------------------------------------------------------------------------
# Whole rubric
# --------------------------------------------------------------------------------------


def convert(src: Path) -> dict:
    paths = sorted(src.glob("sheet-*.tsv"))
    if not paths:
        raise ConversionError(f"no sheet-*.tsv files in {src}")
    texts = [nfc(p.read_text(encoding="utf-8")) for p in paths]
    vocab = Vocabulary(texts)
    fixes = {(f.set_number, f.code, f.option): f for f in FIXES}
    used: set[Fix] = set()
    sheets = []
    for path in paths:
        raw = read_sheet(path, vocab)
        if raw.set_number in REJECTION_RULES:
            if raw.rejection_rule:
                raise ConversionError(f"{path.name} now has its own rejection rule: remove "
                                      f"REJECTION_RULES[{raw.set_number}]")
            raw.rejection_rule = REJECTION_RULES[raw.set_number]
        m = re.search(r"(\d+)", path.stem)
        if m and int(m.group(1)) != raw.set_number:
            raise ConversionError(f"{path.name} holds set {raw.set_number}")
        sheets.append(SheetBuilder(raw, fixes, used).build())
    sheets.sort(key=lambda s: s["set_number"])
    unused = [f for f in FIXES if f not in used]
    if unused:
        raise ConversionError("FIXES entries that match nothing in the source: " + ", ".join(
            f"set {f.set_number} {f.code} option {f.option}" for f in unused))
    return {
        "format": FORMAT,
        "id": RUBRIC_ID,
        "decision": DECISION,
        "effective_from": EFFECTIVE_FROM,
        "source": SOURCE,
        "sheets": sheets,
    }


def dump(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--src", type=Path, default=DEFAULT_SRC,
                        help="folder of sheet-NN.tsv files (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help="rubric file to write (default: %(default)s)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if --out differs from a fresh conversion")
    args = parser.parse_args(argv)

    from ocop_desktop.scoring.rubric import RubricError, rubric_from_dict

    try:
        data = convert(args.src)
        text = dump(data)
        # The same checks the app runs at load time: never write a file the app would refuse.
        rubric_from_dict(json.loads(text), source=str(args.out))
    except (ConversionError, RubricError, OSError) as exc:
        print(f"convert_rubric: {exc}", file=sys.stderr)
        return 1
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != text:
            print(f"convert_rubric: {args.out} is out of date", file=sys.stderr)
            return 1
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    n = len(data["sheets"])
    print(f"{args.out}: {n} sheets, "
          f"{sum(len(g['criteria']) for s in data['sheets'] for p in s['parts'] for g in p['groups'])} criteria")
    return 0


if __name__ == "__main__":
    sys.exit(main())
