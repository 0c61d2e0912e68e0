"""The start of a body's plain text worked out from its head (text.plain_start), as the story page's lede
check reads it (opens_with): always a start of what plain_text makes of the whole, whatever follows the cut."""

import random

import pytest

from generator.render.filters import opens_with
from generator.site.text import plain_start, plain_text

# Pieces whose meaning depends on what comes after them: elements closed later (a bare `<dialog>` is words
# until something closes it), hidden elements, comments, formulas, entities decoded over several rounds,
# white space runs, combining marks, direction controls, letters whose case folding is longer
PIECES = ["<p>", "</p>", "<b>", "</b>", "<br>", "<dialog>", "</dialog>", "<String>", "</String>", "<!-- c -->", "<!--",
          "-->", "<script>x</script>", "<script>", "</script>", "<math><mi>E</mi></math>", "<math>", "</math>",
          "<MaTh>", "&amp;", "&lt;", "&gt;", "&amp;lt;b&amp;gt;", "&lt;/dialog&gt;", "&nbsp;", "\u00a0", "\u00a0\u00a0",
          " ", "  ", "\n", "e\u0301", "\u0301", "\u0327\u0301", "\u202e", "\u2067", "\u2069", "\u202c", "\u00ad",
          "\ufeff", "\x07", "\U0001f600", "\U0010fffe", "word", "Word", "ß", "ﬁ", "İ", "Σ", "x<y", "a < b",
          "<a href='x'>", "</a>", "<x-y>", "</x-y>", "<h2>", "</h2>", "<img src=x>", "<?php ?>", "<!DOCTYPE html>",
          "&#60;", "&#38;", "&", "&amp", "<", ">", "\u200b", "한", "\u1100\u1161", "\u11a8", "<scrıpt>", "<ſtyle>"]
WORDS = ["lorem ", "ipsum ", "dolor", " sit"]


@pytest.mark.slow
def test_the_start_of_a_head_is_the_start_of_the_whole_texts_plain_text():
    rng = random.Random(34)
    heads = 0
    for _ in range(1500):
        text = "".join(rng.choice(PIECES) if rng.random() < 0.6 else rng.choice(WORDS)
                       for _ in range(rng.randint(1, 80)))
        whole = plain_text(text)
        for chars in (0, 5, 20, 60):
            start, all_of_it = plain_start(text, chars)
            if all_of_it:
                assert start == whole, text
            else:
                heads += 1
                assert whole.startswith(start), (text, chars)
    assert heads > 500  # (the head served often enough for the check to mean something)


def test_a_head_is_not_used_when_what_follows_changes_its_text():
    for text in ("<p>See <dialog> here and more words</p>" + "x" * 50 + "</dialog>",  # closed later: markup
                 "<p>Before <!-- a comment over the cut" + "x" * 50 + "<b>y</b> -->after</p>",
                 "<p>Before <script>var a" + "x" * 50 + "<b>1</b></script>after</p>",
                 "<p>E = <math><mi>m</mi>" + "x" * 50 + "<mi>c</mi></math> indeed</p>",
                 "<p>Tom &amp;lt;b&amp;gt; and Jerry" + "x" * 50 + "<b>z</b></p>"):
        start, _ = plain_start(text, 20)
        assert plain_text(text).startswith(start), text


def test_a_body_is_read_for_its_lede_from_its_first_paragraph_only_when_that_says_enough():
    excerpt = "The harbour bridge reopens on Monday after two years of repairs to its deck."
    long_body = "<p>" + excerpt + " Crews finished early.</p>" + "<p>More about the works.</p>" * 200
    assert opens_with(long_body, excerpt + "…")
    assert not opens_with(long_body, "The harbour bridge closes on Monday for repairs.")
    # the excerpt's words over several tags, one of them a bare `<dialog>` closed further on: markup
    split = "<p><b>The</b> harbour <i>bridge</i> <dialog>reopens on Monday after two years of repairs to its deck.</p>"
    assert opens_with(split + "<p>Later.</p>" * 50 + "</dialog>", excerpt)
    assert not opens_with(split + "<p>Later.</p>" * 50, excerpt)  # (never closed: `<dialog>` is words)
    # markup longer than the words before its first tag (a link's long address): the whole body is read then
    linked = f'<p><a href="https://harbour.example/{"x" * 300}">The harbour bridge</a>{excerpt[18:]}</p>'
    assert opens_with(linked + "<p>More about the works.</p>" * 200, excerpt)


def test_a_lookalike_hidden_element_is_words_not_an_error():
    # IGNORECASE takes a dotless ı for an i: `<scrıpt>` is no script element to a browser either
    assert plain_text("a <scrıpt>x</script> b") == "a <scrıpt>x b"
