"""The one settings module: everything remembered between sessions, in one QSettings store: window layout,
recent files and projects, export choices, and what the user chose once and should not be asked again
(the council with its statistical-neighbour model, and column mappings by header signature)."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QSettings

from bcpviewer import data_folder

if TYPE_CHECKING:  # the window's frame reads settings before the readers are imported
    from bcpviewer.io.mapping import ColumnMapping

log = logging.getLogger(__name__)

ORGANISATION, APPLICATION = data_folder.ORGANISATION, data_folder.APPLICATION
MAX_RECENT = 10
VERSION = 2  # bump with a migration step in _migrate when keys change (2: choices.json moved in)
LAYOUT_VERSION = 4  # of the saved dock and toolbar layout; a layout saved by another version is ignored

_GEOMETRY = "window/geometry"
_STATE = "window/state"
_RECENT = "files/recent"
_RECENT_PROJECTS = "projects/recent"
DATA_DIR_ENV = data_folder.DATA_DIR_ENV  # where recovery files go, instead of the user's data folder
_LAST_DIR = "files/last_directory"
_VERSION = "settings/version"
_EXPORT = "export/"
_COUNCIL = "choices/council"  # JSON text
_COUNCIL_ASKED = "choices/council_asked"  # the first-start question was put (answered or not)
_MAPPINGS = "choices/mappings"  # JSON text: header signature -> mapping, oldest first
LEGACY_CHOICES = "choices.json"  # where version 1 kept the council and mappings, in the data folder
MAX_MAPPINGS = 200  # the oldest are forgotten beyond this
DEFAULT_MODEL, DEFAULT_STAT = "2021", "median"  # as bcpviewer.io.neighbours (not imported at start-up)


@dataclass(frozen=True)
class CouncilChoice:
    """A council (old LA code and name) and how its statistical neighbours are summarised."""

    code: str
    name: str = ""
    model: str = DEFAULT_MODEL
    stat: str = DEFAULT_STAT

    @property
    def label(self) -> str:
        return f"{self.name} ({self.code})" if self.name else self.code


@dataclass(frozen=True)
class ExportChoices:
    """The last export dialog's choices. Dates are ISO text ("": the data's ends); None: not chosen yet."""

    title: str = ""
    council: str = ""
    author: str = ""
    start: str = ""
    end: str = ""
    orientation: str = "portrait"
    sections: tuple[str, ...] | None = None
    metrics: tuple[str, ...] | None = None
    filtered: bool = True  # apply the window's find-and-filter choice to the actions and events
    folder: str = ""
    meeting: str = ""  # the pack's cover (issue 18); the meeting's date as ISO text
    meeting_date: str = ""
    purpose: str = ""
    recommendation: str = ""


class Settings:
    """Typed accessors with defaults over a QSettings (the user's, or one a test gives)."""

    def __init__(self, store: QSettings | None = None, data_dir: str | Path | None = None) -> None:
        self._store = store if store is not None else QSettings(ORGANISATION, APPLICATION)
        self._data_dir = Path(data_dir) if data_dir is not None else None
        self._migrate()

    @classmethod
    def from_file(cls, path: str | Path) -> Settings:
        """Settings kept in an ini file (tests, portable installs); their data folder sits beside it."""
        p = Path(path)
        return cls(QSettings(str(p), QSettings.Format.IniFormat), p.parent / f"{p.stem}-data")

    def data_dir(self) -> Path:
        """The folder for recovery files and the user's copy of the official data: the one rule
        (bcpviewer.data_folder): $BCPVIEWER_DATA_DIR, else the settings' own, else the user's."""
        return data_folder.data_dir(self._data_dir)

    @property
    def store(self) -> QSettings:
        return self._store

    def _migrate(self) -> None:
        version = self._store.value(_VERSION, 0, type=int)
        if version < 2:
            self._import_legacy_choices()
        if version < VERSION:
            self._store.setValue(_VERSION, VERSION)

    def _import_legacy_choices(self) -> None:
        """Version 1 kept the council and column mappings in a JSON file of their own: take them in."""
        path = self.data_dir() / LEGACY_CHOICES
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return
        except (OSError, ValueError, UnicodeDecodeError) as e:
            log.warning("The remembered choices in %s could not be read (%s); they are ignored", path, e)
            return
        if isinstance(data, dict):
            for key, name in ((_COUNCIL, "council"), (_MAPPINGS, "mappings")):
                if isinstance(data.get(name), dict) and not self._store.contains(key):
                    self._set_json(key, data[name])

    # -- window -------------------------------------------------------------------------
    def window_geometry(self) -> QByteArray:
        return self._bytes(_GEOMETRY)

    def set_window_geometry(self, geometry: QByteArray) -> None:
        self._store.setValue(_GEOMETRY, geometry)

    def window_state(self) -> QByteArray:
        return self._bytes(_STATE)

    def set_window_state(self, state: QByteArray) -> None:
        self._store.setValue(_STATE, state)

    def _bytes(self, key: str) -> QByteArray:
        value = self._store.value(key, QByteArray())
        return value if isinstance(value, QByteArray) else QByteArray()

    # -- files --------------------------------------------------------------------------
    def recent_files(self) -> list[str]:
        """Most recent first, at most MAX_RECENT, no duplicates."""
        value = self._store.value(_RECENT, [], type=list)
        out: list[str] = []
        for item in value or []:
            if isinstance(item, str) and item and item not in out:
                out.append(item)
        return out[:MAX_RECENT]

    def set_recent_files(self, paths: list[str]) -> None:
        unique: list[str] = []
        for p in paths:
            if p and p not in unique:
                unique.append(p)
        self._store.setValue(_RECENT, unique[:MAX_RECENT])

    def add_recent_file(self, path: str) -> None:
        """Put ``path`` at the top of the recent files (moving it if already there)."""
        self.set_recent_files([path, *(p for p in self.recent_files() if p != path)])

    def remove_recent_file(self, path: str) -> None:
        self.set_recent_files([p for p in self.recent_files() if p != path])

    def clear_recent_files(self) -> None:
        self._store.remove(_RECENT)

    def recent_projects(self) -> list[str]:
        """Project files, most recent first, at most MAX_RECENT."""
        value = self._store.value(_RECENT_PROJECTS, [], type=list)
        return _unique([v for v in value or [] if isinstance(v, str)])

    def add_recent_project(self, path: str) -> None:
        self._store.setValue(_RECENT_PROJECTS, _unique([path, *self.recent_projects()]))

    def remove_recent_project(self, path: str) -> None:
        self._store.setValue(_RECENT_PROJECTS, [p for p in self.recent_projects() if p != path])

    def clear_recent_projects(self) -> None:
        self._store.remove(_RECENT_PROJECTS)

    def last_directory(self) -> str:
        """The folder the Open dialog starts in (home when unset or gone)."""
        value = self._store.value(_LAST_DIR, "", type=str)
        return value if value and Path(value).is_dir() else str(Path.home())

    def set_last_directory(self, folder: str) -> None:
        self._store.setValue(_LAST_DIR, folder)

    # -- exports ------------------------------------------------------------------------
    def export_choices(self) -> ExportChoices:
        """The choices of the last export (defaults the first time)."""
        st = self._store

        def text(key: str, default: str = "") -> str:
            return str(st.value(_EXPORT + key, default, type=str) or default)

        def names(key: str) -> tuple[str, ...] | None:
            if not st.contains(_EXPORT + key):
                return None
            value = st.value(_EXPORT + key, [], type=list) or []
            return tuple(v for v in value if isinstance(v, str) and v)

        orientation = text("orientation", "portrait")
        return ExportChoices(
            title=text("title"), council=text("council"), author=text("author"), start=text("start"),
            end=text("end"),
            orientation=orientation if orientation in ("portrait", "landscape") else "portrait",
            sections=names("sections"), metrics=names("metrics"),
            filtered=bool(st.value(_EXPORT + "filtered", True, type=bool)), folder=text("folder"),
            meeting=text("meeting"), meeting_date=text("meeting_date"), purpose=text("purpose"),
            recommendation=text("recommendation"),
        )

    def set_export_choices(self, c: ExportChoices) -> None:
        st = self._store
        for key in ("title", "council", "author", "start", "end", "orientation", "folder", "meeting",
                    "meeting_date", "purpose", "recommendation"):
            st.setValue(_EXPORT + key, getattr(c, key))
        for key in ("sections", "metrics"):
            value = getattr(c, key)
            if value is None:
                st.remove(_EXPORT + key)
            else:
                st.setValue(_EXPORT + key, list(value))
        st.setValue(_EXPORT + "filtered", c.filtered)

    # -- choices made once: the council and column mappings -------------------------------------------
    def council(self) -> CouncilChoice | None:
        """The council DfE and Ofsted files are read for, if the user chose one to remember."""
        from bcpviewer.io import neighbours as sn

        raw = self._json(_COUNCIL)
        if not isinstance(raw.get("code"), str) or not raw["code"]:
            return None
        model = raw.get("model") if raw.get("model") in sn.MODELS else sn.DEFAULT_MODEL
        stat = raw.get("stat") if raw.get("stat") in sn.STATS else sn.DEFAULT_STAT
        name = raw.get("name") if isinstance(raw.get("name"), str) else ""
        return CouncilChoice(raw["code"], name, model, stat)

    def set_council(self, choice: CouncilChoice) -> None:
        self._set_json(_COUNCIL, {"code": choice.code, "name": choice.name, "model": choice.model,
                                  "stat": choice.stat})

    def clear_council(self) -> None:
        self._store.remove(_COUNCIL)

    def council_asked(self) -> bool:
        """Was the council asked for on a first start (so it is not asked again at start-up)?"""
        return self._store.value(_COUNCIL_ASKED, False, type=bool)

    def set_council_asked(self) -> None:
        self._store.setValue(_COUNCIL_ASKED, True)

    def mappings(self) -> dict[str, ColumnMapping]:
        """Column mappings the user chose to remember, by the header signature they fit."""
        from bcpviewer.io.mapping import ColumnMapping

        out: dict[str, ColumnMapping] = {}
        for sig, m in self._json(_MAPPINGS).items():
            mapping = ColumnMapping.from_json(m)
            if mapping is not None and isinstance(sig, str) and sig:
                out[sig] = mapping
        return out

    def remember_mapping(self, mapping: ColumnMapping) -> None:
        if not mapping.signature:
            return
        maps = self._json(_MAPPINGS)
        maps.pop(mapping.signature, None)  # newest last
        maps[mapping.signature] = mapping.to_json()
        while len(maps) > MAX_MAPPINGS:
            maps.pop(next(iter(maps)))
        self._set_json(_MAPPINGS, maps)

    def forget_mapping(self, signature: str) -> None:
        maps = self._json(_MAPPINGS)
        if maps.pop(signature, None) is not None:
            self._set_json(_MAPPINGS, maps)

    def _json(self, key: str) -> dict[str, Any]:
        text = self._store.value(key, "", type=str)
        try:
            data = json.loads(text) if text else {}
        except ValueError:
            log.warning("The remembered %s could not be read; it is ignored", key)
            return {}
        return data if isinstance(data, dict) else {}

    def _set_json(self, key: str, value: dict[str, Any]) -> None:
        self._store.setValue(key, json.dumps(value, ensure_ascii=False))

    def sync(self) -> None:
        self._store.sync()


def _unique(paths: list[str]) -> list[str]:
    out: list[str] = []
    for p in paths:
        if p and p not in out:
            out.append(p)
    return out[:MAX_RECENT]
