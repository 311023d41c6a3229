"""A draft whose revision list was damaged by hand or by a faulty tool: a date
that is not a date, a word count that is text, a name stored as bytes. The
letters are intact, so nothing may be lost and no command may fail with a
traceback: the revisions stay listed (an unreadable date shows as "?") and
usable for export, merge and further edits."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from drafting.storage.store import DraftStore
from tests.reliability.cli import cli
from tests.reliability.helpers import letter

DAMAGE = {
    "date is text": "UPDATE revision SET created = 'not a date'",
    "date is bytes": "UPDATE revision SET created = x'00ff'",
    "word count is text": "UPDATE revision SET words = 'many'",
    "word count is negative": "UPDATE revision SET words = -5",
    "name is bytes": "UPDATE revision SET name = x'ff00'",
}


@pytest.fixture()
def original(tmp_path: Path) -> Path:
    path = tmp_path / "lettre.missive"
    with DraftStore.create(path, letter(), name="Premier jet") as store:
        store.save(letter(marker=" Deuxième."), name="Deuxième")
    return path


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=list(DAMAGE))
def test_a_damaged_revision_column_loses_nothing(original: Path, damage: str) -> None:
    draft = original.with_name("abîmé.missive")
    shutil.copy(original, draft)
    other = original.with_name("copie.missive")
    shutil.copy(original, other)
    with sqlite3.connect(draft) as conn:
        conn.execute(damage)
    conn.close()

    code, out, err = cli("history", str(draft))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert len(lines) == 2
    if "name" not in damage:
        assert "Deuxième" in lines[1]
    if "created" in damage:
        assert lines[0].split()[1] == "?"
    code, out, err = cli("export", str(draft), "-o", str(draft.with_name("out.docx")))
    assert code == 0 and "Traceback" not in err
    assert cli("check", str(draft))[0] in (0, 1)
    # The letter is the undamaged one, and the draft takes new work and merges.
    assert "Deuxième." in cli("show", str(draft))[1]
    contribution = draft.with_name("contribution.txt")
    contribution.write_text("La Force a relevé deux bataillons.\n", encoding="utf-8")
    assert cli("fill", str(other), "--section", "rotation", "--from", str(contribution))[0] == 0
    code, out, err = cli("merge", str(draft), str(other))
    assert code == 0, err
    assert "deux bataillons" in cli("show", str(draft))[1]
