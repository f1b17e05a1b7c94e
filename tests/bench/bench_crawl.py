"""Benchmark (run by hand, not collected by pytest): pages per second of real crawls of a local site.

    .venv/bin/python tests/bench/bench_crawl.py [--pages 600] [--workers N]

Writes ``--pages`` real-size article pages (the seeds and tests/fixtures/plaintext articles in a
news-site template with head scripts, styles, navigation, related stories and footer, ~30–80 KB
each, varied per URL), serves them over HTTP/1.1 with keep-alive from memory (a small asyncio
server on 127.0.0.1, in this process), and measures, in one run:

* bare ``trafilatura.extract`` over the same pages, one process, one core (the baseline);
* ``scrapy crawl urls`` with no item pipelines (download + archive only);
* the full pipeline (clean + fingerprint in the worker pool, lineage, store, archive), with the
  crawl's default number of workers unless ``--workers`` says otherwise;
* the full pipeline with ``WIRETRACE_CLEAN_WORKERS=0`` (cleaning inline in the reactor).

Crawl rates use Scrapy's own ``elapsed_time_seconds`` (spider open to close, pool start-up
included). CPU per page is given for the crawl process, its workers and the server (this
process's other threads), start-up included. Prints the figures and their ratios to the baseline;
the target is full pipeline with the pool ≥ 1.8 × the baseline.

Also prints the ceiling of this machine: no pipeline can beat its CPUs divided by the CPU every
page needs at the least, which is the download-only crawl's (from spider open to close, start-up
excluded) plus trafilatura's cheapest extraction (``fast`` mode, no metadata: less than the
pipeline does). When that ceiling is below 1.8 × the baseline, the target is out of reach on this
machine whatever the pipeline does.
"""

from __future__ import annotations

import argparse
import asyncio
import html
import json
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SECTIONS = ["World", "Business", "Markets", "Politics", "Technology", "Science", "Health", "Sport", "Culture",
            "Opinion", "Climate", "Asia", "Europe", "Americas", "Africa", "Middle East", "Energy", "Media"]


def _articles() -> list[tuple[str, list[str]]]:
    """(headline, paragraphs) of every seed and plain-text fixture."""
    out = []
    for path in sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests/fixtures/plaintext").glob("*.txt")):
        paras = [p.strip() for p in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")) if p.strip()]
        if len(paras) == 1:
            paras = [p.strip() for p in paras[0].splitlines() if p.strip()]
        head = max(paras[:3], key=len) if len(paras[0]) > 140 else paras[0]
        out.append((head[:110], paras))
    return out


def _words(rng: random.Random, n: int) -> str:
    vocab = ("market officials said government week report minister data growth talks city police court "
             "company shares council election energy prices health school water plan deal rates").split()
    return " ".join(rng.choice(vocab) for _ in range(n)).capitalize()


_WORD = re.compile(r"[A-Za-z]{4,}")


def _disguise(text: str, key: int) -> str:
    """The same text with every word of 4+ letters replaced by a pseudo-word unique to ``key``.

    Keeps length, case, punctuation and short words, so extraction costs the same, while no two
    pages share shingles or content terms: lineage finds no copies (see ``--corpus``).
    """
    def swap(m: re.Match[str]) -> str:
        word = m.group(0)
        rng = random.Random(f"{key}:{word.lower()}")
        fake = "".join(rng.choice("aeioubcdfghklmnprstvwz") for _ in word)
        return fake.capitalize() if word[0].isupper() else fake

    return _WORD.sub(swap, text)


def page(i: int, articles: list[tuple[str, list[str]]], distinct: bool = True) -> str:
    """Article page ``i``: article ``i % len(articles)`` in a site template, varied by ``i``.

    With ``distinct`` the article's words are disguised per page (no two pages are copies);
    otherwise the article text is repeated verbatim, as wire copies are.
    """
    rng = random.Random(i)
    title, paras = articles[i % len(articles)]
    if distinct:
        title, paras = _disguise(title, i), [_disguise(p, i) for p in paras]
    others = [a for j, a in enumerate(articles) if j != i % len(articles)]
    rng.shuffle(others)
    site = f"The Daily Courier {i % 7}"
    css = "\n".join(f".c{k}-{i % 5}{{margin:{k % 9}px;padding:{k % 7}px;color:#{k * 2654435761 % 0xffffff:06x};"
                    f"font:{12 + k % 6}px/1.4 sans-serif}}" for k in range(260))
    js = "\n".join(f"window.__cfg{k}={{id:'{rng.getrandbits(64):x}',slot:'ad-{k}',sizes:[[300,250],[728,90]],"
                   f"targeting:{{sec:'{rng.choice(SECTIONS)}',pos:{k}}}}};" for k in range(120))
    nav = "".join(f"<li><a href='/{s.lower().replace(' ', '-')}/'>{s}</a><ul>"
                  + "".join(f"<li><a href='/{s.lower()}/{k}'>{_words(rng, 2)}</a></li>" for k in range(5))
                  + "</ul></li>" for s in SECTIONS)
    body = []
    for k, p in enumerate(paras):
        body.append(f"<p>{html.escape(p)}</p>")
        if k == 2:
            body.append(f"<aside class='inline-promo'><a href='/promo/{i}'>Read more: {html.escape(others[0][0])}</a>"
                        f"</aside><div class='ad-slot' id='ad-inline-{i}'>Advertisement</div>")
    cards = "".join(f"<article class='card'><a href='/story/{rng.getrandbits(32)}'><h3>{html.escape(t)}</h3></a>"
                    f"<p>{html.escape(ps[-1][:160])}</p>"
                    f"<span class='time'>{rng.randint(1, 59)} min ago</span></article>"
                    for t, ps in others[:12])
    most_read = "".join(f"<li><a href='/story/{rng.getrandbits(32)}'>{html.escape(t)}</a></li>"
                        for t, _ in others[12:22])
    footer = "".join(f"<li><a href='/about/{k}'>{_words(rng, 3)}</a></li>" for k in range(90))
    published = f"2025-08-{1 + i % 28:02d}T{i % 24:02d}:{i % 60:02d}:00Z"
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)} | {site}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta property="og:title" content="{html.escape(title)}"><meta property="og:type" content="article">
<meta property="og:site_name" content="{site}"><meta name="twitter:card" content="summary_large_image">
<meta property="article:published_time" content="{published}">
<link rel="canonical" href="https://courier{i % 7}.example/news/{i}">
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle","headline":{title!r},
"datePublished":"{published}","publisher":{{"@type":"Organization","name":"{site}"}}}}</script>
<style>{css}</style><script>{js}</script></head>
<body><div class="cookie">We use cookies to improve your experience. <button>Accept all</button></div>
<header><a class="logo" href="/">{site}</a><form action="/search"><input name="q"></form>
<nav><ul>{nav}</ul></nav></header>
<div class="breadcrumb"><a href="/">Home</a> › <a href="/world/">{rng.choice(SECTIONS)}</a></div>
<main><article class="story"><h1>{html.escape(title)}</h1>
<div class="meta"><time datetime="{published}">{published[:10]}</time> · updated {rng.randint(1, 9)} hours ago</div>
<figure><img src="/img/{i}.jpg" alt=""><figcaption>File photo. {_words(rng, 8)}. (Photo: Agency)</figcaption></figure>
<div class="share">Share: <a href="#">Facebook</a> <a href="#">X</a> <a href="#">WhatsApp</a>
<a href="#">Email</a></div>
{''.join(body)}
<div class="tags">Tags: {', '.join(rng.sample(SECTIONS, 4))}</div></article>
<section class="related"><h2>Related stories</h2>{cards}</section></main>
<aside class="rail"><h2>Most read</h2><ol>{most_read}</ol>
<div class="newsletter">Get the morning briefing in your inbox. <input type="email">
<button>Sign up</button></div></aside>
<footer><ul>{footer}</ul><p>© 2025 {site}. All rights reserved.</p></footer></body></html>
"""


class _Site:
    """The pages over HTTP/1.1 with keep-alive, from memory, on one asyncio thread of this process.

    What a news site's front end does, for a fraction of the CPU of ``http.server`` (which parses
    every request's headers with the email package and runs a thread per connection): the server
    shares the machine's cores with the crawl it serves. Unknown paths (robots.txt) are 404.
    """

    def __init__(self, pages: dict[str, bytes]) -> None:
        self.pages = pages
        self.loop = asyncio.new_event_loop()
        ready = threading.Event()
        threading.Thread(target=self._serve, args=(ready,), daemon=True).start()
        ready.wait()

    def _serve(self, ready: threading.Event) -> None:
        server = self.loop.run_until_complete(asyncio.start_server(self._client, "127.0.0.1", 0))
        self.port = server.sockets[0].getsockname()[1]
        ready.set()
        self.loop.run_forever()

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                method, path = head.split(b" ", 2)[:2]
                body = self.pages.get(path.decode("latin-1"))
                status, ctype = (b"200 OK", b"text/html") if body else (b"404 Not Found", b"text/plain")
                body = body or b"not found"
                writer.write(b"HTTP/1.1 %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n"
                             % (status, ctype, len(body)) + (body if method != b"HEAD" else b""))
                await writer.drain()
                if b"connection: close" in head.lower():
                    break
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)


def _sample(pid: int, cpu: dict[int, float]) -> int:
    """Resident memory (KiB) of ``pid`` plus its children; records each one's CPU seconds in ``cpu``."""
    total = 0
    tick = os.sysconf("SC_CLK_TCK")
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            child = int(stat.parent.name)
            if child != pid and int(fields[1]) != pid:
                continue
            status = (stat.parent / "status").read_text()
        except (OSError, ValueError, IndexError):
            continue
        cpu[child] = (int(fields[11]) + int(fields[12])) / tick  # utime + stime
        rss = re.search(r"VmRSS:\s+(\d+)", status)
        total += int(rss.group(1)) if rss else 0
    return total


def crawl(url_file: Path, state: Path, extra: list[str], env: dict[str, str]) -> tuple[float, int, int, float, float,
                                                                                    float, int, float]:
    """Elapsed seconds, items scraped, peak RSS KiB (crawl + workers), CPU seconds of the crawl
    process, of its workers (both sampled every 0.2 s, so the last 0.2 s may be missing) and of
    this process's other threads meanwhile (the HTTP server), how many workers cleaned, and the
    crawl process's CPU seconds from spider open to close."""
    shutil.rmtree(state, ignore_errors=True)
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "settings.test", "WIRETRACE_STORE_URI": (state / "store").as_uri(),
           "WIRETRACE_STATE_DIR": str(state / "state"), "WIRETRACE_SUMMARY": "0", **env}
    args = [sys.executable, "-m", "scrapy", "crawl", "urls", "-a", f"url_file={url_file}", "-s", "LOG_LEVEL=INFO",
            "-s", "CONCURRENT_REQUESTS=16", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16",
            "-s", f"EXTENSIONS={_extensions()}", *extra]
    proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = 0
    cpu: dict[int, float] = {}
    stderr: list[str] = []
    reader = threading.Thread(target=lambda: stderr.extend(proc.stderr), daemon=True)  # type: ignore[arg-type]
    reader.start()
    server_cpu = time.process_time() - time.thread_time()
    while proc.poll() is None:
        peak = max(peak, _sample(proc.pid, cpu))
        time.sleep(0.2)
    reader.join()
    server_cpu = time.process_time() - time.thread_time() - server_cpu
    log = "".join(stderr)
    if proc.returncode:
        raise SystemExit(f"crawl failed ({proc.returncode}):\n{log[-3000:]}")
    elapsed = float(re.search(r"'elapsed_time_seconds': ([\d.]+)", log).group(1))
    items = re.search(r"'item_scraped_count': (\d+)", log)
    main_cpu = cpu.pop(proc.pid, 0.0)
    workers = re.search(r"'wiretrace/clean/worker_processes': (\d+)", log)
    marks = re.search(r"'bench/cpu_open_to_close': ([\d.]+)", log)
    return (elapsed, int(items.group(1)) if items else 0, peak, main_cpu, sum(cpu.values()), server_cpu,
            int(workers.group(1)) if workers else 0, float(marks.group(1)) if marks else float("nan"))


class CpuMarks:
    """Scrapy extension (loaded into the benchmark's crawls only): the crawl process's CPU seconds
    from spider open to close, start-up excluded, as the stat ``bench/cpu_open_to_close``."""

    def __init__(self, crawler) -> None:  # type: ignore[no-untyped-def]
        from scrapy import signals

        self.stats = crawler.stats
        self.start = 0.0
        crawler.signals.connect(self.opened, signal=signals.spider_opened)
        crawler.signals.connect(self.closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):  # type: ignore[no-untyped-def]
        return cls(crawler)

    def opened(self) -> None:
        self.start = time.process_time()

    def closed(self) -> None:
        self.stats.set_value("bench/cpu_open_to_close", round(time.process_time() - self.start, 4))


def _extensions() -> str:
    """The crawls' EXTENSIONS setting: the project's plus :class:`CpuMarks`."""
    sys.path.insert(0, str(ROOT))
    from settings import test

    return json.dumps({**test.EXTENSIONS, "tests.bench.bench_crawl.CpuMarks": 900})


def bare_trafilatura(files: list[Path], fast: bool = False) -> float:
    """Seconds for ``trafilatura.extract`` over every page, in this process (``fast``: its fast mode)."""
    import trafilatura

    trafilatura.extract(files[0].read_bytes(), deduplicate=False)  # imports and first-call set-up
    bodies = [f.read_bytes() for f in files]
    start = time.perf_counter()
    for body in bodies:
        trafilatura.extract(body, deduplicate=False, fast=fast)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=600)
    parser.add_argument("--workers", type=int, help="worker processes (default: the crawl's own default)")
    parser.add_argument("--corpus", choices=("distinct", "copies"), default="distinct",
                        help="distinct: every page's words disguised, so lineage finds no copies and the figures "
                             "measure fetch + clean + fingerprint + store; copies: articles repeated verbatim "
                             "(each ~pages/17 copies of one story), which also loads lineage verification")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="wiretrace-bench-"))
    site = work / "site"
    site.mkdir()
    articles = _articles()
    files = []
    for i in range(args.pages):
        path = site / f"news/{i:05d}.html"
        path.parent.mkdir(exist_ok=True)
        path.write_text(page(i, articles, distinct=args.corpus == "distinct"), encoding="utf-8")
        files.append(path)
    sizes = sorted(f.stat().st_size for f in files)
    server = _Site({"/" + f.relative_to(site).as_posix(): f.read_bytes() for f in files})
    base = f"http://127.0.0.1:{server.port}"
    url_file = work / "urls.txt"
    url_file.write_text("".join(f"{base}/news/{i:05d}.html\n" for i in range(args.pages)))
    print(f"wiretrace crawl benchmark, {date.today()}, {platform.machine()}, {os.cpu_count()} CPUs "
          f"({platform.processor() or platform.platform()}), Python {platform.python_version()}")
    print(f"{args.pages} pages ({args.corpus}) from {len(articles)} articles, "
          f"{sizes[0] // 1024}–{sizes[-1] // 1024} KB "
          f"(median {sizes[len(sizes) // 2] // 1024} KB), served over HTTP/1.1 on 127.0.0.1")
    load = os.getloadavg()[0]
    pool_env = {} if args.workers is None else {"WIRETRACE_CLEAN_WORKERS": str(args.workers)}
    # as on any machine after its first crawl, the language model is in its cache (cleaners.language)
    sys.path.insert(0, str(ROOT))
    from cleaners.language import identifier

    identifier()
    try:
        bare = args.pages / bare_trafilatura(files)
        fast = args.pages / bare_trafilatura(files, fast=True)
        download = crawl(url_file, work / "d", ["-s", "ITEM_PIPELINES={}"], {})
        pool = crawl(url_file, work / "p", [], pool_env)
        inline = crawl(url_file, work / "i", [], {"WIRETRACE_CLEAN_WORKERS": "0"})
    finally:
        server.close()
    runs = {"download only (no pipelines)": download, f"full pipeline, {pool[6]} workers": pool,
            "full pipeline, inline (0 workers)": inline}
    print(f"load average before: {load:.2f}, after: {os.getloadavg()[0]:.2f} (other processes share the CPUs)")
    print(f"{'bare trafilatura.extract, 1 core':<36} {bare:8.1f} pages/s   1.00×   "
          f"(CPU per page {1000 / bare:.1f} ms)")
    print(f"{'trafilatura.extract fast mode, 1 core':<36} {fast:8.1f} pages/s   {fast / bare:.2f}×   "
          f"(CPU per page {1000 / fast:.1f} ms)")
    for name, (elapsed, items, peak, main_cpu, workers_cpu, server_cpu, *_) in runs.items():
        rate = args.pages / elapsed
        total = 1000 * (main_cpu + workers_cpu + server_cpu) / args.pages
        print(f"{name:<36} {rate:8.1f} pages/s   {rate / bare:.2f}×   ({items} items, {elapsed:.1f} s, "
              f"peak RSS {peak // 1024} MiB; CPU per page: crawl process {1000 * main_cpu / args.pages:.1f} ms, "
              f"workers {1000 * workers_cpu / args.pages:.1f} ms, server {1000 * server_cpu / args.pages:.1f} ms, "
              f"total {total:.1f} ms)")
    pool_rate, inline_rate = args.pages / pool[0], args.pages / inline[0]
    print(f"pool vs inline: {pool_rate / inline_rate:.2f}×; target full pipeline ≥ 1.8× bare trafilatura: "
          f"{'met' if pool_rate >= 1.8 * bare else 'NOT met'} ({pool_rate / bare:.2f}×)")
    cpus = os.cpu_count() or 1
    least = download[7] / args.pages + 1 / fast  # seconds of CPU per page, at the least
    ceiling = cpus / least
    print(f"ceiling of this machine: {cpus} CPUs / ({1000 * download[7] / args.pages:.2f} ms download"
          f" + {1000 / fast:.2f} ms fast extraction per page) = {ceiling:.0f} pages/s = {ceiling / bare:.2f}× bare"
          f" trafilatura; 1.8× {'is within it' if ceiling >= 1.8 * bare else 'is out of reach here for any pipeline'}"
          f" (1.8× needs ≥ {1.8 * bare * least:.1f} CPUs at this cost)")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
