"""The main window as a frame: menus, toolbar, docks, status bar, start-up, settings, crash dialog."""
