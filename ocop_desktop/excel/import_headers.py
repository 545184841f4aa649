"""Finding the header under the title rows, joining two-row headers, guessing each column's
field from accent-insensitive synonyms (ocop-reporting.md §5.2), and remembering the mapping
an officer corrected for files with the same headers."""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from typing import Any

from ocop_desktop import paths
from ocop_desktop.i18n import N_
from ocop_desktop.text import fold

#: Import fields: key → English label (translated at display time).
FIELDS: dict[str, str] = {
    "ignore": N_("(ignore)"),
    "id": N_("Record ID (export)"),
    "stt": N_("Row number (STT)"),
    "product_name": N_("Product name"),
    "product_code": N_("Product code"),
    "product_set": N_("Product set"),
    "producer_name": N_("Producer name"),
    "producer_kind": N_("Producer type"),
    "identifier": N_("Tax code / ID"),
    "address": N_("Address"),
    "commune": N_("Commune"),
    "district": N_("District (before 2025)"),
    "rep_name": N_("Representative"),
    "phone": N_("Phone"),
    "email": N_("Email"),
    "stars": N_("Stars"),
    "score": N_("Total score"),
    "decision": N_("Decision number"),
    "decision_date": N_("Decision date"),
    "year": N_("Year"),
    "certificate_number": N_("Certificate number"),
    "certificate_date": N_("Certificate issue date"),
    "notes": N_("Notes"),
}

# Folded header text → field. Matching tries the whole label, then the child of a two-row
# header, then "parent child" (e.g. "chu the / ten" → producer_name).
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "id": ("id", "id (khong sua)", "ma ban ghi"),
    "stt": ("stt", "tt", "so tt", "so thu tu"),
    "product_name": ("ten san pham", "san pham", "ten sp", "ten san pham/dich vu", "ten san pham ocop",
                     "san pham ocop", "ten san pham, dich vu"),
    "product_code": ("ma san pham", "ma sp", "ma so san pham", "ma ocop", "ma so"),
    "product_set": ("bo san pham", "nhom san pham", "nganh", "nhom", "phan nhom", "nhom/bo san pham"),
    "producer_name": ("ten chu the", "chu the", "ten co so san xuat", "co so san xuat", "don vi", "ten don vi",
                      "to chuc/ca nhan", "ten chu the ocop", "chu the san xuat", "ten to chuc/ca nhan",
                      "chu the ten", "co so san xuat ten", "ten co so", "chu the ten chu the"),
    "producer_kind": ("loai hinh", "loai hinh to chuc", "loai hinh chu the", "loai hinh doanh nghiep",
                      "chu the loai hinh"),
    "identifier": ("ma so thue", "mst", "ma so doanh nghiep", "ma so thue/cccd", "so cccd", "cccd",
                   "ma so thue/so cccd", "chu the ma so thue", "mst/cccd"),
    "address": ("dia chi", "dia chi san xuat", "dia chi tru so", "dia chi chu the", "chu the dia chi",
                "dia chi co so", "co so san xuat dia chi"),
    "commune": ("xa", "xa/phuong", "xa, phuong", "xa/phuong/thi tran", "phuong/xa", "xa phuong"),
    "district": ("huyen", "huyen/quan/thi xa/tp", "huyen/thanh pho", "quan/huyen", "huyen, thi xa"),
    "rep_name": ("nguoi dai dien", "ho ten nguoi dai dien", "dai dien", "chu co so", "chu the nguoi dai dien"),
    "phone": ("so dien thoai", "dien thoai", "sdt", "dt"),
    "email": ("email", "e-mail", "thu dien tu"),
    "stars": ("hang sao", "xep hang", "xep hang san pham", "so sao", "phan hang", "ket qua", "hang",
              "ket qua xep hang", "ket qua phan hang", "xep hang (sao)"),
    "score": ("diem", "tong diem", "diem trung binh", "diem danh gia", "ket qua diem"),
    "decision": ("so quyet dinh", "so qd", "quyet dinh cong nhan", "quyet dinh", "quyet dinh so",
                 "quyet dinh cong nhan so", "so quyet dinh cong nhan"),
    "decision_date": ("ngay quyet dinh", "ngay ky", "ngay ky quyet dinh", "quyet dinh ngay",
                      "quyet dinh cong nhan ngay", "ngay qd", "ngay cong nhan"),
    "year": ("nam", "nam cong nhan", "nam danh gia", "nam xep hang"),
    "certificate_number": ("so giay chung nhan", "so gcn", "giay chung nhan so", "gcn so", "so chung nhan"),
    "certificate_date": ("ngay cap", "ngay cap gcn", "ngay cap giay chung nhan", "giay chung nhan ngay cap",
                         "gcn ngay cap"),
    "notes": ("ghi chu",),
}
_BY_SYNONYM: dict[str, str] = {syn: key for key, syns in _SYNONYMS.items() for syn in syns}

_ROMAN = re.compile(r"^(?=[ivxlc]+$)m{0,3}(c[md]|d?c{0,3})(x[cl]|l?x{0,3})(i[xv]|v?i{0,3})$")
_NUMBERING = re.compile(r"^\(?\d{1,2}\)?$")
_TOTAL = re.compile(r"^(tong cong|tong so|tong|cong|cong:)\b")


def _clean(label: str) -> str:
    text = fold(label).replace("\n", " ")
    text = re.sub(r"\s*([/,])\s*", r"\1", text)
    text = re.sub(r"[():.*]+", " ", text).replace(",", ", ").replace(" ,", ",")
    return " ".join(text.split())


def guess_field(label: str, parent: str = "", child: str = "") -> str:
    """The field a header label names, or "ignore"."""
    for candidate in (label, child, f"{parent} {child}".strip(), parent if not child else ""):
        key = _clean(candidate)
        if not key:
            continue
        if key in _BY_SYNONYM:
            return _BY_SYNONYM[key]
        key2 = key.replace("/", " ").replace(",", "")
        key2 = " ".join(key2.split())
        if key2 in _BY_SYNONYM:
            return _BY_SYNONYM[key2]
    return "ignore"


def _is_header_cell(value: Any) -> bool:
    if not isinstance(value, str) or not value.strip():
        return False
    return guess_field(value) != "ignore"


@dataclass
class Layout:
    """Where the header is and what each column is called."""

    header_rows: list[int]  # 0-based rows of the header (1 or 2)
    labels: list[str]  # one per column, "Parent / Child" for two-row headers
    parents: list[str]
    children: list[str]
    data_start: int  # first row after the header (and after a "(1) (2) (3)" numbering row)

    @property
    def signature(self) -> str:
        """The same headers (accents, case and spacing aside) give the same signature."""
        text = "|".join(_clean(x) for x in self.labels)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def fill_merged(rows: list[list[Any]], merged: list[tuple[tuple[int, int], tuple[int, int]]],
                *, max_row: int | None = None) -> None:
    """Copy the value of each merged range's first cell into the whole range, in place (only
    ranges starting before ``max_row`` when given)."""
    for (r0, c0), (r1, c1) in merged:
        if max_row is not None and r0 >= max_row:
            continue
        if r0 >= len(rows):
            continue
        row0 = rows[r0]
        value = row0[c0] if c0 < len(row0) else None
        if value in (None, ""):
            continue
        for r in range(r0, min(r1, len(rows) - 1) + 1):
            row = rows[r]
            if len(row) <= c1:
                row.extend([""] * (c1 + 1 - len(row)))
            for c in range(c0, c1 + 1):
                if row[c] in (None, ""):
                    row[c] = value


def find_layout(rows: list[list[Any]], merged: list[tuple[tuple[int, int], tuple[int, int]]] | None = None,
                *, scan: int = 30) -> Layout | None:
    """The header row(s) among the first ``scan`` rows: the row where most non-empty cells are
    known column names (at least two of them). None when no row qualifies."""
    best, best_score = None, 0
    for r, row in enumerate(rows[:scan]):
        texts = [v for v in row if isinstance(v, str) and v.strip()]
        if len(texts) < 2:
            continue
        hits = sum(_is_header_cell(v) for v in texts)
        if hits >= 2 and hits * 2 >= len(texts) and hits > best_score:
            best, best_score = r, hits
    if best is None:
        return None
    width = max((len(r) for r in rows[: best + 3]), default=0)
    head = [(list(rows[best]) + [""] * width)[:width]]
    header_rows = [best]
    nxt = best + 1
    if nxt < len(rows) and _is_subheader(rows[best], rows[nxt], merged or [], best):
        head.append((list(rows[nxt]) + [""] * width)[:width])
        header_rows.append(nxt)
    parents = [_text(v) for v in head[0]]
    children = [_text(v) for v in head[1]] if len(head) > 1 else [""] * width
    for i in range(1, width):  # a parent written once over its children (no merge data)
        if not parents[i] and children[i] and children[i - 1] and parents[i - 1]:
            parents[i] = parents[i - 1]
    labels = []
    for p, c in zip(parents, children, strict=True):
        if c and p and fold(c) != fold(p):
            labels.append(f"{p} / {c}")
        else:
            labels.append(p or c)
    start = header_rows[-1] + 1
    if start < len(rows):
        cells = [fold(_text(v)) for v in rows[start] if _text(v)]
        if cells and all(_NUMBERING.match(c) for c in cells) and len(cells) >= 2:
            start += 1  # the "(1) (2) (3) …" row under the header
    return Layout(header_rows, labels, parents, children, start)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def _is_subheader(head: list[Any], below: list[Any], merged, r: int) -> bool:  # noqa: ANN001
    """Whether the row under the header is a second header row: a header cell merged across
    columns has text under it, or the row names known columns and holds no number."""
    spans = any(r0 == r and c1 > c0 for (r0, c0), (_r1, c1) in merged)
    texts = [v for v in below if isinstance(v, str) and v.strip()]
    if not texts or any(isinstance(v, int | float) and not isinstance(v, bool) for v in below):
        return False
    if all(_NUMBERING.match(fold(t)) for t in texts):
        return False  # the "(1) (2) (3)" row
    if spans:
        return True
    # No merge data (ODS, CSV, HTML): a child under an empty parent cell that follows a parent.
    if any(i > 0 and not _text(head[i]) and _text(below[i]) and _text(head[i - 1]) for i in range(len(head))
           if i < len(below)):
        return True
    # Without merge data (CSV, HTML, ODS): a parent written once then blanks, with children below.
    repeats = sum(1 for i in range(1, len(head)) if head[i] == head[i - 1] and _text(head[i]))
    known = sum(_is_header_cell(v) for v in texts)
    return (repeats > 0 or any(not _text(h) for h in head)) and known >= 1 and known * 2 >= len(texts)


def guess_mapping(layout: Layout) -> list[str]:
    """One field per column; a field already taken by an earlier column is left to "ignore"."""
    out: list[str] = []
    taken: set[str] = set()
    for label, parent, child in zip(layout.labels, layout.parents, layout.children, strict=True):
        key = guess_field(label, parent, child)
        if key in taken and key not in ("ignore",):
            key = "ignore"
        taken.add(key)
        out.append(key)
    return out


def is_group_label(value: Any) -> bool:
    """An STT cell of a group row: a Roman numeral or a single capital letter ("I", "II", "A")."""
    text = _text(value).rstrip(".").strip()
    if not text:
        return False
    return bool(_ROMAN.match(text.lower())) or (len(text) == 1 and text.isalpha() and text.isupper())


def is_total_label(value: Any) -> bool:
    return bool(_TOTAL.match(fold(_text(value))))


# ---------------------------------------------------------------------------------------------
# Remembered mappings (per user, like the preferences)


def _mappings_file():  # noqa: ANN202
    return paths.config_dir() / "import_mappings.json"


def remembered_mapping(signature: str, width: int) -> list[str] | None:
    try:
        data = json.loads(_mappings_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    value = data.get(signature) if isinstance(data, dict) else None
    if not isinstance(value, list) or len(value) != width or not all(v in FIELDS for v in value):
        return None
    return list(value)


def remember_mapping(signature: str, mapping: list[str]) -> None:
    f = _mappings_file()
    try:
        data = json.loads(f.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            data = {}
    except (OSError, ValueError):
        data = {}
    data[signature] = list(mapping)
    if len(data) > 200:  # keep the file small: the most recent signatures
        for key in list(data)[: len(data) - 200]:
            data.pop(key)
    f.parent.mkdir(parents=True, exist_ok=True)
    tmp = f.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, f)
