"""A German site's addresses write ä, ö and ü as ae, oe and ue, and `&` as und, as German writes them without
umlauts: `Glätte` (black ice) was `glatte` (smooth), `wählt` `wahlt`, and `Klima & Umwelt` `klima-and-umwelt`."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import BASIC_CONFIG, build_said, fetch_site, item, make_site, run_fetch
from feed_server import Route


def _site(root: Path, language: str) -> Path:
    return make_site(root, {
        "content/news/glätte-unfälle.md": item("Glätte: Dutzende Unfälle", topics="[Städtebau, Klima & Umwelt]"),
        "content/news/x.md": item("Bürgerschaft", slug="Bürgerschaft wählt", topics="[Größte Öko-Projekte]"),
    }, BASIC_CONFIG + f"language: {language}\ntopics:\n  - name: Städtebau\n")


def _names(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.is_dir())


@pytest.mark.parametrize("language, pages, topics", [
    # (topics: declared, undeclared, and one whose name starts with a capital umlaut)
    ("de-AT", ["buergerschaft-waehlt", "glaette-unfaelle"], ["groesste-oeko-projekte", "klima-und-umwelt", "staedtebau"]),
    # (Swedish, Finnish, Turkish ... write the letters without their dots, and & as their own "and": och)
    ("sv", ["burgerschaft-wahlt", "glatte-unfalle"], ["grosste-oko-projekte", "klima-och-umwelt", "stadtebau"]),
])
def test_a_german_site_writes_umlauts_and_ampersands_in_its_addresses_as_german_does(tmp_path, capsys, language,
                                                                                   pages, topics):
    site = _site(tmp_path / language, language)
    status, said = build_said(site, capsys)
    assert status == 0, said
    out = site / "output"
    day = out / "news" / "2026" / "11" / "20"
    assert _names(day) == pages and _names(out / "topics") == topics
    page = (day / pages[1] / "index.html").read_text(encoding="utf-8")
    assert f'href="/topics/{topics[1]}/"' in page and f'href="/topics/{topics[2]}/"' in page


def _fetched_german(root: Path, server, capsys, entry: str, settings: str = "") -> list[Path]:
    """The files `newsdesk fetch` writes on a German site (config.yaml's `settings` besides) of a feed of one
    entry (its elements but the date)."""
    server.routes["/de.xml"] = Route(
        "<?xml version='1.0' encoding='UTF-8'?><rss version='2.0'><channel><title>Bote</title>"
        f"<link>https://bote.example/</link><item>{entry}<pubDate>Fri, 20 Nov 2026 10:00:00 GMT</pubDate>"
        "</item></channel></rss>".encode())
    site = fetch_site(root, server, ["/de.xml"])
    config = site / "config.yaml"
    config.write_text("language: de\n" + settings + config.read_text(encoding="utf-8"), encoding="utf-8")
    status, _, err = run_fetch(site, capsys)
    assert status == 0, err
    return list((site / "content").rglob("*.md"))


def test_fetch_names_a_german_sites_files_as_its_pages_are_named(tmp_path, server, capsys):
    files = [path.name for path in _fetched_german(tmp_path / "site", server, capsys, "<title>Glätte auf der Brücke"
                                                   "</title><link>https://bote.example/glaette</link>")]
    assert len(files) == 1 and files[0].startswith("glaette-auf-der-bruecke-"), files


def _every_kind(root: Path, language: str) -> Path:
    """A site with an address of every kind made from words: an item, topics, a type list, a provider known by a
    name alone, one by a domain, and one named by another of its names (providers[].other_names)."""
    return make_site(root, {
        "content/news/glätte.md": item("Glätte", type="Übertragung", provider="'Rundfunk & Söhne'",
                                       topics="[Klima & Umwelt]"),
        "content/news/kurz.md": item("Kurz", provider="BF"),
        "content/news/lang.md": item("Lang", provider="{name: Bürgerfunk, domain: bürgerfunk.example}",
                                     related="[{title: Drüben, originalUrl: 'https://b.example/1', "
                                             "provider: 'Rundfunk & Söhne'}]"),
    }, BASIC_CONFIG + f"language: {language}\nproviders:\n  - name: Bürgerfunk\n    domain: bürgerfunk.example\n"
                      "    other_names: [BF]\n")


@pytest.mark.slow
@pytest.mark.parametrize("language, kinds", [
    ("de", {"types": ["uebertragung"], "providers": ["buergerfunk-example", "rundfunk-und-soehne"],
            "topics": ["klima-und-umwelt"]}),
    ("sv", {"types": ["ubertragung"], "providers": ["burgerfunk-example", "rundfunk-och-sohne"],
            "topics": ["klima-och-umwelt"]}),
])
def test_every_address_made_from_words_follows_the_sites_language_and_every_link_finds_its_page(
        tmp_path, capsys, language, kinds):
    from test_build import link_problems

    site = _every_kind(tmp_path / language, language)
    status, said = build_said(site, capsys)
    assert status == 0, said
    out = site / "output"
    for folder, names in kinds.items():
        assert _names(out / folder) == names, folder
    # (the API's and the search filters' addresses are the pages' own)
    assert _names(out / "api" / "news") == kinds["topics"]
    facets = (out / "search" / "index" / "facets.json").read_text(encoding="utf-8")
    for slug in kinds["providers"] + kinds["topics"]:
        assert f'["{slug}",' in facets
    assert link_problems(out, "https://example.org/") == []


def test_fetch_tags_a_german_sites_entry_by_its_topics_address(tmp_path, server, capsys):
    """A feed's category written as the topic's page is named (`klima-und-umwelt`, as a German WordPress names
    the category's page) is that declared topic."""
    files = _fetched_german(tmp_path / "site", server, capsys, "<title>Hitze</title><category>klima-und-umwelt"
                            "</category><link>https://bote.example/hitze</link>", "topics:\n  - name: Klima & Umwelt\n")
    assert len(files) == 1 and "Klima & Umwelt" in files[0].read_text(encoding="utf-8")


def test_fetch_takes_no_word_without_the_dots_for_a_german_sites_topic(tmp_path, server, capsys):
    """`Glatte` (smooth) was the address of the topic `Glätte` (black ice) before German addresses: a category
    of it is another word, not that topic."""
    files = _fetched_german(tmp_path / "site", server, capsys, "<title>Lack</title><category>Glatte</category>"
                            "<link>https://bote.example/lack</link>", "topics:\n  - name: Glätte\n")
    assert len(files) == 1 and "Glätte" not in files[0].read_text(encoding="utf-8")
