from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.relay.relay_support import RelayProcess, use_relay
from tests.sync.sync_samples import COMMUNES, introduce, make_office


@pytest.fixture
def relay(tmp_path: Path) -> Iterator[RelayProcess]:
    r = RelayProcess(tmp_path / "relay").start()
    yield r
    r.stop()


@pytest.fixture
def offices(tmp_path: Path, relay: RelayProcess):  # noqa: ANN201
    f = make_office(tmp_path / "field.sqlite", "Trạm Dịch vụ nông nghiệp Trùng Khánh", "field", COMMUNES)
    p = make_office(tmp_path / "province.sqlite", "Sở Nông nghiệp và Môi trường Cao Bằng", "province", [])
    introduce(f, p)
    relay.register(f, p)
    use_relay(f, relay.url, auto_apply=True)
    use_relay(p, relay.url, auto_apply=True)
    yield f, p
    f.close()
    p.close()


class _Modals:
    def __init__(self) -> None:
        self.asked: list[tuple[str, str]] = []
        self.errors: list[tuple[str, str]] = []


@pytest.fixture
def modals(monkeypatch: pytest.MonkeyPatch) -> _Modals:
    """Questions answered "yes" and error boxes recorded instead of shown."""
    from ocop_desktop.ui.dialogs import messages

    m = _Modals()
    monkeypatch.setattr(messages, "ask", lambda parent, title, text, **kw: m.asked.append((title, text)) or True)
    monkeypatch.setattr(messages, "show_error", lambda parent, title, text, **kw: m.errors.append((title, text)))
    return m
