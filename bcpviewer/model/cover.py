"""The briefing pack's cover as the project keeps it: title, council, meeting and its date, author, purpose,
recommendation and the author's own key messages, as typed in the export dialog, read back with checks."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

MAX_FIELD_CHARS = 20_000  # longer than any cover a committee reads: a longer value is a damaged file
MAX_MESSAGES = 50
TEXT_FIELDS = ("title", "council", "meeting", "author", "purpose", "recommendation")


class CoverError(ValueError):
    """A cover field in a project file is not what it should be; ``str`` is one sentence naming it."""


@dataclass(frozen=True, slots=True)
class Cover:
    """What the author typed for the pack's cover; "" (and None, ()) where they typed nothing."""

    title: str = ""
    council: str = ""
    meeting: str = ""
    meeting_date: date | None = None
    author: str = ""
    purpose: str = ""
    recommendation: str = ""
    key_messages: tuple[str, ...] = ()  # the author's own, one a line; (): written from the data

    @property
    def is_empty(self) -> bool:
        return self == EMPTY_COVER


EMPTY_COVER = Cover()


def cover_to_dict(cover: Cover) -> dict[str, Any]:
    """The cover as JSON-ready data: only the fields the author filled in."""
    out: dict[str, Any] = {k: getattr(cover, k) for k in TEXT_FIELDS if getattr(cover, k)}
    if cover.meeting_date is not None:
        out["meeting_date"] = cover.meeting_date.isoformat()
    if cover.key_messages:
        out["key_messages"] = list(cover.key_messages)
    return out


def cover_from_dict(data: object) -> Cover:
    """A Cover from a project file's "cover" table (missing or null: empty); CoverError naming the field."""
    if data is None:
        return EMPTY_COVER
    if not isinstance(data, Mapping):
        raise CoverError(f"The project file's 'cover' is {_quote(data)}, not a table of the pack's cover "
                         "fields: correct it or remove it.")
    texts = {k: _text(data.get(k), k) for k in TEXT_FIELDS}
    return Cover(**texts, meeting_date=_day(data.get("meeting_date")),
                 key_messages=_messages(data.get("key_messages")))


def _text(value: object, key: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise CoverError(f"The cover's '{key}' in the project file is {_quote(value)}, not text: correct it "
                         "or remove it.")
    if len(value) > MAX_FIELD_CHARS or "\x00" in value:
        why = "holds a NUL character" if "\x00" in value else f"is {len(value):,} characters long"
        raise CoverError(f"The cover's '{key}' in the project file {why}, more than a cover holds: the file "
                         "has been damaged.")
    return value.strip()


def _day(value: object) -> date | None:
    if value is None or value == "":
        return None
    try:
        if not isinstance(value, str):
            raise TypeError
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise CoverError(f"The cover's 'meeting_date' in the project file is {_quote(value)}, not a date "
                         "written as YYYY-MM-DD: correct it or remove it.") from None


def _messages(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or len(value) > MAX_MESSAGES:
        raise CoverError(f"The cover's 'key_messages' in the project file is {_quote(value)}, not a list of up "
                         f"to {MAX_MESSAGES} sentences: correct it or remove it.")
    lines = tuple(_text(v, "key_messages") for v in value)
    return tuple(x for x in lines if x)


def _quote(value: object) -> str:
    """A value from the file, short and on one line, for a message."""
    return repr(str(value)[:30])
