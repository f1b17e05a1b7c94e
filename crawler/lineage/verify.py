"""LINEAGE: exact comparison of a candidate pair: shingle overlap, shared passages, aligned sentences.

LSH only proposes candidates; every reported relation rests on the numbers computed here from the
two texts themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property

from cleaners.text import content_terms, fact_terms, sentences, word_spans
from crawler.fingerprint import shingle_list

__all__ = ["ALIGN_TERMS", "COPY_CONTAINMENT", "PairScores", "Text", "align", "aligned", "compare"]

#: Shortest run of identical words reported as a shared passage.
MIN_PASSAGE_WORDS = 8
#: Dice overlap of content terms at which two sentences count as the same sentence reworded.
SENTENCE_MATCH = 0.4
#: Content-term Jaccard from which :func:`compare` aligns sentences (a rewrite needs at least this
#: much shared vocabulary; reports further apart are aligned only on demand, with :func:`align`).
ALIGN_TERMS = 0.25
#: Shingle containment (either way) from which a pair shares text outright: an edited or closer
#: copy. Such pairs are aligned only when their evidence is written (:func:`aligned`).
COPY_CONTAINMENT = 0.4


class Text:
    """A body prepared for comparison; expensive views are computed once, on first use."""

    def __init__(self, text: str, shingle_size: int = 5) -> None:
        self.text = text
        self.shingle_size = shingle_size

    @cached_property
    def spans(self) -> list[tuple[str, int, int]]:
        return word_spans(self.text)

    @cached_property
    def tokens(self) -> list[str]:
        return [t for t, _, _ in self.spans]

    @cached_property
    def shingle_seq(self) -> list[str]:
        """Word shingles in text order (position i starts at token i)."""
        return shingle_list(self.tokens, self.shingle_size)

    @cached_property
    def shingles(self) -> set[str]:
        return set(self.shingle_seq)

    @cached_property
    def first_at(self) -> dict[str, int]:
        """Shingle → its first position."""
        out: dict[str, int] = {}
        for i, sh in enumerate(self.shingle_seq):
            out.setdefault(sh, i)
        return out

    @cached_property
    def terms(self) -> set[str]:
        return set(content_terms(self.text))

    @cached_property
    def paragraphs(self) -> int:
        """Paragraphs of prose (8 words or more: a "Read more at …" line is not one)."""
        return sum(1 for line in self.text.split("\n") if len(line.split()) >= 8)

    @cached_property
    def facts(self) -> set[str]:
        return fact_terms(self.text)

    @cached_property
    def sentences(self) -> list[tuple[int, str, frozenset[str]]]:
        """(offset, sentence, content terms) for sentences with at least three content terms."""
        out = []
        for offset, sent in sentences(self.text):
            terms = frozenset(content_terms(sent))
            if len(terms) >= 3:
                out.append((offset, sent, terms))
        return out


@dataclass
class PairScores:
    """Similarity of text ``a`` to text ``b`` (not symmetric where named ``a_in_b``)."""

    jaccard: float
    a_in_b: float
    b_in_a: float
    term_jaccard: float
    fact_jaccard: float = 0.0
    a_paragraphs: int = 0
    b_paragraphs: int = 0
    aligned_a: float = 0.0
    aligned_b: float = 0.0
    a_reach: float = 0.0
    b_reach: float = 0.0
    passages: list[dict[str, object]] = field(default_factory=list)
    sentence_pairs: list[tuple[int, int, float]] = field(default_factory=list)

    def flipped(self) -> "PairScores":
        """The same scores seen from ``b``."""
        return PairScores(
            jaccard=self.jaccard, a_in_b=self.b_in_a, b_in_a=self.a_in_b, term_jaccard=self.term_jaccard,
            fact_jaccard=self.fact_jaccard, a_paragraphs=self.b_paragraphs, b_paragraphs=self.a_paragraphs,
            aligned_a=self.aligned_b, aligned_b=self.aligned_a, a_reach=self.b_reach, b_reach=self.a_reach,
            passages=[{"text": p["text"], "words": p["words"], "a": p["b"], "b": p["a"]} for p in self.passages],
            sentence_pairs=[(j, i, d) for i, j, d in self.sentence_pairs],
        )


def _passages(a: Text, b: Text) -> tuple[list[dict[str, object]], float, float]:
    # Runs of identical words, found from shared shingles and extended word by word (linear in
    # the texts' length, where a diff is quadratic on long near-copies).
    ta, tb, at = a.tokens, b.tokens, b.first_at
    out: list[dict[str, object]] = []
    a_end = b_end = 0
    i, seq = 0, a.shingle_seq
    while i < len(seq):
        j = at.get(seq[i])
        if j is None:
            i += 1
            continue
        n = a.shingle_size
        while i + n < len(ta) and j + n < len(tb) and ta[i + n] == tb[j + n]:
            n += 1
        if n >= MIN_PASSAGE_WORDS:
            a0, a1 = a.spans[i][1], a.spans[i + n - 1][2]
            b0, b1 = b.spans[j][1], b.spans[j + n - 1][2]
            out.append({"words": n, "a": [a0, a1], "b": [b0, b1], "text": a.text[a0:a1][:300]})
            a_end, b_end = max(a_end, i + n), max(b_end, j + n)
        i += n - a.shingle_size + 1
    # how far down each text the shared passages reach: a top-cut copy reaches only part way
    return out, a_end / max(1, len(ta)), b_end / max(1, len(tb))


def _dice(x: frozenset[str], y: frozenset[str]) -> float:
    return 2 * len(x & y) / (len(x) + len(y)) if x or y else 0.0


def align(a: Text, b: Text) -> tuple[float, float, list[tuple[int, int, float]]]:
    """Monotone sentence alignment of ``a`` to ``b``: the heaviest chain of matched sentences in order.

    Returns:
        The share of ``a``'s and of ``b``'s content terms in aligned sentences, and the aligned
        ``(a sentence, b sentence, Dice score)`` pairs.
    """
    sa, sb = a.sentences, b.sentences
    if not sa or not sb:
        return 0.0, 0.0, []
    best: list[tuple[int, float]] = []
    for _, _, ta in sa:
        j, d = max(((j, _dice(ta, tb)) for j, (_, _, tb) in enumerate(sb)), key=lambda x: x[1])
        best.append((j, d) if d >= SENTENCE_MATCH else (-1, 0.0))
    # weighted longest increasing subsequence over b's sentence index (n is small: O(n^2))
    weight = [len(ta) for _, _, ta in sa]
    score = [0.0] * len(sa)
    prev = [-1] * len(sa)
    for i, (j, _) in enumerate(best):
        if j < 0:
            continue
        score[i] = weight[i]
        for k in range(i):
            if best[k][0] >= 0 and best[k][0] < j and score[k] + weight[i] > score[i]:
                score[i], prev[i] = score[k] + weight[i], k
    if not any(score):
        return 0.0, 0.0, []
    i = max(range(len(sa)), key=lambda x: score[x])
    chain = []
    while i >= 0:
        chain.append((i, best[i][0], round(best[i][1], 3)))
        i = prev[i]
    chain.reverse()
    covered_b = sum(len(sb[j][2]) for _, j, _ in chain)
    return (sum(weight[i] for i, _, _ in chain) / sum(weight),
            covered_b / sum(len(t) for _, _, t in sb), chain)


def compare(a: Text, b: Text) -> PairScores:
    """Compare two bodies exactly.

    Args:
        a, b: the two bodies.

    Returns:
        Shingle Jaccard and containment both ways, content-term and fact-term Jaccard, shared passages of at
        least :data:`MIN_PASSAGE_WORDS` words with character offsets in both texts, how far down
        each text the shared passages reach, and the monotone sentence alignment (share of each text's
        content in aligned sentences, and the aligned pairs) when they share at least
        :data:`ALIGN_TERMS` of their content terms but no copied text (under
        :data:`COPY_CONTAINMENT`): a possible rewrite.
    """
    sa, sb = a.shingles, b.shingles
    inter = len(sa & sb)
    ta, tb = a.terms, b.terms
    scores = PairScores(
        jaccard=inter / max(1, len(sa | sb)),
        a_in_b=inter / max(1, len(sa)),
        b_in_a=inter / max(1, len(sb)),
        term_jaccard=len(ta & tb) / max(1, len(ta | tb)),
        fact_jaccard=len(a.facts & b.facts) / max(1, len(a.facts | b.facts)),
        a_paragraphs=a.paragraphs, b_paragraphs=b.paragraphs,
    )
    if inter:
        scores.passages, scores.a_reach, scores.b_reach = _passages(a, b)
    if scores.term_jaccard >= ALIGN_TERMS and max(scores.a_in_b, scores.b_in_a) < COPY_CONTAINMENT:
        scores.aligned_a, scores.aligned_b, scores.sentence_pairs = align(a, b)
    return scores


def aligned(a: Text, b: Text, scores: PairScores) -> PairScores:
    """``scores`` with the sentence alignment filled in (computed now if :func:`compare` skipped it)."""
    if scores.sentence_pairs or scores.aligned_a or scores.term_jaccard < ALIGN_TERMS:
        return scores
    aligned_a, aligned_b, pairs = align(a, b)
    return replace(scores, aligned_a=aligned_a, aligned_b=aligned_b, sentence_pairs=pairs)
