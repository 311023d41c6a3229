"""A reviewed copy turned into suggestions and comments on the draft (issue 19).

`build_review(sent, current, doc, …)` compares the copy with the letter it
was exported from (`sent`: the revision named in the copy's stamp, its
blocks as printed) and returns what the reviewers did, as records for
`drafting.edits.review.add_review`. The letter itself is never changed here:
suggestions wait for the writer's decision.

Several copies of one export may come in one after the other: a suggestion
or comment the letter already holds (same change by the same reviewer, same
remark) is not added twice, replies join the threads they answer, and a
thread a reviewer resolved in Word is resolved here too.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from drafting.annotations import (
    Comment,
    Review,
    Suggestion,
    SuggestionKind,
    record_id,
    thread_of,
)
from drafting.edits.review import context
from drafting.i18n import _
from drafting.letter import UNASSIGNED, Letter
from drafting.review.document import Piece, ReviewedDocument, ReviewedParagraph
from drafting.review.matching import Match, SentBlock, match, prefix_length
from drafting.review.regions import OffsetMap, regions

__all__ = ["Outcome", "Sent", "build_review", "sent_blocks"]


@dataclass
class Sent:
    """The letter a copy was exported from, as it was printed."""

    letter: Letter
    revision: int
    printed: dict[str, str]  # block id -> its text as printed
    headings: dict[str, str]  # section heading as printed -> section id
    furniture: list[str] = field(default_factory=list)  # title, closing, signature…


@dataclass
class Outcome:
    """What `build_review` found."""

    review: Review
    suggestions: list[Suggestion]
    comments: list[Comment]  # new ones, and updated ones (same id) of the letter's
    match: Match
    reviewers: list[str]
    # Changes to lines that are no block (headings, title, closing, signature):
    # told to the writer, never suggestions.
    notices: list[str] = field(default_factory=list)

    def summary_counts(self) -> tuple[int, int, int]:
        """(suggestions, reviewers, comments) for the writer's summary line."""
        return len(self.suggestions), len(self.reviewers), \
            sum(1 for c in self.comments if c.review == self.review.id)


def sent_blocks(sent: Sent) -> list[SentBlock]:
    """Every block the export printed, in reading order."""
    out: list[SentBlock] = []
    letter = sent.letter
    groups = [(s.id, s.blocks) for s in letter.sections] + [(UNASSIGNED, letter.unassigned)]
    groups += [(f"annex-{n}", a.blocks) for n, a in enumerate(letter.annexes, start=1)]
    for where, blocks in groups:
        for block in blocks:
            if block.text.strip():
                out.append(SentBlock(where, block, sent.printed.get(block.id, block.text),
                                     len(out)))
    return out


def build_review(sent: Sent, current: Letter, doc: ReviewedDocument, *, editor: str,
                 when: str, name: str) -> Outcome:
    """Suggestions and comments from a reviewed copy (see the module docstring).

    `editor` is credited with edits made without tracking changes; `when` is
    the time the review is brought in (ISO 8601), `name` the copy's file name.
    """
    review = Review(id=record_id(), name=name, digest=doc.digest, revision=sent.revision,
                    date=when)
    blocks = sent_blocks(sent)
    # Unassigned text is only printed in a draft export: expected back only if some came.
    found = match(doc.paragraphs, blocks, sent.headings, sent.furniture)
    if not any(s.where == UNASSIGNED for s in found.pairs.values()):
        found.unmatched = [s for s in found.unmatched if s.where != UNASSIGNED]
    edit_date = doc.modified or when
    builder = _Builder(sent, review.id, editor, edit_date)
    suggestions = builder.suggestions(doc.paragraphs, found)
    suggestions = _new_to(current, suggestions)
    comments = _comments(doc, found, current, review.id)
    authors: dict[str, None] = {}
    for s in suggestions:
        authors.setdefault(s.author)
    for c in comments:
        if c.review == review.id:
            authors.setdefault(c.author)
    notices = []
    for index, printed, now in found.changed_lines:
        p = doc.paragraphs[index]
        who = [x.author for x in p.tracked() if x.author] or [editor]
        for author in who:
            authors.setdefault(author)
        notices.append(_line_notice(index in found.headings, printed, now,
                                    ", ".join(dict.fromkeys(a for a in who if a))))
    review.reviewers = [a for a in authors if a]
    return Outcome(review, suggestions, comments, found, list(authors), notices)


def _line_notice(heading: bool, printed: str, now: str, who: str) -> str:
    """What to tell the writer of a heading or title line changed in the copy."""
    who = who or _("A reviewer")
    if heading:
        if not now:
            return _("{who} deleted the section heading “{old}”. Section headings come from "
                     "the template, so the heading stays.").format(who=who, old=printed)
        return _("{who} changed the section heading “{old}” to “{new}”. Section headings come "
                 "from the template, so this is not a suggestion: change the template if it "
                 "should stay.").format(who=who, old=printed, new=now)
    if not now:
        return _("{who} deleted the line “{old}”. The title, closing and signature come from "
                 "the letter's details, so the line stays.").format(who=who, old=printed)
    return _("{who} changed the line “{old}” to “{new}”. The title, closing and signature come "
             "from the letter's details, so this is not a suggestion: change the details if "
             "it should stay.").format(who=who, old=printed, new=now)


class _Builder:
    def __init__(self, sent: Sent, review: str, editor: str, edit_date: str) -> None:
        self.sent = sent
        self.review = review
        self.editor = editor
        self.edit_date = edit_date

    def suggestions(self, paragraphs: list[ReviewedParagraph], found: Match) -> list[Suggestion]:
        out: list[Suggestion] = []
        section, anchor = "", ""
        first_section = self.sent.letter.sections[0].id if self.sent.letter.sections else ""
        section = first_section
        for index, p in enumerate(paragraphs):
            if index in found.headings:
                section, anchor = found.headings[index], ""
                continue
            s = found.pairs.get(index)
            if s is not None:
                pieces = _strip(p.pieces)
                if p.all_deleted():
                    piece = next(x for x in p.pieces if x.change == "del" and x.text.strip())
                    out.append(self._paragraph("delete_paragraph", s.where, s.block.id,
                                               old=s.block.text, author=piece.author,
                                               date=piece.date, tracked=True))
                    continue
                if index in found.moved:
                    out.append(self._paragraph("move_paragraph", section, s.block.id,
                                               anchor=anchor, author=self.editor,
                                               date=self.edit_date, tracked=False))
                out += self._text(s, pieces)
                if not s.where.startswith("annex-"):
                    section, anchor = s.where, s.block.id
                continue
            if index in found.new:
                out.append(self._new_paragraph(p, section, anchor))
        for s in found.unmatched:
            out.append(self._paragraph("delete_paragraph", s.where, s.block.id, old=s.block.text,
                                       author=self.editor, date=self.edit_date, tracked=False))
        return out

    def _paragraph(self, kind: SuggestionKind, section: str, block_id: str, *, old: str = "",
                   anchor: str = "", author: str, date: str, tracked: bool) -> Suggestion:
        return Suggestion(id=record_id(), kind=kind, section=section, block_id=block_id,
                          old=old, anchor=anchor, author=author, date=date, tracked=tracked,
                          review=self.review)

    def _new_paragraph(self, p: ReviewedParagraph, section: str, anchor: str) -> Suggestion:
        final = p.final
        text = " ".join(final[prefix_length(final):].split())
        tracked = [x for x in p.tracked() if x.change == "ins"]
        kind = "paragraph"
        style = p.style.lower()
        if "bullet" in style or "list" in style:
            kind = "bullet"
        elif p.outline == 1 or (p.outline is not None and "h2" in style):
            kind = "subheading"
        author, date = (tracked[0].author, tracked[0].date) if p.all_inserted() and tracked \
            else (self.editor, self.edit_date)
        return Suggestion(id=record_id(), kind="new_paragraph", section=section, new=text,
                          anchor=anchor, block_kind=kind, author=author, date=date,
                          tracked=bool(p.all_inserted() and tracked), review=self.review)

    def _text(self, s: SentBlock, pieces: list[Piece]) -> list[Suggestion]:
        text = s.block.text
        printed = s.printed
        offsets = OffsetMap(text, printed)
        out: list[Suggestion] = []
        for region in regions(printed, pieces, self.editor, self.edit_date):
            b0, b1, w0, w1 = offsets.to_src(region.e0, region.e1)
            new = printed[w0:region.e0] + region.new + printed[region.e1:w1]
            old = text[b0:b1]
            if old == new:
                continue
            kind: SuggestionKind = "insert" if not old else "delete" if not new else "replace"
            before, after = context(text, b0, b1)
            out.append(Suggestion(
                id=record_id(), kind=kind, section=s.where,
                block_id=s.block.id, old=old, new=new, start=b0, before=before, after=after,
                author=region.author, date=region.date, tracked=region.tracked,
                review=self.review))
        return out


def _strip(pieces: list[Piece]) -> list[Piece]:
    """The pieces without the export's leading tab and number, and trailing spaces."""
    base = "".join(p.text for p in pieces if p.change != "ins")
    skip = prefix_length(base)
    out: list[Piece] = []
    for piece in pieces:
        if skip and piece.change != "ins":
            cut = min(skip, len(piece.text))
            skip -= cut
            piece = replace(piece, text=piece.text[cut:])
        elif skip and piece.change == "ins" and not piece.text.strip("\t"):
            continue
        if piece.text:
            out.append(piece)
    while out and not out[-1].text.rstrip():
        out.pop()
    if out:
        out[-1] = replace(out[-1], text=out[-1].text.rstrip())
    return out


def _new_to(current: Letter, suggestions: list[Suggestion]) -> list[Suggestion]:
    """Leave out what the letter already holds (another copy of one review)."""
    def key(s: Suggestion) -> tuple[object, ...]:
        return (s.kind, s.block_id, s.start, s.old, s.new, s.anchor, s.author)

    known = {key(s) for s in current.suggestions}
    return [s for s in suggestions if key(s) not in known]


def _comments(doc: ReviewedDocument, found: Match, current: Letter,
              review: str) -> list[Comment]:
    """New comments and replies, and threads resolved in the copy."""
    def key(author: str, text: str) -> tuple[str, str]:
        return author.strip().casefold(), " ".join(text.split())

    known = {key(c.author, c.text): c for c in current.comments}
    by_para = {c.para_id: c for c in doc.comments if c.para_id}
    ids: dict[str, str] = {}  # copy's comment id -> our id
    out: dict[str, Comment] = {}
    for rc in doc.comments:
        if not rc.text:
            continue
        existing = known.get(key(rc.author, rc.text))
        if existing is not None:
            ids[rc.id] = existing.id
            root = thread_of(current.comments, existing.id)
            if rc.done and root is not None and not root.resolved:
                out[root.id] = replace(root, resolved=True)
            continue
        parent = by_para.get(rc.parent_para_id) if rc.parent_para_id else None
        section, block_id = _place(found, rc.paragraph)
        ids[rc.id] = record_id()
        out[ids[rc.id]] = Comment(
            id=ids[rc.id], text=rc.text, author=rc.author, date=rc.date, section=section,
            block_id=block_id, quote=rc.quote, parent=ids.get(parent.id, "") if parent else "",
            resolved=rc.done and parent is None, origin="reviewer", review=review)
    # A reply's place is its thread's.
    everything = [*current.comments, *[c for c in out.values()
                                       if c.id not in {x.id for x in current.comments}]]
    for cid, c in list(out.items()):
        if c.parent:
            root = thread_of(everything, c.parent)
            if root is not None:
                out[cid] = replace(c, section=root.section, block_id=root.block_id)
    return list(out.values())


def _place(found: Match, paragraph: int | None) -> tuple[str, str]:
    """The section and block a comment on paragraph `paragraph` of the copy belongs to."""
    if paragraph is None:
        return "", ""
    for index in range(paragraph, -1, -1):
        s = found.pairs.get(index)
        if s is not None:
            return s.where, s.block.id
        if index in found.headings:
            return found.headings[index], ""
    return "", ""
