"""The column-wise import gives what a plain row-by-row reading gives: the same series, figures,
comparators, targets and the same problems in the same order; and the pre-read scan of small
workbooks (regular expressions) bounds sheets exactly as the numpy scan of large ones does."""

from __future__ import annotations

import random
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from bcpviewer.io import guard_xml
from bcpviewer.io.columns import Reader
from bcpviewer.io.grid import Grid
from bcpviewer.io.metric_series import COMPARATOR_KINDS, SeriesDraft, by_period, finish_series
from bcpviewer.io.metrics import read_metrics
from bcpviewer.io.tables import locate
from bcpviewer.io.dates import parse_due, parse_when
from bcpviewer.io.values import parse_number, parse_polarity, text_of
from bcpviewer.model.records import Observation, Target
from bcpviewer.model.vocab import squash

ROOT = Path(__file__).resolve().parent.parent

HEAD = ["Metric", "Period", "Value", "Unit", "England", "Region", "Statistical neighbours", "Target",
        "Target date", "Polarity", "Release", "Theme", "Source"]
CELLS: dict[int, list[Any]] = {
    0: ["A", "a", " A ", "B", "", None, "C c", "cc", 1, 1.0, "Re-referrals"],
    1: ["03/2022", "Mar 2022", "2021/22", "Q1 2023/24", "Q2 2023", "2023", "", "  ", "bogus", 2021,
        2022.0, datetime(2022, 5, 1), date(2022, 5, 1), "TBC", None, True, 45000, "Apr 2022"],
    2: [37.4, "37.4%", "c", "", " ", None, "abc", 1, 1.0, True, 0.25, 0.5, 0, -0.0, 0.0, "(3)", "x",
        2, 2.0, False, "0.5", 99],
    3: ["%", "", None, "number", 1],
    7: [20, "25%", None, "", "x", 0.5, 20.0],
    8: ["Mar 2024", None, "", "bad", 45500, date(2025, 3, 31)],
    9: ["lower", "higher", "", None, "?", 1, "+"],
    10: ["R1", "", None, "R2", 2.0],
    11: ["T", "", None],
    12: ["S", "", None, 1],
}
CELLS[4] = CELLS[5] = CELLS[6] = CELLS[2]


def _reference_long(r: Reader) -> tuple[list, list]:
    """Long-form metrics read row by row, as the importer did before it went column-wise."""
    table = r.table
    blank = r.blank_rows()
    names = r.texts("metric")
    periods = r.parse("period", parse_when, skip=blank)
    values = r.parse("value", parse_number, skip=blank)
    comps = {k: r.parse(k, parse_number, skip=blank) for k, _ in COMPARATOR_KINDS if k in table.columns}
    labels = {k: table.headers.get(table.columns[k], d) for k, d in COMPARATOR_KINDS if k in table.columns}
    targets = r.parse("target", parse_number, skip=blank)
    dues = r.parse("target_date", parse_due, skip=blank)
    polarity = r.parse("polarity", parse_polarity, skip=blank)
    units, themes, sources, releases = (r.texts(k) for k in ("unit", "theme", "source", "release"))
    raw_values = r.raw("value")
    pct = {v for v in set(raw_values) if isinstance(v, str) and v.strip().endswith("%")}
    pcol, mcol, vcol = table.columns["period"], table.columns["metric"], table.columns["value"]
    series: dict[str, SeriesDraft] = {}
    members = []
    for i in range(len(r)):  # pass 1: which rows count
        if i in blank:
            continue
        if not names[i]:
            r.problem(i, mcol, "", "row skipped: it names no metric")
            continue
        if periods[i] is None:
            row = r.rows[i]
            if (row[pcol] if pcol < len(row) else "") in ("", None):
                r.problem(i, pcol, "", f"row skipped: no period for {names[i]!r}")
            continue
        members.append((i, series.setdefault(squash(names[i]), SeriesDraft(names[i], i)), periods[i]))
    comparators: dict[tuple[int, str], dict] = {}
    for i, s, period in members:  # pass 2: figures; a period twice with another figure: a problem
        release = releases[i] or None
        v = values[i]
        if v is not None:
            old = s.values.get(period)
            if old is not None and (old.value, old.code) != v:
                def shown(f: Any) -> str:
                    return f"{f[0]:g}" if f[0] is not None else (f[1] or "")
                r.problem(i, vcol, shown(v), f"{s.name!r} already has {shown((old.value, old.code))} for "
                          f"{period.label} on row {r.row_number(s.rows_by_period[period])}; this later row is used")
            s.values[period] = Observation(period, v[0], v[1], release)
            s.rows_by_period[period] = i
        for kind, col in comps.items():
            c = col[i]
            if c is not None and (c[0] is not None or c[1] is not None):
                comparators.setdefault((id(s), kind), {})[period] = Observation(period, c[0], c[1], release)
        if raw_values[i] in pct:
            s.percent_text = True
        if targets[i] is not None and targets[i][0] is not None:
            s.targets.setdefault((targets[i][0], dues[i]), Target(targets[i][0], dues[i], ""))
        for attr, col in (("unit", units), ("theme", themes), ("source", sources), ("polarity", polarity)):
            if col[i] and not getattr(s, attr):
                setattr(s, attr, col[i])
        if release:
            s.release = release
    for s in series.values():
        for kind, _ in COMPARATOR_KINDS:
            if (id(s), kind) in comparators:
                s.comparators[kind] = by_period(comparators[(id(s), kind)].values())
    return [finish_series(r, s, labels) for s in series.values()], r.problems


def _table(seed: int):
    rnd = random.Random(seed)
    cols = sorted({0, 1, 2, *rnd.sample(range(len(HEAD)), rnd.randint(0, len(HEAD)))})
    pools = {c: rnd.sample(CELLS[c], min(len(CELLS[c]), rnd.randint(1, 6))) for c in cols}
    rows: list[list[Any]] = [[HEAD[c] for c in cols]]
    if seed % 2:  # each (metric, period) once, in any order
        combos = [(n, p) for n in rnd.sample(CELLS[0], 4) for p in rnd.sample(CELLS[1], 8)]
        rnd.shuffle(combos)
        for name, period in combos[: rnd.randint(0, 32)]:
            row = [rnd.choice(pools[c]) for c in cols]
            row[0], row[1] = name, period
            rows.append(row)
    else:
        for _ in range(rnd.randint(0, 60)):
            row = [rnd.choice(pools[c]) for c in cols] if rnd.random() > 0.05 else [""] * len(cols)
            rows.append(row[: rnd.randint(0, len(row))] if rnd.random() < 0.1 else row)
    return locate(Grid("f.xlsx", "Metrics", rows), "metrics")


@pytest.mark.parametrize("block", range(8))
def test_long_form_metrics_match_a_row_by_row_reading(block: int) -> None:
    checked = 0
    for seed in range(block * 100, block * 100 + 100):
        table, again = _table(seed), _table(seed)
        if table is None or table.shape != "long":
            continue
        got = read_metrics(table)
        want = _reference_long(Reader(again))
        assert repr(got) == repr(want), seed
        checked += 1
    assert checked > 50


def test_a_long_sorted_table_matches_too() -> None:
    rows: list[list[Any]] = [["Metric", "Period", "Value", "Unit", "England", "Target", "Polarity"]]
    for i in range(6000):
        m, k = divmod(i, 120)
        rows.append([f"Indicator {m:03d}", f"{k % 12 + 1:02d}/{2010 + k // 12}",
                     "c" if i % 97 == 0 else round(10 + (i % 53) * 0.7, 1), "%", 0.5, 20, "lower"])
    rows[300][2] = rows[299][2]  # and one repeated period with another figure
    rows[300][1] = rows[299][1]
    got = read_metrics(locate(Grid("f.xlsx", "M", [list(r) for r in rows]), "metrics"))
    want = _reference_long(Reader(locate(Grid("f.xlsx", "M", rows), "metrics")))
    assert repr(got) == repr(want)
    assert len(got[0]) == 50 and len(got[1]) == 0  # the same figure twice is no problem


def _naive_parse(r: Reader, j: int, parser, skip: set[int] | None) -> tuple[list, list]:
    """Cell by cell, each (type, value) parsed once (so 0.0 and -0.0 share an outcome)."""
    out, problems, interned, seen = [], [], {}, {}
    for i, v in enumerate(r.raw_at(j)):
        if v is None or v == "":
            out.append(None)
            continue
        key = (type(v), v)
        if key not in seen:
            try:
                res = parser(v)
                seen[key] = (interned.setdefault(res, res), None)
            except ValueError as e:
                seen[key] = (None, str(e))
        res, error = seen[key]
        out.append(res)
        if error is not None and (not skip or i not in skip):
            problems.append((r.row_number(i), text_of(v), error))
    return out, problems


@pytest.mark.parametrize("parser", [parse_number, parse_when, parse_polarity, parse_due])
def test_parse_at_matches_cell_by_cell_parsing(parser) -> None:
    rnd = random.Random(7)
    every = [v for pool in CELLS.values() for v in pool] + [float("nan"), float("inf"), -0.0]
    for trial in range(200):
        pool = rnd.sample(every, rnd.randint(1, 12))
        col = [[rnd.choice(pool)] for _ in range(rnd.randint(0, 40))]
        table = locate(Grid("f.xlsx", "M", [["Metric", "Period", "Value"], *[["m", "2020", *c] for c in col]]),
                       "metrics")
        skip = {0, 3} if trial % 2 else None
        r = Reader(table)
        got = r.parse_at(2, parser, skip=skip)
        want, problems = _naive_parse(Reader(table), 2, parser, skip)
        assert [repr(x) for x in got] == [repr(x) for x in want]
        assert [(p.row, p.value, p.message) for p in r.problems] == problems


def test_texts_tell_true_from_one() -> None:
    table = locate(Grid("f.xlsx", "M", [["Metric", "Period", "Value"], ["a", "2020", 1.0],
                                        ["b", "2020", True], ["c", "2020", " x "]]), "metrics")
    assert Reader(table).texts("value") == ["1", "TRUE", "x"]


# -- the pre-read scan -----------------------------------------------------------------------------
PIECES = [b'<c r="', b"<c", b' r="', b"<c ", b"<c>", b"<c/>", b"</c>", b":c ", b"x:c", b'<x:c r="A1">', b"A",
          b"Zz", b"1", b"12", b"999", b'"', b' s="1"', b">", b"<v>3</v>", b'<row r="5">', b"\n", b"\t",
          b"c", b"<col", b"XFD", b"1048576"]


def _ref(rnd: random.Random) -> bytes:
    letters = "".join(rnd.choice("ABCxyz") for _ in range(rnd.choice([0, 1, 1, 2, 3, 9])))
    digits = "".join(rnd.choice("0123456789") for _ in range(rnd.choice([0, 1, 2, 6, 7, 13])))
    text = letters + digits
    return ("".join(rnd.sample(text, len(text))) if rnd.random() < 0.2 else text).encode()


def test_text_scan_bounds_sheets_as_the_numpy_scan_does() -> None:
    for seed in range(3000):
        rnd = random.Random(seed)
        pieces = [b"".join(rnd.choice([b'<c r="' + _ref(rnd) + b'"' + rnd.choice([b">", b"/>", b' t="s">']),
                                       b"<v>1</v></c>", rnd.choice(PIECES)]) for _ in range(rnd.randint(0, 30)))
                  for _ in range(rnd.randint(1, 3))]
        by_numpy, by_text = guard_xml._CellBound(), guard_xml._CellBoundText()
        by_numpy.prepare()
        verdicts = []
        for bound in (by_numpy, by_text):
            ok = True
            for buf in pieces:
                ok = ok and bound.scan(buf)
            verdicts.append((ok, bound.letters, bound.digits) if ok else (ok,))
        assert verdicts[0] == verdicts[1], pieces


def test_a_small_workbook_is_checked_without_numpy(tmp_path: Path) -> None:
    """numpy takes longer to import than a small sheet takes to scan: the check leaves it be."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["Metric", "Period", "Value"])
    for i in range(200):
        wb.active.append([f"M{i % 3}", f"{i % 12 + 1:02d}/{2000 + i // 12}", i])
    wb.save(tmp_path / "small.xlsx")
    code = ("import sys; from pathlib import Path; from bcpviewer.io import workbook_guard; "
            f"workbook_guard.check_package(Path({str(tmp_path / 'small.xlsx')!r}), b'PK\\x03\\x04'); "
            "print('numpy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.split() == ["False"]
