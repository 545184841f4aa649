"""Photos are stored once by content hash (``photos/ab/abcdef….jpg`` beside the DB).

A product lists the hashes of its photos, so a photo travels with the record that
names it, identical photos are stored once, and a missing file can be reported by hash.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from ocop_desktop.models.base import Base, utcnow


class Photo(Base):
    __tablename__ = "photo"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    mime: Mapped[str] = mapped_column(String(32))
    size: Mapped[int]
    width: Mapped[int]
    height: Mapped[int]
    original_name: Mapped[str] = mapped_column(String(255), default="")
    added_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
