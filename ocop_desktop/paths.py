"""Every per-user location in one place, each overridable (tests, portable installs).

Data (the SQLite file, photos, backups) lives in the platform's user data dir unless
``OCOP_DATA_DIR`` points elsewhere; a database chosen with ``--db`` keeps its photos and
backups beside it, so copying that folder copies the whole office.
"""

from __future__ import annotations

import os
from pathlib import Path

from ocop_desktop import APP_ID

#: The checkout (or install) root: resources/ and translations/ sit beside the package.
PROJECT_ROOT = Path(__file__).resolve().parent.parent
RESOURCES_DIR = PROJECT_ROOT / "resources"
TRANSLATIONS_DIR = PROJECT_ROOT / "translations"

DB_ENV = "OCOP_DESKTOP_DB"
DATA_ENV = "OCOP_DATA_DIR"
DB_FILENAME = "ocop.sqlite"


def data_dir() -> Path:
    override = os.environ.get(DATA_ENV)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_ID, appauthor=False))


def config_dir() -> Path:
    override = os.environ.get(DATA_ENV)
    if override:
        return Path(override) / "config"
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_ID, appauthor=False))


def log_dir() -> Path:
    return data_dir() / "logs"


def default_db_path(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """The database to open: ``--db`` wins, then ``OCOP_DESKTOP_DB``, then the data dir."""
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env).expanduser()
    return data_dir() / DB_FILENAME


def office_files_dir(db_path: Path) -> Path:
    """Folder for the photos and backups that belong to one database file."""
    return db_path.parent / (db_path.stem + "-files")


def photos_dir(db_path: Path) -> Path:
    return office_files_dir(db_path) / "photos"


def backups_dir(db_path: Path) -> Path:
    return office_files_dir(db_path) / "backups"
