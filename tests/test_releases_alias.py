"""A tracker's series named as the catalogue knows an official indicator: merged with the official
series only when its periods are the official ones, never losing England, the region or the
neighbours, and still found under its old id and name (a project's targets and links)."""

from __future__ import annotations

from datetime import date

from bcpviewer.model.ids import content_id
from bcpviewer.model.impact import resolve_metric
from bcpviewer.model.records import Comparator, Dataset, MetricSeries, Observation, Target
from bcpviewer.model.releases import combine
from bcpviewer.model.spans import Span
from bcpviewer.model.targets import with_targets

OFFICIAL = "Agency social workers (% of FTE)"
TRACKER = "Agency social worker rate"


def _obs(*pairs: tuple[Span, float]) -> tuple[Observation, ...]:
    return tuple(Observation(p, v, None, None) for p, v in pairs)


def _bundled() -> Dataset:
    sep21, sep22 = Span.day(date(2021, 9, 30)), Span.day(date(2022, 9, 30))
    return Dataset(series=(MetricSeries(
        content_id("M", OFFICIAL), OFFICIAL, "%", observations=_obs((sep21, 37.4), (sep22, 36.6)),
        comparators=(Comparator("england", "England", _obs((sep21, 15.5), (sep22, 17.6))),
                     Comparator("region", "South West", _obs((sep21, 14.0), (sep22, 15.0)))),
        release="DfE 2025"),))


def test_monthly_tracker_figures_stay_a_series_of_their_own() -> None:
    months = [Span.month(2024, m) for m in (4, 5, 6)]
    tracker = Dataset(series=(MetricSeries("M-local", TRACKER, "%", observations=_obs(
        *zip(months, (31.0, 30.2, 29.5), strict=True))),))
    out = combine(tracker, _bundled())
    by_name = {s.name: s for s in out.series}
    assert set(by_name) == {TRACKER, OFFICIAL}
    official = by_name[OFFICIAL]
    assert [c.label for c in official.comparators] == ["England", "South West"]
    assert [o.value for o in official.observations] == [37.4, 36.6]
    assert any("kept apart" in n for n in out.notes)


def test_same_periods_merge_keep_comparators_and_the_old_names() -> None:
    sep21 = Span.day(date(2021, 9, 30))
    tracker = Dataset(series=(MetricSeries("M-ad0cdc03a2", TRACKER, "%", observations=_obs((sep21, 37.4))),))
    out = combine(tracker, _bundled())
    (merged,) = [s for s in out.series if s.name == OFFICIAL]
    assert len([s for s in out.series if OFFICIAL in s.name or TRACKER in s.name]) == 1
    assert {"England", "South West"} <= {c.label for c in merged.comparators}
    assert merged.known_as("M-ad0cdc03a2") and merged.known_as(TRACKER)
    assert resolve_metric("M-ad0cdc03a2", out.series) is merged and resolve_metric(TRACKER, out.series) is merged
    target = Target(20.0, date(2025, 3, 31), "Target 20%")
    (with_target,) = with_targets([merged], {"M-ad0cdc03a2": [target]})
    assert target in with_target.targets
