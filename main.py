"""Missive: GUI by default, sub-commands for headless work (DESIGN §5).

    python main.py [FILE]                       the drafting window
    python main.py new|import|fill|check|export|template|screenshot|history …

Exit codes: 0 success, 1 findings block the request, 2 bad usage or input.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from drafting.i18n import _, language_from_environment, set_language

COMMANDS = ("new", "import", "fill", "check", "export", "template", "screenshot", "history")


class _Parser(argparse.ArgumentParser):
    """argparse that reports bad usage as one line and exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    from drafting.commands import LANGUAGES

    parser = _Parser(prog="missive", description=_("Missive drafting assistant"))
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

    p = sub.add_parser("fill", help=_("put a contributor's text into a section"))
    p.add_argument("file")
    p.add_argument("--section", required=True)
    p.add_argument("--from", dest="source", required=True)
    p.add_argument("--append", action="store_true")

    p = sub.add_parser("check", help=_("findings and requirement coverage"))
    p.add_argument("file")
    p.add_argument("--json", action="store_true")
    p.add_argument("--final", action="store_true")

    p = sub.add_parser("export", help=_("the UN-style DOCX"))
    p.add_argument("file")
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--final", action="store_true")
    p.add_argument("--compare-to", dest="compare_to")

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
    return parser


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def run_command(argv: Sequence[str]) -> int:
    """Run one headless command; errors become one line on stderr."""
    from drafting import commands
    from drafting.errors import MissiveError, TemplateError, UnknownSectionError

    # Before the parser is built: its help texts are translated when made.
    set_language(language_from_environment())
    args = build_parser().parse_args(list(argv))
    handlers = {
        "new": commands.cmd_new,
        "import": commands.cmd_import,
        "fill": commands.cmd_fill,
        "check": commands.cmd_check,
        "export": commands.cmd_export,
        "template": commands.cmd_template,
        "history": commands.cmd_history,
    }
    try:
        if args.command == "screenshot":
            from ui.app import render_screenshot

            render_screenshot(args.file, args.output, section=args.section)
            return 0
        return handlers[args.command](args)
    except TemplateError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 2
    except UnknownSectionError as exc:
        # The error's own text is English; say it in the writer's language.
        print("missive: " + _("unknown section '{section}'; valid sections: {valid}").format(
            section=exc.section_id, valid=", ".join(exc.valid)), file=sys.stderr)
        return 2
    except MissiveError as exc:
        print(f"missive: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # `missive check … | head`: the reader left; nothing to report.
        _silence_stdout()
        return 0
    except OSError as exc:
        print(f"missive: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "),
              file=sys.stderr)
        return 2


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `python main.py` and the `missive` command."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in COMMANDS:
        return run_command(args)
    if args and args[0] == "--version":
        from drafting.about import version_lines

        set_language(language_from_environment())
        print("\n".join(version_lines()))
        return 0
    if args and args[0] in ("-h", "--help"):
        set_language(language_from_environment())
        build_parser().print_help()
        return 0
    if args and not args[0].startswith("-") and not Path(args[0]).exists() \
            and not Path(args[0]).suffix:
        set_language(language_from_environment())
        print(_("missive: unknown command '{name}' (commands: {commands})").format(
            name=args[0], commands=", ".join(COMMANDS)), file=sys.stderr)
        return 2
    from ui.app import run_gui

    return run_gui(args[0] if args else None, [sys.argv[0], *args[1:]])


if __name__ == "__main__":
    sys.exit(main())
