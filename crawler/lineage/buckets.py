"""LINEAGE: the LSH bucket table of the index, in memory, with a snapshot on disk beside it.

Every bucket key of every indexed article is one entry: the key (:data:`~crawler.fingerprint.KEY_BITS`
wide) and the article's slot number (:data:`SLOT_BITS`). The table is sorted by key and stored in
6 bytes an entry (about 600 bytes an article; a plain 64-bit array takes 8, datasketch's
``MinHashLSH`` about 7.8 KB an article): a directory indexed by the key's top bits gives each
key's range, and two parallel arrays hold the rest of the key and the slot. A lookup reads one
short range (about 32 entries), for every key of a query at once.

New articles' keys wait in a small dict, are flushed every :data:`FLUSH_EVERY` articles into a
sorted array of recent entries, and that is merged into the packed table every
:data:`MERGE_EVERY` articles (one linear pass; inserting 106 random keys per article into an
on-disk B-tree rewrote ~100 pages per article and cost milliseconds). Each slot also records its
article's publication day, which gates the facts, quotes and names signals (:data:`NEAR_DAYS`). Removed
articles' slots are marked dead and dropped at the next merge, where the surviving slots are
renumbered.

The SQLite database stays the source of truth: each article's keys are stored in its row. The
snapshot (:meth:`Buckets.save`, written atomically) only spares rebuilding the table at open; the
index checks it against the database's ``(id, version)`` pairs and takes the difference from the
rows.
"""

from __future__ import annotations

import ctypes
import json
import os
import sys
from array import array
from datetime import date
from pathlib import Path
from typing import Iterable

import numpy as np

from crawler.exceptions import LineageError
from crawler.fingerprint import KEY_BITS, SIGNAL_BITS, SIGNALS

__all__ = ["FLUSH_EVERY", "MAX_BUCKET", "MERGE_EVERY", "NEAR_DAYS", "SLOT_BITS", "Buckets", "day_number"]

#: Bits of an entry that number the article's slot (the rest hold the key).
SLOT_BITS = 64 - KEY_BITS
#: Articles whose keys wait in a dict before they are flushed into the sorted recent entries.
FLUSH_EVERY = 64
#: Articles added between two merges of the recent entries into the packed table.
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
#: candidates, and one query never verifies hundreds of pairs. A name's bucket that reaches this
#: size yields nothing, and each merge cuts it back to its oldest this many articles (slots are in
#: arrival order): a name in that many articles of the window ("Trump", "Reuters", "Texas") says
#: little about which event a report is about, and reading its articles for every query that has
#: it cost more than the rest of the query.
MAX_BUCKET = 64

#: Bits of the key below the directory's that are kept in the 16-bit array; the rest (0 to 8 bits)
#: share the 32-bit array with the slot.
_HI_BITS = 16
_MIN_DIR_BITS, _MAX_DIR_BITS = KEY_BITS - _HI_BITS - (32 - SLOT_BITS), KEY_BITS - _HI_BITS
_LAYOUT = 2  # of the snapshot; bumped when the packing changes
_CHUNK = 1 << 20
_MASK = np.uint64((1 << SLOT_BITS) - 1)
_SIGNAL_LOW = (1 << SIGNAL_BITS) - 1
_SIGNAL_MASK = np.uint64(_SIGNAL_LOW)
_NAMES = SIGNALS.index("names")
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


def _mmap_big_arrays() -> None:
    """Have glibc serve every allocation of 1 MiB or more by mmap, so freed ones go back to the OS.

    A merge replaces the table's arrays (tens of MB at 100k articles). glibc raises its mmap
    threshold each time a big block is freed (up to 32 MiB), after which such arrays come from
    the heap, and the freed ones stay resident: at 20k articles the process held 30 MB more than
    its table. A fixed threshold keeps the resident size at what is in use. No-op off glibc.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        ctypes.CDLL(None).mallopt(-3, 1 << 20)  # M_MMAP_THRESHOLD, from the C library already loaded
    except (OSError, AttributeError):
        pass


_mmap_big_arrays()


def _dir_bits_for(entries: int) -> int:
    # about 32 entries per directory range; the directory costs 4 bytes per range
    return min(_MAX_DIR_BITS, max(_MIN_DIR_BITS, (entries // 32).bit_length()))


class Buckets:
    """Bucket key → articles, for candidate queries (see the module docstring)."""

    def __init__(self) -> None:
        # the packed table: entry i has key (top << low bits) | (hi[i] << extra) | (lo[i] >> SLOT_BITS)
        # and slot lo[i] & mask, where top is the directory range holding i
        self._dir_bits = _MIN_DIR_BITS
        self._dir = np.zeros((1 << self._dir_bits) + 1, dtype=np.uint32)
        self._hi = np.empty(0, dtype=np.uint16)
        self._lo = np.empty(0, dtype=np.uint32)
        self._recent = np.empty(0, dtype=np.uint64)  # sorted, key << SLOT_BITS | slot
        self._fresh: dict[int, list[int]] = {}
        self._merged = 0  # slots below this are in the packed table
        self._flushed = 0  # slots below this are packed or recent; the rest are fresh
        self._docs = array("q")  # slot → doc id
        self._versions = array("q")  # slot → doc version when its keys were added
        self._days = array("i")  # slot → day number of the article's date, -1 when unknown
        self._alive = bytearray()  # slot → 1, or 0 once removed
        self._dead = 0
        self.dirty = False

    def __len__(self) -> int:
        """Live articles."""
        return len(self._docs) - self._dead

    def nbytes(self) -> int:
        """Bytes of the arrays holding the table (not the waiting dict)."""
        return (self._dir.nbytes + self._hi.nbytes + self._lo.nbytes + self._recent.nbytes
                + sum(a.itemsize * len(a) for a in (self._docs, self._versions, self._days)) + len(self._alive))

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
        self._alive.append(1)
        for key in set(keys):
            self._fresh.setdefault(key, []).append(slot)
        self.dirty = True
        if len(self._docs) - self._merged >= MERGE_EVERY:
            self.merge()
        elif len(self._docs) - self._flushed >= FLUSH_EVERY:
            self._flush()

    def remove(self, docs: Iterable[int]) -> None:
        """Forget articles (their slots are dropped at the next merge)."""
        gone = np.fromiter(set(docs), dtype=np.int64)
        if not len(gone) or not len(self._docs):
            return
        alive = np.frombuffer(self._alive, dtype=np.uint8)
        dead = np.nonzero(np.isin(np.frombuffer(self._docs, dtype=np.int64), gone) & (alive == 1))[0]
        alive[dead] = 0
        self._dead += len(dead)
        self.dirty = True

    def query(self, keys: Iterable[int], exclude: int | None = None, day: int = -1,
              min_bands: tuple[int, ...] | None = None) -> dict[int, list[int]]:
        """Articles sharing keys with ``keys``: doc id → matching keys per signal (the keys' low bits).

        Args:
            keys: the bucket keys to look up.
            exclude: a doc id to leave out (the article itself).
            day: the querying article's day (ordinal), or -1; facts, quotes and names matches
                with articles more than :data:`NEAR_DAYS` away are not counted.
            min_bands: if given, only articles matching at least this many keys of some signal
                (per signal) are returned (filtered before any per-article Python work: a query
                through popular keys meets thousands of articles on one band).
        """
        q, qi, slots = self._lookup(keys)
        if not len(qi):
            return {}
        per_key = np.bincount(qi, minlength=len(q))
        key_signal = (q & _SIGNAL_MASK).astype(np.intp)
        size = per_key[qi]
        keep = (key_signal[qi] != _NAMES) | (size < MAX_BUCKET)
        if per_key.max() > MAX_BUCKET:
            rank = np.arange(len(qi)) - (np.cumsum(per_key) - per_key)[qi]
            keep &= (size <= MAX_BUCKET) | (rank < MAX_BUCKET // 2) | (rank >= size - MAX_BUCKET // 2)
        qi, slots = qi[keep], slots[keep]
        signal = key_signal[qi]
        keep = np.frombuffer(self._alive, dtype=np.uint8)[slots] == 1
        if day >= 0:
            days = np.frombuffer(self._days, dtype=np.int32)[slots]
            keep &= ~((signal >= 2) & (days >= 0) & (np.abs(days - day) > NEAR_DAYS))
        docs = np.frombuffer(self._docs, dtype=np.int64)[slots]
        if exclude is not None:
            keep &= docs != exclude
        codes, counts = np.unique((docs[keep] << SIGNAL_BITS) + signal[keep], return_counts=True)
        if min_bands is not None:
            passing = np.unique(codes[counts >= np.asarray(min_bands)[codes & _SIGNAL_LOW]] >> SIGNAL_BITS)
            held = np.isin(codes >> SIGNAL_BITS, passing)
            codes, counts = codes[held], counts[held]
        found: dict[int, list[int]] = {}
        for code, n in zip(codes.tolist(), counts.tolist()):
            found.setdefault(code >> SIGNAL_BITS, [0] * len(SIGNALS))[code & _SIGNAL_LOW] = n
        return found

    def _lookup(self, keys: Iterable[int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The distinct ``keys`` (sorted), and every entry holding one of them: its key's index in
        that array and its slot, grouped by key, each key's slots oldest first (live or not)."""
        q = np.unique(np.fromiter(keys, dtype=np.uint64))
        hits: list[tuple[np.ndarray, np.ndarray]] = []  # (query index, slot) per level, oldest level first
        if len(self._hi):
            low_bits = KEY_BITS - self._dir_bits
            extra = low_bits - _HI_BITS
            top = (q >> np.uint64(low_bits)).astype(np.intp)
            start = self._dir[top].astype(np.intp)
            pos, qi = _ranges(start, self._dir[top + 1].astype(np.intp) - start)
            lo = self._lo[pos]
            low = (self._hi[pos].astype(np.uint64) << np.uint64(extra)) | (lo >> np.uint32(SLOT_BITS)).astype(np.uint64)
            hit = low == (q & np.uint64((1 << low_bits) - 1))[qi]
            hits.append((qi[hit], (lo[hit] & np.uint32((1 << SLOT_BITS) - 1)).astype(np.intp)))
        if len(self._recent):
            start = np.searchsorted(self._recent, q << _SHIFT)
            pos, qi = _ranges(start, np.searchsorted(self._recent, (q << _SHIFT) | _MASK, side="right") - start)
            hits.append((qi, (self._recent[pos] & _MASK).astype(np.intp)))
        if self._fresh:
            qis, slots = [], []
            for i, key in enumerate(q.tolist()):
                for slot in self._fresh.get(key, ()):
                    qis.append(i)
                    slots.append(slot)
            hits.append((np.asarray(qis, dtype=np.intp), np.asarray(slots, dtype=np.intp)))
        if not hits:
            return q, np.empty(0, dtype=np.intp), np.empty(0, dtype=np.intp)
        qi = np.concatenate([h[0] for h in hits])
        slots = np.concatenate([h[1] for h in hits])
        order = np.argsort(qi, kind="stable")  # per key, slots stay in age order
        return q, qi[order], slots[order]

    def _flush(self) -> None:
        """Move the waiting keys into the sorted recent entries."""
        if self._fresh:
            fresh = np.fromiter((key << SLOT_BITS | slot for key, slots in self._fresh.items() for slot in slots),
                                dtype=np.uint64)
            fresh.sort()
            self._recent = np.insert(self._recent, np.searchsorted(self._recent, fresh), fresh)
            self._fresh = {}
        self._flushed = len(self._docs)

    def merge(self) -> None:
        """Merge waiting and recent keys into the packed table and drop dead slots (renumbering the rest)."""
        self._flush()
        if not len(self._recent) and not self._dead:
            self._merged = len(self._docs)
            return
        entries = self._unpacked()
        self._hi = self._lo = np.empty(0)  # freed before the new table is built
        names = np.empty(0, dtype=np.uint64)
        if len(self._recent):
            keys = np.unique(self._recent >> _SHIFT)
            names = keys[(keys & _SIGNAL_MASK) == _NAMES]
            entries = np.insert(entries, np.searchsorted(entries, self._recent), self._recent)
            self._recent = np.empty(0, dtype=np.uint64)
        if self._dead:
            alive = np.frombuffer(self._alive, dtype=np.uint8) == 1
            renumber = (np.cumsum(alive) - 1).astype(np.uint64)
            slots = entries & _MASK
            keep = alive[slots]
            entries = ((entries[keep] >> _SHIFT) << _SHIFT) | renumber[slots[keep]]
            del slots, keep
            self._docs = array("q", np.frombuffer(self._docs, dtype=np.int64)[alive].tobytes())
            self._versions = array("q", np.frombuffer(self._versions, dtype=np.int64)[alive].tobytes())
            self._days = array("i", np.frombuffer(self._days, dtype=np.int32)[alive].tobytes())
            self._alive = bytearray(b"\x01" * len(self._docs))
            self._dead = 0
        if len(names):  # only buckets that grew can be over the cap
            start = np.searchsorted(entries, names << _SHIFT)
            extra = np.searchsorted(entries, (names << _SHIFT) | _MASK, side="right") - start - MAX_BUCKET
            over = extra > 0
            if over.any():
                entries = np.delete(entries, _ranges(start[over] + MAX_BUCKET, extra[over])[0])
        self._pack(entries)
        self._merged = self._flushed = len(self._docs)

    def _unpacked(self) -> np.ndarray:
        """The packed table as sorted 64-bit entries, key << SLOT_BITS | slot."""
        low_bits = KEY_BITS - self._dir_bits
        extra = np.uint64(low_bits - _HI_BITS)
        out = np.empty(len(self._hi), dtype=np.uint64)
        for s in range(0, len(out), _CHUNK):
            e = min(len(out), s + _CHUNK)
            top = (np.searchsorted(self._dir, np.arange(s, e), side="right") - 1).astype(np.uint64)
            lo = self._lo[s:e].astype(np.uint64)
            key = (top << np.uint64(low_bits)) | (self._hi[s:e].astype(np.uint64) << extra) | (lo >> _SHIFT)
            out[s:e] = (key << _SHIFT) | (lo & _MASK)
        return out

    def _pack(self, entries: np.ndarray) -> None:
        """Pack sorted 64-bit entries into the directory and the two arrays."""
        self._dir_bits = bits = _dir_bits_for(len(entries))
        low_bits = KEY_BITS - bits
        extra = low_bits - _HI_BITS
        hi = np.empty(len(entries), dtype=np.uint16)
        lo = np.empty(len(entries), dtype=np.uint32)
        for s in range(0, len(entries), _CHUNK):
            part = entries[s:s + _CHUNK]
            key = part >> _SHIFT
            hi[s:s + _CHUNK] = (key >> np.uint64(extra)) & np.uint64(0xFFFF)
            lo[s:s + _CHUNK] = ((key & np.uint64((1 << extra) - 1)) << _SHIFT) | (part & _MASK)
        directory = np.empty((1 << bits) + 1, dtype=np.uint32)
        # the first entry of each range; the top bits of an entry are its 64-bit value's top bits
        directory[:-1] = np.searchsorted(entries, np.arange(1 << bits, dtype=np.uint64) << np.uint64(64 - bits))
        directory[-1] = len(entries)
        self._dir, self._hi, self._lo = directory, hi, lo

    def live(self) -> dict[int, int]:
        """Doc id → version of every live article."""
        alive = np.frombuffer(self._alive, dtype=np.uint8) == 1
        docs = np.frombuffer(self._docs, dtype=np.int64)[alive].tolist()
        return dict(zip(docs, np.frombuffer(self._versions, dtype=np.int64)[alive].tolist()))

    def save(self, path: Path, manifest: dict[str, object]) -> None:
        """Write the table atomically (temp file, fsync, rename), tagged with ``manifest``."""
        self.merge()
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            np.savez(fh, layout=np.asarray(_LAYOUT), dir_bits=np.asarray(self._dir_bits), dir=self._dir,
                     hi=self._hi, lo=self._lo, docs=np.frombuffer(self._docs, dtype=np.int64),
                     versions=np.frombuffer(self._versions, dtype=np.int64),
                     days=np.frombuffer(self._days, dtype=np.int32),
                     manifest=np.asarray(json.dumps(manifest, sort_keys=True)))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        self.dirty = False

    @classmethod
    def load(cls, path: Path, manifest: dict[str, object]) -> "Buckets | None":
        """The table saved at ``path``, or None if it is missing, unreadable, of another layout or parameters."""
        try:
            with np.load(path, allow_pickle=False) as data:
                if int(data["layout"]) != _LAYOUT or json.loads(str(data["manifest"])) != manifest:
                    return None
                table = cls()
                bits = int(data["dir_bits"])
                directory = data["dir"].astype(np.uint32, copy=False)
                hi, lo = data["hi"].astype(np.uint16, copy=False), data["lo"].astype(np.uint32, copy=False)
                docs = data["docs"].astype(np.int64)
                versions, days = data["versions"].astype(np.int64), data["days"].astype(np.int32)
        except (OSError, ValueError, KeyError, TypeError):
            return None
        n = len(hi)
        if (not _MIN_DIR_BITS <= bits <= _MAX_DIR_BITS or len(directory) != (1 << bits) + 1 or len(lo) != n
                or int(directory[-1]) != n or np.any(np.diff(directory.astype(np.int64)) < 0)
                or not len(docs) == len(versions) == len(days)
                or (n and int((lo & np.uint32((1 << SLOT_BITS) - 1)).max()) >= len(docs))):
            return None
        table._dir_bits, table._dir, table._hi, table._lo = bits, directory, hi, lo
        table._docs, table._versions = array("q", docs.tobytes()), array("q", versions.tobytes())
        table._days = array("i", days.tobytes())
        table._alive = bytearray(b"\x01" * len(docs))
        table._merged = table._flushed = len(docs)
        return table


def _ranges(start: np.ndarray, length: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every position of the ranges ``[start, start + length)``, and the range each belongs to."""
    total = int(length.sum())
    owner = np.repeat(np.arange(len(start)), length)
    return np.arange(total) + np.repeat(start - (np.cumsum(length) - length), length), owner
