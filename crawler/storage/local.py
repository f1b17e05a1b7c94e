"""STORE: the ``file://`` backend; atomic writes by temp file + fsync + rename."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import IO, Callable
from urllib.parse import unquote, urlparse

from crawler.exceptions import ConfigError, StoreError
from crawler.storage.base import check_key, file_sha256

__all__ = ["LocalStore"]


class LocalStore:
    """A store in a local folder.

    Args:
        root: the folder; created on first write.
    """

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        self.uri = self.root.absolute().as_uri()

    @classmethod
    def from_uri(cls, uri: str) -> "LocalStore":
        """``file:///abs/path``, ``file://./rel/path``, ``file://rel/path`` or a bare path."""
        if "://" not in uri:
            return cls(Path(uri))
        parsed = urlparse(uri)
        path = unquote(parsed.netloc + parsed.path)
        if not path:
            raise ConfigError(f"store URI {uri!r} names no folder; use e.g. file://./data or file:///srv/wiretrace")
        return cls(Path(path))

    def _path(self, key: str) -> Path:
        try:
            return self.root / check_key(key)
        except ValueError as exc:
            raise StoreError(str(exc)) from None

    def put(self, key: str, data: bytes) -> None:
        self._write(key, lambda fh: fh.write(data))

    def put_file(self, key: str, path: Path) -> None:
        try:
            with open(path, "rb") as src:
                self._write(key, lambda fh: shutil.copyfileobj(src, fh, 1 << 20))
        except OSError as exc:
            raise StoreError(f"cannot read {path}: {exc.strerror or exc}") from exc

    def _write(self, key: str, fill: Callable[[IO[bytes]], object]) -> None:
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix="." + path.name, suffix=".part")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fill(fh)
                    fh.flush()
                    os.fsync(fh.fileno())
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError as exc:
            raise StoreError(f"cannot write {path}: {exc.strerror or exc}") from exc

    def get(self, key: str) -> bytes:
        path = self._path(key)
        try:
            return path.read_bytes()
        except OSError as exc:
            raise StoreError(f"cannot read {path}: {exc.strerror or exc}") from exc

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def list(self, prefix: str = "") -> list[str]:
        if not self.root.is_dir():
            return []
        keys = (p.relative_to(self.root).as_posix() for p in self.root.rglob("*")
                if p.is_file() and not p.name.startswith("."))
        return sorted(k for k in keys if k.startswith(prefix))

    def digest(self, key: str) -> str | None:
        path = self._path(key)
        try:
            return file_sha256(path) if path.is_file() else None
        except OSError as exc:
            raise StoreError(f"cannot read {path}: {exc.strerror or exc}") from exc

    def check(self) -> None:
        """The root must be a folder (or not exist yet)."""
        if self.root.exists() and not self.root.is_dir():
            raise ConfigError(f"store folder {self.root} is a file; point WIRETRACE_STORE_URI at a folder")
