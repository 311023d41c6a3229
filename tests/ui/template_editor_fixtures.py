"""The template editor's test fixtures and typing helpers, shared by
`test_template_editor.py` and `test_template_editor_concepts.py` (the
fixtures are registered in `tests/ui/conftest.py`).

Every question the window asks (an id, a file, "discard?") and the program
that opens a preview are injected, so nothing modal or external runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QUrl

from drafting import paths
from ui.template_editor import TemplateEditorWindow

LEFT = Qt.MouseButton.LeftButton
SHIPPED_LETTER = str(paths.shipped_templates_dir() / "minusma-six-monthly.xml")


class Answers:
    """Canned answers for the window's questions; records what was opened."""

    def __init__(self, template_id: str = "field-letter") -> None:
        self.template_id = template_id
        self.open_path: str | None = None
        self.save_path: str | None = None
        self.opened: list[QUrl] = []

    def ask_text(self, _title: str, _label: str, _default: str) -> str | None:
        return self.template_id

    def opener(self, url: QUrl) -> bool:
        self.opened.append(url)
        return True


@pytest.fixture
def answers() -> Answers:
    return Answers()


@pytest.fixture
def editor(qtbot: Any, tmp_path: Path, answers: Answers) -> TemplateEditorWindow:
    user_dir = tmp_path / "templates"
    user_dir.mkdir()
    window = TemplateEditorWindow(
        user_dir=user_dir, ask_text=answers.ask_text,
        choose_open=lambda _start: answers.open_path,
        choose_save=lambda _start: answers.save_path,
        confirm_discard=lambda _name: True, opener=answers.opener)
    qtbot.addWidget(window)
    window.show()
    assert window.list_panel.select_path(SHIPPED_LETTER)
    return window


def _copy(qtbot: Any, editor: TemplateEditorWindow) -> Path:
    qtbot.mouseClick(editor.copy_button, LEFT)
    assert editor.template is not None and editor.template.origin == "user"
    return Path(editor.template.path)


OTHER_LANGUAGES = ("es", "ru", "ar", "zh")


def _type(qtbot: Any, widget: Any, text: str) -> None:
    widget.setFocus()
    widget.selectAll()
    if hasattr(widget, "clear"):
        widget.clear()
    qtbot.keyClicks(widget, text)


def _type_lines(qtbot: Any, widget: Any, lines: list[str]) -> None:
    widget.setFocus()
    for n, line in enumerate(lines):
        if n:
            qtbot.keyClick(widget, Qt.Key.Key_Return)
        qtbot.keyClicks(widget, line)
