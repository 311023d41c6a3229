"""Figures in nested, total-first and listed breakdowns (issue 14, "Figures").

Every sentence here was written for these tests. Each case says whether the
arithmetic is right (nothing may be reported) or which check must fire.
"""

from __future__ import annotations

import pytest

from drafting.checks.figures import figure_issues

NNBSP, NBSP = "\u202f", "\u00a0"


def codes(text: str, lang: str) -> list[str]:
    return [i.code for i in figure_issues(text, lang)]


CONSISTENT = [
    # nested: each percentage is relative to its nearest whole
    ("en", "The Mission logged 120 attacks, of which 30 were aimed at MINUSMA, including 12 "
           "(40 per cent) against its camps."),
    ("fr", "La Mission a relevé 120 attaques, dont 30 visaient la MINUSMA, parmi lesquelles 12 "
           "(40 %) contre ses camps."),
    ("en", "Bamako sent out 67 supply convoys, of which 58 arrived without incident, including "
           "21 (36.2 per cent) that travelled at night."),
    ("fr", "La Force a escorté 212 convois, dont 64 vers Kidal, parmi lesquels 16 (25 %) ont "
           "essuyé des tirs."),
    # a nested percentage taken against the outer whole is read as meant
    ("en", "The Mission logged 120 attacks, of which 30 were aimed at MINUSMA, including 12 "
           "(10 per cent of all attacks) against its camps."),
    # a part after a nested breakdown that belongs to the level above
    ("en", "The Mission logged 120 attacks, of which 30 were aimed at MINUSMA, including 12 "
           "against its camps, and the remaining 90 targeted civilians."),
    ("fr", "On a compté 120 attaques, dont 30 contre la MINUSMA, parmi lesquelles 12 contre "
           "ses camps, et les 90 autres contre des civils."),
    # parts that legitimately overlap: "of those" refers back to a part
    ("en", "Of the 45 patrols planned, 30 went by road and 12 of those were ambushed."),
    ("en", "The battalion ran 45 patrols, of which 30 went by road and 20 of them at night."),
    ("fr", "Sur les 45 patrouilles prévues, 30 ont emprunté la route et 12 d’entre elles ont "
           "été prises en embuscade."),
    # a total named first, with percentages and decimals
    ("en", "Of the 1,920 police officers authorized, 1,741 (90.7 per cent) were deployed."),
    ("fr", "Sur 340 convois prévus, 286 (84,1 %) sont partis à l’heure."),
    ("fr", f"Sur les 13{NNBSP}289 déplacés recensés, 6{NNBSP}645 (50 %) sont rentrés."),
    ("fr", f"Sur les 13{NBSP}289 déplacés recensés, 6{NBSP}645 (50{NBSP}%) sont rentrés."),
    ("fr", "Sur les 13 289 déplacés recensés, 6 645 (50 pour cent) sont rentrés."),
    ("en", "Of the 13,289 displaced people counted, 6,645 (50 per cent) went home and 3,322 "
           "(25 per cent) moved to the cities."),
    # precision follows what is shown: 30/550 = 5.4545…
    ("fr", "Sur les 550 véhicules, 30 (5,45 %) sont à l’atelier."),
    ("en", "Of the 550 vehicles, 30 (5 per cent) were in the workshop."),
    # words claiming the whole, satisfied
    ("en", "The unit ran 74 escorts, of which 39 in Mopti, 21 in Gao and the remaining 14 "
           "elsewhere."),
    ("fr", "Les 8 unités de police ont été évaluées : 6 ont été jugées satisfaisantes et les "
           "2 autres devront progresser."),
    ("fr", "La MINUSMA a évalué 24 unités, dont une jugée excellente, 15 satisfaisantes et 8 "
           "à améliorer."),
    # the whole may stand well before its keyword
    ("en", "As at 20 May, 618 cases were under investigation by the specialized judicial unit, "
           "of which 319 concerned terrorism and 77 organized crime."),
]

ERRORS = [
    # total named first, wrong percentage
    ("en", "Of the 550 armoured vehicles, 479 (78 per cent) were in service.",
     ["figure.percent"]),
    ("fr", "Sur les 550 véhicules blindés, 479 (78 %) étaient en service.", ["figure.percent"]),
    ("en", "Of the 1,920 police officers authorized, 1,741 (96.7 per cent) were deployed.",
     ["figure.percent"]),
    # total named first, parts exceeding it
    ("en", "Of the 31 rotations planned, 24 went ahead on time, 6 were postponed and 3 were "
           "cancelled.", ["figure.sum"]),
    ("fr", "Sur les 618 affaires instruites, 519 concernent le terrorisme et 177 la "
           "criminalité organisée.", ["figure.sum"]),
    # parts listed after "of which" / "dont" exceeding a whole far before the keyword
    ("en", "As at 20 May, 618 cases were under investigation by the specialized judicial unit, "
           "of which 519 concerned terrorism and 177 organized crime.", ["figure.sum"]),
    ("fr", "Au 20 mai, 618 affaires faisaient l’objet d’une enquête du pôle judiciaire, dont "
           "519 liées au terrorisme et 177 à la criminalité organisée.", ["figure.sum"]),
    # nested: a percentage wrong against every whole
    ("en", "The Mission logged 120 attacks, of which 30 were aimed at MINUSMA, including 12 "
           "(25 per cent) against its camps.", ["figure.percent"]),
    ("fr", "La Mission a relevé 120 attaques, dont 30 visaient la MINUSMA, parmi lesquelles "
           "12 (25 %) contre ses camps.", ["figure.percent"]),
    # nested: a part larger than its own whole
    ("en", "The Mission logged 120 attacks, of which 30 were aimed at MINUSMA, including 35 "
           "against its camps.", ["figure.sum"]),
    # parts without "of those" do not overlap
    ("en", "The battalion ran 45 patrols, of which 30 went by road and 20 by air.",
     ["figure.sum"]),
    # words claiming the whole, not satisfied
    ("en", "The unit ran 74 escorts, of which 39 in Mopti, 21 in Gao and the remaining 18 "
           "elsewhere.", ["figure.sum"]),
    ("fr", "Les 8 unités de police ont été évaluées : 6 ont été jugées satisfaisantes et les "
           "3 autres devront progresser.", ["figure.sum"]),
]

def test_a_clause_describing_a_part_does_not_end_the_breakdown() -> None:
    """Only a clause after a comma is about something else: "12 against convoys
    that were escorted and 9 against camps" still adds up to more than 20."""
    assert codes("The Mission recorded 20 attacks, including 12 against convoys that were "
                 "escorted and 9 against camps.", "en") == ["figure.sum"]


SILENT = [
    # a count after a verb is not a further part of the list
    ("en", "Of the 5 camps, 3 were attacked 20 times."),
    ("fr", "Sur les 5 camps, 3 ont été attaqués à 20 reprises."),
    # a semicolon ends a breakdown: the nine police units are another subject
    ("fr", "Sur les 21 unités évaluées, 2 (9,5 %) ont été jugées excellentes, 15 "
           "satisfaisantes et 4 insuffisantes ; les neuf unités de police ont toutes été "
           "jugées satisfaisantes."),
    ("en", "Of the 21 units assessed, 2 were rated excellent, 15 satisfactory and 4 weak; "
           "nine police units were also reviewed."),
    # parts far larger than the whole: not a breakdown of it
    ("en", "The 4 battalions patrolled the area, including 120 patrols by night and 80 by day."),
    # time and distance are not counts
    ("fr", "Sur 3 jours, 12 convois ont parcouru 400 kilomètres."),
    # a relative "dont" without a count after it
    ("fr", "Le plan dont il est question couvre 3 régions et 12 cercles."),
    # a total named first needs its comma and a part soon after it
    ("en", "Of the 550 vehicles only a few were new, and the Mission bought 600 more in 2020."),
    # casualties told in a clause after a breakdown are not further parts of it
    ("fr", "La Mission a recensé 28 attaques, dont 12 contre ses camps, qui ont fait 4 morts "
           "et 32 blessés parmi les Casques bleus."),
    ("fr", "On a compté 31 embuscades, dont 9 sur l’axe Gao-Ansongo, faisant 14 morts et "
           "27 blessés."),
    ("en", "There were 45 attacks, including 30 with improvised explosive devices, which "
           "caused 12 deaths and 40 injuries."),
    ("en", "The Mission recorded 28 attacks, of which 12 targeted its camps, killing 4 "
           "peacekeepers and injuring 32."),
]


@pytest.mark.parametrize("lang,text", CONSISTENT)
def test_consistent_sentences_are_silent(lang: str, text: str) -> None:
    assert figure_issues(text, lang) == []


@pytest.mark.parametrize("lang,text,expected", ERRORS)
def test_planted_errors_are_caught(lang: str, text: str, expected: list[str]) -> None:
    assert codes(text, lang) == expected


@pytest.mark.parametrize("lang,text", SILENT)
def test_no_false_alarm(lang: str, text: str) -> None:
    assert figure_issues(text, lang) == []


def test_nested_percentage_message_names_its_nearest_whole() -> None:
    text = ("The Mission logged 120 attacks, of which 30 were aimed at MINUSMA, including 12 "
            "(25 per cent) against its camps.")
    (issue,) = figure_issues(text, "en")
    assert issue.message == "12 of 30 is 40.0 per cent, not 25 per cent."
    assert text[issue.start : issue.end] == "12 (25 per cent)"


def test_messages_use_the_letters_number_format() -> None:
    fr = f"Sur les 13{NNBSP}289 déplacés, 6{NNBSP}645 (40 %) sont rentrés."
    (issue,) = figure_issues(fr, "fr")
    assert issue.message == f"6{NNBSP}645 of 13{NNBSP}289 is 50,0{NBSP}%, not 40{NBSP}%."
    total = (f"Sur les 13{NNBSP}289 déplacés, 9{NNBSP}645 sont rentrés et 4{NNBSP}000 sont "
             f"partis ailleurs.")
    (issue,) = figure_issues(total, "fr")
    assert issue.code == "figure.sum"
    assert f"13{NNBSP}645" in issue.message and f"9{NNBSP}645 + 4{NNBSP}000" in issue.message
    en = "Of the 13,289 displaced, 9,645 went home and 4,000 moved elsewhere."
    (issue,) = figure_issues(en, "en")
    assert issue.message == ("The parts add up to 13,645 (9,645 + 4,000), more than the total "
                             "of 13,289.")


def test_total_first_sum_points_at_the_whole_and_its_parts() -> None:
    text = "Of the 31 rotations planned, 24 went ahead, 6 were postponed and 3 were cancelled."
    (issue,) = figure_issues(text, "en")
    assert text[issue.start : issue.end] == (
        "31 rotations planned, 24 went ahead, 6 were postponed and 3")
    assert issue.computed == 33


@pytest.mark.parametrize("lang,text", [
    ("es", "De los 550 vehículos blindados, 479 (10 %) estaban en servicio."),
    ("ru", "Из 550 бронемашин 479 (10 %) находились в эксплуатации, из которых 600 на севере."),
    ("ar", "من أصل 550 مركبة مدرعة، كانت 479 (10 في المائة) في الخدمة."),
    ("zh", "在550辆装甲车中，479辆（10%）在役，其中600辆在北部。"),
])
def test_other_languages_stay_silent(lang: str, text: str) -> None:
    assert figure_issues(text, lang) == []
