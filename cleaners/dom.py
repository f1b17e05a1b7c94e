"""CLEAN: parse an HTML page once, within a fixed amount of work, and prune boilerplate containers.

The work per page is capped before lxml sees the markup: scripts (except JSON-LD), styles,
inline SVG, templates, comments and inline ``data:`` URIs are cut out in one linear scan, and
what is left is truncated at :data:`MAX_MARKUP_CHARS`. A 20 MB page made of a megabyte of article
and nineteen of inline JavaScript thus costs about what the article costs; a page with megabytes
of real markup (an endless comment thread) is cut, since the article comes first.

The tree is then pruned of containers that a class or id names as boilerplate (related stories,
most read, newsletter and app prompts, share bars, cookie notices, tag lists, author bios, promos)
when they hold little text or mostly links, so that a wrapper that merely carries such a class is
never taken for boilerplate.
"""

from __future__ import annotations

import re

import lxml.html
import trafilatura
from lxml.etree import ParserError

__all__ = ["MAX_MARKUP_CHARS", "STRAY_MARK", "block_text", "parse_html", "prune_boilerplate", "strip_markup",
           "unwrap_layout_tables"]

#: Markup left after stripping scripts and styles beyond this is not parsed (about a second of work).
MAX_MARKUP_CHARS = 1_000_000

_BLOCK_START = re.compile(r"<(?P<tag>script|style|svg|template)\b(?P<attrs>[^>]*)>|<!--", re.IGNORECASE)
_BLOCK_END = {tag: re.compile(rf"</{tag}\s*>", re.IGNORECASE) for tag in ("script", "style", "svg", "template")}
_DATA_URI = re.compile(r"data:[\w/+.-]{1,40};base64,[A-Za-z0-9+/=\s]{256,}")
_MAX_JSONLD_CHARS = 500_000



def block_text(el: lxml.html.HtmlElement) -> str:
    """The element's text with whitespace folded (what a reader sees of the block)."""
    return " ".join(" ".join(el.itertext()).split())

def strip_markup(html: str) -> str:
    """Cut what never holds article text out of ``html`` and cap what is left.

    JSON-LD scripts are kept (up to 500 kB each): they carry the article's metadata.

    Args:
        html: the decoded page.

    Returns:
        The markup without scripts, styles, SVG, templates, comments and inline data URIs,
        truncated at a tag boundary after :data:`MAX_MARKUP_CHARS` characters.
    """
    out: list[str] = []
    size = pos = 0
    while size < MAX_MARKUP_CHARS:
        m = _BLOCK_START.search(html, pos)
        if m is None:
            out.append(html[pos:])
            break
        out.append(html[pos:m.start()])
        size += m.start() - pos
        tag = (m.group("tag") or "").lower()
        if not tag:
            end = html.find("-->", m.end())
            pos = len(html) if end < 0 else end + 3
            continue
        close = _BLOCK_END[tag].search(html, m.end())
        pos = len(html) if close is None else close.end()
        if tag == "script" and "ld+json" in m.group("attrs").lower() and close is not None:
            block = html[m.start():pos]
            if len(block) <= _MAX_JSONLD_CHARS:
                out.append(block)
                size += len(block)
    markup = _DATA_URI.sub("data:,", "".join(out))
    if len(markup) > MAX_MARKUP_CHARS:
        cut = markup.rfind("<", 0, MAX_MARKUP_CHARS)
        markup = markup[: cut if cut > 0 else MAX_MARKUP_CHARS]
    return markup


def parse_html(html: str) -> lxml.html.HtmlElement | None:
    """Parse a page the way trafilatura does, after :func:`strip_markup`.

    Args:
        html: the decoded page; a fragment without ``<html>`` is wrapped in one.

    Returns:
        The root element, or None when lxml finds no element at all.
    """
    markup = strip_markup(html)
    if "<html" not in markup[:2000].lower():
        markup = f"<html><body>{markup}</body></html>"
    try:
        tree = trafilatura.load_html(markup)
    except (ParserError, ValueError, TypeError):
        return None
    return tree if tree is not None and len(tree) else None


#: Attribute set on paragraphs that broken markup left outside any table cell.
STRAY_MARK = "data-wiretrace-stray"
_LAYOUT_CELL_CHARS = 400
_TABLE_PARTS = {"table": "div", "tbody": "div", "thead": "div", "tfoot": "div", "tr": "div", "td": "div",
                "th": "div", "caption": "div"}


def _is_layout(table: lxml.html.HtmlElement) -> bool:
    if (table.get("role") or "").lower() == "presentation" or table.find(".//table") is not None:
        return True
    if table.find(".//h1") is not None or table.find(".//article") is not None:
        return True
    return any(len(block_text(cell)) > _LAYOUT_CELL_CHARS
               for cell in table.iter("td", "th"))


def unwrap_layout_tables(tree: lxml.html.HtmlElement) -> int:
    """Turn tables used for page layout into plain blocks, in place.

    Old page templates put the whole page in nested tables, the article being one cell of
    ``<br><br>``-separated paragraphs; extracted as a table, it would come out as one row. A table
    is layout when it nests another table, holds the headline, says ``role=presentation``, or has
    a cell of more than 400 characters. Data tables (short cells) are left alone.

    Args:
        tree: the parsed page.

    Returns:
        How many tables were unwrapped.
    """
    # A <p> directly in a row or table is a sign of broken markup (a stray </td> closed the cell
    # early); marked so that cleaners.html can take such paragraphs back into the story.
    for p in tree.xpath("//tr/p | //tbody/p | //table/p"):
        p.set(STRAY_MARK, "1")
    layout = [t for t in tree.iter("table") if _is_layout(t)]
    for table in layout:
        for el in table.iter(*_TABLE_PARTS):
            if el is table or el.getparent() is not None:
                el.tag = _TABLE_PARTS[el.tag]
    return len(layout)


# Words that name a boilerplate container in a class or id ("related-stories", "mostRead",
# "newsletter-signup", "share-bar", "cookie-banner", "tag-list", "author-bio", "promo-box", a
# reader forum or comment thread).
_BOILERPLATE_CLASS = re.compile(
    r"(?:^|[\s_-])(?:related|relatedstories|more-?stories|read-?more|readmore|also-?read|most-?(?:read|popular|viewed|"
    r"shared)|mostread|mostpopular|trending|recommend\w*|newsletter\w*|subscribe|signup|sign-up|app-?promo|"
    r"download-?app|share\w*|social\w*|sharing|cookie\w*|consent|gdpr|tags?|tag-?list|taglist|keywords|topics|"
    r"author-?(?:bio|info|card|box|about)|about-?(?:the-)?author|bio|promo\w*|outbrain|taboola|comments?-?"
    r"(?:policy|rules|guidelines|section|list|thread|area|form|box)|forum|disqus\w*)(?:$|[\s_-])",
    re.IGNORECASE,
)
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_PRUNE_MAX_TEXT = 600
_PRUNE_LINK_SHARE = 0.5


def _names(el: lxml.html.HtmlElement) -> str:
    return _CAMEL.sub("-", f"{el.get('class', '')} {el.get('id', '')}")


def prune_boilerplate(tree: lxml.html.HtmlElement) -> list[str]:
    """Remove boilerplate containers named by their class or id, in place.

    A container goes when its class or id says what it is (see the module docstring) and it is
    short (under 600 characters) or mostly links (related-story lists); never ``<article>``,
    ``<main>`` or ``<body>``.

    Args:
        tree: the parsed page.

    Returns:
        The text of each container removed, for :attr:`~cleaners.CleanResult.dropped`.
    """
    dropped: list[str] = []
    body = tree.find("body")
    if body is None:
        return dropped
    removed: set[lxml.html.HtmlElement] = set()
    candidates = [el for el in body.iter("div", "section", "aside", "ul", "ol", "p", "footer", "nav", "figure")
                  if _BOILERPLATE_CLASS.search(_names(el))]
    for el in candidates:
        if el.find(".//h1") is not None or el.find(".//article") is not None or el.find(".//main") is not None:
            continue
        if any(anc in removed for anc in el.iterancestors()):
            continue
        text = block_text(el)
        if len(text) > _PRUNE_MAX_TEXT:
            links = sum(len(block_text(a)) for a in el.iter("a"))
            if links < _PRUNE_LINK_SHARE * len(text):
                continue
        if text:
            dropped.append(text[:200])
        removed.add(el)
        el.drop_tree()
    return dropped
