"""Stable ids: the sheet's own ID/Ref when it has one, otherwise derived from the content."""

from __future__ import annotations

import hashlib

from bcpviewer.model.vocab import squash


def content_id(prefix: str, *parts: object) -> str:
    """An id made from what a record says, so re-ordering rows never changes it.

    Parts are compared the way headers are (case, spacing and punctuation ignored), so
    re-typing "Front door " as "front door" keeps the id.
    """
    text = "\x1f".join(squash(str(p)) if p is not None else "" for p in parts)
    digest = hashlib.blake2s(text.encode("utf-8"), digest_size=5).hexdigest()
    return f"{prefix}-{digest}"


def unique_ids(ids: list[str]) -> list[str]:
    """Make ids unique by suffixing repeats (``A-1``, ``A-1~2``...), keeping the first as is."""
    seen: dict[str, int] = {}
    out = []
    for i in ids:
        n = seen.get(i, 0) + 1
        seen[i] = n
        out.append(i if n == 1 else f"{i}~{n}")
    return out
