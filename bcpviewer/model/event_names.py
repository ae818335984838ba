"""Short names of events, as a reader scans them on the timeline and on charts: "FV", "MV3",
"ILACS: Inadequate", "Direction", "O&S". The full title stays in the tooltip and in Details.

A visit's number is read from its title ("Monitoring visit 3"); it is never counted, so a dataset that
lacks the first visits does not mislabel the later ones.
"""

from __future__ import annotations

import re

from bcpviewer.model.records import Event
from bcpviewer.model.vocab import EventKind

K = EventKind
SHORT_NAMES: dict[EventKind, str] = {
    K.STANDARD_INSPECTION: "ILACS", K.SHORT_INSPECTION: "ILACS (short)", K.SIF_INSPECTION: "SIF",
    K.FOCUSED_VISIT: "FV", K.MONITORING_VISIT: "MV", K.JTAI: "JTAI", K.AREA_SEND: "SEND",
    K.ANNUAL_ENGAGEMENT: "Engagement", K.IMPROVEMENT_NOTICE: "Notice", K.STATUTORY_DIRECTION: "Direction",
    K.DIRECTION_REVOKED: "Direction revoked", K.ADVISER_APPOINTED: "Adviser", K.ADVISER_REPORT: "Adviser report",
    K.PLAN_SUBMITTED: "Plan in", K.PLAN_APPROVED: "Plan signed off", K.IMPROVEMENT_BOARD: "Board",
    K.SCRUTINY_MEETING: "O&S", K.CABINET: "Cabinet", K.LEADERSHIP_CHANGE: "Leadership",
    K.COUNCIL_FORMED: "Council formed", K.PRESS_REPORT: "Press",
}
_NUMBER = re.compile(r"\bvisit\s+(\d+)\b", re.IGNORECASE)
_NUMBERED = frozenset({K.MONITORING_VISIT, K.FOCUSED_VISIT})


def short_name(e: Event) -> str:
    """A few characters naming ``e``: its kind's short name, the visit's number from its title, the
    overall grade of a judgement ("ILACS: Inadequate"); an event of kind Other goes by its title."""
    if e.kind is K.OTHER:
        return e.title.strip() or "Event"
    text = SHORT_NAMES.get(e.kind, e.kind.label)
    m = _NUMBER.search(e.title) if e.kind in _NUMBERED else None
    if m:
        text += m.group(1)
    if e.overall is not None:
        text += f": {e.overall.short}"
    return text
