"""A template written back as XML in the schema's format (the template editor's
save, template export, tests): `template_to_xml(load(x))` loads back equal."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lxml import etree

from drafting.atomic import write_atomic
from drafting.templates.model import Localized, Template
from drafting.templates.xmlfile import HOUSE_STYLE_MAP, NS, TEMPLATE_FORMAT, XML_LANG, q

__all__ = ["save_template", "template_to_xml"]


def template_to_xml(template: Template) -> bytes:
    """The template as XML in the schema's format (loads back to an equal template)."""
    root = etree.Element(q("template"), nsmap={None: NS})
    root.set("id", template.id)
    root.set("version", str(template.version))
    root.set("kind", template.kind)
    root.set("format", str(TEMPLATE_FORMAT))
    _put_localized(root, "name", template.names)
    etree.SubElement(root, q("languages")).text = " ".join(template.languages)
    d = etree.SubElement(root, q("defaults"))
    etree.SubElement(d, q("mission")).text = template.mission
    etree.SubElement(d, q("organ")).text = template.organ
    if template.mandate_symbol or template.mandate_paragraph:
        etree.SubElement(d, q("mandate"), symbol=template.mandate_symbol,
                         paragraph=template.mandate_paragraph)
    _put_localized(d, "addressee", template.addressees)
    etree.SubElement(d, q("signatory")).text = template.signatory
    _put_localized(d, "closing", template.closings)
    etree.SubElement(d, q("word-limit")).text = str(template.word_limit)
    secs = etree.SubElement(root, q("sections"))
    for s in template.sections:
        el = etree.SubElement(secs, q("section"), id=s.id, required=_xbool(s.required),
                              budget=str(s.budget))
        el.set("has-heading", _xbool(s.has_heading))
        el.set("restates-mandate", _xbool(s.restates_mandate))
        _put_localized(el, "heading", s.headings)
        _put_paragraphs(el, "guidance", {k: v.split("\n\n") for k, v in s.guidance.items()})
        _put_paragraphs(el, "boilerplate", s.boilerplate)
        for r in s.requirements:
            rel = etree.SubElement(el, q("requirement"), id=r.id, ref=r.ref)
            _put_localized(rel, "label", r.labels)
            for concept in r.concepts:
                cel = etree.SubElement(rel, q("concept"))
                _put_terms(cel, "terms", concept.terms)
            _put_terms(rel, "exclude", r.exclusions)
    hs = etree.SubElement(root, q("house-style"))
    for el_name, attr, name in HOUSE_STYLE_MAP:
        if name == "emblem" and not template.house_style.emblem.strip():
            continue  # no emblem: the attribute is left out, never written blank
        el = hs.find(q(el_name))
        if el is None:
            el = etree.SubElement(hs, q(el_name))
        el.set(attr, _xvalue(getattr(template.house_style, name)))
    etree.indent(root, space="  ")
    return bytes(
        etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    )


def _xbool(value: bool) -> str:
    return "true" if value else "false"


def _xvalue(value: Any) -> str:
    if isinstance(value, bool):
        return _xbool(value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _lang_el(parent: Any, tag: str, lang: str) -> Any:
    el = etree.SubElement(parent, q(tag))
    el.set(XML_LANG, lang)
    return el


def _put_localized(parent: Any, tag: str, texts: Localized) -> None:
    for lang, text in texts.items():
        _lang_el(parent, tag, lang).text = text


def _put_terms(parent: Any, tag: str, terms: dict[str, list[str]]) -> None:
    for lang, items in terms.items():
        if not items:
            continue
        el = _lang_el(parent, tag, lang)
        for item in items:
            etree.SubElement(el, q("term")).text = item


def _put_paragraphs(parent: Any, tag: str, texts: dict[str, list[str]]) -> None:
    for lang, paras in texts.items():
        el = _lang_el(parent, tag, lang)
        for para in paras:
            etree.SubElement(el, q("p")).text = para


def save_template(template: Template, path: str | Path) -> None:
    """Write the template through the shared atomic writer (`drafting.atomic`)."""
    write_atomic(Path(path), template_to_xml(template))
