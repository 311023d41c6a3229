"""Exports that can come back, and reviewed copies brought in (issue 19).

The one place that joins the draft store, the DOCX reader of reviewed
copies and the review domain, for the CLI and the window alike:

- `record_export(store, letter, file_name)`: before an export, make sure the
  letter exported is a revision the draft keeps (a named one, "Exported to
  …", unless the newest save already holds exactly this text) and return the
  stamp the DOCX will carry (`drafting.review.stamp`).
- `bring_in(store, letter, template, path)`: read a reviewed copy, check that
  it comes from this draft and that its revision is still stored, and return
  the change that adds its suggestions and comments (nothing of the text
  changes) with what the writer should be told.

Refusals raise `ReviewError` (`ForeignCopyError` for a copy of another
draft, or of no draft) or `ImportFileError` (a file that is not a readable
Word document), each one sentence, and leave the draft untouched.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from drafting import edits
from drafting.edits.review import add_review
from drafting.errors import ForeignCopyError, NothingReviewedError, ReviewError
from drafting.export.body import report_title, roman, title_line
from drafting.export.pieces import split_for_links, typeset
from drafting.export.styles import lang_info
from drafting.i18n import _, ngettext
from drafting.importers.reviewed import read_reviewed_docx
from drafting.letter import Block, Letter
from drafting.letter_strings import masthead_strings
from drafting.review.build import Outcome, Sent, build_review
from drafting.review.stamp import ExportStamp
from drafting.storage.exports import (
    Recorded,
    draft_identity,
    letter_digest,
    record_export,
    revision_digests,
)
from drafting.storage.opening import follow_template
from drafting.storage.store import DraftStore, Revision
from drafting.templates.model import Template
from drafting.typography import typography_issues

# Names a copy's "last modified by" may hold that are no reviewer's.
_NOT_A_REVIEWER = {"", "missive", "python-docx"}


def printed_text(block: Block, language: str) -> str:
    """A block's text as the export prints it (typography applied, no tab or number)."""
    lang = lang_info(language).code
    pieces = typeset(split_for_links(block.spans, lang), typography_issues(block.text, lang))
    return "".join(piece.text for piece in pieces)


def sent_letter(letter: Letter, template: Template, revision: int) -> Sent:
    """The printed form of an exported letter, for matching a reviewed copy against it."""
    language = letter.metadata.language or "en"
    printed: dict[str, str] = {}
    for _sid, _index, block in letter.iter_blocks():
        printed[block.id] = printed_text(block, language)
    for annex in letter.annexes:
        for block in annex.blocks:
            printed[block.id] = printed_text(block, language)
    headings: dict[str, str] = {}
    for section in letter.sections:
        try:
            heading = template.section(section.id).heading(language)
        except KeyError:
            heading = section.heading
        if heading:
            headings[" ".join(printed_text(Block.from_text(heading), language).split())] = \
                section.id
    return Sent(letter, revision, printed, headings, _furniture(letter, language))


def _furniture(letter: Letter, language: str) -> list[str]:
    """The printed lines of an export that are no block: title, closing, signature, annexes."""
    meta = letter.metadata
    strings = masthead_strings(lang_info(language).code)
    lines = [title_line(meta), report_title(meta), meta.closing,
             f"{strings['signed_prefix']} {meta.signatory.strip()}"]
    for n, annex in enumerate(letter.annexes, start=1):
        lines += [strings["annex"], f"{strings['annex']} {roman(n)}", annex.title]
    return [" ".join(printed_text(Block.from_text(line), language).split())
            for line in lines if line.strip()]


@dataclass
class BroughtIn:
    """A reviewed copy read and compared: the change to push, what to tell the writer."""

    change: edits.Change
    outcome: Outcome
    revision: int
    notices: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """"7 suggestions and 3 comments from 2 reviewers." """
        n, k, m = self.outcome.summary_counts()
        return _("{suggestions} and {comments} from {reviewers}.").format(
            suggestions=ngettext("{n} suggestion", "{n} suggestions", n).format(n=n),
            comments=ngettext("{n} comment", "{n} comments", m).format(n=m),
            reviewers=ngettext("{n} reviewer", "{n} reviewers", k).format(n=k))


def bring_in(store: DraftStore, letter: Letter, template: Template, path: str | Path, *,
             editor: str | None = None, now: datetime | None = None) -> BroughtIn:
    """Compare a reviewed copy with the revision it was exported from (see module doc).

    `editor` names whoever made edits without tracking changes (default: the
    copy's "last modified by", else its only reviewer). Nothing is written.
    """
    source = Path(path)
    doc = read_reviewed_docx(source)
    if doc.stamp is None or doc.stamp.draft != draft_identity(store):
        raise ForeignCopyError(_(
            "{name} was not exported from this draft, so it cannot come back as a review; "
            "to make a new draft of its text, use “New from previous letter” (missive "
            "import).").format(name=source.name))
    for review in letter.reviews:
        if review.digest == doc.digest:
            raise ReviewError(_("{name} has already been brought in ({when}); its suggestions "
                                "are in the draft.").format(name=source.name,
                                                            when=review.date[:10]))
    sent, revision, notices = _sent(store, doc.stamp, template, source.name, letter)
    when = (now or datetime.now(UTC)).replace(microsecond=0).isoformat() \
        .replace("+00:00", "Z")
    if editor is None:
        editor = doc.last_modified_by
        if editor.strip().casefold() in _NOT_A_REVIEWER:
            authors = doc.authors()
            editor = authors[0] if len(authors) == 1 else ""
    outcome = build_review(sent_letter(sent, template, revision.id), letter, doc,
                           editor=editor.strip(), when=when, name=source.name)
    if not outcome.suggestions and not outcome.comments:
        # No "Review by …" revision for a copy that came back as it went out.
        if not outcome.notices:
            raise NothingReviewedError(_(
                "{name} came back with no change and no comment: there is nothing to bring "
                "in, and the draft is unchanged.").format(name=source.name))
        raise NothingReviewedError(" ".join([_(
            "{name} holds no change to the letter's text and no comment, so nothing is "
            "brought in and the draft is unchanged.").format(name=source.name),
            *outcome.notices]))
    names = ", ".join(outcome.review.reviewers) or _("an unknown reviewer")
    label = _("Review by {names}").format(names=names)
    change = add_review(letter, outcome.review, outcome.suggestions, outcome.comments, label)
    return BroughtIn(change, outcome, revision.id, notices + outcome.notices)


def _text_of(letter: Letter) -> list[object]:
    """What a reader sees of a letter: its sections, unassigned text and annexes."""
    d = letter.to_dict()
    return [d["sections"], d["unassigned"], d["annexes"]]


def _sent(store: DraftStore, stamp: ExportStamp, template: Template, name: str,
          current: Letter) -> tuple[Letter, Revision, list[str]]:
    """The letter a copy was exported from, its revision, and a notice if its text has
    changed since (reviews brought in meanwhile change no text)."""
    revisions = store.revisions()
    digests = revision_digests(store)
    by_id = {r.id: r for r in revisions}
    candidates = [by_id[stamp.revision]] if stamp.revision in by_id else []
    candidates += [r for r in reversed(revisions) if r.id != stamp.revision]
    for rev in candidates:
        if stamp.digest and digests.get(rev.id) != stamp.digest:
            # The export may have followed a newer template than the stored text.
            if rev.id != stamp.revision:
                continue
            stored = follow_template(store.load_revision(rev.id), template)[0]
            if letter_digest(stored) != stamp.digest:
                continue
        letter = follow_template(store.load_revision(rev.id), template)[0]
        notices: list[str] = []
        if _text_of(letter) != _text_of(current):
            label = rev.name or rev.when("%Y-%m-%d %H:%M")
            notices.append(_(
                "{name} was made from revision {id} (“{label}”); the draft has changed "
                "since, and suggestions on paragraphs changed since then may no longer "
                "apply.").format(name=name, id=rev.id, label=label))
        return letter, rev, notices
    raise ReviewError(_(
        "{name} was exported from revision {id} of this draft, which the draft no longer "
        "holds (an autosave replaced by a later save); export again and send the new "
        "copy.").format(name=name, id=stamp.revision))


__all__ = ["BroughtIn", "Recorded", "bring_in", "draft_identity", "printed_text",
           "record_export", "sent_letter"]
