"""CLEAN: publication dates printed in text ("Published : 23 Aug 2025 05:21 PM", "date 2025-08-23").

Dates are returned as ISO 8601: a date alone when the text gives no time (``2025-08-23``), a
date-time with its UTC offset when the text names a zone, a naive date-time otherwise.
"""

from __future__ import annotations

import re
import warnings
from functools import lru_cache
from datetime import datetime, tzinfo
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from dateutil import parser as _dateparser
from dateutil.tz import tzoffset

from cleaners.text import CJK, HANGUL

__all__ = ["AGENCY_SITE_ZONES", "DATE_TEXT", "LANGUAGE_ZONES", "SITE_ZONES", "is_calendar_word", "parse_date",
           "with_site_zone"]

#: Month names in German, French, Spanish, Italian, Portuguese and Dutch (full and the
#: abbreviations their sites print), each with its month's number.
_FOREIGN_MONTHS: dict[str, int] = {name: number for number, names in enumerate([
    "januar j\u00e4nner janvier janv enero ene gennaio genn gen janeiro januari",
    "februar feber f\u00e9vrier f\u00e9vr fevrier fevr febrero febbraio febb fevereiro fev februari",
    "m\u00e4rz maerz m\u00e4r mrz mars marzo mar\u00e7o maart mrt",
    "avril avr abril abr aprile",
    "mai mayo maggio magg mag maio mei",
    "juni juin junio giugno giu junho",
    "juli juillet juil julio luglio lug julho",
    "ao\u00fbt aout agosto ago augustus",
    "septembre septiembre setiembre settembre sett set setembro",
    "oktober okt octobre octubre ottobre ott outubro out",
    "novembre noviembre novembro",
    "dezember dez d\u00e9cembre d\u00e9c decembre diciembre dic dicembre dezembro december",
], start=1) for name in names.split()}
# Russian and Ukrainian (genitive, as dates print them, nominative and abbreviations), Arabic (the
# Egyptian and Gulf names), Greek (genitive)
_FOREIGN_MONTHS.update({name: number for number, names in enumerate([
    "января январь янв січня \u064a\u0646\u0627\u064a\u0631 \u0399\u03b1\u03bd\u03bf\u03c5\u03b1\u03c1\u03af\u03bf\u03c5",
    "февраля февраль фев лютого \u0641\u0628\u0631\u0627\u064a\u0631 \u03a6\u03b5\u03b2\u03c1\u03bf\u03c5\u03b1\u03c1\u03af\u03bf\u03c5",
    "марта март березня \u0645\u0627\u0631\u0633 \u039c\u03b1\u03c1\u03c4\u03af\u03bf\u03c5",
    "апреля апрель апр квітня \u0623\u0628\u0631\u064a\u0644 \u0627\u0628\u0631\u064a\u0644 \u0391\u03c0\u03c1\u03b9\u03bb\u03af\u03bf\u03c5",
    "мая май травня \u0645\u0627\u064a\u0648 \u039c\u03b1\u0390\u03bf\u03c5",
    "июня июнь июн червня \u064a\u0648\u0646\u064a\u0648 \u0399\u03bf\u03c5\u03bd\u03af\u03bf\u03c5",
    "июля июль июл липня \u064a\u0648\u0644\u064a\u0648 \u0399\u03bf\u03c5\u03bb\u03af\u03bf\u03c5",
    "августа август авг серпня \u0623\u063a\u0633\u0637\u0633 \u0627\u063a\u0633\u0637\u0633 \u0391\u03c5\u03b3\u03bf\u03cd\u03c3\u03c4\u03bf\u03c5",
    "сентября сентябрь сен сент вересня \u0633\u0628\u062a\u0645\u0628\u0631 \u03a3\u03b5\u03c0\u03c4\u03b5\u03bc\u03b2\u03c1\u03af\u03bf\u03c5",
    "октября октябрь окт жовтня \u0623\u0643\u062a\u0648\u0628\u0631 \u0627\u0643\u062a\u0648\u0628\u0631 \u039f\u03ba\u03c4\u03c9\u03b2\u03c1\u03af\u03bf\u03c5",
    "ноября ноябрь ноя нояб листопада \u0646\u0648\u0641\u0645\u0628\u0631 \u039d\u03bf\u03b5\u03bc\u03b2\u03c1\u03af\u03bf\u03c5",
    "декабря декабрь дек грудня \u062f\u064a\u0633\u0645\u0628\u0631 \u0394\u03b5\u03ba\u03b5\u03bc\u03b2\u03c1\u03af\u03bf\u03c5",
], start=1) for name in names.lower().split()})
# Hungarian ("2026. november 18. 10:31": year first)
_FOREIGN_MONTHS.update({name: number for number, name in enumerate(
    "janu\u00e1r febru\u00e1r m\u00e1rcius \u00e1prilis m\u00e1jus j\u00fanius j\u00falius augusztus szeptember okt\u00f3ber november december".split(),
    start=1)})
# Polish and Czech (genitive, as dates print them, and nominative), Turkish, Swedish, Norwegian and
# Danish, Romanian, Indonesian and Malay. Croatian is left out: its "listopada" is October, where
# Polish "listopada" is November. Three-letter abbreviations are left out where they are words
# ("sie", "lis").
_FOREIGN_MONTHS.update({name: number for number, names in enumerate([
    "stycznia stycze\u0144 ledna leden ocak ianuarie",
    "lutego luty \u00fanora \u00fanor \u015fubat subat februarie",
    "marca marzec b\u0159ezna b\u0159ezen mart martie maret",
    "kwietnia kwiecie\u0144 dubna duben nisan aprilie",
    "maja maj kv\u011btna kv\u011bten may\u0131s mayis mei",
    "czerwca czerwiec \u010dervna \u010derven haziran iunie",
    "lipca lipiec \u010dervence \u010dervenec temmuz iulie",
    "sierpnia sierpie\u0144 srpna srpen a\u011fustos agustos augusti agustus ogos",
    "wrze\u015bnia wrzesie\u0144 z\u00e1\u0159\u00ed eyl\u00fcl eylul septembrie",
    "pa\u017adziernika pa\u017adziernik \u0159\u00edjna \u0159\u00edjen ekim octombrie",
    "listopada listopad listopadu kas\u0131m kasim noiembrie",
    "grudnia grudzie\u0144 prosince prosinec aral\u0131k aralik desember disember decembrie",
], start=1) for name in names.split()})
# Thai, full and abbreviated ("18 พ.ย. 2569": Thai dates count years in the Buddhist era)
_FOREIGN_MONTHS.update({name: number for number, names in enumerate([
    "\u0e21\u0e01\u0e23\u0e32\u0e04\u0e21 \u0e21.\u0e04.", "\u0e01\u0e38\u0e21\u0e20\u0e32\u0e1e\u0e31\u0e19\u0e18\u0e4c \u0e01.\u0e1e.",
    "\u0e21\u0e35\u0e19\u0e32\u0e04\u0e21 \u0e21\u0e35.\u0e04.", "\u0e40\u0e21\u0e29\u0e32\u0e22\u0e19 \u0e40\u0e21.\u0e22.",
    "\u0e1e\u0e24\u0e29\u0e20\u0e32\u0e04\u0e21 \u0e1e.\u0e04.", "\u0e21\u0e34\u0e16\u0e38\u0e19\u0e32\u0e22\u0e19 \u0e21\u0e34.\u0e22.",
    "\u0e01\u0e23\u0e01\u0e0e\u0e32\u0e04\u0e21 \u0e01.\u0e04.", "\u0e2a\u0e34\u0e07\u0e2b\u0e32\u0e04\u0e21 \u0e2a.\u0e04.",
    "\u0e01\u0e31\u0e19\u0e22\u0e32\u0e22\u0e19 \u0e01.\u0e22.", "\u0e15\u0e38\u0e25\u0e32\u0e04\u0e21 \u0e15.\u0e04.",
    "\u0e1e\u0e24\u0e28\u0e08\u0e34\u0e01\u0e32\u0e22\u0e19 \u0e1e.\u0e22.", "\u0e18\u0e31\u0e19\u0e27\u0e32\u0e04\u0e21 \u0e18.\u0e04.",
], start=1) for name in names.split()})
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|"
          + "(?i:" + "|".join(map(re.escape, sorted(_FOREIGN_MONTHS, key=len, reverse=True))) + r"))\.?")
#: Weekday names in the same languages (English ones are dateutil's own), dropped before parsing.
_FOREIGN_DAYS = (
    r"\b(?i:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag|lundi|mardi|mercredi|"
    r"jeudi|vendredi|samedi|dimanche|lunes|martes|mi\u00e9rcoles|miercoles|jueves|viernes|s\u00e1bado|sabado|"
    r"domingo|luned\u00ec|marted\u00ec|mercoled\u00ec|gioved\u00ec|venerd\u00ec|sabato|domenica|"
    r"(?:segunda|ter\u00e7a|quarta|quinta|sexta)(?:-feira)?|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|"
    "понедельник|вторник|сред[ау]|четверг|пятниц[ау]|суббот[ау]|воскресенье|"
    "\u0627\u0644\u0623\u062d\u062f|\u0627\u0644[\u0627\u0625]\u062b\u0646\u064a\u0646|\u0627\u0644\u062b\u0644\u0627\u062b\u0627\u0621|\u0627\u0644\u0623\u0631\u0628\u0639\u0627\u0621|\u0627\u0644\u062e\u0645\u064a\u0633|"
    "\u0627\u0644\u062c\u0645\u0639\u0629|\u0627\u0644\u0633\u0628\u062a|"
    # Thai: "วันพุธที่" (on Wednesday the …)
    "\u0e27\u0e31\u0e19(?:\u0e08\u0e31\u0e19\u0e17\u0e23\u0e4c|\u0e2d\u0e31\u0e07\u0e04\u0e32\u0e23|\u0e1e\u0e38\u0e18|\u0e1e\u0e24\u0e2b\u0e31\u0e2a(?:\u0e1a\u0e14\u0e35)?|"
    "\u0e28\u0e38\u0e01\u0e23\u0e4c|\u0e40\u0e2a\u0e32\u0e23\u0e4c|\u0e2d\u0e32\u0e17\u0e34\u0e15\u0e22\u0e4c)(?:\u0e17\u0e35\u0e48)?)"
    r"(?![^\W\d_])[,\u060c]?")
_FOREIGN_DAYS_RE = re.compile(_FOREIGN_DAYS, re.IGNORECASE)
_FOREIGN_MONTH = re.compile(r"(?<![^\W\d_])(" + "|".join(map(re.escape, sorted(_FOREIGN_MONTHS, key=len, reverse=True)))
                            + r")\.?(?![^\W\d_])", re.IGNORECASE)
#: The word some languages print after a clock time ("13:30 Uhr", "14:05h", "14.05 horas", "14:05 น.").
_CLOCK_WORD = r"(?:\s?(?:Uhr|uur|heures|horas|hrs|hs|h|\u0e19)\b\.?)"
_CLOCK = (r"\d{1,2}(?:[:.]|\s?h\s?(?=\d{2}\b))\d{2}(?::\d{2})?" + _CLOCK_WORD + r"?\s*(?:[AaPp]\.?\s?[Mm]\.?|[\u0645\u0635](?!\w))?"
          # the zone: an offset from GMT, a city in parentheses ("(Santiago)"), an abbreviation, an offset
          r"(?:\s*\(?(?:GMT|UTC)\s?[+-]\d{1,2}(?::?\d{2})?\)?|\s*\([A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}\)|"
          r"\s*\(?[A-Z]{2,5}\)?(?!\w)|\s*[+-]\d{2}:?\d{2}|Z)?")
# "at" before a clock time: English, French, Spanish, Portuguese, German, Italian, Dutch, Russian,
# Thai, Polish ("o"), Czech ("v"), Scandinavian ("kl."), Turkish ("saat"), Indonesian ("pukul")
_AT = "(?:at|\u00e0|a las|\u00e0s|um|alle|om|\u0432|\u0e40\u0e27\u0e25\u0e32|o|v|kl\\.?|saat|pukul)"
_TIME = rf"(?:\s*(?:,|\||-|/|\u00b7|\u2013|\u2014)?\s*(?:{_AT}\s+)?{_CLOCK})?"
#: The morning/afternoon word Japanese, Chinese and Korean print before a clock time.
_CJK_NOON = "(?:\u5348\u524d|\u5348\u5f8c|\u4e0a\u5348|\u4e0b\u5348|\uc624\uc804|\uc624\ud6c4)"
_CJK_PM = ("\u5348\u5f8c", "\u4e0b\u5348", "\uc624\ud6c4")
#: "14:05", "午後2時5分", "14時05分", "오후 2시 5분".
_CJK_CLOCK = (rf"(?:{_CJK_NOON}\s*)?(?:\d{{1,2}}:\d{{2}}(?::\d{{2}})?|\d{{1,2}}\s*[\u6642\u65f6\uc2dc]"
              r"(?:\s*\d{1,2}\s*[\u5206\ubd84])?)")
#: "2026年11月18日（水） 11時52分", "2026年11月12日 10:20", "2026년 11월 24일 오후 2:05".
_CJK_DATE = (r"\d{4}\s*[\u5e74\ub144]\s*\d{1,2}\s*[\u6708\uc6d4]\s*\d{1,2}\s*[\u65e5\uc77c]"
             rf"(?:\s*\(\s*[^\d\s()]{{1,3}}\s*\))?(?:\s*{_CJK_CLOCK})?")
#: A printed date, optionally with a time and zone: ISO, "23 Aug 2025", "Aug 23, 2025",
#: "Saturday, August 23, 2025 10:05 IST", "23/08/2025".
DATE_TEXT = (
    rf"(?:(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?|{_FOREIGN_DAYS})\s+)?"
    r"(?:\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    rf"|\d{{1,2}}(?:st|nd|rd|th|\.)?\s+(?:de\s+)?{_MONTH},?\s+(?:de\s+)?\d{{4}}{_TIME}"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}{_TIME}"
    # "19.nov.2026 às 12h30" (Brazilian sites)
    rf"|\d{{1,2}}\.(?i:jan|fev|feb|mar|abr|apr|mai|may|jun|jul|ago|aug|set|sep|out|oct|nov|dez|dec)\.\d{{4}}{_TIME}"
    rf"|\d{{1,2}}(?:/|\.\s?)\d{{1,2}}(?:/|\.\s?)\d{{4}}{_TIME}"  # "19/11/2026", "19.11.2026", Czech "19. 11. 2026"
    rf"|\d{{2}}\.\d{{2}}\.\d{{2}},?\s+{_CLOCK}"  # "03.11.26, 13:47 Uhr": a two-digit year only with a time
    rf"|\d{{4}}[./]\d{{1,2}}[./]\d{{1,2}}\.?(?:\s*{_CJK_NOON}\s*\d{{1,2}}:\d{{2}}|{_TIME})"
    rf"|{_CJK_DATE}"
    rf"|\d{{4}}\.\s+{_MONTH}\s+\d{{1,2}}\.{_TIME}"  # Hungarian: "2026. november 18. 10:31"
    rf"|{_CLOCK},?\s+(?:{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}))"
)
_HAS_TIME = re.compile(r"\d[:.]\d{2}|T\d{2}")

# Zone abbreviations common in news pages; dateutil knows only UTC/GMT by itself.
# (Ambiguous abbreviations such as AST, Arabia or Atlantic, are left out: the time stays zone-less.)
_ZONES: dict[str, tzinfo] = {name: tzoffset(name, int(hours * 3600)) for name, hours in {
    "UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "WEST": 1, "BST": 1, "CET": 1, "CEST": 2, "WAT": 1, "CAT": 2,
    "SAST": 2, "EET": 2, "EEST": 3, "MSK": 3, "EAT": 3, "GST": 4, "PKT": 5, "IST": 5.5,
    "NPT": 5.75, "ICT": 7, "WIB": 7, "SGT": 8, "HKT": 8, "PHT": 8, "MYT": 8, "AWST": 8, "WITA": 8,
    "KST": 9, "JST": 9, "WIT": 9, "AEST": 10, "AEDT": 11, "NZST": 12, "NZDT": 13,
    "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
    "AKST": -9, "AKDT": -8, "HST": -10, "BRT": -3, "ART": -3,
}.items()}
# US sites print "ET"/"PT" all year: the offset depends on the date (daylight saving time).
for _name, (_zone, _standard) in {"ET": ("America/New_York", -5), "CT": ("America/Chicago", -6),
                                  "MT": ("America/Denver", -7), "PT": ("America/Los_Angeles", -8)}.items():
    try:
        _ZONES[_name] = ZoneInfo(_zone)
    except (ZoneInfoNotFoundError, ValueError):  # no time zone database: standard time
        _ZONES[_name] = tzoffset(_name, _standard * 3600)


_ENGLISH_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_ENGLISH_CALENDAR = frozenset(
    "january february march april june july august september sept october november december "
    "jan feb mar apr jun jul aug sep oct nov dec monday tuesday wednesday thursday friday saturday sunday "
    "mon tue tues wed thu thur thurs fri sat sun mondays tuesdays wednesdays thursdays fridays saturdays "
    "sundays".split())


def is_calendar_word(word: str) -> bool:
    """Whether a lower-case word names a month or a weekday, in English or a language whose dates
    are read here ("wednesday", "noviembre", "donnerstag"): every report of the week prints them,
    so they say nothing about which event a report is about. ("May" counts as a name: it is also one.)"""
    return word in _ENGLISH_CALENDAR or word in _FOREIGN_MONTHS or bool(_FOREIGN_DAYS_RE.fullmatch(word))


def _in_english(raw: str) -> str:
    """A date printed in German, French, Spanish, Italian, Portuguese or Dutch, in English words.

    Weekday names go, month names become English ones, and what those languages print around
    them ("3. November", "5 de noviembre de 2026", "13:30 Uhr", "14:05h") is reduced to what
    dateutil reads.
    """
    raw = _FOREIGN_DAYS_RE.sub(" ", raw)
    raw = _FOREIGN_MONTH.sub(lambda m: _ENGLISH_MONTHS[_FOREIGN_MONTHS[m.group(1).lower()] - 1], raw)
    raw = re.sub(r"\b(\d{1,2})\.\s+(?=[A-Za-z])", r"\1 ", raw)
    raw = re.sub(r"(?<=\d)\s+de\s+(?=[A-Za-z])|(?<=[A-Za-z])\s+de\s+(?=\d)", " ", raw)
    raw = re.sub(r"(?<=\d\d)" + _CLOCK_WORD, "", raw)
    return raw.strip(" ,")


_CJK_MARK = re.compile(f"[{CJK}{HANGUL}]")
_THAI = re.compile("[\u0e00-\u0e7f]")
_CJK_YMD = re.compile(r"(\d{4})\s*[\u5e74\ub144]\s*(\d{1,2})\s*[\u6708\uc6d4]\s*(\d{1,2})\s*[\u65e5\uc77c]")
_CJK_WEEKDAY = re.compile(r"[(\uff08]\s*[^\d\s()\uff08\uff09]{1,3}\s*[)\uff09]")
_CJK_HOURS = re.compile(rf"(?:({_CJK_NOON})\s*)?(\d{{1,2}})(?:\s*[\u6642\u65f6\uc2dc]\s*(?:(\d{{1,2}})\s*[\u5206\ubd84])?|:(\d{{2}}))")


def _from_cjk(raw: str) -> str:
    """A date printed in Japanese, Chinese or Korean in the ISO form dateutil reads.

    "2026年11月18日（水） 午後2時5分" → "2026-11-18 14:05"; a weekday in brackets and the words
    around the date ("更新", "来源") go.
    """
    m = _CJK_YMD.search(raw)
    if m:
        raw = f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d} " + raw[m.end():]
    raw = _CJK_WEEKDAY.sub(" ", raw)

    def clock(c: re.Match[str]) -> str:
        hour, minute = int(c.group(2)), int(c.group(3) or c.group(4) or 0)
        if c.group(1) in _CJK_PM and hour < 12:
            hour += 12
        elif c.group(1) and c.group(1) not in _CJK_PM and hour == 12:
            hour = 0
        return f" {hour:02d}:{minute:02d}"

    date = re.match(r"^\d{4}[./-]\d{1,2}[./-]\d{1,2}\.?", raw)
    if date:
        rest = _CJK_HOURS.sub(clock, raw[date.end():], count=1)
        raw = date.group() + re.sub(r"[^\x00-\x7f]+.*$", "", rest)
    return raw.strip()


def parse_date(text: str) -> str | None:
    """Parse a printed date into ISO 8601.

    Args:
        text: a string matching :data:`DATE_TEXT` (other strings are tried, too).

    Returns:
        ``YYYY-MM-DD`` when no time is given, ``YYYY-MM-DDTHH:MM:SS[+HH:MM]`` otherwise, or
        None when the text is not a plausible date (unparseable, or a year before 1990 or after
        2100).
    """
    # a city in parentheses after the time names its zone: "19:48 (Santiago)"; another word there
    # ("(Reuters)") is not part of the date
    city = re.search(r"\(\s*([A-Z][a-z][A-Za-z.' -]{1,29}?)\s*\)\s*$", text)
    zone = _city_zones().get(city.group(1).lower()) if city else None
    if city:
        text = text[:city.start()]
    raw = _from_cjk(text.strip()) if _CJK_MARK.search(text) else text.strip()
    raw = re.sub(r"\b(\d{1,2})(?:st|nd|rd|th)\b", r"\1", raw).replace("(", "").replace(")", "")
    if _THAI.search(raw):  # a year of the Buddhist era (Thai dates) is 543 ahead
        raw = re.sub(r"(?<!\d)(?:25[3-9]\d|26[0-4]\d)(?!\d)", lambda m: str(int(m.group()) - 543), raw)
    # "17h48", "13 h 20" (French, Portuguese), before the word after a time ("14h", "13:30 Uhr") goes
    raw = re.sub(r"\b(\d{1,2})\s?h\s?(\d{2})\b", r"\1:\2", raw)
    raw = _in_english(raw)
    raw = re.sub(r"(\d{1,2})\.(\d{2})(?=\s*[AaPp]\.?[Mm])", r"\1:\2", raw).replace("|", " ").replace("\u00b7", " ")
    raw = re.sub(r"\s[\u2013\u2014]\s", " ", raw)
    # the word before a time ("à 17:48", "um 9.30")
    raw = re.sub(r"(?<=\d)\s*([AaPp])\.\s?[Mm]\.?(?!\w)", r" \1M", raw)  # "7:45 a. m." (Spanish)
    raw = re.sub(rf"\s{_AT}\s+(?=\d)", " ", raw)
    # Arabic "م" (evening) and "ص" (morning) after a clock time
    raw = re.sub(r"(?<=\d)\s*\u0645(?!\w)", " PM", re.sub(r"(?<=\d)\s*\u0635(?!\w)", " AM", raw))
    raw = re.sub(r"^(\d{1,2})\.([A-Z][a-z]{2})\.(\d{4})", r"\1 \2 \3", raw)  # "19.Nov.2026"
    raw = re.sub(r"(?<=\s)(\d{1,2})\.(\d{2})\b(?!\.\d)", r"\1:\2", raw)  # "17.48 Uhr"
    dotted = re.match(r"^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2}(?=,?\s+\d{1,2}:\d{2}))", raw)
    if dotted:  # 09.07.2025 is day.month.year wherever it is printed; 09.07.25 with a time too
        year = dotted.group(3) if len(dotted.group(3)) == 4 else f"20{dotted.group(3)}"
        raw = f"{year}-{int(dotted.group(2)):02d}-{int(dotted.group(1)):02d}" + raw[dotted.end():]
    # "GMT+6" means six hours ahead; dateutil reads it the POSIX way (behind), so spell it out
    raw = re.sub(r"\b(?:GMT|UTC)\s?([+-])(\d{1,2})(?::?(\d{2}))?\b",
                 lambda m: f"{m.group(1)}{int(m.group(2)):02d}:{m.group(3) or '00'}", raw)
    ymd = re.match(r"^(\d{4})[./](\d{1,2})[./](\d{1,2})\.?", raw)
    if ymd:  # 2026.03.01 (East Asian sites) is year.month.day
        raw = f"{ymd.group(1)}-{int(ymd.group(2)):02d}-{int(ymd.group(3)):02d}" + raw[ymd.end():]
    try:
        with warnings.catch_warnings():  # a zone name it does not know leaves the time naive
            warnings.simplefilter("ignore", _dateparser.UnknownTimezoneWarning)
            value = _dateparser.parse(raw, tzinfos=_ZONES, dayfirst="/" in raw and not re.search(r"\d{4}-", raw))
    except (ValueError, ArithmeticError):  # a 30-digit minute raises decimal.InvalidOperation
        return None
    if not isinstance(value, datetime) or not 1990 <= value.year <= 2100:
        return None
    if not _HAS_TIME.search(raw):
        return value.date().isoformat()
    if zone and value.tzinfo is None:
        value = value.replace(tzinfo=ZoneInfo(zone))
    try:
        return value.isoformat()
    except ValueError:  # an offset of a day or more ("+25:00"), which dateutil accepts
        return None


@lru_cache(maxsize=1)
def _city_zones() -> dict[str, str]:
    """City (lower case) → its IANA zone, from the zone names ("America/Santiago" → "santiago")."""
    out: dict[str, str] = {}
    try:
        names = sorted(available_timezones())
    except (OSError, ValueError):  # no time zone database
        return out
    for name in names:
        if "/" in name and not name.startswith(("Etc/", "SystemV/", "posix/", "right/")):
            out.setdefault(name.rsplit("/", 1)[1].replace("_", " ").lower(), name)
    return out


#: Country-code domains of countries that keep one time zone: a clock time a site there prints
#: without a zone is that zone's (countries with several zones, .us .ca .au .br .ru .mx .id, and
#: those with islands in another zone, .es .pt, are left out).
SITE_ZONES = {
    "uk": "Europe/London", "ie": "Europe/Dublin", "be": "Europe/Brussels", "nl": "Europe/Amsterdam",
    "lu": "Europe/Luxembourg", "fr": "Europe/Paris", "de": "Europe/Berlin", "at": "Europe/Vienna",
    "ch": "Europe/Zurich", "it": "Europe/Rome", "dk": "Europe/Copenhagen", "se": "Europe/Stockholm",
    "no": "Europe/Oslo", "fi": "Europe/Helsinki", "pl": "Europe/Warsaw", "cz": "Europe/Prague",
    "sk": "Europe/Bratislava", "hu": "Europe/Budapest", "si": "Europe/Ljubljana", "hr": "Europe/Zagreb",
    "rs": "Europe/Belgrade", "ro": "Europe/Bucharest", "bg": "Europe/Sofia", "gr": "Europe/Athens",
    "tr": "Europe/Istanbul", "il": "Asia/Jerusalem", "eg": "Africa/Cairo", "ke": "Africa/Nairobi",
    "ng": "Africa/Lagos", "gh": "Africa/Accra", "za": "Africa/Johannesburg", "ae": "Asia/Dubai",
    "sa": "Asia/Riyadh", "qa": "Asia/Qatar", "kw": "Asia/Kuwait", "pk": "Asia/Karachi", "in": "Asia/Kolkata",
    "lk": "Asia/Colombo", "np": "Asia/Kathmandu", "bd": "Asia/Dhaka", "th": "Asia/Bangkok",
    "vn": "Asia/Ho_Chi_Minh", "my": "Asia/Kuala_Lumpur", "sg": "Asia/Singapore", "ph": "Asia/Manila",
    "hk": "Asia/Hong_Kong", "tw": "Asia/Taipei", "cn": "Asia/Shanghai", "kr": "Asia/Seoul", "jp": "Asia/Tokyo",
    "ar": "America/Argentina/Buenos_Aires", "co": "America/Bogota", "pe": "America/Lima",
    "nz": "Pacific/Auckland",  # the Chatham Islands' 700 people aside
    # Brazil has four zones, but nine in ten Brazilians, and the national press, keep Brasília time
    "br": "America/Sao_Paulo",
}
#: Languages written in one time zone (or in zones with the same clock): a clock time printed
#: without a zone on a site with no country domain (".com", ".net") is that zone's. Japanese,
#: Korean, Chinese (mainland, Taiwan, Hong Kong, Singapore and Malaysia all keep UTC+8), Thai,
#: Vietnamese, Hebrew, Greek, Turkish, Hindi; German, Italian, Polish, Czech and Hungarian
#: (Central European Time wherever they are the language of the press); Catalan (Catalonia,
#: Valencia, the Balearics, Andorra and Roussillon keep Central European Time).
LANGUAGE_ZONES = {
    "ja": "Asia/Tokyo", "ko": "Asia/Seoul", "zh": "Asia/Shanghai", "th": "Asia/Bangkok",
    "vi": "Asia/Ho_Chi_Minh", "he": "Asia/Jerusalem", "el": "Europe/Athens", "tr": "Europe/Istanbul",
    "hi": "Asia/Kolkata", "de": "Europe/Berlin", "it": "Europe/Rome", "pl": "Europe/Warsaw",
    "cs": "Europe/Prague", "hu": "Europe/Budapest", "ca": "Europe/Madrid",
}
#: National news agencies on generic domains print their home time ("03.11.2026, 12:18 Uhr" on
#: dpa.com is Berlin time). Agencies writing for the world from many desks (AP, Reuters, AFP,
#: Bloomberg, UPI) are left out.
AGENCY_SITE_ZONES = {
    "dpa.com": "Europe/Berlin", "dpa-international.com": "Europe/Berlin", "efe.com": "Europe/Madrid",
    "europapress.es": "Europe/Madrid", "lusa.pt": "Europe/Lisbon", "kyodonews.net": "Asia/Tokyo",
    "jiji.com": "Asia/Tokyo", "xinhuanet.com": "Asia/Shanghai", "news.cn": "Asia/Shanghai",
    "ptinews.com": "Asia/Kolkata", "bernama.com": "Asia/Kuala_Lumpur", "antaranews.com": "Asia/Jakarta",
    "tass.com": "Europe/Moscow", "interfax.com": "Europe/Moscow", "aa.com.tr": "Europe/Istanbul",
    "wam.ae": "Asia/Dubai", "app.com.pk": "Asia/Karachi", "bssnews.net": "Asia/Dhaka",
    "vnanet.vn": "Asia/Ho_Chi_Minh", "plenglish.com": "America/Havana", "prensa-latina.cu": "America/Havana",
    "tass.ru": "Europe/Moscow", "ria.ru": "Europe/Moscow", "interfax.ru": "Europe/Moscow",
    "mena.org.eg": "Africa/Cairo", "chinanews.com": "Asia/Shanghai", "newsis.com": "Asia/Seoul",
}


def with_site_zone(value: str | None, url: str | None, language: str | None = None) -> str | None:
    """``value`` (ISO 8601) with the site's time zone when it is a clock time printed without one
    on a site whose country keeps one zone (:data:`SITE_ZONES`, by the URL's country-code domain),
    on a national agency's own site (:data:`AGENCY_SITE_ZONES`), or, on a site with a generic
    domain, in a language written in one zone (:data:`LANGUAGE_ZONES`); else ``value`` unchanged.
    Daylight saving time follows the date."""
    if not value or len(value) <= 10:
        return value
    try:
        host = (urlsplit(url).hostname or "") if url else ""
    except ValueError:
        host = ""
    host = host.rstrip(".")
    tld = host.rsplit(".", 1)[-1] if "." in host else ""
    zone = SITE_ZONES.get(tld) or next(
        (z for domain, z in AGENCY_SITE_ZONES.items() if host == domain or host.endswith("." + domain)), None)
    if zone is None and len(tld) != 2:  # a country's own domain it does not name says "several zones"
        zone = LANGUAGE_ZONES.get((language or "").split("-")[0].lower())
    if zone is None:
        return value
    try:
        t = datetime.fromisoformat(value)
        if t.tzinfo is not None:
            return value
        return t.replace(tzinfo=ZoneInfo(zone)).isoformat()
    except (ValueError, ZoneInfoNotFoundError):
        return value
