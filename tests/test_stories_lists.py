"""Where a story's card stands on each list, and the time it shows: the same time (issue 20).

A list newest first reads in order: Latest and a topic's list place a story where its newest item stands and show
that time; a provider's and a type's list show the list's own item of the story, at its own time."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import pytest

from conftest import clean_build, files_under, item, make_site
from generator.build.pipeline import BuildOptions
from generator.cli import main
from generator.config.load import load_config
from generator.serve.rebuild import Session, rebuild, update_search
from test_stories_site import cards

CONFIG = """\
title: Test News
base_url: https://example.org/
now: "2026-03-12T12:00:00Z"
items_per_page: 10
"""
LEAD_URL = "https://alpha.example/news/port-strike"


def news(name: str, title: str, time: str, provider: str, topic: str, **more) -> tuple[str, str]:
    fields = dict(dict(excerpt=json.dumps(title), provider=f"{{name: {provider.title()}, domain: {provider}.example}}",
                       webUrl=json.dumps(f"https://{provider}.example/news/{name}"), heat=50, quality=50,
                       topics=f"[{topic}]"), **more)
    return f"content/news/{name}.md", item(title, f"2026-03-11T{time}:00Z", body=title, **fields)


# One story: alpha's article leads it (best and newest, 07:00, Business), beta's video of it is older (01:30, World)
# and declares alpha's as its coverage. Between their times, other stories of beta, of videos and of World.
DAY = dict([
    news("port-strike", "Dockers strike at the port over pay", "07:00", "alpha", "Business", quality=90,
         webUrl=json.dumps(LEAD_URL)),
    news("port-video", "Video: pickets gather at the harbour gates", "01:30", "beta", "World", type="video",
         related=f"[{{title: 'Strike', webUrl: '{LEAD_URL}'}}]"),
    news("beta-ferries", "Ferry timetable changes for the spring", "03:00", "beta", "World", type="video"),
    news("beta-bridge", "Bridge repairs finish ahead of schedule", "06:00", "beta", "World", type="video"),
    news("gamma-rain", "Heavy rain expected across the north", "04:00", "gamma", "World"),
])
VIDEO = "Video: pickets gather at the harbour gates"
LEAD = "Dockers strike at the port over pay"


@pytest.fixture(scope="module")
def day(tmp_path_factory):
    root = make_site(tmp_path_factory.mktemp("lists") / "site", DAY, CONFIG)
    assert main(["build", "--config", str(root / "config.yaml")]) == 0
    return root, root / "output"


def shown(page: Path) -> list[tuple[str, str]]:
    """(title, time) of each card of a page, in its order."""
    return [(card["title"].removeprefix("Video ").strip(), card["time"]) for card in cards(page)]


def at(time: str) -> str:
    """A time of the day of news as a card's <time datetime> gives it."""
    return f"2026-03-11T{time}:00+00:00"


def in_order(times: list[str]) -> bool:
    return times == sorted(times, reverse=True)


def test_a_providers_list_shows_its_own_item_of_a_story_at_its_own_time(day):
    root, out = day
    listed = shown(out / "providers/beta-example/index.html")
    assert listed == [("Bridge repairs finish ahead of schedule", at("06:00")),
                      ("Ferry timetable changes for the spring", at("03:00")),
                      (VIDEO, at("01:30"))]
    page = (out / "providers/beta-example/index.html").read_text(encoding="utf-8")
    assert 'href="/news/2026/03/11/port-video/"' in page and "/port-strike/" not in page  # (its own page)
    [video] = [card for card in cards(out / "providers/beta-example/index.html") if "pickets" in card["title"]]
    assert video["sources"] == "+1 source"


def test_a_types_list_shows_its_own_item_of_a_story_at_its_own_time(day):
    root, out = day
    listed = shown(out / "videos/index.html")
    assert [title for title, _ in listed][-1] == VIDEO
    assert in_order([time for _, time in listed]) and listed[-1][1] == at("01:30")


def test_latest_and_a_topics_list_place_a_story_by_its_newest_item_and_show_that_time(day):
    root, out = day
    for page in ("latest/index.html", "topics/world/index.html"):
        listed = shown(out / page)
        assert listed[0] == (LEAD, at("07:00")), page  # (World's own item of it is the 01:30 video)
        assert in_order([time for _, time in listed]) and len(listed) >= 3, page


def test_a_providers_feed_follows_its_page(day):
    root, out = day
    feed = json.loads((out / "providers/beta-example/feed.json").read_text(encoding="utf-8"))
    entries = [(entry["title"], entry["date_published"]) for entry in feed["items"]]
    assert [(title, datetime.fromisoformat(time).isoformat()) for title, time in entries] == shown(
        out / "providers/beta-example/index.html")
    assert feed["items"][-1]["url"].endswith("/news/2026/03/11/port-video/")


def test_serve_after_a_redate_of_a_providers_item_of_a_story_moves_its_card_as_a_full_build_does(tmp_path):
    root = make_site(tmp_path / "site", DAY, CONFIG)
    config, session = load_config(root / "config.yaml"), Session()
    rebuild(session, config, BuildOptions(workers=1), None, environ={})
    video = root / "content/news/port-video.md"
    written = video.read_text(encoding="utf-8")
    # between beta's two other items (the story's newest stays alpha's), then the story's newest of all
    for step, (moment, place) in enumerate([("04:30", 1), ("08:00", 0)]):
        video.write_text(re.sub(r"^publishedDateTime: .*$", f"publishedDateTime: 2026-03-11T{moment}:00Z", written,
                                flags=re.M), encoding="utf-8")
        update_search(config, rebuild(session, config, BuildOptions(workers=1), [video], environ={}).site)
        out = config.output_path
        for page in ("providers/beta-example/index.html", "videos/index.html"):
            listed = shown(out / page)
            assert listed[place] == (VIDEO, at(moment)), (moment, page, listed)
            assert in_order([time for _, time in listed]), (moment, page, listed)
        assert files_under(out) == clean_build(root, tmp_path / f"fresh-{step}"), moment


def test_a_providers_list_shows_the_lead_it_wrote_at_the_leads_time_though_it_wrote_a_newer_item_of_it(tmp_path):
    # alpha's update of its own story (09:00) joins it by declaring the lead; the lead stays alpha's 07:00
    # write-up (the best): alpha's list shows the lead at 07:00, Latest the lead at the story's newest, 09:00.
    update = news("port-update", "Port strike: talks to resume on Monday", "09:00", "alpha", "Business",
                  related=f"[{{title: 'Strike', webUrl: '{LEAD_URL}'}}]")
    root = make_site(tmp_path / "site", dict([*DAY.items(), update]), CONFIG)
    assert main(["build", "--config", str(root / "config.yaml")]) == 0
    assert shown(root / "output/providers/alpha-example/index.html") == [(LEAD, at("07:00"))]
    assert shown(root / "output/latest/index.html")[0] == (LEAD, at("09:00"))
