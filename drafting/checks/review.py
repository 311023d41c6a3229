"""Reviewers' suggestions and comments still open (issue 19).

* `review.pending_suggestion` (warning, blocking) — a reviewer's suggestion
  the writer has neither accepted nor rejected;
* `review.unresolved_comment` (warning, blocking) — a comment thread not
  resolved.

Both block a final version: a letter does not leave while its clearance is
unanswered. `review_json` gives the `suggestions` and `comments` lists of
`check --json` (DESIGN §5).
"""

from __future__ import annotations

from typing import Any

from drafting.annotations import Comment, Suggestion, threads
from drafting.findings import Finding
from drafting.i18n import _
from drafting.letter import Letter

_EXCERPT = 60


Places = dict[str, tuple[str, int]]


def _places(letter: Letter) -> Places:
    """Every block's section and index, looked up once per check."""
    return {b.id: (sid, i) for sid, i, b in letter.iter_blocks()}


def _where(places: Places, block_id: str, section: str, anchor: str = ""
           ) -> tuple[str, int | None]:
    """Section and paragraph index of a block now (it may have moved since the review)."""
    if block_id in places:
        return places[block_id]
    if anchor in places:
        sid, index = places[anchor]
        return sid, index + 1
    return section, None


def suggestion_place(letter: Letter, s: Suggestion, places: Places | None = None
                     ) -> tuple[str, int | None]:
    """Where a suggestion applies: (section, paragraph index or None)."""
    places = _places(letter) if places is None else places
    if s.kind == "new_paragraph":
        if s.anchor:
            return _where(places, "", s.section, s.anchor)
        return s.section, 0
    return _where(places, s.block_id, s.section)


def comment_place(letter: Letter, c: Comment) -> tuple[str, int | None]:
    """Where a comment sits now: (section, paragraph index or None)."""
    return _where(_places(letter), c.block_id, c.section)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _EXCERPT else text[:_EXCERPT - 1] + "…"


def describe(s: Suggestion) -> str:
    """One line on what a suggestion does, in the writer's language."""
    who = s.author or _("An unknown reviewer")
    if s.kind == "insert":
        return _("{who} suggests inserting “{new}”.").format(who=who, new=_short(s.new))
    if s.kind == "delete":
        return _("{who} suggests deleting “{old}”.").format(who=who, old=_short(s.old))
    if s.kind == "replace":
        return _("{who} suggests “{new}” instead of “{old}”.").format(
            who=who, new=_short(s.new), old=_short(s.old))
    if s.kind == "new_paragraph":
        return _("{who} suggests a new paragraph: “{new}”.").format(who=who, new=_short(s.new))
    if s.kind == "delete_paragraph":
        return _("{who} suggests deleting the paragraph “{old}”.").format(
            who=who, old=_short(s.old))
    return _("{who} suggests moving this paragraph.").format(who=who)


def review_findings(letter: Letter) -> list[Finding]:
    """One blocking finding per pending suggestion and per unresolved comment thread."""
    out: list[Finding] = []
    if not (letter.suggestions or letter.comments):
        return out
    places = _places(letter)
    for s in letter.suggestions:
        if not s.pending:
            continue
        section, paragraph = suggestion_place(letter, s, places)
        out.append(Finding(
            code="review.pending_suggestion", severity="warning",
            message=describe(s) + " " + _("Accept or reject it."),
            section=section or None, paragraph=paragraph,
            block_id=s.block_id or None, excerpt=_short(s.old or s.new), blocking=True))
    for first, _replies in threads(letter.comments):
        if first.resolved:
            continue
        section, paragraph = _where(places, first.block_id, first.section)
        out.append(Finding(
            code="review.unresolved_comment", severity="warning",
            message=_("{who} commented: “{text}”. Answer it and mark it resolved.").format(
                who=first.author or _("An unknown reviewer"), text=_short(first.text)),
            section=section or None, paragraph=paragraph, block_id=first.block_id or None,
            excerpt=_short(first.quote), blocking=True))
    return out


def review_json(letter: Letter) -> dict[str, list[dict[str, Any]]]:
    """The `suggestions` (pending) and `comments` (all) lists of `check --json`."""
    suggestions: list[dict[str, Any]] = []
    comments: list[dict[str, Any]] = []
    if not (letter.suggestions or letter.comments):
        return {"suggestions": suggestions, "comments": comments}
    places = _places(letter)
    for s in letter.suggestions:
        if not s.pending:
            continue
        section, paragraph = suggestion_place(letter, s, places)
        suggestions.append({"id": s.id, "section": section, "paragraph": paragraph,
                            "author": s.author, "date": s.date, "kind": s.kind,
                            "old": s.old, "new": s.new})
    for first, replies in threads(letter.comments):
        section, paragraph = _where(places, first.block_id, first.section)
        for c in (first, *replies):
            comments.append({"id": c.id, "section": section, "paragraph": paragraph,
                             "author": c.author, "date": c.date, "text": c.text,
                             "resolved": first.resolved, "parent": c.parent or None})
    return {"suggestions": suggestions, "comments": comments}
