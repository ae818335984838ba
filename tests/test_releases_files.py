"""Several opened files giving one indicator: a tracker's series that agrees with a DfE file's is
shown once (its id, name and targets kept); one that differs takes the plain name beside it so that
every difference is listed; one with no shared period stays apart. Each is said in a note."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bcpviewer.model.disagreements import figure_disagreements
from bcpviewer.model.impact import resolve_metric
from bcpviewer.model.records import Action, Dataset, MetricSeries, Observation, Origin, Target
from bcpviewer.model.releases import merge_files
from bcpviewer.model.spans import Span

PLAIN = "Agency social workers (% of FTE)"
TRACKER = "Agency social worker rate"
SEP = {y: Span.day(date(y, 9, 30)) for y in range(2019, 2026)}
DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "dfe" / "csww_indicators_2017_to_2025.csv"
SAMPLE = Path(__file__).resolve().parents[1] / "resources" / "samples" / "bcp-childrens-services.xlsx"


def _series(sid: str, name: str, values: dict[int, float], file: str, sheet: str | None = None,
            targets: tuple[Target, ...] = ()) -> MetricSeries:
    obs = tuple(Observation(SEP[y], v, None, None) for y, v in values.items())
    return MetricSeries(sid, name, "%", observations=obs, origin=Origin(file, sheet), targets=targets)


def _dfe() -> Dataset:
    return Dataset(series=(_series("M-dfe", PLAIN, {2021: 37.4, 2022: 36.6, 2023: 33.0}, "/d/csww.csv"),))


def test_a_tracker_series_that_agrees_is_shown_once_keeping_its_id_name_and_targets() -> None:
    target = Target(25.0, date(2024, 3, 31), "Target 25%")
    tracker = Dataset(
        actions=(Action(id="A1", title="Cut agency use", metric=TRACKER),),
        series=(_series("M-trk", TRACKER, {2021: 37.4, 2022: 36.6}, "/t/tracker.xlsx", "Metrics", (target,)),))
    got = merge_files([tracker, _dfe()])
    assert [s.name for s in got.series] == [PLAIN]
    (one,) = got.series
    assert [o.value for o in one.observations] == [37.4, 36.6, 33.0]  # the DfE file's figures, none lost
    assert one.known_as("M-trk") and one.known_as(TRACKER) and target in one.targets
    assert resolve_metric("M-trk", got.series) is one and resolve_metric(TRACKER, got.series) is one
    assert resolve_metric(got.actions[0].metric, got.series) is one  # the action finds it by its old name
    note = next(n for n in got.notes if TRACKER in n)
    assert "tracker.xlsx, sheet Metrics" in note and "shown once" in note and "csww.csv" in note


def test_a_tracker_series_that_differs_is_kept_and_each_difference_listed() -> None:
    tracker = Dataset(series=(_series("M-trk", TRACKER, {2021: 37.0, 2022: 36.6, 2024: 30.1}, "/t/tracker.xlsx"),))
    got = merge_files([tracker, _dfe()])
    assert [s.name for s in got.series] == [TRACKER, PLAIN]  # each under its own name, nothing dropped
    assert [o.value for o in got.series[0].observations] == [37.0, 36.6, 30.1]
    assert not got.series[1].known_as("M-trk")
    (diff,) = figure_disagreements(got.series)  # 2021 only: 2022 agrees, 2024 only the tracker gives
    assert diff.subject == f"{PLAIN}, 30 Sep 2021"
    assert sorted(c.value for c in diff.claims) == ["37%", "37.4%"]
    note = next(n for n in got.notes if TRACKER in n)
    assert "differs in 1 of its 3 periods" in note and "gives 1 period the other does not" in note


def test_a_tracker_series_with_no_shared_period_stays_apart() -> None:
    months = (Observation(Span.month(2024, 4), 31.0, None, None),)
    tracker = Dataset(series=(MetricSeries("M-trk", TRACKER, "%", observations=months),))
    got = merge_files([tracker, _dfe()])
    assert sorted(s.name for s in got.series) == sorted([TRACKER, PLAIN])
    assert any("kept apart" in n for n in got.notes)


def test_files_with_nothing_in_common_are_merged_unchanged() -> None:
    other = Dataset(series=(_series("M-o", "Young people placed in HMOs", {2021: 2.0}, "/t/x.xlsx"),))
    got = merge_files([other, _dfe()])
    assert [s.id for s in got.series] == ["M-o", "M-dfe"] and got.notes == ()


@pytest.mark.skipif(not DATA.exists(), reason="the DfE workforce file is not in ../shared/data/dfe")
def test_the_sample_tracker_beside_the_dfe_workforce_file_gives_each_indicator_once() -> None:
    from bcpviewer.io.loader import load_files

    got, errors = load_files([str(SAMPLE), str(DATA)], council="839")
    assert not errors
    names = [s.name for s in got.series]
    assert len(names) == len(set(names))  # no indicator twice
    assert "Agency social worker rate" not in names
    agency = next(s for s in got.series if s.name == PLAIN)
    assert agency.known_as("Agency social worker rate")
    assert {o.period.end: o.value for o in agency.observations}[date(2021, 9, 30)] == 37.4


def test_a_fold_keeps_the_trackers_comparators_and_notes_and_never_hides_a_differing_figure() -> None:
    from bcpviewer.model.records import Comparator

    own_sn = Comparator("neighbours", "Tracker's neighbours", (Observation(SEP[2021], 12.0, None, None),))
    tracker = _series("M-trk", TRACKER, {2021: 37.4}, "/t/tracker.xlsx")
    tracker = MetricSeries(tracker.id, tracker.name, "%", observations=tracker.observations, origin=tracker.origin,
                           comparators=(own_sn,), notes="2021 excludes locums")
    (one,) = merge_files([Dataset(series=(tracker,)), _dfe()]).series
    assert own_sn in one.comparators and one.notes == "2021 excludes locums"
    # a period given twice, once differently: never "the same in every period"
    twice = MetricSeries("M-trk", TRACKER, "%", observations=(
        Observation(SEP[2021], 99.0, None, None), Observation(SEP[2021], 37.4, None, None)))
    got = merge_files([Dataset(series=(twice,)), _dfe()])
    assert [s.name for s in got.series] == [TRACKER, PLAIN]
    # the plain series giving a period twice does not count twice
    dfe = _dfe().series[0]
    doubled = MetricSeries(dfe.id, PLAIN, "%", observations=(*dfe.observations, dfe.observations[0]))
    tracker2 = _series("M-trk", TRACKER, {2021: 37.4, 2022: 99.0}, "/t/tracker.xlsx")
    got = merge_files([Dataset(series=(tracker2,)), Dataset(series=(doubled,))])
    assert [s.name for s in got.series] == [TRACKER, PLAIN]
    assert any("differs in 1 of its 2 periods" in n for n in got.notes)


def test_with_two_releases_the_action_follows_the_series_the_tracker_was_folded_into() -> None:
    older = MetricSeries("M-dfe24", PLAIN, "%", observations=(
        Observation(SEP[2021], 37.4, None, None), Observation(SEP[2022], 36.0, None, None)), origin=Origin("/d/2024.csv"))
    newer = _series("M-dfe25", PLAIN, {2021: 37.4, 2022: 36.6}, "/d/2025.csv")
    target = Target(25.0, date(2024, 3, 31), "Target 25%")
    tracker = Dataset(actions=(Action(id="A1", title="Cut agency use", metric=TRACKER),),
                      series=(_series("M-trk", TRACKER, {2021: 37.4, 2022: 36.6}, "/t/t.xlsx", None, (target,)),))
    got = merge_files([tracker, Dataset(series=(older,)), Dataset(series=(newer,))])
    found = resolve_metric(got.actions[0].metric, got.series)
    assert found is not None and found.id == "M-dfe25" and target in found.targets


def test_sources_differ_compares_an_indicator_only_in_one_stated_unit() -> None:
    fraction = MetricSeries("M-trk", TRACKER, "ratio", observations=(Observation(SEP[2021], 0.374, None, None),))
    percent = MetricSeries("M-trk2", TRACKER, "", observations=(Observation(SEP[2021], 37.0, None, None),))
    assert figure_disagreements([fraction, *_dfe().series]) == []  # another unit: another measure
    (diff,) = figure_disagreements([percent, *_dfe().series])  # no unit stated: the indicator's
    assert diff.subject == f"{PLAIN}, 30 Sep 2021"
