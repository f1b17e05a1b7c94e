"""End to end: real `scrapy crawl replay` subprocesses, checked from the files they wrote."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import EXPECTED, SEED_NAMES, SEEDS, run_scrapy


def _run_dir(tmp_path: Path) -> Path:
    runs = sorted((tmp_path / "store" / "runs").iterdir())
    assert len(runs) >= 1
    return runs[-1]


def _read(run: Path) -> tuple[list[dict], list[dict], dict]:
    articles = [json.loads(x) for x in gzip.decompress((run / "articles.jsonl.gz").read_bytes()).splitlines()]
    lineage = [json.loads(x) for x in (run / "lineage.jsonl").read_text().splitlines()]
    return articles, lineage, json.loads((run / "manifest.json").read_text())


@pytest.fixture(scope="module")
def seeds_run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("replay")
    proc = run_scrapy(["crawl", "replay", "-a", "path=seeds"], tmp)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return tmp, proc


def test_seeds_replay_writes_the_run(seeds_run) -> None:
    tmp, proc = seeds_run
    run = _run_dir(tmp)
    articles, lineage, manifest = _read(run)
    assert manifest["status"] == "complete" and manifest["counts"]["articles"] == 5
    assert sorted(Path(a["url"]).name for a in articles) == SEED_NAMES
    for a in articles:
        assert a["url"].startswith("file://") and a["text"] and a["lineage"]["story_id"]
        assert {"url", "canonical_url", "source", "title", "byline", "authors", "published", "language", "text",
                "wire", "lineage"} <= set(a)
        assert {"service", "credited", "evidence"} <= set(a["wire"])
    by_name = {Path(r["url"]).name: r for r in lineage}
    assert sorted(by_name) == SEED_NAMES
    for name, row in by_name.items():
        want = EXPECTED["articles"][name]["lineage"]
        assert row["relation"] in want["relation"]
        assert (row["parent_url"] and Path(row["parent_url"]).name) in want["parent"]
        assert Path(row["original_url"]).name in want["original"]
        assert {"url", "relation", "parent_url", "original_url", "story_id", "wire", "credited", "confidence",
                "evidence"} <= set(row)
    assert len({r["story_id"] for r in lineage}) == 1
    assert manifest["counts"]["relations"] == {"original": 3, "related": 1, "rewrite": 1}
    assert manifest["counts"]["copies_uncredited"] == 1


def test_summary_names_where_and_lineage(seeds_run) -> None:
    tmp, proc = seeds_run
    assert f"written to {(tmp / 'store').as_uri()}" in proc.stdout
    assert "003_21541c34db9c8c06.txt  rewrite   of 000_01d35a0089ec8a9b.txt" in proc.stdout


def test_second_run_keeps_answers_and_index(seeds_run) -> None:
    tmp, _ = seeds_run
    proc = run_scrapy(["crawl", "replay", "-a", "path=seeds/003_21541c34db9c8c06.txt"], tmp)
    assert proc.returncode == 0, proc.stderr[-3000:]
    runs = sorted((tmp / "store" / "runs").iterdir())
    assert len(runs) == 2, "one run never overwrites another"
    _, lineage, manifest = _read(runs[-1])
    assert [Path(r["url"]).name for r in lineage] == ["003_21541c34db9c8c06.txt"]
    assert lineage[0]["relation"] == "rewrite" and Path(lineage[0]["parent_url"]).name == "000_01d35a0089ec8a9b.txt"
    assert manifest["counts"]["events"]["lineage/unchanged"] == 1


def test_bad_inputs_are_counted_and_the_run_goes_on(tmp_path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(SEEDS / "000_01d35a0089ec8a9b.txt", inbox)
    (inbox / "b_binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    (inbox / "c_empty.txt").write_bytes(b"")
    latin = (SEEDS / "002_63fdc63715b44f7b.txt").read_text().replace("\u2019", "'").replace("\u2013", "-")
    (inbox / "d_latin1.txt").write_bytes(latin.replace("Japan", "Japón").encode("latin-1"))
    (inbox / "e_big.txt").write_bytes(b"word " * 5000)
    (inbox / "f_broken.txt.gz").write_bytes(b"\x1f\x8b not gzip")
    proc = run_scrapy(["crawl", "replay", "-a", f"path={inbox}"], tmp_path,
                      extra_env={"WIRETRACE_MAX_FILE_BYTES": "20000"})
    assert proc.returncode == 0, proc.stderr[-3000:]
    articles, _, manifest = _read(_run_dir(tmp_path))
    assert sorted(Path(a["url"]).name for a in articles) == ["000_01d35a0089ec8a9b.txt", "d_latin1.txt"]
    assert "Japón" in next(a["text"] for a in articles if a["url"].endswith("d_latin1.txt"))
    events = manifest["counts"]["events"]
    assert events["clean/binary"] == 1 and events["clean/empty"] == 1 and events["clean/not_utf8"] == 1
    assert events["replay/too_large"] == 1 and events["replay/bad_gzip"] == 1
    log = proc.stderr
    for needle in ("b_binary.txt: content is binary", "c_empty.txt: content is empty", "d_latin1.txt is not valid UTF-8",
                   "e_big.txt", "f_broken.txt.gz: not a readable gzip"):
        assert needle in log, needle
    assert "Traceback" not in log


def test_gzip_and_html_inputs(tmp_path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt.gz").write_bytes(gzip.compress((SEEDS / "001_6443f8ba6cddf448.txt").read_bytes()))
    paras = "".join(f"<p>{p}</p>" for p in (SEEDS / "002_63fdc63715b44f7b.txt").read_text().split("\n\n"))
    (inbox / "b.html").write_text(f"<html><head><title>Summit</title></head><body><article>{paras}</article></body></html>")
    proc = run_scrapy(["crawl", "replay", "-a", f"path={inbox}"], tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    articles, _, _ = _read(_run_dir(tmp_path))
    by = {Path(a["url"]).name: a for a in articles}
    assert by["a.txt.gz"]["wire"]["service"] == "AP" and by["a.txt.gz"]["byline"] == "By AP"
    assert "reaffirmed security cooperation" in by["b.html"]["text"]


def test_missing_path_is_a_clear_error(tmp_path) -> None:
    proc = run_scrapy(["crawl", "replay", "-a", "path=no/such/dir"], tmp_path)
    assert proc.returncode == 2
    assert "replay path 'no/such/dir' does not exist" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "store").exists()


def test_malformed_store_uri_is_a_clear_error(tmp_path) -> None:
    proc = run_scrapy(["crawl", "replay", "-a", "path=seeds"], tmp_path, extra_env={"WIRETRACE_STORE_URI": "ftp://x/y"})
    assert proc.returncode == 2 and "unknown store scheme 'ftp'" in proc.stderr and "Traceback" not in proc.stderr
