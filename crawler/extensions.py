"""RUN: flush runs left in the spool when a crawl starts; settle lineage, write the run (articles,
lineage, manifest) and report when it ends.

Settings:
    WIRETRACE_SUMMARY: print the end-of-run summary to standard output (default True).
"""

from __future__ import annotations

import logging
import os
import sys
from collections import Counter
from typing import Any
from urllib.parse import urlparse

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider

from crawler.exceptions import WiretraceError
from crawler.run import run_of
from crawler.storage import flush_spool

logger = logging.getLogger(__name__)


def _short(url: str | None) -> str:
    if not url:
        return "-"
    parsed = urlparse(url)
    return os.path.basename(parsed.path) if parsed.scheme == "file" else url


class RunFinisher:
    """On ``spider_opened``: upload pending spool folders of earlier runs. On ``spider_closed``: settle
    lineage, write ``runs/<run_id>/``, set the run verdict (``failed`` when the store or spool failed)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.summary = crawler.settings.getbool("WIRETRACE_SUMMARY", True)
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "RunFinisher":
        return cls(crawler)

    def spider_opened(self, spider: Spider) -> None:
        try:
            run = run_of(self.crawler)
        except WiretraceError as exc:  # e.g. the spool cannot be written: stop before crawling
            logger.error("wiretrace run cannot start: %s", exc)
            self.crawler.stats.set_value("wiretrace/run/status", "failed")
            raise CloseSpider(reason="run_failed") from None
        logger.info("wiretrace run %s: writing to %s", run.run_id, run.writer.store.uri)
        report = flush_spool(run.writer.store, run.spool_dir, exclude=run.run_id)
        self.crawler.stats.set_value("wiretrace/spool/flushed", len(report.flushed))
        if report.failed:
            self.crawler.stats.set_value("wiretrace/spool/pending", len(report.failed))
        for line in report.lines():
            (logger.warning if line.startswith("run ") else logger.info)(line)
            if self.summary and line.startswith("flushed"):
                print(f"wiretrace: {line}", file=sys.stdout, flush=True)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        stats = self.crawler.stats
        if reason == "run_failed":  # the run could not start (logged by spider_opened)
            return
        run = run_of(self.crawler)
        records = run.index.resolve(run.doc_ids) if run.doc_ids else {}
        rows = [r.to_dict() for _, r in sorted(records.items())]
        counts = {k.removeprefix("wiretrace/"): v for k, v in stats.get_stats().items()
                  if k.startswith("wiretrace/")}
        seen = set(run.doc_ids.values())
        relations = Counter(r["relation"] for r in rows if r["url"] in seen)
        copies = [r for r in rows if r["parent_url"] and r["url"] in seen]
        manifest: dict[str, Any] = {
            "status": "complete" if reason == "finished" else "incomplete",
            "finish_reason": reason,
            "spider": spider.name,
            "counts": {
                "articles": run.writer.articles,
                "lineage_rows": len(rows),
                "updated_earlier_rows": len(rows) - len(run.doc_ids),
                "relations": dict(sorted(relations.items())),
                "stories": len({r["story_id"] for r in rows}),
                "copies_credited": sum(1 for r in copies if r["credited"]),
                "copies_uncredited": sum(1 for r in copies if not r["credited"]),
                "copies_miscredited": sum(1 for r in copies if r["miscredited"]),
                "items_dropped": stats.get_value("item_dropped_count", 0),
                "pruned_from_index": run.pruned,
                "errors": stats.get_value("log_count/ERROR", 0),
                "events": dict(sorted(counts.items())),
            },
            "settings": run.settings_summary(),
        }
        try:
            location = run.writer.finish(rows, manifest)
        except WiretraceError as exc:
            logger.error("run %s could not be written: %s", run.run_id, exc)
            stats.inc_value("wiretrace/store/failed")
            stats.set_value("wiretrace/run/status", "failed")
            if self.summary:
                print(f"wiretrace run {run.run_id} failed: {run.writer.articles} articles kept in the spool "
                      f"{run.writer.folder.path}; the next run or `wiretrace flush` uploads them",
                      file=sys.stdout, flush=True)
            return
        finally:
            run.index.close()
        # a spool that failed mid-run stopped the crawl: what it had is written, the verdict stays failed
        stats.set_value("wiretrace/run/status", "failed" if stats.get_value("wiretrace/spool/failed")
                        else manifest["status"])
        logger.info("wiretrace run %s written to %s", run.run_id, location)
        if self.summary:
            self._print_summary(run.run_id, location, manifest, rows)

    @staticmethod
    def _print_summary(run_id: str, location: str, manifest: dict[str, Any], rows: list[dict[str, Any]]) -> None:
        c = manifest["counts"]
        out = [f"wiretrace run {run_id} {manifest['status']}: {c['articles']} articles, "
               f"{c['items_dropped']} skipped, {c['stories']} stories",
               f"written to {location}", "lineage:"]
        width = max((len(_short(r["url"])) for r in rows), default=10)
        for r in rows:
            notes = []
            if r["parent_url"]:
                via = f" (original {_short(r['original_url'])})" if r["original_url"] != r["parent_url"] else ""
                notes.append(f"of {_short(r['parent_url'])}{via}, {'credited' if r['credited'] else 'uncredited'}")
            elif r["wire"]:
                notes.append(r["wire"])
            drift = list(dict.fromkeys(f"{d['copy']} vs {d['source']}" for d in r["evidence"].get("drift") or []))
            if drift:
                notes.append("drift: " + ", ".join(drift[:3]))
            out.append(f"  {_short(r['url']):<{width}}  {r['relation']:<9} {'; '.join(notes)}".rstrip())
        print("\n".join(out), file=sys.stdout, flush=True)
