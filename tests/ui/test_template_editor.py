"""The template editor window, driven through its real widgets.

Every question the window asks (an id, a file, "discard?") and the program
that opens a preview are injected, so nothing modal or external runs.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import docx
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView

from drafting import paths
from drafting.templates.catalog import discover_templates, load_template, validate_template_file
from tests.drafting.pictures import make_png
from tests.ui.template_editor_fixtures import (
    LEFT,
    OTHER_LANGUAGES,
    SHIPPED_LETTER,
    Answers,
    _copy,
    _type,
    _type_lines,
)
from ui.new_draft_dialog import NewDraftDialog
from ui.template_editor import TemplateEditorWindow
from ui.template_editor.window import VALIDATION_DELAY_MS


def test_copy_add_section_and_requirement_reorder_and_save(
    qtbot: Any, editor: TemplateEditorWindow, tmp_path: Path
) -> None:
    path = _copy(qtbot, editor)
    assert path == tmp_path / "templates" / "field-letter.xml"
    assert load_template(path).version == 2  # the copy is on disk at once

    page = editor.sections_page
    editor.tabs.setCurrentWidget(page)
    page.select(6)  # "exit", the last section
    qtbot.mouseClick(page.add_button, LEFT)
    assert page.current_row() == 7
    section_editor = page.editor
    _type(qtbot, section_editor.id_edit, "outreach")
    _type(qtbot, section_editor.columns.field("en", "heading"), "Outreach to the population")
    _type(qtbot, section_editor.columns.field("fr", "heading"), "Communication avec la population")
    for lang in OTHER_LANGUAGES:  # the shipped template declares all six UN languages
        _type(qtbot, section_editor.columns.field(lang, "heading"), f"Outreach ({lang})")
    qtbot.keyClicks(section_editor.columns.field("en", "guidance"), "Say what radio reached.")

    reqs = section_editor.requirements
    qtbot.mouseClick(reqs.add_button, LEFT)
    _type(qtbot, reqs.id_edit, "outreach.radio")
    _type(qtbot, reqs.ref_edit, "63 (iv)")
    _type(qtbot, reqs.columns.field("en", "label"), "Radio outreach")
    _type(qtbot, reqs.columns.field("fr", "label"), "Sensibilisation par la radio")
    _type_lines(qtbot, reqs.concept_columns.field("en", "terms"),
                ["Radio Mikado", "", "radio programme"])
    qtbot.keyClicks(reqs.concept_columns.field("fr", "terms"), "Radio Mikado")
    for lang in OTHER_LANGUAGES:
        _type(qtbot, reqs.columns.field(lang, "label"), f"Radio ({lang})")
        qtbot.keyClicks(reqs.concept_columns.field(lang, "terms"), "Radio Mikado")

    # reorder: the Move up button, then a drag-and-drop move through the view's model
    qtbot.mouseClick(page.up_button, LEFT)
    assert editor.template is not None
    assert editor.template.section_ids()[6:] == ["outreach", "exit"]
    assert page.section_view.dragDropMode() == QAbstractItemView.DragDropMode.InternalMove
    assert page.model.moveRows(QModelIndex(), 6, 1, QModelIndex(), 1)  # what a drop calls
    assert editor.template.section_ids()[:3] == ["opening", "outreach", "security"]
    assert page.editor.section is editor.template.sections[1]

    assert editor.validate_now() == []
    assert editor.save_button.isEnabled()
    qtbot.mouseClick(editor.save_button, LEFT)
    saved = load_template(path)
    assert saved.version == 3 and saved.origin == "user"
    assert saved.section_ids() == ["opening", "outreach", "security", "performance",
                                   "rotation", "coordination", "framework", "exit"]
    outreach = saved.section("outreach")
    assert {k: outreach.headings[k] for k in ("en", "fr")} == {
        "en": "Outreach to the population", "fr": "Communication avec la population"}
    assert outreach.guidance == {"en": "Say what radio reached."}
    assert [(r.id, r.ref) for r in outreach.requirements] == [("outreach.radio", "63 (iv)")]
    assert {k: outreach.requirements[0].concepts[0].terms[k] for k in ("en", "fr")} == {
        "en": ["Radio Mikado", "radio programme"], "fr": ["Radio Mikado"]}
    assert validate_template_file(path) == []
    assert not list(path.parent.glob(".tmp-*"))  # the atomic write left nothing behind
    assert "version 3" in editor.message_label.text()
    # a second save bumps again
    _type(qtbot, editor.metadata_form.signatory_edit, "Acting Secretary-General")
    qtbot.mouseClick(editor.save_button, LEFT)
    assert load_template(path).version == 4

    # the new-draft dialog offers the new template
    dialog = NewDraftDialog(user_dir=tmp_path / "templates", folder=tmp_path)
    qtbot.addWidget(dialog)
    assert "field-letter" in dialog.template_ids()
    assert dialog.select_template("field-letter")


def test_invalid_cue_list_shows_located_error_and_does_not_save(
    qtbot: Any, editor: TemplateEditorWindow
) -> None:
    path = _copy(qtbot, editor)
    before = path.read_bytes()
    page = editor.sections_page
    page.select(1)  # security
    reqs = page.editor.requirements
    reqs.select(0)  # ops.progress
    reqs.concept_columns.field("fr", "terms").clear()  # no French term left in concept 1
    assert editor.modified
    # validation runs after a pause in typing, not on every key
    assert editor.validation_panel.problems == []
    qtbot.waitUntil(lambda: bool(editor.validation_panel.problems),
                    timeout=VALIDATION_DELAY_MS * 10)
    [problem] = editor.validation_panel.problems
    text = problem.text()
    assert text.startswith("line ") and ", column " in text
    assert "requirement “ops.progress”" in text and "concept 1 has no terms in 'fr'" in text
    assert "concept 1 has no terms in 'fr'" in text
    assert (problem.section, problem.requirement) == (1, 0)
    assert not editor.save_button.isEnabled()
    assert not editor.save()  # even when called directly
    assert "Not saved" in editor.message_label.text()
    assert path.read_bytes() == before

    # the located error takes the editor to the place
    page.select(4)
    editor.tabs.setCurrentWidget(editor.metadata_form)
    item = editor.validation_panel.problem_list.item(0)
    editor.validation_panel.problem_list.itemActivated.emit(item)
    assert editor.tabs.currentWidget() is page
    assert page.current_row() == 1 and reqs.current() is page.template.sections[1].requirements[0]

    # fixing it clears the error and saving works
    qtbot.keyClicks(reqs.concept_columns.field("fr", "terms"), "operations de la Mission")
    qtbot.waitUntil(lambda: not editor.validation_panel.problems,
                    timeout=VALIDATION_DELAY_MS * 10)
    assert editor.save()
    assert load_template(path).version == 3


def test_blank_section_id_is_a_plain_located_error(qtbot: Any, editor: TemplateEditorWindow) -> None:
    _copy(qtbot, editor)
    page = editor.sections_page
    page.select(2)
    _type(qtbot, page.editor.id_edit, "Rotation Two")
    problems = editor.validate_now()
    assert len(problems) == 1
    assert "Section 3 “Rotation Two”" in problems[0].text()
    assert "lower-case letters" in problems[0].message
    assert not editor.save()


def test_shipped_template_is_read_only_and_saves_as_a_copy(
    qtbot: Any, editor: TemplateEditorWindow, answers: Answers, tmp_path: Path
) -> None:
    shipped = Path(SHIPPED_LETTER).read_bytes()
    assert editor.template is not None and editor.template.origin == "shipped"
    assert "copy" in editor.save_button.text()
    editor.house_style_form.set_value("body_size", 11.0)
    editor.house_style_form.set_value("body_line", 13.0)
    answers.template_id = "minusma-six-monthly"  # same id: overrides the shipped one
    assert editor.save()
    assert Path(SHIPPED_LETTER).read_bytes() == shipped
    mine = load_template(tmp_path / "templates" / "minusma-six-monthly.xml")
    assert mine.version == 3 and mine.house_style.body_size == 11.0
    winner = [t for t in discover_templates(tmp_path / "templates")
              if t.id == "minusma-six-monthly"]
    assert winner[0].origin == "user" and winner[0].version == 3
    # the list shows both files and which one new drafts use
    rows = [editor.list_panel.template_list.item(i).text()
            for i in range(editor.list_panel.template_list.count())]
    six = [r for r in rows if "minusma-six-monthly ·" in r]
    assert len(six) == 2 and sum("in use" in r for r in six) == 1
    assert any("yours" in r and "in use" in r for r in six)


def test_export_and_import_a_template_file(
    qtbot: Any, editor: TemplateEditorWindow, answers: Answers, tmp_path: Path
) -> None:
    answers.save_path = str(tmp_path / "shared.xml")
    qtbot.mouseClick(editor.export_button, LEFT)
    shared = tmp_path / "shared.xml"
    assert validate_template_file(shared) == []

    broken = tmp_path / "broken.xml"
    broken.write_text(shared.read_text(encoding="utf-8").replace(
        'version="2"', 'version="7"').replace("<term>patrol</term>", "<term> </term>"),
        encoding="utf-8")
    answers.open_path = str(broken)
    qtbot.mouseClick(editor.import_button, LEFT)
    assert "Not imported" in editor.message_label.text()
    assert editor.validation_panel.problems
    assert not list((tmp_path / "templates").glob("*.xml"))

    newer = tmp_path / "newer.xml"
    newer.write_text(shared.read_text(encoding="utf-8").replace(
        'id="minusma-six-monthly" version="2"', 'id="office-letter" version="4"'),
        encoding="utf-8")
    answers.open_path = str(newer)
    qtbot.mouseClick(editor.import_button, LEFT)
    imported = tmp_path / "templates" / "office-letter.xml"
    assert load_template(imported).version == 4
    assert editor.template is not None and editor.template.id == "office-letter"
    # the same file again is not newer: refused, nothing replaced
    qtbot.mouseClick(editor.import_button, LEFT)
    assert "already have version 4" in editor.message_label.text()


def test_preview_exports_a_docx_with_the_edited_house_style(
    qtbot: Any, editor: TemplateEditorWindow, answers: Answers
) -> None:
    editor.house_style_form.set_value("body_size", 12.0)
    editor.house_style_form.set_value("body_line", 14.0)
    editor.preview_language.setCurrentIndex(editor.preview_language.findData("fr"))
    qtbot.mouseClick(editor.preview_button, LEFT)
    [url] = answers.opened
    path = Path(url.toLocalFile())
    assert path.is_file() and path.name.endswith("-fr-preview.docx")
    with zipfile.ZipFile(path) as z:
        styles = z.read("word/styles.xml").decode("utf-8")
        body = z.read("word/document.xml").decode("utf-8")
    assert 'w:val="24"' in styles  # 12 pt body text, in half-points
    assert "Problèmes de sécurité" in body  # French headings
    # an invalid template is not previewed
    editor.house_style_form.set_value("body_line", 6.0)
    assert editor.preview() is None
    assert len(answers.opened) == 1


def test_remove_section_and_numbered_report_preview(
    qtbot: Any, editor: TemplateEditorWindow, answers: Answers
) -> None:
    assert editor.list_panel.select_path(
        str(paths.shipped_templates_dir() / "minusma-quarterly-report.xml"))
    page = editor.sections_page
    page.select(5)
    qtbot.mouseClick(page.remove_button, LEFT)
    assert editor.template is not None
    assert "observations" not in editor.template.section_ids()
    path = editor.preview()
    assert path is not None
    paragraphs = [p.text for p in docx.Document(str(path)).paragraphs]
    # "\tI.\tText" and "\t12.\tText"; unnumbered titles ("\t\tText") have no label
    labels = [p.split("\t")[1] for p in paragraphs
              if p.startswith("\t") and p.count("\t") >= 2 and p.split("\t")[1]]
    # chapters carry roman numerals, body paragraphs run on across chapters
    numbers = [n for n in labels if n[:-1].isdigit()]
    assert labels[0] == "I."
    assert numbers[:5] == ["1.", "2.", "3.", "4.", "5."]
    assert not any("Observations" in p for p in paragraphs)


def test_menu_hook_opens_one_non_modal_editor_per_window(qtbot: Any) -> None:
    from PySide6.QtWidgets import QMainWindow

    from ui.template_editor import open_template_editor

    main = QMainWindow()
    qtbot.addWidget(main)
    first = open_template_editor(main)
    assert first.isVisible() and not first.isModal() and first.isWindow()
    assert open_template_editor(main) is first
    ids = {t.id for t in first.list_panel.templates}
    assert {"minusma-six-monthly", "minusma-quarterly-report"} <= ids
    first.close()


def test_house_style_emblem_is_chosen_checked_and_exported(
    qtbot: Any, editor: TemplateEditorWindow, answers: Answers, tmp_path: Path
) -> None:
    """The emblem field: a file chooser, an immediate check, a located problem
    for a bad picture, and the picture in the preview's masthead."""
    form = editor.house_style_form
    assert "does not ship the UN emblem" in form.emblem_status.text()
    bad = tmp_path / "emblem.gif"
    bad.write_bytes(b"GIF89a" + b"\0" * 40)
    form.choose_picture = lambda _start: str(bad)
    qtbot.mouseClick(form.emblem_choose_button, LEFT)
    assert "PNG or JPEG" in form.emblem_status.text()
    problems = editor.validate_now()
    assert problems and "PNG or JPEG" in problems[0].message
    assert problems[0].area == "house-style"

    good = tmp_path / "emblem.png"
    good.write_bytes(make_png(120, 100))
    form.choose_picture = lambda _start: str(good)
    qtbot.mouseClick(form.emblem_choose_button, LEFT)
    assert form.emblem_status.text() == "PNG picture, 120 × 100 pixels."
    assert editor.validate_now() == []
    assert editor.template is not None and editor.template.house_style.emblem == str(good)
    # a field with its own unit: letter spacing may be below 0.5 pt
    form.set_value("char_spacing", 0.25)
    assert editor.template.house_style.char_spacing == 0.25
    qtbot.mouseClick(editor.preview_button, LEFT)
    [url] = answers.opened
    with zipfile.ZipFile(Path(url.toLocalFile())) as z:
        assert "word/media/image1.png" in z.namelist()
        styles = z.read("word/styles.xml").decode("utf-8")
    assert '<w:spacing w:val="5"/>' in styles  # 0.25 pt in twentieths
    qtbot.mouseClick(form.emblem_remove_button, LEFT)
    assert editor.template.house_style.emblem == ""
    assert editor.template.house_style.emblem_image is None


# -- fitting the screen and the keyboard -------------------------------------------

def test_sections_tab_fits_a_small_screen_with_readable_headings(
        qtbot: Any, editor: TemplateEditorWindow) -> None:
    editor.tabs.setCurrentWidget(editor.sections_page)
    editor.sections_page.select(1)  # security: a long heading in six languages
    qtbot.wait(10)
    assert editor.minimumSizeHint().width() <= 1280 - 16
    assert editor.minimumSizeHint().height() <= 720 - 40
    field = editor.sections_page.editor.columns.field("en", "heading")
    text = field.text()
    assert text.startswith("Security challenges")
    assert field.cursorPosition() == 0  # its start is shown, not its end
    shown = field.fontMetrics().horizontalAdvance(text[:30])
    assert field.width() >= shown, "a heading's first words do not fit its field"


def test_ctrl_s_saves_and_escape_or_ctrl_w_close(qtbot: Any, editor: TemplateEditorWindow,
                                                  answers: Answers) -> None:
    _copy(qtbot, editor)
    qtbot.waitUntil(lambda: editor.template is not None and editor.template.origin == "user")
    _type(qtbot, editor.metadata_form.mission_edit, "MINUSMA Gao")
    assert editor.modified
    qtbot.keyClick(editor.metadata_form.mission_edit, Qt.Key.Key_S,
                   Qt.KeyboardModifier.ControlModifier)
    assert not editor.modified
    assert "as version" in editor.message_label.text()
    qtbot.keyClick(editor.metadata_form.mission_edit, Qt.Key.Key_Escape)
    assert not editor.isVisible()
    with qtbot.waitActive(editor):
        editor.show()
        editor.activateWindow()
    qtbot.keyClick(editor.list_panel.template_list, Qt.Key.Key_Escape)  # the list ignores it
    assert not editor.isVisible()
    with qtbot.waitActive(editor):
        editor.show()
        editor.activateWindow()
    qtbot.keyClick(editor.list_panel.template_list, Qt.Key.Key_W,
                   Qt.KeyboardModifier.ControlModifier)
    assert not editor.isVisible()
