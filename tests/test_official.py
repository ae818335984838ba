"""The bundled official data: built from small DfE and Ofsted files made here, opened read-only,
one council's inspections and indicators with labelled comparators; then the shipped file."""

from __future__ import annotations

import csv
import io
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from bcpviewer.io.errors import LoadError
from bcpviewer.io.official import ALL, OfficialData, bundled_path
from bcpviewer.io.official_build import build
from bcpviewer.model.vocab import EventKind, Grade, Polarity

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
HEAD = ["time_period", "time_identifier", "geographic_level", "country_code", "country_name",
        "region_code", "region_name", "old_la_code", "new_la_code", "la_name"]
BCP = ("839", "E06000058", "Bournemouth, Christchurch and Poole")
# BCP's neighbours: Southend-on-Sea (882) is in both models, Swindon (866) in 2021 only, Bedford
# (822) in 2025 only; Solihull (334) is no neighbour of BCP's.
OTHERS = {"882": ("E06000033", "Southend-on-Sea", "East of England", "E12000006"),
          "866": ("E06000030", "Swindon", "South West", "E12000009"),
          "822": ("E06000055", "Bedford", "East of England", "E12000006"),
          "334": ("E08000029", "Solihull", "West Midlands", "E12000005")}


def _csv(path: Path, header: list[str], rows: list[list[object]]) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(buf.getvalue(), encoding="utf-8")


def _rows(year: str, values: dict[str, list[object]]) -> list[list[object]]:
    """England, the South West and each council, with the figures given for each."""
    out = [[year, "Reporting year", "National", "E92000001", "England", "", "", "", "", "",
            *values["E"]],
           [year, "Reporting year", "Regional", "E92000001", "England", "E12000009", "South West",
            "", "", "", *values["SW"]]]
    for code, figures in values.items():
        if code in ("E", "SW"):
            continue
        new, name, region, rcode = ((BCP[1], BCP[2], "South West", "E12000009") if code == "839"
                                    else OTHERS[code])
        out.append([year, "Reporting year", "Local authority", "E92000001", "England", rcode,
                    region, code, new, name, *figures])
    return out


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    # workforce: agency rate (a rate) and agency FTE (a count); Southend's 2021 figure suppressed
    wf = _rows("2021", {"E": ["15.5", "6000"], "SW": ["18.0", "600"], "839": ["37.4", "90"],
                        "882": ["c", "c"], "866": ["20.0", "30"], "822": ["30.0", "40"],
                        "334": ["11.0", "20"]})
    wf += _rows("2022", {"E": ["17.6", "6500"], "SW": ["19.0", "650"], "839": ["36.6", "88"],
                         "882": ["24.0", "25"], "866": ["22.0", "31"], "822": ["10.0", "12"]})
    _csv(data / "dfe" / "csww_indicators_2017_to_2025.csv", HEAD + ["agency_rate_fte", "agency_fte"], wf)
    cla = []
    for pop, rate in (("Children looked after on 31 March each year", "70"),
                      ("Children starting to be looked after each year", "27")):
        cla += [r[:10] + [pop] + r[10:] for r in _rows("2024", {
            "E": [rate, "83630"], "SW": [rate, "5000"], "839": ["79", "510"], "334": ["60", "300"]})]
    _csv(data / "dfe" / "cla_number_and_rate_per_10k_children.csv",
         HEAD + ["population_type", "rate_per_10000", "children_count"], cla)
    ofsted_head = ["urn", "local_authority", "inspection_link", "publication_date",
                   "inspection_framework", "inspector_name", "inspection_start_date",
                   "inspection_end_date", "overall_effectiveness_grade", "impact_of_leaders_grade",
                   "help_and_protection_grade", "in_care_grade", "care_leavers_grade"]
    _csv(data / "ofsted" / "ofsted_csc_ilacs_history.csv", ofsted_head, [
        ["2532287", "bournemouth, christchurch & poole", "https://files.ofsted.gov.uk/v1/file/1",
         "11/02/22", "standard", "Steve Lowe", "06/12/2021", "17/12/2021", "inadequate",
         "inadequate", "inadequate", "requires improvement", "inspection_pre_dates_judgement"],
        ["2532287", "bournemouth, christchurch & poole", "https://files.ofsted.gov.uk/v1/file/2",
         "29/01/25", "standard", "John Roughton", "02/12/2024", "13/12/2024", "good", "good",
         "good", "good", "requires improvement"],
        ["80554", "solihull", "https://files.ofsted.gov.uk/v1/file/3", "13/01/23", "standard",
         "Victoria Horsefield", "31/10/2022", "11/11/2022", "inadequate", "inadequate",
         "inadequate", "inadequate", "inspection_pre_dates_judgement"],
        ["80554", "solihull", "https://files.ofsted.gov.uk/v1/file/4", "07/07/16", "", "", "", "",
         "", "data_unreadable", "data_unreadable", "data_unreadable", "data_unreadable"],
    ])
    out = tmp_path / "official.sqlite"
    report = build(data, out, built=date(2026, 12, 7))
    text = "\n".join(report.lines)
    # what was not there is said, not hidden
    assert any("b1_children_in_need" in m for m in report.missing)
    assert "MISSING" in text and "NOT IN THE SOURCES: Children in need per 10,000" in text
    assert "1 row(s): row skipped: it has no inspection or visit start date" in text
    assert report.inspections == 3
    return out


def test_a_council_s_inspections_with_sub_judgements_and_nobody_else_s(bundle: Path) -> None:
    with OfficialData(bundle) as od:
        d = od.dataset("Bournemouth, Christchurch & Poole")
    assert [(e.start, e.kind, e.overall) for e in d.events] == [
        (date(2021, 12, 6), EventKind.STANDARD_INSPECTION, Grade.INADEQUATE),
        (date(2024, 12, 2), EventKind.STANDARD_INSPECTION, Grade.GOOD)]
    first, second = d.events
    assert dict(first.graded()) == {"overall": Grade.INADEQUATE, "leaders": Grade.INADEQUATE,
                                    "help_protection": Grade.INADEQUATE,
                                    "in_care": Grade.REQUIRES_IMPROVEMENT}  # no care leavers yet
    assert second.grades["care_leavers"] is Grade.REQUIRES_IMPROVEMENT
    assert first.published == date(2022, 2, 11) and first.lead == "Steve Lowe"
    assert first.origin.file == "ofsted_csc_ilacs_history.csv" and first.origin.row == 2
    assert "Open Government Licence v3.0" in first.notes
    # each record cites a source credited as the licence asks (the Sources tab, the pack)
    sources = d.source_by_id()
    report = sources[first.source]
    assert report.url == "https://files.ofsted.gov.uk/v1/file/1" and report.publisher == "Ofsted"
    assert report.title == ("Ofsted inspection report, published 11 Feb 2022. Ofsted inspection "
                            "outcomes, licensed under the Open Government Licence v3.0")
    agency = sources[d.series[0].source]
    assert agency.title.startswith("Department for Education, Children's social care statistics, "
                                   "licensed under the Open Government Licence v3.0: Children's social "
                                   "work workforce, reporting year 2022 (csww_indicators_2017_to_2025.csv)")


def test_rates_have_labelled_comparators_and_counts_stand_alone(bundle: Path) -> None:
    with OfficialData(bundle) as od:
        d = od.dataset("839", which=ALL)
        d25 = od.dataset("E06000058", neighbour_model="2025", which=ALL)
    names = [s.name for s in d.series]
    # core rates first, then other rates, then counts
    assert names == ["Agency social workers (% of FTE)", "Children looked after (per 10,000 children)",
                     "Children starting to be looked after (per 10,000 children)",
                     "Agency social workers (FTE)", "Children looked after at 31 March",
                     "Children starting to be looked after"]
    agency = d.series[0]
    assert agency.polarity is Polarity.LOWER_IS_BETTER and agency.unit == "%"
    assert [(o.period.label, o.value) for o in agency.observations] == [
        ("30 Sep 2021", 37.4), ("30 Sep 2022", 36.6)]
    assert [o.value for o in agency.comparator("england").observations] == [15.5, 17.6]
    assert agency.comparator("region").label == "South West"
    sn21 = agency.comparator("neighbours")
    assert sn21.label == "Statistical neighbours (median, 2021 model)"
    # 2021: Southend suppressed, so Swindon alone; 2022: median of Southend 24 and Swindon 22
    assert [o.value for o in sn21.observations] == [20.0, 23.0]
    assert any("Southend-on-Sea (882, c)" in n for n in sn21.notes)
    sn25 = d25.series[0].comparator("neighbours")
    assert sn25.label == "Statistical neighbours (median, 2025 model)"
    assert [o.value for o in sn25.observations] == [30.0, 17.0]  # Bedford; Bedford and Southend
    for count in d.series[3:]:
        assert count.comparators == ()  # never set against England's total
    assert any("shown alone" in n for n in d.notes)
    release = "Children's social work workforce, reporting year 2022"
    assert agency.release == release
    assert {o.release for o in agency.observations} == {release}
    assert {o.release for o in agency.comparator("england").observations} == {release}
    assert agency.origin.file == "csww_indicators_2017_to_2025.csv"
    core = OfficialData(bundle).dataset("839")
    assert [s.name for s in core.series] == ["Agency social workers (% of FTE)",
                                             "Children looked after (per 10,000 children)"]


def test_councils_found_by_name_or_either_code(bundle: Path) -> None:
    with OfficialData(bundle) as od:
        assert od.council("839") == od.council("e06000058") == od.council("BCP (839)")
        assert od.council("Bournemouth, Christchurch and Poole").code == "839"
        assert od.council("Solihull (334)").name == "Solihull"
        assert od.council("Atlantis") is None
        assert [c.code for c in od.search("solih")] == ["334"]
        assert {c.code for c in od.search("E0600005")} >= {"822", "839"}  # new codes, by prefix
        assert od.search("334")[0].code == "334"  # the exact code first
        assert {c.code for c in od.search("33")} >= {"330", "334"}
        with pytest.raises(ValueError, match="Atlantis.*such as 839"):
            od.dataset("Atlantis")
        with pytest.raises(ValueError, match=r"did you mean Solihull \(334\)"):
            od.dataset("Solihul")
        assert od.dataset("Solihull").events[0].overall is Grade.INADEQUATE
        assert "Department for Education" in od.credits()[0] and "Ofsted" in od.credits()[1]


def test_opened_read_only_and_never_changed(bundle: Path) -> None:
    before = bundle.read_bytes()
    od = OfficialData(bundle)
    with pytest.raises(sqlite3.OperationalError):
        od.db.execute("CREATE TABLE scribble (a)")
    od.dataset("839")
    od.close()
    assert bundle.read_bytes() == before


def test_a_missing_or_damaged_file_is_one_clear_sentence(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="missing"):
        OfficialData(tmp_path / "nope.sqlite")
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(LoadError, match="cannot be read"):
        OfficialData(junk)


# -- the shipped file (committed; needs nothing from ../shared) --------------------------------------
def test_shipped_file_bcp_and_solihull() -> None:
    with OfficialData() as od:
        assert bundled_path().stat().st_size < 8_000_000
        bcp = od.dataset("839")
        agency = bcp.series[0]
        assert agency.name == "Agency social workers (% of FTE)"
        by_year = {o.period.start.year: o.value for o in agency.observations}
        eng = {o.period.start.year: o.value for o in agency.comparator("england").observations}
        assert (by_year[2021], eng[2021]) == (37.4, 15.5)
        sol = od.dataset("Solihull")
        assert [(e.start.year, e.overall) for e in sol.events] == [
            (2019, Grade.REQUIRES_IMPROVEMENT), (2022, Grade.INADEQUATE), (2025, Grade.GOOD)]
        compared = [s for s in sol.series if {c.kind for c in s.comparators} >= {"england", "region", "neighbours"}]
        assert len(compared) >= 8
        assert all(e.kind in (EventKind.STANDARD_INSPECTION, EventKind.SHORT_INSPECTION)
                   for e in sol.events)


RAW_CHECKS = (  # (file, column, filter column, filter value, bundle indicator name)
    ("csww_indicators_2017_to_2025.csv", "agency_rate_fte", None, None, "Agency social workers (% of FTE)"),
    ("csww_indicators_2017_to_2025.csv", "caseload_fte", None, None,
     "Average caseload (cases per FTE social worker)"),
    ("c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv", "rereferral_percent", None, None,
     "Re-referrals within 12 months (% of referrals)"),
    ("d3_cpps_subsequent_plan_2013_to_2025.csv", "CPP_subsequent_percent", None, None,
     "Repeat child protection plans (% second or subsequent)"),
    ("cla_number_and_rate_per_10k_children.csv", "rate_per_10000", "population_type",
     "Children looked after on 31 March each year", "Children looked after (per 10,000 children)"),
    ("la_cla_placement_stability.csv", "children_percent", "placement_stability",
     "With 3 or more placements during the year",
     "Children looked after with 3 or more placements in the year (%)"),
)


@pytest.mark.skipif(not (SHARED / "dfe").is_dir(), reason="../shared/data/dfe is not present")
@pytest.mark.parametrize(("file", "column", "fcol", "fval", "name"), RAW_CHECKS)
def test_shipped_bcp_figures_equal_the_raw_csv_rows(file, column, fcol, fval, name) -> None:
    raw: dict[int, str] = {}
    england: dict[int, str] = {}
    with open(SHARED / "dfe" / file, encoding="utf-8-sig", newline="") as fh:
        for r in csv.DictReader(fh):
            if fcol and r[fcol] != fval:
                continue
            if r["old_la_code"] == "839":
                raw[int(r["time_period"])] = r[column]
            elif r["geographic_level"] == "National":
                england[int(r["time_period"])] = r[column]
    with OfficialData() as od:
        series = next(s for s in od.dataset("839").series if s.name == name)
    got = {o.period.end.year: (o.value, o.code) for o in series.observations}
    assert raw and got == {y: (float(v), None) if v[:1].isdigit() else (None, v) for y, v in raw.items()}
    eng = {o.period.end.year: o.value for o in series.comparator("england").observations}
    assert eng == {y: float(v) for y, v in england.items()}
    # each figure says where it was read, and that line of the file holds it
    latest = series.observations[-1]
    with OfficialData() as od:
        where = od.where("839", name, latest.period)
    assert where is not None and where.startswith(f"{file}, line ") and f"column {column.lower()}" in where
    line = int(where.split("line ")[1].split(",")[0])
    text = (SHARED / "dfe" / file).read_text(encoding="utf-8-sig").splitlines()[line - 1]
    assert ",839," in text and text.startswith(str(latest.period.end.year)) and f",{raw[latest.period.end.year]}" in text


@pytest.mark.skipif(not (SHARED / "ofsted").is_dir(), reason="../shared/data/ofsted is not present")
def test_shipped_bcp_inspections_equal_the_raw_ofsted_rows() -> None:
    with open(SHARED / "ofsted" / "ofsted_csc_ilacs_history.csv", encoding="utf-8-sig", newline="") as fh:
        raw = [r for r in csv.DictReader(fh) if r["urn"] == "2532287"]
    with OfficialData() as od:
        events = od.dataset("839").events
    words = {Grade.GOOD: "good", Grade.INADEQUATE: "inadequate",
             Grade.REQUIRES_IMPROVEMENT: "requires improvement", Grade.OUTSTANDING: "outstanding"}
    got = sorted((e.start.strftime("%d/%m/%Y"), words[e.grades["overall"]], words[e.grades["in_care"]],
                  e.lead) for e in events)
    want = sorted((r["inspection_start_date"], r["overall_effectiveness_grade"], r["in_care_grade"],
                   r["inspector_name"]) for r in raw)
    assert got == want and len(got) == 2
