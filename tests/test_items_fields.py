"""Item fields as other crawlers name and shape them: other spellings and writers' names, types named as
schema.org or Open Graph does, topics as one string, scores with separators, players given as addresses,
related coverage by address alone, drafts as Hugo and WordPress mark them, and every real item."""

from __future__ import annotations

import json
import re

import pytest

from conftest import DATE_2025, DATE_2026, ITEMS_CONFIG, build_items, built_page as page, front, make_site


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
    out, news, said = build_items(tmp_path, files, capsys)
    assert "warning:" not in said and "error:" not in said, said
    assert set(news) == {"pascal", "snake", "lower"}  # (the draft is one)
    pascal = news["pascal"]
    assert (pascal["title"], pascal["publishedDateTime"], pascal["webUrl"], pascal["quality"], pascal["length"]) == (
        "Pascal cranes", "2026-11-20T10:00:00Z", "https://news.example/pascal", 5, "4:13")
    assert pascal["provider"] == {"name": "Pascal News", "domain": "pascal.example", "url": "https://pascal.example/",
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
    out, news, said = build_items(tmp_path, files, capsys)
    assert news["both"]["title"] == "Right one" and news["both"]["provider"]["name"] == "P"
    assert "content/both.md:4: `Title` is `title` written again: `title` is used" in said, said
    assert "content/both.md:7: `Name` in `provider` is `name` written again: `name` is used" in said, said
    assert "did you mean" not in said


def test_a_message_about_a_field_spelled_otherwise_names_its_line(tmp_path, capsys):
    files = {"x.md": front("title: X", "publishedDateTime: 2026-11-20T10:00:00Z", "Heat: lots")}
    _, news, said = build_items(tmp_path, files, capsys)
    assert news["x"]["heat"] == 0
    assert "warning: content/x.md:4: `heat` must be a number, got 'lots'" in said, said


def test_types_named_as_schema_org_open_graph_or_news_sites_do_are_those_types(tmp_path, capsys):
    """`type: NewsArticle` (schema.org), `video.other` (Open Graph) or `news` made a list of its own
    ("Newsarticle", types/newsarticle/) and a badge on every card of what is an article or a video."""
    written = {"NewsArticle": "article", "BlogPosting": "article", "news": "article", "post": "article",
               "website": "article", "VideoObject": "video", "video.other": "video", "music.song": "audio",
               "PodcastEpisode": "podcast", "podcast_episode": "podcast", "DataDownload": "download",
               "webinar": "webinar"}
    files = {f"t{n}.md": front(f"title: Typed {n}", "publishedDateTime: 2026-11-20T10:00:00Z", f"type: {kind}")
             for n, kind in enumerate(written)}
    out, news, said = build_items(tmp_path, files, capsys)
    assert "warning:" not in said
    assert {name: entry["type"] for name, entry in news.items()} == {
        f"t{n}": kind for n, kind in enumerate(written.values())}
    assert sorted(p.name for p in (out / "types").iterdir()) == ["webinar"]
    for folder, count in (("videos", 2), ("audio", 1), ("podcasts", 2), ("downloads", 1)):
        assert (out / folder / "index.html").read_text(encoding="utf-8").count('class="badge"') >= count, folder
    assert 'class="badge"' not in page(out, news["t0"])


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
    out, news, said = build_items(tmp_path, files, capsys)
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
    assert "Wrapped title" in page(out, news["wrapped"]) and 'datetime="PT12M35S"' in page(out, news["seconds"])


def test_a_provider_listed_twice_is_the_first_with_a_warning(tmp_path, capsys):
    files = {"two.md": front("title: Two", "publishedDateTime: 2026-11-20T10:00:00Z", "provider:", "  - First News",
                             "  - Second News")}
    _, news, said = build_items(tmp_path, files, capsys)
    assert news["two"]["provider"]["name"] == "First News"
    assert "warning: content/two.md:4: `provider` lists 2 providers; the first is used (give the item one provider)" \
        in said, said


def test_a_provider_whose_domain_is_written_with_www_is_the_same_provider(tmp_path, capsys):
    """A crawler that takes the domain from a story's address writes `www.harbour.example`; another (or the
    site's own record of the provider) `harbour.example`: they were two providers, and the record's name and
    logo were not the `www.` one's."""
    config = ITEMS_CONFIG + ("providers:\n  - domain: www.harbour.example\n    name: The Harbour Post\n"
                       "    logo: https://harbour.example/logo.png\n")
    files = {"a.md": front("title: A", "publishedDateTime: 2026-11-20T10:00:00Z", "provider:", "  name: Harbour",
                           "  domain: www.harbour.example"),
             "b.md": front("title: B", "publishedDateTime: 2026-11-19T10:00:00Z", "provider:", "  name: Harbour",
                           "  domain: https://Harbour.example/"),
             "c.md": front("title: C", "publishedDateTime: 2026-11-18T10:00:00Z", "provider:", "  name: WWW",
                           "  domain: www.example")}
    out, news, said = build_items(tmp_path, files, capsys, config)
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
    out, news, said = build_items(tmp_path, files, capsys)
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
    out, news, said = build_items(tmp_path, files, capsys)
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
    out, news, said = build_items(tmp_path, files, capsys)
    assert "warning:" not in said, said
    assert news["offers"]["price"] == "4.99 USD" and "<bdi>$4.99</bdi>" in page(out, news["offers"])
    assert news["empty"]["images"] == []
    assert news["holes"]["images"] == [{"url": "https://news.example/h.jpg", "width": None, "height": None}]


@pytest.mark.slow  # (192 real items)
def test_every_real_item_builds_with_no_message_but_missing_logos_and_shows_what_it_is(tmp_path):
    """The real aggregator's items (../shared/corpus/powerapps): no message a user could not act on, and each
    story's page shows its title, provider, date and picture (its player, for an embedded video)."""
    import html5lib

    from conftest import CORPUS
    from generator.build.pipeline import BuildOptions, build as build_site
    from generator.config.load import load_config

    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus/powerapps is not here (it is only beside a developer's checkout)")
    root = make_site(tmp_path / "site", {}, f"title: Power Apps\nbase_url: https://example.org/\n"
                     f"content_dir: {CORPUS / 'news'}\ndata_dir: {CORPUS / 'data'}\nnow: \"2021-07-01T00:00:00Z\"\n")
    result = build_site(load_config(root / "config.yaml"), BuildOptions(drafts=True, workers=1), environ={})
    assert result.site.problems == ()
    # the only messages: provider records whose logo files are not in the corpus (said since the
    # rule that a record's logo is read as an item's picture is; each names the record's line and the file to give)
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
        player = story.find(".//div[@class='video']/template/iframe")  # (started by the picture: players.js)
        if item.images:
            if item.type == "video" and item.embed:
                hero = story.find(".//div[@class='video']/a[@class='player-start']/img")
                assert player is not None, item.source
            assert hero.get("src") == item.images[0].url, item.source
        else:  # (drafts without a picture: the provider's logo stands for it)
            assert story.find(".//span[@class='avatar']/img") is not None or "monogram" in str(
                [span.get("class") for span in story.iter("span")]), item.source


def test_a_title_starting_with_a_hash_and_an_address_without_its_scheme_are_shown(tmp_path, capsys):
    files = {"hash.md": front("title: #1 crane in the port", "publishedDateTime: 2026-11-20T10:00:00Z",
                              "webUrl: www.news.example/cranes?a=1", "images: WWW.news.example/c.jpg"),
             "comment.md": front("title: Fine # not a comment to a reader", "publishedDateTime: 2026-11-20T10:00:00Z")}
    out, news, said = build_items(tmp_path, files, capsys)
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
    out, news, said = build_items(tmp_path, files, capsys, config=ITEMS_CONFIG.replace("false", "true"))
    assert "`related`: 1 entry has no http or https `webUrl`" in said  # ('no address')
    assert news["first"]["story"] == news["second"]["story"]  # one story, by the declared address
    shown = page(out, news["first"]) + page(out, news["second"])  # (the story's lead lists its coverage)
    assert re.search(r'href="https://www.three.example/b"[^>]*>\s*three\.example\s*<', shown), shown


def test_topics_given_as_one_comma_separated_string_are_those_topics(tmp_path, capsys):
    """`topics: "AI, Robots"` (a CMS export's, schema.org's `keywords` style) made one topic "AI, Robots";
    it is the topics AI and Robots. A declared topic whose name has a comma stays whole, and so does a number
    written with a thousands separator."""
    config = ITEMS_CONFIG + "topics:\n  - name: Science, Technology\n  - name: AI\n  - name: Robots\n  - name: 1,000 days\n"
    files = {
        "quoted.md": front("title: Quoted", DATE_2026, 'topics: "AI, Robots"'),
        "plain.md": front("title: Plain", DATE_2026, "topics: AI,Robots ,  ,"),
        "declared.md": front("title: Declared", DATE_2026, "topics: Science, Technology"),
        "number.md": front("title: Number", DATE_2026, "topics: 1,000 days, AI"),
        "listed.md": front("title: Listed", DATE_2026, "topics: [AI, Robots]"),
    }
    out, news, said = build_items(tmp_path, files, capsys, config)
    assert "warning:" not in said and "error:" not in said, said
    topics = {name: entry["topics"] for name, entry in news.items()}
    assert topics == {"quoted": ["AI", "Robots"], "plain": ["AI", "Robots"], "declared": ["Science, Technology"],
                      "number": ["1,000 days", "AI"], "listed": ["AI", "Robots"]}
    assert not (out / "topics/ai-robots").exists()
    assert "Quoted" in (out / "topics/robots/index.html").read_text(encoding="utf-8")


def test_topics_given_as_one_semicolon_separated_string_are_those_topics(tmp_path, capsys):
    """`topics: "AI; Robots"` (as writers list names that have commas) made one topic "AI; Robots"; it is the
    topics AI and Robots, and each part keeps its commas. A declared topic whose name has a semicolon stays
    whole, and a character reference's semicolon (`Q&amp;A`) separates nothing."""
    config = ITEMS_CONFIG + ("topics:\n  - name: Science, Technology\n  - name: AI\n  - name: Robots\n"
                             "  - name: Q&A\n  - name: Crime; Justice\n")
    files = {
        "quoted.md": front("title: Quoted", DATE_2026, 'topics: "AI; Robots"'),
        "commas.md": front("title: Commas", DATE_2026, "topics: Science, Technology; AI ;  ;"),
        "declared.md": front("title: Declared", DATE_2026, "topics: Crime; Justice"),
        "entity.md": front("title: Entity", DATE_2026, 'topics: "Q&amp;A; Robots"'),
    }
    out, news, said = build_items(tmp_path, files, capsys, config)
    assert "warning:" not in said and "error:" not in said, said
    assert {name: entry["topics"] for name, entry in news.items()} == {
        "quoted": ["AI", "Robots"], "commas": ["Science, Technology", "AI"], "declared": ["Crime; Justice"],
        "entity": ["Q&A", "Robots"]}
    assert not (out / "topics/ai-robots").exists()
    assert "Quoted" in (out / "topics/robots/index.html").read_text(encoding="utf-8")
    assert "Commas" in (out / "topics/science-technology/index.html").read_text(encoding="utf-8")

def test_fields_under_other_writers_names_are_read_with_a_warning_to_rename_them(tmp_path, capsys):
    """Hugo's and Jekyll's `description`, `tags`, `categories`; JSON Feed's and schema.org's `url`,
    `summary`, `thumbnailUrl`, `publisher`; RSS's `link`; WordPress's `featured_image`: the item had no
    excerpt, no link, no picture, no topics and no provider, without a word. Each is read as its field when
    that is not given, with a warning at its line to rename it; a field given under its own name wins."""
    files = {
        "hugo.md": front("title: Hugo", DATE_2026, "description: From Hugo.", "tags: [AI, Robots]",
                         "featured_image: https://hugo.example/h.jpg", "url: https://hugo.example/post"),
        "jsonld.md": front("title: JSON-LD", DATE_2026, "summary: From JSON-LD.", "Thumbnail_URL: https://ld.example/t.jpg",
                           "publisher:", "  name: LD News", "  url: https://ld.example/", "link: https://ld.example/s",
                           "categories: Science, Space"),
        "own.md": front("title: Own", DATE_2026, "excerpt: Its own.", "description: Not this.", "originalUrl: https://o.example/",
                        "url: https://o.example/other", "topics: [AI]", "tags: [Robots]"),
    }
    out, news, said = build_items(tmp_path, files, capsys)
    hugo, jsonld, own = news["hugo"], news["jsonld"], news["own"]
    assert (hugo["excerpt"], hugo["webUrl"], hugo["topics"], hugo["images"][0]["url"]) == (
        "From Hugo.", "https://hugo.example/post", ["AI", "Robots"], "https://hugo.example/h.jpg")
    assert (jsonld["excerpt"], jsonld["webUrl"], jsonld["topics"], jsonld["images"][0]["url"]) == (
        "From JSON-LD.", "https://ld.example/s", ["Science", "Space"], "https://ld.example/t.jpg")
    assert (jsonld["provider"]["name"], jsonld["provider"]["domain"]) == ("LD News", "ld.example")
    assert (own["excerpt"], own["webUrl"], own["topics"]) == ("Its own.", "https://o.example/", ["AI"])
    for name, line, key, field in (("hugo", 4, "description", "excerpt"), ("hugo", 5, "tags", "topics"),
                                   ("hugo", 6, "featured_image", "image"), ("hugo", 7, "url", "webUrl"),
                                   ("jsonld", 4, "summary", "excerpt"), ("jsonld", 5, "Thumbnail_URL", "image"),
                                   ("jsonld", 6, "publisher", "provider"), ("jsonld", 9, "link", "webUrl"),
                                   ("jsonld", 10, "categories", "topics")):
        assert (f"warning: content/{name}.md:{line}: `{key}` is read as `{field}`, which is not given "
                f"(rename `{key}` to `{field}`)") in said, (name, key, said)
    assert "content/own.md" not in said, said


def test_jekyll_s_tags_and_categories_together_are_all_topics(tmp_path, capsys):
    """A Jekyll or Hugo post gives both taxonomies; only `tags` were read and its `categories` went unsaid."""
    files = {"post.md": front("title: Both", DATE_2026, "categories: [Politics]", "tags: [AI, Politics, Robots]"),
             "hugo.md": front("title: Hugo", DATE_2026, "tags: [AI]", "categories: [Science]", "keywords: [Space]")}
    out, news, said = build_items(tmp_path, files, capsys)
    assert news["post"]["topics"] == ["Politics", "AI", "Robots"]
    assert news["hugo"]["topics"] == ["AI", "Science", "Space"]
    # (the hint writes the one list to put instead, as a single taxonomy's does: "list them" left it to the reader)
    assert ("warning: content/post.md:4: `categories` and `tags` are read as `topics`, which is not given "
            "(write them as one list under `topics`: `topics: [Politics, AI, Robots]`)") in said, said
    assert ("warning: content/hugo.md:4: `tags`, `categories` and `keywords` are read as `topics`, which is not "
            "given (write them as one list under `topics`: `topics: [AI, Science, Space]`)") in said, said


def test_a_jekyll_post_s_categories_text_and_tags_list_are_written_as_the_one_list_to_put(tmp_path, capsys):
    """`categories: politics world` (two names, as Jekyll reads a post's text) beside `tags: [transport]`: the
    warning said "list them under `topics`", leaving the reader to work out the three names from two fields."""
    files = {"_posts/2026-11-21-tram-line.md": front("title: Tram", DATE_2026, "categories: politics world",
                                                     "tags: [transport]")}
    out, news, said = build_items(tmp_path, files, capsys)
    assert news["tram-line"]["topics"] == ["politics", "world", "transport"]
    assert ("warning: content/_posts/2026-11-21-tram-line.md:4: `categories` and `tags` are read as `topics`, which "
            "is not given (write them as one list under `topics`: `topics: [politics, world, transport]`)") in said, said


def test_an_item_written_as_json_ld_is_read(tmp_path, capsys):
    """A crawler that saves a page's JSON-LD (schema.org's NewsArticle) as the front matter: its `headline`
    was no title (the item was left out), its `mainEntityOfPage` no link, its `@type` got "did you mean
    `type`?" and its `publisher` "did you mean `published`?". Each is read as its field, with a warning to
    rename it, and `image` as a list is each of its pictures."""
    files = {"ld.md": front('"@context": https://schema.org', '"@type": VideoObject', "headline: Cranes on film",
                            "datePublished: 2026-11-19T10:00:00Z",
                            'mainEntityOfPage: { "@type": WebPage, "@id": "https://news.example/film" }',
                            'image: ["https://x.example/1.jpg", "https://x.example/2.jpg"]',
                            'publisher: { "@type": Organization, name: LD Pub, url: "https://ld.example/" }')}
    out, news, said = build_items(tmp_path, files, capsys)
    ld = news["ld"]
    assert (ld["title"], ld["type"], ld["webUrl"], ld["provider"]["name"]) == (
        "Cranes on film", "video", "https://news.example/film", "LD Pub")
    assert [image["url"] for image in ld["images"]] == ["https://x.example/1.jpg", "https://x.example/2.jpg"]
    assert "did you mean" not in said and "error:" not in said and "only the first" not in said, said
    for line, key, field in ((3, "@type", "type"), (4, "headline", "title"), (6, "mainEntityOfPage", "webUrl"),
                             (8, "publisher", "provider")):
        assert f"warning: content/ld.md:{line}: `{key}` is read as `{field}`, which is not given" in said, (key, said)


def test_drafts_as_hugo_and_wordpress_mark_them_and_a_provider_given_as_its_address(tmp_path, capsys):
    """Hugo's and Jekyll's `draft: true` and WordPress's `status: draft` were published; `provider:
    https://www.example.com/` (all a crawler knew of who wrote it) was a provider named by its address,
    with no domain."""
    files = {
        "hugo-draft.md": front("title: Hugo draft", DATE_2026, "draft: true"),
        "hugo-out.md": front("title: Hugo out", DATE_2026, "draft: false"),
        "wp-draft.md": front("title: WP draft", DATE_2026, "status: pending"),
        "wp-out.md": front("title: WP out", DATE_2026, "status: publish", "provider: https://www.harbour.example/news/"),
        "published.md": front("title: Published says", DATE_2026, "published: true", "draft: true"),
        "other-status.md": front("title: Other status", DATE_2026, "status: 200"),
    }
    out, news, said = build_items(tmp_path, files, capsys)
    assert set(news) == {"hugo-out", "wp-out", "published", "other-status"}
    assert news["wp-out"]["provider"] == {"name": "harbour.example", "domain": "harbour.example",
                                          "url": "https://harbour.example/", "images": []}
    assert "warning:" not in said and "error:" not in said, said


def test_scores_written_with_thousands_separators_or_units_are_read(tmp_path, capsys):
    """A crawler copies a count as its site shows it (`1,234`, `1.234.567`, `1 234`, `12k`, `1.2K`): the score
    was not a number, and the story ranked as if it had none. Each is read; one that may be read two ways says
    which it was read as and what to write, and one that is no number says so; every item is built."""
    scores = {"comma": '"1,234.5"', "dots": '"1.234.567"', "european": '"1.234,5"', "space": '"1 234"',
              "nbsp": '"1\u00a0234"', "swiss": "\"1'234\"", "k": "12k", "kdot": '"1.2K"', "kcomma": '"1,5k"',
              "decimal": '"2,5"', "plain": '"0.5"', "ambiguouscomma": '"1,234"', "ambiguousdot": '"1.234"',
              "words": '"12 million"', "broken": '"1,23,4"', "spaces": '"1' + " " * 20_000 + 'x"'}
    files = {f"{name}.md": front(f"title: Scored {name}", DATE_2025, f"quality: {written}") for name, written in scores.items()}
    _, news, said = build_items(tmp_path, files, capsys)
    assert {name: entry.get("quality") for name, entry in news.items()} == {
        "comma": 1234.5, "dots": 1_000_000, "european": 1234.5, "space": 1234, "nbsp": 1234, "swiss": 1234,
        "k": 12000, "kdot": 1200, "kcomma": 1500, "decimal": 2.5, "plain": 0.5, "ambiguouscomma": 1234,
        "ambiguousdot": 1.234, "words": None, "broken": None, "spaces": None}  # (the last refused at once)
    assert ("warning: content/ambiguouscomma.md:4: `quality` '1,234' may be 1234 or 1.234 (with a decimal comma); "
            "it is read as 1234 (write 1234, or 1.234 if that is meant, without quotes)") in said, said
    assert ("warning: content/ambiguousdot.md:4: `quality` '1.234' may be 1.234 or 1234 (with a thousands "
            "separator); it is read as 1.234 (write 1234 if that is meant, or 1.234 without quotes)") in said, said
    assert ("warning: content/words.md:4: `quality` must be a number, got '12 million' (write it without quotes or "
            "units, e.g. 87)") in said
    assert "warning: content/broken.md:4: `quality` must be a number, got '1,23,4'" in said
    assert "warning: content/dots.md:4: `quality` '1.234.567' is out of range" in said
    for name in ("comma", "european", "space", "nbsp", "swiss", "k", "kdot", "kcomma", "decimal", "plain"):
        assert f"content/{name}.md" not in said, (name, said)


def test_scores_out_of_a_scale_with_a_count_word_or_as_a_mapping_are_read(tmp_path, capsys):
    """A crawler copies a rating with its scale (`87/100`, `4.5/5`), a count with its word (`1.2K views`) or a
    score as its API gives it (`{score: 87}`, schema.org's `{ratingValue: 4.5, bestRating: 5}`): each was warned
    of and dropped, and the story ranked as if it had none. A score out of a scale is that percentage of it, as
    `87%` is read as 87; the count is its number; the mapping its score."""
    scores = {"hundred": '"87/100"', "rating": '"4.5/5"', "views": '"1.2K views"', "likes": '"340 likes"',
              "score": "{score: 87}", "value": "{value: '87%'}", "schema": "{ratingValue: 4.5, bestRating: 5}",
              "zero": '"3/0"', "other": "{votes: 3}"}
    files = {f"{name}.md": front(f"title: Scored {name}", DATE_2025, f"quality: {written}", f"heat: {written}")
             for name, written in scores.items()}
    out, news, said = build_items(tmp_path, files, capsys)
    assert {name: (entry.get("quality"), entry.get("heat")) for name, entry in news.items()} == {
        "hundred": (87, 87), "rating": (90, 90), "views": (1200, 1200), "likes": (340, 340), "score": (87, 87),
        "value": (87, 87), "schema": (90, 90), "zero": (None, 0), "other": (None, 0)}
    assert 'title="Quality 90"' in page(out, news["rating"]) and 'title="Heat 87"' in page(out, news["score"])
    assert "warning: content/zero.md:4: `quality` must be a number, got '3/0'" in said, said
    assert "warning: content/other.md:5: `heat` must be a number, got {'votes': 3}" in said, said
    for name in ("hundred", "rating", "views", "likes", "score", "value", "schema"):
        assert f"content/{name}.md" not in said, (name, said)


def test_no_break_spaces_in_titles_and_excerpts_are_kept_and_search_splits_words_there(tmp_path, capsys):
    """French writes a narrow no-break space before `:` and `?`, and a no-break space in `20 %`: each was made a
    plain space, and a line could break before the `?`. They are kept in pages, feeds and the API, and search
    still finds each word on either side."""
    title = "Brexit\u202f: quel avenir\u00a0? Hausse de 20\u00a0%"
    files = {"fr.md": front(f'title: "{title}"', DATE_2025, 'excerpt: "Le port\u202f: bilan"', "lang: fr"),
             "spaced.md": front('title: "Many \u00a0 spaces\u00a0\u00a0here "', DATE_2025)}
    out, news, said = build_items(tmp_path, files, capsys)
    assert news["fr"]["title"] == title and news["fr"]["excerpt"] == "Le port\u202f: bilan"
    assert news["spaced"]["title"] == "Many spaces\u00a0here"
    assert title in page(out, news["fr"])
    assert title in (out / "feeds/latest.rss").read_text(encoding="utf-8")
    entries = json.loads((out / "feeds/latest.json").read_text(encoding="utf-8"))["items"]
    assert title in [entry["title"] for entry in entries]
    assert "avenir" in (out / "search/index/terms/av.json").read_text(encoding="utf-8")
    from generator.plan.search_tokens import tokens
    assert tokens(title) == ["brexit", "quel", "avenir", "hausse", "de", "20"]


def test_topics_as_classifiers_and_feed_readers_write_them_are_the_topics_they_name(tmp_path, capsys):
    """A classifier writes its topics as `{label, score}`, feedparser an entry's categories as `{term, scheme,
    label}` (label null) and a CMS its terms with a `title`: each such topic was left out ("`topics` must be a
    list of names")."""
    head = ("publishedDateTime: 2026-11-20T10:00:00Z", "webUrl: https://news.example/s")
    files = {
        "classified.md": front("title: Classified", *head, "topics:", "  - {label: Harbours, score: 0.92}",
                               "  - {label: Cranes, score: 0.41}"),
        "feedparser.md": front("title: Tagged", *head, "topics:", "  - term: Shipping Lanes",
                               "    scheme: https://news.example/tags", "    label: null"),
        "cms.md": front("title: Termed", *head, "topics:", "  - title: Harbours", "    id: 17"),
    }
    out, news, said = build_items(tmp_path, files, capsys)
    assert "warning:" not in said and "error:" not in said, said
    assert news["classified"]["topics"] == ["Harbours", "Cranes"]
    assert news["feedparser"]["topics"] == ["Shipping Lanes"]
    assert news["cms"]["topics"] == ["Harbours"]
    assert 'href="/topics/shipping-lanes/"' in page(out, news["feedparser"])
    assert (out / "topics/harbours/index.html").read_text(encoding="utf-8").count("Classified") >= 1


def test_related_stories_under_other_writers_names_are_shown(tmp_path, capsys):
    """A crawler that lists other coverage as NewsAPI gives it (`source`, `description`, `publishedAt`), as RSS
    does (`link`, `pubDate`) or as schema.org does (`headline`, `datePublished`, `publisher`) had its entries
    left out (no `webUrl`) or shown by their host alone, without their date, excerpt and provider."""
    head = ("publishedDateTime: 2026-11-20T10:00:00Z", "webUrl: https://news.example/s")
    files = {"cranes.md": front(
        "title: Cranes repainted", *head, "related:",
        "  - source: {id: null, name: Harbour Daily}", "    title: Harbour cranes get a new coat",
        "    description: The port's cranes are painted blue.", "    url: https://harbour.example/cranes",
        "    publishedAt: '2026-11-19T08:00:00Z'",
        "  - headline: Blue cranes on the quay", "    link: https://quay.example/blue",
        "    pubDate: 'Thu, 19 Nov 2026 09:00:00 GMT'", "    published: true",
        "    publisher: {name: Quay Weekly, url: https://quay.example/}",
        "  -", "  - ''")}
    out, news, said = build_items(tmp_path, files, capsys)
    html = page(out, news["cranes"])
    for shown in ("Harbour cranes get a new coat", "The port&#39;s cranes are painted blue.", "Harbour Daily",
                  'href="https://harbour.example/cranes"', 'datetime="2026-11-19T08:00:00+00:00"',
                  "Blue cranes on the quay", 'href="https://quay.example/blue"', "Quay Weekly",
                  'datetime="2026-11-19T09:00:00+00:00"'):
        assert shown in html, shown
    assert ("warning: content/cranes.md:5: `related`: other writers' names of fields are read as newsdesk's: "
            "`description` as `excerpt`, `publishedAt` as `publishedDateTime`, `source` as `provider`, `headline` "
            "as `title`, `link` as `webUrl`, `pubDate` as `publishedDateTime`, `publisher` as `provider` (rename "
            "them: `description` to `excerpt`") in said, said
    assert "no http or https" not in said  # (the empty entries are none)


def test_featured_content_as_an_oembed_reply_a_video_record_or_escaped_code_is_its_player(tmp_path, capsys):
    """A crawler that stores YouTube's oEmbed reply, schema.org's VideoObject or AudioObject, or embed code copied
    from a feed's escaped text had no player: a mapping was "`featuredContent` must be text", and the escaped
    code showed above the body as text (`<iframe src=...>` for the reader to read)."""
    head = ("publishedDateTime: 2026-11-20T10:00:00Z", "webUrl: https://news.example/v", "type: video")
    files = {
        "oembed.md": front("title: Oembed", *head, "featuredContent:", "  type: video", "  provider_name: YouTube",
                           '  html: \'<iframe width="200" src="https://www.youtube.com/embed/abcDEF12345"></iframe>\''),
        "videoobject.md": front("title: Video object", *head, "featuredContent:", "  '@type': VideoObject",
                                "  embedUrl: https://player.vimeo.com/video/76979871",
                                "  contentUrl: https://cdn.example/v.mp4"),
        "audioobject.md": front("title: Audio object", *head[:2], "type: podcast", "featuredContent:",
                                "  '@type': AudioObject", "  contentUrl: https://cdn.example/e1.mp3"),
        "escaped.md": front("title: Escaped", *head, "featuredContent: '&lt;iframe src=&quot;"
                            "https://www.youtube.com/embed/abcDEF12345&quot;&gt;&lt;/iframe&gt;'"),
        "empty.md": front("title: No player", *head, "featuredContent: {type: video, width: 200}"),
    }
    out, news, said = build_items(tmp_path, files, capsys)
    assert news["oembed"]["videoUrl"] == news["escaped"]["videoUrl"] == "https://www.youtube.com/embed/abcDEF12345"
    assert news["videoobject"]["videoUrl"] == "https://player.vimeo.com/video/76979871"
    assert news["audioobject"]["mediaUrl"] == "https://cdn.example/e1.mp3"
    for name in ("oembed", "escaped"):
        html = page(out, news[name])
        assert '<iframe src="https://www.youtube.com/embed/abcDEF12345"' in html and "&lt;iframe" not in html, name
    assert '<audio src="https://cdn.example/e1.mp3"' in page(out, news["audioobject"])
    assert news["empty"]["videoUrl"] is None
    assert ("warning: content/empty.md:6: `featuredContent` is a mapping without a player's `html`, `embedUrl` or "
            "`url`; it is left out (write the player's embed code or address") in said, said
    assert said.count("warning:") == 1, said


def test_a_type_as_json_ld_writes_it_is_the_type_it_names(tmp_path, capsys):
    """JSON-LD writes `@type` as a list (`[VideoObject, CreativeWork]`) and, expanded, as schema.org's address
    (`https://schema.org/VideoObject`, `schema:PodcastEpisode`): a list made the item an article, with a warning,
    and an address an "Other" in a list of its own."""
    head = ("publishedDateTime: 2026-11-20T10:00:00Z", "webUrl: https://news.example/t")
    files = {"listed.md": front("title: Listed", *head, "type: [VideoObject, CreativeWork]"),
             "unknown.md": front("title: Unknown first", *head, "type: [Webinar, Event]"),
             "address.md": front("title: Address", *head, "type: https://schema.org/PodcastEpisode"),
             "prefixed.md": front("title: Prefixed", *head, "'@type': 'schema:NewsArticle'")}
    out, news, said = build_items(tmp_path, files, capsys)
    assert "warning: content/listed" not in said and "must be a word" not in said, said
    assert {name: entry["type"] for name, entry in news.items()} == {
        "listed": "video", "unknown": "event", "address": "podcast", "prefixed": "article"}
    assert 'class="badge">Video<' in page(out, news["listed"])
    assert not (out / "types/other").exists()
    assert "Address" in (out / "podcasts/index.html").read_text(encoding="utf-8")


def test_length_price_and_topics_under_schema_orgs_names_are_shown(tmp_path, capsys):
    """schema.org names a video's length `duration`, a course's price `offers` and an article's tags `keywords`
    (and crawlers that read a page's JSON-LD keep its names): each was kept for templates only, and the card
    showed no length, no price and the story no topic."""
    head = ("publishedDateTime: 2026-11-20T10:00:00Z", "webUrl: https://news.example/s")
    files = {"clip.md": front("title: Clip", *head, "type: video", "duration: PT4M13S"),
             "course.md": front("title: Course", *head, "type: course",
                                "offers: {'@type': Offer, price: '19.99', priceCurrency: USD}"),
             "tagged.md": front("title: Tagged", *head, "keywords: Harbours, Cranes")}
    out, news, said = build_items(tmp_path, files, capsys)
    assert news["clip"]["length"] == "4:13" and 'datetime="PT4M13S"' in page(out, news["clip"])
    assert news["course"]["price"] == "19.99 USD"
    assert "19.99" in (out / "courses/index.html").read_text(encoding="utf-8")
    assert news["tagged"]["topics"] == ["Harbours", "Cranes"]
    assert (out / "topics/cranes/index.html").is_file()
    for key, field, line in (("duration", "length", 6), ("offers", "price", 6), ("keywords", "topics", 5)):
        assert (f":{line}: `{key}` is read as `{field}`, which is not given (rename `{key}` to `{field}`)") in said, said


def test_a_price_of_false_and_a_negative_length_are_none(tmp_path, capsys):
    """A crawler writes `price: false` for "no price" and `length: -5` for a length it could not measure: the
    card showed "false" as the price and "-5" as the length. `false` is no price (said nowhere: it is what the
    crawler means); a negative length is none, with a warning at its line saying what to write."""
    head = ("publishedDateTime: 2026-11-20T10:00:00Z", "webUrl: https://news.example/s")
    files = {"unpriced.md": front("title: Unpriced", *head, "type: course", "price: false"),
             "counted.md": front("title: Counted back", *head, "type: video", "length: -5"),
             "quoted.md": front("title: Quoted back", *head, "type: video", "length: '-12.5'"),
             "priced.md": front("title: Priced", *head, "type: course", "price: 0")}
    out, news, said = build_items(tmp_path, files, capsys)
    assert not news["unpriced"].get("price") and news["priced"]["price"] == "0"
    assert not news["counted"].get("length") and not news["quoted"].get("length")
    for name in ("unpriced", "counted", "quoted"):
        shown = page(out, news[name])
        assert not re.search(r">\s*(false|-5|-12.5)\s*<", shown), name
    courses = (out / "courses/index.html").read_text(encoding="utf-8")
    assert "Unpriced" in courses and not re.search(r">\s*false\s*<", courses)
    assert "unpriced.md" not in said, said
    for name, written in (("counted", "'-5'"), ("quoted", "'-12.5'")):
        assert (f"warning: content/{name}.md:6: `length` {written} is negative, which is no length; it is left out "
                "(write the length as 4:13 or in seconds (253), or remove `length`)") in said, said

def test_a_size_or_a_clocks_length_counted_back_is_none(tmp_path, capsys):
    """`size: -5` showed a download of "-5", and `length: -1:00` (YAML's -60, as written) or `'-4:13'` a video of
    "-1:00": a number counted back is no size, as it is no length, with a warning at its line (fetch says the same of
    a feed's)."""
    head = ("publishedDateTime: 2026-11-20T10:00:00Z", "webUrl: https://news.example/s")
    cases = {"sized": ("type: download", "size: -5"), "quoted": ("type: download", "size: '-12345'"),
             "clock": ("type: video", "length: -1:00"), "text": ("type: video", "length: '-4:13'"),
             "iso": ("type: video", "length: -PT4M13S")}
    files = {f"{name}.md": front(f"title: {name}", *head, *lines) for name, lines in cases.items()}
    files["kept.md"] = front("title: kept", *head, "type: download", "size: 12 MB", "length: 4:13")
    out, news, said = build_items(tmp_path, files, capsys)
    assert (news["kept"]["size"], news["kept"]["length"]) == ("12 MB", "4:13")
    for name, (_, line) in cases.items():
        key, written = line.split(": ", 1)
        assert not news[name].get(key), (name, news[name].get(key))
        assert not re.search(r">\s*-", page(out, news[name])), name
        what = "size" if key == "size" else "length"
        assert f"warning: content/{name}.md:6: `{key}` '{written.strip(chr(39))}' is negative, which is no {what}; " \
               f"it is left out" in said, said


def test_a_price_counted_back_is_none(tmp_path, capsys):
    """`price: -3` showed a price of "-3", as `size: -5` did a download of "-5": a negative price (as a number, as
    text, or an offer's amount) is no price, left out with the warning sizes and lengths have."""
    head = ("publishedDateTime: 2026-11-20T10:00:00Z", "webUrl: https://news.example/s", "type: course")
    cases = {"number": ("price: -3", "'-3'"), "text": ("price: '-3.50'", "'-3.50'"),
             "offer": ("price: {amount: -3, currency: EUR}", "-3")}
    files = {f"{name}.md": front(f"title: {name}", *head, line) for name, (line, _) in cases.items()}
    files["kept.md"] = front("title: kept", *head, "price: 3")
    out, news, said = build_items(tmp_path, files, capsys)
    assert news["kept"]["price"] == "3"
    for name, (_, written) in cases.items():
        assert not news[name].get("price") and news[name].get("price_amount") is None, news[name]
        assert not re.search(r">\s*-3", page(out, news[name])), name
        assert (f"warning: content/{name}.md:6: `price` {written} is negative, which is no price; it is left out "
                "(write the price as text (9.99 EUR), or remove `price`)") in said, said
    assert not re.search(r">\s*-3", (out / "courses/index.html").read_text(encoding="utf-8"))


def test_a_slug_of_nothing_to_name_a_page_by_is_said(tmp_path, capsys):
    """`slug: "\\u200b"` (a zero-width space) named the page after the file name, and `slug: '???'` after a hash
    (`x-0f3c...`), both unsaid: the writer never learnt the slug was not used. Each now names the page after the
    file name, with a warning at the `slug:` line; a slug with letters is used as before."""
    head = ("publishedDateTime: 2026-11-20T10:00:00Z", "webUrl: https://news.example/s")
    files = {"zero.md": front("title: Zero", *head, 'slug: "\\u200b"'),
             "marks.md": front("title: Marks", *head, "slug: '???'"),
             "empty.md": front("title: Empty", *head, "slug: ''"),
             "named.md": front("title: Named", *head, "slug: Harbour cranes")}
    out, news, said = build_items(tmp_path, files, capsys)
    assert set(news) == {"zero", "marks", "empty", "harbour-cranes"}
    for name, written in (("zero", "'\\u200b'"), ("marks", "'???'")):
        assert (f"warning: content/{name}.md:5: `slug` {written} has no letter or digit to name a page by; the page "
                "is named after the file name instead (write the slug in letters or digits "
                "(`slug: harbour-cranes`), or remove `slug`)") in said, said
    assert "empty.md" not in said and "named.md" not in said, said


def test_a_file_name_of_nothing_to_name_a_page_by_is_said(tmp_path, capsys):
    """A file named `???.md` (or by a right-to-left mark, or by dashes) had its page named by a hash
    (`x-2d86c2a659`), unsaid, as `slug: '???'` had. Its page is now named after its title, with a warning that
    names the file; a file name with a letter or digit names the page as before."""
    head = ("publishedDateTime: 2026-11-20T10:00:00Z", "webUrl: https://news.example/s")
    files = {"???.md": front("title: Harbour cranes", *head),
             "\u202e.md": front("title: Quay walls", *head),
             "2026-11-20---.md": front("title: Tide tables", *head),
             "%%.md": front("title: Lock gates", *head, "slug: '!!'"),
             "!!.md": front("title: Slipway", *head, "slug: dry-dock"),
             "named.md": front("title: Named", *head)}
    out, news, said = build_items(tmp_path, files, capsys)
    assert set(news) == {"harbour-cranes", "quay-walls", "tide-tables", "lock-gates", "dry-dock", "named"}, said
    for name in ("???.md", "\\u202e.md", "2026-11-20---.md", "%%.md"):
        assert (f"warning: content/{name}: the file name has no letter or digit to name a page by; the page is "
                "named after the title instead (rename the file in letters or digits (harbour-cranes.md), or "
                "give it a `slug:`)") in said, said
    assert "warning: content/%%.md:5: `slug` '!!' has no letter or digit to name a page by; the page is named " \
           "after the title instead" in said, said
    assert "named.md" not in said and "!!.md" not in said, said


def test_a_slug_clash_is_said_at_the_slug_line(tmp_path, capsys):
    """Two stories of one day whose `slug:`s are alike were each told "would write the same page" at line 1, far
    from the `slug:` that made the page's name; a story named by its file is still told at line 1 (the name)."""
    head = ("publishedDateTime: 2026-11-20T10:00:00Z", "webUrl: https://news.example/s")
    files = {"first.md": front("title: First", *head, "slug: Same"),
             "second.md": front("title: Second", *head, "type: video", "slug: same"),
             "same.md": front("title: Third", *head)}
    out, news, said = build_items(tmp_path, files, capsys)
    assert len(news) == 3 and "same" in news
    told = [line for line in said.splitlines() if "would write the same page" in line]
    assert len(told) == 4, said
    assert {re.match(r"warning: (\S+:[0-9]+):", line)[1] for line in told} == {
        "content/first.md:5", "content/second.md:6", "content/same.md:1"}, told


def test_a_key_given_twice_is_said_at_the_one_used_by_later_checks(tmp_path, capsys):
    """YAML and TOML use the last of a key given twice, but what is said of it once the item is made (a slug
    clash, a picture the site does not have) was placed at the first, which is not used. A line of the body
    that looks like the key is no key."""
    head = ("publishedDateTime: 2026-11-20T10:00:00Z", "webUrl: https://news.example/s")
    files = {"first.md": front("title: First", *head, "slug: Same"),
             "second.md": front("title: Second", *head, "slug: other", "type: video", "slug: same",
                                body="Body.\n\nslug: same\n"),
             "pictures.md": front("title: Pictures", *head, "images:", "  - url: /static/a.jpg", "images:",
                                  "  - url: /static/b.jpg", body="images:\n  - url: /static/c.jpg\n")}
    out, news, said = build_items(tmp_path, files, capsys)
    told = [line for line in said.splitlines() if "would write the same page" in line]
    assert len(told) == 2, said
    assert {re.match(r"warning: (\S+:[0-9]+):", line)[1] for line in told} == {
        "content/first.md:5", "content/second.md:7"}, told
    assert "warning: content/pictures.md:7: `images`: no file static/b.jpg in the site" in said, said


def test_a_provider_written_as_an_organization_record_is_that_domains(tmp_path, capsys):
    """A site's organization records name their domain `_id` (`{_id: harbour.example, name, images}`), and a
    crawler that copies the record into its items writes the provider so: it lost its domain, and had a page of
    its own by its name, apart from the same provider's other stories. A database's `_id` is no domain."""
    head = ("publishedDateTime: 2026-11-20T10:00:00Z", "webUrl: https://harbour.example/s")
    files = {"record.md": front("title: From the record", *head, "provider:", "  _id: harbour.example",
                                "  taxonomy: organization", "  name: Harbour Daily"),
             "domain.md": front("title: From the domain", *head, "provider:", "  name: Harbour Daily",
                                "  domain: harbour.example"),
             "database.md": front("title: From a database", *head, "provider:", "  _id: 5f8a1b2c3d4e5f6a7b8c9d0e",
                                  "  name: Quay Weekly")}
    out, news, said = build_items(tmp_path, files, capsys)
    assert "warning:" not in said, said
    assert news["record"]["provider"]["domain"] == "harbour.example"
    listing = (out / "providers/harbour-example/index.html").read_text(encoding="utf-8")
    assert "From the record" in listing and "From the domain" in listing
    assert news["database"]["provider"]["domain"] == ""
    assert 'href="/providers/harbour-example/"' in page(out, news["record"])


def test_topics_written_as_hashtags_are_the_topics_their_words_name(tmp_path, capsys):
    """A crawler of posts writes their hashtags as topics (`#Harbours`, or `#Harbours #Cranes` in one text): each
    was a topic of its own, `sharp-harbours`, apart from the topic Harbours, and the text one topic of both.
    `C#` and `#1 story` are no hashtags."""
    head = ("publishedDateTime: 2026-11-20T10:00:00Z", "webUrl: https://news.example/s")
    files = {"tagged.md": front("title: Tagged", *head, "topics: ['#Harbours', 'C#', '#1 story']"),
             "text.md": front("title: Text", *head, "topics: '#Harbours #ShippingLanes'"),
             "plain.md": front("title: Plain", *head, "topics: [Harbours, Shipping Lanes]")}
    out, news, said = build_items(tmp_path, files, capsys)
    assert news["tagged"]["topics"] == ["Harbours", "C#", "#1 story"]
    assert news["text"]["topics"] == ["Harbours", "Shipping Lanes"]  # (one topic, named as the first file names it)
    listing = (out / "topics/harbours/index.html").read_text(encoding="utf-8")
    assert all(title in listing for title in ("Tagged", "Text", "Plain"))
    # (one page, of the spelling with the fewest hyphens, as for any two spellings of a topic)
    lanes = (out / "topics/shippinglanes/index.html").read_text(encoding="utf-8")
    assert "Text" in lanes and "Plain" in lanes
    assert not (out / "topics/sharp-harbours").exists()


def test_a_picture_given_in_sizes_by_name_is_one_picture_in_those_sizes(tmp_path, capsys):
    """A crawler that keeps a logo's or a picture's sizes by name (`{50x50: URL, 400x400: URL}`, `{small: URL,
    large: URL}`) lost them all, with a warning naming no address ("first: None")."""
    head = ("publishedDateTime: 2026-11-20T10:00:00Z", "webUrl: https://news.example/s")
    files = {"sized.md": front("title: Sized", *head, "provider:", "  name: Harbour Daily",
                               "  domain: harbour.example", "  images:",
                               "    50x50: https://harbour.example/logo-50.png",
                               "    400x400: https://harbour.example/logo-400.png",
                               "images: {small: 'https://news.example/s-320.jpg', large: 'https://news.example/s.jpg'}"),
             "none.md": front("title: No address", *head, "images:", "  - width: 640", "    height: 360")}
    out, news, said = build_items(tmp_path, files, capsys)
    assert news["sized"]["provider"]["images"] == [
        {"url": "https://harbour.example/logo-50.png", "width": 50, "height": 50},
        {"url": "https://harbour.example/logo-400.png", "width": 400, "height": 400}]
    assert [image["url"] for image in news["sized"]["images"]] == ["https://news.example/s-320.jpg",
                                                                   "https://news.example/s.jpg"]
    assert "https://harbour.example/logo-50.png" in page(out, news["sized"])
    assert "content/sized.md" not in said, said
    assert ("warning: content/none.md:5: `images`: 1 entry has no http or https `url` (first: an entry without "
            "`url`); it is left out") in said, said


def test_a_draft_flagged_as_cms_apis_flag_it_is_a_draft(tmp_path, capsys):
    """CMSs' APIs name the flag `isPublished` (`is_published`): `isPublished: false` was a field newsdesk did not
    know ("did you mean `published`?") and the draft was published."""
    head = ("publishedDateTime: 2026-11-20T10:00:00Z", "webUrl: https://news.example/s")
    files = {"draft.md": front("title: Not yet", *head, "isPublished: false"),
             "snake.md": front("title: Not yet either", *head, "is_published: 'false'"),
             "out.md": front("title: Out", *head, "isPublished: true")}
    out, news, said = build_items(tmp_path, files, capsys)
    assert set(news) == {"out"}
    assert "Not yet" not in (out / "index.html").read_text(encoding="utf-8")
    assert ("warning: content/out.md:5: `isPublished` is read as `published`, which is not given (rename "
            "`isPublished` to `published`)") in said, said
    assert "did you mean" not in said, said


def test_an_author_or_provider_mapping_without_a_name_is_said(tmp_path, capsys):
    """`author: {givenName: Sam}` (a Person without `name`) and `provider: {title: X}` (neither `name` nor
    `domain`) were left out without a word; a mapping with a name stays read, without a warning."""
    files = {"person.md": front("title: Person", DATE_2026, "author: {givenName: Sam, familyName: Coder}"),
             "people.md": front("title: People", DATE_2026, "author: [{name: Ann}, {givenName: Bo}]"),
             "publisher.md": front("title: Publisher", DATE_2026, "provider: {title: Some Paper, logo_id: 7}"),
             "fine.md": front("title: Fine", DATE_2026, "author: {name: Sam}", "provider: {name: P, domain: p.example}")}
    _, news, said = build_items(tmp_path, files, capsys)
    assert news["person"]["author"] is None and news["people"]["author"] == "Ann"
    assert news["publisher"]["provider"] is None and news["fine"]["author"] == "Sam"
    assert ("warning: content/person.md:4: `author` must be a name, a mapping with a `name` or a list of them, got a "
            "mapping; it is left out") in said, said
    assert "warning: content/people.md:4: `author` must be a name, a mapping with a `name` or a list of them: " in said
    assert ("warning: content/publisher.md:4: `provider` gives no `name` nor `domain` (it gives 'title', 'logo_id'); "
            "the item has no provider (give the provider's `name` and `domain`)") in said, said
    assert "fine.md" not in said, said


def test_an_address_written_without_its_scheme_is_told_with_it(tmp_path, capsys):
    """`originalUrl: example.org/x` is left out, as no http(s) address; the warning shows the address meant."""
    from conftest import build_files, front

    files = {"bare.md": front("title: Bare", "publishedDateTime: 2026-11-20T10:00:00Z", "originalUrl: example.org/x"),
             "odd.md": front("title: Odd", "publishedDateTime: 2026-11-20T10:00:00Z", "originalUrl: x")}
    _, news, said = build_files(tmp_path, files, capsys, ITEMS_CONFIG)
    assert ("warning: content/bare.md:4: `originalUrl` is not an http or https URL: 'example.org/x'; it is left out "
            "(write the full address: https://example.org/x)") in said, said
    assert ("warning: content/odd.md:4: `originalUrl` is not an http or https URL: 'x'; it is left out (write the "
            "full address, e.g. https://provider.example/story)") in said, said
    assert news["bare"]["title"] == "Bare"


def test_jekyll_s_space_separated_categories_are_topics_in_a_jekyll_post_alone(tmp_path, capsys):
    """Jekyll reads `categories: politics world` as two categories; newsdesk made one topic "politics world".
    In a file Jekyll reads as a post (under `_posts/`, named `YYYY-MM-DD-title.md`, YAML front matter) the
    string is split on spaces as Jekyll splits it; elsewhere `tags: machine learning` is one topic's name."""
    files = {"_posts/2026-11-20-vote.md": front("title: Vote", DATE_2026, "categories: politics world"),
             "_posts/2026-11-20-both.md": front("title: Both", DATE_2026, "tags: [ai]", 'categories: "local news"'),
             "posts/ml.md": front("title: ML", DATE_2026, 'tags: "machine learning"'),
             "_posts/notes.md": front("title: Notes", DATE_2026, "tags: machine learning"),
             "_posts/2026-11-20-toml.md": '+++\ntitle = "Toml"\npublishedDateTime = 2026-11-20T10:00:00Z\n'
                                          'tags = "machine learning"\n+++\nBody.\n'}
    out, news, said = build_items(tmp_path, files, capsys)
    assert news["vote"]["topics"] == ["politics", "world"]
    assert news["both"]["topics"] == ["ai", "local", "news"]
    assert news["ml"]["topics"] == ["machine learning"]
    assert news["notes"]["topics"] == ["machine learning"]
    assert news["toml"]["topics"] == ["machine learning"]  # (TOML: Hugo's, never Jekyll's)
    assert ("warning: content/_posts/2026-11-20-vote.md:4: `categories` is read as `topics`, which is not given "
            "(write them as a list under `topics`: `topics: [politics, world]`)") in said, said


def test_a_moved_post_s_relative_permalink_says_to_keep_it_with_aliases(tmp_path, capsys):
    """A Jekyll or Hugo post's `permalink: /culture/tram-line/` is the old site's address of it: it got "rename
    `permalink` to `webUrl`" and "write the full address", neither of which keeps that address working. It is
    said once, with what does: `aliases`."""
    files = {"tram.md": front("title: Tram", DATE_2026, "permalink: /culture/tram-line/"),
             "kept.md": front("title: Kept", DATE_2026, "permalink: /culture/kept/", "aliases: /culture/kept/")}
    out, news, said = build_items(tmp_path, files, capsys)
    assert "webUrl" not in news["tram"] or not news["tram"]["webUrl"]
    assert ("warning: content/tram.md:4: `permalink` is the old site's address of this post: it is left out (keep "
            "the old address working with `aliases: /culture/tram-line/` (see Old addresses in the content format), "
            "and remove `permalink`)") in said, said
    assert ("warning: content/kept.md:4: `permalink` is the old site's address of this post: it is left out "
            "(remove it: `aliases` keeps the old address)") in said, said
    assert said.count("content/tram.md") == 1 and said.count("content/kept.md") == 1, said
    assert (out / "culture/kept/index.html").exists() and not (out / "culture/tram-line").exists()


def test_hugo_s_relative_url_is_the_old_address_and_says_to_keep_it_with_aliases(tmp_path, capsys):
    """Hugo's `url:`, a page's own address on the old site (`/2019/03/old-post/`, or relative to its root:
    `old-post.html`), got "rename `url` to `webUrl`" and then "write the full address: https://old-post.html/", a
    host that is not there. It is said once as the old address, with the `aliases` that keeps it working (with its
    `/`, in the file's own format); a full `url` is still the story's address, and a `link` beside an old `url`
    is read as it."""
    files = {"slash.md": front("title: Slash", DATE_2026, "url: /2019/03/old-post/"),
             "file.md": front("title: File", DATE_2026, "url: old-post.html"),
             "toml.md": '+++\ntitle = "Toml"\npublishedDateTime = 2026-11-20T10:00:00Z\nurl = "posts/toml-post/"\n'
                        '+++\nBody.\n',
             "linked.md": front("title: Linked", DATE_2026, "url: /posts/linked/", "link: https://news.example/a"),
             "story.md": front("title: Story", DATE_2026, "url: https://news.example/story")}
    out, news, said = build_items(tmp_path, files, capsys)
    for name, written in (("slash", "aliases: /2019/03/old-post/"), ("file", "aliases: /old-post.html"),
                          ("toml", 'aliases = "/posts/toml-post/"'), ("linked", "aliases: /posts/linked/")):
        assert (f"warning: content/{name}.md:4: `url` is the old site's address of this post: it is left out "
                f"(keep the old address working with `{written}` (see Old addresses in the content format), and "
                f"remove `url`)") in said, said
        assert said.count(f"content/{name}.md:") == 1 + (name == "linked"), said
        assert not news[name].get("webUrl") or name == "linked", news[name]
    assert news["linked"]["webUrl"] == "https://news.example/a"
    assert news["story"]["webUrl"] == "https://news.example/story"
    assert "https://old-post.html" not in said and "content/story.md:4: `url` is read as `webUrl`" in said, said


def test_a_time_first_seen_is_read_in_any_date_form_and_one_that_is_no_date_is_left_out(tmp_path, capsys):
    """`firstSeenDateTime` (written by fetch: when the site first had the item; it gives a story its id) is read as
    `publishedDateTime` is, in any form; one that is no date is left out with a warning at its line, and the
    item is shown all the same (it is no reason to lose a story)."""
    files = {
        "seen.md": front("title: Seen cranes", "publishedDateTime: 2026-11-20T10:00:00Z",
                         "firstSeenDateTime: Fri, 20 Nov 2026 12:30:00 GMT"),
        "odd.md": front("title: Odd cranes", "publishedDateTime: 2026-11-20T10:00:00Z",
                        "firstSeenDateTime: last tuesday"),
    }
    out, news, said = build_items(tmp_path, files, capsys)
    assert set(news) == {"seen", "odd"}
    assert said.count("warning:") == 1 and "odd.md:4:" in said and "firstSeenDateTime" in said, said


def test_a_player_of_an_id_youtube_or_vimeo_has_no_video_of_is_none(tmp_path, capsys):
    """The one rule of video ids (players.py: YouTube's 11 characters of [A-Za-z0-9_-], Vimeo's digits) holds
    when the build reads an item, not only when fetch writes one: files fetch wrote before it had the rule
    (`<iframe src="https://www.youtube.com/embed/abc">`), and a crawler's, kept a player that shows nothing.
    Such an item has no player, with a warning at its line; any other host's player is as written."""
    head = ("publishedDateTime: 2026-11-20T10:00:00Z", "webUrl: https://news.example/v", "type: video")

    def video(name: str, src: str) -> str:
        return front(f"title: {name}", *head, "featuredContent: " + json.dumps(f'<iframe src="{src}"></iframe>'))
    files = {"short.md": video("Short", "https://www.youtube.com/embed/abc"),
             "accented.md": video("Accented", "https://www.youtube.com/embed/Xy1_-Ab2Cdé"),
             "long.md": video("Long", "//www.youtube-nocookie.com/embed/Xy1_-Ab2Cd3x?rel=0"),
             "vimeo.md": video("Vimeo", "https://player.vimeo.com/video/abc"),
             "good.md": video("Good", "https://www.youtube.com/embed/Xy1_-Ab2Cd3?start=30"),
             "list.md": video("List", "https://www.youtube.com/embed/videoseries?list=PL1234"),
             "numbers.md": video("Numbers", "https://player.vimeo.com/video/76979871?h=ab12"),
             "other.md": video("Other", "https://videos.example/embed/abc")}
    out, news, said = build_items(tmp_path, files, capsys)
    refused = ("short", "accented", "long", "vimeo")
    assert [name for name in refused if news[name]["videoUrl"] is not None] == []
    for name in refused:
        assert "<iframe" not in page(out, news[name]), name
        assert f"warning: content/{name}.md:6: `featuredContent`'s player names no " in said, said
    assert news["good"]["videoUrl"] == "https://www.youtube.com/embed/Xy1_-Ab2Cd3?start=30"
    assert '<iframe src="https://www.youtube.com/embed/Xy1_-Ab2Cd3?start=30"' in page(out, news["good"])
    assert news["list"]["videoUrl"] == "https://www.youtube.com/embed/videoseries?list=PL1234"
    assert news["numbers"]["videoUrl"] == "https://player.vimeo.com/video/76979871?h=ab12"
    assert news["other"]["videoUrl"] == "https://videos.example/embed/abc"
    assert said.count("warning:") == len(refused), said
