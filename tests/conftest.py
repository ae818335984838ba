"""Test set-up: Qt runs offscreen so the suite needs no screen, however pytest is started."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
