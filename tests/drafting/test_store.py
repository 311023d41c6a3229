"""The draft file: round trips, history, refusals that leave files untouched,
locking across processes, crash recovery and interchange JSON."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import random
import shutil
import socket
import sqlite3
import subprocess
import sys
import textwrap
import time
from datetime import date
from pathlib import Path

import pytest

from drafting.errors import CorruptDraftError, DraftError, DraftLockedError, NewerDraftError
from drafting.letter import Annex, Block, Letter, Metadata, Section, Span
from drafting.storage import draftfile
from drafting.storage.lockfile import lock_path_for
from drafting.storage.store import (
    APPLICATION_ID,
    DraftStore,
    import_json,
    letter_from_json,
    letter_to_json,
)

ROOT = Path(__file__).resolve().parents[2]


def make_letter(extra: str = "") -> Letter:
    meta = Metadata(
        symbol="S/2020/481",
        date=date(2020, 6, 2),
        letter_date=date(2020, 6, 1),
        language="fr",
        original_language="fr",
        job_number="20-07899",
        addressee="Président du Conseil de sécurité",
        signatory="António Guterres",
        period_start=date(2019, 12, 1),
        period_end=date(2020, 5, 31),
        mandate_reference="S/RES/2531(2020)",
    )
    security = Section(
        id="security",
        heading="Problèmes de sécurité",
        blocks=[
            Block.from_text("La Mission a mené [618] patrouilles dans le centre." + extra),
            Block(kind="subheading", spans=[Span("Évaluations", bold=True)]),
            Block(kind="bullet", level=1, spans=[Span("voir "), Span(
                "S/2020/223", kind="link", target="https://undocs.org/fr/S/2020/223")]),
        ],
    )
    letter = Letter(
        template_id="minusma-six-monthly",
        template_version=1,
        metadata=meta,
        sections=[Section(id="opening", blocks=[Block.from_text("Au paragraphe 63…")]), security],
        unassigned=[Block.from_text("Texte sans section.")],
        annexes=[Annex(title="Annexe", original_language="en", blocks=[Block.from_text("A")])],
    )
    letter.confirm("ops.security", security.blocks[0].id)
    return letter


def big_letter(pages: int = 50) -> Letter:
    """About 500 words and 8 blocks per page, a few placeholders and bold runs."""
    rng = random.Random(7)
    vocab = ("la Mission a poursuivi ses opérations dans le centre du Mali avec les "
             "Forces de défense et de sécurité maliennes pour protéger les civils").split()
    letter = make_letter()
    blocks = []
    for i in range(pages * 8):
        text = " ".join(rng.choice(vocab) for _ in range(62))
        b = Block.from_text(text + (" [618] soldats." if i % 5 == 0 else "."))
        if i % 7 == 0:
            b.spans.insert(0, Span("Opérations. ", bold=True))
        blocks.append(b)
    letter.sections[1].blocks = blocks
    return letter


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def same(a: Letter, b: Letter) -> bool:
    return a.to_dict() == b.to_dict()


@pytest.fixture()
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "lettre.missive"
    with DraftStore.create(path, make_letter(), name="Premier jet"):
        pass
    return path


def assert_refused_untouched(
    path: Path, error: type[Exception], match: str, *, header_only: bool = False
) -> None:
    """Opening `path` fails with `error`, and the file's bytes stay the same.

    `header_only`: the refusal must come from our own header check, before
    SQLite is ever given the file.
    """
    before = digest(path)
    with pytest.MonkeyPatch.context() as mp:
        if header_only:
            def never(*_a: object, **_k: object) -> None:
                raise AssertionError("SQLite must not open this file")

            mp.setattr(sqlite3, "connect", never)
        with pytest.raises(error, match=match) as info:
            DraftStore.open(path)
    assert "\n" not in str(info.value)
    assert digest(path) == before
    assert not lock_path_for(path).exists()
    with pytest.raises(error):
        DraftStore.open(path, read_only=True)
    assert digest(path) == before


# -- round trip and history ------------------------------------------------


def test_create_open_round_trip(tmp_path: Path) -> None:
    letter = make_letter()
    path = tmp_path / "lettre.missive"
    with DraftStore.create(path, letter, name="Premier jet") as store:
        assert store.load().to_dict() == letter.to_dict()
    with DraftStore.open(path) as store:
        # Every field survives: metadata dates, spans, links, annexes, confirmations.
        assert store.load().to_dict() == letter.to_dict()
        revs = store.revisions()
        assert [(r.kind, r.name) for r in revs] == [("save", "Premier jet")]
        assert revs[0].words == letter.word_count() > 0
        assert revs[0].created.tzinfo is not None
        assert store.meta()["app"] == "Missive"
        assert not store.read_only
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()


def test_create_refuses_existing_file(draft: Path) -> None:
    before = digest(draft)
    with pytest.raises(DraftError, match="already exists"):
        DraftStore.create(draft, make_letter())
    assert digest(draft) == before


def test_named_saves_are_all_kept(draft: Path) -> None:
    letter = make_letter()
    with DraftStore.open(draft) as store:
        for n in range(3):
            letter.sections[0].blocks[0].set_text(f"Version {n}")
            store.save(letter, name=f"v{n}")
        revs = store.revisions()
        assert [r.name for r in revs] == ["Premier jet", "v0", "v1", "v2"]
        assert store.load_revision(revs[2].id).sections[0].blocks[0].text == "Version 1"
        assert store.load().sections[0].blocks[0].text == "Version 2"


def test_autosaves_coalesce_and_flag_unsaved_work(draft: Path) -> None:
    letter = make_letter()
    with DraftStore.open(draft) as store:
        assert not store.has_unsaved_autosave()
        for n in range(4):
            letter.sections[0].blocks[0].set_text(f"Brouillon {n}")
            store.autosave(letter)
        kinds = [r.kind for r in store.revisions()]
        assert kinds == ["save", "autosave"]
        assert store.has_unsaved_autosave()
        assert store.load().sections[0].blocks[0].text == "Brouillon 3"
        store.save(letter, name="Propre")
        assert not store.has_unsaved_autosave()
        # The autosave was superseded by the save that followed it.
        assert [r.kind for r in store.revisions()] == ["save", "save"]
        letter.sections[0].blocks[0].set_text("Encore")
        store.autosave(letter)
        assert store.has_unsaved_autosave()
        assert [r.kind for r in store.revisions()] == ["save", "save", "autosave"]
    # Unsaved work survives closing: the next session can offer to recover it.
    with DraftStore.open(draft) as store:
        assert store.has_unsaved_autosave()
        assert store.load().sections[0].blocks[0].text == "Encore"
        store.discard_autosave()
        assert not store.has_unsaved_autosave()
        assert store.load().sections[0].blocks[0].text == "Brouillon 3"


def test_unchanged_letter_writes_nothing(draft: Path) -> None:
    with DraftStore.open(draft) as store:
        letter = store.load()
        before = digest(draft)
        rev = store.autosave(letter)
        assert rev.kind == "save" and digest(draft) == before
        again = store.save(letter)  # unnamed save of the same text
        assert again.id == rev.id and digest(draft) == before
        assert len(store.revisions()) == 1


def test_identical_texts_share_storage(draft: Path) -> None:
    with DraftStore.open(draft) as store:
        letter = store.load()
        store.save(letter, name="Jalon")
        first = store.revisions()[0]
        store.restore(first.id)
        assert len(store.revisions()) == 3
    conn = sqlite3.connect(draft)
    assert conn.execute("SELECT COUNT(*) FROM content").fetchone()[0] == 1
    conn.close()


def test_restore_makes_a_new_named_revision(draft: Path) -> None:
    letter = make_letter()
    with DraftStore.open(draft) as store:
        first = store.revisions()[0]
        letter.sections[0].blocks[0].set_text("Tout autre texte")
        store.save(letter, name="Réécrit")
        letter.sections[0].blocks[0].set_text("Travail non enregistré")
        store.autosave(letter)
        rev = store.restore(first.id)
        assert rev.kind == "save" and "Premier jet" in rev.name
        assert rev.id == store.revisions()[-1].id
        assert store.load().sections[0].blocks[0].text == "Au paragraphe 63…"
        assert not store.has_unsaved_autosave()
        # The autosave is kept behind the restore: it may hold wanted work.
        autosaves = [r for r in store.revisions() if r.kind == "autosave"]
        assert len(autosaves) == 1
        assert store.load_revision(autosaves[0].id).sections[0].blocks[0].text == (
            "Travail non enregistré"
        )
        with pytest.raises(DraftError, match="no revision 999"):
            store.load_revision(999)
        with pytest.raises(DraftError):
            store.restore(999)


def test_closed_store_refuses_use(draft: Path) -> None:
    store = DraftStore.open(draft)
    store.close()
    store.close()  # twice is harmless
    with pytest.raises(DraftError, match="closed"):
        store.load()
    assert not lock_path_for(draft).exists()


def test_path_with_spaces_and_non_latin_letters(tmp_path: Path) -> None:
    folder = tmp_path / "Lettre été"
    folder.mkdir()
    path = folder / "بريد.missive"
    letter = make_letter()
    with DraftStore.create(path, letter, name="Создано") as store:
        assert lock_path_for(path).exists()
        letter.sections[0].blocks[0].set_text("信件")
        store.save(letter, name="第二")
    with DraftStore.open(path, read_only=True) as store:
        assert store.load().sections[0].blocks[0].text == "信件"
        assert [r.name for r in store.revisions()] == ["Создано", "第二"]
    assert not lock_path_for(path).exists()
    assert sorted(p.name for p in folder.iterdir()) == ["بريد.missive"]


# -- refusals that leave the file untouched --------------------------------


def test_random_bytes_are_not_a_draft(tmp_path: Path) -> None:
    path = tmp_path / "bruit.missive"
    path.write_bytes(random.Random(1).randbytes(8192))
    assert_refused_untouched(path, CorruptDraftError, "is not a Missive draft", header_only=True)


def test_empty_file_and_folder_are_not_drafts(tmp_path: Path) -> None:
    empty = tmp_path / "vide.missive"
    empty.write_bytes(b"")
    assert_refused_untouched(empty, CorruptDraftError, "is not a Missive draft", header_only=True)
    folder = tmp_path / "dossier.missive"
    folder.mkdir()
    with pytest.raises(CorruptDraftError, match="is not a Missive draft"):
        DraftStore.open(folder)
    with pytest.raises(DraftError, match="does not exist"):
        DraftStore.open(tmp_path / "absent.missive")


def test_truncated_draft_is_refused(draft: Path) -> None:
    with DraftStore.open(draft) as store:
        store.save(big_letter(5), name="long")
    data = draft.read_bytes()
    for cut in (len(data) // 2, len(data) - 4096, 60):
        draft.write_bytes(data[:cut])
        expected = "not a Missive draft" if cut < 100 else "truncated"
        assert_refused_untouched(draft, CorruptDraftError, expected, header_only=True)


def test_damaged_pages_are_refused(draft: Path) -> None:
    with DraftStore.open(draft) as store:
        store.save(big_letter(5), name="long")
    data = bytearray(draft.read_bytes())
    noise = random.Random(3).randbytes(len(data) - 4096)
    data[4096:] = noise  # every page but the header page
    draft.write_bytes(bytes(data))
    assert_refused_untouched(draft, CorruptDraftError, "damaged")


def test_unreadable_letter_json_is_refused(draft: Path) -> None:
    conn = sqlite3.connect(draft)
    conn.execute("UPDATE content SET data = ?, encoding = 'json'", (b"{not json",))
    conn.commit()
    conn.close()
    assert_refused_untouched(draft, CorruptDraftError, "cannot be read")


def test_other_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "autre.missive"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.execute("INSERT INTO t VALUES (1)")
    conn.commit()
    conn.close()
    assert_refused_untouched(path, CorruptDraftError, "is not a Missive draft", header_only=True)


def test_foreign_application_id_is_refused(draft: Path) -> None:
    conn = sqlite3.connect(draft)
    conn.execute("PRAGMA application_id = 1234")
    conn.commit()
    conn.close()
    assert_refused_untouched(draft, CorruptDraftError, "is not a Missive draft", header_only=True)


def test_newer_schema_is_refused(draft: Path) -> None:
    conn = sqlite3.connect(draft)
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()
    assert_refused_untouched(
        draft, NewerDraftError, "written by a newer version of Missive", header_only=True
    )


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


# -- JSON interchange ------------------------------------------------------------


def test_json_round_trip_is_stable_and_marked() -> None:
    letter = make_letter()
    text = letter_to_json(letter)
    data = json.loads(text)
    assert data["missive"] == "letter" and data["format"] == 1
    assert "Président du Conseil de sécurité" in text  # not \\u-escaped
    assert text == json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2) + "\n"
    back = letter_from_json(text)
    assert back.to_dict() == letter.to_dict()
    assert letter_to_json(back) == text
    # Plain Letter.to_dict() output (the shipped samples) is accepted too.
    assert letter_from_json(json.dumps(letter.to_dict())).to_dict() == letter.to_dict()


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ('{"template": ', "not valid JSON \\(line 1, column 14"),
        ("[1, 2]", "not a Missive letter"),
        ('{"missive": "template", "template": {"id": "x", "version": 1}}', "not a Missive"),
        ('{"sections": []}', "names no template"),
        ('{"template": {"id": "x"}}', "not a valid Missive letter"),
        ("[" * 100000 + "]" * 100000, "nested too deeply|not a Missive"),
    ],
)
def test_bad_json_is_refused_clearly(text: str, match: str) -> None:
    with pytest.raises(DraftError, match=match) as info:
        letter_from_json(text)
    assert "\n" not in str(info.value)


def test_newer_letter_format_is_refused() -> None:
    data = make_letter().to_dict()
    data["format"] = 99
    with pytest.raises(NewerDraftError, match="newer version"):
        letter_from_json(json.dumps(data))


def test_export_and_import_json(draft: Path, tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "échange" / "lettre.json"
    out.parent.mkdir()
    with DraftStore.open(draft, read_only=True) as store:
        store.export_json(out)
        letter = store.load()
    assert out.read_text(encoding="utf-8") == letter_to_json(letter)
    assert import_json(out).to_dict() == letter.to_dict()
    assert sorted(p.name for p in out.parent.iterdir()) == ["lettre.json"]
    monkeypatch.setattr(draftfile, "MAX_JSON_BYTES", 100)
    with pytest.raises(DraftError, match="too large"):
        import_json(out)
    bad = tmp_path / "latin1.json"
    bad.write_bytes("{\"x\": \"\xe9\"}".encode("latin-1"))
    with pytest.raises(DraftError, match="not UTF-8"):
        import_json(bad)


# -- speed ---------------------------------------------------------------------


def test_fifty_pages_save_and_load_quickly(tmp_path: Path) -> None:
    letter = big_letter(50)
    assert 20000 < letter.word_count() < 30000
    path = tmp_path / "long.missive"
    with DraftStore.create(path, letter) as store:
        timings: dict[str, float] = {}
        for n in range(3):
            letter.sections[1].blocks[n].set_text(f"Paragraphe modifié {n}.")
            start = time.perf_counter()
            store.save(letter, name=f"v{n}")
            timings["save"] = min(timings.get("save", 1e9), time.perf_counter() - start)
            start = time.perf_counter()
            loaded = store.load()
            timings["load"] = min(timings.get("load", 1e9), time.perf_counter() - start)
        assert loaded.to_dict() == letter.to_dict()
    # Measured ~6 ms to save and ~3 ms to load; the bound leaves room for slow CI.
    assert timings["save"] < 0.15, timings
    assert timings["load"] < 0.15, timings
    # Compressed: four revisions of a 50-page letter stay well under its raw size.
    assert path.stat().st_size < len(letter_to_json(letter).encode("utf-8"))


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
