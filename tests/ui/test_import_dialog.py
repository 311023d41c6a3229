"""The import dialog's mapping table shows writers' subheadings where they stay,
and lets the writer move them (issue 14, "Import keeps structure")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.ui.conftest import FakePrompter
from ui.import_dialog import HEADING, ImportDialog

LETTER = Path(__file__).resolve().parents[1] / "fixtures" / "letters" / "previous-fr.txt"
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture(autouse=True)
def own_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MISSIVE_DATA_DIR", str(tmp_path / "user-data"))


def _row(dialog: ImportDialog, heading: str) -> int:
    return next(r for r in range(dialog.table.rowCount())
                if dialog.table.item(r, HEADING).text() == heading)


def test_subheadings_show_where_they_stay_and_can_be_moved(qtbot: Any) -> None:
    dialog = ImportDialog(prompter=FakePrompter(), template_id="minusma-six-monthly",
                          language="fr")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.select_language("fr")
    dialog.source_edit.setText(str(LETTER))
    qtbot.mouseClick(dialog.read_button, LEFT)
    assert dialog.import_result is not None
    assert dialog.import_result.letter.unassigned == []

    row = _row(dialog, "Difficultés")
    combo = dialog.section_combo(row)
    assert combo.currentData() == "performance"
    assert combo.currentText() == "Subheading of “Performance du personnel en tenue”"
    assert dialog.table.item(row, HEADING).font().italic()
    assert combo.accessibleName() == "Section for “Difficultés”"
    # the section's own row is a section, not a subheading
    own = _row(dialog, "Performance du personnel en tenue")
    assert dialog.section_combo(own).currentText() == "Performance du personnel en tenue"
    assert not dialog.table.item(own, HEADING).font().italic()
    assert "Unassigned" not in dialog.summary_label.text()

    # the writer moves it to the rotation section …
    combo.setCurrentIndex(combo.findData("rotation"))
    assert dialog.import_result.mapping[row].section_id == "rotation"
    assert not dialog.table.item(row, HEADING).font().italic()
    assert "Difficultés" not in dialog.import_result.letter.section("performance").text
    # … to "Unassigned" …
    combo.setCurrentIndex(combo.findData(None))
    assert dialog.import_result.letter.unassigned[0].text == "Difficultés"
    assert "Unassigned" in dialog.summary_label.text()
    # … and back where it sat
    combo.setCurrentIndex(combo.findData("performance"))
    assert dialog.import_result.mapping[row].subheading
    assert dialog.import_result.letter.unassigned == []
    assert dialog.table.item(row, HEADING).font().italic()
