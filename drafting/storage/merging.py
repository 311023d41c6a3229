"""Merging another copy of a draft into this one, on disk (issue 20).

    with open_draft("lettre.missive") as opened:
        outcome = merge_copy(opened.store, "Bamako.missive", template=opened.template)

The other copy is only read (never opened for writing, and refused while a
live Missive holds its lock). Its common ancestor with this draft is the
newest revision of this draft whose content — identified by the SHA-256 of
the letter, as the store keys it — the other copy also has; two files that
are not copies of one draft (different draft ids, or no shared revision) are
refused with `UnrelatedDraftsError`. The git merge driver gives the ancestor
itself (`base=`).

The merged letter (`drafting.merging.merge_letters`, all three on the
template's current version) is recorded with the other copy's revisions this
draft lacks, in ONE transaction (`DraftStore.commit_merge`): a crash leaves
the draft as it was before the merge, or merged with everything.
"""

from __future__ import annotations

import hashlib
import os
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from drafting.errors import CorruptDraftError, DraftError, DraftLockedError
from drafting.i18n import _
from drafting.letter import Letter
from drafting.merging import MergeResult, merge_letters
from drafting.storage.lockfile import is_stale, lock_path_for, read_lock
from drafting.storage.opening import follow_template, template_of
from drafting.storage.revisions import commit_merge, content_rows, draft_id, revision_rows
from drafting.storage.store import DraftStore, Revision
from drafting.templates.model import Template

# A stored letter larger than this once inflated is refused (a 200-page
# letter is about 2 MB of JSON).
_MAX_LETTER_BYTES = 256 * 1024 * 1024


class UnrelatedDraftsError(DraftError):
    """The two files are not copies of one draft: nothing to merge against."""


@dataclass
class MergeOutcome:
    """What a merge did: the domain result, the revision it recorded (None when
    this draft already held everything), and how many of the other copy's
    revisions joined the history."""

    result: MergeResult
    revision: Revision | None
    imported: int = 0
    base: str = ""  # the common ancestor: a revision's name and time, or the base file
    notices: list[str] = field(default_factory=list)  # template migrations on the way

    @property
    def up_to_date(self) -> bool:
        return self.revision is None

    @property
    def letter(self) -> Letter:
        return self.result.letter


def check_unlocked(path: str | os.PathLike[str]) -> None:
    """Refuse (DraftLockedError) a draft a live Missive holds open for writing."""
    target = Path(path)
    holder = read_lock(lock_path_for(target))
    if holder is not None and not is_stale(holder):
        raise DraftLockedError(_(
            "{path} is open for writing in another Missive window ({holder}); close it "
            "there before merging.").format(path=target, holder=holder.describe()))


def merge_copy(
    store: DraftStore,
    other: str | os.PathLike[str],
    *,
    ours: Letter | None = None,
    template: Template | None = None,
    base: Letter | None = None,
    base_label: str = "",
    other_name: str | None = None,
) -> MergeOutcome:
    """Merge the draft file `other` into the open, writable `store`.

    `ours` is this copy's letter (default: the store's newest; the window
    passes its current text after flushing it to the store). `template`
    defaults to ours's. `base` gives the common ancestor explicitly (git's
    merge base) instead of finding it in the histories; `other_name` names
    the other copy in revision names and conflicts (default: its file name).
    Raises DraftLockedError, UnrelatedDraftsError and other DraftErrors, all
    with one plain sentence; nothing is written then.
    """
    other_path = Path(other)
    name = other_name or other_path.name
    if store.read_only:
        raise DraftError(_("{path} is open read-only; it cannot take a merge.").format(
            path=store.path))
    if other_path.resolve() == Path(store.path).resolve():
        raise DraftError(_("A draft cannot be merged with itself."))
    check_unlocked(other_path)
    ours_rows = revision_rows(store)
    ours_hashes = {r[5] for r in ours_rows}
    with DraftStore.open(other_path, read_only=True) as theirs_store:
        theirs_rows = revision_rows(theirs_store)
        theirs_hashes = {r[5] for r in theirs_rows}
        if base is None:
            if draft_id(store) != draft_id(theirs_store):
                raise _unrelated(store.path, other_path)
            shared = [r for r in ours_rows if r[5] in theirs_hashes]
            if not shared:
                raise _unrelated(store.path, other_path)
            ancestor = shared[-1]
            base = store.load_revision(ancestor[0])
            base_label = ancestor[3] or ancestor[1][:16].replace("T", " ")
        theirs = theirs_store.load()
        missing = [r for r in theirs_rows if r[5] not in ours_hashes]
        contents = _verified(content_rows(theirs_store, [r[5] for r in missing]), other_path)
    ours = store.load() if ours is None else ours
    template = template or template_of(ours, Path(store.path).name)
    notices: list[str] = []
    on_template: list[Letter] = []
    for letter in (base, ours, theirs):
        moved, said = follow_template(letter, template)
        on_template.append(moved)
        notices += [n for n in said if n not in notices]
    result = merge_letters(on_template[0], on_template[1], on_template[2], other=name)
    if not missing and result.letter.to_dict() == on_template[1].to_dict():
        return MergeOutcome(result, None, 0, base_label, notices)
    revisions = [(created, "save", _imported_name(rev_name, kind, name), words, digest)
                 for _id, created, kind, rev_name, words, digest in missing]
    revision = commit_merge(
        store, result.letter, _("Merged with {name}").format(name=name), revisions, contents,
        autosave_name=_("Before merging with {name}").format(name=name))
    return MergeOutcome(result, revision, len(revisions), base_label, notices)


def _imported_name(name: str, kind: str, other: str) -> str:
    if kind == "autosave":
        return _("Autosave (from {name})").format(name=other)
    if not name:
        return _("Saved (from {name})").format(name=other)
    return _("{revision} (from {name})").format(revision=name, name=other)


def _unrelated(ours: Path, other: Path) -> UnrelatedDraftsError:
    return UnrelatedDraftsError(_(
        "{ours} and {other} are not copies of one draft (they share no revision), so "
        "they cannot be merged; compare them instead: missive export {ours} -o "
        "comparison.docx --compare-to {other}").format(ours=ours.name, other=other.name))


def _verified(rows: list[tuple[str, str, bytes]], path: Path) -> list[tuple[str, str, bytes]]:
    """The other copy's stored letters, each checked against its hash before it
    joins this draft: a damaged one would otherwise pass for a good one."""
    for digest, encoding, data in rows:
        try:
            if encoding == "json+zlib":
                inflater = zlib.decompressobj()
                raw = inflater.decompress(data, _MAX_LETTER_BYTES)
                if inflater.unconsumed_tail:
                    raise ValueError("too large")
            elif encoding == "json":
                raw = data
            else:
                raise ValueError(encoding)
        except (zlib.error, ValueError) as exc:
            raise CorruptDraftError(_(
                "{path} is damaged: a stored letter cannot be read.").format(path=path)) from exc
        if hashlib.sha256(raw).hexdigest() != digest:
            raise CorruptDraftError(_(
                "{path} is damaged: a stored letter cannot be read.").format(path=path))
    return rows
