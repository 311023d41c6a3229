"""Recovery for users: a draft whose newest revision is damaged still gives
up its other revisions, and every explicit save has a copy outside the draft."""

from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import docx
import pytest

from drafting.errors import CorruptDraftError, DraftError, NewerDraftError
from drafting.export import export_docx
from drafting.storage import store as store_module
from drafting.storage.backups import BACKUPS_KEPT, backup_dir_for, list_backups, load_backup
from drafting.storage.draftfile import letter_from_json
from drafting.storage.lockfile import lock_path_for
from drafting.storage.recovery import (
    list_recoverable,
    load_recoverable,
    recover_to_draft,
)
from drafting.storage.store import DraftStore
from drafting.templates.catalog import get_template
from tests.reliability.helpers import ROOT, digest, folder_state, letter, python
from tests.reliability.worker import letter_for

WORKER = Path(__file__).with_name("worker.py")


@pytest.fixture(autouse=True)
def own_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "user-data"
    monkeypatch.setenv("MISSIVE_DATA_DIR", str(data))
    return data


def make_history(path: Path) -> dict[str, str]:
    """A draft with three named saves and an autosave; returns name → marker text."""
    markers: dict[str, str] = {}
    with DraftStore.create(path, letter(marker=" Créé."), name="Créé") as store:
        markers["Créé"] = " Créé."
        for name in ("Premier jet", "Après la relecture"):
            marker = f" {name}."
            store.save(letter(marker=marker), name=name)
            markers[name] = marker
        store.autosave(letter(marker=" Non enregistré."))
        markers[""] = " Non enregistré."
    return markers


def damage_content_of(path: Path, rev_id: int) -> None:
    conn = sqlite3.connect(path)
    (digest_,) = conn.execute("SELECT content FROM revision WHERE id = ?", (rev_id,)).fetchone()
    conn.execute("UPDATE content SET data = ?, encoding = 'json' WHERE hash = ?",
                 (b'{"template": {"id": "minusma', digest_))
    conn.commit()
    conn.close()


def docx_text(path: Path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def test_damaged_newest_revision_leaves_the_others_recoverable(tmp_path: Path) -> None:
    path = tmp_path / "lettre.missive"
    markers = make_history(path)
    damage_content_of(path, 4)  # the autosave, the newest revision
    before = digest(path)
    with pytest.raises(CorruptDraftError):  # the everyday open refuses it ...
        DraftStore.open(path)

    found = list_recoverable(path)  # ... the Recover action does not
    assert [(r.id, r.kind, r.name, r.readable) for r in found] == [
        (1, "save", "Créé", True),
        (2, "save", "Premier jet", True),
        (3, "save", "Après la relecture", True),
        (4, "autosave", "", False),
    ]
    assert found[3].problem == "its text is not readable"
    assert all(r.created is not None and r.created.tzinfo is not None for r in found)
    assert found[1].words > 10

    out = tmp_path / "relecture.docx"
    letter = load_recoverable(path, 3)
    result = export_docx(letter, get_template(letter.template_id), out)
    assert result.path == out
    assert markers["Après la relecture"].strip() in docx_text(out)
    assert markers["Premier jet"].strip() not in docx_text(out)
    with pytest.raises(CorruptDraftError, match="cannot be read: its text is not readable"):
        load_recoverable(path, 4)
    with pytest.raises(DraftError, match="no revision 9"):
        load_recoverable(path, 9)

    rescued = recover_to_draft(path, 2, tmp_path / "sauvé.missive")
    with DraftStore.open(rescued) as store:
        assert markers["Premier jet"].strip() in store.load().section("security").text
        assert "revision 2" in store.revisions()[0].name
    # The damaged draft itself was only ever read.
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".lettre")) == []
    assert not Path(str(path) + "-journal").exists()


def test_damaged_compressed_text_is_marked_and_the_rest_still_reads(tmp_path: Path) -> None:
    path = tmp_path / "long.missive"
    with DraftStore.create(path, letter(), name="court") as store:
        big = letter()
        big.section("framework").blocks = [
            type(big.section("security").blocks[0]).from_text(f"Paragraphe {i} " * 40)
            for i in range(60)
        ]
        store.save(big, name="long")
    conn = sqlite3.connect(path)
    (blob,) = conn.execute(
        "SELECT data FROM content WHERE encoding = 'json+zlib'").fetchone()
    conn.close()
    data = bytearray(path.read_bytes())
    at = data.find(bytes(blob[:64]))
    assert at > 0
    for i in range(at + 20, at + 60):
        data[i] ^= 0xFF  # inside the stored blob: SQLite's pages stay valid
    path.write_bytes(bytes(data))
    found = list_recoverable(path)
    assert [(r.name, r.readable) for r in found] == [("court", True), ("long", False)]
    assert found[1].problem == "its compressed text is damaged"


def test_draft_left_with_a_hot_journal_is_recovered_from_a_copy(tmp_path: Path) -> None:
    path = tmp_path / "panne.missive"
    make_history(path)
    crasher = python(
        "import os, sys\n"
        "from drafting.storage.store import DraftStore\n"
        "store = DraftStore.open(sys.argv[1])\n"
        "conn = store._conn\n"
        "conn.execute('PRAGMA cache_size = 10')\n"
        "conn.execute('BEGIN IMMEDIATE')\n"
        "conn.execute('UPDATE content SET data = randomblob(length(data))')\n"
        "conn.execute('DELETE FROM revision')\n"
        "conn.execute(\"INSERT INTO content VALUES ('x', 'json', randomblob(2000000))\")\n"
        "os._exit(0)\n",
        str(path),
    )
    assert crasher.wait(timeout=30) == 0
    journal = Path(str(path) + "-journal")
    assert journal.stat().st_size > 0
    state = folder_state(tmp_path)
    found = list_recoverable(path)
    assert [r.name for r in found] == ["Créé", "Premier jet", "Après la relecture", ""]
    assert all(r.readable for r in found)
    assert "Premier jet" in load_recoverable(path, 2).section("security").text
    # The journal and the stale lock were left for the real open to deal with.
    assert folder_state(tmp_path) == state
    assert lock_path_for(path).exists()


def test_what_is_not_a_readable_draft_is_refused_untouched(tmp_path: Path) -> None:
    noise = tmp_path / "bruit.missive"
    noise.write_bytes(bytes(range(256)) * 64)
    newer = tmp_path / "futur.missive"
    with DraftStore.create(newer, letter()):
        pass
    conn = sqlite3.connect(newer)
    conn.execute("PRAGMA user_version = 7")
    conn.commit()
    conn.close()
    for path, error, match in (
        (noise, CorruptDraftError, "not a Missive draft"),
        (newer, NewerDraftError, "newer version"),
        (tmp_path, CorruptDraftError, "not a Missive draft"),
        (tmp_path / "absent.missive", DraftError, "does not exist"),
    ):
        before = folder_state(tmp_path)
        with pytest.raises(error, match=match):
            list_recoverable(path)
        assert folder_state(tmp_path) == before


# -- backups of explicit saves ---------------------------------------------------


def test_every_explicit_save_has_a_backup_that_outlives_the_draft(tmp_path: Path) -> None:
    path = tmp_path / "lettre.missive"
    markers = make_history(path)
    with DraftStore.open(path) as store:
        store.restore(2)
    backups = list_backups(path)
    # Created, two named saves and the restore; the autosave has none.
    assert [(b.revision_id, b.name) for b in backups] == [
        (1, "Créé"), (2, "Premier jet"), (3, "Après la relecture"),
        (5, "Restored from Premier jet"),
    ]
    assert all(not b.damaged and b.created is not None for b in backups)
    assert backups[0].path.parent == backup_dir_for(path)
    path.unlink()  # the draft is lost; its saves are not
    for b, name in zip(backups, ("Créé", "Premier jet", "Après la relecture", "Premier jet"),
                       strict=True):
        assert markers[name].strip() in load_backup(b.path).section("security").text
    # A backup is a plain zip: letter.json reads as interchange JSON.
    with zipfile.ZipFile(backups[1].path) as archive:
        again = letter_from_json(archive.read("letter.json").decode("utf-8"))
    assert again.to_dict() == load_backup(backups[1].path).to_dict()


def test_backups_are_pruned_and_kept_apart_per_draft(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, second = tmp_path / "a" / "lettre.missive", tmp_path / "b" / "lettre.missive"
    with DraftStore.create(second, letter(marker=" B.")):
        pass
    with DraftStore.create(first, letter()) as store:
        leftover = backup_dir_for(first) / ".20200101T000000000Z-r1.zip.dead.tmp"
        leftover.write_bytes(b"half a zip")  # a backup interrupted by a crash
        for n in range(BACKUPS_KEPT + 5):
            store.save(letter(marker=f" n{n}."), name=f"n{n}")
    names = [b.name for b in list_backups(first)]
    assert names == [f"n{n}" for n in range(5, BACKUPS_KEPT + 5)]
    assert not leftover.exists()
    assert [b.revision_id for b in list_backups(second)] == [1]
    assert backup_dir_for(first) != backup_dir_for(second)


def test_damaged_backup_is_listed_but_refused(tmp_path: Path) -> None:
    path = tmp_path / "lettre.missive"
    make_history(path)
    backups = list_backups(path)
    backups[1].path.write_bytes(b"PK\x03\x04 not really")
    again = list_backups(path)
    assert [b.damaged for b in again] == [False, True, False]
    assert again[1].revision_id == 2
    with pytest.raises(CorruptDraftError, match="damaged"):
        load_backup(again[1].path)


def test_a_backup_that_cannot_be_written_never_fails_the_save(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(*_a: object, **_k: object) -> Path:
        raise OSError(errno.ENOSPC, "No space left on device")

    path = tmp_path / "lettre.missive"
    with DraftStore.create(path, letter()) as store, monkeypatch.context() as mp:
        mp.setattr(store_module, "write_backup", disk_full)
        rev = store.save(letter(marker=" gardé."), name="sans copie")
        assert store.revisions()[-1] == rev
    with DraftStore.open(path) as store:
        assert "gardé" in store.load().section("security").text
    assert [b.name for b in list_backups(path)] == ["Created"]


def test_recover_reads_a_whole_snapshot_while_another_window_saves(tmp_path: Path) -> None:
    path = tmp_path / "vivante.missive"
    with DraftStore.create(path, letter_for(0), name="n0"):
        pass
    report = tmp_path / "report.txt"
    writer = subprocess.Popen([sys.executable, str(WORKER), str(path), str(report)],
                              cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    try:
        deadline = time.monotonic() + 30
        while not (report.exists() and "ready" in report.read_text(encoding="utf-8")):
            assert time.monotonic() < deadline and writer.poll() is None
            time.sleep(0.01)
        seen = 0
        for _ in range(15):
            found = list_recoverable(path)
            assert all(r.readable for r in found)
            assert [r.name for r in found if r.kind == "save"][:1] == ["n0"]
            seen = max(seen, len(found))
            time.sleep(0.02)
    finally:
        writer.kill()
        writer.wait(timeout=20)
    assert seen > 1  # the writer really saved meanwhile
