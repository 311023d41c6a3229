"""A draft made with template version 1 opened against version 2 keeps every paragraph."""

from __future__ import annotations

from drafting.letter import Block, Letter, Metadata, Section
from drafting.templates.migration import migrate_letter
from drafting.templates.model import Requirement, Template, TemplateSection


def _template(version: int, sections: list[tuple[str, str]]) -> Template:
    return Template(
        id="t",
        version=version,
        sections=[
            TemplateSection(
                sid,
                headings={"en": heading},
                requirements=[Requirement(f"{sid}.req", "1")],
            )
            for sid, heading in sections
        ],
    )


V1 = [("a", "Alpha"), ("b", "Bravo"), ("c", "Charlie")]
V2 = [("c", "Charlie"), ("a", "Alpha renamed"), ("d", "Delta")]  # b removed, d added


def _letter() -> Letter:
    return Letter(
        "t",
        1,
        Metadata(language="en"),
        sections=[
            Section("a", [Block.from_text("a1"), Block.from_text("a2")], heading="Alpha"),
            Section("b", [Block.from_text("b1"), Block.from_text("[b2]")], heading="Bravo"),
            Section("c", [Block.from_text("c1")], heading="Charlie"),
        ],
    )


def test_every_paragraph_survives() -> None:
    letter = _letter()
    letter.confirm("b.req", letter.sections[1].blocks[0].id)
    letter.confirm("a.req", letter.sections[0].blocks[0].id)
    before = {b.id: b.text for _, _, b in letter.iter_blocks()}
    result = migrate_letter(letter, _template(2, V2))
    out = result.letter
    after = {b.id: b.text for _, _, b in out.iter_blocks()}
    assert before.items() <= after.items()  # every block, same id and text
    assert out.section_ids() == ["c", "a", "d"]
    assert out.section("a").heading == "Alpha renamed"
    assert out.section("d").blocks == []
    assert [b.text for b in out.unassigned] == ["Bravo", "b1", "[b2]"]
    assert out.unassigned[0].kind == "subheading"
    assert out.template_version == 2
    assert [c.requirement_id for c in out.confirmations] == ["a.req"]
    joined = " ".join(result.notices)
    assert "Bravo" in joined and "Delta" in joined and "Alpha renamed" in joined
    # the input letter is untouched
    assert letter.section_ids() == ["a", "b", "c"]


def test_same_version_is_a_no_op() -> None:
    result = migrate_letter(_letter(), _template(1, V1))
    assert not result.changed
    assert result.letter.to_dict() == _letter().to_dict() | {
        "sections": result.letter.to_dict()["sections"]
    }
    assert [s.id for s in result.letter.sections] == ["a", "b", "c"]
