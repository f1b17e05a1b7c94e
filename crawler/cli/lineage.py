"""Recompute lineage over every run in a store, offline, for when the algorithm improves.

Reads every runs/<run_id>/articles.jsonl.gz of the store (nothing is fetched or cleaned again),
indexes the articles into a fresh lineage index in run order, settles lineage for all of them
and writes the result to the store as lineage/<recompute_id>/lineage.jsonl with a manifest.json
(written last). A progress bar on standard error shows the reading and settling phases.

With --rebuild, the fresh index then replaces the crawl's index (WIRETRACE_STATE_DIR/lineage.sqlite),
so later crawls compare new articles against it; this is also how to recover from an index built
with other fingerprint parameters. The crawl lock is taken so that no crawl writes the index
meanwhile.

Exit status: 0 done, 1 the store could not be read or written, 2 bad arguments or settings.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from contextlib import nullcontext
from datetime import datetime, timezone
from pathlib import Path

from crawler.cli import crawl_lock, project_settings
from crawler.exceptions import ConfigError, StoreError
from crawler.fingerprint import FingerprintParams
from crawler.lineage import LineageIndex, recompute
from crawler.lineage.index import SNAPSHOT_SUFFIX
from crawler.storage import open_store
from crawler.storage.run import new_run_id

HELP = "recompute lineage over every stored run (offline)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``wiretrace lineage``."""
    parser.add_argument("--store", metavar="URI", help="store to read (default: WIRETRACE_STORE_URI)")
    parser.add_argument("--state-dir", metavar="DIR", help="state folder (default: WIRETRACE_STATE_DIR)")
    parser.add_argument("--rebuild", action="store_true",
                        help="replace the crawl's lineage index with the recomputed one")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")


class _Bar:
    """tqdm progress bars, one per phase, on standard error."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.bars: dict[str, object] = {}

    def __call__(self, phase: str, done: int, total: int) -> None:
        if self.quiet:
            return
        from tqdm import tqdm

        bar = self.bars.get(phase)
        if bar is None:
            unit = "run" if phase == "read" else "article"
            bar = self.bars[phase] = tqdm(total=total, desc=f"{phase:>6}", unit=unit, file=sys.stderr,
                                          mininterval=0.5, dynamic_ncols=True)
        bar.total = total  # type: ignore[attr-defined]
        bar.update(done - bar.n)  # type: ignore[attr-defined]
        if done >= total:
            bar.close()  # type: ignore[attr-defined]


def run(args: argparse.Namespace) -> int:
    """Run ``wiretrace lineage``; returns the exit status."""
    settings = project_settings({"WIRETRACE_STORE_URI": args.store, "WIRETRACE_STATE_DIR": args.state_dir})
    store = open_store(settings.get("WIRETRACE_STORE_URI"))
    state = Path(settings.get("WIRETRACE_STATE_DIR"))
    params = FingerprintParams()
    window = settings.getfloat("WIRETRACE_LINEAGE_WINDOW_DAYS")
    state.mkdir(parents=True, exist_ok=True)
    recompute_id = new_run_id()
    with crawl_lock(settings) if args.rebuild else nullcontext() as held_by_other:
        if held_by_other:
            raise ConfigError(f"a wiretrace run holds {held_by_other}; run --rebuild when it has finished")
        tmp = str(state / f".lineage-{recompute_id}.sqlite")  # the recompute id is unique
        index = LineageIndex.open(tmp, params, window)
        try:
            try:
                done, rows = recompute(store, index, progress=_Bar(args.quiet))
                body = "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in rows).encode()
                prefix = f"lineage/{recompute_id}/"
                store.put(prefix + "lineage.jsonl", body)
                manifest = {
                    "recompute_id": recompute_id, "finished": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                    "runs": done.runs, "articles": done.articles, "indexed": done.indexed,
                    "skipped": done.skipped, "relations": dict(sorted(done.relations.items())),
                    "fingerprint": params.manifest(), "rebuilt_index": bool(args.rebuild),
                }
                store.put(prefix + "manifest.json", json.dumps(manifest, indent=2, sort_keys=True).encode())
            except StoreError as exc:
                print(f"wiretrace lineage: {exc}", file=sys.stderr)
                return 1
            finally:
                index.close()
            if args.rebuild:
                target = state / "lineage.sqlite"
                for suffix in ("-wal", "-shm", SNAPSHOT_SUFFIX):
                    Path(str(target) + suffix).unlink(missing_ok=True)
                if Path(tmp + SNAPSHOT_SUFFIX).exists():
                    os.replace(tmp + SNAPSHOT_SUFFIX, str(target) + SNAPSHOT_SUFFIX)
                os.replace(tmp, target)
        finally:
            for suffix in ("", "-wal", "-shm", SNAPSHOT_SUFFIX):
                Path(tmp + suffix).unlink(missing_ok=True)
    location = store.uri.rstrip("/") + "/" + prefix
    relations = ", ".join(f"{n} {r}" for r, n in sorted(done.relations.items(), key=lambda x: -x[1]))
    print(f"wiretrace lineage: {done.articles} articles from {done.runs} runs settled ({relations or 'none'});"
          f" written to {location}" + ("; crawl index rebuilt" if args.rebuild else ""))
    return 0

