"""CLEAN / FINGERPRINT: text normalisation shared by the cleaners and the fingerprint stage.

Two levels:

* :func:`tidy` keeps the text readable (NFKC, one kind of space, no control characters) and is
  applied to every cleaned body.
* :func:`words` folds case, quotes, dashes and punctuation away and is what fingerprints and
  lineage compare, so that typographic differences between publishers never look like edits.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import accumulate

__all__ = ["content_term", "content_terms", "content_terms_of", "decode", "fact_terms", "sentences", "tidy",
           "word_bounds", "word_count", "word_spans", "word_tokens", "word_tokens_and_bounds", "words"]

_CONTROL = re.compile(r"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200d\ufeff]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
                         "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
                         "\u2013": "-", "\u2014": "-", "\u2212": "-"})
#: Scripts written without spaces between words: Chinese and Japanese (kana, CJK ideographs), and
#: Thai, Lao, Myanmar and Khmer. Each character is a token of its own (word shingles of them are
#: character n-grams); Hangul has spaces.
CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_SOUTHEAST = "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff"
UNSPACED = CJK + _SOUTHEAST
#: Korean Hangul syllables (Korean is written with spaces, but its dates and agency marks are
#: printed like Chinese and Japanese ones).
HANGUL = "\uac00-\ud7af"
_CJK_CHAR = re.compile(f"[{CJK}]")
_SOUTHEAST_CHAR = re.compile(f"[{_SOUTHEAST}]")
_UNSPACED_CHAR = re.compile(f"[{UNSPACED}]")
_WORD = re.compile(rf"[{UNSPACED}]|[^\W_{UNSPACED}]+(?:['.][^\W_{UNSPACED}]+)*", re.UNICODE)
_PLAIN_WORD = re.compile(rf"[{UNSPACED}]|[^\W_{UNSPACED}]+")
_JOINER = re.compile(r"(?<=[^\W_])['.](?=[^\W_])")
_WORD_PIECES = re.compile(f"({_WORD.pattern})")

# Function words that carry no news content; removed for the paraphrase-tolerant signals only.
_STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had has
have having he her here hers herself him himself his how i if in into is it its itself just me more
most my no nor not now of off on once only or other our ours out over own same she should so some
such than that the their theirs them then there these they this those through to too under until up
very was we were what when where which while who whom why will with would you your yours said says
say told tell per cent percent mr mrs ms would shall may might must upon amid via
""".split())


def decode(content: bytes) -> tuple[str, str]:
    """Decode bytes of a text document.

    Args:
        content: raw bytes.

    Returns:
        ``(text, encoding)``: UTF-8 when the bytes are valid UTF-8 (with or without BOM),
        otherwise Windows-1252 (a superset of Latin-1 that never fails).
    """
    try:
        return content.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace"), "cp1252"


def tidy(text: str) -> str:
    """Return ``text`` NFKC-normalised, with control characters removed and spaces folded.

    Line breaks are kept (``\\r\\n`` and ``\\r`` become ``\\n``); runs of spaces, tabs and
    non-breaking spaces become one space; each line is stripped.
    """
    text = unicodedata.normalize("NFKC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def word_count(text: str) -> int:
    """Words in ``text`` for length rules: spaced words, a word for every two characters of Chinese
    or Japanese (a word there is one to three characters) and for every three of Thai, Lao, Myanmar
    or Khmer (written without spaces too, in longer words)."""
    if not _UNSPACED_CHAR.search(text):  # the usual case: one scan
        return len(text.split())
    cjk = len(_CJK_CHAR.findall(text))
    southeast = len(_SOUTHEAST_CHAR.findall(text))
    spaced = _SOUTHEAST_CHAR.sub(" ", _CJK_CHAR.sub(" ", text)).split()
    return len(spaced) + (cjk + 1) // 2 + (southeast + 2) // 3


def words(text: str) -> list[str]:
    """Lower-cased word tokens with typography folded away (quotes, dashes, punctuation).

    Internal apostrophes and dots are dropped inside a token ("U.S." → "us", "Lee's" → "lees"),
    so that "U.S."/"US" and curly/straight quotes compare equal.
    """
    return _fast_tokens(unicodedata.normalize("NFKC", text).translate(_QUOTES).lower())


def _folded(text: str) -> str | None:
    """``text`` folded (quotes, case) when folding keeps every offset valid (the usual case), else None."""
    folded = text.translate(_QUOTES).lower()
    return folded if len(folded) == len(text) and unicodedata.is_normalized("NFKC", text) else None


def word_tokens(text: str) -> list[str]:
    """The tokens of :func:`word_spans` (position for position), without computing offsets."""
    folded = _folded(text)
    if folded is not None:
        return _fast_tokens(folded)
    return [token for token, _, _ in word_spans(text)]


def _fast_tokens(folded: str) -> list[str]:
    # the tokens of _tokens(folded): joining apostrophes and dots dropped first, then one C-level
    # split (ten times faster than a Python step per match)
    return _PLAIN_WORD.findall(_JOINER.sub("", folded))


def word_spans(text: str) -> list[tuple[str, int, int]]:
    """Like :func:`words`, with each token's ``(start, end)`` character offsets in ``text``."""
    folded = _folded(text)
    if folded is not None:
        return _tokens(folded)
    # fold character by character, remembering where each folded character came from, so the
    # tokens are those of words() (a curly apostrophe or no-break space folds before splitting)
    pieces, origin = [], []
    for i, ch in enumerate(text):
        f = unicodedata.normalize("NFKC", ch).translate(_QUOTES).lower()
        pieces.append(f)
        origin.extend([i] * len(f))
    origin.append(len(text))
    return [(token, origin[start], origin[end - 1] + 1) for token, start, end in _tokens("".join(pieces))]


def word_bounds(text: str) -> list[int]:
    """Where the tokens of :func:`word_spans` start and end in ``text``: ``[start0, end0, start1, end1, …]``."""
    folded = _folded(text)
    if folded is not None:
        # separators and tokens alternate (separator first and last); their running lengths are
        # the offsets (four times faster than a Python step per match)
        return list(accumulate(map(len, _WORD_PIECES.split(folded))))[:-1]
    return [offset for _, start, end in word_spans(text) for offset in (start, end)]


def word_tokens_and_bounds(text: str) -> tuple[list[str], list[int]]:
    """:func:`word_tokens` and :func:`word_bounds` of ``text`` at once, for little more than either."""
    folded = _folded(text)
    if folded is not None:
        pieces = _WORD_PIECES.split(folded)
        tokens = [p.replace("'", "").replace(".", "") for p in pieces[1::2]]
        return tokens, list(accumulate(map(len, pieces)))[:-1]
    spans = word_spans(text)
    return [token for token, _, _ in spans], [offset for _, start, end in spans for offset in (start, end)]


def _tokens(folded: str) -> list[tuple[str, int, int]]:
    """Tokens of already folded text, internal apostrophes and dots dropped, with offsets."""
    return [(m.group().replace("'", "").replace(".", ""), m.start(), m.end()) for m in _WORD.finditer(folded)]


@lru_cache(maxsize=1 << 14)
def _fold(token: str) -> str:
    return unicodedata.normalize("NFKC", token).translate(_QUOTES).lower().replace("'", "").replace(".", "")


@lru_cache(maxsize=1 << 14)
def _stem(word: str) -> str:
    # A light suffix stripper: enough to equate "normalisation"/"normalization"/"normalised",
    # "meets"/"meeting"; a full stemmer would add a dependency for little gain here.
    word = word.replace("isation", "ization").replace("ise", "ize")
    for suffix in ("izations", "ization", "ations", "ation", "ings", "ing", "ies", "ied", "es",
                   "ed", "ly", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def content_terms(text: str) -> list[str]:
    """Stemmed content words of ``text`` in order: stop words and one-letter tokens removed.

    This is the vocabulary that survives paraphrase (names, numbers, nouns, verbs), used by the
    rewrite and story signals of lineage.
    """
    return content_terms_of(words(text))


def content_terms_of(tokens: list[str]) -> list[str]:
    """:func:`content_terms` of tokens already produced by :func:`words`."""
    return [t for t in map(content_term, tokens) if t]


@lru_cache(maxsize=1 << 15)
def content_term(token: str) -> str | None:
    """The content term of one token of :func:`words` (stemmed), or None for a stop word or a single letter."""
    if token in _STOPWORDS or (len(token) <= 2 and not token.isdigit()):
        return None
    return _stem(token)


_THOUSANDS = re.compile(r"(?<=\d)[,'\u2019\u00a0\u202f ](?=\d{3}\b)")
# Anchored at a word start, letters taken possessively: the unanchored form retried at every
# character of every word without a digit (a third of fingerprinting time).
_NUMBER = re.compile(r"(?<![^\W_])[^\W\d_]*+\d[^\W_]*(?:[.'][^\W_]+)*")
# A capitalised word after a character that does not open a sentence, quote, clause or list item
# (a capital there is only typography).
_NAME = re.compile(r"(?<=[^\s.!?:;\"'(\u201c\u2018\u2019\u201d\-\u2013\u2014\u2022*])[ \t]+"
                   r"([A-Z\u00c0-\u00d6\u00d8-\u00de\u0391-\u03a9\u0410-\u042f][^\W_]*(?:['.][^\W_]+)*)")


def fact_terms(text: str) -> set[str]:
    """The names and numbers of ``text``: what a paraphrase keeps and unrelated stories rarely share.

    A fact term is a capitalised word that does not merely open a sentence, quote or paragraph
    ("Seoul", "Lee", "Nikkei"), or any token with a digit ("1,500" → "1500", "60th"); stop words
    are left out. Independent reports of one event share many of them, a paraphrase shares most,
    and reports of different events few, which makes them a sharper paraphrase signal than all
    content words. Scripts without letter case yield numbers only.
    """
    text = _THOUSANDS.sub("", text)
    out = set(map(_fold, _NUMBER.findall(text)))
    for folded in map(_fold, _NAME.findall(text)):  # the pattern's one group: the name
        if len(folded) > 1 and folded not in _STOPWORDS:
            out.add(folded)
    return out


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]*[A-Z0-9])"
                           # "。", and "！"/"？" (NFKC makes them "!"/"?") before Chinese or Japanese
                           rf"|(?<=\u3002)[\u300d\u300f\u201d)]*\s*|(?<=[!?])[\u300d\u300f\u201d)]*(?=[{CJK}])"
                           # the danda of Hindi and other Indic scripts, Arabic "؟", Urdu "۔"
                           r"|(?<=[\u0964\u0965\u061f\u06d4])[\"\u201d\u2019)]*\s+")
# A period after these does not end a sentence ("U.S. President", "Aug. 15", "Mr. Lee").
_ABBREVIATION = re.compile(
    r"(?:^|\s)(?:(?:[A-Za-z]\.){0,3}[A-Za-z]|Mr|Mrs|Ms|Dr|Prof|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|St|Jr|Sr|"
    r"No|Nos|Inc|Corp|Co|Ltd|vs|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.$")


def sentences(text: str) -> list[tuple[int, str]]:
    """Split ``text`` into sentences.

    Returns:
        ``(offset, sentence)`` pairs, offsets being character positions in ``text``; paragraph
        breaks always end a sentence.
    """
    out: list[tuple[int, str]] = []
    pos = 0
    for para in text.split("\n"):
        start = 0
        for m in _SENTENCE_END.finditer(para):
            if _ABBREVIATION.search(para[max(start, m.start() - 12):m.start()]):
                continue
            piece = para[start:m.start()].strip()
            if piece:
                out.append((pos + start, piece))
            start = m.end()
        piece = para[start:].strip()
        if piece:
            out.append((pos + start, piece))
        pos += len(para) + 1
    return out
