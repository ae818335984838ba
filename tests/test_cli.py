"""The command line as a user runs it: inspect (human and JSON), template, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bcpviewer.cli import main
from tests import messy

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "resources" / "samples" / "bcp-childrens-services.xlsx"


def run_cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONWARNINGS": "error"}
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True, text=True, timeout=timeout, env=env, cwd=ROOT,
    )


def test_inspect_json_counts_and_problems(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = messy.messy_tracker(tmp_path / "t.xlsx")
    assert main(["inspect", "--json", str(f)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["actions"] == 5 and out["events"] == 0
    assert out["metrics"] == {"series": 0, "observations": 0}
    assert out["span"] == ["2022-04-01", "2024-03-31"]
    assert {"file", "sheet", "row", "column", "value", "message"} <= out["problems"][0].keys()
    assert any(p["value"] == "31/02/2023" and p["row"] == 10 for p in out["problems"])


def test_inspect_items(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = messy.messy_scorecard(tmp_path / "s.xlsx")
    assert main(["inspect", "--json", "--items", str(f)]) == 0
    out = json.loads(capsys.readouterr().out)
    agency = next(s for s in out["items"]["series"] if s["name"] == "Agency rate")
    assert agency["observations"][0] == {
        "period_start": "2020-09-30", "period_end": "2020-09-30", "period": "30 Sep 2020",
        "value": 17.2, "release": "CSWW 2025"}
    assert agency["comparators"]["england"]["observations"][0]["value"] == 15.4
    assert agency["target"] == [{"value": 20.0, "due": None}]
    rr = next(s for s in out["items"]["series"] if s["name"].startswith("Re-referrals"))
    assert rr["observations"][2] == {"period_start": "2023-04-01", "period_end": "2023-06-30",
                                     "period": "Q1 2023/24", "code": "c"}


def test_inspect_human_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = messy.messy_chronology(tmp_path / "c.xlsx")
    assert main(["inspect", str(f)]) == 0
    out = capsys.readouterr().out
    assert "8 events (2 with grades)" in out
    assert "dates from 1 Nov 2019 to" in out
    assert "row 11" in out and "no month 13" in out


def test_unreadable_file_exits_2_with_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04 truncated zip")
    r = run_cli("inspect", str(bad))
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {bad}: ")
    assert "Traceback" not in r.stderr + r.stdout


def test_template_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "mine.xlsx"
    assert main(["template", str(out)]) == 0
    assert out.exists()
    capsys.readouterr()
    assert main(["inspect", "--json", str(out)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["actions"] == report["events"] == 0
    assert report["problems"] == []  # the app's own empty layout is understood


def test_template_refuses_other_extensions(tmp_path: Path) -> None:
    assert main(["template", str(tmp_path / "x.csv")]) == 2


@pytest.mark.skipif(not SAMPLE.exists(), reason="bundled sample not generated yet")
def test_sample_inspects_with_zero_problems() -> None:
    r = run_cli("inspect", "--json", str(SAMPLE))
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["problems"] == []
    assert 30 <= out["actions"] <= 60
    assert out["events"] >= 15
    assert out["metrics"]["series"] >= 5


def test_inspect_la_alias_and_neighbour_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.test_dfe import TIDY

    f = tmp_path / "csww.csv"
    f.write_text(TIDY, encoding="utf-8")
    assert main(["inspect", "--json", "--la", "839", "--neighbour-stat", "mean", str(f)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["metrics"]["series"] == 2 and out["problems"] == []
    with pytest.raises(SystemExit):
        main(["inspect", "--neighbour-model", "1999", str(f)])


def test_inspect_refuses_to_guess_the_council_of_a_table_of_many_areas(tmp_path, capsys):
    f = tmp_path / "areas.csv"
    f.write_text("Area,Metric,Period,Value\n"
                 "Bournemouth Christchurch and Poole,Dental checks (%),2022,71.2\n"
                 "Dorset,Dental checks (%),2022,68.0\n"
                 "Bournemouth Christchurch and Poole,Dental checks (%),2023,74.5\n"
                 "England,Dental checks (%),2023,75.0\n", encoding="utf-8")
    assert main(["inspect", str(f)]) == 2
    err = capsys.readouterr().err
    assert "areas.csv" in err and "Dorset" in err and "--council" in err and "\n" == err[-1] and err.count("\n") == 1
    assert main(["inspect", "--json", "--council", "Dorset", str(f)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["metrics"]["observations"] == 1


def test_inspect_into_a_reader_that_stops_early_ends_quietly() -> None:
    """``bcpviewer inspect FILE --items | head``: the pipe closes before the report is written."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONWARNINGS": "error"}
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "inspect", "--items", str(SAMPLE)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader has gone before a line is written
    err = proc.stderr.read().decode()
    proc.stderr.close()
    assert proc.wait(timeout=120) == 0 and "Traceback" not in err and err == ""
