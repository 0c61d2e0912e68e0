"""Bodies and featuredContent as the build renders them: crawled markup mended and sanitised (nesting HTML
forbids, attributes' values, references to no character, direction marks in links), players and pictures
(lazy-loading, noscript, embed codes), formulas shown as their text, and markup that costs no more than its
length."""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest

from conftest import build_site, cpu_seconds, item, make_site


def links(page: Path, within: str) -> list[tuple[str, str | None, str]]:
    """(tag, href or src, text) of each link and picture inside the page's `div` of class `within`."""
    import html5lib

    tree = html5lib.parse(page.read_bytes(), namespaceHTMLElements=False)
    divs = [div for div in tree.iter("div") if div.get("class") == within]
    assert divs, f"no div.{within} in {page}"
    return [(e.tag, e.get("href") if e.tag == "a" else e.get("src"), "".join(e.itertext()))
            for div in divs for e in div.iter() if e.tag in ("a", "img")]


def test_direction_marks_in_body_links_are_percent_encoded_or_the_link_dropped(tmp_path):
    """A right-to-left override in a body's link (`/\\u202egpj.exe`, shown as `/exe.jpg` by the status bar)
    was published as it was, though the same link in the front matter was percent-encoded; one in a host
    (`//ev\\u202eil.example/`, resolved against the page) made a link no browser can follow. The body and
    featuredContent follow the front matter's rule now: percent-encoded in the path, query and fragment;
    in the host, the link keeps its text, unlinked, and the picture has no source."""
    raw = ('<p><a href="https://p.example/a\u202egpj.exe?q=\u200e#f\u2067">path</a> '
           '<a href="//ev\u202eil.example/x">host</a> <a href="mailto:me\u2066@p.example">mail</a> '
           '<a href="/rel\u061c.html">relative</a> <img src="//im\u200fg.example/i.png" alt="gone"> '
           '<img src="https://p.example/\u200fi.png" alt="kept"></p>')
    featured = json.dumps(raw + '<iframe src="https://www.youtube.com/embed/abcDEF12345"></iframe>')
    players = ('\n\n<audio src="https://p.example/a\u202egpj.mp3"></audio>\n\n'
               '<video><source src="https://p.example/s\u2066.mp4" type="video/mp4"></video>')
    site = make_site(tmp_path / "site", {
        "content/a.md": item("Marks", webUrl="https://p.example/news/story.html", featuredContent=featured,
                             body=raw + players),
    }, 'title: T\nbase_url: https://example.org/\nnow: "2026-11-22T12:00:00Z"\n')
    config, result = build_site(site)
    assert not result.site.problems
    page = config.output_path / "news/2026/11/20/a/index.html"
    expected = [("a", "https://p.example/a%E2%80%AEgpj.exe?q=%E2%80%8E#f%E2%81%A7", "path"), ("a", None, "host"),
                ("a", "mailto:me%E2%81%A6@p.example", "mail"), ("a", "https://p.example/rel%D8%9C.html", "relative"),
                ("img", "https://p.example/%E2%80%8Fi.png", "")]  # (one with a mark in its host: its text, none)
    assert links(page, "featured body") == expected
    assert links(page, "body") == expected
    text = page.read_text(encoding="utf-8")
    assert "il.example" not in text and "g.example" not in text
    assert '<audio src="https://p.example/a%E2%80%AEgpj.mp3"' in text
    assert '<source src="https://p.example/s%E2%81%A6.mp4"' in text
    assert not any(mark in text for mark in "\u202e\u2066\u200f\u200e\u061c\u2067")


def test_direction_marks_and_noncharacters_in_a_player_url_are_percent_encoded(tmp_path):
    """featuredContent's player URL (a video's `<iframe src>`) went into the page and the API's `videoUrl`
    as written, with a right-to-left override in it, while every other URL had it percent-encoded; one with
    a direction mark in its host was embedded."""
    featured = json.dumps('<iframe src="https://www.youtube.com/embed/abcDEF12345?a=\u202egpj.exe\u200e"></iframe>')
    spoofed = json.dumps('<iframe src="https://www.you\u202etube.com/embed/y"></iframe>')
    site = make_site(tmp_path / "site", {"content/v.md": item("V", type="video", featuredContent=featured),
                                         "content/w.md": item("W", type="video", featuredContent=spoofed)},
                     'title: T\nbase_url: https://example.org/\nnow: "2026-11-22T12:00:00Z"\n')
    config, result = build_site(site)
    encoded = "https://www.youtube.com/embed/abcDEF12345?a=%E2%80%AEgpj.exe%E2%80%8E"
    api = (config.output_path / "api/news/index.json").read_text(encoding="utf-8")
    assert f'"videoUrl":"{encoded}"' in api.replace(": ", ":")
    page = (config.output_path / "news/2026/11/20/v/index.html").read_text(encoding="utf-8")
    assert f'<iframe src="{encoded}"' in page
    outputs = [path for path in config.output_path.rglob("*") if path.suffix in (".html", ".xml", ".json")]
    assert outputs and not any("\u202e" in path.read_text(encoding="utf-8") for path in outputs)
    assert "<iframe" not in (config.output_path / "news/2026/11/20/w/index.html").read_text(encoding="utf-8")


# What no page, feed or API file may carry: C0 and C1 controls but white space, and Unicode's noncharacters
NO_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff\U0001fffe\U0010ffff]")


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
        "content/scheme.md": video("Scheme relative", "//www.youtube.com/embed/abcDEF12345"),
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
    assert players == {"Scheme relative": "https://www.youtube.com/embed/abcDEF12345",
                       "Relative": "https://p.example/embed/rel?id=1",
                       "Space": "https://player.example/embed?id=a%20b&t=1", "Bad": None, "Pod": None}
    page = (out / "news/2026/11/20/scheme/index.html").read_text(encoding="utf-8")
    assert '<iframe src="https://www.youtube.com/embed/abcDEF12345"' in page
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


@pytest.mark.slow
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
    found = [(e.tag, {k: v for k, v in e.attrib.items() if k not in ("src", "controls", "preload", "loading", "decoding")})
             for e in shown.iter() if e.tag in ("img", "td", "th", "ol", "time", "video", "source")]
    assert found == [
        ("img", {"alt": "", "width": "100"}), ("img", {"alt": "B", "width": "10"}),
        ("td", {"colspan": "1", "rowspan": "65534"}), ("th", {}), ("th", {"scope": "col", "colspan": "1000"}),
        ("ol", {}), ("ol", {"start": "-3"}), ("time", {"datetime": "2026-11-20T10:00:00Z"}), ("time", {}),
        ("video", {}),  # (its <source> goes: a player with its own src plays that, and HTML allows it none)
    ]
    assert "Yesterday" in "".join(shown.itertext())


def test_a_picture_s_size_past_any_screen_is_dropped_and_the_picture_kept(tmp_path):
    """`<img width="1" height="99999999">` was kept as written (only its digits were checked): a picture that
    failed to load left a box a hundred million pixels tall in the story. A width or height past 10,000
    pixels is dropped, so that the browser gives the picture its own size; the picture stays. A size, column
    span or list start of 5,000 digits stopped the whole build (Python reads no int of more than 4,300)."""
    huge = "9" * 5000
    body = ('<img src="https://i.example/a.jpg" alt="A" width="1" height="99999999"> '
            '<img src="https://i.example/b.jpg" alt="B" width="10000px" height="10001"> '
            f'<img src="https://i.example/c.jpg" alt="C" width="{huge}" height="0480">\n\n'
            f'<video src="https://v.example/v.mp4" width="640" height="{huge}"></video>\n\n'
            f'<table><tr><td colspan="{huge}" rowspan="2">a</td></tr></table>\n\n'
            f'<ol start="-{huge}"><li>x</li></ol> <ol start="007"><li>y</li></ol>')
    site = make_site(tmp_path / "site", {"content/big.md": item("Big", body=body),
                                         "content/other.md": item("Other")})
    config, result = build_site(site)
    assert not result.site.problems
    shown = _story_body(config.output_path / "news/2026/11/20/big/index.html")
    found = [(e.tag, {k: v for k, v in e.attrib.items() if k not in ("controls", "preload", "loading", "decoding")})
             for e in shown.iter() if e.tag in ("img", "video", "td", "ol")]
    assert found == [
        ("img", {"src": "https://i.example/a.jpg", "alt": "A", "width": "1"}),
        ("img", {"src": "https://i.example/b.jpg", "alt": "B", "width": "10000"}),
        ("img", {"src": "https://i.example/c.jpg", "alt": "C", "height": "480"}),
        ("video", {"src": "https://v.example/v.mp4", "width": "640"}),
        ("td", {"rowspan": "2"}), ("ol", {}), ("ol", {"start": "7"})]
    assert (config.output_path / "news/2026/11/20/other/index.html").is_file()


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


def _story_body(page):
    """The `<div class="body">` of a story's page, parsed as a browser parses it."""
    import html5lib

    tree = html5lib.parse(page.read_bytes(), namespaceHTMLElements=False)
    [body] = [div for div in tree.iter("div") if div.get("class") == "body"]
    return body


NESTED = {  # what crawled pages write, and what each tests
    "block-in-inline": "<b>bold <p>a paragraph in bold</p> more</b> <span>s <ul><li>one</li><li>two</li></ul> t</span>",
    "heading-in-em": "<em>e <h2>a heading in emphasis</h2> f</em>",
    "player-in-link": "<a href='https://a.example/'><audio src='https://a.example/x.mp3'></audio> listen</a>",
    "video-in-link": "<a href='https://a.example/'><video src='https://a.example/v.mp4'></video> watch</a>",
    "details-in-link": "<a href='https://a.example/'><details><summary>sum</summary>hidden</details></a>",
    "stray-items": "<li>stray item</li><li>second item</li>\n\n<dt>term</dt><dd>definition</dd>",
    "stray-parts": "<figcaption>stray caption</figcaption> <summary>stray summary</summary> <p>x <source "
                   "src='https://a.example/v.mp4'> y</p>",
    "list-content": "<ul>text in list<li>a</li><span>span in list</span><p>para in list</p></ul>"
                    "<ol><li>first</li><ol><li>nested directly</li></ol></ol>",
    "definitions": "<dl>dl text<dd>dd first</dd><p>dl para</p><dt>dt last</dt></dl>",
    "tables": "<table><tr><th><h2>heading in th</h2></th></tr><caption>late caption</caption></table>"
              "<table><caption>c <table><tr><td>table in caption</td></tr></table></caption>"
              "<tr><td>x</td></tr></table>",
    "details": "<details>no summary first <summary>late summary</summary></details>"
               "<details><summary><p>para in summary</p></summary>open text</details>",
    "figures": "<figure>before<figcaption>middle caption</figcaption>after"
               "<figcaption>end caption</figcaption></figure>",
    "players": "<video src='https://a.example/v.mp4'><audio src='https://a.example/a.mp3'></audio>fallback</video>"
               "<audio><p>audio fallback</p><source src='https://a.example/a.ogg'></audio>"
               "<blockquote><video><p>video fallback</p><source src='https://a.example/v.webm'></video></blockquote>",
    "time": "<p><time>2026-11-20 <b>bold date</b></time> <time datetime='2026-11-20'><time>\n</time></time></p>",
    "ids": "<p>x<sup id='fnref:1'>1</sup> y<sup id='fnref:1'>1</sup></p>",
    "empty": "<h2></h2><h3> </h3><table><tr></tr><tr><td>cell</td></tr></table>",
    "ragged": "<table><tr><th>one</th></tr><tr><td>a</td><td>b</td><td colspan='2'>wide cell</td></tr>"
              "<tr><td>c</td></tr></table>",
}


WORDS = ("a paragraph in bold", "a heading in emphasis", "listen", "watch", "hidden", "stray item", "definition",
         "stray caption", "stray summary", "text in list", "span in list", "nested directly", "dl text", "dt last",
         "heading in th", "late caption", "table in caption", "no summary first", "late summary", "para in summary",
         "middle caption", "end caption", "fallback", "bold date", "cell", "wide cell")


PHRASING = {"a", "abbr", "audio", "b", "br", "cite", "code", "del", "em", "i", "img", "ins", "kbd", "mark", "q", "s",
            "small", "span", "strong", "sub", "sup", "time", "u", "video", "source"}


PHRASING_ONLY = {"p", "h2", "h3", "h4", "h5", "h6", "pre", "summary"} | PHRASING - {"a", "audio", "video", "del", "ins"}


PARENTS = {"li": {"ul", "ol"}, "dt": {"dl"}, "dd": {"dl"}, "figcaption": {"figure"}, "summary": {"details"},
           "source": {"audio", "video"}, "caption": {"table"}, "tr": {"tbody", "thead", "tfoot"}}


def _misnested(body) -> list[str]:
    """What in a parsed body HTML's content models forbid, as `parent > child` (the rules such bodies break)."""
    found, ids = [], set()

    def walk(element, ancestors):
        names = [a.tag for a in ancestors]
        for child in element:
            tag = child.tag
            holder = next((n for n in reversed(names + [element.tag])
                           if n not in ("a", "del", "ins", "audio", "video")), "")
            if holder in PHRASING_ONLY and tag not in PHRASING:  # (a link and a player hold what their parent may)
                found.append(f"{element.tag} > {tag}")
            if "a" in names + [element.tag] and tag in ("a", "audio", "video", "details"):
                found.append(f"a … {tag}")
            if tag in PARENTS and element.tag not in PARENTS[tag]:
                found.append(f"{element.tag} > {tag}")
            if element.tag in ("ul", "ol") and tag != "li" or element.tag == "dl" and tag not in ("dt", "dd"):
                found.append(f"{element.tag} > {tag}")
            if tag in ("h2", "h3") and ({"th", "dt"} & set(names + [element.tag])
                                        or not "".join(child.itertext()).strip()):
                found.append(f"{element.tag} > {tag} (in a header cell, or empty)")
            if tag == "source" and element.get("src"):
                found.append(f"{element.tag}[src] > source")
            if tag == "table" and "caption" in names + [element.tag]:
                found.append("caption … table")
            if tag == "time" and child.get("datetime") is None and (
                    len(child) or not re.fullmatch(r"[0-9][0-9:TWPDHMS+.Z -]*", "".join(child.itertext()))):
                found.append("time without a date")
            if tag == "tr" and not [c for c in child if c.tag in ("td", "th")]:
                found.append("tr without cells")
            if child.get("id"):
                if child.get("id") in ids:
                    found.append(f"id {child.get('id')} twice")
                ids.add(child.get("id"))
            walk(child, ancestors + [element])
        if element.tag in ("ul", "ol", "dl") and (element.text or "").strip():
            found.append(f"text in {element.tag}")
        if element.tag == "details" and (len(element) == 0 or element[0].tag != "summary"
                                         or (element.text or "").strip()):
            found.append("details without its summary first")
        if element.tag == "figure":
            kinds = [c.tag for c in element]
            if kinds.count("figcaption") > 1 or "figcaption" in kinds[1:-1] or (
                    (element.text or "").strip() and kinds[:1] == ["figcaption"]):
                found.append("figure's caption not first or last")

    walk(body, [])
    for table in [e for e in body.iter() if e.tag == "table"]:
        rows = [row for row in table.iter("tr") if row in [r for part in table for r in part]]
        widths = {sum(int(cell.get("colspan", 1)) for cell in row if cell.tag in ("td", "th")) for row in rows}
        if len(widths) > 1:
            found.append(f"rows of {sorted(widths)} columns")
    for player in [e for e in body.iter() if e.tag in ("audio", "video")]:
        tags = [c.tag for c in player]
        if "source" in tags and tags[:tags.count("source")] != ["source"] * tags.count("source"):
            found.append(f"{player.tag}'s source after its fallback")
    return found


def _nested_site(tmp_path, engine):
    files = {f"content/{name}.md": item(name, body=body, webUrl=f"'https://p.example/{name}'")
             for name, body in NESTED.items()}
    return make_site(tmp_path / "site", files, "title: Test News\nbase_url: https://example.org/\n"
                     f"now: \"2026-11-22T12:00:00Z\"\nmarkdown_engine: {engine}\n")


@pytest.mark.parametrize("engine", ["cmark", "python-markdown"])
def test_a_body_that_nests_elements_as_html_forbids_is_mended_keeping_its_words(tmp_path, engine):
    """Crawled bodies put a paragraph or a list in `<b>`/`<span>`, a player or `<details>` in a link, `<li>` and
    `<dt>` outside lists, a `<figcaption>` mid-figure, a heading in a `<th>`, a table in a caption, a `<source>`
    outside a player: the sanitiser kept each as the parser nested it, and the Nu HTML checker found an error in
    every such story's page. They are mended as a browser shows them (the inline element split around the
    block, a stray item given a list, an out-of-place caption made a plain block) and every word stays."""
    config, result = build_site(_nested_site(tmp_path, engine))
    assert result.items == len(NESTED)
    words, problems = "", {}
    for name in NESTED:
        body = _story_body(config.output_path / f"news/2026/11/20/{name}/index.html")
        words += " ".join("".join(body.itertext()).split()) + " "
        if _misnested(body):
            problems[name] = _misnested(body)
    assert problems == {}
    assert [word for word in WORDS if word not in words] == []


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["cmark", "python-markdown"])
def test_the_nu_checker_finds_no_error_in_pages_of_misnested_bodies(tmp_path, engine):
    """The pages of the same stories, checked by the Nu HTML checker (as tests/test_theme.py checks the theme's)."""
    import json
    import shutil
    import subprocess

    from conftest import ROOT

    jar, java = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar", shutil.which("java")
    if not jar.is_file() or not java:
        pytest.skip("the Nu HTML checker needs `npm ci` and Java 11+")
    config, result = build_site(_nested_site(tmp_path, engine))
    pages = sorted(str(p) for p in (config.output_path / "news").rglob("index.html"))
    assert len(pages) == len(NESTED)
    run = subprocess.run([java, "-jar", str(jar), "--format", "json", *pages], capture_output=True, text=True,
                         timeout=300)
    messages = json.loads(run.stderr or run.stdout)["messages"]
    assert [f"{m.get('url', '?').split('/')[-2]}: {m['message']}" for m in messages] == []


COSTLY = {  # each about 200 kB in one paragraph (a body may have 4 MiB)
    "brackets": "[" * 200_000, "links": "[a](" * 50_000, "pictures": "![" * 100_000,
    "tags": "<a " * 66_000, "entities": "&amp; " * 33_000, "breaks": "a  \n" * 50_000,
    "code": "".join("`" * n + "a" for n in range(1, 630)), "nested": "[" * 50_000 + "a" + "](b)" * 40_000,
    "raw": "<div>\n" + "<x y='" * 33_000,  # (Python-Markdown's HTML parser rereads the rest at each)
}


@pytest.mark.slow
def test_a_body_python_markdown_takes_minutes_over_is_rendered_as_commonmark_with_a_warning(tmp_path):
    """With `markdown_engine: python-markdown`, a crawled body of 200 kB of `[` (or unclosed links, tags, backtick
    runs, entities, line breaks) in one paragraph, or an HTML block of unclosed tags, took hours: Python-Markdown
    copies a paragraph's text at
    each match of its inline patterns and reads each `[` to the paragraph's end. Such a body is rendered as
    CommonMark now, in linear time, with a warning naming its paragraph's line; the rest of the site is
    Python-Markdown's, and a fetched body (a raw HTML block) of as many tags is too."""
    files = {f"content/{name}.md": item(name.title(), body=f"First paragraph.\n\n{body}\n")
             for name, body in COSTLY.items()}
    files["content/plain.md"] = item("Plain", body="Some text[^1].\n\n[^1]: A footnote.\n")
    files["content/fetched.md"] = item("Fetched",
                                       body="<div>\n" + "<p>A <b>fetched</b> [body].</p>\n" * 8000 + "</div>\n")
    site = make_site(tmp_path / "site", files, "title: Test News\nbase_url: https://example.org/\n"
                     "now: \"2026-11-22T12:00:00Z\"\nmarkdown_engine: python-markdown\n")
    started = cpu_seconds()
    config, result = build_site(site)
    assert cpu_seconds() - started < 60
    assert result.items == len(COSTLY) + 2
    warned = sorted(str(p) for p in result.site.warnings if "CommonMark" in str(p))
    assert [w.split(":")[0] for w in warned] == sorted(f"content/{name}.md" for name in COSTLY), warned
    assert all(w.split(":")[1] == "7" and "markdown_engine: cmark" in w for w in warned), warned
    page = (config.output_path / "news/2026/11/20/plain/index.html").read_text(encoding="utf-8")
    assert 'id="fn:1"' in page  # (Python-Markdown's footnote)
    fetched = (config.output_path / "news/2026/11/20/fetched/index.html").read_text(encoding="utf-8")
    assert fetched.count("<b>fetched</b>") == 8000


# Bodies of many short blocks: Python-Markdown takes each block from the front of a list (and puts the rest of one
# back there), so its time grows with the square of their number, whatever each block holds
MANY_BLOCKS = {"paragraphs": "x\n\n", "html": "<div>x</div>\n", "quotes": "> x\n\n", "items": "- x\n\n",
               "terms": "x\n: d\n\n"}


# (paragraphs in the quick run; the other kinds' 20,000-block bodies, slower to render and sanitise, in CI's)
@pytest.mark.parametrize("kinds", [("paragraphs",), pytest.param(tuple(MANY_BLOCKS)[1:], marks=pytest.mark.slow)])
def test_a_body_of_more_lines_than_python_markdown_reads_in_time_is_rendered_as_commonmark(tmp_path, kinds):
    from generator.site.markup import PYTHON_MARKDOWN_LINES

    times = PYTHON_MARKDOWN_LINES  # (each block is a line at least)
    files = {f"content/{name}.md": item(name.title(), body=f"First paragraph.\n\n{MANY_BLOCKS[name] * times}")
             for name in kinds}
    files["content/long.md"] = item("Long", body="A paragraph.\n\n" * (PYTHON_MARKDOWN_LINES // 2 - 10)
                                    + "Some text[^1].\n\n[^1]: A footnote.\n")
    site = make_site(tmp_path / "site", files, "title: Test News\nbase_url: https://example.org/\n"
                     "now: \"2026-11-22T12:00:00Z\"\nmarkdown_engine: python-markdown\n")
    config, result = build_site(site)
    assert result.items == len(files)
    warned = sorted(str(p) for p in result.site.warnings if "CommonMark" in str(p))
    assert [w.split(":")[0] for w in warned] == sorted(f"content/{name}.md" for name in kinds), warned
    assert all(w.split(":")[1] == "5" and "lines" in w and "markdown_engine: cmark" in w for w in warned), warned
    page = (config.output_path / "news/2026/11/20/long/index.html").read_text(encoding="utf-8")
    assert 'id="fn:1"' in page  # (a long body within the bound is still Python-Markdown's)
    if "paragraphs" in kinds:
        paragraphs = (config.output_path / "news/2026/11/20/paragraphs/index.html").read_text(encoding="utf-8")
        assert paragraphs.count("<p>x</p>") == times


@pytest.mark.slow
def test_a_body_of_a_million_short_blocks_is_read_in_time_linear_in_its_length(tmp_path):
    """4 MiB of one-line blocks (the most a body may have) took Python-Markdown some 20 minutes: 120,000 took
    50 s of CPU, 10 times fewer 0.5 s. The bound is generous (cmark takes a few seconds) and proves it ends."""
    files = {f"content/{name}.md": item(name.title(), body=block * (1_500_000 // len(block)))
             for name, block in list(MANY_BLOCKS.items())[:2]}
    site = make_site(tmp_path / "site", files, "title: Test News\nbase_url: https://example.org/\n"
                     "now: \"2026-11-22T12:00:00Z\"\nmarkdown_engine: python-markdown\n")
    started = cpu_seconds()
    config, result = build_site(site)
    assert cpu_seconds() - started < 60
    assert result.items == 2


def test_a_long_fenced_code_listing_is_rendered_by_python_markdown_without_a_warning(tmp_path):
    """A fenced code block is one block to Python-Markdown, which reads it in time linear in its length (30,000
    lines, blank ones and marks among them: 0.04 s): its lines are not counted against PYTHON_MARKDOWN_LINES, nor
    its marks against a paragraph's. Lines outside it still are: the same listing followed by 20,000 short
    paragraphs is CommonMark's, with the warning."""
    from generator.site.markup import PYTHON_MARKDOWN_LINES

    listing = "```python\n" + "total = items[0] & mask < limit * rate_of_x  # `note`\n\n" * 15_000 + "```\n"
    files = {"content/listing.md": item("Listing", body=f"The program:\n\n{listing}\nIt ends here[^1].\n\n"
                                                            "[^1]: A footnote.\n"),
             "content/more.md": item("More", body=f"The program:\n\n{listing}\n" + "x\n\n" * PYTHON_MARKDOWN_LINES)}
    site = make_site(tmp_path / "site", files, "title: Test News\nbase_url: https://example.org/\n"
                     "now: \"2026-11-22T12:00:00Z\"\nmarkdown_engine: python-markdown\n")
    config, result = build_site(site)
    assert result.items == 2
    warned = [str(p) for p in result.site.warnings if "CommonMark" in str(p)]
    assert [w.split(":")[0] for w in warned] == ["content/more.md"], warned
    assert "outside its fenced code blocks" in warned[0]
    page = (config.output_path / "news/2026/11/20/listing/index.html").read_text(encoding="utf-8")
    assert 'id="fn:1"' in page and page.count("<pre><code>") == 1  # (a footnote: Python-Markdown's)
    assert page.count("total = items[0] &amp; mask &lt; limit * rate_of_x  # `note`") == 15_000


def test_code_fences_that_nothing_closes_are_rendered_as_commonmark(tmp_path):
    """Python-Markdown's search for a fence that closes a code block reads from each opening to the end of the
    body when none does: 16,000 lines of "```a" took it 10 s of CPU (8,000, 2.5 s), well within
    PYTHON_MARKDOWN_LINES. Such a body is CommonMark's, with a warning at the first such fence; a few such
    fences in a body are Python-Markdown's."""
    files = {"content/fences.md": item("Fences", body="Intro.\n\n" + "```a\n\n" * 8_000),
             "content/few.md": item("Few", body="Intro[^1].\n\n```a\n\n" + "Text.\n\n" * 100 + "[^1]: Note.\n")}
    site = make_site(tmp_path / "site", files, "title: Test News\nbase_url: https://example.org/\n"
                     "now: \"2026-11-22T12:00:00Z\"\nmarkdown_engine: python-markdown\n")
    started = cpu_seconds()
    config, result = build_site(site)
    assert cpu_seconds() - started < 60
    warned = [str(p) for p in result.site.warnings if "CommonMark" in str(p)]
    assert len(warned) == 1 and warned[0].startswith("content/fences.md:7: ") and "8,000 code fences" in warned[0]
    page = (config.output_path / "news/2026/11/20/few/index.html").read_text(encoding="utf-8")
    assert 'id="fn:1"' in page


def test_fence_lines_that_python_markdown_reads_in_their_square_are_counted():
    """Two fence lines Python-Markdown's pattern reads for long: one of spaces, dots and spaces (its spaces tried
    against the line from each of them: 48,000 characters took it seconds, and the count itself as long), and an
    `hl_lines="` the line does not close (each later line ending in `"` tried as its end, each time reading to
    the end of the body). Both send the body to CommonMark, named at their line; ordinary fences do not."""
    from generator.site.markup import python_markdown_costly

    spaced = "Text\n\n```" + " " * 16_000 + "." * 16_000 + " " * 16_000 + "x\n\nMore\n"
    quoted = "Text\n\n```hl_lines=\"\n" + ("x" * 400 + "\"\n\n") * 1_000 + "End\n"
    assert python_markdown_costly(spaced)[:2] == (3, "fences")
    assert python_markdown_costly(quoted)[:2] == (3, "fences")
    for body in ("Text\n\n```   python\ncode\n```\n", "Text\n\n```python hl_lines=\"1 2\"\ncode\n```\n",
                 "Text\n\n```hl_lines=\"\n" + ("x" * 40 + "\"\n\n") * 10 + "End\n"):
        assert python_markdown_costly(body) == (0, "", 0)


def test_featured_content_takes_no_id_of_the_body_s_footnotes(tmp_path):
    """featuredContent kept a footnote's id (`<sup id="fn:1">`), as the body's are kept: with a Python-Markdown
    footnote in the body, the page had the id twice (an error to HTML checkers) and the body's footnote link led
    to the featured markup. What is shown above the body keeps no id now; the body's footnotes keep theirs."""
    import json

    site = make_site(tmp_path / "site", {"content/a.md": item(
        "A", featuredContent=json.dumps('<p>Featured<sup id="fn:1">1</sup></p><ol><li id="fnref:1">x</li></ol>'),
        body="Text[^1].\n\n[^1]: Note.\n")}, "title: T\nbase_url: https://example.org/\n"
        "now: \"2026-11-22T12:00:00Z\"\nmarkdown_engine: python-markdown\n")
    config, result = build_site(site)
    page = (config.output_path / "news/2026/11/20/a/index.html").read_text(encoding="utf-8")
    ids = re.findall(r'\sid="(fn[^"]*)"', page)
    assert sorted(ids) == ["fn:1", "fnref:1"] and "Featured" in page


def test_addresses_are_written_as_the_url_standard_allows_and_pictures_without_one_are_their_text(tmp_path):
    """Crawled bodies link `x]]>y`, `a|b^c`, `?q=[1]`, `100%` and `https:\\\\host\\x`, which browsers follow (reading
    the backslashes as slashes) but which the URL standard allows nowhere: the Nu checker called each an error
    of the story's page, and `]` stayed so in the front matter's URLs too. They are percent-encoded now (a
    backslash before the query is `/`), in the body and in every URL field; the address leads to the same place.
    A picture whose address could not be kept had no `src`, which HTML requires: it is its text now, as a
    browser shows a picture it cannot load."""
    body = ('[a](https://ok.example/x]]>y) <a href="https:\\\\evil.example\\x">b</a> '
            '<a href="https://ok.example/a|b^c{d}?q=[1]#f#g">c</a> <a href="/rel path|x?q=100%">d</a> '
            '<a href="https://ok.example/?a=1&b=<2>&c=&quot;">e</a> '
            '<img src="javascript:alert(1)" alt="<b>Chart</b> &amp; key"> '
            '<img src="https://ok.example/i.png" alt="kept">')
    site = make_site(tmp_path / "site", {"content/a.md": item(
        "A", body=body, webUrl="'https://p.example/story[1]|x'", images="[{url: 'https://p.example/a[1].jpg'}]")})
    config, result = build_site(site)
    page = (config.output_path / "news/2026/11/20/a/index.html").read_text(encoding="utf-8")
    body_html = page[page.index('<div class="body">'):]
    assert re.findall(r'<a href="([^"]*)"', body_html)[:5] == [
        "https://ok.example/x%5D%5D%3Ey", "https://evil.example/x",
        "https://ok.example/a%7Cb%5Ec%7Bd%7D?q=%5B1%5D#f%23g",
        "https://p.example/rel%20path%7Cx?q=100%25", "https://ok.example/?a=1&amp;b=%3C2%3E&amp;c=%22"]
    assert "&lt;b&gt;Chart&lt;/b&gt; &amp; key" in body_html
    assert '<img src="https://ok.example/i.png" alt="kept"' in body_html
    assert "<img alt=\"&lt;b" not in page and not re.search(r"<img(?![^>]*\ssrc=)[^>]*>", page)
    assert "https://p.example/story%5B1%5D%7Cx" in page and "https://p.example/a%5B1%5D.jpg" in page
    assert "story[1]" not in page and "a[1].jpg" not in page


def test_a_lazy_picture_s_hostile_address_does_not_hide_its_safe_ones(tmp_path):
    """A lazy-loading picture's address is taken from its `data-src` or `srcset` (the last candidate, the widest).
    When that one was `javascript:` or `vbscript:`, it became the picture's `src`, which the sanitiser then
    dropped: the picture was lost though its srcset or data-src had a safe address. The first safe one is
    taken now."""
    body = ('<p><img srcset="https://i.example/a-320.jpg 320w, https://i.example/a-640.jpg 640w, '
            'javascript:alert(1) 9w" '
            'alt="one"> <img data-src="java&#x09;script:alert(2)" data-srcset="https://i.example/b.jpg 1x" alt="two"> '
            '<img data-src=" VBSCRIPT:x" data-original="/c.jpg" alt="three"></p>')
    site = make_site(tmp_path / "site", {"content/lazy.md": item("Lazy", webUrl="https://p.example/a/b.html",
                                                                 body=body)})
    config, result = build_site(site)
    shown = _story_body(config.output_path / "news/2026/11/20/lazy/index.html")
    assert [(e.get("alt"), e.get("src")) for e in shown.iter("img")] == [
        ("one", "https://i.example/a-640.jpg"), ("two", "https://i.example/b.jpg"),
        ("three", "https://p.example/c.jpg")]


FORMULA = ('<p>Energy <math><mi>E</mi><mo>=</mo><mi>m</mi><msup><mi>c</mi><mn>2</mn></msup></math> holds, and '
           '<math display="block"><semantics><mfrac><mrow><mi>a</mi><mo>+</mo><mi>b</mi></mrow><mn>2</mn></mfrac>'
           '<annotation encoding="application/x-tex">\\frac{a+b}{2}</annotation></semantics></math> is the mean.</p>')


# (MathML's ways round sanitisers: style and comments parsed otherwise inside it, markup inside its text)
HOSTILE_FORMULA = ('<p>x <math><mtext><img src=x onerror=alert(1)></mtext><mglyph><style><!--</style>'
                   '<img title="--&gt;&lt;img src=1 onerror=alert(2)&gt;"></mglyph><mi>&lt;script&gt;alert(3)'
                   '&lt;/script&gt;</mi><maction xlink:href="javascript:alert(4)">m</maction></math> y</p>')


def test_a_formula_in_a_body_is_shown_as_its_text(tmp_path):
    """The sanitiser drops MathML whole, with its text: `Energy E = mc² holds` was published as `Energy holds`.
    A formula is written as its text now, powers and indices
    as <sup> and <sub>, a fraction as a/b, and what MathML hides from sanitisers is text or gone."""
    import html5lib

    from conftest import build_site, make_site

    site = make_site(tmp_path / "site", {
        "content/formula.md": f"---\ntitle: Formula\npublishedDateTime: 2026-11-20T10:00:00Z\n---\n{FORMULA}\n",
        "content/hostile.md": f"---\ntitle: Hostile\npublishedDateTime: 2026-11-20T09:00:00Z\n---\n{HOSTILE_FORMULA}\n",
    }, 'title: T\nbase_url: https://example.org/\nnow: "2026-11-22T12:00:00Z"\n')
    config, result = build_site(site)
    out = config.output_path
    [page] = list(out.glob("news/*/*/*/formula/index.html"))
    body = [div for div in html5lib.parse(page.read_bytes(), namespaceHTMLElements=False).iter("div")
            if div.get("class") == "body"]
    assert body, "no body on the page"
    text = " ".join("".join(body[0].itertext()).split())
    assert "Energy E = mc2 holds, and (a + b)/2 is the mean." in text, text
    assert [sup.text for sup in body[0].iter("sup")] == ["2"]
    [hostile] = list(out.glob("news/*/*/*/hostile/index.html"))
    tree = html5lib.parse(hostile.read_bytes(), namespaceHTMLElements=False)
    assert not [e for e in tree.iter() if isinstance(e.tag, str) and e.tag.split("}")[-1] in ("math", "mglyph", "style")
                and e.tag != "style"]
    assert not [(e.tag, name) for e in tree.iter() for name, value in e.attrib.items()
                if name.startswith("on") or "javascript" in value]
    assert "<script>alert(3)</script>" in " ".join("".join(e.itertext()) for e in tree.iter("div")
                                                   if e.get("class") == "body")


def test_a_formula_in_a_title_or_excerpt_shows_its_words_not_its_elements(tmp_path):
    """A MathML formula in the body is shown as its text; in a title or an excerpt (which crawlers copy from
    HTML) only `<math>` was taken for a tag, and the page showed `Why <mi>E</mi><mo>=</mo>... matters`."""
    title = "Why <math><mi>E</mi><mo>=</mo><mi>m</mi><msup><mi>c</mi><mn>2</mn></msup></math> matters"
    excerpt = ("'Take <math><msub><mi>x</mi><mi>i</mi></msub></math>, <math><msup><mi>e</mi><mrow><mi>π</mi>"
               "<mi>i</mi></mrow></msup></math> and <math><mfrac><mrow><mi>a</mi><mo>+</mo><mi>b</mi></mrow>"
               "<mn>2</mn></mfrac></math>.'")
    config, _ = build_site(make_site(tmp_path / "site", {"content/m.md": item(title, excerpt=excerpt)}))
    pages = [p.read_text(encoding="utf-8") for p in (config.output_path / "news").rglob("index.html")]
    assert len(pages) == 1
    assert "<h1>Why E = mc² matters</h1>" in pages[0]
    assert '<p class="lede">Take xᵢ, e^(πi) and (a + b)/2.</p>' in pages[0]
    feed = (config.output_path / "feeds" / "latest.xml").read_text(encoding="utf-8")
    assert "Why E = mc² matters" in feed and "&lt;mi" not in feed
