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
    "नयी दिल्ली, 18 नवंबर (भाषा) राष्ट्रीय राजधानी।",  # Hindi: vowel signs
    "قال المتحدثُ إنّ محمّد الـحكومة",  # Arabic points and tatweel: shorter folded
]


def _random_text(rng: random.Random) -> str:
    alphabet = "abcXYZ019 .,'’_-\n\u00a0é\ufb01\u2460\u201c\u201d\u092d\u093e\u0937\u0964\u0645\u064f\u0640"
    return "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 80)))


@pytest.mark.parametrize("text", SAMPLES + [_random_text(random.Random(i)) for i in range(300)])
def test_bounds_tokens_and_spans_agree(text: str) -> None:
    spans = word_spans(text)
    assert word_bounds(text) == [offset for _, start, end in spans for offset in (start, end)]
    assert word_tokens(text) == [token for token, _, _ in spans] == words(text)
    assert word_tokens_and_bounds(text) == (word_tokens(text), word_bounds(text))
    for token, start, end in spans:  # "½" is one character and two tokens ("1", "2")
        assert token in words(text[start:end])


@pytest.mark.parametrize("text, expected", [
    # a vowel sign (Mc/Mn) is no word character to Python: the word must not break at it
    ("\u0928\u092f\u0940 \u0926\u093f\u0932\u094d\u0932\u0940 (\u092d\u093e\u0937\u093e)",
     ["\u0928\u092f\u0940", "\u0926\u093f\u0932\u094d\u0932\u0940", "\u092d\u093e\u0937\u093e"]),
    ("\u0995\u09b2\u0995\u09be\u09a4\u09be\u09af\u09bc \u09ac\u09c3\u09b7\u09cd\u099f\u09bf",  # Bengali
     ["\u0995\u09b2\u0995\u09be\u09a4\u09be\u09af\u09bc", "\u09ac\u09c3\u09b7\u09cd\u099f\u09bf"]),
    # the danda ends a sentence: it is no part of a word
    ("\u0915\u093f\u092f\u093e\u0964 \u0909\u0928\u094d\u0939\u094b\u0902\u0928\u0947",
     ["\u0915\u093f\u092f\u093e", "\u0909\u0928\u094d\u0939\u094b\u0902\u0928\u0947"]),
    # Arabic vowel points and the tatweel are optional in print: the word is the same without them
    ("\u0645\u062d\u0645\u0651\u062f \u0627\u0644\u0640\u062d\u0643\u0648\u0645\u0629",
     ["\u0645\u062d\u0645\u062f", "\u0627\u0644\u062d\u0643\u0648\u0645\u0629"]),
])
def test_words_keep_combining_marks_of_their_script(text: str, expected: list[str]) -> None:
    assert words(text) == expected
    assert [token for token, _, _ in word_spans(text)] == expected
