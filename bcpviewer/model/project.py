"""A project: source files, annotations, filters, chosen metrics, view range, the metric links and
targets made in the app, the briefing pack's cover, and the window's panel layout, as versioned plain data."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from bcpviewer.model import user_edits
from bcpviewer.model.cover import CoverError, cover_from_dict, cover_to_dict

from bcpviewer.model.annotations import (
    EMPTY,
    Annotation,
    AnnotationSet,
    DateTarget,
    ItemTarget,
    RangeTarget,
    Target,
)
from bcpviewer.model.filtering import Filter
from bcpviewer.model.records import Target as MetricTarget
from bcpviewer.model.spans import Span
from bcpviewer.model.user_edits import EMPTY_EDITS, UserEdits
from bcpviewer.model.vocab import EventKind, Status

FORMAT = "bcpviewer-project"
SCHEMA_VERSION = 3
SUFFIX = ".bcpv"


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 2 adds metric links and targets made in the app: a version 1 project has none."""
    data["metric_links"] = {}
    data["metric_targets"] = {}
    return data


def _v2_to_v3(data: dict[str, Any]) -> dict[str, Any]:
    """Version 3 keeps the briefing pack's cover (export dialog): a version 2 project has none yet."""
    data["cover"] = {}
    return data


# Steps that lift a project dict from version n to n + 1; add one whenever SCHEMA_VERSION goes up.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2, 2: _v2_to_v3}


class ProjectFormatError(ValueError):
    """The data is not a project this version can read; ``str()`` is one sentence for the user."""


class NewerSchemaError(ProjectFormatError):
    """The project was saved by a newer BCP Viewer, with a schema this version does not know."""


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A data file the project reads: its path (relative to the project file where possible) and content."""

    path: str
    sha256: str = ""
    size: int = 0
    mtime: float = 0.0


@dataclass(frozen=True, slots=True)
class Project:
    """Everything a researcher's work consists of besides the data files themselves."""

    sources: tuple[SourceFile, ...] = ()
    annotations: AnnotationSet = EMPTY
    filters: Filter = Filter()
    metrics: tuple[str, ...] = ()
    view_range: Span | None = None
    edits: UserEdits = EMPTY_EDITS
    layout: str = ""  # the window's panels as the app saved them (opaque text; empty: none saved)
    schema_version: int = SCHEMA_VERSION
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False)  # keys of other tools, kept
    notices: tuple[str, ...] = field(default=(), compare=False)  # what was repaired on loading, to say


# -- writing ---------------------------------------------------------------------------------------
def to_dict(project: Project) -> dict[str, Any]:
    """The project as JSON-ready plain data, at the current schema version."""
    return {
        **project.extra,
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "sources": [{"path": s.path, "sha256": s.sha256, "size": s.size, "mtime": s.mtime}
                    for s in project.sources],
        "annotations": [annotation_to_dict(a) for a in project.annotations.values()],
        "filters": _filter_to_dict(project.filters),
        "metrics": list(project.metrics),
        "view_range": None if project.view_range is None else {
            "start": project.view_range.start.isoformat(), "end": project.view_range.end.isoformat()},
        "metric_links": dict(sorted(project.edits.metric_links.items())),
        "metric_targets": {sid: [target_to_dict(t) for t in targets]
                           for sid, targets in sorted(project.edits.targets.items())},
        "cover": cover_to_dict(project.edits.cover),
        **({"layout": project.layout} if project.layout else {}),
    }


def target_to_dict(t: MetricTarget) -> dict[str, Any]:
    return {"value": t.value, "due": t.due.isoformat() if t.due else None, "label": t.label}


def annotation_to_dict(a: Annotation) -> dict[str, Any]:
    return {
        "id": a.id, "target": _target_to_dict(a.target), "text": a.text, "tags": list(a.tags),
        "source": {"title": a.source_title, "url": a.source_url},
        "include_in_briefing": a.include_in_briefing, "private": a.private, "author": a.author,
        "created": a.created.isoformat(), "edited": a.edited.isoformat(),
    }


def _target_to_dict(t: Target) -> dict[str, str]:
    if isinstance(t, ItemTarget):
        return {"item": t.key}
    if isinstance(t, DateTarget):
        return {"date": t.day.isoformat()}
    return {"start": t.start.isoformat(), "end": t.end.isoformat()}


def _filter_to_dict(f: Filter) -> dict[str, Any]:
    def values(s: frozenset | None) -> list[str] | None:
        return None if s is None else sorted(getattr(v, "value", v) for v in s)

    return {
        "text": f.text, "workstreams": values(f.workstreams), "statuses": values(f.statuses),
        "kinds": values(f.kinds), "start": f.start.isoformat() if f.start else None,
        "end": f.end.isoformat() if f.end else None, "overdue_only": f.overdue_only,
    }


# -- reading ---------------------------------------------------------------------------------------
def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Lift an older project dict to SCHEMA_VERSION; refuse a newer one or one of no known version."""
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise ProjectFormatError("The project file has no valid schema version, so it cannot be read.")
    if version > SCHEMA_VERSION:
        raise NewerSchemaError(
            f"This project was saved by a newer version of BCP Viewer (project format {version}; this "
            f"version reads up to {SCHEMA_VERSION}). Update BCP Viewer to open it; the file was not changed."
        )
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise ProjectFormatError(f"Project format {version} is too old for this version to read.")
        data = step(dict(data))
        version += 1
        data["schema_version"] = version
    return data


def from_dict(data: object) -> Project:
    """A Project from plain data (migrating older versions); ProjectFormatError when it is not one."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ProjectFormatError("This file is not a BCP Viewer project.")
    data = migrate(data)
    try:
        return Project(
            sources=tuple(_source(s) for s in _list(data, "sources")),
            annotations=AnnotationSet(annotation_from_dict(a) for a in _list(data, "annotations")),
            filters=_filter(data.get("filters") or {}),
            metrics=tuple(str(m) for m in _list(data, "metrics")),
            view_range=_span(data.get("view_range")),
            edits=_edits(data),
            layout=data["layout"] if isinstance(data.get("layout"), str) else "",
            extra={k: v for k, v in data.items() if k not in _KNOWN},
        )
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError) as exc:
        if isinstance(exc, ProjectFormatError):
            raise
        raise ProjectFormatError(f"The project file is damaged and cannot be read ({_why(exc)}).") from exc


_KNOWN = {"format", "schema_version", "sources", "annotations", "filters", "metrics", "view_range", "layout",
          "metric_links", "metric_targets", "cover"}


def _why(exc: Exception) -> str:
    return f"missing field {exc}" if isinstance(exc, KeyError) else str(exc)


def _list(data: Mapping[str, Any], key: str) -> list[Any]:
    value = data.get(key) or []
    if not isinstance(value, list):
        raise ValueError(f"'{key}' should be a list")
    return value


MAX_PATH_CHARS = 4096  # longer than any path a system opens (PATH_MAX)


def _source(d: Mapping[str, Any]) -> SourceFile:
    if not isinstance(d, dict):
        raise ProjectFormatError("A source in the project file is not a table of path, size and date.")
    path = d.get("path")
    if not isinstance(path, str) or not path.strip():
        raise ProjectFormatError(f"A source's 'path' in the project file is not a file name ({_quote(path)}).")
    if "\x00" in path or len(path) > MAX_PATH_CHARS:
        what = "holds a NUL character" if "\x00" in path else f"is {len(path):,} characters long"
        raise ProjectFormatError(f"A source's 'path' in the project file {what}, which no file name "
                                 "can: the file has been damaged.")
    return SourceFile(path, str(d.get("sha256") or ""), _whole(d, "size", path), _finite(d, "mtime", path))


def _whole(d: Mapping[str, Any], key: str, where: str) -> int:
    """A whole number of 0 or more (missing: 0); ProjectFormatError naming the field otherwise."""
    value = d.get(key)
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) \
            or value < 0 or value != int(value):
        raise ProjectFormatError(f"The '{key}' of {_quote(where)} in the project file is "
                                 f"{_quote(value)}, not a whole number: the file has been damaged.")
    return int(value)


def _finite(d: Mapping[str, Any], key: str, where: str) -> float:
    """A finite number (missing: 0.0); ProjectFormatError naming the field otherwise."""
    value = d.get(key)
    if value is None:
        return 0.0
    number = _number(value)
    if number is None:
        raise ProjectFormatError(f"The '{key}' of {_quote(where)} in the project file is "
                                 f"{_quote(value)}, not a number: the file has been damaged.")
    return number


def _flag(d: Mapping[str, Any], key: str, where: str) -> bool:
    """true or false (missing: false; the text "true"/"false" as written by hand is read as meant);
    anything else is refused, naming the field: a note is never made private or public by guess."""
    value = d.get(key)
    if value is None or isinstance(value, bool):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    raise ProjectFormatError(f"The '{key}' of {_quote(where)} in the project file is {_quote(value)}, "
                             "not true or false: correct it or remove it.")


def annotation_from_dict(d: Mapping[str, Any]) -> Annotation:
    source = d.get("source") or {}
    return Annotation(
        id=str(d["id"]), target=_target(d["target"]), text=str(d.get("text") or ""),
        tags=tuple(str(t) for t in d.get("tags") or ()),
        source_title=str(source.get("title") or ""), source_url=str(source.get("url") or ""),
        include_in_briefing=_flag(d, "include_in_briefing", f"note {d.get('id')}"),
        private=_flag(d, "private", f"note {d.get('id')}"),
        author=str(d.get("author") or ""), created=_when(d["created"]),
        edited=_when(d.get("edited") or d["created"]),
    )


def _target(d: Mapping[str, Any]) -> Target:
    if "item" in d:
        return ItemTarget(str(d["item"]))
    if "date" in d:
        return DateTarget(date.fromisoformat(d["date"]))
    return RangeTarget(date.fromisoformat(d["start"]), date.fromisoformat(d["end"]))


def _when(text: str) -> datetime:
    value = datetime.fromisoformat(text)
    if value.tzinfo is None:
        raise ValueError(f"time {text!r} has no time zone")
    return value


def _filter(d: Mapping[str, Any]) -> Filter:
    def values(key: str, enum: type | None = None) -> frozenset | None:
        raw = d.get(key)
        if raw is None:
            return None
        if enum is None:
            return frozenset(str(v) for v in raw)
        known = {e.value: e for e in enum}
        return frozenset(known[v] for v in raw if v in known)  # a value this version lacks is dropped

    return Filter(
        text=str(d.get("text") or ""), workstreams=values("workstreams"), statuses=values("statuses", Status),
        kinds=values("kinds", EventKind),
        start=date.fromisoformat(d["start"]) if d.get("start") else None,
        end=date.fromisoformat(d["end"]) if d.get("end") else None,
        overdue_only=_flag(d, "overdue_only", "the saved filter"),
    )


def _mapping(data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = data.get(key) or {}
    if not isinstance(value, dict):
        raise ValueError(f"'{key}' should be a table of names to values")
    return value


def _edits(data: Mapping[str, Any]) -> UserEdits:
    try:
        edits = user_edits.with_cover(EMPTY_EDITS, cover_from_dict(data.get("cover")))
    except CoverError as exc:  # its sentence names the field
        raise ProjectFormatError(str(exc)) from None
    for key, series_id in _mapping(data, "metric_links").items():
        if not isinstance(series_id, str) or not series_id.strip():
            raise ValueError(f"the metric link of {_quote(key)} is not a metric id")
        try:
            edits = user_edits.link(edits, key, series_id)
        except ValueError:
            raise ValueError(f"{_quote(key)} in 'metric_links' is not an action") from None
    for series_id, targets in _mapping(data, "metric_targets").items():
        if not isinstance(targets, list):
            raise ValueError(f"the targets of {_quote(series_id)} should be a list")
        for t in targets:
            target = target_from_dict(t)
            if target not in edits.targets_of(series_id):  # a repeat (a hand-edited file) is dropped
                edits = user_edits.add_target(edits, series_id, target)
    return edits


def target_from_dict(d: Any) -> MetricTarget:
    if not isinstance(d, dict):
        raise ValueError("a target should have a value, a date and a label")
    value = _number(d.get("value"))
    if value is None:
        raise ValueError(f"a target's value {_quote(d.get('value'))} is not a number")
    due = d.get("due")
    try:
        day = date.fromisoformat(due) if due else None
    except (TypeError, ValueError):
        raise ValueError(f"a target's date {_quote(due)} is not a date") from None
    label = d.get("label") or ""
    if not isinstance(label, str):
        raise ValueError(f"a target's label {_quote(label)} is not text")
    return MetricTarget(value, day, label)


def _quote(value: object) -> str:
    """A value from the file, short and on one line, for a message."""
    return repr(str(value)[:30])


def _number(value: object) -> float | None:
    """A finite float from a JSON number, else None."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) else None


def _span(d: Mapping[str, Any] | None) -> Span | None:
    if not d:
        return None
    return Span(date.fromisoformat(d["start"]), date.fromisoformat(d["end"]))
