"""CLEAN on HTML: metadata and wire evidence read from markup, on small pages of our own making.

JSON-LD in its usual wrappings (``@graph``, arrays, nested ``mainEntity``, sloppy JSON), meta
tags, ``<time>``, canonical links, title suffixes, bylines, and every page-level credit form
(JSON-LD, canonical, copyright, meta author, source line); photo credits and publishers' own
notices are never credits.
"""

from __future__ import annotations

import json

import pytest

from cleaners import clean
from cleaners.metadata import strip_site_name

PARAS = [
    "The port authority said on Monday that container traffic rose by a fifth in the first half of the year, "
    "helped by new shipping routes to East Africa.",
    "Officials expect the growth to continue after a second terminal opens next spring, adding room for two "
    "more large vessels at a time.",
    "Unions have asked for talks on staffing at the new terminal, saying the current crews are already "
    "stretched by longer shifts.",
]


def page(head: str = "", top: str = "", bottom: str = "", title: str = "Port traffic jumps | Harbour Herald",
         body: list[str] | None = None) -> bytes:
    paras = "".join(f"<p>{p}</p>" for p in (body or PARAS))
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>{head}</head><body>"
            f"<article><h1>Port traffic jumps</h1>{top}{paras}{bottom}</article>"
            f"<footer><p>© 2026 Harbour Herald. All rights reserved.</p></footer></body></html>").encode()


def ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


ARTICLE = {"@type": "NewsArticle", "headline": "Port traffic jumps", "datePublished": "2026-03-02T08:15:00+01:00",
           "dateModified": "2026-03-02T10:00:00+01:00", "author": [{"@type": "Person", "name": "Ana Silva"}]}


@pytest.mark.parametrize("wrapped", [
    ARTICLE,
    [{"@type": "WebSite", "name": "Harbour Herald"}, ARTICLE],
    {"@context": "https://schema.org", "@graph": [{"@type": "Organization", "name": "Harbour Herald"}, ARTICLE]},
    {"@type": "WebPage", "mainEntity": ARTICLE},
    {**ARTICLE, "@type": ["NewsArticle", "Article"]},
])
def test_jsonld_wrappings(wrapped: object) -> None:
    r = clean(page(head=ld(wrapped)))
    assert r.published == "2026-03-02T08:15:00+01:00" and r.published_raw == "2026-03-02T08:15:00+01:00"
    assert r.modified == "2026-03-02T10:00:00+01:00"
    assert [(a.name, a.kind) for a in r.authors] == [("Ana Silva", "person")]


def test_sloppy_jsonld_is_read() -> None:
    raw = json.dumps(ARTICLE)[:-1] + ',}'  # a trailing comma, as some CMSs print
    r = clean(page(head=f'<script type="application/ld+json">{raw}</script>'))
    assert r.published == "2026-03-02T08:15:00+01:00"


def test_meta_tags_and_time_element() -> None:
    r = clean(page(head='<meta property="article:published_time" content="2026-03-02T07:15:00Z">'
                        '<meta property="article:modified_time" content="2026-03-02T09:00:00Z">'))
    assert r.published == "2026-03-02T07:15:00+00:00" and r.modified == "2026-03-02T09:00:00+00:00"
    r = clean(page(top='<time datetime="2026-03-02T08:15:00+01:00">2 March</time>'))
    assert r.published == "2026-03-02T08:15:00+01:00"


def test_visible_date_after_the_headline() -> None:
    r = clean(page(top="<p class='meta'>Published: 2 March 2026, 08:15 CET</p>"))
    assert r.published == "2026-03-02T08:15:00+01:00" and "Published" in (r.published_raw or "")
    r = clean(page(top="<p class='meta'>Last updated: 2 March 2026</p>"))
    assert r.published == "2026-03-02" and r.modified is None  # the only date printed is the page's
    r = clean(page())
    assert r.published is None and r.modified is None


@pytest.mark.parametrize("structured, printed, url, want", [
    # a CMS labelling local time as UTC: the printed clock, read in the site's zone
    ("2026-11-19T13:52:00+00:00", "19. 11. 2026 13:52", "https://www.example.cz/a.html", "2026-11-19T13:52:00+01:00"),
    # a true UTC time: the page prints another clock, or the site's zone is unknown or is UTC then
    ("2026-11-19T12:52:00+00:00", "19. 11. 2026 13:52", "https://www.example.cz/a.html", "2026-11-19T12:52:00+00:00"),
    ("2026-11-19T13:52:00+00:00", "19.11.2026 13:52", "https://www.example.com/a.html", "2026-11-19T13:52:00+00:00"),
    ("2026-11-19T13:52:00+00:00", "19.11.2026 13:52", "https://www.example.uk/a.html", "2026-11-19T13:52:00+00:00"),
    # a date alone takes the time printed for that day, and only for that day
    ("2026-11-19", "19/11/2026 12:45 CET", "https://www.example.com/a.html", "2026-11-19T12:45:00+01:00"),
    ("2026-11-19", "19.11.2026 12:45", "https://www.example.cz/a.html", "2026-11-19T12:45:00+01:00"),
    ("2026-11-19", "20.11.2026 12:45", "https://www.example.cz/a.html", "2026-11-19"),
])
def test_printed_time_makes_a_structured_one_exact(structured: str, printed: str, url: str, want: str) -> None:
    r = clean(page(head=ld({**ARTICLE, "datePublished": structured}), top=f"<p class='meta'>{printed}</p>"), url=url)
    assert r.published == want


@pytest.mark.parametrize("title, names, want", [
    ("Port traffic jumps | Harbour Herald", ["Harbour Herald"], "Port traffic jumps"),
    ("Port traffic jumps - Harbour Herald", ["harbourherald.example"], "Port traffic jumps"),
    ("Harbour Herald :: Port traffic jumps", ["Harbour Herald"], "Port traffic jumps"),
    ("Port traffic jumps \u2014 Herald", [], "Port traffic jumps"),
    ("Ports, trade and jobs - what the figures say", [], "Ports, trade and jobs - what the figures say"),
])
def test_title_site_name_stripped(title: str, names: list[str], want: str) -> None:
    assert strip_site_name(title, names) == want


def test_title_prefers_the_printed_headline() -> None:
    r = clean(page(head='<meta property="og:site_name" content="Harbour Herald">'))
    assert r.title == "Port traffic jumps"


def test_canonical_url() -> None:
    r = clean(page(head='<link rel="canonical" href="/business/port-traffic">'), url="https://herald.example/x?utm=1")
    assert r.canonical_url == "https://herald.example/business/port-traffic"
    assert clean(page()).canonical_url is None


def test_language_is_the_body_language() -> None:
    de = ["Die Hafenbehörde teilte am Montag mit, dass der Containerverkehr im ersten Halbjahr um ein Fünftel "
          "gestiegen ist, unterstützt durch neue Schifffahrtsrouten nach Ostafrika."] * 2
    assert clean(page(body=de)).language == "de"  # html lang says "en": the text decides


@pytest.mark.parametrize("top, byline, authors", [
    ("<div class='byline'>By Ana Silva and Tom Berg</div>", "By Ana Silva and Tom Berg",
     [("Ana Silva", "person"), ("Tom Berg", "person")]),
    ("<p class='article-byline'>By Ana Silva, Shipping Correspondent</p>", "By Ana Silva, Shipping Correspondent",
     [("Ana Silva", "person")]),
    ("<span class='byline'>By ANA SILVA Associated Press</span>", "By ANA SILVA Associated Press",
     [("Ana Silva", "person"), ("Associated Press", "organization")]),
    ("<div class='byline'>Por Ana Silva</div>", "Por Ana Silva", [("Ana Silva", "person")]),
    # a name and the job title the template prints after it, without a comma
    ("<span class='tnt-byline'>By <a rel='author'>Ana Silva</a> Staff Writer</span>", "By Ana Silva Staff Writer",
     [("Ana Silva", "person")]),
    # the byline's parts: its role line is not the byline
    ("<div class='byline'><span itemprop='author'><span itemprop='name'>Ana Silva</span></span> "
     "<span class='byline__role'>Local Democracy Reporter</span><div class='byline__dates'>Published: 07:15, "
     "2 March 2026 Updated: 09:02, 2 March 2026</div></div>", "Ana Silva", [("Ana Silva", "person")]),
    # an agency's newsroom
    ("<span class='article-author'>Redazione ANSA</span>", "Redazione ANSA", [("Redazione ANSA", "organization")]),
])
def test_bylines(top: str, byline: str, authors: list[tuple[str, str]]) -> None:
    r = clean(page(top=top))
    assert r.byline == byline
    assert [(a.name, a.kind) for a in r.authors] == authors
    assert byline not in r.text


@pytest.mark.parametrize("head, top, bottom, url, kind", [
    (ld({**ARTICLE, "author": {"@type": "Organization", "name": "Reuters"}}), "", "", None, "jsonld"),
    (ld({**ARTICLE, "sourceOrganization": {"@type": "Organization", "name": "Agence France-Presse"}}), "", "",
     None, "jsonld"),
    (ld({**ARTICLE, "isBasedOn": "https://apnews.com/article/port-traffic-123"}), "", "", None, "jsonld"),
    ('<link rel="canonical" href="https://www.reuters.com/business/port-traffic-2026-03-02/">', "", "", None,
     "canonical"),
    ("", "", "<p class='copyright'>© 2026 Reuters</p>", None, "copyright"),
    ('<meta name="author" content="PTI">', "", "", None, "meta"),
    ("", "<p class='source'>Source: Yonhap | 2026-03-02 08:15</p>", "", None, "source"),
    ("", "", "<p>PTI ABC DEF</p>", None, "signoff"),
])
def test_page_credit_forms(head: str, top: str, bottom: str, url: str | None, kind: str) -> None:
    r = clean(page(head=head, top=top, bottom=bottom), url=url)
    assert r.wire.credited and kind in r.wire.kinds, r.wire
    assert all(e not in r.text for e in r.wire.evidence)


@pytest.mark.parametrize("extra", [
    "<figure><img src='/p.jpg'><figcaption>Cranes at the port. (AP Photo/Jane Roe)</figcaption></figure>",
    "<figure><img src='/p.jpg'><figcaption>Cranes at the port. © JANE ROE / AFP</figcaption></figure>",
    "<p>Photo: Jane Roe/Reuters</p>",
    "<p>Traders said the figures matched a forecast published by Reuters last week, which had drawn on data "
    "from shipping agents.</p>",
])
def test_photo_credits_and_mentions_are_not_credits(extra: str) -> None:
    r = clean(page(bottom=extra, head='<meta property="og:site_name" content="Harbour Herald">'))
    assert r.wire.service is None and not r.wire.credited, r.wire


def test_publisher_notice_is_not_a_credit() -> None:
    r = clean(page(head=ld({**ARTICLE, "publisher": {"@type": "Organization", "name": "Harbour Herald"},
                            "copyrightHolder": {"@type": "Organization", "name": "Harbour Herald"}})))
    assert r.wire.service is None


def test_logo_h1_is_not_the_title() -> None:
    html = page(title="Port traffic jumps | Harbour Herald",
                head='<meta property="og:site_name" content="Harbour Herald">')
    html = html.replace(b"<body><article><h1>Port traffic jumps</h1>", b"<body><h1>Harbour Herald</h1><article>")
    assert clean(html).title == "Port traffic jumps"


def test_byline_of_the_story_not_of_a_sidebar_teaser() -> None:
    html = page(top="<p class='byline'>By Ana Silva</p>").replace(
        b"<body>", b"<body><aside><div class='teaser'><a href='/x'>Ferry fares rise</a>"
                   b"<span class='byline'>By Someone Else</span></div></aside>")
    r = clean(html)
    assert r.byline == "By Ana Silva" and [a.name for a in r.authors] == ["Ana Silva"]


def test_jsonld_article_body_when_the_page_renders_none() -> None:
    # A client-rendered page fetched without JavaScript: empty container, the story only in JSON-LD.
    html = (f"<html><head><title>Port traffic jumps</title>{ld({**ARTICLE, 'articleBody': chr(10).join(PARAS)})}"
            "</head><body><nav><a href='/'>Home</a></nav><div id='root'></div></body></html>").encode()
    r = clean(html, content_type="text/html")
    assert all(p in r.text for p in PARAS) and r.published == "2026-03-02T08:15:00+01:00"
