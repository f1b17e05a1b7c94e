"""BENCH: lineage cost per document, index memory, query latency and open time, at 10k and 100k documents.

Run by hand (not collected by pytest)::

    .venv/bin/python tests/bench/bench_lineage.py            # 10k and 100k documents
    .venv/bin/python tests/bench/bench_lineage.py --docs 10000

Documents are real-length articles synthesised by ``tests/lineage_corpus.py`` (originals and
copies of every relation, ~60/40). For each document the script times what a crawl does per
article: the fingerprint, then the provisional resolve (the candidate query, verification of every
candidate: exact scores and sentence alignment, and the settle without evidence, as the pipeline
does); the insert is timed apart. The baseline, measured in the same run on the same machine, is
``trafilatura.extract`` on typical news pages (the HTML fixtures when present, else pages built
from the seeds); the target is lineage ≤ 5% of it per document.

The candidate query is also timed on its own, just before the insert, for its p50/p99 (target
p99 ≤ 1 ms), and once the index is full, for 2,000 held-out articles. Also reported: resident
memory added per indexed document (target ≤ 1 KB at 100k): everything the process gained while
indexing, bounded caches included, over a baseline taken after a warm-up on a throwaway index
(imports and first-use allocations are not the index), in a fresh process per size; the bucket
table's own bytes; datasketch's in-memory ``MinHashLSH`` on the first 10k signatures for
comparison; memory every 10k documents (flat over a long run) and what each document added after
the first 10k, when the bounded caches are full; and the time to open the index and answer a first
query (target ≤ 2 s at 100k).
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import statistics
import subprocess
import sys
import tempfile
import time
from array import array
from pathlib import Path
from typing import Iterable

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from crawler.fingerprint import FingerprintParams, fingerprint  # noqa: E402
from crawler.lineage import Article, LineageIndex  # noqa: E402
from crawler.lineage.verify import Text  # noqa: E402
from tests.lineage_corpus import synth_documents  # noqa: E402

PAGE_SIZE = 4096


def rss_bytes() -> int:
    """Resident set size of this process (Linux)."""
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * PAGE_SIZE


def pages() -> list[bytes]:
    """Typical news pages for the trafilatura baseline."""
    found = sorted((ROOT / "tests" / "fixtures" / "html").glob("*.html"))
    if found:
        return [p.read_bytes() for p in found]
    out = []
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        paras = "".join(f"<p>{line}</p>\n" for line in seed.read_text(encoding="utf-8").splitlines() if line.strip())
        nav = "".join(f'<li><a href="/section/{i}">Section {i}</a></li>' for i in range(60))
        out.append((f"<html><head><title>News</title></head><body><nav><ul>{nav}</ul></nav>"
                    f"<article><h1>Headline</h1>{paras}</article><footer>{nav}</footer></body></html>").encode())
    return out


def trafilatura_ms(html_pages: list[bytes], rounds: int = 3) -> float:
    """Median milliseconds of ``trafilatura.extract`` (with metadata, no dedup) per page."""
    import trafilatura

    times = []
    for _ in range(rounds):
        for page in html_pages:
            t = time.perf_counter()
            trafilatura.extract(page, with_metadata=True, deduplicate=False)
            times.append(time.perf_counter() - t)
    return statistics.median(times) * 1e3


def pct(values: Iterable[float], p: float) -> float:
    """The ``p``-th percentile of ``values`` (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


def run(n: int, baseline_ms: float, seed: int = 7) -> dict[str, float]:
    """Index ``n`` synthetic documents; returns the measured figures."""
    params = FingerprintParams()
    warm = LineageIndex.open(":memory:", params)
    for doc in synth_documents(100, seed=seed + 2):
        art = Article(**doc)
        warm.resolve([warm.add(art).id], save=False, evidence=False)
    warm.close()
    del warm
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "lineage.sqlite"
        idx = LineageIndex.open(path, params)
        gc.collect()
        rss0 = rss_bytes()
        # per-document figures in typed arrays (8 or 4 bytes each): lists of Python floats would
        # add ~100 bytes a document to the resident memory measured as the index's
        per_doc, queries, inserts, cands = array("d"), array("d"), array("d"), array("i")
        samples: list[tuple[int, float]] = []
        started = time.perf_counter()
        for i, doc in enumerate(synth_documents(n, seed=seed), 1):
            art = Article(**doc)
            t0 = time.perf_counter()
            text = Text(art.text, params.shingle_size)
            fp = fingerprint(text, params)
            t1 = time.perf_counter()
            found = idx.query(fp, art.published)
            t2 = time.perf_counter()
            added = idx.add(art, fp, prepared=text)
            t3 = time.perf_counter()
            idx.resolve([added.id], save=False, evidence=False)
            t4 = time.perf_counter()
            queries.append(t2 - t1)
            inserts.append(t3 - t2)
            per_doc.append((t1 - t0) + (t4 - t3))  # resolve runs the candidate query itself
            cands.append(len(found))
            if i % 10_000 == 0 or i == n:
                samples.append((i, (rss_bytes() - rss0) / 1e6))
                rate = i / (time.perf_counter() - started)
                print(f"  {i:>7} docs  {rate:6.0f} docs/s  rss +{samples[-1][1]:.1f} MB", file=sys.stderr, flush=True)
        rss_added = rss_bytes() - rss0
        table = idx.table_bytes()
        # latency of queries against the whole index (held-out articles, fingerprinted beforehand)
        held = [(fingerprint(d["text"], params), d.get("published")) for d in synth_documents(2000, seed=seed + 1)]
        full = []
        for fp, published in held:
            t = time.perf_counter()
            idx.query(fp, published)
            full.append(time.perf_counter() - t)
        idx.close()
        t = time.perf_counter()
        idx = LineageIndex.open(path, params)
        idx.query(fingerprint(Article(**next(synth_documents(1, seed=seed + 1))).text, params))
        open_s = time.perf_counter() - t
        idx.close()
        size = path.stat().st_size + sum(p.stat().st_size for p in path.parent.glob("lineage.sqlite-*"))
    mean_ms = statistics.fmean(per_doc) * 1e3
    return {
        "docs": n,
        "lineage_ms_per_doc": mean_ms,
        "ratio_to_trafilatura": mean_ms / baseline_ms,
        "query_p50_ms": pct(queries, 50) * 1e3,
        "query_p99_ms": pct(queries, 99) * 1e3,
        "full_query_p50_ms": pct(full, 50) * 1e3,
        "full_query_p99_ms": pct(full, 99) * 1e3,
        "insert_ms": statistics.fmean(inserts) * 1e3,
        "candidates_mean": statistics.fmean(cands),
        "candidates_p99": pct(cands, 99),
        "rss_bytes_per_doc": rss_added / n,
        "rss_samples_mb": samples,  # type: ignore[dict-item]
        # what each document adds once the bounded caches are full (they are by 10k documents)
        "rss_bytes_per_doc_after_10k": ((samples[-1][1] - samples[0][1]) * 1e6 / (n - samples[0][0])
                                        if n > samples[0][0] else float("nan")),
        "table_bytes_per_doc": table / n,
        "open_s": open_s,
        "disk_bytes_per_doc": size / n,
    }


def datasketch_lsh_bytes_per_doc(n: int = 10_000, seed: int = 7) -> float:
    """Resident memory per document of datasketch's in-memory MinHashLSH (32 × 4), for comparison."""
    from datasketch import MinHash, MinHashLSH

    params = FingerprintParams()
    sigs = [fingerprint(d["text"], params).shingles for d in synth_documents(n, seed=seed)]
    gc.collect()
    rss0 = rss_bytes()
    lsh = MinHashLSH(num_perm=params.num_perm, params=(params.shingle_bands, params.shingle_rows))
    for i, sig in enumerate(sigs):
        lsh.insert(str(i), MinHash(num_perm=params.num_perm, hashvalues=sig, scheme=params.scheme))
    return (rss_bytes() - rss0) / n


def _in_child(what: str, n: int, base: float = 0.0) -> dict[str, object]:
    # Memory is measured in a fresh process: memory a process freed earlier (another run, the
    # baseline) is reused without showing in its resident size, and would hide the index's.
    out = subprocess.run([sys.executable, __file__, "--child", what, str(n), str(base)], check=True,
                         stdout=subprocess.PIPE, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--no-datasketch", action="store_true", help="skip the MinHashLSH memory comparison")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        what, n, base = args.child[0], int(args.child[1]), float(args.child[2])
        result = run(n, base) if what == "run" else {"bytes_per_doc": datasketch_lsh_bytes_per_doc(n)}
        print(json.dumps(result))
        return
    html_pages = pages()
    base = trafilatura_ms(html_pages)
    print(f"baseline: trafilatura.extract {base:.2f} ms per page (median of {len(html_pages)} pages × 3)")
    if not args.no_datasketch:
        lsh = _in_child("datasketch", 10_000)["bytes_per_doc"]
        print(f"datasketch MinHashLSH (in memory, 32×4): {lsh:.0f} bytes/doc at 10k")
    for n in args.docs:
        r = _in_child("run", n, base)
        print(f"\n{n} documents")
        print(f"  lineage per doc (fingerprint + query, verify and settle): {r['lineage_ms_per_doc']:.2f} ms"
              f" = {100 * r['ratio_to_trafilatura']:.1f}% of trafilatura.extract (target ≤ 5%)")
        print(f"  candidate query: p50 {r['query_p50_ms']:.3f} ms, p99 {r['query_p99_ms']:.3f} ms"
              " (target p99 ≤ 1 ms);"
              f" candidates per doc mean {r['candidates_mean']:.1f}, p99 {r['candidates_p99']:.0f}")
        print(f"  query of the full index (2,000 held-out articles): p50 {r['full_query_p50_ms']:.3f} ms,"
              f" p99 {r['full_query_p99_ms']:.3f} ms")
        print(f"  insert: {r['insert_ms']:.2f} ms per doc; disk {r['disk_bytes_per_doc']:.0f} bytes/doc")
        print(f"  memory: +{r['rss_bytes_per_doc']:.0f} bytes/doc resident (target ≤ 1024), of which the bucket"
              f" table {r['table_bytes_per_doc']:.0f}; samples (docs, MB): {r['rss_samples_mb']}")
        if not math.isnan(r["rss_bytes_per_doc_after_10k"]):
            print(f"  memory each document added after the first 10k (caches full): "
                  f"{r['rss_bytes_per_doc_after_10k']:.0f} bytes")
        print(f"  open + first query: {r['open_s']:.3f} s (target ≤ 2 s)")


if __name__ == "__main__":
    main()
