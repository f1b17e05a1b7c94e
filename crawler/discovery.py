"""DISCOVER: read sitemaps and feeds, and tell article URLs from section fronts (Scrapy-free).

* :func:`parse_sitemap` reads a sitemap, a sitemap index or a Google News sitemap, plain or
  gzip-compressed, with lxml set up for untrusted input: no entity expansion, no network, no DTD,
  no huge trees, and a cap on the decompressed size (so a gzip bomb costs nothing). It keeps the
  ``news:publication_date``, ``news:title`` and ``news:publication`` fields that Scrapy's own
  sitemap parser drops: they are evidence for the article's published time.
* :func:`parse_feed` reads RSS and Atom with feedparser (from bytes: it never fetches anything).
* :func:`is_article_url` is the general "is this an article page" rule used when following links.

Bad input raises :class:`~crawler.exceptions.DiscoveryError` with ``reason`` set for stats.
"""

from __future__ import annotations

import calendar
import re
import zlib
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urlsplit

from crawler.exceptions import DiscoveryError

__all__ = ["DEFAULT_MAX_BYTES", "DiscoveredURL", "Sitemap", "is_article_url", "iso_date", "parse_feed",
           "parse_sitemap"]

#: Largest sitemap or feed accepted, after decompression (the sitemap protocol's own limit is 50 MB).
DEFAULT_MAX_BYTES = 50 * 1024 * 1024

_NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
_GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True)
class DiscoveredURL:
    """One URL listed by a sitemap or a feed, with what the listing says about it.

    Attributes:
        url: the listed URL (an article, or for a sitemap index a child sitemap).
        published: publication time from the listing, ISO 8601 (``news:publication_date`` for
            sitemaps, the entry's published or updated time for feeds), or None.
        published_raw: that time as written in the listing.
        title: ``news:title`` or the feed entry's title.
        lastmod: a sitemap's ``<lastmod>`` (modification time, not publication), ISO 8601.
        publication: ``news:publication/news:name`` of a Google News sitemap.
    """

    url: str
    published: str | None = None
    published_raw: str | None = None
    title: str | None = None
    lastmod: str | None = None
    publication: str | None = None

    def evidence(self) -> dict[str, str]:
        """The non-empty fields other than ``url``, for an item's discovery evidence."""
        return {k: v for k, v in (("published", self.published), ("published_raw", self.published_raw),
                                  ("title", self.title), ("lastmod", self.lastmod),
                                  ("publication", self.publication)) if v}


@dataclass(frozen=True)
class Sitemap:
    """A parsed sitemap: ``kind`` is ``index`` (entries are sitemaps) or ``urlset`` (pages).

    ``skipped`` counts entries left out: no ``<loc>``, not an http(s) URL, or a ``<loc>`` holding an
    entity reference (entities are never expanded, so such a URL is incomplete).
    """

    kind: str
    entries: tuple[DiscoveredURL, ...]
    skipped: int = 0


def iso_date(value: str | None) -> str | None:
    """A W3C / ISO 8601 date or date-time, normalised (``Z`` → ``+00:00``); None if unreadable."""
    if not value or not value.strip():
        return None
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        try:
            from dateutil import parser as dateparser

            parsed = dateparser.parse(text)
        except (ValueError, OverflowError):
            return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return parsed.date().isoformat()
    return parsed.isoformat()


def _decompress(body: bytes, max_bytes: int) -> bytes:
    if not body.startswith(_GZIP_MAGIC):
        if len(body) > max_bytes:
            raise DiscoveryError(f"{len(body)} bytes, over the {max_bytes}-byte cap", "too_large")
        return body
    inflater = zlib.decompressobj(wbits=31)
    try:
        out = inflater.decompress(body, max_bytes + 1)
    except zlib.error as exc:
        raise DiscoveryError(f"not a readable gzip file ({exc})", "bad_gzip") from None
    if len(out) > max_bytes or inflater.unconsumed_tail:
        raise DiscoveryError(f"decompresses past the {max_bytes}-byte cap (gzip bomb?)", "too_large")
    return out


def _text(el: Any) -> str | None:
    """The element's text; None when it holds markup or an (unexpanded) entity reference."""
    if el is None or len(el):
        return None
    return (el.text or "").strip() or None


def parse_sitemap(body: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> Sitemap:
    """Parse a sitemap, sitemap index or Google News sitemap (plain or gzip).

    Args:
        body: the bytes as fetched.
        max_bytes: largest accepted size after decompression.

    Returns:
        The sitemap's kind and entries, in document order; entries without ``<loc>`` are skipped.

    Raises:
        DiscoveryError: malformed XML (``malformed``),
            not a sitemap (``not_sitemap``), broken gzip (``bad_gzip``) or too large (``too_large``).
    """
    from lxml import etree

    xml = _decompress(body, max_bytes)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(xml, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise DiscoveryError(f"malformed XML ({exc})", "malformed") from None
    if root is None:
        raise DiscoveryError("empty document", "malformed")
    kind = etree.QName(root).localname.lower()
    if kind not in ("sitemapindex", "urlset"):
        raise DiscoveryError(f"root element <{kind}> is neither <urlset> nor <sitemapindex>", "not_sitemap")
    entries: list[DiscoveredURL] = []
    skipped = 0
    for node in root:
        if not isinstance(node.tag, str) or etree.QName(node).localname.lower() not in ("url", "sitemap"):
            continue
        fields: dict[str, Any] = {}
        for child in node:
            if not isinstance(child.tag, str):
                continue
            qname = etree.QName(child)
            if qname.localname == "loc":
                fields["url"] = _text(child)
            elif qname.localname == "lastmod":
                fields["lastmod"] = iso_date(_text(child))
            elif qname.localname == "news" and qname.namespace == _NEWS_NS:
                for item in child.iter():
                    if not isinstance(item.tag, str):
                        continue
                    local = etree.QName(item).localname
                    if local == "publication_date":
                        fields["published_raw"] = _text(item)
                        fields["published"] = iso_date(fields["published_raw"])
                    elif local == "title":
                        fields["title"] = _text(item)
                    elif local == "name":
                        fields["publication"] = _text(item)
        url = fields.get("url")
        if url and urlsplit(url).scheme in ("http", "https"):
            entries.append(DiscoveredURL(**fields))
        else:
            skipped += 1
    return Sitemap("index" if kind == "sitemapindex" else "urlset", tuple(entries), skipped)


def _struct_iso(value: Any) -> str | None:
    if not value:
        return None
    return datetime.fromtimestamp(calendar.timegm(value), tz=timezone.utc).isoformat()


def parse_feed(body: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[list[DiscoveredURL], str | None]:
    """Parse an RSS or Atom feed.

    Args:
        body: the bytes as fetched (gzip accepted).
        max_bytes: largest accepted size after decompression.

    Returns:
        The entries with a link (published time from the entry's published, else updated, time),
        and a note when the feed was malformed but still yielded entries (else None).

    Raises:
        DiscoveryError: the document yields no entry and is malformed or not a feed
            (``malformed``), or it is too large or broken gzip.
    """
    import feedparser

    data = _decompress(body, max_bytes)
    parsed = feedparser.parse(data, resolve_relative_uris=False, sanitize_html=False)
    problem = str(parsed.get("bozo_exception")) if parsed.get("bozo") else None
    entries = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not link or urlsplit(link).scheme not in ("http", "https"):
            continue
        raw = entry.get("published") or entry.get("updated")
        when = _struct_iso(entry.get("published_parsed") or entry.get("updated_parsed")) or iso_date(raw)
        entries.append(DiscoveredURL(url=link, published=when, published_raw=raw,
                                     title=(entry.get("title") or "").strip() or None))
    if not entries and (problem or not parsed.get("version")):
        raise DiscoveryError(f"not a readable RSS or Atom feed ({problem or 'no feed elements'})", "malformed")
    return entries, problem


_NOT_ARTICLE_SEGMENTS = {"tag", "tags", "topic", "topics", "author", "authors", "category", "categories",
                         "section", "sections", "search", "page", "login", "signin", "subscribe", "newsletter",
                         "newsletters", "about", "contact", "privacy", "terms", "feed", "rss", "live", "video",
                         "videos", "gallery", "photos", "podcasts", "account", "cdn-cgi", "wp-admin"}
_NOT_ARTICLE_EXT = re.compile(r"\.(?:pdf|jpe?g|png|gif|webp|svg|css|js|json|xml|rss|zip|gz|mp[34]|m4a|avi|mov|ics)$",
                              re.IGNORECASE)
_DATE_PATH = re.compile(r"/(?:19|20)\d{2}/(?:0?[1-9]|1[0-2])(?:/(?:0?[1-9]|[12]\d|3[01]))?/[^/]+")
_SLUG_WORD = re.compile(r"[a-z]{2,}", re.IGNORECASE)


def is_article_url(url: str) -> bool:
    """Whether ``url`` looks like an article page rather than a front, tag page or file.

    An article URL has a dated path (``/2025/08/23/slug``), a long numeric id (5+ digits) in its
    last segment, or a last segment that is a slug of at least three words
    (``storm-floods-coastal-towns``); listing pages (tag, author, search, page N…) and files
    (PDF, images, feeds) are not articles.

    Args:
        url: an absolute http(s) URL.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return False
    path = parts.path
    segments = [s for s in path.split("/") if s]
    if not segments or _NOT_ARTICLE_EXT.search(path):
        return False
    if any(s.lower() in _NOT_ARTICLE_SEGMENTS for s in segments):
        return False
    last = re.sub(r"\.(?:s?html?|php|aspx?)$", "", segments[-1], flags=re.IGNORECASE)
    if _DATE_PATH.search(path):
        return True
    if re.search(r"\d{5,}", last):
        return True
    words = [w for w in re.split(r"[-_]+", last) if w]
    return len(words) >= 3 and sum(1 for w in words if _SLUG_WORD.search(w)) >= 3
