"""Sitemap parsing from bytes: index, urlset, Google News fields, gzip, and hostile input."""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path

import pytest

from crawler.discovery import is_article_url, iso_date, parse_sitemap
from crawler.exceptions import DiscoveryError

NEWS = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url>
    <loc>https://wire.example.com/2025/08/23/storm-floods</loc>
    <lastmod>2025-08-23T10:00:00Z</lastmod>
    <news:news>
      <news:publication><news:name>Wire Service</news:name><news:language>en</news:language></news:publication>
      <news:publication_date>2025-08-23T09:40:00+02:00</news:publication_date>
      <news:title>Storm floods coastal towns &amp; ports</news:title>
    </news:news>
  </url>
  <url><loc>https://wire.example.com/news/rail-strike</loc>
    <news:news><news:publication_date>2025-08-24</news:publication_date></news:news></url>
  <url><lastmod>2025-08-24</lastmod></url>
</urlset>"""

INDEX = b"""<?xml version="1.0"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://daily.example.com/sitemap-1.xml.gz</loc><lastmod>2025-08-24</lastmod></sitemap>
  <sitemap><loc>https://daily.example.com/sitemap-2.xml</loc></sitemap>
</sitemapindex>"""


def test_google_news_fields_are_kept() -> None:
    sitemap = parse_sitemap(NEWS)
    assert sitemap.kind == "urlset" and sitemap.skipped == 1
    first, second = sitemap.entries
    assert first.url == "https://wire.example.com/2025/08/23/storm-floods"
    assert first.published == "2025-08-23T09:40:00+02:00" and first.published_raw == "2025-08-23T09:40:00+02:00"
    assert first.title == "Storm floods coastal towns & ports" and first.publication == "Wire Service"
    assert first.lastmod == "2025-08-23T10:00:00+00:00"
    assert second.published == "2025-08-24" and second.title is None
    assert first.evidence()["title"] == first.title and "url" not in first.evidence()


def test_sitemap_index_and_gzip() -> None:
    index = parse_sitemap(INDEX)
    assert index.kind == "index"
    assert [e.url for e in index.entries] == ["https://daily.example.com/sitemap-1.xml.gz",
                                              "https://daily.example.com/sitemap-2.xml"]
    assert parse_sitemap(gzip.compress(NEWS)).entries == parse_sitemap(NEWS).entries


def test_gzip_bomb_is_refused_without_inflating_it() -> None:
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)
    bomb = b"".join([comp.compress(b"<" + b" " * (1 << 20)) for _ in range(64)] + [comp.flush()])
    assert len(bomb) < 200_000
    with pytest.raises(DiscoveryError) as err:
        parse_sitemap(bomb, max_bytes=1_000_000)
    assert err.value.reason == "too_large"


def test_broken_gzip_malformed_and_foreign_xml() -> None:
    with pytest.raises(DiscoveryError) as err:
        parse_sitemap(gzip.compress(NEWS)[:40])
    assert err.value.reason in ("bad_gzip", "malformed")
    with pytest.raises(DiscoveryError) as err:
        parse_sitemap(NEWS[:300])
    assert err.value.reason == "malformed"
    with pytest.raises(DiscoveryError) as err:
        parse_sitemap(b"<html><body>not a sitemap</body></html>")
    assert err.value.reason == "not_sitemap"
    with pytest.raises(DiscoveryError):
        parse_sitemap(b"")


def test_external_entity_is_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-MARKER", encoding="utf-8")
    xxe = (f'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
           '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
           '<url><loc>https://daily.example.com/&xxe;</loc></url>'
           '<url><loc>https://daily.example.com/news/ok-story-here</loc>'
           '<news:news xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
           '<news:title>&xxe;</news:title></news:news></url></urlset>').encode()
    sitemap = parse_sitemap(xxe)
    assert "TOP-SECRET-MARKER" not in repr(sitemap)
    assert [e.url for e in sitemap.entries] == ["https://daily.example.com/news/ok-story-here"]
    assert sitemap.skipped == 1 and sitemap.entries[0].title is None


def test_billion_laughs_is_not_expanded() -> None:
    lol = (b'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY a "aaaaaaaaaa">'
           + b"".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'.encode() for i in range(8))
           + b']><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://x.example/&i;</loc>'
           b'</url></urlset>')
    try:
        sitemap = parse_sitemap(lol)
    except DiscoveryError:
        return  # refusing is fine too
    assert sitemap.entries == () and sitemap.skipped == 1


@pytest.mark.parametrize("url, expected", [
    ("https://x.example/2025/08/23/storm-floods", True),
    ("https://x.example/world/asia/typhoon-shuts-ports-across-region", True),
    ("https://x.example/news/article-123456.html", True),
    ("https://x.example/world/", False),
    ("https://x.example/world/asia/", False),
    ("https://x.example/tag/storm-floods-coastal-towns", False),
    ("https://x.example/files/annual-report-2025-final.pdf", False),
    ("https://x.example/about/contact-our-newsroom", False),
    ("https://x.example/local/weather/", False),
    ("mailto:desk@x.example", False),
])
def test_article_url_rule(url: str, expected: bool) -> None:
    assert is_article_url(url) is expected


def test_iso_date() -> None:
    assert iso_date("2025-08-23T09:40:00Z") == "2025-08-23T09:40:00+00:00"
    assert iso_date("2025-08-23") == "2025-08-23"
    assert iso_date("Sat, 23 Aug 2025 09:40:00 GMT") == "2025-08-23T09:40:00+00:00"
    assert iso_date("not a date") is None and iso_date(None) is None
