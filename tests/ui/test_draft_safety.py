"""The window and a draft file that changes under it (issue 15).

An export can no longer replace the open draft, from the window or from the
command line; and when another program replaces the file anyway, or commits
to it through another name, the window's next save says so plainly and puts
the writer's text into a new draft instead of claiming "the previous version
is intact".
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from drafting.storage.store import DraftStore
from tests.reliability.cli import assert_one_clear_error, cli
from tests.reliability.helpers import digest
from tests.ui.conftest import empty_letter


def _type(qtbot: Any, window: Any, section: str, text: str) -> None:
    window.go_to_step(section)
    window.editor.setFocus()
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(window.editor, text)


def _save(qtbot: Any, window: Any) -> None:
    qtbot.keyClick(window.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def test_export_dialog_refuses_the_open_draft_and_any_other(
        qtbot: Any, make_window: Any, empty_path: Path, tmp_path: Path) -> None:
    other = tmp_path / "autre.missive"
    DraftStore.create(other, empty_letter()).close()
    window = make_window(empty_path)
    dialog = window.files.open_export()
    for target, says in ((empty_path, "is a Missive draft"), (other, "is a Missive draft")):
        before = digest(target)
        dialog.path_edit.setText(str(target))
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        assert dialog._thread is None  # nothing started
        assert says in dialog.status_label.text()
        assert digest(target) == before
    # The window's draft, even once damaged (no longer recognisable as a draft).
    link = tmp_path / "lien.docx"
    os.symlink(empty_path, link)
    dialog.path_edit.setText(str(link))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert "is a Missive draft" in dialog.status_label.text()
    window.session.save()  # the draft is still whole and still saves
    assert window.session.path == empty_path


def test_export_dialog_names_the_file_for_what_it_writes(
        qtbot: Any, make_window: Any, empty_path: Path, tmp_path: Path) -> None:
    window = make_window(empty_path)
    dialog = window.files.open_export()
    dialog.path_edit.setText(str(tmp_path / "lettre.pdf"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog._thread is None
    assert "not a .pdf file" in dialog.status_label.text()
    assert not (tmp_path / "lettre.pdf").exists()
    # A name typed without its extension gets .docx.
    dialog.path_edit.setText(str(tmp_path / "lettre"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: (tmp_path / "lettre.docx").exists() and dialog._thread is None,
                    timeout=20000)
    assert dialog.path_edit.text() == str(tmp_path / "lettre.docx")
    assert not (tmp_path / "lettre").exists()
    # a dot in the name is not an extension: "v1.2" becomes "v1.2.docx"
    dialog.path_edit.setText(str(tmp_path / "lettre v1.2"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: (tmp_path / "lettre v1.2.docx").exists() and dialog._thread is None,
                    timeout=20000)


def test_cli_export_over_the_draft_open_in_a_window_is_refused(
        qtbot: Any, make_window: Any, empty_path: Path) -> None:
    window = make_window(empty_path)
    _type(qtbot, window, "rotation", "Texte de la fenetre")
    before = digest(empty_path)
    for argv in (["export", str(empty_path), "-o", str(empty_path)],
                 ["screenshot", str(empty_path), "-o", str(empty_path)]):
        assert_one_clear_error(cli(*argv), r"is a Missive draft")
        assert digest(empty_path) == before
    _save(qtbot, window)
    with DraftStore.open(empty_path, read_only=True) as store:
        assert "Texte de la fenetre" in store.load().section("rotation").text


def test_a_draft_replaced_under_the_window_is_never_called_intact(
        qtbot: Any, make_window: Any, empty_path: Path, tmp_path: Path) -> None:
    window = make_window(empty_path)
    session = window.session
    _type(qtbot, window, "rotation", "Mots tapes avant le remplacement")
    # Another program writes a DOCX over the draft (as exports did before).
    docx_bytes = b"PK\x03\x04 a Word document, not a draft"
    replacement = tmp_path / "tmp.docx"
    replacement.write_bytes(docx_bytes)
    os.replace(replacement, empty_path)
    with qtbot.waitSignal(session.rescued, timeout=5000) as signal:
        _save(qtbot, window)
    message = signal.args[0]
    assert "intact" not in message
    assert "is no longer the draft opened here" in message
    rescued = tmp_path / "new (rescued).missive"
    assert f"“{rescued.name}”" in message
    assert window.files.rescue_box is not None and message in window.files.rescue_box.text()
    assert empty_path.read_bytes() == docx_bytes  # the other program's file, untouched
    assert session.path == rescued and window.windowTitle().startswith("new (rescued)")
    # Everything typed is in the new draft, and the window goes on saving there.
    _type(qtbot, window, "rotation", " et apres")
    with qtbot.waitSignal(session.saved, timeout=5000):
        _save(qtbot, window)
    with DraftStore.open(rescued, read_only=True) as store:
        text = store.load().section("rotation").text
    assert "Mots tapes avant le remplacement et apres" in text


def test_a_commit_through_a_hard_link_is_not_overwritten_by_the_window(
        qtbot: Any, make_window: Any, empty_path: Path, tmp_path: Path) -> None:
    window = make_window(empty_path)
    session = window.session
    _type(qtbot, window, "rotation", "Texte de la fenetre")
    other_name = tmp_path / "autre nom.missive"
    os.link(empty_path, other_name)
    contribution = tmp_path / "police.txt"
    contribution.write_text("Contribution de la Police.\n", encoding="utf-8")
    assert cli("fill", str(other_name), "--section", "security", "--from",
               str(contribution))[0] == 0
    with qtbot.waitSignal(session.rescued, timeout=5000) as signal:
        _save(qtbot, window)
    assert "was changed by another program or Missive window" in signal.args[0]
    with DraftStore.open(empty_path, read_only=True) as store:
        assert "Contribution de la Police." in store.load().section("security").text
    with DraftStore.open(session.path, read_only=True) as store:
        assert "Texte de la fenetre" in store.load().section("rotation").text


def test_restoring_from_a_replaced_draft_keeps_the_window_text(
        qtbot: Any, make_window: Any, empty_path: Path, tmp_path: Path) -> None:
    window = make_window(empty_path)
    session = window.session
    _type(qtbot, window, "rotation", "Texte en cours")
    os.replace(_docx_over(tmp_path), empty_path)
    with qtbot.waitSignal(session.rescued, timeout=5000):
        assert session.restore_revision(1) is None
    with DraftStore.open(session.path, read_only=True) as store:
        assert "Texte en cours" in store.load().section("rotation").text
    # closing and discarding no longer touches the replaced file either
    window.close()


def _docx_over(tmp_path: Path) -> Path:
    replacement = tmp_path / "remplacement.docx"
    replacement.write_bytes(b"PK\x03\x04 another program's file")
    return replacement
