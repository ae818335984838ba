"""Run BCP Viewer from a source checkout: ``python main.py [FILE...]`` or ``python main.py inspect FILE``."""

from bcpviewer.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
