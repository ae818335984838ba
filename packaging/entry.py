"""The bundled application's entry point (PyInstaller freezes this file): the same as the `bcpviewer`
command, so `bcpviewer`, `bcpviewer inspect ...` and `bcpviewer export ...` work with no Python installed."""

import sys

from bcpviewer.cli import main

if __name__ == "__main__":
    sys.exit(main())
