"""A newsdesk site's own feeds fetched into another site: `newsdesk build` writes RSS, Atom and JSON Feed, a
server on 127.0.0.1 serves them, and `newsdesk fetch` of each into a new site gives items that a reader sees
as the same: their titles, excerpts, addresses, times, providers (their names and domains), topics, pictures
with their words, types (a podcast's episode by Apple's tags, a download by its file, a video by its player)
and lengths, a download's size and price, an episode's number, season, kind, chapters and transcript."""

from __future__ import annotations

import json

import pytest
import yaml

from conftest import build_site, fetched, feed_site, make_site, run_fetch, static_server

TOPICS = "topics:\n  - name: Science\n  - name: Transport\n"
CONFIG = f'title: Source News\nbase_url: https://source.example/\nnow: "2026-11-22T12:00:00Z"\n{TOPICS}'


def _item(**fields) -> str:
    lines = ["---"] + [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in fields.items()] + ["---", ""]
    return "\n".join(lines)


ITEMS = {
    "content/ferry.md": _item(
        title="Harbour ferry returns after repairs", excerpt="The ferry sails again from Monday, its owners say.",
        publishedDateTime="2026-11-20T10:00:00Z", originalUrl="https://harbour.example/news/ferry",
        type="article", provider={"name": "Harbour Times", "domain": "harbour.example"}, topics=["Transport"],
        author="Sam Writer",
        images=[{"url": "https://harbour.example/pics/ferry.jpg", "width": 1200, "height": 800,
                 "alt": "A white ferry at the quay", "credit": "Jo Photo"}]),
    "content/bulletin.md": _item(
        title="Radio bulletin on the comet", excerpt="Astronomers explain what the comet is made of.",
        publishedDateTime="2026-11-19T09:00:00Z", originalUrl="https://radio.example/bulletin",
        type="audio", provider={"name": "Radio Desk", "domain": "radio.example"}, topics=["Science"],
        featuredContent='<audio controls src="https://radio.example/bulletin.mp3"></audio>',
        length="12:34", size=5000000),
    "content/storm.md": _item(
        title="Storm reaches the coast", excerpt="Waves of six metres were seen at the harbour wall.",
        publishedDateTime="2026-11-18T08:30:00Z", originalUrl="https://tv.example/storm",
        type="video", provider={"name": "Coast TV", "domain": "tv.example"},
        featuredContent='<video controls src="https://tv.example/storm.mp4"></video>', length=95,
        images=[{"url": "https://tv.example/storm.jpg", "width": 640, "height": 360, "alt": "Waves at the wall"}]),
    "content/episode.md": _item(
        title="Episode 42: tables in depth", excerpt="We talk about tables for an hour.",
        publishedDateTime="2026-11-17T07:00:00Z", originalUrl="https://pod.example/42",
        type="podcast", provider={"name": "The Table Hour", "domain": "pod.example"}, topics=["Science"],
        featuredContent='<audio controls src="https://pod.example/42.mp3"></audio>', length="1:02:33",
        images=[{"url": "https://pod.example/42.png", "width": 1400, "height": 1400, "alt": "The show's cover"}],
        explicit=False, author="Ada Host", episode=42, season=3, episodeType="bonus",
        chapters={"url": "https://pod.example/42/chapters.json", "type": "application/json+chapters"},
        transcript={"url": "https://pod.example/42.vtt", "type": "text/vtt"}),
    "content/council.md": _item(  # (a video its site's player plays: Media RSS's media:player, as Vimeo's feeds)
        title="Council votes on the budget", excerpt="The vote was close, and the debate long.",
        publishedDateTime="2026-11-15T06:00:00Z", originalUrl="https://vimeo.com/123456789",
        type="video", provider={"name": "City Desk", "domain": "vimeo.com"},
        featuredContent='<iframe src="https://player.vimeo.com/video/123456789"></iframe>', length="12:34",
        images=[{"url": "https://i.vimeocdn.com/video/987_640.jpg", "width": 640, "height": 360}]),
    "content/guide.md": _item(
        title="Winter timetable guide", excerpt="Every crossing of the winter, on one page to print.",
        publishedDateTime="2026-11-16T06:00:00Z", originalUrl="https://ferries.example/files/winter-guide.pdf",
        type="download", provider={"name": "Ferries Board", "domain": "ferries.example"}, size=2500000,
        price={"amount": 4.5, "currency": "EUR"}),
}


@pytest.fixture(scope="module")
def source_output(tmp_path_factory):
    root = make_site(tmp_path_factory.mktemp("source"), ITEMS, CONFIG)
    config, _ = build_site(root)
    assert (root / config.output_dir / "feeds" / "latest.json").is_file()
    return root / config.output_dir


# The items' lengths in seconds, as fetch writes them (the build shows them as the source's `12:34`)
LENGTHS = {"Radio bulletin on the comet": 754, "Storm reaches the coast": 95, "Episode 42: tables in depth": 3753,
           "Council votes on the budget": 754}


@pytest.mark.slow  # (a build and a fetch each)
@pytest.mark.parametrize("feed", ["feeds/latest.rss", "feeds/latest.xml", "feeds/latest.json"])
def test_a_sites_own_feed_fetched_gives_its_items_again(tmp_path, capsys, source_output, feed):
    with static_server(source_output) as base:
        site = feed_site(tmp_path / "copy", f"  - {base}{feed}\n", settings=TOPICS)
        code, out, err = run_fetch(site, capsys)
    assert code == 0, out + err
    items = fetched(site)
    written = {meta["title"]: meta for meta in map(_front_matter, ITEMS.values())}
    assert sorted(items) == sorted(written)
    for title, given in written.items():
        got = items[title]
        assert got["excerpt"] == given["excerpt"]
        assert got["publishedDateTime"] == given["publishedDateTime"]
        assert got["originalUrl"] == given["originalUrl"]  # (RSS and Atom: rel="via"; JSON Feed: external_url)
        assert got["webUrl"].startswith("https://source.example/news/")  # (its page on the site it came from)
        # (RSS's <source> names the provider's feed on the site it came from: its domain is the story's)
        assert (got["provider"]["name"], got["provider"]["domain"]) == (given["provider"]["name"],
                                                                          given["provider"]["domain"])
        assert got.get("topics", []) == given.get("topics", [])
        assert got.get("images", []) == given.get("images", [])  # (with their width, height, alt and credit)
        assert got["type"] == given["type"]  # (a podcast's by Apple's tags, JSON Feed's by newsdesk's extension)
        assert got.get("length") == LENGTHS.get(title)
        assert got.get("size") == given.get("size")
        assert got.get("author") == given.get("author")
        assert got.get("price") == given.get("price")
        for key in ("explicit", "episode", "season", "episodeType", "chapters", "transcript"):  # (a podcast's)
            assert got.get(key) == given.get(key), (title, key)
    assert items["Radio bulletin on the comet"]["featuredContent"] == (
        '<audio controls preload="none" src="https://radio.example/bulletin.mp3"></audio>')
    assert items["Council votes on the budget"]["featuredContent"] == (
        '<iframe src="https://player.vimeo.com/video/123456789"></iframe>')


def _front_matter(text: str) -> dict:
    return yaml.safe_load(text.split("---\n")[1])
