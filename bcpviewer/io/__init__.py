"""Reading and writing files: spreadsheets, CSVs, templates. Knows nothing of Qt."""

from bcpviewer.io.errors import LoadError

__all__ = ["LoadError"]
