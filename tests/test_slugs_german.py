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
    # (Swedish, Finnish, Turkish ... write the letters without their dots)
    ("sv", ["burgerschaft-wahlt", "glatte-unfalle"], ["grosste-oko-projekte", "klima-and-umwelt", "stadtebau"]),
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


def test_fetch_names_a_german_sites_files_as_its_pages_are_named(tmp_path, server, capsys):
    server.routes["/de.xml"] = Route(
        "<?xml version='1.0' encoding='UTF-8'?><rss version='2.0'><channel><title>Bote</title>"
        "<link>https://bote.example/</link><item><title>Glätte auf der Brücke</title>"
        "<link>https://bote.example/glaette</link><pubDate>Fri, 20 Nov 2026 10:00:00 GMT</pubDate>"
        "</item></channel></rss>".encode())
    site = fetch_site(tmp_path / "site", server, ["/de.xml"])
    config = site / "config.yaml"
    config.write_text("language: de\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    status, _, err = run_fetch(site, capsys)
    assert status == 0, err
    files = [path.name for path in (site / "content").rglob("*.md")]
    assert len(files) == 1 and files[0].startswith("glaette-auf-der-bruecke-"), files


def test_fetch_finds_a_german_sites_topic_by_its_pages_address_not_by_the_word_without_dots(tmp_path, server,
                                                                                             capsys):
    """A category naming a declared topic by its page's address (`glaette`, topics/glaette/) is that topic; `Glatte`
    (smooth), which was the address before, is another word."""
    entries = "".join(
        f"<item><title>{title}</title><link>https://bote.example/{number}</link><category>{category}</category>"
        f"<pubDate>Fri, 20 Nov 2026 10:00:00 GMT</pubDate></item>"
        for number, (title, category) in enumerate((("Eis", "glaette"), ("Lack", "Glatte"))))
    server.routes["/de.xml"] = Route(("<?xml version='1.0' encoding='UTF-8'?><rss version='2.0'><channel>"
                                      f"<title>Bote</title><link>https://bote.example/</link>{entries}"
                                      "</channel></rss>").encode())
    site = fetch_site(tmp_path / "site", server, ["/de.xml"])
    config = site / "config.yaml"
    config.write_text("language: de\ntopics:\n  - name: Glätte\n" + config.read_text(encoding="utf-8"),
                      encoding="utf-8")
    status, _, err = run_fetch(site, capsys)
    assert status == 0, err
    tagged = {path.name.split("-")[0]: "Glätte" in path.read_text(encoding="utf-8")
              for path in (site / "content").rglob("*.md")}
    assert tagged == {"eis": True, "lack": False}, tagged
