"""``bcpviewer official update FILE...``, ``official revert`` and ``official status``: the command
line's File › Update official data: import newer DfE tidy CSVs (and an Ofsted ILACS history) into
the user's copy of the official data, go back to the shipped data, or say which is read."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bcpviewer.cli.args import EXIT_OK, EXIT_UNREADABLE

HELP = "update the official data from newer DfE or Ofsted files, or revert to the shipped data"
DESCRIPTION = ("Import newer DfE tidy CSVs (explore-education-statistics) and an Ofsted ILACS history "
               "into your copy of the official data (the shipped file is never changed); 'revert' "
               "removes your copy; 'status' says which is read.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=("update", "revert", "status"))
    parser.add_argument("files", nargs="*", metavar="FILE", help="with update: the CSV files to import")
    parser.add_argument("--data-dir", metavar="DIR",
                        help="the app's data folder (default: $BCPVIEWER_DATA_DIR, else your user data folder)")
    parser.add_argument("--verbose", "-v", action="store_true", help="with update: every line the import said")


def run(ns: argparse.Namespace) -> int:
    from bcpviewer.io import official_paths, official_update
    from bcpviewer.io.errors import Cancelled, LoadError, SaveError

    if ns.data_dir:
        official_paths.use_data_dir(ns.data_dir)
    copy = official_paths.user_copy_path()
    if ns.action == "status":
        when, stale = official_update.updated_on(), official_paths.stale_note()
        if stale:
            print(stale)
        else:
            print(f"Reading your updated official data ({copy}), last updated {when}." if when else
                  f"Reading the shipped official data ({official_paths.shipped_path()}); no update imported.")
        return EXIT_OK
    if ns.action == "revert":
        gone = official_update.revert()
        print(f"Removed {copy}: the shipped official data is read again." if gone else
              "There is no updated copy: the shipped official data is read already.")
        return EXIT_OK
    if not ns.files:
        print("error: give the DfE tidy CSV files (or Ofsted ILACS history) to import", file=sys.stderr)
        return EXIT_UNREADABLE
    try:
        report = official_update.update([Path(f) for f in ns.files])
    except LoadError as e:
        print(f"error: {Path(e.path).name}: {e}" if e.path else f"error: {e}", file=sys.stderr)
        return EXIT_UNREADABLE
    except (SaveError, Cancelled) as e:
        print(f"error: {e}", file=sys.stderr)
        return EXIT_UNREADABLE
    if ns.verbose:
        print("\n".join(report.log.lines))
    print(report.summary())
    if report.changed:
        print(f"Wrote {report.path}; the app and 'bcpviewer inspect --council' read it from now on "
              "('bcpviewer official revert' goes back to the shipped data).")
    return EXIT_OK
