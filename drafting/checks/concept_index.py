"""One paragraph's words indexed for the concept engine (`drafting.checks.concepts`):
where each key some requirement uses stands, the places a term matches, and
the shortest run of words holding one match of every concept.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate, compress
from typing import Literal

from drafting.checks.concept_words import WORD_CACHE_LIMIT, text_words, word_keys

# Words allowed between two consecutive words of a term: "relève du personnel"
# meets "relève de tout le personnel", not "relevées au niveau des 4 unités".
TERM_GAP = 2


@dataclass(frozen=True)
class _Term:
    text: str
    keys: tuple[str, ...]
    keyset: frozenset[str]


# word → the keys of it some requirement uses (False: a grammatical word), per vocabulary
_Table = dict[str, "tuple[str, ...] | Literal[False]"]


class _Index:
    """Positions of the keys of one text (only keys some requirement uses).

    `table` caches, per word, what the word gives for this vocabulary; a
    ConceptSet keeps one, so each word of a language is looked at once.
    """

    def __init__(self, text: str, lang: str, vocabulary: frozenset[str],
                 table: _Table | None = None) -> None:
        self.words, self._spans, self._parts = text_words(text, lang)
        self._offsets: list[int] | None = None
        self.positions: dict[str, list[int]] = {}
        if table is None:
            table = {}
        positions = self.positions
        words = self.words
        entries = list(map(table.get, words))
        if None in entries:  # words not seen yet in this language
            if len(table) > WORD_CACHE_LIMIT:
                table.clear()
            for i, keys in enumerate(entries):
                if keys is None:
                    word = words[i]
                    is_content, all_keys = word_keys(word, lang)
                    entries[i] = table[word] = (
                        tuple(k for k in all_keys if k in vocabulary) if is_content else False)
        self.content = len(entries) - entries.count(False)
        # only the words some requirement uses (about half of a paragraph's)
        for i in compress(range(len(entries)), entries):
            for key in entries[i]:  # type: ignore[union-attr]  # a word's keys differ
                found = positions.get(key)
                if found is None:
                    positions[key] = [i]
                else:
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
    """The shortest run of words holding one match of every concept (the first
    such run when several are as short).

    Going through the matches' starts from the last: for a window starting at
    `low`, each concept's best match is its earliest-ending one that starts at
    `low` or later, and the window ends at the latest of those ends.
    """
    if len(matches) == 1:  # the first of the narrowest matches
        return min(matches[0], key=lambda o: (o[1] - o[0], o))
    if all(len(found) == 1 for found in matches):  # one place each: nothing to choose
        return min(f[0][0] for f in matches), max(f[0][1] for f in matches)
    events = sorted(((s, e, c) for c, found in enumerate(matches) for s, e in found),
                    reverse=True)
    earliest_end: list[int | None] = [None] * len(matches)
    best: tuple[int, int] | None = None
    at = 0
    while at < len(events):
        low = events[at][0]
        while at < len(events) and events[at][0] == low:
            _s, end, c = events[at]
            known = earliest_end[c]
            if known is None or end < known:
                earliest_end[c] = end
            at += 1
        if any(e is None for e in earliest_end):
            continue
        high = max(e for e in earliest_end if e is not None)
        if best is None or high - low <= best[1] - best[0]:
            best = (low, high)  # "<=": going backwards, the earlier of equals wins
    assert best is not None  # the smallest start always has every concept after it
    return best
