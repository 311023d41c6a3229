"""Arithmetic in the text: percentages against their counts, parts against totals.

The heuristics are narrow on purpose — a false alarm costs a writer more than a
missed one — so a figure is only checked inside one of these shapes:

* a **breakdown**: a total, then "dont" / "of which" / "including" … directly
  followed by a count, in the same sentence ("550 véhicules blindés, dont 479
  (87 %) …, 30 (5,5 %) … et 41 (7,5 %) …"). Every later count of the sentence is
  a part; a sentence that follows with "N autres …" / "A further N …" adds N.
  Parts must not add up to more than the total; when the text says the parts
  are the whole ("restantes", "remaining", "au total", "in total" after the
  keyword) they must add up to it exactly.
* a **ratio**: "479 of the 550 …" / "479 sur 550 …" followed by a percentage.

A percentage written right after a part — "479 (87 %)", "30, soit 5,5 %",
"41 (7.5 per cent)" — must equal part / total to the precision shown.

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

from drafting.i18n import _
from drafting.locale_format import format_number
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
_WORD_NUMBERS: dict[str, dict[str, int]] = {
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
_BREAKDOWN_KEYWORDS: dict[str, str] = {
    "en": r"of\s+which|of\s+whom|including|among\s+them|among\s+which|among\s+whom",
    "fr": r"dont|parmi\s+lesquel(?:le)?s|parmi\s+eux|parmi\s+elles",
}
_CLOSURE: dict[str, str] = {
    "en": r"\b(?:remaining|the\s+rest|in\s+total|altogether|all\s+told)\b",
    "fr": r"\b(?:restant|restante|restants|restantes|le\s+reste|au\s+total|en\s+tout)\b",
}
_CONTINUATION: dict[str, str] = {
    "en": r"^\s*(?:(?:a\s+further|another|an\s+additional)\s+(?P<a>NUM)\b"
    r"|(?P<b>NUM)\s+(?:other|further|additional|more)\b)",
    "fr": r"^\s*(?P<b>NUM)\s+(?:autres|supplémentaires)\b",
}
_RATIO: dict[str, str] = {
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


@dataclass(frozen=True)
class Num:
    """A count found in the text."""

    value: Decimal
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class FigureIssue:
    """One arithmetic problem, located in the block text."""

    code: str  # "figure.percent" or "figure.sum"
    start: int
    end: int
    message: str
    computed: Decimal


def _lang(lang: str) -> str:
    return "fr" if lang == "fr" else "en"


def _opening_words(alternatives: str) -> tuple[str, ...]:
    """The literal words the keywords of `alternatives` open with ("dont",
    "parmi", "of"), in both cases of their first letter, as the trigger
    pattern spells them: every match of the trigger starts with one (or a colon)."""
    words: list[str] = []
    for keyword in alternatives.split("|"):
        first = re.match(r"[^\W\d_]+", keyword)
        if first is None:  # pragma: no cover - every keyword opens with a word
            raise ValueError(f"keyword without an opening word: {keyword}")
        word = first.group(0)
        words += [word[0].lower() + word[1:], word[0].upper() + word[1:]]
    return tuple(dict.fromkeys(words))


class _Patterns:
    def __init__(self, lang: str) -> None:
        digits = _DIGITS[lang]
        self.number_words = tuple(_WORD_NUMBERS[lang])
        words = "|".join(sorted(_WORD_NUMBERS[lang], key=len, reverse=True))
        num = rf"\[?(?:{digits})\]?|\b(?:{words})\b"
        self.number = re.compile(
            rf"(?<![\w\-/.,\u2011])(?:{num})(?![\w\-/\u2011]|[.,]\d)", re.IGNORECASE
        )
        # a colon also opens a breakdown ("550 véhicules blindés : 479 …"), but a
        # weaker one: see `figure_issues`
        self.keyword = re.compile(
            rf"(?:\b(?:{_BREAKDOWN_KEYWORDS[lang]})|(?P<colon>:))\s+$", re.IGNORECASE
        )
        self.closure = re.compile(_CLOSURE[lang], re.IGNORECASE)
        self.continuation = re.compile(
            _CONTINUATION[lang].replace("NUM", rf"(?:\d+|{words})"), re.IGNORECASE
        )
        self.ratio = re.compile(rf"^{_RATIO[lang]}$", re.IGNORECASE)
        # cheap tests for the only sentences worth reading closely. They are
        # case-sensitive (with capitalized keywords spelled out) and start with
        # a literal or a digit: a case-insensitive alternation is several times
        # slower on a long letter.
        keywords = "|".join(
            f"[{k[0]}{k[0].upper()}]{k[1:]}" for k in _BREAKDOWN_KEYWORDS[lang].split("|")
        )
        self.triggers = (
            re.compile(rf"(?:{keywords}|:)\s+(?:\[?\d|(?:{words})\b)"),
            re.compile(rf"\d{_RATIO[lang]}\d"),
        )
        # where the first trigger can start: a colon or one of these words
        self.keyword_openings = (":", *_opening_words(_BREAKDOWN_KEYWORDS[lang]))
        pct = digits
        self.percent_after = re.compile(_PERCENT_AFTER[lang].replace("PCT", pct), re.IGNORECASE)
        self.percent_any = re.compile(
            rf"(?:{pct})[\s\u00a0\u202f]*(?:%|per\s*cent|percent|pour\s+cent)", re.IGNORECASE
        )


_PATTERNS: dict[str, _Patterns] = {}


def _patterns(lang: str) -> _Patterns:
    p = _PATTERNS.get(lang)
    if p is None:
        p = _PATTERNS[lang] = _Patterns(lang)
    return p


_GROUP_SPACES_RE = re.compile(r"[ \u00a0\u202f]")


def parse_figure(text: str, lang: str) -> Decimal | None:
    """The value of one number as written in `lang` ("13 289", "5,5", "four")."""
    raw = text.strip("[]").strip()
    words = _WORD_NUMBERS[_lang(lang)]
    if raw.casefold() in words:
        return Decimal(words[raw.casefold()])
    if _lang(lang) == "fr":
        cleaned = _GROUP_SPACES_RE.sub("", raw).replace(",", ".")
    else:
        cleaned = raw.replace(",", "")
    # the token regexes have already checked the locale's grouping and decimal mark
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


def _opening_positions(text: str, openings: tuple[str, ...]) -> list[int]:
    """Where any of `openings` occurs in `text`, ascending (see `matches_at`)."""
    starts: set[int] = set()
    for opening in openings:
        pos = text.find(opening)
        while pos >= 0:
            starts.add(pos)
            pos = text.find(opening, pos + 1)
    return sorted(starts)


_WORDS_RE = re.compile(r"\w+")
_NEXT_WORD_RE = re.compile(r"[\s\u00a0\u202f]*([^\W\d_]+|%|\$)")
_YEAR_RE = re.compile(r"(?:19|20)\d\d")


def _word_before(text: str, pos: int) -> str:
    """The word just before `pos`, or "" when a number comes in between."""
    words: list[str] = _WORDS_RE.findall(text, max(0, pos - 40), pos)
    if not words or not words[-1].isalpha():
        return ""
    return words[-1].casefold()


def _word_after(text: str, pos: int) -> str:
    m = _NEXT_WORD_RE.match(text, pos, pos + 40)
    return m.group(1).casefold() if m else ""


def _inside_parentheses(text: str, pos: int) -> bool:
    return text.rfind("(", 0, pos) > text.rfind(")", 0, pos)


_DIGIT_RE = re.compile(r"\d")


def _number_matches(
    sentence: str, p: _Patterns, digits: list[int]
) -> Iterable[re.Match[str]]:
    """`p.number.finditer(sentence)`, tried only where a number can start
    (see `matches_at`) unless a number word may be present.

    A number starts at a digit or "[" — or at a number word, matched ignoring
    case: casefold() brings every character IGNORECASE equates with one of
    their letters to that letter, except the Turkish İ and ı.
    """
    if "\u0130" in sentence or "\u0131" in sentence:
        return p.number.finditer(sentence)
    folded = sentence.casefold()
    if any(word in folded for word in p.number_words):
        return p.number.finditer(sentence)
    starts = set(digits)
    at = sentence.find("[")
    while at >= 0:
        starts.add(at)
        at = sentence.find("[", at + 1)
    return matches_at(p.number, sentence, sorted(starts))


def _counts(sentence: str, lang: str) -> list[Num]:
    """The numbers of a sentence that can be counts of things."""
    p = _patterns(lang)
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
        before, after = _word_before(sentence, m.start()), _word_after(sentence, m.end())
        if before in _MONTHS or after in _MONTHS:
            continue
        if before in _REFERENCE_WORDS or after in _UNITS:
            continue
        value = parse_figure(raw, lang)
        if value is not None:
            out.append(Num(value, m.start(), m.end(), raw))
    return out


def _sentences(text: str) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        out.append((pos, text[pos : m.start()]))
        pos = m.end()
    out.append((pos, text[pos:]))
    return out


def _fmt(value: Decimal, decimals: int, lang: str) -> str:
    return format_number(value, lang, decimals=decimals)


def _percent_issue(part: Num, total: Num, sentence: str, offset: int, lang: str) -> FigureIssue | None:
    p = _patterns(lang)
    m = p.percent_after.match(sentence, part.end)
    if m is None or total.value == 0:
        return None
    shown_text = m.group("p1") or m.group("p2")
    shown = parse_figure(shown_text, lang)
    if shown is None:
        return None
    exponent = shown.as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    computed = part.value * 100 / total.value
    tolerance = Decimal(5).scaleb(-(decimals + 1)) + Decimal("1e-9")
    if abs(computed - shown) <= tolerance:
        return None
    shown_computed = _fmt(computed, max(decimals, 1), lang)
    return FigureIssue(
        "figure.percent",
        offset + part.start,
        offset + m.end(),
        _("{part} of {total} is {computed} per cent, not {shown} per cent.").format(
            part=part.text, total=total.text, computed=shown_computed, shown=shown_text
        ),
        computed,
    )


def figure_issues(text: str, lang: str) -> list[FigureIssue]:
    """Every arithmetic problem in one paragraph's text, in text order."""
    if lang not in ("en", "fr"):
        return []  # other languages write numbers differently; better silent than wrong
    p = _patterns(lang)
    keyword_trigger, ratio_trigger = p.triggers
    triggers = [m.start() for m in ratio_trigger.finditer(text)]
    # the keyword trigger opens with an alternation, which `finditer` would
    # try at every character; every match starts with one of these openings
    starts = _opening_positions(text, p.keyword_openings)
    triggers += [m.start() for m in matches_at(keyword_trigger, text, starts)]
    if not triggers:
        return []
    sentences = _sentences(text)
    issues: list[FigureIssue] = []
    for index, (offset, sentence) in enumerate(sentences):
        if not any(offset <= t < offset + len(sentence) for t in triggers):
            continue
        counts = _counts(sentence, lang)
        issues.extend(_ratio_issues(sentence, offset, counts, lang))
        for k, first_part in enumerate(counts):
            opener = p.keyword.search(sentence, max(0, first_part.start - 30), first_part.start)
            if k == 0 or opener is None:
                continue
            total = counts[k - 1]
            # the total must be close to the keyword: "550 véhicules blindés, dont"
            if len(_WORDS_RE.findall(sentence, total.end, first_part.start)) > 7:
                continue
            parts = counts[k:]
            with_percent = 0
            for part in parts:
                if p.percent_after.match(sentence, part.end):
                    with_percent += 1
                issue = _percent_issue(part, total, sentence, offset, lang)
                if issue is not None:
                    issues.append(issue)
            region = sentence[first_part.start :]
            closed = p.closure.search(region) is not None
            if opener.group("colon") and not closed and not with_percent:
                # "3 régions : 12 attaques à Gao, 5 à Mopti" is not a breakdown
                # of the 3; without a percentage or a word claiming the whole,
                # a colon proves too little to compare sums
                break
            end = offset + len(sentence)
            for next_offset, next_sentence in sentences[index + 1 :]:
                c = p.continuation.match(next_sentence)
                if c is None:
                    break
                raw = c.group("b") if c.group("b") else c.group("a")
                value = parse_figure(raw, lang)
                if value is None:
                    break
                start = c.start("b") if c.group("b") else c.start("a")
                parts = [*parts, Num(value, next_offset + start - offset, next_offset + start, raw)]
                end = next_offset + c.end()
            issues.extend(_sum_issue(total, parts, closed, offset, end, lang))
            break  # one breakdown per sentence keeps the reading unambiguous
    return issues


def _sum_issue(
    total: Num, parts: list[Num], closed: bool, offset: int, end: int, lang: str
) -> list[FigureIssue]:
    total_parts = sum((q.value for q in parts), Decimal(0))
    if total_parts > total.value:
        message = _("The parts add up to {sum}, more than the total of {total}.")
    elif closed and total_parts != total.value:
        message = _("The parts add up to {sum}, but the text says they make up {total}.")
    else:
        return []
    return [
        FigureIssue(
            "figure.sum",
            offset + total.start,
            end,
            message.format(sum=_fmt(total_parts, 0, lang), total=total.text),
            total_parts,
        )
    ]


_NOUN_AFTER_RE = re.compile(r"(?:[\s\u00a0\u202f]+[^\W\d_][\w’'\-]*){0,4}")


def _ratio_issues(sentence: str, offset: int, counts: list[Num], lang: str) -> list[FigureIssue]:
    p = _patterns(lang)
    out: list[FigureIssue] = []
    for a, b in zip(counts, counts[1:], strict=False):
        if not p.ratio.match(sentence[a.end : b.start]):
            continue
        # the percentage sits after the total's noun: "479 of the 550 vehicles (87 per cent)"
        m = _NOUN_AFTER_RE.match(sentence[b.end :])
        anchor = b.end + (m.end() if m else 0)
        shifted = Num(a.value, anchor, anchor, a.text)
        issue = _percent_issue(shifted, b, sentence, offset, lang)
        if issue is None:
            issue = _percent_issue(Num(a.value, a.start, b.end, a.text), b, sentence, offset, lang)
        if issue is not None:
            out.append(FigureIssue(issue.code, offset + a.start, issue.end, issue.message, issue.computed))
    return out
