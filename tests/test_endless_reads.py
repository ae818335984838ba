"""Reads that would never end are refused at once: pipes, devices and folders under a data file's
name (directly or through a link), lines of millions of columns, files of countless tiny cells;
header matching over thousands of columns stops when cancelled."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from bcpviewer.io import csvfile
from bcpviewer.io.errors import Cancelled, LoadError
from bcpviewer.io.grid import Grid
from bcpviewer.io.loader import load_file
from bcpviewer.io.project import check_sources, describe_sources, load_project
from bcpviewer.io.tables import locate
from bcpviewer.model.project import Project, SourceFile

SUFFIXES = (".csv", ".json", ".xlsx", ".bcpv")
needs_posix = pytest.mark.skipif(os.name != "posix", reason="pipes and /dev need a POSIX system")


def _finishes(fn, *args) -> BaseException | object:
    """Run fn in a thread; a read that never ends fails the test instead of hanging the suite."""
    out: list[object] = []

    def run() -> None:
        try:
            out.append(fn(*args))
        except BaseException as e:  # noqa: BLE001 - handed back to the test
            out.append(e)

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(60)
    assert not t.is_alive(), f"{fn.__name__}{args} never finished"
    return out[0]


def _read(path: Path) -> object:
    return load_project(path) if path.suffix == ".bcpv" else load_file(path)


@needs_posix
@pytest.mark.parametrize("suffix", SUFFIXES)
def test_a_pipe_under_a_data_files_name_is_refused(tmp_path: Path, suffix: str) -> None:
    fifo = tmp_path / f"x{suffix}"
    os.mkfifo(fifo)
    result = _finishes(_read, fifo)
    assert isinstance(result, LoadError), result
    assert "a pipe (FIFO), not an ordinary" in str(result)


@needs_posix
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
@pytest.mark.parametrize("suffix", SUFFIXES)
def test_a_link_to_an_endless_device_is_refused(tmp_path: Path, suffix: str, device: str) -> None:
    if not os.path.exists(device):
        pytest.skip(f"{device} is not on this system")
    link = tmp_path / f"x{suffix}"
    link.symlink_to(device)
    result = _finishes(_read, link)
    assert isinstance(result, LoadError), result
    assert "is a device, not an ordinary" in str(result)


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_a_folder_under_a_data_files_name_is_refused(tmp_path: Path, suffix: str) -> None:
    folder = tmp_path / f"x{suffix}"
    folder.mkdir()
    with pytest.raises(LoadError, match="This is a folder"):
        _read(folder)


@needs_posix
def test_a_project_source_that_is_a_pipe_is_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "data.csv"
    os.mkfifo(fifo)
    (entry,) = _finishes(describe_sources, [fifo], tmp_path)
    assert not entry.sha256 and entry.path == "data.csv"  # described, not hashed
    checks = _finishes(check_sources, Project(sources=(SourceFile("data.csv", "ab" * 32),)), tmp_path)
    assert [c.state for c in checks] == ["missing"]  # not an ordinary file: as good as absent


def test_a_line_of_a_million_columns_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    p = tmp_path / "wide.csv"
    p.write_text("Ref,Action\n" + "a," * 1_000_000 + "\n", encoding="utf-8")
    with pytest.raises(LoadError, match=r"Line 2 of this file has more than 16,384 columns \(the limit\)"):
        load_file(p)


def test_a_line_at_the_column_limit_reads(tmp_path: Path) -> None:
    p = tmp_path / "limit.csv"
    p.write_text("Ref,Action,Due date," + ",".join(f"c{i}" for i in range(csvfile.MAX_COLUMNS - 3))
                 + "\nA1,Recruit social workers,31/03/2023\n", encoding="utf-8")
    d = load_file(p)
    assert [a.id for a in d.actions] == ["A1"]


def test_countless_tiny_cells_stop_at_the_cell_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csvfile, "MAX_SHEET_CELLS", 1_000)
    p = tmp_path / "tiny.csv"
    p.write_text("Ref,Action,Due date\n" + "a,b,c\n" * 2_000, encoding="utf-8")
    with pytest.raises(LoadError, match=r"more than 1,000 cells \(the limit\) by row 334"):
        load_file(p)
    p.write_text("Ref,Action,Due date\n" + "A1,b,2023\n" * 300, encoding="utf-8")  # 903 cells: read
    assert len(load_file(p).actions) == 1


def test_header_matching_over_thousands_of_columns_stops_when_cancelled() -> None:
    header = [f"Column heading number {i}" for i in range(16_000)]
    grid = Grid("wide.csv", None, [header, ["1"] * 16_000, ["2"] * 16_000])
    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 2  # the user presses Cancel during the matching

    with pytest.raises(Cancelled):
        locate(grid, None, cancelled)
    assert len(asked) == 3
    assert locate(grid, None, lambda: False) is None  # and without a cancel it finishes: no table
