"""CLEAN: publication dates printed in text ("Published : 23 Aug 2025 05:21 PM", "date 2025-08-23").

Dates are returned as ISO 8601: a date alone when the text gives no time (``2025-08-23``), a
date-time with its UTC offset when the text names a zone, a naive date-time otherwise.
"""

from __future__ import annotations

import re
import warnings
from datetime import datetime, tzinfo
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil import parser as _dateparser
from dateutil.tz import tzoffset

__all__ = ["DATE_TEXT", "SITE_ZONES", "parse_date", "with_site_zone"]

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_CLOCK = r"\d{1,2}(?:[:.]|h(?=\d{2}\b))\d{2}(?::\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?(?:\s*(?:GMT|UTC)\s?[+-]\d{1,2}(?::?\d{2})?|\s*\(?[A-Z]{2,5}\)?(?!\w)|\s*[+-]\d{2}:?\d{2}|Z)?"
# "at", and the same word in French, Spanish, Portuguese, German, Italian and Dutch
_TIME = rf"(?:\s*(?:,|\||-|/|\u00b7|\u2013)?\s*(?:(?:at|\u00e0|a las|\u00e0s|um|alle|om)\s+)?{_CLOCK})?"
#: A printed date, optionally with a time and zone: ISO, "23 Aug 2025", "Aug 23, 2025",
#: "Saturday, August 23, 2025 10:05 IST", "23/08/2025".
DATE_TEXT = (
    r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\s+)?"
    r"(?:\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}{_TIME}"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}{_TIME}"
    rf"|\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{4}}{_TIME}"
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


def parse_date(text: str) -> str | None:
    """Parse a printed date into ISO 8601.

    Args:
        text: a string matching :data:`DATE_TEXT` (other strings are tried, too).

    Returns:
        ``YYYY-MM-DD`` when no time is given, ``YYYY-MM-DDTHH:MM:SS[+HH:MM]`` otherwise, or
        None when the text is not a plausible date (unparseable, or a year before 1990 or after
        2100).
    """
    raw = re.sub(r"\b(\d{1,2})(?:st|nd|rd|th)\b", r"\1", text.strip()).replace("(", "").replace(")", "")
    raw = re.sub(r"(\d{1,2})\.(\d{2})(?=\s*[AaPp]\.?[Mm])", r"\1:\2", raw).replace("|", " ").replace("\u00b7", " ")
    raw = re.sub(r"\s[\u2013\u2014]\s", " ", raw)
    # "17h48" (French, Portuguese) and the word before a time ("à 17:48", "um 9.30")
    raw = re.sub(r"\b(\d{1,2})h(\d{2})\b", r"\1:\2", raw)
    raw = re.sub(r"\s(?:\u00e0|a las|\u00e0s|um|alle|om)\s+(?=\d)", " ", raw)
    raw = re.sub(r"(?<=\s)(\d{1,2})\.(\d{2})\b(?!\.\d)", r"\1:\2", raw)  # "17.48 Uhr"
    dotted = re.match(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})", raw)
    if dotted:  # 09.07.2025 is day.month.year wherever it is printed
        raw = f"{dotted.group(3)}-{int(dotted.group(2)):02d}-{int(dotted.group(1)):02d}" + raw[dotted.end():]
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
    return value.isoformat()


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
}


def with_site_zone(value: str | None, url: str | None) -> str | None:
    """``value`` (ISO 8601) with the site's time zone when it is a clock time printed without one
    on a site whose country keeps one zone (:data:`SITE_ZONES`, by the URL's country-code domain);
    else ``value`` unchanged. Daylight saving time follows the date."""
    if not value or len(value) <= 10 or not url:
        return value
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return value
    zone = SITE_ZONES.get(host.rstrip(".").rsplit(".", 1)[-1])
    if zone is None:
        return value
    try:
        t = datetime.fromisoformat(value)
        if t.tzinfo is not None:
            return value
        return t.replace(tzinfo=ZoneInfo(zone)).isoformat()
    except (ValueError, ZoneInfoNotFoundError):
        return value
