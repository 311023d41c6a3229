"""The findings panel on its model: groups that expand, filters, blocking first,
"Fix" and "Fix all" through the session, rows kept across live checks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QPersistentModelIndex, Qt
from PySide6.QtGui import QTextCursor

from drafting.checks.grouping import TYPOGRAPHY_GROUP
from drafting.importers.carry import carry_forward
from drafting.letter import Block
from drafting.storage.store import DraftStore
from drafting.templates.catalog import create_letter, get_template
from tests.ui.conftest import fast_session

LEFT = Qt.MouseButton.LeftButton


def _draft(tmp_path: Path) -> Path:
    """A French draft with typography to fix in two sections and carried-over text."""
    letter = create_letter(get_template("minusma-six-monthly"), "fr", symbol="S/2020/481",
                           job_number="20-07899")
    letter.section("security").blocks = [
        Block.from_text("Bilan : 13289 personnes déplacées ; 50% d'entre elles à Gao."),
        Block.from_text("Deux bases : Gao et Tessalit ; une troisième en avril."),
        Block.from_text("Au 20 mai, [618] affaires étaient ouvertes."),
    ]
    letter.section("rotation").blocks = [Block.from_text("Relève : achevée en juillet.")]
    letter.section("exit").blocks = [Block.from_text("Le retrait dépend de conditions."),
                                     Block.from_text("Elles sont au nombre de quatre.")]
    letter = carry_forward(letter)
    path = tmp_path / "groups.missive"
    DraftStore.create(path, letter).close()
    return path


def _row_of(panel: Any, code: str, section: str) -> int:
    return next(i for i, f in enumerate(panel.shown_findings())
                if f.code == code and f.section == section)


def _click(qtbot: Any, panel: Any, index: Any) -> None:
    panel.tree.scrollTo(index)
    qtbot.mouseClick(panel.tree.viewport(), LEFT, pos=panel.tree.visualRect(index).center())


def test_groups_expand_into_their_members(qtbot: Any, make_window: Any, tmp_path: Path) -> None:
    window = make_window(_draft(tmp_path))
    panel = window.findings_panel
    shown = panel.shown_findings()
    typography = [f for f in shown if f.code == TYPOGRAPHY_GROUP]
    assert {"security", "rotation"} <= {f.section for f in typography}
    assert not [f for f in shown if f.check == "typography" and f.code != TYPOGRAPHY_GROUP]
    carried = [f for f in shown if f.code == "carryover.unconfirmed" and f.members]
    assert carried and all(f.blocking for f in carried)
    row = _row_of(panel, TYPOGRAPHY_GROUP, "security")
    group = shown[row]
    index = panel.row_index(row)
    assert panel.proxy.rowCount(index) == len(group.members) >= 4
    assert not panel.tree.isExpanded(index)
    _click(qtbot, panel, panel.row_index(row, 2))
    qtbot.keyClick(panel.tree, Qt.Key.Key_Right)  # the keyboard opens a group
    assert panel.tree.isExpanded(index)
    severity, where, message = panel.row_texts(row, member=0)
    assert "¶" in where and message == group.members[0].message
    assert severity == "Warning"
    assert panel.row_texts(row)[0] == "Info"


def test_blocking_findings_are_listed_first(make_window: Any, tmp_path: Path) -> None:
    window = make_window(_draft(tmp_path))
    flags = [f.blocking for f in window.findings_panel.shown_findings()]
    assert True in flags and False in flags
    assert flags == sorted(flags, reverse=True)


def test_filters_by_severity_and_by_check(make_window: Any, tmp_path: Path) -> None:
    window = make_window(_draft(tmp_path))
    panel = window.findings_panel
    panel.check_combo.setCurrentIndex(panel.check_combo.findData("typography"))
    assert {f.code for f in panel.shown_findings()} == {TYPOGRAPHY_GROUP}
    assert panel.count_label.text().startswith(f"{len(panel.shown_findings())} finding")
    panel.set_check_filter("all")
    panel.set_severity("error")
    shown = panel.shown_findings()
    assert shown and all(f.severity == "error" for f in shown)
    panel.set_severity("info")
    panel.set_check_filter("carryover")
    assert panel.shown_findings() == []
    panel.set_severity("all")
    panel.set_check_filter("all")
    assert panel.shown_findings() == window.session.reported_findings()


def test_fix_all_applies_a_group_as_one_undo_step(qtbot: Any, make_window: Any,
                                                 tmp_path: Path) -> None:
    window = make_window(_draft(tmp_path))
    session = fast_session(window.session)
    panel = window.findings_panel
    row = _row_of(panel, TYPOGRAPHY_GROUP, "security")
    assert not panel.fix_all_button.isEnabled()
    _click(qtbot, panel, panel.row_index(row, 2))
    assert panel.fix_all_button.isEnabled() and not panel.fix_button.isEnabled()
    steps = session.undo_stack.count()
    with qtbot.waitSignal(session.findings_changed, timeout=3000):
        qtbot.mouseClick(panel.fix_all_button, LEFT)
    assert session.undo_stack.count() == steps + 1
    assert "13\u202f289" in session.letter.section("security").text
    sections = {f.section for f in panel.shown_findings() if f.code == TYPOGRAPHY_GROUP}
    assert "security" not in sections and "rotation" in sections
    with qtbot.waitSignal(session.findings_changed, timeout=3000):
        session.undo_stack.undo()
    assert "security" in {f.section for f in panel.shown_findings()
                          if f.code == TYPOGRAPHY_GROUP}


def test_apply_fix_on_one_member(qtbot: Any, make_window: Any, tmp_path: Path) -> None:
    window = make_window(_draft(tmp_path))
    session = fast_session(window.session)
    panel = window.findings_panel
    row = _row_of(panel, TYPOGRAPHY_GROUP, "rotation")
    before = len(panel.shown_findings()[row].members)
    panel.tree.expand(panel.row_index(row))
    _click(qtbot, panel, panel.row_index(row, 2, member=0))
    assert panel.fix_button.isEnabled() and panel.fix_all_button.isEnabled()
    with qtbot.waitSignal(session.findings_changed, timeout=3000):
        qtbot.mouseClick(panel.fix_button, LEFT)
    after = [f for f in panel.shown_findings()
             if f.code == TYPOGRAPHY_GROUP and f.section == "rotation"]
    assert len(after[0].members) == before - 1 if after else before == 1


def test_clicking_a_group_jumps_to_its_first_member(qtbot: Any, make_window: Any,
                                                     tmp_path: Path) -> None:
    window = make_window(_draft(tmp_path))
    panel = window.findings_panel
    window.go_to_step("details")
    row = _row_of(panel, "carryover.unconfirmed", "exit")
    group = panel.shown_findings()[row]
    assert group.paragraph is None and group.members
    _click(qtbot, panel, panel.row_index(row, 2))
    assert window.current_step() == "exit"
    assert window.editor.current_block_id() == group.members[0].block_id


def test_live_checks_keep_the_rows_of_other_sections(qtbot: Any, make_window: Any,
                                                     tmp_path: Path) -> None:
    window = make_window(_draft(tmp_path))
    session = fast_session(window.session)
    panel = window.findings_panel
    row = _row_of(panel, TYPOGRAPHY_GROUP, "rotation")
    kept = QPersistentModelIndex(panel.row_index(row))
    panel.tree.expand(panel.row_index(row))
    resets: list[int] = []
    panel.model.modelReset.connect(lambda: resets.append(1))
    window.go_to_step("security")
    editor = window.editor
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    with qtbot.waitSignal(session.findings_changed, timeout=3000):
        qtbot.keyClicks(editor, " Voir [42].")
    assert resets == []  # rows inserted and rewritten, not the whole list again
    assert kept.isValid() and panel.tree.isExpanded(kept)
    assert panel.finding_at(kept).section == "rotation"
    assert any("[42]" in panel.row_texts(i)[2] for i in range(panel.proxy.rowCount()))


def test_controls_have_accessible_names(make_window: Any, tmp_path: Path) -> None:
    panel = make_window(_draft(tmp_path)).findings_panel
    for widget in (panel.filter_combo, panel.check_combo, panel.fix_button,
                   panel.fix_all_button, panel.tree):
        assert widget.accessibleName()
    index = panel.row_index(0, 2)
    assert index.data(Qt.ItemDataRole.AccessibleTextRole).endswith("blocks a final version")


def test_the_panel_speaks_the_interface_language(qapp: Any, make_window: Any,
                                                 tmp_path: Path) -> None:
    from ui import translations

    window = make_window(_draft(tmp_path))
    panel = window.findings_panel
    try:
        translations.apply_language("fr", qapp)
        assert panel.fix_all_button.text() == "Tout corriger"
        assert panel.check_combo.itemText(0) == "Toutes les vérifications"
        row = _row_of(panel, TYPOGRAPHY_GROUP, "security")
        assert "corrections typographiques" in panel.row_texts(row)[2]
        assert panel.row_texts(row)[0] == "Info"
    finally:
        translations.apply_language("en", qapp)
