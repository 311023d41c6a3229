"""Applying the automatic fixes that findings carry (typography, mostly)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from drafting.findings import Finding, Fix
from drafting.letter import Block, Letter, Span, normalize_spans


def replace_in_spans(spans: list[Span], offset: int, length: int, replacement: str) -> list[Span]:
    """`spans` with text[offset:offset+length] replaced, formatting kept.

    The replacement takes the formatting of the span where the change starts;
    spans wholly inside the replaced range disappear.
    """
    out: list[Span] = []
    pos = 0
    end = offset + length
    inserted = False
    for i, span in enumerate(spans):
        s_start, s_end = pos, pos + len(span.text)
        pos = s_end
        text = span.text
        a = min(max(offset - s_start, 0), len(text))
        b = min(max(end - s_start, 0), len(text))
        middle = ""
        # the replacement goes where the change starts; at the very end of the
        # text it joins the last span
        if not inserted and (s_start <= offset < s_end or (offset == s_end and i == len(spans) - 1)):
            middle = replacement
            inserted = True
        out.append(replace(span, text=text[:a] + middle + text[b:]))
    if not inserted:
        out.append(Span(replacement))
    return normalize_spans(out) or [Span("")]


def apply_fix_to_block(block: Block, fix: Fix) -> bool:
    """Apply one fix to `block`; False when it no longer fits the text."""
    if fix.offset < 0 or fix.length < 0 or fix.offset + fix.length > len(block.text):
        return False
    block.spans = replace_in_spans(block.spans, fix.offset, fix.length, fix.replacement)
    return True


def apply_fixes(letter: Letter, findings: Iterable[Finding]) -> int:
    """Apply the fix of each finding to `letter`; returns how many were applied.

    Within a block, fixes are applied right to left so earlier offsets stay
    valid; a fix overlapping one already applied is skipped (the next check run
    will report it again if it still applies).
    """
    by_block: dict[str, list[Fix]] = {}
    for finding in findings:
        if finding.fix is not None:
            by_block.setdefault(finding.fix.block_id, []).append(finding.fix)
    applied = 0
    for block_id, fixes in by_block.items():
        found = _find_block(letter, block_id)
        if found is None:
            continue
        limit = len(found.text)
        for fix in sorted(set(fixes), key=lambda f: (f.offset, f.length), reverse=True):
            if fix.offset + fix.length > limit:
                continue
            if apply_fix_to_block(found, fix):
                applied += 1
                limit = fix.offset
    return applied


def _find_block(letter: Letter, block_id: str) -> Block | None:
    hit = letter.find_block(block_id)
    if hit is not None:
        return hit[2]
    for annex in letter.annexes:
        for block in annex.blocks:
            if block.id == block_id:
                return block
    return None
