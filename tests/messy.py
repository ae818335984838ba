"""Workbooks that look like researchers' real ones, built in code (title rows, synonyms, merged
headings, UK dates as text, RAG words, history rows, wide scorecards)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook


def messy_tracker(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Improvement Plan"
    ws["A1"] = "BCP Children's Services Improvement Plan - tracker"
    ws["A2"] = "Updated monthly for the Improvement Board"
    ws.append([])
    ws.append(["Ref.", "Ofsted recommendation", "Action", "Lead officer", "Start date",
               "Target Date", "Revised due date", "Date completed", "RAG Status", "As at",
               "Linked metric", "Comments"])
    ws.append(["Leadership and governance"])  # a section heading row (row 5)
    ws.append(["1.1", None, "Appoint permanent DCS", "Chief Executive", "01/04/2022",
               "30/06/2022", None, "15/07/2022", "Complete", "31/07/2022", None, "Late by 2 weeks"])
    ws.append(["1.2", None, "Refresh scrutiny work programme", "Head of Democratic Services",
               "Apr 2022", "Sep 2022", "Dec 2022", None, "Amber - some slippage", "31/10/2022",
               None, "=cmd|' /C calc'!A0"])
    ws.append(["1.2", None, "Refresh scrutiny work programme", "Head of Democratic Services",
               "Apr 2022", "Sep 2022", "Mar 2023", None, "Red", "31/01/2023", None, None])
    ws.append(["2.1", "Front door", "Single front door with partners", "Head of MASH",
               datetime(2022, 5, 1), datetime(2022, 12, 31), None, None, "G", "31/10/2022",
               "Re-referrals within 12 months", None])
    ws.append(["2.2", None, "Audit threshold decisions", "Principal Social Worker", "01/06/2022",
               "31/02/2023", None, None, "purple", None, None, None])
    ws.append([None, None, None, None, None, None, None, None, None, None, None, None])
    ws.append(["2.3", None, None, "Head of MASH", None, "31/03/2023", None, None, "Green"])
    ws.append(["2.4", None, "Recruit 20 permanent social workers", "HR Director", "TBC",
               "Q4 2023/24", None, None, "Not started"])
    ws["L7"].data_type = "s"  # text that looks like a formula, stored as text
    ws.merge_cells("B9:B12")  # "Front door" label merged over its rows
    wb.save(path)
    return path


def messy_chronology(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Chronology"
    ws["A1"] = "Key dates"
    ws.append([])
    ws.append(["Date of visit", "Until", "Event type", "Summary", "Focus", "HMI",
               "Overall effectiveness", "Impact of leaders", "Help and protection",
               "Children in care and care leavers", "Care leavers", "Report published",
               "Link"])
    ws.append(["6-17 Dec 2021", None, "ILACS", "Standard inspection", None, "Steve Lowe",
               "Inadequate", "Inadequate", "Inadequate", "RI", None, "11/02/2022",
               "https://reports.ofsted.gov.uk/"])
    ws.append(["7/6/22", "8/6/22", "MV", "Monitoring visit 1", "Front door"])
    ws.append(["Nov 2019", None, "FV", "Focused visit", "Permanence"])
    ws.append(["2020", None, "Adviser appointed", "DfE improvement adviser appointed"])
    ws.append(["28 Jun-2 Jul 2021", None, "Area SEND inspection", "Area SEND inspection"])
    ws.append(["Mar 2022", None, "Ministerial letter", "Statutory direction issued"])
    ws.append(["2-13 Dec 2024", None, "Re-inspection", "ILACS re-inspection", None,
               "John Roughton", "Good", "Good", "Good", "Good", "Requires improvement",
               date(2025, 1, 29)])
    ws.append(["32/13/2023", None, "MV", "A visit with a bad date"])
    ws.append(["21/02/2024", None, "MV", "Monitoring visit 6", None, None, "Excellent"])
    wb.save(path)
    return path


def messy_scorecard(path: Path) -> Path:
    """A wide scorecard (metrics down, periods across) and a long metrics sheet."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Scorecard"
    ws.append(["Children's services scorecard"])
    ws.append(["KPI", "Polarity", "Unit", "2021/22", "2022/23", "Q1 2023/24", "Mar-24"])
    ws.append(["Re-referrals within 12 months", "Lower is better", "%", "24.1%", "22.0%", "c",
               "19.5%"])
    ws.append(["Assessments within 45 days", "higher", "%", 0.81, 0.85, 0.9, None])
    ws.append(["Children in need per 10,000", None, None, "1,234", "x", "n/a", "oops"])
    long = wb.create_sheet("Data")
    long.append(["Indicator", "Time period", "BCP", "England", "South West", "SN average",
                 "Target", "Polarity", "Release"])
    for year, bcp, eng, sw, sn in [(2020, 17.2, 15.4, 14.0, 16.0), (2021, 37.4, 15.5, 15.0, 17.0),
                                   (2022, 36.6, 17.6, 16.1, 18.2)]:
        long.append(["Agency rate", f"30/09/{year}", bcp, eng, sw, sn, 20, "lower", "CSWW 2025"])
    long.append(["Agency rate", "30/09/2022", 36.9, None, None, None, None, None, "CSWW 2023"])
    wb.save(path)
    return path
