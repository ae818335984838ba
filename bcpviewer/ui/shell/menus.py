"""The main window's actions, menu bar and toolbar (handlers are connected by the window)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoStack
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QToolBar

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
    new_project: QAction
    save: QAction
    save_as: QAction
    export_summary: QAction
    export_pack: QAction
    print: QAction
    undo: QAction
    redo: QAction
    annotate_item: QAction
    annotate_range: QAction
    find: QAction
    clear_filters: QAction
    zoom_fit: QAction
    zoom_presets: list[QAction]
    show_details: QAction
    about: QAction
    council: QAction
    user_guide: QAction
    shortcuts: QAction
    template: QAction
    add_data: QAction
    reset_layout: QAction
    count_against_today: QAction
    update_official: QAction
    tabs: list[QAction] = field(default_factory=list)


@dataclass
class RecentMenus:
    """The two Open Recent submenus the window keeps up to date, and the View menu and its Toolbars
    submenu (panels and toolbars built after the menus are added with ``add_panels``)."""

    files: QMenu
    projects: QMenu
    view: QMenu | None = None
    toolbars: QMenu | None = None
    analysis: QMenu | None = None  # filled by the analysis controller once the views are built


def set_shortcut(act: QAction, key: QKeySequence | QKeySequence.StandardKey | str) -> None:
    """``act.setShortcut(key)``, said as ``setShortcuts([key])``: the same, but PySide then does not build
    the enums of the whole Qt namespace (~15 ms) before the window is first shown."""
    act.setShortcuts([QKeySequence(key)])


def create_actions(window: QMainWindow, tab_titles: list[str], stack: QUndoStack) -> WindowActions:
    """The window's commands with their shortcuts and tips (Undo and Redo follow ``stack``; icons come with
    ``set_icons`` once the views are built)."""

    def make(text: str, shortcut: QKeySequence.StandardKey | str | None = None, tip: str = "") -> QAction:
        act = QAction(text, window)
        if shortcut is not None:
            set_shortcut(act, shortcut)
        if tip:
            act.setStatusTip(tip)
            act.setToolTip(f"{tip} ({act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
                           if shortcut is not None else tip)
        return act

    acts = WindowActions(
        open=make("&Open…", QKeySequence.StandardKey.Open,
                  "Open a project (.bcpv), or spreadsheets and CSV files (.xlsx .xls .ods .csv…)"),
        add_data=make("&Add data…", "Ctrl+Shift+O",
                      "Add spreadsheets and CSV files to the data open now (Open starts afresh)"),
        reset_layout=make("&Reset layout", None, "Put the panels back as at first, the timeline on top"),
        count_against_today=make("Count &overdue against today", None,
                                 "Count overdue and days late against today, not the date each tracker "
                                 "gives for its position (\"Updated: 14/03/2023\")"),
        update_official=make("&Update official data…", None,
                             "Import newer DfE statistics or an Ofsted ILACS history into your copy of "
                             "the official data (the shipped data is never changed), or revert to it"),
        sample=make("Open bundled &sample", None,
                    "Open the sample workbook of BCP Council's improvement journey"),
        quit=make("&Quit", "Ctrl+Q", "Close BCP Viewer"),
        find=make("&Find…", QKeySequence.StandardKey.Find, "Find actions and events"),
        clear_filters=make("&Clear filters", "Ctrl+Shift+F", "Show every action and event again"),
        zoom_fit=make("&Zoom to fit", None, "Fit the whole timeline in view"),
        zoom_presets=[make(text, None, tip) for text, _days, tip in ZOOM_PRESETS],
        show_details=make("Show &details", None, "Show the details of the selected item"),
        about=make("&About BCP Viewer", None, "Version, licence and data credits"),
        user_guide=make("&User guide", QKeySequence.StandardKey.HelpContents,
                        "Open the user guide (it works offline)"),
        shortcuts=make("&Keyboard shortcuts", None, "Every command's keys, and the keys on the timeline"),
        template=make("Spreadsheet &template…", None,
                      "Write an empty workbook in the app's own layout, with drop-down lists and instructions"),
        council=make("&Council…", None,
                     "Choose the council: its inspections and key indicators from the bundled official data "
                     "(with England, its region and statistical neighbours), and the council DfE and Ofsted "
                     "files are read for"),
        new_project=make("&New Project", QKeySequence.StandardKey.New,
                         "Start a new project: no data and no annotations"),
        save=make("&Save", QKeySequence.StandardKey.Save,
                  "Save the project: data files, annotations, filters and view"),
        save_as=make("Save &As…", "Ctrl+Shift+S", "Save the project in a new file"),
        export_summary=make("&Export summary…", "Ctrl+Shift+E",
                            "Write a summary workbook (XLSX): figures at a glance, actions, events, metrics, "
                            "public notes and sources"),
        export_pack=make("Export &briefing pack…", None,
                         "Write a briefing pack (PDF) for a committee: cover, figures, timeline, charts, "
                         "tables, notes and sources"),
        print=make("&Print…", QKeySequence.StandardKey.Print, "Print the briefing pack, with a preview first"),
        undo=stack.createUndoAction(window, "&Undo"),
        redo=stack.createRedoAction(window, "&Redo"),
        annotate_item=make("&Annotate selected item…", "Ctrl+M",
                           "Add a note, with tags and a source, to the selected action or event"),
        annotate_range=make("Annotate date &range…", None,
                            "Add a note on a date or a date range (or Shift+drag across the timeline)"),
    )
    set_shortcut(acts.undo, QKeySequence.StandardKey.Undo)
    redo_keys = [QKeySequence("Ctrl+Shift+Z")]
    redo_keys += [k for k in QKeySequence.keyBindings(QKeySequence.StandardKey.Redo) if k not in redo_keys]
    acts.redo.setShortcuts(redo_keys)
    for act, tip in ((acts.undo, "Undo the last change to the annotations"),
                     (acts.redo, "Redo the change just undone")):
        act.setStatusTip(tip)
    acts.zoom_fit.setShortcuts([QKeySequence("Home"), QKeySequence("Ctrl+0")])
    acts.zoom_fit.setToolTip("Fit the whole timeline in view (Home or Ctrl+0)")
    set_shortcut(acts.show_details, "Ctrl+D")
    acts.count_against_today.setCheckable(True)
    acts.count_against_today.setObjectName("count_against_today")
    group = QActionGroup(window)
    for i, title in enumerate(tab_titles):
        act = QAction(f"&{title}", window, checkable=True)
        set_shortcut(act, f"Alt+{i + 1}")
        act.setStatusTip(f"Show the {title} table")
        group.addAction(act)
        acts.tabs.append(act)
    if acts.tabs:
        acts.tabs[0].setChecked(True)
    return acts


def set_icons(window: QMainWindow, acts: WindowActions) -> None:
    """The toolbar's icons, from the window's style: set once the views are built (QStyle's enums are
    made when first touched, which start-up does not wait for)."""
    from PySide6.QtWidgets import QStyle

    st = window.style()
    acts.save.setIcon(st.standardIcon(QStyle.StandardPixmap.SP_DialogSaveButton))
    acts.open.setIcon(st.standardIcon(QStyle.StandardPixmap.SP_DialogOpenButton))


def install_menus(window: QMainWindow, acts: WindowActions, docks: list[QDockWidget],
                  toolbars: list[QToolBar]) -> RecentMenus:
    """Fill the menu bar; returns the recent files and projects menus for the window to keep up to date."""
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    file_menu.addAction(acts.new_project)
    file_menu.addAction(acts.open)
    file_menu.addAction(acts.add_data)
    recent = file_menu.addMenu("Open &Recent")
    projects = file_menu.addMenu("Recent &Projects")
    file_menu.addAction(acts.sample)
    file_menu.addAction(acts.update_official)
    file_menu.addSeparator()
    file_menu.addAction(acts.save)
    file_menu.addAction(acts.save_as)
    file_menu.addSeparator()
    file_menu.addAction(acts.export_summary)
    file_menu.addAction(acts.export_pack)
    file_menu.addAction(acts.print)
    file_menu.addSeparator()
    file_menu.addAction(acts.quit)

    edit_menu = bar.addMenu("&Edit")
    edit_menu.addAction(acts.undo)
    edit_menu.addAction(acts.redo)
    edit_menu.addSeparator()
    edit_menu.addAction(acts.annotate_item)
    edit_menu.addAction(acts.annotate_range)
    edit_menu.addSeparator()
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
    view_menu.addAction(acts.council)
    view_menu.addAction(acts.count_against_today)
    view_menu.addSeparator()
    bars = view_menu.addMenu("&Toolbars")
    view_menu.addAction(acts.reset_layout)
    analysis_menu = bar.addMenu("&Analysis")
    analysis_menu.setObjectName("analysis_menu")
    menus = RecentMenus(recent, projects, view_menu, bars, analysis_menu)
    add_panels(menus, docks, toolbars)

    help_menu = bar.addMenu("&Help")
    help_menu.addAction(acts.user_guide)
    help_menu.addAction(acts.shortcuts)
    help_menu.addAction(acts.template)
    help_menu.addSeparator()
    help_menu.addAction(acts.about)
    return menus


def add_panels(menus: RecentMenus, docks: list[QDockWidget], toolbars: list[QToolBar]) -> None:
    """Show-or-hide commands for ``docks`` (in the View menu, above Toolbars) and ``toolbars``."""
    if menus.view is None or menus.toolbars is None:
        return
    menus.view.insertActions(menus.toolbars.menuAction(), [dock.toggleViewAction() for dock in docks])
    for toolbar in toolbars:
        menus.toolbars.addAction(toolbar.toggleViewAction())


def install_toolbar(window: QMainWindow, acts: WindowActions) -> QToolBar:
    """The main toolbar: Open, Zoom to fit and the zoom presets."""
    toolbar = QToolBar("Main toolbar", window)
    toolbar.setObjectName("main_toolbar")
    toolbar.setAccessibleName("Main toolbar")
    toolbar.addAction(acts.open)
    toolbar.addAction(acts.save)
    toolbar.addSeparator()
    toolbar.addAction(acts.zoom_fit)
    for act in acts.zoom_presets:
        toolbar.addAction(act)
    window.addToolBar(toolbar)
    return toolbar


def fill_recent_menu(menu: QMenu, paths: list[str], on_open: Callable[[str], object],
                     on_clear: Callable[[], object], empty: str) -> None:
    """Numbered entries for ``paths`` (full path in the tip), or ``empty``, then Clear list."""
    menu.clear()
    for i, path in enumerate(paths, start=1):
        act = menu.addAction(f"&{i % 10} {Path(path).name}")
        act.setStatusTip(path)
        act.setToolTip(path)
        act.triggered.connect(lambda _checked=False, p=path: on_open(p))
    if not paths:
        menu.addAction(empty).setEnabled(False)
    menu.addSeparator()
    clear = menu.addAction("&Clear list")
    clear.setEnabled(bool(paths))
    clear.triggered.connect(on_clear)
