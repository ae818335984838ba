"""A Dataset as plain JSON-ready data: counts, span, problems and (optionally) every record."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from bcpviewer.model.records import Action, Dataset, Event, MetricSeries, Observation


def _d(d: date | None) -> str | None:
    return None if d is None else d.isoformat()


def summary(dataset: Dataset, *, items: bool = False) -> dict[str, Any]:
    span = dataset.span()
    out: dict[str, Any] = {
        "files": list(dataset.files),
        "actions": len(dataset.actions),
        "events": len(dataset.events),
        "metrics": {"series": len(dataset.series), "observations": dataset.observation_count},
        "sources": len(dataset.sources),
        "span": None if span is None else [span.start.isoformat(), span.end.isoformat()],
        "problems": [p.as_dict() for p in dataset.problems],
        "notes": list(dataset.notes),
        "as_at": as_at_by_file(dataset),
        "problem_kinds": dict(Counter(p.kind for p in dataset.problems)),
    }
    if dataset.eras:
        out["eras"] = len(dataset.eras)
    if items:
        out["items"] = {
            "actions": [action_item(a) for a in dataset.actions],
            "events": [event_item(e) for e in dataset.events],
            "series": [series_item(s) for s in dataset.series],
            "sources": [
                {"id": s.id, "title": s.title, "url": s.url, "publisher": s.publisher,
                 "published": _d(s.published)}
                for s in dataset.sources
            ],
        }
    return out


def as_at_by_file(dataset: Dataset) -> dict[str, str]:
    """Each tracker file's own date (what overdue is counted against), by file name."""
    out: dict[str, date] = {}
    for a in dataset.actions:
        if a.as_at is not None and a.origin is not None:
            out[a.origin.file] = max(a.as_at, out.get(a.origin.file, a.as_at))
    return {f: d.isoformat() for f, d in out.items()}


def action_item(a: Action) -> dict[str, Any]:
    return {
        "id": a.id,
        "title": a.title,
        "workstream": a.workstream,
        "owner": a.owner,
        "start": _d(a.start),
        "due": _d(a.due),
        "revised_due": _d(a.revised_due[-1]) if a.revised_due else None,
        "revisions": [_d(d) for d in a.revised_due],
        "completed": _d(a.completed),
        "status": a.status.value,
        "history": [
            {"as_at": _d(h.as_at), "status": h.status.value, "text": h.text} for h in a.history
        ],
        "metric": a.metric,
        "source": a.source,
        "notes": a.notes,
        "as_at": _d(a.as_at),
    }


def event_item(e: Event) -> dict[str, Any]:
    return {
        "id": e.id,
        "kind": e.kind.value,
        "kind_text": e.kind_text,
        "title": e.title,
        "start": _d(e.start),
        "end": _d(e.end),
        "precision": e.precision.value,
        "published": _d(e.published),
        "grades": {k: g.label for k, g in e.graded()},
        "theme": e.theme,
        "lead": e.lead,
        "source": e.source,
        "read_from": [o.describe() for o in (e.origin, *(c[0] for c in e.copies)) if o is not None],
        "sources": [src for src in (e.source, *(c[1] for c in e.copies)) if src],
    }


def _obs(o: Observation) -> dict[str, Any]:
    d: dict[str, Any] = {"period_start": _d(o.period.start), "period_end": _d(o.period.end),
                         "period": o.period.label}
    if o.value is not None:
        d["value"] = o.value
    else:
        d["code"] = o.code
    if o.release:
        d["release"] = o.release
    return d


def series_item(s: MetricSeries) -> dict[str, Any]:
    return {
        "id": s.id,
        "name": s.name,
        "unit": s.unit,
        "polarity": s.polarity.value,
        "theme": s.theme,
        "observations": [_obs(o) for o in s.observations],
        "comparators": {
            c.kind: {"label": c.label, "observations": [_obs(o) for o in c.observations],
                     **({"notes": list(c.notes)} if c.notes else {})}
            for c in s.comparators
        },
        "target": [{"value": t.value, "due": _d(t.due)} for t in s.targets],
        "source": s.source,
        "release": s.release,
        "notes": s.notes,
    }
