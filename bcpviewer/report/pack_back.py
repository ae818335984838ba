"""The back of the pack: questions for members, notes marked for the briefing, the glossary of the
abbreviations the pack uses and the numbered sources with live links."""

from __future__ import annotations

from bcpviewer.model.briefing import Briefing
from bcpviewer.model.briefing_content import abbreviations_in
from bcpviewer.model.links import safe_url
from bcpviewer.model.spans import format_date
from bcpviewer.report import typst_markup as t
from bcpviewer.report.pack_front import ref


def questions(b: Briefing) -> str:
    if not b.questions:
        return ""
    return (t.heading(1, "Questions for members", page_break=True)
            + t.note("Lines of enquiry suggested by the concerns in this pack: overdue actions, measures worse "
                     "than comparators, actions rated on track whose measure got worse, missed targets and "
                     "sources that disagree.")
            + t.bullets((t.q(x) for x in b.questions), numbered=True))


def notes(b: Briefing) -> str:
    if not b.has("annotations") or not b.briefing_notes:
        return ""
    out = [t.heading(1, "Notes for the committee", page_break=True),
           t.note("Notes the researcher marked for this briefing, in date order, each with its source.")]
    for n in b.briefing_notes:
        a = n.annotation
        out.append(t.heading(2, n.where))
        out.append(t.par(t.q(a.text.strip() or "(no text)")))
        bits = [f"Source: [{n.reference}] {a.source_title or a.source_url}" if n.reference else "Source: none given"]
        if a.tags:
            bits.append("Tags: " + ", ".join(a.tags))
        if a.author:
            bits.append(f"By {a.author}")
        bits.append(f"Last edited {format_date(a.edited.date())}")
        out.append(t.note(" · ".join(bits)))
    return "".join(out)


def glossary(texts: list[str]) -> str:
    """The abbreviations used anywhere in ``texts`` (the pack's other sections), with their meanings."""
    used = abbreviations_in(texts)
    if not used:
        return ""
    return (t.heading(1, "Glossary", page_break=True)
            + t.note("The abbreviations used in this pack.")
            + t.table(["auto", "1fr"], ["Abbreviation", "Meaning"], [[t.Cell(a, bold=True), m] for a, m in used]))


def sources(b: Briefing) -> str:
    refs = b.pack_references
    out = [t.heading(1, "Sources", page_break=not b.questions)]
    if not refs:
        return "".join(out) + t.par(t.q("Nothing in this pack cites a source."))
    out.append(t.note("Documents cited in this pack by number, including the data file it was made from and the "
                      "statistical neighbour grouping. Check every figure against its source."))
    items = []
    for r in refs:
        details = ", ".join(x for x in (r.publisher, format_date(r.published) if r.published else "") if x)
        text = r.title + (f". {details}" if details else "")
        url = safe_url(r.url)
        if url and url.lower().startswith(("http://", "https://")):
            items.append(t.join(t.q(f"[{r.number}] {text}. "), t.link(url)))
        else:
            items.append(t.q(f"[{r.number}] {text}" + (f". (Sources sheet: {r.source_id})" if r.source_id else "")))
    out.extend(f"#par(hanging-indent: 2em, {item})\n" for item in items)
    return "".join(out)


__all__ = ["glossary", "notes", "questions", "ref", "sources"]
