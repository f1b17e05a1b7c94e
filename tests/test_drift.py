"""LINEAGE drift: the facts a copy states differently from the aligned sentence of its source."""

from __future__ import annotations

from crawler.lineage.drift import drift


def _kinds(copy: str, source: str, published: str | None = None) -> list[tuple[str, str, str]]:
    return [(d["kind"], d["copy"], d["source"]) for d in drift([copy], [source], [(0, 0, 0.9)], published)]


def test_name_swap_in_matching_wording() -> None:
    got = _kinds("Prime Minister Fumio Kishida met President Lee in Tokyo, officials said.",
                 "Prime Minister Shigeru Ishiba met President Lee in Tokyo, officials said.")
    assert got == [("name", "Fumio Kishida", "Shigeru Ishiba")]


def test_spelling_variants_and_paraphrase_are_not_name_drift() -> None:
    assert _kinds("President Lee Jae-Myung met Japan's premier.", "President Lee Jae Myung met Japanese premier.") == []
    assert _kinds("Lee flew to Tokyo for talks with Ishiba on trade.",
                  "Ishiba hosted Lee in Tokyo for talks on trade.") == []


def test_weekday_paired_by_its_surroundings() -> None:
    got = _kinds("Lee arrived in Tokyo on Friday for his first visit.",
                 "Lee arrived in Tokyo on Saturday for talks, ahead of a summit with Trump on Monday.")
    assert got == [("weekday", "Friday", "Saturday")]


def test_numbers_years_and_quotes() -> None:
    got = _kinds('Tariffs fall to 15 per cent from 20, he said: "We will cooperate closely on security."',
                 'Tariffs fall to 15 per cent from 25, he said: "We will cooperate very closely on security."')
    assert ("number", "20", "25") in got
    assert any(k == "quote" for k, _, _ in got)
    got = _kinds("The summit on August 23, 2023 was the first.", "The summit on Saturday was the first.",
                 published="2025-08-23")
    assert got == [("date", "August 23, 2023", "source published 2025-08-23")]


def test_same_facts_no_drift() -> None:
    s = "Prime Minister Shigeru Ishiba met President Lee on Saturday, 60 years after normalisation."
    assert _kinds(s, s) == []
