"""CLEAN + FINGERPRINT in worker processes: same results as inline, crashes cost only the articles in flight.

Real worker processes throughout; the crawls are real `scrapy crawl` subprocesses.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import os
import signal
import subprocess
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from crawler import work
from crawler.exceptions import WorkerCrashed
from crawler.fingerprint import FingerprintParams, fingerprint
from crawler.lineage.verify import Text
from crawler.work import WorkerPool, clean_article
from tests.conftest import ROOT, SEEDS, run_scrapy
from tests.test_archive import _children, _page


def _read(tmp: Path) -> tuple[list[dict], list[dict], dict]:
    (run,) = sorted((tmp / "store" / "runs").iterdir())
    articles = [json.loads(x) for x in gzip.decompress((run / "articles.jsonl.gz").read_bytes()).splitlines()]
    lineage = [json.loads(x) for x in (run / "lineage.jsonl").read_text().splitlines()]
    return articles, lineage, json.loads((run / "manifest.json").read_text())


def test_pool_and_inline_runs_give_identical_articles(tmp_path) -> None:
    # inline; two workers that fingerprint (auto); one worker, fingerprinting left to the crawl
    # process (auto); one worker told to fingerprint
    runs = {"inline": ("0", "auto"), "two": ("2", "auto"), "one": ("1", "auto"), "one-fp": ("1", "workers")}
    results = {}
    for name, (workers, where) in runs.items():
        tmp = tmp_path / name
        proc = run_scrapy(["crawl", "replay", "-a", "path=seeds"], tmp,
                          extra_env={"WIRETRACE_CLEAN_WORKERS": workers, "WIRETRACE_FINGERPRINT_IN": where})
        assert proc.returncode == 0, proc.stderr[-3000:]
        results[name] = _read(tmp)
    events = {name: manifest["counts"]["events"] for name, (_, _, manifest) in results.items()}
    assert "clean/worker_processes" not in events["inline"]
    assert events["two"]["clean/worker_processes"] >= 1, "the pool run cleaned in workers"
    assert events["two"]["clean/workers_prestarted"] == 2, "started before the crawl was built"
    assert "clean/workers_prestarted" not in events["inline"]
    assert {name: e["clean/fingerprint_in"] for name, e in events.items()} == {
        "inline": "crawl", "two": "workers", "one": "crawl", "one-fp": "workers"}
    volatile = ("fetched_at", "run_id", "lineage")
    strip = lambda rows: sorted(({k: v for k, v in a.items() if k not in volatile} for a in rows),
                                key=lambda a: a["url"])
    decisive = ("url", "relation", "parent_url", "original_url", "wire", "credited", "miscredited")
    rows = lambda rows: sorted(tuple(r[k] for k in decisive) for r in rows)
    stories = lambda rows: sorted(sorted(r["url"] for r in rows if r["story_id"] == story)
                                  for story in {r["story_id"] for r in rows})
    inline, inline_lineage, _ = results["inline"]
    assert len(inline) == 5
    for name in ("two", "one", "one-fp"):
        articles, lineage, _ = results[name]
        assert strip(articles) == strip(inline), name
        assert rows(lineage) == rows(inline_lineage), name
        assert stories(lineage) == stories(inline_lineage), name


def test_where_articles_are_fingerprinted(tmp_path) -> None:
    assert work.fingerprint_in_workers("auto", 1) is False  # the crawl process has CPU to spare
    assert work.fingerprint_in_workers("auto", 2) is True
    assert work.fingerprint_in_workers("Workers", 1) is True
    assert work.fingerprint_in_workers("crawl", 4) is False
    assert work.fingerprint_in_workers("workers", 0) is False  # inline: there are none
    done = clean_article((SEEDS / "001_6443f8ba6cddf448.txt").read_bytes(), "file:///x.txt", "text/plain", None)
    assert done.fields["wire"]["service"] == "AP" and done.fingerprint is None and done.prepared is None
    # a worker that does not fingerprint does not import datasketch (nor scipy) to warm up
    code = "import sys; from crawler.work import warm_up; warm_up({}); print('datasketch' in sys.modules)"
    for fingerprints, imported in ((False, "False"), (True, "True")):
        out = subprocess.run([sys.executable, "-c", code.format(fingerprints)], cwd=ROOT, capture_output=True,
                             text=True, check=True)
        assert out.stdout.strip() == imported
    # a wrong value stops the crawl before any request, naming the setting
    proc = run_scrapy(["crawl", "replay", "-a", "path=seeds"], tmp_path, extra_env={"WIRETRACE_FINGERPRINT_IN": "gpu"})
    assert proc.returncode == 2
    assert "WIRETRACE_FINGERPRINT_IN is 'gpu'; use auto, workers or crawl" in proc.stderr
    assert not (tmp_path / "store" / "runs").exists()


def test_worker_result_equals_inline_result() -> None:
    body = (SEEDS / "001_6443f8ba6cddf448.txt").read_bytes()
    inline = clean_article(body, "file:///x.txt", "text/plain", FingerprintParams())

    async def pooled():
        pool = WorkerPool(1)
        try:
            return await pool.run(clean_article, body, "file:///x.txt", "text/plain", FingerprintParams())
        finally:
            pool.close()

    done = asyncio.run(pooled())
    assert done.pid != os.getpid() and inline.pid == os.getpid()
    assert done.fields == inline.fields and done.fields["wire"]["service"] == "AP"
    assert done.fingerprint.sha256 == inline.fingerprint.sha256 == fingerprint(inline.fields["text"]).sha256
    assert (done.fingerprint.shingles == inline.fingerprint.shingles).all()
    bad = clean_article(b"\x00\x01PNG" * 20, "file:///b.txt", None, FingerprintParams())
    assert bad.reason == "binary" and "binary" in bad.error and bad.fingerprint is None and bad.prepared is None
    # the text comes back (through the pipe) with what fingerprinting computed, equal to what
    # the crawl process would compute itself; the other views are computed on demand there
    fresh = Text(inline.fields["text"])
    assert isinstance(done.prepared, Text) and done.prepared.text == inline.fields["text"]
    assert {"tokens", "shingle_hashes", "facts"} <= set(vars(done.prepared))
    assert done.prepared.tokens == fresh.tokens and done.prepared.facts == fresh.facts
    assert (done.prepared.shingle_hashes == fresh.shingle_hashes).all()
    assert done.prepared.terms == fresh.terms and (done.prepared.offsets == fresh.offsets).all()


def _sleep_then_pid(seconds: float) -> int:
    time.sleep(seconds)
    return os.getpid()


def test_pool_bounds_work_in_flight_and_survives_a_dead_worker() -> None:
    async def scenario():
        pool = WorkerPool(2, max_in_flight=3)
        try:
            pids = await asyncio.gather(*(pool.run(_sleep_then_pid, 0.05) for _ in range(12)))
            assert pool.peak_in_flight == 3 and pool.in_flight == 0
            assert os.getpid() not in pids
            with pytest.raises(WorkerCrashed, match="worker process died"):
                await pool.run(os._exit, 3)
            assert pool.crashes == 1
            after = await asyncio.gather(*(pool.run(_sleep_then_pid, 0.01) for _ in range(4)))
            assert not set(after) & set(pids), "the new workers are new processes"
        finally:
            pool.close()

    asyncio.run(scenario())


def test_prestarted_workers_are_claimed_once_or_released() -> None:
    work.prestart(1)
    try:
        waiting = work._waiting
        assert waiting is not None and len(waiting._pool) == 1 and waiting._pool[0].process.is_alive()
        pool, early = work.clean_pool(1)
        assert pool is waiting and early
        assert work.clean_pool(1)[1] is False, "claimed once: the next stage starts its own"
        pool.close()

        work.prestart(1)
        other = work._waiting
        assert other is not None
        pool, early = work.clean_pool(2)  # another size than was started: those stop, a new pool
        assert not early and pool.workers == 2 and not pool._pool
        assert not other._pool

        work.prestart(1)
        process = work._waiting._pool[0].process  # type: ignore[union-attr]
        work.release()
        assert work._waiting is None and not process.is_alive()
    finally:
        work.release()


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="finds worker processes through /proc")
def test_a_killed_worker_drops_only_articles_in_flight(tmp_path) -> None:
    root = tmp_path / "site"
    root.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    for i in range(40):
        (root / f"p{i}.html").write_text(_page(seeds[i % len(seeds)].name).replace("<title>", f"<title>{i} "))
    server = ThreadingHTTPServer(("127.0.0.1", 0), lambda *a: _Quiet(*a, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "settings.test",
           "WIRETRACE_STORE_URI": (tmp_path / "store").as_uri(),
           "WIRETRACE_STATE_DIR": str(tmp_path / "state"), "WIRETRACE_CLEAN_WORKERS": "2", "WIRETRACE_SUMMARY": "0",
           "WIRETRACE_TEST_CLEAN_DELAY": "0.3"}  # workers always hold a page, so the kill hits one in flight
    urls = ",".join(f"{base}/p{i}.html" for i in range(40))
    proc = subprocess.Popen([sys.executable, "-m", "scrapy", "crawl", "urls", "-a", f"urls={urls}",
                             "-s", "DOWNLOAD_DELAY=0.15", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1"],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        killed = None
        while time.monotonic() < deadline and killed is None:
            time.sleep(0.1)
            spool = list((tmp_path / "state" / "spool").glob("*/articles.jsonl"))
            workers = _children(proc.pid)
            if spool and spool[0].read_text().count("\n") >= 3 and workers:
                killed = workers[0]
                os.kill(killed, signal.SIGKILL)
        assert killed, "the crawl ended before a worker could be killed"
        _, stderr = proc.communicate(timeout=240)
    finally:
        if proc.poll() is None:
            proc.kill()
        server.shutdown()
        server.server_close()
    assert proc.returncode == 0, stderr[-3000:]
    articles, _, manifest = _read(tmp_path)
    events = manifest["counts"]["events"]
    lost = events.get("clean/worker_crashed", 0)
    assert manifest["status"] == "complete" and lost >= 1
    assert len(articles) + lost == 40, "every other article was cleaned by the new workers"
    assert "a worker process died" in stderr and "refetch or replay it" in stderr
