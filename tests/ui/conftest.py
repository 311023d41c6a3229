"""Fixtures for GUI tests: real drafts on disk, real windows, canned answers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from drafting import paths
from drafting.letter import Letter
from drafting.storage.store import DraftStore
from drafting.templates.catalog import create_letter, get_template
from ui.app import open_session
from ui.main_window import MainWindow
from ui.prompts import DISCARD, Prompter
from ui.session import Session
from ui.settings import Settings

TEMPLATE_ID = "minusma-six-monthly"


class FakePrompter(Prompter):
    """Canned answers; records what was asked."""

    def __init__(self, restore: bool = True, close_answer: str = DISCARD) -> None:
        super().__init__(None)
        self.restore = restore
        self.close_answer = close_answer
        self.asked: list[str] = []
        self.errors: list[str] = []

    def restore_autosave(self, name: str, when: Any) -> bool:
        self.asked.append("restore")
        return self.restore

    def draft_locked(self, name: str) -> None:
        self.asked.append("locked")

    def save_before_close(self, name: str) -> str:
        self.asked.append("close")
        return self.close_answer

    def revision_name(self, default: str) -> str | None:
        return default

    def open_path(self, start: str) -> str | None:
        return None

    def error(self, title: str, message: str) -> None:
        self.errors.append(message)


def sample_letter() -> Letter:
    data = json.loads((paths.samples_dir() / "minusma-six-monthly.en.json").read_text("utf-8"))
    return Letter.from_dict(data)


def empty_letter() -> Letter:
    return create_letter(get_template(TEMPLATE_ID), "en", symbol="S/2020/481",
                         date=date(2020, 6, 1), job_number="20-07899")


@pytest.fixture
def sample_path(tmp_path: Path) -> Path:
    path = tmp_path / "sample.missive"
    DraftStore.create(path, sample_letter()).close()
    return path


@pytest.fixture
def empty_path(tmp_path: Path) -> Path:
    path = tmp_path / "new.missive"
    DraftStore.create(path, empty_letter()).close()
    return path


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(tmp_path / "settings.ini")


@pytest.fixture
def prompter() -> FakePrompter:
    return FakePrompter()


@pytest.fixture
def make_window(qtbot: Any, settings: Settings, prompter: FakePrompter) -> Iterator[Any]:
    """make_window(path) -> MainWindow on that draft, closed after the test."""
    windows: list[MainWindow] = []

    def make(path: Path, restore_layout: bool = False) -> MainWindow:
        session = open_session(path, prompter)
        window = MainWindow(session, settings, prompter, restore_layout=restore_layout)
        qtbot.addWidget(window)
        with qtbot.waitActive(window):
            window.show()
            window.activateWindow()
        windows.append(window)
        # The first full check runs once the window has painted; tests start
        # from the checked state, as a writer does a moment after opening.
        qtbot.waitUntil(lambda: window.session.checked, timeout=5000)
        return window

    yield make
    for w in windows:
        if w.session.store is not None:
            w.session.close()


def fast_session(session: Session) -> Session:
    """Shorter timers so tests wait milliseconds, not seconds."""
    session._check_timer.setInterval(10)
    session._autosave_timer.setInterval(30)
    return session


# The template editor's window and canned answers (tests/ui/template_editor_fixtures.py).
from tests.ui.template_editor_fixtures import answers, editor  # noqa: E402,F401
