"""Annotating items, dates and ranges: the dialog, the Annotations panel and its controller."""
