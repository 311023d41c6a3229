"""Running the CLI in-process and judging what the user sees on a refusal."""

from __future__ import annotations

import io
import re
from contextlib import redirect_stderr, redirect_stdout

import main
from drafting.cli import handlers as commands


def cli(*argv: str) -> tuple[int, str, str]:
    """Run `python main.py ARGV` in this process: (exit code, stdout, stderr).

    The `cmd_*` handlers bind `sys.stdout` as a default argument when
    `drafting.cli.handlers` is first imported — under pytest, a capture stream
    that may be closed by now — so their defaults point at our buffer for
    the call.
    """
    out, err = io.StringIO(), io.StringIO()
    saved = {}
    for name, func in vars(commands).items():
        if name.startswith("cmd_") and callable(func) and func.__defaults__:
            saved[func] = func.__defaults__
            func.__defaults__ = tuple(out if hasattr(d, "write") else d
                                      for d in func.__defaults__)
    try:
        with redirect_stdout(out), redirect_stderr(err):
            code = main.run_command(list(argv))
    finally:
        for func, defaults in saved.items():
            func.__defaults__ = defaults
    return code, out.getvalue(), err.getvalue()


def assert_one_clear_error(result: tuple[int, str, str], match: str) -> str:
    """Exit code 2 and exactly one line on stderr matching `match`; returns it."""
    code, _out, err = result
    lines = err.strip().splitlines()
    assert code == 2, err
    assert len(lines) == 1, err
    assert "Traceback" not in err
    assert not re.match(r"^\w*(Error|Exception)\b", lines[0]), lines[0]  # no bare repr
    assert re.search(match, lines[0]), lines[0]
    return lines[0]
