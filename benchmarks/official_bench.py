"""Choosing a council in the bundled official data: open resources/official.sqlite and build the
council's Dataset (inspections, core indicators with England, region and neighbours), then all
indicators. ``python benchmarks/official_bench.py`` prints a table; ``run()`` returns rows shaped
like benchmarks/run.py's (figure, value_s, floor_s, ratio, goal).

Goal (issue 17): choosing a council shows its data in under 0.5 s. The rows here are the reading
part of that (the floor is the 0.5 s budget, goal 1.0); the window's part is measured with the UI.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bcpviewer.io.official import ALL, OfficialData  # noqa: E402

RUNS = int(os.environ.get("BENCH_OFFICIAL_RUNS", "7"))
BUDGET_S = 0.5
COUNCILS = ("839", "Solihull", "Kent", "Birmingham")


def _median(fn) -> float:
    times = []
    for _ in range(RUNS):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def run() -> list[dict[str, object]]:
    def cold() -> None:
        with OfficialData() as od:
            od.dataset(COUNCILS[0])

    rows = [("official data: open + BCP (core)", _median(cold))]
    with OfficialData() as od:
        od.councils()
        for c in COUNCILS[1:]:
            rows.append((f"official data: choose {c} (core)", _median(lambda c=c: od.dataset(c))))
        rows.append(("official data: choose Kent (all indicators)", _median(lambda: od.dataset("Kent", which=ALL))))
    return [{"figure": f, "value_s": v, "floor_s": BUDGET_S, "ratio": v / BUDGET_S, "goal": 1.0}
            for f, v in rows]


if __name__ == "__main__":
    for r in run():
        print(f"{r['figure']:42} {r['value_s']:8.3f} s  (budget {r['floor_s']} s)")
