"""FUZZ (run by hand, not collected by pytest): mutation fuzzing of ``cleaners.clean`` and lineage.

Every page under ``tests/fixtures`` is mutated (truncated, tags deleted, odd Unicode, impossible
dates, broken JSON-LD, lying charsets, deep nesting, credit lookalikes, …) and cleaned; anything
but a result or an :class:`~crawler.exceptions.ExtractionError` is a finding, as is a call over
10 s. Results are added to an in-memory lineage index in batches of 20 and resolved.

Usage::

    .venv/bin/python tests/fuzz_clean.py [seconds] [rng_seed]

Findings go to ``$WIRETRACE_FUZZ_OUT`` (default: ``wiretrace-fuzz`` in the temp directory), one
folder per distinct crash, with a log. Stop 20 ran 72,463 inputs and found four crashes, all fixed
and kept as cases in ``tests/test_html_bad_input.py``.
"""
from __future__ import annotations

import faulthandler
import json
import os
import pickle
import random
import re
import signal
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.chdir(ROOT)

from cleaners import clean  # noqa: E402
from crawler.exceptions import ExtractionError  # noqa: E402
from crawler.lineage import Article, LineageIndex  # noqa: E402

OUT = Path(os.environ.get("WIRETRACE_FUZZ_OUT") or Path(tempfile.gettempdir()) / "wiretrace-fuzz")
FIND = OUT / "findings"
FIND.mkdir(parents=True, exist_ok=True)
CURRENT = OUT / "current.bin"
LOG = open(OUT / "fuzz.log", "a", buffering=1)
HANG_LOG = open(OUT / "hang_traces.log", "a", buffering=1)
faulthandler.enable(file=HANG_LOG)

REPO = str(ROOT) + "/"
SLOW_S = 10.0
HARD_S = 90  # SIGALRM: abort a call that takes this long


class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang(f"call exceeded {HARD_S}s")


signal.signal(signal.SIGALRM, _alarm)

# ---------------------------------------------------------------- seeds
SEEDS: list[tuple[str, bytes]] = []
for p in sorted(ROOT / "tests" / "fixtures".rglob("*")):
    if p.is_file() and p.suffix.lower() in (".html", ".htm", ".txt"):
        SEEDS.append((str(p.relative_to(ROOT / "tests" / "fixtures")), p.read_bytes()))

# ---------------------------------------------------------------- mutations
ODD_CHARS = ["\u200f", "\u200e", "\u202e", "\u202d", "\u2066", "\u2069", "\u200b", "\u200c", "\u200d", "\ufeff",
             "\u2060", "\ufffd", "\ud800", "\udfff", "\udc80", "\x00", "\u0301", "\u0301" * 50, "\u0336\u0301\u0308",
             "\U0001F600", "\U0001F1FA\U0001F1F8", "\U0001F469\u200d\U0001F4BB", "\uff12\uff10\uff12\uff16",
             "\uff11\uff18", "\u0660\u0661\u0662", "\u00a0", "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\r",
             "\u3000", "\ufdd0", "\uffff", "\U0010FFFF", "\u0000\u0000", "&#0;", "&#xD800;", "&#1114112;",
             "&nbsp;", "&amp", "<", ">", "&", "\\", '"', "'", "\u00ad", "\u034f", "\u180e", "\u1680"]

ODD_DATES = ["2026-13-45", "0000-00-00T99:99", "1e9", "", "tomorrow", "9" * 40, "1" * 400,
             "2026-11-18T10:00:00+25:00", "2026-11-18T10:00:00-99:99", "2026-02-30", "9999-12-31T23:59:59+14:00",
             "0001-01-01T00:00:00-14:00", "-2026-01-01", "2026-W53-7", "2026-366", "T", "Z", "+05:00",
             "18/11/2026", "11/18/26 25:61", "Nov 31, 2026", "Wednesday", "\u0662\u0660\u0662\u0666-\u0661\u0661-\u0661\u0668",
             "\uff12\uff10\uff12\uff16-\uff11\uff11-\uff11\uff18", "2026-11-18T10:00:00.999999999999+00:00",
             "2026-11-18 10:00 GMT+99", "2026-11-18T10:00:00 EST5EDT", "1731924000000", "-1", "nan", "inf",
             "2026-11-18T24:00:00", "0", "2026\u200b-11-18", "2026-11-18T10:00:00\x00", "2026-11-18T10:00:00+0530 IST",
             "292278994-08-17T07:12:55.807Z", "2026-11-18T10:00:00Z[Europe/Nowhere]", "1970-01-01T00:00:00+24:00"]
ODD_JSON_DATES = ['["2026-11-18", "2026-11-19"]', "1731924000", "1e309", "null", "true", "{}",
                  '{"@value": "2026-11-18"}', "[]", "-0", '[null]', '[[["2026"]]]', "12345678901234567890123"]

AGENCIES = ["AP", "Reuters", "AFP", "PTI", "Yonhap", "Kyodo", "dpa", "ANSA", "Xinhua", "EFE", "IANS", "UNI", "ANI",
            "Bernama", "Antara", "Anadolu", "TASS", "Bloomberg", "CNA", "KUNA", "WAM", "SPA", "APA", "AAP", "NZPA",
            "Associated Press", "Agence France-Presse", "Press Trust of India", "Thomson Reuters"]
LOOKALIKE = {"A": ["\u0391", "\u0410", "\uff21"], "P": ["\u03a1", "\u0420", "\uff30"], "E": ["\u0395", "\u0415"],
             "O": ["\u039f", "\u041e", "0"], "T": ["\u03a4", "\u0422"], "R": ["\u0280"], "e": ["\u0435"],
             "o": ["\u043e", "\u03bf"], "a": ["\u0430"], "p": ["\u0440"], "c": ["\u0441"], "r": ["\u0433"],
             "s": ["\u0455"], "i": ["\u0456", "\u0131"], "K": ["\u039a", "\u041a"], "N": ["\u039d"], "F": ["\u03dc"]}

CODECS = ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "shift_jis", "euc-jp", "iso-2022-jp", "gb18030", "big5",
          "euc-kr", "cp1252", "latin-1", "koi8-r", "cp1251", "utf-8-sig", "utf-7", "cp437", "mac_roman", "iso-8859-7",
          "cp1256", "tis-620", "utf-8"]
CHARSET_DECLS = CODECS + ["garbage", "x-user-defined", "", "utf-8;;", "\u00e9", "unicode", "binary", "utf8mb4",
                          "ISO-8859-999", "a" * 300, "utf-16\x00", "euc-jp'><script>"]

TAG_RE = re.compile(rb"<[^<>]{0,2000}>")
CLOSE_RE = re.compile(rb"</[a-zA-Z][^<>]{0,50}>")
LDJSON_RE = re.compile(rb"(<script[^>]*ld\+json[^>]*>)(.*?)(</script>)", re.S | re.I)
META_DATE_RE = re.compile(rb"((?:published|modified|date|time|pubdate|issued|created|updated)[^<>]{0,80}?content=[\"'])([^\"']*)([\"'])", re.I)
META_DATE_RE2 = re.compile(rb"(content=[\"'])([^\"']*)([\"'][^<>]{0,80}?(?:published|modified|date|time|pubdate|issued|created|updated))", re.I)
TIME_RE = re.compile(rb"(datetime=[\"'])([^\"']*)([\"'])", re.I)
JSON_DATE_RE = re.compile(rb"(\"(?:datePublished|dateModified|dateCreated|uploadDate|date)\"\s*:\s*)(\"[^\"]*\"|[^,}\]]+)")
BLOCK_RE = re.compile(rb"<(p|div|article|section|li|h[1-6]|span|figure|aside|header|footer)\b[^>]*>.*?</\1>", re.S | re.I)


def pos(r: random.Random, data: bytes) -> int:
    return r.randint(0, len(data)) if data else 0


def m_truncate(r, d):
    return d[: pos(r, d)]


def m_del_tag(r, d):
    ms = list((CLOSE_RE if r.random() < 0.5 else TAG_RE).finditer(d))
    if not ms:
        return d[: pos(r, d)]
    for _ in range(r.choice([1, 1, 1, 3, 10])):
        m = r.choice(ms)
        d = d[: m.start()] + d[m.end():]
        ms = list(TAG_RE.finditer(d))
        if not ms:
            break
    return d


def m_block(r, d):
    ms = list(BLOCK_RE.finditer(d))
    if ms and r.random() < 0.7:
        m = r.choice(ms)
        blk = m.group(0)
        c = r.random()
        if c < 0.4:
            return d[: m.end()] + blk * r.choice([1, 2, 5, 50]) + d[m.end():]
        if c < 0.7:
            # move block elsewhere
            d2 = d[: m.start()] + d[m.end():]
            p = pos(r, d2)
            return d2[:p] + blk + d2[p:]
        # shuffle several blocks among themselves
        sel = r.sample(ms, min(len(ms), r.randint(2, 8)))
        sel.sort(key=lambda x: x.start())
        # non-overlapping only
        chosen = []
        last = -1
        for x in sel:
            if x.start() >= last:
                chosen.append(x)
                last = x.end()
        blocks = [x.group(0) for x in chosen]
        r.shuffle(blocks)
        out, prev = [], 0
        for x, b in zip(chosen, blocks):
            out.append(d[prev: x.start()])
            out.append(b)
            prev = x.end()
        out.append(d[prev:])
        return b"".join(out)
    lines = d.split(b"\n")
    c = r.random()
    if c < 0.5 and len(lines) > 1:
        i = r.randrange(len(lines))
        j = min(len(lines), i + r.randint(1, 10))
        lines[j:j] = lines[i:j] * r.choice([1, 2, 10])
    else:
        i = r.randrange(len(lines))
        j = min(len(lines), i + r.randint(2, 30))
        seg = lines[i:j]
        r.shuffle(seg)
        lines[i:j] = seg
    return b"\n".join(lines)


def _as_text(d: bytes) -> str:
    return d.decode("utf-8", errors="surrogateescape")


def _as_bytes(s: str) -> bytes:
    try:
        return s.encode("utf-8", errors="surrogateescape")
    except UnicodeEncodeError:
        return s.encode("utf-8", errors="surrogatepass")


def m_unicode(r, d):
    s = _as_text(d)
    for _ in range(r.choice([1, 2, 5, 20, 200])):
        p = r.randint(0, len(s))
        ch = r.choice(ODD_CHARS)
        if r.random() < 0.1:
            ch = ch * r.randint(2, 500)
        s = s[:p] + ch + s[p:]
    # encode: surrogates that came from surrogateescape (\udc80-\udcff) go back to raw bytes;
    # others via surrogatepass
    out = []
    for c in s:
        o = ord(c)
        if 0xDC80 <= o <= 0xDCFF and r.random() < 0.5:
            out.append(bytes([o - 0xDC00]))
        else:
            out.append(c.encode("utf-8", errors="surrogatepass"))
    return b"".join(out)


def m_unicode_in_text(r, d):
    """inject odd chars right inside text near dates/credits/bylines (between > and <)."""
    ms = list(re.finditer(rb">([^<>]{3,})<", d)) or [None]
    m = r.choice(ms)
    s = _as_text(d)
    if m is None:
        return m_unicode(r, d)
    p = len(_as_text(d[: m.start(1) + r.randint(0, len(m.group(1)))]))
    ch = r.choice(ODD_CHARS) * r.choice([1, 1, 3])
    s = s[:p] + ch + s[p:]
    return s.encode("utf-8", errors="surrogatepass")


def m_dates(r, d):
    n = 0
    for rx in (META_DATE_RE, META_DATE_RE2, TIME_RE):
        ms = list(rx.finditer(d))
        for m in ms[::-1]:
            if r.random() < 0.6:
                v = r.choice(ODD_DATES).encode("utf-8", errors="surrogatepass")
                d = d[: m.start(2)] + v + d[m.end(2):]
                n += 1
    ms = list(JSON_DATE_RE.finditer(d))
    for m in ms[::-1]:
        if r.random() < 0.7:
            if r.random() < 0.5:
                v = json.dumps(r.choice(ODD_DATES)).encode()
            else:
                v = r.choice(ODD_JSON_DATES).encode()
            d = d[: m.start(2)] + v + d[m.end(2):]
            n += 1
    if not n:
        # inject a meta date
        v = r.choice(ODD_DATES).encode("utf-8", errors="surrogatepass")
        prop = r.choice([b"article:published_time", b"article:modified_time", b"date", b"pubdate", b"og:updated_time",
                         b"DC.date.issued", b"sailthru.date", b"parsely-pub-date"])
        tag = b'<meta property="' + prop + b'" content="' + v + b'">'
        i = d.lower().find(b"<head")
        i = d.find(b">", i) + 1 if i >= 0 else 0
        d = d[:i] + tag + d[i:]
    return d


def _author_variant(r):
    return r.choice([
        [{"@type": "Person", "name": "Jane Doe"}, {"@type": "Organization", "name": "Reuters"}],
        42, {"@type": "Person"}, {"name": None}, {"name": 7}, {"name": ["A", "B"]}, {"name": {"x": 1}}, [],
        [None], ["AP", 3, None], "", "By " + "X" * 2000, {"@id": "#a"}, [{"@type": "Person", "givenName": "J"}],
        "Associated Press (AP)", {"name": "\u202eSserp detaicossA"}, True, [[["nested"]]],
    ])


def m_jsonld(r, d):
    ms = list(LDJSON_RE.finditer(d))
    if not ms:
        obj = {"@context": "https://schema.org", "@type": r.choice(["NewsArticle", "Article", ["NewsArticle", 3],
                                                                   None, 5, "VideoObject", "ImageGallery"]),
               "headline": r.choice(["H", "", None, 3, ["a", "b"], "x" * 5000]),
               "datePublished": r.choice(ODD_DATES + [None, 5, ["2026-01-01"]]),
               "author": _author_variant(r)}
        script = b'<script type="application/ld+json">' + json.dumps(obj).encode() + b"</script>"
        i = d.lower().find(b"</head>")
        i = i if i >= 0 else pos(r, d)
        return d[:i] + script + d[i:]
    m = r.choice(ms)
    body = m.group(2)
    c = r.random()
    try:
        obj = json.loads(body)
    except Exception:
        obj = None
    if c < 0.2 or obj is None:
        nb = body[: pos(r, body)]
    elif c < 0.4:
        # nest @graph
        depth = r.choice([1, 2, 5, 50, 500])
        o = obj
        for _ in range(depth):
            o = {"@graph": [o] if r.random() < 0.7 else o}
        nb = json.dumps(o).encode()
    elif c < 0.6:
        def fix(o):
            if isinstance(o, dict):
                if "author" in o or r.random() < 0.3:
                    o["author"] = _author_variant(r)
                for v in o.values():
                    fix(v)
            elif isinstance(o, list):
                for v in o:
                    fix(v)
        fix(obj)
        nb = json.dumps(obj).encode()
    elif c < 0.8:
        # replace random values with odd types
        def walk(o):
            if isinstance(o, dict):
                for k in list(o):
                    if r.random() < 0.3:
                        o[k] = r.choice([None, 0, -1, 1e308, True, [], {}, [o.get(k)], {"@value": o.get(k)},
                                         "", "\u0000", "x" * 10000, r.choice(ODD_DATES)])
                    else:
                        walk(o[k])
            elif isinstance(o, list):
                for v in o:
                    walk(v)
        walk(obj)
        nb = json.dumps(obj).encode()
    else:
        nb = r.choice([b"", b"null", b"[]", b"{}", b"[null]", b"3", b'"str"', b"[[[[[[]]]]]]", b"{" * 5000,
                       b"[" * 100000, b'{"@graph": null}', b'{"@graph": [null, 1, "x"]}', b"\x00",
                       b'{"@type": "NewsArticle", "articleBody": ' + json.dumps("word " * 20000).encode() + b"}"])
    return d[: m.start(2)] + nb + d[m.end(2):]


def m_charset(r, d):
    s = _as_text(d)
    decl = r.choice(CHARSET_DECLS)
    s = re.sub(r"<meta[^>]*charset[^>]*>", "", s, flags=re.I)
    form = r.choice([f'<meta charset="{decl}">', f'<meta http-equiv="Content-Type" content="text/html; charset={decl}">',
                     f"<?xml version='1.0' encoding='{decl}'?>"])
    i = s.lower().find("<head")
    i = s.find(">", i) + 1 if i >= 0 else 0
    if form.startswith("<?xml"):
        i = 0
    s = s[:i] + form + s[i:]
    if r.random() < 0.7:
        codec = r.choice(CODECS)
        try:
            return s.encode(codec, errors=r.choice(["replace", "xmlcharrefreplace", "ignore"]))
        except (UnicodeError, LookupError):
            pass
    return s.encode("utf-8", errors="surrogatepass")


def m_reencode(r, d):
    s = _as_text(d)
    codec = r.choice(CODECS)
    try:
        return s.encode(codec, errors="replace")
    except (UnicodeError, LookupError):
        return d


def m_huge_attr(r, d):
    ms = list(re.finditer(rb"<([a-zA-Z][a-zA-Z0-9]*)", d))
    n = r.choice([10_000, 100_000, 1_000_000, 3_000_000])
    name = r.choice([b"class", b"id", b"content", b"data-x", b"style", b"href", b"datetime", b"x" * 1000])
    val = r.choice([b"a", b"a ", b"\xe2\x80\x8b", b"&amp;", b"2026-"]) * (n // 5 + 1)
    if r.random() < 0.2:
        val = val[:n]
    attr = b" " + name + b'="' + val[:n] + b'"'
    if not ms:
        return d + b"<div" + attr + b">x</div>"
    m = r.choice(ms)
    return d[: m.end()] + attr + d[m.end():]


def m_deep(r, d):
    tag = r.choice([b"div", b"span", b"b", b"p", b"table", b"li", b"blockquote", b"section", b"a", b"font", b"i"])
    n = r.choice([1000, 5000, 10_000, 10_000, 30_000])
    opener = b"<" + tag + b">"
    closer = b"</" + tag + b">" if r.random() < 0.6 else b""
    inner = r.choice([b"text", b"Some words of a paragraph here. " * 20, b""])
    blob = opener * n + inner + closer * n
    ms = list(re.finditer(rb"<(?:body|article|p)\b[^>]*>", d, re.I))
    p = r.choice(ms).end() if ms else pos(r, d)
    return d[:p] + blob + d[p:]


def _lookalike(r, s):
    return "".join(r.choice(LOOKALIKE[c]) if c in LOOKALIKE and r.random() < 0.4 else c for c in s)


def _case(r, s):
    c = r.random()
    if c < 0.3:
        return s.lower()
    if c < 0.5:
        return s.upper()
    if c < 0.7:
        return "".join(ch.upper() if r.random() < 0.5 else ch.lower() for ch in s)
    return s


def _agency(r):
    a = r.choice(AGENCIES)
    a = _case(r, a)
    if r.random() < 0.4:
        a = _lookalike(r, a)
    if r.random() < 0.2:
        p = r.randint(0, len(a))
        a = a[:p] + r.choice(ODD_CHARS) + a[p:]
    return a


def _credit(r):
    a = _agency(r)
    return r.choice([f"({a})", f"({a}) \u2014 ", f"\u2014 {a}", f"{a} \u2014", f"-- {a}", f"({a}/{_agency(r)})",
                     f"[{a}]", f"(\u200b{a}\u200b)", f"({a}", f"{a})", f"(c) {a} 2026", f"\u00a9 2026 {a}. All rights reserved.",
                     f"TOKYO ({a}) -", f"Seoul, Nov. 18 ({a}) --", f"NEW DELHI, Nov 18 ({a}): ", f"({a})" * 50,
                     f"Reporting by X; Editing by {a}", f"With {a}", f"Source: {a}", f"({a} / {a} / {a})"])


def _byline(r):
    x = r.choice(["Jane Doe", "\u202eeoD enaJ", "J\u0301a\u0301n\u0301e", "\U0001F600", "", " ", "X" * 500,
                  "O'Brien-\u00c5sstr\u00f6m", "\u674e\u660e", "\u0645\u062d\u0645\u062f", "Dr. J. R. R. T. Doe, Jr.",
                  "<b>Jane</b>", "&amp;", "\x00", "(", ")", "By By By", "and", ",", "Staff"])
    y = r.choice([_agency(r), "", "(", "))", "\ufffd", "Staff", "AP, Reuters, AFP", "\u200f", "1e9", "with " + _agency(r)])
    return r.choice([f"By {x} ({y})", f"By {x}, {y}", f"BY {x.upper()} ({y})", f"By {x} ({y}) ({y})",
                     f"By {x} and {x} ({y})", f"by{x}({y})", f"By ({y})", f"By {x} (", f"By {x} ({y}"])


def _insert_text(r, d, text):
    tb = text.encode("utf-8", errors="surrogatepass")
    ms = list(re.finditer(rb"<p\b[^>]*>", d, re.I))
    c = r.random()
    if ms and c < 0.6:
        m = r.choice(ms[:3] if r.random() < 0.6 else ms)
        return d[: m.end()] + tb + b" " + d[m.end():]
    if ms and c < 0.8:
        return d + b"<p>" + tb + b"</p>"
    # plain text / anywhere
    lines = d.split(b"\n")
    i = r.randrange(len(lines) + 1)
    lines.insert(i, tb)
    return b"\n".join(lines)


def m_credit(r, d):
    return _insert_text(r, d, _credit(r))


def m_byline(r, d):
    b = _byline(r)
    if r.random() < 0.3:
        tag = r.choice(['<span class="byline">{}</span>', '<meta name="author" content="{}">',
                        '<div class="author">{}</div>', '<a rel="author">{}</a>', '<p class="byline">{}</p>'])
        h = tag.format(b.replace('"', "&quot;")).encode("utf-8", errors="surrogatepass")
        p = d.lower().find(b"<body")
        p = d.find(b">", p) + 1 if p >= 0 else pos(r, d)
        return d[:p] + h + d[p:]
    return _insert_text(r, d, b)


def m_long_line(r, d):
    c = r.random()
    n = r.choice([100_000, 500_000, 2_000_000])
    if c < 0.3:
        return d.replace(b"\n", b" ").replace(b"\r", b" ")
    if c < 0.6:
        unit = r.choice([b"word ", b"a", b"Lorem ipsum dolor sit amet. ", b"\xe3\x81\x82", b"(AP) ", b"By X (Y) ",
                         b"2026-11-18 ", b"- ", b". ", b"\xd9\x85"])
        return _insert_text(r, d, (unit * (n // len(unit))).decode("utf-8", "replace"))
    # paragraph of sentences, no newline
    sent = b"The minister said the bill would pass on Tuesday, officials told reporters. "
    return _insert_text(r, d, (sent * (n // len(sent))).decode())


def m_title_only(r, d):
    m = re.search(rb"<title[^>]*>(.*?)</title>", d, re.S | re.I)
    t = m.group(1) if m else r.choice([b"Title", b"", b"x" * 100000, b"(AP) Headline", b"\xe2\x80\x8f"])
    c = r.random()
    if c < 0.4:
        return b"<html><head><title>" + t + b"</title></head></html>"
    if c < 0.7:
        return b"<title>" + t + b"</title>"
    return b"<!doctype html><html><head><title>" + t + b"</title></head><body></body></html>"


def m_byteflip(r, d):
    if not d:
        return d
    b = bytearray(d)
    for _ in range(r.choice([1, 5, 50])):
        i = r.randrange(len(b))
        b[i] = r.randrange(256)
    return bytes(b)


def m_splice(r, d):
    other = r.choice(SEEDS)[1]
    a, b = pos(r, d), pos(r, other)
    return d[:a] + other[b:]


def m_strip_html(r, d):
    """turn an html page into text-ish or the reverse"""
    if b"<" in d[:200]:
        return re.sub(rb"<[^>]*>", b"\n" if r.random() < 0.5 else b"", d)
    return b"<html><body>" + b"".join(b"<p>" + l + b"</p>" for l in d.split(b"\n")) + b"</body></html>"


MUTATORS = [  # (fn, weight) -- cheap ones weigh more
    (m_truncate, 10), (m_del_tag, 10), (m_block, 8), (m_unicode, 10), (m_unicode_in_text, 8), (m_dates, 12),
    (m_jsonld, 12), (m_charset, 8), (m_reencode, 5), (m_huge_attr, 2), (m_deep, 2), (m_credit, 10),
    (m_byline, 10), (m_long_line, 2), (m_title_only, 2), (m_byteflip, 6), (m_splice, 4), (m_strip_html, 3),
]
MFN = [m for m, _ in MUTATORS]
MW = [w for _, w in MUTATORS]

URLS = ["https://example.com/news/x.html", "https://example.com/news/x.html", "https://example.com/news/x.html",
        None, "https://apnews.com/article/x", "https://www.reuters.com/world/x/", "https://example.co.jp/a.htm",
        "https://example.com/story.txt", "https://en.yna.co.kr/view/AEN2026", "https://example.in/x.html?amp=1#f",
        "file:///tmp/x.html", "https://xn--80ak6aa92e.com/x.html", "http://[::1]/x.html", "not a url", ""]
CTYPES = [None, None, None, "text/html", "text/html; charset=utf-8", "text/plain", "text/html; charset=shift_jis",
          "text/plain; charset=utf-16", "application/xhtml+xml", "text/html; charset=garbage", "application/json", ""]


# ---------------------------------------------------------------- findings
seen: dict[str, int] = {}


def repo_frames(tb):
    frames = traceback.extract_tb(tb)
    return [f for f in frames if f.filename.startswith(REPO) and "/.venv/" not in f.filename]


def record(stage: str, exc: BaseException, payload: dict) -> None:
    frames = repo_frames(exc.__traceback__)
    inner = frames[-1] if frames else None
    loc = f"{os.path.relpath(inner.filename, REPO)}:{inner.lineno}" if inner else "?"
    key = f"{stage}|{type(exc).__name__}|{loc}"
    n = seen.get(key, 0)
    seen[key] = n + 1
    safe = re.sub(r"[^A-Za-z0-9_.-]", "_", key)[:150]
    dd = FIND / safe
    dd.mkdir(exist_ok=True)
    size = payload.get("size", 0)
    best = dd / "best_size"
    prev = int(best.read_text()) if best.exists() else None
    if prev is None or size < prev:
        best.write_text(str(size))
        with open(dd / "input.pkl", "wb") as f:
            pickle.dump(payload, f)
        tbtxt = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        (dd / "traceback.txt").write_text(tbtxt[-8000:])
    if n == 0:
        LOG.write(f"NEW {key}: {str(exc)[:200]!r} (size {size}, muts {payload.get('muts')})\n")


def main():
    budget = float(sys.argv[1]) if len(sys.argv) > 1 else 1800
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1234)
    t_end = time.time() + budget
    stats = {"runs": 0, "ok": 0, "extraction_error": 0, "crash": 0, "slow": 0, "lineage_batches": 0,
             "lineage_crash": 0}
    batch: list[tuple[Article, dict]] = []
    it = 0
    last_stat = time.time()
    while time.time() < t_end:
        it += 1
        seed_name, seed = rng.choice(SEEDS)
        k = rng.choice([1, 1, 2, 2, 3])
        muts = rng.choices(MFN, MW, k=k)
        d = seed
        names = []
        for m in muts:
            try:
                d = m(rng, d)
            except Exception as e:  # mutator bug; ignore
                LOG.write(f"mutator {m.__name__} failed: {e!r}\n")
            names.append(m.__name__)
        url = rng.choice(URLS)
        ctype = rng.choice(CTYPES)
        as_str = rng.random() < 0.08
        content = d.decode("utf-8", errors=rng.choice(["replace", "surrogateescape", "ignore"])) if as_str else d
        payload = {"content": content, "url": url, "content_type": ctype, "seed": seed_name, "muts": names,
                   "size": len(d)}
        CURRENT.write_bytes(pickle.dumps(payload))
        faulthandler.dump_traceback_later(60, repeat=False, file=HANG_LOG)
        signal.alarm(HARD_S)
        t0 = time.perf_counter()
        res = None
        try:
            res = clean(content, url=url, content_type=ctype)
            stats["ok"] += 1
        except ExtractionError:
            stats["extraction_error"] += 1
        except Hang as e:
            stats["crash"] += 1
            record("clean-hang", e, payload)
        except BaseException as e:  # noqa: BLE001
            if isinstance(e, KeyboardInterrupt):
                raise
            stats["crash"] += 1
            record("clean", e, payload)
        finally:
            signal.alarm(0)
            faulthandler.cancel_dump_traceback_later()
        dt = time.perf_counter() - t0
        stats["runs"] += 1
        if dt > SLOW_S:
            stats["slow"] += 1
            LOG.write(f"SLOW {dt:.1f}s seed={seed_name} muts={names} size={len(d)} url={url} ctype={ctype}\n")
            sd = FIND / f"slow_{stats['slow']}.pkl"
            with open(sd, "wb") as f:
                pickle.dump({**payload, "seconds": dt}, f)
        if res is not None:
            try:
                art = Article(url or f"https://example.com/n/{it}.html", text=res.text, title=res.title,
                              published=res.published, wire=res.wire.service, credited=res.wire.credited)
                if rng.random() < 0.85:
                    art.url = f"https://example.com/n/{it}.html"  # unique identity mostly
                batch.append((art, payload))
            except BaseException as e:  # noqa: BLE001
                record("article", e, payload)
        if len(batch) >= 20:
            stats["lineage_batches"] += 1
            arts = [a for a, _ in batch]
            lp = {"articles": [a.__dict__.copy() for a in arts], "payloads": [p for _, p in batch],
                  "size": sum(len(a.text) for a in arts)}
            CURRENT.write_bytes(pickle.dumps(lp))
            signal.alarm(HARD_S * 2)
            t0 = time.perf_counter()
            try:
                idx = LineageIndex.open(":memory:")
                try:
                    ids = [idx.add(a).id for a in arts]
                    idx.resolve(ids)
                finally:
                    idx.close()
            except Hang as e:
                stats["lineage_crash"] += 1
                record("lineage-hang", e, lp)
            except BaseException as e:  # noqa: BLE001
                if isinstance(e, KeyboardInterrupt):
                    raise
                stats["lineage_crash"] += 1
                record("lineage", e, lp)
            finally:
                signal.alarm(0)
            dt = time.perf_counter() - t0
            if dt > SLOW_S:
                stats["slow"] += 1
                LOG.write(f"SLOW-LINEAGE {dt:.1f}s batch of {len(arts)}\n")
                with open(FIND / f"slow_lineage_{stats['slow']}.pkl", "wb") as f:
                    pickle.dump({**lp, "seconds": dt}, f)
            batch = []
        if time.time() - last_stat > 60:
            last_stat = time.time()
            LOG.write(f"STATS {json.dumps(stats)} distinct={len(seen)}\n")
    LOG.write(f"FINAL {json.dumps(stats)} distinct={len(seen)}\n")
    for k, v in sorted(seen.items()):
        LOG.write(f"  {v:6d}  {k}\n")
    (OUT / "stats.json").write_text(json.dumps({"stats": stats, "seen": seen}, indent=1))


if __name__ == "__main__":
    main()
