"""Journeys across councils from the official data (the shipped file, or the user's updated copy),
with no file open: every council's ILACS inspections, the rates offered (core ones first), and one
rate for chosen councils; councils keyed by display name as the Journeys window keys them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from bcpviewer.io import journeys as ji
from bcpviewer.io.errors import Cancelled
from bcpviewer.io.official import OfficialData, source_id
from bcpviewer.model import indicators as cat
from bcpviewer.model.records import Event, MetricSeries, Observation, Origin, Problem
from bcpviewer.model.spans import Span, SpanKind
from bcpviewer.model.vocab import Polarity

NAME = "the bundled official data"
CancelCheck = Callable[[], bool]


def outcomes(cancelled: CancelCheck | None = None) -> tuple[dict[str, list[Event]], list[Problem], list[str]]:
    """Every council's inspections (a council with none is listed with none), keyed by display
    name; no problems (the build reported them); and the rates offered, core ones first."""
    with OfficialData() as od:
        out: dict[str, list[Event]] = {}
        for c in od.councils():
            if cancelled is not None and cancelled():
                raise Cancelled()
            out[ji.display_name(c.code, c.name)] = od.events(c.code)
        names = [n for n, in od.db.execute(
            "SELECT name FROM indicators WHERE kind = ? ORDER BY core DESC, key", (cat.Kind.RATE.value,))]
    first = [i.name for i in cat.CATALOGUE if i.core and i.name in names]
    return dict(sorted(out.items(), key=lambda kv: kv[0].casefold())), [], first + [n for n in names if n not in first]


def metric(councils: Sequence[str], indicator: str, cancelled: CancelCheck | None = None
           ) -> tuple[dict[str, MetricSeries], list[Problem]]:
    """Each council's series of ``indicator`` (by display names, codes or names); a problem for
    each council with no figure for it."""
    wanted = {c: ji.code_of(c) for c in dict.fromkeys(councils)}
    found: dict[str, MetricSeries] = {}
    problems: list[Problem] = []
    with OfficialData() as od:
        ind = od.db.execute("SELECT key, unit, polarity, theme FROM indicators WHERE name = ?",
                            (indicator,)).fetchone()
        if ind is None:
            return found, [Problem(NAME, None, None, None, indicator, "the official data has no such indicator")]
        key, unit, polarity, theme = ind
        codes = [c for c in wanted.values() if c]
        rows = od.db.execute(
            "SELECT o.area, p.start, p.end, p.kind, o.value, o.code, o.release, o.source FROM observations o "
            f"JOIN periods p ON p.id = o.period WHERE o.indicator = ? AND o.area IN ({','.join('?' * len(codes))}) "
            "ORDER BY p.end", (key, *codes))
        by_code: dict[str, list[tuple[Observation, int]]] = {}
        for area, start, end, kind, value, code, release, source in rows:
            if cancelled is not None and cancelled():
                raise Cancelled()
            span = Span(date.fromisoformat(start), date.fromisoformat(end), SpanKind(kind))
            rel = od.releases[source]
            by_code.setdefault(area, []).append((Observation(span, value, code, release or rel.release), source))
        for council, code in wanted.items():
            obs = by_code.get(code or "")
            if not obs:
                problems.append(Problem(NAME, None, None, None, council,
                                        f"no figures for this council's {indicator[:1].lower()}{indicator[1:]}"))
                continue
            rel = od.releases[obs[-1][1]]
            found[council] = MetricSeries(
                id=f"M-{code}-{key}", name=indicator, unit=unit or "", polarity=Polarity(polarity), theme=theme,
                observations=tuple(o for o, _s in obs), source=source_id(rel.file), release=rel.release,
                origin=Origin(rel.file))
    return found, problems
