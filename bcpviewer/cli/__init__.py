"""The command line: ``bcpviewer [FILE...]`` opens the app; ``bcpviewer inspect FILE...``, ``bcpviewer
template OUT.xlsx``, ``bcpviewer export ...`` and ``bcpviewer official ...`` are argparse sub-commands,
one module each (their shared argument readers are in ``args``)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from bcpviewer.cli import export, inspect, official, template
from bcpviewer.cli.app import app_command

COMMANDS = {"inspect": inspect, "template": template, "export": export, "official": official}


def main(argv: Sequence[str] | None = None) -> int:
    """Run a sub-command when the first argument names one; otherwise open the app on the files given."""
    if getattr(sys, "frozen", False):  # a bundled app: a worker process started to read files runs here
        import multiprocessing

        multiprocessing.freeze_support()
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in COMMANDS:
        ns = command_parser().parse_args(args)
        return ns.run(ns)
    return app_command(args)


def command_parser() -> argparse.ArgumentParser:
    """The parser of the sub-commands (``bcpviewer inspect|template|export ...``)."""
    parser = argparse.ArgumentParser(prog="bcpviewer")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, module in COMMANDS.items():
        sub = commands.add_parser(name, help=module.HELP, description=module.DESCRIPTION)
        module.add_arguments(sub)
        sub.set_defaults(run=module.run)
    return parser
