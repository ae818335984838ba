"""Build the bundled BCP sample workbooks: ``python scripts/make_sample.py OUT.xlsx [OLDER.xlsx]``.

OUT is the current sample; OLDER (by default ``bcp-improvement-plan-2023.xlsx`` next to OUT) is the
illustrative March 2023 version of the same invented tracker, for comparing plan versions.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bcpviewer.io.template import write_template  # noqa: E402


def d(text: str) -> date:
    """A day written UK style, dd/mm/yyyy."""
    day, month, year = (int(p) for p in text.split("/"))
    return date(year, month, day)


INTRO = (
    "This is the bundled example for Bournemouth, Christchurch and Poole (BCP) Council.",
    "Events and Sources are from the public record (Ofsted reports, DfE statistics, council "
    "papers, local and national press); where a date or detail was not found, the Notes say so.",
    "Metrics are DfE official statistics for BCP (LA code 839), England, the South West and the "
    "median of BCP's 10 statistical neighbours (DfE 2021 model), as published in the 2025 "
    "releases, plus one local count (young people placed in HMOs) with approximate periods.",
    "THE ACTIONS ARE ILLUSTRATIVE: an invented improvement-plan tracker built around the 2022 "
    "Ofsted findings to show how a tracker looks. They are NOT BCP's real improvement plan, and "
    "their dates, owners and statuses are made up. The targets on the agency, vacancy, turnover "
    "and caseload metrics are illustrative too, not BCP's.",
    "bcp-improvement-plan-2023.xlsx, next to this file, is the same invented tracker as its "
    "authors would have had it at 31 March 2023 (equally illustrative), for comparing plan "
    "versions.",
)

# --- Sources ---------------------------------------------------------------------------------
OFSTED = "https://reports.ofsted.gov.uk/"
SOURCES: list[dict[str, Any]] = [
    dict(id="S1", title="Reports of the creation of BCP Council on 1 April 2019 from Bournemouth, "
         "Christchurch and Poole councils", publisher="Local press",
         notes="Outlet and article not recorded."),
    dict(id="S2", title="BCP Council Children's Services Overview and Scrutiny Committee papers",
         publisher="BCP Council",
         notes="Committee papers (agendas, reports, Ofsted letters, adviser reports); the "
         "individual meeting documents are not listed here."),
    dict(id="S3", title="BBC News report on BCP children's services (improvement adviser "
         "appointed 'earlier this year')", publisher="BBC", published="Nov 2020"),
    dict(id="S4", title="Community Care report on the October 2020 focused visit to BCP: two "
         "areas for priority action", publisher="Community Care"),
    dict(id="S5", title="Bournemouth Echo report on the October 2020 focused visit to BCP",
         publisher="Bournemouth Echo"),
    dict(id="S6", title="Community Care report: BCP agrees a 15-point action plan and a 12% "
         "children's services budget uplift", publisher="Community Care",
         published=d("05/02/2021")),
    dict(id="S7", title="BBC News report on the area SEND inspection of BCP (written statement "
         "of action)", publisher="BBC"),
    dict(id="S8", title="Ofsted: inspection of Bournemouth, Christchurch and Poole local "
         "authority children's services (ILACS), 6 to 17 December 2021", publisher="Ofsted",
         url=OFSTED, published=d("11/02/2022"),
         notes="Search the Ofsted reports site for Bournemouth, Christchurch and Poole."),
    dict(id="S9", title="LocalGov report: statutory direction for BCP children's services, "
         "commissioner/adviser John Coughlan and Hampshire as improvement partner",
         publisher="LocalGov"),
    dict(id="S10", title="Bournemouth Echo report on Ofsted monitoring visit 1 (front door)",
         publisher="Bournemouth Echo"),
    dict(id="S11", title="Bournemouth Echo report on Ofsted monitoring visit 2 (children in need "
         "and child protection)", publisher="Bournemouth Echo"),
    dict(id="S12", title="Community Care report: 'significant progress' for children in care at "
         "BCP (monitoring visit 4)", publisher="Community Care", published=d("29/09/2023")),
    dict(id="S13", title="Bournemouth Echo report on Ofsted monitoring visit 5 "
         "(care-experienced young people)", publisher="Bournemouth Echo",
         notes="Publication date not recorded."),
    dict(id="S14", title="BBC News report: 'considerable progress' at BCP's front door "
         "(monitoring visit 6)", publisher="BBC"),
    dict(id="S15", title="Ofsted: inspection of Bournemouth, Christchurch and Poole local "
         "authority children's services (ILACS), 2 to 13 December 2024", publisher="Ofsted",
         url=OFSTED, published=d("29/01/2025"),
         notes="Search the Ofsted reports site for Bournemouth, Christchurch and Poole."),
    dict(id="S16", title="Children's social work workforce, reporting year 2025 (figures at "
         "30 September 2019-2025)", publisher="Department for Education",
         url="https://explore-education-statistics.service.gov.uk/find-statistics/"
         "children-s-social-work-workforce",
         notes="Indicators agency_rate_fte, vacancy_rate_fte, turnover_rate_fte, caseload_fte. "
         "BCP appears as 'Bournemouth, Christchurch and Poole' (old LA code 839)."),
    dict(id="S17", title="Children looked after in England including adoptions, reporting year "
         "2025 (children looked after on 31 March, rate per 10,000 children)",
         publisher="Department for Education",
         url="https://explore-education-statistics.service.gov.uk/find-statistics/"
         "children-looked-after-in-england-including-adoptions",
         notes="The file used holds 2021-2025 only."),
    dict(id="S18", title="DfE statistical neighbour groupings, April 2021 model",
         publisher="Department for Education",
         notes="BCP's 10 neighbours: Southend-on-Sea, East Sussex, Swindon, Suffolk, Kent, Isle of "
         "Wight, West Sussex, Gloucestershire, Devon, Bath and North East Somerset. The "
         "'Statistical neighbours' figures are their median, worked out from S16/S17."),
    dict(id="S19", title="Reports that young people placed in houses of multiple occupation "
         "(HMOs) fell from 14 to 1", publisher="Press and committee reports",
         notes="Outlet and dates not recorded."),
]

# --- Events: the BCP chronology ---------------------------------------------------------------
ILACS_2021_NOTE = (
    "Before January 2023 Ofsted judged 'children in care and care leavers' as one: its grade (RI) "
    "is in Children in care, and Care leavers is blank because it was not judged separately. A "
    "council page gives the inspection year as 2022 (the report was published in 2022)."
)
EVENTS: list[dict[str, Any]] = [
    dict(id="E01", date=d("01/04/2019"), kind="Council formed",
         title="BCP Council formed from Bournemouth, Christchurch and Poole", source="S1"),
    dict(id="E02", date="Nov 2019", kind="Focused visit",
         title="Ofsted focused visit: planning and achieving permanence",
         theme="Planning and achieving permanence", source="S2",
         notes="Month only; exact dates not recorded here."),
    dict(id="E03", date="2020", kind="Adviser appointed", title="DfE improvement adviser appointed",
         source="S3",
         notes="The BBC (Nov 2020) said the adviser was appointed 'earlier this year'; exact date "
         "not found."),
    dict(id="E04", date="Oct 2020", published="Nov 2020", kind="Focused visit",
         title="Focused visit: two areas for priority action; 50 cases referred back",
         source="S4",
         notes="Letter published Nov 2020. Also reported by the Bournemouth Echo (S5)."),
    dict(id="E05", date="Feb 2021", kind="Plan approved",
         title="Council agrees a 15-point action plan and a 12% budget uplift", source="S6",
         notes="Reported by Community Care on 5 Feb 2021; the decision date itself not found."),
    dict(id="E06", date=d("28/06/2021"), end=d("02/07/2021"), kind="Area SEND inspection",
         title="Area SEND inspection: written statement of action required", source="S7"),
    dict(id="E07", date=d("06/12/2021"), end=d("17/12/2021"), published=d("11/02/2022"),
         kind="Standard inspection", title="ILACS inspection: overall Inadequate",
         lead="Steve Lowe HMI", overall="Inadequate", leaders="Inadequate",
         help_protection="Inadequate", in_care="Requires improvement", source="S8",
         notes=ILACS_2021_NOTE),
    dict(id="E08", date="Mar 2022", kind="Statutory direction",
         title="DfE statutory direction issued", source="S9",
         notes="Also in the O&S papers (S2). Exact date not recorded here."),
    dict(id="E09", date="Mar 2022", kind="Adviser appointed",
         title="John Coughlan appointed adviser; Hampshire named improvement partner",
         lead="John Coughlan", theme="Hampshire County Council as improvement partner",
         source="S9", notes="Also in the O&S papers (S2)."),
    dict(id="E10", date=d("07/06/2022"), end=d("08/06/2022"), kind="Monitoring visit",
         title="Monitoring visit 1: front door", theme="Front door", source="S10"),
    dict(id="E11", date=d("04/10/2022"), end=d("05/10/2022"), kind="Monitoring visit",
         title="Monitoring visit 2: children in need and child protection",
         theme="Children in need and child protection", source="S11"),
    dict(id="E12", date="Nov 2022", kind="Scrutiny meeting",
         title="O&S considers monitoring visit 2 letter and the adviser's first 6-monthly report",
         source="S2", notes="Meeting date not recorded here."),
    dict(id="E13", date="2023", kind="Monitoring visit", title="Monitoring visit 3",
         source="S14",
         notes="Date and focus not found. Expected early 2023; inferred from the numbering of "
         "later visits (six in all by Feb 2024)."),
    dict(id="E14", date="Aug 2023", kind="Monitoring visit",
         title="Monitoring visit 4: children in care, 'significant progress'",
         theme="Children in care", source="S12",
         notes="Reported by Community Care on 29 Sep 2023; exact visit days not recorded here."),
    dict(id="E15", date="Jan 2024", kind="Monitoring visit",
         title="Monitoring visit 5: care-experienced young people",
         theme="Care-experienced young people", source="S13",
         notes="Date not found: reported only as winter 2023/24; January 2024 is a placeholder."),
    dict(id="E16", date=d("21/02/2024"), end=d("22/02/2024"), kind="Monitoring visit",
         title="Monitoring visit 6: front door revisited, 'considerable progress'",
         theme="Front door", source="S14",
         notes="Sources disagree on the count: one outlet counts five monitoring visits, others "
         "six."),
    dict(id="E17", date=d("02/12/2024"), end=d("13/12/2024"), published=d("29/01/2025"),
         kind="Standard inspection", title="ILACS re-inspection: overall Good",
         lead="John Roughton HMI", overall="Good", leaders="Good", help_protection="Good",
         in_care="Good", care_leavers="Requires improvement", source="S15",
         notes="Care leavers judged separately (since Jan 2023): requires improvement."),
]

# --- Metrics: REAL DfE figures, typed from the files once (see the comments) -------------------
# Children's social work workforce (S16), file csww_indicators_2017_to_2025.csv, at 30 September.
# BCP: geographic_level "Local authority", old_la_code 839; England: "National"; South West:
# "Regional", region_name "South West"; SN: median of the 10 neighbours of the DfE 2021 model
# (882, 845, 866, 935, 886, 921, 938, 916, 878, 800); none was suppressed in 2019-2025.
# The England agency rates agree with DOMAIN.md (15.8, 15.4, 15.5, 17.6, 17.9, 16.2, 13.0).
#            year: (BCP, England, South West, SN median)
WORKFORCE: dict[str, tuple[str, str, dict[int, tuple[float, float, float, float]]]] = {
    "Agency social worker rate": ("% of FTE", "agency_rate_fte", {
        2019: (8.0, 15.8, 17.0, 12.2),
        2020: (17.2, 15.4, 16.4, 11.25),
        2021: (37.4, 15.5, 17.8, 12.95),
        2022: (36.6, 17.6, 19.5, 19.2),
        2023: (36.7, 17.9, 19.8, 13.55),
        2024: (33.3, 16.2, 18.7, 15.8),
        2025: (28.3, 13.0, 14.9, 11.7),
    }),
    "Social worker vacancy rate": ("% of FTE", "vacancy_rate_fte", {
        2019: (10.1, 16.4, 17.7, 11.1),
        2020: (13.4, 16.1, 17.0, 8.75),
        2021: (27.2, 16.7, 16.4, 11.3),
        2022: (32.8, 20.0, 19.7, 18.4),
        2023: (29.5, 18.9, 19.2, 18.7),
        2024: (28.6, 17.3, 19.3, 13.6),
        2025: (23.7, 14.2, 16.1, 12.6),
    }),
    "Social worker turnover rate": ("% of FTE", "turnover_rate_fte", {
        2019: (10.1, 15.0, 14.1, 11.5),
        2020: (10.7, 13.5, 11.3, 10.25),
        2021: (36.0, 15.4, 15.2, 12.9),
        2022: (22.4, 17.2, 18.0, 16.0),
        2023: (15.5, 15.9, 16.7, 14.25),
        2024: (10.6, 13.9, 14.5, 10.85),
        2025: (12.0, 11.8, 11.4, 11.1),
    }),
    "Average caseload per social worker": ("cases per FTE", "caseload_fte", {
        2019: (16.2, 16.9, 15.6, 16.2),
        2020: (14.3, 16.3, 15.2, 15.0),
        2021: (14.3, 16.3, 15.5, 16.3),
        2022: (16.0, 16.6, 15.9, 16.3),
        2023: (15.9, 16.0, 15.9, 15.75),
        2024: (15.3, 15.4, 15.0, 14.3),
        2025: (14.6, 15.2, 15.3, 16.05),
    }),
}
# Children looked after (S17), file cla_number_and_rate_per_10k_children.csv, population_type
# "Children looked after on 31 March each year", rate_per_10000; the file starts at 2021.
# SN: median of the same 10 neighbours (none suppressed).
CLA_RATE: dict[int, tuple[float, float, float, float]] = {
    2021: (59, 69, 58, 59.5),
    2022: (67, 70, 60, 61.5),
    2023: (70, 70, 63, 64.5),
    2024: (73, 69, 63, 60.5),
    2025: (75, 67, 62, 58.5),
}
SN_NOTE = "Statistical neighbours: median of BCP's 10 neighbours (DfE 2021 model, S18)."
AGENCY, VACANCY, TURNOVER = (
    "Agency social worker rate", "Social worker vacancy rate", "Social worker turnover rate")
CASELOAD, CLA, HMO = (
    "Average caseload per social worker", "Children looked after per 10,000 children",
    "Young people placed in HMOs")
# Illustrative targets: metric, year of the row that carries it, value, target date.
TARGETS: tuple[tuple[str, int, float, str], ...] = (
    (AGENCY, 2021, 20, "31/03/2025"),
    (VACANCY, 2022, 25, "31/03/2025"),
    (VACANCY, 2023, 20, "31/03/2026"),
    (TURNOVER, 2022, 15, "30/09/2025"),
    (CASELOAD, 2024, 15, "31/03/2027"),
)


def metrics() -> list[dict[str, Any]]:
    """Long-form metric rows: one per metric per period."""
    rows: list[dict[str, Any]] = []
    for name, (unit, indicator, years) in WORKFORCE.items():
        for year, (bcp, eng, sw, sn) in years.items():
            rows.append(dict(
                metric=name, period=date(year, 9, 30), value=bcp, unit=unit, england=eng,
                region=sw, neighbours=sn, polarity="lower is better", theme="Workforce",
                source="S16", release="CSWW 2025 release",
                notes=f"DfE {indicator}. {SN_NOTE}",
            ))
    # Illustrative targets (not BCP's), each on the row of the latest figure when it was set. As
    # at 23/11/2026: agency 20% by 31/03/2025 missed (28.3% at 30/09/2025); vacancy in two steps,
    # 25% by 31/03/2025 met (23.7% at 30/09/2025) and 20% by 31/03/2026 due with no figure yet
    # (the 30/09/2026 figures are published in 2027); turnover 15% by 30/09/2025 met (12.0%);
    # caseload 15 by 31/03/2027 not yet due.
    for name, year, value, due in TARGETS:
        row = next(r for r in rows if r["metric"] == name and r["period"].year == year)
        assert "target" not in row, f"one target per row: {name} {year}"
        row["target"], row["target_date"] = value, d(due)
        unit = "" if name == CASELOAD else "%"
        row["notes"] += f" The target of {value}{unit} by {due} is illustrative, not BCP's."
    for year, (bcp, eng, sw, sn) in CLA_RATE.items():
        rows.append(dict(
            metric="Children looked after per 10,000 children", period=date(year, 3, 31),
            value=bcp, unit="per 10,000 children", england=eng, region=sw, neighbours=sn,
            polarity="neutral", theme="Children in care", source="S17",
            release="CLA 2025 release", notes=f"DfE rate_per_10000. {SN_NOTE}",
        ))
    hmo = "Approximate period: exact dates not found; reported only as falling from 14 to 1."
    for period, value in (("2022", 14), ("2024", 1)):
        rows.append(dict(
            metric="Young people placed in HMOs", period=period, value=value, unit="count",
            polarity="lower is better", theme="Care leavers", source="S19",
            release="Local figure", notes=hmo,
        ))
    return rows


# --- Actions: ILLUSTRATIVE tracker (not BCP's real plan) --------------------------------------
W1 = "1. Leadership, management and governance"
W2 = "2. Front door and early help"
W3 = "3. Help and protection: assessment and planning"
W4 = "4. Children in care and permanence"
W5 = "5. Care leavers"
W6 = "6. Workforce: recruitment and retention"
W7 = "7. Quality assurance and performance"
AS_AT = "31/10/2026"  # the latest tracker update

# id, workstream, action, owner, start, due, revised, completed, status, impact, success measure,
# metric, note. Dates dd/mm/yyyy ("" = blank).
ACTIONS: list[tuple[str, ...]] = [
    ("A1.01", W1, "Submit the improvement plan to DfE within 70 working days of the report", "DCS",
     "01/03/2022", "31/05/2022", "", "20/05/2022", "Complete", "Green",
     "Plan accepted by DfE", "", ""),
    ("A1.02", W1, "Set up an independently chaired improvement board meeting monthly",
     "Chief Executive", "01/03/2022", "30/04/2022", "", "28/04/2022", "Complete", "Green",
     "Board meets monthly with partners", "", ""),
    ("A1.03", W1, "Appoint a permanent Director of Children's Services", "Chief Executive",
     "01/03/2022", "30/09/2022", "", "09/01/2023", "Complete", "Green",
     "Permanent DCS in post", "", "Completed late: the first recruitment round did not appoint."),
    ("A1.04", W1, "Report progress to the Children's Services O&S committee every quarter",
     "Lead Member for Children's Services", "01/04/2022", "31/03/2023", "", "31/03/2023",
     "Complete", "Green", "Quarterly reports on the O&S work programme", "", ""),
    ("A1.05", W1, "Agree a budget that funds the plan and social work capacity",
     "Director of Finance", "01/06/2022", "28/02/2023", "", "23/02/2023", "Complete", "Amber",
     "Budget agreed by full council", CASELOAD,
     "The budget funds social work posts so that caseloads fall."),
    ("A1.06", W1, "Refresh the partnership's vision and practice model with health and police",
     "DCS", "01/09/2022", "31/03/2023", "30/09/2023", "31/10/2023", "Complete", "Green",
     "Practice model launched with partners", "", "Completed late, after one re-dating."),
    ("A1.07", W1, "Run leaders' practice weeks twice a year", "DCS", "01/04/2023", "31/03/2024",
     "", "15/03/2024", "Complete", "Green", "Every senior leader joins practice weeks", "", ""),
    ("A1.08", W1, "Corporate Parenting Board adopts and monitors a corporate parenting strategy",
     "Lead Member for Children's Services", "01/10/2022", "31/03/2024", "31/03/2025",
     "30/06/2025", "Complete", "Amber", "Strategy adopted; board reviews it quarterly", "",
     "Completed late, after the revised date."),
    ("A2.01", W2, "Review thresholds and publish a revised threshold document with partners",
     "Head of MASH", "01/03/2022", "31/07/2022", "", "29/07/2022", "Complete", "Green",
     "Threshold document signed off by the safeguarding partnership", CLA, ""),
    ("A2.02", W2, "Give every contact a management decision within 24 hours", "Head of MASH",
     "01/03/2022", "30/09/2022", "", "30/11/2022", "Complete", "Green",
     "95% of contacts decided within 24 hours", "", "Completed two months late."),
    ("A2.03", W2, "Police and health attend every strategy discussion", "Head of MASH",
     "01/06/2022", "31/12/2022", "31/03/2023", "28/03/2023", "Complete", "Green",
     "Partner attendance recorded in every strategy discussion", "", ""),
    ("A2.04", W2, "Open an early help hub in each locality", "Head of Early Help", "01/09/2022",
     "30/09/2023", "30/09/2026", "", "Red", "", "Hubs open in all localities", CLA,
     "Overdue: the last hub's building is not ready. Re-dated three times."),
    ("A2.05", W2, "Audit repeat referrals and act on the findings", "Head of MASH", "01/01/2023",
     "30/06/2023", "", "30/06/2023", "Complete", "Amber", "Audit reported to the board", "", ""),
    ("A2.06", W2, "Online referral form for professionals (digital front door)", "Head of MASH",
     "01/04/2023", "31/03/2025", "", "", "Red", "", "Most professional referrals made online", "",
     "Overdue; no revised date agreed."),
    ("A2.07", W2, "Align the out-of-hours service with the MASH", "Head of MASH", "01/04/2024",
     "31/03/2025", "31/03/2027", "", "Amber", "", "One service from 8am to 8am", "", ""),
    ("A3.01", W3, "Review every child in need and child protection plan for drift",
     "Head of Safeguarding and Assessment", "01/03/2022", "30/09/2022", "", "31/10/2022",
     "Complete", "Green", "All plans reviewed; drift escalated", "", "Completed a month late."),
    ("A3.02", W3, "Relaunch the single assessment with training for all social workers",
     "Principal Social Worker", "01/04/2022", "31/12/2022", "", "15/12/2022", "Complete",
     "Green", "All social workers trained", "", ""),
    ("A3.03", W3, "Complete assessments within 45 working days", "Head of Safeguarding and "
     "Assessment", "01/04/2022", "31/03/2023", "31/03/2024", "31/03/2024", "Complete", "Amber",
     "90% of assessments within 45 working days", "", ""),
    ("A3.04", W3, "Legal gateway meetings and a pre-proceedings tracker",
     "Head of Legal Services (Children)", "01/06/2022", "31/03/2023", "", "20/03/2023",
     "Complete", "Green", "No child in pre-proceedings for more than 16 weeks without review",
     "", ""),
    ("A3.05", W3, "Record direct work with the child at every visit", "Principal Social Worker",
     "01/09/2022", "31/08/2023", "31/03/2024", "30/04/2024", "Complete", "Green",
     "Audits find the child's voice in records", "", "Completed late, after one re-dating."),
    ("A3.06", W3, "Update assessments and plans for disabled children",
     "Head of Children with Disabilities", "01/01/2023", "30/09/2023", "31/03/2026", "", "Red",
     "", "Every disabled child has a current assessment", "", "Overdue since the revised date."),
    ("A3.07", W3, "Multi-agency exploitation panel and tracking of children at risk",
     "Head of Safeguarding and Assessment", "01/10/2022", "31/03/2023", "", "28/02/2023",
     "Complete", "Green", "Panel meets monthly", "", ""),
    ("A4.01", W4, "Permanence plan by the second review for every child in care",
     "Head of Children in Care", "01/03/2022", "31/03/2023", "30/09/2023", "30/09/2023",
     "Complete", "Green", "Permanence plan at the second review", "", ""),
    ("A4.02", W4, "Recruit 30 more in-house foster carers (sufficiency strategy)",
     "Head of Commissioning", "01/04/2022", "31/03/2024", "31/03/2026", "", "Red", "",
     "Net gain of 30 fostering households", "", "Overdue; net gain so far below target."),
    ("A4.03", W4, "Stop placing under-16s in unregistered placements", "Head of Commissioning",
     "01/03/2022", "30/09/2022", "", "31/01/2023", "Complete", "Green",
     "No under-16s in unregistered placements", "", "Completed late."),
    ("A4.04", W4, "Life-story work for every child with a plan for adoption or long-term "
     "fostering", "Service Manager, Permanence", "01/09/2022", "31/08/2023", "31/03/2025",
     "31/03/2025", "Complete", "Amber", "Life-story work in every such child's record", "", ""),
    ("A4.05", W4, "Independent reviewing officers escalate drift through dispute resolution",
     "Head of Safeguarding and Reviewing", "01/06/2022", "31/12/2022", "", "30/11/2022",
     "Complete", "Green", "Escalations logged and resolved", "", ""),
    ("A4.06", W4, "Health assessments for children in care on time",
     "Designated Nurse for Children in Care", "01/04/2023", "31/03/2024", "31/03/2027", "",
     "Amber", "", "95% of health assessments on time", "", ""),
    ("A4.07", W4, "Edge-of-care service to help children stay safely at home",
     "Head of Early Help", "01/04/2024", "31/03/2025", "31/12/2026", "", "Green", "",
     "Fewer children entering care in an emergency", CLA, ""),
    ("A5.01", W5, "Every care leaver has an up-to-date pathway plan",
     "Head of Care Leavers Service", "01/03/2022", "31/12/2022", "30/06/2023", "31/07/2023",
     "Complete", "Amber", "All pathway plans reviewed in the last 6 months", "",
     "Completed late, after the revised date."),
    ("A5.02", W5, "End the use of HMOs for young people: suitable accommodation for all",
     "Head of Care Leavers Service", "01/04/2022", "31/03/2023", "31/03/2026", "", "Red", "",
     "No young person placed in an HMO", HMO, "Overdue: one young person still placed in an HMO."),
    ("A5.03", W5, "Refresh and publish the local offer for care leavers",
     "Head of Care Leavers Service", "01/04/2022", "30/09/2022", "", "30/09/2022", "Complete",
     "Green", "Local offer published and shared with every care leaver", "", ""),
    ("A5.04", W5, "Council tax exemption and ring-fenced apprenticeships for care leavers",
     "Head of Care Leavers Service", "01/09/2022", "31/03/2023", "", "01/04/2023", "Complete",
     "Green", "Exemption in force; apprenticeships offered", "", "Completed a day late."),
    ("A5.05", W5, "Reduce personal advisers' caseloads to 20", "Head of Care Leavers Service",
     "01/04/2023", "31/03/2024", "31/03/2027", "", "Amber", "",
     "No personal adviser holds more than 20 young people", "", ""),
    ("A5.06", W5, "Staying close offer for young people aged 18 to 21",
     "Head of Care Leavers Service", "01/10/2023", "30/09/2024", "30/06/2026", "", "Red", "",
     "Offer available to every eligible young person", HMO,
     "Overdue; care leavers were judged RI in the Dec 2024 re-inspection."),
    ("A5.07", W5, "Care leavers' forum co-produces the service", "Participation Lead",
     "01/01/2024", "31/12/2024", "", "12/12/2024", "Complete", "Green",
     "Forum meets monthly and reviews the local offer", "", ""),
    ("A6.01", W6, "Reduce agency social workers to 20% of FTE", "Head of Workforce Development",
     "01/04/2022", "31/03/2025", "31/03/2027", "", "Amber", "",
     "Agency rate at or below 20% of FTE", AGENCY,
     "Agency rate 28.3% at 30/09/2025: falling but above the illustrative 20% target."),
    ("A6.02", W6, "Recruitment and retention strategy with a market supplement",
     "HR Business Partner", "01/03/2022", "30/09/2022", "", "31/10/2022", "Complete", "Red",
     "Vacancy rate falls", VACANCY,
     "Complete, but the vacancy rate stayed near 30% for two years (progress vs impact)."),
    ("A6.03", W6, "International recruitment of experienced social workers",
     "Head of Workforce Development", "01/06/2022", "31/03/2023", "", "31/03/2023", "Complete",
     "Amber", "Experienced social workers in post", VACANCY,
     "Press reports mention social workers recruited from Rwanda (6, then 6 more); dates not "
     "found."),
    ("A6.04", W6, "Social work academy for newly qualified social workers",
     "Principal Social Worker", "01/09/2022", "31/08/2023", "", "31/08/2023", "Complete",
     "Green", "Newly qualified social workers stay beyond two years", TURNOVER, ""),
    ("A6.05", W6, "Keep average caseloads at or below 18 per social worker",
     "Head of Safeguarding and Assessment", "01/04/2022", "31/03/2023", "", "31/03/2023",
     "Complete", "Green", "Average caseload at or below 18", CASELOAD, ""),
    ("A6.06", W6, "Analyse exit interviews quarterly and report them to the board",
     "HR Business Partner", "01/04/2023", "30/09/2023", "", "31/12/2023", "Complete", "Green",
     "Quarterly exit-interview report", TURNOVER, "Completed a quarter late."),
    ("A6.07", W6, "Convert 30 agency workers to permanent posts",
     "Head of Workforce Development", "01/04/2024", "31/03/2025", "31/03/2026", "", "Red", "",
     "30 conversions", AGENCY, "Overdue since the revised date."),
    ("A7.01", W7, "Quality assurance framework with monthly practice audits",
     "Head of Quality Assurance", "01/03/2022", "30/06/2022", "", "30/06/2022", "Complete",
     "Green", "Monthly audits reported to the board", "", ""),
    ("A7.02", W7, "Monthly performance scorecard to the improvement board",
     "Head of Performance and Business Intelligence", "01/03/2022", "31/05/2022", "",
     "31/05/2022", "Complete", "Green", "Scorecard at every board meeting", "", ""),
    ("A7.03", W7, "Moderated audits include children's and families' feedback",
     "Head of Quality Assurance", "01/09/2022", "31/03/2023", "30/09/2023", "30/11/2023",
     "Complete", "Amber", "Feedback in most audits", "", "Completed late."),
    ("A7.04", W7, "Replace the children's case management system",
     "Head of Performance and Business Intelligence", "01/04/2023", "31/03/2025", "30/09/2026",
     "", "Red", "", "New system live", "", "Overdue: go-live postponed twice."),
    ("A7.05", W7, "Publish practice standards and audit against them", "Principal Social Worker",
     "01/04/2022", "30/09/2022", "", "15/09/2022", "Complete", "Green",
     "Standards published; audits measure them", "", ""),
    ("A7.06", W7, "Share an annual self-evaluation at the Ofsted annual engagement meeting",
     "DCS", "01/01/2025", "31/03/2025", "", "31/03/2025", "Complete", "Green",
     "Self-evaluation shared", "", ""),
    ("A7.07", W7, "Report the scorecard to O&S with England and neighbour comparators",
     "Head of Performance and Business Intelligence", "01/04/2024", "31/03/2025", "31/01/2027",
     "", "Green", "", "Comparators in every O&S performance report", "", ""),
]

# Earlier tracker updates (the history of four actions): id -> (as at, status, revised due, note).
HISTORY: dict[str, list[tuple[str, str, str, str]]] = {
    "A2.04": [("30/09/2023", "Amber", "31/03/2024", "Re-dated: premises delayed."),
              ("31/03/2024", "Amber", "31/03/2025", "Re-dated again."),
              ("31/03/2025", "Amber", "30/09/2026", "Re-dated a third time.")],
    "A5.02": [("31/03/2023", "Red", "", "14 young people in HMOs."),
              ("30/09/2023", "Amber", "31/03/2025", "Re-dated."),
              ("31/03/2025", "Amber", "31/03/2026", "1 young person in an HMO.")],
    "A6.01": [("31/03/2023", "Amber", "", "Agency rate 34.9% at 30/09/2022 as reported to the "
               "improvement board (a local figure; DfE later published 36.6%)."),
              ("31/03/2024", "Red", "", "Agency rate 36.7% at 30/09/2023."),
              ("31/03/2025", "Red", "31/03/2026", "Agency rate 33.3% at 30/09/2024.")],
    "A7.04": [("31/03/2024", "Green", "", "Procurement complete."),
              ("31/03/2025", "Amber", "31/03/2026", "Go-live postponed.")],
}
ILLUSTRATIVE = "Illustrative example, not BCP's real plan."


def _day(text: str) -> date | None:
    return d(text) if text else None


def actions() -> list[dict[str, Any]]:
    """Action rows: each action's earlier updates (if any), then its latest update."""
    rows: list[dict[str, Any]] = []
    for (aid, ws, title, owner, start, due, revised, completed, status, impact, measure, metric,
         note) in ACTIONS:
        base = dict(id=aid, workstream=ws, title=title, owner=owner, start=_day(start),
                    due=_day(due), success_measure=measure, metric=metric or None)
        for as_at, old_status, old_revised, old_note in HISTORY.get(aid, []):
            rows.append(dict(base, revised_due=_day(old_revised), status=old_status,
                             status_date=d(as_at), notes=f"{ILLUSTRATIVE} {old_note}"))
        rows.append(dict(base, revised_due=_day(revised), completed=_day(completed),
                         status=status, status_date=d(AS_AT), impact=impact or None,
                         notes=f"{ILLUSTRATIVE} {note}".strip()))
    return rows


# --- The older version: the same ILLUSTRATIVE tracker as at 31 March 2023 ---------------------
OLDER_NAME = "bcp-improvement-plan-2023.xlsx"
OLD_AS_AT = "31/03/2023"
BOARD = "B1"  # the (illustrative) source of the older workbook's key dates and figures
OLD_INTRO = (
    "This is the ILLUSTRATIVE March 2023 version of the invented improvement-plan tracker in "
    "bcp-childrens-services.xlsx (Bournemouth, Christchurch and Poole), as its authors would have "
    "had it at its update of 31 March 2023. Open it with the current sample, or compare the two "
    "as versions of one plan, to see what was added, dropped, re-dated, re-owned and re-rated.",
    "THE ACTIONS ARE ILLUSTRATIVE: they are NOT BCP's real improvement plan, and their dates, "
    "owners and statuses are made up. Only actions that existed by 31 March 2023 are here, with "
    "the due dates and revisions known then; four actions here were dropped from the later "
    "version (their Notes say so).",
    "In this version the workforce actions are a cross-cutting 'enabler' numbered WF.01 to "
    "WF.06; the later version made workforce workstream 6 and renumbered them A6.01 to A6.05, "
    "rewording some titles, so only their titles can match them.",
    "The Key dates and Scorecard sheets are this file's events and metrics, as the plan's authors "
    "might have written them, citing an illustrative improvement board report (B1). Two differ "
    "on purpose from the current sample, to show disagreeing sources: monitoring visit 2 is "
    "dated 8 Nov 2022, an illustrative date for its letter (the fieldwork was 4-5 Oct 2022), "
    "and the agency rate at 30 Sep 2022 is an illustrative local figure of 34.9% (DfE "
    "published 36.6%). BCP Viewer reads Key dates as an events sheet and Scorecard as a "
    "metrics sheet.",
)
OLD_SHEETS = {"Events": "Key dates", "Metrics": "Scorecard"}  # as the plan's authors named them
OLD_ILLUSTRATIVE = "Illustrative example (March 2023 version), not BCP's real plan."
OLD_W6 = "Enabler: workforce recruitment and retention"
PLANNED = frozenset({"A2.06", "A7.04"})  # in the plan by March 2023, starting in April 2023
OLD_IDS = {f"A6.0{n}": f"WF.0{n}" for n in range(1, 6)}
OLD_TITLES = {
    "A2.04": "Open an early help hub in each of the three towns",
    "A4.03": "End unregistered placements for children under 16",
    "A6.01": "Reduce the use of agency social workers to 20% of FTE",
    "A6.02": "Recruitment and retention strategy, including a market supplement",
    "A6.04": "Set up a social work academy for newly qualified social workers",
    "A6.05": "Keep average caseloads at or below 18",
}
OLD_OWNERS = {
    "A1.01": "Interim DCS", "A1.06": "Interim DCS", "A3.03": "Principal Social Worker",
    "A5.01": "Service Manager, Leaving Care", "A5.02": "Service Manager, Leaving Care",
    "A6.01": "Head of HR", "A6.03": "Head of HR",
}
# Status at 31/03/2023 of actions not complete then (else Green; HISTORY where the script has it).
OLD_STATUS = {"A1.06": "Amber", "A3.03": "Amber", "A4.01": "Amber", "A4.02": "Amber",
              "A5.01": "Amber", "A7.03": "Amber"}
OLD_IMPACT = {"A6.02": "Amber"}
OLD_NOTES = {
    "A1.03": "Completed late: the first recruitment round did not appoint. The new DCS starts in "
    "May 2023; until then the interim DCS owns the DCS's actions.",
    "A1.06": "At risk: partners asked for more time; a revised date of 30/09/2023 is proposed.",
    "A2.04": "On track: the first hub opens in the summer.",
    "A2.06": "Starts in April 2023.",
    "A3.03": "At risk: most assessments, but not yet 90%, are completed within 45 working days.",
    "A4.01": "At risk: most children, not yet all, have a permanence plan by the second review.",
    "A4.02": "Behind: the net gain of fostering households so far is well below 30.",
    "A5.01": "Re-dated to 30/06/2023: reviewing the oldest plans is taking longer than planned.",
    "A5.04": "On track: the exemption takes effect on 1 April 2023.",
    "A6.02": "Complete; the vacancy rate was 32.8% at 30/09/2022, so its impact is not yet seen.",
    "A7.03": "At risk: feedback appears in fewer than half of audits.",
    "A7.04": "Starts in April 2023 with procurement.",
}
DROPPED_NOTE = "Not in the later version: dropped when the plan was refreshed."
# Actions the later version dropped (same columns as ACTIONS).
DROPPED: list[tuple[str, ...]] = [
    ("A1.09", W1, "Commission an external review of governance and the improvement board",
     "Chief Executive", "01/01/2023", "30/06/2023", "", "", "Green", "",
     "Review reported to the improvement board", "", "Scope agreed with the board."),
    ("A2.08", W2, "Co-locate police and health staff in the MASH", "Head of MASH", "01/06/2022",
     "31/12/2022", "30/06/2023", "", "Amber", "", "Partners work from the MASH every day", "",
     "Re-dated: no room for the police team until the office move."),
    ("A4.08", W4, "Open a council-run children's home for young people with complex needs",
     "Head of Commissioning", "01/10/2022", "31/03/2024", "", "", "Amber", "",
     "Home registered with Ofsted", "", "No site found yet."),
    ("WF.06", OLD_W6, "Recruit a bank of council-employed locum social workers", "Head of HR",
     "01/01/2023", "30/09/2023", "", "", "Amber", "",
     "The bank covers most vacancies instead of agency staff", AGENCY,
     "Fewer applicants than hoped."),
]


def old_actions() -> list[dict[str, Any]]:
    """The tracker's rows as at 31/03/2023: one per action that existed then, as it stood then."""
    cutoff = d(OLD_AS_AT)
    rows: list[dict[str, Any]] = []
    for (aid, ws, title, owner, start, due, revised, completed, status, impact, measure, metric,
         note) in ACTIONS:
        begins, baseline, done = d(start), d(due), _day(completed)
        if begins > cutoff and aid not in PLANNED:
            continue  # added when the plan was refreshed
        # a revision is known in March 2023 only if the baseline date had already passed
        old_revised = _day(revised) if baseline < cutoff else None
        then = next((h for h in HISTORY.get(aid, []) if h[0] == OLD_AS_AT), None)
        old_impact = None
        if done is not None and done <= cutoff:
            old_status, old_impact = "Complete", OLD_IMPACT.get(aid, impact) or None
            old_note = OLD_NOTES.get(aid, note)
        elif then is not None:
            done, (_as_at, old_status, history_revised, old_note) = None, then
            old_revised = _day(history_revised)
        else:
            done = None
            old_status = "Not started" if begins > cutoff else OLD_STATUS.get(aid, "Green")
            old_note = OLD_NOTES.get(aid, "")
        rows.append(dict(
            id=OLD_IDS.get(aid, aid), workstream=OLD_W6 if ws == W6 else ws,
            title=OLD_TITLES.get(aid, title), owner=OLD_OWNERS.get(aid, owner), start=begins,
            due=baseline, revised_due=old_revised, completed=done, status=old_status,
            status_date=cutoff, impact=old_impact, success_measure=measure, metric=metric or None,
            notes=f"{OLD_ILLUSTRATIVE} {old_note}".strip(),
        ))
    for (aid, ws, title, owner, start, due, revised, _completed, status, _impact, measure, metric,
         note) in DROPPED:
        row = dict(id=aid, workstream=ws, title=title, owner=owner, start=d(start), due=d(due),
                   revised_due=_day(revised), status=status, status_date=cutoff,
                   success_measure=measure, metric=metric or None,
                   notes=f"{OLD_ILLUSTRATIVE} {note} {DROPPED_NOTE}")
        last = max(k for k, r in enumerate(rows) if r["workstream"] == ws)
        rows.insert(last + 1, row)
    return rows


KEY_DATES_NOTE = "Illustrative: a key date as the plan's authors wrote it (B1 is invented)."
OLD_EVENTS: list[dict[str, Any]] = [
    dict(id="KD1", date=d("06/12/2021"), end=d("17/12/2021"), published=d("11/02/2022"),
         kind="Standard inspection", title="Ofsted inspection of children's services: Inadequate",
         overall="Inadequate", leaders="Inadequate", help_protection="Inadequate",
         in_care="Requires improvement", source=BOARD, notes=KEY_DATES_NOTE),
    dict(id="KD2", date="Mar 2022", kind="Statutory direction",
         title="Statutory direction from the Secretary of State", source=BOARD,
         notes=KEY_DATES_NOTE),
    dict(id="KD3", date="Mar 2022", kind="Adviser appointed",
         title="DfE adviser and improvement partner appointed", source=BOARD,
         notes=KEY_DATES_NOTE),
    dict(id="KD4", date=d("20/05/2022"), kind="Plan submitted",
         title="Improvement plan submitted to the DfE", source=BOARD,
         notes=f"{KEY_DATES_NOTE} The date matches action A1.01 of the illustrative tracker."),
    dict(id="KD5", date=d("07/06/2022"), end=d("08/06/2022"), kind="Monitoring visit",
         title="Monitoring visit 1: front door", theme="Front door", source=BOARD,
         notes=KEY_DATES_NOTE),
    dict(id="KD6", date=d("08/11/2022"), kind="Monitoring visit",
         title="Monitoring visit 2: children in need and child protection",
         theme="Children in need and child protection", source=BOARD,
         notes=f"{KEY_DATES_NOTE} DISAGREES ON PURPOSE: dated by when its letter was published "
         "(8 Nov 2022, an illustrative date), where the chronology in the current sample gives "
         "the fieldwork, 4-5 Oct 2022."),
]
SCORECARD_NOTE = "Illustrative: a figure as reported to the improvement board (B1 is invented)."
OLD_METRICS: list[dict[str, Any]] = [
    dict(metric=AGENCY, period=d("30/09/2021"), value=37.4, unit="% of FTE",
         polarity="lower is better", theme="Workforce", source=BOARD,
         release="Local figure", target=20, target_date=d("31/03/2025"),
         notes=f"{SCORECARD_NOTE} The same as DfE's figure. The target of 20% by 31/03/2025 is "
         "illustrative, not BCP's."),
    dict(metric=AGENCY, period=d("30/09/2022"), value=34.9, unit="% of FTE",
         polarity="lower is better", theme="Workforce", source=BOARD,
         release="Local figure",
         notes=f"{SCORECARD_NOTE} DISAGREES ON PURPOSE: an illustrative local figure of 34.9%, "
         "where DfE published 36.6% for the same date (the current sample)."),
    dict(metric=VACANCY, period=d("30/09/2022"), value=32.8, unit="% of FTE",
         polarity="lower is better", theme="Workforce", source=BOARD,
         release="Local figure",
         notes=f"{SCORECARD_NOTE} The same as DfE's figure."),
]
OLD_SOURCES: list[dict[str, Any]] = [
    dict(id=BOARD, title="Improvement board report, March 2023 (illustrative)",
         publisher="BCP Council improvement board (illustrative)", published="Mar 2023",
         notes="INVENTED for this example: no such report is cited from the public record. It "
         "stands for the board papers a plan's authors would have quoted."),
]


def write_older(path: str | Path) -> None:
    """Write the illustrative March 2023 version of the tracker, with its key dates and figures."""
    from openpyxl import load_workbook

    rows = {"actions": old_actions(), "events": OLD_EVENTS, "metrics": OLD_METRICS,
            "sources": OLD_SOURCES}
    write_template(path, rows, intro=OLD_INTRO)
    wb = load_workbook(path)
    for old, new in OLD_SHEETS.items():
        wb[old].title = new
    for row in wb["Instructions"].iter_rows():
        for cell in row:
            for old, new in OLD_SHEETS.items():
                if cell.value == f"Sheet: {old}":
                    cell.value = f"Sheet: {new}"
    wb.save(path)


def main(argv: list[str]) -> int:
    """Write the sample, and its older version, to the paths given on the command line."""
    if len(argv) not in (2, 3):
        print("usage: python scripts/make_sample.py OUT.xlsx [OLDER.xlsx]", file=sys.stderr)
        return 2
    out = Path(argv[1])
    older = Path(argv[2]) if len(argv) == 3 else out.with_name(OLDER_NAME)
    rows = {"actions": actions(), "events": EVENTS, "metrics": metrics(), "sources": SOURCES}
    write_template(out, rows, intro=INTRO, region_label="South West")
    write_older(older)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
