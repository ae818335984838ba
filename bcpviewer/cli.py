"""Command line: open the app, ``inspect`` files, write the ``template`` workbook, ``export`` summaries."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import date, datetime
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
    if args and args[0] == "export":
        return export_command(args[1:])
    parser = argparse.ArgumentParser(
        prog="bcpviewer",
        description="BCP Viewer: open improvement trackers, chronologies and performance data. "
        "Other commands: 'bcpviewer inspect FILE...', 'bcpviewer template OUT.xlsx' and "
        "'bcpviewer export FILE... --pdf OUT.pdf --xlsx OUT.xlsx'.",
    )
    parser.add_argument("files", nargs="*", help="spreadsheets or CSV files to open")
    parser.add_argument("--version", action="version", version=f"bcpviewer {__version__}")
    ns = parser.parse_args(args)
    from bcpviewer.ui.shell.app import run
    from bcpviewer.ui.export.pack_backend import set_pack_backend

    set_pack_backend(_report_backend)  # the window draws packs with the report package
    return run([str(f) for f in ns.files])


def _report_backend() -> object:
    """The report package, imported when the first pack is drawn (start-up does not wait for it)."""
    from bcpviewer.report import output

    return output


def inspect_command(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="bcpviewer inspect",
        description="Load files and report what was found: counts, dates and every problem.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--items", action="store_true", help="include every record read")
    parser.add_argument("--council", "--la", metavar="CODE_OR_NAME", dest="council",
                        help="the council to read from DfE statistics and Ofsted outcome files "
                        "(LA code such as 839 or E06000058, Ofsted URN, or name)")
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
    ns = parser.parse_args(argv)
    try:
        as_of = _date(ns.as_of, "--as-of") or date.today()
    except ExportInputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE

    from bcpviewer.io.errors import LoadError
    from bcpviewer.io.loader import load_file
    from bcpviewer.io.summary import summary
    from bcpviewer.model.records import Dataset, merge_datasets

    loaded: list[Dataset] = []
    failed: list[tuple[str, str]] = []
    for f in ns.files:
        try:
            loaded.append(load_file(f, council=ns.council, neighbour_model=ns.neighbour_model,
                                    neighbour_stat=ns.neighbour_stat))
        except LoadError as e:
            failed.append((f, e.reason))
        except Exception as e:  # noqa: BLE001 - never a traceback for a user
            failed.append((f, f"unexpected error while reading ({type(e).__name__}: {e}); "
                              "please report this with the file"))
    for f, reason in failed:
        print(f"error: {f}: {reason}", file=sys.stderr)
    data = merge_datasets(loaded)
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
        for d in loaded:
            _print_human(d, items=ns.items)
        if ns.impact and loaded:  # nothing read: no empty tables under the error
            print("\n".join(["", *at.impact_lines(impact, as_of)]))
        if ns.targets and loaded:
            print("\n".join(["", *at.targets_lines(targets, as_of)]))
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


# -- export ----------------------------------------------------------------------------------------------
class ExportInputError(Exception):
    """Bad input to ``export``: ``str()`` is the one line after ``error:``."""


def export_command(argv: Sequence[str]) -> int:
    from bcpviewer.model.briefing import SECTION_KEYS

    parser = argparse.ArgumentParser(
        prog="bcpviewer export",
        description="Write a summary workbook (XLSX) and/or a briefing pack (PDF) without opening a window. "
        "Private annotations are never exported.",
    )
    parser.add_argument("files", nargs="*", metavar="INPUT", help="data files (default: the project's)")
    parser.add_argument("--project", metavar="P.bcpv", help="a project whose annotations (and data files, "
                        "and chosen metrics) to use")
    parser.add_argument("--pdf", metavar="OUT.pdf",
                        help="write the briefing pack here (replaced if it exists)")
    parser.add_argument("--xlsx", metavar="OUT.xlsx", help="write the summary workbook here (replaced if it "
                        "exists)")
    parser.add_argument("--from", dest="start", metavar="DATE", help="first day of the period (31/03/2024 "
                        "or 2024-03-31); default: the first date in the data")
    parser.add_argument("--to", dest="end", metavar="DATE", help="last day of the period; default: the last "
                        "date in the data")
    parser.add_argument("--as-of", dest="as_of", metavar="DATE", help="count overdue days to this date "
                        "(default: today)")
    parser.add_argument("--title", help="the pack's title")
    parser.add_argument("--author", default="", help="who prepared the pack (shown on the cover)")
    parser.add_argument("--council-name", default="", help="the council named on the cover (default: "
                        "found in the data where possible)")
    parser.add_argument("--metrics", metavar="NAME,...", help="metrics to chart and list, by name, "
                        "separated by commas (default: the project's chosen metrics, else all)")
    parser.add_argument("--sections", metavar="NAME,...", help="pack sections (and analysis sheets), "
                        "separated by commas, from: " + ", ".join(SECTION_KEYS) + " (default: all; an "
                        "analysis with nothing to show is left out)")
    parser.add_argument("--compare", metavar="OLDER.xlsx", help="another version of the same tracker: adds "
                        "'Changes to the plan' (added, dropped, re-dated, re-owned, re-rated). The file whose "
                        "latest status date is earlier is taken as the older version")
    parser.add_argument("--landscape", action="store_true", help="A4 landscape (default: portrait)")
    parser.add_argument("--council", metavar="CODE_OR_NAME",
                        help="the council to read from DfE statistics files (e.g. 839)")
    ns = parser.parse_args(argv)
    say = _progress_printer()
    try:
        return _export(ns, say)
    except ExportInputError as exc:
        say.clear()
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE


def _export(ns: argparse.Namespace, say: _Progress) -> int:
    from bcpviewer.model.briefing import DEFAULT_TITLE, LANDSCAPE, PORTRAIT, SECTION_KEYS, BriefOptions

    if not ns.pdf and not ns.xlsx:
        raise ExportInputError("nothing to write: give --pdf OUT.pdf and/or --xlsx OUT.xlsx")
    outputs = [(_output(ns.pdf, ".pdf", "--pdf"), "pdf")] if ns.pdf else []
    outputs += [(_output(ns.xlsx, ".xlsx", "--xlsx"), "xlsx")] if ns.xlsx else []
    if len(outputs) == 2 and outputs[0][0].resolve() == outputs[1][0].resolve():
        raise ExportInputError("--pdf and --xlsx name the same file")
    start, end = _date(ns.start, "--from"), _date(ns.end, "--to")
    as_of = _date(ns.as_of, "--as-of")
    if start and end and end < start:
        raise ExportInputError(f"--to ({end:%d/%m/%Y}) is before --from ({start:%d/%m/%Y})")
    sections = _names(ns.sections)
    if sections is not None:
        unknown = [x for x in sections if x not in SECTION_KEYS]
        if unknown:
            raise ExportInputError(f"--sections: unknown section {unknown[0]!r}; choose from "
                                   f"{', '.join(SECTION_KEYS)}")
    project, files = _project_and_files(ns)
    inputs = {Path(f).resolve() for f in files}
    for out, _kind in outputs:
        if out.resolve() in inputs:
            raise ExportInputError(f"{out}: this is one of the input files; choose another name")
    dataset = _load_all(files, ns.council, say)
    comparison = _comparison(ns.compare, files, dataset, ns.council, say) if ns.compare else None
    metrics = _names(ns.metrics)
    if metrics is None and project is not None and project.metrics:
        metrics = [m for m in project.metrics if m in {s.name for s in dataset.series}] or None
    if metrics is not None:
        _check_metrics(dataset, metrics)
    options = BriefOptions(
        title=ns.title or DEFAULT_TITLE, council=ns.council_name, author=ns.author, start=start, end=end,
        as_of=as_of, metrics=tuple(metrics) if metrics is not None else None,
        sections=frozenset(sections) if sections is not None else frozenset(SECTION_KEYS),
        orientation=LANDSCAPE if ns.landscape else PORTRAIT,
    )
    from bcpviewer.model.annotations import EMPTY
    from bcpviewer.model.briefing import build_briefing

    briefing = build_briefing(dataset, project.annotations if project else EMPTY, options,
                              comparison=comparison, **_project_analyses(project))
    outputs.sort(key=lambda o: o[1] != "xlsx")  # the quick workbook first
    share = {"xlsx": 0.15, "pdf": 0.7 if len(outputs) == 1 else 0.55}
    lo = 0.3
    for out, kind in outputs:
        hi = 1.0 if (out, kind) == outputs[-1] else lo + share[kind]
        _write(out, kind, briefing, say, lo, hi)
        lo = hi
    for text in say.notes:
        print(text, file=sys.stderr)
    return EXIT_OK


def _comparison(other: str, files: list[str], dataset: object, council: str | None,
                say: _Progress) -> object:
    """The plan comparison of the input with ``other`` (another version of the tracker), older first.

    The older is the one whose latest status date is earlier; stderr says which was taken as older.
    """
    from bcpviewer.model.briefing import data_as_at
    from bcpviewer.model.records import Dataset
    from bcpviewer.model.spans import format_date
    from bcpviewer.model.versions import compare_plans

    path = Path(other)
    if not path.is_file():
        raise ExportInputError(f"--compare {other}: no such file")
    if path.resolve() in {Path(f).resolve() for f in files}:
        raise ExportInputError(f"--compare {other}: this is one of the input files; give another version")
    ours, theirs = dataset, _load_all([other], council, say)
    assert isinstance(ours, Dataset) and isinstance(theirs, Dataset)
    if not theirs.actions:
        raise ExportInputError(f"--compare {other}: no actions found in it "
                               "(is it an improvement-plan tracker?)")
    if not ours.actions:
        raise ExportInputError("--compare: the input has no actions to compare with")
    ours_name = ", ".join(Path(f).name for f in files)
    ours_at, theirs_at = data_as_at(ours), data_as_at(theirs)
    ours_label = f"{ours_name} (status as at {format_date(ours_at)})" if ours_at else ours_name
    theirs_label = f"{path.name} (status as at {format_date(theirs_at)})" if theirs_at else path.name
    if ours_at is not None and theirs_at is not None:
        earlier, later = sorted((ours_at, theirs_at))
        why = f"latest status {format_date(earlier)}, against {format_date(later)}"
    else:
        why = "no status dates to tell them apart, so the --compare file is taken as the older"
    if ours_at is not None and theirs_at is not None and theirs_at > ours_at:
        say.note(f"note: comparing plan versions: {ours_name} is the older ({why}); {path.name} is the newer")
        return compare_plans(ours.actions, theirs.actions, old_label=ours_label, new_label=theirs_label)
    say.note(f"note: comparing plan versions: {path.name} is the older ({why}); {ours_name} is the newer")
    return compare_plans(theirs.actions, ours.actions, old_label=theirs_label, new_label=ours_label)


def _project_analyses(project: object | None) -> dict[str, object]:
    """Links and targets a project made in the app, for the analyses (none without a project)."""
    edits = getattr(project, "edits", None)
    return {"metric_links": getattr(edits, "metric_links", None) or {},
            "extra_targets": getattr(edits, "targets", None) or {}}


def _output(text: str, suffix: str, flag: str) -> Path:
    out = Path(text)
    if out.suffix.lower() != suffix:
        raise ExportInputError(f"{flag} {out}: give a file name ending {suffix}")
    if out.is_dir():
        raise ExportInputError(f"{out}: this is a folder; give a file name ending {suffix}")
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise ExportInputError(f"{out}: cannot write here (the folder {folder} does not exist)")
    if not os.access(folder, os.W_OK) or (out.exists() and not os.access(out, os.W_OK)):
        raise ExportInputError(f"{out}: cannot write here (permission denied)")
    return out


_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d %b %Y", "%d %B %Y")


def _date(text: str | None, flag: str) -> date | None:
    """A date as a UK reader or ISO writes it; never month first."""
    if text is None:
        return None
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    raise ExportInputError(f"{flag} {text!r} is not a date; write it as 31/03/2024 or 2024-03-31")


def _names(text: str | None) -> list[str] | None:
    if text is None:
        return None
    return [n.strip() for n in text.split(",") if n.strip()]


def _check_metrics(dataset: object, names: list[str]) -> None:
    from bcpviewer.model.briefing import unknown_metrics
    from bcpviewer.model.records import Dataset

    assert isinstance(dataset, Dataset)
    unknown = unknown_metrics(dataset, names)
    if unknown:
        known = "; ".join(s.name for s in dataset.series) or "the data has no metrics"
        raise ExportInputError(f"--metrics: unknown metric {unknown[0]!r} (the data has: {known})")


def _project_and_files(ns: argparse.Namespace) -> tuple[object | None, list[str]]:
    files = [str(f) for f in ns.files]
    if not ns.project:
        if not files:
            raise ExportInputError("no input: give data files, or --project P.bcpv")
        return None, files
    from bcpviewer.io.errors import LoadError
    from bcpviewer.io.project import load_project, resolve_path

    try:
        project = load_project(ns.project)
    except LoadError as exc:
        raise ExportInputError(f"{ns.project}: {exc.reason}") from None
    if not files:
        base = Path(ns.project).resolve().parent
        files = [str(resolve_path(s.path, base)) for s in project.sources]
        if not files:
            raise ExportInputError(f"{ns.project}: the project lists no data files; give them as INPUT")
    return project, files


def _load_all(files: list[str], council: str | None, say: _Progress) -> object:
    from bcpviewer.io.errors import LoadError
    from bcpviewer.io.loader import load_file
    from bcpviewer.model.records import merge_datasets

    parts = []
    for i, f in enumerate(files):
        def step(fraction: float, message: str, i: int = i, f: str = f) -> None:
            say((i + fraction) / len(files) * 0.3, message or f"Reading {Path(f).name}")

        say(i / len(files) * 0.3, f"Reading {Path(f).name}")
        try:
            parts.append(load_file(f, council=council, progress=step))
        except LoadError as exc:
            raise ExportInputError(f"{f}: {exc.reason}") from None
        except Exception as exc:  # noqa: BLE001 - never a traceback for a user
            raise ExportInputError(f"{f}: unexpected error while reading ({type(exc).__name__}: {exc}); "
                                   "please report this with the file") from None
    data = merge_datasets(parts)
    if data.problems:
        say.note(f"note: {len(data.problems)} problem(s) in the data; 'bcpviewer inspect' lists them")
    return data


def _write(out: Path, kind: str, briefing: object, say: _Progress, lo: float, hi: float) -> None:
    def part(fraction: float, message: str) -> None:
        say(lo + (hi - lo) * fraction, message)

    try:
        if kind == "xlsx":
            from bcpviewer.io.summary_xlsx import write_summary

            write_summary(out, briefing, part)  # type: ignore[arg-type]
            say.clear()
            print(f"wrote {out} ({_size(out)})")
        else:
            _ensure_qt()
            from bcpviewer.report.output import write_pdf

            result = write_pdf(out, briefing, part)  # type: ignore[arg-type]
            say.clear()
            print(f"wrote {out} ({result.pages} pages, {_size(out)})")
    except OSError as exc:
        raise ExportInputError(f"{out}: cannot write here ({exc.strerror or exc})") from None


def _size(path: Path) -> str:
    n = path.stat().st_size
    return f"{n / 1024:,.0f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:,.1f} MB"


def _ensure_qt() -> None:
    """A QApplication for drawing; with no display (a server, a terminal), Qt draws off-screen."""
    display = os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    if sys.platform.startswith("linux") and not display:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        QApplication([sys.argv[0] if sys.argv else "bcpviewer"])


class _Progress:
    """Progress on stderr as one line redrawn in place, when it is a terminal (scripts see only errors)."""

    def __init__(self, stream: object | None = None) -> None:
        self.stream = stream or sys.stderr
        self.live = bool(getattr(self.stream, "isatty", lambda: False)())
        self.notes: list[str] = []  # said once the work is done, so an error stays the only line
        self._last = ""
        self._shown = False

    def __call__(self, fraction: float, message: str) -> None:
        if not self.live:
            return
        pct = max(0, min(100, round(fraction * 100)))
        text = f"[{pct:3d}%] {message}"[:79]
        self.stream.write("\r" + text.ljust(len(self._last)))
        self.stream.flush()
        self._last, self._shown = text, True

    def note(self, text: str) -> None:
        self.notes.append(text)

    def clear(self) -> None:
        if self.live and self._shown:
            self.stream.write("\r" + " " * len(self._last) + "\r")
            self.stream.flush()
            self._shown = False
            self._last = ""


def _progress_printer() -> _Progress:
    return _Progress()


if __name__ == "__main__":
    raise SystemExit(main())
