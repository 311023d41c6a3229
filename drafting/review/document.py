"""A reviewed copy read into plain data: paragraphs with their tracked changes, comments.

`drafting.importers.reviewed` fills these from the DOCX; everything else in
`drafting.review` works on them and never sees XML.

A paragraph is a list of `Piece`s in reading order: plain text, text a
reviewer inserted with changes tracked ("ins") and text deleted with
changes tracked ("del"), each with its author and date. Rejecting every
tracked change gives `base` (what the reviewers saw, plus any edit they made
without tracking); accepting every one gives `final` (the reviewed text).
Formatting changes (`w:rPrChange`, `w:pPrChange`) are not pieces: they are
left out on purpose.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from drafting.review.stamp import ExportStamp

ChangeKind = Literal["", "ins", "del"]


@dataclass
class Piece:
    text: str
    change: ChangeKind = ""
    author: str = ""
    date: str = ""


@dataclass
class ReviewedParagraph:
    """One paragraph of the reviewed copy's body."""

    pieces: list[Piece] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)  # our bookmark names in it
    style: str = ""
    outline: int | None = None
    # The paragraph mark itself tracked as inserted or deleted, by whom.
    mark: ChangeKind = ""
    mark_author: str = ""
    mark_date: str = ""

    @property
    def base(self) -> str:
        """The text with every tracked change rejected."""
        return "".join(p.text for p in self.pieces if p.change != "ins")

    @property
    def final(self) -> str:
        """The text with every tracked change accepted."""
        return "".join(p.text for p in self.pieces if p.change != "del")

    def tracked(self) -> list[Piece]:
        return [p for p in self.pieces if p.change and p.text]

    def all_deleted(self) -> bool:
        """Every character deleted with changes tracked (the paragraph goes)."""
        return bool(self.base.strip()) and not self.final.strip()

    def all_inserted(self) -> bool:
        """Every character inserted with changes tracked (a new paragraph)."""
        return bool(self.final.strip()) and not self.base.strip()


@dataclass
class ReviewedComment:
    """A comment of `comments.xml`, with where it is anchored in the body."""

    id: str
    text: str
    author: str = ""
    date: str = ""
    paragraph: int | None = None  # index of the paragraph its range starts in
    quote: str = ""  # the commented words, as the copy reads with changes accepted
    para_id: str = ""  # w14:paraId of its last paragraph (threads, resolved state)
    parent_para_id: str = ""  # the comment it replies to (commentsExtended)
    done: bool = False  # resolved in Word (commentsExtended w15:done)


@dataclass
class ReviewedDocument:
    """Everything read from a reviewed copy."""

    name: str
    digest: str  # SHA-256 of the file's bytes
    paragraphs: list[ReviewedParagraph] = field(default_factory=list)
    comments: list[ReviewedComment] = field(default_factory=list)
    stamp: ExportStamp | None = None
    last_modified_by: str = ""
    modified: str = ""

    def authors(self) -> list[str]:
        """Everyone with a tracked change or a comment in the copy, in order of appearance."""
        seen: dict[str, None] = {}
        for p in self.paragraphs:
            for piece in p.tracked():
                if piece.author:
                    seen.setdefault(piece.author)
        for c in self.comments:
            if c.author:
                seen.setdefault(c.author)
        return list(seen)
