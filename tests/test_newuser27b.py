"""A new user trying session 27's merged features together: a source removed right after one of its items
was deleted by hand, and what else the session found."""

from __future__ import annotations

import json

import pytest

from conftest import BASIC_CONFIG, build_site, feed_site, fetched, item, make_site
from feed_server import Route
from generator.cli import main

FEED = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>F</title><link>https://f.example/</link>
<item><title>One</title><link>https://f.example/1</link><pubDate>Fri, 20 Nov 2026 10:00:00 GMT</pubDate>
<description>First.</description></item>
<item><title>Two</title><link>https://f.example/2</link><pubDate>Fri, 20 Nov 2026 09:00:00 GMT</pubDate>
<description>Second.</description></item>
</channel></rss>
"""


def run_fetch(site, capsys) -> tuple[int, str]:
    code = main(["fetch", "--config", str(site / "config.yaml")])
    out, err = capsys.readouterr()
    return code, out + err


def test_a_source_removed_after_a_hand_deletion_fetches_it_again_when_added_back(tmp_path, server, capsys):
    """docs/fetch.md: removing a source makes the next complete fetch forget its deleted entries, "so adding it
    back fetches again what it still carries". A file deleted by hand and its source removed before another
    fetch read the feed (or while the feed answered 304) was never seen as deleted: its record, still naming
    the file, was kept for ever, and adding the source back said "deleted by hand; not fetched again"."""
    server.routes["/a.xml"] = Route(FEED)
    server.routes["/b.xml"] = Route(FEED.replace(b"f.example", b"g.example").replace(b"<title>", b"<title>G "))
    line_b = f"  - {server.url('/b.xml')}\n"
    site = feed_site(tmp_path / "site", f"  - {server.url('/a.xml')}\n" + line_b)
    assert run_fetch(site, capsys)[0] == 0
    assert "G Two" in fetched(site)
    state = json.loads((site / "fetch-state.json").read_text(encoding="utf-8"))
    [two] = [record["file"] for record in state["items"].values() if record["file"].endswith(".md")
             and "g-two" in record["file"]]
    (site / "content" / two).unlink()
    config = site / "config.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace(line_b, ""), encoding="utf-8")
    code, out = run_fetch(site, capsys)
    assert code == 0, out
    config.write_text(text, encoding="utf-8")
    code, out = run_fetch(site, capsys)
    assert code == 0 and "deleted by hand" not in out, out
    assert "G Two" in fetched(site) and "G One" in fetched(site)


@pytest.mark.parametrize("language, excerpt", [
    ("ja", "東京で新しいAIが発表された。"),
    ("ja", "本当に？"),
    ("de", "Er sagte: „Wir bleiben.“"),
    ("ar", "هل يبقى؟"),
])
def test_a_whole_lede_in_another_language_gets_no_ellipsis(tmp_path, language, excerpt):
    """A lede that ends mid-sentence gets an ellipsis; one ending with a sentence's end as Japanese, German
    (its closing quote is “) or Arabic write it got one too: "発表された。…"."""
    files = {"content/whole.md": item("Whole", excerpt=f'"{excerpt}"'),
             "content/cut.md": item("Cut", "2026-11-19T10:00:00Z", excerpt="'Der Rat stimmte am'")}
    config, _ = build_site(make_site(tmp_path / "site", files, BASIC_CONFIG + f"language: {language}\n"))
    pages = {p.parent.name: p.read_text(encoding="utf-8") for p in (config.output_path / "news").rglob("index.html")}
    assert f'<p class="lede">{excerpt}</p>' in pages["whole"]
    assert '<p class="lede">Der Rat stimmte am…</p>' in pages["cut"]


def test_toml_front_matter_whose_last_repeat_spans_lines_reads_the_last(tmp_path, capsys):
    """docs/content.md: a TOML key given twice is read as its last value, with a warning, unless an earlier
    value spans several lines (an error at its line). The docs said "each time on one line", though a last
    value over several lines was read as well, as it should be."""
    files = {"content/last.md": '+++\ntitle = "First"\npublishedDateTime = 2026-11-20T10:00:00Z\n'
                                'title = """Second\nline"""\n+++\nBody.\n',
             "content/first.md": '+++\ntitle = """First\nline"""\npublishedDateTime = 2026-11-20T10:00:00Z\n'
                                 'title = "Second"\n+++\nBody.\n'}
    site = make_site(tmp_path / "site", files)
    assert main(["build", "--config", str(site / "config.yaml")]) == 0
    err = capsys.readouterr().err
    assert "content/last.md:4: `title` is given twice, also on line 2: the last one is used" in err, err
    assert "content/first.md:5: invalid TOML in front matter" in err and "give each key once" in err, err
    [page] = (site / "output" / "news").rglob("last/index.html")
    assert "<h1>Second line</h1>" in page.read_text(encoding="utf-8")


def test_a_config_value_starting_with_an_exclamation_mark_says_to_quote_it(tmp_path, capsys):
    """An item's `title: !Wichtig News` is read as the text written; the same in config.yaml is an error, whose
    advice was to remove the tag, which would drop the word the user wrote."""
    site = make_site(tmp_path / "site", {}, "title: !Wichtig News\nbase_url: https://example.org/\n")
    assert main(["check", "--config", str(site / "config.yaml")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("config.yaml:1: invalid YAML: could not determine a constructor for the tag '!Wichtig'"), err
    assert "put the value in quotes to keep its `!`" in err, err


def test_a_formula_in_a_title_or_excerpt_shows_its_words_not_its_elements(tmp_path):
    """A MathML formula in the body is shown as its text; in a title or an excerpt (which crawlers copy from
    HTML) only `<math>` was taken for a tag, and the page showed `Why <mi>E</mi><mo>=</mo>... matters`."""
    title = "Why <math><mi>E</mi><mo>=</mo><mi>m</mi><msup><mi>c</mi><mn>2</mn></msup></math> matters"
    excerpt = ("'Take <math><msub><mi>x</mi><mi>i</mi></msub></math>, <math><msup><mi>e</mi><mrow><mi>π</mi>"
               "<mi>i</mi></mrow></msup></math> and <math><mfrac><mrow><mi>a</mi><mo>+</mo><mi>b</mi></mrow>"
               "<mn>2</mn></mfrac></math>.'")
    config, _ = build_site(make_site(tmp_path / "site", {"content/m.md": item(title, excerpt=excerpt)}))
    pages = [p.read_text(encoding="utf-8") for p in (config.output_path / "news").rglob("index.html")]
    assert len(pages) == 1
    assert "<h1>Why E = mc² matters</h1>" in pages[0]
    assert '<p class="lede">Take xᵢ, e^(πi) and (a + b)/2.</p>' in pages[0]
    feed = (config.output_path / "feeds" / "latest.xml").read_text(encoding="utf-8")
    assert "Why E = mc² matters" in feed and "&lt;mi" not in feed


def test_fetch_writes_a_formulas_power_in_an_excerpt_as_the_body_shows_it(tmp_path, server, capsys):
    """The body shows `<msup><mi>c</mi><mn>2</mn></msup>` as c²; the excerpt fetch wrote from it read "c2".
    HTML's own `1<sup>st</sup>` stays 1st."""
    math = ("&lt;math&gt;&lt;msup&gt;&lt;mi&gt;c&lt;/mi&gt;&lt;mn&gt;2&lt;/mn&gt;&lt;/msup&gt;&lt;/math&gt;")
    server.routes["/m.xml"] = Route(FEED.replace(b"<description>First.", f"<description>About {math}.".encode())
                                    .replace(b"<description>Second.", b"<description>The 1&lt;sup&gt;st&lt;"
                                             b"/sup&gt; and H&lt;sub&gt;2&lt;/sub&gt;O."))
    site = feed_site(tmp_path / "site", f"  - {server.url('/m.xml')}\n")
    assert run_fetch(site, capsys)[0] == 0
    items = fetched(site)
    assert items["One"]["excerpt"] == "About c²." and items["Two"]["excerpt"] == "The 1st and H₂O.", items
