"""Funding sources (nguồn kinh phí) of the OCOP cycle's records: trade promotion events,
training classes and support. One vocabulary, so reports count every kind alike.

Stored codes are the short Vietnamese abbreviations officers use ("ntm" = nông thôn mới,
"dtts" = dân tộc thiểu số). Trade events stored "ntp_rural" / "ntp_ethnic" before the
vocabularies were one; :func:`funding_code` reads those as the same sources, so no
migration is needed (an event saved again stores the current code).
"""

from __future__ import annotations

from enum import StrEnum

from ocop_desktop.i18n import N_


class FundingSource(StrEnum):
    NTM = "ntm"  # CTMTQG xây dựng nông thôn mới
    DTTS = "dtts"  # CTMTQG phát triển KT-XH vùng đồng bào DTTS và miền núi
    PROVINCE = "province"  # ngân sách tỉnh
    PRODUCER = "producer"  # chủ thể tự chi
    OTHER = "other"


FUNDING_LABELS: dict[FundingSource, str] = {
    FundingSource.NTM: N_("National target programme: new rural areas"),
    FundingSource.DTTS: N_("National target programme: ethnic-minority and mountain areas"),
    FundingSource.PROVINCE: N_("Provincial budget"),
    FundingSource.PRODUCER: N_("Producers' own funds"),
    FundingSource.OTHER: N_("Other source"),
}

#: Support is given to producers, so it never comes from their own funds.
SUPPORT_FUNDING: tuple[FundingSource, ...] = tuple(s for s in FundingSource if s is not FundingSource.PRODUCER)

#: Codes trade events stored before the vocabularies were one → the current code.
LEGACY_CODES: dict[str, str] = {"ntp_rural": FundingSource.NTM.value, "ntp_ethnic": FundingSource.DTTS.value}


def funding_code(code: str | None) -> str | None:
    """The current code of a stored or typed funding code ('' → None; old codes mapped)."""
    if not code:
        return None
    return LEGACY_CODES.get(code, code)
