"""File › New…: the dialog offers every template (the user's too) and creates the draft."""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from drafting.storage.store import DraftStore
from drafting.templates.catalog import get_template, save_template
from ui.new_draft_dialog import NewDraftDialog

LEFT = Qt.MouseButton.LeftButton


def _dialog(qtbot: Any, user_dir: Path, folder: Path, **kw: Any) -> NewDraftDialog:
    dialog = NewDraftDialog(user_dir=user_dir, folder=folder, today=date(2020, 6, 1), **kw)
    qtbot.addWidget(dialog)
    dialog.show()  # non-modal: nothing blocks the test
    return dialog


def _ok(dialog: NewDraftDialog) -> Any:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_offers_shipped_and_user_templates(qtbot: Any, tmp_path: Path) -> None:
    user_dir = tmp_path / "templates"
    user_dir.mkdir()
    mine = copy.deepcopy(get_template("minusma-six-monthly"))
    mine.id, mine.names = "field-office-letter", {"en": "Field office letter", "fr": "Lettre"}
    save_template(mine, user_dir / "field-office-letter.xml")
    dialog = _dialog(qtbot, user_dir, tmp_path)
    assert dialog.template_ids() == ["field-office-letter", "minusma-quarterly-report",
                                     "minusma-six-monthly"]
    assert dialog.select_template("field-office-letter")
    assert "yours" in dialog.template_combo.currentText()
    # languages follow the chosen template
    assert [dialog.language_combo.itemData(i) for i in range(dialog.language_combo.count())] \
        == ["en", "fr", "es", "ru", "ar", "zh"]


def test_creates_the_draft_and_reports_its_path(qtbot: Any, tmp_path: Path) -> None:
    target = tmp_path / "chosen"
    dialog = _dialog(qtbot, tmp_path / "none", tmp_path, choose_path=lambda start: str(target))
    assert dialog.select_template("minusma-quarterly-report")
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("fr"))
    qtbot.keyClicks(dialog.symbol_edit, "S/2020/952")
    qtbot.keyClicks(dialog.job_edit, "20-12519")
    qtbot.mouseClick(dialog.browse_button, LEFT)
    assert dialog.path_edit.text() == str(target) + ".missive"
    with qtbot.waitSignal(dialog.created, timeout=5000) as signal:
        qtbot.mouseClick(_ok(dialog), LEFT)
    assert signal.args == [str(target) + ".missive"]
    assert not dialog.isVisible()
    with DraftStore.open(target.with_suffix(".missive"), read_only=True) as store:
        letter = store.load()
    assert (letter.template_id, letter.template_version) == ("minusma-quarterly-report", 2)
    assert letter.metadata.language == "fr"
    assert letter.metadata.symbol == "S/2020/952" and letter.metadata.job_number == "20-12519"
    assert letter.metadata.date == date(2020, 6, 1)
    assert letter.section_ids()[0] == "introduction"


def test_bad_symbol_or_existing_file_is_said_in_the_dialog(qtbot: Any, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, tmp_path / "none", tmp_path)
    qtbot.keyClicks(dialog.symbol_edit, "S/20/1")
    qtbot.mouseClick(_ok(dialog), LEFT)
    assert "S/YYYY/N" in dialog.error_label.text()
    assert dialog.isVisible() and dialog.created_path is None
    dialog.symbol_edit.clear()
    existing = tmp_path / "taken.missive"
    existing.write_bytes(b"not mine")
    dialog.path_edit.setText(str(existing))
    qtbot.mouseClick(_ok(dialog), LEFT)
    assert "already exists" in dialog.error_label.text()
    assert existing.read_bytes() == b"not mine"


def test_every_form_label_with_a_mnemonic_has_a_buddy(qtbot: Any, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QFormLayout, QLabel

    dialog = _dialog(qtbot, tmp_path / "none", tmp_path)
    form = dialog.findChild(QFormLayout)
    labels = [form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget()
              for row in range(form.rowCount())
              if form.itemAt(row, QFormLayout.ItemRole.LabelRole) is not None]
    texts = {label.text(): label for label in labels if isinstance(label, QLabel)}
    save_label = texts["Save &as"]
    # Without a buddy Qt shows the "&" itself instead of underlining the letter.
    assert save_label.buddy() is dialog.path_edit
    for text, label in texts.items():
        if "&" in text:
            assert label.buddy() is not None, text
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    dialog.symbol_edit.setFocus()
    qtbot.keyClick(dialog, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.path_edit.hasFocus())
