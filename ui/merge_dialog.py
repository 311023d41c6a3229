"""File › Merge a copy… and the conflicts view (issue 20).

`merge_into_session(session, path)` merges another copy of the draft into the
window's own (the window's draft is "mine"): it flushes the window's text to
the draft, merges through `drafting.storage.merging` with the store — and the
lock — the window already holds, then shows the merged letter through the
session as one undo step.

`MergeDialog` lists the letter's conflicts and shows the selected one side by
side, mine | theirs, with the words that differ marked; "Keep mine", "Keep
theirs" and "Edit…" each push one `drafting.edits.resolve_conflict` change on
the session (so Ctrl+Z brings a conflict back, and the list follows).
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from drafting import edits
from drafting.cli.show import block_line
from drafting.compare import word_ops
from drafting.conflicts import Conflict
from drafting.edits import Change
from drafting.edits.conflicts import Choice
from drafting.i18n import _, ngettext
from drafting.letter import Block
from drafting.storage.merging import MergeOutcome, merge_copy
from ui.a11y import explain_buttons
from ui.session import Session
from ui.short_text import isolate

MINE_STYLE = "background-color:#fde7b0; color:#5c3b00; font-weight:bold;"
THEIRS_STYLE = "background-color:#cfe3fb; color:#0b3170; font-weight:bold;"
GAP_STYLE = "color:#8a8a8a; font-style:italic;"
# The common version is shown for reference under the two sides, shortened.
_BASE_CHARS = 240


def merge_into_session(session: Session, path: str | Path) -> MergeOutcome:
    """Merge the draft file `path` into the session's draft and show the result.

    Raises DraftError (locked, not a copy of this draft, damaged) with a plain
    message; nothing is written then.
    """
    if session.store is None or session.read_only:
        from drafting.errors import DraftError

        raise DraftError(_("This draft is open read-only; it cannot take a merge."))
    session.autosave()  # the window's newest text is "mine"
    outcome = merge_copy(session.store, path, ours=session.letter, template=session.template)
    if not outcome.up_to_date:
        session.adopt_merged(outcome.letter, outcome.revision,
                             _("Merge with {name}").format(name=Path(path).name))
    return outcome


def summary_text(outcome: MergeOutcome, name: str) -> str:
    """One or two sentences: what the merge did."""
    if outcome.up_to_date:
        text = _("This draft already holds everything in {name}.").format(name=isolate(name))
    else:
        text = ngettext("Merged {name}: {n} change taken from it.",
                        "Merged {name}: {n} changes taken from it.",
                        outcome.result.taken).format(name=isolate(name),
                                                     n=outcome.result.taken)
    n = len(outcome.result.conflicts)
    if n:
        text += " " + ngettext("{n} conflict to resolve: both versions are kept until you "
                               "choose.", "{n} conflicts to resolve: both versions are kept "
                               "until you choose.", n).format(n=n)
    elif not outcome.up_to_date:
        text += " " + _("No conflicts: the copies merged cleanly.")
    return text


def side_by_side(mine: str, theirs: str) -> tuple[str, str]:
    """Two HTML fragments with the words only one side has marked."""
    left: list[str] = []
    right: list[str] = []
    for op, text in word_ops(mine, theirs):
        html = escape(text)
        if op == "equal":
            left.append(html)
            right.append(html)
        elif op == "delete":
            left.append(f"<span style='{MINE_STYLE}'>{html}</span>")
        else:
            right.append(f"<span style='{THEIRS_STYLE}'>{html}</span>")
    return "".join(left), "".join(right)


def version_text(conflict: Conflict, value: Any) -> str | None:
    """A version of a conflict as plain text (None: deleted on that side)."""
    if value is None:
        return None
    if conflict.kind == "block" and isinstance(value, dict):
        return block_line(Block.from_dict(value))
    if conflict.kind == "record" and isinstance(value, dict):
        return "\n".join(f"{k}: {value.get(k, '')}" for k in conflict.fields)
    if isinstance(value, (list, dict)):
        return ngettext("{n} item", "{n} items", len(value)).format(n=len(value))
    return str(value)


class MergeDialog(QDialog):
    """The letter's merge conflicts, each side by side, and the writer's choice."""

    def __init__(self, session: Session, parent: QWidget | None = None,
                 summary: str = "") -> None:
        super().__init__(parent)
        self.session = session
        self.summary_label = QLabel(summary, self)
        self.summary_label.setWordWrap(True)
        self.conflict_list = QListWidget(self)
        self.conflict_list.setWordWrap(True)
        self.list_label = QLabel(self)
        self.list_label.setBuddy(self.conflict_list)
        self.mine_label = QLabel(self)
        self.theirs_label = QLabel(self)
        self.mine_view = QTextBrowser(self)
        self.theirs_view = QTextBrowser(self)
        self.base_label = QLabel(self)
        self.base_label.setWordWrap(True)
        self.mine_button = QPushButton(self)
        self.theirs_button = QPushButton(self)
        self.edit_button = QPushButton(self)
        self._set_texts()
        self.edit_dialog: ConflictEditDialog | None = None

        mine_box, theirs_box = QWidget(self), QWidget(self)
        for box, label, view in ((mine_box, self.mine_label, self.mine_view),
                                 (theirs_box, self.theirs_label, self.theirs_view)):
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(label)
            column.addWidget(view, 1)
            label.setBuddy(view)
        sides = QSplitter(Qt.Orientation.Horizontal, self)
        sides.addWidget(mine_box)
        sides.addWidget(theirs_box)
        list_box = QWidget(self)
        column = QVBoxLayout(list_box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.list_label)
        column.addWidget(self.conflict_list, 1)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(list_box)
        split.addWidget(sides)
        split.setStretchFactor(1, 3)
        split.setSizes([260, 740])
        choices = QHBoxLayout()
        for button in (self.mine_button, self.theirs_button, self.edit_button):
            choices.addWidget(button)
        choices.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        explain_buttons(close)
        choices.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(split, 1)
        layout.addWidget(self.base_label)
        layout.addLayout(choices)
        self.resize(1000, 560)

        self.conflict_list.currentRowChanged.connect(self._show_current)
        self.mine_button.clicked.connect(lambda: self.resolve("ours"))
        self.theirs_button.clicked.connect(lambda: self.resolve("theirs"))
        self.edit_button.clicked.connect(self.edit_current)
        session.undo_stack.indexChanged.connect(self._on_undo_stack)
        self.refresh()
        self.conflict_list.setFocus()

    # -- the list -------------------------------------------------------------------
    def conflicts(self) -> list[Conflict]:
        return list(self.session.letter.conflicts)

    def current(self) -> Conflict | None:
        item = self.conflict_list.currentItem()
        if item is None:
            return None
        wanted = item.data(Qt.ItemDataRole.UserRole)
        return next((c for c in self.session.letter.conflicts if c.id == wanted), None)

    @Slot()
    def refresh(self, select: int | None = None) -> None:
        """Rebuild the list from the letter (after a choice, an undo, a merge)."""
        row = self.conflict_list.currentRow() if select is None else select
        self.conflict_list.blockSignals(True)
        self.conflict_list.clear()
        for c in self.conflicts():
            item = QListWidgetItem(self.describe(c))
            item.setData(Qt.ItemDataRole.UserRole, c.id)
            item.setToolTip(self.describe(c))
            self.conflict_list.addItem(item)
        n = self.conflict_list.count()
        self.list_label.setText(_("&Conflicts ({n})").format(n=n))
        if n == 0:
            empty = QListWidgetItem(_("No conflicts left."))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.conflict_list.addItem(empty)
            self.conflict_list.setCurrentRow(-1)
        else:
            self.conflict_list.setCurrentRow(max(0, min(row, self.conflict_list.count() - 1)))
        self.conflict_list.blockSignals(False)
        self._show_current()

    @Slot(int)
    def _on_undo_stack(self, _index: int) -> None:
        # A choice undone or redone (here or with Ctrl+Z in the window): follow it.
        self.refresh()

    def describe(self, c: Conflict) -> str:
        """A conflict in the writer's words: where it is and what happened."""
        if c.kind == "metadata":
            return _("Letter detail: {field}").format(field=isolate(c.key))
        if c.kind != "block":
            return _("{name}: {key}").format(name=isolate(c.place or c.key), key=isolate(c.key))
        found = self.session.letter.find_block(c.key)
        section = found[0] if found else c.place
        place = isolate(self.session.place_name(section))
        if found is not None:
            place = _("{section}, paragraph {n}").format(section=place, n=found[1] + 1)
        if c.ours is None:
            return _("{place} (deleted here)").format(place=place)
        if c.theirs is None:
            return _("{place} (deleted there)").format(place=place)
        return place

    @Slot()
    def _show_current(self, *_args: Any) -> None:
        c = self.current()
        for button in (self.mine_button, self.theirs_button, self.edit_button):
            button.setEnabled(c is not None and not self.session.read_only)
        if c is None:
            self.mine_view.clear()
            self.theirs_view.clear()
            self.base_label.clear()
            self.theirs_label.setText(_("Theirs"))
            return
        self.edit_button.setEnabled(c.kind in ("block", "metadata")
                                    and not self.session.read_only)
        self.theirs_label.setText(_("Theirs ({name})").format(name=isolate(c.other)) if c.other
                                  else _("Theirs"))
        mine, theirs = version_text(c, c.ours), version_text(c, c.theirs)
        gone = f"<p style='{GAP_STYLE}'>{escape(_('(deleted in this copy)'))}</p>"
        if mine is None or theirs is None:
            left = gone if mine is None else f"<p>{escape(mine)}</p>"
            right = (f"<p style='{GAP_STYLE}'>{escape(_('(deleted in the other copy)'))}</p>"
                     if theirs is None else f"<p>{escape(theirs)}</p>")
        else:
            a, b = side_by_side(mine, theirs)
            left, right = f"<p>{a}</p>", f"<p>{b}</p>"
        self.mine_view.setHtml(left.replace("\n", "<br/>"))
        self.theirs_view.setHtml(right.replace("\n", "<br/>"))
        base = version_text(c, c.base)
        if base and len(base) > _BASE_CHARS:
            base = base[: _BASE_CHARS - 1] + "…"
        self.base_label.setText(_("Before either change: {text}").format(text=isolate(base))
                                if base else _("Neither copy had it before."))

    # -- choosing ---------------------------------------------------------------------
    def resolve(self, choice: Choice) -> bool:
        """End the selected conflict with `choice` (one undo step)."""
        c = self.current()
        if c is None:
            return False
        row = self.conflict_list.currentRow()
        change: Change = edits.resolve_conflict(self.session.letter, c.id, choice)
        done = self.session.apply(change)
        self.refresh(select=row)
        return done

    @Slot()
    def edit_current(self) -> ConflictEditDialog | None:
        """Open the editor on the selected conflict, prefilled with my version."""
        c = self.current()
        if c is None or c.kind not in ("block", "metadata"):
            return None
        value = c.ours if c.ours is not None else c.theirs
        if c.kind == "block" and isinstance(value, dict):
            text = block_line(Block.from_dict({**value, "carried": False}))
        else:
            text = version_text(c, value) or ""
        dialog = ConflictEditDialog(c, text, self)
        dialog.accepted.connect(lambda: self._edited(c, dialog))
        self.edit_dialog = dialog
        dialog.open()
        return dialog

    def _edited(self, c: Conflict, dialog: ConflictEditDialog) -> None:
        try:
            self.resolve(dialog.choice())
        except ValueError as exc:
            self.summary_label.setText(str(exc))

    def _set_texts(self) -> None:
        self.setWindowTitle(_("Resolve merge conflicts"))
        self.setAccessibleName(_("Resolve merge conflicts"))
        self.summary_label.setAccessibleName(_("Merge summary"))
        self.conflict_list.setAccessibleName(_("Conflicts"))
        self.conflict_list.setToolTip(_("Each place both copies changed differently"))
        self.mine_label.setText(_("Mine (this draft)"))
        self.theirs_label.setText(_("Theirs"))
        self.mine_view.setAccessibleName(_("My version"))
        self.theirs_view.setAccessibleName(_("Their version"))
        self.mine_view.setToolTip(_("This draft's version, the words that differ highlighted"))
        self.theirs_view.setToolTip(_("The other copy's version, the words that differ "
                                      "highlighted"))
        self.base_label.setAccessibleName(_("The version both copies started from"))
        self.mine_button.setText(_("Keep &mine"))
        self.mine_button.setToolTip(_("Keep the version of this draft (Alt+M)"))
        self.theirs_button.setText(_("Keep &theirs"))
        self.theirs_button.setToolTip(_("Take the version of the other copy (Alt+T)"))
        self.edit_button.setText(_("&Edit…"))
        self.edit_button.setToolTip(_("Write the version to keep yourself (Alt+E)"))

    def retranslate_ui(self) -> None:
        """Every text again, in the interface language just chosen."""
        self._set_texts()
        self.refresh()


class ConflictEditDialog(QDialog):
    """The writer's own version of a conflicting paragraph or letter detail.

    A paragraph is edited as text: a blank line starts another paragraph,
    "## " a subheading and "- " a bullet item (as in `missive fill`).
    """

    def __init__(self, conflict: Conflict, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.conflict = conflict
        self.setWindowTitle(_("Edit the version to keep"))
        layout = QVBoxLayout(self)
        self.editor: QPlainTextEdit | QLineEdit
        if conflict.kind == "block":
            hint = _("A blank line starts a new paragraph; “## ” starts a subheading and "
                     "“- ” a bullet item.")
            self.editor = QPlainTextEdit(text, self)
        else:
            hint = _("The value to keep for “{field}”.").format(field=conflict.key)
            self.editor = QLineEdit(text, self)
        self.editor.setAccessibleName(_("Version to keep"))
        label = QLabel(hint, self)
        label.setWordWrap(True)
        label.setBuddy(self.editor)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(label)
        layout.addWidget(self.editor, 1)
        layout.addWidget(buttons)
        self.resize(640, 320)
        self.editor.setFocus()

    def text(self) -> str:
        if isinstance(self.editor, QLineEdit):
            return self.editor.text()
        return self.editor.toPlainText()

    def choice(self) -> list[Block] | str:
        """The edited version in the form `resolve_conflict` takes."""
        if self.conflict.kind != "block":
            return self.text().strip()
        from drafting.importers.contrib import blocks_from_text

        return blocks_from_text(self.text())
