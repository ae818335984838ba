"""The shared visual style: Okabe-Ito colours, status glyphs and grade colours for tables, plots and print."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor

from bcpviewer.model.vocab import Grade, Status

# Okabe & Ito (2008), "Color Universal Design": distinguishable with the common colour-vision deficiencies.
OKABE_ITO: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}
GREY = "#999999"
LIGHT_GREY = "#C8C8C8"

# Print-friendly defaults: dark ink on white paper.
BACKGROUND = "#FFFFFF"
FOREGROUND = "#1A1A1A"
GRID = "#D9D9D9"
MUTED = "#6B6B6B"
OVERDUE_TEXT = "#9E3F00"  # a darkened vermillion that stays readable on white and on light tints

TINT_STRENGTH = 0.28  # how much colour a light fill keeps (the rest is white)


@dataclass(frozen=True, slots=True)
class Mark:
    """How a category is drawn: a colour, a glyph so colour is never the only cue, and a short word."""

    colour: str
    glyph: str
    word: str

    @property
    def text(self) -> str:
        return f"{self.glyph} {self.word}" if self.glyph else self.word


STATUS_MARKS: dict[Status, Mark] = {
    Status.RED: Mark(OKABE_ITO["vermillion"], "●", "Red"),
    Status.AMBER: Mark(OKABE_ITO["orange"], "▲", "Amber"),
    Status.GREEN: Mark(OKABE_ITO["bluish_green"], "■", "Green"),
    Status.COMPLETE: Mark(OKABE_ITO["blue"], "✓", "Complete"),
    Status.NOT_STARTED: Mark(GREY, "○", "Not started"),
    Status.UNKNOWN: Mark(LIGHT_GREY, "?", "Not stated"),
}

GRADE_MARKS: dict[Grade, Mark] = {
    Grade.OUTSTANDING: Mark(OKABE_ITO["blue"], "", "Outstanding"),
    Grade.GOOD: Mark(OKABE_ITO["bluish_green"], "", "Good"),
    Grade.REQUIRES_IMPROVEMENT: Mark(OKABE_ITO["orange"], "", "RI"),
    Grade.INADEQUATE: Mark(OKABE_ITO["vermillion"], "", "Inadequate"),
}


def qcolor(hex_colour: str) -> QColor:
    """A QColor from ``#RRGGBB``."""
    return QColor(hex_colour)


def tint(hex_colour: str, strength: float = TINT_STRENGTH) -> QColor:
    """A light fill of ``hex_colour``: mixed with white, keeping ``strength`` of the colour."""
    c = QColor(hex_colour)
    mix = lambda v: round(255 - (255 - v) * strength)  # noqa: E731
    return QColor(mix(c.red()), mix(c.green()), mix(c.blue()))


def status_mark(status: Status) -> Mark:
    return STATUS_MARKS[status]


def status_fill(status: Status) -> QColor:
    """The light background used behind a status in tables."""
    return tint(STATUS_MARKS[status].colour)


def grade_mark(grade: Grade) -> Mark:
    return GRADE_MARKS[grade]


def grade_fill(grade: Grade) -> QColor:
    """The light background used behind a grade in tables."""
    return tint(GRADE_MARKS[grade].colour)
