"""LINEAGE: exact comparison of a candidate pair: shingle overlap, shared passages, aligned sentences.

LSH only proposes candidates; every reported relation rests on the numbers computed here from the
two texts themselves.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Callable

import numpy as np

from cleaners.text import content_term, sentences, word_count
from crawler.fingerprint import QUOTATION, Prepared

__all__ = ["ALIGN_TERMS", "COPY_CONTAINMENT", "PairScores", "Text", "align", "compare", "complete", "quotes_kept"]

#: Shortest run of identical words reported as a shared passage.
MIN_PASSAGE_WORDS = 8
#: Dice overlap of content terms at which two sentences count as the same sentence reworded.
SENTENCE_MATCH = 0.4
#: Content-term Jaccard from which :func:`compare` aligns sentences (a rewrite needs at least this
#: much shared vocabulary; reports further apart are aligned only on demand, with :func:`align`).
ALIGN_TERMS = 0.25
#: Shingle containment (either way) from which a pair shares text outright: an edited or closer
#: copy. Such pairs are aligned only when their evidence is written (:func:`aligned`).
COPY_CONTAINMENT = 0.45
#: Fewest words of a quotation that is compared (shorter ones are phrases: "scary", "a disaster").
QUOTE_WORDS = 6
#: Share of a quotation's word 3-grams found in the other text for it to count as kept there.
QUOTE_KEPT = 0.6


class Text(Prepared):
    """A body prepared for comparison; expensive views are computed once, on first use.

    Shingles are compared by their 64-bit hashes (:attr:`Prepared.shingle_hashes`), the same
    ones the fingerprint uses, so a text fingerprinted as a :class:`Text` is tokenised once.
    """

    @cached_property
    def shingle_index(self) -> tuple[np.ndarray, np.ndarray]:
        """The distinct shingle hashes, sorted, and the position where each first occurs."""
        return np.unique(self.shingle_hashes, return_index=True)

    @cached_property
    def token_terms(self) -> list[str | None]:
        """Each token's content term (:func:`cleaners.text.content_term`), None for a stop word."""
        return list(map(content_term, self.tokens))

    @cached_property
    def terms(self) -> set[str]:
        return set(filter(None, self.token_terms))

    @cached_property
    def paragraphs(self) -> int:
        """Paragraphs of prose (8 words or more: a "Read more at …" line is not one)."""
        return sum(1 for line in self.text.split("\n") if word_count(line) >= 8)

    @cached_property
    def sentences(self) -> list[tuple[int, str, frozenset[str]]]:
        """(offset, sentence, content terms) for sentences with at least three content terms."""
        starts = self.offsets[:, 0].tolist()
        token_terms = self.token_terms
        out = []
        for offset, sent in sentences(self.text):
            lo = bisect_left(starts, offset)
            hi = bisect_left(starts, offset + len(sent), lo)
            terms = frozenset(filter(None, token_terms[lo:hi]))
            if len(terms) >= 3:
                out.append((offset, sent, terms))
        return out

    @cached_property
    def digest(self) -> bytes:
        """A 128-bit hash of the body as it is (the lineage index shares texts and scores by it)."""
        return hashlib.blake2b(self.text.encode("utf-8"), digest_size=16).digest()

    @cached_property
    def quotations(self) -> list[frozenset[int]]:
        """The word 3-grams (hashed) of each quotation of :data:`QUOTE_WORDS` words or more."""
        starts = self.offsets[:, 0].tolist()
        tokens = self.tokens
        out = []
        for m in QUOTATION.finditer(self.text):
            lo = bisect_left(starts, m.start(1))
            hi = bisect_left(starts, m.end(1), lo)
            if hi - lo >= QUOTE_WORDS:
                out.append(frozenset(hash(tuple(tokens[k:k + 3])) for k in range(lo, hi - 2)))
        return out

    @cached_property
    def trigrams(self) -> frozenset[int]:
        """Every word 3-gram of the text (hashed), where a quotation of another text is looked for."""
        tokens = self.tokens
        return frozenset(hash(tuple(tokens[k:k + 3])) for k in range(len(tokens) - 2))

    @cached_property
    def sentence_terms(self) -> tuple[dict[str, list[int]], list[int]]:
        """Content term → the sentences (indexes into :attr:`sentences`) that have it; term count per sentence."""
        inverted: dict[str, list[int]] = {}
        for j, (_, _, terms) in enumerate(self.sentences):
            for term in terms:
                inverted.setdefault(term, []).append(j)
        return inverted, [len(terms) for _, _, terms in self.sentences]


@dataclass
class PairScores:
    """Similarity of text ``a`` to text ``b`` (not symmetric where named ``a_in_b``).

    ``passages`` is None when :func:`compare` was told they were not needed (nor ``a_reach`` and
    ``b_reach`` then); :func:`complete` fills them in.
    """

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
    #: quotations of a (of b) found in the other text, out of how many it has; counted with the alignment
    quotes_a: tuple[int, int] = (0, 0)
    quotes_b: tuple[int, int] = (0, 0)
    passages: list[dict[str, object]] | None = field(default_factory=list)
    sentence_pairs: list[tuple[int, int, float]] = field(default_factory=list)

    def flipped(self) -> "PairScores":
        """The same scores seen from ``b`` (made once: scores are not changed once computed)."""
        flip = self.__dict__.get("_flipped")
        if flip is None:
            flip = self.__dict__["_flipped"] = self._flip()
            flip.__dict__["_flipped"] = self
        return flip  # type: ignore[no-any-return]

    def _flip(self) -> "PairScores":
        return PairScores(
            jaccard=self.jaccard, a_in_b=self.b_in_a, b_in_a=self.a_in_b, term_jaccard=self.term_jaccard,
            fact_jaccard=self.fact_jaccard, a_paragraphs=self.b_paragraphs, b_paragraphs=self.a_paragraphs,
            aligned_a=self.aligned_b, aligned_b=self.aligned_a, a_reach=self.b_reach, b_reach=self.a_reach,
            quotes_a=self.quotes_b, quotes_b=self.quotes_a,
            passages=None if self.passages is None else
            [{"text": p["text"], "words": p["words"], "a": p["b"], "b": p["a"]} for p in self.passages],
            sentence_pairs=[(j, i, d) for i, j, d in self.sentence_pairs],
        )


def _passages(a: Text, b: Text) -> tuple[list[dict[str, object]], float, float]:
    # Runs of identical words, found from shared shingles and extended word by word (linear in
    # the texts' length, where a diff is quadratic on long near-copies).
    ta, tb = a.tokens, b.tokens
    uniq, first = b.shingle_index
    seq = a.shingle_hashes
    if not len(seq) or not len(uniq):
        return [], 0.0, 0.0
    pos = np.minimum(np.searchsorted(uniq, seq), len(uniq) - 1)
    at = np.where(uniq[pos] == seq, first[pos], -1).tolist()  # a's shingle i first occurs in b at at[i]
    out: list[dict[str, object]] = []
    a_end = b_end = 0
    i = 0
    while i < len(at):
        j = at[i]
        if j < 0:
            i += 1
            continue
        n = a.shingle_size
        while i + n < len(ta) and j + n < len(tb) and ta[i + n] == tb[j + n]:
            n += 1
        if n >= MIN_PASSAGE_WORDS:
            a0, a1 = int(a.offsets[i, 0]), int(a.offsets[i + n - 1, 1])
            b0, b1 = int(b.offsets[j, 0]), int(b.offsets[j + n - 1, 1])
            out.append({"words": n, "a": [a0, a1], "b": [b0, b1], "text": a.text[a0:a1][:300]})
            a_end, b_end = max(a_end, i + n), max(b_end, j + n)
        i += n - a.shingle_size + 1
    # how far down each text the shared passages reach: a top-cut copy reaches only part way
    return out, a_end / max(1, len(ta)), b_end / max(1, len(tb))


def align(a: Text, b: Text) -> tuple[float, float, list[tuple[int, int, float]]]:
    """Monotone sentence alignment of ``a`` to ``b``: the heaviest chain of matched sentences in order.

    Returns:
        The share of ``a``'s and of ``b``'s content terms in aligned sentences, and the aligned
        ``(a sentence, b sentence, Dice score)`` pairs.
    """
    sa, sb = a.sentences, b.sentences
    if not sa or not sb:
        return 0.0, 0.0, []
    inverted, sizes = b.sentence_terms
    best: list[tuple[int, float]] = []
    for _, _, ta in sa:
        # b's most similar sentence (the first of equals), counting shared terms from b's term
        # index instead of intersecting with every sentence
        shared: dict[int, int] = {}
        for term in ta:
            for k in inverted.get(term, ()):
                shared[k] = shared.get(k, 0) + 1
        j, d = -1, 0.0
        for k in sorted(shared):
            dk = 2 * shared[k] / (len(ta) + sizes[k])
            if dk > d:
                j, d = k, dk
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


def quotes_kept(a: Text, b: Text) -> tuple[int, int]:
    """How many of ``a``'s quotations ``b`` also prints (most of their words in order), and how many ``a`` has."""
    grams = b.trigrams
    quotes = a.quotations
    return sum(1 for q in quotes if len(q & grams) >= QUOTE_KEPT * len(q)), len(quotes)


def compare(a: Text, b: Text, passages: bool | Callable[[PairScores], bool] = True) -> PairScores:
    """Compare two bodies exactly.

    Args:
        a, b: the two bodies.
        passages: whether to find the shared passages, or a function of the other scores that
            says whether they are needed (finding them costs more than all the rest; a caller
            that needs them only for some pairs leaves them None and calls :func:`complete`
            for the pairs it explains).

    Returns:
        Shingle Jaccard and containment both ways, content-term and fact-term Jaccard, shared passages of at
        least :data:`MIN_PASSAGE_WORDS` words with character offsets in both texts, how far down
        each text the shared passages reach, and the monotone sentence alignment (share of each text's
        content in aligned sentences, and the aligned pairs) when they share at least
        :data:`ALIGN_TERMS` of their content terms but no copied text (under
        :data:`COPY_CONTAINMENT`): a possible rewrite.
    """
    sa, sb = a.shingle_index[0], b.shingle_index[0]
    inter = int(np.intersect1d(sa, sb, assume_unique=True).size)
    ta, tb = a.terms, b.terms
    scores = PairScores(
        jaccard=inter / max(1, len(sa) + len(sb) - inter),
        a_in_b=inter / max(1, len(sa)),
        b_in_a=inter / max(1, len(sb)),
        term_jaccard=len(ta & tb) / max(1, len(ta | tb)),
        fact_jaccard=len(a.facts & b.facts) / max(1, len(a.facts | b.facts)),
        a_paragraphs=a.paragraphs, b_paragraphs=b.paragraphs,
    )
    if inter:
        if passages(scores) if callable(passages) else passages:
            scores.passages, scores.a_reach, scores.b_reach = _passages(a, b)
        else:
            scores.passages = None
    if scores.term_jaccard >= ALIGN_TERMS and max(scores.a_in_b, scores.b_in_a) < COPY_CONTAINMENT:
        scores.aligned_a, scores.aligned_b, scores.sentence_pairs = align(a, b)
        scores.quotes_a, scores.quotes_b = quotes_kept(a, b), quotes_kept(b, a)
    return scores


def complete(a: Text, b: Text, scores: PairScores) -> PairScores:
    """``scores`` with the shared passages and the sentence alignment filled in, where :func:`compare` skipped them."""
    if scores.passages is None:
        found, a_reach, b_reach = _passages(a, b)
        scores = replace(scores, passages=found, a_reach=a_reach, b_reach=b_reach)
    if scores.sentence_pairs or scores.aligned_a or scores.term_jaccard < ALIGN_TERMS:
        return scores
    aligned_a, aligned_b, pairs = align(a, b)
    return replace(scores, aligned_a=aligned_a, aligned_b=aligned_b, sentence_pairs=pairs,
                   quotes_a=quotes_kept(a, b), quotes_b=quotes_kept(b, a))
