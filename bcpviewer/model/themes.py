"""Which theme a metric belongs to, from its name, when the workbook does not say."""

from __future__ import annotations

import re
from functools import lru_cache

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


_FINDERS = tuple((theme, re.compile("|".join(words))) for theme, words in _KEYWORDS)


@lru_cache(maxsize=8192)  # asked for every metric of every dataset shown (thousands, on the GUI thread)
def theme_for(name: str) -> str:
    """The theme a metric name suggests; 'Local measures' when nothing matches."""
    key = squash(name)
    for theme, finder in _FINDERS:
        if finder.search(key):
            return theme
    return "Local measures"
