"""Writers that meet on one draft, in real processes (issue 15).

Before: the lock was named after the path as typed while SQLite opened the
real file, so two writers through two symbolic links both "succeeded" and
some contributions vanished; two `new -o` on one name could both succeed,
one draft silently replacing the other.
"""

from __future__ import annotations

import os
import subprocess
import textwrap
from pathlib import Path

import pytest

from drafting.storage.store import DraftStore
from tests.reliability.helpers import ROOT, letter, python

pytestmark = pytest.mark.slow

WORKERS = 4
FILLS_EACH = 15  # 60 contributions in all

FILLER = textwrap.dedent(
    """
    import random, sys, time
    import main
    worker, folder, names = sys.argv[1], sys.argv[2], sys.argv[3:]
    for i in range(int(sys.argv[0] if False else {fills})):
        marker = f"Contribution {{worker}}-{{i}}."
        source = f"{{folder}}/contribution-{{worker}}-{{i}}.txt"
        with open(source, "w", encoding="utf-8") as f:
            f.write(marker + "\\n")
        name = names[i % len(names)]
        for _attempt in range(400):
            # a script that tries again when the draft is busy, as a writer would
            code = main.run_command(["fill", name, "--section", "security", "--from", source,
                                     "--append"])
            if code == 0:
                print("ok", marker, flush=True)
                break
            time.sleep(random.uniform(0.005, 0.03))
        else:
            print("gave up", marker, flush=True)
    """
).format(fills=FILLS_EACH)


def run_fillers(folder: Path, names: list[Path]) -> tuple[list[str], list[str]]:
    procs = [python(FILLER, str(w), str(folder), *map(str, names),
                    stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for w in range(WORKERS)]
    outs, errs = [], []
    for proc in procs:
        out, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err
        outs += out.splitlines()
        errs += err.splitlines()
    return outs, errs


def contributions(path: Path) -> list[str]:
    with DraftStore.open(path, read_only=True) as store:
        blocks = store.load().section("security").blocks
    return [b.text for b in blocks if b.text.startswith("Contribution ")]


def check_every_contribution_landed_once(outs: list[str], draft: Path) -> None:
    succeeded = sorted(line.removeprefix("ok ") for line in outs if line.startswith("ok "))
    assert len(succeeded) == WORKERS * FILLS_EACH, [o for o in outs if not o.startswith("ok")]
    assert sorted(contributions(draft)) == succeeded


def test_writers_through_two_symbolic_links_take_turns(tmp_path: Path) -> None:
    real = tmp_path / "dossier" / "lettre.missive"
    real.parent.mkdir()
    with DraftStore.create(real, letter(), name="Premier jet"):
        pass
    links = [tmp_path / "lien-a.missive", tmp_path / "lien-b.missive"]
    for link in links:
        os.symlink(real, link)
    outs, errs = run_fillers(tmp_path, links)
    check_every_contribution_landed_once(outs, real)
    # The ones that had to wait were told who held the draft, in one line each.
    odd = [e for e in errs if "open for writing in another Missive window" not in e
           and "is being opened by another Missive window" not in e]
    assert odd == []
    assert any(errs), "the writers never met: the test proves nothing"


def test_writers_through_hard_links_never_lose_each_others_work(tmp_path: Path) -> None:
    first = tmp_path / "lettre.missive"
    with DraftStore.create(first, letter(), name="Premier jet"):
        pass
    second = tmp_path / "même lettre.missive"
    os.link(first, second)
    outs, errs = run_fillers(tmp_path, [first, second])
    check_every_contribution_landed_once(outs, first)
    assert contributions(second) == contributions(first)


NEW_RACER = textwrap.dedent(
    """
    import sys
    import main
    worker, folder = sys.argv[1], sys.argv[2]
    for line in sys.stdin:
        n = line.strip()
        code = main.run_command(["new", "-t", "minusma-six-monthly", "-l", "fr",
                                 "-o", f"{folder}/{n}.missive", "--symbol", f"S/{worker}/{n}"])
        print("result", n, code, flush=True)
    """
)


def test_two_new_on_one_name_never_both_succeed(tmp_path: Path) -> None:
    racers = [python(NEW_RACER, w, str(tmp_path), stdin=subprocess.PIPE,
                     stdout=subprocess.PIPE, stderr=subprocess.PIPE) for w in ("A", "B")]
    rounds = 20
    results: dict[str, dict[str, int]] = {}
    for n in range(rounds):
        for proc in racers:  # both start the same name at (nearly) the same moment
            assert proc.stdin is not None
            proc.stdin.write(f"{n}\n")
            proc.stdin.flush()
        for worker, proc in zip("AB", racers, strict=True):
            assert proc.stdout is not None
            line = proc.stdout.readline()
            while not line.startswith("result "):
                line = proc.stdout.readline()
            _tag, got, code = line.split()
            results.setdefault(got, {})[worker] = int(code)
    errors = []
    for proc in racers:
        _out, err = proc.communicate("", timeout=60)
        errors += err.splitlines()
    for n in map(str, range(rounds)):
        winners = [w for w, code in results[n].items() if code == 0]
        assert len(winners) == 1, (n, results[n])
        assert sorted(results[n].values()) == [0, 2]
        with DraftStore.open(tmp_path / f"{n}.missive", read_only=True) as store:
            assert store.load().metadata.symbol == f"S/{winners[0]}/{n}"
    assert len(errors) == rounds and all(
        "already exists" in e or "is being opened by another Missive window" in e
        or "open for writing in another Missive window" in e for e in errors), errors
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        f"{n}.missive" for n in range(rounds))  # no temporary file, no lock left
    assert ROOT.is_dir()
