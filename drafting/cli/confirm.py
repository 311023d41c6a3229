"""`missive confirm`: the writer's confirmations from the command line (DESIGN §5).

    confirm FILE --requirement ID [--paragraph SECTION:N]
    confirm FILE --requirement ID --unlink [--paragraph SECTION:N]
    confirm FILE --all-suggested
    confirm FILE --carried all|SECTION

Detection only *suggests* evidence; a final version needs every requirement
confirmed. `--paragraph` counts paragraphs from 1 within the section, as
`check` prints them (`security/3`); without it the requirement's best
suggestion is confirmed. `--carried` accepts carried-over paragraphs as this
period's text. `--unlink` takes a confirmation back (of that paragraph, or
every one of the requirement), as the guidance panel's Unlink does. The same
`drafting.edits` operations serve the window.
"""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from drafting.cli.handlers import EXIT_OK, UsageError
from drafting.i18n import _, ngettext
from drafting.letter import Letter
from drafting.templates.model import Template


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """The `confirm` sub-command's options."""
    p = sub.add_parser(
        "confirm", help=_("confirm requirement evidence or carried-over text"),
        description=_("Confirm that paragraphs meet a requirement, every suggestion at once, "
                      "or carried-over text as this period's."))
    p.add_argument("file")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--requirement", metavar="ID",
                      help=_("the requirement to confirm (its best suggestion, or --paragraph)"))
    what.add_argument("--all-suggested", action="store_true",
                      help=_("confirm every suggested requirement with its best evidence"))
    what.add_argument("--carried", metavar="all|SECTION",
                      help=_("accept the carried-over paragraphs of a section (or all) as "
                             "this period's text"))
    p.add_argument("--unlink", action="store_true",
                   help=_("with --requirement: take the confirmation back (of --paragraph "
                          "only, or all of the requirement's)"))
    p.add_argument("--paragraph", metavar="SECTION:N",
                   help=_("with --requirement: the paragraph that meets it, N counted from 1 "
                          "within the section as `check` prints it (security/3 is "
                          "security:3)"))


def parse_place(text: str) -> tuple[str, int]:
    """"security:3" → ("security", 2): section id and 0-based paragraph index."""
    section, sep, number = text.rpartition(":")
    if not sep:
        section, sep, number = text.rpartition("/")
    if not sep or not section or not number.strip().isdigit() or int(number) < 1:
        raise UsageError(_("invalid paragraph '{text}': use SECTION:N, N counted from 1")
                         .format(text=text))
    return section.strip(), int(number) - 1


def cmd_confirm(args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    from drafting import edits
    from drafting.checks import run_checks
    from drafting.errors import UnknownSectionError
    from drafting.storage.opening import open_draft

    if args.paragraph and not args.requirement:
        raise UsageError(_("--paragraph goes with --requirement"))
    if args.unlink and not args.requirement:
        raise UsageError(_("--unlink goes with --requirement"))
    with open_draft(args.file) as opened:
        letter, template = opened.letter, opened.template
        for notice in opened.notices:
            print(notice, file=sys.stderr)
        if args.carried:
            ids = letter.section_ids()
            if args.carried != "all" and args.carried not in ids:
                raise UnknownSectionError(args.carried, ["all", *ids])
            change = edits.confirm_all_carried(
                letter, None if args.carried == "all" else args.carried)
            message = ngettext("{n} carried paragraph confirmed",
                               "{n} carried paragraphs confirmed", change.count)
        elif args.all_suggested:
            result = run_checks(letter, template)
            change = edits.confirm_suggested(letter, result.requirements)
            message = ngettext("{n} suggested requirement confirmed",
                               "{n} suggested requirements confirmed", change.count)
        else:
            valid = template.requirement_ids()
            if args.requirement not in valid:
                raise UsageError(_("unknown requirement '{id}'; valid requirements: {valid}")
                                 .format(id=args.requirement, valid=", ".join(valid)))
            if args.unlink:
                block = _target(args, letter, template) if args.paragraph else None
                change = edits.unconfirm(letter, args.requirement, block)
                message = (_("{id}: confirmation taken back").format(id=args.requirement)
                           if not change.empty else
                           _("{id} had no such confirmation").format(id=args.requirement))
            else:
                block_id = _target(args, letter, template)
                change = edits.confirm(letter, args.requirement, [block_id])
                message = _("{id} confirmed").format(id=args.requirement)
        opened.save_migration()
        if not change.empty:
            opened.store.save(change.apply(letter), name=change.label)
    print(message.format(n=change.count), file=out)
    return EXIT_OK


def _target(args: argparse.Namespace, letter: Letter, template: Template) -> str:
    """The block to link: the named paragraph, or the best suggestion."""
    from drafting.checks import run_checks
    from drafting.errors import UnknownSectionError

    if args.paragraph:
        section, index = parse_place(args.paragraph)
        ids = letter.section_ids()
        if section not in ids:
            raise UnknownSectionError(section, ids)
        blocks = letter.section(section).blocks
        if index >= len(blocks) or not blocks[index].text.strip():
            raise UsageError(_("section {section} has no paragraph {n} (it has {count})")
                             .format(section=section, n=index + 1, count=len(blocks)))
        return blocks[index].id
    status = run_checks(letter, template).requirement(args.requirement)
    if not status.evidence:
        raise UsageError(_("nothing suggests evidence for {id}; name the paragraph with "
                           "--paragraph SECTION:N").format(id=args.requirement))
    return status.evidence[0].block_id
