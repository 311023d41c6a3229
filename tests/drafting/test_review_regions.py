"""Changes inside one reviewed paragraph as regions of the text that was sent (issue 19):
tracked and untracked edits together, never overlapping, and all of them applied give
the paragraph as reviewed."""

from __future__ import annotations

import random

from drafting.review.document import Piece
from drafting.review.regions import OffsetMap, Region, regions

SENT = "The Mission conducted twelve operations in the north of Mali during the period."


def apply(printed: str, found: list[Region]) -> str:
    text = printed
    for r in sorted(found, key=lambda r: (r.e0, r.e1, r.order), reverse=True):
        text = text[:r.e0] + r.new + text[r.e1:]
    return text


def final(pieces: list[Piece]) -> str:
    return "".join(p.text for p in pieces if p.change != "del")


def test_a_tracked_replacement_is_one_region_with_its_author() -> None:
    pieces = [Piece("The Mission "), Piece("conducted", "del", "Ana", "2020-05-04"),
              Piece("carried out", "ins", "Ana", "2020-05-04"),
              Piece(" twelve operations in the north of Mali during the period.")]
    [region] = regions(SENT, pieces, "Ed", "")
    assert (SENT[region.e0:region.e1], region.new, region.author, region.tracked) == \
        ("conducted", "carried out", "Ana", True)


def test_tracked_and_untracked_edits_are_told_apart() -> None:
    pieces = [Piece("The Mission really conducted twelve operations"),
              Piece(" in the north of Mali", "del", "Ana"), Piece(" during the period."),
              Piece(" New sentence.", "ins", "Ben")]
    found = regions(SENT, pieces, "Ed", "2020-05-05")
    assert [(SENT[r.e0:r.e1], r.new, r.author, r.tracked) for r in found] == [
        ("", "really ", "Ed", False), (" in the north of Mali", "", "Ana", True),
        ("", " New sentence.", "Ben", True)]
    assert apply(SENT, found) == final(pieces)


def test_nothing_changed_gives_no_region() -> None:
    assert regions(SENT, [Piece(SENT)], "Ed", "") == []


def test_random_reviews_never_overlap_and_give_the_reviewed_text() -> None:
    rng = random.Random(19)
    words = SENT.split(" ")
    for _trial in range(2000):
        pieces: list[Piece] = []
        for i, word in enumerate(words):
            token = word + (" " if i < len(words) - 1 else "")
            roll = rng.random()
            if roll < 0.1:
                pieces.append(Piece(token, "del", rng.choice("AB")))
            elif roll < 0.2:
                pieces += [Piece(f"zz{i} "), Piece(token)]  # typed without tracking
            elif roll < 0.25:
                continue  # deleted without tracking
            elif roll < 0.35:
                pieces += [Piece(token), Piece(f"new{i} ", "ins", rng.choice("AB"))]
            elif roll < 0.4 and len(token) > 2:
                pieces += [Piece(token[:2]), Piece("Q", "ins", "A"), Piece(token[2:], "del", "B")]
            else:
                pieces.append(Piece(token))
        found = regions(SENT, pieces, "Ed", "")
        spans = sorted((r.e0, r.e1) for r in found)
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False)), pieces
        assert apply(SENT, found) == final(pieces), pieces


def test_offsets_cross_typography_and_widen_inside_a_difference() -> None:
    typed = "The Force counted 13 289 personnel."
    printed = "The Force counted 13\u202f289 personnel."
    offsets = OffsetMap(typed, printed)
    at = printed.index("personnel")
    assert offsets.to_src(at, at + 9) == (at, at + 9, at, at + 9)
    space = printed.index("\u202f")
    assert offsets.to_src(space, space + 1) == (space, space + 1, space, space + 1)
    french = OffsetMap("le 1 juin", "le 1er juin")
    assert french.to_src(4, 6) == (4, 4, 4, 6)  # "er", which the writer never typed
    # a place inside what typography added widens to all of it
    assert french.to_src(5, 5) == (4, 4, 4, 6)


def test_offsets_survive_typography_that_removes_and_adds_as_many_characters() -> None:
    typed = "ab  cd: e"  # a double space, no space before the colon
    printed = "ab cd\u00a0: e"  # one space removed, a no-break space added: same length
    offsets = OffsetMap(typed, printed)
    s0, s1, _w0, _w1 = offsets.to_src(3, 5)
    assert typed[s0:s1] == "cd"
    assert offsets.to_src(8, 9)[:2] == (8, 9)
