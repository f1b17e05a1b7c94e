"""LINEAGE: recompute the lineage of every article in a store, offline (``wiretrace lineage``).

When the lineage algorithm or its parameters improve, the stored runs are the input: every
``runs/<run_id>/articles.jsonl.gz`` is read in run order (run ids sort by start time), each
article is indexed into a fresh index exactly as a crawl would have indexed it (same identity and
version rules, first-seen time from when it was fetched), and lineage is settled for all of them.
Nothing is fetched or cleaned again.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from crawler.exceptions import StoreError
from crawler.lineage.index import LineageIndex
from crawler.lineage.model import Article

__all__ = ["Recomputed", "article_from_item", "recompute", "stored_runs"]

#: Articles settled per :meth:`LineageIndex.resolve` call.
BATCH = 500


def article_from_item(item: dict[str, Any]) -> Article:
    """The lineage :class:`Article` of an exported article (a line of ``articles.jsonl.gz``).

    Raises:
        KeyError: the item has no ``url``.
    """
    wire = item.get("wire") or {}
    return Article(
        url=item["url"], text=item.get("text") or "", canonical_url=item.get("canonical_url"),
        title=item.get("title"), published=item.get("published"), wire=wire.get("service"),
        credited=bool(wire.get("credited")), source=item.get("source"),
        publisher_wire=item.get("publisher_wire"), first_seen=item.get("fetched_at"), run_id=item.get("run_id"))


def stored_runs(store: Any) -> list[str]:
    """Run ids that have an ``articles.jsonl.gz`` in ``store``, oldest first."""
    return sorted({key.split("/")[1] for key in store.list("runs/") if key.endswith("/articles.jsonl.gz")})


def _articles(store: Any, run_id: str) -> Iterator[dict[str, Any]]:
    data = gzip.decompress(store.get(f"runs/{run_id}/articles.jsonl.gz"))
    for line in data.decode("utf-8").splitlines():
        if line.strip():
            yield json.loads(line)


@dataclass
class Recomputed:
    """What :func:`recompute` did."""

    runs: int = 0
    articles: int = 0
    indexed: dict[str, int] = field(default_factory=dict)
    skipped: int = 0
    relations: dict[str, int] = field(default_factory=dict)


def recompute(store: Any, index: LineageIndex, *, progress: Callable[[str, int, int], None] | None = None,
              ) -> tuple[Recomputed, Iterator[dict[str, Any]]]:
    """Index every stored article into ``index`` and settle lineage for all of them.

    Args:
        store: a :class:`~crawler.storage.Store` holding ``runs/``.
        index: an empty (or partly built) index to fill.
        progress: called as ``progress(phase, done, total)`` while reading and settling.

    Returns:
        The counts, and an iterator over the final lineage rows (one per indexed article, in
        index order).

    Raises:
        StoreError: a run's articles could not be read.
    """
    runs = stored_runs(store)
    done = Recomputed(runs=len(runs))
    ids: list[int] = []
    for n, run_id in enumerate(runs, 1):
        try:
            items = list(_articles(store, run_id))
        except (OSError, EOFError, ValueError) as exc:  # gzip/JSON damage
            raise StoreError(f"cannot read runs/{run_id}/articles.jsonl.gz: {exc}; "
                             f"move that run aside or repair it, then run again") from None
        for item in items:
            if not item.get("url") or not item.get("text"):
                done.skipped += 1
                continue
            added = index.add(article_from_item(item))
            done.indexed[added.status] = done.indexed.get(added.status, 0) + 1
            if added.status != "unchanged":
                ids.append(added.id)
            done.articles += 1
        if progress:
            progress("read", n, len(runs))
    unique = list(dict.fromkeys(ids))
    for start in range(0, len(unique), BATCH):
        index.resolve(unique[start:start + BATCH])
        if progress:
            progress("settle", min(start + BATCH, len(unique)), len(unique))
    for row in index.stored():
        done.relations[row["relation"]] = done.relations.get(row["relation"], 0) + 1
    return done, index.stored()
