"""Dates, numbers, percentages, lists and letter strings per language."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from drafting.locale_format import (
    LANGUAGES,
    add_months,
    format_date,
    format_list,
    format_month_year,
    format_number,
    format_percent,
    format_period,
    language_name,
    letter_title,
    masthead_strings,
    normalize_lang,
    original_line,
    parse_date,
    parse_number,
)

NBSP = "\u00a0"
NNBSP = "\u202f"
JUNE_1 = dt.date(2020, 6, 1)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "1 June 2020"),
        ("fr", "1er juin 2020"),
        ("es", "1 de junio de 2020"),
        ("ru", "1 июня 2020 года"),
        ("ar", "1 حزيران/يونيه 2020"),
        ("zh", "2020年6月1日"),
    ],
)
def test_format_date_first_of_month(lang: str, expected: str) -> None:
    assert format_date(JUNE_1, lang) == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "31 May 2020"),
        ("fr", "31 mai 2020"),
        ("es", "31 de mayo de 2020"),
        ("ru", "31 мая 2020 года"),
        ("ar", "31 أيار/مايو 2020"),
        ("zh", "2020年5月31日"),
    ],
)
def test_format_date_other_days(lang: str, expected: str) -> None:
    assert format_date(dt.date(2020, 5, 31), lang) == expected


def test_french_ordinal_only_on_the_first() -> None:
    assert format_date(dt.date(2020, 6, 11), "fr") == "11 juin 2020"
    assert format_date(dt.date(2020, 6, 21), "fr") == "21 juin 2020"
    assert format_date(dt.date(2019, 12, 1), "fr") == "1er décembre 2019"


def test_english_date_has_no_comma_and_accepts_datetime() -> None:
    text = format_date(dt.datetime(2020, 6, 2, 15, 30), "en")
    assert text == "2 June 2020"
    assert "," not in text


def test_language_codes_are_normalized() -> None:
    assert format_date(JUNE_1, "fr-FR") == "1er juin 2020"
    assert format_date(JUNE_1, "EN_us") == "1 June 2020"
    assert normalize_lang("zh_Hans") == "zh"
    with pytest.raises(ValueError):
        format_date(JUNE_1, "xx-nonsense")
    with pytest.raises(ValueError):
        normalize_lang("")


def test_month_year() -> None:
    assert format_month_year(JUNE_1, "en") == "June 2020"
    assert format_month_year(JUNE_1, "fr") == "juin 2020"
    assert format_month_year(JUNE_1, "zh") == "2020年6月"
    assert format_month_year(JUNE_1, "ru") == "июнь 2020 года"


def test_period() -> None:
    start, end = dt.date(2019, 12, 1), dt.date(2020, 5, 31)
    assert format_period(start, end, "en") == "from 1 December 2019 to 31 May 2020"
    assert format_period(start, end, "fr") == "du 1er décembre 2019 au 31 mai 2020"
    assert format_period(start, end, "es") == (
        "del 1 de diciembre de 2019 al 31 de mayo de 2020"
    )
    assert format_period(start, end, "ru") == "с 1 декабря 2019 года по 31 мая 2020 года"
    assert format_period(start, end, "zh") == "2019年12月1日至2020年5月31日"


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (dt.date(2019, 12, 1), 6, dt.date(2020, 6, 1)),
        (dt.date(2020, 1, 31), 1, dt.date(2020, 2, 29)),
        (dt.date(2019, 1, 31), 1, dt.date(2019, 2, 28)),
        (dt.date(2020, 12, 31), -6, dt.date(2020, 6, 30)),
        (dt.date(2020, 3, 15), -15, dt.date(2018, 12, 15)),
        (dt.date(2020, 5, 31), 0, dt.date(2020, 5, 31)),
    ],
)
def test_add_months_clamps_the_day(start: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(start, months) == expected


def test_format_number_seed_figures() -> None:
    assert format_number(13289, "fr") == "13" + NNBSP + "289"
    assert format_number(13289, "en") == "13,289"
    assert format_number(550, "fr") == "550"
    assert format_number(550, "en") == "550"
    assert format_number(5.5, "fr") == "5,5"
    assert format_number(5.5, "en") == "5.5"
    assert format_number(1000, "en") == "1,000"


def test_format_number_decimals() -> None:
    assert format_number(Decimal("5.50"), "en") == "5.50"
    assert format_number(13289, "fr", decimals=2) == "13" + NNBSP + "289,00"
    assert format_number(2.675, "en", decimals=2) == "2.68"
    # UN figures round half up, not to even
    assert format_number(0.5, "en", decimals=0) == "1"
    assert format_number(2.5, "en", decimals=0) == "3"
    assert format_number(1234567.5, "ru") == "1" + NBSP + "234" + NBSP + "567,5"


def test_format_percent() -> None:
    assert format_percent(5.5, "fr", decimals=1) == "5,5" + NBSP + "%"
    assert format_percent(87, "fr") == "87" + NBSP + "%"
    assert format_percent(5.5, "en", decimals=1) == "5.5 per cent"
    assert format_percent(87, "en") == "87 per cent"
    assert format_percent(Decimal("7.46"), "fr", decimals=1) == "7,5" + NBSP + "%"
    assert format_percent(12.5, "en") == "13 per cent"
    assert format_percent(5.5, "zh", decimals=1) == "5.5%"
    assert format_percent(5.5, "es", decimals=1) == "5,5" + NBSP + "%"


def test_format_list() -> None:
    assert format_list(["A", "B", "C"], "fr") == "A, B et C"
    assert format_list(["A", "B", "C"], "en") == "A, B and C"
    assert format_list(["A", "B"], "en") == "A and B"
    assert format_list(["A", "B", "C"], "es") == "A, B y C"
    assert format_list(["Gao"], "fr") == "Gao"
    assert format_list([], "fr") == ""


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("13 289", "fr", Decimal("13289")),
        ("13" + NBSP + "289", "fr", Decimal("13289")),
        ("13" + NNBSP + "289", "fr", Decimal("13289")),
        ("13,289", "en", Decimal("13289")),
        ("5,5", "fr", Decimal("5.5")),
        ("5.5", "en", Decimal("5.5")),
        ("87", "fr", Decimal("87")),
        ("550", "en", Decimal("550")),
        (" 1 234 567,25 ", "fr", Decimal("1234567.25")),
        ("-12", "en", Decimal("-12")),
        ("\u221212,5", "fr", Decimal("-12.5")),
        ("13.289", "es", Decimal("13289")),
    ],
)
def test_parse_number_accepts(text: str, lang: str, expected: Decimal) -> None:
    assert parse_number(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("", "fr"),
        ("abc", "en"),
        ("1,23", "en"),  # a comma group must have three digits
        ("13 28", "fr"),
        ("5.5.5", "en"),
        ("5,5", "en"),
        ("12 %", "fr"),
        ("1 2345", "fr"),
        ("13.289", "fr"),  # a full stop is neither a French group nor decimal mark
    ],
)
def test_parse_number_rejects(text: str, lang: str) -> None:
    assert parse_number(text, lang) is None


def test_parse_number_reads_what_format_number_writes() -> None:
    for lang in LANGUAGES:
        for value in (Decimal("0"), Decimal("87"), Decimal("13289"), Decimal("1234567.5")):
            assert parse_number(format_number(value, lang), lang) == value


def test_letter_title_exact_en_fr_es() -> None:
    assert letter_title(JUNE_1, "en") == (
        "Letter dated 1 June 2020 from the Secretary-General addressed to the "
        "President of the Security Council"
    )
    assert letter_title(JUNE_1, "fr") == (
        "Lettre datée du 1er juin 2020, adressée au Président du Conseil de sécurité "
        "par le Secrétaire général"
    )
    assert letter_title(JUNE_1, "es") == (
        "Carta de fecha 1 de junio de 2020 dirigida al Presidente del Consejo de "
        "Seguridad por el Secretario General"
    )


def test_letter_title_ru_ar_zh() -> None:
    assert letter_title(JUNE_1, "ru") == (
        "Письмо Генерального секретаря от 1 июня 2020 года на имя Председателя "
        "Совета Безопасности"
    )
    assert letter_title(JUNE_1, "ar") == (
        "رسالة مؤرخة 1 حزيران/يونيه 2020 موجهة إلى رئيس مجلس الأمن من الأمين العام"
    )
    assert letter_title(JUNE_1, "zh") == "2020年6月1日秘书长给安全理事会主席的信"


def test_letter_title_general_assembly_and_unknown_organ() -> None:
    assert letter_title(JUNE_1, "en", organ="general-assembly").endswith(
        "to the President of the General Assembly"
    )
    assert "de l’Assemblée générale" in letter_title(JUNE_1, "fr", organ="general-assembly")
    with pytest.raises(ValueError):
        letter_title(JUNE_1, "en", organ="trusteeship-council")


EXPECTED_MASTHEAD = {
    "en": ("United Nations", "Security Council", "(Signed)", "Annex", "DRAFT", "E"),
    "fr": ("Nations Unies", "Conseil de sécurité", "(Signé)", "Annexe", "PROJET", "F"),
    "es": ("Naciones Unidas", "Consejo de Seguridad", "(Firmado)", "Anexo", "BORRADOR", "S"),
    "ru": ("Организация Объединенных Наций", "Совет Безопасности", "(Подпись)",
           "Приложение", "ПРОЕКТ", "R"),
    "ar": ("الأمم المتحدة", "مجلس الأمن", "(توقيع)", "المرفق", "مشروع", "A"),
    "zh": ("联合国", "安全理事会", "（签名）", "附件", "草稿", "C"),
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_masthead_strings(lang: str) -> None:
    strings = masthead_strings(lang)
    un, organ, signed, annex, draft, suffix = EXPECTED_MASTHEAD[lang]
    assert strings["united_nations"] == un
    assert strings["organ_security_council"] == organ
    assert strings["signed_prefix"] == signed
    assert strings["annex"] == annex
    assert strings["draft_marker"] == draft
    assert strings["job_suffix"] == suffix
    assert "{language}" in strings["original_label"]
    assert all(isinstance(v, str) for v in strings.values())


def test_masthead_distribution_block() -> None:
    assert masthead_strings("en")["distr_general"] == "Distr.: General"
    assert masthead_strings("fr")["distr_general"] == "Distr. générale"
    assert masthead_strings("es")["distr_general"] == "Distr. general"
    # Russian, Arabic and Chinese UN documents keep this block in English
    for lang in ("ru", "ar", "zh"):
        assert masthead_strings(lang)["distr_general"] == "Distr.: General"
        assert masthead_strings(lang)["masthead_language"] == "en"


def test_masthead_strings_is_a_copy_and_rejects_other_languages() -> None:
    masthead_strings("fr")["annex"] = "changed"
    assert masthead_strings("fr")["annex"] == "Annexe"
    with pytest.raises(ValueError):
        masthead_strings("de")


def test_original_line_names_the_language_in_the_letters_language() -> None:
    assert original_line("en", "en") == "Original: English"
    assert original_line("en", "fr") == "Original" + NBSP + ": anglais"
    assert original_line("fr", "fr") == "Original" + NBSP + ": français"
    assert original_line("en", "es") == "Original: inglés"
    assert original_line("fr", "ru") == "Original: French"
    assert language_name("es", "fr") == "espagnol"


# -- typed dates ------------------------------------------------------------------

@pytest.mark.parametrize("typed", [
    "2020-11-30", "2020/11/30", "20201130", "2020.11.30", " 2020-11-30 ", "2020年11月30日",
    "30/11/2020", "30.11.2020", "30-11-2020", "30/11/20", "11/30/2020",
    "30 November 2020", "November 30, 2020", "30 Nov 2020", "30 novembre 2020",
    "30 de noviembre de 2020", "30 ноября 2020 года", "30 تشرين الثاني/نوفمبر 2020",
])
def test_typed_dates_are_read(typed: str) -> None:
    assert parse_date(typed, ["fr", "es", "ru", "ar", "zh"]) == dt.date(2020, 11, 30)


def test_numbers_are_read_day_first() -> None:
    assert parse_date("01/06/2020") == dt.date(2020, 6, 1)
    assert parse_date("1er juin 2020", ["fr"]) == dt.date(2020, 6, 1)


@pytest.mark.parametrize("typed", ["Not set20201130", "2020-13-01", "31/02/2020", "30 Foo 2020",
                                   "30 November", "tomorrow", "2020-11-30 12"])
def test_unreadable_dates_are_refused(typed: str) -> None:
    with pytest.raises(ValueError):
        parse_date(typed, ["fr"])


def test_an_empty_date_is_none() -> None:
    assert parse_date("  ") is None


@pytest.mark.parametrize("lang", ["en", "fr", "es", "ru", "ar", "zh"])
def test_every_long_date_reads_back(lang: str) -> None:
    day = dt.date(2019, 1, 1)
    while day.year < 2021:
        assert parse_date(format_date(day, lang), [lang]) == day
        day += dt.timedelta(days=17)
