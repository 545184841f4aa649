"""Run by the installed (embedded) Python under Wine: the frozen-app failure mode check.

Imports every module of ``ocop_desktop`` (the GUI ones too) and prints one JSON object:
the modules that failed to import with the error, the PySide6 Qt modules the app loaded,
and the Qt modules present in the installed tree. tools/windows/wine_checks.py compares
these with what the source imports. Exit 0 when nothing failed.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import sys
from pathlib import Path


def main() -> int:
    import ocop_desktop

    failed: dict[str, str] = {}
    names = ["ocop_desktop"]
    for info in pkgutil.walk_packages(ocop_desktop.__path__, "ocop_desktop."):
        names.append(info.name)
    for name in sorted(names):
        if name.endswith("__main__") or ".migrations.versions." in name or name.endswith(".migrations.env"):
            continue  # run as scripts by Alembic / python -m, not imported
        try:
            importlib.import_module(name)
        except Exception as exc:  # noqa: BLE001 - every failure is reported
            failed[name] = f"{type(exc).__name__}: {exc}"
    import PySide6

    loaded = sorted(n.split(".")[1] for n in sys.modules if n.startswith("PySide6.Qt"))
    present = sorted(p.stem for p in Path(PySide6.__file__).parent.glob("Qt*.pyd"))
    json.dump({"modules": len(names), "failed": failed, "qt_loaded": loaded, "qt_present": present,
               "python": sys.version.split()[0], "executable": sys.executable}, sys.stdout)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
