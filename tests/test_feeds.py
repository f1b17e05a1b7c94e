"""Feed parsing from bytes: RSS, Atom, dates as published-time evidence, malformed feeds."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from crawler.discovery import parse_feed
from crawler.exceptions import DiscoveryError

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Wire</title><link>https://wire.example.com/</link>
<item><title>Storm floods coastal towns</title><link>https://wire.example.com/2025/08/23/storm-floods</link>
<pubDate>Sat, 23 Aug 2025 09:40:00 +0200</pubDate></item>
<item><title>No date here</title><link>https://wire.example.com/news/undated-story</link></item>
<item><title>No link</title></item>
<item><title>Mail</title><link>mailto:desk@wire.example.com</link></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Daily</title><id>urn:daily</id><updated>2025-08-24T22:10:00Z</updated>
<entry><title>Council passes budget</title><link href="https://daily.example.com/news/budget-vote"/>
<id>urn:1</id><updated>2025-08-24T22:10:00Z</updated></entry>
<entry><title>Museum reopens</title><link href="https://daily.example.com/news/museum"/><id>urn:2</id>
<published>2025-08-22T08:00:00+01:00</published><updated>2025-08-23T08:00:00Z</updated></entry>
</feed>"""


def test_rss_entries_with_dates_in_utc() -> None:
    entries, problem = parse_feed(RSS)
    assert problem is None
    assert [e.url for e in entries] == ["https://wire.example.com/2025/08/23/storm-floods",
                                        "https://wire.example.com/news/undated-story"]
    assert entries[0].published == "2025-08-23T07:40:00+00:00"
    assert entries[0].published_raw == "Sat, 23 Aug 2025 09:40:00 +0200"
    assert entries[0].title == "Storm floods coastal towns"
    assert entries[1].published is None


def test_atom_prefers_published_over_updated() -> None:
    entries, _ = parse_feed(ATOM)
    assert [(e.url, e.published) for e in entries] == [
        ("https://daily.example.com/news/budget-vote", "2025-08-24T22:10:00+00:00"),
        ("https://daily.example.com/news/museum", "2025-08-22T07:00:00+00:00")]


def test_gzip_feed() -> None:
    assert parse_feed(gzip.compress(ATOM))[0] == parse_feed(ATOM)[0]


def test_malformed_feed_without_entries_is_refused() -> None:
    with pytest.raises(DiscoveryError) as err:
        parse_feed(b"<?xml version='1.0'?><rss><channel><title>Broken<item><titl")
    assert err.value.reason == "malformed"
    with pytest.raises(DiscoveryError):
        parse_feed(b"<html><body><p>just a page</p></body></html>")


def test_malformed_feed_with_entries_is_kept_with_a_note() -> None:
    broken = RSS.replace(b"</channel></rss>", b"<item><title>cut")
    entries, problem = parse_feed(broken)
    assert len(entries) == 2 and problem


def test_feed_external_entity_is_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-MARKER", encoding="utf-8")
    xxe = (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
           '<rss version="2.0"><channel><title>x</title><item><title>&xxe;</title>'
           '<link>https://wire.example.com/news/some-story-here</link></item></channel></rss>').encode()
    try:
        entries, _ = parse_feed(xxe)
    except DiscoveryError:
        return
    assert "TOP-SECRET-MARKER" not in repr(entries)
