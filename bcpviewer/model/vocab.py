"""The domain's vocabularies: action status (RAG/BRAG), Ofsted grades, event kinds, polarity, codes."""

from __future__ import annotations

import re
from enum import Enum, IntEnum


def squash(text: str) -> str:
    """Lower-case and keep letters and digits only: how words and headers are compared."""
    return _NON_ALNUM.sub("", text.casefold())


_NON_ALNUM = re.compile(r"[\W_]+", re.UNICODE)


class Status(str, Enum):
    """Where an action stands, as a RAG/BRAG tracker says it."""

    RED = "red"
    AMBER = "amber"
    GREEN = "green"
    COMPLETE = "complete"  # "blue" in BRAG trackers
    NOT_STARTED = "not_started"  # grey / not yet due
    UNKNOWN = "unknown"  # blank, or a word the tracker did not explain

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    Status.RED: "Red (off track)",
    Status.AMBER: "Amber (at risk)",
    Status.GREEN: "Green (on track)",
    Status.COMPLETE: "Complete",
    Status.NOT_STARTED: "Not started",
    Status.UNKNOWN: "Not stated",
}

STATUS_WORDS: dict[str, Status] = {
    squash(w): s
    for s, words in {
        Status.RED: ["red", "r", "off track", "overdue", "behind", "late", "not on track"],
        Status.AMBER: ["amber", "a", "at risk", "some slippage", "slipping", "partially on track"],
        Status.GREEN: ["green", "g", "on track", "in progress", "on target"],
        Status.COMPLETE: [
            "blue", "b", "complete", "completed", "done", "closed", "achieved", "finished",
        ],
        Status.NOT_STARTED: ["grey", "gray", "not started", "not yet due", "not due", "pending"],
    }.items()
    for w in words
}


class Grade(IntEnum):
    """Ofsted's four-point scale (1 is best)."""

    OUTSTANDING = 1
    GOOD = 2
    REQUIRES_IMPROVEMENT = 3
    INADEQUATE = 4

    @property
    def label(self) -> str:
        return _GRADE_LABELS[self]

    @property
    def short(self) -> str:
        return _GRADE_SHORT[self]


_GRADE_LABELS = {
    Grade.OUTSTANDING: "Outstanding",
    Grade.GOOD: "Good",
    Grade.REQUIRES_IMPROVEMENT: "Requires improvement to be good",
    Grade.INADEQUATE: "Inadequate",
}
_GRADE_SHORT = {
    Grade.OUTSTANDING: "Outstanding",
    Grade.GOOD: "Good",
    Grade.REQUIRES_IMPROVEMENT: "RI",
    Grade.INADEQUATE: "Inadequate",
}

GRADE_WORDS: dict[str, Grade] = {
    squash(w): g
    for g, words in {
        Grade.OUTSTANDING: ["outstanding", "o", "1"],
        Grade.GOOD: ["good", "g", "2"],
        Grade.REQUIRES_IMPROVEMENT: [
            "requires improvement", "requires improvement to be good", "ri", "rig", "3",
        ],
        Grade.INADEQUATE: ["inadequate", "i", "4"],
    }.items()
    for w in words
}

# Words that mean "no grade here" rather than a word we failed to read.
NO_GRADE_WORDS = frozenset(
    squash(w)
    for w in ["", "n/a", "na", "none", "not graded", "no grade", "-", "inspection_pre_dates_judgement",
              "not reported", "not_reported_post_reform"]
)

# Sub-judgements of an ILACS inspection, in report order, with their labels.
SUBJUDGEMENTS: tuple[tuple[str, str], ...] = (
    ("overall", "Overall effectiveness"),
    ("leaders", "Impact of leaders"),
    ("help_protection", "Help and protection"),
    ("in_care", "Children in care"),
    ("care_leavers", "Care leavers"),
)
SUBJUDGEMENT_LABELS = dict(SUBJUDGEMENTS)


class EventKind(str, Enum):
    """The kinds of dated event on a council's improvement journey."""

    STANDARD_INSPECTION = "standard_inspection"
    SHORT_INSPECTION = "short_inspection"
    SIF_INSPECTION = "sif_inspection"
    FOCUSED_VISIT = "focused_visit"
    MONITORING_VISIT = "monitoring_visit"
    JTAI = "jtai"
    AREA_SEND = "area_send"
    ANNUAL_ENGAGEMENT = "annual_engagement"
    IMPROVEMENT_NOTICE = "improvement_notice"
    STATUTORY_DIRECTION = "statutory_direction"
    DIRECTION_REVOKED = "direction_revoked"
    ADVISER_APPOINTED = "adviser_appointed"
    ADVISER_REPORT = "adviser_report"
    PLAN_SUBMITTED = "plan_submitted"
    PLAN_APPROVED = "plan_approved"
    IMPROVEMENT_BOARD = "improvement_board"
    SCRUTINY_MEETING = "scrutiny_meeting"
    CABINET = "cabinet"
    LEADERSHIP_CHANGE = "leadership_change"
    COUNCIL_FORMED = "council_formed"
    PRESS_REPORT = "press_report"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]

    @property
    def is_inspection(self) -> bool:
        """Inspections and visits by Ofsted (or joint inspectorates)."""
        return self in INSPECTION_KINDS


_KIND_LABELS = {
    EventKind.STANDARD_INSPECTION: "Standard inspection",
    EventKind.SHORT_INSPECTION: "Short inspection",
    EventKind.SIF_INSPECTION: "SIF inspection",
    EventKind.FOCUSED_VISIT: "Focused visit",
    EventKind.MONITORING_VISIT: "Monitoring visit",
    EventKind.JTAI: "JTAI",
    EventKind.AREA_SEND: "Area SEND inspection",
    EventKind.ANNUAL_ENGAGEMENT: "Annual engagement meeting",
    EventKind.IMPROVEMENT_NOTICE: "Improvement notice",
    EventKind.STATUTORY_DIRECTION: "Statutory direction",
    EventKind.DIRECTION_REVOKED: "Direction revoked",
    EventKind.ADVISER_APPOINTED: "Adviser appointed",
    EventKind.ADVISER_REPORT: "Adviser report",
    EventKind.PLAN_SUBMITTED: "Plan submitted",
    EventKind.PLAN_APPROVED: "Plan approved",
    EventKind.IMPROVEMENT_BOARD: "Improvement board",
    EventKind.SCRUTINY_MEETING: "Scrutiny meeting",
    EventKind.CABINET: "Cabinet",
    EventKind.LEADERSHIP_CHANGE: "Leadership change",
    EventKind.COUNCIL_FORMED: "Council formed",
    EventKind.PRESS_REPORT: "Press report",
    EventKind.OTHER: "Other",
}

INSPECTION_KINDS = frozenset(
    {
        EventKind.STANDARD_INSPECTION,
        EventKind.SHORT_INSPECTION,
        EventKind.SIF_INSPECTION,
        EventKind.FOCUSED_VISIT,
        EventKind.MONITORING_VISIT,
        EventKind.JTAI,
        EventKind.AREA_SEND,
    }
)

KIND_WORDS: dict[str, EventKind] = {
    squash(w): k
    for k, words in {
        EventKind.STANDARD_INSPECTION: [
            "standard inspection", "ilacs", "ilacs inspection", "ilacs standard inspection",
            "full inspection", "re-inspection", "reinspection", "inspection", "standard",
        ],
        EventKind.SHORT_INSPECTION: ["short inspection", "ilacs short inspection", "short"],
        EventKind.SIF_INSPECTION: ["sif inspection", "sif", "single inspection framework"],
        EventKind.FOCUSED_VISIT: ["focused visit", "fv", "focussed visit"],
        EventKind.MONITORING_VISIT: ["monitoring visit", "mv", "monitoring"],
        EventKind.JTAI: ["jtai", "joint targeted area inspection"],
        EventKind.AREA_SEND: ["area send inspection", "send inspection", "area send", "send"],
        EventKind.ANNUAL_ENGAGEMENT: [
            "annual engagement", "annual engagement meeting", "annual conversation",
        ],
        EventKind.IMPROVEMENT_NOTICE: ["improvement notice", "notice"],
        EventKind.STATUTORY_DIRECTION: ["statutory direction", "direction", "direction issued"],
        EventKind.DIRECTION_REVOKED: [
            "direction revoked", "revoked", "direction lifted", "notice revoked", "notice lifted",
        ],
        EventKind.ADVISER_APPOINTED: [
            "adviser appointed", "advisor appointed", "commissioner appointed",
            "improvement adviser appointed",
        ],
        EventKind.ADVISER_REPORT: [
            "adviser report", "advisor report", "commissioner report", "improvement adviser report",
        ],
        EventKind.PLAN_SUBMITTED: ["plan submitted", "action plan submitted"],
        EventKind.PLAN_APPROVED: ["plan approved", "signed off", "plan signed off", "sign off"],
        EventKind.IMPROVEMENT_BOARD: ["improvement board", "board", "improvement board meeting"],
        EventKind.SCRUTINY_MEETING: [
            "scrutiny meeting", "scrutiny", "o&s", "os", "overview and scrutiny", "committee",
            "scrutiny committee",
        ],
        EventKind.CABINET: ["cabinet", "cabinet meeting"],
        EventKind.LEADERSHIP_CHANGE: [
            "leadership change", "new dcs", "dcs appointed", "chief executive appointed",
        ],
        EventKind.COUNCIL_FORMED: ["council formed", "formed", "unitary created"],
        EventKind.PRESS_REPORT: ["press report", "press", "media", "news"],
        EventKind.OTHER: ["other"],
    }.items()
    for w in words
}


class Polarity(str, Enum):
    """Which direction of a metric is good news."""

    HIGHER_IS_BETTER = "higher"
    LOWER_IS_BETTER = "lower"
    NEUTRAL = "neutral"  # context measures (demand, counts) with no better direction

    @property
    def label(self) -> str:
        return {
            Polarity.HIGHER_IS_BETTER: "higher is better",
            Polarity.LOWER_IS_BETTER: "lower is better",
            Polarity.NEUTRAL: "no better direction",
        }[self]


POLARITY_WORDS: dict[str, Polarity] = {
    squash(w): p
    for p, words in {
        Polarity.HIGHER_IS_BETTER: [
            "higher", "high", "higher is better", "up", "increase", "higher better", "more",
        ],
        Polarity.LOWER_IS_BETTER: [
            "lower", "low", "lower is better", "down", "decrease", "lower better", "less",
        ],
        Polarity.NEUTRAL: ["neutral", "none", "n/a", "context", "no polarity"],
    }.items()
    for w in words
}

# Codes that stand in for a number in official statistics; kept as coded gaps, never zero.
SUPPRESSION_CODES: dict[str, str] = {
    "c": "confidential (suppressed to protect individuals)",
    "x": "not available",
    "z": "not applicable",
    "k": "rounds to zero",
    "u": "low reliability",
    "low": "low count, suppressed",
    ":": "not available",
    "n/a": "not applicable",
    "na": "not applicable",
    "-": "not available",
    "*": "suppressed",
    "..": "not available",
}
