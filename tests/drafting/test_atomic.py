"""The shared atomic writer: whole files or none, names that fit, no leftovers."""

from __future__ import annotations

import errno
import os
import time
from pathlib import Path
from typing import BinaryIO

import pytest

from drafting import atomic
from drafting.errors import OutputRefusedError


def hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_writes_replaces_and_keeps_the_mode(tmp_path: Path) -> None:
    target = tmp_path / "lettre.docx"
    atomic.write_atomic(target, b"one")
    target.chmod(0o640)
    atomic.write_atomic(target, lambda f: f.write(b"two"))
    assert target.read_bytes() == b"two"
    assert target.stat().st_mode & 0o777 == 0o640
    assert hidden(tmp_path) == []


def test_new_files_follow_the_umask_not_a_private_mode(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        atomic.write_atomic(tmp_path / "a.docx", b"x")
    finally:
        os.umask(old)
    assert (tmp_path / "a.docx").stat().st_mode & 0o777 == 0o644


@pytest.mark.parametrize("length", [200, 234, 241, 249, 255])
def test_long_names_up_to_the_limit_are_written(tmp_path: Path, length: int) -> None:
    name = "é" * ((length - 5) // 2) + "x" * ((length - 5) % 2) + ".docx"
    assert len(os.fsencode(name)) == length
    target = tmp_path / name
    atomic.write_atomic(target, b"data")
    atomic.write_atomic(target, b"data again")  # and replaced
    assert target.read_bytes() == b"data again"
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_a_failure_while_writing_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "lettre.docx"
    target.write_bytes(b"previous")

    def fail(handle: BinaryIO) -> None:
        handle.write(b"half")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with pytest.raises(OSError, match="No space left"):
        atomic.write_atomic(target, fail)
    assert target.read_bytes() == b"previous"
    assert hidden(tmp_path) == []


def test_stale_temporary_files_of_the_target_are_removed(tmp_path: Path) -> None:
    target = tmp_path / "lettre.docx"
    prefix = atomic.temp_prefix(target)
    stale = tmp_path / f"{prefix}.0123abcd.tmp"
    fresh = tmp_path / f"{prefix}.89abcdef.tmp"  # a writer at work right now
    other = tmp_path / f"{atomic.temp_prefix(tmp_path / 'autre.docx')}.0123abcd.tmp"
    for p in (stale, fresh, other):
        p.write_bytes(b"killed half-way")
    old = time.time() - atomic.STALE_TEMP_SECONDS - 60
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    atomic.write_atomic(target, b"data")
    assert hidden(tmp_path) == sorted([fresh.name, other.name])


def test_a_database_is_never_replaced(tmp_path: Path) -> None:
    target = tmp_path / "rapport.docx"
    target.write_bytes(atomic.SQLITE_MAGIC + b"\x00" * 84)
    before = target.read_bytes()
    with pytest.raises(OutputRefusedError, match="rapport.docx is a Missive draft"):
        atomic.write_atomic(target, b"PK")
    assert target.read_bytes() == before


def test_fit_name_cuts_between_characters_and_keeps_names_apart() -> None:
    a = atomic.fit_name("é" * 200 + "a", 100)
    b = atomic.fit_name("é" * 200 + "b", 100)
    assert len(os.fsencode(a)) <= 100 and len(os.fsencode(b)) <= 100
    assert a != b
    assert atomic.fit_name("court.docx", 100) == "court.docx"
