"""`review` and `suggestion`: a reviewed copy back into the draft, and the writer's decisions.

    missive review FILE REVIEWED.docx [--author NAME] [--accept-all | --reject-all]
    missive suggestion FILE accept|reject ID… | all [--author NAME]
    missive suggestion FILE list

`review` records the copy's suggestions and comments as a named revision
("Review by …"); nothing of the text changes unless `--accept-all` says so.
A copy that is not from this draft, from a revision the draft no longer
holds, or not a readable DOCX is refused in one line (exit 2), the draft
untouched. A suggestion that no longer fits the text (the writer changed
those words since) is not applied: it is named on stderr and the exit code is 1.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from drafting.cli.display import printable
from drafting.i18n import _, ngettext

if TYPE_CHECKING:
    from drafting.edits import Change
    from drafting.letter import Letter
    from drafting.review.stamp import ExportStamp
    from drafting.storage.opening import OpenedDraft
    from drafting.storage.store import DraftStore

EXIT_OK = 0
EXIT_BLOCKED = 1
EXIT_BAD = 2


def add_parsers(sub: argparse._SubParsersAction[Any]) -> None:
    """The `review` and `suggestion` sub-commands."""
    p = sub.add_parser("review", help=_("bring a reviewed copy of an export back in"))
    p.add_argument("file")
    p.add_argument("reviewed")
    p.add_argument("--author", help=_("who made the edits that were not tracked"))
    choice = p.add_mutually_exclusive_group()
    choice.add_argument("--accept-all", action="store_true")
    choice.add_argument("--reject-all", action="store_true")

    p = sub.add_parser("suggestion", help=_("accept or reject reviewers' suggestions"))
    p.add_argument("file")
    p.add_argument("action", choices=("accept", "reject", "list"))
    p.add_argument("ids", nargs="*", metavar="ID|all")
    p.add_argument("--author", help=_("only this reviewer's suggestions (with all)"))


def open_for_export(path: str) -> tuple[OpenedDraft, str]:
    """The draft an export reads, open for writing when it can be, so the
    exported letter can be kept as a revision (`export_stamp`); else read only,
    with a note for the writer, printed once the export is written.

    A draft another window holds, or one that cannot be written here, is read,
    not written: the stamp then names its newest revision, which a later save
    may replace.
    """
    from drafting.errors import DraftError, DraftLockedError
    from drafting.storage.opening import open_draft

    file = Path(path).name
    try:
        return open_draft(path), ""
    except DraftLockedError:
        note = _("note: {file} is open in Missive, so this export is not recorded as a "
                 "revision; a reviewed copy of it comes back only while that revision "
                 "is kept.").format(file=file)
    except DraftError:
        # not writable here (a read-only folder or file); a draft that cannot
        # be read at all fails again below, with its own words
        note = _("note: {file} cannot be written here, so this export is not recorded "
                 "as a revision; a reviewed copy of it comes back only while that "
                 "revision is kept.").format(file=file)
    return open_draft(path, read_only=True), note


def export_stamp(opened: OpenedDraft, letter: Letter, output: str) -> ExportStamp | None:
    """The stamp of exporting `letter` from `opened` to `output`: the letter kept
    as a revision of the draft when the draft is open for writing."""
    from drafting.errors import DraftError
    from drafting.storage.exports import record_export

    try:
        return record_export(opened.store, letter, Path(output).name).stamp
    except DraftError:
        return None


def cmd_review(args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    from drafting.edits import review as decide
    from drafting.errors import NothingReviewedError
    from drafting.storage.opening import open_draft
    from drafting.storage.reviews import bring_in

    with open_draft(args.file) as opened:
        for notice in opened.notices:
            print(notice, file=sys.stderr)
        opened.save_migration()
        try:
            brought = bring_in(opened.store, opened.letter, opened.template, args.reviewed,
                               editor=args.author)
        except NothingReviewedError as exc:
            print(exc, file=out)  # not an error: the copy is simply the one sent out
            return EXIT_OK
        for notice in brought.notices:
            print(_("note: {notice}").format(notice=notice), file=sys.stderr)
        letter = brought.change.apply(opened.letter)
        opened.store.save(letter, name=brought.change.label)
        print(brought.summary(), file=out)
        _print_pending(letter, [s.id for s in brought.outcome.suggestions], out)
        if not (args.accept_all or args.reject_all):
            return EXIT_OK
        ids = [s.id for s in brought.outcome.suggestions]
        change = decide.accept(letter, ids) if args.accept_all else decide.reject(letter, ids)
        return _save_decision(opened.store, letter, change, out)


def cmd_suggestion(args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    from drafting.cli.handlers import UsageError
    from drafting.edits import review as decide
    from drafting.storage.opening import open_draft

    if args.action == "list":
        from drafting.storage.opening import load_letter

        letter, _template, _notices = load_letter(args.file)
        _print_pending(letter, [s.id for s in decide.pending(letter, args.author)], out)
        return EXIT_OK
    if not args.ids:
        raise UsageError(_("name the suggestions to {action} (their ids, or all)").format(
            action=args.action))
    with open_draft(args.file) as opened:
        letter = opened.letter
        if args.ids == ["all"]:
            ids = [s.id for s in decide.pending(letter, args.author)]
        else:
            known = {s.id: s for s in letter.suggestions}
            named: list[str] = []
            for wanted in args.ids:
                # the id as listed, or its first characters (four at least) naming one
                found = [wanted] if wanted in known else [
                    i for i in known if len(wanted) >= 4 and i.startswith(wanted)]
                if len(found) != 1:
                    raise UsageError(_("no suggestion {id} in {file}").format(
                        id=printable(wanted), file=printable(args.file)))
                named.append(found[0])
            decided = [i for i in named if not known[i].pending]
            for i in decided:
                print(_("Suggestion {id} was already {status}.").format(
                    id=i, status=_status(known[i].status)), file=sys.stderr)
            ids = [i for i in named if known[i].pending]
        opened.save_migration()
        change = decide.accept(letter, ids) if args.action == "accept" \
            else decide.reject(letter, ids)
        return _save_decision(opened.store, letter, change, out)


def _status(status: str) -> str:
    return {"accepted": _("accepted"), "rejected": _("rejected")}.get(status, status)


def _save_decision(store: DraftStore, letter: Letter, change: Change, out: TextIO) -> int:
    for notice in change.notices:
        print(notice, file=sys.stderr)
    if not change.empty:
        store.save(change.apply(letter), name=change.label)
    print(change.label, file=out)
    return EXIT_BLOCKED if change.notices else EXIT_OK


def _print_pending(letter: Letter, ids: list[str], out: TextIO) -> None:
    from drafting.checks.review import describe, suggestion_place
    from drafting.edits import review as decide

    wanted = set(ids)
    shown = [s for s in letter.suggestions if s.id in wanted and s.pending]
    for s in shown:
        section, paragraph = suggestion_place(letter, s)
        where = section + ("" if paragraph is None else f"/{paragraph + 1}")
        print(f"  {s.id}  {where:<18} {describe(s)}", file=out)
    if not shown:
        print(ngettext("{n} suggestion waits for a decision.",
                       "{n} suggestions wait for a decision.",
                       len(decide.pending(letter))).format(n=len(decide.pending(letter))),
              file=out)
