"""A fixture web on loopback: one real HTTP server per publisher (127.0.0.2, 127.0.0.3, 127.0.0.4).

Each server logs every request it receives (time, method, path, headers) so tests can check what
a real crawl asked for. The sites serve short news articles of our own in page templates with
boilerplate, RSS and Atom feeds, a sitemap index with a gzip child, a Google News sitemap,
robots.txt with a disallowed path and a Crawl-delay, and the bad cases a live crawl meets: 404,
500, 429 with Retry-After, a redirect loop, a slow response, a PDF, a 30 MB page, a gzip bomb, a
page in the wrong charset, a malformed feed and sitemap, and a sitemap with an external XML entity.

``python -m tests.fixtureweb`` serves it until interrupted and prints a sources file for it.
"""

from __future__ import annotations

import email.utils
import gzip
import hashlib
import html
import threading
import time
import zlib
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable

__all__ = ["ARTICLES", "FixtureWeb", "Hit"]

LAST_MODIFIED = email.utils.formatdate(time.mktime((2025, 8, 23, 12, 0, 0, 0, 0, 0)), usegmt=True)


@dataclass(frozen=True)
class Article:
    site: str
    path: str
    title: str
    byline: str | None
    date: str | None  # printed in the page (ISO); None: the page prints no date
    paragraphs: tuple[str, ...]


ARTICLES: tuple[Article, ...] = (
    Article("wire", "/2025/08/23/storm-floods-coastal-towns", "Storm floods coastal towns as rivers burst banks",
            "By Maria Keller, Associated Press", "2025-08-23T09:40:00+00:00", (
                "HAMBURG, Germany (AP) — A slow-moving storm flooded dozens of coastal towns in northern Germany "
                "on Saturday, forcing thousands of residents from their homes as swollen rivers burst their banks "
                "and emergency crews worked through the night to shore up dikes.",
                "The state interior ministry said about 4,200 people had been evacuated from low-lying districts "
                "along the Elbe estuary, and that two people were missing after their car was swept off a road "
                "near Cuxhaven late on Friday.",
                "\"We have not seen water this high in the harbour since 1962,\" said Jens Albers, the mayor of one "
                "of the worst-hit towns, standing beside a row of sandbags that had already been overtopped.",
                "Forecasters expected the rain to ease by Sunday afternoon, but warned that river levels would keep "
                "rising for another day as water flowed down from the hills. Rail services between Hamburg and the "
                "coast were suspended and several ferry routes were cancelled.",
                "Insurers said it was too early to estimate the damage, which officials described as the worst "
                "in the region in more than a decade.")),
    Article("wire", "/2025/08/23/central-bank-holds-rates", "Central bank holds rates steady, signals patience",
            "By Daniel Osei, Associated Press", "2025-08-23T14:05:00+00:00", (
                "FRANKFURT, Germany (AP) — The central bank left its benchmark interest rate unchanged on Saturday "
                "at an unusual weekend meeting, saying it wanted more evidence that inflation was falling back "
                "toward its target before it would consider cutting borrowing costs again.",
                "The decision, widely expected by economists, keeps the deposit rate at 2.5 percent for a third "
                "consecutive meeting. Policymakers said wage growth remained strong and that energy prices had "
                "risen again over the summer.",
                "\"We are in no hurry,\" the bank's president told reporters, adding that the governing council "
                "had been unanimous and that further moves would depend on data published in the autumn.",
                "Markets had priced in a small chance of a cut. The euro rose slightly against the dollar after "
                "the announcement, while government bond yields were little changed across the region.")),
    Article("wire", "/news/rail-strike-talks-collapse-unions", "Rail strike looms after talks collapse",
            "By Priya Raman, Associated Press", None, (
                "LONDON (AP) — Talks between rail operators and the country's largest transport union collapsed "
                "late on Sunday, making a nationwide strike all but certain and threatening to halt most train "
                "services for commuters at the start of the new week.",
                "Union leaders said operators had refused to improve a pay offer that they described as a real "
                "terms cut for signal workers and station staff, and that members would walk out for three days "
                "unless a new proposal arrived within hours.",
                "The operators' association said its offer was fair and affordable, and accused the union of "
                "walking away from the table. Ministers urged both sides to return to negotiations and said "
                "contingency plans were in place to keep freight moving.",
                "Passenger groups warned that hundreds of thousands of people would be forced onto crowded roads "
                "and buses, and advised travellers to check services before leaving home.")),
    Article("wire", "/private/embargoed-report-leak", "Embargoed report on budget leak", None, "2025-08-23", (
                "This page is disallowed by robots.txt and must never be requested by the crawler. " * 3,)),
    Article("daily", "/world/asia/typhoon-shuts-ports-across-region", "Typhoon shuts ports across the region",
            "By Lena Park", "2025-08-24T03:15:00+09:00", (
                "Shipping came to a standstill across much of the region on Sunday as a powerful typhoon swept "
                "north, closing container ports, grounding hundreds of flights and cutting power to more than a "
                "million homes, authorities said.",
                "The storm made landfall before dawn with sustained winds of 160 kilometres an hour. Port "
                "authorities halted loading at three of the busiest terminals and ordered vessels to anchor "
                "offshore until the winds eased.",
                "Disaster officials said at least 30 people had been injured, mostly by falling debris, and that "
                "rescue teams were searching villages cut off by landslides in the mountains.",
                "Freight companies warned of delays of up to a week for goods already in transit, adding to "
                "pressure on supply chains that had only recently recovered from earlier disruptions.")),
    Article("daily", "/news/2025/08/23/coastal-towns-flooded-thousands-evacuated",
            "Thousands evacuated as storm floods German coast", "By Daily Staff", "2025-08-23T11:20:00+00:00", (
                "A slow-moving storm flooded dozens of coastal towns in northern Germany on Saturday, forcing "
                "thousands of residents from their homes as swollen rivers burst their banks and emergency crews "
                "worked through the night to shore up dikes.",
                "The state interior ministry said about 4,200 people had been evacuated from low-lying districts "
                "along the Elbe estuary, and that two people were missing after their car was swept off a road "
                "near Cuxhaven late on Friday.",
                "Forecasters expected the rain to ease by Sunday afternoon, but warned that river levels would keep "
                "rising for another day as water flowed down from the hills.",
                "The Associated Press contributed to this report.")),
    Article("daily", "/news/2025/08/24/city-council-budget-vote", "City council passes budget after late-night vote",
            "By Tom Reyes", "2025-08-24T22:10:00+00:00", (
                "The city council approved next year's budget shortly before midnight on Sunday after a marathon "
                "session in which members argued over funding for bus routes, libraries and road repairs.",
                "The spending plan passed by nine votes to six. It raises property taxes by 1.8 percent and sets "
                "aside money for 40 new bus drivers, a measure the mayor had made a priority after months of "
                "complaints about cancelled services.",
                "Opponents said the increase would hurt older homeowners on fixed incomes and proposed cutting "
                "consultancy contracts instead, but their amendment was defeated.",
                "The budget takes effect in January. Council members agreed to review transit spending again in "
                "the spring once ridership figures for the autumn are published.")),
    Article("daily", "/news/harbour-museum-reopens-after-repairs", "Harbour museum reopens after two years of repairs",
            "By Ana Lucia Ferreira", "2025-08-22", (
                "The harbour museum reopened to visitors on Friday after two years of repairs to its roof and "
                "foundations, which had been damaged by damp and by the heavy storms of recent winters.",
                "Curators have used the closure to rebuild the main gallery around the restored hull of a "
                "nineteenth-century fishing boat, which had been stored in a warehouse for decades.",
                "Entry will be free for the first month. The museum's director said she hoped the new displays "
                "would draw schools back to the waterfront and tell the story of the families who worked there.",
                "The repairs cost 6.4 million euros, most of it paid by the regional government and a heritage "
                "fund, with the remainder raised from local businesses and residents.")),
    Article("daily", "/news/wrong-charset-cafe-culture-festival", "Café culture festival draws record crowds",
            "By René Dubois", "2025-08-24", (
                "The city's café culture festival drew record crowds this weekend, with organisers estimating "
                "that more than 80,000 visitors sampled crêpes, éclairs and coffee from 120 stalls along the "
                "river promenade.",
                "“We had to bring in extra tables on Saturday afternoon,” said Hélène Martin, who runs a small "
                "bakery near the old market and has taken part in the festival every year since it began.",
                "The organisers said the festival had raised money for the city's food bank, and that next "
                "year's edition would move to a larger site to ease the queues that formed at the entrances.")),
    Article("regional", "/local/port-closures-hit-fishermen", "Flood closures hit local fishermen",
            "By Regional Desk", "2025-08-23T16:00:00+00:00", (
                "A slow-moving storm flooded dozens of coastal towns in northern Germany on Saturday, forcing "
                "thousands of residents from their homes as swollen rivers burst their banks.",
                "Here in the harbour, fishermen said the closures would cost them a week of catches at the height "
                "of the season. Several boats were damaged at their moorings overnight.",
                "The state interior ministry said about 4,200 people had been evacuated from low-lying districts "
                "along the Elbe estuary, and that two people were missing after their car was swept off a road "
                "near Cuxhaven late on Friday.",
                "The harbour master said the port would stay closed until at least Monday morning.")),
    Article("regional", "/local/2025/08/24/school-bus-routes-restored", "School bus routes restored after flooding",
            "By Regional Desk", "2025-08-24T07:30:00+00:00", (
                "School bus routes across the district will run normally from Monday after crews cleared the last "
                "flooded roads on Sunday, the county transport office said.",
                "Two bridges remain closed for inspection, and buses serving the villages north of the river will "
                "take a diversion that adds about fifteen minutes to each journey.",
                "Parents were advised to check the county website for updated timetables, which will be posted "
                "by Sunday evening, and to allow extra time during the first week of term.")),
)

#: Articles the crawl must store: everything except the robots-disallowed one.
STORED = tuple(a for a in ARTICLES if not a.path.startswith("/private/"))

SECRET_MARKER = "WIRETRACE-XXE-SECRET-7f3a9c"


def _page(article: Article, site_title: str) -> bytes:
    """An article page with site boilerplate around it."""
    paras = "\n".join(f"<p>{html.escape(p)}</p>" for p in article.paragraphs)
    when = (f'<time datetime="{article.date}">{article.date[:10]}</time>' if article.date else "")
    date_meta = f'<meta property="article:published_time" content="{article.date}">' if article.date else ""
    byline = f'<p class="byline">{html.escape(article.byline)}</p>' if article.byline else ""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(article.title)} | {site_title}</title>
{date_meta}</head>
<body>
<header><a href="/">{site_title}</a>
<nav><a href="/">Home</a> | <a href="/world/">World</a> | <a href="/news/">News</a> | <a href="/local/">Local</a></nav>
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept all</button></div>
</header>
<main><article>
<h1>{html.escape(article.title)}</h1>
{byline}{when}
{paras}
</article>
<aside><h2>Most read</h2><ul><li><a href="/">Sign up for our newsletter</a></li>
<li><a href="/">Subscribe for unlimited access</a></li></ul></aside>
</main>
<footer><p>Copyright {site_title}. All rights reserved.</p><a href="/about/privacy">Privacy policy</a></footer>
</body></html>
""".encode("utf-8")


@dataclass
class Hit:
    """One request a fixture server received."""

    at: float
    site: str
    method: str
    path: str
    headers: dict[str, str]


Response = tuple[int, dict[str, str], bytes]


@dataclass
class Site:
    """One publisher's server."""

    name: str
    host: str
    routes: dict[str, Callable[["Site", BaseHTTPRequestHandler], Response | None]] = field(default_factory=dict)
    server: ThreadingHTTPServer | None = None
    counters: dict[str, int] = field(default_factory=dict)

    @property
    def base(self) -> str:
        assert self.server is not None
        return f"http://{self.host}:{self.server.server_address[1]}"


def _gzip_bomb() -> bytes:
    """About 100 KB of gzip that inflates to 100 MB of zeros."""
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = b"\0" * (1 << 20)
    return b"".join([*(comp.compress(chunk) for _ in range(100)), comp.flush()])


class FixtureWeb:
    """Start the three publishers' servers (a context manager); ``hits`` logs every request."""

    def __init__(self, secret_file: Path | None = None) -> None:
        self.hits: list[Hit] = []
        self._lock = threading.Lock()
        self.secret_file = secret_file
        self.sites = {name: Site(name, host) for name, host in
                      (("wire", "127.0.0.2"), ("daily", "127.0.0.3"), ("regional", "127.0.0.4"))}
        self._bomb: bytes | None = None

    # -- what the servers serve ------------------------------------------------------------------

    def url(self, site: str, path: str) -> str:
        return self.sites[site].base + path

    def _routes(self) -> None:
        for article in ARTICLES:
            titles = {"wire": "Wire Service", "daily": "The Daily Courier", "regional": "Regional Post"}
            body = _page(article, titles[article.site])
            self.sites[article.site].routes[article.path] = lambda s, h, b=body: self._article(h, b)
        wire, daily, regional = self.sites["wire"], self.sites["daily"], self.sites["regional"]
        wire.routes["/robots.txt"] = lambda s, h: (200, {"Content-Type": "text/plain"},
                                                   b"User-agent: *\nDisallow: /private/\nCrawl-delay: 1\n")
        wire.routes["/rss.xml"] = lambda s, h: (200, {"Content-Type": "application/rss+xml"}, self._rss())
        wire.routes["/news-sitemap.xml"] = lambda s, h: (200, {"Content-Type": "application/xml"}, self._news_sitemap())
        daily.routes["/robots.txt"] = lambda s, h: (200, {"Content-Type": "text/plain"},
                                                    b"User-agent: *\nDisallow: /admin/\n")
        daily.routes["/sitemap.xml"] = lambda s, h: (200, {"Content-Type": "application/xml"}, self._index())
        daily.routes["/sitemap-1.xml.gz"] = lambda s, h: (200, {"Content-Type": "application/x-gzip"},
                                                          gzip.compress(self._daily_urlset(), mtime=0))
        daily.routes["/atom.xml"] = lambda s, h: (200, {"Content-Type": "application/atom+xml"}, self._atom())
        daily.routes["/bad-feed.xml"] = lambda s, h: (200, {"Content-Type": "application/rss+xml"},
                                                      b"<?xml version='1.0'?><rss><channel><title>Broken<item><titl")
        daily.routes["/bad-sitemap.xml"] = lambda s, h: (
            200, {"Content-Type": "application/xml"},
            f"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'><url><loc>{daily.base}/news/x</loc></url"
            .encode())
        daily.routes["/xxe-sitemap.xml"] = lambda s, h: (200, {"Content-Type": "application/xml"}, self._xxe())
        daily.routes["/world/"] = lambda s, h: (200, {"Content-Type": "text/html; charset=utf-8"}, self._front(
            ["/world/asia/", "/world/asia/typhoon-shuts-ports-across-region", "/about/contact-our-newsroom-team"]))
        daily.routes["/world/asia/"] = lambda s, h: (200, {"Content-Type": "text/html; charset=utf-8"}, self._front(
            ["/world/asia/typhoon-shuts-ports-across-region", "/world/"]))
        regional.routes["/"] = lambda s, h: (200, {"Content-Type": "text/html; charset=utf-8"}, self._front(
            ["/local/port-closures-hit-fishermen", "/local/2025/08/24/school-bus-routes-restored",
             "/about/contact-our-newsroom-team", "/local/weather/"]))
        regional.routes["/local/weather/"] = lambda s, h: (200, {"Content-Type": "text/html; charset=utf-8"},
                                                           self._front(["/local/port-closures-hit-fishermen"]))
        # the bad cases, all on the daily site
        daily.routes["/news/missing-page-was-removed"] = lambda s, h: (404, {"Content-Type": "text/html"},
                                                                       b"<h1>Not found</h1>")
        daily.routes["/news/server-error-on-this-story"] = lambda s, h: (500, {"Content-Type": "text/html"},
                                                                         b"<h1>Internal error</h1>")
        daily.routes["/news/harbour-museum-reopens-after-repairs"] = self._busy
        daily.routes["/news/redirect-loop-story-one"] = lambda s, h: (302, {"Location": "/news/redirect-loop-story-two"},
                                                                      b"")
        daily.routes["/news/redirect-loop-story-two"] = lambda s, h: (302, {"Location": "/news/redirect-loop-story-one"},
                                                                      b"")
        daily.routes["/news/slow-story-never-answers"] = self._slow
        daily.routes["/files/annual-report-2025.pdf"] = lambda s, h: (
            200, {"Content-Type": "application/pdf"}, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
        daily.routes["/news/huge-page-thirty-megabytes"] = self._huge
        daily.routes["/news/gzip-bomb-disguised-story"] = lambda s, h: (
            200, {"Content-Type": "text/html", "Content-Encoding": "gzip"}, self._bomb_bytes())
        wrong = next(a for a in ARTICLES if "wrong-charset" in a.path)
        daily.routes[wrong.path] = lambda s, h: (200, {"Content-Type": "text/html; charset=utf-8"},
                                                 _page(wrong, "The Daily Courier").decode("utf-8")
                                                 .replace('<meta charset="utf-8">', "").encode("cp1252"))

    def _article(self, handler: BaseHTTPRequestHandler, body: bytes) -> Response:
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if handler.headers.get("If-None-Match") == etag:
            return 304, {"ETag": etag}, b""
        return 200, {"Content-Type": "text/html; charset=utf-8", "ETag": etag, "Last-Modified": LAST_MODIFIED}, body

    def _busy(self, site: Site, handler: BaseHTTPRequestHandler) -> Response:
        """429 with Retry-After: 2 on the first request, the article afterwards."""
        site.counters["busy"] = site.counters.get("busy", 0) + 1
        if site.counters["busy"] == 1:
            return 429, {"Retry-After": "2", "Content-Type": "text/plain"}, b"slow down"
        article = next(a for a in ARTICLES if "harbour-museum" in a.path)
        return self._article(handler, _page(article, "The Daily Courier"))

    def _slow(self, site: Site, handler: BaseHTTPRequestHandler) -> Response:
        time.sleep(4)
        return 200, {"Content-Type": "text/html"}, b"<p>too late</p>"

    def _huge(self, site: Site, handler: BaseHTTPRequestHandler) -> None:
        size = 30 * 1024 * 1024
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", str(size))
        handler.end_headers()
        chunk = b"<p>" + b"filler " * 146 + b"</p>\n"
        sent = 0
        while sent < size:
            part = chunk[: size - sent]
            handler.wfile.write(part)
            sent += len(part)
        return None

    def _bomb_bytes(self) -> bytes:
        if self._bomb is None:
            self._bomb = _gzip_bomb()
        return self._bomb

    def _front(self, paths: list[str]) -> bytes:
        links = "\n".join(f'<li><a href="{p}">{p.strip("/").replace("-", " ") or "home"}</a></li>' for p in paths)
        return (f"<!doctype html><html><head><meta charset='utf-8'><title>Section</title></head><body>"
                f"<nav><a href='/'>Home</a></nav><h1>Latest</h1><ul>{links}</ul>"
                f"<footer>All rights reserved</footer></body></html>").encode()

    def _rss(self) -> bytes:
        wire = self.sites["wire"]
        items = []
        for a in ARTICLES:
            if a.site != "wire" or "rail-strike" in a.path:
                continue
            date = email.utils.format_datetime(_parse(a.date)) if a.date else ""
            items.append(f"<item><title>{html.escape(a.title)}</title><link>{wire.base}{a.path}</link>"
                         f"<pubDate>{date}</pubDate></item>")
        return (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Wire Service</title>"
                f"<link>{wire.base}/</link><description>Top stories</description>{''.join(items)}</channel></rss>"
                ).encode()

    def _news_sitemap(self) -> bytes:
        wire = self.sites["wire"]
        rows = []
        for path, when in (("/2025/08/23/storm-floods-coastal-towns", "2025-08-23T09:40:00Z"),
                           ("/news/rail-strike-talks-collapse-unions", "2025-08-24T21:30:00+00:00")):
            title = next(a.title for a in ARTICLES if a.path == path)
            rows.append(f"<url><loc>{wire.base}{path}</loc><news:news><news:publication><news:name>Wire Service"
                        f"</news:name><news:language>en</news:language></news:publication>"
                        f"<news:publication_date>{when}</news:publication_date><news:title>{html.escape(title)}"
                        f"</news:title></news:news></url>")
        return ("<?xml version='1.0' encoding='UTF-8'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9' "
                "xmlns:news='http://www.google.com/schemas/sitemap-news/0.9'>" + "".join(rows) + "</urlset>").encode()

    def _index(self) -> bytes:
        base = self.sites["daily"].base
        return ("<?xml version='1.0' encoding='UTF-8'?><sitemapindex "
                "xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
                f"<sitemap><loc>{base}/sitemap-1.xml.gz</loc><lastmod>2025-08-24</lastmod></sitemap>"
                f"<sitemap><loc>{base}/bad-sitemap.xml</loc></sitemap>"
                f"<sitemap><loc>{base}/xxe-sitemap.xml</loc></sitemap>"
                "</sitemapindex>").encode()

    def _daily_urlset(self) -> bytes:
        base = self.sites["daily"].base
        paths = ["/news/2025/08/23/coastal-towns-flooded-thousands-evacuated", "/world/asia/typhoon-shuts-ports-across-region",
                 "/news/missing-page-was-removed", "/news/server-error-on-this-story", "/news/redirect-loop-story-one",
                 "/news/slow-story-never-answers", "/files/annual-report-2025.pdf", "/news/huge-page-thirty-megabytes",
                 "/news/gzip-bomb-disguised-story", "/news/wrong-charset-cafe-culture-festival",
                 "/admin/secret-dashboard-article"]
        rows = "".join(f"<url><loc>{base}{p}</loc><lastmod>2025-08-24T10:00:00Z</lastmod></url>" for p in paths)
        return ("<?xml version='1.0' encoding='UTF-8'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
                + rows + "</urlset>").encode()

    def _atom(self) -> bytes:
        base = self.sites["daily"].base
        entries = []
        for path in ("/news/2025/08/24/city-council-budget-vote", "/news/harbour-museum-reopens-after-repairs"):
            a = next(x for x in ARTICLES if x.path == path)
            entries.append(f"<entry><title>{html.escape(a.title)}</title><link href='{base}{path}'/>"
                           f"<id>{base}{path}</id><updated>{_parse(a.date).isoformat()}</updated></entry>")
        return ("<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
                f"<title>The Daily Courier</title><id>{base}/</id><updated>2025-08-24T22:10:00Z</updated>"
                + "".join(entries) + "</feed>").encode()

    def _xxe(self) -> bytes:
        base = self.sites["daily"].base
        target = self.secret_file.resolve().as_uri() if self.secret_file else "file:///etc/hostname"
        return (f"<?xml version='1.0'?><!DOCTYPE urlset [<!ENTITY xxe SYSTEM '{target}'>]>"
                "<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
                f"<url><loc>{base}/news/leak-&xxe;</loc></url></urlset>").encode()

    # -- the servers ---------------------------------------------------------------------------------

    def _handler(self, site: Site) -> type[BaseHTTPRequestHandler]:
        web = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - silence stderr
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                path = self.path.split("?")[0]
                with web._lock:
                    web.hits.append(Hit(time.time(), site.name, "GET", path, dict(self.headers.items())))
                route = site.routes.get(path)
                try:
                    if route is None:
                        result: Response | None = (404, {"Content-Type": "text/html"}, b"<h1>Not found</h1>")
                    else:
                        result = route(site, self)
                    if result is None:
                        return
                    status, headers, body = result
                    self.send_response(status)
                    for k, v in headers.items():
                        self.send_header(k, v)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        return Handler

    def __enter__(self) -> "FixtureWeb":
        for site in self.sites.values():
            server = ThreadingHTTPServer((site.host, 0), self._handler(site))
            server.daemon_threads = True
            site.server = server
            threading.Thread(target=server.serve_forever, daemon=True).start()
        self._routes()
        return self

    def __exit__(self, *exc: object) -> None:
        for site in self.sites.values():
            if site.server:
                site.server.shutdown()
                site.server.server_close()

    # -- for tests -----------------------------------------------------------------------------------

    def sources_toml(self) -> str:
        """A sources file for the three publishers."""
        w, d, r = (self.sites[n] for n in ("wire", "daily", "regional"))
        return f"""
[[publisher]]
name = "wire"
domains = ["{w.host}"]
wire = "AP"
feeds = ["{w.base}/rss.xml"]
sitemaps = ["{w.base}/news-sitemap.xml"]

[[publisher]]
name = "daily"
domains = ["{d.host}"]
feeds = ["{d.base}/atom.xml", "{d.base}/bad-feed.xml"]
sitemaps = ["{d.base}/sitemap.xml"]
start_urls = ["{d.base}/world/"]
follow = ["/world/"]

[[publisher]]
name = "regional"
domains = ["{r.host}"]
start_urls = ["{r.base}/"]
follow = ["/local/"]
"""

    def revise(self, path: str, paragraph: str) -> None:
        """Publish an update of the article at ``path``: one more paragraph (a new ETag too)."""
        article = next(a for a in ARTICLES if a.path == path)
        revised = Article(**{**vars(article), "paragraphs": (*article.paragraphs, paragraph)})
        titles = {"wire": "Wire Service", "daily": "The Daily Courier", "regional": "Regional Post"}
        body = _page(revised, titles[article.site])
        self.sites[article.site].routes[path] = lambda s, h, b=body: self._article(h, b)

    def requested(self, site: str | None = None) -> list[Hit]:
        with self._lock:
            return [h for h in self.hits if site is None or h.site == site]

    def article_url(self, article: Article) -> str:
        return self.url(article.site, article.path)


def _parse(value: str):  # noqa: ANN202
    from datetime import datetime, timezone

    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


if __name__ == "__main__":
    with FixtureWeb() as web:
        print(web.sources_toml())
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
