"""`newsdesk fetch` against a real HTTP server on 127.0.0.1 serving real-world-shaped feeds: the files it
writes, the site built from them, the state file, what it says, and what it leaves alone."""

from __future__ import annotations

import contextlib
import html
import io
import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import yaml

from conftest import FETCH_TIMEOUT, ROOT, clean_build, files_under, make_site
from feed_server import FeedServer, Route
from generator.cli import main

FEEDS = ROOT / "tests" / "feeds"
EVIL = ("rss-evil", "atom-evil", "json-evil")


def feed(name: str) -> bytes:
    return (FEEDS / name).read_bytes()


def site_with(root: Path, server: FeedServer, paths, extra: str = "", fetch: str = "") -> Path:
    sources = "".join(f"  - {server.url(path)}\n" for path in paths)
    # `fetch` lines replace these defaults: a key given twice is an error in config.yaml.
    settings = {"timeout": str(FETCH_TIMEOUT), "retries": "0", **dict(line.split(": ", 1) for line in fetch.splitlines())}
    config = textwrap.dedent("""\
        title: Fetched News
        base_url: https://example.org/
        now: "2026-11-22T12:00:00Z"
        topics: [AI, Science, Economy]
        fetch:
        """) + "".join(f"  {key}: {value}\n" for key, value in settings.items()) + "sources:\n" + sources + extra
    return make_site(root, {}, config)


def run_fetch(site: Path, capsys) -> tuple[int, str, str]:
    code = main(["fetch", "--config", str(site / "config.yaml")])
    out, err = capsys.readouterr()
    return code, out, err


def fetched(site: Path) -> dict[str, dict]:
    """Every fetched item file: name -> front matter, with the body under "body"."""
    found = {}
    for path in sorted((site / "content" / "fetched").rglob("*.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        found[path.name] = {**yaml.safe_load(front), "body": body}
    return found


def listed(site: Path, url: str) -> str:
    """How fetch's messages name the source `url`: its line in config.yaml, then the URL."""
    lines = (site / "config.yaml").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if text.strip() in (f"- {url}", f"- url: {url}"))
    return f"config.yaml:{line}: {url}"


def by_title(items: dict[str, dict]) -> dict[str, dict]:
    return {meta["title"]: meta for meta in items.values()}


def serve_the_good_feeds(server: FeedServer) -> list[str]:
    server.routes.update({
        "/rss.xml": Route(feed("rss.xml"), etag='"rss-v1"'),
        "/atom.xml": Route(feed("atom.xml"), content_type="application/atom+xml",
                           last_modified="Sat, 21 Nov 2026 12:00:00 GMT"),
        "/feed.json": Route(feed("feed.json"), content_type="application/feed+json"),
        "/latin1.xml": Route(feed("latin1.xml"), content_type="text/xml"),  # the charset only in the XML declaration
        "/bom.xml": Route(feed("bom.xml"), gzip=True),
    })
    return ["/rss.xml", "/atom.xml", "/feed.json", "/latin1.xml", "/bom.xml"]


@pytest.mark.slow
def test_fetch_writes_one_item_per_entry_in_the_content_format(tmp_path, server, capsys):
    site = site_with(tmp_path / "site", server, serve_the_good_feeds(server))
    code, out, err = run_fetch(site, capsys)
    assert code == 0, err
    assert out.strip() == "5 sources, 10 new, 0 updated, 0 unchanged, 0 failed"
    items = by_title(fetched(site))
    assert len(items) == 10
    cut = items["Rate cut & what it means"]
    assert cut["excerpt"] == "The central bank cut rates by half a point — the first cut since 2024."
    assert cut["publishedDateTime"] == "2026-11-20T08:15:00Z"
    assert cut["originalUrl"] == cut["webUrl"] == "https://www.dailyplanet.example/news/rate-cut?utm_source=rss&utm_medium=feed"
    assert cut["provider"] == {"name": "Daily Planet", "domain": "dailyplanet.example"}
    assert cut["topics"] == ["Economy", "AI"]
    assert cut["images"] == [{"url": "https://www.dailyplanet.example/img/rate-cut.jpg", "width": 1024, "height": 576}]
    assert (cut["type"], cut["quality"], cut["heat"]) == ("article", 50, 100)
    # entries without a guid or a date: named by their link, dated when first seen (the build time here)
    undated = items["No guid, no date"]
    assert undated["publishedDateTime"] == "2026-11-22T12:00:00Z"
    assert undated["excerpt"] == "Plain text with an entity: café & more"
    assert undated["heat"] == 95  # second in its feed
    video = items["Watch: the launch"]
    assert video["type"] == "video"
    assert video["featuredContent"] == '<iframe src="https://www.youtube.com/embed/abcDEF12345"></iframe>'
    # Atom: xml:base and relative links resolved; an HTML title becomes text; the time zone honoured
    atom = items["Relative links resolved"]
    assert atom["originalUrl"] == "https://blog.example.org/journal/2026/11/relative-links"
    assert atom["publishedDateTime"] == "2026-11-21T10:00:00Z"
    assert 'href="https://blog.example.org/journal/2026/11/other-post"' in atom["body"]
    assert 'src="https://blog.example.org/journal/2026/11/chart.png"' in atom["body"]
    assert items["Only updated"]["publishedDateTime"] == "2026-11-20T07:30:00Z"
    assert atom["topics"] == ["Science"]  # the category `science` names a declared topic
    # JSON Feed: relative URLs against the feed's URL; plain-text summaries stay text
    story = items["A JSON story"]
    assert story["originalUrl"] == server.url("/stories/42")
    assert story["excerpt"] == "Summary <not a tag> & plain text"
    assert story["images"] == [{"url": "https://jsontimes.example/img/42.png"}]
    assert "&lt;b&gt;not bold&lt;/b&gt;" in items["Text only"]["body"]
    # charsets: declared ISO-8859-1, and a UTF-8 byte order mark (served gzip-compressed)
    assert items["Café in Zürich eröffnet"]["excerpt"] == "Grüße aus Zürich ½"
    assert items["Café in Zürich eröffnet"]["provider"]["name"] == "Zürich Zeitung"
    assert "日本語のタイトル — with a BOM" in items



@pytest.mark.slow
def test_fetched_items_go_into_a_folder_per_site_as_the_docs_say(tmp_path, server, capsys):
    """docs/fetch.md: content/fetched/<site>/, where <site> is the source's `domain`, else its host: the
    feeds of one site share a folder."""
    serve_the_good_feeds(server)
    site = site_with(tmp_path / "site", server, ["/rss.xml", "/atom.xml"],
                     extra=f"  - url: {server.url('/feed.json')}\n    domain: jsontimes.example\n")
    code, _, err = run_fetch(site, capsys)
    assert code == 0, err
    folders = sorted(p.name for p in (site / "content" / "fetched").iterdir())
    assert folders == [f"127-0-0-1-{server.port}", "jsontimes-example"]


@pytest.mark.slow
def test_entry_html_is_sanitised_and_the_site_built_from_it_is_safe(tmp_path, server, capsys):
    from conftest import build_site

    site = site_with(tmp_path / "site", server, serve_the_good_feeds(server))
    assert run_fetch(site, capsys)[0] == 0
    items = fetched(site)
    bodies = "".join(meta["body"] for meta in items.values())
    assert bodies and "<script" not in bodies and "<iframe" not in bodies and "javascript:" not in bodies
    assert "onerror" not in bodies and "onclick" not in bodies and "<svg" not in bodies
    config, result = build_site(site)
    assert not result.site.problems, result.site.problems
    assert result.items == 10
    output = files_under(config.output_path)
    pages = [name for name in output if name.startswith("news/") and name.endswith("index.html")]
    assert len(pages) == 10
    page = next(output[name].decode() for name in pages if "rate-cut" in name)
    # an iframe is a link to what it embeds, as in every body (docs/content.md), and nothing else of it
    embedded = ('<a href="https://evil.example/rss-evil" rel="noopener noreferrer nofollow">Embedded content from '
                'evil.example</a>')
    assert embedded in page and "<iframe" not in page
    for name, data in output.items():
        text = data.decode("utf-8", "replace").replace(embedded, "").replace(html.escape(embedded), "")
        text = text.replace("Embedded content from evil.example", "")
        for marker in EVIL:
            assert marker not in text, f"{marker} reached {name}"
        assert "evil.example" not in text and "javascript:" not in text, name
    # the body is one HTML block: "* ..." and "_..._" inside it are not read as Markdown
    assert "* not a list item, and _not_ emphasis" in page
    assert "<b>half a point</b>" in page


@pytest.mark.slow
def test_a_second_fetch_with_nothing_new_writes_nothing(tmp_path, server, capsys):
    site = site_with(tmp_path / "site", server, serve_the_good_feeds(server))
    assert run_fetch(site, capsys)[0] == 0
    before = {path: path.stat().st_mtime_ns for path in site.rglob("*") if path.is_file()}
    snapshot = files_under(site)
    time.sleep(0.01)
    code, out, err = run_fetch(site, capsys)
    assert code == 0, err
    # (two feeds answered 304: "0 new, 0 updated" and fewer unchanged than entries read as nothing fetched)
    assert out.strip() == "5 sources (2 not modified since the last fetch), 0 new, 0 updated, 4 unchanged, 0 failed"
    assert files_under(site) == snapshot
    assert {path: path.stat().st_mtime_ns for path in site.rglob("*") if path.is_file()} == before
    # conditional GETs: the validators each feed gave are sent back, and 304 means nothing to read
    assert server.asked("/rss.xml")[1]["if-none-match"] == '"rss-v1"'
    assert server.asked("/atom.xml")[1]["if-modified-since"] == "Sat, 21 Nov 2026 12:00:00 GMT"
    state = json.loads((site / "fetch-state.json").read_text(encoding="utf-8"))
    assert state["feeds"][server.url("/rss.xml")].keys() == {"etag", "settings"}
    assert state["feeds"][server.url("/rss.xml")]["etag"] == '"rss-v1"'
    assert len([item for item in state["items"].values() if item["file"]]) == 10


@pytest.mark.slow
def test_a_changed_entry_updates_its_file_and_a_hand_edited_one_is_left_alone(tmp_path, server, capsys):
    site = site_with(tmp_path / "site", server, serve_the_good_feeds(server))
    assert run_fetch(site, capsys)[0] == 0
    names = {meta["title"]: name for name, meta in fetched(site).items()}
    edited = next((site / "content" / "fetched").rglob(names["Duplicate guid, first"]))
    edited.write_text(edited.read_text(encoding="utf-8").replace("heat: 90", "heat: 7"), encoding="utf-8")
    changed = (feed("rss.xml").replace(b"Rate cut &amp; what it means", b"Rate cut: what it means")
               .replace(b"The first of two entries", b"The very first of two entries"))
    server.routes["/rss.xml"] = Route(changed, etag='"rss-v2"')
    code, out, err = run_fetch(site, capsys)
    assert code == 0, err
    assert out.strip() == "5 sources (1 not modified since the last fetch), 0 new, 1 updated, 7 unchanged, 0 failed"
    after = fetched(site)
    assert after[names["Rate cut & what it means"]]["title"] == "Rate cut: what it means"  # same file, new title
    assert after[names["Duplicate guid, first"]]["heat"] == 7
    assert after[names["Duplicate guid, first"]]["excerpt"] == "The first of two entries with one guid."
    assert f"{names['Duplicate guid, first']}: edited by hand, left as it is" in err
    assert len(after) == 10


@pytest.mark.slow
def test_an_item_says_when_it_was_first_seen_and_an_update_keeps_that_time(tmp_path, server, capsys):
    # `firstSeenDateTime` gives a story its id (docs/dev/stories.md, "Lead and id"): a report published before a
    # story began but fetched after it must not take the id, so each item says when fetch first saw it, and an
    # update of the entry a day later writes the same time again.
    site = site_with(tmp_path / "site", server, serve_the_good_feeds(server))
    assert run_fetch(site, capsys)[0] == 0
    first = fetched(site)
    assert first and {meta["firstSeenDateTime"] for meta in first.values()} == {"2026-11-22T12:00:00Z"}
    config = site / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("2026-11-22T12:00:00Z", "2026-11-23T12:00:00Z"),
                      encoding="utf-8")
    changed = feed("rss.xml").replace(b"Rate cut &amp; what it means", b"Rate cut: what it means")
    server.routes["/rss.xml"] = Route(changed, etag='"rss-v2"')
    code, out, err = run_fetch(site, capsys)
    assert code == 0 and ", 1 updated," in out, err
    after = fetched(site)
    assert by_title(after)["Rate cut: what it means"]["firstSeenDateTime"] == "2026-11-22T12:00:00Z"
    assert {name: meta["firstSeenDateTime"] for name, meta in after.items()} == {
        name: meta["firstSeenDateTime"] for name, meta in first.items()}


@pytest.mark.slow
def test_a_file_deleted_by_hand_is_not_fetched_again(tmp_path, server, capsys):
    site = site_with(tmp_path / "site", server, serve_the_good_feeds(server))
    assert run_fetch(site, capsys)[0] == 0
    gone = next((site / "content" / "fetched").rglob("watch-the-launch-*.md"))
    gone.unlink()
    server.routes["/rss.xml"] = Route(feed("rss.xml") + b"\n", etag='"rss-v2"')
    code, out, err = run_fetch(site, capsys)
    assert code == 0 and "deleted by hand; not fetched again" in err
    assert not gone.exists()
    assert run_fetch(site, capsys)[0] == 0
    assert not gone.exists() and len(fetched(site)) == 9


WEB_PAGES = [
    # The site's address instead of its feed's: the page names the feed (relative to the page).
    (b'<!DOCTYPE html><html><head><link rel="alternate" type="application/rss+xml" href="/rss.xml">',
     "not a feed but a web page, which names its feed: {feed} (list that URL as the source instead)"),
    # A page that names no feed, served as something else; and one whose feed link is no http(s) URL.
    (b"<html><body>Welcome</body></html>",
     "not a feed but a web page (give the URL of the site's RSS, Atom or JSON feed)"),
    (b'<html><link rel="alternate" type="application/atom+xml" href="javascript:alert(1)">',
     "not a feed but a web page (give the URL of the site's RSS, Atom or JSON feed)"),
    # A link with a terminal control character (U+009B, CSI) is not printed.
    ('<html><link rel="alternate" type="application/rss+xml" href="/\u009b2Jfeed.xml">'.encode(),
     "not a feed but a web page (give the URL of the site's RSS, Atom or JSON feed)"),
]


@pytest.fixture(scope="module")
def web_pages_fetched(tmp_path_factory) -> tuple[Path, list[str], str, int, str]:
    """One fetch of a site whose sources are the WEB_PAGES (at /page0, /page1...): the site, their URLs, the URL
    /rss.xml, its exit status and what it said on stderr."""
    with FeedServer() as server:
        paths = [f"/page{number}" for number in range(len(WEB_PAGES))]
        for path, (page, _) in zip(paths, WEB_PAGES):
            server.routes[path] = Route(page, content_type="text/plain" if b"Welcome" in page
                                        else "text/html; charset=utf-8")
        site = site_with(tmp_path_factory.mktemp("pages") / "site", server, paths)
        said = io.StringIO()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(said):
            code = main(["fetch", "--config", str(site / "config.yaml")])
        return site, [server.url(path) for path in paths], server.url("/rss.xml"), code, said.getvalue()


@pytest.mark.parametrize("number", range(len(WEB_PAGES)))
def test_a_web_page_given_as_a_source_says_which_url_to_give(web_pages_fetched, number):
    site, urls, feed, code, err = web_pages_fetched
    assert code == 1
    said = WEB_PAGES[number][1]
    assert f"failed: {listed(site, urls[number])}: {said.format(feed=feed)}" in err.splitlines()


@pytest.mark.slow
def test_failing_sources_are_named_and_the_others_complete(tmp_path, server, capsys):
    paths = serve_the_good_feeds(server)
    server.routes.update({
        "/broken.xml": Route(b"<html><body>Oops, this is not a feed</body", content_type="text/html"),
        "/gone.xml": Route(b"", 410, "text/plain"),
        "/moved.xml": Route(b"", 301, "text/plain", headers={"Location": "/new-home.xml"}),
        "/new-home.xml": Route(feed("rss.xml").replace(b"dp-", b"moved-").replace(b"dailyplanet", b"moved"),
                               etag='"m1"'),
        "/error.xml": Route(b"", 500, "text/plain"),
        "/loop.xml": Route(b"", 302, "text/plain", headers={"Location": "/loop.xml"}),
    })
    extra = ["/broken.xml", "/gone.xml", "/moved.xml", "/missing.xml", "/error.xml", "/loop.xml"]
    site = site_with(tmp_path / "site", server, paths + extra)
    code, out, err = run_fetch(site, capsys)
    assert code == 1
    assert out.strip().endswith(", 5 failed") and out.startswith("11 sources, 14 new,")
    failed = [line for line in err.splitlines() if line.startswith("failed: ")]
    assert failed == [
        f"failed: {listed(site, server.url('/broken.xml'))}: not a feed but a web page (give the URL of the site's RSS, Atom or "
        f"JSON feed)",
        f"failed: {listed(site, server.url('/gone.xml'))}: HTTP 410 Gone: the feed was removed; not asked again: remove it "
        f"from config.yaml",
        f"failed: {listed(site, server.url('/missing.xml'))}: HTTP 404 Not Found; no feed at this URL; open it in a "
        f"browser, and fix the URL or remove the source",
        f"failed: {listed(site, server.url('/error.xml'))}: HTTP 500 Internal Server Error; the server failed; tried "
        f"again on the next fetch",
        f"failed: {listed(site, server.url('/loop.xml'))}: more than 5 redirects; open the URL in a browser, and give "
        f"the address it ends at",
    ]
    assert (f"note: {listed(site, server.url('/moved.xml'))}: moved permanently to {server.url('/new-home.xml')} (HTTP 301): "
            f"fetch reads it there from now on; change the URL in config.yaml") in err
    state = json.loads((site / "fetch-state.json").read_text(encoding="utf-8"))
    moved = state["feeds"][server.url("/moved.xml")]
    assert (moved["moved_to"], moved["etag"]) == (server.url("/new-home.xml"), '"m1"')
    assert state["feeds"][server.url("/gone.xml")] == {"gone_since": "2026-11-22"}
    code, out, err = run_fetch(site, capsys)
    assert code == 1
    assert len(server.asked("/gone.xml")) == 1  # a 410 is not asked again
    assert len(server.asked("/moved.xml")) == 1  # the moved feed is read where it is now
    assert server.asked("/new-home.xml")[1]["if-none-match"] == '"m1"'
    assert f"failed: {listed(site, server.url('/gone.xml'))}: gone since 2026-11-22 (HTTP 410); remove it from config.yaml" in err


@pytest.mark.slow
def test_each_failed_source_is_named_by_its_line_with_what_to_do(tmp_path, server, capsys):
    """A site owner with forty feeds goes to the line that failed: config.yaml's, or the OPML file's. Each
    failure says what was found in plain words (not a parser's "<unknown>:2:0" or an AttributeError), and
    what to do; the good feed is fetched all the same."""
    server.routes.update({
        "/empty.xml": Route(b""),
        "/blank.xml": Route(b"\xef\xbb\xbf  \r\n"),
        "/text.xml": Route(b"Service temporarily moved", content_type="text/plain"),
        "/cut.xml": Route(b'<?xml version="1.0"?>\n<rss version="2.0"><channel>\n<title>Cut</title><link>x</li'),
        "/forbidden.xml": Route(b"", 403, "text/plain"),
        "/good.xml": Route(feed("latin1.xml"), content_type="text/xml"),
        "/in-opml.xml": Route(b"", 404, "text/plain"),
    })
    extra = f"  - url: {server.url('/forbidden.xml')}\n    name: Forbidden City\n"
    site = site_with(tmp_path / "site", server, ["/empty.xml", "/blank.xml", "/text.xml", "/cut.xml"],
                     extra=extra + f"  - {server.url('/good.xml')}\n", fetch="opml: feeds.opml\n")
    (site / "feeds.opml").write_text(f"""<?xml version="1.0"?>\n<opml version="2.0"><body>\n<outline text="News">
      <outline text="Lost" xmlUrl="{server.url('/in-opml.xml')}"/></outline></body></opml>\n""", encoding="utf-8")
    code, out, err = run_fetch(site, capsys)
    assert code == 1 and out.strip() == "7 sources, 1 new, 0 updated, 0 unchanged, 6 failed"
    check = "open the URL in a browser: is it the feed's?"
    forbidden = listed(site, server.url("/forbidden.xml")).replace("http:", "Forbidden City (http:") + ")"
    assert [line for line in err.splitlines() if line.startswith("failed: ")] == [
        f"failed: {listed(site, server.url('/empty.xml'))}: an empty answer: the server sent nothing; {check}",
        f"failed: {listed(site, server.url('/blank.xml'))}: an empty answer: the server sent nothing; {check}",
        f"failed: {listed(site, server.url('/text.xml'))}: not a feed: the answer is neither XML nor JSON; {check}",
        f"failed: {listed(site, server.url('/cut.xml'))}: not a feed: broken XML at line 3, column 25: unclosed "
        f"token; {check}",
        f"failed: {forbidden}: HTTP 403 Forbidden; the server refuses to give the feed; open the URL in a browser, "
        f"and ask the site or remove the source",
        f"failed: feeds.opml:4: Lost ({server.url('/in-opml.xml')}): HTTP 404 Not Found; no feed at this URL; open "
        f"it in a browser, and fix the URL or remove the source",
    ]


@pytest.mark.slow
def test_titles_and_names_are_the_plain_text_a_reader_sees(tmp_path, server, capsys):
    """WordPress escapes its channel title twice (`&amp;#8211;`), an Atom feed's title may be HTML, an entry
    may have no title (its file is named after the words shown instead) or 100,000 characters of one, and
    500 pictures (cut at fetch to what the build keeps: else every build warns about a file the user never
    wrote)."""
    from conftest import build_site

    endless = " ".join(f"word{n}" for n in range(20_000))
    pictures = "".join(f'<enclosure url="https://planet.example/{n}.jpg" type="image/jpeg" length="1"/>' for n in range(500))
    server.routes.update({
        "/wp.xml": Route(f"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>
            <title>Planet &amp;#8211; Daily</title><link>https://planet.example/</link>
            <item><link>https://planet.example/a</link><description>Wildfires spread north.</description></item>
            <item><title>{endless}</title><link>https://planet.example/b</link>{pictures}</item>
            </channel></rss>""".encode()),
        "/atom.xml": Route(b"""<feed xmlns="http://www.w3.org/2005/Atom"><title type="html">The &lt;em&gt;Daily&lt;/em&gt;
            Journal</title><link href="https://journal.example/"/><entry><id>urn:j:1</id><title>Hello</title>
            <link href="https://journal.example/1"/><updated>2026-11-21T10:00:00Z</updated></entry></feed>""",
                           content_type="application/atom+xml"),
    })
    site = site_with(tmp_path / "site", server, ["/wp.xml", "/atom.xml"])
    code, out, err = run_fetch(site, capsys)
    assert code == 0, err
    items = fetched(site)
    assert {meta["provider"]["name"] for meta in items.values()} == {"Planet – Daily", "The Daily Journal"}
    untitled = next(name for name, meta in items.items() if meta["title"] == "Wildfires spread north.")
    assert untitled.startswith("wildfires-spread-north-")
    [long] = [meta for meta in items.values() if meta["title"].startswith("word0 ")]
    assert 1000 < len(long["title"]) <= 2000 and long["title"].endswith("…")
    assert long["images"] == [{"url": f"https://planet.example/{n}.jpg"} for n in range(20)]
    config, result = build_site(site)
    assert result.items == 3 and not result.site.warnings, result.site.warnings


def test_a_title_about_html_keeps_the_element_it_names(tmp_path, server, capsys):
    # An HTML title is read as the build reads a title: a bare element name nothing closes is words about HTML.
    server.routes["/dev.xml"] = Route(b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Dev</title>
        <link>https://dev.example/</link><item><title>The &lt;dialog&gt; element, &lt;b&gt;explained&lt;/b&gt;</title>
        <link>https://dev.example/dialog</link><description>Modal windows.</description></item></channel></rss>""")
    site = site_with(tmp_path / "site", server, ["/dev.xml"])
    code, out, err = run_fetch(site, capsys)
    assert code == 0, err
    assert [meta["title"] for meta in fetched(site).values()] == ["The <dialog> element, explained"]


@pytest.mark.slow
def test_entries_dated_after_the_fetch_are_dated_when_fetched_and_shown(tmp_path, server, capsys):
    """A feed that writes local time as GMT, or a clock in 2099: the entry is out now. Dated as the feed
    says, the build withheld it as scheduled, silently, until then."""
    from conftest import build_site

    server.routes["/clock.xml"] = Route(b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Clock</title>
        <item><title>Local time as GMT</title><link>https://clock.example/1</link>
          <pubDate>Sun, 22 Nov 2026 17:30:00 GMT</pubDate></item>
        <item><title>Far ahead</title><link>https://clock.example/2</link><pubDate>Fri, 20 Nov 2099 08:15 EST</pubDate></item>
        <item><title>On time</title><link>https://clock.example/3</link><pubDate>Sun, 22 Nov 2026 17:30 +0530</pubDate></item>
        </channel></rss>""")
    site = site_with(tmp_path / "site", server, ["/clock.xml"])
    code, out, err = run_fetch(site, capsys)
    assert code == 0 and out.startswith("1 source, 3 new")
    dates = {meta["title"]: meta["publishedDateTime"] for meta in fetched(site).values()}
    assert dates == {"Local time as GMT": "2026-11-22T12:00:00Z", "Far ahead": "2026-11-22T12:00:00Z",
                     "On time": "2026-11-22T12:00:00Z"}
    assert (f"note: {listed(site, server.url('/clock.xml'))}: 2 new entries are dated after this fetch (the feed's "
            f"clock or time zone is wrong): dated when fetched instead") in err
    assert build_site(site)[1].items == 3
    snapshot = files_under(site)
    code, out, err = run_fetch(site, capsys)
    assert out.startswith("1 source, 0 new, 0 updated, 3 unchanged") and "dated after" not in err
    assert files_under(site) == snapshot


def test_pictures_given_by_a_relative_url_are_kept(tmp_path, server, capsys):
    """media:content, media:thumbnail and enclosure URLs relative to the feed, as some CMSs write them: they
    were dropped (only links feedparser knows are resolved), and the card showed no picture. A podcast
    episode's itunes:image was not read at all."""
    server.routes["/news/feed.xml"] = Route(b"""<?xml version="1.0"?>
        <rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"
             xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel><title>Pictures</title>
        <item><title>Relative pictures</title><link>https://pictures.example/a</link>
          <media:content url="/img/a.jpg" medium="image" width="800" height="600"/>
          <media:thumbnail url=" thumbs/a.jpg "/>
          <enclosure url="img/b.png" type="image/png" length="1"/>
          <enclosure url="javascript:alert(1)" type="image/png" length="1"/></item>
        <item><title>Episode 1</title><link>https://pictures.example/ep1</link><itunes:image href="art/ep1.jpg"/>
          <enclosure url="https://pictures.example/ep1.mp3" type="audio/mpeg" length="1"/></item>
        </channel></rss>""")
    site = site_with(tmp_path / "site", server, ["/news/feed.xml"])
    assert run_fetch(site, capsys)[0] == 0
    items = by_title(fetched(site))
    assert items["Relative pictures"]["images"] == [{"url": server.url("/img/a.jpg"), "width": 800, "height": 600},
                                                    {"url": server.url("/news/thumbs/a.jpg")},
                                                    {"url": server.url("/news/img/b.png")}]
    # a podcast episode's cover (itunes:image) is its picture
    assert items["Episode 1"]["images"] == [{"url": server.url("/news/art/ep1.jpg")}]


def test_addresses_with_spaces_are_encoded_as_a_browser_asks_for_them(tmp_path, server, capsys):
    """A picture at `/my pic.jpg` (CMSs keep file names as uploaded): a browser asks for /my%20pic.jpg, fetch
    left the picture out."""
    server.routes["/feed.xml"] = Route(b"""<?xml version="1.0"?>
        <rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>Spaces</title>
        <item><title>Spaced picture</title><link>https://spaces.example/a story</link>
          <media:content url="/uploads/my pic&lt;1&gt;.jpg" medium="image"/>
          <media:thumbnail url="https://bad host.example/x.jpg"/></item>
        </channel></rss>""")
    site = site_with(tmp_path / "site", server, ["/feed.xml"])
    assert run_fetch(site, capsys)[0] == 0
    item = by_title(fetched(site))["Spaced picture"]
    assert item["images"] == [{"url": server.url("/uploads/my%20pic%3C1%3E.jpg")}]  # (no host has a space)
    assert item["webUrl"] == "https://spaces.example/a%20story"


def test_a_redirect_to_a_local_address_on_another_host_is_not_followed(tmp_path, server, capsys):
    """A feed server may redirect anywhere: to a service that only this machine reaches (localhost, the
    cloud's metadata address at 169.254.169.254 on a CI runner), whose answer fetch would publish. fetch
    follows a redirect to a local or private-network address only within the host config.yaml names: to
    another port of 127.0.0.1 here, which the owner listed (and to 127.1, which is 127.0.0.1 as a browser reads
    it), but not to `localhost`."""
    with FeedServer() as other:
        other.routes["/feed.xml"] = Route(feed("latin1.xml"), content_type="text/xml")
        server.routes.update({
            "/to-port.xml": Route(b"", 302, "text/plain", headers={"Location": other.url("/feed.xml")}),
            "/to-localhost.xml": Route(b"", 302, "text/plain",
                                       headers={"Location": other.url("/feed.xml").replace("127.0.0.1", "localhost")}),
            # 127.0.0.1 spelled otherwise: (the test connects to 127.0.0.1 only, even if this ever broke)
            "/to-127-1.xml": Route(b"", 301, "text/plain", headers={"Location": f"http://127.1:{other.port}/feed.xml"}),
        })
        site = site_with(tmp_path / "site", server, ["/to-port.xml", "/to-localhost.xml", "/to-127-1.xml"])
        code, out, err = run_fetch(site, capsys)
        assert code == 1 and out.strip() == "3 sources, 1 new, 0 updated, 1 unchanged, 1 failed"
        assert len(other.asked("/feed.xml")) == 2
    local = other.url("/feed.xml").replace("127.0.0.1", "localhost")
    assert [line for line in err.splitlines() if line.startswith("failed: ")] == [
        f"failed: {listed(site, server.url('/to-localhost.xml'))}: HTTP 302 redirects to '{local}', a local or "
        f"private-network address on another host; list that URL in config.yaml if it really is the feed",
    ]


@pytest.mark.slow
def test_json_feed_html_links_are_resolved_and_a_declared_charset_is_read(tmp_path, server, capsys):
    """A JSON Feed's content_html with `href="/about"` kept it relative: on the built site it pointed into
    the aggregator's own site. It is resolved against the item's page, as RSS and Atom links are against
    theirs. And a JSON Feed in windows-1252, which its Content-Type declares, failed as invalid JSON."""
    from conftest import build_site

    server.routes.update({
        "/blog/feed.json": Route(json.dumps({
            "version": "https://jsonfeed.org/version/1.1", "title": "Links", "items": [
                {"id": "a", "url": "https://links.example/posts/1", "title": "Relative links",
                 "content_html": '<p><a href="/about">About</a> <img src="pic.png"> <a href="#more">More</a></p>'},
                {"id": "b", "title": "No page", "content_html": '<p><a href="other.html">Other</a></p>'}]}).encode(),
            content_type="application/feed+json"),
        "/cp.json": Route(json.dumps({"version": "https://jsonfeed.org/version/1", "title": "Caf\u00e9 Times",
                                      "items": [{"id": "c", "url": "https://cafe.example/1",
                                                 "title": "It\u2019s \u201ccaf\u00e9\u201d"}]},
                                     ensure_ascii=False).encode("cp1252"),
                          content_type='application/feed+json; charset="windows-1252"'),
    })
    site = site_with(tmp_path / "site", server, ["/blog/feed.json", "/cp.json"])
    code, out, err = run_fetch(site, capsys)
    assert code == 0, err
    items = by_title(fetched(site))
    assert ('<a href="https://links.example/about" rel="noopener noreferrer nofollow">About</a> '
            '<img alt="" src="https://links.example/posts/pic.png" loading="lazy" decoding="async"> '
            '<a href="https://links.example/posts/1#more" rel="noopener noreferrer nofollow">More</a>'
            in items["Relative links"]["body"])
    assert f'<a href="{server.url("/blog/other.html")}"' in items["No page"]["body"]
    assert items["It’s “café”"]["provider"]["name"] == "Café Times"
    config, result = build_site(site)
    page = next(data.decode() for name, data in files_under(config.output_path).items()
                if name.startswith("news/") and "relative-links" in name and name.endswith("index.html"))
    assert 'href="https://links.example/about"' in page and 'href="/about"' not in page


def test_a_json_feed_date_in_any_iso_form_is_the_entry_date(tmp_path, server, capsys):
    """A JSON Feed's date_published as .NET, Go or strftime write it: Python 3.10 did not read these, and
    each entry was dated when fetched instead (3.11 read them)."""
    written = ["2026-11-21T10:30:00.1234567+01:00", "2026-11-21T09:30:00.123456789Z", "2026-11-21T04:30:00-0500",
               "20261121T093000Z", "2026-W47-6T09:30Z"]
    server.routes["/dates.json"] = Route(json.dumps({
        "version": "https://jsonfeed.org/version/1.1", "title": "Dates",
        "items": [{"id": str(n), "url": f"https://dates.example/{n}", "title": f"Dated {n}", "date_published": date}
                  for n, date in enumerate(written)]}).encode(), content_type="application/feed+json")
    site = site_with(tmp_path / "site", server, ["/dates.json"])
    code, out, err = run_fetch(site, capsys)
    assert code == 0, err
    dates = {meta["title"]: meta["publishedDateTime"] for meta in fetched(site).values()}
    assert dates == {f"Dated {n}": "2026-11-21T09:30:00Z" for n in range(len(written))}


def test_an_entry_nested_thousands_deep_is_written_as_its_text(tmp_path, server, capsys):
    """The sanitiser's time grows with the square of the nesting: 10 MB of `<div>` held fetch for hours.
    Nested deeper than a browser shows (512, as Chromium), an entry's text is kept as one paragraph; a
    body of ordinary depth keeps its markup."""
    deep = "".join(f"<blockquote><p>level {n}</p>" for n in range(2000)) + "</blockquote>" * 2000
    usual = "".join(f"<blockquote><p>level {n}</p>" for n in range(100)) + "</blockquote>" * 100
    entries = "".join(f"<item><title>{title}</title><link>https://deep.example/{title}</link>"
                      f"<content:encoded><![CDATA[{text}]]></content:encoded></item>"
                      for title, text in (("deep", deep), ("usual", usual)))
    server.routes["/deep.xml"] = Route(f"""<?xml version="1.0"?><rss version="2.0"
        xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Deep</title>{entries}
        </channel></rss>""".encode())
    site = site_with(tmp_path / "site", server, ["/deep.xml"])
    assert run_fetch(site, capsys)[0] == 0
    items = by_title(fetched(site))
    assert items["deep"]["body"] == "<div>\n<p>" + " ".join(f"level {n}" for n in range(2000)) + "</p>\n</div>\n"
    assert items["usual"]["body"].count("<blockquote>") == 100


@pytest.mark.slow
def test_an_entry_longer_than_the_body_limit_is_cut_not_dropped(tmp_path, server, capsys):
    """A 4 MiB full text was left out whole: it is written up to 3 MiB, before a tag, its elements closed
    again, and fetch says so; the build reads the file (its own limit is 4 MiB a file)."""
    paragraph = "<p>" + "word " * 200 + "<b>bold</b></p>"
    long = paragraph * (4 * 1024 * 1024 // len(paragraph))
    server.routes["/long.xml"] = Route(f"""<?xml version="1.0"?><rss version="2.0"
        xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Long</title>
        <item><title>Long read</title><link>https://long.example/read</link>
        <content:encoded><![CDATA[{long}]]></content:encoded></item></channel></rss>""".encode())
    site = site_with(tmp_path / "site", server, ["/long.xml"], fetch="max_bytes: 8000000")
    code, _, err = run_fetch(site, capsys)
    assert code == 0 and "its text is longer than 3 MiB: written up to there" in err
    body = by_title(fetched(site))["Long read"]["body"]
    assert 2 * 1024 * 1024 < len(body.encode("utf-8")) <= 3 * 1024 * 1024 + 4096
    assert body.count("<p>") == body.count("</p>") and body.count("<b>") == body.count("</b>")
    assert main(["build", "--config", str(site / "config.yaml")]) == 0
    assert "error" not in capsys.readouterr().err  # (a file over the build's limit is left out with an error)
    pages = [path for path in (site / "output" / "news").rglob("index.html") if "Long read" in path.read_text("utf-8")]
    assert len(pages) == 1


def test_categories_escaped_twice_name_their_topic(tmp_path, server, capsys):
    """WordPress keeps category names HTML-escaped and writes them inside CDATA: `Arts &amp; Culture` is
    the topic Arts & Culture, not a category that names no topic."""
    server.routes["/wp.xml"] = Route(b"""<?xml version="1.0"?><rss version="2.0"><channel><title>WP</title>
        <item><title>Opera</title><link>https://wp.example/opera</link>
          <category><![CDATA[Arts &amp; Culture]]></category><category><![CDATA[News/Arts &amp; Culture]]></category>
          <category><![CDATA[Science &amp;amp; more]]></category></item></channel></rss>""")
    site = site_with(tmp_path / "site", server, ["/wp.xml"])
    config = (site / "config.yaml").read_text(encoding="utf-8")
    (site / "config.yaml").write_text(config.replace("topics: [AI, Science, Economy]",
                                                     'topics: [AI, Science, Economy, "Arts & Culture"]'), encoding="utf-8")
    assert run_fetch(site, capsys)[0] == 0
    [item] = fetched(site).values()
    assert item["topics"] == ["Arts & Culture"]


@pytest.mark.slow
def test_a_feed_that_fails_or_is_removed_leaves_its_items(tmp_path, server, capsys):
    """A feed that answers 500 or 404 for a while, or that the owner takes out of config.yaml, takes none
    of the items it gave with it: the site keeps showing them, byte for byte."""
    from conftest import build_site

    paths = serve_the_good_feeds(server)
    site = site_with(tmp_path / "site", server, paths)
    assert run_fetch(site, capsys)[0] == 0
    snapshot = files_under(site / "content")
    server.routes["/rss.xml"] = Route(b"", 500, "text/plain")
    server.routes["/atom.xml"] = Route(b"", 404, "text/plain")
    code, out, err = run_fetch(site, capsys)
    assert code == 1 and out.strip().endswith(", 2 failed")
    assert files_under(site / "content") == snapshot
    config = (site / "config.yaml").read_text(encoding="utf-8")
    (site / "config.yaml").write_text(config.replace(f"  - {server.url('/rss.xml')}\n", ""), encoding="utf-8")
    code, out, err = run_fetch(site, capsys)
    assert code == 1 and out.startswith("4 sources")
    assert files_under(site / "content") == snapshot
    assert build_site(site)[1].items == 10


@pytest.mark.slow
def test_xml_entities_neither_read_files_nor_fetch_nor_explode(tmp_path, server, capsys):
    """XXE: an external entity naming a local file, a DTD fetched from elsewhere, and a billion laughs. None
    of the file reaches an item, nothing is asked of the DTD's server, the laughs stay ten characters, and
    each feed's entries are still read."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    laughs = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{n} "{("&lol%s;" % (n - 1 if n > 1 else "")) * 10}">' for n in range(1, 10))

    def rss(doctype: str, title: str) -> bytes:
        return (f'<?xml version="1.0"?>\n<!DOCTYPE rss {doctype}>\n<rss version="2.0"><channel><title>T</title>'
                f'<item><title>{title}</title><link>https://xxe.example/{len(doctype)}</link>'
                f'<description>{title}</description></item></channel></rss>').encode()

    with FeedServer() as elsewhere:
        elsewhere.routes["/evil.dtd"] = Route(f'<!ENTITY file SYSTEM "{secret.as_uri()}">'.encode(),
                                              content_type="application/xml-dtd")
        server.routes.update({
            "/file.xml": Route(rss(f'[<!ENTITY file SYSTEM "{secret.as_uri()}">]', "File &file;")),
            "/dtd.xml": Route(rss(f'SYSTEM "{elsewhere.url("/evil.dtd")}"', "Dtd &file;")),
            "/param.xml": Route(rss(f'[<!ENTITY % dtd SYSTEM "{elsewhere.url("/evil.dtd")}"> %dtd;]', "Param &file;")),
            "/laughs.xml": Route(rss(f"[{laughs}]", "Laughs &lol9;")),
        })
        site = site_with(tmp_path / "site", server, ["/file.xml", "/dtd.xml", "/param.xml", "/laughs.xml"])
        code, out, err = run_fetch(site, capsys)
        assert elsewhere.requests == []
    assert code == 0 and out.startswith("4 sources, 4 new"), err
    texts = [path.read_text(encoding="utf-8") for path in (site / "content" / "fetched").rglob("*.md")]
    assert len(texts) == 4 and all(len(text) < 1000 for text in texts)
    assert not any("TOP-SECRET" in text for text in texts)
    assert sorted(meta["title"].split()[0] for meta in fetched(site).values()) == ["Dtd", "File", "Laughs", "Param"]


@pytest.mark.slow
def test_a_source_whose_settings_change_has_its_items_written_anew(tmp_path, server, capsys):
    """The owner names a source and gives it a topic after a first fetch: the feed answers 304 Not
    Modified, and its items kept the old name and no topic until the feed changed, which may be days."""
    server.routes["/latin1.xml"] = Route(feed("latin1.xml"), content_type="text/xml", etag='"v1"')
    site = site_with(tmp_path / "site", server, ["/latin1.xml"])
    assert run_fetch(site, capsys)[0] == 0
    [before] = fetched(site).values()
    assert before["provider"]["name"] == "Zürich Zeitung" and "topics" not in before
    config = (site / "config.yaml").read_text(encoding="utf-8")
    (site / "config.yaml").write_text(config.replace(
        f"  - {server.url('/latin1.xml')}\n",
        f"  - url: {server.url('/latin1.xml')}\n    name: Zurich Daily\n    topics: [Science]\n"), encoding="utf-8")
    code, out, err = run_fetch(site, capsys)
    assert code == 0 and out.startswith("1 source, 0 new, 1 updated"), out + err
    assert "if-none-match" not in server.asked("/latin1.xml")[1]
    [after] = fetched(site).values()
    assert after["provider"]["name"] == "Zurich Daily" and after["topics"] == ["Science"]
    snapshot = files_under(site)
    code, out, err = run_fetch(site, capsys)  # the same settings: asked "only if changed" again
    assert code == 0 and out.startswith("1 source (1 not modified since the last fetch), 0 new, 0 updated, 0 unchanged")
    assert server.asked("/latin1.xml")[2]["if-none-match"] == '"v1"'
    assert files_under(site) == snapshot


def test_heat_and_quality_come_from_the_source_and_the_position(tmp_path, server, capsys):
    serve_the_good_feeds(server)
    extra = f"  - url: {server.url('/rss.xml')}\n    name: The Planet\n    domain: planet.example\n" \
            f"    quality: 80\n    max_items: 3\n    topics: [Science]\n" \
            f"    logo: https://planet.example/logo.png\n"
    site = site_with(tmp_path / "site", server, [], extra=extra)
    assert run_fetch(site, capsys)[0] == 0
    items = by_title(fetched(site))
    assert sorted(items) == ["Duplicate guid, first", "No guid, no date", "Rate cut & what it means"]
    assert [items[t]["heat"] for t in ("Rate cut & what it means", "No guid, no date", "Duplicate guid, first")] == [100, 95, 90]
    assert {meta["quality"] for meta in items.values()} == {80}
    assert items["Rate cut & what it means"]["topics"] == ["Science", "Economy", "AI"]
    assert items["No guid, no date"]["provider"] == {"name": "The Planet", "domain": "planet.example",
                                                     "images": [{"url": "https://planet.example/logo.png"}]}


def test_max_items_keeps_the_newest_entries_of_a_feed_that_lists_its_oldest_first(tmp_path, server, capsys):
    """A feed of 30 entries, oldest first, with `max_items: 10`: fetch read its 10 oldest, and no new entry
    ever. It reads the 10 newest; a feed with undated entries is read in its own order."""
    def rss(dated: bool) -> bytes:
        items = "".join(f"<item><title>Entry {n}</title><link>https://old.example/{dated}/{n}</link>"
                        + (f"<pubDate>{n + 1:02d} Oct 2026 08:00:00 GMT</pubDate>" if dated else "") + "</item>"
                        for n in range(30))
        return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Old</title>{items}</channel></rss>'.encode()

    server.routes.update({"/dated.xml": Route(rss(True)), "/undated.xml": Route(rss(False))})
    extra = "".join(f"  - url: {server.url(path)}\n    max_items: 10\n" for path in ("/dated.xml", "/undated.xml"))
    site = site_with(tmp_path / "site", server, [], extra=extra)
    assert run_fetch(site, capsys)[0] == 0
    titles = {(meta["originalUrl"].split("/")[3], meta["title"]): meta["heat"] for meta in fetched(site).values()}
    assert sorted(titles) == sorted([("True", f"Entry {n}") for n in range(20, 30)] +
                                    [("False", f"Entry {n}") for n in range(10)])
    # heat: the place from the feed's newest end (an undated feed: its own order)
    assert (titles[("True", "Entry 29")], titles[("True", "Entry 20")]) == (100, 55)
    assert (titles[("False", "Entry 0")], titles[("False", "Entry 9")]) == (100, 55)


def test_duplicate_guids_keep_the_first_entry_and_say_so(tmp_path, server, capsys):
    site = site_with(tmp_path / "site", server, serve_the_good_feeds(server)[:1])
    code, out, err = run_fetch(site, capsys)
    assert code == 0
    titles = by_title(fetched(site))
    assert "Duplicate guid, first" in titles and "Duplicate guid, second" not in titles
    assert "'Duplicate guid, second': the feed lists this entry twice; the first is kept" in err


def test_two_sources_with_one_entry_make_one_item(tmp_path, server, capsys):
    server.routes["/a.xml"] = Route(feed("latin1.xml"), content_type="text/xml")
    server.routes["/b.xml"] = Route(feed("latin1.xml").replace(b"Z\xfcrich Zeitung", b"Mirror"), content_type="text/xml")
    site = site_with(tmp_path / "site", server, ["/a.xml", "/b.xml"])
    code, out, err = run_fetch(site, capsys)
    assert out.strip() == "2 sources, 1 new, 0 updated, 1 unchanged, 0 failed"
    assert [meta["provider"]["name"] for meta in fetched(site).values()] == ["Zürich Zeitung"]


def test_keep_days_expires_only_fetched_unedited_items(tmp_path, server, capsys):
    site = site_with(tmp_path / "site", server, serve_the_good_feeds(server), fetch="keep_days: 2\n")
    (site / "content" / "mine.md").write_text("---\ntitle: Mine\npublishedDateTime: 2020-01-01T00:00:00Z\n---\n",
                                              encoding="utf-8")
    code, out, err = run_fetch(site, capsys)
    # published before 2026-11-20T12:00Z: the launch video (18th), the first duplicate (19th), and on the
    # 20th "Only updated" and "Text only" (07:30) and the rate cut (08:15)
    assert code == 0 and out.strip().endswith(", 5 expired"), out
    assert sorted(by_title(fetched(site))) == ["A JSON story", "Café in Zürich eröffnet", "No guid, no date",
                                               "Relative links resolved", "日本語のタイトル — with a BOM"]
    assert (site / "content" / "mine.md").is_file()
    # an expired entry is not fetched again while its feed still lists it; an edited one is never expired
    server.routes["/rss.xml"] = Route(feed("rss.xml") + b"\n", etag='"rss-v2"')
    edited = next((site / "content" / "fetched").rglob("a-json-story-*.md"))
    edited.write_text(edited.read_text(encoding="utf-8") + "My note.\n", encoding="utf-8")
    config = (site / "config.yaml").read_text(encoding="utf-8").replace("keep_days: 2", "keep_days: 1")
    (site / "config.yaml").write_text(config, encoding="utf-8")
    code, out, err = run_fetch(site, capsys)
    assert code == 0 and ", 0 new," in out and out.strip().endswith(", 3 expired"), out
    assert "older than fetch.keep_days, but edited by hand: kept" in err
    assert sorted(by_title(fetched(site))) == ["A JSON story", "No guid, no date"]


def test_a_lost_state_file_makes_fetch_adopt_identical_files_and_leave_the_rest(tmp_path, server, capsys):
    site = site_with(tmp_path / "site", server, serve_the_good_feeds(server))
    assert run_fetch(site, capsys)[0] == 0
    edited = next((site / "content" / "fetched").rglob("text-only-*.md"))
    edited.write_text(edited.read_text(encoding="utf-8") + "My note.\n", encoding="utf-8")
    (site / "fetch-state.json").unlink()
    snapshot = files_under(site / "content")
    code, out, err = run_fetch(site, capsys)
    assert out.strip() == "5 sources, 0 new, 0 updated, 10 unchanged, 0 failed"
    assert f"{edited.relative_to(site / 'content').as_posix()}: already there, and not written by fetch" in err
    assert files_under(site / "content") == snapshot


def test_opml_sources_and_config_errors(tmp_path, server, capsys):
    serve_the_good_feeds(server)
    opml = f"""<?xml version="1.0"?><opml version="2.0"><head><title>Mine</title></head><body>
      <outline text="Science"><outline text="The Journal" type="rss" xmlUrl="{server.url('/atom.xml')}"/></outline>
      <outline text="JSON" type="rss" xmlUrl="{server.url('/feed.json')}"/></body></opml>"""
    site = site_with(tmp_path / "site", server, ["/feed.json"], fetch="opml: feeds.opml\n")
    (site / "feeds.opml").write_text(opml, encoding="utf-8")
    code, out, err = run_fetch(site, capsys)
    assert code == 0 and out.startswith("2 sources, 4 new"), out + err
    assert {meta["provider"]["name"] for meta in fetched(site).values()} == {"JSON Times", "The Journal"}
    assert all(meta["topics"] == ["Science"] for meta in fetched(site).values() if meta["provider"]["name"] == "The Journal")

    bad = make_site(tmp_path / "bad", {}, "sources:\n  - https://ok.example/feed\n  - ftp://x.example/feed\n"
                                          "  - url: https://ok.example/feed\n  - url: https://y.example/\n    qualty: 3\n"
                                          "fetch:\n  timeout: 0\n")
    code, out, err = run_fetch(bad, capsys)
    assert code == 2 and out == ""
    assert "config.yaml:3: `sources[1]` needs an http(s) feed URL, got 'ftp://x.example/feed'" in err
    assert "config.yaml:4: `sources[2]`: https://ok.example/feed is listed twice" in err
    assert "config.yaml:6: unknown key `sources[3].qualty` (did you mean `sources[3].quality`?)" in err
    assert "config.yaml:8: `fetch.timeout` must be positive" in err
    none = make_site(tmp_path / "none", {}, "title: x\n")
    code, out, err = run_fetch(none, capsys)
    assert code == 2 and "no `sources:` to fetch" in err
    broken = make_site(tmp_path / "opml", {}, "sources: [https://ok.example/]\nfetch:\n  opml: feeds.opml\n")
    (broken / "feeds.opml").write_text("<opml><body><outline", encoding="utf-8")
    code, out, err = run_fetch(broken, capsys)
    assert code == 2 and "feeds.opml:1: not valid XML" in err
    (broken / "feeds.opml").write_text('<!DOCTYPE opml [<!ENTITY a "x">]><opml><body/></opml>', encoding="utf-8")
    code, out, err = run_fetch(broken, capsys)  # (it said what is wrong, and not what to do)
    assert code == 2 and err == ("feeds.opml: not an OPML file newsdesk reads (too big, or declares entities) (export "
                                 "it again from your feed reader: fetch reads one of at most 4 MiB that declares no "
                                 "<!ENTITY>)\n"), err
    (broken / "feeds.opml").unlink()  # said at config.yaml's line that names it (was "feeds.opml: cannot read ...")
    code, out, err = run_fetch(broken, capsys)
    assert code == 2 and err.startswith("config.yaml:3: OPML file feeds.opml (`fetch.opml`) not found (correct "
                                        "`fetch.opml` to the file your feed reader exported"), err


def test_a_429_with_retry_after_is_waited_for(tmp_path, server, capsys):
    server.routes["/busy.xml"] = Route(b"", 429, "text/plain", headers={"Retry-After": "1"},
                                       then=Route(feed("latin1.xml"), content_type="text/xml"))
    server.routes["/busier.xml"] = Route(b"", 503, "text/plain", headers={"Retry-After": "3600"})
    site = site_with(tmp_path / "site", server, ["/busy.xml", "/busier.xml"], fetch="retries: 1\nmax_wait: 5\n")
    code, out, err = run_fetch(site, capsys)
    assert code == 1 and out.startswith("2 sources, 1 new")
    first, second = server.asked("/busy.xml")
    assert len(server.asked("/busier.xml")) == 1
    assert (f"failed: {listed(site, server.url('/busier.xml'))}: HTTP 503 Service Unavailable; asks to wait 3600 s, more than "
            f"fetch.max_wait: tried again on the next fetch") in err


@pytest.mark.slow
def test_a_huge_feed_fails_alone(tmp_path, server, capsys):
    server.routes["/huge.xml"] = Route(stream_bytes=20 * 1024 * 1024)
    server.routes["/bomb.xml"] = Route(b"<rss>" + b" " * (3 * 1024 * 1024) + b"</rss>", gzip=True)
    server.routes["/latin1.xml"] = Route(feed("latin1.xml"), content_type="text/xml")
    site = site_with(tmp_path / "site", server, ["/huge.xml", "/bomb.xml", "/latin1.xml"], fetch="max_bytes: 1048576\n")
    code, out, err = run_fetch(site, capsys)
    assert code == 1 and out.strip() == "3 sources, 1 new, 0 updated, 0 unchanged, 2 failed"
    assert (f"failed: {listed(site, server.url('/huge.xml'))}: the feed is 20,971,520 bytes, more than fetch.max_bytes "
            f"(1,048,576)") in err
    assert f"failed: {listed(site, server.url('/bomb.xml'))}: the feed is more than fetch.max_bytes (1,048,576 bytes)" in err


@pytest.mark.slow
def test_a_feed_that_never_answers_times_out(tmp_path, capsys):
    """A server that takes the request and never answers (no time to race: a late answer was a flaky test)."""
    import socket

    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()  # (the connection is made, in its backlog; nothing ever reads or answers it)
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/feed"
        site = make_site(tmp_path / "site", {}, f"sources: [{url}]\nfetch:\n  timeout: 1\n  retries: 0\n")
        code, out, err = run_fetch(site, capsys)
    assert code == 1 and out.strip() == "1 source, 0 new, 0 updated, 0 unchanged, 1 failed"
    assert f"failed: config.yaml:1: {url}: timed out: no answer within 1 s" in err, err


@pytest.mark.slow
def test_a_feed_that_trickles_past_the_timeout_fails(tmp_path, capsys):
    import socket
    import threading

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    port = listener.getsockname()[1]
    stop = threading.Event()

    def trickle():
        connection, _ = listener.accept()
        connection.recv(65536)
        connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: 100000\r\n\r\n")
        try:
            # A byte every 0.05 s until fetch hangs up: each read is quick (a fortieth of the timeout, so that
            # a late wake-up is not taken for no answer), the whole never ends.
            while not stop.is_set():
                connection.sendall(b" ")
                time.sleep(0.05)
        except OSError:
            pass
        connection.close()

    thread = threading.Thread(target=trickle, daemon=True)
    thread.start()
    site = make_site(tmp_path / "site", {}, f"sources: [http://127.0.0.1:{port}/feed]\nfetch:\n  timeout: 2\n  retries: 0\n")
    try:
        code, out, err = run_fetch(site, capsys)
    finally:
        stop.set()
        listener.close()
    assert code == 1 and "timed out: the feed took more than 2 s" in err


def test_an_answer_broken_off_is_not_told_as_a_failed_connection(tmp_path, capsys):
    """A server that closes before the length it announced, or without an answer at all, was reported as
    "cannot connect ...; check the host name", sending the owner to the wrong fix."""
    import socket
    import threading

    answers = [b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: 100000\r\n\r\n<rss>", b""]
    listeners = []
    for answer in answers:
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listeners.append(listener)

        def serve(listener=listener, answer=answer):
            connection, _ = listener.accept()
            connection.recv(65536)
            connection.sendall(answer)
            connection.close()

        threading.Thread(target=serve, daemon=True).start()
    urls = [f"http://127.0.0.1:{listener.getsockname()[1]}/feed" for listener in listeners]
    site = make_site(tmp_path / "site", {}, "sources:\n" + "".join(f"  - {url}\n" for url in urls) +
                     "fetch:\n  timeout: 5\n  retries: 0\n")
    code, out, err = run_fetch(site, capsys)
    for listener in listeners:
        listener.close()
    assert code == 1 and out.strip().endswith("2 failed")
    assert [line for line in err.splitlines() if line.startswith("failed: ")] == [
        f"failed: config.yaml:2: {urls[0]}: the server broke off or garbled its answer: peer closed connection "
        f"without sending complete message body (received 5 bytes, expected 100000); tried again on the next fetch",
        f"failed: config.yaml:3: {urls[1]}: the server broke off or garbled its answer: Server disconnected without "
        f"sending a response; tried again on the next fetch",
    ]


def test_a_host_that_cannot_be_reached_is_tried_for_one_feed_only(tmp_path, server, capsys):
    """A site that is down, with five feeds listed, cost five times its retries (and timeouts, when its
    address drops connections): minutes of a scheduled run, as one host's feeds are asked one at a time.
    Once a host could not be reached through every retry, its other feeds are not asked in this fetch; the
    feeds of other hosts are, and a host that is merely slow for one feed is still asked for the others."""
    import socket

    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()  # nothing listens there: each connection is refused
    server.routes["/ok.xml"] = Route(feed("latin1.xml"), content_type="text/xml")
    down = [f"http://127.0.0.1:{port}/feed{n}.xml" for n in range(3)]
    site = make_site(tmp_path / "site", {}, "sources:\n" + "".join(f"  - {url}\n" for url in down) +
                     f"  - {server.url('/ok.xml')}\nfetch:\n  retries: 1\n  backoff: 0.1\n  concurrency: 1\n")
    code, out, err = run_fetch(site, capsys)
    assert code == 1 and out.strip() == "4 sources, 1 new, 0 updated, 0 unchanged, 3 failed"
    failed = [line for line in err.splitlines() if line.startswith("failed: ")]
    assert failed[0].startswith(f"failed: config.yaml:2: {down[0]}: cannot connect: ")
    # (the host answered that nothing listens at that port: not "check the host name", which sent one to the
    # wrong fix for a server not started or a port misspelt)
    assert failed[0].endswith(" (tried 2 times); check the port in the URL, and that the server is running; tried "
                              "again on the next fetch")  # (the tries said: they are why it took so long)
    assert failed[1:] == [
        f"failed: config.yaml:{line}: {url}: not asked: 127.0.0.1:{port} could not be reached for another feed "
        f"earlier in this fetch; tried again on the next fetch" for line, url in ((3, down[1]), (4, down[2]))]


def test_feeds_on_one_host_are_asked_one_at_a_time(tmp_path, server, capsys):
    for index in range(4):
        server.routes[f"/s{index}.xml"] = Route(feed("bom.xml").replace(b"bom-a", f"bom-{index}".encode()), delay=0.2)
    site = site_with(tmp_path / "site", server, [f"/s{index}.xml" for index in range(4)], fetch="concurrency: 4\n")
    original = server.httpd.RequestHandlerClass.do_GET
    active, most = [0], [0]

    def counting(handler):
        active[0] += 1
        most[0] = max(most[0], active[0])
        try:
            original(handler)
        finally:
            active[0] -= 1

    server.httpd.RequestHandlerClass.do_GET = counting
    code, out, err = run_fetch(site, capsys)
    assert code == 0 and out.startswith("4 sources, 4 new")
    assert most[0] == 1


def test_fetch_state_is_plain_sorted_json(tmp_path, server, capsys):
    site = site_with(tmp_path / "site", server, serve_the_good_feeds(server))
    assert run_fetch(site, capsys)[0] == 0
    text = (site / "fetch-state.json").read_text(encoding="utf-8")
    state = json.loads(text)
    assert state["version"] == 1
    assert text == json.dumps(state, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    files = sorted(item["file"] for item in state["items"].values())
    assert files == sorted(p.relative_to(site / "content").as_posix() for p in (site / "content" / "fetched").rglob("*.md"))
    assert not os.environ.get("http_proxy") or "127.0.0.1" in os.environ.get("no_proxy", "")


@pytest.mark.slow  # runs the fetch benchmark (bench/fetch.py) in a process of its own
def test_the_fetch_benchmark_runs_and_reports_in_json():
    done = subprocess.run([sys.executable, "-m", "bench.fetch", "--sources", "20", "--hosts", "3"], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["sources"] == 20 and report["failing"] == 1 and report["items_written"] > 100
    assert report["nothing_new_summary"] == ("20 sources (19 not modified since the last fetch), 0 new, 0 updated, "
                                             "0 unchanged, 1 failed")
    assert report["first_fetch_seconds"] > 0 and report["peak_rss_mb"] >= report["rss_before_mb"] > 0


# --- on a schedule: the GitHub Actions workflow --------------------------------------------------------------

def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True,
                          env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                               "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"})
    return done.stdout


def workflow_of(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


@pytest.mark.slow
def test_init_writes_a_workflow_that_fetches_commits_and_publishes_on_a_schedule(tmp_path, server, capsys):
    site = site_with(tmp_path / "site", server, serve_the_good_feeds(server))
    assert main(["init", str(site), "--github-actions", "--install", "newsdesk==0.1.0",
                 "--fetch-schedule", "17  * * * *"]) == 0
    assert "on the schedule '17 * * * *'" in capsys.readouterr().out
    flow = workflow_of(site / ".github/workflows/pages.yml")
    assert flow["on"]["schedule"] == [{"cron": "17 * * * *"}] and "push" in flow["on"]
    assert flow["permissions"]["contents"] == "write"
    steps = flow["jobs"]["build"]["steps"]
    names = [step.get("name") for step in steps]
    fetch_step, commit_step = steps[names.index("Fetch the feeds")], steps[names.index("Commit what was fetched")]
    assert names.index("Fetch the feeds") < names.index("Commit what was fetched") < names.index("Build")
    assert fetch_step["if"] == commit_step["if"] == "github.event_name != 'push'"

    # The steps' own shell, in a clone of a repository with a remote: fetch exits 1 for a failed feed and
    # the step goes on; what was fetched is committed and pushed; with nothing new, nothing is committed.
    origin, clone = tmp_path / "origin.git", tmp_path / "clone"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(origin))
    git(site, "init", "-q", "-b", "main")
    git(site, "add", "-A")
    git(site, "commit", "-q", "-m", "Site")
    git(site, "push", "-q", str(origin), "main")
    git(tmp_path, "clone", "-q", str(origin), str(clone))
    config = (clone / "config.yaml").read_text(encoding="utf-8")
    (clone / "config.yaml").write_text(config + f"  - {server.url('/missing.xml')}\n", encoding="utf-8")
    git(clone, "commit", "-q", "-am", "One more source")
    newsdesk = Path(sys.executable).parent
    environment = {**os.environ, "PATH": f"{newsdesk}{os.pathsep}{os.environ['PATH']}", "CI": "true"}

    def step(script: str) -> subprocess.CompletedProcess:
        return subprocess.run(["bash", "-e", "-c", script], cwd=clone, capture_output=True, text=True,
                              env=environment, timeout=120)

    if not (newsdesk / "newsdesk").exists():
        environment["PATH"] = f"{tmp_path}{os.pathsep}{environment['PATH']}"
        (tmp_path / "newsdesk").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m generator "$@"\n')
        (tmp_path / "newsdesk").chmod(0o755)
    done = step(fetch_step["run"])
    assert done.returncode == 0, done.stderr
    assert f"failed: {listed(clone, server.url('/missing.xml'))}: HTTP 404 Not Found" in done.stderr
    done = step(commit_step["run"])
    assert done.returncode == 0, done.stderr
    pushed = git(origin, "show", "--stat", "--format=%s", "main")
    assert pushed.startswith("Fetch feeds\n") and "fetch-state.json" in pushed and pushed.count(".md ") == 10
    assert step(fetch_step["run"]).returncode == 0
    done = step(commit_step["run"])
    assert done.returncode == 0 and "Nothing new." in done.stdout
    assert git(origin, "rev-list", "--count", "main").strip() == "3"


def test_a_fetch_schedule_for_a_site_without_sources_says_to_add_them(tmp_path, capsys):
    """`newsdesk init my-site --github-actions --fetch-schedule ...` makes a site with no `sources:`, where
    `newsdesk fetch` exits 2 and so every scheduled run would fail: init says so."""
    assert main(["init", str(tmp_path / "site"), "--github-actions", "--install", "newsdesk==0.1.0",
                 "--fetch-schedule", "17 * * * *"]) == 0
    assert "note: config.yaml lists no `sources:` yet" in capsys.readouterr().err
    assert main(["fetch", "--config", str(tmp_path / "site/config.yaml")]) == 2


def test_fetch_schedule_needs_the_workflow_and_a_cron_line(tmp_path, capsys):
    assert main(["init", str(tmp_path / "a"), "--fetch-schedule", "17 * * * *"]) == 2
    assert "--fetch-schedule is for the workflow: add --github-actions" in capsys.readouterr().err
    with pytest.raises(SystemExit) as stopped:
        main(["init", str(tmp_path / "b"), "--github-actions", "--fetch-schedule", "hourly"])
    assert stopped.value.code == 2
    assert "'hourly' is not a cron schedule of five fields" in capsys.readouterr().err
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


@pytest.mark.slow
def test_serve_shows_what_fetch_writes_as_a_full_build_would(tmp_path, server, capsys):
    # fetch writes its files while `newsdesk serve` runs: they are edits like any other.
    from test_server import get, start, wait_for

    site = site_with(tmp_path / "site", server, serve_the_good_feeds(server))
    dev = start(site)
    try:
        code, _, _ = run_fetch(site, capsys)
        assert code == 0
        titles = [meta["title"] for meta in fetched(site).values()]
        assert titles

        def served_front_page() -> str:
            status, _, body = get(dev, "/")
            return body.decode("utf-8") if status == 200 else ""

        wait_for(lambda: "Rate cut &amp; what it means" in served_front_page(), "the fetched story on the front page")
        wait_for(lambda: dev.idle and not any(r.error for r in dev.rebuilds), "serve to settle")
        served = files_under(site / "output")
    finally:
        dev.stop()
    assert served == clean_build(site, tmp_path / "fresh")



@pytest.mark.slow
def test_progress_shows_on_a_terminal_and_not_in_a_log(tmp_path, server):
    # One host answers one request at a time: two feeds of 0.8 s each make a fetch of more than a second,
    # long enough for the live line. On a terminal it is written and cleared; in a log only the summary.
    import pty

    server.routes["/a.xml"] = Route(feed("rss.xml"), delay=0.8)
    server.routes["/b.xml"] = Route(feed("atom.xml"), content_type="application/atom+xml", delay=0.8)
    site = site_with(tmp_path / "site", server, ["/a.xml", "/b.xml"])
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    command = [sys.executable, "-m", "generator", "fetch", "--config", str(site / "config.yaml")]

    main_end, terminal = pty.openpty()
    try:
        done = subprocess.run(command, stderr=terminal, stdout=subprocess.PIPE, env=env, timeout=60)
        os.close(terminal)
        shown = b""
        while True:
            try:
                chunk = os.read(main_end, 4096)
            except OSError:  # the terminal's other end is closed: all was read
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(main_end)
    assert done.returncode == 0
    assert b"\r\x1b[KFetching 2/2\r\x1b[K" in shown  # the live line, then cleared before anything else
    assert b"new" in done.stdout  # the summary line

    (site / "fetch-state.json").unlink()  # (so that the second run fetches as long again)
    logged = subprocess.run(command, capture_output=True, env=env, timeout=60)
    assert logged.returncode == 0 and b"Fetching" not in logged.stderr
