"""Hostile content: items and feeds written to break the outputs, and what readers of every output see.

Content comes from crawlers and fetched feeds, that is from anyone. Each test crafts what such a source can
write and checks the outputs with the parsers their readers use (html5lib, a strict XML parser, json, a real
browser), or the files fetch writes as the build reads them.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
import yaml

from conftest import build_site, make_site
from feed_server import FeedServer, Route
from generator.cli import main


@pytest.fixture()
def server():
    with FeedServer() as running:
        yield running


def fetch_site(root: Path, server: FeedServer, paths) -> Path:
    config = textwrap.dedent("""\
        title: Fetched News
        base_url: https://example.org/
        now: "2026-11-22T12:00:00Z"
        fetch:
          timeout: 2
          retries: 0
        sources:
        """) + "".join(f"  - {server.url(path)}\n" for path in paths)
    return make_site(root, {}, config)


def fetched_titles(site: Path) -> list[str]:
    files = sorted((site / "content" / "fetched").rglob("*.md"))
    return sorted(yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])["title"] for path in files)


# --- fetch: characters that are no characters --------------------------------------------------------

RSS_NO_CHARACTER = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Feed</title><link>https://feed.example/</link>
<item><title>Half &#xD800; a pair</title><link>https://feed.example/1</link></item>
<item><title>Past &#x110000; the end, &#1114112; and &#99999999999; too</title><link>https://feed.example/2</link></item>
<item><title>Plain</title><link>https://feed.example/3</link><description>x &#xDC00; y</description></item>
</channel></rss>"""

JSON_LONE_SURROGATES = json.dumps({
    "version": "https://jsonfeed.org/version/1.1", "title": "Feed \ud800",
    "items": [{"id": "1", "url": "https://json.example/1", "title": "Lone \ud800 high", "content_html": "<p>\udc00</p>"},
              {"id": "2", "url": "https://json.example/2", "title": "Pair \U0001F600 kept"},
              {"id": "3", "url": "https://json.example/3", "title": "Plain"}],
}).encode("ascii")  # (json.dumps escapes them: "\\ud800", as JSON writers do)


def test_feeds_with_references_to_no_character_are_fetched_whole(tmp_path, server, capsys):
    """`&#xD800;` or `&#x110000;` in one entry of an RSS feed, or a `"\\ud800"` escape in a JSON Feed, made
    the whole feed unreadable (feedparser fails on it) or stopped fetch with a traceback (no UTF-8 file can
    hold a lone surrogate). They are U+FFFD now, as a browser shows them, and every entry is kept."""
    server.routes["/rss.xml"] = Route(RSS_NO_CHARACTER)
    server.routes["/feed.json"] = Route(JSON_LONE_SURROGATES, content_type="application/feed+json")
    site = fetch_site(tmp_path / "site", server, ["/rss.xml", "/feed.json"])
    code = main(["fetch", "--config", str(site / "config.yaml")])
    out, err = capsys.readouterr()
    assert code == 0, out + err
    assert "0 failed" in out and "6 new" in out, out
    assert fetched_titles(site) == ["Half \ufffd a pair", "Lone \ufffd high", "Pair \U0001F600 kept",
                                    "Past \ufffd the end, \ufffd and \ufffd too", "Plain", "Plain"]
    config, result = build_site(site)
    assert not result.site.problems and result.items == 6


# --- front matter: escapes that are no characters -----------------------------------------------------

def test_surrogate_escapes_in_front_matter_keep_the_item(tmp_path):
    """JSON is YAML, and JSON writers escape an emoji as a surrogate pair ("\\ud83d\\ude00"). libyaml refuses
    every surrogate escape, so such an item was left out ("invalid YAML"). The pair is the character it
    encodes now, and a lone surrogate (which no output can hold) is U+FFFD."""
    front = json.dumps({"title": "Emoji \U0001F600 and lone \ud800", "excerpt": "Pair \U0001F680",
                        "publishedDateTime": "2026-11-20T10:00:00Z", "topics": ["Space \U0001F680"]})
    assert "\\ud83d\\ude00" in front and "\\ud800" in front
    site = make_site(tmp_path / "site", {"content/emoji.md": f"---\n{front}\n---\nBody.\n"})
    config, result = build_site(site)
    assert not result.site.problems, result.site.problems
    [story] = result.site.model.site.items
    assert (story.title, story.excerpt, story.topic_names) == ("Emoji \U0001F600 and lone \ufffd", "Pair \U0001F680",
                                                                ("Space \U0001F680",))
    page = (config.output_path / story.path / "index.html").read_text(encoding="utf-8")
    assert "<h1>Emoji \U0001F600 and lone \ufffd</h1>" in page


# --- URL fields ---------------------------------------------------------------------------------------

def test_a_url_field_that_cannot_be_kept_is_named_with_its_line(tmp_path, capsys):
    """`webUrl: javascript:...`, a list or a relative path were dropped without a word: the story had no
    link and nothing said why. Each is a warning with file:line now, and the story is still built."""
    files = {"content/links.md": "\n".join([
        "---", "title: Links", "publishedDateTime: 2026-11-20T10:00:00Z",
        "webUrl: \"javascript:window.pwned=1\"", "originalUrl: [https://provider.example/a]",
        "ampWebUrl: /story/amp", "cdnAmpWebUrl: \" JaVa\\tScRiPt:window.pwned=2\"", "---", "Body."]) + "\n"}
    site = make_site(tmp_path / "site", files)
    assert main(["build", "--config", str(site / "config.yaml")]) == 0
    err = capsys.readouterr().err
    for line, key in ((4, "webUrl"), (5, "originalUrl"), (6, "ampWebUrl"), (7, "cdnAmpWebUrl")):
        assert f"warning: content/links.md:{line}: `{key}` is not an http or https URL" in err, err
    page = (site / "output" / "news/2026/11/20/links/index.html").read_text(encoding="utf-8")
    assert "<h1>Links</h1>" in page and "pwned" not in page and "/story/amp" not in page


# --- plain text: what is shown, and what is taken for markup -------------------------------------------

SHOWN_AS_WRITTEN = {  # title as a crawler writes it -> as every reader sees it
    "Java's List&lt;String&gt; explained": "Java's List<String> explained",
    "Rust Option<T> and Vec<u8>": "Rust Option<T> and Vec<u8>",
    "Start a comment with <!-- and see": "Start a comment with <!-- and see",
    "<b>Bold</b> and <custom-tag>custom</custom-tag> markup": "Bold and custom markup",
}


def test_angle_brackets_that_are_no_tags_are_shown_in_every_output(tmp_path):
    """Plain-text fields lose their tags (model.plain_text), but `List<String>`, `Vec<u8>` (or the same
    HTML-escaped) lost their words too, and an unclosed `<!--` everything after it: a reader saw
    "Java's List explained". Only HTML's elements are tags now; the rest is shown as written, as text."""
    import xml.etree.ElementTree as ET

    import html5lib

    files = {f"content/t{n}.md": "\n".join(["---", f"title: {json.dumps(raw)}", f"excerpt: {json.dumps(raw)}",
                                            f"publishedDateTime: 2026-11-20T1{n}:00:00Z", "---", "Body."]) + "\n"
             for n, raw in enumerate(SHOWN_AS_WRITTEN)}
    config, result = build_site(make_site(tmp_path / "site", files))
    out = config.output_path
    items = {i.source: i for i in result.site.model.site.items}
    for n, shown in enumerate(SHOWN_AS_WRITTEN.values()):
        story = items[f"content/t{n}.md"]
        assert (story.title, story.excerpt) == (shown, shown)
        page = html5lib.parse((out / story.path / "index.html").read_bytes(), namespaceHTMLElements=False)
        assert "".join(page.find(".//h1").itertext()) == shown
        assert page.find(".//meta[@property='og:title']").get("content") == shown
    atom = ET.parse(out / "feeds" / "latest.xml").getroot()
    titles = [e.text for e in atom.iter("{http://www.w3.org/2005/Atom}title")][1:]
    api = json.loads((out / "api" / "news" / "index.json").read_text(encoding="utf-8"))
    assert sorted(titles) == sorted(SHOWN_AS_WRITTEN.values()) == sorted(n["title"] for n in api["news"])


# --- links: what a page says they lead to ---------------------------------------------------------------

DECEPTIVE = ["https://www.bbc.co.uk@evil.example/story", "https://www.youtube.com:443@evil.example/watch",
             "https://\u0430pple.com/news", "https://ok.example/plain"]  # (\u0430: a Cyrillic "a")


@pytest.mark.slow
def test_a_link_is_named_by_the_host_the_browser_goes_to(tmp_path, page):
    """"More coverage" and "Watch the video on" name the host of each link. They named what stood between
    "//" and the next "/": `https://www.bbc.co.uk@evil.example/` was labelled "www.bbc.co.uk@evil.example",
    and a Cyrillic look-alike "аpple.com" as apple.com. The label is now the host the browser goes to."""
    from conftest import static_server

    related = [{"title": f"Coverage {n}", "webUrl": url} for n, url in enumerate(DECEPTIVE)]
    files = {"content/story.md": "\n".join([
        "---", "title: Story", "publishedDateTime: 2026-11-20T10:00:00Z", "type: video",
        "featuredContent: " + json.dumps(f'<iframe src="{DECEPTIVE[1]}"></iframe>'),
        "related: " + json.dumps(related), "---", "Body."]) + "\n"}
    config, result = build_site(make_site(tmp_path / "site", files))
    with static_server(config.output_path) as base:
        page.goto(base + "news/2026/11/20/story/")
        shown = page.evaluate("""() => [...document.querySelectorAll('.coverage li, .video-link')].map(li => {
            const a = li.querySelector('a');
            return [a.hostname, li.querySelector('.meta > span:last-child, a.play').textContent];
        })""")
    assert len(shown) == len(DECEPTIVE) + 1
    for hostname, label in shown:
        assert hostname in ("evil.example", "xn--pple-43d.com", "ok.example")
        assert label.replace("Watch the video on ", "").replace("\u2197", "").strip() == hostname


def jsonld(path: Path) -> dict:
    import html5lib

    page = html5lib.parse(path.read_bytes(), namespaceHTMLElements=False)
    [script] = [s for s in page.iter("script") if s.get("type") == "application/ld+json"]
    return json.loads(script.text)


@pytest.mark.parametrize("domain", ["javascript:window.pwned=1", "two words", "../../etc", "evil.example/x?y",
                                    "a\u202eb.example"])
def test_a_provider_domain_that_is_no_host_makes_no_link_in_json_ld(tmp_path, domain):
    """An item's provider `domain` is plain text, anything; the story's JSON-LD made its publisher's `url`
    "https://" + domain + "/" whatever it was ("https://javascript:window.pwned=1/", "https://two words/"),
    which search engines read as the publisher's home page. Now only a host name makes one, as in feeds."""
    provider = json.dumps({"name": "Provider", "domain": domain})
    good = json.dumps({"name": "Good", "domain": "good.example"})
    files = {"content/a.md": f"---\ntitle: A\npublishedDateTime: 2026-11-20T10:00:00Z\nprovider: {provider}\n---\nx\n",
             "content/b.md": f"---\ntitle: B\npublishedDateTime: 2026-11-20T11:00:00Z\nprovider: {good}\n---\nx\n"}
    config, result = build_site(make_site(tmp_path / "site", files))
    bad = jsonld(config.output_path / "news/2026/11/20/a/index.html")["publisher"]
    assert bad["name"] == "Provider" and "url" not in bad, bad
    assert jsonld(config.output_path / "news/2026/11/20/b/index.html")["publisher"]["url"] == "https://good.example/"


def test_a_url_with_a_noncharacter_keeps_every_feed_well_formed(tmp_path):
    """U+FFFE and U+FFFF (YAML's "\\uFFFE") are no XML characters, and URL fields let them through: one
    story's `webUrl` or picture made Latest, Top and its provider's feeds ill-formed, and a feed reader
    refuses the whole feed. They are percent-encoded now, as the browser sends them: the link still works."""
    import xml.etree.ElementTree as ET

    front = "\n".join([
        "title: Odd links", "publishedDateTime: 2026-11-20T10:00:00Z",
        'webUrl: "https://provider.example/a\\uFFFE"', 'ampWebUrl: "https://provider.example/amp\\uFFFF"',
        'images: [{url: "https://provider.example/i\\uFFFF.png", width: 800, height: 400}]',
        'provider: {name: P, domain: provider.example, images: [{url: "https://provider.example/l\\uFFFE.png"}]}',
        'related: [{title: R, webUrl: "https://other.example/r\\uFFFE"}]'])
    config, result = build_site(make_site(tmp_path / "site", {"content/odd.md": f"---\n{front}\n---\nBody.\n"}))
    [story] = result.site.model.site.items
    assert story.link == "https://provider.example/a%EF%BF%BE"
    assert story.images[0].url == "https://provider.example/i%EF%BF%BF.png"
    feeds = sorted(p for p in config.output_path.rglob("*") if p.suffix in (".xml", ".rss"))
    assert len(feeds) >= 6
    for path in feeds:
        ET.parse(path)  # expat: fails on a character XML does not allow
    for path in config.output_path.rglob("*"):
        if path.suffix in (".xml", ".rss", ".json", ".html"):
            text = path.read_text(encoding="utf-8")
            assert "\ufffe" not in text and "\uffff" not in text, path


def test_raw_control_characters_in_front_matter_keep_the_item(tmp_path):
    """A crawler's title with a stray ESC, DEL, C1 control or U+FFFE, written raw (not escaped): YAML
    refuses such characters anywhere in a document, so the item was left out as "invalid YAML". They are
    dropped before loading now, as the model drops them from every text field, and the item is shown."""
    raw = "\n".join(["---", "title: \"Breaking\x1b news\x7f from\x80 here\ufffe\"", "excerpt: Tab\there\x0b too",
                     "topics: [\"Sci\x9fence\"]", "publishedDateTime: 2026-11-20T10:00:00Z", "---", "Body.\n"])
    site = make_site(tmp_path / "site", {})
    (site / "content" / "raw.md").write_bytes(raw.encode("utf-8"))
    config, result = build_site(site)
    assert not result.site.problems, result.site.problems
    [story] = result.site.model.site.items
    assert (story.title, story.excerpt, story.topic_names) == ("Breaking news from here", "Tab here too", ("Science",))
