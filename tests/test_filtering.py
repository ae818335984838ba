"""The find-and-filter model: free text, facets and date overlap, without Qt."""

from __future__ import annotations

from datetime import date

import pytest

from bcpviewer.model.filtering import NO_WORKSTREAM, Filter, action_span, all_keys, matching_keys
from bcpviewer.model.records import Action, Dataset, Event
from bcpviewer.model.vocab import EventKind, Status

D = date


def dataset() -> Dataset:
    actions = (
        Action("A1", "Recruit permanent team managers for the front door", "Front door", "Director",
               D(2022, 4, 1), D(2022, 9, 30), (D(2022, 12, 31),), D(2023, 1, 20), Status.COMPLETE),
        Action("A2", "Reduce agency social workers below 25%", "Workforce", "Head of Workforce",
               D(2022, 4, 1), D(2023, 3, 31), (), None, Status.RED, notes="Rwanda recruitment helps"),
        Action("A3", "Recruit social workers from Rwanda", "Workforce", "Head of Workforce",
               D(2022, 6, 1), D(2023, 1, 31), (), None, Status.AMBER),
        Action("A4", "Publish a sufficiency strategy", None, "Head of Commissioning"),
    )
    events = (
        Event("E1", EventKind.STANDARD_INSPECTION, "ILACS standard inspection", D(2021, 12, 6),
              D(2021, 12, 17), D(2022, 2, 11), lead="Steve Lowe HMI"),
        Event("E2", EventKind.MONITORING_VISIT, "Monitoring visit 1", D(2022, 6, 7), D(2022, 6, 8),
              theme="Front door"),
        Event("E3", EventKind.OTHER, "Cabinet paper", D(2023, 2, 1), kind_text="Briefing"),
    )
    return Dataset(actions, events)


def keys(flt: Filter) -> set[str]:
    return matching_keys(dataset(), flt)


def test_empty_filter_keeps_everything() -> None:
    assert Filter().is_empty
    assert keys(Filter()) == all_keys(dataset()) and len(all_keys(dataset())) == 7
    assert keys(Filter(text="   ")) == all_keys(dataset())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("RWANDA", {"action:A2", "action:A3"}),  # title or notes, any case
        ("front door", {"action:A1", "event:E2"}),  # several words: all must match (workstream, theme)
        ("door recruit", {"action:A1"}),  # words in any order
        ("steve lowe", {"event:E1"}),  # lead
        ("head of workforce", {"action:A2", "action:A3"}),  # owner
        ("a4", {"action:A4"}),  # id
        ("monitoring", {"event:E2"}),  # kind
        ("briefing", {"event:E3"}),  # a kind written outside the vocabulary
        ("amber", {"action:A3"}),  # status word
        ("rwanda nowhere", set()),
    ],
)
def test_free_text(text: str, expected: set[str]) -> None:
    assert keys(Filter(text=text)) == expected


def test_workstream_toggle_narrows_actions_only() -> None:
    got = keys(Filter(workstreams=frozenset({"Workforce"})))
    assert got == {"action:A2", "action:A3", "event:E1", "event:E2", "event:E3"}
    got = keys(Filter(workstreams=frozenset({NO_WORKSTREAM})))
    assert {k for k in got if k.startswith("action:")} == {"action:A4"}
    assert not {k for k in keys(Filter(workstreams=frozenset())) if k.startswith("action:")}


def test_status_toggle() -> None:
    got = keys(Filter(statuses=frozenset({Status.RED, Status.AMBER}), kinds=frozenset()))
    assert got == {"action:A2", "action:A3"}


def test_kind_toggle_narrows_events_only() -> None:
    got = keys(Filter(kinds=frozenset({EventKind.MONITORING_VISIT}), statuses=frozenset()))
    assert got == {"event:E2"}
    assert len(keys(Filter(kinds=frozenset()))) == 4  # every action stays


def test_text_and_facets_combine() -> None:
    assert keys(Filter(text="workforce", statuses=frozenset({Status.RED}))) == {"action:A2"}


def test_date_range_keeps_overlapping_items() -> None:
    # A1 runs 1 Apr 2022 - 20 Jan 2023, A2 1 Apr 2022 - 31 Mar 2023, A3 1 Jun 2022 - 31 Jan 2023
    got = keys(Filter(start=D(2023, 2, 1), end=D(2023, 12, 31)))
    assert got == {"action:A2", "event:E3"}  # E3 is one day, on the range's first day
    got = keys(Filter(start=D(2021, 12, 10), end=D(2021, 12, 10)))
    assert got == {"event:E1"}  # inside the fieldwork, not at either end
    assert "action:A4" not in keys(Filter(start=D(2000, 1, 1)))  # undated: not in any range


def test_open_ended_ranges() -> None:
    assert keys(Filter(end=D(2021, 12, 31))) == {"event:E1"}
    assert keys(Filter(start=D(2023, 2, 2))) == {"action:A2"}


def test_action_span_covers_every_date() -> None:
    a1 = dataset().actions[0]
    span = action_span(a1)
    assert span is not None and (span.start, span.end) == (D(2022, 4, 1), D(2023, 1, 20))
    assert action_span(dataset().actions[3]) is None


def test_filter_is_immutable_value() -> None:
    f = Filter(text="x", kinds=frozenset({EventKind.JTAI}))
    same = Filter(text="x", kinds=frozenset({EventKind.JTAI}))
    assert f == same and hash(f) == hash(same)
    with pytest.raises(AttributeError):
        f.text = "y"  # type: ignore[misc]
    assert not f.is_empty
