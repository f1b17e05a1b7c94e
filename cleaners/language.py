"""CLEAN: the body's language (py3langid), with its model kept uncompressed in a cache folder.

py3langid ships its model LZMA-compressed and decompresses it in every process that classifies:
0.6–0.7 s of CPU, 67 MB of memory per process. Every cleaning worker of every cron run paid
that before its first page. The first process to need the model writes its arrays once,
uncompressed, to a cache folder (``WIRETRACE_CACHE_DIR``, default ``$XDG_CACHE_HOME/wiretrace``,
else ``~/.cache/wiretrace``); later processes memory-map them (about 10 ms), and the processes of
one machine share those pages. The same classifier class runs on the same arrays, so the answers
are py3langid's own.

The cache is tagged with py3langid's version and a digest of its model file: the installations
of one machine share the folder of their model, and each other model has its own folder (so they
never overwrite each other's); an unreadable or inconsistent cache is written again. When the
folder cannot be written (read-only home, ``WIRETRACE_CACHE_DIR=off``) or py3langid's model
layout is not the one this module knows, the model is loaded the usual way.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["cache_dir", "classify", "identifier"]

logger = logging.getLogger(__name__)

_LAYOUT = 1  # of the cached arrays; bumped when what is written changes
_ARRAYS = ("ptc", "pc", "nextmove", "row", "output")
_identifier: Any = None
#: Where the model in use came from: ``cache`` (memory-mapped), ``written`` (loaded and cached
#: now) or ``package`` (loaded from py3langid, not cached). For tests and diagnostics.
source: str | None = None


def cache_dir() -> Path | None:
    """The cache folder from the environment, or None when caching is off."""
    configured = os.environ.get("WIRETRACE_CACHE_DIR")
    if configured is not None:
        return None if configured.strip().lower() in ("", "off", "0", "none") else Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "wiretrace"


def _model_file() -> Path:
    from py3langid.langid import MODEL_DIR, MODEL_FILE

    return Path(MODEL_DIR) / MODEL_FILE


def _tag(model: Path) -> dict[str, object]:
    try:
        package = version("py3langid")
    except PackageNotFoundError:  # pragma: no cover - installed without metadata
        package = "unknown"
    # by content, not by file time: the virtualenvs of one machine share a folder (about 5 ms)
    with open(model, "rb") as fh:
        digest = hashlib.file_digest(fh, lambda: hashlib.blake2b(digest_size=8)).hexdigest()
    return {"layout": _LAYOUT, "py3langid": package, "model_bytes": model.stat().st_size, "model_blake2b": digest}


def _folder(root: Path, tag: dict[str, object]) -> Path:
    return root / f"py3langid-{tag['py3langid']}-{tag['model_blake2b']}-{tag['layout']}"


def _build(ptc: np.ndarray, pc: np.ndarray, classes: list[str], nextmove: Any, row: Any, output: list[int]) -> Any:
    from py3langid.langid import LanguageIdentifier

    return LanguageIdentifier(ptc, pc, classes, nextmove, output, tk_row=row)


def _read(folder: Path, tag: dict[str, object]) -> Any:
    """The identifier from a cache folder, or None when it is missing, of another model, or inconsistent."""
    try:
        if json.loads((folder / "meta.json").read_text(encoding="utf-8")) != tag:
            return None
        arrays = {name: np.load(folder / f"{name}.npy", mmap_mode="r", allow_pickle=False) for name in _ARRAYS}
        classes = json.loads((folder / "classes.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, TypeError, KeyError):
        return None
    ptc, pc, nextmove, row, output = (arrays[n] for n in _ARRAYS)
    # a truncated or mixed-up cache fails these checks instead of an IndexError on some page
    if (ptc.ndim != 2 or pc.ndim != 1 or not len(pc) or ptc.shape[1] != len(pc) or len(classes) != len(pc)
            or len(row) != len(output) or not len(row) or nextmove.size % 256
            or (int(row.max()) + 1) * 256 > nextmove.size or int(output.max()) >= ptc.shape[0]):
        return None
    # the classifier walks its automaton one byte at a time in Python: a memoryview indexes as
    # fast as py3langid's own array, where a numpy array would box every element
    return _build(ptc, np.asarray(pc), classes, memoryview(nextmove), memoryview(row), output.tolist())


def _write(folder: Path, tag: dict[str, object], model: tuple[Any, ...]) -> None:
    """Write the model's arrays into ``folder``, atomically (a temporary folder renamed)."""
    ptc, pc, classes, nextmove, row, output = model
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        np.save(tmp / "ptc.npy", np.asarray(ptc))
        np.save(tmp / "pc.npy", np.asarray(pc))
        np.save(tmp / "nextmove.npy", np.frombuffer(nextmove, dtype=f"u{nextmove.itemsize}"))
        np.save(tmp / "row.npy", np.frombuffer(row, dtype=f"u{row.itemsize}"))
        np.save(tmp / "output.npy", np.asarray(output, dtype=np.int64))
        (tmp / "classes.json").write_text(json.dumps(list(classes)), encoding="utf-8")
        (tmp / "meta.json").write_text(json.dumps(tag), encoding="utf-8")
        if folder.exists():  # a stale or damaged cache of the same model
            shutil.rmtree(folder, ignore_errors=True)
        try:
            os.rename(tmp, folder)
        except OSError:  # another process wrote it first: theirs is as good
            shutil.rmtree(tmp, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def identifier() -> Any:
    """py3langid's ``LanguageIdentifier`` for this process, from the cache when it can (see the module docstring).

    Anything that has a ``classify(text)`` returning ``(code, score)``: with a py3langid whose
    model layout this module does not know, py3langid itself, loading its model as usual.
    """
    global _identifier, source
    if _identifier is None:
        try:
            _identifier, source = _load()
        except Exception as exc:  # noqa: BLE001 - any failure of the cache leaves py3langid's own path
            import py3langid

            logger.warning("language model cache not used (%s: %s); py3langid loads its own model",
                           type(exc).__name__, exc)
            _identifier, source = py3langid, "package"
    return _identifier


def _load() -> tuple[Any, str]:
    from py3langid.modelio import load_model

    model_file, root = _model_file(), cache_dir()
    tag = _tag(model_file)
    if root is not None:
        found = _read(_folder(root, tag), tag)
        if found is not None:
            return found, "cache"
    model = load_model(model_file)
    built = _build(*model)
    if root is None:
        return built, "package"
    try:
        _write(_folder(root, tag), tag, model)
    except OSError as exc:
        logger.warning("language model not cached in %s (%s); each process will load it from py3langid "
                       "(about 0.7 s). Set WIRETRACE_CACHE_DIR to a writable folder, or to off.", root, exc)
        return built, "package"
    return built, "written"


def classify(text: str) -> str:
    """The ISO 639-1 code py3langid gives ``text``."""
    return str(identifier().classify(text)[0])
