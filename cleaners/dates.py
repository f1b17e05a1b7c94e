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

__all__ = ["AGENCY_SITE_ZONES", "DATE_TEXT", "SITE_ZONES", "parse_date", "with_site_zone"]

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
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|"
          + "(?i:" + "|".join(sorted(_FOREIGN_MONTHS, key=len, reverse=True)) + r"))\.?")
#: Weekday names in the same languages (English ones are dateutil's own), dropped before parsing.
_FOREIGN_DAYS = (
    r"\b(?i:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag|lundi|mardi|mercredi|"
    r"jeudi|vendredi|samedi|dimanche|lunes|martes|mi\u00e9rcoles|miercoles|jueves|viernes|s\u00e1bado|sabado|"
    r"domingo|luned\u00ec|marted\u00ec|mercoled\u00ec|gioved\u00ec|venerd\u00ec|sabato|domenica|"
    r"(?:segunda|ter\u00e7a|quarta|quinta|sexta)(?:-feira)?|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)"
    r"(?![^\W\d_]),?")
_FOREIGN_DAYS_RE = re.compile(_FOREIGN_DAYS, re.IGNORECASE)
_FOREIGN_MONTH = re.compile(r"(?<![^\W\d_])(" + "|".join(sorted(_FOREIGN_MONTHS, key=len, reverse=True))
                            + r")\.?(?![^\W\d_])", re.IGNORECASE)
#: The word some languages print after a clock time ("13:30 Uhr", "14:05h", "14.05 horas").
_CLOCK_WORD = r"(?:\s?(?:Uhr|uur|heures|horas|hrs|hs|h)\b\.?)"
_CLOCK = (r"\d{1,2}(?:[:.]|h(?=\d{2}\b))\d{2}(?::\d{2})?" + _CLOCK_WORD + r"?\s*(?:[AaPp]\.?[Mm]\.?)?"
          # the zone: an offset from GMT, a city in parentheses ("(Santiago)"), an abbreviation, an offset
          r"(?:\s*\(?(?:GMT|UTC)\s?[+-]\d{1,2}(?::?\d{2})?\)?|\s*\([A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}\)|"
          r"\s*\(?[A-Z]{2,5}\)?(?!\w)|\s*[+-]\d{2}:?\d{2}|Z)?")
# "at", and the same word in French, Spanish, Portuguese, German, Italian and Dutch
_TIME = rf"(?:\s*(?:,|\||-|/|\u00b7|\u2013)?\s*(?:(?:at|\u00e0|a las|\u00e0s|um|alle|om)\s+)?{_CLOCK})?"
#: A printed date, optionally with a time and zone: ISO, "23 Aug 2025", "Aug 23, 2025",
#: "Saturday, August 23, 2025 10:05 IST", "23/08/2025".
DATE_TEXT = (
    rf"(?:(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?|{_FOREIGN_DAYS})\s+)?"
    r"(?:\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    rf"|\d{{1,2}}(?:st|nd|rd|th|\.)?\s+(?:de\s+)?{_MONTH},?\s+(?:de\s+)?\d{{4}}{_TIME}"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}{_TIME}"
    rf"|\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{4}}{_TIME}"
    rf"|\d{{2}}\.\d{{2}}\.\d{{2}},?\s+{_CLOCK}"  # "03.11.26, 13:47 Uhr": a two-digit year only with a time
    rf"|\d{{4}}[./]\d{{1,2}}[./]\d{{1,2}}\.?{_TIME}"
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
    raw = re.sub(r"\b(\d{1,2})(?:st|nd|rd|th)\b", r"\1", text.strip()).replace("(", "").replace(")", "")
    raw = _in_english(raw)
    raw = re.sub(r"(\d{1,2})\.(\d{2})(?=\s*[AaPp]\.?[Mm])", r"\1:\2", raw).replace("|", " ").replace("\u00b7", " ")
    raw = re.sub(r"\s[\u2013\u2014]\s", " ", raw)
    # "17h48" (French, Portuguese) and the word before a time ("à 17:48", "um 9.30")
    raw = re.sub(r"\b(\d{1,2})h(\d{2})\b", r"\1:\2", raw)
    raw = re.sub(r"\s(?:\u00e0|a las|\u00e0s|um|alle|om)\s+(?=\d)", " ", raw)
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
    except (ValueError, OverflowError):
        return None
    if not isinstance(value, datetime) or not 1990 <= value.year <= 2100:
        return None
    if not _HAS_TIME.search(raw):
        return value.date().isoformat()
    if zone and value.tzinfo is None:
        value = value.replace(tzinfo=ZoneInfo(zone))
    return value.isoformat()


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
}


def with_site_zone(value: str | None, url: str | None) -> str | None:
    """``value`` (ISO 8601) with the site's time zone when it is a clock time printed without one
    on a site whose country keeps one zone (:data:`SITE_ZONES`, by the URL's country-code domain)
    or on a national agency's own site (:data:`AGENCY_SITE_ZONES`); else ``value`` unchanged.
    Daylight saving time follows the date."""
    if not value or len(value) <= 10 or not url:
        return value
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return value
    host = host.rstrip(".")
    zone = SITE_ZONES.get(host.rsplit(".", 1)[-1]) or next(
        (z for domain, z in AGENCY_SITE_ZONES.items() if host == domain or host.endswith("." + domain)), None)
    if zone is None:
        return value
    try:
        t = datetime.fromisoformat(value)
        if t.tzinfo is not None:
            return value
        return t.replace(tzinfo=ZoneInfo(zone)).isoformat()
    except (ValueError, ZoneInfoNotFoundError):
        return value
