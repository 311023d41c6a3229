"""The evidence window (the shortest run of words holding one match of every
concept) against a brute force, on random matches, fast paths included."""

from __future__ import annotations

from itertools import product

from hypothesis import given, settings
from hypothesis import strategies as st

from drafting.checks.concept_index import _window

Match = tuple[int, int]


def brute(matches: list[list[Match]]) -> tuple[int, int]:
    best: tuple[int, int, int] | None = None  # (width, first, last)
    for choice in product(*matches):
        first = min(s for s, _e in choice)
        last = max(e for _s, e in choice)
        if best is None or (last - first, first) < (best[0], best[1]):
            best = (last - first, first, last)
    assert best is not None
    return best[1], best[2]


spans = st.tuples(st.integers(0, 40), st.integers(0, 3)).map(lambda t: (t[0], t[0] + t[1]))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(spans, min_size=1, max_size=4), min_size=1, max_size=4))
def test_the_window_is_the_narrowest(matches: list[list[Match]]) -> None:
    first, last = _window(matches)
    want_first, want_last = brute(matches)
    assert last - first == want_last - want_first
    # whatever window is returned holds one match of every concept
    assert all(any(first <= s and e <= last for s, e in found) for found in matches)
