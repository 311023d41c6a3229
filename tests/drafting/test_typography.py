"""Typography issues and fixes in French and English."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafting.references import find_symbols, find_urls
from drafting.typography import (
    TypoIssue,
    apply_issues,
    apply_typography,
    typography_issues,
)

NBSP = "\u00a0"
NNBSP = "\u202f"


def codes(text: str, lang: str) -> list[str]:
    return [issue.code for issue in typography_issues(text, lang)]


# --- French ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected", "code"),
    [
        ("comportant : a)", "comportant" + NBSP + ": a)", "typography.space_before_colon"),
        ("comportant: a)", "comportant" + NBSP + ": a)", "typography.space_before_colon"),
        ("sécurité ; b)", "sécurité" + NBSP + "; b)", "typography.space_before_semicolon"),
        ("sécurité; b)", "sécurité" + NBSP + "; b)", "typography.space_before_semicolon"),
        ("Pourquoi ?", "Pourquoi" + NBSP + "?", "typography.space_before_question"),
        ("Enfin!", "Enfin" + NBSP + "!", "typography.space_before_exclamation"),
        ("479 (87%)", "479 (87" + NBSP + "%)", "typography.space_before_percent"),
        ("30 (5,5 %)", "30 (5,5" + NBSP + "%)", "typography.space_before_percent"),
        ("87" + NNBSP + "%", "87" + NBSP + "%", "typography.space_before_percent"),
    ],
)
def test_french_space_before_punctuation(text: str, expected: str, code: str) -> None:
    assert code in codes(text, "fr")
    assert apply_typography(text, "fr") == expected


@pytest.mark.parametrize(
    "text",
    [
        "sécurité" + NBSP + "; b)",
        "sécurité" + NNBSP + "; b)",  # a narrow space is fine before ; ! ?
        "Pourquoi" + NNBSP + "?",
        "Enfin" + NBSP + "!",
        "comportant" + NBSP + ": a)",
        "5,5" + NBSP + "%",
        "à 10:30 heures",
        "Vraiment" + NBSP + "?!",
    ],
)
def test_french_correct_punctuation_is_left_alone(text: str) -> None:
    assert typography_issues(text, "fr") == []


def test_narrow_space_before_colon_becomes_no_break_space() -> None:
    assert apply_typography("note" + NNBSP + ": x", "fr") == "note" + NBSP + ": x"


@pytest.mark.parametrize(
    "text",
    ["l’opération «Seka» visant", "l’opération « Seka » visant", "l’opération «  Seka »"],
)
def test_french_guillemets(text: str) -> None:
    assert "typography.space_inside_guillemets" in codes(text, "fr")
    fixed = apply_typography(text, "fr")
    assert "«" + NBSP + "Seka" + NBSP + "»" in fixed


def test_french_apostrophe() -> None:
    assert apply_typography("J'ai l'honneur d'aujourd'hui", "fr") == (
        "J’ai l’honneur d’aujourd’hui"
    )
    assert "typography.straight_apostrophe" in codes("l'Accord", "fr")
    # a quote mark after a space is not an apostrophe
    assert apply_typography("dit 'non'", "fr") == "dit 'non’"


def test_french_first_of_month() -> None:
    fixed = apply_typography("Le 1 juin 2020, la Mission", "fr")
    assert fixed == "Le 1er" + NBSP + "juin 2020, la Mission"
    assert "typography.first_day_ordinal" in codes("le 1 juin", "fr")


@pytest.mark.parametrize(
    "text",
    ["le 1er" + NBSP + "juin 2020", "le 11" + NBSP + "juin", "1 soldat", "1 juinet", "21 mai"],
)
def test_french_first_of_month_not_elsewhere(text: str) -> None:
    assert "typography.first_day_ordinal" not in codes(text, "fr")


def test_french_no_break_space_in_dates() -> None:
    assert apply_typography("Les 26 et 27 avril", "fr") == "Les 26 et 27" + NBSP + "avril"
    assert apply_typography("le 1er juin 2020", "fr") == "le 1er" + NBSP + "juin 2020"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("13289 soldats", "13" + NNBSP + "289 soldats"),
        ("13 289 soldats", "13" + NNBSP + "289 soldats"),
        ("13" + NBSP + "289 soldats", "13" + NNBSP + "289 soldats"),
        ("1234567 francs", "1" + NNBSP + "234" + NNBSP + "567 francs"),
        ("1500 soldats", "1" + NNBSP + "500 soldats"),
        ("13289,5 tonnes", "13" + NNBSP + "289,5 tonnes"),
    ],
)
def test_french_thousands(text: str, expected: str) -> None:
    assert "typography.thousands_separator" in codes(text, "fr")
    assert apply_typography(text, "fr") == expected


@pytest.mark.parametrize(
    "text",
    [
        "en 2020 et en 1999",
        "13" + NNBSP + "289 soldats",
        "550 soldats",
        "voir S/2020/223 et S/2019/1004",
        "la résolution 2480" + NBSP + "(2019)",
        "la résolution 2480 du Conseil",
        "Tél. +223 20 22 33 44",
        "le numéro 20-07899",
        "5,1234 mètres",
        "https://undocs.org/fr/S/2019/1004",
        "p. 1234",
        "code 00123",
        "S/2202/22334",
        "voir S/RES/24801",
    ],
)
def test_french_thousands_not_applied(text: str) -> None:
    assert "typography.thousands_separator" not in codes(text, "fr")


def test_french_resolution_year_gets_no_break_space() -> None:
    text = "la résolution 2480 (2019) et les résolutions 2423 (2018) et 2531" + NNBSP + "(2020)"
    fixed = apply_typography(text, "fr")
    assert "2480" + NBSP + "(2019)" in fixed
    assert "2423" + NBSP + "(2018)" in fixed
    assert "2531" + NBSP + "(2020)" in fixed
    assert [r.symbol for r in find_symbols(fixed, "fr")] == [
        r.symbol for r in find_symbols(text, "fr")
    ]


def test_double_spaces() -> None:
    assert apply_typography("la  Mission   a", "fr") == "la Mission a"
    assert apply_typography("the  Mission", "en") == "the Mission"
    assert apply_typography("la" + NBSP + " Mission", "fr") == "la" + NBSP + "Mission"
    assert apply_typography("Миссия  работает", "ru") == "Миссия работает"
    # leading and trailing spaces are not "double spaces"
    assert typography_issues("  texte", "fr") == []


def test_seed_paragraph_in_french() -> None:
    text = (
        "Sur 550 véhicules blindés, 479 (87 %) roulent au quotidien et 30 (5,5 %) attendent "
        "leurs entretiens ; au total, 13289 personnes sont arrivées depuis le 1 juin 2020 "
        "(voir S/2020/223 et S/2020/476 et la résolution 2480 (2019))."
    )
    fixed = apply_typography(text, "fr")
    assert "550 véhicules" in fixed
    assert "(87" + NBSP + "%)" in fixed
    assert "(5,5" + NBSP + "%)" in fixed
    assert "entretiens" + NBSP + ";" in fixed
    assert "13" + NNBSP + "289 personnes" in fixed
    assert "1er" + NBSP + "juin 2020" in fixed
    assert "S/2020/223 et S/2020/476" in fixed
    assert "2480" + NBSP + "(2019))." in fixed


# --- English -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("479 (87%) of them", "479 (87 per cent) of them"),
        ("30 (5.5 %) of them", "30 (5.5 per cent) of them"),
        ("3 percent", "3 per cent"),
    ],
)
def test_english_per_cent(text: str, expected: str) -> None:
    assert "typography.per_cent" in codes(text, "en")
    assert apply_typography(text, "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("13289 troops", "13,289 troops"),
        ("13 289 troops", "13,289 troops"),
        ("1500 troops", "1,500 troops"),
        ("1234567.5 dollars", "1,234,567.5 dollars"),
    ],
)
def test_english_thousands(text: str, expected: str) -> None:
    assert apply_typography(text, "en") == expected


@pytest.mark.parametrize(
    "text",
    ["in 2020", "13,289 troops", "550 troops", "S/2019/1004", "resolution 2480 (2019)",
     "1234,5 metres"],
)
def test_english_thousands_not_applied(text: str) -> None:
    assert "typography.thousands_separator" not in codes(text, "en")


def test_english_dates() -> None:
    assert apply_typography("since the 1st June", "en") == "since the 1 June"
    assert apply_typography("on the 21st of May", "en") == "on the 21 May"
    assert apply_typography("on June 1, 2020,", "en") == "on 1 June 2020,"
    assert apply_typography("on 1 June 2020", "en") == "on 1 June 2020"
    assert "typography.date_ordinal" not in codes("the 1st battalion", "en")


def test_english_apostrophe_and_no_french_rules() -> None:
    assert apply_typography("the Mission's troops", "en") == "the Mission’s troops"
    assert typography_issues("note: the question?", "en") == []
    assert typography_issues("« quoted »", "en") == []


# --- mechanics -----------------------------------------------------------------


def test_issue_shape_and_messages() -> None:
    text = "note: 87%"
    issues = typography_issues(text, "fr")
    assert all(isinstance(i, TypoIssue) for i in issues)
    assert all(i.code.startswith("typography.") and i.message for i in issues)
    assert [i.offset for i in issues] == sorted(i.offset for i in issues)
    assert apply_issues(text, issues) == "note" + NBSP + ": 87" + NBSP + "%"


def test_issues_never_overlap() -> None:
    text = "le 1 juin, «  Seka  » ; 13289 soldats (87 %)  : fin"
    issues = typography_issues(text, "fr")
    for a, b in zip(issues, issues[1:], strict=False):
        assert a.offset + a.length <= b.offset


def test_symbols_and_urls_untouched() -> None:
    text = "Voir https://undocs.org/fr/S/2020/223?x=1:2 et S/RES/2480 (2019) ; S/2020/1234."
    fixed = apply_typography(text, "fr")
    assert "https://undocs.org/fr/S/2020/223?x=1:2" in fixed
    assert "S/RES/2480 (2019)" in fixed
    assert "S/2020/1234" in fixed


def test_other_languages_only_fix_spaces() -> None:
    assert apply_typography("87% y 13289", "es") == "87% y 13289"
    assert apply_typography("它's  好", "zh") == "它's 好"


# --- properties ----------------------------------------------------------------

_FRAGMENTS = st.sampled_from([
    "la", "Mission", "J'ai", "l'opération", "«", "»", ":", ";", "!", "?", "%", "87", "5,5",
    "5.5", "13289", "13 289", "2020", "1", "juin", "June", "1st", "mai", "et", "and",
    "résolution", "resolution", "2480", "(2019)", "2480 (2019)", "S/2020/223", "S/2019/1004",
    "S/PRST/2020/5", "S/RES/2480 (2019)", "www.un.org/a?b=1:2",
    "https://undocs.org/fr/S/2020/223", "percent", ",", ".", "(", ")", "'", "10:30", "+223", "1500",
])
_GLUE = st.sampled_from(["", " ", "  ", NBSP, NNBSP, " " + NBSP])


@st.composite
def letter_text(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.tuples(_FRAGMENTS, _GLUE), max_size=14))
    return "".join(frag + glue for frag, glue in parts)


@settings(max_examples=150, deadline=None)
@given(letter_text(), st.sampled_from(["fr", "en"]))
def test_apply_typography_is_idempotent(text: str, lang: str) -> None:
    once = apply_typography(text, lang)
    assert apply_typography(once, lang) == once
    assert typography_issues(once, lang) == []


@settings(max_examples=150, deadline=None)
@given(letter_text(), st.sampled_from(["fr", "en"]))
def test_symbols_and_urls_survive_typography(text: str, lang: str) -> None:
    fixed = apply_typography(text, lang)
    urls = [text[s:e] for s, e in find_urls(text)]
    assert [fixed[s:e] for s, e in find_urls(fixed)] == urls
    written = [r.text for r in find_symbols(text, lang) if r.text.startswith(("S/", "A/"))]
    written_after = [r.text for r in find_symbols(fixed, lang) if r.text.startswith(("S/", "A/"))]
    assert written_after == written
    assert [r.symbol for r in find_symbols(fixed, lang)] == [
        r.symbol for r in find_symbols(text, lang)
    ]


@settings(max_examples=100, deadline=None)
@given(letter_text())
def test_typography_only_changes_spacing_and_marks_in_french(text: str) -> None:
    fixed = apply_typography(text, "fr")

    def letters(s: str) -> str:
        return re.sub(r"[\s\u00a0\u202f'’]|er", "", s)

    # French fixes add "er" and change spaces and apostrophes; nothing else moves
    assert letters(fixed) == letters(text)


def test_a_number_followed_by_its_year_is_never_grouped() -> None:
    # "2480 (2019)" names a resolution even when the word "resolution" is not there
    assert apply_typography("see 2480 (2019) and 13289 cases", "en") == (
        "see 2480 (2019) and 13,289 cases")
    assert apply_typography("voir 2480 (2019) et 13289 cas", "fr") == (
        "voir 2480 (2019) et 13\u202f289 cas")


def test_a_long_paragraph_gets_every_fix() -> None:
    # 30,000 fixes in a 114,000-character paragraph (applied in one pass, not
    # one slice per fix, which took minutes under the fuzz tests)
    text = "l'a  dit : 13289 ; " * 6000
    assert apply_typography(text, "fr") == "l’a dit\u00a0: 13\u202f289\u00a0; " * 6000


@pytest.mark.parametrize("lang,text,fixed", [
    ("en", "Under resolution 2480(2019), the Mission acts.",
     "Under resolution 2480 (2019), the Mission acts."),
    ("fr", "Selon la résolution 2480(2019), la Mission agit.",
     "Selon la résolution 2480\u00a0(2019), la Mission agit."),
])
def test_a_resolution_year_glued_to_its_number_gets_its_space(
        lang: str, text: str, fixed: str) -> None:
    codes = [i.code for i in typography_issues(text, lang)]
    assert codes == (["typography.space_resolution_year"] if lang == "en"
                     else ["typography.nbsp_resolution_year"])
    assert apply_typography(text, lang) == fixed


def test_the_export_writes_the_resolution_space_inside_its_link() -> None:
    from drafting.export.pieces import split_for_links, typeset
    from drafting.letter import spans_from_text

    text = "Under resolution 2480(2019), the Mission acts."
    pieces = typeset(split_for_links(spans_from_text(text), "en"),
                     typography_issues(text, "en"))
    link = next(p for p in pieces if p.url)
    assert (link.text, link.url) == ("2480 (2019)", "https://undocs.org/en/S/RES/2480(2019)")


def test_french_ordinals_are_raised_in_the_export() -> None:
    """"1er juin" prints with its ending raised, as French typography sets it;
    a symbol ending in 1 is left alone."""
    from drafting.export.pieces import ordinal_parts

    assert ordinal_parts("datée du 1er\u00a0juin 2020", "fr") == [
        ("datée du 1", False), ("er", True), ("\u00a0juin 2020", False)]
    assert ordinal_parts("la 1re compagnie", "fr") == [
        ("la 1", False), ("re", True), (" compagnie", False)]
    for untouched in ("le 21er", "S/2020/1er", "A-1er", "1erement"):
        assert ordinal_parts(untouched, "fr") == [(untouched, False)]
    assert ordinal_parts("1er June", "en") == [("1er June", False)]
