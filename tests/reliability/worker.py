"""The process the kill loop kills: it edits a draft and saves it, forever.

Step `n` turns the letter into `letter_for(n)` (a pure function of `n`) and
records it: a named save "n{n}" every `SAVE_EVERY` steps, an autosave
otherwise. Only after the store call returns — the transaction committed —
is "n" written to the report file, in one `write`, so the last complete line
is a step that is certainly on disk, and the draft may hold at most one step
more (committed, but killed before it could say so).

Two ways to run it:
- `python worker.py DRAFT REPORT`: one run in a fresh interpreter;
- `python worker.py --zygote`: imports everything once, then for each line
  `run⇥DRAFT⇥REPORT` on stdin (tab-separated: paths may hold spaces) forks a
  child that does the same and answers `pid N`; `reap⇥N` waits for that child
  and answers `reaped`. Forking keeps
  a kill cycle to milliseconds, so hundreds of kills fit in the time budget.

The merge case (`merge⇥DRAFT⇥OTHER⇥REPORT`, or `python worker.py --merge DRAFT
OTHER REPORT`) merges another copy into the draft once: "ready" when the draft
is open, "merged" once the merge's transaction has committed.
"""

from __future__ import annotations

import os
import random
import sys
from datetime import date
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from drafting.letter import Block, Letter, Metadata, Section, Span  # noqa: E402
from drafting.storage.merging import merge_copy  # noqa: E402
from drafting.storage.store import DraftStore  # noqa: E402

SAVE_EVERY = 4
_BIG_EVERY = 7  # every 7th step carries a large, poorly compressible paragraph
# Text that compresses poorly, so a big step really writes many pages.
_NOISE = "".join(random.Random(7).choices("abcdefghijklmnopqrstuvwxyzàéèêôçœ ", k=61_000))
_SECTIONS = ("opening", "security", "performance", "rotation", "coordination",
             "framework", "exit")


def letter_for(n: int) -> Letter:
    """The letter as step `n` leaves it (block ids included: exact comparisons)."""
    sections = [Section(id=sid) for sid in _SECTIONS]
    sections[0].blocks = [Block(spans=[Span(f"Compteur {n}.")], id="counter")]
    body = sections[1 + n % 6]
    body.blocks = [
        Block(spans=[Span(f"Paragraphe {i} de l’étape {n} : la Mission a poursuivi "
                          "ses patrouilles. " * 3)], id=f"p{i}")
        for i in range(n % 25)
    ]
    if n % _BIG_EVERY == 3:
        start = n % 1000
        sections[6].blocks.append(
            Block(spans=[Span(_NOISE[start : start + 60_000], bold=True)], id="big"))
    return Letter(
        template_id="minusma-six-monthly",
        template_version=1,
        metadata=Metadata(symbol="S/2020/481", date=date(2020, 6, 2), language="fr",
                          job_number=f"20-{n % 100000:05d}"),
        sections=sections,
    )


def counter_of(letter: Letter) -> int:
    """The step a stored letter comes from."""
    text = letter.sections[0].blocks[0].text
    return int(text.removeprefix("Compteur ").removesuffix("."))


def save_names(upto: int) -> list[str]:
    """The named saves a draft holds once step `upto` is its newest."""
    return ["n0", *(f"n{k}" for k in range(SAVE_EVERY, upto + 1, SAVE_EVERY))]


def run(draft: str, report: str) -> None:
    """Edit and save `draft` until killed, reporting each committed step."""
    fd = os.open(report, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        store = DraftStore.open(draft)
        n = counter_of(store.load())
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which fails the test
        os.write(fd, f"error {type(exc).__name__}: {exc}\n".encode())
        os._exit(1)
    os.write(fd, f"ready {n}\n".encode())
    while True:
        n += 1
        letter = letter_for(n)
        if n % SAVE_EVERY == 0:
            store.save(letter, name=f"n{n}")
        else:
            store.autosave(letter)
        os.write(fd, f"{n}\n".encode())


def merge_once(draft: str, other: str, report: str) -> None:
    """Merge `other` into `draft` once, reporting when the merge has committed."""
    fd = os.open(report, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        store = DraftStore.open(draft)
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which fails the test
        os.write(fd, f"error {type(exc).__name__}: {exc}\n".encode())
        os._exit(1)
    os.write(fd, b"ready\n")
    merge_copy(store, other)
    os.write(fd, b"merged\n")
    store.close()


def zygote() -> None:
    """Fork a worker per request (protocol in the module docstring)."""
    for line in sys.stdin:
        command, *args = line.rstrip("\n").split("\t")
        if command == "run":
            pid = os.fork()
            if pid == 0:
                try:
                    run(args[0], args[1])
                finally:
                    os._exit(1)
            print(f"pid {pid}", flush=True)
        elif command == "merge":
            pid = os.fork()
            if pid == 0:
                try:
                    merge_once(args[0], args[1], args[2])
                finally:
                    os._exit(0)
            print(f"pid {pid}", flush=True)
        elif command == "reap":
            os.waitpid(int(args[0]), 0)
            print("reaped", flush=True)


if __name__ == "__main__":
    if sys.argv[1:] == ["--zygote"]:
        zygote()
    elif sys.argv[1:2] == ["--merge"]:
        merge_once(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        run(sys.argv[1], sys.argv[2])
