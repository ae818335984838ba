"""PyInstaller runtime hook: for a C or unset locale (a bare environment, a service, a cron job), the
frozen app does what Python itself does (PEP 538: LC_CTYPE=C.UTF-8), so Qt finds the UTF-8 locale it
needs and prints no warning about switching to one."""

import os
import sys

if sys.platform.startswith("linux") and not os.environ.get("LC_ALL"):
    if (os.environ.get("LC_CTYPE") or os.environ.get("LANG") or "C") in ("C", "POSIX"):
        os.environ["LC_CTYPE"] = "C.UTF-8"
