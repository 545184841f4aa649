"""Helpers shared by the record services: tombstones and lookups."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy.orm import Session

from ocop_desktop.errors import NotFound
from ocop_desktop.i18n import _
from ocop_desktop.models import SyncRecord

T = TypeVar("T", bound=SyncRecord)


def get_record(session: Session, model: type[T], record_id: str, *, include_deleted: bool = False) -> T:
    obj = session.get(model, record_id)
    if obj is None or (obj.deleted and not include_deleted):
        raise NotFound(_("The record {id} does not exist or was deleted.").format(id=record_id))
    return obj


def set_deleted(session: Session, model: type[T], record_id: str, deleted: bool) -> T:
    """Tombstone or restore; the change-log row is written by the flush hook."""
    obj = get_record(session, model, record_id, include_deleted=True)
    if obj.deleted != deleted:
        obj.deleted = deleted
        session.flush()
    return obj
