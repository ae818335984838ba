"""The indicator catalogue: plain names, rates versus counts, every real DfE column known."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bcpviewer.io import dfe_tidy
from bcpviewer.io.csvfile import read_grid
from bcpviewer.model import indicators as cat
from bcpviewer.model.vocab import Polarity

DFE = Path(__file__).resolve().parents[2] / "shared" / "data" / "dfe"


def test_names_are_plain_and_ids_unique() -> None:
    assert len(cat.BY_ID) == len(cat.CATALOGUE)
    for ind in cat.CATALOGUE:
        assert "_" not in ind.name and not re.search(r"\bfte\b", ind.name), ind.name
        assert ind.name[0].isupper() and ind.definition.endswith(".")
        assert ind.reference in (cat.AT_30_SEP, cat.YEAR_TO_30_SEP, cat.AT_31_MAR, cat.YEAR_TO_31_MAR)
        assert ind.columns and all(c == c.lower() for c in ind.columns)


def test_rates_compare_and_counts_do_not() -> None:
    agency = cat.find("agency_rate_fte")
    assert agency is not None and agency.name == "Agency social workers (% of FTE)"
    assert agency.comparable and agency.polarity is Polarity.LOWER_IS_BETTER and agency.core
    assert not cat.find("inpost_fte").comparable
    for ind in cat.CATALOGUE:
        if ind.unit in ("%", "per 10,000"):
            assert ind.kind is cat.Kind.RATE, ind.id
    # the core indicators the issue asks for are all there
    assert {"agency_rate", "vacancy_rate", "turnover_rate", "caseload", "rereferral_rate",
            "repeat_cp_rate", "cla_rate", "placements_3plus", "same_carer_2y"} <= {i.id for i in cat.CORE}


def test_filter_values_pick_the_indicator() -> None:
    looked_after = {"population_type": "Children looked after on 31 March each year"}
    starting = {"population_type": "children starting to be looked after each year"}  # any case
    assert cat.find("rate_per_10000", looked_after).id == "cla_rate"
    assert cat.find("RATE_PER_10000", starting).id == "cla_starting_rate"
    assert cat.find("rate_per_10000", {"population_type": "Somebody else"}) is None
    total = cat.find("children_percent", {"cla_group": "CLA on 31 March",
                                          "placement_stability": "Total children"})
    assert total is not None and total.unused  # always 100%: never charted


def test_unknown_columns_get_a_tidy_name() -> None:
    assert cat.tidy_name("turnover_rate_fte") == "Turnover rate FTE"
    assert cat.tidy_name("rate_per_10000") == "Rate per 10,000"
    assert cat.tidy_name("Anypoint_child") == "Anypoint child"
    assert cat.reads_column("Agency social workers (% of FTE)", "agency_rate_fte")
    assert cat.reads_column("Mystery thing (Some filter)", "mystery_thing")
    assert not cat.reads_column("Agency social workers (% of FTE)", "vacancy_rate_fte")


@given(st.lists(st.sampled_from(["fte", "FTE", "rate", "per", "10000", "x", "pc", "", "_", " "]),
                max_size=8).map("_".join))
def test_tidy_names_never_keep_snake_case_or_lower_case_fte(column: str) -> None:
    name = cat.tidy_name(column)
    if column.strip("_ "):
        assert "_" not in name and not re.search(r"\bfte\b", name) and name[:1] == name[:1].upper()


@pytest.mark.skipif(not DFE.is_dir(), reason="../shared/data/dfe is not present")
def test_every_column_of_the_real_dfe_files_is_catalogued() -> None:
    """Every indicator column, with every filter combination the files hold, has an entry."""
    for path in sorted(DFE.glob("*.csv")):
        with open(path, encoding="utf-8-sig", newline="") as fh:
            header = next(csv.reader(fh))
        if "time_period" not in header:
            continue  # the statistical neighbour tables
        grid = read_grid(path)
        found = dfe_tidy.scan(grid, lambda row: "any")
        unknown = [(ind, fvals) for ind, fvals in found.data
                   if dfe_tidy.indicator_of(ind, found.filters, fvals) is None]
        assert unknown == [], path.name
