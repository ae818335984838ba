"""BCP Viewer: a case-timeline viewer for scrutiny of children's services improvement."""

__version__ = "0.1.0"
