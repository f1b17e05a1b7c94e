"""Live crawling end to end: real `wiretrace crawl` / `scrapy crawl` subprocesses against the fixture web.

The fixture web (tests/fixtureweb.py) runs one real HTTP server per publisher on 127.0.0.2-4 and logs
every request, so these tests check what the crawler asked for, when, and what it stored.
"""

from __future__ import annotations

import fcntl
import gzip
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from crawler.cli.crawl import run_verdict
from tests.conftest import ROOT, run_scrapy
from tests.fixtureweb import ARTICLES, SECRET_MARKER, STORED, FixtureWeb

CONTACT = "https://contact.test/wiretrace-crawler"
WIRETRACE = Path(sys.executable).parent / "wiretrace"


def _env(tmp: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "SCRAPY_SETTINGS_MODULE": "settings.test", "WIRETRACE_STORE_URI": (tmp / "store").as_uri(),
            "WIRETRACE_STATE_DIR": str(tmp / "state"), "WIRETRACE_CONTACT_URL": CONTACT, **extra}


def _command() -> list[str]:
    return [str(WIRETRACE)] if WIRETRACE.exists() else [sys.executable, "-m", "crawler.cli"]


def wiretrace_crawl(tmp: Path, *args: str, timeout: float = 120, **env: str) -> subprocess.CompletedProcess[str]:
    """Run the real `wiretrace crawl` console script from the project root."""
    return subprocess.run([*_command(), "crawl", *args], cwd=ROOT, env=_env(tmp, **env), capture_output=True,
                          text=True, timeout=timeout)


def _runs(tmp: Path) -> list[Path]:
    root = tmp / "store" / "runs"
    return sorted(root.iterdir()) if root.exists() else []


def _articles(run: Path) -> list[dict]:
    return [json.loads(x) for x in gzip.decompress((run / "articles.jsonl.gz").read_bytes()).splitlines()]


def _manifest(run: Path) -> dict:
    return json.loads((run / "manifest.json").read_text())


def _spooled(tmp: Path) -> list[dict]:
    rows = []
    for spool in (tmp / "state" / "spool").glob("*/articles.jsonl"):
        rows += [json.loads(x) for x in spool.read_text().splitlines() if x.strip()]
    return rows


@pytest.fixture(scope="module")
def web(tmp_path_factory):
    secret = tmp_path_factory.mktemp("secret") / "secret.txt"
    secret.write_text(SECRET_MARKER, encoding="utf-8")
    with FixtureWeb(secret_file=secret) as fixture:
        yield fixture


@pytest.fixture(scope="module")
def sources(web, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("sources") / "sources.toml"
    path.write_text(web.sources_toml(), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def first_run(web, sources, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("live")
    proc = wiretrace_crawl(tmp, "--sources", str(sources))
    return tmp, proc, list(web.hits)


def test_every_article_is_stored_once(web, first_run) -> None:
    tmp, proc, hits = first_run
    assert proc.returncode == 0, proc.stderr[-3000:]
    (run,) = _runs(tmp)
    articles = _articles(run)
    urls = [a["url"] for a in articles]
    assert sorted(urls) == sorted(web.article_url(a) for a in STORED)
    assert _manifest(run)["status"] == "complete" and _manifest(run)["counts"]["articles"] == len(STORED)
    # each article page requested once; the rate-limited one twice (429, then the page)
    paths = Counter((h.site, h.path) for h in hits)
    for a in STORED:
        assert paths[(a.site, a.path)] == (2 if "harbour-museum" in a.path else 1), a.path
    by_url = {a["url"]: a for a in articles}
    storm = by_url[web.url("wire", "/2025/08/23/storm-floods-coastal-towns")]
    assert storm["source"] == "wire" and storm["publisher_wire"] == "AP"
    assert storm["discovery"]["method"] in ("feeds", "sitemaps") and storm["text"].startswith("A slow-moving storm")
    fronts = {web.url("daily", "/world/"), web.url("daily", "/world/asia/"), web.url("regional", "/")}
    assert not fronts & set(urls), "section fronts are crawled for links, not stored"


def test_listing_dates_stand_in_for_a_missing_page_date(web, first_run) -> None:
    tmp, _, _ = first_run
    by_url = {a["url"]: a for a in _articles(_runs(tmp)[0])}
    strike = by_url[web.url("wire", "/news/rail-strike-talks-collapse-unions")]
    assert strike["discovery"]["method"] == "sitemaps"
    assert strike["discovery"]["title"] == "Rail strike looms after talks collapse"
    assert strike["published"] == "2025-08-24T21:30:00+00:00" and strike["extra"]["published_from"] == "sitemaps"
    budget = by_url[web.url("daily", "/news/2025/08/24/city-council-budget-vote")]
    assert budget["discovery"] == {"method": "feeds", "via": web.url("daily", "/atom.xml"),
                                   "published": "2025-08-24T22:10:00+00:00", "published_raw": "2025-08-24T22:10:00+00:00",
                                   "title": "City council passes budget after late-night vote"}


def test_copies_trace_to_the_agency_original(web, first_run) -> None:
    tmp, _, _ = first_run
    run = _runs(tmp)[0]
    rows = {r["url"]: r for r in map(json.loads, (run / "lineage.jsonl").read_text().splitlines())}
    storm = web.url("wire", "/2025/08/23/storm-floods-coastal-towns")
    assert rows[storm]["relation"] == "original"
    for copy in (web.url("daily", "/news/2025/08/23/coastal-towns-flooded-thousands-evacuated"),
                 web.url("regional", "/local/port-closures-hit-fishermen")):
        assert rows[copy]["parent_url"] == storm and rows[copy]["relation"] != "original"


def test_robots_and_follow_rules_are_obeyed(web, first_run) -> None:
    _, _, hits = first_run
    paths = {(h.site, h.path) for h in hits}
    assert ("wire", "/private/embargoed-report-leak") not in paths
    assert ("daily", "/admin/secret-dashboard-article") not in paths
    assert ("daily", "/about/contact-our-newsroom-team") not in paths and ("regional", "/about/contact-our-newsroom-team") not in paths
    assert all(("%s" % s, "/robots.txt") in paths for s in ("wire", "daily", "regional"))
    assert all(CONTACT in h.headers.get("User-Agent", "") for h in hits)


def test_crawl_delay_is_observed(web, first_run) -> None:
    _, _, hits = first_run
    times = sorted(h.at for h in hits if h.site == "wire")
    assert len(times) >= 5
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert min(gaps) >= 0.9, gaps  # robots.txt of the wire site says Crawl-delay: 1


def test_retry_after_is_respected(web, first_run) -> None:
    _, _, hits = first_run
    busy = sorted(h.at for h in hits if h.path == "/news/harbour-museum-reopens-after-repairs")
    assert len(busy) == 2 and busy[1] - busy[0] >= 1.9  # 429 with Retry-After: 2


def test_each_bad_case_is_a_stat_and_a_log_line(first_run) -> None:
    tmp, proc, _ = first_run
    events = _manifest(_runs(tmp)[0])["counts"]["events"]
    expected = {
        "fetch/http_404": "HTTP 404", "fetch/http_500": "HTTP 500", "fetch/timeout": "DOWNLOAD_TIMEOUT",
        "fetch/redirect_loop": "redirect loop", "fetch/wrong_charset": "not valid utf-8",
        "discover/feed_malformed": "bad-feed.xml skipped", "discover/sitemap_malformed": "bad-sitemap.xml skipped",
        "discover/sitemap_bad_entries": "without a usable <loc>", "clean/binary": "annual-report-2025.pdf",
        "fetch/retry_after": "Retry-After 2.0 s", "fetch/crawl_delay_hosts": "Crawl-delay: 1",
    }
    for event, line in expected.items():
        assert events.get(event, 0) >= 1, event
        assert line in proc.stderr, line
    assert events["fetch/too_large"] == 2  # the 30 MB page and the gzip bomb
    assert "huge-page-thirty-megabytes: body over DOWNLOAD_MAXSIZE" in proc.stderr
    assert "gzip-bomb-disguised-story: decompressed body over DOWNLOAD_MAXSIZE" in proc.stderr


def test_wrong_charset_page_is_decoded(web, first_run) -> None:
    tmp, _, _ = first_run
    by_url = {a["url"]: a for a in _articles(_runs(tmp)[0])}
    cafe = by_url[web.url("daily", "/news/wrong-charset-cafe-culture-festival")]
    assert "crêpes, éclairs" in cafe["text"] and "Hélène Martin" in cafe["text"]


def test_external_entity_is_never_read(web, first_run) -> None:
    tmp, proc, hits = first_run
    assert ("daily", "/xxe-sitemap.xml") in {(h.site, h.path) for h in hits}
    assert not any(SECRET_MARKER in h.path or h.path.startswith("/news/leak") for h in hits)
    assert SECRET_MARKER not in proc.stdout + proc.stderr
    for path in (tmp / "store").rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert SECRET_MARKER.encode() not in (gzip.decompress(data) if path.suffix == ".gz" else data)


def test_second_run_downloads_no_unchanged_article(web, sources, first_run) -> None:
    tmp, _, _ = first_run
    before = len(web.hits)
    proc = wiretrace_crawl(tmp, "--sources", str(sources))
    assert proc.returncode == 0, proc.stderr[-3000:]
    hits = web.hits[before:]
    run = _runs(tmp)[-1]
    assert _manifest(run)["counts"]["articles"] == 0 and _articles(run) == []
    article_hits = [h for h in hits if any(h.site == a.site and h.path == a.path for a in STORED)]
    wire = [a for a in STORED if a.site == "wire"]
    # other publishers' articles: no request at all; the agency's originals: a conditional GET each
    assert sorted(h.path for h in article_hits) == sorted(a.path for a in wire)
    assert all(h.headers.get("If-None-Match") for h in article_hits)
    events = _manifest(run)["counts"]["events"]
    assert events["fetch/not_modified"] == len(wire) and events["fetch/seen_skipped"] == len(STORED) - len(wire)
    # feeds and sitemaps are read on every run
    listed = {(h.site, h.path) for h in hits}
    assert {("wire", "/rss.xml"), ("wire", "/news-sitemap.xml"), ("daily", "/sitemap.xml"),
            ("daily", "/atom.xml"), ("daily", "/sitemap-1.xml.gz")} <= listed


def test_updated_wire_original_is_stored_as_a_new_version(web, sources, first_run) -> None:
    tmp, _, _ = first_run
    path = "/2025/08/23/central-bank-holds-rates"
    web.revise(path, "Updates with comment from the finance ministry, which said it welcomed the decision and "
                     "expected growth to pick up in the final quarter of the year.")
    proc = wiretrace_crawl(tmp, "--sources", str(sources))
    assert proc.returncode == 0, proc.stderr[-3000:]
    run = _runs(tmp)[-1]
    (article,) = _articles(run)
    assert article["url"] == web.url("wire", path) and "finance ministry" in article["text"]
    assert article["discovery"]["recheck"] is True
    assert _manifest(run)["counts"]["events"]["lineage/version"] == 1


def test_run_killed_mid_crawl_then_rerun_loses_and_duplicates_nothing(web, sources, tmp_path) -> None:
    proc = subprocess.Popen([*_command(), "crawl", "--sources", str(sources)], cwd=ROOT, env=_env(tmp_path),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while len(_spooled(tmp_path)) < 3 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    killed = [a["url"] for a in _spooled(tmp_path)]
    assert 3 <= len(killed) < len(STORED), "the kill must land mid-crawl"
    assert _runs(tmp_path) == [], "the killed run wrote nothing to the store"

    rerun = wiretrace_crawl(tmp_path, "--sources", str(sources))  # the lock died with the killed process
    assert rerun.returncode == 0, rerun.stderr[-3000:]
    stored = [a["url"] for a in _articles(_runs(tmp_path)[-1])]
    assert not set(stored) & set(killed), "nothing fetched and stored twice"
    assert len(stored) == len(set(stored))
    assert sorted(stored + killed) == sorted(web.article_url(a) for a in STORED), "nothing lost"
    with sqlite3.connect(tmp_path / "state" / "seen.sqlite") as db:
        seen = {r[0] for r in db.execute("SELECT url FROM seen")}
    assert set(stored + killed) <= seen


def test_sigterm_stops_the_run_with_a_failed_verdict(web, sources, tmp_path) -> None:
    proc = subprocess.Popen([*_command(), "crawl", "--sources", str(sources)], cwd=ROOT, env=_env(tmp_path),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not _spooled(tmp_path) and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 1, err[-2000:]
    assert "run failed: stopped by a signal" in err
    assert _manifest(_runs(tmp_path)[-1])["status"] == "incomplete"


def test_second_run_while_one_holds_the_lock_exits_0(web, sources, tmp_path) -> None:
    lock_path = tmp_path / "state" / "crawl.lock"
    lock_path.parent.mkdir(parents=True)
    before = len(web.hits)
    with open(lock_path, "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        proc = wiretrace_crawl(tmp_path, "--sources", str(sources))
    assert proc.returncode == 0
    assert f"a wiretrace run is in progress (lock {lock_path}); exiting" in proc.stdout
    assert len(web.hits) == before and _runs(tmp_path) == []


def test_run_with_no_response_at_all_exits_nonzero(tmp_path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.5", 0))
        port = s.getsockname()[1]  # closed when the block ends: connections are refused
    sources = tmp_path / "sources.toml"
    sources.write_text(f'[[publisher]]\nname = "down"\ndomains = ["127.0.0.5"]\n'
                       f'feeds = ["http://127.0.0.5:{port}/rss.xml"]\n', encoding="utf-8")
    proc = wiretrace_crawl(tmp_path, "--sources", str(sources))
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert "run failed: no response at all" in proc.stderr


def test_malformed_sources_stop_before_any_request(web, tmp_path) -> None:
    sources = tmp_path / "sources.toml"
    sources.write_text(web.sources_toml().replace('wire = "AP"', 'wire = ["AP"]'), encoding="utf-8")
    line = next(i for i, x in enumerate(sources.read_text().splitlines(), 1) if x.startswith("wire ="))
    before = len(web.hits)
    proc = wiretrace_crawl(tmp_path, "--sources", str(sources))
    assert proc.returncode == 2
    assert f"{sources}:{line}: publisher 'wire', field 'wire'" in proc.stderr
    scrapy = run_scrapy(["crawl", "crawl", "-a", f"sources={sources}"], tmp_path)
    assert scrapy.returncode == 2 and f"{sources}:{line}:" in scrapy.stderr
    assert len(web.hits) == before


def test_feeds_spider_for_one_publisher(web, sources, tmp_path) -> None:
    proc = run_scrapy(["crawl", "feeds", "-a", "publisher=wire", "-a", f"sources={sources}"], tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    urls = {a["url"] for a in _articles(_runs(tmp_path)[-1])}
    in_feed = {web.article_url(a) for a in ARTICLES if a.site == "wire" and "rail-strike" not in a.path
               and not a.path.startswith("/private/")}
    assert urls == in_feed


@pytest.mark.parametrize("stats, verdict", [
    ({"finish_reason": "finished", "response_received_count": 9, "robotstxt/response_count": 2}, None),
    ({"finish_reason": "finished", "response_received_count": 2, "robotstxt/response_count": 2}, "no response"),
    ({"finish_reason": "shutdown", "response_received_count": 9}, "stopped by a signal"),
    ({"finish_reason": "finished", "response_received_count": 9, "log_count/ERROR": 21}, "21 ERROR log lines"),
    ({"finish_reason": "finished", "response_received_count": 9, "log_count/ERROR": 20}, None),
    ({"finish_reason": "finished", "response_received_count": 9, "wiretrace/run/status": "failed"}, "store"),
    ({}, "did not start"),
])
def test_run_verdict(stats: dict, verdict: str | None) -> None:
    got = run_verdict(stats, max_errors=20)
    assert (got is None) if verdict is None else (verdict in (got or ""))
