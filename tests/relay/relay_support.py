"""A real relay process on 127.0.0.1 for the tests, and offices registered on it."""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx

from ocop_desktop.db import Database
from ocop_desktop.relay import config as relay_config
from ocop_desktop.relay.client import Identity
from ocop_desktop.relay.store import Store
from ocop_desktop.sync import crypto, profiles

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RelayProcess:
    def __init__(self, data: Path, *extra: str, tls: tuple[Path, Path] | None = None) -> None:
        self.data, self.extra, self.tls = data, extra, tls
        self.port = free_port()
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}"

    def start(self) -> RelayProcess:
        args = [sys.executable, "-m", "ocop_desktop", "relay", "serve", "--data", str(self.data),
                "--host", "127.0.0.1", "--port", str(self.port), *self.extra]
        args += ["--tls-cert", str(self.tls[0]), "--tls-key", str(self.tls[1])] if self.tls else ["--insecure-http"]
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        self.log = open(self.data.parent / f"relay-{self.port}.out", "wb")  # noqa: SIM115
        self.proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("relay exited: " + (self.data.parent / f"relay-{self.port}.out").read_text())
            try:
                httpx.get(self.url + "/health", timeout=1, verify=False)
                return self
            except httpx.HTTPError:
                time.sleep(0.1)
        raise RuntimeError("relay did not start")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None
        self.log.close()

    def store(self) -> Store:
        return Store(self.data)

    def register(self, *dbs: Database) -> None:
        st = self.store()
        try:
            for db in dbs:
                with db.session() as s:
                    st.register(profiles.read_profile(profiles.export_profile(s)))
        finally:
            st.close()

    def waiting(self) -> int:
        st = self.store()
        try:
            return st.waiting_count()
        finally:
            st.close()

    def snapshot(self) -> str:
        st = self.store()
        try:
            return st.snapshot()
        finally:
            st.close()


def use_relay(db: Database, url: str, **kw) -> None:  # noqa: ANN003
    relay_config.update(db, url=url, insecure_http=url.startswith("http://"), **kw)


def make_office(name: str, role: str) -> tuple[profiles.Profile, Identity]:
    """A signed-profile stand-in (keys made here) for relay-only tests and the benchmark."""
    pair = crypto.generate()
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    key = profiles.ProfileKey(pair.key_id, pair.sign_public, pair.enc_public, now, None, None, None)
    oid = str(uuid.uuid4())
    prof = profiles.Profile(oid, name, role, 4, (1477,) if role == "field" else (), str(uuid.uuid4()), (key,),
                            profiles.key_fingerprint(key), now)
    return prof, Identity(oid, pair.key_id, pair.sign_private)
