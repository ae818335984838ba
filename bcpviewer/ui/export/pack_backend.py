"""What draws briefing packs for the window: set by the app's entry point, looked up when a pack is drawn.

The window cannot import the report package itself (ui and report are independent layers), so
``cli.main`` hands it over with ``set_pack_backend`` before the window opens. Kept apart from the export
dialog so that the entry point can do this without importing the dialog (start-up stays quick).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_backend: Any = None  # a PackBackend (see export_dialog), a function returning one, or None


def set_pack_backend(backend: Any | Callable[[], Any] | None) -> None:
    """Say what draws packs: the backend, or a function that imports it when first needed (start-up stays
    quick). None: Export briefing pack and Print are unavailable."""
    global _backend
    _backend = backend


def pack_backend() -> Any:
    """The backend (imported now if it was given as a function), or None."""
    global _backend
    if _backend is not None and not hasattr(_backend, "render_pack") and callable(_backend):
        _backend = _backend()
    return _backend
