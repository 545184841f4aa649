"""The import use case as the CLI and the wizard run it: open → (mapping) → preview → apply,
each step a plain function on a :class:`~ocop_desktop.db.Database` (Qt-free)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from ocop_desktop.errors import BadInput
from ocop_desktop.excel import import_headers as H
from ocop_desktop.excel.import_apply import apply_plan, undo_batch
from ocop_desktop.excel.import_plan import Plan, build_plan
from ocop_desktop.excel.import_rows import Source, open_source
from ocop_desktop.i18n import _

if TYPE_CHECKING:
    from ocop_desktop.db import Database


def set_mapping(source: Source, mapping: list[str] | dict[str, str]) -> None:
    """Replace the guessed mapping: a list (one field per column) or {header label: field}."""
    if isinstance(mapping, dict):
        by_label = {H._clean(k): v for k, v in mapping.items()}
        new = [by_label.get(H._clean(label), current) for label, current in zip(source.layout.labels,
                                                                                   source.mapping, strict=True)]
    else:
        new = list(mapping)
    if len(new) != source.width:
        raise BadInput(_("The mapping names {n} columns; the sheet has {width}.").format(n=len(new),
                                                                                      width=source.width))
    unknown = [k for k in new if k not in H.FIELDS]
    if unknown:
        raise BadInput(_("Unknown fields in the mapping: {names}.").format(names=", ".join(unknown)))
    repeated = {k for k in new if k not in ("ignore",) and new.count(k) > 1}
    if repeated:
        raise BadInput(_("Each field can be mapped to one column only: {names}.").format(names=", ".join(repeated)))
    source.mapping = new


def preview(db: Database, source: Source, *, product_set: int | None = None,
            today: dt.date | None = None) -> Plan:
    with db.read_session() as s:
        return build_plan(s, source, product_set=product_set, today=today)


def apply(db: Database, plan: Plan, *, progress=None, today: dt.date | None = None) -> dict:  # noqa: ANN001
    """Apply in one transaction; remembers the mapping for files with the same headers.
    Returns {"batch_id", "counts"}."""
    with db.session() as s:
        batch = apply_plan(s, plan, progress=progress, today=today)
        out = {"batch_id": batch.id, "counts": dict(batch.counts)}
    try:
        H.remember_mapping(plan.source.layout.signature, plan.source.mapping)
    except OSError:
        pass  # a read-only profile folder: the mapping is just not remembered
    return out


def undo(db: Database, batch_id: str) -> dict[str, int]:
    with db.session() as s:
        return undo_batch(s, batch_id)


def open_file(path: Path, sheet: str | None = None) -> Source:
    return open_source(Path(path), sheet)


def roundtrip_preview(db: Database, path: Path):  # noqa: ANN201 - import_roundtrip.RoundTripPlan
    from ocop_desktop.excel.import_roundtrip import plan_roundtrip

    with db.read_session() as s:
        return plan_roundtrip(s, Path(path))


def roundtrip_apply(db: Database, plan) -> dict:  # noqa: ANN001
    from ocop_desktop.excel.import_roundtrip import apply_roundtrip

    with db.session() as s:
        batch = apply_roundtrip(s, plan)
        return {"batch_id": batch.id, "counts": dict(batch.counts)}
