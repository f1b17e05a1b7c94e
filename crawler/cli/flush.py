"""Upload the runs left in the local spool (``<state>/spool/``) to the store.

A run whose store was unreachable (or that was killed) keeps its files in the spool; the next
crawl uploads them before it starts, and this command does it now. Runs still going are left
alone. Uploads are idempotent: the same keys, and objects already in the store are not sent again.

Exit status: 0 when the spool is empty afterwards (or only holds runs still going), 1 when a run
could not be uploaded (it stays in the spool), 2 for a configuration error (bad URI, missing
bucket, refused credentials).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from crawler.cli import project_settings
from crawler.exceptions import StoreError
from crawler.storage import flush_spool, open_store

HELP = "upload runs left in the local spool (store was down, or a run was killed)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--store", metavar="URI", help="store URI (default: WIRETRACE_STORE_URI)")
    parser.add_argument("--state-dir", metavar="DIR", help="state folder holding spool/ (default: WIRETRACE_STATE_DIR)")


def run(args: argparse.Namespace) -> int:
    settings = project_settings({"WIRETRACE_STORE_URI": args.store, "WIRETRACE_STATE_DIR": args.state_dir})
    store = open_store(settings.get("WIRETRACE_STORE_URI"))
    spool = Path(settings.get("WIRETRACE_STATE_DIR")) / "spool"
    try:
        store.check()
    except StoreError as exc:
        print(f"wiretrace flush: store {store.uri} is unreachable: {exc}; nothing uploaded", file=sys.stderr)
        return 1
    report = flush_spool(store, spool)
    for line in report.lines():
        print(f"wiretrace flush: {line}", file=sys.stderr if line.startswith("run ") else sys.stdout)
    if report.busy:
        print(f"wiretrace flush: left alone (still running): {', '.join(report.busy)}")
    if not report.flushed and not report.failed:
        print(f"wiretrace flush: nothing pending in {spool}")
    return 1 if report.failed else 0
