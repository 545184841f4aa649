"""Office keys, profile files and trust, between two real databases (a field office and
its province), through the service functions and the CLI."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import delete, select

from ocop_desktop import cli
from ocop_desktop.db import Database
from ocop_desktop.errors import BadInput
from ocop_desktop.i18n import set_language
from ocop_desktop.models import Office, OfficeKey, SyncPeer, SyncReplica
from ocop_desktop.services import office
from ocop_desktop.sync import clock, crypto, profiles
from ocop_desktop.sync.profiles import FingerprintNeeded

PROVINCE = 4
COMMUNES = [1477, 1489, 1501, 1525]
FIELD_NAME = "Trung tâm Dịch vụ nông nghiệp Trùng Khánh"


@pytest.fixture(autouse=True)
def _english(_isolated_user_dirs: None) -> None:
    # Assertions read the English messages (the Vietnamese ones come later from translators).
    set_language("en")


def _office(path: Path, role: str, name: str, communes: list[int]) -> Database:
    db = Database.open(path)
    with db.session() as s:
        office.save_local_office(s, office.OfficeData(name=name, role=role, province_code=PROVINCE,
                                                      commune_codes=communes))
    db.refresh_office()
    return db


@pytest.fixture
def field(tmp_path: Path) -> Iterator[Database]:
    db = _office(tmp_path / "field.sqlite", "field", FIELD_NAME, COMMUNES)
    yield db
    db.close()


@pytest.fixture
def province(tmp_path: Path) -> Iterator[Database]:
    db = _office(tmp_path / "province.sqlite", "province", "Văn phòng Điều phối OCOP tỉnh Cao Bằng", [])
    yield db
    db.close()


def _export(db: Database) -> bytes:
    with db.session() as s:
        return profiles.export_profile(s)


def _fingerprint(db: Database) -> str:
    with db.read_session() as s:
        return profiles.key_fingerprint(profiles.current_key(s, db.office_id))


def _import(db: Database, data: bytes, fingerprint: str | None = None) -> profiles.ImportResult:
    with db.session() as s:
        return profiles.import_profile(s, profiles.read_profile(data), fingerprint=fingerprint)


def _rotate(db: Database) -> str:
    with db.session() as s:
        return profiles.rotate_local_key(s).key_id


def _edit(data: bytes, change) -> bytes:  # noqa: ANN001 - fn(doc) changing the parsed profile
    doc = json.loads(data)
    change(doc)
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def _resign(doc: dict, sign_private: bytes) -> None:
    doc.pop("signature", None)
    doc["signature"] = crypto.b64(crypto.sign(sign_private, profiles.canonical(doc)))


def _refused(data: bytes) -> str:
    with pytest.raises(BadInput) as exc:
        profiles.read_profile(data)
    return exc.value.message


# -- keys -----------------------------------------------------------------------------------

def test_setting_up_the_office_makes_its_key_and_replica(field: Database) -> None:
    with field.session() as s:
        key = profiles.current_key(s, field.office_id)
        assert key is not None and key.trust == "local" and key.retired_at is None
        assert len(key.sign_private) == 32 and len(key.enc_private) == 32
        assert key.key_id == crypto.key_id(key.sign_public, key.enc_public)
        assert profiles.ensure_local_keys(s).key_id == key.key_id  # idempotent
        o = s.get(Office, field.office_id)
        replica = s.get(SyncReplica, clock.replica_of(o.incarnation))
        assert replica is not None and replica.office_id == o.id
        assert s.scalar(select(OfficeKey.key_id).where(OfficeKey.key_id != key.key_id)) is None
        # Saving the office again from Settings makes no new key.
        office.save_local_office(s, office.OfficeData(name="Trạm Trùng Khánh", role="field",
                                                      province_code=PROVINCE, commune_codes=COMMUNES))
        assert len(s.scalars(select(OfficeKey)).all()) == 1


def test_rotation_endorses_the_new_key_and_keeps_the_old_one(field: Database) -> None:
    with field.session() as s:
        old = profiles.current_key(s, field.office_id)
        new = profiles.rotate_local_key(s)
        assert profiles.current_key(s, field.office_id) is new and new.endorsed_by == old.key_id
        assert crypto.verify(old.sign_public, new.endorsement,
                             profiles.endorsement_bytes(new.key_id, new.sign_public, new.enc_public))
        assert old.retired_at is not None and old.enc_private is not None  # still opens old bundles
        assert profiles.find_key(s, field.office_id, old.key_id) is old
        assert profiles.find_key(s, "another-office", old.key_id) is None
        assert profiles.ensure_local_keys(s) is new


# -- round trip -----------------------------------------------------------------------------

def test_profile_round_trip_between_two_databases(field: Database, province: Database) -> None:
    data = _export(field)
    profile = profiles.read_profile(data)
    with field.read_session() as s:
        local = s.get(Office, field.office_id)
        assert (profile.office_id, profile.name, profile.role, profile.province_code, profile.communes,
                profile.incarnation) == (local.id, FIELD_NAME, "field", PROVINCE, tuple(COMMUNES), local.incarnation)
    assert profile.fingerprint == _fingerprint(field) and len(profile.keys) == 1
    with field.session() as s:
        assert profiles.read_profile_dict(profiles.profile_dict(s)).fingerprint == profile.fingerprint

    result = _import(province, data, fingerprint=profile.fingerprint)
    assert (result.status, result.name, result.new_key_ids) == ("registered", FIELD_NAME, (profile.keys[0].key_id,))
    with province.read_session() as s:
        peer = s.get(Office, field.office_id)
        assert not peer.is_local and peer.role == "field" and peer.commune_codes == COMMUNES
        key = s.get(OfficeKey, profile.keys[0].key_id)
        assert key.trust == "fingerprint" and key.sign_private is None and key.enc_private is None
        assert s.get(SyncPeer, peer.id) is not None
        assert s.get(SyncReplica, clock.replica_of(profile.incarnation)).office_id == peer.id
        [info] = profiles.peer_offices(s)
        assert (info.id, info.name, info.communes, info.fingerprint) == (
            peer.id, FIELD_NAME, tuple(COMMUNES), profile.fingerprint)

    # The same profile again changes nothing and asks nothing.
    assert _import(province, data).status == "unchanged"
    # The province's profile travels the other way.
    assert _import(field, _export(province), fingerprint=_fingerprint(province)).status == "registered"


def test_name_and_communes_follow_a_new_profile(field: Database, province: Database) -> None:
    _import(province, _export(field), fingerprint=_fingerprint(field))
    with field.session() as s:
        office.save_local_office(s, office.OfficeData(name="Trạm Trùng Khánh", role="field",
                                                      province_code=PROVINCE, commune_codes=COMMUNES[:2]))
    result = _import(province, _export(field))
    assert (result.status, result.new_key_ids) == ("updated", ())
    with province.read_session() as s:
        peer = s.get(Office, field.office_id)
        assert (peer.name, peer.commune_codes) == ("Trạm Trùng Khánh", COMMUNES[:2])


# -- fingerprints ---------------------------------------------------------------------------

def test_unknown_office_needs_its_fingerprint(field: Database, province: Database) -> None:
    data = _export(field)
    with pytest.raises(FingerprintNeeded) as exc:
        _import(province, data)
    fp = _fingerprint(field)
    assert (exc.value.fingerprint, exc.value.office_name, exc.value.office_id) == (fp, FIELD_NAME, field.office_id)
    assert fp in exc.value.message and FIELD_NAME in exc.value.message
    with pytest.raises(BadInput, match="does not match"):
        _import(province, data, fingerprint="7KQ2-M9XD-4HTA" if fp != "7KQ2-M9XD-4HTA" else "7KQ2-M9XD-4HTB")
    with province.read_session() as s:  # nothing written by the refusals
        assert s.get(Office, field.office_id) is None and profiles.peer_offices(s) == []


def _pair_with(chars: str) -> crypto.KeyPair:
    for _ in range(2000):
        pair = crypto.generate()
        if all(c in crypto.fingerprint(pair.sign_public, pair.enc_public) for c in chars):
            return pair
    raise AssertionError("no key with such a fingerprint")


def test_fingerprint_as_read_over_the_phone(tmp_path: Path, province: Database,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    pair = _pair_with("01")
    monkeypatch.setattr(crypto, "generate", lambda: pair)
    field = _office(tmp_path / "f.sqlite", "field", FIELD_NAME, COMMUNES)
    try:
        fp = _fingerprint(field)
        typed = fp.replace("-", " ").replace("0", "O").replace("1", "I").lower()  # "7kq2 m9xd 4hta"
        assert _import(province, _export(field), fingerprint=typed).status == "registered"
    finally:
        field.close()


def test_rotated_key_is_trusted_through_the_endorsement(field: Database, province: Database) -> None:
    _import(province, _export(field), fingerprint=_fingerprint(field))
    with field.read_session() as s:
        first = profiles.current_key(s, field.office_id).key_id
    second, third = _rotate(field), _rotate(field)  # twice before the province hears of it
    old_profile = _export(field)
    result = _import(province, old_profile)  # no fingerprint asked
    assert (result.status, result.new_key_ids, result.fingerprint) == ("updated", (second, third), _fingerprint(field))
    with province.read_session() as s:
        assert profiles.current_key(s, field.office_id).key_id == third
        assert profiles.find_key(s, field.office_id, first).retired_at is not None  # old bundles still verify
        assert s.get(OfficeKey, second).trust == "endorsed"
        assert [p.fingerprint for p in profiles.peer_offices(s)] == [_fingerprint(field)]


def test_an_older_profile_changes_nothing(field: Database, province: Database) -> None:
    before = _export(field)
    _rotate(field)
    _import(province, _export(field), fingerprint=_fingerprint(field))
    assert _import(province, before).status == "unchanged"
    with province.read_session() as s:
        assert profiles.current_key(s, field.office_id).key_id == profiles.read_profile(_export(field)).keys[-1].key_id


def test_replaced_key_of_a_known_office_needs_the_fingerprint_again(field: Database, province: Database) -> None:
    _import(province, _export(field), fingerprint=_fingerprint(field))
    with field.session() as s:  # a reinstall that kept the office id but lost the keys
        s.execute(delete(OfficeKey))
        profiles.ensure_local_keys(s)
    data = _export(field)
    with pytest.raises(FingerprintNeeded, match="vouches"):
        _import(province, data)
    result = _import(province, data, fingerprint=_fingerprint(field))
    assert result.status == "updated" and len(result.new_key_ids) == 1
    with province.read_session() as s:
        assert s.get(OfficeKey, result.new_key_ids[0]).trust == "fingerprint"


def test_own_profile_is_refused(field: Database) -> None:
    with pytest.raises(BadInput, match="own profile"):
        _import(field, _export(field))


def test_a_profile_claiming_another_offices_key_is_refused(field: Database, province: Database) -> None:
    # A profile signed with the province's own key but under another office id.
    with province.read_session() as s:
        own = profiles.current_key(s, province.office_id)
        sign_private = own.sign_private

    def forge(doc: dict) -> None:
        doc["office"]["id"] = field.office_id
        _resign(doc, sign_private)

    forged = _edit(_export(province), forge)
    with pytest.raises(BadInput, match="belongs to another office"):
        _import(province, forged, fingerprint=profiles.read_profile(forged).fingerprint)


# -- untrusted files ------------------------------------------------------------------------

def test_altered_or_broken_profiles_are_refused(field: Database) -> None:
    _rotate(field)
    data = _export(field)
    assert "signature does not match" in _refused(
        _edit(data, lambda d: d["office"].__setitem__("name", "Trạm giả mạo")))
    assert "does not match its public halves" in _refused(
        _edit(data, lambda d: d["keys"][0].__setitem__("key_id", "0123456789abcdef")))
    assert "not readable JSON" in _refused(data[: len(data) // 2])
    assert "not readable JSON" in _refused(b"ma_xa,ten_xa\n1477,Tr\xf9ng Kh\xe1nh\n")
    assert "not readable JSON" in _refused(b"[" * 100_000)
    assert "not an OCOP Desktop office profile" in _refused(b'{"format": "ocop-bundle"}')
    assert "not an OCOP Desktop office profile" in _refused(b"[1, 2]")
    assert "newer version" in _refused(_edit(data, lambda d: d.__setitem__("format_version", 2)))
    assert "“office.name”" in _refused(_edit(data, lambda d: d["office"].pop("name")))
    assert "“office.province_code”" in _refused(_edit(data, lambda d: d["office"].__setitem__("province_code", 10**30)))
    assert "“keys[1].created_at”" in _refused(_edit(data, lambda d: d["keys"][1].__setitem__("created_at", "hôm qua")))
    short = crypto.b64(b"\1" * 31)
    assert "31 bytes instead of 32" in _refused(_edit(data, lambda d: d["keys"][1].__setitem__("sign_public", short)))
    forged = crypto.b64(bytes(64))
    assert "endorsement of key" in _refused(_edit(data, lambda d: d["keys"][1].__setitem__("endorsement", forged)))
    assert "not signed by the office's current key" in _refused(
        _edit(data, lambda d: d.__setitem__("signed_by", d["keys"][0]["key_id"])))
    assert "too large" in _refused(b" " * (profiles.MAX_BYTES + 1))
    with pytest.raises(BadInput, match="signature does not match"):
        profiles.read_profile_dict(json.loads(_edit(data, lambda d: d["office"].__setitem__("role", "province"))))


# -- command line ---------------------------------------------------------------------------

def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(["--lang", "en", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_office_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f, p = str(tmp_path / "field.sqlite"), str(tmp_path / "province.sqlite")
    code, out, _err = _run(["--db", f, "office", "init", "--role", "field", "--name", "Trạm Trùng Khánh",
                            "--province", "Cao Bằng", "--communes", "1477,1489"], capsys)
    fp = json.loads(out)["fingerprint"]
    assert code == 0 and len(crypto.normalise_code(fp)) == 12
    assert _run(["office", "init", "--role", "province", "--name", "Văn phòng OCOP Cao Bằng",
                 "--province", "Cao Bằng", "--db", p], capsys)[0] == 0
    assert json.loads(_run(["office", "show", "--db", f], capsys)[1])["fingerprint"] == fp

    profile = tmp_path / "usb" / "truong-khanh.ocopprofile"
    profile.parent.mkdir()
    code, out, _err = _run(["office", "export-profile", "--out", str(profile), "--db", f], capsys)
    assert code == 0 and str(profile) in out and fp in out
    assert [x.name for x in profile.parent.iterdir()] == [profile.name]  # no temporary file left

    code, _out, err = _run(["office", "import-profile", str(profile), "--db", p], capsys)
    assert code == 2 and "Trạm Trùng Khánh" in err and fp in err and "--fingerprint" in err
    code, _out, err = _run(["office", "import-profile", str(profile), "--fingerprint", "AAAA-BBBB-CCCC", "--db", p],
                           capsys)
    assert code == 2 and "does not match" in err
    code, out, _err = _run(["office", "import-profile", str(profile), "--fingerprint", fp.lower(), "--db", p], capsys)
    assert code == 0 and "Trạm Trùng Khánh" in out

    code, out, _err = _run(["office", "rotate-key", "--db", f], capsys)
    new_fp = json.loads(_run(["office", "show", "--db", f], capsys)[1])["fingerprint"]
    assert code == 0 and new_fp != fp and new_fp in out
    assert _run(["office", "export-profile", "--out", str(profile), "--db", f], capsys)[0] == 0
    code, out, _err = _run(["office", "import-profile", str(profile), "--db", p], capsys)
    assert code == 0 and new_fp in out

    profile.write_bytes(profile.read_bytes()[:100])
    code, _out, err = _run(["office", "import-profile", str(profile), "--db", p], capsys)
    assert code == 2 and "not readable JSON" in err and "Traceback" not in err
    code, _out, err = _run(["office", "import-profile", str(tmp_path / "none.ocopprofile"), "--db", p], capsys)
    assert code == 2 and "does not exist" in err
    code, _out, err = _run(["office", "export-profile", "--out", str(tmp_path / "no" / "dir.ocopprofile"),
                            "--db", f], capsys)
    assert code == 1 and "could not be written" in err
