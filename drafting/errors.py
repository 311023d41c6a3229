"""Typed errors for I/O and format failures (CONVENTIONS rule 3).

User mistakes in a letter are `Finding`s, not exceptions; these errors are for
files that cannot be read or written. Every message is one plain sentence a
writer can act on; the CLI prints it on one line and the GUI shows it as is.
"""

from __future__ import annotations


class MissiveError(Exception):
    """Base class of every error Missive raises on purpose."""


class TemplateError(MissiveError):
    """A template file is malformed or fails its schema.

    `problems` holds one `file:line:col: message` string per error.
    """

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems: list[str] = problems if problems is not None else [message]


class TemplateNotFoundError(MissiveError):
    """No template with the requested id is available."""


class DraftError(MissiveError):
    """A draft file cannot be opened or saved."""


class CorruptDraftError(DraftError):
    """The draft file is damaged or is not a Missive draft."""


class UnreadableLetterError(CorruptDraftError):
    """A letter stored in the draft cannot be read (damaged, or too large once
    uncompressed); other revisions may still be readable (Recover)."""


class NewerDraftError(DraftError):
    """The draft was written by a newer version of Missive."""


class DraftLockedError(DraftError):
    """Another running Missive holds the draft open for writing."""


class DraftChangedError(DraftError):
    """The file at the draft's path is no longer the draft this store opened
    (replaced, deleted) or another writer changed it meanwhile; nothing was
    written. `replaced` tells the first case from the second."""

    def __init__(self, message: str, replaced: bool = False) -> None:
        super().__init__(message)
        self.replaced = replaced


class ImportFileError(MissiveError):
    """A file to import (previous letter, contribution) cannot be read."""


class ReviewError(MissiveError):
    """A reviewed copy cannot be brought into this draft (the draft is unchanged)."""


class ForeignCopyError(ReviewError):
    """The reviewed copy was not exported from this draft (a normal import may suit)."""


class NothingReviewedError(ReviewError):
    """The reviewed copy holds no change and no comment: there is nothing to bring in."""


class ExportError(MissiveError):
    """The DOCX could not be written."""


class OutputRefusedError(MissiveError):
    """An output path that must not be written: a draft, the command's own
    source, or a file beside a draft that SQLite relies on."""


class UnknownSectionError(MissiveError):
    """A section id that the letter's template does not define."""

    def __init__(self, section_id: str, valid: list[str]) -> None:
        super().__init__(
            f"unknown section '{section_id}'; valid sections: {', '.join(valid)}"
        )
        self.section_id = section_id
        self.valid = valid
