"""DfE explore-education-statistics tidy CSVs: a council's series with England and region."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bcpviewer.io.loader import load_file
from bcpviewer.model.vocab import Polarity

DFE = Path(__file__).resolve().parents[2] / "shared" / "data" / "dfe"

TIDY = """time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,agency_rate_fte,caseload_fte
2023,Reporting year,National,E92000001,England,,,,,,17.9,16.0
2023,Reporting year,Regional,E92000001,England,E12000009,South West,,,,19.8,15.9
2023,Reporting year,Local authority,E92000001,England,E12000009,South West,839,E06000058,"Bournemouth, Christchurch and Poole",36.7,15.9
2024,Reporting year,National,E92000001,England,,,,,,16.2,15.4
2024,Reporting year,Regional,E92000001,England,E12000009,South West,,,,18.7,15.0
2024,Reporting year,Local authority,E92000001,England,E12000009,South West,839,E06000058,"Bournemouth, Christchurch & Poole",33.3,c
2024,Reporting year,Local authority,E92000001,England,E12000009,South West,800,E06000022,Bath and North East Somerset,9.0,14.0
"""


@pytest.fixture
def tidy(tmp_path: Path) -> Path:
    p = tmp_path / "csww.csv"
    p.write_text(TIDY, encoding="utf-8")
    return p


def test_council_by_code_with_comparators_despite_renamed_spelling(tidy: Path) -> None:
    d = load_file(tidy, council="839")
    agency = {s.name: s for s in d.series}["Agency rate fte"]
    assert [(o.period.start, o.value) for o in agency.observations] == [
        (date(2023, 9, 30), 36.7), (date(2024, 9, 30), 33.3)]
    assert [o.value for o in agency.comparator("england").observations] == [17.9, 16.2]
    assert agency.comparator("region").label == "South West"
    assert agency.polarity is Polarity.LOWER_IS_BETTER and agency.unit == "%"
    caseload = {s.name: s for s in d.series}["Caseload fte"]
    assert [(o.value, o.code) for o in caseload.observations] == [(15.9, None), (None, "c")]
    assert d.problems == () and d.notes == ()


def test_council_by_name_and_without_council(tidy: Path) -> None:
    by_name = load_file(tidy, council="Bournemouth, Christchurch and Poole")
    assert {s.name for s in by_name.series} == {"Agency rate fte", "Caseload fte"}
    england = load_file(tidy)
    agency = {s.name: s for s in england.series}["Agency rate fte"]
    assert [o.value for o in agency.observations] == [17.9, 16.2]
    assert england.notes and "choose a council" in england.notes[0]
    unknown = load_file(tidy, council="Atlantis")
    assert unknown.problems[0].value == "Atlantis"


@pytest.mark.skipif(not (DFE / "csww_indicators_2017_to_2025.csv").exists(),
                    reason="../shared/data/dfe is not present")
def test_real_workforce_file_matches_published_bcp_agency_rates() -> None:
    d = load_file(DFE / "csww_indicators_2017_to_2025.csv", council="839")
    agency = {s.name: s for s in d.series}["Agency rate fte"]
    by_year = {o.period.start.year: o.value for o in agency.observations}
    assert [by_year[y] for y in range(2019, 2026)] == [8.0, 17.2, 37.4, 36.6, 36.7, 33.3, 28.3]
    assert d.problems == ()
