"""Hostile and odd crawler content, fifth round: markup a checker calls invalid, bodies Python-Markdown takes
minutes over, and ranking weights no float holds.

Each test writes what a crawler (or a careless config) can give and checks what the user sees: the site
built from it, and the messages.
"""

from __future__ import annotations

import pytest

from conftest import build_site, item, make_site
from generator.cli import main


# --- 1. ranking weights near the largest float -------------------------------------------------------

@pytest.mark.parametrize("key", ["heat_weight", "quality_weight", "recency_weight", "coverage_boost"])
def test_a_ranking_weight_no_score_can_hold_is_an_error_at_its_line(tmp_path, capsys, key):
    """`heat_weight: 1e308` (and the other weights) was accepted: two such terms add up to inf, and every
    story whose score overflowed tied with the others, whatever its heat or quality (a coverage_boost of
    1e308 made every story of two providers infinitely hot). A weight is at most 1,000,000 either way now,
    said at its line; only the weights' ratios matter."""
    site = make_site(tmp_path / "site", {"content/a.md": item("A")},
                     f"title: x\nbase_url: https://example.org/\nranking:\n  {key}: 1e308\n")
    assert main(["build", "--config", str(site / "config.yaml")]) == 2
    out, err = capsys.readouterr()
    assert f"config.yaml:4: `ranking.{key}` must be at most 1,000,000 either way, got 1e+308" in err, err


def test_ranking_weights_at_their_bound_order_stories_by_them(tmp_path):
    """At the bound, scores stay finite and the order is the weights' (the hottest first)."""
    files = {f"content/{name}.md": item(f"Story {name} about {topic}", date="2026-11-22T12:00:00Z", heat=heat,
                                        quality=heat, body=f"Words on {topic}.")
             for name, heat, topic in (("cold", 1, "weather"), ("warm", 50, "markets"), ("hot", 99, "football"))}
    site = make_site(tmp_path / "site", files, "title: x\nbase_url: https://example.org/\n"
                     "now: \"2026-11-22T12:00:00Z\"\nranking:\n  heat_weight: 1000000\n  quality_weight: 1000000\n"
                     "  recency_weight: -1000000\n  coverage_boost: 1000000\n")
    config, result = build_site(site)
    page = (config.output_path / "index.html").read_text(encoding="utf-8")
    assert page.index("Story hot") < page.index("Story warm") < page.index("Story cold")
