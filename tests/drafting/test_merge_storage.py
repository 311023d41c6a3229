"""Merging copies on disk (issue 20): draft ids, the common ancestor found in
the histories, the one transaction, the other copy never written, locks."""

from __future__ import annotations

import json
import socket
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from drafting import edits
from drafting.errors import DraftLockedError
from drafting.letter import Block, Letter
from drafting.storage.lockfile import lock_path_for
from drafting.storage.merging import UnrelatedDraftsError, merge_copy
from drafting.storage.revisions import draft_id
from drafting.storage.store import DraftStore
from drafting.templates.catalog import load_template
from tests.drafting.edit_cases import sample
from tests.drafting.test_template_migration_files import DRAFT_V1, V2
from tests.reliability.cli import assert_one_clear_error, cli


def rewrite(letter: Letter, section: str, index: int, text: str) -> Letter:
    blocks = list(letter.section(section).blocks)
    blocks[index] = replace(Block.from_text(text, kind=blocks[index].kind), id=blocks[index].id)
    return edits.edit_section(letter, section, blocks).apply(letter)


def save(path: Path, section: str, index: int, text: str, name: str = "") -> None:
    with DraftStore.open(path) as store:
        store.save(rewrite(store.load(), section, index, text), name=name or text)


@pytest.fixture
def copies(tmp_path: Path) -> tuple[Path, Path]:
    """A draft with two revisions, copied: Bamako's and New York's."""
    ours = tmp_path / "Bamako.missive"
    with DraftStore.create(ours, sample(), name="Created") as store:
        store.save(rewrite(store.load(), "opening", 0, "Shared opening."), name="Shared")
    theirs = tmp_path / "New York.missive"
    theirs.write_bytes(ours.read_bytes())
    return ours, theirs


def test_copies_share_a_draft_id_and_old_drafts_derive_one(copies: tuple[Path, Path],
                                                           tmp_path: Path) -> None:
    ours, theirs = copies
    with DraftStore.open(ours, read_only=True) as a, DraftStore.open(theirs,
                                                                     read_only=True) as b:
        assert draft_id(a) == draft_id(b) and len(draft_id(a)) == 32
    other = tmp_path / "other.missive"
    DraftStore.create(other, sample()).close()
    with DraftStore.open(other, read_only=True) as c, DraftStore.open(ours,
                                                                      read_only=True) as a:
        assert draft_id(c) != draft_id(a)
    # a draft made before ids existed: both copies derive the same id from history
    for path in (ours, theirs):
        conn = sqlite3.connect(path)
        conn.execute("DELETE FROM meta WHERE key = 'draft_id'")
        conn.commit()
        conn.close()
    with DraftStore.open(ours, read_only=True) as a, DraftStore.open(theirs,
                                                                     read_only=True) as b:
        assert draft_id(a) == draft_id(b) and draft_id(a).startswith("content-")


def test_merge_records_both_histories_in_one_named_revision(copies: tuple[Path, Path]) -> None:
    ours, theirs = copies
    save(ours, "security", 0, "Bamako's security paragraph.", "Bamako draft 1")
    save(theirs, "framework", 0, "New York's framework paragraph.", "NY draft 1")
    with DraftStore.open(theirs) as store:
        store.autosave(rewrite(store.load(), "exit", 0, "New York typing, unsaved."))
    theirs_bytes = theirs.read_bytes()
    with DraftStore.open(ours) as store:
        outcome = merge_copy(store, theirs)
        assert outcome.result.clean and outcome.imported == 2
        assert outcome.base == "Shared"  # the newest revision both copies have
        letter = store.load()
        names = [r.name for r in store.revisions()]
    assert names == ["Created", "Shared", "Bamako draft 1", "NY draft 1 (from New York.missive)",
                     "Autosave (from New York.missive)", "Merged with New York.missive"]
    assert letter.section("security").blocks[0].text == "Bamako's security paragraph."
    assert letter.section("framework").blocks[0].text == "New York's framework paragraph."
    assert letter.section("exit").blocks[0].text == "New York typing, unsaved."
    # the other copy is never written, and no lock is left beside it
    assert theirs.read_bytes() == theirs_bytes
    assert not lock_path_for(theirs).exists()
    # every imported revision reads back as it was in the other copy
    with DraftStore.open(ours, read_only=True) as a, DraftStore.open(theirs,
                                                                     read_only=True) as b:
        imported = {r.name.removesuffix(" (from New York.missive)"): r.id
                    for r in a.revisions()}
        for r in b.revisions():
            key = "Autosave" if r.kind == "autosave" else r.name
            assert a.load_revision(imported[key]).to_dict() == \
                b.load_revision(r.id).to_dict()


def test_merging_again_finds_the_newer_ancestor(copies: tuple[Path, Path]) -> None:
    ours, theirs = copies
    save(theirs, "framework", 0, "NY 1.")
    with DraftStore.open(ours) as store:
        merge_copy(store, theirs)
    save(theirs, "framework", 0, "NY 2.")
    save(ours, "security", 0, "Bamako 2.")
    with DraftStore.open(ours) as store:
        outcome = merge_copy(store, theirs)
        # the newest text both have: New York's "NY 1.", which Bamako's merge recorded
        assert outcome.base == "Merged with New York.missive"
        assert outcome.result.clean and outcome.imported == 1
        assert store.load().section("framework").blocks[0].text == "NY 2."
        again = merge_copy(store, theirs)  # nothing new over there
        assert again.up_to_date and again.imported == 0
        count = len(store.revisions())
    with DraftStore.open(ours, read_only=True) as store:
        assert len(store.revisions()) == count
    # and the other way round: New York takes Bamako's merged text without conflict
    with DraftStore.open(theirs) as store:
        outcome = merge_copy(store, ours)
        assert outcome.result.clean
        assert store.load().section("security").blocks[0].text == "Bamako 2."


def test_an_autosave_before_the_merge_is_kept_as_a_named_revision(
        copies: tuple[Path, Path]) -> None:
    ours, theirs = copies
    save(theirs, "framework", 0, "NY.")
    with DraftStore.open(ours) as store:
        store.autosave(rewrite(store.load(), "security", 0, "Unsaved in Bamako."))
        merge_copy(store, theirs)
        revisions = store.revisions()
        assert [r.kind for r in revisions].count("autosave") == 0
        before = next(r for r in revisions if r.name == "Before merging with New York.missive")
        assert store.load_revision(before.id).section("security").blocks[0].text == \
            "Unsaved in Bamako."
        assert store.load().section("security").blocks[0].text == "Unsaved in Bamako."


def test_conflicts_are_kept_in_the_draft_and_resolved_from_the_command_line(
        copies: tuple[Path, Path]) -> None:
    ours, theirs = copies
    save(ours, "security", 1, "Bamako's version.")
    save(theirs, "security", 1, "New York's version.")
    code, out, err = cli("merge", str(ours), str(theirs))
    assert code == 1, err
    assert "1 conflict to resolve" in out and "block:" in out
    code, out, _err = cli("check", str(ours), "--json")
    codes = [f["code"] for f in json.loads(out)["findings"]]
    assert "merge.conflict" in codes
    code, out, _err = cli("show", str(ours))
    assert "Bamako's version." in out and "New York's version." in out and "<<<<<<<" in out
    code, _out, err = cli("export", str(ours), "-o", str(ours.with_suffix(".docx")), "--final")
    assert code == 1 and "merge.conflict" in err  # a conflict blocks the final version
    saved = ours.read_bytes()
    code, out, _err = cli("merge", str(ours), "--take", "theirs")
    assert code == 0 and "1 conflict resolved." in out
    with DraftStore.open(ours, read_only=True) as store:
        letter = store.load()
    assert letter.section("security").blocks[1].text == "New York's version."
    assert letter.conflicts == []
    # the other direction, from the same merged state
    ours.write_bytes(saved)
    code, out, _err = cli("merge", str(ours), "--take", "mine", "--conflict",
                          "block:" + letter.section("security").blocks[1].id)
    assert code == 0
    with DraftStore.open(ours, read_only=True) as store:
        assert store.load().section("security").blocks[1].text == "Bamako's version."
    assert_one_clear_error(cli("merge", str(ours), "--take", "mine", "--conflict", "nope"),
                           "no conflict 'nope'")
    assert_one_clear_error(cli("merge", str(ours)), "either the other copy")


def test_drafts_with_no_common_ancestor_are_refused_with_compare_offered(
        copies: tuple[Path, Path], tmp_path: Path) -> None:
    ours, _theirs = copies
    stranger = tmp_path / "stranger.missive"
    DraftStore.create(stranger, sample()).close()
    before = (ours.read_bytes(), stranger.read_bytes())
    line = assert_one_clear_error(cli("merge", str(ours), str(stranger)),
                                  "not copies of one draft")
    assert "--compare-to" in line
    assert (ours.read_bytes(), stranger.read_bytes()) == before
    # same draft id but nothing shared (a history rewritten): refused too
    with DraftStore.open(ours) as store:
        with pytest.raises(UnrelatedDraftsError):
            merge_copy(store, stranger)
    assert_one_clear_error(cli("merge", str(ours), str(tmp_path / "none.missive")), "")
    assert_one_clear_error(cli("merge", str(ours), str(ours)), "itself")


def test_a_lock_on_either_file_is_respected(copies: tuple[Path, Path]) -> None:
    ours, theirs = copies
    save(theirs, "framework", 0, "NY.")
    foreign = json.dumps({"pid": 4242, "host": "poste-bamako-" + socket.gethostname(),
                          "time": "2020-06-01T10:00:00+00:00", "token": "x"})
    for locked in (ours, theirs):
        lock_path_for(locked).write_text(foreign, encoding="utf-8")
        before = (ours.read_bytes(), theirs.read_bytes())
        assert_one_clear_error(cli("merge", str(ours), str(theirs)), "open for writing")
        assert (ours.read_bytes(), theirs.read_bytes()) == before
        lock_path_for(locked).unlink()
    # a window of this process holding the other copy counts as a live lock too
    with DraftStore.open(theirs), DraftStore.open(ours) as store:
        with pytest.raises(DraftLockedError):
            merge_copy(store, theirs)


def test_merge_after_a_template_migration_on_one_side(tmp_path: Path) -> None:
    v2 = load_template(V2)
    from drafting.storage.draftfile import import_json
    from drafting.templates.migration import migrate_letter

    ours = tmp_path / "brief.missive"
    DraftStore.create(ours, import_json(DRAFT_V1)).close()
    theirs = tmp_path / "brief-copy.missive"
    theirs.write_bytes(ours.read_bytes())
    with DraftStore.open(ours) as store:  # Bamako opened it after the template upgrade
        migrated = migrate_letter(store.load(), v2).letter
        store.save(migrated, name="Updated to template version 2")
        store.save(rewrite(migrated, "outlook", 0, "Rains from June."), name="Outlook")
    with DraftStore.open(theirs) as store:  # New York still on version 1
        letter = store.load()
        staffing = next(s for s in letter.sections if s.id not in v2.section_ids())
        staffing.blocks[0] = replace(staffing.blocks[0],
                                     spans=Block.from_text("Vacancies fell.").spans)
        store.save(letter, name="Staffing")
    with DraftStore.open(ours) as store:
        outcome = merge_copy(store, theirs, template=v2)
        merged = store.load()
    assert outcome.result.clean
    assert merged.template_version == 2
    assert merged.section("outlook").blocks[0].text == "Rains from June."
    unassigned = [b.text for b in merged.unassigned]
    assert unassigned.count("Staffing") == 1 and "Vacancies fell." in unassigned
