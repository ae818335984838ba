"""The "At a glance" panel: the intervention so far, overdue actions and metrics against England, in words."""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from bcpviewer.model import glance as g
from bcpviewer.model.analysis import counted_on_text
from bcpviewer.model.records import Dataset, Source
from bcpviewer.model.spans import format_date
from bcpviewer.model.vocab import Polarity
from bcpviewer.plots import style
from bcpviewer.ui.jobs import BIG, Latest, pace

_GLYPH_COLOURS = {g.BETTER: "#007A58", g.WORSE: style.OVERDUE_TEXT}  # darkened: readable as text


class GlancePanel(QWidget):
    """Answers at a glance, recomputed by ``model.glance`` whenever the data, date or start date change."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._dataset = Dataset()
        self._as_of = date.today()
        self._since: date | None = None  # None: the default (the Inadequate judgement)
        self._against_today = False  # overdue counted on each tracker's own date (analysis.counted_on)
        self._glance = g.glance(self._dataset, self._as_of)
        self._worker = Latest("summing up the data at a glance", self)
        self._worker.done.connect(lambda result: self._show(*result))
        self._worker.failed.connect(lambda sentence: self.browser.setHtml(f"<p>{_e(sentence)}</p>"))
        self.heading = QLabel(self)
        self.since_edit = QDateEdit(self)
        self.since_edit.setCalendarPopup(True)
        self.since_edit.setDisplayFormat("d MMM yyyy")
        self.since_edit.setAccessibleName("Compare gaps since")
        self.since_edit.setToolTip("Say whether each gap to England and the neighbours narrowed "
                                   "since this date")
        self.since_edit.dateChanged.connect(self._on_since_changed)
        self.reset_button = QPushButton("Inadequate judgement", self)
        self.reset_button.setToolTip("Measure gaps from the publication of the latest Inadequate judgement")
        self.reset_button.clicked.connect(lambda: self.set_since(None))
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        self.browser.setAccessibleName("At a glance")
        self.browser.setStyleSheet(
            f"QTextBrowser {{ background: {style.BACKGROUND}; color: {style.FOREGROUND}; }}")
        # The heading on its own line, the date controls under it: the panel stays narrow enough
        # to share the right-hand dock area with Details.
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel("Gaps since:", self))
        row.addWidget(self.since_edit)
        row.addWidget(self.reset_button)
        row.addStretch(1)
        self.reset_button.setToolTip("Measure gaps since the Inadequate judgement")
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 4, 4, 4)
        box.addWidget(self.heading)
        box.addLayout(row)
        box.addWidget(self.browser, 1)
        self._refresh()

    # -- public API ----------------------------------------------------------------------------
    def set_dataset(self, dataset: Dataset, as_of: date | None = None) -> None:
        """Show the figures of ``dataset`` as of ``as_of`` (today when None)."""
        self._dataset = dataset
        self._as_of = as_of or date.today()
        self._refresh()

    def set_against_today(self, on: bool) -> None:
        """Count overdue against today (True) or each tracker's own date (False)."""
        if bool(on) != self._against_today:
            self._against_today = bool(on)
            self._refresh()

    def set_since(self, since: date | None) -> None:
        """Measure gaps from ``since`` (None: the latest Inadequate judgement, else each first figure)."""
        self._since = since
        self._refresh()

    def glance(self) -> g.Glance:
        """The model object on show."""
        return self._glance

    def text(self) -> str:
        """What the panel says, as plain text (for tests and copying)."""
        return self.browser.toPlainText()

    @property
    def busy(self) -> bool:
        """The figures of a big dataset are still being worked out (the panel says so meanwhile)."""
        return self._worker.busy

    # -- drawing -------------------------------------------------------------------------------
    def _refresh(self) -> None:
        dataset, as_of, since, today = self._dataset, self._as_of, self._since, self._against_today
        counted = counted_on_text(dataset.actions, as_of, against_today=today) if dataset.actions else ""
        if dataset.observation_count < BIG:
            self._worker.supersede()
            gl = g.glance(dataset, as_of, since, against_today=today)
            self._show(gl, _html(gl, dataset, counted))
            return
        self._set_heading()
        self.browser.setHtml(f"<p>{_muted('Working out the figures…')}</p>")

        def work() -> tuple[g.Glance, str]:
            gl = g.glance(dataset, as_of, since, against_today=today, pace=pace)
            return gl, _html(gl, dataset, counted)

        self._worker.run(work)

    def _show(self, gl: g.Glance, text: str) -> None:
        self._glance = gl
        self._set_heading()
        self.since_edit.blockSignals(True)
        shown = gl.since or self._as_of
        self.since_edit.setDate(QDate(shown.year, shown.month, shown.day))
        self.since_edit.blockSignals(False)
        self.reset_button.setEnabled(self._since is not None and gl.inadequate is not None)
        self.browser.setHtml(text)

    def _set_heading(self) -> None:
        self.heading.setText(f"<b>At a glance</b>, as of {format_date(self._as_of)}")

    def _on_since_changed(self, qd: QDate) -> None:
        self.set_since(date(qd.year(), qd.month(), qd.day()))


def _html(gl: g.Glance, dataset: Dataset, counted: str = "") -> str:
    if dataset.is_empty:
        return "<p>Open a workbook to see where the improvement stands.</p>"
    return render(gl, dataset.source_by_id(), counted)


def _e(text: str) -> str:
    return html.escape(text)


def _glyphs(text: str) -> str:
    """Escape, then colour the ✓ and ✗ glyphs (the words beside them carry the meaning too)."""
    out = _e(text)
    for glyph, colour in _GLYPH_COLOURS.items():
        out = out.replace(glyph, f"<b style='color:{colour}'>{glyph}</b>")
    return out


def _muted(text: str) -> str:
    return f"<span style='color:{style.MUTED}'>{_e(text)}</span>"


def render(gl: g.Glance, sources: dict[str, Source] | None = None, counted: str = "") -> str:
    """The glance as HTML for the panel (and a briefing pack); ``counted`` says which day overdue is
    counted on (``analysis.counted_on_text``)."""
    parts = [_stage(gl), _overdue(gl.overdue, counted), _metrics(gl, sources or {})]
    return "".join(parts)


def _stage(gl: g.Glance) -> str:
    items = []
    j = gl.last_judgement
    if j is None:
        items.append("No graded inspection in the data.")
    else:
        items.append(f"<b>Last judgement:</b> {_e(g.judgement_text(j))}."
                     f"<br>{_e('; '.join(g.grade_words(j)))}.")
    bad = gl.inadequate
    if bad is not None and (j is None or bad.event is not j.event):
        items.append(f"<b>Inadequate judgement:</b> {_e(g.judgement_text(bad))}.")
    if gl.visits_since_start is not None:
        items.append(_e(g.visits_text(gl.visits_since_start, "the Inadequate judgement")) + ".")
    if gl.visits_since_judgement is not None and (bad is None or j is None or bad.event is not j.event):
        items.append(_e(g.visits_text(gl.visits_since_judgement, "the last judgement")) + ".")
    return "<h3>Where the intervention stands</h3><ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"


def _overdue(o: g.OverdueSummary, counted: str = "") -> str:
    out = "<h3>Overdue actions</h3>" + (f"<p><b>{_e(counted)}.</b></p>" if counted else "")
    out += f"<p>{_e(g.overdue_text(o))}."
    if o.longest is not None:
        a = o.longest.action
        who = [f"owner {a.owner}"] if a.owner else []
        if a.workstream:
            who.append(f"workstream {a.workstream}")
        if who:
            out += " " + _muted(f"({', '.join(who)})")
    out += "</p>"
    if o.by_owner:
        owners = ", ".join(f"{_e(name)} {n}" for name, n in o.by_owner)
        out += f"<p>Overdue by owner: {owners}.</p>"
    return out


MAX_METRICS_LISTED = 60  # metrics listed in words per group; the rest are counted


def _metrics(gl: g.Glance, sources: dict[str, Source]) -> str:
    since = (f"gaps measured since {format_date(gl.since)} ({gl.since_reason})" if gl.since
             else f"gaps measured since {gl.since_reason}")
    key = (f"{g.BETTER} better · {g.WORSE} worse, taking account of whether lower or higher is better; "
           f"{since}. Differences in grey are the council's figure minus the comparator's.")
    out = f"<h3>Metrics against England and statistical neighbours</h3><p>{_muted(key)}</p>"
    groups = (
        ("Worse than England or the neighbours now", [m for m in gl.metrics if m.worse_than]),
        ("Better or level", [m for m in gl.metrics if m.comparisons and not m.worse_than
                             and m.series.polarity is not Polarity.NEUTRAL]),
        ("Context measures and metrics without comparators",
         [m for m in gl.metrics if not m.comparisons or m.series.polarity is Polarity.NEUTRAL]),
    )
    for title, metrics in groups:
        if not metrics:
            continue
        out += f"<p><b>{_e(title)} ({len(metrics)})</b></p><ul>"
        for m in metrics[:MAX_METRICS_LISTED]:
            detail = "; ".join(g.gap_detail(c, m.series.unit, m.decimals) for c in m.comparisons)
            found = sources.get(m.series.source or "")
            source = " · ".join(x for x in (found.title if found else m.series.source, m.series.release) if x)
            extra = " — ".join(x for x in (detail, source and f"source: {source}") if x)
            name = m.series.name
            text = (f"<b>{_e(name)}</b>{_glyphs(m.text[len(name):])}" if m.text.startswith(name)
                    else _glyphs(m.text))
            out += f"<li>{text}" + (f"<br>{_muted(extra)}" if extra else "") + "</li>"
        out += "</ul>"
        if len(metrics) > MAX_METRICS_LISTED:  # a panel of thousands of lines is read by no one
            more = (f"and {len(metrics) - MAX_METRICS_LISTED:,} more: every metric is in the Items panel's "
                    "Metrics table")
            out += f"<p>{_muted(more)}</p>"
    return out
