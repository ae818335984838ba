"""``bcpviewer template OUT.xlsx``: write an empty workbook in BCP Viewer's own layout."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from bcpviewer.cli.args import EXIT_OK, EXIT_UNREADABLE

HELP = "write an empty workbook in BCP Viewer's own layout"
DESCRIPTION = "Write an empty workbook in BCP Viewer's own layout, with drop-down lists."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out", metavar="OUT.xlsx")


def template_command(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="bcpviewer template", description=DESCRIPTION)
    add_arguments(parser)
    return run(parser.parse_args(argv))


def run(ns: argparse.Namespace) -> int:
    out = Path(ns.out)
    if out.suffix.lower() != ".xlsx":
        print(f"error: {out}: the template is an Excel workbook; give a name ending .xlsx",
              file=sys.stderr)
        return EXIT_UNREADABLE
    from bcpviewer.io.template import write_template

    try:
        write_template(out)
    except OSError as e:
        print(f"error: {out}: cannot write here ({e.strerror or e})", file=sys.stderr)
        return EXIT_UNREADABLE
    print(f"wrote {out}")
    return EXIT_OK
