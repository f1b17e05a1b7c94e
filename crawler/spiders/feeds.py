"""DISCOVER: articles listed in the publishers' RSS and Atom feeds.

``scrapy crawl feeds [-a publisher=NAME] [-a sources=FILE]`` reads every feed of the selected
publishers (on every run: feeds are never in the seen-store) with feedparser and requests each
entry's link; the entry's published (else updated) time and title go into the item's discovery
evidence. A malformed feed is one warning and the stat ``wiretrace/discover/feed_malformed``.
"""

from __future__ import annotations

from typing import Any, Iterable

from scrapy.http import Request, Response

from crawler.discovery import DEFAULT_MAX_BYTES, parse_feed
from crawler.exceptions import DiscoveryError
from crawler.publishers import Publisher
from crawler.spiders._base import LiveSpider

__all__ = ["FeedsSpider"]


class FeedsSpider(LiveSpider):
    """Feeds → article pages; see the module docstring."""

    name = "feeds"
    methods = ("feeds",)

    def entry_requests(self, method: str, publisher: Publisher) -> Iterable[Request]:
        if method != "feeds":
            return super().entry_requests(method, publisher)
        return [self.listing_request(url, self.parse_feed, publisher=publisher) for url in publisher.feeds]

    def parse_feed(self, response: Response, publisher: Publisher) -> Any:
        """A feed → requests for its entries' article pages."""
        try:
            entries, problem = parse_feed(response.body, DEFAULT_MAX_BYTES)
        except DiscoveryError as exc:
            self.crawler.stats.inc_value(f"wiretrace/discover/feed_{exc.reason}")
            self.logger.warning("feed %s skipped: %s (stat wiretrace/discover/feed_%s)", response.url, exc, exc.reason)
            return
        if problem:
            self.crawler.stats.inc_value("wiretrace/discover/feed_recovered")
            self.logger.info("feed %s is malformed but readable (%s); %d entries kept", response.url, problem,
                             len(entries))
        self.crawler.stats.inc_value("wiretrace/discover/feeds")
        for entry in entries:
            request = self.article_request(entry.url, publisher, {"method": "feeds", "via": response.url,
                                                                  **entry.evidence()})
            if request is not None:
                yield request
