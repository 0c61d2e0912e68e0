"""Items as real crawlers write them, round 25: dates with other languages' month names (declined, as a date
writes them), time zones by ambiguous names, scores with thousands separators and units, Hugo's TOML front
matter, names that differ only by invisible characters, and no-break spaces kept. Each is read as its writer
meant, with a warning naming the file and line where the file should be written otherwise.
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import build_files, built_page as page, feed_site, fetched, front
from feed_server import FeedServer, Route
from generator.cli import main

CONFIG = 'title: T\nbase_url: https://example.org/\nnow: "2026-12-04T12:00:00Z"\nitems_per_page: 100\nstories:\n  enabled: false\n'
DATE = "publishedDateTime: 2025-11-20T10:00:00Z"


def build(tmp_path: Path, files: dict[str, str | bytes], capsys, config: str = CONFIG):
    return build_files(tmp_path, files, capsys, config)


# --- dates with other languages' month names ---------------------------------------------------------

WORDED_DATES = {  # as a site in that language writes a date -> the moment (UTC; the site's zone is UTC)
    "12 grudnia 2025": "2025-12-12T00:00:00Z",  # Polish, the genitive a date takes
    "środa, 3 grudnia 2025 r., o godz. 10:00": "2025-12-03T10:00:00Z",
    "1 października 2025": "2025-10-01T00:00:00Z",
    "5 prosince 2025": "2025-12-05T00:00:00Z",  # Czech
    "5. července 2025 v 10:00": "2025-07-05T10:00:00Z",
    "3 декабря 2025": "2025-12-03T00:00:00Z",  # Russian
    "3 марта 2025 г. в 10:00": "2025-03-03T10:00:00Z",
    "ср, 03 дек. 2025 10:00:00 +0300": "2025-12-03T07:00:00Z",
    "3 грудня 2025 р.": "2025-12-03T00:00:00Z",  # Ukrainian
    "15 листопада 2025": "2025-11-15T00:00:00Z",
    "1 Aralık 2025": "2025-12-01T00:00:00Z",  # Turkish, with and without its letters
    "1 ARALIK 2025 10:00": "2025-12-01T10:00:00Z",
    "15 Şubat 2025": "2025-02-15T00:00:00Z",
    "Τετάρτη, 3 Δεκεμβρίου 2025": "2025-12-03T00:00:00Z",  # Greek
    "2025. december 12.": "2025-12-12T00:00:00Z",  # Hungarian, the year first
    "2025. márc. 5., 10:00": "2025-03-05T10:00:00Z",
    "2025 m. gruodžio 3 d.": "2025-12-03T00:00:00Z",  # Lithuanian
    "2025. gada 3. decembrī, plkst. 10:00": "2025-12-03T10:00:00Z",  # Latvian
    "12. joulukuuta 2025 klo 10.00": "2025-12-12T10:00:00Z",  # Finnish
    "12 december 2025 kl. 10.30": "2025-12-12T10:30:00Z",  # Swedish
    "12 marts 2025": "2025-03-12T00:00:00Z",  # Danish
    "12 decembrie 2025": "2025-12-12T00:00:00Z",  # Romanian
    "1 d'octubre de 2025": "2025-10-01T00:00:00Z",  # Catalan
    "12 Agustus 2025": "2025-08-12T00:00:00Z",  # Indonesian
    "الأربعاء، 3 ديسمبر 2025": "2025-12-03T00:00:00Z",  # Arabic, in its digits too
    "٣ أبريل ٢٠٢٥ ١٠:٠٠": "2025-04-03T10:00:00Z",
    "3 בדצמבר 2025": "2025-12-03T00:00:00Z",  # Hebrew
    "2025年12月3日 10:00": "2025-12-03T10:00:00Z",  # Chinese and Japanese
    "2025년 12월 3일": "2025-12-03T00:00:00Z",  # Korean
}


def test_dates_with_month_names_of_more_languages_are_read(tmp_path, capsys):
    """A crawler on a Polish, Czech, Russian, Turkish, Greek... site copies the date as the site writes it,
    the month declined as a date declines it: the item was left out ("not a date")."""
    files = {f"d{number}.md": front("title: Dated", f'publishedDateTime: "{written}"')
             for number, written in enumerate(WORDED_DATES)}
    files["bad.md"] = front("title: Bad", 'publishedDateTime: "3 Xyzzy 2025"')
    _, news, said = build(tmp_path, files, capsys)
    assert {written: news[f"d{number}"]["publishedDateTime"] for number, written in enumerate(WORDED_DATES)} \
        == WORDED_DATES
    assert "error: content/bad.md:3: `publishedDateTime` is not a date: '3 Xyzzy 2025'" in said, said


FEED_DATES = {  # as a site's locale writes RSS's date -> the moment (UTC)
    "śr, 03 gru 2025 10:00:00 +0100": "2025-12-03T09:00:00Z",  # Polish
    "st, 03 prosince 2025 10:00:00 +0100": "2025-12-03T09:00:00Z",  # Czech
    "ср, 03 дек. 2025 10:00:00 +0300": "2025-12-03T07:00:00Z",  # Russian
    "Çar, 03 Ara 2025 10:00:00 +0300": "2025-12-03T07:00:00Z",  # Turkish
    "3 Δεκεμβρίου 2025": "2025-12-03T00:00:00Z",  # Greek, a date alone
    "Wed, 03 Dec 2025 10:00:00 IST": "2025-12-03T04:30:00Z",  # (India's, as an item's date reads it)
}


def test_feed_dates_with_more_languages_month_names_are_read(tmp_path, capsys):
    """A feed's date in Polish, Czech, Russian, Turkish or Greek words was no date to feedparser: the entry was
    dated when fetched. It is read as an item's date is."""
    items = "".join(f"<item><title>Entry {number}</title><link>https://site.example/{number}</link>"
                    f"<pubDate>{written}</pubDate></item>" for number, written in enumerate(FEED_DATES))
    with FeedServer() as server:
        server.routes["/pl.rss"] = Route(
            ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Feed</title>'
             f'<link>https://site.example/</link>{items}</channel></rss>').encode())
        site = feed_site(tmp_path / "site", f"  - url: {server.url('/pl.rss')}\n")
        assert main(["fetch", "--config", str(site / "config.yaml")]) == 0, capsys.readouterr()
    found = fetched(site)
    assert {written: found[f"Entry {number}"]["publishedDateTime"] for number, written in enumerate(FEED_DATES)} \
        == FEED_DATES


# --- time zones by names of several zones ------------------------------------------------------------

def test_a_zone_named_by_a_name_of_several_is_read_as_news_most_often_means_it_with_a_warning(tmp_path, capsys):
    """`IST`, `BST`, `CST` name several zones each (India's and Ireland's, Britain's summer and Bangladesh's,
    North America's Central and China's): the item had no date and was left out. It is read as the zone
    English-language news most often means, and a warning at its line says so and what to write."""
    dates = {
        "ist": ("Sat, 21 Nov 2026 10:00:00 IST", "2026-11-21T04:30:00Z"),
        "bst": ("2026-06-21T10:00:00 BST", "2026-06-21T09:00:00Z"),
        "cst": ("Nov 20, 2026 10:00 AM CST", "2026-11-20T16:00:00Z"),
        "worded": ("21 listopada 2026 10:00 IST", "2026-11-21T04:30:00Z"),
        "est": ("2026-11-20 10:00 EST", "2026-11-20T15:00:00Z"),  # (one zone: no warning)
        "sast": ("20 Nov 2026 10:00 SAST", "2026-11-20T08:00:00Z"),
    }
    files = {f"{name}.md": front("title: Zoned", f'publishedDateTime: "{written}"') for name, (written, _) in dates.items()}
    files["related.md"] = front("title: Related", DATE, "related:", "  - title: Other", "    webUrl: https://o.example/a",
                                '    publishedDateTime: "2026-11-19 09:00 CST"')
    out, news, said = build(tmp_path, files, capsys)
    assert {name: news[name]["publishedDateTime"] for name in dates} == {name: when for name, (_, when) in dates.items()}
    assert ("warning: content/ist.md:3: `publishedDateTime` names its time zone `IST`, which names more than one "
            "zone; it is read as India Standard Time (+05:30) (write the offset instead of `IST`, e.g. +05:30, or "
            "that of Irish Standard Time (+01:00) or Israel Standard Time (+02:00))") in said, said
    assert "warning: content/bst.md:3: `publishedDateTime` names its time zone `BST`" in said
    assert "it is read as North American Central Standard Time (-06:00)" in said and "China Standard Time (+08:00)" in said
    assert "warning: content/worded.md:3:" in said
    assert "content/est.md" not in said and "content/sast.md" not in said, said
    assert "warning: content/related.md:4: `related: publishedDateTime` names its time zone `CST`" in said, said
    assert "Other" in page(out, news["related"])


# --- scores written as counts ------------------------------------------------------------------------

def test_scores_written_with_thousands_separators_or_units_are_read(tmp_path, capsys):
    """A crawler copies a count as its site shows it (`1,234`, `1.234.567`, `1 234`, `12k`, `1.2K`): the score
    was not a number, and the story ranked as if it had none. Each is read; one that may be read two ways says
    which it was read as and what to write, and one that is no number says so; every item is built."""
    scores = {"comma": '"1,234.5"', "dots": '"1.234.567"', "european": '"1.234,5"', "space": '"1 234"',
              "nbsp": '"1\u00a0234"', "swiss": "\"1'234\"", "k": "12k", "kdot": '"1.2K"', "kcomma": '"1,5k"',
              "decimal": '"2,5"', "plain": '"0.5"', "ambiguouscomma": '"1,234"', "ambiguousdot": '"1.234"',
              "words": '"12 points"', "broken": '"1,23,4"', "spaces": '"1' + " " * 20_000 + 'x"'}
    files = {f"{name}.md": front(f"title: Scored {name}", DATE, f"quality: {written}") for name, written in scores.items()}
    _, news, said = build(tmp_path, files, capsys)
    assert {name: entry.get("quality") for name, entry in news.items()} == {
        "comma": 1234.5, "dots": 1_000_000, "european": 1234.5, "space": 1234, "nbsp": 1234, "swiss": 1234,
        "k": 12000, "kdot": 1200, "kcomma": 1500, "decimal": 2.5, "plain": 0.5, "ambiguouscomma": 1234,
        "ambiguousdot": 1.234, "words": None, "broken": None, "spaces": None}  # (the last refused at once)
    assert ("warning: content/ambiguouscomma.md:4: `quality` '1,234' may be 1234 or 1.234 (with a decimal comma); "
            "it is read as 1234 (write 1234, or 1.234 if that is meant, without quotes)") in said, said
    assert ("warning: content/ambiguousdot.md:4: `quality` '1.234' may be 1.234 or 1234 (with a thousands "
            "separator); it is read as 1.234 (write 1234 if that is meant, or 1.234 without quotes)") in said, said
    assert ("warning: content/words.md:4: `quality` must be a number, got '12 points' (write it without quotes or "
            "units, e.g. 87)") in said
    assert "warning: content/broken.md:4: `quality` must be a number, got '1,23,4'" in said
    assert "warning: content/dots.md:4: `quality` '1.234.567' is out of range" in said
    for name in ("comma", "european", "space", "nbsp", "swiss", "k", "kdot", "kcomma", "decimal", "plain"):
        assert f"content/{name}.md" not in said, (name, said)


# --- names that differ only by characters that show nothing ----------------------------------------

def test_providers_and_topics_differing_only_by_invisible_characters_are_one(tmp_path, capsys):
    """A crawler's provider name with a zero-width space, a word joiner, a byte order mark, a soft hyphen or a
    direction mark in it looks the same on every page as the name without, but was another provider with a
    page of its own (two "Port News" in the list); a no-break space did the same. They are one provider, and
    one topic. A joiner that changes what shows (Persian's non-joiner, an emoji's joiner) is kept."""
    spellings = ["Port News", "Port\u200b News", "Port \u2060News", "\ufeffPort News",
                 "Port Ne\u00adws", "\u200ePort News\u200f", "Port\u00a0News", "Port\u200d News"]
    files = {f"s{number}.md": front(f"title: Story {number}", DATE, "provider:", f'  name: "{name}"',
                                    f'topics: ["Sea\u200bFreight", "Sea{"" if number % 2 else chr(0xad)}Freight"]')
             for number, name in enumerate(spellings)}
    files["domain.md"] = front("title: Story by domain", DATE, "provider:", "  name: Port News",
                               '  domain: "port\u200b.example"')
    files["domain2.md"] = front("title: Story by domain 2", DATE, "provider:", "  name: Port News",
                                '  domain: "\ufeffport\u00ad.example"')
    files["fa.md"] = front("title: Persian", DATE, "provider:", '  name: "خبرگزاری\u200cها"',
                           'topics: ["می\u200cخواهم", "👩\u200d💻 Dev"]')
    out, news, said = build(tmp_path, files, capsys)
    assert "error:" not in said, said
    providers = {entry["provider"]["name"] for name, entry in news.items() if name.startswith("s")}
    assert providers == {"Port News"}, providers
    assert {tuple(entry["topics"]) for name, entry in news.items() if name.startswith("s")} == {("SeaFreight",)}
    assert news["fa"]["provider"]["name"] == "خبرگزاری\u200cها"
    assert news["fa"]["topics"] == ["می\u200cخواهم", "👩\u200d💻 Dev"]
    provider_pages = [path for path in (out / "providers").iterdir() if path.is_dir()]
    assert news["domain"]["provider"]["domain"] == news["domain2"]["provider"]["domain"] == "port.example"
    assert len(provider_pages) == 3, provider_pages  # (Port News, port.example's and the Persian one)
    listed = (out / "providers/port-news/index.html").read_text(encoding="utf-8")
    assert all(f"Story {number}" in listed for number in range(len(spellings)))


# --- no-break spaces -----------------------------------------------------------------------------------

def test_no_break_spaces_in_titles_and_excerpts_are_kept_and_search_splits_words_there(tmp_path, capsys):
    """French writes a narrow no-break space before `:` and `?`, and a no-break space in `20 %`: each was made a
    plain space, and a line could break before the `?`. They are kept in pages, feeds and the API, and search
    still finds each word on either side."""
    title = "Brexit\u202f: quel avenir\u00a0? Hausse de 20\u00a0%"
    files = {"fr.md": front(f'title: "{title}"', DATE, 'excerpt: "Le port\u202f: bilan"', "lang: fr"),
             "spaced.md": front('title: "Many \u00a0 spaces\u00a0\u00a0here "', DATE)}
    out, news, said = build(tmp_path, files, capsys)
    assert news["fr"]["title"] == title and news["fr"]["excerpt"] == "Le port\u202f: bilan"
    assert news["spaced"]["title"] == "Many spaces\u00a0here"
    assert title in page(out, news["fr"])
    assert title in (out / "feeds/latest.rss").read_text(encoding="utf-8")
    entries = json.loads((out / "feeds/latest.json").read_text(encoding="utf-8"))["items"]
    assert title in [entry["title"] for entry in entries]
    assert "avenir" in (out / "search/index/terms/av.json").read_text(encoding="utf-8")
    from generator.plan.search import tokens
    assert tokens(title) == ["brexit", "quel", "avenir", "hausse", "de", "20"]


# --- TOML front matter -----------------------------------------------------------------------------------

def test_toml_front_matter_as_hugo_writes_it_is_read(tmp_path, capsys):
    """Hugo writes front matter in TOML between `+++` lines, and crawlers that feed Hugo sites do too: the
    file was an error ("not read"). It is read as YAML front matter is, its dates, tables and arrays of tables
    included; a warning about a field names its line, and an error in the TOML names the file's line."""
    files = {
        "hugo.md": "+++\n" + "\n".join([
            'title = "Cranes in the port"',
            "publishedDateTime = 2025-11-20T10:00:00+01:00",
            'topics = ["Shipping", "Ports"]',
            'quality = "1,5k"',
            'heat = "lots"',
            "",
            "[provider]",
            'name = "Port News"',
            'domain = "port.example"',
            "",
            "[[related]]",
            'title = "Other take"',
            'webUrl = "https://other.example/a"',
        ]) + "\n+++\n\nThe *body*.\n",
        "local.md": "\n+++\ntitle = 'Local time'\npublishedDateTime = 2025-11-20 10:00:00\n+++\nBody\n",
        "bad.md": '+++\ntitle = "Bad"\npublishedDateTime = 2025-11-20\nexcerpt = unquoted words\n+++\nBody\n',
        "twice.md": '+++\ntitle = "A"\ntitle = "B"\npublishedDateTime = 2025-11-20\n+++\nBody\n',
        "open.md": '+++\ntitle = "Open"\npublishedDateTime = 2025-11-20\n',
        "yaml.md": front("title: Still YAML", DATE),
    }
    out, news, said = build(tmp_path, files, capsys)
    hugo = news["hugo"]
    assert hugo["title"] == "Cranes in the port" and hugo["publishedDateTime"] == "2025-11-20T09:00:00Z"
    assert hugo["topics"] == ["Shipping", "Ports"] and hugo["quality"] == 1500
    assert hugo["provider"]["name"] == "Port News" and hugo["provider"]["domain"] == "port.example"
    html = page(out, hugo)
    assert "<em>body</em>" in html and "Other take" in html and "+++" not in html
    assert news["local"]["publishedDateTime"] == "2025-11-20T10:00:00Z" and "yaml" in news
    assert "warning: content/hugo.md:6: `heat` must be a number, got 'lots'" in said, said
    assert "error: content/bad.md:4: invalid TOML in front matter: invalid value" in said, said
    # (a key given twice is read as in YAML: the last, with a warning; test_hostile27)
    assert "warning: content/twice.md:3: `title` is given twice, also on line 2" in said, said
    assert news["twice"]["title"] == "B"
    assert "error: content/open.md:1: TOML front matter is not closed (add a line '+++' after the TOML)" in said
    assert not {"bad", "open"} & set(news)


def test_a_name_of_several_zones_is_the_sites_own_zone_when_the_site_goes_by_it(tmp_path, capsys):
    """A site in Shanghai reads `CST` as China's time, and one in Dublin reads `IST` as Irish summer time: the
    site's own zone, when it goes by that name at that date, is what its crawlers mean; no warning."""
    files = {"cst.md": front("title: China", 'publishedDateTime: "2026-11-20 10:00 CST"'),
             "ist.md": front("title: India", 'publishedDateTime: "Sat, 21 Nov 2026 10:00:00 IST"')}
    _, news, said = build(tmp_path / "shanghai", files, capsys, CONFIG + "timezone: Asia/Shanghai\n")
    assert news["cst"]["publishedDateTime"] == "2026-11-20T02:00:00Z" and "content/cst.md" not in said, said
    assert news["ist"]["publishedDateTime"] == "2026-11-21T04:30:00Z" and "warning: content/ist.md:3:" in said
    files = {"ist.md": front("title: Irish", 'publishedDateTime: "2026-07-20 10:00 IST"')}
    _, news, said = build(tmp_path / "dublin", files, capsys, CONFIG + "timezone: Europe/Dublin\n")
    assert news["ist"]["publishedDateTime"] == "2026-07-20T09:00:00Z" and "content/ist.md" not in said, said
