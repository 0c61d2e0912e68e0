"""A feed entry is dated as its card on the feed's page (issue 20): a story a new source joined is updated then.

Atom: <published> the entry's own item's time, <updated> the card's; RSS: <pubDate> the item's own, and
<atom:updated> the card's when it differs; JSON Feed: date_published the item's own, date_modified the card's when
it differs. Latest, Top and a topic's list show
a story's newest time; a provider's list its own item's."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest

from conftest import clean_build, files_under, item, make_site
from generator.cli import main
from test_stories_site import cards

A = "{http://www.w3.org/2005/Atom}"
CONFIG = """\
title: Test News
base_url: https://example.org/
now: "2026-03-12T12:00:00Z"
items_per_page: 10
"""
ARTICLE = "https://alpha.example/2026/03/11/port-strike-ends"


def news(name: str, title: str, time: str, provider: str, topic: str, url: str, **more) -> tuple[str, str]:
    fields = dict(excerpt=json.dumps(title), provider=f"{{name: {provider.title()}, domain: {provider}.example}}",
                  webUrl=json.dumps(url), heat=50, quality=50, topics=f"[{topic}]")
    fields.update(more)
    return f"content/news/{name}.md", item(title, f"2026-03-11T{time}:00Z", body=title, **fields)


# alpha's article leads its story (best, 06:00, Business); beta carries the same article under another form of its
# URL at 09:00 (World), so the story's newest time is 09:00, which no item of Business has. Two items alone between.
DAY = dict([
    news("port-strike", "Port strike ends after three days", "06:00", "alpha", "Business", ARTICLE, quality=90),
    news("port-copy", "Dockers back at work as strike ends", "09:00", "beta", "World",
         "https://www.alpha.example/2026/03/11/port-strike-ends/?utm_source=beta&fbclid=x1"),
    news("bank-rates", "Central bank holds rates steady", "08:00", "gamma", "Business",
         "https://gamma.example/markets/rates-held"),
    news("rail-fares", "Rail fares rise in the spring", "05:00", "gamma", "Business",
         "https://gamma.example/travel/rail-fares"),
])
LEAD = "Port strike ends after three days"
# a list's page -> its feed (without the extension)
LISTS = {"latest/index.html": "feeds/latest", "top/index.html": "feeds/top",
         "topics/business/index.html": "topics/business/feed", "topics/world/index.html": "topics/world/feed",
         "providers/alpha-example/index.html": "providers/alpha-example/feed",
         "providers/beta-example/index.html": "providers/beta-example/feed"}


@pytest.fixture(scope="module")
def day(tmp_path_factory):
    root = make_site(tmp_path_factory.mktemp("dates") / "site", DAY, CONFIG)
    assert main(["build", "--config", str(root / "config.yaml")]) == 0
    return root, root / "output"


def page_times(page: Path) -> list[datetime]:
    return [datetime.fromisoformat(card["time"]) for card in cards(page)]


def rss_card_time(node: ET.Element) -> datetime:
    """An RSS item's card time: its <atom:updated>, else its <pubDate>."""
    updated = node.findtext(f"{A}updated")
    return datetime.fromisoformat(updated) if updated else parsedate_to_datetime(node.findtext("pubDate"))


def feed_dates(out: Path, feed: str) -> dict[str, list[datetime]]:
    """Each format's entries' (published, card time), in feed order."""
    atom = ET.fromstring((out / f"{feed}.xml").read_bytes())
    rss = ET.fromstring((out / f"{feed}.rss").read_bytes())
    data = json.loads((out / f"{feed}.json").read_text(encoding="utf-8"))
    return {
        "atom": [(datetime.fromisoformat(entry.findtext(f"{A}published")),
                  datetime.fromisoformat(entry.findtext(f"{A}updated"))) for entry in atom.findall(f"{A}entry")],
        "rss": [(parsedate_to_datetime(node.findtext("pubDate")), rss_card_time(node)) for node in rss.iter("item")],
        "json": [(datetime.fromisoformat(entry["date_published"]),
                  datetime.fromisoformat(entry.get("date_modified", entry["date_published"])))
                 for entry in data["items"]],
    }


def test_every_feeds_entries_are_dated_as_the_cards_of_its_page(day):
    root, out = day
    for page, feed in LISTS.items():
        shown = page_times(out / page)
        assert shown, page
        for kind, dates in feed_dates(out, feed).items():
            assert [card for _, card in dates] == shown, (feed, kind)
            assert all(published <= card for published, card in dates), (feed, kind)


def test_a_storys_entry_on_latest_and_its_leads_topic_is_updated_when_its_newest_source_came(day):
    root, out = day
    six, nine = datetime.fromisoformat("2026-03-11T06:00:00+00:00"), datetime.fromisoformat("2026-03-11T09:00:00+00:00")
    for feed in ("feeds/latest", "topics/business/feed"):  # (Business has none of the story's 09:00 items)
        atom = ET.fromstring((out / f"{feed}.xml").read_bytes())
        first = atom.findall(f"{A}entry")[0]
        assert first.findtext(f"{A}title") == LEAD, feed
        assert datetime.fromisoformat(first.findtext(f"{A}published")) == six, feed  # the lead's own time
        assert datetime.fromisoformat(first.findtext(f"{A}updated")) == nine, feed
        assert datetime.fromisoformat(atom.findtext(f"{A}updated")) == nine, feed  # the feed's newest
        rss = ET.fromstring((out / f"{feed}.rss").read_bytes())
        assert parsedate_to_datetime(rss.find("channel/item/pubDate").text) == six, feed
        assert datetime.fromisoformat(rss.find(f"channel/item/{A}updated").text) == nine, feed
        assert parsedate_to_datetime(rss.findtext("channel/lastBuildDate")) == nine, feed
        [entry] = [e for e in json.loads((out / f"{feed}.json").read_text(encoding="utf-8"))["items"]
                   if e["title"] == LEAD]
        assert (entry["date_published"], entry["date_modified"]) == ("2026-03-11T06:00:00Z", "2026-03-11T09:00:00Z")
    # alpha's own list shows the lead at its own time: no later date than its own
    alpha = json.loads((out / "providers/alpha-example/feed.json").read_text(encoding="utf-8"))["items"]
    assert [(e["title"], e["date_published"], "date_modified" in e) for e in alpha] == [
        (LEAD, "2026-03-11T06:00:00Z", False)]


def test_a_build_after_a_source_joins_redates_the_feeds_as_a_clean_build(day, tmp_path):
    root = make_site(tmp_path / "site", DAY, CONFIG)
    assert main(["build", "--config", str(root / "config.yaml")]) == 0
    before = (root / "output/topics/business/feed.xml").read_bytes()
    name, text = news("port-amp", "Strike over: ships leave port", "10:30", "delta", "World",
                      "https://amp.alpha.example/2026/03/11/port-strike-ends/amp/")
    (root / name).write_text(text, encoding="utf-8")
    assert main(["build", "--config", str(root / "config.yaml")]) == 0  # (with the cache of the first build)
    after = (root / "output/topics/business/feed.xml").read_bytes()
    assert after != before and b"<updated>2026-03-11T10:30:00Z</updated>" in after
    assert files_under(root / "output") == clean_build(root, tmp_path / "clean")
