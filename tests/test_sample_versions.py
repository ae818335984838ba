"""The two shipped versions of the illustrative tracker, and the analyses of issue 10 on them:
plan versions, targets, progress against impact and one (labelled) disagreement."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from bcpviewer.io.loader import load_file
from bcpviewer.model.disagreements import find_disagreements, for_key
from bcpviewer.model.impact import Effect, check_impact
from bcpviewer.model.records import Dataset, merge_datasets
from bcpviewer.model.targets import Outcome, check_targets
from bcpviewer.model.versions import Change, PlanComparison, compare_plans, ghosts
from bcpviewer.model.vocab import Status

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "resources" / "samples"
CURRENT = SAMPLES / "bcp-childrens-services.xlsx"
OLDER = SAMPLES / "bcp-improvement-plan-2023.xlsx"
AS_OF = date(2026, 11, 23)
MARCH_2023 = date(2023, 3, 31)
RENUMBERED = {f"WF.0{n}": f"A6.0{n}" for n in range(1, 6)}


@pytest.fixture(scope="module")
def current() -> Dataset:
    assert CURRENT.is_file(), f"missing {CURRENT}; run python scripts/make_sample.py {CURRENT}"
    return load_file(CURRENT)


@pytest.fixture(scope="module")
def older() -> Dataset:
    assert OLDER.is_file(), f"missing {OLDER}; run python scripts/make_sample.py {CURRENT}"
    return load_file(OLDER)


@pytest.fixture(scope="module")
def comparison(current: Dataset, older: Dataset) -> PlanComparison:
    return compare_plans(older.actions, current.actions)


def test_both_files_load_without_problems(current: Dataset, older: Dataset) -> None:
    assert current.problems == () and older.problems == ()
    assert len(older.actions) == 43 and len(older.events) == 6 and len(older.sources) == 1


def test_older_version_is_labelled_illustrative(older: Dataset) -> None:
    assert all(a.notes and a.notes.startswith("Illustrative example (March 2023 version)")
               for a in older.actions)
    assert all(e.notes and "Illustrative" in e.notes for e in older.events)
    scorecard = CalamineWorkbook.from_path(str(OLDER)).get_sheet_by_name("Scorecard").to_python()
    notes = scorecard[0].index("Notes")
    assert len(scorecard) == 4
    assert all(str(row[notes]).startswith("Illustrative") for row in scorecard[1:])
    (board,) = older.sources
    assert board.id == "B1" and "(illustrative)" in board.title
    assert {e.source for e in older.events} == {"B1"}
    assert {s.source for s in older.series} == {"B1"}
    assert {e.origin.sheet for e in older.events if e.origin} == {"Key dates"}
    assert {s.origin.sheet for s in older.series if s.origin} == {"Scorecard"}


def test_older_version_is_as_at_march_2023(older: Dataset, current: Dataset) -> None:
    for a in older.actions:
        assert [u.as_at for u in a.history] == [MARCH_2023], a.id
        assert a.completed is None or a.completed <= MARCH_2023, a.id
        assert a.start is not None and a.start <= date(2023, 4, 1), a.id
        if a.start > MARCH_2023:
            assert a.status is Status.NOT_STARTED, a.id
    # where the current tracker keeps its March 2023 update, the older version agrees with it
    now = {a.id: a for a in current.actions}
    then = {RENUMBERED.get(a.id, a.id): a for a in older.actions}
    checked = 0
    for aid, a in now.items():
        update = next((u for u in a.history if u.as_at == MARCH_2023), None)
        if update is not None:
            assert then[aid].status is update.status, aid
            checked += 1
    assert checked == 2


def test_compare_plans_counts(comparison: PlanComparison) -> None:
    counts = comparison.counts()
    assert {c: counts[c] for c in (Change.ADDED, Change.DROPPED, Change.REDATED,
                                   Change.REOWNED, Change.RERATED)} == {
        Change.ADDED: 11, Change.DROPPED: 4, Change.REDATED: 13, Change.REOWNED: 7,
        Change.RERATED: 16}
    assert comparison.summary().startswith(
        "11 added, 4 dropped, 13 re-dated (median +548 days), 7 re-owned, 16 re-rated; "
        "39 actions in both versions")


def test_renumbered_workforce_actions_are_matched_by_title(comparison: PlanComparison) -> None:
    by_title = {r.old.id: r for r in comparison.rows
                if r.matched_by == "title" and r.old is not None and r.new is not None}
    assert {k: r.new.id for k, r in by_title.items() if r.new} == RENUMBERED
    assert all(0.6 <= r.similarity <= 1 and Change.MOVED in r.changes for r in by_title.values())
    assert {k for k, r in by_title.items() if Change.RETITLED in r.changes} == {
        "WF.01", "WF.02", "WF.04", "WF.05"}
    by_id = [r for r in comparison.rows if r.matched_by == "id"]
    assert len(by_id) == 34
    assert all(r.old is not None and r.new is not None and r.old.id == r.new.id for r in by_id)


def test_added_dropped_and_shifts(comparison: PlanComparison, current: Dataset) -> None:
    added = {r.new.id for r in comparison.with_change(Change.ADDED) if r.new}
    assert added == {a.id for a in current.actions
                     if a.start and a.start > MARCH_2023 and a.id not in ("A2.06", "A7.04")}
    dropped = {r.old.id for r in comparison.with_change(Change.DROPPED) if r.old}
    assert dropped == {"A1.09", "A2.08", "A4.08", "WF.06"}
    assert all(r.old and r.old.notes and "dropped" in r.old.notes
               for r in comparison.with_change(Change.DROPPED))
    shifts = {r.action.id: r.shift_days for r in comparison.with_change(Change.REDATED)}
    assert shifts["A2.04"] == 1096 and shifts["A6.01"] == 730 and shifts["A1.06"] == 183
    assert all(s is not None and s > 0 for s in shifts.values())  # plans slip, never the reverse
    owners = {r.action.id: (r.old.owner, r.new.owner)
              for r in comparison.with_change(Change.REOWNED) if r.old and r.new}
    assert owners["A1.06"] == ("Interim DCS", "DCS")
    rerated = {r.action.id: (r.old.status, r.new.status)
               for r in comparison.with_change(Change.RERATED) if r.old and r.new}
    assert rerated["A2.04"] == (Status.GREEN, Status.RED)
    assert rerated["A2.06"] == (Status.NOT_STARTED, Status.RED)
    shadows = ghosts(comparison)
    assert len(shadows) == 17 and sum(g.dropped for g in shadows) == 4


def test_targets_show_every_outcome(current: Dataset) -> None:
    checks = check_targets(current.series, AS_OF)
    got = [(c.series.name, c.target.value, c.target.due, c.outcome) for c in checks]
    assert got == [
        ("Agency social worker rate", 20, date(2025, 3, 31), Outcome.MISSED),
        ("Social worker vacancy rate", 25, date(2025, 3, 31), Outcome.MET),
        ("Social worker vacancy rate", 20, date(2026, 3, 31), Outcome.NO_FIGURE),
        ("Social worker turnover rate", 15, date(2025, 9, 30), Outcome.MET),
        ("Average caseload per social worker", 15, date(2027, 3, 31), Outcome.NOT_YET_DUE),
    ]
    missed, interim, no_figure, met, caseload = checks
    assert missed.margin == pytest.approx(-8.3) and missed.judged_on is not None
    assert missed.judged_on.period.end == date(2025, 9, 30)  # the first figure on or after
    assert interim.margin == pytest.approx(1.3) and met.margin == pytest.approx(3.0)
    assert no_figure.judged_on is None and no_figure.meeting_now is False
    assert caseload.judged_on is None and caseload.meeting_now is True


def test_impact_checks(current: Dataset) -> None:
    checks = check_impact(current.actions, current.series, AS_OF)
    assert len(checks) == 13
    assert all(c.series is not None and c.effect is not Effect.NO_DATA for c in checks)
    assert {c.action.id for c in checks if c.concern} == {"A1.05", "A6.05"}
    assert [c.concern for c in checks[:2]] == [True, True]  # concerns first
    effects = {c.action.id: c.effect for c in checks}
    assert effects["A2.04"] is Effect.NO_DIRECTION  # children looked after: no better direction
    assert effects["A5.06"] is Effect.IMPROVED and effects["A6.02"] is Effect.IMPROVED


def test_exactly_the_labelled_disagreements(current: Dataset, older: Dataset) -> None:
    both = merge_datasets([current, older])
    found = find_disagreements(both)
    assert [(d.subject, d.field) for d in found] == [
        ("Agency social worker rate, 30 Sep 2022", "value"),
        ("Monitoring visit (Oct 2022)", "dates"),
    ]
    figure, visit = found
    sources = both.source_by_id()
    assert [c.value for c in figure.claims] == [
        "36.6% (CSWW 2025 release)", "34.9% (Local figure)"]
    assert [c.source for c in figure.claims] == ["S16", "B1"]
    assert [c.value for c in visit.claims] == ["4-5 Oct 2022", "8 Nov 2022"]
    assert visit.keys == ("event:E11", "event:KD6")
    assert "Improvement board report, March 2023 (illustrative)" in visit.describe(sources)
    assert for_key(found, "event:KD6") == [visit]
    kd6 = next(e for e in older.events if e.id == "KD6")
    assert kd6.notes and "DISAGREES ON PURPOSE" in kd6.notes
    # each file alone agrees with itself
    assert find_disagreements(current) == [] and find_disagreements(older) == []
