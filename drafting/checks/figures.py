"""Arithmetic in the text: percentages against their counts, parts against wholes.

The heuristics are narrow on purpose — a false alarm costs a writer more than a
missed one — so a figure is only checked inside one of these shapes, read one
sentence at a time (numbers are read by `figure_text`):

* a **breakdown** opened by a keyword: a whole, then "of which" / "including"
  / "dont" / "parmi lesquels" … directly followed by its first part ("550
  véhicules blindés, dont 479 (87 %) …"). The whole is the count *nearest*
  before the keyword (at most 15 words before it, no ";" between), so
  breakdowns nest: in "120 attacks, of which 30 targeted MINUSMA, including
  12 (40 per cent) …" the 12 is a part of the 30, not of the 120. "12 of
  those" / "12 d’entre eux" is likewise a part of the count before it.
* a **total named first**: "Of the 550 vehicles …, 479 (87 per cent) …",
  "Sur 340 convois prévus, 286 (84 %) …" at the start of a sentence; the
  parts follow the comma.
* a **colon**: "550 véhicules : 479 (87 %) …", a weaker opener, kept only when
  a percentage or a word claiming the whole comes with it.
* a **ratio**: "479 of the 550 …" / "479 sur 550 …" followed by a percentage.

Further parts are the counts that follow a list separator ("…, 30 …",
"… and 41 …", "… et les 3 autres"); a sentence that follows with "N autres
…" / "A further N …" adds N to the outermost breakdown. A part after a
nested breakdown may belong to it or to the level above ("…, including 12
against camps, and 90 targeted civilians"): it is read at the level that
makes the arithmetic hold, if one does; only when none does is it reported.

Checks: parts must not add up to more than their whole; when the text says
they are the whole ("the remaining 18", "les 3 autres", "in total", "au
total") they must add up to it exactly; and a percentage written right after
a part — "479 (87 %)", "30, soit 5,5 %", "41 (7.5 per cent)" — must equal
part / whole, to the precision shown (half a unit of its last digit, plus a
hundredth of a unit for rounding). A percentage that matches an enclosing
whole instead ("12 (10 per cent)" of the 120) is taken as meant. A
breakdown whose parts come to more than four times its whole is taken for
a misreading and left alone. Messages quote the letter's own numbers and
format computed ones in the letter's language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from drafting.checks.figure_text import (
    WORDS_RE,
    Num,
    Patterns,
    counts,
    figure_language,
    parse_figure,
    patterns,
    sentences,
)
from drafting.i18n import _
from drafting.locale_format import format_number, format_percent

__all__ = ["FigureIssue", "Num", "figure_issues", "parse_figure"]

# How far before its keyword a whole may stand, in words.
MAX_WHOLE_DISTANCE = 15
# Between the comma of a total named first and its first part.
_LEAD_GAP_RE = re.compile(r"[\s\u00a0]*(?:(?:only|just|seulement)[\s\u00a0]+)?",
                          re.IGNORECASE)
# Parts adding up to more than this many times their whole: a misreading.
MISREAD_FACTOR = 4
_RATIO_NOUN_RE = re.compile(r"(?:[\s\u00a0\u202f]+[^\W\d_][\w’'\-]*){0,4}")


@dataclass(frozen=True)
class FigureIssue:
    """One arithmetic problem, located in the block text."""

    code: str  # "figure.percent" or "figure.sum"
    start: int
    end: int
    message: str
    computed: Decimal


@dataclass(eq=False)
class _Breakdown:
    """A whole and the parts listed for it (positions in the sentence)."""

    whole: Num
    kind: str  # "keyword", "lead", "colon"
    parent: _Breakdown | None = None
    parts: list[Num] = field(default_factory=list)
    end: int = 0  # where its text ends (a following sentence may extend it)

    def ancestors(self) -> list[_Breakdown]:
        out: list[_Breakdown] = []
        b = self.parent
        while b is not None:
            out.append(b)
            b = b.parent
        return out


def _fits(whole: Num, parts: list[Num], closing: set[int]) -> bool:
    total = sum((q.value for q in parts), Decimal(0))
    if total > whole.value:
        return False
    return total == whole.value or not any(q.start in closing for q in parts)


class _Reader:
    """Reads the breakdowns of one sentence."""

    def __init__(self, sentence: str, found: list[Num], p: Patterns,
                 keywords: dict[int, tuple[int, bool]]) -> None:
        self.s = sentence
        self.counts = found
        self.p = p
        self.breakdowns: list[_Breakdown] = []
        self.owner: dict[int, _Breakdown] = {}  # count index -> breakdown it is a part of
        self.closing: set[int] = set()  # starts of parts claiming to complete their whole
        # the keywords before counts: where each ends (the count's start) ->
        # (where it starts, whether it is a colon)
        self.keywords = keywords

    def read(self) -> list[_Breakdown]:
        lead = self._lead()
        current: _Breakdown | None = None
        previous_end = 0
        for i, c in enumerate(self.counts):
            gap_start = previous_end
            previous_end = c.end
            if lead is not None and i == lead[1]:
                current = self._open(lead[0], None, c, "lead")
                self.owner[i] = current
                continue
            opener = self.keywords.get(c.start)
            if opener is not None and opener[0] >= gap_start:
                whole = self._whole_before(i, opener[0])
                if whole is None:
                    current = None
                    continue
                kind = "colon" if opener[1] else "keyword"
                current = self._open(self.counts[whole], self.owner.get(whole), c, kind)
                self.owner[i] = current
                continue
            if self.p.back_reference.match(self.s, c.end):
                part_of = max((j for j in self.owner if j < i), default=None)
                if part_of is not None:
                    current = self._open(self.counts[part_of], self.owner[part_of], c, "keyword")
                    self.owner[i] = current
                    continue
            if current is not None and current.kind != "colon" and ";" in self.s[gap_start:c.start]:
                # a semicolon ends a breakdown's list; only a colon's items run on
                # past one ("…: 1 excellent; 4 fell short; and the remaining 4 …")
                current = None
            if current is not None and self.p.clause.search(self.s, gap_start, c.start):
                # "…, which caused 12 deaths": a clause about something else
                current = None
            if current is not None and self.p.parallel.search(self.s, max(gap_start, c.start - 40),
                                                              c.start):
                current.parts.append(c)
                current.end = c.end
                self.owner[i] = current
                self._mark_closing(c)
        self._mark_closures()
        return self.breakdowns

    def _open(self, whole: Num, parent: _Breakdown | None, first: Num, kind: str) -> _Breakdown:
        b = _Breakdown(whole, kind, parent, [first], first.end)
        self.breakdowns.append(b)
        self._mark_closing(first)
        return b

    def _lead(self) -> tuple[Num, int] | None:
        """(whole, index of its first part) of a total named first, or None."""
        if len(self.counts) < 2:
            return None
        whole = self.counts[0]
        if self.p.lead.search(self.s, 0, whole.start) is None:
            return None
        comma = self.s.find(",", whole.end)
        first = self.counts[1]
        if comma < 0 or comma > first.start:
            return None
        if len(WORDS_RE.findall(self.s, whole.end, comma)) > MAX_WHOLE_DISTANCE:
            return None
        if not _LEAD_GAP_RE.fullmatch(self.s, comma + 1, first.start):
            return None  # the first part comes right after the comma
        if ";" in self.s[whole.end : first.start]:
            return None
        return whole, 1

    def _whole_before(self, i: int, keyword_start: int) -> int | None:
        """Index of the count a keyword's breakdown belongs to, or None."""
        if i == 0:
            return None
        whole = self.counts[i - 1]
        between = self.s[whole.end : keyword_start]
        if ";" in between or len(WORDS_RE.findall(between)) > MAX_WHOLE_DISTANCE:
            return None
        return i - 1

    def _mark_closing(self, c: Num) -> None:
        if self.p.closing_before.search(self.s, max(0, c.start - 30), c.start) or \
                self.p.closing_after.match(self.s, c.end):
            self.closing.add(c.start)

    def _mark_closures(self) -> None:
        """"In total" / "au total" claims the parts listed before it make the whole."""
        for m in self.p.closure.finditer(self.s):
            before = [c for c in self.counts if c.end <= m.start()
                      and self.counts.index(c) in self.owner]
            if before:
                self.closing.add(before[-1].start)


def _settle(breakdowns: list[_Breakdown], closing: set[int]) -> None:
    """Move trailing parts of a nested breakdown up a level when that makes both add up."""
    for b in reversed(breakdowns):
        parent = b.parent
        if parent is None or _fits(b.whole, b.parts, closing):
            continue
        for k in range(1, len(b.parts)):
            kept, moved = b.parts[:k], b.parts[k:]
            if _fits(b.whole, kept, closing) and _fits(parent.whole, parent.parts + moved,
                                                       closing):
                b.parts = kept
                parent.parts = parent.parts + moved
                parent.end = max(parent.end, moved[-1].end)
                break


def _decimals(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


# Half a unit of the last digit shown, plus a hundredth of a unit for rounding.
_TOLERANCE = Decimal("0.51")


def _percent_issue(
    part: Num, whole: Num, others: list[Num], sentence: str, offset: int, lang: str,
    anchor: int | None = None,
) -> FigureIssue | None:
    """A percentage right after `part` (or at `anchor`) that is not part / whole,
    nor part / any of `others` (enclosing wholes)."""
    m = patterns(lang).percent_after.match(sentence, part.end if anchor is None else anchor)
    if m is None or whole.value == 0:
        return None
    shown = parse_figure(m.group("p1") or m.group("p2"), lang)
    if shown is None:
        return None
    decimals = _decimals(shown)
    tolerance = _TOLERANCE.scaleb(-decimals)
    computed = part.value * 100 / whole.value
    if abs(computed - shown) <= tolerance or any(
            w.value and abs(part.value * 100 / w.value - shown) <= tolerance for w in others):
        return None
    return FigureIssue(
        "figure.percent",
        offset + part.start,
        offset + m.end(),
        _("{part} of {total} is {computed}, not {shown}.").format(
            part=part.text, total=whole.text,
            computed=format_percent(computed, lang, max(decimals, 1)),
            shown=format_percent(shown, lang, decimals),
        ),
        computed,
    )


def _sum_issue(b: _Breakdown, closing: set[int], offset: int, end: int,
               lang: str) -> FigureIssue | None:
    total = sum((q.value for q in b.parts), Decimal(0))
    if total > b.whole.value * MISREAD_FACTOR:
        return None
    claimed = any(q.start in closing for q in b.parts)
    if total > b.whole.value:
        message = _("The parts add up to {sum} ({parts}), more than the total of {total}.")
    elif claimed and total != b.whole.value:
        message = _("The parts add up to {sum} ({parts}), but the text says they make up "
                    "{total}.")
    else:
        return None
    parts = " + ".join(q.text for q in b.parts)
    return FigureIssue(
        "figure.sum", offset + b.whole.start, end,
        message.format(sum=format_number(total, lang), parts=parts, total=b.whole.text), total,
    )


def _ratio_issues(sentence: str, offset: int, found: list[Num], lang: str) -> list[FigureIssue]:
    """"479 of the 550 vehicles (87 per cent)": the percentage of a ratio."""
    p = patterns(lang)
    out: list[FigureIssue] = []
    for a, b in zip(found, found[1:], strict=False):
        if not p.ratio.match(sentence[a.end : b.start]):
            continue
        # the percentage sits after the whole's noun, or right after the whole
        m = _RATIO_NOUN_RE.match(sentence, b.end)
        anchor = m.end() if m else b.end
        issue = _percent_issue(a, b, [], sentence, offset, lang, anchor=anchor)
        if issue is None and anchor != b.end:
            issue = _percent_issue(a, b, [], sentence, offset, lang, anchor=b.end)
        if issue is not None:
            out.append(issue)
    return out


def _triggers(text: str, p: Patterns) -> tuple[list[int], dict[int, tuple[int, bool]]]:
    """Where a sentence worth reading closely shows itself (ascending), and the
    breakdown keywords found: where each ends -> (where it starts, is a colon)."""
    # a ratio is only checked against its percentage: no percentage, no ratio
    found = [m.start() for m in p.ratio_trigger.finditer(text)] if (
        "%" in text or "cent" in text) else []
    keywords = {m.start("count"): (m.start(), text[m.start()] == ":")
                for m in p.keyword_trigger.finditer(text)}
    found += [start for start, _colon in keywords.values()]
    found += [m.start() for m in p.lead_trigger.finditer(text)]
    return sorted(found), keywords


def figure_issues(text: str, lang: str) -> list[FigureIssue]:
    """Every arithmetic problem in one paragraph's text, in text order."""
    lang_rules = figure_language(lang)
    if lang_rules is None:
        return []  # other languages write numbers differently; better silent than wrong
    p = patterns(lang_rules)
    triggers, keywords = _triggers(text, p)
    if not triggers:
        return []
    split = sentences(text)
    issues: list[FigureIssue] = []
    for index, (offset, sentence) in enumerate(split):
        if not any(offset <= t < offset + len(sentence) for t in triggers):
            continue
        found = counts(sentence, lang_rules)
        if len(found) < 2:
            continue
        issues.extend(_ratio_issues(sentence, offset, found, lang_rules))
        end = offset + len(sentence)
        reader = _Reader(sentence, found, p, {
            e - offset: (start - offset, colon) for e, (start, colon) in keywords.items()
            if offset <= start and e <= end})
        breakdowns = reader.read()
        if not breakdowns:
            continue
        _settle(breakdowns, reader.closing)
        # a colon proves too little on its own ("3 régions : 12 attaques à
        # Gao, 5 à Mopti" is not a breakdown of the 3)
        breakdowns = [b for b in breakdowns if b.kind != "colon" or any(
            q.start in reader.closing or p.percent_after.match(sentence, q.end)
            for q in b.parts)]
        ends = {id(b): offset + b.end for b in breakdowns}
        roots = [b for b in breakdowns if b.parent is None]
        if roots:
            ends[id(roots[-1])] = _continue(roots[-1], split[index + 1 :], offset, p,
                                            lang_rules, ends[id(roots[-1])])
        for b in breakdowns:
            enclosing = [a.whole for a in b.ancestors()]
            for part in b.parts:
                issue = _percent_issue(part, b.whole, enclosing, sentence, offset, lang_rules)
                if issue is not None:
                    issues.append(issue)
            total_issue = _sum_issue(b, reader.closing, offset, ends[id(b)], lang_rules)
            if total_issue is not None:
                issues.append(total_issue)
    seen: set[tuple[str, int, int]] = set()
    unique: list[FigureIssue] = []
    for issue in sorted(issues, key=lambda i: (i.start, i.end, i.code)):
        key = (issue.code, issue.start, issue.end)
        if key not in seen:
            seen.add(key)
            unique.append(issue)
    return unique


def _continue(b: _Breakdown, following: list[tuple[int, str]], offset: int, p: Patterns,
              lang: str, end: int) -> int:
    """Add "N autres …" / "A further N …" of the next sentences to `b`; returns its end."""
    for next_offset, next_sentence in following:
        c = p.continuation.match(next_sentence)
        if c is None:
            break
        group = "b" if c.group("b") else "a"
        value = parse_figure(c.group(group), lang)
        if value is None:
            break
        start = next_offset - offset + c.start(group)
        b.parts.append(Num(value, start, start + len(c.group(group)), c.group(group)))
        end = next_offset + c.end()
    return end
