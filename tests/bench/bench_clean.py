"""BENCH: the whole clean step against bare ``trafilatura.extract`` with metadata, on the same pages.

Run by hand (not collected by pytest)::

    .venv/bin/python tests/bench/bench_clean.py              # 7 rounds over tests/fixtures/html
    .venv/bin/python tests/bench/bench_clean.py --rounds 15

For each page, each round times ``cleaners.clean(html, url=…)`` (decode, parse, metadata, wire
evidence, pruning, trafilatura, line rules, language) and ``trafilatura.extract(html, url=…,
with_metadata=True, deduplicate=False)``, the baseline, back to back in alternating order so that
both see the same machine load. Warm-up (py3langid's model load, first-call caches) happens before
timing. Reported: pages per second for each and the ratio of total times, per round and as the
median over rounds. Target: ratio ≤ 1.15.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import trafilatura  # noqa: E402

from cleaners import clean  # noqa: E402
from crawler.exceptions import ExtractionError  # noqa: E402
from tests.eval_clean import cases  # noqa: E402

TARGET = 1.15


def _ours(html: bytes, url: str | None) -> None:
    try:
        clean(html, url=url, content_type="text/html")
    except ExtractionError:
        pass


def _baseline(html: bytes, url: str | None) -> None:
    trafilatura.extract(html, url=url, with_metadata=True, deduplicate=False)


def main(argv: list[str] | None = None) -> int:
    """Time both over every fixture page; print pages/s and the ratio; exit 1 over the target."""
    ap = argparse.ArgumentParser(prog="bench_clean.py", description=__doc__)
    ap.add_argument("--rounds", type=int, default=7)
    args = ap.parse_args(argv)
    pages = [(c.html, c.spec.get("url")) for c in cases(with_errors=True)]
    if not pages:
        print("no pages in tests/fixtures/html")
        return 1
    for html, url in pages:  # warm-up: language model, lazy imports, regex caches
        _ours(html, url)
        _baseline(html, url)
    gc.collect()
    ratios, ours_rates, base_rates = [], [], []
    for rnd in range(args.rounds):
        t_ours = t_base = 0.0
        for i, (html, url) in enumerate(pages):
            order = (_ours, _baseline) if (i + rnd) % 2 == 0 else (_baseline, _ours)
            for fn in order:
                start = time.perf_counter()
                fn(html, url)
                elapsed = time.perf_counter() - start
                if fn is _ours:
                    t_ours += elapsed
                else:
                    t_base += elapsed
        ratios.append(t_ours / t_base)
        ours_rates.append(len(pages) / t_ours)
        base_rates.append(len(pages) / t_base)
        print(f"round {rnd + 1}: clean {ours_rates[-1]:6.1f} pages/s, trafilatura.extract {base_rates[-1]:6.1f} "
              f"pages/s, ratio {ratios[-1]:.3f}")
    ratio = statistics.median(ratios)
    print(f"\n{len(pages)} pages × {args.rounds} rounds")
    print(f"cleaners.clean:                          {statistics.median(ours_rates):6.1f} pages/s (median)")
    print(f"trafilatura.extract(with_metadata=True): {statistics.median(base_rates):6.1f} pages/s (median)")
    print(f"ratio clean / extract: {ratio:.3f} (median; target ≤ {TARGET})")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
