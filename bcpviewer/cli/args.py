"""What the command-line commands share: exit codes, the one-line input error, and reading the
arguments (dates as a UK reader or ISO writes them, comma-separated names, an output file name)."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

EXIT_OK, EXIT_UNREADABLE = 0, 2


class ExportInputError(Exception):
    """Bad input to a command (``export``, ``inspect --as-of``): ``str()`` is the one line after ``error:``."""


def output_arg(text: str, suffix: str, flag: str) -> Path:
    """The file ``flag`` names to write: ending ``suffix``, not a folder, in a folder that exists and
    can be written to."""
    out = Path(text)
    if out.suffix.lower() != suffix:
        raise ExportInputError(f"{flag} {out}: give a file name ending {suffix}")
    if out.is_dir():
        raise ExportInputError(f"{out}: this is a folder; give a file name ending {suffix}")
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise ExportInputError(f"{out}: cannot write here (the folder {folder} does not exist)")
    if not os.access(folder, os.W_OK) or (out.exists() and not os.access(out, os.W_OK)):
        raise ExportInputError(f"{out}: cannot write here (permission denied)")
    return out


def date_arg(text: str | None, flag: str) -> date | None:
    """The date ``flag`` gives, as a UK reader or ISO writes it; never month first (the one parser of
    typed dates, bcpviewer.io.dates.parse_typed_date)."""
    from bcpviewer.io.dates import parse_typed_date  # here: opening the window must not load the readers

    if text is None:
        return None
    found = parse_typed_date(text)
    if found is None:
        raise ExportInputError(f"{flag} {text!r} is not a date; write it as 31/03/2024, 31 Mar 2024 or "
                               "2024-03-31")
    return found


def names_arg(text: str | None) -> list[str] | None:
    """Names separated by commas (None when the option was not given)."""
    if text is None:
        return None
    return [n.strip() for n in text.split(",") if n.strip()]
