"""The role check the services make at their entry points (see :mod:`domain.roles`)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ocop_desktop.domain.roles import REFUSALS, Action, allowed

__all__ = ["Action", "allowed", "local_role", "require"]
from ocop_desktop.errors import NotAllowed
from ocop_desktop.i18n import _
from ocop_desktop.models import Office


def local_role(session: Session) -> str | None:
    return session.scalar(select(Office.role).where(Office.is_local.is_(True)))


def require(session: Session, action: Action) -> None:
    """Raise :class:`NotAllowed` (nothing written) when the local office's role does not do ``action``."""
    if not allowed(local_role(session), action):
        raise NotAllowed(_(REFUSALS[action]))
