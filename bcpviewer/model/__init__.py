"""Pure-Python domain model: immutable records, date spans and analysis. No Qt, no file formats."""
