"""One name per indicator: a tracker's series the catalogue knows by another name ("Agency social
worker rate") becomes the catalogue's indicator beside the official data: one metric, its plain
name and id, the actions that name it following, both sources' figures combined as releases are."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bcpviewer.io.loader import load_files
from bcpviewer.model import indicators as cat
from bcpviewer.model.ids import content_id
from bcpviewer.model.records import Action, Dataset, MetricSeries, Observation
from bcpviewer.model.releases import combine
from bcpviewer.model.spans import Span

SAMPLE = Path(__file__).resolve().parents[1] / "resources" / "samples" / "bcp-childrens-services.xlsx"
AGENCY = "Agency social workers (% of FTE)"
Y = {y: Span.day(date(y, 9, 30)) for y in (2021, 2022)}


def _series(name: str, values: dict[int, float], release: str) -> MetricSeries:
    return MetricSeries(content_id("M", name), name, "%", release=release, source=release,
                        observations=tuple(Observation(Y[y], v, None, release) for y, v in values.items()))


@pytest.mark.parametrize(("name", "id_"), [
    ("Agency social worker rate", "agency_rate"), ("agency  social worker rate.", "agency_rate"),
    (AGENCY, "agency_rate"), ("Social worker vacancy rate", "vacancy_rate"),
    ("Social worker turnover rate", "turnover_rate"), ("Average caseload per social worker", "caseload"),
    ("Children looked after per 10,000 children", "cla_rate"),
])
def test_names_a_tracker_gives_are_the_catalogues_indicators(name: str, id_: str) -> None:
    got = cat.named(name)
    assert got is not None and got.id == id_


@pytest.mark.parametrize("name", ["Agency rate", "Young people placed in HMOs", "Agency headcount"])
def test_other_names_are_not_guessed(name: str) -> None:
    assert cat.named(name) is None


def test_the_sample_and_the_official_data_make_one_agency_metric() -> None:
    if not SAMPLE.exists():
        pytest.skip(f"the bundled sample is not at {SAMPLE}")
    data, errors = load_files([str(SAMPLE)], official="839")
    assert errors == []
    names = [s.name for s in data.series]
    assert names.count(AGENCY) == 1 and "Agency social worker rate" not in names
    agency = next(s for s in data.series if s.name == AGENCY)
    assert agency.id == content_id("M", AGENCY)
    assert {o.period.end.year: o.value for o in agency.observations}[2021] == 37.4
    for plain in ("Social worker vacancies (% of FTE posts)", "Social worker turnover (% of FTE)",
                  "Average caseload (cases per FTE social worker)", "Children looked after (per 10,000 children)"):
        assert names.count(plain) == 1
    assert not {"Social worker vacancy rate", "Social worker turnover rate",
                "Average caseload per social worker", "Children looked after per 10,000 children"} & set(names)
    linked = {a.metric for a in data.actions if a.metric}
    assert AGENCY in linked and "Agency social worker rate" not in linked  # the actions follow
    assert any("'Agency social worker rate' is shown as 'Agency social workers (% of FTE)'" in n for n in data.notes)


def test_a_disagreement_is_kept_and_no_figure_counted_twice() -> None:
    opened = Dataset(series=(_series("Agency social worker rate", {2021: 37.0, 2022: 36.6}, "tracker"),),
                     actions=(Action("A1", "Recruit", metric="Agency social worker rate"),))
    bundled = Dataset(series=(_series(AGENCY, {2021: 37.4, 2022: 36.6}, "CSWW 2025"),))
    got = combine(opened, bundled)
    assert [s.name for s in got.series] == [AGENCY] and got.actions[0].metric == AGENCY
    s = got.series[0]
    assert [o.value for o in s.observations] == [37.0, 36.6]
    assert [o.value for o in s.comparators[-1].observations] == [37.4, 36.6]
    assert any("revised: 30 Sep 2021: 37.4 -> 37." in n for n in got.notes)


def test_no_rename_when_a_file_already_gives_the_plain_name() -> None:
    opened = Dataset(series=(_series("Agency social worker rate", {2021: 37.0}, "tracker"),
                             _series(AGENCY, {2021: 37.4}, "csww.csv")))
    bundled = Dataset(series=(_series(AGENCY, {2021: 37.4}, "CSWW 2025"),))
    got = combine(opened, bundled)
    assert [s.name for s in got.series] == ["Agency social worker rate", AGENCY]
