"""The main window's actions, menu bar and toolbar (handlers are connected by the window)."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QStyle, QToolBar

ZOOM_PRESETS: tuple[tuple[str, int | None, str], ...] = (
    ("3 &months", 91, "Show the last three months of the data"),
    ("1 &year", 365, "Show the last year of the data"),
    ("A&ll", None, "Show the whole timeline"),
)


@dataclass
class WindowActions:
    """Every menu and toolbar command of the main window."""

    open: QAction
    sample: QAction
    quit: QAction
    find: QAction
    clear_filters: QAction
    zoom_fit: QAction
    zoom_presets: list[QAction]
    show_details: QAction
    about: QAction
    tabs: list[QAction] = field(default_factory=list)


def create_actions(window: QMainWindow, tab_titles: list[str]) -> WindowActions:
    """The window's commands with their shortcuts, tips and icons."""
    st = window.style()

    def make(text: str, shortcut: QKeySequence | str | None = None, tip: str = "") -> QAction:
        act = QAction(text, window)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
        if tip:
            act.setStatusTip(tip)
            act.setToolTip(f"{tip} ({act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
                           if shortcut is not None else tip)
        return act

    acts = WindowActions(
        open=make("&Open…", QKeySequence.StandardKey.Open,
                  "Open spreadsheets or CSV files (.xlsx .xlsm .xls .xlsb .ods .csv)"),
        sample=make("Open bundled &sample", None,
                    "Open the sample workbook of BCP Council's improvement journey"),
        quit=make("&Quit", "Ctrl+Q", "Close BCP Viewer"),
        find=make("&Find…", QKeySequence.StandardKey.Find, "Find actions and events"),
        clear_filters=make("&Clear filters", "Ctrl+Shift+F", "Show every action and event again"),
        zoom_fit=make("&Zoom to fit", None, "Fit the whole timeline in view"),
        zoom_presets=[make(text, None, tip) for text, _days, tip in ZOOM_PRESETS],
        show_details=make("Show &details", None, "Show the details of the selected item"),
        about=make("&About BCP Viewer"),
    )
    acts.open.setIcon(st.standardIcon(QStyle.StandardPixmap.SP_DialogOpenButton))
    acts.zoom_fit.setShortcuts([QKeySequence("Home"), QKeySequence("Ctrl+0")])
    acts.zoom_fit.setToolTip("Fit the whole timeline in view (Home or Ctrl+0)")
    acts.show_details.setShortcut(QKeySequence("Ctrl+D"))
    group = QActionGroup(window)
    for i, title in enumerate(tab_titles):
        act = QAction(f"&{title}", window, checkable=True)
        act.setShortcut(QKeySequence(f"Alt+{i + 1}"))
        act.setStatusTip(f"Show the {title} table")
        group.addAction(act)
        acts.tabs.append(act)
    if acts.tabs:
        acts.tabs[0].setChecked(True)
    return acts


def install_menus(window: QMainWindow, acts: WindowActions, docks: list[QDockWidget],
                  toolbars: list[QToolBar]) -> QMenu:
    """Fill the menu bar; returns the Open Recent menu for the window to keep up to date."""
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    file_menu.addAction(acts.open)
    recent = file_menu.addMenu("Open &Recent")
    file_menu.addAction(acts.sample)
    file_menu.addSeparator()
    file_menu.addAction(acts.quit)

    edit_menu = bar.addMenu("&Edit")
    edit_menu.addAction(acts.find)
    edit_menu.addAction(acts.clear_filters)

    view_menu = bar.addMenu("&View")
    view_menu.addAction(acts.zoom_fit)
    zoom_menu = view_menu.addMenu("Zoom to &period")
    for act in acts.zoom_presets:
        zoom_menu.addAction(act)
    view_menu.addSeparator()
    for act in acts.tabs:
        view_menu.addAction(act)
    view_menu.addAction(acts.show_details)
    view_menu.addSeparator()
    for dock in docks:
        view_menu.addAction(dock.toggleViewAction())
    bars = view_menu.addMenu("&Toolbars")
    for toolbar in toolbars:
        bars.addAction(toolbar.toggleViewAction())

    help_menu = bar.addMenu("&Help")
    help_menu.addAction(acts.about)
    return recent


def install_toolbar(window: QMainWindow, acts: WindowActions) -> QToolBar:
    """The main toolbar: Open, Zoom to fit and the zoom presets."""
    toolbar = QToolBar("Main toolbar", window)
    toolbar.setObjectName("main_toolbar")
    toolbar.setAccessibleName("Main toolbar")
    toolbar.addAction(acts.open)
    toolbar.addSeparator()
    toolbar.addAction(acts.zoom_fit)
    for act in acts.zoom_presets:
        toolbar.addAction(act)
    window.addToolBar(toolbar)
    return toolbar
