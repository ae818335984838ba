"""Which addresses in data may become clickable links: http, https and mailto only."""

from __future__ import annotations

from urllib.parse import urlsplit

SAFE_SCHEMES = ("http", "https", "mailto")


def safe_url(text: str | None) -> str | None:
    """The address when it is a well-formed http(s) or mailto link, else None (shown as text)."""
    if not text:
        return None
    candidate = text.strip()
    if any(c in candidate for c in "\r\n\t ") or len(candidate) > 2000:
        return None
    try:
        parts = urlsplit(candidate)
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme in ("http", "https") and parts.netloc:
        return candidate
    if scheme == "mailto" and parts.path and "@" in parts.path:
        return candidate
    return None
