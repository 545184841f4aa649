"""Parts of the Windows build that run without Wine or downloads: which Qt modules the app
needs, the installer's file lists, and the lock against pyproject.toml."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools" / "windows"))

import nsis_lists  # noqa: E402
import qt_prune  # noqa: E402
import stage  # noqa: E402


def test_the_qt_modules_are_read_from_the_source(tmp_path: Path) -> None:
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "a.py").write_text("from PySide6.QtCore import Qt\nimport PySide6.QtSvg\n", encoding="utf-8")
    (pkg / "b.py").write_text("def f():\n    from PySide6 import QtPdf, __version__\n", encoding="utf-8")
    assert qt_prune.app_qt_modules(pkg) == {"QtCore", "QtSvg", "QtPdf"}
    found = qt_prune.app_qt_modules(ROOT / "ocop_desktop")
    assert {"QtCore", "QtGui", "QtWidgets", "QtPrintSupport"} <= found and "QtTest" not in found


def test_the_install_lists_are_sorted_and_the_uninstaller_removes_only_them(tmp_path: Path) -> None:
    stage_dir = tmp_path / "stage"
    for rel in ("b.exe", "app/ocop_desktop/x.py", "app/ocop_desktop/ui/y.py", "python/python.exe", "a.ico"):
        (stage_dir / rel).parent.mkdir(parents=True, exist_ok=True)
        (stage_dir / rel).write_bytes(b"x" * 2048)
    count, kib = nsis_lists.write_lists(stage_dir, tmp_path / "gen")
    install = (tmp_path / "gen" / "install-files.nsh").read_text(encoding="utf-8").splitlines()
    uninstall = (tmp_path / "gen" / "uninstall-files.nsh").read_text(encoding="utf-8").splitlines()
    assert (count, kib) == (5, 10)
    assert install[0] == 'SetOutPath "$INSTDIR"' and install[1].endswith('a.ico"') and install[2].endswith('b.exe"')
    assert 'RMDir /r "$INSTDIR\\app\\ocop_desktop\\ui\\__pycache__"' in uninstall
    assert uninstall.index('RMDir "$INSTDIR\\app\\ocop_desktop\\ui"') < uninstall.index('RMDir "$INSTDIR\\app"')
    assert not any("RMDir /r \"$INSTDIR\"" in line or line == 'RMDir /r "$INSTDIR\\python"' for line in uninstall)


def test_the_windows_lock_covers_pyproject() -> None:
    stage.check_lock()  # raises BuildRefused when a dependency is missing or out of range


def test_a_stale_lock_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stage, "project_dependencies", lambda: ["PySide6>=6.10,<6.12", "ocop-test-absent-package>=1,<2"])
    with pytest.raises(stage.embed_python.BuildRefused, match="ocop-test-absent-package"):
        stage.check_lock()
