"""DISCOVER: articles found by following links from the publishers' section fronts.

``scrapy crawl site [-a publisher=NAME] [-a sources=FILE]`` fetches each ``start_urls`` page of the
selected publishers and looks at its links on the publisher's own hosts whose path contains one of
its ``follow`` fragments (every link when ``follow`` is empty). A link that passes
:func:`crawler.discovery.is_article_url` is requested as an article; another one is a front, crawled
for links (up to ``MAX_FRONT_DEPTH`` levels below a start URL) and never stored as an article.
"""

from __future__ import annotations

from typing import Any, Iterable
from urllib.parse import urldefrag, urlsplit

from scrapy.http import Request, Response, TextResponse

from crawler.discovery import is_article_url
from crawler.publishers import Publisher
from crawler.spiders._base import LiveSpider

__all__ = ["SiteSpider"]

#: How many levels of fronts below a start URL are crawled for links.
MAX_FRONT_DEPTH = 1


class SiteSpider(LiveSpider):
    """Section fronts → article pages; see the module docstring."""

    name = "site"
    methods = ("site",)

    def entry_requests(self, method: str, publisher: Publisher) -> Iterable[Request]:
        if method != "site":
            return super().entry_requests(method, publisher)
        return [self.listing_request(url, self.parse_front, publisher=publisher, depth=0)
                for url in publisher.start_urls]

    def parse_front(self, response: Response, publisher: Publisher, depth: int) -> Any:
        """A front → requests for the article links on it, and for deeper fronts."""
        if not isinstance(response, TextResponse):
            self.crawler.stats.inc_value("wiretrace/discover/front_not_html")
            self.logger.warning("front %s is not a text page; no links followed", response.url)
            return
        self.crawler.stats.inc_value("wiretrace/discover/fronts")
        for href in dict.fromkeys(response.css("a::attr(href)").getall()):
            url = urldefrag(response.urljoin(href.strip())).url
            if not publisher.owns(url):
                continue
            path = urlsplit(url).path
            if publisher.follow and not any(fragment in path for fragment in publisher.follow):
                continue
            if is_article_url(url):
                request = self.article_request(url, publisher, {"method": "site", "via": response.url})
                if request is not None:
                    yield request
            elif depth < MAX_FRONT_DEPTH:
                yield self.listing_request(url, self.parse_front, publisher=publisher, depth=depth + 1)
