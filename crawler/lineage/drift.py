"""LINEAGE: facts that changed between a copy and its source, in aligned sentences.

For each pair of aligned sentences (the copy's and its source's), the facts a reader would check
are compared: weekdays, years and full dates, numbers, names and quotations. A fact the copy states
differently from the matching source sentence is drift. A year in the copy is also checked
against the source's own publication date when the source sentence gives no year ("arrived on
August 23, 2023" against a source published 2025-08-23).
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Any

from cleaners.text import MARKS, words

__all__ = ["drift"]

_WEEKDAY = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_FULL_DATE = re.compile(rf"\b{_MONTHS}\s+\d{{1,2}},?\s+(?:19|20)\d{{2}}\b|\b\d{{1,2}}\s+{_MONTHS},?\s+(?:19|20)\d{{2}}\b")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*(?![\w])")
_QUOTE = re.compile(r"[\"\u201c]([^\"\u201c\u201d]{15,400})[\"\u201d]")
_WORD = rf"[^\W_]+(?:[{MARKS}]+[^\W_]*)*"  # a word with its vowel signs (Devanagari and other Indic scripts)
_TOKEN = re.compile(rf"{_WORD}(?:['\u2019-]{_WORD})*")
_CALENDAR = re.compile(rf"^(?:{_WEEKDAY.pattern[3:-3]}|{_MONTHS})$")
_CONTEXT_WORDS = 3


def _weekday_pairs(cs: str, ss: str) -> list[tuple[str, str]]:
    """Each weekday of the copy with the source weekday in the most similar surroundings."""
    out = []
    for cm in _WEEKDAY.finditer(cs):
        around = set(words(cs[:cm.start()])[-_CONTEXT_WORDS:] + words(cs[cm.end():])[:_CONTEXT_WORDS])
        best = max(_WEEKDAY.finditer(ss), default=None, key=lambda sm: len(around & set(
            words(ss[:sm.start()])[-_CONTEXT_WORDS:] + words(ss[sm.end():])[:_CONTEXT_WORDS])))
        if best is not None:
            out.append((cm.group(), best.group()))
    return out


def _is_name(tokens: list[str]) -> bool:
    return all(t[0].isupper() and not _CALENDAR.match(t) for t in tokens)


def _name_drift(cs: str, ss: str) -> list[tuple[str, str]]:
    """Names the copy puts where its source has other names, in otherwise matching wording.

    A swap is a run of capitalised words replaced by another such run of the same length, with
    matching words right before and after it, whose words appear nowhere in the other sentence
    ("Prime Minister Fumio Kishida said" against "Prime Minister Shigeru Ishiba said").
    """
    ct, st = _TOKEN.findall(cs), _TOKEN.findall(ss)
    cl, sl = [t.lower() for t in ct], [t.lower() for t in st]
    out = []
    ops = SequenceMatcher(None, cl, sl, autojunk=False).get_opcodes()
    for n, (op, i1, i2, j1, j2) in enumerate(ops):
        if op != "replace" or i2 - i1 != j2 - j1 or i1 == 0 or j1 == 0:
            continue
        if not (n + 1 < len(ops) and ops[n - 1][0] == "equal" and ops[n + 1][0] == "equal"):
            continue
        cname, sname = ct[i1:i2], st[j1:j2]
        if not (_is_name(cname) and _is_name(sname)):
            continue
        if set(cl[i1:i2]) & set(sl) or set(sl[j1:j2]) & set(cl):
            continue
        if any(a[:4] == b[:4] for a, b in zip(cl[i1:i2], sl[j1:j2])):
            continue  # "Japan's"/"Japanese", "Myung"/"Myong": a form, not another name
        out.append((" ".join(cname), " ".join(sname)))
    return out


def _numbers(sentence: str) -> set[str]:
    text = _FULL_DATE.sub(" ", sentence)
    return {n.replace(",", "") for n in _NUMBER.findall(text) if not _YEAR.fullmatch(n)}


def _quote_drift(copy: str, source: str) -> tuple[str, str] | None:
    for qc in _QUOTE.findall(copy):
        wc = words(qc)
        for qs in _QUOTE.findall(source):
            ws = words(qs)
            shared = len(set(wc) & set(ws)) / max(1, len(set(wc) | set(ws)))
            if 0.5 <= shared < 1.0 and wc != ws:
                return qc, qs
    return None


def drift(copy_sentences: list[str], source_sentences: list[str], pairs: list[tuple[int, int, float]],
          source_published: str | None = None, source_url: str | None = None) -> list[dict[str, Any]]:
    """Facts that differ between aligned sentences of a copy and its source.

    Args:
        copy_sentences, source_sentences: the two texts' sentences.
        pairs: aligned ``(copy index, source index, score)`` pairs.
        source_published: the source's publication date (ISO), to check years against.
        source_url: named in each item, for evidence.

    Returns:
        One item per changed fact: ``kind`` (weekday, date, number, name, quote), ``copy`` and
        ``source`` values, and both sentences.
    """
    out: list[dict[str, Any]] = []
    seen: set[tuple[str, str, str]] = set()

    def add(kind: str, cval: str, sval: str, cs: str, ss: str) -> None:
        if (kind, cval, sval) not in seen:
            seen.add((kind, cval, sval))
            out.append({"kind": kind, "copy": cval, "source": sval, "copy_sentence": cs,
                        "source_sentence": ss, "source_url": source_url})

    for i, j, _ in pairs:
        cs, ss = copy_sentences[i], source_sentences[j]
        cw, sw = set(_WEEKDAY.findall(cs)), set(_WEEKDAY.findall(ss))
        if cw and sw and not cw & sw:
            for cval, sval in _weekday_pairs(cs, ss):
                add("weekday", cval, sval, cs, ss)
        cy, sy = set(_YEAR.findall(cs)), set(_YEAR.findall(ss))
        if cy - sy:
            cdate = (_FULL_DATE.search(cs) or _YEAR.search(cs)).group()  # type: ignore[union-attr]
            if sy:
                add("date", cdate, ", ".join(sorted(sy)), cs, ss)
            elif source_published and source_published[:4] not in cy and _FULL_DATE.search(cs):
                add("date", cdate, f"source published {source_published[:10]}", cs, ss)
        cn, sn = _numbers(cs), _numbers(ss)
        if cn - sn and sn - cn:
            add("number", ", ".join(sorted(cn - sn)), ", ".join(sorted(sn - cn)), cs, ss)
        for cval, sval in _name_drift(cs, ss):
            add("name", cval, sval, cs, ss)
        quote = _quote_drift(cs, ss)
        if quote:
            add("quote", quote[0], quote[1], cs, ss)
    return out
