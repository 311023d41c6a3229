"""Sections are named by their heading in the letter's language, never by id:
the findings' "Where" column, the coverage map, evidence lines; and evidence
excerpts in Arabic are not set in italic (no font here has Arabic italic)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from drafting.letter import UNASSIGNED, Block
from drafting.storage.store import DraftStore
from drafting.templates.catalog import create_letter, get_template
from ui.guidance_panel import excerpt_html
from ui.short_text import elide_lines, italic_unsafe

SECURITY_FR = "Problèmes de sécurité et progrès des opérations de la Mission"
SECURITY_AR = "التحديات الأمنية والتقدم المحرز في عمليات البعثة"


def _draft(tmp_path: Path, language: str, paragraphs: dict[str, list[str]]) -> Path:
    letter = create_letter(get_template("minusma-six-monthly"), language, symbol="S/2020/481",
                           date=date(2020, 6, 1), job_number="20-07899")
    for sid, texts in paragraphs.items():
        letter.section(sid).blocks = [Block.from_text(t) for t in texts]
    path = tmp_path / f"{language}.missive"
    DraftStore.create(path, letter).close()
    return path


def _rows(window: Any) -> list[tuple[Any, str, str]]:
    panel = window.findings_panel
    panel.set_severity("all")
    return [(f, panel.row_texts(i)[1], panel.row_index(i, 1).data(Qt.ItemDataRole.ToolTipRole))
            for i, f in enumerate(panel.shown_findings())]


def test_where_column_shows_letter_language_headings(
        qtbot: Any, make_window: Any, tmp_path: Path) -> None:
    path = _draft(tmp_path, "fr", {"security": ["Au 20 mai, [618] affaires étaient en cours."]})
    window = make_window(path)
    rows = _rows(window)
    security = [(short, full) for f, short, full in rows if f.section == "security"]
    assert security
    assert any("¶" in full for _short, full in security)
    for short, full in security:
        assert full.startswith(SECURITY_FR)
        assert "Security" not in short and "security" not in short
        plain = short
        assert plain.startswith("Problèmes de")
        assert plain.endswith("¶ 1") == full.endswith("¶ 1")
        assert len(plain) < len(full)  # shortened; the whole heading is in the tooltip
    # Findings without a section: about the details, or about the whole letter.
    session = window.session
    assert session.place_name(None, "metadata") == "Letter details"
    assert session.place_name(None, "length") == "Whole letter"
    assert session.place_name(UNASSIGNED) == "Unassigned text"
    assert session.place_name("opening") == "Opening paragraph"  # no heading in the template
    for f, short, _full in rows:
        if f.section is None:
            assert short in ("Letter details", "Whole letter")


def test_long_messages_wrap_instead_of_being_cut(
        qtbot: Any, make_window: Any, sample_path: Path) -> None:
    window = make_window(sample_path)
    panel = window.findings_panel
    tree = panel.tree
    line = tree.fontMetrics().height()
    longest = max(range(panel.proxy.rowCount()), key=lambda i: len(panel.row_texts(i)[2]))
    index = panel.row_index(longest, 2)
    assert tree.fontMetrics().horizontalAdvance(index.data()) > tree.header().sectionSize(2)
    qtbot.waitUntil(lambda: tree.visualRect(index).height() >= 2 * line, timeout=2000)
    assert tree.header().sectionSize(1) >= tree.sizeHintForColumn(1)  # "Where" is not cut


def test_coverage_map_and_evidence_name_sections_by_heading(
        qtbot: Any, make_window: Any, sample_path: Path) -> None:
    window = make_window(sample_path)
    window.go_to_step("review")
    table = window.review_page.map_table
    headers = [table.horizontalHeaderItem(c) for c in range(1, table.columnCount())]
    assert [h.toolTip() for h in headers][1] == \
        "Security challenges and progress in the Mission’s operations"
    assert headers[1].text().replace("\n", " ").startswith("Security challenges")
    assert "\n" in headers[1].text()
    assert headers[0].text().replace("\n", " ") == "Opening paragraph"
    window.go_to_step("security")
    evidence = "".join(row.evidence_label.text() for row in window.guidance_panel.rows.values())
    assert "¶" in evidence
    others = [ev.section for row in window.guidance_panel.rows.values()
              for ev in row._evidence[:4] if ev.section != "security"]
    for sid in set(others):
        short = window.session.section_heading(sid)[:8]
        assert short in evidence
        assert f"{sid.capitalize()} ¶" not in evidence


def test_arabic_excerpts_are_not_italic(qtbot: Any, make_window: Any, tmp_path: Path) -> None:
    path = _draft(tmp_path, "ar", {"security": [
        "ظلت الحالة الأمنية في وسط مالي وشمالها متقلبة، وتعرضت قوافل البعثة لهجمات."]})
    window = make_window(path)
    window.go_to_step("security")
    labels = [row.evidence_label.text() for row in window.guidance_panel.rows.values()]
    arabic = [text for text in labels if "ظلت" in text]
    assert arabic, labels
    assert all("<i>" not in text for text in arabic)
    assert window.heading_label.text().count(SECURITY_AR) == 1


def test_italic_is_kept_for_scripts_that_have_it() -> None:
    assert excerpt_html("The Mission <opened> a base") == \
        "<i>The Mission &lt;opened&gt; a base</i>"
    assert "<i>" in excerpt_html("Миссия открыла базу")
    for text in ("ظلت الحالة الأمنية", "安全局势依然动荡", "המשימה"):
        assert italic_unsafe(text) and "<i>" not in excerpt_html(text)
    assert not italic_unsafe("Mission, 13 289 personnes, « Seka »")


def test_elide_lines_wraps_then_elides(qapp: Any) -> None:
    from PySide6.QtGui import QFontMetrics

    metrics = QFontMetrics(qapp.font())
    width = metrics.horizontalAdvance("Implementation of the")
    text = "Implementation of the integrated strategic framework and transition plan"
    two = elide_lines(text, metrics, width)
    first, second = two.split("\n")
    assert first == "Implementation of the"
    assert second.endswith("…") and metrics.horizontalAdvance(second) <= width
    assert elide_lines("Exit", metrics, width) == "Exit"
    narrow = metrics.horizontalAdvance("Implem")
    cut = elide_lines(text, metrics, narrow)
    assert "\n" not in cut and cut.startswith("Impl") and cut.endswith("…")
