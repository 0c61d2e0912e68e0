"""What a reader sees and hears of the page's languages: the search results' dates written as the cards' are
("3 hours ago" in the language of the theme's words), and the theme's words marked with their language when it is
not the content's (a screen reader reads each text in the voice of its `lang`)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import html5lib
import pytest
import yaml

from conftest import ROOT, build_site, item, make_site, static_server

from generator.i18n import load_words

NOW = "2026-11-20T13:00:00Z"  # the reader's clock in the browser
NODE_MODULES = ROOT / "node_modules"


def site(tmp_path, language: str, titles=("Fresh story", "An old story"), provider="Daily Circuit", topic="Robots",
         settings: str = "", name: str = "", **more: str):
    """A site of two stories (`name`: its title; `settings`: more lines of its config); more files as `path=text`."""
    config = (f"title: {name or titles[0] + ' news'}\nbase_url: https://example.org/news/\nlanguage: {language}\n"
              f"now: \"{NOW}\"\n{settings}")
    files = {"content/fresh.md": item(titles[0], "2026-11-20T10:00:00Z", heat=98.3, topics=f"[{topic}]",
                                      provider=f"{{name: {provider}, domain: daily.example}}"),
             "content/old.md": item(titles[1], "2026-11-01T08:00:00Z", heat=40, topics=f"[{topic}]"), **more}
    root = make_site(tmp_path / f"site-{language}", files, config)
    config, _ = build_site(root)
    return config


def _open(browser, url: str):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    tab = context.new_page()
    tab.clock.set_fixed_time(NOW)
    tab.goto(url)
    return context, tab


# Each date shown: its text, its title (the written date, once rewritten), its language as a screen reader takes it
TIMES = """(selector) => [...document.querySelectorAll(selector)].map(t => ({when: t.getAttribute('datetime').slice(0, 16),
  text: t.textContent, title: t.title, lang: t.closest('[lang]').getAttribute('lang')}))"""


@pytest.mark.slow
@pytest.mark.parametrize("language, words, fresh, lang", [
    ("en", "", "3 hours ago", "en"), ("de", "", "vor 3 Stunden", "de"),
    ("zh", "", "3 hours ago", "en"),  # (no Chinese words: English)
    # (a few: the page's language; "3 hours ago" and a written date's month English, marked so)
    ("zh", "latest: 最新\n", "3 hours ago", "en"),
    ("zh", "latest: 最新\nhours_ago: {other: \"{n}小时前\"}\n", "3小时前", "zh")])
def test_search_results_write_dates_as_the_cards_do(browser, tmp_path, language, words, fresh, lang):
    config = site(tmp_path, language, **({"themes/default/i18n/zh.yaml": words} if words else {}))
    with static_server(config.output_path, "/news/") as base:
        context, tab = _open(browser, base + "latest/")
        try:
            cards = {t["when"]: t for t in tab.evaluate(TIMES, "main time")}
            assert cards["2026-11-20T10:00"]["text"] == fresh
            tab.goto(base + "search/?q=story")
            tab.locator("#search-results li").nth(1).wait_for(timeout=10_000)
            found = {t["when"]: t for t in tab.evaluate(TIMES, "#search-results time")}
            assert set(found) == {"2026-11-20T10:00", "2026-11-01T08:00"}
            # as on the cards: "3 hours ago" in the words' language, the written date in its title; a date a week
            # old or more written as the cards write it
            for when in found:
                assert found[when] == cards[when], when
            assert found["2026-11-20T10:00"]["lang"] == lang
            assert found["2026-11-01T08:00"]["text"] != "2026-11-01T08:00"
            if words:  # "1 Nov 2026": its month's name English, and said to be
                assert found["2026-11-01T08:00"]["lang"] == "en"
        finally:
            context.close()


# Each text a reader can meet on the page (text nodes, and the labels and titles a screen reader says), with the
# language it is read in: its element's nearest `lang`. Hidden parts (aria-hidden, scripts, a closed template) are
# not read, nor is a title that is the element's own text (the feed icon's tooltip): browsers give it to screen
# readers once, as the name.
SPOKEN = r"""() => {
  const out = [], hidden = el => el.closest('script, style, template, noscript, [aria-hidden="true"]');
  const same = (el, text) => el.textContent.replace(/\s+/g, ' ').trim() === text.replace(/\s+/g, ' ').trim();
  const lang = el => el.closest('[lang]').getAttribute('lang');
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node; (node = walker.nextNode());) {
    const el = node.parentElement, text = node.textContent.trim();
    if (text && !hidden(el)) out.push([lang(el), text, el.outerHTML.slice(0, 80)]);
  }
  for (const el of document.body.querySelectorAll('[aria-label], [title], [alt]'))
    for (const name of ['aria-label', 'title', 'alt'])
      if (el.getAttribute(name) && !hidden(el) && !(name === 'title' && same(el, el.getAttribute(name)))) out.push([lang(el), el.getAttribute(name), name + ' of ' + el.tagName]);
  return out;
}"""
HAN = re.compile("[\u4e00-\u9fff]")
LATIN = re.compile("[A-Za-z]{2}")
ZH_TITLES = ("上海机器人新闻", "旧的文章")
ZH_MORE = {  # Chinese names and text wherever the content gives any
    "content/download.md": item("广州下载", "2026-11-18T12:00:00Z", type="download", size=58123456,
                                topics="[机器人]", excerpt="'下载说明'", author="'金记者'",
                                provider="{name: 每日, domain: daily.example}", body="'正文内容.'",
                                related="[{title: '另一篇文章', webUrl: 'https://other.example/a', "
                                        "publishedDateTime: 2026-11-18T12:20:00Z}]"),
}


def _pages(tab, base: str) -> dict[str, str]:
    """The kinds of page, the topic's and the provider's as the story page links them."""
    tab.goto(base + "news/2026/11/18/download/")
    links = tab.evaluate("() => [...document.querySelectorAll('main a')].map(a => a.href)")
    return {"front": base, "latest": base + "latest/", "story": base + "news/2026/11/18/download/",
            "topic": next(link for link in links if "/topics/" in link),
            "provider": next(link for link in links if "/providers/" in link),
            "topics": base + "topics/", "providers": base + "providers/",
            "search": base + "search/?q=%E6%9C%BA%E5%99%A8%E4%BA%BA"}


def _spoken_on_each_page(tab, base: str):
    """(kind of page, each text with the language a screen reader reads it in) for each kind of page; axe
    (whose valid-lang is among its rules) finds no violation on any of them."""
    for name, url in _pages(tab, base).items():
        tab.goto(url)
        if name == "search":
            tab.locator("#search-results li").nth(2).wait_for(timeout=10_000)
        yield name, tab.evaluate(SPOKEN)
        if (NODE_MODULES / "axe-core" / "axe.min.js").is_file():
            tab.add_script_tag(path=str(NODE_MODULES / "axe-core" / "axe.min.js"))
            found = tab.evaluate("() => axe.run(document, {resultTypes: ['violations']})")["violations"]
            assert [v["id"] for v in found] == [], name


@pytest.mark.slow
def test_the_themes_english_words_are_marked_english_on_a_site_without_its_languages_words(browser, tmp_path):
    """A `zh` site without Chinese words shows the theme's words in English: a screen reader must read them in an
    English voice, and the stories' Chinese titles, excerpts and names in a Chinese one."""
    config = site(tmp_path, "zh", ZH_TITLES, "每日", "机器人", **ZH_MORE)
    with static_server(config.output_path, "/news/") as base:
        context, tab = _open(browser, base)
        try:
            for name, spoken in _spoken_on_each_page(tab, base):
                chinese = [s for s in spoken if HAN.search(s[1]) and not LATIN.search(s[1])]
                english = [s for s in spoken if LATIN.search(s[1]) and not HAN.search(s[1])]
                assert chinese and english, name
                assert [s for s in chinese if s[0] != "zh"] == [], name
                assert [s for s in english if s[0] != "en"] == [], name
                assert tab.evaluate("document.documentElement.lang") == "zh"  # the content's, as the site says
        finally:
            context.close()


ZH_WORDS = "latest: 最新\ntop: 热门\n"  # a site's own Chinese words (a few of them)


# a site's own words file with every key (Japanese's words, as a Chinese file: what is checked is the marks)
ZH_ALL_WORDS = (ROOT / "themes" / "default" / "i18n" / "ja.yaml").read_text("utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("language, files", [("de", {}), ("en", {}),
                                             ("zh", {"themes/default/i18n/zh.yaml": ZH_ALL_WORDS})])
def test_nothing_is_marked_as_another_language_when_the_words_are_the_sites(browser, tmp_path, language, files):
    """The other way round: where the theme's words are in the site's language (its own file, or a site's words
    file with every key), the page is one language and nothing says otherwise."""
    config = site(tmp_path, language, **files, **{"content/download.md": ZH_MORE["content/download.md"]})
    with static_server(config.output_path, "/news/") as base:
        context, tab = _open(browser, base)
        try:
            for name, url in _pages(tab, base).items():
                if name == "search":
                    continue  # (checked above)
                tab.goto(url)
                spoken = tab.evaluate(SPOKEN)
                assert spoken and {s[0] for s in spoken} == {language}, name
        finally:
            context.close()


@pytest.mark.slow
def test_the_nu_checker_finds_the_marked_pages_valid(tmp_path):
    vnu, java = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar", shutil.which("java")
    if not vnu.is_file() or not java:
        pytest.skip("the Nu HTML checker (npm ci) or java is missing")
    config = site(tmp_path, "zh", ZH_TITLES, "每日", "机器人", **ZH_MORE)
    run = subprocess.run([java, "-jar", str(vnu), "--format", "json", "--skip-non-html", str(config.output_path)],
                         capture_output=True, text=True, timeout=300)
    messages = json.loads(run.stderr or run.stdout)["messages"]
    assert len(list(config.output_path.rglob("*.html"))) > 5
    assert [f"{m.get('url', '?')}: {m['message']}" for m in messages] == []


# What the head says, and in which language each part is read: (element, its text, its `lang` or the page's)
def _head(path) -> tuple[str, list[tuple[str, str, str]]]:
    doc = html5lib.parse(path.read_bytes(), transport_encoding="utf-8", namespaceHTMLElements=False)
    page, said = doc.get("lang"), []
    for element in doc.find("head"):
        text = (element.text if element.tag == "title" else element.get("title") if element.tag == "link"
                else element.get("content") if element.tag == "meta" else None)
        name = element.get("name") or element.get("property") or element.get("rel") or element.tag
        if text and name not in ("generator", "viewport", "color-scheme", "theme-color", "og:url", "og:locale",
                                 "og:type", "twitter:card", "og:image", "twitter:image", "robots",
                                 "og:image:width", "og:image:height", "article:published_time"):
            said.append((name, text, element.get("lang", page)))
    return page, said


def test_the_heads_theme_words_are_marked_english_and_the_rest_is_the_sites_language(tmp_path):
    """A `zh` site without Chinese words: the head is in the document's language, the site's (what search engines,
    `og:locale` and the story's JSON-LD say), but for what is the theme's words alone: the description, link
    preview and feed names of a page the theme names (Latest, Topics, Search ...), which say they are English
    (RDFa reads an Open Graph tag's language from its `lang`). A title that is both ("Latest · <site title>")
    stays in the document's: a browser gives it to screen readers in that language whatever its own `lang`."""
    config = site(tmp_path, "zh", ZH_TITLES, "每日", "机器人", **ZH_MORE)
    pages = sorted(config.output_path.rglob("*.html"))
    assert len(pages) > 8
    english_titles = 0
    for path in pages:
        page, said = _head(path)
        assert page == "zh", path
        for name, text, lang in said:
            if name == "title":
                assert lang == "zh", (path, text)  # (no lang of its own)
                english_titles += bool(LATIN.search(text))
            elif HAN.search(text):
                assert lang == "zh", (path, name, text)
            else:
                assert LATIN.search(text) and lang == "en", (path, name, text)
        assert {name for name, _, _ in said} >= {"title", "description", "og:title", "og:site_name"}, path
    assert english_titles  # (the pages the theme names: "Latest · 上海机器人新闻 news")


@pytest.mark.parametrize("language, files", [("de", {}), ("en", {}), ("zh", {"themes/default/i18n/zh.yaml": ZH_WORDS})])
def test_no_head_element_is_marked_when_the_words_are_the_sites(tmp_path, language, files):
    config = site(tmp_path, language, **files, **{"content/download.md": ZH_MORE["content/download.md"]})
    pages = sorted(config.output_path.rglob("*.html"))
    assert len(pages) > 8
    for path in pages:
        page, said = _head(path)
        assert page == language and said and {lang for _, _, lang in said} == {language}, path


@pytest.mark.slow
def test_the_words_a_partial_words_file_lacks_are_marked_english_and_only_they(browser, tmp_path):
    """A site's own zh.yaml with a few keys: the page is Chinese, the words it lacks are shown in English, and a
    screen reader must read those (and only those) in an English voice."""
    config = site(tmp_path, "zh", ZH_TITLES, "每日", "机器人", **ZH_MORE, **{"themes/default/i18n/zh.yaml": ZH_WORDS})
    with static_server(config.output_path, "/news/") as base:
        context, tab = _open(browser, base)
        try:
            for name, spoken in _spoken_on_each_page(tab, base):
                said = {(lang, text) for lang, text, _ in spoken}
                assert ("zh", "最新") in said and ("zh", "热门") in said, name  # translated: the page's language
                assert ("en", "Hot") in said and ("en", "Skip to content") in said, name  # shown in English
                assert [s for s in spoken if s[0] == "en" and HAN.search(s[1])] == [], name
                assert {s[0] for s in spoken} == {"zh", "en"}, name
        finally:
            context.close()
    # the Nu checker: the marked pages are valid
    vnu, java = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar", shutil.which("java")
    if vnu.is_file() and java:
        run = subprocess.run([java, "-jar", str(vnu), "--format", "json", "--skip-non-html", str(config.output_path)],
                             capture_output=True, text=True, timeout=300)
        assert [m["message"] for m in json.loads(run.stderr or run.stdout)["messages"]] == []


# Each text node of an element with the language a screen reader reads it in
TEXTS = r"""(selector) => {
  const out = [], walker = document.createTreeWalker(document.querySelector(selector), NodeFilter.SHOW_TEXT);
  for (let node; (node = walker.nextNode());)
    if (node.textContent.trim()) out.push([node.parentElement.closest('[lang]').getAttribute('lang'), node.textContent]);
  return out;
}"""


@pytest.mark.slow
def test_the_words_search_shows_say_english_where_a_partial_words_file_lacks_them(browser, tmp_path):
    """search.js's own words (the result count, "did you mean", no results, the cards' signals) and the search
    page's (its filters) come from the site's words: those a partial zh.yaml lacks are shown in English and say
    so, in English's plural forms, and what the reader typed stays in the page's language."""
    words = "latest: 最新\ntop: 热门\nhot_signal: 话题\nall_providers: 所有提供者\nsearch_none: \"{query}: 没有结果\"\n"
    config = site(tmp_path, "zh", ZH_TITLES, "每日", "机器人", **ZH_MORE, **{
        "themes/default/i18n/zh.yaml": words,
        "content/plant.md": item("植物文章", "2026-11-19T09:00:00Z", excerpt="'quillwort 故事'")})
    with static_server(config.output_path, "/news/") as base:
        context, tab = _open(browser, base)
        try:
            status = tab.locator("#search-status")
            tab.goto(base + "search/?q=%E6%9C%BA%E5%99%A8%E4%BA%BA")  # 机器人: three stories
            tab.locator("#search-results li").nth(2).wait_for(timeout=10_000)
            assert tab.evaluate(TEXTS, "#search-status") == [["en", "3 results for \u201c"], ["zh", "机器人"],
                                                               ["en", "\u201d"]]
            names = tab.evaluate(TEXTS, "#search-results")
            assert ["zh", "话题"] in names and ["en", "Heat"] in names  # the hot story's translated, the others' not
            assert [text for lang, text in names if lang == "en" and HAN.search(text)] == []
            labels = tab.evaluate(TEXTS, "#search-form")
            assert ["en", "Topic"] in labels and ["en", "All topics"] in labels and ["zh", "所有提供者"] in labels
            assert ["en", "Search stories"] in labels and ["en", "Sort by"] in labels
            assert ["zh", "机器人 (3)"] in labels  # a choice under the form's English label: the content's language
            assert ["en", "Download"] in names  # a type's badge the file lacks
            tab.goto(base + "search/?q=%E5%B9%BF%E5%B7%9E")  # 广州: one story, in English's singular
            tab.locator("#search-results li").first.wait_for(timeout=10_000)
            assert tab.evaluate(TEXTS, "#search-status") == [["en", "1 result for \u201c"], ["zh", "广州"],
                                                               ["en", "\u201d"]]
            tab.goto(base + "search/?q=quilwort")  # one letter missing: did you mean
            tab.locator("#search-suggestion a").wait_for(timeout=10_000)
            assert tab.evaluate(TEXTS, "#search-suggestion") == [["en", "Did you mean "], ["zh", "quillwort"],
                                                                   ["en", "? Showing results for it."]]
            tab.fill("#search-q", "鹦鹉螺")  # no results: the site's own words, nothing marked
            status.get_by_text("没有结果").wait_for(timeout=10_000)
            assert tab.evaluate(TEXTS, "#search-status") == [["zh", "鹦鹉螺"], ["zh", ": 没有结果"]]
        finally:
            context.close()


def _said_in_body(path) -> list[tuple[str, str, str]]:
    """(language, text, where) of each text of a built page's body, and of its labels and titles, with the language
    a screen reader reads it in: its element's nearest lang (as SPOKEN, without a browser)."""
    doc = html5lib.parse(path.read_bytes(), transport_encoding="utf-8", namespaceHTMLElements=False)
    said = []

    def walk(element, lang):
        lang = element.get("lang", lang)
        if element.get("aria-hidden") == "true" or element.tag in ("script", "style", "template"):
            return
        for name in ("aria-label", "title"):
            if element.get(name) and not (name == "title" and _is_its_text(element, element.get(name))):
                said.append((lang, element.get(name), f"{name} of {element.tag}"))
        if (element.text or "").strip():
            said.append((lang, element.text.strip(), element.tag))
        for child in element:
            walk(child, lang)
            if (child.tail or "").strip():
                said.append((lang, child.tail.strip(), element.tag))

    walk(doc.find("body"), doc.get("lang"))
    return said


def _is_its_text(element, text: str) -> bool:
    """Whether `text` (a title) is the element's own text, which browsers give screen readers once, as its name."""
    return " ".join("".join(element.itertext()).split()) == " ".join(text.split())


def test_an_english_label_says_so_and_the_names_under_it_keep_the_sites_language(tmp_path):
    """A partial words file: a label or title shown in English is read in English where the element holds only
    theme words (the feed icon, a story's "+N sources"), or where what else it holds is the content, which is
    marked with the site's language again (a card's "Topics" and its names, "More on <topic>", "Read the full
    story on <provider>"). A label of both, words and a name, is text whose parts say their language (the feed
    icon's "Subscribe to <topic>", whose title repeats it as the icon's tooltip)."""
    linked = item("链接文章", "2026-11-19T10:00:00Z", topics="[机器人]", webUrl="https://daily.example/a",
                  provider="{name: 每日, domain: daily.example}")
    config = site(tmp_path, "zh", ZH_TITLES, "每日", "机器人", **{"content/linked.md": linked,
                                                                 "themes/default/i18n/zh.yaml": ZH_WORDS})
    front = _said_in_body(config.output_path / "index.html")
    assert ("en", "Topics", "aria-label of ul") in front and ("zh", "机器人", "a") in front
    assert ("en", "Subscribe to Latest stories (Atom feed; RSS and JSON Feed also available)", "span") in front
    topic = _said_in_body(next(config.output_path.glob("topics/*/index.html")))
    assert {("en", "Subscribe to", "span"), ("zh", "机器人", "span"),
            ("en", "(Atom feed; RSS and JSON Feed also available)", "span")} <= set(topic)
    story = _said_in_body(next(config.output_path.rglob("linked/index.html")))
    assert {("en", "Read the full story on", "span"), ("zh", "每日", "span"), ("en", "More on", "h2"),
            ("zh", "机器人", "span")} <= set(story)
    for path in (config.output_path / "index.html", next(config.output_path.rglob("linked/index.html")),
                 next(config.output_path.glob("topics/*/index.html"))):
        for lang, text, where in _said_in_body(path):
            if lang == "en":
                assert not HAN.search(text), (path, text, where)
    # a full words file: nothing is marked English
    config = site(tmp_path / "all", "zh", ZH_TITLES, "每日", "机器人", **{"content/linked.md": linked,
                                                                         "themes/default/i18n/zh.yaml": ZH_ALL_WORDS})
    for path in (config.output_path / "index.html", next(config.output_path.rglob("linked/index.html"))):
        assert {lang for lang, _, _ in _said_in_body(path)} == {"zh"}, path


@pytest.mark.parametrize("words, said", [
    # the feed's word translated, the sentence not: the word says the page's language inside the English sentence
    ("latest_stories: 最新文章\n", [("en", "Subscribe to"), ("zh", "最新文章"),
                                   ("en", "(Atom feed; RSS and JSON Feed also available)")]),
    # the other way round: the English word in the page's sentence
    ("subscribe: \"{feed} 订阅\"\n", [("en", "Latest stories"), ("zh", "订阅")])])
def test_the_feed_icons_name_marks_each_of_its_words_in_its_language(tmp_path, words, said):
    config = site(tmp_path, "zh", ZH_TITLES, "每日", "机器人", **{"themes/default/i18n/zh.yaml": words})
    doc = html5lib.parse((config.output_path / "index.html").read_bytes(), transport_encoding="utf-8",
                         namespaceHTMLElements=False)
    icon = next(a for a in doc.iter("a") if a.get("class") == "feed-icon")
    assert [(lang, text) for _, lang, text, _ in _texts(icon, "zh")] == said
    assert _is_its_text(icon, icon.get("title"))  # (the tooltip: the same text)


EN_WORDS = yaml.safe_load((ROOT / "themes" / "default" / "i18n" / "en.yaml").read_text("utf-8"))
ZH_MONTHS = "[" + ", ".join(f"{n}月" for n in range(1, 13)) + "]"
ZH_DATES = (f"months: {ZH_MONTHS}\nmonths_short: {ZH_MONTHS}\ndate_long: \"%Y年%B%-d日\"\n"
            "date_short: \"%Y年%b%-d日\"\ndate_time: \"%Y年%B%-d日 %H:%M\"\n")


def _english_words(keys) -> set[str]:
    """The words of en.yaml's texts of these keys (not its placeholders, strftime's codes or the units of sizes,
    which are symbols every language writes alike)."""
    found = set()
    for key in keys:
        if key in ("size_units",):
            continue
        value = EN_WORDS[key]
        for text in value if isinstance(value, list) else value.values() if isinstance(value, dict) else [value]:
            found.update(LATIN_WORD.findall(re.sub(r"\{\w+\}|%-?\w", " ", text)))
    return found


LATIN_WORD = re.compile("[A-Za-z]{2,}")
ZH_BODY = "'上海正文内容.'"


@pytest.mark.parametrize("words", [ZH_WORDS, ZH_WORDS + ZH_DATES], ids=["dates-english", "dates-chinese"])
def test_every_english_word_a_partial_words_file_lacks_is_marked_english_on_every_page(tmp_path, words):
    """A site's own zh.yaml with a few keys: every text on every page that holds words the file lacks (shown from
    en.yaml) is read in an English voice, the labels and titles a screen reader says and the types' badges
    included, dates with English month names too, and nothing Chinese is (the content and translated words inside
    an English text or under an English label say their language again): no text holds both (the feed icon's
    "Subscribe to <topic>", "Topics inside <topic>", "Inside <topic>", a player's "Video: <title>" are text in parts, not one attribute). A type the theme does not know is shown
    as the crawler wrote it, the content's text. With Chinese month names, the dates are the page's language."""
    provider = "{name: 每日, domain: daily.example}"
    content = {
        "themes/default/i18n/zh.yaml": words,
        "content/fresh.md": item("上海机器人活动", "2026-11-20T10:00:00Z", heat=98.3, quality=70, topics="[机器人]",
                                 provider=provider, author="'金记者'", webUrl="https://daily.example/a", body=ZH_BODY),
        "content/fresh2.md": item("上海机器人活动", "2026-11-20T11:00:00Z", heat=60, topics="[机器人]", body=ZH_BODY,
                                  provider="{name: 时报, domain: times.example}", webUrl="https://times.example/a"),
        "content/old.md": item("旧的文章", "2026-11-01T08:00:00Z", heat=40, topics="[航拍]", provider=provider,
                               body=ZH_BODY),
        "content/video.md": item("航拍视频", "2026-11-19T08:00:00Z", type="video", topics="[航拍]", provider=provider,
                                 featuredContent="'<iframe src=\"https://www.youtube.com/embed/dQw4w9WgXcQ\"></iframe>'",
                                 length="'4:13'", body=ZH_BODY),
        "content/download.md": item("广州下载", "2026-11-18T12:00:00Z", type="download", size=58123456,
                                    topics="[机器人]", provider=provider, body=ZH_BODY,
                                    related="[{title: '另一篇文章', webUrl: 'https://dareun.example/a', "
                                            "publishedDateTime: 2026-11-18T12:20:00Z}]"),
        # types the theme does not know: one shown as written, one it cannot show ("Other", a word), and a fifth
        # list, which the footer names
        "content/webinar.md": item("上海网络研讨会", "2026-11-17T12:00:00Z", type="webinar-recording", topics="[机器人]",
                                   provider=provider, body=ZH_BODY),
        "content/odd.md": item("奇怪条目", "2026-11-16T12:00:00Z", type="'<b>!!</b>'", provider=provider,
                               body=ZH_BODY),
        "content/workshop.md": item("广州研讨会", "2026-11-15T12:00:00Z", type="workshop", provider=provider,
                                    body=ZH_BODY)}
    settings = "items_per_page: 2\ntopics:\n  - {name: 机器人, slug: robots}\n  - {name: 航拍, slug: drones, parent: 机器人}\n"
    config = site(tmp_path, "zh", name="上海机器人新闻", settings=settings, **content)
    english = load_words(config).english
    assert {"stories_count", "mostly", "by_author", "type_video", "badge_video", "story_of", "sections", "pages",
            "search_the_stories", "search_results", "more_lists"} <= english  # (what is looked at)
    shown = _english_words(english)
    pages = sorted(config.output_path.rglob("*.html"))
    assert len(pages) > 15
    marked, dates, badges, parts = 0, [], set(), set()
    for path in pages:
        doc = html5lib.parse(path.read_bytes(), transport_encoding="utf-8", namespaceHTMLElements=False)
        for element, lang, text, attribute in _texts(doc.find("body"), doc.get("lang")):
            if not attribute:
                parts.add((lang, text))
            if lang == "en":
                marked += 1
                assert not HAN.search(text), (path, element.tag, attribute, text)
            else:
                assert not shown & set(LATIN_WORD.findall(text)), (path, element.tag, attribute, text)
            if element.tag == "time":
                dates.append((lang, text))
            if element.get("class") == "badge":
                badges.add((lang, text))
    assert marked and dates
    # the labels of both, in parts: the feed icon's name (its title, the same text, is not said again), the
    # sub-topics' lists' names
    assert {("en", "Subscribe to"), ("en", "Topics inside"), ("en", "Inside"), ("zh", "机器人")} <= parts
    # the player's name: "Video:" in English, the story's title in Chinese, and its tooltip the same words
    assert {("en", "Video:"), ("zh", "航拍视频")} <= parts
    # a video's length, in English's units a file without `length_minute` lacks, said in full (its short form is
    # hidden from screen readers)
    assert ("en", "4 minutes") in parts and not any("4 min" == text for _, text in parts)
    player = html5lib.parse(next(config.output_path.rglob("video/index.html")).read_bytes(),
                            transport_encoding="utf-8", namespaceHTMLElements=False)
    frame = next(player.iter("iframe"))
    label = next(e for e in player.iter() if e.get("id") == frame.get("aria-labelledby"))
    assert _is_its_text(label, frame.get("title")) and frame.get("title") == "Video: 航拍视频"
    assert badges == {("en", "Video"), ("en", "Download"), ("en", "Other"), ("zh", "Webinar-recording"),
                      ("zh", "Workshop")}
    if "months" in words:  # the dates in Chinese: the page's language
        assert {lang for lang, _ in dates} == {"zh"} and all("月" in text for _, text in dates)
    else:
        assert {lang for lang, _ in dates} == {"en"}


def _texts(element, lang):
    """(element, its language, text, "" or the attribute it is) of each text node under `element` and each label,
    title and alt text a screen reader says: what a reader meets (as SPOKEN, with html5lib, and the monograms
    beside providers' names, which are hidden from screen readers, and a title that is the element's own text,
    said once as its name, left out)."""
    lang = element.get("lang", lang)
    if element.tag in ("script", "style", "template") or element.get("aria-hidden") == "true":
        return
    for name in ("aria-label", "title", "alt"):
        if name == "title" and element.get("aria-labelledby"):
            continue  # (a tooltip: the name is the labelling text, which says the same words in parts)
        if (element.get(name) or "").strip() and not (name == "title" and _is_its_text(element, element.get(name))):
            yield element, lang, element.get(name).strip(), name
    if (element.text or "").strip():
        yield element, lang, element.text.strip(), ""
    for child in element:
        yield from _texts(child, lang)
        if (child.tail or "").strip():
            yield element, lang, child.tail.strip(), ""
