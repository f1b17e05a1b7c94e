"""STORE: the local backend, key rules, URI registry and the run layout."""

from __future__ import annotations

import gzip
import json

import pytest

from crawler.exceptions import ConfigError, StoreError
from crawler.storage import LocalStore, RunWriter, check_key, new_run_id, open_store


def test_open_store_by_uri(tmp_path, monkeypatch) -> None:
    assert isinstance(open_store(tmp_path.as_uri()), LocalStore)
    assert open_store(tmp_path.as_uri()).root == tmp_path
    monkeypatch.chdir(tmp_path)
    assert open_store("file://./data").root.resolve() == (tmp_path / "data").resolve()
    with pytest.raises(ConfigError, match="unknown store scheme 'ftp'"):
        open_store("ftp://host/x")
    with pytest.raises(ConfigError):
        open_store("")


@pytest.mark.parametrize("key", ["../etc/passwd", "runs/../x", "/abs", "a//b", "runs/x\n", "a" * 600, "runs/é"])
def test_unsafe_keys(key: str, tmp_path) -> None:
    with pytest.raises(ValueError):
        check_key(key)
    with pytest.raises(StoreError):
        LocalStore(tmp_path).put(key, b"x")


def test_put_get_list_atomic(tmp_path) -> None:
    store = LocalStore(tmp_path / "s")
    store.put("runs/r1/a.json", b"1")
    store.put("runs/r1/a.json", b"2")
    store.put("runs/r2/b.json", b"3")
    assert store.get("runs/r1/a.json") == b"2"
    assert store.exists("runs/r1/a.json") and not store.exists("runs/r1/zzz")
    assert store.list("runs/r1/") == ["runs/r1/a.json"]
    assert not [p for p in (tmp_path / "s").rglob("*.part")], "no temp file left behind"
    with pytest.raises(StoreError, match="cannot read"):
        store.get("runs/none")


def test_failed_write_leaves_no_partial_object(tmp_path) -> None:
    store = LocalStore(tmp_path / "s")
    store.put("runs/r/x", b"old")
    (tmp_path / "s" / "runs" / "r" / "y").mkdir()  # the rename onto a folder fails, even for root
    with pytest.raises(StoreError, match="cannot write"):
        store.put("runs/r/y", b"new")
    assert store.get("runs/r/x") == b"old"
    assert not [p for p in (tmp_path / "s").rglob("*.part")], "the temp file is removed on failure"


def test_run_layout_and_manifest_last(tmp_path) -> None:
    store = LocalStore(tmp_path / "s")
    writes: list[str] = []
    real_put = store.put_file
    store.put_file = lambda k, p: (writes.append(k), real_put(k, p))  # type: ignore[method-assign]
    run = RunWriter(store, tmp_path / "spool", run_id=new_run_id())
    run.add_article({"url": "u1", "text": "a"})
    run.add_article({"url": "u2", "text": "b"})
    assert run.spool.read_text().count("\n") == 2, "articles are spooled as they pass"
    location = run.finish([{"url": "u1", "relation": "original"}], {"status": "complete"})
    prefix = f"runs/{run.run_id}/"
    assert writes == [prefix + "articles.jsonl.gz", prefix + "lineage.jsonl", prefix + "manifest.json"]
    rows = [json.loads(x) for x in gzip.decompress(store.get(prefix + "articles.jsonl.gz")).splitlines()]
    assert [r["url"] for r in rows] == ["u1", "u2"]
    assert json.loads(store.get(prefix + "manifest.json"))["status"] == "complete"
    assert location.endswith(prefix)
    assert not run.spool.exists()
