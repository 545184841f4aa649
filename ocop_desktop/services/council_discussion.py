"""The council's discussion of a large spread between its members (issue 9 §3). Qt-free;
every function takes a Session and never commits.

Rule (domain brief §4.2, provincial council rules of the 1048 era, Tây Ninh and Đồng Tháp):
each member scores independently, the council takes the arithmetic mean, and the members'
totals **may not differ by more than 10 points**; otherwise the council discusses and the
members re-score. So a council whose spread is over the limit is finalised only once the
council has settled it: either its agreed sheet is entered, or the discussion is recorded
here — who chaired it, who attended, when, and the outcome
(:func:`ocop_desktop.services.evaluations.finalise` refuses otherwise, naming the spread).

The discussion is stored on the evaluation (``discussion_*`` columns, migration
``0006_council_discussion``), so it travels in sync with the evaluation's other fields.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from ocop_desktop.domain.evaluations import EvaluationKind, EvaluationStatus
from ocop_desktop.errors import BadInput, ValidationFailed
from ocop_desktop.i18n import _
from ocop_desktop.models import Evaluation
from ocop_desktop.services.common import get_record
from ocop_desktop.text import nfc, nfc_multiline

CHAIR_MAX = 255
TEXT_MAX = 4000


@dataclass(frozen=True)
class DiscussionData:
    """What the council's secretary records after the discussion."""

    date: dt.date | None
    chair: str
    attendees: str = ""
    outcome: str = ""


def discussion_of(ev: Evaluation) -> DiscussionData | None:
    """The recorded discussion, or None (nothing recorded: no date)."""
    if ev.discussion_date is None:
        return None
    return DiscussionData(ev.discussion_date, ev.discussion_chair or "", ev.discussion_attendees or "",
                          ev.discussion_outcome or "")


def check_discussion(data: DiscussionData, *, today: dt.date | None = None) -> dict[str, str]:
    """{field: message} for what :func:`record_discussion` would refuse."""
    today = today or dt.date.today()
    errors: dict[str, str] = {}
    if not isinstance(data.date, dt.date):
        errors["date"] = _("Date of the discussion: required (dd/mm/yyyy).")
    elif data.date > today:
        errors["date"] = _("Date of the discussion: it cannot be later than today.")
    chair = nfc(data.chair)
    if not chair:
        errors["chair"] = _("Chaired by: required.")
    elif len(chair) > CHAIR_MAX:
        errors["chair"] = _("Chaired by: at most {n} characters.").format(n=CHAIR_MAX)
    if len(nfc_multiline(data.attendees)) > TEXT_MAX:
        errors["attendees"] = _("Attended by: at most {n} characters.").format(n=TEXT_MAX)
    outcome = nfc_multiline(data.outcome)
    if not outcome:
        errors["outcome"] = _("Outcome: say what the council concluded (e.g. who re-scored which criteria).")
    elif len(outcome) > TEXT_MAX:
        errors["outcome"] = _("Outcome: at most {n} characters.").format(n=TEXT_MAX)
    return errors


def _council_draft(session: Session, evaluation_id: str) -> Evaluation:
    ev = get_record(session, Evaluation, evaluation_id)
    if ev.kind != EvaluationKind.COUNCIL:
        raise BadInput(_("Only a council records a discussion."))
    if ev.status != EvaluationStatus.DRAFT:
        raise BadInput(_("This evaluation is finalised. Reopen it first, giving the reason."))
    return ev


def record_discussion(session: Session, evaluation_id: str, data: DiscussionData, *,
                      today: dt.date | None = None) -> Evaluation:
    """Record (or correct) the council's discussion on a draft council evaluation.
    ValidationFailed ({"date" | "chair" | "attendees" | "outcome": message}) writes nothing."""
    ev = _council_draft(session, evaluation_id)
    errors = check_discussion(data, today=today)
    if errors:
        raise ValidationFailed(errors)
    values = {"discussion_date": data.date, "discussion_chair": nfc(data.chair),
              "discussion_attendees": nfc_multiline(data.attendees), "discussion_outcome": nfc_multiline(data.outcome)}
    for column, value in values.items():
        if getattr(ev, column) != value:
            setattr(ev, column, value)
    session.flush()
    return ev


def clear_discussion(session: Session, evaluation_id: str) -> Evaluation:
    """Remove the recorded discussion (a draft council only)."""
    ev = _council_draft(session, evaluation_id)
    if ev.discussion_date is not None:
        ev.discussion_date = None
        ev.discussion_chair = ev.discussion_attendees = ev.discussion_outcome = ""
        session.flush()
    return ev
