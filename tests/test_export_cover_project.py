"""The pack's cover is kept in the project (issue 18): saved, migrated from older files, refused when damaged
with a sentence naming the field, restored into the export dialog; every label of the dialog has a buddy for
its mnemonic (no stray "&")."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from bcpviewer.io.errors import LoadError
from bcpviewer.io.project import load_project, save_project
from bcpviewer.model import project as pm
from bcpviewer.model.cover import EMPTY_COVER, Cover
from bcpviewer.model.project import Project, ProjectFormatError, from_dict, to_dict
from bcpviewer.model.user_edits import EMPTY_EDITS, with_cover

COVER = Cover(title="Improvement update", council="BCP Council", meeting="Children's Services O&S Committee",
              meeting_date=date(2027, 1, 14), author="Scrutiny officer", purpose="To update members.",
              recommendation="That the committee notes the report.",
              key_messages=("Our first message.", "=SUM(A1:A2)"))


def test_cover_round_trips_through_a_saved_project(tmp_path):
    p = Project(edits=with_cover(EMPTY_EDITS, COVER))
    data = to_dict(p)
    assert data["schema_version"] == pm.SCHEMA_VERSION == 3
    assert data["cover"]["meeting_date"] == "2027-01-14" and data["cover"]["key_messages"][1] == "=SUM(A1:A2)"
    assert from_dict(data).edits.cover == COVER
    save_project(tmp_path / "review.bcpv", p)
    assert load_project(tmp_path / "review.bcpv").edits.cover == COVER
    assert to_dict(Project())["cover"] == {}  # nothing typed: nothing kept


def test_a_version_2_project_opens_with_an_empty_cover(tmp_path):
    v2 = {"format": "bcpviewer-project", "schema_version": 2, "sources": [], "annotations": [],
          "metric_links": {}, "metric_targets": {}, "briefing_settings": {"x": 1}}
    (tmp_path / "old.bcpv").write_text(json.dumps(v2), encoding="utf-8")
    p = load_project(tmp_path / "old.bcpv")
    assert p.edits.cover == EMPTY_COVER and p.edits.is_empty and p.extra == {"briefing_settings": {"x": 1}}
    assert to_dict(p)["schema_version"] == 3


@pytest.mark.parametrize("cover, field", [
    ({"meeting_date": "14/01/2027"}, "'meeting_date'"),
    ({"meeting_date": 20270114}, "'meeting_date'"),
    ({"title": 5}, "'title'"),
    ({"recommendation": ["to note"]}, "'recommendation'"),
    ({"key_messages": "one message"}, "'key_messages'"),
    ({"key_messages": ["fine", None, 3]}, "'key_messages'"),
    ({"purpose": "x" * 20_001}, "'purpose'"),
    ("a cover", "'cover'"),
])
def test_a_damaged_cover_is_refused_with_one_sentence_naming_the_field(tmp_path, cover, field):
    data = to_dict(Project()) | {"cover": cover}
    with pytest.raises(ProjectFormatError) as caught:
        from_dict(data)
    message = str(caught.value)
    assert field in message and message.count(". ") == 0 and message.endswith(".")
    (tmp_path / "bad.bcpv").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(LoadError, match=re.escape(field)):
        load_project(tmp_path / "bad.bcpv")


# -- the window ------------------------------------------------------------------------------------------
@pytest.fixture
def window(make_window, sample_window_data, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    for kind in ("warning", "critical", "information", "question"):
        monkeypatch.setattr(QMessageBox, kind, lambda *a, **kw: QMessageBox.StandardButton.Discard)
    w = make_window(today=date(2026, 12, 1))
    w.session.set_data(sample_window_data)
    return w


@pytest.fixture(scope="module")
def sample_window_data():
    from bcpviewer.io.loader import load_file
    from tests.test_summary_xlsx import SAMPLE

    return load_file(SAMPLE)


def _labels_with_stray_ampersand(dialog) -> list[str]:
    """Labels whose mnemonic ("&x") has no buddy: Qt shows those with a literal "&"."""
    from PySide6.QtWidgets import QLabel

    stray = []
    for label in dialog.findChildren(QLabel):
        text = label.text().replace("&&", "")
        if re.search(r"&\S", text) and label.buddy() is None:
            stray.append(label.text())
    return stray


@pytest.mark.parametrize("mode", ["summary", "pack", "print"])
def test_every_dialog_label_with_a_mnemonic_has_a_buddy(window, qtbot, mode, tmp_path):
    from bcpviewer.ui.export.export_dialog import ExportDialog

    dialog = ExportDialog(window, mode, window.session.dataset, window.settings.export_choices())
    qtbot.addWidget(dialog)
    dialog.show()
    assert _labels_with_stray_ampersand(dialog) == []
    from PySide6.QtWidgets import QLabel

    period = [x for x in dialog.findChildren(QLabel) if x.text() == "Per&iod:"]
    assert len(period) == 1 and period[0].buddy() is dialog.from_edit  # Alt+I goes to the period's start
    if mode == "pack":
        dialog.grab().save(str(tmp_path / "export-dialog.png"))


def test_the_cover_typed_is_kept_in_the_project_and_shown_when_it_is_opened_again(window, make_window, qtbot,
                                                                                   tmp_path, monkeypatch):
    from PySide6.QtWidgets import QDialog

    from bcpviewer.ui.export.export_dialog import PACK, SUMMARY, ExportDialog

    def type_cover(dialog: ExportDialog) -> QDialog.DialogCode:
        dialog.title_edit.setText("Improvement update")
        dialog.council_edit.setText("BCP Council")
        dialog.author_edit.setText("Scrutiny officer")
        dialog.cover.meeting_edit.setText("Children's Services O&S Committee")
        dialog.cover.date_edit.setText("14/01/2027")
        dialog.cover.purpose_edit.setPlainText("To update members.")
        dialog.cover.recommendation_edit.setPlainText("That the committee notes the report.")
        dialog.cover.messages_edit.setPlainText("Our first message.\n=SUM(A1:A2)")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ExportDialog, "exec", type_cover)
    assert not window.project.is_dirty
    options, _filtered = window.export.ask(PACK)
    assert options.meeting == COVER.meeting and options.key_messages == COVER.key_messages
    assert window.session.edits.cover == COVER and window.project.is_dirty  # an edit: the project is unsaved
    window.session.undo_stack.undo()
    assert window.session.edits.cover == EMPTY_COVER and not window.project.is_dirty
    window.session.undo_stack.redo()
    assert window.project.save_as(tmp_path / "review.bcpv") and not window.project.is_dirty

    seen: dict[str, object] = {}

    def look(dialog: ExportDialog) -> QDialog.DialogCode:
        seen["title"] = dialog.title_edit.text()
        seen["council"] = dialog.council_edit.text()
        seen["author"] = dialog.author_edit.text()
        if dialog.cover is not None:
            seen["meeting"] = dialog.cover.meeting_edit.text()
            seen["date"] = dialog.cover.meeting_date()
            seen["purpose"] = dialog.cover.purpose_edit.toPlainText()
            seen["recommendation"] = dialog.cover.recommendation_edit.toPlainText()
            seen["messages"] = dialog.cover.key_messages()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ExportDialog, "exec", look)
    other = make_window("other.ini", today=date(2026, 12, 1))  # fresh settings: only the project remembers
    assert other.project.open_project(tmp_path / "review.bcpv")
    other.export.ask(PACK)
    assert seen == {"title": "Improvement update", "council": "BCP Council", "author": "Scrutiny officer",
                    "meeting": COVER.meeting, "date": date(2027, 1, 14), "purpose": "To update members.",
                    "recommendation": "That the committee notes the report.", "messages": COVER.key_messages}
    assert not other.project.is_dirty  # shown and accepted unchanged: nothing to save
    seen.clear()
    other.export.ask(SUMMARY)  # a summary's dialog shows the title, council and author, and keeps the rest
    assert seen["title"] == "Improvement update" and other.session.edits.cover == COVER


def test_the_command_line_uses_the_project_cover_unless_told_otherwise(tmp_path, qapp):
    from bcpviewer.cli import main
    from bcpviewer.model.project import SourceFile
    from tests.test_report import pdf_text, squeeze
    from tests.test_summary_xlsx import SAMPLE

    project = tmp_path / "work.bcpv"
    save_project(project, Project(sources=(SourceFile(str(SAMPLE)),), edits=with_cover(EMPTY_EDITS, COVER)))
    pdf = tmp_path / "pack.pdf"
    assert main(["export", "--project", str(project), "--pdf", str(pdf), "--as-of", "2026-11-23",
                 "--sections", "actions", "--recommendation", "To note the report."]) == 0
    first = squeeze(pdf_text(pdf)[0][0])
    assert squeeze("Children's Services O&S Committee, 14 Jan 2027") in first
    assert squeeze("Improvement update") in first and squeeze("To note the report.") in first
    assert squeeze(COVER.recommendation) not in first  # the command line's own wins
