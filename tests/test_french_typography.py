"""French typography on a French site: the spaces crawlers write before `: ; ! ?` and inside « » are no-break
ones (narrow before `; ! ?` and inside « », a plain no-break one before `:`), so that a phone's line never starts
with a lone `?`, `:` or `»`; in titles, excerpts, bodies, the names of topics and providers and the theme's
words; in the pages, the feeds, the JSON API and the search's results alike, each written once (the character,
not an entity written again), and the words still found by search. Other languages keep the text as written,
and so do addresses, times and code."""

from __future__ import annotations

import json
import re

import pytest

from conftest import BASIC_CONFIG, build_said, item, make_site, static_server
from generator.site.markup import render_markdown
from generator.typography import typeset, typeset_html

NNBSP, NBSP = "\u202f", "\u00a0"


@pytest.mark.parametrize("text, french", [
    ("Pourquoi ? Parce que !", f"Pourquoi{NNBSP}? Parce que{NNBSP}!"),
    ("Enfin ; voilà : « Bonjour »", f"Enfin{NNBSP}; voilà{NBSP}: «{NNBSP}Bonjour{NNBSP}»"),
    ("Quoi ?! Vraiment ?", f"Quoi{NNBSP}?! Vraiment{NNBSP}?"),
    # a time, an address, a mark that starts a word: no French punctuation; no space is added where none is
    ("Rendez-vous à 12:30 : https://exemple.fr/a?b=c ?", f"Rendez-vous à 12:30{NBSP}: https://exemple.fr/a?b=c{NNBSP}?"),
    ("score 2 :1, lien ?utm=x", "score 2 :1, lien ?utm=x"),
    ("Quoi? Oui!", "Quoi? Oui!"),
    ("std :: vector, C#!", "std :: vector, C#!"),
    # code between backquotes is kept as written
    ("Le code `a ? b : c` marche ?", f"Le code `a ? b : c` marche{NNBSP}?"),
    # a no-break space already there stays
    (f"Déjà{NBSP}?", f"Déjà{NBSP}?"),
])
def test_a_french_texts_spaces_before_its_marks_and_inside_guillemets_break_no_line(text, french):
    assert typeset(text, "fr") == french
    assert typeset(text, "fr-CA") == typeset(text, "fr_BE") == french
    assert typeset(text, "en") == typeset(text, "de") == typeset(text, "") == text


# A body in Markdown -> what its page shows: the text a reader reads typeset; code, keys, addresses, a link's
# title and a picture's text as written
BODY = """Le maire : « On rouvre ? » Voilà !

Tapez <kbd>Ctrl ?</kbd> puis `a ? b : c` ; ou [le site ?](https://exemple.fr/a?b=c "Titre : lien ?") ;
voir <https://exemple.fr/x?y> à 12:30 ; en C# ! et std :: vector, C#!

![Photo : le port ?](https://exemple.fr/p.jpg)

    code ; ici : non ?

> Cité : « oui » !
"""
BODY_HTML = (
    f"<p>Le maire{NBSP}: «{NNBSP}On rouvre{NNBSP}?{NNBSP}» Voilà{NNBSP}!</p>\n"
    f"<p>Tapez <kbd>Ctrl ?</kbd> puis <code>a ? b : c</code>{NNBSP}; ou "
    '<a href="https://exemple.fr/a?b=c" title="Titre : lien ?" rel="noopener noreferrer nofollow">'
    f"le site{NNBSP}?</a>{NNBSP};\nvoir "
    '<a href="https://exemple.fr/x?y" rel="noopener noreferrer nofollow">https://exemple.fr/x?y</a>'
    f" à 12:30{NNBSP}; en C#{NNBSP}! et std :: vector, C#!</p>\n"
    '<p><img src="https://exemple.fr/p.jpg" alt="Photo : le port ?" loading="lazy" decoding="async"></p>\n'
    "<pre><code>code ; ici : non ?\n</code></pre>\n"
    f"<blockquote>\n<p>Cité{NBSP}: «{NNBSP}oui{NNBSP}»{NNBSP}!</p>\n</blockquote>\n")


def test_a_french_bodys_text_is_typeset_but_its_code_tags_and_addresses():
    html = render_markdown(BODY)
    assert typeset_html(html, "fr") == typeset_html(html, "fr-CA") == BODY_HTML
    assert typeset_html(html, "en") is html and typeset_html(html, "de") is html
    assert typeset_html(BODY_HTML, "fr") == BODY_HTML  # (typeset once: again, nothing changes)


# A mark split from its space by an inline tag (emphasis, a link) is typeset as one beside its word: the tags are
# kept where they are, the space before them made a no-break one; code, attributes and a paragraph's end are not
# seen through
@pytest.mark.parametrize("html, french", [
    ("<p>Bonjour <strong>!</strong></p>", f"<p>Bonjour{NNBSP}<strong>!</strong></p>"),
    ('<p>Le mot <a href="https://a.fr/?q">?</a></p>', f'<p>Le mot{NNBSP}<a href="https://a.fr/?q">?</a></p>'),
    ("<p>Il dit <em><strong>: oui</strong></em></p>", f"<p>Il dit{NBSP}<em><strong>: oui</strong></em></p>"),
    ("<p>«<em> lien</em> »</p>", f"<p>«<em>{NNBSP}lien</em>{NNBSP}»</p>"),
    ('<p>« <a href="x" title="Quoi ?">lien</a> »</p>', f'<p>«{NNBSP}<a href="x" title="Quoi ?">lien</a>{NNBSP}»</p>'),
    ("<p><em>mot</em> ?</p>", f"<p><em>mot</em>{NNBSP}?</p>"),
    # a mark that starts a word behind its tag, a code's mark, a mark of the next paragraph: as written
    ('<p>lien <a href="x">?utm</a>, x <code>?</code> <kbd>!</kbd></p>',
     '<p>lien <a href="x">?utm</a>, x <code>?</code> <kbd>!</kbd></p>'),
    ("<p>fin </p>\n<p>? non</p>", "<p>fin </p>\n<p>? non</p>"),
    ("<p>vu <br>! et <img src=\"x\" alt=\"\"> ?</p>", "<p>vu <br>! et <img src=\"x\" alt=\"\">\u202f?</p>"),
])
def test_a_mark_split_from_its_space_by_an_inline_tag_is_typeset(html, french):
    assert typeset_html(html, "fr") == french
    assert typeset_html(french, "fr") == french
    assert typeset_html(html, "en") == html


# Crawled text often has two spaces, a tab or a line break (a Markdown line wrapped before its mark) where one
# space is meant: the browser shows one, and broke the line at the first, leaving the no-break one and its mark
# at the start of the next. The run is one no-break space.
@pytest.mark.parametrize("text, french", [
    ("Pourquoi  ? Parce que\t! Voilà \n: fini", f"Pourquoi{NNBSP}? Parce que{NNBSP}! Voilà{NBSP}: fini"),
    ("«  Bonjour  »", f"«{NNBSP}Bonjour{NNBSP}»"),
    ("à 12:30,  16:9  et 2  :1", "à 12:30,  16:9  et 2  :1"),
])
def test_a_run_of_spaces_before_a_mark_is_one_no_break_space(text, french):
    assert typeset(text, "fr") == french
    html = render_markdown(text.replace("\t", " "))
    assert typeset_html(html, "fr") == f"<p>{french.replace(chr(9), ' ')}</p>\n"


def test_a_body_line_wrapped_before_its_mark_keeps_the_mark_on_its_words_line():
    html = render_markdown("Le maire a-t-il signé\n? Oui, dit-il\n<strong>!</strong> Et «\nmerci »")
    assert typeset_html(html, "fr") == (f"<p>Le maire a-t-il signé{NNBSP}? Oui, dit-il{NNBSP}<strong>!</strong> "
                                        f"Et «{NNBSP}merci{NNBSP}»</p>\n")


def test_a_real_looking_body_with_emphasis_and_links_round_its_marks_is_typeset():
    html = render_markdown("Le ministre a tranché **: non**. Pourquoi *maintenant* ? Lisez [l’avis](https://a.fr/x?y=1 "
                           "\"Avis : lu ?\") ! Et « [le rapport](https://a.fr/r) », ou *« cité »* *?*\n\n"
                           "Code : `a ? b`, <kbd>Ctrl</kbd> **!**\n")
    text = typeset_html(html, "fr")
    assert f"tranché{NBSP}<strong>: non</strong>" in text
    assert f"<em>maintenant</em>{NNBSP}?" in text
    assert f"</a>{NNBSP}!" in text and 'title="Avis : lu ?"' in text and 'href="https://a.fr/x?y=1"' in text
    assert f"«{NNBSP}<a" in text and f"</a>{NNBSP}»" in text and f"<em>«{NNBSP}cité{NNBSP}»</em>{NNBSP}<em>?</em>" in text
    assert f"Code{NBSP}: <code>a ? b</code>" in text and f"</kbd>{NNBSP}<strong>!</strong>" in text
    # what a reader sees has no breakable space before a mark or after «
    seen = re.sub(r"<code>.*?</code>|<[^>]+>", "", text)
    assert not re.search(r" [;:!?»]|« ", seen), seen


TITLE = "Pourquoi le port ferme-t-il ? Les pêcheurs disent : « Jusqu’à quand ? »"
EXCERPT = "La mairie répond : « Bientôt » ; les marins attendent !"
TYPESET_TITLE = (f"Pourquoi le port ferme-t-il{NNBSP}? Les pêcheurs disent{NBSP}: «{NNBSP}Jusqu’à "
                 f"quand{NNBSP}?{NNBSP}»")
AGAIN = "Les dockers : « Personne n’est blessé » ; la grue reste au fond !"
TYPESET_EXCERPT = f"La mairie répond{NBSP}: «{NNBSP}Bientôt{NNBSP}»{NNBSP}; les marins attendent{NNBSP}!"


def _site(tmp_path, capsys, language: str, files: dict | None = None):
    site = make_site(tmp_path / (language or "none"), files or {
        "content/port.md": item(TITLE, excerpt=json.dumps(EXCERPT), topics="[Mer]",
                                related=json.dumps([{"title": "Le port : et après ?", "webUrl": "https://b.example/a"}])),
        "content/repete.md": item("Une grue tombe dans le bassin", "2026-11-12T09:00:00Z",
                                  excerpt=json.dumps(AGAIN), body=AGAIN),
    }, BASIC_CONFIG + f"language: {language}\n")
    status, said = build_said(site, capsys)
    assert status == 0, said
    return site / "output"


def test_every_output_of_a_french_site_holds_the_no_break_spaces_once(tmp_path, capsys):
    out = _site(tmp_path, capsys, "fr")
    story = (out / "news/2026/11/20/port/index.html").read_text(encoding="utf-8")
    assert f"<h1>{TYPESET_TITLE}</h1>" in re.sub(r"<h1[^>]*>", "<h1>", story)
    assert TYPESET_EXCERPT in story
    assert f"Le port{NBSP}: et après{NNBSP}?" in story  # (the coverage list's)
    latest = (out / "latest/index.html").read_text(encoding="utf-8")
    assert TYPESET_TITLE in latest and TYPESET_EXCERPT in latest
    # feeds: the characters, escaped once (no entity, nor one written again)
    atom = (out / "feeds/latest.xml").read_text(encoding="utf-8")
    rss = (out / "feeds/latest.rss").read_text(encoding="utf-8")
    feed = json.loads((out / "feeds/latest.json").read_text(encoding="utf-8"))
    assert f"<title>{TYPESET_TITLE}</title>" in atom and f"<title>{TYPESET_TITLE}</title>" in rss
    assert feed["items"][0]["title"] == TYPESET_TITLE
    # the JSON API, and the search index's record that the results show
    news = json.loads((out / "api/news/index.json").read_text(encoding="utf-8"))["news"]
    assert (news[0]["title"], news[0]["excerpt"]) == (TYPESET_TITLE, TYPESET_EXCERPT)
    index = "".join(path.read_text(encoding="utf-8") for path in sorted((out / "search").rglob("*.json")))
    assert TYPESET_TITLE in index.replace("\\u202f", NNBSP).replace("\\u00a0", NBSP)
    # a body that opens with the excerpt: the page says it once, as on any site
    again = (out / "news/2026/11/12/repete/index.html").read_text(encoding="utf-8")
    assert 'class="lede"' not in again and 'class="body"><p>Les dockers' in again
    for text in (story, latest, atom, rss, index):
        assert "#8239" not in text and "&amp;#" not in text and "&nbsp;" not in text


def test_other_languages_keep_the_spaces_as_written(tmp_path, capsys):
    out = _site(tmp_path, capsys, "en")
    story = (out / "news/2026/11/20/port/index.html").read_text(encoding="utf-8")
    assert "ferme-t-il ? Les" in story and NNBSP not in story.replace("\\u202f", "")
    news = json.loads((out / "api/news/index.json").read_text(encoding="utf-8"))["news"]
    assert news[0]["title"] == TITLE


NAMES_CONFIG = BASIC_CONFIG + """\
topics:
  - name: "Mer : ports"
    description: "La mer : ses ports ; ses marins !"
providers:
  - domain: radio.example
    name: "Radio Côte : l’info"
    description: "Une radio ? Oui : la nôtre."
redirects:
  /radio/: {{provider: "Radio Côte : l’info"}}
  /ouest/: {{provider: "ouest : MATIN !"}}
language: {language}
"""


def _names_site(tmp_path, capsys, language: str):
    site = make_site(tmp_path / language, {
        "content/maire.md": item("Le maire parle", topics='["Mer : ports", "Pêche ? Oui"]', body=BODY,
                                 provider=json.dumps({"name": "Radio Côte : l’info", "domain": "radio.example"})),
        "content/quai.md": item("Le quai", "2026-11-19T10:00:00Z", topics='["Pêche ? Oui"]',
                                provider=json.dumps({"name": "Ouest : matin !", "domain": "ouest.example"})),
    }, NAMES_CONFIG.format(language=language))
    status, said = build_said(site, capsys)
    assert status == 0, said
    return site / "output"


def test_a_french_sites_bodies_and_names_are_typeset_in_every_output(tmp_path, capsys):
    out = _names_site(tmp_path, capsys, "fr")
    radio, ouest, mer, peche = (f"Radio Côte{NBSP}: l’info", f"Ouest{NBSP}: matin{NNBSP}!", f"Mer{NBSP}: ports",
                                f"Pêche{NNBSP}? Oui")
    story = (out / "news/2026/11/20/maire/index.html").read_text(encoding="utf-8")
    assert BODY_HTML.replace("\n", "") in story.replace("\n", "")
    assert radio in story and mer in story and peche in story
    assert (out / "news/2026/11/19/quai/index.html").read_text(encoding="utf-8").count(ouest) >= 1
    topic = (out / "topics/mer-ports/index.html").read_text(encoding="utf-8")
    assert f">{mer}</h1>" in topic and f"La mer{NBSP}: ses ports{NNBSP}; ses marins{NNBSP}!" in topic
    assert f">{peche}</h1>" in (out / "topics/peche-oui/index.html").read_text(encoding="utf-8")
    provider = (out / "providers/radio-example/index.html").read_text(encoding="utf-8")
    assert radio in provider and f"Une radio{NNBSP}? Oui{NBSP}: la nôtre." in provider
    assert ouest in (out / "providers/index.html").read_text(encoding="utf-8")
    # (config.yaml's redirects name providers with the spaces it writes)
    for old, new in (("radio", "radio-example"), ("ouest", "ouest-example")):
        assert f'content="0; url=https://example.org/providers/{new}/"' in (out / old / "index.html").read_text(
            encoding="utf-8")
    # the theme's own French words too (fr.yaml writes plain spaces, as translators type them)
    assert f"Les articles appartiennent à leurs sources{NNBSP}; chacun" in story
    # the feeds and the API carry the same characters (neither holds bodies)
    atom = (out / "feeds/latest.xml").read_text(encoding="utf-8")
    assert f"<title>Test News{NBSP}: derniers articles</title>" in atom
    assert f"<name>{radio}</name>" in atom and f'<category term="{mer}"' in atom
    assert json.loads((out / "feeds/latest.json").read_text(encoding="utf-8"))["items"][1]["authors"] == [
        {"name": ouest, "url": "https://ouest.example/"}]
    assert f"<title>{mer} · " in (out / "topics/mer-ports/feed.xml").read_text(encoding="utf-8")
    news = json.loads((out / "api/news/index.json").read_text(encoding="utf-8"))["news"]
    assert {entry["provider"]["name"] for entry in news} == {radio, ouest}
    topics = json.loads((out / "api/topics/index.json").read_text(encoding="utf-8"))
    assert {mer, peche} <= {entry["name"] for entry in topics["topics"]}
    index = "".join(path.read_text(encoding="utf-8") for path in sorted((out / "search").rglob("*.json")))
    assert radio in index.replace("\\u202f", NNBSP).replace("\\u00a0", NBSP)


def test_serve_indexes_an_edit_of_a_french_item_as_a_build_does(tmp_path, capsys):
    # (the topic named by its items, "Pêche ? Oui", is the same topic after an edit: serve's fast path, not a build)
    import dataclasses

    from generator.build.pipeline import BuildOptions, plan_site
    from generator.config.load import load_config
    from generator.site.reindex import reindexed

    _names_site(tmp_path, capsys, "fr")
    config = load_config(tmp_path / "fr" / "config.yaml")
    plan = plan_site(config, BuildOptions(), environ={})
    site = plan.model.site
    index = next(n for n, item in enumerate(site.items) if item.title == "Le quai")
    moved = reindexed(site, index, dataclasses.replace(site.items[index], heat=40.0), plan.topic_defs, "fr")
    assert moved is not None and moved.site.topics["peche-oui"].name == f"Pêche{NNBSP}? Oui"


def test_an_english_site_of_the_same_text_keeps_every_space_as_written(tmp_path, capsys):
    out = _names_site(tmp_path, capsys, "en")
    files = [path for path in sorted(out.rglob("*")) if path.suffix in (".html", ".xml", ".json", ".rss")]
    assert len(files) > 20
    for path in files:
        text = path.read_text(encoding="utf-8").replace("\\u202f", NNBSP).replace("\\u00a0", NBSP)
        assert NNBSP not in text and NBSP not in text and "&nbsp;" not in text, path
    story = (out / "news/2026/11/20/maire/index.html").read_text(encoding="utf-8")
    assert render_markdown(BODY).replace("\n", "") in story.replace("\n", "")
    assert ">Mer : ports</h1>" in (out / "topics/mer-ports/index.html").read_text(encoding="utf-8")


# Titles and excerpts of many lengths, so that some of their marks fall at a line's end at 390 px.
WORDS = ["le", "port", "ferme", "demain", "pêcheurs", "mairie", "quand", "bientôt", "marins", "tempête", "quai",
         "navire", "hiver", "vent", "conseil", "maire", "ville", "bateau"]


def _story(n: int) -> str:
    words = [WORDS[(n * 7 + k * 3) % len(WORDS)] for k in range(3 + n % 9)]
    more = [WORDS[(n * 5 + k) % len(WORDS)] for k in range(2 + n % 5)]
    title = " ".join(words).capitalize() + " ? " + " ".join(more) + " : « " + WORDS[n % len(WORDS)] + " ! »"
    excerpt = ("« " + " ".join(more) + " » ; " + " ".join(words) + " ? Ils disent : " + " ".join(reversed(words))
               + " !")
    return item(title, f"2026-11-{1 + n % 20:02d}T10:{n % 60:02d}:00Z", excerpt=json.dumps(excerpt))


# Where a line starts with one of `? : ! ; »` that a space followed, or ends with a « a space followed: the
# text up to that mark. (Each mark's box against that of the character before the space.)
LINE_STARTS = """(selector) => {
  const found = [];
  let marks = 0;
  const box = (node, at) => { const range = document.createRange(); range.setStart(node, at);
    range.setEnd(node, at + 1); return range.getClientRects()[0]; };
  for (const element of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node; (node = walker.nextNode());) {
      const text = node.data;
      for (let i = 1; i + 1 < text.length; i++) {
        const closing = "?:!;»".includes(text[i]), opening = text[i] === "«";
        if (!closing && !opening) continue;
        const other = closing ? i - 2 : i + 2;
        if (!/\\s/.test(text[closing ? i - 1 : i + 1]) || other < 0 || other >= text.length) continue;
        marks += 1;
        const mark = box(node, i), beside = box(node, other);
        if (mark && beside && Math.abs(mark.top - beside.top) > mark.height / 2) found.push(text.slice(0, i + 1));
      }
    }
  }
  return {marks, found};
}"""


@pytest.mark.slow
def test_no_line_of_a_french_page_starts_with_a_lone_mark_on_a_phone(browser, tmp_path, capsys):
    files = {f"content/s{n}.md": _story(n) for n in range(40)}
    files["content/goelettes.md"] = item("Où sont les goélettes ?", "2026-11-21T10:00:00Z")
    french = _site(tmp_path, capsys, "fr", files)
    english = _site(tmp_path, capsys, "en", files)  # (the same text on a site in English: its marks may)
    said = {}
    for name, out in (("fr", french), ("en", english)):
        with static_server(out) as base:
            context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
            try:
                tab = context.new_page()
                tab.goto(base + "latest/")
                said[name] = {390: tab.evaluate(LINE_STARTS, ".card-title, .excerpt")}
                for width in range(320, 431, 10):  # (and phones a little narrower or wider)
                    tab.set_viewport_size({"width": width, "height": 844})
                    said[name][width] = tab.evaluate(LINE_STARTS, ".card-title, .excerpt")
                if name == "fr":
                    # a story page's headline and lede too
                    tab.set_viewport_size({"width": 390, "height": 844})
                    tab.goto(base + "news/2026/11/09/s8/")
                    story = tab.evaluate(LINE_STARTS, "h1, .lede")
                    assert story["marks"] and story["found"] == []
                    # and the search finds the word before a mark, and shows the title as the pages do
                    tab.goto(base + "search/?q=go%C3%A9lettes")
                    results = tab.locator("#search-results .card-title a")
                    results.first.wait_for(timeout=10_000)
                    assert results.all_inner_texts() == [f"Où sont les goélettes{NNBSP}?"]
            finally:
                context.close()
    assert said["fr"][390]["marks"] > 100
    assert {width: found["found"] for width, found in said["fr"].items() if found["found"]} == {}
    # (the check sees a mark that starts a line: the English site's text, the same, breaks there at some widths)
    assert said["en"][390]["marks"] == said["fr"][390]["marks"]
    assert any(found["found"] for found in said["en"].values())
