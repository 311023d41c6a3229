"""Resolving merge conflicts (issue 20): the writer's choice, as a `Change`.

A merge keeps this copy's version in the letter and the other copy's in a
`drafting.conflicts.Conflict`. `resolve_conflict` ends one conflict:
"ours" keeps the letter as it is, "theirs" puts the other copy's version in,
and an edited version (blocks for a paragraph, a text for a letter detail)
replaces both. Each is one undo step in the window and one call on the
command line.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any, Literal

from drafting.conflicts import Conflict
from drafting.edits.change import Change, blocks_of
from drafting.i18n import _, ngettext
from drafting.letter import UNASSIGNED, Block, Letter, Metadata

Side = Literal["ours", "theirs"]
# "ours", "theirs", the edited blocks of a paragraph, or the edited text of a detail.
Choice = Side | list[Block] | str


def conflict_of(letter: Letter, conflict_id: str) -> Conflict:
    """The letter's conflict `conflict_id`; KeyError when it has none of that id."""
    for c in letter.conflicts:
        if c.id == conflict_id:
            return c
    raise KeyError(conflict_id)


def resolve_conflict(letter: Letter, conflict_id: str, choice: Choice) -> Change:
    """End one conflict with the writer's choice (one `Change`).

    Edited blocks replace the paragraph (the first keeps its id, so links to
    requirements follow; none of them is marked carried over: the writer
    wrote them). An edited text is only for a "metadata" conflict. Raises
    KeyError for an unknown conflict, ValueError for a choice that does not
    fit the conflict (a text for a paragraph, a bad date).
    """
    c = conflict_of(letter, conflict_id)
    remaining = [x for x in letter.conflicts if x.id != conflict_id]
    if choice == "ours":
        label = _("Keep my version")
    elif choice == "theirs":
        label = _("Keep their version")
    else:
        label = _("Use the edited version")
    change = Change(label, fields={"conflicts": (list(letter.conflicts), remaining)}, count=1)
    if choice == "ours":
        return change
    if c.kind == "block":
        _resolve_block(letter, c, choice, change)
    elif c.kind == "metadata":
        _resolve_metadata(letter, c, choice, change)
    elif isinstance(choice, str):  # "theirs"
        _resolve_list_value(letter, c, change)
    else:
        raise ValueError(f"conflict {c.id} cannot take edited blocks")
    return change


def resolve_conflicts(letter: Letter, conflict_ids: Iterable[str], side: Side) -> Change:
    """End several conflicts the same way, as one `Change` (`count` says how many)."""
    work = letter.copy()
    done = 0
    for cid in conflict_ids:
        work = resolve_conflict(work, cid, side).apply(work)
        done += 1
    label = (ngettext("Keep my version ({n} conflict)", "Keep my version ({n} conflicts)", done)
             if side == "ours" else
             ngettext("Keep their version ({n} conflict)", "Keep their version ({n} conflicts)",
                      done)).format(n=done)
    change = Change(label, count=done)
    if not done:
        return change
    for sid in [*letter.section_ids(), UNASSIGNED]:
        old, new = blocks_of(letter, sid), blocks_of(work, sid)
        if old != new:
            change.sections[sid] = (list(old), list(new))
    for name, value in letter.metadata.__dict__.items():
        if getattr(work.metadata, name) != value:
            change.metadata[name] = (value, getattr(work.metadata, name))
    for name, value in letter.__dict__.items():
        if isinstance(value, list) and name not in ("sections", "unassigned") \
                and getattr(work, name) != value:
            change.fields[name] = (list(value), list(getattr(work, name)))
    return change


def _resolve_block(letter: Letter, c: Conflict, choice: Choice, change: Change) -> None:
    if choice == "theirs":
        new_blocks = [] if c.theirs is None else [Block.from_dict(c.theirs)]
    elif isinstance(choice, list):
        new_blocks = [replace(b, carried=False, boilerplate=False) for b in choice]
        taken = {b.id for _s, _i, b in letter.iter_blocks()} - {c.key}
        if new_blocks and all(b.id != c.key for b in new_blocks) and c.key not in taken:
            new_blocks[0] = replace(new_blocks[0], id=c.key)
    else:
        raise ValueError(f"conflict {c.id} is a paragraph: edit it as blocks")
    found = letter.find_block(c.key)
    if found is not None:
        sid, index, _block = found
        old = blocks_of(letter, sid)
        new = [*old[:index], *new_blocks, *old[index + 1:]]
    else:
        # this copy had deleted it: it goes back after its neighbour in the other copy
        sid = c.place if c.place in letter.section_ids() else UNASSIGNED
        old = blocks_of(letter, sid)
        ids = [b.id for b in old]
        at = ids.index(c.after) + 1 if c.after in ids else 0
        new = [*old[:at], *new_blocks, *old[at:]]
    if new != old:
        change.sections[sid] = (list(old), new)


def _resolve_metadata(letter: Letter, c: Conflict, choice: Choice, change: Change) -> None:
    if isinstance(choice, list):
        raise ValueError(f"conflict {c.id} is a letter detail: edit it as text")
    raw: Any = c.theirs if choice == "theirs" else choice
    if c.key not in letter.metadata.__dict__:
        return  # a detail this version of Missive does not know: nothing to set
    value = getattr(Metadata.from_dict({c.key: raw}), c.key)
    old = getattr(letter.metadata, c.key)
    if value != old:
        change.metadata[c.key] = (old, value)


def _resolve_list_value(letter: Letter, c: Conflict, change: Change) -> None:
    """The other copy's record fields, or its whole value, through the JSON form
    (which knows how to rebuild whatever the letter holds there)."""
    d = letter.to_dict()
    if c.kind == "record":
        theirs = c.theirs if isinstance(c.theirs, dict) else {}
        records = []
        for record in d.get(c.place, []):
            if isinstance(record, dict) and str(record.get("id")) == c.key:
                record = dict(record)
                for name in c.fields:
                    if name in theirs:
                        record[name] = theirs[name]
                    else:
                        record.pop(name, None)
            records.append(record)
        d[c.place] = records
        name = c.place
    else:
        d[c.key] = c.theirs
        name = c.key
    if not hasattr(letter, name):
        return
    rebuilt = type(letter).from_dict(d)
    old, new = getattr(letter, name), getattr(rebuilt, name)
    if old != new:
        change.fields[name] = (list(old), list(new))
