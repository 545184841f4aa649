"""What each kind of office does (issue 9 §2), as a pure table.

A field office (commune level) receives dossiers and writes the commune's report (Mẫu 03);
it receives the province's recognition and revocation decisions in a sync bundle and never
records them. The provincial OCOP office scores, decides and prints certificates; it
receives the communes' reports by bundle and does not write them.
"""

from __future__ import annotations

from enum import StrEnum

from ocop_desktop.domain.vocab import OfficeRole
from ocop_desktop.i18n import N_


class Action(StrEnum):
    RECORD_DECISION = "record_decision"  # recognition or revocation decision
    COMMUNE_REPORT = "commune_report"  # the commune's report on a dossier (Mẫu 03)


ALLOWED: dict[Action, frozenset[str]] = {
    Action.RECORD_DECISION: frozenset({OfficeRole.PROVINCE.value}),
    Action.COMMUNE_REPORT: frozenset({OfficeRole.FIELD.value}),
}

#: Why an office of another role may not (message ids; translate with ``_()``).
REFUSALS: dict[Action, str] = {
    Action.RECORD_DECISION: N_("Only the provincial OCOP office records recognition and revocation decisions. "
                               "A field office receives them from the province in a sync bundle."),
    Action.COMMUNE_REPORT: N_("Only a field office writes the commune's report (form 03). The provincial office "
                              "receives it from the field office in a sync bundle."),
}


def allowed(role: str | None, action: Action) -> bool:
    """Whether an office of ``role`` does ``action``. ``None`` (no office set up yet) is not
    refused here: the first-run wizard comes before any record."""
    return role is None or role in ALLOWED[action]
