"""The same corpus as a Hugo site, so the benchmark can time Hugo on equal work.

    python -m bench.hugo --items 10000 --out bench/work/10000/hugo [--seed 1]

Items come from the same seeded stream as bench.corpus (same titles, bodies,
dates, scores), written as Hugo content with front matter Hugo understands. The
layouts in bench/hugo_layouts/ render the page set newsdesk renders: an article
page per item, the ranked front page, Latest/Top/Hot, paginated topic and
provider pages (Hugo taxonomies), the topic and provider indexes and a 404 page,
20 items per page, with the same card markup (title, excerpt, provider, date,
scores, topics).

Where Hugo has no equivalent, the translation does the least it can:
- Topic hierarchy: Hugo terms are flat, so an item is also tagged with the
  parent of each of its topics (newsdesk's parent topic pages list their
  children's items); cards show only the item's own topics, as newsdesk does.
- Ranking: the layouts compute percentile(heat) + percentile(quality) +
  2 * 2^(-age/36 h) in Go templates, once per build (partialCached), so Hugo
  does the ranking work itself; ties get consecutive ranks, not mid-ranks.
- `published: false` becomes `draft: true`; `type` becomes `kind` (Hugo
  reserves `type` to pick layouts).
RSS and alias pages are turned off; the sitemap and robots.txt stay on, as newsdesk
writes them too. newsdesk's feeds, JSON API and search index have no counterpart
here: bench.run times newsdesk with them turned off for the like-for-like figure.
"""

from __future__ import annotations

import argparse
import shutil
import time
from pathlib import Path

from bench.corpus import (ITEMS_PER_PAGE, Item, Shape, corpus_items, corpus_shape, iso, picture_url, topics,
                          video_frame, yaml_str)

LAYOUTS = Path(__file__).resolve().parent / "hugo_layouts"
THEME_STATIC = Path(__file__).resolve().parent.parent / "themes" / "default" / "static"
LISTS = (("latest", "Latest", "The newest stories first."),
         ("top", "Top stories", "Ranked by heat, quality and freshness."),
         ("hot", "Hot", "The stories with the most heat."))


def hugo_config(seed: int, shape: Shape) -> str:
    lines = [
        "# Hugo site written by bench/hugo.py from the same corpus as bench/corpus.py.",
        'baseURL: "https://bench.example/"',
        "locale: en",
        f'title: "Bench News {seed}"',
        "timeZone: UTC",
        "buildFuture: true  # the corpus is dated before its own fixed `now`, not the machine's clock",
        "disableAliases: true",
        "disableKinds: [rss]",
        "enableRobotsTXT: true",
        "capitalizeListTitles: false",
        "pagination:",
        f"  pagerSize: {ITEMS_PER_PAGE}",
        "taxonomies:",
        "  topic: topics",
        "  provider: providers",
        "permalinks:",
        "  page:",
        "    news: /news/:year/:month/:day/:slug/",
        "params:",
        '  description: "A synthetic news site for benchmarking newsdesk."',
        f'  now: "{iso(shape.now)}"',
        "  half_life_hours: 36",
        "  front_page_items: 13",
        "  areas:",
    ]
    for area, children in shape.tree:
        lines.append(f"    - name: {yaml_str(area)}")
        lines.append("      children: [" + ", ".join(yaml_str(c) for c in children) + "]")
    return "\n".join(lines) + "\n"


def item_text(item: Item, parents: dict[str, str]) -> str:
    p = item.provider
    tagged = list(item.topics) + [parents[t] for t in item.topics if parents.get(t)]
    out = [
        "---",
        f"title: {yaml_str(item.title)}",
        f"date: {iso(item.published)}",
        f"slug: {yaml_str(item.stem[11:])}",
        f"draft: {'true' if item.draft else 'false'}",
        "topics: [" + ", ".join(yaml_str(t) for t in dict.fromkeys(tagged)) + "]",
        f"providers: [{yaml_str(p.domain)}]",
        "params:",
        f"  excerpt: {yaml_str(item.excerpt)}",
        f"  kind: {item.type}",
        f"  heat: {item.heat}",
        f"  quality: {item.quality}",
        f'  web_url: "{item.url}"',
    ]
    if item.amp:
        out.append(f'  amp_url: "{item.url}amp/"')
    out += ["  provider:", f"    name: {yaml_str(p.name)}", f"    domain: {p.domain}"]
    if p.has_logo:
        out.append(f'    logo: "https://{p.domain}/logo-50x50.png"')
    out.append("  own_topics: [" + ", ".join(yaml_str(t) for t in item.topics) + "]")
    if item.image:
        out += ["  image:", f'    url: "{picture_url(item)}"',
                f"    width: {item.image[0]}", f"    height: {item.image[1]}"]
    if item.video_id:
        out.append(f"  featured_content: {yaml_str(video_frame(item))}")
    if item.related:
        out.append("  related:")
        for r in item.related:
            out += [f"    - title: {yaml_str(r.title)}", f'      url: "{r.url}"',
                    f"      provider: {yaml_str(r.provider.name)}",
                    f"      published: {r.published}", f"      quality: {r.quality}"]
    out += [f'  secured: "{item.secured}"', "---", "", item.body]
    return "\n".join(out)


def write_hugo_site(count: int, out: Path, seed: int = 1, source: Path | None = None) -> Path:
    """Write the Hugo site for the corpus of (count, seed, source) into `out` (replacing it); return `out`."""
    out = Path(out)
    if out.exists():
        shutil.rmtree(out)
    content = out / "content"
    (content / "news").mkdir(parents=True)
    shape = corpus_shape(seed, source)
    out.joinpath("hugo.yaml").write_text(hugo_config(seed, shape), encoding="utf-8")
    shutil.copytree(LAYOUTS, out / "layouts")
    shutil.copytree(THEME_STATIC, out / "static")
    _page(content / "_index.md", f"Bench News {seed}")
    _page(content / "news" / "_index.md", "News", "build:\n  render: never\n  list: always")
    for name, title, description in LISTS:
        _page(content / name / "_index.md", title, f"description: {yaml_str(description)}\norder: {name}")
    children = {area: kids for area, kids in shape.tree}
    parents = dict(topics(shape.tree))
    news = content / "news"
    seen, shown = set(), set()
    for item in corpus_items(count, seed, shape):
        with open(news / f"{item.stem}.md", "w", encoding="utf-8", newline="\n") as handle:
            handle.write(item_text(item, parents))
        if not item.draft:
            seen.add(item.provider.domain)
            shown.update(item.topics, (parents[t] for t in item.topics if parents.get(t)))
    for name, parent in topics(shape.tree):  # newsdesk gives a page only to topics with items (their own or a child's)
        if name in shown:
            extra = f"description: {yaml_str(shape.descriptions.get(name, ''))}\nparent: {yaml_str(parent)}\n"
            extra += "children: [" + ", ".join(yaml_str(c) for c in children.get(name, ()) if c in shown) + "]"
            _page(content / "topics" / _urlize(name) / "_index.md", name, extra)
    for provider in shape.providers[:40]:  # config.yaml describes these; newsdesk gives a page only to those with items
        if provider.domain in seen:
            _page(content / "providers" / provider.domain / "_index.md", provider.name,
                  f"description: {yaml_str(provider.description)}")
    return out


def _page(path: Path, title: str, extra: str = "") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\ntitle: {yaml_str(title)}\n{extra + chr(10) if extra else ''}---\n", encoding="utf-8")


def _urlize(name: str) -> str:
    return name.lower().replace(" ", "-")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.hugo",
                                     description="Write the benchmark corpus as a Hugo site.")
    parser.add_argument("--items", type=int, required=True, help="number of items")
    parser.add_argument("--out", required=True, help="Hugo site folder to write (replaced)")
    parser.add_argument("--seed", type=int, default=1, help="same seed as bench.corpus gives the same items")
    parser.add_argument("--items-from", metavar="DIR", help="the real items of DIR replicated, as bench.corpus")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    write_hugo_site(args.items, Path(args.out), args.seed, Path(args.items_from) if args.items_from else None)
    print(f"{args.items} items written to {args.out} in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
