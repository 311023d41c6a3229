"""Drafts survive template changes (issue 6).

A draft records the template id and version it follows. Opened against a
different version of that template, its sections are mapped by id: a renamed
heading just updates, a section the template no longer has moves its text to
"unassigned" (under a subheading naming it, so the writer sees where it came
from), a new section appears empty, and the sections take the template's
order. Nothing the writer typed is ever dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from drafting.i18n import _
from drafting.letter import Block, Letter, Section
from drafting.templates.model import Template


@dataclass
class Migration:
    letter: Letter
    notices: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.notices)


def migrate_letter(letter: Letter, template: Template) -> Migration:
    """Map `letter` onto `template`'s sections; returns a new letter and notices.

    The input letter is not modified.
    """
    out = letter.copy()
    notices: list[str] = []
    language = out.metadata.language
    by_id = {s.id: s for s in out.sections}
    new_sections: list[Section] = []
    for ts in template.sections:
        heading = ts.heading(language)
        existing = by_id.pop(ts.id, None)
        if existing is None:
            new_sections.append(Section(ts.id, [], heading=heading))
            notices.append(
                _("New section “{heading}” added by the template.").format(
                    heading=heading or ts.id
                )
            )
            continue
        if heading and existing.heading and existing.heading != heading:
            notices.append(
                _("Section “{old}” is now called “{new}”.").format(
                    old=existing.heading, new=heading
                )
            )
        existing.heading = heading
        new_sections.append(existing)
    for removed in by_id.values():
        # keep the leftover section's name with its text
        if not removed.is_empty():
            title = removed.heading or removed.id
            # A stable id: copies of one draft migrated apart (merged later,
            # drafting.merging) must agree that this is the same subheading.
            out.unassigned.append(Block.from_text(
                title, kind="subheading", id=f"moved-{removed.id}-v{template.version}"))
            out.unassigned.extend(removed.blocks)
            notices.append(
                _(
                    "Section “{heading}” is no longer in the template: its text "
                    "was moved to “Unassigned”."
                ).format(heading=title)
            )
        else:
            notices.append(
                _("Empty section “{heading}” was removed with the template.").format(
                    heading=removed.heading or removed.id
                )
            )
    out.sections = new_sections
    if out.template_id == template.id and out.template_version != template.version:
        notices.insert(
            0,
            _("The draft followed version {old} of template {id}; it now follows version {new}.")
            .format(old=out.template_version, id=template.id, new=template.version),
        )
    out.template_id = template.id
    out.template_version = template.version
    valid = set(template.requirement_ids())
    out.confirmations = [c for c in out.confirmations if c.requirement_id in valid]
    return Migration(out, notices)
