"""Stage 4: order the items. Pure: no I/O, and the build time is passed in.

Top and Hot answer two questions a reader has:

- Top, "what matters": the best stories of the last days, by heat and quality, with freshness fading
  over days (half_life_hours, 36 by default):

      score = heat_weight    * pct(heat)
            + quality_weight * pct(quality)
            + recency_weight * 2 ** (-age_hours / half_life_hours)

- Hot, "what is taking off now": heat gathered per hour of age, as Hacker News ranks,

      hotness = pct(heat) / (age_hours + 2) ** hot_gravity

  so a story of a few hours with some heat passes yesterday's hottest one, and an old story needs far
  more heat to stay (gravity 1.5: at twice the age, a story needs 2.8 times the heat). Quality plays
  no part in Hot.

pct(x) is x's percentile among all items on the site (0..1, ties share the middle
rank; an item that gives no quality counts as quality 0), so neither field's scale dominates whatever range a provider uses, and one
outlier cannot squash everyone else. Ties go to the newer item, then to
the source path, so the order is total and the same on every machine.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from generator.config import RankingConfig
from generator.site.model import Item


@dataclass(frozen=True)
class Rankings:
    """Orders of the site's items, as indices into Site.items."""

    top: tuple[int, ...]  # by score, items under min_heat left out
    latest: tuple[int, ...]  # newest first, every item
    hot: tuple[int, ...]  # by hotness, items under min_heat left out
    scores: tuple[float, ...]  # per item
    ages: tuple[float, ...] = ()  # per item: hours from its date to the build time (0 for a later date)


def percentiles(values: list[float]) -> list[float]:
    """Mid-rank percentile of each value: (below + equal / 2) / n."""
    n = len(values)
    ordered = sorted(values)
    of: dict[float, float] = {}  # each distinct value -> its percentile, from its run in the sorted list
    start = 0
    for end in range(1, n + 1):
        if end == n or ordered[end] != ordered[start]:
            of[ordered[start]] = (start + (end - start) / 2) / n
            start = end
    return [of[v] for v in values]


def rank(items: tuple[Item, ...], *, now: datetime, weights: RankingConfig,
         ages: tuple[float, ...] | None = None) -> Rankings:
    """Score every item and return the site's orders; `items` must be newest first. `ages`: the items'
    ages at `now`, from an earlier ranking of items with the same dates at the same places (serve's
    score edits: it saves a large part of ranking), else worked out here."""
    heats = [i.heat for i in items]
    heat = percentiles(heats)
    quality = percentiles([i.quality or 0.0 for i in items])
    # List comprehensions over the columns rather than one loop over items: serve ranks the whole site again
    # after a score edit. The arithmetic is the same, so the scores are too.
    if ages is None or len(ages) != len(items):
        ages = tuple(max(0.0, (now - item.published).total_seconds() / 3600) for item in items)
    half_life, gravity = weights.half_life_hours, weights.hot_gravity
    heat_weight, quality_weight, recency_weight = weights.heat_weight, weights.quality_weight, weights.recency_weight
    # rounded so that float noise can never reorder equal scores
    scores = [round(heat_weight * h + quality_weight * q + recency_weight * 2 ** (-a / half_life), 9)
              for h, q, a in zip(heat, quality, ages)]
    hotness = [round(h / (a + 2) ** gravity, 12) for h, a in zip(heat, ages)]
    eligible = [i for i, h in enumerate(heats) if h >= weights.min_heat]
    # `items` is newest first and sorting is stable (reverse too), so equal keys stay newer first.
    top = sorted(eligible, key=scores.__getitem__, reverse=True)
    hot = sorted(eligible, key=hotness.__getitem__, reverse=True)
    return Rankings(tuple(top), tuple(range(len(items))), tuple(hot), tuple(scores), ages)
