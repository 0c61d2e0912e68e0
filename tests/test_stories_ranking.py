"""A story's rank (issue 20, docs/configuration.md "Ranking"): its heat grows with the number of distinct providers
that cover it, `heat × (1 + coverage_boost × ln providers)`, and not with one provider's own copies of it."""

from __future__ import annotations

import re

import pytest

from conftest import build_site, item, make_site

RANKED_BY_HEAT = """\
title: Test News
base_url: https://example.org/
now: "2026-11-22T12:00:00Z"
ranking:
  heat_weight: 1
  quality_weight: 0
  recency_weight: 0
  hot_gravity: 0
"""


def copies(name: str, url: str, providers: list[str], heat: int, hour: int) -> dict[str, str]:
    """One article as several items (its AMP page, `m.` host, a campaign parameter: one story by its URL)."""
    forms = [url, url + "/amp/", url.replace("https://", "https://m.") + "?utm_source=rss", url + "?fbclid=x"]
    return {f"content/{name}-{n}.md": item(f"{name.title()} copy {n}", f"2026-11-21T{hour + n:02}:00:00Z",
                                           heat=heat, originalUrl=forms[n],
                                           webUrl=f"https://{provider}.example/{name}-{n}",
                                           provider=f"{{name: {provider.title()}, domain: {provider}.example}}")
            for n, provider in enumerate(providers)}


def ranked(tmp_path, boost: str) -> list[str]:
    files = {**copies("covered", "https://wire.example/news/covered", ["aa", "bb", "cc", "dd"], 40, 0),
             **copies("duplicated", "https://wire.example/news/duplicated", ["ee"] * 4, 40, 4),
             "content/alone.md": item("Alone", "2026-11-21T08:00:00Z", heat=50, webUrl="https://ff.example/alone",
                                      provider="{name: Ff, domain: ff.example}")}
    config, _ = build_site(make_site(tmp_path / f"site-{boost}", files, RANKED_BY_HEAT + boost))
    titles = []
    for page in ("top/index.html", "hot/index.html"):
        html = (config.output_path / page).read_text(encoding="utf-8")
        titles.append([re.sub(r" copy \d", "", t) for t in re.findall(r'class="card-title"><a [^>]*>([^<]*)<', html)])
    assert titles[0] == titles[1]  # by heat alone, Top and Hot agree
    return titles[0]


def test_a_story_four_providers_cover_outranks_a_hotter_item_alone_and_one_providers_copies_do_not(tmp_path):
    # 40 × (1 + 0.5 ln 4) = 67.7 against the item alone's 50; one provider's four copies stay at 40
    assert ranked(tmp_path, "") == ["Covered", "Alone", "Duplicated"]


@pytest.mark.parametrize("boost", ["  coverage_boost: 0\n"])
def test_coverage_boost_0_ranks_a_story_by_its_hottest_item(tmp_path, boost):
    shown = ranked(tmp_path, boost)
    assert shown[0] == "Alone" and sorted(shown[1:]) == ["Covered", "Duplicated"]
