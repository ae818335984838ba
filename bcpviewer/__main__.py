"""Allow ``python -m bcpviewer``."""

from bcpviewer.cli import main

if __name__ == "__main__":  # the file readers' worker process imports this module: it must not run the app
    raise SystemExit(main())
