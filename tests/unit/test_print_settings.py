"""Certificate layout settings: stored per office, filling what a decision leaves empty;
pictures checked and copied beside the database."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from ocop_desktop.errors import BadInput
from ocop_desktop.models import Producer, Product
from ocop_desktop.reports import certificates_from_db as cdb
from ocop_desktop.services import decisions, print_settings
from ocop_desktop.sync import profiles


@pytest.fixture
def db(db, set_role):  # noqa: ANN001, ANN201
    """The provincial OCOP office: it records the decisions (issue 9 §2)."""
    set_role(db, "province")
    return db


def _product(db) -> str:  # noqa: ANN001
    """A product ready to be recognised (and this office's signing key)."""
    with db.session() as s:
        profiles.ensure_local_keys(s)
        p = Producer(kind="htx", name="HTX Miến dong Phia Đén", commune_code=1477)
        s.add(p)
        s.flush()
        prod = Product(name="Miến dong Phia Đén", producer_id=p.id, product_set=6, commune_code=1477,
                       status="dang_danh_gia")
        s.add(prod)
        s.flush()
        return prod.id


def test_settings_round_trip_and_fill_the_certificate(db, tmp_path: Path) -> None:  # noqa: ANN001
    with db.session() as s:
        saved = print_settings.save_print_settings(s, print_settings.PrintSettings(
            authority="ỦY BAN NHÂN DÂN TỈNH CAO BẰNG", place="Cao Bằng", signer_name="Nguyễn Văn Hải",
            signer_title="KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"))
    with db.read_session() as s:
        assert print_settings.get_print_settings(s) == saved
    pid = _product(db)
    with db.session() as s:
        decisions.record_recognition(s, decisions.DecisionData(
            number="1234/QĐ-UBND", date=dt.date(2026, 11, 2), authority="Ủy ban nhân dân tỉnh Cao Bằng",
            level="province", signer_name="Nguyễn Văn Hải", signer_title="KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"),
            [(pid, 4)], today=dt.date(2026, 11, 23))
    logo = tmp_path / "logo.png"
    Image.new("RGB", (60, 60), "red").save(logo)
    with db.session() as s:
        name = print_settings.store_image(db.path, logo, "logo")
        print_settings.save_print_settings(s, print_settings.PrintSettings(
            place="Thành phố Cao Bằng", signer_name="Nguyễn Văn Hải", logo=name))
        plan = cdb.views_for_product(s, pid, db_path=db.path, today=dt.date(2026, 11, 23))
    [view] = plan.views
    assert view.place == "Thành phố Cao Bằng"
    assert view.logo_path is not None and view.logo_path.is_file()
    out = tmp_path / "gcn.pdf"
    from ocop_desktop.reports.certificate import render_certificates

    render_certificates(plan.views, out)
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "Thành phố Cao Bằng, ngày" in text


def test_a_picture_that_is_not_one_is_refused(db, tmp_path: Path) -> None:  # noqa: ANN001
    bad = tmp_path / "logo.png"
    bad.write_bytes(b"not a picture")
    with pytest.raises(BadInput):
        print_settings.store_image(db.path, bad, "logo")
    assert not print_settings.print_dir(db.path).exists() or not list(print_settings.print_dir(db.path).iterdir())
