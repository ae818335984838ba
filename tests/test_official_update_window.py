"""File › Update official data in the window: the menu opens the dialog, a DfE file made here is
imported off the GUI thread, the window reads the updated figures (the earlier one kept beside
them), a bad file is refused in one sentence, and Revert brings the shipped figures back."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest

from bcpviewer.io import official_paths
from bcpviewer.ui.official.update_dialog import UpdateDialog
from bcpviewer.ui.shell.settings import CouncilChoice

AGENCY = "Agency social workers (% of FTE)"
BCP = 'Local authority,E92000001,England,E12000009,South West,839,E06000058,"Bournemouth, Christchurch and Poole"'


@pytest.fixture(autouse=True)
def _own_data_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    """The window points the io layer at its settings' data folder; put it back after the test."""
    monkeypatch.setattr(official_paths, "_data_dir", None)
    monkeypatch.setenv(official_paths.FOLDER_ENV, "")  # removed again after the test
    monkeypatch.delenv("BCPVIEWER_DATA_DIR", raising=False)


def _agency(window) -> dict[int, float | None]:
    s = next((x for x in window.session.dataset.series if x.name == AGENCY), None)
    return {} if s is None else {o.period.end.year: o.value for o in s.observations}


def test_update_official_data_from_the_file_menu(qtbot, make_window, tmp_path: Path) -> None:
    shipped = official_paths.shipped_path()
    before = hashlib.sha256(shipped.read_bytes()).hexdigest()
    window = make_window(today=date(2026, 12, 7))
    window.settings.set_council(CouncilChoice("839", "Bournemouth, Christchurch and Poole"))
    window.loading.reread()
    qtbot.waitUntil(lambda: not window.is_loading and 2021 in _agency(window), timeout=30_000)
    assert _agency(window)[2021] == 37.4

    window.commands.update_official.trigger()
    dialog = window.findChild(UpdateDialog)
    assert dialog is not None and dialog.isVisible()
    assert "shipped with the app" in dialog.state_label.text() and not dialog.revert_button.isEnabled()
    bad = tmp_path / "pupils.csv"
    bad.write_text("name,score\nAlice,3\n", encoding="utf-8")
    dialog.add_paths([bad])
    dialog.import_button.click()
    qtbot.waitUntil(lambda: not dialog.is_busy, timeout=30_000)
    assert dialog.error_label.text().startswith("pupils.csv: This is neither a DfE tidy CSV")
    assert not official_paths.user_copy_path().exists()

    newer = tmp_path / "csww_indicators_2017_to_2026.csv"
    newer.write_text("time_period,time_identifier,geographic_level,country_code,country_name,region_code,"
                     "region_name,old_la_code,new_la_code,la_name,agency_rate_fte\n"
                     f"2021,Reporting year,{BCP},38.0\n2026,Reporting year,{BCP},25.1\n", encoding="utf-8")
    dialog.files.clear()
    dialog.add_paths([newer])
    dialog.import_button.click()
    qtbot.waitUntil(lambda: not dialog.is_busy, timeout=30_000)
    assert dialog.error_label.text() == ""
    summary = dialog.result_label.text()
    assert "1 new period (30 Sep 2026)" in summary and "1 revised" in summary and "1 council" in summary
    qtbot.waitUntil(lambda: not window.is_loading and 2026 in _agency(window), timeout=30_000)
    assert (_agency(window)[2021], _agency(window)[2026]) == (38.0, 25.1)
    agency = next(x for x in window.session.dataset.series if x.name == AGENCY)
    earlier = next(c for c in agency.comparators if c.kind == "other")
    assert [(o.period.end.year, o.value) for o in earlier.observations] == [(2021, 37.4)]
    assert "updated copy" in dialog.state_label.text() and dialog.revert_button.isEnabled()
    assert hashlib.sha256(shipped.read_bytes()).hexdigest() == before  # never written
    dialog.grab().save(str(tmp_path / "update-dialog.png"))

    dialog.revert_button.click()
    assert not official_paths.user_copy_path().exists()
    qtbot.waitUntil(lambda: not window.is_loading and 2026 not in _agency(window), timeout=30_000)
    assert _agency(window)[2021] == 37.4 and "shipped with the app" in dialog.state_label.text()


def test_a_copy_that_cannot_be_written_is_said_in_one_sentence(qtbot, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from bcpviewer.io import official_update
    from bcpviewer.io.errors import SaveError

    said = ("The updated copy of the official data could not be saved as “official-updated.sqlite” in "
            f"{tmp_path}: disk I/O error. The file on disk has not changed.")

    def failing(*_a: object, **_k: object) -> None:  # as official_update.update on a failing disk
        raise SaveError(str(tmp_path / "official-updated.sqlite"), said)

    monkeypatch.setattr(official_update, "update", failing)
    dialog = UpdateDialog()
    qtbot.addWidget(dialog)
    changed: list[bool] = []
    dialog.changed.connect(lambda: changed.append(True))
    dialog.add_paths([tmp_path / "new.csv"])
    dialog.import_button.click()
    qtbot.waitUntil(lambda: not dialog.is_busy, timeout=30_000)
    assert dialog.error_label.text() == said and "internal error" not in dialog.error_label.text()
    assert dialog.status_label.text().startswith("Nothing was imported") and not changed


def test_the_dialog_says_when_a_newer_shipped_release_hides_the_copy(qtbot, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from bcpviewer.io import official_update
    from bcpviewer.io.official_build import build

    head = ("time_period,time_identifier,geographic_level,country_code,country_name,region_code,"
            "region_name,old_la_code,new_la_code,la_name,agency_rate_fte\n")
    for name, built in (("old", date(2026, 1, 5)), ("new", date(2026, 6, 1))):
        (tmp_path / name / "dfe").mkdir(parents=True)
        (tmp_path / name / "dfe" / "csww_indicators_2017_to_2025.csv").write_text(
            head + f"2021,Reporting year,{BCP},37.4\n", encoding="utf-8")
        build(tmp_path / name, tmp_path / name / "official.sqlite", built=built)
    official_paths.use_data_dir(tmp_path / "appdata")
    monkeypatch.setattr(official_paths, "shipped_path", lambda: tmp_path / "old" / "official.sqlite")
    mine = tmp_path / "mine.csv"
    mine.write_text(head + f"2022,Reporting year,{BCP},36.6\n", encoding="utf-8")
    official_update.update([mine])
    monkeypatch.setattr(official_paths, "shipped_path", lambda: tmp_path / "new" / "official.sqlite")
    dialog = UpdateDialog()
    qtbot.addWidget(dialog)
    assert dialog.state_label.text().startswith("BCP Viewer's official data (built 1 Jun 2026) is newer than")
    assert dialog.state_label.text().endswith("update again to add your files.")
    assert dialog.revert_button.isEnabled()  # the old copy can still be removed
    dialog.grab().save(str(tmp_path / "stale.png"))
