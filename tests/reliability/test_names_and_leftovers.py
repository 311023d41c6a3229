"""File names near the file system's limit, and what a killed export leaves
behind (issue 15)."""

from __future__ import annotations

import os
import signal
import subprocess
import textwrap
import time
from pathlib import Path

import pytest

from drafting import atomic
from drafting.storage.store import DraftStore
from tests.reliability.cli import assert_one_clear_error, cli
from tests.reliability.helpers import TEMPLATE_ID, letter, python


def name_of(length: int, suffix: str) -> str:
    """A file name of exactly `length` bytes, accented letters included."""
    room = length - len(suffix.encode())
    return "é" * (room // 2) + "x" * (room % 2) + suffix


@pytest.mark.parametrize("length", [234, 240, 247])
def test_long_draft_names_work_everywhere(tmp_path: Path, length: int) -> None:
    draft = tmp_path / name_of(length, ".missive")
    contribution = tmp_path / "c.txt"
    contribution.write_text("La Force a conduit trois opérations.\n", encoding="utf-8")
    out = tmp_path / name_of(255, ".docx")
    for argv in (["new", "-t", TEMPLATE_ID, "-l", "fr", "-o", str(draft)],
                 ["fill", str(draft), "--section", "security", "--from", str(contribution)],
                 ["history", str(draft)],
                 ["export", str(draft), "-o", str(out)],
                 ["export", str(draft), "-o", str(out)]):  # and over the first export
        code, _out, err = cli(*argv)
        assert code == 0, (argv[0], err)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [draft.name, contribution.name, out.name])


@pytest.mark.parametrize("length", [248, 249, 250, 255])
def test_a_draft_name_with_no_room_for_its_journal_is_refused_plainly(
        tmp_path: Path, length: int) -> None:
    draft = tmp_path / name_of(length, ".missive")
    assert_one_clear_error(
        cli("new", "-t", TEMPLATE_ID, "-l", "fr", "-o", str(draft)),
        rf"is too long for a draft \({length} bytes; at most 247\); choose a shorter name")
    assert list(tmp_path.iterdir()) == []


KILLED_WRITER = textwrap.dedent(
    """
    import sys, time
    from drafting.atomic import write_atomic

    def half_then_hang(handle):
        handle.write(b"PK half a document")
        handle.flush()
        print("writing", flush=True)
        time.sleep(600)

    write_atomic(sys.argv[1], half_then_hang)
    """
)


def test_what_a_killed_export_leaves_is_removed_by_the_next_one(tmp_path: Path) -> None:
    draft = tmp_path / "lettre.missive"
    with DraftStore.create(draft, letter()):
        pass
    out = tmp_path / "lettre.docx"
    writer = python(KILLED_WRITER, str(out), stdout=subprocess.PIPE)
    assert writer.stdout is not None and writer.stdout.readline().strip() == "writing"
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=30)
    leftovers = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert len(leftovers) == 1 and leftovers[0].name.startswith(".lettre.docx.")
    # A fresh leftover may be another export at work: it is left alone.
    assert cli("export", str(draft), "-o", str(out))[0] == 0
    assert leftovers[0].exists()
    old = time.time() - atomic.STALE_TEMP_SECONDS - 1
    os.utime(leftovers[0], (old, old))
    assert cli("export", str(draft), "-o", str(out))[0] == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lettre.docx", "lettre.missive"]
