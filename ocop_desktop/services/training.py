"""Training classes (lớp tập huấn, cycle step 4): create, edit, delete, restore, list."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields

from sqlalchemy import select
from sqlalchemy.orm import Session

from ocop_desktop.domain import geography
from ocop_desktop.domain.funding import FUNDING_LABELS, FundingSource, funding_code
from ocop_desktop.domain.training_support import (
    AUDIENCE_LABELS,
    TOPIC_LABELS,
    Audience,
    TrainingTopic,
)
from ocop_desktop.domain.vocab import label
from ocop_desktop.errors import ValidationFailed
from ocop_desktop.i18n import N_, _, format_amount, format_date
from ocop_desktop.models import Producer, TrainingClass
from ocop_desktop.services.common import apply_fields, get_record, new_record, set_deleted
from ocop_desktop.services.cycle_checks import amount_error, count_error, producer_errors
from ocop_desktop.services.listing import FoldMemo, joined_folded, json_list, raw_json
from ocop_desktop.services.validation import text_errors
from ocop_desktop.text import fold, nfc, nfc_multiline

_TEXT = {
    "title": (N_("Class title"), 255, False),
    "place": (N_("Place"), 255, False),
    "organiser": (N_("Organiser"), 255, False),
    "notes": (N_("Notes"), None, True),
}


class TrainingStatus:
    PLANNED = "planned"
    ONGOING = "ongoing"
    HELD = "held"


STATUS_LABELS = {
    TrainingStatus.PLANNED: N_("Planned"),
    TrainingStatus.ONGOING: N_("Under way"),
    TrainingStatus.HELD: N_("Held"),
}


def status_on(start: dt.date, end: dt.date, today: dt.date) -> str:
    if today < start:
        return TrainingStatus.PLANNED
    return TrainingStatus.ONGOING if today <= end else TrainingStatus.HELD


@dataclass
class TrainingData:
    """Editable fields of a class. ``cost`` may be text as typed ("12.500.000 đ")."""

    title: str = ""
    topic: str = TrainingTopic.ECOMMERCE.value
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    place: str = ""
    commune_code: int | None = None
    audience: str = Audience.PRODUCERS.value
    learners: int = 0
    learners_women: int = 0
    learners_minority: int = 0
    producer_ids: list[str] = field(default_factory=list)
    organiser: str = ""
    cost: int | str | None = None
    funding: str | None = None
    notes: str = ""

    @classmethod
    def from_model(cls, t: TrainingClass) -> TrainingData:
        out = cls(**{f.name: getattr(t, f.name) for f in fields(cls)})
        out.producer_ids = list(t.producer_ids or [])
        return out

    def normalised(self) -> TrainingData:
        out = TrainingData(**{f.name: getattr(self, f.name) for f in fields(self)})
        for name in ("title", "place", "organiser"):
            setattr(out, name, nfc(getattr(out, name)))
        out.notes = nfc_multiline(out.notes)
        out.funding = funding_code(out.funding)
        out.producer_ids = list(dict.fromkeys(out.producer_ids or []))
        if out.end_date is None:
            out.end_date = out.start_date
        return out


def validate(session: Session, data: TrainingData) -> dict[str, str]:
    """Field errors of a normalised class (``{}`` when it can be saved)."""
    errors = text_errors(data, _TEXT)
    if not data.title.strip():
        errors["title"] = _("Class title: required.")
    if data.topic not in set(TrainingTopic):
        errors["topic"] = _("Topic: choose a topic.")
    if data.audience not in set(Audience):
        errors["audience"] = _("Audience: choose who the class was for.")
    if data.start_date is None:
        errors["start_date"] = _("Start date: required.")
    elif data.end_date is not None and data.end_date < data.start_date:
        errors["end_date"] = _("End date: {end} is before the start date {start}.").format(
            end=format_date(data.end_date), start=format_date(data.start_date))
    if data.commune_code is not None and geography.commune(data.commune_code) is None:
        errors["commune_code"] = _("Commune: choose a commune from the list.")
    for key, name in (("learners", N_("Learners")), ("learners_women", N_("Of which women")),
                      ("learners_minority", N_("Of which ethnic minority"))):
        if msg := count_error(_(name), getattr(data, key)):
            errors[key] = msg
    total = data.learners if isinstance(data.learners, int) and "learners" not in errors else None
    if total is not None:
        if "learners_women" not in errors and data.learners_women > total:
            errors["learners_women"] = _("Of which women: {n} is more than the {total} learners.").format(
                n=data.learners_women, total=total)
        if "learners_minority" not in errors and data.learners_minority > total:
            errors["learners_minority"] = _(
                "Of which ethnic minority: {n} is more than the {total} learners.").format(
                n=data.learners_minority, total=total)
    if msg := producer_errors(session, data.producer_ids):
        errors["producer_ids"] = msg
    if msg := amount_error(_("Cost"), data.cost, required=False):
        errors["cost"] = msg
    if data.funding is not None and data.funding not in set(FundingSource):
        errors["funding"] = _("Funding source: choose a source from the list.")
    return errors


def check(session: Session, data: TrainingData) -> dict[str, str]:
    return validate(session, _normalise_amount(data.normalised()))


def _normalise_amount(data: TrainingData) -> TrainingData:
    from ocop_desktop.i18n import AmountError, parse_amount

    if isinstance(data.cost, str):
        try:
            data.cost = parse_amount(data.cost)
        except AmountError:
            pass  # validate() names the problem
    return data


def _checked(session: Session, data: TrainingData) -> TrainingData:
    norm = _normalise_amount(data.normalised())
    errors = validate(session, norm)
    if errors:
        raise ValidationFailed(errors)
    return norm


def create_training(session: Session, data: TrainingData) -> TrainingClass:
    return new_record(session, TrainingClass, _checked(session, data))


def update_training(session: Session, training_id: str, data: TrainingData) -> TrainingClass:
    t = get_record(session, TrainingClass, training_id)
    apply_fields(t, _checked(session, data))
    session.flush()
    return t


def delete_training(session: Session, training_id: str) -> TrainingClass:
    return set_deleted(session, TrainingClass, training_id, True)


def restore_training(session: Session, training_id: str) -> TrainingClass:
    return set_deleted(session, TrainingClass, training_id, False)


def get_training(session: Session, training_id: str) -> TrainingData:
    return TrainingData.from_model(get_record(session, TrainingClass, training_id))


@dataclass(frozen=True)
class TrainingRow:
    """One line of the training list (plain data for the GUI thread)."""

    id: str
    title: str
    topic: str
    topic_label: str
    start_date: dt.date
    end_date: dt.date
    dates_text: str
    place: str
    commune_code: int | None
    commune_name: str
    audience_label: str
    learners: int
    learners_women: int
    learners_minority: int
    producer_ids: tuple[str, ...]
    organiser: str
    cost: int | None
    cost_text: str
    funding: str | None
    funding_label: str
    status: str
    status_label: str
    year: int
    deleted: bool
    version: int
    updated_at: dt.datetime
    search_text: str = field(repr=False, default="")


def dates_text(start: dt.date, end: dt.date) -> str:
    return format_date(start) if start == end else f"{format_date(start)} – {format_date(end)}"


def list_training(session: Session, *, include_deleted: bool = False,
                  today: dt.date | None = None) -> list[TrainingRow]:
    today = today or dt.date.today()
    T = TrainingClass  # noqa: N806
    # Columns, not ORM objects; see services.listing.
    q = select(T.id, T.title, T.topic, T.start_date, T.end_date, T.place, T.commune_code, T.audience, T.learners,
               T.learners_women, T.learners_minority, raw_json(T.producer_ids), T.organiser, T.cost, T.funding,
               T.deleted, T.version, T.updated_at)
    if not include_deleted:
        q = q.where(T.deleted.is_(False))
    names = dict(session.execute(select(Producer.id, Producer.name)).all())
    folds = FoldMemo()
    topics = {k: label(TOPIC_LABELS, k) for k in TrainingTopic}
    folded_topics = {k: fold(v) for k, v in topics.items()}
    audiences = {k: label(AUDIENCE_LABELS, k) for k in Audience}
    fundings = {k: label(FUNDING_LABELS, k) for k in FundingSource}
    statuses = {k: _(v) for k, v in STATUS_LABELS.items()}
    communes: dict[int | None, tuple[str, str]] = {}
    dates: dict[tuple[dt.date, dt.date], str] = {}
    rows, keys = [], []
    for (id_, title, topic, start, end, place, commune_code, audience, learners, women, minority, producer_ids,
         organiser, cost, funding, deleted, version, updated_at) in session.execute(q):
        commune = communes.get(commune_code)
        if commune is None:
            cname = geography.commune_name(commune_code)
            commune = communes[commune_code] = (cname, folds[cname])
        text = dates.get((start, end))
        if text is None:
            text = dates[start, end] = dates_text(start, end)
        status = status_on(start, end, today)
        pids = tuple(p for p in json_list(producer_ids) if isinstance(p, str))
        folded_title = fold(title)
        keys.append((start, folded_title))
        rows.append(TrainingRow(
            id=id_, title=title, topic=topic, topic_label=topics.get(topic, topic),
            start_date=start, end_date=end, dates_text=text,
            place=place, commune_code=commune_code, commune_name=commune[0],
            audience_label=audiences.get(audience, audience), learners=learners,
            learners_women=women, learners_minority=minority, producer_ids=pids,
            organiser=organiser, cost=cost, cost_text=format_amount(cost), funding=funding,
            funding_label=fundings.get(funding, funding or ""), status=status, status_label=statuses[status],
            year=start.year, deleted=deleted, version=version, updated_at=updated_at,
            search_text=joined_folded(folded_title, folded_topics.get(topic, ""), fold(f"{place} {organiser}"),
                                      commune[1], *(folds[names.get(p, "")] for p in pids)),
        ))
    return [rows[i] for i in sorted(range(len(rows)), key=keys.__getitem__, reverse=True)]


def training_of_producer(session: Session, producer_id: str) -> list[TrainingRow]:
    """The live classes a producer's people attended, newest first."""
    return [r for r in list_training(session) if producer_id in r.producer_ids]
