"""Addresses of titles and topics in Indian scripts: a nukta (the dot below of Hindi's `ज़`, `फ़`, `ड़`, Bengali's
`ড়`, Punjabi's `ਖ਼`, Gujarati's `ફ઼`) is a mark on its letter, which a text writes either as a letter and the mark
or as the one letter Unicode also has for the pair (`ज़`, U+095B). Written as two, the address split the word
at the mark (`ज़्यादा` was `j-yada`, `पढ़ें` `pdh-em`), and the same word made another address than the one letter."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from conftest import BASIC_CONFIG, build_said, item, make_site

# one word each, in Devanagari, Bengali, Gurmukhi, Oriya and Gujarati, as a letter and the nukta
WORDS = ["ज\u093c्यादा", "पढ\u093cें", "ব\u09a1\u09bcো", "ਖ\u0a3cਬਰ",
         "ପଢ\u0b3c", "ફ\u0abcોન"]


def _folders(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.is_dir() and path.name != "page")


def test_a_word_with_a_nukta_is_one_word_of_its_address_however_the_nukta_is_written(tmp_path, capsys):
    # each word twice: as its letter and the mark (the items' titles and `slug`s), and as the one letter where
    # Unicode has one (the topics' names; NFC leaves both as they are)
    one_letter = [unicodedata.normalize("NFD", word) for word in WORDS]
    one_letter = [word.replace("\u091c\u093c", "\u095b").replace("\u0922\u093c", "\u095d")
                  .replace("\u09a1\u09bc", "\u09dc").replace("\u0a16\u0a3c", "\u0a59").replace("\u0b22\u0b3c", "\u0b5d")
                  for word in one_letter]
    assert sum(a != b for a, b in zip(WORDS, one_letter)) == 5  # (Gujarati has no such letter)
    files = {f"content/w{number}.md": item(word, slug=f"'{word}'", topics=f"['{other}']")
             for number, (word, other) in enumerate(zip(WORDS, one_letter))}
    site = make_site(tmp_path / "site", files, BASIC_CONFIG + "language: hi\n")
    status, said = build_said(site, capsys)
    assert status == 0, said
    pages = _folders(site / "output" / "news" / "2026" / "11" / "20")
    topics = _folders(site / "output" / "topics")
    assert len(pages) == len(WORDS) and all("-" not in page and page.isascii() for page in pages), pages
    assert topics == pages, (topics, pages)
