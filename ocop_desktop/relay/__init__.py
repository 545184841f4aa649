"""The provincial relay: a mailbox per office on a small HTTP server, so that bundles
travel over the internet when a connection exists (issue 13).

- :mod:`auth` — Ed25519-signed requests (shared by server and client).
- :mod:`store` — the relay's SQLite index and bundle files (server side).
- :mod:`server` — the Starlette app; :mod:`serve` runs it under uvicorn.
- :mod:`client` — the httpx client: signed requests, pinned TLS, resumable chunks.
- :mod:`config` — the office's relay settings (in the office database).
- :mod:`exchange` — push (export + upload) and pull (download + import + ack).

Bundles are already signed and encrypted end to end: the relay never opens them.
"""
