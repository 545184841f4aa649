"""The ``.ocopbundle`` file: a ZIP (stored, not deflated) holding

- ``manifest.json``: readable and signed — format and schema versions, sender (office,
  incarnation, key), recipient (office, key), bundle number and the previous bundle's
  hash, the sender's change-log range, counts, replicas, and the size and SHA-256 of every
  other member. The bundle's hash is the SHA-256 of these bytes.
- ``manifest.sig``: the sender's Ed25519 signature over ``manifest.json``.
- ``cover.html``: the printable cover sheet (no record content).
- ``data/<name>.jsonl.zz``: records, conflicts and acknowledgements, zlib-compressed and
  sealed to the recipient (``crypto.Sealer``); ``photos/<sha256>``: photos, sealed.

Everything from a file is untrusted: :class:`BundleReader` checks, in order, the ZIP and
its entry names and sizes, the manifest, the signature, the recipient and every member's
hash, and decrypts and decompresses with size limits. Each refusal is a
:class:`BundleError` with a ``code`` (tests and the corpus name them) and a message for
the officer. Bytes appended after the archive are not a refusal (they are outside
everything signed): ``BundleReader.trailing_bytes`` counts them and the import report warns.
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec

from ocop_desktop.errors import BadInput
from ocop_desktop.i18n import _
from ocop_desktop.sync import crypto

FORMAT = "ocop-bundle"
FORMAT_VERSION = 1
SUFFIX = ".ocopbundle"
MANIFEST, SIGNATURE, COVER = "manifest.json", "manifest.sig", "cover.html"
ALG = "X25519-HKDF-SHA256-ChaCha20Poly1305"
MAX_MANIFEST = 32 * 1024 * 1024
MAX_MEMBER_PLAIN = 1536 * 1024 * 1024  # a decompressed data member
MAX_PHOTO = 64 * 1024 * 1024
MAX_RATIO = 200  # decompressed / stored, for data members (JSON compresses ~10×)
MAX_INT = 1 << 62
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_EOCD_SIGNATURE, _EOCD_SIZE = b"PK\x05\x06", 22  # ZIP end-of-central-directory record
_MEMBER_NAME = re.compile(r"^(data/[a-z_]{1,40}\.jsonl\.zz|photos/[0-9a-f]{64}|attachments/[0-9a-f]{64})$")


class BundleError(BadInput):
    """A bundle that is refused; ``code`` names the failure class."""

    def __init__(self, code: str, message: str, *, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.code = code


def canonical(doc: Any) -> bytes:
    return json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def encode_lines(rows: list[Any]) -> bytes:
    enc = msgspec.json.Encoder()
    return b"".join(enc.encode(r) + b"\n" for r in rows)


def decode_lines(data: bytes) -> list[Any]:
    if not data:
        return []
    try:
        return msgspec.json.decode(b"[" + data.rstrip(b"\n").replace(b"\n", b",") + b"]")
    except (msgspec.DecodeError, UnicodeDecodeError, RecursionError):
        raise BundleError("bad_payload", _("The bundle's content is not readable (damaged data).")) from None


# -- writing -----------------------------------------------------------------------------


def write_bundle(path: Path, manifest: dict[str, Any], data: dict[str, bytes], photos: dict[str, bytes],
                 cover_html: str, sealer: crypto.Sealer, sign_private: bytes,
                 attachments: dict[str, bytes] | None = None) -> str:
    """Seal the members, complete ``manifest["members"]``, sign, write ``path``; return the
    bundle hash. ``data`` maps a name ("producer") to its JSON-lines bytes; ``photos`` and
    ``attachments`` map a SHA-256 to the file's bytes."""
    members: list[dict[str, Any]] = []
    blobs: list[tuple[str, bytes]] = []
    for name, plain in data.items():
        member = f"data/{name}.jsonl.zz"
        blob = sealer.seal(member, zlib.compress(plain, 6))
        blobs.append((member, blob))
        members.append({"name": member, "size": len(blob), "plain_size": len(plain),
                        "sha256": hashlib.sha256(blob).hexdigest()})
    files = [(f"photos/{sha}", c) for sha, c in photos.items()]
    files += [(f"attachments/{sha}", c) for sha, c in (attachments or {}).items()]
    for member, content in files:
        blob = sealer.seal(member, content)
        blobs.append((member, blob))
        members.append({"name": member, "size": len(blob), "plain_size": len(content),
                        "sha256": hashlib.sha256(blob).hexdigest()})
    cover_bytes = cover_html.encode("utf-8")
    manifest = dict(manifest, members=members, cover_sha256=hashlib.sha256(cover_bytes).hexdigest())
    manifest["encryption"] = dict(manifest.get("encryption", {}), alg=ALG,
                                  ephemeral_public=crypto.b64(sealer.ephemeral_public))
    raw = canonical(manifest)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as zf:
        zf.writestr(MANIFEST, raw)
        zf.writestr(SIGNATURE, crypto.sign(sign_private, raw))
        zf.writestr(COVER, cover_bytes)
        for member, blob in blobs:
            zf.writestr(member, blob)
    return hashlib.sha256(raw).hexdigest()


# -- reading -----------------------------------------------------------------------------


def _trailing_bytes(path: Path, size: int) -> int:
    """How many bytes follow the ZIP's end-of-central-directory record (and its comment).

    ``zipfile`` finds that record the same way (the last signature in the final 64 KiB) and
    ignores what follows it. Such bytes are outside every signed or hashed member, so they
    cannot change what is imported; the bundle is accepted and the import report says so
    (a copy tool or a damaged stick appended them, or someone hid data there).
    """
    tail = min(size, (1 << 16) + _EOCD_SIZE)
    try:
        with path.open("rb") as fh:
            fh.seek(size - tail)
            data = fh.read(tail)
    except OSError:
        raise _damaged() from None
    start = data.rfind(_EOCD_SIGNATURE)
    if start < 0 or start + _EOCD_SIZE > len(data):
        return 0  # zipfile opened it, so this does not happen; nothing to report
    comment = int.from_bytes(data[start + 20:start + 22], "little")
    return max(0, len(data) - (start + _EOCD_SIZE + comment))


def _damaged(detail: str = "") -> BundleError:
    return BundleError(
        "damaged", _("The bundle file is damaged or incomplete{detail}.").format(detail=detail),
        hint=_("It may have been cut short when the USB stick was pulled out. Ask the sending office to "
               "export it again (nothing is lost: the next bundle carries everything not yet acknowledged)."))


@dataclass
class Manifest:
    raw: bytes
    doc: dict[str, Any]

    @property
    def hash(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()

    def __getitem__(self, key: str) -> Any:
        return self.doc[key]


class BundleReader:
    """Reads a bundle file step by step; every check raises :class:`BundleError`."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise BundleError("missing", _("The file {path} does not exist or is not a file.").format(path=self.path))
        try:
            size = self.path.stat().st_size
        except OSError:
            raise BundleError("missing", _("The file {path} cannot be read.").format(path=self.path)) from None
        if size < 22:
            raise _damaged()
        try:
            self._zip = zipfile.ZipFile(self.path)
        # NotImplementedError: a damaged header that claims an unsupported zip version or method.
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
            raise _damaged() from None
        self._infos: dict[str, zipfile.ZipInfo] = {}
        total = 0
        for info in self._zip.infolist():
            name = info.filename
            if ("\\" in name or name.startswith("/") or ".." in name.split("/") or ":" in name
                    or not (name in (MANIFEST, SIGNATURE, COVER) or _MEMBER_NAME.match(name))):
                raise BundleError("unsafe_name", _("The bundle contains an entry with a forbidden name "
                                                   "(“{name}”); it was refused.").format(name=name[:80]))
            if name in self._infos:
                raise BundleError("duplicate_entry", _("The bundle contains the entry “{name}” twice; it was "
                                                       "refused.").format(name=name))
            if info.compress_type != zipfile.ZIP_STORED:
                ratio = info.file_size / max(info.compress_size, 1)
                if ratio > MAX_RATIO or info.file_size > MAX_MEMBER_PLAIN:
                    raise BundleError("zip_bomb", _("The bundle entry “{name}” unpacks to an absurd size "
                                                    "({ratio:.0f}× its stored size); it was refused.")
                                      .format(name=name, ratio=ratio))
                raise BundleError("unsafe_name", _("The bundle entry “{name}” is compressed in a way OCOP Desktop "
                                                   "never writes; it was refused.").format(name=name))
            total += info.file_size
            self._infos[name] = info
        if total > size + 1024 * 1024:
            raise _damaged()
        if MANIFEST not in self._infos:
            raise BundleError("not_bundle", _("This file is not an OCOP Desktop sync bundle (it has no manifest)."))
        self.trailing_bytes = _trailing_bytes(self.path, size)
        self.manifest = self._read_manifest()

    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> BundleReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _read(self, name: str, limit: int) -> bytes:
        info = self._infos[name]
        if info.file_size > limit:
            raise _damaged()
        try:
            with self._zip.open(info) as fh:
                data = fh.read(limit + 1)
        except (zipfile.BadZipFile, OSError, EOFError, zlib.error, ValueError, NotImplementedError):
            raise _damaged() from None
        if len(data) != info.file_size:
            raise _damaged()
        return data

    def _read_manifest(self) -> Manifest:
        raw = self._read(MANIFEST, MAX_MANIFEST)
        try:
            doc = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise _damaged(_(" (its manifest is not readable)")) from None
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            raise BundleError("not_bundle", _("This file is not an OCOP Desktop sync bundle."))
        fv = doc.get("format_version")
        if not isinstance(fv, int) or fv > FORMAT_VERSION:
            raise BundleError(
                "newer_format", _("This bundle was made by a newer version of OCOP Desktop (bundle format {v}; "
                                  "this version reads format {ours}).").format(v=fv, ours=FORMAT_VERSION),
                hint=_("Install the newer version of OCOP Desktop, then import the bundle again."))
        try:
            canonical(doc)  # text that cannot be stored (lone surrogates) is refused here
            _check_manifest(doc)
        except (KeyError, TypeError, ValueError, UnicodeError, RecursionError):
            raise BundleError("bad_manifest", _("The bundle's manifest is incomplete or malformed; it was "
                                                "refused.")) from None
        return Manifest(raw, doc)

    # -- signature, recipient, members ------------------------------------------------
    def check_signature(self, sign_public: bytes, sender_name: str) -> None:
        if SIGNATURE not in self._infos:
            raise BundleError("unsigned", _("The bundle is not signed, so it cannot be trusted; it was refused."))
        sig = self._read(SIGNATURE, 128)
        if not crypto.verify(sign_public, sig, self.manifest.raw):
            raise BundleError(
                "bad_signature", _("The bundle's signature does not match {office}'s key: it was altered or was "
                                   "not made by that office. It was refused.").format(office=sender_name))

    def check_members(self) -> None:
        listed = {m["name"]: m for m in self.manifest["members"]}
        present = set(self._infos) - {MANIFEST, SIGNATURE, COVER}
        want_cover = self.manifest.doc.get("cover_sha256")
        if want_cover is not None:
            cover = self._read(COVER, 4 * 1024 * 1024) if COVER in self._infos else b""
            if hashlib.sha256(cover).hexdigest() != want_cover:
                raise _damaged(_(" (the cover sheet does not match its checksum)"))
        if present - set(listed):
            raise BundleError("extra_entry", _("The bundle contains entries its manifest does not list; it was "
                                               "refused."))
        if set(listed) - present:
            raise _damaged(_(" (entries are missing)"))
        for name, m in listed.items():
            info = self._infos[name]
            if info.file_size != m["size"]:
                raise _damaged()
            h = hashlib.sha256()
            try:
                with self._zip.open(info) as fh:
                    while chunk := fh.read(1 << 20):
                        h.update(chunk)
            except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
                raise _damaged() from None
            if h.hexdigest() != m["sha256"]:
                raise _damaged(_(" (the entry {name} does not match its checksum)").format(name=name))

    def cover_html(self) -> str:
        if COVER not in self._infos:
            return ""
        return self._read(COVER, 4 * 1024 * 1024).decode("utf-8", errors="replace")

    def opener(self, enc_private: bytes) -> Payload:
        enc = self.manifest["encryption"]
        try:
            eph = crypto.unb64(enc["ephemeral_public"], 32)
            return Payload(self, crypto.Opener(enc_private, eph, self.manifest["bundle_id"].encode()))
        except crypto.CryptoError:
            raise BundleError("bad_encryption", _("The bundle's encryption data is damaged.")) from None


class Payload:
    """The decrypted content of a verified bundle."""

    def __init__(self, reader: BundleReader, opener: crypto.Opener) -> None:
        self._r = reader
        self._opener = opener
        self._listed = {m["name"]: m for m in reader.manifest["members"]}

    def _open(self, member: str) -> bytes:
        m = self._listed[member]
        blob = self._r._read(member, m["size"])  # noqa: SLF001
        try:
            return self._opener.open(member, blob)
        except crypto.CryptoError:
            raise BundleError("bad_encryption", _("The bundle cannot be decrypted with this office's key: it was "
                                                  "damaged or altered.")) from None

    def has(self, name: str) -> bool:
        return f"data/{name}.jsonl.zz" in self._listed

    def lines(self, name: str) -> list[Any]:
        return decode_lines(self.raw(name))

    def raw(self, name: str) -> bytes:
        """The decrypted, decompressed JSON lines of a data member (b"" if absent)."""
        member = f"data/{name}.jsonl.zz"
        if member not in self._listed:
            return b""
        m = self._listed[member]
        plain_size = m["plain_size"]
        comp = self._open(member)
        if plain_size > MAX_MEMBER_PLAIN or plain_size > MAX_RATIO * max(len(comp), 1) + 4096:
            raise BundleError("zip_bomb", _("The bundle entry “{name}” claims an absurd unpacked size; it was "
                                            "refused.").format(name=member))
        d = zlib.decompressobj()
        try:
            plain = d.decompress(comp, plain_size + 1)
        except zlib.error:
            raise _damaged() from None
        if len(plain) != plain_size or d.unconsumed_tail or not d.eof:
            raise BundleError("zip_bomb" if len(plain) > plain_size else "damaged",
                              _("The bundle entry “{name}” does not unpack to its declared size; it was refused.")
                              .format(name=member))
        return plain

    def photo_names(self) -> list[str]:
        return [n.split("/", 1)[1] for n in self._listed if n.startswith("photos/")]

    def photo(self, sha: str) -> bytes:
        member = f"photos/{sha}"
        if self._listed[member]["size"] > MAX_PHOTO:
            raise _damaged()
        content = self._open(member)
        if hashlib.sha256(content).hexdigest() != sha:
            raise BundleError("damaged", _("A photo in the bundle does not match its name (checksum); it was "
                                           "refused."))
        return content

    def attachment_names(self) -> list[str]:
        return [n.split("/", 1)[1] for n in self._listed if n.startswith("attachments/")]

    def attachment(self, sha: str) -> bytes:
        """An attached file, checked against its name (its SHA-256)."""
        member = f"attachments/{sha}"
        if self._listed[member]["size"] > MAX_PHOTO:
            raise _damaged()
        content = self._open(member)
        if hashlib.sha256(content).hexdigest() != sha:
            raise BundleError("bad_attachment", _("An attached file in the bundle does not match its checksum "
                                                  "(it was changed or damaged); the bundle was refused."))
        return content


def _check_manifest(doc: dict[str, Any]) -> None:
    """Types of the fields the importer relies on (raises KeyError/TypeError/ValueError)."""
    def need(d: dict, key: str, typ: type | tuple[type, ...]) -> Any:
        v = d[key]
        if not isinstance(v, typ) or isinstance(v, bool) and typ is int:
            raise TypeError(key)
        if typ is int and not 0 <= v < MAX_INT:
            raise ValueError(key)
        if typ is str and len(v) > 4096:
            raise ValueError(key)
        return v

    for k in ("bundle_id", "schema_version", "kind", "created_at", "app_version"):
        need(doc, k, str)
    if doc["kind"] not in ("changes", "snapshot"):
        raise ValueError("kind")
    import datetime as dt

    dt.datetime.fromisoformat(doc["created_at"])  # ValueError when it is not a date and time
    if doc.get("cover_sha256") is not None and not re.fullmatch(r"[0-9a-f]{64}", need(doc, "cover_sha256", str)):
        raise ValueError("cover_sha256")
    for replica, val in need(doc, "replicas", dict).items():
        if not (re.fullmatch(r"[0-9a-f]{12}", replica) and isinstance(val, list) and len(val) == 2
                and all(isinstance(x, str) and _UUID.fullmatch(x) for x in val)):
            raise ValueError("replicas")
    need(doc, "number", int)
    if need(doc, "prev_bundle_hash", (str, type(None))) is not None:  # present, maybe null
        need(doc, "prev_bundle_hash", str)
    sender = need(doc, "sender", dict)
    for k in ("office_id", "name", "incarnation", "replica", "key_id"):
        need(sender, k, str)
    if not (_UUID.fullmatch(sender["office_id"]) and _UUID.fullmatch(sender["incarnation"])):
        raise ValueError("sender")
    need(doc, "sender_profile", dict)
    recipient = need(doc, "recipient", dict)
    for k in ("office_id", "key_id"):
        need(recipient, k, str)
    seq = need(doc, "seq", dict)
    if need(seq, "from", int) < 0 or need(seq, "to", int) < seq["from"]:
        raise ValueError("seq")
    need(doc, "counts", dict)
    need(doc, "replicas", dict)
    rubrics = doc.get("rubrics") or {}
    if not isinstance(rubrics, dict):
        raise TypeError("rubrics")
    for rid, h in rubrics.items():
        if not (isinstance(rid, str) and len(rid) <= 64 and isinstance(h, str) and re.fullmatch(r"[0-9a-f]{64}", h)):
            raise ValueError("rubrics")
    photos = need(doc, "photos", dict)
    if not all(isinstance(h, str) and re.fullmatch(r"[0-9a-f]{64}", h) for h in need(photos, "deferred", list)):
        raise ValueError("deferred")
    files = doc.get("attachments")  # absent in bundles of versions before business plans
    if files is not None and not all(isinstance(h, str) and re.fullmatch(r"[0-9a-f]{64}", h)
                                     for h in need(need(doc, "attachments", dict), "deferred", list)):
        raise ValueError("deferred")
    enc = need(doc, "encryption", dict)
    need(enc, "ephemeral_public", str)
    if enc.get("alg") != ALG:
        raise ValueError("alg")
    seen = set()
    for m in need(doc, "members", list):
        need(m, "name", str)
        if not _MEMBER_NAME.match(m["name"]) or m["name"] in seen:
            raise ValueError("member")
        seen.add(m["name"])
        if need(m, "size", int) < 0 or need(m, "plain_size", int) < 0:
            raise ValueError("size")
        if not re.fullmatch(r"[0-9a-f]{64}", need(m, "sha256", str)):
            raise ValueError("sha256")
