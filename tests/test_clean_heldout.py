"""CLEAN on held-out pages: four sets of 20 pages written apart from the rules, in the shapes today's CMSs emit.

``tests/fixtures/heldout/html`` was written by someone who had not read ``cleaners/`` or the other
fixtures: WordPress/Yoast, Arc XP, Next.js (``__NEXT_DATA__``), AMP, Drupal, an Indian portal with
PTI desk codes, German/French/Spanish pages with dpa/AFP/EFE credits, a corrected story, a data
table and key points, embeds and a pull quote, a paywall, a newsletter post with footnotes, a
Windows-1252 table layout, an aggregator's Reuters card, a multi-author page with a bio, a markets
story with a tip box, a photo gallery and a section front. ``tests/fixtures/heldout/html2`` came
from a second writer on the same terms (Ghost, Blox, Brightspot, a live blog, Italian/ANSA and
Brazilian/AFP pages, AP on a TV site, Reuters on an Indian portal, an FAQ, a correction, differing
titles, microdata only, a press release, a search page and a video page), ``html3`` from a third
(Guardian/BBC/Yahoo/MSN/Forbes-like pages, Dutch, Belgian and Portuguese agency copy, a mobile page,
a print page, a match report, an obituary, letters, a topic page and a podcast), ``html4`` from a fourth
(Polish/PAP, Swiss/Keystone-SDA, Austrian/APA, Danish/Ritzau, Turkish, Gulf, Kenyan, Australian, NZ,
Japanese and Korean pages, ``<div>`` and ``<br>`` paragraphs, split containers, a multi-page story, a
fact check, sponsored content, an author page and a latest-news list), ``html5`` from a fifth (Japanese,
Chinese, Korean, Thai, Hindi, Arabic, Hebrew, Russian, Greek and Ukrainian pages: agency marks in their
own scripts, ``<br>`` text, a Buddhist-era date, headlines with full-width punctuation), ``html6`` from a
sixth (Turkish, Indonesian, Malay, Vietnamese, Tagalog, Swahili, Swedish, Norwegian, Finnish, Czech,
Hungarian, Romanian, Croatian, Catalan, Mexican, Argentine and Brazilian pages: national agencies'
sign-offs, a JSON-LD time labelled UTC that the page prints in local time, a date-only JSON-LD date,
a tag page and a live-scores page). Bodies are scored as in
``tests.eval_clean`` (``python -m tests.eval_clean --heldout html2 --pages``); the gate, per set, is
the same as on the fixtures the rules were written with: no worse than ``trafilatura.extract``, a
pinned floor.
"""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from cleaners import clean
from cleaners.wire import agency_of
from crawler.exceptions import ExtractionError
from tests.eval_clean import HELDOUT_SETS, by_class, cases, evaluate, ours, trafilatura_default

#: Pinned a little under what the cleaner scores (html: 0.980 / 0.999 / 0.989 when written; html2,
#: blind: 0.982 / 0.986 / 0.984 against trafilatura's 0.938 / 0.998 / 0.966; html3, blind: 0.965 /
#: 0.990 / 0.975 against 0.943 / 1.000 / 0.970; html4, blind: 0.972 / 0.980 / 0.975 against 0.921 / 0.985 /
#: 0.950, its metadata wrong on three pages whose agencies were unknown; html5, blind: 0.981 / 0.987 /
#: 0.984 against 0.930 / 0.996 / 0.961, its metadata wrong on nine pages, four after stop 16's rules for
#: other sets, none now; html6, blind: 0.967 / 0.978 / 0.972 against 0.908 / 0.980 / 0.941, its dates or
#: agencies wrong on eight pages, three after stop 17's rules, none now).
FLOOR_F1 = 0.97
FLOOR_PRECISION = 0.96

SETS = [folder.name for folder in HELDOUT_SETS]
PAGES = [c for folder in HELDOUT_SETS for c in cases(folder=folder)]
ALL = [c for folder in HELDOUT_SETS for c in cases(with_errors=True, folder=folder)]


@pytest.fixture(scope="module", params=HELDOUT_SETS, ids=SETS)
def tables(request):
    pages = cases(folder=request.param)
    scores = evaluate({"ours": ours, "trafilatura": trafilatura_default}, pages)
    return {name: by_class(s, pages)["all"] for name, s in scores.items()}


def test_pages_are_present() -> None:
    assert len(SETS) >= 2 and len(PAGES) >= 30 and len(ALL) > len(PAGES)


def test_not_worse_than_trafilatura(tables) -> None:
    assert tables["ours"].f1 >= tables["trafilatura"].f1
    assert tables["ours"].precision >= tables["trafilatura"].precision


def test_floor(tables) -> None:
    assert tables["ours"].f1 >= FLOOR_F1 and tables["ours"].precision >= FLOOR_PRECISION, tables["ours"]


@pytest.mark.parametrize("case", [c for c in ALL if c.spec.get("error")], ids=lambda c: c.stem)
def test_pages_that_are_not_articles(case) -> None:
    with pytest.raises(ExtractionError) as err:
        clean(case.html, url=case.spec.get("url"), content_type="text/html")
    assert err.value.reason == case.spec["error"]


@pytest.mark.parametrize("case", PAGES, ids=lambda c: c.stem)
def test_metadata(case) -> None:
    r = clean(case.html, url=case.spec.get("url"), content_type="text/html")
    spec = case.spec
    assert r.title == spec["title"]
    assert r.language == spec["language"]
    assert r.published and spec["published"] and _instant(r.published) == _instant(spec["published"])
    agency = spec["wire"]["service"]
    if agency:  # an agency credit the page prints is found (a missing one is not invented)
        # writers name agencies their own way ("ČTK", "Anadolu Agency"): compared by canonical name
        assert (r.wire.service, r.wire.credited) == (agency_of(agency) or agency, True), r.wire


def _instant(value: str) -> str:
    if len(value) <= 10:
        return value
    t = datetime.fromisoformat(value)
    return (t.astimezone(timezone.utc) if t.tzinfo else t).isoformat()
