"""One-line quotations of a paragraph around a place: what findings and
evidence show the writer."""

from __future__ import annotations


def excerpt(text: str, start: int, end: int, width: int = 160) -> str:
    """A one-line quotation around text[start:end], cut at word boundaries."""
    if len(text) <= width:
        return " ".join(text.split())
    pad = max(0, (width - (end - start)) // 2)
    lo = max(0, start - pad)
    hi = min(len(text), end + pad)
    if lo > 0:
        lo = max(text.rfind(" ", 0, lo) + 1, 0)
    if hi < len(text):
        cut = text.find(" ", hi)
        hi = len(text) if cut < 0 else cut
    body = " ".join(text[lo:hi].split())
    return ("…" if lo > 0 else "") + body + ("…" if hi < len(text) else "")
