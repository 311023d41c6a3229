"""The parts of a letter that are metadata, not body: title, closing, signature.

"Letter dated 1 June 2020 from the Secretary-General addressed to the
President of the Security Council" / "Lettre datée du 1er juin 2020, adressée
au Président du Conseil de sécurité par le Secrétaire général" give the letter
date and the addressee; "(Signed) António Guterres" / "(Signé) …" the
signatory; the courtesy sentence before it is the closing formula.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher
from functools import cache

from babel.dates import get_month_names

from drafting.importers.source import fold
from drafting.periods import PERIOD_DAYS, stated_periods

_TITLE_PATTERNS = (
    re.compile(
        r"^Letter dated (?P<date>.+?\d{4}),? from (?:the )?(?P<sender>.+?) addressed to "
        r"(?:the )?(?P<addr>.+?)\.?$",
        re.IGNORECASE,
    ),
    re.compile(
        r"^Lettre datée du (?P<date>.+?\d{4}),? adressée (?:au |à la |à l[’']|aux )"
        r"(?P<addr>.+?),? par (?:le |la |l[’'])(?P<sender>.+?)\.?$",
        re.IGNORECASE,
    ),
    re.compile(
        r"^Carta de fecha (?P<date>.+?\d{4}),? dirigida (?:al |a la )(?P<addr>.+?),? "
        r"por (?:el |la )(?P<sender>.+?)\.?$",
        re.IGNORECASE,
    ),
)

SIGNATURE_RE = re.compile(
    r"^[(（]\s*(?:Signed|Signé|Signe|Firmado|Подпись|签名|توقيع)\s*[)）]\s*(?P<name>.*)$",
    re.IGNORECASE,
)

# How closing formulas start, folded (see `fold`).
_CLOSING_STARTS = (
    "i should be grateful",
    "i would be grateful",
    "i would appreciate",
    "i should appreciate",
    "je vous serais reconnaissant",
    "je vous serais oblige",
    "je vous saurais gre",
    "le agradeceria",
    "agradeceria a usted",
)
_CLOSING_SIMILARITY = 0.6

_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})(?:er|re|st|nd|rd|th|º)?\s+(?:de\s+)?([^\W\d_]+)\.?,?\s+(?:de\s+)?(\d{4})")
_MONTH_DAY_YEAR = re.compile(r"([^\W\d_]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")
_ANNEX_RE = re.compile(r"^(?:Annex|Annexe|Anexo)(?:\s+[IVXLC\d]+)?\b", re.IGNORECASE)
_ORIGINAL_RE = re.compile(r"^\[\s*Original\s*:\s*(?P<lang>[^\]]+)\]$", re.IGNORECASE)


@dataclass
class Title:
    letter_date: date | None
    addressee: str
    sender: str


def parse_title(text: str, language: str) -> Title | None:
    """The title line's parts, or None when `text` is not a letter title."""
    for pattern in _TITLE_PATTERNS:
        m = pattern.match(text.strip())
        if m:
            return Title(
                letter_date=parse_long_date(m.group("date"), language),
                addressee=m.group("addr").strip(),
                sender=m.group("sender").strip(),
            )
    return None


@cache
def _months(language: str) -> dict[str, int]:
    months: dict[str, int] = {}
    for lang in dict.fromkeys((language, "en", "fr", "es")):
        for width in ("wide", "abbreviated"):
            try:
                names = get_month_names(width, locale=lang)
            except (ValueError, LookupError):
                continue
            for number, name in names.items():
                months.setdefault(fold(str(name)).rstrip("."), int(number))
    return months


def parse_long_date(text: str, language: str) -> date | None:
    """A long date as letters write it: "1er juin 2020", "1 June 2020", "June 1, 2020"."""
    folded = fold(text)
    months = _months(language)
    for pattern, order in ((_DAY_MONTH_YEAR, (0, 1, 2)), (_MONTH_DAY_YEAR, (1, 0, 2))):
        for m in pattern.finditer(folded):
            day_s, month_s, year_s = (m.group(i + 1) for i in order)
            month = months.get(month_s)
            if month is None:
                continue
            try:
                return date(int(year_s), month, int(day_s))
            except ValueError:
                continue
    return None


def iter_long_dates(text: str, language: str) -> list[date]:
    """Every long date in `text`, in order ("du 1er décembre 2019 au 31 mai 2020")."""
    folded = fold(text)
    months = _months(language)
    found: list[tuple[int, date]] = []
    for m in _DAY_MONTH_YEAR.finditer(folded):
        month = months.get(m.group(2))
        if month is None:
            continue
        try:
            found.append((m.start(), date(int(m.group(3)), month, int(m.group(1)))))
        except ValueError:
            continue
    return [d for _pos, d in sorted(found, key=lambda item: item[0])]


def parse_period(text: str, language: str) -> tuple[date, date] | None:
    """The first reporting period named in `text`: stated as one ("from 1 December
    2019 to 31 May 2020", "du 1er juin au 30 novembre 2022": `drafting.periods`),
    else two consecutive long dates two to seven months apart, the earlier first."""
    stated = stated_periods(text, language)
    if stated:
        return stated[0].start, stated[0].end
    dates = iter_long_dates(text, language)
    for start, end in zip(dates, dates[1:], strict=False):
        if PERIOD_DAYS[0] <= (end - start).days <= PERIOD_DAYS[1]:
            return start, end
    return None


def match_signature(text: str) -> str | None:
    """The signatory's name for a "(Signed) Name" line ("" when the name is on the next line)."""
    m = SIGNATURE_RE.match(text.strip())
    return m.group("name").strip() if m else None


def is_closing(text: str, template_closing: str) -> bool:
    """True for a closing formula: a known opening phrase or close to the template's."""
    folded = fold(text.strip())
    if folded.startswith(_CLOSING_STARTS):
        return True
    if not template_closing:
        return False
    return SequenceMatcher(None, folded, fold(template_closing)).ratio() >= _CLOSING_SIMILARITY


def match_annex(text: str) -> bool:
    """True for an annex title ("Annex", "Annexe II")."""
    return bool(_ANNEX_RE.match(text.strip()))


def match_original(text: str) -> str | None:
    """The language named by an "[Original: English]" line, else None."""
    m = _ORIGINAL_RE.match(text.strip())
    return m.group("lang").strip() if m else None


def same_addressee(parsed: str, template_addressee: str) -> bool:
    """True when the parsed addressee is the template's, articles aside."""
    def core(s: str) -> str:
        return re.sub(r"^(?:the|au|a la|a l'|aux|al|a)\s+", "", fold(s).strip())

    return SequenceMatcher(None, core(parsed), core(template_addressee)).ratio() >= 0.85
