"""Hand-made files for the journeys tests: an Ofsted outcomes CSV and a DfE-shaped CSV for three
councils, and where the real files are when ../shared is present."""

from __future__ import annotations

from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
REAL_OFSTED = SHARED / "ofsted" / "ofsted_csc_ilacs_history.csv"
REAL_CSWW = SHARED / "dfe" / "csww_indicators_2017_to_2025.csv"
REAL_CLA = SHARED / "dfe" / "cla_number_and_rate_per_10k_children.csv"
HAVE_REAL = REAL_OFSTED.exists() and REAL_CSWW.exists()
NO_REAL = "../shared/data (the real Ofsted outcomes and DfE workforce files) is not present"

BCP = "Bournemouth, Christchurch and Poole (839)"
SOLIHULL = "Solihull (334)"
SLOUGH = "Slough (871)"

# BCP: inadequate (published 11 Feb 2022), Good on re-inspection (published 29 Jan 2025).
# Solihull: inadequate (published 13 Jan 2023), never re-inspected in this table.
# Slough: inadequate (published 1 Mar 2019), RI (published 1 Sep 2023); one row with a bad date.
OUTCOMES = """urn,local_authority,inspection_link,publication_date,inspection_framework,inspection_start_date,inspection_end_date,overall_effectiveness_grade,impact_of_leaders_grade
2532287,"bournemouth, christchurch & poole",https://example.org/a,29/01/25,standard,02/12/2024,13/12/2024,good,good
2532287,"bournemouth, christchurch & poole",https://example.org/b,11/02/22,standard,06/12/2021,17/12/2021,inadequate,inadequate
1,solihull,https://example.org/c,13/01/23,standard,31/10/2022,11/11/2022,inadequate,inadequate
1,solihull,https://example.org/d,09/01/20,standard,11/11/2019,22/11/2019,requires improvement,good
2,slough,https://example.org/e,01/03/19,standard,07/01/2019,18/01/2019,inadequate,inadequate
2,slough,https://example.org/f,01/09/23,standard,03/07/2023,14/07/2023,requires improvement,good
2,slough,https://example.org/g,01/09/24,short,31/02/2024,04/07/2024,good,good
"""

_HEAD = ("time_period,time_identifier,geographic_level,country_code,country_name,region_code,"
         "region_name,old_la_code,new_la_code,la_name,agency_rate_fte,vacancy_rate_fte")
_LA = "{y},Reporting year,Local authority,E92000001,England,E1,Somewhere,{code},{new},\"{name}\",{a},{v}"
_NATIONAL = "{y},Reporting year,National,E92000001,England,,,,,,{a},{v}"

# agency_rate_fte by year; "c" is a suppressed figure (Solihull 2022), "x" not available.
AGENCY = {
    ("839", "E06000058", "Bournemouth, Christchurch and Poole"): {2021: "37.4", 2022: "36.6", 2023: "36.7",
                                                                 2024: "33.3", 2025: "28.3"},
    ("334", "E08000029", "Solihull"): {2021: "17.6", 2022: "c", 2023: "44.7", 2024: "35.0", 2025: "23.0"},
    ("871", "E06000039", "Slough"): {2021: "20.0", 2022: "21.0", 2023: "19.0", 2024: "x", 2025: "12.5"},
    ("800", "E06000022", "Bath and North East Somerset"): {2021: "9.0", 2022: "9.5", 2023: "10.0",
                                                          2024: "9.0", 2025: "8.0"},
}
ENGLAND = {2021: "15.5", 2022: "17.6", 2023: "17.9", 2024: "16.2", 2025: "13.0"}


def dfe_csv() -> str:
    lines = [_HEAD]
    for y in range(2021, 2026):
        lines.append(_NATIONAL.format(y=y, a=ENGLAND[y], v="14.0"))
        for (code, new, name), by_year in AGENCY.items():
            lines.append(_LA.format(y=y, code=code, new=new, name=name, a=by_year[y], v="10.0"))
    return "\n".join(lines) + "\n"


def write_files(folder: Path) -> tuple[Path, Path]:
    """The outcomes CSV and the DfE CSV, written into ``folder``."""
    outcomes = folder / "outcomes.csv"
    outcomes.write_text(OUTCOMES, encoding="utf-8")
    dfe = folder / "csww.csv"
    dfe.write_text(dfe_csv(), encoding="utf-8")
    return outcomes, dfe
