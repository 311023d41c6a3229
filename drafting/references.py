"""UN document symbols in running text, their links, and malformed ones.

Two kinds of reference are found:

- written symbols: "S/2020/223", "S/PRST/2020/5", "S/RES/2480 (2019)",
  "A/74/6/Add.1", "A/RES/75/1", "S/2019/1004/Corr.1"; the span is the symbol
  as written;
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
from dataclasses import dataclass

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
    + r"(?:/(?:\d{1,4}|L\.\d{1,4}|[A-Z]+\.\d+))+" + _SUFFIX + r")"
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


def _strip_url_tail(url: str) -> str:
    # punctuation closing a sentence is not part of the address
    while url and url[-1] in ".,;:!?)]}’'\u00a0":
        url = url[:-1]
    return url


def find_urls(text: str) -> list[tuple[int, int]]:
    """Spans (start, end) of web addresses in `text`, trailing punctuation excluded."""
    spans: list[tuple[int, int]] = []
    for m in _URL_RE.finditer(text):
        url = _strip_url_tail(m.group(0))
        if url:
            spans.append((m.start(), m.start() + len(url)))
    return spans


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def _year_ok(year: str | None) -> bool:
    return year is None or YEAR_MIN <= int(year) <= YEAR_MAX


def _normalize(symbol: str) -> str:
    return re.sub(r"\s+|[\u00a0\u202f\u2009]", "", symbol)


def _written_symbols(text: str, urls: list[tuple[int, int]]) -> list[SymbolRef]:
    refs: list[SymbolRef] = []
    for m in _SYMBOL_RE.finditer(text):
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


def _phrase_symbols(text: str, urls: list[tuple[int, int]]) -> list[SymbolRef]:
    refs: list[SymbolRef] = []
    for item, missing_year in _resolution_items(text):
        if missing_year or _inside(item.start(), item.end(), urls):
            continue
        if item.group("snum") is not None:
            symbol = "A/RES/" + _normalize(item.group("snum"))
        else:
            if not _year_ok(item.group("year")):
                continue
            symbol = "S/RES/{n}({y})".format(n=item.group("num"), y=item.group("year"))
        refs.append(SymbolRef(item.start(), item.end(), item.group(0), symbol))
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


def find_symbols(text: str, lang: str = "en") -> list[SymbolRef]:
    """Every well-formed document reference in `text`, in order of position.

    Written symbols span the symbol as written; resolution phrases give one
    SymbolRef per resolution spanning "2480 (2019)" (see the module docstring).
    Symbols inside URLs, symbols without their year and years outside
    1946–2100 are left out (`find_malformed_symbols` reports the latter two).
    `lang` is accepted for symmetry; keywords of all six languages are found.
    """
    urls = find_urls(text)
    refs = _written_symbols(text, urls) + _phrase_symbols(text, urls)
    refs.sort(key=lambda r: (r.start, -r.end))
    kept: list[SymbolRef] = []
    for ref in refs:
        if kept and ref.start < kept[-1].end:
            continue
        kept.append(ref)
    return kept


def symbol_url(symbol: str, lang: str) -> str:
    """The undocs.org link of `symbol` in `lang`: "https://undocs.org/fr/S/RES/2480(2019)".

    Whitespace is removed from the symbol; a language outside the six UN
    languages links to the English version.
    """
    code = (lang or "en").replace("-", "_").split("_", 1)[0].lower()
    if code not in URL_LANGUAGES:
        code = "en"
    return f"{UNDOCS}/{code}/{_normalize(symbol)}"


_EMPTY_NUMBER_RE = re.compile(_LEFT + r"S/(?:PRST/)?(\d{4})/(?![\w.])")
_SRES_NO_YEAR_RE = re.compile(_LEFT + r"S/RES/(\d{1,4})(?!" + _WS + r"*\(\d{4}\))(?![\w/\-])")
_YEAR_IN_SYMBOL_RE = re.compile(
    _LEFT + r"S/(?:PRST/)?(?P<y>\d{4})/\d{1,4}" + _SUFFIX + _RIGHT
    + r"|" + _LEFT + r"S/RES/\d{1,4}" + _WS + r"*\((?P<ry>\d{4})\)"
)


def find_malformed_symbols(text: str, lang: str = "en") -> list[tuple[int, int, str, str]]:
    """References that look meant but are broken: (start, end, text, message).

    Reports "S/2020/" without its number, "resolution 2480" or "S/RES/2480"
    without its year, and any year outside 1946–2100. Messages are in the
    interface language. Nothing inside a URL is reported.
    """
    urls = find_urls(text)
    found: list[tuple[int, int, str, str]] = []

    def add(start: int, end: int, message: str) -> None:
        if not _inside(start, end, urls):
            found.append((start, end, text[start:end], message))

    for m in _EMPTY_NUMBER_RE.finditer(text):
        add(m.start(), m.end(), _("The symbol {symbol} has no document number.").format(
            symbol=m.group(0)))
    for m in _SRES_NO_YEAR_RE.finditer(text):
        add(m.start(), m.end(), _(
            "The resolution symbol {symbol} has no year; write it as S/RES/{number} (YYYY)."
        ).format(symbol=m.group(0), number=m.group(1)))
    for m in _YEAR_IN_SYMBOL_RE.finditer(text):
        year = m.group("y") or m.group("ry")
        if not _year_ok(year):
            add(m.start(), m.end(), _(
                "The year {year} in {symbol} is not a plausible year (1946–2100)."
            ).format(year=year, symbol=m.group(0)))
    for item, missing_year in _resolution_items(text):
        if missing_year:
            add(item.start(), item.end(), _(
                "Resolution {number} is cited without its year; write it as {number} (YYYY)."
            ).format(number=item.group("num")))
        elif item.group("year") is not None and not _year_ok(item.group("year")):
            add(item.start(), item.end(), _(
                "The year {year} in {symbol} is not a plausible year (1946–2100)."
            ).format(year=item.group("year"), symbol=item.group(0)))
    for phrase in _ZH_RE.finditer(text):
        for m in _ZH_ITEM_RE.finditer(text, phrase.start(), phrase.end()):
            if not _year_ok(m.group(2)):
                add(m.start(1), m.end(2) + 1, _(
                    "The year {year} in {symbol} is not a plausible year (1946–2100)."
                ).format(year=m.group(2), symbol=text[m.start(1):m.end(2) + 1]))
    found.sort(key=lambda f: (f[0], f[1]))
    return found


# Any capitalized token with a slash: symbols of bodies we do not model yet.
_SYMBOL_LIKE_RE = re.compile(r"(?<![\w/])[A-Z][A-Za-z.]*(?:/[\w.()\-]+)+")


def protected_spans(text: str, lang: str = "en") -> list[tuple[int, int]]:
    """Spans no automatic fix may touch: URLs, symbols, malformed symbols, symbol-like tokens."""
    spans = find_urls(text)
    spans += [(r.start, r.end) for r in find_symbols(text, lang)]
    spans += [(f[0], f[1]) for f in find_malformed_symbols(text, lang)]
    spans += [(m.start(), m.end()) for m in _SYMBOL_LIKE_RE.finditer(text)]
    return sorted(spans)
