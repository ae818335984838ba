"""Progress against impact and targets as plain-text tables and JSON, for ``bcpviewer inspect``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bcpviewer.model.briefing import effect_text, margin_text, observation_text, outcome_text
from bcpviewer.model.impact import ImpactCheck
from bcpviewer.model.records import Observation
from bcpviewer.model.spans import format_date
from bcpviewer.model.targets import Outcome, TargetCheck

MAX_WIDTH = 44  # a column wider than this is cut short with "…" (the last column never is)


def text_table(header: Sequence[str], rows: Sequence[Sequence[str]], indent: str = "  ") -> list[str]:
    """Columns padded to their widest cell; every column but the last at most MAX_WIDTH wide."""
    def cut(text: str, last: bool) -> str:
        return text if last or len(text) <= MAX_WIDTH else text[: MAX_WIDTH - 1] + "…"

    cells = [[cut(c, i == len(header) - 1) for i, c in enumerate(r)] for r in [header, *rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    return [indent + "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]


def impact_lines(checks: Sequence[ImpactCheck], as_of: Any) -> list[str]:
    concerns = sum(1 for c in checks if c.concern)
    lines = [f"Progress against impact (as at {format_date(as_of)}): {len(checks)} action"
             f"{'s' * (len(checks) != 1)} name a metric; {concerns} rated Green or Complete while it got worse"]
    if not checks:
        return lines + ["  no action names a metric (the tracker's Metric column)"]
    rows = []
    for c in checks:
        unit = c.series.unit if c.series is not None else ""
        metric = c.series.name if c.series is not None else f"{c.metric_text} (not loaded)"
        rows.append(["CONCERN" if c.concern else "", c.action.id, c.action.status.label, effect_text(c.effect),
                     metric, observation_text(c.before, unit), observation_text(c.after, unit), c.action.title])
    return lines + text_table(["", "ID", "Status", "Effect", "Metric", "Before the action", "Latest",
                               "Action"], rows)


def targets_lines(checks: Sequence[TargetCheck], as_of: Any) -> list[str]:
    counts = {o: sum(1 for t in checks if t.outcome is o) for o in Outcome}
    said = ", ".join(f"{n} {o.label.lower()}" for o, n in counts.items() if n)
    lines = [f"Targets (as at {format_date(as_of)}): {len(checks)} target{'s' * (len(checks) != 1)}"
             + (f"; {said}" if said else "")]
    if not checks:
        return lines + ["  no metric has a target (the Metrics sheet's Target column)"]
    rows = []
    for t in checks:
        unit = t.series.unit
        rows.append([t.series.name, t.label, outcome_text(t.outcome),
                     observation_text(t.judged_on, unit), margin_text(t) or "–",
                     observation_text(t.latest, unit)])
    return lines + text_table(["Metric", "Target", "Outcome", "Judged on", "By how much", "Latest"], rows)


def _obs(o: Observation | None) -> dict[str, Any] | None:
    if o is None:
        return None
    return {"value": o.value, "period": o.period.label, "end": o.period.end.isoformat(), "release": o.release}


def impact_json(checks: Sequence[ImpactCheck]) -> list[dict[str, Any]]:
    return [{
        "action": c.action.id, "title": c.action.title, "status": c.action.status.label,
        "metric": c.metric_text, "series": c.series.name if c.series is not None else None,
        "linked_in_app": c.linked_in_app, "since": c.since.isoformat() if c.since else None,
        "before": _obs(c.before), "latest": _obs(c.after), "change": c.change, "effect": c.effect.value,
        "effect_label": c.effect.label, "concern": c.concern,
        "baseline_after_start": c.baseline_after_start, "explanation": c.explanation,
    } for c in checks]


def targets_json(checks: Sequence[TargetCheck]) -> list[dict[str, Any]]:
    return [{
        "metric": t.series.name, "target": t.label, "value": t.target.value,
        "due": t.target.due.isoformat() if t.target.due else None,
        "aim": "at most" if t.aim_lower else "at least",
        "outcome": t.outcome.label, "judged_on": _obs(t.judged_on), "margin": t.margin,
        "by_how_much": margin_text(t) or None, "latest": _obs(t.latest), "meeting_now": t.meeting_now,
        "entered_in_app": t.entered_in_app, "explanation": t.explanation,
    } for t in checks]


__all__ = ["impact_json", "impact_lines", "targets_json", "targets_lines", "text_table"]
