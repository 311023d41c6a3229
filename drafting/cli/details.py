"""`details` and `period`: the letter's details from a shell.

    missive details FILE [--symbol S] [--date YYYY-MM-DD] [--letter-date YYYY-MM-DD]
                         [--job NN-NNNNN] [--signatory NAME] [--addressee TEXT]
    missive period FILE [--start YYYY-MM-DD] [--end YYYY-MM-DD] [--clear-start] [--clear-end]

What the window's Letter details page sets, for a writer who works from the
command line: a letter made from last period's letter has no symbol and no
job number yet (both are cleared), and a final version needs them. Each
change is the domain's own edit (`drafting.edits.set_metadata`,
`drafting.edits.period.set_period`, which also writes the period into the
opening where the template names it), saved as one named revision. Without
options, each command prints what is set.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import TYPE_CHECKING, Any, TextIO

from drafting.cli.display import printable
from drafting.i18n import _

if TYPE_CHECKING:
    from drafting.letter import Letter

# option -> metadata field, and whether it is a date
_DETAILS = (("symbol", "symbol", False), ("date", "date", True),
            ("letter_date", "letter_date", True), ("job", "job_number", False),
            ("signatory", "signatory", False), ("addressee", "addressee", False))


def add_parsers(sub: Any) -> None:
    """The `details` and `period` sub-commands on `sub` (argparse sub-parsers)."""
    p = sub.add_parser("details", help=_("show or set the letter's details"))
    p.add_argument("file")
    p.add_argument("--symbol", help=_("the document symbol, e.g. S/2020/1180"))
    p.add_argument("--date", help=_("the date in the masthead (YYYY-MM-DD)"))
    p.add_argument("--letter-date", dest="letter_date",
                   help=_("the date in the title, “Letter dated …” (YYYY-MM-DD)"))
    p.add_argument("--job", help=_("the job number, e.g. 20-17521"))
    p.add_argument("--signatory")
    p.add_argument("--addressee")

    p = sub.add_parser("period", help=_("show or set the reporting period"))
    p.add_argument("file")
    p.add_argument("--start", help="YYYY-MM-DD")
    p.add_argument("--end", help="YYYY-MM-DD")
    p.add_argument("--clear-start", action="store_true", help=_("unset the first day"))
    p.add_argument("--clear-end", action="store_true", help=_("unset the last day"))


def cmd_details(args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    from drafting import edits
    from drafting.cli.handlers import parse_date
    from drafting.storage.opening import load_letter, open_draft

    wanted: dict[str, Any] = {}
    for option, name, is_date in _DETAILS:
        value = getattr(args, option)
        if value is not None:
            wanted[name] = parse_date(value) if is_date else " ".join(value.split())
    if not wanted:
        letter, _template, _notices = load_letter(args.file)
        _print_details(letter, out)
        return 0
    with open_draft(args.file) as opened:
        for notice in opened.notices:
            print(printable(notice), file=sys.stderr)
        opened.save_migration()
        letter = opened.letter
        changed = False
        for name, value in wanted.items():
            change = edits.set_metadata(letter, opened.template, name, value)
            if not change.empty:
                letter = change.apply(letter)
                changed = True
        if changed:
            opened.store.save(letter, name=_("Change letter details"))
    _print_details(letter, out)
    return 0


def _print_details(letter: Letter, out: TextIO) -> None:
    m = letter.metadata
    unset = _("not set")
    rows = ((_("Symbol"), m.symbol), (_("Masthead date"), m.date),
            (_("Letter date"), m.letter_date), (_("Job number"), m.job_number),
            (_("Signatory"), m.signatory), (_("Addressee"), m.addressee))
    for label, value in rows:
        text = value.isoformat() if isinstance(value, date) else (value or unset)
        print(printable(f"{label}: {text}"), file=out)
    print(_period_line(letter), file=out)


def cmd_period(args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    from drafting.cli.handlers import UsageError, parse_date
    from drafting.edits.period import set_period
    from drafting.storage.opening import load_letter, open_draft

    wanted: dict[str, date | None] = {}
    for name, value, clear in (("period_start", args.start, args.clear_start),
                               ("period_end", args.end, args.clear_end)):
        if value is not None and clear:
            raise UsageError(_("give a date or clear it, not both"))
        if value is not None:
            wanted[name] = parse_date(value)
        elif clear:
            wanted[name] = None
    if not wanted:
        letter, _template, _notices = load_letter(args.file)
        print(_period_line(letter), file=out)
        return 0
    with open_draft(args.file) as opened:
        for notice in opened.notices:
            print(printable(notice), file=sys.stderr)
        letter = opened.letter
        start = wanted.get("period_start", letter.metadata.period_start)
        end = wanted.get("period_end", letter.metadata.period_end)
        if start is not None and end is not None and end < start:
            raise UsageError(_("the period cannot end ({end}) before it starts ({start})")
                             .format(start=start.isoformat(), end=end.isoformat()))
        opened.save_migration()
        changed = 0
        for name, value in wanted.items():
            change = set_period(letter, opened.template, name, value)
            if not change.empty:
                letter = change.apply(letter)
                changed += 1
        if changed:
            opened.store.save(letter, name=_("Set the reporting period"))
    print(_period_line(letter), file=out)
    return 0


def _period_line(letter: Letter) -> str:
    meta = letter.metadata
    if meta.period_start is None and meta.period_end is None:
        return _("Reporting period: not set")
    return _("Reporting period: {start} to {end}").format(
        start=meta.period_start.isoformat() if meta.period_start else "?",
        end=meta.period_end.isoformat() if meta.period_end else "?")
