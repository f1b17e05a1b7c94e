"""LINEAGE: trace every article to its original wire copy (Scrapy-free).

Candidates come from MinHash LSH on two signals (word shingles for copies, content terms for
rewrites and stories); every candidate is verified on the texts themselves (:mod:`.verify`), and
relation, direction, parent, original, story and drift are decided from the verified scores,
credits and times (:mod:`.relate`, :mod:`.drift`). :class:`LineageIndex` keeps the articles
across runs.
"""

from crawler.lineage.index import Added, LineageIndex
from crawler.lineage.model import RELATIONS, Article, LineageRecord
from crawler.lineage.recompute import Recomputed, article_from_item, recompute

__all__ = ["RELATIONS", "Added", "Article", "LineageIndex", "LineageRecord", "Recomputed", "article_from_item", "assign",
           "recompute"]


def assign(articles: list[Article], index: LineageIndex | None = None) -> list[LineageRecord]:
    """Index ``articles`` and return their settled lineage, in the same order.

    Args:
        articles: cleaned articles.
        index: an open index to add them to; a throwaway in-memory index when None.

    Returns:
        One :class:`LineageRecord` per article.
    """
    own = index is None
    idx = index or LineageIndex.open(":memory:")
    try:
        ids = [idx.add(a).id for a in articles]
        records = idx.resolve(ids)
        return [records[i] for i in ids]
    finally:
        if own:
            idx.close()
