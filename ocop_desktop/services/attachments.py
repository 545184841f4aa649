"""Files attached to business plans (scans, PDFs, Word and Excel documents), stored once by
content hash like photos: ``<db>-files/attachments/ab/<sha256>.<ext>``.

Files come from outside and are untrusted: a file is kept only when it can be read, is not
empty, is at most :data:`~ocop_desktop.domain.business_plans.MAX_ATTACHMENT_MB` MB and its first
bytes (not only its name) say it is one of the accepted kinds. Qt-free; never commits.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from ocop_desktop import paths
from ocop_desktop.domain.business_plans import (
    ACCEPTED_TEXT,
    MAX_ATTACHMENT_BYTES,
    MAX_ATTACHMENT_MB,
    extension,
    sniff,
)
from ocop_desktop.errors import BadInput
from ocop_desktop.i18n import _
from ocop_desktop.models import Attachment


@dataclass(frozen=True)
class CheckedFile:
    sha256: str
    mime: str
    size: int
    name: str
    data: bytes


def attachments_dir(db_path: Path) -> Path:
    return paths.office_files_dir(db_path) / "attachments"


def attachment_path(root: Path, sha: str, mime: str) -> Path:
    return root / sha[:2] / f"{sha}{extension(mime)}"


def check_bytes(data: bytes, name: str) -> CheckedFile:
    """Refuse, naming the file and the reason, what may not be attached."""
    if not data:
        raise BadInput(_("{name} is empty (0 bytes); it was not attached.").format(name=name))
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise BadInput(_("{name} is larger than {mb} MB; attach a smaller file (scan at a lower resolution, "
                         "or split it).").format(name=name, mb=MAX_ATTACHMENT_MB))
    mime = sniff(data, name)
    if mime is None:
        raise BadInput(_("{name} is not a file of an accepted kind ({kinds}): its content is not what its name "
                         "says, or it is damaged.").format(name=name, kinds=ACCEPTED_TEXT))
    return CheckedFile(hashlib.sha256(data).hexdigest(), mime, len(data), name, data)


def read_file(source: os.PathLike[str] | str) -> CheckedFile:
    """Read and check a file the officer chose (a worker may call this: no session)."""
    src = Path(source)
    name = src.name
    try:
        if not src.is_file():
            raise BadInput(_("{name} is not a readable file.").format(name=name or str(src)))
        if src.stat().st_size > MAX_ATTACHMENT_BYTES:  # do not read a 4 GB file to refuse it
            raise BadInput(_("{name} is larger than {mb} MB; attach a smaller file (scan at a lower resolution, "
                             "or split it).").format(name=name, mb=MAX_ATTACHMENT_MB))
        data = src.read_bytes()
    except OSError as exc:
        raise BadInput(_("{name} cannot be read: {reason}").format(name=name or str(src),
                                                                   reason=exc.strerror or exc)) from None
    return check_bytes(data, name)


def store_file(root: Path, checked: CheckedFile) -> Path:
    """Write the file under its hash (once; atomically) and return its path."""
    dest = attachment_path(root, checked.sha256, checked.mime)
    if not dest.exists():
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = dest.with_suffix(dest.suffix + ".part")
        tmp.write_bytes(checked.data)
        os.replace(tmp, dest)
    return dest


def register(session: Session, root: Path, checked: CheckedFile) -> dict[str, str]:
    """Store the file and its row; return the plan's reference ``{"sha256", "name"}``."""
    store_file(root, checked)
    if session.get(Attachment, checked.sha256) is None:
        session.add(Attachment(sha256=checked.sha256, mime=checked.mime, size=checked.size,
                               original_name=checked.name[:255]))
        session.flush()
    return {"sha256": checked.sha256, "name": checked.name[:255]}


def add_file(session: Session, root: Path, source: os.PathLike[str] | str) -> dict[str, str]:
    return register(session, root, read_file(source))


def file_of(session: Session, root: Path, sha: str) -> Path | None:
    """The stored file of a hash, or None when it is not here (yet: it may come in a later bundle)."""
    att = session.get(Attachment, sha)
    if att is None:
        return None
    path = attachment_path(root, sha, att.mime)
    return path if path.is_file() else None


def save_copy(session: Session, root: Path, sha: str, target: os.PathLike[str] | str) -> Path:
    """Copy a stored file where the officer chose."""
    src = file_of(session, root, sha)
    if src is None:
        raise BadInput(_("This file is not on this computer yet; it will arrive with a later sync bundle."))
    dest = Path(target)
    try:
        shutil.copyfile(src, dest)
    except OSError as exc:
        raise BadInput(_("The copy could not be written to {path}: {reason}").format(
            path=dest, reason=exc.strerror or exc)) from None
    return dest


def verify_stored(root: Path, sha: str, mime: str) -> bool:
    """The stored file is still the one named by its hash."""
    path = attachment_path(root, sha, mime)
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() == sha
    except OSError:
        return False
