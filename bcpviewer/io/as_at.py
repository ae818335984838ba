"""The date a tracker describes, read from its title rows ("Updated: 14/03/2023", "As at 31 March
2023", "Position at Q3 2022/23", "Data as of ...", a label cell "Last updated" with the date in the
next cell): overdue is counted against it, not against the day the file is opened."""

from __future__ import annotations

import re
from datetime import date, datetime

from bcpviewer.io.dates import parse_due
from bcpviewer.io.grid import Grid

_LABEL = re.compile(
    r"(?:last\s+)?updated(?:\s+(?:on|at|as\s+at))?|(?:data|position|status|progress|tracker)?\s*"
    r"as\s+(?:at|of)|position\s+at|date\s+of\s+(?:last\s+)?update|reporting\s+date|"
    r"update\s+date|data\s+date|snapshot(?:\s+date)?", re.I)
_AFTER = re.compile(r"^\s*[:\-\u2013\u2014]?\s*")


def title_as_at(grid: Grid, header_row: int) -> date | None:
    """The date named by a title row above the header (the first found); None when none is."""
    for row in grid.rows[:header_row]:
        cells = [c for c in row if c not in ("", None)]
        for k, cell in enumerate(cells):
            if not isinstance(cell, str):
                continue
            for m in _LABEL.finditer(cell):
                rest = _AFTER.sub("", cell[m.end():])
                if rest:
                    found = _leading_date(rest)
                elif k + 1 < len(cells):  # "Last updated" | 14/03/2023
                    found = _cell_date(cells[k + 1])
                else:
                    found = None
                if found is not None:
                    return found
    return None


def _cell_date(v: object) -> date | None:
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, date):
        return v
    if isinstance(v, str):
        return _leading_date(v)
    return None


def _leading_date(text: str) -> date | None:
    """The date at the start of ``text``, dropping what follows it ("31 March 2023 (draft)")."""
    words = text.replace(",", " ").split()
    for n in range(min(len(words), 4), 0, -1):
        try:
            d = parse_due(" ".join(words[:n]).rstrip(".;)"))
        except ValueError:
            continue
        if d is not None:
            return d
    return None
