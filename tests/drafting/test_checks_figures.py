"""Figures: percentages against counts, parts against totals (en and fr)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from drafting.checks import run_checks
from drafting.checks.figures import figure_issues, parse_figure
from drafting.letter import Block
from tests.drafting.test_checks_helpers import make_letter, make_template

VEHICLES_FR = (
    "Le parc de la MINUSMA compte 550 véhicules blindés, dont 479 (87 %) roulent tous les "
    "jours, 30 (5,5 %) attendent une réparation et 41 (7,5 %) sont perdus, à remplacer au "
    "plus vite."
)
VEHICLES_EN = (
    "The MINUSMA fleet counts 550 armoured vehicles, of which 479 (87 per cent) run daily, "
    "30 (5.5 per cent) await repairs and 41 (7.5 per cent) are lost for good."
)
UNITS_FR = (
    "Cette année, la Mission a noté 24 unités militaires, dont 1 jugée excellente et 15 jugées "
    "satisfaisantes, alors que les 4 unités restantes montraient des faiblesses. Quatre autres "
    "unités doivent encore se préparer mieux. En tout, 17 unités ont remis un plan de mise à "
    "niveau."
)


def codes(text: str, lang: str) -> list[str]:
    return [i.code for i in figure_issues(text, lang)]


@pytest.mark.parametrize("text,lang", [(VEHICLES_FR, "fr"), (VEHICLES_EN, "en"), (UNITS_FR, "fr")])
def test_consistent_figures_raise_nothing(text: str, lang: str) -> None:
    assert figure_issues(text, lang) == []


def test_wrong_percentage_is_flagged_with_the_computed_value_fr() -> None:
    wrong = VEHICLES_FR.replace("30 (5,5 %)", "30 (6,5 %)")
    issues = figure_issues(wrong, "fr")
    assert [i.code for i in issues] == ["figure.percent"]
    assert issues[0].computed.quantize(Decimal("0.01")) == Decimal("5.45")
    assert "5,5" in issues[0].message and "6,5" in issues[0].message
    # the issue points at the count and its percentage
    assert wrong[issues[0].start : issues[0].end] == "30 (6,5 %)"


def test_wrong_percentage_is_flagged_en() -> None:
    wrong = VEHICLES_EN.replace("479 (87 per cent)", "479 (85 per cent)")
    issues = figure_issues(wrong, "en")
    assert [i.code for i in issues] == ["figure.percent"]
    assert "87.1" in issues[0].message


def test_percentage_precision_follows_what_is_shown() -> None:
    # 30/550 = 5.4545…: "5 %" and "5,5 %" are both right at their precision, "5,4 %" is not
    base = "Sur 550 véhicules blindés, dont 479 (87 %) servent et 30 ({p} %) sont en entretien."
    assert codes(base.format(p="5"), "fr") == []
    assert codes(base.format(p="5,5"), "fr") == []
    assert codes(base.format(p="5,4"), "fr") == ["figure.percent"]


def test_parts_exceeding_the_total_are_flagged() -> None:
    wrong = VEHICLES_EN.replace("41 (7.5 per cent)", "61 (7.5 per cent)")
    issues = figure_issues(wrong, "en")
    sums = [i for i in issues if i.code == "figure.sum"]
    assert len(sums) == 1 and sums[0].computed == 570
    assert "570" in sums[0].message and "550" in sums[0].message


def test_claimed_whole_must_add_up_fr() -> None:
    # without the "Quatre autres unités" sentence, 1 + 15 + 4 = 20 is not the 24 claimed
    cut = UNITS_FR.replace(" Quatre autres unités doivent encore se préparer mieux.", "")
    assert cut != UNITS_FR
    issues = figure_issues(cut, "fr")
    assert [i.code for i in issues] == ["figure.sum"]
    assert issues[0].computed == 20 and "24" in issues[0].message


def test_claimed_whole_must_add_up_en() -> None:
    ok = ("The Mission assessed 24 units, of which 1 was excellent, 15 were satisfactory and the "
          "remaining 8 needed improvement.")
    assert codes(ok, "en") == []
    assert codes(ok.replace("remaining 8", "remaining 6"), "en") == ["figure.sum"]


def test_parts_below_total_without_a_claim_are_fine() -> None:
    # a breakdown may list only some parts: 319 + 77 < 618, nothing to say
    text = ("Le 20 mai, le pôle judiciaire instruisait en tout [618] dossiers, dont [319] pour "
            "terrorisme et [77] pour criminalité organisée.")
    assert codes(text, "fr") == []


def test_thousands_are_parsed_per_locale() -> None:
    assert codes("Le retour de 3 120 personnes, dont 2 000 femmes et 1 120 enfants au total.", "fr") == []
    assert codes("Le retour de 3\u202f120 personnes, dont 2\u202f000 femmes et 1\u202f000 enfants "
                 "au total.", "fr") == ["figure.sum"]
    assert codes("The return of 3,120 people, of whom 2,000 women and 1,120 children in total.",
                 "en") == []
    assert codes("The return of 3,120 people, of whom 2,000 women and 1,500 children.", "en") == [
        "figure.sum"
    ]


def test_ratio_with_percentage() -> None:
    assert codes("In all, 479 of the 550 vehicles (87 per cent) were in use.", "en") == []
    assert codes("In all, 479 of the 550 vehicles (80 per cent) were in use.", "en") == [
        "figure.percent"
    ]
    assert codes("Au total, 479 sur 550 véhicules (87 %) étaient utilisés.", "fr") == []


@pytest.mark.parametrize(
    "text,lang",
    [
        # years, dates, symbols, resolution numbers and units are never counted
        ("Since 2013, of which 2019 and 2020 were the hardest, 12 units rotated.", "en"),
        ("Le 12 mars 2020, dont 3 heures de débat, 4 unités ont été relevées.", "fr"),
        ("See S/2020/223, of which 2 paragraphs and resolution 2480 (2019) speak.", "en"),
        ("Les 26 et 27 avril, 2 unités dont 5 jours de formation ont été déployées.", "fr"),
        ("The 3 convoys, including 48 hours of escort and 5 kilometres of road, arrived.", "en"),
        ("Il a fallu 2 rapports, dont le paragraphe 63 de la résolution 2531 (2020).", "fr"),
        ("The COVID-19 task force, including G5 partners, met 3 times.", "en"),
        ("Le plan dont il est question couvre 3 régions et 12 cercles.", "fr"),
    ],
)
def test_no_false_alarm_on_ordinary_text(text: str, lang: str) -> None:
    assert figure_issues(text, lang) == []


def test_parse_figure() -> None:
    assert parse_figure("13\u202f289", "fr") == Decimal(13289)
    assert parse_figure("13,289", "en") == Decimal(13289)
    assert parse_figure("5,5", "fr") == Decimal("5.5")
    assert parse_figure("5.5", "en") == Decimal("5.5")
    assert parse_figure("[618]", "fr") == Decimal(618)
    assert parse_figure("Quatre", "fr") == Decimal(4)


def test_other_languages_are_left_alone() -> None:
    assert figure_issues("550 vehículos, de los cuales 479 (10 %) y 300 (50 %).", "es") == []


def test_figures_reach_the_letter_findings() -> None:
    letter = make_letter("fr")
    letter.section("security").blocks.append(
        Block.from_text(VEHICLES_FR.replace("41 (7,5 %)", "41 (9 %)"))
    )
    result = run_checks(letter, make_template())
    found = result.by_code("figure")
    assert [(f.code, f.section, f.paragraph, f.severity) for f in found] == [
        ("figure.percent", "security", 3, "warning")
    ]
    assert "7,5" in found[0].message
    assert not found[0].blocking


def test_colon_breakdown_checks_percentages_and_claimed_wholes() -> None:
    ok_fr = ("Parc blindé de la MINUSMA, 550 véhicules\u00a0: 479 (87\u00a0%) en service, "
             "30 (5,5\u00a0%) à l’atelier et 41 (7,5\u00a0%) hors service.")
    assert codes(ok_fr, "fr") == []
    assert codes(ok_fr.replace("41 (7,5", "41 (9,5"), "fr") == ["figure.percent"]
    ok_en = ("MINUSMA has assessed 24 of its military units: 1 was rated excellent and 15 "
             "satisfactory; 4 fell short in training; and the remaining 4 need improvement.")
    assert codes(ok_en, "en") == []
    assert codes(ok_en.replace("remaining 4", "remaining 2"), "en") == ["figure.sum"]


def test_colon_without_percentages_or_claim_is_not_a_breakdown() -> None:
    assert codes("Dans 3 régions : 12 attaques à Gao, 5 à Mopti.", "fr") == []
    assert codes("Across 3 regions: 12 attacks in Gao and 5 in Mopti.", "en") == []
