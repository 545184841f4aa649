"""The local office: first-run setup, settings, and the communes it covers."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from ocop_desktop.domain import geography
from ocop_desktop.domain.vocab import OfficeRole
from ocop_desktop.errors import BadInput, ValidationFailed
from ocop_desktop.i18n import _
from ocop_desktop.models import Office, OfficeCommune
from ocop_desktop.text import nfc


@dataclass
class OfficeData:
    name: str = ""
    role: str = OfficeRole.FIELD.value
    province_code: int | None = None
    commune_codes: list[int] = field(default_factory=list)
    officer_name: str = ""


@dataclass(frozen=True)
class OfficeInfo:
    id: str
    name: str
    role: str
    province_code: int
    province_name: str
    commune_codes: tuple[int, ...]
    officer_name: str
    incarnation: str


def validate_office(data: OfficeData) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not nfc(data.name):
        errors["name"] = _("Office name: required.")
    if data.role not in set(OfficeRole):
        errors["role"] = _("Role: choose field office or provincial office.")
    prov = geography.province(data.province_code)
    if prov is None:
        errors["province_code"] = _("Province: choose one of the 34 provinces.")
    else:
        wrong = [c for c in data.commune_codes if (geography.commune(c) is None
                                                   or geography.commune(c).province_code != prov.code)]
        if wrong:
            errors["commune_codes"] = _("Communes: {n} of the chosen communes are not in {province}.").format(
                n=len(wrong), province=prov.name)
        elif data.role == OfficeRole.FIELD and not data.commune_codes:
            errors["commune_codes"] = _("Communes: a field office covers at least one commune.")
    return errors


def _to_info(o: Office) -> OfficeInfo:
    prov = geography.province(o.province_code)
    return OfficeInfo(o.id, o.name, o.role, o.province_code, prov.name if prov else "",
                      tuple(o.commune_codes), o.officer_name, o.incarnation)


def local_office(session: Session) -> OfficeInfo | None:
    o = session.scalar(select(Office).where(Office.is_local.is_(True)))
    return _to_info(o) if o else None


def local_commune_codes(session: Session) -> list[int]:
    q = (select(OfficeCommune.commune_code).join(Office)
         .where(Office.is_local.is_(True)).order_by(OfficeCommune.commune_code))
    return list(session.scalars(q))


def save_local_office(session: Session, data: OfficeData) -> OfficeInfo:
    """Create the local office on first run, or update it from Settings.

    A provincial office with no communes chosen covers every commune of its province.
    A new office gets its key pair (sync), so that its profile can be sent at once.
    """
    errors = validate_office(data)
    if errors:
        raise ValidationFailed(errors)
    codes = list(dict.fromkeys(data.commune_codes))
    if data.role == OfficeRole.PROVINCE and not codes:
        codes = [c.code for c in geography.communes(data.province_code)]
    o = session.scalar(select(Office).where(Office.is_local.is_(True)))
    created = o is None
    if o is None:
        o = Office(is_local=True)
        session.add(o)
    elif o.province_code != data.province_code and _has_records(session):
        raise BadInput(_("The province cannot be changed once records exist: create a new database for another province."))
    o.name = nfc(data.name)
    o.role = data.role
    o.province_code = int(data.province_code)
    o.officer_name = nfc(data.officer_name)
    current = {c.commune_code: c for c in o.communes}
    o.communes = [current.get(code) or OfficeCommune(commune_code=code) for code in codes]
    session.flush()
    if created:
        # Imported here: keeps cryptography out of the app's start-up.
        from ocop_desktop.sync.profiles import ensure_local_keys

        ensure_local_keys(session)
    return _to_info(o)


def _has_records(session: Session) -> bool:
    from ocop_desktop.models import Producer

    return session.scalar(select(Producer.id).limit(1)) is not None


#: Where a provincial council's star minima are checked, unless a council chooses otherwise:
#: on its agreed sheet ("agreed", Decision 26/2026 read with the common council rules) or
#: on every member's sheet ("each", for provinces whose council rules say so).
COUNCIL_MINIMA_KEY = "council_minima"


def get_council_minima(session: Session) -> str:
    from ocop_desktop.domain.evaluations import DEFAULT_MINIMA
    from ocop_desktop.models import AppMeta

    row = session.get(AppMeta, COUNCIL_MINIMA_KEY)
    return row.value if row is not None and row.value in ("agreed", "each") else DEFAULT_MINIMA


def set_council_minima(session: Session, mode: str) -> None:
    from ocop_desktop.models import AppMeta

    if mode not in ("agreed", "each"):
        raise BadInput(_("Unknown star-minima mode “{mode}”: use “agreed” or “each”.").format(mode=mode))
    session.merge(AppMeta(key=COUNCIL_MINIMA_KEY, value=mode))
    session.flush()
