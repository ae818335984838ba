"""The first window: table models, the main window, settings, loading off the GUI thread, a headless start."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import types
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore QByteArray_placeholder
