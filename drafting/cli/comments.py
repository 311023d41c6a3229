"""`comment`: answering reviewers from a shell.

    missive comment FILE list [--all]
    missive comment FILE reply ID TEXT [--author NAME]
    missive comment FILE resolve ID… | reopen ID…

Unresolved comment threads block a final export (`review.unresolved_comment`),
so a writer who works from the command line must be able to answer and
resolve them, as the window's Comments panel does: the same edits
(`drafting.edits.review.reply`, `resolve`) saved as one named revision each
time. A comment is named by its id as `check --json` and `comment list` print
it, or by a prefix of at least four characters that names one comment only.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any, TextIO

from drafting.cli.display import printable
from drafting.i18n import _

if TYPE_CHECKING:
    from drafting.annotations import Comment
    from drafting.letter import Letter

MIN_PREFIX = 4


def add_parsers(sub: Any) -> None:
    """The `comment` sub-command on `sub` (argparse sub-parsers)."""
    p = sub.add_parser("comment", help=_("list, answer and resolve reviewers' comments"))
    p.add_argument("file")
    # Sub-actions report bad usage in one line, as their command does.
    actions = p.add_subparsers(dest="comment_action", required=True, parser_class=type(p))
    a = actions.add_parser("list", help=_("the open comment threads"))
    a.add_argument("--all", action="store_true", help=_("resolved threads too"))
    a = actions.add_parser("reply", help=_("answer a comment"))
    a.add_argument("id")
    a.add_argument("text")
    a.add_argument("--author", help=_("the name the reply carries (default: your login name)"))
    for name, text in (("resolve", _("mark comment threads resolved")),
                       ("reopen", _("open resolved comment threads again"))):
        a = actions.add_parser(name, help=text)
        a.add_argument("ids", nargs="+", metavar="ID")


def _threads(letter: Letter) -> list[tuple[Comment, list[Comment]]]:
    from drafting.annotations import threads

    return threads(letter.comments)


def _find(letter: Letter, wanted: str) -> Comment:
    """The comment `wanted` names: its id, or a prefix naming one comment only."""
    from drafting.cli.handlers import UsageError

    exact = [c for c in letter.comments if c.id == wanted]
    if exact:
        return exact[0]
    found = [c for c in letter.comments if len(wanted) >= MIN_PREFIX and c.id.startswith(wanted)]
    if len(found) == 1:
        return found[0]
    if found:
        raise UsageError(_("{id} names several comments; give more of the id").format(
            id=printable(wanted)))
    raise UsageError(_("no comment {id} in this draft (missive comment FILE list --all shows "
                       "them)").format(id=printable(wanted)))


def _print_threads(letter: Letter, every: bool, out: TextIO) -> None:
    from drafting.checks.review import comment_place

    shown = 0
    for first, replies in _threads(letter):
        if first.resolved and not every:
            continue
        shown += 1
        section, paragraph = comment_place(letter, first)
        where = (section or "-") + ("" if paragraph is None else f"/{paragraph + 1}")
        state = _("resolved") if first.resolved else _("open")
        print(printable(f"{first.id}  {where:<18} [{state}] "
                        f"{first.author or _('An unknown reviewer')}: {first.text}"), file=out)
        if first.quote:
            print(printable("    " + _("on “{words}”").format(words=first.quote)), file=out)
        for r in replies:
            print(printable(f"    {r.id}  {r.author or '-'}: {r.text}"), file=out)
    if not shown:
        print(_("No comment thread.") if every else _("No open comment thread."), file=out)


def cmd_comment(args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    from drafting.edits import review as decide
    from drafting.storage.opening import load_letter, open_draft

    if args.comment_action == "list":
        letter, _template, notices = load_letter(args.file)
        for notice in notices:
            print(printable(notice), file=sys.stderr)
        _print_threads(letter, args.all, out)
        return 0
    with open_draft(args.file) as opened:
        for notice in opened.notices:
            print(printable(notice), file=sys.stderr)
        letter = opened.letter
        if args.comment_action == "reply":
            if not args.text.strip():
                from drafting.cli.handlers import UsageError

                raise UsageError(_("a reply needs some text"))
            target = _find(letter, args.id)
            change = decide.reply(letter, target.id, args.text, _author(args.author))
        else:
            targets = [_find(letter, wanted).id for wanted in args.ids]
            change = decide.resolve(letter, targets, args.comment_action == "resolve")
        opened.save_migration()
        if change.empty:
            print(_("Nothing to change: those threads are already resolved.")
                  if args.comment_action == "resolve"
                  else _("Nothing to change: those threads are already open."), file=out)
            return 0
        opened.store.save(change.apply(letter), name=change.label)
    print(change.label, file=out)
    return 0


def _author(given: str | None) -> str:
    """Who a reply is from: `--author`, else the login name (as the window's default)."""
    if given and given.strip():
        return given.strip()
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""
