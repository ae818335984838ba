"""The indicator catalogue: DfE children's social care columns as a reader names them (plain
English, unit, better direction, theme, rate or count, reference date, one-line definition),
and a tidied name for any column the catalogue does not know."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum

from bcpviewer.model.vocab import Polarity

OTHER_THEME = "Other"
AT_30_SEP, YEAR_TO_30_SEP = "at 30 Sep", "year to 30 Sep"
AT_31_MAR, YEAR_TO_31_MAR = "at 31 Mar", "year to 31 Mar"


class Kind(str, Enum):
    """A rate (a percentage, a rate per 10,000, an average) can be set against England's; a
    count cannot (a council's 700 against England's 80,000 says nothing)."""

    RATE = "rate"
    COUNT = "count"


@dataclass(frozen=True, slots=True)
class Indicator:
    """One catalogued indicator and the DfE columns (with filter values) it is read from."""

    id: str
    name: str
    unit: str
    polarity: Polarity
    kind: Kind
    theme: str
    reference: str  # AT_30_SEP, YEAR_TO_31_MAR...
    definition: str
    columns: tuple[str, ...]  # DfE column names, lower case
    filters: tuple[tuple[str, str], ...] = ()  # (filter column, value) that pick it out
    core: bool = False  # one of the key indicators shown first
    unused: str = ""  # why the column is never shown (a percentage that is always 100)

    @property
    def comparable(self) -> bool:
        """May it be charted against England, a region or the neighbours?"""
        return self.kind is Kind.RATE

    def matches(self, column: str, filters: Mapping[str, str]) -> bool:
        if column.lower() not in self.columns:
            return False
        return all(filters.get(f, "").strip().casefold() == v.casefold() for f, v in self.filters)


_L, _H, _N = Polarity.LOWER_IS_BETTER, Polarity.HIGHER_IS_BETTER, Polarity.NEUTRAL
_R, _C = Kind.RATE, Kind.COUNT
_WF, _DEM, _CIC = "Workforce", "Demand", "Children in care"
_POP = "population_type"
_CLA_31 = "Children looked after on 31 March each year"
_CLA_IN = "Children starting to be looked after each year"
_CLA_OUT = "Children ceasing to be looked after each year"
_GROUP, _STAB = "cla_group", "placement_stability"
_LONG = "Children looked after continuously for at least 2.5 years on 31 March aged under 16 years"


def _i(id_: str, name: str, unit: str, pol: Polarity, kind: Kind, theme: str, ref: str,
       definition: str, *columns: str, filters: tuple[tuple[str, str], ...] = (),
       core: bool = False, unused: str = "") -> Indicator:
    return Indicator(id_, name, unit, pol, kind, theme, ref, definition, columns, filters, core, unused)


CATALOGUE: tuple[Indicator, ...] = (
    # Workforce (children's social work workforce census, at 30 September)
    _i("agency_rate", "Agency social workers (% of FTE)", "%", _L, _R, _WF, AT_30_SEP,
       "Agency (not directly employed) children and family social workers as a share of all "
       "social workers, agency and employed, full-time equivalent.", "agency_rate_fte", core=True),
    _i("vacancy_rate", "Social worker vacancies (% of FTE posts)", "%", _L, _R, _WF, AT_30_SEP,
       "Vacant social worker posts as a share of vacancies plus social workers in post, FTE.",
       "vacancy_rate_fte", core=True),
    _i("turnover_rate", "Social worker turnover (% of FTE)", "%", _L, _R, _WF, YEAR_TO_30_SEP,
       "Social workers who left in the year to 30 September as a share of those in post, FTE.",
       "turnover_rate_fte", core=True),
    _i("caseload", "Average caseload (cases per FTE social worker)", "cases", _L, _R, _WF, AT_30_SEP,
       "Cases held, divided by the FTE of case-holding social workers.", "caseload_fte", core=True),
    _i("absence_rate", "Sickness absence (% of working days)", "%", _L, _R, _WF, YEAR_TO_30_SEP,
       "Working days lost to sickness absence as a share of available working days, FTE.",
       "absence_rate_fte"),
    _i("agency_rate_headcount", "Agency social workers (% of headcount)", "%", _L, _R, _WF,
       AT_30_SEP, "As the FTE rate, counting people rather than full-time equivalents.",
       "agency_rate_headcount"),
    _i("turnover_rate_headcount", "Social worker turnover (% of headcount)", "%", _L, _R, _WF,
       YEAR_TO_30_SEP, "As the FTE rate, counting people rather than full-time equivalents.",
       "turnover_rate_headcount"),
    _i("agency_cover_rate", "Agency social workers covering vacancies (%)", "%", _N, _R, _WF,
       AT_30_SEP, "Agency social workers covering a vacancy as a share of all agency social "
       "workers, FTE.", "agency_cover_rate_fte"),
    _i("vacancies_covered_rate", "Vacancies covered by agency social workers (%)", "%", _N, _R,
       _WF, AT_30_SEP, "Vacancies covered by an agency social worker as a share of all "
       "vacancies, FTE.", "vacancy_agency_cover_rate_fte"),
    _i("inpost_fte", "Social workers in post (FTE)", "FTE", _N, _C, _WF, AT_30_SEP,
       "Directly employed children and family social workers, full-time equivalent.", "inpost_fte"),
    _i("inpost_headcount", "Social workers in post (headcount)", "people", _N, _C, _WF, AT_30_SEP,
       "Directly employed children and family social workers.", "inpost_headcount"),
    _i("starters_fte", "Social workers who started (FTE)", "FTE", _N, _C, _WF, YEAR_TO_30_SEP,
       "Social workers who joined in the year, FTE.", "starters_fte"),
    _i("starters_headcount", "Social workers who started (headcount)", "people", _N, _C, _WF,
       YEAR_TO_30_SEP, "Social workers who joined in the year.", "starters_headcount"),
    _i("leavers_fte", "Social workers who left (FTE)", "FTE", _N, _C, _WF, YEAR_TO_30_SEP,
       "Social workers who left in the year, FTE.", "leavers_fte"),
    _i("leavers_headcount", "Social workers who left (headcount)", "people", _N, _C, _WF,
       YEAR_TO_30_SEP, "Social workers who left in the year.", "leavers_headcount"),
    _i("agency_fte", "Agency social workers (FTE)", "FTE", _N, _C, _WF, AT_30_SEP,
       "Agency social workers, full-time equivalent.", "agency_fte"),
    _i("agency_headcount", "Agency social workers (headcount)", "people", _N, _C, _WF, AT_30_SEP,
       "Agency social workers.", "agency_headcount"),
    _i("agency_cover_fte", "Agency social workers covering vacancies (FTE)", "FTE", _N, _C, _WF,
       AT_30_SEP, "Agency social workers covering a vacancy, FTE.", "agency_cover_fte"),
    _i("vacancy_fte", "Social worker vacancies (FTE)", "FTE", _N, _C, _WF, AT_30_SEP,
       "Vacant social worker posts, FTE.", "vacancy_fte"),
    _i("case_holders_fte", "Case-holding social workers (FTE)", "FTE", _N, _C, _WF, AT_30_SEP,
       "Social workers holding cases, FTE.", "case_holders_fte"),
    _i("cases", "Cases held by social workers", "cases", _N, _C, _WF, AT_30_SEP,
       "Cases held by case-holding social workers.", "cases"),
    _i("working_days_lost", "Working days lost to sickness", "days", _N, _C, _WF, YEAR_TO_30_SEP,
       "Working days lost to sickness absence in the year, FTE.", "working_days_lost_fte"),
    # Referrals, children in need, child protection (year to 31 March)
    _i("rereferral_rate", "Re-referrals within 12 months (% of referrals)", "%", _L, _R, _DEM,
       YEAR_TO_31_MAR, "Referrals within 12 months of a previous referral of the same child, "
       "as a share of all referrals in the year.", "rereferral_percent", core=True),
    _i("nfa_rate", "Referrals with no further action (%)", "%", _N, _R, _DEM, YEAR_TO_31_MAR,
       "Referrals on which no further action was taken, as a share of all referrals.",
       "no_further_action_percent"),
    _i("not_in_need_rate", "Referrals assessed as not in need (%)", "%", _N, _R, _DEM,
       YEAR_TO_31_MAR, "Referrals where the child was assessed and found not to be in need, as a "
       "share of all referrals.", "not_in_need_percent"),
    _i("rereferral_child_rate", "Children re-referred within 12 months (% of children referred)",
       "%", _L, _R, _DEM, YEAR_TO_31_MAR, "Children referred within 12 months of a previous "
       "referral, as a share of children referred in the year.", "rereferral_child_percent"),
    _i("referrals", "Referrals", "referrals", _N, _C, _DEM, YEAR_TO_31_MAR,
       "Referrals to children's social care in the year.", "referral_count", core=True),
    _i("rereferrals", "Re-referrals within 12 months", "referrals", _N, _C, _DEM, YEAR_TO_31_MAR,
       "Referrals within 12 months of a previous referral of the same child.", "rereferral_count"),
    _i("nfa_count", "Referrals with no further action", "referrals", _N, _C, _DEM, YEAR_TO_31_MAR,
       "Referrals on which no further action was taken.", "no_further_action_count"),
    _i("not_in_need_count", "Referrals assessed as not in need", "referrals", _N, _C, _DEM,
       YEAR_TO_31_MAR, "Referrals assessed and found not to be in need.", "not_in_need_count"),
    _i("children_referred", "Children referred", "children", _N, _C, _DEM, YEAR_TO_31_MAR,
       "Children referred in the year (a child referred twice counts once).", "referral_child_count"),
    _i("children_rereferred", "Children re-referred within 12 months", "children", _N, _C, _DEM,
       YEAR_TO_31_MAR, "Children referred within 12 months of a previous referral.",
       "rereferral_child_count"),
    _i("cin_at_31_march", "Children in need at 31 March (episodes)", "episodes", _N, _C, _DEM,
       AT_31_MAR, "Open children in need episodes on 31 March.", "at31_episodes", core=True),
    _i("cin_in_year", "Children in need at any point in the year (episodes)", "episodes", _N, _C,
       _DEM, YEAR_TO_31_MAR, "Children in need episodes open at any time in the year.",
       "anypoint_episodes"),
    _i("cin_children_in_year", "Children in need at any point in the year (children)", "children",
       _N, _C, _DEM, YEAR_TO_31_MAR, "Children in need at any time in the year.", "anypoint_child"),
    _i("cin_started", "Children in need episodes started", "episodes", _N, _C, _DEM,
       YEAR_TO_31_MAR, "Children in need episodes that started in the year.", "started_episodes"),
    _i("cin_children_started", "Children starting to be in need", "children", _N, _C, _DEM,
       YEAR_TO_31_MAR, "Children whose episode of need started in the year.", "started_child"),
    _i("cin_ended", "Children in need episodes ended", "episodes", _N, _C, _DEM, YEAR_TO_31_MAR,
       "Children in need episodes that ended in the year.", "ended_episodes"),
    _i("cin_children_ended", "Children ceasing to be in need", "children", _N, _C, _DEM,
       YEAR_TO_31_MAR, "Children whose episode of need ended in the year.", "ended_child"),
    _i("awaiting_assessment", "Children awaiting assessment at 31 March", "children", _N, _C,
       _DEM, AT_31_MAR, "Children referred whose assessment had not finished on 31 March.",
       "awaiting_assessment"),
    _i("repeat_cp_rate", "Repeat child protection plans (% second or subsequent)", "%", _L, _R,
       _DEM, YEAR_TO_31_MAR, "Child protection plans starting in the year that were a second or "
       "later plan for the child, as a share of all plans starting.", "cpp_subsequent_percent",
       core=True),
    _i("cp_plans_started", "Child protection plans started", "plans", _N, _C, _DEM, YEAR_TO_31_MAR,
       "Child protection plans starting in the year.", "cpp_start"),
    _i("repeat_cp_plans", "Repeat child protection plans started", "plans", _N, _C, _DEM,
       YEAR_TO_31_MAR, "Plans starting in the year that were a second or later plan.",
       "cpp_subsequent"),
    # Children looked after (at or in the year to 31 March)
    _i("cla_rate", "Children looked after (per 10,000 children)", "per 10,000", _N, _R, _CIC,
       AT_31_MAR, "Children looked after on 31 March per 10,000 children under 18.",
       "rate_per_10000", filters=((_POP, _CLA_31),), core=True),
    _i("cla_starting_rate", "Children starting to be looked after (per 10,000 children)",
       "per 10,000", _N, _R, _CIC, YEAR_TO_31_MAR, "Children who started to be looked after in "
       "the year per 10,000 children under 18.", "rate_per_10000", filters=((_POP, _CLA_IN),)),
    _i("cla_ceasing_rate", "Children ceasing to be looked after (per 10,000 children)",
       "per 10,000", _N, _R, _CIC, YEAR_TO_31_MAR, "Children who ceased to be looked after in "
       "the year per 10,000 children under 18.", "rate_per_10000", filters=((_POP, _CLA_OUT),)),
    _i("cla_count", "Children looked after at 31 March", "children", _N, _C, _CIC, AT_31_MAR,
       "Children looked after on 31 March.", "children_count", filters=((_POP, _CLA_31),)),
    _i("cla_starting", "Children starting to be looked after", "children", _N, _C, _CIC,
       YEAR_TO_31_MAR, "Children who started to be looked after in the year.", "children_count",
       filters=((_POP, _CLA_IN),)),
    _i("cla_ceasing", "Children ceasing to be looked after", "children", _N, _C, _CIC,
       YEAR_TO_31_MAR, "Children who ceased to be looked after in the year.", "children_count",
       filters=((_POP, _CLA_OUT),)),
    _i("child_population", "Children under 18 (population estimate)", "children", _N, _C, _CIC,
       AT_31_MAR, "The population estimate the rates per 10,000 are worked out from.",
       "population_estimate", filters=((_POP, _CLA_31),)),
    _i("child_population_repeat", "Children under 18 (population estimate, repeated)", "children",
       _N, _C, _CIC, AT_31_MAR, "The same estimate, repeated on the starting and ceasing rows.",
       "population_estimate", unused="the same estimate as on the 'looked after on 31 March' row"),
    _i("placements_3plus", "Children looked after with 3 or more placements in the year (%)", "%",
       _L, _R, _CIC, AT_31_MAR, "Children looked after on 31 March who had three or more "
       "placements during the year.", "children_percent",
       filters=((_GROUP, "CLA on 31 March"), (_STAB, "With 3 or more placements during the year")),
       core=True),
    _i("same_carer_2y", "Long-term looked after children with the same carer 2+ years (%)", "%",
       _H, _R, _CIC, AT_31_MAR, "Children under 16 looked after for at least 2.5 years who had "
       "lived with the same carer for at least 2 years.", "children_percent",
       filters=((_GROUP, _LONG), (_STAB, "Living with the same carer for at least 2 years")),
       core=True),
    _i("placements_3plus_2y", "Children looked after with 3 or more placements in 2 years (%)",
       "%", _L, _R, _CIC, AT_31_MAR, "Children looked after for 2 years on 31 March who had three "
       "or more placements during the previous 2 years.", "children_percent",
       filters=((_GROUP, "CLA 2 years on 31 March"),
                (_STAB, "With 3 or more placements during the previous 2 years"))),
    _i("placements_3plus_count", "Children looked after with 3 or more placements in the year",
       "children", _N, _C, _CIC, AT_31_MAR, "Children looked after on 31 March with three or more "
       "placements during the year.", "children_count",
       filters=((_GROUP, "CLA on 31 March"), (_STAB, "With 3 or more placements during the year"))),
    _i("same_carer_2y_count", "Long-term looked after children with the same carer 2+ years",
       "children", _N, _C, _CIC, AT_31_MAR, "Children under 16 looked after for at least 2.5 years "
       "who had lived with the same carer for at least 2 years.", "children_count",
       filters=((_GROUP, _LONG), (_STAB, "Living with the same carer for at least 2 years"))),
    _i("placements_3plus_2y_count", "Children looked after with 3 or more placements in 2 years",
       "children", _N, _C, _CIC, AT_31_MAR, "Children looked after for 2 years on 31 March with "
       "three or more placements during the previous 2 years.", "children_count",
       filters=((_GROUP, "CLA 2 years on 31 March"),
                (_STAB, "With 3 or more placements during the previous 2 years"))),
    _i("stability_base_year", "Children looked after at 31 March (base of the 3+ placements %)",
       "children", _N, _C, _CIC, AT_31_MAR, "The children the 3-or-more-placements-in-the-year "
       "percentage is out of.", "children_count",
       filters=((_GROUP, "CLA on 31 March"), (_STAB, "Total children"))),
    _i("stability_base_2y", "Children looked after for 2 years (base of the 2-year placements %)",
       "children", _N, _C, _CIC, AT_31_MAR, "The children the 3-or-more-placements-in-2-years "
       "percentage is out of.", "children_count",
       filters=((_GROUP, "CLA 2 years on 31 March"), (_STAB, "Total children"))),
    _i("stability_base_long", "Children under 16 looked after 2.5+ years (base of the same-carer %)",
       "children", _N, _C, _CIC, AT_31_MAR, "The children the same-carer-for-2-years percentage "
       "is out of.", "children_count", filters=((_GROUP, _LONG), (_STAB, "Total children"))),
    _i("stability_base_percent", "Children in the placement stability measures (%)", "%", _N, _R,
       _CIC, AT_31_MAR, "Always 100: the base the percentages are out of.", "children_percent",
       filters=((_STAB, "Total children"),), unused="always 100% (the base of the percentages)"),
)

BY_ID: dict[str, Indicator] = {i.id: i for i in CATALOGUE}
COLUMNS: frozenset[str] = frozenset(c for i in CATALOGUE for c in i.columns)  # DfE indicator columns
CORE: tuple[Indicator, ...] = tuple(i for i in CATALOGUE if i.core)

# What the shared DfE files do not have, so the catalogue cannot offer it (said by the build).
NOT_AVAILABLE = (
    "Children in need per 10,000 children (the CIN file has counts only, no rate or population)",
    "Referrals per 10,000 children (the referrals file has counts and percentages only)",
    "Child protection plans per 10,000 children (the plans file has counts and the repeat "
    "share only)",
)


# Names trackers give a catalogued indicator (the bundled BCP sample's among them), lower case: a
# series so named beside the official data is that indicator (one metric, its plain name). Only
# names that can mean nothing else: a bare "agency rate" might be by headcount, so it is not here.
ALIASES: dict[str, str] = {
    "agency social worker rate": "agency_rate",
    "agency social workers rate": "agency_rate",
    "agency social worker rate (fte)": "agency_rate",
    "agency social workers (%)": "agency_rate",
    "agency rate fte": "agency_rate",
    "social worker vacancy rate": "vacancy_rate",
    "vacancy rate fte": "vacancy_rate",
    "social worker turnover rate": "turnover_rate",
    "turnover rate fte": "turnover_rate",
    "average caseload per social worker": "caseload",
    "average caseload": "caseload",
    "caseload fte": "caseload",
    "children looked after per 10,000 children": "cla_rate",
    "children looked after rate per 10,000": "cla_rate",
    "children looked after rate per 10,000 children": "cla_rate",
    "cla rate per 10,000": "cla_rate",
    "re-referrals within 12 months (%)": "rereferral_rate",
    "re-referral rate": "rereferral_rate",
    "repeat child protection plans (%)": "repeat_cp_rate",
}


def named(name: str) -> Indicator | None:
    """The catalogued indicator a series name means: its plain name, or a name in ALIASES (case,
    spacing and a trailing full stop aside); None for any other name."""
    key = " ".join(name.replace("\u2019", "'").split()).rstrip(".").casefold()
    for ind in CATALOGUE:
        if ind.name.casefold() == key:
            return ind
    found = ALIASES.get(key)
    return BY_ID.get(found) if found else None


def find(column: str, filters: Mapping[str, str] | None = None) -> Indicator | None:
    """The catalogued indicator a DfE column (with the row's filter values) is, or None."""
    col = column.strip().lower()
    fil = {k.strip().lower(): v for k, v in (filters or {}).items()}
    for ind in CATALOGUE:
        if ind.matches(col, fil):
            return ind
    return None


_ACRONYMS = {"fte": "FTE", "cin": "CIN", "cla": "CLA", "cpp": "CPP", "la": "LA", "nfa": "NFA",
             "sen": "SEN", "send": "SEND", "ehcp": "EHCP", "neet": "NEET", "uasc": "UASC"}
_WORDS = {"10000": "10,000", "10k": "10,000", "pc": "%", "percent": "%", "pct": "%",
          "num": "number", "no": "number", "at31": "at 31 March"}


def tidy_name(column: str) -> str:
    """A readable name for a column the catalogue does not know: 'turnover_rate_fte' ->
    'Turnover rate FTE', 'rate_per_10000' -> 'Rate per 10,000'."""
    words = [w for w in re.split(r"[_\s]+", column.strip()) if w]
    out = []
    for k, w in enumerate(words):
        low = w.lower()
        word = _ACRONYMS.get(low) or _WORDS.get(low) or (low if k else low.capitalize())
        out.append(word)
    text = " ".join(out) or column
    return text[:1].upper() + text[1:]


def names_for(column: str) -> set[str]:
    """Every name a series read from this DfE column may have (catalogued, or tidied)."""
    col = column.strip().lower()
    return {i.name for i in CATALOGUE if col in i.columns} | {tidy_name(col)}


def reads_column(series_name: str, column: str) -> bool:
    """Is a series of this name read from this column (its filter values, if any, in brackets)?"""
    names = names_for(column)
    return series_name in names or any(series_name.startswith(n + " (") for n in names)
