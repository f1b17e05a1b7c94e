"""STORE: one run's output, ``runs/<run_id>/`` in a store.

Articles are appended to a local spool file as they pass (so a run that dies keeps what it had);
when the run ends, :meth:`RunWriter.finish` uploads ``articles.jsonl.gz``, ``lineage.jsonl`` and,
last, ``manifest.json``, so a run without a manifest is visibly incomplete.
"""

from __future__ import annotations

import gzip
import json
import os
import secrets
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable

from crawler.storage.base import Store

__all__ = ["RunWriter", "new_run_id"]


def new_run_id(now: datetime | None = None) -> str:
    """A sortable, unique run id: ``20250823T101500Z-1a2b3c``."""
    now = now or datetime.now(timezone.utc)
    return now.strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(3)


def _jsonl(rows: Iterable[dict[str, Any]]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in rows).encode("utf-8")


class RunWriter:
    """Collects one run's articles and writes the run layout to a store.

    Args:
        store: where ``runs/<run_id>/`` goes.
        spool_dir: local folder for the article spool of this run.
        run_id: the run id (new when None).
    """

    def __init__(self, store: Store, spool_dir: str | Path, run_id: str | None = None) -> None:
        self.store = store
        self.run_id = run_id or new_run_id()
        self.started = datetime.now(timezone.utc).isoformat(timespec="seconds")
        self.spool = Path(spool_dir) / self.run_id / "articles.jsonl"
        self.spool.parent.mkdir(parents=True, exist_ok=True)
        self._fh = self.spool.open("a", encoding="utf-8")
        self.articles = 0

    @property
    def prefix(self) -> str:
        """The run's key prefix in the store."""
        return f"runs/{self.run_id}/"

    def add_article(self, article: dict[str, Any]) -> None:
        """Append one cleaned article to the spool (flushed, so a killed run keeps it)."""
        self._fh.write(json.dumps(article, ensure_ascii=False, sort_keys=True) + "\n")
        self._fh.flush()
        self.articles += 1

    def finish(self, lineage: Iterable[dict[str, Any]], manifest: dict[str, Any]) -> str:
        """Upload articles, lineage and manifest (last); returns the run's location.

        Raises:
            StoreError: the store could not be written; the spool is kept.
        """
        self._fh.close()
        self.store.put(self.prefix + "articles.jsonl.gz", gzip.compress(self.spool.read_bytes(), mtime=0))
        # ARCHIVE (issue 5): the raw WARC the crawl wrote beside the spool, before the manifest.
        raw = self.spool.parent / "raw.warc.gz"
        if raw.exists():
            self.store.put(self.prefix + raw.name, raw.read_bytes())
        self.store.put(self.prefix + "lineage.jsonl", _jsonl(lineage))
        manifest = {"run_id": self.run_id, "started": self.started,
                    "finished": datetime.now(timezone.utc).isoformat(timespec="seconds"), **manifest}
        self.store.put(self.prefix + "manifest.json",
                       json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False).encode("utf-8"))
        os.unlink(self.spool)
        if raw.exists():
            os.unlink(raw)
        self.spool.parent.rmdir()
        return self.store.uri.rstrip("/") + "/" + self.prefix
