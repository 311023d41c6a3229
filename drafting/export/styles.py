"""The UN styles of an export, built from the template's house style (DESIGN §6).

`StyleSheet` replaces python-docx's stock styles part with our own styles,
created by id (`SingleTxt`, `HCh`, `H1`, `H23`, `TitleHCH`, `TitleH1`,
`TitleH2`, `Signature`, `Bullet1`, …) with the metrics of `HouseStyle`, so an
editor calibrates the layout in the template and never in code. The UN
styles carry the UN's own names (`UN_STYLE_NAMES`: "__Single Txt", "_ H_1",
…) because Word merges styles by name: pasted into a UN document, our text
takes the UN template's styles instead of bringing look-alikes.

Every property list is sorted into schema order, and style run properties
hold only what the schema allows there (no highlight, no w:rtl): every export
validates against the Open XML SDK's rules (tests/drafting/test_export_valid.py). The numbering part (bullets) and the
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
    "TitleH2", "Bullet1", "Bullet2", "Signature", "Header", "Footer", "FootnoteText",
    "MastheadName", "MastheadOrgan", "MastheadEmblem", "MastheadSymbol", "MastheadDistr",
    "ReleaseDate", "Barcode", "JobNumber", "DraftMark", "Hyperlink", "Placeholder",
)
# The UN styles Word merges by name when a document meets the UN template:
# these ids must carry exactly these names (checked against UN files in tests).
UN_STYLE_NAMES: dict[str, str] = {
    "SingleTxt": "__Single Txt",
    "H1": "_ H_1",
    "HCh": "_ H _Ch",
    "H23": "_ H_2/3",
    "H4": "_ H_4",
    "H56": "_ H_5/6",
    "TitleHCH": "Title_H_CH",
    "TitleH1": "Title_H1",
    "TitleH2": "Title_H2",
    "Bullet1": "Bullet 1",
    "Bullet2": "Bullet 2",
}
# Kerning from this size up (pt), as UN text and heading styles have it.
KERN_FROM = 7.0
# A numbered heading's label ends this far (twips) before the body indent.
HEADING_LABEL_GAP = 245
PLACEHOLDER_FILL = "FFFF00"

BULLET_NUM_ID = "1"
# The UN's Bullet 1 glyph: the Symbol font's bullet (its private-use code
# point, as Word writes it), at the house style's bullet size (7 pt). At that
# size a text font's "•" is a dot; Symbol's is a bullet. LibreOffice maps it
# to OpenSymbol.
BULLET_FONT = "Symbol"
BULLET_GLYPH = "\uf0b7"
BARCODE_FONT = "Barcode 3 of 9 by request"
# Exact heights (pt) of the first-page footer's lines.
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

    def _fonts(self) -> etree._Element:
        h = self.house
        return el("rFonts", ascii=h.font, hAnsi=h.font, cs=h.font_complex,
                  eastAsia=h.font_east_asia)

    def _font_props(self, size: float) -> list[etree._Element]:
        return [self._fonts(), el("sz", val=half_points(size)), el("szCs", val=half_points(size))]

    def _styles(self) -> list[etree._Element]:
        h = self.house
        stops = tab_stops(h)
        body_ind = {"left": h.body_indent, "right": h.body_indent}
        # Title_* headings: the label (if any) right-aligned before the body
        # indent, the text at it, as the UN's own Title_ styles do.
        title_tabs = [("right", h.body_indent - HEADING_LABEL_GAP), *(("left", s) for s in stops)]
        title_ind = {**body_ind, "hanging": h.body_indent}
        six = 6.0
        normal_ppr = [_spacing(after=0, line=h.body_line)]
        if not h.hyphenate:
            normal_ppr.append(el("suppressAutoHyphens"))
        if self.lang.rtl:
            # Direction of runs (w:rtl) is not a style property in the
            # schema: bidi.py writes it on every run.
            normal_ppr.append(el("bidi"))
        normal_rpr = [*self._font_props(h.body_size),
                      el("spacing", val=twips(h.char_spacing)), el("w", val=h.char_width)]
        styles = [
            _style("paragraph", "Normal", "Normal", ppr=normal_ppr, rpr=normal_rpr,
                   default=True, custom=False),
            _style("character", "DefaultParagraphFont", "Default Paragraph Font",
                   default=True, custom=False, hidden=True),
            _table_normal(),
            _style("numbering", "NoList", "No List", default=True, custom=False, hidden=True),
            _style("paragraph", "SingleTxt", "__Single Txt", "Normal", "SingleTxt",
                   ppr=[_tabs(stops), _spacing(after=h.space_after), _ind(**body_ind),
                        el("jc", val="both")],
                   rpr=[_kern()]),
            _style("paragraph", "H1", "_ H_1", "Normal", "SingleTxt",
                   ppr=[el("keepNext"), el("keepLines"),
                        _spacing(before=2 * six, after=2 * six, line=h.h1_line),
                        el("outlineLvl", val=0)],
                   rpr=[*self._bold(h.h1_size), _kern()]),
            _style("paragraph", "HCh", "_ H _Ch", "H1", "SingleTxt",
                   ppr=[_spacing(before=2 * six, after=2 * six, line=h.hch_line)],
                   rpr=[el("spacing", val=-2), *self._size(h.hch_size)]),
            _style("paragraph", "H23", "_ H_2/3", "H1", "SingleTxt",
                   ppr=[_spacing(before=six, after=six, line=h.h23_line),
                        el("outlineLvl", val=1)],
                   rpr=[el("spacing", val=2), *self._size(h.h23_size)]),
            _style("paragraph", "H4", "_ H_4", "Normal", "SingleTxt",
                   ppr=[el("keepNext"), el("keepLines"), _spacing(before=six, after=six),
                        el("outlineLvl", val=3)],
                   rpr=[el("i"), el("iCs"), el("spacing", val=3), _kern()]),
            _style("paragraph", "H56", "_ H_5/6", "Normal", "SingleTxt",
                   ppr=[el("keepNext"), el("keepLines"), _spacing(before=six, after=six),
                        el("outlineLvl", val=4)],
                   rpr=[_kern()]),
            _style("paragraph", "TitleHCH", "Title_H_CH", "HCh", "SingleTxt",
                   ppr=[_tabs(title_tabs), _ind(**title_ind)]),
            _style("paragraph", "TitleH1", "Title_H1", "H1", "SingleTxt",
                   ppr=[_tabs(title_tabs), _ind(**title_ind)]),
            _style("paragraph", "TitleH2", "Title_H2", "H23", "SingleTxt",
                   ppr=[_tabs(title_tabs), _ind(**title_ind)]),
            _style("paragraph", "Bullet1", "Bullet 1", "Normal",
                   ppr=[_num(0), _spacing(after=h.space_after), self._bullet_ind(0),
                        el("jc", val="both")]),
            _style("paragraph", "Bullet2", "Bullet 2", "Normal",
                   ppr=[_num(1), _spacing(after=h.space_after), self._bullet_ind(1),
                        el("jc", val="both")]),
            _style("paragraph", "Signature", "Signature", "Normal", "SingleTxt",
                   ppr=[el("keepLines"), _spacing(before=4 * six, after=2 * six),
                        _ind(**body_ind), el("jc", val="right")], custom=False),
            # Header and footer are not based on Normal (as in UN files), so
            # the page furniture is set at the type's own width.
            _style("paragraph", "Header", "header",
                   ppr=[_spacing(after=0, auto=True)],
                   rpr=[self._fonts(), el("noProof"), *self._size(h.header_size)],
                   custom=False),
            _style("paragraph", "Footer", "footer",
                   ppr=[_spacing(after=0, auto=True)],
                   rpr=[self._fonts(), el("b"), el("bCs"), el("noProof"),
                        *self._size(h.footer_size)], custom=False),
            _style("paragraph", "FootnoteText", "footnote text", "Normal",
                   ppr=[_spacing(line=h.footnote_line), _ind(left=475, hanging=475)],
                   rpr=[el("spacing", val=5), el("w", val=104), *self._size(h.footnote_size)],
                   custom=False),
            # The masthead's own widths and spacing are measured on UN files.
            _style("paragraph", "MastheadName", "Masthead name", "Normal",
                   ppr=[_spacing(after=4.0, auto=True)],
                   rpr=[el("spacing", val=2), el("w", val=96),
                        *self._size(h.masthead_un_size)]),
            _style("paragraph", "MastheadOrgan", "Masthead organ", "Normal",
                   ppr=[_spacing(before=6.0, line=h.masthead_organ_size * 0.975)],
                   rpr=[*self._bold(h.masthead_organ_size), el("spacing", val=-4),
                        el("w", val=98)]),
            _style("paragraph", "MastheadEmblem", "Masthead emblem", "Header",
                   ppr=[_spacing(before=6.0, auto=True), el("jc", val="center")]),
            _style("paragraph", "MastheadSymbol", "Masthead symbol", "Normal",
                   ppr=[_spacing(after=4.0, auto=True), el("jc", val="right")]),
            _style("paragraph", "MastheadDistr", "Masthead distribution", "Normal",
                   ppr=[_spacing(after=0, auto=True)]),
            _style("paragraph", "ReleaseDate", "ReleaseDate", "Normal",
                   ppr=[_spacing(after=0, line=RELEASE_LINE)]),
            _style("paragraph", "Barcode", "Barcode", "Footer",
                   ppr=[_spacing(before=BARCODE_BEFORE, line=BARCODE_LINE)],
                   rpr=[el("rFonts", ascii=BARCODE_FONT, hAnsi=BARCODE_FONT),
                        el("sz", val=24), el("szCs", val=24)]),
            _style("paragraph", "JobNumber", "Job number", "Footer",
                   rpr=[el("b", val=0), el("bCs", val=0), *self._size(h.job_size)]),
            _style("paragraph", "DraftMark", "Draft mark", "Header",
                   ppr=[_spacing(after=3.0, auto=True), el("jc", val="center")],
                   rpr=[el("b"), el("bCs"), el("caps"), el("color", val="C00000"),
                        el("spacing", val=20)]),
            _style("character", "Hyperlink", "Hyperlink", "DefaultParagraphFont",
                   rpr=[el("color", val="0000FF"), el("u", val="none")], custom=False),
            # Highlight is a run property only (the schema has none in a
            # style): the style shades, and the run writer highlights too.
            _style("character", "Placeholder", "Placeholder", "DefaultParagraphFont",
                   rpr=[el("shd", val="clear", color="auto", fill=PLACEHOLDER_FILL)]),
        ]
        return styles

    def _bullet_ind(self, level: int) -> etree._Element:
        h = self.house
        left = h.bullet_indent2 if level else h.bullet_indent
        return _ind(left=left, right=h.body_indent, hanging=h.bullet_hanging)

    def _size(self, size: float) -> list[etree._Element]:
        return [el("sz", val=half_points(size)), el("szCs", val=half_points(size))]

    def _bold(self, size: float) -> list[etree._Element]:
        return [el("b"), el("bCs"), *self._size(size)]

    # -- numbering part ------------------------------------------------
    def build_numbering(self, numbering: etree._Element) -> None:
        """Replace the numbering definitions with one list per bullet style.

        `Bullet 1` is the UN's 7 pt Symbol bullet, `Bullet 2` an en dash
        (DESIGN §6); each hangs `bullet_hanging` left of where its text starts
        (`bullet_indent`, `bullet_indent2`), as measured on UN files, which
        also give each bullet style a list of its own.
        """
        for child in list(numbering):
            numbering.remove(child)
        h = self.house
        lists = ((BULLET_GLYPH, "Bullet1", h.bullet_size), ("\u2013", "Bullet2", None))
        for index, (glyph, style, size) in enumerate(lists):
            abstract = sub(numbering, "abstractNum", abstractNumId=index)
            sub(abstract, "multiLevelType", val="singleLevel")
            lvl = sub(abstract, "lvl", ilvl=0)
            sub(lvl, "start", val=1)
            sub(lvl, "numFmt", val="bullet")
            sub(lvl, "pStyle", val=style)
            sub(lvl, "lvlText", val=glyph)
            sub(lvl, "lvlJc", val="left")
            ppr = sub(lvl, "pPr")
            ppr.append(_tabs([h.bullet_indent2 if index else h.bullet_indent]))
            # The whole indent is repeated here: LibreOffice takes the indent
            # from the list level and would drop the style's right indent.
            ppr.append(self._bullet_ind(index))
            rpr = sub(lvl, "rPr")
            if glyph == BULLET_GLYPH:
                sub(rpr, "rFonts", ascii=BULLET_FONT, hAnsi=BULLET_FONT, hint="default")
            else:
                sub(rpr, "rFonts", ascii=h.font, hAnsi=h.font, cs=h.font_complex,
                    hint="default")
            if size is not None:
                sub(rpr, "sz", val=half_points(size))
                sub(rpr, "szCs", val=half_points(size))
        for index in range(len(lists)):
            num = sub(numbering, "num", numId=_bullet_num_id(index))
            sub(num, "abstractNumId", val=index)

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


def _tabs(stops: list[int] | list[tuple[str, int]]) -> etree._Element:
    """Tab stops: positions (left tabs) or (alignment, position) pairs."""
    tabs = el("tabs")
    for stop in stops:
        kind, position = stop if isinstance(stop, tuple) else ("left", stop)
        sub(tabs, "tab", val=kind, pos=position)
    return tabs


def _kern() -> etree._Element:
    return el("kern", val=half_points(KERN_FROM))


def _bullet_num_id(level: int) -> str:
    return str(int(BULLET_NUM_ID) + level)


def _num(level: int) -> etree._Element:
    """The list of bullet style `level` (0: Bullet 1, 1: Bullet 2), each its own."""
    num = el("numPr")
    sub(num, "ilvl", val=0)
    sub(num, "numId", val=_bullet_num_id(level))
    return num
