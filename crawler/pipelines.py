"""CLEAN → DISCOVERY → LINEAGE → STORE: thin pipeline adapters over the Scrapy-free packages.

Each pipeline calls one library function, sets fields, bumps a ``wiretrace/<stage>/<event>`` stat,
or drops the item with a clear reason. Library errors never crash the crawl.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import asdict

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.utils.defer import deferred_from_coro

from cleaners import clean
from crawler.exceptions import ExtractionError, SpoolError
from crawler.items import ArticleItem
from crawler.lineage import article_from_item
from crawler.run import run_of

logger = logging.getLogger(__name__)


class _Stage:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "_Stage":
        return cls(crawler)


class CleanPipeline(_Stage):
    """CLEAN: ``cleaners.clean`` on the raw body; drops items with no article text."""

    def process_item(self, item: ArticleItem) -> ArticleItem:
        try:
            result = clean(item.body, url=item.url, content_type=item.content_type)
        except ExtractionError as exc:
            self.stats.inc_value(f"wiretrace/clean/{exc.reason}")
            raise DropItem(f"no article in {item.url}: {exc}", log_level="WARNING") from None
        if result.encoding not in (None, "utf-8"):
            logger.warning("%s is not valid UTF-8; decoded as %s", item.url, result.encoding)
            self.stats.inc_value("wiretrace/clean/not_utf8")
        item.title, item.byline, item.text = result.title, result.byline, result.text
        item.published, item.published_raw = result.published, result.published_raw
        item.language, item.canonical_url = result.language, result.canonical_url
        item.authors = [asdict(a) for a in result.authors]
        item.wire = {"service": result.wire.service, "credited": result.wire.credited,
                     "evidence": result.wire.evidence, "kinds": result.wire.kinds}
        item.extra = {k: getattr(result, k) for k in ("section", "dateline", "modified", "modified_raw",
                                                      "correction", "content_kind", "encoding", "dropped")}
        self.stats.inc_value("wiretrace/clean/ok")
        return item


class DiscoveryPipeline(_Stage):
    """Live crawls: the listing's date stands in for a missing page date; unchanged re-checks are dropped."""

    def process_item(self, item: ArticleItem) -> ArticleItem:
        found = item.discovery
        if not found:
            return item
        previous = found.get("previous_text_sha256")
        if previous and hashlib.sha256(item.text.encode("utf-8")).hexdigest() == previous:
            self.stats.inc_value("wiretrace/fetch/unchanged")
            raise DropItem(f"unchanged since stored: {item.url}", log_level="INFO")
        if not item.published and found.get("published"):
            item.published, item.published_raw = found["published"], found.get("published_raw")
            item.extra["published_from"] = found["method"]
            self.stats.inc_value("wiretrace/discover/published_from_listing")
        return item


class LineagePipeline(_Stage):
    """LINEAGE: index the article and attach its lineage as known now (settled at run end)."""

    def process_item(self, item: ArticleItem) -> ArticleItem:
        run = run_of(self.crawler)
        item.run_id = run.run_id
        article = article_from_item(item.to_dict())
        added = run.index.add(article)
        run.doc_ids[added.id] = article.key
        self.stats.inc_value(f"wiretrace/lineage/{added.status}")
        record = run.index.resolve([added.id], save=False)[added.id]
        item.lineage = {k: v for k, v in record.to_dict().items() if k != "evidence"}
        return item


class StorePipeline(_Stage):
    """STORE: append the cleaned article to the run's spool (uploaded when the run ends)."""

    def process_item(self, item: ArticleItem) -> ArticleItem:
        try:
            run_of(self.crawler).writer.add_article(item.to_dict())
        except SpoolError as exc:  # never drop silently: stop the crawl, exit non-zero
            self.stats.inc_value("wiretrace/spool/failed")
            self.stats.set_value("wiretrace/run/status", "failed")
            deferred_from_coro(self.crawler.engine.close_spider_async(reason="spool_failed"))
            raise DropItem(f"{item.url} not stored, stopping the crawl: {exc}", log_level="ERROR") from None
        self.stats.inc_value("wiretrace/store/articles")
        return item
