"""The bundled official data (resources/official.sqlite, built by scripts/build_official_data.py),
opened read-only: its councils, found by name or code, and one council's Dataset: its own ILACS
inspections with their sub-judgements, and its indicators against England, its region and its
statistical neighbours, each figure with its source file and release."""

from __future__ import annotations

import json
import logging
import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path
from urllib.parse import quote

from bcpviewer.io import neighbours as sn
from bcpviewer.io.dfe import counts_note
from bcpviewer.io.errors import LoadError
from bcpviewer.io import official_paths as locate
from bcpviewer.io.official_paths import RESOURCE
from bcpviewer.io.official_store import ENGLAND, GRADE_COLUMNS, SCHEMA_VERSION
from bcpviewer.model import indicators as cat
from bcpviewer.model.ids import content_id
from bcpviewer.model.releases import combine
from bcpviewer.model.records import (
    Comparator,
    Dataset,
    Event,
    MetricSeries,
    Observation,
    Origin,
    Source,
)
from bcpviewer.model.spans import Span, SpanKind, format_date
from bcpviewer.model.vocab import EventKind, Grade, Polarity

SOURCE_PREFIX = "Bundled official data"
CORE, ALL = "core", "all"
log = logging.getLogger(__name__)
__all__ = ["RESOURCE", "OfficialData", "Release", "bundled_path", "source_id"]
DFE_URL = "https://explore-education-statistics.service.gov.uk/"
OFSTED_URL = "https://reports.ofsted.gov.uk/"


@dataclass(frozen=True, slots=True)
class Release:
    """A file the bundle was built from: its publication, release and licence."""

    file: str
    publication: str
    release: str
    licence: str


def bundled_path() -> Path:
    """The shipped file (never written)."""
    return locate.shipped_path()


class OfficialData:
    """One open bundle (read-only, immutable: nothing is ever written to it)."""

    def __init__(self, path: str | Path | None = None) -> None:
        """``path`` None: the user's updated copy when there is one and it can be read (else the
        shipped file, the copy's problem logged; a copy made from an older shipped release is not
        read, and ``stale`` says so)."""
        self.stale = locate.stale_note() if path is None else None
        if path is None and locate.current_path() != locate.shipped_path():
            try:
                self._open(locate.user_copy_path())
                return
            except LoadError as e:
                log.warning("The updated official data cannot be read (%s); the shipped data is used", e)
        self._open(Path(path) if path is not None else locate.shipped_path())

    @property
    def is_updated(self) -> bool:
        """Is this the user's updated copy (File › Update official data), not the shipped file?"""
        return self.path == locate.user_copy_path()

    def _open(self, path: Path) -> None:
        self.path = path
        if not self.path.is_file():
            raise LoadError(str(self.path), "The bundled official data file is missing: reinstall "
                            "the app, or build it with scripts/build_official_data.py.")
        uri = f"file:{quote(str(self.path.resolve()))}?mode=ro&immutable=1"
        try:
            self.db = sqlite3.connect(uri, uri=True, check_same_thread=False)
            got = self.db.execute("SELECT value FROM metadata WHERE key = 'schema_version'").fetchone()
        except sqlite3.DatabaseError as e:
            raise LoadError(str(self.path), f"The official data file cannot be read ({e}): "
                            "reinstall the app or rebuild the file.") from None
        if got is None or got[0] != SCHEMA_VERSION:
            self.db.close()
            raise LoadError(str(self.path), f"The official data file has schema version "
                            f"{got[0] if got else 'none'}, this app reads {SCHEMA_VERSION}: rebuild it.")

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> OfficialData:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- what the bundle is ------------------------------------------------------------------------
    @cached_property
    def metadata(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT key, value FROM metadata"))

    @cached_property
    def releases(self) -> dict[int, Release]:
        return {i: Release(f, p, r, lic) for i, f, p, r, lic in
                self.db.execute("SELECT id, file, publication, release, licence FROM sources")}

    def credits(self) -> list[str]:
        """The attribution lines to show wherever the data is shown or listed."""
        return [self.metadata["dfe_licence"], self.metadata["ofsted_licence"]]

    # -- councils ----------------------------------------------------------------------------------
    @cached_property
    def _councils(self) -> list[sn.Council]:
        rows = self.db.execute("SELECT code, name, region, former, new_code FROM councils")
        return sorted((sn.Council(c, n, r or "", bool(f), nc or "") for c, n, r, f, nc in rows),
                      key=lambda c: (c.former, c.name.casefold()))

    def councils(self, *, include_former: bool = False) -> list[sn.Council]:
        """Councils by name (current ones; abolished ones too when asked)."""
        return [c for c in self._councils if include_former or not c.former]

    def search(self, text: str) -> list[sn.Council]:
        """Councils whose name contains ``text`` (any spelling: '&' or 'and', case) or whose
        old or new code starts with it; an exact code or name first."""
        t = text.strip()
        if not t:
            return self.councils()
        key, low = sn.council_key(t), t.casefold()
        exact = self.council(t)
        hits = [c for c in self._councils
                if (key and key in sn.council_key(c.name)) or c.code.startswith(t)
                or c.new_code.casefold().startswith(low)]
        if exact is not None:
            hits = [exact] + [c for c in hits if c != exact]
        return hits

    def council(self, text: str) -> sn.Council | None:
        """The council a code (839, E06000058), a label ('Solihull (334)') or a name means; a
        current council before an abolished one of the same name; None when there is none."""
        t = text.strip()
        if t.endswith(")") and "(" in t:
            inner = t[t.rindex("(") + 1:-1].strip()
            if self.council(inner) is not None:
                t = inner
        for c in self._councils:
            if t == c.code or (c.new_code and t.casefold() == c.new_code.casefold()):
                return c
        key = sn.council_key(t)
        if not key:
            return None
        named = [c for c in self._councils if sn.council_key(c.name) == key]
        if not named:
            code = sn.find_code(t)  # another spelling the neighbour models know
            named = [c for c in self._councils if c.code == code]
        return named[0] if named else None

    # -- one council's data -------------------------------------------------------------------------
    def dataset(self, council: str, *, neighbour_model: str = sn.DEFAULT_MODEL,
                neighbour_stat: str = sn.DEFAULT_STAT, which: str = CORE) -> Dataset:
        """The council's inspections and indicators (the core ones, or all), with England, its
        region and its neighbours (``neighbour_model`` 2021 or 2025, labelled) for rates.
        ValueError names the council text when there is no such council."""
        model_key, stat = sn.check_options(neighbour_model, neighbour_stat)
        c = self.council(council)
        if c is None:
            near = self.search(council)[:5]
            hint = f"; did you mean {', '.join(x.label for x in near)}?" if near else \
                "; give an LA code such as 839 or a name such as Solihull"
            raise ValueError(f"no council with the code or name {council.strip()!r} in the bundled "
                             f"official data{hint}")
        events, reports = self._inspections(c.code)
        series = tuple(self.series(c.code, model_key=model_key, stat=stat, which=which))
        notes = [f"{SOURCE_PREFIX} for {c.label}, built {self._built()}: "
                 + "; ".join(self.credits())]
        alone = [s.name for s in series if not s.comparators]
        if alone:
            notes.append(counts_note(alone))
        missing = self.metadata.get("not_available")
        if missing:
            notes.append("Not in the bundled data (the DfE files have no such column): "
                         + "; ".join(_json_list(missing)))
        if self.stale:
            notes.append(self.stale)
        if self.is_updated:
            notes.append("Includes official data you imported (File › Update official data), held in "
                         f"{self.path}: figures a newer release revised are kept beside the new ones.")
        got = Dataset(events=tuple(events), series=series, sources=(*self._dfe_sources(), *reports),
                      files=(str(self.path),), notes=tuple(notes))
        earlier = self.revisions(c.code, which)
        return combine(got, Dataset(series=tuple(earlier))) if earlier else got

    def _dfe_sources(self) -> list[Source]:
        """One source per DfE file, credited as the licence asks (the Sources tab and the
        briefing pack list what the records cite)."""
        return [Source(source_id(self._file_keys[i]), f"{rel.licence}: {rel.release} ({rel.file})", DFE_URL,
                       "Department for Education", None, f"{SOURCE_PREFIX}: {rel.publication}")
                for i, rel in sorted(self.releases.items()) if rel.licence == self.credits()[0]]

    @cached_property
    def _file_keys(self) -> dict[int, str]:
        """Each source's key for its source id: its file name, numbered when two share one."""
        names = [r.file for r in self.releases.values()]
        return {i: r.file if names.count(r.file) == 1 else f"{r.file}#{i}" for i, r in self.releases.items()}

    def _built(self) -> str:
        try:
            return format_date(date.fromisoformat(self.metadata["built"]))
        except (KeyError, ValueError):
            return "on an unknown date"

    def events(self, code: str) -> list[Event]:
        """The council's own ILACS inspections and visits (never a provider's), oldest first."""
        return self._inspections(code)[0]

    def _inspections(self, code: str) -> tuple[list[Event], list[Source]]:
        """The council's inspections, each citing its Ofsted report as a credited source."""
        cols = ", ".join(GRADE_COLUMNS)
        rows = self.db.execute(
            "SELECT id, kind, kind_text, title, start, end, published, theme, lead, link, "
            f"{cols}, notes, line, source FROM inspections WHERE council = ? ORDER BY start", (code,))
        out: list[Event] = []
        reports: list[Source] = []
        for r in rows:
            (id_, kind, kind_text, title, start, end, published, theme, lead, link), rest = r[:10], r[10:]
            grades = {g: Grade(v) for g, v in zip(GRADE_COLUMNS, rest[:len(GRADE_COLUMNS)], strict=True)
                      if v is not None}
            notes, line, source = rest[len(GRADE_COLUMNS):]
            rel = self.releases[source]
            out.append(Event(
                id=id_, kind=EventKind(kind), title=title, start=date.fromisoformat(start),
                end=_day(end), published=_day(published), kind_text=kind_text or "", theme=theme,
                lead=lead, grades=grades, source=source_id(id_),
                notes=f"{notes}. {SOURCE_PREFIX}: {rel.licence}",
                origin=Origin(rel.file, None, line)))
            when = f", published {format_date(out[-1].published)}" if out[-1].published else ""
            reports.append(Source(source_id(id_), f"Ofsted inspection report{when}. {rel.licence}",
                                  link, "Ofsted", out[-1].published, f"{SOURCE_PREFIX}: {rel.file}"))
        return out, reports

    def series(self, code: str, *, model_key: str = sn.DEFAULT_MODEL, stat: str = sn.DEFAULT_STAT,
               which: str = CORE) -> list[MetricSeries]:
        """The council's indicators: core rates first, then (with ``which='all'``) the rest."""
        c = next((x for x in self._councils if x.code == code), None)
        region = self.db.execute("SELECT region_code FROM councils WHERE code = ?", (code,)).fetchone()
        region_code = region[0] if region else None
        near = sn.model(model_key).of(code)
        places = [code, ENGLAND, *([region_code] if region_code else []), *near]
        wanted = "" if which == ALL else " AND i.core = 1"
        figures = self._figures("observations", places, wanted)
        out: list[tuple[tuple[int, int, int], MetricSeries]] = []
        for key, id_, name, unit, polarity, kind, theme, source, core in self.db.execute(
                "SELECT key, id, name, unit, polarity, kind, theme, source, core FROM indicators"):
            by_area = figures.get(key, {})
            own = by_area.get(code)
            if not own:
                continue
            stamped = {a: {s: o for s, (o, _src) in obs.items()} for a, obs in by_area.items()}
            newest = max((src for _o, src in own.values()), key=self._rank, default=source)
            rel = self.releases[newest]
            comps: list[Comparator] = []
            rate = kind == cat.Kind.RATE.value
            if rate:
                if stamped.get(ENGLAND):
                    comps.append(Comparator("england", "England", _sorted(stamped[ENGLAND])))
                if region_code and stamped.get(region_code):
                    comps.append(Comparator("region", c.region if c and c.region else "Region",
                                            _sorted(stamped[region_code])))
                sn_comp = sn.neighbour_comparator(code, stamped, own.keys(), model_key=model_key,
                                                  stat=stat)
                if sn_comp is not None:
                    comps.append(sn_comp)
            entry = cat.BY_ID.get(id_)
            order = (0 if core and rate else 1 if rate else 2,
                     cat.CATALOGUE.index(entry) if entry else len(cat.CATALOGUE), key)
            out.append((order, MetricSeries(
                id=content_id("M", name), name=name, unit=unit or "", polarity=Polarity(polarity),
                theme=theme, observations=_sorted(stamped[code]), comparators=tuple(comps),
                source=source_id(self._file_keys[newest]),
                release=rel.release, origin=Origin(rel.file))))
        return [s for _o, s in sorted(out, key=lambda p: p[0])]

    def _rank(self, source: int) -> tuple[int, int]:
        """Which release is newer: the later reporting year, then the later imported."""
        return self._ranks.get(source, (0, source))

    @cached_property
    def _ranks(self) -> dict[int, tuple[int, int]]:
        return {i: (latest or 0, i) for i, latest in self.db.execute("SELECT id, latest FROM sources")}

    def _figures(self, table: str, places: list[str], wanted: str
                 ) -> dict[int, dict[str, dict[Span, tuple[Observation, int]]]]:
        """Indicator key -> place -> period -> (figure stamped with its release, its source), from
        ``observations`` (the current figures) or ``revisions`` (those a newer release replaced)."""
        marks = ",".join("?" * len(places))
        rows = self.db.execute(
            "SELECT i.key, o.area, p.start, p.end, p.kind, o.value, o.code, o.release, o.source "
            f"FROM {table} o JOIN indicators i ON i.key = o.indicator "
            f"JOIN periods p ON p.id = o.period WHERE o.area IN ({marks}){wanted}", places)
        figures: dict[int, dict[str, dict[Span, tuple[Observation, int]]]] = defaultdict(lambda: defaultdict(dict))
        span_cache: dict[tuple[str, str, str], Span] = {}
        for key, area, start, end, kind, value, code_, release, source in rows:
            span = span_cache.get((start, end, kind))
            if span is None:
                span = span_cache[(start, end, kind)] = Span(
                    date.fromisoformat(start), date.fromisoformat(end), SpanKind(kind))
            held = figures[key][area].get(span)
            if held is not None and self._rank(held[1]) > self._rank(source):
                continue  # revisions: the latest release a newer one replaced
            obs = Observation(span, value, code_, release or self.releases[source].release)
            figures[key][area][span] = (obs, source)
        return figures

    def revisions(self, code: str, which: str = CORE) -> list[MetricSeries]:
        """The council's figures a newer release replaced (after File › Update official data), one
        series per indicator with the same name as the current one, oldest release first."""
        wanted = "" if which == ALL else " AND i.core = 1"
        figures = self._figures("revisions", [code], wanted)
        if not figures:
            return []
        meta = {k: (n, u, p, t) for k, n, u, p, t in
                self.db.execute("SELECT key, name, unit, polarity, theme FROM indicators")}
        out = []
        for key, by_area in figures.items():
            name, unit, polarity, theme = meta[key]
            obs = by_area.get(code, {})
            src = min((s for _o, s in obs.values()), key=self._rank)
            rel = self.releases[src]
            out.append(MetricSeries(
                id=content_id("M", name), name=name, unit=unit or "", polarity=Polarity(polarity),
                theme=theme, observations=_sorted({s: o for s, (o, _x) in obs.items()}),
                source=source_id(self._file_keys[src]), release=rel.release, origin=Origin(rel.file)))
        return out

    def where(self, area: str, series_name: str, period: Span) -> str | None:
        """Where one figure was read: 'file, line N, column C' (area: a council's old LA code,
        England's or a region's code); None when the bundle has no such figure."""
        got = self.db.execute(
            "SELECT s.file, o.line, i.dfe_column, i.dfe_filters FROM observations o "
            "JOIN indicators i ON i.key = o.indicator JOIN sources s ON s.id = o.source "
            "JOIN periods p ON p.id = o.period WHERE o.area = ? AND i.name = ? AND p.start = ? "
            "AND p.end = ?", (area, series_name, period.start.isoformat(), period.end.isoformat()),
        ).fetchone()
        if got is None:
            return None
        file, line, column, filters = got
        return f"{file}, line {line}, column {column}" + (f" ({filters})" if filters else "")


def source_id(key: str) -> str:
    """The id of a bundled source: a DfE file's, or an inspection's report."""
    return f"S-official-{key}"


def _sorted(obs: dict[Span, Observation]) -> tuple[Observation, ...]:
    return tuple(sorted(obs.values(), key=lambda o: o.period))


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _json_list(text: str) -> list[str]:
    try:
        got = json.loads(text)
    except ValueError:
        return [text]
    return [str(x) for x in got] if isinstance(got, list) else [str(got)]
