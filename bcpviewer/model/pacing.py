"""A hook for the model's long loops: ``paced(items, pace)`` calls ``pace()`` before each item, so that a
sum worked out in a background job can stop or let the window have its turn (the app passes its job
runner's ``pace``); None, the default everywhere, calls nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")
Pace = Callable[[], object] | None


def paced(items: Iterable[T], pace: Pace) -> Iterator[T]:
    """``items``, calling ``pace()`` before each one (when given)."""
    if pace is None:
        yield from items
        return
    for item in items:
        pace()
        yield item
