"""Helpers shared by the record services: tombstones and lookups."""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Callable, Iterator
from dataclasses import fields
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from ocop_desktop.errors import NotFound
from ocop_desktop.i18n import _
from ocop_desktop.models import SyncRecord

T = TypeVar("T", bound=SyncRecord)

_gc_lock = threading.Lock()
_gc_pauses = 0


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while many rows are built (tens of thousands of
    row objects, none of them in cycles: the collector would rescan them again and again, a
    quarter to a third of a list's or an import's time). Nests and works across threads:
    the collector runs again when the last pause ends, if it ran before the first."""
    global _gc_pauses
    with _gc_lock:
        if _gc_pauses == 0:
            paused_gc.was_enabled = gc.isenabled()  # type: ignore[attr-defined]
            gc.disable()
        _gc_pauses += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pauses -= 1
            if _gc_pauses == 0 and paused_gc.was_enabled:  # type: ignore[attr-defined]
                gc.enable()


def get_record(session: Session, model: type[T], record_id: str, *, include_deleted: bool = False) -> T:
    obj = session.get(model, record_id)
    if obj is None or (obj.deleted and not include_deleted):
        raise NotFound(_("The record {id} does not exist or was deleted.").format(id=record_id))
    return obj


def apply_fields(record: SyncRecord, data: Any, convert: Callable[[str, Any], Any] | None = None) -> None:
    """Copy each field of the dataclass ``data`` onto ``record`` where it differs (a field left
    alone is not written, so the change log names only what changed). ``convert(name, value)``
    turns a field into its stored form (e.g. booths into JSON)."""
    for f in fields(data):
        value = getattr(data, f.name)
        if convert is not None:
            value = convert(f.name, value)
        if getattr(record, f.name) != value:
            setattr(record, f.name, value)


def new_record(session: Session, model: type[T], data: Any,
               convert: Callable[[str, Any], Any] | None = None) -> T:
    """A new ``model`` row with the fields of the checked, normalised ``data``, added and flushed."""
    record = model()
    apply_fields(record, data, convert)
    session.add(record)
    session.flush()
    return record


def set_deleted(session: Session, model: type[T], record_id: str, deleted: bool) -> T:
    """Tombstone or restore; the change-log row is written by the flush hook."""
    obj = get_record(session, model, record_id, include_deleted=True)
    if obj.deleted != deleted:
        obj.deleted = deleted
        session.flush()
    return obj
