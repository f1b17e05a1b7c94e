"""LINEAGE on held-out corpora: raw article files written apart from the rules, cleaned, then traced.

``tests/fixtures/heldout/lineage*/`` hold plain-text articles as a crawler saves them (section
label, headline, the site's own date line, body, page furniture), and in the eleventh whole HTML
pages, with a ``TRUTH.json`` each. Eleven writers, one per corpus (the sixth in German, Spanish and French, the seventh in Japanese, Chinese
and Korean, the eighth in Russian, Arabic, Portuguese and Italian, the ninth mostly follow-ups, the
tenth follow-ups and same-place hard negatives, the eleventh web pages in French, Polish,
Portuguese, Turkish and English), wrote them without reading ``cleaners/`` or ``crawler/lineage/``, in other events,
agencies, house styles and date formats than ``tests/lineage_corpus.py``: agency originals on the
agencies' own sites, verbatim, trimmed, edited, excerpt and rewrite copies (rewrites paraphrase
every sentence: word 5-shingle Jaccard 0.02-0.25 at three depths), related follow-ups, chains, uncredited and
miscredited copies, copies with a wrong or missing time, independent reports of one event, and
unrelated same-day stories. Every file goes through ``cleaners.clean`` first, as in a crawl, so the
date lines and credits it prints are part of the test.

The thresholds sit under what the engine measures (README, "Lineage quality"), so that a
regression fails here. ``python -m tests.test_lineage_heldout`` prints every wrong answer.
"""

from __future__ import annotations

import json
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from cleaners import clean
from cleaners.wire import agency_of
from crawler.lineage import Article, LineageIndex
from tests.test_clean_heldout import _instant

ROOT = Path(__file__).parent / "fixtures" / "heldout"
CORPORA = sorted(p.parent.name for p in ROOT.glob("lineage*/TRUTH.json"))
ORDERS = ["by name", "reversed", "shuffled"]
FIRST_SEEN = "2026-11-01T00:00:00+00:00"

THRESHOLDS = {
    # the first corpus, whose errors the rules were last improved on
    # (stop 18: the names signal and rule found its follow-ups: relation 0.963 -> 0.981, stories whole 0.909 -> 1.0)
    "lineage": {"edge_precision": 0.85, "edge_recall": 0.85, "root_accuracy": 0.93, "relation_accuracy": 0.95,
                "credit_accuracy": 0.93, "stories_whole": 0.95, "stories_pure": 0.95},
    # the second, written after those changes; it was blind until stop 13 and has been looked at since
    # (stop 18, names: relation 0.923 -> 1.0, stories whole 0.667 -> 1.0)
    "lineage2": {"edge_precision": 0.82, "edge_recall": 0.82, "root_accuracy": 0.93, "relation_accuracy": 0.95,
                 "credit_accuracy": 0.9, "stories_whole": 0.95, "stories_pure": 0.95},
    # the third (stop 14): blind at first (P 0.88-0.94, R 0.79-0.84, root 0.74-0.90, credit 0.68),
    # then the agencies and credit forms it showed missing were added
    # (stop 15: the quotation rule found its two heavy paraphrases: R 0.84 -> 0.95, root 0.90 -> 1.0)
    "lineage3": {"edge_precision": 0.88, "edge_recall": 0.9, "root_accuracy": 0.95, "relation_accuracy": 0.88,
                 "credit_accuracy": 0.9, "stories_whole": 0.9, "stories_pure": 0.95},
    # the fourth (stop 14): rewrites at three depths and independent agency reports sharing quotes;
    # blind with stop 13's code P/R 0.77-0.85, root 0.85, credit 0.69; with stop 14's before it was
    # read, P/R 0.92, root 1.0, credit 0.85; in-text credits were then added (credit 1.0)
    # (stop 16: its light rewrite, 0.40 of the shingles kept, is a rewrite again: relation 0.93 -> 0.96)
    # (stop 18, names: relation 0.964 -> 1.0, stories whole 0.833 -> 1.0)
    "lineage4": {"edge_precision": 0.88, "edge_recall": 0.88, "root_accuracy": 0.93, "relation_accuracy": 0.97,
                 "credit_accuracy": 0.9, "stories_whole": 0.95, "stories_pure": 0.95},
    # the fifth (stop 15): Indian, Chilean, Canadian, NZ and US events; blind with stop 14's code
    # P 1.0, R 0.94, root 0.94, relation 0.87, credit 0.88; then CP's and PTI's credit lines and
    # the quotation rule for rewrites (R 1.0, root 1.0, credit 1.0)
    # (stop 16: a light rewrite keeping 0.40 of its source's shingles is no longer called edited: relation 0.90 -> 0.93)
    # (stop 18, names: relation 0.933 -> 1.0, stories whole 0.75 -> 1.0)
    "lineage5": {"edge_precision": 0.93, "edge_recall": 0.96, "root_accuracy": 0.96, "relation_accuracy": 0.95,
                 "credit_accuracy": 0.93, "stories_whole": 0.95, "stories_pure": 0.95},
    # the sixth (stop 15): German, Spanish and French copy (dpa, Keystone-SDA, EFE, Europa Press,
    # AFP); blind P 1.0, R 0.94, root 0.94, credit 0.81 (foreign date lines and credit lines unread)
    "lineage6": {"edge_precision": 0.93, "edge_recall": 0.9, "root_accuracy": 0.9, "relation_accuracy": 0.88,
                 "credit_accuracy": 0.93, "stories_whole": 0.7, "stories_pure": 0.95},
    # the seventh (stop 16): Japanese, Chinese and Korean (Kyodo, Jiji, Xinhua, China News Service,
    # Yonhap); blind P 0.57-0.79, R 0.53-0.73, root 0.53, credit 0.47, relation 0.75 (CJK date
    # lines unread, agency marks and credit lines in those scripts unknown)
    "lineage7": {"edge_precision": 0.95, "edge_recall": 0.9, "root_accuracy": 0.9, "relation_accuracy": 0.9,
                 "credit_accuracy": 0.9, "stories_whole": 0.55, "stories_pure": 0.95},
    # the eighth (stop 16): Russian, Arabic, Portuguese and Italian (TASS, RIA Novosti, MENA, Reuters
    # in Arabic, Agência Brasil, ANSA, AGI); blind P/R 0.69-0.94, root 0.69-1.0, credit 0.38
    "lineage8": {"edge_precision": 0.9, "edge_recall": 0.9, "root_accuracy": 0.95, "relation_accuracy": 0.95,
                 "credit_accuracy": 0.95, "stories_whole": 0.95, "stories_pure": 0.95},
    # the ninth (stop 17): follow-ups (eight `related`), chains, same-city hard negatives, in English,
    # Spanish and French (AP, Reuters, PA, PTI, EFE, La Presse Canadienne); blind P/R 0.91-1.0,
    # root 0.82-1.0, credit 0.73, relation 0.69-0.76, stories whole 0.56 (the French name of CP and
    # "The Associated Press contributed to this report." unknown; follow-ups without candidates).
    # Relation 0.69 needs a zone-less clock time counted as UTC when it decides between original and
    # related (relate._likely_start): its interval's start made a next-morning follow-up an original.
    # (stop 18: names, and boilerplate passages no longer join stories: relation 0.690 -> 0.724, pure 0.933 -> 1.0)
    # (stop 19: an agency's later report on a story it had already reported is a follow-up:
    # relation 0.724-0.793 -> 0.759-0.828)
    "lineage9": {"edge_precision": 0.9, "edge_recall": 0.9, "root_accuracy": 0.8, "relation_accuracy": 0.75,
                 "credit_accuracy": 0.95, "stories_whole": 0.55, "stories_pure": 0.95},
    # the tenth (stop 19): follow-ups and same-place hard negatives (the same mayor, hospital trust,
    # prosecutor and bridge in another event of the same days) in English, Italian and Dutch (AP,
    # Reuters, PA, ANSA, ANP, AAP); blind P/R 1.0, root 1.0, credit 0.889, relation 0.833, stories
    # whole 1.0, stories pure 0.4: each hard negative joins its neighbour's story (fact Jaccard
    # 0.20-0.37 and 9-18 shared names, as much as the follow-ups have; not mended yet). The
    # agencies' own next-day updates were originals: relation 0.967 with the stop 19 rule.
    "lineage10": {"edge_precision": 0.95, "edge_recall": 0.95, "root_accuracy": 0.95, "relation_accuracy": 0.93,
                  "credit_accuracy": 0.85, "stories_whole": 0.95, "stories_pure": 0.35},
    # the eleventh (stop 20): whole HTML pages from 24 site templates in French, Polish, Portuguese,
    # Turkish and English (AFP, PAP, Lusa, AA, Reuters), two hard negatives, a copy dated three days
    # before the agency report it copies; blind P/R 0.895, root 1.0, credit 0.737, relation 0.933,
    # stories pure 0.833 (credits in page elements and labelled bylines unread, Lusa's dated
    # dateline, Polish dates). With those read and the stale date discounted: P/R 0.947 (the one
    # miss, 03, is equally close to the wire copy and the reprint it was taken from)
    "lineage11": {"edge_precision": 0.93, "edge_recall": 0.93, "root_accuracy": 0.95, "relation_accuracy": 0.95,
                  "credit_accuracy": 0.95, "stories_whole": 0.95, "stories_pure": 0.95},
}


def _articles(corpus: str) -> tuple[dict[str, dict], dict[str, Article]]:
    folder = ROOT / corpus
    truth = json.loads((folder / "TRUTH.json").read_text(encoding="utf-8"))["articles"]
    articles = {}
    for name, t in truth.items():
        r = clean((folder / name).read_bytes(), url=t["url"])
        # one first-seen time for all: the index would stamp each with the clock, and a "seen
        # first" vote that depends on when a second ticks over makes the test flaky
        articles[name] = Article(url=t["url"], text=r.text, title=r.title, published=r.published,
                                 wire=r.wire.service, credited=r.wire.credited, source=t.get("source"),
                                 first_seen=FIRST_SEEN)
    return truth, articles


def evaluate(corpus: str, order: str) -> tuple[dict[str, float], list[str]]:
    """Scores of one corpus in one arrival order, and a line per wrong answer."""
    truth, articles = _articles(corpus)
    names = sorted(truth)
    if order == "reversed":
        names.reverse()
    elif order == "shuffled":
        random.Random(1).shuffle(names)
    index = LineageIndex.open(":memory:")
    ids = []
    for name in names:
        added = index.add(articles[name])
        index.resolve([added.id], save=False)  # as the crawl does, per item
        ids.append(added.id)
    by_url = {t["url"]: name for name, t in truth.items()}
    records = {by_url[r.url]: r for r in index.resolve(ids).values()}
    index.close()

    tp = fp = fn = copies = roots_ok = credits_ok = 0
    relations: Counter = Counter()
    wrong = []
    for name, t in truth.items():
        got = records[name]
        parent, original = by_url.get(got.parent_url or ""), by_url.get(got.original_url or "")
        relations[t["relation"] == got.relation] += 1
        if parent and parent == t["parent"]:
            tp += 1
        else:
            fp += bool(parent)
            fn += bool(t["parent"])
        # credited: the copy credits its original's agency (a wrong agency is miscredited)
        want_credit = (t["credited"] and not t["miscredited"], t["miscredited"])
        if t["relation"] not in ("original", "related"):
            copies += 1
            roots_ok += original == t["original"]
            credits_ok += (got.credited, got.miscredited) == want_credit
        if (got.relation, parent) != (t["relation"], t["parent"]) or (
                t["relation"] not in ("original", "related")
                and (original != t["original"] or (got.credited, got.miscredited) != want_credit)):
            wrong.append(f"{name}: want {t['relation']} of {t['parent']} (original {t['original']}, credit "
                         f"{want_credit}), got {got.relation} of {parent} (original {original}, credit "
                         f"{(got.credited, got.miscredited)})")
    events: dict[str, set[str]] = defaultdict(set)
    stories: dict[str, set[str]] = defaultdict(set)
    for name, t in truth.items():
        events[t["story"]].add(records[name].story_id)
        stories[records[name].story_id].add(t["story"])
    scores = {
        "edge_precision": tp / max(1, tp + fp), "edge_recall": tp / max(1, tp + fn),
        "root_accuracy": roots_ok / max(1, copies), "credit_accuracy": credits_ok / max(1, copies),
        "relation_accuracy": relations[True] / sum(relations.values()),
        "stories_whole": sum(len(s) == 1 for s in events.values()) / len(events),
        "stories_pure": sum(len(e) == 1 for e in stories.values()) / len(stories),
    }
    return scores, wrong


@pytest.fixture(scope="module", params=[(c, o) for c in CORPORA for o in ORDERS],
                ids=[f"{c}-{o}" for c in CORPORA for o in ORDERS])
def result(request):
    return request.param[0], *evaluate(*request.param)


def test_corpora_are_present() -> None:
    assert CORPORA, f"no held-out corpus under {ROOT}"


@pytest.mark.parametrize("metric", sorted(THRESHOLDS["lineage"]))
def test_metric_above_threshold(result, metric: str) -> None:
    corpus, scores, wrong = result
    floor = THRESHOLDS[corpus][metric]
    assert scores[metric] >= floor, f"{corpus} {metric} = {scores[metric]:.3f}; wrong answers: {wrong}"


def test_every_corpus_has_thresholds() -> None:
    assert set(CORPORA) <= set(THRESHOLDS)


@pytest.mark.parametrize("corpus", [c for c in CORPORA if any((ROOT / c).glob("*.html"))])
def test_web_pages_give_the_headline_time_and_agency_they_show(corpus: str) -> None:
    """Pages of the HTML corpora: the cleaner reads the headline, the publication instant (a date
    alone where the page shows only a date) and the agency each page itself credits."""
    truth = json.loads((ROOT / corpus / "TRUTH.json").read_text(encoding="utf-8"))["articles"]
    wrong = []
    for name, t in sorted(truth.items()):
        r = clean((ROOT / corpus / name).read_bytes(), url=t["url"])
        want = t["published"]
        if want is None or len(want) <= 10:
            time_ok = (r.published or "")[:10] == (want or "")
        else:
            time_ok = bool(r.published and len(r.published) > 10 and _instant(r.published) == _instant(want))
        if not time_ok or r.wire.service != (agency_of(t["wire"]) if t["wire"] else None) or r.title != t["title"]:
            wrong.append(f"{name}: {r.published} {r.wire.service} {r.title!r}")
    assert not wrong, wrong


if __name__ == "__main__":  # python -m tests.test_lineage_heldout
    for corpus in CORPORA:
        for order in ORDERS:
            scores, wrong = evaluate(corpus, order)
            print(corpus, order, " ".join(f"{k}={v:.3f}" for k, v in scores.items()))
            for line in wrong:
                print("   ", line)
    sys.exit(0)
