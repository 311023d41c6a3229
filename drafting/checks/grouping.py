"""What a reviewer is shown: findings grouped so the signal is not buried.

`CheckResult.findings` keeps one finding per occurrence (the editor marks
each, `drafting.edits.apply_fixes` applies each fix). What is *reported* —
`check` text and `--json`, the findings panel — groups two kinds per section,
because one line per occurrence buried the rest (an imported French letter
gave 64 findings, 24 of them typography and 31 identical carry-over lines):

* `typography.grouped` (info, never blocking) — every `typography.*` finding
  of a section as one, with their count: export makes these corrections
  anyway, and "Fix all" (or `missive fix FILE`) makes them now;
* `carryover.unconfirmed` with a count (warning, blocking) — two or more
  carried-over paragraphs of a section as one; a single one is reported
  as it is. The code is the per-paragraph one, so blocking and `--final`
  read the same;
* `coverage.carried` with a count (warning, blocking) — likewise, two or more
  requirements of a section met only by carried-over text.

A group sits where its first member sat, keeps that member's section and
block (paragraph None: it is about the section), and holds its members in
`Finding.members`. Blocking findings come first; otherwise the checker's
order (letter-wide, then by section and paragraph) is kept.
"""

from __future__ import annotations

from collections.abc import Iterable

from drafting.checks.carryover import CODE_UNCONFIRMED
from drafting.findings import Finding
from drafting.i18n import ngettext

TYPOGRAPHY_GROUP = "typography.grouped"


COVERAGE_CARRIED = "coverage.carried"


def _key(f: Finding) -> tuple[str, str | None]:
    if f.check == "typography":
        return ("typography", f.section)
    if f.code == CODE_UNCONFIRMED:
        return ("carried", f.section)
    if f.code == COVERAGE_CARRIED:
        return ("requirements", f.section)
    return ("", None)


def _group(kind: str, members: list[Finding]) -> Finding:
    first = members[0]
    n = len(members)
    if kind == "typography":
        return Finding(
            TYPOGRAPHY_GROUP, "info",
            ngettext("{n} typography correction in this section; export makes it anyway, "
                     "“Fix all” (or missive fix) makes it now.",
                     "{n} typography corrections in this section; export makes them anyway, "
                     "“Fix all” (or missive fix) makes them now.", n).format(n=n),
            section=first.section, block_id=first.block_id, excerpt=first.excerpt,
            members=tuple(members))
    if kind == "requirements":
        return Finding(
            COVERAGE_CARRIED, first.severity,
            ngettext("{n} requirement of this section is met only by text carried over from "
                     "the previous letter: confirm that text or write this period's.",
                     "{n} requirements of this section are met only by text carried over from "
                     "the previous letter: confirm that text or write this period's.",
                     n).format(n=n),
            section=first.section, block_id=first.block_id, excerpt=first.excerpt,
            blocking=any(m.blocking for m in members), members=tuple(members))
    return Finding(
        CODE_UNCONFIRMED, first.severity,
        ngettext("{n} paragraph of this section was carried over from the previous letter: "
                 "confirm it or rewrite it for this period.",
                 "{n} paragraphs of this section were carried over from the previous letter: "
                 "confirm or rewrite each for this period.", n).format(n=n),
        section=first.section, block_id=first.block_id, excerpt=first.excerpt,
        blocking=any(m.blocking for m in members), members=tuple(members))


def group_findings(findings: Iterable[Finding]) -> list[Finding]:
    """`findings` as reported: grouped per section (see module), blocking first."""
    findings = list(findings)
    members: dict[tuple[str, str | None], list[Finding]] = {}
    for f in findings:
        kind, section = _key(f)
        if kind:
            members.setdefault((kind, section), []).append(f)
    out: list[Finding] = []
    placed: set[tuple[str, str | None]] = set()
    for f in findings:
        key = _key(f)
        if not key[0]:
            out.append(f)
            continue
        group = members[key]
        if key[0] != "typography" and len(group) == 1:
            out.append(f)
            continue
        if key in placed:
            continue
        placed.add(key)
        out.append(_group(key[0], group))
    out.sort(key=lambda f: not f.blocking)  # stable: the checker's order within each part
    return out
