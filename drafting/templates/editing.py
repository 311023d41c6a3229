"""The template editor's file work, without widgets: listing, copying, writing,
importing, and the sample letter the Preview exports.

Kept free of Qt so its rules (where a user template goes, what an import may
replace) read in one place and can be tested on their own.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

from drafting import paths
from drafting.atomic import write_atomic as write_atomic
from drafting.errors import TemplateError
from drafting.i18n import _
from drafting.letter import Block, Letter
from drafting.templates.catalog import (
    MAX_TEMPLATE_BYTES,
    create_letter,
    load_template,
    parse_template,
    template_to_xml,
    validate_template_bytes,
)
from drafting.templates.model import Requirement, Template, TemplateSection

_ID_RE = re.compile(r"[a-z0-9][a-z0-9._\-]*")


def list_template_files(
    user_dir: Path | None = None, problems: list[str] | None = None
) -> list[Template]:
    """Every template file, shipped first then the user's, each sorted by id.

    Unlike `discover_templates` this keeps a shipped template that a user
    copy overrides, so the editor can show both. Invalid files are skipped
    and their problems appended to `problems`.
    """
    folders = [(paths.shipped_templates_dir(), "shipped"),
               (user_dir if user_dir is not None else paths.user_templates_dir(), "user")]
    out: list[Template] = []
    for folder, origin in folders:
        if not folder.is_dir():
            continue
        found: list[Template] = []
        for file in sorted(folder.glob("*.xml")):
            try:
                found.append(load_template(file, origin=origin))
            except TemplateError as exc:
                if problems is not None:
                    problems.extend(exc.problems)
        out.extend(sorted(found, key=lambda t: (t.id, t.version)))
    return out


def is_valid_id(text: str) -> bool:
    """True for an id the schema accepts (lower case, digits, ".", "-", "_")."""
    return _ID_RE.fullmatch(text) is not None


def user_file_for(template_id: str, user_dir: Path | None = None) -> Path:
    """Where the user's template with this id is written."""
    folder = user_dir if user_dir is not None else paths.user_templates_dir()
    return folder / f"{template_id}.xml"


def copy_template(source: Template, new_id: str, user_dir: Path | None = None) -> Template:
    """An unsaved user copy of `source` with id `new_id` (same version until saved).

    Raises TemplateError when the id is not valid or a user file already has it.
    """
    if not is_valid_id(new_id):
        raise TemplateError(_(
            "“{id}” cannot be a template id: use lower-case letters, digits, dots, "
            "hyphens and underscores, starting with a letter or digit.").format(id=new_id))
    target = user_file_for(new_id, user_dir)
    if target.exists():
        raise TemplateError(_("You already have a template “{id}”; open it instead of "
                              "copying.").format(id=new_id))
    out = copy.deepcopy(source)
    out.id = new_id
    out.origin = "user"
    out.path = str(target)
    return out


def serialize(template: Template) -> tuple[bytes, list[str]]:
    """The template's XML and its problems ([] when valid).

    Text a form let through that XML cannot hold (control characters) is
    reported as a problem instead of raising.
    """
    try:
        data = template_to_xml(template)
    except ValueError as exc:
        return b"", ["<template>:1:1: " + _(
            "some text contains characters a template cannot hold ({reason})").format(
                reason=exc)]
    base = Path(template.path).parent if template.path else None
    return data, validate_template_bytes(data, "<template>", base=base)


def save_new_version(template: Template, user_dir: Path | None = None) -> Template:
    """Write `template` as the next version into the user folder; returns what was saved.

    Raises TemplateError (nothing written) when the template is invalid or is
    a shipped one.
    """
    if template.origin != "user":
        raise TemplateError(_("Shipped templates are read-only; make a copy to change it."))
    saved = copy.deepcopy(template)
    saved.version = template.version + 1
    data, problems = serialize(saved)
    if problems:
        raise TemplateError(problems[0], problems)
    target = Path(saved.path) if saved.path else user_file_for(saved.id, user_dir)
    write_atomic(target, data)
    saved.path = str(target)
    return saved


def import_template_file(source: Path, user_dir: Path | None = None) -> Template:
    """Copy a shared template file into the user folder after validating it.

    Refuses (TemplateError, nothing written) an invalid file, or one whose
    version is not newer than the user's template with the same id.
    """
    try:
        with open(source, "rb") as f:
            data = f.read(MAX_TEMPLATE_BYTES + 1)
    except OSError as exc:
        raise TemplateError(f"{source}:1:1: " + _("cannot read the file: {reason}").format(
            reason=exc.strerror or exc)) from exc
    imported = parse_template(data, str(source), base=source.parent)
    target = user_file_for(imported.id, user_dir)
    if target.exists():
        current = load_template(target, origin="user")
        if current.version >= imported.version:
            raise TemplateError(_(
                "You already have version {mine} of “{id}”; the file holds version "
                "{theirs}, so nothing was imported.").format(
                    mine=current.version, id=imported.id, theirs=imported.version))
    _copy_emblem(imported, target.parent)
    write_atomic(target, data)
    return load_template(target, origin="user")


def _copy_emblem(template: Template, folder: Path) -> None:
    """Put a relative emblem beside the imported template, where it will be looked for.

    The picture was read and checked on parsing; an emblem path that would
    leave `folder` ("../…") is refused rather than written outside it.
    """
    house = template.house_style
    relative = Path(house.emblem.strip())
    if house.emblem_image is None or relative.is_absolute():
        return
    target = (folder / relative).resolve()
    if not target.is_relative_to(folder.resolve()):
        raise TemplateError(_("The template's emblem {path} lies outside its folder; "
                              "use a picture beside the template.").format(path=relative))
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists() or target.read_bytes() != house.emblem_image.data:
        write_atomic(target, house.emblem_image.data)


def export_template_file(template: Template, target: Path) -> None:
    """Write the template to `target` for sharing; refuses an invalid template."""
    data, problems = serialize(template)
    if problems:
        raise TemplateError(problems[0], problems)
    write_atomic(target, data)


def unique_section_id(template: Template, base: str = "new-section") -> str:
    taken = set(template.section_ids())
    return _unique(base, taken)


def unique_requirement_id(template: Template, base: str = "new.requirement") -> str:
    return _unique(base, set(template.requirement_ids()))


def _unique(base: str, taken: set[str]) -> str:
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def new_section(template: Template) -> TemplateSection:
    """A headed section with a placeholder heading in every language of the template."""
    sid = unique_section_id(template)
    return TemplateSection(sid, headings={lang: _("New section") for lang in template.languages})


def new_requirement(template: Template, ref: str = "") -> Requirement:
    """A requirement with a placeholder label; its cues are left for the editor."""
    rid = unique_requirement_id(template)
    return Requirement(rid, ref or template.mandate_paragraph or "1",
                       labels={lang: _("New requirement") for lang in template.languages})


def preview_letter(template: Template, language: str) -> Letter:
    """A letter showing the template's layout: boilerplate where there is some,
    a short sample paragraph (two for reports, to show numbering) elsewhere."""
    letter = create_letter(template, language)
    for section, tsec in zip(letter.sections, template.sections, strict=True):
        if section.blocks:
            continue
        name = tsec.heading(language) or tsec.id
        count = 2 if template.house_style.numbered_paragraphs else 1
        section.blocks = [
            Block.from_text(_("Sample paragraph {n} of “{section}”: the writer’s text goes "
                              "here, set in the body style of the house-style block so the "
                              "editor can judge fonts, indents and spacing.").format(
                                  n=n + 1, section=name))
            for n in range(count)
        ]
    return letter
