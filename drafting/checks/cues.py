"""Cue matching: does a paragraph talk about a requirement's topic?

Matching is deliberately forgiving about form and strict about order:

* words are normalized (NFKD with accents stripped, casefolded; Arabic
  letter variants unified), so "Sécurité" and "securite" are the same word;
  Chinese, written without spaces, is cut into character bigrams;
* grammatical words ("de", "les", "the", "of"…) are dropped from both the cue
  and the text, so "mobilisation des ressources" and "mobiliser les
  ressources" line up;
* every remaining word is reduced to a light stem (common suffixes removed in
  en, fr, es and ru; article, clitics and suffixes in ar), so inflection and
  derivation mostly agree — the rules live in `drafting.checks.stemmers`;
* a phrase matches when its stems appear in the text in the same order, each
  within `MAX_GAP` words of the previous one.

Offsets are kept in the original text so evidence can quote it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from drafting.checks.stemmers import (
    MIN_STEM,
    base_language,
    fold,
    is_stopword,
    split_words,
    splits_words,
    stem,
    variants,
    word_pattern,
)

__all__ = [
    "MAX_GAP", "MIN_STEM", "CueHit", "CueSet", "TextIndex", "Token", "compile_cues",
    "cue_stems", "excerpt", "fold", "stem", "tokens",
]

# Words (stop words included) allowed between two consecutive content words of
# a cue phrase: "redéploiement effectif des Forces" matches "redéploiement des
# Forces". In Chinese a "word" is a character bigram.
MAX_GAP = 5


# folded word → stem, or None for a stop word; per language. A plain dict is
# the cheapest lookup for the hot loop of a full check.
_STEMS: dict[str, dict[str, str | None]] = {}
_STEM_CACHE_LIMIT = 200_000
_UNKNOWN = object()


def _content_stem(word: str, lang: str) -> str | None:
    table = _STEMS.setdefault(lang, {})
    try:
        return table[word]
    except KeyError:
        pass
    value = None if is_stopword(fold(word), lang) else stem(word, lang)
    if len(table) > _STEM_CACHE_LIMIT:
        table.clear()
    table[word] = value
    return value


# Per (language, vocabulary): every word seen so far, and the stem of those
# whose stem is in the vocabulary. Indexing a text then costs two set
# operations and one pass over its words instead of a stem lookup per word.
_VOCABULARY_WORDS: dict[tuple[str, frozenset[str]], tuple[dict[str, str], set[str]]] = {}
_VOCABULARIES_LIMIT = 16


def _vocabulary_words(
    lang: str, vocabulary: frozenset[str]
) -> tuple[dict[str, str], set[str]]:
    key = (lang, vocabulary)
    found = _VOCABULARY_WORDS.get(key)
    if found is None or len(found[1]) > _STEM_CACHE_LIMIT:
        if len(_VOCABULARY_WORDS) >= _VOCABULARIES_LIMIT:
            _VOCABULARY_WORDS.clear()
        found = _VOCABULARY_WORDS[key] = ({}, set())
    return found


@lru_cache(maxsize=8)
def _splitter(pattern: re.Pattern[str]) -> re.Pattern[str]:
    # The word pattern as a capturing group: split() then gives separators
    # and words alternately, so offsets are sums of lengths (see `TextIndex.span`).
    return re.compile(f"({pattern.pattern})", pattern.flags)


def _word_spans(text: str, lang: str) -> list[tuple[str, int, int]]:
    if splits_words(lang):
        return split_words(text)
    return [(m.group(0), m.start(), m.end()) for m in word_pattern(lang).finditer(text)]


@dataclass(frozen=True)
class Token:
    stem: str
    start: int
    end: int


def tokens(text: str, lang: str) -> list[Token]:
    """Content-word tokens of `text` with their offsets in `text`."""
    out: list[Token] = []
    for word, start, end in _word_spans(text, lang):
        value = _content_stem(word, lang)
        if value is not None:
            out.append(Token(value, start, end))
    return out


@lru_cache(maxsize=4096)
def cue_stems(cue: str, lang: str) -> tuple[str, ...]:
    """The stems a cue phrase must show in order (stop words dropped)."""
    return tuple(t.stem for t in tokens(cue, lang))


@lru_cache(maxsize=1024)
def compile_cues(cues: tuple[str, ...], lang: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each cue with its stems, cues without content words dropped."""
    return tuple((c, st) for c in cues if (st := cue_stems(c, lang)))


@dataclass(frozen=True)
class CueHit:
    """Where a cue matched: character offsets in the text, and the cue."""

    start: int
    end: int
    cue: str


class TextIndex:
    """Positions of the stems of one text, for repeated phrase lookups.

    Positions count every word, stop words included (they are only never
    *matched*). With `vocabulary`, only stems in it are indexed, which is all
    a `CueSet` needs and keeps indexing a long letter cheap. Character offsets
    are worked out only when a cue matches.
    """

    def __init__(self, text: str, lang: str, vocabulary: frozenset[str] | None = None) -> None:
        self.text = text
        self.lang = lang
        self.positions: dict[str, list[int]] = {}
        self._spans: list[tuple[int, int]] | None = None
        # separators and words alternately, and their running lengths once needed
        self._parts: list[str] = []
        self._offsets: list[int] | None = None
        if splits_words(lang):
            pieces = split_words(text)
            words = [p[0] for p in pieces]
            self._spans = [(p[1], p[2]) for p in pieces]
        else:
            self._parts = _splitter(word_pattern(lang)).split(text)
            words = self._parts[1::2]
        if vocabulary is None:
            self._index_all(words)
        else:
            self._index_vocabulary(words, vocabulary)
        if base_language(lang) == "ar":
            self._add_variants(words, vocabulary)

    def _index_all(self, words: list[str]) -> None:
        table = _STEMS.setdefault(self.lang, {})
        stems = [table.get(w, _UNKNOWN) for w in words]
        positions = self.positions
        for i, value in enumerate(stems):
            if value is _UNKNOWN:
                value = _content_stem(words[i], self.lang)
            if value is None:
                continue
            positions.setdefault(value, []).append(i)  # type: ignore[arg-type]

    def _index_vocabulary(self, words: list[str], vocabulary: frozenset[str]) -> None:
        # Same result as `_index_all` restricted to stems in `vocabulary`.
        stem_of, seen = _vocabulary_words(self.lang, vocabulary)
        distinct = set(words)
        for word in distinct - seen:
            value = _content_stem(word, self.lang)
            if value is not None and value in vocabulary:
                stem_of[word] = value
            seen.add(word)
        present = distinct.intersection(stem_of)
        if not present:
            return
        positions = self.positions
        for i, word in enumerate(words):
            if word in present:
                positions.setdefault(stem_of[word], []).append(i)

    def _add_variants(self, words: list[str], vocabulary: frozenset[str] | None) -> None:
        # An Arabic text word may stand for more stems than its own: "وفريق"
        # is also "فريق" (see `stemmers.variants`). Kept out of the loop above
        # so the other languages pay nothing for it.
        positions = self.positions
        for i, word in enumerate(words):
            if _content_stem(word, self.lang) is None:
                continue
            for other in variants(word, self.lang):
                if vocabulary is None or other in vocabulary:
                    positions.setdefault(other, []).append(i)
        for found in positions.values():
            found.sort()

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Character offsets from word `first` to word `last`."""
        if self._spans is not None:
            return self._spans[first][0], self._spans[last][1]
        if self._offsets is None:
            self._offsets = list(accumulate(map(len, self._parts), initial=0))
        # word i is part 2i+1: it starts after parts 0…2i and ends after 2i+1
        return self._offsets[2 * first + 1], self._offsets[2 * last + 2]

    def find(self, cue: str) -> CueHit | None:
        """The first place where `cue` matches, or None."""
        return self.find_stems(cue, cue_stems(cue, self.lang))

    def find_stems(self, cue: str, stems: tuple[str, ...]) -> CueHit | None:
        """Like `find`, for a cue already reduced to its stems."""
        if not stems:
            return None
        first = self.positions.get(stems[0])
        if not first:
            return None
        if len(stems) == 1:
            return CueHit(*self.span(first[0], first[0]), cue)
        for start in first:
            end = self._follow(start, stems[1:])
            if end is not None:
                return CueHit(*self.span(start, end), cue)
        return None

    def _follow(self, pos: int, rest: tuple[str, ...]) -> int | None:
        """Index of the last token if `rest` follows token `pos` in order."""
        for s in rest:
            candidates = self.positions.get(s)
            if not candidates:
                return None
            # positions are ascending: the first one after `pos` is the nearest
            at = bisect_right(candidates, pos)
            if at == len(candidates) or candidates[at] > pos + 1 + MAX_GAP:
                return None
            pos = candidates[at]
        return pos

    def find_any(self, cues: list[str] | tuple[str, ...]) -> CueHit | None:
        """The first cue of `cues` (in the given order) that matches."""
        for cue, stems in compile_cues(tuple(cues), self.lang):
            hit = self.find_stems(cue, stems)
            if hit is not None:
                return hit
        return None


class CueSet:
    """The cues of many requirements, indexed by their first stem.

    Matching a text then only tries the cues that can start at one of its
    words, instead of every cue of every requirement.
    """

    def __init__(self, cues: dict[str, list[str]], lang: str) -> None:
        self.lang = lang
        self.ids = list(cues)
        # first stem → (rank, order, cue, stems, the other stems)
        self._by_first: dict[
            str, list[tuple[int, int, str, tuple[str, ...], frozenset[str]]]
        ] = {}
        vocabulary: set[str] = set()
        for rank, items in enumerate(cues.values()):
            for order, (cue, stems) in enumerate(compile_cues(tuple(items), lang)):
                self._by_first.setdefault(stems[0], []).append(
                    (rank, order, cue, stems, frozenset(stems[1:]))
                )
                vocabulary.update(stems)
        self.vocabulary = frozenset(vocabulary)

    def match(self, index: TextIndex) -> dict[str, CueHit]:
        """For each key whose cues match `index`, the hit of its earliest cue."""
        best: dict[int, tuple[int, CueHit]] = {}
        by_first = self._by_first
        present = index.positions.keys()
        for first in present & by_first.keys():
            for rank, order, cue, stems, others in by_first[first]:
                held = best.get(rank)
                if held is not None and held[0] <= order:
                    continue
                if not present >= others:
                    continue  # a stem the text lacks: the cue cannot match
                hit = index.find_stems(cue, stems)
                if hit is not None:
                    best[rank] = (order, hit)
        return {self.ids[rank]: hit for rank, (_order, hit) in sorted(best.items())}


def excerpt(text: str, start: int, end: int, width: int = 160) -> str:
    """A one-line quotation around text[start:end], cut at word boundaries."""
    if len(text) <= width:
        return " ".join(text.split())
    pad = max(0, (width - (end - start)) // 2)
    lo = max(0, start - pad)
    hi = min(len(text), end + pad)
    if lo > 0:
        lo = max(text.rfind(" ", 0, lo) + 1, 0)
    if hi < len(text):
        cut = text.find(" ", hi)
        hi = len(text) if cut < 0 else cut
    body = " ".join(text[lo:hi].split())
    return ("…" if lo > 0 else "") + body + ("…" if hi < len(text) else "")
