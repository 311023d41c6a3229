"""The Recover dialog: a draft whose newest version is damaged still shows its
other versions and its backups, and any readable one exports or becomes a
new draft."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import docx
import pytest
from PySide6.QtCore import Qt

from drafting.storage.store import DraftStore
from tests.reliability.helpers import digest, letter
from ui.recover_dialog import RecoverDialog


@pytest.fixture(autouse=True)
def own_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MISSIVE_DATA_DIR", str(tmp_path / "user-data"))


@pytest.fixture()
def damaged(tmp_path: Path) -> Path:
    """A draft with two named saves and an autosave whose text is destroyed."""
    path = tmp_path / "lettre.missive"
    with DraftStore.create(path, letter(marker=" Version créée."), name="Créé") as store:
        store.save(letter(marker=" Version relue."), name="Relu")
        store.autosave(letter(marker=" Version perdue."))
    conn = sqlite3.connect(path)
    conn.execute("UPDATE content SET data = X'00FF', encoding = 'json' WHERE hash = "
                 "(SELECT content FROM revision WHERE id = 3)")
    conn.commit()
    conn.close()
    return path


class Chooser:
    """Answers file dialogs with prepared paths and records the questions."""

    def __init__(self, *answers: Path) -> None:
        self.answers = list(answers)
        self.asked: list[tuple[str, str]] = []

    def __call__(self, title: str, start: str, _filter: str) -> str | None:
        self.asked.append((title, start))
        return str(self.answers.pop(0)) if self.answers else None


def rows(tree: Any) -> list[list[str]]:
    return [[tree.topLevelItem(i).text(c) for c in range(tree.columnCount())]
            for i in range(tree.topLevelItemCount())]


def docx_text(path: Path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def test_lists_every_version_and_marks_the_damaged_one(qtbot: Any, damaged: Path) -> None:
    before = digest(damaged)
    dialog = RecoverDialog(damaged, chooser=Chooser())
    qtbot.addWidget(dialog)
    listed = rows(dialog.revision_tree)
    assert [(r[1], r[2]) for r in listed] == [("Autosave", ""), ("Saved", "Relu"),
                                              ("Saved", "Créé")]
    assert listed[0][4].startswith("Damaged: ") and listed[1][4] == "Readable"
    assert "1 damaged version cannot be recovered" in dialog.status_label.text()
    # The newest (damaged) row is selected first: nothing to export from it.
    assert not dialog.export_button.isEnabled() and not dialog.rescue_button.isEnabled()
    assert [r[1] for r in rows(dialog.backup_tree)] == ["Relu", "Créé"]
    assert digest(damaged) == before


def test_exports_an_older_version_by_clicking(qtbot: Any, damaged: Path,
                                              tmp_path: Path) -> None:
    out = tmp_path / "relu.docx"
    chooser = Chooser(out)
    dialog = RecoverDialog(damaged, chooser=chooser)
    qtbot.addWidget(dialog)
    dialog.select_revision(2)
    assert dialog.export_button.isEnabled()
    with qtbot.waitSignal(dialog.exported, timeout=10_000) as signal:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert signal.args == [str(out)]
    assert chooser.asked[0][1].endswith("lettre-r2.docx")
    assert "Version relue." in docx_text(out) and "Version perdue." not in docx_text(out)
    assert str(out) in dialog.status_label.text()


def test_a_backup_becomes_a_new_draft(qtbot: Any, damaged: Path, tmp_path: Path) -> None:
    rescued = tmp_path / "sauvée.missive"
    dialog = RecoverDialog(damaged, chooser=Chooser(rescued))
    qtbot.addWidget(dialog)
    dialog.tabs.setCurrentWidget(dialog.backup_tree)
    dialog.backup_tree.setCurrentItem(dialog.backup_tree.topLevelItem(1))  # "Créé"
    with qtbot.waitSignal(dialog.recovered, timeout=10_000):
        qtbot.mouseClick(dialog.rescue_button, Qt.MouseButton.LeftButton)
    with DraftStore.open(rescued) as store:
        assert "Version créée." in store.load().section("security").text
        assert "backup" in store.revisions()[0].name


def test_cancelled_chooser_writes_nothing(qtbot: Any, damaged: Path, tmp_path: Path) -> None:
    dialog = RecoverDialog(damaged, chooser=Chooser())
    qtbot.addWidget(dialog)
    dialog.select_revision(1)
    before = sorted(p.name for p in tmp_path.iterdir())
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.rescue_button, Qt.MouseButton.LeftButton)
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_a_file_that_is_no_draft_is_explained(qtbot: Any, tmp_path: Path) -> None:
    noise = tmp_path / "bruit.missive"
    noise.write_bytes(b"\x00" * 4096)
    dialog = RecoverDialog(noise, chooser=Chooser())
    qtbot.addWidget(dialog)
    assert "is not a Missive draft" in dialog.status_label.text()
    assert dialog.revision_tree.topLevelItemCount() == 0
    assert not dialog.export_button.isEnabled()


def test_an_export_error_is_shown_not_raised(qtbot: Any, damaged: Path,
                                             tmp_path: Path) -> None:
    dialog = RecoverDialog(damaged, chooser=Chooser(tmp_path / "absent" / "x.docx"))
    qtbot.addWidget(dialog)
    dialog.select_revision(1)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert "does not exist" in dialog.status_label.text()
