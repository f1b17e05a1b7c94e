"""The seen-store: what a live crawl remembers between cron runs (SQLite, Scrapy-free)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from crawler.middlewares import retry_after_seconds
from crawler.seen import SeenStore

T0 = datetime(2025, 8, 23, 12, 0, tzinfo=timezone.utc)


def test_mark_get_versions_and_persistence(tmp_path: Path) -> None:
    store = SeenStore(tmp_path / "state" / "seen.sqlite")
    assert store.get("https://x.example/a") is None
    store.mark(["https://x.example/a", "https://x.example/a-final", "https://x.example/a"], etag='"e1"',
               last_modified="Sat, 23 Aug 2025 12:00:00 GMT", sha256="s1", text_sha256="t1", is_wire=True, now=T0)
    store.mark(["https://x.example/a"], etag='"e2"', last_modified=None, sha256="s2", text_sha256="t2",
               is_wire=True, now=T0 + timedelta(hours=3))
    store.close()
    store = SeenStore(tmp_path / "state" / "seen.sqlite")
    assert len(store) == 2
    entry = store.get("https://x.example/a")
    assert entry is not None and entry.etag == '"e2"' and entry.sha256 == "s2" and entry.versions == 2
    assert entry.first_seen == T0.isoformat() and entry.last_checked == (T0 + timedelta(hours=3)).isoformat()
    final = store.get("https://x.example/a-final")
    assert final is not None and final.versions == 1 and final.last_modified == "Sat, 23 Aug 2025 12:00:00 GMT"
    store.touch("https://x.example/a-final", now=T0 + timedelta(days=1))
    assert store.get("https://x.example/a-final").last_checked == (T0 + timedelta(days=1)).isoformat()


def test_only_wire_originals_are_rechecked_inside_the_window(tmp_path: Path) -> None:
    store = SeenStore(tmp_path / "seen.sqlite")
    store.mark(["https://wire.example/a"], etag=None, last_modified=None, sha256="s", text_sha256="t",
               is_wire=True, now=T0)
    store.mark(["https://daily.example/b"], etag=None, last_modified=None, sha256="s", text_sha256="t",
               is_wire=False, now=T0)
    wire, daily = store.get("https://wire.example/a"), store.get("https://daily.example/b")
    assert wire.recheck(48, now=T0 + timedelta(hours=47)) and not wire.recheck(48, now=T0 + timedelta(hours=49))
    assert not daily.recheck(48, now=T0 + timedelta(hours=1))


def test_retry_after_values() -> None:
    assert retry_after_seconds(b"120") == 120.0
    assert retry_after_seconds("Sat, 23 Aug 2025 12:00:30 GMT", now=T0) == 30.0
    assert retry_after_seconds("Sat, 23 Aug 2025 11:00:00 GMT", now=T0) == 0.0
    assert retry_after_seconds(b"soon") is None and retry_after_seconds(None) is None


def test_spools_of_killed_runs_are_adopted(tmp_path: Path) -> None:
    spool = tmp_path / "spool"
    (spool / "run-a").mkdir(parents=True)
    (spool / "run-a" / "articles.jsonl").write_text(
        '{"url": "https://wire.example/a", "text": "body", "publisher_wire": "AP"}\n'
        '{"url": "https://daily.example/b", "text": "other", "publisher_wire": null}\n'
        '{"url": "https://daily.example/cut", "te', encoding="utf-8")
    (spool / "current").mkdir()
    (spool / "current" / "articles.jsonl").write_text('{"url": "https://daily.example/now", "text": "x"}\n')
    store = SeenStore(tmp_path / "seen.sqlite")
    assert store.adopt_spools(spool, exclude="current") == 2
    assert store.get("https://wire.example/a").is_wire and not store.get("https://daily.example/b").is_wire
    assert store.get("https://daily.example/cut") is None and store.get("https://daily.example/now") is None
    assert store.adopt_spools(spool, exclude="current") == 0
