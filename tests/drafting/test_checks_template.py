"""Coverage against the shipped default template.

The sentences below lean on the requirements' own words. Bare, most of them
only restate a requirement and hold no fact, so they are not evidence
(`coverage.no_facts`); with a fact each — when and where it happened — they
meet their requirement.
"""

from __future__ import annotations

from datetime import date

import pytest

from drafting.checks import run_checks
from drafting.letter import Block, Letter
from drafting.templates.catalog import create_letter, get_template

# (section, requirement the paragraph is written for, text)
TOPICS: dict[str, list[tuple[str, str, str]]] = {
    "en": [
        ("security", "ops.security",
         "The security situation in northern and central Mali remained volatile: terrorist "
         "armed groups laid improvised explosive devices on the main roads and attacked "
         "civilians in the circles of Bandiagara and Bankass."),
        ("security", "ops.progress",
         "The Mission’s operations focused on the protection of civilians in the centre, where "
         "long-range patrols stayed in the high-risk areas."),
        ("security", "ops.adaptation_plan",
         "Under its adaptation plan, the Mission brought in additional helicopters and set up a "
         "mobile task force able to move between sectors within hours."),
        ("performance", "perf.performance",
         "The Mission evaluated 24 military units against the methodology of paragraph 49: one "
         "was rated excellent and 15 were rated satisfactory."),
        ("performance", "perf.underperformance",
         "Where shortcomings were found, the units received remedial training and precise "
         "recommendations, and their commanders report monthly on corrective action."),
        ("performance", "perf.caveats",
         "No undeclared caveats were recorded, although one convoy company objected to "
         "conducting a reconnaissance mission without night air cover."),
        ("rotation", "perf.rotation",
         "Troop rotation was suspended to contain COVID-19; the few essential rotations took "
         "place with quarantine before and after deployment."),
        ("coordination", "ops.coordination_body",
         "The coordination body in Mali met on 12 March and discussed the sharing of security "
         "responsibilities around Ménaka."),
        ("framework", "isf.update",
         "The integrated strategic framework kept the Mission and the United Nations country "
         "team working together during the legislative elections."),
        ("framework", "isf.transition_plan",
         "The transition plan rests on a mapping of capacities and gaps of partners, which will "
         "guide the transfer of tasks to the country team."),
        ("framework", "isf.resource_mobilization",
         "A resource mobilization strategy was drawn up with multilateral and bilateral partners "
         "to sustain the programmes the country team will take over."),
        ("exit", "exit.plan",
         "A possible long-term exit strategy remains tied to national ownership and to what is "
         "achieved on the ground."),
        ("exit", "exit.criteria.security_political",
         "The first condition is a lasting improvement in security and political conditions."),
        ("exit", "exit.criteria.mdsf_redeployment",
         "The second is the effective redeployment of the Malian Defence and Security Forces in "
         "the north and the centre."),
        ("exit", "exit.criteria.g5_sahel",
         "The third is tangible progress in the operationalization of the G5 Sahel Joint Force."),
        ("exit", "exit.criteria.agreement",
         "The fourth is progress in the implementation of the Agreement on Peace and "
         "Reconciliation in Mali."),
    ],
    "fr": [
        ("security", "ops.security",
         "La situation en matière de sécurité est restée instable dans le nord et le centre : "
         "des groupes armés terroristes ont posé des engins explosifs improvisés sur les axes et "
         "attaqué des civils."),
        ("security", "ops.progress",
         "Les opérations de la Mission ont porté sur la protection des civils dans le centre, où "
         "des patrouilles de longue portée sont restées dans les zones à haut risque."),
        ("security", "ops.adaptation_plan",
         "Au titre de son plan d’adaptation, la Mission a déployé des hélicoptères "
         "supplémentaires et constitué une force mobile capable de changer de secteur en "
         "quelques heures."),
        ("performance", "perf.performance",
         "La Mission a évalué 24 unités militaires selon la méthodologie du paragraphe 49 : une "
         "a été qualifiée d’excellente et 15 ont été jugées satisfaisantes."),
        ("performance", "perf.underperformance",
         "Face aux lacunes constatées, les unités concernées ont suivi des formations "
         "supplémentaires et reçu des recommandations précises."),
        ("performance", "perf.caveats",
         "Aucune restriction non déclarée n’a été relevée, même si une compagnie s’est opposée "
         "à la conduite d’une reconnaissance sans couverture aérienne de nuit."),
        ("rotation", "perf.rotation",
         "Les relèves des contingents ont été suspendues pour contenir la COVID-19 ; les relèves "
         "essentielles se sont faites avec une quarantaine."),
        ("coordination", "ops.coordination_body",
         "L’Instance de coordination au Mali s’est réunie le 12 mars pour examiner le partage "
         "des responsabilités en matière de sécurité autour de Ménaka."),
        ("framework", "isf.update",
         "Le cadre stratégique intégré a permis à la Mission et à l’équipe de pays des Nations "
         "Unies d’agir ensemble pendant les élections législatives."),
        ("framework", "isf.transition_plan",
         "Le plan de transition s’appuie sur une cartographie des capacités et des lacunes des "
         "partenaires, qui guidera le transfert des tâches à l’équipe de pays."),
        ("framework", "isf.resource_mobilization",
         "Une stratégie de mobilisation des ressources a été arrêtée avec les partenaires "
         "multilatéraux et bilatéraux pour pérenniser les programmes que l’équipe de pays "
         "reprendra."),
        ("exit", "exit.plan",
         "Une éventuelle stratégie de retrait à long terme reste liée à l’appropriation "
         "nationale et aux avancées sur le terrain."),
        ("exit", "exit.criteria.security_political",
         "La première condition est une amélioration durable des conditions politiques et de "
         "sécurité."),
        ("exit", "exit.criteria.mdsf_redeployment",
         "La deuxième est le redéploiement effectif des Forces de défense et de sécurité "
         "maliennes dans le nord et le centre."),
        ("exit", "exit.criteria.g5_sahel",
         "La troisième tient à des progrès tangibles dans l’opérationnalisation de la Force "
         "conjointe du G5 Sahel."),
        ("exit", "exit.criteria.agreement",
         "La quatrième est une avancée dans la mise en œuvre de l’Accord pour la paix et la "
         "réconciliation au Mali."),
    ],
}


# A fact a writer would give: a date and a place.
FACT = {"en": " This was the position at Gao on 14 March 2021.",
        "fr": " Telle était la situation à Gao au 14 mars 2021."}


def build(lang: str, skip: tuple[str, ...] = (), facts: bool = True) -> Letter:
    template = get_template("minusma-six-monthly")
    letter = create_letter(
        template, lang, symbol="S/2020/481", date=date(2020, 6, 2), job_number="20-07899",
        letter_date=date(2020, 6, 1),
    )
    for sid, rid, text in TOPICS[lang]:
        if rid not in skip:
            letter.section(sid).blocks.append(Block.from_text(text + (FACT[lang] if facts else "")))
    return letter


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_default_template_sixteen_covered(lang: str) -> None:
    template = get_template("minusma-six-monthly")
    result = run_checks(build(lang), template)
    assert len(result.requirements) == 16
    assert {r.id: r.status for r in result.requirements} == {
        rid: "covered" for rid in template.requirement_ids()
    }


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_default_template_without_resource_mobilization(lang: str) -> None:
    template = get_template("minusma-six-monthly")
    result = run_checks(build(lang, skip=("isf.resource_mobilization",)), template)
    assert result.missing() == ["isf.resource_mobilization"]
    assert {f.code for f in result.blocking() if f.check == "coverage"} == {
        "coverage.missing", "coverage.unconfirmed"}
    assert [f.section for f in result.by_code("coverage.missing")] == ["framework"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_restating_without_a_fact_is_not_evidence(lang: str) -> None:
    template = get_template("minusma-six-monthly")
    result = run_checks(build(lang, facts=False), template)
    stubs = result.by_code("coverage.no_facts")
    assert len(stubs) >= 6
    assert all(f.severity == "warning" and f.paragraph is not None for f in stubs)
    for rid in ("exit.criteria.g5_sahel", "exit.criteria.mdsf_redeployment",
                "exit.criteria.security_political"):
        assert result.requirement(rid).status == "missing", rid


def test_a_new_letter_covers_nothing() -> None:
    # `new` leaves every section but the opening empty; the opening never counts
    template = get_template("minusma-six-monthly")
    letter = create_letter(template, "fr", symbol="S/2020/481", date=date(2020, 6, 2),
                           job_number="20-07899")
    result = run_checks(letter, template)
    assert len(result.missing()) == 16
    empty = {f.section for f in result.by_code("content.empty_section")}
    assert empty >= {"security", "performance", "rotation", "coordination", "framework", "exit"}


@pytest.mark.parametrize("lang,text", [
    ("en", "The Force reported no undeclared caveats among its contingents in the period."),
    ("fr", "Aucune restriction non déclarée n’a été signalée par les contingents au cours de "
           "la période."),
])
def test_a_count_of_none_is_a_fact(lang: str, text: str) -> None:
    """Reporting that there were none meets the requirement: it is not a stub."""
    template = get_template("minusma-six-monthly")
    letter = create_letter(template, lang)
    letter.section("performance").blocks = [Block.from_text(text)]
    result = run_checks(letter, template)
    assert result.requirement("perf.caveats").status == "covered"
    assert not result.by_code("coverage.no_facts")


def test_no_longer_is_not_a_count_of_none() -> None:
    from drafting.checks.concept_words import has_fact

    assert not has_fact("Contingents no longer report undeclared caveats.", "en")
    assert has_fact("Contingents reported no undeclared caveats.", "en")
    # a gap in the report is not a count of none
    assert not has_fact("No information on undeclared caveats is available yet.", "en")
    assert not has_fact("Aucune donnée n’est encore disponible sur les restrictions.", "fr")
