"""CLEAN: trafilatura runs fast first; its fallback extractors run only when that pass misses.

The fallbacks (readability, jusText) must still rescue a page whose fast pass picks the wrong
container, pages without article markup must still get them, and huge trees must never.
"""

from __future__ import annotations

from typing import Any

import pytest
import trafilatura

import cleaners.html
from cleaners import clean

STORY = [f"Paragraph {i} of the report: the water board approved a budget of {i + 2} million dollars on "
         f"Tuesday after a long debate, officials said in a statement." for i in range(12)]
TEASERS = "".join(f"<p>Teaser {i}: the council met on Tuesday to discuss the budget and the new water rates for "
                  f"next year.</p>" for i in range(3))
OG_ARTICLE = "<meta property='og:type' content='article'>"


def _page(body: str, head: str = OG_ARTICLE) -> bytes:
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Water budget</title>{head}</head>"
            f"<body>{body}</body></html>").encode()


#: The story sits in a plain <div>, while an <article> holds three teasers (300 characters):
#: trafilatura's own extractor takes the <article> and stops there.
DECOY = _page(f"<article>{TEASERS}</article><div class='col'>{''.join(f'<p>{p}</p>' for p in STORY)}</div>")
#: The same with the story printed as <br>-separated text, no <p> at all.
DECOY_BR = _page(f"<article>{TEASERS}</article><div class='col'>{'<br><br>'.join(STORY)}</div>")


@pytest.fixture
def passes(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """The ``fast`` flag of every trafilatura call made by the cleaner."""
    seen: list[bool] = []
    real = trafilatura.bare_extraction

    def spy(*args: Any, **kwargs: Any) -> Any:
        seen.append(bool(kwargs.get("fast")))
        return real(*args, **kwargs)

    monkeypatch.setattr(cleaners.html.trafilatura, "bare_extraction", spy)
    return seen


@pytest.mark.parametrize("page", [DECOY, DECOY_BR], ids=["paragraphs", "br"])
def test_fast_pass_alone_misses_the_decoy_story(page: bytes) -> None:
    doc = trafilatura.bare_extraction(page.decode(), fast=True, deduplicate=False, include_comments=False)
    assert STORY[-1] not in (doc.text if doc else "")  # the premise of the next test


@pytest.mark.parametrize("page", [DECOY, DECOY_BR], ids=["paragraphs", "br"])
def test_fallback_rescues_a_story_the_fast_pass_misses(page: bytes, passes: list[bool]) -> None:
    text = clean(page, content_type="text/html").text
    assert STORY[0] in text and STORY[-1] in text
    assert passes == [True, False]


def test_a_page_read_well_is_extracted_once_in_fast_mode(passes: list[bool]) -> None:
    page = _page(f"<article><h1>Water budget</h1>{''.join(f'<p>{p}</p>' for p in STORY)}</article>"
                 f"<footer><p>© 2025 The Courier</p></footer>")
    text = clean(page, content_type="text/html").text
    assert STORY[0] in text and STORY[-1] in text
    assert passes == [True]


def test_a_page_without_article_markup_gets_the_fallbacks(passes: list[bool]) -> None:
    clean(_page(f"<article>{''.join(f'<p>{p}</p>' for p in STORY)}</article>", head=""), content_type="text/html")
    assert passes == [False]


def test_a_huge_tree_never_gets_the_fallbacks(passes: list[bool]) -> None:
    huge = DECOY.replace(b"</body>", b"<footer>" + b"<i></i>" * (cleaners.html.MAX_ELEMENTS_FOR_FALLBACK + 10)
                         + b"</footer></body>")
    clean(huge, content_type="text/html")
    assert passes == [True]
