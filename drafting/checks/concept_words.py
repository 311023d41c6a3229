"""How concept matching reads a text: its words, the keys each word stands
for, and whether it states a fact (`drafting.checks.concepts`).

A word's keys are its Snowball stem (`drafting.checks.stemmers`), "^stem" for
a capitalized word and "=WORD" for an acronym; grammatical words have none.
A *fact* is a number, a date, a quoted name, or a capitalized word inside a
sentence that the template's own wording does not use (a place, a named
operation): what a paragraph that only restates a requirement lacks.
"""

from __future__ import annotations

import re

from drafting.checks.stemmers import (
    base_language,
    fold,
    is_stopword,
    split_words,
    splits_words,
    stem,
    variants,
    word_pattern,
)

__all__ = ["has_fact", "is_acronym", "is_capitalized", "term_keys", "text_words", "word_keys",
           "WORD_CACHE_LIMIT"]

# A number standing on its own ("24", "1 330", "5,5"), not the digit of a name ("G5").
_DIGIT_RE = re.compile(r"(?<![^\W\d_])\d+(?![^\W\d_])")
# A quoted name: « Seka », "Buffalo", “Maliko”.
_QUOTED_RE = re.compile(r"[«“\"]\s*[^\W\d_][^«»“”\"]{1,40}[»”\"]")
_SENTENCE_END = frozenset(".!?:;•\n")


def _folded_words(words_by_language: dict[str, str]) -> dict[str, frozenset[str]]:
    """Space-separated word lists per language, folded for lookup."""
    return {lang: frozenset(fold(w) for w in words.split())
            for lang, words in words_by_language.items()}


_MONTHS = _folded_words({
    "en": "january february march april may june july august september october "
          "november december",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre "
          "décembre",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre "
          "noviembre diciembre",
    "ru": "января февраля марта апреля мая июня июля августа сентября октября ноября "
          "декабря январь февраль март апрель май июнь июль август сентябрь октябрь "
          "ноябрь декабрь",
    "ar": "يناير فبراير مارس أبريل مايو يونيو يوليه يوليو أغسطس سبتمبر أكتوبر نوفمبر "
          "ديسمبر كانون شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين",
})
_ZH_DATE_RE = re.compile("[0-9一二三四五六七八九十〇零两]+[年月日次个名起天周]")
# Counts written out ("three times", "trois réunions") are facts too.
_NUMBER_WORDS = _folded_words({
    "en": "two three four five six seven eight nine ten eleven twelve twenty dozen",
    "fr": "deux trois quatre cinq six sept huit neuf dix onze douze vingt dizaine",
    "es": "dos tres cuatro cinco seis siete ocho nueve diez once doce veinte",
    "ru": "два две три четыре пять шесть семь восемь девять десять двух трех трёх "
          "четырех пяти шести",
    "ar": "اثنان اثنين ثلاثة ثلاث أربعة أربع خمسة خمس ستة ست سبعة سبع ثمانية تسعة عشرة "
          "عشر مرتين",
})


def is_acronym(word: str) -> bool:
    """"FC", "G5", "MINUSMA", "FAMa": capitals after the first letter, or a
    letter with digits."""
    if len(word) < 2 or not any(c.isalpha() for c in word):
        return False
    return any(c.isupper() for c in word[1:]) or (
        word[0].isupper() and any(c.isdigit() for c in word))


def is_capitalized(word: str) -> bool:
    return word[:1].isupper() and word[:1].lower() != word[:1].upper()


# word → (is a content word, every key the word stands for); per language.
_WORD_KEYS: dict[str, dict[str, tuple[bool, tuple[str, ...]]]] = {}
WORD_CACHE_LIMIT = 200_000


def word_keys(word: str, lang: str) -> tuple[bool, tuple[str, ...]]:
    table = _WORD_KEYS.setdefault(lang, {})
    found = table.get(word)
    if found is not None:
        return found
    acronym = is_acronym(word)
    if not acronym and is_stopword(fold(word), lang):
        found = (False, ())
    else:
        value = stem(word, lang)
        keys = [value, *variants(word, lang)]
        if acronym:
            keys.append("=" + word)
        elif is_capitalized(word):
            keys.append("^" + value)
        found = (True, tuple(keys))
    if len(table) > WORD_CACHE_LIMIT:
        table.clear()
    table[word] = found
    return found


def text_words(text: str, lang: str) -> tuple[list[str], list[tuple[int, int]] | None, list[str]]:
    """(words, their spans when cheap, separators-and-words for offsets)."""
    if splits_words(lang):
        pieces = split_words(text)
        return [p[0] for p in pieces], [(p[1], p[2]) for p in pieces], []
    parts = _splitter(lang).split(text)
    return parts[1::2], None, parts


_SPLITTERS: dict[str, re.Pattern[str]] = {}


def _splitter(lang: str) -> re.Pattern[str]:
    base = base_language(lang)
    found = _SPLITTERS.get(base)
    if found is None:
        pattern = word_pattern(lang)
        found = _SPLITTERS[base] = re.compile(f"({pattern.pattern})", pattern.flags)
    return found


def term_keys(term: str, lang: str) -> tuple[str, ...]:
    """The keys a term must show in order: stems, "^stem" for a capitalized
    word, "=WORD" for an acronym; grammatical words dropped."""
    out: list[str] = []
    for word in text_words(term, lang)[0]:
        if is_acronym(word):
            out.append("=" + word)
        elif is_stopword(fold(word), lang):
            continue
        elif is_capitalized(word) and not splits_words(lang):
            out.append("^" + stem(word, lang))
        else:
            out.append(stem(word, lang))
    return tuple(out)


# A count of none is a fact too: "no undeclared caveats were identified" reports
# on the requirement as surely as "two caveats" would.
_NIL_WORDS = _folded_words({
    "en": "no none nil zero",
    "fr": "aucun aucune aucuns aucunes nul nulle zéro",
    "es": "ningún ninguno ninguna ningunos ningunas cero",
    "ru": "никаких никакие никакого ни одного ноль",
})
# "no longer", "no later than": not a count; "no information is available yet",
# "aucune donnée n'est encore disponible": a gap in the report, not a fact.
_NOT_NIL_AFTER = frozenset(fold(w) for w in (
    "longer later doubt less more sooner matter information data update updates details "
    "news report reports figures informations donnée données précision précisions "
    "nouvelle nouvelles mise información datos novedad novedades").split())


def has_fact(text: str, lang: str, known: frozenset[str] = frozenset()) -> bool:
    """Whether `text` states something checkable: a number (none included), a
    date, a quoted name, or a capitalized word inside a sentence that the
    template's own wording (`known`, folded words) does not use — a place or
    a named operation."""
    if _DIGIT_RE.search(text) or _QUOTED_RE.search(text):
        return True
    base = base_language(lang)
    if base == "zh":
        return bool(_ZH_DATE_RE.search(text))
    months = _MONTHS.get(base, frozenset()) | _NUMBER_WORDS.get(base, frozenset())
    nil = _NIL_WORDS.get(base, frozenset())
    words, _spans, parts = text_words(text, lang)
    for i, word in enumerate(words):
        folded = fold(word)
        if folded in months:
            return True
        if folded in nil and (i + 1 == len(words) or fold(words[i + 1]) not in _NOT_NIL_AFTER):
            return True
        if not is_capitalized(word) or (is_acronym(word) and folded in known):
            continue
        before = parts[2 * i] if parts else ""
        if i == 0 or any(c in _SENTENCE_END for c in before):
            continue  # a sentence starts with a capital whatever the word
        if folded not in known and not is_stopword(folded, lang):
            return True
    return False
