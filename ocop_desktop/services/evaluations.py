"""Evaluation use cases: sheets, councils, finalising and reopening, lists. Historical
results are in :mod:`.legacy_results`, the commune's report (Mẫu 03) in
:mod:`.commune_assessments`. Qt-free; every function takes a Session and never commits.

**Kinds.** ``self`` (the producer's self-assessment) and ``field`` (a field office's
pre-assessment) hold exactly one sheet, created with the evaluation. ``council`` (the
provincial council) holds one sheet per member, added with :func:`add_member`, and at
most one *agreed sheet* (:func:`set_agreed_sheet`): the council's consensus, which is not a
member's vote, so it is **not** counted in the average; the star minima are checked on it
(``minima="agreed"``, the engine's default; with no agreed sheet the engine takes, per
criterion, the option most members chose, ties to the lower). ``legacy`` results (QĐ
148/2023, 1048/2019) are entered as total, stars and decision, without a sheet.

**Draft → final.** A draft accepts incomplete sheets, never unknown criteria or bad
indexes. :func:`finalise` refuses while any live sheet has a criterion left empty (an
eliminated sheet may stop early), then caches the result on the evaluation (``total`` to
2 decimals, ``stars``, ``stars_by_points``, ``eliminated_reason``, ``result_json``) so lists
never rescore. A finalised evaluation is read-only until :func:`reopen` — explicit, with a
reason, appended to ``reopen_log`` (and, like every edit, to the change log).

**The product is not ranked here.** Only a provincial council's result leads to an
official rank, and the rank comes with a recognition decision (services.decisions), so no
function here certifies a product; deleting or restoring a historical result re-derives the
product's cached stars (``services.decisions.refresh_product_stars``). The one status change:
creating a *council* evaluation moves an ``y_tuong``/``dang_ky`` product to
``dang_danh_gia`` (being evaluated). Self- and field assessments are coaching and leave
the status alone; nothing is undone on reopen or delete.

Scoring goes through :mod:`ocop_desktop.scoring.engine` (``score_sheet``/``score_council``)
on the sheet of ``load_rubric(rubric_id).sheet(evaluation.product_set)``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ocop_desktop.domain.evaluations import (
    CURRENT_RUBRIC,
    DEFAULT_MINIMA,
    EVALUATION_KIND_LABELS,
    EVALUATION_STATUS_LABELS,
    SHEET_KINDS,
    EvaluationKind,
    EvaluationStatus,
    LegacyDecision,
)
from ocop_desktop.domain.vocab import ProductStatus, label
from ocop_desktop.errors import BadInput, KnownError, ValidationFailed
from ocop_desktop.i18n import _, format_number, ngettext
from ocop_desktop.models import (
    Evaluation,
    EvaluationSheet,
    Office,
    Producer,
    Product,
)
from ocop_desktop.models.base import utcnow
from ocop_desktop.services.common import get_record, set_deleted
from ocop_desktop.services.council_discussion import DiscussionData, discussion_of
from ocop_desktop.services.validation import char_error
from ocop_desktop.text import fold, nfc, nfc_multiline

if TYPE_CHECKING:
    from ocop_desktop.scoring.engine import CouncilResult, SheetResult
    from ocop_desktop.scoring.model import Sheet

FIRST_YEAR = 2018  # the OCOP programme (QĐ 490/2018)


# --------------------------------------------------------------------------------------
# Rubric and engine (imported lazily: the services load without the scoring data)


def _load_rubric(rubric_id: str):  # noqa: ANN202 - scoring.model.Rubric
    from ocop_desktop.scoring.rubric import load_rubric

    return load_rubric(rubric_id)


def _engine():  # noqa: ANN202 - the scoring.engine module
    from ocop_desktop.scoring import engine

    return engine


def _rubric_error(rubric_id: str, product_set: int | None) -> str | None:
    """Why the rubric (and its sheet for the set) cannot be used, or None."""
    try:
        rubric = _load_rubric(rubric_id)
    except KnownError as exc:
        return _("Rubric: {rubric} cannot be used: {reason}").format(rubric=rubric_id, reason=exc.message)
    except (OSError, KeyError, ValueError):
        return _("Rubric: there is no rubric {rubric}.").format(rubric=rubric_id)
    if product_set is not None:
        try:
            rubric.sheet(product_set)
        except KeyError:
            return _("Rubric: {rubric} has no sheet for product set {set}.").format(rubric=rubric_id, set=product_set)
    return None


def _sheet_of(ev: Evaluation) -> Sheet:
    return _load_rubric(ev.rubric_id).sheet(ev.product_set)


# --------------------------------------------------------------------------------------
# DTOs


@dataclass(frozen=True)
class SheetInfo:
    """One sheet as the form loads it."""

    id: str
    member_name: str
    member_role: str
    position: int
    choices: dict[str, int]  # a copy: code → 0-based option index
    eliminated_by: str | None
    comment: str
    is_agreed: bool
    version: int


@dataclass(frozen=True)
class EvaluationInfo:
    """An evaluation with its live sheets (members by position, the agreed sheet last)."""

    id: str
    product_id: str
    product_name: str
    product_set: int | None
    kind: str
    year: int
    round: int | None
    rubric_id: str
    status: str
    minima_mode: str | None
    notes: str
    sheets: tuple[SheetInfo, ...]
    finalised_at: dt.datetime | None
    total: Decimal | None
    stars: int | None
    stars_by_points: int | None
    eliminated_reason: str | None
    legacy_total: Decimal | None
    legacy_stars: int | None
    decision_ref: str
    decision_date: dt.date | None
    reopen_log: tuple[dict[str, Any], ...]
    version: int
    #: Council: the discussion recorded for a large spread (:mod:`.council_discussion`).
    discussion: DiscussionData | None = None

    @property
    def is_final(self) -> bool:
        return self.status == EvaluationStatus.FINAL


@dataclass(frozen=True)
class SheetOutcome:
    """One live sheet scored as it stands (``allow_missing``: a draft scores what is chosen)."""

    sheet_id: str
    member_name: str  # display name ("Thành viên 2" when none was entered)
    member_role: str
    position: int
    is_agreed: bool
    result: SheetResult
    missing: tuple[str, ...]  # criterion codes with no option chosen, sheet order


@dataclass(frozen=True)
class EvaluationResult:
    """The result of an evaluation as it stands (drafts included)."""

    evaluation_id: str
    kind: str
    status: str
    rubric_id: str
    set_number: int
    sheets: tuple[SheetOutcome, ...]  # members by position, then the agreed sheet
    single: SheetResult | None  # self/field: the one sheet's result
    council: CouncilResult | None  # council: scored with allow_missing (None with no member yet)
    #: What stops finalising, {sheet id or "evaluation" or "spread": message}; empty when it can be finalised.
    problems: dict[str, str]
    #: Council: the members' totals differ by more than the limit and the council has neither
    #: an agreed sheet nor a recorded discussion, so there is no result to announce yet.
    spread_open: bool = False
    discussion: DiscussionData | None = None

    @property
    def complete(self) -> bool:
        return not self.problems

    @property
    def missing(self) -> dict[str, tuple[str, ...]]:
        """Criteria left empty per sheet id (only sheets with some)."""
        return {s.sheet_id: s.missing for s in self.sheets if s.missing}

    @property
    def stars(self) -> int | None:
        """Engine stars (0 = eliminated, not ranked)."""
        r = self.council or self.single
        return r.stars if r is not None else None

    @property
    def total(self) -> Decimal | None:
        """The council's average to 2 decimals (never shown across a band floor) or the single total."""
        if self.council is not None:
            return _engine().display_average(self.council.average)
        return Decimal(self.single.total) if self.single is not None else None


@dataclass(frozen=True)
class EvaluationRow:
    """One line of an evaluation list (plain data, safe to hand to the GUI thread)."""

    id: str
    product_id: str
    product_name: str
    product_code: str
    producer_name: str
    kind: str
    kind_label: str
    year: int
    round: int | None
    period_label: str  # "Đợt 1/2026", or the year alone
    rubric_id: str
    status: str
    status_label: str
    total: Decimal | None  # cached result, or the legacy total
    total_text: str  # "77,67" (council), "78" (one sheet), as entered (legacy); "" while a draft
    stars: int | None  # None while a draft and when eliminated
    stars_by_points: int | None
    eliminated: bool
    sheet_count: int  # live sheets, the agreed one included
    finalised_at: dt.datetime | None
    decision_ref: str
    decision_date: dt.date | None
    deleted: bool
    version: int
    updated_at: dt.datetime
    search_text: str = field(repr=False, default="")


# --------------------------------------------------------------------------------------
# Creating evaluations


def _live_product(session: Session, product_id: str) -> Product | None:
    p = session.get(Product, product_id) if product_id else None
    return None if p is None or p.deleted else p


def product_choice_error(session: Session, product_id: str | None) -> str:
    """Why ``product_id`` cannot be used: none chosen (and maybe none exists yet) or gone."""
    if not product_id:
        if session.scalar(select(Product.id).where(Product.deleted.is_(False)).limit(1)) is None:
            return _("Product: there is no product yet. Add a product first (Products → New product).")
        return _("Product: choose a product.")
    return _("Product: the chosen product does not exist or was deleted.")


def _period_errors(year: Any, round_: Any, today: dt.date, *, round_required: bool = True,
                   last_year: int | None = None) -> dict[str, str]:
    """Year from 2018 to ``last_year`` (next year by default); round 1 or 2 (or None if optional)."""
    errors: dict[str, str] = {}
    last = today.year + 1 if last_year is None else last_year
    if year is None:
        errors["year"] = _("Year: required.")
    elif type(year) is not int or not FIRST_YEAR <= year <= last:
        errors["year"] = _("Year: between {first} and {last}.").format(first=FIRST_YEAR, last=last)
    if round_ is None and not round_required:
        return errors
    if round_ not in (1, 2) or isinstance(round_, bool):
        errors["round"] = _("Round: choose round 1 or round 2 of the year.")
    return errors


def check_evaluation(session: Session, product_id: str, kind: str, year: int, round: int,  # noqa: A002
                     rubric_id: str = CURRENT_RUBRIC, *, minima: str = DEFAULT_MINIMA,
                     today: dt.date | None = None) -> dict[str, str]:
    """What :func:`create_evaluation` would refuse, {field: message}, without saving."""
    today = today or dt.date.today()
    errors: dict[str, str] = {}
    product = _live_product(session, product_id)
    if product is None:
        errors["product_id"] = product_choice_error(session, product_id)
    if kind not in SHEET_KINDS:
        if kind == EvaluationKind.LEGACY:
            errors["kind"] = _("Type: enter a historical result as a historical result, not as a sheet.")
        else:
            errors["kind"] = _("Type: choose self-assessment, field-office pre-assessment or provincial council.")
    errors.update(_period_errors(year, round, today))
    if rubric_id in set(LegacyDecision):
        errors["rubric_id"] = _("Rubric: decisions 148/2023 and 1048/2019 have no sheets here; "
                                "enter their results as historical results.")
    elif msg := _rubric_error(rubric_id, product.product_set if product else None):
        errors["rubric_id"] = msg
    if kind == EvaluationKind.COUNCIL and minima not in _engine().MINIMA_MODES:
        errors["minima"] = _("Star minima: apply them to the agreed sheet or to every member's sheet.")
    if product is not None and not errors:
        open_draft = session.scalar(select(Evaluation.id).where(
            Evaluation.product_id == product.id, Evaluation.kind == kind, Evaluation.year == year,
            Evaluation.round == round, Evaluation.status == EvaluationStatus.DRAFT,
            Evaluation.deleted.is_(False)))
        if open_draft:
            errors["kind"] = _("{product} already has a draft of this type ({kind}) for round {round}/{year}; "
                               "open it instead of starting another.").format(
                product=product.name, kind=label(EVALUATION_KIND_LABELS, kind), round=round, year=year)
    return errors


def _default_single_member(session: Session, product: Product, kind: str) -> tuple[str, str]:
    if kind == EvaluationKind.SELF:
        producer = session.get(Producer, product.producer_id)
        if producer is None:
            return "", ""
        return (producer.rep_name or producer.name), producer.rep_title
    officer = session.scalar(select(Office.officer_name).where(Office.is_local.is_(True)))
    return officer or "", ""


def create_evaluation(session: Session, product_id: str, kind: str, year: int, round: int,  # noqa: A002
                      rubric_id: str = CURRENT_RUBRIC, *, minima: str = DEFAULT_MINIMA,
                      today: dt.date | None = None) -> Evaluation:
    """A draft evaluation of a product. Self/field get their one sheet at once (named after
    the producer's representative / the local officer); a council starts with no member.

    ``minima`` (council only): "agreed" (the default) or "each", the engine's modes.
    Raises ValidationFailed ({field: message}) — see :func:`check_evaluation`.
    """
    errors = check_evaluation(session, product_id, kind, year, round, rubric_id, minima=minima, today=today)
    if errors:
        raise ValidationFailed(errors)
    product = _live_product(session, product_id)
    ev = Evaluation(product_id=product.id, kind=str(kind), year=year, round=round, rubric_id=rubric_id,
                    product_set=product.product_set, status=EvaluationStatus.DRAFT.value,
                    minima_mode=minima if kind == EvaluationKind.COUNCIL else None, notes="",
                    decision_ref="", reopen_log=[])
    session.add(ev)
    session.flush()
    if kind != EvaluationKind.COUNCIL:
        name, role = _default_single_member(session, product, kind)
        session.add(EvaluationSheet(evaluation_id=ev.id, member_name=name, member_role=role, position=0,
                                    choices={}, comment="", is_agreed=False))
    elif product.status in (ProductStatus.IDEA, ProductStatus.REGISTERED):
        product.status = ProductStatus.EVALUATING.value
    session.flush()
    return ev


def set_evaluation_notes(session: Session, evaluation_id: str, notes: str) -> Evaluation:
    ev = _draft(session, evaluation_id)
    notes = nfc_multiline(notes)
    if ev.notes != notes:
        ev.notes = notes
        session.flush()
    return ev


def delete_evaluation(session: Session, evaluation_id: str) -> Evaluation:
    """Tombstone a draft or a historical result (a finalised evaluation is reopened first)."""
    ev = get_record(session, Evaluation, evaluation_id)
    if ev.kind != EvaluationKind.LEGACY and ev.status == EvaluationStatus.FINAL:
        raise BadInput(_("A finalised evaluation cannot be deleted. Reopen it first, giving the reason."))
    out = set_deleted(session, Evaluation, evaluation_id, True)
    _legacy_changed(session, ev)
    return out


def _legacy_changed(session: Session, ev: Evaluation) -> None:
    """A historical result ranks its product when the register has no certificate for it."""
    if ev.kind == EvaluationKind.LEGACY:
        from ocop_desktop.services.decisions import refresh_product_stars

        session.flush()
        refresh_product_stars(session, ev.product_id)


def restore_evaluation(session: Session, evaluation_id: str) -> Evaluation:
    ev = get_record(session, Evaluation, evaluation_id, include_deleted=True)
    if _live_product(session, ev.product_id) is None:
        raise BadInput(_("Restore the product of this evaluation first."))
    if ev.deleted and ev.status == EvaluationStatus.DRAFT and session.scalar(select(Evaluation.id).where(
            Evaluation.product_id == ev.product_id, Evaluation.kind == ev.kind, Evaluation.year == ev.year,
            Evaluation.round == ev.round, Evaluation.status == EvaluationStatus.DRAFT,
            Evaluation.deleted.is_(False))):
        raise BadInput(_("There is already a draft of this type for the same round; finish or delete it first."))
    out = set_deleted(session, Evaluation, evaluation_id, False)
    _legacy_changed(session, ev)
    return out


# --------------------------------------------------------------------------------------
# Sheets and council members


def _draft(session: Session, evaluation_id: str) -> Evaluation:
    ev = get_record(session, Evaluation, evaluation_id)
    if ev.kind == EvaluationKind.LEGACY:
        raise BadInput(_("A historical result has no sheets."))
    if ev.status != EvaluationStatus.DRAFT:
        raise BadInput(_("This evaluation is finalised. Reopen it first, giving the reason."))
    if _live_product(session, ev.product_id) is None:
        raise BadInput(_("The product of this evaluation was deleted."))
    return ev


def _live_sheets(session: Session, evaluation_id: str) -> list[EvaluationSheet]:
    """Live sheets: members by position, then the agreed sheet."""
    q = (select(EvaluationSheet).where(EvaluationSheet.evaluation_id == evaluation_id,
                                       EvaluationSheet.deleted.is_(False))
         .order_by(EvaluationSheet.is_agreed, EvaluationSheet.position, EvaluationSheet.id))
    return list(session.scalars(q))


def _sheet_for_edit(session: Session, sheet_id: str) -> tuple[EvaluationSheet, Evaluation]:
    sheet = get_record(session, EvaluationSheet, sheet_id)
    return sheet, _draft(session, sheet.evaluation_id)


def _member_errors(session: Session, ev: Evaluation, name: str, role: str,
                   exclude_id: str | None = None) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not name:
        errors["member_name"] = _("Member's name: required.")
    elif len(name) > 255:
        errors["member_name"] = _("Member's name: at most 255 characters.")
    elif msg := char_error(_("Member's name"), name):  # printed on the sheets and the council summary
        errors["member_name"] = msg
    elif ev.kind == EvaluationKind.COUNCIL:
        for s in _live_sheets(session, ev.id):
            if s.id != exclude_id and fold(s.member_name) == fold(name):
                errors["member_name"] = _("Member's name: {name} already has a sheet in this council.").format(
                    name=s.member_name)
                break
    if len(role) > 128:
        errors["member_role"] = _("Role: at most 128 characters.")
    elif msg := char_error(_("Role"), role):
        errors["member_role"] = msg
    return errors


def add_member(session: Session, evaluation_id: str, member_name: str, member_role: str = "") -> EvaluationSheet:
    """A council member's empty sheet, placed after the others (e.g. role "Thành viên")."""
    ev = _draft(session, evaluation_id)
    if ev.kind != EvaluationKind.COUNCIL:
        raise BadInput(_("Only a council has members; this evaluation has a single sheet."))
    name, role = nfc(member_name), nfc(member_role)
    errors = _member_errors(session, ev, name, role)
    if errors:
        raise ValidationFailed(errors)
    last = session.scalar(select(func.max(EvaluationSheet.position)).where(
        EvaluationSheet.evaluation_id == ev.id, EvaluationSheet.deleted.is_(False)))
    sheet = EvaluationSheet(evaluation_id=ev.id, member_name=name, member_role=role,
                            position=(last or 0) + 1,
                            choices={}, comment="", is_agreed=False)
    session.add(sheet)
    session.flush()
    return sheet


def update_member(session: Session, sheet_id: str, member_name: str, member_role: str = "", *,
                  position: int | None = None) -> EvaluationSheet:
    """Rename a sheet's evaluator (any kind), change the role or the display order."""
    sheet, ev = _sheet_for_edit(session, sheet_id)
    name, role = nfc(member_name), nfc(member_role)
    errors = _member_errors(session, ev, name, role, exclude_id=sheet.id)
    if errors:
        raise ValidationFailed(errors)
    if sheet.member_name != name:
        sheet.member_name = name
    if sheet.member_role != role:
        sheet.member_role = role
    if position is not None and sheet.position != position:
        sheet.position = position
    session.flush()
    return sheet


def remove_member(session: Session, sheet_id: str) -> EvaluationSheet:
    """Tombstone a council member's sheet (or the agreed sheet)."""
    sheet, ev = _sheet_for_edit(session, sheet_id)
    if ev.kind != EvaluationKind.COUNCIL:
        raise BadInput(_("The only sheet of a self-assessment or pre-assessment cannot be removed."))
    sheet.deleted = True
    if sheet.is_agreed:
        sheet.is_agreed = False
    session.flush()
    return sheet


def _clean_choices(sheet: Sheet, choices: Mapping[str, Any]) -> tuple[dict[str, int], dict[str, str]]:
    """Choices in sheet order without cleared (None) entries, and {"choices.<code>": message}."""
    errors: dict[str, str] = {}
    known = {c.code: c for c in sheet.criteria}
    out: dict[str, int] = {}
    for code, idx in choices.items():
        if idx is None:
            continue
        crit = known.get(code)
        if crit is None:
            errors[f"choices.{code}"] = _("Criterion {code} is not on the sheet of set {set}.").format(
                code=code, set=sheet.set_number)
        elif isinstance(idx, bool) or not isinstance(idx, int):
            errors[f"choices.{code}"] = _("Criterion {code}: the option must be a whole number.").format(code=code)
        elif not 0 <= idx < len(crit.options):
            errors[f"choices.{code}"] = _("Criterion {code}: option {n} does not exist (it has {count}).").format(
                code=code, n=idx + 1, count=len(crit.options))
        else:
            out[code] = idx
    ordered = {c.code: out[c.code] for c in sheet.criteria if c.code in out}
    return ordered, errors


def save_sheet_choices(session: Session, sheet_id: str, choices: Mapping[str, int | None],
                       eliminated_by: str | None = None, comment: str = "") -> EvaluationSheet:
    """Save a sheet's chosen options (code → 0-based index; None or absent = not chosen yet).

    A draft may be incomplete; unknown criteria, bad indexes and unknown elimination
    notes are refused with ValidationFailed ({"choices.<code>" | "eliminated_by": message}).
    The whole sheet is replaced: pass every choice, not only the changed ones.
    """
    sheet_row, ev = _sheet_for_edit(session, sheet_id)
    sheet = _sheet_of(ev)
    clean, errors = _clean_choices(sheet, choices)
    eliminated_by = eliminated_by or None
    engine = _engine()
    if eliminated_by is not None and eliminated_by not in engine.elimination_notes(sheet):
        errors["eliminated_by"] = _("Elimination: the sheet of set {set} has no rule “{note}”.").format(
            set=sheet.set_number, note=eliminated_by)
    if not errors:
        try:
            engine.score_sheet(sheet, clean, rubric_id=ev.rubric_id, eliminated_by=eliminated_by, allow_missing=True)
        except engine.ScoringError as exc:
            errors["choices"] = exc.message
    if errors:
        raise ValidationFailed(errors)
    comment = nfc_multiline(comment)
    if sheet_row.choices != clean:
        sheet_row.choices = clean
    if sheet_row.eliminated_by != eliminated_by:
        sheet_row.eliminated_by = eliminated_by
    if sheet_row.comment != comment:
        sheet_row.comment = comment
    session.flush()
    return sheet_row


def set_agreed_sheet(session: Session, evaluation_id: str, sheet_id: str | None) -> None:
    """Make one of the council's sheets its agreed sheet (None: none). The agreed sheet is the
    consensus the star minima are checked on and leaves the members' average: add it with
    :func:`add_member` (e.g. "Phiếu thống nhất của Hội đồng") rather than marking a member's own."""
    ev = _draft(session, evaluation_id)
    if ev.kind != EvaluationKind.COUNCIL:
        raise BadInput(_("Only a council has an agreed sheet."))
    sheets = _live_sheets(session, ev.id)
    if sheet_id is not None and sheet_id not in {s.id for s in sheets}:
        raise BadInput(_("That sheet does not belong to this council or was removed."))
    for s in sheets:
        want = s.id == sheet_id
        if s.is_agreed != want:
            s.is_agreed = want
    session.flush()


# --------------------------------------------------------------------------------------
# Reading


def _sheet_info(s: EvaluationSheet) -> SheetInfo:
    return SheetInfo(s.id, s.member_name, s.member_role, s.position, dict(s.choices or {}), s.eliminated_by,
                     s.comment, s.is_agreed, s.version)


def get_evaluation(session: Session, evaluation_id: str) -> EvaluationInfo:
    ev = get_record(session, Evaluation, evaluation_id)
    product = session.get(Product, ev.product_id)
    return EvaluationInfo(
        id=ev.id, product_id=ev.product_id, product_name=product.name if product else "",
        product_set=ev.product_set, kind=ev.kind, year=ev.year, round=ev.round, rubric_id=ev.rubric_id,
        status=ev.status, minima_mode=ev.minima_mode, notes=ev.notes,
        sheets=tuple(_sheet_info(s) for s in _live_sheets(session, ev.id)),
        finalised_at=ev.finalised_at, total=ev.total, stars=ev.stars, stars_by_points=ev.stars_by_points,
        eliminated_reason=ev.eliminated_reason, legacy_total=ev.legacy_total, legacy_stars=ev.legacy_stars,
        decision_ref=ev.decision_ref, decision_date=ev.decision_date,
        reopen_log=tuple(dict(e) for e in ev.reopen_log or ()), version=ev.version,
        discussion=discussion_of(ev))


def _display_name(s: EvaluationSheet, n: int) -> str:
    if s.member_name:
        return s.member_name
    if s.is_agreed:
        return _("Agreed sheet")
    return _("Member {n}").format(n=n)


def _missing_message(name: str, missing: tuple[str, ...]) -> str:
    return ngettext("{member}'s sheet: criterion {codes} has no option chosen.",
                    "{member}'s sheet: criteria {codes} have no option chosen.", len(missing)).format(
        member=name, codes=", ".join(missing))


def _score(session: Session, ev: Evaluation) -> EvaluationResult:
    engine = _engine()
    sheet = _sheet_of(ev)
    rows = _live_sheets(session, ev.id)
    outcomes: list[SheetOutcome] = []
    problems: dict[str, str] = {}
    for n, s in enumerate(rows, start=1):
        name = _display_name(s, n)
        try:
            res = engine.score_sheet(sheet, s.choices or {}, rubric_id=ev.rubric_id,
                                     eliminated_by=s.eliminated_by, allow_missing=True)
        except engine.ScoringError as exc:  # stored data the rubric no longer accepts
            problems[s.id] = _("{member}'s sheet: {reason}").format(member=name, reason=exc.message)
            continue
        missing = () if res.complete else res.missing
        if missing:
            problems[s.id] = _missing_message(name, missing)
        outcomes.append(SheetOutcome(s.id, name, s.member_role, s.position, s.is_agreed, res, missing))
    single = council = None
    spread_open = False
    if ev.kind == EvaluationKind.COUNCIL:
        members = [(s, o) for s in rows for o in outcomes if o.sheet_id == s.id and not s.is_agreed]
        agreed = next((s for s in rows if s.is_agreed), None)
        if not members:
            problems["evaluation"] = _("Add the council members' sheets before finalising.")
        else:
            try:
                council = engine.score_council(
                    sheet, [s.choices or {} for s, _o in members],
                    agreed_choices=(agreed.choices or {}) if agreed is not None else None,
                    minima=ev.minima_mode or DEFAULT_MINIMA, rubric_id=ev.rubric_id,
                    eliminated_by=agreed.eliminated_by if agreed is not None else None,
                    member_eliminated_by=[s.eliminated_by for s, _o in members], allow_missing=True)
            except engine.ScoringError as exc:
                problems["evaluation"] = exc.message
        spread_open = council is not None and spread_unsettled(council, agreed is not None, discussion_of(ev))
        if spread_open:
            problems["spread"] = spread_message(council)
    else:
        single = outcomes[0].result if outcomes else None
        if single is None and not problems:
            problems["evaluation"] = _("This evaluation has no sheet.")
    return EvaluationResult(ev.id, ev.kind, ev.status, ev.rubric_id, ev.product_set or 0, tuple(outcomes),
                            single, council, problems, spread_open, discussion_of(ev))


def spread_unsettled(council: CouncilResult, has_agreed_sheet: bool, discussion: DiscussionData | None) -> bool:
    """Domain brief §4.2 (provincial council rules): members' totals more than 10 points apart
    (the engine's ``spread_limit``) → the council discusses and re-scores. Until its agreed
    sheet is entered or the discussion is recorded, the council has no result to finalise."""
    return council.spread_warning and not has_agreed_sheet and discussion is None


def spread_message(council: CouncilResult) -> str:
    return _("The members' totals differ by {spread} points, more than {limit}: the council discusses them "
             "first. Enter the council's agreed sheet or record the discussion (who chaired and attended, "
             "when, the outcome) before finalising.").format(spread=council.spread, limit=council.spread_limit)


def sheet_for(session: Session, evaluation_id: str) -> Sheet:
    """The rubric sheet an evaluation is scored on (its rubric, the product set fixed at creation)."""
    ev = get_record(session, Evaluation, evaluation_id)
    if ev.kind == EvaluationKind.LEGACY:
        raise BadInput(_("A historical result has no sheets."))
    return _sheet_of(ev)


def evaluation_result(session: Session, evaluation_id: str) -> EvaluationResult:
    """Score an evaluation's live sheets as they stand (draft or final), without saving."""
    ev = get_record(session, Evaluation, evaluation_id)
    if ev.kind == EvaluationKind.LEGACY:
        raise BadInput(_("A historical result has no sheets to score."))
    return _score(session, ev)


# --------------------------------------------------------------------------------------
# Finalising and reopening


def finalise(session: Session, evaluation_id: str) -> EvaluationResult:
    """Finalise a draft: refuses with ValidationFailed ({sheet id: "X's sheet: criteria 1.5,
    2.3 have no option chosen."}) unless every live sheet is complete, and ({"spread": …}) for
    a council whose members' totals differ by more than 10 points with neither an agreed sheet
    nor a recorded discussion (:func:`spread_unsettled`); then caches the result on the
    evaluation. Product stars and status are not touched (module docstring)."""
    ev = _draft(session, evaluation_id)
    result = _score(session, ev)
    if result.problems:
        raise ValidationFailed(result.problems)
    r = result.council if result.council is not None else result.single
    ev.total = result.total
    ev.stars_by_points = r.stars_by_points
    ev.stars = r.stars if r.eliminated is None else None
    ev.eliminated_reason = r.eliminated.reason if r.eliminated is not None else None
    ev.result_json = r.to_json()
    ev.status = EvaluationStatus.FINAL.value
    ev.finalised_at = utcnow()
    session.flush()
    return result


def reopen(session: Session, evaluation_id: str, reason: str, *, by: str | None = None) -> Evaluation:
    """Back to draft, explicitly: ``reason`` is required; ``by`` defaults to the local officer.
    The entry {at (ISO, UTC), by, reason, previous: {total, stars, finalised_at}} is appended
    to ``reopen_log``; the cached result is cleared until the next :func:`finalise`."""
    ev = get_record(session, Evaluation, evaluation_id)
    if ev.kind == EvaluationKind.LEGACY:
        raise BadInput(_("A historical result is not reopened; delete it and enter it again."))
    if ev.status != EvaluationStatus.FINAL:
        raise BadInput(_("This evaluation is still a draft."))
    reason = nfc_multiline(reason)
    if not reason:
        raise ValidationFailed({"reason": _("Reason: say why the finalised evaluation is reopened.")})
    if by is None:
        by = session.scalar(select(Office.officer_name).where(Office.is_local.is_(True))) or ""
    entry = {"at": utcnow().isoformat(timespec="seconds"), "by": nfc(by), "reason": reason,
             "previous": {"total": str(ev.total) if ev.total is not None else None, "stars": ev.stars,
                          "eliminated": ev.eliminated_reason is not None,
                          "finalised_at": ev.finalised_at.isoformat(timespec="seconds") if ev.finalised_at else None}}
    ev.reopen_log = [*(ev.reopen_log or []), entry]
    ev.status = EvaluationStatus.DRAFT.value
    ev.finalised_at = None
    ev.total = ev.stars = ev.stars_by_points = ev.eliminated_reason = ev.result_json = None
    session.flush()
    return ev


# --------------------------------------------------------------------------------------
# Lists


def _total_text(kind: str, total: Decimal | None) -> str:
    if total is None:
        return ""
    if kind == EvaluationKind.COUNCIL:
        return format_number(total, 2)
    if kind == EvaluationKind.LEGACY:
        return format_number(total.normalize() if total == total.to_integral() else total,
                             0 if total == total.to_integral() else 2)
    return format_number(total, 0)


def list_evaluations(session: Session, product_id: str | None = None, *,
                     include_deleted: bool = False) -> list[EvaluationRow]:
    """Evaluations (all, or one product's), newest period first, then by product name."""
    counts = dict(session.execute(
        select(EvaluationSheet.evaluation_id, func.count()).where(EvaluationSheet.deleted.is_(False))
        .group_by(EvaluationSheet.evaluation_id)).all())
    q = (select(Evaluation, Product.name.label("product_name"), Product.code.label("product_code"),
                Producer.name.label("producer_name"))
         .join(Product, Product.id == Evaluation.product_id)
         .join(Producer, Producer.id == Product.producer_id))
    if product_id is not None:
        q = q.where(Evaluation.product_id == product_id)
    if not include_deleted:
        q = q.where(Evaluation.deleted.is_(False))
    rows: list[EvaluationRow] = []
    for ev, pname, pcode, prname in session.execute(q):
        legacy = ev.kind == EvaluationKind.LEGACY
        total = ev.legacy_total if legacy else ev.total
        stars = ev.legacy_stars if legacy else ev.stars
        kind_label = label(EVALUATION_KIND_LABELS, ev.kind)
        period = (_("Round {round}/{year}").format(round=ev.round, year=ev.year) if ev.round
                  else str(ev.year))
        rows.append(EvaluationRow(
            id=ev.id, product_id=ev.product_id, product_name=pname, product_code=pcode or "",
            producer_name=prname, kind=ev.kind, kind_label=kind_label, year=ev.year, round=ev.round,
            period_label=period, rubric_id=ev.rubric_id, status=ev.status,
            status_label=label(EVALUATION_STATUS_LABELS, ev.status), total=total,
            total_text=_total_text(ev.kind, total), stars=stars,
            stars_by_points=ev.stars_by_points, eliminated=ev.eliminated_reason is not None,
            sheet_count=counts.get(ev.id, 0), finalised_at=ev.finalised_at, decision_ref=ev.decision_ref,
            decision_date=ev.decision_date, deleted=ev.deleted, version=ev.version, updated_at=ev.updated_at,
            search_text=fold(" ".join((pname, pcode or "", prname, kind_label, ev.decision_ref or ""))),
        ))
    rows.sort(key=lambda r: (-r.year, -(r.round or 0), fold(r.product_name), r.kind))
    return rows
