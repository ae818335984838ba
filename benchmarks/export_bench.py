"""Export speed and size: briefing pack (PDF) and summary workbook (XLSX), for the sample and 5,000 actions.

``python benchmarks/export_bench.py`` prints a table; ``run()`` returns rows shaped like benchmarks/run.py's
(figure, value_s, floor_s, ratio, goal). Times are medians of several runs of the whole write (layout,
drawing, saving); the data is read and the briefing built beforehand.

Goals (issue 18): the sample's pack (a tagged PDF/UA-1 file typeset by Typst, charts drawn by the app's
plots as SVG) in at most 1.5 s and under 1 MB; a 5,000-action pack in at most 4.5 s and under 3 MB. The
rows compare against "floor" = that budget, goal 1.0. The workbook is measured against a floor from the same run: openpyxl writing
the same rows as bare values (no styles, fills, links or widths); goal 3.0.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from bcpviewer.model.briefing import Briefing  # noqa: E402
from bcpviewer.model.records import MetricSeries, Observation  # noqa: E402

RUNS = int(os.environ.get("BENCH_EXPORT_RUNS", "3"))
AS_OF = date(2026, 11, 23)
ACTIONS = int(os.environ.get("BENCH_EXPORT_ACTIONS", "5000"))
BUDGETS = {"sample": (1.5, 1.0)}  # seconds, MB; any other (the generated tracker): LARGE_BUDGET
LARGE_BUDGET = (4.5, 3.0)
XLSX_GOAL = 3.0
SAMPLE = ROOT / "resources" / "samples" / "bcp-childrens-services.xlsx"


def write_actions_workbook(path: Path, n: int, seed: int = 7) -> None:
    """A tracker of ``n`` actions over 2022-2027 in 12 workstreams, with the sample's events and metrics."""
    from bcpviewer.io.loader import load_file
    from bcpviewer.io.template import write_template

    rnd = random.Random(seed)
    statuses = ["Complete"] * 5 + ["Green"] * 2 + ["Amber", "Red", "Not started"]
    rows = []
    for i in range(n):
        start = date(2022, 3, 1) + timedelta(days=rnd.randrange(0, 1500))
        due = start + timedelta(days=rnd.randrange(30, 400))
        status = rnd.choice(statuses)
        revised = due + timedelta(days=rnd.randrange(30, 300)) if rnd.random() < 0.2 else None
        rows.append({
            "id": f"G{i // 400 + 1}.{i % 400 + 1:03d}",
            "workstream": f"{i % 12 + 1}. Workstream {i % 12 + 1}",
            "title": f"Generated action {i}: {rnd.choice(['review', 'audit', 'recruit', 'train', 'report'])} "
                     f"{rnd.choice(['thresholds', 'caseloads', 'placements', 'plans', 'supervision'])}",
            "owner": f"Head of service {i % 17 + 1}", "start": start, "due": due, "revised_due": revised,
            "completed": due - timedelta(days=3) if status == "Complete" else None, "status": status,
            "status_date": date(2026, 10, 31),
        })
    sample = load_file(SAMPLE)
    events = [{"id": e.id, "date": e.start, "end": e.end, "published": e.published, "kind": e.kind.label,
               "title": e.title, **{k: g.label for k, g in e.grades.items() if g is not None}}
              for e in sample.events]
    metrics = [{"metric": s.name, "period": o.period.end, "value": o.value, "unit": s.unit,
                "england": _comp(s, "england", o), "neighbours": _comp(s, "neighbours", o),
                "polarity": s.polarity.label, "theme": s.theme}
               for s in sample.series for o in s.observations if o.value is not None]
    write_template(path, {"actions": rows, "events": events, "metrics": metrics})


def _comp(series: MetricSeries, kind: str, obs: Observation) -> float | None:
    c = series.comparator(kind)
    return next((o.value for o in c.observations if o.period == obs.period), None) if c else None


def _median(fn: Callable[[], object], runs: int = RUNS) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def _median_cpu(fn: Callable[[], object], runs: int = RUNS) -> float:
    """The median CPU time of this process (all its threads): what the write costs on an idle machine."""
    times = []
    for _ in range(runs):
        t = time.process_time()
        fn()
        times.append(time.process_time() - t)
    return statistics.median(times)


def _bare_xlsx(path: Path, briefing: Briefing) -> None:
    """The floor: the same values on the same sheets, appended as they are: no styles, links or widths."""
    from openpyxl import Workbook

    from bcpviewer.io.summary_xlsx import plain_rows

    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in plain_rows(briefing).items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)


def measure(name: str, data_path: Path, folder: Path) -> list[dict[str, object]]:
    from bcpviewer.io.loader import load_file
    from bcpviewer.io.summary_xlsx import write_summary
    from bcpviewer.model.briefing import BriefOptions, build_briefing
    from bcpviewer.report.output import write_pdf

    data = load_file(data_path)
    briefing = build_briefing(data, [], BriefOptions(as_of=AS_OF))
    pdf, xlsx, bare = folder / f"{name}.pdf", folder / f"{name}.xlsx", folder / f"{name}-bare.xlsx"
    write_pdf(pdf, briefing)  # warm up fonts and plot items
    pdf_s, result = _median(lambda: write_pdf(pdf, briefing))
    pdf_cpu = _median_cpu(lambda: write_pdf(pdf, briefing))
    pages = result.pages  # type: ignore[attr-defined]
    mb = pdf.stat().st_size / 1024 / 1024
    xlsx_s, _ = _median(lambda: write_summary(xlsx, briefing))
    bare_s, _ = _median(lambda: _bare_xlsx(bare, briefing))
    budget_s, budget_mb = BUDGETS.get(name, LARGE_BUDGET)
    label = f"{name} ({pages} pages, {mb:.2f} MB)"
    return [
        {"figure": f"briefing pack PDF {label} vs {budget_s:.2f} s budget", "value_s": pdf_s,
         "floor_s": budget_s, "ratio": pdf_s / budget_s, "goal": 1.0, "pages": pages,
         "bytes": pdf.stat().st_size, "cpu_s": pdf_cpu},
        {"figure": f"briefing pack PDF size {name} (MB) vs {budget_mb:.2f} MB", "value_s": mb,
         "floor_s": budget_mb, "ratio": mb / budget_mb, "goal": 1.0, "pages": pages},
        {"figure": f"summary XLSX {name} ({len(briefing.actions):,} actions) vs bare openpyxl",
         "value_s": xlsx_s,
         "floor_s": bare_s, "ratio": xlsx_s / bare_s, "goal": XLSX_GOAL, "bytes": xlsx.stat().st_size},
    ]


def run() -> list[dict[str, object]]:
    """Rows {figure, value_s, floor_s, ratio, goal}; a row is within its goal when ratio <= goal."""
    QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as d:
        folder = Path(d)
        rows = measure("sample", SAMPLE, folder)
        generated = folder / f"actions-{ACTIONS}.xlsx"
        write_actions_workbook(generated, ACTIONS)
        rows += measure(f"{ACTIONS:,} actions", generated, folder)
    return rows


def main() -> int:
    rows = run()
    print(f"\n{'figure':66} {'value':>8} {'floor':>8} {'ratio':>6} {'goal':>5}")
    for r in rows:
        ok = "" if r["ratio"] <= r["goal"] else "  over goal"
        cpu = f"  (CPU {r['cpu_s']:.2f} s)" if "cpu_s" in r else ""
        print(f"{r['figure']:66} {r['value_s']:8.3f} {r['floor_s']:8.3f} {r['ratio']:6.2f} "
              f"{r['goal']:5.1f}{ok}{cpu}")
    print(f"\n(seconds unless stated; medians of {RUNS} runs; PDF budgets: sample 1.5 s and 1 MB, "
          f"{ACTIONS:,} actions 4.5 s and 3 MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
