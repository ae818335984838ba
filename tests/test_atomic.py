"""The one atomic write: all or nothing, through symbolic links, keeping permissions, and the
leftovers of killed saves cleared."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest

from bcpviewer.io.atomic import remove_stale_temp_files, write_atomic
from bcpviewer.io.errors import Cancelled, FileError, LoadError, SaveError
from bcpviewer.io.project import load_project, save_project
from bcpviewer.model.project import Project


def test_writes_bytes_and_keeps_the_old_files_permissions(tmp_path: Path) -> None:
    target = tmp_path / "a.json"
    target.write_bytes(b"old")
    target.chmod(0o640)
    assert write_atomic(target, b"new") == target
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json"]


def test_a_new_file_gets_the_usual_permissions_not_private_ones(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        write_atomic(tmp_path / "new.bin", b"x")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "new.bin").stat().st_mode) == 0o644


def test_a_symlink_stays_a_link_and_its_target_is_updated(tmp_path: Path) -> None:
    real = tmp_path / "real" / "review.bcpv"
    real.parent.mkdir()
    save_project(real, Project())
    link = tmp_path / "link.bcpv"
    link.symlink_to(real)
    save_project(link, Project(extra={"marker": "through the link"}))
    assert link.is_symlink() and link.resolve() == real
    assert load_project(real).extra["marker"] == "through the link"
    assert sorted(p.name for p in real.parent.iterdir()) == ["review.bcpv"]


def test_a_writer_function_gets_the_temp_path_and_failures_leave_nothing(tmp_path: Path) -> None:
    target = tmp_path / "book.xlsx"
    target.write_bytes(b"before")

    def half_then_fail(name: str) -> None:
        Path(name).write_bytes(b"half")
        raise OSError(28, "No space left on device")

    with pytest.raises(SaveError, match="disk is full.*has not changed") as info:
        write_atomic(target, half_then_fail, what="workbook")
    assert "workbook" in str(info.value) and isinstance(info.value, FileError)
    assert target.read_bytes() == b"before"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.xlsx"]

    def cancel(name: str) -> None:
        Path(name).write_bytes(b"part")
        raise Cancelled()

    with pytest.raises(Cancelled):
        write_atomic(target, cancel)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.xlsx"]
    write_atomic(target, lambda name: Path(name).write_bytes(b"after"))
    assert target.read_bytes() == b"after"


def test_one_error_base_for_reading_and_writing() -> None:
    assert issubclass(LoadError, FileError) and issubclass(SaveError, FileError)
    assert issubclass(SaveError, OSError)  # callers guarding a write with OSError still catch it
    e = SaveError("x.bcpv", "The project could not be saved.")
    assert str(e) == "The project could not be saved." and e.path == "x.bcpv"


def test_a_missing_folder_or_a_long_name_is_one_sentence(tmp_path: Path) -> None:
    with pytest.raises(SaveError, match="folder does not exist"):
        write_atomic(tmp_path / "gone" / "x.bcpv", b"x", what="project")
    with pytest.raises(SaveError, match="name is too long"):
        write_atomic(tmp_path / ("n" * 300 + ".bcpv"), b"x", what="project")


def test_stale_temp_files_of_our_naming_are_removed_and_nothing_else(tmp_path: Path) -> None:
    old = time.time() - 3 * 3600
    ours = [".review.bcpv.a1b2c3d4.tmp", ".Summary-k9_x7y2z.xlsx.tmp", ".pack-abcdefgh.pdf.tmp"]
    theirs = ["review.bcpv", ".review.bcpv.tmp", "notes.tmp", ".hidden", ".x.a1b2c3d4.tmp.keep"]
    for name in ours + theirs:
        (tmp_path / name).write_bytes(b"x")
        os.utime(tmp_path / name, (old, old))
    fresh = tmp_path / ".review.bcpv.zzzzzzzz.tmp"  # a save running now
    fresh.write_bytes(b"x")
    (tmp_path / ".dir.abcdefgh.tmp").mkdir()
    os.utime(tmp_path / ".dir.abcdefgh.tmp", (old, old))
    removed = remove_stale_temp_files(tmp_path, older_than_minutes=60)
    assert sorted(p.name for p in removed) == sorted(ours)
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == sorted(theirs + [fresh.name, ".dir.abcdefgh.tmp"])
    assert remove_stale_temp_files(tmp_path / "no such folder") == []


def test_a_nul_in_the_name_is_one_sentence(tmp_path: Path) -> None:
    with pytest.raises(SaveError, match="NUL"):
        write_atomic(str(tmp_path / "a\x00b.bcpv"), b"x", what="project")


def test_a_project_save_clears_what_killed_saves_left(tmp_path: Path) -> None:
    old = time.time() - 2 * 3600
    left = tmp_path / ".review.bcpv.k1ll3d00.tmp"
    left.write_bytes(b"half a project")
    os.utime(left, (old, old))
    save_project(tmp_path / "review.bcpv", Project())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["review.bcpv"]
