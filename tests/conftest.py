"""Shared fixtures: every test gets its own data dir and a real SQLite file."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from ocop_desktop.i18n import set_language  # noqa: E402

# Cao Bằng (04): a field office covering four communes around Trùng Khánh (Trùng Khánh, Đình Phong, Đàm Thuỷ, Đoài Dương).
PROVINCE = 4
COMMUNES = [1477, 1489, 1501, 1525]


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path_factory.mktemp("userdata")
    monkeypatch.setenv("OCOP_DATA_DIR", str(data))
    monkeypatch.delenv("OCOP_DESKTOP_DB", raising=False)
    set_language("vi")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "office.sqlite"


@pytest.fixture
def empty_db(db_path: Path) -> Iterator:
    """A migrated database with no office yet (the first-run state)."""
    from ocop_desktop.db import Database

    db = Database.open(db_path)
    try:
        yield db
    finally:
        db.close()


@pytest.fixture
def db(empty_db):  # noqa: ANN001, ANN201
    """A migrated database with a local field office in Cao Bằng."""
    from ocop_desktop.services import office

    with empty_db.session() as s:
        office.save_local_office(s, office.OfficeData(
            name="Trung tâm Dịch vụ nông nghiệp Trùng Khánh", role="field", province_code=PROVINCE,
            commune_codes=COMMUNES, officer_name="Nông Thị Hoa"))
    empty_db.refresh_office()
    return empty_db


def _set_role(db, role: str) -> None:  # noqa: ANN001
    """Make the local office of ``db`` a "field" or "province" office (its communes kept)."""
    from sqlalchemy import update

    from ocop_desktop.models import Office

    with db.session() as s:
        s.execute(update(Office).where(Office.is_local.is_(True)).values(role=role))
    db.refresh_office()


@pytest.fixture
def set_role():  # noqa: ANN201
    """``set_role(db, "field" | "province")``: change the local office's role."""
    return _set_role


@pytest.fixture
def province_db(db):  # noqa: ANN001, ANN201
    """The ``db`` fixture's office as the provincial OCOP office (records decisions, not Mẫu 03)."""
    _set_role(db, "province")
    return db
