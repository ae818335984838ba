"""Building the dataset in the app: File > Add data… and files dropped on the window add to what is open,
File > Open still starts afresh, a file comes out from the Sources tab, a project brings back all it
saved, and the quit prompt names the project (or says the work is in none)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from bcpviewer.io.project import load_project
from bcpviewer.model.annotations import ItemTarget, new_annotation

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "samples" / "bcp-childrens-services.xlsx"
TODAY = date(2026, 11, 23)
CSV = ("ID,Workstream,Action,Owner,Due,Status\n"
       "X1,Extra,Recruit two more IROs,Head of QA,31/03/2025,Amber\n"
       "X2,Extra,Audit return-home interviews,Head of QA,30/09/2025,Red\n")


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("BCPVIEWER_DATA_DIR", str(tmp_path / "appdata"))


@pytest.fixture
def asked(monkeypatch) -> list[str]:
    """Questions asked (answered Discard); warnings and notes recorded."""
    said: list[str] = []
    for kind in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, kind, lambda _p, title, text, *a, **k: said.append(f"{title}: {text}"))

    def question(_p, title, text, *a, **k):
        said.append(f"{title}: {text}")
        return QMessageBox.StandardButton.Discard

    monkeypatch.setattr(QMessageBox, "question", question)
    return said


@pytest.fixture
def extra(tmp_path) -> Path:
    path = tmp_path / "extra.csv"
    path.write_text(CSV, encoding="utf-8")
    return path


def _window(make_window, qtbot, name: str = "s.ini"):
    w = make_window(name, today=TODAY, autosave_ms=10**9)
    w.resize(1440, 900)
    w.show()
    qtbot.waitExposed(w)
    return w


def _wait(w, qtbot) -> None:
    qtbot.waitUntil(lambda: not w.is_loading, timeout=30_000)


def _open_sample(w, qtbot) -> None:
    w.open_files([str(SAMPLE)])
    _wait(w, qtbot)
    assert len(w.session.dataset.actions) == 50


def test_add_data_adds_to_what_is_open_and_keeps_the_view(make_window, qtbot, asked, extra, monkeypatch):
    w = _window(make_window, qtbot)
    _open_sample(w, qtbot)
    w.timeline.zoom_to(date(2022, 1, 1), date(2022, 12, 31))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(extra)], ""))
    w.commands.add_data.trigger()
    _wait(w, qtbot)
    assert len(w.session.dataset.actions) == 52
    assert [Path(p).name for p in w.session.sources] == [SAMPLE.name, "extra.csv"]
    start, end = w.timeline.visible_range()
    assert abs((start - date(2022, 1, 1)).days) <= 1 and abs((end - date(2022, 12, 31)).days) <= 1
    assert w.items.tables.data_files.paths() == list(w.session.sources)
    w.open_files([str(extra)])  # File > Open starts afresh
    _wait(w, qtbot)
    assert len(w.session.dataset.actions) == 2 and [Path(p).name for p in w.session.sources] == ["extra.csv"]


def test_a_file_dropped_on_the_window_is_added(make_window, qtbot, asked, extra):
    w = _window(make_window, qtbot)
    _open_sample(w, qtbot)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(extra))])
    args = (QPointF(200, 200), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier)
    enter = QDragEnterEvent(*args)
    QApplication.sendEvent(w, enter)
    assert enter.isAccepted()
    drop = QDropEvent(*args)
    QApplication.sendEvent(w, drop)
    assert drop.isAccepted()
    _wait(w, qtbot)
    assert len(w.session.dataset.actions) == 52 and len(w.session.sources) == 2
    text = QMimeData()
    text.setText("not a file")
    enter = QDragEnterEvent(QPointF(200, 200), Qt.DropAction.CopyAction, text, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(w, enter)
    assert not enter.isAccepted()


def test_a_file_is_removed_from_the_sources_tab(make_window, qtbot, asked, extra):
    w = _window(make_window, qtbot)
    _open_sample(w, qtbot)
    w.loading.add_files([str(extra)])
    _wait(w, qtbot)
    files = w.items.tables.data_files
    assert files.heading.text() == "Data files: 2 open"
    files.files.setCurrentRow(0)  # the sample
    qtbot.mouseClick(files.remove_button, Qt.MouseButton.LeftButton)
    _wait(w, qtbot)
    assert [Path(p).name for p in w.session.sources] == ["extra.csv"]
    assert len(w.session.dataset.actions) == 2 and not w.session.dataset.events
    files.files.setCurrentRow(0)
    qtbot.mouseClick(files.remove_button, Qt.MouseButton.LeftButton)
    assert w.session.sources == () and w.session.dataset.is_empty
    assert files.heading.text() == "Data files: none open" and not files.remove_button.isEnabled()


def test_a_project_brings_back_its_files_metrics_filter_view_and_layout(make_window, qtbot, asked, extra,
                                                                         tmp_path):
    first = _window(make_window, qtbot, "first.ini")
    _open_sample(first, qtbot)
    first.loading.add_files([str(extra)])
    _wait(first, qtbot)
    metric = first.session.dataset.series[1].name
    first.session.set_metrics([metric])
    first.filter_bar.search.setText("audit")
    first.filter_bar.flush()
    first.timeline.zoom_to(date(2023, 1, 1), date(2024, 12, 31))
    first.docks.dock("details_dock").hide()
    assert first.project.save_as(tmp_path / "review.bcpv")
    assert load_project(tmp_path / "review.bcpv").layout

    second = _window(make_window, qtbot, "second.ini")
    second.open_files([str(tmp_path / "review.bcpv")])
    qtbot.waitUntil(lambda: len(second.session.dataset.actions) == 52, timeout=30_000)
    _wait(second, qtbot)
    assert [Path(p).name for p in second.session.sources] == [SAMPLE.name, "extra.csv"]
    assert second.session.metrics == (metric,)
    assert second.filter_bar.search.text() == "audit"
    start, end = second.timeline.visible_range()
    assert abs((start - date(2023, 1, 1)).days) <= 1 and abs((end - date(2024, 12, 31)).days) <= 1
    assert second.docks.dock("details_dock").isHidden()


def test_the_quit_prompt_names_the_project_or_says_there_is_none(make_window, qtbot, asked, tmp_path):
    w = _window(make_window, qtbot)
    _open_sample(w, qtbot)
    w.editor.add_annotation(new_annotation(ItemTarget("action:A1.01"), "Ask for the evidence"))
    assert w.close()
    assert "has not been saved as a project" in asked[-1]
    assert SAMPLE.name not in asked[-1]

    v = _window(make_window, qtbot, "v.ini")
    _open_sample(v, qtbot)
    assert v.project.save_as(tmp_path / "review.bcpv")
    v.editor.add_annotation(new_annotation(ItemTarget("action:A1.01"), "Ask for the evidence"))
    assert v.close()
    assert "The project “review.bcpv” has changes" in asked[-1]
