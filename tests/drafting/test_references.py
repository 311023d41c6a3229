"""Finding UN document symbols, linking them, and reporting broken ones."""

from __future__ import annotations

import pytest

from drafting.references import (
    SymbolRef,
    find_malformed_symbols,
    find_symbols,
    find_urls,
    protected_spans,
    symbol_url,
)

NBSP = "\u00a0"
NNBSP = "\u202f"


def symbols(text: str, lang: str = "fr") -> list[str]:
    return [ref.symbol for ref in find_symbols(text, lang)]


def test_seed_report_symbols() -> None:
    text = "Mes deux derniers rapports trimestriels (S/2020/223 et S/2020/476) le montrent"
    refs = find_symbols(text, "fr")
    assert refs == [
        SymbolRef(text.index("S/2020/223"), text.index("S/2020/223") + 10, "S/2020/223",
                  "S/2020/223"),
        SymbolRef(text.index("S/2020/476"), text.index("S/2020/476") + 10, "S/2020/476",
                  "S/2020/476"),
    ]


def test_symbol_at_sentence_end_excludes_the_full_stop() -> None:
    text = "Depuis ma précédente lettre (S/2019/1004). Voir aussi S/PRST/2020/5."
    refs = find_symbols(text)
    assert [r.text for r in refs] == ["S/2019/1004", "S/PRST/2020/5"]
    assert [r.symbol for r in refs] == ["S/2019/1004", "S/PRST/2020/5"]


def test_resolution_phrase_spans_number_and_year_only() -> None:
    text = "conformément à la résolution 2480 (2019) adoptée par le Conseil"
    (ref,) = find_symbols(text, "fr")
    assert ref.text == "2480 (2019)"
    assert text[ref.start:ref.end] == "2480 (2019)"
    assert ref.symbol == "S/RES/2480(2019)"


@pytest.mark.parametrize("space", [" ", NBSP, NNBSP, "", "  "])
def test_resolution_year_after_any_space(space: str) -> None:
    text = f"resolution 2480{space}(2019)"
    assert symbols(text, "en") == ["S/RES/2480(2019)"]
    assert find_symbols(text, "en")[0].text == f"2480{space}(2019)"


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("resolutions 2423 (2018) and 2480 (2019)", "en",
         ["S/RES/2423(2018)", "S/RES/2480(2019)"]),
        ("résolutions 2423 (2018) et 2480 (2019)", "fr",
         ["S/RES/2423(2018)", "S/RES/2480(2019)"]),
        ("resolutions 2364 (2017), 2423 (2018) and 2480 (2019)", "en",
         ["S/RES/2364(2017)", "S/RES/2423(2018)", "S/RES/2480(2019)"]),
        ("resolutions 2423 (2018), 2480 (2019), and 2531 (2020)", "en",
         ["S/RES/2423(2018)", "S/RES/2480(2019)", "S/RES/2531(2020)"]),
        ("re\u0301solution 2480 (2019)", "fr", ["S/RES/2480(2019)"]),
        ("la resolución 2480 (2019) del Consejo", "es", ["S/RES/2480(2019)"]),
        ("las resoluciones 2423 (2018) y 2480 (2019)", "es",
         ["S/RES/2423(2018)", "S/RES/2480(2019)"]),
        ("Resolution 2531 (2020), paragraph 63", "en", ["S/RES/2531(2020)"]),
        ("резолюции 2480 (2019) Совета", "ru", ["S/RES/2480(2019)"]),
        ("安理会第2480(2019)号决议", "zh", ["S/RES/2480(2019)"]),
        ("General Assembly resolution 75/1", "en", ["A/RES/75/1"]),
    ],
)
def test_resolution_phrases(text: str, lang: str, expected: list[str]) -> None:
    assert symbols(text, lang) == expected


def test_refs_are_ordered_and_disjoint() -> None:
    text = (
        "Vu les résolutions 2423 (2018) et 2480 (2019), S/RES/2531 (2020), S/2020/223, "
        "S/PRST/2020/5 et la résolution 2480 (2019)."
    )
    refs = find_symbols(text, "fr")
    assert len(refs) == 6
    for a, b in zip(refs, refs[1:], strict=False):
        assert a.end <= b.start
    for ref in refs:
        assert text[ref.start:ref.end] == ref.text


def test_resolution_list_does_not_swallow_a_following_day() -> None:
    text = "resolution 2480 (2019) and 15 June"
    assert symbols(text, "en") == ["S/RES/2480(2019)"]
    assert find_malformed_symbols(text, "en") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("S/RES/2480 (2019)", "S/RES/2480(2019)"),
        ("S/RES/2480(2019)", "S/RES/2480(2019)"),
        ("A/74/6/Add.1", "A/74/6/Add.1"),
        # a volume or section is part of the symbol, and of its link
        ("A/80/6 (Sect. 36)", "A/80/6(Sect.36)"),
        ("A/74/5 (Vol. II)", "A/74/5(Vol.II)"),
        ("A/74/5\u00a0(Vol.\u00a0II)", "A/74/5(Vol.II)"),
        ("A/80/6 (Sect. 24)/Corr.1", "A/80/6(Sect.24)/Corr.1"),
        ("A/74/6/Add.1/Corr.1", "A/74/6/Add.1/Corr.1"),
        ("A/75/6/Rev.1", "A/75/6/Rev.1"),
        ("S/2019/1004/Corr.1", "S/2019/1004/Corr.1"),
        ("A/RES/75/1", "A/RES/75/1"),
        ("A/C.5/74/L.12", "A/C.5/74/L.12"),
        ("E/2020/33/Rev.1", "E/2020/33/Rev.1"),
        ("ST/SGB/2019/8", "ST/SGB/2019/8"),
        ("A/HRC/43/70", "A/HRC/43/70"),
        ("S/25704", "S/25704"),
    ],
)
def test_written_symbols(text: str, expected: str) -> None:
    assert symbols(f"see {text} here", "en") == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "2480 (2019)",  # a number and a year with no resolution keyword
        "Gao/Tombouctou",
        "the years 2019/2020",
        "NS/2020/223",
        "page 12/40",
        "S/RES/2480",
        "S/2020/",
    ],
)
def test_not_symbols(text: str) -> None:
    assert symbols(text, "en") == []


def test_nothing_inside_urls() -> None:
    text = "voir https://undocs.org/fr/S/2020/223 et www.un.org/S/2019/1004, puis S/2020/476."
    assert symbols(text) == ["S/2020/476"]
    assert find_malformed_symbols("https://undocs.org/fr/S/RES/2480", "fr") == []
    url_text = "https://undocs.org/fr/S/2020/223"
    assert find_urls(f"({url_text}).") == [(1, 1 + len(url_text))]


@pytest.mark.parametrize(
    ("symbol", "lang", "url"),
    [
        ("S/RES/2480(2019)", "fr", "https://undocs.org/fr/S/RES/2480(2019)"),
        ("S/RES/2480 (2019)", "en", "https://undocs.org/en/S/RES/2480(2019)"),
        ("S/2020/223", "fr", "https://undocs.org/fr/S/2020/223"),
        ("S/PRST/2020/5", "es", "https://undocs.org/es/S/PRST/2020/5"),
        ("A/74/6/Add.1", "zh", "https://undocs.org/zh/A/74/6/Add.1"),
        ("S/2020/223", "ar", "https://undocs.org/ar/S/2020/223"),
        ("S/2020/223", "ru", "https://undocs.org/ru/S/2020/223"),
        ("S/2020/223", "fr-CA", "https://undocs.org/fr/S/2020/223"),
        ("S/2020/223", "de", "https://undocs.org/en/S/2020/223"),
    ],
)
def test_symbol_url(symbol: str, lang: str, url: str) -> None:
    assert symbol_url(symbol, lang) == url


def test_every_found_symbol_links_without_spaces() -> None:
    text = "résolutions 2423" + NBSP + "(2018) et 2480 (2019), S/RES/2531 (2020)"
    for ref in find_symbols(text, "fr"):
        url = symbol_url(ref.symbol, "fr")
        assert " " not in url and NBSP not in url
        assert url.startswith("https://undocs.org/fr/S/RES/")


def malformed(text: str, lang: str = "fr") -> list[tuple[str, str]]:
    return [(found, message) for _s, _e, found, message in find_malformed_symbols(text, lang)]


def test_malformed_symbol_without_number() -> None:
    ((found, message),) = malformed("voir le rapport S/2020/ publié")
    assert found == "S/2020/"
    assert "S/2020/" in message


def test_malformed_resolution_without_year() -> None:
    ((found, message),) = malformed("conformément à la résolution 2480 du Conseil")
    assert found == "2480"
    assert "2480" in message
    ((found, _m),) = malformed("pursuant to resolution 2480.", "en")
    assert found == "2480"


def test_malformed_list_item_without_year() -> None:
    found = malformed("résolutions 2423 (2018) et 2480.")
    assert [f for f, _m in found] == ["2480"]
    assert [f for f, _m in malformed("resolutions 2423 and 2480", "en")] == ["2423", "2480"]


def test_malformed_sres_without_year() -> None:
    ((found, message),) = malformed("S/RES/2480 adoptée")
    assert found == "S/RES/2480"
    assert "S/RES/2480" in message


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("S/2202/223", "S/2202/223"),
        ("S/1900/1", "S/1900/1"),
        ("S/PRST/2120/5", "S/PRST/2120/5"),
        ("résolution 2480 (1919)", "2480 (1919)"),
        ("S/RES/2480 (2480)", "S/RES/2480 (2480)"),
    ],
)
def test_malformed_years(text: str, found: str) -> None:
    ((got, message),) = malformed(text)
    assert got == found
    assert "1946" in message
    assert symbols(text) == []


def test_well_formed_text_has_no_malformed_symbols() -> None:
    text = (
        "J’ai l’honneur de vous écrire au sujet de la résolution 2480 (2019) ; voir "
        "S/2020/223 et S/2020/476, S/2019/1004, S/PRST/2020/5 et S/RES/2531 (2020)."
    )
    assert find_malformed_symbols(text, "fr") == []
    assert len(find_symbols(text, "fr")) == 6


def test_malformed_offsets_point_at_the_text() -> None:
    text = "Selon la résolution 2100, et S/2020/ ainsi."
    for start, end, found, _message in find_malformed_symbols(text, "fr"):
        assert text[start:end] == found


def test_protected_spans_cover_symbols_urls_and_malformed() -> None:
    text = "S/2020/223, https://un.org/x, résolution 2480 et S/ABC/12/X"
    spans = protected_spans(text, "fr")
    covered = {text[s:e] for s, e in spans}
    assert "S/2020/223" in covered
    assert "https://un.org/x" in covered
    assert "2480" in covered
    assert any(c.startswith("S/ABC/12") for c in covered)


# -- Russian, Arabic and Chinese resolution phrases ---------------------------


@pytest.mark.parametrize(
    ("text", "lang", "found"),
    [
        ("Совет в резолюция 2531 (2020) просил", "ru", "2531 (2020)"),
        ("во исполнение резолюции 2480 (2019) Совета Безопасности", "ru", "2480 (2019)"),
        ("في القرار 2531 (2020)", "ar", "2531 (2020)"),
        ("أتشرف بالإشارة إلى قرار مجلس الأمن 2531 (2020) بشأن مالي", "ar", "2531 (2020)"),
        ("عملا بالقرار 2531 (2020)", "ar", "2531 (2020)"),
        ("وفقا للقرار 2531" + NBSP + "(2020)", "ar", "2531" + NBSP + "(2020)"),
        ("安全理事会第2531(2020)号决议第63段", "zh", "2531(2020)"),
        ("安全理事会第 2531 (2020) 号决议", "zh", "2531 (2020)"),
        ("安理会第2531（2020）号决议", "zh", "2531（2020）"),
    ],
)
def test_resolution_phrases_in_ru_ar_zh(text: str, lang: str, found: str) -> None:
    (ref,) = find_symbols(text, lang)
    number = found[:4]
    year = "2020" if number == "2531" else "2019"
    assert ref.symbol == f"S/RES/{number}({year})"
    # number and year only, the keyword (and 第…号决议) stays outside the span
    assert ref.text == found
    assert text[ref.start:ref.end] == found
    assert symbol_url(ref.symbol, lang).startswith(f"https://undocs.org/{lang}/S/RES/")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("резолюция 2531 (2020)", "ru"),
        ("резолюции 2531 (2020)", "ru"),
        ("القرار 2531 (2020)", "ar"),
        ("قرار مجلس الأمن 2531 (2020)", "ar"),
        ("第2531(2020)号决议", "zh"),
        ("第 2531 (2020) 号决议", "zh"),
    ],
)
def test_the_phrases_of_the_brief_give_the_mandate_symbol(text: str, lang: str) -> None:
    assert symbols(text, lang) == ["S/RES/2531(2020)"]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("резолюциями 2423 (2018) и 2480 (2019)", "ru",
         ["S/RES/2423(2018)", "S/RES/2480(2019)"]),
        ("القرارين 2423 (2018) و 2480 (2019)", "ar",
         ["S/RES/2423(2018)", "S/RES/2480(2019)"]),
        ("第2423(2018)号和第2480(2019)号决议", "zh",
         ["S/RES/2423(2018)", "S/RES/2480(2019)"]),
        ("第2364(2017)号、第2423(2018)号和第2480(2019)号决议", "zh",
         ["S/RES/2364(2017)", "S/RES/2423(2018)", "S/RES/2480(2019)"]),
    ],
)
def test_resolution_lists_in_ru_ar_zh(text: str, lang: str, expected: list[str]) -> None:
    assert symbols(text, lang) == expected


@pytest.mark.parametrize(
    "text",
    [
        "اتخذ المجلس قراره بالإجماع في 2020",  # "its decision", then a bare year
        "القرار النهائي",  # no number
        "2531 (2020)号",  # no 决议
        "第2531号决议",  # no year: not a symbol
    ],
)
def test_ru_ar_zh_non_references(text: str) -> None:
    assert symbols(text, "ar") == []


def test_arabic_resolution_without_year_and_chinese_bad_year_are_malformed() -> None:
    ((found, message),) = malformed("عملا بالقرار 2480 المتعلق بمالي", "ar")
    assert found == "2480"
    assert "2480" in message
    ((found, message),) = malformed("第2480(1900)号决议", "zh")
    assert found == "2480(1900)"
    assert "1946" in message
    assert symbols("第2480(1900)号决议", "zh") == []


def test_symbol_without_number_at_the_end_of_a_sentence_is_malformed() -> None:
    from drafting.references import find_malformed_symbols as _malformed

    assert [m[2] for m in _malformed("See document S/2020/.", "en")] == ["S/2020/"]
    assert _malformed("See document S/2020/223.", "en") == []
