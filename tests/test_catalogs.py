"""Every interface string is translated in every catalog, placeholders intact.

The messages are extracted afresh from the sources (not read from the
committed .pot), so a string added anywhere and not yet translated fails here.
Fix: `make i18n`, then `scripts/translate_po.py todo` / `apply` (see that script).
"""

from __future__ import annotations

import io
import string
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("fr", "es", "ru", "ar", "zh")
PLURAL_COUNTS = {"fr": 2, "es": 2, "ru": 3, "ar": 6, "zh": 1}
KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None, "ngettext": (1, 2)}
FIX = "run `make i18n`, then `.venv/bin/python scripts/translate_po.py todo` and `apply`"


def _extract() -> dict[str, str | tuple[str, ...]]:
    with (ROOT / "babel.cfg").open(encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    found: dict[str, str | tuple[str, ...]] = {}
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=KEYWORDS
    ):
        key = message[0] if isinstance(message, tuple) else message
        if key:
            found[key] = message
    return found


@pytest.fixture(scope="module")
def source_messages() -> dict[str, str | tuple[str, ...]]:
    messages = _extract()
    assert len(messages) > 100, "extraction found almost nothing: is babel.cfg right?"
    return messages


def _catalog(lang: str) -> Catalog:
    path = ROOT / "locale" / lang / "LC_MESSAGES" / "missive.po"
    assert path.is_file(), f"missing catalog {path}: {FIX}"
    with path.open("rb") as fh:
        return read_po(fh, locale=lang)


def _fields(text: str) -> set[str]:
    """The named fields of a `str.format` string (ValueError if the braces are broken)."""
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


class _Any:
    """A value that accepts any format spec ("{mm:.1f}", "{n:d}")."""

    def __format__(self, spec: str) -> str:
        return "x"


def _forms(message: Message) -> Iterator[str]:
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    yield from strings


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalog_translates_every_source_message(
    lang: str, source_messages: dict[str, str | tuple[str, ...]]
) -> None:
    catalog = _catalog(lang)
    missing: list[str] = []
    for key, source in sorted(source_messages.items()):
        message = catalog.get(key)
        if message is None:
            missing.append(f"not in catalog: {key!r}")
        elif "fuzzy" in message.flags:
            missing.append(f"fuzzy: {key!r}")
        elif not all(form.strip() for form in _forms(message)):
            missing.append(f"untranslated: {key!r}")
        elif isinstance(source, tuple) != isinstance(message.id, tuple):
            missing.append(f"plural/singular mismatch: {key!r}")
    assert not missing, (
        f"{lang}: {len(missing)} of {len(source_messages)} messages not translated "
        f"({FIX}):\n" + "\n".join(missing)
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_translations_keep_every_placeholder(lang: str) -> None:
    catalog = _catalog(lang)
    problems: list[str] = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        expected = set().union(*(_fields(i) for i in ids))
        forms = list(_forms(message))
        if isinstance(message.id, tuple) and len(forms) != PLURAL_COUNTS[lang]:
            problems.append(f"{ids[0]!r}: {len(forms)} plural forms, expected "
                            f"{PLURAL_COUNTS[lang]}")
        for form in forms:
            if not form:
                continue
            try:
                got = _fields(form)
            except ValueError as exc:
                problems.append(f"{ids[0]!r}: broken braces in {form!r} ({exc})")
                continue
            if got != expected:
                problems.append(
                    f"{ids[0]!r}: placeholders {sorted(expected)} became {sorted(got)} "
                    f"in {form!r}")
    assert not problems, f"{lang}:\n" + "\n".join(problems)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalog_compiles_and_formats(lang: str) -> None:
    """The catalog compiles, and each translation formats with its message's fields."""
    catalog = _catalog(lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    assert buffer.getvalue()[:4] in (b"\xde\x12\x04\x95", b"\x95\x04\x12\xde")
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        values = {name: _Any() for i in ids for name in _fields(i)}
        for form in _forms(message):
            if form:
                form.format(**values)  # raises on a stray brace or unknown field
