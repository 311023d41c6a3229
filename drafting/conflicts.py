"""Merge conflicts kept in a letter until the writer chooses (issue 20).

When two copies of a draft changed the same thing differently, the merge
(`drafting.merging`) keeps this copy's version in the letter and records the
other in a `Conflict`, so nothing either writer typed is lost. A letter with
conflicts cannot become final (`merge.conflict` findings block it) until each
one is resolved with `drafting.edits.resolve_conflict`.

Versions are kept in the letter's own JSON form (a block's `to_dict()`, a
metadata value as stored, a record's dict), so a conflict round-trips with the
letter exactly and needs no knowledge of what it holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

ConflictKind = Literal["block", "metadata", "record", "value"]
CONFLICT_KINDS: tuple[str, ...] = ("block", "metadata", "record", "value")


@dataclass
class Conflict:
    """One thing both copies changed differently.

    - "block": `key` is the block id; `place` the section (or "unassigned")
      where the letter holds this copy's version, or where the other copy's
      goes back when this copy deleted it (after block `after`, None: first);
    - "metadata": `key` is the metadata field;
    - "record": `place` names a letter-level list of records with ids
      (suggestions, comments, …), `key` the record id, `fields` the fields
      both copies changed;
    - "value": `key` names a letter-level value merged whole (the annexes).

    `base`, `ours` and `theirs` are the versions in JSON form: the common
    ancestor's, this copy's and the other copy's (None where it was deleted).
    `other` names the other copy (its file name) for display.
    """

    id: str
    kind: ConflictKind
    key: str
    ours: Any
    theirs: Any
    base: Any = None
    place: str = ""
    after: str | None = None
    fields: list[str] = field(default_factory=list)
    other: str = ""

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"id": self.id, "kind": self.kind, "key": self.key,
                             "ours": self.ours, "theirs": self.theirs, "base": self.base}
        if self.place:
            d["place"] = self.place
        if self.after is not None:
            d["after"] = self.after
        if self.fields:
            d["fields"] = list(self.fields)
        if self.other:
            d["other"] = self.other
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Conflict:
        kind = str(d["kind"])
        if kind not in CONFLICT_KINDS:
            raise ValueError(f"unknown conflict kind {kind!r}")
        after = d.get("after")
        return cls(
            id=str(d["id"]),
            kind=kind,  # type: ignore[arg-type]
            key=str(d["key"]),
            ours=d.get("ours"),
            theirs=d.get("theirs"),
            base=d.get("base"),
            place=str(d.get("place", "")),
            after=None if after is None else str(after),
            fields=[str(f) for f in d.get("fields", [])],
            other=str(d.get("other", "")),
        )


def conflict_id(kind: ConflictKind, key: str, taken: set[str]) -> str:
    """A stable id for a new conflict: the same merge always gives the same ids.

    A second conflict on the same thing (an earlier one still unresolved)
    gets a numbered id, so neither replaces the other.
    """
    base = f"{kind}:{key}"
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}#{n}"
    taken.add(candidate)
    return candidate
