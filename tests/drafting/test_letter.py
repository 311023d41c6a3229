from __future__ import annotations

from datetime import date

from drafting.letter import (
    Annex,
    Block,
    Letter,
    Metadata,
    Section,
    Span,
    count_words,
    normalize_spans,
    spans_from_text,
)


def _letter() -> Letter:
    return Letter(
        template_id="minusma-six-monthly",
        template_version=1,
        metadata=Metadata(symbol="S/2020/481", date=date(2020, 6, 1), language="fr"),
        sections=[
            Section(
                "security",
                [
                    Block.from_text("Au 20 mai, [618] affaires étaient en cours."),
                    Block(kind="bullet", spans=[Span("gras", bold=True), Span(" et ")], level=1),
                ],
                heading="Sécurité",
            ),
            Section("exit"),
        ],
        unassigned=[Block.from_text("Texte sans section")],
        annexes=[Annex("Annexe", "en", [Block.from_text("[Original: English]")])],
    )


def test_placeholders_become_placeholder_spans() -> None:
    spans = spans_from_text("dont [319] ayant trait et [77] autres")
    kinds = [(s.kind, s.text) for s in spans]
    assert kinds == [
        ("text", "dont "),
        ("placeholder", "[319]"),
        ("text", " ayant trait et "),
        ("placeholder", "[77]"),
        ("text", " autres"),
    ]


def test_round_trip_is_exact() -> None:
    letter = _letter()
    letter.confirm("ops.security", letter.sections[0].blocks[0].id)
    again = Letter.from_dict(letter.to_dict())
    assert again.to_dict() == letter.to_dict()
    assert again.metadata.date == date(2020, 6, 1)
    assert again.sections[0].blocks[1].spans[0].bold is True
    assert again.unassigned[0].text == "Texte sans section"


def test_newer_letter_format_is_refused() -> None:
    d = _letter().to_dict()
    d["format"] = 99
    try:
        Letter.from_dict(d)
    except ValueError as exc:
        assert "newer" in str(exc)
    else:
        raise AssertionError("a newer format must be refused")


def test_iter_blocks_includes_unassigned_last() -> None:
    sids = [sid for sid, _, _ in _letter().iter_blocks()]
    assert sids == ["security", "security", "unassigned"]


def test_confirmations_only_count_existing_blocks() -> None:
    letter = _letter()
    bid = letter.sections[0].blocks[0].id
    letter.confirm("isf.update", bid)
    letter.confirm("isf.update", "gone")
    assert letter.confirmed_blocks("isf.update") == [bid]
    letter.unconfirm("isf.update")
    assert letter.confirmed_blocks("isf.update") == []


def test_word_count() -> None:
    assert count_words("La MINUSMA dispose de 550 véhicules, dont l’essentiel") == 8
    assert count_words("") == 0
    assert _letter().sections[0].word_count() == 10


def test_normalize_merges_same_format() -> None:
    spans = normalize_spans([Span("a"), Span("b"), Span(""), Span("c", bold=True)])
    assert [(s.text, s.bold) for s in spans] == [("ab", False), ("c", True)]


def test_chinese_characters_count_as_words() -> None:
    assert count_words("马里稳定团") == 5
    assert count_words("稳定团 MINUSMA 2020年") == 3 + 1 + 1 + 1
