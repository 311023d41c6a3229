"""Previous letters imported from DOCX or plain text, mapped onto a template.

`import_letter(path, template, language)` reads the file (by extension),
maps its headings onto the template's sections and returns an
`ImportResult`: the letter, one `MappingRow` per heading and notices. Text
that matches no section is kept in the letter's "unassigned" area, never
dropped. `remap` moves one heading to another section; `format_mapping_table`
prints the mapping for the CLI. Carrying a previous letter forward into the
next period lives in `drafting.importers.carry`.
"""

from __future__ import annotations

import re
from pathlib import Path

from drafting.errors import ImportFileError
from drafting.i18n import _
from drafting.importers.assemble import (
    ImportResult,
    MappingRow,
    build_result,
    format_mapping_table,
    remap,
)
from drafting.importers.docx_reader import read_docx_file
from drafting.importers.mapping import analyse
from drafting.importers.source import SourceDocument
from drafting.importers.text_reader import read_text_file
from drafting.templates.model import Template

SUPPORTED_SUFFIXES = (".docx", ".txt")


def read_source(path: str | Path) -> SourceDocument:
    """The paragraphs of a .docx or .txt file; ImportFileError for anything else."""
    p = Path(path)
    if not p.is_file():
        raise ImportFileError(_("File not found: {path}").format(path=p))
    suffix = p.suffix.lower()
    if suffix == ".docx":
        return read_docx_file(p)
    if suffix == ".txt":
        return read_text_file(p)
    raise ImportFileError(
        _("Cannot import {name}: use a Word file (.docx) or a text file (.txt); "
          "for a PDF, save its text as .txt first.").format(name=p.name)
    )


def import_letter(path: str | Path, template: Template, language: str) -> ImportResult:
    """Read a previous letter and map it onto `template`'s sections in `language`.

    Raises ImportFileError for a missing, unsupported, oversized, corrupt or
    foreign file (one plain sentence), TemplateError when the template has no
    `language` version. The source file is only read.
    """
    doc = read_source(path)
    if not doc.paragraphs:
        raise ImportFileError(
            _("{name} contains no text to import.").format(name=Path(path).name)
        )
    result = build_result(analyse(doc, template, language), template, language)
    found = written_in(doc)
    if found and found != language.split("-")[0].split("_")[0].lower():
        from drafting.i18n import current_language
        from drafting.letter_strings import language_name

        shown = current_language()
        result.notices.append(_(
            "{name} reads as {found}, but the new draft is in {chosen}: its text stays as "
            "written, and the template's own texts (headings, opening) are in {chosen}. "
            "Import it in {found} if that is the letter's language.").format(
                name=Path(path).name, found=language_name(found, shown),
                chosen=language_name(language, shown)))
    return result


# Above this share of a language's grammatical words, and half again any other's,
# a text is written in that language.
_LANGUAGE_SHARE = 0.12


def written_in(doc: SourceDocument) -> str:
    """The language most of `doc`'s words are grammatical words of ("en", "fr",
    "es", "ru"), or "" when none clearly is (Arabic and Chinese are told apart
    by their scripts elsewhere, and short texts say too little)."""
    from drafting.checks.stemmers import fold, is_stopword

    words = [fold(w) for p in doc.paragraphs for w in re.findall(r"[^\W\d_]+", p.text)][:4000]
    if len(words) < 40:
        return ""
    shares = {lang: sum(1 for w in words if is_stopword(w, lang)) / len(words)
              for lang in ("en", "fr", "es", "ru")}
    best = max(shares, key=lambda lang: shares[lang])
    runner_up = max(v for lang, v in shares.items() if lang != best)
    if shares[best] >= _LANGUAGE_SHARE and shares[best] >= 1.5 * runner_up:
        return best
    return ""


__all__ = [
    "ImportResult",
    "MappingRow",
    "SUPPORTED_SUFFIXES",
    "format_mapping_table",
    "import_letter",
    "read_source",
    "remap",
]
