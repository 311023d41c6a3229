"""Contributions: text from the Force, Police or country team put into a section.

Contributors send plain text or Word files. `read_contribution` turns either
into blocks (DESIGN §5 `fill`):
- text: a blank line separates paragraphs; a line starting with "## " is a
  subheading; lines starting with "- ", "• " or "− " are bullet items
  (indented by two or more spaces: second level); hard-wrapped lines inside a
  paragraph are joined;
- DOCX: paragraphs, bold, italic and list paragraphs are kept, foreign styles
  dropped; headings (Heading styles) become subheadings.

Files are size-limited and DOCX members are checked before decompression.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from drafting.errors import ImportFileError
from drafting.findings import Finding
from drafting.i18n import _
from drafting.letter import Block, Span, normalize_spans

MAX_TEXT_BYTES = 10 * 1024 * 1024

_BULLET_RE = re.compile(r"^(\s*)([-•−–])\s+(.*)$")
# XML 1.0 forbids most C0 controls; they also never belong in a letter.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass
class Contribution:
    """A contribution's blocks and what reading it noticed (`input.*` findings:
    bytes replaced, the code page guessed, a link showing another address)."""

    blocks: list[Block]
    findings: list[Finding] = field(default_factory=list)


def read_contribution(path: str | Path) -> list[Block]:
    """Blocks from a contribution file (.txt, .md or .docx); see
    `read_contribution_file` for what reading it noticed."""
    return read_contribution_file(path).blocks


def read_contribution_file(path: str | Path) -> Contribution:
    """A contribution file (.txt, .md or .docx) as blocks, with findings.

    Raises ImportFileError with a plain message for a missing, oversized,
    corrupt or unsupported file.
    """
    p = Path(path)
    if not p.is_file():
        raise ImportFileError(_("File not found: {path}").format(path=p))
    suffix = p.suffix.lower()
    if suffix == ".docx":
        return _read_docx(p)
    if suffix in (".txt", ".md", ".text", ""):
        # The same decoding as an imported letter (`text_reader.decode_text`).
        from drafting.importers.text_reader import decode_text, read_text_bytes

        decoded = decode_text(read_text_bytes(p, MAX_TEXT_BYTES), p.name)
        return Contribution(blocks_from_text(decoded.text), decoded.findings)
    raise ImportFileError(
        _("Cannot read {name}: use a .txt or .docx file.").format(name=p.name)
    )


def blocks_from_text(text: str) -> list[Block]:
    """Blocks from contribution text (rules in the module docstring)."""
    text = _CONTROL_RE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    blocks: list[Block] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            joined = " ".join(line.strip() for line in para if line.strip())
            if joined:
                blocks.append(Block.from_text(joined))
            para.clear()

    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped:
            flush()
            continue
        if stripped.startswith("## "):
            flush()
            blocks.append(Block.from_text(stripped[3:].strip(), kind="subheading"))
            continue
        m = _BULLET_RE.match(line)
        if m and m.group(3).strip():
            flush()
            level = 1 if len(m.group(1).expandtabs(4)) >= 2 else 0
            blocks.append(Block.from_text(m.group(3).strip(), kind="bullet", level=level))
            continue
        if blocks and blocks[-1].kind == "bullet" and not para and line[:1].isspace():
            # continuation line of a wrapped bullet item
            last = blocks[-1]
            last.set_text(last.text + " " + stripped)
            continue
        para.append(line)
    flush()
    return blocks


def _read_docx(p: Path) -> Contribution:
    # The importers' reader checks the zip (size, ratio, members) before
    # inflating anything and parses with the safe parser.
    from drafting.importers.docx_reader import read_docx_file

    doc = read_docx_file(p)
    blocks: list[Block] = []
    for para in doc.paragraphs:
        if not para.text.strip():
            continue
        if para.kind == "heading":
            blocks.append(Block.from_text(para.text.strip(), kind="subheading"))
        elif para.kind == "bullet":
            blocks.append(Block(kind="bullet", spans=_strip(para.body_spans()),
                                level=min(para.level or 0, 1)))
        else:
            blocks.append(Block(kind="paragraph", spans=_strip(para.body_spans())))
    return Contribution(blocks, list(doc.findings))


def _strip(spans: list[Span]) -> list[Span]:
    if spans:
        spans[0].text = spans[0].text.lstrip()
        spans[-1].text = spans[-1].text.rstrip()
    return normalize_spans(spans)
