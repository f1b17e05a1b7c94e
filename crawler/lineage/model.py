"""LINEAGE: the data lineage works on and produces (plain dataclasses)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["RELATIONS", "Article", "LineageRecord"]

#: Every relation an article can have, strongest copy first.
RELATIONS = ("original", "verbatim", "trimmed", "excerpt", "edited", "rewrite", "related")


@dataclass
class Article:
    """What lineage needs to know of one cleaned article.

    Attributes:
        url: where it was fetched (for replays, a ``file://`` URL).
        text: cleaned body.
        canonical_url: the page's canonical URL, when it declares one; identity uses it first.
        title: headline.
        published: publication time, ISO 8601 (a date alone, or a date-time).
        wire: the agency the article credits (canonical name), or None.
        credited: whether the article carries any wire credit.
        source: publisher name or host.
        publisher_wire: the agency the publisher itself is (from the sources file), if it is one:
            an agency's own copy is the strongest sign of an original.
        first_seen: when wiretrace first fetched it, ISO 8601 UTC.
        run_id: the run that fetched it.
    """

    url: str
    text: str
    canonical_url: str | None = None
    title: str | None = None
    published: str | None = None
    wire: str | None = None
    credited: bool = False
    source: str | None = None
    publisher_wire: str | None = None
    first_seen: str | None = None
    run_id: str | None = None

    @property
    def key(self) -> str:
        """Identity: the canonical URL when known, else the URL."""
        return self.canonical_url or self.url


@dataclass
class LineageRecord:
    """Lineage of one article, as written to ``lineage.jsonl``.

    Attributes:
        url: the article: its canonical URL when the page declares one, else the URL it was fetched from.
        relation: one of :data:`RELATIONS`.
        parent_url: the article it was copied from (None for originals and related reports).
        original_url: the root of its copy chain (itself for originals and related reports).
        story_id: shared by every report of the same news event.
        wire: the agency the article itself credits, or None.
        credited: for a copy, whether it credits the agency of its original (or the original's
            publisher); for an original, whether it carries a wire credit.
        miscredited: a copy that credits an agency other than its original's.
        confidence: 0–1, how sure the relation and direction are.
        evidence: scores, shared passages, direction votes and drift behind the decision.
    """

    url: str
    relation: str
    parent_url: str | None
    original_url: str
    story_id: str
    wire: str | None
    credited: bool
    miscredited: bool = False
    confidence: float = 1.0
    evidence: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return asdict(self)
