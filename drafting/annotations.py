"""What reviewers said about a letter: suggestions, comments and the reviews they came with.

A reviewed copy of an exported DOCX comes back (issue 19) as records beside
the text, never as changes to it: the writer decides each suggestion, answers
and resolves comments. Every record is flat (strings, numbers, booleans) with
a stable string `id`, so two copies of a draft merge record by record and
field by field (issue 20), and `to_dict`/`from_dict` round-trip them exactly.

- `Suggestion`: one change a reviewer made. `kind` says what: "insert",
  "delete" or "replace" words inside a paragraph (`old` → `new`, found again
  by `start` and the context `before`/`after`), a "new_paragraph" (`new`,
  placed after block `anchor` of `section`), a "delete_paragraph" (`old` is
  its whole text) or a "move_paragraph" (block `block_id` goes after
  `anchor`). `tracked` tells a Word tracked change from an edit found by
  comparing the copy with what was sent.
- `Comment`: a remark anchored on a paragraph (and the words `quote`); a
  reply is a comment whose `parent` is the comment it answers. `resolved` is
  kept on a thread's first comment. `origin` is "reviewer" (came in a copy)
  or "writer" (typed in Missive).
- `Review`: one reviewed copy brought in: its file name and SHA-256 (a copy
  is brought in once), the revision it was exported from, its reviewers.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, fields
from typing import Any, Literal, TypeVar

SuggestionKind = Literal["insert", "delete", "replace", "new_paragraph", "delete_paragraph",
                         "move_paragraph"]
SuggestionStatus = Literal["pending", "accepted", "rejected"]
SUGGESTION_KINDS: tuple[str, ...] = ("insert", "delete", "replace", "new_paragraph",
                                     "delete_paragraph", "move_paragraph")
TEXT_KINDS: tuple[str, ...] = ("insert", "delete", "replace")
STATUSES: tuple[str, ...] = ("pending", "accepted", "rejected")
Origin = Literal["reviewer", "writer"]


def record_id() -> str:
    """A new random id for a suggestion, comment or review."""
    return uuid.uuid4().hex[:12]


@dataclass
class Suggestion:
    """One change a reviewer proposes (see the module docstring)."""

    id: str
    kind: SuggestionKind
    section: str
    block_id: str = ""
    old: str = ""
    new: str = ""
    start: int = 0
    before: str = ""
    after: str = ""
    anchor: str = ""
    block_kind: str = "paragraph"
    author: str = ""
    date: str = ""
    status: SuggestionStatus = "pending"
    tracked: bool = True
    review: str = ""

    @property
    def pending(self) -> bool:
        return self.status == "pending"

    @property
    def in_text(self) -> bool:
        """Whether it changes words inside one paragraph (not whole paragraphs)."""
        return self.kind in TEXT_KINDS

    def to_dict(self) -> dict[str, Any]:
        return _to_dict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Suggestion:
        s = _from_dict(cls, d)
        if s.kind not in SUGGESTION_KINDS:
            raise ValueError(f"unknown suggestion kind {s.kind!r}")
        if s.status not in STATUSES:
            s.status = "pending"
        return s


@dataclass
class Comment:
    """A reviewer's or the writer's remark on a paragraph, or a reply to one."""

    id: str
    text: str
    author: str = ""
    date: str = ""
    section: str = ""
    block_id: str = ""
    quote: str = ""
    parent: str = ""
    resolved: bool = False
    origin: Origin = "reviewer"
    review: str = ""

    def to_dict(self) -> dict[str, Any]:
        return _to_dict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Comment:
        c = _from_dict(cls, d)
        if c.origin not in ("reviewer", "writer"):
            c.origin = "reviewer"
        return c


@dataclass
class Review:
    """One reviewed copy brought into the draft."""

    id: str
    name: str
    digest: str = ""
    revision: int = 0
    reviewers: list[str] = field(default_factory=list)
    date: str = ""

    def to_dict(self) -> dict[str, Any]:
        return _to_dict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Review:
        return _from_dict(cls, d)


R = TypeVar("R", Suggestion, Comment, Review)


def _to_dict(record: Suggestion | Comment | Review) -> dict[str, Any]:
    """Every field that differs from its default (the id always), in field order."""
    out: dict[str, Any] = {}
    for f in fields(record):
        value = getattr(record, f.name)
        default = f.default_factory() if callable(f.default_factory) else f.default
        if f.name == "id" or value != default:
            out[f.name] = list(value) if isinstance(value, list) else value
    return out


def _from_dict(cls: type[R], d: dict[str, Any]) -> R:
    """A record from its dict; unknown keys are ignored, values coerced to the field's type."""
    values: dict[str, Any] = {}
    for f in fields(cls):
        if f.name not in d:
            continue
        value = d[f.name]
        kind = str(f.type)
        if kind == "int":
            value = int(value)
        elif kind == "bool":
            value = bool(value)
        elif kind.startswith("list"):
            value = [str(v) for v in value]
        else:
            value = str(value)
        values[f.name] = value
    if not values.get("id"):
        raise ValueError(f"a {cls.__name__.lower()} without an id")
    return cls(**values)


def threads(comments: list[Comment]) -> list[tuple[Comment, list[Comment]]]:
    """Each first comment with its replies, in the order the comments were added.

    A reply whose parent is missing (a merge dropped it) starts its own thread
    rather than vanishing.
    """
    by_id = {c.id: c for c in comments}
    replies: dict[str, list[Comment]] = {}
    firsts: list[Comment] = []
    for c in comments:
        root = _root(by_id, c)
        if root is c:
            firsts.append(c)
        else:
            replies.setdefault(root.id, []).append(c)
    return [(first, replies.get(first.id, [])) for first in firsts]


def thread_of(comments: list[Comment], comment_id: str) -> Comment | None:
    """The first comment of the thread `comment_id` belongs to (None if unknown)."""
    by_id = {c.id: c for c in comments}
    current = by_id.get(comment_id)
    return None if current is None else _root(by_id, current)


def _root(by_id: dict[str, Comment], comment: Comment) -> Comment:
    current = comment
    seen = {current.id}
    while current.parent in by_id and current.parent not in seen:
        current = by_id[current.parent]
        seen.add(current.id)
    return current
