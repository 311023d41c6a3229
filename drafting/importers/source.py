"""What a reader hands to the mapping: the paragraphs of a previous letter.

Both readers (DOCX and plain text) reduce a file to a `SourceDocument`: an
ordered list of `RawParagraph`s, each already classified as a heading, a body
paragraph or a list item, plus what the reader learnt on the way (notices,
the running document symbol). The mapping never looks at the file again.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

from drafting.findings import Finding
from drafting.letter import Span, normalize_spans, spans_from_text

RawKind = Literal["heading", "paragraph", "bullet"]

# C0 controls (except tab and newline) never belong in a letter and are not
# allowed in the XML of a draft or an export.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES_RE = re.compile(r"[ \t]+")

# Headings are short and do not end like a sentence.
HEADING_MAX_CHARS = 200
HEADING_MAX_WORDS = 20
SENTENCE_END = (".", ";", ":", ",", "!", "?")


@dataclass
class RawParagraph:
    """One paragraph as read from the file.

    `level` is the heading level when the file says it (a "Heading 2" style,
    an outline level); None when the heading was only guessed (bold or short
    line), which makes every guessed heading top-level.
    """

    text: str
    kind: RawKind = "paragraph"
    level: int | None = None
    spans: list[Span] = field(default_factory=list)
    # Text of a footnote, kept so that nothing of the letter is lost.
    footnote: bool = False

    def body_spans(self) -> list[Span]:
        """The spans to store in a block (plain text with placeholders if none)."""
        spans = normalize_spans(self.spans) if self.spans else []
        if not spans:
            return spans_from_text(self.text)
        out: list[Span] = []
        for s in spans:
            if s.kind == "text":
                # placeholders inside formatted runs are split out again
                out.extend(spans_from_text(s.text, s.bold, s.italic))
            else:
                out.append(s)
        return normalize_spans(out)


@dataclass
class SourceDocument:
    """A file read into paragraphs, with what the reader noticed."""

    paragraphs: list[RawParagraph] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    # The document symbol seen in running headers, e.g. "S/2020/625".
    symbol: str = ""
    # What reading the file changed or noticed (`input.*`: bytes replaced,
    # the code page guessed, a link whose text shows another address).
    findings: list[Finding] = field(default_factory=list)


def clean_text(text: str) -> str:
    """Controls removed, tabs and space runs collapsed, ends trimmed."""
    text = CONTROL_RE.sub("", text.replace("\t", " ").replace("\n", " "))
    return _SPACES_RE.sub(" ", text).strip()


def looks_like_heading(text: str) -> bool:
    """True for a short line that does not end like a sentence."""
    stripped = text.strip()
    if not stripped or len(stripped) > HEADING_MAX_CHARS:
        return False
    if len(stripped.split()) > HEADING_MAX_WORDS:
        return False
    if stripped.endswith(SENTENCE_END):
        return False
    first = stripped[0]
    return first.isupper() or first.isdigit()


def fold(text: str) -> str:
    """Lower-case, accent-free, apostrophes unified: for comparing text only."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.replace("’", "'").replace("‘", "'").casefold()
