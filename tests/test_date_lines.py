"""CLEAN / dates: the date lines news sites print above a story, in their many shapes, become fields.

Each line sits where a page prints it, between the headline and the body; the line must become
``published`` (or ``modified`` when it says "Updated" under a published time; an "Updated" time that
is the only time printed is the page's time, as in the HTML path), never body text, and a headline
that merely ends with a date stays the headline.
"""

from __future__ import annotations

import re

import pytest

from cleaners import clean
from cleaners.dates import DATE_TEXT, parse_date, with_site_zone

BODY = ("Officials said on Tuesday that the new bridge would open to traffic next month after two years of "
        "construction work.\n\nThe project cost more than 400 million dollars and was funded by the regional "
        "government, according to a statement released by the ministry.")
HEADLINE = "Regional government opens new bridge after two years of work"


@pytest.mark.parametrize("line, field, value", [
    ("All News 09:31 March 01, 2026", "published", "2026-03-01T09:31:00"),
    ("Korea Digest Now | 2026.03.01 12:10", "published", "2026-03-01T12:10:00"),
    ("Published Fri, Mar 13, 2026 · 08:15 PM", "published", "2026-03-13T20:15:00"),
    ("Issued on: 17/03/2026 - 12:50", "published", "2026-03-17T12:50:00"),
    ("Posted on March 18, 2026 by Money Front Desk", "published", "2026-03-18"),
    ("Tuesday 17 March 2026 - 19:48 (Santiago)", "published", "2026-03-17T19:48:00-03:00"),  # the city names the zone
    ("Nairobi Ledger | 10 Mar 2026, 6:02 pm EAT", "published", "2026-03-10T18:02:00+03:00"),
    ("Sriharikota, Mar 12, 2026 11:42 IST", "published", "2026-03-12T11:42:00+05:30"),
    ("KYODO NEWS - Mar 13, 2026 - 17:48 | Business, All", "published", "2026-03-13T17:48:00"),
    ("April 7, 2026 11:24 AM GMT+6 Updated 3 hours ago", "published", "2026-04-07T11:24:00+06:00"),
    ("ANI | Updated: Mar 12, 2026 15:47 IST", "published", "2026-03-12T15:47:00+05:30"),
    ("Updated 10:58 AM ET, March 19, 2026", "published", "2026-03-19T10:58:00-04:00"),
    ("Last Updated: Mar 01 2026 | 11:20 AM MYT", "published", "2026-03-01T11:20:00+08:00"),
])
def test_header_date_lines(line: str, field: str, value: str) -> None:
    r = clean(f"{HEADLINE}\n{line}\n\n{BODY}".encode("utf-8"))
    assert getattr(r, field) == value, (line, r.published, r.modified)
    assert r.title == HEADLINE
    assert line not in r.text and "Officials said on Tuesday" in r.text


@pytest.mark.parametrize("line, field, value", [
    ("03.11.2026, 13:30 Uhr", "published", "2026-11-03T13:30:00"),  # German: "o'clock"
    ("03.11.26, 13:47 Uhr", "published", "2026-11-03T13:47:00"),  # a two-digit year, with a time
    ("Dienstag, 3. November 2026, 13:02 Uhr", "published", "2026-11-03T13:02:00"),
    ("Aktualisiert am 03.11.2026 um 15:20 Uhr", "published", "2026-11-03T15:20:00"),  # the only time: the page's
    ("Publicado el 05/11/2026 a las 15:12h", "published", "2026-11-05T15:12:00"),
    ("Publicado: jueves, 5 noviembre 2026 14:31", "published", "2026-11-05T14:31:00"),
    ("5 de noviembre de 2026", "published", "2026-11-05"),
    ("Publié le 3 novembre 2026 à 14h05", "published", "2026-11-03T14:05:00"),
    ("Pubblicato il 12 ott 2026, 09:12", "published", "2026-10-12T09:12:00"),
    ("segunda-feira, 2 de março de 2026 às 10:15", "published", "2026-03-02T10:15:00"),
    ("Gepubliceerd op 4 mei 2026 om 08:40", "published", "2026-05-04T08:40:00"),
    ("Santiago de Chile | 04 Nov. 2026 | 10:18 (GMT-3)", "published", "2026-11-04T10:18:00-03:00"),
    ("Wed., Nov. 11, 2026, 2:15 p.m. CST", "published", "2026-11-11T14:15:00-06:00"),
    ("Thursday 5 November 2026, 09:00 (Santiago)", "published", "2026-11-05T09:00:00-03:00"),
])
def test_date_lines_in_other_languages_and_shapes(line: str, field: str, value: str) -> None:
    test_header_date_lines(line, field, value)


def test_a_word_in_parentheses_that_is_no_city_is_not_part_of_the_date() -> None:
    assert parse_date("Nov 4, 2026 10:00 (Reuters)") == "2026-11-04T10:00:00"
    assert parse_date("March 3, 2026 10:00 (New York)") == "2026-03-03T10:00:00-05:00"


def test_updated_under_a_published_time_is_the_modified_time() -> None:
    r = clean(f"{HEADLINE}\nPublished 09:05 BRT, April 14, 2026\nUpdated April 14, 2026 18:45 BRT\n\n{BODY}".encode())
    assert (r.published, r.modified) == ("2026-04-14T09:05:00-03:00", "2026-04-14T18:45:00-03:00")


def test_byline_after_the_date() -> None:
    r = clean(f"{HEADLINE}\nPosted on March 18, 2026 by Jane Doe\n\n{BODY}".encode("utf-8"))
    assert [a.name for a in r.authors] == ["Jane Doe"]


@pytest.mark.parametrize("headline", [
    "Election 2026: Polls close March 3, 2026",
    "Markets rally as central bank holds rates on March 3, 2026",
])
def test_a_headline_ending_with_a_date_stays_the_headline(headline: str) -> None:
    r = clean(f"{headline}\n\n{BODY}".encode("utf-8"))
    assert r.title == headline and r.published is None


@pytest.mark.parametrize("text, value", [
    ("March 19, 2026 10:58 AM ET", "2026-03-19T10:58:00-04:00"),    # daylight saving time
    ("January 19, 2026 10:58 AM ET", "2026-01-19T10:58:00-05:00"),  # standard time
    ("2026/03/01", "2026-03-01"),
    ("17/03/2026 \u2013 12:50", "2026-03-17T12:50:00"),
])
def test_zones_and_shapes(text: str, value: str) -> None:
    assert parse_date(text) == value


def test_an_unknown_zone_is_dropped_quietly(recwarn) -> None:
    assert parse_date("March 3, 2026 10:00 XYZT") == "2026-03-03T10:00:00"
    assert not [w for w in recwarn if "tzname" in str(w.message)]


@pytest.mark.parametrize("text, value", [
    ("22/01/2026 à 17h48", "2026-01-22T17:48:00"),
    ("22.01.2026 um 17.48 Uhr", "2026-01-22T17:48:00"),
    ("Mar. 18, 2026 5:04 p.m. ET", "2026-03-18T17:04:00-04:00"),
])
def test_times_in_other_languages(text: str, value: str) -> None:
    m = re.search(DATE_TEXT, text)
    assert m and parse_date(m.group(0)) == value


@pytest.mark.parametrize("value, url, want", [
    ("2026-01-22T17:48:00", "https://www.laderniereedition.be/x", "2026-01-22T17:48:00+01:00"),
    ("2026-07-22T17:48:00", "https://www.laderniereedition.be/x", "2026-07-22T17:48:00+02:00"),  # summer time
    ("2026-01-14T18:22:00", "https://www.telanganatimes.in/x", "2026-01-14T18:22:00+05:30"),
    ("2026-03-14T16:30:00", "https://touchlinetales.co.uk/x", "2026-03-14T16:30:00+00:00"),
    ("2026-01-22T17:48:00", "https://www.example.com/x", "2026-01-22T17:48:00"),  # no country
    ("2026-01-22T17:48:00", "https://www.news.com.au/x", "2026-01-22T17:48:00"),  # several zones
    ("2026-01-22T17:48:00-05:00", "https://www.laderniereedition.be/x", "2026-01-22T17:48:00-05:00"),  # printed zone
    ("2026-01-22", "https://www.laderniereedition.be/x", "2026-01-22"),  # a date alone
    ("2026-11-03T12:18:00", "https://www.dpa.com/de/x", "2026-11-03T12:18:00+01:00"),  # a national agency's site
    ("2026-11-05T14:40:00", "https://www.efe.com/espana/x", "2026-11-05T14:40:00+01:00"),
    ("2026-11-05T14:40:00", "https://apnews.com/article/x", "2026-11-05T14:40:00"),  # AP writes from everywhere
])
def test_a_zone_less_time_takes_the_site_countrys_zone(value: str, url: str, want: str) -> None:
    assert with_site_zone(value, url) == want


def test_a_dated_time_beats_the_date_bar_of_the_same_day() -> None:
    page = ("<html><body><div>Wednesday, March 18, 2026</div><div><b>Water main break leaves homes without water"
            "</b></div><div>Mar. 18, 2026 5:04 p.m. ET</div><div>" + "<p>" + BODY.replace("\n\n", "</p><p>") +
            "</p></div></body></html>")
    r = clean(page.encode("utf-8"), content_type="text/html")
    assert r.published == "2026-03-18T17:04:00-04:00"


def test_a_time_only_in_the_pages_json_state() -> None:
    page = ('<html><head><title>Bridge opens</title><script type="application/json">{"story": {"id": 7, '
            '"publishedDateTime": "2026-03-03T08:41:07Z"}}</script></head><body><article><h1>Regional government '
            'opens new bridge</h1><p>' + BODY.replace("\n\n", "</p><p>") + "</p></article></body></html>")
    r = clean(page.encode("utf-8"), content_type="text/html")
    assert r.published == "2026-03-03T08:41:07+00:00"
