"""What every CLI module shares: exit codes, the stderr printer, opening the database of
``--db`` (or ``OCOP_DESKTOP_DB``, or the user data folder)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ocop_desktop.db import Database

#: 0 ok, 1 other failure, 2 refused input (the reason on stderr).
EXIT_OK, EXIT_FAIL, EXIT_BAD_INPUT = 0, 1, 2


def err(message: str) -> None:
    print(message, file=sys.stderr)


def open_db(args: argparse.Namespace, *, create: bool = False) -> Database:
    from ocop_desktop import paths
    from ocop_desktop.db import Database

    return Database.open(paths.default_db_path(args.db), create=create)
