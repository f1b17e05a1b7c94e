"""CLEAN: the result type of :func:`cleaners.clean`."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from cleaners.wire import Author, WireCredit

__all__ = ["CleanResult"]


@dataclass
class CleanResult:
    """A cleaned article: body text and metadata, raw values beside normalised ones."""

    text: str
    """Body text, paragraphs separated by ``\\n``; no boilerplate, credit or metadata lines."""
    title: str | None = None
    """Headline as printed (without the site-name suffix), or None."""
    published: str | None = None
    """Publication time, ISO 8601: ``YYYY-MM-DD`` when only a date is given, with UTC offset
    when the source names a zone, naive otherwise."""
    published_raw: str | None = None
    """Publication time as printed."""
    modified: str | None = None
    """Last-modified time, ISO 8601, as ``published``."""
    modified_raw: str | None = None
    """Last-modified time as printed."""
    byline: str | None = None
    """Byline as printed ("By Jane Doe, Associated Press")."""
    authors: list[Author] = field(default_factory=list)
    """Byline split into persons and organisations."""
    language: str | None = None
    """ISO 639-1 code of the body's language."""
    wire: WireCredit = field(default_factory=WireCredit)
    """The wire agency credited and the evidence for it."""
    canonical_url: str | None = None
    """``rel=canonical`` URL of an HTML page."""
    section: str | None = None
    """Section label printed above the headline ("World")."""
    dateline: str | None = None
    """Place (and date) opening the body ("Tokyo, Aug 23"), agency credit removed."""
    correction: str | None = None
    """A correction or editor's note, kept out of the body."""
    content_kind: str = "text"
    """``text`` or ``html``: which cleaner handled the input."""
    encoding: str | None = None
    """Character encoding the input was decoded with."""
    dropped: list[str] = field(default_factory=list)
    """Boilerplate lines removed from the body, for debugging a publisher."""

    def to_dict(self) -> dict[str, Any]:
        """The result as JSON-ready data."""
        return asdict(self)
