"""Three-way merge of two copies of a letter against their common ancestor.

    result = merge_letters(base, ours, theirs, other="Bamako.missive")
    result.letter      # the merged letter (conflicts kept in letter.conflicts)
    result.conflicts   # the conflicts this merge found

The three letters must follow the same template version (bring them there
with `drafting.storage.opening.follow_template` first). Rules:

- **Blocks** are matched by their stable id across sections and the
  unassigned area. Within a block the content (kind, level, spans) merges as
  one value, and the carried-over and boilerplate marks each on their own,
  so confirming carried text on one side and editing it on the other do not
  conflict. The same block's content changed differently on both sides, or
  changed on one side and deleted on the other, is a conflict: the letter
  keeps this copy's version, the conflict keeps the other.
- **Placement**: a block moved to another section on one side moves (both
  moved it elsewhere: this copy's place wins). In each section the order is
  the one of the side that changed the section's structure (this copy's when
  both did); blocks only the other side has are put after their nearest
  preceding neighbour on that side.
- **Metadata** merges field by field; **confirmations** as a set (a link
  added on one side is added, removed on one side is removed); the
  **annexes** as one value. Letter-level lists of records with ids
  (suggestions, comments, earlier conflicts) merge record by record
  (`merge_records`), and any other value whole (`pick`).

Pure: no storage, no I/O, and the same inputs always give the same result
(conflict ids included).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from drafting.conflicts import Conflict, ConflictKind, conflict_id
from drafting.i18n import _
from drafting.letter import UNASSIGNED, Letter
from drafting.merging.records import (
    MISSING,
    insert_anchored,
    is_records,
    merge_records,
    pick,
)

Json = dict[str, Any]
# Keys of Letter.to_dict() merged by their own rules below.
KNOWN = ("format", "template", "metadata", "sections", "unassigned", "annexes",
         "confirmations", "conflicts")
MARKS = ("carried", "boilerplate")


@dataclass
class MergeResult:
    """The merged letter, the conflicts this merge found, and what it decided."""

    letter: Letter
    conflicts: list[Conflict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # Changes taken from the other copy (blocks, fields, records, links).
    taken: int = 0

    @property
    def clean(self) -> bool:
        return not self.conflicts


class MergeError(ValueError):
    """The letters cannot be merged as given (e.g. different templates)."""


def merge_letters(base: Letter, ours: Letter, theirs: Letter, other: str = "") -> MergeResult:
    """Merge `theirs` into `ours` against their common ancestor `base`.

    `other` names the other copy in conflicts and notes. Raises MergeError
    when the three do not follow the same template version. The result's
    letter is of `ours`'s class, built from the merged JSON form.
    """
    bd, od, td = base.to_dict(), ours.to_dict(), theirs.to_dict()
    if not bd["template"] == od["template"] == td["template"]:
        raise MergeError("the letters follow different templates or template versions")
    state = _State(other, {c["id"] for c in od.get("conflicts", [])}
                   | {c["id"] for c in td.get("conflicts", [])})
    out: Json = dict(od)
    out["metadata"] = _merge_metadata(bd["metadata"], od["metadata"], td["metadata"], state)
    sections, unassigned = _merge_body(bd, od, td, state)
    out["sections"], out["unassigned"] = sections, unassigned
    out["confirmations"] = _merge_links(bd["confirmations"], od["confirmations"],
                                        td["confirmations"], state)
    others = dict.fromkeys(k for k in [*od, *td, *bd] if k not in KNOWN)
    for key in ("annexes", *others):
        _merge_value(key, bd, od, td, out, state)
    earlier = merge_records("conflicts", bd.get("conflicts", []), od.get("conflicts", []),
                            td.get("conflicts", []), other=other)
    new = [c.to_dict() for c in state.conflicts]
    if earlier.items or new:
        out["conflicts"] = earlier.items + new
    else:
        out.pop("conflicts", None)
    state.taken += earlier.taken
    letter = type(ours).from_dict(out)
    return MergeResult(letter, state.conflicts, state.notes, state.taken)


@dataclass
class _State:
    other: str
    ids: set[str]
    conflicts: list[Conflict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    taken: int = 0

    def conflict(self, kind: ConflictKind, key: str, base: Any, ours: Any, theirs: Any,
                 **extra: Any) -> None:
        self.conflicts.append(Conflict(id=conflict_id(kind, key, self.ids), kind=kind, key=key,
                                       base=base, ours=ours, theirs=theirs, other=self.other,
                                       **extra))


def _merge_metadata(base: Json, ours: Json, theirs: Json, state: _State) -> Json:
    merged: Json = {}
    for key in [*ours, *(k for k in theirs if k not in ours)]:
        b, o, t = base.get(key, MISSING), ours.get(key, MISSING), theirs.get(key, MISSING)
        value, clash = pick(b, o, t)
        if clash:
            state.conflict("metadata", key, _json(b), _json(o), _json(t), place="metadata")
        elif value != o:
            state.taken += 1
        if value is not MISSING:
            merged[key] = value
    return merged


def _json(value: Any) -> Any:
    return None if value is MISSING else value


def _merge_value(key: str, bd: Json, od: Json, td: Json, out: Json, state: _State) -> None:
    """A letter-level value merged whole, or record by record for lists of records."""
    b, o, t = bd.get(key, MISSING), od.get(key, MISSING), td.get(key, MISSING)
    # Annexes have no ids: merged whole. Any other list of records, record by record.
    if key != "annexes" and any(is_records(v) for v in (b, o, t)):
        merged = merge_records(key, _list(b), _list(o), _list(t), taken_ids=state.ids,
                               other=state.other)
        out[key] = merged.items
        state.conflicts += merged.conflicts
        state.notes += merged.notes
        state.taken += merged.taken
        return
    value, clash = pick(b, o, t)
    if clash:
        state.conflict("value", key, _json(b), _json(o), _json(t), place=key)
    elif value != o:
        state.taken += 1
    if value is MISSING:
        out.pop(key, None)
    else:
        out[key] = value


def _list(value: Any) -> list[Json]:
    return value if isinstance(value, list) else []


def _merge_links(base: list[Json], ours: list[Json], theirs: list[Json],
                 state: _State) -> list[Json]:
    """Confirmations as a set: each link is kept or dropped as the side that changed it says."""
    def key(c: Json) -> tuple[str, str]:
        return str(c.get("requirement")), str(c.get("block"))

    b = {key(c) for c in base}
    o = {key(c) for c in ours}
    t = {key(c) for c in theirs}
    out = [c for c in ours if key(c) in t or key(c) not in b]
    seen = {key(c) for c in out}
    for c in theirs:
        k = key(c)
        if k not in seen and k not in b:
            out.append(c)
            seen.add(k)
    state.taken += len(seen ^ o)
    return out


# -- the body -----------------------------------------------------------------------

# Where a block sits on one side: (container id, block dict).
Where = tuple[str, Json]


def _containers(d: Json) -> list[tuple[str, list[Json]]]:
    return [*((s["id"], s["blocks"]) for s in d["sections"]), (UNASSIGNED, d["unassigned"])]


def _index(d: Json) -> tuple[dict[str, Where], dict[str, list[str]]]:
    """Every block by id, and each container's block ids in order.

    A block id found twice in one letter (never made by Missive, but a file
    may say so) is renamed the same way on every side, so nothing is lost.
    """
    where: dict[str, Where] = {}
    order: dict[str, list[str]] = {}
    for cid, blocks in _containers(d):
        ids: list[str] = []
        for block in blocks:
            bid = str(block["id"])
            n = 1
            while bid in where:
                n += 1
                bid = f"{block['id']}~{n}"
            if bid != block["id"]:
                block = {**block, "id": bid}
            where[bid] = (cid, block)
            ids.append(bid)
        order[cid] = ids
    return where, order


def _content(block: Json) -> Json:
    return {k: v for k, v in block.items() if k not in MARKS}


def _merge_block(base: Json | None, ours: Json, theirs: Json) -> tuple[Json, bool]:
    """One block present on both sides: (merged block, content in conflict?)."""
    if ours == theirs:
        return ours, False
    ancestor = base if base is not None else {}
    content, clash = pick(_content(ancestor) if base is not None else MISSING,
                          _content(ours), _content(theirs))
    merged = dict(content)
    for mark in MARKS:
        value, _clash = pick(ancestor.get(mark, False), ours.get(mark, False),
                             theirs.get(mark, False))
        if value:
            merged[mark] = True
    return merged, clash


def _merge_body(bd: Json, od: Json, td: Json, state: _State) -> tuple[list[Json], list[Json]]:
    bw, border = _index(bd)
    ow, oorder = _index(od)
    tw, torder = _index(td)
    alive: dict[str, tuple[str, Json]] = {}  # block id -> (final container, block)
    # ours deleted it, theirs changed it: (theirs' container, theirs' block, base block)
    orphans: list[tuple[str, str, Json, Json | None]] = []
    for bid in [*ow, *(k for k in tw if k not in ow)]:
        b, o, t = bw.get(bid), ow.get(bid), tw.get(bid)
        base_block = b[1] if b else None
        if o is not None and t is not None:
            block, clash = _merge_block(base_block, o[1], t[1])
            home = _home(b[0] if b else None, o[0], t[0], bid, state)
            alive[bid] = (home, block)
            if block != o[1] or home != o[0]:
                state.taken += 1
            if clash:
                state.conflict("block", bid, base_block, o[1], t[1], place=home)
        elif o is not None:
            if base_block is None:
                alive[bid] = (o[0], o[1])
            elif _content(o[1]) == _content(base_block):
                state.taken += 1  # deleted by the other copy, unchanged here
            else:
                alive[bid] = (o[0], o[1])
                state.conflict("block", bid, base_block, o[1], None, place=o[0])
        elif t is not None:
            if base_block is None:
                alive[bid] = (t[0], t[1])
                state.taken += 1
            elif _content(t[1]) != _content(base_block):
                orphans.append((bid, t[0], t[1], base_block))
    ids = {cid for cid, _blocks in _containers(od)}
    final: dict[str, list[str]] = {}
    for cid in [*oorder, *(c for c in torder if c not in oorder)]:
        members = {bid for bid, (home, _b) in alive.items() if home == cid}
        o_seq, t_seq, b_seq = oorder.get(cid, []), torder.get(cid, []), border.get(cid, [])
        skeleton, other = (t_seq, o_seq) if o_seq == b_seq and t_seq != b_seq else (o_seq, t_seq)
        kept = [bid for bid in skeleton if bid in members]
        final[cid] = insert_anchored(kept, other, members)
    for bid, cid, block, base_block in orphans:
        # ours deleted it, the other copy changed it: its way back is after its neighbour
        placed = set(final.get(cid, []))
        seq = torder.get(cid, [])
        before = [k for k in seq[: seq.index(bid)] if k in placed]
        state.conflict("block", bid, base_block, None, block,
                       place=cid if cid in ids else UNASSIGNED,
                       after=before[-1] if before else None)
    sections: list[Json] = []
    for s in od["sections"]:
        sections.append({**s, "heading": _heading(s, bd, td),
                         "blocks": [alive[k][1] for k in final.get(s["id"], [])]})
    unassigned = [alive[k][1] for k in final.get(UNASSIGNED, [])]
    for cid in final:
        if cid not in ids and final[cid]:
            # a section only the other copy has (never after a common template); keep its text
            unassigned += [alive[k][1] for k in final[cid]]
    return sections, unassigned


def _home(base: str | None, ours: str, theirs: str, bid: str, state: _State) -> str:
    """The container a block ends in: where the side that moved it put it."""
    if ours == theirs or theirs == base:
        return ours
    if ours == base:
        return theirs
    state.notes.append(_("Both copies moved paragraph {id} to different sections; it stays "
                         "where this copy put it.").format(id=bid))
    return ours


def _heading(section: Json, bd: Json, td: Json) -> str:
    def of(d: Json) -> Any:
        return next((s.get("heading", "") for s in d["sections"] if s["id"] == section["id"]),
                    MISSING)

    value, _clash = pick(of(bd), section.get("heading", ""), of(td))
    return str(section.get("heading", "")) if value is MISSING else str(value)
