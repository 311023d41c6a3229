"""The UN styles of an export, built from the template's house style (DESIGN §6).

`StyleSheet` replaces python-docx's stock styles part with our own styles,
created by id (`SingleTxt`, `HCh`, `H1`, `H23`, `TitleHCH`, `Signature`,
`Bullet1`, …) with the metrics of `HouseStyle`, so an editor calibrates the
layout in the template and never in code. The numbering part (bullets) and the
document settings (mirrored headers, default tab stop, language) are set here
too, since they belong to the same "page and type" layer.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from drafting.export.xmlutil import el, half_points, sort_props, sub, twips, w
from drafting.templates.model import HouseStyle

# Paragraph-level text direction and scripts per letter language.
_LANG_TAGS = {
    "en": "en-GB",
    "fr": "fr-FR",
    "es": "es-ES",
    "ru": "ru-RU",
    "ar": "ar-SA",
    "zh": "zh-CN",
}

# Styles every export defines, by id; tests and the body writer rely on them.
STYLE_IDS: tuple[str, ...] = (
    "Normal", "SingleTxt", "HCh", "H1", "H23", "H4", "H56", "TitleHCH", "TitleH1",
    "TitleH23", "Bullet1", "Bullet2", "Signature", "Header", "Footer", "FootnoteText",
    "MastheadName", "MastheadOrgan", "MastheadSymbol", "MastheadDistr", "ReleaseDate",
    "Barcode", "JobNumber", "DraftMark", "Hyperlink", "Placeholder",
)

BULLET_NUM_ID = "1"
BARCODE_FONT = "Barcode 3 of 9 by request"
# Exact heights (pt) of the first-page footer's lines, so that the masthead
# module can make that footer reach the first page's taller bottom margin.
RELEASE_LINE = 12.0
BARCODE_BEFORE = 4.0
BARCODE_LINE = 10.5


@dataclass(frozen=True)
class LangInfo:
    """How a letter language is set in Word: its tag, direction and script."""

    code: str
    tag: str
    rtl: bool
    east_asian: bool


def lang_info(language: str) -> LangInfo:
    """Word language settings for a letter language (unknown → treated as English)."""
    code = language if language in _LANG_TAGS else "en"
    return LangInfo(code, _LANG_TAGS[code], code == "ar", code == "zh")


def tab_stops(house: HouseStyle, count: int = 11) -> list[int]:
    """Left tab stops every `tab_step` twips from the body indent (SingleTxt)."""
    return [house.body_indent + round(k * house.tab_step) for k in range(count)]


class StyleSheet:
    """Writes the styles, numbering and settings parts for one house style."""

    def __init__(self, house: HouseStyle, language: str) -> None:
        self.house = house
        self.lang = lang_info(language)

    # -- styles part ---------------------------------------------------
    def build_styles(self, styles: etree._Element) -> None:
        """Replace every child of a `w:styles` element with our own styles."""
        for child in list(styles):
            styles.remove(child)
        styles.append(self._doc_defaults())
        for style in self._styles():
            styles.append(style)

    def _doc_defaults(self) -> etree._Element:
        h = self.house
        defaults = el("docDefaults")
        rpr = sub(sub(defaults, "rPrDefault"), "rPr")
        for child in self._font_props(h.body_size):
            rpr.append(child)
        sub(rpr, "lang", val=self.lang.tag, eastAsia="zh-CN", bidi="ar-SA")
        sort_props(rpr)
        ppr = sub(sub(defaults, "pPrDefault"), "pPr")
        sub(ppr, "spacing", after=0, line=twips(h.body_line), lineRule="exact")
        return defaults

    def _font_props(self, size: float) -> list[etree._Element]:
        h = self.house
        fonts = el(
            "rFonts", ascii=h.font, hAnsi=h.font, cs=h.font_complex, eastAsia=h.font_east_asia
        )
        return [fonts, el("sz", val=half_points(size)), el("szCs", val=half_points(size))]

    def _styles(self) -> list[etree._Element]:
        h = self.house
        stops = tab_stops(h)
        body_ind = {"left": h.body_indent, "right": h.body_indent}
        title_ind = {**body_ind, "hanging": h.body_indent}
        six = 6.0
        normal_ppr = [el("suppressAutoHyphens"), _spacing(after=0, line=h.body_line)]
        normal_rpr = self._font_props(h.body_size)
        if self.lang.rtl:
            normal_ppr.append(el("bidi"))
            normal_rpr.append(el("rtl"))
        styles = [
            _style("paragraph", "Normal", "Normal", ppr=normal_ppr, rpr=normal_rpr,
                   default=True, custom=False),
            _style("character", "DefaultParagraphFont", "Default Paragraph Font",
                   default=True, custom=False, hidden=True),
            _table_normal(),
            _style("numbering", "NoList", "No List", default=True, custom=False, hidden=True),
            _style("paragraph", "SingleTxt", "Single Txt", "Normal", "SingleTxt",
                   ppr=[_tabs(stops), _spacing(after=h.space_after), _ind(**body_ind),
                        el("jc", val="both")]),
            _style("paragraph", "H1", "H 1", "Normal", "SingleTxt",
                   ppr=[el("keepNext"), el("keepLines"),
                        _spacing(before=2 * six, after=2 * six, line=h.h1_line),
                        el("outlineLvl", val=0)],
                   rpr=self._bold(h.h1_size)),
            _style("paragraph", "HCh", "H Ch", "H1", "SingleTxt",
                   ppr=[_spacing(before=2 * six, after=2 * six, line=h.hch_line)],
                   rpr=[el("sz", val=half_points(h.hch_size)),
                        el("szCs", val=half_points(h.hch_size))]),
            _style("paragraph", "H23", "H 2/3", "H1", "SingleTxt",
                   ppr=[_spacing(before=six, after=six, line=h.h23_line),
                        el("outlineLvl", val=1)],
                   rpr=[el("sz", val=half_points(h.h23_size)),
                        el("szCs", val=half_points(h.h23_size))]),
            _style("paragraph", "H4", "H 4", "Normal", "SingleTxt",
                   ppr=[el("keepNext"), el("keepLines"), _spacing(before=six, after=six),
                        el("outlineLvl", val=3)],
                   rpr=[el("i"), el("iCs")]),
            _style("paragraph", "H56", "H 5/6", "Normal", "SingleTxt",
                   ppr=[el("keepNext"), el("keepLines"), _spacing(before=six, after=six),
                        el("outlineLvl", val=4)]),
            _style("paragraph", "TitleHCH", "Title H Ch", "HCh", "SingleTxt",
                   ppr=[_tabs([h.body_indent]), _ind(**title_ind)]),
            _style("paragraph", "TitleH1", "Title H 1", "H1", "SingleTxt",
                   ppr=[_tabs([h.body_indent]), _ind(**title_ind)]),
            _style("paragraph", "TitleH23", "Title H 2/3", "H23", "SingleTxt",
                   ppr=[_tabs([h.body_indent]), _ind(**title_ind)]),
            _style("paragraph", "Bullet1", "Bullet 1", "Normal", "Bullet1",
                   ppr=[_num(0), _spacing(after=h.space_after), self._bullet_ind(0),
                        el("jc", val="both")]),
            _style("paragraph", "Bullet2", "Bullet 2", "Normal", "Bullet2",
                   ppr=[_num(1), _spacing(after=h.space_after), self._bullet_ind(1),
                        el("jc", val="both")]),
            _style("paragraph", "Signature", "Signature", "Normal", "SingleTxt",
                   ppr=[el("keepLines"), _spacing(before=4 * six, after=2 * six),
                        _ind(**body_ind), el("jc", val="right")], custom=False),
            _style("paragraph", "Header", "header", "Normal",
                   ppr=[_spacing(after=0, line=h.header_size + 2)],
                   rpr=[el("noProof"), el("sz", val=half_points(h.header_size)),
                        el("szCs", val=half_points(h.header_size))], custom=False),
            _style("paragraph", "Footer", "footer", "Normal",
                   ppr=[_spacing(after=0, line=h.footer_size + 2)],
                   rpr=[el("b"), el("bCs"), el("noProof"),
                        el("sz", val=half_points(h.footer_size)),
                        el("szCs", val=half_points(h.footer_size))], custom=False),
            _style("paragraph", "FootnoteText", "footnote text", "Normal",
                   ppr=[_spacing(line=h.footnote_line), _ind(left=475, hanging=475)],
                   rpr=[el("sz", val=half_points(h.footnote_size)),
                        el("szCs", val=half_points(h.footnote_size))], custom=False),
            _style("paragraph", "MastheadName", "Masthead name", "Normal",
                   ppr=[_spacing(after=4.0, auto=True)],
                   rpr=[el("sz", val=half_points(h.masthead_un_size)),
                        el("szCs", val=half_points(h.masthead_un_size))]),
            _style("paragraph", "MastheadOrgan", "Masthead organ", "Normal",
                   ppr=[_spacing(before=6.0, line=h.masthead_organ_size * 0.975)],
                   rpr=self._bold(h.masthead_organ_size)),
            _style("paragraph", "MastheadSymbol", "Masthead symbol", "Normal",
                   ppr=[_spacing(after=4.0, auto=True), el("jc", val="right")]),
            _style("paragraph", "MastheadDistr", "Masthead distribution", "Normal",
                   ppr=[_spacing(after=0, auto=True)]),
            _style("paragraph", "ReleaseDate", "Release date", "Normal",
                   ppr=[_spacing(after=0, line=RELEASE_LINE)]),
            _style("paragraph", "Barcode", "Barcode", "Footer",
                   ppr=[_spacing(before=BARCODE_BEFORE, line=BARCODE_LINE)],
                   rpr=[el("rFonts", ascii=BARCODE_FONT, hAnsi=BARCODE_FONT),
                        el("sz", val=24), el("szCs", val=24)]),
            _style("paragraph", "JobNumber", "Job number", "Footer",
                   rpr=[el("b", val=0), el("bCs", val=0),
                        el("sz", val=half_points(h.job_size)),
                        el("szCs", val=half_points(h.job_size))]),
            _style("paragraph", "DraftMark", "Draft mark", "Header",
                   ppr=[_spacing(after=3.0, auto=True), el("jc", val="center")],
                   rpr=[el("b"), el("bCs"), el("caps"), el("color", val="C00000"),
                        el("spacing", val=20)]),
            _style("character", "Hyperlink", "Hyperlink", "DefaultParagraphFont",
                   rpr=[el("color", val="0000FF")], custom=False),
            _style("character", "Placeholder", "Placeholder", "DefaultParagraphFont",
                   rpr=[el("highlight", val="yellow")]),
        ]
        return styles

    def _bullet_step(self) -> int:
        """How far each bullet level indents: a letter's first-line indent.

        A numbered report has no first-line indent (0); its bullets step by
        the tab step instead, so the glyph never touches the text.
        """
        return self.house.first_line or self.house.tab_step

    def _bullet_ind(self, level: int) -> etree._Element:
        h, step = self.house, self._bullet_step()
        left = h.body_indent + (level + 1) * step
        return _ind(left=left, right=h.body_indent, hanging=step)

    def _bold(self, size: float) -> list[etree._Element]:
        return [el("b"), el("bCs"), el("sz", val=half_points(size)),
                el("szCs", val=half_points(size))]

    # -- numbering part ------------------------------------------------
    def build_numbering(self, numbering: etree._Element) -> None:
        """Replace the numbering definitions with our two bullet levels.

        Level 1 is "•", level 2 an en dash (DESIGN §6); the text starts where a
        letter paragraph's first line does, so lists line up with the prose.
        """
        for child in list(numbering):
            numbering.remove(child)
        h = self.house
        abstract = sub(numbering, "abstractNum", abstractNumId=0)
        sub(abstract, "multiLevelType", val="multilevel")
        for level, (glyph, style) in enumerate((("\u2022", "Bullet1"), ("\u2013", "Bullet2"))):
            lvl = sub(abstract, "lvl", ilvl=level)
            sub(lvl, "start", val=1)
            sub(lvl, "numFmt", val="bullet")
            sub(lvl, "pStyle", val=style)
            sub(lvl, "lvlText", val=glyph)
            sub(lvl, "lvlJc", val="left")
            ppr = sub(lvl, "pPr")
            ppr.append(_tabs([h.body_indent + (level + 1) * self._bullet_step()]))
            # The whole indent is repeated here: LibreOffice takes the indent
            # from the list level and would drop the style's right indent.
            ppr.append(self._bullet_ind(level))
            rpr = sub(lvl, "rPr")
            sub(rpr, "rFonts", ascii=h.font, hAnsi=h.font, cs=h.font_complex, hint="default")
        num = sub(numbering, "num", numId=BULLET_NUM_ID)
        sub(num, "abstractNumId", val=0)

    # -- settings part -------------------------------------------------
    def configure_settings(self, settings: etree._Element) -> None:
        """Mirrored headers, UN tab stop, letter language; no stale proofing state."""
        for tag in ("proofState", "savePreviewPicture", "rsids", "defaultTabStop",
                    "evenAndOddHeaders"):
            for found in settings.findall(w(tag)):
                settings.remove(found)
        position = _settings_index(settings)
        settings.insert(position, el("defaultTabStop", val=self.house.tab_step))
        settings.insert(position + 1, el("evenAndOddHeaders"))
        decimal, separator = (",", ";") if self.lang.code in ("fr", "es", "ru") else (".", ",")
        # python-docx's stock settings carry these three; values are changed in
        # place so that the schema order of the part is kept.
        _set_or_append(settings, "themeFontLang", val=self.lang.tag, eastAsia="zh-CN",
                       bidi="ar-SA")
        _set_or_append(settings, "decimalSymbol", val=decimal)
        _set_or_append(settings, "listSeparator", val=separator)
        # Word 2013+ layout, as in the UN's own files (python-docx ships 14).
        for setting in settings.iterfind(f"{w('compat')}/{w('compatSetting')}"):
            if setting.get(w("name")) == "compatibilityMode":
                setting.set(w("val"), "15")


def _set_or_append(settings: etree._Element, tag: str, **values: str) -> None:
    found = settings.find(w(tag))
    if found is None:
        found = sub(settings, tag)
    for name, value in values.items():
        found.set(w(name), value)


def _settings_index(settings: etree._Element) -> int:
    """Where defaultTabStop goes: after zoom and the other leading settings."""
    leading = {w(t) for t in ("writeProtection", "view", "zoom", "removePersonalInformation",
                              "removeDateAndTime", "doNotDisplayPageBoundaries",
                              "displayBackgroundShape", "printPostScriptOverText",
                              "printFractionalCharacterWidth", "printFormsData",
                              "embedTrueTypeFonts", "embedSystemFonts", "saveSubsetFonts",
                              "saveFormsData", "mirrorMargins", "alignBordersAndEdges",
                              "bordersDoNotSurroundHeader", "bordersDoNotSurroundFooter",
                              "gutterAtTop", "hideSpellingErrors", "hideGrammaticalErrors",
                              "activeWritingStyle", "proofState", "formsDesign",
                              "attachedTemplate", "linkStyles", "stylePaneFormatFilter",
                              "stylePaneSortMethod", "documentType", "mailMerge",
                              "revisionView", "trackRevisions", "doNotTrackMoves",
                              "doNotTrackFormatting", "documentProtection",
                              "autoFormatOverride", "styleLockTheme", "styleLockQFSet")}
    index = 0
    for i, child in enumerate(settings):
        if child.tag in leading:
            index = i + 1
    return index


def _style(
    kind: str,
    style_id: str,
    name: str,
    based_on: str | None = None,
    next_style: str | None = None,
    *,
    ppr: list[etree._Element] | None = None,
    rpr: list[etree._Element] | None = None,
    default: bool = False,
    custom: bool = True,
    hidden: bool = False,
) -> etree._Element:
    style = el("style", type=kind, styleId=style_id)
    if default:
        style.set(w("default"), "1")
    if custom:
        style.set(w("customStyle"), "1")
    sub(style, "name", val=name)
    if based_on:
        sub(style, "basedOn", val=based_on)
    if next_style:
        sub(style, "next", val=next_style)
    if hidden:
        sub(style, "semiHidden")
        sub(style, "unhideWhenUsed")
    else:
        sub(style, "qFormat")
    if ppr:
        props = sub(style, "pPr")
        for child in ppr:
            props.append(child)
        sort_props(props)
    if rpr:
        props = sub(style, "rPr")
        for child in rpr:
            props.append(child)
        sort_props(props)
    return style


def _table_normal() -> etree._Element:
    style = _style("table", "TableNormal", "Normal Table", default=True, custom=False,
                   hidden=True)
    tblpr = sub(style, "tblPr")
    sub(tblpr, "tblInd", w=0, type="dxa")
    margins = sub(tblpr, "tblCellMar")
    for side, width in (("top", 0), ("left", 108), ("bottom", 0), ("right", 108)):
        sub(margins, side, w=width, type="dxa")
    return style


def _spacing(
    before: float | None = None,
    after: float | None = None,
    line: float | None = None,
    auto: bool = False,
) -> etree._Element:
    """A `w:spacing`: before/after in points, an exact line height in points."""
    spacing = el("spacing")
    if before is not None:
        spacing.set(w("before"), twips(before))
    if after is not None:
        spacing.set(w("after"), twips(after))
    if line is not None:
        spacing.set(w("line"), twips(line))
        spacing.set(w("lineRule"), "exact")
    elif auto:
        spacing.set(w("line"), "240")
        spacing.set(w("lineRule"), "auto")
    return spacing


def _ind(**values: int) -> etree._Element:
    return el("ind", {k: v for k, v in values.items() if v is not None})


def _tabs(stops: list[int]) -> etree._Element:
    tabs = el("tabs")
    for position in stops:
        sub(tabs, "tab", val="left", pos=position)
    return tabs


def _num(level: int) -> etree._Element:
    num = el("numPr")
    sub(num, "ilvl", val=level)
    sub(num, "numId", val=BULLET_NUM_ID)
    return num
