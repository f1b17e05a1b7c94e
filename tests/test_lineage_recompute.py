"""LINEAGE offline: `wiretrace lineage` recomputes a whole store; a mismatched index stops a crawl early."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from crawler.fingerprint import FingerprintParams
from crawler.lineage import LineageIndex
from tests.conftest import EXPECTED, ROOT, SEEDS, run_scrapy


def _wiretrace(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "settings.test",
           "WIRETRACE_STORE_URI": (tmp_path / "store").as_uri(), "WIRETRACE_STATE_DIR": str(tmp_path / "state")}
    return subprocess.run([sys.executable, "-m", "crawler.cli", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=240)


def _replay(names: list[str], tmp_path: Path, folder: str) -> None:
    src = tmp_path / folder
    src.mkdir()
    for name in names:
        shutil.copy(SEEDS / name, src / name)
    proc = run_scrapy(["crawl", "replay", "-a", f"path={src}"], tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]


def _recomputed(tmp_path: Path) -> tuple[dict[str, dict], dict]:
    out = sorted((tmp_path / "store" / "lineage").iterdir())[-1]
    rows = [json.loads(x) for x in (out / "lineage.jsonl").read_text().splitlines()]
    return {Path(r["url"]).name: r for r in rows}, json.loads((out / "manifest.json").read_text())


def test_recompute_over_runs_of_two_days(tmp_path) -> None:
    # the originals in one run, the rewrite and the related report in a later one
    _replay(["000_01d35a0089ec8a9b.txt", "001_6443f8ba6cddf448.txt", "002_63fdc63715b44f7b.txt"], tmp_path, "day1")
    _replay(["003_21541c34db9c8c06.txt", "004_f07375100f644586.txt"], tmp_path, "day2")
    proc = _wiretrace(["lineage"], tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "5 articles from 2 runs settled" in proc.stdout
    assert "settle" in proc.stderr  # the progress bar
    rows, manifest = _recomputed(tmp_path)
    assert manifest["runs"] == 2 and manifest["articles"] == 5 and manifest["rebuilt_index"] is False
    assert manifest["fingerprint"] == FingerprintParams().manifest()
    for name, want in EXPECTED["articles"].items():
        got = rows[Path(name).name]
        assert got["relation"] in want["lineage"]["relation"]
        assert (got["parent_url"] and Path(got["parent_url"]).name) in want["lineage"]["parent"]
    assert len({r["story_id"] for r in rows.values()}) == 1


def test_mismatched_index_stops_the_crawl_and_rebuild_fixes_it(tmp_path) -> None:
    _replay(["000_01d35a0089ec8a9b.txt", "003_21541c34db9c8c06.txt"], tmp_path, "day1")
    index = tmp_path / "state" / "lineage.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(str(index) + suffix).unlink(missing_ok=True)
    LineageIndex.open(index, FingerprintParams(num_perm=64, shingle_bands=16, lead_bands=16, fact_bands=21)).close()

    proc = run_scrapy(["crawl", "replay", "-a", f"path={tmp_path / 'day1'}"], tmp_path)
    assert proc.returncode == 2
    assert "other fingerprint parameters" in proc.stderr and "wiretrace lineage --rebuild" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert len(list((tmp_path / "store" / "runs").iterdir())) == 1  # nothing was crawled

    proc = _wiretrace(["lineage", "--rebuild", "--quiet"], tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "crawl index rebuilt" in proc.stdout
    rebuilt = LineageIndex.open(index)  # opens with the running parameters now
    assert len(rebuilt) == 2
    rebuilt.close()
    rows, _ = _recomputed(tmp_path)
    assert rows["003_21541c34db9c8c06.txt"]["relation"] == "rewrite"

    proc = run_scrapy(["crawl", "replay", "-a", f"path={tmp_path / 'day1'}"], tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]


def test_bad_store_is_one_clear_line(tmp_path) -> None:
    proc = _wiretrace(["lineage", "--store", "ftp://nowhere/x"], tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.startswith("wiretrace lineage: unknown store scheme 'ftp'")
    assert "Traceback" not in proc.stderr


def test_rebuild_waits_for_no_running_crawl(tmp_path) -> None:
    import fcntl

    (tmp_path / "state").mkdir()
    with open(tmp_path / "state" / "crawl.lock", "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # as a running `wiretrace crawl` holds it
        proc = _wiretrace(["lineage", "--rebuild", "--quiet"], tmp_path)
    assert proc.returncode == 2
    assert "a wiretrace run holds" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "state" / "lineage.sqlite").exists()
