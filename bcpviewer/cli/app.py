"""``bcpviewer [FILE...]``: open the app's window (on the files given, if any), handing the window the
report package to draw briefing packs with."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from bcpviewer import __version__


def app_command(argv: Sequence[str]) -> int:
    """Open the window on ``argv``'s files; ``--help`` and ``--version`` answer without opening it."""
    parser = argparse.ArgumentParser(
        prog="bcpviewer",
        description="BCP Viewer: open improvement trackers, chronologies and performance data. "
        "Other commands: 'bcpviewer inspect FILE...', 'bcpviewer template OUT.xlsx' and "
        "'bcpviewer export FILE... --pdf OUT.pdf --xlsx OUT.xlsx'.",
    )
    parser.add_argument("files", nargs="*", help="spreadsheets or CSV files to open")
    parser.add_argument("--version", action="version", version=f"bcpviewer {__version__}")
    ns = parser.parse_args(list(argv))
    from bcpviewer.ui.shell.app import run
    from bcpviewer.ui.export.pack_backend import set_pack_backend

    set_pack_backend(_report_backend)  # the window draws packs with the report package
    return run([str(f) for f in ns.files])


def _report_backend() -> object:
    """The report package, imported when the first pack is drawn (start-up does not wait for it)."""
    from bcpviewer.report import output

    return output
