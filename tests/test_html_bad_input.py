"""CLEAN on bad HTML: broken markup, empty or non-article pages, foreign language, lying charsets, huge pages.

Each gives a result or an :class:`~crawler.exceptions.ExtractionError` whose ``reason`` says why;
never a crash, never a hang.
"""

from __future__ import annotations

import json
import time

import pytest

from cleaners import MAX_CONTENT_BYTES, clean
from crawler.exceptions import ExtractionError

PARAS = [
    "The national weather service warned on Thursday that heavy snow would reach the northern valleys by the "
    "weekend, and advised drivers to avoid mountain passes.",
    "Up to 60 centimetres of snow could fall above 1,500 metres, the service said, with strong winds causing "
    "drifts on exposed roads.",
    "Ski resorts welcomed the forecast after a dry start to the season that had forced several of them to "
    "delay their opening by two weeks.",
]
BODY = "".join(f"<p>{p}</p>" for p in PARAS)


def _page(body: str, head: str = "", title: str = "Snow warning for the north") -> str:
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>{head}</head>"
            f"<body>{body}</body></html>")


def _error(content: bytes, **kw) -> ExtractionError:
    with pytest.raises(ExtractionError) as info:
        clean(content, content_type="text/html", **kw)
    assert str(info.value)
    return info.value


@pytest.mark.parametrize("html", [
    "<html><body><article><h1>Snow warning<p>" + "<p>".join(PARAS) + "</article></div></div></span>",  # unclosed
    "<html><body><div><<p>>" + BODY + "</b></i></table><p>unclosed <b>bold",  # stray and unbalanced tags
    _page("<article>" + BODY + "</article>").split("</p></article>")[0] + "</p><p class=\"trunc",  # cut in a tag
    "<p>" + "</p><p>".join(PARAS) + "</p>",  # a fragment, no <html>
    "<html><head><title>x</title><body><article>" + BODY + "</article>" + "<div>" * 3000,  # deep unclosed nesting
])
def test_broken_html_still_gives_the_article(html: str) -> None:
    r = clean(html.encode("utf-8"), content_type="text/html")
    assert PARAS[0][:60] in r.text and PARAS[-1][:60] in r.text


def test_empty_body_is_no_text() -> None:
    assert _error(_page("").encode()).reason == "no_text"
    assert _error(_page("<nav><a href='/'>Home</a></nav><footer>Contact</footer>").encode()).reason == "no_text"


def test_video_page_is_not_an_article() -> None:
    html = _page("<h1>Watch: snow arrives in the valleys</h1><video src='/v.mp4' controls></video>"
                 "<p>Drone footage of the first snow.</p>",
                 head="<meta property='og:type' content='video.other'>")
    err = _error(html.encode())
    assert err.reason == "not_article" and "video" in str(err)


def test_photo_gallery_is_not_an_article() -> None:
    figures = "".join(f"<figure><img src='/p{i}.jpg'><figcaption>Snow in the valley, picture {i}."
                      f"</figcaption></figure>" for i in range(12))
    ld = '<script type="application/ld+json">{"@type": "ImageGallery", "name": "Snow in pictures"}</script>'
    err = _error(_page(f"<h1>In pictures: the first snow</h1>{figures}", head=ld).encode())
    assert err.reason == "not_article" and "gallery" in str(err)


def test_section_front_is_not_an_article() -> None:
    teasers = "".join(f"<div class='teaser'><h2><a href='/s/{i}'>Story number {i} about the weather and the "
                      f"roads</a></h2><p>A short summary of story {i}, with a few words of what happened and "
                      f"where it happened this week.</p></div>" for i in range(20))
    ld = '<script type="application/ld+json">{"@type": "CollectionPage", "name": "Weather"}</script>'
    err = _error(_page(f"<h1>Weather</h1>{teasers}", head=ld, title="Weather | Example News").encode())
    assert err.reason == "not_article" and "section front" in str(err)


def test_page_in_another_language() -> None:
    paras = ["Der Wetterdienst warnte am Donnerstag vor starkem Schneefall in den nördlichen Tälern bis zum "
             "Wochenende und riet Autofahrern, die Bergpässe zu meiden.",
             "Oberhalb von 1500 Metern könnten bis zu 60 Zentimeter Schnee fallen, teilte der Dienst mit."]
    html = _page("<article>" + "".join(f"<p>{p}</p>" for p in paras) + "</article>").replace("lang='en'", "lang='de'")
    r = clean(html.encode("utf-8"), content_type="text/html")
    assert r.language == "de" and paras[0] in r.text


def test_latin1_bytes_declared_utf8() -> None:
    html = _page("<article>" + BODY.replace("northern", "northern Señorío") + "</article>")
    r = clean(html.encode("latin-1"), content_type="text/html; charset=utf-8")
    assert "Señorío" in r.text and r.encoding == "cp1252"
    r = clean(html.encode("latin-1"))  # declared in <meta charset> only
    assert "Señorío" in r.text and r.encoding == "cp1252"


def test_utf8_bytes_declared_latin1() -> None:
    html = _page("<article>" + BODY.replace("northern", "northern Señorío – “valleys”") + "</article>")
    html = html.replace("charset='utf-8'", "charset='iso-8859-1'")
    r = clean(html.encode("utf-8"), content_type="text/html; charset=ISO-8859-1")
    assert "Señorío – “valleys”" in r.text and r.encoding == "utf-8"


def test_mixed_utf8_page_with_pasted_latin1() -> None:
    html = _page("<article><p>Caf\u00e9 owners in the north said the snow was welcome news.</p>" + BODY + "</article>")
    raw = html.encode("utf-8").replace(b"weekend", "w\u00e9ekend".encode("latin-1"))
    r = clean(raw, content_type="text/html")
    assert "Café owners" in r.text and "wéekend" in r.text


def _huge(filler: str, size: int = 20_000_000) -> bytes:
    head = _page("<article><h1>Snow warning</h1>" + BODY + "</article>")[:-len("</body></html>")]
    return (head + filler * ((size - len(head)) // len(filler))).encode("utf-8")[: size - 14] + b"</body></html>"


@pytest.mark.parametrize("filler", [
    "<script>window.__DATA__ = {'k': 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'};</script>",
    "<div class='c'><span>reader</span><p>I drove through the pass yesterday and it was fine, honestly.</p></div>",
    "<div><div><div><span>x</span></div></div></div>",
    "<img src='data:image/png;base64," + "A" * 5000 + "'>",
])
def test_20mb_page_is_cleaned_in_bounded_time(filler: str) -> None:
    content = _huge(filler)
    assert 19_000_000 < len(content) <= MAX_CONTENT_BYTES
    clean(b"<html><body><p>warm up the language model once, outside the timing.</p></body></html>")
    start = time.perf_counter()
    r = clean(content, content_type="text/html")
    elapsed = time.perf_counter() - start
    assert PARAS[0] in r.text
    assert elapsed < 8, f"{elapsed:.1f} s for a 20 MB page"


def test_20mb_plain_text_is_bounded() -> None:
    content = ("Snow warning\n\n" + (PARAS[0] + "\n\n") * 200_000).encode("utf-8")[:20_000_000]
    start = time.perf_counter()
    r = clean(content, content_type="text/plain")
    assert time.perf_counter() - start < 8 and r.text.startswith(PARAS[0])


def test_result_is_json_ready() -> None:
    r = clean(_page("<article>" + BODY + "</article>").encode(), content_type="text/html")
    assert json.loads(json.dumps(r.to_dict()))["text"] == r.text


def test_paragraphs_pushed_out_by_a_stray_close_are_recovered() -> None:
    html = ("<html><body><table><tr><td class='main'><h1>Snow warning</h1><div class='story'>"
            f"<p>{PARAS[0]}<p>{PARAS[1]}</div></td></div><p>{PARAS[2]}</p></td>"
            "<td class='side'><h3>Most read</h3><ul><li><a href='/a'>Ski lifts reopen</a></li></ul></td></tr>"
            "</table></body></html>")
    r = clean(html.encode(), content_type="text/html")
    assert all(p in r.text for p in PARAS)


def test_prose_after_a_well_formed_article_is_not_taken() -> None:
    teaser = ("A teaser for another story about the mountain roads, long enough to look like a paragraph of "
              "prose to a careless rule.")
    html = _page(f"<article><h1>Snow warning</h1>{BODY}</article><div class='card'><p>{teaser}</p></div>")
    r = clean(html.encode(), content_type="text/html")
    assert PARAS[-1] in r.text and teaser not in r.text


def test_short_story_with_captioned_photos_is_an_article() -> None:
    figures = "".join(f"<figure><img src='/p{i}.jpg'><figcaption>Snow ploughs at work on the pass road near the "
                      f"border, picture {i}.</figcaption></figure>" for i in range(5))
    r = clean(_page(f"<article><h1>Snow warning</h1><p>{PARAS[0]}</p>{figures}<p>{PARAS[1]}</p></article>").encode(),
              content_type="text/html")
    assert PARAS[0] in r.text and PARAS[1] in r.text


@pytest.mark.parametrize("head", [
    # found by mutation fuzzing (stop 20): an offset of a day or more, which dateutil accepts and
    # isoformat() refuses; a 30-digit minute (decimal.InvalidOperation inside dateutil); JSON-LD
    # nested deeper than Python's stack
    '<meta property="article:published_time" content="2026-11-18T10:00:00+25:00">',
    '<meta property="DC.date.issued" content="0:0+25:00">',
    '<meta property="article:modified_time" content="8:999999999999999999999999999999">',
    '<script type="application/ld+json">' + "[" * 100_000 + "</script>",
])
def test_impossible_metadata_is_ignored_not_a_crash(head: str) -> None:
    r = clean(_page(BODY, head=head).encode("utf-8"), content_type="text/html")
    assert r.text.startswith("The national weather service") and r.published is None


def test_a_lone_surrogate_in_text_input_is_replaced() -> None:
    r = clean(_page(BODY.replace("heavy snow", "heavy\udcae snow")), content_type="text/html")
    assert "heavy? snow" in r.text
