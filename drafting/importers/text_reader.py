"""Plain text and text extracted from a PDF, read back into paragraphs.

Two shapes of input are handled by one set of rules:
- text typed or saved from a word processor: a blank line separates
  paragraphs, a line may hold a whole paragraph;
- text extracted from a PDF: lines hard-wrapped at the page width, often
  with a blank line after *every* line, page furniture repeated on each page,
  and words hyphenated at the end of a line.

Page furniture is dropped (and counted in a notice): running symbols
("S/2020/625"), page numbers ("4/42"), job numbers ("20-07899 (F) 020620"),
barcodes ("*2007899*") and lines that are only URLs (PDF link annotations,
"https://undocs.org/fr/S/2020/223"); masthead lines are dropped only above
the title. A page break inside a paragraph does not split it.

Hyphenation rule at a line end: "opéra-" + "tions" is joined as "opérations"
when the next line starts with a lower-case letter, unless the hyphenated
form occurs elsewhere in the text (then it is a real compound, e.g.
"porte-parole"); when the next line starts with an upper-case letter or a
digit the hyphen is kept ("Gao-" + "Labézanga" → "Gao-Labézanga",
"2020-" + "2021" → "2020-2021").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from drafting.errors import ImportFileError
from drafting.findings import Finding
from drafting.i18n import _, ngettext
from drafting.importers.source import (
    CONTROL_RE,
    RawParagraph,
    SourceDocument,
    clean_text,
    looks_like_heading,
)

MAX_TEXT_BYTES = 10 * 1024 * 1024

_SYMBOL = r"(?:[A-Z]{1,5}/)(?:[A-Za-z0-9.\-]+/)*[A-Za-z0-9.\-]*\d[A-Za-z0-9.\-]*(?:\s*\(\d{4}\))?"
_PAGE = r"(?:\d{1,4}\s*/\s*\d{1,4}|[-–]\s*\d{1,4}\s*[-–]|Page\s+\d{1,4}(?:\s+(?:of|sur|de)\s+\d{1,4})?)"
_JOB = r"\d{2}-\d{5}(?:\s*\([A-Z]\))?(?:\s+\d{6})?"
_BARCODE = r"\*\d{6,9}\*"
_FURNITURE_TOKEN = f"(?:{_SYMBOL}|{_PAGE}|{_JOB}|{_BARCODE})"
FURNITURE_RE = re.compile(rf"^{_FURNITURE_TOKEN}(?:\s+{_FURNITURE_TOKEN})*$")
URL_LINE_RE = re.compile(r"^(?:(?:https?://|www\.)\S+\s*)+$", re.IGNORECASE)
_SYMBOL_RE = re.compile(rf"^{_SYMBOL}$")
_RECYCLE_RE = re.compile(r"^(?:♲\s*)?(?:please recycle|merci de recycler)\s*♲?$", re.IGNORECASE)
# Masthead lines of the first page, in the languages we ship.
_MASTHEAD_RE = re.compile(
    r"^(?:United Nations|Nations Unies|Naciones Unidas|Security Council|Conseil de sécurité|"
    r"Consejo de Seguridad|General Assembly|Assemblée générale|Asamblea General|"
    r"Distr\.?\s*:?\s*(?:General|générale|general|Limited|limitée)|"
    r"Original\s*:\s*\w+|English|French|Français|Anglais|Español|Spanish|"
    r"\d{1,2}(?:er)?\s+\w+\s+\d{4}|\w+\s+\d{1,2},\s+\d{4})$",
    re.IGNORECASE,
)
# Columns of a page laid out as text ("pdftotext -layout"): three spaces or more.
_COLUMNS_RE = re.compile(r"\s{3,}")
# A list item's marker: "a)", "(b)", "iv)", "(ii)", "1.", "2)".
_ITEM_RE = re.compile(r"^(?:\(?[a-z]\)|\(?[ivx]{1,5}\)|\d{1,2}[.)])\s+\S")
_FIRST_ITEM_RE = re.compile(r"^(?:\(?[a]\)|\(?i\)|1[.)])\s+\S")
_TITLE_START_RE = re.compile(r"^\s*(?:Letter dated|Lettre datée|Carta de fecha)\b", re.IGNORECASE)
_BULLET_RE = re.compile(r"^([•\-−–])\s+(.*)$")
_MARKDOWN_HEADING_RE = re.compile(r"^#{1,6}\s+(.*)$")
# What ends a paragraph (closing quotes and brackets may follow the full stop).
_TERMINAL_RE = re.compile(r"[.!?:;][\s»”\"’)\]]*$")
_HYPHEN_END_RE = re.compile(r"(\w+)-$")
_FIRST_WORD_RE = re.compile(r"^(\w+)")

# A line no longer than this share of the text width ends its paragraph when
# it closes a sentence and the next line starts like a new one.
_SHORT_LINE = 0.75
# Lines this long are not hard-wrapped: every line is a paragraph.
_UNWRAPPED_WIDTH = 160

_BLANK = ""
_PAGE_BREAK = "\x00page"  # stands for a run of furniture and blank lines


def read_text_file(path: Path) -> SourceDocument:
    """Read a .txt file (plain or PDF-extracted) into paragraphs.

    Raises ImportFileError for a file that is missing, larger than
    MAX_TEXT_BYTES (checked before reading), binary or not text. How the
    bytes were decoded, when it needs saying, is in the document's findings.
    """
    decoded = decode_text(read_text_bytes(path, MAX_TEXT_BYTES), path.name)
    doc = parse_text(decoded.text)
    doc.findings.extend(decoded.findings)
    return doc


def read_text_bytes(path: Path, limit: int) -> bytes:
    """The bytes of a text file, refused from its size alone above `limit`."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ImportFileError(_("Cannot read {name}.").format(name=path.name)) from exc
    if size > limit:
        raise ImportFileError(
            _("{name} is too large to import ({size} MB; the limit is {limit} MB).").format(
                name=path.name, size=size // (1024 * 1024), limit=limit // (1024 * 1024)
            )
        )
    try:
        with open(path, "rb") as f:
            return f.read(limit + 1)
    except OSError as exc:
        raise ImportFileError(_("Cannot read {name}.").format(name=path.name)) from exc


@dataclass
class DecodedText:
    """Text read from bytes, and what the writer should know about how."""

    text: str
    findings: list[Finding] = field(default_factory=list)


def decode_text(data: bytes, name: str) -> DecodedText:
    """Text from bytes, for imports and contributions alike.

    UTF-8 (with or without BOM) and UTF-16 with BOM are read as such. A file
    that is UTF-8 but for a few bad bytes stays UTF-8: only those bytes become
    "\ufffd", and an `input.invalid_utf8` finding names their lines. Only a
    file that is clearly not UTF-8 (no valid multi-byte sequence, or more bad
    bytes than good sequences) is read as Windows-1252, and an
    `input.legacy_encoding` finding says so. PDF, zip/DOCX and other binary
    content is refused with one clear message.
    """
    if data.startswith(b"%PDF"):
        raise ImportFileError(
            _("{name} is a PDF file: extract its text to a .txt file first.").format(name=name)
        )
    if data.startswith(b"PK\x03\x04"):
        raise ImportFileError(
            _("{name} is a zip or Word file, not text: import it as .docx.").format(name=name)
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return DecodedText(data.decode("utf-16"))
        except UnicodeDecodeError as exc:
            raise ImportFileError(_("{name} is not a text file.").format(name=name)) from exc
    if b"\x00" in data[:8192]:
        raise ImportFileError(_("{name} is not a text file.").format(name=name))
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        return DecodedText(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    # Bad bytes become lone surrogates; characters above U+007F that are not
    # surrogates are the valid multi-byte sequences.
    escaped = data.decode("utf-8", errors="surrogateescape")
    bad = [i for i, ch in enumerate(escaped) if "\udc80" <= ch <= "\udcff"]
    good = sum(1 for ch in escaped if ch > "\x7f") - len(bad)
    if good and len(bad) <= good:
        lines = sorted({escaped.count("\n", 0, i) + 1 for i in bad})
        text = "".join("\ufffd" if "\udc80" <= ch <= "\udcff" else ch for ch in escaped)
        return DecodedText(text, [_invalid_utf8(name, len(bad), lines)])
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise ImportFileError(_("{name} is not a text file.").format(name=name)) from exc
    return DecodedText(text, [Finding(
        code="input.legacy_encoding",
        severity="warning",
        message=_("{name} is not UTF-8 text; it was read as Windows-1252 (Western "
                  "European). Check its accented letters.").format(name=name),
    )])


def _invalid_utf8(name: str, count: int, lines: list[int]) -> Finding:
    shown = ", ".join(str(n) for n in lines[:5]) + (", …" if len(lines) > 5 else "")
    where = ngettext("line {lines}", "lines {lines}", len(lines)).format(lines=shown)
    message = ngettext(
        "{name}, {where}: {count} byte that is not valid UTF-8 was replaced by “�”.",
        "{name}, {where}: {count} bytes that are not valid UTF-8 were replaced by “�”.",
        count,
    ).format(name=name, where=where, count=count)
    return Finding(code="input.invalid_utf8", severity="warning", message=message)


def parse_text(text: str) -> SourceDocument:
    """Paragraphs from text, with page furniture removed (rules in the module docstring)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = CONTROL_RE.sub("", text).expandtabs(4)
    lines = [line.rstrip() for line in text.split("\n")]
    lines, removed, symbol = _strip_furniture(lines)
    lines = _undouble(lines)
    chunks = _split_paragraphs(lines)
    vocabulary = _hyphenated_words(lines)
    doc = SourceDocument(symbol=symbol)
    for chunk in chunks:
        para = _classify(_join(chunk, vocabulary), doc.paragraphs)
        if para is not None:
            doc.paragraphs.append(para)
    if removed:
        doc.notices.append(
            ngettext(
                "Removed {n} line of page furniture (symbols, page numbers, job numbers, links).",
                "Removed {n} lines of page furniture (symbols, page numbers, job numbers, links).",
                removed,
            ).format(n=removed)
        )
    return doc


def is_furniture(line: str) -> bool:
    """True for a line that is page furniture: symbol, page, job number, barcode, URL."""
    s = line.strip()
    return bool(
        s and (FURNITURE_RE.match(s) or URL_LINE_RE.match(s) or _RECYCLE_RE.match(s))
    )


def _strip_furniture(lines: list[str]) -> tuple[list[str], int, str]:
    """Replace furniture (and the blank lines around it) by page-break markers."""
    title_at = next((i for i, line in enumerate(lines) if _TITLE_START_RE.match(line)), None)
    masthead_end = title_at if title_at is not None else min(len(lines), 15)
    symbols: Counter[str] = Counter()
    out: list[str] = []
    removed = 0
    for i, line in enumerate(lines):
        s = line.strip()
        parts = _COLUMNS_RE.split(s) if i < masthead_end else [s]
        furniture = is_furniture(s) or (i < masthead_end and all(
            _MASTHEAD_RE.match(part) or is_furniture(part) for part in parts))
        if not furniture:
            out.append(line if s else _BLANK)
            continue
        removed += 1
        for part in parts:  # "United Nations      S/2019/983": a masthead row in columns
            if _SYMBOL_RE.match(part):
                symbols[part] += 1
        # a page break swallows the blank lines before it ...
        while out and out[-1] in (_BLANK, _PAGE_BREAK):
            out.pop()
        out.append(_PAGE_BREAK)
    # ... and after it
    result: list[str] = []
    for line in out:
        if line == _BLANK and result and result[-1] == _PAGE_BREAK:
            continue
        result.append(line)
    while result and result[0] in (_BLANK, _PAGE_BREAK):
        result.pop(0)
    symbol = symbols.most_common(1)[0][0] if symbols else ""
    return result, removed, symbol


def _undouble(lines: list[str]) -> list[str]:
    """Collapse the blank line a PDF extractor puts after every line.

    Recognized when text lines are almost never adjacent and many single
    blank lines sit *inside* a sentence (the line before does not end one, the
    line after starts in lower case). Then single blank lines are not
    paragraph breaks; runs of two or more are.
    """
    def is_text(i: int) -> bool:
        return 0 <= i < len(lines) and lines[i] not in (_BLANK, _PAGE_BREAK)

    text_lines = [i for i in range(len(lines)) if is_text(i)]
    if len(text_lines) < 6:
        return lines
    adjacent = sum(1 for i in text_lines if is_text(i + 1))
    pairs = [i for i in text_lines if lines[i + 1 : i + 2] == [_BLANK] and is_text(i + 2)]
    inside = sum(
        1
        for i in pairs
        if not _TERMINAL_RE.search(lines[i]) and lines[i + 2].lstrip()[:1].islower()
    )
    if adjacent > 0.2 * len(text_lines) or len(pairs) < 3 or inside < 0.3 * len(pairs):
        return lines
    out: list[str] = []
    run = 0
    for line in lines + ["\x00end"]:
        if line == _BLANK:
            run += 1
            continue
        if run >= 2:
            out.append(_BLANK)
        run = 0
        out.append(line)
    return out[:-1]


def _width(lines: list[str]) -> int:
    lengths = sorted(len(line.strip()) for line in lines if line not in (_BLANK, _PAGE_BREAK))
    if not lengths:
        return 0
    return lengths[min(len(lengths) - 1, int(len(lengths) * 0.9))]


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _starts_paragraph(line: str) -> bool:
    s = line.lstrip()
    return bool(s) and (s[0].isupper() or s[0].isdigit() or s[0] in "«“\"(•−–-")


def _split_paragraphs(lines: list[str]) -> list[list[str]]:
    """Group lines into paragraphs (lists of lines to join)."""
    width = _width(lines)
    wrapped = 0 < width <= _UNWRAPPED_WIDTH
    indents = Counter(_indent(line) for line in lines if line not in (_BLANK, _PAGE_BREAK))
    base_indent = indents.most_common(1)[0][0] if indents else 0
    chunks: list[list[str]] = []
    current: list[str] = []

    def close() -> None:
        if current:
            chunks.append(current.copy())
            current.clear()

    for line in lines:
        if line == _BLANK:
            close()
            continue
        if line == _PAGE_BREAK:
            # a page break alone never ends a paragraph: the lines around it decide
            continue
        if current and _breaks_before(
            current, line, wrapped=wrapped, width=width, base_indent=base_indent
        ):
            close()
        current.append(line)
    close()
    return chunks


def _breaks_before(
    current: list[str],
    line: str,
    *,
    wrapped: bool,
    width: int,
    base_indent: int,
) -> bool:
    """Whether `line` starts a new paragraph after the lines in `current`."""
    prev = current[-1].strip()
    s = line.strip()
    if _BULLET_RE.match(s) or _MARKDOWN_HEADING_RE.match(s) or _MARKDOWN_HEADING_RE.match(prev):
        return True
    if not wrapped:
        return True
    if _ITEM_RE.match(s) and (
            (prev.endswith(":") and _FIRST_ITEM_RE.match(s))
            or (_ITEM_RE.match(current[0].strip()) and prev[-1:] in (";", ".", ":"))):
        # a list set out one item per line ("…three steps:" / "a) …;" / "b) …"),
        # not an enumeration running inside a sentence that a line happens to break
        return True
    if not _starts_paragraph(line):
        return False  # a lower-case start always continues the sentence
    ends_sentence = bool(_TERMINAL_RE.search(prev))
    if ends_sentence and _indent(line) > base_indent:
        return True
    if ends_sentence and len(prev) <= _SHORT_LINE * width:
        return True
    # a short heading line directly followed by its first paragraph
    return len(current) == 1 and looks_like_heading(prev) and len(prev) <= 0.6 * width


def _hyphenated_words(lines: list[str]) -> set[str]:
    """Hyphenated compounds written inside lines (not at their end), lower-cased."""
    words: set[str] = set()
    for line in lines:
        for m in re.finditer(r"\w+-\w+", line.rstrip("-")):
            words.add(m.group(0).casefold())
    return words


def _join(chunk: list[str], vocabulary: set[str]) -> str:
    """One paragraph's lines joined, undoing end-of-line hyphenation."""
    text = ""
    for raw in chunk:
        line = raw.strip()
        if not text:
            text = line
            continue
        m = _HYPHEN_END_RE.search(text)
        if m and line[:1].isalnum():
            nxt = _FIRST_WORD_RE.match(line)
            compound = f"{m.group(1)}-{nxt.group(1) if nxt else ''}".casefold()
            if line[0].islower() and compound not in vocabulary:
                text = text[:-1] + line
            else:
                text += line
            continue
        text += " " + line
    return clean_text(text)


def _classify(text: str, previous: list[RawParagraph]) -> RawParagraph | None:
    if not text:
        return None
    m = _MARKDOWN_HEADING_RE.match(text)
    if m:
        return RawParagraph(text=m.group(1).strip(), kind="heading", level=None)
    m = _BULLET_RE.match(text)
    if m and m.group(2).strip():
        marker, body = m.group(1), m.group(2).strip()
        # an en dash under a bullet is the second level (UN style: • then –)
        level = 1 if marker == "–" and previous and previous[-1].kind == "bullet" else 0
        return RawParagraph(text=body, kind="bullet", level=level)
    if looks_like_heading(text) and not _TITLE_START_RE.match(text):
        return RawParagraph(text=text, kind="heading", level=None)
    return RawParagraph(text=text)
