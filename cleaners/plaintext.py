"""CLEAN: boilerplate removal and metadata lines for article text.

Plain-text articles (like ``seeds/*.txt``) and the text trafilatura extracts from HTML both go
through :func:`parse`. It works by what lines look like, never by exact strings:

1. each line is classified: a body paragraph (a sentence, or a long run of words), a short line
   (label, headline, subheading, list item), a metadata line (date, byline, credit), or a shape
   that is boilerplate wherever it stands (URL-only lines, separators, desk codes such as
   ``int/sd/``, "N weeks ago" stamps, calls to action, comment policies, copyright, share bars,
   photo credits, tag lists, author bios);
2. the body runs from the first to the last paragraph; short lines before it are the header
   (title, section label, site junk), short lines inside it are subheadings and stay, short lines
   after it are the tail (related-story lists, footers) and go;
3. metadata lines become fields (published/modified dates, byline and authors, wire credits,
   correction notes), and a dateline opening the body is split off as a field.
"""

from __future__ import annotations

import re
from typing import Any
from dataclasses import dataclass, field

from cleaners.dates import DATE_TEXT, parse_date
from cleaners.text import tidy, word_count
from cleaners.wire import Author, Credit, agency_of, match_byline, match_credit_line, match_dateline, match_trailing_signoff

__all__ = ["DATE_IN_TEXT", "META_KEY", "UPDATED_KEY", "Parsed", "is_correction", "parse", "updated_as_published"]

#: Labels printed before a date ("Published", "Last Updated"…), as a regular expression.
META_KEY = (r"(?:published|updated|last updated|first published|posted|modified|date|dated|created|publish date|issued|"
            r"publi\u00e9 le|mis \u00e0 jour le|publicado|actualizado|ver\u00f6ffentlicht|aktualisiert|stand|"
            r"pubblicato|aggiornato|atualizado|gepubliceerd|bijgewerkt|"
            # Korean ("입력" entered, "수정" revised), Chinese and Japanese labels
            "\uae30\uc0ac\uc785\ub825|\uc785\ub825|\ub4f1\ub85d|\ucd5c\uc885\\s?\uc218\uc815|\uc218\uc815|"
            "\u53d1\u5e03\u65f6\u95f4|\u767c\u5e03\u6642\u9593|\u53d1\u5e03|\u767c\u5e03|\u66f4\u65b0\u65f6\u95f4|"
            "\u6700\u7d42\u66f4\u65b0|\u66f4\u65b0\u65e5\u6642|\u66f4\u65b0|\u914d\u4fe1\u65e5\u6642|\u914d\u4fe1|"
            "\u516c\u958b\u65e5|\u63b2\u8f09\u65e5)"
            # the word before the date ("Aktualisiert am", "Publicado el", "Pubblicato il", "em", "op")
            r"(?:\s+(?:am|el|il|em|op)(?=\s))?")
_META_KEY = META_KEY
#: A label that marks a time as the last update, in the same languages.
UPDATED_KEY = re.compile("updated|modified|aktualisiert|actualizado|mis \u00e0 jour|aggiornato|atualizado|bijgewerkt|"
                         "\uc218\uc815|\u66f4\u65b0", re.IGNORECASE)
_CJK_AFTER_DATE = ("(?:\u6765\u6e90|\u4f86\u6e90|\u51fa\u5178|\u63d0\u4f9b\u5143?|\ucd9c\ucc98|\u4f5c\u8005|\u7f16\u8f91)"
                   r"\s*:\s*.{1,30}|(?:\u66f4\u65b0|\u914d\u4fe1|\u516c\u958b|\u63b2\u8f09|\u53d1\u5e03|\u767c\u5e03)")
_DATE_LINE = re.compile(
    rf"^(?:(?P<key>{_META_KEY})\s*(?:on|at)?\s*[:|\-]?\s*)?(?P<date>{DATE_TEXT})\s*"
    # what follows the date: a source or author after a separator, a zone in parentheses, or a
    # Chinese or Japanese label ("2026-11-12 10:41 来源:中新网", "2026年11月18日 14時10分 更新")
    rf"(?:[|,]\s*.{{0,30}}|\([^()]{{1,30}}\)|{_CJK_AFTER_DATE})?$",
    re.IGNORECASE,
)
# A date, with its label, anywhere in a text (metadata.py reads visible dates with it too). In a
# short header line it is a date line with what a page prints around it: a source or place before
# it ("ANI | Updated: Mar 12, 2026 15:47 IST", "KYODO NEWS - Mar 13, 2026 - 17:48 | Business",
# "Sriharikota, Mar 12, 2026 11:42 IST", "All News 09:31 March 01, 2026"), a label, a zone in
# parentheses, the author or an update stamp after it ("Tuesday 17 March 2026 - 19:48 (Santiago)",
# "Posted on March 18, 2026 by Money Desk", "April 7, 2026 11:24 AM GMT+6 Updated 3 hours ago").
DATE_IN_TEXT = re.compile(rf"(?:(?P<key>{_META_KEY})\s*(?:on|at)?\s*[:|\-]?\s*)?(?P<date>{DATE_TEXT})", re.IGNORECASE)
_LINE_SEPARATOR = "|\u00b7,:;-\u2013\u2014"
_DATE_AFTER = re.compile(r"^(?:[|,\u00b7\-\u2013\u2014]\s*[^.!?]{0,40}|\([^()]{1,30}\)|by\s+(?P<by>\S+(?:\s+\S+){0,4})|"
                         r"(?:updated|modified)\b[^.!?]{0,30})$",
                         re.IGNORECASE)
_DATE_PREFIX = re.compile(rf"^(?P<key>{_META_KEY})\s*[:|\-]?\s*(?P<date>{DATE_TEXT})\s+(?P<rest>\S.*)$", re.IGNORECASE)

_CTA_TARGET = (r"(?:whats\s?app|telegram|twitter|x\.com|facebook|instagram|youtube|linkedin|threads|tiktok|"
               r"google news|channel|newsletters?|app|podcast|alerts|notifications|us on|our (?:page|site|channel|"
               r"newsletter|app|coverage))")
_BOILERPLATE = [re.compile(p, re.IGNORECASE) for p in (
    # Chinese, Japanese and Korean reprint notices: "声明:转载此文是出于传递更多信息之目的…",
    # "無断転載を禁じます", "무단전재 및 재배포 금지", "未经授权禁止转载"
    "^(?:\u514d\u8d23)?\u58f0\u660e\\s*:.{0,20}\u8f6c\u8f7d|^.{0,60}(?:\u7981\u6b62\u8f6c\u8f7d|\u7121\u65ad\u8ee2\u8f09|"
    "\u7121\u65ad\u8907\u88fd|\ubb34\ub2e8\\s?\uc804\uc7ac).{0,40}$",
    # calls to action: an imperative opening a short line and a platform or list to join
    rf"^(?:follow(?!-)|join|like|subscribe|sign up|signup|download|install|get|click|tap|watch|listen|"
    rf"visit|check out|stay (?:updated|tuned|informed)|don'?t miss|never miss)\b.{{0,100}}\b{_CTA_TARGET}\b",
    r"\bsign up (?:now|today|here|for free)\b|^(?!.*\b(?:said|says|told|urged|asked)\b).{0,160}\bin your inbox\b",
    # subscription, donation and paywall pitches
    r"\bby subscribing,? you\b|\bsubscribe (?:now|today|here)\b|^(?:please )?(?:become|join)\b.{0,40}\b"
    r"(?:subscriber|supporter|member)s?\b.{0,60}$|(?:^|\b(?:help|please|you can) )support (?:our|independent|"
    r"quality|local) journalism\b|^(?:enjoyed|liked|like) (?:this|reading this|what you (?:read|see))"
    r"(?: (?:article|story|post|piece))?\s*[?!]|\bbuy (?:me|us) a coffee\b|"
    r"\b(?:support|back|join) (?:me|us|this \w+) on (?:patreon|ko-fi)\b",
    r"^(?:the )?full (?:article|story|text) (?:is )?(?:available|only) (?:to|for)\b|\bfor subscribers only\b|"
    r"^(?:this (?:article|story|content) is )?(?:available )?(?:only )?(?:to|for) (?:\w+ )?subscribers\W*$",
    r"^privacy notice\s*:|\bnewsletters?\b.{0,80}\b(?:privacy (?:policy|notice)|unsubscribe)\b",
    # syndication disclaimers ("This story has not been edited by our staff and is published from a feed")
    r"\b(?:syndicated|agency|wire|news) feed\b.{0,80}\b(?:edited|staff|auto-?generated)\b|"
    r"\b(?:not been edited|auto-?generated)\b.{0,80}\b(?:feed|staff)\b",
    r"^(?:please )?(?:sign up|subscribe)\b.{0,40}\b(?:newsletter|briefing|digest|alerts|updates)\b",
    # comment policies and disclaimers
    r"\bcomments?\b.{0,100}\b(?:refrain|policy|moderat\w*|abusive|derogatory|obscene|offensive|defamatory|"
    r"not (?:from|those of|the views)|(?:do|does) not (?:necessarily )?(?:represent|reflect) (?:the )?"
    r"(?:views|opinions?|positions?))",
    r"^(?:comment(?:s|ing)?|community|reader) (?:rules|policy|policies|guidelines|standards)\b",
    r"\b(?:views|opinions) expressed\b.{0,80}\b(?:author|writer|not necessarily|own)\b",
    r"\ball rights reserved\b",
    r"\bmay not be (?:published|reproduced|broadcast|rewritten|redistributed)",
    # ad slots, navigation and promo headers
    # (also in German, French, Spanish, Italian, Portuguese, Dutch)
    r"^(?:advertisement|advertising|sponsored(?: content)?|promoted|ads? by \w+|story continues below|"
    r"continue reading|skip to (?:main )?content|scroll to continue|anzeige|werbung|publicidad|publicit\u00e9|"
    r"pubblicit\u00e0|advertentie)(?:\W+(?:scroll(?: down)? to continue(?: reading)?|story continues below|"
    r"continue reading(?: below)?|article continues below))?\W*$",
    r"^(?:read more|also read|read also|see also|related(?: stories| articles| news| coverage| content)?|"
    r"recommended(?: for you)?|more from|more stories|most read|most popular|trending(?: now)?|top stories|"
    r"latest news|you may also like|editor'?s picks?|more on this|don'?t miss|lesen sie (?:auch|mehr)|"
    r"mehr zum thema|meistgelesen|\u00e0 lire aussi|lire aussi|\u00e0 lire \u00e9galement|lee tambi\u00e9n|"
    r"lea tambi\u00e9n|leer m\u00e1s|ver tambi\u00e9n|m\u00e1s noticias|leia tamb\u00e9m|leggi anche)"
    r"(?:\s*[:|\-\u2013\u2014\u00bb>]|(?=(?:\s+\S+){0,10}\s*$))",  # a label: a separator follows, or a short line
    r"^(?:share(?: this(?: article| story)?| on| via)?|tweet|e-?mail|print|copy link|whatsapp|facebook|"
    r"twitter|linkedin|pinterest|reddit|telegram)(?:\s*(?:\||,|/|\u00b7)?\s*(?:whatsapp|facebook|twitter|"
    r"linkedin|pinterest|reddit|telegram|e-?mail|print|copy link|x))*\W*$",
    r"^(?:click|tap) here\b",
    r"^read\s*:\s*\S",  # "READ: Kenya revives plan to extend SGR" (a prose sentence never opens so)
    # a member paper's footer ("The Sioux Valley Sentinel is a member of The Associated Press.")
    r"^(?:the )?[A-Z][\w.'\u2019&-]*(?: [A-Z][\w.'\u2019&-]*){0,6} is a member of (?:the )?(?:associated press|"
    r"canadian press|ap)\W*$",
    # sponsored-content disclosures ("This content was produced by … in partnership with …")
    r"^this (?:content|article|story|post|feature) (?:is|was) (?:sponsored|paid for|produced|created|written|"
    r"brought to you|presented)\b.{0,120}\b(?:by|with)\b|\bnewsroom (?:was|were|is) not involved\b",
    r"^\d+\s*min(?:ute)?s?\s+read\W*$",
    # photo credits, tag lists, cookie notices
    r"^(?:photo|image|picture|file photo|photograph|video|graphic|illustration)s?(?:\s*credit)?\s*[:/|]",
    r"^\(?(?:photo|image|picture|file photo)s?\s*(?:credit)?\s*:?[^)]{0,80}\)?$",
    r"\bcookies?\b.{0,80}\b(?:accept|consent|policy|browsing|experience|settings)\b",
    r"^(?:tags?|topics?|filed under|categories|keywords)\s*:",
    # an author bio closing the article
    r"^about the (?:authors?|writers?|reporters?)\b",
    r"^[A-Z][\w'\u2019-]+(?: [A-Z][\w'\u2019.-]+){1,3} (?:covers|writes about|reports on)\b.{0,160}\b(?:for|at) "
    r"(?:the )?[A-Z][\w.-]*(?: [A-Z][\w.-]*)*\.?(?:\s|$)",
    # how to reach the reporter or send a tip
    r"^(?:to )?(?:contact|reach|email|e-mail|write to)\b.{0,120}@|^to contact the (?:reporters?|editors?|writers?|"
    r"authors?)\b|\b(?:reach|contact|email|e-mail) (?:him|her|them|me|us|the (?:author|reporter|writer)) (?:at|via|on) "
    r"(?:\S+@\S+|[+(]?\d|@\w|twitter|x\b|signal|whatsapp|telegram)",
    r"^[A-Z][\w'\u2019.-]+(?: [A-Z][\w'\u2019.-]+){1,3}(?: in [A-Z][\w .'-]{1,30})? at \S+@\S+\.\w+\.?$",
    r"^have (?:a|any) (?:confidential |news |story )?tips?\b|^(?:get in touch|contact us)\W*$",
    # live-story and republishing notes, membership pitches, time-only stamps, photo credits
    r"^this is a (?:developing|breaking) (?:story|news story)\b|^this (?:story|article) (?:will|may) be updated\b",
    r"^republish this (?:story|article)\W*$|\b(?:may|can) be republished\b",
    r"^view (?:this (?:story|article|page) )?(?:on|in) (?:the )?(?:full|desktop|classic|mobile) (?:site|version)\W*$",
    r"^weather\s*:\s*[^.!?]{0,60}\d+\s*\u00b0\s*[FC]\b",
    r"\bbecome a (?:paying )?(?:member|subscriber|supporter)(?: today| now| for \S{1,8} (?:a|per) (?:month|year))?\W*$",
    r"^(?:[\w'\u2019]+ ){0,5}(?:depends|relies) on (?:readers|you|your support|reader support)\W*$",
    # paywall prompts and comment sections (also in Spanish, French, German, Italian, Portuguese)
    r"\ba subscription to (?:continue|keep reading|read (?:this|the full))\b|"
    r"^have an (?:existing )?(?:subscription|account)\s*\?|^thanks? (?:you )?for reading\W*$",
    r"^(?:comments?|comentarios|commentaires|kommentare|commenti|coment[a\u00e1]rios)(?:\s*\(\d+\))?\W*$",
    r"^para comentar\b|^pour commenter\b|^um (?:einen kommentar|zu kommentieren)\b|"
    r"^(?:to|in order to) (?:comment|post a comment)\b.{0,60}\b(?:log ?in|sign in|"
    r"register|subscribe)|\bmust be (?:logged in|registered|a subscriber) to comment\b",
    r"^(?:suscr[i\u00ed]bete|abonnez-vous|inscrivez-vous|abonnieren sie|iscriviti|assine|inscreva-se)\b.{0,60}"
    r"\b(?:bolet[i\u00ed]n|newsletter|infolettre|notiziario)\b|^recibe\b.{0,100}\ben tu (?:correo|email|e-mail)\b",
    r"^\W{0,3}(?:updated|posted|published)\s*:?\s*(?:at\s*)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?\s*m\.?)?(?:\s*[A-Z]{2,4})?\W*$",
    r"\((?:[A-Z][\w.'\u2019-]* ){0,3}(?:staff )?(?:photo|photograph|image|picture)s? (?:by|courtesy of)\b[^()]{1,60}\)$",
    r"^[A-Z][\w'\u2019-]+(?: [A-Z][\w'\u2019.-]+){1,3} (?:is|was|has been) (?:an? |the )?(?:[\w-]+ ){0,4}"
    r"(?:reporter|correspondent|editor|writer|journalist|columnist|contributor)\b",
)]
_CORRECTION = re.compile(
    r"^(?:correction|clarification|editor['\u2019]?s note)\s*[:\-]|^this (?:story|article|report) (?:has been|was) "
    r"(?:corrected|updated|amended)|^an earlier version of this (?:story|article|report)\b|"
    r"^update[ds]?\b.{0,25}?:\s*this (?:story|article|report) has been\b", re.IGNORECASE)
_RELATIVE_TIME = re.compile(
    r"\b\d+\s*(?:sec|second|min|minute|hr|hour|day|week|month|year)s?\s+ago\b|^(?:yesterday|just now)$", re.IGNORECASE)
_URL = re.compile(r"^(?:(?:https?://|www\.)\S+|\S+@\S+\.\w+)$", re.IGNORECASE)
_DESK_CODE = re.compile(r"^\(?\(?[a-z]{1,8}(?:[-.][a-z0-9]{1,8})*(?:/[a-z0-9.-]{0,12}){1,4}\)?\)?$|^\(\(.*\)\)$")
_SEPARATOR = re.compile(r"^[\W_]{1,12}$")
_SENTENCE_END = re.compile(r"[.!?:;\u3002\u0964\u0965\u061f\u06d4][\"'\u201d\u2019)\]\u300d\u300f]*$|[\"\u201d\u300d]$")
_TRAILING_PARENS = re.compile(r"\s*\([^()]{1,40}\)$")
# A table row as trafilatura prints one ("| Grace Nakamura | 11,482 | 41.3% |"), two cells or more.
_TABLE_ROW = re.compile(r"^\|(?:[^|]*\|){2,}\s*$")
_BULLET = re.compile(r"^(?:[-*\u2022\u25aa\u25cf]|\d{1,2}[.)])\s+\S")


@dataclass
class Parsed:
    """The result of :func:`parse`: body paragraphs plus every field found in metadata lines."""

    paragraphs: list[str] = field(default_factory=list)
    title: str | None = None
    section: str | None = None
    byline: str | None = None
    authors: list[Author] = field(default_factory=list)
    published: str | None = None
    published_raw: str | None = None
    modified: str | None = None
    modified_raw: str | None = None
    dateline: str | None = None
    correction: str | None = None
    credits: list[Credit] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The body: paragraphs joined by newlines."""
        return "\n".join(self.paragraphs)


def is_correction(line: str) -> bool:
    """Whether ``line`` is a correction or editor's note ("Correction: …", "This story has been corrected …")."""
    return bool(_CORRECTION.search(line))


def _is_boilerplate(line: str) -> bool:
    words = word_count(line)
    if words > 60:
        return False
    if any(p.search(line) for p in _BOILERPLATE):
        return True
    return words <= 8 and bool(_RELATIVE_TIME.search(line))


def _is_paragraph(line: str) -> bool:
    words = word_count(line)
    ending = _TRAILING_PARENS.sub("", line)  # "... officials said. (ANI)"
    return (words >= 4 and bool(_SENTENCE_END.search(ending))) or words >= 25 or (
        words >= 4 and bool(_BULLET.match(line)))


def _is_heading(line: str) -> bool:
    # A subheading inside the body: a short line that starts like a title.
    words = line.split()
    return 1 <= len(words) <= 14 and line.lstrip("'\"\u2018\u201c")[:1].isupper() and not _SEPARATOR.match(line)


#: Consecutive short lines inside the body from which they are a list of other stories' headlines:
#: a story's subheadings are separated by paragraphs.
TEASER_RUN = 5


def _teaser_runs(kinds: list[str], first: int, last: int) -> set[int]:
    """Indices of runs of :data:`TEASER_RUN` or more short lines between the first and the last
    paragraph (blank lines, the teasers' dates and page junk between them allowed; a bulleted list
    item, ``item``, is the story's own list and ends a run)."""
    out: set[int] = set()
    run: list[int] = []
    for i in range(first, last + 1):
        if kinds[i] == "short":
            run.append(i)
        elif kinds[i] not in ("blank", "date", "junk"):
            if len(run) >= TEASER_RUN:
                out.update(run)
            run = []
    if len(run) >= TEASER_RUN:
        out.update(run)
    return out


def _kind(line: str) -> tuple[str, Any]:
    """The line's kind, with what matching it found (date match, credit, byline parts) or None."""
    if not line:
        return "blank", None
    if _URL.match(line) or _DESK_CODE.match(line):  # "shinjh@yna.co.kr", "dpa/xy/abc" are credits
        credit = match_credit_line(line)
        return ("credit", credit) if credit else ("junk", None)
    if _SEPARATOR.match(line):
        return "junk", None
    if _TABLE_ROW.match(line):
        return "row", None
    date = _date_line(line)
    if date:
        return "date", date
    credit = match_credit_line(line)
    if credit:
        return "credit", credit
    byline = match_byline(line)
    if byline:
        return "byline", byline
    if _CORRECTION.search(line):
        return "correction", None
    if _is_boilerplate(line):
        return "junk", None
    return ("para" if _is_paragraph(line) else "short"), None


@dataclass(frozen=True)
class _DateLine:
    key: str | None
    date: str
    source: str | None = None  # what stood before the date ("ANI", "KYODO NEWS", a place)
    by: str | None = None  # the author printed after it ("by Money Desk")


def _date_line(line: str) -> _DateLine | None:
    """The date of a line that only states a date (with its label, source, place, zone or author)."""
    m = _DATE_LINE.match(line)
    if m:
        return _DateLine(m.group("key"), m.group("date"))
    if len(line) > 140 or len(line.split()) > 18:
        return None
    m = DATE_IN_TEXT.search(line)
    if not m:
        return None
    before, after = line[: m.start()].strip(), line[m.end():].strip()
    source = before.rstrip(_LINE_SEPARATOR).strip()
    if source:
        # a source or place set off by a separator, or two words at most ("All News"); never a
        # sentence or a headline that happens to end with a date
        if len(source.split()) > 4 or re.search(r"[.!?\"\u201c\u201d]", source):
            return None
        if source == before and len(source.split()) > 2:
            return None
    tail = _DATE_AFTER.match(after) if after else None
    if after and not tail:
        return None
    if parse_date(m.group("date")) is None:
        return None
    return _DateLine(m.group("key"), m.group("date"), source or None, tail.group("by") if tail else None)


def _take_date(parsed: Parsed, key: str | None, raw: str) -> None:
    value = parse_date(raw)
    if value is None:
        return
    if key and UPDATED_KEY.search(key):
        if parsed.modified is None:
            parsed.modified, parsed.modified_raw = value, raw
    elif parsed.published is None:
        parsed.published, parsed.published_raw = value, raw


def parse(text: str, *, has_header: bool = True) -> Parsed:
    """Split article text into body paragraphs and metadata fields, dropping boilerplate.

    Args:
        text: the article as text: lines as printed, paragraphs on their own lines.
        has_header: whether lines before the first paragraph may hold a title (True for plain
            text pages; False for text already extracted from HTML, whose title comes from markup).

    Returns:
        A :class:`Parsed` with the body and the fields; ``dropped`` lists the boilerplate lines.
    """
    parsed = Parsed()
    lines = tidy(text).split("\n")
    # A metadata prefix glued to the first line (" date 2025-08-23 Tokyo, Aug 23 (IANS) ...").
    for i, line in enumerate(lines):
        if line:
            m = _DATE_PREFIX.match(line)
            if m and parse_date(m.group("date")):
                _take_date(parsed, m.group("key"), m.group("date"))
                lines[i] = m.group("rest")
            break
    classified = [_kind(line) for line in lines]
    kinds = [kind for kind, _ in classified]
    paras = [i for i, k in enumerate(kinds) if k == "para"]
    first, last = (paras[0], paras[-1]) if paras else (len(lines), -1)

    header_short = [i for i in range(first) if kinds[i] == "short" and len(lines[i].split()) >= 3]
    if has_header and header_short:
        title_at = max(header_short, key=lambda i: len(lines[i]))
        parsed.title = lines[title_at]
        labels = [i for i in range(title_at) if kinds[i] == "short" and len(lines[i].split()) <= 3]
        if labels and lines[labels[-1]][:1].isupper():
            parsed.section = lines[labels[-1]]

    teasers = _teaser_runs([k if not _BULLET.match(line) else "item" for k, line in zip(kinds, lines)], first, last)
    body: list[str] = []
    for i, (line, (kind, found)) in enumerate(zip(lines, classified)):
        if i in teasers:  # a list of story headlines inside the page, not subheadings
            parsed.dropped.append(line)
            continue
        if kind == "blank":
            continue
        zone = "header" if i < first else "tail" if i > last else "body"
        if kind == "date":
            _take_date(parsed, found.key, found.date)
            agency = agency_of(found.source) if found.source else None
            if agency:  # "KYODO NEWS - Mar 13, 2026", "ANI | Updated: …": the agency's own header
                parsed.credits.append(Credit(agency, "source", line))
            # a source after the date: "2026-11-12 10:41 来源:新华社", "… | Source: AFP"
            end = line.find(found.date)
            after = match_credit_line(line[end + len(found.date):].strip(" |,\u00b7")) if end >= 0 else None
            if after:
                parsed.credits.append(after)
            byline = match_byline(f"By {found.by}") if found.by and zone == "header" else None
            if byline and not parsed.byline:
                parsed.byline = f"By {found.by}"
                parsed.authors.extend(a for a in byline[0] if a not in parsed.authors)
                parsed.credits.extend(byline[1])
        elif kind == "credit":
            parsed.credits.append(found)
        elif kind == "byline" and zone != "body":
            authors, credits = found
            parsed.byline = parsed.byline or line
            parsed.authors.extend(a for a in authors if a not in parsed.authors)
            parsed.credits.extend(credits)
        elif kind == "correction":
            parsed.correction = parsed.correction or line
        elif kind == "para" or (kind in ("short", "byline") and zone == "body" and (
                _is_heading(line) or _BULLET.match(line))):  # a subheading, or a short item of a list
            if line != parsed.title:
                body.append(line)
            else:
                parsed.dropped.append(line)
        elif kind == "row" and zone == "body":  # a table inside the story: its rows, cells apart
            body.append(" | ".join(cell.strip() for cell in line.strip().strip("|").split("|")))
        elif kind == "short" and line in (parsed.title, parsed.section):
            pass  # fields, not boilerplate
        else:
            parsed.dropped.append(line)

    if body:
        credit, parsed.dateline, body[0] = match_dateline(body[0])
        if parsed.dateline is None and credit is None and len(body) > 1:
            # a standfirst above the story ("La reserva cae a su nivel más bajo …"): the dateline
            # opens the paragraph after it; after a standfirst written in sentences, only an
            # agency's dateline is taken ("Vernac-sur-Sèvre (AFP) -")
            second = match_dateline(body[1])
            if second[0] or not _SENTENCE_END.search(body[0]):
                credit, parsed.dateline, body[1] = second
        if credit:
            parsed.credits.insert(0, credit)
        credit, body[-1] = match_trailing_signoff(body[-1])
        if credit:
            parsed.credits.append(credit)
    parsed.paragraphs = [p for p in body if p]
    updated_as_published(parsed)
    return parsed


def updated_as_published(fields: Any) -> None:
    """A page that prints only an "updated" time: that is its time, so it becomes ``published``.

    ``fields`` has ``published``, ``modified`` and their ``_raw`` forms (:class:`Parsed`, the
    HTML path's fields and page metadata alike).
    """
    if fields.published is None and fields.modified is not None:
        fields.published, fields.published_raw = fields.modified, fields.modified_raw
        fields.modified = fields.modified_raw = None
