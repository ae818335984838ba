"""Every real-world file in ../shared/corpus and ../shared/data through the CLI, as a user would:
exit 0 or 2, one clear line when refused, never a traceback, within time and memory bounds."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
TIME_LIMIT_S = 60
MEMORY_LIMIT = 3 * 1024**3  # address space, bytes


def _corpus_files() -> list[Path]:
    files: list[Path] = []
    for folder in (SHARED / "corpus", SHARED / "data"):
        if folder.is_dir():
            files += sorted(p for p in folder.rglob("*") if p.is_file() and p.name != "README.md")
    return files


FILES = _corpus_files()


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _inspect(path: Path) -> tuple[Path, subprocess.CompletedProcess[str] | str]:
    env = {**os.environ, "PYTHONWARNINGS": "error"}
    try:
        r = subprocess.run(
            [sys.executable, "-m", "bcpviewer", "inspect", "--json", str(path)],
            capture_output=True, text=True, timeout=TIME_LIMIT_S, env=env, cwd=ROOT,
            preexec_fn=_limits,
        )
    except subprocess.TimeoutExpired:
        return path, f"took longer than {TIME_LIMIT_S} s"
    return path, r


@pytest.mark.skipif(not FILES, reason="../shared/corpus and ../shared/data are not present")
def test_every_corpus_file_loads_or_is_refused_cleanly() -> None:
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        results = list(pool.map(_inspect, FILES))
    failures = []
    refused = 0
    for path, r in results:
        if isinstance(r, str):
            failures.append(f"{path}: {r}")
            continue
        if "Traceback" in r.stderr or "Traceback" in r.stdout:
            failures.append(f"{path}: traceback\n{r.stderr[-2000:]}")
        elif r.returncode == 0:
            report = json.loads(r.stdout)
            assert report["errors"] == [], path
        elif r.returncode == 2:
            refused += 1
            lines = r.stderr.strip().splitlines()
            if len(lines) != 1 or not lines[0].startswith(f"error: {path}: "):
                failures.append(f"{path}: stderr is not one 'error:' line: {r.stderr!r}")
        else:
            failures.append(f"{path}: exit {r.returncode}\n{r.stderr[-2000:]}")
    assert not failures, "\n".join(failures)
    assert refused > 0  # the corpus holds encrypted, empty and broken files: some are refused


@pytest.mark.skipif(not (SHARED / "corpus").is_dir(), reason="../shared/corpus is not present")
def test_billion_cell_claim_is_refused_not_attempted() -> None:
    bomb = SHARED / "corpus" / "openpyxl_testdata" / "calamine" / "issue_594_dos.ods"
    if not bomb.exists():
        pytest.skip("issue_594_dos.ods is not in the corpus")
    _, r = _inspect(bomb)
    assert not isinstance(r, str), r
    assert r.returncode == 2
    assert "cells" in r.stderr
