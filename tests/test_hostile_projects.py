"""Project files and timelines with malformed values: one sentence naming what is wrong, never a
traceback; text no file can hold is repaired so that saving always works."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bcpviewer.io.errors import LoadError
from bcpviewer.io.loader import load_file
from bcpviewer.io.project import load_project, load_recovery, save_project, save_recovery
from bcpviewer.io.xlsx_cells import clean
from bcpviewer.model.project import Project

NOTE = {"id": "N1", "target": {"date": "2023-01-01"}, "text": "A note", "created": "2024-01-01T10:00:00+00:00"}


def project_text(**fields: object) -> str:
    data = {"format": "bcpviewer-project", "schema_version": 2, "sources": [], "annotations": []}
    data.update(fields)
    return json.dumps(data)


def write(tmp_path: Path, text: str, name: str = "p.bcpv") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


@pytest.mark.parametrize(("size", "message"), [
    ("Infinity", r"holds a number that is infinite \(Infinity\)"),
    ("-Infinity", r"holds a number that is infinite \(-Infinity\)"),
    ("NaN", r"holds a number that is not a number \(NaN\)"),
    ("1e400", r"holds a number that is too large \(1e400\)"),
    ('"12 KB"', r"The 'size' of 'data.csv' in the project file is '12 KB', not a whole number"),
    ("-5", r"The 'size' of 'data.csv' .* not a whole number"),
    ("true", r"The 'size' of 'data.csv' .* not a whole number"),
])
def test_a_sources_size_that_is_no_size_is_refused_in_one_sentence(tmp_path: Path, size: str,
                                                                   message: str) -> None:
    text = project_text().replace('"sources": []', f'"sources": [{{"path": "data.csv", "size": {size}}}]')
    with pytest.raises(LoadError, match=message):
        load_project(write(tmp_path, text))


def test_nesting_two_hundred_thousand_deep_is_refused(tmp_path: Path) -> None:
    text = project_text().replace('"annotations": []', '"annotations": ' + "[" * 200_000 + "]" * 200_000)
    with pytest.raises(LoadError, match="nested too deeply"):
        load_project(write(tmp_path, text))


@pytest.mark.parametrize(("path", "message"), [
    ("data\u0000.csv", "holds a NUL character"),
    ("d" * 100_000 + ".csv", "is 100,004 characters long"),
    ("", "not a file name"),
    (42, "not a file name"),
])
def test_a_source_path_no_system_can_open_is_refused(tmp_path: Path, path: object, message: str) -> None:
    with pytest.raises(LoadError, match=message):
        load_project(write(tmp_path, project_text(sources=[{"path": path}])))


@pytest.mark.parametrize(("value", "private"), [(True, True), (False, False), ("false", False),
                                                ("TRUE", True), (None, False)])
def test_private_is_read_as_meant(tmp_path: Path, value: object, private: bool) -> None:
    p = write(tmp_path, project_text(annotations=[{**NOTE, "private": value}]))
    note = load_project(p).annotations["N1"]
    assert note.private is private


@pytest.mark.parametrize("value", ["no", "0", 1, [], {"x": 1}])
def test_private_that_is_not_true_or_false_is_a_clear_problem(tmp_path: Path, value: object) -> None:
    p = write(tmp_path, project_text(annotations=[{**NOTE, "private": value}]))
    with pytest.raises(LoadError, match=r"The 'private' of 'note N1' in the project file is .*not true or false"):
        load_project(p)


def test_a_lone_surrogate_in_a_note_is_repaired_said_and_saves(tmp_path: Path) -> None:
    raw = project_text(annotations=[{**NOTE, "text": "before SURROGATE after"}]).replace("SURROGATE", "\\ud800")
    assert "\\ud800" in raw  # the escape, as a file holds it
    p = write(tmp_path, raw)
    project = load_project(p)
    note = project.annotations["N1"]
    assert note.text == "before \ufffd after"
    assert project.notices and "1 character" in project.notices[0] and "\ufffd" in project.notices[0]
    save_project(tmp_path / "again.bcpv", project)
    assert load_project(tmp_path / "again.bcpv").annotations == project.annotations
    save_recovery(tmp_path / "r.bcpv", project, p)
    assert load_recovery(tmp_path / "r.bcpv").project.annotations == project.annotations


def test_a_save_never_fails_on_text(tmp_path: Path) -> None:
    project = Project(extra={"from another tool": "x\udfffy"})  # however a lone surrogate got in
    save_project(tmp_path / "p.bcpv", project)
    assert load_project(tmp_path / "p.bcpv").extra["from another tool"] == "x\ufffdy"


def test_a_timeline_with_a_lone_surrogate_loads_with_a_problem_and_exports(tmp_path: Path) -> None:
    timeline = {"events": [{"start_date": {"year": "2021", "month": "3", "day": "4"},
                            "text": {"headline": "Visit \\udc00 report", "text": "x"}}]}
    p = write(tmp_path, json.dumps(timeline).replace("\\\\udc00", "\\udc00"), "t.json")
    d = load_file(p)
    (event,) = d.events
    assert event.title == "Visit \ufffd report"
    assert any("lone surrogate" in pr.message for pr in d.problems)


def test_the_xlsx_cell_writer_never_writes_what_cannot_be_reopened(tmp_path: Path) -> None:
    from openpyxl import Workbook

    assert clean("a\ud800b\udfff") == "a\ufffdb\ufffd"
    wb = Workbook()
    wb.active["A1"] = clean("title \ud800")
    wb.save(tmp_path / "x.xlsx")
    assert load_workbook(tmp_path / "x.xlsx").active["A1"].value == "title \ufffd"
