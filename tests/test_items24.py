"""Items and feeds in the shapes real crawlers and feed servers write: a file saved in Windows-1252, topics as
one comma-separated string, an unquoted value that YAML reads as an anchor, dates in other languages, Reddit's
feeds, lazy-loading pictures in fetched text. Each is read as its writer meant, with a warning naming the
file and line where the file should be written otherwise.
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import build_files, built_page as page, feed_site, fetched, front, cpu_seconds
from feed_server import FeedServer, Route
from generator.cli import main

CONFIG = 'title: T\nbase_url: https://example.org/\nnow: "2026-12-04T12:00:00Z"\nitems_per_page: 100\nstories:\n  enabled: false\n'
DATE = "publishedDateTime: 2026-11-20T10:00:00Z"


def build(tmp_path: Path, files: dict[str, str | bytes], capsys, config: str = CONFIG):
    return build_files(tmp_path, files, capsys, config)


# --- files not in UTF-8 ------------------------------------------------------------------------------

def test_a_file_in_windows_1252_is_read_with_a_warning_naming_its_first_bad_line(tmp_path, capsys):
    """A Windows tool's or an old crawler's file in Windows-1252 (or Latin-1) was left out as "not UTF-8";
    it is read, and a file that is UTF-8 but for one pasted word keeps its UTF-8 text too."""
    files = {
        "cp1252.md": front("title: Café “Zürich” – naïve", DATE, "excerpt: Preis 5 €",
                           body="Crème brûlée … ½").encode("cp1252"),
        "latin1.md": front("title: Ascii title", DATE, "provider: Señor Noticias",
                           body="Años").encode("latin-1"),
        "mixed.md": front("title: Ünïcode title", DATE, body="UTF-8 text").encode("utf-8") + b"then caf\xe9\n",
    }
    out, news, said = build(tmp_path, files, capsys)
    assert news["cp1252"]["title"] == "Café “Zürich” – naïve" and news["cp1252"]["excerpt"] == "Preis 5 €"
    assert "Crème brûlée … ½" in page(out, news["cp1252"])
    assert news["latin1"]["provider"]["name"] == "Señor Noticias" and "Años" in page(out, news["latin1"])
    assert news["mixed"]["title"] == "Ünïcode title" and "then café" in page(out, news["mixed"])
    message = "not UTF-8 text (from this line on); it was read as Windows-1252 (Latin-1) (save the file as UTF-8)"
    for name, line in (("cp1252", 2), ("latin1", 4), ("mixed", 6)):
        assert f"warning: content/{name}.md:{line}: {message}" in said, (name, said)


# --- lists written as one string ---------------------------------------------------------------------

def test_topics_given_as_one_comma_separated_string_are_those_topics(tmp_path, capsys):
    """`topics: "AI, Robots"` (a CMS export's, schema.org's `keywords` style) made one topic "AI, Robots";
    it is the topics AI and Robots. A declared topic whose name has a comma stays whole, and so does a number
    written with a thousands separator."""
    config = CONFIG + "topics:\n  - name: Science, Technology\n  - name: AI\n  - name: Robots\n  - name: 1,000 days\n"
    files = {
        "quoted.md": front("title: Quoted", DATE, 'topics: "AI, Robots"'),
        "plain.md": front("title: Plain", DATE, "topics: AI,Robots ,  ,"),
        "declared.md": front("title: Declared", DATE, "topics: Science, Technology"),
        "number.md": front("title: Number", DATE, "topics: 1,000 days, AI"),
        "listed.md": front("title: Listed", DATE, "topics: [AI, Robots]"),
    }
    out, news, said = build(tmp_path, files, capsys, config)
    assert "warning:" not in said and "error:" not in said, said
    topics = {name: entry["topics"] for name, entry in news.items()}
    assert topics == {"quoted": ["AI", "Robots"], "plain": ["AI", "Robots"], "declared": ["Science, Technology"],
                      "number": ["1,000 days", "AI"], "listed": ["AI", "Robots"]}
    assert not (out / "topics/ai-robots").exists()
    assert "Quoted" in (out / "topics/robots/index.html").read_text(encoding="utf-8")


# --- values YAML reads as anchors or aliases ---------------------------------------------------------

def test_a_text_value_starting_with_an_ampersand_or_a_star_is_the_text_written(tmp_path, capsys):
    """A crawler's template writes `title: {{ title }}` unquoted, and its titles start with HTML entities:
    YAML reads `&amp Foo` as an anchor named `amp` on "Foo" (the title lost its first word), and `&amp;`,
    `&#8220;` or `*Breaking` alone as broken YAML (the story was left out). An anchor no alias uses, or an
    alias to no anchor, in a text field is the text written, with a warning at its line; a real anchor and
    its alias are YAML still."""
    files = {
        "amp.md": front("title: &amp Foo cranes", DATE, "excerpt: &amp; more to come"),
        "quote.md": front("title: &#8220;Quoted&#8221; cranes", DATE, "provider:", "  name: &nbsp;Port News",
                          "  domain: port.example"),
        "star.md": front("title: *Breaking", DATE, "excerpt: *Exclusive* story", "related:",
                         "  - title: &ldquo;Other&rdquo; take", "    webUrl: https://other.example/x"),
        "real.md": front("title: &t Real anchor", DATE, "seo_title: *t", "webUrl: &u https://p.example/a",
                         "originalUrl: *u"),
    }
    out, news, said = build(tmp_path, files, capsys)
    assert "error:" not in said, said
    assert news["amp"]["title"] == "& Foo cranes" and news["amp"]["excerpt"] == "& more to come"
    assert news["quote"]["title"] == "“Quoted” cranes" and news["quote"]["provider"]["name"] == "Port News"
    assert news["star"]["title"] == "*Breaking" and news["star"]["excerpt"] == "*Exclusive* story"
    assert "“Other” take" in page(out, news["star"])
    assert news["real"]["title"] == "Real anchor" and news["real"]["originalUrl"] == "https://p.example/a"
    for name, line, key, what in (("amp", 2, "title", "an anchor"), ("amp", 4, "excerpt", "an anchor"),
                                  ("quote", 2, "title", "an anchor"), ("quote", 5, "name", "an anchor"),
                                  ("star", 2, "title", "an alias"), ("star", 6, "title", "an anchor")):
        assert (f"warning: content/{name}.md:{line}: `{key}` starts with `{'&' if what == 'an anchor' else '*'}`, "
                f"which YAML reads as {what}; it is read as the text written (put the value in quotes)") in said, \
            (name, line, said)
    assert "content/real.md" not in said, said


# --- dates in other languages ------------------------------------------------------------------------

LOCALISED_DATES = {  # as a site's locale writes RSS's date or a date in words -> the moment (UTC)
    "Mi, 02 Dez 2025 10:00:00 +0100": "2025-12-02T09:00:00Z",  # German
    "Sa, 07 Mär 2025 10:00:00 +0100": "2025-03-07T09:00:00Z",
    "mer., 02 déc. 2025 10:00:00 +0100": "2025-12-02T09:00:00Z",  # French
    "lun., 13 juil. 2025 08:00:00 GMT": "2025-07-13T08:00:00Z",
    "mié, 02 dic 2025 10:00:00 +0100": "2025-12-02T09:00:00Z",  # Spanish
    "mer, 02 dic 2025 10:00:00 +0100": "2025-12-02T09:00:00Z",  # Italian
    "ven, 15 mag 2025 10:00:00 +0200": "2025-05-15T08:00:00Z",
    "wo, 02 dec 2025 10:00:00 +0100": "2025-12-02T09:00:00Z",  # Dutch
    "vr, 13 mrt 2025 10:00:00 +0100": "2025-03-13T09:00:00Z",
    "qua, 02 dez 2025 10:00:00 -0300": "2025-12-02T13:00:00Z",  # Portuguese
    "sex, 09 out 2025 10:00:00 -0300": "2025-10-09T13:00:00Z",
    "ons, 02 dec 2025 10:00:00 +0100": "2025-12-02T09:00:00Z",  # Swedish
    # a zone by a name of one offset, which RFC 2822 does not know (feedparser read it as UTC)
    "Sa, 21 Nov 2025 10:00:00 MEZ": "2025-11-21T09:00:00Z",
    "Sat, 21 Jun 2025 10:00:00 CEST": "2025-06-21T08:00:00Z",
    "Sat, 21 Jun 2025 10:00:00 AEST": "2025-06-21T00:00:00Z",
}


def test_item_dates_with_other_languages_month_names_are_read(tmp_path, capsys):
    """A crawler on a German, French, Spanish... site copies the date as the site writes it: the item was
    left out ("not a date")."""
    worded = {**LOCALISED_DATES, "Mittwoch, 2. Dezember 2026 um 10:00": "2026-12-02T10:00:00Z",
              "2 de diciembre de 2026": "2026-12-02T00:00:00Z", "mercredi 2 décembre 2026 à 10:00": "2026-12-02T10:00:00Z",
              "2 dicembre 2026": "2026-12-02T00:00:00Z", "2 december 2026 10:00": "2026-12-02T10:00:00Z",
              # (the day, month and year as numbers with dots: always in that order)
              "20.11.2026": "2026-11-20T00:00:00Z", "Fr, 20.11.2026 um 10:00 Uhr": "2026-11-20T10:00:00Z",
              "5.1.2026, 10:00": "2026-01-05T10:00:00Z", "2026-11-20T10:00:00 CET": "2026-11-20T09:00:00Z",
              "Nov 20, 2026 10:00 CEST": "2026-11-20T08:00:00Z"}
    files = {f"d{number}.md": front("title: Dated", f'publishedDateTime: "{written}"')
             for number, written in enumerate(worded)}
    files["bad.md"] = front("title: Bad", 'publishedDateTime: "Mi, 02 Xyz 2026 10:00:00 +0100"')
    files["dots.md"] = front("title: Dots", 'publishedDateTime: "31.02.2026"')
    files["ist.md"] = front("title: IST", 'publishedDateTime: "Sat, 21 Nov 2026 10:00:00 IST"')  # (3 zones)
    _, news, said = build(tmp_path, files, capsys)
    assert {written: news[f"d{number}"]["publishedDateTime"] for number, written in enumerate(worded)} == worded
    # (a word that is no month is still no date, said as written)
    assert "error: content/bad.md:3: `publishedDateTime` is not a date: 'Mi, 02 Xyz 2026 10:00:00 +0100'" in said, said
    assert "error: content/dots.md:3: `publishedDateTime` is not a date: '31.02.2026'" in said, said
    # (a name of several zones is read as the one news most often means, with a warning: tests/test_items25.py)
    assert news["ist"]["publishedDateTime"] == "2026-11-21T04:30:00Z" and "warning: content/ist.md:3:" in said, said


def rss(*items: str, title: str = "Feed") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>{title}</title>'
            f'<link>https://site.example/</link>{"".join(items)}</channel></rss>').encode()


def fetch_items(tmp_path: Path, capsys, routes: dict[str, Route]) -> dict[str, dict]:
    """`newsdesk fetch` of these feeds, served on 127.0.0.1: the items written, by title."""
    with FeedServer() as server:
        server.routes.update(routes)
        site = feed_site(tmp_path / "site", "".join(f"  - url: {server.url(name)}\n" for name in routes))
        assert main(["fetch", "--config", str(site / "config.yaml")]) == 0, capsys.readouterr()
    found = fetched(site)
    assert found
    return found


def test_feed_dates_with_other_languages_month_names_are_read(tmp_path, capsys):
    """feedparser reads RSS dates in English only: an entry dated `Mi, 02 Dez 2026 ...` was dated when fetched."""
    items = "".join(f"<item><title>Entry {number}</title><link>https://site.example/{number}</link>"
                    f"<pubDate>{written}</pubDate></item>" for number, written in enumerate(LOCALISED_DATES))
    found = fetch_items(tmp_path, capsys, {"/de.rss": Route(rss(items))})
    assert {written: found[f"Entry {number}"]["publishedDateTime"]
            for number, written in enumerate(LOCALISED_DATES)} == LOCALISED_DATES


# --- Reddit's feeds ----------------------------------------------------------------------------------

def reddit_entry(post: str, title: str, text: str, link: str, thumbnail: bool = False) -> str:
    """An entry of a subreddit's Atom feed (https://www.reddit.com/r/X/.rss) as Reddit writes one."""
    discussion = f"https://www.reddit.com/r/harbour/comments/{post}/{title.lower().replace(' ', '_')}/"
    footer = (f' &#32; submitted by &#32; <a href="https://www.reddit.com/user/fan"> /u/fan </a> <br/> '
              f'<span><a href="{link or discussion}">[link]</a></span> &#32; '
              f'<span><a href="{discussion}">[comments]</a></span>')
    if thumbnail:
        html = (f'<table> <tr><td> <a href="{discussion}"> <img src="https://b.thumbs.redditmedia.com/{post}.jpg" '
                f'alt="{title}" title="{title}" /> </a> </td><td>{footer} </td></tr></table>')
    else:
        html = f'<!-- SC_OFF --><div class="md">{text}</div><!-- SC_ON -->{footer}'
    escaped = html.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    media = f'<media:thumbnail url="https://b.thumbs.redditmedia.com/{post}.jpg" />' if thumbnail else ""
    return (f'<entry><author><name>/u/fan</name><uri>https://www.reddit.com/user/fan</uri></author>'
            f'<category term="harbour" label="r/harbour"/><content type="html">{escaped}</content><id>t3_{post}</id>'
            f'{media}<link href="{discussion}" /><updated>2026-11-21T10:00:00+00:00</updated>'
            f'<published>2026-11-21T09:55:00+00:00</published><title>{title}</title></entry>')


REDDIT = ('<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom" '
          'xmlns:media="http://search.yahoo.com/mrss/"><category term="harbour" label="r/harbour"/>'
          '<updated>2026-11-21T10:05:00+00:00</updated><id>/r/harbour/.rss</id>'
          '<link rel="self" href="https://www.reddit.com/r/harbour/.rss" type="application/atom+xml" />'
          '<link rel="alternate" href="https://www.reddit.com/r/harbour/" type="text/html" /><title>Harbour</title>'
          + reddit_entry("1abc", "Cranes repainted", "", "https://news.example/2026/11/cranes?utm_source=reddit",
                         thumbnail=True)
          + reddit_entry("2def", "Why did the ferry stop", "<p>Does anyone know why the ferry stopped running this "
                         "week? The timetable says nothing.</p>", "")
          + reddit_entry("3ghi", "A picture of the quay", "", "https://i.redd.it/quay.jpg", thumbnail=True)
          + reddit_entry("4jkl", "A hostile link", "", "javascript:alert(1)", thumbnail=True)
          + "</feed>").encode()


def test_a_reddit_entry_links_to_the_story_it_submits_and_has_no_submission_footer(tmp_path, capsys):
    """Each entry of a subreddit's feed links to its discussion, and its text is "submitted by /u/x [link]
    [comments]": the item linked only to Reddit and that was its excerpt. A link post's story is its
    `originalUrl` (the discussion its `webUrl`); a post's own text is its text, without the footer."""
    found = fetch_items(tmp_path, capsys, {"/r/harbour/.rss": Route(REDDIT, content_type="application/atom+xml")})
    cranes, ferry = found["Cranes repainted"], found["Why did the ferry stop"]
    assert cranes["originalUrl"] == "https://news.example/2026/11/cranes?utm_source=reddit"
    assert cranes["webUrl"] == "https://www.reddit.com/r/harbour/comments/1abc/cranes_repainted/"
    assert cranes["images"] == [{"url": "https://b.thumbs.redditmedia.com/1abc.jpg"}]
    assert ferry["originalUrl"] == ferry["webUrl"] == "https://www.reddit.com/r/harbour/comments/2def/why_did_the_ferry_stop/"
    assert ferry["excerpt"] == "Does anyone know why the ferry stopped running this week? The timetable says nothing."
    # a picture on Reddit's own host, or an address that is no http(s) one, is no story elsewhere
    for title in ("A picture of the quay", "A hostile link"):
        assert found[title]["originalUrl"] == found[title]["webUrl"]
        assert found[title]["webUrl"].startswith("https://www.reddit.com/r/harbour/comments/")
    for meta in found.values():
        assert "submitted by" not in meta.get("excerpt", "") and "[comments]" not in meta.get("excerpt", "")
    texts = [path.read_text(encoding="utf-8") for path in (tmp_path / "site/content/fetched").rglob("*.md")]
    assert len(texts) == 4 and not any("submitted by" in text or "[link]" in text for text in texts)
    assert any("The timetable says nothing." in text for text in texts)


# --- lazy-loading pictures in fetched text, and HTML titles --------------------------------------------

LAZY = ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Lazy Blog</title>'
        '<link>https://lazy.example/</link>'
        '<item><title>Lazy pictures</title><link>https://lazy.example/2026/11/lazy/</link>'
        '<pubDate>Sat, 21 Nov 2026 08:00:00 +0000</pubDate><content:encoded><![CDATA['
        '<p>Words about the harbour, long enough to be a text of its own.</p>'
        '<p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="https://cdn.lazy.example/a.jpg" alt="A"></p>'
        '<p><img data-lazy-src="/uploads/b.jpg" alt="B"></p>'
        '<p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-srcset="https://cdn.lazy.example/c-320.jpg 320w, '
        'https://cdn.lazy.example/c-1024.jpg 1024w" alt="C"></p>'
        '<p onclick="alert(1)">Safe<script>alert(2)</script><img src="x" onerror="alert(3)" data-src="javascript:alert(4)"></p>'
        ']]></content:encoded></item>'
        '<item><title type="html">&lt;script&gt;alert(5)&lt;/script&gt;Harbour &lt;b&gt;news&lt;/b&gt;'
        '&lt;style&gt;b {color: red}&lt;/style&gt;</title><link>https://lazy.example/2026/11/news/</link>'
        '<pubDate>Sat, 21 Nov 2026 07:00:00 +0000</pubDate><description>Plain.</description></item>'
        '</channel></rss>').encode()

HOSTILE_ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title type="html">&lt;script&gt;alert(6)&lt;/script&gt;Atom &lt;i&gt;Desk&lt;/i&gt;</title>
<link href="https://atom.example/"/><id>tag:atom</id><updated>2026-11-21T10:00:00Z</updated>
<entry><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><script>alert(7)</script>Xhtml <b>title</b><style>b{}</style></div></title>
  <id>tag:atom,1</id><link href="https://atom.example/1"/><updated>2026-11-21T10:00:00Z</updated>
  <content type="html" xml:base="https://atom.example/">&lt;p&gt;Body&lt;script&gt;alert(8)&lt;/script&gt;&lt;img data-src="pics/d.jpg" src="data:," alt="D"&gt;&lt;/p&gt;</content></entry>
</feed>"""


def test_fetched_text_keeps_lazy_loading_pictures_and_html_titles_lose_their_scripts(tmp_path, capsys):
    """feedparser's own sanitiser dropped `data-src` (and `srcset`) before newsdesk's saw it: a lazy-loading
    blog's pictures were gone, or a grey placeholder. Fetched text now keeps them as the build does, each
    as its `src`, resolved as the text's other addresses; and a title, a feed's title or an entry's text
    marked as HTML shows no script's or style's text."""
    found = fetch_items(tmp_path, capsys, {"/lazy.rss": Route(LAZY), "/atom.xml": Route(
        HOSTILE_ATOM, content_type="application/atom+xml")})
    assert set(found) == {"Lazy pictures", "Harbour news", "Xhtml title"}, list(found)
    [lazy] = [path for path in (tmp_path / "site/content/fetched").rglob("*.md") if "lazy-pictures" in path.name]
    text = lazy.read_text(encoding="utf-8")
    assert 'src="https://cdn.lazy.example/a.jpg"' in text
    assert 'src="http://127.0.0.1:' in text and '/uploads/b.jpg"' in text  # (relative: as RSS text's links are)
    assert 'src="https://cdn.lazy.example/c-1024.jpg"' in text
    assert found["Lazy pictures"]["images"] == [{"url": "https://cdn.lazy.example/a.jpg"}]  # (not the placeholder)
    for hostile in ("alert", "onclick", "onerror", "javascript:", "<script"):
        assert hostile not in text
    [atom] = [path for path in (tmp_path / "site/content/fetched").rglob("*.md") if "xhtml-title" in path.name]
    atom_text = atom.read_text(encoding="utf-8")
    assert 'src="https://atom.example/pics/d.jpg"' in atom_text and "alert" not in atom_text
    assert found["Xhtml title"]["provider"]["name"] == "Atom Desk"
    assert all("alert" not in json.dumps(meta) and "color" not in json.dumps(meta) for meta in found.values())
    # and the site built from them shows the pictures, and no script's text
    site = tmp_path / "site"
    assert main(["build", "--config", str(site / "config.yaml")]) == 0
    news = json.loads((site / "output/api/news/index.json").read_text(encoding="utf-8"))["news"]
    [built] = [entry for entry in news if entry["title"] == "Lazy pictures"]
    html = page(site / "output", built)
    assert 'src="https://cdn.lazy.example/a.jpg"' in html and "alert" not in html


# --- feeds' other shapes -----------------------------------------------------------------------------

LONG = "The harbour board met on Friday and agreed to repaint every crane along the quay. " * 6


def test_html_escaped_twice_is_the_html_it_escapes_and_a_json_feed_may_give_rss_dates(tmp_path, capsys):
    """A CMS that escapes its HTML before its feed writer escapes it again gives `&lt;p&gt;...` as the text:
    the page showed the tags as words. A JSON Feed converted from RSS dates its items as RSS does: they
    were dated when fetched."""
    twice = LONG.replace("Friday", "Friday &amp;amp; Saturday")
    feed = rss(f"<item><title>Escaped twice</title><link>https://site.example/twice</link>"
               f"<pubDate>Sat, 21 Nov 2026 08:00:00 GMT</pubDate>"
               f"<description>&amp;lt;p&amp;gt;{twice}&amp;lt;/p&amp;gt;&amp;lt;p&amp;gt;&amp;lt;b&amp;gt;End"
               f"&amp;lt;/b&amp;gt;&amp;lt;/p&amp;gt;</description></item>"
               f"<item><title>About tags</title><link>https://site.example/tags</link>"
               f"<pubDate>Sat, 21 Nov 2026 07:00:00 GMT</pubDate>"
               f"<description>Write &amp;lt;p&amp;gt; for a paragraph. {LONG}</description></item>")
    json_feed = json.dumps({"version": "https://jsonfeed.org/version/1", "title": "J", "items": [
        {"id": "1", "url": "https://j.example/1", "title": "RSS dated", "content_text": "x",
         "date_published": "Sat, 21 Nov 2026 08:00:00 +0100"},
        {"id": "2", "url": "https://j.example/2", "title": "Locale dated", "content_text": "x",
         "date_published": "Sa, 21 Nov 2026 08:00:00 +0100"},
        {"id": "3", "url": "https://j.example/3", "title": "No date", "content_text": "x",
         "date_published": "yesterday"}]}).encode()
    found = fetch_items(tmp_path, capsys, {"/twice.rss": Route(feed), "/feed.json": Route(
        json_feed, content_type="application/feed+json")})
    [path] = [path for path in (tmp_path / "site/content/fetched").rglob("*.md") if "escaped-twice" in path.name]
    text = path.read_text(encoding="utf-8")
    assert "<p>The harbour board met on Friday &amp; Saturday" in text and "<b>End</b>" in text
    assert "&lt;p" not in text
    assert found["Escaped twice"]["excerpt"].startswith("The harbour board met on Friday & Saturday")
    # (text about HTML that has escaped tags among its words is text)
    [about] = [path for path in (tmp_path / "site/content/fetched").rglob("*.md") if "about-tags" in path.name]
    assert "Write &lt;p&gt; for a paragraph." in about.read_text(encoding="utf-8")
    assert found["RSS dated"]["publishedDateTime"] == found["Locale dated"]["publishedDateTime"] == "2026-11-21T07:00:00Z"
    assert found["No date"]["publishedDateTime"] == "2026-11-22T12:00:00Z"  # (when first seen: the fetch's time)


# --- fields under other writers' names ---------------------------------------------------------------

def test_fields_under_other_writers_names_are_read_with_a_warning_to_rename_them(tmp_path, capsys):
    """Hugo's and Jekyll's `description`, `tags`, `categories`; JSON Feed's and schema.org's `url`,
    `summary`, `thumbnailUrl`, `publisher`; RSS's `link`; WordPress's `featured_image`: the item had no
    excerpt, no link, no picture, no topics and no provider, without a word. Each is read as its field when
    that is not given, with a warning at its line to rename it; a field given under its own name wins."""
    files = {
        "hugo.md": front("title: Hugo", DATE, "description: From Hugo.", "tags: [AI, Robots]",
                         "featured_image: https://hugo.example/h.jpg", "url: https://hugo.example/post"),
        "jsonld.md": front("title: JSON-LD", DATE, "summary: From JSON-LD.", "Thumbnail_URL: https://ld.example/t.jpg",
                           "publisher:", "  name: LD News", "  url: https://ld.example/", "link: https://ld.example/s",
                           "categories: Science, Space"),
        "own.md": front("title: Own", DATE, "excerpt: Its own.", "description: Not this.", "originalUrl: https://o.example/",
                        "url: https://o.example/other", "topics: [AI]", "tags: [Robots]"),
    }
    out, news, said = build(tmp_path, files, capsys)
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


HNRSS = rss(
    '<item><title>Show HN: A tiny generator</title><link>https://code.example/tiny</link>'
    '<pubDate>Sat, 21 Nov 2026 11:00:00 +0000</pubDate><comments>https://news.ycombinator.com/item?id=1</comments>'
    '<guid isPermaLink="false">https://news.ycombinator.com/item?id=1</guid><description><![CDATA[\n'
    '<p>Article URL: <a href="https://code.example/tiny">https://code.example/tiny</a></p>\n'
    '<p>Comments URL: <a href="https://news.ycombinator.com/item?id=1">https://news.ycombinator.com/item?id=1</a></p>\n'
    '<p>Points: 12</p>\n<p># Comments: 4</p>\n]]></description></item>'
    '<item><title>Ask HN: What do you read?</title><link>https://news.ycombinator.com/item?id=2</link>'
    '<pubDate>Sat, 21 Nov 2026 10:00:00 +0000</pubDate><description><![CDATA[<p>Which feeds do you read each '
    'morning?</p>\n<hr>\n<p>Comments URL: <a href="https://news.ycombinator.com/item?id=2">'
    'https://news.ycombinator.com/item?id=2</a></p>\n<p>Points: 5</p>\n<p># Comments: 2</p>]]></description></item>',
    title="Hacker News: Front Page")

LEMMY = rss(
    '<item><title>Cranes repainted</title><link>https://news.example/cranes</link>'
    '<comments>https://lemmy.example/post/7</comments><guid>https://lemmy.example/post/7</guid>'
    '<pubDate>Sat, 21 Nov 2026 09:00:00 +0000</pubDate><description><![CDATA[submitted by '
    '<a href="https://lemmy.example/u/ann">ann</a> to <a href="https://lemmy.example/c/harbour">harbour</a><br>'
    '23 points | <a href="https://lemmy.example/post/7">5 comments</a><br>'
    '<a href="https://news.example/cranes">https://news.example/cranes</a>'
    '<p>Finally, after ten years of rust.</p>]]></description></item>', title="Lemmy - harbour")


def test_hacker_news_and_lemmy_entries_are_their_story_and_discussion_not_their_boilerplate(tmp_path, capsys):
    """hnrss.org's entries' text is "Article URL: ... Comments URL: ... Points: 12 # Comments: 4", Lemmy's
    "submitted by ann to harbour 23 points | 5 comments": that was the excerpt. As Reddit's, the story is
    `originalUrl`, the discussion `webUrl`, and the text is the post's own, if it has any."""
    found = fetch_items(tmp_path, capsys, {"/hn.rss": Route(HNRSS), "/lemmy.rss": Route(LEMMY)})
    show, ask, cranes = found["Show HN: A tiny generator"], found["Ask HN: What do you read?"], found["Cranes repainted"]
    assert (show["originalUrl"], show["webUrl"]) == ("https://code.example/tiny", "https://news.ycombinator.com/item?id=1")
    assert "excerpt" not in show
    assert ask["originalUrl"] == ask["webUrl"] == "https://news.ycombinator.com/item?id=2"
    assert ask["excerpt"] == "Which feeds do you read each morning?"
    assert (cranes["originalUrl"], cranes["webUrl"]) == ("https://news.example/cranes", "https://lemmy.example/post/7")
    assert cranes["excerpt"] == "Finally, after ten years of rust."
    texts = "".join(path.read_text(encoding="utf-8") for path in (tmp_path / "site/content/fetched").rglob("*.md"))
    for boilerplate in ("Comments URL", "Points:", "submitted by", "5 comments"):
        assert boilerplate not in texts


def test_a_text_value_yaml_reads_as_a_list_a_tag_a_block_or_a_comment_is_the_text_written(tmp_path, capsys):
    """`title: [Video] Cranes repainted` (a list that is none), `{Update} ...`, `> quoted` (a block's start
    with words after it) left the story out; `We're #1` and `Top 10 #tech news`
    lost their hashtag or number to a comment. Each is the text written, with a warning at its line; a list
    that is YAML (`["As JSON-LD writes it"]`) and a real comment (`# ` and words) are YAML still."""
    files = {
        "video.md": front("title: [Video] Cranes repainted", DATE, "excerpt: {Update} The quay reopens"),
        "tag.md": front("title: | Important cranes", DATE, "provider:", "  name: > The Quay Post", "  domain: q.example"),
        "hashtag.md": front("title: We're #1 at cranes", DATE, "excerpt: Top 10 #tech news  # a comment"),
        "yaml.md": front('title: ["As JSON-LD writes it"]', DATE, "excerpt: Plain words  # a comment"),
    }
    _, news, said = build(tmp_path, files, capsys)
    assert "error:" not in said, said
    assert (news["video"]["title"], news["video"]["excerpt"]) == ("[Video] Cranes repainted", "{Update} The quay reopens")
    assert (news["tag"]["title"], news["tag"]["provider"]["name"]) == ("| Important cranes", "> The Quay Post")
    assert (news["hashtag"]["title"], news["hashtag"]["excerpt"]) == ("We're #1 at cranes", "Top 10 #tech news")
    assert (news["yaml"]["title"], news["yaml"]["excerpt"]) == ("As JSON-LD writes it", "Plain words")
    for name, line, key, said_of in (
            ("video", 2, "title", "starts with `[`, which YAML reads as a list"),
            ("video", 4, "excerpt", "starts with `{`, which YAML reads as a mapping"),
            ("tag", 2, "title", "starts with `|`, which YAML reads as the start of a block of text"),
            ("tag", 5, "name", "starts with `>`, which YAML reads as the start of a block of text"),
            ("hashtag", 2, "title", "has ` #`, which YAML reads as the start of a comment"),
            ("hashtag", 4, "excerpt", "has ` #`, which YAML reads as the start of a comment")):
        assert (f"warning: content/{name}.md:{line}: `{key}` {said_of}; it is read as the text written "
                "(put the value in quotes)") in said, (name, key, said)
    assert "content/yaml.md" not in said, said


WORDPRESS_COM = ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/" '
                 'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>WP</title>'
                 '<link>https://wp.example</link>'
                 '<item><title>Harbour cranes</title><link>https://wp.example/2026/11/cranes/</link>'
                 '<pubDate>Sat, 21 Nov 2026 08:00:00 +0000</pubDate><description>Short.</description>'
                 '<media:content url="https://0.gravatar.com/avatar/abc?s=96&amp;d=identicon" medium="image">'
                 '<media:title type="html">jane</media:title></media:content>'
                 '<media:content url="https://wp.example/files/2026/11/crane.jpg" medium="image">'
                 '<media:title type="html">crane</media:title></media:content></item>'
                 '<item><title>Only the author</title><link>https://wp.example/2026/11/author/</link>'
                 '<pubDate>Sat, 21 Nov 2026 07:00:00 +0000</pubDate><description>Short.</description>'
                 '<content:encoded><![CDATA[<p><img src="https://secure.gravatar.com/avatar/def?s=600" width="600" '
                 'height="600"> Words.</p>]]></content:encoded>'
                 '<media:content url="https://1.gravatar.com/avatar/abc?s=96&amp;d=identicon" medium="image">'
                 '<media:title type="html">jane</media:title></media:content></item>'
                 '</channel></rss>').encode()


def test_an_authors_avatar_is_not_the_storys_picture(tmp_path, capsys):
    """WordPress.com's feeds name the author's Gravatar as a media:content of every entry: it was the story's
    picture (or one of its gallery) of every post."""
    found = fetch_items(tmp_path, capsys, {"/wp.rss": Route(WORDPRESS_COM)})
    assert found["Harbour cranes"]["images"] == [{"url": "https://wp.example/files/2026/11/crane.jpg"}]
    assert "images" not in found["Only the author"]


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
    out, news, said = build(tmp_path, files, capsys)
    ld = news["ld"]
    assert (ld["title"], ld["type"], ld["webUrl"], ld["provider"]["name"]) == (
        "Cranes on film", "video", "https://news.example/film", "LD Pub")
    assert [image["url"] for image in ld["images"]] == ["https://x.example/1.jpg", "https://x.example/2.jpg"]
    assert "did you mean" not in said and "error:" not in said and "only the first" not in said, said
    for line, key, field in ((3, "@type", "type"), (4, "headline", "title"), (6, "mainEntityOfPage", "webUrl"),
                             (8, "publisher", "provider")):
        assert f"warning: content/ld.md:{line}: `{key}` is read as `{field}`, which is not given" in said, (key, said)


def test_a_utf8_feed_with_a_windows_1252_byte_keeps_its_utf8_text(tmp_path, capsys):
    """One entry pasted from a Windows program (a `\\x93` quote) in a UTF-8 feed: feedparser read the whole
    feed as Windows-1252, and every other entry's accents were mojibake ("CafÃ©"); a JSON Feed so was "not a
    feed". Each such byte is its Windows-1252 character, the rest UTF-8, as in item files."""
    feed = rss("<item><title>Café – crème</title><link>https://site.example/1</link>"
               "<pubDate>Sat, 21 Nov 2026 08:00:00 GMT</pubDate></item>"
               "<item><title>Pasted QUOTE</title><link>https://site.example/2</link>"
               "<pubDate>Sat, 21 Nov 2026 07:00:00 GMT</pubDate></item>").replace(b"QUOTE", b"\x93quote\x94")
    json_feed = json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "J", "items": [
        {"id": "1", "url": "https://j.example/1", "title": "Zürich QUOTE", "content_text": "x",
         "date_published": "2026-11-21T06:00:00Z"}]}, ensure_ascii=False).encode().replace(b"QUOTE", b"\x93q\x94")
    latin = ('<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>L</title>'
             '<item><title>Ärger in Zürich</title><link>https://l.example/1</link></item></channel></rss>').encode("latin-1")
    found = fetch_items(tmp_path, capsys, {"/mixed.rss": Route(feed), "/mixed.json": Route(
        json_feed, content_type="application/feed+json"), "/latin.rss": Route(latin, content_type="application/rss+xml")})
    assert {"Café – crème", "Pasted “quote”", "Zürich “q”", "Ärger in Zürich"} <= set(found), list(found)


def test_drafts_as_hugo_and_wordpress_mark_them_and_a_provider_given_as_its_address(tmp_path, capsys):
    """Hugo's and Jekyll's `draft: true` and WordPress's `status: draft` were published; `provider:
    https://www.example.com/` (all a crawler knew of who wrote it) was a provider named by its address,
    with no domain."""
    files = {
        "hugo-draft.md": front("title: Hugo draft", DATE, "draft: true"),
        "hugo-out.md": front("title: Hugo out", DATE, "draft: false"),
        "wp-draft.md": front("title: WP draft", DATE, "status: pending"),
        "wp-out.md": front("title: WP out", DATE, "status: publish", "provider: https://www.harbour.example/news/"),
        "published.md": front("title: Published says", DATE, "published: true", "draft: true"),
        "other-status.md": front("title: Other status", DATE, "status: 200"),
    }
    out, news, said = build(tmp_path, files, capsys)
    assert set(news) == {"hugo-out", "wp-out", "published", "other-status"}
    assert news["wp-out"]["provider"] == {"name": "harbour.example", "domain": "harbour.example", "images": []}
    assert "warning:" not in said and "error:" not in said, said


def test_a_hostile_title_of_brackets_costs_nothing_and_is_said(tmp_path, capsys):
    """Reading a text value YAML takes for a list (`title: [Video] ...`) loads that line alone: a title of
    thousands of nested brackets made the loader recurse until Python stopped the build."""
    deep = "[" * 5000 + "]" * 5000
    files = {"deep.md": front(f"title: {deep} x", DATE), "ok.md": front("title: [Video] fine", DATE)}
    _, news, said = build(tmp_path, files, capsys)
    assert news["ok"]["title"] == "[Video] fine"
    assert "error: content/deep.md:2: front matter is nested more than 32 levels deep" in said, said


def test_an_enclosure_without_its_type_and_categories_given_in_one_are_read(tmp_path, capsys):
    """`<enclosure url="...jpg">` without `type` was no picture (and an `.mp3` no episode); a post's categories
    given as one, `<category>AI, Robots</category>`, named no declared topic."""
    feed = rss('<item><title>Typeless</title><link>https://site.example/t</link>'
               '<pubDate>Sat, 21 Nov 2026 08:00:00 GMT</pubDate><category>Robots, AI</category>'
               '<enclosure url="https://cdn.site.example/crane.JPG?v=2" length="0" /></item>'
               '<item><title>Episode</title><link>https://site.example/e</link>'
               '<pubDate>Sat, 21 Nov 2026 07:00:00 GMT</pubDate>'
               '<enclosure url="https://cdn.site.example/e1.mp3" length="12345678" /></item>')
    with FeedServer() as server:
        server.routes["/t.rss"] = Route(feed)
        site = feed_site(tmp_path / "site", f"  - url: {server.url('/t.rss')}\n",
                         settings="topics:\n  - name: AI\n  - name: Robots\n")
        assert main(["fetch", "--config", str(site / "config.yaml")]) == 0, capsys.readouterr()
    found = fetched(site)
    assert found["Typeless"]["images"] == [{"url": "https://cdn.site.example/crane.JPG?v=2"}]
    assert found["Typeless"]["topics"] == ["Robots", "AI"]
    assert found["Episode"]["type"] == "audio" and found["Episode"]["size"] == 12345678


BLOGGER = b"""<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/"><title>Blog</title>
<link rel="alternate" href="https://blog.example/"/><id>tag:blogger.com,1999:blog-1</id><updated>2026-11-21T10:00:00Z</updated>
<entry><id>tag:blogger.com,1999:blog-1.post-1</id><published>2026-11-21T10:00:00Z</published><title>Harbour walk</title>
<link rel="alternate" type="text/html" href="https://blog.example/2026/11/harbour-walk.html"/>
<content type="html">&lt;p&gt;&lt;img src="https://blogger.example/img/s1600/harbour.jpg" width="1200" height="800"&gt; A walk.&lt;/p&gt;</content>
<media:thumbnail url="https://blogger.example/img/s72-c/harbour.jpg" height="72" width="72"/></entry>
</feed>"""


def test_a_thumbnail_declared_too_small_is_not_the_storys_picture(tmp_path, capsys):
    """Blogger names a 72-pixel thumbnail of every post as its media:thumbnail: that was the story's picture,
    blurred to the width of the page, while the post's own full-size picture was in its text."""
    found = fetch_items(tmp_path, capsys, {"/blog.atom": Route(BLOGGER, content_type="application/atom+xml")})
    assert found["Harbour walk"]["images"] == [{"url": "https://blogger.example/img/s1600/harbour.jpg",
                                                "width": 1200, "height": 800}]


def test_front_matter_written_as_a_json_object_is_read(tmp_path, capsys):
    """Hugo reads front matter written as a JSON object, and a crawler that writes `json.dumps(fields)` then
    the text makes such files: they were "no front matter found". Broken JSON is an error at its line."""
    fields = {"title": "JSON cranes", "publishedDateTime": "2026-11-20T10:00:00Z", "topics": ["AI"],
              "quality": "lots"}
    files = {"spaces.md": json.dumps(fields, indent=2) + "\n\nThe **body**.\n",
             "tabs.md": json.dumps(dict(fields, title="Tabbed JSON"), indent="\t") + "\nTabbed body.\n",
             "broken.md": '{"title": "Broken",\n "publishedDateTime": }\nBody\n'}
    out, news, said = build(tmp_path, files, capsys)
    assert (news["spaces"]["title"], news["spaces"]["topics"]) == ("JSON cranes", ["AI"])
    assert "<strong>body</strong>" in page(out, news["spaces"]) and "Tabbed body." in page(out, news["tabs"])
    assert "warning: content/spaces.md:7: `quality` must be a number, got 'lots'" in said, said
    assert "error: content/broken.md:2: invalid JSON front matter" in said, said


def test_a_hostile_run_of_reddit_markers_costs_one_reading(tmp_path, capsys):
    """A text of 100,000 `<!-- SC_OFF -->` markers before a Reddit footer: each began a search over the
    rest of the text again (minutes for one entry); it is one reading of it, and the story is still read."""
    markers = "&lt;!-- SC_OFF --&gt;" * 100_000
    footer = ('submitted by &lt;a href="https://www.reddit.com/user/x"&gt;x&lt;/a&gt; &lt;span&gt;&lt;a '
              'href="https://n.example/story"&gt;[link]&lt;/a&gt;&lt;/span&gt; &lt;span&gt;&lt;a '
              'href="https://www.reddit.com/r/h/comments/9/s/"&gt;[comments]&lt;/a&gt;&lt;/span&gt;')
    feed = ('<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>R</title>'
            '<id>r</id><entry><id>t3_9</id><title>Hostile</title><link href="https://www.reddit.com/r/h/comments/9/s/"/>'
            f'<updated>2026-11-21T10:00:00Z</updated><content type="html">{markers}{footer}</content></entry>'
            '</feed>').encode()
    started = cpu_seconds()
    found = fetch_items(tmp_path, capsys, {"/r.rss": Route(feed, content_type="application/atom+xml")})
    assert cpu_seconds() - started < 30
    assert found["Hostile"]["originalUrl"] == "https://n.example/story"
