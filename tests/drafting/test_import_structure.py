"""Writers' own subheadings survive an import (issue 14, "Lost subsections").

The fixtures in tests/fixtures/letters/ are previous letters written for these
tests, in the shape of a real one: the template's section headings, two
subheadings of the writer's own inside the performance section, and one more
heading matching no section between the security and performance sections.
They are read as text, and as DOCX files built here from the same lines, with
every heading at one level (Heading 1) or as bold paragraphs (no level): the
shapes in which a heading's place in the hierarchy says nothing.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from drafting.importers import format_mapping_table, import_letter, remap
from drafting.importers.assemble import ImportResult
from drafting.templates.catalog import get_template
from drafting.templates.model import Template

LETTERS = Path(__file__).resolve().parents[1] / "fixtures" / "letters"
SUBHEADINGS = {
    "fr": ("Évaluations des unités militaires et de police", "Difficultés"),
    "en": ("Evaluations of military and police units", "Difficulties"),
}
BETWEEN = {"fr": "Protection des civils dans le centre", "en": "Protection of civilians in the centre"}


@pytest.fixture(scope="module")
def template() -> Template:
    return get_template("minusma-six-monthly")


def _chunks(language: str) -> list[str]:
    text = (LETTERS / f"previous-{language}.txt").read_text(encoding="utf-8")
    return [c.strip() for c in text.split("\n\n") if c.strip()]


def _is_heading(chunk: str) -> bool:
    return len(chunk) <= 80 and not chunk.endswith(".") and not chunk.startswith("(")


def _docx(path: Path, language: str, headings: str) -> Path:
    document = docx.Document()
    for chunk in _chunks(language):
        if not _is_heading(chunk):
            document.add_paragraph(chunk)
        elif headings == "heading1":
            document.add_paragraph(chunk, style="Heading 1")
        else:
            document.add_paragraph().add_run(chunk).bold = True
    document.save(str(path))
    return path


def _read(tmp_path: Path, template: Template, language: str, shape: str) -> ImportResult:
    if shape == "txt":
        source = LETTERS / f"previous-{language}.txt"
    else:
        source = _docx(tmp_path / f"previous-{language}.docx", language, shape)
    return import_letter(source, template, language)


SHAPES = ["txt", "heading1", "bold"]


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("language", ["fr", "en"])
def test_subheadings_stay_in_the_section_they_sit_in(
    tmp_path: Path, template: Template, language: str, shape: str
) -> None:
    result = _read(tmp_path, template, language, shape)
    letter = result.letter
    assert letter.unassigned == []
    evaluations, difficulties = SUBHEADINGS[language]
    performance = letter.section("performance").blocks
    assert [b.kind for b in performance] == [
        "paragraph", "subheading", "paragraph", "paragraph", "subheading", "paragraph",
        "paragraph",
    ]
    assert (performance[1].text, performance[4].text) == (evaluations, difficulties)
    # the paragraphs under each subheading follow it, in order
    chunks = _chunks(language)
    assert performance[2].text == chunks[chunks.index(evaluations) + 1]
    assert performance[6].text == chunks[chunks.index(difficulties) + 2]
    security = letter.section("security").blocks
    assert [b.kind for b in security] == ["paragraph", "paragraph", "subheading", "paragraph"]
    assert security[2].text == BETWEEN[language]
    # the mapping says so, row by row
    rows = {r.heading: r for r in result.mapping}
    for heading, section in ((evaluations, "performance"), (difficulties, "performance"),
                             (BETWEEN[language], "security")):
        assert (rows[heading].section_id, rows[heading].subheading) == (section, True)
    assert not any(r.subheading for r in result.mapping if r.heading not in
                   (evaluations, difficulties, BETWEEN[language]))
    table = format_mapping_table(result.mapping)
    assert "subheading of performance" in table
    assert table.splitlines()[-1].endswith('0 in "unassigned".')
    assert any("subheading" in n for n in result.notices)


def test_the_writer_can_still_move_a_subheading(tmp_path: Path, template: Template) -> None:
    result = _read(tmp_path, template, "fr", "txt")
    row = next(i for i, r in enumerate(result.mapping) if r.heading == "Difficultés")
    moved = remap(result, row, "rotation")
    assert (moved.mapping[row].section_id, moved.mapping[row].subheading) == ("rotation", False)
    chunks = _chunks("fr")
    under = chunks[chunks.index("Difficultés") + 1 : chunks.index("Difficultés") + 3]
    rotation = [b.text for b in moved.letter.section("rotation").blocks]
    assert rotation[:2] == under
    performance = [b.text for b in moved.letter.section("performance").blocks]
    assert "Difficultés" not in performance and under[0] not in performance
    to_unassigned = remap(result, row, None)
    assert [b.text for b in to_unassigned.letter.unassigned][0] == "Difficultés"
    assert to_unassigned.mapping[row].subheading is False
    # moving the section heading above takes its subheadings along
    perf = next(i for i, r in enumerate(result.mapping) if r.section_id == "performance"
                and not r.subheading)
    along = remap(result, perf, "rotation")
    assert along.mapping[row].section_id == "rotation" and along.mapping[row].subheading
    assert along.letter.section("performance").is_empty()


def test_a_heading_after_the_last_section_still_goes_to_unassigned(
    tmp_path: Path, template: Template
) -> None:
    text = (LETTERS / "previous-en.txt").read_text(encoding="utf-8")
    closing = "I should be grateful"
    text = text.replace(closing, "Other matters\n\nThe new camp in Kidal was connected to the "
                        "power grid in September.\n\n" + closing)
    path = tmp_path / "trailing.txt"
    path.write_text(text, encoding="utf-8")
    result = import_letter(path, template, "en")
    assert [b.text for b in result.letter.unassigned][0] == "Other matters"
    row = next(r for r in result.mapping if r.heading == "Other matters")
    assert (row.section_id, row.subheading) == (None, False)
    assert any("unassigned" in n for n in result.notices)


def test_a_heading_before_the_first_section_still_goes_to_unassigned(
    tmp_path: Path, template: Template
) -> None:
    text = (LETTERS / "previous-en.txt").read_text(encoding="utf-8")
    first = "Security challenges and progress"
    text = text.replace(first, "Summary\n\nA short note ahead of the sections.\n\n" + first, 1)
    path = tmp_path / "leading.txt"
    path.write_text(text, encoding="utf-8")
    result = import_letter(path, template, "en")
    assert [b.text for b in result.letter.unassigned] == [
        "Summary", "A short note ahead of the sections."]


# -- headings in the writer's own words -------------------------------------------

FREE_SECTIONS = ["security", "performance", "rotation", "coordination", "framework", "exit"]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_free_headings_are_placed_by_what_their_text_is_about(
    template: Template, language: str
) -> None:
    result = import_letter(LETTERS / f"free-headings-{language}.txt", template, language)
    assert result.letter.unassigned == []
    rows = [r for r in result.mapping if r.heading]
    assert [r.section_id for r in rows] == FREE_SECTIONS
    assert not any(r.subheading for r in rows)
    assert sum(r.by_text for r in rows) >= 4  # a few headings share words with the template
    assert any("placed by what" in n for n in result.notices)
    table = format_mapping_table(result.mapping)
    assert " text " in table
    # each heading's paragraphs follow it into its section
    for section in FREE_SECTIONS:
        assert result.letter.section(section).blocks, section
    # and the writer can still move them: the choice is then the writer's
    row = next(i for i, r in enumerate(result.mapping) if r.by_text)
    moved = remap(result, row, None)
    assert moved.mapping[row].section_id is None and not moved.mapping[row].by_text


def test_a_heading_matching_no_section_between_two_adjacent_ones_stays_a_subheading(
    tmp_path: Path, template: Template
) -> None:
    # "Difficulties" sits between performance and rotation: no section fits
    # between them, so its text (about caveats) does not move it anywhere
    result = _read(tmp_path, template, "en", "txt")
    row = next(r for r in result.mapping if r.heading == "Difficulties")
    assert (row.section_id, row.subheading, row.by_text) == ("performance", True, False)


@pytest.mark.parametrize("about,expected", [
    ("Twenty units were evaluated against the paragraph 49 methodology and two were found "
     "to perform below standard, with undeclared caveats on patrols.", "performance"),
    ("Contingent rotations resumed in August with quarantine on arrival, and the rotation "
     "of police units followed in September on chartered flights.", "rotation"),
])
def test_a_heading_naming_two_sections_goes_where_its_text_is(
    tmp_path: Path, template: Template, about: str, expected: str
) -> None:
    text = (LETTERS / "previous-en.txt").read_text(encoding="utf-8")
    start = text.index("Performance of uniformed personnel")
    end = text.index("Coordination of security presences")
    text = (text[:start] + "Performance and rotation of uniformed personnel\n\n" + about
            + "\n\n" + text[end:])
    path = tmp_path / "combined.txt"
    path.write_text(text, encoding="utf-8")
    result = import_letter(path, template, "en")
    row = next(r for r in result.mapping if r.heading.startswith("Performance and rotation"))
    assert row.section_id == expected
    assert about in result.letter.section(expected).text
