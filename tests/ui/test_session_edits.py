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


def _draft(tmp_path: Path, letter: Letter) -> Path:
    from drafting.storage.store import DraftStore

    path = tmp_path / "letter.missive"
    with DraftStore.create(path, letter, name="Created"):
        pass
    return path


def _saved(path: Path) -> Letter:
    from drafting.storage.store import DraftStore

    with DraftStore.open(path, read_only=True) as store:
        return store.load()


def _session_result(qapp: Any, letter: Letter, change_of: Any) -> Letter:
    """The letter after the session pushed the change `change_of(letter)` gives."""
    session = Session(letter, template())
    assert session.apply(change_of(session.letter))
    return session.letter


def test_cli_fix_gives_the_letter_the_session_gives(qapp: Any, tmp_path: Path) -> None:
    from drafting import edits
    from drafting.checks import run_checks
    from tests.drafting.edit_cases import sample

    start = sample()
    block = start.section("security").blocks[0]
    block.spans[0].text = "Deux  espaces ici ; et 87% des 13289 hommes. " + block.spans[0].text
    code, _out, err = cli("fix", str(_draft(tmp_path, start.copy())), "--section", "security")
    assert code == 0, err
    by_cli = _saved(tmp_path / "letter.missive")

    def fixes(letter: Letter) -> Any:
        found = [f for f in run_checks(letter, template()).findings
                 if f.code.startswith("typography.") and f.section == "security"]
        return edits.apply_fixes(letter, found)

    by_session = _session_result(qapp, start.copy(), fixes)
    assert [b.text for b in by_cli.section("security").blocks] == [
        b.text for b in by_session.section("security").blocks]
    assert by_cli.section("security").blocks != start.section("security").blocks


def test_cli_confirm_gives_the_letter_the_session_gives(qapp: Any, tmp_path: Path) -> None:
    from drafting import edits
    from drafting.checks import run_checks
    from tests.drafting.edit_cases import sample

    start = sample()
    code, _out, err = cli("confirm", str(_draft(tmp_path, start.copy())), "--all-suggested")
    assert code == 0, err
    by_cli = _saved(tmp_path / "letter.missive")
    by_session = _session_result(
        qapp, start.copy(),
        lambda letter: edits.confirm_suggested(letter, run_checks(letter, template()).requirements))
    assert set(by_cli.confirmations) == set(by_session.confirmations)
    assert len(by_cli.confirmations) > len(start.confirmations)

    first = start.section("exit").blocks[0]
    path = tmp_path / "again.missive"
    from drafting.storage.store import DraftStore

    with DraftStore.create(path, start.copy(), name="Created"):
        pass
    code, _out, err = cli("confirm", str(path), "--requirement", "exit.plan",
                          "--paragraph", "exit:1")
    assert code == 0, err
    by_session = _session_result(qapp, start.copy(),
                                 lambda letter: edits.confirm(letter, "exit.plan", [first.id]))
    assert set(_saved(path).confirmations) == set(by_session.confirmations)


def test_cli_confirm_carried_gives_the_letter_the_session_gives(qapp: Any,
                                                                 tmp_path: Path) -> None:
    from drafting import edits
    from tests.drafting.edit_cases import sample

    start = sample()
    for _sid, _i, block in start.iter_blocks():
        if block.text.strip() and not block.boilerplate:
            block.carried = True
    code, _out, err = cli("confirm", str(_draft(tmp_path, start.copy())), "--carried", "rotation")
    assert code == 0, err
    by_cli = _saved(tmp_path / "letter.missive")
    by_session = _session_result(qapp, start.copy(),
                                 lambda letter: edits.confirm_all_carried(letter, "rotation"))
    assert [b.carried for _s, _i, b in by_cli.iter_blocks()] == [
        b.carried for _s, _i, b in by_session.iter_blocks()]
    assert not any(b.carried for b in by_cli.section("rotation").blocks)
    assert any(b.carried for b in by_cli.section("security").blocks)
