"""The generic pieces of a three-way merge: one value, an ordered list, records.

Everything here works on the letter's JSON form (`Letter.to_dict()`), so a
field or a list added to the letter later merges without new merge code:
a letter-level list whose items are dicts with an "id" (suggestions,
comments, …) goes through `merge_records`, any other new value through
`pick`.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from drafting.conflicts import Conflict, conflict_id
from drafting.i18n import _

K = TypeVar("K", bound=Hashable)


class _Missing:
    """A field or record one version does not have (distinct from None)."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


def pick(base: Any, ours: Any, theirs: Any) -> tuple[Any, bool]:
    """The three-way choice for one value: (merged value, conflicting?).

    Equal sides agree; a side that kept the ancestor's value yields to the
    side that changed it; two different changes conflict, and this copy's
    value stands until the writer chooses.
    """
    if ours == theirs:
        return ours, False
    if ours == base:
        return theirs, False
    if theirs == base:
        return ours, False
    return ours, True


def insert_anchored(skeleton: Sequence[K], other: Sequence[K], new: Iterable[K]) -> list[K]:
    """`skeleton` with the `new` items put in, each where the `other` order has it.

    A new item goes after its nearest preceding neighbour in `other` that is
    already placed (a skeleton item, or a new item placed before it), or at
    the start when it has none; so a run of new items keeps its order and its
    place relative to the text around it. Where the skeleton also has items
    of its own at that spot (both copies added text after one paragraph), the
    skeleton's come first. New items absent from `other` go last (by id).
    """
    wanted = set(new) - set(skeleton)
    if not wanted:
        return list(skeleton)
    placed = set(skeleton)
    after: dict[K | None, list[K]] = {}
    last: K | None = None
    shared: set[K] = set()
    for item in other:
        if item in wanted:
            after.setdefault(last, []).append(item)
            last = item
            wanted.discard(item)
        elif item in placed:
            last = item
            shared.add(item)
    out: list[K] = []

    def emit(anchor: K | None) -> None:
        stack = list(reversed(after.get(anchor, [])))
        while stack:
            item = stack.pop()
            out.append(item)
            stack.extend(reversed(after.get(item, [])))

    anchor: K | None = None
    for item in skeleton:
        if item in shared:
            emit(anchor)
            anchor = item
        out.append(item)
    emit(anchor)
    out.extend(sorted(wanted, key=str))  # not in `other`: last, in a stable order
    return out


@dataclass
class RecordsMerged:
    """The merged list, the conflicts found and what was decided silently."""

    items: list[dict[str, Any]]
    conflicts: list[Conflict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    taken: int = 0  # changes that came from the other copy


def merge_records(
    name: str,
    base: Sequence[dict[str, Any]],
    ours: Sequence[dict[str, Any]],
    theirs: Sequence[dict[str, Any]],
    *,
    taken_ids: set[str] | None = None,
    other: str = "",
) -> RecordsMerged:
    """Three-way merge of a list of records that each have a unique "id".

    Field by field per record: changes to different fields merge; the same
    field changed differently on both sides is a conflict (kind "record"),
    with this copy's value kept meanwhile. A record added on one side is
    added (after its neighbour on that side). A record deleted on one side
    and unchanged on the other is deleted; deleted on one side but changed
    on the other, it is kept as changed (precedence: work done on a record
    is never dropped silently, and keeping it costs nothing), with a note.
    """
    taken_ids = set() if taken_ids is None else taken_ids
    b = {str(r["id"]): r for r in base}
    o = {str(r["id"]): r for r in ours}
    t = {str(r["id"]): r for r in theirs}
    result: dict[str, dict[str, Any]] = {}
    out = RecordsMerged([])
    for rid in [*o, *(k for k in t if k not in o)]:
        rb, ro, rt = b.get(rid), o.get(rid), t.get(rid)
        if ro is not None and rt is not None:
            merged, fields = _merge_fields(rb, ro, rt)
            result[rid] = merged
            if merged != ro:
                out.taken += 1
            if fields:
                out.conflicts.append(Conflict(
                    id=conflict_id("record", f"{name}:{rid}", taken_ids), kind="record",
                    key=rid, place=name, base=rb, ours=ro, theirs=rt, fields=fields,
                    other=other))
        elif ro is not None:  # not in theirs
            if rb is None:
                result[rid] = ro
            elif ro != rb:
                result[rid] = ro
                out.notes.append(_("The other copy deleted {kind} “{id}”, which this copy "
                                   "changed: it is kept.").format(kind=name, id=rid))
            else:
                out.taken += 1  # deleted by the other copy
        elif rt is not None:  # not in ours
            if rb is None:
                result[rid] = rt
                out.taken += 1
            elif rt != rb:
                result[rid] = rt
                out.taken += 1
                out.notes.append(_("This copy deleted {kind} “{id}”, which the other copy "
                                   "changed: it is kept.").format(kind=name, id=rid))
    order = insert_anchored([k for k in o if k in result], list(t), result)
    out.items = [result[k] for k in order]
    return out


def _merge_fields(
    base: dict[str, Any] | None, ours: dict[str, Any], theirs: dict[str, Any]
) -> tuple[dict[str, Any], list[str]]:
    """One record merged field by field, and the fields in conflict."""
    if ours == theirs:
        return ours, []
    ancestor = base if base is not None else {}
    merged: dict[str, Any] = {}
    conflicts: list[str] = []
    for key in [*ours, *(k for k in theirs if k not in ours)]:
        value, clash = pick(ancestor.get(key, MISSING), ours.get(key, MISSING),
                            theirs.get(key, MISSING))
        if clash:
            conflicts.append(key)
        if value is not MISSING:
            merged[key] = value
    return merged, conflicts


def is_records(value: Any) -> bool:
    """Whether `value` is a non-empty list of records: dicts that all have an "id".

    An empty list says nothing either way (the other versions decide).
    """
    return isinstance(value, list) and bool(value) and all(
        isinstance(item, dict) and "id" in item for item in value)
