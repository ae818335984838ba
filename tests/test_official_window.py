"""The window on the bundled official data: asked for the council on a first start (BCP preselected),
View › Council… with no file open, and the chosen council's inspections and indicators shown."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from bcpviewer.ui.loading.council_dialog import CouncilDialog
from bcpviewer.ui.shell.settings import CouncilChoice

SAMPLE = Path(__file__).resolve().parents[1] / "resources" / "samples" / "bcp-childrens-services.xlsx"
AGENCY = "Agency social workers (% of FTE)"


def test_first_start_asks_once_after_the_sample_is_shown(qtbot, make_window) -> None:
    window = make_window(today=date(2026, 12, 7))
    window.open_files([str(SAMPLE)])
    window.loading.ask_council_after_first_load()
    asker = window.loading.loader.asker
    qtbot.waitUntil(lambda: isinstance(asker.current, CouncilDialog), timeout=30_000)
    sample_only = window.session.dataset
    assert sample_only.actions and AGENCY not in {s.name for s in sample_only.series}
    d = asker.current
    assert d.selected_code() == "839" and len(d.visible_codes()) > 150  # BCP preselected, every council
    d.accept()
    qtbot.waitUntil(lambda: not window.is_loading and asker.current is None, timeout=30_000)
    data = window.session.dataset
    assert len(data.actions) == len(sample_only.actions)  # the tracker stays
    agency = next(s for s in data.series if s.name == AGENCY)
    by_year = {o.period.end.year: o.value for o in agency.observations}
    england = {o.period.end.year: o.value for o in agency.comparator("england").observations}
    assert (by_year[2021], england[2021]) == (37.4, 15.5)
    assert window.settings.council().code == "839" and window.settings.council_asked()
    window.loading.ask_council_after_first_load()  # asked once only
    assert asker.current is None


def test_view_council_with_no_file_shows_solihull(qtbot, make_window) -> None:
    window = make_window(today=date(2026, 12, 7))
    window.settings.set_council(CouncilChoice("839", "Bournemouth, Christchurch and Poole"))
    window.commands.council.trigger()
    d = window.loading.loader.asker.current
    assert isinstance(d, CouncilDialog) and d.selected_code() == "839"
    d.search("solihull")
    assert d.visible_codes() == ["334"]
    d.set_model("2025")
    d.accept()
    qtbot.waitUntil(lambda: not window.is_loading, timeout=30_000)
    data = window.session.dataset
    assert [(e.start.year, e.overall.short) for e in data.events] == [(2019, "RI"), (2022, "Inadequate"), (2025, "Good")]
    compared = [s for s in data.series if {c.kind for c in s.comparators} >= {"england", "region", "neighbours"}]
    assert len(compared) >= 8 and compared[0].name == AGENCY
    assert compared[0].comparator("neighbours").label == "Statistical neighbours (median, 2025 model)"
    assert window.settings.council() == CouncilChoice("334", "Solihull", "2025", "median")
    assert not window.settings.council_asked()  # asked from the menu, not a first start
