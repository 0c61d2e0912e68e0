"""Site search by numbers written with digit groups: "1,999", "1.999" (German, Italian), "1 999" with a no-break
or narrow no-break space (French, Russian), "1'999" (Swiss German), "1,00,000" (Indian), "12,900원" (Korean) and
"١٬٩٩٩" (Arabic) are the number 1999 (100000, 12900), as a reader types it with its groups or without, in the index
(Python) and the search page (search.js, in node and in Debian chromium) alike."""

from __future__ import annotations

import json
import random

import pytest

from conftest import headline_site, item, make_site, search_page, static_server
from generator.build.pipeline import BuildOptions, build
from generator.config.load import load_config
from generator.plan.search_compounds import literals
from generator.plan.search_tokens import tokens

# (written, its tokens)
GROUPED = [
    ("1,999", ["1999"]), ("1.999", ["1999"]), ("1\u00a0999", ["1999"]), ("1\u202f999", ["1999"]),
    ("1\u2009999", ["1999"]), ("1'999", ["1999"]), ("1\u2019999", ["1999"]), ("1,00,000", ["100000"]),
    ("12,34,567", ["1234567"]), ("12,900원", ["12900", "원"]), ("\u0661\u066c\u0669\u0669\u0669", ["1999"]),
    ("$1,299,000", ["1299000"]), ("1.234.567,89", ["1234567", "89"]), ("1,999.50", ["1999", "50"]),
    ("€2.500", ["2500"]), ("1,999.999.999", ["1999", "999", "999"]), ("(1,999)", ["1999"]), ("1,999km", ["1999km"]),
]
# (written, its tokens): not a number with groups, so as before
NOT_GROUPED = [
    ("2026", ["2026"]), ("3.5", []), ("3,5", []), ("3,50", ["50"]), ("v2.1.3", ["v2"]), ("09:30", ["09", "30"]),
    ("1,2345", ["2345"]), ("1234,567", ["1234", "567"]), ("2025, 2026", ["2025", "2026"]), ("1 999", ["999"]),
    ("1,999,9", ["999"]), ("v1,000", ["v1", "000"]), ("1.100.3", ["100"]), ("1,99,99", ["99", "99"]),
    ]


@pytest.mark.parametrize("written, expected", GROUPED + NOT_GROUPED)
def test_a_number_with_digit_groups_is_one_word(written, expected):
    assert tokens(written) == expected
    assert tokens(f"costs {written} now") == ["costs", *expected, "now"]


def test_a_number_with_groups_is_no_literal_but_a_version_or_decimal_is():
    """A number written with dots as its groups is the number ("1.999" is 1999, as "1,999" is, whatever the site's
    language), so a German reader's "1.999" finds the English "1,999": not a literal "1.999" a story must also hold."""
    assert literals("1.999 and 1.999.000 and v2.1.3 and 3.5 and 1.5.999") == ["v2.1.3", "3.5", "1.5.999"]


def generated_numbers(count: int) -> list[str]:
    """Numbers as texts write them: groups of three (and the Indian two) with each separator, in ASCII and other
    digits, between words, signs and letters of several scripts; and the near misses (decimals, versions, times,
    lists, groups of the wrong size)."""
    rng = random.Random(19)
    separators = [",", ".", "'", "\u2019", "\u00a0", "\u202f", "\u2009", "\u066c", " ", ":", "-", "/"]
    zeros = [0x30, 0x660, 0x6f0, 0x966, 0xe50, 0xff10]
    around = ["", " ", "$", "€", "원", "kr", "(", ")", "v", "a", "x", "-", ".", ",", "'", "\u00a0", "é", "й", "中",
              "ا", "_", "%", "\u00ad"]
    texts = []
    for _ in range(count):
        separator = rng.choice(separators)
        groups = [str(rng.randint(0, 999)).zfill(rng.choice([1, 2, 3]))]
        for _ in range(rng.randint(1, 4)):
            groups.append("".join(rng.choice("0123456789") for _ in range(rng.choice([2, 3, 3, 3, 4]))))
        number = separator.join(groups)
        if rng.random() < 0.2:
            number += rng.choice([".", ","]) + str(rng.randint(0, 99))
        zero = rng.choice(zeros)
        number = "".join(chr(zero + int(char)) if char.isdigit() else char for char in number)
        texts.append(rng.choice(around) + number + rng.choice(around))
    return texts


@pytest.mark.slow
def test_search_js_reads_numbers_with_groups_as_python_does(tmp_path):
    from test_search_languages import compared_with_node

    texts = generated_numbers(3000) + [written for written, _ in GROUPED + NOT_GROUPED]
    grouped = sum(1 for text in texts if any(len(token) >= 4 and token.isdigit() for token in tokens(text)))
    assert grouped > 500
    assert compared_with_node(tmp_path, {"english": texts, "german": texts, "russian": texts}) > 10_000


HEADLINES = {"Phone costs 1,999 dollars": "1999", "Flat sold for 1.999.000 euros": "1999000",
             "Budget of 1,00,000 rupees": "100000", "Ticket 12,900원": "12900", "Version 1.999 released": "1999",
             "Report for 1999": "1999", "Only 999 left": "999"}


@pytest.mark.slow
def test_a_reader_finds_a_number_typed_with_its_groups_or_without(tmp_path, page):
    with search_page(page, headline_site(tmp_path / "site", HEADLINES)):
        for typed, number in [("1999", "1999"), ("1,999", "1999"), ("1.999", "1999"), ("1'999", "1999"),
                              ("1999000", "1999000"), ("1,999,000", "1999000"), ("1\u00a0999\u00a0000", "1999000"),
                              ("100000", "100000"), ("1,00,000", "100000"), ("12900", "12900"),
                              ("12,900", "12900"), ("999", "999")]:
            page.fill("#search-q", typed)
            page.locator("#search-status").filter(has_text=typed).wait_for(timeout=10_000)
            shown = set(page.locator("#search-results .card-title a").all_inner_texts())
            expected = {title for title, written in HEADLINES.items() if written == number}
            # (the last word typed is also the start of a word: 1999 completes to 1999000)
            completed = {title for title, written in HEADLINES.items() if written.startswith(number)}
            assert expected and expected <= shown <= completed, (typed, shown)


# (title, excerpt): each writes 1999 with its groups, one after more than half a snippet's length of its excerpt
MARKED = {"Phone costs 1,999 dollars": "Before. " * 19 + "The price is 1,999 now, v1,999 then.",
          "Flat sold for 1.999 euros": "Sold at 1.999 after a long wait.",
          "L'objet co\u00fbte 1\u00a0999 euros": "Il co\u00fbte 1\u202f999 euros.",
          "Ticket \u0661\u066c\u0669\u0669\u0669 dinars": "Paid \u0661\u066c\u0669\u0669\u0669 dinars."}


@pytest.mark.slow
def test_a_number_found_by_its_digits_is_marked_as_the_story_writes_it(tmp_path, page):
    """`1999` finds *1,999*, *1.999*, *1 999* (with a no-break or narrow no-break space) and *١٬٩٩٩*: the results mark
    the number whole in its groups, in the title and in the excerpt's snippet around it, as they mark any word found,
    and nothing the number is not (`v1,999` is the words *v1* and *999*)."""
    files = {f"content/story-{n}.md": item(title, date=f"2026-{1 + n:02d}-15T10:00:00Z",
                                           excerpt=json.dumps(excerpt, ensure_ascii=False))
             for n, (title, excerpt) in enumerate(MARKED.items())}
    root = make_site(tmp_path / "site", files, 'title: News\nnow: "2026-11-22T12:00:00Z"\n')
    config = load_config(root / "config.yaml")
    build(config, BuildOptions(workers=1))
    with static_server(config.output_path) as base:
        page.goto(base + "search/")
        page.wait_for_function("typeof window.newsdeskSearch === 'object'")
        for typed in ["1999", "1,999", "1.999", "1\u00a0999"]:
            page.fill("#search-q", typed)
            page.locator("#search-status").filter(has_text=typed).wait_for(timeout=10_000)
            cards = page.locator("#search-results .card")
            assert cards.count() == len(MARKED), typed
            for n in range(cards.count()):
                card = cards.nth(n)
                title = card.locator(".card-title a").inner_text()
                written = [word for word in title.split(" ") if word[0].isdigit()][0]
                assert card.locator(".card-title mark").all_inner_texts() == [written], (typed, title)
                assert card.locator(".excerpt mark").all_inner_texts() == [written.replace("\u00a0", "\u202f")
                                                                           if title.startswith("L'") else written]
            # (the snippet is cut around the number, which the excerpt writes after 165 characters)
            assert page.locator(".excerpt", has_text="The price is").inner_text().startswith("\u2026")
