"""Product photos stored by content hash, with thumbnails (Pillow, no Qt).

Files live in ``<db>-files/photos/ab/<sha256>.<ext>`` and thumbnails in
``…/photos/thumbs/<sha256>.png``. The same picture added twice is stored once.
Pictures are untrusted files: Pillow must decode them fully before they are kept.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from sqlalchemy.orm import Session

from ocop_desktop.errors import BadInput
from ocop_desktop.i18n import _
from ocop_desktop.models import Photo

MAX_BYTES = 25 * 1024 * 1024
MAX_PIXELS = 60_000_000  # a 60-megapixel photo; beyond that Pillow's bomb check trips anyway
THUMB_SIZE = (256, 256)
_FORMATS = {"JPEG": ("image/jpeg", ".jpg"), "PNG": ("image/png", ".png"), "WEBP": ("image/webp", ".webp")}


def photo_path(root: Path, sha: str, mime: str) -> Path:
    ext = next((e for m, e in _FORMATS.values() if m == mime), ".bin")
    return root / sha[:2] / f"{sha}{ext}"


def thumb_path(root: Path, sha: str) -> Path:
    return root / "thumbs" / f"{sha}.png"


def add_photo(session: Session, root: Path, source: os.PathLike[str] | str) -> str:
    """Check, store and register a picture; returns its SHA-256."""
    src = Path(source)
    try:
        data = src.read_bytes()
    except OSError as exc:
        raise BadInput(_("The photo {name} cannot be read: {reason}").format(name=src.name, reason=exc.strerror)) from None
    sha, mime, width, height = store_picture(root, data, src.name)
    if session.get(Photo, sha) is None:
        session.add(Photo(sha256=sha, mime=mime, size=len(data), width=width, height=height,
                          original_name=src.name[:255]))
        session.flush()
    return sha


def store_picture(root: Path, data: bytes, name: str) -> tuple[str, str, int, int]:
    """Check an untrusted picture fully (Pillow), store it by hash with its thumbnail.

    Returns (sha256, mime, width, height); raises BadInput naming ``name``.
    """
    from PIL import Image, UnidentifiedImageError

    if len(data) > MAX_BYTES:
        raise BadInput(_("The photo {name} is larger than 25 MB; please reduce it first.").format(name=name))
    import io
    import warnings

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as img:
                fmt = img.format
                width, height = img.size
                if width * height > MAX_PIXELS:
                    raise Image.DecompressionBombError("too many pixels")
                img.load()
                thumb = img.convert("RGB") if img.mode not in ("RGB", "RGBA") else img.copy()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError,
            Image.DecompressionBombWarning):
        raise BadInput(_("{name} is not a readable JPEG, PNG or WebP picture.").format(name=name)) from None
    if fmt not in _FORMATS:
        raise BadInput(_("{name}: only JPEG, PNG or WebP pictures can be added.").format(name=name))
    mime = _FORMATS[fmt][0]
    sha = hashlib.sha256(data).hexdigest()
    dest = photo_path(root, sha, mime)
    if not dest.exists():
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = dest.with_suffix(dest.suffix + ".part")
        tmp.write_bytes(data)
        os.replace(tmp, dest)
    tpath = thumb_path(root, sha)
    if not tpath.exists():
        tpath.parent.mkdir(parents=True, exist_ok=True)
        thumb.thumbnail(THUMB_SIZE)
        thumb.save(tpath, "PNG")
    return sha, mime, width, height


def missing_photos(session: Session, root: Path, hashes: list[str]) -> list[str]:
    """Hashes whose file is not on disk (e.g. deferred to a later sync bundle)."""
    out = []
    for sha in hashes:
        ph = session.get(Photo, sha)
        if ph is None or not photo_path(root, sha, ph.mime).exists():
            out.append(sha)
    return out
