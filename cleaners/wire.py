"""CLEAN: wire-agency credits (datelines, bylines, sign-offs, copyright lines) as evidence.

A credit is a line or a line fragment in a conventional credit position: the dateline that opens
the body (``WASHINGTON (AP) —``, ``Tokyo, Aug 23 (IANS)``, ``(Reuters) -``), a byline
(``By The Associated Press``), a sign-off closing the body (``--IANS``, ``(ANI)``, ``— dpa``), a
copyright line (``© 2025 Reuters``) or a source line (``Source: AFP``). An agency named inside a
sentence ("reports Yonhap news agency") is a mention, not a credit, and is never matched here.

Credits are cut out of the body by the cleaners so that they never inflate text similarity, and
are returned as :class:`Credit` evidence that :func:`summarize` turns into a :class:`WireCredit`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

__all__ = [
    "AGENCIES",
    "AGENCY_DOMAINS",
    "Author",
    "Credit",
    "WireCredit",
    "agency_of",
    "agency_of_url",
    "attribution_in_text",
    "find_copyright",
    "match_byline",
    "match_credit_line",
    "match_dateline",
    "match_trailing_signoff",
    "summarize",
]

#: Canonical agency name → the ways publishers print it (matched case-sensitively for the short
#: forms, so that the word "ap" or "ani" in lower case is never a credit).
AGENCIES: dict[str, tuple[str, ...]] = {
    "AP": ("AP", "The Associated Press", "Associated Press", "The AP"),
    "Reuters": ("Reuters", "REUTERS", "Thomson Reuters"),
    "AFP": ("AFP", "Agence France-Presse", "Agence France Presse", "Agence France‑Presse"),
    "IANS": ("IANS", "Indo-Asian News Service", "Indo Asian News Service"),
    "PTI": ("PTI", "Press Trust of India"),
    "ANI": ("ANI", "Asian News International"),
    "Yonhap": ("Yonhap", "YONHAP", "Yonhap News Agency", "Yonhap News"),
    "Kyodo": ("Kyodo", "KYODO", "Kyodo News"),
    "dpa": ("dpa", "DPA", "Deutsche Presse-Agentur", "Deutsche Presse Agentur"),
    "Xinhua": ("Xinhua", "XINHUA", "Xinhua News Agency"),
    "UPI": ("UPI", "United Press International"),
    "Bloomberg": ("Bloomberg", "Bloomberg News", "BLOOMBERG"),
    "EFE": ("EFE", "Agencia EFE"),
    "Europa Press": ("Europa Press",),
    "ANSA": ("ANSA",),
    "TASS": ("TASS",),
    "AAP": ("AAP", "Australian Associated Press"),
    "Anadolu": ("Anadolu Agency", "Anadolu Ajansi", "Anadolu"),
    "Jiji": ("Jiji Press", "Jiji"),
    "Canadian Press": ("The Canadian Press", "Canadian Press"),
    "PA Media": ("PA Media", "Press Association"),
    "Bernama": ("Bernama", "BERNAMA"),
    "Antara": ("Antara", "ANTARA", "Antara News"),
    "PNA": ("PNA", "Philippine News Agency"),
    "VNA": ("VNA", "Vietnam News Agency"),
    "APP": ("APP", "Associated Press of Pakistan"),
    "BSS": ("BSS", "Bangladesh Sangbad Sangstha"),
    "UNB": ("UNB", "United News of Bangladesh"),
    "WAM": ("WAM", "Emirates News Agency"),
    "KUNA": ("KUNA", "Kuwait News Agency"),
    "QNA": ("QNA", "Qatar News Agency"),
    "IRNA": ("IRNA",),
    "Interfax": ("Interfax",),
    "RIA Novosti": ("RIA Novosti",),
    "Ukrinform": ("Ukrinform",),
    "Lusa": ("Lusa", "LUSA"),
    "Belga": ("Belga", "BELGA"),
    "ANP": ("ANP",),
    "NTB": ("NTB",),
    "Ritzau": ("Ritzau",),
    "Agerpres": ("Agerpres", "AGERPRES"),
    "MTI": ("MTI",),
    "CTK": ("CTK", "\u010cTK"),
    "HINA": ("HINA", "Hina"),
    "Tanjug": ("Tanjug",),
    "BTA": ("BTA",),
    "Prensa Latina": ("Prensa Latina",),
    "Andina": ("Andina", "ANDINA"),
    "Agência Brasil": ("Agência Brasil", "Agencia Brasil"),
    "Keystone-SDA": ("Keystone-SDA", "Keystone-ATS", "SDA", "sda"),
    "APA": ("APA", "Austria Presse Agentur"),
    "KNA": ("KNA", "Katholische Nachrichten-Agentur"),
    "epd": ("epd", "Evangelischer Pressedienst"),
    "PAP": ("PAP", "Polish Press Agency", "Polska Agencja Prasowa"),
    "Notimex": ("Notimex",),
    "Télam": ("Télam", "Telam"),
}

#: Canonical agency name → the domains of its own sites (a ``rel=canonical`` there is a credit).
AGENCY_DOMAINS: dict[str, tuple[str, ...]] = {
    "AP": ("apnews.com", "ap.org"),
    "Reuters": ("reuters.com",),
    "AFP": ("afp.com",),
    "IANS": ("ians.in", "ianslive.in"),
    "PTI": ("ptinews.com",),
    "ANI": ("aninews.in",),
    "Yonhap": ("yna.co.kr", "yonhapnews.co.kr"),
    "Kyodo": ("kyodonews.net", "kyodonews.jp"),
    "dpa": ("dpa.com", "dpa-international.com"),
    "Xinhua": ("xinhuanet.com", "news.cn"),
    "UPI": ("upi.com",),
    "Bloomberg": ("bloomberg.com",),
    "EFE": ("efe.com",),
    "Europa Press": ("europapress.es",),
    "ANSA": ("ansa.it",),
    "TASS": ("tass.com", "tass.ru"),
    "AAP": ("aap.com.au",),
    "Anadolu": ("aa.com.tr",),
    "Jiji": ("jiji.com",),
    "Canadian Press": ("thecanadianpress.com",),
    "PA Media": ("pamediagroup.com",),
    "Bernama": ("bernama.com",),
    "Antara": ("antaranews.com",),
    "PNA": ("pna.gov.ph",),
    "VNA": ("vnanet.vn", "vietnamplus.vn"),
    "APP": ("app.com.pk",),
    "BSS": ("bssnews.net",),
    "UNB": ("unb.com.bd",),
    "WAM": ("wam.ae",),
    "KUNA": ("kuna.net.kw",),
    "QNA": ("qna.org.qa",),
    "IRNA": ("irna.ir",),
    "Interfax": ("interfax.com", "interfax.ru"),
    "RIA Novosti": ("ria.ru",),
    "Ukrinform": ("ukrinform.net", "ukrinform.ua"),
    "Lusa": ("lusa.pt",),
    "Belga": ("belga.be",),
    "ANP": ("anp.nl",),
    "NTB": ("ntb.no",),
    "Ritzau": ("ritzau.dk",),
    "Agerpres": ("agerpres.ro",),
    "MTI": ("mti.hu",),
    "CTK": ("ctk.cz",),
    "HINA": ("hina.hr",),
    "Tanjug": ("tanjug.rs",),
    "BTA": ("bta.bg",),
    "Prensa Latina": ("prensa-latina.cu", "plenglish.com"),
    "Andina": ("andina.pe",),
    "Agência Brasil": ("agenciabrasil.ebc.com.br",),
    "Keystone-SDA": ("keystone-sda.ch",),
    "APA": ("apa.at",),
    "KNA": ("kna.de",),
    "epd": ("epd.de",),
    "PAP": ("pap.pl",),
    "Notimex": ("notimex.gob.mx",),
    "Télam": ("telam.com.ar",),
}

_ALIAS_TO_AGENCY = {alias.lower(): name for name, aliases in AGENCIES.items() for alias in aliases}
_ALIAS_TO_AGENCY_UPPER = {alias for aliases in AGENCIES.values() for alias in aliases if alias.isupper()}
# Longest first, so "Associated Press" wins over "AP" and "Bloomberg News" over "Bloomberg".
_ALIASES = sorted({a for aliases in AGENCIES.values() for a in aliases}, key=len, reverse=True)
_AGENCY = "(?:" + "|".join(re.escape(a) for a in _ALIASES) + ")"
_AGENCY_LIST = rf"{_AGENCY}(?:\s*(?:/|,|and|&)\s*{_AGENCY})*"
_DASH = r"(?:--|[-\u2013\u2014:|])"

# "WASHINGTON (AP) —", "Tokyo, Aug 23 (IANS)", "PARIS, March 3 (AFP) -", "(Reuters) -",
# "NEW DELHI, Jan 5 (PTI)", "SEOUL, May 2 (Yonhap) --", "SEOUL/BUSAN, May 12 (Yonhap) --", "BERLIN (dpa) -",
# "Murcia, 2 mar (EFE).-".
# Also placeless "June 2 (UPI) --" and ANI's "Mumbai (Maharashtra) [India], April 12 (ANI):".
_DATELINE = re.compile(
    rf"^(?P<credit>(?:(?:(?P<place>[A-Z][\w.'\u2019-]*(?:(?:[ -]|\s?/\s?)[A-Z][\w.'\u2019-]*){{0,3}})"
    rf"(?:\s*\((?P<state>[A-Z][\w.&' -]{{1,40}})\))?(?:\s*\[(?P<country>[A-Z][\w.' -]{{1,30}})\])?"
    rf"(?:\s*,\s*(?P<region>[A-Z][a-z]{{1,5}}\.|[A-Z][a-z]+(?: [A-Z][a-z]+)?)(?!\s+\d))?"
    rf"(?:\s*,\s*(?P<date>[A-Z][a-z]{{2,8}}\.?\s+\d{{1,2}}(?:,\s*\d{{4}})?|\d{{1,2}}\s+[A-Za-z]{{3,10}}\.?))?"
    rf"|(?P<date0>[A-Z][a-z]{{2,8}}\.?\s+\d{{1,2}}))\s*)?"
    rf"\(\s*(?P<agency>{_AGENCY_LIST})\s*\)\s*(?:\.-|{_DASH})?)\s*"
)
# Uncredited datelines: "TOKYO —", "NEW YORK, Aug 3 --", "Tokyo: ".
_PLAIN_DATELINE = re.compile(
    r"^(?P<credit>(?:(?P<caps>[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,2})"
    r"(?:\s*,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:--|[\u2013\u2014])"
    r"|(?P<place>[A-Z][a-z]+(?: [A-Z][a-z]+)?)\s*:))\s+(?=[A-Z\"'\u201c])"
)
# "(With inputs from PTI)", "(With PTI inputs)", "— With files from AP", and the same credit in
# German ("Mit Material der dpa"), Spanish ("Con información de EFE"), Portuguese ("Com informações
# da Lusa") and French ("Avec AFP"); an agency's desk code may follow ("dpa/lby").
_SIGNOFF_LINE = re.compile(
    rf"^(?:{_DASH}|/)?\s*\(?\s*(?:(?:with\s+)?inputs?\s+from\s+|source\s*:\s*|agencies\s*/\s*|"
    rf"(?:additional|with)\s+reporting\s+(?:by|from)\s+|(?:with\s+)?files\s+from\s+|with\s+|"
    rf"mit\s+material\s+(?:der|des|von)\s+|con\s+(?:informaci\u00f3n|informacion|datos)\s+de\s+(?:la\s+)?|"
    rf"com\s+informa\u00e7\u00f5es\s+d[aoe]s?\s+|avec\s+)?"
    rf"(?P<agency>{_AGENCY_LIST})(?:\s*/\s*[a-z]{{2,6}})*(?:\s+inputs?)?\s*\)?\.?\s*$",
    re.IGNORECASE,
)
# The Canadian Press's closing line: "This report by The Canadian Press was first published Nov. 18, 2026."
_FIRST_PUBLISHED_BY = re.compile(rf"^This (?:report|story|article) by (?P<agency>{_AGENCY}) was first published\b")
# A byline without "By" above the story: "Marie-Ève Ouellet, The Canadian Press".
_PERSON_COMMA_AGENCY = re.compile(
    rf"^[A-Z][\w.'\u2019-]*(?: [A-Z][\w.'\u2019-]*){{1,3}},\s+(?P<agency>{_AGENCY})$")
_TRAILING_SIGNOFF = re.compile(
    rf"(?P<credit>\s*(?:(?:--|[\u2013\u2014]|/)\s*(?P<a1>{_AGENCY})|\(\s*(?P<a2>{_AGENCY_LIST})\s*\)))\s*$"
)
_REUTERS_SIGNOFF = re.compile(
    r"^\(?\s*(?:Reporting|Writing|Additional reporting)\s+by\b.*\b(?:Editing|editing)\s+by\b.*\)?$"
)
_COPYRIGHT = re.compile(
    r"^(?:\u00a9|\(c\)|copyright\b)\s*(?:\u00a9|\(c\))?\s*(?:\d{4}(?:\s*[-\u2013]\s*\d{4})?\s*)?,?\s*"
    r"(?P<holder>.*?)[.,]?\s*(?:all rights reserved\.?)?$",
    re.IGNORECASE,
)
# "By" in English, French ("Par"), Spanish and Portuguese ("Por"), German ("Von"), Dutch ("Door").
_BYLINE = re.compile(r"^(?:by|from|written by|report(?:ed)? by|par|por|von|door)\s*:?\s+(?P<who>.+?)\s*$",
                     re.IGNORECASE)
# A job title standing where a name would ("Political Editor", "Our Special Correspondent").
_JOB_TITLE = re.compile(
    r"^(?:our\s+|the\s+)?(?:[A-Za-z-]+\s+){0,3}(?:editor|writer|correspondent|reporter|columnist|contributor|"
    r"producer|analyst|intern|critic|photographer|chief|editor-at-large)s?$", re.IGNORECASE)
_PERSON_THEN_AGENCY = re.compile(
    rf"^(?P<person>[A-Z][\w.'\u2019-]*(?: [A-Z][\w.'\u2019-]*){{1,3}})\s+(?P<agency>{_AGENCY})$")
# "Marcy Vandeventer Staff Writer": a name, then the job title a template prints after it.
_PERSON_THEN_TITLE = re.compile(
    r"^(?P<person>[A-Z][\w.'\u2019-]+(?: [A-Z][\w.'\u2019-]+){1,2}?)\s+(?i:(?:(?:staff|senior|chief|contributing|"
    r"special|foreign|national|local|political|business|sports|city|health|science|education|courts?|"
    r"investigative|freelance|assistant|associate|managing|deputy|news|features|opinion|data|digital)\s+){1,2}"
    r"(?:editor|writer|correspondent|reporter|columnist|contributor|producer|analyst|photographer)s?)$")
_SMALL_WORDS = {"of", "and", "the", "de", "la", "von", "van", "der", "du", "da", "di"}
# "Source: AFP", also in Dutch, German, Spanish, Portuguese/Italian ("Bron: ANP", "Quelle: dpa", "Fuente: EFE")
_SOURCE_LINE = re.compile(rf"^(?:source|credit|courtesy|bron|quelle|fuente|fonte)\s*:\s*(?P<agency>{_AGENCY_LIST})\.?"
                          rf"(?:\s*[|\u00b7,]\s*[^|]{{0,40}})?$", re.IGNORECASE)
# A desk or site name with the agency in parentheses, on a line of its own: "Asia Biz Wire (Reuters)".
_NAME_THEN_AGENCY = re.compile(rf"^(?:[A-Z][\w&.'\u2019-]*\s+){{0,2}}[A-Z][\w&.'\u2019-]*\s*\(\s*(?P<agency>{_AGENCY_LIST})\s*\)$")
# Agency desk codes closing a story: "PTI ASK RHL RT", "dpa/xy/abc".
_DESK_SIGNOFF = re.compile(rf"^(?P<agency>{_AGENCY})(?:(?:\s+[A-Z]{{2,4}}){{1,6}}|(?:\s*/\s*[a-z]{{1,6}}){{1,5}})$")
# Bloomberg's closing credit line: "--With assistance from Jane Doe."
_BLOOMBERG_SIGNOFF = re.compile(r"^(?:--|[\u2013\u2014])\s*With assistance from\b")
_EMAIL = re.compile(r"^[\w.+-]+@(?P<domain>[\w-]+(?:\.[\w-]+)+)$")
_STAFF = re.compile(r"\s+(?:staff|news|wire|desk|reporters?|correspondents?|news agency|agency|bureau)$",
                    re.IGNORECASE)
# "Redazione ANSA", "Redacción EFE": the agency's newsroom
_NEWSROOM = re.compile(
    r"^(?:redazione|redacci[o\u00f3]n|r[e\u00e9]daction|redaktion|reda[c\u00e7][a\u00e3]o|newsroom)\s+", re.IGNORECASE)
_HOST = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//(?:[^@/]*@)?([^/:?#]+)", re.IGNORECASE)
_COPYRIGHT_ANYWHERE = re.compile(
    r"(?:\u00a9|\(c\)|\bcopyright\b)\s*(?:\u00a9|\(c\))?\s*(?:\d{4}(?:\s*[-\u2013]\s*\d{4})?\s*)?,?\s*"
    r"(?P<holder>[A-Z][\w.&'\u2019 -]{1,60}?)\s*(?:[,;|]|\.(?![a-z])|all rights|$)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Credit:
    """One piece of credit evidence.

    Attributes:
        agency: canonical agency name (a key of :data:`AGENCIES`).
        kind: ``dateline``, ``byline``, ``signoff``, ``copyright``, ``source``, ``jsonld`` (an
            agency as JSON-LD ``author``, ``sourceOrganization``, ``copyrightHolder`` or
            ``isBasedOn``) or ``canonical`` (``rel=canonical`` on an agency's site).
        text: the evidence exactly as printed.
    """

    agency: str
    kind: str
    text: str


@dataclass(frozen=True)
class Author:
    """A byline name: ``kind`` is ``person`` or ``organization``."""

    name: str
    kind: str


@dataclass
class WireCredit:
    """What an article says about its wire source.

    Attributes:
        service: the agency credited (canonical name, e.g. ``"AP"``), or None.
        credited: True when the article carries at least one credit.
        evidence: the credit strings as printed, in document order.
        kinds: the credit kinds found (``dateline``, ``byline``, ``signoff``…).
        services: every agency credited, most evidence first (pooled copy credits several).
    """

    service: str | None = None
    credited: bool = False
    evidence: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    services: list[str] = field(default_factory=list)


def agency_of(name: str) -> str | None:
    """Canonical agency for a printed name ("Associated Press" → "AP"), else None."""
    name = _NEWSROOM.sub("", name.strip().strip(".,;()"))
    # the full name first: some agencies' names end in a staff word ("Kuwait News Agency")
    found = _ALIAS_TO_AGENCY.get(name.lower())
    if found:
        return found
    name = _STAFF.sub("", name)
    return _ALIAS_TO_AGENCY.get(name.lower()) if name else None


@lru_cache(maxsize=128)
def _attribution(agency: str) -> re.Pattern[str]:
    names = "|".join(re.escape(a) for a in sorted(AGENCIES.get(agency, (agency,)), key=len, reverse=True))
    who = rf"(?:the )?(?:{names})(?![\w-])"
    return re.compile(
        rf"(?i:according to|reported by|cited by|quoted by|via|citing)\s+(?i:(?:a|the) (?:report|dispatch) "
        rf"(?:by|from)\s+)?{who}|(?<![\w-]){who}(?:\s+(?i:news agency|reported|reports|said|says|quoted))\b")


def attribution_in_text(text: str, agency: str) -> str | None:
    """Where ``text`` attributes its report to ``agency`` in a sentence ("…, Kyodo News reported",
    "according to Reuters"), the words that do; else None.

    Such a phrase is a mention, not a credit line, for cleaning: an article citing one fact from an
    agency is not that agency's copy. Lineage counts it as crediting the agency once the article
    is known to be a copy (a rewrite) of that agency's report.
    """
    m = _attribution(agency).search(text)
    return m.group(0) if m else None


def agency_of_url(url: str) -> str | None:
    """Agency whose own site ``url`` is on (``https://apnews.com/article/…`` → "AP"), else None."""
    m = _HOST.match(url.strip())
    if not m:
        return None
    host = m.group(1).lower().rstrip(".")
    for agency, domains in AGENCY_DOMAINS.items():
        if any(host == d or host.endswith("." + d) for d in domains):
            return agency
    return None


def find_copyright(text: str) -> list[Credit]:
    """Copyright notices naming an agency anywhere in ``text`` (a page footer, a caption line).

    ``© 2026 Reuters``, ``Copyright 2025 The Associated Press. All rights reserved.``: the holder
    must be an agency by one of its names, so a publisher's own notice is never a credit.
    """
    credits: list[Credit] = []
    for m in _COPYRIGHT_ANYWHERE.finditer(text):
        holder = m.group("holder").strip()
        first = re.split(r"\s*[,/|]\s*", holder)[0]  # "JULIEN MARTIN / AFP" is a photographer's credit
        agency = (agency_of(first) or next(iter(_agencies_in(first)), None)
                  or _agency_of_domain(first)) if len(holder.split()) <= 4 else None
        if agency:
            credits.append(Credit(agency, "copyright", m.group().strip(" .,;|")))
    return credits


def _agencies_in(text: str) -> list[str]:
    found = [_ALIAS_TO_AGENCY[m.group().lower()] for m in re.finditer(rf"\b{_AGENCY}\b", text)]
    return list(dict.fromkeys(found))


# Agencies' datelines and marks in Chinese, Japanese and Korean: "新华社北京11月21日电" (Xinhua),
# "【共同】" / "(共同)" (Kyodo), "(時事)" (Jiji), "(서울=연합뉴스)" (Yonhap); NFKC has made the
# full-width brackets plain ones.
_CJK_AGENCIES = {"\u65b0\u534e\u793e": "Xinhua", "\u65b0\u83ef\u793e": "Xinhua", "\u5171\u540c": "Kyodo",
                 "\u5171\u540c\u901a\u4fe1": "Kyodo", "\u6642\u4e8b": "Jiji", "\u65f6\u4e8b": "Jiji",
                 "\uc5f0\ud569\ub274\uc2a4": "Yonhap"}
_CJK_DATELINE = re.compile(
    r"^(?P<credit>(?P<agency>\u65b0[\u534e\u83ef]\u793e)(?P<place>[^\W\d]{1,8}?)(?:\d{1,2}\u6708\d{1,2}\u65e5)?"
    r"(?:\u7535|\u96fb)|[(\u3010](?:(?P<place2>[^\W\d]{1,8})=)?(?P<agency2>\u5171\u540c(?:\u901a\u4fe1)?|"
    r"[\u6642\u65f6]\u4e8b|\uc5f0\ud569\ub274\uc2a4)[)\u3011])\s*")
_CJK_SIGNOFF = re.compile(
    r"[(\u3010](?P<agency>\u5171\u540c(?:\u901a\u4fe1)?|[\u6642\u65f6]\u4e8b|\u65b0[\u534e\u83ef]\u793e)[)\u3011]$")


def match_dateline(paragraph: str) -> tuple[Credit | None, str | None, str]:
    """Split a leading dateline off the first paragraph of a body.

    Returns:
        ``(credit, dateline, rest)``: ``credit`` when the dateline names an agency,
        ``dateline`` the place/date part as printed (or None), ``rest`` the paragraph without it.
    """
    m = _DATELINE.match(paragraph)
    if m and len(paragraph) > m.end():
        agencies = _agencies_in(m.group("agency"))
        credit = m.group("credit").strip()
        place = ", ".join(p for p in (m.group("place"), m.group("region"), m.group("date") or m.group("date0")) if p)
        return Credit(agencies[0], "dateline", credit), place or None, paragraph[m.end():]
    m = _PLAIN_DATELINE.match(paragraph)
    if m:
        return None, m.group("credit").strip(" :-\u2013\u2014"), paragraph[m.end():]
    m = _CJK_DATELINE.match(paragraph)
    if m and len(paragraph) > m.end():
        agency = _CJK_AGENCIES[m.group("agency") or m.group("agency2")]
        return Credit(agency, "dateline", m.group("credit")), m.group("place") or m.group("place2"), paragraph[m.end():]
    return None, None, paragraph


def match_trailing_signoff(paragraph: str) -> tuple[Credit | None, str]:
    """Split a sign-off glued to the end of the last paragraph ("... he said. --IANS")."""
    m = _CJK_SIGNOFF.search(paragraph)
    if m and m.start() > 0 and paragraph[m.start() - 1] in "\u3002\u300d!?":  # "…と述べた。(共同)"
        return Credit(_CJK_AGENCIES[m.group("agency")], "signoff", m.group()), paragraph[: m.start()].rstrip()
    m = _TRAILING_SIGNOFF.search(paragraph)
    if not m or m.start() == 0 or not re.search(r"[.!?\"'\u201d]\s*$", paragraph[: m.start()]):
        return None, paragraph
    agency = _agencies_in(m.group("a1") or m.group("a2"))[0]
    return Credit(agency, "signoff", m.group("credit").strip()), paragraph[: m.start()].rstrip()


def match_byline(line: str) -> tuple[list[Author], list[Credit]] | None:
    """Parse a byline ("By Jane Doe and John Roe, Associated Press").

    Returns:
        ``(authors, credits)`` or None when the line is not a byline. Agencies and other
        organisations in a byline are authors of kind ``organization``; an agency also yields a
        ``byline`` credit.
    """
    m = _BYLINE.match(line)
    if not m or len(line.split()) > 14 or re.search(r"[.!?]$", line) and not re.search(r"\b[A-Z]\.$", line):
        return None
    authors: list[Author] = []
    credits: list[Credit] = []
    parts: list[str] = []
    for part in re.split(r"\s*(?:,|;|\band\b|\by\b|\bund\b|\bet\b|\bwith\b|\bavec\b|\bcon\b|\bmit\b|&|\||/|\u2014|\u2013| - )\s*",
                             m.group("who")):
        both = _PERSON_THEN_AGENCY.match(part.strip(" ."))  # "KAREN VOLK Associated Press"
        titled = _PERSON_THEN_TITLE.match(part.strip(" ."))
        parts.extend((both.group("person"), both.group("agency")) if both else
                     (titled.group("person"),) if titled else (part,))
    for part in (_title_case(p.strip(" .")) for p in parts):
        if not part:
            continue
        agency = agency_of(part)
        if agency:
            authors.append(Author(part, "organization"))
            credits.append(Credit(agency, "byline", line.strip()))
        elif _JOB_TITLE.match(part):
            continue  # a job title, not an author
        elif re.search(r"\b(?:news|times|post|press|agency|media|staff|desk|bureau|service|herald|"
                       r"journal|tribune|network|online|daily|web)\b", part, re.IGNORECASE):
            authors.append(Author(part, "organization"))
        elif re.fullmatch(r"[A-Z][\w.'\u2019-]*(?: [A-Za-z][\w.'\u2019-]*){0,3}", part):
            authors.append(Author(part, "person"))
        else:
            return None
    if not authors and not all(_JOB_TITLE.match(p.strip(" .")) for p in parts if p.strip(" .")):
        return None
    return authors, credits


def _title_case(name: str) -> str:
    """An all-capitals name as a name is written ("KAREN VOLK" → "Karen Volk"); acronyms stay."""
    if not name.isupper() or (len(name.split()) == 1 and len(name) <= 4):
        return name
    out = []
    for i, word in enumerate(name.split()):
        if i and word.lower() in _SMALL_WORDS:
            out.append(word.lower())
        elif word in _ALIAS_TO_AGENCY_UPPER and len(word) <= 4:
            out.append(word)
        else:
            out.append("-".join(w.capitalize() for w in word.split("-")))
    return " ".join(out)


def match_credit_line(line: str) -> Credit | None:
    """Recognise a standalone credit line: sign-off, copyright or source line.

    ``--IANS``, ``(ANI)``, ``— dpa``, ``(With inputs from PTI)``, ``(With PTI inputs)``,
    ``Additional reporting by dpa``, ``— With files from The Associated Press``, ``Mit Material der dpa``,
    ``Con información de EFE``, ``This report by The Canadian Press was first published …``,
    ``Jane Doe, The Canadian Press``,
    ``Asia Biz Wire (Reuters)``, ``© 2025 Reuters``,
    ``Copyright 2025 The Associated Press. All rights reserved.``, ``Source: AFP``,
    ``(Reporting by …; Editing by …)``. Bylines are handled by :func:`match_byline`.
    """
    line = line.strip()
    if not line or len(line) > 160:
        return None
    m = _SOURCE_LINE.match(line)
    if m:
        return Credit(_agencies_in(m.group("agency"))[0], "source", line)
    m = _SIGNOFF_LINE.match(line)
    if m:
        agencies = _agencies_in(m.group("agency"))
        if agencies:
            return Credit(agencies[0], "signoff", line)
    m = _NAME_THEN_AGENCY.match(line)
    if m:
        return Credit(_agencies_in(m.group("agency"))[0], "source", line)
    m = _FIRST_PUBLISHED_BY.match(line)
    if m:
        return Credit(_ALIAS_TO_AGENCY[m.group("agency").lower()], "signoff", line)
    m = _PERSON_COMMA_AGENCY.match(line)
    if m and len(m.group("agency")) > 3:  # "Jane Doe, AP" could be a place and a name; spelled out it is not
        return Credit(_ALIAS_TO_AGENCY[m.group("agency").lower()], "byline", line)
    m = _COPYRIGHT.match(line)
    if m:
        agencies = _agencies_in(m.group("holder")) or [a for a in [_agency_of_domain(m.group("holder"))] if a]
        if agencies:
            return Credit(agencies[0], "copyright", line)
    if _REUTERS_SIGNOFF.match(line):
        return Credit("Reuters", "signoff", line)
    if _BLOOMBERG_SIGNOFF.match(line):
        return Credit("Bloomberg", "signoff", line)
    m = _DESK_SIGNOFF.match(line)
    if m:
        return Credit(_ALIAS_TO_AGENCY[m.group("agency").lower()], "signoff", line)
    m = _EMAIL.match(line)
    if m:  # a reporter's address at the agency ("shinjh@yna.co.kr") closing the story
        agency = agency_of_url("//" + m.group("domain"))
        if agency:
            return Credit(agency, "signoff", line)
    return None


def _agency_of_domain(text: str) -> str | None:
    m = re.search(r"\b((?:[\w-]+\.)+[a-z]{2,6})\b", text, re.IGNORECASE)
    return agency_of_url("//" + m.group(1)) if m else None


_KIND_WEIGHT = {"dateline": 4, "byline": 3, "source": 3, "jsonld": 3, "signoff": 2, "canonical": 2, "copyright": 1}


def summarize(credits: list[Credit]) -> WireCredit:
    """Pool credit evidence into one :class:`WireCredit`.

    The service is the agency with the most weighted evidence (dateline > byline/source >
    sign-off > copyright); ties go to the first credit in the document.
    """
    if not credits:
        return WireCredit()
    score: dict[str, int] = {}
    for c in credits:
        score[c.agency] = score.get(c.agency, 0) + _KIND_WEIGHT.get(c.kind, 1)
    services = sorted(score, key=lambda a: -score[a])  # stable: ties keep document order
    return WireCredit(
        service=services[0],
        credited=True,
        evidence=list(dict.fromkeys(c.text for c in credits)),
        kinds=list(dict.fromkeys(c.kind for c in credits)),
        services=services,
    )
