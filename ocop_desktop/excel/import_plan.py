"""The preview of an import (writes nothing): every row new / matching an existing record /
an error with its column and reason; duplicates inside the file; what apply will create.

Matching: a producer by its tax code / ID, else by folded name + commune (or + the old address
text); a product by producer + folded name, else by product code. Rules are the services'
(``services.validation``), checked row by row without a query per row, so 20,000 rows preview
in seconds.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ocop_desktop.domain import product_sets
from ocop_desktop.domain.certificates import expiry_for
from ocop_desktop.domain.evaluations import (
    LEGACY_DECISION_SIGNED,
    LegacyDecision,
    legacy_stars_allowed,
)
from ocop_desktop.domain.vocab import ProducerKind, ProductStatus
from ocop_desktop.excel.import_places import CommuneMatcher, decision_in_titles
from ocop_desktop.excel.import_rows import ParsedRow, Source, parse_rows
from ocop_desktop.i18n import _
from ocop_desktop.models import Evaluation, Producer, Product
from ocop_desktop.services import office as office_service
from ocop_desktop.services.producers import ProducerData
from ocop_desktop.services.products import ProductData
from ocop_desktop.services.validation import validate_producer, validate_product
from ocop_desktop.text import fold

_NEW_CODE = re.compile(r"^(\d{2})-(\d{5})-(\d+)-(\d{4})$")

#: Row statuses.
NEW, MATCH, ERROR = "new", "match", "error"


@dataclass
class ResultData:
    """A historical result to record as a legacy evaluation."""

    stars: int
    total: Decimal | None
    decision_ref: str
    decision_date: dt.date | None
    year: int
    rubric_id: str
    notes: str = ""


@dataclass
class PlanRow:
    parsed: ParsedRow
    status: str = NEW
    producer_key: str = ""
    producer_id: str | None = None  # an existing producer
    producer_new: bool = False  # this row creates the producer (first row of a new one)
    product_id: str | None = None  # an existing product
    producer: ProducerData | None = None
    product: ProductData | None = None
    result: ResultData | None = None
    note: str = ""  # what apply does, for the preview

    @property
    def excel_row(self) -> int:
        return self.parsed.excel_row

    @property
    def errors(self) -> list[tuple[str, str]]:
        return self.parsed.errors


@dataclass
class Plan:
    source: Source
    rows: list[PlanRow]
    defaults: dict[str, object] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        out = {"rows": len(self.rows), NEW: 0, MATCH: 0, ERROR: 0, "producers_new": 0, "results": 0}
        for r in self.rows:
            out[r.status] += 1
            out["producers_new"] += r.producer_new and r.status != ERROR
            out["results"] += r.result is not None and r.status != ERROR
        return out

    @property
    def error_rows(self) -> list[PlanRow]:
        return [r for r in self.rows if r.status == ERROR]


def _label(source: Source, key: str) -> str:
    try:
        return source.layout.labels[source.mapping.index(key)]
    except ValueError:
        return ""


def _product_set(text: str, default: int | None) -> int | None:
    if not text:
        return default
    m = re.match(r"^\s*(\d{1,2})\b", text)
    if m and int(m.group(1)) in product_sets.BY_NUMBER:
        return int(m.group(1))
    folded = fold(text)
    for ps in product_sets.BY_NUMBER.values():
        if fold(ps.title) == folded or fold(ps.label()) == folded:
            return ps.number
    for ps in product_sets.BY_NUMBER.values():
        if folded and folded in fold(ps.title):
            return ps.number
    return None


def build_plan(session: Session, source: Source, *, product_set: int | None = None,
               today: dt.date | None = None) -> Plan:
    """Parse, validate and match every row of ``source``; nothing is written."""
    today = today or dt.date.today()
    rows = parse_rows(source)
    office = office_service.local_office(session)
    office_communes = list(office.commune_codes) if office else []
    matcher = CommuneMatcher.for_office(office)
    title_ref, title_date = decision_in_titles(source.raw.rows, source.layout.header_rows[0])
    plan = Plan(source, [], {"decision_ref": title_ref, "decision_date": title_date, "product_set": product_set})

    by_ident: dict[str, str] = {}
    by_name: dict[tuple[str, object], str] = {}
    for pid, name, commune, ident, legacy in session.execute(
            select(Producer.id, Producer.name, Producer.commune_code, Producer.identifier, Producer.legacy_address)
            .where(Producer.deleted.is_(False))):
        if ident:
            by_ident[ident] = pid
        by_name[(fold(name), commune if commune is not None else fold(legacy))] = pid
    products_by_key: dict[tuple[str, str], str] = {}
    products_by_code: dict[str, str] = {}
    for pid, name, producer_id, code in session.execute(
            select(Product.id, Product.name, Product.producer_id, Product.code).where(Product.deleted.is_(False))):
        products_by_key[(producer_id, fold(name))] = pid
        if code:
            products_by_code[code] = pid
    results_seen = {(pid, ref) for pid, ref in session.execute(
        select(Evaluation.product_id, Evaluation.decision_ref).where(
            Evaluation.kind == "legacy", Evaluation.deleted.is_(False)))}

    in_file_producers: dict[str, PlanRow] = {}
    in_file_products: dict[tuple[str, str], PlanRow] = {}
    labels = {k: _label(source, k) for k in ("producer_name", "product_name", "commune", "address", "stars",
                                             "decision", "decision_date", "product_set", "score", "year")}
    for parsed in rows:
        row = PlanRow(parsed)
        plan.rows.append(row)
        v = parsed.values
        # -- producer ------------------------------------------------------------------------
        name = v.get("producer_name", "")
        address = v.get("address", "")
        commune_code, detail = (None, "")
        if v.get("commune"):
            commune_code = matcher.match_name(v["commune"])
            if commune_code is None:
                parsed.add_error(labels["commune"], _("\"{name}\" is not one of this office's communes").format(
                    name=v["commune"]))
        elif address:
            commune_code, detail = matcher.match_address(address)
        if commune_code is None and not v.get("commune") and parsed.group:
            # A group row "I. Xã Trùng Khánh" names the commune of the rows under it.
            commune_code = matcher.match_address(parsed.group.split(".", 1)[-1])[0]
            detail = address if commune_code is not None else detail
        kind = v.get("producer_kind") or _kind_of(name)
        data = ProducerData(kind=kind.value, name=name, identifier=v.get("identifier", ""),
                            commune_code=commune_code, address_detail=detail if commune_code else "",
                            legacy_address=address if commune_code is None else "",
                            rep_name=v.get("rep_name", ""), phone=v.get("phone", ""), email=v.get("email", ""))
        if commune_code is None and not address and parsed.group:
            data.legacy_address = parsed.group  # "I. Huyện Trùng Khánh": better than nothing
        norm = data.normalised()
        key = norm.identifier or f"{fold(norm.name)}|{norm.commune_code if norm.commune_code is not None else fold(norm.legacy_address)}"
        row.producer_key = key
        existing = (by_ident.get(norm.identifier) if norm.identifier else None) or by_name.get(
            (fold(norm.name), norm.commune_code if norm.commune_code is not None else fold(norm.legacy_address)))
        if existing:
            row.producer_id = existing
        elif key in in_file_producers:
            pass  # created by an earlier row of the file
        else:
            for fkey, msg in validate_producer(norm, today=today, office_communes=office_communes or None).items():
                label = _producer_label(source, fkey)
                # No such column in the file: the service's whole message names the field.
                parsed.add_error(label, _strip_field(msg) if label else msg, unless_column_has_one=True)
            if not parsed.errors:
                in_file_producers[key] = row
                row.producer_new = True
        row.producer = norm
        # -- product -------------------------------------------------------------------------
        pname = v.get("product_name", "")
        if not pname:
            parsed.add_error(labels["product_name"], _("the product name is empty"))
        pset = _product_set(v.get("product_set", ""), product_set)
        if pset is None:
            parsed.add_error(labels["product_set"] or _("Product set"),
                             _("unknown product set \"{value}\"").format(value=v.get("product_set", ""))
                             if v.get("product_set") else
                             _("no product set: map a column or choose a default set for the file"))
        result = _result(row, plan, labels, today)
        status = ProductStatus.REGISTERED.value
        if result and result.stars >= 3 and result.decision_ref and result.decision_date:
            status = (ProductStatus.CERTIFIED if expiry_for(result.decision_date) >= today
                      else ProductStatus.EXPIRED).value
        pdata = ProductData(name=pname, producer_id="(import)", product_set=pset or 0, commune_code=commune_code,
                            status=status, stars=result.stars if status == ProductStatus.CERTIFIED else None)
        code = v.get("product_code", "")
        if code:
            m = _NEW_CODE.match(code)
            if m and commune_code is not None and int(m.group(2)) == commune_code:
                pdata.code_serial, pdata.code_year = int(m.group(3)), int(m.group(4))
            else:
                pdata.description = _("Former product code: {code}").format(code=code)
        for fkey, msg in validate_product(pdata.normalised(), today=today).items():
            if fkey not in ("producer_id",):
                label = _product_label(source, fkey)
                parsed.add_error(label, _strip_field(msg) if label else msg, unless_column_has_one=True)
        row.product = pdata.normalised()
        row.result = result
        pkey = (key, fold(pname))
        if pname and pkey in in_file_products:
            first = in_file_products[pkey]
            parsed.add_error(labels["product_name"], _("the same product as row {row}").format(row=first.excel_row))
        elif pname:
            in_file_products[pkey] = row
        match = None
        if row.producer_id:
            match = products_by_key.get((row.producer_id, fold(pname)))
        if match is None and code and code in products_by_code:
            match = products_by_code[code]
        if parsed.errors:
            row.status = ERROR
            if row.producer_new:
                row.producer_new = False
                in_file_producers.pop(key, None)
        elif match:
            row.status, row.product_id = MATCH, match
            if result and (match, result.decision_ref) in results_seen:
                row.result = None
            row.note = _("already in the database") + (_("; the historical result is added") if row.result else "")
        else:
            row.status = NEW
            row.note = _("new product") + (_(", new producer") if row.producer_new else "")
    return plan


def _kind_of(name: str) -> ProducerKind:
    from ocop_desktop.excel.import_values import kind_from_name

    return kind_from_name(name) or ProducerKind.HO_SAN_XUAT


def _strip_field(message: str) -> str:
    """"Producer name: required." → "required." (the column is named beside it)."""
    head, sep, tail = message.partition(": ")
    return tail if sep and len(head) < 40 else message


_PRODUCER_FIELD_KEYS = {"name": "producer_name", "kind": "producer_kind", "identifier": "identifier",
                        "commune_code": "commune", "legacy_address": "address", "phone": "phone", "email": "email",
                        "rep_name": "rep_name", "address_detail": "address"}
_PRODUCT_FIELD_KEYS = {"name": "product_name", "product_set": "product_set", "stars": "stars", "status": "stars",
                       "code_serial": "product_code", "code_year": "product_code", "description": "product_code"}


def _producer_label(source: Source, field_key: str) -> str:
    key = _PRODUCER_FIELD_KEYS.get(field_key, field_key)
    label = _label(source, key)
    if not label and key == "commune":
        label = _label(source, "address")
    return label


def _product_label(source: Source, field_key: str) -> str:
    return _label(source, _PRODUCT_FIELD_KEYS.get(field_key, field_key))


def _result(row: PlanRow, plan: Plan, labels: dict[str, str], today: dt.date) -> ResultData | None:
    v = row.parsed.values
    stars = v.get("stars")
    if stars is None:
        return None
    parsed = row.parsed
    ref = v.get("decision") or plan.defaults.get("decision_ref") or ""
    when = v.get("decision_date") or (plan.defaults.get("decision_date") if not v.get("decision") else None)
    year = v.get("year") or (when.year if when else None)
    if year is None:
        if not any(label == labels["decision_date"] for label, _r in parsed.errors):
            parsed.add_error(labels["year"] or labels["stars"],
                             _("a ranked product needs the year or the decision date"))
        return None
    if stars >= 3 and not ref:
        parsed.add_error(labels["decision"] or labels["stars"],
                         _("the decision number is required for a recognised product (3 stars or more)"))
    if stars >= 3 and when is None:
        parsed.add_error(labels["decision_date"] or labels["decision"] or labels["stars"],
                         _("the decision date is required for a recognised product (3 stars or more)"))
    if when is not None and when > today:
        parsed.add_error(labels["decision_date"] or labels["decision"], _("the date {date} is in the future").format(
            date=when.strftime("%d/%m/%Y")))
    rubric = (LegacyDecision.QD_148_2023 if (when or dt.date(year, 12, 31)) >= LEGACY_DECISION_SIGNED[
        LegacyDecision.QD_148_2023] else LegacyDecision.QD_1048_2019).value
    total = v.get("score")
    if total is not None and 0 <= total <= 100 and stars not in legacy_stars_allowed(rubric, total):
        parsed.add_error(labels["score"], _("a total of {total} is not {stars} stars under the decision of that "
                                            "time").format(total=total, stars=stars))
    notes = []
    if v.get("certificate_number"):
        notes.append(_("Certificate No. {number}").format(number=v["certificate_number"]))
    if v.get("certificate_date"):
        notes.append(_("issued {date}").format(date=v["certificate_date"].strftime("%d/%m/%Y")))
    return ResultData(stars, total, ref, when, year, rubric, ", ".join(notes))
