"""The one way to open a letter: store, lock, identity check, template, migration.

The CLI, the window and the compare/redline path all come through here, so a
draft is checked, locked and migrated the same way whoever opens it:

- `open_draft(path)` for writing: the draft's lock (or read-only when the
  caller accepts that), crash-recovery choice, the draft's template, and its
  letter mapped onto that template's current version (`notices` say what
  moved; `save_migration` records it as a named revision);
- `load_letter(path)` for reading only (check, export, show);
- `load_compared(path, compare_to, template)` for the two letters of a
  comparison: a revision of the draft, another draft or a previous letter.

The header and identity checks live in `DraftStore.open`; the lock in
`drafting.storage.lockfile`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from types import TracebackType

from drafting.errors import DraftError, DraftLockedError, TemplateNotFoundError
from drafting.i18n import _
from drafting.letter import Letter
from drafting.storage.store import DraftStore, Revision
from drafting.templates.model import Template

# Previous letters a comparison may import instead of opening as drafts.
_IMPORT_SUFFIXES = (".docx", ".txt")


@dataclass
class OpenedDraft:
    """An open draft: its store (closed by `close` or the `with` block), its
    letter on the current template version, and what opening changed."""

    store: DraftStore
    letter: Letter
    template: Template
    read_only: bool
    notices: list[str] = field(default_factory=list)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> OpenedDraft:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def save_migration(self) -> Revision | None:
        """Record a template migration as a named revision, so the file follows
        the new template version for good (None when nothing was migrated)."""
        if not self.notices or self.read_only:
            return None
        return self.store.save(self.letter, name=_("Updated to template version {version}")
                               .format(version=self.template.version))


def open_draft(
    path: str | os.PathLike[str],
    *,
    read_only: bool = False,
    on_locked: Callable[[str], None] | None = None,
    keep_autosave: Callable[[datetime | None], bool] | None = None,
) -> OpenedDraft:
    """Open a draft with its template, migrated to the template's current version.

    Writing takes the draft's lock. When another process holds it, the draft
    opens read-only if `on_locked` is given (called with the file name first),
    else DraftLockedError is raised. `keep_autosave` is asked, with the time
    of the unsaved autosave, whether to keep it (the default keeps it).
    Raises MissiveError subclasses with plain messages.
    """
    name = Path(path).name
    try:
        store = DraftStore.open(path, read_only=read_only)
    except DraftLockedError:
        if on_locked is None:
            raise
        on_locked(name)
        store = DraftStore.open(path, read_only=True)
        read_only = True
    try:
        if not read_only and keep_autosave is not None and store.has_unsaved_autosave():
            revisions = store.revisions()
            if not keep_autosave(revisions[-1].created if revisions else None):
                store.discard_autosave()
        letter = store.load()
        template = template_of(letter, name)
        letter, notices = follow_template(letter, template)
    except BaseException:
        store.close()
        raise
    return OpenedDraft(store, letter, template, read_only, notices)


def load_letter(path: str | os.PathLike[str]) -> tuple[Letter, Template, list[str]]:
    """A draft's latest letter on its template's current version, read only:
    (letter, template, what the migration moved)."""
    with open_draft(path, read_only=True) as opened:
        return opened.letter, opened.template, opened.notices


def template_of(letter: Letter, name: str = "") -> Template:
    """The installed template a letter follows; TemplateNotFoundError says what to do."""
    from drafting.templates.catalog import get_template

    try:
        return get_template(letter.template_id)
    except TemplateNotFoundError as exc:
        if not name:
            raise
        raise TemplateNotFoundError(_(
            "“{name}” was written with the template “{id}”, which is not installed on "
            "this computer. Ask whoever maintains your templates for it, or import it "
            "with Templates › Edit templates…; the draft itself is unchanged."
        ).format(name=name, id=letter.template_id)) from exc


def follow_template(letter: Letter, template: Template) -> tuple[Letter, list[str]]:
    """`letter` mapped onto `template`'s current version, and what moved."""
    if letter.template_id == template.id and letter.template_version == template.version:
        return letter, []
    from drafting import edits

    change = edits.migrate(letter, template)
    return change.apply(letter), change.notices


def load_compared(
    draft_path: str | os.PathLike[str],
    compare_to: int | str | os.PathLike[str],
    template: Template,
) -> tuple[Letter, Letter]:
    """(old, new): a draft's current letter and what it is compared with.

    `compare_to` is a revision id of the same draft (an int, or a string of
    digits), or the path of another .missive file, or a previous letter in
    .docx/.txt (imported onto `template`). Both come back on `template`'s
    current version. Raises DraftError (or ImportFileError) with a plain
    message when either cannot be read.
    """
    with DraftStore.open(draft_path, read_only=True) as store:
        new = store.load()
        revision = revision_id(compare_to)
        old = store.load_revision(revision) if revision is not None else None
    if old is None:
        old = load_letter_file(Path(str(compare_to)), template, new.metadata.language)
    return follow_template(old, template)[0], follow_template(new, template)[0]


def revision_id(compare_to: int | str | os.PathLike[str]) -> int | None:
    """The revision number `compare_to` names, or None when it names a file."""
    if isinstance(compare_to, int):
        return compare_to
    text = str(compare_to).strip()
    # ASCII digits only: "²" and "٣" are digits to str.isdigit, and a file
    # name that is all digits is named with a folder ("./2020").
    return int(text) if text.isascii() and text.isdigit() else None


def load_letter_file(path: str | os.PathLike[str], template: Template, language: str) -> Letter:
    """The letter of another .missive file, or a previous letter in .docx/.txt.

    A .docx or .txt file is imported onto `template` in `language`. Raises
    DraftError (missing or unreadable draft) or ImportFileError.
    """
    source = Path(path)
    if not source.is_file():
        raise DraftError(_("Cannot compare with {path}: no such file or revision.").format(
            path=source))
    if source.suffix.lower() in _IMPORT_SUFFIXES:
        from drafting.importers import import_letter

        return import_letter(source, template, language).letter
    with DraftStore.open(source, read_only=True) as other:
        return other.load()
