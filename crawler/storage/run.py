"""STORE: one run's output, ``runs/<run_id>/`` in a store.

Articles are appended to the run's local spool folder as they pass (so a run that dies keeps what
it had). When the run ends, :meth:`RunWriter.finish` writes ``articles.jsonl.gz``,
``lineage.jsonl`` and ``manifest.json`` into that folder, then uploads every file of the folder
(also files other stages put there, e.g. ``raw.warc.gz``), the manifest last, so a run without a
manifest is visibly incomplete. If the store fails, the folder stays in the spool and
:func:`~crawler.storage.spool.flush_spool` uploads it later (see :mod:`crawler.storage.spool`).
"""

from __future__ import annotations

import json
import os
import secrets
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable

from crawler.exceptions import SpoolError, StoreError
from crawler.storage.base import Store
from crawler.storage.spool import (ARTICLES, ARTICLES_GZ, LINEAGE, SpoolFolder, gzip_lines, spool_error, wait_for_file,
                                   write_atomic)

__all__ = ["RunWriter", "new_run_id"]


def new_run_id(now: datetime | None = None) -> str:
    """A sortable, unique run id: ``20250823T101500Z-1a2b3c``."""
    now = now or datetime.now(timezone.utc)
    return now.strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(3)


class RunWriter:
    """Collects one run's articles in its spool folder and writes the run layout to a store.

    Args:
        store: where ``runs/<run_id>/`` goes.
        spool_dir: the spool (``<state>/spool``); this run's folder is ``spool_dir/<run_id>/``.
        run_id: the run id (new when None).
        hold_manifest: test hook only: before uploading the manifest, create ``<hold_manifest>.waiting``
            and wait until the file ``hold_manifest`` exists (lets a test stop the store between two
            uploads). None in every real run.

    Raises:
        SpoolError: the spool folder cannot be created.
    """

    def __init__(self, store: Store, spool_dir: str | Path, run_id: str | None = None,
                 hold_manifest: str | None = None) -> None:
        self.store = store
        self.run_id = run_id or new_run_id()
        self.started = datetime.now(timezone.utc).isoformat(timespec="seconds")
        self.folder = SpoolFolder.create(Path(spool_dir), self.run_id)
        #: the live article spool; other stages may add files beside it (``spool.parent``)
        self.spool = self.folder.file(ARTICLES)
        try:
            self._fd = os.open(self.spool, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        except OSError as exc:
            self.folder.unlock()
            raise spool_error(self.spool, exc) from exc
        self._hold = Path(hold_manifest) if hold_manifest else None
        self.articles = 0

    @property
    def prefix(self) -> str:
        """The run's key prefix in the store."""
        return f"runs/{self.run_id}/"

    def add_article(self, article: dict[str, Any]) -> None:
        """Append one cleaned article to the spool (written through, so a killed run keeps it).

        Raises:
            SpoolError: the spool cannot be written (disk full…); the spool is left as it was.
        """
        line = (json.dumps(article, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")
        start = os.lseek(self._fd, 0, os.SEEK_END)
        try:
            view = memoryview(line)
            while view:
                view = view[os.write(self._fd, view):]
        except OSError as exc:
            try:
                os.ftruncate(self._fd, start)  # no half line left behind
            except OSError:
                pass
            raise spool_error(self.spool, exc) from exc
        self.articles += 1

    def finish(self, lineage: Iterable[dict[str, Any]], manifest: dict[str, Any]) -> str:
        """Write the run's files into its spool folder, then upload them (manifest last).

        Returns:
            The run's location in the store.

        Raises:
            StoreError: the store could not be written; the run stays in the spool, marked pending.
            SpoolError: the spool could not be written; ``articles.jsonl`` stays and is recovered
                by the next flush.
        """
        try:
            try:
                os.fsync(self._fd)
            finally:
                os.close(self._fd)
            kept, _ = gzip_lines(self.spool, self.folder.file(ARTICLES_GZ))
            rows = "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in lineage).encode("utf-8")
            write_atomic(self.folder.file(LINEAGE), lambda fh: fh.write(rows))
            manifest = {"run_id": self.run_id, "started": self.started,
                        "finished": datetime.now(timezone.utc).isoformat(timespec="seconds"), **manifest}
            manifest["counts"] = {**manifest.get("counts", {}), "articles": kept}
            self.folder.write_manifest(manifest)
            hold = (lambda: wait_for_file(self._hold)) if self._hold else None  # type: ignore[arg-type]
            try:
                self.folder.upload(self.store, self.prefix, before_manifest=hold)
            except StoreError as exc:
                self.folder.mark_pending(str(exc))
                raise StoreError(f"{exc}; the run is kept in {self.folder.path} and the next run "
                                 "(or `wiretrace flush`) uploads it") from None
            self.folder.remove()
        except OSError as exc:
            raise SpoolError(f"cannot finish the spool {self.folder.path}: {exc.strerror or exc}") from exc
        finally:
            self.folder.unlock()
        return self.store.uri.rstrip("/") + "/" + self.prefix
