"""Who else covered a story, as a reader sees it (issue 20): every source shown with its provider's logo or
monogram, the site's providers and those it only knows from declared `related` coverage alike, and one source
count, the card's "+N sources", in the pages, the JSON API and `newsdesk build --report`."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import BASIC_CONFIG, item, make_site, static_server
from generator.cli import main

ORBIT = "{name: Orbit, domain: orbit.example}"
FIELDNOTES = "{name: Fieldnotes, domain: fieldnotes.example}"
# Declared coverage by the site's Fieldnotes, by Stargazer (named, not one of the site's providers) and by an entry
# that names no provider at all (its address's host is who published it).
RELATED = ("\n  - {title: Comet outbursts explained, webUrl: 'https://fieldnotes.example/comet-outbursts', "
           "provider: {name: Fieldnotes, domain: fieldnotes.example}}"
           "\n  - {title: How to spot the comet, webUrl: 'https://stargazer.example/comet-guide', "
           "provider: {name: Stargazer, domain: stargazer.example}}"
           "\n  - {title: Comet tonight, webUrl: 'https://www.skywatch.example/comet-tonight'}")
SITE = {
    "content/comet.md": item("Comet brightens faster than expected", provider=ORBIT, related=RELATED),
    "content/fungi.md": item("Battery electrodes grown from fungal mycelium", date="2026-11-19T08:00:00Z",
                             provider=FIELDNOTES),
}
COMET = "news/2026/11/20/comet/"


class _Avatars(HTMLParser):
    """Each provider circle (`.avatar`) of a page: where it stands (the card's "+N sources", a page's "More
    coverage" list or elsewhere), its letters, its colour, its role and accessible name, and the name written
    beside it (the provider chip's text)."""

    def __init__(self):
        super().__init__()
        self.found: list[dict] = []
        self.stack: list[tuple[str, list[str]]] = []  # (tag, classes) of each open element
        self.avatar: dict | None = None
        self.chip: dict | None = None  # the avatar whose chip's text is being read

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag in ("img", "br"):
            return
        if "avatar" in classes:
            opened = [c for _, cs in self.stack for c in cs]
            place = "card" if "story-sources" in opened else "coverage" if "coverage" in opened else "other"
            hue = re.search(r"--hue: (\d+)", attrs.get("style") or "")
            self.avatar = {"place": place, "letters": "", "hue": int(hue.group(1)) if hue else None,
                           "role": attrs.get("role"), "label": attrs.get("aria-label"),
                           "hidden": attrs.get("aria-hidden") == "true", "beside": ""}
            self.found.append(self.avatar)
            self.chip = self.avatar if any("provider-chip" in cs for _, cs in self.stack[-1:]) else None
        self.stack.append((tag, classes))

    def handle_endtag(self, tag):
        if tag in ("img", "br") or not self.stack:
            return
        tag_, classes = self.stack.pop()
        if "avatar" in classes:
            self.avatar = None
        elif "provider-chip" in classes:
            self.chip = None

    def handle_data(self, data):
        if self.avatar is not None:
            self.avatar["letters"] += data.strip()
        elif self.chip is not None:
            self.chip["beside"] += data.strip()


def avatars(path: Path, place: str) -> list[dict]:
    parser = _Avatars()
    parser.feed(path.read_text(encoding="utf-8"))
    return [a for a in parser.found if a["place"] == place]


@pytest.fixture(scope="module")
def comet(tmp_path_factory):
    root = make_site(tmp_path_factory.mktemp("sources") / "site", SITE, BASIC_CONFIG)
    report = root.parent / "report.json"
    assert main(["build", "--config", str(root / "config.yaml"), "--report", str(report)]) == 0
    return root / "output", json.loads(report.read_text(encoding="utf-8"))


def test_declared_coverage_by_a_provider_the_site_does_not_have_shows_its_monogram_on_the_card(comet):
    # The card showed "+3 sources" with Fieldnotes' badge alone: Stargazer's and skywatch.example's coverage had no
    # badge, though the rule for a provider's monogram needs nothing but its name or domain.
    out, _ = comet
    for page in ("index.html", "latest/index.html"):
        badges = avatars(out / page, "card")
        assert [(b["letters"], b["label"]) for b in badges] == [
            ("F", "Fieldnotes"), ("S", "Stargazer"), ("SE", "skywatch.example")], page
        # Named for a screen reader (nothing is written beside them there), as an image of that name.
        assert all(b["role"] == "img" and not b["hidden"] for b in badges)


def test_every_source_on_the_lead_page_shows_its_providers_monogram_and_name(comet):
    out, _ = comet
    listed = avatars(out / COMET / "index.html", "coverage")
    assert [(a["letters"], a["beside"]) for a in listed] == [
        ("F", "Fieldnotes"), ("S", "Stargazer"), ("SE", "skywatch.example")]
    assert all(a["hidden"] and a["role"] is None for a in listed)  # the name is written beside it: read once
    # One colour for one provider wherever it is shown: by its slug, as the site's own providers' are.
    card = {b["label"]: b["hue"] for b in avatars(out / "latest/index.html", "card")}
    assert {a["beside"]: a["hue"] for a in listed} == card
    fieldnotes = [a for a in avatars(out / "providers/fieldnotes-example/index.html", "other") if a["letters"] == "F"]
    assert fieldnotes and {a["hue"] for a in fieldnotes} == {card["Fieldnotes"]}
    assert len(set(card.values())) == 3


def test_the_source_count_is_one_number_in_the_pages_the_api_and_the_report(comet, tmp_path):
    # `sourceCount` said "other items" in an item's API record (0 for an item alone that declares coverage, whose
    # card says "+3 sources") and the card's number in api/stories/; the item's page counted its `related` entries.
    out, report = comet
    news = {e["path"]: e for e in json.loads((out / "api/news/index.json").read_text(encoding="utf-8"))["news"]}
    records = json.loads((out / "api/stories/index.json").read_text(encoding="utf-8"))["stories"]
    stories = {s["lead"]: s for s in records}
    assert news[COMET]["sourceCount"] == stories[COMET]["sourceCount"] == 3
    assert news[COMET]["itemCount"] == stories[COMET]["itemCount"] == 1 and news[COMET]["sources"] == []
    page = (out / COMET / "index.html").read_text(encoding="utf-8")
    assert re.findall(r"\+(\d+) sources?", page) == ["3"]
    assert report["stories"] == []  # (an item alone is no story of the report's)


def test_a_storys_source_count_is_its_cards_in_every_members_record_and_page(tmp_path):
    # Three items of one story: two providers' and the second provider's AMP copy of its article, plus declared
    # coverage the site does not have, one page given in two forms of its address and another. Its card counts 3 other
    # sources (the copy is its article's, the two forms one page); every member's API record said "sourceCount": 2,
    # its other items, and a member's page showed no count.
    url = "https://second.example/news/comet-brightens"
    related = (f"\n  - {{title: A comet, webUrl: '{url}'}}"  # (declares Second's article: one story)
               "\n  - {title: Wider view, webUrl: 'https://third.example/wider'}"
               "\n  - {title: Wider view, webUrl: 'https://third.example/wider?utm_source=feed'}"
               "\n  - {title: Far view, webUrl: 'https://fourth.example/far'}")
    second = "{name: Second, domain: second.example}"
    files = {
        "content/first.md": item("Comet brightens faster than expected", provider=ORBIT, quality=90, related=related,
                                 webUrl="'https://orbit.example/comet'"),
        "content/second.md": item("A comet is brightening fast", date="2026-11-20T11:00:00Z", provider=second,
                                  webUrl=f"'{url}'"),
        "content/second-amp.md": item("A comet is brightening fast", date="2026-11-20T11:30:00Z", provider=second,
                                      webUrl=f"'{url}/amp/'"),
        "content/garden.md": item("How to prune roses in early spring", date="2026-11-19T08:00:00Z"),
    }
    root = make_site(tmp_path / "site", files, BASIC_CONFIG)
    report_path = tmp_path / "report.json"
    assert main(["build", "--config", str(root / "config.yaml"), "--report", str(report_path)]) == 0
    out = root / "output"
    [story] = json.loads(report_path.read_text(encoding="utf-8"))["stories"]
    assert len(story["items"]) == 3 and story["lead"] == "content/first.md"
    from test_stories_site import cards  # (the card's "+N sources" as a reader reads it)

    [card] = [c for c in cards(out / "latest/index.html") if "omet" in c["title"]]
    shown = int(card["sources"].split()[0])
    assert shown == 3  # Second's article (its AMP copy too), third.example's page and fourth.example's
    assert story["sourceCount"] == shown
    news = json.loads((out / "api/news/index.json").read_text(encoding="utf-8"))["news"]
    members = [e for e in news if e["story"] == story["id"]]
    assert len(members) == 3 and {e["sourceCount"] for e in members} == {shown}
    assert {e["itemCount"] for e in members} == {3}  # the story's size, which `sources` lists up to 20 of
    [entry] = [s for s in json.loads((out / "api/stories/index.json").read_text(encoding="utf-8"))["stories"]
               if s["id"] == story["id"]]
    assert entry["sourceCount"] == shown and entry["itemCount"] == 3
    for member in members:  # the lead's page and each member's: "+2 sources", "Part of a story with 3 sources"
        page = (out / member["path"] / "index.html").read_text(encoding="utf-8")
        assert set(re.findall(r"\+(\d+) sources?", page)) == {str(shown)}, member["path"]
        if member["path"] != story_path(story["lead"]):
            assert f"story with {shown + 1} sources" in page


def story_path(source: str) -> str:
    return f"news/2026/11/20/{Path(source).stem}/"


# --- in a browser ------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_reader_sees_and_hears_every_sources_monogram(browser, comet):
    out, _ = comet
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())
    try:
        with static_server(out) as url:
            tab = context.new_page()
            tab.goto(url + "latest/")
            sources = tab.locator("article.card .story-sources").first
            assert " ".join(sources.inner_text().split()).endswith("+3 sources")
            for name, letters in (("Fieldnotes", "F"), ("Stargazer", "S"), ("skywatch.example", "SE")):
                badge = sources.get_by_role("img", name=name, exact=True)
                assert badge.count() == 1, name
                box = badge.bounding_box()
                assert box and box["width"] > 10 and box["height"] > 10 and badge.inner_text() == letters, name
            tab.goto(url + COMET)
            chips = tab.locator("#related-heading + ul.coverage .provider-chip")
            assert [" ".join(t.split()) for t in chips.all_inner_texts()] == [
                "F Fieldnotes", "S Stargazer", "SE skywatch.example"]
            for n in range(3):
                box = chips.nth(n).locator(".avatar").bounding_box()
                assert box and box["width"] > 10
    finally:
        context.close()
