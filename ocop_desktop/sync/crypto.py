"""Keys, signatures and encryption for bundles and office profiles (``cryptography``).

- Each office key is a pair of pairs: Ed25519 (signs manifests and profiles) and X25519
  (receives bundles). ``key_id`` names it; ``fingerprint`` is the short text two officers
  read to each other over the phone before trusting a key.
- A bundle's members are sealed to the recipient: an ephemeral X25519 key agrees a secret
  with the recipient's key, HKDF-SHA256 derives the content key (salted with the bundle
  id), and each member is ChaCha20-Poly1305 encrypted with a random nonce and its name as
  associated data (members cannot be swapped).
"""

from __future__ import annotations

import base64
import hashlib
import os
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_RAW = serialization.Encoding.Raw
_NOENC = serialization.NoEncryption()
NONCE = 12


class CryptoError(Exception):
    """A signature or an encrypted member did not check out."""


@dataclass(frozen=True)
class KeyPair:
    sign_private: bytes
    sign_public: bytes
    enc_private: bytes
    enc_public: bytes

    @property
    def key_id(self) -> str:
        return key_id(self.sign_public, self.enc_public)


def generate() -> KeyPair:
    s = Ed25519PrivateKey.generate()
    e = X25519PrivateKey.generate()
    return KeyPair(
        s.private_bytes(_RAW, serialization.PrivateFormat.Raw, _NOENC),
        s.public_key().public_bytes(_RAW, serialization.PublicFormat.Raw),
        e.private_bytes(_RAW, serialization.PrivateFormat.Raw, _NOENC),
        e.public_key().public_bytes(_RAW, serialization.PublicFormat.Raw),
    )


def _key_digest(sign_public: bytes, enc_public: bytes) -> bytes:
    return hashlib.sha256(b"ocop-office-key-v1\0" + sign_public + enc_public).digest()


def key_id(sign_public: bytes, enc_public: bytes) -> str:
    return _key_digest(sign_public, enc_public).hex()[:16]


def crockford(data: bytes, chars: int) -> str:
    """The first ``chars`` base-32 digits (Crockford alphabet: no I, L, O, U) of ``data``."""
    n = int.from_bytes(data, "big")
    bits = len(data) * 8
    out = []
    for i in range(chars):
        shift = bits - 5 * (i + 1)
        out.append(CROCKFORD[(n >> shift) & 31] if shift >= 0 else CROCKFORD[(n << -shift) & 31])
    return "".join(out)


def normalise_code(text: str) -> str:
    """What an officer typed or read, as Crockford digits: O→0, I/L→1, case and dashes ignored."""
    t = text.upper().replace("O", "0").replace("I", "1").replace("L", "1")
    return "".join(ch for ch in t if ch in CROCKFORD)


def group(code: str, size: int = 4) -> str:
    return "-".join(code[i:i + size] for i in range(0, len(code), size))


def fingerprint(sign_public: bytes, enc_public: bytes) -> str:
    """12 characters in three groups, e.g. ``7KQ2-M9XD-4HTA``: 60 bits, read aloud."""
    return group(crockford(_key_digest(sign_public, enc_public), 12))


def sign(sign_private: bytes, data: bytes) -> bytes:
    return Ed25519PrivateKey.from_private_bytes(sign_private).sign(data)


def verify(sign_public: bytes, signature: bytes, data: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(sign_public).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str, length: int | None = None) -> bytes:
    """Decode base64 from an untrusted file; raise CryptoError when malformed."""
    try:
        raw = base64.b64decode(text.encode("ascii"), validate=True)
    except (ValueError, AttributeError, UnicodeEncodeError):
        raise CryptoError("bad base64") from None
    if length is not None and len(raw) != length:
        raise CryptoError("bad key length")
    return raw


def _content_key(shared: bytes, salt: bytes, eph_public: bytes, recipient_public: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt,
                info=b"ocop-bundle-v1\0" + eph_public + recipient_public).derive(shared)


class Sealer:
    """Encrypts the members of one bundle to one recipient key."""

    def __init__(self, recipient_enc_public: bytes, salt: bytes) -> None:
        eph = X25519PrivateKey.generate()
        self.ephemeral_public = eph.public_key().public_bytes(_RAW, serialization.PublicFormat.Raw)
        shared = eph.exchange(X25519PublicKey.from_public_bytes(recipient_enc_public))
        self._aead = ChaCha20Poly1305(_content_key(shared, salt, self.ephemeral_public, recipient_enc_public))

    def seal(self, name: str, data: bytes) -> bytes:
        nonce = os.urandom(NONCE)
        return nonce + self._aead.encrypt(nonce, data, name.encode("utf-8"))


class Opener:
    """Decrypts the members of a bundle sealed to our key."""

    def __init__(self, enc_private: bytes, ephemeral_public: bytes, salt: bytes) -> None:
        try:
            priv = X25519PrivateKey.from_private_bytes(enc_private)
            shared = priv.exchange(X25519PublicKey.from_public_bytes(ephemeral_public))
        except ValueError:
            raise CryptoError("bad ephemeral key") from None
        own_public = priv.public_key().public_bytes(_RAW, serialization.PublicFormat.Raw)
        self._aead = ChaCha20Poly1305(_content_key(shared, salt, ephemeral_public, own_public))

    def open(self, name: str, blob: bytes) -> bytes:
        if len(blob) < NONCE + 16:
            raise CryptoError("member too short")
        try:
            return self._aead.decrypt(blob[:NONCE], blob[NONCE:], name.encode("utf-8"))
        except InvalidTag:
            raise CryptoError("member does not decrypt") from None
