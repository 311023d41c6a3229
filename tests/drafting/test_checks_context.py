"""Reading a paragraph in its place (`drafting.checks.context`): a list item
with the sentence that leads into the list, a paragraph with the writer's
subheading above it. Sentences in our own words."""

from __future__ import annotations

from drafting.checks import run_checks
from drafting.letter import Block, Letter
from drafting.templates.catalog import create_letter, get_template
from drafting.templates.model import Template

LEAD_IN = ("The Mission could start to leave once the following conditions hold, each "
           "measured twice a year with the Government:")
CRITERION = ("the political situation: the electoral calendar published in March was kept, "
             "and 84 of 103 local councils sat again in Mopti and Ségou")


def _letter(exit_blocks: list[Block]) -> tuple[Letter, Template]:
    template = get_template("minusma-six-monthly")
    letter = create_letter(template, "en")
    letter.section("exit").blocks = exit_blocks
    return letter, template


def test_a_list_item_meets_a_criterion_with_the_sentence_leading_into_it() -> None:
    item = Block.from_text(CRITERION, kind="bullet")
    letter, template = _letter([Block.from_text(LEAD_IN), item])
    status = run_checks(letter, template).requirement("exit.criteria.security_political")
    assert status.status == "covered"
    # the item is the evidence, quoted in its own words, not the lead-in
    assert [e.block_id for e in status.evidence][:1] == [item.id]
    assert "electoral calendar" in status.evidence[0].excerpt


def test_the_same_item_without_a_lead_in_meets_nothing_of_the_exit() -> None:
    letter, template = _letter([Block.from_text(CRITERION, kind="bullet")])
    status = run_checks(letter, template).requirement("exit.criteria.security_political")
    assert status.status == "missing"


def test_a_lead_in_about_something_else_lends_nothing() -> None:
    lead = Block.from_text("Among the visits of the period, the Special Representative met:")
    letter, template = _letter([lead, Block.from_text(CRITERION, kind="bullet")])
    status = run_checks(letter, template).requirement("exit.criteria.security_political")
    assert status.status == "missing"


def test_a_paragraph_meets_a_requirement_with_its_subheading() -> None:
    paragraph = Block.from_text(CRITERION[0].upper() + CRITERION[1:] + ".")
    letter, template = _letter([Block.from_text("Conditions for the exit", kind="subheading"),
                                paragraph])
    status = run_checks(letter, template).requirement("exit.criteria.security_political")
    assert status.status == "covered"
    assert status.evidence[0].block_id == paragraph.id
    # without its subheading the paragraph names no exit
    letter.section("exit").blocks = [paragraph]
    status = run_checks(letter, template).requirement("exit.criteria.security_political")
    assert status.status == "missing"


def test_a_subheading_that_says_it_all_credits_no_paragraph_under_it() -> None:
    """The context alone never makes evidence: under "Rotation of contingents",
    a paragraph that never speaks of rotation is not the rotation's evidence."""
    template = get_template("minusma-six-monthly")
    letter = create_letter(template, "en")
    letter.section("performance").blocks = [
        Block.from_text("Rotation of contingents", kind="subheading"),
        Block.from_text("Nine contingents were replaced between March and May; 2,350 troops "
                        "arrived through Bamako and Gao after fourteen days of quarantine.")]
    assert run_checks(letter, template).requirement("perf.rotation").status == "missing"


def test_context_is_only_read_for_what_is_still_missing() -> None:
    """A requirement some paragraph meets on its own keeps that evidence; the
    context does not add a second reading."""
    template = get_template("minusma-six-monthly")
    letter = create_letter(template, "en")
    own = Block.from_text("The rotation of contingents resumed in April: 1,900 troops "
                          "arrived in Gao and Timbuktu.")
    under = Block.from_text("Nine more units were replaced in May.")
    letter.section("rotation").blocks = [own]
    letter.section("performance").blocks = [
        Block.from_text("Rotation of contingents", kind="subheading"), under]
    status = run_checks(letter, template).requirement("perf.rotation")
    assert [e.block_id for e in status.evidence] == [own.id]
