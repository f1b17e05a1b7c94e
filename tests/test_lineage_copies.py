"""LINEAGE on copies made from our own fixture texts: each copy relation, chains, identity, index safety."""

from __future__ import annotations

import pytest

from cleaners import clean
from crawler.exceptions import IndexMismatchError
from crawler.fingerprint import FingerprintParams
from crawler.lineage import Article, LineageIndex, assign
from tests.test_plaintext_fixtures import FIXTURES


def _body(stem: str) -> tuple[list[str], str | None]:
    r = clean((FIXTURES / f"{stem}.txt").read_bytes())
    return r.text.split("\n"), r.wire.service


@pytest.fixture(scope="module")
def family():
    paras, wire = _body("11_ap-wildfire-evacuations")
    n = len(paras)
    assert n >= 7
    local = "Residents of our county who need shelter can call the county emergency line, the sheriff's office said."
    edited = paras[:2] + [local] + [p.replace("percent", "per cent").replace("Tuesday", "Tuesday night")
                                    for p in paras[2:]]
    arts = [
        Article("https://agency.example/wildfire", "\n".join(paras), wire=wire, credited=True,
                published="2025-08-19T17:12:00-07:00", publisher_wire=wire),
        Article("https://paper.example/verbatim", "\n".join(paras), wire=wire, credited=True),
        Article("https://paper.example/trimmed", "\n".join(paras[: max(3, int(n * 0.6))])),
        Article("https://aggregator.example/excerpt", "\n".join(paras[:1]) + "\nRead more at the source."),
        Article("https://regional.example/edited", "\n".join(edited), wire="Reuters", credited=True,
                published="2025-08-19T19:00:00-07:00"),
        Article("https://portal.example/chain", "\n".join(edited[: max(4, int(len(edited) * 0.6))])),
    ]
    # an unrelated story of another agency, a hard negative for everything above
    other, other_wire = _body("01_reuters-grocer-results")
    arts.append(Article("https://agency2.example/grocer", "\n".join(other), wire=other_wire, credited=True))
    return {r.url: r for r in assign(arts[::-1])}  # copies arrive before their originals


def test_original(family) -> None:
    r = family["https://agency.example/wildfire"]
    assert r.relation == "original" and r.parent_url is None and r.credited


@pytest.mark.parametrize("url, relation, parent", [
    ("https://paper.example/verbatim", "verbatim", "https://agency.example/wildfire"),
    ("https://paper.example/trimmed", "trimmed", "https://agency.example/wildfire"),
    ("https://aggregator.example/excerpt", "excerpt", "https://agency.example/wildfire"),
    ("https://regional.example/edited", "edited", "https://agency.example/wildfire"),
    ("https://portal.example/chain", "trimmed", "https://regional.example/edited"),
])
def test_copies(family, url: str, relation: str, parent: str) -> None:
    r = family[url]
    assert (r.relation, r.parent_url, r.original_url) == (relation, parent, "https://agency.example/wildfire")
    assert r.evidence["passages"], "every copy shows shared passages"
    assert 0 < r.confidence <= 1


def test_credit_audit(family) -> None:
    assert family["https://paper.example/verbatim"].credited is True
    assert family["https://paper.example/trimmed"].credited is False
    edited = family["https://regional.example/edited"]
    assert edited.miscredited is True and edited.credited is False  # credits Reuters for AP copy


def test_stories(family) -> None:
    wildfire = {r.story_id for u, r in family.items() if "grocer" not in u}
    assert len(wildfire) == 1
    assert family["https://agency2.example/grocer"].story_id not in wildfire
    assert family["https://agency2.example/grocer"].relation == "original"


def test_same_url_is_the_same_article(tmp_path) -> None:
    paras, _ = _body("02_ap-fraud-trial")
    idx = LineageIndex.open(tmp_path / "i.sqlite")
    first = idx.add(Article("https://x.example/a", "\n".join(paras)))
    again = idx.add(Article("https://x.example/a", "\n".join(paras)))
    assert (again.id, again.status) == (first.id, "unchanged")
    changed = idx.add(Article("https://x.example/a", "\n".join(paras[:-1])))
    assert (changed.id, changed.status, changed.version) == (first.id, "version", 2)
    via_canonical = idx.add(Article("https://x.example/a?utm=1", "\n".join(paras[:-1]),
                                    canonical_url="https://x.example/a"))
    assert via_canonical.id == first.id and via_canonical.status == "unchanged"
    assert idx.resolve([first.id])[first.id].relation == "original"
    assert len(idx) == 1
    idx.close()


def test_index_refuses_other_fingerprint_parameters(tmp_path) -> None:
    path = tmp_path / "i.sqlite"
    LineageIndex.open(path).close()
    with pytest.raises(IndexMismatchError, match="num_perm"):
        LineageIndex.open(path, FingerprintParams(num_perm=64, shingle_bands=16, lead_bands=16, fact_bands=21))
    LineageIndex.open(path).close()  # the original parameters still open it


def _seed(prefix: str) -> str:
    from tests.conftest import SEEDS
    return clean(next(SEEDS.glob(f"{prefix}_*.txt")).read_bytes()).text


@pytest.mark.parametrize("sites, rewrite", [
    (("https://www.reuters.com/world/summit", "https://www.ptinews.com/story/summit"), False),
    (("https://paper-one.example/summit", "https://paper-two.example/summit"), True),
])
def test_two_agencies_own_reports_are_not_rewrites_of_each_other(sites, rewrite: bool) -> None:
    """Seed 003 paraphrases seed 000. On two ordinary sites that is a rewrite; on two agencies' own
    sites they are two agencies' reports of one event, each an original, in one story."""
    first, second = sites
    records = {r.url: r for r in assign([
        Article(first, _seed("000"), published="2025-08-23T08:00:00+00:00"),
        Article(second, _seed("003"), published="2025-08-23T09:30:00+00:00"),
    ])}
    got = records[second]
    assert (got.relation, got.parent_url) == (("rewrite", first) if rewrite else ("original", None))
    assert records[first].relation == "original"
    assert got.story_id == records[first].story_id


@pytest.mark.parametrize("headline, parent", [
    ("Wildfire forces thousands from homes", "https://paper.example/verbatim"),  # the reprint's headline
    ("Thousands flee as fire spreads", "https://agency.example/wildfire"),  # its own: the wire copy wins
])
def test_copy_of_a_verbatim_reprint_follows_the_headline(headline: str, parent: str) -> None:
    """A copy equally close to a wire story and to its verbatim reprint is the reprint's when it
    keeps the reprint's headline (aggregators keep the headline of the page they took)."""
    paras, wire = _body("11_ap-wildfire-evacuations")
    arts = [
        Article("https://agency.example/wildfire", "\n".join(paras), title="Evacuations ordered as wildfire grows",
                wire=wire, credited=True, published="2025-08-19T17:12:00-07:00", publisher_wire=wire),
        Article("https://paper.example/verbatim", "\n".join(paras), title="Wildfire forces thousands from homes",
                wire=wire, credited=True, published="2025-08-19T18:00:00-07:00"),
        Article("https://aggregator.example/excerpt", "\n".join(paras[:2]) + "\nRead the full story.",
                title=headline, published="2025-08-19T19:00:00-07:00"),
    ]
    for order in (arts, arts[::-1]):
        got = {r.url: r for r in assign(order)}["https://aggregator.example/excerpt"]
        assert (got.relation, got.parent_url, got.original_url) == ("excerpt", parent,
                                                                     "https://agency.example/wildfire")


@pytest.mark.parametrize("printed", ["2025-08-16T08:00:00-07:00", "2025-08-19T19:30:00-07:00"])
def test_a_copy_dated_before_the_agency_report_it_copies_has_its_time_ignored(printed: str) -> None:
    """A trim of a reprint whose page shows a stale date (three days before the agency's report)
    is still the reprint's trim, not the reprint's original: a copy cannot precede the agency
    report it copies, so its time casts no vote; with a plausible time nothing changes."""
    paras, wire = _body("11_ap-wildfire-evacuations")
    arts = [
        Article("https://agency.example/wildfire", "\n".join(paras), title="Evacuations ordered as wildfire grows",
                wire=wire, credited=True, published="2025-08-19T17:12:00-07:00", publisher_wire=wire),
        Article("https://paper.example/verbatim", "\n".join(paras), title="Wildfire forces thousands from homes",
                wire=wire, credited=True, published="2025-08-19T18:00:00-07:00"),
        Article("https://portal.example/trim", "\n".join(paras[: len(paras) // 2]),
                title="Wildfire forces thousands from homes", wire=wire, credited=True, published=printed),
    ]
    for order in (arts, arts[::-1]):
        got = {r.url: r for r in assign(order)}
        trim = got["https://portal.example/trim"]
        assert (trim.relation, trim.parent_url, trim.original_url) == (
            "trimmed", "https://paper.example/verbatim", "https://agency.example/wildfire")
        assert got["https://paper.example/verbatim"].parent_url == "https://agency.example/wildfire"
        if printed < "2025-08-19":
            assert any("not counted" in str(v) for v in trim.evidence["direction"]), trim.evidence.keys()


@pytest.mark.parametrize("closing, credited", [
    ("", False),
    ("\nThe summit was first reported by the Indo-Asian News Service, IANS reported.", True),
])
def test_a_rewrite_credits_its_source_in_a_sentence(closing: str, credited: bool) -> None:
    """A rewrite that names its original's agency in the text ("…, IANS reported") credits it;
    the cleaner leaves such a mention out of the article's own credit lines."""
    records = {r.url: r for r in assign([
        Article("https://ians.example/summit", _seed("000"), wire="IANS", credited=True,
                published="2025-08-23T08:00:00+00:00"),
        Article("https://paper.example/summit", _seed("003") + closing, published="2025-08-23T11:00:00+00:00"),
    ])}
    got = records["https://paper.example/summit"]
    assert (got.relation, got.parent_url) == ("rewrite", "https://ians.example/summit")
    assert (got.credited, got.miscredited) == (credited, False)
    assert bool(got.evidence["credit"]["in_text"]) == credited
