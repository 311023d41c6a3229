"""Which paragraph of a reviewed copy is which block of the letter that was sent.

By anchor first: the bookmark every export puts around each body paragraph
(`drafting.review.stamp.anchor_name`). A reviewer who retyped a paragraph
whole may have deleted it; those paragraphs are then paired with the blocks
left over by text similarity, inside the stretch between their anchored
neighbours first and across the whole letter after that. Section headings,
the title, the closing formula and the signature are recognised and set
aside; whatever is left is a new paragraph. Anchored paragraphs that left
their place (a paragraph cut and pasted elsewhere) are found as the ones
outside the longest run in the letter's order.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from drafting.compare import PAIR_THRESHOLD, similarity
from drafting.letter import Block
from drafting.review.document import ReviewedParagraph
from drafting.review.stamp import anchor_name

# Outside the stretch between anchored neighbours, a pairing by text must be this close.
WIDE_THRESHOLD = 0.7
# A leftover line this close to the title, a heading or the closing is not new text.
FURNITURE_THRESHOLD = 0.85
# The tab and number an export puts before a paragraph's text ("⇥12.⇥").
_PREFIX_RE = re.compile(r"^\t*(?:\d{1,4}\.\t)?")


@dataclass(frozen=True)
class SentBlock:
    """A block as it was sent: where it was, and its text as printed."""

    where: str  # section id, "unassigned" or "annex-N"
    block: Block
    printed: str
    order: int  # reading order in the letter


@dataclass
class Match:
    """The outcome: reviewed paragraph index -> sent block, and what is left."""

    pairs: dict[int, SentBlock] = field(default_factory=dict)
    by_anchor: set[int] = field(default_factory=set)
    headings: dict[int, str] = field(default_factory=dict)  # paragraph -> section id
    furniture: set[int] = field(default_factory=set)
    new: list[int] = field(default_factory=list)
    unmatched: list[SentBlock] = field(default_factory=list)
    moved: set[int] = field(default_factory=set)
    # Headings and other printed lines a reviewer changed: (paragraph, what was
    # printed, what the copy now reads). They are no block, so no suggestion.
    changed_lines: list[tuple[int, str, str]] = field(default_factory=list)


def prefix_length(text: str) -> int:
    """How many leading characters of a paragraph are the export's tab and number."""
    m = _PREFIX_RE.match(text)
    return m.end() if m else 0


def match(paragraphs: list[ReviewedParagraph], sent: list[SentBlock],
          headings: dict[str, str], furniture: list[str]) -> Match:
    """Pair `paragraphs` with `sent` blocks (see the module docstring).

    `headings` maps each section heading as printed to its section id;
    `furniture` lists the other printed lines that are no block.
    """
    result = Match()
    by_name = {anchor_name(s.block.id): s for s in sent}
    taken: set[str] = set()
    for index, p in enumerate(paragraphs):
        for name in p.anchors:
            s = by_name.get(name)
            if s is not None and s.block.id not in taken:
                result.pairs[index] = s
                result.by_anchor.add(index)
                taken.add(s.block.id)
                break
    loose: list[int] = []
    order = list(headings)  # the sections' headings in the letter's order
    keys = {k for p in paragraphs for k in (_key(p.base), _key(p.final))}
    # Headings found word for word somewhere: a reworded line is never taken for them.
    verbatim = {h for h in order if h in keys}
    claimed: set[str] = set()
    for index, p in enumerate(paragraphs):
        if index in result.pairs:
            continue
        if not (p.final.strip() or p.base.strip()):
            continue
        printed = _heading(p, headings, order, claimed, verbatim)
        if printed is not None:
            claimed.add(printed)
            result.headings[index] = headings[printed]
            _note_change(result, index, p, printed)
            continue
        line = _furniture_line(p, furniture)
        if line is not None:
            result.furniture.add(index)
            _note_change(result, index, p, line)
        else:
            loose.append(index)
    left = [s for s in sent if s.block.id not in taken]
    _pair_by_text(paragraphs, loose, left, result, taken)
    result.new = [i for i in loose if i not in result.pairs]
    result.unmatched = [s for s in sent if s.block.id not in taken]
    result.moved = _moved(result.pairs)
    return result


def _key(text: str) -> str:
    return " ".join(text[prefix_length(text):].split())


def _heading(p: ReviewedParagraph, headings: dict[str, str], order: list[str],
             claimed: set[str], verbatim: set[str]) -> str | None:
    """The printed section heading `p` is (or was, before the reviewers' changes)."""
    final, base = _key(p.final), _key(p.base)
    for key in (base, final):
        if key in headings and key not in claimed:
            return key
    open_ = [h for h in order if h not in claimed and h not in verbatim]
    if p.all_inserted():
        return None  # a line the reviewer added is new text, whatever its style
    if not open_:
        return None
    best = max(open_, key=lambda h: max(similarity(h, final), similarity(h, base)))
    if max(similarity(best, final), similarity(best, base)) >= FURNITURE_THRESHOLD:
        return best
    if _style_key(p.style) in _SECTION_STYLES and (p.outline or 0) <= 1:
        # A section heading reworded beyond recognition: the next one in order.
        done = [order.index(h) for h in claimed]
        later = [h for h in open_ if order.index(h) > max(done, default=-1)]
        return later[0] if later else None
    return None


# Section headings' styles, by key: today's (UN "Title_H1") and earlier exports'.
_SECTION_STYLES = ("titleh1", "titleh23")


def _style_key(style: str) -> str:
    # Round trips rename style ids ("TitleHCH" comes back from LibreOffice as "TitleHCh").
    return re.sub(r"[^a-z0-9]", "", style.lower())


def _furniture_line(p: ReviewedParagraph, furniture: list[str]) -> str | None:
    """The printed title, closing or signature line `p` is, or None; "" when only
    its style says so."""
    final, base = _key(p.final), _key(p.base)
    for key in (base, final):
        if key in furniture:
            return key
    scored = [(max(similarity(line, final), similarity(line, base)), line)
              for line in furniture]
    score, line = max(scored, default=(0.0, ""))
    if score >= FURNITURE_THRESHOLD:
        return line
    if _style_key(p.style) in ("titlehch", "signature"):
        return line if score >= 0.5 else ""
    return None


def _note_change(result: Match, index: int, p: ReviewedParagraph, printed: str) -> None:
    final = _key(p.final)
    if printed and final != printed:
        result.changed_lines.append((index, printed, final))


def _pair_by_text(paragraphs: list[ReviewedParagraph], loose: list[int], left: list[SentBlock],
                  result: Match, taken: set[str]) -> None:
    """Pair paragraphs whose anchor is gone with the blocks nobody claimed."""
    if not loose or not left:
        return
    anchored = sorted(result.pairs.items())
    # 1. Inside the stretch between anchored neighbours, in order.
    for lo, hi, paras in _gaps(loose, anchored):
        blocks = [s for s in left if lo < s.order < hi and s.block.id not in taken]
        for i, s in _align(paragraphs, paras, blocks, PAIR_THRESHOLD):
            result.pairs[i] = s
            taken.add(s.block.id)
    # 2. Anywhere, when the text is clearly the same paragraph.
    rest = [i for i in loose if i not in result.pairs]
    blocks = [s for s in left if s.block.id not in taken]
    scored = sorted(((similarity(s.printed, _text(paragraphs[i])), i, s.order, s)
                     for i in rest for s in blocks), key=lambda x: (-x[0], x[1], x[2]))
    for score, i, _order, s in scored:
        if score < WIDE_THRESHOLD:
            break
        if i in result.pairs or s.block.id in taken:
            continue
        result.pairs[i] = s
        taken.add(s.block.id)


def _text(p: ReviewedParagraph) -> str:
    base = p.base if p.base.strip() else p.final
    return base[prefix_length(base):].strip()


def _gaps(loose: list[int], anchored: list[tuple[int, SentBlock]]
          ) -> list[tuple[int, int, list[int]]]:
    """(lowest order, highest order, loose paragraphs) between anchored neighbours."""
    out: list[tuple[int, int, list[int]]] = []
    positions = [i for i, _s in anchored]
    for i in loose:
        at = bisect_left(positions, i)
        lo = anchored[at - 1][1].order if at > 0 else -1
        hi = anchored[at][1].order if at < len(anchored) else 1 << 30
        if lo > hi:
            lo, hi = -1, 1 << 30
        if out and out[-1][0] == lo and out[-1][1] == hi:
            out[-1][2].append(i)
        else:
            out.append((lo, hi, [i]))
    return out


def _align(paragraphs: list[ReviewedParagraph], paras: list[int], blocks: list[SentBlock],
           threshold: float) -> list[tuple[int, SentBlock]]:
    """Order-keeping pairs with the highest summed similarity (each >= `threshold`)."""
    if not paras or not blocks:
        return []
    n, m = len(paras), len(blocks)
    sim = [[similarity(blocks[y].printed, _text(paragraphs[paras[x]])) for y in range(m)]
           for x in range(n)]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for x in range(n - 1, -1, -1):
        for y in range(m - 1, -1, -1):
            score = max(best[x + 1][y], best[x][y + 1])
            if sim[x][y] >= threshold:
                score = max(score, sim[x][y] + best[x + 1][y + 1])
            best[x][y] = score
    pairs: list[tuple[int, SentBlock]] = []
    x = y = 0
    while x < n and y < m:
        if sim[x][y] >= threshold and best[x][y] == sim[x][y] + best[x + 1][y + 1]:
            pairs.append((paras[x], blocks[y]))
            x, y = x + 1, y + 1
        elif best[x][y] == best[x + 1][y]:
            x += 1
        else:
            y += 1
    return pairs


def _moved(pairs: dict[int, SentBlock]) -> set[int]:
    """Paired paragraphs outside the longest run that keeps the letter's order."""
    items = sorted(pairs.items())
    orders = [s.order for _i, s in items]
    # Longest increasing subsequence, with predecessors to read it back.
    tails: list[int] = []
    tail_at: list[int] = []
    previous = [-1] * len(orders)
    for k, value in enumerate(orders):
        at = bisect_left(tails, value)
        if at == len(tails):
            tails.append(value)
            tail_at.append(k)
        else:
            tails[at] = value
            tail_at[at] = k
        previous[k] = tail_at[at - 1] if at > 0 else -1
    keep: set[int] = set()
    k = tail_at[-1] if tail_at else -1
    while k >= 0:
        keep.add(k)
        k = previous[k]
    return {items[k][0] for k in range(len(items)) if k not in keep}
