"""Running the relay: uvicorn on the given address, TLS from a certificate file or plain
HTTP by explicit choice, a log in ``<data>/relay.log`` (rotated, 10 × 5 MB) and on
stderr; and the pin of a certificate (SHA-256 of its public key, what offices check)."""

from __future__ import annotations

import hashlib
import logging
import logging.handlers
from pathlib import Path

from ocop_desktop.relay.store import Limits


def spki_pin(cert_pem: bytes) -> str:
    """SHA-256 (hex) of a certificate's SubjectPublicKeyInfo: the pin stays the same when
    the certificate is renewed with the same key."""
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    cert = x509.load_pem_x509_certificate(cert_pem)
    spki = cert.public_key().public_bytes(serialization.Encoding.DER,
                                          serialization.PublicFormat.SubjectPublicKeyInfo)
    return hashlib.sha256(spki).hexdigest()


def spki_pin_der(cert_der: bytes) -> str:
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    cert = x509.load_der_x509_certificate(cert_der)
    spki = cert.public_key().public_bytes(serialization.Encoding.DER,
                                          serialization.PublicFormat.SubjectPublicKeyInfo)
    return hashlib.sha256(spki).hexdigest()


def setup_logging(data_dir: Path) -> None:
    log = logging.getLogger("ocop_desktop.relay")
    log.setLevel(logging.INFO)
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(message)s")
    fh = logging.handlers.RotatingFileHandler(data_dir / "relay.log", maxBytes=5 * 1024 * 1024, backupCount=10,
                                              encoding="utf-8")
    fh.setFormatter(fmt)
    sh = logging.StreamHandler()
    sh.setFormatter(fmt)
    log.addHandler(fh)
    log.addHandler(sh)


def serve(data_dir: Path, host: str, port: int, *, limits: Limits, tls_cert: Path | None = None,
          tls_key: Path | None = None) -> None:
    import uvicorn

    from ocop_desktop.relay.server import create_app

    data_dir.mkdir(parents=True, exist_ok=True)
    setup_logging(data_dir)
    log = logging.getLogger("ocop_desktop.relay")
    app = create_app(data_dir, limits)
    scheme = "https" if tls_cert else "http"
    log.info("relay starting on %s://%s:%d, data in %s", scheme, host, port, data_dir)
    if tls_cert:
        log.info("certificate pin (give it to the offices): %s", spki_pin(tls_cert.read_bytes()))
    uvicorn.run(app, host=host, port=port, ssl_certfile=str(tls_cert) if tls_cert else None,
                ssl_keyfile=str(tls_key) if tls_key else None, log_level="warning",
                timeout_keep_alive=30, access_log=False)
