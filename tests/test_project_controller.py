"""Projects in the window: title and unsaved mark, undo, asking on close, failed saves, autosave and
recovery after a crash, source files that change or go missing, and the annotation commands."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QMessageBox

from bcpviewer.io import project as pio
from bcpviewer.io.project import load_project, save_project
from bcpviewer.model.annotations import DateTarget, ItemTarget, RangeTarget, new_annotation
from bcpviewer.ui.annotations.annotation_dialog import AnnotationDialog
from bcpviewer.ui.shell.main_window import MainWindow

ROOT = Path(__file__).resolve().parent.parent
Button = QMessageBox.StandardButton
CSV = "ID,Workstream,Action,Owner,Due,Status\n{rows}"
ROWS = {
    "A1": "A1,Workforce,Reduce agency staff,Head of Workforce,31/03/2023,Red\n",
    "A2": "A2,Front door,Recruit team managers,Director,30/09/2022,Complete\n",
    "A3": "A3,Care leavers,No young people in HMOs,Head of Corporate Parenting,31/03/2023,Amber\n",
}


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("BCPVIEWER_DATA_DIR", str(tmp_path / "appdata"))


class Dialogs:
    """Message boxes answered by the test: what was said, and a queue of answers to questions."""

    def __init__(self, monkeypatch) -> None:
        self.said: list[tuple[str, str, str]] = []
        self.answers: list[QMessageBox.StandardButton] = []
        for kind in ("warning", "critical", "information"):
            monkeypatch.setattr(QMessageBox, kind,
                                lambda _p, title, text, *a, _k=kind, **kw: self.said.append((_k, title, text)))
        monkeypatch.setattr(QMessageBox, "question", self._question)

    def _question(self, _parent, title, text, *_a, **_k):
        self.said.append(("question", title, text))
        assert self.answers, f"unexpected question: {title}: {text}"
        return self.answers.pop(0)

    def kinds(self) -> list[str]:
        return [k for k, _t, _x in self.said]


@pytest.fixture
def dialogs(monkeypatch) -> Dialogs:
    return Dialogs(monkeypatch)


@pytest.fixture
def project_window(make_window):
    """``project_window(name)``: a window whose autosave runs every 50 ms."""
    return lambda name="s.ini": make_window(name, today=date(2024, 6, 1), autosave_ms=50)


@pytest.fixture
def window(project_window, dialogs) -> MainWindow:
    return project_window()


def write_csv(path: Path, *ids: str) -> Path:
    path.write_text(CSV.format(rows="".join(ROWS[i] for i in ids)), encoding="utf-8")
    return path


def load(window: MainWindow, qtbot, *paths: Path) -> None:
    window.open_files([str(p) for p in paths])
    qtbot.waitUntil(lambda: not window.is_loading, timeout=20_000)


def note(key: str, text: str = "note"):
    return new_annotation(ItemTarget(key), text)


def accept_dialog(monkeypatch, text: str, seen: list | None = None) -> None:
    def exec_(dialog: AnnotationDialog) -> int:
        if seen is not None:
            seen.append(dialog.target())
        dialog.text_edit.setPlainText(text)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(AnnotationDialog, "exec", exec_)


def close_clean(window: MainWindow) -> None:
    """Leave nothing unsaved so the teardown close does not ask."""
    window.session.undo_stack.setClean()
    window.project._modified = False


# -- title, undo, saving ---------------------------------------------------------------------------------
def test_title_shows_the_name_and_the_unsaved_mark(window, tmp_path, qtbot):
    load(window, qtbot, write_csv(tmp_path / "tracker.csv", "A1", "A2"))
    assert window.windowTitle() == "tracker.csv[*] — BCP Viewer" and not window.isWindowModified()
    window.editor.add_annotation(note("action:A1"))
    assert window.isWindowModified()
    assert window.project.save_as(tmp_path / "review")
    assert window.windowTitle() == "review.bcpv[*] — BCP Viewer" and not window.isWindowModified()
    assert window.settings.recent_projects() == [str(tmp_path / "review.bcpv")]
    window.commands.undo.trigger()  # undo past the save: unsaved again
    assert window.isWindowModified() and len(window.session.document) == 0
    window.commands.redo.trigger()
    assert not window.isWindowModified() and len(window.session.document) == 1


def test_edit_menu_names_the_command_to_undo(window, tmp_path, qtbot):
    acts = window.commands
    assert not acts.undo.isEnabled()
    window.editor.add_annotation(note("event:E07"))
    assert acts.undo.text() == "&Undo Add annotation" and acts.undo.isEnabled()
    a = next(iter(window.session.document.values()))
    window.editor.move_annotation(a.id, DateTarget(date(2022, 2, 11)))
    assert acts.undo.text() == "&Undo Move annotation"
    window.editor.delete_annotation(a.id)
    acts.undo.trigger()
    assert acts.redo.text() == "&Redo Delete annotation"
    close_clean(window)


def test_a_failed_save_is_shown_and_the_work_stays_dirty(window, tmp_path, qtbot, dialogs, monkeypatch):
    path = tmp_path / "review.bcpv"
    window.editor.add_annotation(note("event:E07", "first"))
    assert window.project.save_as(path)
    before = path.read_bytes()
    window.editor.add_annotation(note("event:E07", "second"))

    def full_disk(*_a):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pio.os, "replace", full_disk)
    assert not window.project.save()
    kind, title, text = dialogs.said[-1]
    assert kind == "critical" and title == "Could not save the project"
    assert "disk is full" in text and "has not been lost" in text
    assert path.read_bytes() == before and window.project.is_dirty and window.isWindowModified()
    assert len(window.session.document) == 2
    monkeypatch.undo()
    assert window.project.save() and not window.project.is_dirty
    assert len(load_project(path).annotations) == 2


@pytest.mark.parametrize("answer", [Button.Cancel, Button.Discard, Button.Save])
def test_closing_with_unsaved_changes_asks(qtbot, tmp_path, dialogs, answer, project_window):
    window = project_window()
    window.show()
    qtbot.waitExposed(window)
    window.project.save_as(tmp_path / "review.bcpv")
    window.editor.add_annotation(note("event:E07"))
    window.project.autosave()
    assert window.project.recovery.path.exists()
    dialogs.answers.append(answer)
    closed = window.close()
    assert dialogs.said[-1][:2] == ("question", "Save changes?")
    assert "review.bcpv" in dialogs.said[-1][2]
    if answer == Button.Cancel:
        assert not closed and window.isVisible() and window.project.is_dirty
        close_clean(window)
        return
    assert closed and not window.project.recovery.path.exists()
    saved = load_project(tmp_path / "review.bcpv").annotations
    assert len(saved) == (1 if answer == Button.Save else 0)


def test_nothing_unsaved_closes_without_asking(window, dialogs):
    window.show()
    assert window.close() and dialogs.said == []


# -- autosave and recovery --------------------------------------------------------------------------------
CRASH = textwrap.dedent("""
    import os, sys
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from bcpviewer.model.annotations import ItemTarget, RangeTarget, new_annotation
    from bcpviewer.ui.shell.main_window import MainWindow
    from bcpviewer.ui.shell.settings import Settings
    from datetime import date
    w = MainWindow(Settings.from_file(sys.argv[1]))
    w.editor.add_annotation(new_annotation(ItemTarget("event:E07"), "Unsaved note on the inspection"))
    w.editor.add_annotation(new_annotation(RangeTarget(date(2022, 3, 1), date(2024, 12, 13)),
                                            "Statutory direction in force"))
    w.project.autosave()
    os._exit(3)  # a crash: no close, no clean-up
""")


def test_unsaved_work_is_restored_after_a_crash(qtbot, tmp_path, dialogs, project_window):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-c", CRASH, str(tmp_path / "crashed.ini")], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 3, done.stderr
    left = list((tmp_path / "appdata" / "recovery").glob("*.bcpv"))
    assert len(left) == 1

    dialogs.answers.append(Button.Yes)
    window = project_window()
    window.show()  # the offer comes once the window is up
    qtbot.waitUntil(lambda: len(window.session.document) == 2, timeout=5000)
    assert dialogs.said[0][1] == "Restore unsaved work?" and "2 annotations" in dialogs.said[0][2]
    texts = sorted(a.text for a in window.session.document.values())
    assert texts == ["Statutory direction in force", "Unsaved note on the inspection"]
    assert window.project.is_dirty and window.isWindowModified()
    assert not left[0].exists()  # taken over: now this session's own recovery file holds the work
    assert window.project.recovery.path.exists()
    close_clean(window)


def test_a_running_sessions_recovery_file_is_not_offered(qtbot, tmp_path, dialogs, project_window):
    first = project_window("first.ini")
    first.editor.add_annotation(note("event:E07"))
    qtbot.waitUntil(first.project.recovery.path.exists, timeout=3000)  # the autosave timer ran
    second = project_window("second.ini")
    assert not second.project.offer_recovery() and dialogs.said == []
    close_clean(first)


def test_declining_keeps_or_discards_the_leftover(qtbot, tmp_path, dialogs, project_window):
    folder = tmp_path / "appdata" / "recovery"
    folder.mkdir(parents=True)
    leftover = folder / "old.bcpv"
    from bcpviewer.model.annotations import AnnotationSet
    from bcpviewer.model.project import Project

    pio.save_recovery(leftover, Project(annotations=AnnotationSet([note("event:E07")])), None)
    window = project_window()
    dialogs.answers += [Button.Cancel, Button.Discard]
    assert not window.project.offer_recovery() and leftover.exists()
    assert not window.project.offer_recovery() and not leftover.exists()
    assert len(window.session.document) == 0


def test_an_unreadable_autosave_is_kept_aside_and_not_offered_again(qtbot, tmp_path, dialogs, project_window):
    folder = tmp_path / "appdata" / "recovery"
    folder.mkdir(parents=True)
    (folder / "broken.bcpv").write_text('{"format": "bcpviewer-project", "version": 2, "annotations": [',
                                        encoding="utf-8")
    window = project_window()
    assert not window.project.offer_recovery()  # nothing to ask about: it cannot be read
    assert "question" not in dialogs.kinds()
    assert not (folder / "broken.bcpv").exists() and (folder / "broken.bcpv.unreadable").is_file()
    assert "could not be read" in window.statusBar().currentMessage()
    assert not window.project.offer_recovery()  # and it is not offered at the next start either


# -- opening projects, source files that change or go missing ------------------------------------------------
def test_a_project_repaired_as_it_opens_says_so_and_saves_again(qtbot, tmp_path, dialogs, project_window):
    from bcpviewer.model.annotations import AnnotationSet
    from bcpviewer.model.project import Project

    path = tmp_path / "odd.bcpv"
    save_project(path, Project(annotations=AnnotationSet([note("event:E07", "MARKER")])))
    path.write_text(path.read_text(encoding="utf-8").replace("MARKER", "half \\ud800 a pair"),
                    encoding="utf-8")
    window = project_window()
    assert window.project.open_project(path)
    qtbot.waitUntil(lambda: not window.is_loading, timeout=20_000)
    said = [text for kind, title, text in dialogs.said if kind == "warning"]
    assert any("lone surrogate" in text for text in said)
    (text,) = [a.text for a in window.session.document.values()]
    assert text == "half \ufffd a pair"
    assert window.project.save()  # saving works again


def test_a_project_reopens_with_its_data_annotations_filter_and_view(qtbot, tmp_path, dialogs, project_window):
    first = project_window("first.ini")
    load(first, qtbot, write_csv(tmp_path / "tracker.csv", "A1", "A2", "A3"))
    first.editor.add_annotation(note("action:A1", "Agency rate still above 30%"))
    first.filter_bar.search.setText("agency")
    first.filter_bar.flush()
    first.timeline.zoom_to(date(2022, 1, 1), date(2023, 12, 31))
    assert first.project.save_as(tmp_path / "review.bcpv")
    saved = load_project(tmp_path / "review.bcpv")
    assert [s.path for s in saved.sources] == ["tracker.csv"] and len(saved.sources[0].sha256) == 64

    second = project_window("second.ini")
    second.open_files([str(tmp_path / "review.bcpv")])  # as `bcpviewer review.bcpv` does
    qtbot.waitUntil(lambda: len(second.session.dataset.actions) == 3, timeout=20_000)
    assert second.windowTitle() == "review.bcpv[*] — BCP Viewer" and not second.isWindowModified()
    assert [a.text for a in second.session.document.values()] == ["Agency rate still above 30%"]
    assert second.filter_bar.search.text() == "agency" and second.timeline.counts()[0] == 1
    start, end = second.timeline.visible_range()
    assert abs((start - date(2022, 1, 1)).days) <= 1 and abs((end - date(2023, 12, 31)).days) <= 1
    assert second.settings.recent_projects() == [str(tmp_path / "review.bcpv")]
    assert second.annotations.layer.drawn_ids() == list(second.session.document)
    second.session.select("action:A1")
    assert "Annotations (1)" in second.items.details.toPlainText()
    assert "Agency rate still above 30%" in second.items.details.toPlainText()
    assert dialogs.said == []


def test_a_missing_source_still_opens_the_project_and_says_so(qtbot, tmp_path, dialogs, project_window):
    first = project_window("first.ini")
    csv = write_csv(tmp_path / "tracker.csv", "A1")
    load(first, qtbot, csv)
    first.editor.add_annotation(note("action:A1"))
    assert first.project.save_as(tmp_path / "review.bcpv")
    csv.unlink()
    second = project_window("second.ini")
    assert second.project.open_project(tmp_path / "review.bcpv")
    kind, title, text = dialogs.said[-1]
    assert kind == "warning" and "missing" in title and "tracker.csv" in text
    assert len(second.session.document) == 1 and len(second.annotations.orphan_ids) == 1
    assert "⚠" in second.annotations.panel.tree.topLevelItem(0).text(0)
    assert second.project.save()  # the missing file stays listed in the project
    assert [s.path for s in load_project(tmp_path / "review.bcpv").sources] == ["tracker.csv"]


def test_a_newer_project_is_refused_and_nothing_changes(window, tmp_path, dialogs):
    path = tmp_path / "future.bcpv"
    path.write_text('{"format": "bcpviewer-project", "schema_version": 42}', encoding="utf-8")
    window.editor.add_annotation(note("event:E07"))
    assert not window.project.open_project(path)
    assert "newer version of BCP Viewer" in dialogs.said[-1][2]
    assert len(window.session.document) == 1
    close_clean(window)


def test_reloading_a_changed_spreadsheet_keeps_annotations_and_orphans_the_rest(window, tmp_path, qtbot,
                                                                               dialogs):
    csv = write_csv(tmp_path / "tracker.csv", "A1", "A2", "A3")
    load(window, qtbot, csv)
    assert window.project.watcher.watched() == [str(csv)]
    window.editor.add_annotation(note("action:A1", "kept"))
    window.editor.add_annotation(note("action:A2", "item goes away"))
    window.editor.add_annotation(new_annotation(RangeTarget(date(2022, 3, 1), date(2024, 12, 13)), "range"))
    dialogs.answers.append(Button.Yes)
    write_csv(csv, "A1", "A3")  # A2 was deleted from the tracker
    qtbot.waitUntil(lambda: len(window.session.dataset.actions) == 2, timeout=10_000)
    assert dialogs.said[0][1] == "Source file changed" and "tracker.csv" in dialogs.said[0][2]
    doc = window.session.document
    assert sorted(a.text for a in doc.values()) == ["item goes away", "kept", "range"]  # none deleted
    orphaned = [doc[i].text for i in window.annotations.orphan_ids]
    assert orphaned == ["item goes away"]
    assert "orphaned" in window.statusBar().currentMessage()
    assert sorted(doc[i].text for i in window.annotations.layer.drawn_ids()) == ["kept", "range"]
    write_csv(csv, "A1", "A2", "A3")  # it comes back: the annotation attaches again
    dialogs.answers.append(Button.Yes)
    qtbot.waitUntil(lambda: len(window.session.dataset.actions) == 3, timeout=10_000)
    assert window.annotations.orphan_ids == frozenset()
    close_clean(window)


# -- annotating from the window -------------------------------------------------------------------------------
def test_ctrl_m_annotates_the_selected_item_and_details_show_it(window, tmp_path, qtbot, monkeypatch, dialogs):
    load(window, qtbot, write_csv(tmp_path / "tracker.csv", "A1", "A2"))
    window.commands.annotate_item.trigger()
    assert dialogs.said[-1][1] == "Select an item first"
    window.session.select("action:A2")
    accept_dialog(monkeypatch, "Completed late, says the adviser")
    window.commands.annotate_item.trigger()
    (a,) = window.session.document.values()
    assert a.target == ItemTarget("action:A2") and a.author
    assert "Completed late, says the adviser" in window.items.details.toPlainText()
    assert window.annotations.panel.shown_ids() == [a.id]
    window.annotations.jump(a.id)
    assert window.timeline.selected_key() == "action:A2"
    close_clean(window)


def test_shift_drag_across_the_timeline_annotates_a_range(window, tmp_path, qtbot, monkeypatch):
    load(window, qtbot, write_csv(tmp_path / "tracker.csv", "A1", "A2", "A3"))
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    window.timeline.zoom_to(date(2022, 1, 1), date(2023, 12, 31))
    seen: list = []
    accept_dialog(monkeypatch, "Statutory direction in force", seen)
    import pyqtgraph as pg

    view = window.timeline.findChild(pg.PlotWidget)
    vb = window.timeline.plot_item.getViewBox()
    rect = vb.sceneBoundingRect()
    y = int(rect.center().y())
    a, b = QPoint(int(rect.left() + rect.width() * 0.25), y), QPoint(int(rect.left() + rect.width() * 0.75), y)
    shift = Qt.KeyboardModifier.ShiftModifier
    before = window.timeline.visible_range()
    QTest.mousePress(view.viewport(), Qt.MouseButton.LeftButton, shift, view.mapFromScene(a))
    QTest.mouseMove(view.viewport(), view.mapFromScene(b))
    QTest.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, shift, view.mapFromScene(b))
    qtbot.waitUntil(lambda: len(seen) == 1, timeout=3000)
    assert isinstance(seen[0], RangeTarget) and window.timeline.visible_range() == before  # no pan
    assert date(2022, 5, 1) <= seen[0].start <= date(2022, 8, 1) <= date(2023, 5, 1) <= seen[0].end
    (made,) = window.session.document.values()
    assert made.text == "Statutory direction in force" and made.target == seen[0]
    close_clean(window)


def test_clicking_a_flag_on_the_timeline_selects_its_item_and_annotation(window, tmp_path, qtbot):
    load(window, qtbot, write_csv(tmp_path / "tracker.csv", "A1", "A2", "A3"))
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    window.editor.add_annotation(note("action:A2", "Was this really complete?"))
    (ident,) = window.session.document
    layer = window.annotations.layer
    qtbot.waitUntil(lambda: any(h[1] == ident for h in layer._hits), timeout=3000)  # painted
    rect = next(r for r, i, _tip in layer._hits if i == ident)
    import pyqtgraph as pg

    view = window.timeline.findChild(pg.PlotWidget)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     rect.center().toPoint())
    assert window.annotations.panel.selected_id() == ident
    assert window.timeline.selected_key() == "action:A2" and layer.highlight == ident
    close_clean(window)


def test_undoing_back_to_the_saved_state_leaves_nothing_to_recover(window, tmp_path, qtbot):
    window.editor.add_annotation(note("event:E07"))
    window.project.autosave()
    assert window.project.recovery.path.exists()
    window.commands.undo.trigger()
    assert not window.project.is_dirty and not window.project.recovery.path.exists()
