"""Product-idea list benchmark (issue 10): rows shown after opening the tab, and filtering, on
30,000 ideas. Not a timed test: it prints figures against the targets (rows ≤ 1 s after opening,
a search keystroke ≤ 30 ms).

    .venv/bin/python benchmarks/bench_cycle_ideas.py [--ideas 30000]

The ideas are written with one ``executemany`` (not the service: 30,000 checks would only time
the writer) into a fresh office database in a temporary folder.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

NAMES = ("Trà hoa vàng", "Miến dong", "Mật ong bạc hà", "Hạt dẻ sấy", "Bánh khảo", "Thạch đen", "Gạo nếp hương",
         "Khăn thổ cẩm", "Lạp sườn hun khói", "Dầu sở")
GROUPS = ("Nhóm hộ xóm Bản Thôm", "Tổ hợp tác phụ nữ xóm Nà Giàng", "Bà Hoàng Thị Lan", "Ông Nông Văn Tài")


def build(path: Path, n: int) -> None:
    from ocop_desktop.db import Database
    from ocop_desktop.services import office

    db = Database.open(path, create=True)
    with db.session() as s:
        office.save_local_office(s, office.OfficeData(name="Trung tâm Dịch vụ nông nghiệp Trùng Khánh", role="field",
                                                      province_code=4, commune_codes=[1477, 1489, 1501, 1525],
                                                      officer_name="Nông Thị Hoa"))
        origin = office.local_office(s).id
    rnd = random.Random(10)
    now = dt.datetime(2026, 6, 1).isoformat(sep=" ")
    rows = []
    for i in range(n):
        received = dt.date(2024, 1, 1) + dt.timedelta(days=rnd.randint(0, 880))
        rows.append((str(uuid.uuid4()), f"{rnd.choice(NAMES)} {i}", rnd.choice(GROUPS), "", received.isoformat(),
                     rnd.choice((1477, 1489, 1501, 1525)), rnd.randint(1, 26), "", "tradition", "", "",
                     rnd.choice(("received", "accepted", "returned", "plan", "dropped")), "", "", None, None,
                     origin, 1, 0, now, 0, None, json.dumps({}), json.dumps({})))
    with db.engine.begin() as con:
        con.exec_driver_sql(
            "INSERT INTO product_idea (id, name, proposer_name, proposer_phone, received_on, commune_code, "
            "product_set, description, origin, raw_materials, market, status, return_reason, screened_by, "
            "screened_on, product_id, origin_office, version, base_version, updated_at, deleted, deleted_at, vv, "
            "dots) VALUES (" + ",".join("?" * 24) + ")", rows)
    db.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ideas", type=int, default=30_000)
    args = ap.parse_args(argv)
    os.environ["OCOP_DATA_DIR"] = tempfile.mkdtemp()
    path = Path(tempfile.mkdtemp()) / "ideas.sqlite"
    build(path, args.ideas)

    from PySide6.QtWidgets import QApplication

    from ocop_desktop.db import Database
    from ocop_desktop.i18n import set_language
    from ocop_desktop.services.ideas import list_ideas
    from ocop_desktop.ui import ops
    from ocop_desktop.ui.cycle.ideas_page import IdeasPage

    set_language("vi")
    app = QApplication([])
    db = Database.open(path)
    with db.read_session() as s:
        started = time.perf_counter()
        rows = list_ideas(s, include_deleted=True)
        service = time.perf_counter() - started
    page = IdeasPage(db)
    page.resize(1300, 700)
    started = time.perf_counter()
    page.show()
    while not page.has_loaded:
        app.processEvents()
        time.sleep(0.001)
    app.processEvents()
    shown = time.perf_counter() - started
    per_key = []
    for query in ("t", "tr", "tra", "", "m", "mi", "mie", "", "x", "xa", "xan", ""):
        started = time.perf_counter()
        page.search.setText(query)
        app.processEvents()
        per_key.append(time.perf_counter() - started)
    print(f"ideas: {len(rows):,}")
    print(f"list_ideas (service): {service * 1000:.0f} ms")
    print(f"rows shown after opening the tab: {shown * 1000:.0f} ms (target ≤ 1000 ms) "
          f"{'OK' if shown <= 1 else 'OVER'}")
    print(f"search keystroke: median {statistics.median(per_key) * 1000:.1f} ms, max {max(per_key) * 1000:.1f} ms "
          f"(target ≤ 30 ms) {'OK' if max(per_key) <= 0.030 else 'OVER'}")
    while ops.running():
        app.processEvents()
    db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
