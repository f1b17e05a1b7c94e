"""FINGERPRINT: cleaned text → content hash, word shingles, term set and MinHash signatures.

Scrapy-free. Two signatures per article, both datasketch MinHashes over the same permutations:

* ``shingles``: word 5-shingles of the normalised body, for verbatim, trimmed and edited copies;
* ``terms``: stemmed content words (stop words removed), which survive paraphrase, for rewrites
  and for story clustering.

:class:`FingerprintParams` fixes everything that changes a signature. A saved index stores its
:meth:`FingerprintParams.manifest` and refuses to open with other parameters: datasketch 2.0
changed its hashing, and an index queried with signatures of another scheme silently finds nothing.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from functools import lru_cache
from importlib.metadata import version

import numpy as np
from datasketch import MinHash

from cleaners.text import content_terms, words

__all__ = ["Fingerprint", "FingerprintParams", "band_keys", "fingerprint", "shingle_set", "term_set"]

#: Bumped whenever :func:`cleaners.text.words` or :func:`cleaners.text.content_terms` change output.
NORMALIZATION_VERSION = 1


@dataclass(frozen=True)
class FingerprintParams:
    """Everything that determines a fingerprint; part of every saved index's manifest.

    Attributes:
        num_perm: MinHash permutations per signature.
        seed: MinHash permutation seed.
        scheme: datasketch permutation scheme (``affine32`` since datasketch 2.0).
        shingle_size: words per shingle.
        shingle_bands, shingle_rows: LSH banding of the shingle signature. 32 × 4 recalls about
            0.95 of pairs at Jaccard 0.5–0.6 (datasketch's default banding for threshold 0.5
            recalls 0.72), which matters for trimmed copies.
        term_bands, term_rows: LSH banding of the term signature; 64 × 2 recalls about 0.93 of
            pairs at term Jaccard 0.2, the level of rewrites and same-story reports.
    """

    num_perm: int = 128
    seed: int = 1
    scheme: str = "affine32"
    shingle_size: int = 5
    shingle_bands: int = 32
    shingle_rows: int = 4
    term_bands: int = 64
    term_rows: int = 2

    def __post_init__(self) -> None:
        if self.shingle_bands * self.shingle_rows > self.num_perm or self.term_bands * self.term_rows > self.num_perm:
            raise ValueError("bands × rows must not exceed num_perm")

    def manifest(self) -> dict[str, object]:
        """The parameters plus library and normalisation versions, as stored with an index."""
        return {
            **asdict(self),
            "datasketch": version("datasketch").split(".")[0],
            "hashfunc": "sha1_hash32",
            "normalization": NORMALIZATION_VERSION,
        }


@dataclass(frozen=True)
class Fingerprint:
    """Fingerprint of one article body.

    Attributes:
        sha256: hex digest of the normalised words (equal for bodies that differ only in
            typography or whitespace).
        n_words: number of words in the body.
        shingles: MinHash signature of the word shingles (uint32 array of ``num_perm``).
        terms: MinHash signature of the content terms.
    """

    sha256: str
    n_words: int
    shingles: np.ndarray
    terms: np.ndarray


def shingle_set(tokens: list[str], size: int) -> set[str]:
    """Word ``size``-shingles of ``tokens`` (the whole text as one shingle if it is shorter)."""
    if len(tokens) < size:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i:i + size]) for i in range(len(tokens) - size + 1)}


def term_set(text: str) -> set[str]:
    """The set of stemmed content words of ``text``."""
    return set(content_terms(text))


@lru_cache(maxsize=4)
def _template(params: FingerprintParams) -> MinHash:
    # Building permutations costs more than hashing a short article; reuse them.
    return MinHash(num_perm=params.num_perm, seed=params.seed, scheme=params.scheme)  # type: ignore[arg-type]


def _signature(items: set[str], params: FingerprintParams) -> np.ndarray:
    tpl = _template(params)
    m = MinHash(num_perm=params.num_perm, seed=params.seed, scheme=params.scheme,  # type: ignore[arg-type]
                permutations=tpl.permutations)
    m.update_batch([s.encode("utf-8") for s in items])
    return np.asarray(m.hashvalues, dtype=np.uint32)


def fingerprint(text: str, params: FingerprintParams = FingerprintParams()) -> Fingerprint:
    """Fingerprint a cleaned article body.

    Args:
        text: the cleaned body (credit lines already removed by the cleaners).
        params: fingerprint parameters; must match the index the fingerprint is used with.

    Returns:
        The :class:`Fingerprint`.
    """
    tokens = words(text)
    return Fingerprint(
        sha256=hashlib.sha256(" ".join(tokens).encode("utf-8")).hexdigest(),
        n_words=len(tokens),
        shingles=_signature(shingle_set(tokens, params.shingle_size), params),
        terms=_signature(term_set(text), params),
    )


def band_keys(signature: np.ndarray, bands: int, rows: int, signal: int) -> list[int]:
    """LSH bucket keys of a signature: one signed 64-bit key per band.

    Args:
        signature: a MinHash signature.
        bands, rows: the banding.
        signal: a small integer told apart in the key (0 shingles, 1 terms), so that the two
            signatures can share one bucket table.
    """
    raw = np.ascontiguousarray(signature[: bands * rows], dtype="<u4").tobytes()
    width = rows * 4
    return [
        int.from_bytes(hashlib.blake2b(raw[b * width:(b + 1) * width], digest_size=8,
                                       salt=bytes((signal, b % 256, b // 256))).digest(), "big", signed=True)
        for b in range(bands)
    ]
