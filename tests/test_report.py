"""The briefing pack read back with pypdf: text, pages, fonts, vectors; and the window's export commands."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from bcpviewer.io.loader import load_file
from bcpviewer.model.briefing import LANDSCAPE, BriefOptions, build_briefing
from bcpviewer.model.filtering import Filter
from bcpviewer.model.records import Action, Dataset
from bcpviewer.model.vocab import Status
from bcpviewer.report import output
from bcpviewer.report.pack_front import MAX_TABLE_ROWS
from bcpviewer.ui.export import export_dialog
from bcpviewer.ui.export.export_dialog import ExportDialog
from bcpviewer.ui.shell.settings import ExportChoices, Settings
from tests.test_summary_xlsx import AS_OF, BRIEFING, FORMULA, NOW, PLAIN, PRIVATE, RANGE, SAMPLE, sample_notes

pypdf = pytest.importorskip("pypdf")

OVERDUE_TITLES = [
    "Online referral form for professionals (digital front door)",
    "Update assessments and plans for disabled children",
    "Recruit 30 more in-house foster carers (sufficiency strategy)",
    "End the use of HMOs for young people: suitable accommodation for all",
    "Convert 30 agency workers to permanent posts",
    "Staying close offer for young people aged 18 to 21",
    "Open an early help hub in each locality",
    "Replace the children's case management system",
]


def squeeze(text: str) -> str:
    """Text with ligatures undone and every space removed: table cells wrap titles across lines."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def pdf_text(path: Path) -> tuple[list[str], object]:
    reader = pypdf.PdfReader(str(path))
    return [page.extract_text() or "" for page in reader.pages], reader


@pytest.fixture(scope="module")
def sample() -> Dataset:
    return load_file(SAMPLE)


@pytest.fixture(scope="module")
def pack(sample, qapp, tmp_path_factory):
    out = tmp_path_factory.mktemp("pdf") / "pack.pdf"
    b = build_briefing(sample, sample_notes(sample), BriefOptions(as_of=AS_OF, author="Scrutiny officer"),
                       now=NOW)
    result = output.write_pdf(out, b)
    pages, reader = pdf_text(out)
    return out, result, pages, reader


def test_pack_text_has_overdue_titles_grades_and_briefing_notes(pack):
    _out, _result, pages, _reader = pack
    text = squeeze("\n".join(pages))
    for title in OVERDUE_TITLES:
        assert squeeze(title) in text, title
    for grade in ("Inadequate", "Good", "RI", "Requires improvement to be good"):
        assert squeeze(grade) in text
    for note in (BRIEFING, FORMULA, RANGE, "Agency rate still about twice England's"):
        assert squeeze(note) in text, note
    assert squeeze("O&S committee minutes, October 2026") in text  # the note's source, by number


def test_pack_never_shows_private_or_unmarked_notes(pack):
    _out, _result, pages, _reader = pack
    text = squeeze("\n".join(pages))
    assert squeeze(PRIVATE) not in text and "mynotebook" not in text
    assert squeeze(PLAIN) not in text  # public, but not marked for the briefing


def test_pack_pages_header_footer_and_sections(pack):
    _out, result, pages, reader = pack
    assert 10 <= result.pages == len(pages) <= 30
    assert list(result.sections)[:4] == ["Cover", "Key messages", "Plan progress by workstream",
                                         "Overdue and at-risk actions"]
    assert "Sources" in result.sections
    cover = squeeze(pages[0])
    for words in ("Briefing pack", "BCP Council", "Period covered", "1 Apr 2019 to 31 Mar 2027",
                  "Figures as at", "23 Nov 2026", "Prepared by", "Scrutiny officer", "Generated", "Purpose",
                  "Recommendation", "notes this briefing and scrutinises", "illustrative"):
        assert squeeze(words) in cover, words
    assert squeeze("Contents") in squeeze(pages[1])
    assert "Page1of" not in cover  # no running header on the cover
    for n, text in enumerate(pages[1:], start=2):
        assert squeeze(f"Page {n} of {result.pages}") in squeeze(text)
        assert squeeze("BCP Council") in squeeze(text)
    sources = squeeze("".join(pages[result.sections["Sources"] - 1:]))
    assert "[1]" in sources and squeeze("reports.ofsted.gov.uk") in sources
    assert "javascript" not in sources
    page = reader.pages[0]
    assert abs(float(page.mediabox.width) - 595.3) < 2 and abs(float(page.mediabox.height) - 841.9) < 2


def test_pack_fonts_are_embedded_and_drawings_are_vectors(pack):
    _out, _result, _pages, reader = pack
    fonts = {}
    images = 0
    for page in reader.pages:
        resources = page["/Resources"]
        for _name, ref in (resources.get("/Font") or {}).items():
            font = ref.get_object()
            for desc in font.get("/DescendantFonts", [font]):
                d = desc.get_object().get("/FontDescriptor")
                if d is not None:
                    d = d.get_object()
                    files = ("/FontFile", "/FontFile2", "/FontFile3")
                    fonts[str(d["/FontName"])] = any(k in d for k in files)
        for _name, ref in (resources.get("/XObject") or {}).items():
            images += ref.get_object().get("/Subtype") == "/Image"
    assert fonts and all(fonts.values())
    assert images == 0  # timeline and charts are drawn as paths and text, not pictures


def test_pack_is_small(pack):
    out, _result, _pages, _reader = pack
    assert out.stat().st_size < 1_000_000


def test_landscape_and_chosen_sections(sample, qapp, tmp_path):
    out = tmp_path / "wide.pdf"
    options = BriefOptions(as_of=AS_OF, orientation=LANDSCAPE, sections=frozenset({"actions", "inspections"}))
    result = output.write_pdf(out, build_briefing(sample, sample_notes(sample), options, now=NOW))
    pages, reader = pdf_text(out)
    page = reader.pages[1]
    assert float(page.mediabox.width) > float(page.mediabox.height)
    chosen = [s for s in result.sections if s in ("Overdue and at-risk actions", "Inspections and visits",
                                                  "Scorecard", "Timeline", "Metric charts")]
    assert chosen == ["Overdue and at-risk actions", "Inspections and visits"]
    assert list(result.sections)[-1] == "Sources"
    text = squeeze("\n".join(pages))
    assert squeeze(OVERDUE_TITLES[0]) in text and squeeze(BRIEFING) not in text
    assert result.pages <= 10


def test_a_long_overdue_list_is_capped_and_says_so(qapp, tmp_path):
    actions = tuple(Action(f"X{i:04d}", f"Generated action {i}", workstream=f"W{i % 3}", owner="Someone",
                           start=date(2023, 1, 1), due=date(2024, 1, 1) + timedelta(days=i),
                           status=Status.RED)
                    for i in range(MAX_TABLE_ROWS + 40))
    out = tmp_path / "long.pdf"
    options = BriefOptions(as_of=AS_OF, sections=frozenset({"actions"}))
    output.write_pdf(out, build_briefing(Dataset(actions=actions), [], options, now=NOW))
    text = squeeze("\n".join(pdf_text(out)[0]))
    said = f"The first {MAX_TABLE_ROWS} are listed; the summary workbook lists all {MAX_TABLE_ROWS + 40}"
    assert squeeze(said) in text
    assert squeeze("Generated action 0 ") in text and "Generatedaction289" not in text


def test_an_empty_dataset_still_makes_a_pack(qapp, tmp_path):
    out = tmp_path / "empty.pdf"
    result = output.write_pdf(out, build_briefing(Dataset(), [], BriefOptions(as_of=AS_OF), now=NOW))
    text = squeeze("\n".join(pdf_text(out)[0]))
    assert result.pages >= 2 and "Timeline" not in result.sections  # empty sections are left out
    assert squeeze("No actions are overdue.") in text and squeeze("Nothing in this pack cites a source.") in text


def test_a_failed_pdf_leaves_the_old_file(sample, qapp, tmp_path, monkeypatch):
    out = tmp_path / "pack.pdf"
    out.write_bytes(b"old")
    b = build_briefing(sample, [], BriefOptions(as_of=AS_OF), now=NOW)

    def broken(*_args, **_kw):
        raise output.PackError("the typesetter caught fire")

    monkeypatch.setattr(output, "compile_pack", broken)
    with pytest.raises(OSError):
        output.write_pdf(out, b)
    assert out.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["pack.pdf"]


# -- the window --------------------------------------------------------------------------------------------
@pytest.fixture
def window(make_window, tmp_path, sample, monkeypatch):
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    for kind in ("warning", "critical", "information", "about"):
        monkeypatch.setattr(QMessageBox, kind, lambda *a, **kw: None)
    # a cover typed in the export dialog is kept in the project (an unsaved edit): closing asks to save
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **kw: QMessageBox.StandardButton.Discard)
    export_dialog.set_pack_backend(output)
    w = make_window(today=AS_OF)
    w.session.set_data(sample)
    w.session.set_document(sample_notes(sample))  # as if opened from a project: nothing to save on close
    yield w
    export_dialog.set_pack_backend(None)


def test_file_menu_commands_follow_the_data(window, qtbot, tmp_path):
    acts = window.commands
    assert all(a.isEnabled() for a in (acts.export_summary, acts.export_pack, acts.print))
    window.session.set_data(Dataset())
    assert not any(a.isEnabled() for a in (acts.export_summary, acts.export_pack, acts.print))


def test_window_exports_the_pack_without_private_notes(window, tmp_path):
    out = tmp_path / "from-window.pdf"
    path = window.export.export_pack(str(out), BriefOptions(as_of=AS_OF))
    assert path == str(out)
    text = squeeze("\n".join(pdf_text(out)[0]))
    assert squeeze(BRIEFING) in text and squeeze(PRIVATE) not in text
    assert "from-window.pdf" in window.statusBar().currentMessage()


def test_window_summary_follows_the_filter(window, tmp_path):
    from openpyxl import load_workbook

    window.filter_bar.set_filter(Filter(text="front door"))
    window.filter_bar.flush()
    out = tmp_path / "filtered.xlsx"
    window.export.export_summary(str(out), BriefOptions(as_of=AS_OF), filtered=True)
    ids = [r[0].value for r in load_workbook(out)["Actions"].iter_rows(min_row=2)]
    assert ids and "A2.06" in ids and len(ids) < 50
    everything = tmp_path / "all.xlsx"
    window.export.export_summary(str(everything), BriefOptions(as_of=AS_OF), filtered=False)
    assert load_workbook(everything)["Actions"].max_row == 51


def test_printing_uses_the_same_renderer(window, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    printer = window.export.make_printer(LANDSCAPE)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    briefing = window.export.briefing(BriefOptions(as_of=AS_OF, orientation=LANDSCAPE), filtered=False)
    result = window.export.render_to(printer, briefing)
    pages, reader = pdf_text(out)
    assert result.pages == len(pages) >= 10  # the Typst pages, painted as images at the printer's resolution
    assert float(reader.pages[1].mediabox.width) > float(reader.pages[1].mediabox.height)
    assert all(len(page.images) == 1 for page in reader.pages)
    pdf = output.pdf_bytes(briefing)[1]
    assert pdf.pages == result.pages  # the same document as the PDF export


def test_dialog_choices_are_remembered(window, qtbot):
    first = ExportDialog(window, export_dialog.PACK, window.session.dataset, window.settings.export_choices())
    qtbot.addWidget(first)
    first.title_edit.setText("Scrutiny committee, December 2026")
    first.author_edit.setText("Scrutiny officer")
    first.from_edit.setDate(first.from_edit.date().addYears(3))
    first.landscape.setChecked(True)
    first.section_checks["timeline"].setChecked(False)
    first.metrics_list.item(0).setCheckState(Qt.CheckState.Unchecked)
    options = first.options(AS_OF)
    assert options.title == "Scrutiny committee, December 2026" and options.orientation == LANDSCAPE
    assert "timeline" not in options.sections and options.start == date(2022, 4, 1) and options.end is None
    assert options.metrics is not None and len(options.metrics) == 5
    window.settings.set_export_choices(first.choices(window.settings.export_choices()))
    remembered = window.settings.export_choices()
    assert remembered.title == "Scrutiny committee, December 2026" and remembered.start == "2022-04-01"
    second = ExportDialog(window, export_dialog.SUMMARY, window.session.dataset, remembered)
    qtbot.addWidget(second)
    assert second.title_edit.text() == "Scrutiny committee, December 2026"
    assert second.landscape.isChecked() is False  # a summary has no pages: the choice is kept, not shown
    assert second.options(AS_OF).metrics == options.metrics
    assert window.settings.export_choices().orientation == LANDSCAPE


def test_export_choices_round_trip_through_settings(tmp_path):
    s = Settings.from_file(tmp_path / "s.ini")
    assert s.export_choices() == ExportChoices()
    chosen = ExportChoices(title="T", sections=(), metrics=("A", "B"), orientation=LANDSCAPE, filtered=False)
    s.set_export_choices(chosen)
    s.sync()
    assert Settings.from_file(tmp_path / "s.ini").export_choices() == chosen


def test_save_dialog_suggests_a_safe_name_and_never_overwrites_silently(window, tmp_path, monkeypatch):
    existing = tmp_path / "pack.pdf"
    existing.write_bytes(b"keep me")
    seen = {}

    def fake_save(_parent, _title, start, _filter):
        seen["start"] = start
        return str(tmp_path / "pack"), ""  # no suffix typed: the app adds it, and must ask about it

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake_save)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **kw: QMessageBox.StandardButton.No)
    options = BriefOptions(title="Briefing: A/B <test>?", as_of=AS_OF)
    assert window.export.export_pack(None, options) is None
    assert existing.read_bytes() == b"keep me"
    assert Path(seen["start"]).name == "Briefing-A-B-test-2026-11-23.pdf"


def test_no_backend_means_no_pack(window):
    export_dialog.set_pack_backend(None)
    assert window.export.export_pack("x.pdf", BriefOptions(as_of=AS_OF)) is None
    assert not Path("x.pdf").exists()


def test_briefing_options_change_only_what_they_name():
    base = BriefOptions(as_of=AS_OF)
    assert replace(base, title="x").sections == base.sections


def test_the_menu_command_asks_then_writes(window, tmp_path, monkeypatch, qtbot):
    from PySide6.QtWidgets import QDialog

    out = tmp_path / "chosen.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **kw: (str(out), ""))

    def choose(dialog: ExportDialog) -> QDialog.DialogCode:  # what the user does in the dialog
        dialog.title_edit.setText("Chosen in the dialog")
        dialog.landscape.setChecked(True)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ExportDialog, "exec", choose)
    window.commands.export_pack.trigger()
    qtbot.waitUntil(out.exists, timeout=10_000)
    pages, reader = pdf_text(out)
    assert squeeze("Chosen in the dialog") in squeeze(pages[0])
    assert float(reader.pages[1].mediabox.width) > float(reader.pages[1].mediabox.height)
    remembered = window.settings.export_choices()
    assert remembered.title == "Chosen in the dialog" and remembered.orientation == LANDSCAPE
    assert remembered.folder == str(tmp_path)
    assert window.session.edits.cover.title == "Chosen in the dialog" and window.project.is_dirty


def test_print_shows_a_preview_drawn_by_the_pack_renderer(window, tmp_path, monkeypatch):
    from PySide6.QtGui import QPageLayout
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
    from PySide6.QtWidgets import QDialog

    out = tmp_path / "preview.pdf"
    seen = {}

    def choose(dialog: ExportDialog) -> QDialog.DialogCode:
        dialog.landscape.setChecked(True)
        return QDialog.DialogCode.Accepted

    def preview(dialog: QPrintPreviewDialog) -> int:  # what the preview does to show its pages
        printer = dialog.printer()
        seen["orientation"] = printer.pageLayout().orientation()
        seen["resolution"] = printer.resolution()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        dialog.paintRequested.emit(printer)
        return 0

    monkeypatch.setattr(ExportDialog, "exec", choose)
    monkeypatch.setattr(QPrintPreviewDialog, "exec", preview)
    assert window.export.print_pack() is True
    assert seen["orientation"] == QPageLayout.Orientation.Landscape
    assert seen["resolution"] == output.report_dpi()
    pages, reader = pdf_text(out)
    assert len(pages) >= 10 and all(len(page.images) == 1 for page in reader.pages)


def test_cover_fields_reach_the_pack_and_are_remembered(window, qtbot):
    dialog = ExportDialog(window, export_dialog.PACK, window.session.dataset, window.settings.export_choices(),
                          suggest=lambda options, filtered: window.export.briefing(options, filtered).key_messages,
                          as_of=AS_OF)
    qtbot.addWidget(dialog)
    cover = dialog.cover
    cover.meeting_edit.setText("Children's Services O&S Committee")
    cover.date_edit.setText("14/01/2027")
    assert cover.date_said.text() == "14 Jan 2027"
    cover.recommendation_edit.setPlainText("That the committee asks for a report on A2.06.")
    cover.write_button.click()  # the key messages the data gives, to edit
    written = cover.messages_edit.toPlainText().splitlines()
    assert any("A2.06" in line for line in written)
    cover.messages_edit.setPlainText("Our first message.\n\nOur second message.")
    options = dialog.options(AS_OF)
    assert options.meeting == "Children's Services O&S Committee" and options.meeting_date == date(2027, 1, 14)
    assert options.key_messages == ("Our first message.", "Our second message.")
    b = window.export.briefing(options, filtered=False)
    assert b.key_messages == ("Our first message.", "Our second message.")
    assert b.recommendation == "That the committee asks for a report on A2.06."
    window.settings.set_export_choices(dialog.choices(window.settings.export_choices()))
    again = ExportDialog(window, export_dialog.PACK, window.session.dataset, window.settings.export_choices())
    qtbot.addWidget(again)
    assert again.cover.meeting_edit.text() == "Children's Services O&S Committee"
    assert again.cover.meeting_date() == date(2027, 1, 14)
    assert again.cover.key_messages() is None  # key messages follow the data: not remembered
    summary = ExportDialog(window, export_dialog.SUMMARY, window.session.dataset, window.settings.export_choices())
    qtbot.addWidget(summary)
    assert summary.cover is None and summary.options(AS_OF).meeting == "Children's Services O&S Committee"
