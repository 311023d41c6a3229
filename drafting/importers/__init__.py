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
    return build_result(analyse(doc, template, language), template, language)


__all__ = [
    "ImportResult",
    "MappingRow",
    "SUPPORTED_SUFFIXES",
    "format_mapping_table",
    "import_letter",
    "read_source",
    "remap",
]
