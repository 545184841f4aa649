"""Entry point: ``ocop-desktop`` opens the GUI; subcommands run headless (see cli.py)."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from ocop_desktop import cli

    return cli.main(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    sys.exit(main())
