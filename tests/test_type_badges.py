"""The types' badges ("Video", "Download") and lists ("Videos") in the site's language: the theme's words
(`badge_video`, `type_video` ...), marked English where a partial words file lacks them; a type the theme does
not know shown as the crawler wrote it, the content's text (docs/themes.md, docs/content.md)."""

from __future__ import annotations

import json

import html5lib
import pytest

from conftest import build_site, item, make_site, static_server

NOTES = "'Field notes'"  # (what a search finds them all by)
ITEMS = {
    "content/clip.md": item("Harbour cranes repainted", "2026-11-20T10:00:00Z", excerpt=NOTES, type="video"),
    "content/file.md": item("Tide tables for spring", "2026-11-19T10:00:00Z", excerpt=NOTES, type="download"),
    "content/talk.md": item("Night trains return north", "2026-11-18T10:00:00Z", excerpt=NOTES,
                            type="webinar-recording"),
    "content/odd.md": item("Bakery wins glaze award", "2026-11-17T10:00:00Z", excerpt=NOTES, type="'<b>!!</b>'"),
    "content/plain.md": item("Storm season starts early", "2026-11-16T10:00:00Z", excerpt=NOTES),
}


def _site(tmp_path, language: str, words: str = ""):
    files = dict(ITEMS, **({"themes/default/i18n/zh.yaml": words} if words else {}))
    root = make_site(tmp_path / f"site-{language}-{bool(words)}", files,
                     f"title: Typed\nbase_url: https://example.org/\nlanguage: {language}\n")
    config, _ = build_site(root)
    return config.output_path


def _said(path, wanted) -> list[tuple[str, str]]:
    """(language a screen reader reads it in, text) of each element of the page that `wanted(element)` picks."""
    doc = html5lib.parse(path.read_bytes(), transport_encoding="utf-8", namespaceHTMLElements=False)
    found = []

    def walk(element, lang):
        lang = element.get("lang", lang)
        if wanted(element):
            found.append((lang, "".join(element.itertext()).strip()))
        for child in element:
            walk(child, lang)

    walk(doc.find("body"), doc.get("lang"))
    return found


def _badges(path):
    return _said(path, lambda element: element.get("class") == "badge")


def _header_links(path):
    return {text: lang for lang, text in _said(path, lambda e: e.tag == "a" and e.get("href", "").startswith(
        ("/videos/", "/downloads/", "/types/")))}


# (language, a site's own zh.yaml or none) -> the badges of video, download, webinar-recording, "<b>!!</b>" as
# (language read in, text), and their lists' titles in the header as {title: language}
CASES = {
    "fr": ("", [("fr", "Vidéo"), ("fr", "Téléchargement"), ("fr", "Webinar-recording"), ("fr", "Autre")],
           {"Vidéos": "fr", "Téléchargements": "fr", "Webinar-recording": "fr", "Autres": "fr"}),
    "en": ("", [("en", "Video"), ("en", "Download"), ("en", "Webinar-recording"), ("en", "Other")],
           {"Videos": "en", "Downloads": "en", "Webinar-recording": "en", "Other": "en"}),
    # a few Chinese words: the rest English, and said to be; the crawler's type the content's (the page's)
    "zh-partial": ("badge_video: 视频\ntype_video: 视频列表\n",  # ("Sections" English over its links)
                   [("zh", "视频"), ("en", "Download"), ("zh", "Webinar-recording"), ("en", "Other")],
                   {"视频列表": "zh", "Downloads": "en", "Webinar-recording": "zh", "Other": "en"}),
    # no Chinese words: the words English (the body says so), the content Chinese
    "zh": ("", [("en", "Video"), ("en", "Download"), ("zh", "Webinar-recording"), ("en", "Other")],
           {"Videos": "en", "Downloads": "en", "Webinar-recording": "zh", "Other": "en"}),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_types_badge_and_list_are_in_the_words_language_and_a_crawlers_own_type_in_the_contents(tmp_path, case):
    words, badges, lists = CASES[case]
    output = _site(tmp_path, case.split("-")[0], words)
    latest = _badges(output / "latest" / "index.html")
    assert latest == badges  # newest first: video, download, webinar-recording, the type it cannot show
    for path, badge in zip(("clip", "file", "talk", "odd"), badges):
        story = next(output.rglob(f"{path}/index.html"))
        assert _badges(story) == [badge], path  # the story page's kicker says the same
    assert _badges(next(output.rglob("plain/index.html"))) == []  # an article has none
    assert _header_links(output / "index.html") == lists
    for path, title in (("videos", list(lists)[0]), ("types/other", list(lists)[3])):
        headings = _said(output / path / "index.html", lambda element: element.tag == "h1")
        assert headings == [(lists[title], title)], path
    for page in output.rglob("*.html"):  # the crawler's markup is nowhere taken as markup
        assert "<b>!!" not in page.read_text("utf-8"), page


def test_a_crawlers_type_is_shown_as_its_own_text_in_the_search_index_and_a_known_one_as_its_word(tmp_path):
    output = _site(tmp_path, "fr")
    meta = json.loads((output / "search" / "index" / "meta.json").read_text("utf-8"))
    records = json.loads((output / "search" / "index" / "docs" / "0.json").read_text("utf-8"))
    fields = meta["fields"]
    shown = {record[fields.index("title")]: (record[fields.index("type")], record[fields.index("type_word")])
             for record in records}
    assert shown == {"Harbour cranes repainted": ("", "badge_video"), "Tide tables for spring": ("", "badge_download"),
                     "Night trains return north": ("Webinar-recording", ""), "Bakery wins glaze award": ("", "badge_other"),
                     "Storm season starts early": ("", "")}
    # the words search.js says them in, from the search page's own block
    page = (output / "search" / "index.html").read_text("utf-8")
    words = json.loads(page.split('id="search-words">', 1)[1].split("</script>", 1)[0])
    assert (words["badge_video"], words["badge_download"], words["badge_other"]) == ("Vidéo", "Téléchargement",
                                                                                     "Autre")


# Each result's badge with the language a screen reader reads it in
RESULT_BADGES = """() => [...document.querySelectorAll('#search-results .badge')].map(badge =>
  [badge.closest('[lang]').getAttribute('lang'), badge.textContent])"""


@pytest.mark.slow
@pytest.mark.parametrize("case", ["fr", "zh-partial", "zh"])
def test_the_search_results_badges_say_what_the_cards_do(browser, tmp_path, case):
    words, badges, _ = CASES[case]
    output = _site(tmp_path, case.split("-")[0], words)
    with static_server(output, "/") as base:
        tab = browser.new_page()
        try:
            tab.goto(base + "search/?q=notes")
            tab.locator("#search-results li").nth(3).wait_for(timeout=10_000)
            shown = sorted(map(tuple, tab.evaluate(RESULT_BADGES)))
            assert shown == sorted(badges) == sorted(_badges(output / "latest" / "index.html"))
        finally:
            tab.close()


NAMED = {  # headlines that name their type first, as many sites write them, and one that only starts alike
    "content/a.md": item("VIDEO | Le immagini della neve a Roccaraso", "2026-11-20T10:00:00Z", type="video",
                         provider={"name": "Rete8", "domain": "rete8.example"}),
    "content/b.md": item("[Video] Gran Sasso, salvati due escursionisti", "2026-11-20T09:00:00Z", type="video",
                         provider={"name": "Rete8", "domain": "rete8.example"}),
    "content/c.md": item("Podcast: storie dell'Aquila", "2026-11-20T08:00:00Z", type="podcast",
                         provider={"name": "Rete8", "domain": "rete8.example"}),
    "content/d.md": item("Videogiochi, a Pescara la fiera", "2026-11-20T07:00:00Z", type="video",
                         provider={"name": "Rete8", "domain": "rete8.example"}),
}


def test_a_headline_that_names_its_type_first_gets_no_badge_before_it(tmp_path):
    """Italian sites title a video "VIDEO | ..." (or "[Video] ...", "Podcast: ..."): cards, teasers and search
    results showed "VIDEO VIDEO | ...", the badge and the headline saying it twice. Such a headline is its own
    badge; one that only starts with the same letters ("Videogiochi") keeps it."""
    root = make_site(tmp_path / "site", NAMED, "title: Notizie\nbase_url: https://example.org/notizie/\nlanguage: it\n")
    config, _ = build_site(root)
    output = config.output_path
    cards = _said(output / "latest" / "index.html", lambda element: element.get("class") == "card-title")
    assert [text for _, text in cards] == ["VIDEO | Le immagini della neve a Roccaraso",
                                           "[Video] Gran Sasso, salvati due escursionisti",
                                           "Podcast: storie dell'Aquila", "Video Videogiochi, a Pescara la fiera"]
    pages = list(output.rglob("*.html"))
    linked = [text for page in pages for _, text in _said(page, lambda element: element.tag == "a")]
    assert "Video Videogiochi, a Pescara la fiera" in linked  # (the teasers of the provider's other items too)
    said_twice = [text for text in linked if text.casefold().startswith(("video video |", "video [video]",
                                                                          "podcast podcast:"))]
    assert pages and said_twice == []
    meta = json.loads((output / "search" / "index" / "meta.json").read_text("utf-8"))
    records = json.loads((output / "search" / "index" / "docs" / "0.json").read_text("utf-8"))
    fields = meta["fields"]
    shown = {record[fields.index("title")]: (record[fields.index("type")], record[fields.index("type_word")])
             for record in records}
    assert shown == {"VIDEO | Le immagini della neve a Roccaraso": ("", ""),
                     "[Video] Gran Sasso, salvati due escursionisti": ("", ""),
                     "Podcast: storie dell'Aquila": ("", ""), "Videogiochi, a Pescara la fiera": ("", "badge_video")}
