"""Office keys, office-profile files and trust between offices.

An office signs what it sends with its key (``crypto.KeyPair``); other offices must know
which keys are really that office's. Trust is made once, by people: the officers read a
short *fingerprint* of the newest key to each other over the phone. From then on, trust
follows the key chain without asking again:

- The local office gets a key when it is set up (:func:`ensure_local_keys`).
  :func:`rotate_local_key` makes a new one *endorsed* by the old one (the old key signs
  the new key's id and public halves) and retires the old one, which keeps its private
  halves to open bundles sent to it earlier. Keys are never deleted: old bundles stay
  verifiable (:func:`find_key`).
- An office *profile* (``.ocopprofile``, UTF-8 JSON, also embedded in bundle manifests)
  says who the office is and lists its public keys oldest first, signed by its current
  key. :func:`read_profile` treats it as untrusted input and refuses anything malformed,
  altered or from a newer format with a specific message.
- :func:`import_profile` registers an unknown office only with the confirmed fingerprint
  (:class:`FingerprintNeeded` asks for it). For a known office, keys endorsed by a key we
  already hold are added silently; a key that no held key vouches for (a reinstall, or
  someone else) needs the fingerprint again.

Key order is the endorsement chain, not the clock: office PCs have wrong dates, so
``created_at`` only breaks ties between keys the chain does not order.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ocop_desktop.domain.vocab import OfficeRole
from ocop_desktop.errors import BadInput
from ocop_desktop.i18n import _
from ocop_desktop.models import Office, OfficeCommune, OfficeKey, SyncPeer, SyncReplica
from ocop_desktop.models.base import utcnow
from ocop_desktop.sync import clock, crypto
from ocop_desktop.text import fold, nfc

FORMAT = "ocop-office-profile"
FORMAT_VERSION = 1
SUFFIX = ".ocopprofile"
MAX_BYTES = 1 << 20  # a real profile is a few kB
MAX_KEYS = 256
_ENDORSE = b"ocop-key-endorsement-v1\0"


class FingerprintNeeded(BadInput):
    """The profile's newest key is not yet trusted: the officer must compare its
    fingerprint with the one the other office reads over the phone."""

    def __init__(self, message: str, *, fingerprint: str, office_name: str, office_id: str) -> None:
        super().__init__(message)
        self.fingerprint = fingerprint
        self.office_name = office_name
        self.office_id = office_id


@dataclass(frozen=True)
class ProfileKey:
    key_id: str
    sign_public: bytes
    enc_public: bytes
    created_at: dt.datetime
    retired_at: dt.datetime | None
    endorsed_by: str | None
    endorsement: bytes | None


@dataclass(frozen=True)
class Profile:
    office_id: str
    name: str
    role: str
    province_code: int
    communes: tuple[int, ...]
    incarnation: str
    keys: tuple[ProfileKey, ...]  # oldest first; the last one signed the profile
    fingerprint: str  # of the newest key
    created_at: dt.datetime
    #: A provincial office's relay (url, pin, insecure_http), when it runs one (issue 13).
    relay: dict[str, Any] | None = None

    @property
    def current(self) -> ProfileKey:
        return self.keys[-1]


@dataclass(frozen=True)
class ImportResult:
    office_id: str
    name: str
    status: str  # "registered" | "updated" | "unchanged"
    new_key_ids: tuple[str, ...]
    fingerprint: str


@dataclass(frozen=True)
class PeerInfo:
    id: str
    name: str
    role: str
    province_code: int
    communes: tuple[int, ...]
    fingerprint: str  # "" when no current key is held
    registered_at: dt.datetime


# -- keys ---------------------------------------------------------------------------------

def endorsement_bytes(key_id: str, sign_public: bytes, enc_public: bytes) -> bytes:
    """What the previous key signs to endorse a new one."""
    return _ENDORSE + key_id.encode("ascii") + b"\0" + sign_public + enc_public


def key_fingerprint(key: OfficeKey | ProfileKey) -> str:
    return crypto.fingerprint(key.sign_public, key.enc_public)


def _chain_order(keys: Iterable[Any]) -> list[Any]:
    """Oldest first, never before the key that endorsed it (clocks only break ties)."""
    pending = sorted(keys, key=lambda k: (k.created_at, k.key_id))
    ids = {k.key_id for k in pending}
    placed: set[str] = set()
    out = []
    while pending:
        i = next((i for i, k in enumerate(pending)
                  if k.endorsed_by is None or k.endorsed_by not in ids or k.endorsed_by in placed), 0)
        k = pending.pop(i)
        placed.add(k.key_id)
        out.append(k)
    return out


def _office_keys(session: Session, office_id: str) -> list[OfficeKey]:
    return _chain_order(session.scalars(select(OfficeKey).where(OfficeKey.office_id == office_id)))


def current_key(session: Session, office_id: str) -> OfficeKey | None:
    """The office's newest key that is not retired."""
    live = [k for k in _office_keys(session, office_id) if k.retired_at is None]
    return live[-1] if live else None


def find_key(session: Session, office_id: str, key_id: str) -> OfficeKey | None:
    """Any key of the office, retired ones too (old bundles stay verifiable)."""
    key = session.get(OfficeKey, key_id)
    return key if key is not None and key.office_id == office_id else None


def _local_office(session: Session) -> Office:
    office = session.scalar(select(Office).where(Office.is_local.is_(True)))
    if office is None:
        raise BadInput(_("This database has no office yet: set up the office first."))
    return office


def _new_key(office_id: str, pair: crypto.KeyPair) -> OfficeKey:
    return OfficeKey(key_id=pair.key_id, office_id=office_id, sign_public=pair.sign_public,
                     enc_public=pair.enc_public, sign_private=pair.sign_private,
                     enc_private=pair.enc_private, created_at=utcnow(), trust="local")


def ensure_local_keys(session: Session) -> OfficeKey:
    """The local office's current key, made on first use; and its replica row."""
    office = _local_office(session)
    replica = clock.replica_of(office.incarnation)
    if session.get(SyncReplica, replica) is None:
        session.add(SyncReplica(replica=replica, office_id=office.id, incarnation=office.incarnation))
    key = current_key(session, office.id)
    if key is None or key.sign_private is None or key.enc_private is None:
        key = _new_key(office.id, crypto.generate())
        session.add(key)
    session.flush()
    return key


def rotate_local_key(session: Session) -> OfficeKey:
    """A new key pair endorsed by the current one, which is retired (and kept)."""
    old = ensure_local_keys(session)
    pair = crypto.generate()
    new = _new_key(old.office_id, pair)
    new.endorsed_by = old.key_id
    new.endorsement = crypto.sign(old.sign_private,
                                  endorsement_bytes(pair.key_id, pair.sign_public, pair.enc_public))
    old.retired_at = new.created_at
    session.add(new)
    session.flush()
    return new


# -- profile files --------------------------------------------------------------------------

def _iso(value: dt.datetime) -> str:
    return value.replace(microsecond=0).isoformat() + "Z"


def canonical(doc: dict[str, Any]) -> bytes:
    """The bytes a signature covers: sorted keys, no spaces, UTF-8."""
    return json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def profile_dict(session: Session) -> dict[str, Any]:
    """The local office's signed profile as a dict (bundle manifests embed it)."""
    signer = ensure_local_keys(session)
    office = _local_office(session)
    keys = [k for k in _office_keys(session, office.id) if k is not signer] + [signer]
    doc: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "office": {"id": office.id, "name": office.name, "role": office.role,
                   "province_code": office.province_code, "communes": office.commune_codes,
                   "incarnation": office.incarnation},
        "keys": [{"key_id": k.key_id, "sign_public": crypto.b64(k.sign_public),
                  "enc_public": crypto.b64(k.enc_public), "created_at": _iso(k.created_at),
                  "retired_at": _iso(k.retired_at) if k.retired_at else None,
                  "endorsed_by": k.endorsed_by,
                  "endorsement": crypto.b64(k.endorsement) if k.endorsement else None}
                 for k in keys],
        "created_at": _iso(utcnow()),
        "signed_by": signer.key_id,
    }
    if office.role == OfficeRole.PROVINCE:
        from ocop_desktop.relay import config as relay_config

        relay = relay_config.profile_part(session)
        if relay:
            doc["relay"] = relay
    doc["signature"] = crypto.b64(crypto.sign(signer.sign_private, canonical(doc)))
    return doc


def export_profile(session: Session) -> bytes:
    """The ``.ocopprofile`` file: readable JSON, one field per line."""
    return json.dumps(profile_dict(session), ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8") + b"\n"


def read_profile(data: bytes) -> Profile:
    """Parse and verify an office profile file (untrusted input)."""
    if len(data) > MAX_BYTES:
        raise BadInput(_("This file is too large to be an office profile ({size} bytes; at most 1 MB).")
                       .format(size=len(data)))
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):  # (deep nesting is a RecursionError)
        raise BadInput(_("This file is not an office profile: it is not readable JSON text "
                         "(it may be damaged or cut short).")) from None
    return read_profile_dict(doc)


def _bad_field(name: str) -> BadInput:
    return BadInput(_("This office profile is incomplete or damaged: the field “{field}” is missing or "
                      "wrong.").format(field=name))


def _get(d: dict[str, Any], name: str, kind: type | tuple[type, ...], where: str = "",
         optional: bool = False) -> Any:
    value = d.get(name)
    if value is None and optional:
        return None
    if not isinstance(value, kind) or isinstance(value, bool):
        raise _bad_field(where + name)
    return value


def _uuid(d: dict[str, Any], name: str, where: str) -> str:
    try:
        return str(uuid.UUID(_get(d, name, str, where)))
    except ValueError:
        raise _bad_field(where + name) from None


def _time(d: dict[str, Any], name: str, where: str, optional: bool = False) -> dt.datetime | None:
    text = _get(d, name, str, where, optional)
    if text is None:
        return None
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        raise _bad_field(where + name) from None
    return value.astimezone(dt.UTC).replace(tzinfo=None) if value.tzinfo else value


def _bytes(d: dict[str, Any], name: str, where: str, length: int, key_id: str,
           optional: bool = False) -> bytes | None:
    text = _get(d, name, str, where, optional)
    if text is None:
        return None
    try:
        raw = crypto.unb64(text)
    except crypto.CryptoError:
        raise _bad_field(where + name) from None
    if len(raw) != length:
        raise BadInput(_("This office profile is damaged: key {key} has a “{field}” of {n} bytes "
                         "instead of {length}.").format(key=key_id, field=name, n=len(raw), length=length))
    return raw


def _read_key(d: Any, i: int) -> ProfileKey:
    where = f"keys[{i}]."
    if not isinstance(d, dict):
        raise _bad_field(f"keys[{i}]")
    kid = _get(d, "key_id", str, where)
    sign_public = _bytes(d, "sign_public", where, 32, kid)
    enc_public = _bytes(d, "enc_public", where, 32, kid)
    if crypto.key_id(sign_public, enc_public) != kid:
        raise BadInput(_("This office profile is damaged or altered: key {key} does not match its "
                         "public halves.").format(key=kid))
    return ProfileKey(kid, sign_public, enc_public, _time(d, "created_at", where),
                      _time(d, "retired_at", where, optional=True),
                      _get(d, "endorsed_by", str, where, optional=True),
                      _bytes(d, "endorsement", where, 64, kid, optional=True))


def _check_chain(keys: Sequence[ProfileKey]) -> None:
    """Every endorsement names an earlier key of the file and verifies with it."""
    earlier: dict[str, ProfileKey] = {}
    for k in keys:
        if k.key_id in earlier:
            raise _bad_field("keys")
        if (k.endorsed_by is None) != (k.endorsement is None):
            raise _bad_field(f"keys[{len(earlier)}].endorsement")
        if k.endorsed_by is not None:
            endorser = earlier.get(k.endorsed_by)
            if endorser is None or not crypto.verify(
                    endorser.sign_public, k.endorsement, endorsement_bytes(k.key_id, k.sign_public, k.enc_public)):
                raise BadInput(_("This office profile is damaged or altered: the endorsement of key {key} "
                                 "by key {endorser} does not verify.").format(key=k.key_id, endorser=k.endorsed_by))
        earlier[k.key_id] = k


def read_profile_dict(doc: Any) -> Profile:
    """Verify a profile already parsed from JSON (e.g. embedded in a bundle manifest)."""
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise BadInput(_("This file is not an OCOP Desktop office profile."))
    version = _get(doc, "format_version", int)
    if version > FORMAT_VERSION:
        raise BadInput(_("This office profile was written by a newer version of OCOP Desktop (format {version}); "
                         "install the newer version to read it.").format(version=version))
    if version < 1:
        raise _bad_field("format_version")
    office = _get(doc, "office", dict)
    name = nfc(_get(office, "name", str, "office."))
    role = _get(office, "role", str, "office.")
    communes = _get(office, "communes", list, "office.")
    if not name or len(name) > 255:
        raise _bad_field("office.name")
    if role not in set(OfficeRole):
        raise _bad_field("office.role")
    if not all(isinstance(c, int) and not isinstance(c, bool) and 0 < c < 100_000 for c in communes):
        raise _bad_field("office.communes")
    province_code = _get(office, "province_code", int, "office.")
    if not 0 < province_code < 100:  # (2 digits: anything else would not even fit the column)
        raise _bad_field("office.province_code")
    raw_keys = _get(doc, "keys", list)
    if not raw_keys or len(raw_keys) > MAX_KEYS:
        raise _bad_field("keys")
    keys = tuple(_read_key(d, i) for i, d in enumerate(raw_keys))
    _check_chain(keys)
    newest = keys[-1]
    if _get(doc, "signed_by", str) != newest.key_id or newest.retired_at is not None:
        raise BadInput(_("This office profile is not signed by the office's current key "
                         "(it may have been altered)."))
    signature = _get(doc, "signature", str)
    unsigned = {k: v for k, v in doc.items() if k != "signature"}
    try:
        ok = crypto.verify(newest.sign_public, crypto.unb64(signature), canonical(unsigned))
    except (crypto.CryptoError, UnicodeEncodeError):
        ok = False
    if not ok:
        raise BadInput(_("This office profile has been altered or damaged: its signature does not match "
                         "its content. Ask the office for a new copy."))
    return Profile(
        office_id=_uuid(office, "id", "office."), name=name, role=role, province_code=province_code,
        communes=tuple(sorted(set(communes))), incarnation=_uuid(office, "incarnation", "office."),
        keys=keys, fingerprint=key_fingerprint(newest), created_at=_time(doc, "created_at", ""),
        relay=_relay_part(doc.get("relay")) if role == OfficeRole.PROVINCE else None)


def _relay_part(doc: Any) -> dict[str, Any] | None:
    from ocop_desktop.relay import config as relay_config

    return relay_config.read_profile_part(doc)


# -- trust ----------------------------------------------------------------------------------

def import_profile(session: Session, profile: Profile, *, fingerprint: str | None = None) -> ImportResult:
    """Register or update a peer office from its (verified) profile. Nothing is written
    unless the whole profile is accepted."""
    local = _local_office(session)
    if profile.office_id == local.id:
        raise BadInput(_("This is this office's own profile: import the profile of the other office."))
    office = session.get(Office, profile.office_id)
    held = {k.key_id: k for k in _office_keys(session, office.id)} if office else {}
    for k in profile.keys:
        other = held.get(k.key_id) or session.get(OfficeKey, k.key_id)
        if other is not None and (other.office_id != profile.office_id or other.sign_public != k.sign_public
                                  or other.enc_public != k.enc_public):
            raise BadInput(_("This office profile claims key {key}, which belongs to another office here. "
                             "Do not import it.").format(key=k.key_id))
    replica = session.get(SyncReplica, clock.replica_of(profile.incarnation))
    if replica is not None and replica.office_id != profile.office_id:
        raise BadInput(_("This office profile claims the identity of another office. Do not import it."))

    # Trusted: keys we hold, then (in file order, endorsers first) keys they endorse.
    trusted = set(held)
    for k in profile.keys:
        if k.endorsed_by in trusted:
            trusted.add(k.key_id)
    newest = profile.current
    if newest.key_id in held and held[newest.key_id].retired_at is not None:
        # Signed by a key already replaced: an older profile than the one we have.
        return ImportResult(profile.office_id, office.name, "unchanged", (), profile.fingerprint)
    if newest.key_id not in trusted:
        _confirm(profile, fingerprint, known=office is not None)
    trust = "endorsed" if newest.key_id in trusted else "fingerprint"

    registered = office is None
    if office is None:
        office = Office(id=profile.office_id, is_local=False)
        session.add(office)
    facts = (profile.name, profile.role, profile.province_code, profile.incarnation, profile.communes)
    changed = (office.name, office.role, office.province_code, office.incarnation,
               tuple(office.commune_codes)) != facts
    office.name, office.role = profile.name, profile.role
    office.province_code, office.incarnation = profile.province_code, profile.incarnation
    current = {c.commune_code: c for c in office.communes}
    office.communes = [current.get(code) or OfficeCommune(commune_code=code) for code in profile.communes]
    if session.get(SyncPeer, profile.office_id) is None:
        session.add(SyncPeer(office_id=profile.office_id))
    if replica is None:
        session.add(SyncReplica(replica=clock.replica_of(profile.incarnation), office_id=profile.office_id,
                                incarnation=profile.incarnation))
    new_ids = []
    for k in profile.keys:
        mine = held.get(k.key_id)
        if mine is None:
            session.add(OfficeKey(key_id=k.key_id, office_id=profile.office_id, sign_public=k.sign_public,
                                  enc_public=k.enc_public, created_at=k.created_at, retired_at=k.retired_at,
                                  endorsed_by=k.endorsed_by, endorsement=k.endorsement, trust=trust))
            new_ids.append(k.key_id)
        elif k.retired_at is not None and mine.retired_at is None:
            mine.retired_at = k.retired_at  # (an older profile never un-retires a key)
            changed = True
    if profile.relay and local.role == OfficeRole.FIELD:
        from ocop_desktop.relay import config as relay_config

        relay_config.learn_from_profile(session, profile.relay)
    status = "registered" if registered else "updated" if changed or new_ids else "unchanged"
    session.flush()
    return ImportResult(profile.office_id, profile.name, status, tuple(new_ids), profile.fingerprint)


def _confirm(profile: Profile, typed: str | None, *, known: bool) -> None:
    if typed is None:
        if known:
            message = _("{office} now signs with a key that no key held here vouches for (the office may have "
                        "reinstalled OCOP Desktop). Call the office and compare the fingerprint it shows with "
                        "{fingerprint} before trusting the new key.")
        else:
            message = _("{office} is not known here yet. Call the office and compare the fingerprint it shows "
                        "with {fingerprint} before trusting it.")
        raise FingerprintNeeded(message.format(office=profile.name, fingerprint=profile.fingerprint),
                                fingerprint=profile.fingerprint, office_name=profile.name,
                                office_id=profile.office_id)
    if crypto.normalise_code(typed) != crypto.normalise_code(profile.fingerprint):
        raise BadInput(_("The fingerprint {typed} does not match {fingerprint}, the one in the profile of {office}. "
                         "Do not import it: it may not come from that office.").format(
                             typed=typed, fingerprint=profile.fingerprint, office=profile.name))


def peer_offices(session: Session) -> list[PeerInfo]:
    """The other offices registered here, by name."""
    out = []
    for o in session.scalars(select(Office).where(Office.is_local.is_(False))):
        key = current_key(session, o.id)
        out.append(PeerInfo(o.id, o.name, o.role, o.province_code, tuple(o.commune_codes),
                            key_fingerprint(key) if key else "", o.created_at))
    return sorted(out, key=lambda p: (fold(p.name), p.id))
