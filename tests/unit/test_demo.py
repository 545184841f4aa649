"""The demo office generator: deterministic, realistic, valid, logged, quick."""

from __future__ import annotations

import sqlite3
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from ocop_desktop import cli, demo
from ocop_desktop.db import Database
from ocop_desktop.domain import geography
from ocop_desktop.domain.identifiers import parse_identifier
from ocop_desktop.domain.vocab import PERSONAL_ID_KINDS, ProductStatus
from ocop_desktop.errors import BadInput
from ocop_desktop.models import ChangeLog, Producer, Product
from ocop_desktop.services import office as office_service
from ocop_desktop.services.producers import ProducerData
from ocop_desktop.services.products import ProductData, format_product_code
from ocop_desktop.services.validation import validate_producer, validate_product
from ocop_desktop.text import nfc

CAO_BANG = 4
#: Columns that hold clock times (display only); everything else must repeat exactly.
CLOCK_COLUMNS = {"updated_at", "recorded_at", "created_at"}
TABLES = ("office", "office_commune", "producer", "product", "change_log")


def _dump(path: Path) -> dict[str, list[tuple]]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        out = {}
        for table in TABLES:
            cols = [r[1] for r in con.execute(f"PRAGMA table_info({table})") if r[1] not in CLOCK_COLUMNS]
            out[table] = sorted(con.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall(), key=repr)
        return out
    finally:
        con.close()


@pytest.fixture(scope="module")
def office240(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, demo.DemoResult]:
    """The default-size demo (240 products, seed 1), built once for this module."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    result = demo.build_demo(path, products=240, producers=None, province="Cao Bằng", seed=1, force=False)
    return path, result


@pytest.fixture
def loaded(office240: tuple[Path, demo.DemoResult]):  # noqa: ANN201
    path = office240[0]
    db = Database.open(path)
    try:
        with db.read_session() as s:
            info = office_service.local_office(s)
            producers = list(s.scalars(select(Producer)))
            products = list(s.scalars(select(Product)))
            log = list(s.scalars(select(ChangeLog)))
            yield info, producers, products, log
    finally:
        db.close()


def test_same_seed_same_content_other_seed_other_content(tmp_path: Path) -> None:
    kw = {"products": 80, "producers": None, "province": "Cao Bằng", "force": False}
    demo.build_demo(tmp_path / "a.sqlite", seed=5, **kw)
    demo.build_demo(tmp_path / "b.sqlite", seed=5, **kw)
    demo.build_demo(tmp_path / "c.sqlite", seed=6, **kw)
    a, b, c = (_dump(tmp_path / f"{n}.sqlite") for n in "abc")
    assert a == b  # ids included: the whole content repeats
    assert a["product"] and a["producer"]
    assert {r[0] for r in a["product"]}.isdisjoint({r[0] for r in c["product"]})
    assert [r[1:] for r in a["producer"]] != [r[1:] for r in c["producer"]]


def test_default_size_is_counted(office240: tuple[Path, demo.DemoResult]) -> None:
    """How fast it builds is a benchmark figure (bench_foundation.py), not a test."""
    path, result = office240
    assert (result.products, result.producers) == (240, 120)
    assert result.path == path and path.is_file()
    assert result.office_role == "field"
    assert result.office_name.startswith("Trung tâm Dịch vụ nông nghiệp ")
    # No temporary files left beside it.
    assert sorted(p.name for p in path.parent.iterdir() if "building" in p.name) == []


def test_every_record_passes_the_validators(loaded) -> None:  # noqa: ANN001
    info, producers, products, _log = loaded
    assert info is not None and info.province_code == CAO_BANG
    communes = list(info.commune_codes)
    for p in producers:
        data = ProducerData.from_model(p)
        assert validate_producer(data, today=demo.DEMO_TODAY, office_communes=communes) == {}, p.name
        assert data.normalised() == data, p.name  # stored exactly as the service would store it
    for p in products:
        data = ProductData.from_model(p)
        assert validate_product(data, today=demo.DEMO_TODAY) == {}, p.name
        assert data.normalised() == data, p.name
        assert p.code == format_product_code(CAO_BANG, p.commune_code, p.code_serial, p.code_year)


def test_identifiers_valid_unique_and_fitting_the_type(loaded) -> None:  # noqa: ANN001
    _info, producers, _products, _log = loaded
    idents = [p.identifier for p in producers if p.identifier]
    assert len(idents) == len(set(idents))
    kinds = Counter()
    for p in producers:
        if not p.identifier:
            assert p.kind not in ("htx", "tnhh", "dntn", "ctcp"), p.name
            continue
        ident = parse_identifier(p.identifier, today=demo.DEMO_TODAY)
        assert ident.value == p.identifier and ident.kind.value == p.identifier_kind
        kinds[ident.kind.value] += 1
        if ident.kind.value == "cccd12":
            assert p.kind in PERSONAL_ID_KINDS
            # Birth province, century-and-sex digit and birth year match the representative.
            assert p.identifier[3] in ("1", "3") if p.rep_sex == "nu" else p.identifier[3] in ("0", "2")
    assert kinds["mst10"] > kinds["cccd12"] > 0
    codes = [p.code for p in _products]
    assert len(codes) == len(set(codes))


def test_serials_follow_each_communes_register(loaded) -> None:  # noqa: ANN001
    _info, _producers, products, _log = loaded
    by_commune: dict[int, list[Product]] = {}
    for p in products:
        by_commune.setdefault(p.commune_code, []).append(p)
    for items in by_commune.values():
        items.sort(key=lambda p: p.code_serial)
        assert [p.code_serial for p in items] == list(range(1, len(items) + 1))
        assert [p.code_year for p in items] == sorted(p.code_year for p in items)


def test_all_text_is_nfc(loaded) -> None:  # noqa: ANN001
    _info, producers, products, _log = loaded
    texts = []
    for p in producers:
        texts += [p.name, p.rep_name, p.rep_title, p.address_detail, p.legacy_address, p.notes, p.reg_number,
                  p.food_safety_cert_no, p.phone, p.email]
    for p in products:
        texts += [p.name, p.description] + [str(c.get("number")) + str(c.get("issuer")) for c in p.certifications]
    for t in texts:
        assert unicodedata.is_normalized("NFC", t), t
    for t in [p.name for p in producers] + [p.name for p in products]:
        assert t == nfc(t)
    assert any("Đ" in t or "đ" in t for t in texts)


def test_communes_belong_to_the_office_and_province(loaded) -> None:  # noqa: ANN001
    info, producers, products, _log = loaded
    province_communes = {c.code for c in geography.communes(CAO_BANG)}
    assert set(info.commune_codes) <= province_communes
    assert 3 <= len(info.commune_codes) < len(province_communes)
    owner = {p.id: p for p in producers}
    for p in producers:
        assert p.commune_code in info.commune_codes
    for p in products:
        assert p.commune_code == owner[p.producer_id].commune_code
    assert len({p.commune_code for p in producers}) >= 3


def test_a_plausible_mix(loaded) -> None:  # noqa: ANN001
    _info, producers, products, _log = loaded
    kinds = Counter(p.kind for p in producers)
    n = len(producers)
    assert 0.25 <= kinds["htx"] / n <= 0.40
    assert 0.15 <= (kinds["tnhh"] + kinds["dntn"] + kinds["ctcp"]) / n <= 0.30
    assert 0.28 <= (kinds["ho_kd"] + kinds["ho_sx"]) / n <= 0.45
    assert kinds["tht"] and kinds["trang_trai"] and kinds["hoi"] >= 2
    assert all(p.local_capital_share is not None for p in producers if p.kind == "ctcp")
    female = sum(p.rep_sex == "nu" for p in producers) / n
    assert 0.25 <= female <= 0.55
    eth = Counter(p.rep_ethnicity for p in producers)
    assert eth["02"] and eth["07"] and eth["02"] + eth["07"] > n / 2  # Tày and Nùng first
    assert any(p.rep_disability for p in producers) or n < 100
    assert any(p.legacy_address for p in producers)
    assert any(p.food_safety_cert_expiry and p.food_safety_cert_expiry < demo.DEMO_TODAY for p in producers)
    assert any(p.food_safety_cert_expiry and p.food_safety_cert_expiry > demo.DEMO_TODAY for p in producers)

    status = Counter((p.status, p.stars) for p in products)
    certified = {s: c for (st, s), c in status.items() if st == ProductStatus.CERTIFIED}
    assert certified.get(3) and certified.get(4)
    assert 0.6 <= certified[3] / sum(certified.values()) <= 0.85
    assert sum(c for (st, _s), c in status.items() if st == ProductStatus.EXPIRED) >= 1
    assert sum(c for (st, _s), c in status.items() if st == ProductStatus.REVOKED) >= 1
    for st in (ProductStatus.IDEA, ProductStatus.REGISTERED, ProductStatus.EVALUATING):
        assert status[(st.value, None)] >= 1
    sets = Counter(p.product_set for p in products)
    assert len(sets) >= 8
    assert any(p.certifications for p in products)
    names = [p.name for p in products]
    assert len(set(names)) >= 0.6 * len(names)  # mostly distinct
    # Products of the region, in their correct product set.
    expected = {"Hạt dẻ Trùng Khánh": 1}  # seed 1: the Trùng Khánh field office
    for name, number in expected.items():
        assert any(p.name.startswith(name) and p.product_set == number for p in products)


def test_every_record_has_its_create_row(loaded) -> None:  # noqa: ANN001
    info, producers, products, log = loaded
    creates = Counter((c.table_name, c.record_id) for c in log if c.op == "create" and c.version == 1)
    assert all(c.office_id == info.id for c in log)
    for p in producers:
        assert creates[("producer", p.id)] == 1 and p.version == 1 and p.origin_office == info.id
    for p in products:
        assert creates[("product", p.id)] == 1 and p.version == 1
    assert len(log) == len(producers) + len(products)
    sample = next(c for c in log if c.table_name == "product")
    assert {"name", "producer_id", "product_set", "status", "code"} <= set(sample.fields)


def test_existing_file_needs_force(tmp_path: Path) -> None:
    path = tmp_path / "x.sqlite"
    path.write_bytes(b"keep me")
    with pytest.raises(BadInput):
        demo.build_demo(path, products=10, producers=None, province="Cao Bằng", seed=1, force=False)
    assert path.read_bytes() == b"keep me"
    result = demo.build_demo(path, products=10, producers=3, province="Cao Bằng", seed=1, force=True)
    assert (result.products, result.producers) == (10, 3)
    assert path.read_bytes()[:16] == b"SQLite format 3\x00"


def test_unknown_province_and_bad_sizes(tmp_path: Path) -> None:
    for kw in ({"province": "Atlantis"}, {"products": -1}, {"producers": 0}):
        args = {"products": 10, "producers": None, "province": "Cao Bằng", "seed": 1, "force": False} | kw
        with pytest.raises(BadInput):
            demo.build_demo(tmp_path / "y.sqlite", **args)
    assert not (tmp_path / "y.sqlite").exists()


def test_another_province_gets_its_own_communes(tmp_path: Path) -> None:
    path = tmp_path / "lc.sqlite"
    result = demo.build_demo(path, products=60, producers=None, province="lao cai", seed=2, force=False)
    prov = geography.find_province("Lào Cai")
    with Database.open(path) as db, db.read_session() as s:
        info = office_service.local_office(s)
        assert info.province_code == prov.code
        codes = {c.code for c in geography.communes(prov.code)}
        for p in s.scalars(select(Producer)):
            assert p.commune_code in codes
            assert validate_producer(ProducerData.from_model(p), today=demo.DEMO_TODAY) == {}
        for p in s.scalars(select(Product)):
            assert validate_product(ProductData.from_model(p), today=demo.DEMO_TODAY) == {}
            assert "Trùng Khánh" not in p.name and "Phia Đén" not in p.name
    assert result.products == 60


def test_a_large_office_is_the_provincial_one() -> None:
    gen = demo._Generator(geography.province(CAO_BANG), 1, demo.DEMO_TODAY)
    name, role, communes = gen.plan_office(20000)
    assert role == "province" and len(communes) == len(geography.communes(CAO_BANG))
    assert name == "Văn phòng Điều phối nông thôn mới tỉnh Cao Bằng"
    name, role, communes = gen.plan_office(240)
    assert role == "field" and name == "Trung tâm Dịch vụ nông nghiệp Trùng Khánh"


def test_producers_without_products_and_no_products(tmp_path: Path) -> None:
    r = demo.build_demo(tmp_path / "z.sqlite", products=5, producers=12, province="Cao Bằng", seed=3, force=False)
    assert (r.products, r.producers) == (5, 12)
    r = demo.build_demo(tmp_path / "e.sqlite", products=0, producers=None, province="Cao Bằng", seed=3, force=False)
    assert (r.products, r.producers) == (0, 0)


def test_cli_demo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "cli.sqlite"
    assert cli.main(["--db", str(path), "demo", "--products", "30", "--seed", "4"]) == 0
    assert "30" in capsys.readouterr().out
    assert cli.main(["--db", str(path), "demo", "--products", "30"]) == 2
    assert str(path) in capsys.readouterr().err
    assert cli.main(["--db", str(path), "demo", "--products", "12", "--force"]) == 0
    # As the issue writes it: --db after the command.
    other = tmp_path / "after.sqlite"
    assert cli.main(["demo", "--products", "12", "--province", "Cao Bằng", "--db", str(other)]) == 0
    assert other.is_file()
    assert cli.main(["--db", str(path), "demo", "--province", "Atlantis", "--force"]) == 2


def test_role_can_be_forced(tmp_path: Path) -> None:
    """`./run.sh --demo` shows a provincial office: every regional speciality appears."""
    from ocop_desktop.services import office, products

    path = tmp_path / "tinh.sqlite"
    demo.build_demo(path, products=240, producers=None, province="Cao Bằng", seed=1, force=False, role="province")
    with Database.open(path) as db, db.read_session() as s:
        info = office.local_office(s)
        rows = products.list_products(s)
    assert info.role == "province" and len(info.commune_codes) == 56
    for query in ("mien dong", "hat de", "lap suon", "thach den", "khau sli", "gao nep"):
        assert products.search_rows(rows, query), query
    with pytest.raises(BadInput):
        demo.build_demo(tmp_path / "x.sqlite", products=5, role="district")
