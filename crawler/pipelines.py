"""CLEAN → DISCOVERY → LINEAGE → STORE: thin pipeline adapters over the Scrapy-free packages.

Each pipeline calls one library function, sets fields, bumps a ``wiretrace/<stage>/<event>`` stat,
or drops the item with a clear reason. Library errors never crash the crawl.
"""

from __future__ import annotations

import hashlib
import logging
import os

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.utils.defer import deferred_from_coro

from crawler.exceptions import SpoolError, WorkerCrashed
from crawler.items import ArticleItem
from crawler.lineage import article_from_item
from crawler.run import run_of
from crawler.work import clean_article, clean_pool, worker_plan

logger = logging.getLogger(__name__)


class _Stage:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "_Stage":
        return cls(crawler)


class CleanPipeline(_Stage):
    """CLEAN (and FINGERPRINT, see below) in worker processes (``crawler.work``); drops items with no article text.

    Settings:
        WIRETRACE_CLEAN_WORKERS: worker processes (default: one per CPU but one); 0 cleans inline.
        WIRETRACE_FINGERPRINT_IN: ``auto`` (default), ``workers`` or ``crawl``: where articles are
            fingerprinted (:func:`crawler.work.fingerprint_in_workers`); when not in the workers,
            the lineage stage fingerprints them.

    The crawl commands start the workers before the crawl is built
    (:func:`crawler.run.prestart_workers`); this stage claims them (stat
    ``wiretrace/clean/workers_prestarted``), or starts its own when the spider opens.
    """

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        workers, self.fingerprints = worker_plan(crawler.settings)
        self.pool, early = clean_pool(workers, self.fingerprints)
        if early:
            self.stats.set_value("wiretrace/clean/workers_prestarted", self.pool.workers)
        self.stats.set_value("wiretrace/clean/fingerprint_in", "workers" if self.fingerprints else "crawl")
        self.workers_seen: set[int] = set()

    def open_spider(self) -> None:
        self.pool.start()

    def close_spider(self) -> None:
        self.pool.close()

    async def process_item(self, item: ArticleItem) -> ArticleItem:
        try:
            done = await self.pool.run(clean_article, item.body, item.url, item.content_type,
                                       run_of(self.crawler).params if self.fingerprints else None)
        except WorkerCrashed as exc:
            self.stats.inc_value("wiretrace/clean/worker_crashed")
            raise DropItem(f"not cleaned {item.url}: {exc}; refetch or replay it", log_level="ERROR") from None
        if done.error:
            self.stats.inc_value(f"wiretrace/clean/{done.reason}")
            raise DropItem(f"no article in {item.url}: {done.error}", log_level="WARNING")
        if done.encoding not in (None, "utf-8"):
            logger.warning("%s is not valid UTF-8; decoded as %s", item.url, done.encoding)
            self.stats.inc_value("wiretrace/clean/not_utf8")
        for name, value in done.fields.items():
            setattr(item, name, value)
        item.fingerprint, item.prepared = done.fingerprint, done.prepared
        if done.pid != os.getpid():
            self.workers_seen.add(done.pid)
            self.stats.set_value("wiretrace/clean/worker_processes", len(self.workers_seen))
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
        added = run.index.add(article, fp=item.fingerprint, prepared=item.prepared)
        item.prepared = None  # the index keeps it while it is useful
        run.doc_ids[added.id] = article.key
        self.stats.inc_value(f"wiretrace/lineage/{added.status}")
        record = run.index.resolve([added.id], save=False, evidence=False)[added.id]
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
