"""What the writer reads names things in words: details, organs, languages."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QGroupBox

from drafting import paths
from drafting.letter import Letter
from drafting.storage.store import Revision
from tests.ui.conftest import sample_letter
from ui import translations
from ui.compare_window import CompareWindow
from ui.template_editor import TemplateEditorWindow

SHIPPED_LETTER = str(paths.shipped_templates_dir() / "minusma-six-monthly.xml")


class FakeStore:
    """One stored revision: the older letter."""

    def __init__(self, letter: Letter) -> None:
        self.letter = letter

    def revisions(self) -> list[Revision]:
        return [Revision(1, datetime(2020, 6, 1, tzinfo=UTC), "save", "Sent", 10)]

    def load_revision(self, _rev: int) -> Letter:
        return self.letter


@pytest.fixture(autouse=True)
def back_to_english(qapp: QApplication) -> Iterator[None]:
    yield
    translations.apply_language("en", qapp)


def test_the_comparison_names_the_details(qtbot: Any) -> None:
    old = sample_letter()
    new = old.copy()
    new.metadata.letter_date = date(2020, 6, 2)
    new.metadata.period_start = date(2019, 12, 2)
    new.metadata.language = "fr"
    window = CompareWindow(FakeStore(old), current=new, title="letter")
    qtbot.addWidget(window)
    window.select("revision:1", "current")
    html = window.inline_view.toHtml()
    for raw in ("letter_date", "period_start", ">fr<", "2020-06-02", "2019-12-02"):
        assert raw not in html, raw
    for words in ("Letter date", "Reporting period from", "2 June 2020", "1 June 2020",
                  "French", "2 December 2019"):
        assert words in html, words


def _french_editor(qtbot: Any, tmp_path: Path, qapp: QApplication) -> TemplateEditorWindow:
    translations.apply_language("fr", qapp)
    window = TemplateEditorWindow(user_dir=tmp_path, confirm_discard=lambda _n: True)
    qtbot.addWidget(window)
    window.show()
    window.list_panel.select_path(SHIPPED_LETTER)
    return window


def test_the_french_template_editor_speaks_french(qtbot: Any, tmp_path: Path,
                                                  qapp: QApplication) -> None:
    window = _french_editor(qtbot, tmp_path, qapp)
    assert window.template is not None and window.template.id == "minusma-six-monthly"
    titles = [box.title() for box in window.sections_page.editor.columns.findChildren(QGroupBox)]
    assert titles[:2] == ["Anglais", "Français"]
    assert not any("(en)" in t or t == "English" for t in titles)
    organ = window.metadata_form.organ_combo
    assert organ.currentText() == "Conseil de sécurité"
    assert organ.currentData() == "security-council"
    assert all("-" not in organ.itemText(i) for i in range(organ.count()))
    assert window.preview_language.currentText() == "Anglais"
