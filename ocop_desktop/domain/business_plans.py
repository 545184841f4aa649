"""Business plans (phương án / dự án sản xuất kinh doanh, step 3 of the OCOP cycle): the plan's
status and the files that may be attached to it. Codes are stored; labels are English message
ids shown through gettext. Pure: no database, no Qt."""

from __future__ import annotations

from enum import StrEnum

from ocop_desktop.i18n import N_


class PlanStatus(StrEnum):
    """Where a business plan stands."""

    SUBMITTED = "submitted"  # đã nộp
    APPROVED = "approved"  # được phê duyệt (with the approving document)
    RETURNED = "returned"  # trả lại (with a reason; may be resubmitted)
    IN_PROGRESS = "in_progress"  # đang triển khai
    DONE = "done"  # hoàn thành


PLAN_STATUS_LABELS: dict[PlanStatus, str] = {
    PlanStatus.SUBMITTED: N_("Submitted"),
    PlanStatus.APPROVED: N_("Approved"),
    PlanStatus.RETURNED: N_("Returned"),
    PlanStatus.IN_PROGRESS: N_("In progress"),
    PlanStatus.DONE: N_("Done"),
}

#: Statuses reached only after the plan was approved: they need the approving document too.
APPROVED_STATUSES = frozenset({PlanStatus.APPROVED, PlanStatus.IN_PROGRESS, PlanStatus.DONE})

#: Largest attached file, stated in the refusal message.
MAX_ATTACHMENT_MB = 20
MAX_ATTACHMENT_BYTES = MAX_ATTACHMENT_MB * 1024 * 1024
#: Files per plan (a scan of each page may be a file of its own).
MAX_ATTACHMENTS = 50

#: Accepted kinds: mime → (extension kept on disk, the extensions a file may be named with, label).
ATTACHMENT_KINDS: dict[str, tuple[str, tuple[str, ...], str]] = {
    "application/pdf": (".pdf", (".pdf",), "PDF"),
    "image/jpeg": (".jpg", (".jpg", ".jpeg"), "JPEG"),
    "image/png": (".png", (".png",), "PNG"),
    "image/tiff": (".tif", (".tif", ".tiff"), "TIFF"),
    "application/msword": (".doc", (".doc",), "DOC"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (".docx", (".docx",), "DOCX"),
    "application/vnd.ms-excel": (".xls", (".xls",), "XLS"),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": (".xlsx", (".xlsx",), "XLSX"),
}
ACCEPTED_TEXT = "PDF, JPEG, PNG, TIFF, DOC/DOCX, XLS/XLSX"

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound file of .doc and .xls


def sniff(data: bytes, name: str) -> str | None:
    """The mime type of ``data`` from its first bytes (and, for the containers DOC/XLS and
    DOCX/XLSX share, its content or name), or None when it is none of the accepted kinds.
    The name alone never makes a file acceptable."""
    ext = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith((b"II*\x00", b"MM\x00*")):
        return "image/tiff"
    if data.startswith(_OLE):
        if ext == "xls":
            return "application/vnd.ms-excel"
        if ext == "doc":
            return "application/msword"
        return _ole_kind(data)
    if data.startswith(b"PK\x03\x04"):
        return _ooxml_kind(data)
    return None


def _ole_kind(data: bytes) -> str | None:
    """A compound file named neither .doc nor .xls: Word or Excel by the stream names it holds
    (UTF-16 in the directory sectors)."""
    if "WordDocument".encode("utf-16-le") in data:
        return "application/msword"
    if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
        return "application/vnd.ms-excel"
    return None


def _ooxml_kind(data: bytes) -> str | None:
    """A ZIP that is a Word or Excel document: it has ``word/document.xml`` or ``xl/workbook.xml``."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    if "word/document.xml" in names:
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    if "xl/workbook.xml" in names:
        return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return None


def extension(mime: str) -> str:
    kind = ATTACHMENT_KINDS.get(mime)
    return kind[0] if kind else ".bin"


def kind_label(mime: str) -> str:
    kind = ATTACHMENT_KINDS.get(mime)
    return kind[2] if kind else mime
