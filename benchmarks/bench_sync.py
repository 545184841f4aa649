"""Sync benchmark: export and import of a national-scale bundle.

Run from the checkout (after ``./test.sh`` created ``.venv``)::

    .venv/bin/python benchmarks/bench_sync.py                  # 10,000 / 20,000 / 60,000
    .venv/bin/python benchmarks/bench_sync.py --scale 0.1 --json out.json

An office holding 10,000 producers, 20,000 products, 20,000 evaluations and 60,000
score sheets (built once: the demo generator plus raw inserts) exports a full bundle for
another provincial office, which imports it into its empty database (every record new), then imports a
second, identical-content bundle (every record identical: the classification cost alone).
Target (issue 4): export and import each ≤ 5 s, and within 15× of raw SQLite inserts of the
same rows (measured here too: ``executemany`` of the decoded rows into a fresh schema).
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ocop_desktop.db import Database  # noqa: E402
from ocop_desktop.demo.build import build_demo  # noqa: E402
from ocop_desktop.demo.sync_story import introduce  # noqa: E402
from ocop_desktop.services import office  # noqa: E402
from ocop_desktop.sync import clock, exporter, importer, records  # noqa: E402

TARGET_S = 5.0


def add_evaluations(db: Database, n_sheets: int, seed: int) -> None:
    """One council evaluation per product (until the sheets run out), three sheets each."""
    rng = random.Random(seed)
    with db.engine.begin() as con:
        office_id, inc = con.exec_driver_sql("SELECT id, incarnation FROM office WHERE is_local=1").one()
        r = clock.replica_of(inc)
        vv, dots = json.dumps({r: 1}), json.dumps({"*": [r, 1]})
        products = [p for (p,) in con.exec_driver_sql("SELECT id FROM product ORDER BY id")]
        now = "2026-11-23 08:00:00.000000"
        evals, sheets = [], []
        for i, pid in enumerate(products):
            if len(sheets) >= n_sheets:
                break
            eid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
            evals.append((pid, "council", 2026, 1 + i % 2, "qd-26-2026", 1 + i % 26, "draft", "agreed", "",
                           None, None, None, None, None, None, None, None, "", None, "[]",
                           eid, office_id, 1, 0, now, 0, None, vv, dots))
            for m in range(3):
                choices = {f"{a}.{b}": rng.randrange(4) for a in range(1, 9) for b in range(1, 4)}
                sheets.append((eid, f"Thành viên {m + 1}", "Thành viên", m, json.dumps(choices), None, "", 0,
                               str(uuid.UUID(int=rng.getrandbits(128), version=4)), office_id, 1, 0, now, 0, None,
                               vv, dots))
        ev_cols = ", ".join(records.BY_NAME["evaluation"].columns)
        sh_cols = ", ".join(records.BY_NAME["evaluation_sheet"].columns)
        con.exec_driver_sql(f"INSERT INTO evaluation ({ev_cols}) VALUES ({','.join('?' * len(evals[0]))})", evals)
        con.exec_driver_sql(f"INSERT INTO evaluation_sheet ({sh_cols}) VALUES ({','.join('?' * len(sheets[0]))})",
                            sheets)


def raw_baseline(bundle: Path, province: Database, tmp: Path) -> float:
    """executemany of the bundle's rows, already encoded as tuples, into a fresh copy of the
    schema (tables and indexes; no checks, no merge, no change log)."""
    v = importer.verify_bundle(province, bundle)
    try:
        rows = {t.name: v.payload.lines(t.name) for t in records.TABLES}
    finally:
        v.close()
    schema = tmp / "raw.sqlite"
    src = sqlite3.connect(province.path)
    ddl = [sql for (sql,) in src.execute("SELECT sql FROM sqlite_master WHERE type IN ('table', 'index') "
                                          "AND sql IS NOT NULL ORDER BY type DESC")]
    src.close()
    con = sqlite3.connect(schema)
    for sql in ddl:
        con.execute(sql)
    con.commit()
    values = {t.name: [records.db_values(t, r) for r in rows[t.name]] for t in records.TABLES}
    t0 = time.perf_counter()
    with con:
        for t in records.TABLES:
            if values[t.name]:
                con.executemany(records.insert_sql(t), values[t.name])
    dt_raw = time.perf_counter() - t0
    con.close()
    return dt_raw


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--scale", type=float, default=1.0, help="1.0 = 10,000 producers / 20,000 products / 60,000 sheets")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()
    n_prod = int(20_000 * args.scale)
    n_producers = int(10_000 * args.scale)
    n_sheets = int(60_000 * args.scale)
    with tempfile.TemporaryDirectory() as tmpd:
        tmp = Path(tmpd)
        t0 = time.perf_counter()
        build_demo(tmp / "field.sqlite", products=n_prod, producers=n_producers, seed=args.seed)
        field = Database.open(tmp / "field.sqlite")
        add_evaluations(field, n_sheets, args.seed)
        province = Database.open(tmp / "province.sqlite")
        with province.session() as s:
            # A second provincial office (a mirror) receives everything: no commune scope applies.
            office.save_local_office(s, office.OfficeData(name="Văn phòng Điều phối NTM (bản sao)",
                                                          role="province", province_code=4))
        province.refresh_office()
        introduce(field, province)
        build_s = time.perf_counter() - t0
        usb = tmp / "usb"
        usb.mkdir()
        t0 = time.perf_counter()
        res = exporter.export_bundle(field, usb, province.office_id)
        export_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        rep = importer.import_bundle(province, res.path)
        import_s = time.perf_counter() - t0
        # The same content again in a snapshot: all identical, nothing written but the log.
        res2 = exporter.export_bundle(field, usb, province.office_id, snapshot=True)
        t0 = time.perf_counter()
        rep2 = importer.import_bundle(province, res2.path)
        reimport_s = time.perf_counter() - t0
        raw_s = raw_baseline(res.path, province, tmp)
        field.close()
        province.close()
    records_n = sum(c["records"] for c in res.counts.values())
    out = {
        "records": records_n, "counts": {k: v["records"] for k, v in res.counts.items()},
        "bundle_bytes": res.size, "export_s": round(export_s, 2), "import_s": round(import_s, 2),
        "reimport_identical_s": round(reimport_s, 2), "raw_insert_s": round(raw_s, 2),
        "import_vs_raw": round(import_s / raw_s, 1), "export_vs_raw": round(export_s / raw_s, 1),
        "new": rep.totals["new"], "identical_on_reimport": rep2.totals["identical"], "build_s": round(build_s, 1),
    }
    print(f"records {records_n:,} ({', '.join(f'{k} {v:,}' for k, v in out['counts'].items())})")
    print(f"bundle size {res.size / 1e6:.1f} MB ({res.size / records_n:.0f} B/record)")
    print(f"export {export_s:.2f} s   import {import_s:.2f} s   re-import (all identical) {reimport_s:.2f} s")
    print(f"raw SQLite inserts of the same rows {raw_s:.2f} s → import {out['import_vs_raw']}×, "
          f"export {out['export_vs_raw']}× (limit 15×)")
    ok = export_s <= TARGET_S and import_s <= TARGET_S
    print("target export and import ≤ 5 s each:", "met" if ok else "NOT met")
    if args.json:
        args.json.write_text(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
