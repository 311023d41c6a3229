#!/usr/bin/python3
"""Review a DOCX the way a reviewer would, with the real LibreOffice (issue 19 tests).

    /usr/bin/python3 scripts/lo_review.py IN.docx OUT.docx PLAN.json

Runs with the *system* Python, which has Debian's `python3-uno` (the `uno`
module is not installable into a virtual environment). It starts
`soffice --headless` with a private, throw-away profile, connects over a
pipe, opens IN.docx, carries out the plan, saves OUT.docx as "MS Word 2007
XML" and closes LibreOffice again; soffice is killed whatever happens.

The plan is a JSON list of steps, done in order:

    {"op": "author", "name": "A. Reviewer"}          user name (tracked changes, comments)
    {"op": "track", "on": true}                       record changes on or off
    {"op": "replace", "find": "old", "with": "new"}   first occurrence only
    {"op": "delete_paragraph", "containing": "…"}     the whole paragraph and its mark
    {"op": "insert_paragraph_after", "containing": "…", "text": "…"}
    {"op": "comment", "on": "words", "text": "…"}     a comment anchored on those words
    {"op": "drop_bookmarks", "containing": "…"}       bookmarks of that paragraph removed

A step that cannot find its text fails the run (exit 1, one line on
stderr), so a test never passes on a review that did not happen.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import uno  # type: ignore[import-not-found]
import unohelper  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.connection import NoConnectException  # type: ignore[import-not-found]
from com.sun.star.task import XInteractionHandler2  # type: ignore[import-not-found]
from com.sun.star.util import DateTime  # type: ignore[import-not-found]

CONNECT_SECONDS = 60.0


def prop(name: str, value: Any) -> Any:
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


class _Quiet(unohelper.Base, XInteractionHandler2):  # type: ignore[misc]
    """Answers LibreOffice's questions with nothing (a headless load must never
    wait for one; without a handler a file with custom properties fails to load)."""

    def handle(self, request: Any) -> None:
        self.handleInteractionRequest(request)

    def handleInteractionRequest(self, request: Any) -> bool:  # noqa: N802 - UNO name
        return False


class Office:
    """One headless soffice with its own profile, reached over a named pipe."""

    def __init__(self) -> None:
        self.profile = Path(tempfile.mkdtemp(prefix="missive-lo-"))
        self.pipe = f"missive_{uuid.uuid4().hex[:12]}"
        binary = shutil.which("soffice") or shutil.which("libreoffice")
        if binary is None:
            raise SystemExit("lo_review: soffice not found")
        self.process = subprocess.Popen(
            [binary, "--headless", "--invisible", "--nologo", "--norestore", "--nodefault",
             "--nolockcheck", f"-env:UserInstallation={self.profile.as_uri()}",
             f"--accept=pipe,name={self.pipe};urp;StarOffice.ComponentContext"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=None if os.environ.get("LO_REVIEW_DEBUG") else subprocess.DEVNULL,
            start_new_session=True)
        self.context = self._connect()
        self.smgr = self.context.ServiceManager
        self.desktop = self.smgr.createInstanceWithContext("com.sun.star.frame.Desktop",
                                                           self.context)

    def _connect(self) -> Any:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.monotonic() + CONNECT_SECONDS
        while True:
            try:
                return resolver.resolve(
                    f"uno:pipe,name={self.pipe};urp;StarOffice.ComponentContext")
            except NoConnectException:
                if self.process.poll() is not None:
                    raise SystemExit("lo_review: soffice exited before accepting a connection") \
                        from None
                if time.monotonic() > deadline:
                    raise SystemExit("lo_review: soffice did not start in time") from None
                time.sleep(0.25)

    def set_author(self, name: str) -> None:
        """The user name LibreOffice stamps on tracked changes and comments."""
        first, _, last = name.partition(" ")
        provider = self.smgr.createInstanceWithContext(
            "com.sun.star.configuration.ConfigurationProvider", self.context)
        access = provider.createInstanceWithArguments(
            "com.sun.star.configuration.ConfigurationUpdateAccess",
            (prop("nodepath", "/org.openoffice.UserProfile/Data"),))
        access.setPropertyValue("givenname", first)
        access.setPropertyValue("sn", last)
        access.commitChanges()

    def close(self) -> None:
        try:
            self.desktop.terminate()
        except Exception:  # noqa: BLE001 - the bridge dies with soffice
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        self.kill()

    def kill(self) -> None:
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.process.wait(timeout=10)
        shutil.rmtree(self.profile, ignore_errors=True)


def _find(doc: Any, needle: str) -> Any:
    """A text cursor selecting the first occurrence of `needle` in a body paragraph.

    Not `findFirst`: LibreOffice's search needs a view, and the document is
    loaded without one (see `main`).
    """
    text = doc.getText()
    paragraphs = text.createEnumeration()
    while paragraphs.hasMoreElements():
        paragraph = paragraphs.nextElement()
        if not paragraph.supportsService("com.sun.star.text.Paragraph"):
            continue
        at = paragraph.getString().find(needle)
        if at < 0:
            continue
        cursor = text.createTextCursorByRange(paragraph.getStart())
        cursor.goRight(at, False)
        cursor.goRight(len(needle), True)
        if cursor.getString() == needle:
            return cursor
    raise SystemExit(f"lo_review: text not found: {needle!r}")


def _paragraph_cursor(doc: Any, containing: str) -> Any:
    found = _find(doc, containing)
    cursor = found.getText().createTextCursorByRange(found.getStart())
    cursor.gotoStartOfParagraph(False)
    return cursor


def _paragraph_text(mark: Any) -> str:
    anchor = mark.getAnchor()
    cursor = anchor.getText().createTextCursorByRange(anchor.getStart())
    cursor.gotoStartOfParagraph(False)
    cursor.gotoEndOfParagraph(True)
    return str(cursor.getString())


def _now() -> Any:
    stamp = time.gmtime()
    value = DateTime()
    value.Year, value.Month, value.Day = stamp.tm_year, stamp.tm_mon, stamp.tm_mday
    value.Hours, value.Minutes, value.Seconds = stamp.tm_hour, stamp.tm_min, stamp.tm_sec
    return value


def run_plan(office: Office, doc: Any, plan: list[dict[str, Any]]) -> None:
    author = "Reviewer"
    for step in plan:
        op = step["op"]
        if op == "author":
            author = step["name"]
            office.set_author(author)
        elif op == "track":
            doc.RecordChanges = bool(step["on"])
        elif op == "replace":
            _find(doc, step["find"]).setString(step["with"])
        elif op == "delete_paragraph":
            cursor = _paragraph_cursor(doc, step["containing"])
            cursor.gotoEndOfParagraph(True)
            cursor.goRight(1, True)  # the paragraph mark too
            cursor.setString("")
        elif op == "insert_paragraph_after":
            cursor = _paragraph_cursor(doc, step["containing"])
            cursor.gotoEndOfParagraph(False)
            text = cursor.getText()
            text.insertControlCharacter(cursor, 0, False)  # PARAGRAPH_BREAK
            text.insertString(cursor, step["text"], False)
        elif op == "comment":
            found = _find(doc, step["on"])
            note = doc.createInstance("com.sun.star.text.textfield.Annotation")
            note.Author = step.get("author", author)
            note.Content = step["text"]
            note.DateTimeValue = _now()
            found.getText().insertTextContent(found, note, True)
        elif op == "drop_bookmarks":
            marks = doc.getBookmarks()
            gone = [name for name in marks.getElementNames()
                    if step["containing"] in marks.getByName(name).getAnchor().getString()
                    or step["containing"] in _paragraph_text(marks.getByName(name))]
            if not gone:
                raise SystemExit(f"lo_review: no bookmark on {step['containing']!r}")
            for name in gone:
                marks.getByName(name).dispose()
        else:
            raise SystemExit(f"lo_review: unknown step {op!r}")


def main(argv: list[str]) -> int:
    if len(argv) != 4:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    source, target, plan_path = (Path(a).resolve() for a in argv[1:])
    plan = json.loads(plan_path.read_text(encoding="utf-8"))
    office = Office()
    try:
        # Loaded without a window: in the no-GUI LibreOffice of Debian
        # (libreoffice-writer-nogui) a document with a view aborts soffice as
        # soon as a comment is added (the comment's sidebar has no UI files).
        doc = office.smgr.createInstanceWithContext("com.sun.star.text.TextDocument",
                                                    office.context)
        doc.load((prop("URL", source.as_uri()), prop("FilterName", "MS Word 2007 XML"),
                  prop("ReadOnly", False), prop("InteractionHandler", _Quiet())))
        try:
            run_plan(office, doc, plan)
            doc.storeToURL(target.as_uri(), (prop("FilterName", "MS Word 2007 XML"),))
        finally:
            doc.close(True)
    finally:
        office.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
