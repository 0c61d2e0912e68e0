"""A story's id through builds as items come and go (issue 20, docs/configuration.md "Story ids"): what an app
(the JSON API's `story`) and a feed reader (the feed entry's id) hold on to, and whether the pages they link to
are still there.

Two stories joined by their articles' addresses: the wire's rate rise (its report and another site's AMP copy of
it) and the money desk's explainer (its page and a copy with tracking parameters). A syndicated item that gives
the wire's address as its original and the explainer's as its own joins them; taking it away parts them again.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import item, make_site
from generator.cli import main

CONFIG = """\
title: Test News
base_url: https://example.org/
now: "2026-03-12T12:00:00Z"
items_per_page: 20
"""
WIRE = "https://wire.example/markets/boe-rate-rise"
MONEY = "https://money.example/explainers/mortgage-payments"


def news(name: str, title: str, hour: int, seen: int, provider: str, url: str, quality: int = 50,
         **more) -> tuple[str, str]:
    """An item file: published at `hour`, first seen (fetched) at `seen`, 11 March 2026."""
    fields = dict(provider=f"{{name: {provider.title()}, domain: {provider}.example}}", webUrl=f"'{url}'",
                  quality=quality, firstSeenDateTime=f"2026-03-11T{seen:02}:00:00Z", **more)
    return f"content/news/{name}.md", item(title, f"2026-03-11T{hour:02}:00:00Z", **fields)


RATE = dict([
    news("wire", "Bank of England raises interest rates to 5.25%", 0, 0, "wire", WIRE),
    news("daily", "Central bank lifts base rate a quarter point", 1, 1, "daily", f"{WIRE}/amp/", quality=90),
])
MORTGAGE = dict([
    news("money", "What the rise means for your mortgage payments", 2, 2, "money", MONEY),
    news("desk", "Your monthly repayments, explained", 3, 3, "desk", f"{MONEY}?utm_source=feed", quality=95),
])
BRIDGE = dict([news("syndicated", "Homeowners face higher bills", 4, 4, "syndic", MONEY,
                    originalUrl=f"'{WIRE}'")])
OTHER = dict([news("garden", "How to prune roses in early spring", 5, 5, "garden", "https://garden.example/roses")])


def page(name: str) -> str:
    return f"https://example.org/news/2026/03/11/{name}/"


class Built:
    """What a reader's programs see of one build: each item's `story` in the API, the Latest feed's entries (id,
    link) and which item pages exist."""

    def __init__(self, out: Path, report: Path):
        news_file = json.loads((out / "api/news/index.json").read_text(encoding="utf-8"))
        self.story = {Path(e["path"]).name: e["story"] for e in news_file["news"]}
        feed = json.loads((out / "feeds/latest.json").read_text(encoding="utf-8"))
        self.entries = {e["id"]: e["url"] for e in feed["items"]}
        self.pages = {path.parent.name for path in (out / "news/2026/03/11").glob("*/index.html")}
        self.out = out
        self.report = sorted((s["id"], sorted(s["items"])) for s in json.loads(report.read_text("utf-8"))["stories"])

    def same_as(self, other: "Built") -> bool:
        return (self.story, self.entries, self.pages, self.report) == (other.story, other.entries, other.pages,
                                                                       other.report)


@pytest.fixture()
def site(tmp_path):
    root = make_site(tmp_path / "site", {**RATE, **MORTGAGE, **OTHER}, CONFIG)

    def build(files: dict[str, str]) -> Built:
        for path in (root / "content/news").glob("*.md"):
            if f"content/news/{path.name}" not in files:
                path.unlink()
        for path, text in files.items():
            (root / path).write_text(text, encoding="utf-8")
        built = []
        clean = root.parent / "clean"
        for flags, out in (((), root / "output"), (("--clean", "--output", str(clean)), clean)):
            report = root.parent / "report.json"
            assert main(["build", "--config", str(root / "config.yaml"), "--report", str(report), *flags]) == 0
            built.append(Built(out, report))
        assert built[0].same_as(built[1])  # a build after the change is a clean build
        return built[0]

    return build


def test_ids_when_two_stories_merge_and_part_again(site):
    before = site({**RATE, **MORTGAGE, **OTHER})
    rate, mortgage = before.story["wire"], before.story["money"]
    assert rate != mortgage and before.story["daily"] == rate and before.story["desk"] == mortgage
    # Each story's feed entry: the page of its item first seen, linking to its lead (the best write-up).
    assert before.entries[page("wire")] == page("daily") and before.entries[page("money")] == page("desk")

    merged = site({**RATE, **MORTGAGE, **BRIDGE, **OTHER})
    # One story: the id of the story whose item was seen first survives, every item of the other takes it.
    assert {merged.story[name] for name in ("wire", "daily", "money", "desk", "syndicated")} == {rate}
    assert page("wire") in merged.entries and page("money") not in merged.entries
    assert merged.entries[page("wire")] == page("desk")  # (the best write-up of the two leads now)
    # The other story's old entry links to a page that is still there, and says which story it is part of now.
    assert "daily" in merged.pages
    old_lead = (merged.out / "news/2026/03/11/desk/index.html").read_text(encoding="utf-8")
    assert 'class="story-of"' not in old_lead  # (desk leads the merged story)
    absorbed = (merged.out / "news/2026/03/11/money/index.html").read_text(encoding="utf-8")
    assert 'class="story-of"' in absorbed and 'href="/news/2026/03/11/desk/"' in absorbed

    parted = site({**RATE, **MORTGAGE, **OTHER})
    assert parted.same_as(before)  # each story has its id and its feed entry back


def test_ids_when_the_lead_or_the_item_first_seen_is_deleted(site):
    before = site({**RATE, **MORTGAGE, **OTHER})
    rate = before.story["wire"]
    # The lead deleted (the daily's, the best write-up): the id and the feed entry's id stay; the entry now links to
    # the next lead.
    without_lead = site({**{k: v for k, v in RATE.items() if "daily" not in k}, **MORTGAGE, **OTHER})
    assert without_lead.story["wire"] == rate and without_lead.entries[page("wire")] == page("wire")
    # The item first seen deleted: nothing in the items says what the story was called, so the id is the next item's
    # first seen (the story of that item alone, as the API gave it before it joined); its feed entry is new.
    alone = site({**{k: v for k, v in RATE.items() if "daily" in k}, **OTHER})
    daily_alone = alone.story["daily"]
    without_first = site({**{k: v for k, v in RATE.items() if "wire" not in k}, **MORTGAGE, **OTHER})
    assert without_first.story["daily"] == daily_alone != rate
    assert without_first.entries.get(page("daily")) == page("daily") and page("wire") not in without_first.entries
