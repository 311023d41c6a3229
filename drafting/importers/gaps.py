"""Headings of the writer's own words, placed by what their text is about.

A heading that scores below the match threshold ("The security picture and
what the Mission did about it", "Concertation avec les autres forces") is
still often the start of a template section: the one the letter has reached
and not yet matched. Letters follow the template's order, so such a heading
can only be a section *between* the sections matched before and after it
(the "gap"); its paragraphs say which, by the template's cue words for each
section (the same stems `mapping` uses). It is given that section when the
text is decisive (`_decisive`): more about it than about any other section
of the gap, and than about the section it sits in. When the gap is empty — the heading
sits between two adjacent sections — it stays a subheading of the one it
sits in (`mapping`), as writers' own subheadings do.

The most decisive headings are placed first, since each placement narrows
the gaps of the others. A heading whose best two matches are nearly tied
("Performance et relève du personnel en tenue") goes to the one its text is
most about.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from drafting.importers.mapping import Group

MIN_HITS = 3
DOMINANCE = 1.5
# Two heading scores closer than this are a tie for the text to break.
TIE = 0.05


def break_tie(scores: dict[str, float], best: str, hits: dict[str, int]) -> str:
    """`best`, or a section scoring within TIE of it that the text is more about."""
    rivals = [sid for sid, score in scores.items()
              if sid != best and scores[best] - score <= TIE]
    if not rivals:
        return best
    return max([best, *rivals], key=lambda sid: (hits.get(sid, 0), sid == best))


def _decisive(hits: dict[str, int], gap: list[str], stay: str | None) -> tuple[str, float] | None:
    """The gap section the text is decisively about, and by how much, or None.

    The rivals are the other sections of the gap and `stay`, the section the
    heading sits in (where it would stay as a subheading). A gap of one section
    is what the template's order expects there: any of its cue stems, more
    than of its rival, will do. A wider gap needs MIN_HITS, DOMINANCE times
    the best rival's.
    """
    ranked = sorted(gap, key=lambda sid: -hits.get(sid, 0))
    if not ranked:
        return None
    top = hits.get(ranked[0], 0)
    rival = max([hits.get(sid, 0) for sid in ranked[1:]] + [hits.get(stay, 0) if stay else 0])
    if len(ranked) == 1:
        if top < 1 or top <= rival:
            return None
    elif top < MIN_HITS or top < DOMINANCE * rival:
        return None
    return ranked[0], top / max(rival, 1)


def fill_gaps(groups: Sequence[Group], section_ids: list[str], headed: set[str],
              hits: dict[int, dict[str, int]]) -> list[int]:
    """Give unmatched top-level headings the gap section their text is about.

    `section_ids` is the template's order, `headed` the sections with a
    heading, `hits` the cue stems of each section found under each candidate
    heading (by group index). Returns the indexes of the groups placed.
    """
    order = {sid: i for i, sid in enumerate(section_ids)}
    hits = dict(hits)
    placed: list[int] = []
    while hits:
        choices: list[tuple[float, int, str]] = []
        for i, found in hits.items():
            gap, stay = _gap(groups, i, section_ids, order, headed)
            choice = _decisive(found, gap, stay)
            if choice is not None:
                choices.append((choice[1], -i, choice[0]))
        if not choices:
            break
        _margin, minus_i, sid = max(choices)
        groups[-minus_i].best = sid
        placed.append(-minus_i)
        del hits[-minus_i]
    return sorted(placed)


def _gap(groups: Sequence[Group], index: int, section_ids: list[str],
         order: dict[str, int], headed: set[str]) -> tuple[list[str], str | None]:
    """The headed sections strictly between the matches before and after `index`,
    and the section matched before it (None at the start of the letter)."""
    before = next((order[g.best] for g in reversed(groups[:index])
                   if g.kind == "heading" and g.best is not None), -1)
    after = next((order[g.best] for g in groups[index + 1 :]
                  if g.kind == "heading" and g.best is not None), len(section_ids))
    gap = [sid for sid in section_ids[before + 1 : after] if sid in headed]
    return gap, section_ids[before] if before >= 0 else None
