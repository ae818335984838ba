"""The shipped DfE statistical neighbour lists (resources/neighbours.json) and the neighbours'
median or mean: facts checked against DOMAIN.md, and against DfE's own files when present."""

from __future__ import annotations

import csv
import json
import statistics
from datetime import date
from pathlib import Path

import pytest

from bcpviewer.io import neighbours as sn
from bcpviewer.model.records import Observation
from bcpviewer.model.spans import Span

ROOT = Path(__file__).resolve().parents[1]
DFE = ROOT.parent / "shared" / "data" / "dfe"
SN_2021 = DFE / "New_Statistical_Neighbour_Groupings_April_2021.csv"
SN_2025 = DFE / "sn_model_2025_wide.csv"
# DOMAIN.md: BCP's neighbours in each model
BCP_2021 = ["882", "845", "866", "935", "886", "921", "938", "916", "878", "800"]
BCP_2025 = ["822", "882", "886", "878", "826", "303", "938", "926", "845", "881"]


def test_the_data_file_says_where_it_came_from_and_holds_both_models() -> None:
    data = json.loads((ROOT / "resources" / "neighbours.json").read_text(encoding="utf-8"))
    assert "New_Statistical_Neighbour_Groupings_April_2021.csv" in data["about"]
    assert "sn_model_2025_wide.csv" in data["about"]
    assert set(data["models"]) == {"2021", "2025"}
    assert set(sn.models()) == {"2021", "2025"}


def test_bcp_neighbours_in_each_model_match_the_published_lists() -> None:
    assert list(sn.model("2021").of("839")) == BCP_2021
    assert list(sn.model("2025").of("839")) == BCP_2025
    m = sn.model("2021")
    assert [m.councils[c].name for c in BCP_2021[:2]] == ["Southend-on-Sea", "East Sussex"]
    assert m.councils["839"].region == "South West" and m.councils["839"].new_code == "E06000058"


def test_every_council_has_ten_neighbours_with_names() -> None:
    for m in sn.models().values():
        for code, near in m.neighbours.items():
            assert len(near) == 10 and len(set(near)) == 10 and code not in near, (m.key, code)
            assert all(sn.council_name(c) for c in near), (m.key, code)


def test_councils_are_found_by_code_new_code_or_any_spelling() -> None:
    for text in ("839", "E06000058", "Bournemouth, Christchurch & Poole", "bournemouth christchurch and poole"):
        assert sn.find_code(text) == "839", text
    assert sn.find_code("Bristol") == sn.find_code("Bristol, City of") == "801"
    assert sn.find_code("Durham") == sn.find_code("County Durham") == "840"
    assert sn.find_code("St Helens") == sn.find_code("St. Helens") == "342"
    assert sn.find_code("Dorset") == "838"  # the council that has the name now, not Dorset (Pre LG)
    assert sn.find_code("Poole") == "836"  # a former council, by its own code
    assert sn.find_code("Atlantis") is None and sn.find_code("") is None


def _obs(year: int, value: float | None, code: str | None = None) -> tuple[Span, Observation]:
    period = Span.day(date(year, 9, 30))
    return period, Observation(period, value, code)


def test_median_and_mean_per_period_with_the_neighbours_that_had_no_figure() -> None:
    figures = {code: dict([_obs(2023, float(k))]) for k, code in enumerate(BCP_2021)}
    figures["800"] = dict([_obs(2023, None, "c")])
    figures["916"] = {}
    figures["882"][Span.day(date(2022, 9, 30))] = Observation(Span.day(date(2022, 9, 30)), 5.0)
    period = Span.day(date(2023, 9, 30))
    median = sn.neighbour_comparator("839", figures, [period])
    assert median.label == "Statistical neighbours (median, 2021 model)"
    have = [float(k) for k, c in enumerate(BCP_2021) if c not in ("800", "916")]
    assert [(o.period.start.year, o.value) for o in median.observations] == [
        (2022, 5.0), (2023, statistics.median(have))]
    assert median.notes[1].startswith("30 Sep 2022: median of 1 of 10 neighbours; no figure for East Sussex (845)")
    assert median.notes[2] == ("30 Sep 2023: median of 8 of 10 neighbours; no figure for Gloucestershire (916), "
                               "Bath and North East Somerset (800, c)")
    mean = sn.neighbour_comparator("839", figures, [period], stat="mean")
    assert mean.observations[-1].value == pytest.approx(statistics.fmean(have))
    assert mean.label == "Statistical neighbours (mean, 2021 model)"


def test_no_comparator_for_a_council_outside_the_model() -> None:
    assert sn.neighbour_comparator("942", {}, [], model_key="2021") is None  # Cumberland: from 2023
    assert sn.model("2025").of("942")
    with pytest.raises(ValueError, match="2021 or 2025"):
        sn.model("2019")


@pytest.mark.skipif(not (SN_2021.exists() and SN_2025.exists()), reason="../shared/data/dfe is not present")
def test_the_data_file_equals_dfes_files() -> None:
    with open(SN_2021, encoding="utf-8-sig", newline="") as fh:
        rows_2021 = [r for r in csv.reader(fh) if r and r[0].strip().isdigit()]
    with open(SN_2025, encoding="utf-8-sig", newline="") as fh:
        rows_2025 = [r for r in csv.reader(fh)][1:]
    for rows, key, first, name in ((rows_2021, "2021", 5, 1), (rows_2025, "2025", 4, 1)):
        m = sn.model(key)
        assert len(m.neighbours) == len(rows)
        for r in rows:
            assert list(m.of(r[0])) == [r[first + 2 * k].strip() for k in range(10)], (key, r[0])
            assert m.councils[r[0]].name == r[name].strip()
