"""CLEAN: page metadata from markup: JSON-LD, ``<meta>`` tags, ``<time>``, canonical link, bylines.

Everything is read from the one parsed tree (:func:`cleaners.dom.parse_html`). Structured data
comes first because it is what the publisher meant: the JSON-LD article object (found in
``@graph`` blocks, arrays and nested ``mainEntity``), then OpenGraph/``article:*`` and other
``<meta>`` tags, then microdata ``itemprop``, then visible markup (``<time datetime>``, ``<h1>``,
elements whose class says ``byline`` or ``author``). Raw values are kept beside normalised ones.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urljoin

import lxml.html
from lxml import etree

from cleaners.dates import DATE_TEXT, parse_date, with_site_zone
from cleaners.dom import block_text
from cleaners.plaintext import DATE_IN_TEXT, UPDATED_KEY, is_correction, updated_as_published
from cleaners.text import tidy_line

__all__ = ["ARTICLE_TYPES", "PageMeta", "read_metadata", "script_date", "strip_site_name"]

#: JSON-LD ``@type`` values (lower case) of an article.
ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "blogposting",
                  "liveblogposting", "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle",
                  "socialmediaposting", "report", "scholarlyarticle", "techarticle", "satiricalarticle",
                  "askpublicnewsarticle", "posting"}
_PUBLISHED_META = ("article:published_time", "og:article:published_time", "datepublished", "article.published",
                   "published_time", "publish-date", "publishdate", "pubdate", "publication_date", "date",
                   "dc.date", "dc.date.issued", "dcterms.created", "dcterms.date", "sailthru.date",
                   "parsely-pub-date", "article_date_original", "cxenseparse:recs:publishtime", "og:published_time")
_MODIFIED_META = ("article:modified_time", "og:updated_time", "datemodified", "article.updated", "modified_time",
                  "last-modified", "dcterms.modified", "dc.date.modified", "lastmod", "og:modified_time")
_TITLE_SEPARATORS = (" | ", " - ", " \u2014 ", " \u2013 ", " :: ", " \u00b7 ", " \u2022 ", " // ")
_LANG = re.compile(r"^([a-z]{2,3})(?:[-_]|$)", re.IGNORECASE)


@dataclass
class PageMeta:
    """Metadata read from markup; None where the page says nothing."""

    title: str | None = None
    site_name: str | None = None
    published: str | None = None
    published_raw: str | None = None
    modified: str | None = None
    modified_raw: str | None = None
    byline: str | None = None
    authors: list[tuple[str, str]] = field(default_factory=list)
    """``(name, kind)`` pairs from JSON-LD, kind ``person``/``organization`` when typed, else ``""``."""
    canonical_url: str | None = None
    language: str | None = None
    page_type: str | None = None
    """``og:type`` or the JSON-LD ``@type`` of the main object, lower case."""
    article_types: list[str] = field(default_factory=list)
    """Every JSON-LD ``@type`` on the page, lower case (``newsarticle``, ``videoobject``…)."""
    article_body: str | None = None
    """JSON-LD ``articleBody``, when given."""
    credit_orgs: list[tuple[str, str]] = field(default_factory=list)
    """``(field, name)`` of JSON-LD organisations that may be wire credits: ``author``,
    ``sourceOrganization``, ``copyrightHolder``, ``isBasedOn``, ``provider``."""
    based_on_urls: list[str] = field(default_factory=list)
    meta_authors: list[tuple[str, str]] = field(default_factory=list)
    """``(tag, value)`` of author ``<meta>`` tags (``author``, ``article:author``…)."""
    correction: str | None = None
    """A correction or editor's note printed anywhere on the page."""


_PUBLISHED_ELEMENTS = './/time[@datetime] | .//*[@itemprop="datePublished"][@content or @datetime]'

def _json_objects(tree: lxml.html.HtmlElement) -> list[dict[str, Any]]:
    objects: list[dict[str, Any]] = []
    for script in tree.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower() or not script.text:
            continue
        text = script.text.strip().removeprefix("<![CDATA[").removesuffix("]]>").strip()
        try:
            data = json.loads(text)
        except RecursionError:  # nested deeper than Python's stack: no page's metadata looks so
            continue
        except ValueError:
            try:  # control characters inside strings and trailing commas are common
                data = json.loads(re.sub(r",\s*([}\]])", r"\1", re.sub(r"[\x00-\x1f]+", " ", text)))
            except (ValueError, RecursionError):
                continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                objects.append(item)
                for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement"):
                    if isinstance(item.get(key), (list, dict)):
                        stack.append(item[key])
    return objects


def _types(obj: dict[str, Any]) -> list[str]:
    value = obj.get("@type")
    values = value if isinstance(value, list) else [value]
    return [v.lower().rsplit("/", 1)[-1] for v in values if isinstance(v, str)]


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, (str, dict))), None)
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    if isinstance(value, str):
        value = " ".join(value.split())
        return value or None
    return None


def _people(value: Any) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, str):
            out.extend((" ".join(n.split()), "") for n in re.split(r"\s*(?:,|;|\band\b|&)\s*", item) if n.strip())
        elif isinstance(item, dict):
            name = _text(item.get("name"))
            if name:
                types = _types(item)
                kind = "person" if "person" in types else "organization" if any(
                    t in ("organization", "newsmediaorganization", "corporation") for t in types) else ""
                out.append((name, kind))
    return out


def _meta_tags(tree: lxml.html.HtmlElement) -> dict[str, str]:
    tags: dict[str, str] = {}
    head = tree.find("head")
    for meta in (head if head is not None else tree).iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or meta.get("http-equiv") or "")
        content = meta.get("content")
        if key and content and content.strip():
            tags.setdefault(key.strip().lower(), " ".join(content.split()))
    return tags


def _date(raw: str | None) -> tuple[str, str] | None:
    if not raw:
        return None
    value = parse_date(raw)
    return (value, raw) if value else None


def strip_site_name(title: str, site_names: list[str]) -> str:
    """Remove a site-name prefix or suffix from a page title.

    "Lee arrives in Tokyo | Example News" → "Lee arrives in Tokyo" when a site name is
    "Example News" (or its domain), or when the part after the last separator is short and the
    rest is much longer (a brand tail the page did not name elsewhere).

    Args:
        title: the title as printed in ``<title>`` or ``og:title``.
        site_names: names the page gives itself (``og:site_name``, JSON-LD publisher, domain).

    Returns:
        The headline part.
    """
    folded = [re.sub(r"\W+", "", n).lower() for n in site_names if n]
    for sep in _TITLE_SEPARATORS:
        if sep not in title:
            continue
        head, _, tail = title.rpartition(sep)
        first, _, rest = title.partition(sep)
        for part, keep in ((tail, head), (first, rest)):
            key = re.sub(r"\W+", "", part).lower()
            if key and any(key == f or (len(key) >= 3 and (f.startswith(key) or key.startswith(f))) for f in folded):
                return keep.strip()
        if len(tail.split()) <= 4 and len(head.split()) >= 3 * len(tail.split()) and tail[:1].isupper():
            return head.strip()
    return title.strip()


# A byline's parts ("byline__role", "byline__dates") and an author's bio are not the byline.
_NOT_NAME = ('not(contains(@class, "bio")) and not(contains(@class, "role")) and not(contains(@class, "date")) '
             'and not(contains(@class, "time"))')
#: What marks a byline element, best first.
_BYLINE_TESTS = (
    f'contains(@class, "byline") and {_NOT_NAME}',
    '@itemprop="author"',
    'contains(@class, "author-name") or contains(@class, "author__name")',
    '@rel="author"',
    'contains(@class, "author") and not(contains(@class, "bio")) and not(contains(@class, "box"))',
)
#: Every element that may be a byline or an agency credit header, in one pass over the tree (a
#: pass costs 0.1–0.3 ms on a news page; testing for the attributes first halves it).
_BYLINE_CANDIDATES = etree.XPath(
    './/*[@class or @itemprop or @rel][contains(@class, "byline") or contains(@class, "author") or '
    'contains(@class, "credit") or @itemprop="author" or @rel="author"]')
_BYLINE_IS = [etree.XPath(f"boolean(self::*[{test}])") for test in _BYLINE_TESTS]
_CREDIT_HEADER = re.compile(rf"^(?P<who>[^|]{{2,60}}?)\s+[-\u2013\u2014|]\s+{DATE_TEXT}")


def _article_scope(tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The ``<article>`` or ``<main>`` holding the headline, where the story's own metadata is."""
    h1 = tree.find(".//h1")
    if h1 is None:
        return None
    return next((a for a in h1.iterancestors() if a.tag in ("article", "main")), None)


def _byline_element(tree: lxml.html.HtmlElement) -> str | None:
    """The byline as printed: the text of the element a class or rel calls byline or author.

    Looked for in the article holding the headline first (a sidebar's teaser bylines come before
    the story in many templates), then in the whole page.
    """
    candidates = _BYLINE_CANDIDATES(tree)
    if not candidates:
        return None
    scope = _article_scope(tree)
    if scope is not None:
        found = _byline_in([el for el in candidates if scope in el.iterancestors()])
        if found:
            return found
    return _byline_in(candidates)


def _byline_in(candidates: list[lxml.html.HtmlElement]) -> str | None:
    for test in _BYLINE_IS:
        for el in candidates:
            if not test(el) or el.tag in ("meta", "link", "script", "body", "html", "article", "main") or el.xpath(
                    "ancestor::figure or ancestor::figcaption or ancestor::footer"):
                continue
            text = re.split(r"\s+(?:\||\u00b7|\u2022)\s+", block_text(el))[0].strip(" ,;")
            if 2 <= len(text) <= 120 and len(text.split()) <= 14 and not re.search(r"[.!?]$", text):
                return text
    # an agency credit header: "KYODO NEWS - Sep 8, 2026 - 18:05 | All, Japan"
    for el in candidates:
        if "credit" in (el.get("class") or "") and not el.xpath("ancestor::figure"):
            m = _CREDIT_HEADER.match(block_text(el))
            if m:
                return m.group("who").strip()
    return None


def _visible_dates(tree: lxml.html.HtmlElement, meta: PageMeta, needle: str | None = None) -> None:
    """Dates printed on the page ("Published: 3 March 2026, 14:20 IST", "Last Updated : …").

    The first short text after the headline that holds a date is taken (a date bar above the
    headline is usually today's date, not the article's; it is used only when nothing follows the
    headline); one marked "updated" is the modified time. A page that prints only an "updated"
    time gives it as its published time. With ``needle`` (digits), only texts holding it are read.
    """
    h1 = tree.find(".//h1")
    seen_h1 = h1 is None
    found: list[tuple[bool, bool, str, str]] = []  # (after h1, modified, value, raw)
    only = f' and (contains(., "{needle}") or ancestor::h1)' if needle else ""
    for node in tree.xpath(f"//body//text()[string-length(normalize-space()) > 5{only}]"):
        parent = node.getparent()
        if parent is None or parent.tag in ("script", "style", "a"):
            continue
        if not seen_h1 and h1 is not None and (parent is h1 or h1 in parent.iterancestors()):
            seen_h1 = True
            continue
        if len(found) > 8:
            break
        text = " ".join(str(node).split())
        if len(text) > 120:
            continue
        m = DATE_IN_TEXT.search(text)
        if not m:
            continue
        value = parse_date(m.group("date"))
        if value:
            key = m.group("key") or ""
            before = text[: m.start()] + " " + (parent.text or "" if parent.text != node else "")
            modified = bool(UPDATED_KEY.search(key) or UPDATED_KEY.search(before))
            found.append((seen_h1, modified, value, m.group(0).strip() if key else m.group("date")))
    if any(f[0] for f in found):
        found = [f for f in found if f[0]]
    # a date bar's "Wednesday, March 18, 2026" above "Mar. 18, 2026 5:04 p.m. ET" (a page with no
    # <h1>): the same day with its time is the article's
    timed: dict[str, tuple[bool, bool, str, str]] = {}
    for f in found:
        if not f[1] and len(f[2]) > 10:
            timed.setdefault(f[2][:10], f)
    found = [timed.get(f[2], f) if not f[1] and len(f[2]) == 10 else f for f in found]
    for _, modified, value, raw in found:
        if modified and meta.modified is None:
            meta.modified, meta.modified_raw = value, raw
        elif not modified and meta.published is None:
            meta.published, meta.published_raw = value, raw
    updated_as_published(meta)


# A publication time in a page's own JSON state (Next.js, aggregators' web readers): an ISO
# date-time under one of the usual keys.
_SCRIPT_DATE = re.compile(r'"(?:datePublished|publishedDate(?:Time)?|publishDate|published_?[aA]t|firstPublished(?:Date)?|'
                          r'pubDate)"\s*:\s*"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}[^"]{0,20})"')


def script_date(html: str) -> tuple[str, str] | None:
    """The publication time a page's own JSON state holds (``"publishedDateTime": "…"`` in a
    script), as ``(ISO value, raw)``, for a page that prints none in markup or text.

    Scripts are cut before the page is parsed, so this reads the decoded page itself.
    """
    for m in _SCRIPT_DATE.finditer(html):
        value = parse_date(m.group(1))
        if value:
            return value, m.group(1)
    return None


_CORRECTION_STARTS = ("Correction", "CORRECTION", "Editor", "EDITOR", "This story", "This article", "Clarification",
                      "An earlier version")
_CORRECTION_NODES = "//body//text()[" + " or ".join(
    f'starts-with(normalize-space(), "{start}")' for start in _CORRECTION_STARTS) + "]"
_CORRECTION_WORDS = re.compile("|".join(map(re.escape, _CORRECTION_STARTS)))


def _correction(tree: lxml.html.HtmlElement) -> str | None:
    """A correction or editor's note anywhere in the page, as printed with its label."""
    # The page's text first: most pages have no note, and the node search costs 0.3–0.4 ms.
    if not _CORRECTION_WORDS.search(tree.xpath("string(//body)")):
        return None
    for node in tree.xpath(_CORRECTION_NODES):
        el = node.getparent()
        while el is not None and el.tag not in ("p", "div", "aside", "section", "li", "blockquote", "body"):
            el = el.getparent()
        if el is None or el.tag == "body":
            continue
        text = block_text(el)
        if len(text) < 600 and is_correction(text):
            return text
    return None


def read_metadata(tree: lxml.html.HtmlElement, url: str | None = None) -> PageMeta:
    """Read the metadata of a parsed page.

    Args:
        tree: the page root, as :func:`cleaners.dom.parse_html` returns it (not modified).
        url: the page URL, to resolve a relative canonical link.

    Returns:
        The metadata found; fields the page does not give are None or empty.
    """
    meta = PageMeta()
    objects = _json_objects(tree)
    tags = _meta_tags(tree)
    for obj in objects:
        meta.article_types.extend(t for t in _types(obj) if t not in meta.article_types)
    article = next((o for o in objects if set(_types(o)) & ARTICLE_TYPES), None)
    publisher_names: list[str] = []

    if article is not None:
        meta.page_type = next(t for t in _types(article) if t in ARTICLE_TYPES)
        meta.title = _text(article.get("headline")) or _text(article.get("name"))
        for key, target in (("datePublished", "published"), ("dateCreated", "published"), ("dateModified", "modified")):
            found = _date(_text(article.get(key)))
            if found and getattr(meta, target) is None:
                setattr(meta, target, found[0])
                setattr(meta, f"{target}_raw", found[1])
        meta.authors = _people(article.get("author") or article.get("creator"))
        for key in ("author", "publisher", "sourceOrganization", "copyrightHolder", "provider", "isBasedOn",
                    "creditText"):
            value = article.get(key)
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, str) and key in ("isBasedOn",) and item.startswith("http"):
                    meta.based_on_urls.append(item)
                elif isinstance(item, (str, dict)):
                    name = _text(item)
                    if name:
                        meta.credit_orgs.append((key, name))
                    if isinstance(item, dict):
                        for sub in ("author", "publisher", "sourceOrganization"):
                            sub_name = _text(item.get(sub))
                            if sub_name:
                                meta.credit_orgs.append((key, sub_name))
                        if isinstance(item.get("url"), str):
                            meta.based_on_urls.append(item["url"])
        if isinstance(article.get("articleBody"), str):
            meta.article_body = article["articleBody"]
        publisher_names.append(_text(article.get("publisher")) or "")
        lang = _text(article.get("inLanguage"))
        if lang:
            meta.language = lang
    for obj in objects:
        if set(_types(obj)) & {"newsmediaorganization", "organization", "website"}:
            publisher_names.append(_text(obj.get("name")) or "")

    meta.site_name = tags.get("og:site_name") or tags.get("application-name") or next(
        (n for n in publisher_names if n), None)
    meta.page_type = meta.page_type or (tags.get("og:type") or "").lower() or (
        meta.article_types[0] if meta.article_types else None)

    for keys, target in ((_PUBLISHED_META, "published"), (_MODIFIED_META, "modified")):
        if getattr(meta, target) is None:
            for key in keys:
                found = _date(tags.get(key))
                if found:
                    setattr(meta, target, found[0])
                    setattr(meta, f"{target}_raw", found[1])
                    break
    scope = _article_scope(tree)
    if meta.published is None:
        roots = (scope, tree) if scope is not None else (tree,)  # the article's own times first
        for el in (el for root in roots for el in root.xpath(_PUBLISHED_ELEMENTS)):
            found = _date(el.get("datetime") or el.get("content"))
            if found:
                meta.published, meta.published_raw = found
                break

    for key in ("author", "article:author", "dc.creator", "parsely-author", "sailthru.author"):
        value = tags.get(key)
        if value and not value.startswith("http"):
            meta.meta_authors.append((key, value))
            if not meta.authors:
                meta.authors = _people(value)
    meta.byline = _byline_element(tree)
    if meta.published is None and meta.modified is None:  # structured dates win over printed ones
        _visible_dates(tree, meta)
    meta.correction = _correction(tree)

    link = tree.xpath('.//link[@rel="canonical"][@href]')
    href = link[0].get("href").strip() if link else tags.get("og:url")
    if href:
        meta.canonical_url = urljoin(url, href) if url and not href.startswith("http") else href

    h1 = tree.find(".//h1")
    h1_text = tidy_line(h1.text_content()) if h1 is not None else ""
    head_title = tidy_line(tree.findtext(".//title") or "")
    site_names = [n for n in (meta.site_name, *publisher_names) if n]
    if url:
        host = re.sub(r"^(?:https?://)?(?:www\.)?([^/:]+).*$", r"\1", url)
        site_names.extend((host, host.split(".")[0]))
    folded = {re.sub(r"\W+", "", n).lower() for n in site_names}
    if re.sub(r"\W+", "", h1_text).lower() in folded:
        h1_text = ""  # the site's logo in an <h1>, not the headline
    title = meta.title or tags.get("og:title") or tags.get("twitter:title")
    if h1_text and (not title or _same_headline(h1_text, title) or len(h1_text.split()) >= H1_WORDS):
        # the headline as printed (no suffix to strip); the page's social or SEO title, when it
        # differs, is a variant written for another audience
        meta.title = h1_text
    else:
        meta.title = tidy_line(strip_site_name(title or head_title, site_names)) or None

    lang = meta.language or tree.get("lang") or tree.get("xml:lang") or tags.get("content-language") or tags.get(
        "og:locale") or tags.get("language")
    m = _LANG.match(lang or "")
    meta.language = m.group(1).lower() if m else None
    if meta.published and (len(meta.published) == 10 or meta.published.endswith(("Z", "+00:00"))):
        _printed_time(tree, meta, url)
    return meta


def _printed_time(tree: lxml.html.HtmlElement, meta: PageMeta, url: str | None) -> None:
    """Take the printed published time where it makes the structured one exact.

    A structured date without a time, when the page prints that day with its time. A structured
    time in UTC, when the page prints the same clock time without a zone on a site whose zone is
    known and is not UTC at that date: a CMS that labels the newsroom's local time as UTC, a common
    fault. The printed clock is then read in the site's zone (:func:`~cleaners.dates.with_site_zone`).
    """
    structured = meta.published or ""
    printed = PageMeta()
    # a text printing that day holds its day of the month (a full pass over the page's short
    # texts cost 3 ms on a third of the pages)
    _visible_dates(tree, printed, needle=structured[8:10].lstrip("0") if structured[8:10].isdigit() else None)
    value = printed.published
    if not value or len(value) <= 10 or value[:10] != structured[:10]:
        return
    if len(structured) > 10:
        if value[11:16] != structured[11:16] or _offset(value) is not None:
            return
        value = with_site_zone(value, url, meta.language) or value
        if _offset(value) in (None, timedelta(0)):
            return
    meta.published, meta.published_raw = value, printed.published_raw


def _offset(value: str) -> timedelta | None:
    """The UTC offset of an ISO 8601 time, or None when it has no zone (or is no time)."""
    try:
        return datetime.fromisoformat(value).utcoffset()
    except ValueError:
        return None


#: Words from which a page's first ``<h1>`` is its headline even when the structured title differs
#: (shorter ones may be a section label or a logo).
H1_WORDS = 4


def _same_headline(h1: str, title: str) -> bool:
    a, b = re.sub(r"\W+", " ", h1).lower().strip(), re.sub(r"\W+", " ", title).lower().strip()
    return bool(a) and (a == b or b.startswith(a) or a.startswith(b))
