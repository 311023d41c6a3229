"""Typography of a letter's running text, per language, with automatic fixes.

Each rule yields `TypoIssue`s: replace `length` characters at `offset` with
`replacement`. Text inside URLs and document symbols (see
`references.protected_spans`) is never touched, with one deliberate exception:
in French the space between a resolution's number and its year becomes
U+00A0 ("2480 (2019)"), which leaves the normalized symbol unchanged.

Decisions worth knowing:
- Thousands: numbers of four digits or more are grouped (fr U+202F
  "13 289", en comma "13,289", as `format_number` does; UN English writes
  "1,000"), except four-digit numbers from 1900 to 2100, which are taken for
  years, and numbers inside symbols, after a slash, hyphen or "+", or part of a
  phone-like run of digit groups.
- French: U+00A0 before ":" and "%", and inside « »; before ";", "!" and "?"
  either U+00A0 or U+202F is accepted. "1 juin" becomes "1er juin", and the
  space between a day and its month becomes U+00A0.
- English: "87%" and "percent" become "87 per cent"; "1st June" becomes
  "1 June" and "June 1, 2020" becomes "1 June 2020".
- Straight apostrophes after a letter become ’ (fr, en); runs of spaces
  become one (every language).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from drafting.i18n import _
from drafting.references import ReferenceScan, matches_at, scan_references

NBSP = "\u00a0"
NNBSP = "\u202f"
_SPACE_CLASS = "[ \u00a0\u202f]"


@dataclass(frozen=True)
class TypoIssue:
    """Replace `length` characters at `offset` with `replacement`; `code` is "typography.*"."""

    offset: int
    length: int
    replacement: str
    code: str
    message: str

    @property
    def end(self) -> int:
        return self.offset + self.length


_FR_MONTHS = (
    "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
)
_EN_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)

# A rule sees the text and its reference scan (symbols, protected spans).
Rule = Callable[[str, ReferenceScan], Iterator[TypoIssue]]


def _issue(offset: int, old: str, new: str, code: str, message: str) -> TypoIssue:
    return TypoIssue(offset, len(old), new, code, message)


# --- French ------------------------------------------------------------------

_FR_PUNCT = {
    ";": ("typography.space_before_semicolon", (NBSP, NNBSP)),
    "!": ("typography.space_before_exclamation", (NBSP, NNBSP)),
    "?": ("typography.space_before_question", (NBSP, NNBSP)),
    ":": ("typography.space_before_colon", (NBSP,)),
    "%": ("typography.space_before_percent", (NBSP,)),
}
_FR_PUNCT_RE = re.compile(r"(?<=[^\s;:!?(\[/])(" + _SPACE_CLASS + r"*)([;:!?%])")
_FR_PUNCT_CHAR_RE = re.compile(r"[;:!?%]")
_SPACES = " \u00a0\u202f"  # the characters of _SPACE_CLASS


def _fr_punct_starts(text: str) -> Iterator[int]:
    # A match is a run of spaces then the mark, so it starts in the run of
    # spaces before a mark or at the mark itself.
    for m in _FR_PUNCT_CHAR_RE.finditer(text):
        mark = first = m.start()
        while first > 0 and text[first - 1] in _SPACES:
            first -= 1
        yield from range(first, mark + 1)


def _fr_punctuation(text: str, scan: ReferenceScan) -> Iterator[TypoIssue]:
    for m in matches_at(_FR_PUNCT_RE, text, _fr_punct_starts(text)):
        run, char = m.group(1), m.group(2)
        code, accepted = _FR_PUNCT[char]
        if run in accepted:
            continue
        before = text[m.start() - 1]
        after = text[m.end()] if m.end() < len(text) else ""
        if char == ":" and not run and before.isdigit() and after.isdigit():
            continue  # a time or a ratio: 10:30, 1:2
        if char in "!?" and not run and before in "!?":
            continue
        yield _issue(m.start(1), run, NBSP, code, _(
            "French puts a no-break space before “{char}”."
        ).format(char=char))


_GUILLEMET_OPEN_RE = re.compile(r"«(" + _SPACE_CLASS + r"*)(?=\S)")
_GUILLEMET_CLOSE_RE = re.compile(r"(?<=\S)(" + _SPACE_CLASS + r"*)»")


def _fr_guillemets(text: str, scan: ReferenceScan) -> Iterator[TypoIssue]:
    message = _("French puts a no-break space inside « ».")
    for rx, mark in ((_GUILLEMET_OPEN_RE, "«"), (_GUILLEMET_CLOSE_RE, "»")):
        if mark not in text:
            continue
        for m in rx.finditer(text):
            if m.group(1) != NBSP:
                yield _issue(m.start(1), m.group(1), NBSP,
                             "typography.space_inside_guillemets", message)


_FR_FIRST_RE = re.compile(
    r"(?<![\w.,])1(?=" + _SPACE_CLASS + r"+(?:" + _FR_MONTHS + r")\b)", re.IGNORECASE
)
_FR_DATE_SPACE_RE = re.compile(
    r"(?<![\w.,])(?:[12]?\d|3[01]|1er)( +|\u202f)(?=(?:" + _FR_MONTHS + r")\b)", re.IGNORECASE
)


_FR_MONTH_NAMES = tuple(_FR_MONTHS.split("|"))


def _fr_date_starts(text: str) -> list[int] | None:
    """Where the two date patterns can start, or None when that is not known.

    Both need a month name (any case) right after a run of spaces, itself
    right after the day ("1", "12", "1er"): so they start one to three
    characters before such a run. The months are looked for with str.find in
    the casefolded text, far cheaper than a case-insensitive pattern;
    casefold() brings every character IGNORECASE equates with a month's
    letter to that letter, except the Turkish İ and ı, and keeps offsets only
    if no character grew.
    """
    if "\u0130" in text or "\u0131" in text:
        return None
    folded = text.casefold()
    if len(folded) != len(text):
        return None
    starts: set[int] = set()
    for month in _FR_MONTH_NAMES:
        at = folded.find(month)
        while at >= 0:
            run = at
            while run > 0 and text[run - 1] in _SPACES:
                run -= 1
            starts.update(range(max(0, run - 3), run))
            at = folded.find(month, at + 1)
    return sorted(starts)


def _fr_dates(text: str, scan: ReferenceScan) -> Iterator[TypoIssue]:
    starts = _fr_date_starts(text)
    if starts is not None and not starts:
        return
    firsts = _FR_FIRST_RE.finditer(text) if starts is None else \
        matches_at(_FR_FIRST_RE, text, starts)
    for m in firsts:
        yield TypoIssue(m.end(), 0, "er", "typography.first_day_ordinal", _(
            "French writes the first day of the month “1er”."))
    spaces = _FR_DATE_SPACE_RE.finditer(text) if starts is None else \
        matches_at(_FR_DATE_SPACE_RE, text, starts)
    for m in spaces:
        yield _issue(m.start(1), m.group(1), NBSP, "typography.nbsp_in_date", _(
            "French puts a no-break space between the day and the month."))


_RESOLUTION_YEAR_RE = re.compile(r"(\d+)(\s*)\(\d{4}\)")


def _en_resolution_years(text: str, scan: ReferenceScan) -> Iterator[TypoIssue]:
    for ref in scan.symbols:
        m = _RESOLUTION_YEAR_RE.fullmatch(ref.text)
        if m and not m.group(2):
            yield _issue(ref.start + m.start(2), "", " ", "typography.space_resolution_year", _(
                "A resolution’s number and its year are written with a space: "
                "“2480 (2019)”."))


def _fr_resolution_years(text: str, scan: ReferenceScan) -> Iterator[TypoIssue]:
    for ref in scan.symbols:
        m = _RESOLUTION_YEAR_RE.fullmatch(ref.text)
        if m and m.group(2) != NBSP:
            yield _issue(ref.start + m.start(2), m.group(2), NBSP,
                         "typography.nbsp_resolution_year", _(
                             "French puts a no-break space between a resolution’s number "
                             "and its year."))


# --- numbers -----------------------------------------------------------------

_SPACE_RE = re.compile(_SPACE_CLASS)
_NOT_AFTER = r"(?<![\w.,/+\-\u2212])(?<!\d" + _SPACE_CLASS + r")"
_PAGE_OR_NUMBER_RE = re.compile(r"(?:\bpp?\.|\bn[°o]\.?|\bNo\.)" + _SPACE_CLASS + r"*$", re.I)
_PLAIN_NUMBER_RE = re.compile(_NOT_AFTER + r"(\d{4,})(?![\w/\-])")
_GROUPED_NUMBER_RE = re.compile(
    _NOT_AFTER + r"\d{1,3}(?:" + _SPACE_CLASS + r"\d{3})+(?![\w/\-])(?!" + _SPACE_CLASS + r"\d)"
)
# Where the two patterns above can start (see `references.matches_at`). A match starts a
# run of digits (no word character before it) followed by three more digits,
# or by at most two and a space then three: `finditer` of this gives the first
# digit of every such run, and no valid start lies inside one of its matches
# (it would follow a digit, or a digit and a space, which _NOT_AFTER rules out).
_YEAR_AFTER_RE = re.compile(_SPACE_CLASS + r"*\((?:19|20)\d\d\)")
_NUMBER_START_RE = re.compile(r"\d(?:\d{3}|\d{0,2}" + _SPACE_CLASS + r"\d{3})")


def _thousands(text: str, sep: str, decimal_mark: str) -> Iterator[TypoIssue]:
    other_mark = "," if decimal_mark == "." else "."
    message = _("Separate the thousands of {number} as “{fixed}”.")

    def after_ok(end: int) -> bool:
        # "13289.5" in French (or "13289,5" in English) is ambiguous: leave it
        if text[end:end + 1] == other_mark and text[end + 1:end + 2].isdigit():
            return False
        # "2480 (2019)": a resolution number with its year, even without the
        # word "resolution" before it, is never grouped
        return _YEAR_AFTER_RE.match(text, end) is None

    def before_ok(start: int) -> bool:
        return _PAGE_OR_NUMBER_RE.search(text, max(0, start - 8), start) is None

    starts = [s.start() for s in _NUMBER_START_RE.finditer(text)]
    if not starts:
        return
    for m in matches_at(_PLAIN_NUMBER_RE, text, starts):
        digits = m.group(1)
        if digits.startswith("0") or not after_ok(m.end()) or not before_ok(m.start()):
            continue
        if len(digits) == 4 and 1900 <= int(digits) <= 2100:
            continue  # a year
        head = len(digits) % 3 or 3
        fixed = digits[:head] + "".join(
            sep + digits[i:i + 3] for i in range(head, len(digits), 3))
        yield _issue(m.start(), digits, fixed, "typography.thousands_separator",
                     message.format(number=digits, fixed=fixed))
    for m in matches_at(_GROUPED_NUMBER_RE, text, starts):
        if not after_ok(m.end()) or not before_ok(m.start()):
            continue
        written = m.group(0)
        fixed = _SPACE_RE.sub(sep, written)
        if fixed != written:
            yield _issue(m.start(), written, fixed, "typography.thousands_separator",
                         message.format(number=written, fixed=fixed))


# --- English -----------------------------------------------------------------

_EN_PERCENT_RE = re.compile(r"(?<=\d)(" + _SPACE_CLASS + r"?%)")
_EN_PERCENT_WORD_RE = re.compile(r"\bpercent\b")
_EN_ORDINAL_RE = re.compile(
    r"(?<![\w.,])(?:[12]?\d|3[01])(st|nd|rd|th)((?:\s+of)?)(?=\s+(?:" + _EN_MONTHS + r")\b)"
)
_EN_US_DATE_RE = re.compile(
    r"\b(" + _EN_MONTHS + r")" + _SPACE_CLASS + r"+([12]?\d|3[01])(?:st|nd|rd|th)?,?"
    + _SPACE_CLASS + r"+(\d{4})\b"
)


_EN_MONTH_RE = re.compile(_EN_MONTHS)


def _en_percent(text: str, scan: ReferenceScan) -> Iterator[TypoIssue]:
    message = _("UN English writes “per cent” in running text.")
    if "%" in text:
        for m in _EN_PERCENT_RE.finditer(text):
            yield _issue(m.start(1), m.group(1), " per cent", "typography.per_cent", message)
    if "percent" not in text:
        return
    for m in _EN_PERCENT_WORD_RE.finditer(text):
        yield _issue(m.start(), m.group(0), "per cent", "typography.per_cent", message)


def _en_dates(text: str, scan: ReferenceScan) -> Iterator[TypoIssue]:
    if _EN_MONTH_RE.search(text) is None:  # both patterns need a month's name
        return
    for m in _EN_ORDINAL_RE.finditer(text):
        old = m.group(1) + m.group(2)
        yield _issue(m.start(1), old, "", "typography.date_ordinal", _(
            "UN English writes dates without ordinals: “1 June”."))
    for m in _EN_US_DATE_RE.finditer(text):
        fixed = f"{m.group(2)} {m.group(1)} {m.group(3)}"
        yield _issue(m.start(), m.group(0), fixed, "typography.date_format", _(
            "UN English writes dates day, month, year: “{fixed}”.").format(fixed=fixed))


# --- every language ----------------------------------------------------------

_APOSTROPHE_RE = re.compile(r"(?<=[^\W\d_])'")
_MULTI_SPACE_RE = re.compile(r"(?<=\S)" + _SPACE_CLASS + r"{2,}(?=\S)")


def _apostrophes(text: str, scan: ReferenceScan) -> Iterator[TypoIssue]:
    if "'" not in text:
        return
    message = _("Use the typographic apostrophe ’.")
    for m in _APOSTROPHE_RE.finditer(text):
        yield _issue(m.start(), "'", "’", "typography.straight_apostrophe", message)


_TWO_SPACES_RE = re.compile(_SPACE_CLASS + "{2}")


def _spaces(text: str, scan: ReferenceScan) -> Iterator[TypoIssue]:
    # the pattern needs two spaces in a row; most paragraphs have none
    if "  " not in text and (
        ("\u00a0" not in text and "\u202f" not in text) or _TWO_SPACES_RE.search(text) is None
    ):
        return
    message = _("Several spaces in a row; one is enough.")
    for m in _MULTI_SPACE_RE.finditer(text):
        run = m.group(0)
        # keep a no-break space if the run had one
        keep = next((c for c in run if c != " "), " ")
        yield _issue(m.start(), run, keep, "typography.double_space", message)


def _rules(lang: str) -> list[Rule]:
    """The rules of `lang`, highest priority first (a rule wins an overlap)."""
    code = (lang or "en").replace("-", "_").split("_", 1)[0].lower()
    if code == "fr":
        return [
            _fr_resolution_years, _fr_guillemets, _fr_punctuation, _fr_dates,
            lambda t, _scan: _thousands(t, NNBSP, ","), _apostrophes, _spaces,
        ]
    if code == "en":
        return [
            _en_resolution_years, _en_dates, _en_percent,
            lambda t, _scan: _thousands(t, ",", "."), _apostrophes, _spaces,
        ]
    return [_spaces]


def _touches(issue: TypoIssue, start: int, end: int) -> bool:
    """Whether `issue` changes text strictly inside [start, end)."""
    if issue.length == 0:
        return start < issue.offset < end
    return issue.offset < end and start < issue.end


def _glues(issue: TypoIssue, start: int, end: int) -> bool:
    """Whether `issue` would weld a word character onto the edge of [start, end).

    "87%S/2020/223" must not become "87 per centS/2020/223", where the symbol
    is no longer a symbol.
    """
    rep = issue.replacement
    return bool(rep) and (
        (issue.end == start and _WORDISH_RE.match(rep[-1]) is not None)
        or (issue.offset == end and _WORDISH_RE.match(rep[0]) is not None)
    )


_WORDISH_RE = re.compile(r"[\w/.\-]")


def _overlap(a: TypoIssue, b: TypoIssue) -> bool:
    if a.length == 0 and b.length == 0:
        return a.offset == b.offset
    return _touches(a, b.offset, b.end) or _touches(b, a.offset, a.end)


# Fixes that change a symbol's own text (the space of "2480 (2019)"), so they
# may touch what other rules must leave alone.
_INSIDE_SYMBOLS = frozenset({"typography.nbsp_resolution_year",
                             "typography.space_resolution_year"})


def typography_issues(text: str, lang: str) -> list[TypoIssue]:
    """Every typography issue of `text` in `lang`, sorted by offset, never overlapping.

    Issues never touch URLs or document symbols (see the module docstring for
    the one exception). Applying all of them at once is `apply_typography`.
    """
    scan = scan_references(text, lang)
    protected = _merge(scan.protected)
    protected_starts = [s for s, _e in protected]
    accepted: list[TypoIssue] = []
    starts: list[int] = []  # offsets of `accepted`, kept sorted alongside it
    for rule in _rules(lang):
        for issue in rule(text, scan):
            exempt = issue.code in _INSIDE_SYMBOLS
            if not exempt and any(
                _touches(issue, s, e) or _glues(issue, s, e)
                for s, e in _near(protected, protected_starts, issue)
            ):
                continue
            if any(_overlap(issue, other) for other in _near(accepted, starts, issue)):
                continue
            at = bisect.bisect_left(starts, issue.offset)
            starts.insert(at, issue.offset)
            accepted.insert(at, issue)
    accepted.sort(key=lambda i: (i.offset, i.length))
    return accepted


def _near(items: list[Any], starts: list[int], issue: TypoIssue) -> list[Any]:
    """The items (sorted by start, not overlapping each other) that can touch
    `issue`: a long paragraph has thousands of issues, so never scan them all."""
    first = bisect.bisect_left(starts, issue.offset)
    # Items starting before the issue may still run into it: only those at the
    # nearest earlier start can (one further back would contain that start).
    lo = bisect.bisect_left(starts, starts[first - 1]) if first else 0
    hi = bisect.bisect_right(starts, issue.end, lo=first)
    return items[lo:hi]


def _merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with overlapping ones merged (adjacent ones stay apart, so
    the glue rule still sees their edges)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def apply_issues(text: str, issues: list[TypoIssue]) -> str:
    """`text` with non-overlapping `issues` applied.

    Built left to right in one pass (slicing per issue is quadratic on a long
    paragraph); at one offset an insertion comes before a replacement
    ("1 juin": "er" then the no-break space).
    """
    parts: list[str] = []
    pos = 0
    for issue in sorted(issues, key=lambda i: (i.offset, i.length)):
        parts.append(text[pos:issue.offset])
        parts.append(issue.replacement)
        pos = issue.end
    parts.append(text[pos:])
    return "".join(parts)


_MAX_PASSES = 6


def apply_typography(text: str, lang: str) -> str:
    """`text` with every typography fix applied; idempotent.

    Fixes can uncover others (a removed space reveals a missing one), so passes
    repeat until nothing is left to fix.
    """
    for _pass in range(_MAX_PASSES):
        issues = typography_issues(text, lang)
        if not issues:
            break
        text = apply_issues(text, issues)
    return text
