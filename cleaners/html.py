"""CLEAN: HTML pages through trafilatura, then the shared line rules of :mod:`cleaners.plaintext`.

trafilatura finds the main text and the page metadata; its text then goes through the same
boilerplate, credit and dateline rules as plain text, so that a wire credit or a "Read more" line
is treated alike whatever the input format.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import trafilatura

from cleaners.plaintext import Parsed, parse
from cleaners.wire import Author, match_byline

__all__ = ["HtmlFields", "extract_html"]

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # its per-page errors are ours to report


@dataclass
class HtmlFields(Parsed):
    """:class:`~cleaners.plaintext.Parsed` plus what only markup says."""

    canonical_url: str | None = None
    language: str | None = None


def extract_html(html: str | bytes, url: str | None = None) -> HtmlFields | None:
    """Extract the article of an HTML page.

    Args:
        html: the page, as bytes (trafilatura detects the charset) or str.
        url: the page URL, used to resolve relative canonical links.

    Returns:
        The parsed article, or None when trafilatura finds no main text.
    """
    # deduplicate=False always: trafilatura's dedup cache is process-wide and empties the
    # third and later copies of a wire story, which are exactly what lineage needs to see.
    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=True,
        deduplicate=False,
    )
    if doc is None or not (doc.text or "").strip():
        return None
    body = parse(doc.text, has_header=False)
    fields = HtmlFields(**vars(body))
    fields.title = doc.title or None
    if doc.date and fields.published is None:
        fields.published = fields.published_raw = doc.date
    if doc.author and fields.byline is None:
        fields.byline = doc.author
        parsed = match_byline("By " + doc.author.replace(";", ","))
        if parsed:
            fields.authors, credits = parsed
            fields.credits.extend(credits)
        else:
            fields.authors = [Author(doc.author, "person")]
    if doc.url and doc.url != url:
        fields.canonical_url = doc.url
    fields.language = doc.language
    return fields
