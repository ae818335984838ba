"""Build the bundled BCP sample workbook: ``python scripts/make_sample.py OUT.xlsx``."""

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
    "their dates, owners and statuses are made up. The agency-rate target is illustrative too.",
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
    rows[6]["target"], rows[6]["target_date"] = 20, d("31/03/2025")
    rows[6]["notes"] += " The target of 20% by 31/03/2025 is illustrative, not BCP's."
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
AGENCY, VACANCY, TURNOVER = (
    "Agency social worker rate", "Social worker vacancy rate", "Social worker turnover rate")
CASELOAD, CLA, HMO = (
    "Average caseload per social worker", "Children looked after per 10,000 children",
    "Young people placed in HMOs")

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
     "Budget agreed by full council", "", ""),
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
     "Threshold document signed off by the safeguarding partnership", "", ""),
    ("A2.02", W2, "Give every contact a management decision within 24 hours", "Head of MASH",
     "01/03/2022", "30/09/2022", "", "30/11/2022", "Complete", "Green",
     "95% of contacts decided within 24 hours", "", "Completed two months late."),
    ("A2.03", W2, "Police and health attend every strategy discussion", "Head of MASH",
     "01/06/2022", "31/12/2022", "31/03/2023", "28/03/2023", "Complete", "Green",
     "Partner attendance recorded in every strategy discussion", "", ""),
    ("A2.04", W2, "Open an early help hub in each locality", "Head of Early Help", "01/09/2022",
     "30/09/2023", "30/09/2026", "", "Red", "", "Hubs open in all localities", "",
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
     "Offer available to every eligible young person", "",
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
    "A6.01": [("31/03/2023", "Amber", "", "Agency rate 36.6% at 30/09/2022."),
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


def main(argv: list[str]) -> int:
    """Write the sample to the path given on the command line."""
    if len(argv) != 2:
        print("usage: python scripts/make_sample.py OUT.xlsx", file=sys.stderr)
        return 2
    rows = {"actions": actions(), "events": EVENTS, "metrics": metrics(), "sources": SOURCES}
    write_template(argv[1], rows, intro=INTRO, region_label="South West")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
