"""Help inside the app: the offline user guide (its pages, links and generated parts), its window, the
keyboard shortcuts dialog built from the real menus, the About box and Help › Spreadsheet template…"""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QUrl
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox
from pytestqt.qtbot import QtBot

import bcpviewer
from bcpviewer.io.layout import FIELDS, SHEET_NAMES
from bcpviewer.model.briefing import SECTIONS
from bcpviewer.ui.help import about, guide
from bcpviewer.ui.help.shortcuts import ShortcutsDialog, menu_actions, shortcut_rows
from bcpviewer.ui.help.template import save_template
from bcpviewer.ui.help.window import HelpWindow, open_guide
from bcpviewer.ui.shell.menus import create_actions, install_menus

TOPICS = ("getting started", "your own tracker", "spreadsheet layout", "timeline", "charts", "annotations",
          "projects", "exports", "official data", "licences", "keyboard shortcuts")


def _text(page: str, shortcuts: list[guide.Shortcut] | None = None) -> str:
    return html.unescape(guide.render(page, shortcuts))


@pytest.fixture
def main_window(qtbot: QtBot) -> QMainWindow:
    """A window with the app's real menus and actions (handlers are not needed to read the keys)."""
    window = QMainWindow()
    qtbot.addWidget(window)
    acts = create_actions(window, ["Actions", "Events"], QUndoStack(window))
    install_menus(window, acts, [], [])
    return window


def test_guide_is_installed_and_every_link_leads_to_a_page() -> None:
    folder = guide.folder()
    assert folder is not None and (folder / guide.INDEX).is_file()
    assert guide.broken_links() == []
    names = guide.pages()
    assert names[0] == guide.INDEX and len(names) >= 9
    linked = set(guide.local_links((folder / guide.INDEX).read_text(encoding="utf-8")))
    assert set(names) - {guide.INDEX} <= linked, "every page is listed on the contents page"
    for name in names:
        assert guide.title(name) != name, f"{name} has no <title>"


def test_contents_cover_the_topics_a_new_user_needs() -> None:
    titles = " ".join(guide.title(n).lower() for n in guide.pages())
    for topic in TOPICS:
        assert topic in titles, topic


def test_broken_link_is_reported(tmp_path: Path) -> None:
    (tmp_path / guide.INDEX).write_text('<a href="a.html">A</a> <a href="gone.html#x">B</a> '
                                        '<a href="https://example.org/">web</a> <a href="#top">top</a>')
    (tmp_path / "a.html").write_text("<title>A</title>")
    assert guide.broken_links(tmp_path) == [(guide.INDEX, "gone.html")]
    assert guide.pages(tmp_path) == [guide.INDEX, "a.html"]


def test_layout_page_lists_every_header_and_synonym_the_importer_knows() -> None:
    text = _text("spreadsheet-layout.html")
    assert "bcpviewer:" not in text
    for kind, fields in FIELDS.items():
        for field in fields:
            for synonym in field.synonyms:
                assert synonym in text, f"{kind}.{field.key}: {synonym}"
    for names in SHEET_NAMES.values():
        for name in names:
            assert name in text


def test_exports_page_lists_the_briefing_packs_sections() -> None:
    text = _text("exports.html")
    for _key, label in SECTIONS:
        assert label in text


def test_shortcuts_page_lists_the_real_menu_keys(main_window: QMainWindow) -> None:
    rows = shortcut_rows(menu_actions(main_window))
    by_command = {r.command: r for r in rows}
    assert by_command["Open…"].menu == "File" and "Ctrl+O" in by_command["Open…"].keys
    assert by_command["Annotate selected item…"].keys == ("Ctrl+M",)
    assert by_command["Export summary…"].keys == ("Ctrl+Shift+E",)
    assert set(by_command["Zoom to fit"].keys) == {"Home", "Ctrl+0"}
    text = _text(guide.SHORTCUTS, rows)
    for row in rows:
        assert row.command in text
        for key in row.keys:
            assert key in text
    assert "Open this page from the app's" in _text(guide.SHORTCUTS, None)


def test_submenu_actions_name_their_menu_path(main_window: QMainWindow) -> None:
    paths = {r.command: r.menu for r in shortcut_rows(menu_actions(main_window))}
    assert paths["Redo"] == "Edit"
    assert all(not p.startswith(" ") for p in paths.values())
    zoom = [a for a in menu_actions(main_window) if a.text() == "3 &months"]
    from bcpviewer.ui.help.shortcuts import menu_path

    assert menu_path(zoom[0]) == "View › Zoom to period"


def test_shortcuts_dialog_shows_every_key(qtbot: QtBot, main_window: QMainWindow) -> None:
    dialog = ShortcutsDialog(menu_actions(main_window), main_window)
    qtbot.addWidget(dialog)
    text = dialog.text()
    assert dialog.rows
    for row in dialog.rows:
        assert row.command in text and row.keys[0] in text
    assert "Shift+drag" in text and "F2" in text


def test_help_window_follows_contents_links_and_history(qtbot: QtBot, main_window: QMainWindow) -> None:
    window = HelpWindow(menu_actions(main_window), main_window)
    qtbot.addWidget(window)
    assert window.page() == guide.INDEX
    assert "BCP Viewer user guide" in window.browser.toPlainText()
    for row in range(window.contents.count()):
        item = window.contents.item(row)
        window.contents.setCurrentItem(item)
        assert window.page() == item.data(0x0100)  # Qt.UserRole
        heading = window.browser.toPlainText()
        assert "Page not found" not in heading and len(heading) > 200
    window.show_page(guide.INDEX)
    window.show_page("exports.html")
    assert window.contents.currentItem().text() == guide.title("exports.html")
    assert window.back_action.isEnabled()
    window.back_action.trigger()
    assert window.page() == guide.INDEX
    window.show_page(guide.SHORTCUTS)
    assert "Ctrl+M" in window.browser.toPlainText()


def test_open_guide_reuses_its_window(qtbot: QtBot, main_window: QMainWindow) -> None:
    first = open_guide(main_window, menu_actions(main_window), "exports.html")
    qtbot.addWidget(first)
    assert first.page() == "exports.html" and first.isVisible()
    second = open_guide(main_window, page="reading.html")
    assert second is first and second.page() == "reading.html"


def test_missing_page_says_so() -> None:
    assert "Page not found" in guide.render("no-such-page.html")


def test_help_window_screenshot(qtbot: QtBot, main_window: QMainWindow, tmp_path: Path) -> None:
    window = HelpWindow(menu_actions(main_window), main_window)
    qtbot.addWidget(window)
    window.show()
    window.show_page("getting-started.html")
    image = window.grab()
    assert image.width() > 500 and image.save(str(tmp_path / "help.png"))


def test_about_names_version_licence_and_data_credits() -> None:
    text = about.about_html()
    assert f"BCP Viewer {bcpviewer.__version__}" in text
    assert "MIT licence" in text
    assert "Department for Education, Children's social care statistics, licensed under the Open " \
           "Government Licence v3.0" in html.unescape(text)
    assert "Ofsted inspection outcomes, licensed under the Open Government Licence v3.0" in text
    page = _text("data-licences.html")
    for credit in about.CREDITS:
        assert credit in page


def test_about_box_opens(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "about", lambda _parent, title, text: shown.append((title, text)))
    about.show_about(None)
    assert shown and shown[0][0] == "About BCP Viewer" and bcpviewer.__version__ in shown[0][1]


def test_app_icon_has_every_size(qtbot: QtBot) -> None:
    icon = about.app_icon()
    assert not icon.isNull()
    sizes = {s.width() for s in icon.availableSizes()}
    assert {16, 32, 48, 256} <= sizes


def test_template_command_writes_the_workbook(qtbot: QtBot, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    def choose(_parent: object, _caption: str, start: str, _filter: str) -> tuple[str, str]:
        asked.append(start)
        return str(tmp_path / "my tracker"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    written = save_template(None, str(tmp_path))
    assert asked == [str(tmp_path / "BCP Viewer tracker template.xlsx")]
    assert written == tmp_path / "my tracker.xlsx" and written.is_file()
    names = load_workbook(written).sheetnames
    assert {"Instructions", "Actions", "Events", "Metrics", "Sources"} <= set(names)


def test_template_command_cancelled_or_unwritable(qtbot: QtBot, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: ("", ""))
    assert save_template(None) is None
    target = tmp_path / "no-such-folder" / "t.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(target), ""))
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warned.append(text))
    assert save_template(None) is None
    assert warned and str(target) in warned[0]


def test_link_in_shortcuts_dialog_opens_the_guide(qtbot: QtBot, main_window: QMainWindow) -> None:
    dialog = ShortcutsDialog(menu_actions(main_window), main_window)
    qtbot.addWidget(dialog)
    folder = guide.folder()
    assert folder is not None
    dialog.browser.anchorClicked.emit(QUrl.fromLocalFile(str(folder / guide.INDEX)))
    window = main_window.findChild(HelpWindow)
    assert window is not None and window.page() == guide.INDEX
    assert dialog.browser.page() == guide.SHORTCUTS
