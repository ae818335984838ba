"""The tables about the files read: what the importer could not use (Problems, each with its kind) and
the documents the facts come from (Sources)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath

from bcpviewer.model.records import (
    PROBLEM_ERROR,
    PROBLEM_NOT_KNOWN,
    PROBLEM_SKIPPED,
    PROBLEM_UNUSED_COLUMN,
    Problem,
    Source,
)
from bcpviewer.plots import style
from bcpviewer.ui.items.table_models import (
    Column,
    RecordTableModel,
    date_column,
    or_blank,
    text_key,
)

# -- Problems and sources ------------------------------------------------------------------
# (kind of problem: its word in the Kind column, what it means); errors sort first
PROBLEM_KINDS: dict[str, tuple[str, str]] = {
    PROBLEM_ERROR: ("Error", "A value that was not read, or a row that was skipped: check it"),
    PROBLEM_NOT_KNOWN: ("Value not known", "Kept as not known (a date of \"TBC\"), not guessed"),
    PROBLEM_UNUSED_COLUMN: ("Column not used", "A column of the table that no field reads"),
    PROBLEM_SKIPPED: ("Row skipped", "A row of words read as a heading or footnote, not data"),
}
_KIND_ORDER = {kind: i for i, kind in enumerate(PROBLEM_KINDS)}


def problem_kind(p: Problem) -> str:
    """``Error``, ``Column not used``, ``Value not known``, ``Row skipped`` (the kind itself if new)."""
    return PROBLEM_KINDS.get(p.kind, (p.kind.replace("_", " ").capitalize(), ""))[0]


class ProblemTableModel(RecordTableModel[Problem]):
    """What the importer could not read, where, and what it expected; each row says its kind, so real
    errors are told apart from columns not used and values kept as not known."""

    def __init__(self, problems: Sequence[Problem] = (), parent=None) -> None:
        super().__init__(
            [
                Column("Kind", "Error, or a column not used, a value not known, a row skipped",
                       problem_kind, sort_key=lambda p: _KIND_ORDER.get(p.kind, len(_KIND_ORDER)),
                       bold=lambda p: p.is_error,
                       foreground=lambda p: None if p.is_error else style.qcolor(style.MUTED),
                       tip=lambda p: PROBLEM_KINDS.get(p.kind, ("", None))[1] or None, max_chars=22),
                Column("File", "The file the problem is in", lambda p: PurePath(p.file).name,
                       sort_key=lambda p: text_key(PurePath(p.file).name), tip=lambda p: p.file,
                       max_chars=24),
                Column("Sheet", "The sheet (workbooks only)", lambda p: or_blank(p.sheet), max_chars=16),
                Column("Row", "Spreadsheet row number", lambda p: "" if p.row is None else str(p.row),
                       sort_key=lambda p: p.row, numeric=True),
                Column("Column", "The column header or letter", lambda p: or_blank(p.column), max_chars=20),
                Column("Value", "The value as written", lambda p: p.value, max_chars=24),
                Column("What was expected", "What the importer expected instead", lambda p: p.message,
                       tip=lambda p: p.describe(), max_chars=60, main=True),
            ],
            problems,
            parent,
        )


class SourceTableModel(RecordTableModel[Source]):
    """Documents the facts come from."""

    def __init__(self, sources: Sequence[Source] = (), parent=None) -> None:
        super().__init__(
            [
                Column("ID", "The source's reference", lambda s: s.id),
                Column("Title", "The document", lambda s: s.title, max_chars=60, main=True,
                       tip=lambda s: s.title + (f"\n{s.notes}" if s.notes else "")),
                Column("Publisher", "Who published it", lambda s: or_blank(s.publisher), max_chars=24),
                date_column("Published", "When it was published", lambda s: s.published),
                Column("URL", "Where to find it", lambda s: or_blank(s.url), tip=lambda s: s.url, max_chars=50,
                       foreground=lambda s: style.qcolor(style.OKABE_ITO["blue"]) if s.is_web_link else None),
            ],
            sources,
            parent,
        )
