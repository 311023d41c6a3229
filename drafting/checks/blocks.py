"""Checks that look at one block at a time: placeholders, typography,
references and links, figures, and which requirements' concepts it meets.

Everything here depends only on the block's own content and the letter's
language, which is what lets `Checker` cache results per block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from drafting.checks.concepts import ConceptHit, ConceptSet
from drafting.checks.excerpts import excerpt
from drafting.checks.figures import figure_issues
from drafting.findings import Finding, Fix
from drafting.i18n import _
from drafting.letter import PLACEHOLDER_RE, Block, count_words

# Square brackets that belong in a final document: the original-language note
# of an annex, "[sic]", and the distribution notes of UN documents.
LEGITIMATE_BRACKETS = re.compile(
    r"\[\s*(?:original\s*:\s*[^\[\]]{2,40}"
    r"|sic"
    r"|(?:english|french|spanish|russian|arabic|chinese)\s+only"
    r"|(?:anglais|français|espagnol|russe|arabe|chinois)\s+seulement"
    r"|translated\s+from\s+[^\[\]]{2,40}"
    r"|traduit\s+de\s+l[’']\s*[^\[\]]{2,40}"
    r"|traduit\s+du\s+[^\[\]]{2,40})\s*\]",
    re.IGNORECASE,
)


def is_legitimate_bracket(text: str) -> bool:
    """True for bracketed text a final document may keep ("[Original: English]")."""
    return LEGITIMATE_BRACKETS.fullmatch(text) is not None


@dataclass
class BlockReport:
    """What the per-block checks found; section and paragraph are stamped later."""

    findings: list[Finding] = field(default_factory=list)
    hits: dict[str, ConceptHit] = field(default_factory=dict)
    words: int = 0


# A malformed reference is reported only in text with a slash ("S/2020/") or
# a resolution keyword in some language.
_REFERENCE_HINT = re.compile(r"/|solu(?:tion|ci)|резолюци|قرار|号决议", re.IGNORECASE)


REPLACEMENT_CHARACTER = "\ufffd"


def unreadable_findings(block: Block, text: str) -> list[Finding]:
    """`input.unreadable_character` (blocking): "�" stands where a byte of the file
    the text came from could not be read ("novembre 2020, � Bamako"); only the
    writer knows what it was."""
    at = text.find(REPLACEMENT_CHARACTER)
    if at < 0:
        return []
    return [Finding(
        "input.unreadable_character", "error",
        _("“{context}”: “�” stands for a character that could not be read from the file "
          "this text came from; type the right one.").format(
            context=words_around(text, at, at + 1)),
        block_id=block.id, excerpt=REPLACEMENT_CHARACTER, blocking=True, start=at, length=1)]


def placeholder_findings(block: Block, text: str | None = None) -> list[Finding]:
    """One blocking finding per unresolved `[…]` item in the block.

    `text` is `block.text` when the caller already has it (it is rebuilt from
    the spans at every access).
    """
    out: list[Finding] = []
    if text is None:
        text = block.text
    if "[" not in text:  # every placeholder opens with one
        return out
    for m in PLACEHOLDER_RE.finditer(text):
        if is_legitimate_bracket(m.group(0)):
            continue
        out.append(
            Finding(
                "placeholder.unresolved",
                "error",
                _("Unresolved placeholder in “{context}”.").format(
                    context=words_around(text, m.start(), m.end())
                ),
                block_id=block.id,
                excerpt=m.group(0),
                blocking=True,
                start=m.start(),
                length=m.end() - m.start(),
            )
        )
    return out


def words_around(text: str, start: int, end: int, before: int = 4, after: int = 3) -> str:
    """text[start:end] with a few words either side, within its sentence, for a
    message that says where something is ("…killed in [13] attacks on…")."""
    head = re.split(r"(?<=[.!?])\s", text[:start])[-1].split()
    tail = re.split(r"(?<=[.!?])\s", text[end:], maxsplit=1)[0].split()
    left = " ".join(head[-before:]) if head else ""
    if text[:start].endswith(" ") and left:
        left += " "
    right = " ".join(tail[:after]) if tail else ""
    if text[end:].startswith(" ") and right:
        right = " " + right
    if len(tail) <= after:
        right = right.rstrip(".!?")  # the message ends the sentence itself
    return ("…" if len(head) > before else "") + left + text[start:end] + right + (
        "…" if len(tail) > after else "")


def typography_findings(block: Block, lang: str, text: str | None = None) -> list[Finding]:
    """Typography issues of the block, each with its automatic fix (`text` as above)."""
    from drafting.typography import typography_issues

    if text is None:
        text = block.text
    out: list[Finding] = []
    for issue in typography_issues(text, lang):
        code = issue.code if issue.code.startswith("typography.") else f"typography.{issue.code}"
        out.append(
            Finding(
                code,
                "warning",
                issue.message,
                block_id=block.id,
                excerpt=text[max(0, issue.offset - 20) : issue.offset + issue.length + 20],
                fix=Fix(block.id, issue.offset, issue.length, issue.replacement),
            )
        )
    return out


def reference_findings(block: Block, lang: str, text: str | None = None) -> list[Finding]:
    """Malformed document symbols, and links whose target would be wrong (`text` as above)."""
    from drafting.references import (
        find_malformed_symbols,
        find_symbols,
        symbol_url,
        symbol_without_spaces,
    )

    if text is None:
        text = block.text
    out: list[Finding] = []
    # The hint comes second: the scan is shared with the typography check (so
    # asking it is free) and rarely finds anything, while the hint is a full
    # case-insensitive search.
    malformed = find_malformed_symbols(text, lang)
    if malformed and not _REFERENCE_HINT.search(text):
        malformed = []
    for start, end, found, message in malformed:
        fixed = symbol_without_spaces(found)
        out.append(
            Finding("reference.malformed", "warning", message, block_id=block.id, excerpt=found,
                    fix=Fix(block.id, start, end - start, fixed) if fixed else None)
        )
    for span in block.spans:
        if span.kind != "link":
            continue
        target = (span.target or "").strip()
        if not re.match(r"https?://[^\s]+$", target):
            out.append(
                Finding(
                    "reference.bad_link",
                    "warning",
                    _("The link on “{text}” has no valid web address.").format(text=span.text),
                    block_id=block.id,
                    excerpt=span.text,
                )
            )
            continue
        symbols = find_symbols(span.text, lang)
        if len(symbols) != 1 or "undocs.org" not in target:
            continue
        expected = symbol_url(symbols[0].symbol, lang)
        if target.rstrip("/") != expected.rstrip("/"):
            out.append(
                Finding(
                    "reference.link_mismatch",
                    "warning",
                    _("The link on {symbol} points to {target}, not {expected}.").format(
                        symbol=symbols[0].symbol, target=target, expected=expected
                    ),
                    block_id=block.id,
                    excerpt=span.text,
                )
            )
    return out


def figure_findings(block: Block, lang: str, text: str | None = None) -> list[Finding]:
    """Percentages and sums that do not add up (see `figures`; `text` as above)."""
    if text is None:
        text = block.text
    return [
        Finding(
            issue.code,
            "warning",
            issue.message,
            block_id=block.id,
            excerpt=excerpt(text, issue.start, issue.end),
        )
        for issue in figure_issues(text, lang)
    ]


def concept_hits(
    block: Block, concepts: ConceptSet, text: str | None = None
) -> dict[str, ConceptHit]:
    """For each requirement whose concepts the block meets, how (`text` as above)."""
    if text is None:
        text = block.text
    if block.kind == "subheading" or not text.strip():
        return {}
    return concepts.match(text)


def check_block(block: Block, lang: str, concepts: ConceptSet) -> BlockReport:
    """Run every per-block check on `block`."""
    text = block.text
    if not text.strip():
        return BlockReport(words=count_words(text))
    findings = placeholder_findings(block, text)
    if REPLACEMENT_CHARACTER in text:
        findings += unreadable_findings(block, text)
    findings += typography_findings(block, lang, text)
    findings += reference_findings(block, lang, text)
    if block.kind != "subheading":
        findings += figure_findings(block, lang, text)
    return BlockReport(findings, concept_hits(block, concepts, text), count_words(text))
