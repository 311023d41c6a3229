"""`show FILE`: the letter as plain text, for reading and for git (`textconv`).

One line per paragraph, in a stable order and with no timestamps, so that
`git diff` and `git log -p` on a `.missive` file show what changed in the
letter: the template and the letter details first (`field: value`), then each
section under its heading (`# Heading`), subheadings as `## `, bullet items
as `- ` (indented for the second level), then the unassigned text, the
annexes, the writer's confirmations and any merge conflicts with both
versions between git-style markers.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TextIO

from drafting.i18n import _
from drafting.letter import UNASSIGNED, Block, Letter

EXIT_OK = 0


def block_line(block: Block) -> str:
    """One block as one line of plain text."""
    text = block.text.replace("\r", " ").replace("\n", " ")
    if block.kind == "subheading":
        line = "## " + text
    elif block.kind == "bullet":
        line = "  " * block.level + "- " + text
    else:
        line = text
    if block.carried:
        line += "  " + _("(carried over, not confirmed)")
    return line


def render_text(letter: Letter, heading: Callable[[str], str] | None = None) -> str:
    """The letter as plain text (see the module docstring); `heading(section_id)`
    names sections (default: the heading stored in the letter, else its id)."""
    lines = [f"template: {letter.template_id} {letter.template_version}"]
    for name, value in letter.metadata.to_dict().items():
        lines.append(f"{name}: {'' if value is None else value}")
    numbers: dict[str, tuple[str, int]] = {}
    for section in letter.sections:
        title = (heading(section.id) if heading else "") or section.heading or section.id
        lines += ["", f"# {title}"]
        for index, block in enumerate(section.blocks):
            numbers[block.id] = (section.id, index + 1)
            lines += ["", block_line(block)]
    if letter.unassigned:
        lines += ["", "# " + _("Unassigned text")]
        for index, block in enumerate(letter.unassigned):
            numbers[block.id] = (UNASSIGNED, index + 1)
            lines += ["", block_line(block)]
    for n, annex in enumerate(letter.annexes, start=1):
        lines += ["", "# " + _("Annex {n}: {title}").format(n=n, title=annex.title)]
        lines += [line for block in annex.blocks for line in ("", block_line(block))]
    if letter.confirmations:
        lines += ["", "# " + _("Confirmed requirements"), ""]
        for link in letter.confirmations:
            sid, number = numbers.get(link.block_id, ("?", 0))
            lines.append(f"{link.requirement_id}: {sid} {number}")
    if letter.conflicts:
        lines += ["", "# " + _("Merge conflicts")]
        for c in letter.conflicts:
            lines += ["", f"<<<<<<< {_('this copy')} ({c.id})", *_version(c.kind, c.ours),
                      "=======", *_version(c.kind, c.theirs), f">>>>>>> {c.other or _('other copy')}"]
    return "\n".join(lines) + "\n"


def _version(kind: str, value: object) -> list[str]:
    if value is None:
        return ["(" + _("deleted") + ")"]
    if kind == "block" and isinstance(value, dict):
        return [block_line(Block.from_dict(value))]
    return [str(value)]


def cmd_show(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Print a draft's latest letter as plain text (git's `textconv`)."""
    out = out or sys.stdout
    from drafting.errors import TemplateNotFoundError
    from drafting.storage.opening import follow_template, template_of
    from drafting.storage.store import DraftStore

    with DraftStore.open(args.file, read_only=True) as store:
        letter = store.load()
    try:
        template = template_of(letter)
    except TemplateNotFoundError:
        # Still readable without its template: the headings stored in the draft.
        out.write(render_text(letter))
        return EXIT_OK
    letter = follow_template(letter, template)[0]
    language = letter.metadata.language or "en"

    def heading(section_id: str) -> str:
        try:
            return template.section(section_id).heading(language) or _("Opening paragraph")
        except KeyError:
            return ""

    out.write(render_text(letter, heading))
    return EXIT_OK
