"""The main window: the timeline in the middle, dockable Items, Details and Annotations panels, menus.

Start-up is progressive: ``MainWindow(deferred=True)`` builds only the frame (title, menus, toolbar,
status bar and a quiet placeholder), from PySide6 and light modules, so that it can be shown at once;
``finish_building()`` then imports pyqtgraph, numpy, the views and the file readers and builds the rest.
``MainWindow()`` builds everything straight away.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import fields
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Slot
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QWidget,
)

from bcpviewer.ui.help import commands as help_commands
from bcpviewer.ui.shell.menus import (
    ZOOM_PRESETS,
    add_panels,
    create_actions,
    fill_recent_menu,
    install_menus,
    install_toolbar,
)
from bcpviewer.ui.shell.settings import LAYOUT_VERSION, Settings
from bcpviewer.ui.shell.startup import TABS, Placeholder, opening_text

if TYPE_CHECKING:  # the views and the model are imported when the window is built (finish_building)
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QCloseEvent, QShowEvent

    from bcpviewer.model.filtering import Filter
    from bcpviewer.model.records import Dataset
    from bcpviewer.ui.project.project_controller import OpenedProject, ViewState

__all__ = ["TABS", "MainWindow", "summary_text"]

ALWAYS_ENABLED = frozenset({"quit", "about", "user_guide", "shortcuts", "template", "undo", "redo"})  # commands usable (or managed) while building
TITLE = "Untitled[*] — BCP Viewer"  # what the project names a window with no project and no data
DATA_PATTERNS = "*.xlsx *.xlsm *.xls *.xlsb *.ods *.csv"
FILE_FILTER = (f"Projects and data files (*.bcpv {DATA_PATTERNS});;BCP Viewer projects (*.bcpv);;"
               f"Spreadsheets and CSV files ({DATA_PATTERNS});;All files (*)")


def _n(count: int, word: str, plural: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else plural or word + 's'}"


def summary_text(dataset: Dataset) -> str:
    """One line for the status bar: what is loaded and the dates it covers."""
    from bcpviewer.model.spans import format_date

    if dataset.is_empty and not dataset.problems:
        return "No data loaded. Use File › Open… (Ctrl+O) to open a workbook or CSV file."
    counts = ", ".join(
        [
            _n(len(dataset.actions), "action"),
            _n(len(dataset.events), "event"),
            f"{_n(len(dataset.series), 'metric series', 'metric series')}"
            f" ({_n(dataset.observation_count, 'observation')})",
            _n(len(dataset.problems), "problem"),
        ]
    )
    text = f"Loaded {_n(len(dataset.files), 'file')}: {counts}" if dataset.files else f"Loaded: {counts}"
    span = dataset.span()
    if span is not None:
        text += f" · data from {format_date(span.start)} to {format_date(span.end)}"
    return text


def shown_text(shown: int, total: int) -> str:
    """``Showing 12 of 67 items`` for the status bar."""
    return f"Showing {shown:,} of {_n(total, 'item')}"


class MainWindow(QMainWindow):
    """The timeline with its tables, details, filter bar and menus over one loaded Dataset.

    With ``deferred=True`` only the frame is built (see the module's docstring): until
    ``finish_building()`` the commands that need the views are disabled, files asked for with
    ``open_files`` wait, and closing saves the window's size and place only.
    """

    def __init__(
        self, settings: Settings | None = None, parent: QWidget | None = None, *, today: date | None = None,
        autosave_ms: int | None = None, deferred: bool = False,
    ) -> None:
        super().__init__(parent)
        self.settings = settings if settings is not None else Settings()
        self.today = today  # None: days overdue are counted to the real today
        self._autosave_ms = autosave_ms
        self._built = False
        self._closed = False  # closed before it was built: never built
        self._waiting: list[str] = []  # files asked for before the window was built
        self._keys: set[str] | None = None
        self._sources: list[str] = []  # the project's data files (absolute), missing ones included
        self._metrics: tuple[str, ...] = ()  # chosen metrics, kept for the project
        self._opening: OpenedProject | None = None  # a project whose sources are being read
        self._reload_view: tuple[date, date] | None = None  # set while changed sources are read again
        self._first_show = True
        self._default_docks = False
        self._geometry_restored = False
        self.placeholder: Placeholder | None = None  # in the middle until the views are built
        self.setWindowTitle(TITLE)
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowTabbedDocks)
        self._build_frame()
        if deferred:
            self.placeholder = Placeholder()
            self.setCentralWidget(self.placeholder)
            for act in self._waiting_commands():
                act.setEnabled(False)
            self._restore_geometry()  # the window appears where it was; panels are restored once built
        else:
            self.finish_building()

    # -- building ---------------------------------------------------------------------
    @property
    def is_built(self) -> bool:
        """True once the views exist (at once unless constructed with ``deferred=True``)."""
        return self._built

    def _build_frame(self) -> None:
        """Title, menus, toolbar and status bar: PySide6 and light modules only."""
        self._undo_stack = QUndoStack(self)  # the project's, once it exists
        self.commands = acts = create_actions(self, [title for _key, title in TABS], self._undo_stack)
        self.main_toolbar = install_toolbar(self, acts)
        self._menus = install_menus(self, acts, [], [self.main_toolbar])
        help_commands.connect(self, acts.user_guide, acts.shortcuts, acts.template, acts.about)  # need no views
        self.recent_menu, self.recent_projects_menu = self._menus.files, self._menus.projects
        # the names the rest of the app (and older tests) use
        self.open_action, self.sample_action, self.quit_action = acts.open, acts.sample, acts.quit
        self.filter_action, self.about_action, self.tab_actions = acts.find, acts.about, acts.tabs
        self._build_status_bar()

    def _waiting_commands(self) -> list[QAction]:
        """The commands that need the views: disabled until the window is built."""
        acts: list[QAction] = [self.recent_menu.menuAction(), self.recent_projects_menu.menuAction()]
        if self._menus.analysis is not None:
            acts.append(self._menus.analysis.menuAction())
        for field in fields(self.commands):
            if field.name not in ALWAYS_ENABLED:
                value = getattr(self.commands, field.name)
                acts += value if isinstance(value, list) else [value]
        return acts

    def finish_building(self) -> None:
        """Import the views and build them, the panels and the project (the slow part of start-up), then
        restore the panels' layout and read the files asked for meanwhile. Does nothing if already built,
        or if the window was closed first."""
        if self._built or self._closed:
            return
        from PySide6.QtCore import Qt

        from bcpviewer.model.records import Dataset
        from bcpviewer.ui.analyses.analysis import AnalysisController
        from bcpviewer.ui.annotations.annotating import Annotator
        from bcpviewer.ui.export.export_dialog import Exporter
        from bcpviewer.ui.loading.loading import DialogAsker, Loader
        from bcpviewer.ui.project.project_controller import ProjectController

        self._dataset = Dataset()
        self.loader = Loader(self)
        self.loader.asker = DialogAsker(self)  # asks which council / which column holds what
        self._build_panels()
        extra = {} if self._autosave_ms is None else {"autosave_ms": self._autosave_ms}
        self.project = ProjectController(self, self.settings, self._view_state, stack=self._undo_stack,
                                         **extra)
        self.annotator = Annotator(self)
        self.exporter = Exporter(self)
        self.analysis = AnalysisController(self)  # its docks join the bottom tabs; its menu is filled
        self._build_filter_bar()
        self._connect()
        self._set_tab_order()
        self._built = True
        for act in self._waiting_commands():
            act.setEnabled(True)
        self._rebuild_recent_menu()
        self._rebuild_recent_projects_menu()
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.show_dataset(self._dataset)
        self._restore_layout()
        self.timeline.setFocus(Qt.FocusReason.OtherFocusReason)  # the window opens on the timeline
        if self.isVisible():  # shown while being built: what showEvent would have done
            self._on_first_shown()
        if self._waiting:
            waiting, self._waiting = self._waiting, []
            QTimer.singleShot(0, lambda: self.open_files(waiting))  # after any offer of unsaved work

    def _build_panels(self) -> None:
        from PySide6.QtCore import Qt

        from bcpviewer.ui.annotations.annotations_panel import AnnotationsPanel
        from bcpviewer.ui.items.details import DetailsView
        from bcpviewer.ui.charts.glance_panel import GlancePanel
        from bcpviewer.ui.items.items import ItemsPanel
        from bcpviewer.ui.charts.metrics_panel import MetricsPanel
        from bcpviewer.ui.timeline.timeline_view import TimelineView

        self.timeline = TimelineView()
        self.timeline.setObjectName("timeline")
        if not self.timeline.accessibleName():
            self.timeline.setAccessibleName("Timeline of actions and events")
        self.setCentralWidget(self.timeline)  # the placeholder, if any, goes
        self.placeholder = None
        self.items = ItemsPanel(self.today)
        self.items_dock = self._make_dock(
            "items_dock", "Items", self.items, Qt.DockWidgetArea.BottomDockWidgetArea
        )
        self.details = DetailsView()
        self.details_dock = self._make_dock(
            "details_dock", "Details", self.details, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.annotations_panel = AnnotationsPanel()
        self.annotations_dock = self._make_dock(
            "annotations_dock", "Annotations", self.annotations_panel, Qt.DockWidgetArea.BottomDockWidgetArea
        )
        self.metrics = MetricsPanel()
        self.metrics.setObjectName("metrics")
        self.metrics_dock = self._make_dock(
            "metrics_dock", "Metrics", self.metrics, Qt.DockWidgetArea.BottomDockWidgetArea
        )
        self.glance = GlancePanel()
        self.glance.setObjectName("glance")
        self.glance_dock = self._make_dock(
            "glance_dock", "At a glance", self.glance, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.tabifyDockWidget(self.items_dock, self.annotations_dock)
        self.tabifyDockWidget(self.items_dock, self.metrics_dock)
        self.tabifyDockWidget(self.details_dock, self.glance_dock)
        self.items_dock.raise_()
        self.details_dock.raise_()
        self.metrics.link_x(self.timeline.plot_item)  # charts and timeline share one time axis
        for panel in (self.annotations_panel, self.metrics, self.glance):
            # their rows of controls may squeeze: the window must still fit a small laptop screen
            panel.setMinimumWidth(min(panel.minimumSizeHint().width(), 220))
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self.setCorner(Qt.Corner.TopRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        # the names the rest of the app (and older tests) use for the tables
        self.tabs = self.items
        self.views = self.items.views
        self.proxies = self.items.proxies
        self.models = self.items.models

    def _make_dock(self, name: str, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)  # saveState/restoreState find docks by object name
        dock.setAccessibleName(f"{title} panel")
        dock.setWidget(widget)
        dock.toggleViewAction().setText(f"{title} panel")
        dock.toggleViewAction().setStatusTip(f"Show or hide the {title} panel")
        self.addDockWidget(area, dock)
        return dock

    def _build_filter_bar(self) -> None:
        from bcpviewer.ui.timeline.filter_bar import FilterBar

        self.addToolBarBreak()
        self.filter_bar = FilterBar(self)
        self.addToolBar(self.filter_bar)
        add_panels(self._menus, [self.items_dock, self.details_dock, self.annotations_dock, self.metrics_dock,
                                 self.glance_dock, *self.analysis.docks], [self.filter_bar])
        self.analysis.install_menu(self._menus.analysis)
        self.filter_edit = self.filter_bar.search

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.counts_label = QLabel()
        self.counts_label.setAccessibleName("How many items are shown")
        self.summary_label = QLabel()
        self.summary_label.setAccessibleName("Loaded data summary")
        bar.addWidget(self.counts_label)
        bar.addWidget(self.summary_label, 1)
        self.range_label = QLabel()
        self.range_label.setAccessibleName("Dates in view on the timeline")
        bar.addPermanentWidget(self.range_label)
        self.progress_label = QLabel()
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 100)
        self.progress_bar.setMaximumWidth(180)
        self.progress_bar.setAccessibleName("Loading progress")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel loading")
        self.cancel_button.clicked.connect(self._on_cancel_load)
        for w in (self.progress_label, self.progress_bar, self.cancel_button):
            bar.addPermanentWidget(w)
            w.hide()

    def _connect(self) -> None:
        acts = self.commands
        acts.open.triggered.connect(self._on_open)
        acts.new_project.triggered.connect(self.project.new_project)
        acts.save.triggered.connect(self.project.save)
        acts.save_as.triggered.connect(lambda: self.project.save_as())
        acts.annotate_item.triggered.connect(self.annotator.annotate_item)
        acts.annotate_range.triggered.connect(lambda: self.annotator.annotate_range())
        acts.export_summary.triggered.connect(lambda: self.exporter.export_summary())
        acts.export_pack.triggered.connect(lambda: self.exporter.export_pack())
        acts.print.triggered.connect(lambda: self.exporter.print_pack())
        self.project.project_opened.connect(self._on_project_opened)
        self.project.reload_requested.connect(self._on_reload_requested)
        self.project.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.project.recent_changed.connect(self._rebuild_recent_projects_menu)
        acts.sample.triggered.connect(self._on_open_sample)
        acts.quit.triggered.connect(self.close)
        acts.find.triggered.connect(self._on_focus_filter)
        acts.clear_filters.triggered.connect(self.filter_bar.clear)
        acts.zoom_fit.triggered.connect(self._on_zoom_fit)
        for act, (_text, days, _tip) in zip(acts.zoom_presets, ZOOM_PRESETS, strict=True):
            act.triggered.connect(lambda _checked=False, d=days: self.timeline.zoom_preset(d))
        acts.show_details.triggered.connect(self._on_show_details)
        acts.council.triggered.connect(self._on_change_council)
        for i, act in enumerate(acts.tabs):
            act.triggered.connect(lambda _checked=False, i=i: self._on_show_tab(i))
        self.items.currentChanged.connect(self._on_tab_changed)
        self.filter_bar.filter_changed.connect(self._on_filter_changed)
        self.timeline.selected.connect(self._on_timeline_selected)
        self.timeline.activated.connect(self._on_item_activated)
        self.timeline.range_changed.connect(self._on_range_changed)
        self.items.selected.connect(self._on_table_selected)
        self.metrics.checked_changed.connect(self._on_metrics_checked)
        self.items.activated.connect(self._on_item_activated)
        self.loader.progressed.connect(self._on_load_progress)
        self.loader.loaded.connect(self._on_loaded)
        self.loader.failed.connect(self._on_load_failed)
        self.loader.cancelled.connect(self._on_load_cancelled)

    def _set_tab_order(self) -> None:
        fb = self.filter_bar
        chain: list[QWidget] = [
            fb.search, fb.workstreams, fb.statuses, fb.kinds, fb.from_date, fb.to_date,
            fb.clear_dates_button, fb.clear_button, self.timeline, self.items.tabBar(),
            *self.views.values(), self.details,
        ]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _rebuild_recent_menu(self) -> None:
        fill_recent_menu(self.recent_menu, self.settings.recent_files(), lambda p: self.open_files([p]),
                         self._on_clear_recent, "No recent files")

    def _rebuild_recent_projects_menu(self) -> None:
        fill_recent_menu(self.recent_projects_menu, self.settings.recent_projects(), self.project.open_project,
                         self._on_clear_recent_projects, "No recent projects")

    def _restore_geometry(self) -> None:
        self._geometry_restored = True
        if not self.restoreGeometry(self.settings.window_geometry()):
            screen = self.screen().availableGeometry()  # first run: most of the screen, up to 1600x1000
            self.resize(min(1600, screen.width() * 9 // 10), min(1000, screen.height() * 9 // 10))

    def _restore_layout(self) -> None:
        if not self._geometry_restored:  # a deferred window had its size and place before it was shown
            self._restore_geometry()
        self._default_docks = not self.restoreState(self.settings.window_state(), LAYOUT_VERSION)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._built:
            self._on_first_shown()

    def _on_first_shown(self) -> None:
        """Once the window is up and built: offer unsaved work, and size the panels on a first run."""
        from PySide6.QtCore import Qt

        if self._first_show:  # after a crash: offer the unsaved work, once the window is up
            self._first_show = False
            QTimer.singleShot(0, self.project.offer_recovery)
        if self._default_docks:  # first run: size the panels for the window as first shown
            self._default_docks = False
            self.resizeDocks([self.items_dock], [self.height() // 3], Qt.Orientation.Vertical)
            width = max(self.details.sizeHint().width(), self.width() // 4)
            self.resizeDocks([self.details_dock], [min(width, self.width() // 3)], Qt.Orientation.Horizontal)

    # -- showing data -----------------------------------------------------------------
    @property
    def dataset(self) -> Dataset:
        if not self._built:  # nothing shown yet
            from bcpviewer.model.records import Dataset

            return Dataset()
        return self._dataset

    def show_dataset(self, dataset: Dataset) -> None:
        """Replace everything shown with ``dataset`` (filter text and dates are kept)."""
        self._dataset = dataset
        self.items.set_dataset(dataset)
        self.timeline.set_dataset(dataset, self.today)  # first: new charts take its x range
        self.metrics.set_dataset(self._charted(dataset))
        if self._metrics:
            self.metrics.set_checked(list(self._metrics))
        self.glance.set_dataset(dataset, self.today)
        self.analysis.set_dataset(dataset)
        self.annotator.attach_charts([chart.plot_item for chart in self.metrics.charts()])
        self.details.clear_item()
        self.filter_bar.set_dataset(dataset)  # applies the filter to the new data
        self.summary_label.setText(summary_text(dataset))
        self.annotator.set_dataset(dataset)
        self.project.update_title()
        has_data = not dataset.is_empty
        for act in (self.commands.export_summary, self.commands.export_pack, self.commands.print):
            act.setEnabled(has_data)

    def _charted(self, dataset: Dataset) -> Dataset:
        """The data the charts draw: the workbook's series with the targets entered in the app."""
        if not self.project.user_targets:
            return dataset
        return dataclasses.replace(dataset, series=self.analysis.charted_series(dataset.series))

    def refresh_charts(self) -> None:
        """Draw the charts again (targets entered in the app changed), keeping the chosen metrics."""
        self.metrics.set_dataset(self._charted(self._dataset))
        if self._metrics:
            self.metrics.set_checked(list(self._metrics))
        self.annotator.attach_charts([chart.plot_item for chart in self.metrics.charts()])

    @Slot()
    def _on_change_council(self) -> None:
        """Ask again which council (and neighbour model) the open DfE and Ofsted files are read for."""
        present = [p for p in self._sources if Path(p).exists()]
        if not present:
            self.statusBar().showMessage("Open a DfE statistics or Ofsted file first.", 8000)
            return
        self.loader.change_council(present)

    @Slot(list)
    def _on_metrics_checked(self, names: list[str]) -> None:
        """Remember the charted metrics (a project records them) and annotate the new charts."""
        self._metrics = tuple(names)
        self.annotator.attach_charts([chart.plot_item for chart in self.metrics.charts()])

    @property
    def visible_keys(self) -> set[str] | None:
        """Keys of the items the filter keeps (None: all)."""
        return self._keys

    def _update_counts(self) -> None:
        from bcpviewer.model.keys import item_key

        records = (*self._dataset.actions, *self._dataset.events)
        total = len(records)
        shown = total if self._keys is None else sum(item_key(r) in self._keys for r in records)
        self.counts_label.setText(shown_text(shown, total) + " ·" if total else "")
        self.counts_label.setVisible(bool(total))
        font = self.counts_label.font()
        font.setBold(self._keys is not None)
        self.counts_label.setFont(font)

    def select(self, key: str | None) -> None:
        """Select ``key`` everywhere: timeline, tables and details."""
        self.timeline.select(key)
        self.items.select_key(key)
        self._show_details(key)

    def _show_details(self, key: str | None) -> None:
        self.details.show_item(self._dataset, key, self.today, self.annotator.on_item(key))
        self.analysis.show_item(key)

    def refresh_details(self) -> None:
        """Show the selected item again (its annotations changed)."""
        if self.details.key is not None:
            self._show_details(self.details.key)

    def show_annotations(self) -> None:
        self.annotations_dock.show()
        self.annotations_dock.raise_()

    def _view_state(self) -> ViewState:
        """What a saved project records of the window now."""
        from bcpviewer.model.spans import Span
        from bcpviewer.ui.project.project_controller import ViewState

        view = Span(*self.timeline.visible_range()) if not self._dataset.is_empty else None
        return ViewState(tuple(self._sources), self.filter_bar.current_filter(), self._metrics, view)

    # -- handlers: filter and selection ------------------------------------------------
    @Slot(object)
    def _on_filter_changed(self, flt: Filter) -> None:
        from bcpviewer.model.filtering import matching_keys

        self._keys = None if flt.is_empty else matching_keys(self._dataset, flt)
        self.timeline.set_visible(self._keys)
        self.items.set_filter(self._keys, flt.text)
        self.annotator.refresh_layer()  # flags on items filtered out go too
        if self._keys is not None and self.details.key is not None and self.details.key not in self._keys:
            self.select(None)  # the selected item was filtered out: deselected everywhere, as on the timeline
        self._update_counts()

    @Slot(str)
    def _on_timeline_selected(self, key: str) -> None:
        self.items.select_key(key or None)
        self._show_details(key or None)

    @Slot(str)
    def _on_table_selected(self, key: str) -> None:
        self.timeline.select(key, scroll=True)
        self._show_details(key)

    @Slot(str)
    def _on_item_activated(self, key: str) -> None:
        if key and self.details.key != key:
            self.select(key)
        self._raise_details()

    def _raise_details(self) -> None:
        from PySide6.QtCore import Qt

        self.details_dock.show()
        self.details_dock.raise_()
        self.details.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot()
    def _on_show_details(self) -> None:
        key = self.timeline.selected_key() or self.items.current_key()
        self._on_item_activated(key or "")

    @Slot(object, object)
    def _on_range_changed(self, start: date, end: date) -> None:
        from bcpviewer.model.spans import format_date

        self.range_label.setText(f"Timeline: {format_date(start)} to {format_date(end)}")

    @Slot()
    def _on_zoom_fit(self) -> None:
        self.timeline.zoom_to_fit()

    @Slot()
    def _on_focus_filter(self) -> None:
        self.filter_bar.show()
        self.filter_bar.focus_search()

    def _on_show_tab(self, index: int) -> None:
        self.items_dock.show()
        self.items_dock.raise_()
        self.items.setCurrentIndex(index)

    @Slot(int)
    def _on_tab_changed(self, index: int) -> None:
        if 0 <= index < len(self.tab_actions):
            self.tab_actions[index].setChecked(True)

    # -- loading ----------------------------------------------------------------------
    @property
    def is_loading(self) -> bool:
        """Reading files (or, before the window is built, waiting to read them)."""
        return self.loader.is_loading if self._built else bool(self._waiting)

    def open_files(self, paths: Sequence[str | Path]) -> None:
        """Open a project (.bcpv), or read data files in the background keeping the old data until done.

        Before the window is built the files wait, named in the placeholder, and are opened once it is.
        """
        targets = [str(p) for p in paths if str(p)]
        if not self._built:
            if targets:
                self._waiting = targets
                if self.placeholder is not None:
                    self.placeholder.set_text(opening_text([Path(p).name for p in targets]))
            return
        from bcpviewer.model.project import SUFFIX

        projects = [p for p in targets if p.lower().endswith(SUFFIX)]
        if projects:
            if len(targets) > 1:
                self.statusBar().showMessage(
                    f"Opened the project {Path(projects[0]).name} only: a project lists its own data files.",
                    10000)
            self.project.open_project(projects[0])
        elif targets:
            self._read(targets)

    def _read(self, targets: list[str], *, opening: OpenedProject | None = None,
              reload_view: tuple[date, date] | None = None) -> None:
        self._opening, self._reload_view = opening, reload_view
        self.loader.start(targets)
        self._set_busy(f"Reading {_n(len(targets), 'file')}…")

    def _set_busy(self, message: str | None) -> None:
        busy = message is not None
        self.progress_label.setText(message or "")
        self.progress_bar.setValue(0)
        self.cancel_button.setEnabled(busy)
        for w in (self.progress_label, self.progress_bar, self.cancel_button):
            w.setVisible(busy)

    @Slot(float, str)
    def _on_load_progress(self, fraction: float, message: str) -> None:
        self.progress_bar.setValue(max(0, min(100, round(fraction * 100))))
        if message:
            self.progress_label.setText(message)

    @Slot(object, object, object)
    def _on_loaded(self, paths: list[str], dataset: Dataset, errors: list) -> None:
        from bcpviewer.ui.loading.loading import failure_text

        self._set_busy(None)
        opening, reload_view = self._opening, self._reload_view
        self._opening = self._reload_view = None
        if opening is not None or reload_view is not None:
            self._show_project_data(dataset, errors, opening, reload_view)
            return
        failed = {e.path for e in errors}
        for e in errors:
            self.settings.remove_recent_file(e.path)
        if errors and len(errors) >= len(paths):
            self._rebuild_recent_menu()
            self.statusBar().showMessage("Nothing was loaded; the data shown has not changed.", 10000)
            self._warn("Could not open the file" + ("s" if len(paths) > 1 else ""), failure_text(errors))
            return
        for p in reversed(paths):
            if p not in failed:
                self.settings.add_recent_file(p)
        self._rebuild_recent_menu()
        self._sources = [str(Path(p).absolute()) for p in paths if p not in failed]
        self.project.watch(self._sources)
        self.project.mark_modified()  # the project's data files changed
        self.show_dataset(dataset)
        self._tell_orphans()
        if errors:
            failures = failure_text(errors)
            self._warn("Some files could not be read", f"The other files are shown.\n\n{failures}")

    @Slot(str)
    def _on_load_failed(self, message: str) -> None:
        self._set_busy(None)
        self._warn("Could not open the files", message + "\n\nThe data shown has not changed.")

    # -- projects -------------------------------------------------------------------------
    @Slot(object)
    def _on_project_opened(self, opened: OpenedProject) -> None:
        """A project was opened, restored or started: read its data files, then show its view."""
        from bcpviewer.model.records import Dataset

        self._sources = [str(c.path) for c in opened.sources]
        self._metrics = opened.project.metrics
        present = [str(c.path) for c in opened.sources if c.state != "missing"]
        self.project.watch(present)
        if present:
            self._read(present, opening=opened)
        else:
            self.loader.cancel()
            self._show_project_data(Dataset(), [], opened, None)
        if opened.missing:
            names = "\n".join(f"• {p}" for p in opened.missing)
            self._warn("Some data files are missing",
                       f"The project is open, but these data files were not found:\n\n{names}\n\n"
                       "Annotations on their items are kept and listed as orphaned. Put the files back and "
                       "open the project again, or open the data from where it is now.")
        elif opened.changed:
            names = ", ".join(p.name for p in opened.changed)
            self.statusBar().showMessage(f"{names} changed since the project was saved; annotations stay "
                                         "attached to their items by id.", 12000)

    def _show_project_data(self, dataset: Dataset, errors: list, opening: OpenedProject | None,
                           reload_view: tuple[date, date] | None) -> None:
        from bcpviewer.ui.loading.loading import failure_text

        flt = opening.project.filters if opening is not None else self.filter_bar.current_filter()
        before = self.annotator.orphan_ids
        self.show_dataset(dataset)
        self.filter_bar.set_filter(flt)
        view = opening.project.view_range if opening is not None else None
        if view is not None:
            self.timeline.zoom_to(view.start, view.end)
        elif reload_view is not None:
            self.timeline.zoom_to(*reload_view)
        if errors:
            self._warn("Some data files could not be read", failure_text(errors))
        self._tell_orphans(before if reload_view is not None else frozenset())

    def _tell_orphans(self, before: frozenset[str] = frozenset()) -> None:
        new = self.annotator.orphan_ids - before
        if new:
            many = len(new) != 1
            self.statusBar().showMessage(
                f"{len(new)} annotation{'s are' if many else ' is'} orphaned: "
                f"{'their items are' if many else 'its item is'} not in the data now. They are kept and "
                "marked ⚠ in the Annotations panel.", 15000)

    @Slot(list)
    def _on_reload_requested(self, paths: list[str]) -> None:
        if paths:
            self._read(paths, reload_view=self.timeline.visible_range())

    @Slot()
    def _on_load_cancelled(self) -> None:
        self._set_busy(None)
        self.statusBar().showMessage("Loading cancelled; the data shown has not changed.", 8000)

    @Slot()
    def _on_cancel_load(self) -> None:
        self.loader.cancel()
        self.cancel_button.setEnabled(False)
        self.progress_label.setText("Cancelling…")

    def _warn(self, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(self, title, text)

    # -- other handlers ---------------------------------------------------------------
    @Slot()
    def _on_open(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        start = self.settings.last_directory()
        paths, _ = QFileDialog.getOpenFileNames(self, "Open a project or data files", start, FILE_FILTER)
        if paths:
            self.settings.set_last_directory(str(Path(paths[0]).parent))
            self.open_files(paths)

    @Slot()
    def _on_open_sample(self) -> None:
        from bcpviewer.bundled import sample_path

        path = sample_path()
        if path is None:
            self._warn("Sample not found", "The bundled sample workbook is not installed with this copy.")
        else:
            self.open_files([str(path)])

    @Slot()
    def _on_clear_recent(self) -> None:
        self.settings.clear_recent_files()
        self._rebuild_recent_menu()

    @Slot()
    def _on_clear_recent_projects(self) -> None:
        self.settings.clear_recent_projects()
        self._rebuild_recent_projects_menu()

    # -- closing ----------------------------------------------------------------------
    def shutdown(self) -> None:
        """Cancel any load, wait for it, and save the window layout and settings (safe to call twice).

        Unsaved work stays in its recovery file, to be offered on the next start. A window closed before
        it was built saves its size and place only (the panels' layout it never had is kept).
        """
        if not self._built:
            self._closed = True
            self.settings.set_window_geometry(self.saveGeometry())
            self.settings.sync()
            return
        self.loader.wait()
        self.analysis.shutdown()
        self.project.autosave()
        self.project.autosave_timer.stop()
        self.settings.set_window_geometry(self.saveGeometry())
        self.settings.set_window_state(self.saveState(LAYOUT_VERSION))
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._built and not self.project.confirm_close():  # unsaved work: Save, Discard or Cancel
            event.ignore()
            return
        self.shutdown()
        super().closeEvent(event)
