"""Help › Spreadsheet template…: ask where, then write the empty workbook in the app's own layout."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

DEFAULT_NAME = "BCP Viewer tracker template.xlsx"


def save_template(parent: QWidget | None = None, folder: str = "") -> Path | None:
    """Ask for a file name and write the template there; the path written, or None when cancelled or
    when it could not be written (the user is told why, naming the file)."""
    from bcpviewer.io.template import write_template

    start = str(Path(folder or Path.home()) / DEFAULT_NAME)
    chosen, _filter = QFileDialog.getSaveFileName(parent, "Save the spreadsheet template", start,
                                                  "Excel workbook (*.xlsx)")
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != ".xlsx":
        path = path.with_name(path.name + ".xlsx")
    try:
        write_template(path)
    except OSError as e:
        QMessageBox.warning(parent, "Could not save the template",
                            f"{path} could not be written: {e.strerror or e}.")
        return None
    return path
