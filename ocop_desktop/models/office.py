"""The office this database belongs to, the communes it covers, and app metadata.

Offices are set up once (first-run wizard or ``office init``) and are not sync records:
their identity travels as signed office profiles (sync issue). ``incarnation`` changes
when a database is restored from a backup, so the province can tell a restored or
cloned office from the live one.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ocop_desktop.models.base import Base, new_uuid, utcnow


class Office(Base):
    __tablename__ = "office"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    name: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))  # domain.vocab.OfficeRole
    province_code: Mapped[int]
    officer_name: Mapped[str] = mapped_column(String(255), default="")
    is_local: Mapped[bool] = mapped_column(default=False)
    incarnation: Mapped[str] = mapped_column(String(36), default=new_uuid)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    communes: Mapped[list[OfficeCommune]] = relationship(
        back_populates="office", cascade="all, delete-orphan", order_by="OfficeCommune.commune_code"
    )

    @property
    def commune_codes(self) -> list[int]:
        return [c.commune_code for c in self.communes]


class OfficeCommune(Base):
    __tablename__ = "office_commune"

    office_id: Mapped[str] = mapped_column(ForeignKey("office.id", ondelete="CASCADE"), primary_key=True)
    commune_code: Mapped[int] = mapped_column(primary_key=True)

    office: Mapped[Office] = relationship(back_populates="communes")


class AppMeta(Base):
    """Key/value facts about the file itself (which app version last wrote it…)."""

    __tablename__ = "app_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")
