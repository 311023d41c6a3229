"""Application-level behaviour: sample draft, screenshot, exception hook, review."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage, QTextCursor

from drafting.storage.store import DraftStore
from tests.ui.conftest import FakePrompter
from ui.app import Application, handle_exception, render_screenshot, sample_draft_path
from ui.settings import Settings


def test_sample_draft_is_copied_once(qapp: Any) -> None:
    path = sample_draft_path()
    assert path.name == "sample.missive" and path.is_file()
    with DraftStore.open(path, read_only=True) as store:
        letter = store.load()
    assert letter.metadata.symbol and letter.section("security").blocks
    stamp = path.stat().st_mtime_ns
    assert sample_draft_path() == path and path.stat().st_mtime_ns == stamp


def test_screenshot_renders_png(qapp: Any, sample_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "shot.png"
    before = sample_path.read_bytes()
    render_screenshot(sample_path, out, section="security")
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1400, 900)
    assert sample_path.read_bytes() == before  # rendering never writes to the draft


def test_application_opens_records_recent_and_refuses_bad_files(
        qtbot: Any, sample_path: Path, tmp_path: Path) -> None:
    settings = Settings(tmp_path / "s.ini")
    prompter = FakePrompter()
    app_state = Application(settings, prompter)
    window = app_state.open(sample_path)
    assert window is not None  # deletes itself on close, so not handed to qtbot
    assert settings.recent_files() == [str(sample_path.resolve())]
    assert app_state.open(sample_path) is window  # the same draft is not opened twice
    bad = tmp_path / "bad.missive"
    bad.write_text("not a draft")
    assert app_state.open(bad) is None
    assert prompter.errors and "bad.missive" in prompter.errors[0]
    window.close()


class _Boom(QObject):
    fire = Signal()


def test_exception_in_slot_autosaves_logs_and_tells(
        qtbot: Any, sample_path: Path, tmp_path: Path) -> None:
    settings = Settings(tmp_path / "s.ini")
    app_state = Application(settings, FakePrompter())
    window = app_state.open(sample_path)
    assert window is not None
    window.go_to_step("rotation")
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(window.editor, " Unsaved before the crash")
    assert window.session.dirty
    try:
        raise ValueError("broken slot")
    except ValueError as exc:
        log_path = handle_exception(app_state, ValueError, exc, exc.__traceback__, show=False)
    assert not window.session.dirty  # autosaved first
    assert "broken slot" in log_path.read_text()
    assert window.session.store.has_unsaved_autosave()
    window.close()
    qtbot.waitUntil(lambda: not app_state.windows)


@pytest.mark.qt_no_exception_capture
def test_exception_hook_catches_slot_errors(qtbot: Any, sample_path: Path, tmp_path: Path,
                                            monkeypatch: Any) -> None:
    import sys

    from ui import app as app_module

    seen: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(app_module, "handle_exception",
                        lambda state, kind, exc, tb, show=True: seen.append(exc))
    app_module.install_exception_hook(Application(Settings(tmp_path / "s.ini"), FakePrompter()))
    boom = _Boom()

    def bad_slot() -> None:
        raise RuntimeError("slot failed")

    boom.fire.connect(bad_slot)
    boom.fire.emit()
    assert [str(e) for e in seen] == ["slot failed"]


def test_review_page_coverage_map(qtbot: Any, make_window: Any, sample_path: Path) -> None:
    window = make_window(sample_path)
    window.go_to_step("review")
    page = window.review_page
    assert not window.guidance_dock.isVisible()  # the map gets the width
    table = page.map_table
    assert table.rowCount() == 16
    assert table.columnCount() == 1 + len(window.session.letter.section_ids())
    statuses = window.session.requirements()
    missing = [i for i, r in enumerate(statuses) if r.status == "missing"]
    covered = next(i for i, r in enumerate(statuses) if r.evidence)
    sections = window.session.letter.section_ids()
    if missing:
        home = sections.index(statuses[missing[0]].section) + 1
        assert page.cell_state(missing[0], home) == "missing"
    ev = statuses[covered].evidence[0]
    column = sections.index(ev.section) + 1
    assert page.cell_state(covered, column) in ("suggested", "confirmed", "carried")
    table.cellClicked.emit(covered, column)
    assert window.current_step() == ev.section
    assert window.editor.textCursor().block().text().startswith(ev.excerpt.strip("…")[:20]) or \
        window.editor.current_block_id() == ev.block_id
    window.go_to_step("review")
    assert page.blockers_list.count() > 0
    window.go_to_step("security")
    assert window.guidance_dock.isVisible()
