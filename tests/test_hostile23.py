"""Hostile and odd crawler content, fourth round: character references in a body to characters no output
may carry.

Each test writes what a crawler or a feed can send and checks what the user sees: the site built from it,
the files fetch writes, and the messages.
"""

from __future__ import annotations

import json
import re
from xml.etree import ElementTree

import pytest

from conftest import build_site, item, make_site, cpu_seconds

# What no page, feed or API file may carry: C0 and C1 controls but white space, and Unicode's noncharacters
NO_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff\U0001fffe\U0010ffff]")


# --- 1. character references in a body to characters no output may carry ----------------------------

@pytest.mark.parametrize("engine", ["cmark", "python-markdown"])
def test_references_to_no_character_in_a_body_keep_the_site_and_leave_no_trace(tmp_path, engine):
    """`&#xFFFF;` in one item's body stopped the whole build (cmark writes U+FFFE and U+FFFF as bytes that
    are no UTF-8); `&#1;`, `&#11;` and `&#xFDD0;` reached the story's page as the characters, which HTML
    makes parse errors and XML forbids, though the same characters written as such are removed. They are
    removed from the text now, and percent-encoded in a link, as the browser sends them."""
    refs = "&#1; &#11; &#x7f; &#x85; &#xFDD0; &#xFFFE; &#xFFFF; &#x1FFFE; &#x10FFFF;"
    body = (f"Before {refs} after.\n\n<p title=\"&#2;\">titled</p> <a href=\"https://p.example/a&#1;b&#xFFFE;\">link</a>"
            f" <img src=\"https://p.example/i&#xFFFF;.png\" alt=\"&#3;pic\">")
    featured = '"<p>Featured &#1; &#xFFFF; text</p>"'
    site = make_site(tmp_path / "site", {
        "content/refs.md": item("References", body=body, featuredContent=featured),
        "content/plain.md": item("Plain one", date="2026-11-20T09:00:00Z"),
    }, "title: Test News\nbase_url: https://example.org/\nnow: \"2026-11-22T12:00:00Z\"\n"
       f"markdown_engine: {engine}\n")
    config, result = build_site(site)
    assert result.items == 2
    out = config.output_path
    page = (out / "news/2026/11/20/refs/index.html").read_text(encoding="utf-8")
    assert (out / "news/2026/11/20/plain/index.html").is_file()
    assert "Before" in page and "after." in page and "titled" in page and "Featured" in page
    assert 'href="https://p.example/a%01b%EF%BF%BE"' in page
    assert 'src="https://p.example/i%EF%BF%BF.png"' in page
    written = [p for p in out.rglob("*") if p.is_file() and p.suffix in (".html", ".xml", ".rss", ".json")]
    assert written
    for path in written:
        assert not NO_CHARACTER.search(path.read_text(encoding="utf-8")), path


# --- 2. the addresses of a player and of a podcast's file, as embed codes write them ------------------

def test_a_player_or_sound_file_written_as_embed_codes_write_it_is_kept_as_sent(tmp_path):
    """A featuredContent player at `//www.youtube.com/embed/x` (as YouTube's and most embed codes write it),
    at a relative address, or with a space in its query was dropped without a word: the video had no
    player and no link. A podcast's sound file with a space went into the RSS enclosure and the JSON Feed
    attachment as written, which podcast apps cannot fetch. Both are read as a URL field is now:
    scheme-relative as https, relative against the story's page, spaces percent-encoded (an embed in the
    body, shown as a link to it, too); and a player that still cannot be kept is named with its line."""
    def video(name, src, **fields):
        return item(name, type="video", webUrl="https://p.example/news/v.html",
                    featuredContent=f"'<iframe src=\"{src}\" width=\"560\"></iframe>'", **fields)
    site = make_site(tmp_path / "site", {
        "content/scheme.md": video("Scheme relative", "//www.youtube.com/embed/abc"),
        "content/relative.md": video("Relative", "/embed/rel?id=1"),
        "content/space.md": video("Space", "https://player.example/embed?id=a b&amp;t=1",
                                  body='<iframe src="https://player.example/embed?id=c d"></iframe>'),
        "content/bad.md": video("Bad", "javascript:alert(1)"),
        "content/pod.md": item("Pod", type="podcast", webUrl="https://p.example/pod",
                               featuredContent="'<audio src=\"https://p.example/My Show 1.mp3?a=1&b=<2>\"></audio>'"),
    })
    config, result = build_site(site)
    out = config.output_path
    api = json.loads((out / "api/news/index.json").read_text(encoding="utf-8"))
    players = {entry["title"]: entry["videoUrl"] for entry in api["news"]}
    assert players == {"Scheme relative": "https://www.youtube.com/embed/abc",
                       "Relative": "https://p.example/embed/rel?id=1",
                       "Space": "https://player.example/embed?id=a%20b&t=1", "Bad": None, "Pod": None}
    page = (out / "news/2026/11/20/scheme/index.html").read_text(encoding="utf-8")
    assert '<iframe src="https://www.youtube.com/embed/abc"' in page
    space = (out / "news/2026/11/20/space/index.html").read_text(encoding="utf-8")
    assert 'href="https://player.example/embed?id=a%20b&amp;t=1"' in space  # (not embedded: not on embed_hosts)
    assert 'href="https://player.example/embed?id=c%20d"' in space  # (an embed in the body is a link)
    warned = [str(problem) for problem in result.site.warnings if "bad.md" in str(problem)]
    assert len(warned) == 1 and "javascript:alert(1)" in warned[0] and "player" in warned[0], warned
    sound = "https://p.example/My%20Show%201.mp3?a=1&b=%3C2%3E"
    assert [entry["mediaUrl"] for entry in api["news"] if entry["title"] == "Pod"] == [sound]
    rss = ElementTree.parse(out / "podcasts/feed.rss").getroot()
    assert [e.get("url") for e in rss.iter("enclosure")] == [sound]
    feed = json.loads((out / "podcasts/feed.json").read_text(encoding="utf-8"))
    assert [a["url"] for entry in feed["items"] for a in entry.get("attachments", [])] == [sound]


# --- 3. data_dir records: logos' addresses, read as an item's ----------------------------------------

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


# --- 4. markup that Python's HTML parser takes minutes over -------------------------------------------

def test_a_tag_left_open_to_the_end_of_an_embed_costs_no_more_than_its_length(tmp_path):
    """featuredContent or a body holding `<iframe ` and then 20,000 unclosed `<x y='` (120 kB) took minutes
    to build: HTMLParser.close() rereads the rest of the text from each `<` in a tag left open at the end
    (CVE-2025-6069, in the Pythons newsdesk runs on before 3.12.11 and 3.13.5). Such a tag is dropped
    with all after it, as a browser drops it; the item and the rest of its text stay."""
    junk = "<x y='" * 20_000
    site = make_site(tmp_path / "site", {
        "content/featured.md": item("Featured", type="video", featuredContent=json.dumps("<iframe " + junk)),
        "content/body.md": item("Body", body="Kept text.\n\n<iframe " + junk + "'>"),
    })
    started = cpu_seconds()
    config, result = build_site(site)
    assert cpu_seconds() - started < 10
    assert result.items == 2
    assert "Kept text." in (config.output_path / "news/2026/11/20/body/index.html").read_text(encoding="utf-8")


def test_tags_left_without_an_end_cost_no_more_than_their_length(tmp_path):
    """A body of 40,000 `<iframe ` (320 kB; a body may have 4 MiB) took 50 s to build: each was read to the end
    of the body looking for its `>` and its `</iframe>`. Tags are read up to the next `<` or `>`, and each
    closing tag is looked up once; so are the `<img` and `<noscript` tags of lazy-loading pages."""
    bodies = {name: unit * 40_000 for name, unit in
              (("iframes", "<iframe "), ("closed", "<iframe>"), ("pictures", "<img "), ("noscripts", "<noscript "))}
    site = make_site(tmp_path / "site", {
        **{f"content/{name}.md": item(name.title(), body="Kept text.\n\n" + body) for name, body in bodies.items()},
        "content/featured.md": item("Featured", featuredContent=json.dumps("<iframe " * 30_000)),  # (240 kB)
    })
    started = cpu_seconds()
    config, result = build_site(site)
    assert cpu_seconds() - started < 20
    assert result.items == 5
    for name in bodies:
        assert "Kept text." in (config.output_path / f"news/2026/11/20/{name}/index.html").read_text(encoding="utf-8")


# --- 5. attribute values of a body that HTML does not allow -----------------------------------------

def test_numbers_and_keywords_of_a_body_s_attributes_are_ones_html_allows(tmp_path):
    """Crawled bodies write `width="100px"`, `height="auto"`, `colspan="0"`, `start="a"`, `datetime="soon"` and
    pictures without `alt`; the sanitiser let every such value through, and each is an error of the story's
    page to an HTML checker. A value is now written as a browser reads it (`100px` is 100, a column span is
    1 to 1000), left out when a browser would ignore it, a `<time>` with no date HTML reads is its text,
    and a picture without `alt` gets an empty one."""
    body = ('<img src="https://i.example/a.jpg" width="100px" height="auto"> <img src="https://i.example/b.jpg" '
            'alt="B" width="10.5" height="1e3">\n\n<table><tr><td colspan="0" rowspan="99999">a</td>'
            '<th scope="Sideways" colspan="x">b</th><th scope="COL" colspan="5000">c</th></tr></table>\n\n'
            '<ol start="abc"><li>x</li></ol> <ol start=" -3"><li>y</li></ol>\n\n<p><time datetime="soon">t</time> '
            '<time datetime="2026-11-20T10:00:00Z">u</time> <time>Yesterday</time> <time>2026-11-19</time></p>\n\n<video src="https://v.example/v.mp4" width="wide">'
            '<source src="https://v.example/s.mp4" type="not a type"></video>')
    site = make_site(tmp_path / "site", {"content/attrs.md": item("Attributes", body=body)})
    config, result = build_site(site)
    shown = _story_body(config.output_path / "news/2026/11/20/attrs/index.html")
    found = [(e.tag, {k: v for k, v in e.attrib.items() if k not in ("src", "controls", "preload")})
             for e in shown.iter() if e.tag in ("img", "td", "th", "ol", "time", "video", "source")]
    assert found == [
        ("img", {"alt": "", "width": "100"}), ("img", {"alt": "B", "width": "10"}),
        ("td", {"colspan": "1", "rowspan": "65534"}), ("th", {}), ("th", {"scope": "col", "colspan": "1000"}),
        ("ol", {}), ("ol", {"start": "-3"}), ("time", {"datetime": "2026-11-20T10:00:00Z"}), ("time", {}),
        ("video", {}),  # (its <source> goes: a player with its own src plays that, and HTML allows it none)
    ]
    assert "Yesterday" in "".join(shown.itertext())


# --- 6. what a page gives for browsers that run no script --------------------------------------------

def test_a_picture_given_for_browsers_without_script_is_shown_not_its_markup(tmp_path):
    """Lazy-loading pages give each picture as `<img data-src=...><noscript><img src=...></noscript>`. The
    sanitiser read `<noscript>` as a browser running script does, as text, and dropped the element but not
    its text: the story's page showed `<img src="https://...">` as words, and no picture. newsdesk's pages
    run no crawled script, so what `<noscript>` holds is read as HTML (and sanitised as the rest)."""
    body = ('<p>Before.</p><p><img data-src="https://i.example/l.jpg" class="lazy"><noscript><img '
            'src="https://i.example/l.jpg" alt="Lazy"></noscript></p><NOSCRIPT><p>Plain <b>bold</b></p></NOSCRIPT>'
            '<noscript><p title="</noscript><img src=x onerror=window.pwned=1>">after</p>')
    site = make_site(tmp_path / "site", {"content/lazy.md": item("Lazy", webUrl="https://p.example/a.html",
                                                                 body=body)})
    config, result = build_site(site)
    shown = _story_body(config.output_path / "news/2026/11/20/lazy/index.html")
    assert [(e.get("src"), e.get("alt")) for e in shown.iter("img") if e.get("src")] == [("https://i.example/l.jpg", "Lazy")]
    assert [b.text for b in shown.iter("b")] == ["bold"]
    words = "".join(shown.itertext())
    assert "Before." in words and "after" in words and "<img" not in words and "<p" not in words
    assert not [e for e in shown.iter() if any(name.startswith("on") for name in e.attrib)]


def test_a_picture_whose_address_a_lazy_loading_script_sets_is_shown(tmp_path):
    """A lazy-loading page's picture has its address in `data-src` (or `data-lazy-src`, `data-original`,
    `srcset`, `data-srcset`) and a placeholder or nothing in `src`; its script sets `src`. The site runs no
    such script and the sanitiser keeps no `srcset`: the picture was left without an address, and showed
    nothing. That address is its `src` now (resolved and checked as any); a picture's own `src` stays."""
    body = ('<p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="https://i.example/1.jpg" alt="one"> '
            '<img data-lazy-src=/img/2.jpg alt=two> <IMG DATA-ORIGINAL="https://i.example/3.jpg" ALT="three"> '
            '<img srcset="https://i.example/4-320.jpg 320w, https://i.example/4-640.jpg 640w" alt="four"> '
            '<img src="data:x" data-srcset="https://i.example/5.jpg 1x" alt="five"> '
            '<img src="https://i.example/6.jpg" data-src="https://i.example/other.jpg" alt="six"> '
            '<img data-src="javascript:alert(1)" alt="seven"></p>')
    site = make_site(tmp_path / "site", {"content/lazy.md": item("Lazy", webUrl="https://p.example/a/b.html",
                                                                 body=body)})
    config, result = build_site(site)
    shown = _story_body(config.output_path / "news/2026/11/20/lazy/index.html")
    assert [(e.get("alt"), e.get("src")) for e in shown.iter("img")] == [
        ("one", "https://i.example/1.jpg"), ("two", "https://p.example/img/2.jpg"), ("three", "https://i.example/3.jpg"),
        ("four", "https://i.example/4-640.jpg"), ("five", "https://i.example/5.jpg"), ("six", "https://i.example/6.jpg")]
    assert "seven" in "".join(shown.itertext())  # (a picture without an address is its text)


# --- 7. config.yaml: text no page may carry ----------------------------------------------------------

def test_a_config_text_with_a_control_character_is_an_error_at_its_line(tmp_path, capsys):
    """A site `title` or `description` with a control character or a noncharacter (`"\\v"`, `"\\uFFFE"` in YAML)
    was written into the head of every page as it was, though the same characters are removed from every
    item's text. It is an error at its line now (main says so of control characters; noncharacters too)."""
    from generator.cli import main

    site = make_site(tmp_path / "site", {"content/a.md": item("A")},
                     'title: "Test \\v News"\ndescription: "About \\uFFFE this"\nbase_url: https://example.org/\n'
                     'topics:\n  - name: "Top\\x01ic"\n')
    assert main(["build", "--config", str(site / "config.yaml")]) == 2
    out, err = capsys.readouterr()
    lines = [line for line in (out + err).splitlines() if "which pages and feeds cannot show" in line]
    assert [line.split(": `")[0] for line in lines] == ["config.yaml:1", "config.yaml:2", "config.yaml:5"], lines
    assert "holds the control character \\x0b (U+000B)" in lines[0]
    assert "holds the noncharacter \\ufffe (U+FFFE)" in lines[1]


def _story_body(page):
    """The `<div class="body">` of a story's page, parsed as a browser parses it."""
    import html5lib

    tree = html5lib.parse(page.read_bytes(), namespaceHTMLElements=False)
    [body] = [div for div in tree.iter("div") if div.get("class") == "body"]
    return body
