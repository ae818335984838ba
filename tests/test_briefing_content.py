"""What a briefing says besides tables (issue 18), worked out without Qt: caveats, key messages (or the
author's), plan progress by workstream, questions, the glossary, the scorecard's tolerance, and periods
that never hide an open overdue action."""

from __future__ import annotations

from datetime import date

import pytest

from bcpviewer.io.loader import load_file
from bcpviewer.model.briefing import BriefOptions, build_briefing, data_as_at
from bcpviewer.model.briefing_content import TOTAL, abbreviations_in
from bcpviewer.model.scorecard import SIMILAR, WORSE, verdict
from bcpviewer.model.vocab import Polarity
from tests.test_summary_xlsx import NOW, SAMPLE

AS_OF = date(2026, 11, 23)


@pytest.fixture(scope="module")
def sample():
    return load_file(SAMPLE)


def test_a_period_never_hides_an_open_overdue_action(sample):
    everything = build_briefing(sample, [], BriefOptions(as_of=AS_OF), now=NOW)
    late = build_briefing(sample, [], BriefOptions(as_of=AS_OF, start=date(2025, 4, 1)), now=NOW)
    assert everything.overdue[0].action.id == "A2.06"
    assert [r.action.id for r in late.overdue] == [r.action.id for r in everything.overdue]
    assert any("A2.06" in m for m in late.key_messages)


def test_cover_caveats_say_the_tracker_is_illustrative_and_as_at_which_dates(sample):
    b = build_briefing(sample, [], BriefOptions(as_of=AS_OF), now=NOW)
    assert "illustrative" in b.caveats[0] and "50 of 50 actions" in b.caveats[0]
    dates = next(c for c in b.caveats if c.startswith("Dates:"))
    assert "23 Nov 2026" in dates and "30 Sep 2025" in dates
    assert any("known only to the month or year" in c for c in b.caveats)


def test_plan_progress_counts_by_workstream_with_a_total(sample):
    b = build_briefing(sample, [], BriefOptions(as_of=AS_OF), now=NOW)
    rows = b.progress
    assert rows[-1].workstream == TOTAL and rows[-1].total == len(sample.actions) == 50
    assert sum(r.total for r in rows[:-1]) == 50
    assert rows[-1].overdue == len(b.overdue)
    assert all(sum(r.counts) == r.total for r in rows)


def test_key_messages_are_the_authors_when_given(sample):
    mine = build_briefing(sample, [], BriefOptions(as_of=AS_OF, key_messages=("One.", " ", "Two.")), now=NOW)
    assert mine.key_messages == ("One.", "Two.")
    made = build_briefing(sample, [], BriefOptions(as_of=AS_OF), now=NOW)
    assert any(m.startswith("Last Ofsted judgement: Good") for m in made.key_messages)
    assert any("50 actions" in m for m in made.key_messages)


def test_questions_come_from_the_concerns(sample):
    b = build_briefing(sample, [], BriefOptions(as_of=AS_OF), now=NOW)
    assert any(q.startswith("Action A2.06") and "days overdue" in q for q in b.questions)
    assert any(q.startswith("Agency social worker rate") for q in b.questions)
    assert any("was missed" in q for q in b.questions)
    assert not any(q.startswith("Social worker turnover rate") and "England" in q for q in b.questions)


def test_scorecard_calls_close_figures_similar():
    assert verdict(12.0, 11.8, Polarity.LOWER_IS_BETTER) == SIMILAR
    assert verdict(12.0, 11.0, Polarity.LOWER_IS_BETTER) == WORSE
    assert verdict(11.0, 12.0, Polarity.HIGHER_IS_BETTER) == WORSE


def test_scorecard_rows_compare_like_periods(sample):
    b = build_briefing(sample, [], BriefOptions(as_of=AS_OF), now=NOW)
    turnover = next(r for r in b.scorecard if r.series.name == "Social worker turnover rate")
    assert turnover.comparator("england").verdict == SIMILAR and turnover.comparator("neighbours").verdict == WORSE
    assert turnover.figure(12.0) == "12.0%" and turnover.comparator("region").label == "South West"


def test_glossary_lists_only_the_abbreviations_used():
    found = dict(abbreviations_in(["MV3 and FV took place; the O&S met.", "ILACS found RI"]))
    assert set(found) == {"MV", "FV", "O&S", "ILACS", "RI"}
    assert "SIF" not in found and "CP" not in dict(abbreviations_in(["CPR training", "a CPU"]))


def test_data_as_at_is_still_importable_from_briefing(sample):
    assert data_as_at(sample) is not None


def test_a_month_only_publication_prints_as_a_month(sample):
    from bcpviewer.model.briefing_words import published_text

    fv = next(e for e in sample.events if e.when_label == "Oct 2020")
    assert published_text(fv) == "Nov 2020"
    dated = next(e for e in sample.events if e.published is not None and e.when_label == "6-17 Dec 2021")
    assert published_text(dated) == "11 Feb 2022"
