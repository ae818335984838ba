"""The briefing pack as a publishable, accessible PDF (issue 18): tagged PDF/UA-1 with language, bookmarks,
live links and a structure tree (headings, tables with header cells, figures with alt text); text large
enough; no ligatures; the sections a committee reads, in order; print pages from the same document."""

from __future__ import annotations

import collections
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bcpviewer.io.loader import load_file
from bcpviewer.model.briefing import BriefOptions, build_briefing
from bcpviewer.report import output
from tests.test_summary_xlsx import AS_OF, NOW, SAMPLE, sample_notes

pikepdf = pytest.importorskip("pikepdf")
pypdf = pytest.importorskip("pypdf")
LIGATURES = "\ufb00\ufb01\ufb02\ufb03\ufb04\ufb05\ufb06"


@pytest.fixture(scope="module")
def made(qapp, tmp_path_factory):
    sample = load_file(SAMPLE)
    options = BriefOptions(as_of=AS_OF, author="Scrutiny officer", meeting="Children's Services O&S Committee",
                           recommendation="That the committee notes the report and asks for an update on A2.06.")
    b = build_briefing(sample, sample_notes(sample), options, now=NOW)
    out = tmp_path_factory.mktemp("accessible") / "pack.pdf"
    result = output.write_pdf(out, b)
    return b, out, result


def _struct(pdf) -> tuple[collections.Counter, list, list]:
    """Tags in the structure tree, each figure's alt text and each table's header-cell count."""
    tags: collections.Counter = collections.Counter()
    alts, tables = [], []

    def walk(node, table: list | None = None) -> None:
        if isinstance(node, pikepdf.Array):
            for k in node:
                walk(k, table)
            return
        if not isinstance(node, pikepdf.Dictionary):
            return
        kind = str(node.get("/S", ""))
        if kind:
            tags[kind] += 1
        if kind == "/Figure":
            alts.append(str(node.get("/Alt", "")))
        if kind == "/Table":
            table = [0]
            tables.append(table)
        if kind == "/TH" and table is not None:
            table[0] += 1
        if "/K" in node:
            walk(node["/K"], table)

    walk(pdf.Root.StructTreeRoot)
    return tags, alts, tables


def test_pdf_is_tagged_pdf_ua_with_language_bookmarks_and_live_links(made):
    _b, out, _result = made
    with pikepdf.open(out) as pdf:
        assert pdf.Root.MarkInfo.Marked is True
        assert str(pdf.Root.Lang) == "en-GB"
        with pdf.open_metadata() as meta:
            assert meta.get("pdfuaid:part") == "1"
        with pdf.open_outline() as outline:
            titles = [item.title for item in outline.root]
        assert "Key messages" in titles and "Questions for members" in titles and "Sources" in titles
        links = [a.A.URI for page in pdf.pages for a in page.get("/Annots", [])
                 if a.get("/Subtype") == "/Link" and "/A" in a and "/URI" in a.A]
        assert any(str(u).startswith("https://explore-education-statistics.service.gov.uk") for u in links)


def test_structure_tree_has_headings_tables_with_header_cells_and_figures_with_alt_text(made):
    b, out, _result = made
    with pikepdf.open(out) as pdf:
        tags, alts, tables = _struct(pdf)
    assert tags["/H1"] >= 10 and tags["/H2"] >= 3
    assert tables and all(th >= 2 for th, in tables)  # every table has a row of header cells
    assert len(alts) == len(b.series) + 1  # a chart per metric and the timeline overview
    assert all(len(a) > 60 and a.startswith(("Line chart of", "Timeline from")) for a in alts)
    assert any("Agency social worker rate" in a and "28.3%" in a for a in alts)


def test_text_is_large_enough_and_has_no_ligatures(made):
    _b, out, _result = made
    reader = pypdf.PdfReader(str(out))
    sizes: collections.Counter = collections.Counter()

    def visit(text, cm, tm, _font, size):
        n = len(text.strip())
        if n:
            sizes[abs(size * (tm[3] or 1) * (cm[3] or 1))] += n

    text = "\n".join(page.extract_text(visitor_text=visit) for page in reader.pages)
    large = sum(n for s, n in sizes.items() if s >= 10.45)
    assert large / sum(sizes.values()) >= 0.75
    assert not any(c in text for c in LIGATURES)
    assert "sufficiency" in text


def test_contents_in_the_order_a_committee_reads_them(made):
    b, out, result = made
    titles = list(result.sections)
    order = ["Cover", "Key messages", "Plan progress by workstream", "Overdue and at-risk actions",
             "Inspections and visits", "Scorecard", "Metric charts", "Progress against impact", "Targets",
             "Timeline", "Questions for members", "Notes for the committee", "Glossary", "Sources"]
    assert [t for t in titles if t in order] == order
    assert result.sections["Plan progress by workstream"] <= 3
    pages = [p.extract_text() for p in pypdf.PdfReader(str(out)).pages]
    cover = re.sub(r"\s+", " ", pages[0])
    assert "illustrative" in cover and "Children's Services O&S Committee" in cover
    assert "asks for an update on A2.06" in cover and "Purpose" in cover
    glossary = re.sub(r"\s+", " ", pages[result.sections["Glossary"] - 1])
    for abbr in ("MV", "FV", "ILACS", "RI", "FTE", "O&S"):
        assert abbr in glossary, abbr
    assert "SIF" not in glossary.split("Glossary", 1)[1]  # only the abbreviations the pack uses
    progress = re.sub(r"\s+", " ", pages[result.sections["Plan progress by workstream"] - 1])
    total = b.progress[-1]
    shown = total.counts[:5] + ((total.counts[5],) if total.counts[5] else ())  # "Not stated" only when used
    assert f"Total {' '.join(str(n) for n in shown)} {total.total} {total.overdue}" in progress
    assert total.total == 50 and "Complete (Blue) Green Amber Red Not started Total Overdue" in progress


def test_month_only_dates_print_as_months(made):
    _b, out, result = made
    pages = [p.extract_text() for p in pypdf.PdfReader(str(out)).pages]
    text = re.sub(r"\s+", " ", "\n".join(pages[result.sections["Timeline"] - 1:result.sections["Questions for members"]]))
    assert "Nov 2019 (approximate) Focused visit" in text and "1 Nov 2019" not in text
    assert "Oct 2020 (approximate) Focused visit" in text


def test_pdfua_check_finds_nothing(made):
    pytest.importorskip("pdfua")
    _b, out, _result = made
    run = subprocess.run([sys.executable, "-m", "pdfua", "check", str(out)], capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "errors=0 warnings=0" in run.stdout


def test_mark_info_is_proper_booleans_and_poppler_reads_it_without_complaint(made):
    _b, out, _result = made
    with pikepdf.open(out) as pdf:
        mark = pdf.Root.MarkInfo
        assert mark.Marked is True  # a tagged PDF
        assert "/Suspects" not in mark or mark.Suspects is False  # absent means false (PDF 1.7, 14.7.1)
    reader = pypdf.PdfReader(out)
    assert len(reader.pages) == _result.pages  # the blanked entry left the cross-reference table whole
    for tool in (["pdfinfo", str(out)], ["pdftoppm", "-r", "20", "-f", "1", "-l", "2", "-png", str(out),
                                          str(out.with_name("page"))]):
        try:
            run = subprocess.run(tool, capture_output=True, text=True, timeout=120)
        except FileNotFoundError:
            continue  # poppler not installed here
        assert run.returncode == 0 and run.stderr == "", run.stderr


def test_print_pages_are_the_same_document(made, qapp):
    b, _out, result = made
    images = output.page_images(b, ppi=30)
    assert len(images) == result.pages
    assert all(png.startswith(b"\x89PNG") for png in images)


def test_a_landscape_pack_turns_its_pages(made, tmp_path):
    from dataclasses import replace

    b, _out, _result = made
    wide = replace(b, options=replace(b.options, orientation="landscape"))
    out = tmp_path / "wide.pdf"
    output.write_pdf(out, wide)
    page = pypdf.PdfReader(str(out)).pages[3]
    assert float(page.mediabox.width) > float(page.mediabox.height)


def test_fonts_are_shipped_with_their_licence():
    from bcpviewer.report.pack import fonts_dir

    folder = fonts_dir()
    assert sorted(p.name for p in folder.glob("*.ttf")) == [
        "AtkinsonHyperlegible-Bold.ttf", "AtkinsonHyperlegible-BoldItalic.ttf",
        "AtkinsonHyperlegible-Italic.ttf", "AtkinsonHyperlegible-Regular.ttf",
        "DejaVuSans-Bold.ttf", "DejaVuSans.ttf"]
    assert "SIL Open Font License" in (Path(folder) / "OFL.txt").read_text(encoding="utf-8")
    assert "Bitstream" in (Path(folder) / "DejaVu-LICENSE.txt").read_text(encoding="utf-8")


def test_the_pack_embeds_only_the_shipped_fonts(made):
    _b, out, _result = made
    with pikepdf.open(out) as pdf:
        names = {str(f.get("/BaseFont", "")).split("+")[-1] for page in pdf.pages
                 for f in page.Resources.get("/Font", {}).values()}
    assert names and all(n.startswith(("AtkinsonHyperlegible", "DejaVuSans")) for n in names), names


def test_every_event_line_on_the_charts_is_named(made):
    _b, out, result = made
    pages = [p.extract_text() for p in pypdf.PdfReader(str(out)).pages]
    text = re.sub(r"\s+", " ", pages[result.sections["Metric charts"] - 1])
    assert "MV2: Monitoring visit, 4-5 Oct 2022" in text  # its label does not fit on the drawing
