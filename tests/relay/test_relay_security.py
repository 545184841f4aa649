"""Refusals: a forged signature, a replayed request, another office's mailbox or upload,
an oversized upload or chunk, over the quota, an unknown or revoked key, a wrong chunk
hash, a clock 2 hours off, a full relay disk, a pinned certificate that does not match —
each refused with its reason, and the relay's state unchanged."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from pathlib import Path

import httpx
import pytest

from ocop_desktop.relay import auth, exchange
from ocop_desktop.relay.client import RelayClient, RelayError, Retry
from ocop_desktop.sync import crypto, profiles
from tests.relay.relay_support import RelayProcess, use_relay
from tests.sync.sync_samples import COMMUNES, add_producer, introduce, make_office

PROV = "Sở Nông nghiệp và Môi trường Cao Bằng"


def _ident(db):  # noqa: ANN001, ANN202
    from sqlalchemy import select

    from ocop_desktop.models import Office

    with db.session() as s:
        office = s.scalar(select(Office).where(Office.is_local.is_(True)))
        key = profiles.ensure_local_keys(s)
        return office.id, key.key_id, key.sign_private


def _send(url: str, method: str, path: str, ident, body: bytes = b"", headers: dict | None = None,  # noqa: ANN001
          now: float | None = None, signed_headers: dict | None = None) -> httpx.Response:
    headers = dict(headers or {})
    office, key_id, priv = ident
    headers.update(signed_headers or auth.sign_headers(method, path, body, headers, office=office, key_id=key_id,
                                                       sign_private=priv, now=now))
    return httpx.request(method, url + path, content=body or None, headers=headers)


def _create(url: str, ident, recipient: str, data: bytes, **kw) -> httpx.Response:  # noqa: ANN001, ANN003
    return _send(url, "POST", "/v1/uploads", ident, headers={
        "Recipient": recipient, "Bundle-Sha256": hashlib.sha256(data).hexdigest(),
        "Bundle-Length": str(len(data))}, **kw)


def _refused(r: httpx.Response, status: int, code: str) -> None:
    assert r.status_code == status, r.text
    assert r.json()["error"] == code


def test_forged_replayed_unknown_and_foreign_requests_are_refused(offices, relay, tmp_path: Path) -> None:  # noqa: ANN001
    f, p = offices
    url = relay.url
    fid, pid = _ident(f), _ident(p)
    data = b"x" * 1000
    before = relay.snapshot()
    # Forged: the field office's id and key id, signed with another key.
    forged = (fid[0], fid[1], crypto.generate().sign_private)
    _refused(_create(url, forged, pid[0], data), 401, "bad_signature")
    # Unknown office / key.
    stranger = make_office(tmp_path / "stranger.sqlite", "Trạm lạ", "field", COMMUNES)
    _refused(_create(url, _ident(stranger), pid[0], data), 401, "unknown_key")
    # Body altered after signing.
    office, key_id, priv = fid
    sig = auth.sign_headers("POST", "/v1/offices", b"{}", {}, office=office, key_id=key_id, sign_private=priv)
    _refused(httpx.post(url + "/v1/offices", content=b"{ }", headers=sig), 401, "bad_signature")
    # Clock two hours ahead: refused, and the answer says by how much.
    r = _create(url, fid, pid[0], data, now=time.time() + 7200)
    _refused(r, 401, "clock_skew")
    assert 7190 < r.json()["skew_seconds"] < 7210
    # Oversized bundle; a field office writing to another field office; management by a field office.
    big = _send(url, "POST", "/v1/uploads", fid, headers={"Recipient": pid[0], "Bundle-Sha256": "0" * 64,
                                                           "Bundle-Length": str(10**13)})
    _refused(big, 413, "too_large")
    other = make_office(tmp_path / "other.sqlite", "Trạm Dịch vụ nông nghiệp Hà Quảng", "field", [1537])
    relay.register(other)
    before = relay.snapshot()
    _refused(_create(url, fid, _ident(other)[0], data), 403, "forbidden_recipient")
    with other.session() as s:
        prof = profiles.export_profile(s)
    _refused(_send(url, "POST", "/v1/offices", fid, body=prof), 403, "province_only")
    assert relay.snapshot() == before
    # Replay: the same signed request twice — the second is refused and changes nothing.
    headers = {"Recipient": pid[0], "Bundle-Sha256": hashlib.sha256(data).hexdigest(), "Bundle-Length": "1000"}
    signed = auth.sign_headers("POST", "/v1/uploads", b"", headers, office=fid[0], key_id=fid[1],
                               sign_private=fid[2])
    assert _send(url, "POST", "/v1/uploads", fid, headers=headers, signed_headers=signed).status_code == 201
    after_first = relay.snapshot()
    _refused(_send(url, "POST", "/v1/uploads", fid, headers=headers, signed_headers=signed), 401, "replayed")
    assert relay.snapshot() == after_first
    # Another office cannot see, continue or fetch what is not its own.
    uid = json.loads(_create(url, fid, pid[0], data).text)["upload_id"]
    oid = _ident(other)
    r = _send(url, "HEAD", f"/v1/uploads/{uid}", oid)
    assert r.status_code == 404
    chunk = data[:100]
    r = _send(url, "PATCH", f"/v1/uploads/{uid}", oid, body=chunk, headers={
        "Upload-Offset": "0", "Chunk-Sha256": hashlib.sha256(chunk).hexdigest()})
    _refused(r, 404, "no_upload")
    # A chunk whose hash does not match: refused, offset unchanged.
    snap = relay.snapshot()
    r = _send(url, "PATCH", f"/v1/uploads/{uid}", fid, body=chunk, headers={
        "Upload-Offset": "0", "Chunk-Sha256": hashlib.sha256(b"other").hexdigest()})
    _refused(r, 422, "chunk_hash")
    # A chunk past the declared length.
    r = _send(url, "PATCH", f"/v1/uploads/{uid}", fid, body=b"y" * 1001, headers={
        "Upload-Offset": "0", "Chunk-Sha256": hashlib.sha256(b"y" * 1001).hexdigest()})
    _refused(r, 413, "past_length")
    assert relay.snapshot() == snap
    assert _send(url, "HEAD", f"/v1/uploads/{uid}", fid).headers["upload-offset"] == "0"


def test_another_offices_mailbox_stays_closed(offices, relay, tmp_path: Path) -> None:  # noqa: ANN001
    f, p = offices
    other = make_office(tmp_path / "other.sqlite", "Trạm Dịch vụ nông nghiệp Hà Quảng", "field", [1537])
    introduce(other, p)
    relay.register(other)
    add_producer(p, "HTX Miến dong Phia Đén", commune=1477)  # the province's change for Trùng Khánh
    with exchange.client_for(p, retry=Retry(budget=5)) as c:
        out = exchange.push(p, c)
    assert out.sent
    store = relay.store()
    (sha,), = store.query("SELECT sha256 FROM bundle WHERE recipient = ?", (_ident(f)[0],))
    store.close()
    oid = _ident(other)
    before = relay.snapshot()
    assert _send(relay.url, "GET", "/v1/mailbox", oid).json()["bundles"] == []
    _refused(_send(relay.url, "GET", f"/v1/mailbox/{sha}", oid), 404, "no_bundle")
    _refused(_send(relay.url, "POST", f"/v1/mailbox/{sha}/ack", oid, body=b"{}"), 404, "no_bundle")
    assert relay.snapshot() == before
    other.close()


def test_removed_office_and_quota(offices, relay, tmp_path: Path) -> None:  # noqa: ANN001
    f, p = offices
    add_producer(f, "HTX Chè Shan tuyết")
    # The province removes the field office (over the network, signed by the province).
    with exchange.client_for(p) as c:
        c.remove(_ident(f)[0])
        names = {o["name"]: o["removed"] for o in c.offices()}
    assert names["Trạm Dịch vụ nông nghiệp Trùng Khánh"] is True
    before = relay.snapshot()
    with exchange.client_for(f, retry=Retry(budget=5)) as c, pytest.raises(RelayError) as e:
        exchange.push(f, c)
    assert e.value.code == "office_removed" and e.value.exit_code == 2
    assert relay.snapshot() == before
    # Registered again by the province (its profile file), with a quota of 1 MB on a new relay.
    small = RelayProcess(tmp_path / "small", "--quota-mb", "1").start()
    try:
        small.register(f, p)
        use_relay(f, small.url)
        big = b"z" * (2 * 1024 * 1024)
        r = _create(small.url, _ident(f), _ident(p)[0], big)
        _refused(r, 413, "quota")
        assert "quota_bytes" in r.json()
    finally:
        small.stop()


def test_full_relay_disk_is_a_clean_refusal(offices, tmp_path: Path) -> None:  # noqa: ANN001
    f, p = offices
    full = RelayProcess(tmp_path / "full", "--reserve-mb", str(10**9)).start()  # keeps more free than any disk has
    try:
        full.register(f, p)
        use_relay(f, full.url)
        add_producer(f, "HTX Chè Shan tuyết")
        before = full.snapshot()
        with exchange.client_for(f, retry=Retry(budget=5)) as c, pytest.raises(RelayError) as e:
            exchange.push(f, c)
        assert e.value.code == "relay_full" and e.value.status == 507
        assert full.snapshot() == before
        outbox, _ = exchange.relay_config.folders(f.path)
        assert len(exchange.queued(outbox)) == 1  # the bundle waits here for the next try
    finally:
        full.stop()


def _self_signed(tmp: Path, name: str) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
            .sign(key, hashes.SHA256()))
    c, k = tmp / f"{name}.crt", tmp / f"{name}.key"
    c.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    k.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption()))
    return c, k


def test_tls_pin(offices, tmp_path: Path) -> None:  # noqa: ANN001
    from ocop_desktop.relay import config as relay_config
    from ocop_desktop.relay.serve import spki_pin

    f, p = offices
    real = _self_signed(tmp_path, "relay")
    impostor = _self_signed(tmp_path, "impostor")
    tls = RelayProcess(tmp_path / "tls", tls=real).start()
    try:
        tls.register(f, p)
        add_producer(f, "HTX Chè Shan tuyết")
        # Pinned to another certificate: refused before anything is sent.
        relay_config.update(f, url=tls.url, insecure_http=False, pin=spki_pin(impostor[0].read_bytes()))
        before = tls.snapshot()
        with exchange.client_for(f, retry=Retry(budget=5)) as c, pytest.raises(RelayError) as e:
            exchange.push(f, c)
        assert e.value.code == "pin_mismatch"
        assert tls.snapshot() == before
        # No pin: the system's authorities do not know a self-signed certificate.
        relay_config.update(f, pin="")
        with exchange.client_for(f, retry=Retry(budget=5)) as c, pytest.raises(RelayError) as e:
            c.health()
        assert e.value.code == "tls_untrusted"
        # The right pin: it goes through.
        relay_config.update(f, pin=spki_pin(real[0].read_bytes()))
        with exchange.client_for(f, retry=Retry(budget=5)) as c:
            assert exchange.push(f, c).sent
        # Plain HTTP is refused unless chosen explicitly.
        with pytest.raises(Exception) as e2:
            RelayClient("http://127.0.0.1:1", None)
        assert "HTTP" in str(e2.value)
    finally:
        tls.stop()


def test_clock_two_hours_off_says_so(offices, relay, monkeypatch) -> None:  # noqa: ANN001
    f, _p = offices
    real = time.time
    monkeypatch.setattr(auth.time, "time", lambda: real() + 2 * 3600)
    with exchange.client_for(f, retry=Retry(budget=5)) as c, pytest.raises(RelayError) as e:
        c.waiting()
    assert e.value.code == "clock_skew" and not e.value.transient
    assert "2" in e.value.message and e.value.hint  # "… is 2 h 0 min ahead of the relay's …" + how to fix
