"""The relay's HTTP API (Starlette). Run with ``ocop-desktop relay serve`` (:mod:`serve`).

::

    GET    /health                         no signature: {"ok", "time", ...}
    POST   /v1/uploads                     Recipient, Bundle-Sha256, Bundle-Length → {status, upload_id, offset}
    HEAD   /v1/uploads/{id}                → Upload-Offset, Upload-Length
    PATCH  /v1/uploads/{id}                Upload-Offset, Chunk-Sha256; body = chunk → {status, offset}
    GET    /v1/mailbox                     bundles waiting for the caller
    GET    /v1/mailbox/{sha256}            the bundle (Range: bytes=a- for a resumed download)
    POST   /v1/mailbox/{sha256}/ack        {"receipt": code} → the relay drops the file
    GET    /v1/sent                        the caller's bundles: delivered, acknowledged, receipt codes
    GET    /v1/offices                     (province) the registered offices
    POST   /v1/offices                     (province) body = a signed office profile → register
    DELETE /v1/offices/{id}                (province) remove an office

Every /v1 request is signed (:mod:`auth`). Refusals are JSON ``{"error": code, "detail",
"server_time"}`` with a fitting status (401 signature, 403 not allowed, 404, 409, 413 too
large or over quota, 422 bad hash, 507 relay disk full).
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from ocop_desktop.relay import auth
from ocop_desktop.relay.store import Caller, Limits, Refused, Store

log = logging.getLogger("ocop_desktop.relay")
_SHA = re.compile(r"^[0-9a-f]{64}$")
_UUID = re.compile(r"^[0-9a-f-]{36}$")
_UID = re.compile(r"^[0-9a-f]{32}$")
_RANGE = re.compile(r"^bytes=(\d+)-(\d*)$")
MAX_PROFILE = 1 << 20
MAX_SMALL_BODY = 64 * 1024


def _refusal(exc: Refused) -> JSONResponse:
    body = {"error": exc.code, "detail": exc.detail, "server_time": time.time(), **exc.extra}
    return JSONResponse(body, status_code=exc.status)


async def _read_body(request: Request, limit: int) -> bytes:
    """The body, refused (413) as soon as it passes ``limit`` — never buffered beyond it."""
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > limit):
        raise Refused(413, "too_large", "request body too large", max_bytes=limit)
    parts, n = [], 0
    async for piece in request.stream():
        n += len(piece)
        if n > limit:
            raise Refused(413, "too_large", "request body too large", max_bytes=limit)
        parts.append(piece)
    return b"".join(parts)


def create_app(data_dir: Path, limits: Limits | None = None, *, trust_proxy: bool = False) -> Starlette:
    store = Store(Path(data_dir), limits)
    lim = store.limits

    async def authenticate(request: Request, body: bytes) -> Caller:
        h = request.headers
        office, key_id, when, nonce, sig = (h.get(x, "") for x in (auth.H_OFFICE, auth.H_KEY, auth.H_TIME,
                                                                    auth.H_NONCE, auth.H_SIG))
        if not (office and key_id and when and nonce and sig):
            raise Refused(401, "unsigned", "the request is not signed")
        if not when.isdigit() or not re.fullmatch(r"[0-9a-f]{32}", nonce):
            raise Refused(401, "bad_signature", "malformed signature headers")
        now = time.time()
        skew = int(when) - now
        if abs(skew) > lim.window:
            raise Refused(401, "clock_skew", "the request's time is outside the relay's window",
                          skew_seconds=round(skew), window_seconds=lim.window)
        caller, pub = await run_in_threadpool(store.caller, office, key_id)
        path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        data = auth.canonical(request.method, path, hashlib.sha256(body).hexdigest(),
                              {k: h.get(k, "") for k in auth.SIGNED_HEADERS}, office, key_id, when, nonce)
        if not auth.verify(pub, sig, data):
            raise Refused(401, "bad_signature", "the signature does not match the request")
        await run_in_threadpool(store.use_nonce, nonce, office, now)
        return caller

    def endpoint(fn: Any, *, body_limit: int = MAX_SMALL_BODY) -> Any:
        async def handler(request: Request) -> Response:
            started = time.monotonic()
            caller = None
            try:
                body = await _read_body(request, body_limit)
                caller = await authenticate(request, body)
                response = await fn(request, caller, body)
            except Refused as exc:
                response = _refusal(exc)
            except ClientDisconnect:
                log.info("%s %s from %s: connection lost mid-request", request.method, request.url.path,
                         caller.office_id if caller else "?")
                return Response(status_code=400)
            log.info("%s %s %s %s %.0f ms", caller.name if caller else "-", request.method, request.url.path,
                     response.status_code, (time.monotonic() - started) * 1000)
            return response
        return handler

    def need(request: Request, name: str, pattern: re.Pattern[str]) -> str:
        value = request.headers.get(name, "")
        if not pattern.fullmatch(value):
            raise Refused(400, "bad_header", f"missing or malformed {name}")
        return value

    async def create_upload(request: Request, caller: Caller, body: bytes) -> Response:  # noqa: ARG001
        recipient = need(request, "recipient", _UUID)
        sha = need(request, "bundle-sha256", _SHA)
        length = int(need(request, "bundle-length", re.compile(r"\d{1,15}")))
        res = await run_in_threadpool(store.create_upload, caller, recipient, sha, length)
        return JSONResponse(res, status_code=201 if res["status"] == "created" else 200)

    async def head_upload(request: Request, caller: Caller, body: bytes) -> Response:  # noqa: ARG001
        uid = request.path_params["uid"]
        if not _UID.fullmatch(uid):
            raise Refused(404, "no_upload", "no such upload")
        offset, length = await run_in_threadpool(store.upload_offset, caller, uid)
        return Response(status_code=204, headers={"Upload-Offset": str(offset), "Upload-Length": str(length)})

    async def patch_upload(request: Request, caller: Caller, body: bytes) -> Response:
        uid = request.path_params["uid"]
        if not _UID.fullmatch(uid):
            raise Refused(404, "no_upload", "no such upload")
        offset = int(need(request, "upload-offset", re.compile(r"\d{1,15}")))
        chunk_sha = need(request, "chunk-sha256", _SHA)
        if not body:
            raise Refused(400, "empty_chunk", "empty chunk")
        if hashlib.sha256(body).hexdigest() != chunk_sha:
            raise Refused(422, "chunk_hash", "the chunk's SHA-256 does not match (damaged on the way)")
        res = await run_in_threadpool(store.write_chunk, caller, uid, offset, body)
        return JSONResponse(res, headers={"Upload-Offset": str(res["offset"])})

    async def mailbox(request: Request, caller: Caller, body: bytes) -> Response:  # noqa: ARG001
        return JSONResponse({"bundles": await run_in_threadpool(store.waiting, caller), "server_time": time.time()})

    async def sent(request: Request, caller: Caller, body: bytes) -> Response:  # noqa: ARG001
        return JSONResponse({"bundles": await run_in_threadpool(store.sent, caller)})

    async def download(request: Request, caller: Caller, body: bytes) -> Response:  # noqa: ARG001
        sha = request.path_params["sha"]
        if not _SHA.fullmatch(sha):
            raise Refused(404, "no_bundle", "no such bundle")
        path, size = await run_in_threadpool(store.bundle_file, caller, sha)
        start, end, status = 0, size - 1, 200
        rng = request.headers.get("range")
        if rng:
            m = _RANGE.fullmatch(rng.strip())
            if m is None:
                raise Refused(416, "bad_range", "unsupported Range")
            start = int(m.group(1))
            end = min(int(m.group(2)), size - 1) if m.group(2) else size - 1
            if start >= size or end < start:
                return Response(status_code=416, headers={"Content-Range": f"bytes */{size}"})
            status = 206
        if end == size - 1:
            await run_in_threadpool(store.mark_delivered, caller, sha)

        def chunks():  # noqa: ANN202
            with path.open("rb") as fh:
                fh.seek(start)
                left = end - start + 1
                while left > 0:
                    block = fh.read(min(65536, left))
                    if not block:
                        break
                    left -= len(block)
                    yield block

        headers = {"Content-Length": str(end - start + 1), "Accept-Ranges": "bytes", "Bundle-Sha256": sha}
        if status == 206:
            headers["Content-Range"] = f"bytes {start}-{end}/{size}"
        return StreamingResponse(chunks(), status_code=status, headers=headers,
                                 media_type="application/octet-stream")

    async def ack(request: Request, caller: Caller, body: bytes) -> Response:
        import json

        sha = request.path_params["sha"]
        receipt = None
        if body:
            try:
                doc = json.loads(body)
                receipt = doc.get("receipt") if isinstance(doc, dict) else None
            except ValueError:
                raise Refused(400, "bad_body", "the body is not JSON") from None
        if receipt is not None and not (isinstance(receipt, str) and re.fullmatch(r"[0-9A-Z-]{1,20}", receipt)):
            raise Refused(400, "bad_body", "malformed receipt")
        if not _SHA.fullmatch(sha) or not await run_in_threadpool(store.ack, caller, sha, receipt):
            raise Refused(404, "no_bundle", "no such bundle in this office's mailbox")
        return JSONResponse({"ok": True})

    def province_only(caller: Caller) -> None:
        if caller.role != "province":
            raise Refused(403, "province_only", "only the provincial office manages the relay's offices")

    async def list_offices(request: Request, caller: Caller, body: bytes) -> Response:  # noqa: ARG001
        province_only(caller)
        return JSONResponse({"offices": await run_in_threadpool(store.offices)})

    async def register(request: Request, caller: Caller, body: bytes) -> Response:  # noqa: ARG001
        from ocop_desktop.errors import BadInput
        from ocop_desktop.sync import profiles

        province_only(caller)
        try:
            profile = profiles.read_profile(body)
        except BadInput as exc:
            raise Refused(400, "bad_profile", exc.message) from None
        status = await run_in_threadpool(store.register, profile)
        log.info("office %s (%s) %s by %s", profile.name, profile.office_id, status, caller.name)
        return JSONResponse({"status": status, "office_id": profile.office_id, "name": profile.name})

    async def remove(request: Request, caller: Caller, body: bytes) -> Response:  # noqa: ARG001
        province_only(caller)
        oid = request.path_params["oid"]
        if oid == caller.office_id:
            raise Refused(409, "remove_self", "the provincial office cannot remove itself over the network")
        if not _UUID.fullmatch(oid) or not await run_in_threadpool(store.remove, oid):
            raise Refused(404, "unknown_office", "no such office on the relay")
        log.info("office %s removed by %s", oid, caller.name)
        return JSONResponse({"ok": True})

    async def health(request: Request) -> Response:  # noqa: ARG001
        return JSONResponse(await run_in_threadpool(store.health))

    async def housekeeping() -> None:
        import anyio

        while True:
            try:
                n = await run_in_threadpool(store.expire)
                if n:
                    log.info("expired %d bundles or abandoned uploads", n)
            except Exception:  # noqa: BLE001 — keep serving; the log says why
                log.exception("housekeeping failed")
            await anyio.sleep(3600)

    from contextlib import asynccontextmanager

    @asynccontextmanager
    async def lifespan(app: Starlette):  # noqa: ANN202, ARG001
        import anyio

        async with anyio.create_task_group() as tg:
            tg.start_soon(housekeeping)
            yield
            tg.cancel_scope.cancel()
        store.close()

    routes = [
        Route("/health", health, methods=["GET"]),
        Route("/v1/uploads", endpoint(create_upload), methods=["POST"]),
        Route("/v1/uploads/{uid}", endpoint(head_upload), methods=["HEAD"]),
        Route("/v1/uploads/{uid}", endpoint(patch_upload, body_limit=lim.max_chunk), methods=["PATCH"]),
        Route("/v1/mailbox", endpoint(mailbox), methods=["GET"]),
        Route("/v1/mailbox/{sha}", endpoint(download), methods=["GET"]),
        Route("/v1/mailbox/{sha}/ack", endpoint(ack), methods=["POST"]),
        Route("/v1/sent", endpoint(sent), methods=["GET"]),
        Route("/v1/offices", endpoint(list_offices), methods=["GET"]),
        Route("/v1/offices", endpoint(register, body_limit=MAX_PROFILE), methods=["POST"]),
        Route("/v1/offices/{oid}", endpoint(remove), methods=["DELETE"]),
    ]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.store = store
    return app
