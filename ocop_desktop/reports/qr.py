"""The QR code on a certificate: a payload anyone can check offline.

Format (ASCII, fits a QR of version ≤ 15 at error correction M)::

    OCOP1.<base64url(JSON)>.<base64url(Ed25519 signature over those JSON bytes)>

The JSON is canonical (sorted keys, no spaces, UTF-8) with short keys: ``n`` certificate
number, ``p`` product code, ``t`` product name (at most 60 characters), ``s`` stars (3–5),
``e`` expiry date (ISO), ``o`` issuing office id, ``k`` the id of the office key that
signed. The signature is made with the office's Ed25519 key (``sync.crypto``); a verifier
looks up the public half by office id and key id among the offices it knows.

Everything read from a QR is untrusted: :func:`read_qr_text` raises only
:class:`QrMalformed` (a :class:`~ocop_desktop.errors.BadInput`), and
:func:`verify_qr_text` never raises for bad input: it returns a :class:`QrResult`.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from ocop_desktop.errors import BadInput
from ocop_desktop.i18n import _
from ocop_desktop.sync import crypto
from ocop_desktop.text import nfc

PREFIX = "OCOP1"
NAME_CHARS = 60
MAX_TEXT = 2000  # a real payload is ~400 characters
_B64URL = re.compile(r"[A-Za-z0-9_-]+")
_KEYS = frozenset("npstseok")
SIGNATURE_BYTES = 64

VALID, BAD_SIGNATURE, UNKNOWN_KEY, MALFORMED = "valid", "bad_signature", "unknown_key", "malformed"


class QrMalformed(BadInput):
    """The text is not a certificate payload of this app (or it was damaged)."""


@dataclass(frozen=True)
class QrFields:
    number: str  # certificate number
    product_code: str
    product_name: str  # at most NAME_CHARS characters
    stars: int
    expiry: dt.date
    office_id: str  # the issuing office


@dataclass(frozen=True)
class QrPayload:
    fields: QrFields
    key_id: str
    signed: bytes  # the JSON bytes the signature covers
    signature: bytes

    def signature_ok_with(self, sign_public: bytes) -> bool:
        return crypto.verify(sign_public, self.signature, self.signed)


@dataclass(frozen=True)
class QrResult:
    status: str  # VALID | BAD_SIGNATURE | UNKNOWN_KEY | MALFORMED
    fields: QrFields | None  # decoded even when the signature fails (never trust them then)
    key_id: str | None
    reason: str  # translated; "" when valid

    @property
    def valid(self) -> bool:
        return self.status == VALID

    def expired(self, today: dt.date | None = None) -> bool:
        return self.fields is not None and (today or dt.date.today()) > self.fields.expiry


def _b64e(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _b64d(text: str) -> bytes:
    if not _B64URL.fullmatch(text) or len(text) % 4 == 1:
        raise QrMalformed(_("The QR text is damaged (bad characters)."))
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise QrMalformed(_("The QR text is damaged (bad characters).")) from None
    if _b64e(raw) != text:  # unused low bits set: one text, one meaning
        raise QrMalformed(_("The QR text is damaged (bad characters)."))
    return raw


def truncate_name(name: str) -> str:
    name = nfc(name)
    return name if len(name) <= NAME_CHARS else name[:NAME_CHARS - 1].rstrip() + "…"


def canonical(fields: QrFields, key_id: str) -> bytes:
    doc = {"n": nfc(fields.number), "p": nfc(fields.product_code), "t": truncate_name(fields.product_name),
           "s": int(fields.stars), "e": fields.expiry.isoformat(), "o": fields.office_id, "k": key_id}
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def make_qr_text(fields: QrFields, sign_private: bytes, key_id: str) -> str:
    """The signed payload for one certificate (stars must be 3–5)."""
    if not 3 <= int(fields.stars) <= 5:
        raise ValueError(f"stars must be 3-5, not {fields.stars}")
    data = canonical(fields, key_id)
    return f"{PREFIX}.{_b64e(data)}.{_b64e(crypto.sign(sign_private, data))}"


def _str(doc: dict, key: str, limit: int) -> str:
    value = doc.get(key)
    if not isinstance(value, str) or not value or len(value) > limit:
        raise QrMalformed(_("The QR text is damaged (field “{field}”).").format(field=key))
    return value


def read_qr_text(text: str) -> QrPayload:
    """Decode a payload without checking its signature. Raises :class:`QrMalformed` only."""
    if not isinstance(text, str):
        raise QrMalformed(_("The QR text is empty."))
    text = text.strip()
    if not text:
        raise QrMalformed(_("The QR text is empty."))
    if len(text) > MAX_TEXT:
        raise QrMalformed(_("The QR text is too long to be an OCOP certificate."))
    parts = text.split(".")
    if parts[0] != PREFIX:
        raise QrMalformed(_("This QR code is not an OCOP certificate of this app (it should start with “{prefix}.”).")
                          .format(prefix=PREFIX))
    if len(parts) != 3:
        raise QrMalformed(_("The QR text is damaged (it should have three parts separated by dots)."))
    signed, signature = _b64d(parts[1]), _b64d(parts[2])
    if len(signature) != SIGNATURE_BYTES:
        raise QrMalformed(_("The QR text is damaged (the signature has the wrong length)."))
    try:
        doc = json.loads(signed.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise QrMalformed(_("The QR text is damaged (its content cannot be read).")) from None
    if not isinstance(doc, dict) or set(doc) != _KEYS:
        raise QrMalformed(_("The QR text is damaged (its content cannot be read)."))
    stars = doc.get("s")
    if type(stars) is not int or not 3 <= stars <= 5:
        raise QrMalformed(_("The QR text is damaged (field “{field}”).").format(field="s"))
    try:
        expiry = dt.date.fromisoformat(_str(doc, "e", 10))
    except ValueError:
        raise QrMalformed(_("The QR text is damaged (field “{field}”).").format(field="e")) from None
    fields = QrFields(number=_str(doc, "n", 100), product_code=_str(doc, "p", 100),
                      product_name=_str(doc, "t", NAME_CHARS), stars=stars, expiry=expiry,
                      office_id=_str(doc, "o", 64))
    return QrPayload(fields, _str(doc, "k", 64), signed, signature)


def verify_qr_text(text: str, lookup_public_key: Callable[[str, str], bytes | None]) -> QrResult:
    """Check a payload: ``lookup_public_key(office_id, key_id)`` gives the Ed25519 public key
    of a known office's key, or None. Never raises for bad text (only if the lookup does)."""
    try:
        payload = read_qr_text(text)
    except QrMalformed as exc:
        return QrResult(MALFORMED, None, None, exc.message)
    public = lookup_public_key(payload.fields.office_id, payload.key_id)
    if public is None:
        return QrResult(UNKNOWN_KEY, payload.fields, payload.key_id,
                        _("The certificate was signed by an office or key this office does not know "
                          "(office {office}, key {key}).").format(office=payload.fields.office_id, key=payload.key_id))
    if not payload.signature_ok_with(public):
        return QrResult(BAD_SIGNATURE, payload.fields, payload.key_id,
                        _("The signature does not match: the QR code was altered or forged."))
    return QrResult(VALID, payload.fields, payload.key_id, "")
