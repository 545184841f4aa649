"""``sync push|pull|status`` and ``relay register|list`` as scripts see them: exit codes
0 done, 1 relay unreachable, 2 refused, 3 bundles wait for review."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from ocop_desktop.relay import config as relay_config
from ocop_desktop.sync import profiles
from tests.relay.relay_support import ROOT, free_port
from tests.sync.sync_samples import add_producer


def _cli(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "ocop_desktop", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


def test_sync_commands_and_exit_codes(offices, relay, tmp_path: Path) -> None:  # noqa: ANN001
    f, p = offices
    add_producer(f, "HTX Miến dong Phia Đén")
    relay_config.update(p, auto_apply=False)
    fdb, pdb = str(f.path), str(p.path)
    f.close()
    p.close()  # the commands open the files themselves (one writer per file)
    r = _cli("sync", "push", "--db", fdb, "--json")
    assert r.returncode == 0, r.stderr
    assert len(json.loads(r.stdout)["sent"]) == 1
    r = _cli("sync", "status", "--db", pdb, "--json")
    assert r.returncode == 0 and json.loads(r.stdout)["waiting_on_relay"] == 1
    # Automatic import is off at the province: the bundle waits for the officer (exit 3)…
    r = _cli("sync", "pull", "--db", pdb)
    assert r.returncode == 3, r.stderr
    # …or is imported when asked for (no conflicts).
    r = _cli("sync", "pull", "--db", pdb, "--apply", "yes", "--json")
    assert r.returncode == 0, r.stderr
    assert len(json.loads(r.stdout)["received"]) == 1
    # A relay that is down: exit 1, the reason on stderr, and the bundle stays queued.
    r = _cli("sync", "push", "--db", fdb, "--relay", f"http://127.0.0.1:{free_port()}", "--retry-for", "1")
    assert r.returncode == 1 and r.stderr.strip()
    # Not configured: exit 2.
    r = _cli("relay", "configure", "--db", fdb, "--url", "")
    assert r.returncode == 0, r.stderr
    r = _cli("sync", "status", "--db", fdb)
    assert r.returncode == 2


def test_register_and_list_on_the_server(tmp_path: Path, offices) -> None:  # noqa: ANN001
    f, _p = offices
    prof = tmp_path / "field.ocopprofile"
    with f.session() as s:
        prof.write_bytes(profiles.export_profile(s))
    f.close()
    data = tmp_path / "relay2"
    r = _cli("relay", "register", "--data", str(data), str(prof))
    assert r.returncode == 0, r.stderr
    r = _cli("relay", "list", "--data", str(data), "--json")
    assert [o["name"] for o in json.loads(r.stdout)] == ["Trạm Dịch vụ nông nghiệp Trùng Khánh"]
    bad = tmp_path / "bad.ocopprofile"
    bad.write_bytes(prof.read_bytes().replace("Trùng".encode(), b"Trung"))
    r = _cli("relay", "register", "--data", str(data), str(bad))
    assert r.returncode == 2 and r.stderr.strip()
    r = _cli("relay", "serve", "--data", str(data), "--port", "1")
    assert r.returncode == 2  # neither TLS nor an explicit --insecure-http


def test_the_window_does_not_load_the_network_stack() -> None:
    code = ("import sys, ocop_desktop.ui.main_window, ocop_desktop.ui.sync.sync_page; "
            "print([m for m in ('httpx', 'starlette', 'uvicorn') if m in sys.modules])")
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert r.stdout.strip() == "[]", r.stderr
