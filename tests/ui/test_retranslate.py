"""A language switch reaches every panel and open window, not only the menus."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from drafting.letter import UNASSIGNED, Block
from drafting.storage.store import DraftStore
from tests.ui.conftest import sample_letter
from ui import translations
from ui.navigator import DETAILS, REVIEW


@pytest.fixture(autouse=True)
def back_to_english(qapp: QApplication) -> Iterator[None]:
    yield
    translations.apply_language("en", qapp)


def _form_label(window: Any, field: Any) -> str:
    return next(label.text() for label, _t, widget in window.details_page.form_labels
                if widget is field)


def _step_title(window: Any, step: str) -> str:
    model = window.navigator.model
    text = model.index(model.row_of(step)).data(Qt.ItemDataRole.DisplayRole)
    return str(text).split("\n", 1)[0]


def test_switching_language_retranslates_every_panel(
        make_window: Any, tmp_path: Path, qtbot: Any) -> None:
    letter = sample_letter()
    letter.unassigned = [Block.from_text("A paragraph the template no longer has a place for.")]
    path = tmp_path / "retranslate.missive"
    DraftStore.create(path, letter).close()
    window = make_window(path)
    window.go_to_step(REVIEW)
    export = window.files.open_export(final=True)
    history = window.files.open_history()
    findings = window.findings_panel
    review = window.review_page

    assert "Review and export" in review.title_label.text()
    assert review.export_draft_button.text() == "Export &draft…"
    assert findings.filter_combo.itemText(0) == "All findings"
    assert _form_label(window, window.details_page.symbol_edit) == "&Symbol"
    assert window.details_page.date_field.edit.accessibleName() == "Masthead date"
    assert export.final_radio.text() == "&Final (for submission)"
    assert history.revision_tree.headerItem().text(1) == "When"

    translations.apply_language("fr")

    # review page
    assert "Vérification et export" in review.title_label.text()
    assert review.export_draft_button.text() == "Exporter le &projet…"
    assert review.map_table.accessibleName() == "Carte de couverture"
    # findings panel: the filter keeps its choice, its items change
    combo = findings.filter_combo
    assert [combo.itemText(i) for i in range(2)] == ["Tous les constats", "Erreurs"]
    assert combo.itemData(1) == "error"
    assert findings.fix_button.text() == "Corriger"
    # details page: form labels, accessible names and date fields
    assert _form_label(window, window.details_page.symbol_edit) == "&Cote"
    assert window.details_page.symbol_edit.accessibleName() == "Cote"
    assert window.details_page.date_field.edit.accessibleName() == "Date de l’en-tête"
    assert window.details_page.date_field.clear_button.text() == "Effacer"
    # navigator: the fixed step titles and its accessible name
    assert _step_title(window, DETAILS) == "Détails de la lettre"
    assert _step_title(window, REVIEW) == "Vérification et export"
    assert _step_title(window, UNASSIGNED) != "Unassigned text"
    assert window.navigator.list_view.accessibleName() == "Étapes"
    # guidance panel
    assert window.guidance_panel.boilerplate_button.text() == "Insérer le texte type"
    assert window.guidance_panel.move_button.text() != "Move paragraph to section…"
    # the open export dialog and history window
    assert export.final_radio.text() == "&Définitif (pour soumission)"
    assert export.path_label.text() == "Enregistrer sous :"
    assert history.revision_tree.headerItem().text(1) == "Quand"
    assert history.revision_tree.headerItem().text(2) == "Type"

    translations.apply_language("en")
    assert "Review and export" in review.title_label.text()
    assert _form_label(window, window.details_page.symbol_edit) == "&Symbol"
    assert export.final_radio.text() == "&Final (for submission)"


def test_section_guidance_follows_the_language(make_window: Any, tmp_path: Path) -> None:
    letter = sample_letter()
    letter.unassigned = [Block.from_text("Text from a section that was removed.")]
    path = tmp_path / "guidance.missive"
    DraftStore.create(path, letter).close()
    window = make_window(path)
    window.go_to_step(UNASSIGNED)
    english = window.guidance_panel.guidance_label.text()
    assert "not exported in a final letter" in english
    translations.apply_language("fr")
    french = window.guidance_panel.guidance_label.text()
    assert french != english and "not exported" not in french
    assert window.current_step() == UNASSIGNED
    assert "Unassigned text" not in window.heading_label.text()
