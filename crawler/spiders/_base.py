"""DISCOVER: the shared base of the live spiders (``feeds``, ``sitemaps``, ``site``, ``crawl``).

Every live spider takes ``-a publisher=NAME`` (default: every publisher that declares the spider's
discovery method) and ``-a sources=FILE`` (default ``WIRETRACE_SOURCES``), requests article pages
with the publisher and what the listing said about the page (feed or sitemap date, news title) as
discovery evidence, and turns each article response into an :class:`~crawler.items.ArticleItem`.
Failed fetches (HTTP errors, timeouts, redirect loops, oversized bodies) are one warning line and
a ``wiretrace/fetch/<event>`` stat each; the crawl goes on.

Settings:
    WIRETRACE_SOURCES: the sources file when ``-a sources`` is not given.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Any, AsyncIterator, Iterable

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response
from scrapy.settings import BaseSettings
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawler.exceptions import ConfigError
from crawler.items import ArticleItem
from crawler.publishers import METHODS, Publisher, load_publishers, select_publishers

__all__ = ["LiveSpider"]

_CHARSET = re.compile(r"charset=[\"']?([A-Za-z0-9._:-]+)", re.IGNORECASE)

#: Request meta keys shared with crawler.middlewares.
ARTICLE = "wiretrace_article"
WIRE = "wiretrace_wire"
RECHECK = "wiretrace_recheck"


def _failure_event(failure: Failure) -> tuple[str, str] | None:
    """``(stat event, reason)`` for a failed request, or None when it needs no report."""
    from crawler.middlewares import SeenSkip  # the middleware counts its own skips

    if failure.check(HttpError):
        status = failure.value.response.status
        return f"http_{status}", f"HTTP {status}"
    if failure.check(SeenSkip):
        return None
    if failure.check(IgnoreRequest):
        message = str(failure.value)
        if "robots.txt" in message:
            return None  # counted by Scrapy as robotstxt/forbidden
        if "max redirections" in message:
            return "redirect_loop", "too many redirections (redirect loop)"
        if "DOWNLOAD_MAXSIZE" in message:
            return "too_large", "decompressed body over DOWNLOAD_MAXSIZE (gzip bomb?)"
        return "ignored", message
    message = str(failure.value)
    if "max size" in message:
        return "too_large", "body over DOWNLOAD_MAXSIZE"
    name = type(failure.value).__name__
    if "Timeout" in name:
        return "timeout", f"no answer within DOWNLOAD_TIMEOUT ({name})"
    return name.lower().removesuffix("error") or "error", f"{name}: {message}"


class LiveSpider(scrapy.Spider):
    """Base of the live spiders; subclasses set ``name`` and ``methods``."""

    #: The discovery methods this spider runs (a subset of crawler.publishers.METHODS).
    methods: tuple[str, ...] = METHODS

    def __init__(self, publisher: str | None = None, sources: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.publisher = publisher
        self.sources = sources
        self.publishers: list[Publisher] = []

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> "LiveSpider":
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.request_dropped, signal=signals.request_dropped)
        return spider

    @classmethod
    def select(cls, settings: BaseSettings, publisher: str | None = None,
               sources: str | None = None) -> list[Publisher]:
        """The publishers this spider crawls, read from the sources file.

        Raises:
            ConfigError: the sources file is malformed, the publisher unknown, or no publisher
                declares any of this spider's discovery methods.
        """
        path = sources or settings.get("WIRETRACE_SOURCES")
        everyone = load_publishers(path)
        chosen = [p for p in select_publishers(everyone, publisher) if any(p.entry_points(m) for m in cls.methods)]
        if not chosen:
            who = f"publisher {publisher!r}" if publisher else "no publisher"
            raise ConfigError(f"{path}: {who} declares {' or '.join(cls.methods)}; nothing for "
                              f"`{cls.name}` to crawl")
        return chosen

    @classmethod
    def check_arguments(cls, settings: BaseSettings, publisher: str | None = None, sources: str | None = None,
                        **_: Any) -> None:
        """Fail before the crawl starts on a bad sources file or publisher (called by ``scrapy crawl``)."""
        cls.select(settings, publisher, sources)

    async def start(self) -> AsyncIterator[Any]:
        self.publishers = self.select(self.settings, self.publisher, self.sources)
        for publisher in self.publishers:
            for method in self.methods:
                for request in self.entry_requests(method, publisher):
                    yield request

    def entry_requests(self, method: str, publisher: Publisher) -> Iterable[Request]:
        """The first requests of ``method`` for ``publisher`` (defined by each method's spider)."""
        raise NotImplementedError(method)

    def article_request(self, url: str, publisher: Publisher, discovery: dict[str, Any]) -> Request | None:
        """A request for an article page, or None (with a stat) when it is not the publisher's."""
        if not publisher.owns(url):
            self.crawler.stats.inc_value("wiretrace/discover/offsite")
            self.logger.debug("not following %s: not on %s's domains", url, publisher.name)
            return None
        self.crawler.stats.inc_value(f"wiretrace/discover/{discovery['method']}_articles")
        return Request(url, callback=self.parse_article, errback=self.fetch_failed,
                       cb_kwargs={"publisher": publisher, "discovery": discovery},
                       meta={ARTICLE: True, WIRE: publisher.wire})

    def listing_request(self, url: str, callback: Any, **cb_kwargs: Any) -> Request:
        """A request for a feed, sitemap or front: always fetched (never in the seen-store)."""
        return Request(url, callback=callback, errback=self.fetch_failed, cb_kwargs=cb_kwargs)

    def parse_article(self, response: Response, publisher: Publisher, discovery: dict[str, Any]) -> Any:
        """An article response → an :class:`ArticleItem` carrying its publisher and discovery evidence."""
        discovery = dict(discovery)
        recheck = response.meta.get(RECHECK)
        if recheck:
            discovery["recheck"] = True
            if recheck.get("text_sha256"):
                discovery["previous_text_sha256"] = recheck["text_sha256"]
        ctype = response.headers.get(b"Content-Type")
        content_type = ctype.decode("latin-1") if ctype else None
        declared = _CHARSET.search(content_type or "")
        if declared and content_type and content_type.lower().startswith("text/"):
            try:
                response.body.decode(declared.group(1))
            except (UnicodeDecodeError, LookupError):
                # Reported here, where the HTTP header is known; the cleaner decodes the bytes by
                # what they are (UTF-8 where valid, Windows-1252 for the rest), so they pass unchanged.
                discovery["wrong_charset"] = declared.group(1)
                self.crawler.stats.inc_value("wiretrace/fetch/wrong_charset")
                self.logger.warning("%s is not valid %s as its Content-Type says; the cleaner decodes it by its "
                                    "bytes (stat wiretrace/fetch/wrong_charset)", response.url, declared.group(1))
        yield ArticleItem(url=response.url, body=response.body, content_type=content_type,
                          source=publisher.name, publisher_wire=publisher.wire, discovery=discovery,
                          fetched_at=datetime.now(timezone.utc).isoformat(timespec="seconds"))

    def fetch_failed(self, failure: Failure) -> None:
        """Errback: one warning line and a ``wiretrace/fetch/<event>`` stat; the crawl goes on."""
        event = _failure_event(failure)
        if event is None:
            return
        key, why = event
        self.crawler.stats.inc_value(f"wiretrace/fetch/{key}")
        self.logger.warning("fetch failed: %s: %s (stat wiretrace/fetch/%s)", failure.request.url, why, key)

    def request_dropped(self, request: Request, spider: scrapy.Spider) -> None:
        """A redirect back to a URL of its own chain is a loop (the duplicate filter ends it silently)."""
        if request.url in request.meta.get("redirect_urls", ()):
            self.crawler.stats.inc_value("wiretrace/fetch/redirect_loop")
            self.logger.warning("fetch failed: %s: redirect loop (%s) (stat wiretrace/fetch/redirect_loop)",
                                request.meta["redirect_urls"][0], " -> ".join(request.meta["redirect_urls"]))
