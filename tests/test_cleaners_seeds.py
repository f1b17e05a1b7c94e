"""CLEAN on the seeds: every keep, drop, title, date and wire field of EXPECTED.json."""

from __future__ import annotations

from datetime import datetime

import pytest

from cleaners import clean
from tests.conftest import EXPECTED, SEED_NAMES, SEEDS


@pytest.fixture(scope="module")
def results():
    return {name: clean((SEEDS / name).read_bytes(), url=(SEEDS / name).as_uri()) for name in SEED_NAMES}


def _lines(text: str) -> set[str]:
    return {line.strip() for line in text.split("\n")}


@pytest.mark.parametrize("name", SEED_NAMES)
def test_keep(results, name: str) -> None:
    for sentence in EXPECTED["articles"][name]["keep"]:
        assert sentence in results[name].text


@pytest.mark.parametrize("name", SEED_NAMES)
def test_drop(results, name: str) -> None:
    text = results[name].text
    for line in EXPECTED["articles"][name]["drop"]:
        assert line.strip() not in text


@pytest.mark.parametrize("name", SEED_NAMES)
def test_metadata_not_body(results, name: str) -> None:
    r = results[name]
    spec = EXPECTED["articles"][name]
    for line in spec["metadata_not_body"]:
        if line == "the title line, which appears twice":
            assert spec["title"] not in r.text
        elif len(line.split()) > 1:
            assert line.strip() not in r.text
        else:  # a one-word label may occur as a word in the body, never as a line of it
            assert line.strip() not in _lines(r.text) and not r.text.startswith(line.strip())


@pytest.mark.parametrize("name", SEED_NAMES)
def test_title(results, name: str) -> None:
    assert results[name].title == EXPECTED["articles"][name]["title"]


@pytest.mark.parametrize("name", SEED_NAMES)
def test_published(results, name: str) -> None:
    want = EXPECTED["articles"][name]["published"]
    got = results[name].published
    if want is None:
        assert got is None
    else:
        assert got is not None and datetime.fromisoformat(got) == datetime.fromisoformat(want)
        assert ("T" in got) == ("T" in want), "a date alone must not gain an invented time"


@pytest.mark.parametrize("name", SEED_NAMES)
def test_wire(results, name: str) -> None:
    want = EXPECTED["articles"][name]["wire"]
    wire = results[name].wire
    assert wire.service == want["service"]
    assert wire.credited == want["credited"]
    for evidence in want["evidence"]:
        assert evidence in wire.evidence
        assert evidence not in results[name].text, "credit lines are evidence, not body"


def test_passing_mention_is_not_a_credit(results) -> None:
    # seed 000 says "reports Yonhap news agency": a mention, and it stays in the body
    r = results["000_01d35a0089ec8a9b.txt"]
    assert r.wire.services == ["IANS"]
    assert "reports Yonhap news agency" in r.text


def test_body_subheadings_stay(results) -> None:
    assert "Strengthening Ties Amid Historical Challenges" in results["003_21541c34db9c8c06.txt"].text


def test_language_and_fields(results) -> None:
    r = results["001_6443f8ba6cddf448.txt"]
    assert r.language == "en"
    assert r.byline == "By AP" and [(a.name, a.kind) for a in r.authors] == [("AP", "organization")]
    assert r.section == "World"
    assert results["000_01d35a0089ec8a9b.txt"].dateline == "Tokyo, Aug 23"


def test_deterministic() -> None:
    data = (SEEDS / "003_21541c34db9c8c06.txt").read_bytes()
    assert clean(data).to_dict() == clean(data).to_dict() == clean(data.decode("utf-8")).to_dict() | {
        "encoding": "utf-8"}
