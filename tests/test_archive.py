"""ARCHIVE: real crawls of a local HTTP server write runs/<run_id>/raw.warc.gz; replaying it gives the same articles.

The server is a real http.server on 127.0.0.1; crawls are real `scrapy crawl` subprocesses with the
test-only `urls` spider (tests/spiders/urls.py).
"""

from __future__ import annotations

import gzip
import html
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
from warcio.archiveiterator import ArchiveIterator

from crawler.exceptions import InputError
from crawler.storage.archive import WarcArchive, iter_responses, read_response
from tests.conftest import ROOT, SEEDS, run_scrapy

SEED_PAGES = {"a.html": "000_01d35a0089ec8a9b.txt", "b.html": "001_6443f8ba6cddf448.txt",
              "c.html": "002_63fdc63715b44f7b.txt"}
FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><title>A</title><link>http://example.org/a.html</link></item></channel></rss>"""


def _page(seed: str) -> str:
    lines = (SEEDS / seed).read_text(encoding="utf-8").split("\n\n")
    paras = "".join(f"<p>{html.escape(p)}</p>" for p in lines)
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(lines[0][:80])}</title></head>"
            f"<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article>{paras}</article>"
            f"<footer>© Example News</footer></body></html>")


class _Handler(SimpleHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:
        self.hits.append(self.path)
        if self.path == "/slow.html":
            time.sleep(60)
        super().do_GET()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    for name, seed in SEED_PAGES.items():
        (root / name).write_text(_page(seed), encoding="utf-8")
    (root / "feed.xml").write_text(FEED)
    (root / "slow.html").write_text(_page(SEED_PAGES["a.html"]))
    server = ThreadingHTTPServer(("127.0.0.1", 0), lambda *a: _Handler(*a, directory=str(root)))
    server.daemon_threads = True
    server.handle_error = lambda *a: None  # the killed crawl leaves /slow.html writing to a closed socket
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", root
    server.shutdown()
    server.server_close()


def _children(pid: int) -> list[int]:
    """Worker processes (multiprocessing spawn children) of ``pid``."""
    kids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            cmdline = (stat.parent / "cmdline").read_bytes()
        except (OSError, ValueError, IndexError):
            continue
        if ppid == pid and b"spawn_main" in cmdline:
            kids.append(int(stat.parent.name))
    return kids


def _run(tmp: Path) -> Path:
    runs = sorted((tmp / "store" / "runs").iterdir())
    return runs[-1]


def _articles(run: Path) -> list[dict]:
    return [json.loads(x) for x in gzip.decompress((run / "articles.jsonl.gz").read_bytes()).splitlines()]


@pytest.fixture(scope="module")
def live_run(site, tmp_path_factory):
    site, root = site
    tmp = tmp_path_factory.mktemp("live")
    urls = [f"{site}/{n}" for n in ("a.html", "b.html", "c.html", "feed.xml", "missing.html")]
    # robots.txt is not what these tests are about: without it, every request is one of `urls`
    proc = run_scrapy(["crawl", "urls", "-s", "ROBOTSTXT_OBEY=False", "-a", "urls=" + ",".join(urls)], tmp)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return tmp, urls, root


def test_every_response_is_archived_with_its_request(live_run) -> None:
    tmp, urls, root = live_run
    run = _run(tmp)
    warc = run / "raw.warc.gz"
    assert warc.exists(), "the archive is uploaded with the run"
    records = {"request": {}, "response": {}}
    with warc.open("rb") as fh:
        for rec in ArchiveIterator(fh):
            if rec.rec_type in records:
                h = rec.rec_headers
                assert h.get_header("WARC-Date") and h.get_header("WARC-Record-ID")
                records[rec.rec_type][h.get_header("WARC-Target-URI")] = (rec, rec.content_stream().read())
    assert set(records["response"]) == set(urls) == set(records["request"])
    status = {u: int(r.http_headers.get_statuscode()) for u, (r, _) in records["response"].items()}
    assert status[f"{urls[0]}"] == 200 and status[urls[-1]] == 404
    resp, body = records["response"][urls[0]]
    assert resp.rec_headers.get_header("WARC-Payload-Digest").startswith("sha1:")
    assert resp.http_headers.get_header("Content-Type").startswith("text/html")
    assert body == (root / "a.html").read_bytes()
    req, _ = records["request"][urls[0]]
    assert req.http_headers.protocol == "GET" and req.http_headers.get_header("User-Agent")
    assert req.rec_headers.get_header("WARC-Concurrent-To") == resp.rec_headers.get_header("WARC-Record-ID")
    manifest = json.loads((run / "manifest.json").read_text())
    assert manifest["counts"]["events"]["archive/records"] == 2 * len(urls)
    assert manifest["counts"]["articles"] == 3
    assert not list((tmp / "state" / "spool").glob("*/raw.warc.gz")), "the spool copy is removed once uploaded"


def test_replay_of_the_archive_gives_the_same_articles(live_run, tmp_path) -> None:
    tmp, urls, _ = live_run
    warc = _run(tmp) / "raw.warc.gz"
    hits = len(_Handler.hits)
    proc = run_scrapy(["crawl", "replay", "-a", f"path={warc}"], tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    run = _run(tmp_path)
    live = {a["url"]: a for a in _articles(_run(tmp))}
    replayed = {a["url"]: a for a in _articles(run)}
    assert sorted(replayed) == sorted(live) == sorted(urls[:3])
    dates = {r.url: r.date for r in iter_responses(warc, max_bytes=1 << 20, bodies=False)}
    volatile = ("fetched_at", "run_id", "source", "lineage")
    for url, article in replayed.items():
        assert {k: v for k, v in article.items() if k not in volatile} == \
               {k: v for k, v in live[url].items() if k not in volatile}
        assert article["fetched_at"] == dates[url], "the fetch time is the archive's WARC-Date"
        assert article["text"]
    manifest = json.loads((run / "manifest.json").read_text())
    events = manifest["counts"]["events"]
    assert events["replay/not_ok"] == 1 and events["replay/not_article"] == 1
    assert "archive/records" not in events and not (run / "raw.warc.gz").exists(), "replay writes no new archive"
    assert len(_Handler.hits) == hits, "replay never touches the network"


def test_broken_archive_is_counted_and_the_run_goes_on(live_run, tmp_path) -> None:
    tmp, _, _ = live_run
    data = (_run(tmp) / "raw.warc.gz").read_bytes()
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    first = next(r for r in iter_responses(_run(tmp) / "raw.warc.gz", max_bytes=1 << 20, bodies=False)
                 if r.status == 200)
    second_offset = next(r.offset for r in iter_responses(_run(tmp) / "raw.warc.gz", max_bytes=1 << 20, bodies=False)
                         if r.offset > first.offset)
    (inbox / "cut.warc.gz").write_bytes(data[:second_offset + 40])  # ends mid-record
    proc = run_scrapy(["crawl", "replay", "-a", f"path={inbox}"], tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    run = _run(tmp_path)
    assert [a["url"] for a in _articles(run)] == [first.url]
    assert json.loads((run / "manifest.json").read_text())["counts"]["events"]["replay/bad_warc"] == 1
    assert "truncated gzip member" in proc.stderr and "Traceback" not in proc.stderr


def test_a_killed_crawl_keeps_its_archive(site, tmp_path) -> None:
    site, _ = site
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "settings.test",
           "WIRETRACE_STORE_URI": (tmp_path / "store").as_uri(),
           "WIRETRACE_STATE_DIR": str(tmp_path / "state")}
    urls = f"{site}/slow.html,{site}/a.html,{site}/b.html"
    proc = subprocess.Popen([sys.executable, "-m", "scrapy", "crawl", "urls", "-s", "ROBOTSTXT_OBEY=False", "-a", f"urls={urls}"], cwd=ROOT,
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        fetched: list[str] = []
        while time.monotonic() < deadline and len(fetched) < 2:
            time.sleep(0.3)
            for warc in (tmp_path / "state" / "spool").glob("*/raw.warc.gz"):
                try:
                    fetched = [r.url for r in iter_responses(warc, max_bytes=1 << 20)]
                except InputError:  # caught mid-write: try again
                    pass
        assert sorted(fetched) == [f"{site}/a.html", f"{site}/b.html"]
        workers = _children(proc.pid)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(Path(f"/proc/{w}").exists() for w in workers):
        time.sleep(0.1)
    assert workers and not any(Path(f"/proc/{w}").exists() for w in workers), "workers die with the crawl"
    warc = next((tmp_path / "state" / "spool").glob("*/raw.warc.gz"))
    assert sorted(r.url for r in iter_responses(warc, max_bytes=1 << 20)) == [f"{site}/a.html", f"{site}/b.html"]
    assert not (tmp_path / "store").exists() or not list((tmp_path / "store").rglob("manifest.json"))


# The reader on hostile or odd files (Scrapy-free, in process).

def _archive(path: Path, bodies: dict[str, bytes]) -> Path:
    warc = WarcArchive(path)
    for url, body in bodies.items():
        warc.write_exchange(url=url, status=200, response_headers=[("Content-Type", "text/html")], body=body)
    warc.close()
    return path


def test_reader_skips_oversized_records_and_reads_the_rest(tmp_path) -> None:
    warc = _archive(tmp_path / "raw.warc.gz", {"http://x/big": b"x" * 300_000, "http://x/small": b"<p>hi</p>"})
    got = list(iter_responses(warc, max_bytes=100_000))
    assert [(r.url, r.skipped) for r in got] == [("", "too_large"), ("http://x/small", None)]
    assert got[1].body == b"<p>hi</p>" and read_response(warc, got[1].offset, max_bytes=100_000).body == b"<p>hi</p>"


def test_reader_refuses_a_decompression_bomb_without_holding_it(tmp_path) -> None:
    good = _archive(tmp_path / "good.warc.gz", {"http://x/a": b"<p>a</p>"}).read_bytes()
    bomb = tmp_path / "bomb.warc.gz"
    bomb.write_bytes(good + gzip.compress(b"WARC/1.1\r\n" + b"A" * (80 * 1024 * 1024), compresslevel=9))
    assert bomb.stat().st_size < 200_000
    seen = []
    with pytest.raises(InputError, match="inflates past"):
        for r in iter_responses(bomb, max_bytes=1000):
            seen.append(r.url)
    assert seen == ["http://x/a"], "responses before the bomb are read"


def test_reader_decodes_content_encoding_within_the_cap(tmp_path) -> None:
    warc = WarcArchive(tmp_path / "raw.warc.gz")
    body = b"<p>" + b"word " * 50_000 + b"</p>"
    warc.write_exchange(url="http://x/gz", status=200, response_headers=[("Content-Encoding", "gzip"),
                        ("Content-Type", "text/html")], body=gzip.compress(body))
    warc.close()
    (r,) = iter_responses(warc.path, max_bytes=1 << 20)
    assert r.body == body and all(k.lower() != "content-encoding" for k, _ in r.headers)
    (small,) = iter_responses(warc.path, max_bytes=10_000)
    assert small.body is None and small.skipped == "too_large" and small.url == "http://x/gz"


def test_reader_rejects_files_that_are_not_warc(tmp_path) -> None:
    (tmp_path / "a.warc.gz").write_bytes(gzip.compress(b"hello\n" * 10))
    (tmp_path / "b.warc.gz").write_bytes(b"\x1f\x8b garbage")
    (tmp_path / "c.warc").write_bytes(b"hello\n" * 10)
    for name in ("a.warc.gz", "b.warc.gz", "c.warc"):
        with pytest.raises(InputError):
            list(iter_responses(tmp_path / name, max_bytes=1000))
