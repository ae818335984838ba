"""Briefing packs and summaries built from the model for print, PDF and XLSX."""
