"""Text that an output shows cut (a card's excerpt, a related story's, the page's description and its link
preview's, the search index's and the search page's snippets) keeps what the whole text keeps: each direction
override or isolate a crawler's field opens is closed (the model closes them, generator/site/text.py), so that
a cut cannot turn around the ellipsis and what a reader's line shows after it."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from conftest import BASIC_CONFIG, build_site, html_elements, item, make_site

OPENERS, PDF, PDI = "\u202a\u202b\u202d\u202e\u2066\u2067\u2068", "\u202c", "\u2069"


def left_open(text: str) -> list[str]:
    """The direction embeddings, overrides and isolates `text` leaves open at its end (the Unicode algorithm's
    rules: a PDF closes the last embedding but no isolate, a PDI its isolate and what was opened in it)."""
    opened: list[str] = []
    for char in text:
        if char in OPENERS:
            opened.append(char)
        elif char == PDF and opened and opened[-1] < "\u2066":
            opened.pop()
        elif char == PDI and any(c >= "\u2066" for c in opened):
            while opened.pop() < "\u2066":
                pass
    return opened


# Overrides and isolates that a cut at each output's length takes the end of: 200, 220, 300 and 400 characters
WORDS = " ".join(f"w{n:03d}" for n in range(120))  # 599 characters
EXCERPTS = [WORDS[:at] + opener + WORDS[at:] + close for at in (150, 190, 260, 350)
            for opener, close in (("\u202e", "\u202c"), ("\u2067", "\u2069"), ("\u202b\u2066", "\u2069\u202c"))]


def _files() -> dict[str, str]:
    files = {}
    for n, excerpt in enumerate(EXCERPTS):
        related = [{"title": f"Related {n}", "webUrl": f"https://r.example/{n}", "excerpt": excerpt}]
        files[f"content/s{n}.md"] = item(f"Story {n}", date=f"2026-11-20T10:{n:02d}:00Z", excerpt=json.dumps(excerpt),
                                         related=json.dumps(related), topics="[Cuts]")
    return files


def _strings(name: str, data: bytes):
    """Every text an output holds that a reader shows as one run: an HTML page's text nodes and attribute values
    (html5lib), a feed's or sitemap's element texts and attributes (expat), a JSON file's strings."""
    if name.endswith(".html"):
        for _, element in html_elements(name, data):
            yield from (element.text or "", element.tail or "", *element.attrib.values())
    elif name.endswith((".xml", ".rss")):
        for element in ET.fromstring(data).iter():
            yield from (element.text or "", element.tail or "", *element.attrib.values())
    elif name.endswith(".json"):
        stack = [json.loads(data)]
        while stack:
            node = stack.pop()
            if isinstance(node, str):
                yield node
            elif isinstance(node, dict):
                stack.extend(node.values())
            elif isinstance(node, list):
                stack.extend(node)


@pytest.fixture(scope="module")
def cut_site(tmp_path_factory):
    config, result = build_site(make_site(tmp_path_factory.mktemp("cuts") / "site", _files()))
    assert not result.site.problems and not result.site.warnings, result.site.warnings
    return config, {path.relative_to(config.output_path).as_posix(): path.read_bytes()
                    for path in sorted(config.output_path.rglob("*")) if path.is_file()}


def test_no_output_leaves_a_direction_override_open_where_it_cuts_a_text(cut_site):
    config, files = cut_site
    checked: dict[str, int] = {}  # kind of output -> texts with an override or isolate
    for name, data in files.items():
        for text in _strings(name, data):
            if any(char in OPENERS for char in text):
                assert not left_open(text), (name, text[-80:])
                kind = name.rsplit(".", 1)[-1] if not name.startswith("search/") else "search"
                checked[kind] = checked.get(kind, 0) + 1
    assert set(checked) >= {"html", "xml", "rss", "json", "search"}, checked
    story = files["news/2026/11/20/s0/index.html"].decode("utf-8")
    # (where a cut took an override's end, it is closed before the ellipsis, which stays out of it)
    assert '<meta name="twitter:description" content="' + WORDS[:150] + "\u202e" in story
    assert "\u202c...\">" in story


def _search_snippet(tmp_path, page, excerpt: str) -> str:
    """The snippet the search page shows for a story of this excerpt, found by its first word `w001`."""
    from conftest import static_server

    config, result = build_site(make_site(tmp_path / "site", {"content/a.md": item("A", excerpt=json.dumps(excerpt))}))
    with static_server(config.output_path) as base:
        page.goto(base + "search/?q=w001")
        page.wait_for_function("document.querySelectorAll('#search-results li').length > 0")
        [snippet] = page.evaluate("() => [...document.querySelectorAll('#search-results .excerpt')]"
                                  ".map(p => p.textContent)")
    return snippet


@pytest.mark.slow
def test_a_search_result_s_snippet_closes_an_override_it_cuts(tmp_path, page):
    """search.js cuts a long excerpt to its first 180 characters when a word near its start is found: an
    override whose end it cut turned the snippet's ellipsis around."""
    snippet = _search_snippet(tmp_path, page, WORDS[:150] + "\u202e" + WORDS[150:] + "\u202c")
    assert snippet.startswith(WORDS[:150] + "\u202e") and snippet.endswith("\u202c\u2026"), snippet


@pytest.mark.slow
def test_a_search_result_s_snippet_is_cut_between_clusters(tmp_path, page):
    """search.js cuts a long excerpt to its first 180 UTF-16 units when a word near its start is found: without a
    space there, the cut split a family emoji (or an emoji's surrogate pair)."""
    family = "\U0001F469\u200D\U0001F469\u200D\U0001F467"  # 👩‍👩‍👧
    snippet = _search_snippet(tmp_path, page, "w001," + family * 100)
    assert snippet.startswith("w001," + family) and snippet.endswith(family + "\u2026"), snippet


# Thai is written without spaces between its words, Hindi with them: made of these words in turn
THAI = ["การ", "ประชุม", "คณะ", "รัฐมนตรี", "วันนี้", "ได้", "อนุมัติ", "งบประมาณ", "จำนวน", "มาก", "สำหรับ", "โครงการ", "น้ำ",
        "ใน", "ภาค", "เหนือ"]
HINDI = ["प्रधानमंत्री", "ने", "राष्ट्रीय", "शिक्षा", "नीति", "के", "अंतर्गत", "ग्रामीण", "क्षेत्रों", "में", "स्वास्थ्य", "केंद्रों",
         "का", "विस्तार", "किया"]

# Where a text may be cut with its words whole, by the browser's own word breaks (its dictionaries find Thai's)
WORD_EDGES = """text => { const edges = [];
  for (const part of new Intl.Segmenter(undefined, {granularity: 'word'}).segment(text)) edges.push(part.index);
  edges.push(text.length); return edges; }"""


@pytest.mark.slow
def test_a_search_result_s_snippet_keeps_its_words_whole_in_every_script(tmp_path, page):
    """search.js cuts a long summary, or a story's text, around its first match: Thai, without a space after the
    match, was cut to nothing ("w001…"), and a match deep in a Thai text was left out of its window (no space to
    start it at); each cut must fall between two words, as the browser finds them."""
    from conftest import static_server

    thai = "".join(THAI[(n * 7) % len(THAI)] for n in range(90))
    hindi = " ".join(HINDI[(n * 4) % len(HINDI)] for n in range(70))
    # the query -> the text its snippet is cut from: a summary that starts with it, or a story's text that holds it
    texts = {"w001": "w001 " + thai[:190], "w002": thai + " w002 " + thai,
             "w003": "w003 " + hindi[:190], "w004": hindi + " w004 " + hindi}
    files = {f"content/{word}.md": item(f"Story {n}", date=f"2026-11-20T1{n}:00:00Z",
                                        excerpt=json.dumps(text if n % 2 == 0 else "Short."),
                                        body="Short." if n % 2 == 0 else text)
             for n, (word, text) in enumerate(texts.items())}
    # (each its own result: stories would fold items of the same words into one)
    config, _ = build_site(make_site(tmp_path / "site", files, BASIC_CONFIG + "stories:\n  enabled: false\n"))
    with static_server(config.output_path) as base:
        for n, (word, text) in enumerate(texts.items()):
            page.goto(base + "search/?q=" + word)
            page.wait_for_function("document.querySelectorAll('#search-results li .excerpt mark').length > 0")
            snippet = page.evaluate("title => [...document.querySelectorAll('#search-results li')].find(li => "
                                    "li.querySelector('.card-title').textContent.trim() === title)"
                                    ".querySelector('.excerpt').textContent", f"Story {n}")
            edges = page.evaluate(WORD_EDGES, text)
            shown = snippet.removeprefix("\u2026").removesuffix("\u2026")
            start = text.find(shown)
            assert word in shown and start >= 0 and len(shown) > 90, (word, snippet)
            assert not shown[:1].isspace(), (word, snippet[:20])  # (no space between the ellipsis and a word)
            assert snippet.endswith("\u2026") and start + len(shown) < len(text), (word, snippet)
            assert start in edges and start + len(shown) in edges, (word, snippet[:20], snippet[-20:])
