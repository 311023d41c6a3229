"""UN document symbols in running text, their links, and malformed ones.

Two kinds of reference are found:

- written symbols: "S/2020/223", "S/PRST/2020/5", "S/RES/2480 (2019)",
  "A/74/6/Add.1", "A/RES/75/1", "S/2019/1004/Corr.1", "A/74/5 (Vol. II)",
  "A/80/6 (Sect. 24)/Corr.1"; the span is the symbol as written, and its
  volume, section, addendum, corrigendum or revision stays in the link;
- resolution phrases: "resolution 2480 (2019)", "résolutions 2423 (2018) et
  2480 (2019)", "resolución 2480 (2019)", ru "резолюция 2531 (2020)" /
  "резолюции 2480 (2019)", ar "القرار 2531 (2020)" / "قرار مجلس الأمن 2531
  (2020)" / "وبالقرار 2531 (2020)", zh "第2531(2020)号决议" / "第 2531 (2020) 号决议"
  / "第2423(2018)号和第2480(2019)号决议". Each resolution in a phrase is its own
  SymbolRef whose span covers only "2480 (2019)" — number and year (in
  Chinese "2531(2020)", without 第…号决议), never the keyword — so that every
  resolution of a list gets its own link. A number with a slash after the
  keyword ("General Assembly resolution 75/1") is A/RES/75/1.

The space between a resolution number and its year may be any whitespace,
including U+00A0 and U+202F (the typography pass inserts U+00A0 there).
Nothing inside a URL is ever reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from drafting.i18n import _

UNDOCS = "https://undocs.org"
URL_LANGUAGES: tuple[str, ...] = ("en", "fr", "es", "ru", "ar", "zh")
YEAR_MIN, YEAR_MAX = 1946, 2100


@dataclass(frozen=True)
class SymbolRef:
    """A document reference at text[start:end]; `symbol` is normalized ("S/RES/2480(2019)")."""

    start: int
    end: int
    text: str
    symbol: str


_WS = r"[\s\u00a0\u202f\u2009]"
_SUFFIX = r"(?:/(?:Add|Corr|Rev|Amend|Suppl)\.\d+)*"
# A volume, section or part of a document is part of its symbol, and so are
# the addenda and corrigenda of that part: "A/74/5 (Vol. II)", "A/80/6
# (Sect. 24)/Corr.1" (undocs.org: A/74/5(Vol.II), A/80/6(Sect.24)/Corr.1).
_PART = (r"(?:" + _WS + r"?\((?:Vol\.|Sect\.|Income" + _WS + r"sect\.|Part)" + _WS
         + r"?(?:[IVXLC]+|\d{1,3})[A-Z]?\)" + _SUFFIX + r")?")
_LEFT = r"(?<![\w/.\-])"  # not in the middle of a word, path or other symbol
_RIGHT = r"(?![\w/\-]|\.\d)"

_URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>\"«»]+", re.IGNORECASE)

# Order matters: the specific S/ forms first, the generic body last.
_SYMBOL_RE = re.compile(
    _LEFT
    + r"(?:"
    + r"(?P<sres>S/RES/(?P<sres_n>\d{1,4})(?:" + _WS + r"*\((?P<sres_y>\d{4})\))?)"
    + r"|(?P<prst>S/PRST/(?P<prst_y>\d{4})/\d{1,3}" + _SUFFIX + r")"
    + r"|(?P<sdoc>S/(?P<sdoc_y>\d{4})/\d{1,4}" + _SUFFIX + r")"
    + r"|(?P<old>S/\d{3,5}" + _SUFFIX + r")"
    + r"|(?P<ares>A/RES/\d{1,3}/\d{1,4}[A-Z]?" + _SUFFIX + r")"
    + r"|(?P<gen>(?:A|E|S|ST|UNEP|TD|CRC|CCPR)(?:/[A-Z][A-Za-z]*(?:\.\d+)?)*"
    + r"(?:/(?:\d{1,4}|L\.\d{1,4}|[A-Z]+\.\d+))+" + _SUFFIX + _PART + r")"
    + r")"
    + r"(?![\w/\-]|\.\d)"
)

# Arabic: "القرار" or "قرار" with the clitics written onto it (و، ف، ب، ل، ك:
# "وبالقرار", "للقرار"), dual and plural forms, and optionally followed by the
# organ, as in "قرار مجلس الأمن 2531 (2020)".
_AR_KEYWORD = (
    r"(?:[وف]?[بلك]?(?:ال|ل)?قرار(?:ين|ان|ات|ي)?"
    r"(?:" + _WS + r"+(?:ل|ب)?مجلس" + _WS + r"+ال[أا]من)?)"
)
# keyword of a resolution phrase, in any of the six languages, any case
_KEYWORD = (
    r"(?:r(?:[ée]|e\u0301)solu(?:tion|ción|ciones)s?|резолюци\w*|" + _AR_KEYWORD + r")"
)
_RES_ITEM = r"(?P<num>\d{1,4})(?:(?P<gap>" + _WS + r"*)\((?P<year>\d{4})\))?"
_RES_SLASH_ITEM = r"(?P<snum>\d{2,3}/\d{1,4}(?:\s?[A-Z](?![\w]))?)"
_JOINER = r"(?:\s*,\s*(?:and|et|y|и)\s+|\s*,\s*|\s+(?:and|et|y|e|и|و)\s+|\s*و\s*)"
_KEYWORD_RE = re.compile(r"(?<!\w)" + _KEYWORD + r"(?!\w)" + _WS + r"+", re.IGNORECASE)
_ITEM_RE = re.compile(_RES_SLASH_ITEM + r"|" + _RES_ITEM + r"(?![\w/])")
_JOINER_RE = re.compile(_JOINER)
_PHRASE_END_RE = re.compile(r"\s*(?:[.,;:)\]]|$)")
# Chinese: "第2531(2020)号决议", "第 2531 (2020) 号决议", and lists whose items
# share the final 决议: "第2423(2018)号和第2480(2019)号决议".
_ZH_ITEM = r"(?:第" + _WS + r"*)?(\d{1,4})" + _WS + r"*[(（](\d{4})[)）]" + _WS + r"*号"
_ZH_JOINER = _WS + r"*(?:、|，|,|和|及|以及|与)" + _WS + r"*"
_ZH_RE = re.compile(
    r"(?:" + _ZH_ITEM + _ZH_JOINER + r")*" + _ZH_ITEM + _WS + r"*决议"
)
_ZH_ITEM_RE = re.compile(_ZH_ITEM)


def matches_at(rx: re.Pattern[str], text: str, starts: Iterable[int]) -> Iterator[re.Match[str]]:
    """What `rx.finditer(text)` yields, trying `rx` only at `starts` (ascending).

    Exact when every match of `rx` begins at one of `starts` and `rx` never
    matches the empty string; `match(text, pos)` still sees the characters
    before `pos`, so lookbehinds behave as in `finditer`. Worth it because a
    pattern that opens with a lookbehind or an alternation is tried at every
    position of the text, while the starts come from str methods or from a
    pattern opening with a character class, which are scanned far faster.
    """
    end = 0
    for pos in starts:
        if pos < end:
            continue
        m = rx.match(text, pos)
        if m is not None:
            yield m
            end = m.end()


# Every written symbol has a slash at most this far from its start ("CCPR/").
_PREFIX_BEFORE_SLASH = 4
_SYMBOL_LIKE_HEAD = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.")


def _slash_starts(text: str) -> list[int]:
    """Where the written-symbol patterns can start: just before a slash."""
    starts: set[int] = set()
    pos = text.find("/")
    while pos >= 0:
        starts.update(range(max(0, pos - _PREFIX_BEFORE_SLASH), pos))
        pos = text.find("/", pos + 1)
    return sorted(starts)


def _symbol_like_starts(text: str) -> list[int]:
    """Where _SYMBOL_LIKE_RE can start: in the run of [A-Za-z.] before a slash."""
    starts: set[int] = set()
    pos = text.find("/")
    while pos >= 0:
        head = pos
        while head > 0 and text[head - 1] in _SYMBOL_LIKE_HEAD:
            head -= 1
        starts.update(range(head, pos))
        pos = text.find("/", pos + 1)
    return sorted(starts)


def _strip_url_tail(url: str) -> str:
    # punctuation closing a sentence is not part of the address
    while url and url[-1] in ".,;:!?)]}’'\u00a0":
        url = url[:-1]
    return url


def _urls(text: str, folded: str) -> list[tuple[int, int]]:
    # Every address has "://" or "www." (any case: `folded` is text.casefold(),
    # which maps every character _URL_RE's IGNORECASE equates with "www.").
    if "://" not in text and "www." not in folded:
        return []
    spans: list[tuple[int, int]] = []
    for m in _URL_RE.finditer(text):
        url = _strip_url_tail(m.group(0))
        if url:
            spans.append((m.start(), m.start() + len(url)))
    return spans


def find_urls(text: str) -> list[tuple[int, int]]:
    """Spans (start, end) of web addresses in `text`, trailing punctuation excluded."""
    return _urls(text, text.casefold())


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def _year_ok(year: str | None) -> bool:
    return year is None or YEAR_MIN <= int(year) <= YEAR_MAX


_SPACES_RE = re.compile(r"\s+|[\u00a0\u202f\u2009]")


def _normalize(symbol: str) -> str:
    return _SPACES_RE.sub("", symbol)


def _written_symbols(
    text: str, urls: list[tuple[int, int]], starts: list[int]
) -> list[SymbolRef]:
    refs: list[SymbolRef] = []
    for m in matches_at(_SYMBOL_RE, text, starts):
        if _inside(m.start(), m.end(), urls):
            continue
        if m.group("sres") is not None and m.group("sres_y") is None:
            continue  # "S/RES/2480" without its year: malformed, not a reference
        year = m.group("sres_y") or m.group("prst_y") or m.group("sdoc_y")
        if not _year_ok(year):
            continue
        refs.append(SymbolRef(m.start(), m.end(), m.group(0), _normalize(m.group(0))))
    return refs


def _accept_next(current: re.Match[str], nxt: re.Match[str], text: str) -> bool:
    """Whether `nxt`, after a joiner, continues the list of resolutions."""
    if nxt.group("snum") is not None or nxt.group("year") is not None:
        return True
    if current.group("snum") is None and current.group("year") is None:
        return True  # "resolutions 2423 and 2480": both lack their year
    # "resolution 2480 (2019) and 15 June" must not swallow the day; a yearless
    # item is taken only when it closes the phrase ("… et 2480.")
    return _PHRASE_END_RE.match(text, nxt.end()) is not None


def _resolution_items(text: str) -> list[tuple[re.Match[str], bool]]:
    """Every item of every resolution phrase, with True when it lacks its year."""
    items: list[tuple[re.Match[str], bool]] = []
    for kw in _KEYWORD_RE.finditer(text):
        item = _ITEM_RE.match(text, kw.end())
        while item is not None:
            items.append((item, item.group("snum") is None and item.group("year") is None))
            joiner = _JOINER_RE.match(text, item.end())
            nxt = _ITEM_RE.match(text, joiner.end()) if joiner is not None else None
            if nxt is None or not _accept_next(item, nxt, text):
                break
            item = nxt
    return items


def _phrase_symbols(
    text: str,
    urls: list[tuple[int, int]],
    items: list[tuple[re.Match[str], bool]],
    chinese: bool,
) -> list[SymbolRef]:
    refs: list[SymbolRef] = []
    for item, missing_year in items:
        if missing_year or _inside(item.start(), item.end(), urls):
            continue
        if item.group("snum") is not None:
            symbol = "A/RES/" + _normalize(item.group("snum"))
        else:
            if not _year_ok(item.group("year")):
                continue
            symbol = "S/RES/{n}({y})".format(n=item.group("num"), y=item.group("year"))
        refs.append(SymbolRef(item.start(), item.end(), item.group(0), symbol))
    if not chinese:
        return refs
    for phrase in _ZH_RE.finditer(text):
        if _inside(phrase.start(), phrase.end(), urls):
            continue
        for m in _ZH_ITEM_RE.finditer(text, phrase.start(), phrase.end()):
            if not _year_ok(m.group(2)):
                continue
            # like the other languages, the span is the number and the year only
            start, end = m.start(1), m.end(2) + 1
            sym = f"S/RES/{m.group(1)}({m.group(2)})"
            refs.append(SymbolRef(start, end, text[start:end], sym))
    return refs


_EMPTY_NUMBER_RE = re.compile(_LEFT + r"S/(?:PRST/)?(\d{4})/(?!\w|\.\w)")
_SRES_NO_YEAR_RE = re.compile(_LEFT + r"S/RES/(\d{1,4})(?!" + _WS + r"*\(\d{4}\))(?![\w/\-])")
_YEAR_IN_SYMBOL_RE = re.compile(
    _LEFT + r"S/(?:PRST/)?(?P<y>\d{4})/\d{1,4}" + _SUFFIX + _RIGHT
    + r"|" + _LEFT + r"S/RES/\d{1,4}" + _WS + r"*\((?P<ry>\d{4})\)"
)
# A symbol with stray spaces around its slashes: "S /2020/ 500", "A/ 75/123",
# "S/RES /2480 (2019)". Spaces only (no line breaks); at least two slashes.
_GAP = r"[ \u00a0\u202f\u2009]*"
_SPACED_RE = re.compile(
    r"(?<![\w/.\-])(?P<body>(?:S|A|E)(?:" + _GAP + r"/" + _GAP + r"(?:RES|PRST|[A-Z]{2,5}))?"
    + _GAP + r"/" + _GAP + r"\d{1,4}(?:" + _GAP + r"/" + _GAP + r"\d{1,5})?)"
    + r"(?P<year>" + _WS + r"*\(\d{4}\))?(?![\w/\-]|\.\d)"
)
_STRAY_SPACE_RE = re.compile(r"[ \u00a0\u202f\u2009]")
# Any capitalized token with a slash: symbols of bodies we do not model yet.
_SYMBOL_LIKE_RE = re.compile(r"(?<![\w/])[A-Z][A-Za-z.]*(?:/[\w.()\-]+)+")


@dataclass(frozen=True)
class _Problem:
    """A malformed reference; its message is worded when asked for (see `_message`)."""

    start: int
    end: int
    text: str
    kind: str  # "no_number", "sres_no_year", "bad_year", "res_no_year" or "spaced"
    number: str = ""
    year: str = ""


def _message(p: _Problem) -> str:
    # Worded at each call, not kept in the scan cache: the interface language
    # can change between two calls on the same text.
    if p.kind == "no_number":
        return _("The symbol {symbol} has no document number.").format(symbol=p.text)
    if p.kind == "sres_no_year":
        return _(
            "The resolution symbol {symbol} has no year; write it as S/RES/{number} (YYYY)."
        ).format(symbol=p.text, number=p.number)
    if p.kind == "spaced":
        return _("The symbol “{symbol}” has stray spaces; write {fixed}.").format(
            symbol=p.text, fixed=symbol_without_spaces(p.text) or p.text)
    if p.kind == "res_no_year":
        return _(
            "Resolution {number} is cited without its year; write it as {number} (YYYY)."
        ).format(number=p.number)
    return _(
        "The year {year} in {symbol} is not a plausible year (1946–2100)."
    ).format(year=p.year, symbol=p.text)


def _problems(
    text: str,
    urls: list[tuple[int, int]],
    items: list[tuple[re.Match[str], bool]],
    slash_starts: list[int],
    chinese: bool,
) -> list[_Problem]:
    found: list[_Problem] = []

    def add(start: int, end: int, kind: str, number: str = "", year: str = "") -> None:
        if not _inside(start, end, urls):
            found.append(_Problem(start, end, text[start:end], kind, number, year))

    if slash_starts:  # these patterns all open with "S/"
        for m in _spaced(text):
            add(m.start(), m.end(), "spaced")
        for m in matches_at(_EMPTY_NUMBER_RE, text, slash_starts):
            add(m.start(), m.end(), "no_number")
        for m in matches_at(_SRES_NO_YEAR_RE, text, slash_starts):
            add(m.start(), m.end(), "sres_no_year", number=m.group(1))
        for m in matches_at(_YEAR_IN_SYMBOL_RE, text, slash_starts):
            year = m.group("y") or m.group("ry")
            if not _year_ok(year):
                add(m.start(), m.end(), "bad_year", year=year)
    for item, missing_year in items:
        if missing_year:
            add(item.start(), item.end(), "res_no_year", number=item.group("num"))
        elif item.group("year") is not None and not _year_ok(item.group("year")):
            add(item.start(), item.end(), "bad_year", year=item.group("year"))
    if chinese:
        for phrase in _ZH_RE.finditer(text):
            for m in _ZH_ITEM_RE.finditer(text, phrase.start(), phrase.end()):
                if not _year_ok(m.group(2)):
                    add(m.start(1), m.end(2) + 1, "bad_year", year=m.group(2))
    spaced = [(f.start, f.end) for f in found if f.kind == "spaced"]
    if spaced:  # "S/2020/ 500" is one symbol with a stray space, not one without a number
        found = [f for f in found if f.kind == "spaced" or not _inside(f.start, f.end, spaced)]
    found.sort(key=lambda f: (f.start, f.end))
    return found


def _spaced(text: str) -> list[re.Match[str]]:
    """Symbols written with stray spaces next to a slash (the year's space is not stray)."""
    if " /" not in text and "/ " not in text and not any(
            c + "/" in text or "/" + c in text for c in "\u00a0\u202f\u2009"):
        return []
    return [m for m in _SPACED_RE.finditer(text)
            if _STRAY_SPACE_RE.search(m.group("body"))]


def symbol_without_spaces(found: str) -> str | None:
    """The symbol `found` meant, spaces around its slashes removed ("S /2020/ 500" →
    "S/2020/500"; a resolution keeps the space before its year), or None when
    `found` is not a symbol written with stray spaces."""
    m = _SPACED_RE.fullmatch(found)
    if m is None or not _STRAY_SPACE_RE.search(m.group("body")):
        return None
    year = m.group("year") or ""
    return _SPACES_RE.sub("", m.group("body")) + (" " + year.strip() if year else "")


@dataclass(frozen=True)
class ReferenceScan:
    """Everything this module finds in one text, found once (see `scan_references`).

    `symbols` is `find_symbols`'s answer, `protected` is `protected_spans`'s;
    `malformed()` words `find_malformed_symbols`'s answer in the current
    interface language.
    """

    urls: tuple[tuple[int, int], ...]
    symbols: tuple[SymbolRef, ...]
    problems: tuple[_Problem, ...]
    protected: tuple[tuple[int, int], ...]

    def malformed(self) -> list[tuple[int, int, str, str]]:
        """(start, end, text, message) of every malformed reference, as `find_malformed_symbols`."""
        return [(p.start, p.end, p.text, _message(p)) for p in self.problems]


# Every resolution keyword holds one of these once case-folded ("Résolutions",
# "РЕЗОЛЮЦИИ", "وبالقرار"); str.casefold maps every character that the
# keyword pattern's IGNORECASE equates with one of theirs to that character.
_KEYWORD_HINTS = ("solu", "резолюци", "قرار")
# Checking a 50-page letter and exporting it asks about ~1,000 paragraphs
# several times each (typography, references, links); the GUI asks again for
# the paragraphs it repaints. Bounded so a long session cannot grow it.
SCAN_CACHE_SIZE = 4096


_NOTHING = ReferenceScan((), (), (), ())


@lru_cache(maxsize=SCAN_CACHE_SIZE)
def _scan(text: str, lang: str) -> ReferenceScan:
    # `lang` is in the key although today's patterns cover all six languages,
    # so that a rule made language-specific later cannot serve another one.
    folded = text.casefold()
    slash = "/" in text
    chinese = "决议" in text
    urls = _urls(text, folded)
    keyword = any(k in folded for k in _KEYWORD_HINTS)
    if not (slash or chinese or keyword or urls):
        return _NOTHING  # most paragraphs cite nothing
    items = _resolution_items(text) if keyword else []
    slash_starts = _slash_starts(text) if slash else []
    refs = (_written_symbols(text, urls, slash_starts) if slash else []) + \
        _phrase_symbols(text, urls, items, chinese)
    refs.sort(key=lambda r: (r.start, -r.end))
    kept: list[SymbolRef] = []
    for ref in refs:
        if kept and ref.start < kept[-1].end:
            continue
        kept.append(ref)
    problems = _problems(text, urls, items, slash_starts, chinese)
    spans = list(urls)
    spans += [(r.start, r.end) for r in kept]
    spans += [(p.start, p.end) for p in problems]
    if slash:
        like = matches_at(_SYMBOL_LIKE_RE, text, _symbol_like_starts(text))
        spans += [(m.start(), m.end()) for m in like]
    return ReferenceScan(tuple(urls), tuple(kept), tuple(problems), tuple(sorted(spans)))


def scan_references(text: str, lang: str = "en") -> ReferenceScan:
    """URLs, symbols, malformed symbols and protected spans of `text`, all in one pass.

    Results are cached per (text, lang) in a bounded LRU cache, so the checks,
    the typography pass and the export share one scan of each paragraph.
    """
    return _scan(text, lang)


def find_symbols(text: str, lang: str = "en") -> list[SymbolRef]:
    """Every well-formed document reference in `text`, in order of position.

    Written symbols span the symbol as written; resolution phrases give one
    SymbolRef per resolution spanning "2480 (2019)" (see the module docstring).
    Symbols inside URLs, symbols without their year and years outside
    1946–2100 are left out (`find_malformed_symbols` reports the latter two).
    `lang` is accepted for symmetry; keywords of all six languages are found.
    """
    return list(_scan(text, lang).symbols)


def symbol_url(symbol: str, lang: str) -> str:
    """The undocs.org link of `symbol` in `lang`: "https://undocs.org/fr/S/RES/2480(2019)".

    Whitespace is removed from the symbol; a language outside the six UN
    languages links to the English version.
    """
    code = (lang or "en").replace("-", "_").split("_", 1)[0].lower()
    if code not in URL_LANGUAGES:
        code = "en"
    return f"{UNDOCS}/{code}/{_normalize(symbol)}"


def find_malformed_symbols(text: str, lang: str = "en") -> list[tuple[int, int, str, str]]:
    """References that look meant but are broken: (start, end, text, message).

    Reports "S/2020/" without its number, "resolution 2480" or "S/RES/2480"
    without its year, and any year outside 1946–2100. Messages are in the
    interface language. Nothing inside a URL is reported.
    """
    return _scan(text, lang).malformed()


def protected_spans(text: str, lang: str = "en") -> list[tuple[int, int]]:
    """Spans no automatic fix may touch: URLs, symbols, malformed symbols, symbol-like tokens."""
    return list(_scan(text, lang).protected)
