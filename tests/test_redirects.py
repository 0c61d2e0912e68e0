"""Old addresses: an item's `aliases` and config.yaml's `redirects`, each a small page at the old path that sends
readers on to the new one (GitHub Pages has no server redirects), by stage: config.yaml read, items read, the
redirect pages planned and written (not in the sitemap, in the report), serve's rebuilds, and a browser following
one."""

from __future__ import annotations

import json
import re

import pytest
from conftest import BASIC_CONFIG, files_under, item, make_site, serving, static_server

from generator.build.pipeline import BuildOptions, build
from generator.cli import main
from generator.config.load import load_config
from generator.errors import ConfigError

SUB_CONFIG = """\
title: Test News
base_url: https://example.org/news-site/
now: "2026-11-22T12:00:00Z"
"""


def _built(root, capsys, *args: str) -> tuple[dict, str]:
    """Build the site at root with the command: (its report, what it printed)."""
    code = main(["build", "--config", str(root / "config.yaml"), "--report", str(root / "report.json"), *args])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return json.loads((root / "report.json").read_text(encoding="utf-8")), captured.out + captured.err


def _meta_refresh(page: str) -> str:
    return re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', page)[1]


# --- config.yaml ---------------------------------------------------------------------------------------------

def test_redirects_in_config_yaml_are_old_site_paths_and_new_pages(tmp_path):
    root = make_site(tmp_path, {}, BASIC_CONFIG + "redirects:\n"
                     "  /anbieter/spiegel/: {provider: Der Spiegel}\n"
                     "  typen/videos: /videos/\n"
                     "  /alt/%C3%BCber.html: /\n")
    config = load_config(root / "config.yaml")
    assert config.redirects == (("anbieter/spiegel/", "provider: Der Spiegel"), ("typen/videos/", "videos/"),
                                ("alt/über.html", ""))


@pytest.mark.parametrize("old, said", [
    ("https://evil.example/a/", "is a full address"),
    ("//evil.example/a/", "names another host"),
    ("/a/../../etc/", "goes up a folder"),
    ("/a%2F..%2F..%2Fb/", "goes up a folder"),
    ('"/a\\\\b/"', "has a backslash"),
    ("/.git/", "names a hidden file"),
    ("/x.php", "a static host sends such a file as it is"),
])
def test_a_redirect_from_no_site_path_is_an_error_at_its_line(tmp_path, old, said):
    root = make_site(tmp_path, {}, BASIC_CONFIG + f"redirects:\n  /fine/: /latest/\n  {old}: /latest/\n")
    with pytest.raises(ConfigError) as caught:
        load_config(root / "config.yaml")
    [problem] = caught.value.problems
    assert problem.line == 6 and "`redirects`" in problem.message and said in problem.message, problem


def test_a_redirect_to_no_page_of_the_site_is_an_error_at_its_line_and_the_site_builds(tmp_path, capsys):
    root = make_site(tmp_path, {"content/a.md": item("A story", topics="[Sport]")},
                     BASIC_CONFIG + "redirects:\n  /themen/sport/: {topic: Sporrt}\n  /alt/: /nowhere/\n"
                                    "  /fine/: {topic: sport}\n")
    report, said = _built(root, capsys)
    assert [(p["source"], p["line"]) for p in report["rejected"]] == [("config.yaml", 5), ("config.yaml", 6)]
    assert "did you mean `{topic: Sport}`?" in report["rejected"][0]["error"]
    assert [(r["from"], r["to"]) for r in report["redirects"]] == [("fine/", "topics/sport/")]
    assert not (root / "output/themen").exists() and not (root / "output/alt").exists()
    assert (root / "output/news/2026/11/20/a/index.html").is_file()


# --- items ---------------------------------------------------------------------------------------------------

def test_aliases_are_read_as_site_paths_once_each_and_jekylls_redirect_from_too(tmp_path):
    root = make_site(tmp_path, {
        "content/a.md": item("A", aliases='["/2020/05/a/", "2020/05/a", "/alt/%C3%BCber.html", /one-more]'),
        "content/b.md": item("B", date="2026-11-19T10:00:00Z", redirect_from="/b-old/"),
    })
    result = build(load_config(root / "config.yaml"), BuildOptions(write=False, workers=1), environ={})
    aliases = {entry.source: entry.aliases for entry in result.site.model.site.items}
    assert aliases == {"content/a.md": ("2020/05/a/", "alt/über.html", "one-more/"), "content/b.md": ("b-old/",)}
    assert any("`redirect_from` is read as `aliases`" in str(w) for w in result.site.warnings)


@pytest.mark.parametrize("old, said", [
    ("https://evil.example/x/", "is a full address"),
    ("//evil.example/x/", "names another host"),
    ("/../../outside/", "goes up a folder"),
    ("/%2e%2e/%2e%2e/outside/", "goes up a folder"),
    ("'/a\\..\\..\\outside/'", "has a backslash"),
    ("/.git/hooks/", "names a hidden file"),
    ("/con/", "Windows cannot name a file by"),
    ("'/a?page=2'", "has a query or a fragment"),
])
def test_an_alias_that_is_no_site_path_is_left_out_with_a_warning_at_its_line(tmp_path, capsys, old, said):
    """At the entry's own line (6), as an alias in the way of a page is: every entry's warning was at the line of
    `aliases:` (4), ten of them alike."""
    root = make_site(tmp_path / "site", {"content/a.md": item("A story", aliases=f"\n  - /fine/\n  - {old}")})
    report, _ = _built(root, capsys)
    [warning] = [w for w in report["warnings"] if "aliases" in w["warning"]]
    assert warning["line"] == 6 and said in warning["warning"], warning
    assert [r["from"] for r in report["redirects"]] == ["fine/"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # (nothing written beside the site)
    assert not (root / "outside").exists() and not (root / "output/.git").exists()


# --- the redirect pages --------------------------------------------------------------------------------------

def test_an_old_address_is_a_page_that_sends_readers_to_the_new_one_under_base_url(tmp_path, capsys):
    root = make_site(tmp_path, {"content/a.md": item("Cranes & <ports>", aliases="[/2020/05/cranes/, /cranes.html]"),
                                "content/b.md": item("Other", date="2026-11-19T10:00:00Z")}, SUB_CONFIG)
    report, _ = _built(root, capsys)
    new = "https://example.org/news-site/news/2026/11/20/a/"
    out = root / "output"
    for name in ("2020/05/cranes/index.html", "cranes.html"):
        page = (out / name).read_text(encoding="utf-8")
        assert _meta_refresh(page) == new
        assert f'<link rel="canonical" href="{new}">' in page
        assert '<meta name="robots" content="noindex">' in page
        assert f'<a href="{new}">Cranes &amp; &lt;ports&gt;</a>' in page  # (a link for readers without refresh)
    assert report["redirects"] == [
        {"source": "content/a.md", "from": "2020/05/cranes/", "to": "news/2026/11/20/a/",
         "output": "2020/05/cranes/index.html"},
        {"source": "content/a.md", "from": "cranes.html", "to": "news/2026/11/20/a/", "output": "cranes.html"}]
    assert "cranes" not in (out / "sitemap.xml").read_text(encoding="utf-8")  # (old addresses are no pages)
    assert all(page["output"] not in ("cranes.html", "2020/05/cranes/index.html") for page in report["pages"])


def test_a_german_sites_old_type_provider_and_topic_addresses_go_to_their_pages(tmp_path, capsys):
    root = make_site(tmp_path, {"content/a.md": item(
        "Ein Video", type="video", topics="[Wirtschaft & Politik]",
        provider="{name: Süddeutsche Zeitung, domain: sueddeutsche.de}")},
        BASIC_CONFIG + "language: de\nredirects:\n"
                       "  /anbieter/sddeutsche-zeitung/: {provider: Süddeutsche Zeitung}\n"
                       "  /themen/wirtschaft-politik/: {topic: Wirtschaft & Politik}\n"
                       "  /typen/video/: {type: video}\n")
    report, _ = _built(root, capsys)
    assert not report["rejected"], report["rejected"]
    pages = {page["output"] for page in report["pages"]}
    moved = {r["from"]: r["to"] for r in report["redirects"]}
    assert len(moved) == 3 and all(f"{to}index.html" in pages for to in moved.values()), moved
    assert moved["themen/wirtschaft-politik/"] == "topics/wirtschaft-und-politik/"
    page = (root / "output/typen/video/index.html").read_text(encoding="utf-8")
    assert _meta_refresh(page) == f"https://example.org/{moved['typen/video/']}" and 'lang="de"' in page


def test_an_alias_in_the_way_of_a_page_or_another_alias_is_an_error_at_its_line_and_the_rest_builds(tmp_path,
                                                                                                    capsys):
    root = make_site(tmp_path, {
        "content/a.md": item("A", aliases="\n  - /old-a/\n  - /latest/\n  - /feeds/latest.xml/"),
        "content/b.md": item("B", date="2026-11-19T10:00:00Z", aliases="\n  - /Old-A/\n  - /old-b/"),
    })
    report, said = _built(root, capsys)
    errors = {(p["source"], p["line"]): p["error"] for p in report["rejected"]}
    assert list(errors) == [("content/a.md", 6), ("content/a.md", 7), ("content/b.md", 5)], errors
    assert "the address of the site's page" in errors["content/a.md", 6]
    assert "in the way of the site's files" in errors["content/a.md", 7]
    assert "also an old address that content/a.md gives" in errors["content/b.md", 5]  # (as case-blind disks see it)
    assert all("remove it from `aliases`" in error for error in errors.values())
    # (the stories are in the site: not said to be left out, as a file with an error is)
    assert [line for line in said.splitlines() if "aliases" in line and line.endswith("[left out]")] == []
    assert [r["from"] for r in report["redirects"]] == ["old-a/", "old-b/"]
    out = root / "output"
    assert "Latest" in (out / "latest/index.html").read_text(encoding="utf-8")  # (the page, not a redirect)
    assert (out / "news/2026/11/20/a/index.html").is_file() and (out / "news/2026/11/19/b/index.html").is_file()
    assert main(["check", "--strict", "--config", str(root / "config.yaml")]) != 0


@pytest.mark.slow
def test_old_addresses_are_the_same_bytes_build_after_build(tmp_path, capsys):
    root = make_site(tmp_path, {"content/a.md": item("A", aliases="[/old/, /x.html]")},
                     BASIC_CONFIG + "redirects:\n  /alt/: /latest/\n")
    _built(root, capsys)
    first = files_under(root / "output")
    _built(root, capsys, "--clean")
    assert files_under(root / "output") == first and "alt/index.html" in first


# --- serve ---------------------------------------------------------------------------------------------------

@pytest.mark.slow
def test_serve_writes_what_a_full_build_does_when_aliases_are_edited(tmp_path):
    root = make_site(tmp_path / "site", {"content/a.md": item("A", aliases="[/old-a/]"),
                                         "content/b.md": item("B", date="2026-11-19T10:00:00Z")})
    config = load_config(root / "config.yaml")
    save = serving(root, config, tmp_path)
    path = root / "content/b.md"
    path.write_text(item("B", date="2026-11-19T10:00:00Z", aliases="[/old-b/, /old-a/]"), encoding="utf-8")
    served = save(path, "added")
    assert "old-b/index.html" in served and b"/news/2026/11/20/a/" in served["old-a/index.html"]
    path.write_text(item("B", date="2026-11-19T10:00:00Z", aliases="[/older-b/]"), encoding="utf-8")
    served = save(path, "moved")
    assert "older-b/index.html" in served and "old-b/index.html" not in served
    path.write_text(item("B renamed", date="2026-11-19T10:00:00Z", aliases="[/older-b/]", slug="b-new"),
                    encoding="utf-8")
    served = save(path, "renamed")
    assert b"/news/2026/11/19/b-new/" in served["older-b/index.html"]
    path.unlink()
    served = save(path, "deleted")
    assert "older-b/index.html" not in served


# --- a reader's browser --------------------------------------------------------------------------------------

@pytest.mark.slow
def test_a_browser_at_an_old_address_lands_on_the_new_page(tmp_path, capsys, page):
    root = make_site(tmp_path, {"content/a.md": item("Harbour cranes", aliases="[/2019/cranes/]")})
    with static_server(root / "output", "/news-site/") as url:  # (as GitHub Pages serves a project's site)
        (root / "config.yaml").write_text(SUB_CONFIG.replace("https://example.org/news-site/", url)
                                          + "redirects:\n  /neueste/: /latest/\n", encoding="utf-8")
        _built(root, capsys)
        page.goto(url + "2019/cranes/")
        page.wait_for_url(url + "news/2026/11/20/a/", timeout=10_000)
        assert page.locator("h1").first.inner_text() == "Harbour cranes"
        page.goto(url + "neueste/")
        page.wait_for_url(url + "latest/", timeout=10_000)
