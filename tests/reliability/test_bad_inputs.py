"""The bad input corpus: each file gives one clear error (exit 2, one line on
stderr, no traceback) and keeps its bytes.

Small hand-written cases live in tests/fixtures/bad/; the rest (damaged
drafts, zip bombs, a 100 MB text file) are generated here, into tmp_path.
"""

from __future__ import annotations

import io
import resource
import socket
import sqlite3
import threading
import time
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from drafting import paths
from drafting.errors import ImportFileError, TemplateError
from drafting.importers import read_source
from drafting.storage.store import DraftStore
from drafting.templates.catalog import load_template
from tests.reliability.cli import assert_one_clear_error, cli
from tests.reliability.helpers import (
    FIXTURES,
    TEMPLATE_ID,
    digest,
    folder_state,
    letter,
    xml_parsers,
)

SECRET = "MOT-DE-PASSE-7f3a"


@pytest.fixture()
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "lettre.missive"
    with DraftStore.create(path, letter(), name="Premier jet") as store:
        store.save(letter(marker=" Deuxième version."), name="v2")
    return path


@pytest.fixture()
def contribution(tmp_path: Path) -> Path:
    path = tmp_path / "contribution.txt"
    path.write_text("La Force a mené des opérations conjointes.\n", encoding="utf-8")
    return path


def refused_everywhere(
    path: Path, contribution: Path, match: str
) -> None:
    """Every command that reads the draft refuses it clearly, leaving its folder as it was."""
    state = folder_state(path.parent)
    out = path.parent / "sortie.docx"
    for argv in (
        ["check", str(path)],
        ["export", str(path), "-o", str(out)],
        ["fill", str(path), "--section", "security", "--from", str(contribution)],
        ["history", str(path)],
    ):
        assert_one_clear_error(cli(*argv), match)
        assert folder_state(path.parent) == state  # no lock, journal or DOCX left


# -- drafts ------------------------------------------------------------------------


def test_truncated_draft(draft: Path,
                         contribution: Path) -> None:
    data = draft.read_bytes()
    draft.write_bytes(data[: len(data) * 2 // 3])
    refused_everywhere(draft, contribution, r"lettre\.missive is damaged .*truncated")


def test_random_bytes_named_missive(tmp_path: Path,
                                    contribution: Path) -> None:
    path = tmp_path / "bruit.missive"
    path.write_bytes(bytes((i * 7919 + 13) % 256 for i in range(50_000)))
    refused_everywhere(path, contribution, r"bruit\.missive is not a Missive draft")


def test_draft_from_a_newer_schema(draft: Path,
                                   contribution: Path) -> None:
    conn = sqlite3.connect(draft)
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()
    refused_everywhere(draft, contribution, r"written by a newer version of Missive")


# -- templates ---------------------------------------------------------------------


def weaponized_shipped_template(doctype: str) -> bytes:
    """The real default template, made hostile by a DOCTYPE and one entity use."""
    data = (paths.shipped_templates_dir() / f"{TEMPLATE_ID}.xml").read_bytes()
    head, sep, rest = data.partition(b"<template ")
    rest = rest.replace(b'<name xml:lang="en">', b'<name xml:lang="en">&payload;', 1)
    return head + doctype.encode() + b"\n" + sep + rest


def check_template_refused(path: Path) -> str:
    before = digest(path)
    line = assert_one_clear_error(cli("template", "validate", str(path)),
                                  r":\d+:\d+: .*DOCTYPE")
    assert line.startswith(f"{path}:")
    with pytest.raises(TemplateError) as info:
        load_template(path)
    assert len(info.value.problems) == 1
    # A draft cannot be made from it either.
    new = cli("new", "-t", str(path), "-l", "en", "-o", str(path.parent / "x.missive"))
    assert new[0] == 2 and not (path.parent / "x.missive").exists()
    assert digest(path) == before
    return line + new[2]


def test_template_with_an_external_entity(tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    small = tmp_path / "xxe-file-template.xml"
    small.write_bytes((FIXTURES / small.name).read_bytes())
    real = tmp_path / "minusma-xxe.xml"
    real.write_bytes(weaponized_shipped_template(
        f'<!DOCTYPE template [<!ENTITY payload SYSTEM "{(tmp_path / "secret.txt").as_uri()}">]>'))
    for path in (small, real):
        assert SECRET not in check_template_refused(path)
    # Dropped among the user's templates, it is skipped; the others still load.
    user_dir = paths.user_templates_dir()
    planted = user_dir / "zz-xxe.xml"
    planted.write_bytes(real.read_bytes())
    try:
        code, out, err = cli("template", "list")
        assert code == 0 and TEMPLATE_ID in out and SECRET not in out + err
    finally:
        planted.unlink()
    # Even given straight to any parser Missive builds, the entity is never read.
    parsers = xml_parsers()
    assert len(parsers) >= 3
    for name, parser in parsers.items():
        root = etree.fromstring(real.read_bytes(), parser)
        assert SECRET not in etree.tostring(root, encoding="unicode"), name


class Listener:
    """A local TCP port that records whether anybody connected."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _addr = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> int:
        self._stop.set()
        self._thread.join(timeout=5)
        self.sock.close()
        return self.connections


def test_template_with_network_entities_never_connects(
    tmp_path: Path
) -> None:
    listener = Listener()
    try:
        url = f"http://127.0.0.1:{listener.port}"
        fixture = (FIXTURES / "xxe-network-template.xml").read_text(encoding="utf-8")
        small = tmp_path / "xxe-network-template.xml"
        small.write_text(fixture.replace("http://127.0.0.1:9", url), encoding="utf-8")
        real = tmp_path / "minusma-network.xml"
        real.write_bytes(weaponized_shipped_template(
            f'<!DOCTYPE template SYSTEM "{url}/evil.dtd" '
            f'[<!ENTITY payload SYSTEM "{url}/secret">]>'))
        for path in (small, real):
            check_template_refused(path)
            for parser in xml_parsers().values():
                etree.fromstring(path.read_bytes(), parser)
        time.sleep(0.3)  # let a connection, had there been one, be accepted
    finally:
        connections = listener.close()
    assert connections == 0


def test_billion_laughs_template(tmp_path: Path) -> None:
    small = tmp_path / "billion-laughs-template.xml"
    small.write_bytes((FIXTURES / small.name).read_bytes())
    lol = (FIXTURES / small.name).read_text(encoding="utf-8")
    entities = lol[lol.index("<!ENTITY lol ") : lol.index("]>")]
    real = tmp_path / "minusma-lol.xml"
    real.write_bytes(weaponized_shipped_template(
        f"<!DOCTYPE template [{entities}<!ENTITY payload \"&lol9;\">]>"))
    start = time.perf_counter()
    for path in (small, real):
        check_template_refused(path)
        for name, parser in xml_parsers().items():
            try:  # libxml2 may refuse the amplification outright; both are safe
                root = etree.fromstring(path.read_bytes(), parser)
            except etree.XMLSyntaxError as exc:
                assert "amplification" in str(exc), name
            else:
                assert len(etree.tostring(root)) < len(path.read_bytes()), name  # not expanded
    assert time.perf_counter() - start < 5


# -- files to import or fill from ------------------------------------------------------

CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    b'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
    b'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
    b'"application/xml"/><Override PartName="/word/document.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
    b'.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxml'
    b'formats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"'
    b'/></Relationships>'
)
DOC_HEAD = (b'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.'
            b'openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>')
DOC_TAIL = b"</w:t></w:r></w:p></w:body></w:document>"


def make_docx(path: Path, document: bytes) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("word/document.xml", document)
    return path


def patch_declared_size(path: Path, member: str, size: int) -> None:
    """Make the zip lie about `member`'s uncompressed size (local and central headers)."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo(member)
    local = info.header_offset
    data[local + 22 : local + 26] = size.to_bytes(4, "little")
    name = member.encode()
    central = data.find(b"PK\x01\x02")
    while central != -1:
        name_len = int.from_bytes(data[central + 28 : central + 30], "little")
        if data[central + 46 : central + 46 + name_len] == name:
            data[central + 24 : central + 28] = size.to_bytes(4, "little")
        central = data.find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))


def zip_bombs(folder: Path) -> dict[str, Path]:
    """Three bombs: a real high-ratio one, one declaring 4 GB, one hiding its size."""
    ratio = make_docx(folder / "bombe-taux.docx", DOC_HEAD + b" " * 8_000_000 + DOC_TAIL)
    huge = make_docx(folder / "bombe-annoncée.docx", DOC_HEAD + b"x" + DOC_TAIL)
    patch_declared_size(huge, "word/document.xml", 0xFFFF_FFF0)
    hidden = make_docx(folder / "bombe-cachée.docx", DOC_HEAD + b" " * 8_000_000 + DOC_TAIL)
    patch_declared_size(hidden, "word/document.xml", 900)
    return {"ratio": ratio, "declared": huge, "hidden": hidden}


def check_import_refused(
    source: Path, draft: Path, match: str
) -> None:
    """`import` and `fill --from` both refuse `source`; nothing is written or changed."""
    state = folder_state(source.parent)
    out = source.parent / "importé.missive"
    assert_one_clear_error(
        cli("import", str(source), "-t", TEMPLATE_ID, "-l", "fr", "-o", str(out)), match)
    assert_one_clear_error(
        cli("fill", str(draft), "--section", "security", "--from", str(source)), match)
    assert folder_state(source.parent) == state
    with pytest.raises(ImportFileError):  # the typed error behind the message
        read_source(source)


@pytest.mark.parametrize("kind", ["ratio", "declared", "hidden"])
def test_docx_zip_bomb(tmp_path: Path, draft: Path,
                       kind: str) -> None:
    bomb = zip_bombs(tmp_path)[kind]
    assert bomb.stat().st_size < 100_000
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    check_import_refused(bomb, draft,
                         r"refused|damaged|too large|zip bomb|not a valid Word document")
    assert time.perf_counter() - start < 10
    # Never inflated: the process did not grow by anything near the payload.
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak < 100_000  # KiB


def test_docx_with_malformed_document_xml(tmp_path: Path,
                                          draft: Path) -> None:
    broken = make_docx(tmp_path / "cassé.docx", (FIXTURES / "malformed-document.xml")
                       .read_bytes())
    line = cli("import", str(broken), "-t", TEMPLATE_ID, "-l", "fr", "-o",
               str(tmp_path / "x.missive"))
    assert_one_clear_error(line, r"cassé\.docx is damaged: its part word/document\.xml is not "
                                 r"well-formed XML")
    check_import_refused(broken, draft, r"cassé\.docx .*(damaged|not)")


def test_hundred_megabyte_text_file(tmp_path: Path,
                                    draft: Path) -> None:
    big = tmp_path / "énorme.txt"
    with open(big, "wb") as f:
        f.write("Lettre datée du 1er juin 2020\n".encode())
        f.truncate(100 * 1024 * 1024)  # sparse: 100 MB on paper, nothing on disk
    start = time.perf_counter()
    check_import_refused(big, draft, r"énorme\.txt is too large.*100 MB")
    assert time.perf_counter() - start < 5  # refused from its size, never read
    with DraftStore.open(draft, read_only=True) as store:
        assert store.revisions()[-1].name == "v2"
