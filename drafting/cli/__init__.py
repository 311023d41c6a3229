"""The command line (DESIGN §5): the parser and the dispatch to handlers.

`run_command(argv)` parses, runs one headless command and turns every
expected error into one line on stderr with exit code 2. `main.py` decides
between the GUI and this, and hands in the one command that needs Qt
(`screenshot`) as an extra handler, so nothing here imports Qt.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import NoReturn

from drafting.cli import comments, confirm, details, fix, review
from drafting.cli import merge as merge_cli
from drafting.cli import show as show_cli
from drafting.cli.display import printable
from drafting.cli.handlers import LANGUAGES
from drafting.i18n import _, language_from_environment, set_language

Handler = Callable[[argparse.Namespace], int]

COMMANDS = ("new", "import", "fill", "check", "confirm", "export", "template", "screenshot",
            "history", "merge", "merge-driver", "show", "fix", "review", "suggestion",
            "comment", "details", "period")


class _Parser(argparse.ArgumentParser):
    """argparse that reports bad usage as one line and exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, printable(f"{self.prog}: {message}") + "\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="missive", description=_("Missive drafting assistant"),
                     epilog=merge_cli.git_help(),
                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("new", help=_("a new draft from a template"))
    p.add_argument("-t", "--template", required=True)
    p.add_argument("-l", "--language", required=True, choices=LANGUAGES)
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--symbol")
    p.add_argument("--date", help="YYYY-MM-DD")
    p.add_argument("--job", help="NN-NNNNN")

    p = sub.add_parser("import", help=_("a previous letter mapped onto a template"))
    p.add_argument("source")
    p.add_argument("--no-carry", action="store_true",
                   help=_("keep the letter as it was (no carry-forward to the next period)"))
    p.add_argument("-t", "--template", required=True)
    p.add_argument("-l", "--language", required=True, choices=LANGUAGES)
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--symbol", help=_("the new letter's document symbol"))
    p.add_argument("--date", help=_("the new letter's date (YYYY-MM-DD), in the masthead and "
                                    "the title"))
    p.add_argument("--job", help=_("the new letter's job number"))

    p = sub.add_parser("fill", help=_("put a contributor's text into a section"))
    p.add_argument("file")
    p.add_argument("--section", required=True)
    p.add_argument("--from", dest="source", required=True)
    p.add_argument("--append", action="store_true")

    p = sub.add_parser("check", help=_("findings and requirement coverage"))
    p.add_argument("file")
    p.add_argument("--json", action="store_true")
    p.add_argument("--final", action="store_true")

    confirm.add_parser(sub)

    p = sub.add_parser("export", help=_("the UN-style DOCX"))
    p.add_argument("file")
    p.add_argument("-o", "--output", required=True,
                   help=_("the DOCX to write; never a draft or a file the command reads"))
    p.add_argument("--final", action="store_true",
                   help=_("the version for submission: refused while findings block it; "
                          "never carries placeholders, unassigned or deleted text"))
    p.add_argument("--no-comments", dest="comments", action="store_false",
                   help=_("leave the open comment threads out of a draft export"))
    p.add_argument("--compare-to", dest="compare_to",
                   help=_("a revision number or an older draft or letter: a draft with "
                          "tracked changes (not allowed with --final)"))

    p = sub.add_parser("template", help=_("validate or list templates"))
    tsub = p.add_subparsers(dest="template_command", required=True, parser_class=_Parser)
    v = tsub.add_parser("validate")
    v.add_argument("path")
    tsub.add_parser("list")

    p = sub.add_parser("screenshot", help=_("render the window to a PNG"))
    p.add_argument("file")
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--section")

    p = sub.add_parser("history", help=_("list a draft's revisions"))
    p.add_argument("file")
    merge_cli.add_parsers(sub)
    fix.add_parser(sub)
    review.add_parsers(sub)
    comments.add_parsers(sub)
    details.add_parsers(sub)
    return parser


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def run_command(argv: Sequence[str], extra: Mapping[str, Handler] | None = None) -> int:
    """Run one command; errors become one line on stderr.

    `extra` maps command names to handlers supplied by the caller (the
    screenshot, which needs Qt).
    """
    from drafting.cli import handlers as commands
    from drafting.errors import MissiveError, TemplateError, UnknownSectionError

    # Before the parser is built: its help texts are translated when made.
    set_language(language_from_environment())
    argv = list(argv)
    if any("\x00" in arg for arg in argv):
        # No operating system passes one to a program; a caller that does would
        # reach the file system with it ("embedded null byte").
        print("missive: " + _("an argument holds a NUL character, which no file name or "
                              "value may contain"), file=sys.stderr)
        return 2
    if argv and argv[0] in ("-h", "--help"):
        build_parser().print_help()
        return 0
    if argv and argv[0] not in COMMANDS and not argv[0].startswith("-"):
        print(printable(_("missive: unknown command '{name}' (commands: {commands})").format(
            name=argv[0], commands=", ".join(COMMANDS))), file=sys.stderr)
        return 2
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # --help (0) or bad usage, already said in one line (2)
        return exc.code if isinstance(exc.code, int) else 2
    handlers = {
        "new": commands.cmd_new,
        "import": commands.cmd_import,
        "fill": commands.cmd_fill,
        "check": commands.cmd_check,
        "confirm": confirm.cmd_confirm,
        "export": commands.cmd_export,
        "template": commands.cmd_template,
        "history": commands.cmd_history,
        "merge": merge_cli.cmd_merge,
        "merge-driver": merge_cli.cmd_merge_driver,
        "show": show_cli.cmd_show,
        "fix": fix.cmd_fix,
        "review": review.cmd_review,
        "suggestion": review.cmd_suggestion,
        "comment": comments.cmd_comment,
        "details": details.cmd_details,
        "period": details.cmd_period,
    }
    try:
        if extra and args.command in extra:
            return extra[args.command](args)
        if args.command not in handlers:
            print(_("missive: the command '{name}' needs the graphical interface").format(
                name=args.command), file=sys.stderr)
            return 2
        return handlers[args.command](args)
    except TemplateError as exc:
        for problem in exc.problems:
            print(printable(problem), file=sys.stderr)
        return 2
    except UnknownSectionError as exc:
        # The error's own text is English; say it in the writer's language.
        print(printable("missive: " + _("unknown section '{section}'; valid sections: {valid}")
                        .format(section=exc.section_id, valid=", ".join(exc.valid))),
              file=sys.stderr)
        return 2
    except MissiveError as exc:
        print(printable(f"missive: {exc}"), file=sys.stderr)
        return 2
    except BrokenPipeError:
        # `missive check … | head`: the reader left; nothing to report.
        _silence_stdout()
        return 0
    except OSError as exc:
        print(printable(f"missive: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": ")),
              file=sys.stderr)
        return 2


def wants_gui(args: Sequence[str]) -> bool:
    """Whether `missive ARGS` opens the window: no arguments, or a file to open.

    Sub-commands, options (`--help`, `--version`) and a word that is neither a
    command nor an existing file (a mistyped command) go to the command line.
    """
    if not args:
        return True
    first = args[0]
    if first in COMMANDS or first.startswith("-"):
        return False
    return Path(first).exists() or bool(Path(first).suffix)
