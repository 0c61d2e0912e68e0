"""What a hostile crawler or feed writes of a podcast's episode (its number and season as digits no int takes,
superscripts, thousands of digits; chapters and transcripts at script, credential or disguised addresses): the
site's feeds still build, with the good episodes and no value a podcast app could not read, and fetch still
reads the feed's other episodes."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from conftest import build_items, fetch_site, fetched, front, run_fetch
from feed_server import FeedServer, Route

ITUNES = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"
PODCAST = "{https://podcastindex.org/namespace/1.0}"
HEAD = ("publishedDateTime: 2026-11-20T10:00:00Z", "type: podcast", "provider: {name: Pod, domain: pod.example}")
CONFIG = ('title: T\nbase_url: https://example.org/\nnow: "2026-12-04T12:00:00Z"\nitems_per_page: 100\n'
          'stories:\n  enabled: false\n')
# Numbers as text that int() refuses or that Python makes no int of (more than 4,300 digits), and ones of no use
NUMBERS = ["'²'", "'¹²'", "'" + "9" * 5000 + "'", "'1e309'", "'NaN'", "'-1'", "'1_000'",
           "'" + "9" * 10 + "'", ".nan", "-.inf", "[1, 2]", "{a: {b: 1}}", "true"]


def test_an_episode_number_or_season_no_number_reads_leaves_the_feeds_built(tmp_path, capsys):
    files = {f"n{n}.md": front(f"title: Odd {n}", *HEAD, f"featuredContent: https://pod.example/{n}.mp3",
                               f"episode: {value}", f"season: {value}")
             for n, value in enumerate(NUMBERS)}
    # (leading zeros say nothing, however many)
    files["good.md"] = front("title: Good", *HEAD, "featuredContent: https://pod.example/g.mp3",
                             "episode: '" + "0" * 5000 + "7'", "season: 2")
    out, _, _ = build_items(tmp_path, files, capsys, CONFIG)
    items = {item.findtext("title"): item
             for item in ET.fromstring((out / "podcasts/feed.rss").read_bytes()).iter("item")}
    assert len(items) == len(files)
    good = items.pop("Good")
    assert (good.findtext(f"{ITUNES}episode"), good.findtext(f"{ITUNES}season")) == ("7", "2")
    for title, item in items.items():  # (none of these is a number an app can show)
        assert item.find(f"{ITUNES}episode") is None and item.find(f"{ITUNES}season") is None, title


def _feed_item(number: str, tags: str) -> str:
    return (f"<item><title>Episode {number}</title><link>https://pod.example/{number}</link>"
            "<pubDate>Fri, 20 Nov 2026 10:00:00 GMT</pubDate>"
            f'<enclosure url="https://pod.example/{number}.mp3" length="2048000" type="audio/mpeg"/>{tags}</item>')


def test_a_feed_whose_episode_numbers_are_no_numbers_is_read_with_its_other_episodes(tmp_path, capsys):
    tags = {"a": "<i:episode>²</i:episode>", "b": f"<i:season>{'9' * 5000}</i:season>",
            "c": f"<i:episode>{'0' * 5000}1</i:episode>", "d": "<i:episode>4</i:episode>"}
    feed = ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
            'xmlns:i="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel><title>Pod</title>'
            "<link>https://pod.example/</link><description>D</description>"
            + "".join(_feed_item(number, tag) for number, tag in tags.items()) + "</channel></rss>").encode()
    with FeedServer() as server:
        server.routes["/pod.xml"] = Route(feed, content_type="application/rss+xml")
        site = fetch_site(tmp_path / "site", server, ["/pod.xml"])
        code, out, err = run_fetch(site, capsys)
    assert code == 0, out + err
    got = {meta["title"]: (meta.get("episode"), meta.get("season")) for meta in fetched(site).values()}
    assert got == {"Episode a": (None, None), "Episode b": (None, None), "Episode c": (1, None),
                   "Episode d": (4, None)}


# Chapters' and transcripts' addresses as crawlers write any address (urls.field_url): each is given as every other
# address of an item is (entities decoded once, scheme-relative as https, what a URL may not hold
# percent-encoded, no credentials), or not at all: a script, a direction mark in the host, a character XML forbids
LINKED = {"https://pod.example/a\ufffe.json": "https://pod.example/a%EF%BF%BE.json",
          "https://pod.example/a\u202eb.json": "https://pod.example/a%E2%80%AEb.json",
          "https://pod.example/x?a=1&#038;b=2": "https://pod.example/x?a=1&b=2",
          "//pod.example/rel.json": "https://pod.example/rel.json",
          "https://pod.example/a b[1].json": "https://pod.example/a%20b%5B1%5D.json",
          "https://user:pw@pod.example/c.json": "https://pod.example/c.json",
          "https://pod.\u202eexample/c.json": None, "javascript:alert(1)": None, "&#106;avascript:alert(1)": None,
          "data:application/json,{}": None, " java\tscript:alert(1)": None}


def test_chapters_and_transcripts_are_given_at_addresses_as_every_other_or_not_at_all(tmp_path, capsys):
    import json

    files = {f"l{n}.md": "---\n" + json.dumps({
        "title": f"Linked {n}", "publishedDateTime": "2026-11-20T10:00:00Z", "type": "podcast",
        "provider": {"name": "Pod", "domain": "pod.example"}, "featuredContent": f"https://pod.example/{n}.mp3",
        "chapters": given, "transcript": {"url": given, "type": "text/vtt"}}) + "\n---\nBody\n"
             for n, given in enumerate(LINKED)}
    out, _, _ = build_items(tmp_path, files, capsys, CONFIG)
    expected = {f"Linked {n}": meant for n, meant in enumerate(LINKED.values())}
    rss = ET.fromstring((out / "podcasts/feed.rss").read_bytes())  # (well-formed XML, or ParseError)
    atom = ET.fromstring((out / "podcasts/feed.xml").read_bytes())
    found = {item.findtext("title"): item for item in rss.iter("item")}
    assert found.keys() == expected.keys()
    for title, item in found.items():
        for tag in ("chapters", "transcript"):
            element = item.find(f"{PODCAST}{tag}")
            assert (element.get("url") if element is not None else None) == expected[title], (title, tag)
    assert len(list(atom.iter(f"{PODCAST}chapters"))) == sum(1 for meant in LINKED.values() if meant)
    items = json.loads((out / "podcasts/feed.json").read_text(encoding="utf-8"))["items"]
    for item in items:
        podcast = item["_newsdesk"]["podcast"]
        for tag in ("chapters", "transcript"):
            assert podcast.get(tag, {}).get("url") == expected[item["title"]], (item["title"], tag)
