"""How fetch tells entries and their writers apart: a guid that is an id and not a page, one guid a CMS gives
every entry, guids added later, items deleted by hand staying deleted, long guids in the state; providers on
shared hosts (a YouTube channel, a GitHub repository, a subreddit each its own) and an entry's authors."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest

from conftest import build_site, cpu_seconds, feed_site, fetched, make_site
from feed_server import FeedServer, Route
from generator.cli import main


def rss(items: str, title: str = "Town News", link: str = "https://town.example/") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>{title}</title>'
            f"<link>{link}</link>{items}</channel></rss>").encode()


def run(site: Path) -> tuple[int, str]:
    said = io.StringIO()
    with contextlib.redirect_stdout(said), contextlib.redirect_stderr(said):
        code = main(["fetch", "--config", str(site / "config.yaml")])
    return code, said.getvalue()


def files(site: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted((site / "content" / "fetched").rglob("*.md"))}


def state(site: Path) -> dict:
    return json.loads((site / "fetch-state.json").read_text(encoding="utf-8"))


NUMBERED = rss(
    "<item><title>Numbered story</title><guid>12345</guid><pubDate>Sat, 21 Nov 2026 08:00:00 GMT</pubDate>"
    "<description>A story whose only id is a number.</description></item>"
    "<item><title>Pathed story</title><guid>/stories/9</guid><pubDate>Sat, 21 Nov 2026 07:00:00 GMT</pubDate></item>"
    "<item><title>Permalink story</title><guid>https://town.example/p?id=7&amp;x=1</guid>"
    "<pubDate>Sat, 21 Nov 2026 06:00:00 GMT</pubDate></item>"
    "<item><title>Permalink in CDATA</title><guid><![CDATA[https://town.example/q?id=8&x=1]]></guid>"
    "<pubDate>Sat, 21 Nov 2026 05:00:00 GMT</pubDate></item>"
    "<item><title>Linked story</title><guid>777</guid><link>https://town.example/linked</link>"
    "<pubDate>Sat, 21 Nov 2026 04:00:00 GMT</pubDate></item>")


def test_a_guid_that_is_no_url_is_no_link_and_its_item_stays_the_same(tmp_path):
    with FeedServer() as server:
        server.routes["/news.rss"] = Route(NUMBERED, etag='"v1"')
        site = feed_site(tmp_path / "site", f"  - {server.url('/news.rss')}\n")
        code, said = run(site)
        assert code == 0, said
        items = fetched(site)
        assert len(items) == 5
        # (feedparser made these http://127.0.0.1:PORT/12345: a page the feed's server does not have)
        for title in ("Numbered story", "Pathed story"):
            assert "originalUrl" not in items[title] and "webUrl" not in items[title], items[title]
        assert items["Permalink story"]["originalUrl"] == "https://town.example/p?id=7&x=1"
        assert items["Permalink in CDATA"]["originalUrl"] == "https://town.example/q?id=8&x=1"
        assert items["Linked story"]["originalUrl"] == "https://town.example/linked"
        # each is still known by its guid: the state names it so, and a second fetch of the unchanged
        # feed (read whole: no validator sent) writes nothing new
        keys = set(state(site)["items"])
        assert {f"https://127.0.0.1:{server.port}/12345", f"https://127.0.0.1:{server.port}/stories/9"} <= keys
        before = files(site)
        server.routes["/news.rss"] = Route(NUMBERED)
        code, said = run(site)
        assert code == 0, said
        assert said.strip().endswith("1 source, 0 new, 0 updated, 5 unchanged, 0 failed"), said
        assert files(site) == before


@pytest.mark.slow  # a benchmark of two sizes: two fetches of large feeds
def test_a_feed_of_unclosed_guids_costs_one_reading(tmp_path):
    # (the guids as written are read only to tell ids from addresses: a run of "<guid><![CDATA[" without an
    # end, each searched to the next one's end, took time in the square of its length). Four times the run
    # costs about four times the CPU (fetch's and its feed reader's), not sixteen: a ratio, not a clock limit.
    def fetching(length: int) -> float:
        hostile = NUMBERED.replace(b"</channel>", b"<guid><![CDATA[" * length + b"</channel>")
        with FeedServer() as server:
            server.routes["/news.rss"] = Route(hostile)
            site = feed_site(tmp_path / str(length), f"  - {server.url('/news.rss')}\n")
            started = cpu_seconds()
            code, said = run(site)
            spent = cpu_seconds() - started
        assert code == 0, said
        assert "originalUrl" not in fetched(site)["Numbered story"]
        return spent

    small, large = fetching(100_000), fetching(400_000)
    assert large < 8 * small, (large, small)


def test_an_item_without_a_link_builds_without_a_warning(tmp_path):
    with FeedServer() as server:
        server.routes["/news.rss"] = Route(NUMBERED)
        site = feed_site(tmp_path / "site", f"  - {server.url('/news.rss')}\n")
        assert run(site)[0] == 0
    config, result = build_site(site)
    assert not result.site.problems and not result.site.warnings, [str(p) for p in
                                                                   (*result.site.problems, *result.site.warnings)]
    (page,) = [path.read_text(encoding="utf-8") for path in config.output_path.rglob("index.html")
               if "<h1" in path.read_text(encoding="utf-8") and ">Numbered story</h1>" in path.read_text(encoding="utf-8")]
    assert "A story whose only id is a number." in page
    assert "127.0.0.1" not in page


def shared(*entries: tuple[str, str]) -> bytes:
    """Entries (title, path) that all have the guid "post", as some CMSs write every entry's."""
    return rss("".join(f'<item><title>{title}</title><guid isPermaLink="false">post</guid>'
                       f"<link>https://town.example/{path}</link><pubDate>Sat, 21 Nov 2026 {len(path):02}:00:00 GMT"
                       f"</pubDate></item>" for title, path in entries))


def test_entries_sharing_one_guid_are_each_an_item_and_fetch_says_what_to_do(tmp_path):
    with FeedServer() as server:
        server.routes["/cms.rss"] = Route(shared(("Market day", "market"), ("Bridge closed", "bridge"),
                                                 ("Choir concert", "choir")))
        site = feed_site(tmp_path / "site", f"  - url: {server.url('/cms.rss')}\n    name: Town CMS\n")
        code, said = run(site)
    assert code == 0, said
    items = fetched(site)
    assert sorted(items) == ["Bridge closed", "Choir concert", "Market day"]
    assert items["Bridge closed"]["originalUrl"] == "https://town.example/bridge"
    assert (f"note: config.yaml:8: Town CMS ({server.url('/cms.rss')}): 3 entries share the guid 'post' though "
            f"their links or titles differ") in said
    assert "ask the feed's owner to give each entry a <guid>" in said
    assert "1 source, 3 new, 0 updated, 0 unchanged, 0 failed" in said


def test_an_item_fetched_under_a_guid_later_shared_keeps_its_file(tmp_path):
    with FeedServer() as server:
        server.routes["/cms.rss"] = Route(shared(("Market day", "market")))
        site = feed_site(tmp_path / "site", f"  - {server.url('/cms.rss')}\n")
        assert run(site)[0] == 0
        (first,) = files(site).items()
        # the CMS's next entry has the same guid: both are items, the first one in its own file, untouched
        server.routes["/cms.rss"] = Route(shared(("Bridge closed", "bridge"), ("Market day", "market")))
        code, said = run(site)
        assert code == 0, said
        assert "1 source, 1 new, 0 updated, 1 unchanged, 0 failed" in said
        after = files(site)
        assert len(after) == 2 and after[first[0]] == first[1]
        assert sorted(fetched(site)) == ["Bridge closed", "Market day"]
        assert "https://town.example/market" in state(site)["items"]  # known by its link from now on
        code, said = run(site)
        assert "1 source, 0 new, 0 updated, 2 unchanged, 0 failed" in said and files(site) == after


# Entries a feed lists again: each kept once, the repeat said once with how often. Without links, entries sharing
# a guid (a CMS's) are told apart by their titles.
REPEATED = {
    "sharing a guid, without links": (
        "".join(f'<item><title>{title}</title><guid isPermaLink="false">0</guid><description>{title}, in words'
                f"</description></item>" for title in ("Tide tables", "Ferry times", "Tide tables")),
        ["Ferry times", "Tide tables"], "'Tide tables': the feed lists this entry twice; the first is kept"),
    "listed three times": (
        "".join(f"<item><title>{title}</title><link>https://town.example/{title[:4]}</link></item>"
                for title in ("Bonus", "Tides", "Bonus", "Bonus")),
        ["Bonus", "Tides"], "'Bonus': the feed lists this entry 3 times; the first is kept"),
}


@pytest.mark.parametrize("case", sorted(REPEATED))
def test_an_entry_listed_again_is_kept_once_and_said_once(tmp_path, case):
    entries, kept, note = REPEATED[case]
    with FeedServer() as server:
        server.routes["/again.rss"] = Route(rss(entries))
        site = feed_site(tmp_path / "site", f"  - {server.url('/again.rss')}\n")
        code, said = run(site)
    assert code == 0, said
    assert sorted(fetched(site)) == kept
    assert said.count("the feed lists this entry") == 1 and note in said, said


def test_items_an_older_reading_wrote_are_written_anew_but_not_those_edited_by_hand(tmp_path):
    with FeedServer() as server:
        server.routes["/news.rss"] = Route(NUMBERED, etag='"v1"')
        site = feed_site(tmp_path / "site", f"  - {server.url('/news.rss')}\n")
        assert run(site)[0] == 0
        paths = {fetched_title(path): path for path in (site / "content" / "fetched").rglob("*.md")}
        # What the older newsdesk wrote: a link to a page that is not there, and the state's record of it
        # (its hash; the feed's settings, of that newsdesk). One of them was edited by hand since.
        old = server.url("/12345")
        recorded = state(site)
        for title, edited in (("Numbered story", False), ("Pathed story", True)):
            path = paths[title]
            text = path.read_text(encoding="utf-8").replace("type: article\n", f"originalUrl: {old}\nwebUrl: {old}\n"
                                                                              "type: article\n")
            path.write_text(text, encoding="utf-8")
            written = text if not edited else text.replace(f"webUrl: {old}\n", "")
            record = next(item for item in recorded["items"].values() if item["file"].endswith(path.name))
            record["sha256"] = hashlib.sha256(written.encode("utf-8")).hexdigest()
        (feed_record,) = recorded["feeds"].values()
        feed_record["settings"] = "0123456789ab"
        (site / "fetch-state.json").write_text(json.dumps(recorded, indent=1, sort_keys=True) + "\n", encoding="utf-8")

        code, said = run(site)
        assert code == 0, said
        assert [headers.get("if-none-match") for headers in server.asked("/news.rss")] == [None, None]
        assert "1 source, 0 new, 1 updated, 4 unchanged, 0 failed" in said
        items = fetched(site)
        assert "originalUrl" not in items["Numbered story"]  # read as this newsdesk reads it
        assert items["Pathed story"]["originalUrl"] == old  # the user's file: left as it is
        assert f"{paths['Pathed story'].name}: edited by hand, left as it is" in said
        # and from then on the feed is asked for with its validator again
        code, said = run(site)
        assert server.asked("/news.rss")[-1].get("if-none-match") == '"v1"'
        assert "1 source (1 not modified since the last fetch), 0 new, 0 updated, 0 unchanged, 0 failed" in said


def fetched_title(path: Path) -> str:
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])["title"]


def channel(name: str, channel_id: str) -> bytes:
    """A YouTube channel's feed, as YouTube writes it (its videos' links on youtube.com: fetch asks only the
    test's server, at 127.0.0.1, for the feed). Its video's id is 11 characters, as YouTube's are."""
    video = (channel_id + "000000000")[:9] + "v1"
    return (f'<?xml version="1.0" encoding="UTF-8"?><feed xmlns:yt="http://www.youtube.com/xml/schemas/2015" '
            f'xmlns="http://www.w3.org/2005/Atom"><id>yt:channel:{channel_id}</id><title>{name}</title>'
            f'<link rel="alternate" href="https://www.youtube.com/channel/{channel_id}"/>'
            f"<entry><id>yt:video:{video}</id><yt:videoId>{video}</yt:videoId><title>{name}: this week"
            f'</title><link rel="alternate" href="https://www.youtube.com/watch?v={video}"/>'
            f"<published>2026-11-20T18:30:05+00:00</published></entry></feed>").encode()


def releases(repository: str) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<id>tag:github.com,2008:https://github.com/{repository}/releases</id>"
            f'<link type="text/html" rel="alternate" href="https://github.com/{repository}/releases"/>'
            f"<title>Release notes from {repository.split('/')[1]}</title>"
            f"<entry><id>tag:github.com,2008:Repository/{repository}/v1.0</id><updated>2026-11-20T10:00:00Z</updated>"
            f'<link rel="alternate" type="text/html" href="https://github.com/{repository}/releases/tag/v1.0"/>'
            f"<title>v1.0</title><content type=\"html\">&lt;p&gt;First release.&lt;/p&gt;</content></entry></feed>").encode()


SHARED_ROUTES = {
    "/harbour.xml": Route(channel("Harbour Town Council", "UCharbour"), content_type="application/atom+xml"),
    "/choir.xml": Route(channel("Town Choir", "UCchoir"), content_type="application/atom+xml"),
    "/lifeboat.xml": Route(channel("Lifeboat Station", "UClifeboat"), content_type="application/atom+xml"),
    "/widget.atom": Route(releases("acme/widget"), content_type="application/atom+xml"),
    "/gadget.atom": Route(releases("acme/gadget"), content_type="application/atom+xml"),
    "/sailing.rss": Route(rss('<item><title>Regatta on Sunday</title><link>https://www.reddit.com/r/sailing/comments/1/'
                              '</link><pubDate>Sat, 21 Nov 2026 08:00:00 GMT</pubDate></item>',
                              title="sailing", link="https://www.reddit.com/r/sailing/")),
    "/town.rss": Route(rss("<item><title>Market day</title><link>https://town.example/market</link>"
                           "<pubDate>Sat, 21 Nov 2026 08:00:00 GMT</pubDate></item>")),
    "/mirror.xml": Route(channel("Mirror Channel", "UCmirror"), content_type="application/atom+xml"),
}


@pytest.fixture(scope="module")
def shared_site(tmp_path_factory) -> Path:
    with FeedServer() as server:
        server.routes.update(SHARED_ROUTES)
        sources = "".join(f"  - {server.url(path)}\n" for path in SHARED_ROUTES if path not in ("/harbour.xml", "/mirror.xml"))
        sources += (f"  - url: {server.url('/harbour.xml')}\n    logo: https://cdn.example/harbour.png\n"
                    f"  - url: {server.url('/mirror.xml')}\n    name: Our Videos\n    domain: youtube.com\n")
        site = feed_site(tmp_path_factory.mktemp("identity") / "site", sources)
        code, said = run(site)
        assert code == 0, said
    return site


def test_each_channel_repository_and_subreddit_is_a_provider_of_its_own(shared_site):
    items = fetched(shared_site)
    assert items["Harbour Town Council: this week"]["provider"] == {
        "name": "Harbour Town Council", "domain": "youtube.com", "account": "https://youtube.com/channel/UCharbour",
        "images": [{"url": "https://cdn.example/harbour.png"}]}
    assert items["Town Choir: this week"]["provider"]["account"] == "https://youtube.com/channel/UCchoir"
    assert items["widget v1.0"]["provider"] == {"name": "Release notes from widget", "domain": "github.com",
                                                "account": "https://github.com/acme/widget"}
    assert items["gadget v1.0"]["provider"]["account"] == "https://github.com/acme/gadget"
    assert items["Regatta on Sunday"]["provider"] == {"name": "sailing", "domain": "reddit.com",
                                                      "account": "https://reddit.com/r/sailing"}
    # a site of its own, and a source config.yaml gives a domain, are as they were
    assert items["Market day"]["provider"] == {"name": "Town News", "domain": "town.example"}
    assert items["Mirror Channel: this week"]["provider"] == {"name": "Our Videos", "domain": "youtube.com"}


def test_the_site_shows_each_account_on_a_provider_page_of_its_own(shared_site):
    config, result = build_site(shared_site)
    assert not result.site.problems and not result.site.warnings, [str(p) for p in
                                                                   (*result.site.problems, *result.site.warnings)]
    providers = result.site.model.site.providers
    assert sorted(providers) == ["github-com-acme-gadget", "github-com-acme-widget", "reddit-com-r-sailing",
                                 "town-example", "youtube-com", "youtube-com-channel-ucchoir",
                                 "youtube-com-channel-ucharbour", "youtube-com-channel-uclifeboat"]
    assert providers["youtube-com-channel-ucharbour"].name == "Harbour Town Council"
    assert providers["youtube-com"].name == "Our Videos"  # (the source given `domain: youtube.com`)
    page = (config.output_path / "providers" / "youtube-com-channel-ucharbour" / "index.html").read_text(encoding="utf-8")
    assert ">Harbour Town Council</h1>" in page and "youtube.com" in page
    assert "https://cdn.example/harbour.png" in page  # its logo
    assert "Harbour Town Council: this week" in page and "Town Choir: this week" not in page
    listing = (config.output_path / "providers" / "index.html").read_text(encoding="utf-8")
    for name in ("Harbour Town Council", "Town Choir", "Lifeboat Station", "Release notes from widget", "sailing"):
        assert f">{name}</a>" in listing


def test_an_account_written_by_hand_is_read_as_fetch_writes_it(tmp_path):
    def item(name: str, provider: str) -> str:
        return (f'---\ntitle: "{name}"\npublishedDateTime: "2026-11-20T10:00:00Z"\nprovider: {provider}\n---\n'
                "Text.\n")
    site = make_site(tmp_path / "site", {
        "content/a.md": item("A", "{name: Ferries, domain: youtube.com, account: 'https://www.youtube.com/@Ferries/'}"),
        "content/b.md": item("B", "{name: Ferry Co, account: 'https://youtube.com/@ferries'}"),
        "content/c.md": item("C", "{name: Elsewhere, domain: other.example, account: 'https://youtube.com/@x'}"),
        "content/d.md": item("D", "{name: Home, domain: youtube.com, account: 'https://youtube.com/'}"),
    })
    _, result = build_site(site)
    providers = result.site.model.site.providers
    # one account in any spelling of its address and case; without a domain, the account's host is it
    assert providers["youtube-com-at-ferries"].domain == "youtube.com" and providers["youtube-com-at-ferries"].count == 2
    assert providers["other-example"].name == "Elsewhere" and providers["youtube-com"].name == "Home"
    warned = sorted((problem.path, problem.message) for problem in result.site.warnings)
    assert [path for path, _ in warned] == ["content/c.md", "content/d.md"], warned
    assert "`provider`'s `account` is not the address of a page on other.example" in warned[0][1]


ATOM = "{http://www.w3.org/2005/Atom}"


AUTHORS = ("<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>Town News</title>"
           "<link>https://town.example/</link>"
           "<item><title>By e-mail</title><link>https://town.example/a</link><author>sam@town.example (Sam Coder)"
           "</author><pubDate>Sat, 21 Nov 2026 08:00:00 GMT</pubDate></item>"
           "<item><title>Only an address</title><link>https://town.example/b</link><author>desk@town.example</author>"
           "<pubDate>Sat, 21 Nov 2026 07:00:00 GMT</pubDate></item>"
           "<item><title>Two writers</title><link>https://town.example/c</link><dc:creator>Ana &lt;script&gt;x&lt;/script"
           "&gt;Ruiz</dc:creator><dc:creator>Bo &amp; Co</dc:creator><pubDate>Sat, 21 Nov 2026 06:00:00 GMT</pubDate></item>"
           "<item><title>By a handle</title><link>https://town.example/e</link><dc:creator>@tidewatcher</dc:creator>"
           "<pubDate>Sat, 21 Nov 2026 04:00:00 GMT</pubDate></item>"
           "<item><title>By the paper</title><link>https://town.example/d</link><dc:creator>Town News</dc:creator>"
           "<pubDate>Sat, 21 Nov 2026 05:00:00 GMT</pubDate></item>"
           "</channel></rss>").encode()


def test_an_entrys_author_is_the_items_and_shows_where_readers_look(tmp_path):
    with FeedServer() as server:
        server.routes["/news.rss"] = Route(b'<?xml version="1.0" encoding="UTF-8"?>' + AUTHORS)
        site = feed_site(tmp_path / "site", f"  - {server.url('/news.rss')}\n")
        code, said = run(site)
    assert code == 0, said
    items = fetched(site)
    assert items["By e-mail"]["author"] == "Sam Coder"
    assert items["Two writers"]["author"] == "Ana Ruiz, Bo & Co"  # (the script's text is no name)
    assert "author" not in items["Only an address"]  # (an address is not published)
    assert items["By a handle"]["author"] == "@tidewatcher"
    assert "author" not in items["By the paper"]  # (the provider's own name: said once, as the provider)
    assert all("town.example" not in meta.get("author", "@") for meta in items.values() if "author" in meta)

    config, result = build_site(site)
    assert not result.site.problems and not result.site.warnings, [str(p) for p in
                                                                   (*result.site.problems, *result.site.warnings)]
    out = config.output_path
    pages = [path.read_text(encoding="utf-8") for path in out.rglob("index.html")]
    (page,) = [text for text in pages if ">Two writers</h1>" in text]
    assert '<span class="author">By <bdi>Ana Ruiz, Bo &amp; Co</bdi></span>' in page
    linked = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)[1])
    assert linked["author"] == {"@type": "Person", "name": "Ana Ruiz, Bo & Co"}
    assert linked["publisher"]["name"] == "Town News"
    (paper,) = [text for text in pages if ">By the paper</h1>" in text]
    assert 'class="author"' not in paper
    api = json.loads((out / "api" / "news" / "index.json").read_text(encoding="utf-8"))["news"]
    assert {record["title"]: record["author"] for record in api} == {
        "By e-mail": "Sam Coder", "Only an address": None, "Two writers": "Ana Ruiz, Bo & Co", "By the paper": None,
        "By a handle": "@tidewatcher"}
    rss = (out / "feeds" / "latest.rss").read_text(encoding="utf-8")
    assert "<dc:creator>Sam Coder</dc:creator>" in rss and "<dc:creator>Town News</dc:creator>" in rss
    assert "<dc:creator>Ana Ruiz, Bo &amp; Co</dc:creator>" in rss
    atom = ElementTree.parse(out / "feeds" / "latest.xml").getroot()
    entries = {entry.findtext(f"{ATOM}title"): entry for entry in atom.iter(f"{ATOM}entry")}
    assert [person.findtext(f"{ATOM}name") for person in entries["By e-mail"].iter(f"{ATOM}author")] == ["Sam Coder"]
    assert entries["By e-mail"].find(f"{ATOM}author/{ATOM}uri") is None  # (the provider's site is not Sam's)
    assert entries["By the paper"].findtext(f"{ATOM}author/{ATOM}uri") == "https://town.example/"
    feed = json.loads((out / "feeds" / "latest.json").read_text(encoding="utf-8"))
    assert {item["title"]: item["authors"][0]["name"] for item in feed["items"]}["By e-mail"] == "Sam Coder"


def test_an_author_written_as_json_ld_or_a_list_is_read(tmp_path):
    def item(name: str, author: str) -> str:
        return f'---\ntitle: "{name}"\npublishedDateTime: "2026-11-20T10:00:00Z"\n{author}\n---\nText.\n'
    site = make_site(tmp_path / "site", {
        "content/a.md": item("A", "author: {\"@type\": Person, name: Kim Lee, url: 'https://kim.example/'}"),
        "content/b.md": item("B", "authors: [{name: Ann}, Ben, {name: Ann}]"),
        "content/c.md": item("C", "author: {url: 'https://nobody.example/'}"),
        "content/d.md": item("D", "author: [[nested]]"),
    })
    _, result = build_site(site)
    authors = {item.title: item.author for item in result.site.model.site.items}
    assert authors == {"A": "Kim Lee", "B": "Ann, Ben", "C": "", "D": ""}
    warned = [(problem.path, problem.message) for problem in result.site.warnings]
    # (a Person with no `name`, only its `url`, has no name to show: said, as any nameless author is)
    assert [path for path, _ in warned] == ["content/c.md", "content/d.md"], warned
    assert all("`author` must be a name, a mapping with a `name` or a list of them" in said for _, said in warned)


def test_an_atom_entrys_authors_are_all_named_handles_too(tmp_path):
    atom = (b'<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Tide Blog</title>'
            b'<link rel="alternate" href="https://tide.example/"/><entry><id>tag:tide.example,2026:1</id>'
            b'<title>Spring tides</title><link rel="alternate" href="https://tide.example/spring"/>'
            b"<updated>2026-11-20T10:00:00Z</updated><author><name>Kim Lee</name><email>kim@tide.example</email></author>"
            b"<author><name>@tidewatcher</name></author></entry></feed>")
    with FeedServer() as server:
        server.routes["/tide.atom"] = Route(atom, content_type="application/atom+xml")
        site = feed_site(tmp_path / "site", f"  - {server.url('/tide.atom')}\n")
        code, said = run(site)
    assert code == 0, said
    assert fetched(site)["Spring tides"]["author"] == "Kim Lee, @tidewatcher"


def _rss(items: str) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Town News</title>'
            f"<link>https://town.example/</link>{items}</channel></rss>").encode()


def _entry(title: str, path: str, guid: str | None = "post") -> str:
    tag = f'<guid isPermaLink="false">{guid}</guid>' if guid is not None else ""
    return (f"<item><title>{title}</title>{tag}<link>https://town.example/{path}</link>"
            f"<pubDate>Sat, 21 Nov 2026 {len(path):02}:00:00 GMT</pubDate></item>")


def _fetch(site: Path) -> tuple[int, str]:
    said = io.StringIO()
    with contextlib.redirect_stdout(said), contextlib.redirect_stderr(said):
        code = main(["fetch", "--config", str(site / "config.yaml")])
    return code, said.getvalue()


def _files(site: Path) -> dict[str, bytes]:
    found = {path.name: path.read_bytes() for path in sorted((site / "content" / "fetched").rglob("*.md"))}
    return found


def test_an_entry_whose_guid_stops_being_shared_keeps_its_one_file(tmp_path):
    with FeedServer() as server:
        server.routes["/cms.rss"] = Route(_rss(_entry("Market day", "market") + _entry("Bridge closed", "bridge")))
        site = feed_site(tmp_path / "site", f"  - {server.url('/cms.rss')}\n")
        assert _fetch(site)[0] == 0
        before = _files(site)
        assert len(before) == 2
        # The bridge story leaves the feed: the market's guid is its own again, and names the same item.
        server.routes["/cms.rss"] = Route(_rss(_entry("Market day", "market")))
        code, said = _fetch(site)
        assert code == 0, said
        assert "1 source, 0 new, 0 updated, 1 unchanged, 0 failed" in said
        assert _files(site) == before
        assert sorted(fetched(site)) == ["Bridge closed", "Market day"]
        # ... and when it comes back, neither is written twice.
        server.routes["/cms.rss"] = Route(_rss(_entry("Bridge closed", "bridge") + _entry("Market day", "market")))
        code, said = _fetch(site)
        assert code == 0, said
        assert "1 source, 0 new, 0 updated, 2 unchanged, 0 failed" in said
        assert _files(site) == before


@pytest.mark.parametrize("deleted_when", ["alone", "shared"])
def test_an_item_deleted_by_hand_stays_deleted_whether_its_guid_is_shared_or_not(tmp_path, deleted_when):
    alone = _rss(_entry("Market day", "market"))
    both = _rss(_entry("Bridge closed", "bridge") + _entry("Market day", "market"))
    first, second = (alone, both) if deleted_when == "alone" else (both, alone)
    with FeedServer() as server:
        server.routes["/cms.rss"] = Route(first)
        site = feed_site(tmp_path / "site", f"  - {server.url('/cms.rss')}\n")
        assert _fetch(site)[0] == 0
        (market,) = [path for path in (site / "content" / "fetched").rglob("*.md") if path.name.startswith("market")]
        market.unlink()
        code, said = _fetch(site)
        assert code == 0, said
        assert f"{market.name}: deleted by hand; not fetched again" in said
        for feed in (second, first, second):
            server.routes["/cms.rss"] = Route(feed)
            code, said = _fetch(site)
            assert code == 0, said
            assert sorted(fetched(site)) == ["Bridge closed"] or (feed == alone and not fetched(site)), said
        assert not market.exists()


def test_a_feed_that_adds_guids_to_its_entries_makes_no_second_item(tmp_path):
    with FeedServer() as server:
        server.routes["/news.rss"] = Route(_rss(_entry("Market day", "market", None)
                                                + _entry("Bridge closed", "bridge", None)))
        site = feed_site(tmp_path / "site", f"  - {server.url('/news.rss')}\n")
        assert _fetch(site)[0] == 0
        before = _files(site)
        assert len(before) == 2
        server.routes["/news.rss"] = Route(_rss(_entry("Market day", "market", "m-1")
                                                + _entry("Bridge closed", "bridge", "b-2")))
        code, said = _fetch(site)
        assert code == 0, said
        assert "1 source, 0 new, 0 updated, 2 unchanged, 0 failed" in said
        assert _files(site) == before
        # ... and drops them again
        server.routes["/news.rss"] = Route(_rss(_entry("Market day", "market", None)
                                                + _entry("Bridge closed", "bridge", None)))
        code, said = _fetch(site)
        assert code == 0, said
        assert "1 source, 0 new, 0 updated, 2 unchanged, 0 failed" in said
        assert _files(site) == before


def test_a_domain_given_to_a_source_later_makes_no_second_item(tmp_path):
    # Trying fetch on feeds served from 127.0.0.1, as docs/fetch.md says, made one provider of them all; giving
    # a source its `domain:` then wrote each of its entries (whose guid is an id, scoped by the site) again as a
    # new item beside the old one: every story twice.
    with FeedServer() as server:
        server.routes["/news.rss"] = Route(_rss(_entry("Market day", "market", "m-1")
                                                + _entry("Bridge closed", "bridge", "b-2")))
        site = feed_site(tmp_path / "site", f"  - {server.url('/news.rss')}\n")
        assert _fetch(site)[0] == 0
        before = _files(site)
        assert len(before) == 2
        config = site / "config.yaml"
        config.write_text(config.read_text().replace(f"  - {server.url('/news.rss')}\n",
                                                     f"  - url: {server.url('/news.rss')}\n    domain: news.example\n"))
        code, said = _fetch(site)
        assert code == 0, said
        assert "1 source, 0 new, 2 updated, 0 unchanged, 0 failed" in said
        assert list(_files(site)) == list(before)  # each in its file, now the new domain's
        assert {meta["provider"]["domain"] for meta in fetched(site).values()} == {"news.example"}


def test_an_item_deleted_by_hand_that_two_feeds_carry_stays_deleted_when_one_drops_it(tmp_path):
    story = ("<item><title>Shared story</title><guid>https://news.example/shared</guid>"
             "<pubDate>Sat, 21 Nov 2026 10:00:00 GMT</pubDate></item>")
    other = _entry("Another story", "another", None)
    with FeedServer() as server:
        server.routes["/a.rss"] = Route(_rss(story + other))
        server.routes["/b.rss"] = Route(_rss(story))
        site = feed_site(tmp_path / "site", f"  - {server.url('/a.rss')}\n  - {server.url('/b.rss')}\n")
        assert _fetch(site)[0] == 0
        (shared,) = [path for path in (site / "content" / "fetched").rglob("shared-story-*.md")]
        shared.unlink()
        code, said = _fetch(site)
        assert "deleted by hand; not fetched again" in said
        server.routes["/a.rss"] = Route(_rss(other))  # the first feed drops it; the second still carries it
        for _ in range(2):
            code, said = _fetch(site)
            assert code == 0, said
            assert " 0 new, " in said and not shared.exists(), said
        assert "https://news.example/shared" in json.loads((site / "fetch-state.json").read_text())["items"]
        server.routes["/b.rss"] = Route(_rss(other))  # once no feed lists it, the state forgets it
        code, said = _fetch(site)
        assert code == 0, said
        assert "https://news.example/shared" not in json.loads((site / "fetch-state.json").read_text())["items"]
    assert sorted(fetched(site)) == ["Another story"]


def test_an_enormous_guid_is_kept_in_the_state_as_a_short_key_and_names_the_same_item(tmp_path):
    guid = "id-" + "x" * 200_000
    with FeedServer() as server:
        server.routes["/big.rss"] = Route(_rss(_entry("Market day", "market", guid)))
        site = feed_site(tmp_path / "site", f"  - {server.url('/big.rss')}\n")
        code, said = _fetch(site)
        assert code == 0, said
        state = json.loads((site / "fetch-state.json").read_text(encoding="utf-8"))
        (key,) = state["items"]
        assert len(key) <= 512 and key.startswith(f"127.0.0.1:{server.port} id-xxx")
        assert (site / "fetch-state.json").stat().st_size < 4096
        before = _files(site)
        code, said = _fetch(site)
        assert "1 source, 0 new, 0 updated, 1 unchanged, 0 failed" in said
        assert _files(site) == before


def test_a_state_with_a_long_key_an_older_newsdesk_wrote_keeps_its_item(tmp_path):
    guid = "id-" + "y" * 5_000
    with FeedServer() as server:
        server.routes["/big.rss"] = Route(_rss(_entry("Market day", "market", guid)))
        site = feed_site(tmp_path / "site", f"  - {server.url('/big.rss')}\n")
        assert _fetch(site)[0] == 0
        # What an older newsdesk wrote: the whole identity as the key.
        state_file = site / "fetch-state.json"
        state = json.loads(state_file.read_text(encoding="utf-8"))
        (record,) = state["items"].values()
        state["items"] = {f"127.0.0.1:{server.port} {guid}": record}
        state_file.write_text(json.dumps(state, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        before = _files(site)
        code, said = _fetch(site)
        assert code == 0, said
        assert " 0 new, " in said and _files(site) == before
        assert all(len(key) <= 512 for key in json.loads(state_file.read_text(encoding="utf-8"))["items"])
