"""Greek as readers type it: without the tonos and dialytika, with a σ where a word ends in ς (or in capitals), and in
Latin letters, Greeklish: the digraphs as one Latin letter (`b` for μπ, `d` for ντ, `ng` for γγ, `i` for ει and οι, `e`
for αι) and the digits and letters that stand for a Greek letter's shape (`8` θ, `3` ξ, `h` η, `w` ω)."""

from __future__ import annotations

import pytest

from conftest import headline_site, search_page
from generator.plan.search_latin import latin_letters
from generator.plan.search_tokens import fold

HEADLINES = ["Ο Μπαράκ Ομπάμα στην Αθήνα", "Λιμάνι του Πειραιά: νέος σταθμός", "Η Αγγλία κερδίζει",
             "Οικονομία: νέα μέτρα", "Ντόρα και ξενοδοχεία", "Η Ελλάς του ήλιου", "Ψωμί για όλους"]


def test_final_sigma_folds_to_sigma_as_tonos_and_dialytika_go():
    assert fold("Ελλάς") == fold("ελλασ") == fold("ΕΛΛΆΣ") == "ελλασ"
    assert fold("προϋπόθεση") == "προυποθεση"


def test_the_greek_table_reads_digraphs_and_greeklish():
    letters = latin_letters("el")
    assert "b" in letters["μπ"] and "d" in letters["ντ"] and "ng" in letters["γγ"] and "g" in letters["γκ"]
    assert "i" in letters["ει"] and "i" in letters["οι"] and "e" in letters["αι"] and "u" in letters["ου"]
    assert "8" in letters["θ"] and "3" in letters["ξ"] and "h" in letters["η"] and "w" in letters["ω"]


# query -> the headline it finds
TYPED = {"αθηνα": HEADLINES[0], "ΑΘΗΝΑ": HEADLINES[0], "ελλασ": HEADLINES[5], "ΕΛΛΑΣ": HEADLINES[5],
         "ελλας": HEADLINES[5]}
GREEKLISH = {"barak": HEADLINES[0], "obama": HEADLINES[0], "pirea": HEADLINES[1], "anglia": HEADLINES[2],
             "ikonomia": HEADLINES[3], "dora": HEADLINES[4], "3enodoxeia": HEADLINES[4], "a8hna": HEADLINES[0],
             "pswmi": HEADLINES[6]}


@pytest.mark.slow
@pytest.mark.parametrize("language", ["el", "en"])
def test_greek_typed_without_accents_or_final_sigma_finds_the_word(tmp_path, page, language):
    """On a Greek site the stemmer reads a word without its accents and final sigma alike; on another (an English
    site quoting Greek, or one with no stemmer) folding does it."""
    with search_page(page, headline_site(tmp_path / "site", HEADLINES, f"language: {language}\n")) as base:
        for query, title in TYPED.items():
            page.goto(base + "search/?q=" + query)
            page.locator("#search-status").filter(has_text="1 result").wait_for(timeout=10_000)
            assert page.locator("#search-results .card-title a").all_inner_texts() == [title], query
            assert not page.locator("#search-suggestion").is_visible(), query  # (found as typed, not corrected)


@pytest.mark.slow
def test_greeklish_digraphs_and_shapes_find_the_greek_word(tmp_path, page):
    with search_page(page, headline_site(tmp_path / "site", HEADLINES, "language: el\n")) as base:
        for query, title in GREEKLISH.items():
            page.goto(base + "search/?q=" + query)
            page.locator("#search-status").filter(has_text=query).wait_for(timeout=10_000)
            page.wait_for_function("document.querySelectorAll('#search-results .card-title a').length > 0",
                                   timeout=10_000)
            assert page.locator("#search-results .card-title a").all_inner_texts() == [title], query
            assert page.locator("#search-suggestion").is_visible(), query
