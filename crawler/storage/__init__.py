"""STORE: where runs are written, chosen by URI (Scrapy-free).

``open_store("file://./data")`` or ``open_store("s3://bucket/prefix")`` returns a :class:`Store`;
:class:`RunWriter` writes one run's layout (``runs/<run_id>/articles.jsonl.gz``,
``lineage.jsonl``, ``manifest.json`` last) to it through a local spool, and :func:`flush_spool`
uploads runs left in the spool when the store was down. ``S3Store`` lives in
``crawler.storage.s3`` and is imported only for ``s3://`` URIs (boto3 is optional).
"""

from crawler.storage.base import STORES, Store, check_key, open_store
from crawler.storage.local import LocalStore
from crawler.storage.run import RunWriter, new_run_id
from crawler.storage.spool import FlushReport, flush_spool, preflight

__all__ = ["STORES", "FlushReport", "LocalStore", "RunWriter", "Store", "check_key", "flush_spool", "new_run_id",
           "open_store", "preflight"]
