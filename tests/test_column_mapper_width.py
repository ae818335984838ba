"""The column-mapping dialog opens wide enough to read its drop-downs, and no wider than the screen."""

from __future__ import annotations

from bcpviewer.io.grid import Grid
from bcpviewer.ui.loading.column_mapper import ColumnMapperDialog

HEADINGS = ["Ref no.", "Improvement priority / Ofsted recommendation", "What we will do (action)",
            "Accountable lead officer", "Original target completion date", "Revised target completion date",
            "RAG rating (latest)", "Progress update / commentary"]


def _grid() -> Grid:
    rows: list[list[object]] = [["Improvement plan tracker (position at 14 March 2023)"], [], list(HEADINGS)]
    rows += [[f"P{i}", "Leadership and management oversight", f"Action {i}", "Director of Children's Services",
              "31/03/2023", "30/06/2023", "Amber", "Two posts filled"] for i in range(12)]
    return Grid("/data/tracker.xlsx", "Tracker", rows)


def test_the_dialog_opens_wide_enough_for_its_drop_downs(qtbot):
    dialog = ColumnMapperDialog(_grid())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    combos = [dialog.field_combo(key) for key in ("id", "title", "owner", "revised_due")]
    assert combos[3].currentText() == "F: Revised target completion date"
    for combo in combos:
        assert combo.isVisible() and combo.width() >= combo.sizeHint().width()  # nothing cut off
    assert dialog.fields_scroll.width() >= dialog.fields_width()
    screen = dialog.screen().availableGeometry()
    assert dialog.width() <= screen.width()
    dialog.set_kind("events")  # other fields, other drop-downs: still whole
    qtbot.waitUntil(lambda: dialog.field_combo("title").isVisible())
    title = dialog.field_combo("title")
    assert title.width() >= title.sizeHint().width()
