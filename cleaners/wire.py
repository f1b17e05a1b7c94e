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

from cleaners.text import CJK, HANGUL, MARKS

__all__ = [
    "AGENCIES",
    "AGENCY_DOMAINS",
    "CREDIT_LABELS",
    "SOURCE_LABELS",
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
    "Reuters": ("Reuters", "REUTERS", "Thomson Reuters", "\u0631\u0648\u064a\u062a\u0631\u0632", "\u0420\u0435\u0439\u0442\u0435\u0440"),
    "AFP": ("AFP", "Agence France-Presse", "Agence France Presse", "Agence France‑Presse",
            "\u0641\u0631\u0627\u0646\u0633 \u0628\u0631\u0633", "\u0623 \u0641 \u0628", "\u0627 \u0641 \u0628"),
    "IANS": ("IANS", "Indo-Asian News Service", "Indo Asian News Service", "\u0906\u0908\u090f\u090f\u0928\u090f\u0938"),
    # PTI's Hindi service is "Bhasha" ("भाषा", also the word for "language": matched only where a
    # credit stands, as every alias is)
    "PTI": ("PTI", "Press Trust of India", "\u092a\u0940\u091f\u0940\u0906\u0908", "\u092d\u093e\u0937\u093e"),
    "ANI": ("ANI", "Asian News International", "\u090f\u090f\u0928\u0906\u0908"),
    "UNI": ("UNI", "United News of India", "\u092f\u0942\u090f\u0928\u0906\u0908", "\u092f\u0942\u0928\u0940\u0935\u093e\u0930\u094d\u0924\u093e"),
    "Yonhap": ("Yonhap", "YONHAP", "Yonhap News Agency", "Yonhap News", "\uc5f0\ud569\ub274\uc2a4"),
    "Kyodo": ("Kyodo", "KYODO", "Kyodo News", "\u5171\u540c\u901a\u4fe1", "\u5171\u540c\u901a\u4fe1\u793e"),
    "dpa": ("dpa", "DPA", "Deutsche Presse-Agentur", "Deutsche Presse Agentur"),
    "Xinhua": ("Xinhua", "XINHUA", "Xinhua News Agency", "\u65b0\u534e\u793e", "\u65b0\u83ef\u793e", "\u65b0\u534e\u7f51",
               "\u65b0\u83ef\u7db2"),
    "UPI": ("UPI", "United Press International"),
    "Bloomberg": ("Bloomberg", "Bloomberg News", "BLOOMBERG"),
    "EFE": ("EFE", "Agencia EFE"),
    "Europa Press": ("Europa Press",),
    "ANSA": ("ANSA",),
    "TASS": ("TASS", "\u0422\u0410\u0421\u0421"),
    "AAP": ("AAP", "Australian Associated Press"),
    "Anadolu": ("Anadolu Agency", "Anadolu Ajansi", "Anadolu Ajans\u0131", "Anadolu", "AA"),
    "DHA": ("DHA", "Demir\u00f6ren Haber Ajans\u0131"),
    "IHA": ("\u0130HA", "IHA", "\u0130hlas Haber Ajans\u0131"),
    "Jiji": ("Jiji Press", "Jiji", "JIJI PRESS", "JIJI", "\u6642\u4e8b\u901a\u4fe1", "\u6642\u4e8b\u901a\u4fe1\u793e", "\u65f6\u4e8b\u901a\u4fe1\u793e"),
    "Canadian Press": ("The Canadian Press", "Canadian Press", "La Presse Canadienne", "Presse Canadienne"),
    "PA Media": ("PA Media", "Press Association"),
    "Bernama": ("Bernama", "BERNAMA"),
    "Antara": ("Antara", "ANTARA", "Antara News"),
    "PNA": ("PNA", "Philippine News Agency"),
    "VNA": ("VNA", "Vietnam News Agency", "TTXVN", "Th\u00f4ng t\u1ea5n x\u00e3 Vi\u1ec7t Nam"),
    "APP": ("APP", "Associated Press of Pakistan"),
    "BSS": ("BSS", "Bangladesh Sangbad Sangstha"),
    "UNB": ("UNB", "United News of Bangladesh"),
    "WAM": ("WAM", "Emirates News Agency", "\u0648\u0627\u0645"),
    "KUNA": ("KUNA", "Kuwait News Agency", "\u0643\u0648\u0646\u0627"),
    "QNA": ("QNA", "Qatar News Agency", "\u0642\u0646\u0627"),
    "MENA": ("MENA", "Middle East News Agency", "\u0623 \u0634 \u0623", "\u0627 \u0634 \u0627",
             "\u0648\u0643\u0627\u0644\u0629 \u0623\u0646\u0628\u0627\u0621 \u0627\u0644\u0634\u0631\u0642 \u0627\u0644\u0623\u0648\u0633\u0637"),
    "SPA": ("Saudi Press Agency", "\u0648\u0627\u0633"),
    "IRNA": ("IRNA",),
    "Interfax": ("Interfax", "\u0418\u043d\u0442\u0435\u0440\u0444\u0430\u043a\u0441"),
    "RIA Novosti": ("RIA Novosti", "\u0420\u0418\u0410 \u041d\u043e\u0432\u043e\u0441\u0442\u0438"),
    "Ukrinform": ("Ukrinform", "\u0423\u043a\u0440\u0456\u043d\u0444\u043e\u0440\u043c"),
    "Lusa": ("Lusa", "LUSA"),
    "Belga": ("Belga", "BELGA"),
    "ANP": ("ANP",),
    "NTB": ("NTB",),
    "TT": ("TT", "TT Nyhetsbyr\u00e5n"),
    "STT": ("STT", "Suomen Tietotoimisto"),
    "ACN": ("ACN", "Ag\u00e8ncia Catalana de Not\u00edcies"),
    "Ritzau": ("Ritzau",),
    "Agerpres": ("Agerpres", "AGERPRES"),
    "MTI": ("MTI",),
    "CTK": ("CTK", "\u010cTK"),
    "HINA": ("HINA", "Hina"),
    "Tanjug": ("Tanjug",),
    "BTA": ("BTA",),
    "ANA-MPA": ("ANA-MPA", "Athens-Macedonian News Agency", "\u0391\u03a0\u0395-\u039c\u03a0\u0395", "\u0391\u03a0\u0395 - \u039c\u03a0\u0395"),
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
    "AGI": ("AGI", "Agenzia Italia"),
    "Adnkronos": ("Adnkronos",),
    "Estadão Conteúdo": ("Estadão Conteúdo", "Estadao Conteudo"),
    "China News Service": ("China News Service", "\u4e2d\u65b0\u793e", "\u4e2d\u65b0\u7f51", "\u4e2d\u65b0\u7db2",
                           "\u4e2d\u56fd\u65b0\u95fb\u7f51", "\u4e2d\u570b\u65b0\u805e\u7db2"),
    "CNA": ("Central News Agency", "\u4e2d\u592e\u793e", "\u4e2d\u592e\u901a\u8a0a\u793e"),
    "Newsis": ("Newsis", "\ub274\uc2dc\uc2a4"),
    "News1": ("News1", "\ub274\uc2a41"),
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
    "Kyodo": ("kyodonews.net", "kyodonews.jp", "kyodo.co.jp"),
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
    "TT": ("tt.se",),
    "STT": ("stt.fi",),
    "ACN": ("acn.cat",),
    "DHA": ("dha.com.tr",),
    "IHA": ("iha.com.tr",),
    "Ritzau": ("ritzau.dk",),
    "Agerpres": ("agerpres.ro",),
    "MTI": ("mti.hu",),
    "CTK": ("ctk.cz",),
    "HINA": ("hina.hr",),
    "Tanjug": ("tanjug.rs",),
    "BTA": ("bta.bg",),
    "ANA-MPA": ("amna.gr",),
    "UNI": ("uniindia.com",),
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
    "MENA": ("mena.org.eg",),
    "SPA": ("spa.gov.sa",),
    "AGI": ("agi.it",),
    "Adnkronos": ("adnkronos.com",),
    "China News Service": ("chinanews.com.cn", "chinanews.com"),
    "CNA": ("cna.com.tw", "focustaiwan.tw"),
    "Newsis": ("newsis.com",),
    "News1": ("news1.kr",),
}

_ALIAS_TO_AGENCY = {alias.lower(): name for name, aliases in AGENCIES.items() for alias in aliases}
_ALIAS_TO_AGENCY_UPPER = {alias for aliases in AGENCIES.values() for alias in aliases if alias.isupper()}
_ALIAS_SET = {a for aliases in AGENCIES.values() for a in aliases}
# Longest first, so "Associated Press" wins over "AP" and "Bloomberg News" over "Bloomberg".
_ALIASES = sorted(_ALIAS_SET, key=len, reverse=True)
_AGENCY = "(?:" + "|".join(re.escape(a) for a in _ALIASES) + ")"
_AGENCY_LIST = rf"{_AGENCY}(?:\s*(?:/|,|and|&)\s*{_AGENCY})*"
# A name standing alone: "\b" would fail after one ending in a vowel sign ("भाषा)").
_NAME_ALONE = rf"(?<!\w){_AGENCY}(?![\w{MARKS}])"
_DASH = r"(?:--|[-\u2013\u2014:|])"

# "WASHINGTON (AP) —", "Tokyo, Aug 23 (IANS)", "PARIS, March 3 (AFP) -", "(Reuters) -",
# "NEW DELHI, Jan 5 (PTI)", "SEOUL, May 2 (Yonhap) --", "SEOUL/BUSAN, May 12 (Yonhap) --", "BERLIN (dpa) -",
# "Murcia, 2 mar (EFE).-", "Lisboa, 15 nov 2026 (Lusa) -".
# Also placeless "June 2 (UPI) --" and ANI's "Mumbai (Maharashtra) [India], April 12 (ANI):".
_DATELINE = re.compile(
    rf"^(?P<credit>(?:(?:(?P<place>[A-Z][\w.'\u2019-]*(?:(?:[ -]|\s?/\s?)[A-Z][\w.'\u2019-]*){{0,3}})"
    rf"(?:\s*\((?P<state>[A-Z][\w.&' -]{{1,40}})\))?(?:\s*\[(?P<country>[A-Z][\w.' -]{{1,30}})\])?"
    rf"(?:\s*,\s*(?P<region>[A-Z][a-z]{{1,5}}\.|[A-Z][a-z]+(?: [A-Z][a-z]+)?)(?!\s+\d))?"
    rf"(?:\s*,\s*(?P<date>[A-Z][a-z]{{2,8}}\.?\s+\d{{1,2}}(?:,\s*\d{{4}})?|\d{{1,2}}\s+[A-Za-z]{{3,10}}\.?(?:\s+\d{{4}})?))?"
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
    # a source line naming the publisher first: "Fonte: Jornal do Capibaribe, com informações da Agência Brasil"
    rf"^(?:(?:source|fonte|fuente|quelle)\s*:\s*[^,:]{{2,40}},\s*)?"
    rf"(?:{_DASH}|/)?\s*\(?\s*(?:(?:with\s+)?inputs?\s+from\s+|source\s*:\s*|agencies\s*/\s*|"
    rf"(?:additional|with)\s+reporting\s+(?:by|from)\s+|(?:with\s+)?files\s+from\s+|with\s+|"
    rf"mit\s+material\s+(?:der|des|von)\s+|con\s+(?:informaci\u00f3n|informacion|datos)\s+de\s+(?:la\s+)?|"
    rf"com\s+informa\u00e7\u00f5es\s+d[aoe]s?\s+|avec\s+|"
    # Russian: "При подготовке материала использованы данные ТАСС", "По материалам ТАСС"
    r"при\s+подготовке\s+(?:материала|статьи|новости)\s+использованы\s+(?:данные|материалы)\s+|по\s+материалам\s+)?"
    rf"(?P<agency>{_AGENCY_LIST})(?:\s*/\s*[a-z]{{2,6}})*(?:\s+inputs?)?\s*\)?\.?\s*$",
    re.IGNORECASE,
)
# "Read more at Agência Brasil: https://…", a link to the agency's own page closing a copy (Portuguese,
# Spanish, French, German, Italian, Arabic too)
_READ_MORE_AT = re.compile(
    r"^(?:read (?:more|the full story) (?:at|on)|leia mais (?:em|no|na)|leer m\u00e1s en|lire la suite sur|"
    r"weiterlesen (?:bei|auf)|leggi (?:tutto )?su|\u0627\u0642\u0631\u0623 \u0627\u0644\u0645\u0632\u064a\u062f (?:\u0639\u0644\u0649|\u0641\u064a))\s+(?P<where>.{2,200})$",
    re.IGNORECASE)
# The Canadian Press's closing line: "This report by The Canadian Press was first published Nov. 18, 2026."
_FIRST_PUBLISHED_BY = re.compile(rf"^This (?:report|story|article) by (?P<agency>{_AGENCY}) was first published\b")
# "The Associated Press contributed to this report.", "Associated Press writer Jane Doe in Austin
# contributed to this report.", "Reuters contributed reporting."
_CONTRIBUTED = re.compile(rf"^(?:The\s+)?(?P<agency>{_AGENCY})(?:\s+(?:writers?|reporters?|correspondents?|staff)\b.*?)?"
                          r"\s+contributed\s+(?:to\s+this\s+(?:report|story|article)|reporting)\b.{0,40}$")
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
# "(This story is filed by PTI. Copyright Press Trust of India Ltd.)"
_FILED_BY = re.compile(
    r"^\(?\s*(?:this\s+(?:story|report|article|item)\s+(?:is|was|has\s+been)\s+"
    r"(?:filed|published|provided|supplied|distributed|sourced)\s+(?:by|from|via)|filed\s+by)\s+"
    rf"(?P<agency>{_AGENCY_LIST})\b.*$", re.IGNORECASE)
#: Longest copyright line read as a credit when the agency's legal notice follows the holder.
_LONG_COPYRIGHT = 600
# "By" in English, French ("Par"), Spanish and Portuguese ("Por"), German ("Von"), Dutch ("Door").
_BYLINE = re.compile(r"^(?:by|from|written by|report(?:ed)? by|par|por|von|door)\s*:?\s+(?P<who>.+?)\s*$",
                     re.IGNORECASE)
# A job title standing where a name would ("Political Editor", "Our Special Correspondent").
_JOB_TITLE = re.compile(
    r"^(?:our\s+|the\s+)?(?:[A-Za-z-]+\s+){0,3}(?:editor|writer|correspondent|reporter|columnist|contributor|"
    r"producer|analyst|intern|critic|photographer|chief|editor-at-large)s?$", re.IGNORECASE)
_PERSON_THEN_AGENCY = re.compile(
    rf"^(?P<person>[A-Z][\w.'\u2019-]*(?: [A-Z][\w.'\u2019-]*){{1,3}})\s+(?P<agency>{_AGENCY})$")
# "Thanh Liêm (TTXVN)", "Jane Doe (dpa)": a name, then its agency in brackets.
_PERSON_PAREN_AGENCY = re.compile(
    rf"^(?P<person>[^\W\d_][\w.'\u2019-]*(?: [^\W\d_][\w.'\u2019-]*){{0,3}})\s*\(\s*(?P<agency>{_AGENCY})\s*\)$")
# "Marcy Vandeventer Staff Writer": a name, then the job title a template prints after it.
_PERSON_THEN_TITLE = re.compile(
    r"^(?P<person>[A-Z][\w.'\u2019-]+(?: [A-Z][\w.'\u2019-]+){1,2}?)\s+(?i:(?:(?:staff|senior|chief|contributing|"
    r"special|foreign|national|local|political|business|sports|city|health|science|education|courts?|"
    r"investigative|freelance|assistant|associate|managing|deputy|news|features|opinion|data|digital)\s+){1,2}"
    r"(?:editor|writer|correspondent|reporter|columnist|contributor|producer|analyst|photographer)s?)$")
_SMALL_WORDS = {"of", "and", "the", "de", "la", "von", "van", "der", "du", "da", "di"}
#: "Source" as a label in Russian, Ukrainian, Arabic, Chinese, Japanese ("出典", "提供元", "配信元"),
#: Korean and Greek, and in Turkish, Indonesian and Malay, Swedish, Norwegian and Danish, Finnish,
#: Czech, Hungarian, Romanian, Croatian, Catalan, Vietnamese, Swahili and Polish, capitalised as it opens a line.
SOURCE_LABELS = ("Kaynak", "Sumber", "K\u00e4lla", "Kilde", "L\u00e4hde", "Zdroj", "Forr\u00e1s", "Sursa", "Izvor", "Font",
                 "Ngu\u1ed3n", "Chanzo", "\u0179r\u00f3d\u0142o",
                 "\u0418\u0441\u0442\u043e\u0447\u043d\u0438\u043a", "\u0414\u0436\u0435\u0440\u0435\u043b\u043e", "\u0627\u0644\u0645\u0635\u062f\u0631",
                 "\u6765\u6e90", "\u4f86\u6e90", "\u51fa\u5178", "\u63d0\u4f9b\u5143", "\u63d0\u4f9b", "\u914d\u4fe1\u5143", "\ucd9c\ucc98",
                 "\u03a0\u03b7\u03b3\u03ae")
_SOURCE_WORDS = "|".join(map(re.escape, SOURCE_LABELS))
# "Source: AFP", also in Dutch, German, Spanish, Portuguese/Italian ("Bron: ANP", "Quelle: dpa", "Fuente: EFE")
_SOURCE_LINE = re.compile(rf"^(?:source|credit|courtesy|bron|quelle|fuente|fonte|{_SOURCE_WORDS})\s*:\s*(?P<agency>{_AGENCY_LIST})\.?"
                          rf"(?:\s*[|\u00b7,]\s*[^|]{{0,40}})?$", re.IGNORECASE)
# A byline labelled as one, naming an agency: "Autor: PAP", "Muhabir: AA", "Author: Reuters".
_LABELLED_BYLINE = re.compile(
    rf"^(?:authors?|autor(?:a|ka|es)?|auteur|muhabir|yazar|reporter|texto|tekst|text|av|af)\s*:\s*"
    rf"(?:ag[e\u00ea]ncia\s+|agence\s+|agenzia\s+|agencja\s+)?(?P<agency>{_AGENCY_LIST})\.?$", re.IGNORECASE)
# "Newsroom" in the languages whose bylines print it
_NEWSROOM_WORD = (r"(?:reda[c\u00e7]{1,2}[a\u00e3]o|redacci[o\u00f3]n|r[e\u00e9]daction|redazione|redaktion|redakcja|"
                  r"redaksi|newsroom)")
# A newsroom writing with an agency's copy: "Redação, com Lusa", "Redacción / EFE", "La rédaction avec AFP".
_NEWSROOM_WITH = re.compile(
    rf"^(?:la\s+|a\s+)?(?:{_NEWSROOM_WORD}|staff)\s*(?:[,/|+&\u2013-]\s*|\s)(?:(?:com|con|avec|mit|with|z|ve|e|i|and)\s+)?"
    rf"(?:a\s+|la\s+|l'|der\s+|the\s+)?(?P<agency>{_AGENCY_LIST})\.?$", re.IGNORECASE)
#: Words that open a credit line printed outside the body (a page's byline or source chip): the
#: page is searched for lines starting with them.
CREDIT_LABELS = ("Source", "SOURCE", "Fonte", "Fuente", "Quelle", "Bron", *SOURCE_LABELS,
                 "Autor", "Author", "Auteur", "Muhabir", "Yazar", "Reda\u00e7\u00e3o", "Redac\u00e7\u00e3o",
                 "Redacci\u00f3n", "R\u00e9daction", "Redazione", "Redaktion", "Redakcja", "La r\u00e9daction")
# A desk or site name with the agency in parentheses, on a line of its own: "Asia Biz Wire (Reuters)".
_NAME_THEN_AGENCY = re.compile(rf"^(?:[A-Z][\w&.'\u2019-]*\s+){{0,2}}[A-Z][\w&.'\u2019-]*\s*\(\s*(?P<agency>{_AGENCY_LIST})\s*\)$")
# Agency desk codes closing a story: "PTI ASK RHL RT", "dpa/xy/abc".
# Hindi desks sign with the editors' first names: "भाषा आशीष नरेश" (names, so no function words:
# "भाषा और साहित्य" is "language and literature").
_DESK_SIGNOFF = re.compile(rf"^(?P<agency>{_AGENCY})(?:(?:\s+[A-Z]{{2,4}}){{1,6}}|(?:\s*/\s*[a-z]{{1,6}}){{1,5}}"
                           r"|(?:\s+(?!(?:\u0914\u0930|\u0915\u093e|\u0915\u0940|\u0915\u0947|\u092e\u0947\u0902|\u0939\u0948|\u0938\u0947|\u0915\u094b|"
                           r"\u092a\u0930|\u0928\u0947|\u092f\u093e|\u0924\u0925\u093e|\u090f\u0935\u0902)(?!\S))[\u0900-\u097f]{2,12}){1,4})$")
# Jiji Press closes every story with its time stamp: "(2026/11/17-15:32)".
_JIJI_STAMP = re.compile(r"^\(\d{4}/\d{2}/\d{2}-\d{2}:\d{2}\)$")
# A company's legal form after its name ("JIJI PRESS LTD.", "Kyodo News, Inc.")
_LEGAL_FORM = re.compile(r"[,.]?\s+(?:ltd|limited|inc|co|corp|corporation|gmbh|ag|s\.?a|s\.?p\.?a|plc|llc)\.?$",
                         re.IGNORECASE)
# Bloomberg's closing credit line: "--With assistance from Jane Doe."
_BLOOMBERG_SIGNOFF = re.compile(r"^(?:--|[\u2013\u2014])\s*With assistance from\b")
_EMAIL = re.compile(r"^[\w.+-]+@(?P<domain>[\w-]+(?:\.[\w-]+)+)$")
_STAFF = re.compile(r"\s+(?:staff|news|wire|desk|reporters?|correspondents?|news agency|agency|bureau)$",
                    re.IGNORECASE)
# "Redazione ANSA", "Redacción EFE": the agency's newsroom
_NEWSROOM = re.compile(rf"^{_NEWSROOM_WORD}\s+", re.IGNORECASE)
# "Agency" before a name, in the languages of the agencies that print it so
_AGENCY_WORD = re.compile(r"^(?:ag[e\u00ea]ncia|agence|agenzia|agentur|agency|agencja|ajans\u0131?)\s+(?:de\s+not[i\u00ed]cias\s+)?",
                          re.IGNORECASE)
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
    name = _LEGAL_FORM.sub("", _NEWSROOM.sub("", name.strip().strip(".,;()")))
    # the full name first: some agencies' names end in a staff word ("Kuwait News Agency")
    found = _ALIAS_TO_AGENCY.get(name.lower())
    if found:
        return found
    name = _STAFF.sub("", name)
    found = _ALIAS_TO_AGENCY.get(name.lower()) if name else None
    if not found and _AGENCY_WORD.match(name):
        # "Agência Lusa", "Agenzia ANSA": the word "agency" before the agency's own name
        found = _ALIAS_TO_AGENCY.get(_AGENCY_WORD.sub("", name).lower())
    return found


@lru_cache(maxsize=128)
def _attribution(agency: str) -> re.Pattern[str]:
    names = "|".join(re.escape(a) for a in sorted(AGENCIES.get(agency, (agency,)), key=len, reverse=True))
    who = rf"(?:the )?(?:{names})(?![\w-])"
    return re.compile(
        rf"(?i:according to|reported by|cited by|quoted by|via|citing)\s+(?i:(?:a|the) (?:report|dispatch) "
        rf"(?:by|from)\s+)?{who}|(?<![\w-]){who}(?:\s+(?i:news agency|reported|reports|said|says|quoted))\b"
        # Japanese "共同通信の報道によると", Chinese "据新华社报道", Korean "연합뉴스에 따르면", Russian
        # "сообщает ТАСС" / "по данным ТАСС"
        rf"|(?:{names})(?:\u306e\u5831\u9053|\u306b\u3088\u308b\u3068|\u306b\u3088\u308c\u3070|\u304c\u5831\u3058)"
        rf"|\u636e(?:{names})|(?:{names})(?:\uc5d0 \ub530\ub974\uba74|\s?\ubcf4\ub3c4\uc5d0 \ub530\ub974\uba74)"
        rf"|(?i:сообщает|передает|по данным|как сообщило?)\s+{who}")


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
        agency = (agency_of(first) or _agency_in(first)
                  or _agency_of_domain(first)) if len(holder.split()) <= 4 else None
        if agency:
            credits.append(Credit(agency, "copyright", m.group().strip(" .,;|")))
    return credits


def _agencies_in(text: str) -> list[str]:
    """Agencies named in ``text``, in order; in any letter case when none is in its own ("Fonte: Agi",
    which a case-blind credit pattern matched)."""
    found = [_ALIAS_TO_AGENCY.get(m.group().lower()) for m in re.finditer(_NAME_ALONE, text)]
    if not any(found):
        found = [_ALIAS_BY_FOLD.get(_fold(m.group())) for m in re.finditer(_NAME_ALONE, text, re.IGNORECASE)]
    return [a for a in dict.fromkeys(found) if a]


def _agency_in(text: str) -> str | None:
    """The first agency named in ``text`` (see :func:`_agencies_in`), or None."""
    return next(iter(_agencies_in(text)), None)


def _credit(name: str, kind: str, line: str) -> Credit | None:
    """A credit of ``kind`` to the agency ``name`` names, or None when it names none."""
    agency = _agency_in(name)
    return Credit(agency, kind, line) if agency else None


def _fold(name: str) -> str:
    # Turkish capitals fold to other letters than their small forms ("İHLAS", "AJANSI")
    return name.casefold().replace("i\u0307", "i").replace("\u0131", "i")


_ALIAS_BY_FOLD = {_fold(alias): agency for agency, aliases in AGENCIES.items() for alias in aliases}


# Agencies' datelines and marks in Chinese, Japanese and Korean: "新华社北京11月21日电" (Xinhua),
# "【共同】" / "(共同)" (Kyodo), "(時事)" (Jiji), "(서울=연합뉴스)" (Yonhap); NFKC has made the
# full-width brackets plain ones.
# The short marks ("共同", "時事") are words of their own too ("共同声明", "時事問題"): they are
# credits only in brackets, the long names anywhere a credit stands.
_CJK_AGENCIES = {name: agency for agency, names in AGENCIES.items() for name in names
                 if re.match(f"[{CJK}{HANGUL}]", name)}
_CJK_AGENCIES.update({"\u5171\u540c": "Kyodo", "\u6642\u4e8b": "Jiji", "\u65f6\u4e8b": "Jiji"})
_CJK_NAME = "(?:" + "|".join(sorted(map(re.escape, _CJK_AGENCIES), key=len, reverse=True)) + ")"
# "新华社昆明11月12日电", "中新网昆明11月12日电", "【富士共同】", "【ワシントン共同】", "(서울=연합뉴스)"
_CJK_DATELINE = re.compile(
    rf"^(?P<credit>(?P<agency>{_CJK_NAME})(?P<place>[^\W\d]{{1,8}}?)(?:\d{{1,2}}\u6708)?(?:\d{{1,2}}\u65e5)?"
    rf"(?:\u7535|\u96fb)|[(\u3010](?:(?P<place2>[^\W\d]{{1,8}}?)=?)?(?P<agency2>{_CJK_NAME})[)\u3011])\s*")
_CJK_SIGNOFF = re.compile(rf"[(\u3010](?P<agency>{_CJK_NAME})[)\u3011]$")
# A credit line of its own: "(時事)", "提供元:共同通信", "来源:中新网", "(共同通信の配信記事に本紙取材を加えて構成)"
_CJK_CREDIT_LINE = re.compile(
    rf"^(?:[(\u3010](?P<a1>{_CJK_NAME})[)\u3011]|(?:{_SOURCE_WORDS})\s*:\s*(?P<a2>{_CJK_NAME})\b.{{0,30}}"
    rf"|\(?(?P<a3>{_CJK_NAME})(?:\u306e)?\u914d\u4fe1.{{0,40}})$")
# Datelines of Russian, Arabic and Hindi copy: "КЕМЕРОВО, 18 ноября. /ТАСС/.", "КЕМЕРОВО, 18 ноя — РИА
# Новости.", "الغردقة في 17 نوفمبر /أ ش أ/", "الغردقة (رويترز) -", "नयी दिल्ली, 18 नवंबर (भाषा)" (after a date,
# the dash may go); and "AGI - " (an agency, a dash).
_LETTER = rf"(?:[^\W\d_]|[{MARKS}])"
_NATIVE_DAY = rf",?\s+(?:\u0641\u064a\s+)?\d{{1,2}}\s+{_LETTER}+\.?"
_NATIVE_DATELINE = re.compile(
    rf"^(?P<credit>(?P<place>[^\W\d_]{_LETTER}*(?:[ -]{_LETTER}+){{0,2}}?)"
    rf"(?:{_NATIVE_DAY}\s*\(\s*(?P<a5>{_AGENCY})\s*\)\s*{_DASH}?|(?:{_NATIVE_DAY})?"
    rf"\s*(?:/\s*(?P<a1>{_AGENCY})\s*/\.?|\(\s*(?P<a2>{_AGENCY})\s*\)\s*{_DASH}|[\u2013\u2014-]\s+(?P<a3>{_AGENCY})\.))"
    rf"|(?P<a4>{_AGENCY})\s+[\u2013\u2014-])\s+")


def match_dateline(paragraph: str) -> tuple[Credit | None, str | None, str]:
    """Split a leading dateline off the first paragraph of a body.

    Returns:
        ``(credit, dateline, rest)``: ``credit`` when the dateline names an agency,
        ``dateline`` the place/date part as printed (or None), ``rest`` the paragraph without it.
    """
    m = _DATELINE.match(paragraph)
    if m and len(paragraph) > m.end():
        agency = _agency_in(m.group("agency"))
        credit = m.group("credit").strip()
        place = ", ".join(p for p in (m.group("place"), m.group("region"), m.group("date") or m.group("date0")) if p)
        return Credit(agency, "dateline", credit) if agency else None, place or None, paragraph[m.end():]
    m = _PLAIN_DATELINE.match(paragraph)
    if m:
        return None, m.group("credit").strip(" :-\u2013\u2014"), paragraph[m.end():]
    m = _CJK_DATELINE.match(paragraph)
    if m and len(paragraph) > m.end():
        agency = _CJK_AGENCIES[m.group("agency") or m.group("agency2")]
        return Credit(agency, "dateline", m.group("credit")), m.group("place") or m.group("place2"), paragraph[m.end():]
    m = _NATIVE_DATELINE.match(paragraph)
    # its "place" is any word, so it needs a sentence after it ("AGI - Roma" alone is a heading)
    if m and len(paragraph) > m.end() + 40:
        agency = _agency_in(m.group("a1") or m.group("a2") or m.group("a3") or m.group("a4") or m.group("a5"))
        if agency:
            return Credit(agency, "dateline", m.group("credit").strip()), m.group("place"), paragraph[m.end():]
    return None, None, paragraph


def match_trailing_signoff(paragraph: str) -> tuple[Credit | None, str]:
    """Split a sign-off glued to the end of the last paragraph ("... he said. --IANS")."""
    m = _CJK_SIGNOFF.search(paragraph)
    if m and m.start() > 0 and paragraph[m.start() - 1] in "\u3002\u300d!?":  # "…と述べた。(共同)"
        return Credit(_CJK_AGENCIES[m.group("agency")], "signoff", m.group()), paragraph[: m.start()].rstrip()
    m = _TRAILING_SIGNOFF.search(paragraph)
    if not m or m.start() == 0 or not re.search(r"[.!?\"'\u201d]\s*$", paragraph[: m.start()]):
        return None, paragraph
    agency = _agency_in(m.group("a1") or m.group("a2"))
    if not agency:
        return None, paragraph
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
        both = (_PERSON_THEN_AGENCY.match(part.strip(" ."))  # "KAREN VOLK Associated Press"
                or _PERSON_PAREN_AGENCY.match(part.strip(" .")))
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
        elif part[0].isupper() and re.fullmatch(r"[^\W\d_][\w.'\u2019-]*(?: [^\W\d_][\w.'\u2019-]*){0,3}", part):
            authors.append(Author(part, "person"))
        else:
            return None
    if not authors and not all(_JOB_TITLE.match(p.strip(" .")) for p in parts if p.strip(" .")):
        return None
    return authors, credits


def _is_acronym(word: str) -> bool:
    """An agency's name that is only written in capitals ("TTXVN"; "KYODO" is also "Kyodo")."""
    return word in _ALIAS_TO_AGENCY_UPPER and word.capitalize() not in _ALIAS_SET


def _title_case(name: str) -> str:
    """An all-capitals name as a name is written ("KAREN VOLK" → "Karen Volk"); acronyms stay."""
    if not name.isupper() or (len(name.split()) == 1 and (len(name) <= 4 or _is_acronym(name))):
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
    ``The Associated Press contributed to this report.``,
    ``Jane Doe, The Canadian Press``,
    ``Asia Biz Wire (Reuters)``, ``© 2025 Reuters``,
    ``Copyright 2025 The Associated Press. All rights reserved.``, ``Source: AFP``,
    ``(Reporting by …; Editing by …)``, ``(This story is filed by PTI. Copyright Press Trust of India Ltd.)``,
    and a copyright line with the agency's legal notice after it (``(c) Agencia EFE 2026. Está
    expresamente prohibida la redistribución …``). Bylines are handled by :func:`match_byline`.
    """
    line = line.strip()
    if not line or len(line) > _LONG_COPYRIGHT:
        return None
    if len(line) > 160:  # only a copyright line runs this long: its holder is in the first sentence
        return _copyright_credit(line, re.split(r"(?<=[.!?])\s+", line, maxsplit=1)[0])
    m = _FILED_BY.match(line)
    if m and (credit := _credit(m.group("agency"), "signoff", line)):
        return credit
    m = _SOURCE_LINE.match(line)
    if m and (credit := _credit(m.group("agency"), "source", line)):
        return credit
    m = _LABELLED_BYLINE.match(line) or _NEWSROOM_WITH.match(line)
    if m and (credit := _credit(m.group("agency"), "byline", line)):
        return credit
    m = _CJK_CREDIT_LINE.match(line)
    if m:
        return Credit(_CJK_AGENCIES[m.group("a1") or m.group("a2") or m.group("a3")], "source", line)
    m = _READ_MORE_AT.match(line)
    if m:
        agency = _agency_in(m.group("where")) or _agency_of_domain(m.group("where"))
        if agency:
            return Credit(agency, "source", line)
    m = _SIGNOFF_LINE.match(line)
    if m and (credit := _credit(m.group("agency"), "signoff", line)):
        return credit
    m = _NAME_THEN_AGENCY.match(line)
    if m and (credit := _credit(m.group("agency"), "source", line)):
        return credit
    for pattern in (_CONTRIBUTED, _FIRST_PUBLISHED_BY):
        m = pattern.match(line)
        if m and (credit := _credit(m.group("agency"), "signoff", line)):
            return credit
    m = _PERSON_COMMA_AGENCY.match(line)
    # "Jane Doe, AP" could be a place and a name; spelled out it is not
    if m and len(m.group("agency")) > 3 and (credit := _credit(m.group("agency"), "byline", line)):
        return credit
    credit = _copyright_credit(line, line)
    if credit:
        return credit
    if _REUTERS_SIGNOFF.match(line):
        return Credit("Reuters", "signoff", line)
    if _BLOOMBERG_SIGNOFF.match(line):
        return Credit("Bloomberg", "signoff", line)
    m = _DESK_SIGNOFF.match(line)
    if m and (credit := _credit(m.group("agency"), "signoff", line)):
        return credit
    if _JIJI_STAMP.match(line):
        return Credit("Jiji", "signoff", line)
    m = _EMAIL.match(line)
    if m:  # a reporter's address at the agency ("shinjh@yna.co.kr") closing the story
        agency = agency_of_url("//" + m.group("domain"))
        if agency:
            return Credit(agency, "signoff", line)
    return None


def _copyright_credit(line: str, notice: str) -> Credit | None:
    """A copyright credit for ``line`` when ``notice`` (the line, or its first sentence) is a copyright
    notice held by an agency."""
    m = _COPYRIGHT.match(notice)
    if m:
        agencies = _agencies_in(m.group("holder")) or [a for a in [_agency_of_domain(m.group("holder"))] if a]
        if agencies:
            return Credit(agencies[0], "copyright", line)
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
