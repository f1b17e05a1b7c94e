"""CLEAN on bad input: a typed error that says why, or a result; never a crash."""

from __future__ import annotations

import gzip

import pytest

from cleaners import MAX_CONTENT_BYTES, clean
from crawler.exceptions import ExtractionError, WiretraceError
from tests.conftest import SEEDS


@pytest.mark.parametrize("content, reason", [
    (b"", "empty"),
    (b"   \n\n  ", "empty"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3 binary", "binary"),
    (gzip.compress(b"hello"), "binary"),
    (bytes(range(256)) * 10, "binary"),
    (b"x" * (MAX_CONTENT_BYTES + 1), "too_large"),
    (b"Share this\nAdvertisement\nhttps://example.com/x\n", "no_text"),
])
def test_typed_errors(content: bytes, reason: str) -> None:
    with pytest.raises(ExtractionError) as info:
        clean(content)
    assert info.value.reason == reason
    assert isinstance(info.value, WiretraceError) and str(info.value)


def test_latin1_text_is_decoded() -> None:
    text = (SEEDS / "002_63fdc63715b44f7b.txt").read_text(encoding="utf-8").replace("\u2019", "'").replace("\u2013", "-")
    r = clean(text.replace("Japan", "Japón").encode("latin-1"))
    assert r.encoding == "cp1252" and "Japón" in r.text


def test_html_goes_through_trafilatura() -> None:
    body = "".join(f"<p>{p}</p>" for p in (SEEDS / "000_01d35a0089ec8a9b.txt").read_text().split("\n\n")[1:-2])
    html = (f"<html><head><title>Lee arrives in Tokyo | Example News</title>"
            f'<link rel="canonical" href="https://news.example/lee"></head><body><nav>Home World Sport</nav>'
            f"<article><h1>Lee arrives in Tokyo</h1><p>Tokyo, Aug 23 (IANS) South Korean President arrived.</p>"
            f"{body}<p>Also read: Other story here</p></article><footer>© 2025 Example News</footer></body></html>")
    r = clean(html.encode("utf-8"), url="https://news.example/lee?utm=x")
    assert r.content_kind == "html"
    assert "The Saturday summit with Ishiba" in r.text and "Home World Sport" not in r.text
    assert "Also read" not in r.text
    assert r.wire.service == "IANS" and "Tokyo, Aug 23 (IANS)" in r.wire.evidence
    assert r.canonical_url == "https://news.example/lee"


def test_html_without_article() -> None:
    with pytest.raises(ExtractionError, match="no article text"):
        clean(b"<html><body><nav>Home</nav><div>Video</div></body></html>", content_type="text/html")
