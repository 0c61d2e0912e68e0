"""A provider's domain is a host name, and one host has several spellings: its international labels in letters
(`bücher.example`) or in IDNA's ASCII form (`xn--bcher-kva.example`, as fetch reads a feed's host), with or
without the dot that may end it. Each spelling is one provider; and a page names a domain as the browser does
(its ASCII form), so that a look-alike letter (a Cyrillic "а" in "аpple.com") names no other site."""

from __future__ import annotations

import json

from conftest import build_said, html_elements, item, make_site

SPELLINGS = ["bücher.example", "xn--bcher-kva.example", "BÜCHER.example.", "www.xn--bcher-kva.example"]
LOOK_ALIKE = "\u0430pple.com"  # (a Cyrillic "а")


def _provider(name: str, domain: str) -> str:
    return json.dumps({"name": name, "domain": domain})


def test_each_spelling_of_an_international_host_is_one_provider(tmp_path, capsys):
    files = {f"content/b{n}.md": item(f"Books {n}", date=f"2026-11-20T1{n}:00:00Z", provider=_provider("Bücher", domain))
             for n, domain in enumerate(SPELLINGS)}
    files["content/p.md"] = item("Plain", provider=_provider("Plain", "plain.example."))
    files["content/q.md"] = item("Plain too", date="2026-11-20T09:00:00Z", provider=_provider("Plain", "plain.example"))
    site = make_site(tmp_path / "site", files)
    status, said = build_said(site, capsys)
    assert status == 0 and "warning:" not in said, said
    providers = sorted(path.name for path in (site / "output" / "providers").iterdir() if path.is_dir())
    assert providers == ["bucher-example", "plain-example"]
    news = json.loads((site / "output" / "api" / "news" / "index.json").read_text(encoding="utf-8"))["news"]
    assert len(news) == 6 and {entry["provider"]["domain"] for entry in news} == {"bücher.example", "plain.example"}


def test_a_look_alike_domain_is_shown_and_told_as_the_host_the_browser_reads(tmp_path, capsys):
    files = {"content/a.md": item("Real", provider=_provider("Apple", "apple.com")),
             "content/b.md": item("Look-alike", date="2026-11-20T11:00:00Z", provider=_provider("Apple", LOOK_ALIKE)),
             "content/c.md": item("Same host", date="2026-11-20T12:00:00Z",
                                  provider=_provider("Apple", "xn--pple-43d.com"))}
    site = make_site(tmp_path / "site", files)
    status, said = build_said(site, capsys)
    assert status == 0
    # (told apart in the warning as on the pages: the two spellings of the look-alike are one provider)
    assert ("warning: content/a.md:4: providers `apple.com` and `xn--pple-43d.com` (content/b.md:4) have slugs "
            "alike") in said, said
    assert LOOK_ALIKE not in said
    pages = {path: path.read_bytes() for path in (site / "output").rglob("*.html")}
    assert len(pages) > 10
    shown = 0
    for path, data in pages.items():
        for _, element in html_elements(str(path), data):
            for text in (element.text or "", element.tail or "", *element.attrib.values()):
                assert LOOK_ALIKE not in text, (path, text)
                shown += "xn--pple-43d.com" in text
    assert shown >= 3  # (the providers' list, the provider's page: its card and its description)
    look_alike = (site / "output" / "providers" / "apple-com-af2ad2f1" / "index.html").read_text(encoding="utf-8")
    assert "<bdi>xn--pple-43d.com</bdi> · 2 stories" in look_alike


def test_a_domain_that_is_no_host_name_is_shown_as_written(tmp_path, capsys):
    """(kept as text, with a warning: the card names it as the item writes it, not as no host at all)"""
    site = make_site(tmp_path / "site", {"content/a.md": item("A", provider=_provider("Odd", "news/site")),
                                         "content/b.md": item("B", provider=_provider("Über", "über nachrichten"))})
    status, said = build_said(site, capsys)
    assert status == 0 and said.count("`domain` is not a host name") == 2, said
    card = (site / "output" / "providers" / "index.html").read_text(encoding="utf-8")
    # (IDNA's codec writes "über nachrichten" as one label of nonsense, `xn--ber nachrichten-...`)
    assert "<bdi>news/site</bdi> · 1 story" in card and "<bdi>über nachrichten</bdi> · 1 story" in card
