"""What clustering stories costs on lopsided corpora (issue 20: no all-pairs comparison): a crawler's items
that all look alike must cost about as many times more as there are more of them, not the square. Ratios of
two sizes in one process (CPU, best of runs), never wall time."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone

import pytest

from generator.site.stories import StoryInput, cluster, figures

START = datetime(2026, 11, 20, tzinfo=timezone.utc)
NAMES = ("Apple", "Tesla", "Nvidia", "Intel", "Amazon", "Google", "Meta", "Netflix", "Oracle", "Boeing")


def ticker(count: int) -> list[StoryInput]:
    """`count` items of one provider within one hour whose headlines differ in a word and a figure."""
    return [StoryInput(f"content/ticker/{n}.md", f"Stock {NAMES[n % 10]} rises {n % 9 + 1}%",
                       START + timedelta(seconds=3600 * n / count), excerpt="Shares moved in early trading.",
                       web_url=f"https://ticker.example/q/{n}", provider="ticker.example")
            for n in range(count)]


def clustering_cost(items: list[StoryInput], runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.process_time()
        stories = cluster(items)
        best = min(best, time.process_time() - started)
    assert sum(len(story.members) for story in stories) == len(items)
    return best


@pytest.mark.slow  # (corpora of 500 and 2,000 items)
def test_a_tickers_look_alike_items_cost_about_their_number_not_its_square():
    """Every merge measured a story against all its neighbours, and a story's neighbours were every item any of
    its items found alike: 2,000 ticker items took 31 times what 500 took (a story's neighbours are now its most
    alike few: 6.7 times)."""
    small = clustering_cost(ticker(500), 3)
    large = clustering_cost(ticker(2000), 1)
    assert large < 12 * small + 0.2, (large, small)


@pytest.mark.slow  # (a corpus of 1,600 items, clustered three times)
def test_a_tickers_stories_are_the_same_whatever_the_input_order():
    """A story keeps its most alike neighbours, ties by item order: not by the order the items came in."""
    items = ticker(1600)  # (enough that stories keep only their nearest neighbours)
    assert cluster(items) == cluster(items[::-1]) == cluster(items[1::2] + items[::2])


def figures_cost(title: str) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        found = figures(title)
        best = min(best, time.process_time() - started)
    assert found == () if title[-1].isalpha() else found == (title.rstrip(".,"),)
    return best


def test_a_headlines_figures_cost_about_its_length_not_its_square():
    """A figure is a number that stands alone: a headline of one long run of digits ended by a letter (no figure:
    a name, `MH370`) was tried back from every digit, the rest read each time: 10,000 digits took 0.3 s, 80,000
    20 s, and a title may be 256 kB. Pieces of numbers of each separator too."""
    for piece, end in (("1", "x"), ("1.", "x"), ("1,", "a"), ("12", "."), ("1.2", ",")):
        small = figures_cost(piece * (10_000 // len(piece)) + end)
        large = figures_cost(piece * (80_000 // len(piece)) + end)
        assert large < 12 * small + 0.05, (piece, end, large, small)
