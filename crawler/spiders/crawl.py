"""DISCOVER: one crawl running every discovery method of the selected publishers (what cron runs).

``scrapy crawl crawl [-a publisher=NAME] [-a sources=FILE]`` (or ``wiretrace crawl``) reads the
feeds and sitemaps and follows the start URLs of every publisher in the sources file (or just
``NAME``) in one crawl, so one politeness budget, one seen-store pass and one run cover them all.
An article listed by several methods is fetched once (Scrapy's duplicate filter); the evidence of
the first listing to reach it is kept.
"""

from __future__ import annotations

from crawler.publishers import METHODS
from crawler.spiders.feeds import FeedsSpider
from crawler.spiders.site import SiteSpider
from crawler.spiders.sitemaps import SitemapsSpider

__all__ = ["CrawlSpider"]


class CrawlSpider(FeedsSpider, SitemapsSpider, SiteSpider):
    """Every discovery method at once; see the module docstring."""

    name = "crawl"
    methods = METHODS
