"""A `bundle export` killed (SIGKILL) just before or just after its file gets its final name
on the stick: the retry and the province's imports must still form one chain (never two
bundles No. 1, never a "fork"), and no work folder or hidden partial file stays behind."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ocop_desktop import paths
from ocop_desktop.db import Database
from ocop_desktop.sync import container, exporter, importer
from tests.sync.sync_samples import add_producer, introduce, make_office

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

REPO = Path(__file__).resolve().parents[2]

# Kills itself at a hook point of the write to the stick: "before" = once the bundle is
# checked on the stick, just before the rename; "after" = just after the rename.
CHILD = r"""
import os, signal, sys
from pathlib import Path
from ocop_desktop.db import Database
from ocop_desktop.sync import exporter, usb
when = sys.argv[3]
real = os.replace
def replace(src, dst, *a, **kw):
    named = str(dst).endswith(".ocopbundle")
    if named and when == "before":
        os.kill(os.getpid(), signal.SIGKILL)
    real(src, dst, *a, **kw)
    if named and when == "after":
        os.kill(os.getpid(), signal.SIGKILL)
usb.os.replace = replace
db = Database.open(sys.argv[1])
exporter.export_bundle(db, Path(sys.argv[2]), sys.argv[4])
"""


def _killed_export(field: Path, stick: Path, province_id: str, when: str) -> None:
    env = dict(os.environ, PYTHONPATH=str(REPO), PYTHONDONTWRITEBYTECODE="1")
    proc = subprocess.run([sys.executable, "-c", CHILD, str(field), str(stick), when, province_id], cwd=REPO,
                          env=env, capture_output=True, timeout=120)
    assert proc.returncode == -9, proc.stderr.decode(errors="replace")


@pytest.mark.parametrize("kills", [["after"], ["before"], ["after", "before", "after"]])
def test_killed_export_then_retry_forms_one_chain(tmp_path: Path, kills: list[str]) -> None:
    field = make_office(tmp_path / "field.sqlite", "Trạm Khuyến nông Trùng Khánh", "field", [1477])
    province = make_office(tmp_path / "province.sqlite", "Văn phòng Điều phối OCOP tỉnh Cao Bằng", "province")
    introduce(field, province)
    for i in range(3):
        add_producer(field, f"Hợp tác xã Miến dong {i}")
    field_path, province_id = field.path, province.office_id
    field.close()
    stick = tmp_path / "stick"
    stick.mkdir()
    for when in kills:
        _killed_export(field_path, stick, province_id, when)
    assert any((paths.office_files_dir(field_path) / "sync" / "outbox").iterdir())  # what a kill leaves

    field = Database.open(field_path)
    try:
        res = exporter.export_bundle(field, stick, province_id)  # the officer tries again
        outbox = paths.office_files_dir(field_path) / "sync" / "outbox"
        assert list(outbox.iterdir()) == []
        numbers = {}
        for f in stick.iterdir():
            assert not f.name.startswith("."), f"left on the stick: {f.name}"
            with container.BundleReader(f) as r:
                numbers.setdefault(r.manifest["number"], []).append(f.name)
        assert all(len(names) == 1 for names in numbers.values()), numbers  # never two bundles of one number
        assert max(numbers) == res.number
    finally:
        field.close()

    # The province imports whatever the stick holds, oldest first: never a fork.
    for f in sorted(stick.iterdir(), key=lambda p: p.name):
        importer.import_bundle(province, f)
    with province.read_session() as s:
        from sqlalchemy import func, select

        from ocop_desktop.models import Producer

        assert s.scalar(select(func.count()).select_from(Producer)) == 3
    province.close()


def test_a_file_with_its_final_name_is_always_recorded(tmp_path: Path) -> None:
    """Killed just after the rename: the bundle on the stick is the one the office recorded,
    so the next bundle follows it (No. 2, its hash as the previous one)."""
    field = make_office(tmp_path / "field.sqlite", "Trạm Khuyến nông Trùng Khánh", "field", [1477])
    province = make_office(tmp_path / "province.sqlite", "Văn phòng Điều phối OCOP tỉnh Cao Bằng", "province")
    introduce(field, province)
    add_producer(field, "Hợp tác xã Phia Đén")
    field_path, province_id = field.path, province.office_id
    field.close()
    stick = tmp_path / "stick"
    stick.mkdir()
    _killed_export(field_path, stick, province_id, "after")
    (first,) = stick.iterdir()
    importer.import_bundle(province, first)  # the stick went to the province as it was
    field = Database.open(field_path)
    try:
        add_producer(field, "Hợp tác xã Trà Lĩnh")
        res = exporter.export_bundle(field, stick, province_id)
    finally:
        field.close()
    with container.BundleReader(first) as r:
        first_hash = r.manifest.hash
    with container.BundleReader(res.path) as r:
        assert (r.manifest["number"], r.manifest["prev_bundle_hash"]) == (2, first_hash)
    rep = importer.import_bundle(province, res.path)
    assert rep.counts["producer"].get("new") == 1
    province.close()
