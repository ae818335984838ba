"""Many councils at once: every council's events from an Ofsted outcomes table, one DfE indicator
for chosen councils, and statistical neighbours by display name."""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bcpviewer.io import journeys as ji
from bcpviewer.io.errors import Cancelled, LoadError
from bcpviewer.model.journeys import Anchor, Which, councils_judged, journeys, median_months_to_reinspection
from bcpviewer.model.vocab import EventKind, Grade, Polarity
from tests.journeys_fixtures import (
    BCP,
    HAVE_REAL,
    NO_REAL,
    REAL_CLA,
    REAL_CSWW,
    REAL_OFSTED,
    SLOUGH,
    SOLIHULL,
    write_files,
)


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    return write_files(tmp_path)


# -- Ofsted outcomes ----------------------------------------------------------------------------------
def test_every_council_keyed_by_name_with_its_code(files) -> None:
    outcomes, _dfe = files
    events, problems = ji.load_outcomes(outcomes)
    assert list(events) == [BCP, SLOUGH, SOLIHULL]
    bcp = events[BCP]
    assert [(e.published, e.overall) for e in bcp] == [
        (date(2022, 2, 11), Grade.INADEQUATE), (date(2025, 1, 29), Grade.GOOD)]
    assert all(e.kind is EventKind.STANDARD_INSPECTION for e in bcp)
    assert [e.start for e in events[SOLIHULL]] == [date(2019, 11, 11), date(2022, 10, 31)]
    # the short inspection with 31 Feb is reported (row 8, start column) and left out, never raised
    assert len(events[SLOUGH]) == 2
    assert [(p.row, p.value) for p in problems] == [(8, "31/02/2024")]
    assert "F" in (problems[0].column or "")


def test_councils_judged_inadequate_and_their_journeys(files) -> None:
    outcomes, dfe = files
    events, _problems = ji.load_outcomes(outcomes)
    assert councils_judged(events, since=date(2018, 1, 1)) == [SOLIHULL, BCP, SLOUGH]
    series, problems = ji.load_metric([dfe], [BCP, SOLIHULL, SLOUGH], "Agency social workers (% of FTE)")
    assert problems == []
    js = {j.council: j for j in journeys([BCP, SOLIHULL, SLOUGH], events, series, as_of=date(2025, 6, 1))}
    assert js[BCP].grade_reached is Grade.GOOD and round(js[BCP].months_to_reinspection) == 36
    assert js[SLOUGH].grade_reached is Grade.REQUIRES_IMPROVEMENT
    assert js[SOLIHULL].reinspection is None and round(js[SOLIHULL].months_so_far) == 29
    assert round(median_months_to_reinspection(js.values())) == 45  # (36 + 54) / 2


def test_unreadable_or_wrong_files_raise_one_sentence(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="no such file"):
        ji.load_outcomes(tmp_path / "missing.csv")
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(LoadError, match="empty"):
        ji.load_outcomes(empty)
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(LoadError, match="No Ofsted outcomes table"):
        ji.load_outcomes(other)
    with pytest.raises(LoadError, match="not a DfE statistics file"):
        ji.indicators([other])
    with pytest.raises(LoadError, match="folder"):
        ji.load_outcomes(tmp_path)
    picture = tmp_path / "x.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n")
    with pytest.raises(LoadError, match="cannot be read here"):
        ji.load_outcomes(picture)


def test_a_changed_file_is_read_again(files) -> None:
    outcomes, _dfe = files
    first, _p = ji.load_outcomes(outcomes)
    text = outcomes.read_text(encoding="utf-8")
    outcomes.write_text("\n".join(text.splitlines()[:3]) + "\n", encoding="utf-8")
    st_ = outcomes.stat()
    os.utime(outcomes, ns=(st_.st_atime_ns, st_.st_mtime_ns + 5_000_000_000))
    second, _p = ji.load_outcomes(outcomes)
    assert list(first) == [BCP, SLOUGH, SOLIHULL] and list(second) == [BCP]
    second[BCP].clear()  # callers get their own lists: the kept copy is not changed
    assert len(ji.load_outcomes(outcomes)[0][BCP]) == 2


def test_cancelled_while_reading_a_workbook(tmp_path: Path) -> None:
    # a CSV is one grid: cancelling is checked before each table is looked for
    outcomes, _dfe = write_files(tmp_path)
    outcomes2 = tmp_path / "outcomes2.csv"
    outcomes2.write_bytes(outcomes.read_bytes())
    with pytest.raises(Cancelled):
        ji.load_outcomes(outcomes2, cancelled=lambda: True)


# -- DfE statistics ----------------------------------------------------------------------------------
def test_indicators_and_one_series_per_council_with_gaps(files) -> None:
    _outcomes, dfe = files
    assert ji.indicators([dfe]) == ["Agency social workers (% of FTE)", "Social worker vacancies (% of FTE posts)"]
    series, problems = ji.load_metric([dfe], [BCP, "Solihull", "871"], "Agency social workers (% of FTE)")
    assert problems == []
    assert list(series) == [BCP, "Solihull", "871"]  # keyed as asked
    bcp = series[BCP]
    assert bcp.unit == "%" and bcp.polarity is Polarity.LOWER_IS_BETTER and bcp.comparators == ()
    assert [o.value for o in bcp.observations] == [37.4, 36.6, 36.7, 33.3, 28.3]
    assert bcp.observations[0].period.end == date(2021, 9, 30)
    solihull = series["Solihull"]
    assert [(o.value, o.code) for o in solihull.observations][1] == (None, "c")
    assert [(o.value, o.code) for o in series["871"].observations][3] == (None, "x")


def test_a_council_without_figures_and_an_unknown_indicator_are_problems(files) -> None:
    _outcomes, dfe = files
    series, problems = ji.load_metric([dfe], [BCP, "Devon (878)"], "Agency social workers (% of FTE)")
    assert list(series) == [BCP]
    assert [(p.value, p.column) for p in problems] == [("Devon (878)", "la_name")]
    assert "no figures" in problems[0].message
    series, problems = ji.load_metric([dfe], [BCP], "Social worker turnover (% of FTE)")
    assert series == {} and "none of the DfE files gives this indicator" in problems[0].message


def test_a_bad_figure_is_reported_with_its_row_in_the_file(tmp_path: Path) -> None:
    _outcomes, dfe = write_files(tmp_path)
    lines = dfe.read_text(encoding="utf-8").splitlines()
    # the Slough row for 2023 (line 18 in the file) gets a figure that is not a number
    i = next(k for k, line in enumerate(lines) if line.startswith("2023") and "Slough" in line)
    lines[i] = lines[i].replace(",19.0,", ",nineteen,")
    dfe.write_text("\n".join(lines) + "\n", encoding="utf-8")
    series, problems = ji.load_metric([dfe], [BCP, SLOUGH], "Agency social workers (% of FTE)")
    assert [(p.row, p.value) for p in problems] == [(i + 1, "nineteen")]
    assert len(series[SLOUGH].observations) == 4


def test_later_files_fill_councils_the_first_lacks(tmp_path: Path) -> None:
    _outcomes, dfe = write_files(tmp_path)
    only_bcp = tmp_path / "bcp.csv"
    lines = dfe.read_text(encoding="utf-8").splitlines()
    only_bcp.write_text("\n".join(line for line in lines if "Solihull" not in line) + "\n", encoding="utf-8")
    series, problems = ji.load_metric([only_bcp, dfe], [BCP, SOLIHULL], "Agency social workers (% of FTE)")
    assert set(series) == {BCP, SOLIHULL} and problems == []
    assert series[BCP].source == f"DfE statistics: {only_bcp.name}"
    assert series[SOLIHULL].source == f"DfE statistics: {dfe.name}"


# -- names and neighbours ----------------------------------------------------------------------------
def test_neighbours_by_display_name_code_or_name() -> None:
    near = ji.neighbours_of(BCP)
    assert near[0] == "Southend-on-Sea (882)" and len(near) == 10
    assert ji.neighbours_of("839") == near == ji.neighbours_of("Bournemouth, Christchurch & Poole")
    assert ji.neighbours_of("839", "2025")[0] == "Bedford (822)"
    assert ji.neighbours_of("Atlantis") == [] and ji.neighbours_of("839", "1999") == []


def test_names_and_codes() -> None:
    assert ji.display_name("839", "bcp") == BCP
    assert ji.display_name("", "Somewhere") == "Somewhere"
    assert ji.code_of(BCP) == "839" and ji.code_of("Solihull") == "334" and ji.code_of("Atlantis") is None
    assert ji.plain_name(BCP) == "Bournemouth, Christchurch and Poole"


# -- never a traceback -----------------------------------------------------------------------------------
_cells = st.one_of(st.text(max_size=12), st.sampled_from(["inadequate", "good", "31/02/2024", "11/02/22",
                                                          "c", "x", "839", "standard", ""]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(st.lists(_cells, min_size=1, max_size=9), max_size=8))
def test_any_outcomes_table_gives_events_and_problems_or_one_load_error(rows) -> None:
    header = ("urn,local_authority,publication_date,inspection_framework,inspection_start_date,"
              "inspection_end_date,overall_effectiveness_grade")
    body = "\n".join(",".join('"' + c.replace('"', '""') + '"' for c in r) for r in rows)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "outcomes.csv"
        path.write_text(header + "\n" + body + "\n", encoding="utf-8")
        try:
            events, problems = ji.load_outcomes(path)
        except LoadError as e:
            assert str(e).endswith(".") and "\n" not in str(e)
            return
        assert all(isinstance(k, str) and k for k in events)
        assert all(p.message for p in problems)


@settings(max_examples=40, deadline=None)
@given(values=st.lists(st.one_of(st.text(max_size=8), st.sampled_from(["c", "x", "z", "12.5", "-1", "1e9"])),
                       min_size=5, max_size=5))
def test_any_dfe_figures_give_series_or_problems(values) -> None:
    with tempfile.TemporaryDirectory() as folder:
        _o, dfe = write_files(Path(folder))
        lines = dfe.read_text(encoding="utf-8").splitlines()
        out = [lines[0]]
        k = 0
        for line in lines[1:]:
            if "Solihull" in line:
                parts = line.rsplit(",", 2)
                value = '"' + values[k].replace('"', '""') + '"'
                line = f"{parts[0]},{value},{parts[2]}"
                k += 1
            out.append(line)
        dfe.write_text("\n".join(out) + "\n", encoding="utf-8")
        series, problems = ji.load_metric([dfe], [SOLIHULL, BCP], "Agency social workers (% of FTE)")
        assert BCP in series
        assert all(p.value != SOLIHULL or p.column == "la_name" for p in problems)


# -- the real files ----------------------------------------------------------------------------------
real = pytest.mark.skipif(not HAVE_REAL, reason=NO_REAL)


@real
def test_real_outcomes_bcp_solihull_and_north_east_lincolnshire() -> None:
    events, problems = ji.load_outcomes(REAL_OFSTED)
    assert len(events) > 140 and problems  # the rows without dates are reported, not raised
    nel = "North East Lincolnshire (812)"
    js = {j.council: j for j in journeys([BCP, SOLIHULL, nel], events, {}, as_of=date(2026, 11, 1))}
    bcp = js[BCP]
    assert bcp.anchor_date == date(2022, 2, 11) and bcp.grade_reached is Grade.GOOD
    assert bcp.reinspection is not None and bcp.reinspection.published == date(2025, 1, 29)
    assert 35 < bcp.months_to_reinspection < 37
    assert js[SOLIHULL].anchor_date == date(2023, 1, 13) and js[SOLIHULL].grade_reached is Grade.GOOD
    assert round(js[SOLIHULL].months_to_reinspection) == 36
    assert js[nel].anchor_date == date(2021, 11, 26) and js[nel].grade_reached is Grade.GOOD
    assert round(js[nel].months_to_reinspection) == 45
    assert BCP in councils_judged(events, since=date(2018, 1, 1))


@real
def test_real_agency_rates_for_twenty_councils() -> None:
    events, _problems = ji.load_outcomes(REAL_OFSTED)
    councils = councils_judged(events, since=date(2018, 1, 1))[:20]
    assert BCP in councils
    paths = [REAL_CSWW, REAL_CLA] if REAL_CLA.exists() else [REAL_CSWW]
    ji._cache.clear()  # measure a cold read
    names = ji.indicators(paths)  # speed is measured in benchmarks/, never asserted in a test
    series, problems = ji.load_metric(paths, councils, "Agency social workers (% of FTE)")
    assert "Agency social workers (% of FTE)" in names
    assert len(series) == 20 and problems == []
    by_year = {o.period.end.year: o.value for o in series[BCP].observations}
    assert [by_year[y] for y in range(2019, 2026)] == [8.0, 17.2, 37.4, 36.6, 36.7, 33.3, 28.3]
    solihull = {o.period.end.year: o.value for o in series[SOLIHULL].observations}
    assert solihull[2023] == 44.7 and solihull[2025] == 23.0


# -- table rows and the summary line (the window, the briefing pack and the XLSX sheet) -------------------
def test_table_rows_and_summary_line(files) -> None:
    outcomes, dfe = files
    events, _p = ji.load_outcomes(outcomes)
    series, _p = ji.load_metric([dfe], [BCP, SOLIHULL, SLOUGH], "Agency social workers (% of FTE)")
    js = journeys([BCP, SLOUGH, SOLIHULL, "Nowhere"], events, series, as_of=date(2025, 6, 1))
    rows = [ji.table_row(j, series.get(j.council)) for j in js]
    assert rows[0] == (BCP, "11 Feb 2022", "29 Jan 2025", "36", "Good", "28.3% (30 Sep 2025)")
    assert rows[1] == (SLOUGH, "1 Mar 2019", "1 Sep 2023", "54", "Requires improvement to be good",
                       "12.5% (30 Sep 2025)")
    assert rows[2] == (SOLIHULL, "13 Jan 2023", "Not yet", "29 so far", "Not yet", "23.0% (30 Sep 2025)")
    assert rows[3] == ("Nowhere", "Not in the table", "Not yet", "", "", "")
    assert ji.table_row(js[0], None)[5] == "No figure"
    assert ji.summary_line(js, BCP) == (
        "Median time from inadequate to re-inspection: 45 months over 2 councils; "
        "Bournemouth, Christchurch and Poole: 36 months, Good (1 of the councils has no such event in the table).")
    assert ji.summary_line(js[2:3], SOLIHULL) == (
        "Median time from inadequate to re-inspection: none re-inspected yet; Solihull: not re-inspected yet, "
        "29 months so far.")
    first = Anchor(which=Which.FIRST)
    assert ji.summary_line(js[:1], None, first).startswith(
        "Median time from the first inadequate judgement to re-inspection: 36 months over 1 council.")
    assert ji.summary_line([]) == "No councils chosen."
    assert ji.table_columns()[1] == "Judged inadequate"
    assert ji.table_columns(Anchor(EventKind.FOCUSED_VISIT, None))[1] == "Focused visit"
    assert ji.anchor_heading(Anchor(None, Grade.REQUIRES_IMPROVEMENT)) == "Judged RI"


def test_file_kind(files, tmp_path: Path) -> None:
    outcomes, dfe = files
    assert ji.file_kind(outcomes) == "ofsted" and ji.file_kind(dfe) == "dfe"
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n", encoding="utf-8")
    assert ji.file_kind(other) is None and ji.file_kind(tmp_path / "missing.xlsx") is None


def test_a_workbook_with_title_rows_and_a_sheet_per_table(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ilacs = wb.active
    ilacs.title = "ILACS inspections"
    ilacs.append(["Children's social care inspection outcomes"])
    ilacs.append([])
    ilacs.append(["Local authority", "LA code", "Inspection start date", "Publication date",
                  "Overall effectiveness"])
    ilacs.append(["Bournemouth, Christchurch and Poole", "839", "06/12/2021", "11/02/2022", "Inadequate"])
    ilacs.append(["Bournemouth, Christchurch and Poole", "839", "02/12/2024", "29/01/2025", "Good"])
    visits = wb.create_sheet("Monitoring visits")
    visits.append(["Monitoring visits to councils judged inadequate"])
    visits.append(["Local authority", "LA code", "Visit start date", "Publication date", "Theme"])
    visits.append(["Bournemouth, Christchurch and Poole", "839", "07/06/2022", "15/07/2022", "Front door"])
    path = tmp_path / "outcomes.xlsx"
    wb.save(path)
    assert ji.file_kind(path) == "ofsted"
    events, problems = ji.load_outcomes(path)
    assert problems == [] and list(events) == [BCP]
    kinds = [(e.start, e.kind) for e in events[BCP]]
    assert kinds == [(date(2021, 12, 6), EventKind.STANDARD_INSPECTION),
                     (date(2022, 6, 7), EventKind.MONITORING_VISIT),
                     (date(2024, 12, 2), EventKind.STANDARD_INSPECTION)]
    (j,) = journeys([BCP], events, {})
    assert j.grade_reached is Grade.GOOD  # the monitoring visit does not end the journey
