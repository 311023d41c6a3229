"""Templates: schema, semantic checks, discovery, XML round trip, new letters."""

from __future__ import annotations

import os
import re
import threading
from datetime import date
from pathlib import Path

import pytest

from drafting import paths
from drafting.errors import TemplateError, TemplateNotFoundError
from drafting.templates.catalog import (
    MAX_TEMPLATE_BYTES,
    create_letter,
    discover_templates,
    get_template,
    load_template,
    parse_template,
    save_template,
    template_to_xml,
    validate_template_file,
)
from drafting.templates.model import Template

SHIPPED = paths.shipped_templates_dir()
DEFAULT = SHIPPED / "minusma-six-monthly.xml"
SECTION_IDS = ["opening", "security", "performance", "rotation", "coordination", "framework",
               "exit"]
REQUIREMENTS = {
    "security": ["ops.progress", "ops.security", "ops.adaptation_plan"],
    "performance": ["perf.performance", "perf.caveats", "perf.underperformance"],
    "rotation": ["perf.rotation"],
    "coordination": ["ops.coordination_body"],
    "framework": ["isf.update", "isf.transition_plan", "isf.resource_mobilization"],
    "exit": [
        "exit.plan",
        "exit.criteria.security_political",
        "exit.criteria.mdsf_redeployment",
        "exit.criteria.g5_sahel",
        "exit.criteria.agreement",
    ],
}
PROBLEM_RE = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<col>\d+): (?P<message>.+)$")

MINIMAL = """<?xml version="1.0" encoding="UTF-8"?>
<template xmlns="urn:missive:template:1" id="{id}" version="{version}" kind="letter">
  <name xml:lang="en">Minimal</name>
  <languages>en</languages>
  <sections>
    <section id="body" budget="100">
      <heading xml:lang="en">Body</heading>
      <requirement id="req.one" ref="1">
        <label xml:lang="en">One</label>
        <cues xml:lang="en"><cue>first topic</cue></cues>
      </requirement>
    </section>
  </sections>
</template>
"""


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _line_of(text: str, needle: str, occurrence: int = 1) -> int:
    pos = -1
    for _ in range(occurrence):
        pos = text.index(needle, pos + 1)
    return text.count("\n", 0, pos) + 1


def _parse_problem(problem: str) -> tuple[str, int, int, str]:
    m = PROBLEM_RE.match(problem)
    assert m, problem
    return m["file"], int(m["line"]), int(m["col"]), m["message"]


# -- shipped templates ----------------------------------------------------


def test_every_shipped_template_validates() -> None:
    files = sorted(SHIPPED.glob("*.xml"))
    assert DEFAULT in files
    for file in files:
        assert validate_template_file(file) == [], file
        t = load_template(file)
        assert t.origin == "shipped" and t.path == str(file)


def test_default_template_sections_and_requirements() -> None:
    t = load_template(DEFAULT)
    assert (t.id, t.version, t.kind, t.languages) == ("minusma-six-monthly", 2, "letter",
                                                       ["en", "fr", "es", "ru", "ar", "zh"])
    assert t.section_ids() == SECTION_IDS
    for section in t.sections:
        assert [r.id for r in section.requirements] == REQUIREMENTS.get(section.id, [])
    assert len(t.requirement_ids()) == 16
    opening = t.section("opening")
    assert opening.restates_mandate and not opening.has_heading
    assert opening.heading("fr") == "" and opening.requirements == []
    assert t.section("security").heading("en") == (
        "Security challenges and progress in the Mission’s operations")
    assert t.mandate_symbol == "S/RES/2531(2020)" and t.mandate_paragraph == "63"
    assert t.house_style.page_width == 12240 and t.house_style.page_height == 15840
    assert t.house_style.margin_bottom_first == 1728 and not t.house_style.numbered_paragraphs
    assert t.word_limit >= sum(s.budget for s in t.sections) > 3000


def test_default_template_is_complete_in_english_and_french() -> None:
    t = load_template(DEFAULT)
    for lang in ("en", "fr"):
        assert t.names[lang] and t.addressees[lang] and t.closings[lang]
        for section in t.sections:
            assert len(section.guidance[lang]) > 100, (section.id, lang)
            if section.has_heading:
                assert section.headings[lang], (section.id, lang)
            for req in section.requirements:
                assert req.labels[lang], (req.id, lang)
                assert req.concepts, req.id
                for concept in req.concepts:
                    assert concept.terms[lang], (req.id, lang)
                    assert all(c.strip() for c in concept.terms[lang])
    # Only the opening carries boilerplate, and it leaves the period to the writer.
    assert [s.id for s in t.sections if s.boilerplate] == ["opening"]
    assert "[" in t.section("opening").boilerplate["en"][0]
    fr_opening = t.section("opening").boilerplate["fr"][0]
    assert "2531\u00a0(2020)" in fr_opening  # no-break space survives loading
    assert "  " not in fr_opening and "\n" not in fr_opening


def _french_texts(t: Template) -> list[str]:
    texts = [t.names["fr"], t.addressees["fr"], t.closings["fr"]]
    for section in t.sections:
        texts += [section.headings.get("fr", ""), section.guidance["fr"]]
        texts += section.boilerplate.get("fr", [])
        texts += [r.labels["fr"] for r in section.requirements]
    return texts


def test_french_texts_follow_french_typography() -> None:
    for text in _french_texts(load_template(DEFAULT)):
        assert "'" not in text, text
        assert not re.search(r" [;:!?»%]|« ", text), text
        assert not re.search(r"\d{4} \(\d{4}\)", text), text


def test_french_guidance_keeps_no_break_spaces() -> None:
    guidance = load_template(DEFAULT).section("performance").guidance["fr"]
    assert "ii)\u00a0:" in guidance
    assert guidance.count("\n\n") == 1  # two paragraphs


# -- located errors ---------------------------------------------------------


def test_typo_in_element_name_is_located(tmp_path: Path) -> None:
    text = DEFAULT.read_text(encoding="utf-8")
    needle = '<heading xml:lang="fr">Relève du personnel en tenue</heading>'
    broken = text.replace(needle, needle.replace("heading", "headng"))
    path = _write(tmp_path, "typo.xml", broken)
    problems = validate_template_file(path)
    assert problems
    file, line, col, message = _parse_problem(problems[0])
    assert file == str(path)
    assert line == _line_of(broken, "<headng")
    row = broken.splitlines()[line - 1]
    assert col == row.index("<headng") + 1
    assert "headng" in message
    with pytest.raises(TemplateError) as info:
        load_template(path)
    assert info.value.problems == problems


def test_malformed_xml_is_located(tmp_path: Path) -> None:
    text = MINIMAL.format(id="m", version=1).replace("</heading>", "</headin>")
    path = _write(tmp_path, "bad.xml", text)
    problems = validate_template_file(path)
    _file, line, _col, _message = _parse_problem(problems[0])
    assert line == _line_of(text, "</headin>")


def test_bad_attribute_value_is_located(tmp_path: Path) -> None:
    text = MINIMAL.format(id="m", version=1).replace('budget="100"', 'budget="many"')
    problems = validate_template_file(_write(tmp_path, "bad.xml", text))
    _file, line, _col, _message = _parse_problem(problems[0])
    assert line == _line_of(text, 'budget="many"')


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs a POSIX FIFO")
def test_external_entity_is_refused_without_reading_it(tmp_path: Path) -> None:
    # A FIFO blocks whoever opens it for reading: if the loader tried to fetch
    # the entity, the load would hang instead of failing fast.
    fifo = tmp_path / "secret"
    os.mkfifo(fifo)
    text = MINIMAL.format(id="m", version=1).replace(
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<!DOCTYPE template [<!ENTITY xxe SYSTEM "file://{fifo}">]>\n',
    ).replace(">Body<", ">&xxe;<")
    path = _write(tmp_path, "xxe.xml", text)
    outcome: dict[str, object] = {}

    def attempt() -> None:
        try:
            load_template(path)
        except TemplateError as exc:
            outcome["problems"] = exc.problems

    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    worker.join(timeout=10)
    if worker.is_alive():  # unblock the reader so the test process can exit
        with open(fifo, "w") as f:
            f.write("x")
        pytest.fail("the loader tried to read the external entity")
    problems = outcome["problems"]
    assert isinstance(problems, list) and len(problems) == 1
    _file, line, _col, message = _parse_problem(problems[0])
    assert line == 2 and "DOCTYPE" in message


def test_internal_entities_are_refused(tmp_path: Path) -> None:
    text = MINIMAL.format(id="m", version=1).replace(
        "<template ", '<!DOCTYPE t [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>\n<template ',
    ).replace(">Body<", ">&b;<")
    with pytest.raises(TemplateError, match="DOCTYPE"):
        load_template(_write(tmp_path, "laughs.xml", text))


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    padding = "<!-- " + "x" * MAX_TEMPLATE_BYTES + " -->\n"
    text = MINIMAL.format(id="m", version=1).replace("<template ", padding + "<template ")
    path = _write(tmp_path, "huge.xml", text)
    problems = validate_template_file(path)
    assert len(problems) == 1 and "larger than 2 MB" in problems[0]
    assert problems[0].startswith(f"{path}:1:1: ")


def test_duplicate_ids_are_located(tmp_path: Path) -> None:
    base = MINIMAL.format(id="m", version=1)
    section = base[base.index("    <section"):base.index("  </sections>")]
    text = base.replace("  </sections>", section + "  </sections>")
    path = _write(tmp_path, "dup.xml", text)
    problems = [_parse_problem(p) for p in validate_template_file(path)]
    by_message = {message: (line, col) for _f, line, col, message in problems}
    assert by_message["duplicate section id 'body'"] == (
        _line_of(text, "<section ", 2), 5)
    assert by_message["duplicate requirement id 'req.one'"] == (
        _line_of(text, "<requirement", 2), 7)


def test_missing_language_content_is_located(tmp_path: Path) -> None:
    text = MINIMAL.format(id="m", version=1).replace(
        "<languages>en</languages>", "<languages>en fr</languages>"
    ).replace('<cues xml:lang="en">', '<cues xml:lang="fr"></cues>\n        <cues xml:lang="en">')
    problems = [_parse_problem(p) for p in validate_template_file(_write(tmp_path, "l.xml", text))]
    messages = {message: line for _f, line, _c, message in problems}
    assert messages["section 'body' has no heading in 'fr', a language the template declares"] \
        == _line_of(text, "<section ")
    assert messages["requirement 'req.one' has no cues in 'fr', a language the template declares"] \
        == _line_of(text, '<cues xml:lang="fr">')
    assert messages["requirement 'req.one' has no label in 'fr'"] == _line_of(text, "<requirement")


def test_unusable_house_style_values_are_located(tmp_path: Path) -> None:
    text = MINIMAL.format(id="m", version=1).replace(
        "</template>",
        '  <house-style>\n    <page width="12240"/>\n'
        '    <margins left="6000" right="6000"/>\n'
        '    <body size="10" line="8"/>\n  </house-style>\n</template>',
    )
    problems = [_parse_problem(p) for p in validate_template_file(_write(tmp_path, "h.xml", text))]
    lines = {line for _f, line, _c, _m in problems}
    assert _line_of(text, "<margins") in lines  # no room left for text
    assert _line_of(text, "<body") in lines  # line height below type size
    assert len(problems) == 2


def test_unknown_house_style_attribute_is_a_schema_error(tmp_path: Path) -> None:
    text = MINIMAL.format(id="m", version=1).replace(
        "</template>", '  <house-style><page width="12240" colour="blue"/></house-style>\n</template>'
    )
    problems = validate_template_file(_write(tmp_path, "h.xml", text))
    assert problems and _parse_problem(problems[0])[1] == _line_of(text, "colour")


# -- discovery and precedence ------------------------------------------------


def test_discovery_lists_shipped_templates(tmp_path: Path) -> None:
    ids = [t.id for t in discover_templates(tmp_path)]
    assert "minusma-six-monthly" in ids
    assert get_template("minusma-six-monthly", tmp_path).origin == "shipped"


def test_user_template_with_higher_version_wins(tmp_path: Path) -> None:
    text = DEFAULT.read_text(encoding="utf-8").replace('version="2"', 'version="3"', 1)
    _write(tmp_path, "mine.xml", text)
    t = get_template("minusma-six-monthly", tmp_path)
    assert (t.version, t.origin, t.path) == (3, "user", str(tmp_path / "mine.xml"))


def test_user_template_wins_a_tie_and_higher_versions_win_among_user_files(
    tmp_path: Path,
) -> None:
    _write(tmp_path, "tie.xml", MINIMAL.format(id="minusma-six-monthly", version=2))
    t = get_template("minusma-six-monthly", tmp_path)
    assert (t.origin, t.section_ids()) == ("user", ["body"])
    other = tmp_path / "other"
    other.mkdir()
    _write(other, "a.xml", MINIMAL.format(id="shared", version=3))
    _write(other, "b.xml", MINIMAL.format(id="shared", version=2))
    assert get_template("shared", other).path == str(other / "a.xml")


def test_user_template_with_lower_version_loses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shipped = tmp_path / "shipped"
    user = tmp_path / "user"
    shipped.mkdir()
    user.mkdir()
    _write(shipped, "t.xml", MINIMAL.format(id="t", version=3))
    _write(user, "t.xml", MINIMAL.format(id="t", version=2))
    monkeypatch.setattr(paths, "shipped_templates_dir", lambda: shipped)
    t = get_template("t", user)
    assert (t.version, t.origin) == (3, "shipped")


def test_invalid_user_template_is_skipped_and_reported(tmp_path: Path) -> None:
    _write(tmp_path, "broken.xml", "<template")
    problems: list[str] = []
    ids = [t.id for t in discover_templates(tmp_path, problems=problems)]
    assert "minusma-six-monthly" in ids
    assert len(problems) == 1 and problems[0].startswith(str(tmp_path / "broken.xml") + ":")


def test_default_user_dir_comes_from_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MISSIVE_DATA_DIR", str(tmp_path))
    _write(paths.user_templates_dir(), "x.xml", MINIMAL.format(id="from-user-dir", version=1))
    assert get_template("from-user-dir").origin == "user"


def test_get_template_accepts_a_path(tmp_path: Path) -> None:
    path = _write(tmp_path, "draft-template.xml", MINIMAL.format(id="by-path", version=1))
    t = get_template(str(path), tmp_path / "empty")
    assert (t.id, t.origin, t.path) == ("by-path", "user", str(path))


def test_unknown_template_names_the_available_ones(tmp_path: Path) -> None:
    with pytest.raises(TemplateNotFoundError, match="minusma-six-monthly"):
        get_template("no-such-template", tmp_path)


# -- XML round trip ------------------------------------------------------------


def test_template_to_xml_round_trips(tmp_path: Path) -> None:
    original = load_template(DEFAULT)
    again = parse_template(template_to_xml(original), "round-trip.xml",
                           origin=original.origin, path=original.path)
    assert again == original
    saved = tmp_path / "saved.xml"
    save_template(original, saved)
    assert validate_template_file(saved) == []
    reloaded = load_template(saved)
    reloaded.origin, reloaded.path = original.origin, original.path
    assert reloaded == original
    assert list(tmp_path.iterdir()) == [saved]  # no temp file left behind


def test_round_trip_of_a_report_template() -> None:
    t = parse_template(MINIMAL.format(id="r", version=4).encode())
    t.kind = "report"
    t.house_style.numbered_paragraphs = True
    t.house_style.body_line = 12.5
    t.sections[0].boilerplate = {"en": ["First [x].", "Second."]}
    t.sections[0].guidance = {"en": "One.\n\nTwo."}
    again = parse_template(template_to_xml(t))
    t.format = 2  # a format-1 file is written back in format 2
    assert again == t


# -- new letters ---------------------------------------------------------------


def test_create_letter_in_french() -> None:
    t = load_template(DEFAULT)
    letter = create_letter(t, "fr", symbol="S/2020/481", date=date(2020, 6, 1),
                           job_number="20-07899")
    assert (letter.template_id, letter.template_version) == ("minusma-six-monthly", 2)
    assert letter.section_ids() == SECTION_IDS
    m = letter.metadata
    assert (m.language, m.original_language, m.symbol, m.job_number) == (
        "fr", "fr", "S/2020/481", "20-07899")
    assert m.date == m.letter_date == date(2020, 6, 1)
    assert m.addressee == "Président du Conseil de sécurité"
    assert m.closing == t.closings["fr"] and m.closing.startswith("Je vous")
    assert m.signatory == "António Guterres"
    assert m.mandate_reference == "S/RES/2531(2020), para. 63"
    assert (m.mission, m.organ) == ("MINUSMA", "security-council")
    opening = letter.section("opening")
    assert opening.heading == ""
    assert [b.boilerplate for b in opening.blocks] == [True]
    assert opening.blocks[0].text == t.section("opening").boilerplate["fr"][0]
    assert any(s.kind == "placeholder" for s in opening.blocks[0].spans)
    for section in letter.sections[1:]:
        assert section.blocks == []
        assert section.heading == t.section(section.id).headings["fr"]


def test_create_letter_in_english_with_own_letter_date() -> None:
    t = load_template(DEFAULT)
    letter = create_letter(t, "en", date=date(2020, 6, 2), letter_date=date(2020, 6, 1))
    m = letter.metadata
    assert (m.date, m.letter_date) == (date(2020, 6, 2), date(2020, 6, 1))
    assert m.addressee == "President of the Security Council"
    assert m.closing.startswith("I should be grateful")
    assert letter.section("opening").blocks[0].text.startswith("I have the honour")
    assert letter.section("security").heading == (
        "Security challenges and progress in the Mission’s operations")


def test_create_letter_refuses_an_unsupported_language() -> None:
    # the default template has all six UN languages; German is not one of them
    with pytest.raises(TemplateError, match="de"):
        create_letter(load_template(DEFAULT), "de")
