"""Crash safety: a process editing and saving a draft is killed with SIGKILL at
random moments, hundreds of times; after every kill the draft opens, passes
SQLite's integrity check and holds exactly the last committed step.

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
