"""DfE explore-education-statistics tidy CSVs: a council's series with England and region."""

from __future__ import annotations

import csv
import io
import statistics
from datetime import date
from pathlib import Path

import pytest

from bcpviewer.io.errors import LoadError
from bcpviewer.io.loader import LoadReport, load_file
from bcpviewer.model.spans import Span, SpanKind
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
    agency = {s.name: s for s in d.series}["Agency social workers (% of FTE)"]
    assert [(o.period.start, o.value) for o in agency.observations] == [
        (date(2023, 9, 30), 36.7), (date(2024, 9, 30), 33.3)]
    assert [o.value for o in agency.comparator("england").observations] == [17.9, 16.2]
    assert agency.comparator("region").label == "South West"
    assert agency.polarity is Polarity.LOWER_IS_BETTER and agency.unit == "%"
    caseload = {s.name: s for s in d.series}["Average caseload (cases per FTE social worker)"]
    assert [(o.value, o.code) for o in caseload.observations] == [(15.9, None), (None, "c")]
    assert d.problems == () and d.notes == ()


def test_council_by_name_and_without_council(tidy: Path) -> None:
    by_name = load_file(tidy, council="Bournemouth, Christchurch and Poole")
    assert {s.name for s in by_name.series} == {"Agency social workers (% of FTE)", "Average caseload (cases per FTE social worker)"}
    england = load_file(tidy)
    agency = {s.name: s for s in england.series}["Agency social workers (% of FTE)"]
    assert [o.value for o in agency.observations] == [17.9, 16.2]
    assert england.notes and "choose a council" in england.notes[0]
    unknown = load_file(tidy, council="Atlantis")
    assert unknown.problems[0].value == "Atlantis"


@pytest.mark.skipif(not (DFE / "csww_indicators_2017_to_2025.csv").exists(),
                    reason="../shared/data/dfe is not present")
def test_real_workforce_file_matches_published_bcp_agency_rates() -> None:
    d = load_file(DFE / "csww_indicators_2017_to_2025.csv", council="839")
    agency = {s.name: s for s in d.series}["Agency social workers (% of FTE)"]
    by_year = {o.period.start.year: o.value for o in agency.observations}
    assert [by_year[y] for y in range(2019, 2026)] == [8.0, 17.2, 37.4, 36.6, 36.7, 33.3, 28.3]
    assert d.problems == ()


# -- shapes, periods, filters, codes and releases (synthetic, always run) -----------------------------
HEAD = ["time_period", "time_identifier", "geographic_level", "country_code", "country_name",
        "region_code", "region_name", "old_la_code", "new_la_code", "la_name"]
# BCP's statistical neighbours (DOMAIN.md): 2021 model, then 2025 model
SN_2021 = ["882", "845", "866", "935", "886", "921", "938", "916", "878", "800"]
SN_2025 = ["822", "882", "886", "878", "826", "303", "938", "926", "845", "881"]


def tidy_csv(path: Path, extra: list[str], rows: list[list[object]]) -> Path:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(HEAD + extra)
    w.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def la(year: str, code: str, name: str, *values: object, region: str = "South West",
       ident: str = "Reporting year") -> list[object]:
    return [year, ident, "Local authority", "E92000001", "England", "E12000009", region, code,
            f"E0{code}", name, *values]


def nat(year: str, *values: object, ident: str = "Reporting year") -> list[object]:
    return [year, ident, "National", "E92000001", "England", "", "", "", "", "", *values]


def reg(year: str, region: str, *values: object, ident: str = "Reporting year") -> list[object]:
    return [year, ident, "Regional", "E92000001", "England", "E1", region, "", "", "", *values]


@pytest.fixture
def workforce(tmp_path: Path) -> Path:
    """Agency rates for BCP, England, two regions and all twenty of BCP's neighbours (both models)."""
    rows = [nat("2023", "17.9"), reg("2023", "South West", "19.8"), reg("2023", "London", "9.9"),
            la("2023", "839", "Bournemouth, Christchurch and Poole", "36.7")]
    values = {code: str(10 + k) for k, code in enumerate(dict.fromkeys(SN_2021 + SN_2025))}
    values["800"] = "c"  # a neighbour with a suppressed figure
    del values["916"]  # and one with no row at all
    for code, v in values.items():
        rows.append(la("2023", code, f"Council {code}", v, region="Elsewhere"))
    return tidy_csv(tmp_path / "csww.csv", ["agency_rate_fte"], rows)


def _neighbour_values(path: Path, codes: list[str], year: str) -> list[float]:
    """The neighbours' figures read straight from the CSV (not through the app)."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return [float(r["agency_rate_fte"]) for r in csv.DictReader(fh)
                if r["time_period"] == year and r["geographic_level"] == "Local authority"
                and r["old_la_code"] in codes and r["agency_rate_fte"] not in ("c", "x", "z", "k", "u", "low", ":")]


def test_neighbour_median_names_the_model_and_who_had_no_figure(workforce: Path) -> None:
    d = load_file(workforce, council="839")
    sn = d.series[0].comparator("neighbours")
    assert sn is not None and sn.label == "Statistical neighbours (median, 2021 model)"
    expected = statistics.median(_neighbour_values(workforce, SN_2021, "2023"))
    assert [(o.period, o.value) for o in sn.observations] == [(Span.day(date(2023, 9, 30)), expected)]
    assert "Southend-on-Sea (882)" in sn.notes[0] and "2021 model" in sn.notes[0]
    missing = sn.notes[1]
    assert missing.startswith("30 Sep 2023: median of 8 of 10 neighbours")
    assert "Bath and North East Somerset (800, c)" in missing and "Gloucestershire (916)" in missing
    assert d.problems == ()


def test_neighbour_mean_and_the_2025_model(workforce: Path) -> None:
    d = load_file(workforce, council="839", neighbour_model="2025", neighbour_stat="mean")
    sn = d.series[0].comparator("neighbours")
    assert sn.label == "Statistical neighbours (mean, 2025 model)"
    assert sn.observations[0].value == pytest.approx(statistics.fmean(_neighbour_values(workforce, SN_2025, "2023")))
    assert len(sn.notes) == 1  # all ten 2025 neighbours had a figure


def test_unknown_neighbour_options_are_refused_in_one_sentence(workforce: Path) -> None:
    with pytest.raises(LoadError, match="2019"):
        load_file(workforce, council="839", neighbour_model="2019")
    with pytest.raises(LoadError, match="median or mean"):
        load_file(workforce, council="839", neighbour_stat="mode")


def test_council_by_new_code_and_either_spelling(workforce: Path) -> None:
    for council in ("E0839", "bournemouth, christchurch & poole", "Bournemouth Christchurch and Poole", " 839 "):
        d = load_file(workforce, council=council)
        assert d.series[0].observations[0].value == 36.7, council
        assert d.series[0].comparator("region").label == "South West"


def test_a_merged_council_is_matched_by_code_not_by_the_old_names(tmp_path: Path) -> None:
    rows = [nat("2018", "15.4"), nat("2019", "15.8"),
            la("2018", "836", "Poole", "12.0"), la("2018", "837", "Bournemouth", "14.0"),
            la("2019", "839", "Bournemouth, Christchurch & Poole", "8.0")]
    p = tidy_csv(tmp_path / "w.csv", ["agency_rate_fte"], rows)
    bcp = load_file(p, council="Bournemouth, Christchurch and Poole").series[0]
    assert [(o.period.start.year, o.value) for o in bcp.observations] == [(2019, 8.0)]
    poole = load_file(p, council="Poole").series[0]  # the former council keeps its own history
    assert [(o.period.start.year, o.value) for o in poole.observations] == [(2018, 12.0)]


def test_filters_name_the_series_and_periods_follow_the_measure(tmp_path: Path) -> None:
    """CLA: counts 'on 31 March' are dated 31 March; starters 'each year' cover the year to 31 March."""
    extra = ["population_type", "children_count", "rate_per_10000"]
    rows = []
    for year, at, starting in (("2024", "510", "200"), ("2025", "c", "190")):
        rows += [
            nat(year, "Children looked after on 31 March each year", "83630", "70"),
            nat(year, "Children starting to be looked after each year", "33000", "27"),
            la(year, "839", "Bournemouth, Christchurch and Poole", "Children looked after on 31 March each year", at, "79"),
            la(year, "839", "Bournemouth, Christchurch and Poole", "Children starting to be looked after each year", starting, "31"),
        ]
    d = load_file(tidy_csv(tmp_path / "cla.csv", extra, rows), council="839")
    by = {s.name: s for s in d.series}
    assert list(by) == [  # the core rate first, then other rates, then counts
        "Children looked after (per 10,000 children)",
        "Children starting to be looked after (per 10,000 children)",
        "Children looked after at 31 March",
        "Children starting to be looked after",
    ]
    at = by["Children looked after at 31 March"]
    assert at.comparators == ()  # a count is never set against England's total
    assert any("shown alone" in n for n in d.notes)
    assert [o.period for o in at.observations] == [Span.day(date(2024, 3, 31)), Span.day(date(2025, 3, 31))]
    assert [(o.value, o.code) for o in at.observations] == [(510.0, None), (None, "c")]  # a coded gap
    flow = by["Children starting to be looked after (per 10,000 children)"]
    assert flow.observations[0].period.kind is SpanKind.REPORTING_YEAR
    assert flow.observations[0].period.label == "year to 31 Mar 2024"
    assert flow.unit == "per 10,000"
    assert [o.value for o in flow.comparator("england").observations] == [27.0, 27.0]
    assert d.problems == ()


def test_financial_years_and_the_release_are_kept(tmp_path: Path) -> None:
    extra = ["release", "expenditure_per_child"]
    rows = [nat("202324", "1200", ident="Financial year") + [],
            la("202324", "839", "Bournemouth, Christchurch and Poole", "1400", ident="Financial year")]
    rows = [r[:10] + ["CLA 2024 (revised)"] + r[10:] for r in rows]
    d = load_file(tidy_csv(tmp_path / "f.csv", extra, rows), council="839")
    s = d.series[0]
    assert s.observations[0].period == Span.financial_year(2023)
    assert s.observations[0].release == "CLA 2024 (revised)" and s.release == "CLA 2024 (revised)"


def test_an_unrecognised_split_is_reported_not_silently_mixed(tmp_path: Path) -> None:
    """Two rows for one council and period (a splitting column the reader could not tell apart)."""
    extra = ["agency_rate_fte"]
    rows = [nat("2023", "17.9"), la("2023", "839", "BCP", "36.7"), la("2023", "839", "BCP", "12.0")]
    d = load_file(tidy_csv(tmp_path / "dup.csv", extra, rows), council="839")
    assert any("more than one row" in p.message for p in d.problems)


def test_a_report_lists_the_councils_when_none_is_chosen(workforce: Path) -> None:
    report = LoadReport()
    d = load_file(workforce, report=report)
    assert d.series and d.notes  # England's own figures, with a note to choose
    councils = {c.code: c.name for c in report.all_councils()}
    assert councils["839"] == "Bournemouth, Christchurch and Poole"
    assert len(councils) == len(set(SN_2021 + SN_2025) - {"916"}) + 1
    chosen = LoadReport()
    load_file(workforce, council="839", report=chosen)
    assert not chosen.needs_council


# -- the real DfE files (when ../shared is present) ---------------------------------------------------
CSWW = DFE / "csww_indicators_2017_to_2025.csv"
CLA = DFE / "cla_number_and_rate_per_10k_children.csv"
SN_FILE = DFE / "New_Statistical_Neighbour_Groupings_April_2021.csv"
needs_csww = pytest.mark.skipif(not CSWW.exists(), reason="../shared/data/dfe is not present")


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


@needs_csww
def test_real_workforce_file_england_equals_the_england_rows() -> None:
    d = load_file(CSWW, council="839")
    agency = {s.name: s for s in d.series}["Agency social workers (% of FTE)"]
    england = {r["time_period"]: float(r["agency_rate_fte"]) for r in _rows(CSWW)
               if r["geographic_level"] == "National"}
    got = {str(o.period.start.year): o.value for o in agency.comparator("england").observations}
    assert got == england
    assert [got[str(y)] for y in range(2019, 2026)] == [15.8, 15.4, 15.5, 17.6, 17.9, 16.2, 13.0]
    assert agency.comparator("region").label == "South West"


@needs_csww
def test_real_workforce_file_neighbour_median_for_2023_from_the_ten_neighbours() -> None:
    if SN_FILE.exists():  # the ten neighbours as DfE's own file lists them
        with open(SN_FILE, encoding="utf-8-sig", newline="") as fh:
            bcp = next(r for r in csv.reader(fh) if r and r[0] == "839")
        codes = [bcp[5 + 2 * k] for k in range(10)]
    else:
        codes = SN_2021
    assert sorted(codes) == sorted(SN_2021)
    values = [float(r["agency_rate_fte"]) for r in _rows(CSWW)
              if r["time_period"] == "2023" and r["geographic_level"] == "Local authority"
              and r["old_la_code"] in codes]
    assert len(values) == 10
    d = load_file(CSWW, council="839")
    sn = {s.name: s for s in d.series}["Agency social workers (% of FTE)"].comparator("neighbours")
    assert sn.label == "Statistical neighbours (median, 2021 model)"
    got = {o.period.start.year: o.value for o in sn.observations}
    assert got[2023] == statistics.median(values)


@pytest.mark.skipif(not CLA.exists(), reason="../shared/data/dfe is not present")
def test_real_looked_after_file_by_name() -> None:
    d = load_file(CLA, council="Bournemouth, Christchurch & Poole", neighbour_model="2025")
    by = {s.name: s for s in d.series}
    rate = by["Children looked after (per 10,000 children)"]
    assert rate.observations[-1].period == Span.day(date(2025, 3, 31))
    assert {c.kind for c in rate.comparators} == {"england", "region", "neighbours"}
    assert rate.comparator("neighbours").label == "Statistical neighbours (median, 2025 model)"
    assert d.problems == ()
