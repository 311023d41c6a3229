"""Concept matching: does a paragraph meet a requirement? (DESIGN §3.1)

A requirement names the *concepts* a paragraph must all mention; each concept
is a list of alternative terms per language, and exclusion terms rule the
paragraph out. G5 Sahel, for instance, needs {Force conjointe du G5 Sahel |
Force conjointe | FC-G5S} *and* {opérationnalisation | opérationnel | …}:
"the Sahel region" alone names neither.

How a term meets the text:

* words are compared by Snowball stem (`drafting.checks.stemmers`), so
  "mobilisation" meets "mobiliser"; grammatical words are skipped;
* a term word written with a capital ("Accord") is a proper name: it meets
  only a capitalized word of the text ("l'Accord", not "avec l'accord de");
  a word in capitals or with digits ("FC-G5S", "G5", "MINUSMA") is an acronym
  and meets only the very same word;
* a phrase matches when its words come in order with at most `TERM_GAP`
  words between two of them (Chinese: character bigrams, see `stemmers`).

A match gets a *strength* (every concept, more occurrences, the concepts close
together) so evidence can be ranked. A paragraph that mostly repeats the
requirement's own wording (label, its section's heading and guidance, its
terms) and holds no fact — no number, date, place or named operation — is a
*stub*: it is reported, never counted (`ConceptHit.stub`).

Everything per requirement is compiled once per template and language
(`ConceptSet`); what depends on one paragraph is computed once per text
(`ConceptSet.match`), which the checker caches per block.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate

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
from drafting.templates.model import Requirement, Template, TemplateSection, pick

__all__ = ["ConceptHit", "ConceptSet", "has_fact", "is_acronym", "term_keys"]

# Words allowed between two consecutive words of a term: "relève du personnel"
# meets "relève de tout le personnel", not "relevées au niveau des 4 unités".
TERM_GAP = 2
# Share of a paragraph's content words taken from the requirement's own
# wording above which, without a fact, the paragraph only restates it.
RESTATEMENT_SHARE = 0.6
# Scripts without capitals cannot show a place or a name, so ask for more.
RESTATEMENT_SHARE_CASELESS = 0.75
_CASELESS = frozenset({"ar", "zh"})
# Occurrences of one concept beyond the first that still add strength.
EXTRA_OCCURRENCES = 2
# Concepts found within this many words of each other: a focused paragraph.
CLOSE_WINDOW = 15
LOOSE_WINDOW = 30

# A number standing on its own ("24", "1 330", "5,5"), not the digit of a name ("G5").
_DIGIT_RE = re.compile(r"(?<![^\W\d_])\d+(?![^\W\d_])")
# A quoted name: « Seka », "Buffalo", “Maliko”.
_QUOTED_RE = re.compile(r"[«“\"]\s*[^\W\d_][^«»“”\"]{1,40}[»”\"]")
_SENTENCE_END = frozenset(".!?:;•\n")

_MONTHS: dict[str, frozenset[str]] = {
    lang: frozenset(fold(w) for w in words.split())
    for lang, words in {
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
    }.items()
}
_ZH_DATE_RE = re.compile("[0-9一二三四五六七八九十〇零两]+[年月日次个名起天周]")
# Counts written out ("three times", "trois réunions") are facts too.
_NUMBER_WORDS: dict[str, frozenset[str]] = {
    lang: frozenset(fold(w) for w in words.split())
    for lang, words in {
        "en": "two three four five six seven eight nine ten eleven twelve twenty dozen",
        "fr": "deux trois quatre cinq six sept huit neuf dix onze douze vingt dizaine",
        "es": "dos tres cuatro cinco seis siete ocho nueve diez once doce veinte",
        "ru": "два две три четыре пять шесть семь восемь девять десять двух трех трёх "
              "четырех пяти шести",
        "ar": "اثنان اثنين ثلاثة ثلاث أربعة أربع خمسة خمس ستة ست سبعة سبع ثمانية تسعة عشرة "
              "عشر مرتين",
    }.items()
}


def is_acronym(word: str) -> bool:
    """"FC", "G5", "MINUSMA", "FAMa": capitals after the first letter, or a
    letter with digits."""
    if len(word) < 2 or not any(c.isalpha() for c in word):
        return False
    return any(c.isupper() for c in word[1:]) or (
        word[0].isupper() and any(c.isdigit() for c in word))


def _is_capitalized(word: str) -> bool:
    return word[:1].isupper() and word[:1].lower() != word[:1].upper()


# word → (is a content word, every key the word stands for); per language.
_WORD_KEYS: dict[str, dict[str, tuple[bool, tuple[str, ...]]]] = {}
_WORD_CACHE_LIMIT = 200_000


def _word_keys(word: str, lang: str) -> tuple[bool, tuple[str, ...]]:
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
        elif _is_capitalized(word):
            keys.append("^" + value)
        found = (True, tuple(keys))
    if len(table) > _WORD_CACHE_LIMIT:
        table.clear()
    table[word] = found
    return found


def _words(text: str, lang: str) -> tuple[list[str], list[tuple[int, int]] | None, list[str]]:
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
    for word in _words(term, lang)[0]:
        if is_acronym(word):
            out.append("=" + word)
        elif is_stopword(fold(word), lang):
            continue
        elif _is_capitalized(word) and not splits_words(lang):
            out.append("^" + stem(word, lang))
        else:
            out.append(stem(word, lang))
    return tuple(out)


@dataclass(frozen=True)
class _Term:
    text: str
    keys: tuple[str, ...]
    keyset: frozenset[str]


@dataclass(frozen=True)
class _Compiled:
    id: str
    concepts: tuple[tuple[_Term, ...], ...]
    concept_keys: tuple[frozenset[str], ...]  # every key of each concept's terms
    exclusions: tuple[_Term, ...]
    wording: frozenset[str]  # stems of the requirement's own words


@dataclass(frozen=True)
class ConceptHit:
    """How one paragraph meets one requirement.

    `start`/`end` are character offsets of the tightest passage holding every
    concept (for the excerpt); `strength` ranks evidence; `stub` is True when
    the paragraph only restates the requirement, without a fact.
    """

    start: int
    end: int
    strength: float
    stub: bool = False


def has_fact(text: str, lang: str, known: frozenset[str] = frozenset()) -> bool:
    """Whether `text` states something checkable: a number, a date, a quoted
    name, or a capitalized word inside a sentence that the template's own
    wording (`known`, folded words) does not use — a place or a named
    operation."""
    if _DIGIT_RE.search(text) or _QUOTED_RE.search(text):
        return True
    base = base_language(lang)
    if base == "zh":
        return bool(_ZH_DATE_RE.search(text))
    months = _MONTHS.get(base, frozenset()) | _NUMBER_WORDS.get(base, frozenset())
    words, _spans, parts = _words(text, lang)
    for i, word in enumerate(words):
        folded = fold(word)
        if folded in months:
            return True
        if not _is_capitalized(word) or (is_acronym(word) and folded in known):
            continue
        before = parts[2 * i] if parts else ""
        if i == 0 or any(c in _SENTENCE_END for c in before):
            continue  # a sentence starts with a capital whatever the word
        if folded not in known and not is_stopword(folded, lang):
            return True
    return False


class _Index:
    """Positions of the keys of one text (only keys some requirement uses)."""

    def __init__(self, text: str, lang: str, vocabulary: frozenset[str]) -> None:
        self.words, self._spans, self._parts = _words(text, lang)
        self._offsets: list[int] | None = None
        self.positions: dict[str, list[int]] = {}
        self.content = 0
        positions = self.positions
        for i, word in enumerate(self.words):
            content, keys = _word_keys(word, lang)
            if not content:
                continue
            self.content += 1
            for key in keys:
                if key in vocabulary:
                    found = positions.get(key)
                    if found is None:
                        positions[key] = [i]
                    elif found[-1] != i:
                        found.append(i)

    def span(self, first: int, last: int) -> tuple[int, int]:
        if self._spans is not None:
            return self._spans[first][0], self._spans[last][1]
        if self._offsets is None:
            self._offsets = list(accumulate(map(len, self._parts), initial=0))
        return self._offsets[2 * first + 1], self._offsets[2 * last + 2]

    def occurrences(self, term: _Term) -> list[tuple[int, int]]:
        """(first word, last word) of every place the term matches."""
        keys = term.keys
        starts = self.positions.get(keys[0])
        if not starts:
            return []
        if len(keys) == 1:
            return [(p, p) for p in starts]
        out = []
        for start in starts:
            end = self._follow(start, keys[1:])
            if end is not None:
                out.append((start, end))
        return out

    def _follow(self, pos: int, rest: tuple[str, ...]) -> int | None:
        for key in rest:
            candidates = self.positions.get(key)
            if not candidates:
                return None
            at = bisect_right(candidates, pos)
            if at == len(candidates) or candidates[at] > pos + 1 + TERM_GAP:
                return None
            pos = candidates[at]
        return pos


def _window(matches: list[list[tuple[int, int]]]) -> tuple[int, int]:
    """The shortest run of words holding one match of every concept."""
    events = sorted((s, e, c) for c, found in enumerate(matches) for s, e in found)
    need = len(matches)
    best = (events[0][0], max(e for _s, e, _c in events))
    count: dict[int, int] = {}
    lo = 0
    for hi, (_s, _e, c) in enumerate(events):
        count[c] = count.get(c, 0) + 1
        while len(count) == need:
            first = events[lo][0]
            last = max(e for _s, e, _c in events[lo:hi + 1])
            if last - first < best[1] - best[0]:
                best = (first, last)
            lc = events[lo][2]
            count[lc] -= 1
            if not count[lc]:
                del count[lc]
            lo += 1
    return best


class ConceptSet:
    """The compiled concepts of a template's requirements in one language."""

    def __init__(self, template: Template, lang: str) -> None:
        self.lang = lang
        compiled: list[_Compiled] = []
        vocabulary: set[str] = set()
        known: set[str] = set()
        for section in template.sections:
            known |= _folded_words(_section_texts(section, lang), lang)
        for names in (template.names, template.addressees, template.closings):
            known |= _folded_words([pick(names, lang)] if names else [], lang)
        # a place among a concept's terms (Kidal) is a fact when a paragraph
        # names it, unless the template's own labels, headings or standard
        # text use the word (the Force, the Mission)
        plain: set[str] = set()
        for section in template.sections:
            plain |= _folded_words([section.heading(lang), *section.boilerplate.get(lang, []),
                                    *(r.label(lang) for r in section.requirements)], lang)
        known -= _place_terms(template, lang) - plain
        for section, req in template.requirements():
            concepts = tuple(
                tuple(t for t in (_term(x, lang) for x in c.terms_for(lang)) if t is not None)
                for c in req.concepts
            )
            concepts = tuple(c for c in concepts if c)
            if not concepts:
                continue
            exclusions = tuple(
                t for t in (_term(x, lang) for x in req.exclusions.get(lang, [])) if t is not None)
            wording = _wording(section, req, lang)
            compiled.append(_Compiled(
                req.id, concepts, tuple(frozenset().union(*(t.keyset for t in c))
                                        for c in concepts),
                exclusions, wording))
            for c in concepts:
                for t in c:
                    vocabulary |= t.keyset
            for t in exclusions:
                vocabulary |= t.keyset
            vocabulary |= wording
            # words of multi-word names (Joint Force of the Group of Five) are the
            # template's own; single capitalized terms are places (see below)
            known |= _folded_words([t.text for c in concepts for t in c
                                    if len(_words(t.text, lang)[0]) > 1], lang)
        self.requirements = compiled
        self.vocabulary = frozenset(vocabulary)
        # capitalized words the template itself uses are not facts (place names
        # among a concept's terms are, when a paragraph gives them)
        self.known = frozenset(known)
        self.share = (RESTATEMENT_SHARE_CASELESS if base_language(lang) in _CASELESS
                      else RESTATEMENT_SHARE)

    def match(self, text: str) -> dict[str, ConceptHit]:
        """For each requirement the text meets, how (see `ConceptHit`)."""
        if not text.strip():
            return {}
        index = _Index(text, self.lang, self.vocabulary)
        present = index.positions.keys()
        if not present:
            return {}
        out: dict[str, ConceptHit] = {}
        fact: bool | None = None
        for req in self.requirements:
            if any(present.isdisjoint(keys) for keys in req.concept_keys):
                continue
            matches = []
            for concept in req.concepts:
                found = [o for t in concept if t.keyset <= present
                         for o in index.occurrences(t)]
                if not found:
                    break
                matches.append(found)
            else:
                if any(t.keyset <= present and index.occurrences(t) for t in req.exclusions):
                    continue
                first, last = _window(matches)
                strength = float(len(matches)) + 0.25 * sum(
                    min(len(m) - 1, EXTRA_OCCURRENCES) for m in matches)
                width = last - first + 1
                if len(matches) > 1:
                    strength += 1.0 if width <= CLOSE_WINDOW else 0.5 if width <= LOOSE_WINDOW else 0
                stub = False
                if index.content and self._restates(index, req, self.share):
                    if fact is None:
                        fact = has_fact(text, self.lang, self.known)
                    stub = not fact
                out[req.id] = ConceptHit(*index.span(first, last), strength, stub)
        return out

    @staticmethod
    def _restates(index: _Index, req: _Compiled, share: float) -> bool:
        own = sum(len(p) for key, p in index.positions.items() if key in req.wording)
        return own >= share * index.content


def _term(text: str, lang: str) -> _Term | None:
    keys = term_keys(text, lang)
    return _Term(text, keys, frozenset(keys)) if keys else None


def _place_terms(template: Template, lang: str) -> set[str]:
    """Capitalized single-word terms (Kidal, Gao): places a paragraph may name."""
    out: set[str] = set()
    for _s, req in template.requirements():
        for concept in req.concepts:
            for term in concept.terms_for(lang):
                words = _words(term, lang)[0]
                if len(words) == 1 and _is_capitalized(words[0]) and not is_acronym(words[0]):
                    out.add(fold(words[0]))
    return out


def _section_texts(section: TemplateSection, lang: str) -> list[str]:
    texts = [section.heading(lang), pick(section.guidance, lang) if section.guidance else ""]
    texts += section.boilerplate.get(lang, [])
    for req in section.requirements:
        texts.append(req.label(lang))
    return texts


def _folded_words(texts: Iterable[str], lang: str) -> set[str]:
    return {fold(w) for text in texts if text for w in _words(text, lang)[0]}


def _wording(section: TemplateSection, req: Requirement, lang: str) -> frozenset[str]:
    """Stems of what the template itself says about the requirement."""
    texts = [req.label(lang), section.heading(lang),
             pick(section.guidance, lang) if section.guidance else ""]
    texts += [t for c in req.concepts for t in c.terms_for(lang)]
    out: set[str] = set()
    for text in texts:
        for word in _words(text, lang)[0]:
            content, keys = _word_keys(word, lang)
            if content:
                out.add(keys[0])
    return frozenset(out)
