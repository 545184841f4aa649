"""The relay's store on its own (no HTTP): expiry of unfetched and fetched-but-unacknowledged
bundles and of abandoned uploads; a bundle whose bytes do not match its announced hash."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import pytest

from ocop_desktop.relay.store import Caller, Refused, Store
from tests.relay.relay_support import make_office


def _store(tmp_path: Path) -> tuple[Store, Caller, Caller]:
    st = Store(tmp_path / "relay")
    prov, pid = make_office("Văn phòng OCOP tỉnh Cao Bằng", "province")
    field, fid = make_office("Trạm Trùng Khánh", "field")
    st.register(prov)
    st.register(field)
    return st, Caller(fid.office_id, "field", field.name), Caller(pid.office_id, "province", prov.name)


def _send(st: Store, sender: Caller, recipient: Caller, data: bytes) -> str:
    sha = hashlib.sha256(data).hexdigest()
    res = st.create_upload(sender, recipient.office_id, sha, len(data))
    st.write_chunk(sender, res["upload_id"], 0, data)
    return sha


def test_expiry(tmp_path: Path) -> None:
    st, field, prov = _store(tmp_path)
    old = _send(st, field, prov, b"a" * 100)
    fetched = _send(st, field, prov, b"b" * 100)
    st.mark_delivered(prov, fetched)
    st.create_upload(field, prov.office_id, "c" * 64, 50)  # abandoned
    day = 86400
    assert st.expire(time.time() + 5 * day) == 0
    assert st.expire(time.time() + 8 * day) == 1  # the upload nobody continued for 7 days
    assert st.expire(time.time() + 15 * day) == 1  # fetched 14 days ago, never acknowledged
    assert [b["sha256"] for b in st.waiting(prov)] == [old]
    assert st.expire(time.time() + 61 * day) == 1  # nobody fetched it for 60 days
    assert st.waiting(prov) == [] and not list((tmp_path / "relay" / "mailbox").rglob("*/*"))
    assert not list((tmp_path / "relay" / "uploads").glob("*.partial"))
    st.close()


def test_bytes_that_do_not_match_the_announced_hash(tmp_path: Path) -> None:
    st, field, prov = _store(tmp_path)
    res = st.create_upload(field, prov.office_id, hashlib.sha256(b"right").hexdigest(), 5)
    with pytest.raises(Refused) as e:
        st.write_chunk(field, res["upload_id"], 0, b"wrong")
    assert e.value.code == "bundle_hash"
    assert st.waiting(prov) == [] and st.query("SELECT count(*) FROM upload")[0][0] == 0
    # Sent again whole: a no-op the second time (idempotent by hash).
    sha = _send(st, field, prov, b"right")
    again = st.create_upload(field, prov.office_id, sha, 5)
    assert again["status"] == "complete"
    st.close()
