"""A corpus of malformed and hostile ``.ocopbundle`` files, one per failure class.

    python tests/sync/make_corpus.py OUT_DIR

builds real offices (a field office, the provincial office, a second field office, an
office the province has never met, a copy and a restored backup of the field office),
exports real bundles between them and derives every case from them by manipulating
bytes, ZIP entries and manifests — re-signed with the field office's real private key and
re-sealed to the province's real key where the case needs to get past those checks.

``OUT_DIR`` then holds:

- ``recipient/province.sqlite`` (+ its ``-files`` folder): the provincial office, which
  has imported bundle No. 2 of the field office. Every case is meant to be imported
  into a *copy* of it and must be refused with the listed ``code``, changing nothing.
- ``valid/``: the real bundles the cases start from. ``field-0003-next`` (the field
  office's bundle No. 3: 45 producers, products, a photo the province lacks) imports
  cleanly into the recipient and is the base of most cases and of the fuzz test; the
  others (No. 1 again, a fork, a restored office, another recipient, an unknown sender,
  the province's own, a rotated key) are valid files refused for who sent them or when.
- ``cases/NN-name.ocopbundle`` and ``corpus.json``: ``{"recipient", "valid", "cases":
  [{"name", "file", "code", "exception", "description", "message_has"}]}``.

Importable: :data:`CASES` (the registry; tests parametrize over it) and
:func:`build_corpus`.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import struct
import sys
import tempfile
import uuid
import warnings
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from ocop_desktop import paths  # noqa: E402
from ocop_desktop.db import KNOWN_REVISIONS, Database  # noqa: E402
from ocop_desktop.db import restore as restore_db  # noqa: E402
from ocop_desktop.models import Product  # noqa: E402
from ocop_desktop.services import photos as photo_service  # noqa: E402
from ocop_desktop.sync import container, crypto, exporter, importer, profiles  # noqa: E402
from tests.sync import sync_samples as ss  # noqa: E402

CORPUS_FORMAT = 1
FIELD_NAME = "Trạm Khuyến nông Trùng Khánh"
PROVINCE_NAME = "Văn phòng Điều phối OCOP tỉnh Cao Bằng"
OTHER_FIELD_NAME = "Trạm Khuyến nông Quảng Hoà"
STRANGER_NAME = "Trạm Khuyến nông Hạ Lang"
NOTE = ("Miến dong Phia Đén làm từ củ dong riềng trồng trên nương, phơi nắng tự nhiên, không chất bảo quản. "
        "Hợp tác xã có 24 thành viên, sản lượng 12 tấn mỗi năm. ")


# -- the world: real offices and real bundles -------------------------------------------


@dataclass
class Keys:
    field_sign_private: bytes
    field_sign_public: bytes
    province_enc_private: bytes
    province_enc_public: bytes
    province_key_id: str
    stranger_sign_private: bytes
    province_sign_private: bytes
    province_sign_public: bytes


@dataclass
class World:
    out: Path
    recipient: Path  # the province's pristine database
    keys: Keys
    next: Path  # field bundle No. 3, not imported by the province
    first: Path  # field bundle No. 1 (No. 2 was imported: a replay)
    fork: Path  # No. 2 exported by a copy of the field office's database
    restored: Path  # exported by the field office restored from a backup
    to_other: Path  # field office → another field office
    stranger: Path  # from an office the province never registered
    own: Path  # exported by the province itself
    rotated: Path  # field bundle No. 4, signed with a rotated (endorsed) key
    province_photo: str  # a photo the province already holds


def _png(path: Path, colour: tuple[int, int, int]) -> Path:
    from PIL import Image

    Image.new("RGB", (24, 16), colour).save(path)
    return path


def _product(db: Database, name: str, producer_id: str, photo: Path | None) -> str:
    with db.session() as s:
        shas = [photo_service.add_photo(s, paths.photos_dir(db.path), photo)] if photo else []
        p = Product(name=name, producer_id=producer_id, product_set=1, status="draft", commune_code=1477,
                    photos=shas)
        s.add(p)
        s.flush()
        return p.id


def _local_key(db: Database) -> Any:
    with db.read_session() as s:
        k = profiles.current_key(s, db.office_id)
        return crypto.KeyPair(k.sign_private, k.sign_public, k.enc_private, k.enc_public), k.key_id


def _export(src: Database, dst_id: str, folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        res = exporter.export_bundle(src, Path(tmp), dst_id)
        target = folder / name
        shutil.move(res.path, target)
    return target


def build_world(out: Path) -> World:
    """Offices and real bundles; the province ends up having imported field bundle No. 2."""
    offices = out / "offices"
    valid = out / "valid"
    recipient_dir = out / "recipient"
    for d in (offices, valid, recipient_dir):
        d.mkdir(parents=True, exist_ok=True)
    field = ss.make_office(offices / "field.sqlite", FIELD_NAME, "field", ss.COMMUNES)
    province = ss.make_office(recipient_dir / "province.sqlite", PROVINCE_NAME, "province")
    other = ss.make_office(offices / "other-field.sqlite", OTHER_FIELD_NAME, "field", ss.COMMUNES[:2])
    stranger = ss.make_office(offices / "stranger.sqlite", STRANGER_NAME, "field", ss.COMMUNES[2:])
    opened = [field, province, other, stranger]
    try:
        ss.introduce(field, province)
        ss.introduce(field, other)
        with province.read_session() as s:  # the stranger knows the province, not the other way round
            prof = profiles.read_profile(profiles.export_profile(s))
        with stranger.session() as s:
            profiles.import_profile(s, prof, fingerprint=prof.fingerprint)

        # Bundle No. 1: two producers, a product with a photo.
        p1 = ss.add_producer(field, "HTX Miến dong Phia Đén", phone="0206 3821 111")
        p2 = ss.add_producer(field, "HTX Chè Trùng Khánh", commune=1489)
        photo1 = _png(offices / "mien-dong.png", (180, 120, 40))
        _product(field, "Miến dong Phia Đén", p1, photo1)
        _product(field, "Chè xanh Trùng Khánh", p2, None)
        first = _export(field, province.office_id, valid, "field-0001-replayed.ocopbundle")
        backup = field.backup_to(offices / "field-after-1.backup.sqlite")

        # Bundle No. 2 (imported by the province): an edit and a third producer.
        ss.edit(field, p1, email="phiaden@example.vn")
        ss.add_producer(field, "Tổ hợp tác Hạt dẻ Trùng Khánh", commune=1501)
        second = _export(field, province.office_id, offices, "field-0002-imported.ocopbundle")
        importer.import_bundle(province, second)

        # A copy of the field database made after bundle No. 1 (same identity) exports its own No. 2.
        twin_path = offices / "field-twin.sqlite"
        shutil.copyfile(backup, twin_path)
        twin = Database.open(twin_path)
        opened.append(twin)
        ss.add_producer(twin, "HTX Bản sao")
        fork = _export(twin, province.office_id, valid, "field-0002-fork.ocopbundle")

        # The field office restored from that backup (new incarnation).
        restored_path = restore_db(backup, offices / "field-restored.sqlite")
        restored = Database.open(restored_path)
        opened.append(restored)
        ss.add_producer(restored, "HTX Sau khôi phục")
        restored_bundle = _export(restored, province.office_id, valid, "field-restored.ocopbundle")

        # Bundle No. 3 (not imported): many producers with long notes, a new photo, an edit.
        ss.edit(field, p2, notes=NOTE)
        for i in range(42):
            ss.add_producer(field, f"Hộ kinh doanh số {i + 1:02d}", commune=ss.COMMUNES[i % 4], notes=NOTE * 12)
        photo2 = _png(offices / "che-xanh.png", (40, 150, 60))
        _product(field, "Trà hoa vàng", p2, photo2)
        nxt = _export(field, province.office_id, valid, "field-0003-next.ocopbundle")

        to_other = _export(field, other.office_id, valid, "field-to-other-field.ocopbundle")
        ss.add_producer(stranger, "HTX Lạ")
        stranger_bundle = _export(stranger, province.office_id, valid, "stranger-0001.ocopbundle")
        own = _export(province, field.office_id, valid, "province-to-field-0001.ocopbundle")

        field_keys, _kid = _local_key(field)
        prov_keys, prov_kid = _local_key(province)
        stranger_keys, _ = _local_key(stranger)

        # Bundle No. 4, after a key rotation (the new key is endorsed by the old one).
        with field.session() as s:
            profiles.rotate_local_key(s)
        ss.edit(field, p1, notes="Sau khi đổi khoá.")
        rotated = _export(field, province.office_id, valid, "field-0004-rotated-key.ocopbundle")

        with province.read_session() as s:
            from ocop_desktop.models import Photo

            province_photo = s.query(Photo.sha256).order_by(Photo.sha256).first()[0]
    finally:
        for db in opened:
            db.close()
    keys = Keys(field_keys.sign_private, field_keys.sign_public, prov_keys.enc_private, prov_keys.enc_public,
                prov_kid, stranger_keys.sign_private, prov_keys.sign_private, prov_keys.sign_public)
    return World(out, recipient_dir / "province.sqlite", keys, nxt, first, fork, restored_bundle, to_other,
                 stranger_bundle, own, rotated, province_photo)


# -- taking bundles apart and putting them together -------------------------------------


def entries(path: Path) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(path) as zf:
        return [(i.filename, zf.read(i)) for i in zf.infolist()]


def write_entries(path: Path, items: list[tuple[str, bytes]], *, deflate: set[str] = frozenset()) -> Path:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names are the point of one case
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as zf:
            for name, data in items:
                info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED if name in deflate else zipfile.ZIP_STORED
                zf.writestr(info, data)
    return path


def manifest_of(items: list[tuple[str, bytes]]) -> dict[str, Any]:
    return json.loads(dict(items)[container.MANIFEST])


def resign(items: list[tuple[str, bytes]], doc: dict[str, Any], sign_private: bytes,
           raw: bytes | None = None) -> list[tuple[str, bytes]]:
    """Replace the manifest (``raw`` bytes or canonical ``doc``) and its signature."""
    raw = container.canonical(doc) if raw is None else raw
    out = []
    for name, data in items:
        if name == container.MANIFEST:
            data = raw
        elif name == container.SIGNATURE:
            data = crypto.sign(sign_private, raw)
        out.append((name, data))
    return out


def replace_entry(items: list[tuple[str, bytes]], name: str, data: bytes) -> list[tuple[str, bytes]]:
    return [(n, data if n == name else d) for n, d in items]


@dataclass
class Opened:
    manifest: dict[str, Any]
    data: dict[str, bytes]  # "producer" → JSON lines
    photos: dict[str, bytes]
    cover: str


def open_bundle(path: Path, keys: Keys) -> Opened:
    items = entries(path)
    doc = manifest_of(items)
    blobs = dict(items)
    op = crypto.Opener(keys.province_enc_private, crypto.unb64(doc["encryption"]["ephemeral_public"], 32),
                       doc["bundle_id"].encode())
    data, photos = {}, {}
    for m in doc["members"]:
        plain = op.open(m["name"], blobs[m["name"]])
        if m["name"].startswith("data/"):
            data[m["name"][5:-len(".jsonl.zz")]] = zlib.decompress(plain)
        else:
            photos[m["name"][7:]] = plain
    return Opened(doc, data, photos, blobs.get(container.COVER, b"").decode())


def rebuild(path: Path, o: Opened, keys: Keys, *, sign_private: bytes | None = None,
            seal_to: bytes | None = None) -> Path:
    """Seal and sign ``o`` again (new ephemeral key, same bundle id) as the field office would."""
    manifest = {k: v for k, v in o.manifest.items() if k != "members"}
    sealer = crypto.Sealer(seal_to or keys.province_enc_public, manifest["bundle_id"].encode())
    container.write_bundle(path, manifest, o.data, o.photos, o.cover, sealer,
                           sign_private or keys.field_sign_private)
    return path


def lines(data: bytes) -> list[Any]:
    return [json.loads(x) for x in data.splitlines() if x.strip()]


def unlines(rows: list[Any]) -> bytes:
    return b"".join(json.dumps(r).encode() + b"\n" for r in rows)  # (ASCII: lone surrogates stay escaped)


def member_offset(path: Path, name: str) -> tuple[int, int]:
    """(offset of the member's data in the file, its length)."""
    raw = path.read_bytes()
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(name)
    off = info.header_offset
    name_len, extra_len = struct.unpack("<HH", raw[off + 26:off + 30])
    return off + 30 + name_len + extra_len, info.compress_size


def flip_bits(data: bytes, positions: list[int]) -> bytes:
    buf = bytearray(data)
    for pos in positions:
        buf[pos // 8] ^= 1 << (pos % 8)
    return bytes(buf)


# -- the cases ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    name: str
    code: str
    description: str
    build: Callable[[World, Path], None]
    exception: str = "BundleError"  # or RestoredOffice / UnknownSender
    message_has: tuple[str, ...] = ()  # texts the officer's message must contain (language-neutral)


CASES: list[Case] = []


def case(name: str, code: str, description: str, *, exception: str = "BundleError",
         message_has: tuple[str, ...] = ()) -> Callable[[Callable[[World, Path], None]], Callable]:
    def deco(fn: Callable[[World, Path], None]) -> Callable[[World, Path], None]:
        CASES.append(Case(name, code, description, fn, exception, message_has))
        return fn
    return deco


def _truncate(fraction: float | None = None, keep: int | None = None) -> Callable[[World, Path], None]:
    def build(w: World, out: Path) -> None:
        raw = w.next.read_bytes()
        n = keep if keep is not None else int(len(raw) * fraction)
        out.write_bytes(raw[:n] if n >= 0 else raw[:len(raw) + n])
    return build


for _name, _kw, _desc in (
        ("truncated-header", {"keep": 100}, "cut short after 100 bytes (inside the first entry)"),
        ("truncated-half", {"fraction": 0.5}, "cut short at half its size"),
        ("truncated-central-dir", {"keep": -60}, "cut short inside the ZIP central directory"),
        ("truncated-last-byte", {"keep": -1}, "the last byte missing"),
):
    case(_name, "damaged", "Truncated file: " + _desc)(_truncate(**_kw))


@case("empty-file", "damaged", "An empty file")
def _empty(w: World, out: Path) -> None:
    out.write_bytes(b"")


@case("not-a-zip", "damaged", "Not a ZIP at all (a PNG picture renamed)")
def _not_zip(w: World, out: Path) -> None:
    buf = io.BytesIO()
    from PIL import Image

    Image.new("RGB", (64, 64), (1, 2, 3)).save(buf, "PNG")
    out.write_bytes(buf.getvalue() + b"\0" * 200)


@case("zip-without-manifest", "not_bundle", "A ZIP without manifest.json")
def _no_manifest(w: World, out: Path) -> None:
    write_entries(out, [(n, d) for n, d in entries(w.next) if n != container.MANIFEST])


@case("foreign-zip", "not_bundle", "A ZIP whose manifest.json belongs to another program")
def _foreign(w: World, out: Path) -> None:
    write_entries(out, [(container.MANIFEST, b'{"format": "something-else", "version": 3}'),
                        (container.COVER, b"<html></html>")])


@case("manifest-not-json", "damaged", "manifest.json is not JSON (re-signed)")
def _manifest_not_json(w: World, out: Path) -> None:
    items = entries(w.next)
    write_entries(out, resign(items, {}, w.keys.field_sign_private, raw=b"{\"format\": \"ocop-bundle\", \x00 nope"))


@case("manifest-deeply-nested", "damaged", "manifest.json nests 100,000 arrays (a parser recursion bomb)")
def _manifest_nested(w: World, out: Path) -> None:
    items = entries(w.next)
    write_entries(out, resign(items, {}, w.keys.field_sign_private, raw=b"[" * 100_000 + b"]" * 100_000))


@case("manifest-missing-fields", "bad_manifest", "The manifest lacks its members, sender and sequence (re-signed)")
def _manifest_missing(w: World, out: Path) -> None:
    items = entries(w.next)
    doc = manifest_of(items)
    for k in ("members", "sender", "seq"):
        doc.pop(k)
    write_entries(out, resign(items, doc, w.keys.field_sign_private))


@case("manifest-wrong-types", "bad_manifest", "The manifest's number is text and seq runs backwards (re-signed)")
def _manifest_types(w: World, out: Path) -> None:
    items = entries(w.next)
    doc = manifest_of(items)
    doc["number"] = "3"
    doc["seq"] = {"from": 10, "to": 2}
    write_entries(out, resign(items, doc, w.keys.field_sign_private))


@case("manifest-huge-number", "bad_manifest", "The bundle number is 2**70, beyond any integer SQLite stores "
                                              "(re-signed)")
def _manifest_huge(w: World, out: Path) -> None:
    items = entries(w.next)
    doc = manifest_of(items)
    doc["number"] = 2 ** 70
    write_entries(out, resign(items, doc, w.keys.field_sign_private))


@case("manifest-bad-created-at", "bad_manifest", "created_at is not a date and time (re-signed)")
def _manifest_created(w: World, out: Path) -> None:
    items = entries(w.next)
    doc = manifest_of(items)
    doc["created_at"] = "ngày mai"
    write_entries(out, resign(items, doc, w.keys.field_sign_private))


@case("manifest-lone-surrogate", "bad_manifest", "The recipient's office id holds an unpaired UTF-16 surrogate "
                                                 "(\\ud800), text SQLite cannot store")
def _manifest_surrogate(w: World, out: Path) -> None:
    items = entries(w.next)
    raw = dict(items)[container.MANIFEST]
    doc = manifest_of(items)
    rid = doc["recipient"]["office_id"].encode()
    raw = raw.replace(b'"office_id":"' + rid + b'"', b'"office_id":"' + rid[:-4] + b'\\ud800"')
    write_entries(out, resign(items, {}, w.keys.field_sign_private, raw=raw))


@case("newer-format", "newer_format", "format_version 2 (re-signed)")
def _newer_format(w: World, out: Path) -> None:
    items = entries(w.next)
    doc = manifest_of(items)
    doc["format_version"] = container.FORMAT_VERSION + 1
    write_entries(out, resign(items, doc, w.keys.field_sign_private))


@case("newer-schema", "newer_schema", "A database schema this version does not know (re-signed)",
      message_has=("9999_future",))
def _newer_schema(w: World, out: Path) -> None:
    items = entries(w.next)
    doc = manifest_of(items)
    doc["schema_version"] = "9999_future"
    write_entries(out, resign(items, doc, w.keys.field_sign_private))


@case("older-schema", "older_schema", "An older database schema (re-signed)")
def _older_schema(w: World, out: Path) -> None:
    items = entries(w.next)
    doc = manifest_of(items)
    doc["schema_version"] = KNOWN_REVISIONS[0]
    write_entries(out, resign(items, doc, w.keys.field_sign_private))


@case("manifest-bit-flip", "damaged", "One bit flipped inside manifest.json (ZIP CRC no longer matches)")
def _manifest_flip(w: World, out: Path) -> None:
    raw = w.next.read_bytes()
    off, n = member_offset(w.next, container.MANIFEST)
    out.write_bytes(flip_bits(raw, [(off + n // 2) * 8 + 3]))


@case("manifest-altered", "bad_signature", "The manifest altered (bundle number) without re-signing",
      message_has=(FIELD_NAME,))
def _manifest_altered(w: World, out: Path) -> None:
    items = entries(w.next)
    doc = manifest_of(items)
    doc["number"] = 7
    raw = container.canonical(doc)
    write_entries(out, replace_entry(items, container.MANIFEST, raw))


@case("unsigned", "unsigned", "manifest.sig missing")
def _unsigned(w: World, out: Path) -> None:
    write_entries(out, [(n, d) for n, d in entries(w.next) if n != container.SIGNATURE])


@case("signed-by-another-key", "bad_signature", "Signed by another office's key", message_has=(FIELD_NAME,))
def _other_key(w: World, out: Path) -> None:
    items = entries(w.next)
    write_entries(out, resign(items, manifest_of(items), w.keys.stranger_sign_private))


@case("signature-garbage", "bad_signature", "manifest.sig holds 64 random bytes", message_has=(FIELD_NAME,))
def _sig_garbage(w: World, out: Path) -> None:
    write_entries(out, replace_entry(entries(w.next), container.SIGNATURE, os.urandom(64)))


@case("unknown-sender", "unknown_sender", "From an office the province never registered (its profile travels "
                                          "in the manifest: the officer must confirm the fingerprint)",
      exception="UnknownSender", message_has=(STRANGER_NAME,))
def _unknown(w: World, out: Path) -> None:
    shutil.copyfile(w.stranger, out)


@case("unknown-sender-no-profile", "unknown_sender", "From an unregistered office, without its profile "
                                                     "(re-signed by that office)", message_has=(STRANGER_NAME,))
def _unknown_bare(w: World, out: Path) -> None:
    items = entries(w.stranger)
    doc = manifest_of(items)
    doc["sender_profile"] = {}
    write_entries(out, resign(items, doc, w.keys.stranger_sign_private))


@case("for-another-office", "wrong_recipient", "Exported by the field office for another field office",
      message_has=(OTHER_FIELD_NAME,))
def _wrong_recipient(w: World, out: Path) -> None:
    shutil.copyfile(w.to_other, out)


@case("own-bundle", "own_bundle", "A bundle the province exported itself (for the field office): its own, "
                                  "whoever it is for")
def _own(w: World, out: Path) -> None:
    shutil.copyfile(w.own, out)


@case("own-bundle-to-self", "own_bundle", "A bundle from the province to itself (recipient rewritten, re-signed "
                                          "with the province's key)")
def _own_self(w: World, out: Path) -> None:
    items = entries(w.own)
    doc = manifest_of(items)
    doc["recipient"] = {"office_id": doc["sender"]["office_id"], "name": doc["sender"]["name"],
                        "key_id": w.keys.province_key_id}
    write_entries(out, resign(items, doc, w.keys.province_sign_private))


@case("replayed", "replayed", "Field bundle No. 1 after No. 2 was imported", message_has=(FIELD_NAME,))
def _replayed(w: World, out: Path) -> None:
    shutil.copyfile(w.first, out)


@case("fork", "fork", "A second, different bundle No. 2 (a copy of the field database on another computer)",
      message_has=(FIELD_NAME,))
def _fork(w: World, out: Path) -> None:
    shutil.copyfile(w.fork, out)


@case("restored-office", "restored", "The field office restored from a backup (new incarnation)",
      exception="RestoredOffice", message_has=(FIELD_NAME,))
def _restored(w: World, out: Path) -> None:
    shutil.copyfile(w.restored, out)


@case("wrong-key", "wrong_key", "Encrypted to a province key id this office does not hold (re-signed)")
def _wrong_key(w: World, out: Path) -> None:
    items = entries(w.next)
    doc = manifest_of(items)
    doc["recipient"]["key_id"] = "0123456789abcdef"
    write_entries(out, resign(items, doc, w.keys.field_sign_private))


for _name, _bad in (("unsafe-name-dotdot", "../evil"), ("unsafe-name-absolute", "/abs/evil"),
                    ("unsafe-name-inner-dotdot", "data/../../x.jsonl.zz"),
                    ("unsafe-name-backslash", "data\\..\\producer.jsonl.zz"),
                    ("unsafe-name-drive", "C:/Windows/evil.dll"), ("unsafe-name-unknown", "data/evil.exe")):
    def _unsafe(w: World, out: Path, bad: str = _bad) -> None:
        write_entries(out, [*entries(w.next), (bad, b"evil")])
    case(_name, "unsafe_name", f"An entry named {_bad!r}", message_has=(_bad,))(_unsafe)


@case("duplicate-entry", "duplicate_entry", "data/producer.jsonl.zz twice", message_has=("data/producer.jsonl.zz",))
def _duplicate(w: World, out: Path) -> None:
    items = entries(w.next)
    write_entries(out, [*items, ("data/producer.jsonl.zz", dict(items)["data/producer.jsonl.zz"])])


@case("zip-bomb", "zip_bomb", "A deflated entry of 50 MB of zeros (ratio ~1000×)",
      message_has=("data/producer.jsonl.zz",))
def _zip_bomb(w: World, out: Path) -> None:
    items = replace_entry(entries(w.next), "data/producer.jsonl.zz", b"\0" * (50 * 1024 * 1024))
    write_entries(out, items, deflate={"data/producer.jsonl.zz"})


@case("deflated-entry", "unsafe_name", "A member deflated (OCOP Desktop only stores)", message_has=("cover.html",))
def _deflated(w: World, out: Path) -> None:
    write_entries(out, entries(w.next), deflate={container.COVER})


@case("zip-size-lie", "damaged", "The ZIP central directory claims a 3 GB entry")
def _zip_size_lie(w: World, out: Path) -> None:
    raw = bytearray(w.next.read_bytes())
    eocd = raw.rfind(b"PK\x05\x06")
    count, _size, pos = struct.unpack("<HII", raw[eocd + 10:eocd + 20])
    for _ in range(count):
        n, m, k = struct.unpack("<HHH", raw[pos + 28:pos + 34])
        if raw[pos + 46:pos + 46 + n] == b"data/product.jsonl.zz":
            raw[pos + 24:pos + 28] = struct.pack("<I", 3_000_000_000)  # its uncompressed size
        pos += 46 + n + m + k
    out.write_bytes(bytes(raw))


@case("absurd-plain-size", "zip_bomb", "A data member declares it unpacks to 1 TB (re-signed)",
      message_has=("data/producer.jsonl.zz",))
def _plain_size(w: World, out: Path) -> None:
    items = entries(w.next)
    doc = manifest_of(items)
    for m in doc["members"]:
        if m["name"] == "data/producer.jsonl.zz":
            m["plain_size"] = 10 ** 12
    write_entries(out, resign(items, doc, w.keys.field_sign_private))


@case("wrong-plain-size", "damaged", "A data member declares one byte more than it unpacks to (re-signed)",
      message_has=("data/product.jsonl.zz",))
def _plain_size_off(w: World, out: Path) -> None:
    items = entries(w.next)
    doc = manifest_of(items)
    for m in doc["members"]:
        if m["name"] == "data/product.jsonl.zz":
            m["plain_size"] += 1
    write_entries(out, resign(items, doc, w.keys.field_sign_private))


@case("extra-entry", "extra_entry", "An entry the manifest does not list (a well-named photo)")
def _extra(w: World, out: Path) -> None:
    write_entries(out, [*entries(w.next), ("photos/" + "ab" * 32, os.urandom(200))])


@case("member-missing", "damaged", "A member the manifest lists is missing")
def _member_missing(w: World, out: Path) -> None:
    write_entries(out, [(n, d) for n, d in entries(w.next) if n != "data/product.jsonl.zz"])


@case("member-bit-flip", "damaged", "Bits flipped inside a data member (ZIP CRC no longer matches)")
def _member_flip(w: World, out: Path) -> None:
    raw = w.next.read_bytes()
    off, n = member_offset(w.next, "data/producer.jsonl.zz")
    out.write_bytes(flip_bits(raw, [(off + n // 3) * 8 + 1, (off + n // 2) * 8 + 6]))


@case("member-hash-mismatch", "damaged", "A data member altered with a valid ZIP CRC: its SHA-256 no longer "
                                         "matches the manifest", message_has=("data/producer.jsonl.zz",))
def _member_hash(w: World, out: Path) -> None:
    items = entries(w.next)
    blob = dict(items)["data/producer.jsonl.zz"]
    write_entries(out, replace_entry(items, "data/producer.jsonl.zz", flip_bits(blob, [len(blob) * 4])))


@case("members-swapped", "bad_encryption", "Two sealed data members swapped (manifest re-signed to match): "
                                           "the AEAD associated data (member name) refuses them")
def _swapped(w: World, out: Path) -> None:
    items = entries(w.next)
    blobs = dict(items)
    a, b = "data/producer.jsonl.zz", "data/product.jsonl.zz"
    items = [(n, blobs[b] if n == a else blobs[a] if n == b else d) for n, d in items]
    doc = manifest_of(items)
    by = {m["name"]: dict(m) for m in doc["members"]}
    for m in doc["members"]:
        if m["name"] in (a, b):
            src = by[b if m["name"] == a else a]
            m.update(size=src["size"], sha256=src["sha256"], plain_size=src["plain_size"])
    write_entries(out, resign(items, doc, w.keys.field_sign_private))


@case("sealed-to-another-key", "bad_encryption", "Sealed to a different X25519 key than the province's "
                                                 "(re-signed, recipient key id unchanged)")
def _other_seal(w: World, out: Path) -> None:
    rebuild(out, open_bundle(w.next, w.keys), w.keys, seal_to=crypto.generate().enc_public)


@case("bad-ephemeral-key", "bad_encryption", "The manifest's ephemeral public key is 3 bytes (re-signed)")
def _bad_eph(w: World, out: Path) -> None:
    items = entries(w.next)
    doc = manifest_of(items)
    doc["encryption"]["ephemeral_public"] = "AAAA"
    write_entries(out, resign(items, doc, w.keys.field_sign_private))


def _with_rows(table: str, change: Callable[[list[dict[str, Any]], World], list[Any]]
               ) -> Callable[[World, Path], None]:
    def build(w: World, out: Path) -> None:
        o = open_bundle(w.next, w.keys)
        o.data[table] = unlines(change(lines(o.data[table]), w))
        rebuild(out, o, w.keys)
    return build


def _set(which: int | str, **values: Any) -> Callable[[list[dict[str, Any]], World], list[Any]]:
    """Change the row at index ``which``, or the first whose name starts with ``which``."""
    def change(rows: list[dict[str, Any]], w: World) -> list[Any]:
        row = rows[which] if isinstance(which, int) else next(r for r in rows if r["name"].startswith(which))
        row.update(values)
        return rows
    return change


NEW_PRODUCER = "Hộ kinh doanh"  # the producers of bundle No. 3 are new to the province


def _newest_product(rows: list[dict[str, Any]]) -> int:
    return max(range(len(rows)), key=lambda i: len(rows[i]["photos"]) * 10 + (rows[i]["name"] == "Trà hoa vàng"))


case("record-wrong-type", "bad_record", "A producer whose name is a number (re-sealed, re-signed)")(
    _with_rows("producer", _set(0, name=12345)))


def _extra_column(rows: list[dict[str, Any]], w: World) -> list[Any]:
    rows[1]["is_admin"] = True
    return rows


case("record-unknown-column", "bad_record", "A producer with an unknown column (re-sealed, re-signed)",
     message_has=("is_admin",))(_with_rows("producer", _extra_column))


def _missing_column(rows: list[dict[str, Any]], w: World) -> list[Any]:
    del rows[0]["vv"]
    return rows


case("record-missing-column", "bad_record", "A producer without its version vector (re-sealed, re-signed)")(
    _with_rows("producer", _missing_column))
case("record-huge-integer", "bad_record", "A new producer whose commune code is 2**70, beyond SQLite's integers "
                                         "(re-sealed, re-signed)")(_with_rows("producer", _set(NEW_PRODUCER, commune_code=2 ** 70)))
case("record-impossible-date", "bad_record", "A new producer registered on 30/02/2024 (re-sealed, re-signed)")(
    _with_rows("producer", _set(NEW_PRODUCER, reg_date="2024-02-30")))
case("record-impossible-time", "bad_record", "A new producer updated at 2024-13-45 25:61:61 (re-sealed, "
                                            "re-signed)")(
    _with_rows("producer", _set(NEW_PRODUCER, updated_at="2024-13-45 25:61:61")))
case("record-bad-id", "bad_record", "A producer whose id is not a UUID (re-sealed, re-signed)")(
    _with_rows("producer", _set(0, id="../../etc/passwd")))


def _dup(rows: list[dict[str, Any]], w: World) -> list[Any]:
    return [*rows, rows[0]]


case("record-twice", "bad_record", "The same producer listed twice (re-sealed, re-signed)")(
    _with_rows("producer", _dup))


def _not_object(rows: list[dict[str, Any]], w: World) -> list[Any]:
    return [*rows, ["not", "a", "record"]]


case("record-not-object", "bad_record", "A producer line that is a JSON array (re-sealed, re-signed)")(
    _with_rows("producer", _not_object))


def _unknown_photo(rows: list[dict[str, Any]], w: World) -> list[Any]:
    rows[_newest_product(rows)]["photos"].append(hashlib.sha256(b"never sent").hexdigest())
    return rows


case("missing-photo", "missing_photos", "A product shows a photo the bundle neither carries nor defers "
                                        "(re-sealed, re-signed)")(_with_rows("product", _unknown_photo))


def _orphan(rows: list[dict[str, Any]], w: World) -> list[Any]:
    rows[_newest_product(rows)]["producer_id"] = str(uuid.uuid4())
    return rows


case("missing-parent", "missing_parent", "A product whose producer is neither in the bundle nor at the province "
                                         "(re-sealed, re-signed)")(_with_rows("product", _orphan))


def _bad_conflict(rows: list[Any], w: World) -> list[Any]:
    return [{"id": 5, "table_name": "office", "status": "maybe"}]


case("conflicts-malformed", "bad_record", "The conflict list holds a malformed entry (re-sealed, re-signed)")(
    _with_rows("conflicts", _bad_conflict))


def _huge_conflict(rows: list[Any], w: World) -> list[Any]:
    return [*rows, {"id": str(uuid.uuid4()), "table_name": "producer", "record_id": str(uuid.uuid4()),
                    "field": "name", "kind": "field", "kept_value": "A", "other_value": "B", "status": "open",
                    "kept_version": 2 ** 70, "other_version": 1, "base_version": 0}]


case("conflict-huge-version", "bad_record", "A well-formed conflict whose version is 2**70 (re-sealed, re-signed)")(
    _with_rows("conflicts", _huge_conflict))


def _bad_photo_meta(rows: list[Any], w: World) -> list[Any]:
    return [*rows, {"sha256": "cd" * 32, "mime": "image/png"}]


case("photo-list-malformed", "bad_record", "The photo list names a photo the bundle does not carry "
                                           "(re-sealed, re-signed)")(_with_rows("photo", _bad_photo_meta))


def _bad_acks(rows: list[Any], w: World) -> list[Any]:
    rows[0]["imported"]["incarnation"] = {"not": "text"}
    rows[0]["imported"]["upto"] = 2 ** 70
    return rows


case("acks-malformed", "bad_record", "The acknowledgement carries an object for an incarnation id and 2**70 for "
                                     "a change number (re-sealed, re-signed)")(_with_rows("acks", _bad_acks))


def _raw_member(member: str, plain: bytes, *, compress: bool = True) -> Callable[[World, Path], None]:
    """Replace a data member's plain content (valid zlib around arbitrary bytes, or raw bytes)."""
    def build(w: World, out: Path) -> None:
        o = open_bundle(w.next, w.keys)
        manifest = {k: v for k, v in o.manifest.items() if k != "members"}
        sealer = crypto.Sealer(w.keys.province_enc_public, manifest["bundle_id"].encode())
        container.write_bundle(out, manifest, o.data, o.photos, o.cover, sealer, w.keys.field_sign_private)
        items = entries(out)
        doc = manifest_of(items)
        name = f"data/{member}.jsonl.zz"
        stored = zlib.compress(plain) if compress else plain
        blob = sealer.seal(name, stored)
        for m in doc["members"]:
            if m["name"] == name:
                m.update(size=len(blob), plain_size=len(plain), sha256=hashlib.sha256(blob).hexdigest())
        write_entries(out, resign(replace_entry(items, name, blob), doc, w.keys.field_sign_private))
    return build


case("payload-not-json", "bad_payload", "The producer member decrypts to text that is not JSON lines")(
    _raw_member("producer", b"Hello, this is not JSON {\n"))
case("payload-not-utf8", "bad_payload", "The producer member decrypts to bytes that are not UTF-8")(
    _raw_member("producer", b'{"name": "\xff\xfe\xed\xa0\x80"}\n'))
case("payload-deeply-nested", "bad_record", "The producer member nests 4,000 arrays (a parser recursion bomb)")(
    _raw_member("producer", b"[" * 4_000 + b"]" * 4_000 + b"\n"))
case("payload-not-zlib", "damaged", "The producer member decrypts to bytes that are not zlib data")(
    _raw_member("producer", os.urandom(300), compress=False))


@case("photo-content-mismatch", "damaged", "A sealed photo whose content does not match its name "
                                           "(re-sealed, re-signed)")
def _photo_mismatch(w: World, out: Path) -> None:
    o = open_bundle(w.next, w.keys)
    sha = next(h for h in o.photos if h != w.province_photo)  # one the province does not hold yet
    o.photos[sha] = o.photos[sha] + b"\0"
    rebuild(out, o, w.keys)


@case("photo-not-an-image", "bad_photo", "A carried photo (correctly named by its hash) that is not a picture "
                                         "(re-sealed, re-signed)")
def _photo_garbage(w: World, out: Path) -> None:
    o = open_bundle(w.next, w.keys)
    old = next(h for h in o.photos if h != w.province_photo)  # one the province does not hold yet
    junk = b"MZ\x90\x00 this is not a picture " * 20
    new = hashlib.sha256(junk).hexdigest()
    o.photos = {h: c for h, c in o.photos.items() if h != old} | {new: junk}
    meta = lines(o.data["photo"])
    for p in meta:
        if p["sha256"] == old:
            p["sha256"] = new
    o.data["photo"] = unlines(meta)
    prods = lines(o.data["product"])
    for p in prods:
        p["photos"] = [new if h == old else h for h in p["photos"]]
    o.data["product"] = unlines(prods)
    rebuild(out, o, w.keys)


@case("rotated-key-damaged", "damaged", "Bundle No. 4 signed by the field office's new key (endorsed by the old "
                                        "one) with a damaged member: refused without registering the new key",
      message_has=("data/producer.jsonl.zz",))
def _rotated_damaged(w: World, out: Path) -> None:
    items = entries(w.rotated)
    blob = dict(items)["data/producer.jsonl.zz"]
    write_entries(out, replace_entry(items, "data/producer.jsonl.zz", flip_bits(blob, [len(blob) * 4])))


# -- the whole corpus ---------------------------------------------------------------------


def build_corpus(out: Path, *, world: World | None = None) -> dict[str, Any]:
    """Build the offices, the valid bundles and every case under ``out``; write and return
    ``corpus.json``'s content (paths relative to ``out``)."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    w = world or build_world(out)
    cases_dir = out / "cases"
    cases_dir.mkdir(exist_ok=True)
    listed = []
    for i, c in enumerate(CASES, 1):
        path = cases_dir / f"{i:02d}-{c.name}{container.SUFFIX}"
        c.build(w, path)
        listed.append({"name": c.name, "file": str(path.relative_to(out)), "code": c.code,
                       "exception": c.exception, "description": c.description,
                       "message_has": list(c.message_has)})
    doc = {
        "format": CORPUS_FORMAT,
        "recipient": str(w.recipient.relative_to(out)),
        "valid": {"next": str(w.next.relative_to(out)), "rotated": str(w.rotated.relative_to(out))},
        "cases": listed,
    }
    (out / "corpus.json").write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    return doc


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        print("usage: python tests/sync/make_corpus.py OUT_DIR", file=sys.stderr)
        return 2
    out = Path(argv[0])
    if out.exists() and any(out.iterdir()):
        print(f"{out} is not empty; choose an empty or new folder.", file=sys.stderr)
        return 2
    doc = build_corpus(out)
    for c in doc["cases"]:
        print(f"{c['code']:16} {c['file']}")
    print(f"{len(doc['cases'])} cases; recipient database {out / doc['recipient']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

__all__ = ["CASES", "Case", "Keys", "Opened", "World", "build_corpus", "build_world", "entries", "flip_bits",
           "manifest_of", "member_offset", "open_bundle", "rebuild", "resign", "write_entries"]
