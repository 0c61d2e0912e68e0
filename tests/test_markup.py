"""Markdown bodies through cmark-gfm (generator/site/markup.py): GitHub's rendering, without leaking memory."""

from __future__ import annotations

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options

from generator.site.markup import cmark_to_html, render_markdown, sanitize

SAMPLES = [
    "",
    "Plain *emphasis*, **strong**, `code` and a [link](https://example.org/a?b=1&c=2).",
    "| a | b |\n|---|---|\n| 1 | ~~2~~ |\n\n- [x] done\n- [ ] not yet\n",
    "Autolinked https://example.org/page and www.example.com.\n\n<script>alert(1)</script>\n",
    "```python\nprint('hi')\n```\n\n> quoted\n> text\n\n1. one\n2. two\n",
    "# Title\n\n## Sub\n\nÜnïcödé, 中文, emoji 🎉 and a footnote-like [^1].\n",
]


def test_the_body_is_rendered_as_cmarkgfm_renders_github_markdown():
    # All of GitHub's extensions but its tagfilter (the sanitiser leaves out what it would escape).
    extensions = ["table", "autolink", "strikethrough", "tasklist"]
    for text in SAMPLES:
        assert cmark_to_html(text) == cmarkgfm.markdown_to_html_with_extensions(
            text, options=Options.CMARK_OPT_UNSAFE | Options.CMARK_OPT_GITHUB_PRE_LANG, extensions=extensions)


def test_tables_strikethrough_and_task_lists_survive_sanitising():
    html = render_markdown(SAMPLES[2])
    assert "<table>" in html and "<del>2</del>" in html and "done" in html
    assert "<script>" not in render_markdown(SAMPLES[3])


EMBEDS = ("Intro.\n\n<blockquote class=\"twitter-tweet\"><p>Tweet text</p></blockquote>\n"
          "<script async src=\"https://platform.twitter.com/widgets.js\" charset=\"utf-8\"></script>\n\n"
          "<style>.gallery { margin: auto }</style>\n\n"
          "<iframe src=\"https://www.youtube.com/embed/abc\">Your browser cannot show <b>this</b></iframe>\n\n"
          "Text <script>track()</script>after.\n")


@pytest.mark.parametrize("engine", ["cmark", "python-markdown"])
def test_embed_code_in_a_crawled_body_is_left_out_not_shown_as_text(engine):
    # Crawled bodies keep the embed code of tweets, galleries and videos. cmark's tagfilter escaped it, so
    # readers saw `<script async src="https://platform.twitter.com/widgets.js" ...>` as the article's text.
    html = render_markdown(EMBEDS, engine)
    assert "Intro." in html and "<blockquote><p>Tweet text</p></blockquote>" in html and "after." in html
    for code in ("script", "widgets.js", "track()", "gallery", "iframe", "Your browser", "&lt;", "&gt;"):
        assert code not in html, f"{code!r} is shown: {html}"
    # what an iframe embeds is not run on the site, but a reader can still open it
    assert ('<a href="https://www.youtube.com/embed/abc" rel="noopener noreferrer nofollow">'
            'Embedded content from www.youtube.com</a>') in html


@pytest.mark.parametrize("embed, shown", [
    ('<iframe width=560 src="//www.youtube.com/embed/x?a=1&amp;b=2" allowfullscreen></iframe>',
     '<a href="https://www.youtube.com/embed/x?a=1&amp;b=2" rel="noopener noreferrer nofollow">'
     'Embedded content from www.youtube.com</a>'),
    ('<IFRAME SRC="javascript:alert(1)"></IFRAME>', ""),
    ("<iframe data-src='https://x.example/' src='https://maps.example/e'>fallback <b>text</b></iframe>",
     '<a href="https://maps.example/e" rel="noopener noreferrer nofollow">Embedded content from maps.example</a>'),
    ('<iframe>no address</iframe>', ""),
    ('<iframe src="https://e.example/&quot; onload=&quot;alert(1)"></iframe>', None),
])
def test_an_embed_in_a_body_becomes_a_safe_link_to_what_it_shows(embed, shown):
    html = sanitize(f"<p>Before.</p>{embed}<p>After.</p>")
    assert html.startswith("<p>Before.</p>") and html.endswith("<p>After.</p>")
    assert "iframe" not in html.lower() and "fallback" not in html and "no address" not in html
    assert "onload" not in html.replace("%22%20onload", "") and "javascript" not in html
    if shown is not None:
        assert html == f"<p>Before.</p>{'<p>' + shown + '</p>' if shown else ''}<p>After.</p>"


def _rss_mib() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * 4096 / 2**20


@pytest.mark.slow
def test_rendering_many_bodies_does_not_grow_the_process():
    # cmarkgfm's own helpers never free the document tree or the HTML buffer: ~90 KB lost per 3 KB body,
    # which was most of a 100,000-item build's memory. 3,000 bodies would leak ~270 MB that way.
    body = ("A paragraph with *words*, [a link](https://example.org/) and `code`. " * 40 + "\n\n"
            + "- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n") * 1
    for _ in range(200):
        cmark_to_html(body)
    before = _rss_mib()
    for _ in range(3000):
        cmark_to_html(body)
    assert _rss_mib() - before < 20


def test_a_body_nested_deeper_than_a_browser_shows_keeps_its_text_in_one_paragraph():
    # The sanitiser's time grows with the square of the nesting: a crawled body of 100,000 nested <div>s held
    # a build for minutes. Deeper than 512 elements (as Chromium), the text is kept, its markup is not.
    deep = "".join(f"<div><b>level {n}</b> &amp; more" for n in range(5000)) + "</div>" * 5000
    html = render_markdown(deep)
    assert html == "<p>" + " ".join(f"level {n} &amp; more" for n in range(5000)) + "</p>"
    usual = "".join(f"<blockquote><p>level {n}</p>" for n in range(100)) + "</blockquote>" * 100
    assert render_markdown(usual).count("<blockquote>") == 100  # ordinary depth keeps its markup


def test_the_python_markdown_engine_renders_its_extra_extensions_and_is_sanitised_too():
    html = render_markdown("| a | b |\n|---|---|\n| 1 | 2 |\n\nTerm\n:   its definition\n\n<script>alert(1)</script>\n",
                           "python-markdown")
    assert "<table>" in html and "<dd>its definition</dd>" in html  # `extra`: tables, definition lists
    assert "<script>" not in html


def test_python_markdown_footnotes_link_to_their_notes_and_other_ids_are_left_out():
    # Footnotes are the reason to pick this engine; their ids went with every other id, so the links led nowhere.
    import re
    html = render_markdown('A claim[^1] and another[^src].\n\n[^1]: The note.\n[^src]: Where it is from.\n\n'
                           '<p id="search-q">a body\'s own id</p><sup id="fn:1&quot; onclick=&quot;x">z</sup>',
                           "python-markdown")
    targets = re.findall(r'href="#([^"]+)"', html)
    ids = re.findall(r'id="([^"]+)"', html)
    assert len(targets) == 4 and sorted(targets) == sorted(ids)  # two notes, two ways back
    assert 'id="search-q"' not in html and "onclick" not in html


@pytest.mark.slow
def test_python_markdown_nests_a_list_no_deeper_than_its_indent_limit():
    # Its time grows with the cube of the nesting (a crawled body of 2,000 nested list levels: ~30 s); the
    # text stays, the nesting stops where no reader could follow it.
    deep = "".join("  " * level + f"- level {level}\n" for level in range(2000))
    html = render_markdown(deep, "python-markdown")
    assert html.count("<ul>") < 200 and all(f"level {level}<" in html for level in (0, 150, 1999))


@pytest.mark.parametrize("html", ['<a href="javascript:alert(1)" title="t">x</a>', '<a name="here">x</a>',
                                  '<a href="vbscript:x">x</a>'])
def test_a_link_left_without_an_address_keeps_no_rel(html):
    """A placeholder link (its unsafe address removed, or none given) keeps its text; `rel` is only for a
    link with an href (the Nu checker's error otherwise)."""
    out = render_markdown(html, "cmark")
    assert ">x</a>" in out and "rel=" not in out and "href" not in out
    assert 'rel="noopener noreferrer nofollow"' in render_markdown('<a href="https://a.example/">x</a>', "cmark")


@pytest.mark.parametrize("engine", ["cmark", "python-markdown"])
def test_text_that_writes_an_id_attribute_keeps_it(engine):
    # Only elements' ids go: a Hugo shortcode shown as text (`{{< tweet id="123" >}}`) or an article about
    # HTML (`set id="main"`, `<div id="main">` in code) lost those words from its text.
    html = render_markdown('Set id="main" on it: `<div id="main">`.\n\n{{< tweet user="a" id="123" >}}\n\n'
                           '<p id="search-q">x</p>', engine)
    assert 'Set id="main" on it' in html and '&lt;div id="main"&gt;' in html
    assert 'id="123"' in html
    assert '<p id="search-q">' not in html and "<p>x</p>" in html
