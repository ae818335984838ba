"""The summary workbook read back with openpyxl, and the briefing model it is written from."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bcpviewer.io.loader import load_file
from bcpviewer.io.summary_xlsx import ANALYSIS_SHEET_NAMES, SHEETS, write_summary
from bcpviewer.io.xlsx_cells import tint
from bcpviewer.model.annotations import AnnotationSet, DateTarget, ItemTarget, RangeTarget, new_annotation
from bcpviewer.model.briefing import (
    BriefOptions,
    build_briefing,
    chosen_series,
    guess_council,
    suggest_filename,
    unknown_metrics,
)
from bcpviewer.model.records import Dataset

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "samples" / "bcp-childrens-services.xlsx"
AS_OF = date(2026, 11, 23)
NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
OVERDUE_IDS = ["A2.06", "A3.06", "A4.02", "A5.02", "A6.07", "A5.06", "A2.04", "A7.04"]
PRIVATE = "PRIVATE: ring the DCS before the meeting about A2.06"
BRIEFING = "Digital front door still not live; the committee asked for a firm date"
FORMULA = '=HYPERLINK("http://example.invalid","click") asked at committee'
PLAIN = "Public note not marked for the briefing: staffing panel minutes awaited"
RANGE = "Direction in force while the first three monitoring visits took place"
LINK = "https://democracy.bcpcouncil.gov.uk/ieListDocuments.aspx?CId=1"


def sample_notes(dataset: Dataset) -> AnnotationSet:
    """Notes as a researcher writes them: for the briefing, public only, private, hostile-looking."""
    agency = next(s for s in dataset.series if s.name.startswith("Agency"))
    return AnnotationSet([
        new_annotation(ItemTarget("action:A2.06"), BRIEFING, id="n1", now=NOW, include_in_briefing=True,
                       source_title="O&S committee minutes, October 2026", source_url=LINK,
                       tags=("front door",)),
        new_annotation(ItemTarget("action:A2.06"), PRIVATE, id="n2", now=NOW, private=True,
                       include_in_briefing=True, source_title="my notebook"),
        new_annotation(ItemTarget("event:E07"), FORMULA, id="n3", now=NOW, include_in_briefing=True,
                       source_title="Ofsted ILACS report 2022", source_url="javascript:alert(1)"),
        new_annotation(ItemTarget(f"metric:{agency.id}"), "Agency rate still about twice England's",
                       id="n4", now=NOW, include_in_briefing=True, source_title="DfE CSWW 2025"),
        new_annotation(DateTarget(date(2024, 2, 22)), PLAIN, id="n5", now=NOW),
        new_annotation(RangeTarget(date(2022, 3, 1), date(2023, 8, 31)), RANGE, id="n6", now=NOW,
                       include_in_briefing=True),
        new_annotation(DateTarget(date(2023, 1, 5)), "+44 line: -5 points @ board\x07", id="n7", now=NOW),
    ])


@pytest.fixture(scope="module")
def sample() -> Dataset:
    return load_file(SAMPLE)


@pytest.fixture(scope="module")
def workbook(sample, tmp_path_factory):
    out = tmp_path_factory.mktemp("xlsx") / "summary.xlsx"
    b = build_briefing(sample, sample_notes(sample), BriefOptions(as_of=AS_OF, author="Scrutiny officer"),
                       now=NOW)
    write_summary(out, b)
    return load_workbook(out)


def rows(ws) -> list[dict[str, object]]:
    head = [c.value for c in ws[1]]
    return [dict(zip(head, r, strict=True)) for r in ws.iter_rows(min_row=2, values_only=True)]


def all_text(wb) -> str:
    return "\n".join(str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value is not None)


# -- the workbook ------------------------------------------------------------------------------------------
def test_sheets_in_order_with_header_freeze_and_filter(workbook):
    names = workbook.sheetnames
    assert [n for n in names if n not in ANALYSIS_SHEET_NAMES] == list(SHEETS)
    assert names[4:7] == ["Metric series", "Impact", "Targets"]  # the sample's analyses, after Metrics
    for name in names[1:]:
        ws = workbook[name]
        assert ws.freeze_panes in ("A2", "B2", "C2")
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:")
        head = ws["A1"]
        assert head.font.b and head.fill.fgColor.rgb.endswith("1F3864")
        assert ws.column_dimensions["A"].width >= 8


def test_summary_sheet_has_the_glance_figures_and_the_period_as_dates(workbook):
    ws = workbook["Summary"]
    figures = {r[0]: r[1] for r in ws.iter_rows(min_row=4, values_only=True) if r[0]}
    assert ws["A1"].value.startswith("Children's services improvement")
    assert figures["Council"] == "BCP Council"
    assert figures["Period covered: from"] == datetime(2019, 4, 1)
    assert figures["Period covered: to"] == datetime(2027, 3, 31)
    assert figures["Figures as at"] == datetime(2026, 11, 23)
    assert figures["Overdue actions"] == 8
    assert figures["Actions in this summary"] == 50
    assert figures["Metrics worse than England or the neighbours now"] == 3
    assert figures["Ofsted visits since the Inadequate judgement"] == 6
    assert str(figures["Last judgement"]).startswith("Good, published 29 Jan 2025")
    from_cell = next(c for c in ws["B"] if c.value == datetime(2019, 4, 1))
    assert from_cell.is_date and "mmm" in from_cell.number_format


def test_actions_sheet_dates_overdue_slippage_status_and_notes(workbook):
    ws = workbook["Actions"]
    table = {r["ID"]: r for r in rows(ws)}
    assert len(table) == 50
    late = {i: r["Days overdue"] for i, r in table.items() if r["Days overdue"]}
    assert sorted(late) == sorted(OVERDUE_IDS)
    assert late["A2.06"] == 579  # counted on the tracker's date, 31 Oct 2026
    a206 = table["A2.06"]
    assert a206["Status"] == "Red"  # the plain word: sorting and filtering work on it
    assert isinstance(a206["Due (first date)"], datetime)
    assert BRIEFING in a206["Annotations"] and LINK in a206["Annotations"]
    assert PRIVATE not in (a206["Annotations"] or "")
    slipped = [r for r in table.values() if r["Slippage (days re-dated)"]]
    assert slipped and all(r["Times re-dated"] >= 1 for r in slipped)
    col = [c.value for c in ws[1]].index("Status") + 1
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == "A2.06")
    status = ws.cell(row, col)
    assert status.fill.fgColor.rgb.endswith(tint("D55E00"))  # the colour, and the word beside it
    assert status.number_format == '"● "@'  # the glyph is only the cell's look
    due = ws.cell(row, [c.value for c in ws[1]].index("Due (first date)") + 1)
    assert due.is_date and due.number_format == "d mmm yyyy"


def test_events_sheet_has_grades_as_words_with_fills(workbook):
    table = {r["ID"]: r for r in rows(workbook["Events"])}
    assert len(table) == 17
    assert table["E07"]["Overall effectiveness"] == "Inadequate"
    assert table["E07"]["Children in care"] == "Requires improvement to be good"
    assert table["E17"]["Overall effectiveness"] == "Good"
    assert table["E17"]["Care leavers"] == "Requires improvement to be good"
    assert isinstance(table["E07"]["Date"], datetime) and isinstance(table["E07"]["Published"], datetime)
    assert FORMULA in table["E07"]["Annotations"]


def test_metrics_sheet_latest_comparators_verdicts_and_trend(workbook):
    table = {r["Metric"]: r for r in rows(workbook["Metrics"])}
    assert len(table) == 6
    agency = table["Agency social worker rate"]
    assert agency["Latest"] == 28.3 and agency["England"] == 13.0 and agency["Neighbours"] == 11.7
    assert agency["Against England"] == "✗ worse" and agency["Better when"] == "lower"
    assert agency["Trend against England"].startswith("gap narrowing")
    assert agency["Target"] == 20 and isinstance(agency["Period end"], datetime)
    assert table["Average caseload per social worker"]["Against England"] == "✓ better"


def test_annotations_sheet_lists_public_notes_only(workbook):
    notes = rows(workbook["Annotations"])
    texts = [r["Note"] for r in notes]
    assert BRIEFING in texts and FORMULA in texts and PLAIN in texts and RANGE in texts
    assert PRIVATE not in texts
    assert PRIVATE not in all_text(workbook) and "my notebook" not in all_text(workbook)
    briefing = next(r for r in notes if r["Note"] == BRIEFING)
    assert briefing["In briefing"] == "Yes" and briefing["Reference"] >= 1
    assert next(r for r in notes if r["Note"] == PLAIN)["In briefing"] == "No"
    assert isinstance(briefing["Created (UTC)"], datetime) and briefing["Created (UTC)"].tzinfo is None


def test_formula_looking_text_is_stored_as_text(workbook):
    ws = workbook["Annotations"]
    cells = {c.value: c for row in ws.iter_rows(min_row=2) for c in row if isinstance(c.value, str)}
    formula = cells[FORMULA]
    assert formula.data_type == "s" and formula.quotePrefix
    other = next(c for v, c in cells.items() if v.startswith("+44"))
    assert other.data_type == "s"
    assert other.value == "+44 line: -5 points @ board"  # the control character dropped
    formulas = [c.coordinate for ws in [workbook[n] for n in SHEETS] for row in ws.iter_rows() for c in row
                if c.data_type == "f"]
    assert formulas == []


def test_only_http_and_https_sources_become_links(workbook):
    ws = workbook["Annotations"]
    head = [c.value for c in ws[1]]
    col = head.index("Source link") + 1
    links = {ws.cell(r, col).value: ws.cell(r, col).hyperlink for r in range(2, ws.max_row + 1)
             if ws.cell(r, col).value}
    assert links[LINK] is not None and links[LINK].target == LINK
    assert links["javascript:alert(1)"] is None
    sources = workbook["Sources"]
    linked = [c for row in sources.iter_rows(min_row=2) for c in row if c.hyperlink is not None]
    assert linked and all(c.hyperlink.target.startswith(("http://", "https://")) for c in linked)


def test_sources_sheet_numbers_the_cited_ones(workbook):
    table = rows(workbook["Sources"])
    by_id = {r["ID"]: r for r in table if r["ID"]}
    assert len(by_id) == 19
    assert by_id["S8"]["Reference"] is not None and isinstance(by_id["S8"]["Published"], datetime)
    extra = [r for r in table if not r["ID"]]
    assert any(r["Title"] == "O&S committee minutes, October 2026" for r in extra)


def test_period_and_metric_choice_narrow_every_sheet(sample, tmp_path):
    out = tmp_path / "period.xlsx"
    options = BriefOptions(as_of=AS_OF, start=date(2024, 1, 1), end=date(2024, 12, 31),
                           metrics=("Agency social worker rate",))
    write_summary(out, build_briefing(sample, sample_notes(sample), options, now=NOW))
    wb = load_workbook(out)
    events = rows(wb["Events"])
    assert events and all(date(2023, 12, 1) <= r["Date"].date() <= date(2024, 12, 31) for r in events)
    assert [r["Metric"] for r in rows(wb["Metrics"])] == ["Agency social worker rate"]
    notes = [r["Note"] for r in rows(wb["Annotations"])]
    assert PLAIN in notes and RANGE not in notes and FORMULA not in notes


def test_a_failed_save_leaves_the_old_file_and_no_temporary_files(sample, tmp_path, monkeypatch):
    from openpyxl import Workbook

    out = tmp_path / "summary.xlsx"
    out.write_bytes(b"old")
    b = build_briefing(sample, [], BriefOptions(as_of=AS_OF), now=NOW)

    def full_disk(self, filename):
        Path(filename).write_bytes(b"half a workbook")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Workbook, "save", full_disk)
    with pytest.raises(OSError):
        write_summary(out, b)
    assert out.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["summary.xlsx"]


# -- the briefing model ------------------------------------------------------------------------------------
def test_private_notes_never_reach_a_briefing(sample):
    b = build_briefing(sample, sample_notes(sample), BriefOptions(as_of=AS_OF), now=NOW)
    assert all(not n.annotation.private for n in b.notes)
    agency = "Agency rate still about twice England's"
    assert [n.text for n in b.briefing_notes] == [FORMULA, RANGE, BRIEFING, agency]
    assert all(n.reference for n in b.briefing_notes if n.annotation.source_title)


def test_references_are_numbered_in_pack_order_and_shared(sample):
    b = build_briefing(sample, sample_notes(sample), BriefOptions(as_of=AS_OF), now=NOW)
    numbers = [r.number for r in b.references]
    assert numbers == list(range(1, len(numbers) + 1))
    first = b.inspections[0]  # the pack reads inspections first (issue 18), so their sources come first
    assert b.reference_for(first.source) == 1
    notes = {n.text: n.reference for n in b.briefing_notes}
    assert max(r.number for r in b.pack_references) >= notes[BRIEFING]
    plain = next(n for n in b.notes if n.text == PLAIN)
    assert plain.reference is None  # no source given


def test_overdue_and_at_risk(sample):
    b = build_briefing(sample, [], BriefOptions(as_of=AS_OF), now=NOW)
    assert [r.action.id for r in b.overdue] == OVERDUE_IDS
    assert {r.action.id for r in b.at_risk} == {"A2.07", "A4.06", "A5.05", "A6.01"}
    assert len(b.inspections) == 11 and b.council == guess_council(sample) == "BCP Council"


def test_metric_names_are_checked(sample):
    assert unknown_metrics(sample, ["agency social worker rate", "Nope"]) == ["Nope"]
    chosen = chosen_series(sample, ["AGENCY SOCIAL WORKER RATE"])
    assert [s.name for s in chosen] == ["Agency social worker rate"]
    with pytest.raises(ValueError, match="unknown metric"):
        chosen_series(sample, ["Nope"])


def test_options_refuse_a_backwards_period():
    with pytest.raises(ValueError, match="before it starts"):
        BriefOptions(start=date(2024, 1, 2), end=date(2024, 1, 1))


@pytest.mark.parametrize(("title", "expected"), [
    ("Children's services: briefing / Nov?", "Children-s-services-briefing-Nov-2026-11-23.pdf"),
    ("../../etc/passwd", "etc-passwd-2026-11-23.pdf"),
    ("CON", "CON-briefing-2026-11-23.pdf"),
    ("   ", "briefing-2026-11-23.pdf"),
    ("x" * 300, "x" * 80 + "-2026-11-23.pdf"),
])
def test_suggested_file_names_are_safe(title, expected):
    assert suggest_filename(title, ".pdf", AS_OF) == expected
