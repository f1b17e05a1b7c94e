"""DISCOVER: publishers as data, loaded from ``settings/sources.toml`` (Scrapy-free).

Each ``[[publisher]]`` table names a publisher, the hosts that belong to it, the wire agency it is
(if it is one) and where its articles are found: RSS/Atom feeds, sitemaps (index, gzip, Google
News) and link-following entry points. :func:`load_publishers` reads and checks the file; any
mistake is a :class:`~crawler.exceptions.ConfigError` naming the file, the line and the field,
raised before a single request is made.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from crawler.exceptions import ConfigError

__all__ = ["METHODS", "Publisher", "load_publishers", "select_publishers"]

#: Discovery methods, each the name of a spider and of the field listing its entry points.
METHODS = ("feeds", "sitemaps", "site")

_URL_LISTS = ("feeds", "sitemaps", "start_urls")
_FIELDS = {"name", "domains", "wire", "feeds", "sitemaps", "start_urls", "follow"}
_HOST = re.compile(r"^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)*$")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
_TOML_POS = re.compile(r"\(at line (\d+), column (\d+)\)")


@dataclass(frozen=True)
class Publisher:
    """One publisher, as declared in the sources file.

    Attributes:
        name: unique key (``example-wire``); becomes the article's ``source``.
        domains: hosts that belong to it (subdomains included), lower case.
        wire: the wire agency this publisher is (``AP``), or None.
        feeds: RSS / Atom feed URLs.
        sitemaps: sitemap, sitemap index or Google News sitemap URLs.
        start_urls: link-following entry points (section fronts).
        follow: URL path fragments worth following from ``start_urls`` (``/world/``).
    """

    name: str
    domains: tuple[str, ...]
    wire: str | None = None
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    start_urls: tuple[str, ...] = ()
    follow: tuple[str, ...] = ()

    def owns(self, url: str) -> bool:
        """Whether ``url`` is on one of this publisher's hosts (or their subdomains)."""
        host = (urlsplit(url).hostname or "").lower()
        return any(host == d or host.endswith("." + d) for d in self.domains)

    def entry_points(self, method: str) -> tuple[str, ...]:
        """The URLs a discovery ``method`` (one of :data:`METHODS`) starts from."""
        return {"feeds": self.feeds, "sitemaps": self.sitemaps, "site": self.start_urls}[method]


def _table_lines(text: str) -> list[int]:
    """1-based line of each ``[[publisher]]`` header, in order."""
    return [i for i, line in enumerate(text.splitlines(), 1) if re.match(r"\s*\[\[\s*publisher\s*\]\]", line)]


def _key_line(text: str, start: int, key: str) -> int:
    """Line of ``key = …`` in the table starting at ``start`` (the header line when absent)."""
    lines = text.splitlines()
    for i in range(start, len(lines)):
        if re.match(r"\s*\[", lines[i]):
            break
        if re.match(rf"\s*{re.escape(key)}\s*=", lines[i]):
            return i + 1
    return start


def _http_url(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _check(raw: dict[str, Any], fail: Any) -> Publisher:
    unknown = sorted(set(raw) - _FIELDS)
    if unknown:
        fail(unknown[0], f"unknown field {unknown[0]!r} (known: {', '.join(sorted(_FIELDS))})")
    name = raw.get("name")
    if not isinstance(name, str) or not _NAME.match(name):
        fail("name", "'name' is required: letters, digits, '-', '_' or '.', at most 64 characters")
    domains = raw.get("domains")
    if not isinstance(domains, list) or not domains or not all(isinstance(d, str) and _HOST.match(d.lower())
                                                                 for d in domains):
        fail("domains", "'domains' must be a non-empty list of host names like \"news.example.com\"")
    wire = raw.get("wire")
    if wire is not None and (not isinstance(wire, str) or not wire.strip()):
        fail("wire", "'wire' must be the agency's name, e.g. \"AP\"")
    lists: dict[str, tuple[str, ...]] = {}
    for key in _URL_LISTS:
        value = raw.get(key, [])
        if not isinstance(value, list) or not all(_http_url(v) for v in value):
            fail(key, f"{key!r} must be a list of http(s) URLs")
        lists[key] = tuple(value)
    follow = raw.get("follow", [])
    if not isinstance(follow, list) or not all(isinstance(f, str) and f for f in follow):
        fail("follow", "'follow' must be a list of URL path fragments like \"/world/\"")
    if follow and not lists["start_urls"]:
        fail("follow", "'follow' needs 'start_urls' to follow links from")
    return Publisher(name=name, domains=tuple(d.lower() for d in domains), wire=wire.strip() if wire else None,
                     feeds=lists["feeds"], sitemaps=lists["sitemaps"], start_urls=lists["start_urls"],
                     follow=tuple(follow))


def load_publishers(path: str | Path) -> tuple[Publisher, ...]:
    """Read and check a sources file.

    Args:
        path: the TOML file (``settings/sources.toml`` by default, see ``WIRETRACE_SOURCES``).

    Returns:
        The publishers, in file order.

    Raises:
        ConfigError: the file is missing, is not valid TOML, or a publisher has a missing, unknown
            or malformed field; the message names the file, the line and the field.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"sources file {str(path)!r} cannot be read ({exc}); pass -a sources=FILE "
                          f"or set WIRETRACE_SOURCES") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        pos = _TOML_POS.search(str(exc))
        where = f"{path}:{pos.group(1)}" if pos else str(path)
        raise ConfigError(f"{where}: not valid TOML: {exc}; fix the line and rerun") from None
    extra = sorted(set(data) - {"publisher"})
    if extra:
        raise ConfigError(f"{path}: unknown top-level key {extra[0]!r}; publishers are [[publisher]] tables")
    tables = data.get("publisher", [])
    if not isinstance(tables, list) or not tables:
        raise ConfigError(f"{path}: no [[publisher]] table; declare at least one publisher")
    starts = _table_lines(text)
    publishers: list[Publisher] = []
    for n, raw in enumerate(tables):
        start = starts[n] if n < len(starts) else 1
        label = raw.get("name") if isinstance(raw.get("name"), str) else f"#{n + 1}"

        def fail(key: str, why: str, start: int = start, label: str = label) -> None:
            line = _key_line(text, start, key)
            raise ConfigError(f"{path}:{line}: publisher {label!r}, field {key!r}: {why}")

        publisher = _check(raw, fail)
        if any(p.name == publisher.name for p in publishers):
            fail("name", f"duplicate name {publisher.name!r}; names must be unique")
        publishers.append(publisher)
    return tuple(publishers)


def select_publishers(publishers: tuple[Publisher, ...], name: str | None = None,
                      method: str | None = None) -> list[Publisher]:
    """The publishers a spider crawls.

    Args:
        publishers: everything in the sources file.
        name: one publisher's name (``-a publisher=NAME``); all when None.
        method: a discovery method (one of :data:`METHODS`); when given, only publishers that
            declare entry points for it.

    Raises:
        ConfigError: ``name`` is not in the sources file.
    """
    chosen = list(publishers)
    if name:
        chosen = [p for p in publishers if p.name == name]
        if not chosen:
            raise ConfigError(f"no publisher named {name!r} in the sources file "
                              f"(known: {', '.join(p.name for p in publishers)})")
    if method:
        chosen = [p for p in chosen if p.entry_points(method)]
    return chosen
