"""The summary workbook: at-a-glance figures, actions, events, metrics (latest and every period), public
notes and sources as XLSX."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from bcpviewer.io import summary_sheets as sheets
from bcpviewer.io.atomic import write_atomic
from bcpviewer.io.summary_analyses import ANALYSIS_SHEETS, ANALYSIS_TABLES
from bcpviewer.io.summary_xlsx_series import SHEET as SERIES_SHEET
from bcpviewer.io.summary_xlsx_series import series_sheet, series_table
from bcpviewer.io.xlsx_cells import Styled, clean
from bcpviewer.model import glance as g
from bcpviewer.model.briefing import Briefing

SHEETS = ("Summary", "Actions", "Events", "Metrics", SERIES_SHEET, "Annotations", "Sources")
# The analyses' sheets (after Metrics, each only when there is something to show).
ANALYSIS_SHEET_NAMES = ("Impact", "Targets", "Plan changes", "Journeys", "Sources differ")


def write_summary(path: str | os.PathLike[str], briefing: Briefing,
                  progress: Callable[[float, str], None] | None = None) -> None:
    """Write the summary workbook of ``briefing`` to ``path`` atomically (SaveError, an OSError, when
    it cannot be)."""
    from openpyxl import Workbook

    say = progress or (lambda _f, _m: None)
    wb = Workbook()
    wb.remove(wb.active)
    steps: list[tuple[Callable[[Any, Briefing], None], str]] = [
        (sheets.summary_sheet, "summary"), (sheets.actions_sheet, "actions"),
        (sheets.events_sheet, "events"), (sheets.metrics_sheet, "metrics"), (series_sheet, "metric series")]
    steps += [(fn, name) for key, fn, name in ANALYSIS_SHEETS if briefing.shows(key)]
    steps += [(sheets.annotations_sheet, "annotations"), (sheets.sources_sheet, "sources")]
    for i, (fn, name) in enumerate(steps):
        say(i / (len(steps) + 1), f"Writing the {name} sheet")
        fn(wb, briefing)
    wb.properties.title = clean(briefing.title)
    wb.properties.creator = clean(briefing.options.author) or "BCP Viewer"
    say(len(steps) / (len(steps) + 1), "Saving the workbook")
    write_atomic(path, wb.save, what="workbook")
    say(1.0, "Workbook written")


def plain_rows(b: Briefing) -> dict[str, list[list[Any]]]:
    """The values of the Actions, Events, Metrics and Metric series sheets, and of the analyses shown,
    without their looks (checks, benchmarks)."""
    by_id = {m.series.id: m for m in b.glance.metrics}
    tables = {
        "Actions": [sheets.action_row(r) for r in b.actions],
        "Events": [sheets.event_row(e, b.event_notes.get(e.id, ())) for e in b.events],
        "Metrics": [sheets.metric_row(s, by_id.get(s.id) or g.metric_glance(s, b.glance.since, b.as_of),
                                       b.series_notes.get(s.id, ()), b.glance.since) for s in b.series],
        SERIES_SHEET: series_table(b),
    }
    for key, (name, table, _freeze) in ANALYSIS_TABLES.items():
        if b.shows(key):
            tables[name] = table(b)[1]
    return {name: [[v.value if isinstance(v, Styled) else v for v in row] for row in rows]
            for name, rows in tables.items()}
