"""Stories: which items a reader sees as one story, its lead and its id (generator/site/stories.py)."""

from __future__ import annotations

import csv
import hashlib
import os
import random
import re
import subprocess
import sys
from collections import Counter
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from generator.site.opposites import session
from generator.site.stories import Clustering, Story, StoryInput, StorySettings, cluster, figures, story_id, words

T0 = datetime(2026, 3, 10, 8, 0, tzinfo=timezone.utc)
ROOT = Path(__file__).resolve().parent.parent
LABELLED = ROOT / ".." / "shared" / "labelled" / "news-stories-dev.csv"


def item(source, title, hours=0.0, excerpt="", provider="", url="", quality=50.0, **more) -> StoryInput:
    provider = provider or source.split("-")[0]
    return StoryInput(source=f"content/news/{source}.md", title=title, excerpt=excerpt,
                      published=T0 + timedelta(hours=hours), provider=provider,
                      web_url=url or f"https://{provider}.example/news/{source}", quality=quality, **more)


# A day of news from several providers: the stories the tests look for, among others that share words.
DAY = [
    item("wire-boe", "Bank of England raises interest rates to 5.25%", 0,
         "The Bank of England raised its base rate by a quarter point to 5.25%, its 14th increase in a row, "
         "as inflation stays high."),
    item("daily-boe", "UK borrowing costs hit 15-year high as Bank of England acts again", 2,
         "Interest rates rose to 5.25% after the Bank of England's 14th consecutive increase; mortgage holders "
         "face higher payments."),
    item("money-boe", "What the Bank of England's rate rise means for your mortgage", 5,
         "The base rate is now 5.25%. Here is how the 14th increase in a row changes mortgage and savings rates."),
    item("wire-apple", "Apple reports record quarterly earnings on iPhone sales", 1,
         "Apple said revenue rose 8% to $119 billion in the December quarter, driven by the iPhone 15."),
    item("tech-msft", "Microsoft reports record quarterly earnings on cloud growth", 3,
         "Microsoft said revenue rose 18% to $62 billion, as Azure and its AI services grew faster than expected."),
    item("sport-final", "Arsenal beat Chelsea 2-1 to reach the FA Cup final", 4,
         "A late header from Saka sent Arsenal through to the final at Wembley."),
    item("daily-final", "Saka header sends Arsenal past Chelsea and into Wembley final", 6,
         "Arsenal came from behind to beat Chelsea 2-1 in the FA Cup semi-final."),
    item("wire-quake", "Magnitude 6.1 earthquake strikes off the coast of Chile", 7,
         "No tsunami warning was issued after the quake, which struck 40 km off Valparaíso."),
    item("tech-chip", "Nvidia unveils new AI chip for data centres", 8,
         "The Blackwell chip doubles performance for training large language models, Nvidia said."),
    item("garden-roses", "How to prune roses in early spring", 9, "Cut back dead wood and open up the centre."),
]


def stories_of(items, **settings) -> dict[str, set[str]]:
    """Each item's story, as the set of its members' short names."""
    out = {}
    for story in cluster(items, StorySettings(**settings)):
        names = {Path(m).stem for m in story.members}
        for name in names:
            out[name] = names
    return out


def test_the_same_story_in_different_words_is_one_story():
    stories = stories_of(DAY)
    assert stories["wire-boe"] == {"wire-boe", "daily-boe", "money-boe"}
    assert stories["sport-final"] == {"sport-final", "daily-final"}


def test_the_same_words_about_different_companies_are_two_stories():
    stories = stories_of(DAY)
    assert stories["wire-apple"] == {"wire-apple"}
    assert stories["tech-msft"] == {"tech-msft"}


def test_a_verb_in_ied_and_in_ies_is_one_word():
    # "George Clooney's ex Stacy Keibler marries" and "... married" are one story's words
    # (words of five letters or more as their transliterations agree on: "y" as "i", a doubled letter once)
    assert words("Stacy Keibler married") == words("Stacy Keibler marries") == ["staci", "keibler", "mari"]
    assert words("Studies denied") == ["studi", "deny"]
    assert words("died dies") == ["died", "die"]  # (four letters: too short to tell)


def test_a_verb_in_ing_ed_and_es_is_one_word():
    """One event told in another tense is one story's words: "signs", "has signed", "signing"; "launches",
    "launched"; "arrest", "arrested" (until session 44 a word apart each, so two short reports of one signing
    shared two words and stayed apart). Short words keep their ending ("need", "bring", "sing")."""
    for forms in (("signs", "signed", "signing"), ("launches", "launched", "launching", "launch"),
                  ("arrest", "arrested", "arresting"), ("crashes", "crashed", "crash"), ("losses", "loss"),
                  ("caches", "cache"), ("niches", "niche"), ("noches", "noche"), ("fiches", "fiche")):
        assert len({tuple(words(form)) for form in forms}) == 1, forms
    assert words("need bring sing") == ["need", "bring", "sing"]
    for one, other in (("Dalby signs new contract with Rovers", "Rovers confirm Dalby has signed a new deal"),
                       ("Orvik police arrest two after harbour fire", "Two arrested over Orvik harbour blaze")):
        found = stories_of(DAY + [item("desk-a", one, 0, provider="desk"), item("wire-b", other, 3, provider="wire")])
        assert found["desk-a"] == {"desk-a", "wire-b"}, one


def test_another_players_signing_in_other_words_stays_apart():
    """A near miss the tenses must not join: the same club's other signing, told in other words, shares the club and
    the verb but not the player."""
    apart = [item("desk-a", "Dalby signs new contract with Rovers", 0, provider="desk"),
             item("wire-b", "Rovers confirm Hollis has signed a new deal", 3, provider="wire")]
    assert stories_of(DAY + apart)["desk-a"] == {"desk-a"}


# One frame, another name in it: each pair is two events (two signings, two companies' results), whoever wrote them.
ANOTHER_NAME = [
    ("Dalby signs new contract with Rovers", "Hollis signs new contract with Rovers"),
    ("Kestrel reports record quarter", "Brightwell reports record quarter"),
    ("Kestrel reports record quarter as Crunchos sales soar",
     "Brightwell reports record quarter as Fibrelink sales soar"),
    ("Rovers sign Dalby from Orvik", "Rovers sign Hollis from Orvik"),
    ("Police name Tamsin Rowe as harbour fire victim", "Police name Ellis Kade as harbour fire victim"),
    ("Laura wins the title in Paris", "Laurent wins the title in Paris"),  # (not a place and its people's word)
    ("Jonas wins the title in Paris", "Jonathan wins the title in Paris"),
]


@pytest.mark.parametrize("one, other", ANOTHER_NAME)
def test_one_frame_about_another_name_is_two_stories(one, other):
    """Headlines that are the same words but for a name, each name found nowhere in the other item: the frame's slot
    filled in again, two events. Until session 45 they joined: alike 0.6-0.7 by the frame's words."""
    found = stories_of(DAY + [item("desk-a", one, 0, provider="desk"), item("wire-b", other, 2, provider="wire")])
    assert found["desk-a"] == {"desk-a"}, one


def test_one_frame_about_another_name_stays_apart_with_excerpts():
    apple = item("desk-a", "Kestrel reports record quarter", 0, provider="desk",
                 excerpt="The snack maker said sales rose on strong demand for crisps.")
    other = item("wire-b", "Brightwell reports record quarter", 2, provider="wire",
                 excerpt="The cable maker said sales rose on strong demand for fibre.")
    assert stories_of(DAY + [apple, other])["desk-a"] == {"desk-a"}


@pytest.mark.parametrize("one, other", [
    ("Rovers sign Dalby", "Rovers sign striker Jon Dalby"),  # a name added: one signing
    ("Jessa Kiebler marries tech entrepreneur", "Jessa Keibler marries tech entrepreneur"),  # one name misspelt
    ("Singer Vance forgets his Orvik tour", "Singer Vanse forgets his Orvik tour"),
    ("Kestrel reports record quarter", "Kestrel posts record quarter"),  # another verb, not another name
    ("Tessaly posts $21B loss in 2025", "Tessaly posts $19B loss in 2025"),  # one loss in two currencies: no names
    ("Markets steady amid Chinese data worries", "Markets steady amid China data worries"),  # a place, its adjective
    ("Markets Steady Amid Ukrainian Grain Worries", "Markets steady amid Ukraine grain worries"),
])
def test_one_frame_about_one_name_written_two_ways_is_one_story(one, other):
    found = stories_of(DAY + [item("desk-a", one, 0, provider="desk"), item("wire-b", other, 2, provider="wire")])
    assert found["desk-a"] == {"desk-a", "wire-b"}, one


@pytest.mark.parametrize("language", ["de", "de-AT", "de-CH"])
def test_a_german_sites_capitalised_nouns_are_no_names_of_a_frame_whatever_its_region(language):
    """German writes every noun with a capital, so a capital is no name there: a site in `de-AT` reads its
    headlines as one in `de` does (until session 45's last read it took them for names and split the story)."""
    one = item("desk-a", "Regierung beschließt neues Klimagesetz für Orvik", 0, provider="desk")
    other = item("wire-b", "Landesregierung beschließt neues Klimagesetz für Orvik", 2, provider="wire")
    assert stories_of(DAY + [one, other], language=language)["desk-a"] == {"desk-a", "wire-b"}


def test_one_frame_about_two_names_each_item_names_is_one_story():
    """The other item names the other name too: one event with two parties (two contracts, one announcement)."""
    one = item("desk-a", "Dalby signs new contract with Rovers", 0, provider="desk",
               excerpt="Dalby and Hollis both extend their stay at the club until 2028.")
    other = item("wire-b", "Hollis signs new contract with Rovers", 2, provider="wire",
                 excerpt="Hollis follows Dalby in committing to the club until 2028.")
    assert stories_of(DAY + [one, other])["desk-a"] == {"desk-a", "wire-b"}


# Other headlines of the site that write these names with a capital mid-sentence: a Title Case headline's capitals
# mark every word, so the site's sentence-case text tells its names ("Smith", "Rovers") from its words ("signs")
NAMED_ELSEWHERE = [
    item("local-smith", "Fans praise Smith after the cup win", -30, provider="local"),
    item("local-jones", "Injury rules Jones out of the derby", -28, provider="local"),
    item("local-kestrel", "Analysts expect more from Kestrel and Brightwell this year", -26, provider="local"),
    item("local-new", "Midfielder turns down the offer of a new deal", -24, provider="local"),
]


@pytest.mark.parametrize("one, other", [
    ("Smith Signs New Contract With Rovers", "Jones Signs New Contract With Rovers"),
    ("Kestrel Reports Record Quarter", "Brightwell Reports Record Quarter"),
    ("SMITH SIGNS NEW CONTRACT WITH ROVERS", "JONES SIGNS NEW CONTRACT WITH ROVERS"),
    ("Smith signs new contract with Rovers", "Jones Signs New Contract With Rovers"),
])
def test_one_frame_about_another_name_in_title_case_is_two_stories(one, other):
    """A headline with a capital on every word tells no names by its own capitals: a word is a name where the site's
    sentence-case headlines write it with a capital mid-sentence more often than in small letters. Until session 46
    the frame rule was silent on Title Case, and these joined (alike by the frame's words)."""
    found = stories_of(DAY + NAMED_ELSEWHERE + [item("desk-a", one, 0, provider="desk"),
                                               item("wire-b", other, 2, provider="wire")])
    assert found["desk-a"] == {"desk-a"}, one


@pytest.mark.parametrize("one, other", [
    ("Kestrel Reports Record Quarter", "Kestrel Posts Record Quarter"),  # another verb: the site writes it small
    ("Smith Signs New Contract With Rovers", "Smith Signs Fresh Contract With Rovers"),  # "new" is a word
    ("Smith Signs New Contract With Rovers", "Rovers Confirm Smith Has Signed A New Contract"),
    ("Hollis Signs New Contract With Rovers", "Vance Signs New Contract With Rovers"),  # no evidence: as before
])
def test_one_frame_in_title_case_about_one_name_is_one_story(one, other):
    """Title Case pairs the rule must still join: a frame word changed (the site's sentence-case headlines write
    "new" in small letters; "posts" it never writes), one story told in other words, and names the site never writes in
    sentence case (no evidence either way: the rule stays silent, as it was)."""
    found = stories_of(DAY + NAMED_ELSEWHERE + [item("desk-a", one, 0, provider="desk"),
                                               item("wire-b", other, 2, provider="wire")])
    assert found["desk-a"] == {"desk-a", "wire-b"}, one


@pytest.mark.parametrize("evidence", [
    "2 Smith goals sink the visitors",  # a figure of one digit: no word
    "Å Smith double sinks the visitors",  # a letter alone, its accent removed: no word
])
def test_a_name_after_a_headlines_first_word_counts_whatever_that_word_reads_as(evidence):
    """A sentence-case headline's first word has a capital whatever it is, so which words the site writes as names
    is counted from its second word on, however many words its first reads as (none, or several: Chinese). Until
    session 47 the count skipped the first word read, the name "Smith" after "2", and the Title Case lines of one
    frame about Smith and Jones joined."""
    named = [item("local-smith", evidence, -30, provider="local"),
             item("local-jones", "Injury rules Jones out of the derby", -28, provider="local")]
    found = stories_of(DAY + named + [item("desk-a", "Smith Signs New Contract With Rovers", 0, provider="desk"),
                                      item("wire-b", "Jones Signs New Contract With Rovers", 2, provider="wire")])
    assert found["desk-a"] == {"desk-a"}, evidence


def test_a_title_case_frames_names_follow_the_sites_other_headlines_through_edits():
    """Whether a Title Case word is a name depends on the site's other headlines: adding, editing (its case alone, no
    word of any vector changed) or deleting the one that writes it with a capital mid-sentence parts or joins two lines
    of one frame, as a clustering from scratch does."""
    lines = [item("desk-a", "Smith Signs New Contract With Rovers", 0, provider="desk"),
             item("wire-b", "Jones Signs New Contract With Rovers", 2, provider="wire")]
    evidence = NAMED_ELSEWHERE[:2]

    def joined(clustering):
        return any(lines[0].source in story.members and len(story.members) == 2 for story in clustering.stories)

    clustering = Clustering(DAY + lines)
    assert joined(clustering)
    assert clustering.edit(evidence) == cluster(DAY + lines + evidence)
    assert not joined(clustering)
    small = [replace(one, title=re.sub(r" (Smith|Jones) ", lambda found: found.group(0).lower(), one.title))
             for one in evidence]
    assert clustering.edit(small) == cluster(DAY + lines + small)
    assert joined(clustering)
    assert clustering.edit(evidence) == cluster(DAY + lines + evidence)
    assert not joined(clustering)
    assert clustering.edit([], deleted=[one.source for one in evidence]) == cluster(DAY + lines)
    assert joined(clustering)


def test_an_amount_written_another_way_is_one_word():
    """"$1.5bn", "$1.5 billion", "$1,500m" are one amount: one word of the vectors (until session 45 "1", "5bn";
    "1", "5", "billion"; "1", "500m": none alike), so two short reports of one loss share it."""
    assert len({tuple(words(text)) for text in ("$1.5bn", "$1.5 billion", "$1,500m", "1.5 Billion", "$1.5B",
                                                 "1,500 million")}) == 1
    assert words("$21B loss") == words("$21 billion loss") != words("$12 billion loss")
    assert words("100m sprint") != words("100 million sprint")  # (a letter alone is money only after its sign)
    one = item("desk-a", "Tessaly posts $21B loss", 0, provider="desk")
    other = item("wire-b", "A $21 billion hole at Tessaly", 2, provider="wire")
    assert stories_of(DAY + [one, other])["desk-a"] == {"desk-a", "wire-b"}


def test_an_edited_capital_makes_a_frames_line_leave_or_join():
    """A capital is no word of the item's vector: an edit that writes the headline with a capital on every word
    (which tells no names) or back must still measure its pairs again."""
    items = DAY + [item("desk-a", "Dalby signs new contract with Rovers", 0, provider="desk"),
                   item("wire-b", "Hollis Signs New Contract With Rovers", 2, provider="wire")]
    clustering = Clustering(items)
    assert [s.members for s in clustering.stories if "desk-a" in s.members[0]][0][1:] == (items[-1].source,)
    edited = replace(items[-1], title="Hollis signs new contract with Rovers")
    assert clustering.edit([edited]) == cluster(items[:-1] + [edited])
    assert all(len(s.members) == 1 for s in clustering.stories if "desk-a" in s.members[0])
    assert clustering.edit([items[-1]]) == cluster(items)


def test_one_name_transliterated_two_ways_is_one_word():
    """A name's transliterations (English's, German's, French's) are one word of the vectors: until session 41 they
    were one only where a template's slot was looked for (`_other_subject`), so two short headlines sharing the name
    and one other word had one word in common, too few to join."""
    for spellings in (("Zelensky", "Zelenskyy", "Zelenskiy", "Selenskyj"), ("Tchaikovsky", "Tschaikowski",
                                                                          "Tchaïkovski"), ("Gaddafi", "Gadafi")):
        assert len({tuple(words(name)) for name in spellings}) == 1, spellings
    assert words("Austria") != words("Australia") and words("ZBIX") != words("ZBYX")
    for one, other in (("Zelensky in Odesa", "Zelenskyy visits Odesa"),
                       ("Tchaikovsky in Brightwell", "Tschaikowski: Brightwell")):
        found = stories_of(DAY + [item("desk-a", one, 0, provider="desk"), item("wire-b", other, 1, provider="wire")])
        assert found["desk-a"] == {"desk-a", "wire-b"}, one
    apart = [item("desk-a", "Varnholt in Odesa", 0, provider="desk"), item("wire-b", "Brindle visits Odesa", 1,
                                                                           provider="wire")]
    assert stories_of(DAY + apart)["desk-a"] == {"desk-a"}


def test_unrelated_items_stay_alone():
    stories = stories_of(DAY)
    for name in ("wire-quake", "tech-chip", "garden-roses"):
        assert stories[name] == {name}


def test_every_item_is_in_exactly_one_story():
    stories = cluster(DAY)
    members = [m for s in stories for m in s.members]
    assert sorted(members) == sorted(i.source for i in DAY)
    assert all(s.lead in s.members for s in stories)


def test_url_forms_of_one_article_are_one_story_whatever_the_headlines():
    article = "https://www.wire.example/markets/2026/03/fed-holds-rates"
    forms = [
        item("wire-fed", "Fed leaves rates unchanged, signals patience", 0, url=article),
        item("brief-fed", "Markets wrap: stocks edge up after central bank decision", 1,
             url="https://wire-example.cdn.ampproject.org/c/s/wire.example/markets/2026/03/fed-holds-rates/amp/"),
        item("desk-fed", "Your money this week", 2,
             url="https://wire.example/markets/2026/03/fed-holds-rates?utm_source=twitter&utm_medium=social#top"),
        item("mobile-fed", "Powell: no hurry", 3, url="http://m.wire.example/markets/2026/03/fed-holds-rates/"),
        item("other-story", "Stocks edge up in quiet trading", 1, url="https://wire.example/markets/2026/03/quiet-day"),
    ]
    stories = stories_of(DAY + forms)
    assert stories["wire-fed"] == {"wire-fed", "brief-fed", "desk-fed", "mobile-fed"}
    assert stories["other-story"] == {"other-story"}


def test_a_sites_home_page_is_no_article():
    # Crawlers often give a provider's home page (or its AMP home) as the original: it names the site, not a story.
    homes = [item("home-a", "Fed leaves rates unchanged", 0, url="https://wire.example/"),
             item("home-b", "Garden roses bloom early this year", 1, url="https://www.wire.example"),
             item("home-c", "Chip maker opens a new plant", 2, url="http://m.wire.example/amp/?utm_source=x",
                  related=("https://wire.example/",)),
             item("query-a", "Council approves the harbour budget", 3, url="https://blog.example/?p=12"),
             item("query-b", "Local choir wins national prize", 4, url="https://blog.example/?p=12#comments")]
    stories = stories_of(homes)
    assert [stories[n] for n in ("home-a", "home-b", "home-c")] == [{"home-a"}, {"home-b"}, {"home-c"}]
    assert stories["query-a"] == {"query-a", "query-b"}  # a query names an article


def test_an_items_other_url_fields_count_too():
    twin = item("mirror-quake", "Chile: strong tremor, no damage reported", 9,
                url="https://mirror.example/2026/03/10/tremor",
                amp_url="https://wire.example/news/wire-quake/amp")
    assert stories_of(DAY + [twin])["wire-quake"] == {"wire-quake", "mirror-quake"}


def test_declared_coverage_joins_the_story_it_names():
    opinion = item("opinion-boe", "Opinion: the squeeze on households has only begun", 12,
                   related=("https://www.wire.example/news/wire-boe?utm_campaign=x",))
    dangling = item("blog-x", "A post about nothing in particular", 12, related=("https://nowhere.example/a",))
    stories = stories_of(DAY + [opinion, dangling])
    assert stories["opinion-boe"] == {"wire-boe", "daily-boe", "money-boe", "opinion-boe"}
    assert stories["blog-x"] == {"blog-x"}


def test_one_word_in_common_is_not_a_story():
    # Short headlines whose one shared word is rare enough to make them alike: a coincidence, not a story.
    pair = [item("music-zither", "The Zitherbox revolution", 0, url="https://music.example/1001"),
            item("games-skyforge", "Skyforge, the revolution", 3, url="https://games.example/1002")]
    stories = stories_of(DAY + pair)
    assert stories["music-zither"] == {"music-zither"}
    # two words in common, and they are one story
    pair = [item("music-zither", "Ada Quill's Zitherbox revolution", 0, url="https://music.example/1001"),
            item("tech-zither", "The Zitherbox revolution of Ada Quill", 3, url="https://tech.example/1002")]
    assert stories_of(DAY + pair)["music-zither"] == {"music-zither", "tech-zither"}


def test_a_chain_of_look_alikes_does_not_join_its_ends():
    # A shares Apple and the iPad with B; B shares Samsung and its falling shares with C; A and C share nothing.
    chain = [
        item("a-ipad", "Apple unveils thinner iPad Pro with new M4 chip", 0,
             "Apple showed a thinner iPad Pro built around its M4 chip at an online event."),
        item("b-bridge", "Samsung shares fall as Apple iPad Pro launch weighs on tablet outlook", 2,
             "Samsung shares fell 3% in Seoul after Apple's iPad Pro launch; analysts cut tablet forecasts."),
        item("c-samsung", "Samsung shares fall after weak chip earnings", 4,
             "Samsung shares fell 3% in Seoul as memory chip earnings missed forecasts."),
    ]
    stories = stories_of(DAY + chain)
    assert "c-samsung" not in stories["a-ipad"]


def test_a_story_grows_by_text_only_within_the_window():
    def report(name, hours):
        return item(name, "Volcano erupts near Reykjavík, flights grounded", hours,
                    "The eruption near Reykjavík sent ash over the airport and grounded flights.")

    reports = [report("first-volcano", 0), report("second-volcano", 60), report("third-volcano", 80)]
    stories = stories_of(DAY + reports, window_hours=72)
    assert stories["first-volcano"] == {"first-volcano", "second-volcano"}  # 60 h apart: one story
    assert stories["third-volcano"] == {"third-volcano"}  # 80 h after the story's first item: a story of its own
    wider = stories_of(DAY + reports, window_hours=96)
    assert wider["first-volcano"] == {"first-volcano", "second-volcano", "third-volcano"}


def test_a_story_spanning_the_window_edge_ends_there_whatever_joins_first():
    # Coverage that goes on for days, each report most alike the next: the later pairs are the more alike, so
    # they join first. A story grown by text still spans at most the window; the coverage after it is a story
    # of its own.
    reports = [
        item("a-volcano", "Volcano erupts near Reykjavík, flights grounded", 0),
        item("b-volcano", "Volcano near Reykjavík erupts again, ash cloud grows", 50,
             "Ash from the eruption near Reykjavík drifts east; airlines watch the cloud."),
        item("c-volcano", "Reykjavík volcano: ash cloud drifts east, airlines cancel flights", 100,
             "Ash from the eruption near Reykjavík drifts east; airlines cancel flights as the cloud grows."),
        item("d-volcano", "Airlines cancel flights as Reykjavík volcano ash cloud drifts east", 150,
             "Ash from the eruption near Reykjavík drifts east; airlines cancel flights as the cloud grows."),
    ]
    stories = stories_of(DAY + reports, window_hours=72)
    assert stories["a-volcano"] == {"a-volcano", "b-volcano"}
    assert stories["c-volcano"] == {"c-volcano", "d-volcano"}
    assert stories_of(DAY + reports, window_hours=200)["a-volcano"] == {f"{n}-volcano" for n in "abcd"}
    hours = {Path(i.source).stem: (i.published - T0).total_seconds() / 3600 for i in DAY + reports}
    for window in (24, 60, 72, 120):
        spans = [max(hours[m] for m in s) - min(hours[m] for m in s) for s in stories_of(DAY + reports,
                                                                                         window_hours=window).values()]
        assert spans and max(spans) <= window


def test_declared_coverage_joins_across_the_window():
    late = item("weekly-boe", "The week in review", 24 * 6, related=("https://wire.example/news/wire-boe",))
    assert "weekly-boe" in stories_of(DAY + [late], window_hours=72)["wire-boe"]


def find(stories, source_name) -> Story:
    return next(s for s in stories if f"content/news/{source_name}.md" in s.members)


def test_the_lead_is_the_best_item_then_the_earliest():
    items = [replace(i, quality=80.0) if i.source.endswith("money-boe.md") else i for i in DAY]
    assert find(cluster(items), "wire-boe").lead == "content/news/money-boe.md"
    same = [replace(i, quality=50.0) for i in DAY]  # equal quality: the earliest leads
    assert find(cluster(same), "wire-boe").lead == "content/news/wire-boe.md"


def test_a_joining_source_keeps_the_story_id():
    before = find(cluster(DAY), "wire-boe")
    joiner = item("evening-boe", "Bank of England lifts interest rates to 5.25% in 14th straight rise", 20,
                  "The Bank of England increased its base rate to 5.25%, a 14th increase in a row.", quality=99.0)
    after = find(cluster(DAY + [joiner]), "wire-boe")
    assert "content/news/evening-boe.md" in after.members
    assert after.lead == "content/news/evening-boe.md"  # the better write-up leads ...
    assert after.id == before.id  # ... and the story keeps its id (and so its URLs)


def test_deleting_the_lead_makes_a_new_lead_and_keeps_the_id_unless_it_was_the_earliest():
    items = [replace(i, quality=90.0) if i.source.endswith("daily-boe.md") else i for i in DAY]
    before = find(cluster(items), "wire-boe")
    assert before.lead == "content/news/daily-boe.md"
    without_lead = [i for i in items if not i.source.endswith("daily-boe.md")]
    after = find(cluster(without_lead), "wire-boe")
    assert after.lead == "content/news/wire-boe.md"  # the next best (equal quality: the earliest)
    assert after.id == before.id == story_id("content/news/wire-boe.md")
    # The id comes from the earliest item: deleting that one gives the story the next earliest's id.
    without_first = [i for i in items if not i.source.endswith("wire-boe.md")]
    moved = find(cluster(without_first), "daily-boe")
    assert set(moved.members) == {"content/news/daily-boe.md", "content/news/money-boe.md"}
    assert moved.id == story_id("content/news/daily-boe.md") != before.id


def test_an_earlier_report_first_seen_later_leaves_the_story_id():
    # Issue 20: a story's id must not change when a source joins. The id was the earliest *published* member's, so
    # a report published before the story's first but fetched after it (a feed that lags, a source added to
    # config.yaml later) took the id. The member first seen gives it now; published time breaks ties (one fetch).
    seen = T0 + timedelta(hours=10)
    day = [replace(i, first_seen=seen) for i in DAY if not i.source.endswith("wire-boe.md")]
    before = find(cluster(day), "daily-boe")
    assert before.id == story_id("content/news/daily-boe.md")
    [wire] = [replace(i, first_seen=seen + timedelta(hours=20)) for i in DAY if i.source.endswith("wire-boe.md")]
    after = find(cluster(day + [wire]), "daily-boe")
    assert after.members[0] == wire.source  # the earliest member, published first ...
    assert after.id == before.id  # ... joined later, and the story keeps its id
    clustering = Clustering(day)
    assert find(clustering.edit([wire]), "daily-boe") == after  # (an edit makes what a clustering makes)
    # Without a time first seen (an item written by hand), an item's published time stands for it, as before.
    plain = find(cluster([replace(i, first_seen=None) for i in day] + [replace(wire, first_seen=None)]), "daily-boe")
    assert plain.id == story_id(wire.source)


def test_a_providers_own_duplicates_follow_the_setting():
    again = item("wire-boe2", "Bank of England raises interest rates to 5.25% (update)", 3,
                 "The Bank of England raised its base rate to 5.25%, its 14th increase in a row.", provider="wire")
    assert stories_of(DAY + [again])["wire-boe"] == {"wire-boe", "daily-boe", "money-boe", "wire-boe2"}
    apart = stories_of(DAY + [again], same_provider="apart")
    assert "wire-boe2" not in apart["wire-boe"]
    assert "daily-boe" in apart["wire-boe"]
    # the same article is one story whatever the setting
    copy = item("wire-copy", "BoE: rates up", 1, provider="wire", url="https://wire.example/news/wire-boe?amp=1")
    assert "wire-copy" in stories_of(DAY + [copy], same_provider="apart")["wire-boe"]


def test_a_providers_look_alike_series_stays_apart_by_default():
    """Until session 36 the default joined a provider's template headlines ("Daily horoscope for Aries...",
    "...for Taurus...") as one story; nobody else's reports agree with them, and they are no copies."""
    series = [item(f"stars-{sign.lower()}", f"Daily horoscope for {sign}, Tuesday March 10: money and love", n,
                   f"{sign}: the stars favour money matters and love today, Tuesday March 10.", provider="stars")
              for n, sign in enumerate(("Aries", "Taurus", "Gemini"))]
    for setting in ("join", "apart"):
        found = stories_of(DAY + series, same_provider=setting)
        assert all(found[f"stars-{sign}"] == {f"stars-{sign}"} for sign in ("aries", "taurus", "gemini"))


def template_days(days: int = 30) -> list[StoryInput]:
    """One provider each of a ticker, weather forecasts and football scores: template headlines, several a day."""
    stocks = [f"Zq{a}{b}x" for a in "bdgkmprt" for b in "aeiou"]
    cities = ("Leeds", "Lyon", "Porto", "Turin", "Bergen", "Malmo", "Graz", "Ghent")
    teams = ("Arsenal", "Chelsea", "Everton", "Fulham", "Burnley", "Wolves", "Villa", "Spurs")
    out = []
    for day in range(days):
        for n in range(8):
            stock = stocks[(day * 8 + n) * 7 % len(stocks)]
            out.append(item(f"ticker-{day}-{n}", f"Stock {stock} rises {n + 2}%", day * 24 + n,
                            f"Shares of {stock} rose {n + 2}% in trading today.", provider="ticker"))
            city = cities[n]
            out.append(item(f"weather-{day}-{n}", f"Weather forecast for {city}: rain and {n + 8}C", day * 24 + n,
                            f"The forecast for {city} today: rain, highs of {n + 8} degrees.", provider="weather"))
        for n in range(0, 8, 2):
            home, away = teams[(n + day) % 8], teams[(n + 1 + 3 * day) % 8]
            if home != away:
                out.append(item(f"scores-{day}-{n}", f"{home} 2-1 {away}: match report", day * 24 + 15,
                                f"Full-time report: {home} against {away} in the league.", provider="scores"))
    return out


def test_one_providers_template_headlines_are_different_stories():
    """A ticker's "Stock X rises 2%", a forecast per city, a score per match: alike by their template's words
    alone, every day. Until session 36 these 600 made 73 stories of up to 16 forecasts or scores."""
    found = template_days()
    assert len(found) > 500
    joined = [story for story in cluster(found) if len(story.members) > 1]
    assert joined == []


def test_a_providers_copies_of_one_report_still_join_and_its_reports_join_others_coverage():
    again = item("wire-again", "Bank of England raises interest rates to 5.25%", 1.5,
                 "The Bank of England raised its base rate by a quarter point to 5.25%, its 14th increase in a row, "
                 "as inflation stays high.", provider="wire")
    later = item("wire-later", "Bank of England raises interest rates to 5.25%", 20,
                 "The Bank of England raised its base rate by a quarter point to 5.25%, its 14th increase in a row, "
                 "as inflation stays high.", provider="wire")
    alone = [i for i in DAY if i.source.endswith("wire-boe.md")]
    assert stories_of(alone + [again])["wire-boe"] == {"wire-boe", "wire-again"}  # republished within hours
    assert stories_of(alone + [later])["wire-boe"] == {"wire-boe"}  # the same words a day on: a template's
    # with others' coverage, a provider's own second report joins it as anyone's (and the copy with it)
    assert {"wire-boe", "daily-boe", "money-boe", "wire-again"} <= stories_of(DAY + [again])["wire-boe"]
    # ... and the template's lines stay apart from the news they sit among
    mixed = cluster(DAY + template_days(5))
    assert all(len({member.split("/")[-1].split("-")[0] for member in story.members}) > 1 or
               len(story.members) == 1 for story in mixed)


def tick(source, stock, figure, hours, provider, verb="rises"):
    """A ticker's template line: "Stock X rises 4%", its excerpt in the same words."""
    past = {"rises": "rose", "falls": "fell"}[verb]
    return item(source, f"Stock {stock} {verb} {figure}%", hours,
                f"Shares of {stock} {past} {figure}% in trading today.", provider=provider)


def test_a_templates_lines_with_other_figures_are_other_events():
    """One stock's ticks within hours are alike by everything but their figures (0.9-1.0): until session 37 one
    provider's joined as copies of one report, and two providers' as each other's coverage."""
    one = [tick("ticker-a", "Zqbax", 4, 0, "ticker"), tick("ticker-b", "Zqbax", 1, 3, "ticker"),
           tick("ticker-c", "Zqbax", 7, 6, "ticker")]
    found = stories_of(DAY + one)
    assert all(found[name] == {name} for name in ("ticker-a", "ticker-b", "ticker-c"))
    two = [tick("ticker-a", "Zqbax", 4, 0, "ticker"), tick("wire-b", "Zqbax", 1, 3, "wire"),
           tick("ticker-c", "Zqbax", 7, 6, "ticker"), tick("wire-d", "Zqbax", 2, 7, "wire")]
    found = stories_of(DAY + two)
    assert all(found[name] == {name} for name in ("ticker-a", "wire-b", "ticker-c", "wire-d"))
    dated = [item("zacks-mkt", "Stock Market News for March 10, 2014", 0, provider="zacks"),
             item("nasdaq-mkt", "Stock Market News for March 11, 2014 - Market News", 20, provider="nasdaq")]
    assert stories_of(DAY + dated)["zacks-mkt"] == {"zacks-mkt"}
    # the same figures are the same event: two providers' lines of one tick, one's copy an hour on
    same = [tick("ticker-a", "Zqbax", 4, 0, "ticker"), tick("wire-a", "Zqbax", 4, 0.5, "wire"),
            tick("ticker-again", "Zqbax", 4, 1, "ticker"), tick("ticker-b", "Zqbax", 1, 3, "ticker")]
    assert stories_of(DAY + same)["ticker-a"] == {"ticker-a", "wire-a", "ticker-again"}



def test_two_providers_lines_about_other_stocks_with_other_figures_stay_apart_in_a_small_site():
    """A site made of two providers' ticks: no word is in enough items to weigh less than the tickers, so "stock",
    "rise" and "trading" made lines about different stocks alike. Until session 38 40 ticks of 20 stocks over three
    days made stories of up to 16 ticks of several stocks and figures; the template's shape tells them apart."""
    stocks = [f"Zq{a}{b}x" for a in "bdgk" for b in "aeiou"]
    ticks = [tick(f"{('ticker', 'wire')[n % 2]}-{n}", stocks[n * 7 % 20], n * 5 % 9 + 1, n * 1.8,
                  ("ticker", "wire")[n % 2], ("rises", "falls")[n * 3 % 5 % 2]) for n in range(40)]
    stories = cluster(ticks)
    figures_of = {item.source: item.title.split()[-1] for item in ticks}
    assert len(stories) > 1
    assert all(len({figures_of[member] for member in story.members}) == 1 for story in stories)

def test_two_providers_lines_about_other_stocks_with_the_same_figure_stay_apart_in_a_small_site():
    """"Stock ZA rises 3%" beside "Stock ZB rises 3%": the same figure and direction, one template's line but for the
    stock, written in the headline and again in the excerpt. Until session 39 a site made of such lines joined them
    into stories of several stocks (no word is in enough items there to weigh less than the tickers)."""
    stocks = [f"Zq{a}{b}x" for a in "bdgk" for b in "aeiou"]
    ticks = [tick(f"{('ticker', 'wire')[n % 2]}-{n}", stocks[n * 7 % 20], n * 5 % 9 + 1, n * 1.8,
                  ("ticker", "wire")[n % 2], ("rises", "falls")[n * 3 % 5 % 2]) for n in range(40)]
    # ... and two providers' lines of one tick, within the hour: one story
    same = [tick("ticker-same", "Zqmux", 3, 10, "ticker"), tick("wire-same", "Zqmux", 3, 10.5, "wire")]
    stories = cluster(ticks + same)
    stock_of = {item.source: item.title.split()[1] for item in ticks + same}
    joined = [story for story in stories if len(story.members) > 1]
    assert joined
    assert all(len({stock_of[member] for member in story.members}) == 1 for story in joined)
    assert stories_of(ticks + same)["ticker-same"] == {"ticker-same", "wire-same"}
    # a name spelt two ways in headlines alone is one story, as in the labelled data (the name is written once)
    spelt = [item("desk-wed", "Stacey Keibler marries Jared Pobre in Mexico", 0, provider="desk"),
             item("wire-wed", "Stacy Keibler marries Jared Pobre in Mexico", 1, provider="wire")]
    assert stories_of(DAY + spelt)["desk-wed"] == {"desk-wed", "wire-wed"}


def test_a_story_reworded_with_other_figures_is_one_story():
    """Figures tell a template's lines apart only where the headlines are the same words but for them, or the items
    nearly the same (0.8, as copies): reports of one story in their own words give figures of their own, and a
    year names an edition rather than an event."""
    quake = [item("wire-toll", "Chile earthquake: death toll rises to 5 as rescuers search the coast", 0,
                  "Rescuers searched the coast near Valparaíso after the magnitude 6.1 earthquake."),
             item("daily-toll", "Magnitude 6.1 earthquake off Chile kills 3, rescuers search coast", 2,
                  "The earthquake struck off Valparaíso; rescuers are searching the coast.")]
    assert stories_of(DAY + quake)["wire-toll"] == {"wire-toll", "daily-toll", "wire-quake"}
    # (the reports of DAY's rate rise give 5.25% and a 15-year high: one story still)
    assert stories_of(DAY)["wire-boe"] == {"wire-boe", "daily-boe", "money-boe"}
    chart = [item("pop-chart", "Singer Marlow Vance tops Billboard's 2014 Money Makers list", 0),
             item("gulf-chart", "Marlow Vance tops Billboard's 2013 'Money Makers' list", 2)]
    assert stories_of(DAY + chart)["pop-chart"] == {"pop-chart", "gulf-chart"}


def test_a_headlines_figures():
    assert figures("Stock Zqbax rises 4%") == ("4",)
    assert figures("Arsenal 2-1 Chelsea: match report") == ("1", "2")
    assert figures("Stock Market News for March 10, 2014") == ("10",)  # (a year names an edition)
    assert figures("Bank of England raises interest rates to 5.25%, a 15-year high") == ("15", "5.25")
    assert figures("MH370: no 4G, a $4.5bn deal, 10m viewers and a 3rd day") == ()  # parts of names and units


def test_an_edited_figure_makes_a_template_line_leave_or_join():
    # A figure of one digit is no word of the item's vector: the edit must still measure its pairs again.
    items = DAY + [tick("ticker-a", "Zqbax", 4, 0, "ticker"), tick("ticker-b", "Zqbax", 4, 2, "ticker")]
    clustering = Clustering(items)
    assert any(len(s.members) == 2 and s.members[0].endswith("ticker-a.md") for s in clustering.stories)
    edited = tick("ticker-b", "Zqbax", 1, 2, "ticker")
    assert clustering.edit([edited]) == cluster(items[:-1] + [edited])
    assert all(len(s.members) == 1 for s in clustering.stories if "ticker-" in s.members[0])
    assert clustering.edit([items[-1]]) == cluster(items)



def test_a_templates_lines_of_opposite_meaning_are_other_events():
    """One stock's "rises 3%" and "falls 3%" within hours are the same figures and the same words but for one:
    until session 38 one provider's joined as copies of one report, and two providers' as each other's coverage."""
    def moved(source, verb, hours, provider):  # (an excerpt without the direction: alike 0.82, as copies)
        return item(source, f"Stock Zqbax {verb} 3%", hours, "Shares of Zqbax moved 3% in trading today, the "
                    "exchange said.", provider=provider)

    one = [moved("ticker-a", "rises", 0, "ticker"), moved("ticker-b", "falls", 3, "ticker")]
    two = [tick("ticker-a", "Zqbax", 3, 0, "ticker"), tick("wire-b", "Zqbax", 3, 1, "wire", "falls")]
    lines = [item("desk-up", "Brightwell Cables shares up 3% on Tuesday", 0, provider="desk"),
             item("wire-down", "Brightwell Cables shares down 3% on Tuesday", 2, provider="wire"),
             item("sport-wins", "Harwick United wins Tessaly cup final", 0, provider="sport"),
             item("daily-loses", "Harwick United loses Tessaly cup final", 1, provider="daily"),
             item("desk-approves", "Senate approves Varnholt mining bill", 0, provider="desk"),
             item("money-rejects", "Senate rejects Varnholt mining bill", 1, provider="money")]
    for site in (one, two, lines):
        found = stories_of(DAY + site)
        assert all(found[Path(line.source).stem] == {Path(line.source).stem} for line in site)
    # the same direction is the same event: a copy an hour on, another provider's line of the tick
    same = [tick("ticker-a", "Zqbax", 3, 0, "ticker"), tick("ticker-again", "Zqbax", 3, 1, "ticker"),
            tick("wire-a", "Zqbax", 3, 2, "wire"), tick("ticker-b", "Zqbax", 3, 3, "ticker", "falls")]
    assert stories_of(DAY + same)["ticker-a"] == {"ticker-a", "ticker-again", "wire-a"}
    # the words are a language's: en-GB's are English's; a site in a language without a list clusters as before
    assert stories_of(DAY + one, language="en-GB")["ticker-a"] == {"ticker-a"}
    assert stories_of(DAY + one, language="de")["ticker-a"] == {"ticker-a", "ticker-b"}


def test_one_match_told_from_each_side_is_one_story():
    """"A beat B" and "B lose to A" are one match (or election) told from each side: the same words but the opposite
    ones, in another order; until session 38's review they were two stories. Where the opposite words are not two
    parties' parts, another order is no other side: "approves" and "rejected by" stay two events."""
    sides = [("Harwick United beat Tessaly Rovers 2-1 in the cup final",
              "Tessaly Rovers lose 2-1 to Harwick United in the cup final"),
             ("Varnholt wins election against Brindle", "Brindle loses election to Varnholt")]
    for one, other in sides:
        found = stories_of(DAY + [item("desk-a", one, 0, provider="desk"), item("wire-b", other, 1, provider="wire")])
        assert found["desk-a"] == {"desk-a", "wire-b"}
    bill = [item("desk-a", "Senate approves Varnholt mining bill", 0, provider="desk"),
            item("wire-b", "Varnholt mining bill rejected by Senate", 1, provider="wire")]
    assert stories_of(DAY + bill)["desk-a"] == {"desk-a"}


def test_a_trading_days_open_and_close_are_two_stories_however_worded():
    """The market before its close and at its close are two events, and so are one day's and the next's: reports of
    each in their own words ("Futures edge lower", "Stocks down at midday"; "Stocks end slightly lower") made one
    story of a day's wraps, a reworded pair too far apart for the rule on one template's lines. A session's word that
    names no market ("end up", "open up", "comes to an end") takes no side."""
    wraps = [item("wire-fut", "Stock futures edge lower on weak China export data", 0, provider="wire"),
             item("desk-open", "Wall St opens lower on weak China export data", 1, provider="desk"),
             item("money-mid", "Stocks down at midday on weak China export data", 3, provider="money"),
             item("daily-end", "Stocks end slightly lower on weak China export data", 7, provider="daily"),
             item("wire-close", "Wall St closes lower on weak China export data", 7.5, provider="wire"),
             item("money-close", "Stocks end lower on weak China export data, Boeing drags", 8, provider="money")]
    found = stories_of(DAY + wraps)
    assert found["wire-fut"] == {"wire-fut", "desk-open", "money-mid"}
    assert found["daily-end"] == {"daily-end", "wire-close", "money-close"}
    # without the sessions' words (or in a language without them) the same reports are one day's market
    assert len(stories_of(DAY + wraps, language="")["wire-fut"]) == 6
    # ... and one day's session and the next's, in the same words
    days = [item("wire-mon", "Stocks open higher as oil prices ease", 0, provider="wire"),
            item("desk-mon", "Wall St opens higher as oil prices ease", 1, provider="desk"),
            item("money-tue", "Stocks open higher as oil prices ease again", 24, provider="money"),
            item("daily-tue", "Wall Street opens higher as oil prices ease", 24.5, provider="daily")]
    found = stories_of(DAY + days)
    assert found["wire-mon"] == {"wire-mon", "desk-mon"} and found["money-tue"] == {"money-tue", "daily-tue"}
    assert len(stories_of(DAY + days, language="")["wire-mon"]) == 4
    show = [item("wire-tv", "Varnholt finale: does the bachelor end up alone?", 0, provider="wire"),
            item("desk-tv", "Bachelor Varnholt tells fans to open up after finale", 1, provider="desk"),
            item("daily-tv", "Bachelor Varnholt finale: the soap opera comes to an end", 2, provider="daily"),
            item("money-tv", "Bachelor finale: Varnholt alone after the soap opera", 3, provider="money")]
    assert stories_of(DAY + show)["wire-tv"] == {"wire-tv", "desk-tv", "daily-tv", "money-tv"}


def words_of(headline: str) -> list[str]:
    return re.findall(r"[^\W_]+", headline.lower())


def test_a_market_wrap_without_a_session_word_joins_its_own_days_close():
    """A wrap that names the market and its direction but no session ("Stocks rise on strong jobs data", "Wall Street
    higher ...") is the day's move: it joins that day's closing story, not the open's, nor the next day's (until
    session 41 it took no side and joined either, and a morning's and an evening's story through it)."""
    days = [item("wire-fut", "Stock futures rise on strong jobs data", 2, provider="wire"),
            item("desk-open", "Wall Street opens higher on strong jobs data", 2.5, provider="desk"),
            item("tele-wrap", "Stocks rise on strong jobs data", 7, provider="tele"),
            item("post-wrap", "Wall Street higher on strong jobs data", 7.5, provider="post"),
            item("money-close", "Stocks close higher on strong jobs data", 9, provider="money"),
            item("daily-end", "Wall Street ends higher on strong jobs data", 9.5, provider="daily"),
            item("wire-fut2", "Stock futures rise on strong jobs data, oil", 26, provider="wire"),
            item("tele-wrap2", "Stocks rise on strong jobs data as oil eases", 31, provider="tele"),
            item("money-close2", "Stocks close higher on strong jobs data, oil", 33, provider="money")]
    found = stories_of(DAY + days)
    assert found["money-close"] == {"money-close", "daily-end", "tele-wrap", "post-wrap"}
    assert found["tele-wrap2"] == {"tele-wrap2", "money-close2"}
    assert len(stories_of(DAY + days, language="")["wire-fut"]) == 9  # (two days' market, one story)
    # a day's parts: the morning's report and the evening's, each with its own wraps
    parts = [item("wire-am", "Morning market report: stocks higher on strong jobs data", 2, provider="wire"),
             item("desk-am", "Morning market report: Wall Street higher on jobs data", 2.5, provider="desk"),
             item("tele-wrap", "Stocks close higher on strong jobs data", 7, provider="tele"),
             item("post-wrap", "Wall Street ends higher on strong jobs data", 7.5, provider="post"),
             item("money-pm", "Evening market report: stocks higher on strong jobs data", 9, provider="money"),
             item("daily-pm", "Evening market report: Wall Street higher on jobs data", 9.5, provider="daily")]
    found = stories_of(DAY + parts)
    assert found["wire-am"] == {"wire-am", "desk-am"}
    assert found["money-pm"] == {"money-pm", "daily-pm", "tele-wrap", "post-wrap"}
    # without the sessions' words (a language without them) each is one story of the whole
    assert len(stories_of(DAY + parts, language="")["wire-am"]) == 6
    assert session(words_of("Stocks slip on China data")) == 2
    assert session(words_of("Morning market report: stocks higher")) == 1
    assert session(words_of("Stocks open higher but close lower")) == 0  # (both)
    assert session(words_of("Apple shares rise on iPhone sales")) == 0  # (one company's, not the market's)
    assert session(words_of("Border wall funding cut")) == 0 and session(words_of("Wall St falls")) == 2


def test_a_round_ups_editions_are_other_events():
    """A daily or monthly round-up's headlines are the same words but for the day, the month or the part of a day
    they name: each edition is its own event, as a template's lines with other figures are."""
    editions = [("How the Dow Jones industrial average did Monday", "How the Dow Jones industrial average did Tuesday"),
                ("Brightwell county weather outlook for Tuesday morning",
                 "Brightwell county weather outlook for Tuesday evening"),
                ("Kestrel Foods sales report for January", "Kestrel Foods sales report for February")]
    for one, other in editions:
        pair = [item("desk-a", one, 0, provider="desk"), item("wire-b", other, 20, provider="wire")]
        assert stories_of(DAY + pair)["desk-a"] == {"desk-a"}, one
        # without the site's list of editions, the parts of a day join; a day's or a month's name, written with a
        # capital, is another name in one frame (since session 45) in any language
        alone = {"desk-a"} if one.endswith(("Monday", "January")) else {"desk-a", "wire-b"}
        assert stories_of(DAY + pair, language="")["desk-a"] == alone, one


@pytest.mark.parametrize("language, up, down", [
    ("de", "Brightwell-Aktie steigt nach Quartalszahlen deutlich", "Brightwell-Aktie fällt nach Quartalszahlen deutlich"),
    ("fr", "L'action Brightwell monte nettement après ses résultats", "L'action Brightwell baisse nettement après ses "
     "résultats"),
    ("es", "La acción de Brightwell sube con fuerza tras sus resultados", "La acción de Brightwell baja con fuerza "
     "tras sus resultados"),
    ("it", "Il titolo Brightwell cresce dopo i conti trimestrali",
     "Il titolo Brightwell scende dopo i conti trimestrali"),
    ("it", "Il Varnholt vince la finale della coppa Tessaly", "Il Varnholt perde la finale della coppa Tessaly"),
    ("it", "Il Senato approva la legge mineraria di Varnholt", "Il Senato respinge la legge mineraria di Varnholt"),
    ("pt", "Ação da Brightwell sobe forte após resultados trimestrais",
     "Ação da Brightwell cai forte após resultados trimestrais"),
    ("pt", "Varnholt vence final da copa Tessaly", "Varnholt perde final da copa Tessaly"),
    ("pt", "Brightwell compra fábrica da Kestrel em Lisboa", "Brightwell vende fábrica da Kestrel em Lisboa"),
    ("nl", "Aandeel Brightwell stijgt fors na kwartaalcijfers", "Aandeel Brightwell daalt fors na kwartaalcijfers"),
    ("nl", "Varnholt wint bekerfinale tegen Tessaly", "Varnholt verliest bekerfinale tegen Tessaly"),
    ("nl", "Minister bevestigt plan voor Brightwell-fabriek", "Minister ontkent plan voor Brightwell-fabriek"),
    # (Russian's past tense by gender and number: выиграл, выиграла, выиграли)
    ("ru", "«Варнхольт» выиграл у «Тессали» в финале кубка", "«Варнхольт» проиграл «Тессали» в финале кубка"),
    ("ru", "Сборная Варнхольта выиграла финал кубка Тессали", "Сборная Варнхольта проиграла финал кубка Тессали"),
    ("ru", "Акции Брайтвелла выросли после отчёта за квартал", "Акции Брайтвелла упали после отчёта за квартал"),
    ("ru", "Госдума одобрила закон о добыче в Варнхольте", "Госдума отклонила закон о добыче в Варнхольте"),
    ("uk", "Акції Брайтвелла зросли після звіту за квартал", "Акції Брайтвелла впали після звіту за квартал"),
    ("uk", "«Варнхольт» виграв фінал кубка Тессалі", "«Варнхольт» програв фінал кубка Тессалі"),
    ("pl", "Akcje Brightwella wzrosły po wynikach kwartalnych", "Akcje Brightwella spadły po wynikach kwartalnych"),
    ("pl", "Varnholt wygrał finał pucharu Tessaly", "Varnholt przegrał finał pucharu Tessaly"),
])
def test_words_of_opposite_meaning_in_the_sites_language(language, up, down):
    pair = [item("desk-up", up, 0, provider="desk"), item("wire-down", down, 2, provider="wire")]
    assert stories_of(DAY + pair, language=language)["desk-up"] == {"desk-up"}
    # a site in another language does not read them: the two are one story by their words, as before
    assert stories_of(DAY + pair, language="en")["desk-up"] == {"desk-up", "wire-down"}
    again = [item("desk-up", up, 0, provider="desk"), item("wire-up", up, 2, provider="wire")]
    assert stories_of(DAY + again, language=language)["desk-up"] == {"desk-up", "wire-up"}


def test_an_italian_sites_opposites_and_editions_are_other_events():
    """An Italian site's headlines that are the same words but for words of opposite meaning ("vince", "perde";
    "approva", "respinge") or for the day or month a round-up names ("lunedì", "martedì") were one story: Italian
    had no such list. Reworded coverage of one event ("nella notte" in both) still joins."""
    pairs = [("Il Pescara vince il derby con il Teramo al 90esimo", "Il Pescara perde il derby con il Teramo al 90esimo"),
             ("Il consiglio regionale approva la legge sui parchi", "Il consiglio regionale respinge la legge sui parchi"),
             ("Meteo Abruzzo, le previsioni per lunedì", "Meteo Abruzzo, le previsioni per martedì"),
             ("Prezzi della benzina in Abruzzo a novembre", "Prezzi della benzina in Abruzzo a dicembre")]
    for one, other in pairs:
        pair = [item("desk-a", one, 0, provider="desk"), item("wire-b", other, 2, provider="wire")]
        assert stories_of(DAY + pair, language="it")["desk-a"] == {"desk-a"}, one
        assert stories_of(DAY + pair, language="en")["desk-a"] == {"desk-a", "wire-b"}, one  # (as before)
    same = [item("desk-a", "Terremoto all'Aquila, nuove scosse nella notte: nessun danno", 0, provider="desk"),
            item("wire-b", "Nuove scosse di terremoto all'Aquila nella notte, nessun danno", 2, provider="wire")]
    assert stories_of(DAY + same, language="it")["desk-a"] == {"desk-a", "wire-b"}


@pytest.mark.parametrize("language, before, close", [
    ("it", ("Borsa di Milano apre in rialzo con le banche", "Piazza Affari, apertura in rialzo con le banche"),
     ("Borsa di Milano chiude in rialzo con le banche", "Piazza Affari, chiusura in rialzo con le banche")),
    ("pt", ("Bolsa de Lisboa abre em alta com os bancos", "Abertura: bolsa de Lisboa em alta com os bancos"),
     ("Bolsa de Lisboa fecha em alta com os bancos", "Fechamento: bolsa de Lisboa em alta com os bancos")),
    ("nl", ("AEX opent hoger dankzij de banken", "Beurs Amsterdam opent hoger dankzij banken"),
     ("AEX sluit hoger dankzij de banken", "Beurs Amsterdam sluit hoger dankzij banken")),
])
def test_a_trading_days_sessions_in_the_sites_language(language, before, close):
    wraps = [item("wire-open", before[0], 0, provider="wire"), item("desk-open", before[1], 1, provider="desk"),
             item("money-close", close[0], 7, provider="money"), item("daily-close", close[1], 7.5, provider="daily")]
    found = stories_of(DAY + wraps, language=language)
    assert found["wire-open"] == {"wire-open", "desk-open"}
    assert found["money-close"] == {"money-close", "daily-close"}
    # a language without the session words: one day's market
    assert len(stories_of(DAY + wraps, language="")["wire-open"]) == 4
def test_one_name_transliterated_two_ways_is_one_subject():
    """A template's line about another subject is one word for another written twice; a name transliterated two
    ways ("Zelenskyy", "Zelensky"; "al-Qaeda", "al Qaida") written twice is the same subject, as a name spelt two
    ways once is. Names that differ otherwise, or short codes one letter apart, stay two subjects."""
    def said(source, name, provider, hours):
        return item(source, f"{name} wins backing of 27 leaders at summit", hours,
                    f"{name} won the backing of 27 European leaders at the summit in Brussels.", provider=provider)

    for one, other in (("Zelenskyy", "Zelensky"), ("Zelenskiy", "Zelenskyy"), ("al-Qaeda", "al Qaida")):
        found = stories_of(DAY + [said("desk-a", one, "desk", 0), said("wire-b", other, "wire", 1)])
        assert found["desk-a"] == {"desk-a", "wire-b"}, (one, other)
    for one, other in (("Varnholt", "Brindle"), ("Austria", "Australia"), ("ZBIX", "ZBYX")):
        found = stories_of(DAY + [said("desk-a", one, "desk", 0), said("wire-b", other, "wire", 1)])
        assert found["desk-a"] == {"desk-a"}, (one, other)


def test_an_edited_direction_makes_a_template_line_leave_or_join():
    # "up" is a stop word, no word of the item's vector: the edit must still measure its pairs again.
    items = DAY + [item("desk-up", "Brightwell Cables shares up 3% on Tuesday", 0, provider="desk"),
                   item("wire-up", "Brightwell Cables shares up 3% on Tuesday", 2, provider="wire")]
    clustering = Clustering(items)
    assert any(len(s.members) == 2 and s.members[0].endswith("desk-up.md") for s in clustering.stories)
    edited = replace(items[-1], title="Brightwell Cables shares down 3% on Tuesday")
    assert clustering.edit([edited]) == cluster(items[:-1] + [edited])
    assert all(len(s.members) == 1 for s in clustering.stories if "-up" in s.members[0])
    assert clustering.edit([items[-1]]) == cluster(items)

SHOW_NOTES = ("Thanks for listening to The Rate Hour. Subscribe on Apple Podcasts or Spotify, send questions to "
              "hello@ratehour.example, and try our sponsor Contoso Savings free for thirty days.")


def test_a_shows_episodes_are_not_one_story_by_their_repeated_notes():
    # A podcast's (or a video channel's) descriptions repeat from one episode to the next: alike enough to
    # join by text, but each episode is news of its own.
    episodes = [item(f"pod-{n}", title, n, SHOW_NOTES, provider="ratehour", episode=True)
                for n, title in enumerate(("Episode 41: pensions", "Episode 42: first homes", "Episode 43: crypto"))]
    # (as other items, since session 36, they are a template too: alike by the notes alone, nobody else's)
    assert stories_of(DAY + [replace(e, episode=False) for e in episodes])["pod-0"] == {"pod-0"}
    stories = stories_of(DAY + episodes)
    assert all(stories[f"pod-{n}"] == {f"pod-{n}"} for n in range(3))
    # an episode about a story still joins others' coverage of it; only one show's own episodes stay apart
    rates = item("pod-rates", "Bank of England raises interest rates to 5.25%: what now", 1,
                 "The Bank of England raised its base rate to 5.25%, its 14th increase in a row.",
                 provider="ratehour", episode=True)
    other = item("talk-rates", "Bank of England raises rates to 5.25%, a 14th rise in a row", 2,
                 "The base rate is 5.25% after the 14th increase in a row.", provider="talkshow", episode=True)
    joined = stories_of(DAY + episodes + [rates, other])
    assert {"wire-boe", "pod-rates", "talk-rates"} <= joined["wire-boe"]
    assert not joined["wire-boe"] & {"pod-0", "pod-1", "pod-2"}


def test_disabled_gives_each_item_its_own_story():
    stories = cluster(DAY, StorySettings(enabled=False))
    assert len(stories) == len(DAY)
    assert all(s.members == (s.lead,) for s in stories)


def test_a_higher_threshold_merges_less():
    loose = sum(len(s.members) > 1 for s in cluster(DAY, StorySettings(threshold=0.2)))
    strict = sum(len(s.members) > 1 for s in cluster(DAY, StorySettings(threshold=0.9)))
    assert loose >= 2 and strict == 0


def test_members_are_earliest_first_and_stories_earliest_first():
    stories = cluster(DAY)
    assert any(len(story.members) > 1 for story in stories)  # (orders to check, within a story and between them)
    firsts = []
    for story in stories:
        times = [next(i.published for i in DAY if i.source == m) for m in story.members]
        assert times == sorted(times)
        firsts.append(times[0])
    assert firsts == sorted(firsts)


def test_the_same_stories_whatever_the_input_order():
    expected = cluster(DAY)
    for seed in range(5):
        shuffled = DAY[:]
        random.Random(seed).shuffle(shuffled)
        assert cluster(shuffled) == expected


@pytest.mark.slow
def test_the_same_stories_whatever_the_hash_seed():
    script = ("from tests.test_stories import DAY; from generator.site.stories import cluster; "
              "print(repr(cluster(DAY)))")
    outputs = set()
    for seed in ("0", "1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
                              check=True)
        outputs.add(done.stdout)
    assert len(outputs) == 1 and "Story(" in outputs.pop()


def test_two_items_with_one_source_are_refused():
    with pytest.raises(ValueError, match="wire-boe"):
        cluster(DAY + [DAY[0]])


@pytest.mark.parametrize("bad", [{"same_provider": "merge"}, {"threshold": 0}, {"threshold": 1.5},
                                 {"window_hours": -1}])
def test_settings_out_of_range_are_refused(bad):
    with pytest.raises(ValueError):
        StorySettings(**bad)


def test_nothing_and_one_item():
    assert cluster([]) == ()
    (only,) = cluster(DAY[:1])
    assert only.members == (only.lead,) == (DAY[0].source,)


def bcubed_and_pairs(stories, labels: dict[str, str]) -> tuple[float, float, float, float]:
    """BCubed precision and recall, pairwise precision and recall of `stories` against `labels`."""
    class_size = Counter(labels.values())
    precision = recall = 0.0
    together = together_right = 0
    for story in stories:
        in_class = Counter(labels[m] for m in story.members)
        for m in story.members:
            precision += in_class[labels[m]] / len(story.members)
            recall += in_class[labels[m]] / class_size[labels[m]]
        together += len(story.members) * (len(story.members) - 1) // 2
        together_right += sum(n * (n - 1) // 2 for n in in_class.values())
    same_class = sum(n * (n - 1) // 2 for n in class_size.values())
    return precision / len(labels), recall / len(labels), together_right / together, together_right / same_class


def labelled_headlines() -> tuple[list[StoryInput], dict[str, str]]:
    """The labelled headlines as inputs (title, URL, outlet, time) and each one's story label. The file's
    time is when the story was gathered, shared by its items: all of them lie within a window anyway, and
    bench.stories measured the same stories with times that say nothing of the label."""
    inputs, labels = [], {}
    with open(LABELLED, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            source = f"labelled/{row['ID']}"
            published = datetime.fromtimestamp(int(row["TIMESTAMP"]) / 1000, timezone.utc)
            inputs.append(StoryInput(source=source, title=row["TITLE"], web_url=row["URL"].replace("\\?", "?"),
                                     provider=row["PUBLISHER"], published=published))
            labels[source] = row["STORY"]
    return inputs, labels


@pytest.mark.slow  # a large corpus: 2,000 real headlines clustered and scored, as the halves below are
@pytest.mark.skipif(not LABELLED.exists(), reason="the labelled data (../shared/labelled/) is not here")
def test_quality_on_the_labelled_headlines():
    inputs, labels = labelled_headlines()
    assert len(inputs) > 2000
    stories = cluster(inputs)
    assert sorted(m for s in stories for m in s.members) == sorted(labels)
    b_precision, b_recall, pair_precision, pair_recall = bcubed_and_pairs(stories, labels)
    # (the measured figures, with these times and with bench/stories.py's, are in docs/dev/stories.md: a figure
    # here went stale when the clustering changed; the bounds leave room for its tuning)
    assert b_precision >= 0.96 and pair_precision >= 0.97
    assert b_recall >= 0.50 and pair_recall >= 0.50


@pytest.mark.slow
@pytest.mark.skipif(not LABELLED.exists(), reason="the labelled data (../shared/labelled/) is not here")
def test_quality_on_each_half_of_the_labelled_stories():
    # The stories in two halves by their label (bench.stories --split): the weights were tuned on A and
    # checked on B; a change that helps one half by hurting the other shows here.
    # C and D split the stories another way.
    inputs, labels = labelled_headlines()
    splits = {"AB": lambda label: hashlib.sha1(label.encode()).digest()[-1] % 2,
              "CD": lambda label: hashlib.sha1(f"split 2 {label}".encode()).digest()[0] % 2}
    # measured: A P 0.965 R 0.542, B P 1.000 R 0.530; C P 0.967 R 0.513, D P 0.996 R 0.568 (C tuned on since
    # session 32, D held out)
    floors = {("AB", 0): (0.96, 0.50), ("AB", 1): (0.99, 0.46), ("CD", 0): (0.96, 0.45), ("CD", 1): (0.99, 0.52)}
    for (split, side), (least_precision, least_recall) in floors.items():
        chosen = [i for i in inputs if splits[split](labels[i.source]) == side]
        assert len(chosen) > 1000
        b_precision, b_recall, _, _ = bcubed_and_pairs(cluster(chosen), {i.source: labels[i.source] for i in chosen})
        assert b_precision >= least_precision and b_recall >= least_recall, (split, side, b_precision, b_recall)


# --- what IDF does, and that it does the same in a small site and a large one -------------------------------

# A busy news day: hundreds of items, each with one of a market report's everyday words ("shares", "rise",
# "quarterly", "results") among words of its own, so those words are common here and names are not.
_EVERYDAY = ("shares", "rise", "quarterly", "results")
BUSY_DAY = [item(f"{('wire', 'desk', 'daily', 'money')[n % 4]}-busy{n}",
                 f"Item {n}: {_EVERYDAY[n % 4]} noted in {('Ashcombe', 'Brindle', 'Corrow', 'Dalby')[n // 4 % 4]} "
                 f"ward {n} bulletin", n * 0.1) for n in range(400)]
# Two reports that share only the day's common words: two companies' results, two stories.
COMMON_PAIR = [item("desk-brightwell", "Brightwell Cables shares rise after quarterly results", 11),
               item("daily-kestrel", "Kestrel Foods shares rise after strong quarterly results", 12)]
# Two reports that share rare names in other words: one story.
NAMES_PAIR = [item("desk-varnholt", "Tessaly Bank chief Ilse Varnholt resigns after audit", 11),
              item("daily-varnholt", "Varnholt quits Tessaly Bank as audit widens", 13)]


def test_a_pair_sharing_only_common_words_is_two_stories():
    stories = stories_of(DAY + BUSY_DAY + COMMON_PAIR)
    assert stories["desk-brightwell"] == {"desk-brightwell"}
    assert stories["daily-kestrel"] == {"daily-kestrel"}


def test_a_pair_sharing_rare_names_is_one_story():
    stories = stories_of(DAY + BUSY_DAY + NAMES_PAIR)
    assert stories["desk-varnholt"] == {"desk-varnholt", "daily-varnholt"}


# One story told from two angles, three reports each: the singer's deposition, and his not remembering Australia.
DEPOSITION = [item("gossip-depo", "Singer Marlow Vance's deposition video leaked", 0),
              item("wire-depo", "Leaked video: Vance spars with lawyers in deposition", 1),
              item("daily-depo", "Vance deposition video shows singer sparring with lawyers", 2)]
AUSTRALIA = [item("radio-oz", "Singer Vance can't remember if he has been to Australia", 3),
             item("music-oz", "Vance forgets his Australia tour: 'I can't remember'", 4),
             item("tabloid-oz", "Has Vance been to Australia? The singer can't remember", 5)]


def test_two_angles_of_one_story_join_once_each_is_told_by_several():
    # Each angle's reports agree on the story's name and on their own angle; as wholes the two angles are alike
    # enough (a story of three or more joins another at 0.8 of the threshold), though no report of one angle
    # alone is alike enough the other angle's story to join it.
    assert stories_of(DAY + DEPOSITION + AUSTRALIA)["radio-oz"] == {
        "gossip-depo", "wire-depo", "daily-depo", "radio-oz", "music-oz", "tabloid-oz"}
    assert stories_of(DAY + DEPOSITION + AUSTRALIA[:1])["radio-oz"] == {"radio-oz"}


def test_two_earnings_reports_told_by_several_stay_two_stories():
    # Two companies' results, three reports each, in the words of a busy day's every market report.
    kestrel = [item("desk-kestrel", "Kestrel Foods shares rise after quarterly results", 0),
               item("wire-kestrel", "Kestrel Foods beats forecasts as snack sales grow", 1),
               item("money-kestrel", "Kestrel Foods quarterly profit up on snack demand", 2)]
    brightwell = [item("daily-bright", "Brightwell Cables shares rise after quarterly results", 3),
                  item("tech-bright", "Brightwell Cables beats forecasts on fibre orders", 4),
                  item("city-bright", "Brightwell Cables quarterly profit up as fibre demand grows", 5)]
    stories = stories_of(DAY + BUSY_DAY + kestrel + brightwell)
    assert stories["desk-kestrel"] == {"desk-kestrel", "wire-kestrel", "money-kestrel"}
    assert stories["daily-bright"] == {"daily-bright", "tech-bright", "city-bright"}


def test_words_count_for_less_where_many_items_have_them():
    # The two companies' headlines alone, in a small site where their words are rare: then they are alike
    # enough. Among the busy day, the same words are common and the names, which differ, decide.
    assert stories_of(DAY + COMMON_PAIR)["desk-brightwell"] == {"desk-brightwell", "daily-kestrel"}
    assert stories_of(DAY + BUSY_DAY + COMMON_PAIR)["desk-brightwell"] == {"desk-brightwell"}


def unrelated_items(count: int, hours: float) -> list[StoryInput]:
    """`count` items over `hours` about other things: made-up place and people's names, none of the pairs' words."""
    rng = random.Random(7)
    syllables = ("bar", "cel", "dov", "fen", "gor", "hal", "kir", "lun", "mer", "nov", "pel", "quor", "ros", "tav",
                 "vel", "wyn")

    def name():
        return "".join(rng.choice(syllables) for _ in range(3)).capitalize()

    return [item(f"local{n % 40}-{n}", f"{name()} {name()} {name()} {name()}", hours * n / count,
                 " ".join(name() for _ in range(8)), url=f"https://local{n % 40}.example/{n}") for n in range(count)]


# The quick run (`-m "not slow"`) takes the site's own threshold with 300 more items; CI runs the rest (3,000
# more: a large site; and 0.22, where the two companies' reports once joined).
@pytest.mark.parametrize("more, threshold", [
    (300, StorySettings().threshold),
    pytest.param(300, 0.22, marks=pytest.mark.slow),
    pytest.param(3000, 0.22, marks=pytest.mark.slow),
    pytest.param(3000, StorySettings().threshold, marks=pytest.mark.slow),
])
def test_a_pairs_decision_does_not_depend_on_the_sites_size(threshold, more):
    # A word's weight depends on how many items have it, not on how many the site has: items that share none
    # of a pair's words change nothing of the pair, however many. (With IDF over the site's size, the two
    # companies' reports were alike at 0.16 in the small site and at 0.24 with 3,000 more items: at threshold
    # 0.22 they joined only in the larger site.)
    small = DAY + BUSY_DAY + COMMON_PAIR + NAMES_PAIR
    pairs = ("desk-brightwell", "desk-varnholt", "daily-boe", "wire-apple")
    decisions = []
    for extra in (0, more):
        stories = stories_of(small + unrelated_items(extra, 48), threshold=threshold)
        decisions.append({name: stories[name] for name in pairs})
    assert decisions[0] == decisions[1]
    if threshold == StorySettings().threshold:
        assert decisions[0]["desk-varnholt"] == {"desk-varnholt", "daily-varnholt"}
        assert decisions[0]["desk-brightwell"] == {"desk-brightwell"}
        assert decisions[0]["daily-boe"] == {"wire-boe", "daily-boe", "money-boe"}
        assert decisions[0]["wire-apple"] == {"wire-apple"}


def _many(seed: int, count: int = 300, per_event: int = 6) -> list[StoryInput]:
    """`count` items over a week: events told in several providers' words (so that stories form, and the index
    of words holds more than its latest items under a word), among items that share a word or two; about
    `per_event` items an event."""
    rng = random.Random(seed)
    vocabulary = [f"{a}{b}" for a in ("bar", "cor", "del", "fen", "gal", "hul", "jor", "kel") for b in
                  ("ta", "mon", "vix", "ren", "dus", "pol")]
    events = [(rng.sample(vocabulary, 5), rng.uniform(0, 160)) for _ in range(count // per_event)]
    found = []
    for n in range(count):
        words, hours = rng.choice(events)
        title = " ".join(rng.sample(words, 4) + rng.sample(vocabulary, 2))
        found.append(item(f"{rng.choice(['wire', 'daily', 'money', 'tech'])}-{n}", title.capitalize(),
                          hours + rng.uniform(-20, 20), " ".join(rng.sample(words, 3)), quality=rng.uniform(0, 100)))
    return found


def _edited(rng: random.Random, items: list[StoryInput], one: StoryInput) -> StoryInput:
    other = rng.choice(items)
    kind = rng.choice(["title", "word", "redate", "quality", "url", "excerpt", "episode", "figure", "case"])
    if kind == "title":  # another event's headline: it leaves its story and may join another
        return replace(one, title=other.title)
    if kind == "case":  # Title Case, a word written as a name mid-sentence (which makes it one in Title Case), or
        words = other.title.split()  # another's headline with a name for one of its words (one frame)
        at = rng.randrange(1, len(words))
        if rng.random() < 0.3:
            return replace(one, title=one.title.title())
        words[at] = (rng.choice(one.title.split()) if rng.random() < 0.5 else words[at]).capitalize()
        return replace(one, title=" ".join(words))
    if kind == "figure":  # a template's line: the headline of one with a figure (its own too) and a figure
        if one.title.endswith("%)") and rng.random() < 0.5:  # its figure alone, which is no word of its vector
            return replace(one, title=f"{one.title.split(' (')[0]} ({rng.choice('123')}%)")
        lines = [line for line in items if line.title.endswith("%)")]
        other = rng.choice(lines) if lines and rng.random() < 0.7 else other
        return replace(one, title=f"{other.title.split(' (')[0]} ({rng.choice('123')}%)")
    if kind == "word":
        return replace(one, title=f"{one.title} {rng.choice(other.title.split())} edit")
    if kind == "redate":  # across the window, and back within it
        return replace(one, published=one.published + timedelta(hours=rng.choice([-100, -30, 5, 30, 100])))
    if kind == "quality":
        return replace(one, quality=rng.uniform(0, 100))
    if kind == "url":  # the same article as another: one story by URL
        return replace(one, web_url=other.web_url)
    if kind == "excerpt":
        return replace(one, excerpt="")
    return replace(one, episode=not one.episode)


@pytest.mark.slow  # random edits, each checked against clustering the whole site again
@pytest.mark.parametrize("seed", [1, 2])
def test_a_clustering_edited_gives_what_clustering_the_edited_items_gives(seed):
    # serve clusters a site again after an edit by bringing the last clustering up to date (Clustering.edit):
    # a headline that joins or leaves a story, a redate across the window, a URL shared with another item ...
    items = _many(seed)
    clustering = Clustering(items)
    assert clustering.stories == cluster(items)
    assert sum(len(story.members) > 1 for story in clustering.stories) > 10
    rng = random.Random(seed)
    changed = 0
    for n in range(30):
        at = [rng.randrange(len(items)) for _ in range(1 if n % 5 else 3)]  # now and then several at once
        for i in at:
            items[i] = _edited(rng, items, items[i])
        before = clustering.stories
        assert clustering.edit([items[i] for i in at]) == cluster(items), n
        changed += clustering.stories != before
    assert changed > 10  # the edits did change stories


def _added(rng: random.Random, items: list[StoryInput], n: int) -> StoryInput:
    """A new item: another provider's report of an item's story (so it may join it), or of nothing much."""
    other = rng.choice(items)
    words = other.title.split()
    title = " ".join(rng.sample(words, min(len(words), 4))) if rng.random() < 0.7 else f"Quiet day number {n}"
    return replace(other, source=f"content/news/added-{n}.md", title=title.capitalize(),
                   published=other.published + timedelta(hours=rng.uniform(-30, 30)), quality=rng.uniform(0, 100),
                   web_url=other.web_url if rng.random() < 0.1 else f"https://added.example/{n}", provider="added")


@pytest.mark.slow  # random edits, each checked against clustering the whole site again
@pytest.mark.parametrize("seed", [4, 5])
@pytest.mark.parametrize("enabled", [True, False])
def test_a_clustering_with_items_added_and_deleted_gives_what_clustering_them_gives(seed, enabled):
    # serve adds or deletes an item (a new file, a fetch's several) by bringing the last clustering up to date
    # too: the new item's words change those words' weights in the items that have them, and it joins, splits
    # or bridges stories; a deleted item leaves its story (the lead, the earliest) and the index of words.
    settings = StorySettings(enabled=enabled)
    items = _many(seed, 240)
    clustering = Clustering(items, settings)
    rng = random.Random(seed)
    changed = added = 0
    for n in range(40):
        now: list[StoryInput] = []
        deleted: list[str] = []
        for _ in range(rng.choice([1, 1, 1, 2, 5])):  # now and then several at once, as a fetch brings them
            kind = rng.choice(["add", "add", "delete", "edit"])
            if kind == "add":
                now.append(_added(rng, items, added))
                items.append(now[-1])
                added += 1
            elif kind == "delete":
                gone = items.pop(rng.randrange(len(items)))
                now = [one for one in now if one.source != gone.source]
                deleted.append(gone.source)
            else:
                i = rng.randrange(len(items))
                items[i] = _edited(rng, items, items[i])
                now = [one for one in now if one.source != items[i].source] + [items[i]]
        deleted = [source for source in deleted if source not in {one.source for one in items}]
        before = clustering.stories
        fresh = cluster(items, settings)
        got = clustering.edit(now, deleted=[s for s in deleted if s in clustering.inputs])
        assert [(s.id, s.lead, s.members) for s in got] == [(s.id, s.lead, s.members) for s in fresh], n
        assert got == fresh
        changed += got != before
    assert changed > 20
    if enabled:
        assert sum(len(story.members) > 1 for story in clustering.stories) > 10


@pytest.mark.slow  # random edits, each checked against clustering the whole site again
@pytest.mark.parametrize("seed, per_event", [(6, 6), (7, 20), (8, 60)])
def test_a_clustering_of_large_stories_edited_gives_what_clustering_the_edited_items_gives(seed, per_event):
    # Adds, deletes and edits, one or several at once, brought up to date (Clustering.edit) whatever the stories'
    # sizes (a few items each, or events told twenty and sixty times, whose stories border many others within the
    # window and merge in long greedy sequences): the stories must be what clustering the site from scratch gives.
    items = _many(seed, 300, per_event)
    clustering = Clustering(items)
    rng = random.Random(seed)
    changed = added = 0
    for n in range(40):
        now: dict[str, StoryInput] = {}
        deleted: list[str] = []
        for _ in range(rng.choice([1, 1, 1, 3])):
            kind = rng.choice(["add", "add", "delete", "delete", "edit"])
            if kind == "add":
                one = _added(rng, items, added)
                added += 1
                items.append(one)
                now[one.source] = one
            elif kind == "delete":
                gone = items.pop(rng.randrange(len(items)))
                now.pop(gone.source, None)
                deleted.append(gone.source)
            else:
                i = rng.randrange(len(items))
                items[i] = now[items[i].source] = _edited(rng, items, items[i])
        before = clustering.stories
        got = clustering.edit(list(now.values()), deleted=[s for s in deleted if s in clustering.inputs])
        fresh = cluster(items)
        assert [(s.id, s.lead, s.members) for s in got] == [(s.id, s.lead, s.members) for s in fresh], n
        changed += got != before
    assert changed > 25
    assert max(len(story.members) for story in clustering.stories) >= 5
    assert sum(len(story.members) > 1 for story in clustering.stories) >= min(10, 300 // per_event)


def test_a_source_added_to_a_story_keeps_its_id():
    clustering = Clustering(DAY)
    [before] = [s for s in clustering.stories if any("wire-boe" in m for m in s.members)]
    late = item("late-boe", "Bank of England raises interest rates again, to 5.25%", 20,
                "The Bank of England raised its base rate by a quarter point to 5.25%.", quality=99.0)
    [after] = [s for s in clustering.edit([late]) if any("wire-boe" in m for m in s.members)]
    assert after.members == (*before.members, late.source)
    assert after.lead == late.source and after.id == before.id
    [again] = [s for s in clustering.edit([], deleted=[late.source]) if any("wire-boe" in m for m in s.members)]
    assert again == before


def test_a_clustering_edited_back_gives_its_first_stories():
    items = _many(3)
    clustering = Clustering(items)
    first = clustering.stories
    moved = [replace(one, published=one.published + timedelta(hours=80)) for one in items[:20]]
    assert clustering.edit(moved) != first
    assert clustering.edit(items[:20]) == first


def test_a_turkish_headline_in_capitals_is_the_same_words_as_in_small_letters():
    """Turkish papers set headlines in capitals: `İZMİR` lowercased to `i` and a combining dot, which cut the word
    in two (`zmi`), and `YANGIN` to `yangin`, another word than `yangın`; the same story from two providers stayed
    two stories. The dot of an i is no other word here, as in search and topic keywords."""
    assert words("İZMİR'DE BÜYÜK YANGIN") == words("İzmir'de büyük yangın") == words("Izmir'de buyuk yangin")
    assert words("ISPARTA KARLA KAPLANDI") == words("Isparta karla kaplandı") == words("ısparta karla kaplandı")
    caps = item("gazete-fire", "İZMİR'DE BÜYÜK ORMAN YANGINI: KÖYLER BOŞALTILDI", 0, provider="gazete")
    small = item("haber-fire", "İzmir'de büyük orman yangını: köyler boşaltıldı", 1, provider="haber")
    assert stories_of(DAY + [caps, small])["gazete-fire"] == {"gazete-fire", "haber-fire"}
