"""The council chooser: a searchable list of councils with codes, the neighbour model and statistic,
remembered in the user's data folder; asked when a DfE or Ofsted file is opened without a
remembered council (driven through its API, never exec())."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from bcpviewer.io import neighbours as sn
from bcpviewer.ui.shell.settings import CouncilChoice, Settings
from bcpviewer.ui.loading.council_dialog import CouncilDialog

TIDY = """time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,agency_rate_fte
2023,Reporting year,National,E92000001,England,,,,,,17.9
2023,Reporting year,Regional,E92000001,England,E12000009,South West,,,,19.8
2023,Reporting year,Local authority,E92000001,England,E12000009,South West,839,E06000058,"Bournemouth, Christchurch and Poole",36.7
2023,Reporting year,Local authority,E92000001,England,E12000009,South West,800,E06000022,Bath and North East Somerset,9.0
2023,Reporting year,Local authority,E92000001,England,E12000009,South West,838,E06000059,Dorset,20.0
2023,Reporting year,Local authority,E92000001,England,E12000006,East of England,882,E06000033,Southend-on-Sea,30.0
"""
COUNCILS = [sn.Council("800", "Bath and North East Somerset"), sn.Council("839", "Bournemouth, Christchurch and Poole"),
            sn.Council("838", "Dorset"), sn.Council("836", "Poole", former=True)]


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("BCPVIEWER_DATA_DIR", str(tmp_path / "data"))
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    for kind in ("warning", "critical", "information", "about"):
        monkeypatch.setattr(QMessageBox, kind, lambda *a, **kw: None)


@pytest.fixture
def tidy(tmp_path: Path) -> Path:
    p = tmp_path / "csww.csv"
    p.write_text(TIDY, encoding="utf-8")
    return p


def dialog(qtbot, current: CouncilChoice | None = None, councils=COUNCILS) -> CouncilDialog:
    d = CouncilDialog(councils, current)
    qtbot.addWidget(d)
    return d


def test_bcp_is_preselected_but_nothing_is_chosen_without_the_user(qtbot) -> None:
    d = dialog(qtbot)
    assert d.selected_code() == "839" and d.visible_codes() == ["800", "839", "838", "836"]
    assert d.choice() == CouncilChoice("839", "Bournemouth, Christchurch and Poole", "2021", "median")
    assert d.list.item(3).text() == "Poole (836) · former council"


def test_search_by_name_in_either_spelling_or_by_code(qtbot) -> None:
    d = dialog(qtbot)
    d.search("christchurch & poole")
    assert d.visible_codes() == ["839"]
    d.search("poole")
    assert d.visible_codes() == ["839", "836"]
    d.search("838")
    assert d.visible_codes() == ["838"] and d.selected_code() == "838"  # the first match is selected
    d.search("atlantis")
    ok = d.buttons.button(d.buttons.StandardButton.Ok)
    assert d.visible_codes() == [] and d.selected_code() is None and not ok.isEnabled()
    d.search("")
    assert len(d.visible_codes()) == 4 and ok.isEnabled()


def test_the_remembered_choice_is_preselected_with_its_options(qtbot) -> None:
    d = dialog(qtbot, CouncilChoice("838", "Dorset", "2025", "mean"))
    assert d.choice() == CouncilChoice("838", "Dorset", "2025", "mean")
    d.select_code("800")
    d.set_model("2021")
    d.set_stat("median")
    assert d.choice() == CouncilChoice("800", "Bath and North East Somerset", "2021", "median")


def test_the_council_is_kept_in_the_one_settings_store(tmp_path: Path) -> None:
    choices = Settings.from_file(tmp_path / "s.ini")
    assert choices.council() is None
    choices.set_council(CouncilChoice("839", "BCP", "2025", "mean"))
    choices.sync()
    assert Settings.from_file(tmp_path / "s.ini").council() == CouncilChoice("839", "BCP", "2025", "mean")
    choices.clear_council()
    assert choices.council() is None


def test_choices_kept_by_older_versions_are_taken_in(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    (data / "choices.json").write_text(
        '{"version": 1, "council": {"code": "839", "name": "BCP", "model": "2025", "stat": "mean"}}',
        encoding="utf-8")
    assert Settings.from_file(tmp_path / "old.ini").council() == CouncilChoice("839", "BCP", "2025", "mean")
    (data / "choices.json").write_text("{damaged", encoding="utf-8")
    assert Settings.from_file(tmp_path / "other.ini").council() is None


@pytest.fixture
def council_window(make_window):
    return lambda: make_window("s.ini", today=date(2024, 6, 1))


def test_opening_a_dfe_file_asks_for_the_council_once(qtbot, tmp_path: Path, tidy: Path, council_window) -> None:
    window = council_window()
    window.open_files([str(tidy)])
    asker = window.loading.loader.asker
    qtbot.waitUntil(lambda: isinstance(asker.current, CouncilDialog), timeout=20_000)
    d = asker.current
    assert d.visible_codes() == ["800", "839", "838", "882"] and d.selected_code() == "839"
    d.set_stat("mean")
    d.accept()
    qtbot.waitUntil(lambda: not window.is_loading, timeout=20_000)
    agency = window.session.dataset.series[0]
    assert agency.observations[0].value == 36.7
    # the file's figures win; the bundled official release (more years) is kept beside them
    assert [c.label for c in agency.comparators] == [
        "England", "South West", "Statistical neighbours (mean, 2021 model)",
        "Bundled data (Children's social work workforce, reporting year 2025)"]
    assert [e.start.year for e in window.session.dataset.events] == [2021, 2024]  # BCP's inspections
    assert not any("choose a council" in n for n in window.session.dataset.notes)
    assert window.settings.council() == CouncilChoice("839", "Bournemouth, Christchurch and Poole", "2021", "mean")
    window.open_files([str(tidy)])  # remembered: not asked again
    qtbot.waitUntil(lambda: not window.is_loading, timeout=20_000)
    assert asker.current is None and window.session.dataset.series[0].observations[0].value == 36.7


def test_declining_shows_englands_figures_with_a_note(qtbot, tmp_path: Path, tidy: Path, council_window) -> None:
    window = council_window()
    window.open_files([str(tidy)])
    qtbot.waitUntil(lambda: window.loading.loader.asker.current is not None, timeout=20_000)
    window.loading.loader.asker.current.reject()
    qtbot.waitUntil(lambda: not window.is_loading, timeout=20_000)
    assert window.session.dataset.series[0].observations[0].value == 17.9  # England's
    assert "choose a council" in window.session.dataset.notes[0] and window.settings.council() is None


def test_not_remembering_asks_again_next_time(qtbot, tmp_path: Path, tidy: Path, council_window) -> None:
    window = council_window()
    window.open_files([str(tidy)])
    qtbot.waitUntil(lambda: window.loading.loader.asker.current is not None, timeout=20_000)
    d = window.loading.loader.asker.current
    d.select_code("838")
    d.remember_check.setChecked(False)
    d.accept()
    qtbot.waitUntil(lambda: not window.is_loading, timeout=20_000)
    assert window.session.dataset.series[0].observations[0].value == 20.0 and window.settings.council() is None


def test_the_council_can_be_changed_for_the_open_files(qtbot, tmp_path: Path, tidy: Path, council_window) -> None:
    window = council_window()
    window.settings.set_council(CouncilChoice("839", "BCP"))
    window.open_files([str(tidy)])
    qtbot.waitUntil(lambda: not window.is_loading, timeout=20_000)
    assert window.loading.loader.asker.current is None
    window.loading.loader.change_council([str(tidy)])
    d = window.loading.loader.asker.current
    assert isinstance(d, CouncilDialog) and d.selected_code() == "839"
    assert len(d.visible_codes()) > 150  # every council in the neighbour lists
    d.set_model("2025")
    d.accept()
    qtbot.waitUntil(lambda: not window.is_loading, timeout=20_000)
    sn_2025 = window.session.dataset.series[0].comparator("neighbours")
    assert sn_2025.label == "Statistical neighbours (median, 2025 model)"
    assert sn_2025.observations[0].value == 30.0  # Southend-on-Sea is the only one of the ten in the file
    assert window.settings.council().model == "2025"


def test_the_view_menu_command_asks_for_the_council_again(qtbot, tmp_path: Path, tidy: Path, council_window) -> None:
    window = council_window()
    window.settings.set_council(CouncilChoice("839", "BCP"))
    window.commands.council.trigger()  # nothing open yet: the bundled official data alone
    d = window.loading.loader.asker.current
    assert isinstance(d, CouncilDialog) and d.selected_code() == "839"
    d.select_code("334")
    d.accept()
    qtbot.waitUntil(lambda: not window.is_loading, timeout=20_000)
    assert [e.start.year for e in window.session.dataset.events] == [2019, 2022, 2025]  # Solihull's
    assert window.settings.council().code == "334"
    window.settings.set_council(CouncilChoice("839", "BCP"))
    window.open_files([str(tidy)])
    qtbot.waitUntil(lambda: not window.is_loading, timeout=20_000)
    view = [a for a in window.menuBar().actions() if a.text().replace("&", "") == "View"][0].menu()
    assert window.commands.council in view.actions()
    window.commands.council.trigger()
    d = window.loading.loader.asker.current
    assert isinstance(d, CouncilDialog) and d.selected_code() == "839"
    d.set_stat("mean")
    d.accept()
    qtbot.waitUntil(lambda: not window.is_loading, timeout=20_000)
    assert window.session.dataset.series[0].comparator("neighbours").label.startswith("Statistical neighbours (mean")
