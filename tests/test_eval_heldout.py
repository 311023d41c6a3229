"""The held-out corpus (`bench/eval/heldout`) is consistent with itself and
with what the importers read.

These letters were written after the tuning, by someone who had not read the
concepts, to measure the coverage engine honestly (`make eval-heldout`). As
for the main corpus (`tests/test_eval_corpus.py`), nothing here measures how
well Missive guesses: only that the truth is valid (every quote found once,
known ids, a closed set of kinds and codes), that the folder keeps the hard
cases it promises, and that each letter imports, as text and as DOCX, into
exactly the body paragraphs its truth describes.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from bench.eval.truth import (
    FIGURE_CODES,
    NEAR_MISS_KINDS,
    REQUIREMENT_IDS,
    Letter,
    load_corpus,
)
from drafting.templates.catalog import get_template
from drafting.templates.model import Template
from tests.test_eval_corpus import assert_imports_whole

HELDOUT_DIR = Path(__file__).resolve().parents[1] / "bench" / "eval" / "heldout"
MAIN_DIR = Path(__file__).resolve().parents[1] / "bench" / "eval" / "corpus"


@pytest.fixture(scope="module")
def heldout() -> list[Letter]:
    return load_corpus(HELDOUT_DIR)


@pytest.fixture(scope="module")
def template() -> Template:
    return get_template("minusma-six-monthly")


def test_four_letters_two_per_language_of_the_promised_length(heldout: list[Letter]) -> None:
    assert len(heldout) == 4
    assert Counter(x.language for x in heldout) == {"en": 2, "fr": 2}
    for letter in heldout:
        assert 1000 <= letter.words() <= 1800, (letter.name, letter.words())
        assert {p.section for p in letter.body} >= {"opening", "security", "performance",
                                                     "coordination", "framework", "exit"}


def test_the_heldout_letters_are_not_the_tuning_letters(heldout: list[Letter]) -> None:
    tuned = {p.stem for p in MAIN_DIR.glob("*.txt")}
    assert not tuned & {x.name for x in heldout}
    tuned_paragraphs = {p.key for x in load_corpus(MAIN_DIR) for p in x.body}
    for letter in heldout:
        assert not tuned_paragraphs & {p.key for p in letter.body}, letter.name


def test_every_requirement_is_annotated_and_both_answers_occur(heldout: list[Letter]) -> None:
    for letter in heldout:
        assert set(letter.requirements) == set(REQUIREMENT_IDS), letter.name
    met = Counter(r.met for x in heldout for r in x.requirements.values())
    assert met[True] >= 40 and met[False] >= 8


def test_the_heldout_letters_hold_the_hard_cases(heldout: list[Letter]) -> None:
    assert {m.kind for x in heldout for m in x.near_misses} == set(NEAR_MISS_KINDS)
    planted = Counter(f.code for x in heldout for f in x.figures if f.error)
    assert set(planted) == set(FIGURE_CODES)
    for letter in heldout:
        assert any(f.error for f in letter.figures), letter.name
        assert any(not f.error for f in letter.figures), letter.name
    assert any(p.subheading for x in heldout for p in x.paragraphs)
    assert any(p.section == "unassigned" for x in heldout for p in x.body)
    # French number formats: a narrow no-break space in a number, a decimal comma
    french = " ".join(p.text for x in heldout if x.language == "fr" for p in x.body)
    assert "\u202f" in french and "," in french


@pytest.mark.parametrize("rendition", ["txt", "docx"])
def test_each_heldout_letter_imports_into_its_annotated_paragraphs(
    heldout: list[Letter], template: Template, rendition: str, tmp_path: Path
) -> None:
    assert_imports_whole(heldout, template, rendition, tmp_path)
