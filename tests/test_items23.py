"""Items as other crawlers write them: every shape of a field that can be shown is shown, and what cannot be
gives a message naming the file and line, while the rest of the site builds.

Each test writes synthetic items in a shape a crawler of another site produces (keys in another case,
dates as other formats write them, schema.org's types...) and checks what a reader sees: the story's page,
the JSON API and the messages of `newsdesk build`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import build_files, built_page as page, front, make_site

CONFIG = 'title: T\nbase_url: https://example.org/\nnow: "2026-11-22T12:00:00Z"\nstories:\n  enabled: false\n'


def build(tmp_path: Path, files: dict[str, str | bytes], capsys, config: str = CONFIG):
    return build_files(tmp_path, files, capsys, config)


# --- keys in another case or style -------------------------------------------------------------------

def test_fields_spelled_in_another_case_or_style_are_read(tmp_path, capsys):
    """A crawler whose serialiser writes PascalCase (C#), snake_case (Python) or all lower case keys had its
    items left out ("missing `title`"), its provider's and pictures' `Name`, `URL` ignored. They are the
    fields they spell, without a warning."""
    files = {
        "pascal.md": front("Title: Pascal cranes", "PublishedDateTime: 2026-11-20T10:00:00Z",
                           "WebUrl: https://news.example/pascal", "Quality: 5", "Length: 4:13",
                           "Provider:", "  Name: Pascal News", "  Domain: pascal.example", "  Images:",
                           "    - URL: https://pascal.example/logo.png", "Images:",
                           "  - Url: https://news.example/pascal.jpg", "    Width: 640", "    Height: 360",
                           "Related:", "  - Title: Other take", "    WebUrl: https://other.example/x",
                           "    Provider:", "      Name: Other Paper", "      Domain: other.example"),
        "snake.md": front("title: Snake cranes", "published_date_time: 2026-11-19T10:00:00Z",
                          "original_url: https://news.example/snake", "amp-web-url: https://news.example/snake/amp"),
        "lower.md": front("title: Lower cranes", "publisheddatetime: 2026-11-18T10:00:00Z",
                          "weburl: https://news.example/lower", "published: true"),
        "draft.md": front("title: Draft", "publishedDateTime: 2026-11-18T10:00:00Z", "Published: false"),
    }
    out, news, said = build(tmp_path, files, capsys)
    assert "warning:" not in said and "error:" not in said, said
    assert set(news) == {"pascal", "snake", "lower"}  # (the draft is one)
    pascal = news["pascal"]
    assert (pascal["title"], pascal["publishedDateTime"], pascal["webUrl"], pascal["quality"], pascal["length"]) == (
        "Pascal cranes", "2026-11-20T10:00:00Z", "https://news.example/pascal", 5, "4:13")
    assert pascal["provider"] == {"name": "Pascal News", "domain": "pascal.example",
                                  "images": [{"url": "https://pascal.example/logo.png", "width": None, "height": None}]}
    assert pascal["images"] == [{"url": "https://news.example/pascal.jpg", "width": 640, "height": 360}]
    html = page(out, pascal)
    assert "Other take" in html and "https://other.example/x" in html and "Other Paper" in html
    assert news["snake"]["originalUrl"] == "https://news.example/snake"
    assert news["snake"]["ampWebUrl"] == "https://news.example/snake/amp"
    assert news["lower"]["webUrl"] == "https://news.example/lower"


def test_a_field_given_in_two_spellings_uses_the_one_written_as_documented(tmp_path, capsys):
    files = {"both.md": front("title: Right one", "publishedDateTime: 2026-11-20T10:00:00Z", "Title: Wrong one",
                              "provider:", "  name: P", "  Name: Q")}
    out, news, said = build(tmp_path, files, capsys)
    assert news["both"]["title"] == "Right one" and news["both"]["provider"]["name"] == "P"
    assert "content/both.md:4: `Title` is `title` written again: `title` is used" in said, said
    assert "content/both.md:7: `Name` in `provider` is `name` written again: `name` is used" in said, said
    assert "did you mean" not in said


def test_a_message_about_a_field_spelled_otherwise_names_its_line(tmp_path, capsys):
    files = {"x.md": front("title: X", "publishedDateTime: 2026-11-20T10:00:00Z", "Heat: lots")}
    _, news, said = build(tmp_path, files, capsys)
    assert news["x"]["heat"] == 0
    assert "warning: content/x.md:4: `heat` must be a number, got 'lots'" in said, said


# --- dates as other writers give them ----------------------------------------------------------------

DATES = {  # as written -> the moment it names (the site's time zone is UTC)
    "2026/11/20": "2026-11-20T00:00:00Z",
    "2026/1/5 10:00:00": "2026-01-05T10:00:00Z",
    "2026.11.20 10:00": "2026-11-20T10:00:00Z",
    "November 20, 2026": "2026-11-20T00:00:00Z",
    "Nov 20, 2026 10:00 AM": "2026-11-20T10:00:00Z",
    "Friday, November 20, 2026 at 11:30 pm": "2026-11-20T23:30:00Z",
    "20th Nov. 2026, 12:05 AM GMT": "2026-11-20T00:05:00Z",
    "20 November 2026": "2026-11-20T00:00:00Z",
    "20-Nov-2026": "2026-11-20T00:00:00Z",
    # JavaScript's String(new Date()): the offset was ignored (as RFC 2822 read it), an hour off
    "Fri Nov 20 2026 10:00:00 GMT+0100 (Central European Standard Time)": "2026-11-20T09:00:00Z",
    "Nov 20, 2026 10:00 +01:00": "2026-11-20T09:00:00Z",
    "2026-11-20 10:00:00 UTC": "2026-11-20T10:00:00Z",
    "2026-11-20T10:00:00 GMT": "2026-11-20T10:00:00Z",
    "/Date(1795168800000)/": "2026-11-20T10:00:00Z",
    "/Date(1795168800000+0100)/": "2026-11-20T10:00:00Z",
    "2026-11-20T10:00:00+01:00[Europe/Paris]": "2026-11-20T09:00:00Z",
    "2026-07-20T10:00:00[Europe/Paris]": "2026-07-20T08:00:00Z",
}
NO_DATES = ["11/12/2026", "Foo 20, 2026", "Nov 20, 2026 10:00 XYZT", "Nov 20, 2026 13:00 PM", "2026/13/45",
            "2026-11-20T10:00:00[Nowhere/Land]"]


def test_dates_as_other_writers_give_them_are_read(tmp_path, capsys):
    """.NET's JSON dates, Java's zone names, year-first dates with slashes and English dates in words left
    the story out ("not a date"), though each names one moment."""
    files = {f"d{n}.md": front("title: Dated", f"publishedDateTime: {json.dumps(written)}")
             for n, written in enumerate(DATES)}
    files.update({f"x{n}.md": front("title: Undated", f"publishedDateTime: {json.dumps(written)}")
                  for n, written in enumerate(NO_DATES)})
    _, news, said = build(tmp_path, files, capsys)
    assert {name: entry["publishedDateTime"] for name, entry in news.items()} == {
        f"d{n}": moment for n, moment in enumerate(DATES.values())}
    for n, written in enumerate(NO_DATES):  # (a day and month in numbers: which is the month is anyone's guess)
        assert f"error: content/x{n}.md:3: `publishedDateTime`" in said and repr(written) in said, (written, said)


# --- types as other vocabularies name them -----------------------------------------------------------

def test_types_named_as_schema_org_open_graph_or_news_sites_do_are_those_types(tmp_path, capsys):
    """`type: NewsArticle` (schema.org), `video.other` (Open Graph) or `news` made a list of its own
    ("Newsarticle", types/newsarticle/) and a badge on every card of what is an article or a video."""
    written = {"NewsArticle": "article", "BlogPosting": "article", "news": "article", "post": "article",
               "website": "article", "VideoObject": "video", "video.other": "video", "music.song": "audio",
               "PodcastEpisode": "podcast", "podcast_episode": "podcast", "DataDownload": "download",
               "webinar": "webinar"}
    files = {f"t{n}.md": front(f"title: Typed {n}", "publishedDateTime: 2026-11-20T10:00:00Z", f"type: {kind}")
             for n, kind in enumerate(written)}
    out, news, said = build(tmp_path, files, capsys)
    assert "warning:" not in said
    assert {name: entry["type"] for name, entry in news.items()} == {
        f"t{n}": kind for n, kind in enumerate(written.values())}
    assert sorted(p.name for p in (out / "types").iterdir()) == ["webinar"]
    for folder, count in (("videos", 2), ("audio", 1), ("podcasts", 2), ("downloads", 1)):
        assert (out / folder / "index.html").read_text(encoding="utf-8").count('class="badge"') >= count, folder
    assert 'class="badge"' not in page(out, news["t0"])


# --- fields in the shapes other crawlers give them ---------------------------------------------------

def test_fields_in_other_crawlers_shapes_are_shown(tmp_path, capsys):
    """Each of these shapes lost what it held (a topic, the picture, a score, the provider, the title) or
    warned of a field no reader ever sees (`secured`)."""
    head = ("publishedDateTime: 2026-11-20T10:00:00Z", "webUrl: https://news.example/s")
    files = {
        "shortname.md": front("title: Short", *head, "topics:", "  - shortname: Ports"),
        "scored.md": front("title: Scored", *head, "topics:", "  Ports: 0.9", "  Shipping Lanes: 0.4"),
        "imageobject.md": front("title: Image object", *head, "images:",
                                "  - contentUrl: https://news.example/a.jpg", "    width: '1024.0'", "    height: 576.0"),
        "href.md": front("title: Href", *head, "images:", "  - href: https://news.example/b.jpg"),
        "secured.md": front("title: Secured", *head, "secured:", "  token: abc", "  parts: [1, 2]"),
        "percent.md": front("title: Percent", *head, "quality: '87%'", "heat: ' 12 %'"),
        "switch.md": front("title: Switched on", *head, "published: 'on'"),
        "switchoff.md": front("title: Switched off", *head, "published: 'Off'"),
        "publisher.md": front("title: Publisher", *head, "provider:", "  - name: Listed News", "    domain: listed.example"),
        "wrapped.md": front('title: ["Wrapped title"]', *head, "excerpt: [One line.]", "type: video",
                            "length: PT0S"),
        "seconds.md": front("title: Seconds", *head, "type: video", "length: '754.5'"),
    }
    out, news, said = build(tmp_path, files, capsys)
    assert "warning:" not in said and "error:" not in said, said
    assert "switchoff" not in news  # (a draft)
    assert news["shortname"]["topics"] == ["Ports"]
    assert news["scored"]["topics"] == ["Ports", "Shipping Lanes"]
    assert news["imageobject"]["images"] == [{"url": "https://news.example/a.jpg", "width": 1024, "height": 576}]
    assert news["href"]["images"][0]["url"] == "https://news.example/b.jpg"
    assert "abc" not in page(out, news["secured"])
    assert (news["percent"]["quality"], news["percent"]["heat"]) == (87, 12)
    assert news["switch"]["title"] == "Switched on"
    assert news["publisher"]["provider"]["name"] == "Listed News"
    assert news["wrapped"]["title"] == "Wrapped title" and news["wrapped"]["length"] is None
    assert news["wrapped"]["excerpt"] == "One line."
    assert news["seconds"]["length"] == "12:35"
    assert "Wrapped title" in page(out, news["wrapped"]) and "12:35" in page(out, news["seconds"])


def test_a_provider_listed_twice_is_the_first_with_a_warning(tmp_path, capsys):
    files = {"two.md": front("title: Two", "publishedDateTime: 2026-11-20T10:00:00Z", "provider:", "  - First News",
                             "  - Second News")}
    _, news, said = build(tmp_path, files, capsys)
    assert news["two"]["provider"]["name"] == "First News"
    assert "warning: content/two.md:4: `provider` lists 2 providers; the first is used (give the item one provider)" \
        in said, said


# --- the file around the front matter ----------------------------------------------------------------

def test_files_as_other_tools_save_them_are_read_and_messages_keep_their_lines(tmp_path, capsys):
    """Blank lines above the opening `---`, UTF-16 with its byte order mark (Windows' "Unicode"), YAML's own
    end of a document (`...`) for the closing line, and tabs for indentation each left the item out."""
    item = front("title: Hàrbour", "publishedDateTime: 2026-11-20T10:00:00Z", "quality: lots")
    files = {
        "blank.md": "\n \n" + item,
        "utf16.md": item.encode("utf-16"),
        "utf16be.md": ("\ufeff" + item.replace("\n", "\r\n")).encode("utf-16-be"),
        "dots.md": item.replace("\n---\nBody", "\n...\nBody") + "---\nmore body\n",
        "tabs.md": front("title: Tabbed", "publishedDateTime: 2026-11-20T10:00:00Z", "provider:", "\tname: Tab News",
                         "\tdomain: tab.example", "\timages:", "\t\t- url: https://tab.example/logo.png",
                         "\t\t  width: 50", "quality: lots"),
        "mixed.md": front("title: Mixed", "publishedDateTime: 2026-11-20T10:00:00Z", "provider:", "\tname: Tab News",
                          "    domain: tab.example"),
    }
    out, news, said = build(tmp_path, files, capsys)
    assert {name: entry["title"] for name, entry in news.items()} == {
        "blank": "Hàrbour", "utf16": "Hàrbour", "utf16be": "Hàrbour", "dots": "Hàrbour", "tabs": "Tabbed"}
    for name, line in (("blank", 6), ("utf16", 4), ("utf16be", 4), ("dots", 4), ("tabs", 10)):
        assert f"warning: content/{name}.md:{line}: `quality` must be a number, got 'lots'" in said, (name, said)
    assert "more body" in page(out, news["dots"])
    assert news["tabs"]["provider"] == {"name": "Tab News", "domain": "tab.example", "images": [
        {"url": "https://tab.example/logo.png", "width": 50, "height": None}]}
    assert ("warning: content/tabs.md:5: front matter is indented with tabs, which YAML does not allow; each was "
            "read as two spaces (indent with spaces)") in said, said
    # (a tab and spaces at one level: which is meant cannot be told)
    assert "error: content/mixed.md:5: invalid YAML in front matter" in said, said


def test_a_value_that_is_not_yaml_unquoted_is_read_as_the_text_written(tmp_path, capsys):
    """A crawler's template writes `title: {{ title }}` without quotes: a title with `: `, one that starts
    with `@`, a backtick or `%`, or quotes inside its quotes, was an error that left the story out."""
    titles = {"colon": "Breaking: cranes get paint", "at": "@port paints cranes", "tick": "`crane` tips",
              "percent": "%50 off cranes", "star": "*New* cranes", "quotes": '"The "big" crane"',
              "apostrophe": "'It's a crane'"}
    files = {f"{name}.md": front(f"title: {title}", "publishedDateTime: 2026-11-20T10:00:00Z",
                                 "provider:", "  name: Port: The News", "  domain: port.example")
             for name, title in titles.items()}
    files["alias.md"] = front("title: A: b", "publishedDateTime: 2026-11-20T10:00:00Z", "webUrl: &u https://p.example/a",
                              "originalUrl: *u")
    out, news, said = build(tmp_path, files, capsys)
    assert "error:" not in said, said
    assert {name: news[name]["title"] for name in titles} == {
        "colon": "Breaking: cranes get paint", "at": "@port paints cranes", "tick": "`crane` tips",
        "percent": "%50 off cranes", "star": "*New* cranes", "quotes": 'The "big" crane', "apostrophe": "It's a crane"}
    assert news["colon"]["provider"]["name"] == "Port: The News"
    assert news["alias"]["originalUrl"] == "https://p.example/a"  # (an alias is YAML, not text)
    assert ("warning: content/quotes.md:2: `title`'s value is not valid YAML as written; it is read as the text "
            "after `title: ` (put the value in quotes, each \" inside it as \\\")") in said, said
    assert "warning: content/colon.md:5: `name`'s value is not valid YAML as written" in said, said
    assert "The &#34;big&#34; crane" in page(out, news["quotes"]) or 'The "big" crane' in page(out, news["quotes"])


def test_front_matter_that_cannot_be_read_is_an_error_at_its_line_and_the_rest_builds(tmp_path, capsys):
    files = {"good.md": front("title: Good", "publishedDateTime: 2026-11-20T10:00:00Z"),
             "open.md": front("title: Open", "publishedDateTime: 2026-11-20T10:00:00Z", "topics: [AI, Robots",
                              "heat: 3"),
             "text.md": "Only text, no front matter.\n"}
    _, news, said = build(tmp_path, files, capsys)
    assert set(news) == {"good"}
    assert "error: content/open.md:4: invalid YAML in front matter" in said and "close the bracket" in said, said
    assert "error: content/text.md:1: no front matter found" in said, said


def test_a_provider_whose_domain_is_written_with_www_is_the_same_provider(tmp_path, capsys):
    """A crawler that takes the domain from a story's address writes `www.harbour.example`; another (or the
    site's own record of the provider) `harbour.example`: they were two providers, and the record's name and
    logo were not the `www.` one's."""
    config = CONFIG + ("providers:\n  - domain: www.harbour.example\n    name: The Harbour Post\n"
                       "    logo: https://harbour.example/logo.png\n")
    files = {"a.md": front("title: A", "publishedDateTime: 2026-11-20T10:00:00Z", "provider:", "  name: Harbour",
                           "  domain: www.harbour.example"),
             "b.md": front("title: B", "publishedDateTime: 2026-11-19T10:00:00Z", "provider:", "  name: Harbour",
                           "  domain: https://Harbour.example/"),
             "c.md": front("title: C", "publishedDateTime: 2026-11-18T10:00:00Z", "provider:", "  name: WWW",
                           "  domain: www.example")}
    out, news, said = build(tmp_path, files, capsys, config)
    assert "warning:" not in said, said
    assert news["a"]["provider"]["domain"] == news["b"]["provider"]["domain"] == "harbour.example"
    assert news["c"]["provider"]["domain"] == "www.example"  # (no domain is `example`)
    assert sorted(p.name for p in (out / "providers").iterdir() if p.is_dir()) == ["harbour-example", "www-example"]
    html = (out / "providers/harbour-example/index.html").read_text(encoding="utf-8")
    assert "The Harbour Post" in html and "https://harbour.example/logo.png" in html


def test_featured_content_given_as_an_address_is_its_player(tmp_path, capsys):
    """featuredContent written as the video's or episode's address alone (not an embed snippet) was shown as
    that address, in text, above the body; the video had no player."""
    head = ("publishedDateTime: 2026-11-20T10:00:00Z", "webUrl: https://news.example/v")
    files = {"watch.md": front("title: Watch", *head, "type: video",
                               "featuredContent: https://www.youtube.com/watch?v=abcDEF12345&t=3"),
             "short.md": front("title: Short", *head, "type: video", "featuredContent: https://youtu.be/abcDEF12345"),
             "vimeo.md": front("title: Vimeo", *head, "type: video", "featuredContent: https://vimeo.com/76979871"),
             "episode.md": front("title: Episode", *head, "type: podcast",
                                 "featuredContent: https://cdn.example/e1.mp3"),
             "other.md": front("title: Other", *head, "type: video", "featuredContent: https://videos.example/v/1"),
             "bad.md": front("title: Bad", *head, "type: video", "featuredContent: 'javascript:alert(1)'")}
    out, news, said = build(tmp_path, files, capsys)
    assert "warning:" not in said, said
    assert news["watch"]["videoUrl"] == news["short"]["videoUrl"] == "https://www.youtube.com/embed/abcDEF12345"
    assert news["vimeo"]["videoUrl"] == "https://player.vimeo.com/video/76979871"
    assert '<iframe src="https://www.youtube.com/embed/abcDEF12345"' in page(out, news["watch"])
    assert "youtube.com/watch" not in page(out, news["watch"]).split('class="byline"')[1]  # (no address as text)
    assert news["episode"]["mediaUrl"] == "https://cdn.example/e1.mp3"
    assert '<audio src="https://cdn.example/e1.mp3"' in page(out, news["episode"])
    assert news["other"]["videoUrl"] == "https://videos.example/v/1"
    assert 'href="https://videos.example/v/1"' in page(out, news["other"])  # (a link: not an embedded host)
    assert news["bad"]["videoUrl"] is None and "javascript:" not in page(out, news["bad"]).replace(">javascript:", ">")


def test_a_video_taken_from_youtube_or_vimeo_without_featured_content_plays_there(tmp_path, capsys):
    head = ("publishedDateTime: 2026-11-20T10:00:00Z",)
    files = {"tube.md": front("title: Tube", *head, "type: video",
                              "originalUrl: https://www.youtube.com/watch?v=abcDEF12345"),
             "vimeo.md": front("title: Vimeo", *head, "type: video", "webUrl: https://vimeo.com/76979871"),
             "page.md": front("title: Page", *head, "type: video", "originalUrl: https://videos.example/v/1"),
             "article.md": front("title: Article", *head, "originalUrl: https://www.youtube.com/watch?v=abcDEF12345")}
    out, news, said = build(tmp_path, files, capsys)
    assert "warning:" not in said, said
    assert news["tube"]["videoUrl"] == "https://www.youtube.com/embed/abcDEF12345"
    assert '<iframe src="https://www.youtube.com/embed/abcDEF12345"' in page(out, news["tube"])
    assert news["vimeo"]["videoUrl"] == "https://player.vimeo.com/video/76979871"
    # any other page is no player; an item that is no video gets none
    assert news["page"]["videoUrl"] is None and news["article"]["videoUrl"] is None


def test_offers_and_empty_pictures_as_crawlers_write_them(tmp_path, capsys):
    head = ("publishedDateTime: 2026-11-20T10:00:00Z", "type: download")
    files = {"offers.md": front("title: Offers", *head, "price:", "  - price: 4.99", "    priceCurrency: USD",
                                "  - price: 5", "    priceCurrency: EUR"),
             "empty.md": front("title: Empty", *head, "images: ''", "image: ''"),
             "holes.md": front("title: Holes", *head, "images:", "  - ''", "  -", "  - https://news.example/h.jpg")}
    out, news, said = build(tmp_path, files, capsys)
    assert "warning:" not in said, said
    assert news["offers"]["price"] == "4.99 USD" and "4.99 USD" in page(out, news["offers"])
    assert news["empty"]["images"] == []
    assert news["holes"]["images"] == [{"url": "https://news.example/h.jpg", "width": None, "height": None}]


def test_a_date_under_another_crawlers_name_dates_the_story(tmp_path, capsys):
    """`date:` (Hugo's, Jekyll's), `pubDate` (RSS's), `datePublished` (schema.org's) or `published: <a date>`
    left the story out; it is the story's date, with a warning naming the field to rename."""
    files = {f"{name}.md": front("title: Dated", f"{name}: {written}")
             for name, written in (("date", "2026-11-21"), ("pubDate", "'Sat, 21 Nov 2026 08:00:00 GMT'"),
                                   ("datePublished", "2026-11-21T08:00:00Z"), ("published", "2026-11-21 08:00:00"))}
    files["both.md"] = front("title: Both", "publishedDateTime: 2026-11-20T10:00:00Z", "date: 2026-01-01")
    files["bad.md"] = front("title: Bad", "date: someday")
    _, news, said = build(tmp_path, files, capsys)
    assert {name: entry["publishedDateTime"] for name, entry in news.items()} == {
        "date": "2026-11-21T00:00:00Z", "pubdate": "2026-11-21T08:00:00Z", "datepublished": "2026-11-21T08:00:00Z",
        "published": "2026-11-21T08:00:00Z", "both": "2026-11-20T10:00:00Z"}
    assert ("warning: content/pubDate.md:3: `pubDate` is read as `publishedDateTime`, which is not given (rename "
            "`pubDate` to `publishedDateTime`)") in said, said
    assert "content/both.md" not in said and "content/published.md:3: `published` must be" not in said
    assert "error: content/bad.md:3: `date` is not a date: 'someday'" in said, said


# --- the real corpus -----------------------------------------------------------------------------------

@pytest.mark.slow  # (192 real items)
def test_every_real_item_builds_with_no_message_but_missing_logos_and_shows_what_it_is(tmp_path):
    """The real aggregator's items (../shared/corpus/powerapps): no message a user could not act on, and each
    story's page shows its title, provider, date and picture (its player, for an embedded video)."""
    import html5lib

    from conftest import CORPUS
    from generator.build.pipeline import BuildOptions, build as build_site
    from generator.config import load_config

    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus/powerapps is not here (it is only beside a developer's checkout)")
    root = make_site(tmp_path / "site", {}, f"title: Power Apps\nbase_url: https://example.org/\n"
                     f"content_dir: {CORPUS / 'news'}\ndata_dir: {CORPUS / 'data'}\nnow: \"2021-07-01T00:00:00Z\"\n")
    result = build_site(load_config(root / "config.yaml"), BuildOptions(drafts=True, workers=1), environ={})
    assert result.site.problems == ()
    # the only messages: provider records whose logo files are not in the corpus (said since hostile23's
    # logo rule; each names the record's line and the file to give)
    for warning in result.site.warnings:
        assert "/data/organizations/" in warning.path and "no picture file beside the data folder" in warning.message
        logo = warning.message.split()[1]
        assert logo.startswith("/assets/") and not (CORPUS / logo.lstrip("/")).exists(), warning
    items = result.site.model.site.items
    assert len(items) == 192
    for item in items:
        tree = html5lib.parse((root / "output" / item.path / "index.html").read_bytes(), namespaceHTMLElements=False)
        story = tree.find(".//article")
        assert "".join(story.find(".//h1").itertext()) == item.title, item.source
        assert story.find(f".//time[@datetime='{item.published.isoformat()}']") is not None, item.source
        assert item.provider and item.provider.name in "".join(story.find(".//div[@class='byline']").itertext())
        hero = story.find(".//figure[@class='hero']/img")
        player = story.find(".//div[@class='video']/iframe")
        if item.images:
            assert player is not None if item.type == "video" and item.embed else hero.get("src") == item.images[0].url
        else:  # (drafts without a picture: the provider's logo stands for it)
            assert story.find(".//span[@class='avatar']/img") is not None or "monogram" in str(
                [span.get("class") for span in story.iter("span")]), item.source


def test_a_title_starting_with_a_hash_and_an_address_without_its_scheme_are_shown(tmp_path, capsys):
    files = {"hash.md": front("title: #1 crane in the port", "publishedDateTime: 2026-11-20T10:00:00Z",
                              "webUrl: www.news.example/cranes?a=1", "images: WWW.news.example/c.jpg"),
             "comment.md": front("title: Fine # not a comment to a reader", "publishedDateTime: 2026-11-20T10:00:00Z")}
    out, news, said = build(tmp_path, files, capsys)
    assert news["hash"]["title"] == "#1 crane in the port"
    assert news["hash"]["webUrl"] == "https://www.news.example/cranes?a=1"
    assert news["hash"]["images"][0]["url"] == "https://www.news.example/c.jpg"  # (its host in lower case)
    assert ("warning: content/hash.md:2: `title` starts with `#`, which YAML reads as a comment; it is read as the "
            "text written (put the title in quotes)") in said, said
    assert news["comment"]["title"] == "Fine"  # (YAML's comment after a title is a comment)


def test_related_coverage_listed_by_address_alone_is_shown_and_joins_its_story(tmp_path, capsys):
    """`related` as a list of addresses, or entries without a title, was left out with a warning: the
    coverage was not shown, and the items it declares did not join one story."""
    head = ("publishedDateTime: 2026-11-20T10:00:00Z",)
    files = {"first.md": front("title: Bridge reopens after repairs", *head, "webUrl: https://one.example/bridge",
                               "provider: {name: One, domain: one.example}",
                               "related: ['https://two.example/bridge-open', {url: 'https://www.three.example/b'},"
                               " 'no address']"),
             "second.md": front("title: Traffic flows again over the old span", *head,
                                "webUrl: https://two.example/bridge-open", "provider: {name: Two, domain: two.example}")}
    out, news, said = build(tmp_path, files, capsys, config=CONFIG.replace("false", "true"))
    assert "`related`: 1 entry has no http or https `webUrl`" in said  # ('no address')
    assert news["first"]["story"] == news["second"]["story"]  # one story, by the declared address
    shown = page(out, news["first"]) + page(out, news["second"])  # (the story's lead lists its coverage)
    assert re.search(r'href="https://www.three.example/b"[^>]*>\s*three\.example\s*<', shown), shown
