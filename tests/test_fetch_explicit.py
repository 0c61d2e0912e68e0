"""A podcast's episode keeps what its feed says of it being explicit (`itunes:explicit`), in every way Apple's
tags have written it (`true`/`false` now, `yes`/`explicit`/`clean`/`no` before), the channel's value for an
episode that says nothing: the site's feeds say it again to podcast apps, which hide explicit episodes from
profiles that ask them to (docs/fetch.md, docs/feeds-and-api.md)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import yaml

from conftest import build_site, fetch_site, fetched, run_fetch
from feed_server import FeedServer, Route

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"


def _episode(number: int, explicit: str) -> str:
    said = f"<i:explicit>{explicit}</i:explicit>" if explicit else ""
    return (f"<item><title>Episode {number}</title><link>https://pod.example/{number}</link>"
            f"<pubDate>Fri, 20 Nov 2026 {number:02d}:00:00 GMT</pubDate>"
            f'<enclosure url="https://pod.example/{number}.mp3" length="2048000" type="audio/mpeg"/>'
            f"<i:duration>60</i:duration>{said}</item>")


# (the namespace under another prefix than `itunes`, as a feed may declare it)
SAID = {1: "true", 2: "false", 3: "yes", 4: "clean", 5: " Explicit ", 6: "no", 7: "", 8: "maybe"}
PODCAST = (f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:i="{ITUNES}"><channel>'
           "<title>Pod</title><link>https://pod.example/</link><description>D</description>"
           "<i:explicit>true</i:explicit>"
           + "".join(_episode(number, said) for number, said in SAID.items()) + "</channel></rss>").encode()
CLEAN_SHOW = PODCAST.replace(b"<i:explicit>true</i:explicit><item>", b"<i:explicit>false</i:explicit><item>", 1)


def test_an_episode_keeps_what_its_feed_says_of_it_being_explicit(tmp_path, capsys):
    with FeedServer() as server:
        clean = CLEAN_SHOW.replace(b"pod.example", b"clean.example").replace(b"Episode", b"Clean episode")
        server.routes.update({"/pod.xml": Route(PODCAST, content_type="application/rss+xml"),
                              "/clean.xml": Route(clean, content_type="application/rss+xml")})
        site = fetch_site(tmp_path / "site", server, ["/pod.xml", "/clean.xml"])
        code, out, err = run_fetch(site, capsys)
    assert code == 0, out + err
    items = fetched(site)
    assert len(items) == 2 * len(SAID)
    said = {meta["originalUrl"]: meta.get("explicit") for meta in items.values()}
    assert {number: said[f"https://pod.example/{number}"] for number in SAID} == {
        1: True, 2: False, 3: True, 4: False, 5: True, 6: False, 7: True, 8: True}  # (none, or no word: the show's)
    assert said["https://clean.example/7"] is False and said["https://clean.example/1"] is True
    config, _ = build_site(site)
    rss = ET.parse(config.output_path / "feeds/latest.rss").getroot()
    given = {item.find("link").text: item.findtext(f"{{{ITUNES}}}explicit") for item in rss.iter("item")}
    assert len(given) == 2 * len(SAID) and set(given.values()) == {"true", "false"}


def test_a_podcast_in_an_encoding_expat_cannot_read_is_fetched(tmp_path, capsys):
    """The explicit marks and the pictures' words are read again by expat, which refuses some encodings a feed may
    declare (UTF-32 without its byte order mark, a label Python does not know): the feed is read as before, by
    feedparser, with its episodes; only those second readings are missing."""
    routes = {}
    for n, label in enumerate(("utf-32", "x-unknown", "mbcs")):
        body = (PODCAST.replace(b'encoding="UTF-8"', f'encoding="{label}"'.encode())
                .replace(b"pod.example", f"pod{n}.example".encode())
                .replace(b"<rss ", b'<rss xmlns:media="http://search.yahoo.com/mrss/" ')
                .replace(b"<title>Episode 1</title>",
                         b'<title>Episode 1</title><media:thumbnail url="https://p.example/1.jpg"/>'))
        routes[f"/{label}.xml"] = Route(body, content_type="application/rss+xml")
    with FeedServer() as server:
        server.routes.update(routes)
        site = fetch_site(tmp_path / "site", server, list(routes))
        code, out, err = run_fetch(site, capsys)
    assert code == 0, out + err
    written = [yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
               for path in (site / "content" / "fetched").rglob("*.md")]
    assert sorted(meta["originalUrl"] for meta in written) == sorted(
        f"https://pod{n}.example/{number}" for n in range(3) for number in SAID)
