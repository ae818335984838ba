"""The project file: saving and opening, undo commands, crash recovery, watching the data files."""
