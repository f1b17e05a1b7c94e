"""RUN: the state one crawl shares between its pipelines and extensions.

:func:`run_of` gives the crawl's :class:`Run`, created on first use from the crawler's settings:
the run writer (store + local spool) and the lineage index.

Settings:
    WIRETRACE_STORE_URI: where runs are written (``file://./data`` by default).
    WIRETRACE_STATE_DIR: local state that outlives a run: lineage index, spool.
    WIRETRACE_LINEAGE_WINDOW_DAYS: how long articles stay in the lineage index.
    WIRETRACE_TEST_HOLD_MANIFEST: test hook only (see :class:`~crawler.storage.RunWriter`).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from scrapy.crawler import Crawler

from crawler.exceptions import ConfigError
from crawler.fingerprint import FingerprintParams
from crawler.lineage import LineageIndex
from crawler.storage import RunWriter, open_store, preflight

__all__ = ["Run", "check_state", "precheck", "prestart_workers", "release_workers", "run_of"]


class Run:
    """One crawl's writer, lineage index and the index ids of the articles it saw."""

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.store_uri = settings.get("WIRETRACE_STORE_URI")
        self.state_dir = Path(settings.get("WIRETRACE_STATE_DIR"))
        self.params = FingerprintParams()
        self.window_days = settings.getfloat("WIRETRACE_LINEAGE_WINDOW_DAYS")
        self.spool_dir = self.state_dir / "spool"
        self.writer = RunWriter(open_store(self.store_uri), self.spool_dir,
                                hold_manifest=settings.get("WIRETRACE_TEST_HOLD_MANIFEST") or None)
        self.index = LineageIndex.open(self.state_dir / "lineage.sqlite", self.params, self.window_days)
        self.pruned = self.index.prune()
        self.doc_ids: dict[int, str] = {}

    @property
    def run_id(self) -> str:
        return self.writer.run_id

    def settings_summary(self) -> dict[str, Any]:
        """The settings recorded in the manifest."""
        return {"store_uri": self.store_uri, "state_dir": str(self.state_dir),
                "lineage_window_days": self.window_days, "fingerprint": self.params.manifest()}


def check_state(settings: Any) -> None:
    """Check, before any request, that the run's local state can be used.

    Raises:
        IndexMismatchError: the lineage index was built with other fingerprint parameters.
        ConfigError: the state folder cannot be created.
    """
    state = Path(settings.get("WIRETRACE_STATE_DIR"))
    try:
        state.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"cannot create the state folder {state} ({exc.strerror}); "
                          f"set WIRETRACE_STATE_DIR to a writable folder") from None
    LineageIndex.open(state / "lineage.sqlite", FingerprintParams(),
                      settings.getfloat("WIRETRACE_LINEAGE_WINDOW_DAYS")).close()


def precheck(settings: Any, spidercls: type, **spider_args: Any) -> str | None:
    """Everything checked before a crawl sends any request (``scrapy crawl`` and ``wiretrace crawl``).

    Checks the local state (:func:`check_state`), ``WIRETRACE_FINGERPRINT_IN``, the spider's
    arguments (its ``check_arguments``, when it has one), the store and the spool
    (:func:`~crawler.storage.preflight`).

    Returns:
        A warning to print (the store is unreachable: the run will go into the spool), or None.

    Raises:
        WiretraceError: a configuration error; the crawl must not start.
    """
    check_state(settings)
    if _cleans(settings):
        from crawler.work import worker_plan

        worker_plan(settings)
    check = getattr(spidercls, "check_arguments", None)
    if check:
        check(settings, **spider_args)
    _, warning = preflight(settings.get("WIRETRACE_STORE_URI"), Path(settings.get("WIRETRACE_STATE_DIR")) / "spool")
    return warning  # type: ignore[no-any-return]


def _cleans(settings: Any) -> bool:
    """Whether the crawl has the clean stage (and so its workers and their settings)."""
    return settings.getwithbase("ITEM_PIPELINES").get("crawler.pipelines.CleanPipeline") is not None


def prestart_workers(settings: Any) -> None:
    """Start the cleaning workers before the crawler is built, when the clean stage is enabled.

    The crawl commands call this first, so that the workers warm up while the checks run and
    Scrapy builds the crawl (:func:`crawler.work.prestart`), and :func:`release_workers` when
    the crawl is over.
    """
    if _cleans(settings):
        from crawler import work  # not at import: every scrapy command imports this module

        try:
            workers, fingerprints = work.worker_plan(settings)
        except ConfigError:
            return  # precheck reports it and stops the crawl
        work.prestart(workers, fingerprints)


def release_workers() -> None:
    """Stop workers :func:`prestart_workers` started that no crawl claimed."""
    work = sys.modules.get("crawler.work")
    if work is not None:
        work.release()


def run_of(crawler: Crawler) -> Run:
    """The :class:`Run` of ``crawler`` (created on first call)."""
    run = getattr(crawler, "_wiretrace_run", None)
    if run is None:
        run = Run(crawler)
        crawler._wiretrace_run = run  # type: ignore[attr-defined]
    return run
