"""The table models of the records in the Items panel (actions, events, metrics; problems and sources
are in file_models): which columns each shows, how they sort, and their colours and tooltips."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from bcpviewer.model.analysis import Overdue, overdue_actions, slippage
from bcpviewer.model.keys import item_key
from bcpviewer.model.records import (
    Action,
    Event,
    MetricSeries,
    Observation,
    Source,
)
from bcpviewer.model.spans import format_date
from bcpviewer.model.vocab import SUPPRESSION_CODES, Grade
from bcpviewer.plots import style
from bcpviewer.ui.items.table_models import (
    Column,
    RecordTableModel,
    date_column,
    fmt_number,
    or_blank,
)


# -- Actions -------------------------------------------------------------------------------
class ActionTableModel(RecordTableModel[Action]):
    """Improvement-plan actions with days overdue (counted on each tracker's own date, or on ``today``
    when ``set_against_today``) and slippage."""

    def __init__(self, actions: Sequence[Action] = (), today: date | None = None, parent=None) -> None:
        self._today = today
        self._against_today = False
        self._overdue: dict[int, Overdue] = {}
        super().__init__(self._make_columns(), actions, parent)

    @property
    def as_of(self) -> date:
        return self._today or date.today()

    def set_against_today(self, on: bool) -> None:
        """Count days overdue against today (True) or each tracker's own date (False); the Days overdue
        cells change in place (rows, sorting and selection stay)."""
        if bool(on) == self._against_today:
            return
        self._against_today = bool(on)
        self._prepare(self.records)
        col = next(i for i, c in enumerate(self.columns) if c.header == DAYS_OVERDUE)
        for row, record in enumerate(self.records):
            self._text[row][col] = self.columns[col].text(record)
        if self.records:
            self.dataChanged.emit(self.index(0, col), self.index(len(self.records) - 1, col))

    def _prepare(self, records: Sequence[Action]) -> None:
        late = overdue_actions(records, self.as_of, against_today=self._against_today)
        self._overdue = {id(o.action): o for o in late}

    def key_of(self, record: Action) -> str:
        return item_key(record)

    def days_overdue(self, action: Action) -> int | None:
        o = self._overdue.get(id(action))
        return o.days_late if o else None

    def _overdue_tip(self, action: Action) -> str | None:
        o = self._overdue.get(id(action))
        if o is None or o.as_of is None:
            return None
        whose = "the tracker's date" if o.tracker_date else "today"
        days = f"{o.days_late:,} day{'s' * (o.days_late != 1)}"
        return f"Overdue by {days} at {format_date(o.as_of)} ({whose}), due {format_date(o.due)}"

    def _make_columns(self) -> list[Column[Action]]:
        late = self.days_overdue
        return [
            Column("ID", "The plan's reference for the action", lambda a: a.id),
            Column("Workstream", "Workstream or Ofsted recommendation served", lambda a: or_blank(a.workstream),
                   max_chars=20),
            Column("Action", "What will be done", lambda a: a.title, tip=_action_tip, main=True,
                   max_chars=34),
            Column("Owner", "Who is accountable", lambda a: or_blank(a.owner), max_chars=20),
            date_column("Start", "When work starts", lambda a: a.start),
            date_column("Due (baseline)", "The original due date", lambda a: a.due),
            Column(
                "Revised due", "The latest revised due date, if the action was re-dated",
                lambda a: format_date(a.revised_due[-1]) if a.revised_due else "",
                sort_key=lambda a: a.revised_due[-1] if a.revised_due else None, tip=_revisions_tip,
            ),
            date_column("Completed", "When it was actually completed", lambda a: a.completed),
            Column(
                "Status", "The latest reported status (RAG/BRAG)",
                lambda a: style.status_mark(a.status).text,
                sort_key=lambda a: _STATUS_ORDER[a.status],
                background=lambda a: style.status_fill(a.status),
                tip=_status_tip, accessible=lambda a: f"Status: {a.status.label}",
            ),
            Column(
                DAYS_OVERDUE, "Days past the current due date, not complete, counted on the tracker's "
                "own date (View › Count overdue against today counts them to today)",
                lambda a: fmt_number(late(a)), sort_key=late, numeric=True,
                bold=lambda a: late(a) is not None,
                foreground=lambda a: style.qcolor(style.OVERDUE_TEXT) if late(a) is not None else None,
                tip=lambda a: self._overdue_tip(a),
                accessible=lambda a: f"Overdue by {late(a)} days" if late(a) else "Not overdue",
            ),
            Column(
                "Slippage (days)",
                "Days the due date moved (latest revised minus baseline), else completion minus baseline",
                lambda a: fmt_number(_slip(a)), sort_key=_slip, numeric=True,
            ),
        ]


DAYS_OVERDUE = "Days overdue"
_STATUS_ORDER = {s: i for i, s in enumerate(style.STATUS_MARKS)}


def _slip(action: Action) -> int | None:
    s = slippage(action)
    return s.revised_by_days if s.revised_by_days is not None else s.completed_late_by_days


def _action_tip(action: Action) -> str | None:
    parts = [action.title]
    if action.success_measure:
        parts.append(f"Success measure: {action.success_measure}")
    if action.notes:
        parts.append(f"Notes: {action.notes}")
    if action.origin:
        parts.append(f"From {action.origin.describe()}")
    return "\n".join(parts)


def _revisions_tip(action: Action) -> str | None:
    if not action.revised_due:
        return None
    dates = ", ".join(format_date(d) for d in action.revised_due)
    return f"Re-dated {len(action.revised_due)} time(s): {dates}"


def _status_tip(action: Action) -> str:
    lines = [action.status.label]
    for h in action.history:
        note = f" ({h.note})" if h.note else ""
        lines.append(f"{format_date(h.as_at, 'undated')}: {h.status.label}{note}")
    return "\n".join(lines)


# -- Events --------------------------------------------------------------------------------
_GRADE_COLUMNS = (
    ("overall", "Overall", "Overall effectiveness"),
    ("leaders", "Leaders", "Impact of leaders"),
    ("help_protection", "Help & protection", "Experiences of children who need help and protection"),
    ("in_care", "In care", "Experiences and progress of children in care (and care leavers until Dec 2022)"),
    ("care_leavers", "Care leavers", "Experiences and progress of care leavers (separate since Jan 2023)"),
)


def _grade_column(key: str, header: str, tooltip: str) -> Column[Event]:
    def grade(e: Event) -> Grade | None:
        return e.grades.get(key)

    def text(e: Event) -> str:
        g = grade(e)
        return style.grade_mark(g).word if g is not None else ""

    return Column(
        header, tooltip, text, sort_key=lambda e: int(g) if (g := grade(e)) is not None else None,
        background=lambda e: style.grade_fill(g) if (g := grade(e)) is not None else None,
        tip=lambda e: f"{tooltip}: {g.label}" if (g := grade(e)) is not None else None,
        accessible=lambda e: f"{header}: {g.label}" if (g := grade(e)) is not None else f"{header}: no grade",
    )


def _kind_text(e: Event) -> str:
    if e.kind_text and e.kind.label.casefold() != e.kind_text.casefold() and e.kind.value == "other":
        return e.kind_text
    return e.kind.label


class EventTableModel(RecordTableModel[Event]):
    """Inspections, visits, directions and meetings with their grades."""

    def __init__(self, events: Sequence[Event] = (), parent=None) -> None:
        super().__init__(
            [
                Column(
                    "Date(s)", "Fieldwork or meeting dates", lambda e: e.when_label,
                    sort_key=lambda e: (e.start, e.end or e.start),
                ),
                Column("Type", "The kind of event", _kind_text, max_chars=20),
                Column("Title", "What happened", lambda e: e.title, tip=_event_tip, main=True, max_chars=32),
                Column("Theme", "The visit's theme or focus", lambda e: or_blank(e.theme), max_chars=20),
                Column("Lead", "Lead inspector or lead person", lambda e: or_blank(e.lead), max_chars=20),
                date_column("Published", "When the letter or report was published", lambda e: e.published),
                *(_grade_column(*g) for g in _GRADE_COLUMNS),
            ],
            events,
            parent,
        )

    def key_of(self, record: Event) -> str:
        return item_key(record)


def _event_tip(event: Event) -> str:
    parts = [event.title]
    if event.notes:
        parts.append(event.notes)
    if event.source:
        parts.append(f"Source: {event.source}")
    return "\n".join(parts)


# -- Metrics -------------------------------------------------------------------------------
# (id of a series, comparator kind) -> (the series, its comparator's figure at its latest period): each
# row's cells, sort keys and tooltips ask for it several times; emptied when a table gets new rows.
_LATEST: dict[tuple[int, str], tuple[MetricSeries, Observation | None]] = {}


def _at_latest(series: MetricSeries, kind: str) -> Observation | None:
    hit = _LATEST.get((id(series), kind))
    if hit is not None and hit[0] is series:
        return hit[1]
    latest = series.latest()
    comp = series.comparator(kind)
    found = None
    if latest is not None and comp is not None:
        found = next((o for o in comp.observations if o.period == latest.period), None)
    _LATEST[(id(series), kind)] = (series, found)
    return found


def _obs_text(obs: Observation | None, decimals: int | None = None) -> str:
    if obs is None:
        return ""
    return fmt_number(obs.value, decimals) if obs.value is not None else (obs.code or "")


def _decimals(series: MetricSeries) -> int:
    """Decimal places for a row, so the council's figure and its comparators line up (at most 2)."""
    shown = [series.latest(), *(_at_latest(series, k) for k in ("england", "region", "neighbours"))]
    places = [_places(o.value) for o in shown if o is not None and o.value is not None]
    return max(places, default=0)


def _places(value: float) -> int:
    text = f"{value:.2f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


def _obs_tip(series: MetricSeries, kind: str) -> str | None:
    obs = _at_latest(series, kind)
    comp = series.comparator(kind)
    if obs is None or comp is None:
        return None
    if obs.value is None and obs.code:
        meaning = SUPPRESSION_CODES.get(obs.code.casefold(), "no figure")
        return f"{comp.label}, {obs.period.label}: {obs.code} ({meaning})"
    release = f" (release {obs.release})" if obs.release else ""
    return f"{comp.label}, {obs.period.label}: {_obs_text(obs)}{release}"


def _comparator_column(kind: str, header: str, tooltip: str) -> Column[MetricSeries]:
    return Column(
        header, tooltip, lambda s: _obs_text(_at_latest(s, kind), _decimals(s)),
        sort_key=lambda s: o.value if (o := _at_latest(s, kind)) is not None else None,
        tip=lambda s: _obs_tip(s, kind), numeric=True,
    )


class MetricTableModel(RecordTableModel[MetricSeries]):
    """Metric series: latest figure against England, region and statistical neighbours."""

    def __init__(self, series: Sequence[MetricSeries] = (), parent=None) -> None:
        self._sources: Mapping[str, Source] = {}
        super().__init__(
            [
                Column("Metric", "The measure", lambda s: s.name, tip=_metric_tip, main=True),
                Column("Unit", "Unit of the figures", lambda s: s.unit, max_chars=22),
                Column("Polarity", "Which direction is good news", lambda s: s.polarity.label),
                Column("Periods", "How many periods the series has", lambda s: str(len(s.observations)),
                       sort_key=lambda s: len(s.observations), numeric=True),
                Column("Latest period", "The latest period with a figure",
                       lambda s: o.period.label if (o := s.latest()) else "",
                       sort_key=lambda s: o.period.end if (o := s.latest()) else None),
                Column("Latest value", "The council's latest figure",
                       lambda s: _obs_text(s.latest(), _decimals(s)),
                       sort_key=lambda s: o.value if (o := s.latest()) else None, numeric=True,
                       tip=lambda s: f"Release {o.release}" if (o := s.latest()) and o.release else None),
                _comparator_column("england", "England", "England's figure for the same period"),
                _comparator_column("region", "Region", "The region's figure for the same period"),
                _comparator_column("neighbours", "Neighbours", "Statistical neighbours for the same period"),
                Column("Source", "Where the figures come from", self._source_text, tip=self._source_tip,
                       max_chars=30),
            ],
            series,
            parent,
        )

    def _prepare(self, records: Sequence[MetricSeries]) -> None:
        _LATEST.clear()  # the rows shown before are let go

    def set_sources(self, sources: Mapping[str, Source]) -> None:
        """Source records by id, so the Source column's tooltip can name the document."""
        self._sources = dict(sources)

    def _source_text(self, series: MetricSeries) -> str:
        src = self._sources.get(series.source or "")
        return src.title if src else or_blank(series.source)

    def _source_tip(self, series: MetricSeries) -> str | None:
        if not series.source:
            return None
        src = self._sources.get(series.source)
        parts = [f"{series.source}: {src.title}" if src else series.source]
        if series.release:
            parts.append(f"Release: {series.release}")
        return "\n".join(parts)


def _metric_tip(series: MetricSeries) -> str:
    parts = [series.name]
    if series.theme:
        parts.append(f"Theme: {series.theme}")
    if series.origin:
        parts.append(f"From {series.origin.describe()}")
    return "\n".join(parts)
