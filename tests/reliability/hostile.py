"""Hostile files for the issue-15 tests: drafts whose schema runs code, a draft
that inflates to gigabytes, DOCX files with nested text boxes and tables.

Kept apart from the tests so the figures in docs/reliability.md can be
measured again on the same files.
"""

from __future__ import annotations

import hashlib
import sqlite3
import zipfile
import zlib
from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# Objects a received draft may carry, and what each did before issue 15.
FOREIGN_OBJECTS = {
    # replaced the writer's new text with the first revision's, `fill` said OK
    "trigger-old-text": (
        "trigger", "keep_old",
        "CREATE TRIGGER keep_old AFTER INSERT ON revision BEGIN UPDATE revision SET content ="
        " (SELECT content FROM revision ORDER BY id LIMIT 1) WHERE id = NEW.id; END"),
    # deleted every earlier revision on each save
    "trigger-wipe-history": (
        "trigger", "wipe",
        "CREATE TRIGGER wipe AFTER INSERT ON revision BEGIN"
        " DELETE FROM revision WHERE id < NEW.id; END"),
    # grew the file by 50 MB a save
    "trigger-grow": (
        "trigger", "grow",
        "CREATE TRIGGER grow AFTER INSERT ON revision BEGIN INSERT INTO content"
        " VALUES (hex(randomblob(16)), 'json', zeroblob(50000000)); END"),
    "view": ("view", "latest", "CREATE VIEW latest AS SELECT * FROM revision"),
    "table": ("table", "notes", "CREATE TABLE notes (x)"),
    "index": ("index", "by_name", "CREATE INDEX by_name ON revision(name)"),
}


def add_sql(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    try:
        for statement in statements:
            conn.execute(statement)
        conn.commit()
    finally:
        conn.close()


def add_costly_index(path: Path, rows: int = 200, megabytes: int = 2) -> None:
    """An expression index that SQLite must compute for each row whenever the
    table is checked or written: `rows` extra rows, a few MB of work each."""
    n = megabytes * 1024 * 1024
    add_sql(path, *(
        f"INSERT INTO content VALUES ('pad{i}', 'json', X'7B7D')" for i in range(rows)))
    add_sql(path, "CREATE INDEX slow ON content(length(replace(hex(zeroblob("
                  f"{n} + length(hash))), '0', 'ab')))")


def redefine_revision_table(path: Path) -> None:
    """Our own table, with a CHECK that costs a megabyte of work per write."""
    conn = sqlite3.connect(path)
    try:
        sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'revision'").fetchone()[0]
        changed = sql.replace("words INTEGER NOT NULL DEFAULT 0",
                              "words INTEGER NOT NULL DEFAULT 0 CHECK "
                              "(length(hex(randomblob(1000000))) > 0)")
        version = conn.execute("PRAGMA schema_version").fetchone()[0]
        conn.execute("PRAGMA writable_schema = ON")
        conn.execute("UPDATE sqlite_master SET sql = ? WHERE name = 'revision'", (changed,))
        conn.execute(f"PRAGMA schema_version = {version + 1}")
        conn.commit()
    finally:
        conn.close()


def inflating_content(megabytes: int) -> bytes:
    """zlib data that inflates to `megabytes` MB of spaces (about 1000:1)."""
    packer = zlib.compressobj(9)
    chunk = b" " * (1024 * 1024)
    out = [packer.compress(chunk) for _ in range(megabytes)]
    out.append(packer.flush())
    return b"".join(out)


def bomb_the_tip(path: Path, megabytes: int) -> None:
    """Make the newest revision's letter a zlib bomb."""
    data = inflating_content(megabytes)
    digest = hashlib.sha256(data).hexdigest()
    add_sql(path,
            f"INSERT INTO content VALUES ('{digest}', 'json+zlib', X'{data.hex()}')",
            f"UPDATE revision SET content = '{digest}' WHERE id = (SELECT max(id) FROM revision)")


# -- DOCX ----------------------------------------------------------------------------


def _docx(path: Path, body: str) -> Path:
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
                   'openxmlformats.org/package/2006/content-types"><Default Extension="xml" '
                   'ContentType="application/xml"/></Types>')
        z.writestr("word/document.xml", document)
    return path


def _para(text: str, inner: str = "") -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r>{inner}</w:p>"


def nested_text_boxes(path: Path, levels: int) -> Path:
    """A paragraph holding a text box holding a paragraph holding … `levels` deep."""
    inner = ""
    for level in reversed(range(levels)):
        box = f"<w:r><w:pict><w:txbxContent>{inner}</w:txbxContent></w:pict></w:r>"
        inner = _para(f"Niveau {level}", box if inner else "")
    return _docx(path, inner)


def nested_tables(path: Path, levels: int) -> Path:
    """A table whose only cell holds a paragraph and a table … `levels` deep."""
    inner = ""
    for level in reversed(range(levels)):
        inner = f"<w:tbl><w:tr><w:tc>{_para(f'Case {level}')}{inner}</w:tc></w:tr></w:tbl>"
    return _docx(path, inner)


def linked_docx(path: Path, shown: str, target: str) -> Path:
    """One paragraph with a hyperlink whose text is `shown` and target `target`."""
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            f'hyperlink" Target="{target}" TargetMode="External"/></Relationships>')
    body = (f'<w:p><w:r><w:t xml:space="preserve">Le rapport est publié sur </w:t></w:r>'
            f'<w:hyperlink xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
            f'relationships" r:id="rId9"><w:r><w:t>{shown}</w:t></w:r></w:hyperlink>'
            f'<w:r><w:t>.</w:t></w:r></w:p>')
    _docx(path, body)
    with zipfile.ZipFile(path, "a") as z:
        z.writestr("word/_rels/document.xml.rels", rels)
    return path
