"""CLEAN on HTML: each news-page boilerplate shape is removed from the body by a general rule.

Every case is a small page of our own making: the same four-paragraph article with one shape of
boilerplate inserted where publishers put it, once in bare markup (only the line rules can catch
it) and, where publishers mark it up, inside a container whose class names it (the DOM pruning).
The body must lose the boilerplate and keep every paragraph.
"""

from __future__ import annotations

import pytest

from cleaners import clean

PARAS = [
    "The regional council voted on Wednesday to extend the tram line to the airport, ending a dispute that "
    "had delayed the project for almost three years.",
    "Construction is expected to start in the spring and to take about four years, the council said in a "
    "statement, with the first trams running before the end of the decade.",
    "Business groups welcomed the decision, saying the link would make the city more attractive to investors "
    "and cut traffic on the motorway that now carries most airport passengers.",
    "Opponents said the money would have been better spent on buses in outlying districts, and one group said "
    "it would ask a court to review the vote.",
]


def page(inside: str = "", after: str = "", before: str = "", head: str = "") -> bytes:
    """An article page with ``inside`` after the second paragraph and ``after`` after the body."""
    body = "".join(f"<p>{p}</p>\n" + (inside if i == 1 else "") for i, p in enumerate(PARAS))
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Tram line to reach the airport | "
            f"City Daily</title>{head}</head><body><header><nav><a href='/'>Home</a> <a href='/city'>City</a></nav>"
            f"</header>{before}<main><article><h1>Tram line to reach the airport</h1>\n{body}{after}</article></main>"
            f"<footer><p>About us</p><p>Contact</p></footer></body></html>").encode("utf-8")


def links(*titles: str) -> str:
    return "".join(f"<li><a href='/story/{i}'>{t}</a></li>" for i, t in enumerate(titles))


RELATED = ("Council approves new budget for road repairs", "Airport expansion plan faces fresh objections",
           "Bus fares to rise in January, operator says")

SHAPES = {
    # "related stories" and "most read" lists, with and without a class that names them
    "related list, classed": (dict(inside=f"<div class='related-stories'><h3>Related stories</h3><ul>{links(*RELATED)}"
                                          "</ul></div>"), ["Related stories", *RELATED]),
    "related list, bare": (dict(after=f"<h3>Related</h3><ul>{links(*RELATED)}</ul>"), ["Related", *RELATED]),
    "most read, classed": (dict(after=f"<aside class='mostRead'><h2>Most read</h2><ol>{links(*RELATED)}</ol></aside>"),
                           ["Most read", *RELATED]),
    "more stories heading, bare": (dict(after=f"<h2>More from City Daily</h2><ul>{links(*RELATED)}</ul>"),
                                   ["More from City Daily", *RELATED]),
    # newsletter and app prompts
    "newsletter prompt, bare": (dict(inside="<p>Sign up for our morning briefing to get the day's top stories in "
                                            "your inbox.</p>"), ["Sign up for our morning briefing"]),
    "newsletter prompt, classed": (dict(inside="<div class='newsletter-signup'><p>The Morning Brief</p><p>Everything "
                                               "you need to know, every weekday.</p><button>Subscribe</button></div>"),
                                   ["The Morning Brief", "Everything you need to know, every weekday."]),
    "app prompt, bare": (dict(inside="<p>Download the City Daily app for breaking news alerts.</p>"),
                         ["Download the City Daily app"]),
    "follow prompt, bare": (dict(after="<p>Follow us on WhatsApp for the latest updates.</p>"),
                            ["Follow us on WhatsApp"]),
    # share-button text
    "share bar, classed": (dict(before="<div class='social-share'><a>Share on Facebook</a> <a>Share on X</a> "
                                       "<a>Email</a></div>"), ["Share on Facebook", "Share on X"]),
    "share line, bare": (dict(after="<p>Share this article: Facebook | Twitter | WhatsApp | Email</p>"),
                         ["Share this article"]),
    # photo credits, in captions and glued to a paragraph
    "caption credit": (dict(inside="<figure><img src='/t.jpg'><figcaption>A tram in the city centre. Photo: Jane "
                                   "Roe/City Daily</figcaption></figure>"),
                       ["Photo: Jane Roe", "A tram in the city centre"]),
    "photo credit line, bare": (dict(inside="<p>Photo: Jane Roe / Reuters</p>"), ["Photo: Jane Roe"]),
    "credit glued to a paragraph": (dict(inside="<p><span class='image-caption'>(Photo credit: Jane Roe)</span> "
                                                "The vote was 31 to 12, with three abstentions, after a debate that "
                                                "lasted most of the day.</p>"), ["Photo credit"]),
    # "Read more" and "Also read" lines
    "read more line": (dict(inside="<p>Read more: <a href='/x'>Tram fares to be frozen next year</a></p>"),
                       ["Read more", "Tram fares to be frozen"]),
    "also read line": (dict(inside="<p><strong>ALSO READ |</strong> <a href='/y'>Airport to add a third "
                                   "terminal</a></p>"), ["ALSO READ", "Airport to add a third terminal"]),
    # cookie notices
    "cookie notice, classed": (dict(before="<div id='cookie-consent'><p>We use cookies to give you the best "
                                           "experience.</p><button>Accept all</button></div>"),
                               ["We use cookies", "Accept all"]),
    "cookie notice, bare": (dict(after="<p>This site uses cookies. By continuing to browse you agree to our cookie "
                                       "policy.</p>"), ["This site uses cookies"]),
    # comment-policy text
    "comment policy": (dict(after="<p>Comments are moderated and will appear after approval. Please keep them civil "
                                  "and avoid abusive language.</p>"), ["Comments are moderated"]),
    # tag lists
    "tag list, labelled": (dict(after="<p>Tags: <a>Transport</a>, <a>Airport</a>, <a>City council</a></p>"),
                           ["Tags:"]),
    "tag list, classed": (dict(after="<ul class='article-tags'><li><a>Transport</a></li><li><a>Airport</a></li>"
                                     "<li><a>City council</a></li></ul>"), ["City council"]),
    # author bios at the end
    "author bio, bare": (dict(after="<p>Jane Roe is a transport correspondent for City Daily.</p>"),
                         ["Jane Roe is a transport correspondent"]),
    "author bio, classed": (dict(after="<div class='author-bio'><p>Jane Roe covers transport and urban planning. "
                                       "She joined in 2019.</p></div>"), ["Jane Roe covers transport"]),
    "about the author": (dict(after="<p>About the author: Jane Roe has reported on city hall for a decade.</p>"),
                         ["About the author"]),
    "author bio, covers": (dict(after="<p>Jane Roe covers transport and city services for the City Daily. Reach her "
                                      "at jroe@citydaily.example.</p>"), ["Jane Roe covers transport"]),
    # how to reach the reporter, tip boxes
    "contact line": (dict(after="<p>Contact Jane Roe at 555-0147 or jroe@citydaily.example.</p>"), ["Contact Jane Roe"]),
    "reporter contact block": (dict(after="<p>To contact the reporter on this story:</p><p>Jane Roe in Lyon at "
                                          "jroe@citydaily.example</p><p>To contact the editor responsible for this "
                                          "story:</p>"), ["To contact the", "Jane Roe in Lyon"]),
    "tip box": (dict(after="<div><p>Have a confidential tip for our reporters?</p><p>Get in touch</p></div>"),
                ["Have a confidential tip", "Get in touch"]),
    # live-story, update and republishing notes, membership pitches, time-only stamps
    "developing story": (dict(after="<p>This is a developing story. Check back for updates.</p>"),
                         ["This is a developing story"]),
    "update note": (dict(after="<p>UPDATE 3:45 p.m.: This story has been updated with comments from the mayor.</p>"),
                    ["UPDATE 3:45"]),
    "republish box": (dict(after="<p>Republish this story</p><p>This story may be republished for free under a "
                                 "Creative Commons license with credit to City Daily.</p>"),
                      ["Republish this story", "may be republished"]),
    "membership pitch": (dict(after="<p>Our coverage is free for everyone. If you value it, become a member today.</p>"),
                         ["become a member"]),
    "time-only stamp": (dict(before="<p>\u00b7 Updated 7:55 a.m.</p>"), ["Updated 7:55"]),
    "membership pitch with a price": (dict(after="<h3>Reporting like this depends on readers</h3><p>City Daily is "
                                                 "free to read and funded by its members. Become a member for $6 a "
                                                 "month.</p>"), ["depends on readers", "Become a member for"]),
    # a mobile page's headline list between the story's paragraphs, each with its date (no list markup)
    "headline list among the paragraphs": (dict(inside="<div>More Local Headlines<br><br>" + "".join(
        f"{t}<br>Mar. 18, 2026<br><br>" for t in ("Council delays vote on downtown parking garage",
                                                    "Wrong-way driver arrested on the ring road after chase",
                                                    "Library book sale raises record sum",
                                                    "Hospital names new chief nursing officer",
                                                    "Former mill to become senior housing",
                                                    "Softball coach steps down after 25 seasons")) + "</div>"
                                                  "<p>Weather: Greenfield 41\u00b0F, light rain.</p>"),
                                            ["More Local Headlines", "parking garage", "Softball coach",
                                             "Weather: Greenfield"]),
    "paywall prompt": (dict(after="<p>Thank you for reading!</p><p>Please log in, or sign up for a new account and "
                                  "purchase a subscription to continue reading.</p><p>Have an existing subscription? "
                                  "Activate your account to continue.</p>"),
                       ["Thank you for reading", "purchase a subscription", "existing subscription"]),
    "Spanish newsletter and comments": (dict(after="<p>Suscr\u00edbete a nuestro bolet\u00edn</p><p>Recibe cada "
                                                   "ma\u00f1ana las noticias de la ciudad en tu correo.</p>"
                                                   "<h3>Comentarios</h3><p>Para comentar es necesario estar "
                                                   "registrado en City Daily.</p>"),
                                        ["Suscr\u00edbete", "en tu correo", "Comentarios", "Para comentar"]),
    "photo credit closing a caption": (dict(inside="<p>Visitors tour the tram depot on Monday. (Herald photo by Dave "
                                                   "Kimura)</p>"), ["Herald photo by", "Visitors tour the tram depot"]),
    "inline READ: link": (dict(inside="<p><strong>READ:</strong> <a href='/s/9'>Bus fares to rise in January, "
                                      "operator says</a></p>"), ["READ:", "Bus fares to rise"]),
    "sponsored disclosure": (dict(before="<p>This content was produced by City Daily Studio in partnership with "
                                         "Northwind Bank. The City Daily newsroom was not involved in its creation.</p>"),
                             ["produced by City Daily Studio", "newsroom was not involved"]),
    "member-paper footer": (dict(after="<p>The City Daily is a member of The Associated Press.</p>"),
                            ["is a member of The Associated Press"]),
    "comment disclaimer": (dict(after="<p>Disclaimer: Comments do not represent the views of City Daily.</p>"),
                           ["Comments do not represent"]),
    "reader forum, classed (German)": (dict(after="<div class='forum'><div class='forum__title'>Forum</div><div>Um "
                                                  "einen Kommentar zu verfassen, m\u00fcssen Sie angemeldet sein.</div>"
                                                  "<div class='forum__post'><div>Wipptaler</div><div>Endlich. Wer an "
                                                  "der Autobahn wohnt, wei\u00df, wovon die Rede ist.</div></div></div>"),
                                       ["Forum", "Kommentar zu verfassen", "Wipptaler", "wovon die Rede ist"]),
    "German comment prompt, bare": (dict(after="<p>Um einen Kommentar zu verfassen, m\u00fcssen Sie angemeldet "
                                               "sein.</p>"), ["Kommentar zu verfassen"]),
    # correction notes leave the body (and become a field, see test_correction_is_a_field)
    "correction note": (dict(after="<p>This story has been corrected to show that the vote took place on "
                                   "Wednesday, not Tuesday.</p>"), ["This story has been corrected"]),
}


@pytest.mark.parametrize("shape", SHAPES)
def test_shape_removed(shape: str) -> None:
    parts, gone = SHAPES[shape]
    r = clean(page(**parts), url="https://citydaily.example/tram")
    for text in gone:
        assert text not in r.text, f"{shape}: {text!r} left in the body"
    for p in PARAS:
        assert p in r.text, f"{shape}: a body paragraph was lost"


LOOKALIKES = [
    # body sentences that share words with boilerplate shapes and must stay
    "Like this year's budget, the plan relies on a tax on airport parking that the council approved in 2024.",
    "By subscribing to the regional transport pass, commuters will pay a third less than they do today.",
    "Residents were urged to sign up for text alerts about road closures during the construction work.",
    "The mayor said she had decided to become a member of the airport's supervisory board next year.",
    "A foundation set up to support local journalism has also asked for more council meetings to be streamed.",
    "The artist behind the tram murals raised most of the money from fans on Patreon, the council said.",
    "Read more widely, the report suggests that the airport link will pay for itself within twenty years.",
    "Residents can email their objections to the council at trams@city.example until the end of the month.",
    "Her carer had been unable to reach her on Monday morning, and a neighbour waded through the water instead.",
    "The mayor urged residents to become a member of the new tram users' association.",
    "Jane Roe, who covers the route for a cycling group, said the plan would cut journeys by a third.",
    "Thanks for reading the fine print, the mayor joked, before the council voted on the tram contract.",
    "Whether the line opens on time depends on readers of the tender documents spotting errors, he said.",
    "Commuters who buy a subscription to the tram pass before March will pay the old fare for a year.",
    "The study was produced by the university in partnership with the council and will be published in May.",
    "Readers' comments on the plan do not represent a majority of residents, the mayor said on Tuesday.",
    "The mayor said the city is a member of the association of airport cities and will host its meeting.",
]


def test_a_short_list_in_the_story_stays() -> None:
    towns = ("Ashford", "Brookfield", "Castleton", "Dunmore", "Eastwick", "Fairlee")
    r = clean(page(inside="<p>The new stops will serve six towns:</p><ul>" + "".join(f"<li>{t}</li>" for t in towns)
                   + "</ul>"), url="https://citydaily.example/tram")
    assert all(t in r.text for t in towns), r.text


@pytest.mark.parametrize("sentence", LOOKALIKES)
def test_lookalike_sentences_stay(sentence: str) -> None:
    r = clean(page(inside=f"<p>{sentence}</p>"), url="https://citydaily.example/tram")
    assert sentence in r.text
    assert all(p in r.text for p in PARAS)


def test_correction_is_a_field() -> None:
    note = "This story has been corrected to show that the vote took place on Wednesday, not Tuesday."
    r = clean(page(after=f"<p>{note}</p>"), url="https://citydaily.example/tram")
    assert r.correction == note and note not in r.text
    r = clean(page(after="<p><em>Correction: An earlier version of this story misstated the cost.</em></p>"))
    assert r.correction and r.correction.startswith("Correction:") and "misstated" not in r.text


def test_class_named_wrapper_is_not_pruned() -> None:
    # A wrapper whose class mentions "share" or "related" but that holds the article stays.
    html = page().replace(b"<article>", b"<article class='has-share-tools related-content'>")
    html = html.replace(b"<main>", b"<main><div class='social-wrapper'>").replace(b"</main>", b"</div></main>")
    r = clean(html)
    for p in PARAS:
        assert p in r.text


def test_pruned_text_is_reported() -> None:
    r = clean(page(inside=f"<div class='related-stories'><ul>{links(*RELATED)}</ul></div>"))
    assert any(RELATED[0] in d for d in r.dropped)


def test_a_table_inside_the_story_keeps_its_rows() -> None:
    table = ("<p>Unofficial results, with all precincts reporting:</p><table><thead><tr><th>Candidate</th><th>Votes</th>"
             "</tr></thead><tbody><tr><td>Grace Nakamura</td><td>11,482</td></tr><tr><td>Derek Ellison</td>"
             "<td>8,571</td></tr></tbody></table>")
    r = clean(page(inside=table), url="https://citydaily.example/tram")
    assert "Grace Nakamura | 11,482" in r.text and "Derek Ellison | 8,571" in r.text
    assert all(p in r.text for p in PARAS) and "---" not in r.text


def test_dateline_after_a_standfirst() -> None:
    text = ("Embalses del Segura\n\nLa reserva cae a su nivel más bajo desde 2016 y los regantes tendrán menos agua\n\n"
            "Murcia, 2 mar (EFE).- La reserva de agua de los embalses de la cuenca del Segura ha descendido hasta el "
            "18 % de su capacidad total, según los datos publicados este lunes.\n\nLa confederación hidrográfica "
            "reducirá las dotaciones de riego a partir de abril, informó el organismo en un comunicado.")
    r = clean(text.encode("utf-8"))
    assert r.wire.service == "EFE" and "(EFE)" not in r.text
    assert "La reserva de agua de los embalses" in r.text
