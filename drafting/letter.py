"""The letter: metadata, sections in template order, blocks and inline spans.

A `Letter` is plain data. It never drops text: blocks whose section is unknown
live in `Letter.unassigned`, and `Letter.to_dict`/`from_dict` round-trip every
field exactly (the draft store relies on it).

Blocks carry a stable `id` so that requirement confirmations, findings and
carry-over marks survive edits of other blocks.
"""

from __future__ import annotations

import datetime
import functools
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from drafting.annotations import Comment, Review, Suggestion
from drafting.conflicts import Conflict

# Format 2 added reviewers' suggestions, comments and reviews (issue 19). A
# letter without any is still written as format 1, so older Missive versions
# open it; one with them is written as format 2, which they refuse rather than
# silently dropping what the reviewers said.
LETTER_FORMAT = 2

SpanKind = Literal["text", "link", "placeholder"]
BlockKind = Literal["paragraph", "subheading", "bullet"]
BLOCK_KINDS: tuple[str, ...] = ("paragraph", "subheading", "bullet")
SPAN_KINDS: tuple[str, ...] = ("text", "link", "placeholder")

# A bracketed item the writer still has to confirm: "[618]", "[date]".
PLACEHOLDER_RE = re.compile(r"\[[^\[\]\n]{1,200}\]")

UNASSIGNED = "unassigned"


def new_id() -> str:
    """A short random id for a block."""
    return uuid.uuid4().hex[:12]


@dataclass
class Span:
    """A run of text with one formatting.

    `kind` is "text", "link" (with `target`) or "placeholder" (bracketed text
    still to be confirmed, brackets included in `text`).
    """

    text: str
    bold: bool = False
    italic: bool = False
    kind: SpanKind = "text"
    target: str | None = None

    def same_format(self, other: Span) -> bool:
        return (self.bold, self.italic, self.kind, self.target) == (
            other.bold,
            other.italic,
            other.kind,
            other.target,
        )

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"text": self.text}
        if self.bold:
            d["bold"] = True
        if self.italic:
            d["italic"] = True
        if self.kind != "text":
            d["kind"] = self.kind
        if self.target is not None:
            d["target"] = self.target
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Span:
        kind = d.get("kind", "text")
        if kind not in SPAN_KINDS:
            kind = "text"
        return cls(
            text=str(d.get("text", "")),
            bold=bool(d.get("bold", False)),
            italic=bool(d.get("italic", False)),
            kind=kind,
            target=d.get("target"),
        )


@dataclass
class Block:
    """A paragraph, a subheading or one bullet item (`level` 0 or 1)."""

    kind: BlockKind = "paragraph"
    spans: list[Span] = field(default_factory=list)
    level: int = 0
    id: str = field(default_factory=new_id)
    # Set when the text came from a previous letter and is not yet confirmed.
    carried: bool = False
    # Set when the text is the template's boilerplate, unedited.
    boilerplate: bool = False

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)

    @classmethod
    def from_text(cls, text: str, kind: BlockKind = "paragraph", **kw: Any) -> Block:
        """A block from plain text, with `[…]` items marked as placeholders."""
        return cls(kind=kind, spans=spans_from_text(text), **kw)

    def set_text(self, text: str) -> None:
        """Replace the content with plain text (formatting dropped)."""
        self.spans = spans_from_text(text)

    def word_count(self) -> int:
        return count_words(self.text)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "spans": [s.to_dict() for s in self.spans],
        }
        if self.level:
            d["level"] = self.level
        if self.carried:
            d["carried"] = True
        if self.boilerplate:
            d["boilerplate"] = True
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Block:
        kind = d.get("kind", "paragraph")
        if kind not in BLOCK_KINDS:
            kind = "paragraph"
        return cls(
            kind=kind,
            spans=[Span.from_dict(s) for s in d.get("spans", [])],
            level=int(d.get("level", 0)),
            id=str(d.get("id") or new_id()),
            carried=bool(d.get("carried", False)),
            boilerplate=bool(d.get("boilerplate", False)),
        )


@dataclass
class Section:
    """The writer's text for one template section."""

    id: str
    blocks: list[Block] = field(default_factory=list)
    # The heading the template gave when the draft last followed it; kept so a
    # section removed from a newer template can still be shown by name.
    heading: str = ""

    @property
    def text(self) -> str:
        return "\n\n".join(b.text for b in self.blocks)

    def word_count(self) -> int:
        return sum(b.word_count() for b in self.blocks)

    def is_empty(self) -> bool:
        return not any(b.text.strip() for b in self.blocks)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "heading": self.heading,
            "blocks": [b.to_dict() for b in self.blocks],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Section:
        return cls(
            id=str(d["id"]),
            heading=str(d.get("heading", "")),
            blocks=[Block.from_dict(b) for b in d.get("blocks", [])],
        )


@dataclass
class Annex:
    """An annex after the signature: a title and its own blocks."""

    title: str = ""
    original_language: str = ""
    blocks: list[Block] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "original_language": self.original_language,
            "blocks": [b.to_dict() for b in self.blocks],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Annex:
        return cls(
            title=str(d.get("title", "")),
            original_language=str(d.get("original_language", "")),
            blocks=[Block.from_dict(b) for b in d.get("blocks", [])],
        )


@dataclass
class Metadata:
    """Everything about the letter that is not its body text."""

    mission: str = "MINUSMA"
    organ: str = "security-council"
    symbol: str = ""
    # `datetime.date` in full: the field named `date` would shadow the type.
    date: datetime.date | None = None  # masthead (issue) date
    letter_date: datetime.date | None = None  # "Letter dated …"
    language: str = "en"
    original_language: str = "en"
    job_number: str = ""
    addressee: str = ""
    signatory: str = ""
    period_start: datetime.date | None = None
    period_end: datetime.date | None = None
    mandate_reference: str = ""
    closing: str = ""

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {}
        for name, value in self.__dict__.items():
            d[name] = value.isoformat() if isinstance(value, datetime.date) else value
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Metadata:
        m = cls()
        for name in m.__dict__:
            if name not in d:
                continue
            value = d[name]
            if name in _DATE_FIELDS:
                value = datetime.date.fromisoformat(value) if value else None
            elif value is None:
                value = ""
            setattr(m, name, value)
        return m


_DATE_FIELDS = {"date", "letter_date", "period_start", "period_end"}


@dataclass(frozen=True)
class Confirmation:
    """The writer's word that `block_id` meets `requirement_id`."""

    requirement_id: str
    block_id: str


@dataclass
class Letter:
    """A whole letter under way."""

    template_id: str
    template_version: int
    metadata: Metadata = field(default_factory=Metadata)
    sections: list[Section] = field(default_factory=list)
    unassigned: list[Block] = field(default_factory=list)
    annexes: list[Annex] = field(default_factory=list)
    confirmations: list[Confirmation] = field(default_factory=list)
    # What two merged copies both changed, until the writer chooses (drafting.conflicts).
    conflicts: list[Conflict] = field(default_factory=list)
    suggestions: list[Suggestion] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)

    # -- lookup ---------------------------------------------------------
    def section(self, section_id: str) -> Section:
        for s in self.sections:
            if s.id == section_id:
                return s
        raise KeyError(section_id)

    def section_ids(self) -> list[str]:
        return [s.id for s in self.sections]

    def iter_blocks(self) -> Iterator[tuple[str, int, Block]]:
        """Every body block as (section id, index in section, block).

        Unassigned blocks come last with the section id "unassigned".
        """
        for s in self.sections:
            for i, b in enumerate(s.blocks):
                yield s.id, i, b
        for i, b in enumerate(self.unassigned):
            yield UNASSIGNED, i, b

    def find_block(self, block_id: str) -> tuple[str, int, Block] | None:
        for sid, i, b in self.iter_blocks():
            if b.id == block_id:
                return sid, i, b
        return None

    def word_count(self) -> int:
        return sum(s.word_count() for s in self.sections)

    # -- confirmations --------------------------------------------------
    def confirm(self, requirement_id: str, block_id: str) -> None:
        c = Confirmation(requirement_id, block_id)
        if c not in self.confirmations:
            self.confirmations.append(c)

    def unconfirm(self, requirement_id: str, block_id: str | None = None) -> None:
        self.confirmations = [
            c
            for c in self.confirmations
            if not (
                c.requirement_id == requirement_id
                and (block_id is None or c.block_id == block_id)
            )
        ]

    def confirmed_blocks(self, requirement_id: str) -> list[str]:
        """Ids of existing blocks the writer linked to `requirement_id`."""
        return [
            c.block_id
            for c in self.confirmations
            if c.requirement_id == requirement_id and self.find_block(c.block_id)
        ]

    # -- serialization --------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        reviewed = bool(self.suggestions or self.comments or self.reviews)
        d: dict[str, Any] = {
            "format": LETTER_FORMAT if reviewed else 1,
            "template": {"id": self.template_id, "version": self.template_version},
            "metadata": self.metadata.to_dict(),
            "sections": [s.to_dict() for s in self.sections],
            "unassigned": [b.to_dict() for b in self.unassigned],
            "annexes": [a.to_dict() for a in self.annexes],
            "confirmations": [
                {"requirement": c.requirement_id, "block": c.block_id}
                for c in self.confirmations
            ],
        }
        if self.conflicts:  # absent when empty: letters without conflicts keep their hash
            d["conflicts"] = [c.to_dict() for c in self.conflicts]
        # Each absent when empty too: a letter without them keeps its hash.
        for name, records in (("suggestions", self.suggestions), ("comments", self.comments),
                              ("reviews", self.reviews)):
            if records:
                d[name] = [x.to_dict() for x in records]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Letter:
        """Rebuild a letter; raises KeyError/ValueError/TypeError on bad data."""
        fmt = int(d.get("format", 1))
        if fmt > LETTER_FORMAT:
            raise ValueError(f"letter format {fmt} is newer than {LETTER_FORMAT}")
        t = d["template"]
        return cls(
            template_id=str(t["id"]),
            template_version=int(t["version"]),
            metadata=Metadata.from_dict(d.get("metadata", {})),
            sections=[Section.from_dict(s) for s in d.get("sections", [])],
            unassigned=[Block.from_dict(b) for b in d.get("unassigned", [])],
            annexes=[Annex.from_dict(a) for a in d.get("annexes", [])],
            confirmations=[
                Confirmation(str(c["requirement"]), str(c["block"]))
                for c in d.get("confirmations", [])
            ],
            conflicts=[Conflict.from_dict(c) for c in d.get("conflicts", [])],
            suggestions=[Suggestion.from_dict(x) for x in d.get("suggestions", [])],
            comments=[Comment.from_dict(x) for x in d.get("comments", [])],
            reviews=[Review.from_dict(x) for x in d.get("reviews", [])],
        )

    def copy(self) -> Letter:
        """A deep copy (through the dict form, which is exact)."""
        return Letter.from_dict(self.to_dict())


# -- text helpers ---------------------------------------------------------

# Chinese and Japanese text has no spaces: each ideograph counts as a word, as
# UN translation services count them; other scripts count runs of letters.
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_LETTERS = rf"(?:(?![{_HAN}])[^\W_])+"
_WORD_RE = re.compile(rf"[{_HAN}]|{_LETTERS}(?:[’'\-.,]{_LETTERS})*", re.UNICODE)


@functools.lru_cache(maxsize=32768)
def count_words(text: str) -> int:
    """Words as a writer counts them: "l’Accord" counts once, numbers count,
    and each Chinese character counts as one word."""
    # Cached: the window recounts every section on each keystroke, and a
    # 200-page letter's ~2,500 paragraph texts are far cheaper to hash than to scan.
    return len(_WORD_RE.findall(text))


def spans_from_text(text: str, bold: bool = False, italic: bool = False) -> list[Span]:
    """Split plain text into text and placeholder spans."""
    spans: list[Span] = []
    pos = 0
    for m in PLACEHOLDER_RE.finditer(text):
        if m.start() > pos:
            spans.append(Span(text[pos : m.start()], bold, italic))
        spans.append(Span(m.group(0), bold, italic, kind="placeholder"))
        pos = m.end()
    if pos < len(text) or not spans:
        spans.append(Span(text[pos:], bold, italic))
    return spans


def normalize_spans(spans: list[Span]) -> list[Span]:
    """Merge adjacent spans of the same format and drop empty ones."""
    out: list[Span] = []
    for s in spans:
        if not s.text:
            continue
        if out and out[-1].same_format(s) and s.kind == "text":
            out[-1] = replace(out[-1], text=out[-1].text + s.text)
        else:
            out.append(replace(s))
    return out
