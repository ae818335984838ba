"""Files shipped with the app (the bundled sample, neighbour groups, official data): found in the installed
package, else in the source tree's resources/ folder. Light to import: start-up uses it."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import bcpviewer

SAMPLE = "samples/bcp-childrens-services.xlsx"


def resources_path(relative: str) -> Path | None:
    """A bundled resource file: from the installed package, else the source tree's resources/ folder."""
    parts = [p for p in relative.split("/") if p]
    try:  # the package's folder(s), found without importing importlib.resources (start-up stays quick)
        spec = importlib.util.find_spec("bcpviewer.resources")
    except (ImportError, ValueError):
        spec = None
    if spec is not None:
        for folder in spec.submodule_search_locations or []:
            found = Path(folder, *parts)
            if found.is_file():
                return found
        try:  # an installed package that is not a folder of files (a zip, say)
            from importlib import resources

            candidate = resources.files("bcpviewer.resources").joinpath(*parts)
            if candidate.is_file():
                return Path(str(candidate))
        except (ModuleNotFoundError, TypeError, ValueError, OSError):
            pass
    fallback = Path(bcpviewer.__file__).resolve().parent.parent / "resources" / Path(*parts)
    return fallback if fallback.is_file() else None


def sample_path() -> Path | None:
    """The bundled sample workbook of BCP Council's improvement journey, if installed."""
    return resources_path(SAMPLE)
