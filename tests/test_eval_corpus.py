"""The annotated evaluation corpus (`bench/eval`) is consistent with itself and
with what the importers read.

Nothing here measures how well Missive guesses: that is `make eval`'s job
(CONVENTIONS rule 14), and asserting it here would turn the suite red while
the coverage engine, the figures check and the importer are being rewritten.
These tests only keep the truth honest: every quote found exactly once, only
known ids, letters of the promised sizes and kinds, and each letter importing
into exactly the paragraphs its truth describes.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from bench.eval.measure import predicted_met, write_docx
from bench.eval.truth import (
    ADDED_BY_2531,
    FIGURE_CODES,
    NEAR_MISS_KINDS,
    Letter,
    TruthError,
    load_corpus,
    load_letter,
    norm,
)
from drafting.importers import import_letter
from drafting.templates.catalog import get_template
from drafting.templates.model import Template


@pytest.fixture(scope="module")
def corpus() -> list[Letter]:
    return load_corpus()


@pytest.fixture(scope="module")
def template() -> Template:
    return get_template("minusma-six-monthly")


def test_the_corpus_holds_full_letters_in_both_languages(corpus: list[Letter]) -> None:
    assert len(corpus) >= 8
    languages = Counter(letter.language for letter in corpus)
    assert languages["en"] >= 4 and languages["fr"] >= 4
    for letter in corpus:
        assert 1200 <= letter.words() <= 3000, (letter.name, letter.words())
        sections = {p.section for p in letter.body}
        assert {"opening", "security", "performance", "coordination", "framework",
                "exit"} <= sections, letter.name


def test_the_corpus_holds_the_hard_cases(corpus: list[Letter]) -> None:
    kinds = {m.kind for letter in corpus for m in letter.near_misses}
    assert kinds == set(NEAR_MISS_KINDS)
    planted = Counter(f.code for letter in corpus for f in letter.figures if f.error)
    assert set(planted) == set(FIGURE_CODES)
    assert any(not f.error for letter in corpus for f in letter.figures)
    before = [x for x in corpus if x.mandate.startswith("2480")]
    assert {x.language for x in before} == {"en", "fr"}
    for letter in before:
        assert not any(letter.requirements[r].met for r in ADDED_BY_2531), letter.name
    assert any(p.subheading for letter in corpus for p in letter.paragraphs)
    assert any(p.section == "unassigned" for letter in corpus for p in letter.body)
    assert sum(not r.met for x in corpus for r in x.requirements.values()) >= 10


@pytest.mark.parametrize("rendition", ["txt", "docx"])
def test_each_letter_imports_into_its_annotated_paragraphs(
    corpus: list[Letter], template: Template, rendition: str, tmp_path: Path
) -> None:
    # Where the paragraphs land is measured by `make eval`; here only that the
    # importer cuts each letter into the body paragraphs the truth annotates,
    # with title, closing and signature taken out into the metadata.
    assert_imports_whole(corpus, template, rendition, tmp_path)


def assert_imports_whole(letters: list[Letter], template: Template, rendition: str,
                         tmp_path: Path) -> None:
    """Each letter (as text, or as a generated DOCX) imports into exactly the
    body paragraphs its truth annotates, its signatory read into the details."""
    for letter in letters:
        source = letter.path if rendition == "txt" else write_docx(
            letter, tmp_path / f"{letter.name}.docx")
        imported = import_letter(source, template, letter.language).letter
        blocks = [b for s in imported.sections for b in s.blocks] + list(imported.unassigned)
        # sections come in template order and "unassigned" last: compare as multisets
        body = Counter(norm(b.text) for b in blocks if b.kind != "subheading")
        expected = Counter(p.key for p in letter.body)
        assert body == expected, (letter.name, body - expected, expected - body)
        assert imported.metadata.signatory, letter.name


def test_a_bad_quote_or_an_unknown_id_is_refused(corpus: list[Letter], tmp_path: Path) -> None:
    letter = corpus[0]
    (tmp_path / "x.txt").write_text(letter.path.read_text(encoding="utf-8"), encoding="utf-8")
    good = letter.path.with_name(letter.name + ".truth.json").read_text(encoding="utf-8")
    truth = tmp_path / "x.truth.json"
    truth.write_text(good, encoding="utf-8")
    load_letter(truth)  # the copy itself is valid
    for bad in (good.replace('"ops.security"', '"ops.securty"', 1),
                good.replace('"evidence": [\n      "', '"evidence": [\n      "not in the letter ', 1)):
        assert bad != good
        truth.write_text(bad, encoding="utf-8")
        with pytest.raises(TruthError):
            load_letter(truth)


def test_what_counts_as_a_predicted_tick() -> None:
    assert predicted_met({"status": "covered", "source": "detected"})
    assert predicted_met({"status": "covered", "source": "confirmed"})
    assert predicted_met({"status": "suggested", "source": "detected"})
    assert predicted_met({"status": "covered", "source": "suggested"})
    assert not predicted_met({"status": "missing", "source": None})
    assert not predicted_met({"status": "carried", "source": "carried"})
