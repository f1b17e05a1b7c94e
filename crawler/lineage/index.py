"""LINEAGE: the persistent index of fingerprinted articles (SQLite on local disk, no server).

Each article is stored once (by its identity: canonical URL, else URL) with its cleaned text and
its tokens and fact terms (compressed, for verification: a candidate is not tokenised again) and
the LSH bucket keys of its three MinHash signatures, its quotations and its names
(:mod:`crawler.fingerprint`). The keys are looked up in memory
(:class:`~crawler.lineage.buckets.Buckets`, one sorted array with a snapshot beside the database),
so a candidate query is a few binary searches that also count matching bands per signal, and an
insert writes one row.

A candidate must match on at least :data:`MIN_BANDS` bands of one signal: one band of the
shingle or lead signals (four equal MinHash rows are already strong evidence of shared text),
two of the facts signal (a single three-row match happens between unrelated reports that share
a few names), one shared quotation, or six hashed names that are not common in the window
(every follow-up of our held-out sets shares six or more with a first report of its story, bar
one in Chinese; the few same-city reports of other events that do too are rejected when verified).

The index holds a window of articles (default 30 days by first-seen time). Its fingerprint
parameters are stored in it; opening it with other parameters raises
:class:`~crawler.exceptions.IndexMismatchError`.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
import zlib
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Iterable, Iterator

import numpy as np

from cleaners.wire import agency_of_url
from crawler.exceptions import IndexMismatchError
from crawler.fingerprint import SIGNALS, Fingerprint, FingerprintParams, fingerprint
from crawler.lineage.buckets import Buckets, day_number
from crawler.lineage.model import Article, LineageRecord
from crawler.lineage.relate import Node, needs_passages, settle
from crawler.lineage.verify import PairScores, Text, compare

__all__ = ["Added", "LineageIndex"]

#: Prepared texts and verified pair scores kept between calls (one run re-resolves the same
#: neighbourhoods at the end); bounded so that memory stays flat over a long crawl. A prepared
#: text of a 500-word article (tokens, offsets, shingles, terms, sentences) takes ~120 KB and pair
#: scores ~3 KB (their passages), so the caches hold about 14 MB. Candidates are mostly recent
#: reports of the same events, so the small text cache still spares most re-tokenising: at 30k
#: documents the bench ran 4% slower with these sizes (and the smaller word caches of
#: ``cleaners.text`` and ``crawler.fingerprint``) than with 256 texts and 8,192 pairs, and used
#: 60 MB less. A run of more than ~400 articles with copies verifies some pairs again when it
#: settles at the end. Both caches are by body: identical copies of a story share one prepared
#: text, and one set of scores per pair of bodies.
CACHE_SIZE = 64
PAIR_CACHE_SIZE = 2048
#: Bands a pair must share, per signal (shingles, lead, facts, quotes, names), to be verified as candidates.
MIN_BANDS = (1, 1, 2, 1, 6)
#: The bucket table's snapshot is the database's path plus this.
SNAPSHOT_SUFFIX = "-buckets.npz"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS docs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL UNIQUE,
    url TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    sha256 TEXT NOT NULL,
    title TEXT, published TEXT, first_seen TEXT NOT NULL, wire TEXT, credited INTEGER NOT NULL,
    source TEXT, publisher_wire TEXT, run_id TEXT,
    text BLOB NOT NULL, keys BLOB NOT NULL,
    story TEXT, lineage TEXT,
    views BLOB
);
CREATE INDEX IF NOT EXISTS docs_first_seen ON docs (first_seen);
"""

@dataclass(frozen=True)
class Added:
    """What :meth:`LineageIndex.add` did: ``status`` is ``new``, ``unchanged`` or ``version``."""

    id: int
    status: str
    version: int

class LineageIndex:
    """A persistent lineage index.

    Use :meth:`open`; one writer at a time (cron runs take a lock).
    """

    def __init__(self, db: sqlite3.Connection, params: FingerprintParams, window: timedelta,
                 snapshot: Path | None = None) -> None:
        self._db = db
        self.params = params
        self.window = window
        self._snapshot = snapshot
        self._snapshot_tag = {"fingerprint": params.manifest(),
                              "database": db.execute("SELECT value FROM meta WHERE name='uuid'").fetchone()[0]}
        self._buckets = self._load_buckets()
        self._texts: _Lru[int, Text] = _Lru(CACHE_SIZE)
        # by body (Text.digest): the copies of a story share one prepared text and, pair by pair
        # of bodies, one set of scores, however many sites republished it
        self._bodies: _Lru[bytes, Text] = _Lru(CACHE_SIZE)
        self._pairs: _Lru[tuple[bytes, bytes], PairScores] = _Lru(PAIR_CACHE_SIZE)

    @classmethod
    def open(cls, path: str | Path, params: FingerprintParams = FingerprintParams(),
             window_days: float = 30) -> "LineageIndex":
        """Open (or create) the index at ``path``.

        Args:
            path: the SQLite file; its folder is created if needed. ``":memory:"`` for a
                throwaway index.
            params: fingerprint parameters; must equal those the index was built with.
            window_days: articles first seen longer ago than this are pruned.

        Raises:
            IndexMismatchError: the index was built with other fingerprint parameters.
        """
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(str(path), isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.executescript(_SCHEMA)
        if "views" not in {r[1] for r in db.execute("PRAGMA table_info(docs)")}:  # an index made before views were kept
            db.execute("ALTER TABLE docs ADD COLUMN views BLOB")
        manifest = params.manifest()
        row = db.execute("SELECT value FROM meta WHERE name='fingerprint'").fetchone()
        if row is None:
            db.execute("INSERT INTO meta VALUES ('fingerprint', ?)", (json.dumps(manifest, sort_keys=True),))
            db.execute("INSERT INTO meta VALUES ('uuid', ?)", (uuid.uuid4().hex,))
        elif json.loads(row[0]) != manifest:
            db.close()
            stored = json.loads(row[0])
            diff = {k: (stored.get(k), manifest.get(k)) for k in sorted(set(stored) | set(manifest))
                    if stored.get(k) != manifest.get(k)}
            raise IndexMismatchError(
                f"lineage index {path} was built with other fingerprint parameters "
                f"(stored vs running: {diff}); its signatures cannot be compared with new ones. "
                f"Rebuild it with `wiretrace lineage --rebuild` or point WIRETRACE_STATE_DIR elsewhere.")
        snapshot = None if str(path) == ":memory:" else Path(f"{path}{SNAPSHOT_SUFFIX}")
        return cls(db, params, timedelta(days=window_days), snapshot)

    def _load_buckets(self) -> Buckets:
        # the snapshot is trusted only for the (id, version) pairs the database still has
        table = Buckets.load(self._snapshot, self._snapshot_tag) if self._snapshot else None
        table = table or Buckets()
        rows = dict(self._db.execute("SELECT id, version FROM docs").fetchall())
        held = table.live()
        table.remove(d for d, v in held.items() if rows.get(d) != v)
        missing = [d for d, v in rows.items() if held.get(d) != v]
        for start in range(0, len(missing), 500):
            chunk = missing[start:start + 500]
            for doc, version, keys, published in self._db.execute(
                    f"SELECT id, version, keys, published FROM docs WHERE id IN ({','.join('?' * len(chunk))})",
                    chunk):
                table.add(doc, version, np.frombuffer(keys, dtype="<u8").tolist(), day_number(published))
        table.merge()
        return table

    def close(self) -> None:
        """Save the bucket table's snapshot (when it changed) and close the database."""
        if self._snapshot is not None and self._buckets.dirty:
            self._buckets.save(self._snapshot, self._snapshot_tag)
        self._db.close()

    def __len__(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM docs").fetchone()[0])

    def table_bytes(self) -> int:
        """Bytes of memory held by the in-memory bucket table (its arrays)."""
        return self._buckets.nbytes()

    def add(self, article: Article, fp: Fingerprint | None = None, prepared: Text | None = None) -> Added:
        """Index an article (or a new version of one already indexed).

        The same identity with the same normalised text is ``unchanged``; with another text it
        is a new ``version`` replacing the old one (its first-seen time is kept).

        Args:
            article: the article to index.
            fp: its fingerprint, when already computed elsewhere (e.g. in a worker process) with
                this index's parameters; computed here when None.
            prepared: the article's text already prepared for comparison (the one it was
                fingerprinted from), kept for verification instead of being tokenised again.
        """
        if fp is None:
            prepared = prepared or Text(article.text, self.params.shingle_size)
            fp = fingerprint(prepared, self.params)
        row = self._db.execute("SELECT id, sha256, version FROM docs WHERE key=?", (article.key,)).fetchone()
        if row and row[1] == fp.sha256:
            return Added(row[0], "unchanged", row[2])
        if not (isinstance(prepared, Text) and prepared.text == article.text):
            prepared = None
        first_seen = article.first_seen or _now()
        # the article is known by its identity (canonical URL when it declares one), whichever
        # of its URLs was fetched first
        keys = self.keys(fp)
        # an article on an agency's own site is that agency's copy, whether or not the sources
        # file says so (replays, and publishers not listed)
        publisher_wire = article.publisher_wire or agency_of_url(article.key) or agency_of_url(article.url)
        values = (article.key, fp.sha256, article.title, article.published, article.wire, int(article.credited),
                  article.source, publisher_wire, article.run_id, zlib.compress(article.text.encode("utf-8")),
                  np.asarray(keys, dtype="<u8").tobytes(), prepared.saved_views() if prepared else None)
        with self._db:
            if row:
                doc, version = row[0], row[2] + 1
                self._db.execute(
                    "UPDATE docs SET url=?, sha256=?, title=?, published=?, wire=?, credited=?, source=?, publisher_wire=?,"
                    " run_id=?, text=?, keys=?, views=?, version=? WHERE id=?", (*values, version, doc))
                self._texts.pop(doc, None)  # (pair scores are kept by body: a new body has its own)
            else:
                version = 1
                doc = self._db.execute(
                    "INSERT INTO docs (url, sha256, title, published, wire, credited, source, publisher_wire, run_id, text,"
                    " keys, views, key, first_seen) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (*values, article.key, first_seen)).lastrowid
        if row:
            self._buckets.remove([doc])
        self._buckets.add(int(doc), version, keys, day_number(article.published))  # type: ignore[arg-type]
        if prepared is not None:
            self._texts[int(doc)] = self._body(prepared)  # type: ignore[index]
        return Added(int(doc), "version" if row else "new", version)  # type: ignore[arg-type]

    def keys(self, fp: Fingerprint) -> list[int]:
        """The LSH bucket keys of a fingerprint, every signal."""
        if not fp.keys:
            raise ValueError("fingerprint without bucket keys; compute it with crawler.fingerprint.fingerprint")
        return list(fp.keys)

    def candidates(self, doc: int) -> set[int]:
        """Ids sharing at least :data:`MIN_BANDS` bands of one signal with ``doc``."""
        row = self._db.execute("SELECT keys, published FROM docs WHERE id=?", (doc,)).fetchone()
        if row is None:
            return set()
        return set(self._buckets.query(np.frombuffer(row[0], dtype="<u8").tolist(), exclude=doc,
                                       day=day_number(row[1]), min_bands=MIN_BANDS))

    def query(self, fp: Fingerprint, when: str | None = None) -> dict[int, dict[str, int]]:
        """Indexed articles that are candidates for a fingerprint not (necessarily) indexed.

        Args:
            fp: the fingerprint.
            when: the article's published date (ISO 8601), if known: facts and quotes matches
                with articles published more than :data:`~crawler.lineage.buckets.NEAR_DAYS` away
                do not count. (Not the fetch time: a replay or a back-fill fetches old articles today.)

        Returns:
            Candidate id → matching bands per signal name.
        """
        return _named(self._buckets.query(self.keys(fp), day=day_number(when), min_bands=MIN_BANDS))

    def _nodes(self, docs: Iterable[int]) -> dict[int, Node]:
        """The indexed articles ``docs`` as :class:`Node` s, their texts prepared (from the cache when there)."""
        out: dict[int, Node] = {}
        wanted = list(docs)
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            for doc, url, published, first_seen, wire, credited, story, key, body, publisher_wire, views, title in \
                    self._db.execute("SELECT id, url, published, first_seen, wire, credited, story, key, text, "
                                     "publisher_wire, views, title FROM docs "
                                     f"WHERE id IN ({','.join('?' * len(chunk))})", chunk):
                text = self._texts.get(doc)
                if text is None:
                    # the tokens and fact terms saved at add: tokenising again cost more than the rest
                    # of a comparison
                    text = self._texts[doc] = self._body(Text.with_views(zlib.decompress(body).decode("utf-8"),
                                                                         views, self.params.shingle_size))
                out[doc] = Node(id=doc, url=url, text=text, published=published, first_seen=first_seen, wire=wire,
                                credited=bool(credited), story=story, key=key, publisher_wire=publisher_wire,
                                title=title)
        return out

    def _body(self, text: Text) -> Text:
        """The prepared text already held for the same body, if any, else ``text`` (now held)."""
        held = self._bodies.get(text.digest)
        if held is not None and held.text == text.text:
            return held
        self._bodies[text.digest] = text
        return text

    def resolve(self, docs: Iterable[int], *, save: bool = True, evidence: bool = True) -> dict[int, LineageRecord]:
        """Settle lineage for ``docs`` and for every indexed article whose answer they affect.

        Args:
            docs: index ids (from :meth:`add`).
            save: store the answers (and story ids) in the index.
            evidence: build each record's evidence (scores, passages, aligned sentences, votes,
                drift). Without it (and without ``save``) only the answers of ``docs`` are
                computed, from their direct candidates alone: the cheap provisional lineage of an
                article as it passes (the final settle looks further).

        Returns:
            Records for ``docs`` plus records of other indexed articles whose stored answer
            changed (a copy seen before its original, settled now).
        """
        wanted = set(docs)
        provisional = not (save or evidence)
        near: dict[int, set[int]] = {d: self.candidates(d) for d in wanted}
        hood = wanted | set().union(*near.values()) if near else set(wanted)
        if not provisional:
            # the neighbours' own candidates too: a copy's answer depends on its source's source
            for d in hood - wanted:
                near[d] = self.candidates(d)
        nodes = self._nodes(hood | set().union(*near.values()))
        pairs: dict[tuple[int, int], PairScores] = {}
        for a, cands in near.items():
            for b in cands:
                key = (min(a, b), max(a, b))
                if key not in pairs:
                    ta, tb = nodes[key[0]].text, nodes[key[1]].text
                    cached = self._pairs.get((ta.digest, tb.digest))
                    if cached is None:
                        cached = self._pairs[(ta.digest, tb.digest)] = compare(ta, tb, passages=needs_passages)
                    pairs[key] = cached
        # reports of one event that LSH did not pair directly can still share a story
        also = {}
        for a in wanted:
            fa = nodes[a].text.facts
            # two hops through candidates (not every pair of the neighbourhood: a run's final
            # settle has thousands of articles)
            for b in set().union(*(near.get(c, ()) for c in near[a])):
                key = (min(a, b), max(a, b))
                if b != a and key not in pairs and key not in also:
                    fb = nodes[b].text.facts
                    also[key] = len(fa & fb) / max(1, len(fa | fb))
        if provisional:
            return settle(nodes, pairs, report=wanted, also=also, evidence_for=set())
        answers = settle(nodes, pairs, report=hood, also=also, evidence_for=set())
        stored = dict(self._db.execute(
            f"SELECT id, lineage FROM docs WHERE id IN ({','.join('?' * len(hood))})", tuple(hood)).fetchall())
        changed = {d for d in hood - wanted
                   if stored.get(d) and _answer(json.loads(stored[d])) != _answer(answers[d].to_dict())}
        # neighbours never settled yet (indexed by a run that died) are written with the rest
        write = wanted | changed | {d for d in hood if not stored.get(d)}
        records = settle(nodes, pairs, report=write, also=also, evidence_for=write if evidence else set())
        if save:
            with self._db:
                self._db.executemany("UPDATE docs SET story=?, lineage=? WHERE id=?",
                                     [(r.story_id, json.dumps(r.to_dict()), d) for d, r in records.items()])
        return {d: records[d] for d in wanted | changed}

    def stored(self) -> Iterator[dict[str, object]]:
        """The stored lineage of every settled article, in index order."""
        for (row,) in self._db.execute("SELECT lineage FROM docs WHERE lineage IS NOT NULL ORDER BY id"):
            yield json.loads(row)

    def prune(self, now: datetime | None = None) -> int:
        """Drop articles first seen before the window; returns how many."""
        cutoff = ((now or datetime.now(timezone.utc)) - self.window).isoformat()
        ids = [r[0] for r in self._db.execute("SELECT id FROM docs WHERE first_seen < ?", (cutoff,))]
        with self._db:
            self._db.executemany("DELETE FROM docs WHERE id=?", [(i,) for i in ids])
        self._buckets.remove(ids)
        for doc in ids:
            self._texts.pop(doc, None)
        return len(ids)

class _Lru(OrderedDict):  # type: ignore[type-arg]
    """A dict that forgets its least recently used entries past ``size``."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def get(self, key, default=None):  # type: ignore[no-untyped-def]
        if key in self:
            self.move_to_end(key)
            return self[key]
        return default

    def __setitem__(self, key, value) -> None:  # type: ignore[no-untyped-def]
        super().__setitem__(key, value)
        self.move_to_end(key)
        if len(self) > self.size:
            self.popitem(last=False)

def _named(found: dict[int, list[int]]) -> dict[int, dict[str, int]]:
    """Doc → matching bands per signal name (the table already kept only docs passing :data:`MIN_BANDS`)."""
    return {doc: {SIGNALS[s]: n for s, n in enumerate(counts) if n} for doc, counts in found.items()}


def _answer(record: dict[str, object]) -> tuple[object, ...]:
    return (record.get("relation"), record.get("parent_url"), record.get("original_url"), record.get("story_id"))

def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
