"""The merge benchmark (issue 20): two copies of a 200-page draft, merged.

`diverged_copies` makes the two files: one draft of a generated letter,
copied; this copy rewrites paragraphs in the first half of the sections and
adds some, the other copy rewrites and deletes paragraphs in the second half
and adds a few named revisions of its own, and both rewrite the same few
paragraphs (conflicts). `time_merges` times `drafting.storage.merging.merge_copy`
on a fresh copy of this draft each run: opening the other copy, finding the
common ancestor, loading and merging three 200-page letters, and the one
transaction that records the merge (fsync included).
"""

from __future__ import annotations

import random
import shutil
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from common import Clock, Measure

from drafting.letter import Block, Letter
from drafting.storage.merging import merge_copy
from drafting.storage.store import DraftStore

EDITS_PER_SIDE = 60
INSERTS_PER_SIDE = 12
DELETES = 8
CONFLICTS = 5
THEIR_SAVES = 3


if TYPE_CHECKING:
    from run import Suite


def _rewritten(block: Block, tag: str) -> Block:
    return replace(block, spans=Block.from_text(block.text + f" ({tag})").spans,
                   carried=False, boilerplate=False)


def _edit(letter: Letter, sections: list[str], rng: random.Random, tag: str,
          edits: int, inserts: int, deletes: int = 0) -> Letter:
    out = letter.copy()
    blocks = [(s.id, i) for s in out.sections if s.id in sections for i in range(len(s.blocks))]
    for sid, i in rng.sample(blocks, min(edits, len(blocks))):
        section = out.section(sid)
        section.blocks[i] = _rewritten(section.blocks[i], tag)
    for n in range(inserts):
        section = out.section(rng.choice(sections))
        at = rng.randrange(len(section.blocks) + 1)
        section.blocks.insert(at, Block.from_text(f"A paragraph {tag} added ({n})."))
    for _n in range(deletes):
        section = out.section(rng.choice(sections))
        if section.blocks:
            del section.blocks[rng.randrange(len(section.blocks))]
    return out


def diverged_copies(folder: Path, letter: Letter, seed: int = 20) -> tuple[Path, Path]:
    """This draft and the other copy of `letter`, diverged as the module says."""
    rng = random.Random(seed)
    ours = folder / "merge-ours.missive"
    theirs = folder / "merge-theirs.missive"
    for path in (ours, theirs):
        path.unlink(missing_ok=True)
    DraftStore.create(ours, letter, name="shared").close()
    shutil.copyfile(ours, theirs)
    ids = [s.id for s in letter.sections if s.blocks]
    first, second = ids[: len(ids) // 2], ids[len(ids) // 2:]
    both = rng.sample([(s.id, i) for s in letter.sections if s.id in second
                       for i in range(len(s.blocks))], CONFLICTS)
    mine = _edit(letter, first, rng, "Bamako", EDITS_PER_SIDE, INSERTS_PER_SIDE)
    for sid, i in both:
        mine.section(sid).blocks[i] = _rewritten(mine.section(sid).blocks[i], "Bamako")
    with DraftStore.open(ours) as store:
        store.save(mine, name="Bamako")
    other = letter
    with DraftStore.open(theirs) as store:
        for k in range(THEIR_SAVES):
            other = _edit(other, second, rng, f"New York {k}", EDITS_PER_SIDE // THEIR_SAVES,
                          INSERTS_PER_SIDE // THEIR_SAVES, DELETES // THEIR_SAVES)
            store.save(other, name=f"New York {k}")
        for sid, i in both:
            section = other.section(sid)
            match = [n for n, b in enumerate(section.blocks)
                     if b.id == letter.section(sid).blocks[i].id]
            if match:
                section.blocks[match[0]] = _rewritten(section.blocks[match[0]], "New York")
        store.save(other, name="New York, final")
    return ours, theirs


def time_merges(ours: Path, theirs: Path, runs: int) -> tuple[Clock, int, int]:
    """(clock, conflicts, changes taken) of `runs` merges after one warm-up."""
    clock = Clock()
    work = ours.with_name("merge-work.missive")
    conflicts = taken = 0
    for run in range(runs + 1):
        shutil.copyfile(ours, work)
        with DraftStore.open(work) as store:
            if run == 0:
                outcome = merge_copy(store, theirs)
                conflicts, taken = len(outcome.result.conflicts), outcome.result.taken
            else:
                clock.time(lambda store=store: merge_copy(store, theirs))
    work.unlink(missing_ok=True)
    return clock, conflicts, taken


def bench_merge(suite: Suite) -> None:
    """The `merge` group of `bench/run.py`: two diverged copies of a 200-page draft."""
    ours, theirs = diverged_copies(suite.tmp, suite.letter("200p"))
    clock, conflicts, taken = time_merges(ours, theirs, suite.n(5, 2))
    suite.add(Measure.timed("merge_200p", "merge two copies of a 200 p draft", clock, 1000,
                            extra={"conflicts": conflicts, "changes_taken": taken}))
