"""Mandate coverage: detection from cues, confirmation, evidence, outside-mandate."""

from __future__ import annotations

import pytest

from drafting.checks import run_checks
from drafting.checks.concepts import ConceptSet, find_term
from drafting.checks.stemmers import fold, stem
from drafting.letter import Block
from tests.drafting.test_checks_helpers import (
    PARAGRAPHS,
    block_for,
    make_letter,
    make_template,
)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_requirement_covered(lang: str) -> None:
    result = run_checks(make_letter(lang), make_template())
    assert len(result.requirements) == 16
    assert [r.status for r in result.requirements] == ["covered"] * 16
    assert all(r.source == "detected" for r in result.requirements)
    # detection only suggests: each suggestion waits for the writer
    assert {f.code for f in result.by_code("coverage")} == {"coverage.unconfirmed"}
    assert len(result.by_code("coverage.unconfirmed")) == 16
    assert result.by_code("content.outside_mandate") == []
    confirmed = run_checks(make_letter(lang, confirmed=True), make_template())
    assert confirmed.by_code("coverage") == []
    assert confirmed.coverage_counts() == {"confirmed": 16, "suggested": 0, "carried": 0,
                                           "missing": 0}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_removing_resource_mobilization_leaves_exactly_it_missing(lang: str) -> None:
    letter = make_letter(lang, skip=("isf.resource_mobilization",))
    result = run_checks(letter, make_template())
    assert result.missing() == ["isf.resource_mobilization"]
    status = result.requirement("isf.resource_mobilization")
    assert status.source is None and status.evidence == []
    missing = result.by_code("coverage.missing")
    assert len(missing) == 1
    assert missing[0].severity == "error" and missing[0].blocking
    assert missing[0].section == "framework"
    assert missing[0] in result.blocking()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_evidence_records_section_paragraph_and_excerpt(lang: str) -> None:
    result = run_checks(make_letter(lang), make_template())
    status = result.requirement("isf.resource_mobilization")
    [evidence] = status.evidence
    assert evidence.section == "framework"
    assert evidence.paragraph == 2
    expected = {"en": "resource mobilization", "fr": "mobiliser les ressources"}[lang]
    assert expected in evidence.excerpt


def test_opening_never_counts_as_evidence() -> None:
    # the opening names every topic, but restating the request is not meeting it
    letter = make_letter("en")
    for section in letter.sections:
        if section.id != "opening":
            section.blocks.clear()
    result = run_checks(letter, make_template())
    assert len(result.missing()) == 16


def test_boilerplate_never_counts_as_evidence() -> None:
    letter = make_letter("en", skip=("exit.plan",))
    letter.section("exit").blocks.insert(
        0, Block.from_text("The exit strategy will be presented in June 2021.", boilerplate=True)
    )
    result = run_checks(letter, make_template())
    assert result.missing() == ["exit.plan"]
    # once the writer edits it, it is no longer boilerplate and counts
    letter.section("exit").blocks[0].boilerplate = False
    assert run_checks(letter, make_template()).missing() == []


def test_subheadings_do_not_count() -> None:
    letter = make_letter("en", skip=("perf.rotation",))
    letter.section("rotation").blocks.append(Block.from_text("Rotations", kind="subheading"))
    assert run_checks(letter, make_template()).missing() == ["perf.rotation"]


def test_confirmation_overrides_detection() -> None:
    letter = make_letter("fr", skip=("isf.resource_mobilization",))
    target = block_for(letter, "Le plan de transition")
    letter.confirm("isf.resource_mobilization", target.id)
    result = run_checks(letter, make_template())
    status = result.requirement("isf.resource_mobilization")
    assert status.status == "covered" and status.source == "confirmed"
    assert [(e.section, e.paragraph, e.block_id) for e in status.evidence] == [
        ("framework", 1, target.id)
    ]
    assert result.missing() == []


def test_confirmation_of_a_deleted_block_does_not_count() -> None:
    letter = make_letter("en", skip=("exit.plan",))
    letter.confirm("exit.plan", "no-such-block")
    assert run_checks(letter, make_template()).missing() == ["exit.plan"]


def test_detection_is_accent_case_and_inflection_tolerant() -> None:
    text = "Il faudra MOBILISER LES RESSOURCES nécessaires."
    assert find_term(text, "fr", "mobilisation des ressources") is not None
    text = "Partners agreed to mobilize additional resources quickly."
    assert find_term(text, "en", "resource mobilization") is None  # order matters
    assert find_term(text, "en", "mobilize resources") is not None  # one word between is fine
    assert find_term("la SÉCURITÉ", "fr", "sécurité") is not None
    assert fold("Œuvre") == "oeuvre"
    assert stem("relevées", "fr") == stem("relevés", "fr")
    # the noun "relève" (rotation) stays apart from "relever" (lacunes relevées)
    assert stem("relève", "fr") == stem("Relèves", "fr") != stem("relevées", "fr")
    # and an operational force is no operation, the United Nations no unit
    assert stem("operational", "en") != stem("operations", "en")
    assert stem("United", "en") != stem("units", "en")
    assert stem("redéployées", "fr") == stem("redéploiement", "fr")


def test_cue_words_too_far_apart_do_not_match() -> None:
    text = "The exit of the convoy was delayed by rain, wind, sand, heat and a very late strategy."
    assert find_term(text, "en", "exit strategy") is None


def test_paragraph_outside_the_mandate_is_reported_as_info() -> None:
    letter = make_letter("en")
    letter.section("framework").blocks.append(
        Block.from_text(
            "The Mission also held a cultural festival in Timbuktu with local musicians and "
            "craftspeople, which drew a large crowd."
        )
    )
    result = run_checks(letter, make_template())
    outside = result.by_code("content.outside_mandate")
    assert [(f.section, f.paragraph, f.severity, f.blocking) for f in outside] == [
        ("framework", 3, "info", False)
    ]
    assert "festival" in outside[0].excerpt


def test_short_paragraphs_are_not_questioned() -> None:
    letter = make_letter("en")
    letter.section("exit").blocks.append(Block.from_text("Much remains to be done."))
    assert run_checks(letter, make_template()).by_code("content.outside_mandate") == []


def test_confirmed_paragraph_is_not_outside_the_mandate() -> None:
    letter = make_letter("en")
    block = Block.from_text(
        "Long-range patrols spent the night in remote villages to meet people far from the bases."
    )
    letter.section("security").blocks.append(block)
    assert len(run_checks(letter, make_template()).by_code("content.outside_mandate")) == 1
    letter.confirm("ops.progress", block.id)
    assert run_checks(letter, make_template()).by_code("content.outside_mandate") == []


def test_every_sample_paragraph_matches_its_own_requirement() -> None:
    template = make_template()
    for lang in ("en", "fr"):
        for _sid, rid, text in PARAGRAPHS[lang]:
            assert rid in ConceptSet(template, lang).match(text), (lang, rid)
