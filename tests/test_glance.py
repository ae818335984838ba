"""The at-a-glance figures, without Qt: they must agree with model.analysis on the BCP sample."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bcpviewer.io.loader import load_file
from bcpviewer.model import analysis
from bcpviewer.model.glance import (
    BETTER,
    WORSE,
    Glance,
    elapsed_text,
    format_value,
    gap_detail,
    glance,
    months_between,
)
from bcpviewer.model.records import Comparator, Dataset, Event, MetricSeries, Observation
from bcpviewer.model.spans import Span
from bcpviewer.model.vocab import EventKind, Grade, Polarity

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "samples" / "bcp-childrens-services.xlsx"
AS_OF = date(2026, 11, 23)
AGENCY = "Agency social worker rate"


@pytest.fixture(scope="module")
def sample() -> Dataset:
    return load_file(str(SAMPLE))


@pytest.fixture(scope="module")
def gl(sample: Dataset) -> Glance:
    return glance(sample, AS_OF)


def _metric(gl: Glance, name: str):
    return next(m for m in gl.metrics if m.series.name == name)


def test_last_judgement_is_the_2024_reinspection(sample: Dataset, gl: Glance) -> None:
    j = gl.last_judgement
    assert j is not None
    assert j.event is analysis.last_judgement(sample.events, AS_OF)
    assert j.event.start == date(2024, 12, 2) and j.judged_on == date(2025, 1, 29)
    assert j.days == (AS_OF - date(2025, 1, 29)).days == 663
    assert j.months == 21
    assert dict(j.grades) == {"overall": Grade.GOOD, "leaders": Grade.GOOD, "help_protection": Grade.GOOD,
                              "in_care": Grade.GOOD, "care_leavers": Grade.REQUIRES_IMPROVEMENT}
    latest = analysis.latest_grades(sample.events, AS_OF)
    assert {k: g.grade for k, g in latest.items()} == dict(j.grades)
    assert j.previous is not None and j.previous.overall is Grade.INADEQUATE
    assert ("overall", Grade.INADEQUATE, Grade.GOOD) in j.changes()


def test_inadequate_judgement_sets_the_default_start(gl: Glance) -> None:
    assert gl.inadequate is not None
    assert gl.inadequate.judged_on == date(2022, 2, 11)
    assert gl.since == date(2022, 2, 11)
    assert "Inadequate" in gl.since_reason


def test_visits(gl: Glance) -> None:
    since_start = gl.visits_since_start
    assert since_start is not None and since_start.count == 6
    assert {e.kind for e in since_start.events} == {EventKind.MONITORING_VISIT}
    assert since_start.last is not None and since_start.last.start == date(2024, 2, 21)
    assert gl.visits_since_judgement is not None and gl.visits_since_judgement.count == 0


def test_overdue_agrees_with_analysis(sample: Dataset, gl: Glance) -> None:
    expected = analysis.overdue_actions(sample.actions, AS_OF)
    assert gl.overdue.count == len(expected) == 8
    assert gl.overdue.longest == expected[0]
    assert gl.overdue.longest.action.id == "A2.06" and gl.overdue.longest.days_late == 579  # on the tracker's date
    assert sum(n for _o, n in gl.overdue.by_owner) == 8
    assert gl.overdue.by_owner[0] == ("Head of Care Leavers Service", 2)


def test_agency_rate_is_worse_than_england_with_a_narrowing_gap(sample: Dataset, gl: Glance) -> None:
    m = _metric(gl, AGENCY)
    assert m.latest is not None and m.latest.value == 28.3 and m.latest.period.end == date(2025, 9, 30)
    england = next(c for c in m.comparisons if c.kind == "england")
    assert england.now.comparator_value == 13.0 and england.better is False
    assert england.improved is analysis.gap_closing(m.series, "england", gl.since) is True
    assert england.then is not None and england.then.observation.period.end == date(2021, 9, 30)
    assert england.trend == "gap narrowing"
    assert m.text.startswith("Agency social worker rate: 28.3% (30 Sep 2025), England 13.0% — ")
    assert f"{WORSE} worse, gap narrowing since Feb 2022" in m.text
    assert "Statistical neighbours 11.7%" in m.text
    assert m.worse_than == ("England", "Statistical neighbours")
    assert gap_detail(england, m.series.unit, m.decimals) == (
        "England: +21.9 points at 30 Sep 2021, +15.3 points at 30 Sep 2025")


def test_every_comparison_agrees_with_analysis(sample: Dataset, gl: Glance) -> None:
    for m in gl.metrics:
        for c in m.comparisons:
            gap = analysis.comparator_gap(m.series, c.kind)
            assert gap is not None
            assert (c.now.observation, c.now.comparator_value, c.better) == (
                gap.observation, gap.comparator_value, gap.better)
            if not c.then_is_first:
                assert c.improved is analysis.gap_closing(m.series, c.kind, gl.since)


def test_better_and_neutral_metrics_say_so(gl: Glance) -> None:
    caseload = _metric(gl, "Average caseload per social worker")
    assert f"{BETTER} better" in caseload.text and not caseload.worse_than
    looked_after = _metric(gl, "Children looked after per 10,000 children")
    assert all(c.better is None and c.improved is None for c in looked_after.comparisons)
    assert "no better or worse direction" in looked_after.text
    hmo = _metric(gl, "Young people placed in HMOs")
    assert hmo.comparisons == () and "no comparator figures" in hmo.text
    assert {m.series.name for m in gl.worse} == {AGENCY, "Social worker vacancy rate",
                                                  "Social worker turnover rate"}


def test_a_chosen_start_date_moves_the_baseline(sample: Dataset) -> None:
    later = glance(sample, AS_OF, since=date(2024, 1, 1))
    m = _metric(later, AGENCY)
    england = next(c for c in m.comparisons if c.kind == "england")
    assert later.since == date(2024, 1, 1) and later.since_reason == "chosen start date"
    assert england.then is not None and england.then.observation.period.end == date(2023, 9, 30)
    assert "since Jan 2024" in m.text


def test_as_of_before_the_reinspection(sample: Dataset) -> None:
    early = glance(sample, date(2024, 6, 1))
    assert early.last_judgement is not None and early.last_judgement.overall is Grade.INADEQUATE
    assert early.last_judgement.event is early.inadequate.event
    assert early.visits_since_start is not None and early.visits_since_start.count == 6
    agency = _metric(early, AGENCY)
    assert agency.latest is not None and agency.latest.period.end == date(2023, 9, 30)


def test_without_an_inadequate_judgement_gaps_run_from_the_first_figure() -> None:
    obs = lambda *vals: tuple(Observation(Span.year(2020 + i), v) for i, v in enumerate(vals))  # noqa: E731
    s = MetricSeries("m", "Re-referrals", "%", Polarity.LOWER_IS_BETTER,
                     observations=obs(30.0, 25.0, 22.0),
                     comparators=(Comparator("england", "England", obs(20.0, 20.0, 21.0)),))
    gl = glance(Dataset(series=(s,), events=(Event("e", EventKind.FOCUSED_VISIT, "FV", date(2021, 5, 1)),)),
                date(2023, 6, 1))
    assert gl.since is None and gl.inadequate is None and gl.last_judgement is None
    c = gl.metrics[0].comparisons[0]
    assert c.then_is_first and c.then.observation.period == Span.year(2020)
    assert c.improved is True and c.trend == "gap narrowing"
    assert "gap narrowing since 2020 (first figure)" in gl.metrics[0].text


def test_suppressed_latest_figure_is_skipped() -> None:
    s = MetricSeries("m", "Placements", "%", Polarity.LOWER_IS_BETTER,
                     observations=(Observation(Span.year(2022), 9.0),
                                   Observation(Span.year(2023), None, "c")))
    m = glance(Dataset(series=(s,)), date(2024, 1, 1)).metrics[0]
    assert m.latest is not None and m.latest.period == Span.year(2022)
    assert m.text.startswith("Placements: 9% (2022)")


@pytest.mark.parametrize(("start", "end", "months"), [
    (date(2025, 1, 29), date(2026, 11, 23), 21),
    (date(2025, 1, 31), date(2025, 2, 28), 0),
    (date(2025, 1, 15), date(2025, 2, 15), 1),
    (date(2025, 3, 1), date(2025, 2, 1), 0),
])
def test_months_between(start: date, end: date, months: int) -> None:
    assert months_between(start, end) == months


def test_words() -> None:
    assert elapsed_text(663, 21) == "1 year 9 months (663 days)"
    assert elapsed_text(12, 0) == "12 days"
    assert elapsed_text(0, 0) == "today"
    assert format_value(28.3, "% of FTE", 1) == "28.3%"
    assert format_value(14.6, "cases per FTE", 1) == "14.6 cases per FTE"
    assert format_value(1.0, "count", 0) == "1"
