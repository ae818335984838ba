"""Metric links and targets made in the app: the pure edits, the project file (v2, migrating v1), the undo
commands (random edit sequences undo and redo exactly), the controller, and the metric link dialog."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox, QWidget

from bcpviewer.io.loader import load_file
from bcpviewer.io.project import load_project, save_project
from bcpviewer.model import project as pm
from bcpviewer.model import user_edits as ue
from bcpviewer.model.impact import check_impact
from bcpviewer.model.project import Project, ProjectFormatError, from_dict, to_dict
from bcpviewer.model.records import Action, MetricSeries, Target
from bcpviewer.model.targets import check_targets
from bcpviewer.model.user_edits import EMPTY_EDITS, UserEdits
from bcpviewer.model.vocab import Polarity
from bcpviewer.ui.project.commands import AddTarget, ChangeTarget, LinkMetric, RemoveTarget
from bcpviewer.ui.analyses.metric_link_dialog import MetricLinkDialog
from bcpviewer.ui.project.controller import ProjectController
from bcpviewer.ui.project.editing import Editor
from bcpviewer.ui.session import Session
from bcpviewer.ui.shell.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "samples" / "bcp-childrens-services.xlsx"
AS_OF = date(2026, 11, 23)
T20 = Target(20.0, date(2025, 3, 31), "Below 20% by March 2025")
T15 = Target(15.0, date(2027, 3, 31))
T0 = Target(0.0)


# -- the pure edits ------------------------------------------------------------------------------------------
def test_links_are_made_changed_and_removed_without_touching_the_old_value():
    one = ue.link(EMPTY_EDITS, "action:A6.05", "M-agency")
    two = ue.link(one, "action:A6.05", "M-vacancy")
    assert EMPTY_EDITS.metric_links == {} and one.link_of("action:A6.05") == "M-agency"
    assert two.metric_links == {"action:A6.05": "M-vacancy"}
    assert ue.link(two, "action:A6.05", None) == EMPTY_EDITS
    assert ue.link(EMPTY_EDITS, "action:A1", None) == EMPTY_EDITS  # removing no link is no change
    for bad in ("event:E07", "A6.05", "action:"):
        with pytest.raises(ValueError):
            ue.link(EMPTY_EDITS, bad, "M-agency")
    with pytest.raises(ValueError):
        ue.link(EMPTY_EDITS, "action:A1", "  ")
    with pytest.raises(TypeError):
        one.metric_links["action:A2"] = "x"  # type: ignore[index]


def test_targets_are_added_in_order_changed_in_place_and_removed():
    e = ue.add_target(ue.add_target(EMPTY_EDITS, "M-agency", T20), "M-agency", T15)
    assert e.targets_of("M-agency") == (T20, T15) and e.target_count == 2
    assert ue.add_target(e, "M-agency", T0, index=0).targets_of("M-agency") == (T0, T20, T15)
    changed = ue.change_target(e, "M-agency", T20, T0)
    assert changed.targets_of("M-agency") == (T0, T15)
    removed = ue.remove_target(ue.remove_target(e, "M-agency", T20), "M-agency", T15)
    assert removed == EMPTY_EDITS and "M-agency" not in removed.targets  # no empty entries kept
    with pytest.raises(ValueError, match="already has"):
        ue.add_target(e, "M-agency", T15)
    with pytest.raises(ValueError, match="already has"):
        ue.change_target(e, "M-agency", T20, T15)
    with pytest.raises(KeyError):
        ue.remove_target(e, "M-vacancy", T20)
    for bad in (float("nan"), float("inf"), True, 10 ** 400):
        with pytest.raises(ValueError, match="finite number"):
            ue.add_target(EMPTY_EDITS, "M-agency", Target(bad))  # type: ignore[arg-type]


def test_user_edits_compare_and_hash_by_value():
    a = UserEdits({"action:A1": "M"}, {"M": [T20]})
    b = UserEdits({"action:A1": "M"}, {"M": (T20,), "N": ()})
    assert a == b and hash(a) == hash(b) and a.targets["M"] == (T20,)
    assert EMPTY_EDITS.is_empty and not a.is_empty


def test_links_and_targets_feed_the_checks():
    agency = MetricSeries("M-agency", "Agency social worker rate", "% of FTE", Polarity.LOWER_IS_BETTER,
                          targets=(Target(25.0, date(2024, 3, 31)),))
    action = Action("A9", "Recruit permanent staff", start=date(2022, 1, 1))
    e = ue.add_target(ue.link(EMPTY_EDITS, "action:A9", "M-agency"), "M-agency", T15)
    (check,) = check_impact([action], [agency], AS_OF, e.metric_links)
    assert check.linked_in_app and check.series is agency
    assert [c.entered_in_app for c in check_targets([agency], AS_OF, e.targets)] == [False, True]


# -- the project file ----------------------------------------------------------------------------------------
def edited_project() -> Project:
    edits = ue.link(EMPTY_EDITS, "action:A6.05", "M-b012fab088")
    edits = ue.link(edits, "action:A1.01", "M-ad0cdc03a2")
    for sid, t in (("M-ad0cdc03a2", T20), ("M-ad0cdc03a2", T15), ("M-3ef8cbc1e4", T0)):
        edits = ue.add_target(edits, sid, t)
    return Project(metrics=("Agency social worker rate",), edits=edits)


def test_links_and_targets_round_trip_through_json_and_a_file(tmp_path):
    p = edited_project()
    data = json.loads(json.dumps(to_dict(p)))
    assert data["schema_version"] == pm.SCHEMA_VERSION == 3
    assert data["metric_links"] == {"action:A1.01": "M-ad0cdc03a2", "action:A6.05": "M-b012fab088"}
    assert data["metric_targets"]["M-ad0cdc03a2"][0] == {
        "value": 20.0, "due": "2025-03-31", "label": "Below 20% by March 2025"}
    assert data["metric_targets"]["M-3ef8cbc1e4"] == [{"value": 0.0, "due": None, "label": ""}]
    again = from_dict(data)
    assert again == p and again.edits.targets_of("M-ad0cdc03a2") == (T20, T15)  # order kept
    save_project(tmp_path / "review.bcpv", p)
    assert load_project(tmp_path / "review.bcpv").edits == p.edits


def test_a_version_1_file_opens_with_no_edits():
    v1 = {"format": "bcpviewer-project", "schema_version": 1, "sources": [], "annotations": [],
          "metrics": ["Vacancy rate"], "view_range": None, "briefing_settings": {"title": "O&S"}}
    p = from_dict(v1)
    assert p.edits == EMPTY_EDITS and p.metrics == ("Vacancy rate",)
    assert p.extra == {"briefing_settings": {"title": "O&S"}}  # other tools' keys still kept
    assert to_dict(p)["schema_version"] == 3


@pytest.mark.parametrize("change, why", [
    ({"metric_links": ["action:A1"]}, "'metric_links' should be"),
    ({"metric_links": {"action:A1": 7}}, "is not a metric id"),
    ({"metric_links": {"event:E07": "M-x"}}, "is not an action"),
    ({"metric_targets": {"M-x": {"value": 1}}}, "should be a list"),
    ({"metric_targets": {"M-x": [{"value": "twenty"}]}}, "is not a number"),
    ({"metric_targets": {"M-x": [{"value": True}]}}, "is not a number"),
    ({"metric_targets": {"M-x": [{"value": 1e999}]}}, "is not a number"),
    ({"metric_targets": {"M-x": [{"value": 10 ** 400}]}}, "is not a number"),
    ({"metric_targets": {"M-x": [{"value": 20, "due": "31/03/2025"}]}}, "is not a date"),
    ({"metric_targets": {"M-x": [{"value": 20, "due": 2025}]}}, "is not a date"),
    ({"metric_targets": {"M-x": [{"value": 20, "label": ["x"]}]}}, "is not text"),
    ({"metric_targets": {"M-x": ["20%"]}}, "should have a value"),
])
def test_bad_links_and_targets_are_refused_in_one_sentence(change, why):
    data = to_dict(Project()) | change
    with pytest.raises(ProjectFormatError, match=why) as info:
        from_dict(data)
    message = str(info.value)
    assert message.startswith("The project file is damaged") and message.endswith(").")
    assert message.count(". ") == 0 and "\n" not in message and "Traceback" not in message


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=12), inner, max_size=3),
    max_leaves=10)
TARGET_DICTS = st.fixed_dictionaries({}, optional={"value": JSON | st.floats(), "due": JSON | st.dates().map(
    date.isoformat), "label": JSON})


@settings(max_examples=200, deadline=None)
@given(links=JSON | st.dictionaries(st.text(max_size=12) | st.sampled_from(["action:A1", "event:E7"]),
                                    JSON | st.just("M-agency"), max_size=3),
       targets=JSON | st.dictionaries(st.just("M-agency") | st.text(max_size=5),
                                      st.lists(TARGET_DICTS | JSON, max_size=3), max_size=3))
def test_any_json_in_the_edits_reads_or_is_refused_in_one_sentence(links, targets):
    data = to_dict(Project()) | {"metric_links": links, "metric_targets": targets}
    try:
        p = from_dict(json.loads(json.dumps(data)))
    except ProjectFormatError as exc:
        assert "\n" not in str(exc) and str(exc).endswith(".")
        return
    again = from_dict(json.loads(json.dumps(to_dict(p))))
    assert again.edits == p.edits  # whatever was read saves and reads back the same


def test_a_repeated_target_in_a_hand_edited_file_is_read_once():
    data = to_dict(Project()) | {"metric_targets": {"M-x": [{"value": 20}, {"value": 20.0}]}}
    assert from_dict(data).edits.targets_of("M-x") == (Target(20.0),)


# -- undo commands: random edit sequences undo and redo exactly ---------------------------------------------
class Holder:
    """Whoever owns the edits, as the commands see the ProjectController."""

    def __init__(self, edits: UserEdits) -> None:
        self.edits = edits

    def set_edits(self, edits: UserEdits) -> None:
        self.edits = edits


KEYS = st.sampled_from([f"action:A{i}" for i in range(4)])
SERIES = st.sampled_from(["M-agency", "M-vacancy", "M-caseload"])
TARGETS = st.builds(Target, st.sampled_from([0.0, 12.5, 20.0, 33.3]),
                    st.one_of(st.none(), st.dates(date(2022, 1, 1), date(2027, 12, 31))),
                    st.sampled_from(["", "Below 20% by March 2025"]))
OPS = st.lists(st.tuples(st.sampled_from(["link", "unlink", "add", "remove", "change"]), KEYS,
                         st.one_of(st.none(), SERIES), SERIES, TARGETS, st.integers(0, 100)), max_size=30)


def apply_random(holder: Holder, stack: QUndoStack, ops) -> int:
    """Push a command for each op that makes sense on the current edits; returns how many were pushed."""
    pushed = 0
    for kind, key, link_to, sid, target, pick in ops:
        e = holder.edits
        have = e.targets_of(sid)
        if kind in ("link", "unlink"):
            cmd = LinkMetric(holder, key, link_to if kind == "link" else None)
        elif kind == "add" and target not in have:
            cmd = AddTarget(holder, sid, target)
        elif kind == "remove" and have:
            cmd = RemoveTarget(holder, sid, have[pick % len(have)])
        elif kind == "change" and have and target not in have:
            cmd = ChangeTarget(holder, sid, have[pick % len(have)], target)
        else:
            continue
        stack.push(cmd)
        pushed += 1
    return pushed


START = st.builds(
    lambda links, targets: UserEdits({k: v for k, v in links}, {s: tuple(dict.fromkeys(t)) for s, t in targets}),
    st.lists(st.tuples(KEYS, SERIES), max_size=3), st.lists(st.tuples(SERIES, st.lists(TARGETS, max_size=3)),
                                                            max_size=3))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(start=START, ops=OPS)
def test_random_edits_undo_to_the_original_and_redo_to_the_edited(qapp, start, ops):
    holder = Holder(start)
    stack = QUndoStack()
    pushed = apply_random(holder, stack, ops)
    edited = holder.edits
    assert stack.count() == pushed
    while stack.canUndo():
        stack.undo()
    assert holder.edits == start
    assert {k: tuple(v) for k, v in holder.edits.targets.items()} == dict(start.targets)  # order too
    while stack.canRedo():
        stack.redo()
    assert holder.edits == edited


def test_command_texts_read_well_in_the_edit_menu(qapp):
    holder = Holder(EMPTY_EDITS)
    stack = QUndoStack()
    undo = stack.createUndoAction(stack, "&Undo")
    stack.push(LinkMetric(holder, "action:A6.05", "M-agency", "Agency social worker rate"))
    assert undo.text() == "&Undo Link A6.05 to Agency social worker rate"
    stack.push(LinkMetric(holder, "action:A6.05", None))
    assert undo.text() == "&Undo Unlink A6.05 from its metric"
    stack.push(AddTarget(holder, "M-agency", T20))
    assert undo.text() == "&Undo Add target"
    stack.push(ChangeTarget(holder, "M-agency", T20, T15))
    assert undo.text() == "&Undo Edit target"
    stack.push(RemoveTarget(holder, "M-agency", T15))
    assert undo.text() == "&Undo Remove target"


# -- the controller ------------------------------------------------------------------------------------------
@pytest.fixture
def controller(qtbot, tmp_path, monkeypatch):
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    monkeypatch.setenv("BCPVIEWER_DATA_DIR", str(tmp_path / "appdata"))
    window = QWidget()
    qtbot.addWidget(window)
    session = Session()
    project = ProjectController(session, Settings.from_file(tmp_path / "s.ini"), window, autosave_ms=60_000)
    yield SimpleNamespace(session=session, project=project, editor=Editor(session))
    session.undo_stack.setClean()


def test_controller_edits_go_on_the_undo_stack_and_mark_the_project_dirty(controller, qtbot):
    seen: list[UserEdits] = []
    controller.session.edits_changed.connect(seen.append)
    controller.editor.link_metric("action:A6.05", "M-agency", name="Agency social worker rate")
    assert controller.session.metric_links == {"action:A6.05": "M-agency"} and controller.project.is_dirty
    assert controller.session.undo_stack.undoText() == "Link A6.05 to Agency social worker rate"
    controller.editor.link_metric("action:A6.05", "M-agency")  # no change: nothing pushed
    assert controller.session.undo_stack.count() == 1
    assert controller.editor.add_target("M-agency", T20)
    assert not controller.editor.add_target("M-agency", T20)  # a repeat is refused, not pushed
    assert controller.editor.change_target("M-agency", T20, T15)
    assert controller.session.user_targets == {"M-agency": (T15,)}
    assert controller.editor.change_target("M-agency", T15, T0, to_series="M-vacancy")  # moved: one step
    assert controller.session.user_targets == {"M-vacancy": (T0,)}
    assert controller.session.undo_stack.undoText() == "Edit target"
    controller.editor.remove_target("M-vacancy", T0)
    assert controller.session.user_targets == {} and seen[-1] is controller.session.edits
    while controller.session.undo_stack.canUndo():
        controller.session.undo_stack.undo()
    assert controller.session.edits == EMPTY_EDITS and not controller.project.is_dirty
    assert len(seen) == 2 * 6  # each of six edits (the move is two) told once done and once undone


def test_edits_are_saved_and_come_back_on_open_and_new(controller, tmp_path, monkeypatch):
    controller.editor.link_metric("action:A6.05", "M-agency")
    controller.editor.add_target("M-agency", T20)
    assert controller.project.snapshot().edits == controller.session.edits
    assert controller.project.save_as(tmp_path / "review")
    saved = controller.session.edits
    assert load_project(tmp_path / "review.bcpv").edits == saved
    assert controller.project.new_project()
    assert controller.session.edits == EMPTY_EDITS and controller.session.undo_stack.count() == 0
    seen: list[UserEdits] = []
    controller.session.edits_changed.connect(seen.append)
    assert controller.project.open_project(tmp_path / "review.bcpv")
    assert controller.session.edits == saved and seen == [saved] and not controller.project.is_dirty


def test_recovery_offers_and_restores_links_and_targets(controller, tmp_path, monkeypatch):
    from bcpviewer.io import project as pio

    folder = tmp_path / "appdata" / "recovery"
    folder.mkdir(parents=True)
    pio.save_recovery(folder / "old.bcpv", edited_project(), None)
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _p, _t, text, *a, **k: asked.append(text) or QMessageBox.StandardButton.Yes)
    assert controller.project.offer_recovery()
    assert "0 annotations, 2 metric links and 3 targets" in asked[0]
    assert controller.session.edits == edited_project().edits and controller.project.is_dirty


# -- the metric link dialog ------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def sample():
    if not SAMPLE.is_file():
        pytest.skip(f"the bundled sample {SAMPLE.name} is not in this checkout")
    return load_file(SAMPLE)


def action(dataset, ident: str) -> Action:
    return next(a for a in dataset.actions if a.id == ident)


def series_id(dataset, name: str) -> str:
    return next(s.id for s in dataset.series if s.name == name)


def test_link_dialog_lists_metrics_by_theme_and_shows_the_trackers_metric(qtbot, sample):
    a = action(sample, "A6.05")
    caseload = series_id(sample, "Average caseload per social worker")
    d = MetricLinkDialog(sample.series, caseload, a)
    qtbot.addWidget(d)
    assert d.windowTitle() == "Link A6.05 to a metric" and d.chosen_id() == caseload
    assert "Average caseload per social worker" in d.tracker_label.text()
    themes = [d.tree.topLevelItem(i).text(0) for i in range(d.tree.topLevelItemCount())]
    assert themes[0].startswith("No linked metric (use the tracker's")
    assert {"Workforce", "Children in care", "Care leavers"} <= set(themes)
    assert set(d.shown_ids()) == {s.id for s in sample.series}
    for w in (d.search, d.tree):
        assert w.accessibleName()


def test_link_dialog_search_filters_and_enter_chooses(qtbot, sample):
    bare = next(a for a in sample.actions if not a.metric)
    d = MetricLinkDialog(sample.series, None, bare)
    qtbot.addWidget(d)
    assert d.chosen_id() is None and "names no metric" in d.tracker_label.text()
    ok = d.buttons.buttons()[0]
    assert ok.isEnabled()  # "No linked metric" is a real choice
    qtbot.keyClicks(d.search, "vacancy")
    vacancy = series_id(sample, "Social worker vacancy rate")
    assert d.shown_ids() == [vacancy] and d.chosen_id() == vacancy
    d.search.clear()
    qtbot.keyClicks(d.search, "no such metric")
    assert d.shown_ids() == []
    d.search.clear()
    hmo = series_id(sample, "Young people placed in HMOs")
    d.select(hmo)
    with qtbot.waitSignal(d.accepted):
        QTest.keyClick(d.tree, Qt.Key.Key_Return)
    assert d.chosen_id() == hmo
