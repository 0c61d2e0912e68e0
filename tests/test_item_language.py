"""An item in another language than its site's (`language:` in its front matter, as `newsdesk fetch` writes it
for an entry or a feed in another language): its own text on its card and its page says so with `lang=` (and
`dir=` when it is written the other way), so that a screen reader reads it in its own voice and a browser
hyphenates and shapes it as its language; the site's own words keep the page's language."""

from __future__ import annotations

import json
import re

import html5lib

from conftest import build_items, built_page as page, front

HEAD = ("publishedDateTime: 2026-11-20T10:00:00Z", "excerpt: Its own words.")


def marked(html: str, text: str) -> dict:
    """The attributes of the element of `html` whose own text is `text` (its first)."""
    document = html5lib.parse(html, namespaceHTMLElements=False)
    found = [element for element in document.iter() if (element.text or "").strip() == text]
    assert found, text
    return dict(found[0].attrib)


def test_an_item_in_another_language_marks_its_own_text_with_it(tmp_path, capsys):
    files = {"fr.md": front("title: Les grues du port", *HEAD, "language: fr", body="Le texte."),
             "ar.md": front("title: رافعات الميناء", *HEAD, "language: ar", body="النص."),
             "site.md": front("title: Harbour cranes", *HEAD, "language: EN", body="The text."),
             "none.md": front("title: Harbour ships", *HEAD, body="Other text."),
             "de.md": front("title: Die Kräne", *HEAD, "language: Deutsch", body="Der Text."),  # (a crawler's)
             "bad.md": front("title: Harbour boats", *HEAD, "language: Elvish", body="Boat text.")}
    out, news, said = build_items(tmp_path, files, capsys, config="language: en\n" + (
        'title: T\nbase_url: https://example.org/\nnow: "2026-12-04T12:00:00Z"\nitems_per_page: 100\n'
        "stories:\n  enabled: false\n"))
    latest = (out / "latest" / "index.html").read_text(encoding="utf-8")
    assert marked(latest, "Les grues du port").get("lang") == "fr"
    assert "dir" not in marked(latest, "Les grues du port")
    assert {key: marked(latest, "رافعات الميناء").get(key) for key in ("lang", "dir")} == {"lang": "ar", "dir": "rtl"}
    for title in ("Harbour cranes", "Harbour ships", "Harbour boats"):  # (the site's language: nothing to say)
        assert "lang" not in marked(latest, title), title
    story = page(out, news["fr"])
    assert marked(story, "Les grues du port").get("lang") == "fr"
    assert marked(story, "Le texte.").get("lang") is None  # (a <p> inside the body's <div lang="fr">)
    assert re.search(r'<div class="body" lang="fr">\s*<p>Le texte\.', story), story
    assert {key: marked(page(out, news["ar"]), "رافعات الميناء").get(key) for key in ("lang", "dir")} == {
        "lang": "ar", "dir": "rtl"}
    article = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', story, re.S).group(1))
    assert article["inLanguage"] == "fr"
    assert marked(latest, "Die Kräne").get("lang") == "de"
    assert ("warning: content/bad.md:5: `language` 'Elvish' is no language code" in said), said
    assert said.count("warning:") == 1, said
