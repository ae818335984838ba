"""The committed BCP sample workbook: contents, provenance, and that the script reproduces it."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from bcpviewer.io.layout import FIELDS, KINDS, SHEET_NAMES

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "resources" / "samples" / "bcp-childrens-services.xlsx"
OLDER = ROOT / "resources" / "samples" / "bcp-improvement-plan-2023.xlsx"
SCRIPT = ROOT / "scripts" / "make_sample.py"

# DfE children's social work workforce, 2025 release, agency_rate_fte at 30 September:
# year: (BCP, England, South West, median of the 10 statistical neighbours, 2021 model)
AGENCY = {
    2019: (8.0, 15.8, 17.0, 12.2),
    2020: (17.2, 15.4, 16.4, 11.25),
    2021: (37.4, 15.5, 17.8, 12.95),
    2022: (36.6, 17.6, 19.5, 19.2),
    2023: (36.7, 17.9, 19.8, 13.55),
    2024: (33.3, 16.2, 18.7, 15.8),
    2025: (28.3, 13.0, 14.9, 11.7),
}


def _sheets(path: Path) -> dict[str, list[list[object]]]:
    wb = CalamineWorkbook.from_path(str(path))
    return {name: wb.get_sheet_by_name(name).to_python() for name in wb.sheet_names}


def _records(sheets: dict[str, list[list[object]]], kind: str) -> list[dict[str, object]]:
    rows = sheets[SHEET_NAMES[kind][0]]
    keys = [f.key for f in FIELDS[kind]]
    assert len(rows[0]) == len(keys)
    return [dict(zip(keys, row)) for row in rows[1:] if any(v not in ("", None) for v in row)]


@pytest.fixture(scope="module")
def sample() -> dict[str, list[list[object]]]:
    assert SAMPLE.is_file(), f"missing {SAMPLE}; run python scripts/make_sample.py {SAMPLE}"
    return _sheets(SAMPLE)


def test_has_the_sheets(sample: dict[str, list[list[object]]]) -> None:
    assert list(sample)[:5] == ["Instructions"] + [SHEET_NAMES[k][0] for k in KINDS]
    assert "Lists" in sample


def test_metrics_headers_name_the_region(sample: dict[str, list[list[object]]]) -> None:
    headers = sample["Metrics"][0]
    assert headers[:7] == ["Metric", "Period", "Value", "Unit", "England", "South West",
                           "Statistical neighbours"]


def test_actions_are_illustrative_with_40_to_55_ids(
    sample: dict[str, list[list[object]]],
) -> None:
    actions = _records(sample, "actions")
    ids = {a["id"] for a in actions}
    assert 40 <= len(ids) <= 55
    assert all(str(i).startswith("A") and "." in str(i) for i in ids)
    assert len(actions) > len(ids)  # some actions carry a status history
    assert all("Illustrative" in str(a["notes"]) for a in actions)
    instructions = " ".join(str(v) for row in sample["Instructions"] for v in row)
    assert "ILLUSTRATIVE" in instructions and "NOT BCP's real improvement plan" in instructions


def test_action_metrics_name_metrics_on_the_sheet(sample: dict[str, list[list[object]]]) -> None:
    names = {m["metric"] for m in _records(sample, "metrics")}
    linked = {a["metric"] for a in _records(sample, "actions") if a["metric"]}
    assert linked and linked <= names


def test_agency_rate_series(sample: dict[str, list[list[object]]]) -> None:
    rows = [m for m in _records(sample, "metrics") if m["metric"] == "Agency social worker rate"]
    got = {m["period"].year: (m["value"], m["england"], m["region"], m["neighbours"])
           for m in rows}
    assert got == AGENCY
    assert all(m["period"] == date(m["period"].year, 9, 30) for m in rows)
    assert all(m["release"] == "CSWW 2025 release" for m in rows)


def test_every_event_has_a_source_on_the_sources_sheet(
    sample: dict[str, list[list[object]]],
) -> None:
    source_ids = {s["id"] for s in _records(sample, "sources")}
    events = _records(sample, "events")
    assert len(events) >= 17
    for e in events:
        assert e["source"], f"event {e['id']} has no source"
        assert e["source"] in source_ids
    for kind in ("metrics",):
        assert {r["source"] for r in _records(sample, kind)} <= source_ids


def test_inspection_grades(sample: dict[str, list[list[object]]]) -> None:
    graded = [e for e in _records(sample, "events") if e["overall"]]
    grades = [(e["date"], e["overall"], e["leaders"], e["help_protection"], e["in_care"],
               e["care_leavers"]) for e in graded]
    assert grades == [
        (date(2021, 12, 6), "Inadequate", "Inadequate", "Inadequate", "Requires improvement", ""),
        (date(2024, 12, 2), "Good", "Good", "Good", "Good", "Requires improvement"),
    ]


def test_targets_are_labelled_illustrative(sample: dict[str, list[list[object]]]) -> None:
    targeted = [m for m in _records(sample, "metrics") if m["target"] not in ("", None)]
    assert {m["metric"] for m in targeted} == {
        "Agency social worker rate", "Social worker vacancy rate", "Social worker turnover rate",
        "Average caseload per social worker"}
    for m in targeted:
        assert isinstance(m["target_date"], date)
        assert "is illustrative, not BCP's" in str(m["notes"])
    instructions = " ".join(str(v) for row in sample["Instructions"] for v in row)
    assert "targets" in instructions and "bcp-improvement-plan-2023.xlsx" in instructions


def test_script_reproduces_the_committed_values(tmp_path: Path) -> None:
    out = tmp_path / "sample.xlsx"
    subprocess.run([sys.executable, str(SCRIPT), str(out)], check=True, cwd=tmp_path)
    assert _sheets(out) == _sheets(SAMPLE)
    # with one argument the older version is written next to it, under its fixed name
    assert _sheets(tmp_path / OLDER.name) == _sheets(OLDER)


def test_script_writes_the_older_version_where_asked(tmp_path: Path) -> None:
    out, older = tmp_path / "a.xlsx", tmp_path / "sub" / "b.xlsx"
    older.parent.mkdir()
    subprocess.run([sys.executable, str(SCRIPT), str(out), str(older)], check=True, cwd=tmp_path)
    assert _sheets(older) == _sheets(OLDER)
    assert not (tmp_path / OLDER.name).exists()


def test_script_usage_error(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, str(SCRIPT)], cwd=tmp_path, capture_output=True,
                          text=True)
    assert done.returncode == 2 and "usage" in done.stderr
