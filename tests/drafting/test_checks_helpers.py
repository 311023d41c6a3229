"""Shared builders for the checks tests: a small template made in Python, and
letters with one realistic paragraph per mandate requirement (en and fr).

The other `test_checks_*` modules import from here; the tests at the bottom
keep the builders honest.
"""

from __future__ import annotations

from datetime import date

from drafting.letter import Block, Letter, Metadata, Section
from drafting.templates.model import Concept, Requirement, Template, TemplateSection

SECTIONS = ("opening", "security", "performance", "rotation", "coordination", "framework", "exit")

# (section, requirement id, ref, English cues, French cues)
REQUIREMENTS: list[tuple[str, str, str, list[str], list[str]]] = [
    ("security", "ops.progress", "63 (i)",
     ["progress of the Mission's operations", "operation Buffalo"],
     ["progrès dans les opérations", "opérations de la Mission"]),
    ("security", "ops.security", "63 (i)",
     ["security challenges", "security situation"],
     ["problèmes de sécurité", "situation sécuritaire"]),
    ("security", "ops.adaptation_plan", "63 (i)",
     ["adaptation plan"], ["plan d'adaptation"]),
    ("coordination", "ops.coordination_body", "63 (i)",
     ["coordination body", "security presences"],
     ["instance de coordination", "présences de sécurité"]),
    ("performance", "perf.performance", "63 (ii)",
     ["evaluated the performance", "performance evaluation"],
     ["évalué la performance", "évaluation de la performance"]),
    ("rotation", "perf.rotation", "63 (ii)",
     ["rotation of uniformed personnel", "rotations"],
     ["relève des contingents", "relève du personnel", "rotation des contingents"]),
    ("performance", "perf.caveats", "63 (ii)",
     ["undeclared caveats", "unwillingness to take risks"],
     ["restrictions non déclarées", "réserves non déclarées"]),
    ("performance", "perf.underperformance", "63 (ii)",
     ["underperformance", "performance improvement plans"],
     ["insuffisances de performance", "plans d'amélioration de la performance"]),
    ("framework", "isf.update", "63 (iii)",
     ["integrated strategic framework"], ["cadre stratégique intégré"]),
    ("framework", "isf.transition_plan", "63 (iii)",
     ["transition plan", "transfer of tasks", "mapping of capacities"],
     ["plan de transition", "transfert des tâches", "cartographie des capacités"]),
    ("framework", "isf.resource_mobilization", "63 (iii)",
     ["resource mobilization", "mobilize resources"],
     ["mobilisation des ressources"]),
    ("exit", "exit.plan", "63 (iii)",
     ["exit strategy", "exit plan"], ["stratégie de retrait", "plan de retrait"]),
    ("exit", "exit.criteria.security_political", "63 (iii)",
     ["political and security conditions"], ["conditions politiques et de sécurité"]),
    ("exit", "exit.criteria.mdsf_redeployment", "63 (iii)",
     ["redeployment of the Malian Defence and Security Forces"],
     ["redéploiement des Forces de défense et de sécurité maliennes"]),
    ("exit", "exit.criteria.g5_sahel", "63 (iii)",
     ["G5 Sahel Joint Force"], ["Force conjointe du G5 Sahel"]),
    ("exit", "exit.criteria.agreement", "63 (iii)",
     ["implementation of the Agreement"], ["mise en œuvre de l'Accord", "application de l'Accord"]),
]

# One paragraph per requirement, in the letter's order (section, requirement, text).
PARAGRAPHS: dict[str, list[tuple[str, str, str]]] = {
    "en": [
        ("security", "ops.security",
         "The security situation in the north and the centre stayed volatile, and the "
         "security challenges grew as armed groups struck civilians and peacekeepers on "
         "the main supply roads."),
        ("security", "ops.progress",
         "Progress in the Mission's operations was steady: patrols stayed in the high-risk "
         "circles of Bandiagara and Koro, and temporary bases opened within two days of an alert."),
        ("security", "ops.adaptation_plan",
         "In line with its adaptation plan, the Mission reinforced its air assets and its mobile "
         "task forces in the centre of the country."),
        ("performance", "perf.performance",
         "Since January 2020, following the methodology of paragraph 49, the Mission evaluated "
         "the performance of 24 of its military units, of which 1 was rated excellent, 15 "
         "satisfactory and the remaining 8 in need of improvement."),
        ("performance", "perf.underperformance",
         "Where underperformance was found, the units concerned received precise "
         "recommendations, and performance improvement plans are now under way in 17 units."),
        ("performance", "perf.caveats",
         "No undeclared caveats were recorded between June and November, and no unwillingness "
         "to take risks was reported by commanders."),
        ("rotation", "perf.rotation",
         "Rotations of uniformed personnel were frozen to slow the spread of COVID-19; the few "
         "essential ones went ahead with quarantine before and after travel."),
        ("coordination", "ops.coordination_body",
         "The coordination body in Mali met on 12 March to discuss how the security presences "
         "share their responsibilities, including a weapons-free zone around Ménaka."),
        ("framework", "isf.update",
         "Implementation of the integrated strategic framework kept the Mission and the country "
         "team working towards shared priorities during the legislative elections."),
        ("framework", "isf.transition_plan",
         "The transition plan validated on 23 January rests on a mapping of capacities and gaps "
         "of partners, to prepare the transfer of tasks to the country team according to "
         "mandates and comparative advantages."),
        ("framework", "isf.resource_mobilization",
         "A resource mobilization strategy was agreed with multilateral and bilateral partners "
         "so that programmes handed over by the Mission stay funded."),
        ("exit", "exit.plan",
         "A possible long-term exit strategy depends on conditions that Malians and their "
         "partners have to build together."),
        ("exit", "exit.criteria.security_political",
         "The first condition is a lasting improvement of political and security conditions, "
         "which the attacks of March in Mopti showed to be still far off."),
        ("exit", "exit.criteria.mdsf_redeployment",
         "The second is the effective redeployment of the Malian Defence and Security Forces in "
         "the north and the centre, where 4 reconstituted battalions are now based."),
        ("exit", "exit.criteria.g5_sahel",
         "The third is tangible progress in making the G5 Sahel Joint Force fully operational, "
         "which held 2 operations in the tri-border area since March."),
        ("exit", "exit.criteria.agreement",
         "The fourth is decisive progress in the implementation of the Agreement on Peace and "
         "Reconciliation."),
    ],
    "fr": [
        ("security", "ops.security",
         "La situation sécuritaire dans le nord et le centre est restée instable et les "
         "problèmes de sécurité se sont aggravés, les groupes armés frappant civils et Casques "
         "bleus sur les principaux axes."),
        ("security", "ops.progress",
         "Les opérations de la Mission ont avancé : les patrouilles sont restées dans les cercles "
         "à haut risque de Bandiagara et de Koro, et des bases temporaires ont ouvert en deux jours."),
        ("security", "ops.adaptation_plan",
         "Conformément à son plan d’adaptation, la Mission a renforcé ses moyens aériens et ses "
         "forces mobiles dans le centre du pays."),
        ("performance", "perf.performance",
         "Depuis janvier 2020, selon la méthode du paragraphe 49, la Mission a évalué la "
         "performance de 24 unités militaires, dont 1 notée excellente, 15 notées "
         "satisfaisantes et les 8 unités restantes perfectibles."),
        ("performance", "perf.underperformance",
         "Face aux insuffisances de performance relevées, les unités concernées ont reçu des "
         "recommandations précises et des plans d’amélioration de la performance sont en cours."),
        ("performance", "perf.caveats",
         "Aucune restriction non déclarée n’a été constatée pendant la période et aucun "
         "commandant n’a signalé de refus de prendre des risques."),
        ("rotation", "perf.rotation",
         "Les relèves du personnel en tenue ont été gelées pour freiner la COVID-19 ; les rares "
         "relèves essentielles ont eu lieu avec une quarantaine avant et après le voyage."),
        ("coordination", "ops.coordination_body",
         "L’Instance de coordination au Mali s’est réunie le 12 mars pour examiner le partage des "
         "responsabilités entre les présences de sécurité, dont une zone sans armes à Ménaka."),
        ("framework", "isf.update",
         "L’application du cadre stratégique intégré a permis à la Mission et à l’équipe de pays "
         "de poursuivre des priorités communes pendant les élections législatives."),
        ("framework", "isf.transition_plan",
         "Le plan de transition validé le 23 janvier s’appuie sur une cartographie des capacités "
         "et des lacunes des partenaires, en vue du transfert des tâches à l’équipe de pays."),
        ("framework", "isf.resource_mobilization",
         "Une stratégie visant à mobiliser les ressources a été arrêtée avec les partenaires "
         "multilatéraux et bilatéraux pour que les programmes repris restent financés."),
        ("exit", "exit.plan",
         "Une éventuelle stratégie de retrait à long terme dépend de conditions que les Maliens "
         "et leurs partenaires doivent réunir ensemble."),
        ("exit", "exit.criteria.security_political",
         "La première est une amélioration durable des conditions politiques et de sécurité, que "
         "les attaques de mars à Mopti montrent encore lointaine."),
        ("exit", "exit.criteria.mdsf_redeployment",
         "La deuxième est le redéploiement effectif des Forces de défense et de sécurité maliennes "
         "dans le nord et le centre, où 4 bataillons reconstitués sont désormais stationnés."),
        ("exit", "exit.criteria.g5_sahel",
         "La troisième tient à des progrès tangibles dans la mise en service de la Force conjointe "
         "du G5 Sahel, qui a mené 2 opérations dans la zone des trois frontières depuis mars."),
        ("exit", "exit.criteria.agreement",
         "La quatrième est une avancée décisive dans la mise en œuvre de l’Accord pour la paix et "
         "la réconciliation au Mali."),
    ],
}

OPENING = {
    "en": "I have the honour to refer to resolution 2531 (2020), in which the Council asked me "
    "for a letter on the progress of the Mission's operations, security challenges, the "
    "adaptation plan, the coordination body, the performance and rotation of uniformed "
    "personnel, undeclared caveats, underperformance, the integrated strategic framework, the "
    "transition plan, resource mobilization and an exit strategy.",
    "fr": "J’ai l’honneur de revenir vers vous au sujet de la résolution 2531 (2020), dans "
    "laquelle le Conseil m’a demandé une lettre sur les progrès dans les opérations, les "
    "problèmes de sécurité, la mobilisation des ressources et une stratégie de retrait.",
}


def make_template(word_limit: int = 0, budgets: dict[str, int] | None = None) -> Template:
    """A seven-section template with the sixteen requirements of DESIGN §3.1."""
    budgets = budgets or {}
    sections: list[TemplateSection] = []
    for sid in SECTIONS:
        reqs = [
            Requirement(rid, ref, {"en": rid, "fr": rid}, [Concept({"en": en, "fr": fr})])
            for sec, rid, ref, en, fr in REQUIREMENTS
            if sec == sid
        ]
        sections.append(
            TemplateSection(
                sid,
                required=True,
                budget=budgets.get(sid, 0),
                has_heading=sid != "opening",
                headings={"en": sid.title(), "fr": sid.title()},
                requirements=reqs,
                restates_mandate=sid == "opening",
            )
        )
    return Template("test-template", 1, sections=sections, word_limit=word_limit)


def make_metadata(lang: str) -> Metadata:
    return Metadata(
        symbol="S/2020/481",
        date=date(2020, 6, 2),
        letter_date=date(2020, 6, 1),
        language=lang,
        original_language=lang,
        job_number="20-07899",
        addressee="President of the Security Council",
        signatory="António Guterres",
        period_start=date(2019, 12, 1),
        period_end=date(2020, 5, 31),
        closing="Please accept the assurances of my highest consideration.",
    )


def make_letter(lang: str = "en", skip: tuple[str, ...] = (), confirmed: bool = False) -> Letter:
    """A complete letter covering every requirement, minus those in `skip`.

    With `confirmed`, the writer has linked each requirement to its paragraph
    (a letter ready for a final version); otherwise detection only suggests.
    """
    sections = {sid: Section(sid) for sid in SECTIONS}
    sections["opening"].blocks.append(Block.from_text(OPENING[lang]))
    links: list[tuple[str, str]] = []
    for sid, rid, text in PARAGRAPHS[lang]:
        if rid not in skip:
            block = Block.from_text(text)
            sections[sid].blocks.append(block)
            links.append((rid, block.id))
    letter = Letter("test-template", 1, metadata=make_metadata(lang),
                    sections=list(sections.values()))
    if confirmed:
        for rid, block_id in links:
            letter.confirm(rid, block_id)
    return letter


def block_for(letter: Letter, text_start: str) -> Block:
    """The block whose text starts with `text_start`."""
    for _sid, _i, block in letter.iter_blocks():
        if block.text.startswith(text_start):
            return block
    raise KeyError(text_start)


def test_template_has_the_sixteen_requirements() -> None:
    template = make_template()
    ids = template.requirement_ids()
    assert len(ids) == 16 == len(set(ids))
    assert template.section("opening").restates_mandate


def test_letters_have_one_paragraph_per_requirement() -> None:
    for lang in ("en", "fr"):
        letter = make_letter(lang)
        body = [b for sid, _i, b in letter.iter_blocks() if sid != "opening"]
        assert len(body) == 16
        assert not make_letter(lang, skip=("exit.plan",)).section("exit").blocks[0].text.startswith(
            PARAGRAPHS[lang][11][2][:20]
        )
