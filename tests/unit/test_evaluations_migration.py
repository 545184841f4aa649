"""0001 → 0002 (evaluations): a database with data upgrades, with a backup taken first."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from ocop_desktop import db as dbmod
from ocop_desktop.db import Database
from ocop_desktop.services import legacy_results, office, producers, products
from ocop_desktop.services.producers import ProducerData
from ocop_desktop.services.products import ProductData

NEW_TABLES = {"evaluation", "evaluation_sheet", "commune_assessment"}


def _tables(path: Path) -> set[str]:
    con = sqlite3.connect(path)
    try:
        return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        con.close()


def _revision(path: Path) -> str:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        con.close()


def _downgrade_to_0001(path: Path) -> None:
    from alembic import command

    engine = dbmod._make_engine(path)  # noqa: SLF001 - same engine set-up as the app
    try:
        cfg = dbmod.alembic_config()
        with engine.begin() as connection:
            cfg.attributes["connection"] = connection
            command.downgrade(cfg, "0001_initial")
    finally:
        engine.dispose()


def test_0001_database_with_data_upgrades_to_0002(tmp_path: Path) -> None:
    path = tmp_path / "office.sqlite"
    with Database.open(path) as db:
        with db.session() as s:
            office.save_local_office(s, office.OfficeData(
                name="Trung tâm Dịch vụ nông nghiệp Trùng Khánh", role="field", province_code=4,
                commune_codes=[1477], officer_name="Nông Thị Hoa"))
        db.refresh_office()
        with db.session() as s:
            pid = producers.create_producer(s, ProducerData(
                kind="htx", name="HTX Miến dong Phia Đén", identifier="0101248141", commune_code=1477,
                rep_sex="nu", rep_ethnicity="02")).id
            prod = products.create_product(s, ProductData(
                name="Miến dong Phia Đén", producer_id=pid, product_set=6, status="dat_ocop", stars=4))
            prod.stars = 4  # stars an older version let the officer type: kept by the migrations
            prod_id = prod.id
    _downgrade_to_0001(path)
    assert _revision(path) == "0001_initial"
    assert not NEW_TABLES & _tables(path)

    with Database.open(path) as db:
        assert _revision(path) == dbmod.HEAD_REVISION
        assert NEW_TABLES <= _tables(path)
        with db.read_session() as s:
            rows = products.list_products(s)
        assert [(r.id, r.name, r.stars, r.code) for r in rows] == [(prod_id, "Miến dong Phia Đén", 4, rows[0].code)]
        assert rows[0].code.startswith("04-01477-")
        # The new tables work on the upgraded file.
        with db.session() as s:
            legacy_results.create_legacy_result(s, prod_id, "qd-148-2023", "78.5", 4, "123/QĐ-UBND",
                                             dt.date(2024, 5, 10), 2024)

    backups = list((tmp_path / "office-files" / "backups").glob(f"office-before-{dbmod.HEAD_REVISION}-*.sqlite"))
    assert len(backups) == 1
    assert _revision(backups[0]) == "0001_initial"
    con = sqlite3.connect(backups[0])
    try:
        assert con.execute("SELECT name FROM product").fetchall() == [("Miến dong Phia Đén",)]
    finally:
        con.close()
