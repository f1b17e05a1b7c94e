"""STORE: the Store protocol, key rules and the URI-scheme registry.

A store is a few operations on keys (``put``, ``put_file``, ``get``, ``exists``, ``list``,
``digest``) plus a ``check`` run before a crawl. Backends are picked by URI scheme from
:data:`STORES`, as Scrapy picks feed storages; an unknown scheme is a
:class:`~crawler.exceptions.ConfigError`. Both backends pass one contract suite
(``tests/test_storage_contract.py``).
"""

from __future__ import annotations

import hashlib
import importlib
import re
from pathlib import Path
from typing import Protocol, runtime_checkable
from urllib.parse import urlparse

from crawler.exceptions import ConfigError

__all__ = ["STORES", "Store", "check_key", "file_sha256", "open_store"]

#: URI scheme → "module:Class" of the backend; imported only when used.
STORES: dict[str, str] = {
    "file": "crawler.storage.local:LocalStore",
    "s3": "crawler.storage.s3:S3Store",
}

_KEY = re.compile(r"^[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)*$")
MAX_KEY_LENGTH = 512


@runtime_checkable
class Store(Protocol):
    """Where a run's files go. Every ``put`` is atomic: a reader sees all of an object or none."""

    uri: str

    def put(self, key: str, data: bytes) -> None:
        """Write ``data`` at ``key``, replacing any object there."""

    def put_file(self, key: str, path: Path) -> None:
        """Write the local file ``path`` at ``key`` without reading it whole (multipart on S3)."""

    def get(self, key: str) -> bytes:
        """Read the object at ``key``; :class:`~crawler.exceptions.StoreError` if missing."""

    def exists(self, key: str) -> bool:
        """Whether an object exists at ``key``."""

    def list(self, prefix: str = "") -> list[str]:
        """Keys under ``prefix``, sorted."""

    def digest(self, key: str) -> str | None:
        """The sha256 (hex) of the object at ``key`` as written by wiretrace; None if missing or unknown."""

    def check(self) -> None:
        """Preflight before a crawl.

        Raises:
            ConfigError: the store can never work as configured (no such bucket, credentials refused).
            StoreError: the store is unreachable now; a run can still spool locally.
        """


def file_sha256(path: Path) -> str:
    """The sha256 (hex) of a local file, read in 1 MiB blocks."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def check_key(key: str) -> str:
    """Return ``key`` if it is a safe store key, else raise ValueError.

    Keys are relative, ``/``-separated, made of ``[A-Za-z0-9_.-]``, with no ``..`` component and
    at most :data:`MAX_KEY_LENGTH` characters. Keys are built from run ids and hashes, never from
    raw URLs.
    """
    if len(key) > MAX_KEY_LENGTH or not _KEY.fullmatch(key) or any(p in (".", "..") for p in key.split("/")):
        raise ValueError(f"unsafe store key {key!r}")
    return key


def open_store(uri: str) -> Store:
    """Open the store named by ``uri`` (``file:///abs/path``, ``file://./rel/path`` or a bare path).

    Raises:
        ConfigError: the URI is malformed or its scheme has no backend.
    """
    if not uri:
        raise ConfigError("empty store URI; set WIRETRACE_STORE_URI, e.g. file://./data")
    scheme = urlparse(uri).scheme if "://" in uri else "file"
    target = STORES.get(scheme)
    if target is None:
        raise ConfigError(f"unknown store scheme {scheme!r} in {uri!r}; known: {', '.join(sorted(STORES))}")
    module, _, cls = target.partition(":")
    backend = getattr(importlib.import_module(module), cls)
    return backend.from_uri(uri)  # type: ignore[no-any-return]
