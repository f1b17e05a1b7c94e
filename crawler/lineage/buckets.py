"""LINEAGE: the LSH bucket table of the index, in memory, with a snapshot on disk beside it.

Every bucket key of every indexed article is one 64-bit entry, the key
(:data:`~crawler.fingerprint.KEY_BITS` wide) above the article's slot number (:data:`SLOT_BITS`),
in one sorted numpy array: 8 bytes a key, about 850 bytes an article, and a lookup is a binary
search. Keys of articles added since the last merge wait in a small dict and are merged into the
array every :data:`MERGE_EVERY` articles (one linear pass; inserting 106 random keys per article
into an on-disk B-tree rewrote ~100 pages per article and cost milliseconds). Each slot also
records its article's publication day, which gates the facts and quotes signals (:data:`NEAR_DAYS`). Removed articles'
slots are marked dead and dropped at the next merge, where the surviving slots are renumbered.

The SQLite database stays the source of truth: each article's keys are stored in its row. The
snapshot (:meth:`Buckets.save`, written atomically) only spares rebuilding the array at open; the
index checks it against the database's ``(id, version)`` pairs and takes the difference from the
rows.
"""

from __future__ import annotations

import json
import os
from array import array
from datetime import date
from pathlib import Path
from typing import Iterable

import numpy as np

from crawler.exceptions import LineageError
from crawler.fingerprint import KEY_BITS

__all__ = ["MAX_BUCKET", "MERGE_EVERY", "NEAR_DAYS", "SLOT_BITS", "Buckets", "day_number"]

#: Bits of an entry that number the article's slot (the rest hold the key).
SLOT_BITS = 64 - KEY_BITS
#: Articles added between two merges of the waiting keys into the sorted array.
MERGE_EVERY = 1024
#: A match of the facts or quotes signal counts only between articles published at most this many
#: days apart (when both dates are known; the fetch time is no stand-in, since replays and
#: back-fills fetch old articles today). Those signals find rewrites, follow-ups and other reports
#: of one event, which appear within days (stories span at most 3 days,
#: :data:`~crawler.lineage.relate.STORY_SPAN`), while chance matches of common names, numbers and
#: stock phrases grow with the size of the index: ungated, a 30k index proposed 15 unrelated
#: candidates per article. Shared text (shingles, lead) is never gated: a copy can appear weeks later.
NEAR_DAYS = 7
#: A bucket holding more articles than this yields only its oldest and newest halves: a story
#: syndicated to hundreds of sites keeps its originals (the oldest) and its latest copies as
#: candidates, and one query never verifies hundreds of pairs.
MAX_BUCKET = 64

_MASK = np.uint64((1 << SLOT_BITS) - 1)
_SHIFT = np.uint64(SLOT_BITS)


def day_number(*dates: str | None) -> int:
    """The ordinal day of the first parseable ISO 8601 date among ``dates`` (-1 if none is)."""
    for value in dates:
        if value:
            try:
                return date.fromisoformat(value[:10]).toordinal()
            except ValueError:
                continue
    return -1


class Buckets:
    """Bucket key → articles, for candidate queries (see the module docstring)."""

    def __init__(self) -> None:
        self._entries = np.empty(0, dtype=np.uint64)  # sorted, key << SLOT_BITS | slot
        self._docs = array("q")  # slot → doc id
        self._versions = array("q")  # slot → doc version when its keys were added
        self._days = array("i")  # slot → day number of the article's date, -1 when unknown
        self._merged = 0  # slots below this are in _entries, the rest in _fresh
        self._fresh: dict[int, list[int]] = {}
        self._dead: set[int] = set()
        self.dirty = False

    def __len__(self) -> int:
        """Live articles."""
        return len(self._docs) - len(self._dead)

    def add(self, doc: int, version: int, keys: Iterable[int], day: int = -1) -> None:
        """Add an article's keys (remove its earlier version first); ``day`` is its date's ordinal, or -1."""
        slot = len(self._docs)
        if slot >> SLOT_BITS:
            self.merge()
            slot = len(self._docs)
            if slot >> SLOT_BITS:
                raise LineageError(f"the lineage index holds {slot} articles, more than its {1 << SLOT_BITS} slots; "
                                   "shorten its window (WIRETRACE_LINEAGE_WINDOW_DAYS)")
        self._docs.append(doc)
        self._versions.append(version)
        self._days.append(day)
        for key in set(keys):
            self._fresh.setdefault(key, []).append(slot)
        self.dirty = True
        if len(self._docs) - self._merged >= MERGE_EVERY:
            self.merge()

    def remove(self, docs: Iterable[int]) -> None:
        """Forget articles (their slots are dropped at the next merge)."""
        gone = set(docs)
        if not gone:
            return
        for slot, doc in enumerate(self._docs):
            if doc in gone:
                self._dead.add(slot)
        self.dirty = True

    def query(self, keys: Iterable[int], exclude: int | None = None, day: int = -1) -> dict[int, list[int]]:
        """Articles sharing keys with ``keys``: doc id → matching keys per signal (low two bits).

        Args:
            keys: the bucket keys to look up.
            exclude: a doc id to leave out (the article itself).
            day: the querying article's day (ordinal), or -1; facts and quotes matches with
                articles more than :data:`NEAR_DAYS` away are not counted.
        """
        q = np.unique(np.fromiter(keys, dtype=np.uint64))
        found: dict[int, list[int]] = {}
        if len(self._entries):
            lo = np.searchsorted(self._entries, q << _SHIFT)
            hi = np.searchsorted(self._entries, (q + np.uint64(1)) << _SHIFT)
            for i in np.nonzero(hi > lo)[0].tolist():
                a, b = int(lo[i]), int(hi[i])
                if b - a > MAX_BUCKET:
                    half = MAX_BUCKET // 2
                    slots = np.concatenate((self._entries[a:a + half], self._entries[b - half:b])) & _MASK
                else:
                    slots = self._entries[a:b] & _MASK
                self._count(found, slots.tolist(), int(q[i]) & 3, exclude, day)
        if self._fresh:
            for key in q.tolist():
                slots = self._fresh.get(key)
                if slots:
                    self._count(found, slots, key & 3, exclude, day)
        return found

    def _count(self, found: dict[int, list[int]], slots: list[int], signal: int, exclude: int | None,
               day: int) -> None:
        gate = signal >= 2 and day >= 0
        for slot in slots:
            if slot in self._dead:
                continue
            if gate and self._days[slot] >= 0 and abs(self._days[slot] - day) > NEAR_DAYS:
                continue
            doc = self._docs[slot]
            if doc != exclude:
                found.setdefault(doc, [0, 0, 0, 0])[signal] += 1

    def merge(self) -> None:
        """Merge waiting keys into the sorted array and drop dead slots (renumbering the rest)."""
        if self._fresh:
            fresh = np.fromiter((key << SLOT_BITS | slot for key, slots in self._fresh.items() for slot in slots),
                                dtype=np.uint64)
            fresh.sort()
            self._entries = np.insert(self._entries, np.searchsorted(self._entries, fresh), fresh)
            self._fresh = {}
        self._merged = len(self._docs)
        if self._dead:
            alive = np.ones(len(self._docs), dtype=bool)
            alive[list(self._dead)] = False
            renumber = (np.cumsum(alive) - 1).astype(np.uint64)
            slots = self._entries & _MASK
            keep = alive[slots]
            self._entries = ((self._entries[keep] >> _SHIFT) << _SHIFT) | renumber[slots[keep]]
            self._docs = array("q", (d for d, ok in zip(self._docs, alive) if ok))
            self._versions = array("q", (v for v, ok in zip(self._versions, alive) if ok))
            self._days = array("i", (v for v, ok in zip(self._days, alive) if ok))
            self._merged = len(self._docs)
            self._dead = set()

    def live(self) -> dict[int, int]:
        """Doc id → version of every live article."""
        return {d: v for slot, (d, v) in enumerate(zip(self._docs, self._versions)) if slot not in self._dead}

    def save(self, path: Path, manifest: dict[str, object]) -> None:
        """Write the table atomically (temp file, fsync, rename), tagged with ``manifest``."""
        self.merge()
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            np.savez(fh, entries=self._entries, docs=np.frombuffer(self._docs, dtype=np.int64),
                     versions=np.frombuffer(self._versions, dtype=np.int64),
                     days=np.frombuffer(self._days, dtype=np.int32),
                     manifest=np.asarray(json.dumps(manifest, sort_keys=True)))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        self.dirty = False

    @classmethod
    def load(cls, path: Path, manifest: dict[str, object]) -> "Buckets | None":
        """The table saved at ``path``, or None if it is missing, unreadable or of other parameters."""
        try:
            with np.load(path, allow_pickle=False) as data:
                if json.loads(str(data["manifest"])) != manifest:
                    return None
                table = cls()
                table._entries = data["entries"].astype(np.uint64, copy=False)
                table._docs = array("q", data["docs"].astype(np.int64).tobytes())
                table._versions = array("q", data["versions"].astype(np.int64).tobytes())
                table._days = array("i", data["days"].astype(np.int32).tobytes())
                if not len(table._docs) == len(table._versions) == len(table._days):
                    return None
        except (OSError, ValueError, KeyError):
            return None
        table._merged = len(table._docs)
        return table
