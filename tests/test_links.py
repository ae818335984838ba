"""Only http, https and mailto addresses from data become links."""

from __future__ import annotations

import pytest

from bcpviewer.model.keys import item_key, split_key
from bcpviewer.model.links import safe_url
from bcpviewer.model.records import Action


@pytest.mark.parametrize("url", ["https://reports.ofsted.gov.uk/", "http://x.org/a?b=1",
                                 "mailto:clerk@bcpcouncil.gov.uk"])
def test_safe(url: str) -> None:
    assert safe_url(url) == url


@pytest.mark.parametrize("url", ["file:///etc/passwd", "javascript:alert(1)", "C:\\x.xlsx",
                                 "ftp://x.org", "https://", "www.bbc.co.uk", "", None,
                                 "https://a.org/\nhttps://b.org", "mailto:nobody"])
def test_unsafe(url: str | None) -> None:
    assert safe_url(url) is None


def test_item_keys_round_trip() -> None:
    key = item_key(Action("A1.01", "x"))
    assert key == "action:A1.01" and split_key(key) == ("action", "A1.01")
    with pytest.raises(ValueError):
        split_key("A1.01")
