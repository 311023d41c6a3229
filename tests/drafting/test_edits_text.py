"""Text inside blocks: replace a range, replace everywhere, find, re-span."""

from __future__ import annotations

import json

from drafting import paths
from drafting.edits.text import find_all, replace_in_blocks, replace_range, respan
from drafting.letter import Block, Letter, Span


def sample_letter() -> Letter:
    data = json.loads((paths.samples_dir() / "minusma-six-monthly.en.json").read_text("utf-8"))
    return Letter.from_dict(data)


def test_replace_range_keeps_format_and_placeholders() -> None:
    b = Block(spans=[Span("Hello "), Span("bold world", bold=True), Span(" [x]")])
    out = replace_range(b, 6, 10, "BIG")
    assert [(s.text, s.bold, s.kind) for s in out.spans] == [
        ("Hello ", False, "text"), ("BIG world", True, "text"), (" ", False, "text"),
        ("[x]", False, "placeholder")]
    assert out.id == b.id
    typed = replace_range(b, len(b.text), len(b.text), " [618]")
    assert typed.spans[-1].kind == "placeholder" and typed.spans[-1].text == "[618]"


def test_replace_in_blocks_counts_and_leaves_originals() -> None:
    blocks = [Block.from_text("a Mission, the mission", boilerplate=True), Block.from_text("x")]
    new, n = replace_in_blocks(blocks, "mission", "Force")
    assert n == 2 and new[0].text == "a Force, the Force"
    assert blocks[0].text == "a Mission, the mission"  # originals untouched
    _new, n = replace_in_blocks(blocks, "mission", "Force", case_sensitive=True)
    assert n == 1
    assert replace_in_blocks(blocks, "Miss", "X", whole_word=True)[1] == 0


def test_find_all_in_reading_order() -> None:
    letter = sample_letter()
    matches = find_all(letter, "MINUSMA")
    order = letter.section_ids()
    keys = [(order.index(m.section), m.block_index, m.start) for m in matches]
    assert keys == sorted(keys) and len(matches) > 2


def test_respan_merges_runs() -> None:
    spans = respan([Span("a"), Span("b"), Span("[c"), Span("]"), Span("d", bold=True)])
    assert [(s.text, s.kind, s.bold) for s in spans] == [
        ("ab", "text", False), ("[c]", "placeholder", False), ("d", "text", True)]
