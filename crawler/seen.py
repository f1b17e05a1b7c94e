"""FETCH: the seen-store of live crawls, so cron runs are incremental (Scrapy-free).

A SQLite file under ``WIRETRACE_STATE_DIR`` (``seen.sqlite``) remembers every article URL a live
crawl has *stored*, with the validators of the response (``ETag``, ``Last-Modified``), the SHA-256
of the raw body and of the cleaned text, and whether the publisher is a wire agency. The next run
skips a seen article page without a request, except wire-agency originals younger than the
re-check window, which are fetched again with a conditional GET (``If-None-Match`` /
``If-Modified-Since``) so an update becomes a new version. Feeds and sitemaps are never recorded:
they are read on every run. Replays do not use the seen-store.

A URL is recorded only after its article reached the run's spool, so a killed run fetches again
whatever it had not stored. The spool write and the record are two writes; a run killed between
them leaves an article in its spool that the seen-store does not know, so the next run first
adopts the articles of leftover spools (:meth:`SeenStore.adopt_spools`): nothing is fetched and
stored twice.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

__all__ = ["SeenEntry", "SeenStore"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS seen (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    sha256 TEXT,
    text_sha256 TEXT,
    first_seen TEXT NOT NULL,
    last_checked TEXT NOT NULL,
    is_wire INTEGER NOT NULL DEFAULT 0,
    versions INTEGER NOT NULL DEFAULT 1
)
"""


def _now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass(frozen=True)
class SeenEntry:
    """What the seen-store knows of one article URL.

    Attributes:
        url: the article URL (as requested, and as finally fetched after redirects).
        etag: the ``ETag`` of the stored response, or None.
        last_modified: its ``Last-Modified`` header, as sent, or None.
        sha256: SHA-256 (hex) of the raw body stored.
        text_sha256: SHA-256 (hex) of the cleaned text stored, or None.
        first_seen: when it was first stored, ISO 8601 UTC.
        last_checked: when it was last fetched or confirmed unchanged, ISO 8601 UTC.
        is_wire: whether its publisher is a wire agency (originals are re-checked for updates).
        versions: how many versions were stored.
    """

    url: str
    etag: str | None
    last_modified: str | None
    sha256: str | None
    text_sha256: str | None
    first_seen: str
    last_checked: str
    is_wire: bool
    versions: int

    def recheck(self, window_hours: float, now: datetime | None = None) -> bool:
        """Whether the article is a wire original still inside its re-check window."""
        if not self.is_wire:
            return False
        first = datetime.fromisoformat(self.first_seen)
        return (now or _now()) - first < timedelta(hours=window_hours)


class SeenStore:
    """The seen-store (SQLite); one writer at a time, like the lineage index.

    Args:
        path: the database file (created with its folder when missing).
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(self.path), timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute(_SCHEMA)
        self._db.commit()

    def get(self, url: str) -> SeenEntry | None:
        """The entry for ``url``, or None when it was never stored."""
        row = self._db.execute(
            "SELECT url, etag, last_modified, sha256, text_sha256, first_seen, last_checked, is_wire, versions"
            " FROM seen WHERE url=?", (url,)).fetchone()
        if row is None:
            return None
        return SeenEntry(*row[:7], is_wire=bool(row[7]), versions=int(row[8]))

    def mark(self, urls: list[str], *, etag: str | None, last_modified: str | None, sha256: str | None,
             text_sha256: str | None, is_wire: bool, now: datetime | None = None) -> None:
        """Record that the article at ``urls`` (requested and final URL) was stored.

        A URL already present keeps its ``first_seen``; a different ``sha256`` counts a new version.

        Args:
            urls: every URL the article answers to (duplicates are fine).
            etag: the response's ``ETag``.
            last_modified: the response's ``Last-Modified``.
            sha256: SHA-256 of the raw body.
            text_sha256: SHA-256 of the cleaned text.
            is_wire: whether the publisher is a wire agency.
            now: the time to record (UTC now by default).
        """
        stamp = (now or _now()).isoformat(timespec="seconds")
        with self._db:
            for url in dict.fromkeys(urls):
                self._db.execute(
                    "INSERT INTO seen (url, etag, last_modified, sha256, text_sha256, first_seen, last_checked,"
                    " is_wire) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(url) DO UPDATE SET etag=excluded.etag,"
                    " last_modified=excluded.last_modified, last_checked=excluded.last_checked,"
                    " is_wire=excluded.is_wire, text_sha256=excluded.text_sha256,"
                    " versions=versions + (sha256 IS NOT excluded.sha256), sha256=excluded.sha256",
                    (url, etag, last_modified, sha256, text_sha256, stamp, stamp, int(is_wire)))

    def adopt_spools(self, spool_dir: str | Path, exclude: str | None = None) -> int:
        """Record the articles of runs that died before finishing (their spools are left behind).

        Args:
            spool_dir: the spool folder (``<state>/spool``), one ``<run_id>/articles.jsonl`` per run.
            exclude: a run id to leave alone (the current run).

        Returns:
            How many URLs were newly recorded. A truncated last line (a write cut by the kill) is
            ignored: that article was not stored, and will be fetched again.
        """
        adopted = 0
        for spool in sorted(Path(spool_dir).glob("*/articles.jsonl")):
            if spool.parent.name == exclude:
                continue
            with spool.open(encoding="utf-8", errors="replace") as fh:
                for line in fh:
                    try:
                        article = json.loads(line)
                    except json.JSONDecodeError:
                        continue
                    url = article.get("url") if isinstance(article, dict) else None
                    if not isinstance(url, str) or self.get(url) is not None:
                        continue
                    text = article.get("text") or ""
                    self.mark([url], etag=None, last_modified=None, sha256=None,
                              text_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
                              is_wire=bool(article.get("publisher_wire")))
                    adopted += 1
        return adopted

    def touch(self, url: str, now: datetime | None = None) -> None:
        """Record that ``url`` was checked and found unchanged."""
        with self._db:
            self._db.execute("UPDATE seen SET last_checked=? WHERE url=?",
                             ((now or _now()).isoformat(timespec="seconds"), url))

    def __len__(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM seen").fetchone()[0])

    def close(self) -> None:
        """Close the database."""
        self._db.close()
