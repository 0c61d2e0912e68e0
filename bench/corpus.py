"""A deterministic synthetic news corpus in newsdesk's format, for the benchmark.

    python -m bench.corpus --items 10000 --out bench/work/10000/newsdesk [--seed 1]

writes config.yaml (topics, some providers, a fixed `now`) and content/news/*.md.
The distributions are those of a real aggregator: ~300 providers with Zipf-like
item counts, 40 topics in a two-level hierarchy, heat and quality skewed low with
a long tail (10..190), 1-6 KB Markdown bodies with links, lists and headings,
unicode titles, ~5% videos, ~30% with related coverage, ~2% drafts, dates over
the year before `now`. All text comes from the word lists below.

The same seed gives byte-identical files: one seeded `random.Random` per stream,
consumed in a fixed order, and nothing read from the clock or the environment.
Items are produced one at a time (`iter_items`) so 100,000 of them never sit in
memory together; bench.hugo writes its site from the same stream.
"""

from __future__ import annotations

import argparse
import base64
import bisect
import itertools
import json
import random
import re
import shutil
import time
import unicodedata
from collections import deque
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Iterator

NOW = datetime(2026, 6, 30, 12, 0, tzinfo=timezone.utc)  # the corpus's fixed build time (config `now`)
PROVIDERS = 300
ITEMS_PER_PAGE = 20

# Eight areas of four topics each, plus the areas themselves: 40 topics.
TOPIC_TREE = (
    ("Technology", ("AI", "Security", "Cloud", "Gadgets")),
    ("Science", ("Space", "Climate", "Health", "Physics")),
    ("Business", ("Startups", "Markets", "Energy", "Retail")),
    ("Politics", ("Elections", "Policy", "Diplomacy", "Courts")),
    ("Culture", ("Film", "Music", "Books", "Games")),
    ("Sports", ("Football", "Tennis", "Cycling", "Athletics")),
    ("World", ("Europe", "Asia", "Africa", "Americas")),
    ("Travel", ("Cities", "Food", "Transport", "Outdoors")),
)

# --- word lists ---------------------------------------------------------------------------------

_PLACES = (
    "Zürich", "Málaga", "Kraków", "Łódź", "São Paulo", "Reykjavík", "Besançon", "Göteborg", "Malmö",
    "Córdoba", "Nürnberg", "Sevilla", "Tromsø", "Århus", "Québec", "Bogotá", "Montréal", "Genève", "Brno",
    "Porto",
    "Lisbon", "Oslo", "Nairobi", "Lagos", "Accra", "Lima", "Quito", "Hanoi", "Manila", "Jakarta", "Mumbai",
    "Dublin", "Leeds", "Glasgow", "Vienna", "Turin", "Bilbao", "Tallinn", "Riga", "Vilnius", "Helsinki",
    "Denver", "Austin", "Seattle", "Toronto", "Calgary", "Perth", "Auckland", "Cape Town", "Casablanca",
)
_CJK_PLACES = ("東京", "大阪", "北京", "上海", "서울", "台北", "香港", "京都")
_EMOJI = ("🚀", "🔥", "📈", "⚡", "🌍", "🎮", "🏆", "🎬", "🧪", "💡")
_FIRST = (
    "Inès", "José", "Søren", "Zoë", "Chloé", "Björn", "Ana", "Mateus", "Ilse", "Tomasz", "Aiko", "Kwame",
    "Leila", "Ravi", "Maren", "Dara", "Rasmus", "Noor", "Elif", "Joaquín", "Hana", "Olu", "Priya", "Lars",
    "Marta", "Yusuf", "Camille", "Niamh", "Ewa", "Tariq",
)
_LAST = (
    "Moreau", "Álvarez", "Holm", "Brandt", "Dubois", "Lindqvist", "Okafor", "Ferreira", "Marchetti", "Nowak",
    "Tanaka", "Mensah", "Haddad", "Iyer", "Solberg", "Okonkwo", "Feld", "Rahman", "Yılmaz", "Peña", "Kato",
    "Adeyemi", "Sharma", "Nyström", "Kowalska", "Demir", "Laurent", "Byrne", "Wiśniewska", "Qureshi",
)
_ORGS = (
    "Northwind Labs", "Helix Robotics", "Cobalt Bank", "Meridian Air", "Tidewater Energy", "Larkspur Health",
    "Quillon Games", "Ostara Foods", "Brightfield Motors", "Palisade Capital", "Granite Cloud", "Vanta Mobile",
    "Silverpine Studios", "Harbor Freight Lines", "Kestrel Aerospace", "Juniper Telecom", "Alder Insurance",
    "Corvid Security", "Basalt Mining", "Fernhill Pharma", "the city council", "the central bank",
    "the transport ministry", "the football federation", "the national archive", "the space agency",
)
_ADJ = (
    "new", "quiet", "bold", "rapid", "early", "final", "hidden", "open", "rising", "modest", "record", "rare",
    "costly", "surprise", "long-awaited", "delayed", "regional", "global", "first", "fragile", "tiny", "vast",
)
_NOUNS = (
    "battery", "satellite", "vaccine", "stadium", "railway", "chip", "algorithm", "treaty", "festival", "museum",
    "bridge", "harbour", "reactor", "telescope", "vineyard", "library", "market", "tariff", "budget", "startup",
    "novel", "album", "console", "marathon", "glacier", "forest", "ferry", "drone", "tram", "subsidy",
)
_PLURALS = tuple(n[:-1] + "ies" if n.endswith("y") and not n.endswith(("ay", "ey")) else n + "s" for n in _NOUNS)
_VERBS = (
    "expand", "cut", "launch", "delay", "double", "review", "rebuild", "test", "sell", "ban", "fund", "open",
    "close", "merge", "replace", "upgrade", "track", "map", "shrink", "rescue",
)
_PAST = ("expanded", "cut", "launched", "delayed", "doubled", "reviewed", "rebuilt", "tested", "sold", "banned",
         "funded", "opened", "closed", "merged", "replaced", "upgraded", "tracked", "mapped", "shrank", "rescued")
_ROLES = ("chief executive", "head of research", "spokesperson", "lead engineer", "policy director", "coach",
          "curator", "economist", "mayor", "founder")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_PAPER = ("Courier", "Gazette", "Ledger", "Observer", "Herald", "Chronicle", "Dispatch", "Post", "Review", "Wire",
          "Bulletin", "Tribune", "Monitor", "Journal", "Record", "Standard", "Signal", "Report", "Digest", "Beacon")
_BRAND = ("Circuit", "Orbit", "Harbor", "Lantern", "Compass", "Meridian", "Summit", "Prism", "Atlas", "Ember",
          "Falcon", "Granite", "Juniper", "Kestrel", "Lumen", "Nimbus", "Pioneer", "Quarry", "Relay", "Tandem")
_CADENCE = ("Daily", "Weekly", "Now", "Today", "Insider", "Brief", "Week", "Notes", "Live", "Desk")
_SIZES = ((1200, 675), (1024, 576), (1280, 720), (800, 450))

_TITLES = (
    "{org} {past} its {noun} plans in {place}",
    "{place} {past} {count} {plural} as demand grows",
    "How {place} {past} a {adj} {noun} in {months} months",
    "{person} says the {noun} will {verb} by {year}",
    "Inside the {adj} {noun} of {place}",
    "{org} to {verb} {count} {plural} after {adj} quarter",
    "Why {plural} in {place} are {adj} again",
    "{org} and {org2} {verb} a {adj} {noun} deal",
    "The {adj} {noun}: what {place} learned from {count} {plural}",
    "{place}'s {noun} {past}, {person} reports",
)
_SENTENCES = (
    "{org} said on {weekday} that it would {verb} {count} {plural} across {place}.",
    "The {adj} {noun} was {past} by {org} after {months} months of talks.",
    "\"We did not expect the {noun} to {verb} this quickly,\" said {person}, {role} at {org}.",
    "Analysts expect {plural} in {place} to {verb} by **{pct} per cent** in {year}.",
    "Local officials in {place} have asked {org} to {verb} the {noun} before the winter.",
    "A {adj} report from {org} found that {count} {plural} were {past} last year.",
    "Critics say the {noun} is {adj} and that {plural} elsewhere cost far less.",
    "The decision follows a {adj} review of {plural} in {place} and {place2}.",
    "{person} told reporters the {noun} would {verb} within {months} months.",
    "Residents of {place} will see the first {plural} in {year}, according to {org}.",
    "It is the {adj} time {org} has {past} a {noun} outside {place}.",
    "The project, first announced in {year}, has {past} {count} {plural} so far.",
)
_HEADINGS = ("What happens next", "Why it matters", "The numbers", "Background", "What critics say",
             "A {adj} {noun}", "Inside {place}", "The road to {year}", "How the {noun} works", "Reactions")


@dataclass(frozen=True)
class Provider:
    name: str
    domain: str
    has_logo: bool
    topics: tuple[str, ...]  # the topics it mostly writes about
    description: str


@dataclass(frozen=True)
class Related:
    title: str
    excerpt: str
    published: str
    url: str
    provider: Provider
    quality: int


@dataclass(frozen=True)
class Item:
    """One generated news item; `stem` is its file name without `.md`."""

    stem: str
    title: str
    excerpt: str
    published: datetime
    url: str
    amp: bool
    type: str
    quality: int
    heat: int
    draft: bool
    provider: Provider
    topics: tuple[str, ...]
    image: tuple[int, int] | None
    video_id: str
    related: tuple[Related, ...]
    body: str
    secured: str
    image_url: str = ""  # a real item's picture; a synthetic one's URL is made from its provider and stem

    @property
    def path_date(self) -> str:
        return f"{self.published:%Y/%m/%d}"


def topics(tree=TOPIC_TREE) -> list[tuple[str, str]]:
    """(name, parent) for every topic, areas first."""
    areas = [(area, "") for area, _ in tree]
    return areas + [(child, area) for area, children in tree for child in children]


def ascii_slug(text: str, limit: int = 60) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    return slug[:limit].rstrip("-")


class _Words:
    """Fills the templates above from one seeded Random."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.random = rng.random

    def pick(self, choices):
        # rng.choice() costs several calls per draw; one random() is enough here and keeps 100k items fast
        return choices[int(self.random() * len(choices))]

    def fill(self, template: str) -> str:
        r = self.pick
        return template.format(
            org=r(_ORGS), org2=r(_ORGS), place=r(_PLACES), place2=r(_PLACES), noun=r(_NOUNS), plural=r(_PLURALS),
            adj=r(_ADJ), verb=r(_VERBS), past=r(_PAST), person=f"{r(_FIRST)} {r(_LAST)}", role=r(_ROLES),
            weekday=r(_WEEKDAYS), count=r((2, 3, 4, 12, 40, 150, 600, 2000)), months=r(range(2, 31)),
            year=r(range(2026, 2032)), pct=r(range(2, 46)),
        )

    def title(self) -> str:
        text = _capital(self.fill(self.rng.choice(_TITLES)))
        roll = self.rng.random()
        if roll < 0.04:
            text = f"{text} ({self.rng.choice(_CJK_PLACES)})"
        elif roll < 0.07:
            text = f"{text} {self.rng.choice(_EMOJI)}"
        return text


def make_providers(seed: int) -> list[Provider]:
    """The corpus's providers, most prolific first (item counts follow that order)."""
    rng = random.Random(f"providers-{seed}")
    words = _Words(rng)
    areas = [children for _, children in TOPIC_TREE]
    providers: list[Provider] = []
    names: set[str] = set()
    domains: set[str] = set()
    while len(providers) < PROVIDERS:
        pattern = rng.random()
        if pattern < 0.4:
            name = f"The {rng.choice(_PLACES)} {rng.choice(_PAPER)}"
        elif pattern < 0.75:
            name = f"{rng.choice(_ADJ).title()} {rng.choice(_BRAND)}"
        else:
            name = f"{rng.choice(_BRAND)} {rng.choice(_CADENCE)}"
        domain = ascii_slug(name).replace("-", "") + rng.choice((".example", ".example", ".test"))
        if name in names or domain in domains:
            continue
        names.add(name)
        domains.add(domain)
        area = rng.randrange(len(TOPIC_TREE))
        mine = [TOPIC_TREE[area][0]] + rng.sample(areas[area], 2) + [rng.choice(rng.choice(areas))]
        description = words.fill("News about {plural}, {noun} policy and {place}.")
        providers.append(Provider(name, domain, rng.random() < 0.6, tuple(dict.fromkeys(mine)), description))
    return providers


def iter_items(count: int, seed: int, providers: list[Provider]) -> Iterator[Item]:
    """The corpus's items, in file order; deterministic for (count, seed)."""
    rng = random.Random(f"items-{seed}")
    words = _Words(rng)
    # Pools of generated text, drawn from per item: generating every word of 100,000 bodies is too slow.
    sentences = [_capital(words.fill(rng.choice(_SENTENCES))) for _ in range(4000)]
    plain = [s.replace("**", "") for s in sentences]
    headings = [words.fill(rng.choice(_HEADINGS)) for _ in range(400)]
    links = []
    for _ in range(600):
        target = rng.choice(providers)
        anchor = words.fill(rng.choice(("the {adj} {noun} report", "{org}'s statement", "coverage in {place}",
                                        "an earlier {noun} story", "the {noun} data")))
        path = f"{rng.randint(2024, 2026)}/{ascii_slug(words.fill('{adj}-{noun}-{place}'))}/"
        links.append(f"[{anchor}](https://{target.domain}/{path})")
    zipf = list(itertools.accumulate(1 / (rank ** 1.05) for rank in range(1, len(providers) + 1)))
    all_topics = [name for name, _ in topics()]
    recent: deque[Related] = deque(maxlen=400)  # earlier items another item may cover too
    span = 365 * 86400
    for index in range(count):
        provider = providers[bisect.bisect_left(zipf, rng.random() * zipf[-1])]
        title = words.title()
        published = (NOW - timedelta(seconds=int(span * rng.random() ** 1.2))).replace(microsecond=0)
        slug = ascii_slug(title) or "story"
        stem = f"{published:%Y-%m-%d}-{slug}-{index}"
        url = f"https://{provider.domain}/{published:%Y/%m/%d}/{slug}/"
        excerpt = " ".join(rng.choices(plain, k=rng.randint(1, 2)))
        quality = 10 + int(180 * rng.betavariate(2.2, 3.5))
        heat = 10 + int(180 * rng.betavariate(1.3, 4.5))
        wanted = rng.choices((1, 2, 3), weights=(50, 35, 15))[0]
        chosen = [rng.choice(provider.topics) if rng.random() < 0.8 else rng.choice(all_topics) for _ in range(wanted)]
        video = rng.random() < 0.05
        related = ()
        if rng.random() < 0.3:
            related = tuple(_related(rng, words, recent, providers, published) for _ in range(rng.randint(1, 3)))
        item = Item(
            stem=stem, title=title, excerpt=excerpt, published=published, url=url, amp=rng.random() < 0.4,
            type="video" if video else "article", quality=quality, heat=heat, draft=rng.random() < 0.02,
            provider=provider, topics=tuple(dict.fromkeys(chosen)),
            image=rng.choice(_SIZES) if rng.random() < 0.85 else None,
            video_id=base64.urlsafe_b64encode(rng.randbytes(9)).decode()[:11] if video else "",
            related=related, body=_body(rng, sentences, headings, links),
            secured=base64.b64encode(rng.randbytes(60)).decode(),
        )
        recent.append(Related(title, excerpt, iso(published), url, provider, quality))
        yield item


def _related(rng, words, recent, providers, published) -> Related:
    if recent and rng.random() < 0.5:
        return rng.choice(recent)  # coverage by an item of this corpus: newsdesk links it internally
    provider = rng.choice(providers)
    title = words.title()
    when = published - timedelta(minutes=rng.randint(10, 3000))
    return Related(title, words.fill("{org} {past} the {noun} in {place}."), iso(when),
                   f"https://{provider.domain}/{when:%Y/%m/%d}/{ascii_slug(title)}/", provider, 10 + rng.randrange(150))


def _body(rng: random.Random, sentences: list[str], headings: list[str], links: list[str]) -> str:
    target = rng.randint(1000, 6000)
    blocks: list[str] = []
    size = 0
    while size < target:
        roll = rng.random()
        if roll < 0.1 and blocks:
            block = ("### " if rng.random() < 0.3 else "## ") + rng.choice(headings)
        elif roll < 0.2:
            numbered = rng.random() < 0.3
            entries = rng.choices(sentences, k=rng.randint(3, 5))
            if rng.random() < 0.4:
                entries[0] = f"{entries[0][:-1]}, see {rng.choice(links)}."
            block = "\n".join(f"{n}. {e}" if numbered else f"- {e}" for n, e in enumerate(entries, 1))
        elif roll < 0.25:
            block = "> " + " ".join(rng.choices(sentences, k=2))
        else:
            chosen = rng.choices(sentences, k=rng.randint(2, 5))
            if rng.random() < 0.5:
                chosen.append(f"Read {rng.choice(links)} for more.")
            block = " ".join(chosen)
        blocks.append(block)
        size += len(block) + 2
    return "\n\n".join(blocks) + "\n"


def _capital(text: str) -> str:
    return text[0].upper() + text[1:]


def iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def yaml_str(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


# --- newsdesk files -------------------------------------------------------------------------------

def topic_descriptions(seed: int) -> dict[str, str]:
    words = _Words(random.Random(f"topics-{seed}"))
    return {name: words.fill("Stories about {plural} and the {noun} in " + name + ".") for name, _ in topics()}


def config_text(seed: int, shape: Shape) -> str:
    lines = [
        ("# Synthetic benchmark site" if shape.source is None else "# Benchmark site of real items, replicated,")
        + " written by bench/corpus.py; regenerate it rather than edit it.",
        f'title: "Bench News {seed}"',
        'description: "A synthetic news site for benchmarking newsdesk."',
        'base_url: "https://bench.example/"',
        "language: en",
        "timezone: UTC",
        f"items_per_page: {ITEMS_PER_PAGE}",
        "front_page_items: 13",
        f'now: "{iso(shape.now)}"',
        "topics:",
    ]
    for name, parent in topics(shape.tree):
        lines.append(f"  - name: {yaml_str(name)}")
        if parent:
            lines.append(f"    parent: {yaml_str(parent)}")
        if shape.descriptions.get(name):
            lines.append(f"    description: {yaml_str(shape.descriptions[name])}")
    lines.append("providers:")
    for provider in shape.providers[:40]:
        lines.append(f"  - domain: {provider.domain}")
        if provider.description:
            lines.append(f"    description: {yaml_str(provider.description)}")
    return "\n".join(lines) + "\n"


def video_frame(item: Item) -> str:
    """The player embed as crawlers store it (newsdesk keeps only its URL, on an allowed host)."""
    return (f'<iframe width="800" height="450" frameborder="0" src="https://www.youtube.com/embed/{item.video_id}" '
            'allow="accelerometer; autoplay; encrypted-media; gyroscope; picture-in-picture" allowfullscreen></iframe>')


def item_text(item: Item) -> str:
    """The item as a newsdesk content file (front matter in the aggregator's field names)."""
    p = item.provider
    out = [
        "---",
        f"title: {yaml_str(item.title)}",
        f"excerpt: {yaml_str(item.excerpt)}",
        f"publishedDateTime: {iso(item.published)}",
        f'originalUrl: "{item.url}"',
        f'webUrl: "{item.url}"',
    ]
    if item.amp:
        host = p.domain.replace(".", "-")
        out += [f'ampWebUrl: "{item.url}amp/"',
                f'cdnAmpWebUrl: "https://{host}.cdn.ampproject.org/c/s/{item.url[8:]}amp/"']
    out += [f"type: {item.type}", f"quality: {item.quality}", f"heat: {item.heat}",
            f"published: {'false' if item.draft else 'true'}", ""]
    if item.video_id:
        out += [f"featuredContent: {yaml_str(video_frame(item))}", ""]
    out += ["provider:", f"  name: {yaml_str(p.name)}", f"  domain: {p.domain}"]
    if p.has_logo:
        out += ["  images:", f'    - url: "https://{p.domain}/logo-50x50.png"', "      width: 50", "      height: 50"]
    out += ["", "topics:"] + [f"  - {yaml_str(t)}" for t in item.topics]
    if item.image:
        out += ["", "images:", f'  - url: "{picture_url(item)}"',
                f"    width: {item.image[0]}", f"    height: {item.image[1]}"]
    if item.related:
        out += ["", "related:"]
        for r in item.related:
            out += [f"  - title: {yaml_str(r.title)}", f"    excerpt: {yaml_str(r.excerpt)}",
                    f"    publishedDateTime: {r.published}", f'    webUrl: "{r.url}"', "    type: article",
                    "    provider:", f"      name: {yaml_str(r.provider.name)}",
                    f"      domain: {r.provider.domain}", f"    quality: {r.quality}"]
    out += ["", f'secured: "{item.secured}"', "---", "", item.body]
    return "\n".join(out)


def picture_url(item: Item) -> str:
    return item.image_url or f"https://{item.provider.domain}/images/{item.published:%Y/%m}/{item.stem}.jpg"


def write_corpus(count: int, out: Path, seed: int = 1, source: Path | None = None) -> Path:
    """Write a complete newsdesk site of `count` items into `out` (replacing its content); return config.yaml.
    `source`: the real items of that site folder replicated (replicated_items) instead of the synthetic ones."""
    out = Path(out)
    news = out / "content" / "news"
    if news.exists():
        shutil.rmtree(news)
    news.mkdir(parents=True)
    shape = corpus_shape(seed, source)
    config = out / "config.yaml"
    config.write_text(config_text(seed, shape), encoding="utf-8")
    for item in corpus_items(count, seed, shape):
        with open(news / f"{item.stem}.md", "w", encoding="utf-8", newline="\n") as handle:
            handle.write(item_text(item))
    return config


# --- real items, replicated -------------------------------------------------------------------------

@dataclass(frozen=True)
class Shape:
    """What a corpus's config.yaml declares beside its items, and where its items come from."""

    tree: tuple[tuple[str, tuple[str, ...]], ...]  # areas and their child topics
    descriptions: dict[str, str]  # topic -> description
    providers: list[Provider]  # most prolific first; config.yaml describes the first 40
    now: datetime
    source: list[dict] | None = None  # the real items' front matter (replicated_items); None: synthetic


COPY_STEP = timedelta(days=7)  # each copy of the real items a week before the last: beyond stories' window


def corpus_shape(seed: int, source: Path | None = None) -> Shape:
    if source is None:
        return Shape(TOPIC_TREE, topic_descriptions(seed), make_providers(seed), NOW)
    return shared_shape(Path(source))


def corpus_items(count: int, seed: int, shape: Shape) -> Iterator[Item]:
    if shape.source is None:
        return iter_items(count, seed, shape.providers)
    return replicated_items(count, shape)


def shared_shape(folder: Path) -> Shape:
    """A real site's items (`news/*.md`, as ../shared/corpus/powerapps holds them) and topics (`data/topics/`).

    Read once, never written anywhere but the benchmark's work folder. Its providers are those of the items,
    most prolific first; its topics have no descriptions. Only two levels of topics (as Hugo's site has)."""
    import yaml  # (newsdesk's own dependency; the synthetic corpus needs no YAML reader)

    files = sorted((folder / "news").glob("*.md"))
    if not files:
        raise FileNotFoundError(f"{folder / 'news'}: no items (*.md) to replicate")
    items = []
    for path in files:
        text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
        _, front, _ = text.split("---\n", 2)
        data = yaml.safe_load(front)
        data["_stem"] = path.stem
        items.append(data)
    declared = [yaml.safe_load(p.read_text(encoding="utf-8"))
                for p in sorted((folder / "data" / "topics").glob("*.y*ml"))]
    parent = {t["name"]: t.get("parent") or "" for t in declared}
    for item in items:  # a topic an item names but the site does not declare: a top-level one
        for name in item.get("topics") or ():
            parent.setdefault(name, "")
    tree = tuple((area, tuple(c for c, p in parent.items() if p == area)) for area, p in parent.items() if not p)
    counts: dict[str, int] = {}
    seen: dict[str, Provider] = {}
    for item in items:
        p = item["provider"]
        counts[p["domain"]] = counts.get(p["domain"], 0) + 1
        seen.setdefault(p["domain"], Provider(p.get("name") or p["domain"], p["domain"], bool(p.get("images")), (), ""))
    providers = [seen[d] for d in sorted(counts, key=lambda d: (-counts[d], d))]
    newest = max(_moment(item["publishedDateTime"]) for item in items)
    return Shape(tree, {}, providers, newest + timedelta(hours=12), items)


def replicated_items(count: int, shape: Shape) -> Iterator[Item]:
    """`count` items: the real ones in file order, then copies of them, copy k dated k weeks (COPY_STEP)
    earlier, with its own file name and URLs (`?copy=k`), so copies are neither one story nor one page."""
    providers = {p.domain: p for p in shape.providers}
    real = shape.source
    for index in range(count):
        copy, data = divmod(index, len(real))
        data = real[data]
        published = _moment(data["publishedDateTime"]) - copy * COPY_STEP
        url = data.get("webUrl") or data["originalUrl"]
        if copy:
            url += ("&" if "?" in url else "?") + f"copy={copy}"
        pictures = data.get("images") or []
        video = re.search(r"youtube\.com/embed/([\w-]+)", data.get("featuredContent") or "")
        yield Item(
            stem=f"{published:%Y-%m-%d}-{data['_stem'][11:]}-{index}", title=str(data["title"]),
            excerpt=str(data.get("excerpt") or ""), published=published, url=url, amp="ampWebUrl" in data,
            type=str(data.get("type") or "article"), quality=int(data.get("quality") or 0),
            heat=int(data.get("heat") or 0), draft=data.get("published") is False,
            provider=providers[data["provider"]["domain"]], topics=tuple(data.get("topics") or ()),
            image=(int(pictures[0]["width"]), int(pictures[0]["height"])) if pictures else None,
            video_id=video[1] if video else "", related=(), body="", secured=str(data.get("secured") or ""),
            image_url=pictures[0]["url"] if pictures else "",
        )


def _moment(value) -> datetime:
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).replace(microsecond=0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.corpus", description="Write a synthetic newsdesk site.")
    parser.add_argument("--items", type=int, required=True, help="number of items")
    parser.add_argument("--out", required=True, help="site folder to write (config.yaml + content/news/)")
    parser.add_argument("--seed", type=int, default=1, help="same seed, same bytes (default 1)")
    parser.add_argument("--items-from", metavar="DIR", help="replicate the real items of DIR (news/*.md, "
                        "data/topics/; e.g. ../shared/corpus/powerapps) instead of making synthetic ones")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    config = write_corpus(args.items, Path(args.out), args.seed, Path(args.items_from) if args.items_from else None)
    print(f"{args.items} items written to {config.parent} in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
