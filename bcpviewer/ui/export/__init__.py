"""File > Export summary, Export briefing pack and Print: the dialog and the background writers."""
