"""Relay benchmark (loopback only, bounded): a real relay process on 127.0.0.1.

Run from the checkout::

    .venv/bin/python benchmarks/bench_relay.py            # 10 MB at 2 Mbit/s; 50 offices × 1 MB
    .venv/bin/python benchmarks/bench_relay.py --mbit 4 --offices 20 --json out.json

1. **Throttled link**: a 10 MB bundle goes up through the fault proxy of the tests
   (``tests/relay/fault_proxy.py``: the given bandwidth in each direction, 300 ms latency, no
   cuts) and comes back down to the recipient. Target (issue 13): each direction within
   1.2× of what the bandwidth allows (size × 8 / bandwidth). The bundle is 10 MB of random
   bytes: the relay never opens bundles, so their content does not change its work.
2. **Many offices at once**: N field offices (keys and signed profiles made here, registered
   on the relay) each send a 1 MB bundle to the province at the same time (one thread
   each); the province then fetches and acknowledges all of them. Target: no error, every
   bundle intact (SHA-256) and exactly once.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ocop_desktop.relay.client import Identity, RelayClient, Retry  # noqa: E402
from tests.relay.fault_proxy import FaultProxy  # noqa: E402
from tests.relay.relay_support import RelayProcess, make_office  # noqa: E402

MB = 1024 * 1024


def client(url: str, ident: Identity, **kw) -> RelayClient:  # noqa: ANN003
    return RelayClient(url, ident, insecure_http=True, retry=Retry(base=0.2, budget=120), **kw)


def throttled(relay: RelayProcess, tmp: Path, province: Identity, field: Identity, size: int, mbit: float,
              latency: float) -> dict:
    proxy = FaultProxy(relay.port, kbit=mbit * 1000, latency=latency).start()
    try:
        src = tmp / "big.bundle"
        src.write_bytes(os.urandom(size))
        allowed = size * 8 / (mbit * 1e6)
        with client(proxy.url, field, chunk=1 * MB, max_chunk=4 * MB) as c:
            t0 = time.perf_counter()
            assert c.upload(src, province.office_id) == "sent"
            up = time.perf_counter() - t0
            sent = c.stats.bytes_up
        with client(proxy.url, province) as c:
            (item,) = c.waiting()
            t0 = time.perf_counter()
            dest = c.download(item["sha256"], item["size"], tmp / "got.bundle")
            down = time.perf_counter() - t0
            c.ack(item["sha256"], None)
        intact = hashlib.sha256(dest.read_bytes()).hexdigest() == hashlib.sha256(src.read_bytes()).hexdigest()
        return {"size_bytes": size, "mbit": mbit, "latency_s": latency, "allowed_s": round(allowed, 2),
                "upload_s": round(up, 2), "download_s": round(down, 2), "upload_ratio": round(up / allowed, 3),
                "download_ratio": round(down / allowed, 3), "chunk_bytes_sent": sent, "intact": intact}
    finally:
        proxy.stop()


def many(relay: RelayProcess, tmp: Path, province: Identity, offices: list[Identity], size: int) -> dict:
    errors: list[str] = []
    hashes: dict[str, str] = {}
    barrier = threading.Barrier(len(offices))

    def one(i: int, ident: Identity) -> None:
        f = tmp / f"office-{i}.bundle"
        data = os.urandom(size)
        f.write_bytes(data)
        hashes[hashlib.sha256(data).hexdigest()] = ident.office_id
        try:
            with client(relay.url, ident, chunk=256 * 1024) as c:
                barrier.wait()
                c.upload(f, province.office_id)
        except Exception as exc:  # noqa: BLE001 — counted and printed
            errors.append(f"{i}: {exc!r}")

    threads = [threading.Thread(target=one, args=(i, x)) for i, x in enumerate(offices)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    up = time.perf_counter() - t0
    t0 = time.perf_counter()
    got = 0
    with client(relay.url, province) as c:
        waiting = c.waiting()
        for item in waiting:
            dest = c.download(item["sha256"], item["size"], tmp / "in" / item["sha256"])
            if hashlib.sha256(dest.read_bytes()).hexdigest() == item["sha256"] and item["sha256"] in hashes:
                got += 1
            c.ack(item["sha256"], None)
        left = len(c.waiting())
    down = time.perf_counter() - t0
    return {"offices": len(offices), "bundle_bytes": size, "errors": errors, "uploaded_s": round(up, 2),
            "fetched_s": round(down, 2), "received_intact": got, "listed": len(waiting), "left_after_ack": left}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mbit", type=float, default=2.0, help="bandwidth of the throttled link (default 2 Mbit/s)")
    ap.add_argument("--latency", type=float, default=0.3)
    ap.add_argument("--size-mb", type=float, default=10)
    ap.add_argument("--offices", type=int, default=50)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        relay = RelayProcess(tmp / "relay", "--quota-mb", "64").start()
        try:
            prov_profile, prov = make_office("Văn phòng Điều phối nông thôn mới tỉnh Cao Bằng", "province")
            field_profile, field = make_office("Trạm Dịch vụ nông nghiệp Trùng Khánh", "field")
            others = [make_office(f"Trạm Dịch vụ nông nghiệp số {i + 1}", "field") for i in range(args.offices)]
            st = relay.store()
            for p in (prov_profile, field_profile, *(o[0] for o in others)):
                st.register(p)
            st.close()
            res = {"throttled": throttled(relay, tmp, prov, field, int(args.size_mb * MB), args.mbit, args.latency),
                   "many": many(relay, tmp, prov, [o[1] for o in others], MB)}
        finally:
            relay.stop()
    t = res["throttled"]
    print(f"Throttled link {t['mbit']} Mbit/s, {t['latency_s'] * 1000:.0f} ms: {t['size_bytes'] / MB:.1f} MB allowed "
          f"{t['allowed_s']} s; upload {t['upload_s']} s ({t['upload_ratio']}×), download {t['download_s']} s "
          f"({t['download_ratio']}×); intact {t['intact']}; chunk bytes sent {t['chunk_bytes_sent']}")
    m = res["many"]
    print(f"{m['offices']} offices × 1 MB at once: uploads {m['uploaded_s']} s, errors {len(m['errors'])}; "
          f"province fetched {m['received_intact']}/{m['listed']} intact in {m['fetched_s']} s; "
          f"left after ack {m['left_after_ack']}")
    for e in m["errors"][:5]:
        print("  ", e)
    if args.json:
        args.json.write_text(json.dumps(res, indent=1))
    ok = (t["intact"] and t["upload_ratio"] <= 1.2 and t["download_ratio"] <= 1.2 and not m["errors"]
          and m["received_intact"] == m["offices"] and m["left_after_ack"] == 0)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
