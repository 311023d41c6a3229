"""Crash safety: a process editing and saving a draft is killed with SIGKILL at
random moments, hundreds of times; after every kill the draft opens, passes
SQLite's integrity check and holds exactly the last committed step. A process
merging another copy into a draft is killed the same way: the draft holds the
state before the merge or the complete merge, never a half.

The seed is printed (run with `-s` to see it, or read it from a failure) and
can be replayed with MISSIVE_KILL_SEED=<seed>.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from drafting.letter import Block, Span
from drafting.storage.backups import list_backups, load_backup
from drafting.storage.lockfile import lock_path_for, read_lock
from drafting.storage.store import DraftStore
from tests.reliability.helpers import ROOT
from tests.reliability.worker import SAVE_EVERY, counter_of, letter_for, save_names

pytestmark = pytest.mark.slow

WORKER = Path(__file__).with_name("worker.py")
KILLS = 200
# Every FRESH_EVERY-th run starts a new interpreter instead of forking one.
FRESH_EVERY = 25
TIME_BUDGET = 55.0  # seconds; the loop stops there even if KILLS is not reached
# The longest a worker runs before it is killed: a few saves (each syncs to disk).
MAX_DELAY = 0.12


class Zygote:
    """A pre-imported Python process that forks workers on request."""

    def __init__(self, env: dict[str, str]) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(WORKER), "--zygote"], cwd=ROOT, env=env, text=True,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        )

    def ask(self, line: str) -> str:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        return self.proc.stdout.readline().strip()

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        self.proc.wait(timeout=20)


def wait_for_ready(report: Path, deadline: float) -> int:
    """The step the worker found in the draft when it opened it."""
    while time.monotonic() < deadline:
        lines = report.read_text(encoding="utf-8").split("\n") if report.exists() else []
        for line in lines[:-1]:
            if line.startswith("error"):
                pytest.fail(f"worker could not open the draft: {line}")
            if line.startswith("ready "):
                return int(line.split()[1])
        time.sleep(0.001)
    pytest.fail("worker never opened the draft")


def last_reported(report: Path, start: int) -> int:
    """The last step the killed worker reported complete (a torn line does not count)."""
    lines = report.read_text(encoding="utf-8").split("\n")[:-1]
    steps = [int(line) for line in lines if line.isdigit()]
    assert steps == list(range(start + 1, start + 1 + len(steps)))
    return steps[-1] if steps else start


def check_draft(path: Path, reported: int, dead_pid: int) -> int:
    """Open the draft after a kill and check it holds a committed step; return it."""
    holder = read_lock(lock_path_for(path))
    assert holder is not None and holder.pid == dead_pid  # left behind by the kill
    # Read-only: leaves the dead worker's lock for the next worker to take over,
    # while SQLite still rolls back a journal the kill left hot.
    with DraftStore.open(path, read_only=True) as store:
        stored = store.load()
        revisions = store.revisions()
    step = counter_of(stored)
    assert step in (reported, reported + 1), (step, reported)
    assert stored.to_dict() == letter_for(step).to_dict()
    assert [r.name for r in revisions if r.kind == "save"] == save_names(step)
    assert revisions[-1].kind == ("save" if step % SAVE_EVERY == 0 else "autosave")
    assert sum(r.kind == "autosave" for r in revisions) <= 1
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        orphans = conn.execute(
            "SELECT COUNT(*) FROM content WHERE hash NOT IN (SELECT content FROM revision)"
        ).fetchone()[0]
        assert orphans == 0
    finally:
        conn.close()
    # A journal may stay behind only if it is dead: a kill before SQLite synced
    # it leaves its header zeroed (and the file untouched); SQLite ignores it.
    journal = Path(str(path) + "-journal")
    assert not journal.exists() or journal.read_bytes()[:1] in (b"", b"\x00")
    return step


def test_sigkill_at_random_moments_never_loses_a_committed_save(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed = int(os.environ.get("MISSIVE_KILL_SEED", time.time_ns() % 1_000_000))
    print(f"kill loop seed: {seed} (replay with MISSIVE_KILL_SEED={seed})")
    rng = random.Random(seed)
    data_dir = tmp_path / "user-data"
    monkeypatch.setenv("MISSIVE_DATA_DIR", str(data_dir))
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    path = tmp_path / "Lettre tuée.missive"
    with DraftStore.create(path, letter_for(0), name="n0"):
        pass

    zygote = Zygote(env)
    kills, step, hot, unreported, started = 0, 0, 0, 0, time.monotonic()
    report = tmp_path / "report.txt"
    try:
        while kills < KILLS and time.monotonic() - started < TIME_BUDGET:
            report.unlink(missing_ok=True)
            fresh = kills % FRESH_EVERY == FRESH_EVERY - 1
            if fresh:
                proc = subprocess.Popen([sys.executable, str(WORKER), str(path), str(report)],
                                        cwd=ROOT, env=env)
                pid = proc.pid
            else:
                answer = zygote.ask(f"run\t{path}\t{report}")
                assert answer.startswith("pid "), answer
                pid = int(answer.split()[1])
            start = wait_for_ready(report, time.monotonic() + 20)
            assert start == step, (seed, kills)  # the stale lock was taken over
            time.sleep(rng.uniform(0, MAX_DELAY) if rng.random() < 0.9 else 0)
            os.kill(pid, signal.SIGKILL)
            if fresh:
                proc.wait(timeout=20)
            else:
                assert zygote.ask(f"reap\t{pid}") == "reaped"
            reported = last_reported(report, start)
            journal = Path(str(path) + "-journal")
            if journal.exists() and journal.read_bytes()[:1] not in (b"", b"\x00"):
                hot += 1  # killed mid-write: the open below must roll it back
            step = check_draft(path, reported, pid)
            unreported += step == reported + 1
            kills += 1
    finally:
        zygote.close()
    elapsed = time.monotonic() - started
    print(f"{kills} kills in {elapsed:.1f} s, {step} steps committed, {hot} kills "
          f"mid-write, {unreported} after a commit but before its report")
    assert kills >= KILLS, f"only {kills} kills in {elapsed:.0f} s (seed {seed})"
    # The kills really landed among writes, not only between runs.
    assert step >= KILLS // 4 and hot > 0

    # The next writer takes the last dead worker's lock over and carries on.
    with DraftStore.open(path) as store:
        assert counter_of(store.load()) == step
        store.save(letter_for(step + 1), name="after")
    # Backups of named saves are whole zips; a kill can only cost one its copy.
    backups = list_backups(path)
    assert 0 < len(backups) <= 20 and not any(b.damaged for b in backups)
    for b in backups:
        expected = letter_for(step + 1) if b.name == "after" else letter_for(int(b.name[1:]))
        assert load_backup(b.path).to_dict() == expected.to_dict()
    assert not list(backups[0].path.parent.glob(".*.tmp"))


# -- merges (issue 20) ----------------------------------------------------------------

MERGE_KILLS = 60
MERGE_TIME_BUDGET = 40.0
_THEIR_SAVES = 6  # each with a large, poorly compressible paragraph: a long transaction


def _copies(tmp_path: Path) -> tuple[Path, Path]:
    """This draft and the other copy, diverged: a few saves of its own each."""
    ours = tmp_path / "Bamako.missive"
    with DraftStore.create(ours, letter_for(10), name="n10") as store:
        store.save(letter_for(20), name="shared")
    theirs = tmp_path / "New York.missive"
    theirs.write_bytes(ours.read_bytes())
    with DraftStore.open(ours) as store:
        mine = letter_for(20)
        mine.sections[2].blocks = [Block(spans=[Span("Texte de Bamako.")], id="bamako")]
        store.save(mine, name="Bamako")
    with DraftStore.open(theirs) as store:
        other = letter_for(20)
        for k in range(_THEIR_SAVES):
            other.sections[4].blocks = [Block(spans=[Span(f"New York {k}. " + _noise(k))],
                                              id="ny")]
            store.save(other, name=f"NY {k}")
    return ours, theirs


def _noise(k: int) -> str:
    from tests.reliability.worker import _NOISE

    return _NOISE[k * 1000 : k * 1000 + 50_000]


def _state(path: Path) -> tuple[dict[str, object], list[tuple[str, str]]]:
    """(letter, revisions) of a draft after a kill, once SQLite has checked it whole."""
    with DraftStore.open(path, read_only=True) as store:
        letter = store.load().to_dict()
        revisions = [(r.kind, r.name) for r in store.revisions()]
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        orphans = conn.execute(
            "SELECT COUNT(*) FROM content WHERE hash NOT IN (SELECT content FROM revision)"
        ).fetchone()[0]
        assert orphans == 0
    finally:
        conn.close()
    return letter, revisions


def test_sigkill_during_merges_leaves_the_draft_before_or_fully_merged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed = int(os.environ.get("MISSIVE_KILL_SEED", time.time_ns() % 1_000_000))
    print(f"merge kill seed: {seed} (replay with MISSIVE_KILL_SEED={seed})")
    rng = random.Random(seed)
    monkeypatch.setenv("MISSIVE_DATA_DIR", str(tmp_path / "user-data"))
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    ours, theirs = _copies(tmp_path)
    theirs_bytes = theirs.read_bytes()
    before = _state(ours)
    work = tmp_path / "Lettre fusionnée.missive"
    report = tmp_path / "merge-report.txt"

    def fresh() -> None:
        for leftover in (lock_path_for(work), Path(str(work) + "-journal")):
            leftover.unlink(missing_ok=True)
        work.write_bytes(ours.read_bytes())
        report.unlink(missing_ok=True)

    def lines() -> list[str]:
        return report.read_text(encoding="utf-8").split("\n")[:-1] if report.exists() else []

    zygote = Zygote(env)
    try:
        # One merge to its end: the complete merged state, and how long a merge takes.
        fresh()
        assert zygote.ask(f"merge\t{work}\t{theirs}\t{report}").startswith("pid ")
        t0 = time.monotonic()
        while "merged" not in lines() and time.monotonic() - t0 < 30:
            assert not any(ln.startswith("error") for ln in lines()), lines()
            time.sleep(0.001)
        duration = time.monotonic() - t0
        after = _state(work)
        assert after[1] == [*before[1], *((("save", f"NY {k} (from New York.missive)"))
                                          for k in range(_THEIR_SAVES)),
                            ("save", "Merged with New York.missive")]
        assert after[0] != before[0]
        outcomes = {"before": 0, "merged": 0}
        kills = hot = 0
        started = time.monotonic()
        while kills < MERGE_KILLS and time.monotonic() - started < MERGE_TIME_BUDGET:
            fresh()
            answer = zygote.ask(f"merge\t{work}\t{theirs}\t{report}")
            pid = int(answer.split()[1])
            deadline = time.monotonic() + 20
            while "ready" not in lines() and time.monotonic() < deadline:
                time.sleep(0.0005)
            # Mostly towards the end, where the merge writes its one transaction.
            time.sleep(rng.uniform(0.3, 1.3) * duration)
            os.kill(pid, signal.SIGKILL)
            assert zygote.ask(f"reap\t{pid}") == "reaped"
            journal = Path(str(work) + "-journal")
            if journal.exists() and journal.read_bytes()[:1] not in (b"", b"\x00"):
                hot += 1
            state = _state(work)
            reported = "merged" in lines()
            if state == before:
                assert not reported  # a merge said to be done is never undone
                outcomes["before"] += 1
            else:
                assert state == after, "a half-merged draft"
                outcomes["merged"] += 1
            assert theirs.read_bytes() == theirs_bytes  # the other copy is never written
            kills += 1
    finally:
        zygote.close()
    print(f"{kills} kills during merges (a merge takes {duration * 1000:.0f} ms): "
          f"{outcomes['before']} left the draft as it was, {outcomes['merged']} fully merged, "
          f"{hot} mid-write")
    assert kills >= MERGE_KILLS // 2, f"only {kills} kills (seed {seed})"
    assert outcomes["before"] and outcomes["merged"]
