"""LINEAGE on the seeds: every relation EXPECTED.json accepts, one story id, drift, credits."""

from __future__ import annotations

import pytest

from cleaners import clean
from crawler.lineage import Article, LineageIndex, assign
from tests.conftest import EXPECTED, SEED_NAMES, SEEDS


def _articles(order: list[str]) -> list[Article]:
    out = []
    for name in order:
        r = clean((SEEDS / name).read_bytes())
        out.append(Article(url=name, text=r.text, title=r.title, published=r.published, wire=r.wire.service,
                           credited=r.wire.credited))
    return out


ORDERS = {
    "file order": SEED_NAMES,
    "reversed (copies before originals)": SEED_NAMES[::-1],
    "rewrite first": ["003_21541c34db9c8c06.txt", "004_f07375100f644586.txt", "001_6443f8ba6cddf448.txt",
                      "000_01d35a0089ec8a9b.txt", "002_63fdc63715b44f7b.txt"],
}


@pytest.fixture(scope="module", params=list(ORDERS), ids=list(ORDERS))
def records(request):
    return {r.url: r for r in assign(_articles(ORDERS[request.param]))}


@pytest.mark.parametrize("name", SEED_NAMES)
def test_expected_lineage(records, name: str) -> None:
    want = EXPECTED["articles"][name]["lineage"]
    got = records[name]
    assert got.relation in want["relation"]
    assert got.parent_url in want["parent"]
    assert got.original_url in want["original"]


def test_one_story(records) -> None:
    assert len({r.story_id for r in records.values()}) == 1


def test_004_is_no_copy_of_000_or_003(records) -> None:
    r = records["004_f07375100f644586.txt"]
    assert r.relation not in ("verbatim", "trimmed", "excerpt")
    assert r.parent_url not in ("000_01d35a0089ec8a9b.txt", "003_21541c34db9c8c06.txt")
    assert r.original_url not in ("000_01d35a0089ec8a9b.txt", "003_21541c34db9c8c06.txt")


def test_rewrite_is_an_uncredited_copy_with_evidence(records) -> None:
    r = records["003_21541c34db9c8c06.txt"]
    assert r.credited is False and r.miscredited is False  # EXPECTED: uncredited_copy
    ev = r.evidence
    assert ev["scores"]["aligned_copy"] >= 0.4 and ev["scores"]["jaccard"] < 0.1
    assert ev["aligned_sentences"], "a rewrite must show the sentences it rewrote"
    quote = "Korea-Japan relations simultaneously contain aspects of confrontation"
    assert any(quote in p["text"] for p in ev["passages"]), "the shared quotation is a shared passage"
    for p in ev["passages"]:
        assert p["copy"][0] < p["copy"][1] and p["source"][0] < p["source"][1]
    votes = {v["signal"]: v["weight"] for v in ev["direction"]}
    assert votes["carries the wire credit"] > 0, "direction votes favour the source, which carries the credit"
    assert sum(votes.values()) > 0


def test_drift(records) -> None:
    d003 = records["003_21541c34db9c8c06.txt"].evidence["drift"]
    assert any(d["kind"] == "date" and "2023" in d["copy"] and "2025" in d["source"] for d in d003)
    d004 = records["004_f07375100f644586.txt"].evidence["drift"]
    assert any(d["kind"] == "weekday" and d["copy"] == "Friday" and d["source"] == "Saturday" for d in d004)
    for name in ("000_01d35a0089ec8a9b.txt", "001_6443f8ba6cddf448.txt", "002_63fdc63715b44f7b.txt"):
        assert not records[name].evidence.get("drift")


def test_originals_keep_their_credit(records) -> None:
    assert records["000_01d35a0089ec8a9b.txt"].wire == "IANS" and records["000_01d35a0089ec8a9b.txt"].credited
    assert records["001_6443f8ba6cddf448.txt"].wire == "AP"
    assert records["002_63fdc63715b44f7b.txt"].credited is False


def test_persistent_index_settles_a_copy_seen_in_an_earlier_run(tmp_path) -> None:
    """Day 1 sees only the rewrite; day 2 sees its original, and rewrites day 1's answer."""
    path = tmp_path / "lineage.sqlite"
    arts = {a.url: a for a in _articles(SEED_NAMES)}
    idx = LineageIndex.open(path)
    day1 = idx.add(arts["003_21541c34db9c8c06.txt"]).id
    assert idx.resolve([day1])[day1].relation == "original"
    idx.close()
    idx = LineageIndex.open(path)
    day2 = idx.add(arts["000_01d35a0089ec8a9b.txt"]).id
    out = idx.resolve([day2])
    assert out[day2].relation == "original"
    assert day1 in out, "the earlier row whose answer changed is reported again"
    assert out[day1].relation == "rewrite" and out[day1].parent_url == "000_01d35a0089ec8a9b.txt"
    idx.close()
