"""A Sources (References) sheet: the documents facts come from."""

from __future__ import annotations

from bcpviewer.io.columns import Reader
from bcpviewer.io.tables import Table
from bcpviewer.io.dates import parse_date
from bcpviewer.model.ids import content_id, unique_ids
from bcpviewer.model.records import Problem, Source


def read_sources(table: Table) -> tuple[list[Source], list[Problem]]:
    r = Reader(table)
    blank = r.blank_rows()
    ids, titles, urls = r.texts("id"), r.texts("title"), r.texts("url")
    publishers, notes = r.texts("publisher"), r.texts("notes")
    published = r.parse("published", parse_date, skip=blank)
    out: list[Source] = []
    for i in range(len(r)):
        if i in blank:
            continue
        if not titles[i] and not urls[i]:
            r.problem(i, table.columns["title"], "", "row skipped: the source has no title or link")
            continue
        out.append(
            Source(
                id=ids[i] or content_id("S", titles[i], urls[i]),
                title=titles[i] or urls[i],
                url=urls[i] or None,
                publisher=publishers[i] or None,
                published=published[i],
                notes=notes[i] or None,
            )
        )
    new_ids = unique_ids([s.id for s in out])
    return [
        s if s.id == n else Source(n, s.title, s.url, s.publisher, s.published, s.notes)
        for s, n in zip(out, new_ids, strict=True)
    ], r.problems
