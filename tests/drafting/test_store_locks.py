"""The draft file under contention and failure: locks held, stale and foreign,
crashes mid-write, full disks, a journal left by an old file."""

from __future__ import annotations

import errno
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from drafting.errors import DraftError, DraftLockedError
from drafting.storage.lockfile import lock_path_for
from drafting.storage.store import (
    DraftStore,
)
from tests.drafting.store_helpers import big_letter, digest, make_draft, make_letter

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def draft(tmp_path: Path) -> Path:
    return make_draft(tmp_path)




# -- locking -----------------------------------------------------------------

HOLDER = textwrap.dedent(
    """
    import sys
    from drafting.storage.store import DraftStore
    with DraftStore.open(sys.argv[1]):
        print("ready", flush=True)
        sys.stdin.readline()
    """
)


def _python(code: str, *args: str, **kw: object) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-c", code, *args], cwd=ROOT, env=env, text=True, **kw
    )


def test_lock_held_by_live_process_is_respected(draft: Path) -> None:
    holder = _python(HOLDER, str(draft), stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        before = digest(draft)
        with pytest.raises(DraftLockedError, match=rf"process {holder.pid} on "):
            DraftStore.open(draft)
        assert digest(draft) == before
        # Reading while someone else writes is fine; writing is not.
        with DraftStore.open(draft, read_only=True) as reader:
            assert reader.read_only
            assert reader.load().template_id == "minusma-six-monthly"
            with pytest.raises(DraftError, match="read-only"):
                reader.save(make_letter())
            with pytest.raises(DraftError, match="read-only"):
                reader.autosave(make_letter())
    finally:
        holder.communicate("\n", timeout=20)
    assert holder.returncode == 0
    assert not lock_path_for(draft).exists()
    with DraftStore.open(draft) as store:
        store.save(make_letter("!"), name="après")


def test_second_writer_in_same_process_is_refused(draft: Path) -> None:
    with DraftStore.open(draft):
        with pytest.raises(DraftLockedError, match=str(os.getpid())):
            DraftStore.open(draft)
    with DraftStore.open(draft):  # released by __exit__
        pass


def _dead_pid() -> int:
    proc = _python("pass")
    proc.wait(timeout=20)
    return proc.pid


def _write_lock(draft: Path, pid: int, host: str) -> None:
    lock_path_for(draft).write_text(
        json.dumps({"pid": pid, "host": host, "time": "2020-06-01T09:00:00+00:00",
                    "token": "ancien"}),
        encoding="utf-8",
    )


def test_stale_lock_of_dead_process_is_taken_over(draft: Path) -> None:
    _write_lock(draft, _dead_pid(), socket.gethostname())
    with DraftStore.open(draft) as store:
        info = json.loads(lock_path_for(draft).read_text(encoding="utf-8"))
        assert info["pid"] == os.getpid()
        store.save(make_letter("?"), name="repris")
    assert not lock_path_for(draft).exists()


def test_lock_of_unclosed_store_is_removed_at_exit(draft: Path) -> None:
    forgetful = _python(
        "import sys\nfrom drafting.storage.store import DraftStore\nDraftStore.open(sys.argv[1])\n",
        str(draft),
    )
    assert forgetful.wait(timeout=30) == 0
    assert not lock_path_for(draft).exists()


def test_lock_from_another_host_is_respected(draft: Path) -> None:
    _write_lock(draft, 4242, "poste-bamako")
    with pytest.raises(DraftLockedError, match="poste-bamako"):
        DraftStore.open(draft)
    assert lock_path_for(draft).exists()  # never removed by the refusal


# -- crashes and write failures ------------------------------------------------

CRASHER = textwrap.dedent(
    """
    import os, sys
    from drafting.storage.store import DraftStore
    store = DraftStore.open(sys.argv[1])
    conn = store._conn
    conn.execute("PRAGMA cache_size = 10")  # force SQLite to spill into the file
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE content SET data = randomblob(length(data))")
    conn.execute("DELETE FROM revision")
    conn.execute("INSERT INTO content VALUES ('x', 'json', randomblob(3000000))")
    os._exit(0)  # the power goes out: no commit, no rollback, lock left behind
    """
)


def test_crash_mid_write_is_rolled_back_on_open(draft: Path, tmp_path: Path) -> None:
    with DraftStore.open(draft) as store:
        store.save(big_letter(3), name="avant la panne")
        expected = store.load().to_dict()
        revisions = store.revisions()
    before = digest(draft)
    crasher = _python(CRASHER, str(draft))
    assert crasher.wait(timeout=30) == 0
    journal = Path(str(draft) + "-journal")
    assert journal.stat().st_size > 0 and lock_path_for(draft).exists()
    assert digest(draft) != before  # the file alone is inconsistent now
    copy_dir = tmp_path / "copie"
    copy_dir.mkdir()
    copy = copy_dir / draft.name
    shutil.copy2(draft, copy)
    shutil.copy2(journal, Path(str(copy) + "-journal"))

    with DraftStore.open(draft) as store:  # stale lock taken over, journal rolled back
        assert store.load().to_dict() == expected
        assert store.revisions() == revisions
    assert not journal.exists() and digest(draft) == before
    # A read-only open must recover too (SQLite opens read-write to do it).
    with DraftStore.open(copy, read_only=True) as store:
        assert store.load().to_dict() == expected
    assert not lock_path_for(copy).exists()


def test_disk_full_during_save_keeps_previous_revision(
    draft: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_space(*_args: object, **_kw: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    with DraftStore.open(draft) as store:
        previous = store.load().to_dict()
        # Fails after the new text is already written inside the transaction.
        monkeypatch.setattr(DraftStore, "_insert_revision", no_space)
        with pytest.raises(DraftError, match="disk space") as info:
            store.save(big_letter(2), name="perdu")
        assert "intact" in str(info.value)
        with pytest.raises(DraftError, match="disk space"):
            store.autosave(big_letter(2))
        monkeypatch.undo()
        assert store.load().to_dict() == previous
        assert len(store.revisions()) == 1
        rev = store.save(make_letter("."), name="ensuite")
        assert store.revisions()[-1] == rev
    conn = sqlite3.connect(draft)
    assert conn.execute("SELECT COUNT(*) FROM content").fetchone()[0] == 2  # no orphan
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_sqlite_reporting_full_disk_keeps_previous_revision(draft: Path) -> None:
    with DraftStore.open(draft) as store:
        previous = store.load().to_dict()
        conn = store._conn
        assert conn is not None
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")  # SQLite's own SQLITE_FULL
        with pytest.raises(DraftError, match="disk space"):
            store.save(big_letter(10), name="trop gros")
        assert store.load().to_dict() == previous
        assert [r.name for r in store.revisions()] == ["Premier jet"]
    with DraftStore.open(draft) as store:
        assert store.load().to_dict() == previous


def test_new_draft_ignores_journal_left_by_an_old_file(draft: Path) -> None:
    crasher = _python(CRASHER, str(draft))
    assert crasher.wait(timeout=30) == 0
    journal = Path(str(draft) + "-journal")
    assert journal.stat().st_size > 0
    draft.unlink()  # the writer deletes the broken draft but not its journal
    letter = make_letter("nouveau")
    with DraftStore.create(draft, letter, name="Nouveau"):
        pass
    assert not journal.exists()
    with DraftStore.open(draft) as store:
        assert store.load().to_dict() == letter.to_dict()
        assert [r.name for r in store.revisions()] == ["Nouveau"]
