"""CLEAN is deterministic: the same bytes give the same JSON in any order and in any process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from cleaners import clean
from tests.conftest import ROOT, SEEDS
from tests.test_boilerplate_shapes import SHAPES, page

HTML_FIXTURES = sorted((Path(__file__).parent / "fixtures" / "html").glob("*.html"))


def _inputs(tmp_path: Path) -> list[Path]:
    files = list(HTML_FIXTURES[:12]) + sorted(SEEDS.glob("*.txt"))
    for i, (shape, (parts, _)) in enumerate(list(SHAPES.items())[:6]):
        p = tmp_path / f"shape{i}.html"
        p.write_bytes(page(**parts))
        files.append(p)
    return files


def _run(files: list[Path], seed: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    out = subprocess.run([sys.executable, "-m", "cleaners", "--jsonl", "--url", "https://example.test/a",
                          *map(str, files)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    lines = [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
    assert len(lines) == len(files), out.stderr[-2000:]
    return {d.pop("file"): json.dumps(d, sort_keys=True) for d in lines}


def test_same_bytes_same_json_across_processes_and_orders(tmp_path: Path) -> None:
    files = _inputs(tmp_path)
    first = _run(files, "1")
    second = _run(list(reversed(files)), "4242")
    assert first == second


def test_repeated_copies_are_not_emptied() -> None:
    # trafilatura's dedup cache would empty the third copy of a page; we never enable it.
    content = page(**SHAPES["read more line"][0])
    results = [clean(content).to_dict() for _ in range(5)]
    assert all(r == results[0] for r in results) and results[0]["text"]
