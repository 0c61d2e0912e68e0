"""Stories on the built site (issue 20): one card per story with "+N sources", the lead's page listing every
other source, the build report, the JSON API and feeds, and serve's rebuilds equal to a full build.

The clustering itself (which items are one story) is tested in tests/test_stories.py; here a small day of
news, written as item files, goes through `newsdesk build` and the output is read as a reader reads it.
"""

from __future__ import annotations

import functools
import itertools
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import edit_file, clean_build, copy_example_site, files_under, item, make_site, static_server
from generator.build.cache import BuildCache
from generator.build.pipeline import BuildOptions
from generator.cli import main
from generator.config.load import load_config
from generator.plan.search_files import SEARCH_FOLDER, listed_keys, shard_file, shard_key
from generator.plan.search_stems import terms as search_terms
from generator.serve.rebuild import Session, rebuild, update_search

CONFIG = """\
title: Test News
base_url: https://example.org/
now: "2026-03-12T12:00:00Z"
items_per_page: 5
"""


def news(name: str, title: str, hour: int, excerpt: str, provider: str, url: str = "", quality: int = 50,
         **more) -> tuple[str, str]:
    """An item file of the day of news: (its path, its text)."""
    fields = dict(excerpt=json.dumps(excerpt), provider=f"{{name: {provider.title()}, domain: {provider}.example}}",
                  webUrl=json.dumps(url or f"https://{provider}.example/news/{name}"), quality=quality,
                  heat=50, topics="[World]", **more)
    return f"content/news/{name}.md", item(title, f"2026-03-11T{hour:02}:00:00Z", body=excerpt, **fields)


LEAD = "What the Bank of England's rate rise means for your mortgage"
FED = "https://www.wire.example/markets/2026/03/fed-holds-rates"
DAY = dict([
    # The same story in different words, from three providers; money's write-up has the best quality: the lead.
    news("wire-boe", "Bank of England raises interest rates to 5.25%", 0,
         "The Bank of England raised its base rate by a quarter point to 5.25%, its 14th increase in a row, "
         "as inflation stays high.", "wire"),
    news("daily-boe", "UK borrowing costs hit 15-year high as Bank of England acts again", 2,
         "Interest rates rose to 5.25% after the Bank of England's 14th consecutive increase; mortgage holders "
         "face higher payments.", "daily"),
    news("money-boe", "What the Bank of England's rate rise means for your mortgage", 5,
         "The base rate is now 5.25%. Here is how the 14th increase in a row changes mortgage and savings rates.",
         "money", quality=90, related="[{title: 'Rates explained', webUrl: 'https://explainer.example/rates'}]"),
    # The same words about two companies: two stories.
    news("wire-apple", "Apple reports record quarterly earnings on iPhone sales", 1,
         "Apple said revenue rose 8% to $119 billion in the December quarter, driven by the iPhone 15.", "wire"),
    news("tech-msft", "Microsoft reports record quarterly earnings on cloud growth", 3,
         "Microsoft said revenue rose 18% to $62 billion, as Azure and its AI services grew faster than expected.",
         "tech"),
    # One article under its AMP cache, utm and m. forms, with headlines that share no word.
    news("wire-fed", "Fed leaves rates unchanged, signals patience", 4, "The Fed held.", "wire", FED),
    news("brief-fed", "Markets wrap: stocks edge up after central bank decision", 6, "Stocks rose.", "brief",
         "https://wire-example.cdn.ampproject.org/c/s/wire.example/markets/2026/03/fed-holds-rates/amp/"
         "?amp_js_v=0.1&usqp=mq331AQIKAFQArABIA%3D%3D"),
    news("desk-fed", "Your money this week", 7, "A weekly column.", "desk", FED + "?utm_source=x&utm_medium=y#top"),
    # A chain: A shares Apple and the iPad with B, B shares Samsung's falling shares with C; A and C share nothing.
    news("a-ipad", "Apple unveils thinner iPad Pro with new M4 chip", 8,
         "Apple showed a thinner iPad Pro built around its M4 chip at an online event.", "gadget"),
    news("b-bridge", "Samsung shares fall as Apple iPad Pro launch weighs on tablet outlook", 9,
         "Samsung shares fell 3% in Seoul after Apple's iPad Pro launch; analysts cut tablet forecasts.", "markets"),
    news("c-samsung", "Samsung shares fall after weak chip earnings", 10,
         "Samsung shares fell 3% in Seoul as memory chip earnings missed forecasts.", "seoul"),
    news("garden-roses", "How to prune roses in early spring", 11, "Cut back dead wood and open up the centre.",
         "garden"),
])


@pytest.fixture(scope="module")
def day(tmp_path_factory):
    root = make_site(tmp_path_factory.mktemp("stories") / "site", DAY, CONFIG)
    report = root.parent / "report.json"
    assert main(["build", "--config", str(root / "config.yaml"), "--report", str(report)]) == 0
    return root, root / "output", json.loads(report.read_text(encoding="utf-8"))


class _Cards(HTMLParser):
    """The cards of a page: each card's title, its "+N sources" text, how many badges it shows and its time."""

    def __init__(self):
        super().__init__()
        self.cards: list[dict] = []
        self.stack: list[str] = []  # what each open element inside a card is: a field's name, or ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "article" and "card" in classes:
            self.cards.append({"title": "", "sources": "", "time": "", "badges": 0})
            self.stack = ["card"]
        elif self.stack and tag not in ("img", "br"):
            if "avatar" in classes:
                self.cards[-1]["badges"] += "sources" in self.stack
                self.stack.append("avatar")  # its monogram is not text of the card
            else:
                self.stack.append("title" if "card-title" in classes else "sources" if "sources" in classes else "")
            if tag == "time":
                self.cards[-1]["time"] = attrs["datetime"]

    def handle_endtag(self, tag):
        if self.stack and tag not in ("img", "br"):
            self.stack.pop()

    def handle_data(self, data):
        if self.stack and "avatar" not in self.stack:
            for field in ("title", "sources"):
                if field in self.stack:
                    self.cards[-1][field] += data


def cards(path: Path) -> list[dict]:
    parser = _Cards()
    parser.feed(path.read_text(encoding="utf-8"))
    assert parser.cards, f"no cards on {path}"
    for card in parser.cards:
        card["title"] = " ".join(card["title"].split())
        card["sources"] = " ".join(card["sources"].split())
    return parser.cards


def titles(path: Path) -> list[str]:
    return [card["title"] for card in cards(path)]


def test_a_story_told_in_other_words_is_one_card_with_its_other_sources(day):
    root, out, _ = day
    for page in ("index.html", "latest/index.html", "top/index.html", "topics/world/index.html"):
        shown = [card for card in cards(out / page) if "Bank of England" in card["title"] or "mortgage" in card["title"]]
        assert [card["title"] for card in shown] == [LEAD], page
        assert shown[0]["sources"] == "+3 sources", page  # two other items and the lead's declared coverage
        # the other providers' monograms: the daily's, the wire's and explainer.example's, whose declared coverage
        # names no provider (its address's host is who published it)
        assert shown[0]["badges"] == 3, page
        assert shown[0]["time"].startswith("2026-03-11T05:00"), page  # the story's newest time


def test_the_same_words_about_two_companies_are_two_cards(day):
    root, out, _ = day
    shown = titles(out / "latest/index.html") + titles(out / "latest/page/2/index.html")
    assert "Apple reports record quarterly earnings on iPhone sales" in shown
    assert "Microsoft reports record quarterly earnings on cloud growth" in shown


def test_url_forms_of_one_article_are_one_card(day):
    root, out, report = day
    shown = titles(out / "latest/index.html") + titles(out / "latest/page/2/index.html")
    fed = [title for title in shown if title in ("Fed leaves rates unchanged, signals patience",
                                                  "Markets wrap: stocks edge up after central bank decision",
                                                  "Your money this week")]
    assert len(fed) == 1
    # a card per story (the rate rise once, the Fed once ...), and none twice
    assert len(shown) == len(set(shown)) == len(DAY) - sum(len(story["items"]) - 1 for story in report["stories"])


def test_a_chain_of_look_alikes_does_not_join_its_ends(day):
    _, _, report = day
    stories = [set(Path(source).stem for source in story["items"]) for story in report["stories"]]
    assert not any({"a-ipad", "c-samsung"} <= story for story in stories)


def test_a_provider_list_shows_its_own_item_of_a_story(day):
    root, out, _ = day
    shown = cards(out / "providers/daily-example/index.html")
    assert [card["title"] for card in shown] == ["UK borrowing costs hit 15-year high as Bank of England acts again"]
    assert shown[0]["sources"] == "+3 sources"


def test_the_lead_page_lists_every_other_source_newest_first_and_the_others_link_to_it(day):
    root, out, _ = day
    lead = (out / "news/2026/03/11/money-boe/index.html").read_text(encoding="utf-8")
    coverage = lead[lead.index('id="related-heading"'):]
    daily, wire = coverage.index("/news/2026/03/11/daily-boe/"), coverage.index("/news/2026/03/11/wire-boe/")
    explained = coverage.index('href="https://explainer.example/rates"')  # declared, not an item: still listed
    assert daily < wire < explained
    for other in ("daily-boe", "wire-boe"):
        page = (out / f"news/2026/03/11/{other}/index.html").read_text(encoding="utf-8")
        linked = r'class="story-of">Part of a story with 4 sources: <a href="/news/2026/03/11/money-boe/">'
        assert re.search(linked, page), other


def test_the_lead_page_lists_its_items_and_declared_coverage_together_newest_first(tmp_path):
    """Issue 20: the lead's page lists every other source newest first. The example's climate story listed its
    item of 24 October above the declared coverage of 16 November: the items first, then the declared entries."""
    from conftest import BASIC_CONFIG, build_site

    related = ("[{title: Member, webUrl: 'https://beta.example/m'}, "
               "{title: Outside take, webUrl: 'https://outside.example/take', publishedDateTime: 2026-11-20T09:00:00Z}, "
               "{title: Undated, webUrl: 'https://outside.example/undated'}]")
    root = make_site(tmp_path / "site", {
        "content/lead.md": item("Lead report", date="2026-11-20T10:00:00Z", quality=90, related=related,
                                provider="{name: Alpha, domain: alpha.example}", webUrl="'https://alpha.example/l'"),
        "content/member.md": item("Member report", date="2026-11-19T08:00:00Z", provider="{name: Beta, domain: beta.example}",
                                  webUrl="'https://beta.example/m'")}, BASIC_CONFIG)
    config, _ = build_site(root)
    page = (config.output_path / "news/2026/11/20/lead/index.html").read_text(encoding="utf-8")
    coverage = page[page.index('id="related-heading"'):]
    places = [coverage.index(href) for href in ('href="https://outside.example/take"', 'href="/news/2026/11/19/member/"',
                                                'href="https://outside.example/undated"')]
    assert places == sorted(places)  # 20 Nov 09:00, 19 Nov, then the entry without a date


def test_the_report_names_every_story_of_several_items(day):
    root, out, report = day
    stories = {frozenset(Path(source).stem for source in story["items"]): story for story in report["stories"]}
    boe = stories[frozenset({"wire-boe", "daily-boe", "money-boe"})]
    assert boe["lead"] == "content/news/money-boe.md" and boe["items"][0] == "content/news/money-boe.md"
    assert frozenset({"wire-fed", "brief-fed", "desk-fed"}) in stories
    sources = {page["source"] for page in report["pages"] if "source" in page}
    assert all(set(story["items"]) <= sources and re.fullmatch(r"[0-9a-f]{12}", story["id"])
               for story in report["stories"])


def test_the_api_gives_each_item_its_story_and_sources(day):
    root, out, report = day
    news_items = [entry for name in ("api/news/index.json", "api/news/page/2/index.json", "api/news/page/3/index.json")
                  for entry in json.loads((out / name).read_text(encoding="utf-8"))["news"]]
    assert len(news_items) == len(DAY)  # every item, newest first, as before
    by_path = {entry["path"]: entry for entry in news_items}
    boe = next(story for story in report["stories"] if "content/news/money-boe.md" in story["items"])
    daily = by_path["news/2026/03/11/daily-boe/"]
    assert daily["story"] == boe["id"]
    assert [source["path"] for source in daily["sources"]] == ["news/2026/03/11/money-boe/",
                                                               "news/2026/03/11/wire-boe/"]
    alone = by_path["news/2026/03/11/garden-roses/"]
    assert re.fullmatch(r"[0-9a-f]{12}", alone["story"]) and alone["sources"] == []


def test_the_api_lists_each_story_once_with_all_its_items_as_latest_shows_them(day):
    root, out, report = day
    stories, name = [], "api/stories/index.json"
    while name:
        data = json.loads((out / name).read_text(encoding="utf-8"))
        stories += data["stories"]
        name = data["nextPage"] and data["nextPage"].removeprefix("https://example.org/")
    assert len(stories) == data["total"] == len(report["stories"]) + len(DAY) - sum(len(s["items"]) for s in report["stories"])
    leads = {story["lead"]: story for story in stories}
    latest = [card["title"] for page in ("latest/index.html", "latest/page/2/index.html") for card in cards(out / page)]
    titles_by_path = {item["path"]: item["title"] for story in stories for item in story["items"]}
    assert [titles_by_path[story["lead"]] for story in stories] == latest  # the same stories, in the same order
    assert sorted(item["path"] for story in stories for item in story["items"]) == sorted(
        f"news/2026/03/11/{Path(path).stem}/" for path in DAY)  # every item once
    boe = leads["news/2026/03/11/money-boe/"]
    assert [item["path"].split("/")[-2] for item in boe["items"]] == ["money-boe", "daily-boe", "wire-boe"]
    assert boe["sourceCount"] == 3 and boe["related"] == ["https://explainer.example/rates"]
    assert boe["newest"] == "2026-03-11T05:00:00Z" and boe["id"] == next(
        story["id"] for story in report["stories"] if story["lead"] == "content/news/money-boe.md")
    fed = leads["news/2026/03/11/wire-fed/"]
    assert fed["newest"] == "2026-03-11T07:00:00Z" and fed["sourceCount"] == 2  # its newest item, not its lead's
    roses = leads["news/2026/03/11/garden-roses/"]
    assert roses["sourceCount"] == 0 and len(roses["items"]) == 1 and roses["items"][0]["heat"] == 50


def test_an_item_alone_with_related_coverage_has_it_in_the_api_as_its_card_counts_it(tmp_path):
    """docs/feeds-and-api.md: a story's `sourceCount` is the number its card shows, `related` the coverage the
    site does not have. An item alone that declares coverage shows "+2 sources": the API said 0 and []."""
    from conftest import BASIC_CONFIG, build_site

    related = ("\n  - {title: Elsewhere, webUrl: 'https://other.example/a'}"
               "\n  - {title: Also elsewhere, webUrl: 'https://third.example/b'}")
    root = make_site(tmp_path / "site", {"content/lone.md": item("A lone story", related=related),
                                         "content/other.md": item("Unrelated garden news", date="2026-11-19T08:00:00Z")},
                     BASIC_CONFIG)
    config, _ = build_site(root)
    [card] = [card for card in cards(config.output_path / "latest/index.html") if card["title"] == "A lone story"]
    assert card["sources"] == "+2 sources"
    stories = json.loads((config.output_path / "api/stories/index.json").read_text(encoding="utf-8"))["stories"]
    [lone] = [story for story in stories if story["lead"] == "news/2026/11/20/lone/"]
    assert lone["sourceCount"] == 2 and lone["related"] == ["https://other.example/a", "https://third.example/b"]
    [other] = [story for story in stories if story["lead"] != lone["lead"]]
    assert other["sourceCount"] == 0 and other["related"] == []


def test_one_providers_two_copies_of_an_article_show_no_plus_zero_and_its_page_counts_as_its_card(tmp_path):
    """A provider's article fetched twice (a new headline weeks on, one URL) is a story of one source: the real
    corpus's cards said "+0 sources", "Also covered by other providers", while its lead's page said "+1 source"."""
    from conftest import BASIC_CONFIG, build_site

    url = "webUrl: 'https://solo.example/blog/onboarding-guest-users'"
    provider = "{name: Solo, domain: solo.example}"
    root = make_site(tmp_path / "site", {
        "content/first.md": item("Onboarding guest users through the portal", date="2026-10-01T08:00:00Z",
                                 provider=provider, **{"webUrl": url.split(": ", 1)[1]}),
        "content/again.md": item("Guest user onboarding walkthrough", date="2026-11-15T08:00:00Z",
                                 provider=provider, **{"webUrl": url.split(": ", 1)[1]}),
        "content/other.md": item("Unrelated garden news", date="2026-11-19T08:00:00Z")}, BASIC_CONFIG)
    config, _ = build_site(root)
    out = config.output_path
    shown = [card for card in cards(out / "latest/index.html") if "uest user" in card["title"]]
    assert [card["title"] for card in shown] == ["Onboarding guest users through the portal"]  # one card
    assert shown[0]["sources"] == "" and shown[0]["badges"] == 0  # no other source to count
    lead = (out / "news/2026/10/01/first/index.html").read_text(encoding="utf-8")
    assert "+0 source" not in lead and "+1 source" not in lead  # as its card: no other source
    assert 'href="/news/2026/11/15/again/"' in lead[lead.index('id="related-heading"'):]  # the copy still listed


def test_declared_coverage_by_a_provider_of_the_site_shows_its_logo_on_the_card_and_search_counts_it(tmp_path):
    """"+N sources" with the providers' logos (issue 20): an item whose declared coverage is by a provider the site
    has showed "+2 sources" without its badge, and its search result showed no "+2 sources" at all."""
    from conftest import BASIC_CONFIG, build_site

    related = ("\n  - {title: Comet outbursts explained, webUrl: 'https://fieldnotes.example/comet-outbursts', "
               "provider: {name: Fieldnotes, domain: fieldnotes.example}}"
               "\n  - {title: How to spot the comet, webUrl: 'https://stargazer.example/comet-guide', "
               "provider: {name: Stargazer, domain: stargazer.example}}")
    root = make_site(tmp_path / "site", {
        "content/comet.md": item("Comet brightens faster than expected", provider="{name: Orbit, domain: orbit.example}",
                                 related=related),
        "content/fungi.md": item("Battery electrodes grown from fungal mycelium", date="2026-11-19T08:00:00Z",
                                 provider="{name: Fieldnotes, domain: fieldnotes.example}")}, BASIC_CONFIG)
    config, _ = build_site(root)
    out = config.output_path
    [card] = [card for card in cards(out / "latest/index.html") if card["title"].startswith("Comet")]
    # Fieldnotes' and Stargazer's (no provider of the site: its monogram, tests/test_stories_sources.py)
    assert card["sources"] == "+2 sources" and card["badges"] == 2
    [doc] = [doc for doc in search_docs(out) if doc["title"].startswith("Comet")]
    assert doc["sources"] == 2  # as its card


def test_a_large_story_lists_its_newest_sources_in_the_api_and_all_of_them_on_its_page(tmp_path):
    # Thirty providers' copies of one article (its AMP cache URL): one story. Every record listing every other
    # item would grow with the story's size squared; the API lists the newest 20, and says how many there are.
    url = "https://www.wire.example/world/2026/03/summit-ends"
    amp = "https://www-wire-example.cdn.ampproject.org/c/s/www.wire.example/world/2026/03/summit-ends"
    files = dict(news(f"copy-{n:02}", f"Summit ends, copy {n}", n % 24, "Leaders left the summit.", f"p{n:02}",
                      url=f"https://p{n:02}.example/{n}", originalUrl=json.dumps(url if n % 2 else amp))
                 for n in range(30))
    root = make_site(tmp_path / "site", files, CONFIG.replace("items_per_page: 5", "items_per_page: 50"))
    report = tmp_path / "report.json"
    assert main(["build", "--config", str(root / "config.yaml"), "--report", str(report)]) == 0
    [story] = json.loads(report.read_text(encoding="utf-8"))["stories"]
    assert len(story["items"]) == 30
    records = json.loads((root / "output/api/news/index.json").read_text(encoding="utf-8"))["news"]
    assert len(records) == 30
    for record in records:
        assert record["story"] == story["id"] and record["sourceCount"] == 29
        others = [r["path"] for r in records if r is not record]  # the records come newest first
        assert [source["path"] for source in record["sources"]] == others[:20]
    # api/stories/ lists the story's newest 21 items (a story of thousands made a file of megabytes), and its count
    [entry] = json.loads((root / "output/api/stories/index.json").read_text(encoding="utf-8"))["stories"]
    assert entry["itemCount"] == 30 and entry["sourceCount"] == 29
    assert [r["path"] for r in entry["items"]] == [r["path"] for r in records[:21]]
    lead = next(r for r in records if story["lead"].endswith(r["path"].split("/")[-2] + ".md"))
    page = (root / "output" / lead["path"] / "index.html").read_text(encoding="utf-8")
    assert all(f'href="/{r["path"]}"' in page for r in records if r is not lead)


def test_coverage_declared_by_another_form_of_a_members_url_is_that_member_listed_once(tmp_path):
    # A column declares the daily's report by its mobile address with a campaign parameter, and the daily the wire's
    # by its AMP page: the declarations join the story (rule 1), and each names a member the story lists already.
    # They showed as outside links too, and the cards said "+4 sources" for two other items and one outside page.
    files = dict([
        news("wire-boe", "Bank of England raises interest rates to 5.25%", 0, "The base rate rose.", "wire",
             "https://wire.example/boe"),
        news("daily-boe", "UK borrowing costs hit a 15-year high", 2, "Mortgages cost more.", "daily",
             "https://daily.example/boe", related="['https://wire.example/boe/amp/']"),
        news("column", "Why we should all learn to bake bread", 4, "A column on sourdough.", "column",
             "https://column.example/bread", quality=90,
             related="[{title: 'Pay', webUrl: 'https://m.daily.example/boe?utm_campaign=x'}, "
                     "{title: 'Rates explained', webUrl: 'https://explainer.example/rates'}, "
                     "{title: 'Rates explained again', webUrl: 'https://www.explainer.example/rates?utm_source=y'}]"),
    ])
    root = make_site(tmp_path / "site", files, CONFIG)
    report = tmp_path / "report.json"
    assert main(["build", "--config", str(root / "config.yaml"), "--report", str(report)]) == 0
    out = root / "output"
    [story] = json.loads(report.read_text(encoding="utf-8"))["stories"]
    assert sorted(story["items"]) == sorted(files) and story["lead"] == "content/news/column.md"
    [card] = cards(out / "latest/index.html")
    assert card["sources"] == "+3 sources"  # the daily, the wire and the explainer (written two ways: one page)
    lead = (out / "news/2026/03/11/column/index.html").read_text(encoding="utf-8")
    coverage = lead[lead.index('id="related-heading"'):]
    assert re.findall(r'<a class="title" href="([^"]+)"', coverage) == [
        "/news/2026/03/11/daily-boe/", "/news/2026/03/11/wire-boe/", "https://explainer.example/rates"]
    daily = (out / "news/2026/03/11/daily-boe/index.html").read_text(encoding="utf-8")
    assert 'href="/news/2026/03/11/wire-boe/"' in daily and "wire.example/boe/amp" not in daily
    [api] = json.loads((out / "api/stories/index.json").read_text(encoding="utf-8"))["stories"]
    assert api["sourceCount"] == 3 and api["related"] == ["https://explainer.example/rates"]


def test_the_latest_feed_has_one_entry_per_story(day):
    root, out, _ = day
    feed = json.loads((out / "feeds/latest.json").read_text(encoding="utf-8"))
    feed_titles = [entry["title"] for entry in feed["items"]]
    assert feed_titles == titles(out / "latest/index.html") + titles(out / "latest/page/2/index.html")


def test_a_storys_feed_entry_keeps_its_id_when_a_better_source_joins_and_leads(tmp_path):
    # docs/dev/stories.md: a source that joins later leaves the story's id, "and so its feed ids", as it was. The
    # entry's id was the lead's page: a better write-up arriving made a new entry, and feed readers showed the
    # story twice. Its id is now the page of the item that gives the story its id; its link is the lead's.
    first = dict(list(DAY.items())[:2])  # the wire's and the daily's reports of the rate rise
    root = make_site(tmp_path / "site", first, CONFIG)
    ids = {}
    for step, files in (("before", first), ("after", DAY)):
        for path, text in files.items():
            (root / path).write_text(text, encoding="utf-8")
        assert main(["build", "--config", str(root / "config.yaml")]) == 0
        out = root / "output"
        [entry] = [e for e in json.loads((out / "feeds/latest.json").read_text(encoding="utf-8"))["items"]
                   if "Bank of England" in e["title"] or "mortgage" in e["title"]]
        atom = (out / "feeds/latest.xml").read_text(encoding="utf-8")
        rss = (out / "feeds/latest.rss").read_text(encoding="utf-8")
        assert f"<id>{entry['id']}</id>" in atom and f'<guid isPermaLink="true">{entry["id"]}</guid>' in rss
        ids[step] = entry["id"], entry["url"]
    assert ids["before"] == ("https://example.org/news/2026/03/11/wire-boe/",) * 2
    assert ids["after"] == ("https://example.org/news/2026/03/11/wire-boe/",
                            "https://example.org/news/2026/03/11/money-boe/")  # the new lead's page, the same id
    entries = json.loads((root / "output/feeds/latest.json").read_text(encoding="utf-8"))["items"]
    assert len({e["id"] for e in entries}) == len(entries) > 5


def test_an_earlier_report_fetched_later_leaves_the_storys_id_and_feed_entry(tmp_path):
    # Issue 20: a story's id, and so its feed entry's id, must not change when a source joins. The wire's report was
    # published first but fetched last: the member first seen (`firstSeenDateTime`, which fetch writes) gives the id.
    seen = {"daily-boe": "2026-03-11T06:00:00Z", "money-boe": "2026-03-11T06:00:00Z", "wire-boe": "2026-03-11T09:30Z"}
    files = {path: text.replace("heat: 50", f"heat: 50\nfirstSeenDateTime: {seen[Path(path).stem]}")
             for path, text in DAY.items() if Path(path).stem in seen}
    assert all("firstSeenDateTime" in text for text in files.values())
    first = {path: text for path, text in files.items() if "wire-boe" not in path}
    root = make_site(tmp_path / "site", first, CONFIG)
    ids = {}
    for step, written in (("before", first), ("after", files)):
        for path, text in written.items():
            (root / path).write_text(text, encoding="utf-8")
        assert main(["build", "--config", str(root / "config.yaml"), "--report", str(tmp_path / "r.json")]) == 0
        [story] = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["stories"]
        out = root / "output"
        [entry] = [e for e in json.loads((out / "feeds/latest.json").read_text(encoding="utf-8"))["items"]
                   if e["url"].endswith("/money-boe/")]
        news_file = json.loads((out / "api/news/index.json").read_text(encoding="utf-8"))
        api = {e["path"]: e["story"] for e in news_file["news"]}
        ids[step] = story["id"], entry["id"], api["news/2026/03/11/daily-boe/"], len(story["items"])
    assert ids["before"][:3] == ids["after"][:3]
    assert ids["after"][1] == "https://example.org/news/2026/03/11/daily-boe/"
    assert (ids["before"][3], ids["after"][3]) == (2, 3)  # (the wire's report joined the story)


def search_docs(out: Path) -> list[dict]:
    """The search index's documents, as records named by meta.json's fields (document id order)."""
    folder = out / SEARCH_FOLDER
    meta = json.loads((folder / "meta.json").read_bytes())
    docs = [doc for n in range(-(-meta["docs"] // meta["chunk"]))
            for doc in json.loads((folder / f"docs/{n}.json").read_bytes())]
    assert len(docs) == meta["docs"] > 0
    return [dict(zip(meta["fields"], doc)) for doc in docs]


def search_hits(out: Path, word: str) -> list[int]:
    """The document ids the index lists for a word, or a filter term such as "p:SLUG"."""
    folder = out / SEARCH_FOLDER
    meta = json.loads((folder / "meta.json").read_bytes())
    [term] = [word] if ":" in word else search_terms(word, meta["stemmer"])
    split = listed_keys(meta, lambda name: (folder / name).read_bytes())[1]
    shard = json.loads((folder / shard_file(shard_key(term, split))).read_bytes())
    flat = shard["terms"].get(term, [0])
    return list(itertools.accumulate(flat[1::2]))


def test_search_finds_a_story_once_as_its_card_by_the_words_of_any_of_its_items(day):
    root, out, _ = day
    docs = search_docs(out)
    latest = [card for name in ("latest/index.html", "latest/page/2/index.html") for card in cards(out / name)]
    assert sorted(doc["title"] for doc in docs) == sorted(card["title"] for card in latest)  # a story once
    by_title = {doc["title"]: doc for doc in docs}
    boe = by_title[LEAD]
    assert boe["url"] == "news/2026/03/11/money-boe/" and boe["sources"] == 3  # two other items, one `related`
    fed = by_title["Fed leaves rates unchanged, signals patience"]  # the lead: the earliest of equal quality
    assert fed["sources"] == 2 and fed["published"].startswith("2026-03-11T07:00")  # the story's newest time
    assert by_title["How to prune roses in early spring"]["sources"] == 0
    fed_id = docs.index(fed)
    assert search_hits(out, "column") == [fed_id]  # in desk-fed's excerpt only
    assert search_hits(out, "p:desk-example") == [fed_id]  # a filter by any of its providers finds it
    assert fed_id in search_hits(out, "patience")
    assert [docs[i]["title"] for i in search_hits(out, "mortgage")] == [LEAD]


def test_stories_off_shows_every_item_as_its_own_card(tmp_path):
    root = make_site(tmp_path / "site", DAY, CONFIG + "stories:\n  enabled: false\n")
    assert main(["build", "--config", str(root / "config.yaml")]) == 0
    shown = [title for name in ("latest/index.html", "latest/page/2/index.html", "latest/page/3/index.html")
             for title in titles(root / "output" / name)]
    assert len(shown) == len(DAY)


def test_the_output_is_the_same_bytes_build_after_build(day, tmp_path):
    root, out, _ = day
    assert clean_build(root, tmp_path / "again") == files_under(out)


def built_stories(root: Path, report: Path, *flags: str) -> list:
    """`newsdesk build` of the site at `root`: its report's stories, each a sorted list of its items."""
    assert main(["build", "--config", str(root / "config.yaml"), "--report", str(report), *flags]) == 0
    return sorted(sorted(story["items"]) for story in json.loads(report.read_text(encoding="utf-8"))["stories"])


@pytest.mark.slow
def test_a_build_after_an_edit_or_a_settings_change_has_the_stories_of_a_clean_build(tmp_path):
    # A build keeps the last stories in its cache (an unchanged site is not clustered again): an edit that
    # makes an item join a story, and a stricter threshold, must each give what a clean build gives.
    root = make_site(tmp_path / "site", DAY, CONFIG)
    stories = functools.partial(built_stories, root, tmp_path / "report.json")
    first = stories()
    assert stories() == first  # the unchanged site, from the cache
    path, text = news("garden-roses", "Bank of England raises interest rates to 5.25% in 14th rise in a row", 11,
                      "The Bank of England raised its base rate to 5.25%, its 14th increase in a row.", "garden")
    (root / path).write_text(text, encoding="utf-8")
    joined = stories()
    assert joined != first and any("content/news/garden-roses.md" in items for items in joined)
    assert joined == stories("--clean")
    (root / "config.yaml").write_text(CONFIG + "stories:\n  threshold: 0.9\n", encoding="utf-8")
    strict = stories()
    assert strict != joined and strict == stories("--clean")


@pytest.mark.slow
def test_damaged_or_missing_kept_words_give_the_stories_of_a_clean_build(tmp_path):
    # The items' words for stories are kept in .newsdesk-cache/ apart from the rest, and read only when a
    # build clusters: a damaged or deleted file is worked out again, never trusted nor fatal.
    root = make_site(tmp_path / "site", DAY, CONFIG)
    stories = functools.partial(built_stories, root, tmp_path / "report.json")
    stories()
    kept = [path for path in (root / ".newsdesk-cache").iterdir() if "words" in path.name]
    assert kept, "the words are kept in a file of their own"
    for n, damage in enumerate((lambda path: path.write_bytes(b"\x80\x05garbage"), lambda path: path.unlink())):
        for path in kept:
            damage(path)
        path, text = news(f"garden-roses-{n}", "Bank of England raises interest rates to 5.25% in 14th rise in a row",
                          11, "The Bank of England raised its base rate to 5.25%, its 14th increase in a row.", "garden")
        (root / path).write_text(text, encoding="utf-8")
        edited = stories()
        assert any(f"content/news/garden-roses-{n}.md" in items for items in edited)
        assert edited == stories("--clean")


@pytest.mark.slow
def test_a_site_read_by_several_processes_has_the_stories_of_one(tmp_path):
    # Enough items for the reading to be shared by processes, which also work out the items' story words.
    words = ["harbour", "tariff", "glacier", "stadium", "vaccine", "satellite", "orchard", "bridge", "festival",
             "reactor", "library", "vineyard", "tram", "museum", "drone", "budget", "ferry", "novel"]
    filler = dict(news(f"note-{n:03}", f"{words[n % 18].title()} {words[n * 7 % 18]} report number {n}", n % 24,
                       f"A note on the {words[n * 5 % 18]} and the {words[n * 11 % 18]}.", f"p{n % 40:02}")
                  for n in range(600))
    root = make_site(tmp_path / "site", {**DAY, **filler}, CONFIG)
    reports = []
    for workers in ("1", "2"):
        report = tmp_path / f"report-{workers}.json"
        assert main(["build", "--config", str(root / "config.yaml"), "--clean", "--workers", workers,
                     "--output", str(tmp_path / f"out-{workers}"), "--report", str(report)]) == 0
        reports.append(json.loads(report.read_text(encoding="utf-8"))["stories"])
    assert reports[0] == reports[1] and len(reports[0]) >= 3
    assert files_under(tmp_path / "out-1") == files_under(tmp_path / "out-2")


def test_a_bad_stories_setting_is_named_with_its_line(tmp_path):
    root = make_site(tmp_path / "site", {}, CONFIG + "stories:\n  threshold: 2\n  same_provider: sometimes\n")
    with pytest.raises(Exception) as raised:
        load_config(root / "config.yaml")
    said = str(raised.value) + "".join(str(p) for p in getattr(raised.value, "problems", []))
    assert "config.yaml:6" in said and "stories.threshold" in said
    assert "config.yaml:7" in said and "stories.same_provider" in said


# --- in a browser ------------------------------------------------------------------------------------------

PHONE_CARDS = """() => [...document.querySelectorAll('main article.card')].map(card => {
  const box = card.getBoundingClientRect(), sources = card.querySelector('.story-sources');
  return {top: box.top + scrollY, bottom: box.bottom + scrollY, title: card.querySelector('.card-title').innerText,
          sources: sources && sources.checkVisibility() ? sources.innerText : '',
          badges: sources ? sources.querySelectorAll('.avatar').length : 0};
})"""


@pytest.mark.slow
def test_a_phone_shows_a_story_card_with_its_sources_among_four_or_more_and_its_page_lists_them(browser, day):
    root, out, _ = day
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())
    try:
        with static_server(out) as url:
            tab = context.new_page()
            for path in ("", "latest/"):
                tab.goto(url + path)
                shown = [card for card in tab.evaluate(PHONE_CARDS) if card["top"] >= 0 and card["bottom"] <= 844]
                assert len(shown) >= 4, (path, shown)
                story = next(card for card in shown if "mortgage" in card["title"])
                assert story["sources"].strip() == "+3 sources" and story["badges"] == 3, story
            tab.click("text=What the Bank of England's rate rise means for your mortgage")
            tab.wait_for_url("**/money-boe/")
            listed = tab.locator("#related-heading + ul.coverage > li a.title").all_inner_texts()
            assert listed == ["UK borrowing costs hit 15-year high as Bank of England acts again",
                              "Bank of England raises interest rates to 5.25%", "Rates explained"]
    finally:
        context.close()


@pytest.mark.slow
def test_a_search_shows_a_story_once_as_its_leads_card_with_its_sources(browser, day):
    root, out, _ = day
    context = browser.new_context()
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())
    try:
        with static_server(out) as url:
            tab = context.new_page()
            tab.goto(url + "search/?q=weekly+column")  # words of a member that is not the lead
            tab.wait_for_function("document.getElementById('search-status').textContent.includes('result')")
            results = tab.locator("#search-results .card")
            assert results.count() == 1
            assert results.locator(".card-title").inner_text() == "Fed leaves rates unchanged, signals patience"
            assert results.locator(".story-sources").inner_text() == "+2 sources"
            tab.goto(url + "search/?q=rates")  # the Bank of England's three items and the Fed's: two stories
            tab.wait_for_function("document.getElementById('search-status').textContent.includes('result')")
            shown = tab.locator("#search-results .card-title").all_inner_texts()
            assert sorted(shown) == sorted([LEAD, "Fed leaves rates unchanged, signals patience"]), shown
    finally:
        context.close()


# --- serve: an edit that moves a story equals a full build ------------------------------------------------

OPTIONS = BuildOptions(workers=1)
EXAMPLE_EDITS = {  # (file, pattern, replacement) on the example site, whose stories join by declared coverage
    "a member's headline": ("2026-10-22-what-vaultly-breach-means.md", r"^title: .*$", 'title: "Vaultly, explained"'),
    "the lead's heat": ("2026-10-22-vaultly-build-server-breach.md", r"^heat: .*$", "heat: 1"),
    "a member's quality (a new lead)": ("2026-10-22-what-vaultly-breach-means.md", r"^quality: .*$", "quality: 500"),
    "a member's quality (the same lead)": ("2026-10-22-what-vaultly-breach-means.md", r"^quality: .*$", "quality: 1"),
    "the lead's quality (it stays the lead)": ("2026-10-22-vaultly-build-server-breach.md", r"^quality: .*$",
                                              "quality: 400"),
    "a member redated": ("2026-10-04-lumenkite-raises-seed-round.md", r"^publishedDateTime: .*$",
                         "publishedDateTime: 2026-11-20T09:00:00Z"),
    # (the breach's report was published first but now says it was first seen last: the story's id moves)
    "the earliest member first seen last": ("2026-10-22-vaultly-build-server-breach.md", r"^(heat: .*)$",
                                            r"\1\nfirstSeenDateTime: 2026-10-23T00:00:00Z"),
    "declared coverage taken away (the story splits)": ("2026-10-03-lumenkite-books-first-rideshare-launch.md",
                                                         r"lumenkite-raises-seed-round", "someone-elses-story"),
}


@pytest.fixture
def example(tmp_path):
    root = copy_example_site(tmp_path / "site")
    config, session = load_config(root / "config.yaml"), Session()
    assert rebuild(session, config, OPTIONS, None, environ={}).site.model.site.stories
    return root, config, session


# One edit runs in the quick test run (`-m "not slow"`), one that changes the lead (a story splits or joins in the
# headline test below); CI runs every one.
QUICK_EDITS = ("a member's quality (a new lead)",)


@pytest.mark.parametrize("edit", [pytest.param(name, marks=() if name in QUICK_EDITS else pytest.mark.slow)
                                  for name in EXAMPLE_EDITS])
def test_serve_after_an_edit_of_a_story_equals_a_full_build(example, tmp_path, edit):
    root, config, session = example
    name, pattern, replacement = EXAMPLE_EDITS[edit]
    path = root / "content/news" / name
    edit_file(path, pattern, replacement)
    result = rebuild(session, config, OPTIONS, [path], environ={})
    update_search(config, result.site)  # (serve does it in the background after the fast path)
    if edit in ("a member's headline", "the lead's heat"):  # every story stays as it was: the fast path
        assert result.mode == "patch"
    assert files_under(config.output_path) == clean_build(root, tmp_path / "fresh")


@pytest.mark.slow
def test_serve_after_an_item_joins_or_leaves_a_story_equals_a_full_build(example, tmp_path):
    root, config, session = example
    lead = root / "content/news/2026-10-22-vaultly-build-server-breach.md"
    joining = root / "content/news/2026-10-23-vaultly-follow-up.md"
    breach = "https://patchnote.example/2026/10/22/vaultly-build-server-breach/"
    joining.write_text(item("Vaultly follow-up", "2026-10-23T09:00:00Z", provider="{name: Wire, domain: wire.example}",
                            related=f"[{{title: 'Breach', webUrl: '{breach}'}}]"), encoding="utf-8")
    steps = [("joins", joining), ("the lead deleted", lead), ("the new item deleted", joining)]
    for step, (what, path) in enumerate(steps):
        if what != "joins":
            path.unlink()
        update_search(config, rebuild(session, config, OPTIONS, [path], environ={}).site)
        assert files_under(config.output_path) == clean_build(root, tmp_path / f"fresh-{step}"), what


def test_serve_after_an_edit_of_an_items_declared_coverage_equals_a_full_build(example, tmp_path):
    """An item alone's card counts and badges the coverage it declares (pages.coverage): an edit of who covered
    it, and an item that comes to declare coverage, change its cards as a full build makes them."""
    root, config, session = example
    comet = root / "content/news/2026-10-30-comet-c2026-r3-brightens.md"
    printer = root / "content/news/2026-10-06-printer-firmware-flaw-office-networks.md"
    declares = ("published: true\nrelated: [{title: Printers, webUrl: 'https://fieldnotes.example/printers', "
                "provider: {name: Fieldnotes Science, domain: fieldnotes.example}}]")
    steps = [("another provider", comet, r"^      domain: fieldnotes\.example$", "      domain: elsewhere.example"),
             ("coverage declared", printer, r"^published: true$", declares)]
    for step, (what, path, pattern, replacement) in enumerate(steps):
        edit_file(path, pattern, replacement)
        update_search(config, rebuild(session, config, OPTIONS, [path], environ={}).site)
        assert files_under(config.output_path) == clean_build(root, tmp_path / f"fresh-{step}"), what
    [card] = [card for card in cards(config.output_path / "latest/page/3/index.html")
              if card["title"].startswith("Printer firmware")]
    assert card["sources"] == "+1 source" and card["badges"] == 1


@pytest.mark.slow  # (over a second; an item broken or held back runs quick in tests/test_serve_broken_items.py)
def test_serve_after_a_story_members_file_is_saved_broken_or_held_back_and_mended_equals_a_full_build(tmp_path):
    # A save that leaves a member of a story of several out of the site (broken YAML, a file cut mid-way, an
    # empty title, `published: false`) is for the plan that item deleted: it leaves its story, and serve takes
    # the fast path (its pages, cards and API records made again), as it does for the save that mends it. Each
    # time: a full build's bytes, stories, problems and items held back.
    from generator.build.pipeline import build

    # (a provider's other stories: one that goes with its last story is in every page's header, planned again)
    others = dict([news("money-isa", "Your savings allowance resets in April", 1, "Tax-free limits stay put.", "money"),
                   news("markets-oil", "Oil steadies near $80 a barrel", 3, "Brent crude held steady.", "markets")])
    root = make_site(tmp_path / "site", {**DAY, **others}, CONFIG)
    config, session = load_config(root / "config.yaml"), Session()
    rebuild(session, config, OPTIONS, None, environ={})
    wire, money, bridge = (root / f"content/news/{name}.md" for name in ("wire-boe", "money-boe", "b-bridge"))
    good = {path: path.read_text(encoding="utf-8") for path in (wire, money, bridge)}
    steps = [("a member's YAML broken", wire, good[wire].replace("title: ", "title: [", 1)),
             ("the lead cut mid-way", money, good[money][:40]),
             ("the member mended", wire, good[wire]),
             ("the lead mended as a draft", money, good[money].replace("---\n", "---\npublished: false\n", 1)),
             ("the lead published", money, good[money]),
             ("the chain's middle untitled", bridge, re.sub(r"^title: .*$", "title: ''", good[bridge], flags=re.M)),
             ("the chain's middle mended", bridge, good[bridge])]
    said, dropped = [], 0
    for step, (what, path, text) in enumerate(steps):
        source = path.relative_to(root).as_posix()
        page = [page.output for page in session.last.plan.pages if page.kind == "article" and page.key == source]
        path.write_text(text, encoding="utf-8")
        handed: list = []
        result = rebuild(session, config, OPTIONS, [path], environ={},
                         shown=lambda held: handed.append((held, files_under(config.output_path))))
        after = files_under(config.output_path)
        update_search(config, result.site)  # (serve does it in the background after the fast path)
        assert result.mode == "patch", what
        assert files_under(config.output_path) == clean_build(root, tmp_path / f"fresh-{step}"), what
        full = build(load_config(root / "config.yaml"), BuildOptions(write=False), environ={})
        # serve reloads once the front page and the lists' first pages are written, every page saying then the
        # problems a full build says; the saved story's page, if gone, is gone then; every file written later held
        [(held, at_reload)] = handed
        assert (held.problems, held.warnings) == (full.site.problems, full.site.warnings), what
        assert at_reload["index.html"] == after["index.html"], what
        late = {name for name in set(after) | set(at_reload) if at_reload.get(name) != after.get(name)}
        assert all(held.holds(name) for name in late), what
        assert all(name not in at_reload and not held.holds(name) for name in page if name not in after), what
        dropped += any(name not in after for name in page)
        assert result.report()["stories"] == full.report()["stories"], what
        for kind in ("rejected", "warnings", "withheld"):
            assert result.report()[kind] == full.report()[kind], (what, kind)
        said.append([{source.rsplit("/", 1)[-1] for source in story["items"]} for story in full.report()["stories"]])
    assert dropped == 3  # (the pages of the member broken, the lead cut, the chain's middle untitled)
    boe = [next((members for members in stories if "daily-boe.md" in members), set()) for stories in said]
    assert boe[0] == {"daily-boe.md", "money-boe.md"} and boe[1] == set()  # a member left, then the lead: no story
    assert boe[2] == {"daily-boe.md", "wire-boe.md"} and boe[4] == {"daily-boe.md", "money-boe.md", "wire-boe.md"}
    assert not any("b-bridge.md" in members for members in said[5]) and any("b-bridge.md" in m for m in said[6])


@pytest.mark.parametrize("page_first, from_disk", [  # (the last, quick, does what the other two do, and more)
    pytest.param(False, False, marks=pytest.mark.slow), pytest.param(True, False, marks=pytest.mark.slow),
    (True, True)], ids=["all-at-once", "page-first", "page-first, serve started after newsdesk build"])
def test_serve_after_a_headline_edit_that_joins_or_leaves_a_story_equals_a_full_build(tmp_path, page_first,
                                                                                        from_disk):
    # The day of news: the roses item is alone; given the Bank of England story's headline (and words) it
    # joins that story, then leaves it again. Each save declines the fast path (a story changed) and plans the
    # site again; a heat edit after it changes no story and is patched. Each time: a full build's bytes.
    # page-first: as serve runs it, the saved story's page is written before the stories are checked (a
    # headline edit), and every other file is held until the rebuild is done.
    # serve started after newsdesk build: its first build finds the stories kept on disk and clusters nothing,
    # nor does its preparation for the first save; the first check clusters the site.
    root = make_site(tmp_path / "site", DAY, CONFIG)
    if from_disk:
        assert main(["build", "--config", str(root / "config.yaml")]) == 0
    config, session = load_config(root / "config.yaml"), Session(BuildCache.load(root))
    rebuild(session, config, OPTIONS, None, environ={})
    session.prepare()  # (serve's, before the first save)
    assert (session.clustering.clustering is None) == from_disk
    roses = root / "content/news/garden-roses.md"
    written = roses.read_text(encoding="utf-8")
    joined = news("garden-roses", "Bank of England raises interest rates to 5.25% in 14th rise in a row", 11,
                  "The Bank of England raised its base rate to 5.25%, its 14th increase in a row.", "garden")[1]
    steps = [("joins", joined, "update"), ("heat", joined.replace("heat: 50", "heat: 70"), "patch"),
             ("leaves", written, "update")]
    for step, (what, text, mode) in enumerate(steps):
        roses.write_text(text, encoding="utf-8")
        handed: list = []
        shown = (lambda held: handed.append((held, files_under(config.output_path)))) if page_first else None
        result = rebuild(session, config, OPTIONS, [roses], environ={}, shown=shown)
        if page_first:
            [(held, at_reload)] = handed
            others = [page.output for page in result.site.pages if page.kind == "article" and not page.key.endswith("garden-roses.md")]
            assert others and all(name in at_reload for name in others)
            if what != "heat":  # the stories were still to be checked: every page but those written first is
                # held, and as a story changed, the build that followed may rewrite those (serve reloads again:
                # not a patch)
                assert all(held.holds(name) for name in others)
            else:  # a heat edit changes no story: nothing to check, the pages the patch keeps are final at once
                assert not all(held.holds(name) for name in others)
            assert not any(held.holds(name) for name in at_reload if name.startswith("static/"))
        update_search(config, result.site)
        members = [{source.rsplit("/", 1)[-1] for source in story["items"]} for story in result.report()["stories"]]
        assert any("garden-roses.md" in m for m in members) == (what != "leaves"), (what, members)
        assert result.mode == mode, what
        assert files_under(config.output_path) == clean_build(root, tmp_path / f"fresh-{step}"), what


def test_serve_after_a_redate_across_the_story_window_equals_a_full_build(tmp_path):
    # The day of news: daily's Bank of England item redated four days back leaves the story (it grows by text
    # within 72 hours of its first item), back into the day it joins it again, and an hour earlier it stays
    # in it (patched). serve brings its last clustering up to date for each save (stories.Clustering.edit).
    root = make_site(tmp_path / "site", DAY, CONFIG)
    config, session = load_config(root / "config.yaml"), Session()
    rebuild(session, config, OPTIONS, None, environ={})
    daily = root / "content/news/daily-boe.md"
    written = daily.read_text(encoding="utf-8")
    steps = [("leaves", "2026-03-07T02:00:00Z", False, "update"), ("joins", "2026-03-11T03:00:00Z", True, "update"),
             ("stays", "2026-03-11T01:00:00Z", True, "patch")]
    for step, (what, moment, joined, mode) in enumerate(steps):
        daily.write_text(re.sub(r"^publishedDateTime: .*$", f"publishedDateTime: {moment}", written, flags=re.M),
                         encoding="utf-8")
        result = rebuild(session, config, OPTIONS, [daily], environ={})
        update_search(config, result.site)
        members = [{source.rsplit("/", 1)[-1] for source in story["items"]} for story in result.report()["stories"]]
        assert any("daily-boe.md" in m and "wire-boe.md" in m for m in members) == joined, (what, members)
        assert result.mode == mode, what
        assert files_under(config.output_path) == clean_build(root, tmp_path / f"fresh-{step}"), what


def test_a_shows_episodes_are_each_their_own_story_however_alike_their_notes(tmp_path):
    notes = ("Thanks for listening to The Rate Hour. Subscribe on Apple Podcasts or Spotify, send your questions "
             "to hello@ratehour.example, and try our sponsor Contoso Savings free for thirty days.")
    episodes = dict(news(f"episode-{n}", f"Episode {n}: {subject}", 12 + n, notes, "ratehour", type="podcast")
                    for n, subject in enumerate(("pensions", "first homes", "crypto")))
    # (the columns unnumbered: two headlines that differ by their figures are a template's two lines, apart anyway)
    articles = dict((path.replace("episode", "column"),
                     re.sub(r"Episode \d+: ", "Column: ", text.replace("type: podcast", "type: article")))
                    for path, text in episodes.items())
    # As articles, the same notes are alike enough to join: so the episodes stay apart by the episodes' rule
    for files, expected in ((articles, 1), (episodes, 0)):
        root = make_site(tmp_path / f"site-{expected}", {**DAY, **files}, CONFIG)
        report = tmp_path / f"report-{expected}.json"
        assert main(["build", "--config", str(root / "config.yaml"), "--report", str(report)]) == 0
        stories = json.loads(report.read_text(encoding="utf-8"))["stories"]
        assert stories  # the day's own stories are there either way
        shared = [story for story in stories if any("episode" in s or "column" in s for s in story["items"])]
        assert len(shared) == expected, shared


def test_the_start_of_a_long_body_is_read_whole_words_first():
    """Clustering reads the first 500 characters of an item's body as text: taken from the first bytes of a
    long body, they are what the body's whole start gives, whichever tag or reference falls where."""
    import zlib

    from generator.site.grouping import body_text

    for link in ("<a href='https://example.com/x'>a link &amp; more</a>", "a link &amp; more",
                 "<b>a link</b> &amp; <i>more</i>", "a <span>link</span> &amp more"):
        html = "".join(f"<p>Paragraph {n} with {link} text&nbsp;here.</p>\n" for n in range(60))
        text = body_text(zlib.compress(html.encode("utf-8"), 1))
        expected = " ".join(f"Paragraph {n} with a link & more text here." for n in range(60))
        assert len(text) >= 500
        assert text[:500] == expected[:500], link  # (a no-break space is white space too)
    short = "<p>Only <b>a few</b> words.</p>"
    assert body_text(zlib.compress(short.encode("utf-8"))) == "Only a few words."
