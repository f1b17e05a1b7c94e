"""The item that flows through the pipelines: one fetched, then cleaned, article."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["ArticleItem"]

_NOT_EXPORTED = ("body", "content_type", "fingerprint", "prepared")


@dataclass
class ArticleItem:
    """One article. The spider fills the transport fields; the pipelines fill the rest."""

    url: str
    """Where it was fetched; for replayed files the ``file://`` URL."""
    body: bytes = field(default=b"", repr=False)
    """Raw bytes as fetched (not exported); transcoded to UTF-8 when a live page lies about its charset."""
    content_type: str | None = None
    """HTTP ``Content-Type`` or a type guessed from the file name (not exported)."""
    source: str | None = None
    """Publisher name, or host; for replays the input folder."""
    publisher_wire: str | None = None
    """The wire agency the publisher itself is (``wire`` in the sources file), or None."""
    discovery: dict[str, Any] = field(default_factory=dict)
    """How a live crawl found the page: ``method`` (``feeds``, ``sitemaps``, ``site``), ``via`` (the
    feed, sitemap or front URL) and what the listing said: ``published`` (ISO 8601) and
    ``published_raw`` (feed date or ``news:publication_date``), ``title`` (``news:title`` or the
    feed entry's), ``lastmod``, ``publication``; ``recheck`` when a seen wire original was fetched
    again. Empty for replays."""
    fetched_at: str | None = None
    """When it was fetched, ISO 8601 UTC."""
    run_id: str | None = None
    """The run that fetched it."""
    canonical_url: str | None = None
    """``rel=canonical`` URL, when the page declares one."""
    title: str | None = None
    """Headline."""
    byline: str | None = None
    """Byline as printed."""
    authors: list[dict[str, str]] = field(default_factory=list)
    """``{"name", "kind"}`` with kind ``person`` or ``organization``."""
    published: str | None = None
    """Publication time, ISO 8601 (date alone, or date-time with offset when known), or None."""
    published_raw: str | None = None
    """Publication time as printed."""
    language: str | None = None
    """ISO 639-1 language code."""
    text: str = ""
    """Cleaned body, paragraphs separated by newlines."""
    wire: dict[str, Any] = field(default_factory=dict)
    """``{"service", "credited", "evidence"}``: the agency credited and the credit lines as printed."""
    lineage: dict[str, Any] = field(default_factory=dict)
    """Lineage as known when the item passed (``runs/<id>/lineage.jsonl`` has the final answer)."""
    extra: dict[str, Any] = field(default_factory=dict)
    """Other cleaner fields: section, dateline, modified, correction, encoding, dropped lines."""
    fingerprint: Any = field(default=None, repr=False)
    """``crawler.fingerprint.Fingerprint`` of ``text``, computed with the cleaning (not exported)."""
    prepared: Any = field(default=None, repr=False)
    """``text`` as the cleaning worker fingerprinted it (a ``crawler.lineage.verify.Text`` with its
    tokens, shingle hashes and facts); handed to the lineage index, then dropped (not exported)."""

    def to_dict(self) -> dict[str, Any]:
        """The exported form (no raw body)."""
        return {k: v for k, v in vars(self).items() if k not in _NOT_EXPORTED}
