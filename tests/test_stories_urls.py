"""Stories joined by URL (issue 20, rules 1 and 2) under a crawler's lopsided input: a URL that every item gives as
its own, an item that declares a whole feed its coverage, an item that declares itself. A reader must not see one
story of a whole site ("+1,999 sources"); the clustering and a build of such items stay as they are otherwise."""

from __future__ import annotations

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
