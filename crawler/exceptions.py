"""One exception hierarchy for wiretrace.

Every error a wiretrace library call raises is a :class:`WiretraceError`, so callers can catch
the family in one place. Each subclass says when and where it is raised; messages say what to do.
This module imports nothing, so every layer (Scrapy-free or not) can use it.
"""

__all__ = [
    "ConfigError",
    "DiscoveryError",
    "ExtractionError",
    "IndexMismatchError",
    "InputError",
    "SpoolError",
    "StoreError",
    "WiretraceError",
    "WorkerCrashed",
]


class WiretraceError(Exception):
    """Base class of every error raised by wiretrace."""


class ConfigError(WiretraceError):
    """A setting, URI or sources file is invalid. Raised before any crawling starts."""


class InputError(WiretraceError):
    """An input path or file cannot be used (missing, unreadable, over the size cap).

    Raised by the replay spider when it lists its inputs.
    """


class DiscoveryError(InputError):
    """A sitemap or feed that cannot be read (malformed, not a sitemap, broken gzip, too large).

    Raised by ``crawler.discovery`` while a live crawl reads its listings; ``reason`` names the
    case in one word for stats. The crawl logs it and goes on with the other listings.
    """

    def __init__(self, message: str, reason: str = "malformed") -> None:
        super().__init__(message)
        self.reason = reason


class ExtractionError(WiretraceError):
    """``cleaners.clean`` could not produce an article from the content it was given.

    Raised for binary content, empty bodies, oversized input, pages with no article text and
    pages that are not articles (section fronts, galleries, video pages); the message says why
    and ``reason`` names the case in one word (``binary``, ``empty``, ``too_large``,
    ``no_text``, ``not_article``) for stats.
    """

    def __init__(self, message: str, reason: str = "no_text") -> None:
        super().__init__(message)
        self.reason = reason


class StoreError(WiretraceError):
    """A store (``file://`` or ``s3://``) could not read or write an object.

    Raised by the store backends and :class:`~crawler.storage.RunWriter`; a run whose upload
    fails keeps its files in the local spool and the next run (or ``wiretrace flush``) uploads them.
    """


class SpoolError(StoreError):
    """The local spool (``<state>/spool/``) cannot be written: disk full, permissions, a file in the way.

    Raised by :class:`~crawler.storage.RunWriter`; the crawl stops early rather than drop articles.
    """


class IndexMismatchError(WiretraceError):
    """A saved lineage index was built with other fingerprint parameters than the running code.

    Raised when the index is opened; querying it would silently find nothing, so it is refused.
    """


class LineageError(WiretraceError):
    """The lineage index cannot take what it is asked to hold (e.g. more articles than it can number)."""


class WorkerCrashed(WiretraceError):
    """A cleaning worker process died while handling an article (killed, out of memory, crashed).

    Raised by :class:`crawler.work.WorkerPool`; the pool has already been restarted, so only the
    articles in flight are lost (the pipeline drops them with a stat); refetch or replay them.
    """
