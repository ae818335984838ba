"""``bcpviewer export``: write a summary workbook (XLSX) and/or a briefing pack (PDF) without opening a
window: the inputs checked, the data (and another plan version) read, the briefing built and written,
with progress on a terminal's stderr."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from bcpviewer.cli.args import EXIT_OK, EXIT_UNREADABLE, ExportInputError, date_arg, names_arg, output_arg

HELP = "write a summary workbook and/or a briefing pack"
DESCRIPTION = ("Write a summary workbook (XLSX) and/or a briefing pack (PDF) without opening a window. "
               "Private annotations are never exported.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from bcpviewer.model.briefing import SECTION_KEYS

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
    parser.add_argument("--meeting", default="", help="the meeting the pack is for (shown on the cover)")
    parser.add_argument("--meeting-date", dest="meeting_date", metavar="DATE", help="the meeting's date")
    parser.add_argument("--purpose", default="", help="the pack's purpose (default: briefing members on the "
                        "improvement plan, the inspections and the measures)")
    parser.add_argument("--recommendation", default="", help="what the committee is asked to do (default: to "
                        "note and scrutinise)")
    parser.add_argument("--key-message", dest="key_messages", action="append", metavar="TEXT",
                        help="a key message, in place of those written from the data (repeat for each)")
    parser.add_argument("--council", metavar="CODE_OR_NAME",
                        help="the council to read from DfE statistics files (e.g. 839); with no INPUT "
                        "and no --project, the council whose bundled official data to export")


def export_command(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="bcpviewer export", description=DESCRIPTION)
    add_arguments(parser)
    return run(parser.parse_args(argv))


def run(ns: argparse.Namespace) -> int:
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
    outputs = [(output_arg(ns.pdf, ".pdf", "--pdf"), "pdf")] if ns.pdf else []
    outputs += [(output_arg(ns.xlsx, ".xlsx", "--xlsx"), "xlsx")] if ns.xlsx else []
    if len(outputs) == 2 and outputs[0][0].resolve() == outputs[1][0].resolve():
        raise ExportInputError("--pdf and --xlsx name the same file")
    start, end = date_arg(ns.start, "--from"), date_arg(ns.end, "--to")
    as_of = date_arg(ns.as_of, "--as-of")
    if start and end and end < start:
        raise ExportInputError(f"--to ({end:%d/%m/%Y}) is before --from ({start:%d/%m/%Y})")
    sections = names_arg(ns.sections)
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
    if not files and project is None:  # --council alone: the bundled official data
        dataset, council_label = _official(ns.council, say)
        ns.council_name = ns.council_name or council_label
    else:
        dataset = _load_all(files, ns.council, say)
    comparison = _comparison(ns.compare, files, dataset, ns.council, say) if ns.compare else None
    metrics = names_arg(ns.metrics)
    if metrics is None and project is not None and project.metrics:
        metrics = [m for m in project.metrics if m in {s.name for s in dataset.series}] or None
    if metrics is not None:
        _check_metrics(dataset, metrics)
    cover = project.edits.cover if project is not None else None  # the project's cover, unless given here
    meeting_date = date_arg(ns.meeting_date, "--meeting-date") or (cover.meeting_date if cover else None)
    messages = tuple(ns.key_messages or ()) or (cover.key_messages if cover else ())
    options = BriefOptions(
        title=ns.title or (cover.title if cover else "") or DEFAULT_TITLE,
        council=ns.council_name or (cover.council if cover else ""),
        author=ns.author or (cover.author if cover else ""), start=start, end=end,
        as_of=as_of, metrics=tuple(metrics) if metrics is not None else None,
        sections=frozenset(sections) if sections is not None else frozenset(SECTION_KEYS),
        orientation=LANDSCAPE if ns.landscape else PORTRAIT,
        meeting=ns.meeting or (cover.meeting if cover else ""), meeting_date=meeting_date,
        purpose=ns.purpose or (cover.purpose if cover else ""),
        recommendation=ns.recommendation or (cover.recommendation if cover else ""),
        key_messages=messages or None,
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
        if not files and not (ns.council or "").strip():
            raise ExportInputError("no input: give data files, --project P.bcpv, or --council CODE_OR_NAME "
                                   "for the bundled official data")
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


def _official(council: str, say: _Progress) -> tuple[object, str]:
    """The bundled official data for ``council`` and its name for the cover."""
    from bcpviewer.io.errors import LoadError
    from bcpviewer.io.official import OfficialData

    say(0.1, "Reading the bundled official data")
    try:
        with OfficialData() as od:
            found = od.council(council)
            return od.dataset(council), found.name if found else council
    except LoadError as exc:
        raise ExportInputError(f"{exc.path}: {exc.reason}") from None
    except ValueError as exc:
        raise ExportInputError(f"--council: {exc}") from None


def _load_all(files: list[str], council: str | None, say: _Progress) -> object:
    from bcpviewer.io.errors import LoadError
    from bcpviewer.io.loader import load_file
    from bcpviewer.model.releases import merge_files

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
    data = merge_files(parts)
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
