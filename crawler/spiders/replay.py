"""DISCOVER: replay saved articles (``seeds/``, saved pages, WARC archives) through the full pipeline.

``scrapy crawl replay -a path=DIR_OR_FILE`` requests every ``.txt``, ``.html``/``.htm`` file (and
their ``.gz`` forms) under the path as ``file://`` URLs, so the downloader, pipelines and store run
exactly as in a live crawl. Every file is processed every time (no seen-store).

``.warc.gz`` and ``.warc`` files (a run's ``raw.warc.gz``) are listed record by record: each HTML or
text response with status 200 becomes a request for its original URL, answered from the archive
by :class:`crawler.archive.WarcReplayMiddleware` (never the network), and its item is
``fetched_at`` the record's ``WARC-Date``. Other responses are counted, not cleaned:
``wiretrace/replay/not_ok`` (status other than 200), ``wiretrace/replay/not_article`` (feeds,
sitemaps, anything not HTML or text). Replayed responses are not archived again.

Settings:
    WIRETRACE_REPLAY_PATH: default path when ``-a path`` is not given.
    WIRETRACE_MAX_FILE_BYTES: files (or decompressed ``.gz`` bodies, or archived records) larger
        than this are skipped with a warning and the stat ``wiretrace/replay/too_large``.
"""

from __future__ import annotations

import gzip
import zlib
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, AsyncIterator, Iterator

import scrapy
from scrapy.http import Response
from scrapy.settings import BaseSettings

from crawler.exceptions import InputError
from crawler.items import ArticleItem
from crawler.archive import REPLAY_META
from crawler.storage.archive import iter_responses

_SUFFIXES = (".txt", ".html", ".htm", ".warc")
_ARTICLE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
_TYPES = {".txt": "text/plain", ".html": "text/html", ".htm": "text/html"}


def replay_files(path: str | Path) -> list[Path]:
    """The replayable files at ``path`` (a file, or a folder searched recursively), sorted.

    Raises:
        InputError: the path does not exist, or holds no replayable file.
    """
    root = Path(path)
    if not root.exists():
        raise InputError(f"replay path {str(path)!r} does not exist; pass -a path=DIR_OR_FILE (e.g. path=seeds)")
    if root.is_file():
        return [root]
    files = sorted(p for p in root.rglob("*") if p.is_file() and not p.name.startswith(".")
                   and p.name.lower().removesuffix(".gz").endswith(_SUFFIXES))
    if not files:
        raise InputError(f"replay path {str(path)!r} holds no .txt, .html, .htm or .warc files (nor their .gz forms)")
    return files


class ReplaySpider(scrapy.Spider):
    """Replay files from disk; see the module docstring."""

    name = "replay"
    custom_settings = {"ROBOTSTXT_OBEY": False}  # file:// has no robots.txt

    def __init__(self, path: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.path = path

    @classmethod
    def check_arguments(cls, settings: BaseSettings, path: str | None = None, **_: Any) -> None:
        """Fail before the crawl starts when the path is unusable (called by ``scrapy crawl``)."""
        replay_files(path or settings.get("WIRETRACE_REPLAY_PATH"))

    async def start(self) -> AsyncIterator[Any]:
        path = self.path or self.settings.get("WIRETRACE_REPLAY_PATH")
        cap = self.settings.getint("WIRETRACE_MAX_FILE_BYTES")
        for file in replay_files(path):
            if file.name.lower().endswith((".warc", ".warc.gz")):
                for request in self._archived(file, cap, str(path)):
                    yield request
                continue
            size = file.stat().st_size
            if size > cap:
                self.logger.warning("skipping %s: %d bytes, over WIRETRACE_MAX_FILE_BYTES=%d", file, size, cap)
                self.crawler.stats.inc_value("wiretrace/replay/too_large")
                continue
            yield scrapy.Request(file.resolve().as_uri(), callback=self.parse, dont_filter=True,
                                 cb_kwargs={"source": str(path)})

    def _archived(self, file: Path, cap: int, source: str) -> Iterator[scrapy.Request]:
        stats = self.crawler.stats
        try:
            for rec in iter_responses(file, max_bytes=cap, bodies=False):
                if rec.skipped:
                    self.logger.warning("skipping a record at byte %d of %s: over WIRETRACE_MAX_FILE_BYTES=%d",
                                        rec.offset, file, cap)
                    stats.inc_value(f"wiretrace/replay/{rec.skipped}")
                elif rec.status != 200:
                    stats.inc_value("wiretrace/replay/not_ok")
                elif rec.content_type not in _ARTICLE_TYPES:
                    stats.inc_value("wiretrace/replay/not_article")
                else:
                    yield scrapy.Request(rec.url, callback=self.parse_archived, dont_filter=True,
                                         meta={REPLAY_META: (str(file), rec.offset, rec.date)},
                                         cb_kwargs={"source": source})
        except InputError as exc:
            self.logger.warning("stopped reading %s: %s", file, exc)
            stats.inc_value("wiretrace/replay/bad_warc")

    def parse_archived(self, response: Response, source: str) -> Any:
        yield ArticleItem(url=response.url, body=response.body, content_type=response.headers.get("Content-Type",
                          b"").decode("latin-1") or None, source=source, fetched_at=response.meta[REPLAY_META][2])

    def parse(self, response: Response, source: str) -> Any:
        body = response.body
        url = response.url
        if url.endswith(".gz"):
            cap = self.settings.getint("WIRETRACE_MAX_FILE_BYTES")
            try:
                body = zlib.decompressobj(wbits=31).decompress(body, cap + 1)
            except (zlib.error, EOFError, gzip.BadGzipFile) as exc:
                self.logger.warning("skipping %s: not a readable gzip file (%s)", url, exc)
                self.crawler.stats.inc_value("wiretrace/replay/bad_gzip")
                return
            if len(body) > cap:
                self.logger.warning("skipping %s: decompresses past WIRETRACE_MAX_FILE_BYTES=%d", url, cap)
                self.crawler.stats.inc_value("wiretrace/replay/too_large")
                return
            url = url[:-3]
        suffix = Path(url).suffix.lower()
        yield ArticleItem(url=response.url, body=body, content_type=_TYPES.get(suffix), source=source,
                          fetched_at=datetime.now(timezone.utc).isoformat(timespec="seconds"))
