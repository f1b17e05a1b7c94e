"""DISCOVER: replay saved articles (``seeds/``, saved pages) through the full pipeline.

``scrapy crawl replay -a path=DIR_OR_FILE`` requests every ``.txt``, ``.html``/``.htm`` file (and
their ``.gz`` forms) under the path as ``file://`` URLs, so the downloader, pipelines and store run
exactly as in a live crawl. Every file is processed every time (no seen-store).

Settings:
    WIRETRACE_REPLAY_PATH: default path when ``-a path`` is not given.
    WIRETRACE_MAX_FILE_BYTES: files (or decompressed ``.gz`` bodies) larger than this are
        skipped with a warning and the stat ``wiretrace/replay/too_large``.
"""

from __future__ import annotations

import gzip
import zlib
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, AsyncIterator

import scrapy
from scrapy.http import Response
from scrapy.settings import BaseSettings

from crawler.exceptions import InputError
from crawler.items import ArticleItem

_SUFFIXES = (".txt", ".html", ".htm")
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
        raise InputError(f"replay path {str(path)!r} holds no .txt, .html or .htm files (nor their .gz forms)")
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
            size = file.stat().st_size
            if size > cap:
                self.logger.warning("skipping %s: %d bytes, over WIRETRACE_MAX_FILE_BYTES=%d", file, size, cap)
                self.crawler.stats.inc_value("wiretrace/replay/too_large")
                continue
            yield scrapy.Request(file.resolve().as_uri(), callback=self.parse, dont_filter=True,
                                 cb_kwargs={"source": str(path)})

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
