"""The draft file: round trips, history, refusals that leave files untouched
and interchange JSON (locks and crashes: `test_store_locks.py`)."""

from __future__ import annotations

import json
import random
import sqlite3
import time
from pathlib import Path

import pytest

from drafting.errors import CorruptDraftError, DraftError, NewerDraftError
from drafting.storage import draftfile
from drafting.storage.lockfile import lock_path_for
from drafting.storage.store import (
    APPLICATION_ID,
    DraftStore,
    import_json,
    letter_from_json,
    letter_to_json,
)
from tests.drafting.store_helpers import (
    assert_refused_untouched,
    big_letter,
    digest,
    make_draft,
    make_letter,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def draft(tmp_path: Path) -> Path:
    return make_draft(tmp_path)


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
