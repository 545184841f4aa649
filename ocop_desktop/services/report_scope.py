"""The scope a statistics report covers, as the local office may ask for it: the provincial office
all communes of its province (or some of them), a field office its own communes (or some of them).
A commune the office does not cover is refused with the reason."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from ocop_desktop.domain import geography
from ocop_desktop.domain.vocab import OfficeRole
from ocop_desktop.errors import BadInput
from ocop_desktop.i18n import _
from ocop_desktop.stats.period import Scope


def covered_communes(session: Session) -> tuple[bool, frozenset[int]]:
    """(is the provincial office, the communes it may report on)."""
    from ocop_desktop.services.office import local_office

    info = local_office(session)
    if info is None:
        raise BadInput(_("Set up this office first (Settings): the reports need its communes."))
    if info.role == OfficeRole.PROVINCE.value:
        return True, frozenset(c.code for c in geography.communes(info.province_code))
    return False, frozenset(info.commune_codes)


def field_offices(session: Session) -> list[tuple[str, tuple[int, ...]]]:
    """(name, communes) of the other offices this database knows (the province's field offices, from
    their profiles), for the provincial office's area picker; communes it does not cover are left out."""
    from sqlalchemy import select

    from ocop_desktop.models import Office

    province, covered = covered_communes(session)
    if not province:
        return []
    out = []
    for o in session.scalars(select(Office).where(Office.is_local.is_(False)).order_by(Office.name)):
        codes = tuple(c for c in o.commune_codes if c in covered)
        if codes:
            out.append((o.name, codes))
    return out


def office_scope(session: Session, communes: Sequence[int] | None = None, *, label: str = "") -> Scope:
    """The scope of ``communes`` (all the office covers when None or empty), with its label
    (``label`` when given, e.g. a field office's name)."""
    from ocop_desktop.services.office import local_office

    province, covered = covered_communes(session)
    info = local_office(session)
    assert info is not None
    if not communes:
        if province:
            return Scope(None, f"toàn tỉnh {info.province_name}")
        return Scope(covered, f"địa bàn {info.name}")
    wanted = list(dict.fromkeys(int(c) for c in communes))
    outside = [c for c in wanted if c not in covered]
    if outside:
        names = ", ".join(geography.commune_name(c) or str(c) for c in outside)
        raise BadInput(_("This office does not cover {communes}: a report can only cover the office's own "
                         "communes.").format(communes=names),
                       hint=_("Choose among the communes listed in Settings › Office."))
    names = [geography.commune_name(c) or str(c) for c in wanted]
    return Scope(frozenset(wanted), label or ", ".join(names))
