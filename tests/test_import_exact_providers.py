"""Provider inspections kept apart and one event per real-world event (issue 15): Ofsted's files
of provider inspections are never the council's ILACS; one inspection listed on several sheets or
in several files counts once, keeping every place it was read from (no Qt)."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import openpyxl

from bcpviewer.io.loader import load_file, load_files
from bcpviewer.io.summary import event_item
from bcpviewer.model.disagreements import event_disagreements
from bcpviewer.model.records import merge_datasets
from bcpviewer.model.vocab import EventKind, Grade

ILACS = ["urn", "local_authority", "inspection_link", "publication_date", "inspection_framework",
         "inspector_name", "inspection_start_date", "inspection_end_date", "overall_effectiveness"]


def test_a_file_of_provider_inspections_gives_no_council_events(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Providers"
    ws.append(["Ofsted: inspections of children's social care providers"])
    ws.append(["URN", "Provider type", "Setting name", "Local authority", "Inspection date",
               "Inspection type", "Overall effectiveness"])
    for k in range(17):
        ws.append([f"SC{k:06d}", "Children's home", f"Home {k}", "Bournemouth, Christchurch and Poole",
                   "01/06/2023", "Full inspection", "Good"])
    wb.save(tmp_path / "providers.xlsx")
    data = load_file(tmp_path / "providers.xlsx", council="839")
    assert data.events == ()
    (note,) = data.notes
    assert "inspections of providers" in note and "Provider type" in note and "not the council's" in note


def test_a_council_level_file_naming_its_provider_type_is_still_read(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["URN", "Provider type", "Local authority", "Inspection start date", "Inspection type",
               "Overall effectiveness"])
    ws.append(["2532287", "Local authority children's services", "Bournemouth, Christchurch and Poole",
               "06/12/2021", "ILACS standard inspection", "Inadequate"])
    wb.save(tmp_path / "la.xlsx")
    data = load_file(tmp_path / "la.xlsx", council="839")
    assert [e.overall for e in data.events] == [Grade.INADEQUATE]


def _history(path: Path, published: str = "11/02/22") -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(ILACS)
        w.writerow(["2532287", "bournemouth, christchurch and poole", "https://r.example/50175537",
                    published, "standard", "Jo Smith", "06/12/2021", "17/12/2021", "inadequate"])
    return path


def _outcomes(path: Path) -> Path:
    """Ofsted's outcomes workbook: the same inspection on three sheets."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title in ("All inspections", "Latest inspections", "Inadequate"):
        ws = wb.create_sheet(title)
        ws.append([f"{title} of local authority children's services"])
        ws.append(["Local authority", "URN", "Inspection start date", "Inspection end date",
                   "Publication date", "Inspection type", "Overall effectiveness"])
        ws.append(["Bournemouth, Christchurch and Poole", "2532287", "06/12/2021", "17/12/2021",
                   "11/02/2022", "ILACS standard inspection", "Inadequate"])
    wb.save(path)
    return path


def test_one_inspection_on_three_sheets_and_in_two_files_counts_once(tmp_path: Path) -> None:
    data, errors = load_files([_outcomes(tmp_path / "outcomes.xlsx"), _history(tmp_path / "h.csv")],
                              council="839")
    assert errors == []
    inspections = [e for e in data.events if e.kind is EventKind.STANDARD_INSPECTION]
    assert len(inspections) == 1
    (e,) = inspections
    assert (e.start, e.end, e.published, e.overall) == (date(2021, 12, 6), date(2021, 12, 17),
                                                        date(2022, 2, 11), Grade.INADEQUATE)
    read_from = event_item(e)["read_from"]
    assert len(read_from) == 4
    assert any("Latest inspections" in w for w in read_from) and any("h.csv" in w for w in read_from)


def test_copies_that_disagree_are_all_kept_to_be_compared(tmp_path: Path) -> None:
    one = load_file(_outcomes(tmp_path / "outcomes.xlsx"), council="839")
    other = load_file(_history(tmp_path / "h.csv", published="18/02/22"), council="839")
    data = merge_datasets([one, other])
    assert len([e for e in data.events if e.kind is EventKind.STANDARD_INSPECTION]) == 2
    assert any(d.field == "publication date" for d in event_disagreements(data.events))
