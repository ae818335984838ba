"""Help inside the app, offline: the user guide's window, the keyboard shortcuts, the About box and the
spreadsheet template command. The guide's pages are plain HTML files in resources/help/."""
