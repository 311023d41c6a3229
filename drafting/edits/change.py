"""`Change`: what one edit does to a letter, as data (CONVENTIONS rule 2).

Every edit function in `drafting.edits` takes a letter and returns a
`Change` without touching the letter. The caller decides what to do with it:
the CLI applies it and saves; the GUI session pushes it on its undo stack,
applies it on redo and reverts it on undo, and tells its views what changed
from the same object (which sections, which letter details, which lists).

Blocks are replaced, never changed in place, so the old and new lists a
change holds are exact snapshots.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from drafting.letter import UNASSIGNED, Block, Letter

# Letter-level lists a change may replace as a whole.
LETTER_FIELDS = ("confirmations", "annexes", "conflicts", "suggestions", "comments", "reviews")


@dataclass
class Change:
    """Old and new states of what an edit touches; empty when nothing changes.

    `sections` maps a section id (or `UNASSIGNED`) to its old and new blocks;
    `metadata` a metadata field to its old and new value; `fields` a
    letter-level list (`LETTER_FIELDS`) to its old and new content; `letter`
    replaces the whole letter (template migration, a restored revision).
    `count` says how many things the edit did (replacements, fixes,
    confirmations) and `notices` what the writer should be told.
    """

    label: str
    sections: dict[str, tuple[list[Block], list[Block]]] = field(default_factory=dict)
    metadata: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    fields: dict[str, tuple[list[Any], list[Any]]] = field(default_factory=dict)
    letter: tuple[Letter, Letter] | None = None
    count: int = 0
    notices: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.sections or self.metadata or self.fields or self.letter)

    def apply(self, letter: Letter) -> Letter:
        """Bring `letter` to the new state; returns the letter to use from now on
        (a new object only when the change replaces the whole letter)."""
        return self._set(letter, forward=True)

    def revert(self, letter: Letter) -> Letter:
        """Bring `letter` back to the old state; returns the letter to use."""
        return self._set(letter, forward=False)

    def _set(self, letter: Letter, forward: bool) -> Letter:
        pick = 1 if forward else 0
        if self.letter is not None:
            return self.letter[pick]
        for section_id, pair in self.sections.items():
            set_blocks(letter, section_id, pair[pick])
        for name, values in self.metadata.items():
            setattr(letter.metadata, name, values[pick])
        for name, lists in self.fields.items():
            setattr(letter, name, list(lists[pick]))
        return letter


def blocks_of(letter: Letter, section_id: str) -> list[Block]:
    """The blocks of a section, or of the unassigned area for `UNASSIGNED`."""
    if section_id == UNASSIGNED:
        return letter.unassigned
    return letter.section(section_id).blocks


def set_blocks(letter: Letter, section_id: str, blocks: list[Block]) -> None:
    if section_id == UNASSIGNED:
        letter.unassigned = list(blocks)
    else:
        letter.section(section_id).blocks = list(blocks)


def editable_ids(letter: Letter) -> list[str]:
    """Every section id, then `UNASSIGNED` when the unassigned area holds text."""
    ids = letter.section_ids()
    return [*ids, UNASSIGNED] if letter.unassigned else ids
