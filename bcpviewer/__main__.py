"""Allow ``python -m bcpviewer``."""

from bcpviewer.cli import main

raise SystemExit(main())
