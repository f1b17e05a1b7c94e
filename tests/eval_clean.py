"""CLEAN evaluation: body quality against the hand-checked bodies of ``tests/fixtures/html``.

Each body is scored by word 4-grams (tokens as :func:`cleaners.text.words` makes them, so that
typography never counts): precision is the share of our 4-grams found in the hand-checked body,
recall the share of its 4-grams found in ours, F1 their harmonic mean. The same is computed for
``trafilatura.extract`` with its default options (``deduplicate=False``), on the same pages, and
means are taken per page class (the ``class`` field of each golden file).

Run ``python -m tests.eval_clean`` for the table (``--variants`` adds trafilatura's precision,
recall and fast modes, as the bare engine and inside our pipeline, which is how the engine's
options were chosen, and our pipeline without its DOM pruning or layout-table unwrapping, to
show what each stage adds). ``tests/test_clean_quality.py`` is the gate.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from statistics import mean

import trafilatura

from cleaners import clean
from cleaners.text import words
from crawler.exceptions import ExtractionError

__all__ = ["HELDOUT_SETS", "Case", "Score", "by_class", "cases", "evaluate", "ours", "score", "trafilatura_default"]

FIXTURES = Path(__file__).parent / "fixtures" / "html"
#: Pages written apart from the rules (by someone who had not read ``cleaners/``), never tuned on.
HELDOUT = Path(__file__).parent / "fixtures" / "heldout" / "html"
#: Every held-out page set (``html``, ``html2``, …), each written by a different writer.
HELDOUT_SETS = sorted(p.parent for p in HELDOUT.parent.glob("html*/01_*.json"))
N = 4


@dataclass(frozen=True)
class Case:
    """One fixture page: its stem, class, bytes and golden expectations."""

    stem: str
    cls: str
    html: bytes
    spec: dict


@dataclass(frozen=True)
class Score:
    """Word 4-gram precision, recall and F1 of one body against the hand-checked one."""

    precision: float
    recall: float
    f1: float


def cases(with_errors: bool = False, folder: Path = FIXTURES) -> list[Case]:
    """The fixture pages of ``folder`` (those whose golden file expects a body, unless ``with_errors``)."""
    out = []
    for path in sorted(folder.glob("*.html")):
        spec = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        if spec.get("error") and not with_errors:
            continue
        out.append(Case(path.stem, spec.get("class", "other"), path.read_bytes(), spec))
    return out


def _grams(text: str) -> Counter[tuple[str, ...]]:
    toks = words(text)
    return Counter(tuple(toks[i:i + N]) for i in range(len(toks) - N + 1))


def score(candidate: str, gold: str) -> Score:
    """Score ``candidate`` against ``gold`` (multiset word 4-gram overlap)."""
    got, want = _grams(candidate), _grams(gold)
    common = sum((got & want).values())
    p = common / sum(got.values()) if got else 0.0
    r = common / sum(want.values()) if want else 0.0
    return Score(p, r, 2 * p * r / (p + r) if p + r else 0.0)


def ours(case: Case) -> str:
    """Our body for a page ('' when we refuse it)."""
    try:
        return clean(case.html, url=case.spec.get("url"), content_type="text/html").text
    except ExtractionError:
        return ""


def trafilatura_default(case: Case, **options) -> str:
    """trafilatura's output for a page with default options (plus ``options``)."""
    return trafilatura.extract(case.html, url=case.spec.get("url"), deduplicate=False, **options) or ""


def evaluate(systems: dict[str, Callable[[Case], str]], pages: list[Case] | None = None
             ) -> dict[str, dict[str, Score]]:
    """Score every system on every page: ``{system: {stem: Score}}``."""
    pages = cases() if pages is None else pages
    return {name: {c.stem: score(fn(c), c.spec["body"]) for c in pages} for name, fn in systems.items()}


def by_class(scores: dict[str, Score], pages: list[Case]) -> dict[str, Score]:
    """Mean precision, recall and F1 per page class, plus ``all``."""
    groups: dict[str, list[Score]] = defaultdict(list)
    for c in pages:
        groups[c.cls].append(scores[c.stem])
        groups["all"].append(scores[c.stem])
    return {cls: Score(mean(s.precision for s in g), mean(s.recall for s in g), mean(s.f1 for s in g))
            for cls, g in sorted(groups.items())}


def _variants() -> dict[str, Callable[[Case], str]]:
    from cleaners import html as html_stage

    def pipeline(**options):
        def run(case: Case) -> str:
            saved = dict(html_stage.EXTRACT_OPTIONS)
            html_stage.EXTRACT_OPTIONS.update(options)
            try:
                return ours(case)
            finally:
                html_stage.EXTRACT_OPTIONS.clear()
                html_stage.EXTRACT_OPTIONS.update(saved)
        return run

    def without(stage: str, replacement):
        def run(case: Case) -> str:
            saved = getattr(html_stage, stage)
            setattr(html_stage, stage, replacement)
            try:
                return ours(case)
            finally:
                setattr(html_stage, stage, saved)
        return run

    return {
        "ours-noprune": without("prune_boilerplate", lambda tree: []),
        "ours-nounwrap": without("unwrap_layout_tables", lambda tree: 0),
        "traf-precision": lambda c: trafilatura_default(c, favor_precision=True),
        "traf-recall": lambda c: trafilatura_default(c, favor_recall=True),
        "traf-fast": lambda c: trafilatura_default(c, fast=True),
        "ours+precision": pipeline(favor_precision=True),
        "ours+recall": pipeline(favor_recall=True),
        "ours+fast": pipeline(fast=True),
    }


def main(argv: list[str] | None = None) -> int:
    """Print mean P/R/F1 per class for our cleaner and trafilatura's default output."""
    ap = argparse.ArgumentParser(prog="python -m tests.eval_clean", description=__doc__)
    ap.add_argument("--variants", action="store_true", help="also score trafilatura's other modes")
    ap.add_argument("--pages", action="store_true", help="print each page's F1")
    ap.add_argument("--heldout", nargs="?", const="html", metavar="SET",
                    help="score a held-out page set instead (tests/fixtures/heldout/SET, default html)")
    args = ap.parse_args(argv)
    pages = cases(folder=HELDOUT.parent / args.heldout if args.heldout else FIXTURES)
    systems: dict[str, Callable[[Case], str]] = {"ours": ours, "trafilatura": trafilatura_default}
    if args.variants:
        systems.update(_variants())
    results = evaluate(systems, pages)
    if args.pages:
        print(f"{'page':46} " + " ".join(f"{name:>14}" for name in systems))
        for c in pages:
            print(f"{c.stem[:46]:46} " + " ".join(f"{results[name][c.stem].f1:14.3f}" for name in systems))
        print()
    print(f"{'class':16} {'n':>3} " + " ".join(f"{name + ' P/R/F1':>26}" for name in systems))
    tables = {name: by_class(results[name], pages) for name in systems}
    counts = Counter(c.cls for c in pages)
    for cls in tables["ours"]:
        n = len(pages) if cls == "all" else counts[cls]
        cells = [f"{t[cls].precision:.3f}/{t[cls].recall:.3f}/{t[cls].f1:.3f}" for t in tables.values()]
        print(f"{cls:16} {n:3} " + " ".join(f"{c:>26}" for c in cells))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
