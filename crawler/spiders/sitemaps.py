"""DISCOVER: articles listed in the publishers' sitemaps (index files, gzip, Google News sitemaps).

``scrapy crawl sitemaps [-a publisher=NAME] [-a sources=FILE]`` reads every sitemap of the selected
publishers on every run, follows sitemap indexes (on the publisher's own hosts, a few levels deep)
and requests each listed page. Parsing is :func:`crawler.discovery.parse_sitemap` (lxml without
entity expansion or network access, decompressed size capped), which keeps the
``news:publication_date`` and ``news:title`` fields Scrapy's sitemap parser drops: they go into
the item's discovery evidence and stand in for the published time when the page prints none.
A malformed sitemap is one warning and the stat ``wiretrace/discover/sitemap_<reason>``.
"""

from __future__ import annotations

from typing import Any, Iterable

from scrapy.http import Request, Response

from crawler.discovery import DEFAULT_MAX_BYTES, parse_sitemap
from crawler.exceptions import DiscoveryError
from crawler.publishers import Publisher
from crawler.spiders._base import LiveSpider

__all__ = ["SitemapsSpider"]

#: How many sitemap-index levels are followed below a declared sitemap.
MAX_INDEX_DEPTH = 3


class SitemapsSpider(LiveSpider):
    """Sitemaps → article pages; see the module docstring."""

    name = "sitemaps"
    methods = ("sitemaps",)

    def entry_requests(self, method: str, publisher: Publisher) -> Iterable[Request]:
        if method != "sitemaps":
            return super().entry_requests(method, publisher)
        return [self.listing_request(url, self.parse_sitemap, publisher=publisher, depth=0)
                for url in publisher.sitemaps]

    def parse_sitemap(self, response: Response, publisher: Publisher, depth: int) -> Any:
        """A sitemap → requests for its pages, or for its child sitemaps when it is an index."""
        try:
            sitemap = parse_sitemap(response.body, DEFAULT_MAX_BYTES)
        except DiscoveryError as exc:
            self.crawler.stats.inc_value(f"wiretrace/discover/sitemap_{exc.reason}")
            self.logger.warning("sitemap %s skipped: %s (stat wiretrace/discover/sitemap_%s)", response.url, exc,
                                exc.reason)
            return
        self.crawler.stats.inc_value(f"wiretrace/discover/sitemap_{sitemap.kind}")
        if sitemap.skipped:
            self.crawler.stats.inc_value("wiretrace/discover/sitemap_bad_entries", sitemap.skipped)
            self.logger.warning("sitemap %s: %d entries without a usable <loc> skipped (stat "
                                "wiretrace/discover/sitemap_bad_entries)", response.url, sitemap.skipped)
        for entry in sitemap.entries:
            if sitemap.kind == "index":
                if depth >= MAX_INDEX_DEPTH or not publisher.owns(entry.url):
                    self.crawler.stats.inc_value("wiretrace/discover/sitemap_not_followed")
                    continue
                yield self.listing_request(entry.url, self.parse_sitemap, publisher=publisher, depth=depth + 1)
                continue
            request = self.article_request(entry.url, publisher, {"method": "sitemaps", "via": response.url,
                                                                  **entry.evidence()})
            if request is not None:
                yield request
