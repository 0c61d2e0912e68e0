"""Hostile and odd crawler content, fifth round: markup and addresses the Nu HTML checker calls invalid (nesting
HTML forbids, addresses the URL standard forbids, pictures without one, decomposed text, ids twice), bodies
Python-Markdown takes minutes over, a lazy picture's hostile address, and ranking weights no float holds.

Each test writes what a crawler (or a careless config) can give and checks what the user sees: the site
built from it, and the messages.
"""

from __future__ import annotations

import re

import pytest

from conftest import build_site, item, make_site, cpu_seconds
from generator.cli import main


# --- 1. ranking weights near the largest float -------------------------------------------------------

@pytest.mark.parametrize("key", ["heat_weight", "quality_weight", "recency_weight", "coverage_boost"])
def test_a_ranking_weight_no_score_can_hold_is_an_error_at_its_line(tmp_path, capsys, key):
    """`heat_weight: 1e308` (and the other weights) was accepted: two such terms add up to inf, and every
    story whose score overflowed tied with the others, whatever its heat or quality (a coverage_boost of
    1e308 made every story of two providers infinitely hot). A weight is at most 1,000,000 either way now,
    said at its line; only the weights' ratios matter."""
    site = make_site(tmp_path / "site", {"content/a.md": item("A")},
                     f"title: x\nbase_url: https://example.org/\nranking:\n  {key}: 1e308\n")
    assert main(["build", "--config", str(site / "config.yaml")]) == 2
    out, err = capsys.readouterr()
    assert f"config.yaml:4: `ranking.{key}` must be at most 1,000,000 either way, got 1e+308" in err, err


def test_ranking_weights_at_their_bound_order_stories_by_them(tmp_path):
    """At the bound, scores stay finite and the order is the weights' (the hottest first)."""
    files = {f"content/{name}.md": item(f"Story {name} about {topic}", date="2026-11-22T12:00:00Z", heat=heat,
                                        quality=heat, body=f"Words on {topic}.")
             for name, heat, topic in (("cold", 1, "weather"), ("warm", 50, "markets"), ("hot", 99, "football"))}
    site = make_site(tmp_path / "site", files, "title: x\nbase_url: https://example.org/\n"
                     "now: \"2026-11-22T12:00:00Z\"\nranking:\n  heat_weight: 1000000\n  quality_weight: 1000000\n"
                     "  recency_weight: -1000000\n  coverage_boost: 1000000\n")
    config, result = build_site(site)
    page = (config.output_path / "index.html").read_text(encoding="utf-8")
    assert page.index("Story hot") < page.index("Story warm") < page.index("Story cold")


# --- 2. crawled bodies that nest elements where HTML does not allow them ------------------------------

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


def _story_body(page):
    """The `<div class="body">` of a story's page, parsed as a browser parses it."""
    import html5lib

    tree = html5lib.parse(page.read_bytes(), namespaceHTMLElements=False)
    [body] = [div for div in tree.iter("div") if div.get("class") == "body"]
    return body


# --- 3. bodies Python-Markdown takes minutes over ----------------------------------------------------

COSTLY = {  # each about 200 kB in one paragraph (a body may have 4 MiB)
    "brackets": "[" * 200_000, "links": "[a](" * 50_000, "pictures": "![" * 100_000,
    "tags": "<a " * 66_000, "entities": "&amp; " * 33_000, "breaks": "a  \n" * 50_000,
    "code": "".join("`" * n + "a" for n in range(1, 630)), "nested": "[" * 50_000 + "a" + "](b)" * 40_000,
    "raw": "<div>\n" + "<x y='" * 33_000,  # (Python-Markdown's HTML parser rereads the rest at each)
}


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


# --- 4. ids that featuredContent shares with the body's footnotes ------------------------------------

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


# --- 5. addresses the URL standard allows nowhere, and pictures left without one -------------------------

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
    assert '<img src="https://ok.example/i.png" alt="kept">' in body_html
    assert "<img alt=\"&lt;b" not in page and not re.search(r"<img(?![^>]*\ssrc=)[^>]*>", page)
    assert "https://p.example/story%5B1%5D%7Cx" in page and "https://p.example/a%5B1%5D.jpg" in page
    assert "story[1]" not in page and "a[1].jpg" not in page


# --- 6. letters written as a letter and a combining accent -------------------------------------------

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


# --- 7. the whole hostile site, as the Nu checker reads it -------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("engine", ["cmark", "python-markdown"])
def test_the_nu_checker_finds_nothing_on_any_page_of_the_hostile_site(tmp_path, engine):
    """tests/test_hostile.py's site of hostile items (markup, scripts and odd addresses in every field and
    body): its pages held 17 errors of addresses, 11 of pictures without one and 66 warnings of decomposed
    text before this round. Now the checker reports nothing."""
    import json
    import shutil
    import subprocess

    from conftest import BASIC_CONFIG, ROOT
    from test_hostile import _hostile_files

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


# --- 8. a lazy-loading picture's addresses, one of them hostile --------------------------------------

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
