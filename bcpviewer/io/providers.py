"""Provider inspections kept apart: Ofsted's files of inspections of providers (children's homes,
fostering agencies, schools, colleges; columns such as URN, Provider type, Setting name) are not
the council's inspections. A sheet of them is refused as council events with one note saying so."""

from __future__ import annotations

from bcpviewer.io.grid import Grid
from bcpviewer.io.values import text_of
from bcpviewer.model.vocab import squash

HEADER_SCAN_ROWS = 40
# headers only a file of providers (settings, schools) has
PROVIDER_HEADERS = frozenset(squash(h) for h in (
    "Provider type", "Provider subtype", "Type of provision", "Provision type", "Setting name",
    "Setting type", "Setting URN", "Provider URN", "School name", "School type", "Establishment name",
    "Establishment type", "Type of establishment", "Registration status", "Number of registered places",
    "Number of places", "Registered places", "Places", "Ofsted phase", "Phase", "Type of education",
    "LAESTAB", "Provider status", "Sector", "Registration date", "Organisation type"))
_URN = frozenset({"urn", "uniquereferencenumber"})
_NAME = frozenset(squash(h) for h in ("Provider name", "Provider", "Name", "Setting"))
_COUNCIL = frozenset(squash(h) for h in ("Local authority", "LA", "LA name", "Local authority name"))


def refuse(grid: Grid) -> str | None:
    """The note for a sheet listing inspections of providers, or None for any other sheet: a URN
    with a provider-only column (Provider type, Setting name...), or a provider's name beside
    the local authority it is in."""
    for i, row in enumerate(grid.rows[:HEADER_SCAN_ROWS]):
        keys = {squash(text_of(c)): text_of(c) for c in row if isinstance(c, str) and c.strip()}
        if len(keys) < 3:
            continue
        if _councils_only(grid, i, row):
            return None
        named = [keys[k] for k in keys if k in PROVIDER_HEADERS]
        has_urn = bool(_URN & keys.keys())
        if (has_urn and named) or (has_urn and _NAME & keys.keys() and _COUNCIL & keys.keys()):
            where = f"sheet '{grid.sheet}'" if grid.sheet else grid.file
            shown = ", ".join(["URN", *named[:3]])
            return (f"{where} lists inspections of providers (children's homes, schools and other "
                    f"settings: columns {shown}); they are not the council's inspections, so none "
                    "was read as the council's events")
    return None


_TYPE = frozenset(squash(h) for h in ("Provider type", "Type of provision", "Provision type",
                                      "Setting type", "Organisation type"))


def _councils_only(grid: Grid, i: int, row: list[object]) -> bool:
    """Does a provider-type column under header row ``i`` name only local authorities (Ofsted's
    council-level files say "Local authority children's services" there)?"""
    cols = [j for j, c in enumerate(row) if isinstance(c, str) and squash(c) in _TYPE]
    if not cols:
        return False
    values = {squash(text_of(r[j])) for r in grid.rows[i + 1 : i + 2001] for j in cols if j < len(r)}
    values.discard("")
    return bool(values) and all("localauthority" in v for v in values)
