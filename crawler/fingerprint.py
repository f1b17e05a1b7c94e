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
little else (a follow-up quoting two wire stories), are candidates of each other. And up to
:attr:`~FingerprintParams.name_keys` of the body's names are hashed one by one (``names``): a
follow-up ("Braxton mourns four plant workers") brings new facts of its own, so it shares only
0.15–0.35 of its names and numbers with the first reports (too few for the facts bands), but
most of its names are theirs. The names kept are those with the smallest hashes (a bottom-k
sketch), so two reports sharing many names keep many of the same ones.

:class:`FingerprintParams` fixes everything that changes a signature or a bucket key. A saved index
stores its :meth:`FingerprintParams.manifest` and refuses to open with other parameters: datasketch
2.0 changed its hashing, and an index queried with signatures of another scheme silently finds
nothing.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import asdict, dataclass
from functools import cached_property, lru_cache
from importlib.metadata import version
from typing import TYPE_CHECKING

import numpy as np

from cleaners.dates import is_calendar_word
from cleaners.text import content_terms_of, fact_terms, word_bounds, word_tokens_and_bounds, words

if TYPE_CHECKING:
    from datasketch import MinHash

__all__ = ["KEY_BITS", "QUOTATION", "SIGNALS", "SIGNAL_BITS", "Fingerprint", "FingerprintParams", "Prepared",
           "band_keys", "fingerprint", "names_of", "quotations", "shingle_hashes"]

#: Bumped whenever :func:`cleaners.text.words`, ``content_terms`` or ``fact_terms`` change output,
#: or the signals, their hashing or the bucket keys change.
# 4: characters of scripts without spaces are tokens; „…“ and 「…」 quotations
# 5: Indic vowel signs stay in their word; Arabic and Hebrew points and the tatweel fold away
# 6: the names signal; the signal takes three bits of a key
# 7: month names of Polish, Czech, Turkish, the Nordic languages, Romanian and Indonesian are
#    calendar words, not names
NORMALIZATION_VERSION = 7

#: The candidate signals, by the small integer stored in the low bits of their bucket keys.
SIGNALS = ("shingles", "lead", "facts", "quotes", "names")
#: Low bits of a bucket key that hold its signal's number.
SIGNAL_BITS = 3
#: Width of a bucket key: 37 bits of hash, then the signal in the three low bits. At 100k articles
#: (13M keys) a query of ~135 keys meets one unrelated key by chance about once in 80 queries
#: (one key: never a candidate on its own, except through a quotation, which verification rejects).
KEY_BITS = 40

#: A quotation within one paragraph: "…", “…”, „…“, «…», 「…」 (one running over paragraphs is
#: reopened at each, and each part is taken on its own).
QUOTATION = re.compile(r"[\"\u201c\u201e\u00ab\u300c]([^\"\u201c\u201d\u201e\u00ab\u00bb\u300c\u300d\n]{6,600})"
                       r"[\"\u201d\u201c\u00bb\u300d]")
_U64 = np.uint64
_NUL = "\x00"
_MIX1, _MIX2 = _U64(0xFF51AFD7ED558CCD), _U64(0xC4CEB9FE1A85EC53)
_STEP = _U64(0x9E3779B97F4A7C15)  # odd: multiplying by it permutes 64-bit values

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
        name_keys: most names hashed per article for the ``names`` signal (those with the smallest
            hashes). 32 keep 6 or more names in common between every follow-up of our held-out
            sets and a first report of its story (bar one in Chinese, whose names have no case;
            with 24, a follow-up with twice its story's names kept only 5), for 192 bytes of
            bucket table an article.
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
    name_keys: int = 32

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
            "hashfunc": "blake2b64-words/fmix64-shingles",
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
        quotes: bucket keys of the article's quotations (normalised words), longest first.
        names: bucket keys of up to ``name_keys`` of its names (:func:`names_of`).
        keys: every LSH bucket key of the article (:data:`KEY_BITS` wide, each signal's bands,
            then the quotes and the names), as the index stores them.
    """

    sha256: str
    n_words: int
    shingles: np.ndarray
    lead: np.ndarray
    facts: np.ndarray
    quotes: tuple[int, ...] = ()
    names: tuple[int, ...] = ()
    keys: tuple[int, ...] = ()


class Prepared:
    """A cleaned body tokenised once; fingerprinting and verification share its views.

    Each view is computed on first use: the word tokens, their character offsets, the 64-bit
    hashes of the word shingles in text order (hash ``i`` covers tokens ``i`` to
    ``i + shingle_size - 1``; a text shorter than a shingle is one shingle) and the fact terms.
    Views are compact (numpy arrays where possible): the lineage index keeps hundreds of them.
    The tokens bring their offsets along; the tokens and fact terms can be saved and restored
    (:meth:`saved_views`, :meth:`with_views`).
    """

    def __init__(self, text: str, shingle_size: int = 5) -> None:
        self.text = text
        self.shingle_size = shingle_size

    def saved_views(self) -> bytes:
        """The views that cost most to recompute (tokens, fact terms), compressed, for :meth:`with_views`."""
        # NUL never occurs in a token or fact term (runs of word characters, NFKC-folded)
        return zlib.compress(f"{_NUL.join(self.tokens)}\x01{_NUL.join(sorted(self.facts))}".encode("utf-8"), 1)

    @classmethod
    def with_views(cls, text: str, saved: bytes | None, shingle_size: int = 5) -> "Prepared":
        """``text`` prepared, with the views of :meth:`saved_views` (None or damaged: computed on use as usual).

        The caller vouches that ``saved`` came from the same text under the same
        ``NORMALIZATION_VERSION`` (a lineage index refuses to open under another).
        """
        prepared = cls(text, shingle_size)
        if saved:
            try:
                tokens, facts = zlib.decompress(saved).decode("utf-8").split("\x01")
            except (zlib.error, UnicodeDecodeError, ValueError):  # damaged: the views are computed again
                return prepared
            prepared.__dict__["tokens"] = tokens.split(_NUL) if tokens else []
            prepared.__dict__["facts"] = set(facts.split(_NUL)) if facts else set()
        return prepared

    @cached_property
    def tokens(self) -> list[str]:
        # the offsets come with the tokens for a tenth of their cost (verification needs them)
        tokens, bounds = word_tokens_and_bounds(self.text)
        self.__dict__["offsets"] = np.array(bounds, dtype=np.int32).reshape(-1, 2)
        return tokens

    @cached_property
    def offsets(self) -> np.ndarray:
        """``(start, end)`` character offsets of each token in the text (int32 array, one row per token)."""
        return np.array(word_bounds(self.text), dtype=np.int32).reshape(-1, 2)

    @cached_property
    def shingle_hashes(self) -> np.ndarray:
        return shingle_hashes(self.tokens, self.shingle_size)

    @cached_property
    def facts(self) -> set[str]:
        return fact_terms(self.text)

    @cached_property
    def names(self) -> frozenset[str]:
        """The fact terms that are names (:func:`names_of`)."""
        return names_of(self.facts)


@lru_cache(maxsize=1 << 15)  # the common words; a miss costs one BLAKE2b call
def _word_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")


def _fmix64(h: np.ndarray) -> np.ndarray:
    # MurmurHash3's 64-bit finaliser: every input bit reaches every output bit
    h = h ^ (h >> _U64(33))
    h = h * _MIX1
    h = h ^ (h >> _U64(33))
    h = h * _MIX2
    return h ^ (h >> _U64(33))


def shingle_hashes(tokens: list[str], size: int) -> np.ndarray:
    """64-bit hashes of the word ``size``-shingles of ``tokens``, in text order (uint64 array).

    Each word is hashed once (BLAKE2b, stable across processes and machines) and each shingle's
    hash is mixed from its words' hashes in order, so a 500-word body costs a few array
    operations instead of 500 string joins and digests.
    """
    if not tokens:
        return np.empty(0, dtype=np.uint64)
    words_h = np.fromiter(map(_word_hash, tokens), dtype=np.uint64, count=len(tokens))
    width = min(size, len(tokens))
    n = len(tokens) - width + 1
    h = np.full(n, _U64(width), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(width):
            h = _fmix64(h * _STEP + words_h[k:k + n])
    return h


def names_of(facts: set[str] | frozenset[str]) -> frozenset[str]:
    """The names among fact terms: terms with a letter that are not month or weekday names.

    Numbers and dates are left out: a follow-up reports new figures and a new day, and unrelated
    reports of one week share "2026", "wednesday" and small counts; what a follow-up keeps of its
    story is the people, places and organisations.
    """
    return frozenset(f for f in facts if any(c.isalpha() for c in f) and not is_calendar_word(f))


def quotations(text: str, min_words: int = 6) -> list[str]:
    """Quotations of at least ``min_words`` words, as normalised words joined by spaces."""
    out = []
    for m in QUOTATION.finditer(text):
        tokens = words(m.group(1))
        if len(tokens) >= min_words:
            out.append(" ".join(tokens))
    return list(dict.fromkeys(out))


@lru_cache(maxsize=4)
def _template(params: FingerprintParams) -> MinHash:
    # Building permutations costs more than hashing a short article; reuse them. datasketch is
    # imported on first use: its package imports scipy (0.3 s), which a crawl process whose
    # workers fingerprint never needs.
    from datasketch import MinHash

    return MinHash(num_perm=params.num_perm, seed=params.seed, scheme=params.scheme)  # type: ignore[arg-type]


def _signature(hashes: list[int], params: FingerprintParams) -> np.ndarray:
    """MinHash signature of 32-bit item hashes, with datasketch's permutations for ``params``."""
    from datasketch import MinHash

    tpl = _template(params)
    m = MinHash(num_perm=params.num_perm, seed=params.seed, scheme=params.scheme,  # type: ignore[arg-type]
                hashfunc=int, permutations=tpl.permutations)
    m.update_batch(hashes)
    return np.asarray(m.hashvalues, dtype=np.uint32)


def fingerprint(text: str | Prepared, params: FingerprintParams = FingerprintParams()) -> Fingerprint:
    """Fingerprint a cleaned article body.

    Args:
        text: the cleaned body (credit lines already removed by the cleaners), or the body
            already :class:`Prepared` (its tokens are then reused, not recomputed).
        params: fingerprint parameters; must match the index the fingerprint is used with.

    Returns:
        The :class:`Fingerprint`.
    """
    prepared = text if isinstance(text, Prepared) else Prepared(text, params.shingle_size)
    if prepared.shingle_size != params.shingle_size:
        prepared = Prepared(prepared.text, params.shingle_size)
    tokens = prepared.tokens
    # MinHash items are 32 bits (datasketch's affine32 scheme): the high half of each hash
    top = (prepared.shingle_hashes >> _U64(32)).tolist()
    facts = set(prepared.facts)
    if len(facts) < params.min_facts:
        facts |= set(content_terms_of(tokens))
    quotes = tuple(_quote_key(q) for q in sorted(quotations(prepared.text, params.quote_words),
                                                 key=lambda q: (-len(q), q))[: params.max_quotes])
    shingles = _signature(top, params)
    lead = _signature(top[: max(1, params.lead_words - params.shingle_size + 1)], params)
    facts_sig = _signature([_word_hash(f) >> 32 for f in facts], params)
    names = tuple(_name_key(n) for n in sorted(prepared.names, key=_word_hash)[: params.name_keys])
    keys: list[int] = []
    for signal, signature in enumerate((shingles, lead, facts_sig)):
        keys.extend(band_keys(signature, *params.banding(signal), signal))
    return Fingerprint(
        sha256=hashlib.sha256(" ".join(tokens).encode("utf-8")).hexdigest(),
        n_words=len(tokens),
        shingles=shingles,
        lead=lead,
        facts=facts_sig,
        quotes=quotes,
        names=names,
        keys=tuple(keys) + quotes + names,
    )


def _quote_key(quote: str) -> int:
    digest = hashlib.blake2b(quote.encode("utf-8"), digest_size=8, salt=bytes((3, 0, 0))).digest()
    return ((int.from_bytes(digest, "big") >> (64 + SIGNAL_BITS - KEY_BITS)) << SIGNAL_BITS) | 3


_NAME_SALT = int.from_bytes(b"NAME", "big")


def _name_key(name: str) -> int:
    # the word's own hash (the bottom-k order), salted and remixed so that it is not the facts signature's input
    with np.errstate(over="ignore"):
        h = int(_fmix64(np.array([_word_hash(name) ^ _NAME_SALT], dtype=np.uint64))[0])
    return ((h >> (64 + SIGNAL_BITS - KEY_BITS)) << SIGNAL_BITS) | 4


def band_keys(signature: np.ndarray, bands: int, rows: int, signal: int) -> list[int]:
    """LSH bucket keys of a signature: one :data:`KEY_BITS`-bit key per band.

    Args:
        signature: a MinHash signature.
        bands, rows: the banding.
        signal: the signal's number in :data:`SIGNALS`; it is mixed into the hash and kept in
            the key's :data:`SIGNAL_BITS` low bits, so that the signals share one bucket table and
            a query can count matching bands per signal.
    """
    values = np.ascontiguousarray(signature[: bands * rows], dtype=np.uint64).reshape(bands, rows)
    with np.errstate(over="ignore"):
        h = _fmix64((np.arange(bands, dtype=np.uint64) << _U64(2)) + _U64(signal + 1))
        for r in range(rows):
            h = _fmix64(h * _STEP + values[:, r])
    return (((h >> _U64(64 + SIGNAL_BITS - KEY_BITS)) << _U64(SIGNAL_BITS)) | _U64(signal)).tolist()
