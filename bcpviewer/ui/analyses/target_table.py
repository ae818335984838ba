"""How a target check reads in the Targets panel's table: the outcome marks (✓ met, ✗ missed, …),
the margin and summary texts, and the table model with its columns."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QColor

from bcpviewer.model.spans import format_date
from bcpviewer.model.targets import Outcome, TargetCheck
from bcpviewer.plots import style
from bcpviewer.plots.style import Mark
from bcpviewer.ui.analyses.analysis_table import difference_text, observation_text
from bcpviewer.ui.items.table_models import Column, RecordTableModel

WORKBOOK_TIP = ("This target comes from the workbook's Target column, so it cannot be changed here: "
                "change the workbook and reload it.")

OUTCOME_MARKS: dict[Outcome, Mark] = {
    Outcome.MET: Mark(style.OKABE_ITO["bluish_green"], "✓", "Met"),
    Outcome.MISSED: Mark(style.OKABE_ITO["vermillion"], "✗", "Missed"),
    Outcome.NOT_YET_DUE: Mark(style.GREY, "◷", "Not yet due"),
    Outcome.NO_FIGURE: Mark(style.OKABE_ITO["orange"], "?", "Due, no figure yet"),
    Outcome.NO_DATE: Mark(style.LIGHT_GREY, "–", "No date"),
}
_OUTCOME_ORDER = {o: i for i, o in enumerate((Outcome.MISSED, Outcome.NO_FIGURE, Outcome.MET,
                                              Outcome.NOT_YET_DUE, Outcome.NO_DATE))}


def outcome_text(check: TargetCheck) -> str:
    return OUTCOME_MARKS[check.outcome].text


def margin_text(check: TargetCheck, *, spelt: bool = False) -> str:
    """"Missed by 8.3 pp", "Beaten by 1.2 cases per FTE", "Met exactly"; blank before judging."""
    m = check.margin
    if m is None:
        return ""
    if m == 0:
        return "Met exactly"
    how = "Beaten" if m > 0 else "Missed"
    return f"{how} by {difference_text(abs(m), check.series.unit, signed=False, spelt=spelt)}"


def _outcome_background(check: TargetCheck) -> QColor | None:
    if check.outcome in (Outcome.NO_DATE, Outcome.NOT_YET_DUE):
        return None
    return style.tint(OUTCOME_MARKS[check.outcome].colour)


def _missed_foreground(check: TargetCheck) -> QColor | None:
    return style.qcolor(style.OVERDUE_TEXT) if check.outcome is Outcome.MISSED else None


def _from_tip(check: TargetCheck) -> str:
    return "Entered in the app: Edit… and Remove change it" if check.entered_in_app else WORKBOOK_TIP


class TargetTableModel(RecordTableModel[TargetCheck]):
    """One row per target, the workbook's and those entered in the app."""

    def __init__(self, parent=None) -> None:
        super().__init__([
            Column("Metric", "The metric the target is on", lambda c: c.series.name, main=True,
                   max_chars=30, tip=lambda c: f"{c.series.name} ({c.series.unit}, "
                                               f"{c.series.polarity.label})" if c.series.unit
                   else c.series.name),
            Column("Target", "The target, as the plan words it or as a ceiling/floor", lambda c: c.label,
                   max_chars=30),
            Column("Due", "When the target should be met",
                   lambda c: format_date(c.target.due) if c.target.due else "No date",
                   sort_key=lambda c: c.target.due),
            Column("Outcome", "Met or missed on the first figure for a period ending on or after the date",
                   outcome_text, sort_key=lambda c: _OUTCOME_ORDER[c.outcome],
                   background=_outcome_background, foreground=_missed_foreground,
                   bold=lambda c: c.outcome is Outcome.MISSED, tip=lambda c: c.explanation,
                   accessible=lambda c: f"Outcome: {OUTCOME_MARKS[c.outcome].word}", max_chars=20),
            Column("Judged on", "The first figure for a period ending on or after the target date",
                   lambda c: observation_text(c.judged_on, c.series.unit),
                   sort_key=lambda c: c.judged_on.period.end if c.judged_on else None, max_chars=26),
            Column("By how much", "How far the judged figure beat or missed the target (pp: percentage "
                   "points)", margin_text, sort_key=lambda c: c.margin,
                   foreground=_missed_foreground, tip=lambda c: margin_text(c, spelt=True) or None,
                   max_chars=24),
            Column("Latest", "The latest figure", lambda c: observation_text(c.latest, c.series.unit),
                   sort_key=lambda c: c.latest.period.end if c.latest else None, max_chars=26),
            Column("From", "Where the target comes from: the workbook, or entered in the app",
                   lambda c: "Entered in app" if c.entered_in_app else "Workbook", tip=_from_tip,
                   max_chars=16),
        ], (), parent)


def summary_text(checks: Sequence[TargetCheck]) -> str:
    """"1 missed · 0 met · 2 not yet due · …"."""
    counts = {o: sum(c.outcome is o for c in checks) for o in Outcome}
    parts = [f"{counts[Outcome.MISSED]} missed", f"{counts[Outcome.MET]} met",
             f"{counts[Outcome.NOT_YET_DUE]} not yet due"]
    if counts[Outcome.NO_FIGURE]:
        parts.append(f"{counts[Outcome.NO_FIGURE]} due with no figure yet")
    if counts[Outcome.NO_DATE]:
        parts.append(f"{counts[Outcome.NO_DATE]} without a date")
    total = len(checks)
    return f"{total} target{'s' if total != 1 else ''}: " + " · ".join(parts)
