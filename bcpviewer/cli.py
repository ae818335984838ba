"""Command line: open the app, ``inspect`` files, or write the ``template`` workbook."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from bcpviewer import __version__

EXIT_OK, EXIT_UNREADABLE = 0, 2
HUMAN_PROBLEM_LIMIT = 200


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "inspect":
        return inspect_command(args[1:])
    if args and args[0] == "template":
        return template_command(args[1:])
    parser = argparse.ArgumentParser(
        prog="bcpviewer",
        description="BCP Viewer: open improvement trackers, chronologies and performance data. "
        "Other commands: 'bcpviewer inspect FILE...' and 'bcpviewer template OUT.xlsx'.",
    )
    parser.add_argument("files", nargs="*", help="spreadsheets or CSV files to open")
    parser.add_argument("--version", action="version", version=f"bcpviewer {__version__}")
    ns = parser.parse_args(args)
    from bcpviewer.ui.app import run

    return run([str(f) for f in ns.files])


def inspect_command(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="bcpviewer inspect",
        description="Load files and report what was found: counts, dates and every problem.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--items", action="store_true", help="include every record read")
    parser.add_argument("--council", metavar="CODE_OR_NAME",
                        help="the council to read from DfE statistics files (e.g. 839)")
    ns = parser.parse_args(argv)

    from bcpviewer.io.errors import LoadError
    from bcpviewer.io.loader import load_file
    from bcpviewer.io.summary import summary
    from bcpviewer.model.records import Dataset, merge_datasets

    loaded: list[Dataset] = []
    failed: list[tuple[str, str]] = []
    for f in ns.files:
        try:
            loaded.append(load_file(f, council=ns.council))
        except LoadError as e:
            failed.append((f, e.reason))
        except Exception as e:  # noqa: BLE001 - never a traceback for a user
            failed.append((f, f"unexpected error while reading ({type(e).__name__}: {e}); "
                              "please report this with the file"))
    for f, reason in failed:
        print(f"error: {f}: {reason}", file=sys.stderr)
    data = merge_datasets(loaded)
    if ns.json:
        out = summary(data, items=ns.items)
        out["errors"] = [{"file": f, "reason": r} for f, r in failed]
        json.dump(out, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        for d in loaded:
            _print_human(d, items=ns.items)
    return EXIT_UNREADABLE if failed else EXIT_OK


def _print_human(d: object, *, items: bool) -> None:
    from bcpviewer.model.analysis import overdue_actions, status_counts
    from bcpviewer.model.records import Dataset
    from bcpviewer.model.spans import format_date
    from bcpviewer.model.vocab import Status

    assert isinstance(d, Dataset)
    today = date.today()
    print(Path(d.files[0]).name if d.files else "(no file)")
    counts = status_counts(d.actions)
    overdue = overdue_actions(d.actions, today)
    print(f"  {len(d.actions)} actions ({counts.get(Status.COMPLETE, 0)} complete, "
          f"{len(overdue)} overdue as of {format_date(today)})")
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
            print(f"    event {e.when_label}: {e.kind.label}: {e.title}")
        for s in d.series:
            latest = s.latest()
            unit = s.unit if s.unit in ("", "%") else f" {s.unit}"
            shown = f"{latest.value:g}{unit} ({latest.period.label})" if latest else "no values"
            print(f"    metric {s.name}: {len(s.observations)} periods, latest {shown}")


def template_command(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="bcpviewer template",
        description="Write an empty workbook in BCP Viewer's own layout, with drop-down lists.",
    )
    parser.add_argument("out", metavar="OUT.xlsx")
    ns = parser.parse_args(argv)
    out = Path(ns.out)
    if out.suffix.lower() != ".xlsx":
        print(f"error: {out}: the template is an Excel workbook; give a name ending .xlsx",
              file=sys.stderr)
        return EXIT_UNREADABLE
    from bcpviewer.io.template import write_template

    try:
        write_template(out)
    except OSError as e:
        print(f"error: {out}: cannot write here ({e.strerror or e})", file=sys.stderr)
        return EXIT_UNREADABLE
    print(f"wrote {out}")
    return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
