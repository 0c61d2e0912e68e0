"""Stories joined by URL (issue 20, rules 1 and 2) under a crawler's lopsided input: a URL that every item gives as
its own, an item that declares a whole feed its coverage, an item that declares itself. A reader must not see one
story of a whole site ("+1,999 sources"); the clustering and a build of such items stay as they are otherwise."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

from conftest import api_news, build_site, item, make_site
from generator.site.stories import StoryInput, cluster

START = datetime(2026, 11, 20, tzinfo=timezone.utc)
TOPICS = ("harbour", "election", "vaccine", "wildfire", "budget", "transfer", "launch", "merger", "strike", "drought")


def items(count: int, **fields) -> list[StoryInput]:
    """`count` unrelated items, a day apart, each with its own headline and URL; `fields` for every one."""
    return [StoryInput(f"content/n/{n}.md", f"The {TOPICS[n % 10]} report number {n} from {n * 7919 % 1009}",
                       START + timedelta(days=n), web_url=f"https://p{n % 5}.example/news/{n}", **fields)
            for n in range(count)]


def largest(stories) -> int:
    assert stories
    return max(len(story.members) for story in stories)


def test_a_url_every_item_gives_as_its_original_is_no_article():
    """A crawler that wrote one originalUrl into every item made them one story."""
    assert largest(cluster(items(200, original_url="https://crawler.example/article/42"))) == 1


def test_a_few_items_of_one_article_still_join_whatever_their_headlines():
    found = items(200)
    same = "https://wire.example/2026/11/20/the-harbour-deal"
    found[3], found[150] = (StoryInput(i.source, i.title, i.published, web_url=i.web_url, original_url=same)
                            for i in (found[3], found[150]))
    assert [len(s.members) for s in cluster(found) if len(s.members) > 1] == [2]


def test_an_item_declaring_every_other_item_joins_none_of_them():
    """One item whose `related` lists every other item's URL (and thousands more) made one story of them all."""
    found = items(200)
    urls = tuple(i.web_url for i in found) + tuple(f"https://elsewhere.example/{n}" for n in range(5000))
    found[0] = StoryInput(found[0].source, found[0].title, found[0].published, web_url=found[0].web_url,
                          related=urls)
    assert largest(cluster(found)) == 1


def test_an_item_declaring_a_few_items_and_itself_joins_them():
    found = items(200)
    mine = found[10]
    found[10] = StoryInput(mine.source, mine.title, mine.published, web_url=mine.web_url,
                           related=(mine.web_url, found[40].web_url, found[120].web_url + "?utm_source=x"))
    assert [set(s.members) for s in cluster(found) if len(s.members) > 1] == [
        {found[10].source, found[40].source, found[120].source}]


def test_a_site_whose_items_share_one_original_url_builds_them_as_separate_stories(tmp_path):
    """Through `newsdesk build`: the API's sourceCount, which a card's "+N sources" counts, stays 0."""
    files = {f"content/news/n{n}.md": item(f"Zq{n}x {TOPICS[n % 10]}", f"2026-11-{n // 4 + 1:02}T{n % 4 * 5:02}:00:00Z",
                                           body=f"Zb{n}y.",  # (no two items alike by their text)
                                           originalUrl="https://crawler.example/article/42",
                                           webUrl=f"https://p.example/news/{n}") for n in range(40)}
    config, _ = build_site(make_site(tmp_path / "site", files))
    news = api_news(config)  # (its first page)
    assert len(news) >= 20
    assert {entry["sourceCount"] for entry in news.values()} == {0}


def declaring(found: list[StoryInput], pairs) -> list[StoryInput]:
    """`found` with item a declaring item b's URL for each (a, b) of `pairs`."""
    related: dict[int, list[str]] = {}
    for a, b in pairs:
        related.setdefault(a, []).append(found[b].web_url)
    return [StoryInput(i.source, i.title, i.published, web_url=i.web_url, related=tuple(related.get(n, ())))
            for n, i in enumerate(found)]


def test_a_chain_or_ring_of_declarations_is_not_one_story():
    """Each item declaring the next (a crawler's "previous story", a ring of them) made one story of 2,000: a story
    by declarations is now an item and those it declares or that declare it."""
    found = items(300)
    for pairs in ([(n, n + 1) for n in range(299)], [(n, (n + 1) % 300) for n in range(300)]):
        assert largest(cluster(declaring(found, pairs))) == 3


def test_an_item_declared_by_a_whole_feed_joins_none_of_them():
    found = items(200)
    assert largest(cluster(declaring(found, [(n, 0) for n in range(1, 200)]))) == 1
    # (a few that declare it are its story)
    assert largest(cluster(declaring(found, [(n, 0) for n in range(1, 20)]))) == 20


def test_items_declaring_each_other_are_one_story_and_a_second_story_beside_it_stays_apart():
    found = items(200)
    pairs = [(a, b) for a in (10, 11, 12, 13) for b in (10, 11, 12, 13) if a != b] + [(14, 10), (50, 51)]
    assert sorted(len(s.members) for s in cluster(declaring(found, pairs)) if len(s.members) > 1) == [2, 5]


def test_an_item_and_its_copy_under_another_form_of_its_url_count_as_one_source(tmp_path):
    """"+N sources" counts the story's other sources: a crawler that fetched the AMP page too made two items of one
    provider's article, and a `related` entry given in two forms is one article."""
    files = {"content/news/a.md": item("Zq harbour deal signed", "2026-11-20T08:00:00Z", body="Zb1.",
                                       webUrl="https://wire.example/news/harbour-deal"),
             "content/news/a-amp.md": item("Zq harbour deal signed (AMP)", "2026-11-20T08:05:00Z", body="Zb2.",
                                           webUrl="https://wire.example/news/harbour-deal/amp/"),
             "content/news/b.md": item("Zr other paper on it", "2026-11-20T09:00:00Z", body="Zb3.",
                                       webUrl="https://other.example/x",
                                       related=["https://wire.example/news/harbour-deal",
                                                "https://third.example/y?utm_source=feed",
                                                "https://www.third.example/y"])}
    config, _ = build_site(make_site(tmp_path / "site", files))
    news = api_news(config)
    assert {entry["story"] for entry in news.values()} == {next(iter(news.values()))["story"]}  # one story ...
    stories = json.loads((config.output_path / "api/stories/index.json").read_text(encoding="utf-8"))["stories"]
    assert len(stories) == 1
    # ... of two sources here (the item and its AMP copy are one) and one declared elsewhere: "+2 sources"
    assert stories[0]["sourceCount"] == 2
