"""What changed between two letters: sections, blocks and words (DESIGN §1, the reviewer).

`compare_letters(old, new)` aligns sections by id and, inside each section,
blocks by id first (blocks keep their ids across edits, so two revisions of a
draft line up exactly) and then by text similarity for the blocks left over
(a previous letter imported from DOCX, or text replaced by `fill`, has new
ids). A paired block whose text differs carries word-level operations.

Tokens keep every character — words, runs of spaces, single punctuation
marks — so joining the "equal" and "delete" texts of a block's operations
gives the old text exactly, and joining "equal" and "insert" gives the new.
Blank blocks are left out: they never reach an export or a reader.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from difflib import SequenceMatcher
from typing import Literal

from drafting.i18n import _
from drafting.letter import UNASSIGNED, Block, Letter, count_words

OpKind = Literal["equal", "insert", "delete"]
BlockDiffKind = Literal["equal", "changed", "inserted", "deleted"]
Op = tuple[OpKind, str]

# Below this word similarity two blocks without a common id are not the same
# paragraph rewritten but one deleted and another inserted.
PAIR_THRESHOLD = 0.5
# Alignment by similarity compares every old block with every new one of a
# gap; past this many pairs only exact texts are paired (keeps it fast).
_MAX_PAIRS = 10_000

_TOKEN_RE = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)


def tokenize(text: str) -> list[str]:
    """Words, whitespace runs and single other characters; `"".join` gives `text` back."""
    return _TOKEN_RE.findall(text)


@dataclass(frozen=True)
class BlockDiff:
    """One block compared: its texts on both sides and the word operations.

    `ops` is empty for "equal"; for "inserted" it is one insert, for
    "deleted" one delete. `old_id`/`new_id` are the block ids on each side
    (None on the side where the block does not exist).
    """

    kind: BlockDiffKind
    old_text: str
    new_text: str
    ops: list[Op] = field(default_factory=list)
    old_id: str | None = None
    new_id: str | None = None
    block_kind: str = "paragraph"

    @property
    def words_added(self) -> int:
        return sum(count_words(t) for op, t in self.ops if op == "insert")

    @property
    def words_removed(self) -> int:
        return sum(count_words(t) for op, t in self.ops if op == "delete")


@dataclass
class SectionDiff:
    """The blocks of one section (or "unassigned", or "annex-N") in reading order."""

    id: str
    heading: str
    blocks: list[BlockDiff] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(b.kind != "equal" for b in self.blocks)


@dataclass(frozen=True)
class FieldChange:
    """A metadata field whose value differs (values as text)."""

    name: str
    old: str
    new: str


@dataclass
class LetterDiff:
    """Every section of both letters, new letter's order first, with metadata changes."""

    sections: list[SectionDiff] = field(default_factory=list)
    metadata: list[FieldChange] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.metadata) or any(s.changed for s in self.sections)

    def section(self, section_id: str) -> SectionDiff:
        for s in self.sections:
            if s.id == section_id:
                return s
        raise KeyError(section_id)


# -- words ------------------------------------------------------------------


def word_ops(old: str, new: str) -> list[Op]:
    """Word-level operations turning `old` into `new`.

    Changes separated only by whitespace are merged into one deletion and one
    insertion ("[-the old-]{+a new+}" rather than word-by-word pairs), which
    reads better and keeps the texts exact.
    """
    if old == new:
        return [("equal", old)] if old else []
    a, b = tokenize(old), tokenize(new)
    raw: list[Op] = []
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            raw.append(("equal", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            raw.append(("delete", "".join(a[i1:i2])))
        if j2 > j1:
            raw.append(("insert", "".join(b[j1:j2])))
    return _slide(_merge(_absorb_whitespace(raw)))


def _absorb_whitespace(ops: list[Op]) -> list[Op]:
    out: list[Op] = []
    for index, (op, text) in enumerate(ops):
        inner = 0 < index < len(ops) - 1
        if op == "equal" and inner and not text.strip() \
                and ops[index - 1][0] != "equal" and ops[index + 1][0] != "equal":
            out += [("delete", text), ("insert", text)]
        else:
            out.append((op, text))
    return out


def _slide(ops: list[Op]) -> list[Op]:
    """Move a lone insertion or deletion off a leading space: "the{+ new+} car" reads
    better as "the {+new +}car" (both texts stay the same)."""
    out = list(ops)
    for index in range(1, len(out) - 1):
        (before, prev), (op, text), (after, nxt) = out[index - 1], out[index], out[index + 1]
        if op == "equal" or before != "equal" or after != "equal":
            continue
        while text and text[0].isspace() and nxt.startswith(text[0]):
            prev, text, nxt = prev + text[0], text[1:] + text[0], nxt[1:]
        out[index - 1], out[index], out[index + 1] = ("equal", prev), (op, text), ("equal", nxt)
    return [(op, text) for op, text in out if text]


def _merge(ops: list[Op]) -> list[Op]:
    """Each stretch of changes as one delete then one insert; equal runs joined."""
    out: list[Op] = []
    deleted: list[str] = []
    inserted: list[str] = []

    def flush() -> None:
        if deleted:
            out.append(("delete", "".join(deleted)))
        if inserted:
            out.append(("insert", "".join(inserted)))
        deleted.clear()
        inserted.clear()

    for op, text in ops:
        if not text:
            continue
        if op == "equal":
            flush()
            if out and out[-1][0] == "equal":
                out[-1] = ("equal", out[-1][1] + text)
            else:
                out.append(("equal", text))
        elif op == "delete":
            deleted.append(text)
        else:
            inserted.append(text)
    flush()
    return out


def similarity(old: str, new: str) -> float:
    """How alike two texts are, 0..1, on their words (spaces and punctuation ignored)."""
    a = [t.casefold() for t in tokenize(old) if t[0].isalnum() or t[0] == "_"]
    b = [t.casefold() for t in tokenize(new) if t[0].isalnum() or t[0] == "_"]
    if not a and not b:
        return 1.0 if old.strip() == new.strip() else 0.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < PAIR_THRESHOLD or matcher.quick_ratio() < PAIR_THRESHOLD:
        return 0.0
    return matcher.ratio()


# -- blocks -----------------------------------------------------------------


def _pair(old: Block | None, new: Block | None) -> BlockDiff:
    if old is None and new is not None:
        return BlockDiff("inserted", "", new.text, [("insert", new.text)], None, new.id, new.kind)
    if new is None and old is not None:
        return BlockDiff("deleted", old.text, "", [("delete", old.text)], old.id, None, old.kind)
    assert old is not None and new is not None
    if old.text == new.text:
        return BlockDiff("equal", old.text, new.text, [], old.id, new.id, new.kind)
    return BlockDiff("changed", old.text, new.text, word_ops(old.text, new.text),
                     old.id, new.id, new.kind)


def align_blocks(old: list[Block], new: list[Block]) -> list[BlockDiff]:
    """Blocks of one section paired in reading order (see module docstring)."""
    old = [b for b in old if b.text.strip()]
    new = [b for b in new if b.text.strip()]
    out: list[BlockDiff] = []
    matcher = SequenceMatcher(None, [b.id for b in old], [b.id for b in new], autojunk=False)
    i = j = 0
    for a, b, size in matcher.get_matching_blocks():
        out += _align_gap(old[i:a], new[j:b])
        out += [_pair(old[a + k], new[b + k]) for k in range(size)]
        i, j = a + size, b + size
    return out


def _align_gap(old: list[Block], new: list[Block]) -> list[BlockDiff]:
    """Pair blocks without a common id by similarity, keeping both orders.

    A small dynamic programme maximises the summed similarity of the pairs
    (each at least PAIR_THRESHOLD); whatever is not paired is deleted or
    inserted, deletions first where both fall in the same place.
    """
    if not old or not new:
        return [_pair(b, None) for b in old] + [_pair(None, b) for b in new]
    n, m = len(old), len(new)
    exact_only = n * m > _MAX_PAIRS
    sim = [[0.0] * m for _ in range(n)]
    for x in range(n):
        for y in range(m):
            if exact_only:
                sim[x][y] = 1.0 if old[x].text == new[y].text else 0.0
            else:
                sim[x][y] = similarity(old[x].text, new[y].text)
    # best[x][y]: best total for old[x:], new[y:]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for x in range(n - 1, -1, -1):
        for y in range(m - 1, -1, -1):
            score = max(best[x + 1][y], best[x][y + 1])
            if sim[x][y] >= PAIR_THRESHOLD:
                score = max(score, sim[x][y] + best[x + 1][y + 1])
            best[x][y] = score
    out: list[BlockDiff] = []
    deleted: list[BlockDiff] = []
    inserted: list[BlockDiff] = []
    x = y = 0
    while x < n and y < m:
        if sim[x][y] >= PAIR_THRESHOLD and best[x][y] == sim[x][y] + best[x + 1][y + 1]:
            out += deleted + inserted
            deleted, inserted = [], []
            out.append(_pair(old[x], new[y]))
            x, y = x + 1, y + 1
        elif best[x][y] == best[x + 1][y]:
            deleted.append(_pair(old[x], None))
            x += 1
        else:
            inserted.append(_pair(None, new[y]))
            y += 1
    deleted += [_pair(b, None) for b in old[x:]]
    inserted += [_pair(None, b) for b in new[y:]]
    return out + deleted + inserted


# -- letters ----------------------------------------------------------------


def _parts(letter: Letter) -> list[tuple[str, str, list[Block]]]:
    """(id, heading, blocks) of every section, then unassigned text, then annexes."""
    parts = [(s.id, s.heading, s.blocks) for s in letter.sections]
    if letter.unassigned:
        parts.append((UNASSIGNED, "", letter.unassigned))
    for index, annex in enumerate(letter.annexes, start=1):
        parts.append((f"annex-{index}", annex.title, annex.blocks))
    return parts


def compare_letters(old: Letter, new: Letter) -> LetterDiff:
    """Every difference between `old` and `new` (neither is changed).

    Sections follow the new letter's order; a section only the old letter has
    comes after the section that preceded it there, with all its blocks
    deleted.
    """
    old_parts = _parts(old)
    new_parts = _parts(new)
    old_by_id = {pid: (heading, blocks) for pid, heading, blocks in old_parts}
    new_ids = {pid for pid, _h, _b in new_parts}
    order: list[tuple[str, str]] = [(pid, heading) for pid, heading, _b in new_parts]
    for index, (pid, heading, _b) in enumerate(old_parts):
        if pid in new_ids:
            continue
        previous = [p for p, _h, _x in old_parts[:index]]
        at = 0
        for slot, (placed, _hd) in enumerate(order):
            if placed in previous:
                at = slot + 1
        order.insert(at, (pid, heading))
    new_by_id = {pid: blocks for pid, _h, blocks in new_parts}
    sections = []
    for pid, heading in order:
        old_heading, old_blocks = old_by_id.get(pid, ("", []))
        blocks = align_blocks(old_blocks, new_by_id.get(pid, []))
        sections.append(SectionDiff(pid, heading or old_heading, blocks))
    return LetterDiff(sections, _metadata_changes(old, new))


def _metadata_changes(old: Letter, new: Letter) -> list[FieldChange]:
    changes: list[FieldChange] = []
    for f in fields(old.metadata):
        a, b = getattr(old.metadata, f.name), getattr(new.metadata, f.name)
        if a != b:
            changes.append(FieldChange(f.name, _as_text(a), _as_text(b)))
    return changes


def _as_text(value: object) -> str:
    if value is None:
        return ""
    iso = getattr(value, "isoformat", None)
    return str(iso()) if callable(iso) else str(value)


# -- summaries --------------------------------------------------------------


def diff_stats(diff: LetterDiff) -> dict[str, int]:
    """Counts for a summary line: blocks by kind, words added and removed, sections changed."""
    stats = {"equal": 0, "changed": 0, "inserted": 0, "deleted": 0,
             "words_added": 0, "words_removed": 0, "sections_changed": 0,
             "metadata_changed": len(diff.metadata)}
    for section in diff.sections:
        stats["sections_changed"] += int(section.changed)
        for block in section.blocks:
            stats[block.kind] += 1
            stats["words_added"] += block.words_added
            stats["words_removed"] += block.words_removed
    return stats


def render_inline_text(
    diff: LetterDiff,
    heading: Callable[[str], str] | None = None,
    *,
    context: bool = False,
) -> str:
    """The differences as plain text: `{+added+}` and `[-removed-]`, section by section.

    Only sections and blocks that changed are shown unless `context` is true.
    `heading(section_id)` names a section (default: its stored heading, else its id).
    """
    lines: list[str] = []
    for change in diff.metadata:
        lines.append(_("Metadata {name}: [-{old}-] {{+{new}+}}").format(
            name=change.name, old=change.old, new=change.new))
    for section in diff.sections:
        if not (section.changed or context):
            continue
        title = (heading(section.id) if heading else "") or section.heading or section.id
        if lines:
            lines.append("")
        lines.append(f"== {title} ==")
        for block in section.blocks:
            if block.kind == "equal":
                if context:
                    lines.append(block.new_text)
                continue
            lines.append(_render_ops(block.ops))
    if not lines:
        return _("No differences.")
    return "\n".join(lines)


def _render_ops(ops: list[Op]) -> str:
    parts = []
    for op, text in ops:
        if op == "insert":
            parts.append("{+" + text + "+}")
        elif op == "delete":
            parts.append("[-" + text + "-]")
        else:
            parts.append(text)
    return "".join(parts)
