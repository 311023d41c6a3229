"""`missive fix FILE [--section ID]`: the automatic typography fixes, applied now.

Export makes these corrections anyway; applying them to the draft makes the
findings go away and the text what will be printed. The fixes are the
`typography.*` findings' own (`drafting.edits.apply_fixes`, the operation the
findings panel's "Fix all" pushes); they are applied as one named revision.
Fixes that overlap are taken on the next pass, so the command repeats until
nothing is left to fix (a few passes at most). Prints how many were applied.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any, TextIO

from drafting.cli.display import printable
from drafting.i18n import _, ngettext

MAX_PASSES = 5


def add_parser(sub: Any) -> None:
    """The `fix` sub-command on `sub` (argparse sub-parsers)."""
    p = sub.add_parser("fix", help=_("apply the automatic typography fixes"))
    p.add_argument("file")
    p.add_argument("--section", help=_("only this section (its id)"))


def cmd_fix(args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    from drafting import edits
    from drafting.checks import Checker
    from drafting.errors import UnknownSectionError
    from drafting.letter import UNASSIGNED
    from drafting.storage.opening import open_draft

    with open_draft(args.file) as opened:
        letter = opened.letter
        valid = [*letter.section_ids(), UNASSIGNED]
        if args.section is not None and args.section not in valid:
            raise UnknownSectionError(args.section, valid)
        for notice in opened.notices:
            print(printable(notice), file=sys.stderr)
        opened.save_migration()
        checker = Checker(opened.template)
        applied = 0
        changed: set[str] | None = None
        for _pass in range(MAX_PASSES):
            findings = [f for f in checker.check(letter, changed).findings
                        if f.check == "typography" and f.fix is not None
                        and (args.section is None or f.section == args.section)]
            change = edits.apply_fixes(letter, findings, label=_("Fix typography"))
            if change.empty or change.count == 0:
                break
            letter = change.apply(letter)
            applied += change.count
            changed = set(change.sections)
        if applied:
            opened.store.save(letter, name=_("Fix typography"))
    print(ngettext("{n} typography fix applied", "{n} typography fixes applied",
                   applied).format(n=applied), file=out)
    return 0
