"""CLEAN: word tokens and their offsets agree with each other on every kind of text."""

from __future__ import annotations

import random

import pytest

from cleaners.text import word_bounds, word_spans, word_tokens, word_tokens_and_bounds, words

SAMPLES = [
    "",
    "   ",
    "Word",
    "The U.S. envoy's talks, at 3.5% growth — on Saturday.",
    "\u201cWe won\u2019t go,\u201d she said: \u2018never\u2019.",  # curly quotes fold without changing length
    "The \ufb01nal of\u00a0the cup: \u2460 goal, \u00bd time",  # NFKC changes lengths: the slow path
    "snake_case and kebab-case and 1,200.50 and A.B.C. and it's",
    "Zürich café naïve Ærø — ελληνικά ρήματα, русский текст.",
    "...leading dots and trailing ones...",
]


def _random_text(rng: random.Random) -> str:
    alphabet = "abcXYZ019 .,'’_-\n\u00a0é\ufb01\u2460\u201c\u201d"
    return "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 80)))


@pytest.mark.parametrize("text", SAMPLES + [_random_text(random.Random(i)) for i in range(300)])
def test_bounds_tokens_and_spans_agree(text: str) -> None:
    spans = word_spans(text)
    assert word_bounds(text) == [offset for _, start, end in spans for offset in (start, end)]
    assert word_tokens(text) == [token for token, _, _ in spans] == words(text)
    assert word_tokens_and_bounds(text) == (word_tokens(text), word_bounds(text))
    for token, start, end in spans:  # "½" is one character and two tokens ("1", "2")
        assert token in words(text[start:end])
