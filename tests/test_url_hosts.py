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


def test_hosts_outside_ascii_lose_their_capitals_too(tmp_path, capsys):
    # `BÜCHER.Example` is the host `bücher.example` to a browser (IDNA maps it so): written as given, the
    # same story had two addresses, and a Greek host's capital sigma must not become a final sigma.
    site = make_site(tmp_path / "site", {
        "content/a.md": item("A story", webUrl="https://BÜCHER.Example/Story",
                             image="HTTPS://CDN.ÜBER.Example/Pic.JPG",
                             body='Read <a href="https://NEWS.ΑΣ/Σ">the report</a>.'),
    }, config='title: T\nbase_url: "https://ÜBER.Example/news/"\nnow: "2026-11-22T12:00:00Z"\n')
    assert main(["build", "--config", str(site / "config.yaml")]) == 0, capsys.readouterr()
    out = site / "output"
    pages = [path for path in out.rglob("*") if path.suffix in (".html", ".xml", ".json", ".rss", ".txt")]
    assert len(pages) > 5
    for path in pages:
        text = path.read_text(encoding="utf-8")
        for capital in ("BÜCHER", "Ü", "ΑΣ", "ας"):
            assert capital not in text, (path, capital)
    article = next((out / "news").rglob("index.html")).read_text(encoding="utf-8")
    assert 'href="https://bücher.example/Story"' in article and 'href="https://news.ασ/Σ"' in article
    assert "https://cdn.über.example/Pic.JPG" in article
    assert 'href="https://bücher.example/Story"' in (out / "feeds" / "latest.xml").read_text(encoding="utf-8")
    rss = (out / "feeds" / "latest.rss").read_text(encoding="utf-8")
    assert "https://cdn.xn--ber-goa.example/Pic.JPG" in rss  # (RSS takes URLs: the host in IDNA)
    assert "https://xn--ber-goa.example/news/" in rss
