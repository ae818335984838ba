"""Project files: every field survives a round trip, saves are atomic, refusals are clear, migrations run."""

from __future__ import annotations

import errno
import hashlib
import json
import os
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from bcpviewer.io import project as pio
from bcpviewer.io.errors import LoadError, SaveError
from bcpviewer.io.project import load_project, save_project
from bcpviewer.model import project as pm
from bcpviewer.model.annotations import AnnotationSet, DateTarget, ItemTarget, RangeTarget, new_annotation
from bcpviewer.model.filtering import Filter
from bcpviewer.model.project import Project, SourceFile, from_dict, to_dict
from bcpviewer.model.spans import Span
from bcpviewer.model.vocab import EventKind, Status

T0 = datetime(2024, 6, 1, 9, 30, tzinfo=UTC)


def full_project() -> Project:
    notes = AnnotationSet([
        new_annotation(ItemTarget("event:E07"), "Judged inadequate overall.\nLeaders inadequate.", now=T0,
                       id="a1", tags=("ofsted", "judgement"), source_title="Ofsted ILACS report (11 Feb 2022)",
                       source_url="https://reports.ofsted.gov.uk/", include_in_briefing=True,
                       author="cllr.smith"),
        new_annotation(RangeTarget(date(2022, 3, 1), date(2024, 12, 13)), "Statutory direction in force",
                       now=T0.replace(minute=31), private=True, author="officer", id="a2"),
        new_annotation(DateTarget(date(2020, 11, 5)),
                       "Focused visit letter: two priority actions — “50 cases”",
                       now=T0.replace(minute=32), id="a3"),
    ])
    return Project(
        sources=(SourceFile("data/bcp.xlsx", "ab" * 32, 12345, 1717230000.5), SourceFile("/abs/dfe.csv")),
        annotations=notes,
        filters=Filter("agency", frozenset({"6. Workforce", ""}), frozenset({Status.RED, Status.AMBER}),
                       frozenset({EventKind.MONITORING_VISIT}), date(2021, 1, 1), date(2024, 12, 31),
                       overdue_only=True),
        metrics=("Agency worker rate", "Vacancy rate"),
        view_range=Span(date(2021, 6, 1), date(2025, 1, 31)),
    )


# -- the pure model ---------------------------------------------------------------------------------------
def test_dict_round_trip_keeps_every_field():
    p = full_project()
    data = json.loads(json.dumps(to_dict(p)))
    assert data["format"] == "bcpviewer-project" and data["schema_version"] == pm.SCHEMA_VERSION
    again = from_dict(data)
    assert again == p
    assert [a.created for a in again.annotations.values()] == [a.created for a in p.annotations.values()]


def test_an_empty_project_round_trips():
    assert from_dict(json.loads(json.dumps(to_dict(Project())))) == Project()


def test_newer_schema_is_refused_with_a_clear_message():
    data = to_dict(Project()) | {"schema_version": pm.SCHEMA_VERSION + 1}
    with pytest.raises(pm.NewerSchemaError, match="newer version of BCP Viewer.*Update"):
        from_dict(data)


def test_older_schemas_are_migrated_step_by_step(monkeypatch):
    def v0_to_v1(d: dict) -> dict:  # an imagined older format that kept "files" as bare paths
        d["sources"] = [{"path": p} for p in d.pop("files")]
        return d

    monkeypatch.setitem(pm.MIGRATIONS, 0, v0_to_v1)
    old = {"format": "bcpviewer-project", "schema_version": 0, "files": ["a.xlsx"], "annotations": []}
    assert from_dict(old).sources == (SourceFile("a.xlsx"),)


@pytest.mark.parametrize("data, message", [
    ([1, 2], "not a BCP Viewer project"),
    ({"format": "something-else"}, "not a BCP Viewer project"),
    ({"format": "bcpviewer-project"}, "no valid schema version"),
    ({"format": "bcpviewer-project", "schema_version": 1, "annotations": [{"text": "x"}]}, "damaged"),
    ({"format": "bcpviewer-project", "schema_version": 1, "sources": "x.xlsx"}, "damaged"),
])
def test_things_that_are_not_projects_are_refused(data, message):
    with pytest.raises(pm.ProjectFormatError, match=message):
        from_dict(data)


def test_unknown_top_level_keys_are_kept_for_the_next_save():
    data = to_dict(Project()) | {"briefing_settings": {"title": "O&S, March"}}
    assert to_dict(from_dict(data))["briefing_settings"] == {"title": "O&S, March"}


# -- files ------------------------------------------------------------------------------------------------
def test_save_and_load_round_trip_through_a_file(tmp_path):
    path = tmp_path / "review.bcpv"
    save_project(path, full_project())
    assert load_project(path) == full_project()
    assert not [p for p in tmp_path.iterdir() if p.name != "review.bcpv"]  # no temporary files left


@pytest.mark.parametrize("broken", ["replace", "fsync", "write"])
def test_an_interrupted_save_leaves_the_old_file_byte_identical(tmp_path, monkeypatch, broken):
    path = tmp_path / "review.bcpv"
    save_project(path, Project(metrics=("old",)))
    before = path.read_bytes()

    def fail(*_a, **_k):
        raise OSError(errno.ENOSPC, "No space left on device")

    if broken == "write":
        real_fdopen = os.fdopen

        class Failing:
            def __init__(self, fd, mode):
                self.fh = real_fdopen(fd, mode)

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.fh.close()

            def write(self, data):
                self.fh.write(data[: len(data) // 2])
                fail()

        monkeypatch.setattr(pio.os, "fdopen", Failing)
    else:
        monkeypatch.setattr(pio.os, broken, fail)
    with pytest.raises(SaveError, match="disk is full.*has not changed"):
        save_project(path, full_project())
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["review.bcpv"]


def test_saving_where_one_may_not_write_says_so(tmp_path):
    with pytest.raises(SaveError, match="folder does not exist"):
        save_project(tmp_path / "gone" / "x.bcpv", Project())


@pytest.mark.parametrize("content, message", [
    (b"{not json", "not valid JSON"),
    (b'{"format": "bcpviewer-project", "schema_version": 99}', "newer version of BCP Viewer"),
    (b'"just a string"', "not a BCP Viewer project"),
])
def test_loading_bad_files_raises_one_clear_sentence(tmp_path, content, message):
    path = tmp_path / "bad.bcpv"
    path.write_bytes(content)
    with pytest.raises(LoadError, match=message) as info:
        load_project(path)
    assert "Traceback" not in str(info.value)
    with pytest.raises(LoadError, match="no such project file"):
        load_project(tmp_path / "missing.bcpv")


def test_sources_are_relative_to_the_project_with_content_hashes(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    sheet = data / "bcp.xlsx"
    sheet.write_bytes(b"spreadsheet bytes")
    (entry,) = pio.describe_sources([sheet], tmp_path)
    assert entry.path == "data/bcp.xlsx" and entry.size == 17
    assert entry.sha256 == hashlib.sha256(b"spreadsheet bytes").hexdigest()
    assert pio.resolve_path(entry.path, tmp_path) == sheet
    project = Project(sources=(entry, pm.SourceFile("data/missing.csv")))
    assert [c.state for c in pio.check_sources(project, tmp_path)] == ["ok", "missing"]
    sheet.write_bytes(b"changed")
    assert pio.check_sources(project, tmp_path)[0].state == "changed"
    moved = pio.describe_sources([tmp_path / "data" / "missing.csv"], tmp_path / "elsewhere",
                                 project.sources, tmp_path)
    assert moved[0].path == "../data/missing.csv"  # a missing file keeps its entry, re-based


def test_recovery_files_remember_which_project_they_belong_to(tmp_path):
    path = tmp_path / "rec.bcpv"
    pio.save_recovery(path, full_project(), tmp_path / "review.bcpv")
    found = pio.load_recovery(path)
    assert found.project == full_project() and found.original == str(tmp_path / "review.bcpv")
    assert found.saved.startswith(str(datetime.now(UTC).year))
    assert "recovery_of" not in found.project.extra


def test_paths_outside_the_project_folder_still_work(tmp_path):
    elsewhere = Path(os.path.abspath(os.sep)) / "srv" / "shared" / "tracker.xlsx"
    rel = pio.relative_path(elsewhere, tmp_path)
    assert pio.resolve_path(rel, tmp_path) == elsewhere


@pytest.mark.parametrize("raw, expected", [(True, True), ("true", True), ("false", False), (None, False)])
def test_overdue_only_is_read_as_written(raw, expected):
    data = to_dict(Project()) | {"filters": {"overdue_only": raw}}
    assert from_dict(data).filters.overdue_only is expected


def test_an_overdue_only_that_is_not_true_or_false_is_refused_naming_it():
    data = to_dict(Project()) | {"filters": {"overdue_only": "yes please"}}
    with pytest.raises(pm.ProjectFormatError, match="overdue_only"):
        from_dict(data)
