"""A draft is data (issue 15): a received draft whose schema carries code, or
whose text inflates to gigabytes, is refused in one line before anything in
it runs; nothing is written; the revisions that can be read stay readable.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from drafting.storage import schema
from drafting.storage.recovery import list_recoverable, recover_to_draft
from drafting.storage.store import DraftStore
from tests.reliability.cli import assert_one_clear_error, cli
from tests.reliability.helpers import ROOT, digest, folder_state, letter
from tests.reliability.hostile import (
    FOREIGN_OBJECTS,
    add_costly_index,
    add_sql,
    bomb_the_tip,
    redefine_revision_table,
)


@pytest.fixture()
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "reçue.missive"
    with DraftStore.create(path, letter(), name="Premier jet") as store:
        store.save(letter(marker=" Deuxième version."), name="v2")
    return path


@pytest.fixture()
def contribution(tmp_path: Path) -> Path:
    path = tmp_path / "contribution.txt"
    path.write_text("Texte nouveau de la Force.\n", encoding="utf-8")
    return path


def every_command_refuses(draft: Path, contribution: Path, match: str) -> None:
    """fill, check, export and history: one line each, and the folder as it was."""
    state = folder_state(draft.parent)
    for argv in (["fill", str(draft), "--section", "security", "--from", str(contribution)],
                 ["check", str(draft)],
                 ["export", str(draft), "-o", str(draft.parent / "sortie.docx")],
                 ["history", str(draft)]):
        assert_one_clear_error(cli(*argv), match)
        assert folder_state(draft.parent) == state, argv[0]


@pytest.mark.parametrize("case", sorted(FOREIGN_OBJECTS))
def test_schema_objects_missive_did_not_create_are_refused(
        draft: Path, contribution: Path, case: str) -> None:
    kind, name, sql = FOREIGN_OBJECTS[case]
    add_sql(draft, sql)
    article = "an" if kind == "index" else "a"
    every_command_refuses(
        draft, contribution,
        rf"reçue\.missive contains {article} {kind} “{name}” that Missive did not create; "
        r"it was not opened\.")


def test_our_own_table_with_another_definition_is_refused(
        draft: Path, contribution: Path) -> None:
    redefine_revision_table(draft)
    every_command_refuses(draft, contribution,
                          r"contains a table “revision” whose definition Missive did not write")


def test_a_costly_expression_index_is_refused_before_it_is_evaluated(
        draft: Path, contribution: Path) -> None:
    # Computing this index over the table takes about a second; the check
    # that refuses it must not compute it once.
    add_costly_index(draft, rows=40, megabytes=2)
    started = time.perf_counter()
    assert_one_clear_error(cli("check", str(draft)), r"contains an index “slow”")
    assert time.perf_counter() - started < 0.5
    every_command_refuses(draft, contribution, r"contains an index “slow”")


def test_statistics_left_by_analyze_are_refused(draft: Path, contribution: Path) -> None:
    add_sql(draft, "ANALYZE")
    every_command_refuses(draft, contribution, r"contains a table “sqlite_stat1”")


def test_recover_copies_the_text_of_a_hostile_draft_into_a_clean_one(
        draft: Path, tmp_path: Path) -> None:
    add_sql(draft, FOREIGN_OBJECTS["trigger-wipe-history"][2])
    before = digest(draft)
    found = list_recoverable(draft)
    assert [(r.name, r.readable) for r in found] == [("Premier jet", True), ("v2", True)]
    clean = tmp_path / "propre" / "nettoyée.missive"
    clean.parent.mkdir()
    recover_to_draft(draft, 2, clean)
    assert digest(draft) == before
    with DraftStore.open(clean) as store:
        assert "Deuxième version." in store.load().section("security").text
        store.save(letter(marker=" Suite."), name="v3")  # the trigger did not come along
        assert [r.name for r in store.revisions()][-2:] == [
            "Recovered from revision 2 of reçue.missive", "v3"]


# -- defence in depth ---------------------------------------------------------------


def test_nothing_from_a_trigger_or_view_runs_on_a_hardened_connection(tmp_path: Path) -> None:
    """Even an object that got past the schema check cannot act."""
    conn = sqlite3.connect(tmp_path / "x.db", isolation_level=None)
    conn.executescript(schema.SCHEMA)
    conn.execute("CREATE TABLE log (x)")
    conn.execute("CREATE TRIGGER t AFTER INSERT ON meta BEGIN INSERT INTO log VALUES (1); END")
    conn.execute("CREATE VIEW v AS SELECT * FROM meta")
    schema.harden(conn)
    with pytest.raises(sqlite3.DatabaseError, match="not authorized"):
        conn.execute("INSERT INTO meta VALUES ('a', 'b')")
    with pytest.raises(sqlite3.DatabaseError, match="prohibited|not authorized"):
        conn.execute("SELECT * FROM v").fetchall()
    assert conn.execute("SELECT count(*) FROM log").fetchone()[0] == 0


def test_a_runaway_statement_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(schema, "MAX_STEPS", 1_000_000)
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (x)")
    conn.executemany("INSERT INTO t VALUES (?)", [(i,) for i in range(1000)])
    schema.harden(conn)
    started = time.perf_counter()
    with pytest.raises(sqlite3.OperationalError, match="interrupted"):
        conn.execute("SELECT count(*) FROM t a, t b, t c").fetchone()  # 10^9 rows
    assert time.perf_counter() - started < 5


# -- a letter that inflates to gigabytes ----------------------------------------------------

PEAK = """
import sys
sys.path.insert(0, sys.argv[1])
import main
code = main.run_command(sys.argv[2:])
# VmHWM: this process's own peak (ru_maxrss would include the parent's, as
# Linux keeps it across exec)
with open("/proc/self/status") as f:
    peak = next(line.split()[1] for line in f if line.startswith("VmHWM:"))
print(peak, code, file=sys.stderr)
"""


def test_a_letter_that_inflates_to_a_gigabyte_is_refused_and_the_rest_stays_readable(
        draft: Path, contribution: Path, tmp_path: Path) -> None:
    bomb_the_tip(draft, megabytes=1000)  # about 1 MB on disk
    assert draft.stat().st_size < 2 * 1024 * 1024
    refusal = r"reçue\.missive holds a letter larger than Missive reads \(16 MB"
    state = folder_state(draft.parent)
    for argv in (["fill", str(draft), "--section", "security", "--from", str(contribution)],
                 ["check", str(draft)],
                 ["export", str(draft), "-o", str(tmp_path / "sortie.docx")]):
        assert_one_clear_error(cli(*argv), refusal)
    # history lists every revision, the unreadable one marked, in a bounded
    # amount of memory (a fresh process, so the figure is its own).
    proc = subprocess.run(
        [sys.executable, "-c", PEAK, str(ROOT), "history", str(draft)],
        capture_output=True, text=True, timeout=120,
        env=dict(os.environ, PYTHONPATH=str(ROOT)))
    lines = proc.stdout.splitlines()
    assert [line.split()[-1] for line in lines[:1]] == ["jet"]
    assert "v2  (cannot be read: its text is larger than Missive reads" in lines[1]
    *errors, usage = proc.stderr.strip().splitlines()
    assert len(errors) == 1 and "holds a letter larger than Missive reads" in errors[0]
    peak_kb, code = (int(x) for x in usage.split())
    assert code == 2
    assert peak_kb < 200 * 1024, f"history peaked at {peak_kb // 1024} MB"
    assert folder_state(draft.parent) == state
    readable = [r for r in list_recoverable(draft) if r.readable]
    assert [r.name for r in readable] == ["Premier jet"]


def test_a_letter_too_large_to_read_is_never_written(draft: Path) -> None:
    from drafting.errors import DraftError
    from drafting.letter import Block

    huge = letter()
    huge.section("exit").blocks = [Block.from_text("x" * (schema.MAX_LETTER_BYTES + 1))]
    with DraftStore.open(draft) as store:
        before = store.revisions()
        with pytest.raises(DraftError, match="too large to save .*previous version is intact"):
            store.save(huge, name="trop")
        assert store.revisions() == before


# -- a draft left in WAL mode ------------------------------------------------------------------


@pytest.fixture()
def open_tree() -> Iterator[Path]:
    """A folder every user can enter (tmp_path is private to its owner)."""
    folder = Path(tempfile.mkdtemp(prefix="missive-wal-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        for p in [folder, *folder.rglob("*")]:
            if p.is_dir():
                p.chmod(0o755)
        shutil.rmtree(folder)


def test_a_draft_left_in_wal_mode_reads_from_a_read_only_folder(open_tree: Path) -> None:
    tmp_path = open_tree
    exports = tmp_path / "exports"
    exports.mkdir()
    exports.chmod(0o777)
    folder = tmp_path / "lecture seule"
    folder.mkdir()
    path = folder / "wal.missive"
    with DraftStore.create(path, letter(), name="Premier jet"):
        pass
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode=WAL").fetchone()[0] == "wal"
    conn.close()
    assert not Path(f"{path}-wal").exists()
    argv = [["check", str(path)], ["history", str(path)],
            ["export", str(path), "-o", str(exports / "l.docx")]]
    folder.chmod(0o555)
    try:
        before = folder_state(folder)
        for args in argv:
            code, _out, err = _as_reader(args, tmp_path)
            assert code == 0, err
        assert folder_state(folder) == before  # no -shm, no -wal left
    finally:
        folder.chmod(0o755)
    # Opened for writing, it goes back to the rollback journal.
    with DraftStore.open(path) as store:
        store.save(letter(marker=" Ensuite."), name="v2")
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()


def _as_reader(argv: list[str], tmp_path: Path) -> tuple[int, str, str]:
    """The CLI as a user who cannot write the folder (root can write anywhere)."""
    if os.geteuid() != 0:
        return cli(*argv)
    from tests.reliability.test_faults import as_ordinary_user

    return as_ordinary_user(argv, tmp_path / f"home-{argv[0]}")
