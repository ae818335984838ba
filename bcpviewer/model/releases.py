"""Bundled official figures beside the files a user opens: a series a file gives wins over the
bundled series of the same name, the bundled figures stay visible as an "earlier release"
comparator (unless the file holds every bundled figure unchanged), and every period where the
two releases differ is listed (a revision). An inspection or visit that a file and the bundled
Ofsted data both record, and agree on, is one event listing both places (merge_datasets folds such
copies); where they differ both are kept, so the disagreement is seen, never an event counted twice."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import PurePath

from bcpviewer.model import indicators
from bcpviewer.model.ids import content_id
from bcpviewer.model.records import Comparator, Dataset, MetricSeries, Observation, merge_datasets

BUNDLED_KIND = "other"
MAX_LISTED = 6  # revisions named in one note; the rest are counted


def combine(opened: Dataset, bundled: Dataset) -> Dataset:
    """``opened`` (what the user's files gave) with ``bundled`` (the app's official data for the
    chosen council): nothing is dropped, no series appears twice. A file's series named as the
    catalogue knows the indicator ("Agency social worker rate") takes the catalogue's plain name
    and id, with the actions that name it, so the two sources make one metric."""
    by_name = {s.name: s for s in bundled.series}
    opened = _as_catalogued(opened, by_name)
    series: list[MetricSeries] = []
    notes: list[str] = []
    taken: set[str] = set()
    for s in opened.series:
        old = by_name.get(s.name)
        if old is None or s.name in taken:
            series.append(s)
            continue
        taken.add(s.name)
        same = {(o.period, o.value, o.code) for o in old.observations} <= \
            {(o.period, o.value, o.code) for o in s.observations}
        s = _with_comparators_of(s, old)
        if same:  # the file holds every bundled figure unchanged: one line is enough
            notes.append(f"{s.name}: {s.source or 'the opened file'} holds every bundled figure "
                         f"({old.release or 'release not stated'}) unchanged; its own are shown")
            series.append(s)
            continue
        series.append(dataclasses.replace(s, comparators=(*s.comparators, _as_comparator(old))))
        notes.append(_revision_note(s, old))
    rest = dataclasses.replace(bundled, series=tuple(x for x in bundled.series if x.name not in taken))
    merged = merge_datasets([dataclasses.replace(opened, series=tuple(series)), rest])
    return dataclasses.replace(merged, notes=(*merged.notes, *notes))


def _with_comparators_of(s: MetricSeries, old: MetricSeries) -> MetricSeries:
    """``s`` with the bundled series' comparators of the kinds it has none of (England, the region,
    the neighbours): a file's figures never lose the comparison the official data gives."""
    kinds = {c.kind for c in s.comparators}
    missing = tuple(c for c in old.comparators if c.kind not in kinds)
    return dataclasses.replace(s, comparators=(*s.comparators, *missing)) if missing else s


def _as_catalogued(opened: Dataset, official: dict[str, MetricSeries]) -> Dataset:
    """``opened`` with each series the catalogue knows by another name renamed to the official
    series' name (and id), unless a file gives a series of that name already, or its periods are
    not the official ones (a tracker's monthly figures are another measure of the same thing: they
    stay a series of their own). The old id and name stay known (``also_known_as``)."""
    names = {s.name for s in opened.series}
    renames: dict[str, str] = {}
    apart: list[str] = []
    for s in opened.series:
        ind = indicators.named(s.name)
        if ind is None or ind.name == s.name or ind.name not in official or ind.name in names \
                or ind.name in renames.values():
            continue
        theirs = {o.period for o in official[ind.name].observations}
        if any(o.period in theirs for o in s.observations):
            renames[s.name] = ind.name
        else:
            apart.append(f"'{s.name}' is kept apart from the official '{ind.name}': none of its periods is "
                         "one the official figures are for")
    if not renames and not apart:
        return opened
    series = tuple(dataclasses.replace(s, name=renames[s.name], id=content_id("M", renames[s.name]),
                                       also_known_as=(*s.also_known_as, s.id, s.name))
                   if s.name in renames else s for s in opened.series)
    actions = tuple(dataclasses.replace(a, metric=renames[a.metric]) if a.metric in renames else a
                    for a in opened.actions)
    shown = "; ".join(f"'{old}' is shown as '{new}'" for old, new in renames.items())
    said = [f"Named as in the official data (the same indicator): {shown}."] if renames else []
    return dataclasses.replace(opened, series=series, actions=actions,
                               notes=(*opened.notes, *said, *(f"{a}." for a in apart)))


def merge_files(parts: Iterable[Dataset]) -> Dataset:
    """The datasets of several opened files as one (``merge_datasets``), with each indicator shown once:
    a tracker's series that the catalogue knows as an indicator another file gives under its plain
    name (a DfE file's "Agency social workers (% of FTE)" beside a tracker's "Agency social worker
    rate") is folded into it when every figure it gives, and every comparator figure, is the plain
    series' own (the plain series is shown, still found under the tracker's id and name, with its
    targets, notes and any comparator it lacked; an action naming the tracker's series finds it
    through those names); where a figure differs, or a period is only the tracker's, both are shown
    under their own names (Sources differ lists each difference: it compares series by indicator);
    where no period is shared it is kept apart. Each is said in a note."""
    merged = merge_datasets(parts)
    plain: dict[str, list[int]] = {}  # series (by place) under each name
    for i, s in enumerate(merged.series):
        plain.setdefault(s.name, []).append(i)
    series: list[MetricSeries | None] = list(merged.series)
    notes: list[str] = []
    for i, s in enumerate(merged.series):
        ind = indicators.named(s.name)
        if ind is None or ind.name == s.name or ind.name not in plain:
            continue
        mine = _figures(s.observations)
        periods = {o.period for o in s.observations}
        candidates = [(len(mine & _figures(merged.series[j].observations)), j) for j in plain[ind.name]
                      if any(o.period in periods for o in merged.series[j].observations)]
        if not candidates:
            other = merged.series[plain[ind.name][0]]
            none = "none of its periods is one the other gives" if periods else "it has no figures"
            notes.append(f"'{s.name}' ({_where(s)}) is kept apart from '{ind.name}' ({_where(other)}): {none}")
            continue
        agreeing, j = max(candidates, key=lambda c: c[0])
        best = series[j]
        assert best is not None
        theirs = _figures(best.observations)
        comparators_agree = _comparators_agree(s, best)
        # one figure a period, each the plain series' own, and every comparator figure too
        if len(periods) == len(s.observations) and mine <= theirs and comparators_agree:
            extra = tuple(c for c in s.comparators if _counterpart(best, c) is None)
            series[j] = dataclasses.replace(
                best, targets=(*best.targets, *s.targets), comparators=(*best.comparators, *extra),
                notes=" ".join(n for n in (best.notes, s.notes) if n) or None,
                also_known_as=(*best.also_known_as, s.id, s.name, *s.also_known_as))
            series[i] = None
            notes.append(f"'{s.name}' ({_where(s)}) gives the same figures as '{ind.name}' ({_where(best)}) "
                         "in every period: shown once, as the latter")
            continue
        shared = periods & {o.period for o in best.observations}
        differ = len(shared) - len({f for f in mine & theirs if f[0] in shared})
        only = len(periods - shared)
        said = [f"differs in {differ} of its {len(periods)} periods (listed under Sources differ)"] if differ else []
        said += [f"gives {only} period{'s' if only != 1 else ''} the other does not"] if only else []
        said += [] if comparators_agree else ["its comparators' figures differ"]
        notes.append(f"'{s.name}' ({_where(s)}) is the indicator '{ind.name}' ({_where(best)}) but "
                     f"{' and '.join(said or ['gives a period twice'])}: both are shown")
    if not notes:
        return merged
    return dataclasses.replace(merged, series=tuple(x for x in series if x is not None),
                               notes=(*merged.notes, *notes))


def _figures(observations: Iterable[Observation]) -> set[tuple]:
    return {(o.period, o.value, o.code) for o in observations}


def _counterpart(series: MetricSeries, c: Comparator) -> Comparator | None:
    """``series``' comparator of ``c``'s kind (of its label too, for "other" ones)."""
    return next((x for x in series.comparators if x.kind == c.kind and (c.kind != "other" or x.label == c.label)),
                None)


def _comparators_agree(s: MetricSeries, best: MetricSeries) -> bool:
    """Every figure of ``s``' comparators is ``best``'s comparator's of the same kind (when it has one)."""
    for c in s.comparators:
        theirs = _counterpart(best, c)
        if theirs is not None and not _figures(c.observations) <= _figures(theirs.observations):
            return False
    return True


def _where(s: MetricSeries) -> str:
    """The file (and sheet) a series was read from, as a reader knows it."""
    if s.origin is None:
        return s.source or "its file"
    name = PurePath(s.origin.file).name
    return f"{name}, sheet {s.origin.sheet}" if s.origin.sheet else name


def _as_comparator(old: MetricSeries) -> Comparator:
    release = old.release or "release not stated"
    return Comparator(BUNDLED_KIND, f"Bundled data ({release})", old.observations,
                      (f"The app's bundled figures for this council: {old.source or 'official data'}",))


def _revision_note(new: MetricSeries, old: MetricSeries) -> str:
    """Which periods the opened file revised, with both figures."""
    was = {o.period: o for o in old.observations}
    changed: list[str] = []
    for o in new.observations:
        before = was.get(o.period)
        if before is None or (before.value, before.code) == (o.value, o.code):
            continue
        changed.append(f"{o.period.label}: {_shown(before.value, before.code)} -> {_shown(o.value, o.code)}")
    where = new.source or "the opened file"
    head = f"{new.name}: figures from {where} are shown; the bundled ones ({old.release or 'release not stated'}) are kept beside them"
    if not changed:
        return head + "; no figure was revised."
    listed = "; ".join(changed[:MAX_LISTED]) + (f"; and {len(changed) - MAX_LISTED} more" if len(changed) > MAX_LISTED else "")
    return f"{head}; revised: {listed}."


def _shown(value: float | None, code: str | None) -> str:
    if value is None:
        return f"[{code}]" if code else "no figure"
    return f"{value:g}"
