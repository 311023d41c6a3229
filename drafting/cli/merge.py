"""`merge` and `merge-driver`: two copies of one draft back together (issue 20).

    missive merge FILE OTHER.missive           merge the other copy into FILE
    missive merge FILE --take mine|theirs [--conflict ID]
                                               resolve FILE's merge conflicts
    missive merge-driver BASE OURS THEIRS      the same merge, as git's driver

Exit codes: 0 merged cleanly, 1 conflicts to resolve (the draft keeps both
versions), 2 bad input (one line on stderr; nothing written).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from drafting.i18n import _, ngettext

EXIT_OK = 0
EXIT_CONFLICTS = 1
EXIT_BAD = 2

# The lines a git user adds, shown in `missive --help` and docs/git.md.
GIT_ATTRIBUTES = "*.missive merge=missive diff=missive"
GIT_CONFIG = (
    'git config merge.missive.name "Missive drafts"',
    'git config merge.missive.driver "missive merge-driver %O %A %B"',
    'git config diff.missive.textconv "missive show"',
)


def git_help() -> str:
    """The epilog of `missive --help`: how to plug Missive into git."""
    return "\n".join([
        _("Drafts in git: add this line to .gitattributes"),
        "  " + GIT_ATTRIBUTES,
        _("and run once in the repository:"),
        *("  " + line for line in GIT_CONFIG),
    ])


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """The `merge`, `merge-driver` and `show` sub-commands."""
    p = sub.add_parser("merge", help=_("merge another copy of the draft into it"))
    p.add_argument("file")
    p.add_argument("other", nargs="?", help=_("the other copy (.missive)"))
    p.add_argument("--take", choices=("mine", "theirs"),
                   help=_("resolve the draft's merge conflicts with this version"))
    p.add_argument("--conflict", metavar="ID",
                   help=_("only this conflict (ids are listed by merge and show)"))
    p = sub.add_parser("merge-driver", help=_("git merge driver for .missive files"))
    p.add_argument("base")
    p.add_argument("ours")
    p.add_argument("theirs")
    p = sub.add_parser("show", help=_("the letter as plain text (git textconv)"))
    p.add_argument("file")


def cmd_merge(args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    from drafting.cli.handlers import UsageError

    if (args.other is None) == (args.take is None):
        raise UsageError(_("give either the other copy to merge, or --take mine|theirs "
                           "to resolve conflicts"))
    if args.take is not None:
        return _resolve(args, out)
    from drafting.storage.merging import merge_copy
    from drafting.storage.opening import open_draft

    with open_draft(args.file) as opened:
        outcome = merge_copy(opened.store, args.other, ours=opened.letter,
                             template=opened.template)
    for notice in outcome.notices:  # a copy on another template version was migrated
        print(notice, file=sys.stderr)
    return _report(outcome, Path(args.file).name, Path(args.other).name, out)


def cmd_merge_driver(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """git's merge driver: `%O %A %B`; the result goes into OURS (%A)."""
    out = out or sys.stderr  # git shows the driver's output; stdout is not the file
    from drafting.storage.merging import merge_copy
    from drafting.storage.store import DraftStore

    base = None
    base_path = Path(args.base)
    if base_path.is_file() and base_path.stat().st_size > 0:
        with DraftStore.open(base_path, read_only=True) as store:
            base = store.load()
    # An empty base (both branches added the file) leaves the ancestor to the histories.
    with DraftStore.open(args.ours) as store:
        outcome = merge_copy(store, args.theirs, base=base, base_label=_("git merge base"),
                             other_name=_("the other branch"))
    return _report(outcome, _("this branch"), _("the other branch"), out)


def _report(outcome: object, file: str, other: str, out: TextIO) -> int:
    from drafting.storage.merging import MergeOutcome

    assert isinstance(outcome, MergeOutcome)
    result = outcome.result
    if outcome.up_to_date:
        print(_("{file} already holds everything in {other}.").format(file=file, other=other),
              file=out)
    else:
        print(_("Merged {other} into {file} (common version: {base}).").format(
            other=other, file=file, base=outcome.base or "?"), file=out)
        print("  " + ngettext("{n} change taken from {other}", "{n} changes taken from {other}",
                              result.taken).format(n=result.taken, other=other), file=out)
        print("  " + ngettext("{n} revision added to the history",
                              "{n} revisions added to the history",
                              outcome.imported).format(n=outcome.imported), file=out)
    for note in result.notes:
        print("  " + note, file=out)
    return _print_conflicts(outcome.letter, out)


def _print_conflicts(letter: object, out: TextIO) -> int:
    from drafting.checks.conflicts import conflict_findings
    from drafting.letter import Letter

    assert isinstance(letter, Letter)
    if not letter.conflicts:
        print(_("No conflicts."), file=out)
        return EXIT_OK
    print(ngettext("{n} conflict to resolve (both versions are kept in the draft):",
                   "{n} conflicts to resolve (both versions are kept in the draft):",
                   len(letter.conflicts)).format(n=len(letter.conflicts)), file=out)
    for c, f in zip(letter.conflicts, conflict_findings(letter), strict=True):
        where = f.section or _("letter details")
        if f.paragraph is not None:
            where += f"/{f.paragraph + 1}"
        print(f"  {c.id:<28} {where:<16} {f.message}", file=out)
    print(_("Choose in the window (File › Resolve merge conflicts…), or: missive merge "
            "FILE --take mine|theirs [--conflict ID]"), file=out)
    return EXIT_CONFLICTS


def _resolve(args: argparse.Namespace, out: TextIO) -> int:
    from drafting import edits
    from drafting.cli.handlers import UsageError
    from drafting.storage.opening import open_draft

    side = "ours" if args.take == "mine" else "theirs"
    with open_draft(args.file) as opened:
        letter = opened.letter
        ids = [c.id for c in letter.conflicts]
        if args.conflict is not None:
            if args.conflict not in ids:
                raise UsageError(_("{file} has no conflict '{id}' (it has: {ids})").format(
                    file=Path(args.file).name, id=args.conflict, ids=", ".join(ids) or "—"))
            ids = [args.conflict]
        if ids:
            opened.save_migration()
            change = edits.resolve_conflicts(letter, ids, side)  # type: ignore[arg-type]
            letter = change.apply(letter)
            opened.store.save(letter, name=change.label)
        print(ngettext("{n} conflict resolved.", "{n} conflicts resolved.", len(ids)).format(
            n=len(ids)), file=out)
    return _print_conflicts(letter, out)
