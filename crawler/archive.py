"""FETCH / ARCHIVE: downloader middlewares that write every response to the run's WARC, and
serve archived responses back when a WARC is replayed.

Settings:
    WIRETRACE_MAX_FILE_BYTES: cap on an archived record or decoded body read back by
        :class:`WarcReplayMiddleware` (larger ones are skipped with a stat).
"""

from __future__ import annotations

import logging
from datetime import datetime, timezone

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Headers, Response
from scrapy.responsetypes import responsetypes

from crawler.exceptions import InputError
from crawler.run import run_of
from crawler.storage.archive import ARCHIVE_NAME, WarcArchive, read_response

logger = logging.getLogger(__name__)

__all__ = ["ArchiveMiddleware", "WarcReplayMiddleware"]

#: Request meta key of a response served from an archive: (path, offset, WARC-Date).
REPLAY_META = "wiretrace_warc"


class ArchiveMiddleware:
    """ARCHIVE: every HTTP(S) response, whatever its status, as request + response WARC records in
    ``<spool>/<run_id>/raw.warc.gz`` (uploaded to ``runs/<run_id>/`` when the run ends).

    Sits next to the downloader (order 950), so it sees the bytes as received, before
    decompression, redirects or retries. Responses replayed from an archive, served from Scrapy's
    HTTP cache, or read from ``file://`` are not archived (they were not fetched). A failed write
    is one error line and the stat
    ``wiretrace/archive/error``; the response goes on. Records are compressed (gzip level 1, about
    0.4 ms per 50 KB page) and written in the reactor, in arrival order; a response moves on once
    its records are flushed. (A writer thread cost more CPU in hand-offs than it took off the
    reactor.)
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.archive: WarcArchive | None = None
        crawler.signals.connect(self.close, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "ArchiveMiddleware":
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        if (REPLAY_META in request.meta or "cached" in response.flags
                or not response.url.startswith(("http://", "https://"))):
            return response
        if self.archive is None:
            self.archive = WarcArchive(run_of(self.crawler).writer.spool.parent / ARCHIVE_NAME)
        try:
            written = self.archive.write_exchange(
                url=response.url, method=request.method,
                request_headers=[(k, v) for k, vs in request.headers.items() for v in vs],
                request_body=request.body, status=response.status,
                response_headers=[(k, v) for k, vs in response.headers.items() for v in vs], body=response.body,
                protocol=_protocol(response.protocol), ip_address=str(response.ip_address or "") or None,
                fetched=datetime.now(timezone.utc))
        except Exception as exc:  # noqa: BLE001 -- archiving must never cost the response itself
            logger.error("could not archive %s: %s (the crawl goes on without it)", response.url, exc)
            self.crawler.stats.inc_value("wiretrace/archive/error")
        else:
            self.crawler.stats.inc_value("wiretrace/archive/records", written)
        return response

    def close(self) -> None:
        if self.archive is not None:
            self.archive.close()


def _protocol(protocol: str | None) -> str | None:
    if not protocol:
        return None
    return "HTTP/2" if protocol.lower() in ("h2", "http/2", "http/2.0") else protocol.upper()


class WarcReplayMiddleware:
    """Serve requests marked by the replay spider from their WARC record instead of the network.

    A record that cannot be read (truncated, over the cap) drops the request with one warning and
    the stat ``wiretrace/replay/<reason>``.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.max_bytes = crawler.settings.getint("WIRETRACE_MAX_FILE_BYTES")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "WarcReplayMiddleware":
        return cls(crawler)

    def process_request(self, request: Request) -> Response | None:
        if REPLAY_META not in request.meta:
            return None
        path, offset = request.meta[REPLAY_META][:2]
        try:
            archived = read_response(path, offset, max_bytes=self.max_bytes)
        except InputError as exc:
            logger.warning("skipping %s from %s: %s", request.url, path, exc)
            self.crawler.stats.inc_value("wiretrace/replay/bad_warc")
            raise IgnoreRequest(str(exc)) from None
        if archived.body is None:
            logger.warning("skipping %s from %s: over WIRETRACE_MAX_FILE_BYTES=%d", request.url, path, self.max_bytes)
            self.crawler.stats.inc_value("wiretrace/replay/too_large")
            raise IgnoreRequest("archived record over the size cap")
        headers = Headers(archived.headers)
        cls = responsetypes.from_args(headers=headers, url=archived.url, body=archived.body)
        return cls(url=archived.url, status=archived.status, headers=headers, body=archived.body, request=request,
                   flags=["warc"])
