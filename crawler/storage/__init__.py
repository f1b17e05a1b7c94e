"""STORE: where runs are written, chosen by URI (Scrapy-free).

``open_store("file://./data")`` returns a :class:`Store`; :class:`RunWriter` writes one run's
layout (``runs/<run_id>/articles.jsonl.gz``, ``lineage.jsonl``, ``manifest.json``) to it.
"""

from crawler.storage.base import STORES, Store, check_key, open_store
from crawler.storage.local import LocalStore
from crawler.storage.run import RunWriter, new_run_id

__all__ = ["STORES", "LocalStore", "RunWriter", "Store", "check_key", "new_run_id", "open_store"]
