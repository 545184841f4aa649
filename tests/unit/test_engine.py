"""The scoring engine: bands, star minima, elimination, councils, explanations, properties."""

from __future__ import annotations

import functools
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scoring_samples import ELIM_1_1, SET_7, SET_7_CHOICES_76, SET_7_SPEC, STOP_6_1, make_sheet

from ocop_desktop.errors import BadInput
from ocop_desktop.i18n import set_language
from ocop_desktop.scoring.engine import (
    Cap,
    ScoringError,
    agreed_choices_by_majority,
    display_average,
    elimination_notes,
    score_council,
    score_sheet,
    stars_for_points,
)
from ocop_desktop.scoring.explain import explain
from ocop_desktop.scoring.model import NoteKind, Sheet


@functools.cache
def real_rubric():  # noqa: ANN201
    """The shipped rubric once ``scoring/rubric.py`` exists, else None."""
    try:
        from ocop_desktop.scoring.rubric import available_rubrics, load_rubric
    except ImportError:
        return None
    return load_rubric("qd-26-2026") if "qd-26-2026" in available_rubrics() else None


needs_rubric = pytest.mark.skipif(real_rubric() is None, reason="scoring/rubric.py not there yet")


# --------------------------------------------------------------------------------------
# Points → stars


@pytest.mark.parametrize(("total", "stars"), [
    (0, 1), (29, 1), (30, 2), (49, 2), (50, 3), (69, 3), (70, 4), (89, 4), (90, 5), (100, 5),
    (Decimal("29.99"), 1), (Decimal("49.99"), 2), (Decimal("69.99"), 3), (Decimal("89.99"), 4),
    (Decimal("90.00"), 5), (Fraction(6999, 100), 3), (Fraction(8999, 100), 4),
    (Fraction(269, 3), 4),  # 89.67: no rounding up before banding
    (Fraction(209, 3), 3),  # 69.67
    (Fraction(210, 3), 4),  # exactly 70
    (89.99, 4),
])
def test_bands_are_half_open_and_exact(total: object, stars: int) -> None:
    assert stars_for_points(total) == stars


def test_display_average_never_crosses_a_band_it_does_not_reach() -> None:
    assert display_average(Fraction(209, 3)) == Decimal("69.67")  # rounded half up
    assert display_average(Fraction(8999, 100)) == Decimal("89.99")
    # 89.996: rounding would show 90,00 next to 4 stars; shown 89,99 instead.
    assert display_average(Fraction(89996, 1000)) == Decimal("89.99")
    assert display_average(Fraction(90)) == Decimal("90.00")


# --------------------------------------------------------------------------------------
# Set 7, hand-checked


def test_set_7_hand_checked_76_points_capped_to_3_stars_by_1_5() -> None:
    r = score_sheet(SET_7, SET_7_CHOICES_76)
    assert r.parts == {"A": 32, "B": 18, "C": 26}
    assert r.total == 76 and r.stars_by_points == 4 and r.stars == 3
    assert r.capped_by == (Cap("1.5", "Criterion 1.5", 4, 2, 1, "Có hợp đồng liên kết trên 75% sản lượng tiêu thụ"),)
    assert r.eliminated is None and r.missing == () and r.complete


def test_set_7_meeting_1_5_is_4_stars_and_a_3_star_minimum_caps_lower() -> None:
    # 1.5 → "…trên 75% sản lượng tiêu thụ" (2 points): 77, every minimum met.
    r = score_sheet(SET_7, {**SET_7_CHOICES_76, "1.5": 2})
    assert (r.total, r.stars_by_points, r.stars, r.capped_by) == (77, 4, 4, ())
    # 2.2 → "bao bì đơn giản" (1 point) below its *** option (2): 75 points, 2 stars; both
    # blocking criteria listed once, at the lowest level each blocks, lowest level first.
    r = score_sheet(SET_7, {**SET_7_CHOICES_76, "2.2": 1})
    assert (r.total, r.stars_by_points, r.stars) == (75, 4, 2)
    assert [(c.criterion, c.needs_stars, c.required_points, c.chosen_points) for c in r.capped_by] == [
        ("2.2", 3, 2, 1), ("1.5", 4, 2, 1)]
    assert r.capped_by[0].required_option == "Đóng gói sáng tạo, bao bì đẹp"


def test_set_7_five_star_minima() -> None:
    best = {c.code: len(c.options) - 1 for c in SET_7.criteria}
    r = score_sheet(SET_7, best)
    assert (r.total, r.stars) == (100, 5)
    # 6.3 "Phù hợp với đặc tính sản phẩm" (2, the **** option) is below its ***** option (3):
    # 99 points stay 4 stars.
    r = score_sheet(SET_7, {**best, "6.3": 2})
    assert (r.total, r.stars_by_points, r.stars) == (99, 5, 4)
    assert [(c.criterion, c.needs_stars, c.required_points) for c in r.capped_by] == [("6.3", 5, 3)]


def test_2_3_requires_its_3_star_marker_for_4_stars_too() -> None:
    """Criterion 2.3 marks option 0 (1 point) for 3★ and option 2 (3 points) for 4★."""
    r = score_sheet(SET_7, {**SET_7_CHOICES_76, "1.5": 2, "2.3": 1})  # 2 points: 3★ met, 4★ not
    assert (r.total, r.stars) == (76, 3)
    assert [(c.criterion, c.needs_stars, c.required_points) for c in r.capped_by] == [("2.3", 4, 3)]


def test_minima_never_apply_below_3_stars() -> None:
    worst = {c.code: 0 for c in SET_7.criteria}
    r = score_sheet(SET_7, worst)
    # Option 0 everywhere: 1+0+1+1+0+1+0 + 0+0+1+0 + 1+0+1+1+1 + 1+0+0 + 0+0+0 + 0+0+0+1+0+0+2+1+1+1 = 16
    assert (r.total, r.stars_by_points, r.stars, r.capped_by) == (16, 1, 1, ())
    r = score_sheet(SET_7, {**worst, "4.3": 4, "5.1": 4, "5.3": 3, "8": 2})  # +5 +5 +5 +3 = 34
    assert (r.total, r.stars_by_points, r.stars, r.capped_by) == (34, 2, 2, ())


@needs_rubric
def test_loaded_set_7_matches_the_hand_transcription() -> None:
    sheet = real_rubric().sheet(7)
    loaded = [(c.code, p.code, [o.points for o in c.options], {o.index: o.min_stars for o in c.markers})
              for p in sheet.parts for c in p.criteria]
    assert loaded == [(code, part, points, markers) for code, part, points, markers, *_ in SET_7_SPEC]
    r = score_sheet(sheet, SET_7_CHOICES_76)
    assert (r.parts, r.total, r.stars_by_points, r.stars) == ({"A": 32, "B": 18, "C": 26}, 76, 4, 3)
    assert [(c.criterion, c.needs_stars, c.required_points, c.chosen_points) for c in r.capped_by] == [
        ("1.5", 4, 2, 1)]
    assert r.capped_by[0].title == "Liên kết chuỗi trong sản xuất"


# --------------------------------------------------------------------------------------
# Bad input


def test_unknown_criterion() -> None:
    with pytest.raises(ScoringError, match="“9.9”.*(set|bộ) 7"):
        score_sheet(SET_7, {**SET_7_CHOICES_76, "9.9": 0})


@pytest.mark.parametrize("index", [3, 4, -1, 99])
def test_index_out_of_range(index: int) -> None:
    with pytest.raises(ScoringError, match=rf"1\.1.*{index}.*0–2"):
        score_sheet(SET_7, {**SET_7_CHOICES_76, "1.1": index})


@pytest.mark.parametrize("value", ["1", 1.5, True, None, [1]])
def test_index_must_be_an_integer(value: object) -> None:
    with pytest.raises(ScoringError, match="1.1"):
        score_sheet(SET_7, {**SET_7_CHOICES_76, "1.1": value})


def test_integral_non_int_numbers_are_accepted() -> None:
    assert score_sheet(SET_7, {**SET_7_CHOICES_76, "1.5": Fraction(1)}).total == 76


def test_missing_criteria_are_named_unless_a_draft() -> None:
    choices = {k: v for k, v in SET_7_CHOICES_76.items() if k not in ("1.2", "6.5")}
    with pytest.raises(ScoringError, match="1.2, 6.5") as exc:
        score_sheet(SET_7, choices)
    assert isinstance(exc.value, BadInput) and exc.value.exit_code == 2
    draft = score_sheet(SET_7, choices, allow_missing=True)
    assert draft.missing == ("1.2", "6.5") and not draft.complete
    assert draft.total == 76 - 2 - 3 and draft.stars_by_points == 4
    assert score_sheet(SET_7, {}, allow_missing=True).total == 0


# --------------------------------------------------------------------------------------
# Elimination


def test_elimination_keeps_the_points_and_ranks_nothing() -> None:
    r = score_sheet(SET_7, SET_7_CHOICES_76, eliminated_by="1.1#eliminate")
    assert (r.total, r.stars_by_points, r.stars, r.capped_by) == (76, 4, 0, ())
    assert r.eliminated.criterion == "1.1" and r.eliminated.reason == ELIM_1_1.text
    assert r.to_json()["eliminated"] == {"criterion": "1.1", "note_id": "1.1#eliminate", "reason": ELIM_1_1.text}


def test_a_stop_rule_ends_the_sheet_where_it_stopped() -> None:
    before_6 = {k: v for k, v in SET_7_CHOICES_76.items() if k[0] in "12345"}
    with pytest.raises(ScoringError):
        score_sheet(SET_7, before_6)
    r = score_sheet(SET_7, before_6, eliminated_by=STOP_6_1.id)
    assert r.complete and r.stars == 0 and r.missing[0] == "6.1"
    assert r.eliminated.criterion == "6.1"


def test_only_elimination_and_stop_notes_can_eliminate() -> None:
    assert set(elimination_notes(SET_7)) == {"1.1#eliminate", "2.1#eliminate", "6.1#stop"}
    for bad in ("8#info", "nonsense"):
        with pytest.raises(ScoringError, match=bad):
            score_sheet(SET_7, SET_7_CHOICES_76, eliminated_by=bad)


def test_sheet_level_notes_eliminate_without_a_criterion() -> None:
    from ocop_desktop.scoring.model import Note

    sheet = make_sheet(1, [("1", "A", [0, 5], {})],
                       notes=(Note(NoteKind.ELIMINATE, "Nếu sản phẩm vi phạm sở hữu trí tuệ, sẽ bị loại bỏ", "ip"),))
    r = score_sheet(sheet, {"1": 1}, eliminated_by="ip")
    assert r.eliminated.criterion is None and r.stars == 0


# --------------------------------------------------------------------------------------
# JSON and explanations


def test_to_json_is_the_cli_shape() -> None:
    data = score_sheet(SET_7, SET_7_CHOICES_76).to_json()
    assert list(data) == ["set", "rubric", "parts", "total", "stars_by_points", "stars", "capped_by",
                          "eliminated", "missing"]
    assert data["set"] == 7 and data["rubric"] == "qd-26-2026" and data["eliminated"] is None
    assert data["capped_by"] == [{"criterion": "1.5", "needs_stars": 4, "required_points": 2, "chosen_points": 1,
                                  "title": "Criterion 1.5",
                                  "required_option": "Có hợp đồng liên kết trên 75% sản lượng tiêu thụ"}]


def test_explain_names_the_cap() -> None:
    set_language("en")
    lines = explain(score_sheet(SET_7, SET_7_CHOICES_76))
    assert lines[0] == "Total 76 points (A 32, B 18, C 26)."
    assert lines[1] == ("4 stars by points (76), but criterion 1.5 needs at least “Có hợp đồng liên kết trên 75% "
                        "sản lượng tiêu thụ” (2 points) for 4 stars: 3 stars.")
    lines = explain(score_sheet(SET_7, {**SET_7_CHOICES_76, "2.2": 1}))
    assert "2 criteria" in lines[1] and lines[2].startswith("Criterion 2.2") and lines[3].startswith("Criterion 1.5")
    assert "not recognised" in lines[-1]
    lines = explain(score_sheet(SET_7, SET_7_CHOICES_76, eliminated_by="2.1#eliminate"))
    assert lines[1].startswith("Eliminated under criterion 2.1: Ghi chú: Bị loại nếu")
    assert "76 points, 4 stars by points" in lines[2]
    lines = explain(score_sheet(SET_7, {"1.1": 0}, allow_missing=True))
    assert "31 criteria have no option chosen yet" in lines[1]


# --------------------------------------------------------------------------------------
# Councils

#: Ten criteria worth 0..10 points each (total = sum of the indexes): criterion "1" carries a
#: 4★ marker on its 8-point option and a 3★ marker on its 5-point one.
TEN = make_sheet(99, [(str(i), "ABC"[min(2, (i - 1) // 4)], list(range(11)), {5: 3, 8: 4} if i == 1 else {})
                      for i in range(1, 11)])


def member(total: int, first: int = 10) -> dict[str, int]:
    """A TEN sheet with ``first`` points on criterion 1 and ``total`` points in all."""
    rest, out = total - first, {"1": first}
    for i in range(2, 11):
        out[str(i)] = min(10, rest)
        rest -= out[str(i)]
    assert rest == 0
    return out


def test_council_average_is_exact_and_banded_without_rounding() -> None:
    c = score_council(TEN, [member(70), member(69), member(70)])
    assert c.member_totals == (70, 69, 70) and c.average == Fraction(209, 3)
    assert c.stars_by_points == 3 and c.stars == 3
    set_language("vi")
    assert c.average_text == "69,67"
    set_language("en")
    assert c.average_text == "69.67"
    assert explain(c)[0] == "Average of 3 members' totals: 69.67."


def test_spread_warning_above_10_points_not_at_10() -> None:
    assert score_council(TEN, [member(80), member(70)]).spread_warning is False
    c = score_council(TEN, [member(81), member(70)])
    assert (c.spread, c.spread_warning) == (11, True)
    assert score_council(TEN, [member(81), member(70)], spread_limit=15).spread_warning is False
    set_language("en")
    assert any("differ by 11 points, more than 10" in line for line in explain(c))


def test_minima_on_the_majority_agreed_sheet_vs_each_member() -> None:
    # Members 2 and 3 meet the 4★ marker on criterion 1 (8 points), member 1 does not (5).
    members = [member(75, first=5), member(75, first=8), member(76, first=9)]
    agreed = score_council(TEN, members)
    assert agreed.mode == "agreed" and agreed.stars_by_points == 4
    # Criterion 1: 5, 8, 9 chosen once each; the tie goes to the option worth fewer points (5).
    assert agreed.minima_sheet.to_json()["capped_by"][0]["chosen_points"] == 5
    assert agreed.stars == 3 and [c.criterion for c in agreed.capped_by] == ["1"]
    # With two members on 8 the majority agrees on 8: 4 stars.
    members = [member(75, first=5), member(75, first=8), member(76, first=8)]
    assert agreed_choices_by_majority(TEN, members)["1"] == 8
    assert score_council(TEN, members).stars == 4
    each = score_council(TEN, members, minima="each")
    assert each.stars == 3 and each.capped_by[0].members == (0,) and each.minima_sheet is None
    # An agreed sheet given explicitly wins over the majority.
    explicit = score_council(TEN, members, agreed_choices=member(75, first=6))
    assert explicit.stars == 3 and explicit.capped_by[0].chosen_points == 6


def test_each_mode_takes_the_strictest_cap() -> None:
    members = [member(80, first=7), member(80, first=2), member(80, first=9)]  # 3★ blocked by member 2
    each = score_council(TEN, members, minima="each")
    assert each.stars == 2
    assert [(c.criterion, c.needs_stars, c.chosen_points, c.members) for c in each.capped_by] == [("1", 3, 2, (1,))]


def test_council_elimination_by_any_member_or_the_agreed_record() -> None:
    sheet = make_sheet(98, [("1.1", "A", [1, 2, 3], {}, [ELIM_1_1]), ("2.1", "B", list(range(40)), {})])
    ms = [{"1.1": 2, "2.1": 30}, {"1.1": 2, "2.1": 35}]
    c = score_council(sheet, ms, member_eliminated_by=[None, "1.1#eliminate"])
    assert c.stars == 0 and c.eliminated.member == 1 and c.stars_by_points == 2
    c = score_council(sheet, ms, eliminated_by="1.1#eliminate")
    assert c.stars == 0 and c.eliminated.member is None


def test_council_errors_name_the_member() -> None:
    with pytest.raises(ScoringError, match="2.*“42”"):
        score_council(TEN, [member(70), {**member(70), "42": 1}])
    with pytest.raises(ScoringError):
        score_council(TEN, [])
    with pytest.raises(ScoringError, match="sometimes"):
        score_council(TEN, [member(70)], minima="sometimes")


# --------------------------------------------------------------------------------------
# Properties (hypothesis): synthetic sheets, and the 26 shipped sets once they exist


@st.composite
def sheets(draw: st.DrawFn) -> Sheet:
    spec = []
    for part in "ABC":
        for g in range(draw(st.integers(1, 3))):
            for k in range(draw(st.integers(1, 4))):
                points = draw(st.lists(st.integers(0, 12), min_size=1, max_size=5))
                markers = draw(st.dictionaries(st.integers(0, len(points) - 1), st.integers(3, 5), max_size=3))
                spec.append((f"{part}{g}.{k}", part, points, markers))
    return make_sheet(1, spec)


def choices_for(draw: st.DrawFn, sheet: Sheet) -> dict[str, int]:
    return {c.code: draw(st.integers(0, len(c.options) - 1)) for c in sheet.criteria}


def reference_stars(sheet: Sheet, choices: dict[str, int]) -> int:
    """The issue's rule, literally: the highest N whose band is reached and for which every
    option marked for N stars or fewer is met."""
    band = stars_for_points(sum(sheet.criterion(k).options[i].points for k, i in choices.items()))
    for n in range(band, 0, -1):
        if n <= 2 or all(sheet.criterion(k).options[i].points >= m.points
                         for k, i in choices.items() for m in sheet.criterion(k).markers if m.min_stars <= n):
            return n
    raise AssertionError


def check_properties(sheet: Sheet, choices: dict[str, int], better: tuple[str, int]) -> None:
    r = score_sheet(sheet, choices)
    chosen = {k: sheet.criterion(k).options[i].points for k, i in choices.items()}
    assert r.total == sum(chosen.values()) == sum(r.parts.values())
    assert r.stars_by_points == stars_for_points(r.total)
    assert r.stars <= r.stars_by_points
    if r.eliminated is not None:  # only a rule that applies by itself at 0 points (set 16)
        assert chosen[r.eliminated.criterion] == 0 and (r.stars, r.capped_by) == (0, ())
        assert any(n.id == r.eliminated.note_id and n.on_zero for n in sheet.criterion(r.eliminated.criterion).notes)
    else:
        assert r.stars == reference_stars(sheet, choices)
    for cap in r.capped_by:
        crit = sheet.criterion(cap.criterion)
        assert cap.chosen_points == chosen[cap.criterion]
        assert cap.needs_stars <= r.stars_by_points and cap.needs_stars > r.stars
        assert any(m.min_stars == cap.needs_stars and m.points == cap.required_points > cap.chosen_points
                   for m in crit.markers)
        # … and nothing lower on this criterion was blocking: it is listed at its lowest level.
        assert all(m.points <= cap.chosen_points for m in crit.markers if m.min_stars < cap.needs_stars)
    assert len({c.criterion for c in r.capped_by}) == len(r.capped_by)
    if r.capped_by:
        assert r.stars == r.capped_by[0].needs_stars - 1
    code, idx = better
    if sheet.criterion(code).options[idx].points >= chosen[code]:
        assert score_sheet(sheet, {**choices, code: idx}).stars >= r.stars


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_properties_on_synthetic_sheets(data: st.DataObject) -> None:
    sheet = data.draw(sheets())
    choices = choices_for(data.draw, sheet)
    crit = data.draw(st.sampled_from(sheet.criteria))
    check_properties(sheet, choices, (crit.code, data.draw(st.integers(0, len(crit.options) - 1))))


@needs_rubric
@settings(max_examples=200, deadline=None)
@given(st.data())
def test_properties_on_the_26_sets(data: st.DataObject) -> None:
    rubric = real_rubric()
    sheet = rubric.sheet(data.draw(st.sampled_from(sorted(rubric.sheets))))
    # Bias towards good sheets so that 4★/5★ bands and their minima are exercised too.
    choices = {c.code: data.draw(st.one_of(st.integers(0, len(c.options) - 1), st.just(len(c.options) - 1)))
               for c in sheet.criteria}
    crit = data.draw(st.sampled_from(sheet.criteria))
    check_properties(sheet, choices, (crit.code, data.draw(st.integers(0, len(crit.options) - 1))))


@needs_rubric
def test_every_set_scores_its_best_sheet_at_5_stars() -> None:
    rubric = real_rubric()
    assert sorted(rubric.sheets) == list(range(1, 27))
    for n, sheet in rubric.sheets.items():
        best = {c.code: max(range(len(c.options)), key=lambda i, c=c: c.options[i].points) for c in sheet.criteria}
        r = score_sheet(sheet, best)
        assert (r.total, r.stars, r.capped_by) == (100, 5, ()), n


def test_a_rule_on_zero_points_applies_by_itself() -> None:
    """Set 16: "Nếu được 0 điểm tại một trong các chỉ tiêu trên, sẽ không đánh giá các bước tiếp theo"."""
    import dataclasses

    from ocop_desktop.scoring.model import Note

    if "on_zero" not in {f.name for f in dataclasses.fields(Note)}:
        pytest.skip("model.Note has no on_zero yet")
    rule = "Ghi chú: Nếu được 0 điểm tại một trong các chỉ tiêu trên, sẽ không đánh giá các bước tiếp theo."
    sheet = make_sheet(16, [("6.1", "C", [0, 1, 2], {}, [Note(NoteKind.STOP, rule, "6.1#stop", on_zero=True)]),
                            ("6.2", "C", [0, 1, 2], {}, [Note(NoteKind.STOP, rule, "6.2#stop", on_zero=True)]),
                            ("7", "C", [0, 31, 60], {})])
    assert score_sheet(sheet, {"6.1": 1, "6.2": 2, "7": 2}).stars == 3
    r = score_sheet(sheet, {"6.1": 1, "6.2": 0})  # stopped at 6.2: 7 need not be scored
    assert r.eliminated.note_id == "6.2#stop" and r.eliminated.criterion == "6.2" and r.stars == 0 and r.complete
    # A rule the evaluator names comes first.
    assert score_sheet(sheet, {"6.1": 0, "6.2": 0}, eliminated_by="6.2#stop").eliminated.criterion == "6.2"
    assert score_sheet(sheet, {"6.1": 0, "6.2": 0}).eliminated.criterion == "6.1"


def test_council_explanation_lists_missing_criteria_in_sheet_order() -> None:
    from ocop_desktop.scoring.explain import _code_order

    assert sorted(["10", "9", "2.4", "10.1", "8", "6.1.2", "6.1.10"], key=_code_order) == [
        "2.4", "6.1.2", "6.1.10", "8", "9", "10", "10.1"]
