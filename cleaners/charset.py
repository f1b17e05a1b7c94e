"""CLEAN: decode the bytes of an HTML page, trusting what the bytes are over what the page declares.

Pages often lie about their charset: a CMS template says ``<meta charset="utf-8">`` around
Latin-1 text pasted from an old system, or an old template says ``ISO-8859-1`` around UTF-8.
The rules, in order:

1. a byte-order mark decides;
2. bytes that are valid UTF-8 *and* contain multi-byte sequences are UTF-8, whatever the page
   declares (legacy single-byte text is almost never valid UTF-8 by chance);
3. otherwise the declared charset (HTTP ``Content-Type``, then ``<meta charset>`` or
   ``<meta http-equiv>`` in the first bytes) is used if it decodes the bytes cleanly, except a
   declared UTF-8, which step 2 has just refuted;
4. otherwise, if the bytes hold UTF-8 sequences among invalid bytes (a UTF-8 template around
   pasted Latin-1 text), UTF-8 with each invalid byte read as Windows-1252;
5. otherwise Windows-1252, the superset of Latin-1 that browsers use for it and that never fails.
"""

from __future__ import annotations

import codecs
import re

__all__ = ["decode_html"]

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE)
_HTTP_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]{2,40})", re.IGNORECASE)
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_UTF8_NAMES = {"utf-8", "utf8"}
# Labels browsers read as Windows-1252 (the WHATWG encoding standard maps them all to it).
_CP1252_LABELS = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "ascii", "us-ascii", "cp1252",
                  "windows-1252", "iso_8859-1", "8859-1", "cp819", "ibm819"}


def _cp1252_fallback(err: UnicodeError) -> tuple[str, int]:
    assert isinstance(err, UnicodeDecodeError)
    return err.object[err.start:err.end].decode("cp1252", errors="replace"), err.end


_CP1252_FALLBACK = "wiretrace-cp1252-fallback"
codecs.register_error(_CP1252_FALLBACK, _cp1252_fallback)


def _declared(head: bytes, content_type: str | None) -> str | None:
    if content_type:
        m = _HTTP_CHARSET.search(content_type)
        if m:
            return m.group(1).lower()
    m = _META_CHARSET.search(head)
    return m.group(1).decode("ascii").lower() if m else None


def decode_html(raw: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Decode an HTML page.

    Args:
        raw: the page as fetched.
        content_type: the HTTP ``Content-Type`` header, whose ``charset`` parameter is a
            declaration like ``<meta charset>``.

    Returns:
        ``(text, encoding)``, the encoding being the codec actually used (``utf-8``,
        ``cp1252``, or the declared codec when it fitted).
    """
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return raw[len(bom):].decode(name, errors="replace"), name
    try:  # valid UTF-8 (ASCII included) is UTF-8, whatever is declared
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = _declared(raw[:4096], content_type)
    if declared and declared not in _UTF8_NAMES:
        codec = "cp1252" if declared in _CP1252_LABELS else declared
        try:
            return raw.decode(codec), codecs.lookup(codec).name
        except (LookupError, UnicodeDecodeError):
            pass
    if _UTF8_MULTIBYTE.search(raw):
        return raw.decode("utf-8", errors=_CP1252_FALLBACK), "utf-8"
    return raw.decode("cp1252", errors="replace"), "cp1252"
