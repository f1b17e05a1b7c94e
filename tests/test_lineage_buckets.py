"""LINEAGE: the in-memory bucket table, its snapshot, and an index reopened after a clean close or a crash."""

from __future__ import annotations

import ctypes
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.fingerprint import fingerprint
from crawler.lineage import Article, LineageIndex
from crawler.lineage import buckets as buckets_mod
from crawler.fingerprint import SIGNAL_BITS, SIGNALS
from crawler.lineage.buckets import MAX_BUCKET, NEAR_DAYS, Buckets, day_number
from crawler.lineage.index import SNAPSHOT_SUFFIX
from tests.conftest import ROOT
from tests.lineage_corpus import synth_documents

B = SIGNAL_BITS
SHINGLE, FACT, QUOTE, NAME = 0 << B | 0, 1 << B | 2, 5 << B | 3, 9 << B | 4  # keys of signals 0, 2, 3 and 4


def test_query_counts_bands_per_signal_before_and_after_merge() -> None:
    table = Buckets()
    table.add(10, 1, [SHINGLE, FACT, 7 << B | 2])
    table.add(11, 1, [FACT])
    before = table.query([SHINGLE, FACT, 7 << B | 2])
    assert before == {10: [1, 0, 2, 0, 0], 11: [0, 0, 1, 0, 0]}
    table.merge()
    assert table.query([SHINGLE, FACT, 7 << B | 2]) == before
    assert table.query([FACT], exclude=10) == {11: [0, 0, 1, 0, 0]}


def test_removed_articles_vanish_and_survivors_keep_their_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(buckets_mod, "MERGE_EVERY", 4)
    table = Buckets()
    for doc in range(1, 11):  # merges twice on the way
        table.add(doc, 1, [SHINGLE, (doc << B) | 1])
    table.remove([2, 5, 9])
    assert set(table.query([SHINGLE])) == {1, 3, 4, 6, 7, 8, 10}
    table.merge()  # dead slots dropped, the rest renumbered
    assert set(table.query([SHINGLE])) == {1, 3, 4, 6, 7, 8, 10}
    assert table.query([(8 << B) | 1]) == {8: [0, 1, 0, 0, 0]}
    assert len(table) == 7
    table.add(2, 2, [SHINGLE])  # a new version comes back under its id
    assert 2 in table.query([SHINGLE])


def test_facts_and_quotes_matches_count_only_between_articles_days_apart_at_most_near_days(tmp_path: Path) -> None:
    table = Buckets()
    table.add(1, 1, [FACT, SHINGLE], day=100)
    table.add(2, 1, [FACT], day=100 + NEAR_DAYS + 1)
    table.add(3, 1, [FACT], day=-1)  # undated: never gated
    assert table.query([FACT], day=100) == {1: [0, 0, 1, 0, 0], 3: [0, 0, 1, 0, 0]}
    table.add(4, 1, [QUOTE], day=100 + NEAR_DAYS + 1)
    assert table.query([QUOTE], day=100) == {}
    assert table.query([QUOTE], day=100 + NEAR_DAYS) == {4: [0, 0, 0, 1, 0]}
    assert set(table.query([FACT], day=-1)) == {1, 2, 3}
    # other signals are never gated by time (a copy can appear weeks later)
    assert table.query([SHINGLE], day=100 + 5 * NEAR_DAYS) == {1: [1, 0, 0, 0, 0]}
    table.save(tmp_path / "t.npz", {})
    loaded = Buckets.load(tmp_path / "t.npz", {})
    assert loaded is not None and loaded.query([FACT], day=100) == table.query([FACT], day=100)
    assert day_number(None, "not a date", "2025-03-06T08:01:00-05:00") == day_number("2025-03-06")
    assert day_number(None) == -1


def test_an_overfull_bucket_yields_its_oldest_and_newest_articles() -> None:
    table = Buckets()
    n = MAX_BUCKET * 3
    for doc in range(n):
        table.add(doc, 1, [SHINGLE])
    table.merge()
    found = set(table.query([SHINGLE]))
    half = MAX_BUCKET // 2
    assert found == set(range(half)) | set(range(n - half, n))


def test_a_name_in_too_many_articles_counts_for_none_and_names_are_gated_by_days() -> None:
    table = Buckets()
    common, rare = NAME, 11 << B | 4
    for doc in range(MAX_BUCKET + 1):  # a name in more articles than a bucket holds ("Reuters", "Texas")
        table.add(doc, 1, [common], day=100)
    table.add(500, 1, [common, rare], day=100)
    table.add(501, 1, [rare], day=100 + NEAR_DAYS + 1)
    assert table.query([common], day=100) == {}  # full before any merge
    table.merge()
    assert table.query([common], day=100) == {}
    # a merge cuts a name's bucket back to its oldest articles
    assert table._lookup([common])[2].tolist() == list(range(MAX_BUCKET))
    assert table.query([common, rare], day=100) == {500: [0, 0, 0, 0, 1]}
    assert table.query([rare], day=-1) == {500: [0, 0, 0, 0, 1], 501: [0, 0, 0, 0, 1]}
    table.remove(range(MAX_BUCKET - 2))
    table.merge()  # emptied below the cap, the bucket counts again (its later articles were never kept)
    assert table.query([common], day=100) == {MAX_BUCKET - 2: [0, 0, 0, 0, 1], MAX_BUCKET - 1: [0, 0, 0, 0, 1]}


def test_snapshot_round_trip_and_refusals(tmp_path: Path) -> None:
    table = Buckets()
    for doc in range(1, 50):
        table.add(doc, doc % 3 + 1, [SHINGLE, (doc << B) | 2])
    path = tmp_path / "t.npz"
    table.save(path, {"p": 1})
    assert not list(tmp_path.glob(".*tmp"))
    loaded = Buckets.load(path, {"p": 1})
    assert loaded is not None and loaded.live() == table.live()
    assert loaded.query([SHINGLE, 7 << B | 2]) == table.query([SHINGLE, 7 << B | 2])
    assert Buckets.load(path, {"p": 2}) is None  # other parameters
    path.write_bytes(b"not a snapshot")
    assert Buckets.load(path, {"p": 1}) is None
    assert Buckets.load(tmp_path / "missing.npz", {"p": 1}) is None


def _articles(n: int, seed: int = 3) -> list[Article]:
    return [Article(**d) for d in synth_documents(n, seed=seed)]


def _candidates(index: LineageIndex, articles: list[Article]) -> list[set[int]]:
    return [set(index.query(fingerprint(a.text, index.params))) for a in articles]


def test_reopened_index_finds_what_it_found_before(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(buckets_mod, "MERGE_EVERY", 16)
    arts = _articles(60)
    path = tmp_path / "lineage.sqlite"
    index = LineageIndex.open(path)
    for a in arts:
        index.add(a)
    expected = _candidates(index, arts)
    assert sum(map(len, expected)) > len(arts)  # every article finds itself, copies find more
    index.close()
    assert Path(f"{path}{SNAPSHOT_SUFFIX}").exists()
    reopened = LineageIndex.open(path)
    assert _candidates(reopened, arts) == expected
    reopened.close()
    # without its snapshot the index rebuilds the table from its rows
    Path(f"{path}{SNAPSHOT_SUFFIX}").unlink()
    rebuilt = LineageIndex.open(path)
    assert _candidates(rebuilt, arts) == expected
    rebuilt.close()


_CRASH = """
import os, sys
sys.path.insert(0, {root!r})
from crawler.lineage import Article, LineageIndex
from tests.lineage_corpus import synth_documents
docs = [Article(**d) for d in synth_documents(30, seed=3)]
index = LineageIndex.open({path!r})
for a in docs[20:]:
    index.add(a)
changed = docs[0]
index.add(Article(**{{**changed.__dict__, "text": "An entirely new body for the same address. " * 12}}))
os._exit(0)  # dies without closing: the snapshot on disk is now stale
"""


def test_killed_writer_loses_nothing_and_stale_keys_are_ignored(tmp_path: Path) -> None:
    arts = _articles(30)
    path = tmp_path / "lineage.sqlite"
    index = LineageIndex.open(path)
    for a in arts[:20]:
        index.add(a)
    index.close()
    subprocess.run([sys.executable, "-c", _CRASH.format(root=str(ROOT), path=str(path))], check=True, cwd=ROOT)
    index = LineageIndex.open(path)
    ids = {a.key: index.add(a).id for a in arts[1:]}  # all unchanged: the crashed run's rows are there
    found = index.query(fingerprint(arts[25].text, index.params))
    assert ids[arts[25].key] in found  # added by the killed run, after the snapshot
    first = index.add(Article(**{**arts[0].__dict__, "text": "An entirely new body for the same address. " * 12}))
    assert first.status == "unchanged" and first.version == 2
    # the snapshot still holds version 1's keys; they must not answer for version 2
    assert first.id not in index.query(fingerprint(arts[0].text, index.params))
    index.close()


def test_a_snapshot_of_another_database_is_not_trusted(tmp_path: Path) -> None:
    a_arts, b_arts = _articles(20, seed=3), _articles(20, seed=4)
    a_path, b_path = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    for path, arts in ((a_path, a_arts), (b_path, b_arts)):
        index = LineageIndex.open(path)
        for art in arts:
            index.add(art)
        index.close()
    # ids overlap (both start at 1): only the database's identity tells the snapshots apart
    shutil.copy(f"{b_path}{SNAPSHOT_SUFFIX}", f"{a_path}{SNAPSHOT_SUFFIX}")
    index = LineageIndex.open(a_path)
    for art in a_arts:
        assert index.add(art).id in index.query(fingerprint(art.text, index.params))
    index.close()


def _reference(adds: list[tuple[int, int, list[int], int]], removed: set[tuple[int, int]], keys: list[int],
               exclude: int | None, day: int) -> dict[int, list[int]]:
    """What a query must answer, from the plain list of additions (no caps are reached here)."""
    found: dict[int, list[int]] = {}
    for doc, version, doc_keys, doc_day in adds:
        if (doc, version) in removed or doc == exclude:
            continue
        for key in set(doc_keys) & set(keys):
            signal = key & ((1 << B) - 1)
            if signal >= 2 and day >= 0 and doc_day >= 0 and abs(doc_day - day) > NEAR_DAYS:
                continue
            found.setdefault(doc, [0] * len(SIGNALS))[signal] += 1
    return found


@pytest.mark.parametrize("dir_bits", [16, 19, 22])
def test_packed_table_answers_like_a_plain_list_through_flushes_merges_and_removals(
        dir_bits: int, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(buckets_mod, "_dir_bits_for", lambda entries: dir_bits)
    monkeypatch.setattr(buckets_mod, "FLUSH_EVERY", 5)
    monkeypatch.setattr(buckets_mod, "MERGE_EVERY", 23)
    rng = random.Random(dir_bits)
    # keys drawn from a small pool (so articles share them), spread over the whole 40-bit range
    pool = [rng.getrandbits(40 - B) << B | rng.randrange(len(SIGNALS)) for _ in range(300)]
    pool += [0, (1 << 40) - 4, 5 << B | 2]  # the lowest and highest keys (the highest of the names signal)
    table = Buckets()
    adds: list[tuple[int, int, list[int], int]] = []
    removed: set[tuple[int, int]] = set()
    versions: dict[int, int] = {}  # live articles
    latest: dict[int, int] = {}  # every article ever added (a removed one comes back as a new version)
    for step in range(400):
        doc = rng.randrange(1, 150)
        keys = rng.sample(pool, rng.randrange(1, 12))
        day = rng.choice([-1, 100, 103, 110, 120])
        if doc in versions:  # a new version replaces the old one
            removed.add((doc, versions[doc]))
            table.remove([doc])
        versions[doc] = latest[doc] = latest.get(doc, 0) + 1
        table.add(doc, versions[doc], keys, day)
        adds.append((doc, versions[doc], keys, day))
        if step % 37 == 0:
            gone = rng.sample(sorted(versions), min(3, len(versions) - 1))
            table.remove(gone)
            removed.update((d, versions.pop(d)) for d in gone)
        if step % 9 == 0:
            probe = rng.sample(pool, 15)
            exclude, day = rng.choice([None, doc]), rng.choice([-1, 104])
            expected = _reference(adds, removed, probe, exclude, day)
            assert table.query(probe, exclude=exclude, day=day) == expected
            # filtered in numpy: the articles matching enough keys of some signal, with all their counts
            assert table.query(probe, exclude=exclude, day=day, min_bands=(1, 2, 2, 3, 2)) == {
                doc: counts for doc, counts in expected.items()
                if any(n >= need for n, need in zip(counts, (1, 2, 2, 3, 2)))}
    assert table.live() == versions
    assert len(table) == len(versions)
    table.save(tmp_path / "t.npz", {})
    loaded = Buckets.load(tmp_path / "t.npz", {})
    assert loaded is not None and loaded.live() == versions
    for probe in (pool[:40], pool[40:80], pool[-3:]):
        assert loaded.query(probe, day=103) == _reference(adds, removed, probe, None, 103)


def test_freed_big_arrays_leave_the_heap() -> None:
    """After a merge frees a big array, the next one is mmapped too (glibc's sliding threshold is pinned)."""
    if not sys.platform.startswith("linux") or not hasattr(ctypes.CDLL(None), "mallinfo2"):
        pytest.skip("glibc only")
    probe = """
import ctypes, numpy as np
import crawler.lineage.buckets
class Info(ctypes.Structure):
    _fields_ = [(f, ctypes.c_size_t) for f in ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks",
                                              "fsmblks", "uordblks", "fordblks", "keepcost")]
libc = ctypes.CDLL(None)
libc.mallinfo2.restype = Info
old = np.ones(2_000_000); del old  # 16 MB freed: glibc would now serve up to 16 MB from the heap
new = np.ones(1_000_000)  # 8 MB
print(libc.mallinfo2().hblkhd)
"""
    out = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True, cwd=ROOT)
    assert int(out.stdout) >= 8_000_000


def test_index_queries_return_only_articles_passing_min_bands() -> None:
    from crawler.lineage.index import MIN_BANDS
    from crawler.fingerprint import SIGNALS

    arts = _articles(80)
    index = LineageIndex.open(":memory:")
    for a in arts:
        index.add(a)
    dropped = 0
    for a in arts:
        fp = fingerprint(a.text, index.params)
        raw = index._buckets.query(fp.keys, day=day_number(a.published))
        passing = {doc for doc, counts in raw.items() if any(n >= need for n, need in zip(counts, MIN_BANDS))}
        found = index.query(fp, a.published)
        assert set(found) == passing
        assert all(found[doc] == {SIGNALS[s]: n for s, n in enumerate(raw[doc]) if n} for doc in found)
        dropped += len(raw) - len(passing)
    assert dropped  # some articles share a single facts band only, and are left out
    index.close()
