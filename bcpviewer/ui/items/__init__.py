"""The Items tables (actions, events, metrics, sources, problems) and the Details page."""
