"""The QR code on a certificate: a payload anyone can check offline.

Format 2 (since issue 9): readable lines first, so that a phone's camera app shows what the
certificate says, then one signature line::

    GIẤY CHỨNG NHẬN SẢN PHẨM OCOP
    Số: 0042/2026/GCN-OCOP
    Sản phẩm: Miến dong Phia Đén
    Mã sản phẩm: 04-01477-001-2026
    Chủ thể: Hợp tác xã Nông nghiệp Phia Đén
    Hạng: 4 sao
    Có giá trị đến: 21/11/2029
    OCOP2.<issuing office id>.<key id>.<base64url(Ed25519 signature)>

The labels are fixed Vietnamese (a printed legal document, not gettext). Names are put on
one line and cut at 60 characters. The signature covers ``OCOP2``, the seven lines (NFC,
joined with LF) and the office and key ids; a reader tolerates CR LF, blank lines and
spaces around lines (phones and scanners add them), nothing else.

Format 1 (certificates printed before), still verified::

    OCOP1.<base64url(JSON)>.<base64url(Ed25519 signature over those JSON bytes)>

The JSON is canonical (sorted keys, no spaces, UTF-8) with short keys: ``n`` certificate
number, ``p`` product code, ``t`` product name (at most 60 characters), ``s`` stars (3–5),
``e`` expiry date (ISO), ``o`` issuing office id, ``k`` the id of the office key that
signed. Both are signed with the office's Ed25519 key (``sync.crypto``); a verifier looks
up the public half by office id and key id among the offices it knows.

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

PREFIX = "OCOP1"  # format 1: one base64 line
PREFIX2 = "OCOP2"  # format 2: readable lines, then the signature line
TITLE = "GIẤY CHỨNG NHẬN SẢN PHẨM OCOP"
LABEL_NUMBER, LABEL_PRODUCT, LABEL_CODE, LABEL_PRODUCER, LABEL_STARS, LABEL_EXPIRY = (
    "Số: ", "Sản phẩm: ", "Mã sản phẩm: ", "Chủ thể: ", "Hạng: ", "Có giá trị đến: ")
_STARS_LINE = re.compile(r"([3-5]) sao")
_DATE_LINE = re.compile(r"(\d{2})/(\d{2})/(\d{4})")
_ID = re.compile(r"[A-Za-z0-9-]{1,64}")
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
    producer_name: str = ""  # at most NAME_CHARS characters; format 1 does not hold it


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
    name = " ".join(nfc(name).split())  # one line
    return name if len(name) <= NAME_CHARS else name[:NAME_CHARS - 1].rstrip() + "…"


def _one_line(text: str, limit: int = 100) -> str:
    return " ".join(nfc(text).split())[:limit]


def canonical(fields: QrFields, key_id: str) -> bytes:
    doc = {"n": nfc(fields.number), "p": nfc(fields.product_code), "t": truncate_name(fields.product_name),
           "s": int(fields.stars), "e": fields.expiry.isoformat(), "o": fields.office_id, "k": key_id}
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def readable_lines(fields: QrFields) -> list[str]:
    """The seven lines a phone shows, in the order of the format (see the module doc)."""
    return [TITLE,
            LABEL_NUMBER + (_one_line(fields.number) or "-"),
            LABEL_PRODUCT + (truncate_name(fields.product_name) or "-"),
            LABEL_CODE + (_one_line(fields.product_code) or "-"),
            LABEL_PRODUCER + (truncate_name(fields.producer_name) or "-"),
            LABEL_STARS + f"{int(fields.stars)} sao",
            LABEL_EXPIRY + fields.expiry.strftime("%d/%m/%Y")]


def _signed_bytes(lines: list[str], office_id: str, key_id: str) -> bytes:
    return "\n".join([PREFIX2, *lines, f"{office_id}.{key_id}"]).encode("utf-8")


def make_qr_text(fields: QrFields, sign_private: bytes, key_id: str) -> str:
    """The signed payload for one certificate, format 2 (stars must be 3–5)."""
    if not 3 <= int(fields.stars) <= 5:
        raise ValueError(f"stars must be 3-5, not {fields.stars}")
    if not _ID.fullmatch(fields.office_id) or not _ID.fullmatch(key_id):
        raise ValueError("office and key ids are letters, digits and dashes")
    lines = readable_lines(fields)
    signature = crypto.sign(sign_private, _signed_bytes(lines, fields.office_id, key_id))
    return "\n".join([*lines, f"{PREFIX2}.{fields.office_id}.{key_id}.{_b64e(signature)}"])


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
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) > 1 or lines[0].startswith(PREFIX2 + "."):
        return _read_format2(lines)
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


def _value(line: str, label: str, limit: int) -> str:
    if not line.startswith(label) or not line[len(label):].strip() or len(line) - len(label) > limit:
        raise QrMalformed(_("The QR text is damaged (line “{line}”).").format(line=label.strip(" :")))
    return line[len(label):]


def _read_format2(lines: list[str]) -> QrPayload:
    lines = [nfc(line) for line in lines]
    if not lines[-1].startswith(PREFIX2 + ".") or len(lines) != 8 or lines[0] != TITLE:
        raise QrMalformed(_("The QR text is damaged (it should have seven lines of text and a signature line "
                            "starting with “{prefix}.”).").format(prefix=PREFIX2))
    parts = lines[-1].split(".")
    if len(parts) != 4 or not _ID.fullmatch(parts[1]) or not _ID.fullmatch(parts[2]):
        raise QrMalformed(_("The QR text is damaged (the signature line)."))
    signature = _b64d(parts[3])
    if len(signature) != SIGNATURE_BYTES:
        raise QrMalformed(_("The QR text is damaged (the signature has the wrong length)."))
    stars = _STARS_LINE.fullmatch(_value(lines[5], LABEL_STARS, 10))
    date = _DATE_LINE.fullmatch(_value(lines[6], LABEL_EXPIRY, 10))
    if stars is None:
        raise QrMalformed(_("The QR text is damaged (line “{line}”).").format(line=LABEL_STARS.strip(" :")))
    try:
        expiry = dt.date(int(date[3]), int(date[2]), int(date[1])) if date else None
    except ValueError:
        expiry = None
    if expiry is None:
        raise QrMalformed(_("The QR text is damaged (line “{line}”).").format(line=LABEL_EXPIRY.strip(" :")))
    fields = QrFields(number=_value(lines[1], LABEL_NUMBER, 100), product_name=_value(lines[2], LABEL_PRODUCT, NAME_CHARS),
                      product_code=_value(lines[3], LABEL_CODE, 100), stars=int(stars[1]), expiry=expiry,
                      office_id=parts[1], producer_name=_value(lines[4], LABEL_PRODUCER, NAME_CHARS))
    return QrPayload(fields, parts[2], _signed_bytes(lines[:7], parts[1], parts[2]), signature)


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
