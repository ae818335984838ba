"""Ofsted outcome tables: the analysts' one-row-per-inspection CSV and Ofsted's official statistics
workbooks (title rows, one table per sheet, focused and monitoring visits), as graded events."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from html import escape
from pathlib import Path

import pytest
from openpyxl import Workbook

from bcpviewer.io.loader import LoadReport, load_file
from bcpviewer.io.ofsted import field_of
from bcpviewer.model.vocab import EventKind, Grade

OFSTED = Path(__file__).resolve().parents[2] / "shared" / "data" / "ofsted" / "ofsted_csc_ilacs_history.csv"

G, RI, I, O = Grade.GOOD, Grade.REQUIRES_IMPROVEMENT, Grade.INADEQUATE, Grade.OUTSTANDING
HISTORY = (
    "urn,local_authority,inspection_link,pdf_filename,publication_date,inspection_framework,"
    "inspector_name,inspection_start_date,inspection_end_date,overall_effectiveness_grade,"
    "impact_of_leaders_grade,help_and_protection_grade,in_care_grade,care_leavers_grade,parser_version\n"
    "2532283,dorset,https://files.ofsted.gov.uk/v1/file/1,a.pdf,09/05/25,short,Sarah Canto,17/03/2025,"
    "21/03/2025,outstanding,outstanding,outstanding,outstanding,good,1\n"
    '2532287,"bournemouth, christchurch & poole",https://files.ofsted.gov.uk/v1/file/50267804,b.pdf,29/01/25,'
    "standard,John Roughton,02/12/2024,13/12/2024,good,good,good,good,requires improvement,1\n"
    '2532287,"bournemouth, christchurch & poole",https://files.ofsted.gov.uk/v1/file/50177455,c.pdf,11/02/22,'
    "standard,Steve Lowe,06/12/2021,17/12/2021,inadequate,inadequate,inadequate,requires improvement,"
    "inspection_pre_dates_judgement,1\n"
    "80450,london corporation,https://files.ofsted.gov.uk/v1/file/2,d.pdf,20/09/16,,,,,data_unreadable,"
    "data_unreadable,data_unreadable,data_unreadable,data_unreadable,1\n"
)


def check_bcp_inspections(events, leads: bool = True) -> None:
    """BCP's two ILACS standard inspections (Ofsted reports, DOMAIN.md)."""
    by_start = sorted(events, key=lambda e: e.start)
    assert len(by_start) == 2
    first, second = by_start
    assert (first.kind, first.start, first.end, first.published) == (
        EventKind.STANDARD_INSPECTION, date(2021, 12, 6), date(2021, 12, 17), date(2022, 2, 11))
    assert dict(first.grades) == {"overall": I, "leaders": I, "help_protection": I, "in_care": RI}
    assert first.lead == ("Steve Lowe" if leads else None)
    assert (second.start, second.end, second.published) == (date(2024, 12, 2), date(2024, 12, 13), date(2025, 1, 29))
    assert dict(second.grades) == {"overall": G, "leaders": G, "help_protection": G, "in_care": G, "care_leavers": RI}
    assert second.lead == ("John Roughton" if leads else None)


@pytest.fixture
def history(tmp_path: Path) -> Path:
    p = tmp_path / "ofsted_history.csv"
    p.write_text(HISTORY, encoding="utf-8")
    return p


@pytest.mark.parametrize("council", ["839", "2532287", "bournemouth, christchurch and poole",
                                     "Bournemouth, Christchurch & Poole", "E06000058"])
def test_bcp_inspections_by_code_urn_or_name(history: Path, council: str) -> None:
    d = load_file(history, council=council)
    check_bcp_inspections(d.events)
    assert d.problems == ()
    e = max(d.events, key=lambda e: e.start)
    assert e.source == "https://files.ofsted.gov.uk/v1/file/50267804"
    assert e.title == "ILACS standard inspection" and e.origin.row == 3 and e.origin.file == "ofsted_history.csv"


def test_without_a_council_nothing_is_mixed_and_the_councils_are_listed(history: Path) -> None:
    report = LoadReport()
    d = load_file(history, report=report)
    assert d.events == () and "choose a council" in d.notes[0]
    names = {c.code: c.name for c in report.all_councils()}
    assert names["839"] == "Bournemouth, Christchurch and Poole"
    assert "838" in names and "835" not in names  # dorset today, not Dorset before 2019


def test_a_row_without_dates_is_a_problem_not_an_event(history: Path) -> None:
    d = load_file(history, council="City of London")
    assert d.events == ()
    assert [p.message for p in d.problems] == ["row skipped: it has no inspection or visit start date"]


def test_an_unknown_council_is_a_problem(history: Path) -> None:
    d = load_file(history, council="Atlantis")
    assert d.events == () and d.problems[0].value == "Atlantis"


def test_a_chronology_naming_the_council_is_still_a_chronology(tmp_path: Path) -> None:
    p = tmp_path / "chronology.csv"
    p.write_text("Date,Title,Type,Local authority\n06/12/2021,ILACS inspection,Standard inspection,BCP\n",
                 encoding="utf-8")
    d = load_file(p)
    assert [e.title for e in d.events] == ["ILACS inspection"] and d.notes == ()


def test_headers_as_ofsted_writes_them() -> None:
    assert field_of("The experiences and progress of children in care [note 3]") == "in_care"
    assert field_of("Children in care and care leavers") == "in_care"
    assert field_of("The experiences and progress of care leavers") == "care_leavers"
    assert field_of("The impact of leaders on social work practice with children and families") == "leaders"
    assert field_of("Focused visit start date") == "start" and field_of("Visit end date") == "end"
    assert field_of("Publication date") == "published" and field_of("Region") is None


# -- Ofsted's official statistics workbooks: title rows, one table per sheet ----------------------
INSPECTIONS_HEADER = [
    "Local authority", "Region", "LA code", "Inspection start date", "Inspection end date",
    "Publication date", "Inspection type", "Overall effectiveness",
    "The impact of leaders on social work practice with children and families",
    "The experiences and progress of children who need help and protection",
    "The experiences and progress of children in care [note 3]",
    "The experiences and progress of care leavers [note 4]",
]
D = datetime
SHEETS: dict[str, list[list[object]]] = {
    "Cover": [["Local authority children's services inspections and outcomes as at 31 March 2025"],
              ["Official statistics"]],
    "Contents": [["Table", "Title"], ["Table_1", "ILACS inspection outcomes"], ["Table_2", "Focused visits"],
                 ["Table_3", "Monitoring visits"]],
    "Table_1": [
        ["Table 1: Outcomes of the most recent ILACS inspections, as at 31 March 2025"],
        ["This worksheet contains one table. Some cells refer to notes which can be found in the notes worksheet."],
        ["Source: Ofsted"],
        INSPECTIONS_HEADER,
        ["Bournemouth, Christchurch and Poole", "South West", 839, D(2021, 12, 6), D(2021, 12, 17),
         D(2022, 2, 11), "Standard", "Inadequate", "Inadequate", "Inadequate", "Requires improvement to be good", "[z]"],
        ["Bournemouth, Christchurch and Poole", "South West", 839, D(2024, 12, 2), D(2024, 12, 13),
         D(2025, 1, 29), "Standard", "Good", "Good", "Good", "Good", "Requires improvement to be good"],
        ["Dorset", "South West", 838, D(2025, 3, 17), D(2025, 3, 21), D(2025, 5, 9), "Short", "Outstanding",
         "Outstanding", "Outstanding", "Outstanding", "Good"],
    ],
    "Table_2": [
        ["Table 2: Focused visits to local authority children's services, 1 April 2019 to 31 March 2025"],
        ["Source: Ofsted"],
        [],
        ["Local authority", "LA code", "Visit start date", "Visit end date", "Publication date", "Focus of visit"],
        ["Bournemouth, Christchurch and Poole", 839, D(2020, 10, 13), D(2020, 10, 14), D(2020, 11, 20),
         "Children in need and child protection"],
        ["Dorset", 838, D(2022, 5, 10), D(2022, 5, 11), D(2022, 6, 16), "Front door"],
    ],
    "Table_3": [
        ["Table 3: Monitoring visits to local authorities judged inadequate"],
        ["Source: Ofsted"],
        ["Local authority", "LA code", "Monitoring visit start date", "Monitoring visit end date",
         "Publication date", "Theme"],
        ["Bournemouth, Christchurch and Poole", 839, D(2022, 6, 7), D(2022, 6, 8), D(2022, 7, 1), "Front door"],
        ["Bournemouth, Christchurch and Poole", 839, D(2022, 10, 4), D(2022, 10, 5), D(2022, 11, 2),
         "Children in need and child protection"],
    ],
}


def official_xlsx(path: Path) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in SHEETS.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def _ods_cell(v: object) -> str:
    if isinstance(v, datetime):
        return (f'<table:table-cell office:value-type="date" office:date-value="{v.date().isoformat()}">'
                f"<text:p>{v:%d/%m/%Y}</text:p></table:table-cell>")
    if isinstance(v, int):
        return f'<table:table-cell office:value-type="float" office:value="{v}"><text:p>{v}</text:p></table:table-cell>'
    return f'<table:table-cell office:value-type="string"><text:p>{escape(str(v))}</text:p></table:table-cell>'


def official_ods(path: Path) -> Path:
    """The same workbook as OpenDocument, written by hand (one table per sheet)."""
    tables = "".join(
        f'<table:table table:name="{name}">'
        + "".join("<table:table-row>" + ("".join(_ods_cell(v) for v in row) or "<table:table-cell/>")
                  + "</table:table-row>" for row in rows)
        + "</table:table>"
        for name, rows in SHEETS.items()
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:'
        'names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry '
        'manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.'
        'spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" '
        'manifest:media-type="text/xml"/></manifest:manifest>'
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        z.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return path


@pytest.mark.parametrize("make", [official_xlsx, official_ods], ids=["xlsx", "ods"])
@pytest.mark.parametrize("council", ["839", "Bournemouth, Christchurch & Poole"])
def test_official_statistics_workbook_gives_inspections_and_visits(tmp_path: Path, make, council: str) -> None:
    path = make(tmp_path / f"ofsted_outcomes{'.xlsx' if make is official_xlsx else '.ods'}")
    d = load_file(path, council=council)
    assert d.problems == (), [p.describe() for p in d.problems]
    inspections = [e for e in d.events if e.kind is EventKind.STANDARD_INSPECTION]
    check_bcp_inspections(inspections, leads=False)  # these tables do not name the inspector
    assert [e.origin.sheet for e in inspections] == ["Table_1", "Table_1"]
    assert [e.origin.row for e in inspections] == [5, 6]
    visits = sorted((e for e in d.events if e.kind is not EventKind.STANDARD_INSPECTION), key=lambda e: e.start)
    assert [(e.kind, e.start, e.end, e.published) for e in visits] == [
        (EventKind.FOCUSED_VISIT, date(2020, 10, 13), date(2020, 10, 14), date(2020, 11, 20)),
        (EventKind.MONITORING_VISIT, date(2022, 6, 7), date(2022, 6, 8), date(2022, 7, 1)),
        (EventKind.MONITORING_VISIT, date(2022, 10, 4), date(2022, 10, 5), date(2022, 11, 2)),
    ]
    assert visits[0].theme == "Children in need and child protection"
    assert visits[0].title == "Focused visit: Children in need and child protection"
    assert all(not e.grades for e in visits)


def test_official_statistics_workbook_without_a_council_asks(tmp_path: Path) -> None:
    report = LoadReport()
    d = load_file(official_xlsx(tmp_path / "o.xlsx"), report=report)
    assert d.events == () and len(d.notes) == 3  # one per table, each saying to choose
    assert {c.code for c in report.all_councils()} == {"839", "838"}


@pytest.mark.skipif(not OFSTED.exists(), reason="../shared/data/ofsted is not present")
@pytest.mark.parametrize("council", ["839", "2532287", "bournemouth, christchurch and poole"])
def test_real_ilacs_history_gives_bcps_two_graded_inspections(council: str) -> None:
    d = load_file(OFSTED, council=council)
    check_bcp_inspections(d.events)
    assert all(e.grades for e in d.events) and d.problems == ()


def test_details_say_which_file_and_row_an_inspection_came_from(qtbot, history: Path) -> None:
    from bcpviewer.model.keys import item_key
    from bcpviewer.ui.items.details import DetailsView

    d = load_file(history, council="839")
    view = DetailsView()
    qtbot.addWidget(view)
    e = max(d.events, key=lambda e: e.start)
    view.show_item(d, item_key(e))
    text = view.toPlainText()
    assert "ofsted_history.csv, row 3" in text
    assert "Requires improvement to be good" in text and "John Roughton" in text
