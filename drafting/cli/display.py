"""What the command line prints is text for a terminal, never instructions to it.

Revision names, headings of an imported letter, excerpts of a paragraph and
file names all come from files a writer may have received. Printed raw, an
escape sequence among them would drive the terminal (colours, cursor moves,
a rewritten title bar), a bidi override would reorder what the line shows,
and a newline inside a file name would turn a one-line error into two.
`printable` removes them; `Printable` applies it to everything written to a
stream.
"""

from __future__ import annotations

import re
from typing import TextIO, cast

# C0 and C1 controls and DEL (tab and newline become spaces), and the bidi
# embedding, override and isolate controls.
_SPACE_RE = re.compile(r"[\t\n\r\x0b\x0c\x85\u2028\u2029]")
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """`text` on one line with every control character removed."""
    return _CONTROL_RE.sub("", _SPACE_RE.sub(" ", text))


class Printable:
    """A text stream that writes each line through `printable`."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        lines = text.split("\n")
        self._stream.write("\n".join(printable(line) for line in lines))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()


def printable_stream(stream: TextIO) -> TextIO:
    """`stream` with every line written through `printable`."""
    return cast(TextIO, Printable(stream))
