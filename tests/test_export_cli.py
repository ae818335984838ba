"""``bcpviewer export`` as a user runs it: outputs read back, exit codes, one-line errors, projects."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bcpviewer.cli import main
from bcpviewer.io.loader import load_file
from bcpviewer.io.project import save_project
from bcpviewer.model.project import Project, SourceFile
from tests.test_report import OVERDUE_TITLES, pdf_text, squeeze
from tests.test_summary_xlsx import BRIEFING, PRIVATE, SAMPLE, sample_notes

ROOT = Path(__file__).resolve().parents[1]
pytest.importorskip("pypdf")


def run_cli(*args: str, cwd: Path = ROOT,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONWARNINGS": "error", **(env or {})}
    env.pop("QT_QPA_PLATFORM", None)  # the command must find its own way without a display
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                          timeout=180, env=env, cwd=cwd)


def one_error(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("error: ")
    return lines[0]


def test_export_writes_both_files_with_no_display(tmp_path):
    pdf, xlsx = tmp_path / "pack.pdf", tmp_path / "summary.xlsx"
    r = run_cli("export", str(SAMPLE), "--pdf", str(pdf), "--xlsx", str(xlsx), "--as-of", "23/11/2026",
                "--title", "O&S briefing, December 2026", "--metrics", "Agency social worker rate,"
                "social worker vacancy rate")
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""  # not a terminal: no progress lines, nothing to report
    assert f"wrote {xlsx}" in r.stdout and f"wrote {pdf} (" in r.stdout and "pages" in r.stdout
    pages, _reader = pdf_text(pdf)
    text = squeeze("\n".join(pages))
    assert squeeze("O&S briefing, December 2026") in text
    for title in OVERDUE_TITLES:
        assert squeeze(title) in text
    wb = load_workbook(xlsx)
    metrics = [row[0].value for row in wb["Metrics"].iter_rows(min_row=2)]
    assert metrics == ["Agency social worker rate", "Social worker vacancy rate"]
    overdue = [row[9].value for row in wb["Actions"].iter_rows(min_row=2) if row[9].value]
    assert max(overdue) == 579  # counted on the tracker's own date, 31 Oct 2026
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pack.pdf", "summary.xlsx"]


def test_export_replaces_only_the_path_given(tmp_path, capsys):
    out = tmp_path / "summary.xlsx"
    out.write_bytes(b"last week's")
    neighbour = tmp_path / "other.xlsx"
    neighbour.write_bytes(b"untouched")
    argv = ["export", str(SAMPLE), "--xlsx", str(out), "--from", "2024-01-01", "--to", "31 Dec 2024"]
    assert main(argv) == 0
    assert load_workbook(out).sheetnames[0] == "Summary"
    assert neighbour.read_bytes() == b"untouched"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.xlsx", "summary.xlsx"]
    assert capsys.readouterr().err == ""


def test_project_annotations_are_used_and_private_ones_left_out(tmp_path, qapp):
    data = load_file(SAMPLE)
    project = tmp_path / "work.bcpv"
    save_project(project, Project(sources=(SourceFile(str(SAMPLE)),), annotations=sample_notes(data),
                                  metrics=("Agency social worker rate",)))
    pdf, xlsx = tmp_path / "pack.pdf", tmp_path / "summary.xlsx"
    assert main(["export", "--project", str(project), "--pdf", str(pdf), "--xlsx", str(xlsx),
                 "--as-of", "2026-11-23", "--sections", "annotations,actions"]) == 0
    text = squeeze("\n".join(pdf_text(pdf)[0]))
    assert squeeze(BRIEFING) in text and squeeze(PRIVATE) not in text
    wb = load_workbook(xlsx)
    assert [r[0].value for r in wb["Metrics"].iter_rows(min_row=2)] == ["Agency social worker rate"]
    cells = "\n".join(str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value)
    assert BRIEFING in cells and PRIVATE not in cells


def test_cover_and_key_messages_from_the_command_line(tmp_path, qapp):
    pdf = tmp_path / "pack.pdf"
    assert main(["export", str(SAMPLE), "--pdf", str(pdf), "--as-of", "2026-11-23", "--sections", "actions",
                 "--meeting", "Children's Services O&S", "--meeting-date", "14/01/2027",
                 "--recommendation", "To note the report.", "--key-message", "Our one message."]) == 0
    pages = pdf_text(pdf)[0]
    assert squeeze("Children's Services O&S, 14 Jan 2027") in squeeze(pages[0])
    assert squeeze("To note the report.") in squeeze(pages[0])
    text = squeeze("\n".join(pages))
    assert squeeze("Our one message.") in text and squeeze("Last Ofsted judgement") not in text


@pytest.mark.parametrize(("args", "words"), [
    (["--pdf", "{tmp}/p.pdf", "--metrics", "Agency social worker rate,Nope"], "unknown metric 'Nope'"),
    (["--pdf", "{tmp}/p.pdf", "--from", "2024-13-01"], "--from '2024-13-01' is not a date"),
    (["--pdf", "{tmp}/p.pdf", "--to", "31/02/2024"], "--to '31/02/2024' is not a date"),
    (["--pdf", "{tmp}/p.pdf", "--meeting-date", "next week"], "--meeting-date 'next week' is not a date"),
    (["--pdf", "{tmp}/p.pdf", "--from", "2024-06-01", "--to", "2024-01-01"], "is before --from"),
    (["--pdf", "{tmp}/missing-folder/p.pdf"], "cannot write here"),
    (["--pdf", "{tmp}/p.txt"], "give a file name ending .pdf"),
    (["--xlsx", "{tmp}"], "give a file name ending .xlsx"),
    ([], "nothing to write"),
    (["--pdf", "{tmp}/p.pdf", "--sections", "cover,gossip"], "unknown section 'cover'"),
    (["--pdf", "{tmp}/same.pdf", "--xlsx", "{tmp}/same.pdf"], "give a file name ending .xlsx"),
])
def test_bad_input_is_one_line_and_exit_2(tmp_path, capsys, args, words):
    argv = ["export", str(SAMPLE), *(a.replace("{tmp}", str(tmp_path)) for a in args)]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert words in one_error(err)
    assert not (tmp_path / "p.pdf").exists()


def test_unreadable_input_is_one_line_and_exit_2(tmp_path, capsys):
    bad = tmp_path / "notes.xlsx"
    bad.write_text("this is not a workbook")
    for target, words in ((tmp_path / "nowhere.xlsx", "no such file"), (bad, str(bad))):
        assert main(["export", str(target), "--xlsx", str(tmp_path / "out.xlsx")]) == 2
        assert words.lower() in one_error(capsys.readouterr().err).lower()
    assert not (tmp_path / "out.xlsx").exists()


def test_an_input_is_never_overwritten(tmp_path, capsys):
    copy = tmp_path / "data.xlsx"
    copy.write_bytes(SAMPLE.read_bytes())
    assert main(["export", str(copy), "--xlsx", str(copy)]) == 2
    assert "one of the input files" in one_error(capsys.readouterr().err)
    assert copy.read_bytes() == SAMPLE.read_bytes()


def test_a_missing_project_is_one_line(tmp_path, capsys):
    assert main(["export", "--project", str(tmp_path / "gone.bcpv"), "--pdf", str(tmp_path / "p.pdf")]) == 2
    assert "no such project file" in one_error(capsys.readouterr().err)


def test_the_subprocess_error_is_one_line_too(tmp_path):
    r = run_cli("export", str(SAMPLE), "--pdf", str(tmp_path / "p.pdf"), "--metrics", "Nope")
    assert r.returncode == 2 and r.stdout == ""
    assert "unknown metric 'Nope'" in one_error(r.stderr)


def test_help_names_the_options():
    r = run_cli("export", "--help")
    assert r.returncode == 0
    for option in ("--project", "--pdf", "--xlsx", "--from", "--to", "--title", "--metrics"):
        assert option in r.stdout
