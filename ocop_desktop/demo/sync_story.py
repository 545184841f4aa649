"""A sync history for the demo provincial office, made with the real sync code.

Two field offices (real databases, kept in ``<demo>-files/demo-offices/`` so they can be
opened too: ``./run.sh --db …/trung-khanh.sqlite``) exchange bundles with the province:
Trùng Khánh receives its communes, edits, adds producers and sends them back (one phone
number edited at both ends becomes a conflict); Hà Quảng sends three new producers and has
a return bundle waiting. The province's Sync page then shows registered offices, history,
receipts, pending changes and a conflict to resolve.
"""

from __future__ import annotations

from pathlib import Path

from ocop_desktop import paths
from ocop_desktop.db import Database
from ocop_desktop.models import Producer
from ocop_desktop.services import office

FIELD_OFFICES = (
    ("trung-khanh", "Trung tâm Dịch vụ nông nghiệp Trùng Khánh", [1477, 1489, 1501, 1525]),
    ("ha-quang", "Phòng Kinh tế xã Hà Quảng", [1438, 1363]),
)


def _field_office(path: Path, name: str, province_code: int, communes: list[int]) -> Database:
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    db = Database.open(path)
    with db.session() as s:
        office.save_local_office(s, office.OfficeData(name=name, role="field", province_code=province_code,
                                                      commune_codes=communes))
    db.refresh_office()
    return db


def introduce(a: Database, b: Database) -> None:
    """Each office imports the other's profile as if the fingerprint had been confirmed by
    phone (demo, tests and benchmarks only: the app always asks the officer)."""
    from ocop_desktop.sync import profiles

    for x, y in ((a, b), (b, a)):
        with x.session() as s:
            data = profiles.export_profile(s)
        prof = profiles.read_profile(data)
        with y.session() as s:
            profiles.import_profile(s, prof, fingerprint=prof.fingerprint)


def _edit(db: Database, producer_id: str, **fields: object) -> None:
    with db.session() as s:
        p = s.get(Producer, producer_id)
        for k, v in fields.items():
            setattr(p, k, v)


def _add(db: Database, name: str, commune: int, phone: str) -> str:
    with db.session() as s:
        p = Producer(kind="htx", name=name, commune_code=commune, phone=phone)
        s.add(p)
        s.flush()
        return p.id


def add_sync_history(province_path: Path) -> None:
    from ocop_desktop.sync import exporter, importer, overview

    folder = paths.office_files_dir(province_path) / "demo-offices"
    stick = folder / "USB"
    stick.mkdir(parents=True, exist_ok=True)
    province = Database.open(province_path)
    try:
        with province.read_session() as s:
            prov_code = office.local_office(s).province_code
        offices = [_field_office(folder / f"{key}.sqlite", name, prov_code, communes)
                   for key, name, communes in FIELD_OFFICES]
        try:
            tk, hq = offices
            for f in offices:
                introduce(province, f)

            def exchange(src: Database, dst: Database, *, confirm: bool = True) -> None:
                res = exporter.export_bundle(src, stick, dst.office_id)
                rep = importer.import_bundle(dst, res.path)
                if confirm:
                    with src.session() as s:
                        overview.confirm_receipt(s, rep.receipt)

            # Two producers the province registered in Trùng Khánh; both ends will edit them.
            ids = [_add(province, name, 1477, phone) for name, phone in (
                ("HTX Nông nghiệp Phia Đén", "0206 3855 010"), ("HTX Hạt dẻ Đình Phong", "0206 3855 020"))]
            exchange(province, tk)  # Trùng Khánh receives its communes' records
            exchange(tk, province)
            for name, phone in (("HTX Chè Phja Oắc", "0206 3870 112"), ("Hộ kinh doanh Mật ong Hà Quảng",
                                                                       "0915 220 431")):
                _add(hq, name, 1438, phone)
            exchange(hq, province, confirm=False)
            _edit(tk, ids[0], phone="0912 345 679")  # both ends edit it: a conflict
            _edit(province, ids[0], phone="0206 3855 012")
            _edit(tk, ids[1], notes="Đã kiểm tra hồ sơ tại xã ngày 20/11/2026.")  # and different fields: merged
            _edit(province, ids[1], email="hatde.dinhphong@gmail.com")
            _add(tk, "HTX Miến dong Phong Châu", 1477, "0983 115 207")
            exchange(tk, province)
            exporter.export_bundle(province, stick, hq.office_id)  # waiting on the stick for Hà Quảng
        finally:
            for f in offices:
                f.close()
    finally:
        province.close()
