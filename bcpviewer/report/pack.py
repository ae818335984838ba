"""The briefing pack as one Typst document: written from a Briefing, compiled to a tagged PDF/UA-1 file (or to
page images for printing and preview), with the app's charts as SVG and the shipped accessible font."""

from __future__ import annotations

import importlib.resources
import json
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bcpviewer.model.briefing import LANDSCAPE, Briefing
from bcpviewer.model.spans import format_date
from bcpviewer.report import pack_back, pack_context, pack_front, pack_measures
from bcpviewer.report import typst_markup as t
from bcpviewer.report.figures import Chart, MetricCharts, journeys_chart, metric_alt, timeline_chart

Progress = Callable[[float, str], None]
PDF_STANDARD = "ua-1"
CHART_W, CHART_H = 720, 380  # pixels at 96 per inch: a chart half an A4 page, its text at print size
TIMELINE_W, TIMELINE_H = 1040, 520  # a landscape page
JOURNEYS_W, JOURNEYS_H = 720, 560


class PackError(OSError):
    """The pack could not be made (the typesetter failed); ``str`` says why in one sentence."""


@dataclass(frozen=True)
class PackResult:
    pages: int
    sections: dict[str, int] = field(default_factory=dict)  # section title -> first page, in pack order


@dataclass
class Document:
    """The Typst source and the SVG files it names."""

    source: str
    files: dict[str, bytes]


def fonts_dir() -> Path:
    """The shipped fonts (Atkinson Hyperlegible, SIL Open Font License) in the resources package."""
    try:
        found = Path(str(importlib.resources.files("bcpviewer.resources") / "fonts"))
        if found.is_dir():
            return found
    except (ModuleNotFoundError, TypeError):
        pass
    return Path(__file__).resolve().parents[2] / "resources" / "fonts"


def document(b: Briefing, progress: Progress | None = None) -> Document:
    """The whole pack as Typst source; charts are drawn now, by the plots the app shows."""
    say = progress or (lambda _f, _m: None)
    files: dict[str, bytes] = {}

    def add(chart: Chart) -> str:
        name = f"chart-{len(files) + 1}.svg"
        files[name] = chart.svg
        return name

    painter: list[MetricCharts] = []

    def metric(i: int) -> Chart:
        if not painter:
            painter.append(MetricCharts(b.selection.events, b.council or "Council"))
        say(0.1 + 0.4 * i / max(len(b.series), 1), f"Drawing chart {i + 1} of {len(b.series)}")
        s = b.series[i]
        return painter[0].chart(s, b.period, CHART_W, CHART_H, metric_alt(b, s))

    def journeys() -> Chart | None:
        plotted = [j for j in b.journeys if any(p.value is not None for p in j.points)]
        return journeys_chart(b, plotted, JOURNEYS_W, JOURNEYS_H) if plotted else None

    say(0.05, "Writing the pack")
    parts = [pack_front.key_messages(b), pack_front.plan_progress(b)]
    if b.has("actions"):
        parts.append(pack_front.exceptions(b))
    if b.has("inspections"):
        parts.append(pack_front.inspections(b))
    if b.has("glance"):
        parts.append(pack_measures.scorecard(b))
    if b.has("charts"):
        parts.append(pack_measures.charts(b, add, metric, "45%" if b.options.orientation == LANDSCAPE else "100%"))
    say(0.55, "Writing the analyses")
    parts += [pack_measures.impact(b), pack_measures.targets(b), pack_context.versions(b),
              pack_context.timeline(b, add, lambda: timeline_chart(b, TIMELINE_W, TIMELINE_H)),
              pack_context.journeys(b, add, journeys), pack_context.disagreements(b),
              pack_back.questions(b), pack_back.notes(b)]
    body = "".join(p for p in parts if p)
    cover = pack_front.cover(b)
    svg_text = [re.sub(r"<[^>]+>", " ", data.decode("utf-8", "replace")) for data in files.values()]
    back = pack_back.glossary([cover, body, *svg_text]) + pack_back.sources(b)
    footer = f"Figures as at {format_date(b.as_of)} · period {b.period_text}"
    head = t.preamble(b.title, b.options.author, ["briefing pack", "children's services", "scrutiny", b.council],
                      b.title, b.council, footer, landscape=b.options.orientation == LANDSCAPE)
    end = "#context [#metadata(counter(page).final().first()) <pack-pages>]\n"
    source = head + cover + body + back + end
    return Document(source, files)


def compile_pack(doc: Document, fmt: str = "pdf", ppi: float | None = None) -> tuple[list[bytes], PackResult]:
    """Typeset ``doc``: [the PDF] or one PNG per page, and its pages and sections. PackError when Typst fails."""
    import typst

    with tempfile.TemporaryDirectory(prefix="bcpviewer-pack-") as folder:
        root = Path(folder)
        for name, data in doc.files.items():
            (root / name).write_bytes(data)
        main = root / "pack.typ"
        main.write_text(doc.source, encoding="utf-8")
        try:
            compiler = typst.Compiler(str(main), root=str(root), font_paths=[str(fonts_dir())],
                                      ignore_system_fonts=True)
            if fmt == "pdf":
                out = _without_false_suspects(compiler.compile(pdf_standards=[PDF_STANDARD]))
            else:
                out = compiler.compile(format=fmt, ppi=ppi or 144.0)
            found = json.loads(compiler.query(f"<{t.SECTION_LABEL}>", field="value"))
            pages = int(json.loads(compiler.query("<pack-pages>", field="value", one=True)))
        except Exception as exc:  # typst raises its own error types with the source location
            raise PackError(f"the pack could not be typeset ({_first_line(exc)}); please report this") from exc
    sections = {"Cover": 1}
    for item in found:
        sections.setdefault(str(item["title"]), int(item["page"]))
    return (out if isinstance(out, list) else [out]), PackResult(pages, sections)


_SUSPECTS = b"/MarkInfo<</Marked true/Suspects false>>"


def _without_false_suspects(pdf: bytes) -> bytes:
    """The PDF without the catalog's ``/Suspects false``: false is the default (PDF 1.7, 14.7.1), and
    poppler (pdfinfo, pdftoppm up to at least 22.12) reports an explicit false as "Syntax Error: Suspects
    object is wrong type (boolean)". Blanked with spaces of the same length, so every byte offset in the
    cross-reference table still holds; left as it is if Typst ever writes the catalog differently."""
    if pdf.count(_SUSPECTS) != 1:
        return pdf
    kept = b"/MarkInfo<</Marked true>>"
    return pdf.replace(_SUSPECTS, kept + b" " * (len(_SUSPECTS) - len(kept)))


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__
