"""Accent-insensitive folding, and the wall that keeps PySide6 inside ui/ and app.py."""

from __future__ import annotations

import ast
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocop_desktop.text import fold, nfc, search_terms

PACKAGE = Path(__file__).resolve().parents[2] / "ocop_desktop"


@pytest.mark.parametrize(("text", "folded"), [
    ("Miến dong Phia Đén", "mien dong phia den"),
    ("ĐƯỜNG PHÊN", "duong phen"),
    ("Khẩu  Sli", "khau sli"),
    ("Thạch đen Thạch An", "thach den thach an"),
])
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded
    assert fold(unicodedata.normalize("NFD", text)) == folded


@given(st.text())
def test_fold_is_idempotent_and_form_independent(text: str) -> None:
    assert fold(fold(text)) == fold(text)
    assert fold(unicodedata.normalize("NFD", text)) == fold(unicodedata.normalize("NFC", text))


def test_nfc_and_terms() -> None:
    assert nfc(unicodedata.normalize("NFD", " Hạt  dẻ ")) == "Hạt dẻ"
    assert search_terms("  Miến   ĐÉN ") == ["mien", "den"]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module.split(".")[0])
    return out


def test_pyside6_only_in_ui_and_app() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE)
        if rel.parts[0] == "ui" or rel.as_posix() == "app.py":
            continue
        if {"PySide6", "shiboken6"} & _imports(path):
            offenders.append(rel.as_posix())
    assert offenders == []
