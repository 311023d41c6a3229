"""The checks that make a letter right (DESIGN §3.1, §5, §6).

`run_checks(letter, template, final=False)` runs them all once; `Checker`
keeps per-section and per-block results so the GUI can re-check only the
section being edited. Each check returns `Finding`s; codes and what they mean:

* `coverage.missing` (error, blocking) — a mandate requirement neither
  confirmed by the writer nor detected from its cue words (`coverage`, `cues`);
* `content.outside_mandate` (info) — a body paragraph matching no requirement;
* `content.empty_section` (error, blocking) — a required section with no text
  (this is the code for "empty section"; there is no `section.*` family);
* `placeholder.unresolved` (error, blocking) — a `[…]` item still in the text
  or the metadata; "[Original: English]", "[sic]" and the like are legitimate;
* `figure.percent`, `figure.sum` (warning) — arithmetic that does not add up
  (`figures`: nested breakdowns, totals named first, parts after "of which" /
  "dont"), with the computed value in the letter's number format;
* `typography.*` (warning) — from `drafting.typography`, each with a `Fix`
  (applied by `drafting.edits.apply_fixes`);
* `reference.malformed`, `reference.bad_link`, `reference.link_mismatch`
  (warning) — document symbols and links; a symbol with stray spaces
  ("S /2020/ 500") is malformed and carries the fix removing them;
* `reference.stale_mandate` (error) — the opening cites another resolution
  than the template's mandate as the source of the request (`mandate`);
  `reference.mandate_missing` (warning) — the opening cites no resolution;
* `metadata.symbol_missing`, `metadata.job_missing`, `metadata.date_missing`,
  `metadata.addressee_missing`, `metadata.signatory_missing` (error, blocking);
  `metadata.symbol_malformed`, `metadata.job_malformed`,
  `metadata.letter_date_after_date`, `metadata.period_inverted`,
  `metadata.letter_date_before_period_end` (error; dates in the letter's
  language);
  `metadata.symbol_year`, `metadata.letter_date_missing`,
  `metadata.period_length` (warning) — six months for a letter; a template of
  kind "report" expects about three (80–100 days) and has no addressee,
  signatory, closing or title-date findings (a report prints none of them);
* `length.section_over_budget`, `length.letter_over_limit` (warning);
* `content.unassigned` (warning, blocking) — text kept in "Unassigned" that a
  final letter would leave out: move it into a section or delete it;
* `carryover.unconfirmed` (warning, blocking) — a paragraph carried over from
  the previous letter that the writer has neither confirmed nor rewritten;
* `merge.conflict` (error, blocking) — two merged copies changed the same
  paragraph, detail or record differently; the writer keeps one version or
  edits it (`conflicts`);
* `review.pending_suggestion`, `review.unresolved_comment` (warning, blocking)
  — a reviewer's suggestion not yet decided, a comment thread not resolved
  (`review`).

**What is reported.** `CheckResult.findings` holds one finding per
occurrence; `CheckResult.reported()` — what `check` prints, `check --json`
emits (same DESIGN §5 shape) and the findings panel shows — groups them
(`grouping`): every `typography.*` finding of a section becomes one
`typography.grouped` (info, never blocking; export makes these corrections
anyway, "Fix all" and `missive fix FILE` make them now), and two or more
`carryover.unconfirmed` (or `coverage.carried`) of a section become one
finding of that code with their count (still blocking). A group keeps its members in
`Finding.members`. Blocking findings are reported first.

**Blocking rule.** `CheckResult.blocking()` returns the findings whose
`blocking` flag is set. Always blocking: missing coverage, unresolved
placeholders, empty required sections, unassigned text, unconfirmed carried-over
text, undecided suggestions, unresolved comments and
missing essential metadata (symbol,
date, job number, addressee, signatory). With `final=True` every finding of
severity "error" and every `input.*` finding (passed in as `extra_findings`)
blocks as well, so a final export needs a letter free of errors.
"""

from __future__ import annotations

from drafting.checks.checker import Checker, run_checks
from drafting.checks.result import CheckResult, Evidence, RequirementStatus

__all__ = ["CheckResult", "Checker", "Evidence", "RequirementStatus", "run_checks"]
