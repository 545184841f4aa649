"""This office's relay settings and last known state, kept in the office database
(``app_meta`` key ``relay``, JSON, like the print settings), and the folders where
bundles wait to go out and come in (``<db>-files/sync/relay/{outbox,inbox}``).

A field office usually never types the address: the provincial office's profile (and so
every bundle from the province) carries the relay's URL and certificate pin, and
importing it fills them in (:func:`learn_from_profile`).
"""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ocop_desktop.errors import BadInput
from ocop_desktop.i18n import _

KEY = "relay"
_PIN = re.compile(r"^[0-9a-f]{64}$")


@dataclass
class RelayConfig:
    url: str = ""
    pin: str = ""  # SHA-256 (hex) of the relay certificate's public key
    insecure_http: bool = False  # plain HTTP accepted (a LAN), chosen explicitly
    auto_minutes: int = 0  # 0: no automatic sync
    auto_apply: bool = False  # import bundles without conflicts without asking
    from_profile: bool = False  # url/pin came from the province's profile
    # State (written by the exchange, shown on the Sync page)
    last_contact_at: float | None = None
    last_error: str = ""
    waiting_in: int = 0
    queued_out: int = 0
    acks_sent: dict[str, list[Any]] = field(default_factory=dict)  # office id → [incarnation, upto]

    @property
    def configured(self) -> bool:
        return bool(self.url)


def normalise_pin(text: str) -> str:
    pin = re.sub(r"[\s:]", "", text or "").lower()
    if pin and not _PIN.fullmatch(pin):
        raise BadInput(_("The certificate pin must be 64 hexadecimal characters (SHA-256)."))
    return pin


def check_url(url: str, *, insecure_http: bool, pin: str) -> str:
    url = (url or "").strip().rstrip("/")
    # Host and port only: signatures cover the request path, so the relay sits at the root of its
    # address (behind nginx too: `location /` in deploy/nginx-ocop-relay.conf).
    m = re.fullmatch(r"(https?)://[A-Za-z0-9.\-\[\]:]+", url)
    if not m:
        raise BadInput(_("The relay address {url} is not a valid address (it looks like "
                         "https://relay.example.gov.vn:8443).").format(url=url or "—"))
    if m.group(1) == "http" and not insecure_http:
        raise BadInput(_("The relay address uses plain HTTP, which is not encrypted."),
                       hint=_("Use the https address the province gave, or choose plain HTTP explicitly "
                              "(only on an office network)."))
    del pin
    return url


def load(session: Any) -> RelayConfig:
    from ocop_desktop.models import AppMeta

    row = session.get(AppMeta, KEY)
    if row is None:
        return RelayConfig()
    try:
        raw = json.loads(row.value)
    except ValueError:
        return RelayConfig()
    known = {f.name for f in dataclasses.fields(RelayConfig)}
    try:
        return RelayConfig(**{k: v for k, v in raw.items() if k in known})
    except TypeError:
        return RelayConfig()


def save(session: Any, cfg: RelayConfig) -> None:
    from ocop_desktop.models import AppMeta

    session.merge(AppMeta(key=KEY, value=json.dumps(dataclasses.asdict(cfg), ensure_ascii=False)))
    session.flush()


def update(db: Any, **changes: Any) -> RelayConfig:
    with db.session() as s:
        cfg = load(s)
        cfg = dataclasses.replace(cfg, **changes)
        save(s, cfg)
        return cfg


def get(db: Any) -> RelayConfig:
    with db.read_session() as s:
        return load(s)


def profile_part(session: Any) -> dict[str, Any] | None:
    """What a provincial office's profile says about its relay (None: no relay)."""
    cfg = load(session)
    if not cfg.url:
        return None
    return {"url": cfg.url, "pin": cfg.pin or None, "insecure_http": bool(cfg.insecure_http)}


def read_profile_part(doc: Any) -> dict[str, Any] | None:
    """The relay part of a profile from outside; None when absent or malformed (a
    profile stays usable for bundles without it)."""
    if not isinstance(doc, dict):
        return None
    url, pin, insecure = doc.get("url"), doc.get("pin"), doc.get("insecure_http", False)
    if not isinstance(url, str) or len(url) > 300 or not isinstance(insecure, bool):
        return None
    if pin is not None and not (isinstance(pin, str) and _PIN.fullmatch(pin)):
        return None
    try:
        url = check_url(url, insecure_http=insecure, pin=pin or "")
    except BadInput:
        return None
    return {"url": url, "pin": pin or "", "insecure_http": insecure}


def learn_from_profile(session: Any, relay: dict[str, Any] | None) -> bool:
    """A field office importing its province's profile takes the relay address from it,
    unless the officer typed another one. Returns True when something changed."""
    if not relay:
        return False
    cfg = load(session)
    if cfg.url and not cfg.from_profile:
        return False
    new = dataclasses.replace(cfg, url=relay["url"], pin=relay["pin"], insecure_http=relay["insecure_http"],
                              from_profile=True)
    if new == cfg:
        return False
    save(session, new)
    return True


def folders(db_path: Path) -> tuple[Path, Path]:
    from ocop_desktop import paths

    root = paths.office_files_dir(db_path) / "sync" / "relay"
    return root / "outbox", root / "inbox"
