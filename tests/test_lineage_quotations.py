"""LINEAGE / quotations: a paraphrase too free to align sentence by sentence is still a rewrite
when it prints every quotation of its source and its source prints every one of its own.

Reporters cannot paraphrase a quotation, so a rewrite keeps them word for word; an independent
reporter of the same event has at least one quotation of their own, even when both print the same
public statement.
"""

from __future__ import annotations

import pytest

from crawler.lineage.relate import copy_relation
from crawler.lineage.verify import PairScores, Text, quotes_kept

SOURCE = Text(
    "A landslide buried part of Korvel on Sunday, killing seven people, officials said.\n"
    "\u201cWe are digging with our hands where machines cannot reach,\u201d emergency chief Milan Oresko said.\n"
    'Prime Minister Ilona Vessel said: "The whole country stands with Korvel tonight."\n'
    "\u201cScary,\u201d one resident said.")  # a quotation of one word is a phrase, not a statement


def test_quotations_are_found_in_the_other_text() -> None:
    rewrite = Text(
        "Seven people died when a hillside fell on Korvel, authorities said on Sunday.\n"
        "\u00abWe are digging with our hands where machines cannot reach\u00bb, said Milan Oresko.\n"
        "\u201eThe whole country stands with Korvel tonight\u201c, the prime minister said.")
    assert len(SOURCE.quotations) == 2  # the one-word quotation is not counted
    assert quotes_kept(SOURCE, rewrite) == (2, 2)  # other quotation marks, same words
    assert quotes_kept(rewrite, SOURCE) == (2, 2)
    other = Text("Rescuers said on Sunday that \u201cthe whole country is watching Korvel tonight, and we will not stop.\u201d")
    assert quotes_kept(SOURCE, other) == (0, 2)  # a few shared words do not make a quotation kept


def _scores(quotes_a: tuple[int, int], quotes_b: tuple[int, int], facts: float = 0.5, aligned: float = 0.3) -> PairScores:
    # a heavy paraphrase: little shared text, under half its sentences aligned (the alignment rule
    # needs REWRITE_ALIGNED), most facts kept
    return PairScores(jaccard=0.05, a_in_b=0.06, b_in_a=0.06, term_jaccard=0.35, fact_jaccard=facts,
                      aligned_a=aligned, aligned_b=aligned, quotes_a=quotes_a, quotes_b=quotes_b)


@pytest.mark.parametrize("quotes_a, quotes_b, facts, relation", [
    ((3, 3), (3, 3), 0.5, "rewrite"),  # every quotation kept both ways
    ((2, 2), (2, 2), 0.45, "rewrite"),
    ((2, 3), (2, 2), 0.5, None),  # one text has a quotation of its own: an independent report
    ((2, 2), (2, 4), 0.5, None),
    ((1, 1), (1, 1), 0.6, None),  # one shared statement proves nothing
    ((3, 3), (3, 3), 0.3, None),  # the same quotations, but other facts
])
def test_same_quotations_make_a_rewrite(quotes_a, quotes_b, facts: float, relation) -> None:
    assert copy_relation(_scores(quotes_a, quotes_b, facts)) == relation
    assert copy_relation(_scores(quotes_a, quotes_b, facts).flipped()) == relation
