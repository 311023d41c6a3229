"""Every edit of a letter, as a pure function: letter in, `Change` out.

The GUI session pushes these changes on its undo stack; the CLI (`fill`,
`fix`, `confirm`) applies the same ones and saves. None of them changes the
letter it is given.

One rule about marks lives here and nowhere else (`settle_marks`): a block
whose text the writer changed is the writer's own from then on, so it loses
its carried-over mark and its template-boilerplate mark.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from drafting.edits.change import Change, blocks_of, editable_ids
from drafting.edits.text import TextMatch, replace_in_blocks, replace_range
from drafting.findings import Finding, Fix
from drafting.i18n import _, lazy, ngettext
from drafting.letter import UNASSIGNED, Block, Confirmation, Letter, new_id
from drafting.templates.model import Template, pick

METADATA_FIELDS = (
    "symbol", "date", "letter_date", "job_number", "language", "addressee",
    "signatory", "period_start", "period_end", "closing",
)


def settle_marks(old: list[Block], new: list[Block]) -> list[Block]:
    """`new` with the carried and boilerplate marks dropped from every block
    whose text changed (or that is new). Blocks are copied, never changed in
    place, because undo snapshots share them."""
    before = {b.id: b for b in old}
    out: list[Block] = []
    for b in new:
        if b.carried or b.boilerplate:
            was = before.get(b.id)
            if was is None or was.text != b.text:
                b = replace(b, carried=False, boilerplate=False)
        out.append(b)
    return out


def _section_change(letter: Letter, section_id: str, new: list[Block], label: str,
                    count: int = 0) -> Change:
    old = blocks_of(letter, section_id)
    if old == new:
        return Change(label)
    return Change(label, sections={section_id: (list(old), list(new))}, count=count)


def edit_section(letter: Letter, section_id: str, blocks: list[Block],
                 label: str | None = None) -> Change:
    """The writer's new content of a section (typing, pasting, formatting)."""
    new = settle_marks(blocks_of(letter, section_id), blocks)
    return _section_change(letter, section_id, new, label or lazy(lambda: _("Typing")))


def set_section(letter: Letter, section_id: str, blocks: list[Block], label: str) -> Change:
    """A section's content replaced from outside the editor, marks kept as given."""
    return _section_change(letter, section_id, list(blocks), label)


def fill_section(letter: Letter, section_id: str, blocks: list[Block], source: str,
                 append: bool = False) -> Change:
    """A contributor's text put into a section, replacing it or appended.

    Raises KeyError for a section the letter does not have.
    """
    old = letter.section(section_id).blocks
    incoming = _settled_ids(letter, section_id, [] if append else old, old if append else [],
                            blocks)
    new = [*old, *incoming] if append else incoming
    label = lazy(lambda: _("Filled {section} from {source}").format(section=section_id,
                                                                   source=source))
    return _section_change(letter, section_id, new, label, count=len(blocks))


def _settled_ids(letter: Letter, section_id: str, replaced: list[Block], kept: list[Block],
                 incoming: list[Block]) -> list[Block]:
    """`incoming` with ids that outlive a new version of the same contribution.

    A paragraph whose text is one of the `replaced` blocks' keeps that
    block's id, so the requirements confirmed on it stay confirmed (its other
    marks are the new text's: a contributor's text is this period's). Any
    other paragraph gets an id derived from the section, its text and how
    often that text came before: two offline copies that received the same
    contribution then hold the same paragraphs, and merging them gives one
    copy of each, not two. A derived id the letter already uses elsewhere
    is replaced by a random one.
    """
    from hashlib import sha256

    free: dict[tuple[str, str], list[str]] = {}
    for b in replaced:
        free.setdefault((b.kind, b.text), []).append(b.id)
    used = {b.id for _sid, _i, b in letter.iter_blocks()} - {b.id for b in replaced}
    used |= {b.id for annex in letter.annexes for b in annex.blocks}
    seen: dict[str, int] = {}
    for b in kept:
        seen[b.text] = seen.get(b.text, 0) + 1
    out: list[Block] = []
    for block in incoming:
        reuse = free.get((block.kind, block.text))
        n = seen.get(block.text, 0)
        seen[block.text] = n + 1
        if reuse:
            block_id = reuse.pop(0)
        else:
            block_id = sha256(f"{section_id}\x1f{n}\x1f{block.text}".encode()).hexdigest()[:12]
            if block_id in used:
                block_id = new_id()
        used.add(block_id)
        out.append(replace(block, id=block_id))
    return out


def replace_match(letter: Letter, match: TextMatch, replacement: str) -> Change:
    """Replace one found occurrence (Find and replace › Replace)."""
    blocks = list(blocks_of(letter, match.section))
    if not 0 <= match.block_index < len(blocks):
        return Change(lazy(lambda: _("Replace")))
    old = blocks[match.block_index]
    blocks[match.block_index] = replace_range(old, match.start, match.end, replacement)
    new = settle_marks(blocks_of(letter, match.section), blocks)
    return _section_change(letter, match.section, new, lazy(lambda: _("Replace")), count=1)


def replace_all(letter: Letter, needle: str, replacement: str, case_sensitive: bool = False,
                whole_word: bool = False) -> Change:
    """Replace every occurrence in the letter's sections; `count` says how many."""
    label = lazy(lambda: _("Replace “{find}” with “{repl}”").format(find=needle,
                                                                      repl=replacement))
    change = Change(label)
    if not needle:
        return change
    for section in letter.sections:
        new, n = replace_in_blocks(section.blocks, needle, replacement, case_sensitive,
                                   whole_word)
        if n:
            change.sections[section.id] = (list(section.blocks),
                                           settle_marks(section.blocks, new))
            change.count += n
    return change


def apply_fixes(letter: Letter, findings: Iterable[Finding], label: str | None = None) -> Change:
    """The automatic fixes of `findings` as one change; `count` says how many applied.

    Within a block, fixes go right to left so earlier offsets stay valid; a
    fix that overlaps one already taken, or no longer fits the text, is
    skipped (the next check reports it again if it still applies). A grouped
    finding applies the fixes of all its members.
    """
    by_block: dict[str, list[Fix]] = {}
    messages: list[str] = []
    for finding in findings:
        for member in finding.members or (finding,):  # a grouped finding: all its fixes
            if member.fix is not None:
                by_block.setdefault(member.fix.block_id, []).append(member.fix)
                messages.append(member.message)
    first = messages[0] if messages else ""
    change = Change(label or lazy(lambda: _("Fix: {message}").format(message=first)
                                  if len(messages) == 1 else _("Fix typography")))
    new_sections: dict[str, list[Block]] = {}
    annexes = list(letter.annexes)
    for block_id, fixes in by_block.items():
        found = _locate(letter, block_id)
        if found is None:
            continue
        where, index = found
        if isinstance(where, str):
            blocks = new_sections.setdefault(where, list(blocks_of(letter, where)))
        else:
            annexes[where] = replace(annexes[where], blocks=list(annexes[where].blocks))
            blocks = annexes[where].blocks
        blocks[index], n = _fixed(blocks[index], fixes)
        change.count += n
    for sid, blocks in new_sections.items():
        old = blocks_of(letter, sid)
        if blocks != old:
            change.sections[sid] = (list(old), settle_marks(old, blocks))
    if annexes != letter.annexes:
        change.fields["annexes"] = (list(letter.annexes), annexes)
    return change


def _locate(letter: Letter, block_id: str) -> tuple[str | int, int] | None:
    """(section id or annex index, block index) of a block of the body or an annex."""
    found = letter.find_block(block_id)
    if found is not None:
        return found[0], found[1]
    for n, annex in enumerate(letter.annexes):
        for i, block in enumerate(annex.blocks):
            if block.id == block_id:
                return n, i
    return None


def _fixed(block: Block, fixes: list[Fix]) -> tuple[Block, int]:
    """`block` with the fixes that still fit applied right to left, and how many."""
    limit = len(block.text)
    applied = 0
    for fix in sorted(set(fixes), key=lambda f: (f.offset, f.length), reverse=True):
        if fix.offset < 0 or fix.length < 0 or fix.offset + fix.length > limit:
            continue
        block = replace_range(block, fix.offset, fix.offset + fix.length, fix.replacement)
        limit = fix.offset
        applied += 1
    return block, applied


def move_blocks(letter: Letter, block_ids: Iterable[str], to_section: str,
                at: int | None = None, heading: str | None = None) -> Change:
    """Move blocks (from any section or the unassigned area) into `to_section`.

    They keep their order and ids (so confirmations follow them) and go
    before block `at` of the target (None: at its end). `count` says how many
    moved; an unknown target moves nothing.
    """
    targets = [*letter.section_ids(), UNASSIGNED]
    wanted = set(block_ids)
    change = Change("")
    if to_section not in targets:
        return change
    moved: list[Block] = []
    for sid in targets:
        if sid == to_section:
            continue
        old = blocks_of(letter, sid)
        taken = [b for b in old if b.id in wanted]
        if taken:
            change.sections[sid] = (list(old), [b for b in old if b.id not in wanted])
            moved += taken
    if not moved:
        return Change("")
    target = blocks_of(letter, to_section)
    at = len(target) if at is None else max(0, min(at, len(target)))
    change.sections[to_section] = (list(target), [*target[:at], *moved, *target[at:]])
    change.count = len(moved)
    n, name = len(moved), heading or to_section
    change.label = lazy(lambda: ngettext("Move {n} paragraph to “{section}”",
                                         "Move {n} paragraphs to “{section}”", n).format(
        n=n, section=name))
    return change


def insert_boilerplate(letter: Letter, template: Template, section_id: str,
                       at: int | None = None) -> Change:
    """The template's standard text for a section, inserted before block `at` (None: end)."""
    try:
        texts = template.section(section_id).boilerplate
    except KeyError:
        return Change(lazy(lambda: _("Insert standard text")))
    language = letter.metadata.language or "en"
    paragraphs = pick(texts, language) if texts else []  # type: ignore[arg-type]
    new = [Block.from_text(str(p), boilerplate=True) for p in paragraphs or []]
    blocks = blocks_of(letter, section_id)
    at = len(blocks) if at is None else at
    return _section_change(letter, section_id, [*blocks[:at], *new, *blocks[at:]],
                           lazy(lambda: _("Insert standard text")), count=len(new))


# -- carried-over text ---------------------------------------------------------

def confirm_carried(letter: Letter, block_ids: Iterable[str]) -> Change:
    """The writer's word that carried-over paragraphs still hold for this period.

    Blocks that are not carried are left alone; `count` says how many were.
    """
    wanted = set(block_ids)
    change = Change(lazy(lambda: _("Confirm carried paragraph")) if len(wanted) == 1
                    else lazy(lambda: _("Confirm carried text")))
    for section_id in [*letter.section_ids(), UNASSIGNED]:
        blocks = blocks_of(letter, section_id)
        new = [replace(b, carried=False) if b.id in wanted and b.carried else b
               for b in blocks]
        n = sum(1 for a, b in zip(blocks, new, strict=True) if a is not b)
        if n:
            change.sections[section_id] = (list(blocks), new)
            change.count += n
    return change


def confirm_all_carried(letter: Letter, section_id: str | None = None) -> Change:
    """Confirm every carried paragraph of one section (None: of the whole letter)."""
    ids = [b.id for sid, _i, b in letter.iter_blocks()
           if b.carried and (section_id is None or sid == section_id)]
    change = confirm_carried(letter, ids)
    change.label = lazy(lambda: _("Confirm carried text"))
    return change


# -- requirement confirmations -----------------------------------------------------

def confirm(letter: Letter, requirement_id: str, block_ids: Iterable[str]) -> Change:
    """Link blocks to a requirement: the writer's word that they meet it.

    Linking a carried-over paragraph also accepts it as this period's text
    (its carried mark goes), since the writer has just vouched for it.
    """
    ids = [b for b in block_ids if letter.find_block(b) is not None]
    old = list(letter.confirmations)
    new = list(old)
    for block_id in ids:
        link = Confirmation(requirement_id, block_id)
        if link not in new:
            new.append(link)
    change = _links_change(lazy(lambda: _("Confirm requirement")), old, new)
    _accept_carried(letter, ids, change)
    return change


def confirm_suggested(letter: Letter, requirements: Iterable[Any]) -> Change:
    """Confirm every suggestion: each requirement only detected (source
    "detected") is linked to its best evidence paragraph.

    `requirements` are the `RequirementStatus`es of a check of `letter`;
    `count` says how many requirements were confirmed.
    """
    old = list(letter.confirmations)
    new = list(old)
    ids: list[str] = []
    count = 0
    for status in requirements:
        if status.source != "detected" or not status.evidence:
            continue
        block_id = status.evidence[0].block_id
        if letter.find_block(block_id) is None:
            continue
        link = Confirmation(status.id, block_id)
        if link not in new:
            new.append(link)
            ids.append(block_id)
            count += 1
    change = _links_change(lazy(lambda: _("Confirm all suggestions")), old, new)
    change.count = count
    _accept_carried(letter, ids, change)
    return change


def _accept_carried(letter: Letter, block_ids: list[str], change: Change) -> None:
    carried = confirm_carried(letter, block_ids)
    change.sections.update(carried.sections)


def unconfirm(letter: Letter, requirement_id: str, block_id: str | None = None) -> Change:
    """Remove the writer's link to `block_id`, or every link of the requirement."""
    old = list(letter.confirmations)
    new = [c for c in old if not (c.requirement_id == requirement_id
                                  and (block_id is None or c.block_id == block_id))]
    return _links_change(lazy(lambda: _("Remove confirmation")), old, new)


def _links_change(label: str, old: list[Confirmation], new: list[Confirmation]) -> Change:
    if old == new:
        return Change(label)
    count = abs(len(new) - len(old))
    return Change(label, fields={"confirmations": (old, new)}, count=count)


# -- letter details --------------------------------------------------------------

def set_metadata(letter: Letter, template: Template, name: str, value: Any) -> Change:
    """Change one letter detail (`METADATA_FIELDS`).

    Changing the language also changes the texts the writer never edited
    (addressee, closing formula) to the template's ones in the new language.
    """
    if name not in METADATA_FIELDS:
        raise KeyError(name)
    old = getattr(letter.metadata, name)
    if old == value:
        return Change("")
    if name != "language":
        return Change(lazy(lambda: _("Change letter details")), metadata={name: (old, value)})
    change = Change(lazy(lambda: _("Change language")), metadata={"language": (old, value)})
    for field_name, texts in (("addressee", template.addressees),
                              ("closing", template.closings)):
        current = getattr(letter.metadata, field_name)
        if texts and current == pick(texts, old):
            change.metadata[field_name] = (current, pick(texts, value))
    return change


def migrate(letter: Letter, template: Template) -> Change:
    """The letter mapped onto another version of its template (or another template).

    Replaces the whole letter; `notices` says what moved, and the change is
    empty when nothing needed doing.
    """
    from drafting.templates.migration import migrate_letter

    if letter.template_id == template.id and letter.template_version == template.version:
        return Change(lazy(lambda: _("Template migration")))
    migration = migrate_letter(letter, template)
    return Change(lazy(lambda: _("Template migration")), letter=(letter, migration.letter),
                  notices=list(migration.notices))


__all__ = [
    "METADATA_FIELDS", "apply_fixes", "confirm", "confirm_all_carried", "confirm_carried",
    "confirm_suggested",
    "edit_section", "editable_ids", "fill_section", "insert_boilerplate", "migrate",
    "move_blocks", "replace_all", "replace_match", "set_metadata", "set_section",
    "settle_marks", "unconfirm",
]
