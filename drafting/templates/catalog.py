"""Templates as XML files (DESIGN §3): load, validate, discover, write, and
start a letter from one.

The format is described in `templates/schema/template.rng`. Loading is strict
and safe: files over `MAX_TEMPLATE_BYTES` are refused, then
`template_xml.check_template_bytes` refuses entities, validates against the
schema and checks what a schema cannot say. Every problem is reported as
``file:line:col: message`` so an editor can go straight to it.

Shipped templates live in `paths.shipped_templates_dir()`, the user's own in
`paths.user_templates_dir()`; for one id the higher version wins and a user
template wins a tie, so an editor can override a shipped template by copying
it and keeping its version.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from drafting import paths
from drafting.errors import TemplateError, TemplateNotFoundError
from drafting.i18n import _
from drafting.letter import Block, Letter, Metadata, Section
from drafting.templates.emblem import Emblem, EmblemError, read_emblem
from drafting.templates.model import (
    Concept,
    HouseStyle,
    Localized,
    Requirement,
    Template,
    TemplateSection,
    pick,
)
from drafting.templates.writing import save_template, template_to_xml
from drafting.templates.xmlfile import (
    MAX_TEMPLATE_BYTES,
    XML_LANG,
    Source,
    check_template_bytes,
    house_style_from,
    norm_text,
    q,
    xml_bool,
)

__all__ = [
    "MAX_TEMPLATE_BYTES",
    "create_letter",
    "discover_templates",
    "get_template",
    "load_template",
    "mandate_reference",
    "parse_template",
    "save_template",
    "template_to_xml",
    "validate_template_bytes",
    "validate_template_file",
]


def _read(path: Path) -> bytes:
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_TEMPLATE_BYTES + 1)
    except OSError as exc:
        msg = _("cannot read the template: {reason}").format(reason=exc.strerror or exc)
        raise TemplateError(f"{path}:1:1: {msg}") from exc
    if len(data) > MAX_TEMPLATE_BYTES:
        raise TemplateError(_too_big(str(path)))
    return data


# -- building the objects ---------------------------------------------------


def _localized(parent: Any, tag: str) -> Localized:
    return {el.get(XML_LANG): norm_text(el.text) for el in parent.iterfind(q(tag))}


def _paragraphs(parent: Any, tag: str) -> dict[str, list[str]]:
    return {
        el.get(XML_LANG): [norm_text(p.text) for p in el.iterfind(q("p"))]
        for el in parent.iterfind(q(tag))
    }


def _terms(parent: Any, tag: str, item: str) -> dict[str, list[str]]:
    return {
        c.get(XML_LANG): [norm_text(x.text) for x in c.iterfind(q(item))]
        for c in parent.iterfind(q(tag))
    }


def _requirement(el: Any) -> Requirement:
    concepts = [Concept(_terms(c, "terms", "term")) for c in el.iterfind(q("concept"))]
    cues = _terms(el, "cues", "cue")
    if cues and not concepts:
        # Format 1: any one cue was enough, so the cues become the alternatives
        # of a single concept; the editor can split them later.
        concepts = [Concept(cues)]
    return Requirement(
        id=el.get("id"),
        ref=norm_text(el.get("ref")),
        labels=_localized(el, "label"),
        concepts=concepts,
        exclusions=_terms(el, "exclude", "term"),
    )


def _section(el: Any) -> TemplateSection:
    return TemplateSection(
        id=el.get("id"),
        required=xml_bool(el.get("required"), True),
        budget=int(el.get("budget", "0")),
        has_heading=xml_bool(el.get("has-heading"), True),
        restates_mandate=xml_bool(el.get("restates-mandate"), False),
        headings=_localized(el, "heading"),
        guidance={k: "\n\n".join(v) for k, v in _paragraphs(el, "guidance").items()},
        boilerplate=_paragraphs(el, "boilerplate"),
        requirements=[_requirement(r) for r in el.iterfind(q("requirement"))],
    )


def _template(root: Any, origin: str, path: str) -> Template:
    t = Template(id=root.get("id"), version=int(root.get("version")), kind=root.get("kind"),
                 format=int(root.get("format", "1")))
    t.names = _localized(root, "name")
    t.languages = (root.findtext(q("languages")) or "").split()
    d = root.find(q("defaults"))
    if d is not None:
        t.mission = norm_text(d.findtext(q("mission"))) or t.mission
        t.organ = norm_text(d.findtext(q("organ"))) or t.organ
        mandate = d.find(q("mandate"))
        if mandate is not None:
            t.mandate_symbol = norm_text(mandate.get("symbol"))
            t.mandate_paragraph = norm_text(mandate.get("paragraph"))
        t.addressees = _localized(d, "addressee")
        t.signatory = norm_text(d.findtext(q("signatory")))
        t.closings = _localized(d, "closing")
        t.word_limit = int(d.findtext(q("word-limit")) or 0)
    t.sections = [_section(s) for s in root.iterfind(f"{q('sections')}/{q('section')}")]
    hs = root.find(q("house-style"))
    t.house_style = house_style_from(hs) if hs is not None else HouseStyle()
    t.origin = origin
    t.path = path
    return t


# -- public API -------------------------------------------------------------


def _too_big(source: str) -> str:
    return f"{source}:1:1: " + _(
        "the template is larger than {size} MB; templates are small text files"
    ).format(size=MAX_TEMPLATE_BYTES // (1024 * 1024))


def validate_template_bytes(
    data: bytes, source: str = "<template>", *, base: Path | None = None
) -> list[str]:
    """Problems of a template given as bytes (`source` names it in messages).

    `base` is the folder a relative emblem path is read from.
    """
    if len(data) > MAX_TEMPLATE_BYTES:
        return [_too_big(source)]
    src = Source(data, source)
    tree, problems = check_template_bytes(src)
    if tree is not None:
        problems = _emblem(tree.getroot(), src, base)[1]
    return problems


def parse_template(
    data: bytes,
    source: str = "<template>",
    *,
    origin: str = "user",
    path: str = "",
    base: Path | None = None,
) -> Template:
    """A template from bytes; raises `TemplateError` listing every problem.

    A relative emblem path is read from `base`, by default the folder of `path`.
    """
    if len(data) > MAX_TEMPLATE_BYTES:
        raise TemplateError(_too_big(source))
    src = Source(data, source)
    # A shipped template is part of the program: the suite validates each one
    # against the schema (tests/drafting/test_templates.py), so loading it for
    # use skips that stage. Every other check stays.
    tree, problems = check_template_bytes(src, schema=origin != "shipped")
    if problems:
        raise TemplateError(_summary(problems), problems)
    if base is None and path:
        base = Path(path).parent
    emblem, problems = _emblem(tree.getroot(), src, base)
    if problems:
        raise TemplateError(_summary(problems), problems)
    template = _template(tree.getroot(), origin, path)
    template.house_style.emblem_image = emblem
    return template


def _emblem(root: Any, src: Source, base: Path | None) -> tuple[Emblem | None, list[str]]:
    """The emblem picture a checked template names, or the problem with it."""
    masthead = root.find(f"{q('house-style')}/{q('masthead')}")
    value = masthead.get("emblem") if masthead is not None else None
    if not value or not value.strip():
        return None, []
    try:
        return read_emblem(value, base), []
    except EmblemError as exc:
        return None, [src.at_element(masthead, str(exc))]


def _summary(problems: list[str]) -> str:
    if len(problems) == 1:
        return problems[0]
    return _("{first} (and {n} more problems)").format(first=problems[0], n=len(problems) - 1)


def validate_template_file(path: str | Path) -> list[str]:
    """Every problem of the template file as ``file:line:col: message``; [] when valid."""
    try:
        data = _read(Path(path))
    except TemplateError as exc:
        return exc.problems
    return validate_template_bytes(data, str(path), base=Path(path).parent)


def load_template(path: str | Path, *, origin: str | None = None) -> Template:
    """Load and validate one template file.

    Raises `TemplateError` whose `.problems` are ``file:line:col: message``
    strings. `origin` ("shipped" or "user") defaults to where the file lives.
    """
    p = Path(path)
    data = _read(p)
    if origin is None:
        shipped = paths.shipped_templates_dir().resolve()
        origin = "shipped" if p.resolve().is_relative_to(shipped) else "user"
    return parse_template(data, str(p), origin=origin, path=str(p))


def discover_templates(
    user_dir: Path | None = None, *, problems: list[str] | None = None
) -> list[Template]:
    """Every available template, one per id, sorted by id.

    Shipped templates and the user's (`user_dir`, by default
    `paths.user_templates_dir()`); for one id the higher version wins and a
    user template wins a tie. Invalid files are skipped; their problems are
    appended to `problems` when given.
    """
    found: dict[str, Template] = {}
    folders = [
        (paths.shipped_templates_dir(), "shipped"),
        (user_dir if user_dir is not None else paths.user_templates_dir(), "user"),
    ]
    for folder, origin in folders:
        if not folder.is_dir():
            continue
        for file in sorted(folder.glob("*.xml")):
            try:
                t = load_template(file, origin=origin)
            except TemplateError as exc:
                if problems is not None:
                    problems.extend(exc.problems)
                continue
            current = found.get(t.id)
            if (
                current is None
                or t.version > current.version
                or (t.version == current.version and origin == "user"
                    and current.origin == "shipped")
            ):
                found[t.id] = t
    return sorted(found.values(), key=lambda t: t.id)


_ROOT_TAG = re.compile(rb"<template\b[^>]*>")
_ATTRIBUTE = re.compile(rb"""\b(id|version)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def _claim(file: Path) -> tuple[str, int] | None:
    """(id, version) as the root element of a template file states them, read
    from its first bytes without parsing it (the file is parsed, safely, when
    loaded); None when they cannot be read there."""
    try:
        with file.open("rb") as f:
            head = f.read(4096)
    except OSError:
        return None
    root = _ROOT_TAG.search(head)
    if root is None:
        return None
    found = {m.group(1): (m.group(2) or m.group(3) or b"") for m in
             _ATTRIBUTE.finditer(root.group(0))}
    try:
        return found[b"id"].decode("utf-8"), int(found.get(b"version", b"0"))
    except (KeyError, UnicodeDecodeError, ValueError):
        return None


def _files_claiming(template_id: str, user_dir: Path | None) -> list[tuple[Path, str]]:
    """The template files whose root states `template_id`, the one that would
    win first: the higher version, and at equal versions the user's."""
    claims: list[tuple[int, int, Path, str]] = []
    folders = [
        (paths.shipped_templates_dir(), "shipped"),
        (user_dir if user_dir is not None else paths.user_templates_dir(), "user"),
    ]
    for folder, origin in folders:
        if not folder.is_dir():
            continue
        for file in sorted(folder.glob("*.xml")):
            claim = _claim(file)
            if claim is not None and claim[0] == template_id:
                claims.append((claim[1], 1 if origin == "user" else 0, file, origin))
    claims.sort(key=lambda c: (c[0], c[1]), reverse=True)
    return [(file, origin) for _version, _user, file, origin in claims]


def get_template(template_id: str, user_dir: Path | None = None) -> Template:
    """The winning template with this id (or, for a path to an .xml file, that file).

    Raises `TemplateNotFoundError`, naming the ids that do exist.
    """
    if template_id.endswith(".xml") and Path(template_id).is_file():
        return load_template(template_id)
    # Only the files that say they hold this id are loaded (validating every
    # template took a command line a fifth of its time), best first; an
    # invalid one is skipped for the next, as discovery skips it.
    for file, origin in _files_claiming(template_id, user_dir):
        try:
            template = load_template(file, origin=origin)
        except TemplateError:
            continue
        if template.id == template_id:
            return template
    available = discover_templates(user_dir)
    for t in available:
        if t.id == template_id:
            return t
    raise TemplateNotFoundError(_("no template '{id}'; available: {ids}").format(
        id=template_id, ids=", ".join(t.id for t in available) or _("none")))


def mandate_reference(template: Template) -> str:
    """E.g. "S/RES/2531(2020), para. 63"; just the symbol when no paragraph."""
    if not template.mandate_symbol:
        return ""
    if not template.mandate_paragraph:
        return template.mandate_symbol
    return f"{template.mandate_symbol}, para. {template.mandate_paragraph}"


def create_letter(
    template: Template,
    language: str,
    *,
    symbol: str = "",
    date: date | None = None,
    job_number: str = "",
    letter_date: date | None = None,
) -> Letter:
    """A new letter: the template's sections in order, empty but for boilerplate.

    Boilerplate blocks are marked `boilerplate=True`; metadata comes from the
    template's defaults in `language`; `letter_date` defaults to `date`.
    Raises `TemplateError` if the template does not support `language`.
    """
    if language not in template.languages:
        raise TemplateError(_(
            "template '{id}' is not available in '{lang}' (available: {langs})").format(
                id=template.id, lang=language, langs=", ".join(template.languages)))
    metadata = Metadata(
        mission=template.mission,
        organ=template.organ,
        symbol=symbol,
        date=date,
        letter_date=letter_date if letter_date is not None else date,
        language=language,
        original_language=language,
        job_number=job_number,
        addressee=pick(template.addressees, language),
        signatory=template.signatory,
        mandate_reference=mandate_reference(template),
        closing=pick(template.closings, language),
    )
    sections = [
        Section(
            id=s.id,
            heading=s.heading(language),
            # No fallback: English boilerplate in a French letter would be wrong.
            blocks=[Block.from_text(p, boilerplate=True) for p in s.boilerplate.get(language, [])],
        )
        for s in template.sections
    ]
    return Letter(
        template_id=template.id,
        template_version=template.version,
        metadata=metadata,
        sections=sections,
    )
