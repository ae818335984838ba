"""Briefing text shared by the pack, the workbook and the command line: verdicts in words, the metrics
chosen, the council's name, when the tracker was last updated, and safe file names."""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from datetime import date

from bcpviewer.model import glance as g
from bcpviewer.model.impact import Effect, figure
from bcpviewer.model.records import Dataset, Event, MetricSeries, Observation
from bcpviewer.model.spans import SpanKind, format_date
from bcpviewer.model.targets import Outcome, TargetCheck
from bcpviewer.model.vocab import EventKind, squash

_MINOR_WORDS = frozenset({"and", "of", "the", "upon", "on", "in", "with", "council", "city", "county",
                          "borough", "metropolitan", "district", "royal"})


def own_council(names: Sequence[str], council: str) -> str:
    """The name in ``names`` that is ``council``: the same words, "BCP Council" as the initials of
    "Bournemouth, Christchurch and Poole", or one name inside the other; "" when none is."""
    if not council.strip():
        return ""
    whole = squash(council)
    bare = squash(re.sub(r"\bcouncil\b", " ", council, flags=re.IGNORECASE))
    for n in names:
        if squash(n) in (whole, bare):
            return n
    for n in names:
        words = [w for w in re.findall(r"[^\W_]+", n.casefold()) if w not in _MINOR_WORDS]
        if len(words) >= 2 and "".join(w[0] for w in words) == bare:
            return n
    if len(bare) >= 4:
        for n in names:
            sn = squash(n)
            if sn and (bare in sn or sn in bare):
                return n
    return ""


# -- the analyses in words (the pack, the workbook and the command line say them the same way) --------
EFFECT_GLYPHS = {Effect.IMPROVED: g.BETTER, Effect.WORSENED: g.WORSE, Effect.UNCHANGED: g.LEVEL,
                 Effect.NO_DIRECTION: g.NEUTRAL, Effect.NO_DATA: "–"}
OUTCOME_GLYPHS = {Outcome.MET: g.BETTER, Outcome.MISSED: g.WORSE, Outcome.NOT_YET_DUE: "○",
                  Outcome.NO_FIGURE: "?", Outcome.NO_DATE: "–"}


def effect_text(effect: Effect) -> str:
    """``✗ Got worse``: the glyph and the word, so the effect never rests on colour alone."""
    return f"{EFFECT_GLYPHS[effect]} {effect.label}"


def outcome_text(outcome: Outcome) -> str:
    """``✗ Missed``, ``○ Not yet due``."""
    return f"{OUTCOME_GLYPHS[outcome]} {outcome.label}"


def observation_text(o: Observation | None, unit: str) -> str:
    """``28.3% (30 Sep 2025)``, or a dash."""
    if o is None or o.value is None:
        return "–"
    return f"{figure(o.value, unit)} ({o.period.label})"


def margin_text(t: TargetCheck) -> str:
    """``missed by 8.3 percentage points``, ``beaten by 2``, ``met exactly``; "" before a verdict."""
    m = t.margin
    if m is None or t.outcome not in (Outcome.MET, Outcome.MISSED):
        return ""
    if m == 0:
        return "met exactly"
    unit = t.series.unit
    by = f"{figure(abs(m))} percentage points" if unit.strip().startswith("%") else figure(abs(m), unit)
    return f"{'beaten' if m > 0 else 'missed'} by {by}"


def shift_text(days: int | None) -> str:
    """``+183 days``; a dash when either version has no date."""
    return "–" if days is None else f"{days:+,} day{'s' * (abs(days) != 1)}"


# -- choosing ----------------------------------------------------------------------------------------
def chosen_series(dataset: Dataset, names: Sequence[str] | None) -> tuple[MetricSeries, ...]:
    """The series named (by name or id, ignoring case and punctuation) in the order given; None: all."""
    if names is None:
        return dataset.series
    index = _series_index(dataset)
    out: list[MetricSeries] = []
    for name in names:
        s = index.get(squash(name))
        if s is None:
            raise ValueError(f"unknown metric {name!r}")
        if s not in out:
            out.append(s)
    return tuple(out)


def unknown_metrics(dataset: Dataset, names: Sequence[str]) -> list[str]:
    """The names in ``names`` that match no metric series of ``dataset``."""
    index = _series_index(dataset)
    return [n for n in names if squash(n) not in index]


def _series_index(dataset: Dataset) -> dict[str, MetricSeries]:
    index: dict[str, MetricSeries] = {}
    for s in dataset.series:
        index.setdefault(squash(s.id), s)
    for s in dataset.series:  # names win over ids
        index[squash(s.name)] = s
    return index


def guess_council(dataset: Dataset) -> str:
    """``BCP Council`` from an event such as "BCP Council formed from ...", else ""."""
    for e in dataset.events:
        if e.kind is EventKind.COUNCIL_FORMED:
            m = re.match(r"\s*(.{2,80}?\bcouncil)\b", e.title, re.IGNORECASE)
            if m:
                return m.group(1).strip()
    return ""


def data_as_at(dataset: Dataset) -> date | None:
    """The latest "as at" date of any action's status: when the tracker was last updated."""
    dates = [h.as_at for a in dataset.actions for h in a.history if h.as_at is not None]
    return max(dates, default=None)


# -- file names --------------------------------------------------------------------------------------
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def suggest_filename(title: str, suffix: str, day: date | None = None, limit: int = 80) -> str:
    """A safe file name from a title typed or found in data: letters, digits, - and _ only."""
    words = re.sub(r"[^\w]+", "-", title, flags=re.ASCII).strip("-_")
    stem = re.sub(r"-{2,}", "-", words)[:limit].strip("-_") or "briefing"
    if stem.casefold() in _RESERVED:
        stem += "-briefing"
    if day is not None:
        stem += f"-{day.isoformat()}"
    return stem + suffix


def published_text(e: Event) -> str:
    """When an event's report was published, no more precise than known: a month-only event whose
    publication date is the 1st of a month was given as a month ("Nov 2020"), so it prints as one."""
    if e.published is None:
        return ""
    if e.precision is not SpanKind.DAY and e.published.day == 1:
        return f"{calendar.month_abbr[e.published.month]} {e.published.year}"
    return format_date(e.published)
