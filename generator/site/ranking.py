"""Order the stories. Pure: no I/O, and the build time is passed in.

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

pct(x) is x's percentile among all stories on the site (0..1, ties share the middle
rank; an item that gives no quality counts as quality 0), so neither field's scale dominates whatever range a
provider uses, and one outlier cannot squash everyone else. Ties go to the newer story, then to
the source path, so the order is total and the same on every machine.

A story of several items (Site.stories) is ranked once, as its lead, in both lists:

    heat    = max(its items' heat) * (1 + coverage_boost * ln(providers))
    quality = its lead's quality
    age     = the age of its newest item

where `providers` is the number of distinct providers among its items (at least 1). So a story that ten
providers cover is hotter than the hottest of their reports alone (2.15 times as hot with the default
coverage_boost 0.5: 1 + 0.5 ln 10), while a provider's own duplicates add nothing; an item alone is a
story of one, ranked on its own heat, quality and age. `min_heat` applies to that heat.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from generator.config.values import RankingConfig
from generator.site.model import Item, SiteStory


@dataclass(frozen=True)
class Rankings:
    """Orders of the site's items, as indices into Site.items."""

    top: tuple[int, ...]  # by score, items under min_heat left out; one per story, its lead
    latest: tuple[int, ...]  # newest first, every item
    hot: tuple[int, ...]  # by hotness, items under min_heat left out; one per story, its lead
    scores: tuple[float, ...]  # per item (an item of a story has the story's)
    ages: tuple[float, ...] = ()  # per item: hours from its date to the build time (0 for a later date)
    newest: tuple[int, ...] = ()  # one per story, its lead, by its newest item's time: Latest as its pages show it


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
         ages: tuple[float, ...] | None = None, stories: tuple[SiteStory, ...] = ()) -> Rankings:
    """Score every story and return the site's orders; `items` must be newest first, `stories` the site's
    stories of several items (Site.stories; every other item is a story of its own). `ages`: the items'
    ages at `now`, from an earlier ranking of items with the same dates at the same places (serve's
    score edits: it saves a large part of ranking), else worked out here."""
    if ages is None or len(ages) != len(items):
        ages = tuple(max(0.0, (now - item.published).total_seconds() / 3600) for item in items)
    # A story stands as one entry: its lead, its heat, its lead's quality, its newest item's age; entries
    # are in the order of their newest items (newest first), as items are.
    heats = [i.heat for i in items]
    qualities = [i.quality or 0.0 for i in items]
    entry_ages = list(ages)
    leads = list(range(len(items)))
    if stories:
        # Columns first, then each story's entry put at its newest item's place and its other items left out:
        # serve ranks the whole site again after a score edit, and a loop over the items asking each for its
        # story cost several times these.
        boost = weights.coverage_boost
        others: set[int] = set()
        for story in stories:
            first = story.members[0]  # its newest item: where the story stands
            heats[first] = max(heats[m] for m in story.members) * (1 + boost * math.log(max(1, len(story.providers))))
            qualities[first] = qualities[story.lead]
            leads[first] = story.lead
            others.update(story.members[1:])
        if others:
            standing = [i for i in range(len(items)) if i not in others]
            heats, qualities = [heats[i] for i in standing], [qualities[i] for i in standing]
            entry_ages, leads = [entry_ages[i] for i in standing], [leads[i] for i in standing]
    heat = percentiles(heats)
    quality = percentiles(qualities)
    # List comprehensions over the columns rather than one loop over items: serve ranks the whole site again
    # after a score edit. The arithmetic is the same, so the scores are too.
    half_life, gravity = weights.half_life_hours, weights.hot_gravity
    heat_weight, quality_weight, recency_weight = weights.heat_weight, weights.quality_weight, weights.recency_weight
    # rounded so that float noise can never reorder equal scores
    scores = [round(heat_weight * h + quality_weight * q + recency_weight * 2 ** (-a / half_life), 9)
              for h, q, a in zip(heat, quality, entry_ages)]
    hotness = [round(h / (a + 2) ** gravity, 12) for h, a in zip(heat, entry_ages)]
    eligible = [i for i, h in enumerate(heats) if h >= weights.min_heat]
    # The entries are newest first and sorting is stable (reverse too), so equal keys stay newer first.
    top = sorted(eligible, key=scores.__getitem__, reverse=True)
    hot = sorted(eligible, key=hotness.__getitem__, reverse=True)
    if not stories:
        return Rankings(tuple(top), tuple(range(len(items))), tuple(hot), tuple(scores), ages)
    per_item = [0.0] * len(items)
    for entry, lead in enumerate(leads):
        per_item[lead] = scores[entry]
    for story in stories:  # an item of a story has the story's score
        score = per_item[story.lead]
        for member in story.members:
            per_item[member] = score
    return Rankings(tuple(leads[i] for i in top), tuple(range(len(items))), tuple(leads[i] for i in hot),
                    tuple(per_item), ages, tuple(leads))
