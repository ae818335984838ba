"""The Metrics panel's charts, the At a glance panel, and an action's metric chart under Details."""
