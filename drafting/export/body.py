"""The letter's body: title, sections, closing, signature and annexes as paragraphs.

Each block becomes one paragraph in a UN style: section headings `TitleH1`
(12 pt bold), the writers' subheadings `TitleH2` (10 pt bold), text
`SingleTxt`, lists `Bullet1`/`Bullet2`. Inline formatting is kept; every
document symbol found in a paragraph becomes a hyperlink to undocs.org
(DESIGN §6), through the pieces of `drafting.export.pieces`.

Typography is worked out on the whole paragraph text (so a rule sees its
context across a change of bold or italic) and applied inside each piece: a
fix that would cross a piece boundary is left out rather than move text
between formats.

A template of kind "report" is laid out as a UN report (DESIGN §6): a title
block (the agenda item, then "Report of the Secretary-General") instead of the
letter's title; chapters "I.", "II.", … in `TitleHCH` and the writers'
subheadings "A.", "B.", … (restarting in each chapter) in `TitleH1`, both with
the number hanging left of the text; body paragraphs numbered "1.", "2.", …
across the whole report; no closing formula and no signature.

A draft shows what is missing rather than hiding it: a required section with
no text keeps its heading and a highlighted marker, and text not assigned to
any section goes to a highlighted "draft annex" after the end of the letter
(a final export leaves it out).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from drafting.export.masthead import original_text
from drafting.export.pieces import Piece, ordinal_parts, split_for_links, typeset
from drafting.export.styles import HEADING_LABEL_GAP, LangInfo
from drafting.export.xmlutil import append_run_text, el, r, sort_props, sub, twips, w
from drafting.letter import Block, Letter, Metadata, Span
from drafting.letter_strings import report_title_lines
from drafting.locale_format import letter_title, masthead_strings
from drafting.templates.model import Template
from drafting.typography import typography_issues

_ROMAN_DIGITS = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                 (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
# Outline levels (0 = top), without a gap: screen readers and Word's
# navigation pane read the hierarchy from them.
TITLE_LEVEL = 0
SECTION_LEVEL = 1
# The rule that ends the document: 1 inch (twips) wide, 0.25 pt (eighths of a
# point), this far (pt) below the last paragraph, as on UN files.
END_RULE_WIDTH = 1440
END_RULE_SIZE = 2
END_RULE_BEFORE = 12.0


def roman(n: int) -> str:
    """`n` (1 or more) in upper-case roman numerals: 4 → "IV", 14 → "XIV"."""
    out = []
    for value, digits in _ROMAN_DIGITS:
        count, n = divmod(n, value)
        out.append(digits * count)
    return "".join(out)


def letter_label(n: int) -> str:
    """The label of the `n`-th lettered subheading: "A" … "Z", then "AA", "AB", …"""
    label = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        label = chr(ord("A") + rest) + label
    return label


def _keep_with_next(p: etree._Element) -> None:
    ppr = p.find(w("pPr"))
    if ppr is None:
        ppr = el("pPr")
        p.insert(0, ppr)
    if ppr.find(w("keepNext")) is None:
        sub(ppr, "keepNext")
        sort_props(ppr)


def _outline(p: etree._Element, level: int) -> etree._Element:
    """Give paragraph `p` an outline level (0 = top), in schema order in its pPr."""
    ppr = p.find(w("pPr"))
    if ppr is None:
        ppr = el("pPr")
        p.insert(0, ppr)
    sub(ppr, "outlineLvl", val=str(level))
    sort_props(ppr)
    return p


def report_title(meta: Metadata) -> str:
    """A report's title on one line ("The situation in Mali: Report of the Secretary-General")."""
    try:
        return ": ".join(report_title_lines(meta.language, meta.mission))
    except ValueError:
        return ""


def title_line(meta: Metadata) -> str:
    """The letter's title in its language, or "" without a date or a known organ."""
    title_date = meta.letter_date or meta.date
    if title_date is None:
        return ""
    try:
        return letter_title(title_date, meta.language, meta.organ or "security-council")
    except ValueError:
        return ""


class BodyWriter:
    """Appends the body of `letter` to a python-docx document."""

    def __init__(
        self,
        doc: DocxDocument,
        letter: Letter,
        template: Template,
        lang: LangInfo,
        *,
        draft: bool,
        paragraph_hook: Callable[[Block, etree._Element], None] | None = None,
    ) -> None:
        self.doc = doc
        # Told of every block's paragraph (the redline export maps them back).
        self.paragraph_hook = paragraph_hook
        self.letter = letter
        self.template = template
        self.lang = lang
        self.draft = draft
        self.strings = masthead_strings(lang.code)
        self.report = template.kind == "report"
        self.numbered = template.house_style.numbered_paragraphs or self.report
        self._number = 0
        self._subheading = 0  # lettered subheadings of the current report chapter
        self._body = doc.element.body
        self._sect_pr = self._body.find(w("sectPr"))

    # -- the document, top to bottom ----------------------------------------
    def write(self) -> None:
        """Title, sections, closing formula, signature, annexes, the end rule, then
        (in a draft) the annex of unassigned text.

        A report has its title block instead of the letter's title, numbered
        chapters and subheadings, and neither closing formula nor signature.
        Outline levels follow the document's hierarchy without a gap: the
        title 0, section headings 1, the writers' subheadings 2.
        """
        meta = self.letter.metadata
        if self.report:
            self._report_title()
        elif self.template.kind == "letter" and (title := title_line(meta)):
            self._add(_outline(self._paragraph("TitleHCH", [Span(title)], lead_tab=True),
                               TITLE_LEVEL))
        chapter = 0
        for section in self.letter.sections:
            blocks = [b for b in section.blocks if b.text.strip()]
            missing = not blocks and self.draft and self._required(section.id)
            if not blocks and not missing:
                continue
            self._subheading = 0
            heading = self._section_heading(section.id, section.heading)
            if heading and self.report:
                chapter += 1
                self._add(_outline(self._paragraph("TitleHCH", [Span(heading)],
                                                   label=f"{roman(chapter)}."), SECTION_LEVEL))
            elif heading:
                self._add(_outline(
                    self._paragraph("TitleH1", [Span(heading)], lead_tab=True), SECTION_LEVEL))
            if missing:
                # A reviewer must see what is not written yet, not a shorter letter.
                self._add(self._paragraph("SingleTxt", [Span(self.strings["section_missing"])],
                                          lead_tab=True))
            self._blocks(blocks, sub_level=SECTION_LEVEL + 1)
        # A report is neither closed nor signed, whatever its metadata holds.
        signature = meta.signatory.strip() and not self.report
        if not self.report and meta.closing.strip():
            closing = self._paragraph("SingleTxt", [Span(meta.closing)], lead_tab=True)
            if signature:
                _keep_with_next(closing)  # the formula never ends a page alone
            self._add(closing)
        if signature:
            text = f"{self.strings['signed_prefix']} {meta.signatory.strip()}"
            self._add(self._paragraph("Signature", [Span(text)]))
        self._annexes()
        last = self._sect_pr.getprevious() if self._sect_pr is not None else None
        if last is not None and last.tag == w("p") and last.find(w("pPr") + "/" + w("sectPr")) \
                is None:
            _keep_with_next(last)  # the rule never starts a page on its own
        self._add(self._end_rule())
        if self.draft:
            self._unassigned()

    def _required(self, section_id: str) -> bool:
        try:
            return self.template.section(section_id).required
        except KeyError:
            return False

    def _report_title(self) -> None:
        """The agenda item (`TitleHCH`), then "Report of the Secretary-General" (`TitleH1`)."""
        try:
            lines = report_title_lines(self.lang.code, self.letter.metadata.mission)
        except ValueError:
            return
        styles = ("TitleHCH", "TitleH1") if len(lines) > 1 else ("TitleH1",)
        for style, line in zip(styles, lines, strict=True):
            self._add(_outline(self._paragraph(style, [Span(line)], lead_tab=True),
                               TITLE_LEVEL))

    def _annexes(self) -> None:
        for index, annex in enumerate(self.letter.annexes):
            label = self.strings["annex"]
            if len(self.letter.annexes) > 1:
                label += " " + roman(index + 1)
            self._add(_outline(self._paragraph("TitleHCH", [Span(label)], lead_tab=True,
                                               page_break=True), SECTION_LEVEL))
            sub_level = SECTION_LEVEL + 1
            if annex.title.strip():
                self._add(_outline(self._paragraph("TitleH1", [Span(annex.title)],
                                                   lead_tab=True), sub_level))
                sub_level += 1
            if annex.original_language:
                line = f"[{original_text(annex.original_language, self.lang.code)}]"
                self._add(self._paragraph("SingleTxt", [Span(line)], jc="right"))
            self._blocks([b for b in annex.blocks if b.text.strip()], numbered=False,
                         sub_level=sub_level)

    def _unassigned(self) -> None:
        """Text no section holds, after the letter's end, in an annex marked as a draft's.

        It is not part of the letter (a final export leaves it out), so it is
        never printed where it would read as the letter's text.
        """
        unassigned = [b for b in self.letter.unassigned if b.text.strip()]
        if not unassigned:
            return
        self._add(_outline(self._paragraph("TitleHCH", [Span(self.strings["draft_annex"])],
                                           lead_tab=True, page_break=True, marked=True),
                           SECTION_LEVEL))
        self._blocks(unassigned, numbered=False, sub_level=SECTION_LEVEL + 1)

    def _end_rule(self) -> etree._Element:
        """The short centred rule that ends a UN document (1 inch, 0.25 pt).

        Drawn as the top border of an empty paragraph indented to one inch
        wide: no drawing object, and Word and LibreOffice draw it alike.
        """
        h = self.template.house_style
        width = h.page_width - h.margin_left - h.margin_right
        side = max((width - END_RULE_WIDTH) // 2, 0)
        p = el("p")
        props = sub(p, "pPr")
        sub(props, "pStyle", val="Normal")
        borders = sub(props, "pBdr")
        sub(borders, "top", val="single", sz=END_RULE_SIZE, space=1, color="000000")
        sub(props, "spacing", before=twips(END_RULE_BEFORE), after=0)
        sub(props, "ind", left=side, right=side)
        return p

    def _section_heading(self, section_id: str, fallback: str) -> str:
        try:
            return self.template.section(section_id).heading(self.lang.code)
        except KeyError:
            return fallback

    def _blocks(self, blocks: Iterable[Block], numbered: bool = True,
                sub_level: int = SECTION_LEVEL + 1) -> None:
        for block in blocks:
            if block.kind == "subheading" and self.report and numbered:
                self._subheading += 1
                p = _outline(self._paragraph("TitleH1", block.spans,
                                             label=f"{letter_label(self._subheading)}."),
                             sub_level)
            elif block.kind == "subheading":
                p = _outline(self._paragraph("TitleH2", block.spans, lead_tab=True), sub_level)
            elif block.kind == "bullet":
                style = "Bullet2" if block.level > 0 else "Bullet1"
                p = self._paragraph(style, block.spans)
            elif self.numbered and numbered:
                self._number += 1
                p = self._paragraph("SingleTxt", block.spans, number=self._number)
            else:
                p = self._paragraph("SingleTxt", block.spans, lead_tab=True)
            self._add(p)
            if self.paragraph_hook is not None:
                self.paragraph_hook(block, p)

    def _add(self, p: etree._Element) -> None:
        # The body's sectPr must stay the last child of w:body.
        if self._sect_pr is not None:
            self._sect_pr.addprevious(p)
        else:
            self._body.append(p)

    # -- one paragraph ---------------------------------------------------------
    def _paragraph(
        self,
        style: str,
        spans: list[Span],
        *,
        lead_tab: bool = False,
        number: int | None = None,
        label: str | None = None,
        page_break: bool = False,
        jc: str | None = None,
        marked: bool = False,
    ) -> etree._Element:
        """One paragraph of `spans` in `style`.

        `marked` highlights the whole text as a placeholder is (draft-only text).

        `number` makes a numbered body paragraph ("⇥12.⇥Text", hanging at the
        body indent); `label` a numbered heading ("⇥II.⇥Text": the label
        right-aligned just before the body indent, where the text starts).
        """
        p = el("p")
        props = sub(p, "pPr")
        sub(props, "pStyle", val=style)
        if page_break:
            sub(props, "pageBreakBefore")
        if label is not None:
            indent = self.template.house_style.body_indent
            tabs = sub(props, "tabs")
            sub(tabs, "tab", val="right", pos=max(indent - HEADING_LABEL_GAP, 0))
            sub(tabs, "tab", val="left", pos=indent)
        if number is not None:
            indent = self.template.house_style.body_indent
            sub(props, "ind", left=indent, hanging=indent)
        if jc:
            sub(props, "jc", val=jc)
        sort_props(props)
        if number is not None:
            p.append(self._run(f"\t{number}.\t", Piece("")))
        elif label is not None:
            p.append(self._run(f"\t{label}\t", Piece("")))
        elif lead_tab and style.startswith("Title"):
            # an unnumbered Title_ heading: an empty label at the style's right
            # tab, then the text at the body indent, as UN files type it
            p.append(self._run("\t\t", Piece("")))
        elif lead_tab:
            p.append(self._run("\t", Piece("")))
        text = "".join(s.text for s in spans)
        pieces = split_for_links(spans, self.lang.code)
        if marked:
            pieces = [replace(piece, placeholder=True) for piece in pieces]
        self._append_pieces(p, typeset(pieces, typography_issues(text, self.lang.code)))
        return p

    def _append_pieces(self, p: etree._Element, pieces: list[Piece]) -> None:
        link: etree._Element | None = None
        link_url: str | None = None
        for piece in pieces:
            if piece.url is None:
                link, link_url = None, None
                for text, raised in ordinal_parts(piece.text, self.lang.code):
                    p.append(self._run(text, piece, superscript=raised))
                continue
            if link is None or piece.url != link_url:
                link_url = piece.url
                link = sub(p, "hyperlink")
                rid = self.doc.part.relate_to(piece.url, RT.HYPERLINK, is_external=True)
                link.set(r("id"), rid)
                link.set(w("history"), "1")
            link.append(self._run(piece.text, piece, hyperlink=True))

    def _run(self, text: str, piece: Piece, hyperlink: bool = False,
             superscript: bool = False) -> etree._Element:
        run = el("r")
        props = el("rPr")
        if superscript:
            sub(props, "vertAlign", val="superscript")
        if hyperlink:
            sub(props, "rStyle", val="Hyperlink")
        elif piece.placeholder:
            sub(props, "rStyle", val="Placeholder")
            # Direct too: LibreOffice ignores a highlight set in a character style.
            sub(props, "highlight", val="yellow")
        if piece.bold:
            sub(props, "b")
            sub(props, "bCs")
        if piece.italic:
            sub(props, "i")
            sub(props, "iCs")
        if len(props):
            run.append(sort_props(props))
        append_run_text(run, text)
        return run

