"""LINEAGE of follow-ups: a later report that shares its story's names but few of its words or numbers.

The original is our own wire fixture (an AP wildfire story); the follow-up and the same-day heat
wave report below were written for this test. The follow-up brings so many new facts that its
fact-term Jaccard with the original is under :data:`~crawler.lineage.relate.STORY_FACTS` and it
shares no passage long enough to count, so only the names signal finds it and only the names rule
joins it to the story. The heat wave report shares the weather service, the valley and the units
with the fire story, but under half of its names: a hard negative.
"""

from __future__ import annotations

import pytest

from cleaners import clean
from cleaners.dates import is_calendar_word
from crawler.fingerprint import SIGNAL_BITS, SIGNALS, FingerprintParams, fingerprint, names_of
from crawler.lineage import Article, LineageIndex
from crawler.lineage.relate import STORY_FACTS, STORY_PASSAGE_WORDS, Node, _story_pair, same_names
from crawler.lineage.verify import PairScores, Text, compare
from tests.test_plaintext_fixtures import FIXTURES

FOLLOWUP = """Residents who fled the Ridge Fire in the Sierra Nevada foothills began returning to some neighborhoods on Wednesday, a day after the blaze forced thousands from their homes, while crews braced for another afternoon of erratic winds.
Maria Delgado, 61, said she spent the night in her car outside the fairground in Placerville with two dogs and a box of family photographs. "We didn't know if the house would be there," she said. "It is, but the barn is gone."
The California Department of Forestry and Fire Protection lifted evacuation orders for about 600 people north of Highway 49 but kept them in place for communities closer to the ridge line. Damage inspection teams had counted 22 destroyed structures by midday, up from 14.
El Dorado County supervisors declared a local emergency, which opens the way for state reimbursement. Supervisor Tom Whitaker said the county would ask Governor Newsom for a state declaration.
Pacific Gas and Electric cut power to roughly 2,300 customers as a precaution, the utility said, and warned that outages could last through the weekend.
The American Red Cross said the shelter at the high school would stay open. Forecasters at the National Weather Service said temperatures in the Sacramento Valley would ease slightly by the weekend, though gusts of up to 30 mph were expected along the ridgetops.
Caltrans reopened a stretch of U.S. 50 near Pollock Pines late Wednesday, but Mosquito Road and Rock Creek Road stayed closed. Students at Ponderosa High School in Shingle Springs were told to stay home through Friday, the Mother Lode Union district said.
Cal Fire spokesperson Dana Whitlock said 1,450 personnel, 96 engines and 11 helicopters were now assigned and that containment had grown to 18%. A firefighter from Truckee suffered minor burns on Wednesday morning and was treated at Marshall Medical Center.
The fire had cost $4.7 million to fight by Wednesday evening, and 312 residents were still registered at shelters. Volunteers moved 57 horses to a ranch in Diamond Springs.
Investigators have not said what started the fire."""

HEAT = """A punishing heat wave tightened its grip on Northern California on Tuesday, with Sacramento reaching 109 degrees Fahrenheit (43 degrees Celsius) and the state's grid operator asking residents to cut back on electricity in the evening.
The California Independent System Operator issued a Flex Alert from 4 p.m. to 9 p.m., urging households to set thermostats to 78 degrees and delay running dishwashers and washing machines.
The National Weather Service said the excessive heat warning for the Sacramento Valley would remain in effect through Thursday, with overnight lows staying in the 70s in many towns.
Cooling centers opened in libraries and community halls across Sacramento County, and the city's transit agency offered free rides to anyone heading to one.
Doctors at UC Davis Medical Center said they had treated a dozen people for heat exhaustion since Sunday, most of them older adults living alone.
Farmworker advocates called on employers in the Central Valley to enforce shade and water breaks, which state law requires when temperatures pass 95 degrees."""


@pytest.fixture(scope="module")
def story():
    original = clean((FIXTURES / "11_ap-wildfire-evacuations.txt").read_bytes())
    arts = [
        Article("https://agency.example/ridge-fire", original.text, wire=original.wire.service, credited=True,
                published=original.published, first_seen="2025-08-20T01:00:00+00:00"),
        Article("https://regional.example/heat", HEAT, published="2025-08-19T15:00:00-07:00",
                first_seen="2025-08-20T01:00:00+00:00"),
        Article("https://regional.example/ridge-fire-day-two", FOLLOWUP, published="2025-08-20T19:30:00-07:00",
                first_seen="2025-08-21T03:00:00+00:00"),
    ]
    index = LineageIndex.open(":memory:")
    ids = [index.add(a).id for a in arts]
    records = {r.url: r for r in index.resolve(ids).values()}
    return arts, index, records


def test_the_names_signal_finds_this_follow_up_and_only_the_names_rule_joins_it(story) -> None:
    arts, index, _ = story
    original, followup = Text(arts[0].text), Text(FOLLOWUP)
    scores = compare(followup, original)
    assert scores.fact_jaccard < STORY_FACTS
    assert all(int(p["words"]) < STORY_PASSAGE_WORDS for p in scores.passages or ())
    found = index.query(fingerprint(FOLLOWUP), when="2025-08-20")
    assert found[1]["names"] >= 6  # (the facts bands may match too, by luck: 2 of 42 at Jaccard 0.24)


def test_a_follow_up_is_related_and_shares_its_story(story) -> None:
    _, _, records = story
    fire, followup = records["https://agency.example/ridge-fire"], records["https://regional.example/ridge-fire-day-two"]
    assert fire.relation == "original"
    assert followup.relation == "related" and followup.story_id == fire.story_id
    assert followup.parent_url is None  # it copies nothing
    why = followup.evidence["related"][0]
    assert why["url"] == fire.url
    assert {"ridge", "sierra", "nevada", "forestry"} <= set(why["shared_names"])


def test_a_same_day_report_sharing_a_few_names_is_another_story(story) -> None:
    _, _, records = story
    heat, fire = records["https://regional.example/heat"], records["https://agency.example/ridge-fire"]
    assert heat.story_id != fire.story_id and heat.relation == "original"
    assert not same_names(Text(HEAT), Text(story[0][0].text))


def test_names_leave_out_numbers_and_calendar_words() -> None:
    assert names_of({"braxton", "2026", "104th", "wednesday", "noviembre", "donnerstag", "tressler", "1500"}) == {
        "braxton", "104th", "tressler"}
    assert is_calendar_word("sept") and is_calendar_word("mercredi") and not is_calendar_word("may")


def test_names_keys_are_a_bottom_k_sketch_under_their_own_signal() -> None:
    params = FingerprintParams(name_keys=8)
    fp = fingerprint(FOLLOWUP, params)
    assert len(fp.names) == 8 and set(fp.names) <= set(fp.keys)
    assert {k & ((1 << SIGNAL_BITS) - 1) for k in fp.names} == {SIGNALS.index("names")}
    # a text with one more name keeps the same sketch unless the new name hashes lower
    more = fingerprint(FOLLOWUP + "\nSheriff Jeff Leikauf said deputies patrolled the empty streets.", params)
    assert len(set(fp.names) & set(more.names)) >= 8 - 3


@pytest.mark.parametrize("words, joined", [(9, False), (STORY_PASSAGE_WORDS, True)])
def test_a_short_shared_phrase_does_not_make_a_story(words: int, joined: bool) -> None:
    # an institution's full name printed by reports of two events in one region, against a reused quote
    a, b = Node(1, "https://a.example/1", Text("One.")), Node(2, "https://b.example/2", Text("Two."))
    scores = PairScores(jaccard=0.01, a_in_b=0.02, b_in_a=0.02, term_jaccard=0.1, fact_jaccard=0.15,
                        passages=[{"words": words, "text": "…", "a": [0, 1], "b": [0, 1]}])
    assert _story_pair(a, b, scores) is joined


@pytest.mark.parametrize("credit, published, relation", [
    ("AP", "2025-08-20T19:30:00-07:00", "related"),  # the agency's own next-day update
    ("AP", "2025-08-19T18:30:00-07:00", "original"),  # within the story's first window
    ("Reuters", "2025-08-20T19:30:00-07:00", "original"),  # another agency's report of its own
])
def test_an_agencys_later_report_on_its_own_story_is_a_follow_up(credit: str, published: str, relation: str) -> None:
    original = clean((FIXTURES / "11_ap-wildfire-evacuations.txt").read_bytes())
    assert original.wire.service == "AP" and original.published
    index = LineageIndex.open(":memory:")
    ids = [index.add(Article("https://agency.example/ridge-fire", original.text, wire="AP", credited=True,
                             published=original.published, first_seen="2025-08-20T01:00:00+00:00")).id,
           index.add(Article("https://agency.example/ridge-fire-update", FOLLOWUP, wire=credit, credited=True,
                             published=published, first_seen="2025-08-21T03:00:00+00:00")).id]
    records = {r.url: r for r in index.resolve(ids).values()}
    first, later = records["https://agency.example/ridge-fire"], records["https://agency.example/ridge-fire-update"]
    assert first.relation == "original" and later.story_id == first.story_id
    assert later.relation == relation and later.parent_url is None
