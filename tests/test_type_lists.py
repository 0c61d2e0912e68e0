"""Items of other types than article get their own way in: a list per type, linked from every page's header,
paginated, in the sitemap and with feeds; cards and story pages say what the item is."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from conftest import BASIC_CONFIG, build_site, item, make_site

CONFIG = BASIC_CONFIG + "items_per_page: 2\n"


def _typed_site(root):
    files = {
        "content/a1.md": item("An article", "2026-11-20T10:00:00Z"),
        "content/a2.md": item("Another article", "2026-11-21T10:00:00Z"),
        "content/v1.md": item("First video", "2026-11-19T10:00:00Z", type="video", length='"4 min"'),
        "content/v2.md": item("Second video", "2026-11-20T11:00:00Z", type="video"),
        "content/v3.md": item("Third video", "2026-11-21T11:00:00Z", type="Video", length='"12:30"'),
        "content/d1.md": item("A data set", "2026-11-18T10:00:00Z", type="download", size='"12 MB"', price='"Free"'),
        "content/w1.md": item("A webinar", "2026-11-17T10:00:00Z", type="webinar"),
        "content/o1.md": item("Something odd", "2026-11-16T10:00:00Z", type='"<b>!!</b>"'),
    }
    config, result = build_site(make_site(root, files, CONFIG))
    assert result.site.problems == ()
    return config.output_path


def _titles(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", t).strip() for t in re.findall(r'<h[23] class="card-title">(.*?)</h[23]>', html)]


def _nav(html: str) -> list[tuple[str, bool]]:
    nav = re.search(r'<nav[^>]* aria-label="Sections">(.*?)</nav>', html, re.S)[1]
    return [(text, bool(current)) for _, current, text in re.findall(r'<a href="([^"]+)"( aria-current="page")?>([^<]+)</a>', nav)]


def test_each_type_has_its_own_paginated_list_newest_first(tmp_path):
    out = _typed_site(tmp_path / "site")
    first = (out / "videos/index.html").read_text(encoding="utf-8")
    second = (out / "videos/page/2/index.html").read_text(encoding="utf-8")
    assert _titles(first) == ["Video Third video", "Video Second video"]
    assert _titles(second) == ["Video First video"]
    assert "<h1>Videos</h1>" in first and "Page 2 of 2" in second
    assert _titles((out / "downloads/index.html").read_text(encoding="utf-8")) == ["Download A data set"]
    assert _titles((out / "types/webinar/index.html").read_text(encoding="utf-8")) == ["Webinar A webinar"]
    assert _titles((out / "types/other/index.html").read_text(encoding="utf-8")) == ["Other Something odd"]
    # Articles are the site's own lists, not a type list.
    assert not (out / "articles").exists() and not (out / "types/article").exists()


def test_every_page_header_links_the_type_lists_and_marks_the_current_one(tmp_path):
    out = _typed_site(tmp_path / "site")
    pages = sorted(out.rglob("index.html"))
    assert len(pages) > 10
    for page in pages:
        titles = [text for text, _ in _nav(page.read_text(encoding="utf-8"))]
        assert titles == ["Latest", "Top", "Hot", "Videos", "Downloads", "Other", "Webinar", "Topics", "Providers"], page
    assert ("Videos", True) in _nav((out / "videos/page/2/index.html").read_text(encoding="utf-8"))
    assert ("Downloads", False) in _nav((out / "videos/index.html").read_text(encoding="utf-8"))


def test_a_site_of_many_types_names_four_in_the_header_and_the_others_in_the_footer(tmp_path):
    # A crawler can give any word as a type: forty of them made forty header links on every page.
    words = ["video", "podcast", "webinar", "gallery", "quiz", "recipe", "obituary"]
    files = {f"content/{word}.md": item(f"A {word}", type=word, date=f"2026-11-{10 + n}T10:00:00Z")
             for n, word in enumerate(words)}
    config, _ = build_site(make_site(tmp_path / "site", files, BASIC_CONFIG + "stories:\n  enabled: false\n"))
    out = config.output_path
    assert [text for text, _ in _nav((out / "index.html").read_text(encoding="utf-8"))] == [
        "Latest", "Top", "Hot", "Videos", "Podcasts", "Gallery", "Obituary", "Topics", "Providers"]
    footer = re.search(r'<nav aria-label="More lists">(.*?)</nav>', (out / "types/quiz/index.html").read_text(encoding="utf-8"), re.S)[1]
    links = re.findall(r'<a href="([^"]+)"( aria-current="page")?>([^<]+)</a>', footer)
    assert [(href, text) for href, _, text in links] == [
        ("/types/quiz/", "Quiz"), ("/types/recipe/", "Recipe"), ("/types/webinar/", "Webinar")]
    assert [text for _, current, text in links if current] == ["Quiz"]
    for href, _, _ in links:
        assert (out / href.strip("/") / "index.html").is_file(), href


def test_a_type_written_as_a_lists_name_is_in_that_list(tmp_path):
    # `type: videos` (a crawler's taxonomy) made a list types/videos/ titled "Videos" beside videos/: the header
    # named "Videos" twice, each with part of the site's videos.
    types = ["video", "videos", "Podcasts", "podcast", "Vidéos", "events"]
    files = {f"content/t{n}.md": item(f"A {kind}", type=kind, date=f"2026-11-{10 + n}T10:00:00Z")
             for n, kind in enumerate(types)}
    config, _ = build_site(make_site(tmp_path / "site", files, BASIC_CONFIG + "stories:\n  enabled: false\n"))
    out = config.output_path
    assert [text for text, _ in _nav((out / "index.html").read_text(encoding="utf-8"))] == [
        "Latest", "Top", "Hot", "Videos", "Podcasts", "Events", "Topics", "Providers"]
    assert not (out / "types").exists()
    assert [t.split(" ", 1)[1] for t in _titles((out / "videos/index.html").read_text(encoding="utf-8"))] == [
        "A Vidéos", "A videos", "A video"]
    assert len(_titles((out / "podcasts/index.html").read_text(encoding="utf-8"))) == 2


def test_cards_and_story_pages_say_what_the_item_is(tmp_path):
    out = _typed_site(tmp_path / "site")
    downloads = (out / "downloads/index.html").read_text(encoding="utf-8")
    assert '<span class="badge">Download</span>' in downloads
    assert '<span class="facts"><bdi>12 MB</bdi> · <bdi>Free</bdi></span>' in downloads
    videos = (out / "videos/index.html").read_text(encoding="utf-8")
    assert f'<span class="facts"><bdi>{shown_length("13 min", "13 minutes", "PT12M30S")}</bdi></span>' in videos
    page = (out / "news/2026/11/18/d1/index.html").read_text(encoding="utf-8")
    assert '<span class="badge">Download</span>' in page and "· <bdi>12 MB</bdi> · <bdi>Free</bdi>" in page


def test_a_story_pages_link_to_its_original_says_what_the_reader_does_there(tmp_path):
    # "Read the full story" on a video's or a download's page promised an article that is not there.
    shared = {"originalUrl": "https://example.com/x", "provider": "{name: Example, domain: example.com}"}
    files = {f"content/{kind}.md": item(f"A {kind}", "2026-11-20T10:00:00Z", type=kind, **shared)
             for kind in ("article", "video", "podcast", "download", "webinar")}
    files["content/alone.md"] = item("No provider", "2026-11-20T10:00:00Z", type="download", originalUrl="https://example.com/y")
    config, result = build_site(make_site(tmp_path / "site", files, CONFIG))
    buttons = {}
    for page in config.output_path.glob("news/*/*/*/*/index.html"):
        text = page.read_text(encoding="utf-8").replace("<bdi>", "").replace("</bdi>", "")  # (its name isolated)
        buttons[page.parent.name] = re.findall(r'<a class="button" href="https://example.com/.?" rel="noopener"><span>([^<]*)</span> <span',
                                               text)
    assert buttons == {"article": ["Read the full story on Example"], "video": ["Watch it on Example"],
                       "podcast": ["Listen on Example"], "download": ["Get it from Example"],
                       "webinar": ["Read the full story on Example"], "alone": ["Get the download"]}, buttons


def test_a_downloads_file_given_as_its_player_is_to_get_not_to_watch(tmp_path):
    # featuredContent given as a file's address alone (`report.pdf`) is that page's iframe, and its link said
    # "Watch the video on files.example" on a download's page: it names the file to get now.
    files = {"content/report.md": item("Annual report", "2026-11-20T10:00:00Z", type="download",
                                       webUrl="https://example.com/report",
                                       featuredContent="https://files.example/report-2026.pdf"),
             "content/clip.md": item("A clip", "2026-11-20T10:00:00Z", type="video",
                                     featuredContent="https://files.example/clip.html")}
    config, result = build_site(make_site(tmp_path / "site", files, CONFIG))
    links = {}
    for page in config.output_path.glob("news/*/*/*/*/index.html"):
        links[page.parent.name] = re.findall(r'<p class="video-link"><a class="button[^"]*" href="([^"]+)"[^>]*>([^<]*)</a>',
                                             page.read_text(encoding="utf-8"))
    assert links == {"report": [("https://files.example/report-2026.pdf", "Get it from files.example")],
                     "clip": [("https://files.example/clip.html", "Watch the video on files.example")]}, links


# How crawlers write a length (written in the item -> what a reader sees, what a screen reader says, and the
# length as HTML's <time datetime> holds it): an ISO 8601 duration (YouTube's API, schema.org), seconds (a feed's
# itunes:duration, quoted or not), `4:13` unquoted (which YAML reads as 253), text. Shown with its units, never as
# a clock's `4:13`, which beside "3 hours ago" reads as the time it was posted: minutes from one on (rounded),
# hours and minutes from an hour on, seconds under a minute; in full for a screen reader.
LENGTHS = [('"PT4M13S"', "4 min", "4 minutes", "PT4M13S"), ('"PT1H2M3S"', "1 hr 2 min", "1 hour 2 minutes", "PT1H2M3S"),
           ('"pt45s"', "45 sec", "45 seconds", "PT45S"), ("253", "4 min", "4 minutes", "PT4M13S"),
           ('"3723"', "1 hr 2 min", "1 hour 2 minutes", "PT1H2M3S"), ("4:13", "4 min", "4 minutes", "PT4M13S"),
           ("1:02:03", "1 hr 2 min", "1 hour 2 minutes", "PT1H2M3S"), ('"4 min"', "4 min", "", ""),
           ('"12:30"', "13 min", "13 minutes", "PT12M30S"), ('"PT1H"', "1 hr", "1 hour", "PT1H"),
           # (no clock shows a 75th second or a 60th minute: text as written, not a guess; the first part may pass 59)
           ('"4:75"', "4:75", "", ""), ('"1:60:00"', "1:60:00", "", ""),
           ('"75:30"', "1 hr 16 min", "1 hour 16 minutes", "PT1H15M30S"),
           ('"PT59M45S"', "1 hr", "1 hour", "PT59M45S")]


def shown_length(shown: str, spoken: str, iso: str) -> str:
    """A length's markup on a card or a page: its units for the eye, in full for the ear, and its <time>."""
    if not iso:
        return shown
    return (f'<time datetime="{iso}"><span aria-hidden="true">{shown}</span>'
            f'<span class="visually-hidden">{spoken}</span></time>')


def test_a_length_shows_with_its_units_however_the_crawler_wrote_it(tmp_path):
    # (titles with no word in common, so that no two are taken for one story)
    titles = ["Harbour", "Orchards", "Glaciers", "Lanterns", "Violins", "Deserts", "Kestrels", "Tramways", "Quarries",
              "Marmalade", "Telescopes", "Bagpipes", "Walruses", "Chandeliers"]
    assert len(titles) == len(LENGTHS)
    files = {f"content/p{n}.md": item(titles[n], "2026-11-20T10:00:00Z", type="podcast", length=written)
             for n, (written, *_) in enumerate(LENGTHS)}
    config, result = build_site(make_site(tmp_path / "site", files, BASIC_CONFIG))
    assert result.site.problems == () and result.site.warnings == ()
    out = config.output_path
    listed = (out / "podcasts/index.html").read_text(encoding="utf-8")
    for n, (written, *length) in enumerate(LENGTHS):
        card = re.search(rf'{titles[n]}</a>.*?<span class="facts">(.*?)</span>\s', listed, re.S)
        assert card and card[1] == f"<bdi>{shown_length(*length)}</bdi>", written
        page = (out / f"news/2026/11/20/p{n}/index.html").read_text(encoding="utf-8")
        assert f"· <bdi>{shown_length(*length)}</bdi></p>" in page, written


def _card_facts(tmp_path, kind: str, field: str, values: list[str], language: str = "en") -> list[str]:
    """The facts each card of `kind`'s list shows, for four items of that type with `field` written as `values`."""
    titles = ["Harbour", "Orchards", "Glaciers", "Lanterns"]  # (no word in common: no two are one story)
    files = {f"content/x{n}.md": item(titles[n], "2026-11-20T10:00:00Z", type=kind, **{field: written})
             for n, written in enumerate(values)}
    config, result = build_site(make_site(tmp_path / "site", files, BASIC_CONFIG + f"language: {language}\n"))
    assert result.site.problems == () and result.site.warnings == ()
    listed = (config.output_path / f"{kind}s/index.html").read_text(encoding="utf-8")
    cards = [re.search(rf'{titles[n]}</a>.*?<span class="facts">(.*?)</span>', listed, re.S) for n in range(len(values))]
    assert all(cards), values
    return [card[1] for card in cards]


def test_a_size_in_bytes_shows_in_units_a_reader_reads(tmp_path):
    # A crawler that copies a feed's enclosure (or an HTTP Content-Length) writes a download's size in bytes
    sizes = [("12345678", "12.3 MB"), ('"2500000000"', "2.5 GB"), ("640", "640 bytes"), ('"12 MB"', "12 MB")]
    facts = _card_facts(tmp_path, "download", "size", [written for written, _ in sizes])
    assert facts == [f"<bdi>{shown}</bdi>" for _, shown in sizes]


def test_a_price_written_as_an_offer_shows_its_amount_and_currency(tmp_path):
    # A crawler that copies schema.org's Offer (or a shop's API) writes a price as a mapping: it was left out
    prices = [("{amount: 10, currency: EUR}", "€10"), ("{price: '4.99', priceCurrency: USD}", "$4.99"),
              ("{amount: 12}", "12"), ('"Free"', "Free")]
    facts = _card_facts(tmp_path, "course", "price", [written for written, _ in prices])
    assert facts == [f"<bdi>{shown}</bdi>" for _, shown in prices]


def test_an_offer_of_nothing_is_free_in_the_sites_language(tmp_path):
    # A podcast's or a shop's feed writes a free file's price as <media:price price="0" currency="PEN"/>, which
    # `newsdesk fetch` keeps as an offer: cards said "0 PEN" where the site's own items say "Gratis"
    prices = [("{amount: 0, currency: PEN}", "Gratis"), ("{price: '0.00', priceCurrency: EUR}", "Gratis"),
              ("{amount: 0}", "Gratis"), ("{amount: 0.5, currency: EUR}", "0,50\u00a0€")]
    facts = _card_facts(tmp_path, "download", "price", [written for written, _ in prices], language="es")
    assert facts == [f"<bdi>{shown}</bdi>" for _, shown in prices]


def test_type_lists_are_in_the_sitemap_and_have_feeds(tmp_path):
    out = _typed_site(tmp_path / "site")
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    for path in ("videos/", "videos/page/2/", "downloads/", "types/webinar/", "types/other/"):
        assert f"<loc>https://example.org/{path}</loc>" in sitemap, path
    atom = ET.parse(out / "videos/feed.xml").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert [e.findtext("a:title", namespaces=ns) for e in atom.findall("a:entry", ns)] == [
        "Third video", "Second video", "First video"]
    assert (out / "downloads/feed.rss").is_file() and (out / "types/webinar/feed.json").is_file()
    assert 'href="https://example.org/videos/feed.xml"' in (out / "videos/index.html").read_text(encoding="utf-8")


def test_type_lists_false_leaves_them_out(tmp_path):
    files = {"content/a.md": item("News"), "content/v.md": item("A video", type="video")}
    # (stories off: the two items, alike in all but their headlines, would be one story: the News item's card)
    config, _ = build_site(make_site(tmp_path / "site", files, BASIC_CONFIG + "type_lists: false\nstories:\n  enabled: false\n"))
    out = config.output_path
    assert [text for text, _ in _nav((out / "index.html").read_text(encoding="utf-8"))] == [
        "Latest", "Top", "Hot", "Topics", "Providers"]
    assert not (out / "videos").exists() and '<span class="badge">Video</span>' in (out / "latest/index.html").read_text(encoding="utf-8")


def test_a_site_of_articles_only_has_no_type_lists(tmp_path):
    config, result = build_site(make_site(tmp_path / "site", {"content/a.md": item("Just news")}))
    out = config.output_path
    assert [text for text, _ in _nav((out / "index.html").read_text(encoding="utf-8"))] == [
        "Latest", "Top", "Hot", "Topics", "Providers"]
    assert not (out / "videos").exists() and not (out / "types").exists()


def _entries(page: str, heading: str) -> list[tuple[str, str]]:
    """(title, meta) of each entry of a story page's list under `heading`, as text: what each element says (the
    badge, the date, the facts) apart, joined by " | ", each fact's <bdi> taken out."""
    page = page.replace("<bdi>", "").replace("</bdi>", "")  # (an isolated name, in its heading as it reads)
    section = re.search(rf'<h2 id="[^"]+">{heading}</h2>\s*<ul class="coverage">(.*?)</ul>', page, re.S)
    assert section, heading
    def plain(text: str) -> str:
        parts = re.split(r"<[^>]+>", text.replace("<bdi>", "").replace("</bdi>", ""))
        return " | ".join(part.strip() for part in parts if part.strip())
    return [(plain(title), plain(meta)) for title, meta in
            re.findall(r'<a class="title"[^>]*>(.*?)</a>\s*<p class="meta">(.*?)</p>', section[1], re.S)]


def test_a_story_pages_more_lists_say_what_each_entry_is_as_cards_do(tmp_path):
    # "More on <topic>", "More from <provider>" and "More coverage" named a video or a download by its title
    # alone, where its card says "Video" and its length, or "Download" and its size.
    maker = "{name: Maker, domain: maker.example}"
    files = {
        "content/a.md": item("Harbour cranes", "2026-11-20T10:00:00Z", topics="[Ports]", provider=maker),
        "content/v.md": item("Orchard tour", "2026-11-19T10:00:00Z", topics="[Ports]", type="video",
                             length='"PT4M13S"', provider="{name: Other, domain: other.example}"),
        "content/d.md": item("Glacier data", "2026-11-18T10:00:00Z", type="download", size="12345678",
                             price="{amount: 10, currency: EUR}", provider=maker,
                             originalUrl="https://maker.example/glacier"),
        "content/r.md": item("Lantern review", "2026-11-17T10:00:00Z", topics="[Lamps]",
                             related='[{title: Glacier, webUrl: "https://maker.example/glacier"}, '
                                     '{title: Kestrels, webUrl: "https://birds.example/k", type: podcast}]'),
    }
    config, result = build_site(make_site(tmp_path / "site", files, BASIC_CONFIG + "stories:\n  enabled: false\n"))
    assert result.site.problems == ()
    out = config.output_path
    page = (out / "news/2026/11/20/a/index.html").read_text(encoding="utf-8")
    assert _entries(page, "More on Ports") == [("Video | Orchard tour", "Other | 19 November 2026 | 4 min | 4 minutes")]
    assert _entries(page, "More from Maker") == [("Download | Glacier data", "18 November 2026 | 12.3 MB · €10")]
    # The same spans as a card's, drawn by the same macros.
    assert '<span class="facts"><bdi>12.3 MB</bdi> · <bdi>€10</bdi></span>' in page
    assert '<span class="facts"><bdi>12.3 MB</bdi> · <bdi>€10</bdi></span>' in (out / "downloads/index.html").read_text(encoding="utf-8")
    coverage = _entries((out / "news/2026/11/17/r/index.html").read_text(encoding="utf-8"), "More coverage")
    assert [(title, meta.split(" | ")[-2:]) for title, meta in coverage] == [
        ("Download | Glacier data", ["12.3 MB · €10", "On this site"]),  # the site's page: as its card
        ("Podcast | Kestrels", ["birds.example", "↗"]),  # (elsewhere: its type, all that is known of it)
    ]
    # An article says nothing of its type, here as on its card.
    video = (out / "news/2026/11/19/v/index.html").read_text(encoding="utf-8")
    assert _entries(video, "More on Ports") == [("Harbour cranes", "Maker | 20 November 2026")]
