"""Report Vietnamese catalogue gaps: ids in the code but not in vi.po, untranslated,
fuzzy, or with placeholders that differ. Exit 1 if any. Used by tests and tools/i18n.sh."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "translations" / "vi" / "LC_MESSAGES" / "ocop.po"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
_FIELD = re.compile(r"\{[a-zA-Z_0-9]*\}")


def code_ids() -> set[str]:
    ids = set()
    method_map = [("**.py", "python")]
    for _fn, _lineno, message, _comments, _ctx in extract_from_dir(
            str(ROOT / "ocop_desktop"), method_map, keywords=KEYWORDS):
        ids.add(message if isinstance(message, str) else message[0])
    return ids


def _plural_or_id(m) -> str:  # noqa: ANN001
    """The form a translation is checked against: Vietnamese has one plural form, so a
    plural entry's only translation carries the placeholders of the English plural."""
    return m.id[1] if isinstance(m.id, (list, tuple)) else m.id


def problems() -> list[str]:
    with PO.open("rb") as fh:
        catalog = read_po(fh, locale="vi")
    out = []
    entries = {m.id if isinstance(m.id, str) else m.id[0]: m for m in catalog if m.id}
    for mid in sorted(code_ids() - set(entries)):
        out.append(f"missing from vi.po (run tools/i18n.sh update): {mid!r}")
    for mid, m in sorted(entries.items()):
        strings = m.string if isinstance(m.string, (list, tuple)) else [m.string]
        if not all(strings):
            out.append(f"untranslated: {mid!r}")
        elif m.fuzzy:
            out.append(f"fuzzy: {mid!r}")
        elif any(set(_FIELD.findall(s)) != set(_FIELD.findall(_plural_or_id(m))) for s in strings):
            out.append(f"placeholders differ: {mid!r}")
    return out


if __name__ == "__main__":
    found = problems()
    print("\n".join(found) or "vi.po is complete")
    sys.exit(1 if found else 0)
