"""The export controller: File › Export summary, Export briefing pack and Print, over the session's data,
annotations, links, targets, plan comparison and the journeys shown (a briefing gathers them all)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QPagedPaintDevice
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox, QProgressDialog, QWidget

from bcpviewer.io.errors import Cancelled
from bcpviewer.model.briefing import Briefing, BriefOptions, analyses_available, build_briefing, suggest_filename
from bcpviewer.ui.export.export_dialog import PACK, PRINT, SUMMARY, ExportDialog, pack_backend
from bcpviewer.ui.project.editing import Editor
from bcpviewer.ui.session import Session
from bcpviewer.ui.shell.settings import Settings

JourneysForPack = Callable[[], tuple[list, str, str, str, str]]


def analysis_inputs(session: Session, journeys_for_pack: JourneysForPack) -> dict[str, Any]:
    """The keyword arguments ``build_briefing`` takes for the analyses: links and targets made in the
    app, the plan comparison (from the session) and the journeys shown in the Journeys window."""
    journeys, metric, unit, anchor, own = journeys_for_pack()
    return {
        "metric_links": dict(session.metric_links),
        "extra_targets": dict(session.user_targets),
        "comparison": session.comparison,
        "journeys": tuple(journeys),
        "journey_metric": metric,
        "journey_unit": unit,
        "journey_anchor": anchor,
        "journey_own": own,
    }


class ExportController(QObject):
    """File › Export summary, Export briefing pack and Print."""

    def __init__(self, session: Session, settings: Settings, parent: QWidget,
                 journeys_for_pack: JourneysForPack = lambda: ([], "", "", "", "")) -> None:
        super().__init__(parent)
        self.session, self.settings = session, settings
        self.parent_widget = parent  # the dialogs are shown over it; its title names printed documents
        self._journeys = journeys_for_pack
        self.last_written: str | None = None

    @property
    def can_draw(self) -> bool:
        return pack_backend() is not None

    def as_of(self) -> date:
        return self.session.as_of

    def briefing(self, options: BriefOptions, filtered: bool) -> Briefing:
        """The briefing of the window's data and notes (private ones are always left out), overdue
        counted as the window counts it (View › Count overdue against today)."""
        s = self.session
        options = replace(options, against_today=s.count_against_today)
        visible = s.visible_keys if filtered else None
        return build_briefing(s.dataset, s.document, options, visible=visible, today=self.as_of(),
                              **analysis_inputs(s, self._journeys))

    def ask(self, mode: str) -> tuple[BriefOptions, bool] | None:
        """Show the dialog; (options, apply the filter) or None when cancelled. The choice is remembered."""
        s = self.session
        previous = self.settings.export_choices()
        total = len(s.dataset.actions) + len(s.dataset.events)
        keys = s.visible_keys
        shown = f" ({len(keys):,} of {total:,})" if keys is not None else ""
        inputs = analysis_inputs(s, self._journeys)
        available = analyses_available(s.dataset, today=self.as_of(), metric_links=inputs["metric_links"],
                                       extra_targets=inputs["extra_targets"], comparison=inputs["comparison"],
                                       journeys=inputs["journeys"])
        dialog = ExportDialog(self.parent_widget, mode, s.dataset, previous, charted=list(s.metrics),
                              filter_active=keys is not None, shown=shown, available=available,
                              suggest=lambda options, filtered: self.briefing(options, filtered).key_messages,
                              as_of=self.as_of(), cover=s.edits.cover)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        self.settings.set_export_choices(dialog.choices(previous))
        Editor(s).set_cover(dialog.cover_choice())  # the project keeps its cover: an undoable edit
        return dialog.options(self.as_of()), dialog.filter_check.isChecked()

    # -- Export summary ------------------------------------------------------------------------------------
    @Slot()
    def export_summary(self, path: str | None = None, options: BriefOptions | None = None,
                       filtered: bool = True) -> str | None:
        """Write the summary workbook; asks for the choices and the file unless given. Returns the path."""
        from bcpviewer.io.summary_xlsx import write_summary

        if options is None:
            asked = self.ask(SUMMARY)
            if asked is None:
                return None
            options, filtered = asked
        if path is None:
            path = self._save_path(options, ".xlsx", "Excel workbook (*.xlsx)")
            if path is None:
                return None
        briefing = self.briefing(options, filtered)
        return self._run(lambda progress: write_summary(path, briefing, progress), path, "summary workbook")

    # -- Export briefing pack ------------------------------------------------------------------------------
    @Slot()
    def export_pack(self, path: str | None = None, options: BriefOptions | None = None,
                    filtered: bool = True) -> str | None:
        """Write the briefing pack as PDF; asks for the choices and the file unless given."""
        backend = pack_backend()
        if backend is None:
            self._unavailable()
            return None
        if options is None:
            asked = self.ask(PACK)
            if asked is None:
                return None
            options, filtered = asked
        if path is None:
            path = self._save_path(options, ".pdf", "PDF document (*.pdf)")
            if path is None:
                return None
        briefing = self.briefing(options, filtered)
        return self._run(lambda progress: backend.write_pdf(path, briefing, progress), path, "briefing pack")

    # -- Print ----------------------------------------------------------------------------------------------
    def make_printer(self, orientation: str) -> Any:
        """A printer at the screen's resolution (plots measure text with the screen's metrics), on A4."""
        from PySide6.QtPrintSupport import QPrinter

        backend = pack_backend()
        assert backend is not None
        printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        printer.setResolution(backend.report_dpi())
        printer.setPageLayout(backend.page_layout(orientation))
        printer.setDocName(self.parent_widget.windowTitle())
        return printer

    def render_to(self, device: QPagedPaintDevice, briefing: Briefing) -> Any:
        """Draw the pack on a printer (or its preview): the same renderer as the PDF."""
        backend = pack_backend()
        assert backend is not None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return backend.render_pack(device, briefing)
        finally:
            QApplication.restoreOverrideCursor()

    @Slot()
    def print_pack(self) -> bool:
        """Choose, then preview and print; True when the preview was shown."""
        import shiboken6
        from PySide6.QtPrintSupport import QPrintPreviewDialog

        if pack_backend() is None:
            self._unavailable()
            return False
        asked = self.ask(PRINT)
        if asked is None:
            return False
        options, filtered = asked
        briefing = self.briefing(options, filtered)
        printer = self.make_printer(options.orientation)
        preview = QPrintPreviewDialog(printer, self.parent_widget)
        preview.setWindowTitle(f"Print preview: {briefing.title}")
        preview.paintRequested.connect(lambda device: self.render_to(device, briefing))
        try:
            preview.exec()
        finally:  # the preview goes now, while the printer it points at is still alive (not at quit)
            preview.paintRequested.disconnect()
            shiboken6.delete(preview)
        return True

    # -- helpers --------------------------------------------------------------------------------------------
    def _save_path(self, options: BriefOptions, suffix: str, filt: str) -> str | None:
        """The save dialog asks before replacing a file; a suffix added afterwards is asked about here."""
        w = self.parent_widget
        choices = self.settings.export_choices()
        folder = choices.folder if choices.folder and Path(choices.folder).is_dir() \
            else self.settings.last_directory()
        start = str(Path(folder) / suggest_filename(options.title, suffix, self.as_of()))
        title = "Export summary workbook" if suffix == ".xlsx" else "Export briefing pack"
        path, _chosen = QFileDialog.getSaveFileName(w, title, start, filt)
        if not path:
            return None
        if not path.lower().endswith(suffix):
            path += suffix
            if Path(path).exists():
                answer = QMessageBox.question(w, "Replace file?", f"{path} already exists. Replace it?")
                if answer != QMessageBox.StandardButton.Yes:
                    return None
        self.settings.set_export_choices(replace(self.settings.export_choices(), folder=str(Path(path).parent)))
        return path

    def _run(self, write: Any, path: str, what: str) -> str | None:
        w = self.parent_widget
        dialog = QProgressDialog(f"Writing the {what}…", "Cancel", 0, 100, w)
        dialog.setWindowTitle("Exporting")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)

        def progress(fraction: float, message: str) -> None:
            if dialog.wasCanceled():
                raise Cancelled
            dialog.setLabelText(message or f"Writing the {what}…")
            dialog.setValue(max(0, min(99, round(fraction * 100))))

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = write(progress)
        except Cancelled:
            self.session.tell(f"Export cancelled; {Path(path).name} was not written.")
            return None
        except OSError as exc:
            QMessageBox.warning(w, "Export failed", f"The {what} could not be written to {path}:\n"
                                f"{exc.strerror or exc}\n\nNo file was changed.")
            return None
        finally:
            QApplication.restoreOverrideCursor()
            dialog.reset()
            dialog.deleteLater()
        pages = getattr(result, "pages", None)
        detail = f" ({pages} pages)" if pages else ""
        self.session.tell(f"Wrote the {what} {Path(path).name}{detail}.", 10000)
        self.last_written = path
        return path

    def _unavailable(self) -> None:
        QMessageBox.information(self.parent_widget, "Not available", "Briefing packs cannot be drawn in this copy "
                                "of BCP Viewer: start it with the 'bcpviewer' command.")


