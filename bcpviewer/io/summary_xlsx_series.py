"""The summary workbook's "Metric series" sheet: every chosen metric's whole series, one row a metric and
period, with England, the region, the statistical neighbours (and their grouping), the target in force, unit,
source and release; figures in their unit's format, suppressed figures as their code, flagged."""

from __future__ import annotations

from typing import Any

from bcpviewer.io.xlsx_cells import DATE_FORMATS, STATUS_COLOUR, Column, Styled, figure_cell, table_sheet, tint
from bcpviewer.model.briefing import Briefing
from bcpviewer.model.briefing_series import (
    SeriesRow,
    better_when,
    date_precision,
    neighbour_grouping,
    series_rows,
)
from bcpviewer.model.records import Observation
from bcpviewer.model.vocab import Status

SHEET = "Metric series"
COLUMNS = [
    Column("Metric", 34, "wrap"), Column("Unit", 14), Column("Better when", 10), Column("Period as written", 14),
    Column("Period end", 12, "date"), Column("Council", 10, "number"), Column("Council figure flag", 30, "wrap"),
    Column("England", 10, "number"), Column("Region", 10, "number"), Column("Region name", 14),
    Column("Statistical neighbours", 12, "number"), Column("Neighbour grouping", 50, "wrap"),
    Column("Target in force", 10, "number"), Column("Target due", 12, "date"), Column("Target label", 24, "wrap"),
    Column("Source", 10), Column("Release", 18),
]
_FLAG_FILL = tint(STATUS_COLOUR[Status.AMBER])


def series_sheet(wb: Any, b: Briefing) -> None:
    """The sheet, after Metrics; a header row, frozen metric column and an autofilter (table_sheet)."""
    table_sheet(wb, SHEET, COLUMNS, series_table(b), freeze="B2")


def series_table(b: Briefing) -> list[list[Any]]:
    """The sheet's rows, with their looks (Styled); ``plain_rows`` strips the looks for checks."""
    groupings = {s.id: neighbour_grouping(s, b.sources) for s in b.series}
    regions = {s.id: c.label for s in b.series if (c := s.comparator("region")) is not None}
    cells = {s.id: figure_cell(s) for s in b.series}
    return [_row(r, cells[r.series.id], groupings[r.series.id], regions.get(r.series.id))
            for r in series_rows(b.series)]


def _row(r: SeriesRow, fig: Any, grouping: str | None, region: str | None) -> list[Any]:
    s = r.series
    if r.council is not None:
        council: Any = fig(r.council)
    elif r.council_code:  # the code as published, as text, never a number
        council = Styled(r.council_code, _FLAG_FILL)
    else:
        council = None
    flag = Styled(r.flag, _FLAG_FILL) if r.flag else None
    t = r.target
    return [
        s.name, s.unit or None, better_when(s.polarity), r.period.label,
        Styled(r.period.end, number_format=DATE_FORMATS[date_precision(r.period.kind)]), council, flag,
        fig(_value(r.england)), fig(_value(r.region)), region if r.region else None,
        fig(_value(r.neighbours)), grouping if r.neighbours else None,
        fig(t.value) if t else None, t.due if t else None, (t.label or None) if t else None,
        s.source, r.release,
    ]


def _value(o: Observation | None) -> Any:
    """A comparator's figure, its suppression code as text, or nothing."""
    if o is None:
        return None
    return o.value if o.value is not None else o.code
