"""The text and table sections of a briefing pack: at a glance, actions, inspections, notes and sources."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPen

from bcpviewer.model import glance as g
from bcpviewer.model.briefing import ActionRow, Briefing
from bcpviewer.model.links import safe_url
from bcpviewer.model.spans import format_date
from bcpviewer.model.vocab import SUBJUDGEMENTS, Grade, Polarity, Status
from bcpviewer.plots import style
from bcpviewer.report.page import INK, MUTED, Flow, Fonts, draw_lines, wrap
from bcpviewer.report.tables import Cell, Column, add_table

MAX_TABLE_ROWS = 250  # a briefing pack lists this many at most; the workbook has them all
BETTER_INK, WORSE_INK = QColor("#007A58"), QColor(style.OVERDUE_TEXT)


def status_cell(status: Status) -> Cell:
    mark = style.status_mark(status)
    return Cell(f"{mark.glyph} {status.label}", fill=style.status_fill(status))


def grade_cell(grade: Grade | None, short: bool = False) -> Cell:
    if grade is None:
        return Cell("–", ink=MUTED)
    return Cell(grade.short if short else grade.label, swatch=QColor(style.grade_mark(grade).colour),
                fill=style.grade_fill(grade))


def verdict_cell(c: g.Comparison | None, polarity: Polarity, unit: str, decimals: int) -> Cell:
    """``13.0% ✗ worse`` with a light fill: the word carries the meaning, the colour repeats it."""
    if c is None:
        return Cell("no figure", ink=MUTED)
    value = g.format_figure(c.now.comparator_value, unit, decimals)
    if polarity is Polarity.NEUTRAL:
        return Cell(f"{value} · no better direction")
    if c.better is None:
        return Cell(f"{value} {g.LEVEL} level")
    if c.better:
        return Cell(f"{value} {g.BETTER} better", fill=style.tint(style.OKABE_ITO["bluish_green"], 0.22))
    return Cell(f"{value} {g.WORSE} worse", fill=style.tint(style.OKABE_ITO["vermillion"], 0.22))


def ref(n: int | None) -> str:
    return f" [{n}]" if n else ""


# -- at a glance -------------------------------------------------------------------------------------
def glance_section(flow: Flow, b: Briefing, f: Fonts) -> None:
    gl = b.glance
    mm = flow.geometry.mm
    flow.heading("At a glance", f.h1, keep=mm(30))
    since = (f"gaps measured since {format_date(gl.since)} ({gl.since_reason})" if gl.since
             else f"gaps measured since {gl.since_reason}")
    flow.paragraph(f"Figures as at {format_date(b.as_of)}; {since}.", f.small, colour=MUTED, after=mm(3))
    visits = gl.visits_since_start.count if gl.visits_since_start else None
    tiles = [(str(len(b.overdue)), "actions overdue"),
             (str(len(b.at_risk)), "at risk (Red or Amber, not yet overdue)"),
             (str(len(gl.worse)), f"of {len(gl.metrics)} metrics worse than England or the neighbours")]
    if visits is not None:
        tiles.append((str(visits), "Ofsted visits since the Inadequate judgement"))
    _tiles(flow, tiles, f)
    flow.heading("Where the intervention stands", f.h2, before=mm(4), keep=mm(12))
    j = gl.last_judgement
    if j is None:
        flow.paragraph("No graded inspection in the data.", f.body)
    else:
        flow.paragraph(f"Last judgement: {g.judgement_text(j)}.", f.body, after=mm(1.5))
        changed = {k: before for k, before, _now in j.changes()}
        rows = []
        for key, grade in j.grades:
            before = changed.get(key)
            was = "no change"
            if key in changed:
                was = f"was {before.label}" if before else "not graded before"
            rows.append([dict(SUBJUDGEMENTS)[key], grade_cell(grade), Cell(was, ink=MUTED)])
        columns = [Column("Judgement", 3), Column("Grade", 3),
                   Column("Change since the inspection before", 3)]
        add_table(flow, columns, rows, f.table, f.table_bold)
        flow.space(mm(1.5))
    bad = gl.inadequate
    if bad is not None and (j is None or bad.event is not j.event):
        flow.paragraph(f"Inadequate judgement: {g.judgement_text(bad)}.", f.body, after=mm(1))
    if gl.visits_since_start is not None:
        visits_text = g.visits_text(gl.visits_since_start, "the Inadequate judgement")
        flow.paragraph(visits_text + ".", f.body, after=mm(1))
    flow.heading("Overdue actions", f.h2, before=mm(3), keep=mm(10))
    flow.paragraph(g.overdue_text(gl.overdue) + ".", f.body, after=mm(1))
    if gl.overdue.by_owner:
        owners = ", ".join(f"{name} {n}" for name, n in gl.overdue.by_owner)
        flow.paragraph(f"Overdue by owner: {owners}.", f.body)
    if gl.metrics:
        flow.heading("Metrics against England and statistical neighbours", f.h2, before=mm(3), keep=mm(16))
        flow.paragraph(f"{g.BETTER} better · {g.WORSE} worse, taking account of whether lower or higher is "
                       "better. Each figure is compared for the same period.", f.small, colour=MUTED,
                       after=mm(1))
        rows = []
        for m in gl.metrics:
            comps = {c.kind: c for c in m.comparisons}
            s = m.series
            latest = (f"{g.format_value(m.latest.value, s.unit, m.decimals)} ({m.latest.period.label})"
                      if m.latest and m.latest.value is not None else "no figures")
            trend = "; ".join(f"{c.label}: {c.trend}" for c in m.comparisons if c.trend) or "–"
            rows.append([Cell(f"{s.name}{ref(b.reference_for(s.source))}", bold=True),
                         Cell(_BETTER_WHEN.get(s.polarity, "context: no better direction"), ink=MUTED),
                         latest,
                         verdict_cell(comps.get("england"), s.polarity, s.unit, m.decimals),
                         verdict_cell(comps.get("neighbours"), s.polarity, s.unit, m.decimals), trend])
        add_table(flow, [Column("Metric", 3.2), Column("Better when", 1.6), Column("Latest", 2.2),
                         Column("England", 2), Column("Neighbours", 2),
                         Column("Gap since the start date", 3)],
                  rows, f.table, f.table_bold)


def _tiles(flow: Flow, tiles: list[tuple[str, str]], f: Fonts) -> None:
    mm = flow.geometry.mm
    gap = mm(3)
    width = (flow.width - gap * (len(tiles) - 1)) / len(tiles)
    label_lines = [wrap(label, f.small, width - mm(4), flow.device) for _n, label in tiles]
    big = flow.metrics(f.figure).lineSpacing()
    h = big + max(len(ls) for ls in label_lines) * flow.metrics(f.small).lineSpacing() + mm(5)

    def draw(p: QPainter, r: QRectF) -> None:
        for i, ((number, _label), lines) in enumerate(zip(tiles, label_lines, strict=True)):
            box = QRectF(r.left() + i * (width + gap), r.top(), width, r.height())
            p.setPen(QPen(QColor("#8C8C8C"), 0.8))
            p.setBrush(QBrush(QColor("#FAFAFA")))
            p.drawRoundedRect(box, mm(1.2), mm(1.2))
            draw_lines(p, QRectF(box.left() + mm(2), box.top() + mm(1.5), box.width() - mm(4), big),
                       [number], f.figure, INK)
            draw_lines(p, QRectF(box.left() + mm(2), box.top() + mm(1.5) + big, box.width() - mm(4),
                                 box.height()), lines, f.small, INK)

    flow.add(h, draw)


# -- actions ---------------------------------------------------------------------------------------
def actions_section(flow: Flow, b: Briefing, f: Fonts) -> None:
    mm = flow.geometry.mm
    flow.heading("Overdue actions", f.h1, keep=mm(25))
    overdue = b.overdue
    flow.paragraph(f"{len(overdue):,} action{'s' * (len(overdue) != 1)} not complete by their current due "
                   f"date, as at {format_date(b.as_of)}; longest overdue first." + _capped(len(overdue)),
                   f.small, colour=MUTED, after=mm(1.5))
    if overdue:
        add_table(flow, _ACTION_COLUMNS, [_action_cells(r) for r in overdue[:MAX_TABLE_ROWS]], f.table,
                  f.table_bold)
    else:
        flow.paragraph("No actions are overdue.", f.body)
    risky = b.at_risk
    flow.heading("At-risk actions", f.h1, before=mm(8), keep=mm(25))
    flow.paragraph(f"{len(risky):,} action{'s' * (len(risky) != 1)} marked Red or Amber that are not yet "
                   "past their due date; soonest due first." + _capped(len(risky)), f.small, colour=MUTED,
                   after=mm(1.5))
    if risky:
        add_table(flow, _RISK_COLUMNS, [_risk_cells(r) for r in risky[:MAX_TABLE_ROWS]], f.table,
                  f.table_bold)
    else:
        flow.paragraph("No actions are at risk.", f.body)


def _capped(n: int) -> str:
    return (f" The first {MAX_TABLE_ROWS} are listed; the summary workbook lists all {n:,}."
            if n > MAX_TABLE_ROWS else "")


_BETTER_WHEN = {Polarity.LOWER_IS_BETTER: "lower is better", Polarity.HIGHER_IS_BETTER: "higher is better"}
_ACTION_COLUMNS = [Column("ID", 1, fit=True), Column("Action", 5), Column("Owner", 2),
                   Column("Workstream", 2.4),
                   Column("Due now", 1, fit=True), Column("Days overdue", 1, right=True, fit=True),
                   Column("First due", 1, fit=True), Column("Status", 1, fit=True)]
_RISK_COLUMNS = [Column("ID", 1, fit=True), Column("Action", 5.5), Column("Owner", 2),
                 Column("Workstream", 2.6),
                 Column("Due", 1, fit=True), Column("Status", 1, fit=True)]


def _action_cells(r: ActionRow) -> list[Cell | str | None]:
    a, o = r.action, r.overdue
    assert o is not None
    return [a.id, a.title, a.owner or "not named", a.workstream,
            format_date(o.due), Cell(f"{o.days_late:,}", bold=True, ink=QColor(style.OVERDUE_TEXT)),
            format_date(a.due) if a.revised_due else "same", status_cell(a.status)]


def _risk_cells(r: ActionRow) -> list[Cell | str | None]:
    a = r.action
    return [a.id, a.title, a.owner or "not named", a.workstream, format_date(a.current_due, "not given"),
            status_cell(a.status)]


# -- inspections -----------------------------------------------------------------------------------
def inspections_section(flow: Flow, b: Briefing, f: Fonts) -> None:
    mm = flow.geometry.mm
    flow.heading("Inspections and visits", f.h1, keep=mm(25))
    flow.paragraph("Ofsted inspections and visits in the period, with the grades of each judgement. "
                   "RI: requires improvement to be good. Monitoring visits are not graded.", f.small,
                   colour=MUTED, after=mm(1.5))
    events = b.inspections
    if not events:
        flow.paragraph("No inspections or visits in the period.", f.body)
        return
    rows = []
    for e in events:
        when = e.when_label + (f"; published {format_date(e.published)}" if e.published else "")
        rows.append([Cell(f"{e.kind.label}: {e.title}{ref(b.reference_for(e.source))}\n{when}"),
                     *(grade_cell(e.grades.get(key), short=True) for key, _label in SUBJUDGEMENTS)])
    heads = ["Overall", "Leaders", "Help and protection", "Children in care", "Care leavers"]
    add_table(flow, [Column("Inspection or visit, dates", 5), *(Column(h, 1.45, fit=True) for h in heads)],
              rows, f.table, f.table_bold)


# -- notes and sources -----------------------------------------------------------------------------
def notes_section(flow: Flow, b: Briefing, f: Fonts) -> None:
    mm = flow.geometry.mm
    flow.heading("Notes for the committee", f.h1, keep=mm(25))
    notes = b.briefing_notes
    flow.paragraph("Notes the researcher marked for this briefing, in date order, each with its source "
                   "(numbers refer to the Sources list at the end).", f.small, colour=MUTED, after=mm(2))
    if not notes:
        flow.paragraph("No notes are marked for the briefing.", f.body)
    for i, n in enumerate(notes, start=1):
        a = n.annotation
        flow.heading(f"{i}. {n.where}", f.bold, before=mm(2.5), keep=flow.metrics(f.body).lineSpacing() * 2)
        flow.paragraph(a.text.strip() or "(no text)", f.body, indent=mm(4))
        bits = []
        if n.reference:
            bits.append(f"Source: [{n.reference}] {a.source_title or a.source_url}")
        else:
            bits.append("Source: none given")
        if a.tags:
            bits.append("Tags: " + ", ".join(a.tags))
        if a.author:
            bits.append(f"By {a.author}")
        bits.append(f"Last edited {format_date(a.edited.date())}")
        flow.paragraph(" · ".join(bits), f.small, colour=MUTED, indent=mm(4))


def sources_section(flow: Flow, b: Briefing, f: Fonts) -> None:
    mm = flow.geometry.mm
    flow.heading("Sources", f.h1, keep=mm(20))
    refs = b.pack_references
    if not refs:
        flow.paragraph("Nothing in this pack cites a source.", f.body)
        return
    flow.paragraph("Documents cited in this pack by number. Check every figure against its source.",
                   f.small, colour=MUTED, after=mm(2))
    for r in refs:
        text = f"[{r.number}] {r.title}"
        details = [x for x in (r.publisher, format_date(r.published) if r.published else "") if x]
        if details:
            text += ". " + ", ".join(details)
        url = safe_url(r.url)
        if url and url.lower().startswith(("http://", "https://")):
            text += f". {url}"
        elif r.source_id:
            text += f". (Sources sheet: {r.source_id})"
        flow.paragraph(text, f.body, after=mm(1.2))


def legend_line(flow: Flow, f: Fonts, height: float) -> None:
    """The timeline's key: each colour with its glyph and word, and the other marks in words."""
    pieces: list[tuple[str, QColor]] = []
    for status in (Status.COMPLETE, Status.GREEN, Status.AMBER, Status.RED, Status.NOT_STARTED):
        mark = style.status_mark(status)
        pieces += [(mark.glyph, QColor(mark.colour)), (f" {mark.word}   ", INK)]
    pieces += [("Hatched: later than the first due date · dark red edge and line to the as-at date: "
                "overdue · ✓ completed · ▼ report published · ◆ inspection · ● monitoring visit · "
                "▲ focused visit", INK)]

    def draw(p: QPainter, r: QRectF) -> None:
        p.setFont(f.small)
        fm = QFontMetricsF(f.small, p.device())
        x, y = r.left(), r.top() + fm.ascent()
        for text, colour in pieces:
            for word in _chunks(text):
                w = fm.horizontalAdvance(word)
                if x + w > r.right() and x > r.left():
                    x, y = r.left(), y + fm.lineSpacing()
                p.setPen(QPen(colour))
                p.drawText(QPointF(x, y), word)
                x += w

    flow.add(height, draw)


def _chunks(text: str) -> list[str]:
    """Words with their trailing spaces, so a line breaks between words."""
    out, word = [], ""
    for ch in text:
        word += ch
        if ch == " ":
            out.append(word)
            word = ""
    if word:
        out.append(word)
    return out

