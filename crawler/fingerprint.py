"""FINGERPRINT: cleaned text → content hash, word shingles, lead, facts and MinHash signatures.

Scrapy-free. Three signatures per article, all datasketch MinHashes over the same permutations,
each the candidate signal for one kind of copy:

* ``shingles``: word 5-shingles of the whole body, for verbatim and edited copies;
* ``lead``: the shingles of the body's first :attr:`~FingerprintParams.lead_words` words. A trimmed
  copy or an excerpt keeps the original's top, so its lead equals the original's even when its
  whole-body Jaccard is low (a 2-paragraph excerpt of a 15-paragraph story has Jaccard ≈ 0.1);
* ``facts``: the names and numbers of the body (:func:`cleaners.text.fact_terms`), which a
  paraphrase keeps; content words stand in when a text has fewer than
  :attr:`~FingerprintParams.min_facts` of them (scripts without letter case).

Besides the signatures, each quotation of at least :attr:`~FingerprintParams.quote_words` words
is hashed whole (``quotes``): reports that reuse a statement word for word, even when they share
little else (a follow-up quoting two wire stories), are candidates of each other.

:class:`FingerprintParams` fixes everything that changes a signature or a bucket key. A saved index
stores its :meth:`FingerprintParams.manifest` and refuses to open with other parameters: datasketch
2.0 changed its hashing, and an index queried with signatures of another scheme silently finds
nothing.
"""

from __future__ import annotations

import hashlib
import re
import struct
from dataclasses import asdict, dataclass
from functools import lru_cache
from importlib.metadata import version

import numpy as np
from datasketch import MinHash

from cleaners.text import content_terms, fact_terms, words

__all__ = ["SIGNALS", "Fingerprint", "FingerprintParams", "band_keys", "fingerprint", "quotations", "shingle_list",
           "shingle_set"]

#: Bumped whenever :func:`cleaners.text.words`, ``content_terms`` or ``fact_terms`` change output,
#: or the signals themselves change.
NORMALIZATION_VERSION = 2

#: The candidate signals, by the small integer stored in the low bits of their bucket keys.
SIGNALS = ("shingles", "lead", "facts", "quotes")

_QUOTATION = re.compile(r"[\"\u201c\u201e\u00ab]([^\"\u201c\u201d\u201e\u00ab\u00bb\n]{20,600})[\"\u201d\u00bb]")


@dataclass(frozen=True)
class FingerprintParams:
    """Everything that determines a fingerprint; part of every saved index's manifest.

    Attributes:
        num_perm: MinHash permutations per signature.
        seed: MinHash permutation seed.
        scheme: datasketch permutation scheme (``affine32`` since datasketch 2.0).
        shingle_size: words per shingle.
        shingle_bands, shingle_rows: LSH banding of the whole-body shingle signature. 32 × 4
            recalls about 0.95 of pairs at Jaccard 0.5–0.6 (datasketch's default banding for
            threshold 0.5 recalls 0.72).
        lead_words: how many words from the top of the body the ``lead`` signature covers.
        lead_bands, lead_rows: LSH banding of the lead signature (32 × 4: a copy that keeps the
            top of its original matches it on nearly every band).
        fact_bands, fact_rows: LSH banding of the facts signature. 42 × 3 recalls about 0.99 of
            pairs at fact Jaccard 0.5 (a paraphrase) and 0.04 at 0.1; unrelated reports average
            about 0.04.
        min_facts: below this many fact terms, content terms are used for the facts signature.
        quote_words: shortest quotation (in words) hashed for the ``quotes`` signal.
        max_quotes: most quotations hashed per article (the longest).
    """

    num_perm: int = 128
    seed: int = 1
    scheme: str = "affine32"
    shingle_size: int = 5
    shingle_bands: int = 32
    shingle_rows: int = 4
    lead_words: int = 50
    lead_bands: int = 32
    lead_rows: int = 4
    fact_bands: int = 42
    fact_rows: int = 3
    min_facts: int = 8
    quote_words: int = 6
    max_quotes: int = 16

    def __post_init__(self) -> None:
        for bands, rows in ((self.shingle_bands, self.shingle_rows), (self.lead_bands, self.lead_rows),
                            (self.fact_bands, self.fact_rows)):
            if bands < 1 or rows < 1 or bands * rows > self.num_perm:
                raise ValueError(f"bands × rows ({bands} × {rows}) must be positive and at most num_perm "
                                 f"({self.num_perm})")
        if self.shingle_size < 1 or self.lead_words < self.shingle_size:
            raise ValueError("shingle_size must be ≥ 1 and lead_words ≥ shingle_size")

    def manifest(self) -> dict[str, object]:
        """The parameters plus library and normalisation versions, as stored with an index."""
        return {
            **asdict(self),
            "datasketch": version("datasketch").split(".")[0],
            "hashfunc": "sha1_hash32",
            "normalization": NORMALIZATION_VERSION,
        }

    def banding(self, signal: int) -> tuple[int, int]:
        """``(bands, rows)`` of a signal (an index into :data:`SIGNALS`)."""
        return ((self.shingle_bands, self.shingle_rows), (self.lead_bands, self.lead_rows),
                (self.fact_bands, self.fact_rows))[signal]


@dataclass(frozen=True)
class Fingerprint:
    """Fingerprint of one article body.

    Attributes:
        sha256: hex digest of the normalised words (equal for bodies that differ only in
            typography or whitespace).
        n_words: number of words in the body.
        shingles: MinHash signature of the word shingles (uint32 array of ``num_perm``).
        lead: MinHash signature of the shingles of the first ``lead_words`` words.
        facts: MinHash signature of the fact terms (or content terms, for texts with few facts).
        quotes: 64-bit bucket keys of the article's quotations (normalised words), longest first.
    """

    sha256: str
    n_words: int
    shingles: np.ndarray
    lead: np.ndarray
    facts: np.ndarray
    quotes: tuple[int, ...] = ()

    def signatures(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The signatures in :data:`SIGNALS` order."""
        return self.shingles, self.lead, self.facts


def shingle_set(tokens: list[str], size: int) -> set[str]:
    """Word ``size``-shingles of ``tokens`` (the whole text as one shingle if it is shorter)."""
    return set(shingle_list(tokens, size))


def shingle_list(tokens: list[str], size: int) -> list[str]:
    """Word ``size``-shingles in text order (the i-th starts at token i; one shingle for a shorter text)."""
    if len(tokens) < size:
        return [" ".join(tokens)] if tokens else []
    return [" ".join(tokens[i:i + size]) for i in range(len(tokens) - size + 1)]


def quotations(text: str, min_words: int = 6) -> list[str]:
    """Quotations of at least ``min_words`` words, as normalised words joined by spaces."""
    out = []
    for m in _QUOTATION.finditer(text):
        tokens = words(m.group(1))
        if len(tokens) >= min_words:
            out.append(" ".join(tokens))
    return list(dict.fromkeys(out))


@lru_cache(maxsize=4)
def _template(params: FingerprintParams) -> MinHash:
    # Building permutations costs more than hashing a short article; reuse them.
    return MinHash(num_perm=params.num_perm, seed=params.seed, scheme=params.scheme)  # type: ignore[arg-type]


def _hash32(item: str) -> int:
    # datasketch's sha1_hash32, applied once per item so the lead reuses the body's hashes
    return int(struct.unpack("<I", hashlib.sha1(item.encode("utf-8")).digest()[:4])[0])


def _signature(hashes: list[int], params: FingerprintParams) -> np.ndarray:
    tpl = _template(params)
    m = MinHash(num_perm=params.num_perm, seed=params.seed, scheme=params.scheme,  # type: ignore[arg-type]
                hashfunc=int, permutations=tpl.permutations)
    m.update_batch(hashes)
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
    ordered = shingle_list(tokens, params.shingle_size)
    hashes = {s: _hash32(s) for s in ordered}
    lead = shingle_list(tokens[: params.lead_words], params.shingle_size)
    facts = fact_terms(text)
    if len(facts) < params.min_facts:
        facts |= set(content_terms(text))
    return Fingerprint(
        sha256=hashlib.sha256(" ".join(tokens).encode("utf-8")).hexdigest(),
        n_words=len(tokens),
        shingles=_signature(list(hashes.values()), params),
        lead=_signature([hashes[s] for s in dict.fromkeys(lead)], params),
        facts=_signature([_hash32(f) for f in sorted(facts)], params),
        quotes=tuple(_quote_key(q) for q in sorted(quotations(text, params.quote_words), key=lambda q: (-len(q), q))
                     [: params.max_quotes]),
    )


def _quote_key(quote: str) -> int:
    digest = hashlib.blake2b(quote.encode("utf-8"), digest_size=8, salt=bytes((3, 0, 0))).digest()
    return (int.from_bytes(digest, "big", signed=True) & ~3) | 3


def band_keys(signature: np.ndarray, bands: int, rows: int, signal: int) -> list[int]:
    """LSH bucket keys of a signature: one signed 64-bit key per band.

    Args:
        signature: a MinHash signature.
        bands, rows: the banding.
        signal: the signal's number in :data:`SIGNALS`; it is salted into the hash and kept in
            the key's two low bits, so that the signals share one bucket table and a query can
            count matching bands per signal.
    """
    raw = np.ascontiguousarray(signature[: bands * rows], dtype="<u4").tobytes()
    width = rows * 4
    keys = []
    for b in range(bands):
        digest = hashlib.blake2b(raw[b * width:(b + 1) * width], digest_size=8,
                                 salt=bytes((signal, b % 256, b // 256))).digest()
        keys.append((int.from_bytes(digest, "big", signed=True) & ~3) | signal)
    return keys

