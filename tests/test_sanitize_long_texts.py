"""A body whose sanitising would take time in the square of its length (site/escapes.py: nh3's writer and runs
of `&`, `©` or no-break spaces in one text or value) is cleaned in two steps, and the page shows what the
cleaner alone would have written. Its time is measured by `python -m bench.hostile`, not here."""

from __future__ import annotations

import itertools

import pytest

from generator.site import escapes
from generator.site.markup import cleaner, render_markdown

# Character references as crawled bodies write them, whole and broken, and the characters the writer escapes
PIECES = ["&", "& ", "&&", "&#", "&#;", "&#x", "&#x26;", "&#38;", "&#0038", "&#x26", "&amp;", "&amp", "&AMP;", "&AMP",
          "&amp;amp;", "&notin", "&notin;", "&notit;", "&not", "&noti", "&ampx", "&amp=", "&copy", "&copy;", "&copyx",
          "&#169;", "&#xA0;", "&nbsp;", "&nbsp", "\xa0", "©", "«»", "·", "&#99999999999;", "&#1114112;", "&#0;",
          "&#x110000;", "&#xD800;", "&#128;", "&#x80;", "&#159;", "&#13;", "&#1;", "&lt;", "&gt;", "&quot;", "<", ">",
          '"', "'", "&;", "&x;", "&CounterClockwiseContourIntegral;", "&lt", "&LT", "&gtx", "\U00020000",
          "\U00020000\U00020001", "\U00020000\U00020002", "\U00020000\U00020043", "é", "x", "  ", "\n", "&#10;",
          "&#x3c;script&#x3e;"]
# Where they are read: texts, code, values of every kind (quoted or not), addresses (a scheme, a host, a query),
# what the cleaner drops with its content, and what it drops keeping its text
CONTEXTS = [
    "{}", "<p>{}</p>", "<pre><code>{}</code></pre>", "<p>a <b>{}</b> c</p>", "<td>{}</td>",
    "<table><tr><td>{}</td></tr></table>", '<a href="https://e.example/?a=1{}b=2">l</a>', '<a href="{}">l</a>',
    "<a href='{}'>l</a>", "<a href={}>l</a>", '<img alt="{}" src="https://e.example/p.png">',
    '<abbr title="{}">t</abbr>', '<a title="x{}y" href="/r">l</a>', "<textarea>{}</textarea>", "<!-- {} -->",
    "<script>{}</script>", "<p>{}<!-- c --></p>", '<a href="javascript{}alert(1)">x</a>',
    '<a href="java{}script:alert(1)">x</a>', '<a href="https://a{}b.example/">x</a>',
    '<img src="https://e.example/{}" alt="{}">',
]


@pytest.fixture
def two_steps(monkeypatch):
    """Every text cleaned in two steps, its texts cut every 8 characters."""
    monkeypatch.setattr(escapes, "WRITER_WORK", -1)
    monkeypatch.setattr(escapes, "TEXT_PIECE", 8)


def _differences(partners) -> tuple[int, list[tuple[str, str, str]]]:
    clean = cleaner().clean
    checked, differ = 0, []
    for context, piece, partner in itertools.product(CONTEXTS, PIECES, partners):
        if context.startswith("<textarea>") and "&#10;" in piece + partner:
            continue  # (below)
        for fill in ((piece + partner) * 3, piece * 9 + partner * 9):
            html = context.replace("{}", fill)
            assert escapes.costly(html)
            direct, cleaned = clean(html), escapes.cleaned(clean, html)
            checked += 1
            if cleaned != direct:
                differ.append((html, direct, cleaned))
    return checked, differ


def test_two_steps_write_what_the_cleaner_writes(two_steps):
    """Each reference and escaped character, in each place it is read, beside a few others: the same HTML."""
    checked, differ = _differences(["&", "x", "&amp;", "©", "<", " "])
    assert checked > 1_000 and not differ, differ[:5]


@pytest.mark.slow
def test_two_steps_write_what_the_cleaner_writes_beside_every_other(two_steps):
    checked, differ = _differences(PIECES)
    assert checked > 100_000 and not differ, differ[:5]


def test_a_textarea_s_first_line_break_written_as_a_reference_is_kept(two_steps):
    """The one difference found: HTML drops a `<textarea>`'s first line break, a reference's too; the first step
    drops the textarea (keeping its text) before the reference is read. The text is the same but that line
    break, which a page shows as a space."""
    clean = cleaner().clean
    html = "<textarea>&#10;a &amp; b</textarea>"
    assert clean(html) == "a &amp; b"
    assert escapes.cleaned(clean, html) == "\na &amp; b"


def test_bodies_with_runs_of_ampersands_are_rendered_as_before(monkeypatch):
    """Markdown bodies through the whole pipeline (Markdown, the cleaner, sanitize's own passes): the same HTML
    whether cleaned in two steps or not."""
    bodies = [
        "& " * 3_000, "&" * 6_000 + "\n\nNext paragraph &amp; more.", "©" * 5_000, "&#" * 3_000, "&notin" * 1_000,
        "```\n" + "a && b < c\n" * 1_000 + "```\n", "Tom &amp; Jerry &copy; 2026 &nbsp;" * 300,
        '<abbr title="' + "&amp;" * 2_000 + '">x</abbr>', "[link](https://e.example/?" + "a=1&" * 1_500 + ")",
        '<a href="https://e.example/?' + "a&" * 5_000 + '">too long an address</a> &' * 2,
        '<img alt="' + "«»&" * 2_000 + '" src="https://e.example/p.png">',
        "| a | b |\n|---|---|\n" + "| & | © |\n" * 500,
    ]
    direct = []
    monkeypatch.setattr(escapes, "WRITER_WORK", 10 ** 18)
    for body in bodies:
        assert not escapes.costly(body)
        direct.append(render_markdown(body))
    monkeypatch.setattr(escapes, "WRITER_WORK", -1)
    cleaned = [render_markdown(body) for body in bodies]
    assert all(direct) and cleaned == direct


def test_a_long_run_of_ampersands_is_cleaned_in_two_steps():
    """At the real bound: a body of one paragraph of `&` is, one of many short paragraphs is not (each of its
    texts is short), and an ordinary long article is not."""
    assert escapes.costly("<p>" + "&amp;" * 20_000 + "</p>")
    assert not escapes.costly("<p>&amp;</p>" * 20_000)
    assert not escapes.costly(("<p>" + "Words &amp; more words, " * 40 + "</p>\n") * 100)
