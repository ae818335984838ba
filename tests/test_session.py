"""The session: one place for the work's state, each change told once, and the timeline laid out once
per change (the filter is applied before the views hear of new data)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bcpviewer.io.loader import load_file
from bcpviewer.model.annotations import ItemTarget, new_annotation
from bcpviewer.model.filtering import Filter
from bcpviewer.model.records import Dataset
from bcpviewer.ui.session import Session
from bcpviewer.ui.timeline.timeline_view import TimelineView

SAMPLE = Path(__file__).resolve().parents[1] / "resources" / "samples" / "bcp-childrens-services.xlsx"
TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def sample() -> Dataset:
    return load_file(SAMPLE)


class Heard:
    """Every signal a session emits, in order."""

    def __init__(self, session: Session) -> None:
        self.said: list[tuple[str, object]] = []
        for name in ("dataset_changed", "filter_changed", "selection_changed", "metrics_changed",
                     "document_changed", "edits_changed", "comparison_changed", "activated"):
            getattr(session, name).connect(lambda value, n=name: self.said.append((n, value)))

    def names(self) -> list[str]:
        return [n for n, _v in self.said]


def test_new_data_arrives_once_with_its_filter_applied(qtbot, sample) -> None:
    s = Session(TODAY)
    heard = Heard(s)
    s.set_filter(Filter(text="agency"))
    assert heard.names() == ["filter_changed"]
    assert s.visible_keys == set()  # no data yet: the filter keeps nothing
    s.set_data(sample, ["/data/bcp.xlsx"])
    assert heard.names() == ["filter_changed", "dataset_changed"]  # no second filter_changed
    assert s.sources == ("/data/bcp.xlsx",)
    assert s.visible_keys is not None and 0 < len(s.visible_keys) < len(sample.actions) + len(sample.events)
    shown, total = s.shown_counts()
    assert shown == len(s.visible_keys) and total == len(sample.actions) + len(sample.events)


def test_new_data_keeps_text_and_dates_but_not_the_old_datas_workstreams(qtbot, sample) -> None:
    s = Session(TODAY)
    s.set_filter(Filter(text="care", workstreams=frozenset({"1. Leadership"}), start=date(2023, 1, 1)))
    s.set_data(sample)
    assert s.filter == Filter(text="care", start=date(2023, 1, 1))
    chosen = Filter(workstreams=frozenset({"6. Workforce: recruitment and retention"}))
    s.set_data(sample, filter=chosen)  # a project's own filter is applied as saved
    assert s.filter == chosen


def test_selection_is_told_once_and_cleared_when_filtered_out(qtbot, sample) -> None:
    s = Session(TODAY)
    s.set_data(sample)
    heard = Heard(s)
    key = f"action:{sample.actions[0].id}"
    s.select(key)
    s.select(key)  # the same again: nothing new to tell
    assert heard.names() == ["selection_changed"] and s.selected == key
    s.set_filter(Filter(text="no such words anywhere"))
    assert s.selected is None and heard.names() == ["selection_changed", "filter_changed", "selection_changed"]
    s.activate(key)
    assert heard.said[-2:] == [("selection_changed", key), ("activated", key)]


def test_edits_are_undoable_commands_on_the_session(qtbot, sample) -> None:
    from bcpviewer.ui.project.editing import Editor

    s = Session(TODAY)
    s.set_data(sample)
    editor = Editor(s)
    note = new_annotation(ItemTarget(f"action:{sample.actions[0].id}"), "Asked at committee")
    editor.add_annotation(note)
    assert list(s.document) == [note.id] and s.undo_stack.undoText() == "Add annotation"
    s.undo_stack.undo()
    assert len(s.document) == 0
    s.undo_stack.redo()
    assert list(s.document) == [note.id]


def test_the_window_lays_the_timeline_out_once_per_new_dataset(make_window, sample, monkeypatch) -> None:
    calls: list[str] = []
    for name in ("set_dataset", "set_visible"):
        original = getattr(TimelineView, name)

        def spy(self, *args, _name=name, _original=original, **kwargs):
            calls.append(_name)
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(TimelineView, name, spy)
    window = make_window(today=TODAY)
    window.session.set_filter(Filter(text="agency"))
    calls.clear()
    window.session.set_data(sample)
    assert calls == ["set_dataset"]  # laid out once, the filter already applied
    assert window.timeline.counts()[0] < window.timeline.counts()[1]
    assert window.filter_bar.current_filter().text == "agency"
    calls.clear()
    window.filter_bar.set_filter(Filter())  # the user clears the filter: one layout again
    assert calls == ["set_visible"]
    assert window.session.visible_keys is None


def test_a_metric_ticked_under_its_old_name_charts_the_renamed_series(qtbot) -> None:
    from bcpviewer.model.records import MetricSeries

    session = Session()
    renamed = MetricSeries("M-new", "Agency social workers (% of FTE)", "%",
                           also_known_as=("M-old", "Agency social worker rate"))
    session.set_data(Dataset(series=(renamed,)), ())
    session.set_metrics(["Agency social worker rate", "Agency social workers (% of FTE)"])
    assert session.metrics == ("Agency social workers (% of FTE)",)
