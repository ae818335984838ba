"""The one cell writer of the XLSX exports: values written as they are (dates as dates, text never as
a formula), styled table sheets with a header row, the fills and glyphs every sheet shares (a status is its
plain word; its glyph and colour are only the cell's format), and the number and date formats: figures by
their unit, dates no more precise than they are known."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from copy import copy
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from bcpviewer.io.jsonfile import repair_text
from bcpviewer.model.briefing_series import figure_decimals, unit_kind
from bcpviewer.model.links import safe_url
from bcpviewer.model.records import MetricSeries
from bcpviewer.model.vocab import Grade, Status

DATE_FORMAT = "d mmm yyyy"  # 31 Mar 2022: UK order, and no reader can take it for 3 December
MONTH_FORMAT, YEAR_FORMAT = "mmm yyyy", "yyyy"  # a date known only to its month or year: never shown as a day
# a date known to a quarter or a financial/academic year shows its first month, its label written beside it
DATE_FORMATS = {"day": DATE_FORMAT, "month": MONTH_FORMAT, "year": YEAR_FORMAT, "quarter": MONTH_FORMAT,
                "financial year": MONTH_FORMAT, "academic year": MONTH_FORMAT}
WHOLE_FORMAT = "0"  # days, references, times re-dated
COUNT_FORMAT = "#,##0"
_KIND_FORMAT = {"int": WHOLE_FORMAT, "days": WHOLE_FORMAT, "count": COUNT_FORMAT}
DATETIME_FORMAT = "d mmm yyyy hh:mm"
MAX_CELL = 32_767  # Excel's limit on the characters in one cell
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# The Okabe-Ito colours of plots/style.py (io has no Qt, so the hex is repeated), as light fills.
STATUS_COLOUR = {
    Status.RED: "D55E00", Status.AMBER: "E69F00", Status.GREEN: "009E73", Status.COMPLETE: "0072B2",
    Status.NOT_STARTED: "999999", Status.UNKNOWN: "C8C8C8",
}
_STATUS_GLYPH = {Status.RED: "●", Status.AMBER: "▲", Status.GREEN: "■", Status.COMPLETE: "✓",
                 Status.NOT_STARTED: "○", Status.UNKNOWN: "?"}
_GRADE_COLOUR = {Grade.OUTSTANDING: "0072B2", Grade.GOOD: "009E73", Grade.REQUIRES_IMPROVEMENT: "E69F00",
                 Grade.INADEQUATE: "D55E00"}
BETTER_COLOUR, WORSE_COLOUR = "009E73", "D55E00"
_HEADER_FILL, _HEADER_INK = "1F3864", "FFFFFF"
_MIN_WIDTH, _MAX_WIDTH = 8, 70


def tint(hex_colour: str, strength: float = 0.28) -> str:
    """A light fill of ``hex_colour`` (RRGGBB): mixed with white, keeping ``strength`` of the colour."""
    rgb = [int(hex_colour[i:i + 2], 16) for i in (0, 2, 4)]
    return "".join(f"{round(255 - (255 - v) * strength):02X}" for v in rgb)


def status_text(status: Status) -> str:
    """``● Red (off track)``: the glyph and the word, so the status never rests on colour alone."""
    return f"{_STATUS_GLYPH[status]} {status.label}"


def status_word(status: Status) -> str:
    """The status as one plain word a filter or a formula can use: Red, Amber, Green, Complete, Not started."""
    return status.label.split(" (")[0]


def status_format(status: Status) -> str:
    """A text format that shows the glyph before the word (``● Red``): the symbol is only the cell's look."""
    return f'"{_STATUS_GLYPH[status]} "@'


def figure_format(kind: str, decimals: int) -> str:
    """The number format of a figure of this unit kind (bcpviewer.model.briefing_series.unit_kind): a percent
    stored as 37.4 shows as 37.4% (the sign is text in the format: the value is never multiplied by 100),
    rates and averages to their decimals, counts with thousands separators, days as whole days."""
    places = "0" + ("." + "0" * decimals if decimals > 0 else "")
    if kind == "percent":
        return places + '"%"'
    if kind == "count":
        return "#,##" + places
    return places


@dataclass(frozen=True, slots=True)
class Column:
    """A column: heading, width in characters, and how its cells look (text, date, number, wrap...)."""

    header: str
    width: float
    kind: str = "text"  # text, wrap, date, datetime, int (whole numbers), days, count, number, link


@dataclass(frozen=True, slots=True)
class Styled:
    """A value with a fill (RRGGBB), bold text and/or a number format (which also formats text and dates)."""

    value: Any
    fill: str | None = None
    bold: bool = False
    number_format: str | None = None


# -- cells -------------------------------------------------------------------------------------------
def clean(text: str) -> str:
    """Text a workbook can hold: control characters dropped, lone surrogates replaced with U+FFFD,
    at most MAX_CELL characters."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    text, _repaired = repair_text(text)  # a lone surrogate would make the file unreadable
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def put(cell: Any, value: Any, kind: str = "text", *, style: bool = True) -> None:
    """Write one value as it is: dates as Excel dates, numbers as numbers, text never as a formula.

    Links are made only for http and https addresses. ``style=False`` leaves the number format, the
    text prefix and the link style to the caller (who copies them from a cell styled before).
    """
    if isinstance(value, datetime):
        cell.value = value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value
    elif isinstance(value, str):
        text = clean(value)
        cell.value = text
        if text.startswith(FORMULA_STARTS):
            cell.data_type = "s"  # openpyxl would store "=..." as a formula
        url = safe_url(text) if kind == "link" else None
        if url and url.lower().startswith(("http://", "https://")):
            cell.hyperlink = url
    elif value is not None:
        cell.value = value
    if style:
        _style_value(cell, value)


def _look(cell: Any, value: Any) -> str:
    """What about a value changes its cell's style: a date, a date and time, text kept as text, a link."""
    if isinstance(value, datetime):
        return "datetime"
    if isinstance(value, date):
        return "date"
    if cell.hyperlink is not None:
        return "link"
    if isinstance(value, str) and cell.data_type == "s" and str(cell.value).startswith(FORMULA_STARTS):
        return "text"
    return ""


def _style_value(cell: Any, value: Any, kind: str = "text", number_format: str | None = None) -> None:
    look = _look(cell, value)
    if number_format is not None:
        cell.number_format = number_format
        if look == "text":
            cell.quotePrefix = True
        return
    if look == "" and isinstance(value, int | float) and not isinstance(value, bool) and kind in _KIND_FORMAT:
        cell.number_format = _KIND_FORMAT[kind]
    elif look == "link":
        cell.style = "Hyperlink"
    elif look == "datetime":
        cell.number_format = DATETIME_FORMAT
    elif look == "date":
        cell.number_format = DATE_FORMAT
    elif look == "text":
        cell.quotePrefix = True  # Excel keeps it as text when the cell is edited


def table_sheet(wb: Any, title: str, columns: Sequence[Column], rows: Sequence[Sequence[Any]],
                freeze: str = "B2") -> Any:
    """A sheet with a styled header, frozen panes, an autofilter and sized columns."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title)
    head_font = Font(bold=True, color=_HEADER_INK)
    head_fill = PatternFill("solid", start_color=_HEADER_FILL)
    head_align = Alignment(vertical="center", wrap_text=True)
    for c, col in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=c)
        put(cell, col.header)
        cell.font, cell.fill, cell.alignment = head_font, head_fill, head_align
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    bold = Font(bold=True)
    # Styling a cell through openpyxl's descriptors costs more than writing it; each combination of
    # look is made once and its style record copied to the other cells that share it.
    looks: dict[tuple[Any, ...], Any] = {}
    for r, row in enumerate(rows, start=2):
        for c, (col, value) in enumerate(zip(columns, row, strict=True), start=1):
            fill, strong, fmt = None, False, None
            if isinstance(value, Styled):
                fill, strong, fmt, value = value.fill, value.bold, value.number_format, value.value
            if value is None and fill is None:
                continue  # an empty cell needs no style: it is not written at all
            cell = ws.cell(row=r, column=c)
            put(cell, value, col.kind, style=False)
            number = isinstance(value, int | float) and not isinstance(value, bool)
            key = (col.kind, fill, strong, fmt, _look(cell, value), number)
            known = looks.get(key)
            if known is not None:
                cell._style = copy(known)
                continue
            _style_value(cell, value, col.kind, fmt)
            if fill:
                cell.fill = PatternFill("solid", start_color=fill)
            if strong:
                cell.font = bold
            cell.alignment = wrap if col.kind == "wrap" else top
            looks[key] = copy(cell._style)
    widths = [_width(col, rows, i) for i, col in enumerate(columns)]
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    wrapped = [i for i, col in enumerate(columns) if col.kind == "wrap"]
    for r, row in enumerate(rows, start=2):  # spreadsheets do not grow rows for text a program wraps
        lines = max((wrapped_lines(row[i], widths[i]) for i in wrapped), default=1)
        if lines > 1:
            ws.row_dimensions[r].height = 15 * min(lines, 20)
    ws.row_dimensions[1].height = 30
    ws.freeze_panes = freeze
    last = get_column_letter(len(columns))
    ws.auto_filter.ref = f"A1:{last}{max(len(rows) + 1, 2)}"
    print_setup(ws, landscape=True, pages_wide=1 if sum(widths) < 220 else 2)
    ws.print_title_rows = "1:1"  # the header row on every printed page
    return ws


def print_setup(ws: Any, landscape: bool, pages_wide: int = 1) -> None:
    """Printed on A4, one or two pages wide: a sheet never prints one column per page."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = pages_wide
    ws.page_setup.fitToHeight = 0  # as many pages down as it needs
    ws.print_options.gridLines = True


def _width(col: Column, rows: Sequence[Sequence[Any]], i: int) -> float:
    if col.kind in ("date", "datetime"):
        return max(col.width, 13 if col.kind == "date" else 18)
    longest = max(len(w) for w in col.header.split()) + 3  # the header wraps: its longest word counts
    for row in rows[:2000]:  # enough to size a column; a long list must not slow the save
        v = row[i].value if isinstance(row[i], Styled) else row[i]
        if v is not None and not isinstance(v, (date, datetime)):
            longest = max(longest, max((len(line) for line in str(v).splitlines()), default=0) + 2)
    return float(min(max(longest, col.width, _MIN_WIDTH), _MAX_WIDTH))


def wrapped_lines(value: Any, width: float) -> int:
    """Roughly how many lines ``value`` wraps to in a column ``width`` characters wide."""
    v = value.value if isinstance(value, Styled) else value
    if not isinstance(v, str) or not v:
        return 1
    return sum(max(1, -(-len(line) // int(width * 0.95))) for line in v.splitlines())


def status_cell(status: Status) -> Styled:
    """The status's plain word, its glyph in the format and its colour as the fill."""
    return Styled(status_word(status), tint(STATUS_COLOUR[status]), number_format=status_format(status))


def figure_cell(s: MetricSeries | None, difference: bool = False) -> Callable[[Any], Any]:
    """Wraps a figure of ``s`` in its unit's number format (text, such as a suppression code, as it is).
    ``difference``: a change or margin, shown to the same decimals without the unit's sign (a change of a
    percentage is in points, not per cent)."""
    if s is None:
        return lambda value: value
    kind = unit_kind(s.unit)
    fmt = figure_format("other" if difference and kind == "percent" else kind, figure_decimals(s))

    def cell(value: Any) -> Any:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return Styled(value, number_format=fmt)
        return value

    return cell


def put_styled(cell: Any, value: Any) -> None:
    """``put`` a value that may be Styled (its fill, bold and number format applied) into a single cell."""
    from openpyxl.styles import Font, PatternFill

    if not isinstance(value, Styled):
        put(cell, value)
        return
    put(cell, value.value, style=False)
    _style_value(cell, value.value, number_format=value.number_format)
    if value.fill:
        cell.fill = PatternFill("solid", start_color=value.fill)
    if value.bold:
        cell.font = Font(bold=True)


def grade_cell(grade: Grade | None) -> Styled | None:
    return None if grade is None else Styled(grade.label, tint(_GRADE_COLOUR[grade], 0.35))


def header_text(text: str, limit: int = 240) -> str:
    """Text for a printed page header: '&' starts Excel's header codes, so it is doubled; Excel
    refuses headers over 255 characters, so a long one is cut at a word with an ellipsis."""
    if len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0] + "…"
    return text.replace("&", "&&")
