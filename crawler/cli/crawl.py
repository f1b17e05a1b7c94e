"""Run the live crawl of every publisher in the sources file: what cron calls.

`wiretrace crawl [--sources FILE] [--publisher NAME]` takes a lock so two runs never overlap (a
second run prints that a run is in progress and exits 0), runs the `crawl` spider (feeds,
sitemaps and link following of the selected publishers), writes the run and its manifest to the
store, and exits with the run's verdict:

  0  the run is complete (or another run holds the lock)
  1  the run failed: no response at all, the store could not be written, more ERROR log lines
     than WIRETRACE_MAX_ERRORS, or stopped by a signal; one line on standard error says which
  2  bad configuration (sources file, store URI): nothing was crawled

Run it from the project folder (where scrapy.cfg is); settings as for `scrapy crawl`
(SCRAPY_PROJECT=prod for cron).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any, Mapping

from crawler.cli import crawl_lock, project_settings

__all__ = ["HELP", "add_arguments", "run", "run_verdict"]

HELP = "crawl every publisher's feeds, sitemaps and fronts once (what cron runs); exit status = verdict"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``wiretrace crawl``."""
    parser.add_argument("--sources", metavar="FILE", help="sources file (default: WIRETRACE_SOURCES)")
    parser.add_argument("--publisher", metavar="NAME", help="crawl only this publisher")
    parser.add_argument("--max-errors", type=int, metavar="N",
                        help="fail the run above N ERROR log lines (default: WIRETRACE_MAX_ERRORS)")


def run_verdict(stats: Mapping[str, Any], max_errors: int) -> str | None:
    """Why a finished crawl counts as failed, from its final stats; None when it succeeded.

    Args:
        stats: the crawl's final Scrapy stats.
        max_errors: most ``log_count/ERROR`` lines a successful run may have.
    """
    if stats.get("wiretrace/run/status") == "failed":
        return "the run could not be written to the store (its articles are kept in the spool; see the log)"
    reason = stats.get("finish_reason")
    if reason == "shutdown":
        return "stopped by a signal before the crawl finished (finish_reason shutdown)"
    if reason is None:
        return "the crawl did not start or did not finish (no finish_reason; see the log)"
    responses = stats.get("response_received_count", 0) - stats.get("robotstxt/response_count", 0)
    if responses <= 0:
        return "no response at all from any publisher (network down, or every site failing)"
    errors = stats.get("log_count/ERROR", 0)
    if errors > max_errors:
        return f"{errors} ERROR log lines, over WIRETRACE_MAX_ERRORS={max_errors}"
    return None


def run(args: argparse.Namespace) -> int:
    """Take the lock, crawl, and return the run's exit status (see the module docstring)."""
    settings = project_settings({"WIRETRACE_SOURCES": args.sources})
    max_errors = args.max_errors if args.max_errors is not None else settings.getint("WIRETRACE_MAX_ERRORS")
    with crawl_lock(settings) as held_by_other:
        if held_by_other:
            print(f"wiretrace crawl: a wiretrace run is in progress (lock {held_by_other}); exiting", flush=True)
            return 0
        return _crawl(settings, args.publisher, max_errors)


def _crawl(settings: Any, publisher: str | None, max_errors: int) -> int:
    from scrapy.crawler import CrawlerProcess

    from crawler.run import precheck, prestart_workers, release_workers
    from crawler.spiders.crawl import CrawlSpider

    prestart_workers(settings)  # they warm up while the checks run and Scrapy builds the crawl
    try:
        # Configuration errors stop here, before any request: exit status 2 (a store that is only
        # unreachable is a warning; the run goes into the local spool).
        warning = precheck(settings, CrawlSpider, publisher=publisher)
        if warning:
            print(f"wiretrace crawl: warning: {warning}", file=sys.stderr, flush=True)
        process = CrawlerProcess(settings)
        crawler = process.create_crawler(CrawlSpider)
        process.crawl(crawler, publisher=publisher)
        process.start()
    finally:
        release_workers()
    stats = crawler.stats.get_stats() if crawler.stats else {}
    why = "the crawler could not start (see the log)" if process.bootstrap_failed else run_verdict(stats, max_errors)
    if why:
        print(f"wiretrace crawl: run failed: {why}", file=sys.stderr, flush=True)
        return 1
    return 0
