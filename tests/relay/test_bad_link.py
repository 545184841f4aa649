"""Through a bad link (64 kbit/s, 300 ms latency, connections cut at random points):
every bundle arrives intact and exactly once, and an interrupted transfer resumes from
its offset — bytes sent ≤ size + one chunk per cut. Restarts of the relay and of the
client resume too."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from PIL import Image

from ocop_desktop import paths
from ocop_desktop.models import Product, SyncBundle
from ocop_desktop.relay import config as relay_config
from ocop_desktop.relay import exchange
from ocop_desktop.relay.client import Cancelled, Retry
from ocop_desktop.services import photos
from tests.relay.fault_proxy import FaultProxy
from tests.sync.sync_samples import add_producer

CHUNK = 4096


def _noise_product(db, tmp: Path, side: int = 64) -> str:  # noqa: ANN001
    src = tmp / "noise.png"
    Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(src)
    pid = add_producer(db, "HTX Lạp sườn Hà Quảng")
    with db.session() as s:
        sha = photos.add_photo(s, paths.photos_dir(db.path), src)
        s.add(Product(name="Lạp sườn hun khói", producer_id=pid, product_set=6, commune_code=1477,
                      status="dang_danh_gia", photos=[sha]))
    return sha


def _client(db, url: str, cancel: threading.Event | None = None):  # noqa: ANN001, ANN202
    return exchange.client_for(db, url=url, retry=Retry(base=0.05, cap=0.5, budget=60), chunk=CHUNK,
                               max_chunk=CHUNK, cancel=cancel)


@pytest.fixture
def bad_link(relay):  # noqa: ANN001, ANN201
    proxy = FaultProxy(relay.port, kbit=64, latency=0.3, cut_after=(1500, 9000), max_cuts=4, seed=13).start()
    yield proxy
    proxy.stop()


def test_bundle_crosses_a_bad_link_intact_and_once(offices, relay, bad_link, tmp_path: Path) -> None:  # noqa: ANN001
    f, p = offices
    for db in (f, p):
        relay_config.update(db, url=bad_link.url)
    sha = _noise_product(f, tmp_path)
    outbox, _ = relay_config.folders(f.path)
    with _client(f, bad_link.url) as c:
        exported = exchange.export_queued(f, outbox)
        assert exported == 1
        size = sum(x.stat().st_size for _, x in exchange.queued(outbox))
        out = exchange.push(f, c, export=False)
        assert len(out.sent) == 1
        cuts_up = bad_link.stats.cuts
        assert cuts_up >= 1  # the link really was cut during the upload
        assert c.stats.bytes_up <= size + cuts_up * CHUNK
    with _client(p, bad_link.url) as c:
        got = exchange.pull(p, c)
    assert len(got.received) == 1 and not got.waiting and not got.problems
    with p.read_session() as s:
        assert s.query(SyncBundle).filter(SyncBundle.direction == "in").count() == 1
    assert (paths.photos_dir(p.path) / sha[:2]).is_dir()  # the photo arrived whole (its hash checked on import)
    assert relay.waiting() == 0  # acknowledged: the relay dropped it
    # Once: fetching again brings nothing.
    with _client(p, relay.url) as c:
        again = exchange.pull(p, c)
    assert not again.received and not again.waiting


def test_upload_resumes_after_client_and_relay_restart(offices, relay, tmp_path: Path) -> None:  # noqa: ANN001
    f, p = offices
    _noise_product(f, tmp_path)
    outbox, _ = relay_config.folders(f.path)
    exchange.export_queued(f, outbox)
    (rid, bundle), = exchange.queued(outbox)
    size = bundle.stat().st_size
    cancel = threading.Event()
    seen = []

    def stop_half_way(done: int, total: int) -> None:
        seen.append(done)
        if done >= total // 2:
            cancel.set()

    with _client(f, relay.url, cancel) as c:
        with pytest.raises(Cancelled):
            c.upload(bundle, rid, stop_half_way)
        first = c.stats.bytes_up
    relay.stop()
    relay.start()  # the relay restarts on the same folder and port
    with _client(f, relay.url) as c:  # a new client (the app restarted): state from disk
        assert c.upload(bundle, rid) == "sent"
        assert first + c.stats.bytes_up <= size + CHUNK
    with _client(p, relay.url) as c:
        got = exchange.pull(p, c)
    assert len(got.received) == 1


def test_download_resumes_from_the_bytes_already_here(offices, relay, tmp_path: Path) -> None:  # noqa: ANN001
    f, p = offices
    _noise_product(f, tmp_path, side=128)
    with _client(f, relay.url) as c:
        exchange.push(f, c)
    _, inbox = relay_config.folders(p.path)
    with _client(p, relay.url) as c:
        (item,) = c.waiting()
        cancel = c.cancel

        def stop(done: int, total: int) -> None:
            if done >= total // 3:
                cancel.set()

        with pytest.raises(Cancelled):
            c.download(item["sha256"], item["size"], inbox / f"{item['sha256']}.ocopbundle", stop)
    partial = inbox / f"{item['sha256']}.ocopbundle.partial"
    have = partial.stat().st_size
    assert 0 < have < item["size"]
    with _client(p, relay.url) as c:
        got = exchange.pull(p, c)
        assert c.stats.bytes_down == item["size"] - have
    assert len(got.received) == 1
