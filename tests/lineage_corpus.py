"""TESTS (LINEAGE oracle): a deterministic synthetic syndication corpus with known lineage.

Builds news events from structured facts, writes independent reports of each event in several
house styles, and copies them the way publishers do (verbatim, trimmed, edited, excerpt, rewrite,
related pieces, chains of copies), recording the ground truth *from how each text was made*, never
from similarity thresholds. Sentence templates live in ``tests/fixtures/lineage/templates.txt``.

Public surface:

* :func:`build_corpus` → :class:`Corpus` (articles in arrival order + ``truth`` per URL, with
  orderings such as copies before originals), for the lineage engine's tests;
* :func:`synth_documents` streams real-length articles for benchmarks;
* :func:`jaccard5` / :func:`shingles5`, the word 5-shingle Jaccard used for the statistics.

Same seed → byte-identical output (only ``random.Random`` seeded with ints; no ``hash()`` of
strings, no iteration over sets). ``python -m tests.lineage_corpus`` prints corpus statistics.
"""

from __future__ import annotations

import json
import math
import re
import sys
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path
from random import Random
from typing import Any, Iterator

__all__ = [
    "ARTICLE_FIELDS",
    "COPY_KINDS",
    "Corpus",
    "EVENT_TYPES",
    "VARIANTS",
    "build_corpus",
    "jaccard5",
    "shingles5",
    "synth_documents",
]

TEMPLATES_FILE = Path(__file__).parent / "fixtures" / "lineage" / "templates.txt"

#: The fields of every article dict (``crawler.lineage.Article(**article)`` accepts them).
ARTICLE_FIELDS = ("url", "text", "canonical_url", "title", "published", "wire", "credited", "source",
                  "publisher_wire", "first_seen")

EVENT_TYPES = ("court", "election", "storm", "earnings", "centralbank", "sports", "protest", "accident",
               "summit", "science", "recall")

#: Copy kinds made from an event's reports (``chain`` is agency → regional edit → aggregator trim).
COPY_KINDS = ("verbatim", "trimmed", "edited", "excerpt", "rewrite", "chain", "related")

#: Every case :func:`build_corpus` can include; pass a subset as ``variants`` to leave some out.
VARIANTS = COPY_KINDS + (
    "independent",        # 2–3 independent originals of one event
    "credit",             # uncredited and miscredited copies (else every copy credits its root)
    "early_copy",         # originals crawled late, so copies arrive first
    "no_published",       # copies without a published time
    "tz_skew",            # a copy whose published time claims to be before its source's
    "drift",              # a number, weekday, year or name changed in a copy
    "same_day_negative",  # two different events of the same type on the same day
    "identity",           # same URL twice, an updated version, an alias URL with canonical_url
)

# --------------------------------------------------------------------------------------------
# Templates: "[a|b]" alternatives, "{name}" bindings.


def _compile(src: str) -> list:
    """Parse a template into a sequence: str literals, (name,) bindings, [seq, seq…] choices."""
    pos = 0

    def seq(top: bool) -> list:
        nonlocal pos
        out: list = []
        buf: list[str] = []
        while pos < len(src):
            ch = src[pos]
            if ch == "[":
                pos += 1
                if buf:
                    out.append("".join(buf))
                    buf = []
                alts = [seq(False)]
                while pos < len(src) and src[pos] == "|":
                    pos += 1
                    alts.append(seq(False))
                pos += 1  # "]"
                out.append(alts)
            elif ch in "|]" and not top:
                break
            elif ch == "{":
                end = src.index("}", pos)
                if buf:
                    out.append("".join(buf))
                    buf = []
                out.append((src[pos + 1:end],))
                pos = end + 1
            else:
                buf.append(ch)
                pos += 1
        if buf:
            out.append("".join(buf))
        return out

    return seq(True)


def _render(parts: list, rng: Random, b: dict[str, str]) -> str:
    return "".join(_expand(parts, rng.random, b, []))


def _expand(parts: list, rnd, b: dict[str, str], out: list[str]) -> list[str]:
    for p in parts:
        t = type(p)
        if t is str:
            out.append(p)
        elif t is tuple:
            out.append(b[p[0]])
        else:
            _expand(p[int(rnd() * len(p))], rnd, b, out)
    return out


_SPACES = re.compile(r" {2,}")
_SPACE_PUNCT = re.compile(r" +([,.;:?!])")
_AN = re.compile(r"\b([Aa]) (?=(?:[aeioAEIO]|8|11\b|11[ ,.]|18\b|18[ ,.]|u[^n]|U[^n]))")


def _tidy(text: str) -> str:
    if "  " in text:
        text = _SPACES.sub(" ", text)
    if " ," in text or " ." in text or " ;" in text or " :" in text:
        text = _SPACE_PUNCT.sub(r"\1", text)
    text = text.strip()
    if ",," in text or ",." in text or ".." in text:
        text = text.replace(",,", ",").replace(",.", ".").replace("..", ".")
    text = _AN.sub(lambda m: m.group(1) + "n ", text)
    for i, ch in enumerate(text):
        if ch.isalpha():
            return text[:i] + ch.upper() + text[i + 1:]
        if ch.isdigit():
            break
    return text


@lru_cache(maxsize=1)
def _templates() -> dict[str, dict[str, list[list]]]:
    out: dict[str, dict[str, list[list]]] = {}
    section = kind = None
    for line in TEMPLATES_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("== "):
            section = line[3:].strip()
            out[section] = {}
        elif line.startswith("-- "):
            kind = line[3:].strip()
            out[section][kind] = []
        else:
            out[section][kind].append(_compile(line.strip()))
    return out


def _tpl(section: str, kind: str) -> list[list]:
    return _templates()[section][kind]


# --------------------------------------------------------------------------------------------
# World: places, names, organisations.

_CITIES = """Lisbon,Portugal|Porto,Portugal|Madrid,Spain|Valencia,Spain|Seville,Spain|Lyon,France|
Marseille,France|Toulouse,France|Hamburg,Germany|Munich,Germany|Cologne,Germany|Leipzig,Germany|
Milan,Italy|Naples,Italy|Turin,Italy|Antwerp,Belgium|Vienna,Austria|Graz,Austria|Dublin,Ireland|
Cork,Ireland|Athens,Greece|Thessaloniki,Greece|Helsinki,Finland|Tallinn,Estonia|Manchester,Britain|
Leeds,Britain|Glasgow,Britain|Bristol,Britain|Krakow,Poland|Gdansk,Poland|Budapest,Hungary|
Bucharest,Romania|Sofia,Bulgaria|Istanbul,Turkey|Izmir,Turkey|Cairo,Egypt|Alexandria,Egypt|
Casablanca,Morocco|Lagos,Nigeria|Abuja,Nigeria|Nairobi,Kenya|Mombasa,Kenya|Accra,Ghana|
Johannesburg,South Africa|Durban,South Africa|Mumbai,India|Pune,India|Chennai,India|Kolkata,India|
Dhaka,Bangladesh|Karachi,Pakistan|Lahore,Pakistan|Colombo,Sri Lanka|Bangkok,Thailand|
Chiang Mai,Thailand|Hanoi,Vietnam|Da Nang,Vietnam|Cebu,Philippines|Jakarta,Indonesia|
Surabaya,Indonesia|Kuala Lumpur,Malaysia|Seoul,South Korea|Busan,South Korea|Osaka,Japan|
Sapporo,Japan|Fukuoka,Japan|Taipei,Taiwan|Sydney,Australia|Perth,Australia|Brisbane,Australia|
Auckland,New Zealand|Toronto,Canada|Calgary,Canada|Montreal,Canada|Guadalajara,Mexico|
Monterrey,Mexico|Bogota,Colombia|Medellin,Colombia|Lima,Peru|Santiago,Chile|Buenos Aires,Argentina|
Cordoba,Argentina|Sao Paulo,Brazil|Recife,Brazil|Porto Alegre,Brazil"""
CITIES = [tuple(c.strip().split(",")) for c in _CITIES.replace("\n", "").split("|")]
_COUNTRIES = sorted({c for _, c in CITIES})
_EURO = ("Portugal", "Spain", "France", "Germany", "Italy", "Belgium", "Austria", "Ireland", "Greece",
         "Finland", "Estonia")
_CURRENCY = {"Britain": ("£", "pound"), "Poland": ("$", "zloty"), "Hungary": ("$", "forint"),
             "Romania": ("$", "leu"), "Bulgaria": ("$", "lev"), "Turkey": ("$", "lira"),
             "Egypt": ("$", "Egyptian pound"), "Morocco": ("$", "dirham"), "Nigeria": ("$", "naira"),
             "Kenya": ("$", "shilling"), "Ghana": ("$", "cedi"), "South Africa": ("$", "rand"),
             "India": ("$", "rupee"), "Bangladesh": ("$", "taka"), "Pakistan": ("$", "Pakistani rupee"),
             "Sri Lanka": ("$", "Sri Lankan rupee"), "Thailand": ("$", "baht"), "Vietnam": ("$", "dong"),
             "Philippines": ("$", "peso"), "Indonesia": ("$", "rupiah"), "Malaysia": ("$", "ringgit"),
             "South Korea": ("$", "won"), "Japan": ("$", "yen"), "Taiwan": ("$", "Taiwan dollar"),
             "Australia": ("$", "Australian dollar"), "New Zealand": ("$", "New Zealand dollar"),
             "Canada": ("$", "Canadian dollar"), "Mexico": ("$", "Mexican peso"),
             "Colombia": ("$", "Colombian peso"), "Peru": ("$", "sol"), "Chile": ("$", "Chilean peso"),
             "Argentina": ("$", "Argentine peso"), "Brazil": ("$", "real")}

_FIRST_F = """Ana Maria Sofia Elena Laura Ines Chloe Amara Nadia Leila Priya Aisha Mei Yuki Hana Ji-woo
Olga Irina Katarzyna Zsofia Ioana Eleni Fatima Ngozi Wanjiru Thandiwe Ama Lucia Camila Valentina
Gabriela Isabel Marta Claire Helen Sarah Emma Rachel Linh Siti Nurul Ayesha Deepa Kavya Meera Farah
Selin Zeynep Aiko Sakura Min-ji Grace Hannah Julia Renata Paula""".split()
_FIRST_M = """Carlos Joao Miguel Pablo Luis Pierre Thomas Lukas Jonas Marco Luca Giorgos Nikos Jan Piotr
Tomasz Andras Mihai Stefan Mehmet Emre Ahmed Omar Youssef Chinedu Emeka Kwame Kofi Tendai Sipho Rahul
Arjun Vikram Sanjay Imran Tariq Nguyen Minh Somchai Budi Rizal Hiroshi Kenji Takeshi Min-jun Seo-jun
David Daniel James Michael Robert Liam Mateo Diego Santiago Rafael Felipe Andres Tomas""".split()
_LAST = """Silva Santos Ferreira Costa Oliveira Garcia Martinez Lopez Fernandez Moreau Laurent Dubois
Becker Wagner Hoffmann Schulz Rossi Bianchi Esposito Romano Janssens Peeters Gruber Huber Murphy Byrne
Kelly Papadopoulos Nikolaidis Virtanen Korhonen Tamm Saar Walsh Hughes Campbell Nowak Kowalski Wojcik
Nagy Horvath Popescu Ionescu Dimitrov Petrov Yilmaz Kaya Demir Hassan Mansour Haddad Benali Okafor
Adeyemi Okonkwo Mwangi Otieno Kamau Mensah Asante Dlamini Nkosi Naidoo Sharma Patel Iyer Reddy Banerjee
Mukherjee Rahman Chowdhury Hussain Qureshi Perera Fernando Wongsakul Srisai Tran Pham Le Hoang Reyes
Santos Cruz Gonzales Wijaya Santoso Hidayat Tan Lim Ng Kim Park Lee Choi Jung Tanaka Suzuki Sato
Watanabe Yamamoto Nakamura Chen Lin Huang Wu Smith Taylor Brown Wilson Clarke Murray MacDonald Tremblay
Gagnon Roy Leblanc Hernandez Ramirez Torres Flores Castillo Vargas Rojas Morales Soto Munoz Alvarez
Romero Diaz Pereira Almeida Carvalho Ribeiro Barbosa Gomes Araujo""".split()

_SYL1 = "ka lo ve tra mi so da ne o be ta qui ze va lu co fe ri pa go ar el is am bro cal dor fin gal hel".split()
_SYL2 = "lor ven sa mi rin dal tes no ra vi len mar tis ga ron del cas ber mon ta li zan pe".split()
_SYL3 = "a o ia en ex is on ar el um ix or ea in ys".split()


def _coin(r: Random) -> str:
    w = r.choice(_SYL1) + r.choice(_SYL2) + (r.choice(_SYL3) if r.random() < 0.6 else "")
    return w.capitalize()


_SMALL = ("zero one two three four five six seven eight nine").split()
_ORD = ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
        "fourteenth fifteenth").split()
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January February March April May June July August September October November "
          "December").split()


def _ordinal(n: int) -> str:
    suf = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suf}"


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    female: bool

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


def _person(r: Random) -> Person:
    female = r.random() < 0.5
    return Person(r.choice(_FIRST_F if female else _FIRST_M), r.choice(_LAST), female)


# --------------------------------------------------------------------------------------------
# Typed values, formatted per house style.

@dataclass(frozen=True)
class N:
    """A count."""
    v: int


@dataclass(frozen=True)
class P:
    """A percentage."""
    v: float


@dataclass(frozen=True)
class M:
    """An amount of money."""
    v: float
    cur: str = "$"


@dataclass(frozen=True)
class Style:
    """A house style: spelling, number formats, dateline, paragraphing and fact order."""
    name: str
    uk: bool
    pct: str              # "percent" | "per cent" | "%"
    small_words: bool     # one to nine in words
    money: str            # "long" ($4.2 billion) | "short" ($4.2bn) | "code" (US$4.2 billion)
    dm: bool              # "4 March" rather than "March 4"
    bare_weekday: bool    # "said Tuesday" rather than "said on Tuesday"
    dateline: bool
    per_para: tuple[int, int]
    order: tuple[str, ...]
    title_case: bool = False


_CORE = ("a", "quote_off", "b", "c", "quote_2", "reaction", "next")
STYLES = {
    "ap": Style("ap", False, "%", True, "long", False, True, True, (1, 2),
                ("a", "quote_off", "b", "c", "quote_2", "reaction", "next")),
    "reuters": Style("reuters", False, "%", False, "long", False, False, True, (1, 2),
                     ("b", "a", "quote_off", "next", "c", "reaction", "quote_2")),
    "afp": Style("afp", True, "percent", False, "long", True, False, True, (1, 3),
                 ("quote_off", "a", "c", "b", "reaction", "quote_2", "next")),
    "asia": Style("asia", False, "percent", False, "code", False, False, True, (1, 2),
                  ("a", "b", "c", "quote_off", "next", "quote_2", "reaction")),
    "dpa": Style("dpa", True, "per cent", False, "long", True, False, True, (1, 2),
                 ("c", "a", "quote_off", "b", "quote_2", "next", "reaction")),
    "bloomberg": Style("bloomberg", False, "%", False, "long", False, True, False, (1, 2),
                       ("b", "c", "quote_off", "a", "next", "quote_2", "reaction"), True),
    "uk_paper": Style("uk_paper", True, "per cent", False, "short", True, False, False, (1, 3),
                      ("a", "b", "quote_2", "quote_off", "c", "reaction", "next")),
    "us_paper": Style("us_paper", False, "percent", True, "long", False, True, False, (2, 3),
                      ("quote_2", "a", "quote_off", "b", "reaction", "c", "next"), True),
}


def _fmt_num(x: float) -> str:
    s = f"{x:.1f}"
    return s[:-2] if s.endswith(".0") else s


def _fmt(v: Any, st: Style) -> str:
    t = type(v)
    if t is str:
        return v
    if t is N:
        n = v.v
        if n < 10 and st.small_words:
            return _SMALL[n]
        if n >= 1_000_000:
            return f"{_fmt_num(n / 1e6)} million"
        return f"{n:,}"
    if t is P:
        num = _fmt_num(v.v)
        return f"{num}%" if st.pct == "%" else f"{num} {st.pct}"
    if t is M:
        x, cur = v.v, v.cur
        if x >= 1e9:
            num, big, short = _fmt_num(x / 1e9), "billion", "bn"
        elif x >= 1e6:
            num, big, short = _fmt_num(x / 1e6), "million", "m"
        else:
            return f"{cur}{int(x):,}"
        if st.money == "short":
            return f"{cur}{num}{short}"
        if st.money == "code" and cur == "$":
            return f"US${num} {big}"
        return f"{cur}{num} {big}"
    raise TypeError(t)


def _date(d: datetime, st: Style) -> str:
    return f"{d.day} {MONTHS[d.month - 1]}" if st.dm else f"{MONTHS[d.month - 1]} {d.day}"


# --------------------------------------------------------------------------------------------
# Events: facts per type.

def _money(r: Random, lo: float, hi: float, cur: str = "$") -> M:
    x = math.exp(r.uniform(math.log(lo), math.log(hi)))
    digits = 10 ** max(0, int(math.log10(x)) - 1)
    return M(round(x / digits) * digits, cur)


def _pct(r: Random, lo: float, hi: float, nd: int = 1) -> P:
    return P(round(r.uniform(lo, hi), nd))


def _n(r: Random, lo: int, hi: int) -> N:
    x = math.exp(r.uniform(math.log(lo), math.log(hi)))
    if x > 1000:
        x = round(x, -1 if x < 10000 else -2)
    return N(int(x))


@dataclass
class Event:
    """One news event: its facts (typed values), speakers and the roles reporters may quote."""
    key: str
    etype: str
    day: datetime                 # event time, UTC
    city: str
    country: str
    facts: dict[str, Any]
    official: tuple[Person, str]  # speaker of the official quote and role
    second_roles: list[str]
    critic_roles: list[str]
    things: list[str]
    thing_past: str
    field_topic: str
    _bind: dict[str, dict[str, str]] = field(default_factory=dict)

    def bindings(self, st: Style) -> dict[str, str]:
        b = self._bind.get(st.name)
        if b is None:
            d = self.day
            b = {k: _fmt(v, st) for k, v in self.facts.items()}
            wd = WEEKDAYS[d.weekday()]
            b.update(city=self.city, country=self.country, wd=wd, date=_date(d, st),
                     on_wd=wd if st.bare_weekday else f"on {wd}",
                     on_wd_cap=wd if st.bare_weekday else f"On {wd}",
                     year=str(d.year), py=str(d.year - 1), ny=str(d.year + 1))
            self._bind[st.name] = b
        return b


def _persons(r: Random, n: int) -> list[Person]:
    out: list[Person] = []
    while len(out) < n:
        p = _person(r)
        if all(p.last != q.last for q in out):
            out.append(p)
    return out


def _pb(prefix: str, p: Person, role: str) -> dict[str, str]:
    return {prefix: p.name, f"{prefix}_last": p.last, f"{prefix}_role": role}


def _later(day: datetime, r: Random, lo: int, hi: int) -> datetime:
    return day + timedelta(days=r.randint(lo, hi))


def _make_event(r: Random, key: str, etype: str, day: datetime, place: tuple[str, str] | None = None) -> Event:
    city, country = place or r.choice(CITIES)
    if etype == "centralbank" and country in _EURO:
        city, country = r.choice([c for c in CITIES if c[1] not in _EURO])
    cur = "€" if country in _EURO else _CURRENCY.get(country, ("$", ""))[0]
    f: dict[str, Any] = {}
    ppl = _persons(r, 8)
    y = day.year
    other_city = r.choice([c for c, k in CITIES if k == country and c != city] or [_coin(r)])
    f["city2"] = other_city
    f["town2"] = _coin(r)
    f["univ2"] = f"the University of {r.choice(CITIES)[0]}"
    f["next_date"] = _date_any(_later(day, r, 7, 60))
    f["next_wd"] = WEEKDAYS[(day.weekday() + r.randint(1, 4)) % 7]
    f["years_lived"] = N(r.randint(8, 60))
    f["poll_org"] = r.choice(["Reuters", "Bloomberg", "LSEG", "FactSet", f"{_coin(r)} Research", "Ipsos",
                              f"the {_coin(r)} Institute"])
    f["stat_org"] = (f"the {country} statistics office" if r.random() < 0.5
                     else f"{country}'s national statistics agency")
    f["ainst"] = f"the {_coin(r)} Institute" if r.random() < 0.5 else f"{_coin(r)} University"
    f["job"] = r.choice(["nurse", "teacher", "bus driver", "electrician", "farmer", "shop owner", "student",
                         "retired engineer", "taxi driver", "cook"])
    things: list[str]
    o = ppl[0]
    if etype == "court":
        co = _coin(r) + " " + r.choice(["Chemicals", "Logistics", "Holdings", "Pharma", "Mining", "Foods",
                                        "Properties", "Energy", "Textiles"])
        issue, short, plaint = r.choice([
            (f"groundwater contamination near its {city} plant", "groundwater pollution", "residents"),
            ("unpaid overtime at its warehouses", "unpaid overtime", "former employees"),
            ("misleading statements about its finances", "misleading accounts", "investors"),
            (f"a faulty hip implant it sold until {y - r.randint(2, 6)}", "faulty implants", "patients"),
            ("rent increases across its apartment blocks", "rent increases", "tenants"),
            (f"pesticide runoff into the {_coin(r)} River", "pesticide runoff", "farmers"),
            ("a data breach that exposed customer records", "the data breach", "customers"),
            (f"asbestos exposure at its {other_city} factory", "asbestos exposure", "former workers"),
            ("an oil spill that damaged fishing grounds", "the oil spill", "fishermen")])
        money = _money(r, 5e6, 2e9, cur)
        filed = y - r.randint(2, 11)
        judges = r.choice([3, 5, 7, 9])
        maj = r.randint(judges // 2 + 1, judges)
        f.update(court=r.choice([f"the {country} Supreme Court", f"the High Court in {city}",
                                 f"the {city} District Court",
                                 f"the Court of Appeal in {city}", f"{country}'s Constitutional Court"]),
                 co=co, co_short=co.split()[0], issue=issue, issue_short=short, plaint=plaint,
                 n_plaint=_n(r, 40, 15000), money=money, money2=M(round(money.v * r.uniform(0.2, 0.6), -5), cur),
                 votes=f"{maj}-{judges - maj}", filed_year=str(filed), years_case=N(y - filed),
                 share_pct=_pct(r, 2, 14), mcap=_money(r, 1e8, 5e9, cur), n_emp=_n(r, 800, 90000),
                 appeal_days=N(r.choice([14, 21, 28, 30, 60])), appeal_years=N(r.randint(2, 5)),
                 appeal_court=r.choice([f"the {country} Supreme Court", f"the appeals court in {other_city}"]),
                 pay_month=MONTHS[(day.month + r.randint(2, 9)) % 12])
        f.update(_pb("j", ppl[1], "the presiding judge"))
        o_role = f"a lawyer for the {plaint}"
        second = [f"one of the {plaint} who brought the case", f"a law professor at {f['univ2']}",
                  f"a legal analyst in {city}", "a former judge", f"a campaigner with {f['ainst']}"]
        critic = [f"a lawyer for {f['co_short']}", f"head of the {country} Business Federation",
                  f"a spokesperson for {co}"]
        things = ["the ruling", "the verdict", "the court's decision", "the judgment"]
        thing_past = f"the court ruling against {f['co_short']}"
        topic = "corporate accountability"
    elif etype == "election":
        w, rr, inc = ppl[1], ppl[2], ppl[3]
        parties = r.sample(["National Renewal Party", "Democratic Alliance", "People's Movement", "Green Future",
                            "Liberal Union", "Social Democratic Party", "Progress Party", "Civic Platform",
                            "Workers' Front", "Unity Coalition", "Forward Party", "Justice League"], 2)
        wp = r.uniform(38, 64)
        f.update(_pb("w", w, f"the {parties[0]} candidate"))
        f.update(_pb("r", rr, f"the {parties[1]} candidate"))
        f.update(w_party=parties[0], r_party=parties[1], w_pct=P(round(wp, 1)),
                 r_pct=P(round(r.uniform(20, min(wp - 2, 100 - wp)), 1)), turnout=_pct(r, 45, 82),
                 turnout_prev=_pct(r, 40, 80), n_votes=_n(r, 200_000, 40_000_000),
                 counted_pct=_pct(r, 85, 99.5), last_year=str(y - r.choice([4, 5, 6])),
                 elect=r.choice(["presidential election", "presidential runoff", "general election",
                                 "parliamentary election", f"mayoral election in {city}"]),
                 obs_org=r.choice(["the European Union", "the Carter Center", "the African Union",
                                   f"the {_coin(r)} Election Watch", "the OSCE"]),
                 n_complaints=_n(r, 12, 3000), inc=inc.name, pw_pct=_pct(r, 40, 60),
                 infl=_pct(r, 2, 19), unemp=_pct(r, 3, 15), n_rallies=N(r.randint(20, 180)),
                 n_regions=N(r.randint(5, 30)),
                 w_him="her" if w.female else "him", w_his="her" if w.female else "his",
                 r_he="she" if rr.female else "he")
        o, o_role = w, f"the {parties[0]} candidate"
        second = [f"a voter in {city}", f"a political scientist at {f['univ2']}", f"a {f['job']} from {f['town2']}",
                  f"a first-time voter in {other_city}"]
        critic = [f"a senior {parties[1]} official", "an opposition lawmaker", f"a spokesperson for {rr.name}"]
        things = ["the result", "the election outcome", f"the victory of {w.last}"]
        thing_past = f"the {f['elect']} won by {w.last}"
        topic = "electoral reform"
    elif etype == "storm":
        region = r.choice([f"{_coin(r)} province", f"the {_coin(r)} region", f"{_coin(r)} state"])
        f.update(storm=r.choice(["Storm", "Typhoon", "Cyclone", "Tropical Storm", "Hurricane"]) + " " + _coin(r),
                 region=region, deaths=_n(r, 3, 240), missing=_n(r, 2, 120), evac=_n(r, 1500, 400000),
                 rain=f"{r.randint(120, 640)} millimeters", wind=f"{r.randint(90, 230)} kilometers per hour",
                 n_power=_n(r, 5000, 900000), utility=f"{_coin(r)} Power", river=f"{_coin(r)} River",
                 n_homes=_n(r, 200, 60000), hours=N(r.choice([12, 24, 36, 48])),
                 station=f"{_coin(r)} weather station", met=f"the {country} Meteorological Agency",
                 disaster_org=r.choice(["disaster management agency", "civil protection agency",
                                        "national emergency service"]),
                 pf_year=str(y - r.randint(3, 40)), pf_deaths=_n(r, 5, 500),
                 clim_inst=f"{f['univ2']}", clim_pct=_pct(r, 10, 60, 0), clim_year=str(r.choice([1980, 1990, 1970,
                                                                                                 2000])),
                 ins_org=f"{_coin(r)} Re", damage=_money(r, 5e7, 8e9, cur))
        o_role = r.choice([f"the governor of {region}", "head of the disaster agency", f"the mayor of {city}"])
        second = [f"a resident of {f['town2']}", f"a shopkeeper in {city}", f"a farmer near the {f['river']}",
                  f"a volunteer rescuer from {other_city}"]
        critic = [f"a city council member in {city}", f"a resident of {f['town2']}", "an opposition lawmaker"]
        things = ["the storm", "the flooding", "the disaster", "the floods"]
        thing_past = f"the floods caused by {f['storm']}"
        topic = "flood protection"
    elif etype == "earnings":
        ind, product, market = r.choice([
            ("Semiconductor", "memory chips", "data centers"), ("Motors", "electric vehicles", "Europe"),
            ("Foods", "packaged snacks", "Southeast Asia"), ("Pharmaceuticals", "diabetes drugs", "the United States"),
            ("Energy", "solar panels", "India"), ("Telecom", "mobile data plans", "business customers"),
            ("Apparel", "running shoes", "China"), ("Logistics", "parcel deliveries", "online retailers"),
            ("Robotics", "industrial robots", "carmakers"), ("Games", "mobile games", "North America")])
        co = f"{_coin(r)} {ind}"
        q = r.randrange(4)
        quarters = ["first quarter", "second quarter", "third quarter", "fourth quarter"]
        profit = _money(r, 2e7, 6e9, cur)
        rev = M(round(profit.v * r.uniform(5, 14), -6), cur)
        f.update(co=co, co_short=co.split()[0], product=product, market=market, quarter=quarters[q],
                 next_quarter=quarters[(q + 1) % 4], profit=profit, profit_chg=_pct(r, 3, 80, 0),
                 revenue=rev, rev_chg=_pct(r, 2, 35), rev_est=M(round(rev.v * r.uniform(0.9, 0.99), -6), cur),
                 share_pct=_pct(r, 1.5, 15), exch_city=r.choice([city, other_city]), share_year=str(y - r.randint(1,
                                                                                                                  9)),
                 guidance=M(round(rev.v * r.uniform(3.6, 4.4), -7),
                            cur), prev_profit=M(round(profit.v * r.uniform(0.5, 0.95), -5), cur),
                 prev_year=str(y - 1), n_emp=_n(r, 1500, 240000), n_cuts=_n(r, 150, 9000),
                 cut_month=MONTHS[(day.month - r.randint(2, 6)) % 12], rival=f"{_coin(r)} {ind}",
                 rival_chg=_pct(r, 4, 40, 0))
        o_role = r.choice([f"chief executive of {co}", f"the chief financial officer of {co}"])
        second = [f"an analyst at {_coin(r)} Securities", f"a portfolio manager at {_coin(r)} Capital",
                  f"a strategist at {_coin(r)} Bank", f"head of research at {_coin(r)} Partners"]
        critic = [f"an analyst at {_coin(r)} Securities", f"a fund manager at {_coin(r)} Asset Management",
                  "a short seller"]
        things = ["the results", "the quarterly figures", "the earnings report"]
        thing_past = f"the latest results from {f['co_short']}"
        topic = f"the {ind.lower()} industry"
    elif etype == "centralbank":
        cur_name = _CURRENCY.get(country, ("$", "currency"))[1]
        old = round(r.uniform(1, 14) * 4) / 4
        bps = r.choice([25, 25, 50, 50, 75, 100])
        members = r.choice([5, 7, 9])
        dis = r.randint(1, members // 2)
        f.update(bank=r.choice([f"the Bank of {country}", f"the Reserve Bank of {country}",
                                f"the Central Bank of {country}", f"the {country} National Bank"]),
                 rate_old=P(old), rate_new=P(old + bps / 100), bps=N(bps), infl=_pct(r, 3, 25),
                 target=P(r.choice([2, 2.5, 3, 4])), votes=f"{members - dis}-{dis}", n_dissent=N(dis),
                 last_move=f"{MONTHS[(day.month - r.randint(2, 11)) % 12]} {y - r.randint(0, 1)}",
                 n_econ=N(r.randint(2, 12)), currency=cur_name, fx_pct=_pct(r, 0.2, 2.5),
                 fx_ytd=_pct(r, 3, 25), data_month=MONTHS[(day.month - 2) % 12], gdp=_pct(r, -0.5, 2.5),
                 unemp=_pct(r, 3, 14), g_last=ppl[0].last)
        o_role = f"governor of {f['bank'].replace('the ', '', 1)}"
        second = [f"chief economist at {_coin(r)} Bank", f"an economist at {_coin(r)} Capital",
                  f"a strategist at {_coin(r)} Securities", f"a mortgage broker in {city}"]
        critic = [f"head of the {country} Chamber of Commerce", "an opposition finance spokesperson",
                  f"president of the {country} Farmers' Union"]
        things = ["the rate rise", "the increase", "the bank's decision", "the rate decision"]
        thing_past = f"the latest interest rate increase by {f['bank']}"
        topic = "household debt"
    elif etype == "sports":
        c1, c2 = _coin(r), _coin(r)
        m1, m2 = r.sample(["Rovers", "United", "Athletic", "City", "Wanderers", "Falcons", "Lions", "Rangers",
                           "Albion", "Sporting", "Dynamo", "Olympic"], 2)
        g1, g2 = r.randint(1, 4), r.randint(0, 3)
        g1, g2 = max(g1, g2 + 1), min(g1, g2)
        nth = r.randint(2, 12)
        sc = ppl[1]
        f.update(win_team=f"{c1} {m1}", lose_team=f"{c2} {m2}", win_city=c1, score=f"{g1}-{g2}",
                 cup=r.choice([f"{country} Cup", f"{country} Super Cup", f"{_coin(r)} Trophy",
                               f"{country} Championship"]),
                 stadium=f"{_coin(r)} Stadium", minute=_ordinal(r.randint(3, 90)), nth=_ORD[nth - 1],
                 nth_n=N(nth), attendance=_n(r, 12000, 90000), shots=N(r.randint(8, 26)), saves=N(r.randint(3, 11)),
                 keeper=ppl[2].name, last_title=str(y - r.randint(2, 40)), prev_year=str(y - r.randint(1, 8)),
                 prev_score=f"{r.randint(1, 3)}-{r.randint(0, 1)}", league_pos=_ordinal(r.randint(1, 6)),
                 lose_pos=_ordinal(r.randint(1, 10)), points=N(r.randint(52, 92)), prev_club=f"{_coin(r)} FC",
                 signed_year=str(y - r.randint(1, 5)), season_goals=N(r.randint(8, 34)),
                 sc_his="his" if not sc.female else "her")
        f["season_goals_nth"] = _ordinal(f["season_goals"].v)
        f.update(_pb("scorer", sc, "striker"))
        o_role = f"coach of {f['win_team']}"
        second = [f"a {f['win_team']} supporter", f"a season-ticket holder from {c1}",
                  f"a former {f['lose_team']} captain",
                  f"a sports commentator in {city}"]
        critic = [f"the {f['lose_team']} coach", f"captain of {f['lose_team']}", f"the {f['lose_team']} chairman"]
        things = ["the result", "the final", "the defeat", "the win"]
        thing_past = f"the {f['cup']} final"
        topic = "club finances"
    elif etype == "protest":
        pol = r.choice([
            ("a plan to raise the retirement age", "pension reform", "the retirement age", f"{r.randint(64, 68)}"),
            ("a proposed increase in fuel taxes", "fuel tax rises", "the fuel tax",
             f"{r.randint(40, 90)} cents a liter"),
            ("higher university tuition fees", "tuition fees", "annual tuition fees", f"{r.randint(3, 12)},000 a year"),
            ("a longer working week", "the longer working week", "the legal working week",
             f"{r.randint(44, 50)} hours"),
            ("cuts to public hospital budgets", "hospital cuts", "the hospital budget", f"{r.randint(4, 15)} billion"),
            ("a new law restricting street protests", "the protest law", "the notice period for protests",
             f"{r.randint(5, 30)} days")])
        gov = ppl[2]
        f.update(policy=pol[0], policy_cap=pol[0][0].upper() + pol[0][1:], policy_short=pol[1], policy_what=pol[2],
                 policy_num=pol[3], n_crowd=_n(r, 3000, 400000), n_arrests=N(r.randint(3, 400)),
                 n_org_crowd=_n(r, 50000, 1_200_000), n_injured=N(r.randint(2, 90)),
                 org=r.choice([f"the {_coin(r)} Workers' Union", f"the {country} Federation of Labor",
                               f"the {_coin(r)} Citizens' Alliance", f"the Student Union of {city}"]),
                 square=f"{_coin(r)} Square", building=r.choice(["parliament", "the interior ministry",
                                                                 "the prime minister's office", "city hall"]),
                 gov_p=f"Prime Minister {gov.name}", gov_p_last=gov.last, prev_year=str(y - r.randint(2, 15)),
                 prev_cause=r.choice(["fuel prices", "a corruption scandal", "an earlier pension plan",
                                      "rising rents", "austerity measures"]),
                 poll_pct=_pct(r, 51, 79, 0), n_lines=N(r.randint(3, 40)))
        f["n_crowd"] = N(min(f["n_crowd"].v, f["n_org_crowd"].v // 2))
        o_role = f"leader of {f['org'].replace('the ', '', 1)}"
        second = [f"a {f['job']} from {f['town2']}", f"a retired {f['job']}", f"a student from {other_city}",
                  f"a protester from {f['town2']}"]
        critic = ["a government spokesperson", f"an aide to {gov.name}", "an interior ministry official"]
        things = ["the protest", "the march", "the government's plan", "the demonstration"]
        thing_past = f"the mass protest in {city} against {pol[1]}"
        topic = pol[1]
    elif etype == "accident":
        veh = r.choice([("bus", "plunged into a ravine", "crash"), ("bus", "collided with a truck", "crash"),
                        ("train", "derailed", "derailment"), ("ferry", "capsized", "capsizing"),
                        ("minibus", "overturned on a highway", "crash"),
                        ("passenger train", "collided with a freight train", "collision")])
        town = _coin(r)
        f.update(vehicle=veh[0], vehicle_cap=veh[0].capitalize(), crash_verb=veh[1], crash_noun=veh[2], town=town,
                 region=f"{_coin(r)} province", deaths=_n(r, 4, 90), injured=_n(r, 8, 160),
                 n_pass=_n(r, 40, 600), origin=r.choice([other_city, _coin(r)]), dest=r.choice([city, _coin(r)]),
                 operator=f"{_coin(r)} {r.choice(['Transport', 'Lines', 'Express', 'Rail', 'Ferries'])}",
                 injured_serious=N(r.randint(2, 20)),
                 cause=r.choice(["driver fatigue", "a signal failure", "overloading", "brake failure",
                                 "the condition of the track", "high waves", "excessive speed"]),
                 agency=f"the {country} Transport Safety Board", report_days=N(r.choice([10, 14, 30, 60])),
                 prev_year=str(y - r.randint(1, 12)), prev_deaths=_n(r, 5, 120), prev_place=_coin(r),
                 safety_n=_n(r, 900, 40000), fleet=_n(r, 40, 2500), fine_year=str(y - r.randint(1, 6)))
        f["cause_cap"] = f["cause"][0].upper() + f["cause"][1:]
        f["injured"] = N(max(f["injured"].v, f["injured_serious"].v + 3))
        f["n_pass"] = N(max(f["n_pass"].v, f["deaths"].v + f["injured"].v + 5))
        o_role = r.choice([f"the governor of {f['region']}", "a police spokesperson",
                           "head of the regional fire service"])
        second = ["a passenger who survived the crash", f"a witness from {town}", "a survivor",
                  f"a shopkeeper in {town}"]
        critic = [f"a council member in {town}", "a transport union leader", f"a relative of one of the victims"]
        things = ["the crash", "the accident", "the disaster", "the tragedy"]
        thing_past = f"the deadly {veh[0]} {veh[2]} near {town}"
        topic = "transport safety"
    elif etype == "summit":
        l1, l2 = ppl[1], ppl[2]
        country2 = r.choice([c for c in _COUNTRIES if c != country])
        deal, short = r.choice([("trade and investment agreement", "trade"), ("energy partnership", "energy"),
                                ("defense cooperation pact", "defense"), ("infrastructure financing deal",
                                                                          "infrastructure"),
                                ("critical minerals agreement", "minerals"), ("digital economy pact", "digital")])
        topic2 = r.choice(["migration", "a disputed border", "fishing rights", "climate finance", "visa rules",
                           "human rights"])
        f.update(_pb("l1", l1, r.choice(["president", "prime minister"])))
        f.update(_pb("l2", l2, r.choice(["president", "prime minister", "chancellor"])))
        f.update(country1=country, country2=country2, deal=deal, deal_short=short, deal_value=_money(r, 5e8, 6e10),
                 n_agreements=N(r.randint(3, 24)), n_days=N(r.randint(2, 4)), trade_target=_money(r, 1e10, 2e11),
                 target_year=str(y + r.randint(3, 10)), trade_now=_money(r, 2e9, 5e10), topic2=topic2,
                 topic2_cap=topic2[0].upper() + topic2[1:], next_city=r.choice(CITIES)[0], next_year=str(y + 1),
                 prev_city=r.choice(CITIES)[0], prev_year=str(y - r.randint(1, 4)), prev_n=N(r.randint(2, 9)),
                 n_police=_n(r, 800, 15000), venue=r.choice([f"the {_coin(r)} Palace", f"the {city} convention center",
                                                             f"the {_coin(r)} Hotel"]))
        o, o_role = l1, f"{country}'s {f['l1_role']}"
        second = [f"a trade expert at {f['ainst']}", f"a former ambassador to {country2}",
                  f"a {country} business leader", f"a foreign policy analyst at {f['univ2']}"]
        critic = [f"an opposition lawmaker in {country}", "a think-tank analyst",
                  f"a rights campaigner from {country2}"]
        things = ["the agreements", "the summit", "the deal", "the talks"]
        thing_past = f"the {city} summit between {l1.last} and {l2.last}"
        topic = f"relations with {country2}"
    elif etype == "science":
        site_name = _coin(r)
        sub = r.randrange(4)
        if sub == 0:
            genus = _coin(r) + "saurus"
            fin = (f"the fossilized remains of {genus}, a previously unknown dinosaur", f"new dinosaur {genus}",
                   f"the {site_name} badlands", "dinosaur evolution",
                   f"the animal lived about {r.randint(66, 230)} million years ago "
                   f"and weighed some {r.randint(2, 40)} tons",
                   f"{r.randint(1, 9)} tons", "fragments of a large plant-eater")
        elif sub == 1:
            animal = r.choice(["frog", "orchid", "beetle", "gecko", "catfish", "bat"])
            fin = (f"a new species of {animal} named after the {site_name} valley", f"new {animal} species",
                   f"the {site_name} valley", "tropical biodiversity",
                   f"fewer than {r.randint(200, 3000)} individuals survive "
                   f"in an area of {r.randint(4, 90)} square kilometers",
                   f"{r.randint(20, 80)} known species of {animal} in the region", f"two other {animal} species")
        elif sub == 2:
            fin = (f"an Earth-sized planet orbiting a star {r.randint(12, 400)} light years away",
                   "Earth-sized exoplanet",
                   f"the {site_name} Observatory", "planet formation",
                   f"the planet completes an orbit every {r.randint(3, 60)} days "
                   f"at a temperature of about {r.randint(-40, 60)} degrees Celsius",
                   f"{r.randint(2, 9)} rocky planets in that system", "a gas giant in the same system")
        else:
            organ = r.choice(["pancreatic", "lung", "brain", "liver"])
            fin = (f"a compound that slowed the growth of {organ} tumors in mice",
                   "possible cancer treatment", f"the {site_name} research hospital", "cancer biology",
                   f"tumors grew about {r.randint(30, 80)} percent more slowly in treated animals",
                   f"{r.randint(5, 25)} percent in earlier trials", "a related molecule")
        f.update(finding=fin[0], finding_cap=fin[0][0].upper() + fin[0][1:], finding_short=fin[1],
                 finding_short_cap=fin[1][0].upper() + fin[1][1:], site=fin[2], field=fin[3], measure=fin[4],
                 prev_est=fin[5], prev_find=fin[6],
                 inst=(f["univ2"].replace("the ", "", 1) if r.random() < 0.4 else f"the {_coin(r)} Institute"),
                 journal=r.choice(["Nature", "Science", "The Lancet", "Cell", "PNAS", "Nature Communications",
                                   "Current Biology", "Astrophysical Journal Letters"]),
                 n_samples=_n(r, 12, 4000), n_years=N(r.randint(2, 14)), funder=f"the {_coin(r)} Foundation",
                 n_inst=N(r.randint(2, 30)), n_countries=N(r.randint(2, 14)),
                 next_month=MONTHS[(day.month + r.randint(1, 8)) % 12], prev_year=str(y - r.randint(2, 30)),
                 fund_money=_money(r, 1e7, 9e8), fund_year=str(y - r.randint(3, 20)),
                 inst_year=str(r.randint(1850, 2005)), inst_staff=_n(r, 150, 6000))
        f.update(_pb("lead", ppl[0], f"a researcher at {f['inst']}"))
        o_role = f"a researcher at {f['inst']}"
        second = [f"a {fin[3]} expert at {f['univ2']} who was not involved in the study",
                  f"a researcher at {f['ainst']}", f"a professor at {f['univ2']}"]
        critic = [f"a researcher at {f['univ2']}", f"a senior scientist at {f['ainst']}", "an independent reviewer"]
        things = ["the findings", "the discovery", "the study", "the research"]
        thing_past = f"the discovery of {fin[1]}"
        topic = "funding for basic research"
    elif etype == "recall":
        prod = r.choice([("air fryers", "air fryer", "heating elements that can overheat", "overheating"),
                         ("e-bike batteries", "e-bike battery", "a risk of battery fires", "battery fires"),
                         ("baby car seats", "car seat", "a buckle that can come loose", "faulty buckles"),
                         ("pressure cookers", "pressure cooker", "lids that can open under pressure", "faulty lids"),
                         ("frozen dumplings", "dumplings", "possible listeria contamination", "listeria"),
                         ("phone chargers", "charger", "a risk of electric shock", "shock risk"),
                         ("kitchen blenders", "blender", "blades that can detach", "detaching blades"),
                         ("space heaters", "heater", "wiring that can melt", "melting wires")])
        co = f"{_coin(r)} {r.choice(['Home', 'Appliances', 'Electronics', 'Foods', 'Brands', 'Mobility'])}"
        model = f"{_coin(r)} {r.randint(100, 990)}"
        made_from = _later(day, r, -900, -500)
        f.update(co=co, co_short=co.split()[0], product_pl=f"{model} {prod[0]}", product_cap=f"{model} {prod[0]}",
                 product_short=prod[1], defect=prod[2], defect_short=prod[3], n_units=_n(r, 4000, 3_000_000),
                 n_countries=N(r.randint(2, 40)), n_incidents=N(r.randint(4, 400)), n_injuries=N(r.randint(1, 60)),
                 made_from=f"{MONTHS[made_from.month - 1]} {made_from.year}",
                 made_to=f"{MONTHS[(made_from.month + r.randint(3, 11)) % 12]} {made_from.year + 1}",
                 plant_city=r.choice([c for c, _ in CITIES]),
                 regulator=(f"the {country} Product Safety Agency" if prod[0] != "frozen dumplings"
                            else f"the {country} Food Standards Authority"),
                 regulator_short="Food regulator" if prod[0] == "frozen dumplings" else "Safety regulator",
                 prev_units=_n(r, 2000, 900000), prev_product=r.choice(["toasters", "kettles", "power banks",
                                                                        "scooters"]),
                 prev_year=str(y - r.randint(1, 8)), prev_defect=r.choice(["loose wiring", "a fire risk",
                                                                           "sharp edges"]),
                 reg_n=N(r.randint(80, 900)), reg_n2=N(r.randint(60, 800)), hq_city=r.choice([c for c, _ in CITIES]),
                 n_markets=N(r.randint(5, 90)), n_emp=_n(r, 300, 60000))
        o_role = r.choice([f"a spokesperson for {co}", f"chief executive of {co}", f"head of quality at {co}"])
        second = [f"a customer in {city}", "a consumer-rights campaigner", f"a product-safety analyst at {f['ainst']}"]
        critic = ["a consumer-rights lawyer", f"a spokesperson for the {country} Consumers' Association",
                  "an opposition lawmaker"]
        things = ["the recall", "the company's decision", "the recall notice"]
        thing_past = f"the recall of {f['co_short']} {prod[0]}"
        topic = "product safety regulation"
    else:
        raise ValueError(etype)
    # filler bindings that several types share
    f.setdefault("prev_year", str(y - r.randint(2, 9)))
    f.setdefault("hq_city", r.choice(CITIES)[0])
    f.setdefault("found_year", str(r.randint(1890, 2012)))
    f.setdefault("rev", _money(r, 1e8, 6e10, cur))
    f.setdefault("reg", f"the {country} Environment Agency")
    f.setdefault("reg_year", str(y - r.randint(2, 8)))
    f.setdefault("n_inspect", N(r.randint(4, 60)))
    f.setdefault("pc_year", str(y - r.randint(3, 20)))
    f.setdefault("pc_co", f"{_coin(r)} {r.choice(['Group', 'Industries', 'Chemicals'])}")
    f.setdefault("pc_money", _money(r, 1e6, 9e8, cur))
    if "o" not in f:
        f.update(_pb("o", o, o_role))
    return Event(key, etype, day, city, country, f, (o, o_role), second, critic, things, thing_past, topic)


def _date_any(d: datetime) -> str:
    return f"{MONTHS[d.month - 1]} {d.day}"


_GENERIC_LOCAL: list[tuple[str, Any]] = [
    ("o2", lambda r, ev: r.choice([f"the {_coin(r)} Foundation", f"the {ev.country} Red Cross",
                                   f"the {_coin(r)} Council",
                                   f"the {ev.country} Chamber of Commerce", f"{_coin(r)} Watch",
                                   f"the {_coin(r)} Association",
                                   "the ministry of " + r.choice(["interior", "finance", "health", "transport",
                                                                     "justice"])])),
    ("on_wd2", lambda r, ev: r.choice(["on " + WEEKDAYS[ev.day.weekday()], "on " + WEEKDAYS[(ev.day.weekday() + 1) % 7],
                                       "late on " + WEEKDAYS[ev.day.weekday()]])),
    ("pn", lambda r, ev: _n(r, 12, 9000)),
    ("pn2", lambda r, ev: N(r.randint(10, 9000))),
    ("ap", lambda r, ev: _person(r).name),
    ("ainst", lambda r, ev: r.choice([f"the {_coin(r)} Institute", f"{_coin(r)} University",
                                      f"the {_coin(r)} Centre for Policy Research"])),
    ("bc", lambda r, ev: r.choice([f"{_coin(r)} TV", f"Channel {r.randint(2, 12)}", f"{_coin(r)} Radio",
                                   f"{ev.country} Television"])),
    ("landmark", lambda r, ev: r.choice([f"{_coin(r)} Square", f"the {_coin(r)} Bridge", "the town hall",
                                         f"{_coin(r)} Park",
                                         f"the {_coin(r)} monument", "the main railway station"])),
    ("minister", lambda r, ev: _person(r).name),
    ("ministry", lambda r, ev: r.choice(["interior", "finance", "health", "transport", "economy"])),
    ("vwd", lambda r, ev: WEEKDAYS[(ev.day.weekday() + r.randint(1, 3)) % 7]),
    ("n_posts", lambda r, ev: _n(r, 20000, 5_000_000)),
    ("sm_org", lambda r, ev: f"{_coin(r)} Analytics"),
    ("ngo", lambda r, ev: r.choice([f"the {_coin(r)} Relief Fund", f"{_coin(r)} Aid", f"the {ev.country} Red Crescent",
                                    f"Care {_coin(r)}", f"the {_coin(r)} Foundation"])),
    ("n_vol", lambda r, ev: N(r.randint(12, 600))),
    ("n_calls", lambda r, ev: _n(r, 150, 40000)),
    ("mp", lambda r, ev: _person(r).name),
    ("country2x", lambda r, ev: r.choice([c for c in _COUNTRIES if c != ev.country])),
]


def _generic_local(r: Random, ev: Event, needed: frozenset[str] | None = None) -> dict[str, Any]:
    """Fresh bindings (incidental organisations, people, counts) for one filler sentence.

    Only the bindings in ``needed`` are drawn (all when None); the city's facts are stable.
    """
    out: dict[str, Any] = {}
    for key, fn in _GENERIC_LOCAL:
        if needed is None or key in needed:
            out[key] = fn(r, ev)
    if "pn2" in out and "pn" in out:
        out["pn2"] = N(max(3, round(out["pn"].v * r.uniform(0.6, 1.4))))
    if needed is None or "pop" in needed or "km" in needed or "city3" in needed:
        out.update(_city_facts(ev.city))
    return out


@lru_cache(maxsize=None)
def _needs(sec: str, kind: str) -> frozenset[str]:
    """Every binding any template of a kind uses."""
    names: list[str] = []

    def walk(parts: list) -> None:
        for p in parts:
            if type(p) is tuple:
                names.append(p[0])
            elif type(p) is list:
                for alt in p:
                    walk(alt)
    for t in _tpl(sec, kind):
        walk(t)
    return frozenset(names)


@lru_cache(maxsize=None)
def _city_facts(city: str) -> dict[str, Any]:
    """Stable facts about a city (the same in every article that mentions them)."""
    i = next(n for n, (c, _) in enumerate(CITIES) if c == city) if any(c == city for c, _ in CITIES) else 0
    r = Random(7_919 * (i + 1))
    country = CITIES[i][1]
    near = [c for c, k in CITIES if k == country and c != city] or [c for c, _ in CITIES if c != city]
    return {"pop": _n(r, 200_000, 9_000_000), "km": N(r.randint(40, 600)), "city3": r.choice(near)}


_GENERIC_FILLERS = ("filler.statement", "filler.pastyear", "filler.analyst", "filler.media", "filler.city",
                    "filler.visit", "filler.social", "filler.aid", "filler.foreign", "filler.parliament",
                    "filler.hotline")


# --------------------------------------------------------------------------------------------
# Publishers.

@dataclass(frozen=True)
class Publisher:
    name: str
    domain: str
    kind: str                 # agency | national | regional | aggregator
    style: str
    agency: str | None = None
    lcity: str = ""           # regionals: home town
    tz: int = 0               # minutes east of UTC for published times
    date_only: bool = False   # publishes a date without time
    no_published: float = 0.0  # share of pages without a published time


AGENCIES = [
    Publisher("Associated Press", "apnews.com", "agency", "ap", "AP", tz=-300),
    Publisher("Reuters", "www.reuters.com", "agency", "reuters", "Reuters"),
    Publisher("AFP", "www.afp.com", "agency", "afp", "AFP", tz=60),
    Publisher("Kyodo News", "english.kyodonews.net", "agency", "asia", "Kyodo", tz=540),
    Publisher("Yonhap", "en.yna.co.kr", "agency", "asia", "Yonhap", tz=540),
    Publisher("dpa", "www.dpa-international.com", "agency", "dpa", "dpa", tz=60),
    Publisher("Xinhua", "english.news.cn", "agency", "asia", "Xinhua", tz=480),
    Publisher("UPI", "www.upi.com", "agency", "us_paper", "UPI", tz=-300),
    Publisher("Bloomberg", "www.bloomberg.com", "agency", "bloomberg", "Bloomberg", tz=-300),
    Publisher("PTI", "www.ptinews.com", "agency", "asia", "PTI", tz=330),
    Publisher("IANS", "ianslive.in", "agency", "asia", "IANS", tz=330),
    Publisher("ANI", "www.aninews.in", "agency", "asia", "ANI", tz=330),
]
NATIONALS = [
    Publisher("The Morning Ledger", "www.morningledger.com", "national", "us_paper", tz=-300),
    Publisher("The Northern Chronicle", "www.northernchronicle.co.uk", "national", "uk_paper"),
    Publisher("Daily Meridian", "www.dailymeridian.co.uk", "national", "uk_paper"),
    Publisher("The Harbour Times", "www.harbourtimes.com.au", "national", "uk_paper", tz=600),
    Publisher("Pacific Herald", "www.pacificherald.com", "national", "us_paper", tz=-480),
    Publisher("The Capital Post", "www.capitalpost.com", "national", "us_paper", tz=-300),
    Publisher("Continental Review", "www.continentalreview.eu", "national", "uk_paper", tz=60),
    Publisher("The Straits Observer", "www.straitsobserver.sg", "national", "uk_paper", tz=480),
]
REGIONALS = [
    Publisher("Westbrook Gazette", "www.westbrookgazette.com", "regional", "us_paper", lcity="Westbrook", tz=-360),
    Publisher("Lakeside Tribune", "www.lakesidetribune.com", "regional", "us_paper", lcity="Lakeside", tz=-300),
    Publisher("Ashford Courier", "www.ashfordcourier.co.uk", "regional", "uk_paper", lcity="Ashford"),
    Publisher("Millbrook Echo", "www.millbrookecho.co.uk", "regional", "uk_paper", lcity="Millbrook", date_only=True),
    Publisher("Redcliff Sentinel", "www.redcliffsentinel.com", "regional", "us_paper", lcity="Redcliff", tz=-420),
    Publisher("Stonebridge Observer", "www.stonebridgeobserver.co.uk", "regional", "uk_paper", lcity="Stonebridge"),
    Publisher("Kingsport Register", "www.kingsportregister.com", "regional", "us_paper", lcity="Kingsport", tz=-300),
    Publisher("Fairhaven Mercury", "www.fairhavenmercury.com.au", "regional", "uk_paper", lcity="Fairhaven", tz=600),
    Publisher("Oakvale Bulletin", "www.oakvalebulletin.com", "regional", "us_paper", lcity="Oakvale", tz=-360,
              no_published=0.3),
    Publisher("Highfield Post", "www.highfieldpost.co.uk", "regional", "uk_paper", lcity="Highfield"),
]
AGGREGATORS = [
    Publisher("NewsNow Digest", "newsnowdigest.com", "aggregator", "us_paper", no_published=0.5),
    Publisher("Headline Hub", "headlinehub.net", "aggregator", "us_paper", date_only=True),
    Publisher("WorldWire Roundup", "www.worldwireroundup.com", "aggregator", "uk_paper"),
    Publisher("Briefly", "briefly.news", "aggregator", "us_paper", no_published=0.4),
    Publisher("Nimbus News", "news.nimbus.example", "aggregator", "us_paper", tz=-480),
    Publisher("Portal24", "www.portal24.net", "aggregator", "uk_paper", tz=60),
    Publisher("The Scroll Feed", "scrollfeed.com", "aggregator", "us_paper", no_published=0.6),
    Publisher("Orbit Daily", "www.orbitdaily.com", "aggregator", "us_paper"),
]
_AGENCY_NAMES = [p.agency for p in AGENCIES]

_SECTION = {"court": "legal", "election": "world", "storm": "world", "earnings": "business",
            "centralbank": "markets", "sports": "sport", "protest": "world", "accident": "world",
            "summit": "politics", "science": "science", "recall": "business"}


def _slug(title: str) -> str:
    w = re.findall(r"[a-z0-9]+", title.lower().replace("'", ""))
    return "-".join(w[:9])


def _url(pub: Publisher, title: str, when: datetime, etype: str, r: Random) -> str:
    slug, sec = _slug(title), _SECTION[etype]
    hx = f"{r.getrandbits(40):010x}"
    ymd = when.strftime("%Y/%m/%d")
    if pub.domain == "apnews.com":
        return f"https://apnews.com/article/{slug}-{hx}{r.getrandbits(48):012x}"
    if pub.domain == "www.reuters.com":
        return f"https://www.reuters.com/{sec}/{slug}-{when.strftime('%Y-%m-%d')}/"
    if pub.kind == "agency":
        return f"https://{pub.domain}/{sec}/{ymd}/{slug}-{hx}"
    if pub.kind == "aggregator":
        return f"https://{pub.domain}/story/{hx}/{slug}"
    return f"https://{pub.domain}/{sec}/{ymd}/{slug}-{int(hx[:7], 16)}"


def _iso(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def _published(pub: Publisher, dt: datetime, r: Random) -> str | None:
    if pub.no_published and r.random() < pub.no_published:
        return None
    local = dt + timedelta(minutes=pub.tz)
    if pub.date_only:
        return local.strftime("%Y-%m-%d")
    if pub.tz == 0:
        return _iso(dt)
    sign = "+" if pub.tz > 0 else "-"
    return local.strftime("%Y-%m-%dT%H:%M:%S") + f"{sign}{abs(pub.tz) // 60:02d}:{abs(pub.tz) % 60:02d}"


# --------------------------------------------------------------------------------------------
# Writing originals.

@dataclass
class Sent:
    kind: str                  # "section/kind"
    tix: int                   # template index
    local: dict[str, Any]      # bindings of this sentence only (filler entities, speaker, quote)
    text: str


@dataclass
class Doc:
    """A written article before it becomes an article dict."""
    title: str
    paras: list[str]
    sents: list[list[Sent]] | None = None   # originals: the sentences of each paragraph
    dateline: str = ""


def _say(sec: str, kind: str, tix: int, local: dict[str, Any], b: dict[str, str], st: Style, r: Random) -> Sent:
    tpl = _tpl(sec, kind)
    bb = b
    if local:
        bb = dict(b)
        for k, v in local.items():
            bb[k] = _fmt(v, st)
    text = _tidy(_render(tpl[tix % len(tpl)], r, bb))
    if st.uk:
        text = _spell(text, True)
    return Sent(f"{sec}/{kind}", tix, local, text)


def _quote(ev: Event, kind: str, tix: int, b: dict[str, str], r: Random) -> str:
    tpl = _tpl(ev.etype, kind)
    return _tidy(_render(tpl[tix % len(tpl)], r, b))


@dataclass
class Plan:
    """What one independent original says: template choices and its own speakers."""
    tix: dict[str, int]
    q_off: str
    second: list[tuple[Person, str, str]]    # (person, role, quote)
    critic: tuple[Person, str, str]


def _plans(ev: Event, k: int, r: Random, share_quote: bool) -> list[Plan]:
    """Template and speaker choices for k independent originals: distinct per original."""
    b = ev.bindings(STYLES["ap"])
    perm = {}
    for kind in ("lead", "a", "b", "c", "next", "headline"):
        idx = list(range(len(_tpl(ev.etype, kind))))
        r.shuffle(idx)
        perm[kind] = idx
    for kind in ("frame.quote", "frame.reaction"):
        idx = list(range(len(_tpl("generic", kind))))
        r.shuffle(idx)
        perm[kind] = idx
    qo = list(range(len(_tpl(ev.etype, "q.official"))))
    r.shuffle(qo)
    shared_q = _quote(ev, "q.official", qo[0], b, r)
    roles2 = list(ev.second_roles)
    r.shuffle(roles2)
    rolesc = list(ev.critic_roles)
    r.shuffle(rolesc)
    q2 = list(range(len(_tpl(ev.etype, "q.second"))))
    r.shuffle(q2)
    qc = list(range(len(_tpl(ev.etype, "q.critic"))))
    r.shuffle(qc)
    plans = []
    used: list[str] = [ev.official[0].last]
    for i in range(k):
        tix = {kind: perm[kind][i % len(perm[kind])] for kind in perm}
        q_off = shared_q if (share_quote or i == 0) else _quote(ev, "q.official", qo[i % len(qo)], b, r)
        second = []
        for j in range(1 + (r.random() < 0.5) + (r.random() < 0.25)):
            p = _fresh_person(r, used)
            role = roles2[(i * 3 + j) % len(roles2)]
            second.append((p, role, _quote(ev, "q.second", q2[(i * 3 + j) % len(q2)], b, r)))
        pc = _fresh_person(r, used)
        critic = (pc, rolesc[i % len(rolesc)], _quote(ev, "q.critic", qc[i % len(qc)], b, r))
        plans.append(Plan(tix, q_off, second, critic))
    return plans


def _fresh_person(r: Random, used: list[str]) -> Person:
    while True:
        p = _person(r)
        if p.last not in used:
            used.append(p.last)
            return p


def _speaker(p: Person, role: str, q: str) -> dict[str, Any]:
    return {"s": p.name, "s_last": p.last, "s_role": role, "q": q}


def _write_original(ev: Event, pub: Publisher, plan: Plan, r: Random, target_words: int) -> Doc:
    st = STYLES[pub.style]
    b = dict(ev.bindings(st))
    b["thing"] = r.choice(ev.things)
    t = ev.etype
    order = list(st.order)
    for _ in range(2):  # a little disorder on top of the house order
        i = r.randrange(len(order) - 1)
        order[i], order[i + 1] = order[i + 1], order[i]
    sents: list[Sent] = [_say(t, "lead", plan.tix["lead"], {}, b, st, r)]
    fq = plan.tix["frame.quote"]
    for slot in order:
        if slot in ("a", "b", "c", "next"):
            sents.append(_say(t, slot, plan.tix[slot], {}, b, st, r))
        elif slot == "quote_off":
            o, role = ev.official
            sents.append(_say("generic", "frame.quote", fq, _speaker(o, role, plan.q_off), b, st, r))
            fq += 1
        elif slot == "quote_2":
            for p, role, q in plan.second:
                sents.append(_say("generic", "frame.quote", fq, _speaker(p, role, q), b, st, r))
                fq += 1
        elif slot == "reaction":
            p, role, q = plan.critic
            sents.append(_say("generic", "frame.reaction", plan.tix["frame.reaction"], _speaker(p, role, q), b, st, r))
    words = sum(len(s.text.split()) for s in sents)
    fillers = [(t, k) for k in _templates()[t] if k.startswith("filler.")] + [("generic", k) for k in _GENERIC_FILLERS]
    r.shuffle(fillers)
    more = [("generic", k) for k in _GENERIC_FILLERS]  # long reports: more organisations and people
    r.shuffle(more)
    fillers += more
    for sec, kind in fillers:
        if words >= target_words:
            break
        gl = _generic_local(r, ev, _needs(sec, kind))
        # a type's background facts are the event's (every report cites the same); only the
        # incidental organisations and people are new in each sentence
        local = {k: v for k, v in gl.items() if k not in ev.facts} if sec == t else gl
        s = _say(sec, kind, r.randrange(len(_tpl(sec, kind))), local, b, st, r)
        # background goes below the top four sentences (inverted pyramid)
        sents.insert(r.randint(min(4, len(sents)), len(sents)), s)
        words += len(s.text.split())
    paras = _group(sents, st, r)
    title = _tidy(_render(_tpl(t, "headline")[plan.tix["headline"]], r, b))
    if st.uk:
        title = _spell(title, True)
    if st.title_case:
        title = _titlecase(title)
    dateline = ""
    if st.dateline and pub.kind == "agency" and r.random() < 0.7:
        dateline = f"{ev.city.upper()} — "
    doc = Doc(title, [" ".join(s.text for s in p) for p in paras], paras, dateline)
    if dateline:
        doc.paras[0] = dateline + doc.paras[0]
    return doc


def _group(sents: list[Sent], st: Style, r: Random) -> list[list[Sent]]:
    n = len(sents)
    lo, hi = st.per_para
    p = max(8, min(20, round(n / ((lo + hi) / 2)), n))
    p = min(p, n)
    # the lead is a paragraph of its own; the rest is cut at p-1 random points
    cuts = sorted(r.sample(range(2, n), max(0, min(p - 2, n - 2)))) if n > 2 else []
    bounds = [0, 1] + cuts + [n]
    return [sents[a:b] for a, b in zip(bounds, bounds[1:]) if b > a]


_SMALLWORDS = {"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "as", "by", "with", "over"}


def _titlecase(t: str) -> str:
    out = []
    for i, w in enumerate(t.split(" ")):
        out.append(w if (i and w.lower() in _SMALLWORDS) or not w[:1].isalpha() else w[:1].upper() + w[1:])
    return " ".join(out)


# --------------------------------------------------------------------------------------------
# Spelling, numbers and word changes (edited copies).

_US_UK = {
    "favor": "favour", "favored": "favoured", "favoring": "favouring", "behavior": "behaviour", "color": "colour",
    "neighbor": "neighbour", "neighbors": "neighbours", "neighboring": "neighbouring", "labor": "labour",
    "honor": "honour", "harbor": "harbour", "rumor": "rumour", "center": "centre", "centers": "centres",
    "meters": "metres", "kilometers": "kilometres", "millimeters": "millimetres", "liter": "litre",
    "theater": "theatre", "fiber": "fibre", "defense": "defence", "defenses": "defences", "offense": "offence",
    "organize": "organise", "organized": "organised", "organizers": "organisers", "organization": "organisation",
    "organizations": "organisations", "analyze": "analyse", "analyzed": "analysed", "apologize": "apologise",
    "apologized": "apologised", "criticize": "criticise", "criticized": "criticised", "recognize": "recognise",
    "realize": "realise", "penalize": "penalise", "penalized": "penalised", "mobilize": "mobilise",
    "prioritize": "prioritise", "authorize": "authorise", "fossilized": "fossilised", "traveled": "travelled",
    "traveling": "travelling", "canceled": "cancelled", "program": "programme", "gray": "grey",
    "skeptics": "sceptics", "skeptic": "sceptic", "tumor": "tumour", "tumors": "tumours", "jewelry": "jewellery",
    "license": "licence", "catalog": "catalogue", "toward": "towards",
}
_UK_US = {v: k for k, v in _US_UK.items()}


def _wordmap_re(m: dict[str, str]) -> re.Pattern:
    return re.compile(r"\b(" + "|".join(sorted(map(re.escape, m), key=len, reverse=True)) + r")\b", re.I)


_US_UK_RE, _UK_US_RE = _wordmap_re(_US_UK), _wordmap_re(_UK_US)


_LETTERS = re.compile(r"[a-z]+")


def _spell(text: str, uk: bool) -> str:
    m, rx = (_US_UK, _US_UK_RE) if uk else (_UK_US, _UK_US_RE)
    if m.keys().isdisjoint(_LETTERS.findall(text.lower())):
        return text

    def sub(mm: re.Match) -> str:
        w = mm.group(0)
        out = m[w.lower()]
        return out[:1].upper() + out[1:] if w[:1].isupper() else out
    return rx.sub(sub, text)


_PCT_WORDS = re.compile(r"(\d) (?:per cent|percent)\b")
_THOUSANDS = re.compile(r"\b(\d{1,3}),(\d{3})(?:,(\d{3}))?\b")
_BIG_MONEY = re.compile(r"([$€£]\d+(?:\.\d)?) (billion|million)\b")

#: Word swaps a sub-editor makes (applied outside quotes).
_SWAPS = [("more than", "over"), ("about", "around"), ("residents", "locals"), ("officials", "authorities"),
          ("said", "says"), ("however", "but"), ("people", "individuals"), ("company", "firm"),
          ("around", "about"), ("roughly", "about"), ("told reporters", "told the media"),
          ("according to", "per"), ("expected", "forecast"), ("announced", "unveiled"), ("began", "started"),
          ("later", "afterwards"), ("large", "big"), ("quickly", "rapidly"), ("rose", "increased"),
          ("fell", "dropped"), ("killed", "left dead"), ("injured", "hurt")]


def _outside_quotes(text: str, fn) -> str:
    parts = re.split(r'("[^"]*")', text)
    return "".join(p if p.startswith('"') else fn(p) for p in parts)


def _localise(paras: list[str], to_uk: bool, r: Random) -> list[str]:
    out = []
    for p in paras:
        p = _spell(p, to_uk)
        p = _PCT_WORDS.sub(r"\1%", p)
        p = _THOUSANDS.sub(lambda m: "".join(g for g in m.groups() if g), p)
        if to_uk:
            p = _BIG_MONEY.sub(lambda m: m.group(1) + ("bn" if m.group(2) == "billion" else "m"), p)
        out.append(p)
    # a few word changes spread over the body
    swaps = list(_SWAPS)
    r.shuffle(swaps)
    done = 0
    for a, bword in swaps:
        if done >= r.randint(3, 6):
            break
        rx = re.compile(rf"\b{re.escape(a)}\b")
        cand = [i for i, p in enumerate(out) if rx.search(_strip_quotes(p))]
        if not cand:
            continue
        i = r.choice(cand)
        out[i] = _outside_quotes(out[i], lambda s, rx=rx, bw=bword: rx.sub(bw, s, count=1))
        done += 1
    return out


def _strip_quotes(text: str) -> str:
    return re.sub(r'"[^"]*"', "", text)


# --------------------------------------------------------------------------------------------
# Drift: a fact changed in a copy.

_NUMTOK = re.compile(r"(?<![\w.$€£-])(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\w-])")
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
_WD_RE = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b")


def _drift(paras: list[str], ev: Event, r: Random, kinds: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    text = "\n".join(paras)
    for kind in kinds:
        if kind == "number":
            toks = [m for m in _NUMTOK.finditer(text) if not _YEAR.fullmatch(m.group(0))
                    and int(m.group(0).replace(",", "").split(".")[0]) >= 10]
            if not toks:
                continue
            m = r.choice(toks)
            old = m.group(0)
            digits = [i for i, ch in enumerate(old) if ch.isdigit()]
            i = r.choice(digits[1:] or digits)
            new = old[:i] + str((int(old[i]) + r.randint(1, 8)) % 10) + old[i + 1:]
            text = text[:m.start()] + new + text[m.end():]
            return text.split("\n"), [(old, new)]
        if kind == "weekday":
            found = _WD_RE.findall(text)
            if not found:
                continue
            old = found[0]
            new = WEEKDAYS[(WEEKDAYS.index(old) + r.choice([1, -1])) % 7]
            return _WD_RE.sub(lambda mm: new if mm.group(0) == old else mm.group(0), text).split("\n"), [(old, new)]
        if kind == "year":
            found = _YEAR.findall(text)
            if not found:
                continue
            old = r.choice(found)
            new = str(int(old) + r.choice([1, -1]))
            text = re.sub(rf"\b{old}\b", new, text, count=1)
            return text.split("\n"), [(old, new)]
        if kind == "name":
            lasts = [v for k, v in ev.facts.items() if k.endswith("_last") and isinstance(v, str) and v in text]
            if not lasts:
                continue
            old = r.choice(lasts)
            if len(old) < 4:
                continue
            i = r.randrange(1, len(old) - 1)
            new = old[:i] + old[i] + old[i:] if r.random() < 0.5 else old[:i] + old[i + 1:]
            return re.sub(rf"\b{re.escape(old)}\b", new, text).split("\n"), [(old, new)]
    return paras, []


# --------------------------------------------------------------------------------------------
# Copies.

def _headline(ev: Event, st: Style, r: Random, avoid: int | None = None) -> str:
    tpl = _tpl(ev.etype, "headline")
    i = r.randrange(len(tpl))
    if avoid is not None and i == avoid:
        i = (i + 1) % len(tpl)
    b = dict(ev.bindings(st))
    t = _tidy(_render(tpl[i], r, b))
    t = _spell(t, True) if st.uk else t
    return _titlecase(t) if st.title_case else t


def _shingle_list(text: str) -> list[tuple[str, ...]]:
    w = _words(text)
    return [tuple(w[i:i + 5]) for i in range(len(w) - 4)]


def _rewrite(ev: Event, src: Doc, pub: Publisher, r: Random, tries: int = 4) -> Doc:
    """Sentence-by-sentence paraphrase: another template for the same facts, same order, same quotes."""
    st = STYLES[pub.style]
    b = dict(ev.bindings(st))
    b["thing"] = r.choice(ev.things)
    paras: list[list[Sent]] = []
    for para in src.sents or []:
        out = []
        for s in para:
            sec, kind = s.kind.split("/")
            n = len(_tpl(sec, kind))
            orig = set(_shingle_list(s.text))
            best = None
            for k in range(tries):
                tix = s.tix + 1 + (k % max(1, n - 1)) if n > 1 else s.tix
                cand = _say(sec, kind, tix, s.local, b, st, r)
                score = len(orig.intersection(_shingle_list(cand.text)))
                if best is None or score < best[0]:
                    best = (score, cand)
                if score == 0:
                    break
            out.append(best[1])
        paras.append(out)
    return Doc(_headline(ev, st, r), [" ".join(s.text for s in p) for p in paras], paras)


def _local_para(ev: Event, pub: Publisher, r: Random, b: dict[str, str]) -> str:
    st = STYLES[pub.style]
    p = _person(r)
    local = {"lcity": pub.lcity, "lpaper": pub.name.replace("The ", ""), "lp": p.name,
             "lp_role": r.choice(["a local council member", "the mayor", "a business owner",
                                  "head of the chamber of commerce",
                                  "a community organizer", "a local school principal"]),
             "lregion": f"{pub.lcity} County" if not st.uk else f"{pub.lcity}shire",
             "lthing": r.choice(["economy", "housing market", "hospital", "transport network"]),
             "lorg": r.choice([f"{pub.lcity} Residents' Association", f"{pub.lcity} Business Forum",
                               f"{pub.lcity} Community Trust"]),
             "lwd": r.choice(WEEKDAYS), "ln": N(r.randint(2, 40)), "lyears": N(r.randint(2, 15))}
    tpl = _tpl("generic", "local")
    s1 = _say("generic", "local", r.randrange(len(tpl)), local, b, st, r).text
    if r.random() < 0.5:
        local2 = dict(local, lp=_person(r).name)
        s1 += " " + _say("generic", "local", r.randrange(len(tpl)), local2, b, st, r).text
    return s1


# --------------------------------------------------------------------------------------------
# Corpus.

@dataclass
class _Art:
    url: str
    doc: Doc
    pub: Publisher
    ev: Event
    relation: str
    parent: "_Art | None"
    root: "_Art"
    pub_dt: datetime | None        # true publication time
    published: str | None
    first_seen: datetime
    wire: str | None
    credited: bool
    miscredited: bool
    truth_credited: bool
    drift: list[tuple[str, str]] = field(default_factory=list)
    case: str = ""
    depth: int = 0
    canonical: bool = True         # declares a canonical URL (itself)


@dataclass
class Corpus:
    """A synthetic crawl with its ground truth.

    Attributes:
        articles: article dicts (exactly :data:`ARTICLE_FIELDS`) in arrival (``first_seen``) order;
            a URL may appear more than once (re-crawls, updated versions: the last one counts).
        truth: URL → ``relation``, ``parent_url``, ``original_url``, ``story`` (event key),
            ``credited``, ``miscredited``, ``drift`` (list of (source value, copy value)),
            ``case`` (how it was made), and for identity cases ``same_as`` (an alias URL whose
            canonical_url is another article: the same article, not a copy) or ``versions``.
        events: event key → type, day, city, country, and the URLs of its originals.
    """

    articles: list[dict[str, Any]]
    truth: dict[str, dict[str, Any]]
    events: dict[str, dict[str, Any]]
    _depth: dict[str, int] = field(default_factory=dict, repr=False)

    def ordering(self, how: str = "arrival", seed: int = 0) -> list[dict[str, Any]]:
        """The articles in another order; versions of one URL always keep their order.

        Args:
            how: ``arrival`` (first_seen), ``copies_first`` (deepest copies, then copies, then
                originals and related pieces), ``originals_first``, ``reverse``, or ``shuffled``.
            seed: for ``shuffled``.

        Returns:
            A new list of the same article dicts.
        """
        idx = list(range(len(self.articles)))
        if how == "arrival":
            pass
        elif how == "reverse":
            idx.reverse()
        elif how == "shuffled":
            Random(seed).shuffle(idx)
        elif how in ("copies_first", "originals_first"):
            sign = -1 if how == "copies_first" else 1
            idx.sort(key=lambda i: (sign * self._depth.get(self.articles[i]["url"], 0), i))
        else:
            raise ValueError(f"unknown ordering {how!r}")
        # keep each URL's versions in arrival order
        slots: dict[str, list[int]] = {}
        for pos, i in enumerate(idx):
            slots.setdefault(self.articles[i]["url"], []).append(pos)
        out = [self.articles[i] for i in idx]
        for url, positions in slots.items():
            if len(positions) > 1:
                versions = sorted(idx[p] for p in positions)
                for p, i in zip(positions, versions):
                    out[p] = self.articles[i]
        return out

    def shuffled(self, seed: int) -> list[dict[str, Any]]:
        """The articles in a random order (versions of a URL keep their order)."""
        return self.ordering("shuffled", seed)

    def copies_first(self) -> list[dict[str, Any]]:
        """Deepest copies first, originals last: every copy arrives before its source."""
        return self.ordering("copies_first")

    def latest(self) -> dict[str, dict[str, Any]]:
        """URL → the last version of each article."""
        out: dict[str, dict[str, Any]] = {}
        for a in self.articles:
            out[a["url"]] = a
        return out

    def by_relation(self, relation: str) -> list[str]:
        """URLs whose true relation is ``relation`` (alias URLs excluded)."""
        return [u for u, t in self.truth.items() if t["relation"] == relation and "same_as" not in t]


class _Builder:
    def __init__(self, r: Random, variants: tuple[str, ...]):
        self.r = r
        self.v = set(variants)  # membership only, never iterated
        self.arts: list[_Art] = []
        self.urls: set[str] = set()

    def on(self, name: str) -> bool:
        return name in self.v

    def url(self, pub: Publisher, title: str, when: datetime, etype: str) -> str:
        while True:
            u = _url(pub, title, when, etype, self.r)
            if u not in self.urls:
                self.urls.add(u)
                return u

    def add(self, doc: Doc, pub: Publisher, ev: Event, relation: str, parent: _Art | None, pub_dt: datetime | None,
            crawl_delay: timedelta, case: str, credit: str = "credited") -> _Art:
        r = self.r
        root = parent.root if parent else None
        root_agency = (root.pub.agency or root.wire) if root else None
        if parent is None:  # an original or related piece
            wire = pub.agency
            credited = truth_credited = wire is not None
            mis = False
        elif credit == "credited" and root_agency:
            wire, credited, truth_credited, mis = root_agency, True, True, False
        elif credit == "miscredited":
            wire = r.choice([a for a in _AGENCY_NAMES if a != root_agency])
            credited, truth_credited, mis = True, False, True
        else:
            wire, credited, truth_credited, mis = None, False, False, False
        when = pub_dt or ev.day
        url = self.url(pub, doc.title, when, ev.etype)
        published = _published(pub, pub_dt, r) if pub_dt is not None else None
        a = _Art(url, doc, pub, ev, relation, parent, root or None, pub_dt, published,  # type: ignore[arg-type]
                 (pub_dt or ev.day) + crawl_delay, wire, credited, mis, truth_credited, case=case,
                 depth=(parent.depth + 1) if parent else 0)
        if a.root is None:
            a.root = a
        a.canonical = r.random() < 0.8
        self.arts.append(a)
        return a


def _credit_mode(b: _Builder, i: int) -> str:
    if not b.on("credit"):
        return "credited"
    x = b.r.random()
    return "credited" if x < 0.55 else ("uncredited" if x < 0.88 else "miscredited")


def _copy_time(b: _Builder, parent: _Art, lo_min: int = 4, hi_min: int = 600) -> datetime:
    base = parent.pub_dt or parent.ev.day
    return base + timedelta(minutes=b.r.randint(lo_min, hi_min))


def _crawl(b: _Builder) -> timedelta:
    return timedelta(minutes=b.r.randint(2, 240), seconds=b.r.randint(0, 59))


def _make_copy(b: _Builder, kind: str, src: _Art, ev: Event, i: int, *, drift_ok: bool = True) -> list[_Art]:
    """Make one copy (two for a chain) of ``src``; returns the new articles."""
    r = b.r
    out: list[_Art] = []
    credit = _credit_mode(b, i)
    if kind == "verbatim":
        pub = r.choice(AGGREGATORS + NATIONALS)
        paras = list(src.doc.paras)
        if src.doc.dateline and credit != "credited":
            paras[0] = paras[0][len(src.doc.dateline):]
        title = src.doc.title if r.random() < 0.4 else _headline(ev, STYLES[pub.style], r)
        doc = Doc(title, paras)
    elif kind == "trimmed":
        pub = r.choice(AGGREGATORS + REGIONALS + NATIONALS)
        n = len(src.doc.paras)
        k = min(n - 1, max(2, round(n * r.uniform(0.3, 0.9))))
        paras = list(src.doc.paras[:k])
        if src.doc.dateline and r.random() < 0.5:
            paras[0] = paras[0][len(src.doc.dateline):]
        doc = Doc(src.doc.title if r.random() < 0.5 else _headline(ev, STYLES[pub.style], r), paras)
    elif kind == "excerpt":
        pub = r.choice(AGGREGATORS)
        m = r.randint(1, 3)
        more = _tidy(_render(r.choice(_tpl("generic", "readmore")), r, {"psource": src.pub.name}))
        doc = Doc(src.doc.title, list(src.doc.paras[:m]) + [more])
    elif kind == "edited" or kind == "chain":
        st_src = STYLES[src.pub.style]
        pubs = [p for p in REGIONALS if STYLES[p.style].uk != st_src.uk] or REGIONALS
        pub = r.choice(pubs)
        st = STYLES[pub.style]
        b_ev = dict(ev.bindings(st))
        b_ev["thing"] = r.choice(ev.things)
        paras = list(src.doc.paras)
        if src.doc.dateline:
            paras[0] = paras[0][len(src.doc.dateline):]
        paras = _localise(paras, st.uk, r)
        at = r.randint(1, min(3, len(paras) - 1))
        paras.insert(at, _local_para(ev, pub, r, b_ev))
        if r.random() < 0.4:
            at2 = r.randint(at + 1, len(paras))
            paras.insert(at2, _local_para(ev, pub, r, b_ev))
        doc = Doc(_headline(ev, st, r), paras)
        if kind == "chain":
            reg = b.add(doc, pub, ev, "edited", src, _copy_time(b, src, 20, 400), _crawl(b), "chain-edited",
                        "credited" if r.random() < 0.8 else credit)
            out.append(reg)
            # an aggregator trims the regional copy, keeping at least the local paragraph
            agg = r.choice(AGGREGATORS)
            n = len(doc.paras)
            k = min(n - 1, max(at + 2, round(n * r.uniform(0.4, 0.85))))
            if r.random() < 0.3:
                doc2, rel = Doc(doc.title, list(doc.paras)), "verbatim"
            else:
                doc2, rel = Doc(_headline(ev, STYLES[agg.style], r), list(doc.paras[:k])), "trimmed"
            out.append(b.add(doc2, agg, ev, rel, reg, _copy_time(b, reg, 10, 300), _crawl(b), "chain-" + rel,
                             _credit_mode(b, i)))
            return out
    elif kind == "rewrite":
        pub = r.choice(NATIONALS + REGIONALS)
        doc = _rewrite(ev, src.doc, pub, r)
    else:
        raise ValueError(kind)
    drift: list[tuple[str, str]] = []
    if drift_ok and b.on("drift") and kind in ("verbatim", "trimmed", "edited") and r.random() < 0.3:
        doc.paras, drift = _drift(doc.paras, ev, r, r.sample(["number", "weekday", "year", "name"], 4))
    pub_dt: datetime | None = _copy_time(b, src)
    if b.on("no_published") and r.random() < 0.12:
        pub_dt = None
    a = b.add(doc, pub, ev, kind, src, pub_dt, _crawl(b), kind, credit)
    a.drift = drift
    out.append(a)
    return out


def _related(b: _Builder, ev: Event, sources: list[_Art], plans: list[Plan]) -> _Art:
    """A later analysis piece: new text, a restated lead, and one quote from each of two reports."""
    r = b.r
    pub = r.choice(NATIONALS)
    st = STYLES[pub.style]
    bb = dict(ev.bindings(st))
    bb["thing"] = r.choice(ev.things)
    bb["thing_past"] = ev.thing_past
    bb["thing_past_cap"] = ev.thing_past[0].upper() + ev.thing_past[1:]
    bb["field_topic"] = ev.field_topic
    ap = _person(r)
    loc = {"ap": ap.name, "ap_role": r.choice([f"a professor at {ev.facts['univ2']}",
                                               f"a fellow at {ev.facts['ainst']}",
                                               "a former government adviser"]),
           "poll_org2": f"{_coin(r)} Research", "poll_pct2": _pct(r, 35, 75, 0)}
    sents = [_say("related", "intro", r.randrange(len(_tpl("related", "intro"))), loc, bb, st, r)]
    used = {pl.tix["lead"] for pl in plans}
    lead_t = next((i for i in range(len(_tpl(ev.etype, "lead"))) if i not in used), 0)
    sents.append(_say(ev.etype, "lead", lead_t, {}, bb, st, r))
    analysis = list(range(len(_tpl("related", "analysis"))))
    r.shuffle(analysis)
    body = [_say("related", "analysis", i, loc, bb, st, r) for i in analysis[: r.randint(8, 10)]]
    for src, plan in zip(sources[:2], plans[:2]):
        p, role, q = plan.second[0]
        body.insert(r.randint(0, len(body)), _say("related", "cite", r.randrange(3),
                                                  {**_speaker(p, role, q), "src_wire": src.pub.agency or src.pub.name},
                                                  bb, st, r))
    extra = list(_GENERIC_FILLERS)
    r.shuffle(extra)
    for kind in extra[: r.randint(3, 6)]:
        sec = "generic"
        body.insert(r.randint(0, len(body)), _say(sec, kind, r.randrange(len(_tpl(sec, kind))),
                                                  _generic_local(r, ev, _needs(sec, kind)), bb, st, r))
    sents += body
    paras = _group(sents, st, r)
    title = r.choice([f"Analysis: what {ev.thing_past} means for {ev.country}",
                      f"After {ev.thing_past}, {ev.country} faces hard questions",
                      f"{ev.thing_past[0].upper() + ev.thing_past[1:]}: the questions that remain",
                      f"Why {ev.thing_past} matters beyond {ev.city}"])
    doc = Doc(title, [" ".join(s.text for s in p) for p in paras], paras)
    pub_dt = ev.day + timedelta(hours=r.randint(18, 60), minutes=r.randint(0, 59))
    return b.add(doc, pub, ev, "related", None, pub_dt, _crawl(b), "related")


def _event_articles(b: _Builder, ev: Event, n_orig: int, kinds: list[str], early: bool) -> list[_Art]:
    r = b.r
    plans = _plans(ev, n_orig, r, share_quote=r.random() < 0.5)
    pubs: list[Publisher] = []
    origs: list[_Art] = []
    for i in range(n_orig):
        pool = AGENCIES if (i == 0 and r.random() < 0.8) or (i > 0 and r.random() < 0.6) else NATIONALS
        pub = r.choice([p for p in pool if p not in pubs and STYLES[p.style].name not in
                        [STYLES[q.style].name for q in pubs]] or [p for p in pool if p not in pubs])
        pubs.append(pub)
        target = int(r.triangular(300, 900, 470))
        doc = _write_original(ev, pub, plans[i], r, target)
        pub_dt = ev.day + timedelta(minutes=r.randint(0, 100) if i else r.randint(0, 20))
        delay = _crawl(b)
        if early and i == 0:
            delay = timedelta(hours=r.randint(12, 40), minutes=r.randint(0, 59))
        origs.append(b.add(doc, pub, ev, "original", None, pub_dt, delay, "original" if n_orig == 1 else "independent"))
    out = list(origs)
    agency_origs = [o for o in origs if o.pub.kind == "agency"] or origs
    for i, kind in enumerate(kinds):
        if kind == "related":
            if len(origs) >= 2:
                out.append(_related(b, ev, origs, plans))
            continue
        src = agency_origs[i % len(agency_origs)] if kind == "chain" else origs[i % len(origs)]
        out += _make_copy(b, kind, src, ev, i)
    return out


def _start_day(i: int, n_events: int, days: int, r: Random, base: datetime) -> datetime:
    day = int(days * i / max(1, n_events)) if n_events > 1 else 0
    return base + timedelta(days=day, hours=r.randint(5, 20), minutes=r.randint(0, 59))


BASE_DAY = datetime(2025, 3, 3, tzinfo=timezone.utc)


def build_corpus(n_events: int, seed: int = 0, *, variants: tuple[str, ...] | list[str] = VARIANTS,
                 days: int = 60) -> Corpus:
    """Build a synthetic crawl of ``n_events`` news events with known lineage.

    Every event has 1–3 independent originals (2–3 when ``independent`` is on, for about a third
    of events) and copies chosen so that every kind in ``variants`` occurs once ``n_events`` ≥ 8.

    Args:
        n_events: number of news events (each gives about 5–8 articles).
        seed: everything follows from it; same seed, same bytes.
        variants: the cases to include (see :data:`VARIANTS`).
        days: events are spread over this many days from 2025-03-03.

    Returns:
        The :class:`Corpus`.

    Raises:
        ValueError: for an unknown variant.
    """
    variants = tuple(variants)
    for v in variants:
        if v not in VARIANTS:
            raise ValueError(f"unknown variant {v!r}; known: {', '.join(VARIANTS)}")
    r = Random(seed)
    b = _Builder(r, variants)
    kinds_on = [k for k in COPY_KINDS if b.on(k)]
    events: dict[str, dict[str, Any]] = {}
    prev: Event | None = None
    for i in range(n_events):
        er = Random(seed * 1_000_003 + i)
        key = f"ev{i:04d}"
        if b.on("same_day_negative") and i % 4 == 1 and prev is not None:
            # a different event of the same type, same day (and sometimes same city)
            day = prev.day + timedelta(minutes=er.randint(-180, 180))
            place = (prev.city, prev.country) if er.random() < 0.5 else None
            ev = _make_event(er, key, prev.etype, day, place)
        else:
            ev = _make_event(er, key, EVENT_TYPES[(i + er.randrange(3)) % len(EVENT_TYPES)],
                             _start_day(i, n_events, days, er, BASE_DAY))
        b.r = er
        n_orig = 1
        if b.on("independent") and (i % 3 == 0 or er.random() < 0.15):
            n_orig = 2 + (er.random() < 0.4)
        kinds: list[str] = []
        if kinds_on:
            kinds.append(kinds_on[i % len(kinds_on)])
            for _ in range(er.randint(1, 4)):
                kinds.append(er.choice(kinds_on))
            if "related" in kinds and n_orig < 2:
                n_orig = 2
        arts = _event_articles(b, ev, n_orig, kinds, early=b.on("early_copy") and i % 5 == 2)
        events[key] = {"type": ev.etype, "day": _iso(ev.day), "city": ev.city, "country": ev.country,
                       "originals": [a.url for a in arts if a.relation == "original"],
                       "same_day_as": prev.key if (b.on("same_day_negative") and i % 4 == 1 and prev) else None}
        prev = ev
    b.r = r
    if b.on("tz_skew"):
        cands = [a for a in b.arts if a.parent is not None and a.pub_dt is not None and a.parent.pub_dt is not None]
        for a in cands[:: max(1, len(cands) // 3)][:3]:
            # local time printed as UTC by a publisher west of Greenwich: looks earlier than its source
            a.published = _iso(a.parent.pub_dt - timedelta(hours=r.randint(2, 6)))  # type: ignore[operator]
            a.case += "+tz_skew"
    truth: dict[str, dict[str, Any]] = {}
    for a in b.arts:
        truth[a.url] = {
            "relation": a.relation,
            "parent_url": a.parent.url if a.parent else None,
            "original_url": a.root.url,
            "story": a.ev.key,
            "credited": a.truth_credited,
            "miscredited": a.miscredited,
            "drift": [list(d) for d in a.drift],
            "case": a.case,
        }
    entries = [(a.first_seen, n, _as_dict(a, r)) for n, a in enumerate(b.arts)]
    if b.on("identity") and b.arts:
        entries += _identity_cases(b, truth, r)
    entries.sort(key=lambda e: (e[0], e[1]))
    articles = [e[2] for e in entries]
    depth = {a.url: (a.depth if a.relation != "related" else 1) for a in b.arts}
    for u, t in truth.items():
        if "same_as" in t:
            depth[u] = depth.get(t["same_as"], 0)
    return Corpus(articles, truth, events, depth)


def _as_dict(a: _Art, r: Random) -> dict[str, Any]:
    canonical = a.url if a.canonical else None
    return {"url": a.url, "text": "\n".join(a.doc.paras), "canonical_url": canonical, "title": a.doc.title,
            "published": a.published, "wire": a.wire, "credited": a.credited, "source": a.pub.name,
            "publisher_wire": a.pub.agency, "first_seen": _iso(a.first_seen)}


def _identity_cases(b: _Builder, truth: dict[str, dict[str, Any]], r: Random) -> list[tuple[datetime, int, dict]]:
    out = []
    n = len(b.arts) + 1000
    origs = [a for a in b.arts if a.relation == "original"]
    copies = [a for a in b.arts if a.relation == "verbatim"] or [a for a in b.arts if a.parent]
    every = max(1, len(origs) // 3)
    for j, o in enumerate(origs[::every][:3]):
        # 1. the same URL crawled again, same text
        if copies:
            c = copies[(j * 7) % len(copies)]
            d = _as_dict(c, r)
            out.append((c.first_seen + timedelta(hours=r.randint(1, 20)), n, d))
            truth[c.url]["case"] += "+recrawled"
            n += 1
        # 2. an updated version of an original: one more paragraph, a number revised
        d = _as_dict(o, r)
        paras, drift = _drift(list(o.doc.paras), o.ev, r, ["number"])
        st = STYLES[o.pub.style]
        extra = _say("generic", "filler.statement", r.randrange(4), _generic_local(r, o.ev, _needs("generic",
                                                                                                   "filler.statement")),
                     dict(o.ev.bindings(st), thing=o.ev.things[0]), st, r).text
        d["text"] = "\n".join(paras + [extra])
        out.append((o.first_seen + timedelta(hours=r.randint(2, 30)), n, d))
        truth[o.url]["versions"] = 2
        truth[o.url]["update_drift"] = [list(x) for x in drift]
        n += 1
        # 3. the same article under another URL whose canonical_url points to the first
        alias = o.url.rstrip("/") + ("?outputType=amp" if j % 2 == 0 else "/amp")
        d = _as_dict(o, r)
        d["url"], d["canonical_url"] = alias, o.url
        out.append((o.first_seen + timedelta(minutes=r.randint(5, 600)), n, d))
        truth[alias] = dict(truth[o.url], same_as=o.url, case="alias")
        truth[alias].pop("versions", None)
        n += 1
    return out


# --------------------------------------------------------------------------------------------
# Benchmark stream.

_SYNTH_KINDS = ("verbatim", "verbatim", "verbatim", "trimmed", "trimmed", "edited", "edited", "excerpt",
                "rewrite", "chain")


def synth_documents(n: int, seed: int = 0, *, with_truth: bool = False, days: int = 60
                    ) -> Iterator[dict[str, Any] | tuple[dict[str, Any], dict[str, Any]]]:
    """Stream ``n`` real-length articles (about 500 words) from many events, ~60% originals.

    Events are generated one at a time, so memory stays flat; events advance through ``days``
    in order, and each event's articles come in crawl order.

    Args:
        n: number of articles.
        seed: everything follows from it.
        with_truth: yield ``(article, truth)`` pairs instead of articles.
        days: the time span the events cover.

    Yields:
        Article dicts (:data:`ARTICLE_FIELDS`), or ``(article, truth)`` pairs.
    """
    variants = ("verbatim", "trimmed", "edited", "excerpt", "rewrite", "chain", "credit", "drift", "no_published")
    produced = 0
    i = 0
    while produced < n:
        er = Random(seed * 1_000_003 + i)
        b = _Builder(er, variants)
        day = BASE_DAY + timedelta(days=days * produced / n, hours=er.randint(0, 12), minutes=er.randint(0, 59))
        ev = _make_event(er, f"ev{i:06d}", EVENT_TYPES[er.randrange(len(EVENT_TYPES))], day)
        n_orig = er.choice((1, 1, 1, 1, 2, 2, 3))
        kinds = [er.choice(_SYNTH_KINDS) for _ in range(er.choice((0, 0, 0, 0, 1, 1, 2, 3)))]
        arts = _event_articles(b, ev, n_orig, kinds, early=False)
        arts.sort(key=lambda a: a.first_seen)
        for a in arts:
            if produced >= n:
                return
            d = _as_dict(a, er)
            if with_truth:
                yield d, {"relation": a.relation, "parent_url": a.parent.url if a.parent else None,
                          "original_url": a.root.url, "story": ev.key, "credited": a.truth_credited,
                          "miscredited": a.miscredited, "drift": [list(x) for x in a.drift], "case": a.case}
            else:
                yield d
            produced += 1
        i += 1


# --------------------------------------------------------------------------------------------
# Similarity used by the statistics (word 5-shingles, as lineage's shingle signature).

def _words(text: str) -> list[str]:
    try:
        from cleaners.text import words
    except ImportError:  # pragma: no cover - the corpus also works outside the project
        return re.findall(r"[a-z0-9]+", text.lower().replace("'", ""))
    return words(text)


def shingles5(text: str) -> set[tuple[str, ...]]:
    """Word 5-shingles of ``text`` (tokens from :func:`cleaners.text.words`)."""
    w = _words(text)
    return {tuple(w[i:i + 5]) for i in range(max(0, len(w) - 4))}


def jaccard5(a: str, b: str) -> float:
    """Word 5-shingle Jaccard similarity of two texts."""
    sa, sb = shingles5(a), shingles5(b)
    return len(sa & sb) / len(sa | sb) if sa or sb else 0.0


def _stats(c: Corpus, r: Random) -> dict[str, Any]:
    latest = c.latest()
    rel_j: dict[str, list[float]] = {}
    counts: dict[str, int] = {}
    words: dict[str, list[int]] = {}
    for u, t in c.truth.items():
        if "same_as" in t:
            continue
        rel = t["relation"]
        counts[rel] = counts.get(rel, 0) + 1
        words.setdefault(rel, []).append(len(latest[u]["text"].split()))
        if t["parent_url"]:
            rel_j.setdefault(rel, []).append(jaccard5(latest[u]["text"], latest[t["parent_url"]]["text"]))
        if rel == "related":
            for o in c.events[t["story"]]["originals"]:
                rel_j.setdefault("related", []).append(jaccard5(latest[u]["text"], latest[o]["text"]))
    indep = []
    for e in c.events.values():
        o = e["originals"]
        for i in range(len(o)):
            for j in range(i + 1, len(o)):
                indep.append(jaccard5(latest[o[i]]["text"], latest[o[j]]["text"]))
    by_type: dict[str, list[str]] = {}
    for e in c.events.values():
        by_type.setdefault(e["type"], []).append(e["originals"][0])
    diff = []
    for urls in by_type.values():
        for i in range(len(urls)):
            for j in range(i + 1, len(urls)):
                diff.append(jaccard5(latest[urls[i]]["text"], latest[urls[j]]["text"]))
    same_day = [jaccard5(latest[e["originals"][0]]["text"], latest[c.events[e["same_day_as"]]["originals"][0]]["text"])
                for e in c.events.values() if e["same_day_as"]]

    def mean(x: list[float]) -> float:
        return round(sum(x) / len(x), 4) if x else float("nan")
    return {
        "articles": len(c.articles), "urls": len(c.truth), "events": len(c.events),
        "per_relation": dict(sorted(counts.items())),
        "mean_words": {k: round(sum(v) / len(v)) for k, v in sorted(words.items())},
        "jaccard5_vs_parent_mean": {k: mean(v) for k, v in sorted(rel_j.items())},
        "jaccard5_vs_parent_max": {k: round(max(v), 4) for k, v in sorted(rel_j.items())},
        "jaccard5_independent_originals": {"mean": mean(indep), "max": round(max(indep), 4) if indep else None,
                                            "pairs": len(indep)},
        "jaccard5_different_events_same_type": {"mean": mean(diff), "max": round(max(diff), 4) if diff else None,
                                                "pairs": len(diff)},
        "jaccard5_same_day_same_type": {"mean": mean(same_day), "max": round(max(same_day), 4) if same_day else None},
        "with_drift": sum(1 for t in c.truth.values() if t["drift"]),
        "credit": {"uncredited_copies": sum(1 for t in c.truth.values()
                                            if t["parent_url"] and not t["credited"] and not t["miscredited"]),
                   "miscredited": sum(1 for t in c.truth.values() if t["miscredited"])},
        "published_none": sum(1 for a in c.articles if a["published"] is None),
    }


def main(argv: list[str] | None = None) -> int:
    """Print statistics of a corpus: ``python -m tests.lineage_corpus [n_events] [seed]``."""
    import time
    argv = sys.argv[1:] if argv is None else argv
    n_events = int(argv[0]) if argv else 60
    seed = int(argv[1]) if len(argv) > 1 else 0
    t0 = time.perf_counter()
    c = build_corpus(n_events, seed)
    t1 = time.perf_counter()
    print(json.dumps(_stats(c, Random(seed)), indent=1))
    print(f"built in {t1 - t0:.2f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
