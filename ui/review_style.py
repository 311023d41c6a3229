"""How reviewers' suggestions look: one colour per reviewer, old words struck, new underlined.

Colours come from the Okabe–Ito palette (told apart by colour-blind
readers too) in the order reviewers first appear in the letter, so a
reviewer keeps their colour in the editor, the panels and across sessions.
Struck and underlined text carries the meaning without colour as well.
"""

from __future__ import annotations

from html import escape

from PySide6.QtGui import QColor

from drafting.annotations import Suggestion
from drafting.i18n import _
from drafting.letter import Letter

PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#8C564B")
# Words of context shown around a change in the panels.
CONTEXT_CHARS = 40


def reviewers(letter: Letter) -> list[str]:
    """Every reviewer's name, in the order they first appear in the letter."""
    seen: dict[str, None] = {}
    for review in letter.reviews:
        for name in review.reviewers:
            seen.setdefault(name)
    for s in letter.suggestions:
        seen.setdefault(s.author)
    for c in letter.comments:
        if c.origin == "reviewer":
            seen.setdefault(c.author)
    return list(seen)


def colour(letter: Letter, author: str) -> QColor:
    """The reviewer's colour (the writer's own replies are grey)."""
    names = reviewers(letter)
    if author not in names:
        return QColor("#555555")
    return QColor(PALETTE[names.index(author) % len(PALETTE)])


def author_name(author: str) -> str:
    return author or _("Unknown reviewer")


def kind_name(s: Suggestion) -> str:
    """What a suggestion does, in a word or two."""
    return {
        "insert": _("Insertion"),
        "delete": _("Deletion"),
        "replace": _("Replacement"),
        "new_paragraph": _("New paragraph"),
        "delete_paragraph": _("Paragraph deleted"),
        "move_paragraph": _("Paragraph moved"),
    }.get(s.kind, s.kind)


def change_html(s: Suggestion, hex_colour: str, text: str | None = None,
                place: tuple[int, int] | None = None) -> str:
    """The change as rich text: context, old words struck, new words underlined.

    `text` and `place` are the paragraph's current text and where the old words
    are in it; without them the context stored with the suggestion is used.
    """
    struck = f'<s style="color:{hex_colour}">{escape(s.old)}</s>' if s.old else ""
    added = f'<u style="color:{hex_colour}">{escape(s.new)}</u>' if s.new else ""
    if s.kind in ("new_paragraph", "delete_paragraph"):
        return struck or added
    if s.kind == "move_paragraph":
        return escape(_("The paragraph moves to another place."))
    if text is not None and place is not None:
        before, after = text[:place[0]], text[place[1]:]
    else:
        before, after = s.before, s.after
    before = ("…" if len(before) > CONTEXT_CHARS else "") + before[-CONTEXT_CHARS:]
    after = after[:CONTEXT_CHARS] + ("…" if len(after) > CONTEXT_CHARS else "")
    return f"{escape(before)}{struck}{added}{escape(after)}"
