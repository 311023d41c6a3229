"""Round trips under fuzzing: any text a writer can paste survives the draft
file, the interchange JSON and the backups unchanged, and always exports to a
DOCX that python-docx opens (a sample also converts in LibreOffice).

Texts come from every Unicode plane (surrogates aside: they are not
characters and cannot be pasted), plus hand-picked hard cases: right-to-left
and bidi controls, stacked combining marks, emoji sequences, C0/C1 controls,
non-characters, empty and 100,000-character paragraphs.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import unicodedata
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafting.export import export_docx
from drafting.export.xmlutil import clean_text
from drafting.letter import Annex, Block, Letter, Span
from drafting.storage.backups import list_backups, load_backup
from drafting.storage.draftfile import letter_from_json, letter_to_json
from drafting.storage.store import DraftStore
from drafting.templates.catalog import get_template
from drafting.typography import apply_typography
from tests.reliability.helpers import TEMPLATE_ID, letter

pytestmark = pytest.mark.slow

HARD_CASES = [
    "",
    " ",
    "رسالة مؤرخة 1 حزيران/يونيه 2020 موجهة إلى رئيس مجلس الأمن",
    "שלום \u202bעברית\u202c and \u202eLTR override\u202c, \u2067isolate\u2069",
    "e\u0301\u0302\u0323\u0330 Z\u0351\u0352\u0353\u0354\u0355 \u0915\u094d\u0937",
    "👩‍👩‍👧‍👦 🇲🇱 👍🏿 ☺️ 🏳️‍🌈 \U0001FAE0",
    "\x00\x01\x02\x07\x08\x0b\x0c\x0e\x1b\x1f\x7f\x80\x85\x9f",
    "\ufeff\u200b\u200c\u200d\u2060\u2028\u2029\u00ad",
    "\ufdd0\ufffe\uffff\U0001fffe\U0010ffff\U000f0000\U00100000",
    "𠀀𪚥𫝀 漢字 한국어 ᠮᠣᠩᠭᠣᠯ ไทย",
    "tab\there\nline\r\nbreaks\rend",
    "[618] [date] [[nested]] [",
    "{0} {name} {0.__class__} %s %(x)s $HOME `rm -rf` <script>alert(1)</script> &amp; ]]>",
]

any_char = st.characters(exclude_categories=("Cs",))
plain = st.text(any_char, max_size=120)
huge = st.builds(
    lambda unit: (unit * (100_000 // len(unit) + 1))[:100_000],
    st.text(any_char, min_size=1, max_size=12),
)
texts = st.one_of(
    plain,
    st.sampled_from(HARD_CASES),
    st.lists(st.one_of(plain, st.sampled_from(HARD_CASES)), max_size=4).map("".join),
)
spans = st.builds(
    Span, text=texts, bold=st.booleans(), italic=st.booleans(),
    kind=st.sampled_from(["text", "text", "placeholder"]),
)
blocks = st.builds(
    Block,
    kind=st.sampled_from(["paragraph", "subheading", "bullet"]),
    spans=st.lists(spans, min_size=0, max_size=4),
    level=st.integers(0, 1),
)


@st.composite
def letters(draw: st.DrawFn, big: bool = True) -> Letter:
    """The default template's letter with fuzzed body text, names and metadata."""
    result = letter(draw(st.sampled_from(["fr", "en"])))
    for section in result.sections:
        section.blocks = draw(st.lists(blocks, max_size=3))
    if big and draw(st.integers(0, 9)) == 0:
        section = draw(st.sampled_from(result.sections))
        section.blocks.append(Block(spans=[Span(draw(huge))]))
    result.unassigned = draw(st.lists(blocks, max_size=2))
    if draw(st.booleans()):
        result.annexes = [Annex(title=draw(texts), original_language="en",
                                blocks=draw(st.lists(blocks, max_size=2)))]
    meta = result.metadata
    meta.addressee, meta.signatory, meta.closing = draw(texts), draw(texts), draw(texts)
    meta.symbol = draw(st.sampled_from(["S/2020/481", "", draw(plain)]))
    return result


def features(fuzzed: Letter) -> set[str]:
    """Which hard cases a generated letter holds (to prove the run covered them)."""
    found: set[str] = set()
    for _section, _index, block in fuzzed.iter_blocks():
        text = block.text
        if not text:
            found.add("empty")
        if len(text) >= 100_000:
            found.add("huge")
        for c in set(text):
            if ord(c) > 0xFFFF:
                found.add("astral")
            if unicodedata.bidirectional(c) in ("R", "AL"):
                found.add("rtl")
            category = unicodedata.category(c)
            if category == "Mn":
                found.add("combining")
            if category == "Cc":
                found.add("control")
            if category == "So":
                found.add("emoji")
    return found


EVERY_FEATURE = {"empty", "huge", "astral", "rtl", "combining", "control", "emoji"}

FUZZ = settings(
    database=None, deadline=None, derandomize=False, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                           HealthCheck.large_base_example],
)


def test_any_text_survives_the_draft_json_and_backups_unchanged() -> None:
    with tempfile.TemporaryDirectory(prefix="missive-fuzz-") as folder:
        counter = iter(range(10**6))
        seen: set[str] = set()

        @settings(FUZZ, max_examples=120)
        @given(first=letters(), second=letters(), name=texts)
        def round_trip(first: Letter, second: Letter, name: str) -> None:
            seen.update(features(first) | features(second))
            path = Path(folder) / f"fuzz-{next(counter)}.missive"
            with DraftStore.create(path, first, name=name) as store:
                saved = store.save(second, name=name)
            with DraftStore.open(path, read_only=True) as store:
                assert store.load().to_dict() == second.to_dict()
                assert store.load_revision(1).to_dict() == first.to_dict()
                assert [r.name for r in store.revisions()] == [name, name]
            assert letter_from_json(letter_to_json(second)).to_dict() == second.to_dict()
            newest = list_backups(path)[-1]
            assert (newest.revision_id, newest.name) == (saved.id, name)
            assert load_backup(newest.path).to_dict() == second.to_dict()
            path.unlink()

        round_trip()
        assert seen == EVERY_FEATURE  # the run really tried every hard case


def _letters_only(text: str) -> str:
    """What typography never touches: letters and marks (spacing and
    punctuation may legitimately change on export)."""
    return "".join(c for c in text if unicodedata.category(c)[0] in "LM")


def _expected_letters(block: Block, lang: str) -> str:
    cleaned, _count = clean_text(block.text)
    return _letters_only(apply_typography(cleaned, lang))


def test_any_text_exports_to_a_docx_that_opens(tmp_path: Path) -> None:
    template = get_template(TEMPLATE_ID)
    samples: list[Path] = []
    counter = iter(range(10**6))
    seen: set[str] = set()

    @settings(FUZZ, max_examples=60)
    @given(fuzzed=letters())
    def export(fuzzed: Letter) -> None:
        seen.update(features(fuzzed))
        out = tmp_path / f"fuzz-{next(counter)}.docx"
        result = export_docx(fuzzed, template, out)
        document = docx.Document(str(out))  # python-docx opens every export
        body = _letters_only("".join(p.text for p in document.paragraphs))
        for section in fuzzed.sections:
            for block in section.blocks:
                assert _expected_letters(block, fuzzed.metadata.language) in body
        removed = any(clean_text(b.text)[1] for _s, _i, b in fuzzed.iter_blocks())
        assert not removed or any(f.code == "input.control_characters"
                                  for f in result.findings)
        if len(samples) < 4 and any(b.text for _s, _i, b in fuzzed.iter_blocks()):
            samples.append(out)
        else:
            out.unlink()

    export()
    assert seen == EVERY_FEATURE and samples
    # A sample also converts in a real word processor.
    soffice = shutil.which("soffice")
    assert soffice, "soffice is not installed; run `make sysdeps`"
    profile = (tmp_path / "lo-profile").as_uri()
    done = subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), *map(str, samples)],
        capture_output=True, text=True, timeout=240, check=False,
    )
    assert done.returncode == 0, done.stderr
    for sample in samples:
        pdf = sample.with_suffix(".pdf")
        assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF"), done.stdout
