"""End to end on S3: real `scrapy crawl replay` and `wiretrace flush` subprocesses writing through
boto3 to a real S3 server on 127.0.0.1 (moto in server mode), which the tests stop and start.

Nothing lost: a run whose store is down (before it starts, or between two uploads) keeps its files
in the local spool and exits 1; the next run (or `wiretrace flush`) uploads them, and every article
of both runs is in the bucket exactly once.
"""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED_NAMES, SEEDS, run_scrapy, scrapy_env

PREFIX = "wt/prod"
VOLATILE = {"run_id", "fetched_at"}
DECISION = ("url", "relation", "parent_url", "original_url", "story_id", "wire", "credited", "miscredited")


def _inbox(tmp_path: Path, name: str, seeds: list[str]) -> Path:
    inbox = tmp_path / name
    inbox.mkdir()
    for seed in seeds:
        shutil.copy(SEEDS / seed, inbox)
    return inbox


def _env(s3, tmp_path: Path, bucket: str, **extra: str) -> dict[str, str]:
    return {**s3.env(tmp_path), "WIRETRACE_STORE_URI": f"s3://{bucket}/{PREFIX}", **extra}


def _bucket_runs(s3, bucket: str) -> dict[str, dict[str, bytes]]:
    """run id → {file name: bytes} for every object under PREFIX/runs/."""
    client = s3.client()
    runs: dict[str, dict[str, bytes]] = {}
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=f"{PREFIX}/runs/"):
        for obj in page.get("Contents", []):
            run_id, name = obj["Key"][len(PREFIX) + len("/runs/"):].split("/", 1)
            runs.setdefault(run_id, {})[name] = client.get_object(Bucket=bucket, Key=obj["Key"])["Body"].read()
    return runs


def _articles(files: dict[str, bytes]) -> list[dict]:
    return [json.loads(x) for x in gzip.decompress(files["articles.jsonl.gz"]).splitlines()]


def _spooled(tmp_path: Path) -> list[str]:
    spool = tmp_path / "state" / "spool"
    return sorted(p.name for p in spool.iterdir() if p.is_dir()) if spool.is_dir() else []


def _strip(value, also: set[str] = set()):  # noqa: B006 (read only)
    if isinstance(value, dict):
        return {k: _strip(v, also) for k, v in value.items() if k not in VOLATILE | also}
    if isinstance(value, list):
        return [_strip(v, also) for v in value]
    return value


def _no_secret(s3, *texts: str) -> None:
    for text in texts:
        assert s3.key_id not in text and s3.secret not in text, "a credential leaked"


def _every_article_once(runs: dict[str, dict[str, bytes]], want: dict[str, int]) -> None:
    """Each run has its manifest and exactly its articles; no article twice anywhere."""
    assert sorted(runs) == sorted(want)
    seen: list[tuple[str, str]] = []
    for run_id, files in runs.items():
        assert "manifest.json" in files, f"run {run_id} has no manifest"
        articles = _articles(files)
        assert len(articles) == want[run_id] == json.loads(files["manifest.json"])["counts"]["articles"]
        seen += [(a["run_id"], Path(a["url"]).name) for a in articles]
    assert len(seen) == len(set(seen)) == sum(want.values())
    assert {r for r, _ in seen} == set(want)


def test_seeds_to_s3_match_the_local_store(s3, tmp_path) -> None:
    # one request at a time, so both runs see the articles in the same order
    serial = ["-s", "CONCURRENT_REQUESTS=1"]
    local = run_scrapy(["crawl", "replay", "-a", "path=seeds", *serial], tmp_path / "local")
    assert local.returncode == 0, local.stderr[-3000:]
    bucket = s3.new_bucket()
    remote = run_scrapy(["crawl", "replay", "-a", "path=seeds", "-L", "DEBUG", *serial], tmp_path / "s3",
                        extra_env=_env(s3, tmp_path, bucket))
    assert remote.returncode == 0, remote.stderr[-3000:]

    (local_dir,) = (tmp_path / "local" / "store" / "runs").iterdir()
    runs = _bucket_runs(s3, bucket)
    ((run_id, files),) = runs.items()
    assert sorted(files) == ["articles.jsonl.gz", "lineage.jsonl", "manifest.json"]
    assert sorted(p.name for p in local_dir.iterdir()) == sorted(files)
    local_articles = [json.loads(x) for x in gzip.decompress((local_dir / "articles.jsonl.gz").read_bytes()).splitlines()]
    remote_articles = _articles(files)
    assert sorted(Path(a["url"]).name for a in remote_articles) == SEED_NAMES
    assert {a["run_id"] for a in remote_articles} == {run_id}
    by_url = lambda rows: sorted(rows, key=lambda r: r["url"])  # noqa: E731 (arrival order may differ)
    # an article's own `lineage` is the answer as known when it passed; lineage.jsonl (below) is final
    assert _strip(by_url(remote_articles), {"lineage"}) == _strip(by_url(local_articles), {"lineage"})
    local_lineage = [json.loads(x) for x in (local_dir / "lineage.jsonl").read_text().splitlines()]
    remote_lineage = [json.loads(x) for x in files["lineage.jsonl"].splitlines()]
    # the decisions; confidence and evidence weigh first-seen times (whole seconds), which vary between runs
    decisions = lambda rows: [{k: r[k] for k in DECISION} for r in by_url(rows)]  # noqa: E731
    assert decisions(remote_lineage) == decisions(local_lineage) and len(remote_lineage) == 5
    local_manifest = json.loads((local_dir / "manifest.json").read_text())
    manifest = json.loads(files["manifest.json"])
    assert manifest["status"] == "complete" and manifest["counts"] == local_manifest["counts"]
    assert manifest["counts"]["relations"] == {"original": 3, "related": 1, "rewrite": 1}
    assert manifest["settings"]["store_uri"] == f"s3://{bucket}/{PREFIX}"
    assert f"written to s3://{bucket}/{PREFIX}/runs/{run_id}/" in remote.stdout
    assert _spooled(tmp_path / "s3") == [], "the spool is emptied once the manifest is in the bucket"
    assert (tmp_path / "s3" / "state" / "lineage.sqlite").is_file(), "embedded state stays on local disk"
    _no_secret(s3, remote.stdout, remote.stderr, *(b.decode("utf-8", "replace") for b in files.values()))
    assert "] DEBUG: " in remote.stderr, "the run logged at DEBUG level"
    assert not [line for line in remote.stderr.splitlines() if "[botocore" in line and "DEBUG" in line], \
        "botocore's DEBUG log (request headers) stays off"


def test_store_down_before_a_run_then_the_next_run_flushes(s3, tmp_path) -> None:
    bucket = s3.new_bucket()
    env = _env(s3, tmp_path, bucket)
    first = _inbox(tmp_path, "first", SEED_NAMES[:3])
    second = _inbox(tmp_path, "second", SEED_NAMES[3:])
    s3.stop()
    try:
        down = run_scrapy(["crawl", "replay", "-a", f"path={first}"], tmp_path, extra_env=env)
    finally:
        s3.start()
    assert down.returncode == 1, down.stderr[-3000:]
    assert "wiretrace: warning: store s3://" in down.stderr and "is unreachable now" in down.stderr
    (pending,) = _spooled(tmp_path)
    assert f"wiretrace run {pending} failed: 3 articles kept in the spool" in down.stdout
    folder = tmp_path / "state" / "spool" / pending
    assert (folder / "manifest.json").is_file() and (folder / ".pending").is_file()
    assert _bucket_runs(s3, bucket) == {}

    up = run_scrapy(["crawl", "replay", "-a", f"path={second}"], tmp_path, extra_env=env)
    assert up.returncode == 0, up.stderr[-3000:]
    assert f"flushed 1 pending run from the spool: {pending} (3 articles)" in up.stdout
    assert _spooled(tmp_path) == []
    runs = _bucket_runs(s3, bucket)
    (later,) = set(runs) - {pending}
    _every_article_once(runs, {pending: 3, later: 2})
    assert json.loads(runs[pending]["manifest.json"])["status"] == "complete"
    # the lineage index stayed local across the outage: the later run still finds 003's original
    lineage = {Path(r["url"]).name: r for r in map(json.loads, runs[later]["lineage.jsonl"].splitlines())}
    assert Path(lineage["003_21541c34db9c8c06.txt"]["parent_url"]).name == "000_01d35a0089ec8a9b.txt"
    _no_secret(s3, down.stdout, down.stderr, up.stdout, up.stderr)


def test_store_down_between_two_uploads(s3, tmp_path) -> None:
    bucket = s3.new_bucket()
    hold = tmp_path / "hold"
    env = _env(s3, tmp_path, bucket, WIRETRACE_TEST_HOLD_MANIFEST=str(hold))
    first = _inbox(tmp_path, "first", SEED_NAMES[:3])
    proc = subprocess.Popen([sys.executable, "-m", "scrapy", "crawl", "replay", "-a", f"path={first}"], cwd=ROOT,
                            env=scrapy_env(tmp_path, env), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 180
        while not Path(f"{hold}.waiting").exists():
            assert proc.poll() is None and time.monotonic() < deadline, "the run never reached its manifest"
            time.sleep(0.05)
        ((run_id, files),) = _bucket_runs(s3, bucket).items()
        assert sorted(files) == ["articles.jsonl.gz", "lineage.jsonl"], "articles and lineage are up, manifest not"
        s3.stop()
        hold.touch()
        out, err = proc.communicate(timeout=180)
    finally:
        if proc.poll() is None:
            proc.kill()
        s3.start()
    assert proc.returncode == 1, err[-3000:]
    assert f"run {run_id} could not be written" in err and "the next run (or `wiretrace flush`) uploads it" in err
    assert _spooled(tmp_path) == [run_id]

    second = _inbox(tmp_path, "second", SEED_NAMES[3:])
    up = run_scrapy(["crawl", "replay", "-a", f"path={second}"], tmp_path,
                    extra_env={**env, "WIRETRACE_TEST_HOLD_MANIFEST": ""})
    assert up.returncode == 0, up.stderr[-3000:]
    assert f"flushed 1 pending run from the spool: {run_id} (3 articles)" in up.stdout
    assert f"{run_id}: 1 object sent, 2 already in the store" in up.stderr, "only the manifest was missing"
    runs = _bucket_runs(s3, bucket)
    (later,) = set(runs) - {run_id}
    _every_article_once(runs, {run_id: 3, later: 2})
    _no_secret(s3, out, err, up.stdout, up.stderr)


def _flush(tmp_path: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "crawler.cli", "flush"], cwd=ROOT, env=scrapy_env(tmp_path, env),
                          capture_output=True, text=True, timeout=120)


def test_wiretrace_flush(s3, tmp_path) -> None:
    bucket = s3.new_bucket()
    env = _env(s3, tmp_path, bucket)
    nothing = _flush(tmp_path, env)
    assert nothing.returncode == 0 and "nothing pending" in nothing.stdout, nothing.stderr
    s3.stop()
    try:
        down = run_scrapy(["crawl", "replay", "-a", f"path={_inbox(tmp_path, 'in', SEED_NAMES[:2])}"], tmp_path,
                          extra_env=env)
        still_down = _flush(tmp_path, env)
    finally:
        s3.start()
    assert down.returncode == 1
    (pending,) = _spooled(tmp_path)
    assert still_down.returncode == 1 and "is unreachable" in still_down.stderr and "Traceback" not in still_down.stderr
    assert _spooled(tmp_path) == [pending]

    wrong = _flush(tmp_path, {**env, "AWS_SECRET_ACCESS_KEY": "not-the-secret"})
    assert wrong.returncode == 2 and "refused the credentials" in wrong.stderr and "Traceback" not in wrong.stderr
    _no_secret(s3, wrong.stdout, wrong.stderr)
    assert "not-the-secret" not in wrong.stderr

    done = _flush(tmp_path, env)
    assert done.returncode == 0, done.stderr
    assert f"wiretrace flush: flushed 1 pending run from the spool: {pending} (2 articles)" in done.stdout
    _every_article_once(_bucket_runs(s3, bucket), {pending: 2})
    again = _flush(tmp_path, env)
    assert again.returncode == 0 and "nothing pending" in again.stdout


@pytest.mark.parametrize("case", ["missing bucket", "wrong secret", "wrong key id", "no bucket in URI",
                                  "invalid bucket name"])
def test_bad_store_is_a_clear_error_before_crawling(s3, tmp_path, case: str) -> None:
    bucket = s3.new_bucket()
    env = _env(s3, tmp_path, bucket)
    needle = {"missing bucket": "does not exist", "wrong secret": "refused the credentials (SignatureDoesNotMatch)",
              "wrong key id": "refused the credentials (InvalidAccessKeyId)", "no bucket in URI": "names no bucket",
              "invalid bucket name": "not a valid S3 bucket name"}[case]
    env.update({
        "missing bucket": {"WIRETRACE_STORE_URI": "s3://wt-no-such-bucket/x"},
        "wrong secret": {"AWS_SECRET_ACCESS_KEY": "wrong-secret-0123456789"},
        "wrong key id": {"AWS_ACCESS_KEY_ID": "AKIAWRONGKEYID012345"},
        "no bucket in URI": {"WIRETRACE_STORE_URI": "s3:///runs"},
        "invalid bucket name": {"WIRETRACE_STORE_URI": "s3://Not_A_Bucket/x"},
    }[case])
    proc = run_scrapy(["crawl", "replay", "-a", "path=seeds"], tmp_path, extra_env=env)
    assert proc.returncode == 2, proc.stderr[-3000:]
    # Scrapy's start-up banner comes first; then one error line, nothing else (no traceback, no crawl)
    errors = [line for line in proc.stderr.splitlines() if "error" in line.lower() or "Traceback" in line]
    assert len(errors) == 1 and errors[0].startswith("wiretrace: error:") and needle in errors[0], proc.stderr
    assert proc.stderr.rstrip().endswith(errors[0])
    assert "Spider opened" not in proc.stderr and proc.stdout == ""
    assert _spooled(tmp_path) == [] and _bucket_runs(s3, bucket) == {}
    _no_secret(s3, proc.stderr)
    assert "wrong-secret-0123456789" not in proc.stderr and "AKIAWRONGKEYID012345" not in proc.stderr


def test_spool_that_cannot_be_written_stops_before_crawling(tmp_path) -> None:
    (tmp_path / "state").mkdir()
    (tmp_path / "state" / "spool").write_text("a file where the spool folder should be")
    proc = run_scrapy(["crawl", "replay", "-a", "path=seeds"], tmp_path)
    assert proc.returncode == 2, proc.stderr[-3000:]
    assert f"wiretrace: error: cannot write the spool {tmp_path / 'state' / 'spool'}" in proc.stderr
    assert "Traceback" not in proc.stderr and "Spider opened" not in proc.stderr
    assert not (tmp_path / "store").exists()
