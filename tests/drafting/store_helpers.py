"""Shared pieces of the draft-store tests: letters, digests and a draft on disk."""

from __future__ import annotations

import hashlib
import random
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from drafting.letter import Annex, Block, Letter, Metadata, Section, Span
from drafting.storage.lockfile import lock_path_for
from drafting.storage.store import DraftStore


def make_letter(extra: str = "") -> Letter:
    meta = Metadata(
        symbol="S/2020/481",
        date=date(2020, 6, 2),
        letter_date=date(2020, 6, 1),
        language="fr",
        original_language="fr",
        job_number="20-07899",
        addressee="Président du Conseil de sécurité",
        signatory="António Guterres",
        period_start=date(2019, 12, 1),
        period_end=date(2020, 5, 31),
        mandate_reference="S/RES/2531(2020)",
    )
    security = Section(
        id="security",
        heading="Problèmes de sécurité",
        blocks=[
            Block.from_text("La Mission a mené [618] patrouilles dans le centre." + extra),
            Block(kind="subheading", spans=[Span("Évaluations", bold=True)]),
            Block(kind="bullet", level=1, spans=[Span("voir "), Span(
                "S/2020/223", kind="link", target="https://undocs.org/fr/S/2020/223")]),
        ],
    )
    letter = Letter(
        template_id="minusma-six-monthly",
        template_version=1,
        metadata=meta,
        sections=[Section(id="opening", blocks=[Block.from_text("Au paragraphe 63…")]), security],
        unassigned=[Block.from_text("Texte sans section.")],
        annexes=[Annex(title="Annexe", original_language="en", blocks=[Block.from_text("A")])],
    )
    letter.confirm("ops.security", security.blocks[0].id)
    return letter


def big_letter(pages: int = 50) -> Letter:
    """About 500 words and 8 blocks per page, a few placeholders and bold runs."""
    rng = random.Random(7)
    vocab = ("la Mission a poursuivi ses opérations dans le centre du Mali avec les "
             "Forces de défense et de sécurité maliennes pour protéger les civils").split()
    letter = make_letter()
    blocks = []
    for i in range(pages * 8):
        text = " ".join(rng.choice(vocab) for _ in range(62))
        b = Block.from_text(text + (" [618] soldats." if i % 5 == 0 else "."))
        if i % 7 == 0:
            b.spans.insert(0, Span("Opérations. ", bold=True))
        blocks.append(b)
    letter.sections[1].blocks = blocks
    return letter


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def same(a: Letter, b: Letter) -> bool:
    return a.to_dict() == b.to_dict()


def make_draft(tmp_path: Path) -> Path:
    path = tmp_path / "lettre.missive"
    with DraftStore.create(path, make_letter(), name="Premier jet"):
        pass
    return path


def assert_refused_untouched(
    path: Path, error: type[Exception], match: str, *, header_only: bool = False
) -> None:
    """Opening `path` fails with `error`, and the file's bytes stay the same.

    `header_only`: the refusal must come from our own header check, before
    SQLite is ever given the file.
    """
    before = digest(path)
    with pytest.MonkeyPatch.context() as mp:
        if header_only:
            def never(*_a: object, **_k: object) -> None:
                raise AssertionError("SQLite must not open this file")

            mp.setattr(sqlite3, "connect", never)
        with pytest.raises(error, match=match) as info:
            DraftStore.open(path)
    assert "\n" not in str(info.value)
    assert digest(path) == before
    assert not lock_path_for(path).exists()
    with pytest.raises(error):
        DraftStore.open(path, read_only=True)
    assert digest(path) == before
