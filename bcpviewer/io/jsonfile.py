"""The one JSON reader (project files, TimelineJS timelines): an ordinary file read with a byte cap,
UTF-8, finite numbers only, nesting that cannot exhaust the stack, and text repaired so that
whatever is loaded can be saved again.

JSON may spell characters no UTF-8 file can hold: a lone surrogate (``"\\ud800"``) loads as a Python
string that every later save would fail to encode. Each is replaced with U+FFFD (the replacement
character) and counted, so the caller can say so.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bcpviewer.io.errors import LoadError
from bcpviewer.io.files import read_capped

_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


@dataclass(frozen=True, slots=True)
class JsonText:
    """Decoded JSON and how many characters had to be replaced (lone surrogates)."""

    data: Any
    repaired: int


def repair_text(text: str) -> tuple[str, int]:
    """``text`` with each lone surrogate replaced by U+FFFD, and how many there were."""
    if text.isascii():
        return text, 0
    return _SURROGATE.subn(REPLACEMENT, text)


def read_json(path: Path, limit: int, noun: str, advice: str) -> JsonText:
    """The JSON in ``path``; LoadError in one sentence naming what is wrong (not UTF-8, not JSON, a
    number too large or not finite, nested too deeply, too large a file)."""
    raw = read_capped(path, limit, noun, advice)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise LoadError(str(path), f"This {noun} is not UTF-8 text, so it cannot be read: save it "
                                   "again as UTF-8.") from None
    if not text.strip():
        raise LoadError(str(path), "The file is empty (it holds only spaces): there is nothing to read.")
    try:
        data = json.loads(text, parse_constant=_not_finite, parse_float=_finite)
    except json.JSONDecodeError as e:
        raise LoadError(
            str(path),
            f"This {noun} is incomplete or not valid JSON (line {e.lineno}, column {e.colno}: "
            f"{e.msg.lower()}): it may have been cut short when saved or copied.",
        ) from None
    except _NotFinite as e:
        raise LoadError(str(path), f"This {noun} holds a number that is {e}, which no field can "
                                   "hold: it was not written by BCP Viewer or has been damaged.") from None
    except ValueError:  # an integer thousands of digits long
        raise LoadError(str(path), f"This {noun} holds a number too long to read: it was not "
                                   "written by BCP Viewer or has been damaged.") from None
    except RecursionError:
        raise LoadError(str(path), f"This {noun} is nested too deeply to be read safely: it was not "
                                   "written by BCP Viewer or has been damaged.") from None
    try:
        data, repaired = _repair(data)
    except RecursionError:  # not reached: json.loads refuses deeper nesting first
        raise LoadError(str(path), f"This {noun} is nested too deeply to be read safely.") from None
    return JsonText(data, repaired)


class _NotFinite(ValueError):
    pass


def _not_finite(name: str) -> float:
    raise _NotFinite(f"not a number ({name})" if name == "NaN" else f"infinite ({name})")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _NotFinite(f"too large ({text[:20]})")
    return value


def _repair(value: Any) -> tuple[Any, int]:
    """``value`` with every string (keys too) repaired, and the count of characters replaced."""
    if isinstance(value, str):
        return repair_text(value)
    if isinstance(value, list):
        total = 0
        for i, item in enumerate(value):
            fixed, n = _repair(item)
            if n:
                value[i] = fixed
                total += n
        return value, total
    if isinstance(value, dict):
        total = 0
        if any(not k.isascii() for k in value):
            fixed_keys = {}
            for k, v in value.items():
                key, n = repair_text(k)
                fixed_keys[key] = v
                total += n
            value = fixed_keys
        for k, item in value.items():
            fixed, n = _repair(item)
            if n:
                value[k] = fixed
                total += n
        return value, total
    return value, 0
