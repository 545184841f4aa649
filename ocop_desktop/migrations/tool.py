"""Developer helper: ``python -m ocop_desktop.migrations.tool revision -m "add x"``
autogenerates a migration against a scratch database at head."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from alembic import command

from ocop_desktop.db import alembic_config


def main(argv: list[str]) -> None:
    if len(argv) < 3 or argv[0] != "revision" or argv[1] != "-m":
        raise SystemExit('usage: python -m ocop_desktop.migrations.tool revision -m "message"')
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'scratch.sqlite'}"
        cfg = alembic_config()
        cfg.set_main_option("sqlalchemy.url", url)
        command.upgrade(cfg, "head")
        command.revision(cfg, message=argv[2], autogenerate=True)


if __name__ == "__main__":
    main(sys.argv[1:])
