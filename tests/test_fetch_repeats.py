"""`newsdesk fetch` of feeds that repeat, in one entry or one element, what feedparser reads in time growing
with the square of its count: categories and keywords, attributes. 50,000 categories in one entry took it a
minute (fetch.parse_timeout stopped the feed, every entry lost). Each test serves such a feed at two sizes and
checks that the entry's item is written, with what a reader can use, that fetch says once what it left out,
and that four times the repeats cost well under four times the CPU (a cost in their square: sixteen)."""

from __future__ import annotations

import pytest

from conftest import cpu_seconds, feed_site, fetched, run_fetch
from feed_server import Route
from generator.fetch.parse import parse_feed

NAMESPACES = ('xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:media="http://search.yahoo.com/mrss/" '
              'xmlns:dc="http://purl.org/dc/elements/1.1/"')


def rss(inner: str) -> bytes:
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0" {NAMESPACES}><channel><title>Tags</title>'
            f'<link>https://tags.example/</link><item><title>Tagged</title><link>https://tags.example/1</link>'
            f'<pubDate>Fri, 20 Nov 2026 10:00:00 GMT</pubDate><category>AI</category>{inner}'
            f'<description>The story.</description></item></channel></rss>').encode()


def atom(inner: str) -> bytes:
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Tags</title>'
            '<link rel="alternate" href="https://tags.example/"/><entry><id>tag:tags.example,2026:1</id>'
            '<title>Tagged</title><updated>2026-11-20T10:00:00Z</updated><link rel="alternate" '
            f'href="https://tags.example/1"/><category term="AI"/>{inner}</entry></feed>').encode()


def attributes(count: int) -> str:
    return " ".join(f'data-{n}="v"' for n in range(count))


FEEDS = {  # each makes a feed of one entry repeating something `count` times
    "rss categories": lambda count: rss("".join(f"<category>tag {n}</category>" for n in range(count))),
    "atom categories": lambda count: atom("".join(f'<category term="tag {n}"/>' for n in range(count))),
    "dc:subject": lambda count: rss("".join(f"<dc:subject>tag {n}</dc:subject>" for n in range(count))),
    "itunes:keywords": lambda count: rss("<itunes:keywords>" + ",".join(f"k{n}" for n in range(count))
                                         + "</itunes:keywords>"),
    "attributes": lambda count: rss(f'<media:content url="https://tags.example/a.jpg" medium="image" '
                                    f'{attributes(count)}/>'),
}


def fetch_once(tmp_path, server, capsys, name: str, count: int) -> tuple[float, dict, list[str]]:
    path = f"/{count}.xml"
    server.routes[path] = Route(FEEDS[name](count))
    site = feed_site(tmp_path / str(count), f"  - {server.url(path)}\n", "topics: [AI]\n")
    started = cpu_seconds()  # (with the parsing process's, once it has stopped at the end of the fetch)
    code, out, err = run_fetch(site, capsys)
    cost = cpu_seconds() - started
    assert code == 0 and out.startswith("1 source, 1 new"), out + err
    return cost, fetched(site), [line for line in err.splitlines() if line.startswith("note: ")]


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(FEEDS))
def test_thousands_of_repeats_in_one_entry_are_cut_and_the_entry_is_written(tmp_path, server, capsys, name):
    small, large = 10_000, 40_000
    cost_small, _, _ = fetch_once(tmp_path, server, capsys, name, small)
    cost_large, items, notes = fetch_once(tmp_path, server, capsys, name, large)
    # 4x the repeats: reading 4x the bytes costs up to 4x; the quadratic reading this guards against, 16x (the
    # parser is a fork, no fixed start-up cost of its own to dilute the ratio)
    assert cost_large < 8 * cost_small, (cost_small, cost_large)
    assert list(items) == ["Tagged"]
    assert items["Tagged"]["topics"] == ["AI"]  # (the first category, kept)
    if name == "attributes":
        assert items["Tagged"]["images"] == [{"url": "https://tags.example/a.jpg"}]
    assert len(notes) == 1, notes
    what = (f"{large + 2 - 100} attributes beyond an element's first 100" if name == "attributes" else
            f"{large + 1 - 100} categories (or keywords) beyond an entry's first 100")
    assert notes[0] == (f"note: config.yaml:9: {server.url(f'/{large}.xml')}: {what}: left out, as reading so many "
                        f"takes minutes; the entries are kept. Ask the feed's publisher to list fewer, or remove the "
                        f"source if you do not trust it")


def test_an_entry_keeps_its_first_hundred_categories_and_text_that_looks_like_one():
    """A `<category>` in a CDATA section or a comment is text, not one of the entry's; another entry counts
    its own; a category's subcategories (itunes:category) count; keywords keep their first terms."""
    entries = [
        "".join(f"<category>c{n}</category>" for n in range(150))
        + "<description><![CDATA[<category>in the text</category>]]></description><!-- <category>x</category> -->",
        "<itunes:category text='A'><itunes:category text='B'/></itunes:category>"
        + "".join(f"<dc:subject>s{n}</dc:subject>" for n in range(97)) + "<itunes:keywords>k1,k2,k3</itunes:keywords>",
        "<category>one</category>",
    ]
    feed = parse_feed(
        (f'<?xml version="1.0"?><rss version="2.0" {NAMESPACES}><channel><title>T</title>'
         + "".join(f"<item><title>E{n}</title><link>https://t.example/{n}</link>{inner}</item>"
                   for n, inner in enumerate(entries)) + "</channel></rss>").encode(), "https://t.example/rss")
    first, second, third = feed.entries
    assert first.categories == tuple(f"c{n}" for n in range(100))
    assert "in the text" in first.summary
    assert second.categories == ("A", "B", *(f"s{n}" for n in range(97)), "k1")
    assert third.categories == ("one",)
    assert (feed.cuts.categories, feed.cuts.attributes) == (50 + 2, 0)
