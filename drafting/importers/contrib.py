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
from pathlib import Path

from drafting.errors import ImportFileError
from drafting.i18n import _
from drafting.letter import Block, Span, normalize_spans

MAX_TEXT_BYTES = 10 * 1024 * 1024

_BULLET_RE = re.compile(r"^(\s*)([-•−–])\s+(.*)$")
# XML 1.0 forbids most C0 controls; they also never belong in a letter.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def read_contribution(path: str | Path) -> list[Block]:
    """Blocks from a contribution file (.txt, .md or .docx).

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
        return blocks_from_text(_read_text(p))
    raise ImportFileError(
        _("Cannot read {name}: use a .txt or .docx file.").format(name=p.name)
    )


def _read_text(p: Path) -> str:
    size = p.stat().st_size
    if size > MAX_TEXT_BYTES:
        raise ImportFileError(
            _("{name} is too large ({size} MB); the limit is {limit} MB.").format(
                name=p.name, size=size // (1024 * 1024), limit=MAX_TEXT_BYTES // (1024 * 1024)
            )
        )
    data = p.read_bytes()
    for encoding in ("utf-8-sig", "utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else (
        "utf-8-sig",
        "cp1252",
    ):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError(_("{name} is not a text file.").format(name=p.name))


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


def _read_docx(p: Path) -> list[Block]:
    # The importers' reader checks the zip (size, ratio, members) before
    # inflating anything and parses with the safe parser.
    from drafting.importers.docx_reader import read_docx_file

    blocks: list[Block] = []
    for para in read_docx_file(p).paragraphs:
        if not para.text.strip():
            continue
        if para.kind == "heading":
            blocks.append(Block.from_text(para.text.strip(), kind="subheading"))
        elif para.kind == "bullet":
            blocks.append(Block(kind="bullet", spans=_strip(para.body_spans()),
                                level=min(para.level or 0, 1)))
        else:
            blocks.append(Block(kind="paragraph", spans=_strip(para.body_spans())))
    return blocks


def _strip(spans: list[Span]) -> list[Span]:
    if spans:
        spans[0].text = spans[0].text.lstrip()
        spans[-1].text = spans[-1].text.rstrip()
    return normalize_spans(spans)
