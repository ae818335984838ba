"""File › Update official data (and ``bcpviewer official update``): newer DfE tidy CSVs, and an
Ofsted ILACS history, imported into the user's copy of the official data through the one importer
the build uses (official_store). The shipped file is never written: the first update copies it;
"Revert to the shipped data" removes the copy. A file that is neither is refused in one sentence
before anything is written."""

from __future__ import annotations

import errno
import json
import shutil
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import quote

from bcpviewer.io import csvfile, dfe, ofsted
from bcpviewer.io.atomic import write_atomic
from bcpviewer.io.errors import Cancelled, LoadError, SaveError
from bcpviewer.io.files import check_regular
from bcpviewer.io.grid import Grid
from bcpviewer.io import official_paths as locate
from bcpviewer.io.official_store import SCHEMA_VERSION, Imported, Log, Store, sha256
from bcpviewer.model.spans import format_date

Progress = Callable[[str, float], None]
DFE, OFSTED = "dfe", "ofsted"


@dataclass(frozen=True)
class _Input:
    path: Path
    kind: str  # DFE or OFSTED
    grid: Grid
    publication: str = ""


@dataclass
class UpdateReport:
    """What an update added, file by file, and where the updated copy is."""

    path: Path
    imported: list[Imported] = field(default_factory=list)
    already: list[str] = field(default_factory=list)  # files whose exact content was held already
    log: Log = field(default_factory=Log)

    @property
    def changed(self) -> bool:
        return any(i.added or i.revised or i.older or i.inspections or i.corrected for i in self.imported)

    def summary(self) -> str:
        """What was added, in a few sentences: files, indicators, periods, councils, figures."""
        parts = []
        for i in self.imported:
            if i.inspections or i.known_inspections or i.corrected:
                fixed = (f", {i.corrected} corrected (what the earlier file said is kept in each one's "
                         "notes)" if i.corrected else "")
                parts.append(f"{i.file}: {i.inspections} new inspection{'s' if i.inspections != 1 else ''}"
                             f"{fixed} for {len(i.councils)} council{'s' if len(i.councils) != 1 else ''}"
                             f" ({i.known_inspections} already held unchanged).")
                continue
            periods = sorted(i.periods)
            new = (f"{len(periods)} new period{'s' if len(periods) != 1 else ''} ("
                   + ", ".join(p.label for p in periods[:4]) + (", …" if len(periods) > 4 else "") + ")"
                   if periods else "no new period")
            parts.append(
                f"{i.file} ({i.release}): {len(i.indicators)} indicator{'s' if len(i.indicators) != 1 else ''}"
                f" with new or revised figures, {new}, {len(i.councils)} council"
                f"{'s' if len(i.councils) != 1 else ''}; " + _counts(i) + ".")
        for name in self.already:
            parts.append(f"{name}: already imported (the same file); nothing to add.")
        if not self.changed:
            parts.append("Nothing new: the official data read is unchanged.")
        return " ".join(parts)


def _counts(i: Imported) -> str:
    said = [f"{i.added:,} figures added"]
    if i.revised:
        said.append(f"{i.revised:,} revised (the earlier figures kept as revisions)")
    if i.older:
        said.append(f"{i.older:,} from an older release than the one held (kept as revisions)")
    if i.unchanged:
        said.append(f"{i.unchanged:,} already held unchanged")
    return ", ".join(said)


def read_inputs(paths: Sequence[str | Path], known: dict[str, str]) -> list[_Input]:
    """Each file as a DfE tidy CSV or an Ofsted ILACS history; LoadError (one sentence) for the
    first that is neither. ``known``: DfE column -> publication, from the data held."""
    out = []
    for p in (Path(x) for x in paths):
        check_regular(p)
        if p.suffix.lower() not in csvfile.EXTENSIONS:
            raise LoadError(str(p), "Only CSV files can update the official data: a DfE tidy CSV "
                                    "from explore-education-statistics or an Ofsted ILACS history.")
        grid = csvfile.read_grid(p)
        header = [str(h).strip().lower() for h in grid.rows[0]] if grid.rows else []
        if dfe.is_dfe(header):
            counts: dict[str, int] = {}
            for h in header:
                if h in known:
                    counts[known[h]] = counts.get(known[h], 0) + 1
            if not counts:
                raise LoadError(str(p), "This DfE file holds none of the indicators in the official "
                                        "data (workforce, children in need, child protection, children "
                                        "looked after), so it was not imported.")
            out.append(_Input(p, DFE, grid, max(counts, key=lambda k: counts[k])))
        elif ofsted.find(grid) is not None:
            out.append(_Input(p, OFSTED, grid))
        else:
            raise LoadError(str(p), "This is neither a DfE tidy CSV (time_period, time_identifier and "
                                    "geographic_level columns) nor an Ofsted ILACS history, so nothing "
                                    "was imported.")
    return out


def update(paths: Sequence[str | Path], *, target: Path | None = None, base: Path | None = None,
           today: date | None = None, progress: Progress | None = None,
           cancelled: Callable[[], bool] | None = None) -> UpdateReport:
    """Import ``paths`` into ``target`` (the user's copy), starting from it when it exists, else
    from ``base`` (the shipped file). Every file is checked before anything is written; the copy
    is replaced whole (the one atomic write) and is untouched when a file is refused, the
    update is cancelled, nothing is new, or the disk fails (SaveError, one sentence)."""
    target = target or locate.user_copy_path()
    base = base or locate.shipped_path()
    start = target if _readable(target) and locate.stale_note(target, base) is None else base
    stop = cancelled or (lambda: False)
    say = progress or (lambda _m, _f: None)
    say("Checking the files…", 0.0)
    try:
        with sqlite3.connect(_ro(start), uri=True) as db:
            known = dict(db.execute("SELECT i.dfe_column, s.publication FROM indicators i "
                                    "JOIN sources s ON s.id = i.source"))
            held = {d for (d,) in db.execute("SELECT sha256 FROM sources")}
        db.close()
    except sqlite3.Error as e:
        raise LoadError(str(start), f"The official data to update cannot be read ({e}): reinstall the "
                                    "app, or revert to the shipped data.") from None
    inputs = read_inputs(paths, known)
    report = UpdateReport(target)
    todo = []
    for inp in inputs:
        if sha256(inp.path) in held:
            report.already.append(inp.path.name)
        else:
            todo.append(inp)
    if not todo:
        return report
    when = (today or date.today()).isoformat()

    def write(tmp: str) -> None:
        shutil.copyfile(start, tmp)
        try:
            db = sqlite3.connect(tmp)
            try:  # the temp file is replaced whole or dropped: no -journal file beside it
                db.execute("PRAGMA journal_mode = MEMORY")
                _import(Store(db, report.log, stop), todo, report, when, say, stop)
                if not report.changed:
                    raise _NothingNew()
                _note(db, [i.release for i in report.imported], when)
                db.commit()
            finally:
                db.close()
        except sqlite3.Error as e:  # a full disk, a file-size limit, a failing disk
            raise _disk_error(e) from e

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise SaveError(str(target), f"The folder for your updated copy of the official data, "
                                     f"{target.parent}, could not be made ({e.strerror or e}); nothing "
                                     "was written.") from None
    try:
        write_atomic(target, write, what="updated copy of the official data")
    except _NothingNew:  # the copy (or the shipped file) already holds it all: nothing is written
        pass
    say("Done", 1.0)
    return report


class _NothingNew(Exception):
    """The files add nothing: the temp copy is dropped and the copy read is left untouched."""


def _import(store: Store, todo: list[_Input], report: UpdateReport, when: str, say: Progress,
            stop: Callable[[], bool]) -> None:
    for k, inp in enumerate(todo):
        if stop():
            raise Cancelled()
        say(f"Importing {inp.path.name}…", k / len(todo))
        if inp.kind == DFE:
            report.imported.append(store.import_dfe(inp.path, inp.publication, imported=when, grid=inp.grid))
        else:
            report.imported.append(store.import_inspections(inp.path, imported=when, table=ofsted.find(inp.grid)))
    store.write_places(with_models=False)


def _disk_error(e: sqlite3.Error) -> OSError:
    """SQLite's error as the OSError the one atomic write turns into a SaveError's sentence."""
    code = (getattr(e, "sqlite_errorcode", None) or 0) & 0xFF
    number = {13: errno.ENOSPC, 8: errno.EROFS, 3: errno.EACCES, 14: errno.EACCES}.get(code, errno.EIO)
    return OSError(number, str(e))


def _note(db: sqlite3.Connection, releases: list[str], when: str) -> None:
    got = dict(db.execute("SELECT key, value FROM metadata"))
    try:
        held = json.loads(got.get("releases", "[]"))
    except ValueError:
        held = []
    meta = {"releases": json.dumps([*held, *releases]), "updated": when,
            "shipped_built": got.get("shipped_built", got.get("built", ""))}
    db.executemany("INSERT OR REPLACE INTO metadata VALUES (?, ?)", sorted(meta.items()))


def _ro(path: Path) -> str:
    return f"file:{quote(str(path.resolve()))}?mode=ro"


def _readable(path: Path) -> bool:
    """Is there a copy of this schema to update (else the update starts from the shipped file)?"""
    if not path.is_file():
        return False
    try:
        with sqlite3.connect(_ro(path), uri=True) as db:
            got = db.execute("SELECT value FROM metadata WHERE key = 'schema_version'").fetchone()
        db.close()
    except sqlite3.DatabaseError:
        return False
    return got is not None and got[0] == SCHEMA_VERSION


def updated_on(target: Path | None = None) -> str | None:
    """When the user's copy was last updated ("7 Dec 2026"), or None when there is no copy read
    (none, or one made from an older shipped release: ``official_paths.stale_note``)."""
    target = target or locate.user_copy_path()
    if not _readable(target) or locate.stale_note(target) is not None:
        return None
    with sqlite3.connect(_ro(target), uri=True) as db:
        got = db.execute("SELECT value FROM metadata WHERE key = 'updated'").fetchone()
    db.close()
    try:
        return format_date(date.fromisoformat(got[0])) if got else "an unknown date"
    except ValueError:
        return "an unknown date"


def revert(target: Path | None = None) -> bool:
    """Remove the user's copy (the app reads the shipped file again); False when there was none."""
    target = target or locate.user_copy_path()
    try:
        target.unlink()
    except FileNotFoundError:
        return False
    return True
