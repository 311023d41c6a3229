"""The headless commands of DESIGN §5 (everything but the GUI and screenshots).

Each `cmd_*` takes parsed arguments and returns an exit code: 0 success,
1 findings block the request, 2 bad usage or bad input. Errors raised on
purpose (`MissiveError`) become one line on stderr in `drafting.cli.run_command`.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from drafting.cli.display import printable, printable_stream
from drafting.errors import (
    DraftChangedError,
    DraftError,
    MissiveError,
    TemplateError,
    UnknownSectionError,
    UnreadableLetterError,
)
from drafting.i18n import _, ngettext
from drafting.letter import Letter
from drafting.templates.model import Template

if TYPE_CHECKING:  # imported where a command needs them
    from drafting.checks.result import CheckResult
    from drafting.findings import Finding
    from drafting.importers.contrib import Contribution
    from drafting.storage.opening import OpenedDraft

EXIT_OK = 0
EXIT_BLOCKED = 1
EXIT_BAD = 2

LANGUAGES = ("en", "fr", "es", "ru", "ar", "zh")


class UsageError(MissiveError):
    """Bad command-line usage (exit 2)."""


_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DAY_FIRST_RE = re.compile(r"[0-9]{1,2}[/.-][0-9]{1,2}[/.-][0-9]{2,4}")
# Far enough from the ends of the calendar that a reporting period, six
# months on, and every date derived from it still exist.
_FIRST_YEAR, _LAST_YEAR = 1945, 2999


def parse_date(text: str) -> date:
    """A date as the window reads one: ISO ("2020-11-30"), day first
    ("30/11/2020") or written out ("30 November 2020", "1er juin 2020"), in a
    range where every derived date exists."""
    from drafting.i18n import current_language
    from drafting.locale_format import parse_date as read_date

    shown = printable(text)
    try:
        day = read_date(text, (current_language(),))
    except ValueError:
        day = None
    if day is None:
        if _DATE_RE.fullmatch(text.strip()) or _DAY_FIRST_RE.fullmatch(text.strip()):
            raise UsageError(_("invalid date '{text}': there is no such day").format(
                text=shown))
        raise UsageError(_("invalid date '{text}': write it 2020-11-30, 30/11/2020 or "
                           "30 November 2020").format(text=shown))
    if not _FIRST_YEAR <= day.year <= _LAST_YEAR:
        raise UsageError(_("invalid date '{text}': the year must be between {first} and "
                           "{last}").format(text=shown, first=_FIRST_YEAR, last=_LAST_YEAR))
    return day


def _warn(findings: list[Finding]) -> None:
    """Findings about what was read (`input.*`), one line each on stderr."""
    from drafting.findings import severity_label

    for f in findings:
        print(printable(f"{severity_label(f.severity).lower()}: {f.code}: {f.message}"),
              file=sys.stderr)


def _given_details(letter: Letter, template: Template, args: argparse.Namespace) -> Letter:
    """`letter` with the symbol, date and job number given on the command line."""
    from drafting import edits

    given: dict[str, Any] = {}
    if getattr(args, "symbol", None):
        given["symbol"] = args.symbol.strip()
    if getattr(args, "date", None):
        given["date"] = given["letter_date"] = parse_date(args.date)
    if getattr(args, "job", None):
        given["job_number"] = args.job.strip()
    for name, value in given.items():
        letter = edits.set_metadata(letter, template, name, value).apply(letter)
    return letter


def _open_letter(path: str) -> tuple[Letter, Template]:
    """The latest letter of a draft on its template's current version (read only)."""
    from drafting.storage.opening import load_letter

    letter, template, notices = load_letter(path)
    for notice in notices:
        print(printable(notice), file=sys.stderr)
    return letter, template


def cmd_new(args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = printable_stream(out or sys.stdout)
    from drafting.storage.store import DraftStore
    from drafting.templates.catalog import create_letter, get_template

    target = Path(args.output)
    if target.exists():
        raise UsageError(_("{path} already exists; choose another name").format(path=target))
    template = get_template(args.template)
    if args.language not in template.languages:
        raise UsageError(
            _("template {id} has no language '{lang}' (it has: {langs})").format(
                id=template.id, lang=args.language, langs=", ".join(template.languages)
            )
        )
    day = parse_date(args.date) if args.date else None
    letter = create_letter(
        template,
        args.language,
        symbol=args.symbol or "",
        date=day,
        job_number=args.job or "",
    )
    # Created exclusively: of two `new -o` on one name, one is refused.
    with DraftStore.create(target, letter, name=_("Created")):
        pass
    print(_("Created {path} from template {id} ({lang})").format(
        path=target, id=template.id, lang=args.language), file=out)
    return EXIT_OK


# Another process may commit to the same file through another name (a hard
# link) between our read and our write; the store then refuses the write
# and the fill is done again on the newer letter.
_FILL_ATTEMPTS = 20


def cmd_fill(args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = printable_stream(out or sys.stdout)
    contribution: Contribution | None = None
    for attempt in range(_FILL_ATTEMPTS):
        try:
            contribution = _fill_once(args, contribution)
            break
        except DraftChangedError as exc:
            if exc.replaced or attempt == _FILL_ATTEMPTS - 1:
                raise
            import random
            import time

            time.sleep(random.uniform(0.01, 0.05) * (attempt + 1))
    assert contribution is not None
    n = len(contribution.blocks)
    print(ngettext("{n} paragraph put into section {section}",
                   "{n} paragraphs put into section {section}", n).format(
        n=n, section=args.section), file=out)
    replaced = getattr(args, "replaced", 0)
    if replaced:
        # fill replaces the section (--append adds): say what went, and how to get it back
        print(ngettext("It replaced {n} paragraph that was there; missive history lists the "
                       "revisions that still hold it.",
                       "It replaced {n} paragraphs that were there; missive history lists the "
                       "revisions that still hold them.", replaced).format(n=replaced),
              file=out)
    return EXIT_OK


def _fill_once(args: argparse.Namespace, contribution: Contribution | None) -> Contribution:
    """One read-modify-write of `fill`; the contribution is read (and its
    findings told) the first time only."""
    from drafting import edits
    from drafting.importers.contrib import read_contribution_file
    from drafting.storage.opening import open_draft

    with open_draft(args.file) as opened:
        ids = opened.letter.section_ids()
        if args.section not in ids:
            raise UnknownSectionError(args.section, ids)
        if contribution is None:
            contribution = read_contribution_file(args.source)
            if not any(b.text.strip() for b in contribution.blocks):
                # an empty file would silently replace the section with nothing
                raise UsageError(_("{file} holds no text; section {section} was left as "
                                   "it is").format(file=printable(Path(args.source).name),
                                                   section=args.section))
            _warn(contribution.findings)
            for notice in opened.notices:
                print(printable(notice), file=sys.stderr)
        opened.save_migration()
        replaced = 0 if args.append else sum(
            1 for b in opened.letter.section(args.section).blocks if b.text.strip())
        change = edits.fill_section(opened.letter, args.section, contribution.blocks,
                                    Path(args.source).name, append=args.append)
        opened.store.save(change.apply(opened.letter), name=change.label)
    args.replaced = replaced
    return contribution


def cmd_check(args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    from drafting.checks import run_checks

    letter, template = _open_letter(args.file)
    # The text marks with "!" what blocks a final version, so it always applies
    # the final rule (every error blocks); the JSON keeps DESIGN §5's meaning.
    result = run_checks(letter, template, final=args.final or not args.json)
    if args.json:
        data = result.to_json(letter.template_id, letter.metadata.language)
        print(json.dumps(data, ensure_ascii=False, indent=2), file=out)
    else:
        _print_check(result, printable_stream(out))
    if args.final and result.blocking():
        return EXIT_BLOCKED
    return EXIT_OK


_MARKS = {"confirmed": "✓", "detected": "?", "carried": "↻"}


def _print_check(result: CheckResult, out: TextIO) -> None:
    from drafting.checks.coverage import coverage_summary

    reqs = result.requirements
    counts = result.coverage_counts()
    print(_("Requirements: {summary}").format(summary=coverage_summary(counts)), file=out)
    for r in reqs:
        mark = _MARKS.get(r.source or "", "✗")
        state = {"confirmed": _("confirmed"), "detected": _("suggested"),
                 "carried": _("carried")}.get(r.source or "", _("missing"))
        where = ""
        if r.evidence:
            where = f"  {r.evidence[0].section}/{r.evidence[0].paragraph + 1}"
        print(f"  {mark} {r.id:<36} {r.ref:<10} {state}{where}", file=out)
    findings = result.reported()  # grouped, blocking first
    blocking = sum(1 for f in findings if f.blocking)
    print(_("Findings: {n}").format(n=len(findings))
          + (" " + ngettext("({n} marked ! blocks a final version)",
                            "({n} marked ! block a final version)", blocking).format(n=blocking)
             if blocking else ""), file=out)
    from drafting.findings import severity_label

    labels = {f.severity: severity_label(f.severity) for f in findings}
    width = max((len(label) for label in labels.values()), default=7)
    for f in findings:
        where = f.section or "-"
        if f.paragraph is not None:
            where += f"/{f.paragraph + 1}"
        mark = "!" if f.blocking else " "
        print(f"  {labels[f.severity]:<{width}} {mark} {f.code:<32} {where:<16} "
              f"{printable(f.message)}", file=out)


def cmd_export(args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = printable_stream(out or sys.stdout)
    from drafting.cli.review import export_stamp, open_for_export
    from drafting.export import export_docx
    from drafting.storage.opening import revision_id
    from drafting.storage.outputs import check_output

    compare = getattr(args, "compare_to", None)
    if args.final and compare:
        # A final export never carries deleted text, and tracked changes are
        # deleted text: a final redline is refused (docs/reliability.md).
        raise UsageError(_(
            "--final cannot be combined with --compare-to: a final export never carries "
            "tracked changes or deleted text. Export the final version without "
            "--compare-to, or a draft with tracked changes without --final."))
    check_output(args.output, kind="docx", sources=[
        args.file, compare if compare and revision_id(compare) is None else None])
    opened, note = open_for_export(args.file)
    with opened:
        from drafting.storage.exports import draft_identity
        from drafting.storage.outputs import check_docx_owner

        check_docx_owner(args.output, draft_identity(opened.store))
        return _export(args, opened, note, out, export_docx, export_stamp)


# Blocking findings listed when a final export is refused (check lists them all).
_SHOWN_BLOCKERS = 20


def _export(args: argparse.Namespace, opened: OpenedDraft, note: str, out: TextIO,
            export_docx: Any, export_stamp: Any) -> int:
    """`export` once the draft is open (for writing when it can be)."""
    compare = getattr(args, "compare_to", None)
    for notice in opened.notices:
        print(notice, file=sys.stderr)
    letter, template = opened.letter, opened.template
    if args.final:
        # Imported here: a draft export does not need the checks' ~40 ms of imports.
        from drafting.checks import run_checks

        result = run_checks(letter, template, final=True)
        blocking = [f for f in result.reported() if f.blocking]
        if blocking:
            print(ngettext("Final export refused: {n} blocking finding remains.",
                           "Final export refused: {n} blocking findings remain.",
                           len(blocking)).format(n=len(blocking)), file=sys.stderr)
            for f in blocking[:_SHOWN_BLOCKERS]:
                where = (f.section or "-") + ("" if f.paragraph is None
                                              else f"/{f.paragraph + 1}")
                print(printable(f"  {where:<16} {f.code}: {f.message}"), file=sys.stderr)
            if len(blocking) > _SHOWN_BLOCKERS:
                more = len(blocking) - _SHOWN_BLOCKERS
                print(ngettext("  … and {n} more: missive check {file} lists them all.",
                               "  … and {n} more: missive check {file} lists them all.",
                               more).format(n=more, file=printable(args.file)),
                      file=sys.stderr)
            return EXIT_BLOCKED
    if compare:
        from drafting.export.redline import export_redline
        from drafting.storage.opening import load_compared

        old, new = load_compared(args.file, compare, template)
        stamp = export_stamp(opened, new, args.output)
        export_redline(old, new, args.output, template, stamp=stamp,
                       comments=getattr(args, "comments", True))
        if note:
            print(note, file=sys.stderr)
        print(_("Exported {path}").format(path=args.output), file=out)
        return EXIT_OK
    stamp = export_stamp(opened, letter, args.output)
    exported = export_docx(letter, template, args.output, final=args.final, stamp=stamp,
                           comments=getattr(args, "comments", True))
    if note:
        print(note, file=sys.stderr)
    _warn(exported.findings)
    print(_("Exported {path}").format(path=exported.path), file=out)
    return EXIT_OK


def cmd_template(args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = printable_stream(out or sys.stdout)
    from drafting.templates.catalog import discover_templates, validate_template_file

    if args.template_command == "validate":
        problems = validate_template_file(args.path)
        if problems:
            for p in problems:
                print(printable(p), file=sys.stderr)
            return EXIT_BAD
        print(_("{path}: valid").format(path=args.path), file=out)
        return EXIT_OK
    rows = [
        (t.id, str(t.version), t.origin, " ".join(t.languages)) for t in discover_templates()
    ]
    header = (_("id"), _("version"), _("origin"), _("languages"))
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(4)]
    for r in [header, *rows]:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip(), file=out)
    return EXIT_OK


def cmd_history(args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = printable_stream(out or sys.stdout)
    from drafting.storage.store import DraftStore

    try:
        with DraftStore.open(args.file, read_only=True) as store:
            revisions = store.revisions()
    except UnreadableLetterError as exc:
        return _history_of_damaged(args.file, exc, out)
    for r in revisions:
        created = r.when().ljust(19)
        print(f"{r.id:>5}  {created}  {r.kind:<8}  {r.words:>6}  {printable(r.name)}",
              file=out)
    return EXIT_OK


def _history_of_damaged(path: str, error: UnreadableLetterError, out: TextIO) -> int:
    """A draft whose newest letter cannot be read: every revision is listed
    from a private copy (`drafting.storage.recovery`), the unreadable ones
    marked, and the refusal is the one line on stderr (exit 2)."""
    from drafting.storage.recovery import list_recoverable

    try:
        found = list_recoverable(path)
    except DraftError:
        raise error from None
    for r in found:
        created = r.created.strftime("%Y-%m-%d %H:%M:%S") if r.created else "?" * 19
        mark = "" if r.readable else "  " + _("(cannot be read: {problem})").format(
            problem=r.problem)
        print(f"{r.id:>5}  {created}  {r.kind:<8}  {r.words:>6}  {printable(r.name)}{mark}",
              file=out)
    raise error


def cmd_import(args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = printable_stream(out or sys.stdout)
    from drafting.importers import format_mapping_table, import_letter
    from drafting.storage.store import DraftStore
    from drafting.templates.catalog import get_template

    target = Path(args.output)
    if target.exists():
        raise UsageError(_("{path} already exists; choose another name").format(path=target))
    if getattr(args, "date", None):
        parse_date(args.date)  # a bad date is refused before any work, nothing said
    template = get_template(args.template)
    result = import_letter(args.source, template, args.language)
    letter = result.letter
    if not args.no_carry:
        from drafting.importers.carry import carry_forward, carry_summary

        carried = _given_details(carry_forward(letter, template=template), template, args)
        for line in carry_summary(letter, carried):  # the dates as they are now set
            print(line, file=out)
        letter = carried
    letter = _given_details(letter, template, args)
    with DraftStore.create(target, letter, name=_("Imported from {name}").format(
            name=Path(args.source).name)):
        pass
    print(format_mapping_table(result.mapping), file=out)
    for notice in result.notices:
        print(notice, file=out)
    _warn(result.findings)
    print(_("Created {path}").format(path=target), file=out)
    return EXIT_OK


__all__ = [
    "DraftError",
    "TemplateError",
    "UsageError",
    "cmd_check",
    "cmd_export",
    "cmd_fill",
    "cmd_history",
    "cmd_import",
    "cmd_new",
    "cmd_template",
]
