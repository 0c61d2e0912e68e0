"""Hostile content: items and feeds written to break the outputs, and what readers of every output see.

Content comes from crawlers and fetched feeds, that is from anyone. Each test crafts what such a source can
write and checks the outputs with the parsers their readers use (html5lib, a strict XML parser, json, a real
browser, the Nu HTML checker): scripts, script addresses, direction marks, names that leave the output or
drive the terminal, endless fields, hostile authors and logos.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import URL_ATTRIBUTES, api_news, build_site, html_elements, item, make_site, url_scheme
from generator.cli import main


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


SHOWN_AS_WRITTEN = {  # title as a crawler writes it -> as every reader sees it
    "Java's List&lt;String&gt; explained": "Java's List<String> explained",
    "Rust Option<T> and Vec<u8>": "Rust Option<T> and Vec<u8>",
    "Start a comment with <!-- and see": "Start a comment with <!-- and see",
    "<b>Bold</b> and <custom-tag>custom</custom-tag> markup": "Bold and custom markup",
}


def test_angle_brackets_that_are_no_tags_are_shown_in_every_output(tmp_path):
    """Plain-text fields lose their tags (text.plain_text), but `List<String>`, `Vec<u8>` (or the same
    HTML-escaped) lost their words too, and an unclosed `<!--` everything after it: a reader saw
    "Java's List explained". Only HTML's elements are tags now; the rest is shown as written, as text."""
    import xml.etree.ElementTree as ET

    import html5lib

    files = {f"content/t{n}.md": "\n".join(["---", f"title: {json.dumps(raw)}", f"excerpt: {json.dumps(raw)}",
                                            f"publishedDateTime: 2026-11-20T1{n}:00:00Z", "---", "Body."]) + "\n"
             for n, raw in enumerate(SHOWN_AS_WRITTEN)}
    # (each unclosed `<!--` searched for its end would take the build time growing with the square of this)
    files["content/many.md"] = "---\ntitle: " + json.dumps("<!--" * 40_000) + "\npublishedDateTime: 2026-11-19\n---\n"
    config, result = build_site(make_site(tmp_path / "site", files))
    out = config.output_path
    items = {i.source: i for i in result.site.model.site.items}
    many = "<!--" * 500 + "…"  # (as text, cut to 2,000 characters: fields.MAX_TEXT)
    assert items.pop("content/many.md").title == many
    for n, shown in enumerate(SHOWN_AS_WRITTEN.values()):
        story = items[f"content/t{n}.md"]
        assert (story.title, story.excerpt) == (shown, shown)
        page = html5lib.parse((out / story.path / "index.html").read_bytes(), namespaceHTMLElements=False)
        assert "".join(page.find(".//h1").itertext()) == shown
        assert page.find(".//meta[@property='og:title']").get("content") == shown
    atom = ET.parse(out / "feeds" / "latest.xml").getroot()
    titles = [e.text for e in atom.iter("{http://www.w3.org/2005/Atom}title")][1:]
    api = json.loads((out / "api" / "news" / "index.json").read_text(encoding="utf-8"))
    expected = sorted([*SHOWN_AS_WRITTEN.values(), many])
    assert sorted(titles) == expected == sorted(n["title"] for n in api["news"])


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


def test_a_provider_known_by_its_domain_alone_is_named_as_the_browser_goes_there(tmp_path):
    """A provider of no name is named by its domain, as pages name the host of a link: `xn--pple-43d.com`, whose
    first letter is a Cyrillic "а", was named "аpple.com" on its page, its cards, the feeds and the API beside the
    real apple.com. Its home page was no link at all, nor was `bücher.example`'s: both are, in IDNA's ASCII form."""
    files = {"content/spoof.md": item("Look-alike", provider="{domain: xn--pple-43d.com}"),
             "content/real.md": item("Real", provider="{domain: apple.com}"),
             "content/books.md": item("Books", provider="{domain: bücher.example}"),
             "content/named.md": item("Named", provider="{name: Bücherei, domain: bücherei.example}")}
    config, result = build_site(make_site(tmp_path / "site", files))
    news = api_news(config)
    assert {name: (entry["provider"]["name"], entry["provider"]["url"]) for name, entry in news.items()} == {
        "spoof": ("xn--pple-43d.com", "https://xn--pple-43d.com/"), "real": ("apple.com", "https://apple.com/"),
        "books": ("xn--bcher-kva.example", "https://xn--bcher-kva.example/"),
        "named": ("Bücherei", "https://xn--bcherei-n2a.example/")}
    out = config.output_path
    pages = [path for path in out.rglob("*.html") for text in [path.read_text(encoding="utf-8")] if "pple" in text]
    assert pages and not any("\u0430pple" in path.read_text(encoding="utf-8") for path in pages)
    atom = (out / "feeds" / "latest.xml").read_text(encoding="utf-8")
    assert "<name>xn--pple-43d.com</name>" in atom and "\u0430" not in atom


def jsonld(path: Path) -> dict:
    import html5lib

    page = html5lib.parse(path.read_bytes(), namespaceHTMLElements=False)
    [script] = [s for s in page.iter("script") if s.get("type") == "application/ld+json"]
    return json.loads(script.text)


@pytest.mark.parametrize("domain", ["javascript:window.pwned=1", "two words", "../../etc", "evil.example/x?y",
                                    "a\u202eb.example", "256.256.256.256", "news.123", "xn--e-vil-x.example"])
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


def test_a_url_whose_scheme_is_in_capitals_leads_where_the_browser_goes(tmp_path):
    """`HTTPS://img.example/a.jpg` is an address like any other to a browser, and crawlers copy such ones. The
    pages took it for a path of the site: every picture was `/HTTPS://img.example/a.jpg` (never loaded), a
    link preview's picture `https://example.org/HTTPS://...`, and a YouTube player in capitals was not
    embedded. The scheme is kept in lower case now, so each leads where it says."""
    import html5lib

    front = "\n".join([
        "title: Capitals", "publishedDateTime: 2026-11-20T10:00:00Z", "type: video", "webUrl: HTTPS://provider.example/a",
        "featuredContent: " + json.dumps('<iframe src="HTTPS://www.youtube.com/embed/abcDEF12345"></iframe>'),
        "images: [{url: 'HTTPS://img.example/a.jpg', width: 800, height: 400}, "
        "{url: 'Https://img.example/b.jpg', width: 400, height: 200}]",
        "provider: {name: P, domain: p.example, images: [{url: 'HTTP://img.example/logo.png', width: 50, height: 50}]}",
        "related: [{title: R, webUrl: 'HTTPS://other.example/r'}]"])
    config, result = build_site(make_site(tmp_path / "site", {"content/caps.md": f"---\n{front}\n---\nBody.\n"}))
    out = config.output_path
    seen = []  # every address of the page that names one of the item's hosts
    for name in ("news/2026/11/20/caps/index.html", "latest/index.html", "providers/p-example/index.html"):
        page = html5lib.parse((out / name).read_bytes(), namespaceHTMLElements=False)
        for element in page.iter():
            urls = [element.get(key) or "" for key in ("src", "href", "content")]
            urls += [entry.split()[0] for entry in (element.get("srcset") or "").split(", ") if entry]
            seen += [url for url in urls if any(host in url.lower() for host in ("img.", "provider.", "other.", "youtube"))]
    assert "https://www.youtube.com/embed/abcDEF12345" in seen and "http://img.example/logo.png" in seen
    assert len(seen) > 10 and all(url.startswith(("https://", "http://img.example/")) for url in seen), seen
    said = jsonld(out / "news/2026/11/20/caps/index.html")  # (a video's pictures are its thumbnails)
    assert said.get("image", said.get("thumbnailUrl")) == ["https://img.example/a.jpg", "https://img.example/b.jpg"]


def test_a_story_is_not_its_own_coverage(tmp_path, capsys):
    """Crawlers list the page they read among its `related` coverage, as written or as its AMP page with
    tracking parameters. The story's page then linked to itself under "More coverage" ("On this site") and
    to its own AMP page as another provider's, and its cards said "+3 sources" for one other. Such entries
    are left out now, with a warning naming the line."""
    import html5lib

    related = [{"title": "Itself", "webUrl": "https://a.example/story"},
               {"title": "Its AMP page", "webUrl": "https://www.a.example/story/amp/?utm_source=feed"},
               {"title": "Other", "webUrl": "https://b.example/other"}]
    files = {"content/self.md": "\n".join([
        "---", "title: Self", "publishedDateTime: 2026-11-20T10:00:00Z", "webUrl: https://a.example/story",
        "provider: {name: A, domain: a.example}", f"related: {json.dumps(related)}", "---", "Body."]) + "\n"}
    site = make_site(tmp_path / "site", files)
    assert main(["build", "--config", str(site / "config.yaml")]) == 0
    err = capsys.readouterr().err
    assert "warning: content/self.md:6: `related`: 2 entries have this story's own address; they are left out" in err
    out = site / "output"
    page = html5lib.parse((out / "news/2026/11/20/self/index.html").read_bytes(), namespaceHTMLElements=False)
    coverage = [(a.get("href"), a.text) for a in page.iter("a") if a.get("class") == "title"]
    assert coverage == [("https://b.example/other", "Other")]
    latest = html5lib.parse((out / "latest/index.html").read_bytes(), namespaceHTMLElements=False)
    [sources] = [s for s in latest.iter("span") if "sources" in (s.get("class") or "")]
    badges = [b for b in sources if "avatar" in (b.get("class") or "")]
    assert [(b.text, b.get("aria-label")) for b in badges] == [("BE", "b.example")]  # the other's monogram alone
    assert "".join(sources.itertext()).removeprefix("BE") == "+1 source"


def test_relative_addresses_in_featured_content_lead_to_the_provider(tmp_path):
    """What `featuredContent` holds besides its player is shown, sanitised, above the body; its relative links
    and pictures (`/video/1`, `thumb.jpg`) were left as written, so on this site they led to pages and
    pictures it does not have. They are resolved against the story's `webUrl` now, as the body's are; an
    item without one keeps the text of such a link, unlinked."""
    import html5lib

    featured = json.dumps('<p>Watch <a href="/video/1">the clip</a> <img src="thumb.jpg" alt="t"></p>'
                          '<iframe src="https://www.youtube.com/embed/x"></iframe>')
    files = {f"content/{name}.md": "\n".join(["---", f"title: {name}", "publishedDateTime: 2026-11-20T10:00:00Z",
                                              *lines, f"featuredContent: {featured}", "---", "Body."]) + "\n"
             for name, lines in (("based", ["webUrl: https://p.example/news/story.html"]), ("unbased", []))}
    config, result = build_site(make_site(tmp_path / "site", files))
    shown = {}
    for name in ("based", "unbased"):
        page = html5lib.parse((config.output_path / f"news/2026/11/20/{name}/index.html").read_bytes(),
                              namespaceHTMLElements=False)
        [featured] = [div for div in page.iter("div") if div.get("class") == "featured body"]
        shown[name] = ("".join(featured.itertext()), [(e.tag, e.get("href") or e.get("src")) for e in featured.iter()
                                                      if e.tag in ("a", "img")])
    assert shown["based"] == ("Watch the clip ", [("a", "https://p.example/video/1"),
                                                  ("img", "https://p.example/news/thumb.jpg")])
    # (a picture without an address is its text, as a browser shows one it cannot load: HTML requires `src`)
    assert shown["unbased"] == ("Watch the clip t", [("a", None)])


def test_a_user_name_or_password_in_a_url_is_not_published(tmp_path):
    """`https://user:secret@img.example/a.jpg`: a browser loads no picture from such an address (Chromium
    blocks it), so the story's picture and its provider's logo never showed; a link with one published
    someone's password in every page, feed and API file, or disguised its host
    (`https://www.bbc.co.uk@evil.example/` goes to evil.example). Every address is kept without them now,
    in the front matter's fields and in the body."""
    front = "\n".join([
        "title: Credentials", "publishedDateTime: 2026-11-20T10:00:00Z", "webUrl: https://user:secret@p.example/a",
        "ampWebUrl: https://www.bbc.co.uk@evil.example/amp", "images: [{url: 'https://user:secret@img.example/a.jpg'}]",
        "provider: {name: P, domain: p.example, images: [{url: 'https://user:secret@img.example/logo.png'}]}",
        "related: [{title: R, webUrl: 'https://user:secret@other.example/r'}]"])
    body = "[a](https://user:secret@body.example/x) ![i](https://user:secret@body.example/i.png) [m](mailto:me@p.example)"
    config, result = build_site(make_site(tmp_path / "site", {"content/creds.md": f"---\n{front}\n---\n{body}\n"}))
    outputs = {p.relative_to(config.output_path).as_posix(): p.read_text(encoding="utf-8")
               for p in config.output_path.rglob("*") if p.suffix in (".html", ".xml", ".rss", ".json")}
    assert len(outputs) > 20
    for name, text in outputs.items():
        assert "secret" not in text and "bbc.co.uk" not in text, name
    page = outputs["news/2026/11/20/creds/index.html"]
    for address in ("https://img.example/a.jpg", "https://img.example/logo.png", "https://p.example/a",
                    "https://evil.example/amp", "https://other.example/r", "https://body.example/x",
                    "https://body.example/i.png", "mailto:me@p.example"):
        assert f'="{address}"' in page, address


def test_a_provider_s_monogram_is_a_letter_that_shows(tmp_path):
    """Crawled names often start with a byte order mark, a zero-width space or a direction override; the
    monogram (a provider without a logo: its letters in a circle on every card) was that first character,
    and showed an empty circle. It is the first letter or digit of the name's first words now."""
    import html5lib

    names = {"\ufeffReuters": "R", "\u202eNews": "N", "\u200bThe Verge": "TV", "\u00abLe Monde\u00bb": "LM"}
    files = {f"content/p{n}.md": "\n".join(["---", f"title: Story {n}", f"publishedDateTime: 2026-11-20T1{n}:00:00Z",
                                           "provider: " + json.dumps({"name": name, "domain": f"p{n}.example"}),
                                           "---", "Body."]) + "\n"
             for n, name in enumerate(names)}
    config, result = build_site(make_site(tmp_path / "site", files))
    page = html5lib.parse((config.output_path / "providers/index.html").read_bytes(), namespaceHTMLElements=False)
    shown = sorted("".join(span.itertext()) for span in page.iter("span") if "monogram" in (span.get("class") or ""))
    assert shown == sorted(names.values())


@pytest.mark.parametrize("language, names", [
    ("tr", {"istanbul haber": "İH", "ırmak gazetesi": "IG", "İzmir Postası": "İP"}),
    ("az", {"iqtisadi xəbərlər": "İX"}),
    ("en", {"istanbul haber": "IH", "ijsselmeer nieuws": "IN"}),
])
def test_a_provider_s_monogram_is_in_capitals_as_the_site_s_language_writes_them(tmp_path, language, names):
    """A Turkish site's `istanbul haber` showed `IH`: Turkish and Azerbaijani write the capital of `i` with its
    dot, `İ`, and of dotless `ı` without (`I`). (Dutch's `ij`, one letter in a word's capitals, is two in an
    initial's circle of two: `IN`.)"""
    import html5lib

    from conftest import BASIC_CONFIG

    files = {f"content/p{n}.md": "\n".join(["---", f"title: Story {n}", f"publishedDateTime: 2026-11-20T1{n}:00:00Z",
                                           "provider: " + json.dumps({"name": name, "domain": f"p{n}.example"}),
                                           "---", "Body."]) + "\n"
             for n, name in enumerate(names)}
    config, result = build_site(make_site(tmp_path / "site", files, config=BASIC_CONFIG + f"language: {language}\n"))
    page = html5lib.parse((config.output_path / "providers/index.html").read_bytes(), namespaceHTMLElements=False)
    shown = sorted("".join(span.itertext()) for span in page.iter("span") if "monogram" in (span.get("class") or ""))
    assert shown == sorted(names.values())


def test_a_name_of_characters_that_show_nothing_is_no_name(tmp_path):
    """A topic or provider named only by a zero-width space (`&#8203;`, a crawler's copy of an empty HTML
    field), a byte order mark or a direction mark was kept as a name: every card of the story had a topic
    link and a provider link with no text (nothing to read or click), the topics page an empty tile. Such a
    name is as empty as spaces now: no topic, and the provider is named by its domain."""
    import html5lib

    invisible = "\u200b&#8203;\ufeff\u200e\u2060"
    files = {"content/a.md": "\n".join([
        "---", "title: Story", "publishedDateTime: 2026-11-20T10:00:00Z", f"topics: {json.dumps([invisible, 'Real'])}",
        "provider: " + json.dumps({"name": invisible, "domain": "p.example"}), "---", "Body."]) + "\n"}
    config, result = build_site(make_site(tmp_path / "site", files))
    [story] = result.site.model.site.items
    assert story.topic_names == ("Real",) and story.provider.name == "p.example"
    for name in ("latest/index.html", "topics/index.html", "providers/index.html", "news/2026/11/20/a/index.html"):
        page = html5lib.parse((config.output_path / name).read_bytes(), namespaceHTMLElements=False)
        links = [a for a in page.iter("a") if "/topics/" in (a.get("href") or "") or "/providers/" in (a.get("href") or "")]
        assert links, name
        for link in links:
            assert "".join(link.itertext()).strip(" \u200b\ufeff\u200e\u2060"), (name, link.get("href"))


def test_relative_pictures_and_links_of_the_front_matter_are_of_the_story_s_page(tmp_path, capsys):
    """Crawlers copy `<meta property="og:image" content="/images/hero.jpg">` and relative links as written.
    The body's were resolved against the story's `webUrl`, but a picture, a logo, a related story or an AMP
    page given so was left out ("no http or https url"): the story lost its picture on every card. They are
    resolved as the body's are now; without a `webUrl` (or `originalUrl`) they are still left out, with the
    warning."""
    import html5lib

    lines = ["images: [{url: /images/hero.jpg, width: 800, height: 400}, {url: thumb.jpg, width: 400, height: 200}]",
             "provider: {name: P, domain: p.example, images: [{url: /logo.png}]}", "ampWebUrl: story/amp/",
             "related: [{title: Other, webUrl: /news/other.html}, {title: Bad, webUrl: 'javascript:alert(1)'}]"]
    files = {f"content/{name}.md": "\n".join(["---", f"title: {name}", "publishedDateTime: 2026-11-20T10:00:00Z",
                                              *extra, *lines, "---", "Body."]) + "\n"
             for name, extra in (("based", ["webUrl: https://p.example/news/"]), ("unbased", []))}
    site = make_site(tmp_path / "site", files)
    assert main(["build", "--config", str(site / "config.yaml")]) == 0
    err = capsys.readouterr().err
    assert [line for line in err.splitlines() if "content/based.md" in line] == [
        "warning: content/based.md:8: `related`: 1 entry has no http or https `webUrl`; it is left out "
        "(give each story its full address)"]  # (javascript: is no address, relative or not)
    assert "warning: content/unbased.md:4: `images`: 2 entries have no http or https `url`" in err, err
    out = site / "output"
    page = html5lib.parse((out / "news/2026/11/20/based/index.html").read_bytes(), namespaceHTMLElements=False)
    shown = {(e.tag, e.get("href") or e.get("src") or e.get("content")) for e in page.iter()}
    assert {("img", "https://p.example/images/hero.jpg"), ("img", "https://p.example/logo.png"),
            ("link", "https://p.example/news/story/amp/"), ("a", "https://p.example/news/other.html"),
            ("meta", "https://p.example/images/hero.jpg")} <= shown
    srcset = {e.get("srcset") for e in page.iter("img")} - {None}
    assert srcset == {"https://p.example/news/thumb.jpg 400w, https://p.example/images/hero.jpg 800w"}
    unbased = (out / "news/2026/11/20/unbased/index.html").read_text(encoding="utf-8")
    assert "hero.jpg" not in unbased and "other.html" not in unbased


@pytest.mark.parametrize("spelt", ["&#106;avascript:alert(1)", "jav&#x0A;ascript:alert(1)", "javascript&colon;alert(1)",
                                   "&#0000106&#0000097vascript:alert(1)", "data&#58;text/html,x"])
def test_a_script_address_spelt_with_entities_is_no_relative_address(tmp_path, capsys, spelt):
    """A field that takes an address relative to the story's page (`ampWebUrl`, a picture, a logo, a related
    story) read `&#106;avascript:...` as a relative path before its entities were read, then read them: the
    story got `https://p.example/news/javascript:alert(1)`, a link to nowhere, without a word, where the same
    address spelt plainly is left out with a warning. Its entities are read first (as a browser reads an
    attribute, and as field_url reads an absolute one), so it is the script address it spells: left out, said."""
    lines = [f"ampWebUrl: {json.dumps(spelt)}", f"images: [{{url: {json.dumps(spelt)}}}]",
             f"provider: {{name: P, domain: p.example, images: [{{url: {json.dumps(spelt)}}}]}}",
             f"related: [{{title: R, webUrl: {json.dumps(spelt)}}}]"]
    site = make_site(tmp_path / "site", {"content/a.md": "\n".join(
        ["---", "title: A", "publishedDateTime: 2026-11-20T10:00:00Z", "webUrl: https://p.example/news/", *lines,
         "---", "Body."]) + "\n"})
    assert main(["build", "--config", str(site / "config.yaml")]) == 0
    err = capsys.readouterr().err
    for line, field in ((5, "ampWebUrl"), (6, "images"), (7, "provider"), (8, "related")):
        assert f"warning: content/a.md:{line}: `{field}" in err, (field, err)
    out = site / "output"
    assert not [path for path in out.rglob("*") if path.is_file() and b"alert" in path.read_bytes()]


def test_a_relative_address_with_a_broken_host_costs_only_its_link(tmp_path, capsys):
    """`<a href="//[::1/x">` or `<img src="//a]b/x.png">` in a crawled body (a broken IPv6 host or a stray
    bracket): resolving it against the story's `webUrl` raised ValueError from urljoin, and the whole build
    stopped with a traceback. Such an address leads nowhere a browser could go: the link keeps its text,
    unlinked, as a relative link without a page to resolve it against; a picture or related story given so
    is left out with a warning."""
    body = '<a href="//[::1/x">first</a> <img src="//a]b/x.png" alt="pic"> [second](/fine)'
    files = {"content/a.md": "\n".join([
        "---", "title: Broken hosts", "publishedDateTime: 2026-11-20T10:00:00Z", "webUrl: https://p.example/news/",
        "images: [{url: '//[::1/x.png'}]", "related: [{title: R, webUrl: '//a]b/r'}]", "---", body]) + "\n",
        "content/b.md": "---\ntitle: Other\npublishedDateTime: 2026-11-20T11:00:00Z\n---\nBody.\n"}
    site = make_site(tmp_path / "site", files)
    assert main(["build", "--config", str(site / "config.yaml")]) == 0
    err = capsys.readouterr().err
    assert "Traceback" not in err and "warning: content/a.md:5: `images`" in err and "content/a.md:6: `related`" in err
    page = (site / "output/news/2026/11/20/a/index.html").read_text(encoding="utf-8")
    assert '<a>first</a>' in page and 'href="https://p.example/fine"' in page
    assert "[::1" not in page and "a]b" not in page
    assert (site / "output/news/2026/11/20/b/index.html").is_file()


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


MARKUP = [  # in every text field and nested field
    "</script><script>window.pwned=1</script>", "<!-- open", "]]> <![CDATA[x]]>", "<svg onload=window.pwned=2>",
    "\" ' ` onmouseover=window.pwned=3 x=\"", "&lt;script&gt;window.pwned=4&lt;/script&gt;",
    "&amp;lt;img src=x onerror=window.pwned=5&amp;gt;", "&#60;img src=x onerror=window.pwned=6&#62;",
    "&#x6A;avascript:window.pwned=7", "line\u2028sep\u2029para", "\u202egnp.exe \u200b", "{{ 7*7 }} {% raw %} ${7*7}",
    "\\u003c/script\\u003e", "List<String> & Vec<u8>",
]


URLS = [
    "javascript:window.pwned=20", "JaVaScRiPt:window.pwned=21", " javascript:window.pwned=22",
    "\x01javascript:window.pwned=23", "java\tscript:window.pwned=24", "java\nscript:window.pwned=25",
    "&#x6A;avascript:window.pwned=26", "data:text/html,<script>window.pwned=27</script>", "vbscript:msgbox(1)",
    "//evil.example/x", "https:\\\\evil.example\\x", "https://evil.example/\"onmouseover=\"window.pwned=28",
    "https://evil.example/'><script>window.pwned=29</script>", "https://xn--80ak6aa92e.com/", "https://пример.рф/путь",
    "https://long.example/" + "a" * 5000, "https://ok.example/?a=1&b=<2>", "https://ok.example/</script>",
    "https://ok.example/x]]>y", "https://ok.example/\u2028", "https://user:pw@evil.example/",
]


BODIES = [
    "<script>window.pwned=40</script>", "<iframe src=\"https://evil.example\"></iframe>",
    "<style>body{display:none}</style>", "<form action=https://evil.example><input name=x></form>",
    "<p onclick=\"window.pwned=41\">x</p>", "<a href=\"javascript:window.pwned=42\">j</a>",
    "<img srcset=\"javascript:window.pwned=43 1x\" src=x onerror=window.pwned=44>",
    "<svg><script>window.pwned=45</script></svg>", "<math><mtext><table><mglyph><style><img src=x onerror=window.pwned=46>",
    "<base href=\"https://evil.example/\">", "<meta http-equiv=refresh content=\"0;url=javascript:window.pwned=47\">",
    "<noscript><p title=\"</noscript><img src=x onerror=window.pwned=48>\">", "<a href=\"&#x6A;avascript:window.pwned=50\">e</a>",
    "[x](javascript:window.pwned=51)", "<a href=\"java&#x09;script:window.pwned=52\">t</a>", "<object data=x></object><embed src=x>",
    "<details open ontoggle=window.pwned=53>", "<template><script>window.pwned=54</script></template>",
    "<textarea></textarea><img src=x onerror=window.pwned=55>", "<xmp><img src=x onerror=window.pwned=56></xmp>",
    "<!-- --><script>window.pwned=57</script> --!>", "<img src=\"data:image/svg+xml,<svg onload=window.pwned=58>\">",
    "</div></article></main><script>window.pwned=59</script>", "<plaintext>",
    "<iframe srcdoc=\"&lt;img src=x onerror=window.pwned=60&gt;&lt;script&gt;window.pwned=61&lt;/script&gt;&lt;/p&gt;"
    "&lt;/main&gt;&lt;iframe srcdoc=&quot;&amp;lt;script&amp;gt;window.pwned=62&amp;lt;/script&amp;gt;&quot;&gt;\"></iframe>",
]


NAMES = ["../../etc/passwd", "..\\..\\win", "/abs", "%2e%2e/x", "CON", "nul.txt", "a" * 300, "Case", "case",
         "Caf\u00e9", "Cafe\u0301", ".hidden", "a/b", "page", "index.html",
         "constructor", "__proto__", "hasOwnProperty"]  # (names of JavaScript's objects' own: the search page)


WRONG = {"title": "[1, 2]", "excerpt": "{a: 1}", "publishedDateTime": "[x]", "webUrl": "[https://x]", "type": "{a: b}",
         "quality": "[1]", "heat": "{x: 1}", "published": "maybe", "provider": "[1, 2]", "topics": "{a: b}",
         "images": "7", "related": "7", "secured": "[1]", "featuredContent": "{a: 1}", "price": "[1]",
         "length": "{a: 1}", "slug": "[a]"}


def _hostile_files() -> dict[str, str]:
    q = json.dumps  # a YAML double-quoted scalar (JSON is YAML) that can carry any character

    def file(lines: list[str], body: str = "Body.") -> str:
        return "---\n" + "\n".join(lines) + "\n---\n" + body + "\n"

    files = {}
    for n, text in enumerate(MARKUP):
        provider = {"name": text, "domain": f"p{n}.example", "images": [{"url": f"https://img.example/{n}.png"}]}
        related = [{"title": text, "webUrl": f"https://rel.example/{n}", "excerpt": text,
                    "provider": {"name": text, "domain": f"r{n}.example"}}]
        files[f"content/text-{n}.md"] = file([
            f"title: {q('T' + str(n) + ' ' + text)}", f"excerpt: {q(text)}", f"publishedDateTime: 2026-11-20T10:{n:02d}:00Z",
            f"webUrl: https://ok.example/{n}", f"type: {q(text)}", f"price: {q(text)}", f"length: {q(text)}",
            f"size: {q(text)}", f"category: {q(text)}", f"secured: {q(text)}", f"own_field: {q(text)}",
            f"provider: {q(provider)}", f"topics: {q([text, 'Topic ' + text])}", f"related: {q(related)}",
            f"images: [{{url: https://img.example/h{n}.jpg, width: 800, height: 400}}]", f"featuredContent: {q(text)}",
        ], body=text + "\n\n" + text)
    for n, url in enumerate(URLS):
        files[f"content/url-{n}.md"] = file([
            f"title: U{n}", f"publishedDateTime: 2026-11-19T10:{n:02d}:00Z", "type: video",
            *(f"{key}: {q(url)}" for key in ("webUrl", "originalUrl", "ampWebUrl", "cdnAmpWebUrl")),
            f"provider: {q({'name': f'P{n}', 'domain': url, 'images': [{'url': url, 'width': 50, 'height': 50}]})}",
            f"images: {q([{'url': url, 'width': 10, 'height': 10}, {'url': f'https://img.example/{n}.jpg'}])}",
            f"related: {q([{'title': f'R{n}', 'webUrl': url}, {'title': f'S{n}', 'webUrl': f'https://rel.example/u{n}'}])}",
            f"featuredContent: {q('<iframe src=' + q(url) + '></iframe>')}",
        ], body=f"[a]({url}) <a href={q(url)}>b</a> <img src={q(url)} srcset={q(url + ' 1x')}>")
    for n, body in enumerate(BODIES):
        files[f"content/body-{n}.md"] = file([f"title: B{n}", f"publishedDateTime: 2026-11-18T10:{n:02d}:00Z"], body)
    for n, name in enumerate(NAMES):
        files[f"content/path-{n}.md"] = file([
            f"title: {q('P' + str(n) + ' ' + name)}", "publishedDateTime: 2026-11-17T10:00:00Z", f"slug: {q(name)}",
            f"type: {q(name)}", f"topics: {q([name])}", f"provider: {q({'name': name, 'domain': name})}"])
    for n, (key, value) in enumerate(WRONG.items()):
        meta = {"title": f"W{n}", "publishedDateTime": f"2026-11-16T10:{n:02d}:00Z", key: value}
        files[f"content/wrong-{n}.md"] = file([f"{k}: {v}" for k, v in meta.items()])
    files["content/bomb.md"] = file(["a: &a [x, x, x, x, x, x, x, x, x]"]
                                    + [f"{c}: &{c} [{', '.join(['*' + p] * 9)}]" for p, c in zip("abcde", "bcdef")]
                                    + ["title: Bomb", "publishedDateTime: 2026-11-15T10:00:00Z"])
    files["content/deep.md"] = file(["title: Deep", "publishedDateTime: 2026-11-15T10:01:00Z", "x: " + "[" * 200 + "]" * 200])
    files["content/huge.md"] = file(["title: Huge", "publishedDateTime: 2026-11-15T10:02:00Z",
                                     "topics: [" + ", ".join(f"t{i}" for i in range(600)) + "]",
                                     "images: [" + ", ".join(f"{{url: 'https://i.example/{i}.png'}}" for i in range(600)) + "]",
                                     "related: [" + ", ".join(f"{{title: r{i}, webUrl: 'https://r.example/{i}'}}"
                                                              for i in range(600)) + "]"])
    return files


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The hostile site, built: (config, result, every output file relative name -> bytes)."""
    root = make_site(tmp_path_factory.mktemp("hostile") / "site", _hostile_files())
    config, result = build_site(root)
    files = {p.relative_to(config.output_path).as_posix(): p.read_bytes()
             for p in sorted(config.output_path.rglob("*")) if p.is_file() and not p.name.startswith(".")}
    return config, result, files


SCRIPT_SOURCES = ("/static/js/images.js", "/static/js/words.js", "/static/js/relative-times.js",
                  "/static/js/players.js", "/static/search/search.js")


@pytest.mark.slow
def test_every_page_of_a_hostile_site_holds_only_the_theme_s_markup(hostile):
    """Every HTML page parsed as a browser parses it (html5lib): the only scripts are the theme's and the
    JSON-LD; no event handler, no `style`, `base`, `object`, `embed`, `meta http-equiv` or SVG/MathML from
    content; iframes only of the allowed players; every URL attribute http(s), mailto or the site's own."""
    config, result, files = hostile
    assert result.items > 80 and len(result.site.problems) == 4
    pages = {name: data for name, data in files.items() if name.endswith(".html")}
    assert len(pages) > 100
    for name, data in pages.items():
        for tag, element in html_elements(name, data):
            assert tag not in ("style", "base", "object", "embed", "svg", "math", "textarea", "xmp",
                               "plaintext"), (name, tag)
            # (the theme's one template: an allowed player, kept until the reader asks for it)
            assert tag != "template" or (element.get("class") == "player-frame"
                                         and [child.tag for child in element] == ["iframe"]), name
            if tag == "script":
                # the theme's own scripts, a story's JSON-LD, the search page's words (data, never run)
                assert ((element.get("src") in SCRIPT_SOURCES and not (element.text or "").strip())
                        or element.get("type") == "application/ld+json"
                        or (element.get("type"), element.get("id")) == ("application/json", "search-words")), name
            if tag == "iframe":
                assert element.get("src", "").startswith(("https://www.youtube.com/", "https://player.vimeo.com/")), name
            if tag == "meta":
                assert "http-equiv" not in element.attrib, name
            if tag == "form":
                assert element.get("action") == "/search/", name
            for attribute, value in element.attrib.items():
                assert not attribute.lower().startswith("on"), (name, tag, attribute, value)
                if attribute in URL_ATTRIBUTES:
                    for url in value.split(",") if attribute == "srcset" else [value]:
                        assert url_scheme(url.strip()) in ("", "http", "https", "mailto"), (name, tag, attribute, value)


@pytest.mark.slow
def test_every_feed_and_sitemap_of_a_hostile_site_is_well_formed_xml(hostile):
    import re
    import xml.etree.ElementTree as ET

    config, result, files = hostile
    xml = {name: data for name, data in files.items() if name.endswith((".xml", ".rss"))}
    assert len(xml) > 50 and "sitemap.xml" in xml and "feeds/latest.rss" in xml
    not_xml = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
    for name, data in xml.items():
        root = ET.fromstring(data)  # expat: strict
        assert not not_xml.search(data.decode("utf-8")), name
        for element in root.iter():
            if element.tag.endswith(("}loc", "}link", "link", "}id", "guid", "}uri", "url")) or "href" in element.attrib:
                for url in (element.text or "", element.get("href", "")):
                    assert url_scheme(url.strip()) in ("", "http", "https"), (name, element.tag, url)
    for loc in ET.fromstring(files["sitemap.xml"]).iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc"):
        assert loc.text.startswith(config.base_url) and len(loc.text) < 2048


@pytest.mark.slow
def test_every_json_file_of_a_hostile_site_parses_and_inline_json_stays_in_its_script(hostile):
    import re

    config, result, files = hostile
    documents = {name: data for name, data in files.items() if name.endswith(".json")}
    assert len(documents) > 50 and "api/news/index.json" in documents and "feeds/latest.json" in documents
    for name, data in documents.items():
        json.loads(data)
    inline = 0
    for name, data in files.items():
        if name.endswith(".html"):
            for body in re.findall(rb"<script type=\"application/ld\+json\">(.*?)</script>", data, re.DOTALL):
                inline += 1
                text = body.decode("utf-8")
                json.loads(text)
                assert "<" not in text and "\u2028" not in text and "\u2029" not in text, name
    assert inline == result.items


@pytest.mark.slow
def test_hostile_names_stay_inside_the_output_and_clashes_are_told(hostile):
    """Slugs, topics, providers and types named `../../etc/passwd`, `CON`, 300 letters, `Case`/`case` and
    `Café` composed and decomposed: every page in the output folder, portable, none lost to another."""
    config, result, files = hostile
    items = result.site.model.site.items
    paths = [i.path for i in items if i.source.startswith("content/path-")]
    assert len(paths) == len(set(paths)) == len(NAMES)  # two that clash both have a page
    for name in files:
        assert name.isascii() and len(name) < 120 and "\\" not in name and ".." not in name.split("/"), name
        assert not any(part.split(".")[0].lower() in ("con", "nul", "prn", "aux") for part in name.split("/")), name
    told = [w for w in result.site.warnings if "would write the same page" in w.message]
    assert {w.path for w in told} == {"content/path-7.md", "content/path-8.md", "content/path-9.md", "content/path-10.md"}
    for built in items:
        assert (config.output_path / built.path / "index.html").is_file()


@pytest.mark.slow
def test_broken_hostile_items_are_named_with_a_line_and_what_to_do(hostile):
    config, result, files = hostile
    problems = {p.path: p for p in result.site.problems}
    # (a title or a date that is a list cannot be shown; nothing else of them is left out)
    assert set(problems) == {"content/bomb.md", "content/deep.md", "content/wrong-0.md", "content/wrong-2.md"}
    for problem in list(problems.values()) + list(result.site.warnings):
        assert problem.line and problem.line >= 1, problem
    wrong = {w.path for w in result.site.warnings if w.path.startswith("content/wrong-")}
    # each unusable value is said, but a one-item list's item (`price: [1]`, `slug: [a]`, as other crawlers
    # write them) is read, and `secured` is read in any shape, never kept nor shown
    read = {f"content/wrong-{n}.md" for n, key in enumerate(WRONG) if key in ("title", "publishedDateTime",
                                                                            "price", "slug", "secured")}
    assert wrong == {f"content/wrong-{n}.md" for n in range(len(WRONG))} - read, sorted(wrong)
    huge = [w.message for w in result.site.warnings if w.path == "content/huge.md"]
    assert len(huge) == 3, huge


@pytest.mark.slow
def test_no_hostile_item_runs_script_in_a_browser(hostile, page):
    """Every page of the hostile site, and the search page's results for words of the payloads, in Chromium:
    no payload sets `window.pwned` or opens a dialog, and no link, picture or frame has a script URL."""
    from conftest import static_server

    config, result, files = hostile
    pages = [name[: -len("index.html")] if name.endswith("index.html") else name
             for name in files if name.endswith(".html")]
    dialogs, errors = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: errors.append(str(error)))
    with static_server(config.output_path) as base:
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base) else route.abort())
        searches = [f"search/?q={word}" for word in ("pwned", "script", "window", "javascript", "onerror", "string",
                                                     "constructor", "__proto__", "p15&topic=constructor",
                                                     "p16&provider=proto", "hasOwnProperty&sort=date")]
        for path in pages + searches:
            page.goto(base + path, wait_until="load")
            if path in searches:
                page.wait_for_function("document.getElementById('search-status').textContent !== ''")
            assert page.evaluate("window.pwned") is None, path
            bad = page.evaluate("""() => [...document.querySelectorAll('[href], [src], [action], [srcset]')]
                .map(e => e.href || e.src || e.action || e.srcset || '')
                .filter(url => /^\\s*(javascript|data|vbscript):/i.test(url))""")
            assert bad == [], (path, bad)
        page.goto(base + "search/?q=pwned", wait_until="load")
        page.wait_for_function("document.querySelectorAll('#search-results li').length > 0")
        assert page.evaluate("window.pwned") is None
    assert len(pages) > 100 and dialogs == [] and errors == []


def test_pictures_and_related_stories_that_cannot_be_kept_are_told(tmp_path, capsys):
    """A picture or a related story whose URL is `javascript:` (or none) was skipped without a word."""
    images = json.dumps([{"url": "javascript:window.pwned=1"}, {"url": "https://img.example/ok.jpg"}, {"url": "/x.png"}])
    related = json.dumps([{"title": "Good", "webUrl": "https://r.example/1"}, {"title": "Bad", "webUrl": "data:,x"},
                          {"webUrl": "https://r.example/untitled"}, "just text"])
    files = {"content/a.md": f"---\ntitle: A\npublishedDateTime: 2026-11-20T10:00:00Z\nimages: {images}\n"
                             f"related: {related}\n---\nBody.\n"}
    site = make_site(tmp_path / "site", files)
    assert main(["build", "--config", str(site / "config.yaml")]) == 0
    err = capsys.readouterr().err
    assert "warning: content/a.md:4: `images`: 2 entries have no http or https `url` (first: " \
           "'javascript:window.pwned=1'); they are left out" in err, err
    assert "warning: content/a.md:5: `related`: 2 entries have no http or https `webUrl`" in err, err
    # coverage without a title is shown by its site's name
    page = (site / "output/news/2026/11/20/a/index.html").read_text(encoding="utf-8")
    assert re.search(r'<a [^>]*href="https://r.example/untitled"[^>]*>\s*r\.example\s*</a>', page), page


def test_a_file_name_cannot_drive_the_terminal_or_forge_a_message(tmp_path, capsys):
    """A crawler that names files after titles can write ESC sequences (clear the screen, recolour), a line
    break (a forged `error:` line) or a right-to-left override into a file name; messages printed them raw."""
    site = make_site(tmp_path / "site", {})
    name = "a\x1b[2J\x1b[31mred\u202egpj.exe\nerror: forged.md:1: fake\x07.md"
    (site / "content" / name).write_text("---\ntitle: x\npublishedDateTime: nope\n---\n", encoding="utf-8")
    assert main(["build", "--config", str(site / "config.yaml")]) == 0
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\u202e" not in err and "\x07" not in err, repr(err)
    [line] = [line for line in err.splitlines() if "publishedDateTime" in line]
    assert line.startswith("error: content/a\\x1b[2J\\x1b[31mred\\u202egpj.exe\\nerror: forged.md:1: fake\\x07.md:3: ")
    assert not any(line.startswith("error: forged.md") for line in err.splitlines())


def test_a_key_or_value_a_message_quotes_cannot_drive_the_terminal(tmp_path, capsys):
    """Messages quote the file's keys (`exce\\erpt` is not a known field; did you mean...) and names: a
    double-quoted YAML key's `\\e` escape is ESC, which the message printed raw (file names were escaped)."""
    site = make_site(tmp_path / "site", {"content/a.md": (
        '---\ntitle: x\npublishedDateTime: 2026-11-20T10:00:00Z\n"exce\\erpt": x\n"\\u202etitle": y\n---\n')})
    assert main(["build", "--config", str(site / "config.yaml")]) == 0
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\u202e" not in err, repr(err)
    assert "`exce\\x1brpt` is not a known field; did you mean `excerpt`?" in err, err
    assert "`\\u202etitle` is not a known field; did you mean `title`?" in err, err


@pytest.mark.slow
def test_a_direction_override_left_open_in_a_field_turns_nothing_after_it(tmp_path, page):
    """A crawler's stray right-to-left override (U+202E) in a field turned around what a page writes after it
    on the same line: a card's facts read "BM 21 · nim 4" after a `length` of "4 min" with one. The model now
    closes what a field leaves open, at its end; the override itself is kept (right-to-left text needs such
    characters)."""
    from conftest import item, static_server

    files = {"content/story.md": item("Title", length=json.dumps("4 min \u202e"), size='"12 MB"')
             .replace("title: 'Title'", "title: " + json.dumps("Title \u202eturned"))}
    config, result = build_site(make_site(tmp_path / "site", files))
    [story] = result.site.model.site.items
    assert story.title == "Title \u202eturned\u202c" and story.length == "4 min \u202e\u202c"
    with static_server(config.output_path) as base:
        page.goto(base + "latest/")
        order = page.evaluate(FACT_ORDER)
    assert order == ["12 MB", True]  # written left to right, as without the override


# The last fact of the first card's facts, and whether it is drawn left to right ("12 MB": 1 before B)
FACT_ORDER = """() => {
    const facts = document.querySelector('.card .facts'), range = document.createRange();
    const walker = document.createTreeWalker(facts, NodeFilter.SHOW_TEXT);
    let text = null;
    while (walker.nextNode()) if (walker.currentNode.textContent.includes('12 MB')) text = walker.currentNode;
    const x = i => { range.setStart(text, i); range.setEnd(text, i + 1); return range.getBoundingClientRect().x; };
    const at = text.textContent.indexOf('12 MB');
    return [text.textContent.slice(at), x(at) < x(at + 4)];
}"""


@pytest.mark.slow
def test_a_right_to_left_fact_leaves_the_next_one_in_its_order(tmp_path, page):
    """Without any override, a right-to-left `length` ("4 minutes" in Arabic) took the number of the fact after
    it into its run: a card read "12 · 4 دقائق MB" for "دقائق 4 · 12 MB", and a provider's card
    "1 · الجزيرة نت story". Each fact (and a provider's domain) is isolated now (<bdi>)."""
    from conftest import item, static_server

    name = "\u0627\u0644\u062c\u0632\u064a\u0631\u0629"  # (Al Jazeera, in Arabic)
    provider = json.dumps({"name": name, "domain": "\u0646\u062a " + name})
    files = {"content/story.md": item("Title", length=json.dumps("\u062f\u0642\u0627\u0626\u0642 4"), size='"12 MB"',
                                      provider=provider)}
    config, result = build_site(make_site(tmp_path / "site", files))
    with static_server(config.output_path) as base:
        page.goto(base + "latest/")
        assert page.evaluate(FACT_ORDER) == ["12 MB", True]
        page.goto(base + "providers/")
        order = page.evaluate("""() => {
            const meta = document.querySelector('.provider-card .meta'), range = document.createRange();
            const text = [...meta.childNodes].find(node => node.nodeType === 3 && node.textContent.includes('1 story'));
            const at = text.textContent.indexOf('1 story');
            range.setStart(text, at); range.setEnd(text, at + 1);
            const one = range.getBoundingClientRect().x;
            return one > meta.querySelector('bdi').getBoundingClientRect().right - 1;
        }""")
    assert order  # "1 story" after the domain, not drawn before it


def test_an_endless_title_or_excerpt_is_cut_with_a_warning_and_the_site_stays_small(tmp_path, capsys):
    """A crawler's 100,000-character title was written whole into every page, feed and API file that shows
    the story (about 30 of them). Plain-text fields are cut at a word to 2,000 characters, with a warning."""
    from conftest import item

    words = " ".join(f"word{n}" for n in range(10_000))  # twice in the front matter: under its 256 KiB
    files = {"content/long.md": item("Long", excerpt=json.dumps(words + " \u202e")).replace(
                 "title: 'Long'", "title: " + json.dumps(words)),
             "content/short.md": item("A short title", "2026-11-19T10:00:00Z")}
    root = make_site(tmp_path / "site", files)
    assert main(["build", "--config", str(root / "config.yaml")]) == 0
    err = capsys.readouterr().err
    kept = words[:2000].rsplit(" ", 1)[0]  # cut at the last whole word
    assert f"content/long.md:2: `title` is {len(words):,} characters long; it is cut to {len(kept):,}" in err
    assert "content/long.md:4: `excerpt` is" in err and "shorten it to at most 2,000 characters" in err
    records = json.loads((root / "output/api/news/index.json").read_text(encoding="utf-8"))["news"]
    long = next(record for record in records if record["title"].startswith("word0 "))
    assert long["title"] == kept + "…"
    assert len(long["excerpt"]) <= 2001 and "\u202e" not in long["excerpt"]
    assert (root / "output/latest/index.html").stat().st_size < 40_000


SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 8 8">{}</svg>\n'


UNSAFE_SVG = {  # file -> what the SVG holds
    "script.svg": SVG.format("<script>window.pwned = 1</script>"),
    "prefixed.svg": '<s:svg xmlns:s="http://www.w3.org/2000/svg"><s:script>window.pwned = 1</s:script></s:svg>',
    "handler.svg": SVG.format('<rect width="8" height="8" onLoad="window.pwned = 1"/>'),
    "link.svg": SVG.format('<a xlink:href="jav&#x61;&#9;script:window.pwned=1"><rect width="8" height="8"/></a>'),
    "animated.svg": SVG.format('<a><set attributeName="href" to="javascript:window.pwned=1"/><rect width="8"/></a>'),
    "foreign.svg": SVG.format('<foreignObject><p xmlns="http://www.w3.org/1999/xhtml">x</p></foreignObject>'),
    "entities.svg": '<!DOCTYPE svg [<!ENTITY a "b">]>' + SVG.format("&a;"),
}


def test_svg_logos_with_scripts_are_not_copied_and_are_told_with_the_images_line(tmp_path, capsys):
    """A provider's logo in the data folder was copied into the output as it was: an SVG with a script runs
    on the site's own origin when opened. Such a logo is left out, with a warning at the record's `images`
    line saying what to do; a plain SVG logo is copied as before."""
    files = {"content/plain.md": item("Plain", provider="{name: Plain, domain: plain.example}"),
             "data/organizations/plain.example.md": "---\n_id: plain.example\nname: Plain\nimages:\n"
                                                    "  - url: /assets/plain.svg\n---\n",
             "assets/plain.svg": SVG.format('<a href="https://plain.example/"><rect width="8" height="8"/></a>'
                                            "<text>on = 1</text>")}
    for n, (name, svg) in enumerate(sorted(UNSAFE_SVG.items())):
        files[f"content/{n}.md"] = item(f"Story {n}", provider=f"{{name: P{n}, domain: p{n}.example}}")
        files[f"data/organizations/p{n}.example.md"] = (f"---\n_id: p{n}.example\nname: P{n}\ndescription: x\n"
                                                        f"images:\n  - url: /assets/{name}\n---\n")
        files[f"assets/{name}"] = svg
    site = make_site(tmp_path / "site", files, 'title: T\nbase_url: https://example.org/\nnow: "2026-11-22T12:00:00Z"\n'
                                               "data_dir: data\n")
    code = main(["build", "--config", str(site / "config.yaml")])
    out, err = capsys.readouterr()
    assert code == 0, out + err
    logos = sorted(path.name for path in (site / "output" / "assets" / "providers").iterdir())
    assert logos == ["plain.svg"]
    assert not any(b"pwned" in path.read_bytes() for path in (site / "output").rglob("*") if path.is_file())
    told = [line for line in (out + err).splitlines() if "is an SVG with" in line]
    assert len(told) == len(UNSAFE_SVG), out + err
    for n, name in enumerate(sorted(UNSAFE_SVG)):
        assert any(f"data/organizations/p{n}.example.md:5: logo /assets/{name} is an SVG with" in line
                   and "remove the scripts" in line for line in told), (name, told)


def test_direction_marks_in_urls_are_percent_encoded_in_every_output(tmp_path):
    """A right-to-left override in a link (`/\\u202egpj.exe`, shown as `/exe.jpg` by a feed reader or a
    status bar) went into every page, feed and API file as it was. It is percent-encoded now, as the
    browser sends it (the link still leads to the same place); a URL with one in its host, which no browser
    can load, is not kept."""
    site = make_site(tmp_path / "site", {
        "content/a.md": item("Spoof", webUrl='"https://spoof.example/\\u202egpj.exe?x=\\u2066y"',
                             images='[{url: "https://spoof.example/\\u200fpic.jpg"}, '
                                    '{url: "https://spo\\u202eof.example/pic.jpg"}]'),
    }, 'title: T\nbase_url: https://example.org/\nnow: "2026-11-22T12:00:00Z"\n')
    config, result = build_site(site)
    [kept] = result.site.model.site.items
    assert kept.web_url == "https://spoof.example/%E2%80%AEgpj.exe?x=%E2%81%A6y"
    assert [image.url for image in kept.images] == ["https://spoof.example/%E2%80%8Fpic.jpg"]
    outputs = [path for path in (site / "output").rglob("*") if path.suffix in (".html", ".xml", ".json")]
    assert outputs
    for path in outputs:
        text = path.read_text(encoding="utf-8")
        assert "spoof.example/\u202e" not in text and "\u200fpic" not in text and "spo\u202eof" not in text, path
    assert any("https://spoof.example/%E2%80%AEgpj.exe" in path.read_text(encoding="utf-8") for path in outputs)


def test_a_direction_mark_does_not_close_an_isolate_left_open_in_a_title(tmp_path):
    """A left-to-right mark is no end of an isolate: the one left open in a title is still closed."""
    front = '---\ntitle: "\\u2067Open \\u200emark"\npublishedDateTime: 2026-11-20T10:00:00Z\n---\n'
    site = make_site(tmp_path / "site", {"content/a.md": front},
                     'title: T\nbase_url: https://example.org/\nnow: "2026-11-22T12:00:00Z"\n')
    config, result = build_site(site)
    [kept] = result.site.model.site.items
    assert kept.title == "\u2067Open \u200emark\u2069"


def test_a_record_s_logo_address_is_read_as_an_item_s_picture_is(tmp_path):
    """A data_dir organization record's logo at an http(s) address was published as written: `HTTPS://`
    became a path of the site (`/HTTPS://cdn...`), a user name and password were in every page and the API,
    a direction override and U+FFFE stayed as characters; `//cdn/x.png` and one with a space were dropped
    without a word. Logos are read as an item's pictures are now, and one that is neither a usable address
    nor a file beside the data folder is named with the line of its record's `images`."""
    logos = {"upper": "HTTPS://cdn.example/upper.png", "creds": "https://user:secret@cdn.example/creds.png",
             "space": " https://cdn.example/sp ace.png", "bidi": "https://cdn.example/\u202egnp.png",
             "nonchar": "https://cdn.example/\ufffe.png", "scheme": "//cdn.example/scheme.png",
             "script": "javascript:alert(1)", "missing": "/assets/missing.png"}
    files = {}
    for name, url in logos.items():
        files[f"data/organizations/{name}.md"] = (f"---\n_id: {name}.example\nname: {name.title()}\nimages:\n"
                                                  f"  - url: {json.dumps(url)}\n    width: 50\n    height: 50\n---\n")
        files[f"content/{name}.md"] = item(f"Story {name}", provider=f"{{name: {name.title()}, domain: {name}.example}}")
    site = make_site(tmp_path / "site", files, "title: Test News\nbase_url: https://example.org/\n"
                     "now: \"2026-11-22T12:00:00Z\"\ndata_dir: data\n")
    config, result = build_site(site)
    api = json.loads((config.output_path / "api/news/index.json").read_text(encoding="utf-8"))
    shown = {entry["provider"]["name"]: [image["url"] for image in entry["provider"]["images"]] for entry in api["news"]}
    assert shown == {
        "Upper": ["https://cdn.example/upper.png"], "Creds": ["https://cdn.example/creds.png"],
        "Space": ["https://cdn.example/sp%20ace.png"], "Bidi": ["https://cdn.example/%E2%80%AEgnp.png"],
        "Nonchar": ["https://cdn.example/%EF%BF%BE.png"], "Scheme": ["https://cdn.example/scheme.png"],
        "Script": [], "Missing": []}
    page = (config.output_path / "providers/index.html").read_text(encoding="utf-8")
    assert 'src="https://cdn.example/upper.png"' in page and "secret" not in page and "\u202e" not in page
    warned = sorted(str(problem) for problem in result.site.warnings if "logo" in str(problem))
    assert len(warned) == 2, warned
    assert warned[0].startswith("data/organizations/missing.md:4: logo /assets/missing.png is no http")
    assert warned[1].startswith("data/organizations/script.md:4: logo javascript:alert(1) is no http")


def test_plain_text_is_written_in_its_composed_form(tmp_path):
    """A title, excerpt, provider or topic name written with a letter and a combining accent (`Cafe\\u0301`, as
    macOS and some crawlers write it) was written so into every page, feed and API file: the same text to a
    reader, but the Nu checker warns of each such text and attribute, and feed readers compare titles by their
    characters. Plain-text fields are in Unicode's composed form (NFC) now."""
    import json

    decomposed = "Cafe\u0301 cre\u0300me"
    site = make_site(tmp_path / "site", {"content/a.md": item(
        decomposed, excerpt=json.dumps(decomposed),
        provider=json.dumps({"name": decomposed, "domain": "p.example"}), topics=json.dumps([decomposed]))})
    config, result = build_site(site)
    written = [p for p in config.output_path.rglob("*") if p.suffix in (".html", ".xml", ".json", ".rss")]
    assert written
    shown = [p for p in written if "Café crème" in p.read_text(encoding="utf-8")]
    assert shown and not [p for p in written if "e\u0301" in p.read_text(encoding="utf-8")]


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["cmark", "python-markdown"])
def test_the_nu_checker_finds_nothing_on_any_page_of_the_hostile_site(tmp_path, engine):
    """The site of hostile items above (markup, scripts and odd addresses in every field and
    body): its pages held 17 errors of addresses, 11 of pictures without one and 66 warnings of decomposed
    text before. Now the checker reports nothing."""
    import json
    import shutil
    import subprocess

    from conftest import BASIC_CONFIG, ROOT

    jar, java = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar", shutil.which("java")
    if not jar.is_file() or not java:
        pytest.skip("the Nu HTML checker needs `npm ci` and Java 11+")
    config, result = build_site(make_site(tmp_path / "site", _hostile_files(),
                                          BASIC_CONFIG + f"markdown_engine: {engine}\n"))
    assert len(list(config.output_path.rglob("*.html"))) > 100
    run = subprocess.run([java, "-jar", str(jar), "--format", "json", "--skip-non-html", str(config.output_path)],
                         capture_output=True, text=True, timeout=600)
    messages = json.loads(run.stderr or run.stdout)["messages"]
    assert [f"{m.get('url', '?').split('/output/')[-1]}: {m['type']}: {m['message']}" for m in messages] == []


HOSTILE_AUTHORS = {
    "markup": json.dumps('<script>alert(1)</script>Sam &amp; "Co" </title>]]><!--'),
    "person": json.dumps({"name": "</script><script>alert(2)</script>Ann", "url": "javascript:alert(3)",
                          "email": "ann@example.org"}),
    "mixed": json.dumps(["Bob", {"name": "Cy"}, ["nested"], {"name": {"deep": 1}}, True, "Bob"]),
    "braces": json.dumps("{{ 7*7 }} {% raw %} ${x}"),
    "bidi": json.dumps("\u202eevil"),
    "many": json.dumps([f"Writer {n}" for n in range(3000)]),
}


def test_a_hostile_author_leaves_every_output_valid_and_escaped_once(tmp_path):
    """An item's `author` is shown as "By ..." on its page, as JSON-LD's Person, in the API and as each feed's
    author. Markup, scripts, entities, template syntax, a direction override and thousands of names in it
    leave every page, feed and API file valid: no script, the text escaped once, feeds well-formed XML that
    feedparser reads without complaint. A list with an entry that is no name keeps its other names (it was
    left out whole), with a warning at its line."""
    import xml.dom.minidom

    import feedparser

    files = {f"content/{name}.md": item(name.title(), author=value) for name, value in HOSTILE_AUTHORS.items()}
    config, result = build_site(make_site(tmp_path / "site", files))
    news = api_news(config)
    assert news["markup"]["author"] == 'Sam & "Co" ]]><!--' and news["person"]["author"] == "Ann"
    assert news["mixed"]["author"] == "Bob, Cy" and news["braces"]["author"] == "{{ 7*7 }} {% raw %} ${x}"
    assert len(news["many"]["author"]) <= 2000
    assert [str(w).split(": ", 1)[0] for w in result.site.warnings if "no name as text" in str(w)] == [
        "content/mixed.md:4"]
    out = config.output_path
    page = (out / "news/2026/11/20/markup/index.html").read_text(encoding="utf-8")
    assert "By <bdi>Sam &amp; &#34;Co&#34; ]]&gt;&lt;!--</bdi>" in page
    checked, feeds = 0, 0
    for path in sorted(out.rglob("*")):
        text = path.read_text(encoding="utf-8") if path.suffix in (".html", ".xml", ".rss", ".json") else None
        if text is None:
            continue
        checked += 1
        assert "<script>alert" not in text and "javascript:" not in text and "&amp;amp;" not in text, path
        if path.suffix == ".json":
            json.loads(text)
        elif path.suffix in (".xml", ".rss"):
            xml.dom.minidom.parseString(text.encode("utf-8"))
            if "feed" in path.name or path.parent.name == "feeds":
                feeds += 1
                parsed = feedparser.parse(text.encode("utf-8"))
                assert not parsed.bozo, (path, parsed.bozo_exception)
                authors = {e.get("author") for e in parsed.entries}
                assert 'Sam & "Co" ]]><!--' in authors, (path, authors)
    assert checked > 20 and feeds >= 4


def test_a_size_length_or_price_that_is_nan_or_infinite_is_not_shown(tmp_path):
    """Python's and pandas' JSON writers put NaN for a missing number, YAML writers `.nan`, and `1e309` is
    infinite to every reader: a story's facts read "NaN · .nan · Infinity" on its card, its page, the search
    results and the API. Such a size, length or price (or offer's amount) is left out with a warning at its
    line now; every other fact of the story is shown."""
    spellings = ["NaN", ".nan", "-.inf", "Infinity", "1e309", "{amount: .nan, currency: EUR}"]
    files = {f"content/n{n}.md": "\n".join([
        "---", f"title: N{n}", f"publishedDateTime: 2026-11-20T10:{n:02d}:00Z", "type: podcast",
        f"price: {value}", f"length: {value if n < 5 else 'PT4M13S'}", f"size: {value if n < 5 else 12300000}",
        "---", "Body."]) + "\n" for n, value in enumerate(spellings)}
    files["content/good.md"] = item("Good", type="podcast", price="'9.99 EUR'", length="PT4M13S", size="12300000")
    config, result = build_site(make_site(tmp_path / "site", files))
    said = [str(warning) for warning in result.site.warnings]
    for n, value in enumerate(spellings):
        for key, line in (("price", 5), ("length", 6), ("size", 7))[:3 if n < 5 else 1]:
            assert any(re.fullmatch(rf"content/n{n}\.md:{line}: `{key}` .* is no number \(NaN or infinite\); it is "
                                    rf"left out \(write .*remove `{key}`\)", text) for text in said), (n, key, said)
    assert len(said) == 5 * 3 + 1 and not result.site.problems
    out = config.output_path
    outputs = {path: path.read_text(encoding="utf-8") for path in out.rglob("*")
               if path.suffix in (".html", ".json", ".xml", ".rss")}
    assert len(outputs) > 20
    for path, text in outputs.items():
        assert not re.search(r"\bNaN\b|\.nan|Infinity|\.inf\b|1e309|nan EUR", text), path
    page = (out / "news/2026/11/20/n5/index.html").read_text(encoding="utf-8")
    assert 'datetime="PT4M13S"' in page and "12.3 MB" in page  # (the story's other facts)
    good = (out / "news/2026/11/20/good/index.html").read_text(encoding="utf-8")
    assert "9.99 EUR" in good and "4 min" in good and "12.3 MB" in good
    assert set(api_news(config)) == {f"n{n}" for n in range(len(spellings))} | {"good"}


def test_a_size_length_or_price_of_thousands_of_digits_keeps_the_build_and_is_read_quickly(tmp_path):
    """Python makes no int of more than 4,300 digits: a `size` of 5,000 (a crawler's garbage, as YAML leaves
    it, text) stopped the whole build with a traceback. It is text now, cut as any long one with a warning;
    and reading it, a length or a price of 20,000 digits costs no more than reading a line."""
    from conftest import cpu_seconds

    digits = "9" * 20_000
    files = {f"content/{key}.md": item(key.title(), **{key: value}) for key, value in
             (("size", "9" * 5000), ("length", digits), ("price", digits), ("heat", digits))}
    files["content/good.md"] = item("Good")
    before = cpu_seconds()
    config, result = build_site(make_site(tmp_path / "site", files))
    assert cpu_seconds() - before < 30  # (reading each digit string again from each digit on: minutes)
    assert set(api_news(config)) == {"size", "length", "price", "heat", "good"} and not result.site.problems
    cut = {w.path for w in result.site.warnings if "characters long; it is cut to 2,000" in w.message}
    assert cut == {"content/size.md", "content/length.md", "content/price.md"}


def test_nan_in_a_nested_name_or_title_is_no_text(tmp_path):
    """pandas and JSON writers put NaN for a missing value, which YAML writes `.nan`: a provider named `.nan`
    was the provider "nan" (its own page, its monogram N), a related story's title "nan" and a topic "nan".
    NaN and the infinities are no text now, said at their line as any other value that is none: the provider
    is named by its domain, the related story by its host, and the topic entries are left out."""
    front = "\n".join(["title: Nested", "publishedDateTime: 2026-11-20T10:00:00Z",
                       "provider: {name: .nan, domain: news.example}", "topics: [.nan, Science, -.inf]",
                       "related: [{title: .nan, webUrl: 'https://other.example/r'}]"])
    config, result = build_site(make_site(tmp_path / "site", {"content/nested.md": f"---\n{front}\n---\nBody.\n"}))
    [story] = result.site.model.site.items
    assert (story.provider.name, story.topic_names, story.related[0].title) == ("news.example", ("Science",),
                                                                                "other.example")
    said = sorted(str(w) for w in result.site.warnings)
    assert said == ["content/nested.md:4: `provider`'s `name` and `domain` must be text (put each on one line, in quotes)",
                    "content/nested.md:5: `topics` must be a list of names; 2 entries are left out "
                    "(write one `- name` per line)"], said
    outputs = [path for path in config.output_path.rglob("*") if path.suffix in (".html", ".json", ".xml", ".rss")]
    assert len(outputs) > 20
    for path in outputs:
        assert not re.search(r"\bnan\b|\binf\b", path.read_text(encoding="utf-8"), re.IGNORECASE), path
