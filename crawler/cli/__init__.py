"""CLI: the ``wiretrace`` console script (cron and operators call this, not ``scrapy``).

Each subcommand is a module of this package (``crawler/cli/<name>.py``) found at start-up. A
module provides ``HELP`` (one line), ``add_arguments(parser)`` and ``run(args) -> int`` (the exit
status); its docstring is the subcommand's description. A :class:`~crawler.exceptions.WiretraceError`
raised by ``run`` becomes one line on standard error and exit status 2, never a traceback.

Subcommands read the Scrapy project settings (``scrapy.cfg`` in the working directory, or
``SCRAPY_SETTINGS_MODULE``) through :func:`project_settings`, so ``WIRETRACE_*`` settings and
environment variables apply as they do to ``scrapy crawl``.
"""

from __future__ import annotations

import argparse
import fcntl
import importlib
import os
import pkgutil
import sys
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator, Sequence

from scrapy.settings import Settings

from crawler.exceptions import WiretraceError

__all__ = ["crawl_lock", "main", "project_settings"]


def project_settings(overrides: dict[str, object] | None = None) -> Settings:
    """The project's Scrapy settings (which read ``WIRETRACE_*`` from the environment), plus ``overrides``."""
    from scrapy.utils.project import get_project_settings

    settings = get_project_settings()
    for name, value in (overrides or {}).items():
        if value is not None:
            settings.set(name, value, priority="cmdline")
    return settings


@contextmanager
def crawl_lock(settings: Settings) -> Iterator[Path | None]:
    """Hold the lock that keeps two runs (and an index rebuild) from overlapping.

    The lock is ``WIRETRACE_LOCK_FILE`` (default ``<state>/crawl.lock``), taken with ``flock``
    without waiting, so the kernel releases it even when the holder is killed.

    Yields:
        None when the lock is held here, or its path when another process holds it.
    """
    path = Path(settings.get("WIRETRACE_LOCK_FILE") or Path(settings.get("WIRETRACE_STATE_DIR")) / "crawl.lock")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+", encoding="utf-8") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield path
            return
        lock.seek(0)
        lock.truncate()
        lock.write(f"pid {os.getpid()} since {datetime.now(timezone.utc).isoformat(timespec='seconds')}\n")
        lock.flush()
        yield None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="wiretrace", description="Crawl news, clean it, trace its lineage.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        command = sub.add_parser(info.name, help=module.HELP, description=module.__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
        module.add_arguments(command)
        command.set_defaults(_run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``wiretrace`` console script; returns the exit status."""
    args = _parser().parse_args(argv)
    try:
        return int(args._run(args))
    except WiretraceError as exc:
        print(f"wiretrace {args.command}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"wiretrace {args.command}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
