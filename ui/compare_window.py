"""Compare two versions of a letter: inline with marked words, or side by side.

The window only reads. It takes what it compares from outside — an open
`DraftStore` (its revisions), the current letter of the editor, and any other
.missive file or previous letter the writer picks — so it stays independent of
the session. The comparison itself is `drafting.compare`.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from drafting.compare import BlockDiff, LetterDiff, compare_letters, diff_stats
from drafting.errors import MissiveError
from drafting.i18n import _, ngettext
from drafting.letter import Letter
from drafting.templates.model import Template
from ui.a11y import explain_buttons
from ui.field_names import field_label, field_value
from ui.screen_fit import fit_to_screen

INS_STYLE = "background-color:#d6f5d6; color:#0b4d0b; text-decoration:underline;"
DEL_STYLE = "background-color:#fbd9d9; color:#8a1111; text-decoration:line-through;"
GAP_STYLE = "color:#9a9a9a;"

# What a picker entry stands for: "current", "revision:<id>" or "file:<path>".
Source = str


def _ins(text: str) -> str:
    # Qt's rich text ignores <ins>/<del> but keeps the span's style; other
    # readers of the HTML still get the semantic tags.
    return f"<ins><span style='{INS_STYLE}'>{_html(text)}</span></ins>"


def _del(text: str) -> str:
    return f"<del><span style='{DEL_STYLE}'>{_html(text)}</span></del>"


def _html(text: str) -> str:
    return escape(text).replace("\n", "<br/>")


def _block_html(block: BlockDiff, side: str) -> str:
    """One block as a paragraph: `side` is "inline", "old" or "new"."""
    if side == "old" and block.kind == "inserted" or side == "new" and block.kind == "deleted":
        return f"<p style='{GAP_STYLE}'>…</p>"
    parts: list[str] = []
    if block.kind == "equal":
        parts.append(_html(block.new_text))
    for op, text in block.ops:
        if op == "equal":
            parts.append(_html(text))
        elif op == "insert" and side != "old":
            parts.append(_ins(text))
        elif op == "delete" and side != "new":
            parts.append(_del(text))
    body = "".join(parts)
    if block.block_kind == "subheading":
        return f"<h4>{body}</h4>"
    if block.block_kind == "bullet":
        return f"<p style='margin-left:24px'>•&nbsp;{body}</p>"
    return f"<p>{body}</p>"


def diff_to_html(
    diff: LetterDiff,
    heading: Callable[[str], str] | None = None,
    *,
    side: str = "inline",
    context: bool = True,
) -> str:
    """The comparison as HTML with `<ins>`/`<del>` marks.

    `side` "inline" shows both; "old" only deletions, "new" only insertions
    (with a "…" line where the other side has a paragraph, to keep the two
    columns in step). Without `context` only changed blocks are shown.
    """
    parts: list[str] = []
    if side == "inline" and diff.metadata:
        rows = "".join(
            f"<tr><td>{escape(field_label(c.name))}</td>"
            f"<td>{_del(field_value(c.name, c.old)) if c.old else ''}</td>"
            f"<td>{_ins(field_value(c.name, c.new)) if c.new else ''}</td></tr>"
            for c in diff.metadata)
        parts.append(f"<h3>{escape(_('Details'))}</h3><table cellpadding='3'>{rows}</table>")
    for section in diff.sections:
        if not section.blocks or not (context or section.changed):
            continue
        title = (heading(section.id) if heading else "") or section.heading or section.id
        parts.append(f"<h3>{escape(title)}</h3>")
        for block in section.blocks:
            if block.kind == "equal" and not context:
                continue
            parts.append(_block_html(block, side))
    if not diff.changed:
        parts.insert(0, f"<p style='color:gray'>{escape(_('No differences.'))}</p>")
    return "\n".join(parts)


def summary_text(diff: LetterDiff) -> str:
    """One line for the status label: paragraphs changed, added, removed; words."""
    if not diff.changed:
        return _("No differences.")
    stats = diff_stats(diff)
    return "; ".join([
        ngettext("{n} paragraph changed", "{n} paragraphs changed",
                 stats["changed"]).format(n=stats["changed"]),
        ngettext("{n} added", "{n} added", stats["inserted"]).format(n=stats["inserted"]),
        ngettext("{n} removed", "{n} removed", stats["deleted"]).format(n=stats["deleted"]),
        ngettext("{n} word added", "{n} words added",
                 stats["words_added"]).format(n=stats["words_added"]),
        ngettext("{n} word removed", "{n} words removed",
                 stats["words_removed"]).format(n=stats["words_removed"]),
    ])


class CompareWindow(QDialog):
    """Pick two versions (revisions, the current text, another file) and see the changes.

    `store` is an open DraftStore (or anything with `revisions()` and
    `load_revision(id)`), or None. `current` is the editor's letter, offered
    as "Current text". `template` lets a previous letter in .docx/.txt be
    imported for comparison; `heading(section_id)` names sections.
    """

    def __init__(
        self,
        store: Any = None,
        *,
        current: Letter | None = None,
        template: Template | None = None,
        heading: Callable[[str], str] | None = None,
        title: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.current = current
        self.template = template
        self.heading = heading
        self.diff: LetterDiff | None = None
        self._syncing = False
        self.setWindowTitle(_("Compare versions of {name}").format(name=title) if title
                            else _("Compare versions"))
        self.setAccessibleName(_("Compare versions"))

        self.old_combo = QComboBox(self)
        self.old_combo.setAccessibleName(_("Older version"))
        self.new_combo = QComboBox(self)
        self.new_combo.setAccessibleName(_("Newer version"))
        self.file_button = QPushButton(_("Compare with a &file…"), self)
        self.file_button.setToolTip(_("Another draft (.missive) or a previous letter "
                                      "(.docx, .txt) as the older version"))
        self.context_check = QCheckBox(_("Show &unchanged paragraphs"), self)
        self.context_check.setChecked(True)
        self.summary_label = QLabel(self)
        self.summary_label.setWordWrap(True)

        self.inline_view = QTextBrowser(self)
        self.inline_view.setAccessibleName(_("Changes inline"))
        self.old_view = QTextBrowser(self)
        self.old_view.setAccessibleName(_("Older version"))
        self.new_view = QTextBrowser(self)
        self.new_view.setAccessibleName(_("Newer version"))
        side = QSplitter(self)
        side.addWidget(self.old_view)
        side.addWidget(self.new_view)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.inline_view, _("&Inline"))
        self.tabs.addTab(side, _("&Side by side"))

        pickers = QFormLayout()
        pickers.addRow(_("&Older:"), self.old_combo)
        pickers.addRow(_("&Newer:"), self.new_combo)
        options = QHBoxLayout()
        options.addWidget(self.file_button)
        options.addWidget(self.context_check)
        options.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        explain_buttons(buttons)
        self.old_combo.setToolTip(_("The version changes are shown from"))
        self.new_combo.setToolTip(_("The version changes are shown to"))
        self.context_check.setToolTip(_("Show the paragraphs that did not change around "
                                        "those that did"))
        for view in (self.inline_view, self.old_view, self.new_view):
            view.setToolTip(_("Added words are underlined in green, removed words struck "
                              "through in red"))
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary_label, 1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(pickers)
        layout.addLayout(options)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        fit_to_screen(self, 1000, 680)

        self.old_combo.currentIndexChanged.connect(self.refresh)
        self.new_combo.currentIndexChanged.connect(self.refresh)
        self.context_check.toggled.connect(self.refresh)
        self.file_button.clicked.connect(self.choose_file)
        self.old_view.verticalScrollBar().valueChanged.connect(
            lambda v: self._sync(self.old_view, self.new_view))
        self.new_view.verticalScrollBar().valueChanged.connect(
            lambda v: self._sync(self.new_view, self.old_view))
        self.reload_sources()

    # -- sources --------------------------------------------------------------
    def reload_sources(self) -> None:
        """Fill both pickers: current text, then revisions newest first.

        By default the newer side is the current text (else the newest
        revision) and the older side the revision before it.
        """
        sources: list[tuple[str, Source]] = []
        if self.current is not None:
            sources.append((_("Current text"), "current"))
        revisions = list(reversed(self.store.revisions())) if self.store is not None else []
        for rev in revisions:
            when = rev.when("%Y-%m-%d %H:%M", local=True)
            kind = _("saved") if rev.kind == "save" else _("autosave")
            label = f"#{rev.id}  {when}  ({kind})"
            if rev.name:
                label += f"  {rev.name}"
            sources.append((label, f"revision:{rev.id}"))
        for combo in (self.old_combo, self.new_combo):
            combo.blockSignals(True)
            combo.clear()
            for label, source in sources:
                combo.addItem(label, source)
            combo.blockSignals(False)
        self.new_combo.setCurrentIndex(0 if sources else -1)
        # the current text equals the newest revision when nothing is unsaved,
        # so the older side starts one further back when there is one
        older = 1 if len(sources) > 1 else 0
        if self.current is not None and revisions and len(sources) > 2 \
                and self._letter(f"revision:{revisions[0].id}").to_dict() \
                == self.current.to_dict():
            older = 2
        self.old_combo.setCurrentIndex(older if sources else -1)
        self.refresh()

    def select(self, old: Source, new: Source) -> None:
        """Show the comparison of two sources (adding a file source when needed)."""
        for combo, source in ((self.old_combo, old), (self.new_combo, new)):
            index = combo.findData(source)
            if index < 0:
                combo.addItem(self._file_label(source), source)
                index = combo.count() - 1
            combo.blockSignals(True)
            combo.setCurrentIndex(index)
            combo.blockSignals(False)
        self.refresh()

    @Slot()
    def choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Compare with"), "",
            _("Drafts and letters (*.missive *.docx *.txt);;All files (*)"))
        if path:
            self.compare_with_file(path)

    def compare_with_file(self, path: str | Path) -> None:
        """Make another file the older side (the newer side stays as it is)."""
        source: Source = f"file:{path}"
        index = self.old_combo.findData(source)
        if index < 0:
            self.old_combo.addItem(self._file_label(source), source)
            index = self.old_combo.count() - 1
        self.old_combo.setCurrentIndex(index)
        self.refresh()

    @staticmethod
    def _file_label(source: Source) -> str:
        return _("File: {name}").format(name=Path(source.partition(":")[2]).name)

    def _letter(self, source: Source) -> Letter:
        kind, _sep, value = source.partition(":")
        if kind == "current" and self.current is not None:
            return self.current
        if kind == "revision" and self.store is not None:
            letter: Letter = self.store.load_revision(int(value))
            return letter
        if kind == "file":
            from drafting.storage.opening import load_letter_file

            path = Path(value)
            if path.suffix.lower() != ".missive" and self.template is None:
                raise MissiveError(_("Cannot read {name} without a template.").format(
                    name=path.name))
            language = self.current.metadata.language if self.current else "en"
            return load_letter_file(path, self.template, language)  # type: ignore[arg-type]
        raise MissiveError(_("Nothing to compare."))

    # -- showing ----------------------------------------------------------------
    @Slot()
    def refresh(self) -> None:
        """Compare the two selected sources and redraw all three views."""
        old_source, new_source = self.old_combo.currentData(), self.new_combo.currentData()
        if old_source is None or new_source is None:
            self.diff = None
            for view in (self.inline_view, self.old_view, self.new_view):
                view.clear()
            self.summary_label.setText(_("There is nothing to compare yet."))
            return
        try:
            old, new = self._letter(str(old_source)), self._letter(str(new_source))
        except (MissiveError, OSError, ValueError) as exc:
            self.diff = None
            for view in (self.inline_view, self.old_view, self.new_view):
                view.clear()
            self.summary_label.setText(str(exc))
            return
        self.diff = compare_letters(old, new)
        context = self.context_check.isChecked()
        self.inline_view.setHtml(diff_to_html(self.diff, self.heading, context=context))
        self.old_view.setHtml(diff_to_html(self.diff, self.heading, side="old",
                                           context=context))
        self.new_view.setHtml(diff_to_html(self.diff, self.heading, side="new",
                                           context=context))
        self.summary_label.setText(summary_text(self.diff))

    def _sync(self, source: QTextBrowser, target: QTextBrowser) -> None:
        # proportional: the two columns differ in length by the changed words
        if self._syncing:
            return
        self._syncing = True
        try:
            bar, other = source.verticalScrollBar(), target.verticalScrollBar()
            span = bar.maximum() - bar.minimum()
            fraction = (bar.value() - bar.minimum()) / span if span > 0 else 0.0
            other.setValue(other.minimum() + round(fraction * (other.maximum() - other.minimum())))
        finally:
            self._syncing = False
