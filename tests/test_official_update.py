"""File › Update official data at the io level (no Qt): newer DfE tidy CSVs, made here, imported
into a user's copy of the official data; the newer release's figure is current, the older kept as
a revision; the shipped file is never written; a bad file is refused in one sentence."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest

from bcpviewer.io import official_paths, official_update
from bcpviewer.io.errors import Cancelled, LoadError
from bcpviewer.io.official import OfficialData
from bcpviewer.io.official_build import build

HEAD = ("time_period,time_identifier,geographic_level,country_code,country_name,region_code,"
        "region_name,old_la_code,new_la_code,la_name,agency_rate_fte,vacancy_rate_fte\n")
BCP = 'Local authority,E92000001,England,E12000009,South West,839,E06000058,"Bournemouth, Christchurch and Poole"'
ENGLAND = "National,E92000001,England,,,,,"
AGENCY = "Agency social workers (% of FTE)"


@pytest.fixture(autouse=True)
def _no_folder_set(monkeypatch: pytest.MonkeyPatch) -> None:
    """No data folder left set by a window built in an earlier test."""
    monkeypatch.setattr(official_paths, "_data_dir", None)
    monkeypatch.setenv(official_paths.FOLDER_ENV, "")


def _workforce(path: Path, rows: list[tuple[str, str, str, str]]) -> Path:
    """A DfE workforce tidy CSV: (year, place, agency rate, vacancy rate) per row."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEAD + "".join(f"{y},Reporting year,{place},{a},{v}\n" for y, place, a, v in rows),
                    encoding="utf-8")
    return path


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    """A small 'shipped' file: BCP and England's workforce rates for 2020 and 2021 (2021 release)."""
    _workforce(tmp_path / "data" / "dfe" / "csww_indicators_2017_to_2025.csv",
               [("2020", BCP, "17.2", "20.0"), ("2021", BCP, "37.4", "21.0"),
                ("2020", ENGLAND, "15.4", "16.0"), ("2021", ENGLAND, "15.5", "16.5")])
    out = tmp_path / "shipped.sqlite"
    build(tmp_path / "data", out, built=date(2026, 1, 5))
    return out


def _agency(path: Path) -> dict[str, float | None]:
    with OfficialData(path) as od:
        s = next(x for x in od.dataset("839").series if x.name == AGENCY)
    return {o.period.label: o.value for o in s.observations}


def test_a_newer_release_wins_and_the_older_figure_is_kept(tmp_path: Path, shipped: Path) -> None:
    before = _sha(shipped)
    newer = _workforce(tmp_path / "csww_indicators_2017_to_2022.csv",
                       [("2021", BCP, "38.0", "21.0"), ("2022", BCP, "36.6", "22.0"),
                        ("2022", ENGLAND, "17.6", "17.0")])
    copy = tmp_path / "user" / "official-updated.sqlite"
    report = official_update.update([newer], target=copy, base=shipped, today=date(2026, 2, 1))
    assert _sha(shipped) == before  # the shipped file is never written
    got = report.imported[0]
    assert (got.added, got.revised, got.unchanged) == (4, 1, 1)  # 2021 vacancy rate unchanged
    assert got.indicators == {AGENCY, "Social worker vacancies (% of FTE posts)"}
    assert [p.label for p in got.periods] == ["30 Sep 2022"] and got.councils == {"839"}
    assert "1 new period (30 Sep 2022)" in report.summary()
    assert _agency(copy) == {"30 Sep 2020": 17.2, "30 Sep 2021": 38.0, "30 Sep 2022": 36.6}
    with OfficialData(copy) as od:
        ds = od.dataset("839")
    s = next(x for x in ds.series if x.name == AGENCY)
    assert [x.name for x in ds.series].count(AGENCY) == 1  # one series, never counted twice
    by = {o.period.label: o for o in s.observations}
    assert by["30 Sep 2021"].release == "Children's social work workforce, reporting year 2022"
    assert by["30 Sep 2020"].release == "Children's social work workforce, reporting year 2021"
    earlier = [c for c in s.comparators if c.kind == "other"]
    assert [(o.period.label, o.value) for o in earlier[0].observations] == [("30 Sep 2021", 37.4)]
    assert any("revised: 30 Sep 2021: 37.4 -> 38" in n for n in ds.notes)
    assert _agency(shipped) == {"30 Sep 2020": 17.2, "30 Sep 2021": 37.4}


def test_an_older_release_does_not_replace_a_newer_one(tmp_path: Path, shipped: Path) -> None:
    older = _workforce(tmp_path / "csww_indicators_2017_to_2020.csv", [("2020", BCP, "17.0", "20.0")])
    copy = tmp_path / "copy.sqlite"
    report = official_update.update([older], target=copy, base=shipped)
    assert report.imported[0].older == 1 and report.imported[0].revised == 0
    assert _agency(copy)["30 Sep 2020"] == 17.2
    with OfficialData(copy) as od:
        kept = od.revisions("839")
    assert [(o.period.label, o.value) for o in kept[0].observations] == [("30 Sep 2020", 17.0)]


def test_the_same_file_twice_adds_nothing(tmp_path: Path, shipped: Path) -> None:
    newer = _workforce(tmp_path / "new.csv", [("2022", BCP, "36.6", "22.0")])
    copy = tmp_path / "copy.sqlite"
    official_update.update([newer], target=copy, base=shipped)
    held = _sha(copy)
    again = official_update.update([newer], target=copy, base=shipped)
    assert again.already == ["new.csv"] and not again.changed
    assert "already imported" in again.summary() and _sha(copy) == held


@pytest.mark.parametrize(("text", "says"), [
    ("name,score\nAlice,3\n", "neither a DfE tidy CSV"),
    ("time_period,time_identifier,geographic_level,pupils\n2022,Reporting year,National,5\n",
     "none of the indicators"),
])
def test_a_bad_file_is_refused_in_one_sentence_and_nothing_is_written(
        tmp_path: Path, shipped: Path, text: str, says: str) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(text, encoding="utf-8")
    good = _workforce(tmp_path / "good.csv", [("2022", BCP, "36.6", "22.0")])
    copy = tmp_path / "copy.sqlite"
    with pytest.raises(LoadError) as e:
        official_update.update([good, bad], target=copy, base=shipped)
    assert says in str(e.value) and str(e.value).count(". ") == 0 and e.value.path == str(bad)
    assert not copy.exists()


def test_a_cancelled_update_leaves_the_copy_as_it_was(tmp_path: Path, shipped: Path) -> None:
    good = _workforce(tmp_path / "good.csv", [("2022", BCP, "36.6", "22.0")])
    copy = tmp_path / "copy.sqlite"
    with pytest.raises(Cancelled):
        official_update.update([good], target=copy, base=shipped, cancelled=lambda: True)
    assert not copy.exists() and not list(tmp_path.glob(".copy.sqlite.*"))


def test_the_app_reads_the_copy_until_it_is_reverted(tmp_path: Path, shipped: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BCPVIEWER_DATA_DIR", str(tmp_path / "appdata"))
    monkeypatch.setattr(official_paths, "shipped_path", lambda: shipped)
    newer = _workforce(tmp_path / "new.csv", [("2022", BCP, "36.6", "22.0")])
    assert official_update.updated_on() is None
    official_update.update([newer], today=date(2026, 3, 9))
    assert official_paths.user_copy_path() == tmp_path / "appdata" / "official-updated.sqlite"
    with OfficialData() as od:
        assert od.is_updated and "30 Sep 2022" in _agency(od.path)
    assert official_update.updated_on() == "9 Mar 2026"
    assert official_update.revert() is True and official_update.revert() is False
    with OfficialData() as od:
        assert not od.is_updated and od.path == shipped


def test_an_unreadable_copy_falls_back_to_the_shipped_file(tmp_path: Path, shipped: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BCPVIEWER_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(official_paths, "shipped_path", lambda: shipped)
    (tmp_path / "official-updated.sqlite").write_bytes(b"not a database")
    with OfficialData() as od:
        assert od.path == shipped


def test_an_ofsted_history_adds_new_inspections(tmp_path: Path, shipped: Path) -> None:
    history = tmp_path / "ofsted_csc_ilacs_history.csv"
    history.write_text(
        "urn,local_authority,inspection_link,pdf_filename,publication_date,inspection_framework,"
        "inspector_name,inspection_start_date,inspection_end_date,overall_effectiveness_grade,"
        "impact_of_leaders_grade,help_and_protection_grade,in_care_grade,care_leavers_grade\n"
        "2532287,bournemouth christchurch and poole,https://example.org/r,r.pdf,29/01/25,standard,"
        "John Roughton,02/12/2024,13/12/2024,good,good,good,good,requires_improvement\n",
        encoding="utf-8")
    copy = tmp_path / "copy.sqlite"
    report = official_update.update([history], target=copy, base=shipped)
    assert report.imported[0].inspections == 1 and "1 new inspection for 1 council" in report.summary()
    with OfficialData(copy) as od:
        events = od.events("839")
    assert [e.start.isoformat() for e in events] == ["2024-12-02"]


def test_the_command_line_updates_reports_and_reverts(tmp_path: Path, shipped: Path,
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    from bcpviewer.cli import main

    monkeypatch.setattr(official_paths, "shipped_path", lambda: shipped)
    newer = _workforce(tmp_path / "new.csv", [("2021", BCP, "38.0", "21.0")])
    folder = str(tmp_path / "appdata")
    assert main(["official", "update", str(newer), "--data-dir", folder]) == 0
    out = capsys.readouterr().out
    assert "new.csv (Children's social work workforce, reporting year 2021)" in out
    assert "1 revised" in out and "official-updated.sqlite" in out
    assert main(["official", "status", "--data-dir", folder]) == 0
    assert "Reading your updated official data" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    assert main(["official", "update", str(bad), "--data-dir", folder]) == 2
    assert capsys.readouterr().err.startswith("error: bad.csv: This is neither a DfE tidy CSV")
    assert main(["official", "revert", "--data-dir", folder]) == 0
    assert not (tmp_path / "appdata" / "official-updated.sqlite").exists()


def test_a_third_release_keeps_the_one_it_replaced_beside_it(tmp_path: Path, shipped: Path) -> None:
    copy = tmp_path / "copy.sqlite"
    for year, value in (("2022", "38.0"), ("2023", "38.5")):
        newer = _workforce(tmp_path / f"csww_to_{year}.csv", [("2021", BCP, value, "21.0"), (year, BCP, "30", "20")])
        official_update.update([newer], target=copy, base=shipped)
    assert _agency(copy)["30 Sep 2021"] == 38.5
    with OfficialData(copy) as od:
        earlier = od.revisions("839")
    assert [(o.value, o.release) for o in earlier[0].observations] == [
        (38.0, "Children's social work workforce, reporting year 2022")]


OFSTED_HEAD = ("urn,local_authority,inspection_link,pdf_filename,publication_date,inspection_framework,"
               "inspector_name,inspection_start_date,inspection_end_date,overall_effectiveness_grade,"
               "impact_of_leaders_grade,help_and_protection_grade,in_care_grade,care_leavers_grade\n")


def _history(path: Path, published: str, care_leavers: str, extra: str = "") -> Path:
    """An Ofsted ILACS history with BCP's Dec 2024 inspection (and ``extra`` rows)."""
    path.write_text(OFSTED_HEAD + "2532287,bournemouth christchurch and poole,https://example.org/r,r.pdf,"
                    f"{published},standard,John Roughton,02/12/2024,13/12/2024,good,good,good,good,"
                    f"{care_leavers}\n" + extra, encoding="utf-8")
    return path


def test_a_newer_ofsted_file_corrects_an_inspection_held_and_keeps_the_earlier_claim(
        tmp_path: Path, shipped: Path) -> None:
    copy = tmp_path / "copy.sqlite"
    official_update.update([_history(tmp_path / "ilacs_2025.csv", "29/01/25", "requires_improvement")],
                           target=copy, base=shipped)
    newer = _history(tmp_path / "ilacs_2026.csv", "30/01/25", "good")
    report = official_update.update([newer], target=copy, base=shipped, today=date(2026, 12, 7))
    got = report.imported[0]
    assert (got.inspections, got.corrected, got.known_inspections) == (0, 1, 0) and report.changed
    assert "0 new inspections, 1 corrected" in report.summary() and "for 1 council" in report.summary()
    with OfficialData(copy) as od:
        [event] = od.events("839")
    assert event.published == date(2025, 1, 30) and event.grades["care_leavers"].label == "Good"
    assert event.origin is not None and event.origin.file == "ilacs_2026.csv"
    assert (", URN 2532287. Earlier claims: ilacs_2025.csv said published 29 Jan 2025; Care leavers: Requires "
            "improvement to be good (corrected by ilacs_2026.csv, imported 7 Dec 2026)") in event.notes
    third = _history(tmp_path / "ilacs_2027.csv", "30/01/25", "outstanding")
    report = official_update.update([third], target=copy, base=shipped, today=date(2026, 12, 8))
    assert report.imported[0].corrected == 1
    with OfficialData(copy) as od:
        [event] = od.events("839")
    assert event.grades["care_leavers"].label == "Outstanding" and event.notes.count("Earlier claims") == 1
    assert ("Earlier claims: ilacs_2026.csv said Care leavers: Good (corrected by ilacs_2027.csv, imported 8 Dec 2026); "
            "ilacs_2025.csv said published 29 Jan 2025") in event.notes


def test_a_file_that_adds_nothing_writes_no_copy_and_says_nothing_new(tmp_path: Path, shipped: Path) -> None:
    copy = tmp_path / "copy.sqlite"
    same = _workforce(tmp_path / "same.csv", [("2021", BCP, "37.4", "21.0")])  # as the shipped file
    report = official_update.update([same], target=copy, base=shipped)
    assert report.imported[0].unchanged == 2 and not report.changed and not copy.exists()
    assert report.summary().endswith("Nothing new: the official data read is unchanged.")
    official_update.update([_history(tmp_path / "a.csv", "29/01/25", "good")], target=copy, base=shipped)
    held, when = _sha(copy), copy.stat().st_mtime_ns
    again = _history(tmp_path / "b.csv", "29/01/25", "good", extra="\n")  # other bytes, the same claims
    report = official_update.update([again], target=copy, base=shipped)
    assert (report.imported[0].known_inspections, report.imported[0].corrected) == (1, 0)
    assert "0 new inspections for 0 councils (1 already held unchanged)" in report.summary()
    assert not report.changed and (_sha(copy), copy.stat().st_mtime_ns) == (held, when)
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]


DISK_LIMITED = """
import resource, sys
from pathlib import Path
from bcpviewer.io import official_paths
official_paths.shipped_path = lambda: Path(sys.argv[1])
limit = Path(sys.argv[1]).stat().st_size  # the copy fits; the import's first new page does not
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
from bcpviewer.cli import main
sys.exit(main(["official", "update", sys.argv[2], "--data-dir", sys.argv[3]]))
"""


def test_a_disk_error_is_one_error_line_and_leaves_no_files(tmp_path: Path, shipped: Path) -> None:
    """A file-size limit (as ``ulimit -f``, or a full disk) fails SQLite's writes with 'disk I/O error'."""
    import subprocess
    import sys

    many = [(str(y), f'Local authority,E92000001,England,E12000009,South West,{900 + k},E0600{k:04},Place {k}',
             "30", "20") for y in range(2000, 2020) for k in range(50)]  # more pages than the file has free
    newer = _workforce(tmp_path / "new.csv", many)
    folder = tmp_path / "appdata"
    done = subprocess.run([sys.executable, "-c", DISK_LIMITED, str(shipped), str(newer), str(folder)],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith("error: The updated copy of the official data could not be saved as "
                                  f"“official-updated.sqlite” in {folder}: ")
    assert done.stderr.rstrip().endswith("The file on disk has not changed.")
    assert list(folder.iterdir()) == []  # no copy, no temp file, no -journal


def test_a_copy_made_from_an_older_shipped_release_does_not_hide_a_newer_one(
        tmp_path: Path, shipped: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from bcpviewer.cli import main

    monkeypatch.setenv("BCPVIEWER_DATA_DIR", str(tmp_path / "appdata"))
    monkeypatch.setattr(official_paths, "shipped_path", lambda: shipped)
    official_update.update([_workforce(tmp_path / "mine.csv", [("2022", BCP, "36.6", "22.0")])],
                           today=date(2026, 3, 9))
    assert official_paths.stale_note() is None and official_paths.current_path().parent.name == "appdata"
    # the app is upgraded: its shipped file is a newer build holding 2022 (as DfE published it) and 2023
    upgraded = tmp_path / "upgraded"
    _workforce(upgraded / "dfe" / "csww_indicators_2017_to_2025.csv",
               [("2021", BCP, "37.4", "21.0"), ("2022", BCP, "36.0", "22.0"), ("2023", BCP, "33.3", "20.0")])
    build(upgraded, upgraded / "official.sqlite", built=date(2026, 6, 1))
    monkeypatch.setattr(official_paths, "shipped_path", lambda: upgraded / "official.sqlite")
    said = official_paths.stale_note()
    assert said == ("BCP Viewer's official data (built 1 Jun 2026) is newer than the data your updated copy "
                    "was made from (built 5 Jan 2026), so the official data shipped with the app is read: "
                    "update again to add your files.")
    assert official_paths.current_path() == upgraded / "official.sqlite"
    with OfficialData() as od:
        assert not od.is_updated and said in od.dataset("839").notes
    assert _agency(upgraded / "official.sqlite")["30 Sep 2023"] == 33.3
    assert official_update.updated_on() is None
    assert main(["official", "status"]) == 0 and capsys.readouterr().out.strip() == said
    # updating again starts from the newer shipped file, and the copy is read again
    report = official_update.update([_workforce(tmp_path / "mine2.csv", [("2024", BCP, "30.0", "19.0")])])
    assert report.changed and official_paths.stale_note() is None
    with OfficialData() as od:
        assert od.is_updated
    assert _agency(official_paths.user_copy_path()) == {
        "30 Sep 2021": 37.4, "30 Sep 2022": 36.0, "30 Sep 2023": 33.3, "30 Sep 2024": 30.0}
