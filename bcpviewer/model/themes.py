"""Which theme a metric belongs to, from its name, when the workbook does not say."""

from __future__ import annotations

from bcpviewer.model.vocab import squash

THEMES = ("Workforce", "Demand", "Children in care", "Care leavers", "Local measures")

_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Care leavers", ("careleaver", "careexperienced", "suitableaccommodation", "neet",
                      "educationemploymentortraining", "educationemploymentandtraining")),
    ("Children in care", ("lookedafter", "incare", "placement", "fostering", "adoption",
                          "permanence")),
    ("Workforce", ("agency", "vacanc", "turnover", "caseload", "socialworker", "workforce",
                   "sickness", "absence", "starters", "leavers", "recruit")),
    ("Demand", ("referral", "assessment", "childprotection", "cpplan", "childreninneed",
                "section47", "s47", "contacts", "demand", "frontdoor")),
)


def theme_for(name: str) -> str:
    """The theme a metric name suggests; 'Local measures' when nothing matches."""
    key = squash(name)
    for theme, words in _KEYWORDS:
        if any(w in key for w in words):
            return theme
    return "Local measures"
