"""Site search by numbers written in any of Unicode's decimal digits: a year or a price written in Arabic-Indic
(٢٠٢٦), Eastern Arabic-Indic (۲۰۲۶, Persian's and Urdu's), Devanagari (२०२६), Bengali, Thai... digits is found by
the same number typed in ASCII digits or in any of the others, in every language, by the index (Python) and the
search page (search.js, in node and in Debian chromium) alike."""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

import pytest

from conftest import headline_site, search_page
from generator.languages import DIGIT_ZEROS, UNSPACED
from generator.plan.search_stems import STEMMERS, terms
from generator.plan.search_tokens import tokens

ROOT = Path(__file__).resolve().parent.parent


def _written(number: str, zero: int) -> str:
    return "".join(chr(zero + int(digit)) for digit in number)


@functools.cache  # (a walk over all of Unicode, the same for each test that asks)
def _unicodes_digit_sets() -> tuple[int, ...]:
    """The zero of each set of decimal digits Python's Unicode tables know, but ASCII's and those NFKD writes as
    ASCII's (full-width, mathematical)."""
    return tuple(point for point in range(0x80, 0x110000) if unicodedata.category(chr(point)) == "Nd"
                 and unicodedata.decimal(chr(point)) == 0 and unicodedata.normalize("NFKD", chr(point)) == chr(point))


def test_every_set_of_decimal_digits_is_listed_in_both_tokenisers():
    known = _unicodes_digit_sets()
    assert len(known) >= 58 and set(known) <= set(DIGIT_ZEROS)
    # (a set Python's tables do not know yet, but browsers' do, is listed: both fold it the same way)
    script = (ROOT / "themes/default/static/search/search.js").read_text(encoding="utf-8")
    listed = re.search(r"var DIGIT_ZEROS = \[([^\]]*)\]", script)[1]
    assert [int(zero, 16) for zero in re.findall(r"0x[0-9a-f]+", listed)] == list(DIGIT_ZEROS)


def test_no_digit_is_a_letter_of_a_script_written_without_spaces():
    """A number in Thai, Lao, Burmese or Khmer digits is a word, as in any script; not a term for each digit, which
    folded to ASCII would be no term at all (a term is two characters but in those scripts). In both tokenisers."""
    unspaced = re.compile(f"[{UNSPACED}]")
    assert [hex(zero) for zero in DIGIT_ZEROS if any(unspaced.match(chr(zero + n)) for n in range(10))] == []
    script = (ROOT / "themes/default/static/search/search.js").read_text(encoding="utf-8")
    written = "".join(re.findall(r'"([^"]*)"', re.search(r"var UNSPACED = (.*?);", script, re.S)[1]))
    assert re.sub(r"\\\\u\{?([0-9a-f]+)\}?", lambda point: chr(int(point[1], 16)), written) == UNSPACED
    assert tokens("ปี ๒๕๖๙ ครับ") == ["ป", "2569", "ค", "ร", "บ"]


@pytest.mark.parametrize("language", sorted({None, *STEMMERS.values()}, key=str))
def test_a_number_in_any_digits_is_the_same_term_in_every_language(language):
    for zero in _unicodes_digit_sets():  # (a digit Python's tables do not know is no letter or digit to it)
        written = _written("2026", zero)
        assert tokens(written) == ["2026"], hex(zero)
        assert terms(f"{written} {_written('49', zero)}", language) == ["2026", "49"], hex(zero)


@pytest.mark.slow
def test_search_js_folds_every_digit_as_python_does(tmp_path):
    from test_search_languages import compared_with_node

    texts = [" ".join(_written(str(n), zero) for n in (2026, 4999, 7, 10)) for zero in _unicodes_digit_sets()]
    texts.append("الربع الثالث ۲۰۲۶ بسعر ٤٩٩٩ جنيه, २०२६ ๒๕๖๙ 2026")
    assert compared_with_node(tmp_path, {algorithm: texts for algorithm in ("arabic", "persian", "hindi",
                                                                           "english")}) > 700


HEADLINES = {"ميزانية مصر لعام 2026": "ASCII", "الاقتصاد المصري في ٢٠٢٦": "Arabic-Indic",
             "خطة طهران حتى ۲۰۲۶": "Eastern Arabic-Indic", "أسعار الذهب اليوم": "none"}


@pytest.mark.slow
def test_a_reader_finds_a_year_typed_in_any_digits_on_an_arabic_site(tmp_path, page):
    with search_page(page, headline_site(tmp_path / "site", HEADLINES, "language: ar\n", "akhbar")):
        for typed in ("2026", "٢٠٢٦", "۲۰۲۶", "२०२६"):
            page.fill("#search-q", typed)
            page.locator("#search-status").filter(has_text=f"\u00ab{typed}\u00bb").wait_for(timeout=10_000)
            shown = page.locator("#search-results .card-title a").all_inner_texts()
            assert sorted(shown) == sorted(title for title, digits in HEADLINES.items() if digits != "none"), typed
