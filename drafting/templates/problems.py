"""Validation problems located in the editor and said in plain words.

The loader reports ``file:line:col: message`` against the XML. The editor
validates the XML it serializes from the forms, which the editor never sees,
so each problem is also placed where the editor can act on it: which section,
which requirement, which field, which language. Messages from the schema
validator (libxml2) are rephrased; Missive's own messages are already plain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from lxml import etree

from drafting.i18n import _
from drafting.templates.xmlfile import NS, XML_LANG, safe_parser

_PROBLEM_RE = re.compile(r"^(?P<src>.*?):(?P<line>\d+):(?P<col>\d+): (?P<msg>.*)$", re.S)
_FAILED_CONTENT = re.compile(r"Element (\S+) failed to validate content")
_FAILED_ATTRS = re.compile(r"Element (\S+) failed to validate attributes")
_BAD_ATTR = re.compile(r"Invalid attribute (\S+) for element (\S+)")
_DATATYPE = re.compile(r"Error validating datatype")


@dataclass(frozen=True)
class Problem:
    """One problem: where in the XML, where in the editor, and what is wrong."""

    line: int
    col: int
    message: str
    where: str = ""  # e.g. "Section 2 “agreement” › requirement “x” › cues (fr)"
    section: int | None = None  # index in the template's sections
    requirement: int | None = None  # index in that section's requirements
    concept: int | None = None  # index in that requirement's concepts
    area: str = "template"  # "template", "section", "requirement" or "house-style"

    def text(self) -> str:
        """The line shown to the editor."""
        place = _("line {line}, column {col}").format(line=self.line, col=self.col)
        if self.where:
            return f"{place} — {self.where}: {self.message}"
        return f"{place}: {self.message}"


def _what(tag: str) -> str:
    names = {
        "cue": _("a cue"), "heading": _("the heading"), "label": _("the label"),
        "p": _("a paragraph"), "name": _("the template name"), "mission": _("the mission"),
        "organ": _("the organ"), "addressee": _("the addressee"), "closing": _("the closing"),
        "languages": _("the language list"),
    }
    return names.get(tag, f"<{tag}>")


def _attr_hint(attr: str) -> str:
    if attr == "id":
        return _("ids use lower-case letters, digits, dots, hyphens and underscores, and "
                 "start with a letter or a digit")
    if attr == "ref":
        return _("the mandate reference cannot be blank")
    return _("the value is not allowed here")


def plain_message(message: str) -> str:
    """A schema validator message rephrased for an editor; others unchanged."""
    m = _FAILED_CONTENT.match(message)
    if m:
        return _("{what} is blank or not valid").format(what=_what(m.group(1))).capitalize()
    m = _BAD_ATTR.match(message)
    if m:
        return _("the {attr} of this {element} is not valid: {hint}").format(
            attr=m.group(1), element=m.group(2), hint=_attr_hint(m.group(1))).capitalize()
    return message[:1].upper() + message[1:]


def _elements_by_line(data: bytes) -> dict[int, Any]:
    if not data:
        return {}
    try:
        root = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError:
        return {}
    out: dict[int, Any] = {}
    for el in root.iter():
        if isinstance(el.tag, str) and el.sourceline is not None:
            out.setdefault(el.sourceline, el)
    return out


def _local(el: Any) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _place(el: Any) -> tuple[str, int | None, int | None, int | None, str]:
    """(description, section index, requirement index, concept index, area) of an element."""
    section = requirement = concept = None
    parts: list[str] = []
    area = "template"
    node = el
    chain = []
    while node is not None:
        chain.append(node)
        node = node.getparent()
    for node in reversed(chain):
        tag = _local(node)
        if tag == "section":
            parent = node.getparent()
            section = list(parent.iterfind(f"{{{NS}}}section")).index(node)
            parts.append(_("Section {n} “{id}”").format(n=section + 1, id=node.get("id", "")))
            area = "section"
        elif tag == "requirement":
            requirement = list(node.getparent().iterfind(f"{{{NS}}}requirement")).index(node)
            parts.append(_("requirement “{id}”").format(id=node.get("id", "")))
            area = "requirement"
        elif tag == "concept":
            concept = list(node.getparent().iterfind(f"{{{NS}}}concept")).index(node)
            parts.append(_("concept {n}").format(n=concept + 1))
        elif tag == "house-style":
            parts.append(_("House style"))
            area = "house-style"
        elif tag == "defaults":
            parts.append(_("General"))
    if el is not None and _local(el) not in ("section", "requirement", "concept", "template",
                                             "sections", "house-style", "defaults"):
        field = _local(el)
        lang = el.get(XML_LANG) or (el.getparent().get(XML_LANG)
                                    if el.getparent() is not None else None)
        parts.append(f"{field} ({lang})" if lang else field)
    return " › ".join(parts), section, requirement, concept, area


def locate_problems(data: bytes, problems: list[str]) -> list[Problem]:
    """`problems` (``src:line:col: message``) placed in the editor and rephrased.

    Follow-up messages of one schema error (the datatype line, the "failed
    to validate attributes" of the parent) are merged into the main one.
    """
    by_line = _elements_by_line(data)
    parsed: list[tuple[int, int, str]] = []
    for text in problems:
        m = _PROBLEM_RE.match(text)
        if m is None:
            parsed.append((1, 1, text))
        else:
            parsed.append((int(m["line"]), int(m["col"]), m["msg"].strip()))
    significant = [p for p in parsed
                   if not _DATATYPE.match(p[2]) and not _FAILED_ATTRS.match(p[2])]
    out: list[Problem] = []
    for line, col, msg in significant or parsed:
        el = by_line.get(line)
        where, section, requirement, concept, area = (
            _place(el) if el is not None else ("", None, None, None, "template"))
        problem = Problem(line, col, plain_message(msg), where, section, requirement, concept,
                          area)
        if problem not in out:
            out.append(problem)
    return out
