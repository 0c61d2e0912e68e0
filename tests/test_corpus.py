"""The real corpus in ../shared/corpus/powerapps (192 items, Smartable data folder); skipped where it is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from generator.build.pipeline import BuildOptions, build
from generator.config.load import load_config
import conftest
from test_build import html_errors, link_problems, listed

pytestmark = pytest.mark.slow  # the real corpus (192 items), and serve's moves over it


def config_text(corpus: Path, relative_to: Path | None = None) -> str:
    news, data = corpus / "news", corpus / "data"
    if relative_to is not None:
        news, data = os.path.relpath(news, relative_to), os.path.relpath(data, relative_to)
    return (f"title: Power Apps news\nbase_url: https://example.github.io/powerapps/\n"
            f"content_dir: {news}\ndata_dir: {data}\nnow: \"2021-07-01T00:00:00Z\"\n")


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    return yaml.safe_load(text.split("\n---", 1)[0].lstrip("-\n"))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One build of the whole corpus, shared by the tests (which also ask for the `corpus` fixture)."""
    corpus = conftest.CORPUS
    if not corpus.is_dir():  # module fixtures are set up before `corpus` could skip
        pytest.skip("../shared/corpus/powerapps is not here (it is only beside a developer's checkout)")
    root = tmp_path_factory.mktemp("corpus")
    (root / "config.yaml").write_text(config_text(corpus))  # absolute paths
    config = load_config(root / "config.yaml")
    result = build(config, BuildOptions(drafts=True), environ={})
    return {"corpus": corpus, "root": root, "config": config, "out": config.output_path, "result": result,
            "site": result.site.model.site}


def test_every_item_is_built(corpus, built):
    sources = sorted((built["corpus"] / "news").glob("*.md"))
    assert len(sources) == 192
    result, site = built["result"], built["site"]
    assert [str(p) for p in result.site.problems] == []
    assert sorted(Path(item.source).name for item in site.items) == [p.name for p in sources]
    for item in site.items:
        assert (built["out"] / item.path / "index.html").is_file(), item.source


def test_without_drafts_only_the_unpublished_items_are_withheld(corpus, built, tmp_path):
    corpus = built["corpus"]
    unpublished = sorted(p.name for p in (corpus / "news").glob("*.md") if front_matter(p).get("published") is False)
    assert unpublished  # the corpus has some
    (tmp_path / "config.yaml").write_text(config_text(corpus, relative_to=tmp_path))  # relative paths work too
    result = build(load_config(tmp_path / "config.yaml"), BuildOptions(write=False), environ={})
    assert result.site.problems == ()
    assert sorted(Path(s).name for s, _ in result.site.model.withheld) == unpublished
    assert {reason for _, reason in result.site.model.withheld} == {"published: false"}
    assert result.items + len(unpublished) == 192


def test_every_provider_logo_from_organizations_resolves(corpus, built):
    site, out, corpus = built["site"], built["out"], built["corpus"]
    records = {front_matter(p)["_id"]: front_matter(p) for p in (corpus / "data/organizations").glob("*.md")}
    checked = 0
    for provider in site.providers.values():
        record = records.get(provider.domain)
        if not record:
            continue
        checked += 1
        assert provider.name == record["name"]
        assert provider.logo is not None, provider.domain
        local = provider.logo.url
        assert not local.startswith(("http:", "https:")), local  # copied into the site, not hot-linked
        original = corpus / record["images"][0]["url"].lstrip("/")
        assert (out / local).read_bytes() == original.read_bytes(), provider.domain
        page = (out / f"providers/{provider.slug}/index.html").read_text()
        assert f'src="/powerapps/{local}"' in page, provider.domain
    assert checked > 0  # five of the corpus providers have records


def test_topics_have_their_parents(corpus, built):
    site, out, corpus = built["site"], built["out"], built["corpus"]
    records = [yaml.safe_load(p.read_text()) for p in sorted((corpus / "data/topics").glob("*.yaml"))]
    slug_of = {r["name"]: r["_id"] for r in records}
    for record in records:
        topic = site.topics[record["_id"]]
        assert topic.name == record["name"]
        assert topic.parent == (slug_of[record["parent"]] if record.get("parent") else "")
    parent = site.topics["power-apps"]
    assert len(parent.children) == len(records) - 1
    on_parent_page = set(listed(out, built["config"].base_url, "topics/power-apps/"))
    for child in parent.children:
        for index in site.topic_items[child]:
            # itself, or the card of its story (one card per story: its lead's)
            story = site.story_of.get(index)
            shown = {site.items[m].path for m in site.stories[story].members} if story is not None else set()
            assert ({site.items[index].path} | shown) & on_parent_page, (child, site.items[index].source)


def test_every_internal_link_resolves(corpus, built):
    assert link_problems(built["out"], built["config"].base_url) == []


def test_list_pages_are_valid_html5(corpus, built):
    out = built["out"]
    pages = [p for p in sorted(out.rglob("*.html")) if not p.relative_to(out).as_posix().startswith("news/")]
    articles = sorted(out.glob("news/**/index.html"))[::10]  # every tenth story; test_build checks them all
    errors = {p.relative_to(out).as_posix(): html_errors(p) for p in pages + articles}
    assert {name: e for name, e in errors.items() if e} == {}


def test_every_field_of_the_seed_item_is_read(tmp_path):
    """Front matter of seeds/001 with the body of seeds/000 is one real item (values compared, never copied)."""
    seeds = conftest.SHARED / "seeds"
    front, body = sorted(seeds.glob("001_*.txt")), sorted(seeds.glob("000_*.txt"))
    if not (front and body):
        pytest.skip("../shared/seeds is not here (it is only beside a developer's checkout)")
    text = front[0].read_text(encoding="utf-8") + body[0].read_text(encoding="utf-8")
    meta = front_matter(front[0])
    (tmp_path / "content").mkdir()
    (tmp_path / "content/seed.md").write_text(text, encoding="utf-8")
    (tmp_path / "config.yaml").write_text('title: Seed\nbase_url: https://example.org/\nnow: "2030-01-01T00:00:00Z"\n')
    result = build(load_config(tmp_path / "config.yaml"), BuildOptions(), environ={})
    assert result.site.problems == ()
    [item] = result.site.model.site.items
    assert item.title == meta["title"] and item.excerpt == meta["excerpt"]
    assert item.published == meta["publishedDateTime"]
    assert (item.original_url, item.web_url, item.amp_url, item.cdn_amp_url) == (
        meta["originalUrl"], meta["webUrl"], meta["ampWebUrl"], meta["cdnAmpWebUrl"])
    assert (item.type, item.quality, item.heat, item.is_published) == (
        meta["type"], meta["quality"], meta["heat"], meta["published"])
    assert (item.provider.name, item.provider.domain) == (meta["provider"]["name"], meta["provider"]["domain"])
    assert [i.url for i in item.provider.images] == [i["url"] for i in meta["provider"]["images"]]
    assert [(i.url, i.width, i.height) for i in item.images] == [(i["url"], i["width"], i["height"]) for i in meta["images"]]
    assert item.category == meta["category"]
    assert len(item.topics) == len(meta["topics"])
    assert [(r.title, r.url, r.published, r.provider.domain, r.quality) for r in item.related] == [
        (r["title"], r["webUrl"], r["publishedDateTime"], r["provider"]["domain"], r["quality"]) for r in meta["related"]]
    first_line = next(line.strip() for line in body[0].read_text(encoding="utf-8").splitlines() if line.strip())
    page = (tmp_path / "output" / item.path / "index.html").read_text(encoding="utf-8")
    assert first_line in html_text(page)
    files = [path for path in (tmp_path / "output").rglob("*") if path.is_file()]
    assert files
    for path in files:
        assert meta["secured"][:24].encode() not in path.read_bytes(), path


def html_text(page: str) -> str:
    import html5lib
    return "".join(html5lib.parse(page, namespaceHTMLElements=False).itertext())


def test_moves_of_real_items_in_serve_give_the_bytes_of_a_full_build(corpus, tmp_path):
    # serve's fast path (generator/serve/fastpath.py) on real items: redated, rescored, given another of the
    # site's topics, one after another; after each, the output is what a full build of the same files writes.
    import random
    import re
    import shutil

    from generator.serve.rebuild import Session, rebuild, update_search

    news = tmp_path / "news"
    shutil.copytree(corpus / "news", news)  # (the corpus itself is never written)
    root = tmp_path / "site"
    root.mkdir()
    text = config_text(corpus, root).replace(f"content_dir: {os.path.relpath(corpus / 'news', root)}",
                                             f"content_dir: {os.path.relpath(news, root)}")
    (root / "config.yaml").write_text(text)
    config, session, options = load_config(root / "config.yaml"), Session(), BuildOptions(workers=1)
    first = rebuild(session, config, options, None, environ={})
    names = sorted({topic.name for topic in first.site.model.site.topics.values()})
    published = [item.source for item in first.site.model.site.items]
    rng = random.Random(8)
    for n in range(8):
        path = config.root / rng.choice(published)
        written = path.read_text(encoding="utf-8-sig")
        kind = ("redate", "nudge", "topic")[n % 3]
        if kind == "topic":
            edited = re.sub(r"^topics:\n  - (.*)$", f"topics:\n  - {rng.choice(names)}", written, count=1, flags=re.M)
        else:
            edited = conftest.EDITS[kind](written, n)
        assert edited != written, (kind, path.name)
        path.write_text(edited, encoding="utf-8")
        result = rebuild(session, config, options, [path], environ={})
        # a heat or topic edit leaves every story as it was: patched; a redate may move an item into or out of
        # a story (real news covered twice), and then serve plans the site again (fastpath.replan)
        assert result.mode == "patch" or (kind == "redate" and result.mode == "update"), (kind, path.name)
        update_search(config, result.site)  # (serve does it in the background)
        fresh = load_config(root / "config.yaml", {"output_dir": str(tmp_path / f"fresh-{n}")})
        build(fresh, options, environ={})
        assert conftest.files_under(config.output_path) == conftest.files_under(fresh.output_path), (kind, path.name)


def test_no_output_shows_entity_text(corpus, built):
    """The corpus writes `we&#8217;re` and `&amp;` in titles and excerpts: readers see ’ and &, never the code."""
    from test_content import shown_entities
    assert shown_entities(built["out"]) == []


def _reader_pages(site) -> dict[str, str]:
    """The pages issue 18 measures, as URL paths: front, Latest, the biggest list by type, topic and provider,
    the newest story with a link, and a search."""

    topic = max(site.topic_items, key=lambda slug: (len(site.topic_items[slug]), slug))
    provider = max(site.provider_items, key=lambda slug: (len(site.provider_items[slug]), slug))
    listed = max(site.type_lists, key=lambda entry: len(entry[1]))
    story = next(story for story in site.items if story.link)
    return {"front": "", "latest": "latest/", "type": listed[0].path, "topic": f"topics/{topic}/",
            "provider": f"providers/{provider}/", "article": story.path, "search": "search/?q=table"}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}, {"width": 1366, "height": 900}],
                         ids=["phone", "desktop"])
def test_axe_finds_no_violations_on_the_real_pages(corpus, built, browser, scheme, viewport):
    # The example site's pages are checked in test_theme; the corpus's are what the issue measured
    # (long provider names, entities, 50-pixel logos, failed pictures: no network here).
    import re
    from test_theme import AXE_JS, _tool_missing, axe_violations

    if not AXE_JS.is_file():
        _tool_missing(f"{AXE_JS} is missing: run `npm ci` in {conftest.ROOT}")
    pages = _reader_pages(built["site"])
    found = []
    with conftest.static_server(built["out"], built["config"].base_path) as url:
        phone = viewport["width"] < 600
        context = browser.new_context(viewport=viewport, color_scheme=scheme, is_mobile=phone, has_touch=phone)
        context.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())
        try:
            tab = context.new_page()
            for kind, path in pages.items():
                tab.goto(url + path, wait_until="load")
                found += axe_violations(tab, kind, path)
        finally:
            context.close()
    assert len(pages) == 7
    assert found == [], "\n".join(found)


def test_vnu_finds_no_errors_or_warnings_on_any_real_page(corpus, built):
    import json
    import shutil
    import subprocess
    from test_theme import VNU_JAR, _tool_missing

    java = shutil.which("java")
    if not VNU_JAR.is_file() or not java:
        _tool_missing(f"{VNU_JAR} or java is missing: run `npm ci` in {conftest.ROOT} and install Java 11+")
    pages = sorted(built["out"].rglob("*.html"))
    assert len(pages) > 192  # every story's page, and the lists
    run = subprocess.run([java, "-jar", str(VNU_JAR), "--format", "json", "--skip-non-html", str(built["out"])],
                         capture_output=True, text=True, timeout=600)
    messages = json.loads(run.stderr or run.stdout)["messages"]
    found = [f"{m.get('url', '?').split('/', 3)[-1]}:{m.get('lastLine', '?')}: {m['type']}: {m['message']}"
             for m in messages]
    assert found == [], "\n".join(found[:20])
