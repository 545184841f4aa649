"""Error classes. A :class:`KnownError` is an environment or input problem that the
user can act on; it carries a translated message. Anything else is a bug."""

from __future__ import annotations


class KnownError(Exception):
    """An expected failure with a message fit for an officer (already translated)."""

    #: CLI exit code: 2 = refused input, 1 = other failure.
    exit_code = 1

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def full_message(self) -> str:
        return self.message if not self.hint else f"{self.message}\n{self.hint}"


class BadInput(KnownError):
    """Input that was refused: a bad file, argument or field value."""

    exit_code = 2


class DatabaseError(KnownError):
    """The database file cannot be used (locked, read-only, corrupt, newer, not SQLite)."""

    exit_code = 2


class DatabaseLocked(DatabaseError):
    pass


class DatabaseReadOnly(DatabaseError):
    pass


class DatabaseCorrupt(DatabaseError):
    pass


class NotADatabase(DatabaseError):
    pass


class DatabaseTooNew(DatabaseError):
    pass


class ValidationFailed(BadInput):
    """A record failed validation; ``errors`` maps field name → message."""

    def __init__(self, errors: dict[str, str]) -> None:
        from ocop_desktop.i18n import _

        lines = "\n".join(f"- {msg}" for msg in errors.values())
        super().__init__(_("The record was not saved:") + "\n" + lines)
        self.errors = errors


class NotFound(BadInput):
    pass


class NotAllowed(BadInput):
    """The local office's role does not do this (a field office recording a decision…)."""


class DiskFull(DatabaseError):
    """The disk holding the database (or the file being written) has no room left."""
