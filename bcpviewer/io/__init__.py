"""Reading and writing files: spreadsheets, CSVs, templates. Knows nothing of Qt."""

from bcpviewer.io.errors import Cancelled, LoadError

__all__ = ["Cancelled", "LoadError"]
