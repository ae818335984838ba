"""The command line: ``bcpviewer [FILE...]`` opens the app; ``bcpviewer inspect FILE...``, ``bcpviewer
template OUT.xlsx``, ``bcpviewer export ...`` and ``bcpviewer official ...`` are argparse sub-commands,
one module each (their shared argument readers are in ``args``)."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

# each a module of this package, imported when run: opening the app (no command) does not pay for them
COMMANDS = ("inspect", "template", "export", "official")


def main(argv: Sequence[str] | None = None) -> int:
    """Run a sub-command when the first argument names one; otherwise open the app on the files given."""
    if getattr(sys, "frozen", False):  # a bundled app: a worker process started to read files runs here
        import multiprocessing

        multiprocessing.freeze_support()
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in COMMANDS:
        ns = command_parser().parse_args(args)
        try:
            return ns.run(ns)
        except BrokenPipeError:  # `bcpviewer inspect … | head`: the reader stopped reading, which is fine
            import os

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
            return 0
    from bcpviewer.cli.app import app_command

    return app_command(args)


def command_parser() -> argparse.ArgumentParser:
    """The parser of the sub-commands (``bcpviewer inspect|template|export ...``)."""
    parser = argparse.ArgumentParser(prog="bcpviewer")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f"bcpviewer.cli.{name}")
        sub = commands.add_parser(name, help=module.HELP, description=module.DESCRIPTION)
        module.add_arguments(sub)
        sub.set_defaults(run=module.run)
    return parser
