"""The compare window: pickers, inline marks, side by side, other files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat, QTextDocument

from drafting.letter import Block, Letter
from drafting.storage.store import DraftStore
from drafting.templates.catalog import get_template
from tests.ui.conftest import TEMPLATE_ID, empty_letter
from ui.compare_window import CompareWindow, diff_to_html

FIRST = "The Force conducted 12 operations in the north of Mali."
FIRST_EDITED = "The Force conducted 15 joint operations in the centre and north of Mali."
SECOND = "Patrols continued around Gao and Timbuktu throughout the period."


def fragments(document: QTextDocument) -> list[tuple[str, QTextCharFormat]]:
    """Every text fragment of a rich-text document with its character format."""
    out: list[tuple[str, QTextCharFormat]] = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.isValid():
                out.append((fragment.text(), fragment.charFormat()))
            it += 1
        block = block.next()
    return out


def struck(document: QTextDocument) -> str:
    return "".join(t for t, f in fragments(document) if f.fontStrikeOut())


def underlined(document: QTextDocument) -> str:
    return "".join(t for t, f in fragments(document) if f.fontUnderline())


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    """Revision 1: two paragraphs; 2: the first edited; 3: a third paragraph added."""
    path = tmp_path / "letter.missive"
    letter = empty_letter()
    letter.section("security").blocks = [Block.from_text(FIRST, id="p1"),
                                         Block.from_text(SECOND, id="p2")]
    with DraftStore.create(path, letter, name="Created") as store:
        letter.section("security").blocks[0].set_text(FIRST_EDITED)
        store.save(letter, name="Edited")
        letter.section("security").blocks.append(
            Block.from_text("A closing paragraph on the adaptation plan.", id="p3"))
        store.save(letter, name="Added")
    return path


@pytest.fixture
def store(draft: Path) -> Any:
    with DraftStore.open(draft, read_only=True) as opened:
        yield opened


def make(qtbot: Any, store: Any, **kw: Any) -> CompareWindow:
    window = CompareWindow(store, **kw)
    qtbot.addWidget(window)
    window.show()
    return window


def test_defaults_compare_the_two_newest_revisions(qtbot: Any, store: Any) -> None:
    window = make(qtbot, store)
    assert window.new_combo.count() == 3 and window.old_combo.count() == 3
    assert window.new_combo.currentData() == "revision:3"
    assert window.old_combo.currentData() == "revision:2"
    text = window.inline_view.toPlainText()
    assert "A closing paragraph on the adaptation plan." in text
    assert underlined(window.inline_view.document()) == \
        "A closing paragraph on the adaptation plan."
    assert struck(window.inline_view.document()) == ""
    assert "1 added" in window.summary_label.text()


def test_picking_revisions_shows_word_changes_inline(qtbot: Any, store: Any) -> None:
    window = make(qtbot, store)
    window.old_combo.setCurrentIndex(window.old_combo.findData("revision:1"))
    window.new_combo.setCurrentIndex(window.new_combo.findData("revision:2"))
    document = window.inline_view.document()
    assert struck(document) == "12"
    assert "15 joint" in underlined(document) and "centre and" in underlined(document)
    plain = window.inline_view.toPlainText()
    assert "The Force conducted 1215 joint operations" in plain
    assert SECOND in plain  # unchanged paragraphs shown for context
    assert "1 paragraph changed" in window.summary_label.text()
    # the HTML itself carries semantic marks
    assert window.diff is not None
    html = diff_to_html(window.diff)
    assert "<del>" in html and "<ins>" in html


def test_hiding_unchanged_paragraphs(qtbot: Any, store: Any) -> None:
    window = make(qtbot, store)
    window.select("revision:1", "revision:2")
    assert SECOND in window.inline_view.toPlainText()
    window.context_check.setChecked(False)
    assert SECOND not in window.inline_view.toPlainText()
    assert "1215 joint" in window.inline_view.toPlainText()


def test_side_by_side_shows_each_version(qtbot: Any, store: Any) -> None:
    window = make(qtbot, store)
    window.select("revision:1", "revision:2")
    window.tabs.setCurrentIndex(1)
    old_text = window.old_view.toPlainText()
    new_text = window.new_view.toPlainText()
    assert FIRST in old_text and FIRST_EDITED not in old_text
    assert FIRST_EDITED in new_text and FIRST not in new_text
    assert struck(window.old_view.document()) == "12"
    assert underlined(window.old_view.document()) == ""
    assert struck(window.new_view.document()) == ""
    assert "15 joint" in underlined(window.new_view.document())


def test_side_by_side_scrolls_together(qtbot: Any, tmp_path: Path) -> None:
    letter = empty_letter()
    letter.section("security").blocks = [
        Block.from_text(f"Paragraph {n} on operations near Mopti and Ségou.") for n in range(80)]
    newer = letter.copy()
    newer.section("security").blocks[40].set_text("A rewritten paragraph in the middle.")
    path = tmp_path / "long.missive"
    with DraftStore.create(path, letter) as store:
        store.save(newer)
        window = make(qtbot, store)
        window.resize(700, 400)
        window.tabs.setCurrentIndex(1)
        qtbot.waitUntil(lambda: window.old_view.verticalScrollBar().maximum() > 0)
        old_bar = window.old_view.verticalScrollBar()
        new_bar = window.new_view.verticalScrollBar()
        old_bar.setValue(old_bar.maximum())
        assert new_bar.value() == new_bar.maximum()
        new_bar.setValue(new_bar.maximum() // 2)
        assert abs(old_bar.value() - old_bar.maximum() // 2) <= old_bar.maximum() // 20 + 1


def test_current_text_and_another_draft_file(qtbot: Any, store: Any, tmp_path: Path) -> None:
    current = store.load()
    current.section("security").blocks[1].set_text(
        "Patrols continued around Gao, Kidal and Timbuktu throughout the period.")
    window = make(qtbot, store, current=current, heading=lambda sid: f"Section {sid}")
    assert window.new_combo.currentData() == "current"
    assert window.old_combo.currentData() == "revision:3"
    assert underlined(window.inline_view.document()) == ", Kidal"
    assert "Section security" in window.inline_view.toPlainText()

    other = tmp_path / "previous.missive"
    previous = empty_letter()
    previous.section("security").blocks = [Block.from_text(FIRST), Block.from_text(SECOND)]
    DraftStore.create(other, previous).close()
    window.compare_with_file(other)
    assert window.old_combo.currentData() == f"file:{other}"
    assert "previous.missive" in window.old_combo.currentText()
    # other ids: the edited sentence is still paired with its old self
    assert struck(window.inline_view.document()) == "12"


def test_previous_letter_as_text_file_and_bad_files(qtbot: Any, store: Any,
                                                    tmp_path: Path) -> None:
    current: Letter = store.load()
    window = make(qtbot, store, current=current, template=get_template(TEMPLATE_ID))
    missing = tmp_path / "missing.missive"
    window.compare_with_file(missing)
    assert window.diff is None
    assert "missing.missive" in window.summary_label.text()
    assert window.inline_view.toPlainText() == ""

    not_a_draft = tmp_path / "junk.missive"
    not_a_draft.write_bytes(b"this is not a draft")
    window.compare_with_file(not_a_draft)
    assert window.diff is None and window.summary_label.text()

    text = tmp_path / "previous.txt"
    text.write_text(FIRST + "\n", encoding="utf-8")
    window.compare_with_file(text)
    assert window.diff is not None
    assert "Patrols continued" in underlined(window.inline_view.document())


def test_no_store_and_no_letter_says_so(qtbot: Any) -> None:
    window = make(qtbot, None)
    assert window.old_combo.count() == 0
    assert window.summary_label.text()
    assert window.inline_view.toPlainText() == ""


def test_window_is_a_dialog_with_close(qtbot: Any, store: Any) -> None:
    window = make(qtbot, store)
    with qtbot.waitSignal(window.rejected, timeout=1000):
        qtbot.keyClick(window, Qt.Key.Key_Escape)
