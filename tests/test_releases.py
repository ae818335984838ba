"""A file the user opens beside the bundled official data: its series win, nothing is lost, and
revisions between the two releases are listed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from bcpviewer.io.loader import load_files
from bcpviewer.model.records import Comparator, Dataset, MetricSeries, Observation
from bcpviewer.model.releases import combine
from bcpviewer.model.spans import Span

Y = {y: Span.day(date(y, 9, 30)) for y in range(2019, 2026)}
NAME = "Agency social workers (% of FTE)"


def series(values: dict[int, float | None], release: str, source: str, name: str = NAME) -> MetricSeries:
    obs = tuple(Observation(Y[y], v, None if v is not None else "c", release) for y, v in values.items())
    return MetricSeries("M-x", name, "%", observations=obs, release=release, source=source,
                        comparators=(Comparator("england", "England", obs),))


def test_the_opened_file_wins_and_the_bundled_release_stays_beside_it() -> None:
    bundled = Dataset(series=(series({2023: 36.7, 2024: 33.3}, "CSWW 2024", "bundle"),
                              series({2024: 7.0}, "CSWW 2024", "bundle", name="Other rate")))
    opened = Dataset(series=(series({2023: 36.9, 2024: 33.3, 2025: None}, "CSWW 2025", "csww.csv"),))
    got = combine(opened, bundled)
    assert [s.name for s in got.series] == [NAME, "Other rate"]  # none twice, none lost
    agency = got.series[0]
    assert agency.source == "csww.csv" and agency.release == "CSWW 2025"
    old = agency.comparators[-1]
    assert old.label == "Bundled data (CSWW 2024)" and [o.value for o in old.observations] == [36.7, 33.3]
    note = next(n for n in got.notes if n.startswith(NAME))
    assert "revised: 30 Sep 2023: 36.7 -> 36.9." in note and "2024" not in note.split("revised:")[1]


def test_an_unchanged_release_adds_no_second_line() -> None:
    bundled = Dataset(series=(series({2023: 36.7}, "CSWW 2024", "bundle"),))
    opened = Dataset(series=(series({2023: 36.7, 2024: 33.3}, "CSWW 2025", "csww.csv"),))
    got = combine(opened, bundled)
    assert len(got.series) == 1 and [c.kind for c in got.series[0].comparators] == ["england"]
    assert any("unchanged" in n for n in got.notes)


def test_load_files_adds_the_bundled_data_for_the_council(tmp_path: Path) -> None:
    data, errors = load_files([], official="Solihull")
    assert errors == [] and [e.start.year for e in data.events] == [2019, 2022, 2025]
    assert data.series[0].name == NAME and data.series[0].comparator("neighbours") is not None
    nothing, errors = load_files([], official="Atlantis")
    assert nothing.is_empty and errors == [] and "Atlantis" in nothing.notes[0]
    plain, _ = load_files([], council="Solihull")  # a council for files only: no bundled data
    assert plain.is_empty


def _inspection(eid: str, start: date, end: date, overall: str, source: str):
    from bcpviewer.model.records import Event
    from bcpviewer.model.vocab import EventKind, Grade

    grade = {"Inadequate": Grade.INADEQUATE, "Good": Grade.GOOD,
             "Requires improvement": Grade.REQUIRES_IMPROVEMENT}[overall]
    return Event(eid, EventKind.STANDARD_INSPECTION, "ILACS inspection", start, end, grades={"overall": grade},
                 source=source)


def test_an_inspection_both_record_alike_is_shown_once_and_said() -> None:
    opened = Dataset(events=(_inspection("E1", date(2021, 12, 6), date(2021, 12, 17), "Inadequate", "chronology"),))
    bundled = Dataset(events=(_inspection("O1", date(2021, 12, 6), date(2021, 12, 17), "Inadequate", "Ofsted"),
                              _inspection("O2", date(2025, 1, 13), date(2025, 1, 24), "Good", "Ofsted")))
    got = combine(opened, bundled)
    assert [e.id for e in got.events] == ["E1", "O2"]  # the 2021 inspection once, the 2025 one kept
    assert [source for _origin, source in got.events[0].copies] == ["Ofsted"]  # both places kept


def test_an_inspection_the_sources_disagree_on_is_kept_twice_to_be_seen() -> None:
    opened = Dataset(events=(_inspection("E1", date(2021, 12, 6), date(2021, 12, 17), "Requires improvement",
                                         "chronology"),))
    bundled = Dataset(events=(_inspection("O1", date(2021, 12, 6), date(2021, 12, 17), "Inadequate", "Ofsted"),))
    got = combine(opened, bundled)
    assert sorted(e.id for e in got.events) == ["E1", "O1"]
    from bcpviewer.model.disagreements import find_disagreements

    assert any("grade" in d.field for d in find_disagreements(got))
