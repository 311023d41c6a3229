"""Letter-wide checks: metadata, empty required sections, word budgets.

A template of kind "report" (the quarterly report of paragraph 62) is neither
addressed nor signed and has no "Letter dated …" title, so its metadata is
checked without addressee, signatory, closing or title date, and its reporting
period is expected to run about three months instead of six.
"""

from __future__ import annotations

import re

from drafting.findings import Finding
from drafting.i18n import _, ngettext
from drafting.letter import PLACEHOLDER_RE, Letter, Metadata
from drafting.locale_format import format_date
from drafting.templates.model import Template

SYMBOL_RE = re.compile(r"S/(?P<year>\d{4})/(?P<n>[1-9]\d{0,4})")
JOB_RE = re.compile(r"\d{2}-\d{5}")
# A six-month reporting period, give or take how months fall.
PERIOD_MIN_DAYS = 170
PERIOD_MAX_DAYS = 195
# A report's quarter (three months, give or take how months fall).
REPORT_PERIOD_MIN_DAYS = 80
REPORT_PERIOD_MAX_DAYS = 100


def _missing(code: str, message: str) -> Finding:
    return Finding(code, "error", message, blocking=True)


def metadata_findings(letter: Letter, template: Template | None = None) -> list[Finding]:
    """Missing or malformed metadata, and dates that contradict each other.

    With a `template` of kind "report", the addressee, signatory, closing and
    title date are not checked (a report prints none of them) and the period
    should run 80–100 days; without a template the letter rules apply.
    """
    report = template is not None and template.kind == "report"
    m = letter.metadata
    out: list[Finding] = []
    symbol = m.symbol.strip()
    if not symbol:
        out.append(_missing("metadata.symbol_missing", _("The document symbol is missing.")))
    else:
        sm = SYMBOL_RE.fullmatch(symbol)
        if sm is None:
            out.append(
                Finding(
                    "metadata.symbol_malformed",
                    "error",
                    _("The symbol {symbol} is not of the form S/YYYY/N.").format(symbol=symbol),
                )
            )
        elif m.date is not None and int(sm.group("year")) != m.date.year:
            out.append(
                Finding(
                    "metadata.symbol_year",
                    "warning",
                    _("The symbol {symbol} is from another year than the date ({year}).").format(
                        symbol=symbol, year=m.date.year
                    ),
                )
            )
    job = m.job_number.strip()
    if not job:
        out.append(_missing("metadata.job_missing", _("The job number is missing.")))
    elif JOB_RE.fullmatch(job) is None:
        out.append(
            Finding(
                "metadata.job_malformed",
                "error",
                _("The job number {job} is not of the form NN-NNNNN.").format(job=job),
            )
        )
    out += _date_findings(m, report)
    if report:
        return out
    if not m.addressee.strip():
        out.append(_missing("metadata.addressee_missing", _("The addressee is missing.")))
    if not m.signatory.strip():
        out.append(_missing("metadata.signatory_missing", _("The signatory is missing.")))
    for name, value in (("addressee", m.addressee), ("signatory", m.signatory),
                        ("closing", m.closing)):
        for ph in PLACEHOLDER_RE.findall(value):
            out.append(
                Finding(
                    "placeholder.unresolved",
                    "error",
                    _("Unresolved placeholder {item} in the {field}.").format(item=ph, field=name),
                    excerpt=ph,
                    blocking=True,
                )
            )
    return out


def _date_findings(m: Metadata, report: bool = False) -> list[Finding]:
    out: list[Finding] = []
    if m.date is None:
        message = (_("The date of the report is missing.") if report
                   else _("The date of the letter is missing."))
        out.append(_missing("metadata.date_missing", message))
    out += _dated_before_period_end(m, report)
    if report:
        return out + _period_findings(
            m, REPORT_PERIOD_MIN_DAYS, REPORT_PERIOD_MAX_DAYS,
            _("The reporting period runs {days} days; a three-month period was expected."))
    if m.letter_date is None:
        out.append(
            Finding(
                "metadata.letter_date_missing",
                "warning",
                _("The date in the title (“Letter dated …”) is missing; the masthead date "
                  "will be used."),
            )
        )
    if m.date is not None and m.letter_date is not None and m.letter_date > m.date:
        out.append(
            Finding(
                "metadata.letter_date_after_date",
                "error",
                _("The letter is dated {letter_date}, after its masthead date {date}.").format(
                    letter_date=m.letter_date.isoformat(), date=m.date.isoformat()
                ),
            )
        )
    return out + _period_findings(
        m, PERIOD_MIN_DAYS, PERIOD_MAX_DAYS,
        _("The reporting period runs {days} days; a six-month period was expected."))


def _dated_before_period_end(m: Metadata, report: bool) -> list[Finding]:
    """`metadata.letter_date_before_period_end`: a letter (or report) reports on a
    period that is over, so it cannot be dated before the period's last day."""
    dated = m.date if report else (m.letter_date or m.date)
    end = m.period_end
    if dated is None or end is None or dated >= end:
        return []
    lang = m.language or "en"
    message = (_("The report is dated {date}, before the end of its reporting period "
                 "({end}).") if report else
               _("The letter is dated {date}, before the end of its reporting period ({end})."))
    return [Finding(
        "metadata.letter_date_before_period_end", "error",
        message.format(date=format_date(dated, lang), end=format_date(end, lang)),
    )]


def _period_findings(m: Metadata, min_days: int, max_days: int, message: str) -> list[Finding]:
    """An inverted period, or one outside `min_days`–`max_days` (`message` has `{days}`)."""
    out: list[Finding] = []
    start, end = m.period_start, m.period_end
    if start is None or end is None:
        return out
    if end <= start:
        out.append(
            Finding(
                "metadata.period_inverted",
                "error",
                _("The reporting period ends ({end}) before it starts ({start}).").format(
                    start=start.isoformat(), end=end.isoformat()
                ),
            )
        )
    elif not min_days <= (end - start).days <= max_days:
        out.append(
            Finding(
                "metadata.period_length",
                "warning",
                message.format(days=(end - start).days),
            )
        )
    return out


def empty_section_findings(letter: Letter, template: Template) -> list[Finding]:
    """`content.empty_section` for every required section with no text."""
    present = {s.id: s for s in letter.sections}
    out: list[Finding] = []
    for tsec in template.sections:
        if not tsec.required:
            continue
        section = present.get(tsec.id)
        if section is None or section.is_empty():
            heading = tsec.heading(letter.metadata.language) or tsec.id
            out.append(
                Finding(
                    "content.empty_section",
                    "error",
                    _("The required section “{heading}” is empty.").format(heading=heading),
                    section=tsec.id,
                    blocking=True,
                )
            )
    return out


def unassigned_findings(letter: Letter) -> list[Finding]:
    """One blocking warning while text waits in "Unassigned".

    That text is kept so nothing is lost, but a final letter leaves it out: the
    writer must move it into a section or delete it first.
    """
    blocks = [b for b in letter.unassigned if b.text.strip()]
    if not blocks:
        return []
    return [Finding(
        code="content.unassigned",
        severity="warning",
        message=ngettext(
            "{n} paragraph is in “Unassigned text”: move it into a section or delete it "
            "before the final version.",
            "{n} paragraphs are in “Unassigned text”: move them into a section or delete "
            "them before the final version.",
            len(blocks),
        ).format(n=len(blocks)),
        section="unassigned",
        paragraph=letter.unassigned.index(blocks[0]),
        block_id=blocks[0].id,
        blocking=True,
    )]


def section_length_finding(
    section_id: str, words: int, template: Template, language: str
) -> Finding | None:
    """`length.section_over_budget` when a section exceeds its word budget."""
    try:
        tsec = template.section(section_id)
    except KeyError:
        return None
    if tsec.budget <= 0 or words <= tsec.budget:
        return None
    return Finding(
        "length.section_over_budget",
        "warning",
        _("The section “{heading}” has {words} words; its budget is {budget}.").format(
            heading=tsec.heading(language) or section_id, words=words, budget=tsec.budget
        ),
        section=section_id,
    )


def letter_length_finding(total: int, template: Template) -> Finding | None:
    """`length.letter_over_limit` when the whole letter exceeds the template's limit."""
    if template.word_limit <= 0 or total <= template.word_limit:
        return None
    return Finding(
        "length.letter_over_limit",
        "warning",
        _("The letter has {words} words; the limit is {limit}.").format(
            words=total, limit=template.word_limit
        ),
    )
