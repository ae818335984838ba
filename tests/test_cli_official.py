"""The command line on the bundled official data: inspect and export a council with no file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from bcpviewer.cli import main


def _by_year(observations: list[dict]) -> dict[int, float]:
    return {int(o["period_end"][:4]): o["value"] for o in observations if "value" in o}


def test_inspect_a_council_with_no_file_json_items(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["inspect", "--council", "334", "--json", "--items"]) == 0
    out = json.loads(capsys.readouterr().out)
    events = out["items"]["events"]
    assert [(e["start"][:4], e["grades"]["overall"]) for e in events] == [
        ("2019", "Requires improvement to be good"), ("2022", "Inadequate"), ("2025", "Good")]
    assert events[1]["grades"]["in_care"] == "Inadequate" and events[2]["grades"]["care_leavers"] == "Good"
    compared = [s for s in out["items"]["series"] if {"england", "region", "neighbours"} <= s["comparators"].keys()]
    assert len(compared) >= 8
    assert compared[0]["name"] == "Agency social workers (% of FTE)"
    assert compared[0]["comparators"]["neighbours"]["label"] == "Statistical neighbours (median, 2021 model)"
    assert out["errors"] == [] and out["problems"] == []


def test_inspect_bcp_agency_against_england_and_the_2025_model(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["inspect", "--council", "Bournemouth, Christchurch & Poole", "--json", "--items",
                 "--neighbour-model", "2025"]) == 0
    agency = json.loads(capsys.readouterr().out)["items"]["series"][0]
    assert _by_year(agency["observations"])[2021] == 37.4
    assert _by_year(agency["comparators"]["england"]["observations"])[2021] == 15.5
    assert agency["comparators"]["neighbours"]["label"] == "Statistical neighbours (median, 2025 model)"
    assert all(o["release"].startswith("Children's social work workforce, reporting year")
               for o in agency["observations"])


def test_inspect_human_names_the_bundle_and_the_grades(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["inspect", "--council", "839", "--items"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("Bundled official data: Bournemouth, Christchurch and Poole (839)\n")
    assert ("event 6-17 Dec 2021: Standard inspection: ILACS standard inspection (Overall effectiveness: "
            "Inadequate; Impact of leaders: Inadequate; Help and protection: Inadequate; Children in care: "
            "Requires improvement to be good)") in text
    assert "metric Agency social workers (% of FTE): 7 periods, latest 28.3% (30 Sep 2025); England 13," in text
    assert "Open Government Licence v3.0" in text


def test_inspect_without_files_or_council_and_an_unknown_council(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["inspect"]) == 2
    assert "--council CODE_OR_NAME" in capsys.readouterr().err
    assert main(["inspect", "--council", "Solihul"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: no council") and "did you mean Solihull (334)?" in err


def test_export_a_council_with_no_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pdf, xlsx = tmp_path / "solihull.pdf", tmp_path / "solihull.xlsx"
    assert main(["export", "--council", "Solihull", "--pdf", str(pdf), "--xlsx", str(xlsx)]) == 0
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(pdf).pages)
    assert "Solihull" in text and "Agency social workers (% of FTE)" in text
    assert "licensed under the Open Government Licence v3.0" in text
    assert xlsx.stat().st_size > 0
    assert main(["export", "--pdf", str(tmp_path / "x.pdf")]) == 2
    assert "--council CODE_OR_NAME" in capsys.readouterr().err
