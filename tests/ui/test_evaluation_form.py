"""The scoring form: fast entry from the keyboard, live subtotals and stars, missing criteria."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from ocop_desktop.i18n import _
from ocop_desktop.scoring.model import Criterion, Group, Note, NoteKind, Option, Part, Sheet
from ocop_desktop.ui.evaluation.sheet_form import SheetForm

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints")

ELIM = Note(NoteKind.ELIMINATE, "Bị loại nếu sử dụng toàn bộ nguyên liệu nhập khẩu", "1.1#eliminate")


def _crit(code: str, points: list[int], markers: dict[int, int] | None = None,
          notes: tuple[Note, ...] = ()) -> Criterion:
    markers = markers or {}
    options = tuple(Option(i, f"Phương án {i + 1} của tiêu chí {code}", p, markers.get(i))
                    for i, p in enumerate(points))
    return Criterion(code, f"Tiêu chí {code}", max(points), options, notes)


def small_sheet(extra_criteria: int = 0) -> Sheet:
    """A made-up sheet: A (1.1–1.3, 2.1), B (4.1), C (6.1 and ``extra_criteria`` more)."""
    a1 = Group("1", "TỔ CHỨC SẢN XUẤT", 9, (
        _crit("1.1", [1, 2, 3], {0: 3}, (ELIM,)),
        _crit("1.2", [0, 1, 2, 3], {2: 4}),
        _crit("1.3", [0, 3]),
    ))
    a2 = Group("2", "PHÁT TRIỂN SẢN PHẨM", 5, (_crit("2.1", [1, 3, 5]),))
    b = Group("4", "TIẾP THỊ", 5, (_crit("4.1", [1, 2, 3, 5], {1: 3}),))
    extra = tuple(_crit(f"6.{i + 2}", [0, 1, 2]) for i in range(extra_criteria))
    c = Group("6", "CHẤT LƯỢNG", 4 + 2 * extra_criteria, (_crit("6.1", [2, 4]), *extra))
    return Sheet(99, "Bộ thử", "", "", (
        Part("A", "SẢN PHẨM VÀ SỨC MẠNH CỦA CỘNG ĐỒNG", 14, (a1, a2)),
        Part("B", "KHẢ NĂNG TIẾP THỊ", 5, (b,)),
        Part("C", "CHẤT LƯỢNG SẢN PHẨM", 4 + 2 * extra_criteria, (c,)),
    ))


def make_form(qtbot, sheet: Sheet | None = None, size: tuple[int, int] = (1100, 650)) -> SheetForm:  # noqa: ANN001
    form = SheetForm(sheet or small_sheet())
    qtbot.addWidget(form)
    form.resize(*size)
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form)
    return form


def press(qtbot, keys: str) -> None:  # noqa: ANN001
    """Digits and Enter ("\\n") to whatever has the focus, one key event each."""
    for ch in keys:
        target = QApplication.focusWidget()
        assert target is not None
        if ch == "\n":
            qtbot.keyClick(target, Qt.Key.Key_Return)
        else:
            qtbot.keyClick(target, ch)


def test_number_keys_and_enter_fill_the_sheet(qtbot) -> None:  # noqa: ANN001
    form = make_form(qtbot)
    form.focus_criterion("1.1")
    assert QApplication.focusWidget() is form.views["1.1"]
    press(qtbot, "3\n2\n2\n3\n4\n2\n")
    assert form.choices() == {"1.1": 2, "1.2": 1, "1.3": 1, "2.1": 2, "4.1": 3, "6.1": 1}
    assert QApplication.focusWidget() is form.comment_edit  # Enter after the last criterion
    result = form.result()
    assert result.parts == {"A": 3 + 1 + 3 + 5, "B": 5, "C": 4}
    assert result.total == 21
    assert form.part_totals["A"].text() == "A: 12 / 14"
    assert form.panel.part_labels["B"].text() == "5 / 5"
    assert not result.missing


def test_keys_move_and_change_the_choice(qtbot) -> None:  # noqa: ANN001
    form = make_form(qtbot)
    form.focus_criterion("1.2")
    view = form.views["1.2"]
    press(qtbot, "9")  # no option 9: the choice stays as it was (the hint says why)
    assert view.choice() is None
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.choice() == 0
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert form.choices() == {"1.2": 1}
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert form.choices() == {}
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is form.views["1.3"]
    qtbot.keyClick(form.views["1.3"], Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is view
    qtbot.keyClick(view, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is form.views["1.1"]
    press(qtbot, "1")
    qtbot.keyClick(form.views["1.1"], Qt.Key.Key_1, Qt.KeyboardModifier.KeypadModifier)
    assert form.choices() == {"1.1": 0}


def test_stars_and_caps_update_live(qtbot) -> None:  # noqa: ANN001
    form = make_form(qtbot)
    seen = []
    form.result_changed.connect(seen.append)
    form.focus_criterion("1.1")
    press(qtbot, "3\n4\n2\n3\n1\n2\n")  # 4.1 option 1 (1 point) is below its 3-star marker
    result = form.result()
    assert result.total == 3 + 3 + 3 + 5 + 1 + 4
    assert result.stars_by_points == 1  # a small made-up sheet: 19 points
    assert seen[-1] is result
    assert form.panel.explanation()  # the engine's sentences are shown


def test_missing_criteria_are_tinted_and_listed(qtbot) -> None:  # noqa: ANN001
    form = make_form(qtbot)
    form.focus_criterion("1.1")
    press(qtbot, "1\n\n")  # 1.2 left empty: Enter moves past it
    assert form.views["1.2"].is_flagged()
    assert not form.views["1.3"].is_flagged()  # the current one, not passed yet
    assert "1.2" in form.panel.missing_label.text()
    assert form.flag_missing() == ("1.2", "1.3", "2.1", "4.1", "6.1")
    assert all(form.views[c].is_flagged() for c in form.missing())
    form.panel.missing_label.linkActivated.emit("4.1")  # a click on the link
    assert QApplication.focusWidget() is form.views["4.1"]
    press(qtbot, "2")
    assert not form.views["4.1"].is_flagged()


def test_elimination_rule_from_the_keyboard(qtbot) -> None:  # noqa: ANN001
    form = make_form(qtbot)
    form.focus_criterion("1.1")
    qtbot.keyClick(form.views["1.1"], Qt.Key.Key_X)
    assert form.eliminated_by() == "1.1#eliminate"
    assert form.result().eliminated is not None
    assert form.result().stars == 0
    qtbot.keyClick(form.views["1.1"], Qt.Key.Key_X)
    assert form.eliminated_by() is None


def test_mouse_click_picks_an_option(qtbot) -> None:  # noqa: ANN001
    form = make_form(qtbot)
    view = form.views["2.1"]
    form.focus_criterion("2.1")
    qtbot.wait(1)
    rows = view._layout(view.width()).rows
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=rows[1].center())
    assert form.choices() == {"2.1": 1}
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(rows[2].center()))
    assert form.choices() == {"2.1": 2}


def test_current_criterion_is_kept_in_view(qtbot) -> None:  # noqa: ANN001
    form = make_form(qtbot, small_sheet(extra_criteria=20), size=(900, 400))
    form.focus_criterion("1.1")
    for _step in range(len(form.order) - 1):
        press(qtbot, "2\n")
        code = form.current_code()
        assert form.is_visible_in_scroll(code), code
    assert form.current_code() == form.order[-1]
    assert form.scroll.verticalScrollBar().value() > 0


def test_load_and_read_only(qtbot) -> None:  # noqa: ANN001
    form = make_form(qtbot)
    changed = []
    form.changed.connect(lambda: changed.append(1))
    form.load({"1.1": 1, "6.1": 0}, eliminated_by=None, comment="Sản phẩm tốt")
    assert changed == []
    assert form.choices() == {"1.1": 1, "6.1": 0}
    assert form.comment() == "Sản phẩm tốt"
    form.set_read_only(True)
    form.focus_criterion("1.2")
    press(qtbot, "3")
    assert "1.2" not in form.choices()


def _key_target():  # noqa: ANN202
    """Where the keyboard goes: an open popup (a completer's list) first, as in Qt itself."""
    target = QApplication.activePopupWidget() or QApplication.focusWidget()
    assert target is not None
    return target


def type_text(qtbot, text: str) -> None:  # noqa: ANN001
    """Characters to the focus widget, one key event each (Vietnamese letters included)."""
    for ch in text:
        target = _key_target()
        QTest.sendKeyEvent(QTest.KeyAction.Click, target, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier)


def key(qtbot, k: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:  # noqa: ANN001
    qtbot.keyClick(_key_target(), k, modifiers)


def activate(qtbot, window) -> None:  # noqa: ANN001
    """Wait until a window shown with open()/show() is the active one (the offscreen platform
    may need asking)."""
    qtbot.waitExposed(window)
    if QApplication.activeWindow() is not window:
        window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def test_rule_at_zero_points_applies_by_itself(qtbot) -> None:  # noqa: ANN001
    """Set 16's "0 points on one of these criteria: the evaluation stops" needs no tick."""
    stop = Note(NoteKind.STOP, "Nếu được 0 điểm tại một trong các chỉ tiêu trên, sẽ không đánh giá các bước "
                "tiếp theo", "6.1#stop", on_zero=True)
    sheet = small_sheet()
    c = sheet.parts[2].groups[0]
    crit = _crit("6.1", [0, 2, 4], notes=(stop,))
    sheet = Sheet(sheet.set_number, sheet.title, "", "", (*sheet.parts[:2], Part(
        "C", "CHẤT LƯỢNG SẢN PHẨM", 4, (Group(c.number, c.title, 4, (crit,)),))))
    form = make_form(qtbot, sheet)
    form.focus_criterion("6.1")
    press(qtbot, "2")
    assert form.result().eliminated is None
    press(qtbot, "1")  # 0 points
    assert form.result().eliminated is not None and form.result().stars == 0
    assert form.views["6.1"]._rule_applies(stop)
    assert form.eliminated_by() is None  # nothing ticked: the rule applied by itself


def test_untouched_sheet_shows_no_provisional_rank(qtbot) -> None:  # noqa: ANN001
    form = make_form(qtbot)
    panel = form.panel
    assert panel.stars_label.text() == ""
    assert not panel.by_points_label.isVisibleTo(panel)
    assert panel.rank_label.text() == _("No option chosen yet: no rank.")
    assert "1" not in panel.rank_label.text()
    assert panel.explanation() == []  # no "1 star by points", no "below 3 stars"
    form.focus_criterion("1.1")
    press(qtbot, "1")
    assert panel.rank_label.text().startswith(_("Provisional rank: {stars}").split("{")[0])
    assert panel.by_points_label.isVisibleTo(panel) and panel.stars_label.text()
    qtbot.keyClick(form.views["1.1"], Qt.Key.Key_Delete)  # untouched again
    assert panel.rank_label.text() == _("No option chosen yet: no rank.")


def test_a_digit_with_no_option_says_so(qtbot) -> None:  # noqa: ANN001
    form = make_form(qtbot)
    form.focus_criterion("1.2")  # 4 options
    press(qtbot, "2")
    assert not form.key_hint.isVisibleTo(form)
    press(qtbot, "7")
    assert form.choices() == {"1.2": 1}  # unchanged
    assert form.key_hint.isVisibleTo(form)
    text = form.key_hint.text()
    assert "7" in text and "1.2" in text and "4" in text
    press(qtbot, "0")  # no option 0 anywhere
    assert "0" in form.key_hint.text()
    press(qtbot, "3")
    assert form.choices() == {"1.2": 2} and not form.key_hint.isVisibleTo(form)
    press(qtbot, "9")
    qtbot.keyClick(form.views["1.2"], Qt.Key.Key_Return)  # moving on clears the hint
    assert not form.key_hint.isVisibleTo(form)
