"""LINEAGE: shortcuts in verification change no answer.

Two costs are skipped where the answer does not depend on them, and each skip is checked here
against the full computation on the generated syndication corpus:

* shared passages, found only for pairs whose relation or story depends on them
  (:func:`~crawler.lineage.relate.needs_passages`), filled in later for evidence;
* tokenising a candidate again: the index saves each article's tokens and fact terms with it
  (:meth:`~crawler.fingerprint.Prepared.saved_views`).
"""

from __future__ import annotations

import sqlite3
import zlib
from dataclasses import replace

import pytest

from crawler.fingerprint import Prepared
from crawler.lineage import Article, LineageIndex
from crawler.lineage.relate import Node, _story_pair, copy_relation, needs_passages
from crawler.lineage.verify import Text, compare, complete
from tests.lineage_corpus import build_corpus, synth_documents
from tests.test_text_tokens import SAMPLES


@pytest.fixture(scope="module")
def corpus():
    return build_corpus(30, seed=3)


@pytest.fixture(scope="module")
def candidate_pairs(corpus):
    """Every candidate pair of the corpus's articles, with their texts and nodes."""
    index = LineageIndex.open(":memory:")
    ids = [index.add(Article(**a)).id for a in corpus.ordering("arrival")]
    nodes = index._nodes(ids)
    pairs = {(min(a, b), max(a, b)) for a in ids for b in index.candidates(a)}
    index.close()
    return [(nodes[a], nodes[b]) for a, b in sorted(pairs)]


def test_lazy_passages_change_no_answer(candidate_pairs) -> None:
    skipped = kept = 0
    for na, nb in candidate_pairs:
        a, b = Text(na.text.text), Text(nb.text.text)
        full = compare(a, b)
        lazy = compare(a, b, passages=needs_passages)
        skipped += lazy.passages is None
        kept += lazy.passages is not None and bool(full.passages)
        assert copy_relation(lazy) == copy_relation(full), (na.url, nb.url)
        assert copy_relation(lazy.flipped()) == copy_relation(full.flipped()), (na.url, nb.url)
        assert _story_pair(na, nb, lazy) == _story_pair(na, nb, full), (na.url, nb.url)
        done = complete(a, b, lazy)
        assert (done.passages, done.a_reach, done.b_reach) == (full.passages, full.a_reach, full.b_reach)
        assert done.sentence_pairs == complete(a, b, full).sentence_pairs
    # both branches ran: pairs whose answer needs passages and pairs that skipped them
    assert skipped > 20 and kept > 20, (skipped, kept)


def test_passages_needed_for_a_story_told_by_a_reused_quote() -> None:
    # few shared facts, one long shared quotation: the same story only because of the passage
    quote = "we will not accept any deal that leaves our farmers worse off than before"
    a = Text(f"Farm leaders met in Brussels on Monday with ministers from Belgium and France. \"{quote},\" said "
             "Anna Berg of the union. Prices for grain fell by a third this year across the north of the country.")
    b = Text(f"Dairy producers protested outside parliament in Oslo on Tuesday, joined by groups from Sweden and "
             f"Denmark. \"{quote},\" said Anna Berg of the union. Police said several hundred tractors blocked the "
             "ring road for most of the morning.")
    lazy = compare(a, b, passages=needs_passages)
    assert 0.1 <= lazy.fact_jaccard < 0.25 and lazy.passages
    na, nb = Node(1, "a", a, "2025-01-06"), Node(2, "b", b, "2025-01-06")
    assert _story_pair(na, nb, lazy)
    assert not _story_pair(na, nb, compare(a, b, passages=False))  # the passage is what makes it one story


@pytest.mark.parametrize("text", SAMPLES + ["", "Seoul said 1,500 troops left on Aug. 15. \u201cNo,\u201d said Lee.",
                                            "\ufdfa and \u00bd and \u2460 with 60\u2019s and U.S.-made 3.5%"])
def test_saved_views_round_trip(text: str) -> None:
    fresh = Prepared(text)
    restored = Prepared.with_views(text, Prepared(text).saved_views())
    assert restored.tokens == fresh.tokens
    assert restored.facts == fresh.facts
    assert restored.shingle_hashes.tolist() == fresh.shingle_hashes.tolist()
    assert restored.offsets.tolist() == fresh.offsets.tolist()


@pytest.mark.parametrize("damaged", [b"not zlib", zlib.compress(b"\xff\xfe"), zlib.compress(b"no separator")])
def test_damaged_views_are_computed_again(damaged: bytes) -> None:
    text = "Seoul said 1,500 troops left on Aug. 15, officials in Busan said."
    restored = Prepared.with_views(text, damaged)
    assert restored.tokens == Prepared(text).tokens and restored.facts == Prepared(text).facts


def test_saved_views_give_the_answers_of_texts_tokenised_again(tmp_path, corpus) -> None:
    """An index whose rows have their views and one whose rows do not (made before views were saved) agree."""
    path = tmp_path / "l.sqlite"
    index = LineageIndex.open(path)
    ids = [index.add(Article(**a)).id for a in corpus.ordering("shuffled")]
    index.close()
    with_views = LineageIndex.open(path)  # a fresh process: no text cached, every candidate from its row
    assert with_views._db.execute("SELECT count(*) FROM docs WHERE views IS NULL").fetchone()[0] == 0
    answers = {d: r.to_dict() for d, r in with_views.resolve(ids, save=False).items()}
    with_views.close()
    db = sqlite3.connect(path)
    db.execute("ALTER TABLE docs DROP COLUMN views")  # the schema before views were saved
    db.commit()
    db.close()
    old = LineageIndex.open(path)
    assert old._db.execute("SELECT count(*) FROM docs WHERE views IS NULL").fetchone()[0] == len(set(ids))
    assert {d: r.to_dict() for d, r in old.resolve(ids, save=False).items()} == answers
    old.add(Article(url="https://new.example/x", text="A new article about nothing in particular at all."))
    old.close()


def _viral_story(copies: int) -> list[Article]:
    """An agency story, ``copies`` verbatim republications of it and two copies trimmed at different points."""
    docs = list(synth_documents(12, seed=5))
    original = next(d for d in docs if len(d["text"].split("\n")) >= 6)
    text = original["text"]
    paragraphs = text.split("\n")
    out = [Article(url="https://wire.example/story", text=text, published="2025-03-01T08:00:00+00:00",
                   wire="AP", credited=True, publisher_wire="AP")]
    for i in range(copies):
        out.append(Article(url=f"https://paper{i}.example/news/{i}", text=text,
                           published=f"2025-03-01T{9 + i % 10:02d}:{i % 60:02d}:00+00:00", wire="AP", credited=True))
    for i, keep in enumerate((len(paragraphs) // 2, len(paragraphs) * 2 // 3)):
        out.append(Article(url=f"https://aggregator{i}.example/{i}", text="\n".join(paragraphs[:keep]),
                           published="2025-03-02T10:00:00+00:00"))
    # first-seen times fixed (not the clock) so that answers are the same in every run
    return [replace(a, first_seen=f"2025-03-03T00:{i // 60:02d}:{i % 60:02d}+00:00") for i, a in enumerate(out)]


def test_a_viral_story_costs_one_comparison_per_pair_of_bodies(monkeypatch) -> None:
    from crawler.lineage import index as index_module
    from crawler.lineage import verify

    computed = []
    real = verify.compare
    monkeypatch.setattr(index_module, "compare", lambda a, b, **kw: computed.append(1) or real(a, b, **kw))
    index = LineageIndex.open(":memory:")
    ids = []
    for article in _viral_story(60):
        ids.append(index.add(article).id)
        index.resolve([ids[-1]], save=False, evidence=False)
    records = index.resolve(ids)
    # three bodies (the story and its two cuts): each pair of bodies is compared once in each
    # order it is met, the story against itself once
    assert len(computed) <= 9, len(computed)
    by_url = {r.url: r for r in records.values()}
    assert by_url["https://wire.example/story"].relation == "original"
    for i in range(60):
        r = by_url[f"https://paper{i}.example/news/{i}"]
        assert (r.relation, r.original_url, r.credited) == ("verbatim", "https://wire.example/story", True)
    for i in range(2):
        r = by_url[f"https://aggregator{i}.example/{i}"]
        assert r.relation == "trimmed" and r.original_url == "https://wire.example/story", r
        assert r.evidence["passages"], "evidence of a pair whose passages were skipped is completed"


def test_shared_texts_and_scores_give_the_answers_of_unshared_ones() -> None:
    articles = _viral_story(25)
    answers = []
    for shared in (True, False):
        index = LineageIndex.open(":memory:")
        if not shared:  # nothing kept between calls: every text and pair prepared afresh
            index._texts.size = index._bodies.size = index._pairs.size = 0
        ids = []
        for article in articles:
            ids.append(index.add(article).id)
            index.resolve([ids[-1]], save=False, evidence=False)
        answers.append({r.url: r.to_dict() for r in index.resolve(ids).values()})
        index.close()
    assert answers[0] == answers[1]
