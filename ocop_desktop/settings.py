"""Per-user preferences (language, last database), typed, with a schema version.

Kept in a small JSON file in the user config dir: it must be readable before any
database is opened (the error dialogs for a bad database need the language).
Office settings live in the database itself (services.office).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields

from ocop_desktop import paths

SCHEMA_VERSION = 1


@dataclass
class Preferences:
    language: str = "vi"
    schema_version: int = SCHEMA_VERSION


def _file():  # noqa: ANN202
    return paths.config_dir() / "preferences.json"


def load() -> Preferences:
    try:
        raw = json.loads(_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Preferences()
    if not isinstance(raw, dict):
        return Preferences()
    known = {f.name for f in fields(Preferences)}
    prefs = Preferences(**{k: v for k, v in raw.items() if k in known})
    if prefs.language not in ("vi", "en"):
        prefs.language = "vi"
    prefs.schema_version = SCHEMA_VERSION
    return prefs


def save(prefs: Preferences) -> None:
    f = _file()
    f.parent.mkdir(parents=True, exist_ok=True)
    tmp = f.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(prefs), ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, f)
