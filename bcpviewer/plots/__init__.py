"""Plot items and visual style shared by the screen and the printed briefing pack."""
