"""Hosts in lower case, as a browser reads them: `https://News.Example/x` is one address with
`https://news.example/x`. Written as given, they made feed readers (which compare Atom ids and links as
text) take every entry for a new one when a site's `base_url` had its case corrected, and the same picture
two addresses."""

from __future__ import annotations

from conftest import item, make_site
from generator.cli import main


def test_base_url_and_items_addresses_keep_no_capitals_in_their_hosts(tmp_path, capsys):
    site = make_site(tmp_path / "site", {
        "content/a.md": item("A story", webUrl="https://Provider.Example/Story/1",
                             image="HTTPS://CDN.Example/Pic.JPG"),
    }, config='title: T\nbase_url: "HTTPS://User.GitHub.IO/My-News"\nnow: "2026-11-22T12:00:00Z"\n')
    assert main(["build", "--config", str(site / "config.yaml")]) == 0, capsys.readouterr()
    outputs = [site / "output" / name for name in ("index.html", "feeds/latest.xml", "feeds/latest.json",
                                                   "sitemap.xml", "robots.txt")]
    for path in outputs:
        text = path.read_text(encoding="utf-8")
        assert "User.GitHub" not in text and "Provider.Example" not in text and "CDN.Example" not in text, path
    feed = (site / "output" / "feeds" / "latest.xml").read_text(encoding="utf-8")
    assert "https://user.github.io/My-News/news/" in feed  # (the path keeps its case: it is another page)
    assert "https://provider.example/Story/1" in feed
    assert "https://cdn.example/Pic.JPG" in (site / "output" / "index.html").read_text(encoding="utf-8")
