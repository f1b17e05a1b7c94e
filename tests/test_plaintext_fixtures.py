"""CLEAN on texts of our own making (tests/fixtures/plaintext): other boilerplate shapes, other agencies.

These texts were written for the tests and share no boilerplate string with the seeds, so they
check that the cleaner works by the shape of lines, not by the seeds' exact strings.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from cleaners import clean

FIXTURES = Path(__file__).parent / "fixtures" / "plaintext"
CASES = sorted(p.stem for p in FIXTURES.glob("*.txt"))


def _load(stem: str):
    spec = json.loads((FIXTURES / f"{stem}.json").read_text(encoding="utf-8"))
    return spec, clean((FIXTURES / f"{stem}.txt").read_bytes())


def test_fixture_set_is_sound() -> None:
    assert len(CASES) >= 10
    for stem in CASES:
        spec = json.loads((FIXTURES / f"{stem}.json").read_text(encoding="utf-8"))
        raw = (FIXTURES / f"{stem}.txt").read_text(encoding="utf-8")
        assert spec["keep"], stem
        for s in spec["keep"] + spec["drop"] + spec["wire"]["evidence"]:
            assert s in raw, (stem, s)


@pytest.mark.parametrize("stem", CASES)
def test_keep_and_drop(stem: str) -> None:
    spec, r = _load(stem)
    for s in spec["keep"]:
        assert s in r.text, f"kept sentence lost: {s!r}"
    lines = {line.strip() for line in r.text.split("\n")}
    for s in spec["drop"] + [m for m in spec["metadata_not_body"] if m != spec["title"]]:
        assert s.strip() not in lines, f"boilerplate kept as a line: {s!r}"
        if len(s.split()) >= 3:
            assert s.strip() not in r.text, f"boilerplate kept: {s!r}"


@pytest.mark.parametrize("stem", CASES)
def test_title(stem: str) -> None:
    spec, r = _load(stem)
    assert r.title == spec["title"]
    if spec["title"]:
        assert spec["title"] not in r.text.split("\n")


@pytest.mark.parametrize("stem", CASES)
def test_published(stem: str) -> None:
    spec, r = _load(stem)
    if spec["published"] is None:
        assert r.published is None
    else:
        assert r.published is not None
        assert datetime.fromisoformat(r.published).replace(tzinfo=None) == datetime.fromisoformat(spec["published"])


@pytest.mark.parametrize("stem", CASES)
def test_wire(stem: str) -> None:
    spec, r = _load(stem)
    assert r.wire.service == spec["wire"]["service"]
    assert r.wire.credited == spec["wire"]["credited"]
    for e in spec["wire"]["evidence"]:
        assert any(e.strip() in got for got in r.wire.evidence), (e, r.wire.evidence)
