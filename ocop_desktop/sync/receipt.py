"""Receipt codes: what an officer reads over the phone after importing a bundle, so the
sending office knows the bundle arrived and what came of it.

A code is 10 Crockford base-32 digits (50 bits), shown ``XXXX-XXXX-XX``::

    digits 1–4   20 bits   the first 20 bits of the bundle's SHA-256 (``receipt_prefix``:
                           the sender finds which of its bundles a code is about)
    digits 5–8   20 bits   the result: 15 bits records applied (capped at 32767), then
                           5 bits conflicts (capped at 31)
    digits 9–10  10 bits   check: two Reed–Solomon parity digits over GF(32) computed
                           over digits 1–8, each XOR-ed with 5 of the first 10 bits of
                           SHA-256("ocop-receipt-v1\\0" + the full bundle hash)

The parity makes every code a word of a distance-3 code, so any one or two wrong digits
(which includes swapping any two digits) are always detected; the mask ties the code to
the full bundle hash, so a code made for another bundle that happens to share the
20-bit prefix is still rejected (all but 1 in 1024 times). A receipt is a confirmation
against mistakes, not a proof: 50 bits can be made up by anyone.

Reading accepts lower case, missing or extra dashes and spaces, O for 0, I and L for 1.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from ocop_desktop.sync.crypto import CROCKFORD, crockford, group, normalise_code

APPLIED_MAX = (1 << 15) - 1
CONFLICTS_MAX = (1 << 5) - 1
LENGTH = 10

# GF(32) with the primitive polynomial x^5 + x^2 + 1.
_EXP = [0] * 62
_LOG = [0] * 32
_x = 1
for _i in range(31):
    _EXP[_i] = _EXP[_i + 31] = _x
    _LOG[_x] = _i
    _x <<= 1
    if _x & 32:
        _x ^= 0b100101
del _x, _i


def _mul(a: int, b: int) -> int:
    return 0 if a == 0 or b == 0 else _EXP[_LOG[a] + _LOG[b]]


# g(x) = (x + α)(x + α²) = x² + (α + α²)x + α³
_G1 = _EXP[1] ^ _EXP[2]
_G0 = _EXP[3]


def _parity(data: list[int]) -> list[int]:
    """The two parity digits: the remainder of data(x)·x² divided by g(x)."""
    r0 = r1 = 0
    for d in data:
        f = d ^ r0
        r0, r1 = r1 ^ _mul(f, _G1), _mul(f, _G0)
    return [r0, r1]


def _is_codeword(digits: list[int]) -> bool:
    for root in (_EXP[1], _EXP[2]):
        s = 0
        for d in digits:
            s = _mul(s, root) ^ d
        if s:
            return False
    return True


def _hash_bytes(bundle_hash_hex: str) -> bytes:
    try:
        raw = bytes.fromhex(bundle_hash_hex.strip())
    except ValueError:
        raise ValueError(f"not a hex hash: {bundle_hash_hex!r}") from None
    if len(raw) < 4:
        raise ValueError("bundle hash too short")
    return raw


def _mask(raw: bytes) -> tuple[int, int]:
    d = hashlib.sha256(b"ocop-receipt-v1\0" + raw).digest()
    return d[0] >> 3, ((d[0] & 7) << 2) | (d[1] >> 6)


def _digits(value: int, n: int) -> list[int]:
    return [(value >> (5 * (n - 1 - i))) & 31 for i in range(n)]


@dataclass(frozen=True)
class Receipt:
    """What a receipt code says. ``*_capped``: the code holds the maximum, so the true
    number is that or more."""

    applied: int
    conflicts: int
    applied_capped: bool
    conflicts_capped: bool


def hash_prefix(bundle_hash_hex: str) -> str:
    """The 4 digits a receipt for this bundle starts with (see :func:`receipt_prefix`)."""
    return crockford(_hash_bytes(bundle_hash_hex), 4)


def make_receipt(bundle_hash_hex: str, applied: int, conflicts: int) -> str:
    """The code to read over the phone, e.g. ``7KQ2-M9XD-4H``."""
    raw = _hash_bytes(bundle_hash_hex)
    result = (min(max(applied, 0), APPLIED_MAX) << 5) | min(max(conflicts, 0), CONFLICTS_MAX)
    data = [CROCKFORD.index(c) for c in crockford(raw, 4)] + _digits(result, 4)
    m0, m1 = _mask(raw)
    p0, p1 = _parity(data)
    return group("".join(CROCKFORD[d] for d in [*data, p0 ^ m0, p1 ^ m1]))


def receipt_prefix(code: str) -> str:
    """The 4 bundle-hash digits of a code as typed ('' if fewer than 4 were typed)."""
    digits = normalise_code(code)
    return digits[:4] if len(digits) >= 4 else ""


def read_receipt(code: str, bundle_hash_hex: str) -> Receipt | None:
    """What ``code`` says about the bundle with this hash; None when the code is
    mistyped or was made for another bundle."""
    raw = _hash_bytes(bundle_hash_hex)
    typed = normalise_code(code)
    if len(typed) != LENGTH or typed[:4] != crockford(raw, 4):
        return None
    digits = [CROCKFORD.index(c) for c in typed]
    m0, m1 = _mask(raw)
    digits[8] ^= m0
    digits[9] ^= m1
    if not _is_codeword(digits):
        return None
    result = 0
    for d in digits[4:8]:
        result = (result << 5) | d
    applied, conflicts = result >> 5, result & CONFLICTS_MAX
    return Receipt(applied, conflicts, applied == APPLIED_MAX, conflicts == CONFLICTS_MAX)
