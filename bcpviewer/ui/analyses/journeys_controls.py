"""The Journeys window's parts: the Files box (which tables to read, progress, errors), the Compare box
(your council, what to line up on, the metric, the neighbour model), and the results (chart, summary,
table of journeys, problems met in the files)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pyqtgraph as pg
from PySide6.QtCore import QSignalBlocker, Qt, Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bcpviewer.io import journeys as ji
from bcpviewer.model.journeys import INADEQUATE, Anchor, Journey, Which
from bcpviewer.model.records import Event, MetricSeries, Problem
from bcpviewer.model.vocab import EventKind
from bcpviewer.plots import style
from bcpviewer.plots.journey_chart import JourneyPlot

MAX_PROBLEMS_SHOWN = 500


class FilesBox(QGroupBox):
    """Which Ofsted outcomes table and DfE statistics to read, the buttons that read or stop, and what
    the reading says (progress) or met (an error). ``chosen`` when files are picked in a file dialog."""

    chosen = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Files", parent)
        self.ofsted_edit = QLineEdit()
        self.ofsted_edit.setAccessibleName("Ofsted outcomes file")
        self.ofsted_edit.setPlaceholderText("An Ofsted outcomes table for many councils (.csv, .xlsx, .ods)")
        self.ofsted_button = QPushButton("Choose…")
        self.ofsted_button.setAccessibleName("Choose the Ofsted outcomes file")
        self.dfe_edit = QLineEdit()
        self.dfe_edit.setAccessibleName("DfE statistics files, separated by semicolons")
        self.dfe_edit.setPlaceholderText("DfE statistics files for many councils (.csv), separated by ;")
        self.dfe_button = QPushButton("Choose…")
        self.dfe_button.setAccessibleName("Choose the DfE statistics files")
        self.load_button = QPushButton("&Read the files")
        self.load_button.setAccessibleName("Read the files")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel reading")
        self.cancel_button.setEnabled(False)
        self.progress_label = QLabel()
        self.progress_label.setAccessibleName("Progress")
        self.progress_label.setWordWrap(True)
        self.error_label = QLabel()
        self.error_label.setAccessibleName("Error")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(f"color: {style.OVERDUE_TEXT};")
        self.error_label.setVisible(False)
        form = QFormLayout(self)
        row1 = QHBoxLayout()
        row1.addWidget(self.ofsted_edit, 1)
        row1.addWidget(self.ofsted_button)
        row2 = QHBoxLayout()
        row2.addWidget(self.dfe_edit, 1)
        row2.addWidget(self.dfe_button)
        label1 = QLabel("&Ofsted outcomes:")
        label1.setBuddy(self.ofsted_edit)
        label2 = QLabel("&DfE statistics:")
        label2.setBuddy(self.dfe_edit)
        form.addRow(label1, row1)
        form.addRow(label2, row2)
        row3 = QHBoxLayout()
        row3.addWidget(self.load_button)
        row3.addWidget(self.cancel_button)
        row3.addStretch(1)
        form.addRow(row3)
        form.addRow(self.progress_label)
        form.addRow(self.error_label)
        self.ofsted_button.clicked.connect(self._choose_ofsted)
        self.dfe_button.clicked.connect(self._choose_dfe)

    @Slot()
    def _choose_ofsted(self) -> None:
        path, _f = QFileDialog.getOpenFileName(self.window(), "Choose the Ofsted outcomes file",
                                               self.ofsted_edit.text(),
                                               "Tables (*.csv *.xlsx *.xlsm *.xls *.ods);;All files (*)")
        if path:
            self.ofsted_edit.setText(path)
            self.chosen.emit()

    @Slot()
    def _choose_dfe(self) -> None:
        start = self.dfe_paths()[0] if self.dfe_paths() else self.ofsted_edit.text()
        paths, _f = QFileDialog.getOpenFileNames(self.window(), "Choose the DfE statistics files", start,
                                                 "DfE statistics (*.csv);;All files (*)")
        if paths:
            self.dfe_edit.setText("; ".join(paths))
            self.chosen.emit()

    def dfe_paths(self) -> list[str]:
        """The DfE files written in the box (separated by semicolons)."""
        return [p.strip() for p in self.dfe_edit.text().split(";") if p.strip()]

    def set_busy(self, busy: bool) -> None:
        """While reading, Cancel works and Read does not."""
        self.cancel_button.setEnabled(busy)
        self.load_button.setEnabled(not busy)

    def show_error(self, message: str) -> None:
        """Show ``message`` in red (an empty message hides the line)."""
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))


class CompareBox(QGroupBox):
    """What to compare: your council, the event the councils are lined up on, the metric and the
    statistical neighbour model."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Compare", parent)
        self.own_box = QComboBox()
        self.own_box.setAccessibleName("Your council (always shown, highlighted)")
        self.anchor_box = QComboBox()
        self.anchor_box.setAccessibleName("Line the councils up on")
        self.metric_box = QComboBox()
        self.metric_box.setAccessibleName("Metric")
        self.metric_box.setMinimumContentsLength(18)
        self.metric_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.model_box = QComboBox()
        self.model_box.setAccessibleName("Statistical neighbour model")
        for key in ji.sn.MODELS:
            self.model_box.addItem(f"{key} model", key)
        cform = QFormLayout(self)
        for text, w in (("&Your council:", self.own_box), ("&Line up on:", self.anchor_box),
                        ("&Metric:", self.metric_box), ("Neighbour mode&l:", self.model_box)):
            lab = QLabel(text)
            lab.setBuddy(w)
            cform.addRow(lab, w)

    @property
    def anchor(self) -> Anchor:
        a = self.anchor_box.currentData()
        return a if isinstance(a, Anchor) else INADEQUATE

    def fill_own(self, councils: Sequence[str], key: str | None) -> str | None:
        """Offer ``councils`` (and "(none)"), choosing ``key``; returns the council chosen."""
        with QSignalBlocker(self.own_box):
            self.own_box.clear()
            self.own_box.addItem("(none)", None)
            for council in councils:
                self.own_box.addItem(council, council)
            self.own_box.setCurrentIndex(max(self.own_box.findData(key), 0) if key else 0)
        return self.own_box.currentData()

    def fill_anchors(self, events: Mapping[str, Sequence[Event]]) -> None:
        """Offer the inadequate judgements and every kind of event in ``events``, keeping the choice."""
        kinds: dict[EventKind, None] = {}
        for evs in events.values():
            for e in evs:
                kinds.setdefault(e.kind, None)
        current = self.anchor
        with QSignalBlocker(self.anchor_box):
            self.anchor_box.clear()
            self.anchor_box.addItem("Latest inadequate judgement", INADEQUATE)
            self.anchor_box.addItem("First inadequate judgement", Anchor(which=Which.FIRST))
            for kind in sorted(kinds, key=lambda k: k.label):
                self.anchor_box.addItem(f"Latest {kind.label.lower()}", Anchor(kind, None, Which.LATEST))
                self.anchor_box.addItem(f"First {kind.label.lower()}", Anchor(kind, None, Which.FIRST))
            i = next((i for i in range(self.anchor_box.count()) if self.anchor_box.itemData(i) == current), 0)
            self.anchor_box.setCurrentIndex(i)

    def fill_metrics(self, indicators: Sequence[str], wanted: Sequence[str | None]) -> str | None:
        """Offer ``indicators``, choosing the first of ``wanted`` offered; returns the metric chosen."""
        with QSignalBlocker(self.metric_box):
            self.metric_box.clear()
            if not indicators:
                self.metric_box.addItem("(no DfE statistics)", None)
            for name in indicators:
                self.metric_box.addItem(name, name)
            for want in wanted:
                i = self.metric_box.findData(want) if want else -1
                if i >= 0:
                    self.metric_box.setCurrentIndex(i)
                    break
        return self.metric_box.currentData()


class JourneysTable(QTableWidget):
    """Time from inadequate to re-inspection, one row per council shown (yours in bold)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(ji.TABLE_COLUMNS), parent)
        self.setAccessibleName("Time from inadequate to re-inspection, by council")
        self.setHorizontalHeaderLabels(ji.TABLE_COLUMNS)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def show_journeys(self, journeys: Sequence[Journey], series: Mapping[str, MetricSeries],
                      own: str | None, anchor: Anchor) -> None:
        self.setHorizontalHeaderLabels(ji.table_columns(anchor))
        self.setRowCount(len(journeys))
        for r, j in enumerate(journeys):
            cells = ji.table_row(j, series.get(j.council))
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c == 0 and j.council == own:
                    f = item.font()
                    f.setBold(True)
                    item.setFont(f)
                if c == 4 and j.grade_reached is not None:
                    item.setBackground(style.grade_fill(j.grade_reached))
                if c == 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if c == 1 and j.anchor is not None:
                    item.setToolTip(f"{j.anchor.title}; fieldwork {j.anchor.when_label}")
                if c == 2 and j.reinspection is not None:
                    item.setToolTip(f"{j.reinspection.title}; fieldwork {j.reinspection.when_label}")
                self.setItem(r, c, item)


class JourneysResults(QSplitter):
    """What the journeys show: the chart above; the summary line, the table and the problems met in
    the files (behind a button) below."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.chart = JourneyPlot()
        self.chart_widget = pg.PlotWidget(background=style.BACKGROUND, plotItem=self.chart.plot)
        self.chart_widget.setAccessibleName("Journeys chart")
        self.chart_widget.setMinimumHeight(360)
        self.chart_widget.scene().sigMouseMoved.connect(self.chart.hover_at_scene)
        self.table = JourneysTable()
        self.summary_label = QLabel()
        self.summary_label.setAccessibleName("Summary")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bold = QFont(self.summary_label.font())
        bold.setBold(True)
        self.summary_label.setFont(bold)
        self.problems_button = QPushButton()
        self.problems_button.setAccessibleName("Show the problems met in the files")
        self.problems_button.setCheckable(True)
        self.problems_button.setVisible(False)
        self.problems_text = QPlainTextEdit()
        self.problems_text.setAccessibleName("Problems met in the files")
        self.problems_text.setReadOnly(True)
        self.problems_text.setVisible(False)
        self.problems_text.setMaximumHeight(140)
        lower = QWidget()
        lo = QVBoxLayout(lower)
        lo.setContentsMargins(0, 0, 0, 0)
        lo.addWidget(self.summary_label)
        lo.addWidget(self.table, 1)
        prow = QHBoxLayout()
        prow.addWidget(self.problems_button)
        prow.addStretch(1)
        lo.addLayout(prow)
        lo.addWidget(self.problems_text)
        self.addWidget(self.chart_widget)
        self.addWidget(lower)
        self.setStretchFactor(0, 3)
        self.setStretchFactor(1, 2)
        self.problems_button.toggled.connect(self.problems_text.setVisible)

    def show_problems(self, problems: Sequence[Problem]) -> None:
        """Offer the problems met in the files behind a button (none: no button)."""
        self.problems_button.setVisible(bool(problems))
        self.problems_button.setText(f"Problems met in the files ({len(problems)})")
        self.problems_text.setPlainText(problems_text(problems))
        if not problems:
            self.problems_button.setChecked(False)


def problems_text(problems: Sequence[Problem]) -> str:
    """The problems met in the files, one a line (the first ``MAX_PROBLEMS_SHOWN``, then how many more)."""
    lines = [p.describe() for p in problems[:MAX_PROBLEMS_SHOWN]]
    if len(problems) > MAX_PROBLEMS_SHOWN:
        lines.append(f"… and {len(problems) - MAX_PROBLEMS_SHOWN} more")
    return "\n".join(lines)
