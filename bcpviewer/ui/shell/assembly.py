"""Builds the window's working parts once its frame is up: the session, the timeline and filter bar, the
controllers (each adding its panels through the dock host), and wires the menus and toolbar to them.

This is the one place that knows every part; the parts know only the session, the dock host and the
controllers they are handed. Imported when the window is built (it pulls in pyqtgraph and the readers).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from bcpviewer.ui.analyses.controller import AnalysisController
from bcpviewer.ui.annotations.controller import AnnotationsController
from bcpviewer.ui.charts.controller import ChartsController
from bcpviewer.ui.export.controller import ExportController
from bcpviewer.ui.items.controller import ItemsController
from bcpviewer.ui.loading.controller import LoadController
from bcpviewer.ui.official.controller import OfficialUpdateController
from bcpviewer.ui.project.editing import Editor
from bcpviewer.ui.project.controller import ProjectController
from bcpviewer.ui.session import Session
from bcpviewer.ui.shell.menus import ZOOM_PRESETS, add_panels
from bcpviewer.ui.timeline.controller import TimelineController
from bcpviewer.ui.timeline.filter_bar import FilterBar
from bcpviewer.ui.timeline.timeline_view import TimelineView

if TYPE_CHECKING:
    from bcpviewer.model.records import Dataset
    from bcpviewer.ui.shell.main_window import MainWindow


@dataclass
class Parts:
    """What ``assemble`` built: the session, the two views the frame holds, and the controllers."""

    session: Session
    timeline: TimelineView
    filter_bar: FilterBar
    project: ProjectController
    editor: Editor
    loading: LoadController
    items: ItemsController
    charts: ChartsController
    annotations: AnnotationsController
    analysis: AnalysisController
    export: ExportController
    official: OfficialUpdateController | None = None  # File › Update official data


def assemble(window: MainWindow, autosave_ms: int | None) -> Parts:
    """Build the parts into ``window`` (its frame: menus, status line, docks) and wire them."""
    session = Session(window.today, window.undo_stack, window)
    timeline = TimelineView()
    timeline.setObjectName("timeline")
    if not timeline.accessibleName():
        timeline.setAccessibleName("Timeline of actions and events")
    window.setCentralWidget(timeline)  # the placeholder, if any, goes
    window.placeholder = None
    window.addToolBarBreak()
    filter_bar = FilterBar(window)
    window.addToolBar(filter_bar)
    TimelineController(session, timeline, filter_bar, window)  # first: new charts take its x range
    docks = window.docks
    items = ItemsController(session, docks, window)
    extra = {} if autosave_ms is None else {"autosave_ms": autosave_ms}
    project = ProjectController(session, window.settings, window, timeline.visible_range,
                                layout=window.layout_keeper.panels_text, **extra)
    editor = Editor(session, window)
    loading = LoadController(session, window.settings, project, window.status, window, timeline.visible_range)
    loading.set_zoom(timeline.zoom_to)
    annotations = AnnotationsController(session, editor, timeline, docks, window)
    charts = ChartsController(session, docks, timeline.plot_item, window)
    charts.charts_changed.connect(annotations.attach_charts)
    analysis = AnalysisController(session, editor, docks, timeline, items.details, window,
                                  show_metric=charts.show_metric, council_hint=loading.council_hint)
    export = ExportController(session, window.settings, window, lambda: analysis.journeys_for_pack())
    window.status.attach(session)
    timeline.range_changed.connect(window.status.show_range)
    window.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
    window.setCorner(Qt.Corner.TopRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
    docks.raise_dock("items_dock")
    docks.raise_dock("details_dock")
    add_panels(window.menus, docks.all(), [filter_bar])
    analysis.install_menu(window.menus.analysis)
    official = OfficialUpdateController(window.settings, window, loading.reread)
    parts = Parts(session, timeline, filter_bar, project, editor, loading, items, charts, annotations,
                  analysis, export, official)
    _wire(window, parts)
    _set_tab_order(parts)
    return parts


def _wire(window: MainWindow, p: Parts) -> None:
    """The menus and toolbar to the controllers; what the frame shows to the session."""
    acts, s = window.commands, p.session
    acts.open.triggered.connect(p.loading.ask_open)
    acts.new_project.triggered.connect(p.project.new_project)
    acts.save.triggered.connect(p.project.save)
    acts.save_as.triggered.connect(lambda: p.project.save_as())
    acts.annotate_item.triggered.connect(p.annotations.annotate_item)
    acts.annotate_range.triggered.connect(lambda: p.annotations.annotate_range())
    acts.export_summary.triggered.connect(lambda: p.export.export_summary())
    acts.export_pack.triggered.connect(lambda: p.export.export_pack())
    acts.print.triggered.connect(lambda: p.export.print_pack())
    acts.sample.triggered.connect(window.open_sample)
    acts.reset_layout.triggered.connect(window.reset_layout)
    acts.add_data.triggered.connect(p.loading.ask_add)
    p.items.tables.data_files.remove_requested.connect(p.loading.remove_file)
    p.items.tables.data_files.add_requested.connect(p.loading.ask_add)
    acts.quit.triggered.connect(window.close)
    acts.about.triggered.connect(window.show_about)
    acts.find.triggered.connect(lambda: (p.filter_bar.show(), p.filter_bar.focus_search()))
    acts.clear_filters.triggered.connect(p.filter_bar.clear)
    acts.zoom_fit.triggered.connect(p.timeline.zoom_to_fit)
    for act, (_text, days, _tip) in zip(acts.zoom_presets, ZOOM_PRESETS, strict=True):
        act.triggered.connect(lambda _checked=False, d=days: p.timeline.zoom_preset(d))
    acts.show_details.triggered.connect(p.items.show_details)
    acts.council.triggered.connect(p.loading.change_council)
    acts.count_against_today.toggled.connect(s.set_count_against_today)
    s.counting_changed.connect(acts.count_against_today.setChecked)
    if p.official is not None:
        acts.update_official.triggered.connect(p.official.ask)
    for i, act in enumerate(acts.tabs):
        act.triggered.connect(lambda _checked=False, i=i: p.items.show_tab(i))
    p.items.tables.currentChanged.connect(
        lambda i: acts.tabs[i].setChecked(True) if 0 <= i < len(acts.tabs) else None)
    p.project.recent_changed.connect(window.refresh_recent_menus)
    p.project.project_opened.connect(lambda opened: window.restore_project_layout(opened.project.layout))
    p.loading.recent_changed.connect(window.refresh_recent_menus)

    def data_shown(dataset: Dataset) -> None:
        for act in (acts.export_summary, acts.export_pack, acts.print):
            act.setEnabled(not dataset.is_empty)

    s.dataset_changed.connect(data_shown)


def _set_tab_order(p: Parts) -> None:
    fb, tables = p.filter_bar, p.items.tables
    chain: list[QWidget] = [
        fb.search, fb.workstreams, fb.statuses, fb.kinds, fb.overdue, fb.from_date, fb.to_date,
        fb.clear_dates_button, fb.clear_button, p.timeline, tables.tabBar(),
        *tables.views.values(), p.items.details,
    ]
    for first, second in zip(chain, chain[1:], strict=False):
        QWidget.setTabOrder(first, second)
