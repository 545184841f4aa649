"""Field office → relay → province → relay → field office, with a real relay process and
real office databases; a second round changes nothing."""

from __future__ import annotations

from ocop_desktop.models import Producer, SyncBundle
from ocop_desktop.relay import config as relay_config
from ocop_desktop.relay import exchange
from ocop_desktop.relay.client import Retry
from tests.sync.sync_samples import add_producer, content, edit


def _sync(db):  # noqa: ANN001, ANN202
    with exchange.client_for(db, retry=Retry(base=0.1, budget=20)) as c:
        pushed = exchange.push(db, c)
        pulled = exchange.pull(db, c)
    return pushed, pulled


def test_field_relay_province_relay_field(offices, relay) -> None:  # noqa: ANN001
    f, p = offices
    pid = add_producer(f, "HTX Miến dong Phia Đén", rep_name="Nông Thị Hoa")
    out, _ = _sync(f)
    assert len(out.sent) == 1 and out.exported == 1
    # The province receives it, imports it (no conflicts, automatic import chosen) and answers.
    _, got = _sync(p)
    assert len(got.received) == 1 and not got.waiting
    with p.read_session() as s:
        assert s.get(Producer, pid).name == "HTX Miến dong Phia Đén"
    edit(p, pid, phone="0206 3852 111")
    out, _ = _sync(p)
    assert len(out.sent) == 1
    _, got = _sync(f)
    assert len(got.received) == 1
    with f.read_session() as s:
        assert s.get(Producer, pid).phone == "0206 3852 111"
    assert content(f) == content(p)
    # Acknowledgements settle (the field office acknowledges the province's bundle)…
    for _ in range(3):
        _sync(p)
        _sync(f)
    # …then another round is a no-op: nothing exported, sent or received; no record, bundle or
    # change-log entry added on either side; the relay holds nothing.
    before = [_state(db) for db in (f, p)]
    for db in (f, p, f, p):
        out, got = _sync(db)
        assert not out.sent and not out.exported and not got.received and not got.waiting
    assert [_state(db) for db in (f, p)] == before
    assert relay_config.get(f).last_error == ""
    assert relay.waiting() == 0


def _state(db):  # noqa: ANN001, ANN202
    with db.read_session() as s:
        n = s.query(SyncBundle).count()
        seq = s.connection().exec_driver_sql("SELECT coalesce(max(seq), 0) FROM change_log").scalar()
    return content(db), n, seq


def test_receipt_comes_back_by_itself(offices, relay) -> None:  # noqa: ANN001
    f, p = offices
    add_producer(f, "HTX Chè Shan tuyết")
    _sync(f)
    _sync(p)
    _sync(f)  # the relay now holds the province's receipt code for the field office's bundle
    with f.read_session() as s:
        b = s.query(SyncBundle).filter(SyncBundle.direction == "out").order_by(SyncBundle.number).first()
        assert b.receipt_confirmed_at is not None and b.receipt


def test_a_field_office_learns_the_relay_from_the_provinces_bundle(offices, relay, tmp_path) -> None:  # noqa: ANN001
    from tests.sync.sync_samples import send

    f, p = offices
    pin = "ab" * 32
    relay_config.update(p, url="https://relay.caobang.gov.vn:8443", pin=pin, insecure_http=False)
    relay_config.update(f, url="")
    add_producer(p, "HTX Miến dong Phia Đén")
    send(p, f, tmp_path / "usb")  # on a stick: the province's profile in the bundle carries its relay
    cfg = relay_config.get(f)
    assert (cfg.url, cfg.pin, cfg.insecure_http, cfg.from_profile) == ("https://relay.caobang.gov.vn:8443", pin,
                                                                      False, True)
    # An address the officer typed is kept.
    relay_config.update(f, url="https://khac.example.vn", from_profile=False)
    add_producer(p, "HTX Chè Shan tuyết")
    send(p, f, tmp_path / "usb2")
    assert relay_config.get(f).url == "https://khac.example.vn"
