"""Shared test letters for the importers, and tests of the mapping itself.

The letters below were written for these tests (French and English, one
paragraph per mandate topic, short); the DOCX and text tests build files
from them in different shapes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from drafting.importers.assemble import MappingRow, format_mapping_table
from drafting.importers.mapping import THRESHOLD, score_sections, strip_numbering
from drafting.importers.titles import is_closing, match_signature, parse_long_date, parse_title
from drafting.letter import Letter
from drafting.templates.catalog import get_template
from drafting.templates.model import Template

TEMPLATE_ID = "minusma-six-monthly"


@dataclass
class Part:
    """A stretch of the letter under one heading; `section` is where it must land."""

    heading: str | None
    section: str | None  # None = unassigned
    paragraphs: list[tuple[str, str]] = field(default_factory=list)  # (kind, text)
    sub: bool = False  # a subheading (Heading 2) of the part before it


@dataclass
class SampleLetter:
    language: str
    title: str
    parts: list[Part]
    closing: str
    signature: str
    signatory: str
    letter_date: tuple[int, int, int]
    # a paragraph split by a PDF extractor, hyphens included, and its real text
    hyphenated_lines: list[str]
    hyphenated_text: str

    def body_count(self) -> int:
        return sum(len(p.paragraphs) for p in self.parts)

    def texts(self) -> list[str]:
        return [t for p in self.parts for _k, t in p.paragraphs]


FR = SampleLetter(
    language="fr",
    title="Lettre datée du 1er décembre 2020, adressée au Président du Conseil de sécurité "
    "par le Secrétaire général",
    parts=[
        Part(None, "opening", [("paragraph",
            "J’ai l’honneur de me référer au paragraphe 63 de la résolution 2531 (2020), par "
            "lequel le Conseil m’a prié de l’informer tous les six mois de la situation de la "
            "Mission.")]),
        Part("Problèmes de sécurité et progrès des opérations de la Mission", "security", [
            ("paragraph", "Pendant la période considérée, les groupes armés ont multiplié les "
             "attaques contre les civils dans les régions de Mopti et de Ségou."),
            ("paragraph", "La Mission a mené [42] patrouilles de longue distance et a installé "
             "deux bases opérationnelles temporaires près de Bandiagara."),
            ("paragraph", "Les opérations conduites le long de l’axe Gao-Labézanga ont permis "
             "la reprise du trafic commercial."),
        ]),
        Part("Performance du personnel en tenue", "performance", [
            ("paragraph", "Entre juin et novembre, la MINUSMA a évalué 19 unités militaires ; "
             "17 ont obtenu une note satisfaisante."),
            ("paragraph", "Les unités de police constituées ont suivi une formation "
             "complémentaire sur la protection des civils."),
        ]),
        Part("Difficultés rencontrées", "performance", [
            ("paragraph", "Deux unités ont signalé des pannes répétées de véhicules blindés, "
             "ce qui a limité leurs déplacements."),
        ], sub=True),
        Part("Relève des contingents", "rotation", [
            ("paragraph", "Les relèves suspendues au printemps ont repris en juillet, avec une "
             "quarantaine de quatorze jours à l’arrivée."),
        ]),
        Part("Coordination des présences de sécurité", "coordination", [
            ("paragraph", "L’Instance de coordination au Mali s’est réunie quatre fois pour "
             "répartir les responsabilités en matière de sécurité."),
        ]),
        Part("Cadre stratégique intégré : application et plan de transition",
             "framework", [
            ("paragraph", "La Mission et l’équipe de pays ont achevé le recensement des "
             "capacités prévu par le plan de transition."),
            ("bullet", "Un atelier tenu à Bamako en octobre a retenu six tâches à transférer."),
            ("bullet", "Un calendrier de passation sera soumis aux autorités en janvier."),
        ]),
        Part("Éventuelle stratégie de retrait à long terme", "exit", [
            ("paragraph", "Un retrait ne serait envisageable qu’avec le redéploiement effectif "
             "des forces maliennes dans le nord et le centre."),
        ]),
        Part("Questions diverses", None, [
            ("paragraph", "Le nouveau quartier général de Kidal a été raccordé au réseau "
             "électrique en septembre."),
        ]),
    ],
    closing="Je vous serais reconnaissant de bien vouloir faire connaître la présente lettre "
    "aux membres du Conseil de sécurité.",
    signature="(Signé) António Guterres",
    signatory="António Guterres",
    letter_date=(2020, 12, 1),
    hyphenated_lines=[
        "    Les opéra-",
        "tions conduites le long de l’axe Gao-",
        "Labézanga ont permis la reprise du trafic commercial.",
    ],
    hyphenated_text="Les opérations conduites le long de l’axe Gao-Labézanga ont permis la "
    "reprise du trafic commercial.",
)

EN = SampleLetter(
    language="en",
    title="Letter dated 1 December 2020 from the Secretary-General addressed to the President "
    "of the Security Council",
    parts=[
        Part(None, "opening", [("paragraph",
            "I have the honour to refer to paragraph 63 of resolution 2531 (2020), in which the "
            "Council requested me to inform it every six months about the situation of the "
            "Mission.")]),
        Part("Security challenges and progress in the Mission’s operations", "security", [
            ("paragraph", "During the period under review, armed groups carried out more "
             "attacks against civilians in the Mopti and Ségou regions."),
            ("paragraph", "The Mission conducted [42] long-range patrols and set up two "
             "temporary operating bases near Bandiagara."),
            ("paragraph", "Operations along the Gao-Labézanga axis allowed commercial traffic "
             "to resume."),
        ]),
        Part("Performance of uniformed personnel", "performance", [
            ("paragraph", "Between June and November, MINUSMA evaluated 19 military units, 17 "
             "of which were rated satisfactory."),
            ("paragraph", "Formed police units received additional training on the protection "
             "of civilians."),
        ]),
        Part("Difficulties encountered", "performance", [
            ("paragraph", "Two units reported repeated breakdowns of armoured vehicles, which "
             "limited their movements."),
        ], sub=True),
        Part("Rotation of contingents", "rotation", [
            ("paragraph", "Rotations suspended in the spring resumed in July, with a "
             "fourteen-day quarantine on arrival."),
        ]),
        Part("Coordination of security presences", "coordination", [
            ("paragraph", "The coordination body in Mali met four times to allocate security "
             "responsibilities."),
        ]),
        Part("Implementation of the integrated strategic framework and the transition plan",
             "framework", [
            ("paragraph", "The Mission and the country team completed the mapping of "
             "capacities called for in the transition plan."),
            ("bullet", "A workshop held in Bamako in October identified six tasks to hand over."),
            ("bullet", "A handover calendar will be submitted to the authorities in January."),
        ]),
        Part("Possible long-term exit strategy", "exit", [
            ("paragraph", "A withdrawal could only be considered once the Malian forces are "
             "effectively redeployed in the north and centre."),
        ]),
        Part("Other matters", None, [
            ("paragraph", "The new headquarters in Kidal was connected to the power grid in "
             "September."),
        ]),
    ],
    closing="I should be grateful if you would bring the present letter to the attention of "
    "the members of the Security Council.",
    signature="(Signed) António Guterres",
    signatory="António Guterres",
    letter_date=(2020, 12, 1),
    hyphenated_lines=[
        "    Opera-",
        "tions along the Gao-",
        "Labézanga axis allowed commercial traffic to resume.",
    ],
    hyphenated_text="Operations along the Gao-Labézanga axis allowed commercial traffic to "
    "resume.",
)

LETTERS = {"fr": FR, "en": EN}


@pytest.fixture(scope="session")
def template() -> Template:
    return get_template(TEMPLATE_ID)


def body_texts(letter: Letter) -> list[str]:
    """Texts of every non-heading body block (sections, then unassigned)."""
    return [b.text for _sid, _i, b in letter.iter_blocks() if b.kind != "subheading"]


def section_texts(letter: Letter, section_id: str | None) -> list[str]:
    blocks = letter.unassigned if section_id is None else letter.section(section_id).blocks
    return [b.text for b in blocks if b.kind != "subheading" and not b.boilerplate]


def assert_mapped(letter: Letter, sample: SampleLetter, sub_section: str | None) -> None:
    """Every paragraph of `sample` is in its section; subheading parts go to `sub_section`."""
    expected: dict[str | None, list[str]] = {}
    for part in sample.parts:
        target = sub_section if part.sub else part.section
        expected.setdefault(target, []).extend(t for _k, t in part.paragraphs)
    for target, texts in expected.items():
        assert section_texts(letter, target) == texts, target
    assert len(body_texts(letter)) == sample.body_count()


# -- tests of the mapping and metadata helpers ----------------------------


@pytest.mark.parametrize("sample", [FR, EN], ids=["fr", "en"])
def test_every_template_heading_maps_to_its_own_section(
    template: Template, sample: SampleLetter
) -> None:
    for section in template.sections:
        if not section.has_heading:
            continue
        scores = score_sections(section.heading(sample.language), template, sample.language)
        assert max(scores, key=lambda s: scores[s]) == section.id
        assert scores[section.id] == 1.0


@pytest.mark.parametrize("sample", [FR, EN], ids=["fr", "en"])
def test_sample_headings_score_as_expected(template: Template, sample: SampleLetter) -> None:
    for part in sample.parts:
        if part.heading is None or part.sub:
            continue
        scores = score_sections(part.heading, template, sample.language)
        best = max(scores, key=lambda s: scores[s])
        if part.section is None:
            assert scores[best] < THRESHOLD, (part.heading, best, scores[best])
        else:
            assert best == part.section and scores[best] >= THRESHOLD, part.heading


def test_matching_ignores_accents_case_and_numbering(template: Template) -> None:
    plain = score_sections("RELEVE DU PERSONNEL EN TENUE", template, "fr")
    assert max(plain, key=lambda s: plain[s]) == "rotation"
    assert strip_numbering("IV. Possible long-term exit strategy") == (
        "Possible long-term exit strategy"
    )
    numbered = score_sections("IV. Possible long-term exit strategy", template, "en")
    assert numbered["exit"] == 1.0


def test_title_dates_and_addressee_in_both_languages() -> None:
    fr = parse_title(FR.title, "fr")
    en = parse_title(EN.title, "en")
    assert fr is not None and en is not None
    assert fr.letter_date is not None and fr.letter_date.isoformat() == "2020-12-01"
    assert en.letter_date is not None and en.letter_date.isoformat() == "2020-12-01"
    assert fr.addressee == "Président du Conseil de sécurité"
    assert en.addressee == "President of the Security Council"
    assert parse_title("Les opérations se poursuivent.", "fr") is None
    assert str(parse_long_date("le 15 décembre 2020", "fr")) == "2020-12-15"
    assert str(parse_long_date("June 30, 2021", "en")) == "2021-06-30"
    assert parse_long_date("31 février 2020", "fr") is None


def test_closing_and_signature_recognition() -> None:
    assert is_closing(FR.closing, "")
    assert is_closing(EN.closing, "")
    assert not is_closing(FR.parts[1].paragraphs[0][1], FR.closing)
    assert match_signature("(Signé) António Guterres") == "António Guterres"
    assert match_signature("(Signed)") == ""
    assert match_signature("Signed by the parties in 2015.") is None


def test_mapping_table_lists_every_row_and_the_totals() -> None:
    rows = [
        MappingRow("", "opening", 1.0, 1, label="(before the first heading)"),
        MappingRow("Relève des contingents", "rotation", 0.7, 2),
        MappingRow("Questions diverses", None, 0.13, 3),
    ]
    table = format_mapping_table(rows)
    lines = table.splitlines()
    assert lines[0].split()[:2] == ["#", "Heading"]
    assert "(before the first heading)" in lines[2] and "opening" in lines[2]
    assert "Relève des contingents" in lines[3] and "rotation" in lines[3] and "0.70" in lines[3]
    assert "Questions diverses" in lines[4] and "unassigned" in lines[4]
    assert lines[-1] == '6 paragraphs imported, 3 in "unassigned".'
