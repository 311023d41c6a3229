"""The opening cites the mandate the template names (DESIGN §3.1, issue 14).

A letter carried over from the previous period keeps its opening, which may
still cite the resolution that was the mandate then ("resolution 2480 (2019),
in which the Council requested me …") while the template's mandate is
another (resolution 2531 (2020), paragraph 63). Codes:

* `reference.stale_mandate` (error; blocks a final version) — the opening
  cites another resolution as the source of the request — in a sentence that
  asks for the letter ("requested", "prié", "pidió" …) and does not cite the
  mandate — or cites other resolutions and never the mandate;
* `reference.mandate_missing` (warning) — the opening cites no resolution.

Only the section that restates the mandate is read (the one flagged
`restates_mandate`, else "opening"); other sections may cite older
resolutions freely.
"""

from __future__ import annotations

import re

from drafting.findings import Finding
from drafting.i18n import _
from drafting.letter import Letter
from drafting.references import SymbolRef, find_symbols
from drafting.templates.model import Template

# Words saying the Council asked for the letter, in the six languages.
_REQUEST_RE = re.compile(
    r"\b(?:request(?:s|ed)?|asked|called\s+(?:up)?on|invited)\b"
    r"|\b(?:pri[ée]e?s?|prie|demand[ée]e?s?|demande|invit[ée]e?s?)\b"
    r"|\b(?:solicit[óo]|solicita|pidi[óo]|pide)\b"
    r"|просил|просит|предложил|طلب|يطلب|请|要求",
    re.IGNORECASE,
)
_SENTENCE_RE = re.compile(r"[^.!?。؟]+[.!?。؟]?")
_SYMBOL_NUMBER_RE = re.compile(r"S/RES/(\d+)\((\d{4})\)")


def _spaceless(symbol: str) -> str:
    return re.sub(r"\s+", "", symbol)


def _resolution_name(symbol: str) -> str:
    """"S/RES/2531(2020)" → "2531 (2020)", as running text writes it."""
    m = _SYMBOL_NUMBER_RE.fullmatch(_spaceless(symbol))
    return f"{m.group(1)} ({m.group(2)})" if m else symbol


def _opening_id(letter: Letter, template: Template) -> str | None:
    for section in template.sections:
        if section.restates_mandate:
            return section.id
    return "opening" if "opening" in letter.section_ids() else None


def mandate_findings(letter: Letter, template: Template) -> list[Finding]:
    """`reference.stale_mandate` / `reference.mandate_missing` for the opening (see module)."""
    mandate = _spaceless(template.mandate_symbol)
    section_id = _opening_id(letter, template)
    if not mandate.startswith("S/RES/") or section_id is None:
        return []
    lang = letter.metadata.language
    blocks = letter.section(section_id).blocks
    cited: list[tuple[int, str, SymbolRef]] = []  # (paragraph, its text, resolution)
    stale: list[tuple[int, str, SymbolRef]] = []
    for index, block in enumerate(blocks):
        text = block.text
        if block.kind == "subheading" or not text.strip():
            continue
        refs = [r for r in find_symbols(text, lang) if r.symbol.startswith("S/RES/")]
        cited += [(index, block.id, r) for r in refs]
        for sentence in _SENTENCE_RE.finditer(text):
            inside = [r for r in refs if sentence.start() <= r.start < sentence.end()]
            if inside and _REQUEST_RE.search(sentence.group(0)) and all(
                    _spaceless(r.symbol) != mandate for r in inside):
                stale.append((index, block.id, inside[0]))
    if not any(text.strip() for text in (b.text for b in blocks)):
        return []  # an empty opening is `content.empty_section`'s business
    name = _resolution_name(mandate)
    if not cited:
        return [Finding(
            "reference.mandate_missing", "warning",
            _("The opening cites no resolution; it should cite the mandate, paragraph "
              "{paragraph} of resolution {mandate}.").format(
                paragraph=template.mandate_paragraph or "?", mandate=name),
            section=section_id)]
    if not stale and all(_spaceless(r.symbol) != mandate for _i, _b, r in cited):
        stale = cited[:1]
    return [
        Finding(
            "reference.stale_mandate", "error",
            _("The opening cites resolution {cited} as the source of the request, but the "
              "mandate is paragraph {paragraph} of resolution {mandate}.").format(
                cited=_resolution_name(ref.symbol),
                paragraph=template.mandate_paragraph or "?", mandate=name),
            section=section_id, paragraph=index, block_id=block_id, excerpt=ref.text)
        for index, block_id, ref in stale
    ]
