"""The issue-10 analyses on small hand-made cases: impact, targets, plan versions, disagreements, journeys."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bcpviewer.model import disagreements as dis
from bcpviewer.model import impact, journeys, targets, versions
from bcpviewer.model.records import (
    Action,
    Dataset,
    Event,
    MetricSeries,
    Observation,
    Origin,
    Target,
)
from bcpviewer.model.spans import Span
from bcpviewer.model.vocab import EventKind, Grade, Polarity, Status

AS_OF = date(2026, 11, 23)


def obs(y: int, value: float | None, code: str | None = None, m: int = 9, d: int = 30) -> Observation:
    return Observation(Span.reporting_year(date(y, m, d)), value, code)


def series(name: str = "Agency social worker rate", values=(), polarity=Polarity.LOWER_IS_BETTER,
           unit: str = "%", targets_=(), sid: str | None = None, source: str | None = None,
           origin: Origin | None = None) -> MetricSeries:
    return MetricSeries(sid or f"M-{name}", name, unit, polarity, observations=tuple(values),
                        targets=tuple(targets_), source=source, origin=origin)


AGENCY = series(values=[obs(2020, 17.0), obs(2021, 37.4), obs(2022, 36.6), obs(2023, None, "c"),
                        obs(2024, 33.3), obs(2025, 28.3)])


def action(aid: str = "A1", status: Status = Status.COMPLETE, start: date | None = date(2022, 3, 1),
           metric: str | None = "Agency social worker rate", **kw) -> Action:
    return Action(aid, kw.pop("title", f"Action {aid}"), start=start, status=status, metric=metric, **kw)


# -- progress vs impact ----------------------------------------------------------------------------
class TestImpact:
    def test_improved_between_start_and_now(self):
        c = impact.check_action(action(), [AGENCY], AS_OF)
        assert c is not None and c.series is AGENCY
        assert c.before == obs(2021, 37.4)  # latest figure on or before 1 Mar 2022
        assert c.after == obs(2025, 28.3)
        assert c.effect is impact.Effect.IMPROVED and not c.concern
        assert c.change == pytest.approx(-9.1)
        assert "37.4% (" in c.explanation and "28.3%" in c.explanation

    def test_rated_done_but_worse_is_a_concern_polarity_aware(self):
        up = series("Care leavers in touch", [obs(2021, 90.0), obs(2025, 80.0)], Polarity.HIGHER_IS_BETTER)
        c = impact.check_action(action(metric="care leavers in touch"), [up], AS_OF)
        assert c.effect is impact.Effect.WORSENED and c.concern
        green = impact.check_action(action(status=Status.GREEN, metric="care leavers in touch"), [up], AS_OF)
        assert green.concern
        red = impact.check_action(action(status=Status.RED, metric="care leavers in touch"), [up], AS_OF)
        assert red.effect is impact.Effect.WORSENED and not red.concern

    def test_tie_is_unchanged_and_neutral_has_no_direction(self):
        flat = series("Caseload", [obs(2021, 16.0), obs(2025, 16.0)])
        assert impact.check_action(action(metric="Caseload"), [flat], AS_OF).effect is impact.Effect.UNCHANGED
        ctx = series("CLA rate", [obs(2021, 59.0), obs(2025, 75.0)], Polarity.NEUTRAL)
        c = impact.check_action(action(metric="CLA rate"), [ctx], AS_OF)
        assert c.effect is impact.Effect.NO_DIRECTION and not c.concern

    def test_suppressed_latest_figure_is_skipped(self):
        s = series("X", [obs(2021, 10.0), obs(2024, 8.0), obs(2025, None, "x")])
        c = impact.check_action(action(metric="X"), [s], AS_OF)
        assert c.after == obs(2024, 8.0) and c.effect is impact.Effect.IMPROVED

    def test_missing_data(self):
        assert impact.check_action(action(metric=None), [AGENCY], AS_OF) is None
        unknown = impact.check_action(action(metric="Nothing like it"), [AGENCY], AS_OF)
        assert unknown.series is None and unknown.effect is impact.Effect.NO_DATA
        assert "No metric called" in unknown.explanation
        only_before = series("Y", [obs(2019, 5.0), obs(2020, 6.0)])
        c = impact.check_action(action(metric="Y"), [only_before], AS_OF)
        assert c.effect is impact.Effect.NO_DATA and c.before is None
        undated = impact.check_action(action(start=None, metric="Agency social worker rate"), [AGENCY], AS_OF)
        assert undated.effect is impact.Effect.NO_DATA and "no start or due date" in undated.explanation

    def test_due_date_stands_in_for_a_missing_start(self):
        c = impact.check_action(action(start=None, due=date(2023, 3, 31)), [AGENCY], AS_OF)
        assert c.since == date(2023, 3, 31) and c.before == obs(2022, 36.6)

    def test_baseline_after_start_when_no_earlier_figure(self):
        s = series("Z", [obs(2023, 14.0), obs(2025, 1.0)])
        c = impact.check_action(action(metric="Z", start=date(2020, 1, 1)), [s], AS_OF)
        assert c.baseline_after_start and c.before == obs(2023, 14.0)
        assert "first one after it is the baseline" in c.explanation

    def test_figures_after_as_of_are_ignored(self):
        c = impact.check_action(action(), [AGENCY], date(2023, 1, 1))
        assert c.after == obs(2022, 36.6)

    def test_link_overrides_tracker_text_and_orders_concerns_first(self):
        up = series("Care leavers in touch", [obs(2021, 90.0), obs(2025, 80.0)], Polarity.HIGHER_IS_BETTER)
        acts = [action("A1"), action("A2", metric=None), action("A3", status=Status.RED)]
        checks = impact.check_impact(acts, [AGENCY, up], AS_OF, {"action:A2": up.id})
        assert [c.action.id for c in checks] == ["A2", "A1", "A3"]
        assert checks[0].linked_in_app and checks[0].concern

    def test_resolve_metric(self):
        other = series("Agency social worker rate (FTE) England only")
        assert impact.resolve_metric("agency social-worker RATE", [AGENCY, other]) is AGENCY
        assert impact.resolve_metric(AGENCY.id, [AGENCY]) is AGENCY
        assert impact.resolve_metric("caseload", [series("Average caseload per social worker")]) is not None
        # ambiguous: two different series contain the text
        assert impact.resolve_metric("rate", [AGENCY, series("Vacancy rate")]) is None
        assert impact.resolve_metric("  ", [AGENCY]) is None

    def test_chart_window_takes_in_figures_either_side(self):
        a = action(due=date(2023, 3, 31), completed=date(2023, 6, 1))
        w = impact.chart_window(a, AGENCY, pad_days=30)
        assert w.start <= date(2021, 9, 30) and w.end >= date(2023, 9, 30)
        assert impact.chart_window(Action("B", "b"), AGENCY) is None


# -- targets ----------------------------------------------------------------------------------------
class TestTargets:
    def test_missed_from_first_observation_on_or_after_the_date(self):
        c = targets.check_target(AGENCY, Target(20.0, date(2025, 3, 31)), AS_OF)
        assert c.outcome is targets.Outcome.MISSED and c.judged_on == obs(2025, 28.3)
        assert c.margin == pytest.approx(-8.3)
        assert "missed by 8.3 percentage points" in c.explanation
        assert c.label == "At most 20% by 31 Mar 2025"

    def test_met_exactly_counts_as_met(self):
        c = targets.check_target(AGENCY, Target(33.3, date(2024, 9, 30)), AS_OF)
        assert c.outcome is targets.Outcome.MET and c.margin == 0 and "met exactly" in c.explanation

    def test_higher_is_better_target_is_a_floor(self):
        up = series("In touch", [obs(2023, 88.0), obs(2024, 93.0)], Polarity.HIGHER_IS_BETTER, unit="")
        c = targets.check_target(up, Target(90.0, date(2024, 3, 31)), AS_OF)
        assert c.outcome is targets.Outcome.MET and c.margin == pytest.approx(3.0)
        assert not c.aim_lower and c.label.startswith("At least 90")

    def test_neutral_target_direction_from_first_figure(self):
        ctx = series("CLA", [obs(2021, 75.0), obs(2024, 70.0)], Polarity.NEUTRAL, unit="")
        c = targets.check_target(ctx, Target(72.0, date(2023, 1, 1)), AS_OF)
        assert c.aim_lower and c.outcome is targets.Outcome.MET

    def test_target_date_with_no_observation_after_it(self):
        c = targets.check_target(AGENCY, Target(20.0, date(2026, 3, 31)), AS_OF)
        assert c.outcome is targets.Outcome.NO_FIGURE and c.judged_on is None and c.margin is None
        assert c.latest == obs(2025, 28.3) and c.meeting_now is False
        assert "no figure published" in c.explanation

    def test_not_yet_due(self):
        c = targets.check_target(AGENCY, Target(30.0, date(2027, 3, 31)), AS_OF)
        assert c.outcome is targets.Outcome.NOT_YET_DUE and c.meeting_now is True
        assert "meets it" in c.explanation

    def test_suppressed_figure_skipped_and_said(self):
        c = targets.check_target(AGENCY, Target(35.0, date(2023, 6, 1)), AS_OF)
        assert c.judged_on == obs(2024, 33.3) and c.outcome is targets.Outcome.MET
        assert [o.code for o in c.skipped] == ["c"] and "suppressed" in c.explanation

    def test_no_date(self):
        c = targets.check_target(AGENCY, Target(20.0), AS_OF)
        assert c.outcome is targets.Outcome.NO_DATE and c.meeting_now is False

    def test_check_targets_includes_app_targets(self):
        s = series(values=AGENCY.observations, targets_=[Target(20.0, date(2025, 3, 31))])
        checks = targets.check_targets([s], AS_OF, {s.id: [Target(30.0, date(2025, 3, 31))]})
        assert [(c.outcome, c.entered_in_app) for c in checks] == [
            (targets.Outcome.MISSED, False), (targets.Outcome.MET, True)]
        (merged,) = targets.with_targets([s], {s.id: [Target(30.0)]})
        assert len(merged.targets) == 2 and targets.with_targets([s], {})[0] is s


# -- plan versions ----------------------------------------------------------------------------------
OLD = [
    Action("A1.01", "Submit the improvement plan to DfE", owner="Interim DCS", due=date(2022, 5, 31),
           status=Status.GREEN),
    Action("A5.01", "Reduce reliance on agency social workers", owner="Head of HR",
           due=date(2023, 9, 30), status=Status.AMBER, workstream="5. Workforce"),
    Action("A1.02", "Commission an external review of the front door", owner="DCS",
           due=date(2022, 12, 31), status=Status.AMBER),
    Action("A1.03", "Quarterly reports to scrutiny", owner="DCS", due=date(2023, 3, 31), status=Status.GREEN),
]
NEW = [
    Action("A1.01", "Submit the improvement plan to DfE", owner="DCS", due=date(2022, 5, 31),
           status=Status.COMPLETE, completed=date(2022, 5, 20)),
    Action("A1.03", "Quarterly reports to scrutiny", owner="DCS", due=date(2023, 3, 31),
           revised_due=(date(2023, 9, 30),), status=Status.GREEN),
    Action("A6.01", "Reduce reliance on agency social workers in children's services",
           owner="Head of HR", due=date(2023, 9, 30), revised_due=(date(2026, 3, 31),),
           status=Status.RED, workstream="6. Workforce"),
    Action("A6.09", "Launch a social work academy", owner="Principal social worker",
           due=date(2025, 3, 31), status=Status.GREEN),
]


class TestVersions:
    def test_every_kind_of_change(self):
        cmp = versions.compare_plans(OLD, NEW, old_label="Mar 2023", new_label="Oct 2026")
        by = {(r.old.id if r.old else None, r.new.id if r.new else None): r for r in cmp.rows}
        a101 = by[("A1.01", "A1.01")]
        assert a101.changes == {versions.Change.REOWNED, versions.Change.RERATED}
        assert "owner Interim DCS → DCS" in a101.describe()
        a103 = by[("A1.03", "A1.03")]
        assert a103.changes == {versions.Change.REDATED} and a103.shift_days == 183
        agency = by[("A5.01", "A6.01")]
        assert agency.matched_by == "title" and agency.similarity >= versions.TITLE_THRESHOLD
        assert {versions.Change.REDATED, versions.Change.RERATED, versions.Change.MOVED,
                versions.Change.RETITLED} <= agency.changes
        assert agency.shift_days == (date(2026, 3, 31) - date(2023, 9, 30)).days
        assert by[(None, "A6.09")].changes == {versions.Change.ADDED}
        assert by[("A1.02", None)].changes == {versions.Change.DROPPED}
        counts = cmp.counts()
        assert counts[versions.Change.ADDED] == 1 and counts[versions.Change.DROPPED] == 1
        assert counts[versions.Change.REDATED] == 2
        assert cmp.summary().startswith("1 added, 1 dropped, 2 re-dated")
        assert "3 actions in both versions" in cmp.summary()

    def test_dropped_rows_stay_near_where_they_were(self):
        cmp = versions.compare_plans(OLD, NEW)
        ids = [(r.old.id if r.old else "-", r.new.id if r.new else "-") for r in cmp.rows]
        assert ids.index(("A1.02", "-")) > ids.index(("A5.01", "A6.01"))

    def test_unlike_titles_are_not_matched(self):
        cmp = versions.compare_plans([Action("X1", "Recruit foster carers")], [Action("Y1", "Audit case files")])
        assert [sorted(c.value for c in r.changes) for r in cmp.rows] == [["dropped"], ["added"]]

    def test_tracker_rows_per_update_count_once(self):
        older = [Action("A1", "Do it", status=Status.AMBER), Action("A1", "Do it", status=Status.GREEN)]
        cmp = versions.compare_plans(older, [Action("A1", "Do it", status=Status.GREEN)])
        assert len(cmp.rows) == 1 and not cmp.rows[0].changes

    def test_ghosts_for_redated_and_dropped(self):
        gs = versions.ghosts(versions.compare_plans(OLD, NEW))
        assert {(g.key, g.due, g.dropped) for g in gs} == {
            ("action:A1.03", date(2023, 3, 31), False),
            ("action:A6.01", date(2023, 9, 30), False),
            (None, date(2022, 12, 31), True),
        }

    @given(st.lists(st.text(min_size=1, max_size=30), min_size=0, max_size=8))
    def test_same_plan_has_no_changes(self, titles):
        acts = [Action(f"A{i}", t) for i, t in enumerate(titles)]
        cmp = versions.compare_plans(acts, acts)
        assert not cmp.changed and len(cmp.rows) == len(acts)

    def test_title_similarity(self):
        assert versions.title_similarity("Do THE thing!", "do the thing") == 1.0
        assert versions.title_similarity("", "x") == 0.0


# -- disagreements ------------------------------------------------------------------------------------
def mv(eid: str, start: date, end: date, source: str, published: date | None = None) -> Event:
    return Event(eid, EventKind.MONITORING_VISIT, "Monitoring visit", start, end, published, source=source)


class TestDisagreements:
    def test_event_dates_differ_between_sources(self):
        a = mv("E1", date(2022, 5, 24), date(2022, 5, 25), "S10", date(2022, 6, 20))
        b = mv("E2", date(2022, 6, 20), date(2022, 6, 20), "B1")
        found = dis.event_disagreements([a, b])
        assert [d.field for d in found] == ["dates"]
        (d,) = found
        assert [c.source for c in d.claims] == ["S10", "B1"] and d.keys == ("event:E1", "event:E2")
        assert d.subject == "Monitoring visit (May 2022)"
        text = d.describe({})
        assert text.endswith("the dates: 24-25 May 2022 (S10); 20 Jun 2022 (B1).")

    def test_grades_differ(self):
        a = Event("E1", EventKind.STANDARD_INSPECTION, "ILACS", date(2021, 12, 6), date(2021, 12, 17),
                  grades={"overall": Grade.INADEQUATE}, source="S8")
        b = Event("E2", EventKind.STANDARD_INSPECTION, "ILACS", date(2021, 12, 6), date(2021, 12, 17),
                  grades={"overall": Grade.REQUIRES_IMPROVEMENT}, source="P1")
        (d,) = dis.event_disagreements([a, b])
        assert d.field == "overall effectiveness grade"
        assert [c.value for c in d.claims] == ["Inadequate", "Requires improvement to be good"]

    def test_agreeing_far_apart_and_common_kinds_are_not_flagged(self):
        a = mv("E1", date(2022, 5, 24), date(2022, 5, 25), "S10")
        same = mv("E2", date(2022, 5, 24), date(2022, 5, 25), "B1")
        later = mv("E3", date(2022, 10, 4), date(2022, 10, 5), "S11")
        meetings = [Event(f"M{i}", EventKind.SCRUTINY_MEETING, "O&S", date(2022, 5, 1 + i)) for i in range(3)]
        assert dis.event_disagreements([a, same, later, *meetings]) == []

    def test_figures_differ_for_a_period(self):
        dfe = series(values=[obs(2022, 36.6), obs(2023, 36.7)], source="S16", sid="M1")
        local = series(values=[obs(2022, 37.0)], source="L1", sid="M2")
        (d,) = dis.figure_disagreements([dfe, local])
        assert d.field == "value" and d.when == date(2022, 9, 30)
        assert [(c.value, c.source) for c in d.claims] == [("36.6%", "S16"), ("37%", "L1")]
        assert dis.for_key([d], "metric:M2") == [d]

    def test_suppressed_against_value_differs_and_same_value_agrees(self):
        a = series(values=[obs(2022, None, "c"), obs(2023, 5.0)], sid="M1")
        b = series(values=[obs(2022, 4.0), obs(2023, 5.0)], sid="M2")
        (d,) = dis.figure_disagreements([a, b])
        assert d.claims[0].value == "suppressed (c)"

    def test_find_disagreements_sorted_and_cited(self):
        ds = Dataset(events=(mv("E1", date(2022, 5, 24), date(2022, 5, 25), "S10"),
                             mv("E2", date(2022, 6, 1), date(2022, 6, 2), "")),
                     series=(series(values=[obs(2021, 1.0)], sid="M1"),
                             series(values=[obs(2021, 2.0)], sid="M2",
                                    origin=Origin("old.xlsx", "Metrics", 4))))
        found = dis.find_disagreements(ds)
        assert [d.when for d in found] == sorted(d.when for d in found)
        fig = next(d for d in found if d.field == "value")
        assert fig.claims[1].cited({}) == "old.xlsx, sheet Metrics, row 4"
        assert next(d for d in found if d.field == "dates").claims[1].cited({}) == "no source given"


# -- journeys ------------------------------------------------------------------------------------------
def ilacs(eid: str, published: date, grade: Grade, kind: EventKind = EventKind.STANDARD_INSPECTION) -> Event:
    return Event(eid, kind, "ILACS", published.replace(day=1), published.replace(day=10), published,
                 grades={"overall": grade})


EVENTS = {
    "BCP": [ilacs("B0", date(2018, 5, 15), Grade.REQUIRES_IMPROVEMENT),
            ilacs("B1", date(2022, 2, 11), Grade.INADEQUATE),
            Event("B2", EventKind.MONITORING_VISIT, "MV1", date(2022, 6, 1)),
            ilacs("B3", date(2025, 1, 29), Grade.GOOD)],
    "Slowtown": [ilacs("S1", date(2015, 3, 1), Grade.INADEQUATE), ilacs("S2", date(2017, 3, 1), Grade.GOOD),
                 ilacs("S3", date(2024, 6, 1), Grade.INADEQUATE)],
    "Fine": [ilacs("F1", date(2023, 1, 1), Grade.GOOD)],
}


class TestJourneys:
    def test_anchor_reinspection_and_months(self):
        agency = series(values=[obs(2021, 37.4), obs(2022, 36.6), obs(2023, None, "c"), obs(2024, 33.3)])
        j = journeys.journey("BCP", EVENTS["BCP"], agency, as_of=AS_OF)
        assert j.anchor_date == date(2022, 2, 11)
        assert j.reinspection.id == "B3" and j.grade_reached is Grade.GOOD
        assert j.months_to_reinspection == pytest.approx(35.6, abs=0.1)
        assert j.outcome == "Good after 36 months (29 Jan 2025)"
        months = [round(p.months, 1) for p in j.points]
        assert months[0] < 0 < months[1]
        assert [p.value for p in j.points][2] is None  # the suppressed figure stays a gap
        assert j.value_at(40) == 33.3 and j.value_at(-20) is None

    def test_latest_or_first_inadequate_and_not_reinspected(self):
        latest = journeys.journey("Slowtown", EVENTS["Slowtown"], None, as_of=AS_OF)
        assert latest.anchor.id == "S3" and latest.reinspection is None
        assert latest.outcome == "Not re-inspected yet: 30 months so far"
        first = journeys.journey("Slowtown", EVENTS["Slowtown"], None,
                                 journeys.Anchor(which=journeys.Which.FIRST))
        assert first.anchor.id == "S1" and first.reinspection.id == "S2"

    def test_other_anchor_kind_and_no_anchor(self):
        j = journeys.journey("BCP", EVENTS["BCP"], None,
                             journeys.Anchor(EventKind.MONITORING_VISIT, None))
        assert j.anchor.id == "B2" and j.reinspection.id == "B3"
        none = journeys.journey("Fine", EVENTS["Fine"], None)
        assert none.anchor is None and none.points == () and "No such judgement" in none.outcome
        assert journeys.Anchor().label == "months since the latest inadequate judgement"

    def test_councils_judged_and_median(self):
        assert journeys.councils_judged(EVENTS) == ["Slowtown", "BCP"]
        assert journeys.councils_judged(EVENTS, since=date(2023, 1, 1)) == ["Slowtown"]
        js = journeys.journeys(["BCP", "Slowtown", "Fine", "Missing"], EVENTS, {}, as_of=AS_OF)
        assert [j.council for j in js] == ["BCP", "Slowtown", "Fine", "Missing"]
        assert journeys.median_months_to_reinspection(js) == pytest.approx(35.6, abs=0.1)
        assert journeys.median_months_to_reinspection([]) is None


def test_reinspection_without_an_overall_grade_still_ends_the_journey():
    reform = Event("R1", EventKind.STANDARD_INSPECTION, "ILACS", date(2026, 5, 11), date(2026, 5, 22),
                   date(2026, 7, 7), grades={"overall": None, "leaders": Grade.OUTSTANDING})
    j = journeys.journey("X", [ilacs("X0", date(2023, 3, 1), Grade.INADEQUATE), reform], None)
    assert j.reinspection is reform and j.grade_reached is None
    assert j.outcome == "Re-inspected after 40 months (7 Jul 2026): no overall grade given"


def test_a_reused_id_for_another_action_is_not_a_rewording():
    old = [Action("A1", "Recruit 20 permanent social workers"), Action("A2", "Open a children's home"),
           Action("A3", "Publish a sufficiency strategy")]
    new = [Action("A1", "Open a children's home"), Action("A2", "Publish a sufficiency strategy")]
    cmp = versions.compare_plans(old, new)
    pairs = {(r.old.id if r.old else None, r.new.id if r.new else None) for r in cmp.rows}
    assert pairs == {("A2", "A1"), ("A3", "A2"), ("A1", None)}
    dropped = cmp.with_change(versions.Change.DROPPED)
    assert [r.old.title for r in dropped] == ["Recruit 20 permanent social workers"]


def test_a_month_only_date_agrees_with_the_days_inside_it():
    from bcpviewer.model.spans import SpanKind

    ofsted = Event("E1", EventKind.STANDARD_INSPECTION, "ILACS", date(2021, 12, 6), date(2021, 12, 17),
                   source="S8")
    diary = Event("E2", EventKind.STANDARD_INSPECTION, "ILACS", date(2021, 12, 1), source="P1",
                  precision=SpanKind.MONTH)
    assert dis.event_disagreements([ofsted, diary]) == []
    wrong_month = Event("E3", EventKind.STANDARD_INSPECTION, "ILACS", date(2022, 1, 1), source="P2",
                        precision=SpanKind.MONTH)
    (d,) = dis.event_disagreements([ofsted, wrong_month])
    assert [c.value for c in d.claims] == ["6-17 Dec 2021", "Jan 2022"]


def test_app_targets_apply_once_when_two_files_share_a_metric():
    a = series(values=[obs(2024, 30.0)], sid="M1")
    b = series(values=[obs(2022, 34.9)], sid="M1")
    extra = {"M1": [Target(25.0, date(2024, 3, 31))]}
    assert len(targets.check_targets([a, b], AS_OF, extra)) == 1
    merged = targets.with_targets([a, b], extra)
    assert [len(s.targets) for s in merged] == [1, 0]


def test_large_renumbered_plans_are_matched_by_title():
    old = [Action(f"X{i}", f"Action {i} for area {i % 97}: review case files") for i in range(2000)]
    new = [Action(f"Y{i}", a.title + " (revised)") for i, a in enumerate(old)]
    cmp = versions.compare_plans(old, new)
    assert all(r.matched_by == "title" and r.old.id[1:] == r.new.id[1:] for r in cmp.rows)
