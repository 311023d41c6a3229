"""What a paragraph means in its place: a bullet item read with the sentence
that leads into the list, a paragraph read with the writer's subheading above
it.

Letters often set the exit criteria as a list after "The Mission could leave
when:", or put "Rotations" in a subheading and then only say "nine contingents
were replaced". Read alone, such an item names half of what a requirement
asks. Here each is matched again with its context; a requirement the
combination meets, and neither the item nor the context meets alone, counts
for the item (the context alone is never evidence for it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from drafting.checks.blocks import BlockReport
from drafting.checks.concepts import ConceptHit, ConceptSet
from drafting.letter import Block

# A subheading governs the paragraphs after it, up to the next subheading.
# A list's lead-in is the paragraph right before its first item.
_SEPARATOR = " "  # between a subheading and a lead-in read together


def context_of(blocks: Sequence[Block]) -> dict[str, str]:
    """For each block that has one, the text of its context (subheading, lead-in)."""
    out: dict[str, str] = {}
    heading = ""
    lead = ""
    previous_kind = ""
    for block in blocks:
        text = block.text.strip()
        if block.kind == "subheading":
            heading, lead = text, ""
        elif block.kind == "bullet":
            if previous_kind != "bullet":
                lead = lead if previous_kind == "paragraph" else ""
            parts = [t for t in (heading, lead) if t]
            if parts and text:
                out[block.id] = _SEPARATOR.join(parts)
        elif text:
            if heading:
                out[block.id] = heading
            lead = text
        previous_kind = block.kind if text else previous_kind
    return out


def context_hits(
    blocks: Sequence[Block], reports: Mapping[str, BlockReport], concepts: ConceptSet,
    wanted: frozenset[str] | None = None,
) -> dict[str, dict[str, ConceptHit]]:
    """Requirements each block meets only with its context, and where in the
    block; with `wanted`, only those requirements are looked for.

    The context's concepts count as met, and the block must mention the rest
    (near each other, as `ConceptSet.match` wants), so the evidence quoted is
    the block's own words. A requirement whose every concept the context
    mentions by itself is never credited to the block.
    """
    out: dict[str, dict[str, ConceptHit]] = {}
    read: dict[str, dict[int, frozenset[int]]] = {}  # each context's concepts
    contexts = context_of(blocks)
    for block in blocks:
        context = contexts.get(block.id)
        if not context or block.boilerplate:
            continue
        text = block.text
        own = reports[block.id].hits if block.id in reports else {}
        held = read.get(context)
        if held is None:
            held = read[context] = concepts.concepts_in(context)
        joint = concepts.completed_by(held, concepts.keys_in(text), own, wanted)
        if not joint:
            continue
        given = {n: held[n] for n in joint}
        found = {req_id: hit for req_id, hit in concepts.match(text, joint, given).items()
                 if req_id not in own}
        if found:
            out[block.id] = found
    return out
