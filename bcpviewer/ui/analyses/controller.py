"""The analyses controller: the Analysis menu, its panels, the action's metric view under Details, plan
versions with ghosts on the timeline, and the Journeys window. It follows the session.

Each analysis is a pure model function (bcpviewer.model.impact / targets / versions /
disagreements / journeys); this controller recomputes them when the data or the user's links and
targets change, and hands the results to the panels.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMenu, QSplitter, QWidget

from bcpviewer.model.disagreements import Disagreement, find_disagreements, for_key
from bcpviewer.model.impact import ImpactCheck, check_action, check_impact, resolve_metric
from bcpviewer.model.keys import ACTION, split_key
from bcpviewer.model.records import Action, Dataset, Target
from bcpviewer.model.targets import TargetCheck, check_targets
from bcpviewer.model.versions import PlanComparison
from bcpviewer.ui.charts.action_metric_view import ActionMetricView
from bcpviewer.ui.analyses.disagreements_panel import DisagreementsPanel
from bcpviewer.ui.analyses.impact_panel import ImpactPanel
from bcpviewer.ui.analyses.metric_link_dialog import MetricLinkDialog
from bcpviewer.ui.analyses.plan_versions import PlanVersionsController
from bcpviewer.ui.analyses.plan_versions_panel import PlanVersionsPanel
from bcpviewer.ui.analyses.target_dialog import TargetDialog
from bcpviewer.ui.analyses.targets_panel import TargetsPanel
from bcpviewer.ui.jobs import BIG, Latest, pace
from bcpviewer.ui.project.editing import Editor
from bcpviewer.ui.session import Session

if TYPE_CHECKING:
    from collections.abc import Callable

    from bcpviewer.model.journeys import Journey
    from bcpviewer.ui.analyses.journeys_window import JourneysWindow
    from bcpviewer.ui.items.details import DetailsView
    from bcpviewer.ui.shell.docks import DockHost
    from bcpviewer.ui.timeline.timeline_view import TimelineView

OFSTED_HINTS = ("ofsted", "ilacs", "inspection", "outcome")
DFE_HINTS = ("csww", "cla_", "cla-", "cin_", "dfe", "workforce", "looked_after", "rate_per")


class AnalysisController(QObject):
    """Owns the analysis panels and keeps them in step with the session's data, links and targets."""

    DOCKS = (("impact_dock", "Progress vs impact"), ("targets_dock", "Targets"),
             ("versions_dock", "Plan versions"), ("disagreements_dock", "Sources differ"))

    def __init__(self, session: Session, editor: Editor, host: DockHost, timeline: TimelineView,
                 details: DetailsView, parent: QWidget, *, show_metric: Callable[[str], None],
                 council_hint: Callable[[], str | None] = lambda: None) -> None:
        super().__init__(parent)
        self.session, self.editor, self.host, self.details = session, editor, host, details
        self.parent_widget = parent  # the dialogs and the Journeys window are shown over it
        self._show_metric_named = show_metric
        self.council_hint = council_hint  # the council the open official files are read for, if chosen
        self._dataset = Dataset()
        self._impact: list[ImpactCheck] = []
        self._targets: list[TargetCheck] = []
        self._worker = Latest("checking progress against the metrics", self)
        self._worker.done.connect(lambda checks: self._show_checks(*checks))
        self._disagreements: list[Disagreement] = []
        self._comparer = Latest("comparing the sources", self)  # a big dataset's disagreements
        self._comparer.done.connect(self._show_disagreements)
        self._journeys_window: JourneysWindow | None = None
        self.impact_panel = ImpactPanel()
        self.targets_panel = TargetsPanel()
        self.versions_panel = PlanVersionsPanel()
        self.disagreements_panel = DisagreementsPanel()
        self.versions = PlanVersionsController(self)
        self.metric_view = ActionMetricView()
        self.metric_view.setObjectName("action_metric_view")
        self.metric_view.setVisible(False)
        # Details: the item's page above, its metric's chart below (actions only)
        self.details_split = QSplitter(Qt.Orientation.Vertical)
        self.details_split.setObjectName("details_split")
        self.details_split.setChildrenCollapsible(False)
        self.details_split.addWidget(details)
        self.details_split.addWidget(self.metric_view)
        self.details_split.setStretchFactor(0, 3)
        self.details_split.setStretchFactor(1, 0)
        host.dock("details_dock").setWidget(self.details_split)
        panels = (self.impact_panel, self.targets_panel, self.versions_panel, self.disagreements_panel)
        self.docks = [host.add_dock(name, title, panel, "bottom", tab_with="items_dock")
                      for (name, title), panel in zip(self.DOCKS, panels, strict=True)]
        self._connect(timeline)

    # -- menu ------------------------------------------------------------------------------------
    def install_menu(self, menu: QMenu) -> QMenu:
        """Fill the Analysis menu (the window's frame made it, empty)."""
        menu.clear()

        def add(text: str, tip: str, slot: Any, shortcut: str | None = None) -> QAction:
            act = QAction(text, self.parent_widget)
            act.setStatusTip(tip)
            act.setToolTip(tip)
            if shortcut:
                act.setShortcut(QKeySequence(shortcut))
            act.triggered.connect(slot)
            menu.addAction(act)
            return act

        self.impact_action = add("&Progress vs impact", "Actions rated Green or Complete whose metric "
                                 "got worse, and those whose metric improved",
                                 lambda: self.host.show_dock("impact_dock"), "Ctrl+Shift+I")
        self.targets_action = add("&Targets", "Each target: met, missed or not yet due, and by how much",
                                  lambda: self.host.show_dock("targets_dock"), "Ctrl+Shift+T")
        self.compare_action = add("&Compare plan versions…", "Open an older version of the tracker "
                                  "to see what was added, dropped, re-dated, re-owned and re-rated",
                                  self.compare_versions)
        self.journeys_action = add("&Journeys across councils…", "Line councils up on the months "
                                   "since their inadequate judgement and compare a metric",
                                   self.open_journeys, "Ctrl+Shift+J")
        self.disagreements_action = add("Where sources &disagree", "Events and figures that two "
                                        "sources give differently, side by side",
                                        lambda: self.host.show_dock("disagreements_dock"))
        menu.addSeparator()
        self.link_action = add("&Link selected action to a metric…", "Choose the metric the "
                               "selected action should move", self.link_selected, "Ctrl+L")
        self.add_target_action = add("&Add a target…", "Enter a target value and date for a metric",
                                     self.add_target)
        self.menu = menu
        self._update_actions()
        return menu

    # -- wiring ------------------------------------------------------------------------------------
    def _connect(self, timeline: TimelineView) -> None:
        s = self.session
        self.impact_panel.item_selected.connect(self._select)
        self.impact_panel.link_requested.connect(self.link_metric)
        self.targets_panel.add_requested.connect(self.add_target)
        self.targets_panel.edit_requested.connect(self.edit_target)
        self.targets_panel.remove_requested.connect(self.remove_target)
        self.targets_panel.metric_selected.connect(self._show_metric)
        self.versions_panel.item_selected.connect(self._select)
        self.versions.attach(self.versions_panel, timeline, lambda: self.parent_widget)
        self.versions.comparison_changed.connect(self._on_comparison)
        self.versions.message.connect(lambda text: s.tell(text))
        self.versions.failed.connect(lambda text: s.tell(text, 12000))
        self.disagreements_panel.item_selected.connect(self._select)
        self.metric_view.link_requested.connect(self.link_metric)
        s.edits_changed.connect(self._on_edits_changed)
        s.dataset_changed.connect(self.set_dataset)
        s.selection_changed.connect(lambda key: self.show_item(key or None))

    @Slot(str)
    def _select(self, key: str) -> None:
        if not key:
            return
        kind, _rid = key.partition(":")[::2]
        if kind == "metric":
            self._show_metric(key.partition(":")[2])
            return
        self.session.select(key)

    @Slot(str)
    def _show_metric(self, series_id: str) -> None:
        s = next((s for s in self._dataset.series if s.id == series_id), None)
        if s is None:
            return
        self._show_metric_named(s.name)

    # -- data --------------------------------------------------------------------------------------
    @property
    def today(self) -> date:
        return self.session.as_of

    def set_dataset(self, dataset: Dataset) -> None:
        self._dataset = dataset
        if dataset.observation_count < BIG:
            self._comparer.supersede()
            self._show_disagreements(find_disagreements(dataset))
        else:  # none meanwhile, never the old data's
            self._show_disagreements([])
            self._comparer.run(lambda: find_disagreements(dataset))
        self.versions.set_current(dataset)
        self._recompute()

    def _show_disagreements(self, found: list[Disagreement]) -> None:
        self._disagreements = found
        self.disagreements_panel.set_disagreements(found, self._dataset.source_by_id())
        self.details_disagreements()

    def details_disagreements(self) -> None:
        self.details.set_disagreements(self._disagreements, self._dataset.source_by_id())

    def _recompute(self) -> None:
        """Check progress against the metrics and targets (a big dataset's in the background)."""
        data, today = self._dataset, self.today
        links, targets = self.session.metric_links, self.session.user_targets

        def work() -> tuple[list[ImpactCheck], list[TargetCheck], date]:
            impact = check_impact(data.actions, data.series, today, links, pace=pace)
            return impact, check_targets(data.series, today, targets, pace=pace), today

        if data.observation_count < BIG:
            self._worker.supersede()
            self._show_checks(*work())
            return
        self._show_checks([], [], today)  # never the checks of other data or edits meanwhile
        impact_model, targets_model = self.impact_panel.model, self.targets_panel.model

        def work_and_texts() -> tuple[object, ...]:  # the tables' texts too (they are empty meanwhile)
            impact, checks, when = work()
            return impact, checks, when, impact_model.texts_for(impact), targets_model.texts_for(checks)

        self._worker.run(work_and_texts)

    @property
    def checking(self) -> bool:
        """The checks (and disagreements) of a big dataset are still being worked out."""
        return self._worker.busy or self._comparer.busy

    def _show_checks(self, impact: list[ImpactCheck], targets: list[TargetCheck], today: date,
                     impact_texts: list[list[str]] | None = None,
                     target_texts: list[list[str]] | None = None) -> None:
        self._impact, self._targets = impact, targets
        self.impact_panel.set_checks(self._impact, today, impact_texts)
        self.targets_panel.set_checks(self._targets, target_texts)
        self._update_actions()

    @Slot(object)
    def _on_edits_changed(self, _edits: object) -> None:
        self._recompute()
        self.show_item(self.session.selected)

    def _update_actions(self) -> None:
        if not hasattr(self, "menu"):
            return
        has_actions = bool(self._dataset.actions)
        self.link_action.setEnabled(has_actions and bool(self._dataset.series))
        self.add_target_action.setEnabled(bool(self._dataset.series))
        self.compare_action.setEnabled(has_actions)

    @property
    def impact_checks(self) -> list[ImpactCheck]:
        return list(self._impact)

    @property
    def target_checks(self) -> list[TargetCheck]:
        return list(self._targets)

    @property
    def disagreements(self) -> list[Disagreement]:
        return list(self._disagreements)

    # -- details -----------------------------------------------------------------------------------
    def show_item(self, key: str | None) -> None:
        """Update the metric view under Details for the selected item."""
        action = self._action(key)
        self.impact_panel.select(key)
        if action is None:
            self.metric_view.show_action(None, None, None)
            self.metric_view.setVisible(False)
            return
        link = self.session.metric_links.get(key or "")
        check = check_action(action, self._dataset.series, self.today, link)
        series = check.series if check is not None else resolve_metric(action.metric, self._dataset.series)
        if series is not None:
            series = self.session.charted_series([series])[0]
        self.metric_view.show_action(action, check, series, self._dataset.events)
        self.metric_view.setVisible(True)

    def _action(self, key: str | None) -> Action | None:
        if not key:
            return None
        try:
            kind, rid = split_key(key)
        except ValueError:
            return None
        if kind != ACTION:
            return None
        return next((a for a in reversed(self._dataset.actions) if a.id == rid), None)

    def disagreements_for(self, key: str) -> list[Disagreement]:
        return for_key(self._disagreements, key)

    # -- links and targets -------------------------------------------------------------------------
    @Slot()
    def link_selected(self) -> None:
        key = self.session.selected or ""
        if self._action(key) is None:
            self.session.tell("Select an action first, then link it to a metric.")
            return
        self.link_metric(key)

    @Slot(str)
    def link_metric(self, key: str) -> None:
        action = self._action(key)
        if action is None or not self._dataset.series:
            self.session.tell("Open a workbook with metrics to link an action to one.")
            return
        current = self.session.metric_links.get(key)
        if current is None:
            found = resolve_metric(action.metric, self._dataset.series)
            current = found.id if found else None
        dialog = MetricLinkDialog(self._dataset.series, current, action, self.parent_widget)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        chosen = dialog.chosen_id()
        if chosen != self.session.metric_links.get(key, current):
            name = next((s.name for s in self._dataset.series if s.id == chosen), "")
            self.editor.link_metric(key, chosen, name=name)

    @Slot()
    def add_target(self) -> None:
        if not self._dataset.series:
            self.session.tell("Open a workbook with metrics to add a target.")
            return
        dialog = TargetDialog(self._dataset.series, self.parent_widget, today=self.today)
        if dialog.exec() == QDialog.DialogCode.Accepted and (result := dialog.result_target()):
            self.editor.add_target(*result)

    @Slot(str, object)
    def edit_target(self, series_id: str, target: Target) -> None:
        dialog = TargetDialog(self._dataset.series, self.parent_widget, series_id=series_id, target=target,
                              today=self.today)
        if dialog.exec() == QDialog.DialogCode.Accepted and (result := dialog.result_target()):
            new_id, new = result
            self.editor.change_target(series_id, target, new, to_series=new_id)

    @Slot(str, object)
    def remove_target(self, series_id: str, target: Target) -> None:
        self.editor.remove_target(series_id, target)

    # -- plan versions -----------------------------------------------------------------------------
    @Slot()
    def compare_versions(self) -> None:
        self.host.show_dock("versions_dock")
        self.versions.choose(self.parent_widget)

    @property
    def comparison(self) -> PlanComparison | None:
        return self.versions.comparison

    @Slot(object)
    def _on_comparison(self, cmp: PlanComparison | None) -> None:
        self.session.set_comparison(cmp)
        if cmp is not None:
            self.host.show_dock("versions_dock")

    def shutdown(self) -> None:
        """Stop reading another version or the journeys' files (the window is closing)."""
        self.versions.cancel()
        self.versions.wait()
        if self._journeys_window is not None:
            self._journeys_window.shutdown()
            self._journeys_window.close()

    # -- journeys ------------------------------------------------------------------------------------
    @Slot()
    def open_journeys(self) -> None:
        from bcpviewer.ui.analyses.journeys_window import JourneysWindow  # loaded when first asked for

        if self._journeys_window is None:
            ofsted, dfe = guess_official_files(self.session.sources)
            self._journeys_window = JourneysWindow(
                self.parent_widget, ofsted_path=ofsted, dfe_paths=dfe, council=self.council_hint(),
                today=self.session.today)
        self._journeys_window.show()
        self._journeys_window.raise_()
        self._journeys_window.activateWindow()

    def journeys_for_pack(self) -> tuple[list[Journey], str, str, str, str]:
        """The journeys shown in the Journeys window for a briefing: journeys, metric, unit, anchor
        label and the council drawn bold (all empty when the window was never opened)."""
        win = self._journeys_window
        if win is None:
            return [], "", "", "", ""
        anchor = win.anchor.label if win.anchor is not None else ""
        return (win.current_journeys(), win.metric_name or "", win.unit or "", anchor,
                win.own_council or "")


def guess_official_files(paths: Sequence[str]) -> tuple[str | None, tuple[str, ...]]:
    """Which open files look like an Ofsted outcomes table and DfE statistics (by name)."""
    ofsted = None
    dfe: list[str] = []
    for p in paths:
        name = Path(p).name.casefold()
        if not Path(p).exists():
            continue
        if ofsted is None and any(h in name for h in OFSTED_HINTS):
            ofsted = p
        elif name.endswith(".csv") and any(h in name for h in DFE_HINTS):
            dfe.append(p)
    return ofsted, tuple(dfe)
