"""Offices for sync tests: real databases, real keys, real bundles."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from ocop_desktop.db import Database
from ocop_desktop.demo.sync_story import introduce
from ocop_desktop.models import Producer
from ocop_desktop.services import office
from ocop_desktop.sync import crypto, exporter, importer

PROVINCE = 4  # Cao Bằng
COMMUNES = [1477, 1489, 1501, 1525]
SYNC_TABLES = tuple(t.name for t in __import__("ocop_desktop.sync.records", fromlist=["TABLES"]).TABLES)


def make_office(path: Path, name: str, role: str, communes: list[int] | None = None) -> Database:
    db = Database.open(path)
    with db.session() as s:
        office.save_local_office(s, office.OfficeData(name=name, role=role, province_code=PROVINCE,
                                                      commune_codes=list(communes or []), officer_name=""))
    db.refresh_office()
    return db


def add_producer(db: Database, name: str, commune: int = 1477, **fields: Any) -> str:
    with db.session() as s:
        p = Producer(kind="htx", name=name, commune_code=commune, **fields)
        s.add(p)
        s.flush()
        return p.id


def edit(db: Database, producer_id: str, **fields: Any) -> None:
    with db.session() as s:
        p = s.get(Producer, producer_id)
        for k, v in fields.items():
            setattr(p, k, v)


def send(src: Database, dst: Database, folder: Path, **kw: Any) -> importer.ImportReport:
    folder.mkdir(parents=True, exist_ok=True)
    res = exporter.export_bundle(src, folder, dst.office_id)
    return importer.import_bundle(dst, res.path, **kw)


def dump(db: Database, tables: tuple[str, ...] = SYNC_TABLES) -> dict[str, list[tuple]]:
    """Every row of the synced tables (ordered), for 'nothing changed' and 'agree' checks."""
    out = {}
    with db.engine.connect() as con:
        for t in tables:
            out[t] = [tuple(r) for r in con.exec_driver_sql(f'SELECT * FROM "{t}" ORDER BY 1')]
    return out


def content(db: Database) -> dict[str, dict[str, tuple]]:
    """Record content that must agree between offices: every column but the display-only
    times, JSON columns compared as values (offices may format the same JSON differently)."""
    from ocop_desktop.sync import records

    skip = {"updated_at", "deleted_at"}
    out: dict[str, dict[str, tuple]] = {}
    with db.engine.connect() as con:
        for t in SYNC_TABLES:
            st = records.BY_NAME[t]
            rows = records.fetch_rows(con, st)
            out[t] = {i: tuple(json.dumps(r[c], sort_keys=True) if c in st.json_columns else r[c]
                               for c in st.columns if c not in skip) for i, r in rows.items()}
    return out


def whole_db_digest(path: Path) -> str:
    """A digest of every table's content (SQLite dump), to prove a refusal changed nothing."""
    import sqlite3

    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        h = hashlib.sha256()
        for line in con.iterdump():
            h.update(line.encode())
        return h.hexdigest()
    finally:
        con.close()


__all__ = ["COMMUNES", "PROVINCE", "add_producer", "content", "crypto", "dump", "edit", "introduce", "json",
           "make_office", "send", "whole_db_digest"]
