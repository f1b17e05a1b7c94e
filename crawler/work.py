"""CLEAN + FINGERPRINT off the reactor: the per-article work that worker processes do.

Scrapy-free. Scrapy's reactor is one thread, so cleaning (trafilatura, line rules, language id)
and fingerprinting (MinHash) in a pipeline cap a crawl at one core. :func:`clean_article` cleans
one page, fingerprints it when asked (:func:`fingerprint_in_workers` says where fingerprinting
goes) and returns plain, picklable data; :class:`~crawler.pool.WorkerPool` runs it in
worker processes from the crawl's event loop, with a bound on work in flight. Workers are warmed
on start by :func:`warm_up` (imports, trafilatura's first page, the language model: 0.6–0.8 s a
worker once the model is in its cache, :mod:`cleaners.language`), so the first pages do not pay
for it.
"""

from __future__ import annotations

import os
import time
from dataclasses import asdict, dataclass, field
from functools import partial
from typing import Any

from cleaners import clean
from crawler.exceptions import ConfigError, ExtractionError
from crawler.fingerprint import Fingerprint, FingerprintParams, fingerprint
from crawler.lineage.verify import Text
from crawler.pool import WorkerPool

__all__ = ["Cleaned", "WorkerPool", "clean_article", "clean_pool", "fingerprint_in_workers", "prestart", "release",
           "warm_up", "worker_plan"]

#: Item fields copied from :class:`cleaners.CleanResult` as they are.
_FIELDS = ("title", "byline", "text", "published", "published_raw", "language", "canonical_url")
_EXTRA = ("section", "dateline", "modified", "modified_raw", "correction", "content_kind", "encoding", "dropped")
#: A page every worker cleans when it starts. It is marked as an article and long enough for
#: trafilatura's fast pass, so jusText's stoplists (0.2 s) load only if a page needs the fallbacks.
_WARM_PAGE = ("<html><head><meta property='og:type' content='article'></head><body><article>"
              "<p>GENEVA, Aug 23 (Reuters) - Delegates from forty countries met on Saturday to agree a common "
              "text on shipping emissions, officials said.</p><p>The draft sets a levy on every tonne of fuel "
              "burnt by ships over 5,000 tonnes, with the money going to ports in poorer countries.</p>"
              "<p>The talks continue next week in London, where the shipping agency of the United Nations "
              "has its seat.</p></article></body></html>").encode()


@dataclass(frozen=True)
class Cleaned:
    """What :func:`clean_article` returns: the item's cleaned fields and fingerprint, or why not.

    Attributes:
        fields: ``ArticleItem`` field values (title, text, authors, wire, extra…); empty on error.
        fingerprint: the fingerprint of ``fields["text"]``, or None on error or when the worker
            was not asked to fingerprint.
        prepared: ``fields["text"]`` as fingerprinted (its tokens with their offsets, shingle
            hashes and fact terms), so that the lineage index in the crawl process does not
            tokenise it again; None when ``fingerprint`` is. Views only verification needs
            (terms, sentences) are left to be computed there, if ever.
        encoding: the character encoding the body was decoded with.
        reason: one-word reason when there is no article (``binary``, ``empty``, ``no_text``…).
        error: the message saying why there is no article.
        pid: the process that did the work.
    """

    fields: dict[str, Any]
    fingerprint: Fingerprint | None = None
    prepared: Text | None = None
    encoding: str | None = None
    reason: str | None = None
    error: str | None = None
    pid: int = field(default_factory=os.getpid)


#: Test hook only: seconds each page waits in a worker, so that a test can kill a worker while it
#: holds a page (a page takes milliseconds otherwise).
_TEST_DELAY = float(os.environ.get("WIRETRACE_TEST_CLEAN_DELAY") or 0)

def clean_article(body: bytes, url: str, content_type: str | None, params: FingerprintParams | None) -> Cleaned:
    """Clean one fetched page and fingerprint its text (the work one worker process does).

    Args:
        body: the page as fetched.
        url: where it was fetched.
        content_type: the HTTP ``Content-Type``, if known.
        params: the lineage index's fingerprint parameters; None: clean only (the crawl process
            fingerprints, see :func:`fingerprint_in_workers`).

    Returns:
        The cleaned fields and fingerprint; on :class:`~crawler.exceptions.ExtractionError`, a
        :class:`Cleaned` with ``reason`` and ``error`` set instead (exceptions with extra
        attributes do not survive the trip between processes).
    """
    if _TEST_DELAY:
        time.sleep(_TEST_DELAY)
    try:
        result = clean(body, url=url, content_type=content_type)
    except ExtractionError as exc:
        return Cleaned(fields={}, reason=exc.reason, error=str(exc))
    fields: dict[str, Any] = {k: getattr(result, k) for k in _FIELDS}
    fields["authors"] = [asdict(a) for a in result.authors]
    fields["wire"] = {"service": result.wire.service, "credited": result.wire.credited,
                      "evidence": result.wire.evidence, "kinds": result.wire.kinds}
    fields["extra"] = {k: getattr(result, k) for k in _EXTRA}
    if params is None:
        return Cleaned(fields=fields, encoding=result.encoding)
    text = Text(result.text, params.shingle_size)
    return Cleaned(fields=fields, fingerprint=fingerprint(text, params), prepared=text,
                   encoding=result.encoding)


def fingerprint_in_workers(where: str, workers: int) -> bool:
    """Whether the workers fingerprint (else the crawl process does), from ``WIRETRACE_FINGERPRINT_IN``.

    ``auto`` puts fingerprinting (about 1.3 ms a page) where there is spare CPU: with one worker
    the worker is the slower stage (cleaning ~10 ms a page against the crawl process's ~6) and
    the crawl process has time to spare, so the crawl process fingerprints, and no prepared text
    crosses the pipe. With two or more workers the crawl process becomes the slower stage, so the
    workers do it. The results are the same either way.

    Raises:
        ConfigError: ``where`` is not ``auto``, ``workers`` or ``crawl``.
    """
    choice = where.strip().lower()
    if choice not in ("auto", "workers", "crawl"):
        raise ConfigError(f"WIRETRACE_FINGERPRINT_IN is {where!r}; use auto, workers or crawl")
    return workers > 0 and (choice == "workers" or (choice == "auto" and workers >= 2))


def worker_plan(settings: Any) -> tuple[int, bool]:
    """``(workers, whether they fingerprint)`` from a crawl's settings (``WIRETRACE_CLEAN_WORKERS``,
    ``WIRETRACE_FINGERPRINT_IN``; any object with Scrapy's ``get``/``getint``).

    Raises:
        ConfigError: ``WIRETRACE_FINGERPRINT_IN`` has an unknown value.
    """
    workers = settings.getint("WIRETRACE_CLEAN_WORKERS")
    return workers, fingerprint_in_workers(settings.get("WIRETRACE_FINGERPRINT_IN", "auto"), workers)


def warm_up(fingerprints: bool = True) -> None:
    """Worker initializer: pay for imports and models (trafilatura, the language model, datasketch
    when ``fingerprints``) before the first page."""
    clean_article(_WARM_PAGE, "warm.html", "text/html", FingerprintParams() if fingerprints else None)


#: Workers started by :func:`prestart`, waiting for the crawl's clean stage to claim them.
_waiting: WorkerPool | None = None


def prestart(workers: int, fingerprints: bool = True) -> None:
    """Start the cleaning workers now, so that they warm up while Scrapy builds the crawl.

    A worker takes 0.8–1 s of CPU to start (imports, trafilatura's first page, the language
    model from its cache; 1.6 s without it); started when the spider opens, it makes the first
    pages wait for it. The crawl command calls this before it creates the crawler. Workers
    nobody claims (:func:`clean_pool`) are stopped by :func:`release`. ``fingerprints``: whether
    they will fingerprint (their warm-up then imports datasketch too).
    """
    global _waiting
    if workers > 0 and _waiting is None:
        _waiting = WorkerPool(workers, initializer=partial(warm_up, fingerprints))
        _waiting.start()


def clean_pool(workers: int, fingerprints: bool = True) -> tuple[WorkerPool, bool]:
    """The pool for the clean stage, and whether it is the pre-started one (when it has ``workers`` workers)."""
    global _waiting
    pool, _waiting = _waiting, None
    if pool is not None and pool.workers == workers:
        return pool, True
    if pool is not None:
        pool.close(kill=True)
    return WorkerPool(workers, initializer=partial(warm_up, fingerprints)), False


def release() -> None:
    """Stop pre-started workers that no crawl claimed."""
    global _waiting
    if _waiting is not None:
        _waiting.close(kill=True)
        _waiting = None
