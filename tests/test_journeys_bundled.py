"""Journeys across councils from a fresh window with no file open: the Analysis menu opens the
window on the bundled official data, the chosen council (settings) highlighted and the agency rate
as the indicator."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from bcpviewer.io import official_journeys
from bcpviewer.ui.analyses.journeys_window import JourneysWindow
from bcpviewer.ui.shell.settings import CouncilChoice

AGENCY = "Agency social workers (% of FTE)"
SOLIHULL = "Solihull (334)"


def test_the_bundled_data_offers_every_council_and_the_core_rates_first() -> None:
    events, problems, names = official_journeys.outcomes()
    assert problems == [] and len(events) > 150 and names[0] == AGENCY
    assert "Referrals" not in names  # a count is not compared across councils of different sizes
    assert [(e.start.year, e.overall.short) for e in events[SOLIHULL]] == [(2019, "RI"), (2022, "Inadequate"),
                                                                          (2025, "Good")]
    series, missing = official_journeys.metric([SOLIHULL, "Atlantis"], AGENCY)
    assert list(series) == [SOLIHULL] and series[SOLIHULL].unit == "%"
    assert [p.value for p in missing] == ["Atlantis"]


def test_journeys_from_a_fresh_window_with_no_file(qtbot, make_window, tmp_path: Path) -> None:
    window = make_window(today=date(2026, 12, 7))
    window.settings.set_council(CouncilChoice("334", "Solihull"))
    assert not window.session.sources  # no file open
    window.analysis.journeys_action.trigger()
    w = window.findChild(JourneysWindow)
    assert w is not None
    qtbot.waitUntil(lambda: len(w.councils()) > 150 and not w.is_busy and bool(w.current_journeys()),
                    timeout=30_000)
    assert w.own_council == SOLIHULL and w.metric_name == AGENCY
    own = next(w.council_list.item(i) for i in range(w.council_list.count())
               if w.council_list.item(i).text().startswith(SOLIHULL))
    assert own.font().bold()
    mine = w.current_journeys()[0]
    assert mine.council == SOLIHULL and mine.anchor.start.year == 2022
    w.grab().save(str(tmp_path / "journeys-fresh.png"))
    w.close()
