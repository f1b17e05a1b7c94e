"""FETCH: downloader middlewares of live crawls: the seen-store, and politeness Scrapy lacks.

* :class:`SeenMiddleware` makes cron runs incremental with :class:`crawler.seen.SeenStore`: an
  article page already stored is not requested again, except a wire original inside its
  re-check window, which is fetched with ``If-None-Match`` / ``If-Modified-Since``; a 304, or a body
  identical to the stored one, ends there. URLs are recorded when their item has been stored
  (``item_scraped``), so a killed run fetches again what it had not stored.
* :class:`PoliteRetryMiddleware` replaces Scrapy's ``RetryMiddleware`` (which retries at once and
  ignores ``Retry-After``): a 429/503 with ``Retry-After`` holds every request to that host until
  then; other retries back off exponentially. It also applies robots.txt ``Crawl-delay`` to the
  host's download slot, as a floor AutoThrottle cannot go below.

Only requests marked as article pages by the live spiders (meta ``wiretrace_article``) touch the
seen-store; feeds, sitemaps, fronts, robots.txt and replayed files never do.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path
from time import monotonic
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Request, Response
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.response import response_status_message

from crawler.items import ArticleItem
from crawler.seen import SeenStore
from crawler.spiders._base import ARTICLE, RECHECK, WIRE, LiveSpider

__all__ = ["PoliteRetryMiddleware", "SeenMiddleware", "SeenSkip", "retry_after_seconds"]

logger = logging.getLogger(__name__)


class SeenSkip(IgnoreRequest):
    """An article request ended by the seen-store (already stored, not modified, or unchanged)."""


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


class SeenMiddleware:
    """Skip or conditionally re-fetch article pages already stored (downloader middleware, early).

    Settings:
        WIRETRACE_STATE_DIR: the seen-store is ``<state>/seen.sqlite``.
        WIRETRACE_RECHECK_WIRE_HOURS: how long after first being stored a wire-agency original
            is re-checked for updates (default 48).
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.window = crawler.settings.getfloat("WIRETRACE_RECHECK_WIRE_HOURS")
        self.path = Path(crawler.settings.get("WIRETRACE_STATE_DIR")) / "seen.sqlite"
        self._store: SeenStore | None = None
        self._pending: dict[str, dict[str, Any]] = {}
        # Before the run (and any spool recovery) starts: adopt what killed runs had spooled.
        spool = Path(crawler.settings.get("WIRETRACE_STATE_DIR")) / "spool"
        if spool.is_dir():
            adopted = self.store.adopt_spools(spool)
            if adopted:
                self.stats.inc_value("wiretrace/seen/adopted", adopted)
                logger.info("seen-store: %d articles of unfinished runs' spools recorded as stored", adopted)
        crawler.signals.connect(self.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "SeenMiddleware":
        if not (crawler.spidercls and issubclass(crawler.spidercls, LiveSpider)):
            # replays process every file they are given, every time, and leave no trace in it
            raise NotConfigured("the seen-store applies to live crawls only")
        return cls(crawler)

    @property
    def store(self) -> SeenStore:
        if self._store is None:
            self._store = SeenStore(self.path)
        return self._store

    def process_request(self, request: Request) -> None:
        if not request.meta.get(ARTICLE) or RECHECK in request.meta:
            return
        entry = self.store.get(request.url)
        if entry is None:
            return
        if not entry.recheck(self.window):
            self.stats.inc_value("wiretrace/fetch/seen_skipped")
            raise SeenSkip(f"already stored: {request.url}")
        request.meta[RECHECK] = {"sha256": entry.sha256, "text_sha256": entry.text_sha256}
        if entry.etag:
            request.headers[b"If-None-Match"] = entry.etag
        if entry.last_modified:
            request.headers[b"If-Modified-Since"] = entry.last_modified
        self.stats.inc_value("wiretrace/fetch/recheck")

    def process_response(self, request: Request, response: Response) -> Response:
        if not request.meta.get(ARTICLE):
            return response
        recheck = request.meta.get(RECHECK)
        if response.status == 304 and recheck:
            self.store.touch(request.url)
            self.stats.inc_value("wiretrace/fetch/not_modified")
            raise SeenSkip(f"not modified: {request.url}")
        if response.status != 200:
            return response
        digest = _sha256(response.body)
        if recheck and recheck.get("sha256") == digest:
            self.store.touch(request.url)
            self.stats.inc_value("wiretrace/fetch/unchanged")
            raise SeenSkip(f"unchanged: {request.url}")
        self._pending[response.url] = {
            "urls": [*request.meta.get("redirect_urls", []), request.url, response.url],
            "etag": _header(response, b"ETag"), "last_modified": _header(response, b"Last-Modified"),
            "sha256": digest, "is_wire": bool(request.meta.get(WIRE)),
        }
        return response

    def item_scraped(self, item: Any, response: Response | None, spider: Spider) -> None:
        """The item passed every pipeline (it is in the run's spool): remember its URLs."""
        if not isinstance(item, ArticleItem):
            return
        fetched = self._pending.pop(response.url if response is not None else item.url, None)
        if fetched is None:
            return
        self.store.mark(fetched.pop("urls"), text_sha256=_sha256(item.text.encode("utf-8")), **fetched)
        self.stats.inc_value("wiretrace/seen/marked")

    def spider_closed(self, spider: Spider) -> None:
        if self._store is not None:
            self._store.close()


def retry_after_seconds(value: bytes | str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP-date), or None."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - (now or datetime.now(timezone.utc))).total_seconds())


class PoliteRetryMiddleware(RetryMiddleware):
    """Scrapy's retries plus ``Retry-After``, exponential backoff and robots.txt ``Crawl-delay``.

    Settings:
        WIRETRACE_MAX_RETRY_AFTER: longest ``Retry-After`` (seconds) honoured; a longer one gives
            up on the request at once (stat ``wiretrace/fetch/retry_after_too_long``).
        WIRETRACE_RETRY_BACKOFF: delay before the first retry without ``Retry-After`` (seconds);
            doubled at each further retry.
        RETRY_TIMES, RETRY_HTTP_CODES: as in Scrapy.
    """

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler.settings)
        self.crawler = crawler
        self.max_retry_after = crawler.settings.getfloat("WIRETRACE_MAX_RETRY_AFTER")
        self.backoff = crawler.settings.getfloat("WIRETRACE_RETRY_BACKOFF")
        self._not_before: dict[str, float] = {}
        self._crawl_delay: dict[str, float] = {}
        ua = crawler.settings.get("ROBOTSTXT_USER_AGENT") or crawler.settings.get("USER_AGENT")
        self._user_agent: str = ua
        crawler.signals.connect(self.robots_parsed, signal=signals.robots_parsed)
        crawler.signals.connect(self.floor_slot_delay, signal=signals.request_reached_downloader)
        crawler.signals.connect(self.floor_slot_delay, signal=signals.response_downloaded)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "PoliteRetryMiddleware":  # type: ignore[override]
        return cls(crawler)

    def robots_parsed(self, robotparser: Any, request: Request) -> None:
        delay = robotparser.crawl_delay(self._user_agent)
        if delay:
            host = urlparse_cached(request).hostname or ""
            self._crawl_delay[host] = float(delay)
            self.crawler.stats.inc_value("wiretrace/fetch/crawl_delay_hosts")
            logger.info("robots.txt of %s asks for Crawl-delay: %s s; applied to its download slot", host, delay)

    def floor_slot_delay(self, request: Request, **_: Any) -> None:
        """Keep the host's slot delay at or above its Crawl-delay (AutoThrottle may lower it)."""
        delay = self._crawl_delay.get(urlparse_cached(request).hostname or "")
        if not delay:
            return
        slot = self.crawler.engine.downloader.slots.get(request.meta.get("download_slot", ""))
        if slot is not None and (slot.delay < delay or slot.jitter):
            slot.delay = max(slot.delay, delay)
            slot.jitter = 0.0  # a random delay would go below the floor half the time

    async def process_request(self, request: Request) -> None:
        host = urlparse_cached(request).hostname or ""
        wait = max(self._not_before.get(host, 0.0), request.meta.get("wiretrace_not_before", 0.0)) - monotonic()
        if wait > 0:
            await asyncio.sleep(wait)

    def process_response(self, request: Request, response: Response) -> Request | Response:  # type: ignore[override]
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        stats = self.crawler.stats
        delay = retry_after_seconds(response.headers.get(b"Retry-After"))
        if delay is not None and response.status in (429, 503):
            if delay > self.max_retry_after:
                stats.inc_value("wiretrace/fetch/retry_after_too_long")
                logger.warning("%s answered %d with Retry-After %.0f s, over WIRETRACE_MAX_RETRY_AFTER=%.0f; "
                               "not retried this run", request.url, response.status, delay, self.max_retry_after)
                return response
            host = urlparse_cached(request).hostname or ""
            self._not_before[host] = max(self._not_before.get(host, 0.0), monotonic() + delay)
            stats.inc_value("wiretrace/fetch/retry_after")
            logger.info("%s answered %d with Retry-After %.1f s: holding requests to %s until then",
                        request.url, response.status, delay, host)
        retry = self._retry(request, response_status_message(response.status))
        if retry is None:
            return response
        if delay is None:
            attempt = retry.meta.get("retry_times", 1)
            retry.meta["wiretrace_not_before"] = monotonic() + self.backoff * 2 ** (attempt - 1)
        return retry

    def process_exception(self, request: Request, exception: Exception) -> Request | Response | None:  # type: ignore[override]
        retry = super().process_exception(request, exception)
        if isinstance(retry, Request):
            attempt = retry.meta.get("retry_times", 1)
            retry.meta["wiretrace_not_before"] = monotonic() + self.backoff * 2 ** (attempt - 1)
        return retry
