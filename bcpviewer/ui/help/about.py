"""The About box (version, licence, data credits) and the app's icon, found as a plain file."""

from __future__ import annotations

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QMessageBox, QWidget

import bcpviewer

LICENCE = "MIT"
CREDITS = (
    "Department for Education, Children's social care statistics, licensed under the Open Government "
    "Licence v3.0.",
    "Ofsted inspection outcomes, licensed under the Open Government Licence v3.0.",
)
OGL_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def about_html(version: str = bcpviewer.__version__) -> str:
    """The About box's text: what the app is for, its version and licence, and whose data it bundles."""
    import html  # here: the About box is rarely opened, start-up does not wait for it

    credits = "".join(f"<li>{html.escape(c)}</li>" for c in CREDITS)
    return (
        f"<p><b>BCP Viewer {html.escape(version)}</b></p>"
        "<p>BCP Viewer helps councillors, scrutiny officers and journalists follow a council's children's "
        "services improvement after an inadequate Ofsted judgement. It reads improvement-plan trackers, "
        "inspection and visit records and performance statistics from spreadsheets and CSV files, shows "
        "which actions are late and how the figures compare with England, the region and statistical "
        "neighbours, and keeps the source beside every fact.</p>"
        f"<p>Free software under the {LICENCE} licence. Built with Qt for Python (PySide6, GNU LGPL v3), "
        "pyqtgraph, NumPy, openpyxl and python-calamine.</p>"
        f"<p>Data credits:</p><ul>{credits}</ul>"
        f'<p><a href="{OGL_URL}">The Open Government Licence v3.0</a>. The sample\'s improvement-plan '
        "actions are invented for illustration. Help › User guide › Official data and their licences "
        "says which data comes from where.</p>"
    )


def show_about(parent: QWidget | None = None) -> None:
    """Help › About BCP Viewer."""
    QMessageBox.about(parent, "About BCP Viewer", about_html())


def app_icon() -> QIcon:
    """BCP Viewer's icon at every size in resources/icons (an empty icon when they are not installed)."""
    from PySide6.QtCore import QSize

    from bcpviewer.bundled import resources_path

    icon = QIcon()
    for size in ICON_SIZES:
        path = resources_path(f"icons/bcpviewer-{size}.png")
        if path is not None:  # with its size given, each file is read only when that size is drawn
            icon.addFile(str(path), QSize(size, size))
    return icon
