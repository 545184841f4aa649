"""The relay client (httpx, synchronous: the app calls it from a worker thread).

- Every request is signed with the office's key (:mod:`auth`).
- TLS: with a pin, the relay's certificate is accepted only if the SHA-256 of its public
  key matches (checked on every response, first on ``/health``, which carries nothing);
  without a pin, the system's certificate authorities. Plain HTTP only when chosen.
- Uploads are resumable: the bundle's SHA-256 and size create (or find) an upload, chunks
  go with their own SHA-256 at the offset the relay confirmed, and the state (upload id)
  is kept in a small file beside the bundle, so a restart of either side resumes from the
  last confirmed byte. Downloads resume with ``Range`` from the bytes already on disk.
- Transient faults (no connection, timeouts, cut connections, 5xx) are retried with
  exponential back-off and full jitter; refusals (signature, clock, quota, permission)
  stop at once with the officer's message (:class:`RelayError`).
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ocop_desktop.errors import KnownError
from ocop_desktop.i18n import _
from ocop_desktop.relay import auth

ProgressFn = Callable[[int, int], None]  # (bytes done, bytes total) of the current transfer


class RelayError(KnownError):
    """A relay failure with the officer's message; ``transient`` ones are worth retrying."""

    exit_code = 1

    def __init__(self, message: str, *, code: str, transient: bool = False, hint: str | None = None,
                 status: int | None = None, detail: dict[str, Any] | None = None) -> None:
        super().__init__(message, hint=hint)
        self.code, self.transient, self.status, self.detail = code, transient, status, detail or {}
        if not transient:
            self.exit_code = 2


class Cancelled(KnownError):
    def __init__(self) -> None:
        super().__init__(_("Cancelled: what was already sent stays on the relay and continues next time."))


@dataclass
class Identity:
    office_id: str
    key_id: str
    sign_private: bytes


@dataclass
class Retry:
    base: float = 2.0  # seconds before the first retry
    cap: float = 300.0  # longest wait between two tries
    budget: float = 600.0  # give up (transient error) after this long without progress


@dataclass
class Stats:
    bytes_up: int = 0  # chunk bytes sent (also those lost to a cut connection)
    bytes_down: int = 0
    retries: int = 0


def _duration(seconds: float) -> str:
    s = abs(int(seconds))
    if s >= 3600:
        return _("{h} h {m} min").format(h=s // 3600, m=(s % 3600) // 60)
    if s >= 60:
        return _("{m} min").format(m=s // 60)
    return _("{s} s").format(s=s)


def refusal_message(code: str, status: int, detail: dict[str, Any]) -> RelayError:
    """The officer's message for a refusal the relay sent (a stable code, see server.py)."""
    def fatal(message: str, hint: str | None = None) -> RelayError:
        return RelayError(message, code=code, hint=hint, status=status, detail=detail)

    if code == "clock_skew":
        skew = float(detail.get("skew_seconds", 0))
        server = detail.get("server_time")
        when = ""
        if isinstance(server, int | float):
            import datetime as dt

            from ocop_desktop.i18n import format_datetime

            when = format_datetime(dt.datetime.fromtimestamp(server).replace(microsecond=0))
        msg = (_("This computer's clock is {d} ahead of the relay's (the relay's time is {when}).") if skew > 0 else
               _("This computer's clock is {d} behind the relay's (the relay's time is {when})."))
        return fatal(msg.format(d=_duration(skew), when=when),
                     _("Set the computer's date, time and time zone correctly (Settings → Time), then try again."))
    if code in ("unknown_key", "office_removed"):
        return fatal(_("The relay does not know this office (or it was removed from the relay)."),
                     _("Ask the provincial office to register this office's profile on the relay."))
    if code == "revoked_key":
        return fatal(_("The relay refused this office's key: it was replaced or revoked."),
                     _("Ask the provincial office to register this office's new profile on the relay."))
    if code in ("bad_signature", "unsigned", "replayed"):
        return fatal(_("The relay refused the request's signature."),
                     _("Try again; if it happens again, ask the provincial office to register this office's "
                       "profile on the relay again."))
    if code == "quota":
        return fatal(_("This office's space on the relay is used up ({used} of {quota}).").format(
            used=_size(detail.get("used_bytes", 0)), quota=_size(detail.get("quota_bytes", 0))),
            _("Wait until the provincial office has fetched the bundles already sent, or ask it to raise the quota."))
    if code == "too_large":
        return fatal(_("The bundle is larger than the relay accepts ({max})." ).format(
            max=_size(detail.get("max_bytes", 0))), _("Send it on a USB stick instead."))
    if code == "relay_full":
        return RelayError(_("The relay's disk is full: it cannot take the bundle now."), code=code, status=status,
                          hint=_("Tell the provincial IT officer; the bundle stays here and goes next time."),
                          detail=detail)
    if code in ("forbidden_recipient", "unknown_recipient", "self_addressed"):
        return fatal(_("The relay does not accept bundles from this office for that office."),
                     _("Check that the provincial office registered both offices on the relay."))
    if code == "province_only":
        return fatal(_("Only the provincial office can register or remove offices on the relay."))
    if code == "bad_profile":
        return fatal(_("The relay refused the office profile: {why}").format(why=detail.get("detail", "")))
    if code == "unknown_office":
        return fatal(_("That office is not registered on the relay."))
    return fatal(_("The relay refused the request ({code}, HTTP {status}).").format(code=code, status=status))


def _size(n: Any) -> str:
    from ocop_desktop.sync.usb import format_size

    return format_size(int(n or 0))


def _network_error(exc: Exception, url: str) -> RelayError:
    import httpx

    if isinstance(exc, httpx.ConnectError):
        text = str(exc)
        if "CERTIFICATE_VERIFY_FAILED" in text or "certificate" in text.lower():
            return RelayError(_("The relay's certificate is not trusted by this computer."), code="tls_untrusted",
                              hint=_("Ask the provincial office for the relay's certificate pin and enter it in the "
                                     "relay settings."))
        return RelayError(_("Cannot reach the relay at {url}: no connection, or the address is wrong.").format(url=url),
                          code="unreachable", transient=True,
                          hint=_("Check the internet connection and the relay address; bundles wait here and go "
                                 "next time."))
    if isinstance(exc, httpx.TimeoutException):
        return RelayError(_("The connection to the relay is too slow or was interrupted."), code="timeout",
                          transient=True)
    return RelayError(_("The connection to the relay was interrupted."), code="network", transient=True)


class RelayClient:
    def __init__(self, url: str, identity: Identity | None, *, pin: str = "", insecure_http: bool = False,
                 retry: Retry | None = None, chunk: int = 256 * 1024, max_chunk: int = 4 * 1024 * 1024,
                 cancel: threading.Event | None = None, timeout: float = 60.0) -> None:
        import httpx

        from ocop_desktop.relay import config

        self.url = config.check_url(url, insecure_http=insecure_http, pin=pin)
        self.identity = identity
        self.pin = pin
        self.retry = retry or Retry()
        self.chunk, self.max_chunk = chunk, max(chunk, max_chunk)
        self.cancel = cancel or threading.Event()
        self.stats = Stats()
        self._pin_checked = False
        verify: Any = True
        if self.url.startswith("https") and pin:
            import ssl

            ctx = ssl.create_default_context()
            ctx.check_hostname = False
            ctx.verify_mode = ssl.CERT_NONE  # the pin below is the check
            verify = ctx
        self._http = httpx.Client(base_url=self.url, verify=verify, http2=False,
                                  timeout=httpx.Timeout(timeout, connect=20.0))

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> RelayClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- one request ------------------------------------------------------------------

    def _check_pin(self, response: Any) -> None:
        if not (self.pin and self.url.startswith("https")):
            return
        from ocop_desktop.relay.serve import spki_pin_der

        stream = response.extensions.get("network_stream")
        ssl_object = stream.get_extra_info("ssl_object") if stream is not None else None
        der = ssl_object.getpeercert(True) if ssl_object is not None else None
        got = spki_pin_der(der) if der else ""
        if got != self.pin:
            raise RelayError(_("The relay's certificate does not match the pin this office has: this may not be "
                               "the provincial relay."), code="pin_mismatch",
                             hint=_("Nothing was sent. Check the relay address and the pin with the provincial "
                                    "office (certificate pin there: {got}).").format(got=got[:16] + "…"))

    def request(self, method: str, path: str, *, body: bytes = b"", headers: dict[str, str] | None = None,
                signed: bool = True, stream: bool = False) -> Any:
        import httpx

        if not self._pin_checked and self.pin and path != "/health":
            self.health()
        headers = dict(headers or {})
        if signed:
            if self.identity is None:
                raise RuntimeError("no identity")
            headers.update(auth.sign_headers(method, path, body, headers, office=self.identity.office_id,
                                             key_id=self.identity.key_id, sign_private=self.identity.sign_private))
        try:
            req = self._http.build_request(method, path, content=body or None, headers=headers)
            response = self._http.send(req, stream=stream)
        except httpx.HTTPError as exc:
            raise _network_error(exc, self.url) from None
        try:
            self._check_pin(response)
        except RelayError:
            response.close()
            raise
        self._pin_checked = True
        if response.status_code >= 400:
            if stream:
                response.read()
            self._raise_for(response)
        return response

    def _raise_for(self, response: Any) -> None:
        status = response.status_code
        try:
            doc = response.json()
        except ValueError:
            doc = {}
        code = doc.get("error", "") if isinstance(doc, dict) else ""
        if status >= 500 and code != "relay_full" or status in (408, 429) or (status == 400 and not code):
            raise RelayError(_("The relay had a temporary problem (HTTP {status}).").format(status=status),
                             code="server", transient=True, status=status)
        if not code:
            raise RelayError(_("This address does not answer like an OCOP relay (HTTP {status}).").format(
                status=status), code="not_relay", status=status)
        raise refusal_message(code, status, doc)

    def call(self, fn: Callable[[], Any]) -> Any:
        """``fn()`` retried on transient errors with back-off and full jitter."""
        attempt, started = 0, time.monotonic()
        while True:
            if self.cancel.is_set():
                raise Cancelled()
            try:
                return fn()
            except RelayError as exc:
                if not exc.transient or time.monotonic() - started > self.retry.budget:
                    raise
                attempt += 1
                self.stats.retries += 1
                delay = random.uniform(0, min(self.retry.cap, self.retry.base * 2 ** min(attempt, 20)))
                if self.cancel.wait(delay):
                    raise Cancelled() from None

    # -- API --------------------------------------------------------------------------

    def health(self) -> dict[str, Any]:
        r = self.request("GET", "/health", signed=False)
        try:
            doc = r.json()
        except ValueError:
            doc = None
        if not isinstance(doc, dict) or doc.get("ok") is not True:
            raise RelayError(_("This address does not answer like an OCOP relay (HTTP {status}).").format(
                status=r.status_code), code="not_relay")
        return doc

    def json(self, method: str, path: str, body: Any = None) -> Any:
        data = b"" if body is None else body if isinstance(body, bytes) else json.dumps(body).encode()
        return self.call(lambda: self.request(method, path, body=data).json())

    def waiting(self) -> list[dict[str, Any]]:
        return self.json("GET", "/v1/mailbox")["bundles"]

    def sent(self) -> list[dict[str, Any]]:
        return self.json("GET", "/v1/sent")["bundles"]

    def ack(self, sha: str, receipt: str | None) -> None:
        self.json("POST", f"/v1/mailbox/{sha}/ack", {"receipt": receipt})

    def register(self, profile: bytes) -> dict[str, Any]:
        return self.json("POST", "/v1/offices", profile)

    def remove(self, office_id: str) -> None:
        self.json("DELETE", f"/v1/offices/{office_id}")

    def offices(self) -> list[dict[str, Any]]:
        return self.json("GET", "/v1/offices")["offices"]

    # -- upload -----------------------------------------------------------------------

    def upload(self, path: Path, recipient: str, progress: ProgressFn | None = None) -> str:
        """Send one bundle file; resumable (state in ``<path>.upload.json``). Returns
        "sent" or "already" (the relay had it: idempotent by the file's SHA-256)."""
        path = Path(path)
        state_file = path.with_name(path.name + ".upload.json")
        state = _read_state(state_file)
        length = path.stat().st_size
        if state.get("length") != length or state.get("recipient") != recipient or "sha256" not in state:
            state = {"sha256": _file_sha(path), "length": length, "recipient": recipient}
            _write_state(state_file, state)
        sha = state["sha256"]
        chunk = self.chunk
        with path.open("rb") as fh:
            def create() -> dict[str, Any]:
                r = self.request("POST", "/v1/uploads", headers={"Recipient": recipient, "Bundle-Sha256": sha,
                                                                 "Bundle-Length": str(length)})
                return r.json()

            def offset_of(uid: str) -> int | None:
                try:
                    r = self.request("HEAD", f"/v1/uploads/{uid}")
                except RelayError as exc:
                    if exc.status == 404:
                        return None
                    raise
                return int(r.headers.get("upload-offset", "0"))

            def step() -> str | None:
                nonlocal chunk
                uid = state.get("upload_id")
                offset = offset_of(uid) if uid else None
                if offset is None:
                    res = create()
                    if res["status"] == "complete":
                        return "already" if not state.get("sent_any") else "sent"
                    state["upload_id"], offset = res["upload_id"], int(res["offset"])
                    _write_state(state_file, state)
                while offset < length:
                    if self.cancel.is_set():
                        raise Cancelled()
                    if progress:
                        progress(offset, length)
                    fh.seek(offset)
                    data = fh.read(chunk)
                    self.stats.bytes_up += len(data)
                    state["sent_any"] = True
                    t0 = time.monotonic()
                    try:
                        r = self.request("PATCH", f"/v1/uploads/{state['upload_id']}", body=data, headers={
                            "Upload-Offset": str(offset), "Chunk-Sha256": hashlib.sha256(data).hexdigest(),
                            "Content-Type": "application/offset+octet-stream"})
                    except RelayError as exc:
                        if exc.code == "offset_mismatch":
                            offset = int(exc.detail.get("offset", offset))
                            continue
                        if exc.transient:
                            chunk = max(self.chunk, chunk // 2)
                        raise
                    res = r.json()
                    offset = int(res["offset"])
                    if time.monotonic() - t0 < 15 and chunk < self.max_chunk:
                        chunk = min(self.max_chunk, chunk * 2)
                    if res["status"] == "complete":
                        break
                if progress:
                    progress(length, length)
                return "sent"

            result = self.call(step)
        state_file.unlink(missing_ok=True)
        return result

    # -- download ---------------------------------------------------------------------

    def download(self, sha: str, size: int, dest: Path, progress: ProgressFn | None = None) -> Path:
        """Fetch one bundle into ``dest`` (its ``.partial`` first, resumed from the bytes
        already there), check its SHA-256, fsync, rename. Returns ``dest``."""
        dest = Path(dest)
        partial = dest.with_name(dest.name + ".partial")
        dest.parent.mkdir(parents=True, exist_ok=True)

        def step() -> None:
            have = partial.stat().st_size if partial.exists() else 0
            if have > size:
                partial.unlink()
                have = 0
            if have < size:
                headers = {"Range": f"bytes={have}-"} if have else {}
                r = self.request("GET", f"/v1/mailbox/{sha}", headers=headers, stream=True)
                try:
                    if have and r.status_code != 206:
                        have = 0  # the relay sent it all again
                    with partial.open("r+b" if have else "wb") as out:
                        out.seek(have)
                        out.truncate(have)
                        try:
                            for block in r.iter_bytes(16384):
                                out.write(block)
                                have += len(block)
                                self.stats.bytes_down += len(block)
                                if progress:
                                    progress(have, size)
                                if self.cancel.is_set():
                                    raise Cancelled()
                        except Exception as exc:  # noqa: BLE001 — httpx stream errors: keep what arrived
                            out.flush()
                            os.fsync(out.fileno())
                            if isinstance(exc, Cancelled):
                                raise
                            raise _network_error(exc, self.url) from None
                        out.flush()
                        os.fsync(out.fileno())
                finally:
                    r.close()
            if partial.stat().st_size != size or _file_sha(partial) != sha:
                partial.unlink(missing_ok=True)
                raise RelayError(_("A bundle arrived damaged; it is fetched again."), code="damaged", transient=True)

        self.call(step)
        os.replace(partial, dest)
        from ocop_desktop.sync.usb import fsync_dir

        fsync_dir(dest.parent)
        return dest


def _file_sha(path: Path) -> str:
    h = hashlib.sha256()
    with Path(path).open("rb") as fh:
        while block := fh.read(1024 * 1024):
            h.update(block)
    return h.hexdigest()


def _read_state(path: Path) -> dict[str, Any]:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return doc if isinstance(doc, dict) else {}


def _write_state(path: Path, state: dict[str, Any]) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(state), encoding="utf-8")
    os.replace(tmp, path)


def speed_text(done: int, total: int, elapsed: float) -> str:
    """'1,2 MB of 3,4 MB · 8 KB/s · 4 min left' for the progress line."""
    from ocop_desktop.sync.usb import format_size

    rate = done / elapsed if elapsed > 0.5 else 0
    parts = [_("{done} of {total}").format(done=format_size(done), total=format_size(total))]
    if rate > 0:
        parts.append(_("{rate}/s").format(rate=format_size(int(rate))))
        parts.append(_("{t} left").format(t=_duration((total - done) / rate)))
    return " · ".join(parts)
