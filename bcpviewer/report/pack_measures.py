"""The measures in the pack: the scorecard against England, region and neighbours (with the rule for
"similar"), the metric charts two to a page, progress against impact and targets."""

from __future__ import annotations

from collections.abc import Callable

from bcpviewer.model.briefing import Briefing, effect_text, margin_text, observation_text, outcome_text
from bcpviewer.model.impact import Effect, ImpactCheck, figure
from bcpviewer.model.records import Observation
from bcpviewer.model.scorecard import BETTER, SIMILAR_RULE, WORSE, Against, ScoreRow, score_words
from bcpviewer.model.spans import format_date
from bcpviewer.model.targets import Outcome, TargetCheck
from bcpviewer.model.vocab import Polarity
from bcpviewer.plots.chart_style import DEFAULT_EVENT_KINDS, event_label
from bcpviewer.report import typst_markup as t
from bcpviewer.report.figures import Chart
from bcpviewer.report.pack_front import MAX_TABLE_ROWS, capped, ref, status_cell

_BETTER_WHEN = {Polarity.LOWER_IS_BETTER: "Lower is better", Polarity.HIGHER_IS_BETTER: "Higher is better",
                Polarity.NEUTRAL: "Context: no better direction"}
AddChart = Callable[[Chart], str]  # stores a chart's SVG beside the document, returns its file name


def _against(r: ScoreRow, a: Against | None) -> t.Cell:
    if a is None:
        return t.Cell("no figure")
    fill = t.BETTER_FILL if a.verdict == BETTER else t.WORSE_FILL if a.verdict == WORSE else None
    latest = r.latest.period.label if r.latest else ""
    when = f" ({a.period})" if a.period != latest else ""
    return t.Cell(f"{r.figure(a.value)}{when}\n{a.verdict}", fill=fill)


def scorecard(b: Briefing) -> str:
    if not b.scorecard:
        return ""
    rows = []
    for r in b.scorecard:
        s = r.series
        latest = f"{r.figure(r.latest.value)}\n{r.latest.period.label}" if r.latest else "no figures"
        rows.append([t.Cell(f"{s.name}{ref(b.reference_for(s.source))}", bold=True), _BETTER_WHEN[s.polarity],
                     latest, r.travel or "–", _against(r, r.comparator("england")),
                     _against(r, r.comparator("region")), _against(r, r.comparator("neighbours"))])
    out = [t.heading(1, "Scorecard", page_break=True),
           t.note("Each measure's latest figure against England, its region and its statistical neighbours for "
                  "the same period (a different period is named), read the way the measure is read. "
                  f"{SIMILAR_RULE} Direction of travel compares the latest figure with the one before, by the "
                  "same rule."),
           t.table(["2fr", "1fr", "1.1fr", "1fr", "1fr", "1fr", "1.1fr"],
                   ["Measure [source]", "Better when", "Latest", "Direction of travel", "England", "Region",
                    "Statistical neighbours"], rows)]
    labels = sorted({a.label for r in b.scorecard for a in r.against if a.kind == "neighbours"})
    if labels:
        grouping = [x for x in b.references[: b.pack_reference_count] if "neighbour" in x.title.casefold()]
        said = "; ".join(f"{x.title}{ref(x.number)}" for x in grouping)
        named = " ".join(s.notes.strip() for s in b.sources if s.notes and "neighbour" in s.title.casefold())
        text = (f"Statistical neighbours ({', '.join(labels)}): " + (f"{said}. {named}" if said else
                "the data does not say which DfE model (2021 or 2025) or which councils; the answer depends on it."))
        out.append(t.par(t.small(t.q(text.strip()), t.INK)))
    return "".join(out)


def charts(b: Briefing, add: AddChart, make: Callable[[int], Chart], width: str = "100%") -> str:
    """Two charts a page, each with its alt text, a caption in words and its source."""
    if not b.series:
        return ""
    out = [t.heading(1, "Metric charts", page_break=True),
           t.note("The council is the heavy solid line; England, the region and the neighbours each have their own "
                  "colour, dash and marker. Events are vertical lines. Each figure is drawn at the end of its "
                  "period.")]
    lines = [e for e in b.selection.events if e.kind in DEFAULT_EVENT_KINDS]
    if lines:
        out.append(t.note("Event lines on every chart (a label that would overlap another is left off the drawing; "
                          "every line is listed here): " + "; ".join(f"{event_label(e)}: {e.kind.label}, {e.when_label}"
                                                                   for e in lines) + "."))
    by_id = {r.series.id: r for r in b.scorecard}
    for i, s in enumerate(b.series):
        if i and i % 2 == 0:
            out.append("#pagebreak()\n")
        chart = make(i)
        row = by_id.get(s.id)
        words = (score_words(row) if row else s.name).rstrip(".") + "."
        source = b.reference_for(s.source)
        release = f", {s.release}" if s.release else ""
        cited = f" Source{ref(source)}{release}." if source or s.release else ""
        notes = " ".join(f"Note: {n.text.strip()}{ref(n.reference)}" for n in b.series_notes.get(s.id, ())
                         if n.annotation.include_in_briefing)
        out.append(t.figure(add(chart), chart.alt, t.q(f"{words}{cited} {notes}".strip()), width=width))
    return "".join(out)


# -- progress against impact ---------------------------------------------------------------------------------
def _figure_text(o: Observation | None, unit: str) -> str:
    return "–" if o is None or o.value is None else f"{figure(o.value, unit)}\n{o.period.label}"


def _effect_cell(c: ImpactCheck) -> t.Cell:
    fill = t.WORSE_FILL if c.effect is Effect.WORSENED else t.BETTER_FILL if c.effect is Effect.IMPROVED else None
    return t.Cell(effect_text(c.effect), fill=fill, bold=c.concern)


def _impact_rows(b: Briefing, checks: tuple[ImpactCheck, ...]) -> list[list[t.Cell | str | None]]:
    rows: list[list[t.Cell | str | None]] = []
    for c in checks[:MAX_TABLE_ROWS]:
        unit = c.series.unit if c.series is not None else ""
        metric = (f"{c.metric_text}\n(no such metric loaded)" if c.series is None else
                  f"{c.series.name}{ref(b.reference_for(c.series.source))}"
                  + ("\nlinked in the app" if c.linked_in_app else ""))
        before = _figure_text(c.before, unit) + ("\n(first figure after the start)"
                                                 if c.baseline_after_start and c.before is not None else "")
        since = f"\nfrom {format_date(c.since)}" if c.since else ""
        rows.append([t.Cell(c.action.id, bold=True), c.action.title + since, status_cell(c.action.status), metric,
                     before, _figure_text(c.after, unit), _effect_cell(c)])
    return rows


def impact(b: Briefing) -> str:
    if not b.shows("impact"):
        return ""
    cols = ["auto", "2fr", "1fr", "1.5fr", "1.1fr", "1.1fr", "1.1fr"]
    head = ["ID", "Action", "Status", "Measure", "Before the action", "Latest", "Effect"]
    concerns = b.impact_concerns
    rest = tuple(c for c in b.impact if not c.concern)
    out = [t.heading(1, "Progress against impact", page_break=True),
           t.note("Each action that names a measure: the figure before the action started against the latest "
                  f"figure as at {format_date(b.as_of)}, read the way the measure is read. This shows an "
                  "association, not proof: a measure moves for many reasons besides one action."),
           t.heading(2, f"Rated Green or Complete, but the measure got worse ({len(concerns):,})")]
    out.append(t.table(cols, head, _impact_rows(b, concerns)) if concerns else
               t.par(t.q("None: no action rated Green or Complete has a measure that got worse.")))
    if rest:
        out.append(t.heading(2, f"Other actions with a measure ({len(rest):,})"))
        out.append(t.note("Got worse first, then no change, then improved." + capped(len(rest))))
        out.append(t.table(cols, head, _impact_rows(b, rest)))
    return "".join(out)


# -- targets -----------------------------------------------------------------------------------------------
_OUTCOME_ORDER = {Outcome.MISSED: 0, Outcome.NO_FIGURE: 1, Outcome.MET: 2, Outcome.NOT_YET_DUE: 3,
                  Outcome.NO_DATE: 4}


def _target_row(b: Briefing, x: TargetCheck) -> list[t.Cell | str | None]:
    s = x.series
    judged = observation_text(x.judged_on, s.unit) if x.judged_on else "–"
    if x.skipped:
        judged += "\nearlier figures suppressed: " + ", ".join(o.period.label for o in x.skipped)
    latest = observation_text(x.latest, s.unit)
    if x.meeting_now is not None:
        latest += "\nmeets the target" if x.meeting_now else "\ndoes not meet the target"
    margin = margin_text(x) or (f"due {format_date(x.target.due)}" if x.outcome is Outcome.NOT_YET_DUE
                                and x.target.due else "–")
    fill = t.BETTER_FILL if x.outcome is Outcome.MET else t.WORSE_FILL if x.outcome is Outcome.MISSED else None
    return [t.Cell(f"{s.name}{ref(b.reference_for(s.source))}", bold=True),
            x.label + ("\nentered in the app" if x.entered_in_app else ""),
            t.Cell(outcome_text(x.outcome), fill=fill, bold=x.outcome is Outcome.MISSED), judged,
            t.Cell(margin, bold=x.outcome is Outcome.MISSED), latest]


def targets(b: Briefing) -> str:
    if not b.shows("targets"):
        return ""
    ordered = sorted(b.targets, key=lambda x: (_OUTCOME_ORDER[x.outcome], x.target.due or b.as_of))
    counts = [f"{sum(1 for x in b.targets if x.outcome is o):,} {o.label.lower()}" for o in Outcome
              if any(x.outcome is o for x in b.targets)]
    return (t.heading(1, "Targets")
            + t.note("Each target is judged on the first figure for a period ending on or after its date "
                     f"(figures as at {format_date(b.as_of)}); before that date it is not yet due.")
            + t.par(t.q(f"{len(b.targets):,} target{'s' * (len(b.targets) != 1)}: {', '.join(counts)}."))
            + t.table(["1.4fr", "1.2fr", "1fr", "1fr", "1fr", "1fr"],
                      ["Measure", "Target", "Outcome", "Judged on", "By how much", "Latest"],
                      [_target_row(b, x) for x in ordered[:MAX_TABLE_ROWS]])
            + (t.note(capped(len(ordered)).strip()) if len(ordered) > MAX_TABLE_ROWS else ""))
