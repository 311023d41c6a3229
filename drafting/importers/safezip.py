"""Opening foreign zip packages (DOCX) safely: caps checked before inflating.

Every member's declared uncompressed size, the total and the compression
ratio are checked against caps before anything is decompressed (a zip bomb
is refused without inflating it); members are then read with a bounded read
in case a header lies, and XML is parsed with the safe parser (no entities,
no DTD, no network). A part that declares a DOCTYPE is refused.
"""

from __future__ import annotations

import zipfile

from lxml import etree

from drafting.errors import ImportFileError
from drafting.i18n import _

MAX_FILE_BYTES = 25 * 1024 * 1024
MAX_PART_BYTES = 20 * 1024 * 1024
MAX_TOTAL_BYTES = 50 * 1024 * 1024
MAX_MEMBERS = 5000
# Text XML compresses about 10:1; far beyond that is a bomb. Small parts are
# exempt because a tiny, very repetitive part is harmless.
MAX_RATIO = 100
RATIO_EXEMPT_BYTES = 1024 * 1024


def safe_parser() -> etree.XMLParser:
    """The only XML parser we use on foreign files."""
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )


def check_zip(archive: zipfile.ZipFile, name: str) -> None:
    """Refuse a zip whose declared sizes or ratios exceed the caps (nothing inflated)."""
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise ImportFileError(_("{name} has too many parts to be a letter.").format(name=name))
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise ImportFileError(
                _("{name} is encrypted; save an unprotected copy first.").format(name=name)
            )
        if info.file_size > MAX_PART_BYTES:
            raise ImportFileError(
                _("{name} was refused: one of its parts is too large once uncompressed.").format(
                    name=name
                )
            )
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_EXEMPT_BYTES and ratio > MAX_RATIO:
            raise ImportFileError(
                _("{name} was refused: it is compressed suspiciously well (a zip bomb?).").format(
                    name=name
                )
            )
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        raise ImportFileError(
            _("{name} was refused: it is too large once uncompressed.").format(name=name)
        )


def read_member(archive: zipfile.ZipFile, member: str, name: str) -> bytes:
    # bounded even though sizes were checked: a header may lie
    with archive.open(member) as f:
        data = f.read(MAX_PART_BYTES + 1)
    if len(data) > MAX_PART_BYTES:
        raise ImportFileError(
            _("{name} was refused: one of its parts is too large once uncompressed.").format(
                name=name
            )
        )
    return data


def parse_member(archive: zipfile.ZipFile, member: str, name: str) -> etree._Element:
    data = read_member(archive, member, name)
    try:
        root = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as exc:
        raise ImportFileError(
            _("{name} is damaged: its part {part} is not well-formed XML.").format(
                name=name, part=member
            )
        ) from exc
    if root.getroottree().docinfo.doctype:
        raise ImportFileError(
            _("{name} was refused: its part {part} declares a DOCTYPE.").format(
                name=name, part=member
            )
        )
    return root
