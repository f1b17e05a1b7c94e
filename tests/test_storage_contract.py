"""STORE: one contract suite over every backend (file:// and s3:// against a real moto server).

The S3 backend is reached through boto3 over HTTP on 127.0.0.1 (moto in server mode, started by
the ``s3_server`` fixture); nothing is mocked in process. Each backend comes with a way to break
and repair it, so the spool and flush behaviour is proved on both.
"""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from crawler.exceptions import ConfigError, SpoolError, StoreError
from crawler.storage import LocalStore, RunWriter, Store, flush_spool, new_run_id, open_store
from crawler.storage.base import file_sha256
from tests.conftest import ROOT, free_port


class Backend:
    """A store under test, plus how to make it fail and recover."""

    def __init__(self, store: Store, down, up, server=None, bucket: str = "") -> None:
        self.store, self.down, self.up, self.server, self.bucket = store, down, up, server, bucket


@pytest.fixture(params=["file", "s3"])
def backend(request, tmp_path, monkeypatch):
    if request.param == "file":
        root, away = tmp_path / "store", tmp_path / "store.away"

        def down() -> None:  # the store folder moved away, a file in its place: every write fails
            if root.exists():
                root.rename(away)
            root.write_text("in the way")

        def up() -> None:
            root.unlink()
            if away.exists():
                away.rename(root)

        yield Backend(LocalStore(root), down, up)
        return
    server = request.getfixturevalue("s3")
    for name, value in server.env(tmp_path).items():
        monkeypatch.setenv(name, value)
    bucket = server.new_bucket()
    yield Backend(open_store(f"s3://{bucket}/some/prefix"), server.stop, server.start, server, bucket)


def test_put_get_exists_list(backend) -> None:
    store = backend.store
    store.check()
    store.put("runs/r1/a.json", b"1")
    store.put("runs/r1/a.json", b"2")
    store.put("runs/r2/b.json", b"3")
    store.put("other/c", b"")
    assert store.get("runs/r1/a.json") == b"2"
    assert store.get("other/c") == b""
    assert store.exists("runs/r1/a.json") and not store.exists("runs/r1/zzz")
    assert store.list("runs/r1/") == ["runs/r1/a.json"]
    assert store.list("runs/") == ["runs/r1/a.json", "runs/r2/b.json"]
    assert store.list() == ["other/c", "runs/r1/a.json", "runs/r2/b.json"]
    with pytest.raises(StoreError, match="cannot read"):
        store.get("runs/none")


@pytest.mark.parametrize("key", ["../etc/passwd", "runs/../x", "/abs", "a//b", "runs/x\n", "a" * 600, "runs/é"])
def test_unsafe_keys_are_refused(backend, key: str, tmp_path) -> None:
    with pytest.raises(StoreError):
        backend.store.put(key, b"x")
    (tmp_path / "f").write_bytes(b"x")
    with pytest.raises(StoreError):
        backend.store.put_file(key, tmp_path / "f")


def test_put_file_and_digest(backend, tmp_path) -> None:
    store = backend.store
    src = tmp_path / "lineage.jsonl"
    src.write_bytes(b'{"url": "u"}\n' * 1000)
    assert store.digest("runs/r/lineage.jsonl") is None
    store.put_file("runs/r/lineage.jsonl", src)
    assert store.get("runs/r/lineage.jsonl") == src.read_bytes()
    assert store.digest("runs/r/lineage.jsonl") == file_sha256(src)
    store.put("runs/r/x", b"abc")
    assert store.digest("runs/r/x") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


def test_large_object_is_one_object(backend, tmp_path) -> None:
    """11 MiB through put_file: multipart on S3 (5 MiB parts), whole and intact on both."""
    store = backend.store
    if backend.server:
        from crawler.storage.s3 import S3Store

        store = S3Store(backend.bucket, "big", multipart_threshold=5 * 1024 * 1024)
    big = tmp_path / "raw.warc.gz"
    big.write_bytes(os.urandom(11 * 1024 * 1024))
    store.put_file("runs/r/raw.warc.gz", big)
    assert store.get("runs/r/raw.warc.gz") == big.read_bytes()
    assert store.digest("runs/r/raw.warc.gz") == file_sha256(big)
    if backend.server:
        head = backend.server.client().head_object(Bucket=backend.bucket, Key="big/runs/r/raw.warc.gz")
        assert head["ETag"].strip('"').endswith("-3"), "sent as a 3-part multipart upload"
        assert not backend.server.client().list_multipart_uploads(Bucket=backend.bucket).get("Uploads")


def _articles(store: Store, run_id: str) -> list[dict]:
    return [json.loads(x) for x in gzip.decompress(store.get(f"runs/{run_id}/articles.jsonl.gz")).splitlines()]


def test_run_layout_extra_files_and_manifest_last(backend, tmp_path) -> None:
    store = backend.store
    order: list[str] = []
    real = store.put_file

    def recording_put_file(key: str, path: Path) -> None:
        order.append(key)
        real(key, path)

    store.put_file = recording_put_file  # type: ignore[method-assign]
    run = RunWriter(store, tmp_path / "spool", run_id=new_run_id())
    for i in range(3):
        run.add_article({"url": f"u{i}", "text": "t"})
    (run.spool.parent / "raw.warc.gz").write_bytes(gzip.compress(b"WARC/1.1\r\n"))
    location = run.finish([{"url": "u0", "relation": "original"}], {"status": "complete"})
    prefix = f"runs/{run.run_id}/"
    assert order == [prefix + "articles.jsonl.gz", prefix + "lineage.jsonl", prefix + "raw.warc.gz",
                     prefix + "manifest.json"]
    assert store.list(prefix) == sorted(order)
    assert [a["url"] for a in _articles(store, run.run_id)] == ["u0", "u1", "u2"]
    assert gzip.decompress(store.get(prefix + "raw.warc.gz")) == b"WARC/1.1\r\n"
    manifest = json.loads(store.get(prefix + "manifest.json"))
    assert manifest["status"] == "complete" and manifest["run_id"] == run.run_id
    assert location == store.uri.rstrip("/") + "/" + prefix
    assert not run.spool.parent.exists(), "the spool folder goes once the manifest is in the store"


def test_store_down_keeps_the_run_and_flush_uploads_it_once(backend, tmp_path) -> None:
    store, spool = backend.store, tmp_path / "spool"
    run = RunWriter(store, spool, run_id=new_run_id())
    run.add_article({"url": "a", "text": "t"})
    run.add_article({"url": "b", "text": "t"})
    backend.down()
    try:
        with pytest.raises(StoreError, match="kept in"):
            run.finish([], {"status": "complete"})
        folder = spool / run.run_id
        assert (folder / "manifest.json").is_file() and (folder / ".pending").is_file()
        assert "error" in json.loads((folder / ".pending").read_text())
        report = flush_spool(store, spool)
        assert not report.flushed and run.run_id in report.failed, "still down: still pending"
        assert folder.is_dir()
    finally:
        backend.up()
    report = flush_spool(store, spool)
    assert [(r.run_id, r.articles, r.recovered) for r in report.flushed] == [(run.run_id, 2, False)]
    assert report.lines()[0] == f"flushed 1 pending run from the spool: {run.run_id} (2 articles)"
    assert not (spool / run.run_id).exists()
    assert [a["url"] for a in _articles(store, run.run_id)] == ["a", "b"]
    assert json.loads(store.get(f"runs/{run.run_id}/manifest.json"))["status"] == "complete"
    assert not flush_spool(store, spool).flushed, "nothing left to flush"


def test_flush_skips_objects_already_in_the_store(backend, tmp_path) -> None:
    """The store goes down between two uploads: the flush sends only what is missing."""
    store, spool, hold = backend.store, tmp_path / "spool", tmp_path / "go"
    run = RunWriter(store, spool, run_id=new_run_id(), hold_manifest=str(hold))
    run.add_article({"url": "a", "text": "t"})
    writer = threading.Thread(target=_finish_expecting_failure, args=(run,))
    writer.start()
    _wait(lambda: (tmp_path / "go.waiting").exists())  # the writer waits before the manifest
    prefix = f"runs/{run.run_id}/"
    assert store.list(prefix) == [prefix + "articles.jsonl.gz", prefix + "lineage.jsonl"]
    backend.down()
    hold.touch()
    writer.join(60)
    backend.up()
    assert run.failure and "kept in" in run.failure  # type: ignore[attr-defined]
    assert not store.exists(prefix + "manifest.json")
    (flushed,) = flush_spool(store, spool).flushed
    assert (flushed.uploaded, flushed.skipped) == (1, 2), "only the manifest is sent again"
    assert [a["url"] for a in _articles(store, run.run_id)] == ["a"]
    assert store.exists(prefix + "manifest.json")


def _finish_expecting_failure(run: RunWriter) -> None:
    run.failure = None  # type: ignore[attr-defined]
    try:
        run.finish([], {"status": "complete"})
    except StoreError as exc:
        run.failure = str(exc)  # type: ignore[attr-defined]


def _wait(cond, timeout: float = 60) -> None:
    import time

    deadline = time.monotonic() + timeout
    while not cond():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


_KILLED_RUN = """
import os, signal, sys
from crawler.storage import LocalStore, RunWriter
run = RunWriter(LocalStore(sys.argv[2]), sys.argv[1], run_id="20250101T000000Z-dead01")
for i in range(4):
    run.add_article({"url": f"k{i}", "text": "t"})
(run.spool.parent / "raw.warc.gz").write_bytes(b"partial warc")
with open(run.spool, "a") as fh:   # a write cut short by the kill
    fh.write('{"url": "k4", "te')
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_killed_run_is_recovered_as_incomplete(backend, tmp_path) -> None:
    spool = tmp_path / "spool"
    proc = subprocess.run([sys.executable, "-c", _KILLED_RUN, str(spool), str(tmp_path / "unused")], cwd=ROOT)
    assert proc.returncode == -signal.SIGKILL
    assert (spool / "20250101T000000Z-dead01" / "articles.jsonl").is_file()
    report = flush_spool(backend.store, spool)
    (flushed,) = report.flushed
    assert flushed.recovered and flushed.articles == 4
    assert "recovered from a killed run" in report.lines()[0]
    assert [a["url"] for a in _articles(backend.store, "20250101T000000Z-dead01")] == ["k0", "k1", "k2", "k3"]
    manifest = json.loads(backend.store.get("runs/20250101T000000Z-dead01/manifest.json"))
    assert manifest["status"] == "incomplete" and manifest["finish_reason"] == "killed"
    assert manifest["counts"] == {"articles": 4, "lines_cut_short": 1, "lineage_rows": 0}
    assert backend.store.get("runs/20250101T000000Z-dead01/raw.warc.gz") == b"partial warc"
    assert not (spool / "20250101T000000Z-dead01").exists()


def test_a_live_run_is_left_alone(backend, tmp_path) -> None:
    spool = tmp_path / "spool"
    live = RunWriter(backend.store, spool, run_id=new_run_id())
    live.add_article({"url": "x", "text": "t"})
    report = flush_spool(backend.store, spool)
    assert report.busy == [live.run_id] and not report.flushed
    assert not backend.store.list(f"runs/{live.run_id}/")
    live.finish([], {"status": "complete"})
    assert backend.store.exists(f"runs/{live.run_id}/manifest.json")


def test_spool_that_cannot_be_written(backend, tmp_path) -> None:
    (tmp_path / "spool").write_text("a file where the spool folder should be")
    with pytest.raises(SpoolError, match="cannot write the spool"):
        RunWriter(backend.store, tmp_path / "spool")
    run = RunWriter(backend.store, tmp_path / "spool2")
    run.add_article({"url": "a", "text": "t"})
    os.close(run._fd)
    run._fd = os.open("/dev/full", os.O_WRONLY)  # every write: ENOSPC, as on a full disk
    with pytest.raises(SpoolError, match="No space left"):
        run.add_article({"url": "b", "text": "t"})
    assert run.articles == 1


# -- S3 only: configuration errors, credentials never shown, retries -------------------------

def _s3_env(s3, tmp_path, monkeypatch, **override: str) -> None:
    for name, value in {**s3.env(tmp_path), **override}.items():
        monkeypatch.setenv(name, value)


@pytest.mark.parametrize("uri, needle", [
    ("s3://", "names no bucket"),
    ("s3:///prefix", "names no bucket"),
    ("s3://Bad_Bucket/x", "not a valid S3 bucket name"),
    ("s3://ab", "not a valid S3 bucket name"),
    ("s3://bucket/a/../b", "not a safe key prefix"),
    ("s3://bucket?x=1", "query"),
])
def test_malformed_s3_uris(uri: str, needle: str) -> None:
    with pytest.raises(ConfigError, match=needle):
        open_store(uri)


def test_credentials_in_the_uri_are_refused_without_echo() -> None:
    with pytest.raises(ConfigError) as exc:
        open_store("s3://AKIAABCDEFGHIJKLMNOP:topsecretvalue@bucket/x")
    assert "must not carry credentials" in str(exc.value)
    assert "topsecretvalue" not in str(exc.value) and "AKIAABCDEFGHIJKLMNOP" not in str(exc.value)


def test_missing_bucket_is_a_config_error(s3, tmp_path, monkeypatch) -> None:
    _s3_env(s3, tmp_path, monkeypatch)
    with pytest.raises(ConfigError, match="bucket 'no-such-bucket-here' at http://127.0.0.1:.* does not exist"):
        open_store("s3://no-such-bucket-here/x").check()


@pytest.mark.parametrize("which", ["secret", "key_id"])
def test_wrong_credentials_are_a_config_error_that_shows_none(s3, tmp_path, monkeypatch, which: str) -> None:
    bucket = s3.new_bucket()
    fake_id, fake_secret = ("AKIAWRONGWRONGWRONG1", "wrong-secret-value") if which == "key_id" else \
        (s3.key_id, "wrong-secret-value")
    _s3_env(s3, tmp_path, monkeypatch, AWS_ACCESS_KEY_ID=fake_id, AWS_SECRET_ACCESS_KEY=fake_secret)
    store = open_store(f"s3://{bucket}")
    with pytest.raises(ConfigError, match="refused the credentials") as exc:
        store.check()
    with pytest.raises(StoreError) as put_exc:
        store.put("runs/r/x", b"x")
    for text in (str(exc.value), str(put_exc.value)):
        assert fake_id not in text and fake_secret not in text and s3.secret not in text


def test_unreachable_endpoint_is_not_a_config_error(tmp_path, monkeypatch, s3) -> None:
    _s3_env(s3, tmp_path, monkeypatch, AWS_ENDPOINT_URL=f"http://127.0.0.1:{free_port()}")
    with pytest.raises(StoreError, match="cannot reach") as exc:
        open_store("s3://some-bucket").check()
    assert not isinstance(exc.value, ConfigError)


def test_missing_boto3_says_how_to_install() -> None:
    code = ("import sys; sys.modules['boto3'] = None\n"
            "from crawler.storage import open_store\n"
            "try:\n    open_store('s3://bucket-x/p')\nexcept Exception as e:\n    print(type(e).__name__, e)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "ConfigError an s3:// store needs boto3: pip install 'wiretrace[s3]'"


class _Flaky(BaseHTTPRequestHandler):
    """An S3 endpoint that throttles (503 SlowDown) the first ``fail`` requests, then answers."""

    fail = 0
    seen = 0

    def do_GET(self) -> None:  # noqa: N802
        cls = type(self)
        cls.seen += 1
        if cls.seen <= cls.fail:
            body = b"<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>"
            self.send_response(503)
        else:
            body = (b'<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><Name>b</Name><KeyCount>0</KeyCount>'
                    b"<MaxKeys>1</MaxKeys><IsTruncated>false</IsTruncated></ListBucketResult>")
            self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.mark.parametrize("attempts, fail, ok", [("3", 2, True), ("2", 2, False)])
def test_throttling_is_retried_by_botocore(tmp_path, monkeypatch, s3, attempts: str, fail: int, ok: bool) -> None:
    handler = type("Flaky", (_Flaky,), {"fail": fail, "seen": 0})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        _s3_env(s3, tmp_path, monkeypatch, AWS_ENDPOINT_URL=f"http://127.0.0.1:{server.server_port}",
                AWS_MAX_ATTEMPTS=attempts)
        store = open_store("s3://retry-bucket")
        if ok:
            store.check()
        else:
            with pytest.raises(StoreError, match="SlowDown"):
                store.check()
        assert handler.seen == int(attempts)
    finally:
        server.shutdown()
        server.server_close()
