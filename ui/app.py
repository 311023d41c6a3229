"""Application setup: the QApplication, opening drafts into windows, the
offscreen screenshot, and the last-resort exception hook.

`run_gui(path, argv)` is what `python main.py [FILE]` calls; with no file and
no recent draft it opens a copy of the shipped sample letter so the writer
sees a real letter straight away.
"""

from __future__ import annotations

import json
import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QMessageLogContext,
    Qt,
    QtMsgType,
    qFormatLogMessage,
    qInstallMessageHandler,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from drafting import paths
from drafting.atomic import write_atomic
from drafting.errors import MissiveError
from drafting.i18n import _
from drafting.letter import Letter
from drafting.storage.opening import open_draft
from drafting.storage.outputs import check_output
from drafting.storage.store import DraftStore
from ui import translations
from ui.main_window import MainWindow
from ui.navigator import DETAILS, REVIEW
from ui.prompts import Prompter
from ui.session import Session
from ui.settings import Settings

log = logging.getLogger(__name__)

SAMPLE_NAME = "minusma-six-monthly.en.json"

# Printed by the offscreen platform plugin for every window it shows; it says
# nothing to the writer and would break the CLI's one-line error contract.
HARMLESS_QT_MESSAGES = frozenset({"This plugin does not support propagateSizeHints()"})


class QuietPrompter(Prompter):
    """Answers without asking: keep autosaved work, accept read-only, keep changes."""

    def restore_autosave(self, name: str, when: Any) -> bool:
        return True

    def draft_locked(self, name: str) -> None:
        return None

    def save_before_close(self, name: str) -> str:
        return "cancel"

    def error(self, title: str, message: str) -> None:
        log.warning("%s: %s", title, message)


def install_message_filter() -> None:
    """Drop Qt's known harmless platform warnings; pass every other message on.

    Messages go to the handler that was installed before (pytest-qt's, say),
    or to stderr in Qt's own format when there was none.
    """
    previous: Any = None

    def handler(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if message in HARMLESS_QT_MESSAGES:
            return
        if previous is not None:
            previous(mode, context, message)
        else:
            sys.stderr.write(qFormatLogMessage(mode, context, message) + "\n")

    previous = qInstallMessageHandler(handler)


def ensure_app(argv: list[str] | None = None) -> QApplication:
    """The running QApplication, created (with Missive's names) if needed."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    install_message_filter()
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)  # 125 % stays 125 %, not 100 or 200
    QCoreApplication.setOrganizationName("Missive")
    QCoreApplication.setApplicationName("Missive")
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationDisplayName("Missive")
    return app


def sample_draft_path() -> Path:
    """The writer's copy of the sample letter, made on first use."""
    target = paths.user_data_dir() / "drafts" / "sample.missive"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        data = json.loads((paths.samples_dir() / SAMPLE_NAME).read_text(encoding="utf-8"))
        DraftStore.create(target, Letter.from_dict(data), name=_("Sample letter")).close()
    return target


def open_session(path: str | Path, prompter: Prompter, write_migration: bool = True) -> Session:
    """Open a draft for a window: lock (or read-only), crash recovery, template.

    A draft made with another version of its template is migrated
    (`drafting.templates.migration`): nothing is dropped, `session.notices` says what
    moved, and unless read-only or `write_migration` is False the migrated
    letter is saved at once as a named revision ("Updated to template
    version N") so the file follows the new version for good. Raises
    MissiveError subclasses with plain messages for files that cannot be
    opened (`TemplateNotFoundError` when the draft's template is gone).
    """
    opened = open_draft(path, on_locked=prompter.draft_locked,
                        keep_autosave=lambda when: prompter.restore_autosave(
                            Path(path).name, when))
    session = Session(opened.letter, opened.template, opened.store, path, opened.read_only)
    revisions = opened.store.revisions()
    session.last_saved = revisions[-1].created if revisions else None
    session.notices = opened.notices
    if write_migration:
        # A named revision, not an autosave: choosing Discard when the window
        # closes drops autosaves, and would put the old template version back.
        rev = opened.save_migration()
        if rev is not None:
            session.last_saved = rev.created
            session.saved.emit(rev)
    return session


class Application:
    """The open windows and what they share (settings, prompter)."""

    def __init__(self, settings: Settings | None = None, prompter: Prompter | None = None) -> None:
        self.settings = settings or Settings()
        self.prompter = prompter or Prompter()
        self.windows: list[MainWindow] = []

    def open(self, path: str | Path) -> MainWindow | None:
        """A window on `path`, or None after telling the writer why not."""
        resolved = str(Path(path).resolve())
        for w in self.windows:
            if w.session.path and str(w.session.path.resolve()) == resolved:
                w.raise_()
                w.activateWindow()
                return w
        try:
            session = open_session(path, self.prompter)
        except (MissiveError, OSError) as exc:
            self.prompter.error(_("Cannot open draft"), str(exc))
            return None
        window = MainWindow(session, self.settings, self.prompter, open_path=self.open)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        window.destroyed.connect(lambda _o=None, w=window: self._forget(w))
        self.windows.append(window)
        if not session.read_only:
            self.settings.add_recent_file(path)
        window.show()
        return window

    def _forget(self, window: MainWindow) -> None:
        if window in self.windows:
            self.windows.remove(window)

    def autosave_all(self) -> None:
        for w in list(self.windows):
            try:
                w.session.autosave()
            except Exception:  # the hook must not fail while handling a failure
                log.exception("autosave during error handling failed")


def install_exception_hook(app_state: Application, show: bool = True) -> None:
    """Unhandled exceptions (e.g. in a slot): autosave, log, tell the writer plainly."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        handle_exception(app_state, kind, exc, tb, show=show)

    sys.excepthook = hook


def error_log_path() -> Path:
    return paths.log_dir() / "missive-errors.log"


def handle_exception(app_state: Application, kind: type[BaseException], exc: BaseException,
                     tb: TracebackType | None, show: bool = True) -> Path:
    """Autosave every draft, append the traceback to the error log; returns the log path."""
    app_state.autosave_all()
    log_path = error_log_path()
    with log_path.open("a", encoding="utf-8") as fh:
        fh.write("".join(traceback.format_exception(kind, exc, tb)) + "\n")
    if show and QApplication.instance() is not None:
        QMessageBox.critical(
            None, _("Something went wrong"),
            _("Missive hit an unexpected problem. Your draft was saved first. "
              "Details are in {path}.").format(path=log_path))
    return log_path


def run_gui(path: str | None, argv: list[str]) -> int:
    """Start the GUI on `path` (or the last draft, or the sample); returns the exit code."""
    app = ensure_app(argv)
    state = Application()
    translations.apply_language(translations.resolve_language(
        state.settings.interface_language()), app)
    install_exception_hook(state)
    target = path or state.settings.last_draft()
    if target is None:
        try:
            target = str(sample_draft_path())
        except (MissiveError, OSError, ValueError) as exc:
            state.prompter.error(_("Cannot open the sample letter"), str(exc))
            return 1
    if state.open(target) is None:
        return 2
    return int(app.exec())


def screenshot_steps(session: Session) -> list[str]:
    """The steps a screenshot can show: details, every section, unassigned text, review."""
    return [DETAILS, *session.editable_ids(), REVIEW]


def render_screenshot(draft_path: str | Path, out_png: str | Path, section: str | None = None,
                      size: tuple[int, int] = (1400, 900)) -> None:
    """Render the main window on a draft to a PNG without showing it on screen.

    `section` is a step: "details", "review", a section id of the draft, or
    "unassigned" when the draft has unassigned text. Raises MissiveError
    (plain, translated message) for an unknown step or when the PNG cannot
    be written. User settings are not read or written (a scratch settings
    file is used).
    """
    import tempfile

    app = ensure_app()
    out = Path(out_png)
    # A picture never replaces the draft it shows, nor any other draft.
    check_output(out, sources=[draft_path], kind="png")
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(Path(tmp) / "screenshot.ini")
        session = open_session(draft_path, QuietPrompter(), write_migration=False)
        steps = screenshot_steps(session)
        step = section or DETAILS
        if step not in steps:
            session.close()
            raise MissiveError(_("unknown step '{step}'; valid steps: {valid}").format(
                step=step, valid=", ".join(steps)))
        # Nothing is edited, so nothing is written; close() autosaves only changes.
        window = MainWindow(session, settings, QuietPrompter(), restore_layout=False)
        try:
            window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
            window.resize(*size)
            window.show()
            window.go_to_step(step)
            if step not in (DETAILS, REVIEW):
                window.editor.go_to(None, 0)
            for _i in range(5):
                app.processEvents()
            # The window checks after its first paint; the picture shows the
            # checked state, with every paragraph marked.
            session.ensure_checked()
            window.editor.highlighter.finish()
            for _i in range(5):
                app.processEvents()
            data = QByteArray()
            buffer = QBuffer(data)
            buffer.open(QIODevice.OpenModeFlag.WriteOnly)
            rendered = window.grab().save(buffer, "PNG")
            buffer.close()
        finally:
            window.hide()
            session.close()
            window.deleteLater()
            app.processEvents()
    if not out.parent.is_dir():
        raise MissiveError(_("cannot write the screenshot {path}: the folder {folder} "
                             "does not exist").format(path=out, folder=out.parent))
    try:
        if not rendered:
            raise OSError(0, "")
        write_atomic(out, bytes(data.data()))
    except OSError as exc:
        raise MissiveError(_("cannot write the screenshot {path}: check that the folder "
                             "is writable and the name ends in .png").format(path=out)) from exc
