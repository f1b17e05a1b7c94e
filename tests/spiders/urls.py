"""DISCOVER (tests and benchmarks only): fetch a fixed list of URLs, one article per HTML/text page.

``scrapy crawl urls -a urls=URL,URL…`` or ``-a url_file=FILE`` (one URL per line). Stands in for
the live spiders in tests that need real HTTP fetches from a local server.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Any, AsyncIterator
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response

from crawler.items import ArticleItem


class UrlsSpider(scrapy.Spider):
    name = "urls"

    def __init__(self, urls: str = "", url_file: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.urls = [u for u in urls.split(",") if u]
        if url_file:
            self.urls += [u.strip() for u in Path(url_file).read_text().splitlines() if u.strip()]

    async def start(self) -> AsyncIterator[Any]:
        for url in self.urls:
            yield scrapy.Request(url, callback=self.parse, dont_filter=True)

    def parse(self, response: Response) -> Any:
        ctype = response.headers.get("Content-Type", b"").decode("latin-1")
        if not ctype.startswith(("text/html", "text/plain")):
            return
        yield ArticleItem(url=response.url, body=response.body, content_type=ctype,
                          source=urlsplit(response.url).netloc,
                          fetched_at=datetime.now(timezone.utc).isoformat(timespec="seconds"))
