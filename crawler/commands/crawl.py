"""``scrapy crawl`` for wiretrace: bad arguments and failed runs give a non-zero exit status.

Scrapy's own ``crawl`` exits 0 when a crawl fails. This one checks spider arguments first (a
spider may define ``check_arguments(settings, **kwargs)``, raising a
:class:`~crawler.exceptions.WiretraceError`), printing one clear line and exiting 2 instead of a
traceback (also for a malformed store URI, a missing bucket, refused credentials, a spool that
cannot be written: :func:`~crawler.storage.preflight`, or a lineage index built with other
fingerprint parameters), and exits 1 when the run's verdict (``wiretrace/run/status``) is
``failed``. A store that is only unreachable is a warning: the run goes on into the local spool
(and exits 1 if the store is still down when it ends).

The cleaning workers are started first (:func:`crawler.run.prestart_workers`), so they warm up
while the checks run and Scrapy builds the crawl, instead of after the spider opens.
"""

from __future__ import annotations

import argparse
import sys

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.exceptions import UsageError

from crawler.exceptions import WiretraceError
from crawler.run import precheck, prestart_workers, release_workers


class Command(ScrapyCrawlCommand):
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1:
            raise UsageError("give exactly one spider name, e.g. `scrapy crawl replay -a path=seeds`")
        assert self.crawler_process and self.settings is not None
        try:
            spidercls = self.crawler_process.spider_loader.load(args[0])
        except KeyError:
            raise UsageError(f"no spider named {args[0]!r}; `scrapy list` shows them") from None
        prestart_workers(self.settings)
        try:
            self._crawl(spidercls, opts)
        finally:
            release_workers()

    def _crawl(self, spidercls: type, opts: argparse.Namespace) -> None:
        assert self.crawler_process and self.settings is not None
        try:
            warning = precheck(self.settings, spidercls, **opts.spargs)
        except WiretraceError as exc:
            print(f"wiretrace: error: {exc}", file=sys.stderr)
            self.exitcode = 2
            return
        if warning:
            print(f"wiretrace: warning: {warning}", file=sys.stderr)
        crawler = self._create_crawler(spidercls)
        self.crawler_process.crawl(crawler, **opts.spargs)
        self.crawler_process.start()
        if self.crawler_process.bootstrap_failed or crawler.stats.get_value("wiretrace/run/status") == "failed":
            self.exitcode = 1
