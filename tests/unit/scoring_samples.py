"""Hand-built rubric sheets for the scoring tests (no converter, no JSON).

``make_sheet`` builds a :class:`Sheet` from a compact spec: one entry per criterion,
``(code, part, [points, ...], {option index: min_stars}, notes)``. The group of a
criterion is the part of its code before the first dot.

``SET_7`` transcribes the points and star markers of Decision 26/2026 set 7 ("Chế biến từ
rau, củ, quả, hạt") by hand from ``../shared/reference/qd-26-2026/sheets/sheet-07.tsv``
(and the domain brief's Appendix A). Option texts are kept only where a test reads them.
"""

from __future__ import annotations

from collections.abc import Sequence

from ocop_desktop.scoring.model import Criterion, Group, Note, NoteKind, Option, Part, Sheet

Spec = Sequence[tuple]  # (code, part, points, markers[, notes[, texts]])

PART_MAX = {"A": 40, "B": 25, "C": 35}


def make_sheet(set_number: int, spec: Spec, *, title: str = "", notes: tuple[Note, ...] = ()) -> Sheet:
    parts: dict[str, dict[str, list[Criterion]]] = {}
    for row in spec:
        code, part, points, markers = row[:4]
        crit_notes = tuple(row[4]) if len(row) > 4 else ()
        texts = row[5] if len(row) > 5 else {}
        options = tuple(Option(i, texts.get(i, f"{code} option {i} ({p} đ)"), p, markers.get(i))
                        for i, p in enumerate(points))
        crit = Criterion(code, f"Criterion {code}", max(points), options, crit_notes)
        parts.setdefault(part, {}).setdefault(code.split(".")[0], []).append(crit)
    return Sheet(
        set_number=set_number, title=title or f"Set {set_number}", header="", rejection_rule="",
        parts=tuple(
            Part(pc, f"Phần {pc}", sum(c.max_points for cs in groups.values() for c in cs),
                 tuple(Group(g, f"Group {g}", sum(c.max_points for c in cs), tuple(cs))
                       for g, cs in groups.items()))
            for pc, groups in parts.items()),
        notes=notes)


def _note(code: str, kind: NoteKind, text: str) -> Note:
    return Note(kind, text, f"{code}#{kind.value}")


ELIM_1_1 = _note("1.1", NoteKind.ELIMINATE,
                 "Ghi chú: Bị loại nếu sử dụng toàn bộ nguyên liệu nhập khẩu hoặc không rõ nguồn gốc")
ELIM_2_1 = _note("2.1", NoteKind.ELIMINATE,
                 "Ghi chú: Bị loại nếu phát hiện giống hệt sản phẩm của nhà sản xuất khác, chỉ thay đổi "
                 "tên sản phẩm, nhà sản xuất")
STOP_6_1 = _note("6.1", NoteKind.STOP,
                 "Ghi chú: Nếu có tạp chất không chấp nhận được (các tạp chất có nguy cơ gây mất an toàn "
                 "thực phẩm) như: đất, côn trùng, lông, len, mốc nguy hại,... sẽ không đánh giá các bước "
                 "tiếp theo.")
INFO_8 = _note("8", NoteKind.INFO,
               "Ghi chú: Bản tiêu chuẩn sản phẩm phải có phiếu kiểm nghiệm các chỉ tiêu an toàn thực phẩm")

# Set 7, in sheet order: (code, part, option points, {option index: star marker}, notes, texts).
SET_7_SPEC: Spec = (
    ("1.1", "A", [1, 2, 3], {0: 3}, [ELIM_1_1]),
    ("1.2", "A", [0, 1, 2], {}),  # the first option's points are blank in the source: 0
    ("1.3", "A", [1, 2, 3], {}),
    ("1.4", "A", [1, 2, 3], {}),
    ("1.5", "A", [0, 1, 2, 3], {2: 4, 3: 5}, [],
     {2: "Có hợp đồng liên kết trên 75% sản lượng tiêu thụ"}),
    ("1.6", "A", [1, 2, 3], {0: 4}),
    ("1.7", "A", [0, 1], {}),
    ("2.1", "A", [0, 1, 2, 3], {3: 4}, [ELIM_2_1]),
    ("2.2", "A", [0, 1, 2, 3], {2: 3}, [], {2: "Đóng gói sáng tạo, bao bì đẹp"}),
    ("2.3", "A", [1, 2, 3], {0: 3, 2: 4}),
    ("2.4", "A", [0, 1], {}),  # printed without options: Không / Có
    ("3.1", "A", [1, 1, 3], {}),  # the "<51%" option printed 1 (2 in every other set)
    ("3.2", "A", [0, 1], {}),
    ("3.3", "A", [1, 2, 3], {}),
    ("3.4", "A", [1, 2], {1: 4}),
    ("3.5", "A", [1, 2, 3], {0: 3, 1: 4}),
    ("4.1", "B", [1, 2, 3, 5], {1: 3, 2: 4, 3: 5}),
    ("4.2", "B", [0, 1, 2, 3], {}),
    ("4.3", "B", [0, 1, 2, 3, 5], {}),
    ("5.1", "B", [0, 1, 2, 3, 5], {4: 4}),
    ("5.2", "B", [0, 1, 2], {}),
    ("5.3", "B", [0, 1, 3, 5], {1: 3}),
    ("6.1", "C", [0, 1, 2], {2: 4}, [STOP_6_1]),
    ("6.2", "C", [0, 1, 2], {}),
    ("6.3", "C", [0, 1, 2, 3], {2: 4, 3: 5}),
    ("6.4", "C", [1, 2, 3], {1: 4, 2: 5}),
    ("6.5", "C", [0, 1, 3, 5], {2: 4, 3: 5}),
    ("7", "C", [0, 1, 3, 5], {2: 4, 3: 5}),
    ("8", "C", [2, 4, 5], {0: 3}, [INFO_8]),
    ("9", "C", [1, 3, 5], {0: 3, 1: 4}),
    ("10", "C", [1, 2], {}),
    ("11", "C", [1, 2, 3], {}),
)

SET_7 = make_sheet(7, SET_7_SPEC, title="Chế biến từ rau, củ, quả, hạt")

#: A 76-point set-7 sheet that meets every *** and **** minimum except 1.5 (hand-checked
#: against sheet-07.tsv; option indexes are 0-based in sheet order):
#:   A: 1.1 3 + 1.2 2 + 1.3 3 + 1.4 3 + 1.5 1 + 1.6 1 + 1.7 1            = 14 (group 1)
#:      2.1 3 + 2.2 2 + 2.3 3 + 2.4 1                                    =  9 (group 2)
#:      3.1 1 + 3.2 1 + 3.3 3 + 3.4 2 + 3.5 2                            =  9 (group 3) → A 32
#:   B: 4.1 3 + 4.2 2 + 4.3 3 = 8;  5.1 5 + 5.2 2 + 5.3 3 = 10                           → B 18
#:   C: 6.1 2 + 6.2 2 + 6.3 2 + 6.4 2 + 6.5 3 = 11; 7: 3; 8: 5; 9: 3; 10: 2; 11: 2       → C 26
#:   total 32 + 18 + 26 = 76 → 4★ by points. 1.5 "Có hợp đồng liên kết từ 50% đến dưới 75%"
#:   (1 point) is below the **** option "…trên 75% sản lượng tiêu thụ" (2 points) → 3★.
SET_7_CHOICES_76: dict[str, int] = {
    "1.1": 2, "1.2": 2, "1.3": 2, "1.4": 2, "1.5": 1, "1.6": 0, "1.7": 1,
    "2.1": 3, "2.2": 2, "2.3": 2, "2.4": 1,
    "3.1": 1, "3.2": 1, "3.3": 2, "3.4": 1, "3.5": 1,
    "4.1": 2, "4.2": 2, "4.3": 3,
    "5.1": 4, "5.2": 2, "5.3": 2,
    "6.1": 2, "6.2": 2, "6.3": 2, "6.4": 1, "6.5": 2,
    "7": 2, "8": 2, "9": 1, "10": 1, "11": 1,
}
