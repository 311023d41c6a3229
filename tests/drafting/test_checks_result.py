"""The check result: DESIGN §5 JSON shape, the blocking rule, incremental checks."""

from __future__ import annotations

import json

import pytest

import drafting.checks.checker as checker_module
from drafting.checks import Checker, run_checks
from drafting.findings import Finding
from drafting.letter import Block
from tests.drafting.test_checks_helpers import block_for, make_letter, make_template


def test_json_has_the_design_shape() -> None:
    letter = make_letter("fr", confirmed=True, skip=("exit.plan",))
    letter.section("security").blocks.append(Block.from_text("Il reste [618] cas."))
    data = run_checks(letter, make_template()).to_json("test-template", "fr")
    json.dumps(data)  # serializable as is
    assert set(data) == {"template", "language", "requirements", "findings", "words",
                         "suggestions", "comments"}
    assert data["suggestions"] == [] and data["comments"] == []
    assert (data["template"], data["language"]) == ("test-template", "fr")
    assert len(data["requirements"]) == 16
    for r in data["requirements"]:
        assert set(r) == {"id", "ref", "status", "source", "evidence"}
        assert r["status"] in ("covered", "missing")
        assert r["source"] in ("confirmed", "detected", None)
        for e in r["evidence"]:
            assert set(e) == {"section", "paragraph", "excerpt"}
            assert isinstance(e["paragraph"], int) and e["excerpt"]
    missing = [r for r in data["requirements"] if r["status"] == "missing"]
    assert [(r["id"], r["source"], r["evidence"]) for r in missing] == [("exit.plan", None, [])]
    for f in data["findings"]:
        assert set(f) == {"code", "severity", "section", "paragraph", "message"}
        assert f["severity"] in ("error", "warning", "info")
    placeholder = next(f for f in data["findings"] if f["code"] == "placeholder.unresolved")
    assert (placeholder["section"], placeholder["paragraph"]) == ("security", 3)
    assert set(data["words"]) == {"total", "by_section"}
    assert data["words"]["total"] == sum(data["words"]["by_section"].values())
    assert list(data["words"]["by_section"]) == [s.id for s in letter.sections]


def test_clean_letter_has_nothing_blocking_even_for_a_final() -> None:
    for lang in ("en", "fr"):
        result = run_checks(make_letter(lang, confirmed=True), make_template(), final=True)
        assert result.blocking() == []
        assert all(f.severity != "error" for f in result.findings)


def test_final_makes_every_error_blocking() -> None:
    letter = make_letter("en", confirmed=True)
    letter.metadata.job_number = "2007899"
    draft = run_checks(letter, make_template())
    assert draft.blocking() == [] and draft.by_code("metadata.job_malformed")
    final = run_checks(letter, make_template(), final=True)
    assert [f.code for f in final.blocking()] == ["metadata.job_malformed"]


def test_input_findings_block_a_final_only() -> None:
    extra = [Finding("input.characters_removed", "warning", "3 control characters removed")]
    draft = run_checks(make_letter("en", confirmed=True), make_template(), extra_findings=extra)
    assert draft.by_code("input") and draft.blocking() == []
    final = run_checks(make_letter("en", confirmed=True), make_template(), final=True, extra_findings=extra)
    assert [f.code for f in final.blocking()] == ["input.characters_removed"]


def test_warnings_never_block() -> None:
    letter = make_letter("en", confirmed=True)
    letter.section("security").blocks.append(
        Block.from_text("Of 550 vehicles, of which 479 (80 per cent) were used, the  rest idled.")
    )
    result = run_checks(letter, make_template(), final=True)
    assert result.by_code("figure") and result.by_code("typography")
    assert result.blocking() == []


def test_letter_wide_findings_come_first_then_document_order() -> None:
    letter = make_letter("en", confirmed=True, skip=("exit.plan",))
    letter.metadata.signatory = ""
    letter.section("exit").blocks.append(Block.from_text("[later]"))
    letter.section("security").blocks.append(Block.from_text("[sooner]"))
    codes = [(f.code, f.section) for f in run_checks(letter, make_template()).findings
             if f.check in ("metadata", "placeholder", "coverage")]
    assert codes == [
        ("metadata.signatory_missing", None),
        ("placeholder.unresolved", "security"),
        ("coverage.missing", "exit"),
        ("placeholder.unresolved", "exit"),
    ]


# -- incremental checking --------------------------------------------------------


def comparable(result: object) -> object:
    data = result.to_json("t", "en")  # type: ignore[attr-defined]
    return data


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    real = checker_module.check_block

    def spy(block: Block, lang: str, requirements: list) -> object:  # type: ignore[type-arg]
        calls.append(block.id)
        return real(block, lang, requirements)

    monkeypatch.setattr(checker_module, "check_block", spy)
    return calls


def test_recheck_of_one_section_only_checks_its_changed_block(counted: list[str]) -> None:
    letter = make_letter("en")
    checker = Checker(make_template())
    first = checker.check(letter)
    assert len(counted) == len(list(letter.iter_blocks()))
    counted.clear()
    block = block_for(letter, "A resource mobilization")
    block.set_text("The Mission held a long series of meetings with local leaders across the region.")
    again = checker.check(letter, changed_sections=["framework"])
    assert counted == [block.id]
    assert again.missing() == ["isf.resource_mobilization"]
    assert first.missing() == []
    assert comparable(again) == comparable(run_checks(letter, make_template()))


def test_unchanged_letter_rechecks_nothing(counted: list[str]) -> None:
    letter = make_letter("fr", confirmed=True)
    checker = Checker(make_template())
    first = checker.check(letter)
    counted.clear()
    assert comparable(checker.check(letter)) == comparable(first)
    assert comparable(checker.check(letter, changed_sections=[])) == comparable(first)
    assert counted == []


def test_structure_change_in_an_unlisted_section_is_still_seen() -> None:
    letter = make_letter("en", confirmed=True)
    checker = Checker(make_template())
    checker.check(letter)
    letter.section("exit").blocks.append(Block.from_text("Figures: [12]."))
    result = checker.check(letter, changed_sections=["security"])
    assert [f.section for f in result.by_code("placeholder")] == ["exit"]


def test_language_change_starts_afresh() -> None:
    letter = make_letter("fr", confirmed=True)
    checker = Checker(make_template())
    checker.check(letter)
    letter.metadata.language = "en"
    result = checker.check(letter, changed_sections=[])
    assert comparable(result) == comparable(run_checks(letter, make_template()))
