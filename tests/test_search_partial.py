"""Search for queries with more words than their story has (static/search/search.js, `MOST_OF`): a query of three
or more words or phrases a story must hold lists the stories that hold them all first, then, to fill the first
page, those that lack one word, never one typed in quotes; two words stay both required."""

from __future__ import annotations

import pytest

from conftest import item, make_site, search_results, static_server
from generator.build.pipeline import BuildOptions, build
from generator.config.load import load_config

CONFIG = """\
title: Partial News
base_url: https://example.org/paper/
now: "2026-11-22T12:00:00Z"
"""

ALL = "Quillwort guide for marmosets"  # quillwort, marmoset, axolotl: every word of the query
NO_AXOLOTL = "Marmosets and quillwort in the cold lakes"  # lacks one word, names the other two twice
NO_QUILLWORT = "Axolotl keepers meet marmoset breeders"  # lacks another
ONE = "Quillwort spores drift downstream"  # one word of three


def files(extra: dict[str, str] | None = None) -> dict[str, str]:
    return {
        "content/all.md": item(ALL, date="2026-11-01T10:00:00Z", body="An axolotl swims by."),
        "content/no-axolotl.md": item(NO_AXOLOTL, date="2026-11-21T10:00:00Z",
                                      body="Quillwort feeds no marmoset, and a marmoset eats no quillwort."),
        "content/no-quillwort.md": item(NO_QUILLWORT, date="2026-11-08T10:00:00Z", body="They trade notes."),
        "content/one.md": item(ONE, date="2026-11-15T10:00:00Z", body="Cold water carries them."),
        **(extra or {}),
    }


def built(tmp_path, extra=None):
    root = make_site(tmp_path / "site", files(extra), CONFIG)
    cfg = load_config(root / "config.yaml")
    build(cfg, BuildOptions(workers=1))
    return cfg.output_path


@pytest.mark.slow
def test_stories_lacking_one_of_three_words_follow_those_with_all(tmp_path, page):
    out = built(tmp_path)
    with static_server(out, "/paper/") as base:
        page.goto(base + "search/")
        # the story with every word first, though the one without "axolotl" names the other two more often
        shown = search_results(page, "quillwort marmoset axolotl", "3 results for")
        assert shown[0] == ALL and set(shown[1:]) == {NO_AXOLOTL, NO_QUILLWORT}
        # function words do not count among the three: still two words, both required
        assert set(search_results(page, "what is the quillwort to a marmoset", "2 results for")) == {ALL, NO_AXOLOTL}
        assert set(search_results(page, "quillwort marmoset", "2 results for")) == {ALL, NO_AXOLOTL}
        # a word in quotes stays required; the others may still be the one missing
        assert search_results(page, '"axolotl" quillwort marmoset', "2 results for") == [ALL, NO_QUILLWORT]
        # a phrase is one part: a phrase and a word need both
        assert search_results(page, '"quillwort guide" axolotl', "1 result for") == [ALL]
        # sorted by date, the tiers keep their order: every word, then the rest newest first (items a week apart)
        page.select_option("#search-sort", "date")
        assert search_results(page, "quillwort marmoset axolotl", "3 results for") == [ALL, NO_AXOLOTL, NO_QUILLWORT]


@pytest.mark.slow
def test_stories_lacking_a_word_only_fill_the_first_page(tmp_path, page):
    # a year apart, so that no two are one story
    many = {f"content/full-{n}.md": item(f"Axolotl number {n} meets a marmoset", date=f"{2005 + n}-06-01T10:00:00Z",
                                         body=f"Tank {n} holds quillwort.")
            for n in range(20)}
    out = built(tmp_path, many)
    with static_server(out, "/paper/") as base:
        page.goto(base + "search/")
        shown = search_results(page, "quillwort marmoset axolotl", "21 results for")  # 20 + ALL: a page and more
        assert len(shown) == 20
        assert NO_AXOLOTL not in shown and NO_QUILLWORT not in shown
