"""File commands of the main window: new, new from a previous letter, compare,
recover, the template editor; carried-over paragraphs in the editor; drafts
opened against a newer version of their template."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from drafting import paths
from drafting.checks.carryover import CODE_UNCONFIRMED
from drafting.importers.carry import carry_forward
from drafting.letter import Letter
from drafting.storage.store import DraftStore
from tests.ui.conftest import FakePrompter, fast_session, sample_letter
from ui.app import Application
from ui.doc_convert import is_carried
from ui.main_window import MainWindow
from ui.prompts import DISCARD
from ui.settings import Settings
from ui.template_editor import TemplateEditorWindow

LEFT = Qt.MouseButton.LeftButton
FIXTURES = Path(__file__).parent.parent / "fixtures" / "templates"

# A short previous letter in French, written for these tests: a preamble and
# three headings that match sections of the MINUSMA template.
PREVIOUS_LETTER = """\
Lettre datée du 1er juin 2020, adressée au Président du Conseil de sécurité par le \
Secrétaire général

J’ai l’honneur de revenir vers vous au sujet de la résolution 2531 (2020), qui me \
demande de tenir le Conseil informé tous les six mois.

Problèmes de sécurité et progrès des opérations de la Mission

Durant la période, la Mission a multiplié les patrouilles de longue portée dans le centre.

Les engins explosifs improvisés sont restés la principale menace sur les axes routiers.

Performance du personnel en tenue

Douze unités militaires et cinq unités de police constituées ont été évaluées.

Relève du personnel en tenue

Plusieurs relèves ont été reportées en raison des restrictions liées à la pandémie.

Je vous saurais gré de bien vouloir communiquer ce texte aux membres du Conseil de \
sécurité.

(Signé) António Guterres
"""


@pytest.fixture(autouse=True)
def own_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # User templates written here stay out of every other test.
    monkeypatch.setenv("MISSIVE_DATA_DIR", str(tmp_path / "user-data"))


@pytest.fixture
def app_state(qtbot: Any, tmp_path: Path) -> Iterator[Application]:
    state = Application(Settings(tmp_path / "s.ini"), FakePrompter())
    yield state
    for window in list(state.windows):
        window.close()


def _open(state: Application, path: Path) -> MainWindow:
    window = state.open(path)
    assert window is not None, state.prompter.errors  # type: ignore[attr-defined]
    fast_session(window.session)
    return window


def _carried_draft(tmp_path: Path) -> Path:
    path = tmp_path / "carried.missive"
    DraftStore.create(path, carry_forward(sample_letter())).close()
    return path


def _carried_findings(window: MainWindow) -> set[str]:
    window.session.check_now()
    return {f.block_id for f in window.session.findings() if f.code == CODE_UNCONFIRMED}


# -- menus ------------------------------------------------------------------------
def test_every_file_command_has_a_keyboard_route(app_state: Application,
                                                 sample_path: Path) -> None:
    window = _open(app_state, sample_path)
    for name in ("new", "new_from_previous", "compare", "recover", "recover_other",
                 "templates", "confirm_carried", "confirm_section_carried"):
        action = window.menu_actions[name]
        assert "&" in action.text() or not action.shortcut().isEmpty(), name
    assert window.menu_actions["new"].shortcut().toString() == "Ctrl+N"
    assert window.menu_actions["confirm_carried"].shortcut().toString() == "Ctrl+Shift+K"
    titles = [a.text() for a in window.menuBar().actions()]
    assert "&Templates" in titles


def test_new_creates_and_opens_the_draft(app_state: Application, sample_path: Path,
                                         tmp_path: Path, qtbot: Any) -> None:
    window = _open(app_state, sample_path)
    window.menu_actions["new"].trigger()
    dialog = window.files.new_draft_dialog
    assert dialog is not None and dialog.isVisible()
    target = tmp_path / "next-letter.missive"
    dialog.path_edit.setText(str(target))
    dialog.symbol_edit.setText("S/2020/1187")
    with qtbot.waitSignal(dialog.created):
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), LEFT)
    assert target.is_file()
    assert [w.session.path for w in app_state.windows] == [sample_path, target]
    opened = app_state.windows[1]
    assert opened.session.letter.metadata.symbol == "S/2020/1187"


# -- new from a previous letter ------------------------------------------------------
def test_import_dialog_maps_moves_and_creates_a_carried_draft(
        app_state: Application, sample_path: Path, tmp_path: Path, qtbot: Any) -> None:
    source = tmp_path / "lettre-juin.txt"
    source.write_text(PREVIOUS_LETTER, encoding="utf-8")
    window = _open(app_state, sample_path)
    window.menu_actions["new_from_previous"].trigger()
    dialog = window.files.import_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.template_combo.currentData() == "minusma-six-monthly"
    assert dialog.select_language("fr")
    dialog.source_edit.setText(str(source))
    qtbot.mouseClick(dialog.read_button, LEFT)

    assert dialog.import_result is not None
    sections = [dialog.section_combo(r).currentData() for r in range(dialog.table.rowCount())]
    assert sections == ["opening", "security", "performance", "rotation"]
    assert dialog.table.item(1, 3).text() == "2"  # two paragraphs under "Problèmes…"
    assert "1er décembre 2020" in dialog.summary_label.text()  # dates move six months on

    # the writer sends "Performance…" to the exit strategy instead
    combo = dialog.section_combo(2)
    combo.setCurrentIndex(combo.findData("exit"))
    assert dialog.import_result.mapping[2].section_id == "exit"
    assert not dialog.import_result.letter.section("performance").blocks
    assert "Douze unités" in dialog.import_result.letter.section("exit").text
    combo.setCurrentIndex(combo.findData(None))  # and then to "Unassigned"
    assert "Unassigned" in dialog.summary_label.text()
    combo.setCurrentIndex(combo.findData("exit"))

    target = tmp_path / "lettre-decembre.missive"
    asked: list[str] = []
    dialog.choose_output = lambda start: asked.append(start) or str(target)
    with qtbot.waitSignal(dialog.created):
        qtbot.mouseClick(dialog.create_button, LEFT)
    assert asked and asked[0].endswith("lettre-juin-next.missive")
    opened = app_state.windows[-1]
    assert opened.session.path == target
    letter = opened.session.letter
    assert letter.metadata.language == "fr"
    assert letter.metadata.letter_date == date(2020, 12, 1)
    body = [b for _s, _i, b in letter.iter_blocks() if b.text.strip() and not b.boilerplate]
    assert len(body) == 5 and all(b.carried for b in body)
    assert "Douze unités" in letter.section("exit").text
    assert len(_carried_findings(opened)) == 5


def test_import_dialog_reports_unreadable_files_in_plain_words(
        app_state: Application, sample_path: Path, tmp_path: Path, qtbot: Any) -> None:
    window = _open(app_state, sample_path)
    dialog = window.files.new_from_previous()
    pdf = tmp_path / "lettre.pdf"
    pdf.write_bytes(b"%PDF-1.4 not really")
    dialog.source_edit.setText(str(pdf))
    assert dialog.read_letter() is False
    broken = tmp_path / "lettre.docx"
    broken.write_bytes(b"PK\x03\x04 not a zip at all")
    dialog.source_edit.setText(str(broken))
    assert dialog.read_letter() is False
    errors = app_state.prompter.errors  # type: ignore[attr-defined]
    assert len(errors) == 2 and ".txt" in errors[0] and "lettre.docx" in errors[1]
    assert dialog.import_result is None and not dialog.create_button.isEnabled()
    assert dialog.isVisible()


# -- carried-over paragraphs -----------------------------------------------------------
def test_carried_paragraphs_are_marked_and_confirming_one_is_undoable(
        make_window: Any, tmp_path: Path) -> None:
    window = make_window(_carried_draft(tmp_path))
    fast_session(window.session)
    window.go_to_step("security")
    first, second = window.session.blocks("security")[:2]
    assert first.carried and second.carried
    qblock = window.editor.find_qblock(first.id)
    assert qblock is not None and is_carried(qblock)
    assert qblock.blockFormat().background().style() != Qt.BrushStyle.NoBrush
    assert {first.id, second.id} <= _carried_findings(window)

    window.editor.go_to(first.id)
    window.menu_actions["confirm_carried"].trigger()
    assert not window.session.letter.find_block(first.id)[2].carried  # type: ignore[index]
    assert not is_carried(window.editor.find_qblock(first.id))  # type: ignore[arg-type]
    findings = _carried_findings(window)
    assert first.id not in findings and second.id in findings

    window.session.undo_stack.undo()
    assert window.session.letter.find_block(first.id)[2].carried  # type: ignore[index]
    assert is_carried(window.editor.find_qblock(first.id))  # type: ignore[arg-type]
    assert first.id in _carried_findings(window)


def test_confirm_all_carried_text_in_a_section(make_window: Any, tmp_path: Path) -> None:
    window = make_window(_carried_draft(tmp_path))
    window.go_to_step("security")
    window.menu_actions["confirm_section_carried"].trigger()
    assert not any(b.carried for b in window.session.blocks("security"))
    assert any(b.carried for b in window.session.blocks("performance"))
    assert window.session.undo_stack.count() == 1  # one undo step for the whole section
    menu = window.editor.menus.build_context_menu(window.editor.textCursor())
    assert "Confirm carried paragraph" not in [a.text() for a in menu.actions()]


def test_context_menu_offers_to_confirm_a_carried_paragraph(
        make_window: Any, tmp_path: Path) -> None:
    window = make_window(_carried_draft(tmp_path))
    window.go_to_step("security")
    first = window.session.blocks("security")[0]
    window.editor.go_to(first.id)
    menu = window.editor.menus.build_context_menu(window.editor.textCursor())
    texts = [a.text() for a in menu.actions()]
    assert texts[:2] == ["Confirm carried paragraph", "Confirm all carried text in this section"]
    menu.actions()[0].trigger()
    assert not window.session.blocks("security")[0].carried


def test_typing_in_a_carried_paragraph_counts_as_rewriting_it(
        make_window: Any, tmp_path: Path, qtbot: Any) -> None:
    window = make_window(_carried_draft(tmp_path))
    window.go_to_step("security")
    first, second = window.session.blocks("security")[:2]
    window.editor.go_to(first.id, start=0)
    qtbot.keyClicks(window.editor, "Ainsi, ")
    edited = window.session.letter.find_block(first.id)[2]  # type: ignore[index]
    assert edited.text.startswith("Ainsi, ") and not edited.carried
    assert not is_carried(window.editor.find_qblock(first.id))  # type: ignore[arg-type]
    assert window.session.letter.find_block(second.id)[2].carried  # type: ignore[index]
    # a paragraph split off a carried one with Enter is the writer's new text
    window.editor.go_to(second.id, start=5)
    qtbot.keyClick(window.editor, Qt.Key.Key_Return)
    blocks = window.session.blocks("security")
    assert not any(b.carried for b in blocks[:3])
    assert first.id not in _carried_findings(window)


# -- drafts made with another template version -------------------------------------------
def _field_brief_draft(tmp_path: Path) -> tuple[Path, Letter]:
    data = json.loads((FIXTURES / "field-brief-draft-v1.json").read_text("utf-8"))
    letter = Letter.from_dict(data)
    path = tmp_path / "brief.missive"
    DraftStore.create(path, letter).close()
    return path, letter


def test_opening_a_draft_of_an_older_template_version_migrates_it(
        app_state: Application, tmp_path: Path, qtbot: Any) -> None:
    shutil.copy(FIXTURES / "field-brief-v2.xml", paths.user_templates_dir() / "field-brief.xml")
    path, before = _field_brief_draft(tmp_path)
    window = _open(app_state, path)
    qtbot.waitUntil(lambda: window.files.notice_box is not None and window.files.notice_box.isVisible())
    notices = window.files.notice_box.informativeText()  # type: ignore[union-attr]
    assert "version 1" in notices and "version 2" in notices
    assert "Unassigned" in notices  # the removed section's text went there
    letter = window.session.letter
    assert (letter.template_id, letter.template_version) == ("field-brief", 2)
    assert letter.section_ids() == ["opening", "outlook", "progress", "outreach"]
    kept = {b.id: b.text for _s, _i, b in letter.iter_blocks()}
    for _sid, _index, block in before.iter_blocks():
        assert kept.get(block.id) == block.text  # every paragraph is still there
    with DraftStore.open(path, read_only=True) as store:
        assert store.load().template_version == 2  # the file follows the new version
        assert not store.has_unsaved_autosave()
        names = [r.name for r in store.revisions() if r.kind == "save"]
        assert names[-1] == "Updated to template version 2"


def test_discarding_changes_on_close_keeps_the_migration(
        app_state: Application, tmp_path: Path, qtbot: Any) -> None:
    shutil.copy(FIXTURES / "field-brief-v2.xml", paths.user_templates_dir() / "field-brief.xml")
    path, _before = _field_brief_draft(tmp_path)
    window = _open(app_state, path)
    window.go_to_step("opening")
    window.editor.go_to(None, 0)
    qtbot.keyClicks(window.editor, "Later words ")
    window.session.autosave()
    app_state.prompter.close_answer = DISCARD  # type: ignore[attr-defined]
    window.close()
    assert "close" in app_state.prompter.asked  # type: ignore[attr-defined]
    with DraftStore.open(path, read_only=True) as store:
        letter = store.load()
    assert letter.template_version == 2  # the migration was not discarded …
    assert "Later words" not in letter.section("opening").text  # … the typing was


def test_a_draft_whose_template_is_gone_is_refused_clearly(
        app_state: Application, tmp_path: Path) -> None:
    path, _letter = _field_brief_draft(tmp_path)
    assert app_state.open(path) is None
    message = app_state.prompter.errors[0]  # type: ignore[attr-defined]
    assert "field-brief" in message and "not installed" in message
    with DraftStore.open(path) as store:  # the draft is untouched and not left locked
        assert store.load().template_version == 1


# -- templates, compare, recover ---------------------------------------------------------
def test_templates_menu_opens_the_editor_and_refreshes_the_new_draft_dialog(
        app_state: Application, sample_path: Path) -> None:
    window = _open(app_state, sample_path)
    new_dialog = window.files.new_draft()
    window.menu_actions["templates"].trigger()
    editor = window.findChild(TemplateEditorWindow)
    assert editor is not None and editor.isVisible() and window.files.template_editor is editor
    assert "field-brief" not in new_dialog.template_ids()
    shutil.copy(FIXTURES / "field-brief-v2.xml", paths.user_templates_dir() / "field-brief.xml")
    editor.templates_changed.emit()  # what the editor does after writing a template
    assert "field-brief" in new_dialog.template_ids()
    assert window.files.edit_templates() is editor  # one editor per window


def test_compare_versions_and_compare_from_history(
        app_state: Application, sample_path: Path, qtbot: Any) -> None:
    window = _open(app_state, sample_path)
    window.go_to_step("security")
    window.editor.go_to(None, 0, start=0)
    qtbot.keyClicks(window.editor, "Nouveau. ")
    window.menu_actions["compare"].trigger()
    compare = window.files.compare_window
    assert compare is not None and compare.isVisible()
    assert compare.current is not window.session.letter  # a snapshot, not the live letter
    assert "Nouveau." in compare.current.section("security").text  # type: ignore[union-attr]
    assert compare.new_combo.currentData() == "current"
    assert compare.diff is not None and compare.diff.changed

    history = window.files.open_history()
    rev_id = history.selected_revision()
    assert rev_id is not None and history.compare_button.isEnabled()
    qtbot.mouseClick(history.compare_button, LEFT)
    compare = window.files.compare_window
    assert compare.old_combo.currentData() == f"revision:{rev_id}"
    assert compare.new_combo.currentData() == "current"


def test_recover_lists_the_drafts_versions_and_rescues_one(
        make_window: Any, sample_path: Path, tmp_path: Path) -> None:
    window = make_window(sample_path)
    window.files.save_revision()
    rescued = tmp_path / "rescued.missive"
    window.files.recover_chooser = lambda title, start, filter_: str(rescued)
    window.menu_actions["recover"].trigger()
    dialog = window.files.recover_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.revision_tree.topLevelItemCount() >= 2
    dialog.rescue_selected()
    assert rescued.is_file()
    assert str(rescued) in window.statusBar().currentMessage()  # no open_path: told instead
