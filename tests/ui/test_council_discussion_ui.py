"""A council whose members' totals differ by more than 10 points: finalising is refused,
the summary shows no rank, the discussion is recorded from the summary (bad input keeps
what was typed), and then the council finalises."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
from test_evaluation_dialogs import PRODUCT, make_council, open_evaluation
from test_evaluation_form import press
from ui_samples import Modals

from ocop_desktop.domain.evaluations import EvaluationStatus
from ocop_desktop.i18n import _
from ocop_desktop.scoring.rubric import load_rubric
from ocop_desktop.services import evaluations as service

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "unit"))
from scoring_samples import SET_7_CHOICES_76  # noqa: E402

pytestmark = [pytest.mark.usefixtures("modals"), pytest.mark.qt_log_ignore(r"^This plugin does not support")]

SHEET = load_rubric("qd-26-2026").sheet(7)
BEST = {c.code: max(range(len(c.options)), key=lambda i: (c.options[i].points, i)) for c in SHEET.criteria}


def test_spread_refused_then_discussion_recorded_then_finalised(qtbot, sample_db, modals: Modals) -> None:  # noqa: ANN001
    assert PRODUCT  # set 7
    ev_id = make_council(sample_db, [("Nông Văn Thành", BEST), ("Đàm Thị Lan", dict(SET_7_CHOICES_76))])
    dialog = open_evaluation(qtbot, sample_db, ev_id)  # 100 and 76: 24 points apart
    dialog.finalise()
    title, text = modals.errors[-1]
    assert title == _("Not finalised") and "24" in text and "10" in text
    council = dialog.council
    assert council.current_key() == "summary"
    summary = council.summary
    assert summary.rank_label.text() == _("No result yet: the council discusses the spread first.")
    assert summary.stars_label.text() == "" and summary.explanation() == []
    with sample_db.read_session() as s:
        assert service.get_evaluation(s, ev_id).status == EvaluationStatus.DRAFT

    assert summary.discussion_button.isVisible()
    summary.discussion_button.click()
    talk = council.discussion_dialog
    assert talk is not None and talk.isVisible()
    assert talk.attendees_edit.toPlainText() == "Nông Văn Thành, Đàm Thị Lan"
    assert talk.date_edit.date() == dt.date.today()
    talk.chair_edit.setText("Nông Văn Thành")
    talk.date_edit.edit.setText("31/02/2026")
    talk.ok_button.click()  # not a date, no outcome: refused, the dialog stays with the text
    assert talk.isVisible() and talk.error_for("date")
    talk.date_edit.set_date(dt.date.today())
    talk.ok_button.click()
    assert talk.isVisible() and talk.error_for("outcome") and not talk.error_for("date")
    assert talk.chair_edit.text() == "Nông Văn Thành"
    with sample_db.read_session() as s:
        assert service.get_evaluation(s, ev_id).discussion is None
    talk.outcome_edit.setPlainText("Thành viên Đàm Thị Lan giữ nguyên điểm; Hội đồng thống nhất kết quả.")
    talk.ok_button.click()
    assert not talk.isVisible()
    with sample_db.read_session() as s:
        saved = service.get_evaluation(s, ev_id).discussion
    assert saved is not None and saved.chair == "Nông Văn Thành" and saved.date == dt.date.today()
    assert "Hội đồng thống nhất kết quả." in summary.discussion_label.text()
    assert summary.rank_label.text() != _("No result yet: the council discusses the spread first.")
    assert summary.stars_label.text()
    assert summary.discussion_button.text() == _("Edit the discussion…")

    dialog.finalise()
    assert len(modals.errors) == 1
    with sample_db.read_session() as s:
        assert service.get_evaluation(s, ev_id).status == EvaluationStatus.FINAL
    assert not summary.discussion_button.isVisible()  # read-only once final


def test_untouched_council_shows_no_rank(qtbot, sample_db, modals: Modals) -> None:  # noqa: ANN001
    ev_id = make_council(sample_db, [("Nông Văn Thành", {}), ("Đàm Thị Lan", {})])
    dialog = open_evaluation(qtbot, sample_db, ev_id)
    council = dialog.council
    council.show_entry("summary")
    summary = council.summary
    assert summary.rank_label.text() == _("No option chosen yet: no rank.")
    assert summary.stars_label.text() == "" and summary.explanation() == []
    council.show_entry(council.slots[0].info.id)
    council.slots[0].form.focus_criterion("1.1")
    press(qtbot, "1")
    council.show_entry("summary")
    assert summary.rank_label.text().startswith(_("Provisional rank: {stars}").split("{")[0])


def test_council_finalised_before_the_rule_keeps_its_rank(qtbot, sample_db, modals: Modals) -> None:  # noqa: ANN001
    from ocop_desktop.models import Evaluation
    from ocop_desktop.services import council_discussion
    from ocop_desktop.services.council_discussion import DiscussionData

    ev_id = make_council(sample_db, [("Nông Văn Thành", BEST), ("Đàm Thị Lan", dict(SET_7_CHOICES_76))])
    with sample_db.session() as s:
        council_discussion.record_discussion(s, ev_id, DiscussionData(dt.date.today(), "Nông Văn Thành", "",
                                                                      "Thống nhất."))
        service.finalise(s, ev_id)
    with sample_db.session() as s:  # as a council finalised by an earlier version holds it
        e = s.get(Evaluation, ev_id)
        e.discussion_date, e.discussion_chair, e.discussion_outcome = None, "", ""
    dialog = open_evaluation(qtbot, sample_db, ev_id)
    dialog.council.show_entry("summary")
    summary = dialog.council.summary
    assert summary.rank_label.text() != _("No result yet: the council discusses the spread first.")
    assert summary.stars_label.text() and not summary.discussion_button.isVisible()
    assert _("Settled by the council's agreed sheet.") not in summary.spread_label.text()
