"""The *Chu trình OCOP* section: tabs built when first shown, the window's commands reach the
current tab, and a tab's changes reach the other sections."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from ocop_desktop.ui.cycle.cycle_page import CyclePage
from ocop_desktop.ui.main_window import MainWindow


class FakeList(QWidget):
    records_changed = Signal()
    status_message = Signal(str)
    built: list[str] = []

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self.calls: list[str] = []
        FakeList.built.append(name)

    def new_record(self) -> None:
        self.calls.append("new")

    def focus_search(self) -> None:
        self.calls.append("search")


def test_tabs_are_built_when_shown_and_get_the_commands(qtbot, db) -> None:  # noqa: ANN001
    FakeList.built = []
    specs = [("a", "Ideas", lambda _db: FakeList("a")), ("b", "Plans", lambda _db: FakeList("b"))]
    page = CyclePage(db, tabs=specs)
    qtbot.addWidget(page)
    assert FakeList.built == ["a"]  # the first tab only
    page.new_record()
    page.focus_search()
    assert page.page("a").calls == ["new", "search"]
    page.tabs.setCurrentIndex(1)
    assert FakeList.built == ["a", "b"]
    page.new_record()
    assert page.page("b").calls == ["new"]
    with qtbot.waitSignal(page.status_message) as blocker:
        page.page("b").status_message.emit("Đã lưu.")
    assert blocker.args == ["Đã lưu."]
    with qtbot.waitSignal(page.records_changed):
        page.page("a").records_changed.emit()


def test_the_main_window_has_the_section(qtbot, db) -> None:  # noqa: ANN001
    window = MainWindow(db, autoload=False)
    qtbot.addWidget(window)
    page = window.show_section("cycle")
    assert isinstance(page, CyclePage)
    assert window.nav.currentItem().text() == "Chu trình OCOP"
    assert window.new_action.isEnabled()
