"""Deciding what reviewers said: suggestions accepted or rejected, comments answered.

Each function takes a letter and returns one `Change` (CONVENTIONS rule 2);
the GUI session pushes it, the CLI (`review`, `suggestion`) applies it.

A text suggestion applies to the paragraph's *current* text: its old words
are looked for where the review found them (`start`, with the words around
them, `before` and `after`), then anywhere in the paragraph with the same
surroundings. When they are no longer there — the writer rewrote that part
since the review — the suggestion is refused (left pending, with a notice),
never applied to other words. Accepting one suggestion moves the others of
the same paragraph along, so accepting them one by one or all at once gives
the same text: the reviewed text, when every suggestion of one copy is
accepted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from drafting.annotations import Comment, Review, Suggestion, record_id, thread_of
from drafting.edits.change import Change, blocks_of
from drafting.edits.ops import settle_marks
from drafting.edits.text import replace_range
from drafting.i18n import _, ngettext
from drafting.letter import UNASSIGNED, Annex, Block, BlockKind, Letter

# Characters of context kept on each side of a suggestion's old words.
CONTEXT = 24


def context(text: str, start: int, end: int) -> tuple[str, str]:
    """The `before` and `after` context of `text[start:end]`."""
    return text[max(0, start - CONTEXT):start], text[end:end + CONTEXT]


def locate(text: str, s: Suggestion) -> tuple[int, int] | None:
    """Where a text suggestion's old words are in `text` now, or None.

    They must sit between the same surrounding words as when the review came
    in; where they are found more than once, the place nearest the original
    one wins.
    """
    n = len(s.old)

    def fits(p: int) -> bool:
        return text.startswith(s.old, p) and text.endswith(s.before, 0, p) \
            and text.startswith(s.after, p + n)

    if 0 <= s.start <= len(text) - n and fits(s.start):
        return s.start, s.start + n
    needle = s.before + s.old + s.after
    found: list[int] = []
    at = text.find(needle)
    while at >= 0:
        found.append(at + len(s.before))
        at = text.find(needle, at + 1)
    if not found:
        return None
    best = min(found, key=lambda p: abs(p - s.start))
    return best, best + n


def pending(letter: Letter, author: str | None = None) -> list[Suggestion]:
    """The suggestions still to decide (of one reviewer when `author` is given)."""
    return [s for s in letter.suggestions
            if s.pending and (author is None or s.author == author)]


def block_text(letter: Letter, block_id: str) -> str | None:
    """The current text of a block of the body or an annex (None when it is gone)."""
    found = letter.find_block(block_id)
    if found is not None:
        return found[2].text
    for annex in letter.annexes:
        for block in annex.blocks:
            if block.id == block_id:
                return block.text
    return None


def clusters(letter: Letter) -> list[list[Suggestion]]:
    """Pending suggestions grouped where they touch the same words, in letter order.

    Text suggestions on one paragraph join a cluster when their words overlap
    (or they insert at one place); deleting or moving a paragraph touches
    everything suggested in it. A cluster with suggestions from more than one
    reviewer is a conflict: accepting one leaves the others unable to apply.
    """
    order = {b.id: n for n, (_s, _i, b) in enumerate(letter.iter_blocks())}
    by_block: dict[str, list[Suggestion]] = {}
    out: list[list[Suggestion]] = []
    for s in pending(letter):
        if s.kind == "new_paragraph":
            out.append([s])
        else:
            by_block.setdefault(s.block_id, []).append(s)
    for block_id, items in by_block.items():
        text = block_text(letter, block_id)
        whole = [s for s in items if not s.in_text]
        spans: list[tuple[int, int, Suggestion]] = []
        for s in items:
            if s.in_text:
                place = locate(text, s) if text is not None else None
                if place is None:
                    out.append([s])
                else:
                    spans.append((place[0], place[1], s))
        spans.sort(key=lambda x: (x[0], x[1]))
        groups: list[list[Suggestion]] = []
        end = -1
        last_point = -1
        for a, b, s in spans:
            if groups and (a < end or (a == b == last_point) or (a == b and a < end)):
                groups[-1].append(s)
            else:
                groups.append([s])
            end = max(end, b)
            last_point = a if a == b else -1
        if whole:
            out.append(whole + [s for g in groups for s in g])
        else:
            out += groups
    position = {s.id: n for n, s in enumerate(letter.suggestions)}
    out = [sorted(group, key=lambda s: position[s.id]) for group in out]

    def key(group: list[Suggestion]) -> tuple[int, int, int]:
        first = group[0]
        if first.kind == "new_paragraph":  # it goes after its anchor
            at = order.get(first.anchor, -1) if first.anchor else -1
            return at, 1, position[first.id]
        return order.get(first.block_id, len(order)), 0, position[first.id]

    return sorted(out, key=key)


# -- where blocks live -----------------------------------------------------------------


@dataclass
class _Work:
    """Copies of what an accept touches: section block lists, annexes, suggestions."""

    letter: Letter
    sections: dict[str, list[Block]] = field(default_factory=dict)
    annexes: list[Annex] | None = None
    suggestions: list[Suggestion] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    def blocks(self, where: str | int) -> list[Block]:
        if isinstance(where, int):
            if self.annexes is None:
                self.annexes = list(self.letter.annexes)
            if self.annexes[where] is self.letter.annexes[where]:
                self.annexes[where] = replace(self.annexes[where],
                                              blocks=list(self.annexes[where].blocks))
            return self.annexes[where].blocks
        if where not in self.sections:
            self.sections[where] = list(blocks_of(self.letter, where))
        return self.sections[where]

    def find(self, block_id: str) -> tuple[str | int, int] | None:
        """(section id or annex index, index) of a block as the work stands now."""
        for where in [*self.letter.section_ids(), UNASSIGNED]:
            blocks = self.sections[where] if where in self.sections \
                else blocks_of(self.letter, where)
            for i, b in enumerate(blocks):
                if b.id == block_id:
                    return where, i
        annexes = self.annexes if self.annexes is not None else self.letter.annexes
        for n, annex in enumerate(annexes):
            for i, b in enumerate(annex.blocks):
                if b.id == block_id:
                    return n, i
        return None

    def change(self, label: str, count: int) -> Change:
        change = Change(label, count=count, notices=self.notices)
        for sid, new in self.sections.items():
            old = blocks_of(self.letter, sid)
            if new != old:
                change.sections[sid] = (list(old), settle_marks(old, new))
        if self.annexes is not None and self.annexes != self.letter.annexes:
            change.fields["annexes"] = (list(self.letter.annexes), self.annexes)
        if self.suggestions != self.letter.suggestions:
            change.fields["suggestions"] = (list(self.letter.suggestions), self.suggestions)
        return change


def _section_of(letter: Letter, section: str) -> str:
    """`section` if the letter has it, else the unassigned area (text is never dropped)."""
    return section if section in letter.section_ids() else UNASSIGNED


# -- accepting ---------------------------------------------------------------------------


def accept(letter: Letter, ids: Iterable[str], label: str | None = None) -> Change:
    """Accept pending suggestions: their change goes into the text.

    Suggestions that no longer fit the text are left pending and named in
    the change's `notices`; `count` says how many were accepted.
    """
    wanted = set(ids)
    work = _Work(letter, suggestions=list(letter.suggestions))
    chosen = [i for i, s in enumerate(work.suggestions) if s.id in wanted and s.pending]
    accepted = 0
    by_block: dict[str, list[int]] = {}
    for i in chosen:
        s = work.suggestions[i]
        if s.in_text:
            by_block.setdefault(s.block_id, []).append(i)
    for block_id, indexes in by_block.items():
        accepted += _accept_text(work, block_id, indexes)
    for kind in ("new_paragraph", "move_paragraph", "delete_paragraph"):
        for i in chosen:
            if work.suggestions[i].kind == kind:
                accepted += _accept_paragraph(work, i)
    if label is None:
        label = ngettext("Accept {n} suggestion", "Accept {n} suggestions",
                         accepted).format(n=accepted)
    return work.change(label, accepted)


def _refused(work: _Work, s: Suggestion, reason: str) -> None:
    work.notices.append(_("Suggestion {id} by {author} was not applied: {reason}").format(
        id=s.id, author=s.author or _("an unknown reviewer"), reason=reason))


def _accept_text(work: _Work, block_id: str, indexes: list[int]) -> int:
    """Apply the chosen text suggestions of one block, right to left."""
    found = work.find(block_id)
    if found is None:
        for i in indexes:
            _refused(work, work.suggestions[i], _("its paragraph has been deleted."))
        return 0
    where, at = found
    blocks = work.blocks(where)
    block = blocks[at]
    # Every pending text suggestion of the block moves along with the text.
    siblings = [i for i, s in enumerate(work.suggestions)
                if s.pending and s.in_text and s.block_id == block_id]
    places = {i: locate(block.text, work.suggestions[i]) for i in siblings}
    # Where chosen suggestions overlap (reviewers disagree), the first listed wins.
    kept: list[int] = []
    lost: set[int] = set()
    for i in sorted(indexes):
        place = places.get(i)
        if place is not None and any(_overlaps(place, places[k]) for k in kept
                                     if places[k] is not None):
            places[i] = None
            lost.add(i)
        kept.append(i)
    order = sorted(indexes, key=lambda i: ((places[i] or (-1, -1)), i), reverse=True)
    accepted = 0
    for i in order:
        s = work.suggestions[i]
        place = places.get(i)
        if place is None:
            _refused(work, s, _("another reviewer's suggestion on the same words was taken.")
                     if i in lost else
                     _("the words it changes are no longer in the paragraph."))
            continue
        a, b = place
        block = replace_range(block, a, b, s.new)
        work.suggestions[i] = replace(s, status="accepted")
        accepted += 1
        delta = len(s.new) - (b - a)
        for j in siblings:
            other = places.get(j)
            if j == i or other is None or not work.suggestions[j].pending:
                continue
            oa, ob = other
            if ob <= a and not (oa == ob == a and j > i):
                places[j] = other
            elif oa >= b:
                places[j] = (oa + delta, ob + delta)
            else:
                places[j] = None  # overlapped: it no longer fits
                continue
            pa, pb = places[j] or other
            before, after = context(block.text, pa, pb)
            work.suggestions[j] = replace(work.suggestions[j], start=pa, before=before,
                                          after=after)
    blocks[at] = block
    return accepted


def _overlaps(a: tuple[int, int], b: tuple[int, int] | None) -> bool:
    """Two places change the same characters (insertions at one point do not)."""
    if b is None:
        return False
    if a[0] == a[1] or b[0] == b[1]:
        return a[0] < b[0] < a[1] or b[0] < a[0] < b[1]
    return a[0] < b[1] and b[0] < a[1]


def _insert_at(work: _Work, s: Suggestion, index: int) -> tuple[str, int] | None:
    """Section and index where a new or moved paragraph goes, after its anchor
    and after paragraphs accepted before it from the same place."""
    if s.anchor:
        found = work.find(s.anchor)
        if found is None or isinstance(found[0], int):
            return None
        where, at = found[0], found[1] + 1
    else:
        where, at = _section_of(work.letter, s.section), 0
    blocks = work.blocks(where)
    placed = {x.block_id for x in work.suggestions[:index]
              if x.kind == "new_paragraph" and x.status == "accepted"
              and x.anchor == s.anchor and x.section == s.section}
    while at < len(blocks) and blocks[at].id in placed:
        at += 1
    return where, at


def _accept_paragraph(work: _Work, index: int) -> int:
    s = work.suggestions[index]
    if s.kind == "new_paragraph":
        target = _insert_at(work, s, index)
        if target is None:
            target = (_section_of(work.letter, s.section), len(work.blocks(
                _section_of(work.letter, s.section))))
            work.notices.append(_("A new paragraph by {author} was put at the end of its "
                                  "section: the paragraph it followed is gone.").format(
                author=s.author or _("an unknown reviewer")))
        section, place = target
        kind: BlockKind = "paragraph"
        if s.block_kind == "subheading":
            kind = "subheading"
        elif s.block_kind == "bullet":
            kind = "bullet"
        work.blocks(section).insert(place, Block.from_text(s.new, kind=kind, id=s.id))
        work.suggestions[index] = replace(s, status="accepted", block_id=s.id)
        return 1
    found = work.find(s.block_id)
    if found is None:
        _refused(work, s, _("its paragraph has been deleted."))
        return 0
    where, at = found
    blocks = work.blocks(where)
    if s.kind == "delete_paragraph":
        if blocks[at].text != s.old:
            _refused(work, s, _("the paragraph has changed since the review."))
            return 0
        del blocks[at]
    else:  # move_paragraph
        moved = blocks.pop(at)
        target = _insert_at(work, s, index)
        if target is None:
            blocks.insert(at, moved)
            _refused(work, s, _("the paragraph it should follow is gone."))
            return 0
        work.blocks(target[0]).insert(target[1], moved)
    work.suggestions[index] = replace(s, status="accepted")
    return 1


# -- rejecting and bulk decisions ---------------------------------------------------------


def reject(letter: Letter, ids: Iterable[str], label: str | None = None) -> Change:
    """Reject pending suggestions: the text stays as it is."""
    wanted = set(ids)
    new = [replace(s, status="rejected") if s.id in wanted and s.pending else s
           for s in letter.suggestions]
    count = sum(1 for a, b in zip(letter.suggestions, new, strict=True) if a is not b)
    if label is None:
        label = ngettext("Reject {n} suggestion", "Reject {n} suggestions",
                         count).format(n=count)
    if not count:
        return Change(label)
    return Change(label, fields={"suggestions": (list(letter.suggestions), new)}, count=count)


def accept_all(letter: Letter, author: str | None = None) -> Change:
    """Accept every pending suggestion (of one reviewer when `author` is given)."""
    label = (_("Accept all suggestions by {author}").format(author=author or _("unknown"))
             if author is not None else _("Accept all suggestions"))
    return accept(letter, [s.id for s in pending(letter, author)], label)


def reject_all(letter: Letter, author: str | None = None) -> Change:
    """Reject every pending suggestion (of one reviewer when `author` is given)."""
    label = (_("Reject all suggestions by {author}").format(author=author or _("unknown"))
             if author is not None else _("Reject all suggestions"))
    return reject(letter, [s.id for s in pending(letter, author)], label)


def accept_all_of(letter: Letter, author: str) -> Change:
    """Accept every pending suggestion of one reviewer."""
    return accept_all(letter, author)


def reject_all_of(letter: Letter, author: str) -> Change:
    """Reject every pending suggestion of one reviewer."""
    return reject_all(letter, author)


# -- comments --------------------------------------------------------------------------


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def reply(letter: Letter, comment_id: str, text: str, author: str,
          when: str | None = None) -> Change:
    """The writer's answer to a comment (it joins that comment's thread)."""
    first = thread_of(letter.comments, comment_id)
    if first is None or not text.strip():
        return Change(_("Reply to comment"))
    answer = Comment(id=record_id(), text=text.strip(), author=author, date=when or _now(),
                     section=first.section, block_id=first.block_id, parent=comment_id,
                     origin="writer")
    new = [*letter.comments, answer]
    return Change(_("Reply to comment"), fields={"comments": (list(letter.comments), new)},
                  count=1)


def resolve(letter: Letter, comment_id: str | Iterable[str], resolved: bool = True) -> Change:
    """Mark the threads of one or more comments resolved (or open again)."""
    ids = [comment_id] if isinstance(comment_id, str) else list(comment_id)
    firsts = {id(f) for f in (thread_of(letter.comments, i) for i in ids)
              if f is not None and f.resolved != resolved}
    label = _("Resolve comment") if resolved else _("Reopen comment")
    if not firsts:
        return Change(label)
    new = [replace(c, resolved=resolved) if id(c) in firsts else c for c in letter.comments]
    return Change(label, fields={"comments": (list(letter.comments), new)}, count=len(firsts))


def add_review(letter: Letter, review: Review, suggestions: list[Suggestion],
               comments: list[Comment], label: str) -> Change:
    """A reviewed copy brought in: its record, suggestions and comments added.

    `comments` may also hold updated versions (same id) of comments the letter
    already has (a thread resolved in Word); they replace those.
    """
    known = {c.id for c in letter.comments}
    updates = {c.id: c for c in comments if c.id in known}
    merged = [updates.get(c.id, c) for c in letter.comments]
    merged += [c for c in comments if c.id not in known]
    return Change(label, count=len(suggestions), fields={
        "reviews": (list(letter.reviews), [*letter.reviews, review]),
        "suggestions": (list(letter.suggestions), [*letter.suggestions, *suggestions]),
        "comments": (list(letter.comments), merged),
    })


__all__ = [
    "CONTEXT", "accept", "accept_all", "accept_all_of", "add_review", "block_text", "clusters",
    "context", "locate",
    "pending", "reject", "reject_all", "reject_all_of", "reply", "resolve",
]
