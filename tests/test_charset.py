"""CLEAN / charset: what the bytes are wins over what the page declares."""

from __future__ import annotations

import codecs

import pytest

from cleaners.charset import decode_html

TEXT = "<p>Señor Müller paid 5 € for “crème brûlée” – a bargain.</p>"


@pytest.mark.parametrize("raw, content_type, text, encoding", [
    (b"<meta charset='utf-8'>" + TEXT.replace("€", "EUR").encode("cp1252"), None, None, "cp1252"),
    (b"<meta charset='iso-8859-1'>" + TEXT.encode("utf-8"), None, None, "utf-8"),
    (TEXT.encode("utf-8"), "text/html; charset=ISO-8859-1", TEXT, "utf-8"),
    (TEXT.replace("€", "EUR").encode("cp1252"), "text/html; charset=utf-8", None, "cp1252"),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), None, TEXT, "utf-8"),
    ("<meta charset='shift_jis'><p>東京で会議</p>".encode("shift_jis"), None, None, "shift_jis"),
    (b"<p>plain ascii</p>", "text/html; charset=windows-1252", "<p>plain ascii</p>", "utf-8"),
])
def test_decode(raw: bytes, content_type: str | None, text: str | None, encoding: str) -> None:
    got, enc = decode_html(raw, content_type)
    assert enc == encoding
    if text is not None:
        assert got == text
    assert "\ufffd" not in got and "Ã" not in got


def test_utf8_page_with_pasted_latin1_keeps_both() -> None:
    raw = "<p>Müller – “ok”</p>".encode("utf-8") + "<p>café</p>".encode("latin-1")
    got, enc = decode_html(raw)
    assert enc == "utf-8" and "Müller – “ok”" in got and "café" in got
