"""File › Print preview, shown for real (offscreen) and closed, then the window closed: the preview is
gone with it, and Qt says nothing about objects deleted wrongly ("shared QObject was deleted
directly") on the way out."""

from __future__ import annotations

import gc

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtPrintSupport import QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from bcpviewer.io.loader import load_file
from bcpviewer.report import output
from bcpviewer.ui.export import export_dialog
from bcpviewer.ui.export.export_dialog import ExportDialog
from tests.test_summary_xlsx import AS_OF, SAMPLE, sample_notes


@pytest.fixture
def window(make_window, monkeypatch):
    for kind in ("warning", "critical", "information", "question"):
        monkeypatch.setattr(QMessageBox, kind, lambda *a, **kw: QMessageBox.StandardButton.Discard)
    monkeypatch.setattr(ExportDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    export_dialog.set_pack_backend(output)
    sample = load_file(SAMPLE)
    w = make_window(today=AS_OF)
    w.session.set_data(sample)
    w.session.set_document(sample_notes(sample))  # nothing to save on close
    w.show()
    yield w
    export_dialog.set_pack_backend(None)


def _previews() -> list[QPrintPreviewDialog]:
    return [w for w in QApplication.allWidgets() if isinstance(w, QPrintPreviewDialog)]


def test_quitting_after_print_preview_is_quiet(window, qtbot, qtlog):
    shown: list[int] = []

    def close_preview() -> None:
        open_now = [p for p in _previews() if p.isVisible()]
        if not open_now:
            QTimer.singleShot(100, close_preview)
            return
        shown.append(len(open_now))
        open_now[0].close()  # as the user closes its window

    QTimer.singleShot(100, close_preview)
    assert window.export.print_pack() is True  # returns when the preview is closed
    assert shown == [1]
    assert _previews() == []  # gone at once, not kept until the window goes
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible())
    gc.collect()
    QApplication.processEvents()
    said = [r.message for r in qtlog.records]
    assert not [m for m in said if "deleted directly" in m or "malformed" in m], said
