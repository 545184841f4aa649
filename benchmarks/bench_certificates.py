"""Certificate PDF benchmark: 500 certificates in one PDF (target ≥ 60 certificates/s) and
the size of a single-certificate PDF (target ≤ 150 KB).

Run from the checkout (after ``./test.sh`` created ``.venv``)::

    .venv/bin/python benchmarks/bench_certificates.py
    .venv/bin/python benchmarks/bench_certificates.py --count 500 --runs 3 --json out.json

Each certificate has its own number, product name (some of them 120 characters long, so
wrapping is exercised), stars and a QR payload signed with an Ed25519 key: the time
includes signing, drawing the QR code and font subsetting. One warm-up render (font
registration, imports), then ``--runs`` timed runs; the best and median are printed.
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_PER_S = 60.0
TARGET_KB = 150.0
NAMES = [
    "Miến dong Phia Đén",
    "Trà Kolia Trùng Khánh",
    "Hạt dẻ Trùng Khánh rang muối",
    "Rượu ngô men lá truyền thống Hoàng Su Phì của đồng bào dân tộc Dao đỏ, chưng cất thủ công "
    "bằng nồi đồng, ủ chum sành lâu",
    "Bánh cuốn Cao Bằng",
    "Mật ong bạc hà Đồng Văn",
]


def _views(n: int, key, office_id: str) -> list:  # noqa: ANN001
    import datetime as dt

    from ocop_desktop.reports import certificate, qr

    out = []
    for i in range(n):
        stars = 3 + i % 3
        view = certificate.sample_view(number=f"{i + 1:04d}/2026/GCN-OCOP", product_name=NAMES[i % len(NAMES)],
                                       product_code=f"04-01477-{i + 1:03d}-2026", stars=stars,
                                       expiry_date=dt.date(2029, 11, 21), copy=i % 50 == 0)
        fields = qr.QrFields(number=view.number, product_code=view.product_code, product_name=view.product_name,
                             stars=stars, expiry=view.expiry_date, office_id=office_id)
        out.append((view, fields))
    return out


def _render(items, key) -> tuple[float, int]:  # noqa: ANN001
    import dataclasses

    from ocop_desktop.reports import certificate, qr

    buf = io.BytesIO()
    t0 = time.perf_counter()
    views = [dataclasses.replace(v, qr_text=qr.make_qr_text(f, key.sign_private, key.key_id)) for v, f in items]
    certificate.render_certificates(views, buf)
    return time.perf_counter() - t0, len(buf.getvalue())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=500)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--json", metavar="FILE", default=None)
    args = ap.parse_args(argv)

    from ocop_desktop.reports import fonts
    from ocop_desktop.sync import crypto

    key = crypto.generate()
    office_id = "0b7f7f1e-2b6a-4f5c-9d1e-1234567890ab"
    choice = fonts.register()
    _render(_views(3, key, office_id), key)  # warm-up

    items = _views(args.count, key, office_id)
    times, size = [], 0
    for _run in range(args.runs):
        t, size = _render(items, key)
        times.append(t)
    best, median = min(times), statistics.median(times)

    single_kb = _render(_views(1, key, office_id), key)[1] / 1024
    long_kb = _render(_views(4, key, office_id)[3:], key)[1] / 1024  # the 120-character name

    result = {
        "count": args.count, "runs": args.runs, "font": choice.source,
        "best_s": round(best, 3), "median_s": round(median, 3),
        "per_s_best": round(args.count / best, 1), "per_s_median": round(args.count / median, 1),
        "pdf_kb": round(size / 1024, 1), "single_kb": round(single_kb, 1), "single_long_name_kb": round(long_kb, 1),
        "target_per_s": TARGET_PER_S, "target_kb": TARGET_KB,
    }
    print(f"Font: OCOPSerif from {choice.source} files")
    print(f"{args.count} certificates in one PDF: best {best:.2f} s, median {median:.2f} s "
          f"→ {args.count / median:.0f} certificates/s (best {args.count / best:.0f}/s; target ≥ {TARGET_PER_S:.0f}/s); "
          f"PDF {size / 1024 / 1024:.1f} MB")
    print(f"Single-certificate PDF: {single_kb:.0f} KB (with a 120-character name: {long_kb:.0f} KB; "
          f"target ≤ {TARGET_KB:.0f} KB)")
    ok = args.count / median >= TARGET_PER_S and max(single_kb, long_kb) <= TARGET_KB
    print("OK" if ok else "BELOW TARGET")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
