"""The standalone app against the virtual environment: ``bcpviewer inspect`` of the sample, best of
three, by the one-folder bundle in dist/BCPViewer (``make bundle`` builds it) and by this Python. For
information (no goal); skipped when no bundle has been built. ``python benchmarks/bundle_bench.py``
prints a table; ``run()`` returns rows shaped like benchmarks/run.py's."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUNDLE = ROOT / "dist" / "BCPViewer"
SAMPLE = ROOT / "resources" / "samples" / "bcp-childrens-services.xlsx"
NO_GOAL = 1e9


def _best(cmd: list[str], cwd: Path, env: dict[str, str]) -> float:
    times = []
    for _ in range(3):
        t = time.perf_counter()
        subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, timeout=300, check=True)
        times.append(time.perf_counter() - t)
    return min(times)


def run() -> list[dict[str, object]]:
    program = BUNDLE / ("bcpviewer.exe" if sys.platform == "win32" else "bcpviewer")
    if not program.is_file():
        return []
    with tempfile.TemporaryDirectory() as d:
        work = Path(d)
        shutil.copy(SAMPLE, work / SAMPLE.name)
        args = ["inspect", SAMPLE.name]
        frozen = _best([str(program), *args], work, {"PATH": "/usr/bin:/bin"})
        venv = _best([sys.executable, "-m", "bcpviewer", *args], work, {**os.environ})
    return [{"figure": "bundle: inspect the sample (information)", "value_s": frozen, "floor_s": venv,
             "ratio": frozen / venv, "goal": NO_GOAL}]


if __name__ == "__main__":
    rows = run()
    if not rows:
        print("No bundle in dist/BCPViewer: `make bundle` builds it.")
    for r in rows:
        print(f"{r['figure']:45} {r['value_s']:.2f} s (venv {r['floor_s']:.2f} s)")
