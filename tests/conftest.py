"""Shared fixtures: the seeds in this repository and their EXPECTED.json oracle."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
EXPECTED = json.loads((SEEDS / "EXPECTED.json").read_text(encoding="utf-8"))
SEED_NAMES = sorted(EXPECTED["articles"])


@pytest.fixture(scope="session")
def expected() -> dict:
    return EXPECTED


def run_scrapy(args: list[str], tmp_path: Path, extra_env: dict[str, str] | None = None,
               timeout: float = 240) -> subprocess.CompletedProcess[str]:
    """Run a real `scrapy` subprocess from the project root with a store and state in tmp_path."""
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "settings.test",
           "WIRETRACE_STORE_URI": (tmp_path / "store").as_uri(), "WIRETRACE_STATE_DIR": str(tmp_path / "state")}
    env.update(extra_env or {})
    return subprocess.run([sys.executable, "-m", "scrapy", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=timeout)
