"""STORE: the local spool, where a run's files wait until the store has them (Scrapy-free).

Every run has a folder ``<spool>/<run_id>/`` on local disk::

    .lock               held (``flock``) by the live run, and by a flush working on the folder
    articles.jsonl      one article per line, appended as articles pass
    articles.jsonl.gz   ┐
    lineage.jsonl       │ written when the run ends, then uploaded to runs/<run_id>/ in this order
    raw.warc.gz, …      │ (any other file in the folder goes too, under the same name)
    manifest.json       ┘ last, so a run without a manifest in the store is visibly incomplete
    .pending            why the last upload failed (JSON), for people reading the folder

The folder is deleted only after its manifest is in the store. A folder nobody holds the lock of
is *pending*: :func:`flush_spool` (called when a run starts, and by ``wiretrace flush``) uploads
it. A pending folder without ``manifest.json`` was left by a run that was killed: its articles are
uploaded as that run's ``articles.jsonl.gz`` with a manifest of status ``incomplete`` and
finish reason ``killed``, so nothing it had processed is lost. Uploads are idempotent: the same
keys every time, and an object already in the store with the same sha256 is not sent again.
"""

from __future__ import annotations

import fcntl
import gzip
import json
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Any, Callable

from crawler.exceptions import ConfigError, SpoolError, StoreError
from crawler.storage.base import Store, file_sha256, open_store

__all__ = ["FlushReport", "FlushedRun", "SpoolFolder", "flush_spool", "gzip_lines", "preflight", "wait_for_file",
           "write_atomic"]

ARTICLES = "articles.jsonl"
ARTICLES_GZ = "articles.jsonl.gz"
LINEAGE = "lineage.jsonl"
MANIFEST = "manifest.json"
LOCK = ".lock"
PENDING = ".pending"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def spool_error(path: Path, exc: OSError) -> SpoolError:
    """The error for a spool that cannot be written, saying what to do."""
    return SpoolError(f"cannot write the spool {path}: {exc.strerror or exc}; free disk space or point "
                      "WIRETRACE_STATE_DIR at a writable folder")


def write_atomic(path: Path, fill: Callable[[IO[bytes]], object]) -> None:
    """Write ``path`` by temp file + fsync + rename; ``fill(fh)`` writes the content.

    Raises:
        SpoolError: the file could not be written (the temp file is removed).
    """
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix="." + path.name, suffix=".part")
        with os.fdopen(fd, "wb") as fh:
            fill(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        raise spool_error(path, exc) from exc


def gzip_lines(src: Path, dst: Path) -> tuple[int, int]:
    """Compress the complete JSON lines of ``src`` into ``dst`` (deterministic bytes).

    A line cut short (a run killed mid-write) or not JSON is left out.

    Returns:
        (lines kept, lines left out).
    """
    kept = bad = 0

    def fill(fh: IO[bytes]) -> None:
        nonlocal kept, bad
        with gzip.GzipFile(filename="", mode="wb", fileobj=fh, mtime=0) as gz, open(src, "rb") as lines:
            for line in lines:
                try:
                    if not line.endswith(b"\n"):
                        raise ValueError("cut short")
                    json.loads(line)
                except ValueError:
                    bad += 1
                    continue
                gz.write(line)
                kept += 1

    write_atomic(dst, fill)
    return kept, bad


@dataclass
class FlushedRun:
    """One spool folder uploaded by :func:`flush_spool`."""

    run_id: str
    articles: int
    recovered: bool  #: left by a killed run (no manifest): uploaded as ``incomplete``
    uploaded: int  #: objects sent
    skipped: int  #: objects already in the store with the same sha256


@dataclass
class FlushReport:
    """What :func:`flush_spool` did."""

    flushed: list[FlushedRun] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)  #: run id → error
    busy: list[str] = field(default_factory=list)  #: folders of runs still going

    def lines(self) -> list[str]:
        """Human-readable lines (empty when there was nothing to do)."""
        out = []
        if self.flushed:
            n = len(self.flushed)
            runs = ", ".join(f"{r.run_id} ({r.articles} articles{', recovered from a killed run' if r.recovered else ''})"
                             for r in self.flushed)
            out.append(f"flushed {n} pending run{'s' if n != 1 else ''} from the spool: {runs}")
            out.extend(f"  {r.run_id}: {r.uploaded} object{'s' if r.uploaded != 1 else ''} sent, "
                       f"{r.skipped} already in the store" for r in self.flushed)
        for run_id, error in self.failed.items():
            out.append(f"run {run_id} is still in the spool (upload failed: {error})")
        return out


class SpoolFolder:
    """One run's spool folder and its lock.

    Args:
        path: ``<spool>/<run_id>``.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.run_id = path.name
        self._lock: IO[bytes] | None = None

    @classmethod
    def create(cls, root: Path, run_id: str) -> "SpoolFolder":
        """Make a new folder for a live run, locked before it becomes visible under its name.

        Raises:
            SpoolError: the folder cannot be made.
        """
        tmp = root / f".{run_id}.new"
        try:
            root.mkdir(parents=True, exist_ok=True)
            tmp.mkdir()
            folder = cls(tmp)
            if not folder.try_lock():
                raise OSError(f"{tmp} is locked by another process")
            os.rename(tmp, root / run_id)
        except OSError as exc:
            raise spool_error(root / run_id, exc) from exc
        folder.path, folder.run_id = root / run_id, run_id
        return folder

    def try_lock(self) -> bool:
        """Take the folder's lock without waiting; False if another process holds it."""
        fh = open(self.path / LOCK, "ab")
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.close()
            return False
        self._lock = fh
        return True

    def unlock(self) -> None:
        """Release the lock (closing the file releases the ``flock``)."""
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def file(self, name: str) -> Path:
        return self.path / name

    def manifest(self) -> dict[str, Any] | None:
        """The manifest written when the run ended, None if it never ended (killed)."""
        path = self.file(MANIFEST)
        if not path.is_file():
            return None
        return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]

    def write_manifest(self, manifest: dict[str, Any]) -> None:
        data = json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False).encode("utf-8")
        write_atomic(self.file(MANIFEST), lambda fh: fh.write(data))

    def recover_killed(self) -> dict[str, Any]:
        """Close the run of a killed process: gzip its articles, write an ``incomplete`` manifest.

        Returns:
            The manifest written.
        """
        spool = self.file(ARTICLES)
        kept, bad = gzip_lines(spool, self.file(ARTICLES_GZ)) if spool.is_file() else (0, 0)
        if not self.file(LINEAGE).is_file():
            write_atomic(self.file(LINEAGE), lambda fh: None)
        try:
            started = datetime.strptime(self.run_id[:16], "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)
            started_iso: str | None = started.isoformat(timespec="seconds")
        except ValueError:
            started_iso = None
        last = datetime.fromtimestamp(spool.stat().st_mtime, timezone.utc) if spool.is_file() else None
        manifest = {
            "run_id": self.run_id, "started": started_iso,
            "finished": last.isoformat(timespec="seconds") if last else None,
            "status": "incomplete", "finish_reason": "killed", "recovered": _now(),
            "counts": {"articles": kept, "lines_cut_short": bad, "lineage_rows": 0},
            "note": "the run was killed before it ended; its lineage was not settled (each article's "
                    "'lineage' field is the answer as known when it passed)",
        }
        self.write_manifest(manifest)
        return manifest

    def mark_pending(self, error: str) -> None:
        """Record why the upload failed (best effort: the folder is pending either way)."""
        try:
            data = json.dumps({"error": error, "at": _now()}).encode("utf-8")
            write_atomic(self.file(PENDING), lambda fh: fh.write(data))
        except SpoolError:
            pass

    def upload(self, store: Store, prefix: str, before_manifest: Callable[[], None] | None = None) -> tuple[int, int]:
        """Upload every file of the folder under ``prefix`` (the manifest last).

        The live spool ``articles.jsonl`` and dot files are not uploaded (``articles.jsonl.gz``
        holds the articles).

        Returns:
            (objects sent, objects skipped because the store already had them).

        Raises:
            StoreError: an upload failed; the folder is unchanged.
        """
        files = sorted(p.relative_to(self.path).as_posix() for p in self.path.rglob("*")
                       if p.is_file() and not any(part.startswith(".") for part in p.relative_to(self.path).parts))
        files = [f for f in files if f not in (ARTICLES, MANIFEST)]
        if self.file(MANIFEST).is_file():
            files.append(MANIFEST)
        sent = skipped = 0
        for name in files:
            if name == MANIFEST and before_manifest is not None:
                before_manifest()
            key, path = prefix + name, self.file(name)
            remote = store.digest(key)
            if remote is not None and remote == file_sha256(path):  # hash the file only if there is one
                skipped += 1
                continue
            store.put_file(key, path)
            sent += 1
        return sent, skipped

    def remove(self) -> None:
        """Delete the folder (only once its manifest is in the store)."""
        shutil.rmtree(self.path, ignore_errors=True)


def _articles(manifest: dict[str, Any]) -> int:
    return int(manifest.get("counts", {}).get("articles", 0))


def flush_spool(store: Store, root: str | Path, exclude: str | None = None) -> FlushReport:
    """Upload every pending run folder under ``root`` (runs still going are left alone).

    Args:
        store: where ``runs/<run_id>/`` goes.
        root: the spool (``<state>/spool``).
        exclude: a run id to leave alone (the caller's own run).

    Returns:
        What was flushed, what failed (still pending) and what was busy.
    """
    report = FlushReport()
    root = Path(root)
    if not root.is_dir():
        return report
    for path in sorted(root.iterdir()):
        if not path.is_dir() or path.name == exclude:
            continue
        if path.name.startswith("."):
            _drop_stale_new(path)
            continue
        folder = SpoolFolder(path)
        try:
            if not folder.try_lock():
                report.busy.append(folder.run_id)
                continue
        except OSError as exc:
            report.failed[folder.run_id] = f"cannot lock {path}: {exc.strerror or exc}"
            continue
        try:
            manifest = folder.manifest()
            recovered = manifest is None
            if manifest is None:
                manifest = folder.recover_killed()
            sent, skipped = folder.upload(store, f"runs/{folder.run_id}/")
        except (StoreError, OSError, ValueError) as exc:
            report.failed[folder.run_id] = str(exc)
            folder.mark_pending(str(exc))
            folder.unlock()
            continue
        folder.remove()
        folder.unlock()
        report.flushed.append(FlushedRun(folder.run_id, _articles(manifest), recovered, sent, skipped))
    return report


def _drop_stale_new(path: Path) -> None:
    """Remove a ``.<run_id>.new`` folder left by a run killed while creating its folder (it holds no data)."""
    try:
        if not path.name.endswith(".new") or time.time() - path.stat().st_mtime < 60:
            return  # a run may be creating it right now
    except OSError:
        return
    folder = SpoolFolder(path)
    try:
        if folder.try_lock():
            if not [p for p in path.iterdir() if p.name != LOCK]:
                folder.remove()
            folder.unlock()
    except OSError:
        pass


def wait_for_file(path: Path, timeout: float = 120.0) -> None:
    """Test hook: announce ``<path>.waiting`` and block until ``path`` exists (or ``timeout``)."""
    Path(f"{path}.waiting").touch()
    deadline = time.monotonic() + timeout
    while not path.exists() and time.monotonic() < deadline:
        time.sleep(0.05)


def preflight(uri: str, spool_dir: str | Path) -> tuple[Store, str | None]:
    """Check the store and the spool before a crawl starts.

    Args:
        uri: the store URI (``WIRETRACE_STORE_URI``).
        spool_dir: the spool (``<state>/spool``).

    Returns:
        The opened store and a warning when it is unreachable now (the run can still go: it spools
        and exits non-zero), else None.

    Raises:
        ConfigError: a malformed URI, a missing bucket, refused credentials, or a spool that cannot
            be written: the crawl must not start.
    """
    store = open_store(uri)
    root = Path(spool_dir)
    try:
        root.mkdir(parents=True, exist_ok=True)
        probe = root / f".probe-{os.getpid()}"
        probe.write_bytes(b"ok")
        probe.unlink()
    except OSError as exc:
        raise ConfigError(f"cannot write the spool {root}: {exc.strerror or exc}; "
                          "point WIRETRACE_STATE_DIR at a writable folder with free space") from None
    try:
        store.check()
    except StoreError as exc:
        return store, (f"store {store.uri} is unreachable now ({exc}); the run will be kept in the "
                       f"spool {root} and uploaded by the next run or `wiretrace flush`")
    return store, None
