"""Missive: the drafting window by default, sub-commands for headless work (DESIGN §5).

    python main.py [FILE]                       the drafting window
    python main.py COMMAND …                    a headless command (drafting/cli)

This module only decides between the two. The one command that needs Qt,
`screenshot`, is handed to the command line from here, so `drafting/` never
imports Qt. Exit codes: 0 success, 1 findings block the request, 2 bad usage
or input.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def _screenshot(args: argparse.Namespace) -> int:
    from ui.app import render_screenshot

    render_screenshot(args.file, args.output, section=args.section)
    return 0


def run_command(argv: Sequence[str]) -> int:
    """Run one sub-command (the screenshot included); errors are one line on stderr."""
    from drafting.cli import run_command as run

    return run(argv, extra={"screenshot": _screenshot})


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `python main.py` and the `missive` command."""
    from drafting.cli import wants_gui

    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["--version"]:
        from drafting.about import version_lines
        from drafting.i18n import language_from_environment, set_language

        set_language(language_from_environment())
        print("\n".join(version_lines()))
        return 0
    if not wants_gui(args):
        return run_command(args)
    from ui.app import run_gui

    return run_gui(args[0] if args else None, [sys.argv[0], *args[1:]])


if __name__ == "__main__":
    sys.exit(main())
