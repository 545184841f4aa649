"""Writing a PDF to a path or an open binary file: an unwritable path is a clear refusal and a
half-written file is removed (shared by the certificate and the A4 documents)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ocop_desktop.errors import BadInput
from ocop_desktop.i18n import _


class PdfOutputError(BadInput):
    """The PDF cannot be written where asked."""


def _refusal(path: Path, exc: OSError) -> PdfOutputError:
    return PdfOutputError(
        _("Cannot write the PDF to {path}: {reason}.").format(path=path, reason=exc.strerror or exc),
        hint=_("Choose a folder you can write to (for example your Documents folder) and check the disk "
               "is not full or write-protected."))


@contextlib.contextmanager
def pdf_output(out: str | os.PathLike[str] | BinaryIO) -> Iterator[BinaryIO]:
    """The file to write into; a file object given by the caller is left open."""
    if hasattr(out, "write"):
        yield out  # type: ignore[misc]
        return
    path = Path(out).expanduser()
    try:
        if path.is_dir():
            raise IsADirectoryError(21, "Is a directory")
        fh = open(path, "wb")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise _refusal(path, exc) from None
    try:
        yield fh
    except OSError as exc:
        fh.close()
        path.unlink(missing_ok=True)
        raise _refusal(path, exc) from None
    except BaseException:
        fh.close()
        path.unlink(missing_ok=True)
        raise
    fh.close()
