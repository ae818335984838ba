"""An inspection already held in the official data compared with the same inspection (council, kind
and start date) read again from a newer Ofsted file: what the two claim differently, said as the
note kept on the corrected inspection so both claims stay visible (as a DfE figure's revision is)."""

from __future__ import annotations

from datetime import date

from bcpviewer.io.ofsted import GRADE_FIELDS
from bcpviewer.model.spans import format_date
from bcpviewer.model.vocab import SUBJUDGEMENT_LABELS, Grade

# The inspections table's columns in order; the claims are those an Ofsted file makes about the
# inspection (not the notes, the row number or the source, which say where it was read).
COLUMNS = ("id", "council", "kind", "kind_text", "title", "start", "end", "published", "theme", "lead",
           "link", *GRADE_FIELDS, "notes", "line", "source")
CLAIMS = COLUMNS[2:COLUMNS.index("notes")]
_AT = {c: i for i, c in enumerate(COLUMNS)}
EARLIER = "Earlier claims: "  # begins the corrections kept, after the file's own notes
_NAMES = {"kind": "kind", "kind_text": "type", "title": "title", "start": "start", "end": "end",
          "published": "published", "theme": "theme", "lead": "lead inspector", "link": "report link",
          **SUBJUDGEMENT_LABELS}


def claims(row: tuple) -> tuple:
    """What a row of the inspections table claims about the inspection."""
    return tuple(row[_AT[c]] for c in CLAIMS)


def differences(held: tuple, new: tuple) -> list[str]:
    """Each claim the held row makes that the new one does not ("published 29 Jan 2025",
    "Care leavers: Good")."""
    return [f"{_NAMES[c]}{':' if c in GRADE_FIELDS else ''} {_said(c, held[_AT[c]])}"
            for c in CLAIMS if held[_AT[c]] != new[_AT[c]]]


def corrected_notes(held: tuple, new: tuple, held_file: str, new_file: str, imported: str | None) -> str:
    """The new row's notes with what the held row claimed kept after them (and any earlier
    corrections the held row carried)."""
    when = f", imported {_said('published', imported)}" if imported else ""
    said = (f"{held_file} said {'; '.join(differences(held, new))} "
            f"(corrected by {new_file}{when})")
    before = str(held[_AT["notes"]] or "").partition(EARLIER)[2]
    own = str(new[_AT["notes"]] or "").rstrip(". ")
    return f"{own}. " * bool(own) + f"{EARLIER}{said}" + (f"; {before}" if before else "")


def _said(column: str, value: object) -> str:
    if value is None or value == "":
        return "(none)"
    if column in GRADE_FIELDS:
        return Grade(int(value)).label  # type: ignore[arg-type]
    if column in ("start", "end", "published"):
        try:
            return format_date(date.fromisoformat(str(value)))
        except ValueError:
            return str(value)
    return str(value)
