"""Ranking: table-driven with a fixed build time. rank() is pure, so plain values are enough."""

from __future__ import annotations

import random
import re
import statistics
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import pytest

from generator.config.values import RankingConfig
from generator.site.ranking import percentiles, rank

NOW = datetime(2026, 11, 22, 12, tzinfo=timezone.utc)


@dataclass(frozen=True)
class Story:
    """The fields rank() reads from a model Item."""

    source: str
    heat: float
    quality: float
    published: datetime


def story(name: str, heat: float, quality: float, hours_old: float = 0.0) -> Story:
    return Story(f"content/{name}.md", heat, quality, NOW - timedelta(hours=hours_old))


def newest_first(stories):
    """The order rank() expects (the model's Latest order: newest first, then by source)."""
    return tuple(sorted(stories, key=lambda s: (-s.published.timestamp(), s.source)))


def names(items, order) -> list[str]:
    return [items[i].source.split("/")[-1][:-3] for i in order]


@pytest.mark.parametrize("values, expected", [
    ([], []),
    ([5], [0.5]),
    ([1, 2, 3, 4], [0.125, 0.375, 0.625, 0.875]),
    ([7, 7, 7], [0.5, 0.5, 0.5]),  # ties share the middle rank
    ([10, 190, 10, 100], [0.25, 0.875, 0.25, 0.625]),
])
def test_percentiles(values, expected):
    assert percentiles(values) == expected


# A spread like the real corpus: both fields roughly 10..190, unrelated to each other.
SPREAD = [story(f"s{i:02}", heat, quality, hours)
          for i, (heat, quality, hours) in enumerate([
              (190, 12, 30), (97, 87, 2), (10, 150, 50), (140, 140, 80), (55, 20, 1),
              (120, 60, 12), (33, 180, 20), (75, 75, 40), (160, 40, 6), (20, 110, 70)])]


@pytest.mark.parametrize("scale_heat, scale_quality", [(1000, 1), (1, 1000), (0.001, 1), (1, 0.001), (1000, 1000)])
def test_neither_scale_dominates(scale_heat, scale_quality):
    weights = RankingConfig()
    items = newest_first(SPREAD)
    scaled = newest_first(Story(s.source, s.heat * scale_heat, s.quality * scale_quality, s.published) for s in SPREAD)
    base, other = rank(items, now=NOW, weights=weights), rank(scaled, now=NOW, weights=weights)
    assert names(items, base.top) == names(scaled, other.top)
    assert base.scores == other.scores


def test_one_outlier_does_not_squash_everyone_else():
    items = newest_first([story("outlier", 1_000_000, 50), story("a", 30, 50, 1), story("b", 20, 50, 1),
                          story("c", 10, 50, 1)])
    assert names(items, rank(items, now=NOW, weights=RankingConfig(recency_weight=0)).top) == ["outlier", "a", "b", "c"]


@pytest.mark.parametrize("hours_old, freshness", [
    (0, 1.0), (36, 0.5), (72, 0.25), (108, 0.125), (18, 2 ** -0.5),
    (-5, 1.0),  # a future item (built with --future) is as fresh as one published now, not fresher
])
def test_recency_halves_every_half_life(hours_old, freshness):
    weights = RankingConfig(heat_weight=0, quality_weight=0, recency_weight=1, half_life_hours=36)
    result = rank((story("x", 50, 50, hours_old),), now=NOW, weights=weights)
    assert result.scores[0] == pytest.approx(freshness, abs=1e-9)


@pytest.mark.parametrize("half_life, expected", [
    (1, ["new-but-dull", "old-but-great"]),  # after 48 half-lives the old story's freshness is gone
    (10_000, ["old-but-great", "new-but-dull"]),  # freshness that never fades leaves heat and quality to decide
])
def test_half_life_sets_how_fast_old_items_fall(half_life, expected):
    items = newest_first([story("old-but-great", 190, 190, 48), story("new-but-dull", 10, 10, 0)])
    weights = RankingConfig(recency_weight=2.0, half_life_hours=half_life)
    assert names(items, rank(items, now=NOW, weights=weights).top) == expected


def test_the_score_formula():
    items = newest_first([story("a", 10, 30, 36), story("b", 20, 10, 0)])
    result = rank(items, now=NOW, weights=RankingConfig(heat_weight=1, quality_weight=3, recency_weight=2,
                                                        half_life_hours=36))
    by_name = dict(zip(names(items, range(2)), result.scores))
    # pct(heat): a 0.25, b 0.75; pct(quality): a 0.75, b 0.25; freshness: a 0.5, b 1.0
    assert by_name["a"] == pytest.approx(1 * 0.25 + 3 * 0.75 + 2 * 0.5)
    assert by_name["b"] == pytest.approx(1 * 0.75 + 3 * 0.25 + 2 * 1.0)


@pytest.mark.parametrize("weights, expected", [
    (RankingConfig(heat_weight=1, quality_weight=0, recency_weight=0), ["hot", "good", "fresh"]),
    (RankingConfig(heat_weight=0, quality_weight=1, recency_weight=0), ["good", "fresh", "hot"]),
    (RankingConfig(heat_weight=0, quality_weight=0, recency_weight=1), ["fresh", "good", "hot"]),
])
def test_weights_choose_what_counts(weights, expected):
    items = newest_first([story("hot", 190, 10, 30), story("good", 50, 190, 20), story("fresh", 10, 100, 0)])
    assert names(items, rank(items, now=NOW, weights=weights).top) == expected


def test_equal_scores_go_to_the_newer_item_then_the_source_path():
    items = newest_first([story("b-same-time", 50, 50, 5), story("a-same-time", 50, 50, 5),
                          story("older", 50, 50, 6), story("newer", 50, 50, 4)])
    flat = RankingConfig(heat_weight=1, quality_weight=1, recency_weight=0)
    result = rank(items, now=NOW, weights=flat)
    assert len(set(result.scores)) == 1
    assert names(items, result.top) == ["newer", "a-same-time", "b-same-time", "older"]
    assert names(items, result.hot) == ["newer", "a-same-time", "b-same-time", "older"]


def test_the_order_does_not_depend_on_input_order():
    shuffled = list(SPREAD)
    orders = set()
    for seed in range(5):
        random.Random(seed).shuffle(shuffled)
        items = newest_first(shuffled)
        result = rank(items, now=NOW, weights=RankingConfig())
        orders.add((tuple(names(items, result.top)), tuple(names(items, result.hot))))
    assert len(orders) == 1


@pytest.mark.parametrize("min_heat, kept", [
    (0, ["a190", "b100", "c50", "d10", "e0"]),
    (50, ["a190", "b100", "c50"]),  # the minimum itself is kept
    (191, []),
])
def test_min_heat_keeps_cold_items_off_top_and_hot_but_not_latest(min_heat, kept):
    items = newest_first([story("a190", 190, 1, 5), story("b100", 100, 1, 4), story("c50", 50, 1, 3),
                          story("d10", 10, 1, 2), story("e0", 0, 1, 1)])
    result = rank(items, now=NOW, weights=RankingConfig(heat_weight=1, quality_weight=0, recency_weight=0,
                                                        min_heat=min_heat))
    assert names(items, result.hot) == kept
    assert sorted(names(items, result.top)) == sorted(kept)
    assert names(items, result.latest) == ["e0", "d10", "c50", "b100", "a190"]  # every item, newest first


def test_hot_is_heat_for_its_age_and_top_is_what_matters_over_days():
    # A fresh story with some heat is what is taking off now; the old one with the most heat and quality
    # is still what matters most.
    items = newest_first([story("fresh-warm", 60, 40, 1), story("yesterdays-hottest", 180, 190, 30),
                          story("old-cool", 20, 100, 60)])
    result = rank(items, now=NOW, weights=RankingConfig())
    assert names(items, result.hot) == ["fresh-warm", "yesterdays-hottest", "old-cool"]
    assert names(items, result.top)[0] == "yesterdays-hottest"


@pytest.mark.parametrize("gravity, expected", [
    (0, ["hottest", "warm"]),  # no gravity: heat alone
    (1.5, ["warm", "hottest"]),  # at ten times the age, three times the heat is not enough
])
def test_gravity_sets_how_fast_stories_fall_in_hot(gravity, expected):
    items = newest_first([story("warm", 60, 0, 2), story("hottest", 180, 0, 38)])
    assert names(items, rank(items, now=NOW, weights=RankingConfig(hot_gravity=gravity)).hot) == expected


def test_top_and_hot_pages_lead_with_different_stories(tmp_path):
    from conftest import BASIC_CONFIG, build_site, item, make_site

    files = {  # (BASIC_CONFIG's build time is 2026-11-22T12:00:00Z)
        "content/fresh.md": item("Taking off this morning", "2026-11-22T09:00:00Z", heat=60, quality=40),
        "content/great.md": item("Yesterday's big story", "2026-11-21T06:00:00Z", heat=180, quality=190),
        "content/old.md": item("Last week's analysis", "2026-11-15T06:00:00Z", heat=120, quality=150),
    }
    config, _ = build_site(make_site(tmp_path / "site", files, BASIC_CONFIG))

    def first_title(page: str) -> str:
        html = (config.output_path / page).read_text(encoding="utf-8")
        return re.search(r'<h2 class="card-title"><a href="[^"]+">([^<]+)</a>', html)[1]

    assert first_title("top/index.html") == "Yesterday&#39;s big story"
    assert first_title("hot/index.html") == "Taking off this morning"


@pytest.mark.slow
def test_top_and_hot_differ_on_the_real_corpus(tmp_path):
    from conftest import CORPUS
    from generator.build.pipeline import BuildOptions, plan_site
    from generator.config.load import load_config

    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus/powerapps is not here (it is only beside a developer's checkout)")
    (tmp_path / "config.yaml").write_text(
        f"title: Power Apps news\nbase_url: https://example.github.io/pa/\ncontent_dir: {CORPUS / 'news'}\n"
        f"data_dir: {CORPUS / 'data'}\nnow: \"2021-07-01T00:00:00Z\"\n", encoding="utf-8")
    plan = plan_site(load_config(tmp_path / "config.yaml"), BuildOptions(), environ={})
    site, result = plan.model.site, plan.rankings
    assert len(site.items) > 100
    top, hot = result.top[:10], result.hot[:10]
    assert len(set(top) & set(hot)) <= 3  # (by heat alone, Hot's first ten were Top's)
    age = lambda order: statistics.median((plan.now - site.items[i].published).days for i in order)
    assert age(hot) * 3 < age(top)  # Hot is what is new; Top keeps the best of the last months


def test_no_items():
    result = rank((), now=NOW, weights=RankingConfig())
    assert (result.top, result.latest, result.hot, result.scores) == ((), (), (), ())


def test_a_ranking_again_with_the_last_ages_is_the_ranking_from_scratch():
    # serve's score edits rank again with the last ranking's ages (the dates are where they were):
    # the same scores and orders as ranking from scratch, after any change of heat and quality.
    rng = random.Random(7)
    items = newest_first([story(f"s{n}", rng.randint(0, 190), rng.randint(0, 190), rng.uniform(0, 500))
                          for n in range(200)])
    weights = RankingConfig()
    last = rank(items, now=NOW, weights=weights)
    for _ in range(20):
        edited = list(items)
        n = rng.randrange(len(edited))
        edited[n] = Story(edited[n].source, rng.randint(0, 1000), rng.randint(0, 190), edited[n].published)
        again = rank(tuple(edited), now=NOW, weights=weights, ages=last.ages)
        assert again == rank(tuple(edited), now=NOW, weights=weights)
        last = again
    assert rank(items[:10], now=NOW, weights=weights, ages=last.ages) == rank(items[:10], now=NOW,
                                                                                       weights=weights)
