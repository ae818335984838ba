"""The charts controller: the Metrics panel and At a glance follow the session's data, its targets made
in the app and its charted metrics; the charts share the timeline's time axis."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

from bcpviewer.model.records import Dataset
from bcpviewer.ui.charts.glance_panel import GlancePanel
from bcpviewer.ui.charts.metrics_panel import MetricsPanel
from bcpviewer.ui.session import Session

if TYPE_CHECKING:
    import pyqtgraph as pg

    from bcpviewer.ui.shell.docks import DockHost

METRICS_DOCK, GLANCE_DOCK = "metrics_dock", "glance_dock"


class ChartsController(QObject):
    """Owns the Metrics and At a glance panels, each in its dock."""

    charts_changed = Signal(list)  # [pg.PlotItem]: the charts drawn now (annotations draw on them)

    def __init__(self, session: Session, host: DockHost, time_axis: pg.PlotItem,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session, self.host = session, host
        self.metrics = MetricsPanel()
        self.metrics.setObjectName("metrics")
        self.glance = GlancePanel()
        self.glance.setObjectName("glance")
        host.add_dock(METRICS_DOCK, "Metrics", self.metrics, "bottom", tab_with="items_dock")
        host.add_dock(GLANCE_DOCK, "At a glance", self.glance, "right", tab_with="details_dock")
        self.metrics.link_x(time_axis)  # charts and timeline share one time axis
        session.dataset_changed.connect(self._on_dataset)
        session.counting_changed.connect(self.glance.set_against_today)
        self._drawn_targets: object = None  # the targets made in the app that the charts show
        session.edits_changed.connect(self._on_edits)
        session.metrics_changed.connect(self._on_metrics)
        self.metrics.checked_changed.connect(self._on_checked)
        self.metrics.charts_added.connect(self._tell_charts)

    @Slot(object)
    def _on_dataset(self, dataset: Dataset) -> None:
        self.redraw()
        self.glance.set_against_today(self.session.count_against_today)
        self.glance.set_dataset(dataset, self.session.today)

    @Slot(object)
    def _on_edits(self, _edits: object) -> None:
        if self.session.user_targets != self._drawn_targets:  # a link alone changes no chart
            self.redraw()

    def redraw(self) -> None:
        """Draw the charts again (new data, or targets entered in the app), keeping the chosen metrics."""
        self._drawn_targets = self.session.user_targets
        data = self.session.charted_dataset()
        names = {s.name for s in data.series}
        wanted = [n for n in self.session.metrics if n in names]
        self.metrics.blockSignals(True)  # what is charted is told to the session once, below
        try:
            self.metrics.set_dataset(data)  # keeps the ticked metrics still there, else the first
            if wanted:
                self.metrics.set_checked(wanted)
        finally:
            self.metrics.blockSignals(False)
        if wanted or not self.session.metrics:  # a project's metrics not in the data now are kept
            self.session.set_metrics(self.metrics.checked())
        self._tell_charts()

    @Slot(object)
    def _on_metrics(self, names: tuple[str, ...]) -> None:
        if list(names) != self.metrics.checked():
            self.metrics.set_checked(list(names))
            self._tell_charts()

    @Slot(list)
    def _on_checked(self, names: list[str]) -> None:
        self.session.set_metrics(names)
        self._tell_charts()

    def _tell_charts(self) -> None:
        self.charts_changed.emit([chart.plot_item for chart in self.metrics.charts_so_far()])

    def show_metric(self, name: str) -> None:
        """Chart ``name`` too and bring the Metrics panel to the front."""
        self.session.set_metrics(list(dict.fromkeys([*self.session.metrics, name])))
        self.host.show_dock(METRICS_DOCK)
