"""CLEAN: HTML pages: decode, parse once, read metadata, prune, trafilatura, then the shared line rules.

The page is decoded by :func:`cleaners.charset.decode_html` and parsed once, within a work cap
(:func:`cleaners.dom.parse_html`). Metadata and wire evidence are read from that tree
(:mod:`cleaners.metadata`); boilerplate containers are pruned from it
(:func:`cleaners.dom.prune_boilerplate`); trafilatura extracts the main text from the same tree
(``deduplicate=False``, always); that text then goes through the boilerplate, credit and dateline
rules of :mod:`cleaners.plaintext`, so that a wire credit or a "Read more" line is treated alike
whatever the input format.

A page with little text that says it is a gallery, a video or a list of stories is refused as
``not_article`` rather than returned as a stub article.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

import lxml.html
import trafilatura

from cleaners.charset import decode_html
from cleaners.dom import STRAY_MARK, block_text, parse_html, prune_boilerplate, unwrap_layout_tables
from cleaners.metadata import ARTICLE_TYPES as _ARTICLE_TYPES
from cleaners.metadata import PageMeta, read_metadata, script_date
from cleaners.plaintext import Parsed, parse, updated_as_published
from cleaners.text import tidy, word_count
from cleaners.wire import (CREDIT_LABELS, Author, Credit, agency_of, agency_of_url, find_copyright, match_byline,
                           match_credit_line)
from crawler.exceptions import ExtractionError

__all__ = ["HtmlFields", "extract_html"]

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # its per-page errors are ours to report
logging.getLogger("htmldate").setLevel(logging.CRITICAL)

#: trafilatura's options, chosen by measurement on tests/fixtures/html (``python -m
#: tests.eval_clean --variants``). Metadata is read by :mod:`cleaners.metadata`, not trafilatura.
EXTRACT_OPTIONS: dict[str, bool] = {"include_comments": False, "include_tables": True}
#: Above this many elements trafilatura runs without its fallback extractors: jusText's
#: paragraph revision is quadratic in long runs of short blocks (minutes on a 20 MB page).
MAX_ELEMENTS_FOR_FALLBACK = 6000
#: trafilatura first runs in ``fast`` mode (its own extractor only); a result shorter than this
#: many characters (trafilatura's ``MIN_EXTRACTED_SIZE``, below which it tries jusText itself)…
FALLBACK_MIN_CHARS = 250
#: …or under 1/this of the page's paragraph text (``<p>`` elements, and text standing directly in
#: a ``<div>`` or ``<td>``, as in ``<br>``-separated layouts: what readability scores; trafilatura
#: prefers readability's result when it is twice as long as its own) is a failed pass: the page is
#: extracted again with readability and jusText compared, as trafilatura does by default.
FALLBACK_PROSE_RATIO = 2
#: Fewer body words than this on a page typed as a gallery, video or story list: not an article.
MIN_ARTICLE_WORDS = 80
_NON_ARTICLE_TYPES = {
    "collectionpage": "a section front (JSON-LD CollectionPage)",
    "itemlist": "a list of stories (JSON-LD ItemList)",
    "imagegallery": "a photo gallery (JSON-LD ImageGallery)",
    "mediagallery": "a media gallery (JSON-LD MediaGallery)",
    "videoobject": "a video page (JSON-LD VideoObject)",
    "podcastepisode": "a podcast episode page (JSON-LD PodcastEpisode)",
    "searchresultspage": "a search results page",
    "profilepage": "an author profile page",
}
#: Page types that say "not an article" whatever the word count, when no article type is beside them.
_LISTING_TYPES = {"collectionpage", "itemlist", "searchresultspage", "profilepage", "podcastepisode"}
_NON_ARTICLE_OG = {"website": "a section front (og:type website)", "video.other": "a video page (og:type video)",
                   "video.movie": "a video page (og:type video)", "video.episode": "a video page (og:type video)",
                   "profile": "an author profile page (og:type profile)"}
_BY = re.compile(r"^(?:by|from|written by|report(?:ed)? by|par|por|von|door)\b", re.IGNORECASE)


@dataclass
class HtmlFields(Parsed):
    """:class:`~cleaners.plaintext.Parsed` plus what only markup says."""

    canonical_url: str | None = None
    language: str | None = None
    encoding: str | None = None


def _trafilatura(tree: lxml.html.HtmlElement, url: str | None, fast: bool) -> str:
    # deduplicate=False always: trafilatura's dedup cache is process-wide and empties the
    # third and later copies of a wire story, which are exactly what lineage needs to see.
    options = {**EXTRACT_OPTIONS, "fast": fast or EXTRACT_OPTIONS.get("fast", False)}
    doc = trafilatura.bare_extraction(tree, url=url, with_metadata=False, deduplicate=False, **options)
    return (doc.text or "") if doc is not None else ""


def _failed(tree: lxml.html.HtmlElement, text: str) -> bool:
    """Whether a fast-mode extraction looks like a miss (see :data:`FALLBACK_PROSE_RATIO`)."""
    if len(text) < FALLBACK_MIN_CHARS:
        return True
    prose = " ".join(" ".join(tree.xpath("//p//text() | //div/text() | //td/text()")).split())
    return len(prose) > FALLBACK_PROSE_RATIO * len(text)


def _extract_text(tree: lxml.html.HtmlElement, url: str | None, marked: bool) -> str:
    """trafilatura's text of the page: fast mode, with its fallback extractors only when needed.

    Readability and jusText take about half of trafilatura's time and, after our pruning and line
    rules, change no article on the fixture pages (``python -m tests.eval_clean --variants``), so
    on a page with article markup (``marked``) they run only when the fast pass looks failed
    (:func:`_failed`). A page without it always gets them: the story-list check of
    :func:`_non_article` counts teaser bylines, which only the fallbacks keep. Trees over
    :data:`MAX_ELEMENTS_FOR_FALLBACK` elements never do.
    """
    if EXTRACT_OPTIONS.get("fast") or tree.xpath(
            "count(//*|//comment()|//processing-instruction())") > MAX_ELEMENTS_FOR_FALLBACK:
        return _trafilatura(tree, url, fast=True)
    if marked:
        text = _trafilatura(tree, url, fast=True)
        if not _failed(tree, text):
            return text
    return _trafilatura(tree, url, fast=False)


def _marked(meta: PageMeta) -> bool:
    """Whether the markup says the page is an article (JSON-LD article type or ``og:type`` article)."""
    return bool(set(meta.article_types) & _ARTICLE_TYPES) or meta.page_type == "article"


_STOP_TAGS = {"h1", "h2", "h3", "h4", "ul", "ol", "table", "aside", "nav", "footer", "form", "section", "article",
              "header", "figure"}
_STOP_CLASS = re.compile(r"comment|related|share|social|footer|sidebar|promo|newsletter|tag", re.IGNORECASE)
_PROSE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*$")


def _stray_paragraphs(tree: lxml.html.HtmlElement, text: str) -> list[str]:
    """Prose paragraphs that broken markup pushed out of the article container.

    A stray ``</div></td>`` ends the container early and the parser leaves the story's last
    paragraphs outside it, directly in a table row (:data:`~cleaners.dom.STRAY_MARK`), where the
    extractor does not look. They are taken back when they follow the last extracted paragraph in
    document order, before any heading, list, aside, form or comment block.
    """
    if not tree.xpath(f"//p[@{STRAY_MARK}]"):
        return []
    lines = [line for line in text.split("\n") if word_count(line) >= 8]
    if not lines:
        return []
    tail = " ".join(lines[-1].split())[-80:]
    last = next((p for p in tree.iter("p") if tail in block_text(p)), None)
    if last is None:
        return []
    found: list[str] = []
    skipped = 0
    for el in last.xpath("following::*[self::p or self::div or self::h1 or self::h2 or self::h3 or self::h4 or "
                         "self::ul or self::ol or self::table or self::aside or self::nav or self::footer or "
                         "self::form or self::section or self::article or self::header or self::figure]"
                         "[position() <= 40]"):
        if el.tag in _STOP_TAGS or _STOP_CLASS.search(f"{el.get('class', '')} {el.get('id', '')}"):
            break
        if el.tag != "p" or not el.get(STRAY_MARK):
            continue
        para = block_text(el)
        links = sum(len(block_text(a)) for a in el.iter("a"))
        if word_count(para) >= 12 and _PROSE_END.search(para) and links < 0.2 * len(para):
            if para not in text:
                found.append(para)
        elif (skipped := skipped + 1) > 3:
            break
    return found


def _non_article(meta: PageMeta, tree: lxml.html.HtmlElement, text: str, body: str) -> str | None:
    """Why a page is not an article, or None: ``text`` as extracted, ``body`` after the line rules."""
    words = word_count(body)
    if meta.page_type in _NON_ARTICLE_TYPES.keys() - {"videoobject"} or (
            meta.page_type in _NON_ARTICLE_TYPES and words < MIN_ARTICLE_WORDS):
        return _NON_ARTICLE_TYPES[meta.page_type]  # type: ignore[index]
    if not _marked(meta):
        # typed as a listing (a section front's CollectionPage, an ItemList of stories) or a podcast
        # episode with no article object beside it: its teasers or show notes are not an article,
        # however many words they make
        listing = [t for t in meta.article_types if t in _LISTING_TYPES]
        if listing:
            return _NON_ARTICLE_TYPES[listing[0]]
        # a video page by both its og:type and its JSON-LD: a transcript under it is not an article
        if (meta.page_type or "").startswith("video.") and "videoobject" in meta.article_types:
            return _NON_ARTICLE_TYPES["videoobject"]
    figures = tree.xpath(".//figure")
    if len(figures) >= 4:
        captions = " ".join(block_text(c) for c in tree.iter("figcaption"))
        lines = [line for line in body.split("\n") if line.strip()]
        in_captions = sum(word_count(line) for line in lines if " ".join(line.split()) in captions)
        if in_captions >= 0.6 * max(sum(word_count(line) for line in lines), 1):
            return f"a photo gallery ({len(figures)} pictures, and the text is mostly their captions)"
    if not _marked(meta):
        teaser_bylines = sum(1 for line in text.split("\n") if _BY.match(line) and word_count(line) <= 10)
        if teaser_bylines >= 4:
            return f"a section front or story list ({teaser_bylines} bylines in the text, no article markup)"
    if words >= MIN_ARTICLE_WORDS:
        return None
    for t in meta.article_types:
        if t in _NON_ARTICLE_TYPES:
            return _NON_ARTICLE_TYPES[t]
    og = meta.page_type or ""
    if og in _NON_ARTICLE_OG:
        return _NON_ARTICLE_OG[og]
    if tree.find(".//video") is not None or tree.xpath('.//iframe[contains(@src, "player") or '
                                                       'contains(@src, "youtube") or contains(@src, "video")]'):
        return "a video page (a player and little text)"
    if len(figures) >= 8:
        return "a photo gallery (many figures and little text)"
    return None


def _authors(meta: PageMeta, byline: str | None, parsed: Parsed) -> tuple[list[Author], list[Credit]]:
    """Authors and byline credits: the printed byline first, typed JSON-LD authors otherwise."""
    if parsed.authors:
        return parsed.authors, []
    if byline:
        found = match_byline(byline if _BY.match(byline) else "By " + byline)
        if found:
            return found
    authors: list[Author] = []
    credits: list[Credit] = []
    for name, kind in meta.authors:
        agency = agency_of(name)
        if agency:
            kind = "organization"
        elif not kind:
            found = match_byline("By " + name)
            kind = found[0][0].kind if found and len(found[0]) == 1 else "person"
        author = Author(name, kind)
        if author not in authors:
            authors.append(author)
    return authors, credits


def _page_credits(meta: PageMeta, tree: lxml.html.HtmlElement) -> list[Credit]:
    credits: list[Credit] = []
    for key, name in meta.credit_orgs:
        agency = agency_of(name)
        if agency:
            credits.append(Credit(agency, "jsonld", f"{key}: {name}"))
    for link in meta.based_on_urls:
        agency = agency_of_url(link)
        if agency:
            credits.append(Credit(agency, "jsonld", f"isBasedOn: {link}"))
    for key, value in meta.meta_authors:
        agency = agency_of(value)
        if agency:
            credits.append(Credit(agency, "meta", f"{key}: {value}"))
    if meta.canonical_url:
        agency = agency_of_url(meta.canonical_url)
        if agency:
            credits.append(Credit(agency, "canonical", meta.canonical_url))
    # Each text-node search costs 0.1–0.3 ms: only made when the page's text holds its words.
    page = tree.xpath("string(//body)")
    # "Source: Xinhua | 2026-06-09 21:14" lines, "提供：時事通信", and aggregators' source chips
    # ("Reuters · 5h ago")
    labels = [label for label in CREDIT_LABELS if label in page]
    if labels:
        starts = " or ".join(f'starts-with(normalize-space(), "{label}")' for label in labels)
        for node in tree.xpath(f".//body//text()[{starts}]"):
            credit = match_credit_line(" ".join(str(node).split()))
            parent = node.getparent()
            if not credit and node.is_text and parent is not None:
                # the agency in an element of its own: "Source: <b>AFP</b>"
                line = " ".join(parent.text_content().split())
                credit = match_credit_line(line) if len(line) <= 80 else None
            if credit and credit not in credits:
                credits.append(credit)
    for el in tree.xpath('.//body//*[@class][contains(@class, "source")][not(ancestor::figure)]'):
        name = re.split(r"\s*[|\u00b7\u2022]\s*", block_text(el))[0]
        agency = agency_of(name) if len(name) <= 40 else None
        if agency:
            credits.append(Credit(agency, "source", name))
    if any(mark in page for mark in ("\u00a9", "opyright", "(c)", "(C)")):
        for text in tree.xpath('.//body//text()[contains(., "\u00a9") or contains(., "opyright") or contains(., "(c)") '
                               'or contains(., "(C)")][not(ancestor::figure or ancestor::figcaption)]'):
            credits.extend(find_copyright(" ".join(str(text).split())))
    return credits


def extract_html(content: bytes | str, url: str | None = None, content_type: str | None = None) -> HtmlFields:
    """Extract the article of an HTML page.

    Args:
        content: the page, as bytes (charset detected, see :mod:`cleaners.charset`) or str.
        url: the page URL, used to resolve a relative canonical link.
        content_type: the HTTP ``Content-Type`` (its ``charset`` is a declaration).

    Returns:
        The parsed article with its metadata.

    Raises:
        ExtractionError: ``no_text`` when the page has no article text, ``not_article`` when it
            is a section front, a gallery or a video page.
    """
    if isinstance(content, bytes):
        html, encoding = decode_html(content, content_type)
    else:
        html, encoding = content, None
    tree = parse_html(html)
    if tree is None:
        raise ExtractionError("the HTML could not be parsed into any element; is it HTML at all?")
    meta = read_metadata(tree, url)
    if meta.published is None and meta.modified is None:
        meta.published, meta.published_raw = script_date(html) or (None, None)
    page_credits = _page_credits(meta, tree)
    unwrap_layout_tables(tree)
    dropped = prune_boilerplate(tree)
    text = _extract_text(tree, url, _marked(meta))
    stray = _stray_paragraphs(tree, text)
    if stray:
        text = text + "\n" + "\n".join(stray)
    if word_count(text) < MIN_ARTICLE_WORDS and meta.article_body and word_count(meta.article_body) > word_count(
            text):
        text = meta.article_body
    body = parse(text, has_header=False)
    words = word_count(body.text)
    why = _non_article(meta, tree, text, body.text)
    if why:
        raise ExtractionError(f"not an article: {why}, with {words} words of text; nothing to clean",
                              "not_article")
    if not words:
        raise ExtractionError("no article text found in the HTML page (empty body, or only navigation)")

    fields = HtmlFields(**vars(body))
    fields.dropped = dropped + fields.dropped
    fields.title = meta.title or None
    if meta.published or meta.modified:  # markup wins; dates in the body text only when it has none
        fields.published, fields.published_raw = meta.published, meta.published_raw
        fields.modified, fields.modified_raw = meta.modified, meta.modified_raw
    updated_as_published(fields)  # markup's only time may be an "updated" one
    byline = fields.byline or meta.byline
    if byline and not fields.byline:
        fields.byline = tidy(byline)
    fields.authors, byline_credits = _authors(meta, None if body.authors else byline, body)
    fields.credits = fields.credits + byline_credits + [c for c in page_credits if c not in fields.credits]
    fields.correction = fields.correction or meta.correction
    fields.canonical_url = meta.canonical_url
    fields.language = meta.language
    fields.encoding = encoding
    return fields
