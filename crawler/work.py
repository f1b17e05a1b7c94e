"""CLEAN + FINGERPRINT off the reactor: the per-article work and the process pool that runs it.

Scrapy-free. Scrapy's reactor is one thread, so cleaning (trafilatura, line rules, language id)
and fingerprinting (MinHash) in a pipeline cap a crawl at one core. :func:`clean_article` does
both for one page and returns plain, picklable data; :class:`WorkerPool` runs it in worker
processes from asyncio code (the crawl's event loop), with a bound on work in flight.

Workers are started with ``spawn`` (forking a process that runs a reactor and threads is
unsafe) and warmed on start (imports, trafilatura, the language model: about a second each), so
the first pages do not pay for it. A worker that dies breaks the whole ``ProcessPoolExecutor``:
the pool is replaced at once, the articles that were in flight fail with
:class:`~crawler.exceptions.WorkerCrashed`, and the following ones go to the new workers.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import multiprocessing.connection
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field
from typing import Any, Callable, TypeVar

from cleaners import clean
from crawler.exceptions import ExtractionError, WorkerCrashed
from crawler.fingerprint import Fingerprint, FingerprintParams, fingerprint

__all__ = ["Cleaned", "WorkerPool", "clean_article"]

T = TypeVar("T")

#: Item fields copied from :class:`cleaners.CleanResult` as they are.
_FIELDS = ("title", "byline", "text", "published", "published_raw", "language", "canonical_url")
_EXTRA = ("section", "dateline", "modified", "modified_raw", "correction", "content_kind", "encoding", "dropped")
_WARM_TEXT = ("GENEVA, Aug 23 (Reuters) - Delegates from forty countries met on Saturday to agree a common "
              "text on shipping emissions, officials said.\n\nThe talks continue next week.")


@dataclass(frozen=True)
class Cleaned:
    """What :func:`clean_article` returns: the item's cleaned fields and fingerprint, or why not.

    Attributes:
        fields: ``ArticleItem`` field values (title, text, authors, wire, extra…); empty on error.
        fingerprint: the fingerprint of ``fields["text"]``, or None on error.
        encoding: the character encoding the body was decoded with.
        reason: one-word reason when there is no article (``binary``, ``empty``, ``no_text``…).
        error: the message saying why there is no article.
        pid: the process that did the work.
    """

    fields: dict[str, Any]
    fingerprint: Fingerprint | None = None
    encoding: str | None = None
    reason: str | None = None
    error: str | None = None
    pid: int = field(default_factory=os.getpid)


def clean_article(body: bytes, url: str, content_type: str | None, params: FingerprintParams) -> Cleaned:
    """Clean one fetched page and fingerprint its text (the work one worker process does).

    Args:
        body: the page as fetched.
        url: where it was fetched.
        content_type: the HTTP ``Content-Type``, if known.
        params: the lineage index's fingerprint parameters.

    Returns:
        The cleaned fields and fingerprint; on :class:`~crawler.exceptions.ExtractionError`, a
        :class:`Cleaned` with ``reason`` and ``error`` set instead (exceptions with extra
        attributes do not survive the trip between processes).
    """
    try:
        result = clean(body, url=url, content_type=content_type)
    except ExtractionError as exc:
        return Cleaned(fields={}, reason=exc.reason, error=str(exc))
    fields: dict[str, Any] = {k: getattr(result, k) for k in _FIELDS}
    fields["authors"] = [asdict(a) for a in result.authors]
    fields["wire"] = {"service": result.wire.service, "credited": result.wire.credited,
                      "evidence": result.wire.evidence, "kinds": result.wire.kinds}
    fields["extra"] = {k: getattr(result, k) for k in _EXTRA}
    return Cleaned(fields=fields, fingerprint=fingerprint(result.text, params),
                   encoding=result.encoding)


def _exit_with_parent(sentinel: int) -> None:
    multiprocessing.connection.wait([sentinel])
    os._exit(0)


def _init_worker() -> None:
    """Worker initializer: die with the crawl, and pay for imports and models before the first page.

    A worker holds both ends of the executor's queues, so it never sees the crawl process die;
    without the watchdog a crawl killed with SIGKILL would leave its workers running.
    """
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_with_parent, args=(parent.sentinel,), daemon=True).start()
    clean_article(f"<html><body><article><p>{_WARM_TEXT}</p></article></body></html>".encode(), "warm.html",
                  "text/html", FingerprintParams())


def _ready() -> bool:
    return True


class WorkerPool:
    """Runs functions in worker processes from asyncio code, or inline when ``workers`` is 0.

    Args:
        workers: worker processes; 0 runs every call inline in the calling thread.
        max_in_flight: calls submitted to the workers at once; further callers wait (default
            twice the workers), so pending work never piles up inside the executor.

    Attributes:
        crashes: how many times a dead worker broke the pool (each time it was replaced).
        in_flight, peak_in_flight: calls submitted and not finished, now and at most.
    """

    def __init__(self, workers: int, max_in_flight: int | None = None) -> None:
        if workers < 0:
            raise ValueError("workers must be >= 0")
        self.workers = workers
        self.max_in_flight = max_in_flight or 2 * max(workers, 1)
        self.crashes = 0
        self.in_flight = 0
        self.peak_in_flight = 0
        self._pool: ProcessPoolExecutor | None = None
        self._slots: asyncio.Semaphore | None = None

    def start(self) -> None:
        """Start and warm the workers (returns at once; warming goes on in the workers)."""
        if self.workers and self._pool is None:
            self._pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_init_worker)
        for _ in range(self.workers):  # the executor spawns one process per submit while none is idle
            pool.submit(_ready)
        return pool

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """``fn(*args)`` in a worker (``fn`` and the arguments must pickle), awaited.

        Raises:
            WorkerCrashed: the worker process died during the call (the pool is replaced).
            Exception: whatever ``fn`` raised.
        """
        if not self.workers:
            return fn(*args)
        self.start()
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.max_in_flight)
        async with self._slots:
            pool = self._pool
            assert pool is not None
            self.in_flight += 1
            self.peak_in_flight = max(self.peak_in_flight, self.in_flight)
            try:
                return await asyncio.wrap_future(pool.submit(fn, *args))
            except BrokenProcessPool as exc:
                if self._pool is pool:  # the first caller to notice replaces it; the others just fail
                    self.crashes += 1
                    pool.shutdown(wait=False, cancel_futures=True)
                    self._pool = self._new_pool()
                raise WorkerCrashed(f"a worker process died while running {getattr(fn, '__name__', fn)} "
                                    f"({exc}); the pool was restarted") from None
            finally:
                self.in_flight -= 1

    def close(self) -> None:
        """Stop the workers (waits for calls in flight)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
