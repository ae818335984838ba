"""Project files (.bcpv, JSON): atomic saves that never damage the old file, loads that explain refusals."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import bcpviewer
from bcpviewer.io.atomic import remove_stale_temp_files, write_atomic
from bcpviewer.io.errors import LoadError
from bcpviewer.io.files import open_regular
from bcpviewer.io.jsonfile import read_json, repair_text
from bcpviewer.model.project import (
    Project,
    ProjectFormatError,
    SourceFile,
    from_dict,
    to_dict,
)

RECOVERY_OF = "recovery_of"  # in a recovery file: the project it is unsaved work of (null: untitled)
_CHUNK = 1 << 20
MAX_PROJECT_BYTES = 200_000_000  # annotations and edits; the data stays in its own files
_HASHES: dict[tuple[str, int, int], str] = {}  # autosaves hash the sources every minute: once is enough


# -- saving ----------------------------------------------------------------------------------------
def save_project(path: str | Path, project: Project, *, extra: dict[str, object] | None = None) -> None:
    """Write ``project`` to ``path`` atomically; on any failure the old file is untouched (SaveError)."""
    data = {**to_dict(project), **(extra or {}), "saved_by": f"BCP Viewer {bcpviewer.__version__}",
            "saved": datetime.now(UTC).replace(microsecond=0).isoformat()}
    text, _repaired = repair_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    written = write_atomic(path, text.encode("utf-8"), what="project")  # repaired: never fails on text
    remove_stale_temp_files(written.parent)  # what killed saves left beside it


# -- loading ---------------------------------------------------------------------------------------
def load_project(path: str | Path) -> Project:
    """Read a project file; LoadError (one sentence) for no file, bad JSON, wrong type, newer schema."""
    return _read_project(Path(path))


def _read_project(p: Path) -> Project:
    """The project in ``p``, its repaired characters (if any) said in ``notices``."""
    found = read_json(p, MAX_PROJECT_BYTES, "project file", "a project holds notes, not data; check the file")
    try:
        project = from_dict(found.data)
    except ProjectFormatError as exc:  # NewerSchemaError included: its message says to update
        raise LoadError(str(p), str(exc)) from None
    if found.repaired:
        n = found.repaired
        notice = (f"{n:,} character{'s' if n != 1 else ''} that no text file can hold (a lone "
                  "surrogate) were replaced with \ufffd so that the project can be saved again.")
        project = replace(project, notices=(*project.notices, notice))
    return project


# -- recovery files: a project plus which file it is unsaved work of -------------------------------
@dataclass(frozen=True, slots=True)
class Recovery:
    """Unsaved work found on disk: the project, the file it belongs to (None: never saved), when."""

    project: Project
    original: str | None
    saved: str


def save_recovery(path: str | Path, project: Project, original: str | Path | None) -> None:
    save_project(path, project, extra={RECOVERY_OF: None if original is None else str(original)})


def load_recovery(path: str | Path) -> Recovery:
    project = _read_project(Path(path))
    extra = dict(project.extra)
    original = extra.pop(RECOVERY_OF, None)
    saved = str(extra.get("saved") or "")
    return Recovery(replace(project, extra=extra), str(original) if original else None, saved)


# -- source files ----------------------------------------------------------------------------------
def file_sha256(path: str | Path) -> str:
    """The file's SHA-256 (hex); remembered while its size and modification time stay the same."""
    st = os.stat(path)
    key = (os.path.abspath(path), st.st_size, st.st_mtime_ns)
    if key not in _HASHES:
        digest = hashlib.sha256()
        with open_regular(path) as fh:
            while chunk := fh.read(_CHUNK):
                digest.update(chunk)
        if len(_HASHES) > 256:
            _HASHES.clear()
        _HASHES[key] = digest.hexdigest()
    return _HASHES[key]


def relative_path(path: str | Path, base: Path | None) -> str:
    """``path`` relative to the folder ``base`` where possible (POSIX separators), else absolute."""
    absolute = Path(os.path.abspath(path))
    if base is None:
        return absolute.as_posix()
    try:
        return Path(os.path.relpath(absolute, os.path.abspath(base))).as_posix()
    except ValueError:  # another drive on Windows
        return absolute.as_posix()


def resolve_path(stored: str, base: Path | None) -> Path:
    """Where a stored source path points, read relative to the project's folder ``base``."""
    p = Path(stored)
    if p.is_absolute() or base is None:
        return p
    return Path(os.path.normpath(base / p))


def describe_sources(paths: Sequence[str | Path], base: Path | None,
                     previous: Sequence[SourceFile] = (), previous_base: Path | None = None
                     ) -> tuple[SourceFile, ...]:
    """SourceFile entries for ``paths``; a missing file keeps what was known of it before."""
    known = {resolve_path(s.path, previous_base): s for s in previous}
    out = []
    for p in paths:
        path = Path(os.path.abspath(p))
        rel = relative_path(path, base)
        try:
            st = path.stat()
            out.append(SourceFile(rel, file_sha256(path), st.st_size, st.st_mtime))
        except (OSError, ValueError, LoadError):  # gone, a bad name, or not an ordinary file
            old = known.get(path)
            out.append(replace(old, path=rel) if old else SourceFile(rel))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class SourceCheck:
    """A project's source file as found now: ``ok``, ``missing`` or ``changed`` since the save."""

    path: Path
    state: str


def check_sources(project: Project, base: Path | None) -> list[SourceCheck]:
    """Where each source is, and whether it is there and unchanged (by content hash)."""
    out = []
    for s in project.sources:
        path = resolve_path(s.path, base)
        try:
            if not path.is_file():
                out.append(SourceCheck(path, "missing"))
                continue
            same = not s.sha256 or file_sha256(path) == s.sha256
        except (OSError, ValueError, LoadError):
            same = True  # unreadable now (a name too long, no permission): the loader will say why
        out.append(SourceCheck(path, "ok" if same else "changed"))
    return out
