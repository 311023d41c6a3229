"""The shipped template's concepts on the near misses `make eval` found
(bench/eval/README.md), said again here in our own words: each test pairs a
paragraph that meets a requirement with one that only looks like it."""

from __future__ import annotations

import pytest

from drafting.checks.concept_lint import concept_warnings
from drafting.checks.concepts import ConceptSet
from drafting.templates.catalog import get_template


@pytest.fixture(scope="module")
def concepts() -> dict[str, ConceptSet]:
    template = get_template("minusma-six-monthly")
    return {lang: ConceptSet(template, lang) for lang in ("en", "fr")}


def _meets(concepts: dict[str, ConceptSet], lang: str, text: str, rid: str) -> bool:
    hit = concepts[lang].match(text).get(rid)
    return hit is not None and not hit.stub


def test_the_shipped_templates_have_no_term_warnings() -> None:
    for tid in ("minusma-six-monthly", "minusma-quarterly-report"):
        template = get_template(tid)
        assert [w for _s, r in template.requirements()
                for w in concept_warnings(r, template.languages)] == []


@pytest.mark.parametrize(("lang", "member", "operational"), [
    ("en", "The Mali Coordination Body, which gathers the national forces, Operation Barkhane "
           "and the G5 Sahel Joint Force, met twice in May to share out convoy escorts.",
     "The G5 Sahel Joint Force conducted four operations near Ménaka in May and moved its "
     "headquarters to Bamako."),
    ("fr", "L’Instance de coordination au Mali, qui rassemble les forces nationales, l’opération "
           "Barkhane et la Force conjointe du G5 Sahel, s’est réunie deux fois en mai.",
     "La Force conjointe du G5 Sahel a mené quatre opérations près de Ménaka en mai et installé "
     "son quartier général à Bamako."),
])  # fmt: skip
def test_naming_the_joint_force_among_members_is_not_its_operationalization(
        concepts: dict[str, ConceptSet], lang: str, member: str, operational: str) -> None:
    assert not _meets(concepts, lang, member, "exit.criteria.g5_sahel")
    assert _meets(concepts, lang, operational, "exit.criteria.g5_sahel")


def test_a_rating_is_not_what_was_done_about_underperformance(
        concepts: dict[str, ConceptSet]) -> None:
    rating = "Of the 18 units evaluated in April, 2 were rated in need of improvement."
    follow_up = ("The 2 units concerned received an improvement plan in May, and one of them "
                 "replaced its company commander.")
    assert not _meets(concepts, "en", rating, "perf.underperformance")
    assert _meets(concepts, "en", follow_up, "perf.underperformance")


@pytest.mark.parametrize(("lang", "other", "ours"), [
    ("en", "In the Central African Republic, MINUSCA handed tasks over to the country team in "
           "March, after a mapping of its partners' capacities.",
     "MINUSMA and the country team agreed in March on a transition timeline for the tasks "
     "that could be handed over in Timbuktu."),
    ("fr", "En République centrafricaine, la MINUSCA a achevé en mars le transfert de tâches à "
           "l’équipe de pays.",
     "La MINUSMA et l’équipe de pays ont arrêté en mars un calendrier de transition pour les "
     "tâches transférables à Tombouctou."),
])  # fmt: skip
def test_another_missions_transition_is_not_ours(
        concepts: dict[str, ConceptSet], lang: str, other: str, ours: str) -> None:
    assert not _meets(concepts, lang, other, "isf.transition_plan")
    assert _meets(concepts, lang, ours, "isf.transition_plan")


def test_rotation_said_with_the_word_alone(concepts: dict[str, ConceptSet]) -> None:
    assert _meets(concepts, "en", "Rotations resumed in July: 12 contingents rotated through "
                                  "Bamako by the end of October.", "perf.rotation")
    assert _meets(concepts, "fr", "Les relèves ont repris en juillet : 12 contingents sont "
                                  "passés par Bamako avant la fin d’octobre.", "perf.rotation")
    # "relever" (to note) is not "la relève" (rotation)
    assert not _meets(concepts, "fr", "Les lacunes relevées dans 3 unités en juillet ont été "
                                      "corrigées.", "perf.rotation")
    assert not _meets(concepts, "en", "The rotation of aircrews was slowed down in July by "
                                      "flight restrictions.", "perf.rotation")


def test_departure_is_an_exit(concepts: dict[str, ConceptSet]) -> None:
    assert _meets(concepts, "en", "A departure of MINUSMA before the conditions reviewed in "
                                  "June 2021 are met would put civilians at risk.", "exit.plan")
    assert _meets(concepts, "fr", "Un départ de la MINUSMA avant que les seuils fixés en juin "
                                  "2021 soient atteints exposerait les civils.", "exit.plan")


def test_united_nations_and_objectives_are_no_caveat(concepts: dict[str, ConceptSet]) -> None:
    text = ("The objectives of the United Nations country team were reviewed in September to "
            "reflect the change of government.")
    assert "perf.caveats" not in concepts["en"].match(text)
    assert _meets(concepts, "en", "In October, an engineer company objected to clearing the "
                                  "road to Boni without air cover.", "perf.caveats")
