"""Reading numbers in running text, for the figures check (`figures`).

What counts as a count of things, how numbers are written per language
("13,289" / "13 289" with U+202F or U+00A0, "5.5" / "5,5", "four" / "quatre"),
and the phrases around counts that the breakdown reader looks for: keywords
that open a breakdown ("of which", "dont"), a total named first ("Of the 550
vehicles, …", "Sur les 618 affaires, …"), words that tie a count to the one
before it ("12 of those", "12 d’entre eux"), the list separators in front of a
part, words claiming the parts make the whole ("the remaining 18", "les 3
autres", "au total"), and a percentage written after a count.

Never counted: years (bare 1900–2099), days next to a month name, numbers
inside parentheses, numbers glued to letters, hyphens or slashes ("COVID-19",
"G5", "S/2020/223", "1er"), numbers after "résolution", "paragraph" and the
like, and quantities of time, distance, money or millions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from drafting.references import matches_at

_MONTHS = frozenset(
    """january february march april may june july august september october november
    december janvier fevrier février mars avril mai juin juillet aout août septembre
    octobre novembre decembre décembre""".split()
)
_UNITS = frozenset(
    """h heure heures jour jours semaine semaines mois an ans annee annees année années
    minute minutes seconde secondes hour hours day days week weeks month months year years
    km kilometre kilometres kilomètre kilomètres kilometer kilometers m mètres metres meters
    kg tonnes tons litres liters dollars dollar euros euro francs usd eur cfa fcfa
    million millions milliard milliards billion billions percent""".split()
)
_REFERENCE_WORDS = frozenset(
    """resolution resolutions résolution résolutions paragraph paragraphs paragraphe
    paragraphes para paras article articles chapitre chapter annexe annex page pages
    point points alinéa alinea section sections no n° nº numéro number décision decision""".split()
)
WORD_NUMBERS: dict[str, dict[str, int]] = {
    "en": {
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
        "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
        "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
        "nineteen": 19, "twenty": 20,
    },
    # "un"/"une" are left out: they are articles far more often than counts.
    "fr": {
        "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
        "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
        "quinze": 15, "seize": 16, "vingt": 20,
    },
}
# Keywords after a whole that open its breakdown; "of those"/"d’entre eux"
# refer back to the count before them, like "of which".
BREAKDOWN_KEYWORDS: dict[str, str] = {
    "en": r"of\s+which|of\s+whom|including|among\s+them|among\s+which|among\s+whom"
    r"|among\s+those|of\s+those|of\s+these|of\s+them",
    "fr": r"dont|parmi\s+lesquel(?:le)?s|parmi\s+eux|parmi\s+elles|parmi\s+ceux-ci"
    r"|parmi\s+celles-ci|d[’']entre\s+eux|d[’']entre\s+elles",
}
# A count followed by these is a part of the count before it ("12 of those").
_BACK_REFERENCE: dict[str, str] = {
    "en": r"\s+(?:of\s+(?:those|these|them|which)|among\s+(?:those|them))\b",
    "fr": r"[\s\u00a0]+(?:d[’']entre\s+(?:eux|elles)|parmi\s+(?:eux|elles|ceux-ci|celles-ci))\b",
}
# A total named first, at the start of a sentence (after an optional short
# opening phrase ending with a comma): "Of the 550 …, 479 …", "Sur 340 …, 286 …".
_LEAD_DETERMINERS: dict[str, str] = {
    "en": r"(?:the|its|their|all|all\s+the|these|those|some)",
    "fr": r"(?:les|ces|ses|leurs)",
}
_LEAD: dict[str, str] = {
    "en": rf"^(?:[^,;:]{{0,40}},\s*)?(?:of|out\s+of|among)\s+(?:{_LEAD_DETERMINERS['en']}\s+)?$",
    "fr": rf"^(?:[^,;:]{{0,40}},\s*)?(?:sur|parmi|des|de\s+ces)\s+"
    rf"(?:{_LEAD_DETERMINERS['fr']}\s+)?$",
}
# In front of a further part of a list: a separator, maybe an article, maybe
# a word claiming the rest ("and the remaining", "et les").
_PARALLEL: dict[str, str] = {
    "en": r"(?:[,;]|\band|\bor|\bwhile|\bwhereas|\bbut|\bplus|\bas\s+well\s+as)\s+"
    r"(?:(?:the|a|another|a\s+further|only|just|some|all)\s+)?"
    r"(?:(?:remaining|other|last|final)\s+)?$",
    "fr": r"(?:[,;]|\bet|\bou|\bmais|\balors\s+que|\btandis\s+que|\bainsi\s+que|\bplus)\s+"
    r"(?:(?:les|la|le|l[’']|des|seulement|enfin)\s*)?"
    r"(?:(?:derniers|dernières|autres)\s+)?$",
}
# Words that open a clause about something else ("…, dont 12 contre ses camps, qui ont
# fait 4 morts et 32 blessés"; "…, including 30 with explosives, which caused 12
# deaths"): the counts after them are no longer parts of the breakdown.
# Only after a comma: "12 against convoys that were escorted and 9 against camps"
# describes a part and the breakdown goes on.
_CLAUSE: dict[str, str] = {
    "en": r",\s*(?:which|who|whom|killing|injuring|wounding|causing|leaving|resulting\s+in)\b",
    "fr": r",\s*(?:qui|lesquel(?:le)?s|laquelle|lequel|auxquel(?:le)?s|faisant|causant|tuant"
    r"|blessant|entraînant|provoquant)\b",
}
# Words in front of a part, or right after it, claiming that it completes the whole.
_CLOSING_BEFORE: dict[str, str] = {
    "en": r"\b(?:remaining|other|rest\s+of\s+the|last)\s+$",
    "fr": r"\b(?:restant|restante|restants|restantes)\s+$",  # rare; "les 3 autres" is after
}
_CLOSING_AFTER: dict[str, str] = {
    "en": r"\s+(?:others|remaining)\b",
    "fr": r"[\s\u00a0]+(?:autres|restants|restantes|(?:\w+\s+)?(?:restants|restantes))\b",
}
# Phrases claiming the parts just listed make up the whole.
_CLOSURE: dict[str, str] = {
    "en": r"\b(?:in\s+total|altogether|all\s+told|the\s+rest)\b",
    "fr": r"\b(?:au\s+total|en\s+tout|le\s+reste)\b",
}
_CONTINUATION: dict[str, str] = {
    "en": r"^\s*(?:(?:a\s+further|another|an\s+additional)\s+(?P<a>NUM)\b"
    r"|(?P<b>NUM)\s+(?:other|further|additional|more)\b)",
    "fr": r"^\s*(?P<b>NUM)\s+(?:autres|supplémentaires)\b",
}
RATIO: dict[str, str] = {
    "en": r"\s+(?:out\s+)?of\s+(?:the\s+|its\s+|their\s+|all\s+)?",
    "fr": r"\s+(?:sur\s+(?:les\s+)?|des\s+|parmi\s+les\s+)",
}
_DIGITS = {
    # French groups thousands with a (narrow) no-break space or a plain space.
    "fr": r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?|\d+(?:,\d+)?",
    "en": r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?",
}
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"«“(\[]?[A-ZÀ-ÖØ-Þ0-9])")
_PERCENT_AFTER: dict[str, str] = {
    "en": r"\s*(?:\(\s*(?P<p1>PCT)\s*(?:%|per\s*cent|percent)\s*\)"
    r"|,\s*or\s+(?P<p2>PCT)\s*(?:%|per\s*cent|percent))",
    "fr": r"[\s\u00a0\u202f]*(?:\(\s*(?P<p1>PCT)[\s\u00a0\u202f]*(?:%|pour\s+cent)[\s\u00a0\u202f]*\)"
    r"|,\s*soit\s+(?P<p2>PCT)[\s\u00a0\u202f]*(?:%|pour\s+cent))",
}
_LEAD_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("Of", "of", "Out of", "out of", "Among", "among"),
    "fr": ("Sur", "sur", "Parmi", "parmi", "Des", "des", "De ces", "de ces"),
}


def figure_language(lang: str) -> str | None:
    """The language whose rules read `lang`'s figures, or None (left alone)."""
    return lang if lang in ("en", "fr") else None


@dataclass(frozen=True)
class Num:
    """A count found in the text (positions are in the text it was read from)."""

    value: Decimal
    start: int
    end: int
    text: str


def _literal_first(alternatives: str) -> str:
    """`alternatives` with each spelt twice, lower- and upper-case first letter.

    Every branch then opens with a literal character, from which the regex
    engine builds the set of possible first characters and skips to them in
    C; a branch opening with a class ("[Dd]ont") makes it try every position.
    """
    out: list[str] = []
    for k in alternatives.split("|"):
        out += [k, k[0].upper() + k[1:]] if k[0].isalpha() else [k]
    return "|".join(out)


class Patterns:
    """The compiled patterns of one language."""

    def __init__(self, lang: str) -> None:
        digits = _DIGITS[lang]
        self.number_words = tuple(WORD_NUMBERS[lang])
        words = "|".join(sorted(WORD_NUMBERS[lang], key=len, reverse=True))
        num = rf"\[?(?:{digits})\]?|\b(?:{words})\b"
        self.number = re.compile(
            rf"(?<![\w\-/.,\u2011])(?:{num})(?![\w\-/\u2011]|[.,]\d)", re.IGNORECASE
        )
        self.number_word = re.compile(rf"\b(?:{words})\b", re.IGNORECASE)
        # a colon also opens a breakdown ("550 véhicules blindés : 479 …"), but a
        # weaker one: see `figures`
        self.back_reference = re.compile(_BACK_REFERENCE[lang], re.IGNORECASE)
        self.lead = re.compile(_LEAD[lang], re.IGNORECASE)
        self.parallel = re.compile(_PARALLEL[lang], re.IGNORECASE)
        self.clause = re.compile(_CLAUSE[lang], re.IGNORECASE)
        self.closing_before = re.compile(_CLOSING_BEFORE[lang], re.IGNORECASE)
        self.closing_after = re.compile(_CLOSING_AFTER[lang], re.IGNORECASE)
        self.closure = re.compile(_CLOSURE[lang], re.IGNORECASE)
        self.continuation = re.compile(
            _CONTINUATION[lang].replace("NUM", rf"(?:\d+|{words})"), re.IGNORECASE
        )
        self.ratio = re.compile(rf"^{RATIO[lang]}$", re.IGNORECASE)
        # Cheap tests for the only sentences worth reading closely: a keyword
        # before a count, or a total named first (opening a sentence, or after
        # a short opening phrase and its comma); a count "of" a count. Case-
        # sensitive, every branch opening with a literal (see `_literal_first`).
        lead = "|".join(w if w[0].isupper() else ", " + w for w in _LEAD_WORDS[lang])
        # (two patterns: joined in one, they lose the engine's first-character skip)
        self.keyword_trigger = re.compile(
            rf"(?:{_literal_first(BREAKDOWN_KEYWORDS[lang])}|:),?\s+(?P<count>\[?\d|(?:{words})\b)"
        )
        self.lead_trigger = re.compile(rf"(?:{lead})\s+(?:{_LEAD_DETERMINERS[lang]}\s+)?\[?\d")
        self.ratio_trigger = re.compile(rf"\d{RATIO[lang]}\d")
        self.percent_after = re.compile(
            _PERCENT_AFTER[lang].replace("PCT", digits), re.IGNORECASE
        )
        self.percent_any = re.compile(
            rf"(?:{digits})[\s\u00a0\u202f]*(?:%|per\s*cent|percent|pour\s+cent)", re.IGNORECASE
        )


_PATTERNS: dict[str, Patterns] = {}


def patterns(lang: str) -> Patterns:
    p = _PATTERNS.get(lang)
    if p is None:
        p = _PATTERNS[lang] = Patterns(lang)
    return p


_GROUP_SPACES_RE = re.compile(r"[ \u00a0\u202f]")


def parse_figure(text: str, lang: str) -> Decimal | None:
    """The value of one number as written in `lang` ("13 289", "5,5", "four")."""
    raw = text.strip("[]").strip()
    lang = "fr" if lang == "fr" else "en"
    words = WORD_NUMBERS[lang]
    if raw.casefold() in words:
        return Decimal(words[raw.casefold()])
    if lang == "fr":
        cleaned = _GROUP_SPACES_RE.sub("", raw).replace(",", ".")
    else:
        cleaned = raw.replace(",", "")
    # the token regexes have already checked the locale's grouping and decimal mark
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


WORDS_RE = re.compile(r"\w+")
_NEXT_WORD_RE = re.compile(r"[\s\u00a0\u202f]*([^\W\d_]+|%|\$)")
_YEAR_RE = re.compile(r"(?:19|20)\d\d")
_DIGIT_RE = re.compile(r"\d")


def _word_before(text: str, pos: int) -> tuple[str, bool]:
    """The word just before `pos` ("" when a number comes in between), and
    whether only spaces separate it from `pos`."""
    start = max(0, pos - 40)
    words: list[str] = WORDS_RE.findall(text, start, pos)
    if not words or not words[-1].isalpha():
        return "", False
    return words[-1].casefold(), text[start:pos].rstrip().endswith(words[-1])


def _word_after(text: str, pos: int) -> str:
    m = _NEXT_WORD_RE.match(text, pos, pos + 40)
    return m.group(1).casefold() if m else ""


def _inside_parentheses(text: str, pos: int) -> bool:
    return text.rfind("(", 0, pos) > text.rfind(")", 0, pos)


def _number_matches(sentence: str, p: Patterns, digits: list[int]) -> Iterable[re.Match[str]]:
    """`p.number.finditer(sentence)`, tried only where a number can start
    (see `matches_at`) unless a number word may be present.

    A number starts at a digit or "[" — or at a number word, matched ignoring
    case: casefold() brings every character IGNORECASE equates with one of
    their letters to that letter, except the Turkish İ and ı.
    """
    if "\u0130" in sentence or "\u0131" in sentence:
        return p.number.finditer(sentence)
    starts = set(digits)
    folded = sentence.casefold()
    if any(word in folded for word in p.number_words):
        # "sept" is in "septembre", "ten" in "often": only whole words start a number
        starts.update(m.start() for m in p.number_word.finditer(sentence))
    at = sentence.find("[")
    while at >= 0:
        starts.add(at)
        at = sentence.find("[", at + 1)
    return matches_at(p.number, sentence, sorted(starts))


def counts(sentence: str, lang: str) -> list[Num]:
    """The numbers of a sentence that can be counts of things, in order."""
    p = patterns(lang)
    # every percentage and every number opens with a digit (or "[", or a word)
    digits = [m.start() for m in _DIGIT_RE.finditer(sentence)]
    percent_spans = [(m.start(), m.end()) for m in matches_at(p.percent_any, sentence, digits)]
    out: list[Num] = []
    for m in _number_matches(sentence, p, digits):
        raw = m.group(0)
        if raw.startswith("[") != raw.endswith("]"):
            continue
        if any(a <= m.start() < b for a, b in percent_spans):
            continue
        if _inside_parentheses(sentence, m.start()):
            continue
        bare = raw.strip("[]")
        if _YEAR_RE.fullmatch(bare):
            continue  # a year
        (before, adjacent), after = _word_before(sentence, m.start()), _word_after(
            sentence, m.end())
        if (adjacent and before in _MONTHS) or after in _MONTHS:
            continue  # a day: "20 May", "May 20"
        if before in _REFERENCE_WORDS or after in _UNITS:
            continue
        value = parse_figure(raw, lang)
        if value is not None:
            out.append(Num(value, m.start(), m.end(), raw))
    if lang == "fr" and "un" in sentence:
        # "dont une jugée excellente": right after a keyword, "un"/"une" is a count
        ones = [Num(Decimal(1), m.start(1), m.end(1), m.group(1))
                for m in _FR_ONE_RE.finditer(sentence)]
        if ones:
            out = sorted(out + ones, key=lambda n: n.start)
    return out


_FR_ONE_RE = re.compile(
    rf"\b(?:{BREAKDOWN_KEYWORDS['fr']}),?[\s\u00a0]+(une?)\b(?![’'])", re.IGNORECASE
)


def sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) pairs covering `text`."""
    out: list[tuple[int, str]] = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        out.append((pos, text[pos : m.start()]))
        pos = m.end()
    out.append((pos, text[pos:]))
    return out
