"""The office's certificate layout settings (per province: the province office sets them).

Decisions carry their own authority and signatory; these settings are the defaults printed
when a decision leaves them empty, the place written before the date ("Cao Bằng, ngày …"),
and an optional logo and border image. Images are untrusted files: Pillow must read them
fully; they are copied next to the database (``<db>-files/print/<sha256>.<ext>``) so the
settings keep working when the original file is moved.
"""

from __future__ import annotations

import dataclasses
import json
import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from ocop_desktop import paths
from ocop_desktop.errors import BadInput, ValidationFailed
from ocop_desktop.i18n import _
from ocop_desktop.models import AppMeta
from ocop_desktop.text import nfc

KEY = "certificate_layout"
MAX_IMAGE = 10 * 1024 * 1024


@dataclass(frozen=True)
class PrintSettings:
    authority: str = ""  # e.g. "ỦY BAN NHÂN DÂN TỈNH CAO BẰNG"; used when a decision has none
    place: str = ""  # e.g. "Cao Bằng"; default: the office's province
    signer_name: str = ""
    signer_title: str = ""  # lines separated by " / " or new lines
    logo: str = ""  # file name inside print_dir(), or ""
    border: str = ""


def print_dir(db_path: Path) -> Path:
    return paths.office_files_dir(db_path) / "print"


def get_print_settings(session: Session) -> PrintSettings:
    row = session.get(AppMeta, KEY)
    if row is None or not row.value:
        return PrintSettings()
    try:
        data = json.loads(row.value)
    except ValueError:
        return PrintSettings()
    known = {f.name for f in dataclasses.fields(PrintSettings)}
    return PrintSettings(**{k: str(v) for k, v in data.items() if k in known and isinstance(v, str)})


def image_file(db_path: Path, name: str) -> Path | None:
    """The stored image for a logo/border setting, if it is there."""
    if not name or "/" in name or "\\" in name:
        return None
    p = print_dir(db_path) / name
    return p if p.is_file() else None


def store_image(db_path: Path, source: os.PathLike[str] | str, what: str) -> str:
    """Check a picture and copy it into the print folder; returns the stored file name."""
    import hashlib
    import io

    from PIL import Image, UnidentifiedImageError

    src = Path(source)
    try:
        data = src.read_bytes()
    except OSError as exc:
        raise BadInput(_("The picture {name} cannot be read: {reason}").format(
            name=src.name, reason=exc.strerror or exc)) from None
    if len(data) > MAX_IMAGE:
        raise BadInput(_("The picture {name} is larger than 10 MB.").format(name=src.name))
    try:
        with Image.open(io.BytesIO(data)) as img:
            fmt = img.format
            img.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise BadInput(_("{name} is not a readable PNG or JPEG picture.").format(name=src.name)) from None
    ext = {"PNG": ".png", "JPEG": ".jpg"}.get(fmt or "")
    if ext is None:
        raise BadInput(_("{name}: the {what} must be a PNG or JPEG picture.").format(name=src.name, what=what))
    name = hashlib.sha256(data).hexdigest()[:32] + ext
    folder = print_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    dest = folder / name
    if not dest.exists():
        tmp = dest.with_suffix(ext + ".part")
        tmp.write_bytes(data)
        os.replace(tmp, dest)
    return name


def save_print_settings(session: Session, settings: PrintSettings) -> PrintSettings:
    s = PrintSettings(**{f.name: nfc(getattr(settings, f.name) or "") for f in dataclasses.fields(PrintSettings)})
    errors = {}
    for f, limit in (("authority", 200), ("place", 80), ("signer_name", 120), ("signer_title", 160)):
        if len(getattr(s, f)) > limit:
            errors[f] = _("At most {n} characters.").format(n=limit)
    if errors:
        raise ValidationFailed(errors)
    session.merge(AppMeta(key=KEY, value=json.dumps(dataclasses.asdict(s), ensure_ascii=False)))
    session.flush()
    return s
