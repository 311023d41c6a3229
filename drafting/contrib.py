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
import zipfile
from pathlib import Path

from drafting.errors import ImportFileError
from drafting.i18n import _
from drafting.letter import Block, Span, normalize_spans, spans_from_text

MAX_TEXT_BYTES = 10 * 1024 * 1024
MAX_DOCX_BYTES = 20 * 1024 * 1024
MAX_DOCX_UNCOMPRESSED = 60 * 1024 * 1024
MAX_RATIO = 200

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


def check_docx_zip(p: Path) -> None:
    """Refuse oversized, bomb-like or non-zip DOCX files before parsing."""
    if p.stat().st_size > MAX_DOCX_BYTES:
        raise ImportFileError(_("{name} is too large to import.").format(name=p.name))
    try:
        with zipfile.ZipFile(p) as z:
            total = 0
            for info in z.infolist():
                total += info.file_size
                ratio = info.file_size / max(info.compress_size, 1)
                if info.file_size > 1024 * 1024 and ratio > MAX_RATIO:
                    raise ImportFileError(
                        _("{name} looks like a zip bomb and was not opened.").format(name=p.name)
                    )
            if total > MAX_DOCX_UNCOMPRESSED:
                raise ImportFileError(
                    _("{name} is too large once uncompressed.").format(name=p.name)
                )
            if "word/document.xml" not in z.namelist():
                raise ImportFileError(_("{name} is not a Word document.").format(name=p.name))
    except zipfile.BadZipFile as exc:
        raise ImportFileError(
            _("{name} is not a valid Word document.").format(name=p.name)
        ) from exc


def _read_docx(p: Path) -> list[Block]:
    check_docx_zip(p)
    import docx  # python-docx parses with resolve_entities=False

    try:
        document = docx.Document(str(p))
    except Exception as exc:  # python-docx raises many types for a broken part
        raise ImportFileError(
            _("{name} could not be read: the document is damaged.").format(name=p.name)
        ) from exc
    blocks: list[Block] = []
    for para in document.paragraphs:
        style_id = (para.style.style_id if para.style is not None else "") or ""
        spans = [
            *normalize_spans(
                [
                    s
                    for run in para.runs
                    for s in _run_spans(run.text, bool(run.bold), bool(run.italic))
                ]
            )
        ]
        text = "".join(s.text for s in spans).strip()
        if not text:
            continue
        ppr = para._p.pPr
        is_list = ppr is not None and ppr.numPr is not None
        lowered = style_id.lower()
        if lowered.startswith("heading") or lowered in ("title", "hch", "h1", "h23"):
            blocks.append(Block(kind="subheading", spans=_plain(spans)))
        elif is_list or "list" in lowered or "bullet" in lowered:
            level = 0
            if ppr is not None and ppr.numPr is not None and ppr.numPr.ilvl is not None:
                level = min(int(ppr.numPr.ilvl.val or 0), 1)
            blocks.append(Block(kind="bullet", spans=_strip(spans), level=level))
        else:
            blocks.append(Block(kind="paragraph", spans=_strip(spans)))
    return blocks


def _run_spans(text: str, bold: bool, italic: bool) -> list[Span]:
    text = _CONTROL_RE.sub("", text.replace("\t", " "))
    return spans_from_text(text, bold, italic) if text else []


def _plain(spans: list[Span]) -> list[Span]:
    return spans_from_text("".join(s.text for s in spans).strip())


def _strip(spans: list[Span]) -> list[Span]:
    if spans:
        spans[0].text = spans[0].text.lstrip()
        spans[-1].text = spans[-1].text.rstrip()
    return normalize_spans(spans)
