"""CLEAN on real-shaped news pages (tests/fixtures/html): every golden field, one test per field per page.

Each ``NAME.html`` has a golden ``NAME.json`` (schema in tests/fixtures/html/README.md): the body's
first and last sentences, boilerplate strings that must be absent, and every metadata field; or
``error``, the reason a page must be refused with. The cleaner passes them by general rules only.
"""

from __future__ import annotations

import json
from datetime import datetime
from functools import cache
from pathlib import Path

import pytest

from cleaners import CleanResult, clean
from crawler.exceptions import ExtractionError

FIXTURES = Path(__file__).parent / "fixtures" / "html"
CASES = sorted(p.stem for p in FIXTURES.glob("*.html"))
KNOWN_KINDS = {"dateline", "byline", "signoff", "copyright", "source", "jsonld", "canonical", "meta"}

pytestmark = pytest.mark.skipif(not CASES, reason="no HTML fixtures in tests/fixtures/html")


@cache
def _spec(stem: str) -> dict:
    return json.loads((FIXTURES / f"{stem}.json").read_text(encoding="utf-8"))


@cache
def _result(stem: str) -> CleanResult | ExtractionError:
    try:
        return clean((FIXTURES / f"{stem}.html").read_bytes(), url=_spec(stem).get("url"), content_type="text/html")
    except ExtractionError as exc:
        return exc


def _article(stem: str) -> tuple[dict, CleanResult]:
    spec, r = _spec(stem), _result(stem)
    if spec.get("error"):
        pytest.skip("the page is refused; see test_error")
    assert isinstance(r, CleanResult), f"refused: {r} ({getattr(r, 'reason', '')})"
    return spec, r


ARTICLES = [s for s in CASES if not _spec(s).get("error")]


def test_fixture_set_is_sound() -> None:
    assert len(CASES) >= 40
    for stem in CASES:
        spec = _spec(stem)
        raw = (FIXTURES / f"{stem}.html").read_bytes()
        assert raw and spec.get("class"), stem
        if not spec.get("error"):
            assert spec["body"] and spec["body_first"] in spec["body"] and spec["body_last"] in spec["body"], stem
            assert not any(a in spec["body"] for a in spec["absent"]), stem
            assert set(spec["wire"]["kinds"]) <= KNOWN_KINDS, stem


@pytest.mark.parametrize("stem", CASES)
def test_error(stem: str) -> None:
    want, r = _spec(stem).get("error"), _result(stem)
    if want:
        # "not_article" in a golden file means no article: an empty page may say so as "no_text".
        assert isinstance(r, ExtractionError), f"expected a refusal ({want}), got an article"
        assert r.reason in ({want, "no_text"} if want == "not_article" else {want}) and str(r)
    else:
        assert isinstance(r, CleanResult), f"refused: {r} ({getattr(r, 'reason', '')})"


@pytest.mark.parametrize("stem", ARTICLES)
def test_body_first(stem: str) -> None:
    spec, r = _article(stem)
    assert spec["body_first"] in r.text
    assert r.text.startswith(spec["body_first"]), f"body starts with {r.text[:120]!r}"


@pytest.mark.parametrize("stem", ARTICLES)
def test_body_last(stem: str) -> None:
    spec, r = _article(stem)
    assert spec["body_last"] in r.text
    assert r.text.endswith(spec["body_last"]), f"body ends with {r.text[-120:]!r}"


@pytest.mark.parametrize("stem", ARTICLES)
def test_absent(stem: str) -> None:
    spec, r = _article(stem)
    left = [a for a in spec["absent"] if a in r.text]
    assert not left, f"boilerplate left in the body: {left}"


@pytest.mark.parametrize("stem", ARTICLES)
def test_title(stem: str) -> None:
    spec, r = _article(stem)
    assert r.title == spec["title"]


def _same_time(got: str | None, want: str | None) -> None:
    if want is None:
        assert got is None
        return
    assert got is not None, f"expected {want}"
    g, w = datetime.fromisoformat(got), datetime.fromisoformat(want)
    assert ("T" in got) == ("T" in want), f"{got} vs {want}: date and date-time differ"
    assert (g.tzinfo is None) == (w.tzinfo is None), f"{got} vs {want}: time zone missing or invented"
    assert g == w and g.utcoffset() == w.utcoffset(), f"{got} vs {want}"


@pytest.mark.parametrize("stem", ARTICLES)
def test_published(stem: str) -> None:
    spec, r = _article(stem)
    _same_time(r.published, spec["published"])
    if r.published:
        assert r.published_raw, "the raw value is kept beside the normalised one"


@pytest.mark.parametrize("stem", ARTICLES)
def test_modified(stem: str) -> None:
    spec, r = _article(stem)
    _same_time(r.modified, spec["modified"])


@pytest.mark.parametrize("stem", ARTICLES)
def test_language(stem: str) -> None:
    spec, r = _article(stem)
    assert r.language == spec["language"]


@pytest.mark.parametrize("stem", ARTICLES)
def test_byline(stem: str) -> None:
    spec, r = _article(stem)
    assert r.byline == spec["byline"]


@pytest.mark.parametrize("stem", ARTICLES)
def test_authors(stem: str) -> None:
    spec, r = _article(stem)
    assert [(a.name, a.kind) for a in r.authors] == [(a["name"], a["kind"]) for a in spec["authors"]]


@pytest.mark.parametrize("stem", ARTICLES)
def test_wire_service(stem: str) -> None:
    spec, r = _article(stem)
    assert (r.wire.service, r.wire.credited) == (spec["wire"]["service"], spec["wire"]["credited"]), r.wire.evidence


@pytest.mark.parametrize("stem", ARTICLES)
def test_wire_kinds(stem: str) -> None:
    # Every kind of evidence the page gives is found (more may be found: a page can say it twice).
    spec, r = _article(stem)
    missing = set(spec["wire"]["kinds"]) - set(r.wire.kinds)
    assert not missing, f"evidence not found: {sorted(missing)}; found {r.wire.evidence}"


@pytest.mark.parametrize("stem", ARTICLES)
def test_canonical_url(stem: str) -> None:
    spec, r = _article(stem)
    assert r.canonical_url == spec["canonical_url"]


@pytest.mark.parametrize("stem", ARTICLES)
def test_correction(stem: str) -> None:
    spec, r = _article(stem)
    assert r.correction == spec["correction"]
    if spec["correction"]:
        assert spec["correction"] not in r.text
