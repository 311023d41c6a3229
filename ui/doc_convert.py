"""Between a section's blocks and the editor's QTextDocument.

The editor shows only what the export supports: paragraphs, subheadings,
bullet items (two levels), bold, italic and links. Each QTextBlock carries its
letter block's id as a block-format property, so confirmations and findings
stay attached to their paragraph while the writer types. Pasted HTML (Word,
web pages) goes through the same conversion, which is what drops foreign
fonts, colours and sizes.
"""

from __future__ import annotations

import re

from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextList,
    QTextListFormat,
)

from drafting.edits.text import respan
from drafting.letter import Block, Span, new_id

BLOCK_ID = QTextFormat.Property.UserProperty + 1
BLOCK_CARRIED = QTextFormat.Property.UserProperty + 2
BLOCK_BOILERPLATE = QTextFormat.Property.UserProperty + 3
SUBHEADING_LEVEL = 3
# Carried-over paragraphs are tinted (translucent, so it reads on light and
# dark palettes); the editor also paints a bar in the margin beside them.
CARRIED_TINT = QColor(70, 130, 220, 34)

# Word exports list items as paragraphs starting with a bullet glyph and
# non-breaking spaces; web pages sometimes do the same.
_PASTED_BULLET_RE = re.compile(r"^\s*(?:[·•▪◦§o\-–−*]|\d{1,2}[.)])[\s\u00a0]+")
_LINE_BREAKS = str.maketrans({"\u2028": " ", "\u2029": " ", "\ufffc": "", "\n": " "})


def block_id_of(block: QTextBlock) -> str:
    """The letter block id stored on an editor block ("" when none yet)."""
    value = block.blockFormat().property(BLOCK_ID)
    return str(value) if value else ""


def _list_format(level: int) -> QTextListFormat:
    fmt = QTextListFormat()
    fmt.setStyle(QTextListFormat.Style.ListDisc if level == 0 else QTextListFormat.Style.ListCircle)
    fmt.setIndent(level + 1)
    return fmt


def char_format(span: Span) -> QTextCharFormat:
    """The editor's character format for a span (only bold, italic, link)."""
    fmt = QTextCharFormat()
    fmt.setFontWeight(QFont.Weight.Bold if span.bold else QFont.Weight.Normal)
    fmt.setFontItalic(span.italic)
    if span.kind == "link" and span.target:
        fmt.setAnchor(True)
        fmt.setAnchorHref(span.target)
        fmt.setFontUnderline(True)
    return fmt


def is_carried(block: QTextBlock) -> bool:
    """Whether an editor block shows a carried-over paragraph."""
    return bool(block.blockFormat().property(BLOCK_CARRIED))


def _set_carried(fmt: QTextBlockFormat, carried: bool) -> None:
    fmt.setProperty(BLOCK_CARRIED, carried)
    if carried:
        fmt.setBackground(QBrush(CARRIED_TINT))
    else:
        fmt.clearBackground()


def set_carried_mark(block: QTextBlock, carried: bool) -> None:
    """Show or drop the carried-over mark of one editor block (not an undo step)."""
    fmt = block.blockFormat()
    _set_carried(fmt, carried)
    QTextCursor(block).setBlockFormat(fmt)


def block_format(block: Block) -> QTextBlockFormat:
    fmt = QTextBlockFormat()
    fmt.setProperty(BLOCK_ID, block.id)
    _set_carried(fmt, block.carried)
    fmt.setProperty(BLOCK_BOILERPLATE, block.boilerplate)
    fmt.setBottomMargin(6)
    if block.kind == "subheading":
        fmt.setHeadingLevel(SUBHEADING_LEVEL)
        fmt.setTopMargin(6)
    return fmt


def fill_document(doc: QTextDocument, blocks: list[Block]) -> None:
    """Replace the document's content with `blocks` (not recorded for undo)."""
    doc.clear()
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    lists: dict[int, QTextList] = {}
    for i, block in enumerate(blocks):
        if i == 0:
            cursor.setBlockFormat(block_format(block))
        else:
            cursor.insertBlock(block_format(block), QTextCharFormat())
        if block.kind == "bullet":
            level = 1 if block.level else 0
            current = lists.get(level)
            if current is None:
                current = cursor.createList(_list_format(level))
                lists[level] = current
                if level == 0:
                    lists.pop(1, None)
            else:
                current.add(cursor.block())
        else:
            lists.clear()
        for span in block.spans:
            cursor.insertText(span.text, char_format(span))
    cursor.endEditBlock()


def document_to_blocks(
    doc: QTextDocument,
    previous: dict[str, Block] | None = None,
    assign_ids: bool = True,
    dirty: set[str] | None = None,
) -> list[Block]:
    """The blocks the document shows; empty paragraphs are left out.

    Blocks keep the carried and boilerplate marks their paragraphs hold;
    whether an edit clears them is decided by `drafting.edits.settle_marks`.
    With `assign_ids`, new or duplicated ids (a paragraph split by Enter)
    are written back to the document so they stay stable while typing.
    With `dirty` (ids of the paragraphs touched since `previous` was made),
    untouched paragraphs reuse their `previous` block as is: typing in a long
    section then converts one paragraph, not all of them.
    """
    previous = previous or {}
    out: list[Block] = []
    seen: set[str] = set()
    qblock = doc.begin()
    while qblock.isValid():
        bid = block_id_of(qblock)
        if not bid or bid in seen:
            bid = new_id()
            if assign_ids:
                # A paragraph split off by Enter inherits its parent's format:
                # it is the writer's new text, neither boilerplate nor carried.
                fmt = qblock.blockFormat()
                fmt.setProperty(BLOCK_ID, bid)
                fmt.setProperty(BLOCK_BOILERPLATE, False)
                _set_carried(fmt, False)
                QTextCursor(qblock).setBlockFormat(fmt)
        seen.add(bid)
        old = previous.get(bid)
        if dirty is not None and old is not None and bid not in dirty:
            out.append(old)
            qblock = qblock.next()
            continue
        block = _to_block(qblock, bid)
        if block.text.strip():
            out.append(block)
        qblock = qblock.next()
    return out


def _to_block(qblock: QTextBlock, bid: str) -> Block:
    bf = qblock.blockFormat()
    qlist = qblock.textList()
    kind = "paragraph"
    level = 0
    if qlist is not None:
        kind = "bullet"
        level = 1 if qlist.format().indent() > 1 else 0
    elif bf.headingLevel() > 0:
        kind = "subheading"
    spans: list[Span] = []
    it = qblock.begin()
    while not it.atEnd():
        frag = it.fragment()
        if frag.isValid():
            cf = frag.charFormat()
            text = frag.text().translate(_LINE_BREAKS)
            bold = cf.fontWeight() >= QFont.Weight.DemiBold.value
            if kind == "subheading":
                bold = False  # a subheading's look comes from its kind
            href = cf.anchorHref() if cf.isAnchor() else ""
            if href:
                spans.append(Span(text, bold, cf.fontItalic(), kind="link", target=href))
            else:
                spans.append(Span(text, bold, cf.fontItalic()))
        it += 1
    spans = respan(spans) or [Span("")]
    block = Block(kind=kind, spans=spans, level=level, id=bid)  # type: ignore[arg-type]
    # Kept like the id, as block properties; whether an edit cleared them is
    # the domain's call (`drafting.edits.settle_marks`).
    block.carried = bool(bf.property(BLOCK_CARRIED))
    block.boilerplate = bool(bf.property(BLOCK_BOILERPLATE))
    return block


def html_to_blocks(html: str) -> list[Block]:
    """Blocks from pasted HTML: paragraphs, bold, italic and lists survive."""
    doc = QTextDocument()
    doc.setHtml(html)
    blocks = document_to_blocks(doc, assign_ids=False)
    for b in blocks:
        b.carried = False
        b.boilerplate = False
        if b.kind == "paragraph" and b.spans:
            m = _PASTED_BULLET_RE.match(b.text)
            if m and len(b.text) > m.end():
                _strip_prefix(b, m.end())
                b.kind = "bullet"
    return blocks


def _strip_prefix(block: Block, n: int) -> None:
    spans: list[Span] = []
    for s in block.spans:
        if n >= len(s.text):
            n -= len(s.text)
            continue
        spans.append(Span(s.text[n:], s.bold, s.italic, s.kind, s.target))
        n = 0
    block.spans = respan(spans) or [Span("")]


def blocks_to_fragment_document(blocks: list[Block]) -> QTextDocument:
    """A scratch document holding `blocks`, to insert as a fragment."""
    doc = QTextDocument()
    fill_document(doc, blocks)
    return doc
