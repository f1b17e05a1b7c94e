"""CLEAN: turn a fetched article (HTML or plain text) into body text, metadata and wire credits.

Scrapy-free: :func:`clean` takes bytes or str and returns a :class:`CleanResult`, or raises
:class:`~crawler.exceptions.ExtractionError` saying why there is no article.
"""

from __future__ import annotations

import re

from cleaners._result import CleanResult
from cleaners.dates import with_site_zone
from cleaners.plaintext import parse
from cleaners.text import decode
from cleaners.wire import AGENCIES, Author, WireCredit, summarize
from crawler.exceptions import ExtractionError

__all__ = ["AGENCIES", "MAX_CONTENT_BYTES", "Author", "CleanResult", "WireCredit", "clean"]

#: Inputs larger than this are refused rather than parsed (caps the work per page).
MAX_CONTENT_BYTES = 20 * 1024 * 1024
#: Plain text beyond this many characters is not read (no article is that long; caps the work).
MAX_TEXT_CHARS = 1_000_000

_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"BZh", b"\x7fELF",
                 b"RIFF", b"OggS", b"ID3", b"\x00\x00\x01\x00")
_HTML_START = re.compile(rb"^\s*(?:<!doctype html|<html|<head|<body|<!--|<meta|<article|<div|<p[\s>])", re.IGNORECASE)
_CONTROL_BYTES = bytes(b for b in range(32) if b < 9 or 13 < b)
_LANG_MIN_CHARS = 40
#: Characters of body given to the language identifier: plenty for a confident answer, and its
#: cost grows with the length.
_LANG_SAMPLE_CHARS = 800


def _looks_binary(head: bytes) -> bool:
    if head.startswith(_BINARY_MAGIC) or b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return len(head) > 0 and controls / len(head) > 0.05


def _is_html(head: bytes, url: str | None, content_type: str | None) -> bool:
    if content_type:
        ctype = content_type.split(";")[0].strip().lower()
        if ctype in ("text/html", "application/xhtml+xml"):
            return True
        if ctype == "text/plain":
            return False
    if url and re.search(r"\.(?:html?|xhtml)(?:\.gz)?(?:$|[?#])", url, re.IGNORECASE):
        return True
    return bool(_HTML_START.match(head))


def _language(text: str) -> str | None:
    if len(text) < _LANG_MIN_CHARS:
        return None
    from cleaners.language import classify  # its model loads on first use, not at import time

    return classify(text[:_LANG_SAMPLE_CHARS])


def clean(content: bytes | str, *, url: str | None = None, content_type: str | None = None) -> CleanResult:
    """Clean one article.

    Args:
        content: the document as fetched: bytes (charset detected) or already-decoded str.
        url: where it came from; used for canonical links and, for ``.html`` URLs, the format.
        content_type: the HTTP ``Content-Type``; ``text/html`` or ``text/plain`` decide the
            format, otherwise it is sniffed from the content.

    Returns:
        The cleaned article.

    Raises:
        ExtractionError: the content is binary (``reason`` ``binary``), empty (``empty``), over
            :data:`MAX_CONTENT_BYTES` (``too_large``), has no article text (``no_text``), or is
            an HTML page that is not an article: a section front, a gallery or a video page
            (``not_article``). The message says which.
    """
    raw = content
    if isinstance(content, str):
        try:
            raw = content.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate (text decoded with "surrogateescape") becomes "?"
            raw = content.encode("utf-8", "replace")
            content = raw.decode("utf-8")
    if len(raw) > MAX_CONTENT_BYTES:
        raise ExtractionError(f"content is {len(raw)} bytes, over the {MAX_CONTENT_BYTES}-byte cap; not parsed",
                              "too_large")
    head = raw[:8192]
    if _looks_binary(head):
        raise ExtractionError("content is binary (not text or HTML); skip it or fetch the article page instead", "binary")
    if not raw.strip():
        raise ExtractionError("content is empty", "empty")

    if _is_html(head, url, content_type):
        # trafilatura and lxml load on first use: a crawl process that cleans in workers and only
        # fingerprints and traces (cleaners.text) never needs them
        from cleaners.html import extract_html

        fields = extract_html(content, url=url, content_type=content_type)
        parsed, kind, encoding = fields, "html", fields.encoding
        canonical, language = fields.canonical_url, fields.language
    else:
        text, encoding = decode(raw) if isinstance(content, bytes) else (content, None)
        if len(text) > MAX_TEXT_CHARS:
            text = text[: text.rfind("\n", 0, MAX_TEXT_CHARS) + 1 or MAX_TEXT_CHARS]
        parsed, kind, canonical, language = parse(text), "text", None, None
    body = parsed.text
    if not body.strip():
        raise ExtractionError("no article text left after removing boilerplate")
    language = _language(body) or language
    return CleanResult(
        text=body,
        title=parsed.title,
        published=with_site_zone(parsed.published, url, language),
        published_raw=parsed.published_raw,
        modified=with_site_zone(parsed.modified, url, language),
        modified_raw=parsed.modified_raw,
        byline=parsed.byline,
        authors=parsed.authors,
        language=language,
        wire=summarize(parsed.credits),
        canonical_url=canonical,
        section=parsed.section,
        dateline=parsed.dateline,
        correction=parsed.correction,
        content_kind=kind,
        encoding=encoding,
        dropped=parsed.dropped,
    )
