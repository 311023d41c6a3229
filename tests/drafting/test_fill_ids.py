"""A contribution filled again, or filled in two offline copies: paragraphs keep
one identity, so confirmations survive a new version and merges do not double
the text."""

from __future__ import annotations

import shutil
from pathlib import Path

from drafting import edits
from drafting.letter import Block
from drafting.storage.opening import load_letter
from tests.reliability.cli import cli

FIRST = ("Trois contingents ont été relevés en juin, selon le calendrier prévu.\n\n"
         "La relève du bataillon de Kidal a été retardée de deux semaines par les pluies.\n")
SECOND = ("Quatre contingents ont été relevés en juin, selon le calendrier prévu.\n\n"
          "La relève du bataillon de Kidal a été retardée de deux semaines par les pluies.\n")


def new_draft(tmp_path: Path) -> Path:
    draft = tmp_path / "lettre.missive"
    assert cli("new", "-t", "minusma-six-monthly", "-l", "fr", "-o", str(draft))[0] == 0
    return draft


def fill(draft: Path, text: str, *extra: str) -> None:
    source = draft.with_name("force.txt")
    source.write_text(text, encoding="utf-8")
    code, _out, err = cli("fill", str(draft), "--section", "rotation", "--from", str(source),
                          *extra)
    assert code == 0, err


def rotation(draft: Path) -> list[Block]:
    return load_letter(draft)[0].section("rotation").blocks


def test_a_new_version_of_a_contribution_keeps_the_confirmed_paragraph(tmp_path: Path) -> None:
    draft = new_draft(tmp_path)
    fill(draft, FIRST)
    changed, kept = rotation(draft)
    code, _out, err = cli("confirm", str(draft), "--requirement", "perf.rotation",
                          "--paragraph", "rotation:2")
    assert code == 0, err
    fill(draft, SECOND)
    after = rotation(draft)
    assert [b.text for b in after] == [t for t in SECOND.split("\n") if t]
    assert after[1].id == kept.id
    assert after[0].id != changed.id  # new words: a new paragraph
    confirmed = load_letter(draft)[0].confirmations
    assert [(c.requirement_id, c.block_id) for c in confirmed] == [("perf.rotation", kept.id)]


def test_two_copies_that_fill_the_same_contribution_merge_without_doubling(
        tmp_path: Path) -> None:
    draft = new_draft(tmp_path)
    copy = tmp_path / "copie.missive"
    shutil.copy(draft, copy)
    fill(draft, FIRST)
    fill(copy, FIRST)
    code, out, err = cli("merge", str(draft), str(copy))
    assert code == 0, err + out
    assert [b.text for b in rotation(draft)] == [t for t in FIRST.split("\n") if t]


def test_the_same_text_appended_twice_is_two_paragraphs(tmp_path: Path) -> None:
    draft = new_draft(tmp_path)
    fill(draft, FIRST)
    fill(draft, FIRST, "--append")
    blocks = rotation(draft)
    assert len(blocks) == 4 and len({b.id for b in blocks}) == 4
    ids = [b.id for _s, _i, b in load_letter(draft)[0].iter_blocks()]
    assert len(ids) == len(set(ids))


def test_a_derived_id_the_letter_already_uses_is_not_reused(tmp_path: Path) -> None:
    letter = load_letter(new_draft(tmp_path))[0]
    first = edits.fill_section(letter, "rotation", [Block.from_text("Une phrase.")], "a.txt")
    letter = first.apply(letter)
    moved_id = letter.section("rotation").blocks[0].id
    # The paragraph moves to another section; the same text filled again must
    # not take the id it still holds there.
    letter = edits.move_blocks(letter, [moved_id], "security").apply(letter)
    again = edits.fill_section(letter, "rotation", [Block.from_text("Une phrase.")], "a.txt")
    letter = again.apply(letter)
    ids = [b.id for _s, _i, b in letter.iter_blocks()]
    assert len(ids) == len(set(ids)) and moved_id in ids


def test_a_confirmation_is_taken_back_from_the_command_line(tmp_path: Path) -> None:
    draft = new_draft(tmp_path)
    fill(draft, FIRST)
    for place in ("rotation:1", "rotation:2"):
        assert cli("confirm", str(draft), "--requirement", "perf.rotation",
                   "--paragraph", place)[0] == 0
    code, out, _err = cli("confirm", str(draft), "--requirement", "perf.rotation", "--unlink",
                          "--paragraph", "rotation:1")
    assert code == 0 and "taken back" in out
    second = rotation(draft)[1].id
    assert [c.block_id for c in load_letter(draft)[0].confirmations] == [second]
    assert cli("confirm", str(draft), "--requirement", "perf.rotation", "--unlink")[0] == 0
    assert load_letter(draft)[0].confirmations == []
    code, out, _err = cli("confirm", str(draft), "--requirement", "perf.rotation", "--unlink")
    assert code == 0 and "had no such confirmation" in out
    code, _out, err = cli("confirm", str(draft), "--all-suggested", "--unlink")
    assert code == 2 and "--unlink goes with --requirement" in err


def test_an_empty_contribution_is_refused_and_a_replacement_is_told(tmp_path: Path) -> None:
    draft = new_draft(tmp_path)
    fill(draft, FIRST)
    before = draft.read_bytes()
    empty = tmp_path / "vide.txt"
    empty.write_text("\n\n   \n", encoding="utf-8")
    code, _out, err = cli("fill", str(draft), "--section", "rotation", "--from", str(empty))
    assert code == 2 and "holds no text" in err and err.count("\n") == 1
    assert draft.read_bytes() == before
    source = tmp_path / "force.txt"
    source.write_text("Un seul paragraphe, pour remplacer les deux.\n", encoding="utf-8")
    code, out, _err = cli("fill", str(draft), "--section", "rotation", "--from", str(source))
    assert code == 0
    assert out.splitlines() == [
        "1 paragraph put into section rotation",
        "It replaced 2 paragraphs that were there; missive history lists the revisions "
        "that still hold them."]


def test_an_unreadable_character_blocks_a_final_version(tmp_path: Path) -> None:
    """A byte the file's encoding could not give stays "�" in the text: the check
    says where, and a final export waits for the writer to type it."""
    import json

    draft = new_draft(tmp_path)
    source = tmp_path / "coord.txt"
    source.write_bytes("Réunion tenue le 12 novembre 2020, ".encode() + b"\xe0 Bamako.\n")
    assert cli("fill", str(draft), "--section", "coordination", "--from", str(source))[0] == 0
    data = json.loads(cli("check", str(draft), "--json", "--final")[1])
    found = [f for f in data["findings"] if f["code"] == "input.unreadable_character"]
    assert len(found) == 1 and found[0]["section"] == "coordination"
    code, _out, err = cli("export", str(draft), "-o", str(tmp_path / "f.docx"), "--final")
    assert code == 1 and "input.unreadable_character" in err
