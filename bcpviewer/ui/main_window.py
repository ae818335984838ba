"""The main window: a table per kind of record, a filter box, menus, and loading files off the GUI thread."""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QThread, Qt, Signal, Slot
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStyle,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

import bcpviewer
from bcpviewer.model.records import Dataset
from bcpviewer.model.spans import format_date
from bcpviewer.ui.settings import Settings
from bcpviewer.ui.table_models import (
    ActionTableModel,
    EventTableModel,
    MetricTableModel,
    ProblemTableModel,
    RecordSortProxy,
    RecordTableModel,
    SourceTableModel,
)

log = logging.getLogger(__name__)

TABS: tuple[tuple[str, str], ...] = (
    ("actions", "Actions"),
    ("events", "Events"),
    ("metrics", "Metrics"),
    ("sources", "Sources"),
    ("problems", "Problems"),
)
FILE_FILTER = "Spreadsheets and CSV files (*.xlsx *.xlsm *.xls *.xlsb *.ods *.csv);;All files (*)"
ABOUT = (
    "<p><b>BCP Viewer {version}</b></p><p>BCP Viewer helps councillors, scrutiny officers and journalists "
    "follow a council's children's services improvement after an inadequate Ofsted judgement. It reads "
    "improvement-plan trackers, inspection and visit records and performance statistics from spreadsheets "
    "and CSV files, shows which actions are late and how the figures compare with England, the region and "
    "statistical neighbours, and keeps the source beside every fact.</p>"
)


def _n(count: int, word: str, plural: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else plural or word + 's'}"


def summary_text(dataset: Dataset) -> str:
    """One line for the status bar: what is loaded and the dates it covers."""
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


class _LoadThread(QThread):
    """Calls the loader away from the GUI thread; every outcome arrives as a signal tagged with a token."""

    progressed = Signal(int, float, str)
    loaded = Signal(int, object, object)
    failed = Signal(int, str)
    was_cancelled = Signal(int)

    def __init__(self, token: int, paths: Sequence[str]) -> None:
        super().__init__()
        self.token = token
        self.paths = list(paths)
        self.done = False
        self._cancel = threading.Event()
        self._last: tuple[int, str] = (-1, "")

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        try:
            self._load()
        finally:
            self.done = True

    def _load(self) -> None:
        from bcpviewer.io.errors import Cancelled

        try:
            from bcpviewer.io.loader import load_files
        except ImportError as exc:
            log.exception("The file reader could not be imported")
            missing = exc.name or "the file reader"
            self.failed.emit(self.token, f"This copy of BCP Viewer cannot read files: {missing} is missing.")
            return
        try:
            dataset, errors = load_files(
                self.paths, progress=self._on_progress, cancelled=self._cancel.is_set
            )
        except Cancelled:
            self.was_cancelled.emit(self.token)
        except Exception as exc:  # a bug in the reader must not reach the user as a traceback
            log.exception("Loading %s failed", self.paths)
            self.failed.emit(self.token, f"BCP Viewer met an internal error while reading the files ({exc}).")
        else:
            if self._cancel.is_set():
                self.was_cancelled.emit(self.token)
            else:
                self.loaded.emit(self.token, dataset, list(errors))

    def _on_progress(self, fraction: float, message: str) -> None:
        key = (int(fraction * 100), message)
        if key != self._last:  # throttle: only changes cross to the GUI thread
            self._last = key
            self.progressed.emit(self.token, float(fraction), message)


class MainWindow(QMainWindow):
    """Tables of the loaded actions, events, metrics, sources and import problems."""

    def __init__(self, settings: Settings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings if settings is not None else Settings()
        self._dataset = Dataset()
        self._token = 0
        self._loading: list[str] = []
        self._threads: set[_LoadThread] = set()
        self.setWindowTitle("BCP Viewer")
        self._metric_model = MetricTableModel()
        self.models: dict[str, RecordTableModel] = {
            "actions": ActionTableModel(),
            "events": EventTableModel(),
            "metrics": self._metric_model,
            "sources": SourceTableModel(),
            "problems": ProblemTableModel(),
        }
        self.proxies: dict[str, RecordSortProxy] = {}
        self.views: dict[str, QTableView] = {}
        self._build_central()
        self._build_actions()
        self._build_menus()
        self._build_status_bar()
        self.show_dataset(self._dataset)
        self._restore_layout()

    # -- building ---------------------------------------------------------------------
    def _build_central(self) -> None:
        self.filter_edit = QLineEdit()
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setPlaceholderText("Type words to show only rows containing them (Ctrl+F)")
        self.filter_edit.setAccessibleName("Filter rows")
        self.filter_edit.setAccessibleDescription("Shows only rows containing every word typed")
        self.filter_edit.textChanged.connect(self._on_filter_changed)
        clear = QAction("Clear filter", self.filter_edit)
        clear.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        clear.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        clear.triggered.connect(self.filter_edit.clear)
        self.filter_edit.addAction(clear)
        label = QLabel("Filter:")
        label.setBuddy(self.filter_edit)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.filter_edit, 1)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Data tables")
        self.tabs.setDocumentMode(True)
        for key, title in TABS:
            self.tabs.addTab(self._make_view(key, title), title)
        self.tabs.currentChanged.connect(self._on_tab_changed)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addLayout(row)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

    def _make_view(self, key: str, title: str) -> QTableView:
        proxy = RecordSortProxy(self)
        proxy.setSourceModel(self.models[key])
        view = QTableView()
        view.setObjectName(f"{key}_table")
        view.setModel(proxy)
        view.setAccessibleName(f"{title} table")
        view.setAccessibleDescription(f"The loaded {title.lower()}, one row each; click a header to sort")
        view.setAlternatingRowColors(True)
        view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        view.setWordWrap(False)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.setTabKeyNavigation(False)  # Tab moves on to the next control, arrows move between cells
        view.verticalHeader().setVisible(False)
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
        header = view.horizontalHeader()
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # file order until a header is clicked
        view.setSortingEnabled(True)
        self.proxies[key] = proxy
        self.views[key] = view
        return view

    def _build_actions(self) -> None:
        st = self.style()
        open_icon = st.standardIcon(QStyle.StandardPixmap.SP_DialogOpenButton)
        self.open_action = QAction(open_icon, "&Open…", self)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.setStatusTip("Open spreadsheets or CSV files (.xlsx .xlsm .xls .xlsb .ods .csv)")
        self.open_action.triggered.connect(self._on_open)
        self.sample_action = QAction("Open bundled &sample", self)
        self.sample_action.setStatusTip("Open the sample workbook of BCP Council's improvement journey")
        self.sample_action.triggered.connect(self._on_open_sample)
        self.quit_action = QAction("&Quit", self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.triggered.connect(self.close)
        self.filter_action = QAction("&Filter rows…", self)
        self.filter_action.setShortcut(QKeySequence.StandardKey.Find)
        self.filter_action.triggered.connect(self._on_focus_filter)
        self.about_action = QAction("&About BCP Viewer", self)
        self.about_action.triggered.connect(self._on_about)
        group = QActionGroup(self)
        self.tab_actions: list[QAction] = []
        for i, (_key, title) in enumerate(TABS):
            act = QAction(f"&{title}", self, checkable=True)
            act.setShortcut(QKeySequence(f"Alt+{i + 1}"))
            act.triggered.connect(lambda _checked=False, i=i: self.tabs.setCurrentIndex(i))
            group.addAction(act)
            self.tab_actions.append(act)
        self.tab_actions[0].setChecked(True)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self.open_action)
        self.recent_menu = file_menu.addMenu("Open &Recent")
        file_menu.addAction(self.sample_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        view_menu = bar.addMenu("&View")
        for act in self.tab_actions:
            view_menu.addAction(act)
        view_menu.addSeparator()
        view_menu.addAction(self.filter_action)
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.about_action)
        self._rebuild_recent_menu()
        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("main_toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addAction(self.open_action)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.summary_label = QLabel()
        self.summary_label.setAccessibleName("Loaded data summary")
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bar.addWidget(self.summary_label, 1)
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

    def _rebuild_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent_files()
        for i, path in enumerate(recent, start=1):
            act = self.recent_menu.addAction(f"&{i % 10} {Path(path).name}")
            act.setStatusTip(path)
            act.setToolTip(path)
            act.triggered.connect(lambda _checked=False, p=path: self.open_files([p]))
        if not recent:
            self.recent_menu.addAction("No recent files").setEnabled(False)
        self.recent_menu.addSeparator()
        clear = self.recent_menu.addAction("&Clear list")
        clear.setEnabled(bool(recent))
        clear.triggered.connect(self._on_clear_recent)

    def _restore_layout(self) -> None:
        if not self.restoreGeometry(self.settings.window_geometry()):
            screen = self.screen().availableGeometry()  # first run: most of the screen, up to 1600x1000
            self.resize(min(1600, screen.width() * 9 // 10), min(1000, screen.height() * 9 // 10))
        self.restoreState(self.settings.window_state())

    # -- showing data -----------------------------------------------------------------
    @property
    def dataset(self) -> Dataset:
        return self._dataset

    def show_dataset(self, dataset: Dataset) -> None:
        """Replace everything shown with ``dataset``."""
        self._dataset = dataset
        self._metric_model.set_sources(dataset.source_by_id())
        self.models["actions"].set_records(dataset.actions)
        self.models["events"].set_records(dataset.events)
        self.models["metrics"].set_records(dataset.series)
        self.models["sources"].set_records(dataset.sources)
        self.models["problems"].set_records(dataset.problems)
        for view in self.views.values():
            self._fit_columns(view)
        self._update_tab_titles()
        self.summary_label.setText(summary_text(dataset))
        names = ", ".join(Path(f).name for f in dataset.files[:3]) + ("…" if len(dataset.files) > 3 else "")
        self.setWindowTitle(f"{names} — BCP Viewer" if names else "BCP Viewer")

    def _fit_columns(self, view: QTableView) -> None:
        """Size columns to their contents, capped per column; spare width goes to the main text column."""
        view.resizeColumnsToContents()
        header = view.horizontalHeader()
        model = view.model().sourceModel()
        char = view.fontMetrics().averageCharWidth()
        natural = [header.sectionSize(c) for c in range(header.count())]
        widths = [
            min(natural[c], max(col.max_chars * char, header.sectionSizeHint(c)))  # never clip the header
            for c, col in enumerate(model.columns)
        ]
        main = next((c for c, col in enumerate(model.columns) if col.main), None)
        shown = self.tabs.currentWidget() or view  # a hidden tab is not laid out: measure the one shown
        room = shown.width() - 2 * view.frameWidth() - view.verticalScrollBar().sizeHint().width()
        spare = room - sum(widths)
        if spare > 0 and main is not None:
            widths[main] = min(natural[main], widths[main] + spare)
        for c, width in enumerate(widths):
            header.resizeSection(c, width)

    def _update_tab_titles(self) -> None:
        for i, (key, title) in enumerate(TABS):
            total = self.models[key].rowCount()
            shown = self.proxies[key].rowCount()
            count = f"{shown:,} of {total:,}" if shown != total else f"{total:,}"
            self.tabs.setTabText(i, f"{title} ({count})")
            self.tabs.setTabToolTip(i, f"{title}: {count} rows (Alt+{i + 1})")

    # -- loading ----------------------------------------------------------------------
    @property
    def is_loading(self) -> bool:
        return bool(self._loading)

    def open_files(self, paths: Sequence[str | Path]) -> None:
        """Read ``paths`` in the background; the window stays usable and the old data stays until done."""
        targets = [str(p) for p in paths if str(p)]
        if not targets:
            return
        self._cancel_threads()
        self._token += 1
        thread = _LoadThread(self._token, targets)
        thread.progressed.connect(self._on_load_progress)
        thread.loaded.connect(self._on_loaded)
        thread.failed.connect(self._on_load_failed)
        thread.was_cancelled.connect(self._on_load_cancelled)
        thread.finished.connect(self._on_thread_finished)
        self._threads.add(thread)
        self._loading = targets
        self._set_busy(f"Reading {_n(len(targets), 'file')}…")
        thread.start()

    def _set_busy(self, message: str | None) -> None:
        busy = message is not None
        self.progress_label.setText(message or "")
        self.progress_bar.setValue(0)
        self.cancel_button.setEnabled(busy)
        for w in (self.progress_label, self.progress_bar, self.cancel_button):
            w.setVisible(busy)
        if not busy:
            self._loading = []

    def _cancel_threads(self) -> None:
        for t in self._threads:
            t.cancel()

    @Slot(int, float, str)
    def _on_load_progress(self, token: int, fraction: float, message: str) -> None:
        if token == self._token and self._loading:
            self.progress_bar.setValue(max(0, min(100, round(fraction * 100))))
            if message:
                self.progress_label.setText(message)

    @Slot(int, object, object)
    def _on_loaded(self, token: int, dataset: Dataset, errors: list) -> None:
        if token != self._token:
            return
        paths = self._loading
        self._set_busy(None)
        failed = {e.path for e in errors}
        for e in errors:
            self.settings.remove_recent_file(e.path)
        if errors and len(errors) >= len(paths):
            self._rebuild_recent_menu()
            self.statusBar().showMessage("Nothing was loaded; the data shown has not changed.", 10000)
            self._warn("Could not open the file" + ("s" if len(paths) > 1 else ""), _failure_text(errors))
            return
        for p in reversed(paths):
            if p not in failed:
                self.settings.add_recent_file(p)
        self._rebuild_recent_menu()
        self.show_dataset(dataset)
        if errors:
            failures = _failure_text(errors)
            self._warn("Some files could not be read", f"The other files are shown.\n\n{failures}")

    @Slot(int, str)
    def _on_load_failed(self, token: int, message: str) -> None:
        if token == self._token:
            self._set_busy(None)
            self._warn("Could not open the files", message + "\n\nThe data shown has not changed.")

    @Slot(int)
    def _on_load_cancelled(self, token: int) -> None:
        if token == self._token:
            self._set_busy(None)
            self.statusBar().showMessage("Loading cancelled; the data shown has not changed.", 8000)

    @Slot()
    def _on_thread_finished(self) -> None:
        for t in [t for t in self._threads if t.done]:
            t.wait()
            self._threads.discard(t)
            t.deleteLater()

    @Slot()
    def _on_cancel_load(self) -> None:
        self._cancel_threads()
        self.cancel_button.setEnabled(False)
        self.progress_label.setText("Cancelling…")

    def _warn(self, title: str, text: str) -> None:
        QMessageBox.warning(self, title, text)

    # -- other handlers ---------------------------------------------------------------
    @Slot()
    def _on_open(self) -> None:
        start = self.settings.last_directory()
        paths, _ = QFileDialog.getOpenFileNames(self, "Open data files", start, FILE_FILTER)
        if paths:
            self.settings.set_last_directory(str(Path(paths[0]).parent))
            self.open_files(paths)

    @Slot()
    def _on_open_sample(self) -> None:
        from bcpviewer.ui.app import sample_path

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
    def _on_focus_filter(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    @Slot(str)
    def _on_filter_changed(self, text: str) -> None:
        for proxy in self.proxies.values():
            proxy.set_filter_text(text)
        self._update_tab_titles()

    @Slot(int)
    def _on_tab_changed(self, index: int) -> None:
        if 0 <= index < len(self.tab_actions):
            self.tab_actions[index].setChecked(True)

    @Slot()
    def _on_about(self) -> None:
        QMessageBox.about(self, "About BCP Viewer", ABOUT.format(version=bcpviewer.__version__))

    # -- closing ----------------------------------------------------------------------
    def shutdown(self) -> None:
        """Cancel any load, wait for it, and save the window layout and settings (safe to call twice)."""
        self._cancel_threads()
        for t in list(self._threads):
            t.wait()
        self.settings.set_window_geometry(self.saveGeometry())
        self.settings.set_window_state(self.saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)


def _failure_text(errors: Sequence) -> str:
    return "\n".join(f"• {Path(e.path).name}: {e.reason}" for e in errors)
