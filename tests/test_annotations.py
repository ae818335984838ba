"""Annotations: the pure document and its edits, undo commands (random edit sequences), panel and layer."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QUndoStack

from bcpviewer.model import annotations as m
from bcpviewer.model.annotations import (
    Annotation,
    AnnotationFilter,
    AnnotationSet,
    DateTarget,
    ItemTarget,
    RangeTarget,
    matches,
    new_annotation,
    orphans,
)
from bcpviewer.model.records import Action, Dataset, Event, MetricSeries
from bcpviewer.model.vocab import EventKind
from bcpviewer.ui.project.commands import AddAnnotation, ChangeAnnotation, DeleteAnnotation, MoveAnnotation

T0 = datetime(2024, 6, 1, 9, 30, tzinfo=UTC)


def note(ident: str, target=None, text: str = "note", minutes: int = 0, **kw) -> Annotation:
    when = T0 + timedelta(minutes=minutes)
    return new_annotation(target or ItemTarget("event:E07"), text, id=ident, now=when, **kw)


# -- the pure document ---------------------------------------------------------------------------------
def test_new_annotations_have_uuid_ids_and_utc_times():
    a = new_annotation(DateTarget(date(2022, 3, 1)), "Statutory direction issued")
    b = new_annotation(DateTarget(date(2022, 3, 1)), "Statutory direction issued")
    assert len(a.id) == 32 and a.id != b.id
    assert a.created.tzinfo is UTC and a.created == a.edited and a.created.microsecond == 0


def test_edits_return_new_documents_and_leave_the_old_alone():
    doc = m.add(AnnotationSet(), note("a"))
    doc2 = m.add(doc, note("b", minutes=1))
    assert list(doc) == ["a"] and list(doc2) == ["a", "b"]
    changed = m.change(doc2, m.edited(doc2["a"], now=T0 + timedelta(days=1), text="new text"))
    assert doc2["a"].text == "note" and changed["a"].text == "new text"
    assert changed["a"].edited == T0 + timedelta(days=1) and changed["a"].created == T0
    moved = m.move(changed, "b", RangeTarget(date(2022, 3, 1), date(2024, 12, 1)), now=T0)
    assert moved["b"].target == RangeTarget(date(2022, 3, 1), date(2024, 12, 1))
    assert list(m.delete(moved, "a")) == ["b"]
    with pytest.raises(ValueError):
        m.add(doc2, note("a"))
    with pytest.raises(KeyError):
        m.delete(doc2, "zzz")
    with pytest.raises(ValueError):
        RangeTarget(date(2024, 1, 2), date(2024, 1, 1))


def test_documents_are_ordered_by_creation_so_deleting_and_re_adding_restores_them():
    doc = AnnotationSet([note("c", minutes=2), note("a"), note("b", minutes=1)])
    assert list(doc) == ["a", "b", "c"]
    assert m.add(m.delete(doc, "b"), doc["b"]) == doc


def test_orphans_are_annotations_whose_item_is_gone_and_are_never_removed():
    data = Dataset(actions=(Action("A1", "Recruit"),),
                   events=(Event("E07", EventKind.STANDARD_INSPECTION, "ILACS", date(2021, 12, 6)),),
                   series=(MetricSeries("agency", "Agency rate"),))
    doc = AnnotationSet([note("on-event"), note("on-action", ItemTarget("action:A1")),
                         note("gone", ItemTarget("action:A9")), note("date", DateTarget(date(2022, 1, 1))),
                         note("metric", ItemTarget("metric:agency")),
                         note("old-metric", ItemTarget("metric:x"))])
    assert [a.id for a in orphans(doc, data)] == ["gone", "old-metric"]
    assert len(doc) == 6


def test_filtering_by_words_tags_and_flags():
    a = note("a", text="Agency rate fell", tags=("workforce", "Disputed"), include_in_briefing=True)
    b = note("b", text="Private thought", private=True, author="alice")
    assert matches(a, AnnotationFilter("agency FELL"))
    assert matches(a, AnnotationFilter(tag="disputed")) and not matches(b, AnnotationFilter(tag="workforce"))
    assert matches(a, AnnotationFilter(briefing=True)) and not matches(b, AnnotationFilter(briefing=True))
    assert matches(b, AnnotationFilter(private=True, text="alice"))
    assert matches(a, AnnotationFilter(orphaned=True), frozenset({"a"}))
    assert matches(a, AnnotationFilter("inspection"), where="Event: ILACS inspection")
    tagged = AnnotationSet([a, b, note("c", tags=("workforce",), minutes=3)])
    assert m.all_tags(tagged) == ["Disputed", "workforce"]
    assert m.clean_tags([" a ", "", "A", "b  c"]) == ("a", "b c")


# -- undo commands: random edits, undo all, redo all -----------------------------------------------------
class Holder:
    """A document owner without a window, as the commands see the ProjectController."""

    def __init__(self, doc: AnnotationSet) -> None:
        self.document = doc

    def set_document(self, doc: AnnotationSet) -> None:
        self.document = doc


TARGETS = st.one_of(
    st.sampled_from(["action:A1", "action:A2", "event:E07", "metric:agency"]).map(ItemTarget),
    st.dates(date(2019, 1, 1), date(2026, 12, 31)).map(DateTarget),
    st.tuples(st.dates(date(2019, 1, 1), date(2026, 12, 31)), st.integers(0, 900)).map(
        lambda t: RangeTarget(t[0], t[0] + timedelta(days=t[1]))),
)
OPS = st.lists(st.tuples(st.sampled_from(["add", "change", "delete", "move"]), st.integers(0, 10_000),
                         st.text(max_size=20), TARGETS, st.booleans()), max_size=25)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(start=st.lists(TARGETS, max_size=4), ops=OPS)
def test_random_edits_undo_to_the_original_and_redo_to_the_edited(qapp, start, ops):
    original = AnnotationSet(note(f"s{i}", t, minutes=i) for i, t in enumerate(start))
    holder = Holder(original)
    stack = QUndoStack()
    for n, (kind, pick, text, target, flag) in enumerate(ops):
        doc = holder.document
        ids = list(doc)
        if kind == "add" or not ids:
            cmd = AddAnnotation(holder, note(f"n{n}", target, text, minutes=100 + n, private=flag))
        else:
            old = doc[ids[pick % len(ids)]]
            if kind == "change":
                cmd = ChangeAnnotation(holder, old, m.edited(old, now=T0 + timedelta(hours=n), text=text,
                                                             include_in_briefing=flag, tags=(text,)))
            elif kind == "delete":
                cmd = DeleteAnnotation(holder, old)
            else:
                cmd = MoveAnnotation(holder, old, target, now=T0 + timedelta(hours=n))
        stack.push(cmd)
    edited = holder.document
    assert stack.count() == len(ops)
    while stack.canUndo():
        stack.undo()
    assert holder.document == original
    while stack.canRedo():
        stack.redo()
    assert holder.document == edited


def test_command_names_read_well_in_the_edit_menu(qapp):
    holder = Holder(AnnotationSet())
    stack = QUndoStack()
    undo = stack.createUndoAction(stack, "&Undo")
    stack.push(AddAnnotation(holder, note("a")))
    assert undo.text() == "&Undo Add annotation"
    stack.push(MoveAnnotation(holder, holder.document["a"], DateTarget(date(2022, 2, 11))))
    assert undo.text() == "&Undo Move annotation"
    stack.push(DeleteAnnotation(holder, holder.document["a"]))
    assert stack.undoText() == "Delete annotation" and holder.document == AnnotationSet()


# -- the panel, the dialog and the plot layer ------------------------------------------------------------
def test_panel_filters_marks_orphans_and_jumps(qtbot):
    from bcpviewer.ui.annotations.annotations_panel import AnnotationsPanel

    panel = AnnotationsPanel()
    qtbot.addWidget(panel)
    doc = AnnotationSet([note("a", text="Inspection judged inadequate", tags=("ofsted",)),
                         note("b", ItemTarget("action:GONE"), "Lost item", minutes=1,
                              include_in_briefing=True)])
    where = {"a": "Event: ILACS", "b": "action:GONE (not in the data now)"}
    panel.set_annotations(doc, where, frozenset({"b"}))
    assert panel.shown_ids() == ["a", "b"]
    row = panel.tree.topLevelItem(1)
    assert row.text(0).startswith("⚠") and "orphaned" in row.text(3)
    assert "1 orphaned" in panel.count_label.text()
    panel.tag_box.setCurrentIndex(panel.tag_box.findData("ofsted"))
    assert panel.shown_ids() == ["a"]
    panel.tag_box.setCurrentIndex(0)
    panel.flag_box.setCurrentText("Orphaned")
    assert panel.shown_ids() == ["b"]
    panel.flag_box.setCurrentIndex(0)
    panel.search.setText("inadequate")
    assert panel.shown_ids() == ["a"]
    with qtbot.waitSignal(panel.jump_requested) as jumped:
        panel.tree.itemClicked.emit(panel.tree.topLevelItem(0), 0)
    assert jumped.args == ["a"]
    panel.select("a")
    with qtbot.waitSignal(panel.delete_requested) as deleted:
        panel.delete_button.click()
    assert deleted.args == ["a"]


def test_dialog_makes_and_edits_annotations_with_the_os_user_as_author(qtbot, monkeypatch):
    from bcpviewer.ui.annotations import annotation_dialog
    from bcpviewer.ui.annotations.annotation_dialog import AnnotationDialog

    monkeypatch.setattr(annotation_dialog.getpass, "getuser", lambda: "cllr.smith")
    dialog = AnnotationDialog(None, RangeTarget(date(2022, 3, 1), date(2024, 12, 13)))
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert not ok.isEnabled() and dialog.author_edit.text() == "cllr.smith"
    dialog.text_edit.setPlainText("Statutory direction in force")
    dialog.tags_edit.setText("intervention, DfE, intervention")
    dialog.source_url_edit.setText("javascript:alert(1)")
    assert ok.isEnabled() and not dialog.url_hint.isHidden()
    dialog.source_url_edit.setText("https://www.gov.uk/")
    dialog.briefing_check.setChecked(True)
    made = dialog.annotation(now=T0)
    assert made.target == RangeTarget(date(2022, 3, 1), date(2024, 12, 13))
    assert made.tags == ("intervention", "DfE") and made.include_in_briefing and made.author == "cllr.smith"
    again = AnnotationDialog(None, made.target, "", made)
    qtbot.addWidget(again)
    assert again.annotation() is made  # nothing changed: no edit
    again.private_check.setChecked(True)
    later = again.annotation(now=T0 + timedelta(days=1))
    assert later.id == made.id and later.private and later.created == T0 and later.edited > T0


def test_layer_draws_flags_and_ranges_skips_orphans_and_reports_clicks(qtbot):
    import pyqtgraph as pg

    from bcpviewer.plots.annotation_layer import AnnotationLayer
    from bcpviewer.plots.timeline_axes import to_seconds

    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    layer = AnnotationLayer(lambda key: (date(2021, 12, 6), date(2021, 12, 17)) if key == "event:E07" else None)
    widget.getPlotItem().addItem(layer, ignoreBounds=True)
    widget.setXRange(to_seconds(date(2021, 1, 1)), to_seconds(date(2025, 1, 1)), padding=0)
    widget.setYRange(0, 10)
    widget.resize(900, 400)
    layer.set_annotations([note("a"), note("r", RangeTarget(date(2022, 3, 1), date(2024, 12, 13)), "Direction"),
                           note("o", ItemTarget("action:GONE"))])
    assert layer.drawn_ids() == ["r", "a"] and layer.unplaced == 1
    widget.show()
    qtbot.waitExposed(widget)
    image = widget.grab().toImage()
    assert len(layer._hits) == 2  # one label each for the range and the flag
    rect, ident, _tip = layer._hits[-1]
    assert ident == "a"
    pos = layer._to_device.inverted()[0].map(rect.center())
    assert layer.hit(pos)[0] == "a"
    assert not image.isNull()
