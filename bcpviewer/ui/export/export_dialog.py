"""The export choices dialog (period, metrics, sections, sheets), what is remembered of it, and the
backend that draws packs (handed over by the CLI: ui and report are independent layers)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import Any, Protocol

from PySide6.QtCore import QDate, Qt, Slot
from PySide6.QtGui import QPagedPaintDevice, QPageLayout
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from bcpviewer.model.briefing import (
    ANALYSIS_KEYS,
    DEFAULT_TITLE,
    LANDSCAPE,
    PORTRAIT,
    SECTION_KEYS,
    SECTIONS,
    Briefing,
    BriefOptions,
    guess_council,
)
from bcpviewer.io.dates import parse_typed_date
from bcpviewer.model.cover import EMPTY_COVER, Cover
from bcpviewer.model.records import Dataset
from bcpviewer.model.spans import format_date
from bcpviewer.ui.export import pack_backend as _packs
from bcpviewer.ui.export.cover_fields import CoverFields
from bcpviewer.ui.shell.settings import ExportChoices

SUMMARY, PACK, PRINT = "summary", "pack", "print"
_TITLES = {SUMMARY: "Export summary", PACK: "Export briefing pack", PRINT: "Print briefing pack"}


class PackBackend(Protocol):
    """What draws a briefing pack (bcpviewer.report.output); the app's entry point provides it.

    The window cannot import the report package itself (ui and report are independent layers), so
    ``cli.main`` hands it over with ``set_pack_backend`` (bcpviewer.ui.export.pack_backend) before the window opens.
    """

    def report_dpi(self) -> int: ...

    def page_layout(self, orientation: str) -> QPageLayout: ...

    def render_pack(self, device: QPagedPaintDevice, briefing: Briefing, progress: Any = None) -> Any: ...

    def write_pdf(self, path: str, briefing: Briefing, progress: Any = None) -> Any: ...


def set_pack_backend(backend: PackBackend | Callable[[], PackBackend] | None) -> None:
    """Say what draws packs: the backend, or a function that imports it when first needed (start-up stays
    quick). None: Export briefing pack and Print are unavailable."""
    _packs.set_pack_backend(backend)


def pack_backend() -> PackBackend | None:
    return _packs.pack_backend()  # type: ignore[no-any-return]


_OFF = "no-"  # an analysis left out is remembered as "no-impact": one added later starts ticked


def wanted_sections(saved: Sequence[str] | None) -> set[str]:
    """The sections to tick, from the remembered choice (None: never chosen, so every one)."""
    if saved is None:
        return set(SECTION_KEYS)
    chosen = {k for k in saved if k in SECTION_KEYS and k not in ANALYSIS_KEYS}
    return chosen | {k for k in ANALYSIS_KEYS if _OFF + k not in saved}


def saved_sections(ticked: set[str]) -> tuple[str, ...]:
    """The remembered form of the ticked sections (see ``wanted_sections``)."""
    return tuple(k for k in SECTION_KEYS if k in ticked) + tuple(
        _OFF + k for k in ANALYSIS_KEYS if k not in ticked)


# -- the dialog ---------------------------------------------------------------------------------------------
def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


def _uk(iso: str) -> str:
    """A remembered ISO date as a UK reader types it ("14/01/2027"); "" when there is none."""
    day = parse_typed_date(iso)
    return f"{day:%d/%m/%Y}" if day else ""


Suggest = Callable[[BriefOptions, bool], tuple[str, ...]]  # (options, filtered) -> the data's key messages


def with_cover(choices: ExportChoices, cover: Cover) -> ExportChoices:
    """The app's last choices with the project's cover over them, when the project keeps one."""
    if cover.is_empty:
        return choices
    return replace(choices, title=cover.title, council=cover.council, author=cover.author, meeting=cover.meeting,
                   meeting_date=cover.meeting_date.isoformat() if cover.meeting_date else "",
                   purpose=cover.purpose, recommendation=cover.recommendation)


class ExportDialog(QDialog):
    """Choose the period, metrics, sections, title and page orientation; starts from the last choices."""

    def __init__(self, parent: QWidget | None, mode: str, dataset: Dataset, choices: ExportChoices, *,
                 charted: Sequence[str] = (), filter_active: bool = False, shown: str = "",
                 available: Mapping[str, bool] | None = None, suggest: Suggest | None = None,
                 as_of: date | None = None, cover: Cover = EMPTY_COVER) -> None:
        super().__init__(parent)
        choices = with_cover(choices, cover)  # the project's cover first: it is this work's
        self._choices = choices
        self._cover = cover
        self.mode = mode
        self.dataset = dataset
        self.available = dict(available) if available is not None else {k: True for k in ANALYSIS_KEYS}
        self._wanted = wanted_sections(choices.sections)
        self.setWindowTitle(_TITLES[mode])
        span = dataset.span()
        self._first = span.start if span else date.today()
        self._last = span.end if span else date.today()
        form = QFormLayout()
        self.title_edit = QLineEdit(choices.title or DEFAULT_TITLE)
        self.title_edit.setAccessibleName("Title")
        form.addRow("&Title:", self.title_edit)
        self.council_edit = QLineEdit(choices.council)
        self.council_edit.setPlaceholderText(guess_council(dataset) or "the council's name")
        self.council_edit.setAccessibleName("Council")
        form.addRow("&Council:", self.council_edit)
        self.author_edit = QLineEdit(choices.author)
        self.author_edit.setAccessibleName("Prepared by")
        form.addRow("&Prepared by:", self.author_edit)
        self.from_edit = self._date_edit(parse_typed_date(choices.start) or self._first, "Period from")
        self.to_edit = self._date_edit(parse_typed_date(choices.end) or self._last, "Period to")
        whole = QPushButton("&Whole period")
        whole.setToolTip(f"From {format_date(self._first)} to {format_date(self._last)}: "
                         "every date in the data")
        whole.clicked.connect(self._on_whole_period)
        row = QHBoxLayout()
        for w in (self.from_edit, QLabel("to"), self.to_edit, whole):
            row.addWidget(w)
        row.addStretch(1)
        period = QLabel("Per&iod:")
        period.setBuddy(self.from_edit)  # a row that is a layout gets no buddy from the form: say it here
        form.addRow(period, row)
        self.filter_check = QCheckBox(f"Only the actions and events the current filter shows{shown}")
        self.filter_check.setChecked(choices.filtered and filter_active)
        self.filter_check.setEnabled(filter_active)
        form.addRow("", self.filter_check)
        outer = QHBoxLayout(self)
        box = QVBoxLayout()
        outer.addLayout(box, 3)
        self.cover: CoverFields | None = None
        if mode != SUMMARY:  # the pack's cover, beside the other choices: the dialog fits a laptop
            day = as_of or date.today()
            self.cover = CoverFields(
                self, meeting=choices.meeting, meeting_date=_uk(choices.meeting_date),
                purpose=choices.purpose, recommendation=choices.recommendation, key_messages=cover.key_messages,
                suggest=(lambda: suggest(replace(self.options(day), key_messages=None),
                                         self.filter_check.isChecked())) if suggest is not None else None)
            outer.addWidget(self.cover, 2)
        box.addLayout(form)
        box.addWidget(self._metrics_box(choices, charted))
        self.section_checks: dict[str, QCheckBox] = {}
        self.portrait = QRadioButton("P&ortrait")
        self.landscape = QRadioButton("&Landscape")
        if mode != SUMMARY:
            box.addWidget(self._sections_box(choices))
        else:
            box.addWidget(self._sheets_box())
        box.addWidget(QLabel("Private notes are never exported."))
        std = QDialogButtonBox.StandardButton
        buttons = QDialogButtonBox(std.Ok | std.Cancel)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText({SUMMARY: "Export…", PACK: "Export…", PRINT: "Preview…"}[mode])
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box.addWidget(buttons)

    def _date_edit(self, value: date, name: str) -> QDateEdit:
        edit = QDateEdit(_qdate(value))
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("d MMM yyyy")
        edit.setAccessibleName(name)
        return edit

    def _metrics_box(self, choices: ExportChoices, charted: Sequence[str]) -> QGroupBox:
        group = QGroupBox("&Metrics")
        self.metrics_list = QListWidget()
        self.metrics_list.setAccessibleName("Metrics to include")
        names = [s.name for s in self.dataset.series]
        wanted = set(choices.metrics) & set(names) if choices.metrics is not None else set()
        if not wanted:
            wanted = set(charted) & set(names) or set(names)
        for name in names:
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if name in wanted else Qt.CheckState.Unchecked)
            self.metrics_list.addItem(item)
        every = QPushButton("All")
        every.clicked.connect(lambda: self._check_all(True))
        none = QPushButton("None")
        none.clicked.connect(lambda: self._check_all(False))
        side = QVBoxLayout()
        side.addWidget(every)
        side.addWidget(none)
        side.addStretch(1)
        row = QHBoxLayout(group)
        row.addWidget(self.metrics_list, 1)
        row.addLayout(side)
        if not names:
            self.metrics_list.addItem("No metrics in the data")
            group.setEnabled(False)
        return group

    def _sections_box(self, choices: ExportChoices) -> QGroupBox:
        group = QGroupBox("&Sections and pages")
        lay = QVBoxLayout(group)
        columns = QHBoxLayout()
        for title, keys in (("Pages", [k for k in SECTION_KEYS if k not in ANALYSIS_KEYS]),
                            ("Analyses", list(ANALYSIS_KEYS))):  # side by side: the dialog fits a laptop
            column = QVBoxLayout()
            column.addWidget(QLabel(f"<b>{title}</b>"))
            for key in keys:
                column.addWidget(self._section_check(key, dict(SECTIONS)[key]))
            column.addStretch(1)
            columns.addLayout(column)
        lay.addLayout(columns)
        lay.addWidget(QLabel("The cover and the list of sources are always included."))
        turn = QHBoxLayout()
        turn.addWidget(QLabel("A4 page:"))
        self._orientation = QButtonGroup(self)
        for button in (self.portrait, self.landscape):
            self._orientation.addButton(button)
            turn.addWidget(button)
        turn.addStretch(1)
        (self.landscape if choices.orientation == LANDSCAPE else self.portrait).setChecked(True)
        lay.addLayout(turn)
        return group

    def _section_check(self, key: str, label: str) -> QCheckBox:
        check = QCheckBox(label)
        check.setAccessibleName(label)
        check.setChecked(key in self._wanted)
        if key in ANALYSIS_KEYS and not self.available.get(key, True):
            check.setEnabled(False)
            check.setText(f"{label} (nothing to show)")
            check.setToolTip(_NOTHING[key])
        self.section_checks[key] = check
        return check

    def _sheets_box(self) -> QGroupBox:
        """A summary has sheets, not pages: only the analyses can be left out."""
        group = QGroupBox("&Analysis sheets")
        lay = QVBoxLayout(group)
        titles = dict(SECTIONS)
        for key in ANALYSIS_KEYS:
            lay.addWidget(self._section_check(key, titles[key]))
        return group

    def _check_all(self, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        for i in range(self.metrics_list.count()):
            self.metrics_list.item(i).setCheckState(state)

    @Slot()
    def _on_whole_period(self) -> None:
        self.from_edit.setDate(_qdate(self._first))
        self.to_edit.setDate(_qdate(self._last))

    # -- reading the choices ---------------------------------------------------------------------------
    def metrics(self) -> tuple[str, ...] | None:
        """The ticked metrics (None: every one)."""
        if not self.dataset.series:
            return None
        items = [self.metrics_list.item(i) for i in range(self.metrics_list.count())]
        ticked = tuple(i.text() for i in items if i.checkState() == Qt.CheckState.Checked)
        return None if len(ticked) == len(items) else ticked

    def period(self) -> tuple[date | None, date | None]:
        """(start, end); None for an end of the data, so the choice follows the data when it grows."""
        a, b = sorted((_pydate(self.from_edit.date()), _pydate(self.to_edit.date())))
        return (None if a <= self._first else a), (None if b >= self._last else b)

    def options(self, as_of: date) -> BriefOptions:
        start, end = self.period()
        return BriefOptions(
            title=self.title_edit.text().strip() or DEFAULT_TITLE, council=self.council_edit.text().strip(),
            author=self.author_edit.text().strip(), start=start, end=end, as_of=as_of, metrics=self.metrics(),
            sections=frozenset(self._ticked()),
            orientation=LANDSCAPE if self.landscape.isChecked() else PORTRAIT,
            **self._cover_options(),
        )

    def _cover_options(self) -> dict[str, Any]:
        """The cover's fields: as typed in a pack's dialog; a summary keeps the last pack's."""
        if self.cover is not None:
            return self.cover.options()
        c = self._choices
        return {"meeting": c.meeting, "meeting_date": parse_typed_date(c.meeting_date), "purpose": c.purpose,
                "recommendation": c.recommendation}

    def cover_choice(self) -> Cover:
        """The cover as the project keeps it: what was typed ("" for the default title); a summary's dialog
        changes only the title, council and author of the project's cover."""
        title = self.title_edit.text().strip()
        typed = {"title": "" if title == DEFAULT_TITLE else title, "council": self.council_edit.text().strip(),
                 "author": self.author_edit.text().strip()}
        if self.cover is None:
            return replace(self._cover, **typed)
        o = self.cover.options()
        return Cover(**typed, meeting=str(o["meeting"]), meeting_date=o["meeting_date"],  # type: ignore[arg-type]
                     purpose=str(o["purpose"]), recommendation=str(o["recommendation"]),
                     key_messages=self.cover.key_messages() or ())

    def _ticked(self) -> set[str]:
        """The ticked sections; a summary keeps the pack's choice of the sections it does not show."""
        shown = {k for k, c in self.section_checks.items() if c.isChecked()}
        if self.mode != SUMMARY:
            return shown
        return {k for k in SECTION_KEYS if k not in ANALYSIS_KEYS} | shown

    def choices(self, previous: ExportChoices) -> ExportChoices:
        start, end = self.period()
        metrics = self.metrics()
        return ExportChoices(
            title=self.title_edit.text().strip(), council=self.council_edit.text().strip(),
            author=self.author_edit.text().strip(), start=start.isoformat() if start else "",
            end=end.isoformat() if end else "",
            orientation=(LANDSCAPE if self.landscape.isChecked() else PORTRAIT) if self.mode != SUMMARY
            else previous.orientation,
            sections=saved_sections(self._ticked() if self.mode != SUMMARY else
                                    (wanted_sections(previous.sections) - set(ANALYSIS_KEYS))
                                    | {k for k, c in self.section_checks.items() if c.isChecked()}),
            metrics=metrics if metrics is not None else None,
            filtered=self.filter_check.isChecked() if self.filter_check.isEnabled() else previous.filtered,
            folder=previous.folder,
            **(self.cover.remembered() if self.cover is not None else {
                "meeting": previous.meeting, "meeting_date": previous.meeting_date, "purpose": previous.purpose,
                "recommendation": previous.recommendation}),
        )


_NOTHING = {
    "impact": "No action names a metric that is loaded, and none is linked to one in the app.",
    "targets": "No metric has a target, in the workbook or entered in the app.",
    "versions": "Nothing to compare: use Analysis › Compare plan versions first.",
    "journeys": "No journeys: open Analysis › Journeys across councils first.",
    "disagreements": "No two sources in the data disagree.",
}


# -- the commands -----------------------------------------------------------------------------------------
__all__ = ["ExportDialog", "PackBackend", "pack_backend", "set_pack_backend"]
