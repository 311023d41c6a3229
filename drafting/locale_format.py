"""Dates, numbers, percentages and lists in the letter's language (babel only).

Every module formats figures through these functions; nothing hand-formats a
number or a date. CLDR (through babel) is the base; where United Nations
editorial style departs from CLDR the departure is made here, explicitly:

- English dates are day-month-year without a comma ("1 June 2020"); English
  lists have no serial comma ("A, B and C"); English percentages in running
  text read "5.5 per cent".
- French dates take the ordinal "1er" for the first day of the month only;
  French percentages use U+00A0 before "%"; French thousands use U+202F.
- Russian dates spell the year out as "года" ("1 июня 2020 года") rather than
  CLDR's "г.", as Russian UN documents do.
- Arabic dates use the double month names of UN Arabic ("حزيران/يونيه"),
  with Western digits, as Arabic UN documents do.

Letter-language strings (titles, mastheads) live in `drafting.letter_strings`
and are re-exported here: they are data, not interface strings, so they are
not in the gettext catalog.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import functools
import re
import unicodedata
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from babel import Locale, UnknownLocaleError
from babel import dates as _bdates
from babel import lists as _blists
from babel import numbers as _bnumbers

from drafting.letter_strings import (
    LANGUAGES,
    language_name,
    masthead_strings,
    original_line,
    title_shape,
)

__all__ = [
    "LANGUAGES",
    "add_months",
    "format_date",
    "format_list",
    "format_month_year",
    "format_number",
    "format_percent",
    "format_period",
    "language_name",
    "letter_title",
    "masthead_strings",
    "normalize_lang",
    "original_line",
    "parse_date",
    "parse_number",
]

NBSP = "\u00a0"
NNBSP = "\u202f"

# UN Arabic writes each month with its Levantine and its Egyptian name.
_AR_MONTHS: tuple[str, ...] = (
    "كانون الثاني/يناير",
    "شباط/فبراير",
    "آذار/مارس",
    "نيسان/أبريل",
    "أيار/مايو",
    "حزيران/يونيه",
    "تموز/يوليه",
    "آب/أغسطس",
    "أيلول/سبتمبر",
    "تشرين الأول/أكتوبر",
    "تشرين الثاني/نوفمبر",
    "كانون الأول/ديسمبر",
)


def normalize_lang(lang: str) -> str:
    """A babel locale identifier for `lang` ("fr-FR", "fr_FR", "FR" → "fr"/"fr_FR").

    The six UN languages are reduced to their bare code; any other locale babel
    knows is kept as given. Raises ValueError for an unknown or empty code.
    """
    code = (lang or "").strip().replace("-", "_")
    if not code:
        raise ValueError("empty language code")
    base = code.split("_", 1)[0].lower()
    if base in LANGUAGES:
        return base
    try:
        Locale.parse(code)
    except (UnknownLocaleError, ValueError) as exc:
        raise ValueError(f"unknown language code: {lang!r}") from exc
    return code


def _quote(literal: str) -> str:
    """`literal` quoted for a CLDR date pattern."""
    return "'" + literal.replace("'", "''") + "'"


def _as_date(d: _dt.date | _dt.datetime) -> _dt.date:
    return d.date() if isinstance(d, _dt.datetime) else d


def format_date(d: _dt.date | _dt.datetime, lang: str) -> str:
    """The long date of a UN letter: en "1 June 2020", fr "1er juin 2020".

    es "1 de junio de 2020", ru "1 июня 2020 года", ar "1 حزيران/يونيه 2020",
    zh "2020年6月1日"; other locales get their CLDR long format.
    """
    day = _as_date(d)
    loc = normalize_lang(lang)
    if loc == "en":
        return _bdates.format_date(day, "d MMMM y", locale="en")
    if loc == "fr":
        pattern = "d'er' MMMM y" if day.day == 1 else "d MMMM y"
        return _bdates.format_date(day, pattern, locale="fr")
    if loc == "ru":
        return _bdates.format_date(day, "d MMMM y 'года'", locale="ru")
    if loc == "ar":
        pattern = "d " + _quote(_AR_MONTHS[day.month - 1]) + " y"
        return _bdates.format_date(day, pattern, locale="ar")
    return _bdates.format_date(day, "long", locale=loc)


def letter_title(
    letter_date: _dt.date | _dt.datetime, lang: str, organ: str = "security-council"
) -> str:
    """The title of a letter from the Secretary-General to the President of `organ`.

    en "Letter dated 1 June 2020 from the Secretary-General addressed to the
    President of the Security Council"; fr "Lettre datée du 1er juin 2020,
    adressée au Président du Conseil de sécurité par le Secrétaire général".
    `organ` is "security-council" or "general-assembly" (ValueError otherwise).
    """
    shape, organ_phrase = title_shape(lang, organ)
    return shape.format(date=format_date(letter_date, lang), organ=organ_phrase)


def format_month_year(d: _dt.date | _dt.datetime, lang: str) -> str:
    """Month and year: en "June 2020", fr "juin 2020", zh "2020年6月"."""
    day = _as_date(d)
    loc = normalize_lang(lang)
    if loc == "en":
        return _bdates.format_date(day, "LLLL y", locale="en")
    if loc == "fr":
        return _bdates.format_date(day, "LLLL y", locale="fr")
    if loc == "ru":
        return _bdates.format_date(day, "LLLL y 'года'", locale="ru")
    if loc == "ar":
        return _bdates.format_date(day, _quote(_AR_MONTHS[day.month - 1]) + " y", locale="ar")
    return _bdates.format_skeleton("yMMMM", day, locale=loc)


def format_period(start: _dt.date, end: _dt.date, lang: str) -> str:
    """A reporting period: en "from 1 December 2019 to 31 May 2020".

    fr "du 1er décembre 2019 au 31 mai 2020", es "del 1 de diciembre de 2019
    al 31 de mayo de 2020", ru "с 1 декабря 2019 года по 31 мая 2020 года",
    ar "من 1 … 2019 إلى 31 … 2020", zh "2019年12月1日至2020年5月31日".
    """
    loc = normalize_lang(lang)
    a, b = format_date(start, loc), format_date(end, loc)
    shapes = {
        "en": "from {a} to {b}",
        "fr": "du {a} au {b}",
        "es": "del {a} al {b}",
        "ru": "с {a} по {b}",
        "ar": "من {a} إلى {b}",
        "zh": "{a}至{b}",
    }
    return shapes.get(loc, "{a} – {b}").format(a=a, b=b)


# Typed dates: year first (ISO, Chinese), or day and month then the year.
_YEAR_FIRST = re.compile(r"(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_YEAR_LAST = re.compile(r"(\d{1,2})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{4}|\d{2})")
# Words a long date may carry besides day, month and year.
_DATE_NOISE = re.compile(r"\b(?:de|del|le|du|the|of|года|год|г)\b\.?|(?<=\d)(?:er|re|st|nd|rd|th|º)\b")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@functools.cache
def _month_names(languages: tuple[str, ...]) -> dict[str, int]:
    """Folded month names (wide and abbreviated, both contexts) → month number."""
    names: dict[str, int] = {}
    for lang in dict.fromkeys([*languages, "en", "fr"]):
        try:
            loc = normalize_lang(lang)
        except ValueError:
            continue
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in _bdates.get_month_names(width, context, loc).items():
                    names.setdefault(_fold(str(name)).rstrip("."), int(number))
        if loc == "ar":
            for number, double in enumerate(_AR_MONTHS, start=1):
                for part in double.split("/"):
                    names.setdefault(_fold(part), number)
    return names


def _make_date(year: int, month: int, day: int) -> _dt.date | None:
    try:
        return _dt.date(year, month, day)
    except ValueError:
        return None


def parse_date(text: str, languages: Iterable[str] = ("en",)) -> _dt.date | None:
    """A date typed by a writer; None for an empty text; ValueError when unreadable.

    Accepts ISO and other year-first forms ("2020-11-30", "2020/11/30",
    "20201130", "2020年11月30日"); numbers with the year last, read day first as
    UN documents and the six interface languages write them ("30/11/2020",
    "30.11.20"; month first only when day first is impossible: "11/30/2020");
    and long dates with a month name in any of `languages`, English or French
    ("30 November 2020", "November 30, 2020", "1er juin 2020",
    "30 de noviembre de 2020", "30 ноября 2020 года").
    """
    raw = " ".join(text.split())
    if not raw:
        return None
    for pattern in (_COMPACT, _YEAR_FIRST):
        m = pattern.fullmatch(raw)
        if m:
            found = _make_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            if found is not None:
                return found
            raise ValueError(raw)
    m = _YEAR_LAST.fullmatch(raw)
    if m:
        a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        full_year = y + 2000 if y < 100 else y
        found = _make_date(full_year, b, a) or _make_date(full_year, a, b)
        if found is not None:
            return found
        raise ValueError(raw)
    # Arabic months come in pairs, "حزيران/يونيه": either name is the month.
    folded = _DATE_NOISE.sub(" ", _fold(raw)).replace(",", " ").replace("/", " ")
    months = dict(_month_names(tuple(languages)))
    for name in sorted((n for n in months if " " in n), key=len, reverse=True):
        if name in folded:  # "تشرين الثاني": one month in two words
            folded = folded.replace(name, f" #{months[name]} ")
            months[f"#{months[name]}"] = months[name]
    day: int | None = None
    month: int | None = None
    year: int | None = None
    for token in folded.split():
        token = token.rstrip(".")
        if token.isdigit() and len(token) == 4 and year is None:
            year = int(token)
        elif token.isdigit() and len(token) <= 2 and day is None:
            day = int(token)
        elif token in months and month in (None, months[token]):
            month = months[token]
        elif token:
            raise ValueError(raw)
    if day is None or month is None or year is None:
        raise ValueError(raw)
    found = _make_date(year, month, day)
    if found is None:
        raise ValueError(raw)
    return found


def add_months(d: _dt.date, n: int) -> _dt.date:
    """`d` moved by `n` months (negative allowed), the day clamped to the month's end."""
    index = d.year * 12 + (d.month - 1) + n
    year, month0 = divmod(index, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return d.replace(year=year, month=month0 + 1, day=min(d.day, last))


def _to_decimal(value: int | float | Decimal | str) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        # repr gives the shortest string that round-trips: 5.5 stays 5.5
        return Decimal(repr(value))
    return Decimal(value)


def _decimals_of(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _round(value: Decimal, places: int) -> Decimal:
    # babel rounds half-even; figures in UN documents are rounded half-up
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _number_pattern(decimals: int) -> str:
    return "#,##0" + ("." + "0" * decimals if decimals > 0 else "")


def format_number(
    value: int | float | Decimal, lang: str, decimals: int | None = None
) -> str:
    """A number with the language's separators: en "13,289", fr "13 289" (U+202F).

    `decimals=None` keeps the decimals the value carries (Decimal("5.50") → "5.50",
    5.5 → "5.5"); an int gives none. With `decimals` the value is rounded half-up.
    """
    loc = normalize_lang(lang)
    number = _to_decimal(value)
    places = _decimals_of(number) if decimals is None else max(0, decimals)
    return _bnumbers.format_decimal(
        _round(number, places), format=_number_pattern(places), locale=loc
    )


def format_percent(value: int | float | Decimal, lang: str, decimals: int = 0) -> str:
    """A percentage given in percent units (5.5 → 5.5 %), with `decimals` decimals.

    en "5.5 per cent" (UN English running text); fr "5,5 %" with U+00A0;
    other languages per CLDR (es "5,5 %", zh "5.5%").
    """
    loc = normalize_lang(lang)
    places = max(0, decimals)
    number = _to_decimal(value)
    if loc == "en":
        return format_number(number, "en", places) + " per cent"
    pattern = Locale.parse(loc).percent_formats[None].pattern
    pattern = pattern.replace("#,##0", _number_pattern(places), 1)
    text = _bnumbers.format_percent(_round(number, places) / 100, format=pattern, locale=loc)
    if loc == "fr":
        text = re.sub(r"[\s\u202f]%", NBSP + "%", text)
    return str(text)


def format_list(items: Iterable[str], lang: str) -> str:
    """A list joined per CLDR: fr "A, B et C"; en "A, B and C" (UN: no serial comma)."""
    loc = normalize_lang(lang)
    # CLDR en_GB is the list style of UN English: no comma before "and"
    return _blists.format_list(list(items), locale="en_GB" if loc == "en" else loc)


_SPACES = " \u00a0\u202f\u2009\u2007"
_SIGNS = "-\u2212"


def parse_number(text: str, lang: str) -> Decimal | None:
    """The number a writer typed ("13 289", "13,289", "5,5", "87"), or None.

    Group separators may be the language's own or any space (incl. U+00A0 and
    U+202F); groups after the first must have three digits. The decimal mark is
    the language's ("5,5" fr, "5.5" en). A leading minus (or U+2212) is allowed.
    """
    loc = normalize_lang(lang)
    decimal_mark = _bnumbers.get_decimal_symbol(loc)
    group = _bnumbers.get_group_symbol(loc)
    s = (text or "").strip(_SPACES)
    if not s:
        return None
    sign = ""
    if s[0] in _SIGNS:
        sign, s = "-", s[1:]
    groups = "".join(sorted({c for c in _SPACES + group if c != decimal_mark}))
    grp = "[" + re.escape(groups) + "]"
    pattern = (
        r"(?P<int>\d{1,3}(?:" + grp + r"\d{3})+|\d+)"
        r"(?:" + re.escape(decimal_mark) + r"(?P<frac>\d+))?"
    )
    m = re.fullmatch(pattern, s)
    if not m:
        return None
    digits = re.sub(r"\D", "", m.group("int"))
    frac = m.group("frac")
    try:
        return Decimal(sign + digits + ("." + frac if frac else ""))
    except InvalidOperation:  # pragma: no cover - the regex admits digits only
        return None
