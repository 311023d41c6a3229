"""Apply hand-written translations to the catalogs, and list what is left to do.

The .po files in `locale/<lang>/LC_MESSAGES/missive.po` are the source of truth;
this script only spares a translator from editing five files per message.

    .venv/bin/python scripts/translate_po.py todo > /tmp/todo.txt
    (write the translations into the blocks of /tmp/todo.txt)
    .venv/bin/python scripts/translate_po.py apply /tmp/todo.txt
    make i18n     # or: pybabel compile -d locale -D missive

A batch file holds one block per message: a line `== msgid` (and, for a plural
message, a second line `== plural msgid`), then one line per language, `fr: …`.
Plural translations separate their forms with ` ||| `, one form per plural
category of the language (fr and es 2, ru 3, ar 6, zh 1). A literal `\\n` stands
for a newline; one space after `xx:` is dropped, any more are kept (" pt"). Lines starting with `#` and blank lines are ignored. Blocks whose
translation lines are left empty are skipped, so a half-done batch can be applied.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "locale"
LANGUAGES = ("fr", "es", "ru", "ar", "zh")
FORM_SEPARATOR = " ||| "


@dataclass
class Entry:
    """One message of a batch and its translations by language."""

    msgid: str
    plural: str | None = None
    translations: dict[str, list[str]] = field(default_factory=dict)


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / "missive.po"


def load(lang: str) -> Catalog:
    with po_path(lang).open("rb") as fh:
        return read_po(fh, locale=lang)


def save(lang: str, catalog: Catalog) -> None:
    with po_path(lang).open("wb") as fh:
        write_po(fh, catalog, width=100, omit_header=False, sort_output=True)


def _unescape(text: str) -> str:
    return text.replace("\\n", "\n")


def _escape(text: str) -> str:
    return text.replace("\n", "\\n")


def parse_batch(text: str) -> list[Entry]:
    """The entries of a batch file (see the module docstring)."""
    entries: list[Entry] = []
    current: Entry | None = None
    last_was_msgid = False
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("== "):
            body = _unescape(line[3:])
            # Two `==` lines in a row: the second is the plural msgid.
            if last_was_msgid and current is not None and current.plural is None:
                current.plural = body
            else:
                current = Entry(body)
                entries.append(current)
            last_was_msgid = True
            continue
        last_was_msgid = False
        lang, sep, value = line.partition(":")
        if not sep or lang.strip() not in LANGUAGES or current is None:
            raise SystemExit(f"batch line {number}: expected '== msgid' or 'xx: text': {line!r}")
        # One space follows the colon; any further leading space is part of the text.
        value = value[1:] if value.startswith(" ") else value
        if value.strip():
            current.translations[lang.strip()] = [
                _unescape(form) for form in value.rstrip().split(FORM_SEPARATOR)]
    return entries


def apply(entries: list[Entry]) -> dict[str, int]:
    """Write the translations of `entries` into every catalog; returns counts per language."""
    counts: dict[str, int] = {}
    for lang in LANGUAGES:
        catalog = load(lang)
        nplurals = catalog.num_plurals
        done = 0
        for entry in entries:
            forms = entry.translations.get(lang)
            if not forms:
                continue
            message = catalog.get(entry.msgid)
            if message is None:
                print(f"[{lang}] not in the catalog (run make i18n?): {entry.msgid!r}",
                      file=sys.stderr)
                continue
            if isinstance(message.id, tuple):
                if len(forms) != nplurals:
                    raise SystemExit(
                        f"[{lang}] {entry.msgid!r}: {len(forms)} plural forms given, "
                        f"the language has {nplurals}")
                message.string = tuple(forms)
            else:
                if len(forms) != 1:
                    raise SystemExit(f"[{lang}] {entry.msgid!r} is not a plural message")
                message.string = forms[0]
            message.flags.discard("fuzzy")
            done += 1
        save(lang, catalog)
        counts[lang] = done
    return counts


def todo() -> str:
    """A batch skeleton of every message some catalog does not translate yet."""
    catalogs = {lang: load(lang) for lang in LANGUAGES}
    seen: dict[str, tuple[str | tuple[str, ...], set[str]]] = {}
    for lang, catalog in catalogs.items():
        for message in catalog:
            if not message.id:
                continue
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if "fuzzy" in message.flags or not all(strings):
                key = message.id[0] if isinstance(message.id, tuple) else message.id
                seen.setdefault(key, (message.id, set()))[1].add(lang)
    lines: list[str] = []
    for key in sorted(seen):
        msgid, langs = seen[key]
        if isinstance(msgid, tuple):
            lines.append("== " + _escape(msgid[0]))
            lines.append("== " + _escape(msgid[1]))
        else:
            lines.append("== " + _escape(msgid))
        for lang in LANGUAGES:
            if lang in langs:
                lines.append(f"{lang}: ")
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("todo", help="print a batch skeleton of untranslated messages")
    apply_cmd = commands.add_parser("apply", help="write a batch file into the catalogs")
    apply_cmd.add_argument("batches", nargs="+", type=Path)
    args = parser.parse_args(argv)
    if args.command == "todo":
        print(todo())
        return 0
    entries: list[Entry] = []
    for batch in args.batches:
        entries.extend(parse_batch(batch.read_text(encoding="utf-8")))
    for lang, count in apply(entries).items():
        print(f"{lang}: {count} messages written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
