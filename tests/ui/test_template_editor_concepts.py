"""The template editor's concept groups: an editor adds a concept, types its
terms in each language, is warned of terms that cannot work, saves, and the
coverage engine reads the saved file."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from drafting.templates.catalog import load_template
from tests.ui.template_editor_fixtures import LEFT, _copy, _type_lines
from ui.template_editor import TemplateEditorWindow
from ui.template_editor.window import VALIDATION_DELAY_MS


def test_concept_groups_add_type_save_and_the_engine_uses_them(
    qtbot: Any, editor: TemplateEditorWindow
) -> None:
    from drafting.checks.concepts import ConceptSet

    path = _copy(qtbot, editor)
    page = editor.sections_page
    editor.tabs.setCurrentWidget(page)
    page.select(3)  # rotation
    form = page.editor
    form.tabs.setCurrentWidget(form.requirements)
    reqs = form.requirements
    reqs.select(0)
    assert reqs.current() is not None and reqs.current().id == "perf.rotation"
    assert reqs.concept_list.count() == 1
    assert reqs.concept_list.item(0).text().startswith("Concept 1: rotation, rotated")
    assert reqs.concept_list.accessibleName() == "Concepts of the requirement"

    # a second concept: a rotation paragraph must now also say how it went
    qtbot.mouseClick(reqs.add_concept_button, LEFT)
    assert reqs.concept_list.count() == 2 and reqs.concept_list.currentRow() == 1
    assert reqs.concept_columns.text("en", "terms") == ""
    # the empty concept is a located problem, and the problem leads back to it
    qtbot.waitUntil(lambda: bool(editor.validation_panel.problems),
                    timeout=VALIDATION_DELAY_MS * 10)
    problem = editor.validation_panel.problems[0]
    assert "concept 2 has no terms in 'en'" in problem.text()
    assert (problem.section, problem.requirement, problem.concept) == (3, 0, 1)
    reqs.select_concept(0)
    editor.validation_panel.problem_list.itemActivated.emit(
        editor.validation_panel.problem_list.item(0))
    assert reqs.concept_list.currentRow() == 1
    assert not editor.save_button.isEnabled()

    _type_lines(qtbot, reqs.concept_columns.field("en", "terms"),
                ["on schedule", "postponed", "the"])
    _type_lines(qtbot, reqs.concept_columns.field("fr", "terms"),
                ["selon le calendrier", "en retard"])
    # QTest types ASCII only: the other languages' terms are pasted, as a translator would
    pasted = {"es": "según lo previsto\naplazada", "ru": "по графику\nотложена",
              "ar": "في موعدها\nأرجئت", "zh": "按期\n推迟"}
    for lang, text in pasted.items():
        reqs.concept_columns.field(lang, "terms").insertPlainText(text)
    assert reqs.concept_list.item(1).text() == "Concept 2: on schedule, postponed, the"
    # a term the engine could never use is pointed out as it is typed
    assert reqs.warnings_label.isVisibleTo(editor)
    assert "“the” (en, concept 2) has only grammatical words" in reqs.warnings_label.text()
    field = reqs.concept_columns.field("en", "terms")
    field.setFocus()
    for _n in range(4):  # erase "\nthe"
        qtbot.keyClick(field, Qt.Key.Key_Backspace)
    assert reqs.concept_columns.text("en", "terms") == "on schedule\npostponed"
    assert not reqs.warnings_label.isVisibleTo(editor)
    # an excluding term that is also a concept's term rules everything out: said too
    exclude = reqs.columns.field("en", "exclude")
    exclude.setFocus()
    exclude.moveCursor(exclude.textCursor().MoveOperation.End)
    qtbot.keyClick(exclude, Qt.Key.Key_Return)
    qtbot.keyClicks(exclude, "postponed")
    assert "also a term of concept 2" in reqs.warnings_label.text()
    for _n in range(len("postponed") + 1):
        qtbot.keyClick(exclude, Qt.Key.Key_Backspace)
    assert not reqs.warnings_label.isVisibleTo(editor)

    qtbot.waitUntil(lambda: not editor.validation_panel.problems,
                    timeout=VALIDATION_DELAY_MS * 10)
    qtbot.mouseClick(editor.save_button, LEFT)
    saved = load_template(path)
    rotation = saved.section("rotation").requirements[0]
    assert len(rotation.concepts) == 2
    assert rotation.concepts[1].terms["en"] == ["on schedule", "postponed"]
    assert rotation.concepts[1].terms["fr"] == ["selon le calendrier", "en retard"]
    assert rotation.concepts[1].terms["ru"] == ["по графику", "отложена"]
    assert rotation.exclusions["en"] == ["aircrew", "air crews"]

    # the engine reads the saved file: rotation alone no longer meets the requirement
    english = ConceptSet(saved, "en")
    assert "perf.rotation" not in english.match(
        "The rotation of contingents took place in March for 850 troops.")
    assert "perf.rotation" in english.match(
        "The rotation of contingents was postponed in March for 850 troops.")
    assert "perf.rotation" in ConceptSet(saved, "fr").match(
        "La relève des contingents a pris du retard en mars pour 850 militaires.")

    # and the concept can go again (saving reloaded the file: find the requirement again)
    page = editor.sections_page
    page.select(3, 0)
    reqs = page.editor.requirements
    assert reqs.concept_list.count() == 2
    reqs.select_concept(1)
    qtbot.mouseClick(reqs.remove_concept_button, LEFT)
    assert reqs.concept_list.count() == 1 and len(reqs.current().concepts) == 1
    assert editor.modified
