"""Cue matching: does a paragraph talk about a requirement's topic?

Matching is deliberately forgiving about form and strict about order:

* words are normalized (NFKD with accents stripped, casefolded), so
  "Sécurité" and "securite" are the same word;
* grammatical words ("de", "les", "the", "of"…) are dropped from both the cue
  and the text, so "mobilisation des ressources" and "mobiliser les
  ressources" line up;
* every remaining word is reduced to a light stem (common English and French
  suffixes removed), so inflection and derivation mostly agree;
* a phrase matches when its stems appear in the text in the same order, each
  within `MAX_GAP` words of the previous one.

Offsets are kept in the original text so evidence can quote it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Words (stop words included) allowed between two consecutive content words of
# a cue phrase: "redéploiement effectif des Forces" matches "redéploiement des
# Forces".
MAX_GAP = 5
MIN_STEM = 3

_TOKEN_RE = re.compile(r"[^\W_]+", re.UNICODE)

_STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        """a an the of and or in on at to for by with from as into onto its their his her
        is are was were be been being has have had this that these those it which who whom
        whose than then there also such not no any all s""".split()
    ),
    "fr": frozenset(
        """le la les l de des du d un une et ou en au aux a pour par sur dans avec ses son
        sa leur leurs ce cet cette ces qui que qu est sont ont se s il elle ils elles ne n
        y dont ainsi lui eux mais donc car tout tous toute toutes""".split()
    ),
}

# The longest suffix that leaves a stem of at least MIN_STEM characters wins
# (the lists are sorted by length below). Written in accent-free form because
# words are normalized before stemming.
_SUFFIX_LISTS: dict[str, tuple[str, ...]] = {
    "en": (
        "izations", "isations", "ization", "isation", "ational", "fulness", "iveness",
        "ments", "ment", "ations", "ation", "itions", "ition", "ions", "ion", "ities",
        "ity", "izing", "ising", "ized", "ised", "izes", "ises", "ize", "ise", "ings",
        "ing", "ively", "ive", "ies", "ied", "ness", "ally", "ly", "ers", "er", "ed",
        "ances", "ance", "ences", "ence", "es", "e", "s",
    ),
    "fr": (
        "issements", "issement", "isations", "isation", "ations", "ation", "itions",
        "ition", "ements", "ement", "ments", "ment", "ations", "ites", "ite", "euses",
        "euse", "eux", "ives", "ive", "ifs", "if", "ions", "ion", "ances", "ance",
        "ences", "ence", "ables", "able", "iques", "ique", "istes", "iste", "aires",
        "aire", "elles", "elle", "els", "el", "eurs", "eur", "rices", "rice", "ees",
        "ee", "es", "er", "ez", "ent", "ant", "e", "s", "x", "iser", "isent", "isant",
        "isees", "isee", "ises", "ise", "isons", "isez",
    ),
}
_SUFFIXES: dict[str, tuple[str, ...]] = {
    lang: tuple(sorted(set(items), key=len, reverse=True)) for lang, items in _SUFFIX_LISTS.items()
}
# Ligatures NFKD leaves alone.
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})


def fold(word: str) -> str:
    """Accent-free, casefolded form of `word` ("Sécurité" → "securite")."""
    decomposed = unicodedata.normalize("NFKD", word.translate(_LIGATURES))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=65536)
def stem(word: str, lang: str) -> str:
    """A light stem of an already folded word; unknown languages keep it whole."""
    suffixes = _SUFFIXES.get(lang)
    if not suffixes or word.isdigit():
        return word
    for suffix in suffixes:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            return word[: -len(suffix)]
    return word


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
    folded = fold(word)
    value = None if folded in _STOPWORDS.get(lang, frozenset()) else stem(folded, lang)
    if len(table) > _STEM_CACHE_LIMIT:
        table.clear()
    table[word] = value
    return value


@dataclass(frozen=True)
class Token:
    stem: str
    start: int
    end: int


def tokens(text: str, lang: str) -> list[Token]:
    """Content-word tokens of `text` with their offsets in `text`."""
    out: list[Token] = []
    for m in _TOKEN_RE.finditer(text):
        value = _content_stem(m.group(0), lang)
        if value is not None:
            out.append(Token(value, m.start(), m.end()))
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
        table = _STEMS.setdefault(lang, {})
        words = _TOKEN_RE.findall(text)
        stems = [table.get(w, _UNKNOWN) for w in words]
        positions = self.positions
        for i, value in enumerate(stems):
            if value is _UNKNOWN:
                value = _content_stem(words[i], lang)
            if value is None or (vocabulary is not None and value not in vocabulary):
                continue
            positions.setdefault(value, []).append(i)  # type: ignore[arg-type]

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Character offsets from word `first` to word `last`."""
        if self._spans is None:
            self._spans = [m.span() for m in _TOKEN_RE.finditer(self.text)]
        return self._spans[first][0], self._spans[last][1]

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
            nxt = next((c for c in candidates if pos < c <= pos + 1 + MAX_GAP), None)
            if nxt is None:
                return None
            pos = nxt
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
        self._by_first: dict[str, list[tuple[int, int, str, tuple[str, ...]]]] = {}
        vocabulary: set[str] = set()
        for rank, items in enumerate(cues.values()):
            for order, (cue, stems) in enumerate(compile_cues(tuple(items), lang)):
                self._by_first.setdefault(stems[0], []).append((rank, order, cue, stems))
                vocabulary.update(stems)
        self.vocabulary = frozenset(vocabulary)

    def match(self, index: TextIndex) -> dict[str, CueHit]:
        """For each key whose cues match `index`, the hit of its earliest cue."""
        best: dict[int, tuple[int, CueHit]] = {}
        by_first = self._by_first
        for first in index.positions.keys() & by_first.keys():
            for rank, order, cue, stems in by_first[first]:
                held = best.get(rank)
                if held is not None and held[0] <= order:
                    continue
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
