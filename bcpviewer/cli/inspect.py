"""``bcpviewer inspect FILE...``: load files and report what was found (counts, dates and every
problem), as text or one JSON object; optionally progress against impact and targets. With no file
and ``--council``, the app's bundled official data for that council is reported instead."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from bcpviewer.cli.args import EXIT_OK, EXIT_UNREADABLE, ExportInputError, date_arg

HELP = "load files and report what was found"
DESCRIPTION = "Load files and report what was found: counts, dates and every problem."
HUMAN_PROBLEM_LIMIT = 200


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="*", metavar="FILE",
                        help="files to read; none with --council: the bundled official data")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--items", action="store_true", help="include every record read")
    parser.add_argument("--council", "--la", metavar="CODE_OR_NAME", dest="council",
                        help="the council to read from DfE statistics and Ofsted outcome files "
                        "(LA code such as 839 or E06000058, Ofsted URN, or name); with no FILE, the "
                        "council whose bundled official data (inspections and indicators) to report")
    parser.add_argument("--all-indicators", action="store_true",
                        help="with no FILE: every bundled indicator, counts included (default: the key ones)")
    parser.add_argument("--neighbour-model", choices=("2021", "2025"), default="2021",
                        help="DfE statistical-neighbour model for the neighbours' comparator")
    parser.add_argument("--neighbour-stat", choices=("median", "mean"), default="median",
                        help="how the neighbours' figures are combined (default: median)")
    parser.add_argument("--impact", action="store_true", help="print progress against impact: each action's "
                        "metric before the action and now, and actions rated Green or Complete whose metric "
                        "got worse")
    parser.add_argument("--targets", action="store_true", help="print each target: met, missed or not yet due, "
                        "and by how much")
    parser.add_argument("--as-of", dest="as_of", metavar="DATE", help="judge --impact and --targets as at "
                        "this date (31/03/2024 or 2024-03-31; default: today)")


def inspect_command(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="bcpviewer inspect", description=DESCRIPTION)
    add_arguments(parser)
    return run(parser.parse_args(argv))


def run(ns: argparse.Namespace) -> int:
    try:
        as_of = date_arg(ns.as_of, "--as-of") or date.today()
    except ExportInputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE

    from bcpviewer.io.errors import LoadError
    from bcpviewer.io.loader import LoadReport, load_file
    from bcpviewer.io.summary import summary
    from bcpviewer.model.records import Dataset
    from bcpviewer.model.releases import merge_files

    loaded: list[Dataset] = []
    failed: list[tuple[str, str]] = []
    titles: list[str | None] = []
    if not ns.files:
        if not (ns.council or "").strip():
            print("error: give one or more files to read, or --council CODE_OR_NAME (with no file) to "
                  "report the bundled official data for a council", file=sys.stderr)
            return EXIT_UNREADABLE
        got = _official(ns)
        if isinstance(got, str):
            print(f"error: {got}", file=sys.stderr)
            return EXIT_UNREADABLE
        loaded.append(got[0])
        titles.append(got[1])
    for f in ns.files:
        report = LoadReport()
        try:
            loaded.append(load_file(f, council=ns.council, neighbour_model=ns.neighbour_model,
                                    neighbour_stat=ns.neighbour_stat, report=report))
            if report.needs_council and not ns.council:  # a table of many areas: never one of them by guess
                named = ", ".join(f"{c.name} ({c.code})" for c in report.all_councils()[:4])
                failed.append((f, f"it holds figures for {len(report.all_councils())} areas (such as {named}); "
                                  "choose one with --council CODE_OR_NAME"))
                loaded.pop()
        except LoadError as e:
            failed.append((f, e.reason))
        except Exception as e:  # noqa: BLE001 - never a traceback for a user
            failed.append((f, f"unexpected error while reading ({type(e).__name__}: {e}); "
                              "please report this with the file"))
    for f, reason in failed:
        print(f"error: {f}: {reason}", file=sys.stderr)
    data = merge_files(loaded)
    from bcpviewer.io import analysis_text as at
    from bcpviewer.model.impact import check_impact
    from bcpviewer.model.targets import check_targets

    impact = check_impact(data.actions, data.series, as_of) if ns.impact else []
    targets = check_targets(data.series, as_of) if ns.targets else []
    if ns.json:
        import json

        out = summary(data, items=ns.items)
        out["errors"] = [{"file": f, "reason": r} for f, r in failed]
        if ns.impact:
            out["impact"] = at.impact_json(impact)
        if ns.targets:
            out["targets"] = at.targets_json(targets)
        json.dump(out, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        for d, title in zip(loaded, titles + [None] * len(loaded)):
            _print_human(d, items=ns.items, title=title)
        if ns.impact and loaded:  # nothing read: no empty tables under the error
            print("\n".join(["", *at.impact_lines(impact, as_of)]))
        if ns.targets and loaded:
            print("\n".join(["", *at.targets_lines(targets, as_of)]))
    return EXIT_UNREADABLE if failed else EXIT_OK


def _official(ns: argparse.Namespace) -> tuple[object, str] | str:
    """The bundled official data for ``--council`` and a heading for it, or the one-line error."""
    from bcpviewer.io.errors import LoadError
    from bcpviewer.io.official import ALL, CORE, OfficialData

    try:
        with OfficialData() as od:
            council = od.council(ns.council)
            data = od.dataset(ns.council, neighbour_model=ns.neighbour_model,
                              neighbour_stat=ns.neighbour_stat,
                              which=ALL if ns.all_indicators else CORE)
    except LoadError as e:
        return f"{e.path}: {e.reason}"
    except ValueError as e:
        return str(e)
    return data, f"Bundled official data: {council.label if council else ns.council}"


def _print_human(d: object, *, items: bool, title: str | None = None) -> None:
    from bcpviewer.model.analysis import overdue_actions, status_counts
    from bcpviewer.model.records import Dataset
    from bcpviewer.model.spans import format_date
    from bcpviewer.model.vocab import SUBJUDGEMENT_LABELS, Status

    assert isinstance(d, Dataset)
    today = date.today()
    print(title or (Path(d.files[0]).name if d.files else "(no file)"))
    counts = status_counts(d.actions)
    overdue = overdue_actions(d.actions, today)
    days = {o.as_of for o in overdue if o.tracker_date and o.as_of is not None}
    when = (f"{format_date(max(days))} (the tracker's date)" if days and not any(not o.tracker_date
            for o in overdue) else format_date(today))
    print(f"  {len(d.actions)} actions ({counts.get(Status.COMPLETE, 0)} complete, "
          f"{len(overdue)} overdue as of {when})")
    graded = sum(1 for e in d.events if e.grades)
    print(f"  {len(d.events)} events ({graded} with grades)")
    print(f"  {len(d.series)} metric series ({d.observation_count} observations)")
    if d.sources:
        print(f"  {len(d.sources)} sources")
    span = d.span()
    print(f"  dates from {format_date(span.start)} to {format_date(span.end)}" if span
          else "  no dates")
    for note in d.notes:
        print(f"  note: {note}")
    n = len(d.problems)
    print(f"  {n} problem{'s' if n != 1 else ''}")
    for p in d.problems[:HUMAN_PROBLEM_LIMIT]:
        print(f"    - {p.describe()}")
    if n > HUMAN_PROBLEM_LIMIT:
        print(f"    ... and {n - HUMAN_PROBLEM_LIMIT} more (use --json to see them all)")
    if items:
        for a in d.actions:
            print(f"    action {a.id}: {a.title} [{a.status.label}] due {format_date(a.current_due)}")
        for e in d.events:
            grades = "; ".join(f"{SUBJUDGEMENT_LABELS[k]}: {g.label}" for k, g in e.graded())
            print(f"    event {e.when_label}: {e.kind.label}: {e.title}" + (f" ({grades})" if grades else ""))
        for s in d.series:
            latest = s.latest()
            unit = s.unit if s.unit in ("", "%") else f" {s.unit}"
            shown = f"{latest.value:g}{unit} ({latest.period.label})" if latest else "no values"
            versus = [f"{c.label} {_figure(c.observations, latest)}" for c in s.comparators
                      if latest is not None and _figure(c.observations, latest)]
            print(f"    metric {s.name}: {len(s.observations)} periods, latest {shown}"
                  + (f"; {', '.join(versus)}" if versus else ""))


def _figure(observations: tuple, latest: object) -> str:
    """A comparator's figure for the same period as the council's latest, if it has one."""
    for o in observations:
        if o.period == latest.period and o.value is not None:
            return f"{o.value:g}"
    return ""
