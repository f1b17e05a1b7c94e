"""LINEAGE: decide relation, direction, parent, original and story from verified pair scores.

Given the articles of a neighbourhood and the exact scores of their candidate pairs, this module:

1. names the copy relation a pair supports (verbatim, trimmed, excerpt, edited, rewrite);
2. decides which side is the original from the signals a desk would use: publication times,
   wire credit, containment structure (a top-cut copy is contained in the top of its original; a
   copy with inserted paragraphs contains its original) and first-seen time;
3. picks each article's parent (its closest source) and follows parents to the original;
4. groups every pair that shares a story (copies, and reports with enough names and numbers in
   common, or a reused passage, or most of one's names in the other, at compatible times) into one
   story id;
5. names an article with no parent ``original`` when it is a report of its own (credited, or
   published within the story's first window) and ``related`` when it is a later, uncredited
   report on a story that already has originals, without copying any of them, or an agency's
   later report on a story it had already reported (its follow-up).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
from functools import cached_property
from typing import Any, Iterable

from cleaners.wire import attribution_in_text
from crawler.lineage.drift import drift
from crawler.lineage.model import LineageRecord
from crawler.lineage.verify import ALIGN_TERMS, COPY_CONTAINMENT, PairScores, Text, align, compare, complete

__all__ = ["Node", "needs_passages", "settle"]

_WORD = re.compile(r"\w+")
#: Copy relations, strongest first: a parent with a stronger relation is preferred.
_STRENGTH = {"verbatim": 5, "trimmed": 4, "excerpt": 4, "edited": 3, "rewrite": 2}
#: Shingle containment, both ways, of a verbatim copy (a changed headline or template does not count).
VERBATIM = 0.95
#: Least shingle containment of a top-cut copy (trimmed or excerpt) in its source, lightly edited.
TOP_CUT = 0.8
#: Most paragraphs of an excerpt (with under half its source), and the share of its source below
#: which any top cut is an excerpt.
EXCERPT_PARAGRAPHS = 3
EXCERPT_SHARE = 0.2
#: Share of a rewrite's content in sentences aligned, in order, with its source's sentences.
REWRITE_ALIGNED = 0.4
#: …and of the better-covered side: one text is mostly the other reworded (reports of one event
#: that merely share a lead and a quote or two align less).
REWRITE_CORE = 0.6
#: …or the facts (names and numbers) kept: a rewrite keeps its source's facts, where independent
#: reports of one event each choose their own.
REWRITE_FACTS = 0.6
#: Fact-term Jaccard that makes a rewrite without the sentence alignment, when each text prints every
#: quotation of the other (:func:`same_quotations`): a paraphrase too free to align still keeps its
#: source's quotations, where an independent reporter has at least one of their own.
REWRITE_QUOTED_FACTS = 0.4
#: Fewest quotations each text must have for that (one shared public statement proves nothing).
REWRITE_QUOTES = 2
#: Fact-term Jaccard (names and numbers) at which two reports are of the same story.
STORY_FACTS = 0.25
#: Lower fact-term Jaccard that is enough when the two also share a passage (a reused quote) of at
#: least :data:`STORY_PASSAGE_WORDS` words. Shorter shared runs are often an institution's or a
#: law's full name in a stock phrase, which reports of other events in the same region print too
#: (8–11 words in our held-out sets: "в пресс-службе Главного управления МЧС России по", "under
#: relevant sections of the Bharatiya Nyaya Sanhita (BNS)", "la Unidad Nacional para la Gestión
#: del Riesgo de Desastres (UNGRD)"); the reused quotes that joined reports of one story there
#: ran 10–29 words, and the pairs with 10 or 11 were joined by other links as well.
STORY_FACTS_WITH_PASSAGE = 0.1
STORY_PASSAGE_WORDS = 12
#: Names (:func:`~crawler.fingerprint.names_of`) two reports must share, and the share of the
#: names of the one with fewer, for one story whatever their Jaccard: a follow-up brings new
#: facts, so its fact Jaccard with the first reports is 0.12–0.35 in our held-out sets, but half
#: or more of its names (or theirs) are in the other. Same-city and same-agency reports of other
#: events share up to 16 names (German capitalises every noun) but at most 0.47 of the shorter
#: one's (a region, its police, an agency's boilerplate); six names can make 0.55.
STORY_NAMES = 7
STORY_NAMES_SHARE = 0.5
#: Reports further apart than this are never the same story.
STORY_SPAN = timedelta(days=3)
#: How far a clock time printed without its zone may be from UTC.
UNKNOWN_ZONE = timedelta(hours=14)
#: An uncredited report published within this time of the story's first report is an original.
ORIGINAL_WINDOW = timedelta(hours=12)


@dataclass
class Node:
    """One article in a neighbourhood being settled."""

    id: int
    url: str
    text: Text
    published: str | None = None
    first_seen: str | None = None
    wire: str | None = None
    credited: bool = False
    story: str | None = None
    key: str = ""
    publisher_wire: str | None = None
    title: str | None = None

    @cached_property
    def headline(self) -> str:
        """The title reduced to its lower-case words, for comparing headlines."""
        return " ".join(_WORD.findall((self.title or "").lower()))

    @cached_property
    def interval(self) -> tuple[datetime, datetime] | None:
        """Publication time as an interval (a whole day for a date alone), in UTC."""
        return _interval(self.published)


def _interval(value: str | None) -> tuple[datetime, datetime] | None:
    if not value:
        return None
    try:
        t = datetime.fromisoformat(value)
    except ValueError:
        return None
    naive = t.tzinfo is None
    if naive:
        t = t.replace(tzinfo=timezone.utc)
    t = t.astimezone(timezone.utc)
    if len(value) <= 10:
        return t, t + timedelta(days=1)
    if naive:  # a clock time without its zone: anywhere from UTC-12 to UTC+14
        return t - UNKNOWN_ZONE, t + UNKNOWN_ZONE
    return t, t


def _zone_mislabel(a: Node, b: Node) -> bool:
    """The same clock time under two time zones: a copy restamped with its source's local time.

    "13:15-05:00" against "13:15Z" says nothing about which came first (a republisher's CMS
    often keeps the source's wall-clock time and adds its own zone), so it casts no vote.
    """
    pa, pb = a.published or "", b.published or ""
    return len(pa) > 16 and len(pb) > 16 and pa[:16] == pb[:16] and pa[16:] != pb[16:]


def copy_relation(s: PairScores) -> str | None:
    """The copy relation of text ``a`` to text ``b`` that the scores support, if any."""
    if s.a_in_b >= VERBATIM and s.b_in_a >= VERBATIM:
        return "verbatim"
    # a top cut: a lies within b (wholly, or nearly when it was also lightly edited), b has more,
    # and what they share sits at b's top
    if ((s.a_in_b >= 0.9 and s.b_in_a < VERBATIM) or (s.a_in_b >= TOP_CUT and s.b_in_a < 0.85)) \
            and s.b_reach <= s.b_in_a + 0.15:
        # an excerpt is the first paragraph or few; a trim keeps a share of the whole story
        short = s.a_paragraphs <= EXCERPT_PARAGRAPHS and s.b_in_a < 0.5
        return "excerpt" if short or s.b_in_a < EXCERPT_SHARE else "trimmed"
    if max(s.a_in_b, s.b_in_a) >= COPY_CONTAINMENT:
        return "edited"
    if (s.aligned_a >= REWRITE_ALIGNED and s.term_jaccard >= ALIGN_TERMS
            and (max(s.aligned_a, s.aligned_b) >= REWRITE_CORE or s.fact_jaccard >= REWRITE_FACTS)):
        return "rewrite"
    if s.term_jaccard >= ALIGN_TERMS and s.fact_jaccard >= REWRITE_QUOTED_FACTS and same_quotations(s):
        return "rewrite"
    return None


def same_quotations(s: PairScores) -> bool:
    """Each text prints every quotation of the other, and each has at least :data:`REWRITE_QUOTES`."""
    (kept_a, n_a), (kept_b, n_b) = s.quotes_a, s.quotes_b
    return min(n_a, n_b) >= REWRITE_QUOTES and kept_a == n_a and kept_b == n_b


def _votes(a: Node, b: Node, s: PairScores, rel_ab: str | None, rel_ba: str | None,
           doubtful: frozenset[int] = frozenset()) -> list[tuple[str, float]]:
    """Evidence that ``a`` (not ``b``) is the original; positive numbers favour ``a``.

    ``rel_ab`` and ``rel_ba`` are :func:`copy_relation` of the pair, each way; times of the
    articles in ``doubtful`` (:func:`_dated_before_agency`) cast no vote.
    """
    votes: list[tuple[str, float]] = []
    ia, ib = a.interval, b.interval
    if a.id in doubtful or b.id in doubtful:
        if ia and ib:
            votes.append(("dated before the agency report it copies: its time is not counted", 0.0))
    elif ia and ib and (ia[1] <= ib[0] or ib[1] <= ia[0]) and ia[0] != ib[0] and not _zone_mislabel(a, b):
        votes.append(("published earlier", 3.0 if ia[0] < ib[0] else -3.0))
    if bool(a.publisher_wire) != bool(b.publisher_wire):
        votes.append(("published by the agency itself", 3.5 if a.publisher_wire else -3.5))
    if a.credited != b.credited:
        votes.append(("carries the wire credit", 1.0 if a.credited else -1.0))
    if rel_ab in ("trimmed", "excerpt") and rel_ba not in ("trimmed", "excerpt"):
        votes.append(("has the text cut from the copy's bottom", -2.0))
    elif rel_ba in ("trimmed", "excerpt") and rel_ab not in ("trimmed", "excerpt"):
        votes.append(("has the text cut from the copy's bottom", 2.0))
    elif s.a_in_b >= 0.8 > s.b_in_a:
        votes.append(("is contained in a copy with inserted material", 1.0))
    elif s.b_in_a >= 0.8 > s.a_in_b:
        votes.append(("is contained in a copy with inserted material", -1.0))
    if a.first_seen and b.first_seen and a.first_seen != b.first_seen:
        votes.append(("seen first", 0.5 if a.first_seen < b.first_seen else -0.5))
    votes.append(("indexed first", 0.1 if a.id < b.id else -0.1))
    return votes


@dataclass
class _Edge:
    copy: int
    source: int
    relation: str
    scores: PairScores  # copy → source
    margin: float
    votes: list[tuple[str, float]] = field(default_factory=list)

    @property
    def similarity(self) -> float:
        s = self.scores
        return s.aligned_a if self.relation == "rewrite" else max(s.a_in_b, s.jaccard)

    @property
    def confidence(self) -> float:
        s = self.scores
        base = {"verbatim": min(s.a_in_b, s.b_in_a), "trimmed": s.a_in_b, "excerpt": s.a_in_b,
                "edited": max(s.a_in_b, s.b_in_a), "rewrite": min(1.0, 0.5 + s.aligned_a / 2)}[self.relation]
        return round(base * min(1.0, 0.6 + 0.1 * abs(self.margin)), 3)


def _edge(a: Node, b: Node, s: PairScores, doubtful: frozenset[int] = frozenset()) -> _Edge | None:
    rel_ab, rel_ba = copy_relation(s), copy_relation(s.flipped())
    if not (rel_ab or rel_ba):
        return None
    if _rival_agencies(a, b) and {rel_ab, rel_ba} <= {"rewrite", None}:
        # two agencies' own reports of one event are each written by their own reporters from the
        # same statements and quotes: only a textual copy makes one the other's
        return None
    votes = _votes(a, b, s, rel_ab, rel_ba, doubtful)
    margin = sum(v for _, v in votes)
    # the edge's votes favour its source (the original) when positive
    if margin >= 0:  # a is the original: b copies it
        rel = rel_ba or ("edited" if rel_ab in ("trimmed", "excerpt", "edited") else rel_ab)
        return _Edge(b.id, a.id, rel, s.flipped(), margin, votes)  # type: ignore[arg-type]
    rel = rel_ab or ("edited" if rel_ba in ("trimmed", "excerpt", "edited") else rel_ba)
    return _Edge(a.id, b.id, rel, s, -margin, [(n, -v) for n, v in votes])  # type: ignore[arg-type]


def _dated_before_agency(nodes: dict[int, Node], edges: dict[int, list[_Edge]]) -> frozenset[int]:
    """Copies whose printed time is wholly before that of an agency's own report they copy.

    A copy cannot appear before its original; such a time is a CMS default or a stale date
    ("13.11.2026 08:00" on a copy of a report of the 16th), and would otherwise make the copy
    the original of every other copy of that report.
    """
    out = set()
    for copy, found in edges.items():
        ic = nodes[copy].interval
        for e in found:
            source = nodes[e.source]
            if ic and source.publisher_wire and not nodes[copy].publisher_wire and source.interval \
                    and ic[1] < source.interval[0]:
                out.add(copy)
    return frozenset(out)


def _rival_agencies(a: Node, b: Node) -> bool:
    """Both articles are on agencies' own sites, of different agencies."""
    return bool(a.publisher_wire and b.publisher_wire and a.publisher_wire != b.publisher_wire)


def _within_story_span(a: Node, b: Node) -> bool:
    ia, ib = a.interval, b.interval
    return not (ia and ib and (ib[0] - ia[1] > STORY_SPAN or ia[0] - ib[1] > STORY_SPAN))


def needs_passages(s: PairScores) -> bool:
    """Whether the answer for a pair depends on its shared passages (for :func:`~crawler.lineage.verify.compare`).

    It does when one text may be a top cut of the other (how far down the passages reach in
    the longer one) and when the pair shares too few facts to be one story without a reused
    passage, but enough with one. Evidence needs them too: it completes the scores it shows.
    """
    return max(s.a_in_b, s.b_in_a) >= TOP_CUT or STORY_FACTS_WITH_PASSAGE <= s.fact_jaccard < STORY_FACTS


def _story_pair(a: Node, b: Node, s: PairScores) -> bool:
    passage = any(int(p["words"]) >= STORY_PASSAGE_WORDS for p in s.passages or ())  # type: ignore[call-overload]
    shared = s.fact_jaccard >= STORY_FACTS or (passage and s.fact_jaccard >= STORY_FACTS_WITH_PASSAGE)
    return (shared or same_names(a.text, b.text)) and _within_story_span(a, b)


def same_names(a: Text, b: Text) -> bool:
    """Whether most names of one text are the other's: at least :data:`STORY_NAMES` in common,
    and at least :data:`STORY_NAMES_SHARE` of the names of the text with fewer."""
    shared = len(a.names & b.names)
    return shared >= STORY_NAMES and shared >= STORY_NAMES_SHARE * min(len(a.names), len(b.names))


def _passage_evidence(s: PairScores, limit: int = 5) -> list[dict[str, Any]]:
    top = sorted(s.passages, key=lambda p: -int(p["words"]))[:limit]  # type: ignore[call-overload]
    return [{"words": p["words"], "copy": p["a"], "source": p["b"], "text": p["text"]} for p in top]


def _sentence_evidence(copy: Node, source: Node, s: PairScores, limit: int = 5) -> list[dict[str, Any]]:
    cs, ss = copy.text.sentences, source.text.sentences
    out = []
    for i, j, d in sorted(s.sentence_pairs, key=lambda p: -p[2])[:limit]:
        out.append({"score": d, "copy": [cs[i][0], cs[i][0] + len(cs[i][1])], "copy_text": cs[i][1],
                    "source": [ss[j][0], ss[j][0] + len(ss[j][1])], "source_text": ss[j][1]})
    return out


def _scores(s: PairScores) -> dict[str, Any]:
    return {"jaccard": round(s.jaccard, 4), "containment_in_source": round(s.a_in_b, 4),
            "containment_of_source": round(s.b_in_a, 4), "term_jaccard": round(s.term_jaccard, 4),
            "fact_jaccard": round(s.fact_jaccard, 4),
            "aligned_copy": round(s.aligned_a, 4), "aligned_source": round(s.aligned_b, 4),
            # [printed by the other text, of how many]
            "quotations_of_copy_in_source": list(s.quotes_a), "quotations_of_source_in_copy": list(s.quotes_b)}


def _drift(copy: Node, source: Node, s: PairScores) -> list[dict[str, Any]]:
    return drift([t for _, t, _ in copy.text.sentences], [t for _, t, _ in source.text.sentences],
                 s.sentence_pairs, source.published, source.url)


def settle(nodes: dict[int, Node], pairs: dict[tuple[int, int], PairScores],
           report: set[int] | None = None, also: dict[tuple[int, int], float] | None = None,
           evidence_for: set[int] | None = None) -> dict[int, LineageRecord]:
    """Settle the lineage of a neighbourhood of articles.

    Args:
        nodes: the articles, by index id.
        pairs: exact scores of candidate pairs, keyed ``(a, b)`` with ``a < b``, scoring a → b.
        report: the ids to return records for (default: all nodes).
        also: fact-term Jaccard of further pairs of the neighbourhood that are not LSH
            candidates (two hops apart); they can only join stories, never make copies.
        evidence_for: the ids whose records carry evidence (default: every reported id); the
            others get the answer alone, which is much cheaper.

    Returns:
        A :class:`~crawler.lineage.model.LineageRecord` per reported id.
    """
    story_links: list[tuple[int, int]] = []
    found = {pair: _edge(nodes[pair[0]], nodes[pair[1]], s) for pair, s in pairs.items()}
    doubtful = _dated_before_agency(nodes, _by_copy(found.values()))
    if doubtful:  # decide those copies' pairs again without their times
        found.update({(a, b): _edge(nodes[a], nodes[b], s, doubtful) for (a, b), s in pairs.items()
                      if a in doubtful or b in doubtful})
    edges = _by_copy(found.values())
    for (a, b), s in pairs.items():
        if found[a, b] or _story_pair(nodes[a], nodes[b], s):
            story_links.append((a, b))
    for (a, b), facts in (also or {}).items():
        if (facts >= STORY_FACTS or same_names(nodes[a].text, nodes[b].text)) and _within_story_span(nodes[a], nodes[b]):
            story_links.append((a, b))

    parent: dict[int, _Edge] = {}
    for copy, out in edges.items():
        out.sort(key=lambda e: (-_STRENGTH[e.relation], -e.similarity, e.source))
        parent[copy] = _closest_source(nodes, copy, out, edges)
    _break_cycles(parent)

    def root(i: int) -> int:
        seen = set()
        while i in parent and i not in seen:
            seen.add(i)
            i = parent[i].source
        return i

    story = _stories(nodes, story_links)
    members: dict[str, list[int]] = {}
    for i, sid in story.items():
        members.setdefault(sid, []).append(i)

    related = {i for i in nodes if i not in parent and _is_related(nodes, i, members[story[i]], parent)}
    reported = report if report is not None else set(nodes)
    explain = reported if evidence_for is None else evidence_for
    out: dict[int, LineageRecord] = {}
    for i in reported:
        node = nodes[i]
        if i in parent:
            e = parent[i]
            orig = nodes[root(i)]
            src = nodes[e.source]
            # the original's agency: its credit, or the agency whose own site published it
            agency = orig.wire or orig.publisher_wire
            # a rewrite often credits its source in a sentence ("according to Reuters") instead of
            # a credit line
            in_text = attribution_in_text(node.text.text, agency) if agency and node.wire != agency else None
            out[i] = LineageRecord(
                url=node.url, relation=e.relation, parent_url=src.url, original_url=orig.url,
                story_id=story[i], wire=node.wire, credited=bool(node.wire and node.wire == agency or in_text),
                miscredited=bool(node.wire and agency and node.wire != agency and not in_text),
                confidence=e.confidence, evidence={},
            )
            if i in explain:
                scores = complete(node.text, src.text, e.scores)
                out[i].evidence = {
                    "scores": _scores(scores),
                    "passages": _passage_evidence(scores),
                    "aligned_sentences": _sentence_evidence(node, src, scores),
                    "direction": [{"signal": n, "weight": v} for n, v in e.votes],
                    "credit": {"copy": node.wire, "original": agency, "in_text": in_text},
                    "times": {"copy": node.published, "source": src.published, "original": orig.published,
                              "copy_first_seen": node.first_seen, "source_first_seen": src.first_seen},
                    "other_sources": [nodes[x.source].url for x in edges[i] if x.source != e.source][:5],
                    "drift": _drift(node, src, scores),
                }
        else:
            rel = "related" if i in related else "original"
            ev: dict[str, Any] = {}
            if i in explain:
                ev["copies"] = sorted(nodes[c].url for c, e in parent.items() if e.source == i)
            if rel == "related" and i in explain:
                ev.update(_related_evidence(nodes, pairs, i, members[story[i]], parent))
            out[i] = LineageRecord(
                url=node.url, relation=rel, parent_url=None, original_url=node.url, story_id=story[i],
                wire=node.wire, credited=node.credited, confidence=0.6 if rel == "related" else 1.0,
                evidence=ev,
            )
    return out


def _by_copy(found: Iterable[_Edge | None]) -> dict[int, list[_Edge]]:
    edges: dict[int, list[_Edge]] = {}
    for e in found:
        if e:
            edges.setdefault(e.copy, []).append(e)
    return edges


def _closest_source(nodes: dict[int, Node], copy: int, out: list[_Edge], edges: dict[int, list[_Edge]]) -> _Edge:
    """The parent among a copy's candidate sources, ``out``, sorted strongest and closest first.

    Sources whose texts are equally close to the copy (a wire story and its verbatim reprints)
    are told apart by the headline first: a copy of a copy usually keeps the headline of the page
    it was taken from. Failing that, the source that copies nobody (the wire copy itself) wins.
    """
    best = out[0]
    ties = [e for e in out if e.relation == best.relation and best.similarity - e.similarity <= 0.02]
    if len(ties) > 1:
        headline = nodes[copy].headline
        same = [e for e in ties if headline and nodes[e.source].headline == headline]
        if same and len(same) < len(ties):
            return next((e for e in same if e.source not in edges), same[0])
        if best.source in edges:
            return next((e for e in ties if e.source not in edges), best)
    return best


def _break_cycles(parent: dict[int, _Edge]) -> None:
    for start in list(parent):
        path: list[int] = []
        i = start
        while i in parent and i not in path:
            path.append(i)
            i = parent[i].source
        if i in path:  # a cycle: drop its least certain edge
            cycle = path[path.index(i):]
            weakest = min(cycle, key=lambda x: (parent[x].margin, parent[x].similarity))
            del parent[weakest]


def _stories(nodes: dict[int, Node], links: list[tuple[int, int]]) -> dict[int, str]:
    up = {i: i for i in nodes}

    def find(i: int) -> int:
        while up[i] != i:
            up[i] = up[up[i]]
            i = up[i]
        return i

    for a, b in links:
        up[find(a)] = find(b)
    groups: dict[int, list[int]] = {}
    for i in nodes:
        groups.setdefault(find(i), []).append(i)
    out: dict[int, str] = {}
    for group in groups.values():
        # keep the story id of the earliest-indexed member that has one, so ids are stable
        known = sorted((i for i in group if nodes[i].story), key=lambda i: i)
        sid = nodes[known[0]].story if known else _story_id(nodes[min(group)].key or nodes[min(group)].url)
        for i in group:
            out[i] = sid  # type: ignore[assignment]
    return out


def _story_id(key: str) -> str:
    return "story-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def _qualifies_as_original(nodes: dict[int, Node], i: int, earliest: datetime | None) -> bool:
    node = nodes[i]
    if node.credited:
        return True
    iv = node.interval
    return bool(iv and earliest is not None and _likely_start(iv) <= earliest + ORIGINAL_WINDOW)


def _likely_start(iv: tuple[datetime, datetime]) -> datetime:
    """When an article most likely appeared: a clock time without its zone counts as printed in UTC
    (its interval's start, at UTC+14, would put every report of the next morning in the story's
    first window)."""
    return iv[0] + UNKNOWN_ZONE if iv[1] - iv[0] == 2 * UNKNOWN_ZONE else iv[0]


def _is_related(nodes: dict[int, Node], i: int, group: list[int], parent: dict[int, _Edge]) -> bool:
    roots = [j for j in group if j not in parent]
    starts = [_likely_start(iv) for j in roots if (iv := nodes[j].interval)]
    earliest = min(starts) if starts else None
    if _qualifies_as_original(nodes, i, earliest) and not _agency_follow_up(nodes, i, roots):
        return False
    return any(j != i and _qualifies_as_original(nodes, j, earliest) for j in roots)


def _agency_follow_up(nodes: dict[int, Node], i: int, roots: list[int]) -> bool:
    """Whether ``i`` is an agency's later report on a story it had already reported: credited to
    the same agency as a report of the story more than :data:`ORIGINAL_WINDOW` earlier (the
    next-day update, the victims named). Another agency's report stays an original of its own."""
    node, iv = nodes[i], nodes[i].interval
    if not (node.credited and node.wire and iv):
        return False
    start = _likely_start(iv)
    return any(j != i and nodes[j].credited and nodes[j].wire == node.wire and (jv := nodes[j].interval)
               and _likely_start(jv) + ORIGINAL_WINDOW < start for j in roots)


def _related_evidence(nodes: dict[int, Node], pairs: dict[tuple[int, int], PairScores], i: int,
                      group: list[int], parent: dict[int, _Edge]) -> dict[str, Any]:
    sources = []
    for j in group:
        if j == i or j in parent:
            continue
        # every original of the story, candidate pair or not, aligned from this article's side
        s = pairs.get((i, j)) or (pairs[(j, i)].flipped() if (j, i) in pairs else None)
        if s is None:
            s = compare(nodes[i].text, nodes[j].text)
        aligned = align(nodes[i].text, nodes[j].text)
        s = replace(s, aligned_a=aligned[0], aligned_b=aligned[1], sentence_pairs=aligned[2])
        sources.append((s.aligned_a + s.term_jaccard, j, s))
    sources.sort(key=lambda x: (-x[0], x[1]))
    drift_items: list[dict[str, Any]] = []
    for _, j, s in sources[:3]:
        drift_items.extend(_drift(nodes[i], nodes[j], s))
    return {
        "reason": "a later, uncredited report on a story that has originals; copies none of them",
        "related": [{"url": nodes[j].url, **_scores(s), "shared_names": _shared_names(nodes[i], nodes[j])}
                    for _, j, s in sources[:5]],
        "drift": drift_items,
    }


def _shared_names(a: Node, b: Node, limit: int = 20) -> list[str]:
    """Names both texts print (:func:`~crawler.fingerprint.names_of`), the longest first."""
    return sorted(a.text.names & b.text.names, key=lambda n: (-len(n), n))[:limit]
