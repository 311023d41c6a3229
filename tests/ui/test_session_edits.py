"""The session runs the same edit functions as the domain and the CLI: each
case of `tests/drafting/edit_cases.py` pushed through `Session.apply` gives the
same letter, one undo step takes it back and redo brings it again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from drafting.letter import Letter
from tests.drafting.edit_cases import CASES, EditCase, template
from tests.reliability.cli import cli
from ui.session import Session


def shape(letter: Letter, known: set[str]) -> dict[str, Any]:
    """The letter as data, with the random ids of blocks an edit created blanked."""
    data = letter.to_dict()

    def blank(blocks: list[dict[str, Any]]) -> None:
        for b in blocks:
            if b["id"] not in known:
                b["id"] = "new"

    for section in data["sections"]:
        blank(section["blocks"])
    blank(data["unassigned"])
    for name in ("suggestions", "comments", "reviews"):  # records an edit created too
        blank(data.get(name, []))
    return data


def ids(letter: Letter) -> set[str]:
    records = [*letter.suggestions, *letter.comments, *letter.reviews]
    return {b.id for _s, _i, b in letter.iter_blocks()} | {r.id for r in records}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_session_applies_undoes_and_redoes_each_edit(qapp: Any, case: EditCase) -> None:
    t = template()
    letter = case.start()
    known = ids(letter)
    start = letter.to_dict()
    domain = letter.copy()
    expected = shape(case.make(domain, t).apply(domain), known)

    session = Session(letter, t)
    assert session.apply(case.make(session.letter, t))
    assert shape(session.letter, known) == expected
    assert session.dirty and session.undo_stack.count() == 1
    session.undo_stack.undo()
    assert session.letter.to_dict() == start
    session.undo_stack.redo()
    assert shape(session.letter, known) == expected


def test_read_only_session_refuses_every_edit(qapp: Any) -> None:
    t = template()
    for case in CASES:
        letter = case.start()
        session = Session(letter, t, read_only=True)
        assert not session.apply(case.make(letter, t)), case.name
        assert session.undo_stack.count() == 0


def test_cli_fill_gives_the_letter_the_domain_gives(tmp_path: Path) -> None:
    from drafting import edits
    from drafting.importers.contrib import read_contribution
    from drafting.storage.store import DraftStore
    from tests.drafting.edit_cases import sample

    draft = tmp_path / "letter.missive"
    with DraftStore.create(draft, sample(), name="Created"):
        pass
    source = tmp_path / "force.txt"
    source.write_text("Rotations went ahead in Gao.\n\n- first item\n- second item\n",
                      encoding="utf-8")
    code, _out, err = cli("fill", str(draft), "--section", "rotation", "--from", str(source),
                          "--append")
    assert code == 0, err
    with DraftStore.open(draft, read_only=True) as store:
        filled = store.load()
    domain = sample()
    change = edits.fill_section(domain, "rotation", read_contribution(source), "force.txt",
                                append=True)
    expected = change.apply(domain)
    assert [(b.kind, b.text) for b in filled.section("rotation").blocks] == [
        (b.kind, b.text) for b in expected.section("rotation").blocks]
    assert filled.section("security").blocks == expected.section("security").blocks
