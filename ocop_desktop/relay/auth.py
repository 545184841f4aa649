"""Signed relay requests: every request carries the office id, key id, time, a nonce
and an Ed25519 signature over a canonical string (method, path with query, SHA-256 of
the body, the routing headers, time, nonce). No passwords: the key is the office's own
bundle-signing key, which the province registered on the relay from its signed profile.

The server keeps nonces for the replay window and refuses a request whose time is
outside ``±window`` of its own clock, answering with its time so that the client can
tell the officer how far off the computer's clock is.
"""

from __future__ import annotations

import hashlib
import secrets
import time

from ocop_desktop.sync import crypto

PREFIX = "ocop-relay-v1"
H_OFFICE, H_KEY, H_TIME, H_NONCE, H_SIG = ("ocop-office", "ocop-key", "ocop-time", "ocop-nonce", "ocop-signature")
#: Headers whose values are signed too (absent = empty), in this order.
SIGNED_HEADERS = ("recipient", "bundle-sha256", "bundle-length", "upload-offset", "chunk-sha256", "range")
DEFAULT_WINDOW = 10 * 60  # seconds either side of the server's clock
EMPTY_SHA = hashlib.sha256(b"").hexdigest()


def canonical(method: str, path: str, body_sha: str, headers: dict[str, str], office: str, key_id: str,
              when: str, nonce: str) -> bytes:
    lines = [PREFIX, method.upper(), path, body_sha, office, key_id, when, nonce]
    lines += [f"{h}:{headers.get(h, '')}" for h in SIGNED_HEADERS]
    return "\n".join(lines).encode("utf-8")


def sign_headers(method: str, path: str, body: bytes, headers: dict[str, str], *, office: str, key_id: str,
                 sign_private: bytes, now: float | None = None) -> dict[str, str]:
    """The authentication headers for a request (``path`` includes the query string)."""
    when = str(int(time.time() if now is None else now))
    nonce = secrets.token_hex(16)
    low = {k.lower(): str(v) for k, v in headers.items()}
    data = canonical(method, path, hashlib.sha256(body).hexdigest(), low, office, key_id, when, nonce)
    return {H_OFFICE: office, H_KEY: key_id, H_TIME: when, H_NONCE: nonce,
            H_SIG: crypto.b64(crypto.sign(sign_private, data))}


def verify(sign_public: bytes, signature: str, data: bytes) -> bool:
    try:
        return crypto.verify(sign_public, crypto.unb64(signature, 64), data)
    except (crypto.CryptoError, ValueError):
        return False
