"""UN-style DOCX export of a letter (DESIGN §6).

`export_docx(letter, template, path, final=False)` writes the letter with the
UN styles, masthead, running headers and footers and undocs.org links, and
returns an `ExportResult` with the file's path and any findings the export
itself raised (control characters removed, unassigned text left out).

The write is atomic: the DOCX is built in memory, written to a temporary file
in the target folder, synced and renamed over the target, so a failure never
leaves a half-written file. A draft export is marked "DRAFT"/"PROJET" in its
headers; `final=True` refuses (ExportError, nothing written) while `[…]`
placeholders remain. Gating a final export on the checks' blocking findings is
the caller's job (`drafting.checks.run_checks`).
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from lxml import etree

from drafting import __version__, atomic
from drafting.errors import ExportError
from drafting.export.anchors import mark_for_review
from drafting.export.bidi import mark_right_to_left
from drafting.export.body import BodyWriter, report_title, title_line
from drafting.export.masthead import PageFurniture, furniture_text
from drafting.export.styles import StyleSheet, lang_info
from drafting.export.xmlutil import clean_text
from drafting.findings import Finding
from drafting.i18n import _, ngettext
from drafting.letter import PLACEHOLDER_RE, UNASSIGNED, Block, Letter
from drafting.letter_strings import ORGANS
from drafting.review.stamp import ExportStamp
from drafting.templates.model import Template

__all__ = ["ExportResult", "build_document", "export_docx"]

_DROPPED_RELS = (
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml",
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail",
)


@dataclass
class ExportResult:
    """What an export wrote and what it had to say about the letter."""

    path: Path
    findings: list[Finding] = field(default_factory=list)


def export_docx(
    letter: Letter,
    template: Template,
    path: str | os.PathLike[str],
    *,
    final: bool = False,
    now: datetime | None = None,
    stamp: ExportStamp | None = None,
    comments: bool = True,
) -> ExportResult:
    """Write `letter` as a UN-style DOCX at `path`, atomically.

    `final=True` drops the draft marker and raises ExportError (writing
    nothing) if `[…]` placeholders remain. `now` fixes the document's
    timestamps (tests, reproducible builds); it defaults to the current time.
    Every body paragraph carries its block's anchor; `stamp` names the draft
    revision exported, and a draft carries the open comment threads unless
    `comments` is false (`drafting.export.anchors`), so a reviewed copy can
    come back. Raises ExportError with a plain message when the file cannot
    be written.
    """
    target = Path(path)
    letter = letter.copy()
    findings = sanitize_letter(letter) + _normalize_metadata(letter)
    if final:
        _refuse_placeholders(letter, report=template.kind == "report")
        if any(b.text.strip() for b in letter.unassigned):
            findings.append(Finding(
                code="content.unassigned",
                severity="warning",
                message=_("Text not assigned to any section was left out of the final export."),
                section=UNASSIGNED,
            ))
    paragraphs: dict[str, etree._Element] = {}
    doc = build_document(letter, template, final=final, now=now,
                         paragraph_hook=lambda b, p: paragraphs.__setitem__(b.id, p))
    mark_for_review(doc, letter, paragraphs, stamp, comments=comments and not final)
    buffer = io.BytesIO()
    doc.save(buffer)
    write_atomic(target, buffer.getvalue())
    return ExportResult(target, findings)


def build_document(
    letter: Letter,
    template: Template,
    *,
    final: bool = False,
    now: datetime | None = None,
    paragraph_hook: Callable[[Block, etree._Element], None] | None = None,
) -> DocxDocument:
    """The python-docx document of a letter whose text is already XML-safe.

    `paragraph_hook(block, p)`, when given, is called with every body block
    and the `w:p` element written for it (the redline export uses it).
    """
    language = letter.metadata.language or "en"
    lang = lang_info(language)
    doc = docx.Document()
    _drop_stock_parts(doc)
    sheet = StyleSheet(template.house_style, language)
    sheet.build_styles(doc.styles.element)
    sheet.build_numbering(doc.part.numbering_part.element)
    sheet.configure_settings(doc.settings.element)
    text = furniture_text(letter.metadata, draft=not final)
    PageFurniture(doc, template.house_style, lang, text).build()
    BodyWriter(doc, letter, template, lang, draft=not final,
               paragraph_hook=paragraph_hook).write()
    if lang.rtl:
        mark_right_to_left(doc)
    _core_properties(doc, letter, final, now, report=template.kind == "report")
    _app_properties(doc)
    return doc


def _drop_stock_parts(doc: DocxDocument) -> None:
    """Forget python-docx's sample parts (thumbnail, styles with effects, custom XML)."""
    for rels in (doc.part.rels, doc.part.package.rels):
        for rid, rel in list(rels.items()):
            if rel.reltype in _DROPPED_RELS:
                del rels[rid]


def _core_properties(
    doc: DocxDocument, letter: Letter, final: bool, now: datetime | None, *, report: bool = False
) -> None:
    meta = letter.metadata
    props = doc.core_properties
    stamp = (now or datetime.now(UTC)).replace(microsecond=0)
    props.title = (report_title(meta) if report else title_line(meta)) or meta.symbol
    props.subject = meta.symbol
    props.author = ""
    props.comments = ""
    props.keywords = meta.mission
    props.language = lang_info(meta.language).tag
    props.content_status = "Final" if final else "Draft"
    props.last_modified_by = "Missive"
    props.revision = 1
    props.created = stamp
    props.modified = stamp


_APP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"



def _app_properties(doc: DocxDocument) -> None:
    """docProps/app.xml naming Missive, not the word processor python-docx's template
    came from, and without page, word or line counts: nothing here counted them.
    """
    root = etree.Element(f"{{{_APP_NS}}}Properties", nsmap={None: _APP_NS})
    etree.SubElement(root, f"{{{_APP_NS}}}Application").text = f"Missive/{__version__}"
    etree.SubElement(root, f"{{{_APP_NS}}}DocSecurity").text = "0"
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    for part in doc.part.package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            part._blob = blob


def _normalize_metadata(letter: Letter) -> list[Finding]:
    """Make the language one of the six (else English) and report what cannot be set."""
    meta = letter.metadata
    findings: list[Finding] = []
    language = lang_info(meta.language).code
    if language != meta.language:
        findings.append(Finding(
            code="metadata.language",
            severity="warning",
            message=_("The letter language '{language}' is not a UN language; the document "
                      "was set in English.").format(language=meta.language),
        ))
        meta.language = language
    if meta.organ and meta.organ not in ORGANS:
        findings.append(Finding(
            code="metadata.organ",
            severity="warning",
            message=_("The organ '{organ}' is not known; the letter was exported without "
                      "its title line.").format(organ=meta.organ),
        ))
    return findings


def sanitize_letter(letter: Letter) -> list[Finding]:
    """Remove characters XML cannot carry from every text of `letter`, in place.

    Returns one `input.control_characters` warning per paragraph (or metadata
    field) that lost characters, so the writer knows the text changed.
    """
    findings: list[Finding] = []
    meta = letter.metadata
    removed_meta = 0
    for f in fields(meta):
        value = getattr(meta, f.name)
        if isinstance(value, str):
            cleaned, count = clean_text(value)
            # metadata fields are single lines in the masthead and title
            setattr(meta, f.name, cleaned.replace("\n", " "))
            removed_meta += count
    if removed_meta:
        findings.append(_control_finding(removed_meta, None, None, None))
    for section_id, index, block in letter.iter_blocks():
        findings.extend(_clean_block(block, section_id, index))
    for annex in letter.annexes:
        annex.title, count = clean_text(annex.title)
        if count:
            findings.append(_control_finding(count, "annex", None, None))
        for index, block in enumerate(annex.blocks):
            findings.extend(_clean_block(block, "annex", index))
    for section in letter.sections:
        section.heading, _count = clean_text(section.heading)
    return findings


def _clean_block(block: Block, section: str, index: int) -> list[Finding]:
    total = 0
    for span in block.spans:
        span.text, count = clean_text(span.text)
        total += count
    return [_control_finding(total, section, index, block.id)] if total else []


def _control_finding(
    count: int, section: str | None, paragraph: int | None, block_id: str | None
) -> Finding:
    message = ngettext(
        "{count} control character that a DOCX file cannot hold was removed.",
        "{count} control characters that a DOCX file cannot hold were removed.",
        count,
    ).format(count=count)
    return Finding(
        code="input.control_characters",
        severity="warning",
        message=message,
        section=section,
        paragraph=paragraph,
        block_id=block_id,
    )


def _refuse_placeholders(letter: Letter, *, report: bool = False) -> None:
    texts = [b.text for _sid, _i, b in letter.iter_blocks() if _sid != UNASSIGNED]
    texts += [b.text for a in letter.annexes for b in a.blocks]
    texts += [a.title for a in letter.annexes]
    meta = letter.metadata
    texts += [meta.symbol, meta.job_number]
    if not report:  # a report prints neither closing nor signature
        texts += [meta.closing, meta.signatory]
    found = [m.group(0) for text in texts for m in PLACEHOLDER_RE.finditer(text)]
    if found:
        raise ExportError(ngettext(
            "The letter still contains {count} placeholder ({example}); "
            "confirm it before a final export.",
            "The letter still contains {count} placeholders (such as {example}); "
            "confirm them before a final export.",
            len(found),
        ).format(count=len(found), example=found[0]))


def write_atomic(target: Path, data: bytes) -> None:
    """Write `data` to `target` through the shared atomic writer
    (`drafting.atomic`), with the export's plain error messages.

    Raises ExportError, or OutputRefusedError when `target` is a draft; the
    temporary file never stays.
    """
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(_("The folder {folder} does not exist.").format(folder=folder))
    if target.is_dir():
        raise ExportError(_("{path} is a folder, not a file name.").format(path=target))
    try:
        atomic.write_atomic(target, data)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ExportError(_("Could not write {path}: {reason}.").format(
            path=target, reason=reason)) from exc
