"""Stage 2 (read) and the item rules of the model: what a content file may contain and how it is reported."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import html5lib
import pytest

from conftest import ROOT, item, make_site
from generator.build import BuildOptions, build
from generator.config import load_config
from generator.content import MAX_ALIASES, MAX_NESTING, parse_source, source_files

NOW = datetime(2026, 11, 22, 12, tzinfo=timezone.utc)
CONFIG = 'title: Test News\nbase_url: https://example.org/\nnow: "2026-11-22T12:00:00Z"\n'


def model(tmp_path, files: dict[str, str], config: str = CONFIG, **options):
    """Read and model a throwaway site without writing it; return (ModelResult, problems)."""
    root = make_site(tmp_path / "site", files, config)
    result = build(load_config(root / "config.yaml"), BuildOptions(write=False, **options), environ={})
    return result.site.model, result.site.problems


def problems_of(tmp_path, files, config=CONFIG) -> list[str]:
    return sorted(str(p) for p in model(tmp_path, files, config)[1])


def build_dir(tmp_path, files, config=CONFIG, **options):
    root = make_site(tmp_path / "site", files, config)
    return build(load_config(root / "config.yaml"), BuildOptions(**options), environ={}), root / "output"


def parse(path: Path):
    return html5lib.parse(path.read_bytes(), namespaceHTMLElements=False)


# --- reading: line endings, encodings, bodies ---------------------------------------------------------

def test_crlf_line_endings():
    raw = b"---\r\ntitle: Windows story\r\npublishedDateTime: 2026-11-20T10:00:00Z\r\n---\r\nFirst line\r\nSecond\r\n"
    source = parse_source("content/a.md", raw)
    assert source.meta["title"] == "Windows story"
    assert source.body == "First line\nSecond\n"
    assert source.body_line == 5


def test_old_mac_line_endings():
    source = parse_source("content/a.md", b"---\rtitle: Mac\rpublishedDateTime: 2026-11-20\r---\rBody\r")
    assert source.meta["title"] == "Mac" and source.body == "Body\n"


def test_utf8_byte_order_mark():
    raw = "\ufeff---\ntitle: Bom story\npublishedDateTime: 2026-11-20T10:00:00Z\n---\nBody\n".encode("utf-8")
    source = parse_source("content/a.md", raw)
    assert source.meta["title"] == "Bom story" and source.body == "Body\n"


def test_bom_and_crlf_together_build_a_page(tmp_path):
    root = make_site(tmp_path / "site", {})
    (root / "content" / "win.md").write_bytes(
        "\ufeff---\r\ntitle: \"Both at once\"\r\npublishedDateTime: 2026-11-20T10:00:00Z\r\n---\r\nHello **there**\r\n"
        .encode("utf-8"))
    result = build(load_config(root / "config.yaml"), environ={})
    assert result.site.problems == ()
    page = parse(root / "output" / "news/2026/11/20/win/index.html")
    assert page.find(".//h1").text == "Both at once"
    assert "there" in "".join(page.find(".//strong").itertext())


def test_an_empty_body_is_fine(tmp_path):
    result, _ = model(tmp_path, {"content/a.md": "---\ntitle: Only a title\npublishedDateTime: 2026-11-20\n---\n"})
    [built] = result.site.items
    assert built.body_html == "" and result.problems == ()


def test_front_matter_without_a_body_line_at_all():
    source = parse_source("content/a.md", b"---\ntitle: x\npublishedDateTime: 2026-11-20\n---")
    assert source.meta["title"] == "x" and source.body == ""


TITLES = {
    "content/news/ünïcödé.md": "Ünïcödé — naïve café déjà vu",
    "content/news/emoji.md": "🚀 Launch day 🎉",
    "content/news/rtl.md": "خبر عاجل: الذكاء الاصطناعي في المدارس",
    "content/news/🚀.md": "中文新闻标题",
    "content/news/mixed.md": "שלום world ‏RTL mark",
}


def test_unicode_emoji_and_rtl_titles_show_as_written(tmp_path):
    files = {name: f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\npublishedDateTime: 2026-11-20T10:00:00Z\n---\n"
             for name, title in TITLES.items()}
    result, out = build_dir(tmp_path, files)
    assert result.site.problems == ()
    by_source = {i.source: i for i in result.site.model.site.items}
    assert set(by_source) == set(TITLES)
    for name, title in TITLES.items():
        built = by_source[name]
        assert built.path.isascii() and all(c.isalnum() or c in "/-" for c in built.path), built.path
        page = parse(out / built.path / "index.html")
        assert page.find(".//h1").text == title
        assert page.find(".//title").text.startswith(title)


def test_every_md_file_at_any_depth_is_an_item_and_hidden_files_are_not(tmp_path):
    root = make_site(tmp_path / "site", {
        "content/a.md": "", "content/x/y/z/deep.md": "", "content/notes.txt": "",
        "content/.hidden.md": "", "content/.git/b.md": "", "content/x/.drafts/c.md": "",
    })
    found = [name for name, _ in source_files(root / "content", root / "content")]
    assert found == ["a.md", "x/y/z/deep.md"]


# --- broken files are reported as path:line and left out -------------------------------------------------

def test_broken_yaml_is_reported_with_its_line_and_the_rest_builds(tmp_path):
    broken = "---\ntitle: Fine\npublishedDateTime: 2026-11-20T10:00:00Z\nexcerpt: Breaking: news\nheat: 3\n---\nBody\n"
    result, out = build_dir(tmp_path, {"content/news/broken.md": broken, "content/news/good.md": item("Good one")})
    [problem] = result.site.problems
    assert str(problem).startswith("content/news/broken.md:4: invalid YAML in front matter: mapping values are not allowed")
    assert [i.source for i in result.site.model.site.items] == ["content/news/good.md"]
    assert (out / "news/2026/11/20/good/index.html").is_file()


@pytest.mark.parametrize("front, line, text", [
    ('title: "An unclosed quote\nexcerpt: x\nheat: 1', 2, "while scanning a quoted scalar on line 2"),
    ("title: x\ntopics: [AI, Robots\nheat: 1\nquality: 2", 3, "while parsing a flow sequence on line 3"),
    ("title: x\n\tbad: tab", 3, "found a tab character"),
    ('title: "Quoted" and more\nheat: 1', 2, "invalid YAML in front matter"),
])
def test_yaml_errors_point_at_the_line_to_fix(front, line, text):
    problem = parse_source("content/a.md", f"---\n{front}\n---\nBody\n".encode())
    assert str(problem).startswith(f"content/a.md:{line}: invalid YAML in front matter")
    assert text in str(problem)


@pytest.mark.parametrize("raw, message", [
    (b"title: x\n", "content/a.md:1: no front matter found (the file must start with a line '---', then YAML, then '---')"),
    (b"---\ntitle: x\n", "content/a.md:1: front matter is not closed (add a line '---' after the YAML)"),
    (b"---\n- a\n- b\n---\n", "content/a.md:2: front matter must be a mapping of `key: value` lines"),
    (b"---\ntitle: x\nexcerpt: caf\xe9\n---\n", "content/a.md:3: not UTF-8 text (save the file as UTF-8)"),
])
def test_unusable_files(raw, message):
    assert str(parse_source("content/a.md", raw)) == message


FIELD_CASES = [
    ("publishedDateTime: 2026-11-20", "content/x.md:1: missing `title` (add a line `title: ...` to the front matter)"),
    ('title: "   "\npublishedDateTime: 2026-11-20',
     "content/x.md:1: missing `title` (add a line `title: ...` to the front matter)"),
    ('title: ""\npublishedDateTime: 2026-11-20', "content/x.md:1: missing `title` (add a line `title: ...` to the front matter)"),
    ("title: No date", "content/x.md:1: missing `publishedDateTime` (add `publishedDateTime: 2026-11-22T08:00:00Z`)"),
    ("title: x\npublishedDateTime: next tuesday",
     "content/x.md:3: `publishedDateTime` is not a date: 'next tuesday' (write it as 2026-11-22T08:00:00Z)"),
    ("title: x\npublishedDateTime: 2026-11-20\nheat: hot",
     "content/x.md:4: `heat` must be a number, got 'hot' (write it without quotes or units, e.g. 87)"),
    ("title: x\npublishedDateTime: 2026-11-20\nquality: -5", "content/x.md:4: `quality` must be a non-negative number, got -5"),
    ("title: x\npublishedDateTime: 2026-11-20\nheat: .nan", "content/x.md:4: `heat` must be a non-negative number, got nan"),
    ("title: x\npublishedDateTime: 2026-11-20\npublished: maybe", "content/x.md:4: `published` must be true or false, got 'maybe'"),
    ("title: x\npublishedDateTime: 2026-11-20\ntopics: {a: 1}",
     "content/x.md:4: `topics` must be a list of names (write one `- name` per line)"),
    ("title: x\npublishedDateTime: 2026-11-20\ntype: podcast", "content/x.md:4: `type` must be one of article, video, got 'podcast'"),
    ("title: [a, b]\npublishedDateTime: 2026-11-20", "content/x.md:2: `title` must be text, got list (put the value in quotes)"),
    ("title: x\npublishedDateTime: 2026-11-20\nprovider: 5", "content/x.md:4: `provider` must be a mapping with `name` and `domain`"),
    ("title: x\npublishedDateTime: 2026-11-20\nrelated: lots", "content/x.md:4: `related` must be a list of stories"),
]


def _meta(case) -> str:
    return case.values[0] if hasattr(case, "values") else case[0]


@pytest.fixture(scope="module")
def field_problems(tmp_path_factory) -> dict[str, list[str]]:
    """One build of a site with every case of FIELD_CASES as its own file, content/case-NN.md; meta -> problems."""
    names = {_meta(case): f"content/case-{n:02}.md" for n, case in enumerate(FIELD_CASES)}
    _, problems = model(tmp_path_factory.mktemp("fields"), {name: f"---\n{meta}\n---\nBody\n" for meta, name in names.items()})
    return {meta: [str(p).replace(name, "content/x.md") for p in problems if p.path == name] for meta, name in names.items()}


@pytest.mark.parametrize("meta, message", FIELD_CASES)
def test_missing_and_wrong_fields_name_the_key_and_line(field_problems, meta, message):
    assert field_problems[meta] == [message]


IMPOSSIBLE = [
    ("title: x\npublishedDateTime: 2026-13-45",
     "content/x.md:3: invalid value in front matter: '2026-13-45' is not a valid date (month must be in 1..12)"),
    ("title: x\nheat: 3\npublishedDateTime: 2026-02-30T10:00:00Z",
     "content/x.md:4: invalid value in front matter: '2026-02-30T10:00:00Z' is not a valid date (day is out of range"),
    ("title: x\nwords: !!int many", "content/x.md:3: invalid value in front matter: 'many' is not a valid integer"),
    ("title: x\nwhen: !!timestamp soon", "content/x.md:3: invalid value in front matter: 'soon' is not a valid date"),
]


def test_impossible_values_are_reported_with_their_line_not_a_crash(tmp_path):
    files = {f"content/x{n}.md": f"---\n{front}\n---\n" for n, (front, _) in enumerate(IMPOSSIBLE)}
    result, problems = model(tmp_path, dict(files, **{"content/good.md": item("Good")}))
    found = {p.path: str(p) for p in problems}
    assert sorted(found) == sorted(files)
    for n, (_, message) in enumerate(IMPOSSIBLE):
        assert found[f"content/x{n}.md"].startswith(message.replace("content/x.md", f"content/x{n}.md"))
    assert [i.title for i in result.site.items] == ["Good"]


def test_values_that_can_be_coerced_are(tmp_path):
    result, _ = model(tmp_path, {"content/x.md": (
        '---\ntitle: 2026\npublishedDateTime: "2026-11-20T10:00:00+02:00"\nheat: "97"\nquality: 87.5\n'
        'published: "yes"\ntopics: AI\nprovider: Solo Reporter\n---\n')})
    [built] = result.site.items
    assert built.title == "2026"
    assert built.published == datetime(2026, 11, 20, 8, tzinfo=timezone.utc)
    assert (built.heat, built.quality, built.is_published) == (97.0, 87.5, True)
    assert built.topics == ("ai",)
    assert built.provider.name == "Solo Reporter"


def test_control_characters_are_dropped_from_titles(tmp_path):
    result, _ = model(tmp_path, {"content/x.md": '---\ntitle: "Bell\\a and\\ttab\\x7f"\npublishedDateTime: 2026-11-20\n---\n'})
    assert result.site.items[0].title == "Bell and tab"


# --- untrusted front matter: limits before parsing, safe loading only -----------------------------------

def _billion_laughs() -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 10):
        lines.append(f"a{level}: &a{level} [" + ",".join([f"*a{level - 1}"] * 9) + "]")
    return "\n".join(lines)


BOMBS = {
    "billion-laughs": (_billion_laughs(), f"front matter uses more than {MAX_ALIASES} YAML aliases"),
    "deep-flow": ("deep: " + "[" * 100_000 + "]" * 100_000, f"front matter is nested more than {MAX_NESTING} levels deep"),
    "deep-flow-map": ("deep: " + "{a: " * 5000 + "1" + "}" * 5000, f"front matter is nested more than {MAX_NESTING} levels deep"),
    "deep-block-one-line": ("deep:\n  " + "- " * 60_000 + "x", f"front matter is nested more than {MAX_NESTING} levels deep"),
    "deep-block-keys": ("deep:\n  " + "? " * 60_000 + "x", f"front matter is nested more than {MAX_NESTING} levels deep"),
    "deep-indent": ("".join(" " * i + f"k{i}:\n" for i in range(300)) + " " * 300 + "v",
                    f"front matter is nested more than {MAX_NESTING} levels deep"),
    "huge": ("excerpt: '" + "a" * 300_000 + "'", "front matter is larger than 256 KiB (move long text into the body)"),
}


@pytest.mark.parametrize("name", sorted(BOMBS))
def test_yaml_bombs_are_refused_with_a_clear_error(name):
    front, message = BOMBS[name]
    problem = parse_source(f"content/{name}.md", f"---\ntitle: x\n{front}\n---\nBody\n".encode())
    assert not hasattr(problem, "meta"), f"{name} was loaded"
    assert str(problem).startswith(f"content/{name}.md:") and message in str(problem)


def test_a_file_over_the_size_limit_is_refused_without_parsing():
    problem = parse_source("content/big.md", b"---\ntitle: x\n---\n" + b"a" * (5 * 1024 * 1024))
    assert "more than the 4096 KiB allowed" in str(problem)


def test_a_few_anchors_and_aliases_are_fine():
    source = parse_source("content/a.md", b"---\ntitle: &t Same\nexcerpt: *t\nlist: &l [1, 2]\nagain: *l\n---\n")
    assert source.meta["excerpt"] == "Same" and source.meta["again"] == [1, 2]


def test_moderate_nesting_is_fine():
    source = parse_source("content/a.md", b"---\ntitle: x\nk:\n  - - - - [[1]]\n---\n")
    assert source.meta["k"] == [[[[[[1]]]]]]


def test_every_bomb_in_a_real_build_neither_hangs_nor_crashes(tmp_path):
    """The whole CLI in a fresh process: a crash in libyaml would kill it, a hang would hit the timeout."""
    files = {f"content/{name}.md": f"---\ntitle: x\n{front}\n---\n" for name, (front, _) in BOMBS.items()}
    files["content/good.md"] = item("Still here")
    root = make_site(tmp_path / "site", files)
    done = subprocess.run([sys.executable, "-m", "generator", "build"], cwd=root, capture_output=True, text=True,
                          timeout=120, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert done.returncode == 0, done.stderr
    for name in BOMBS:
        assert f"error: content/{name}.md:" in done.stderr
    assert (root / "output/news/2026/11/20/good/index.html").is_file()


def test_python_tags_are_refused_and_never_run(tmp_path):
    marker = tmp_path / "pwned"
    raw = (f"---\ntitle: !!python/object/apply:os.system ['touch {marker}']\n"
           f"publishedDateTime: 2026-11-20\n---\n").encode()
    problem = parse_source("content/evil.md", raw)
    assert str(problem).startswith("content/evil.md:2: invalid YAML in front matter: could not determine a constructor "
                                   "for the tag 'tag:yaml.org,2002:python/object/apply:os.system'")
    assert not marker.exists()
    problem = parse_source("content/evil.md", b"---\ntitle: x\nobj: !!python/name:os.system\n---\n")
    assert str(problem).startswith("content/evil.md:3: invalid YAML") and "python/name:os.system" in str(problem)


# --- drafts, future items, dates ------------------------------------------------------------------------

def test_drafts_are_withheld_unless_asked_for(tmp_path):
    files = {"content/draft.md": item("Draft", published="false"), "content/live.md": item("Live")}
    result, _ = model(tmp_path, files)
    assert [i.title for i in result.site.items] == ["Live"]
    assert result.withheld == (("content/draft.md", "published: false"),)
    result, _ = model(tmp_path, files, drafts=True)
    assert sorted(i.title for i in result.site.items) == ["Draft", "Live"] and result.withheld == ()


def test_future_items_are_held_back_unless_asked_for(tmp_path):
    files = {"content/soon.md": item("Soon", date="2026-11-22T12:00:01Z"),
             "content/now.md": item("Exactly now", date="2026-11-22T12:00:00Z")}
    result, _ = model(tmp_path, files)
    assert [i.title for i in result.site.items] == ["Exactly now"]
    assert result.withheld == (("content/soon.md", "dated in the future (2026-11-22T12:00:01+00:00)"),)
    result, _ = model(tmp_path, files, future=True)
    assert [i.title for i in result.site.items] == ["Soon", "Exactly now"]


def test_cli_drafts_and_future_flags(tmp_path, monkeypatch, capsys):
    from generator import cli

    root = make_site(tmp_path / "site", {"content/draft.md": item("Draft", published="false"),
                                         "content/soon.md": item("Soon", date="2030-01-01T00:00:00Z"),
                                         "content/live.md": item("Live")})
    monkeypatch.chdir(root)
    assert cli.main(["build", "--report", "../r.json"]) == 0
    assert sorted(w["reason"].split(" (")[0] for w in json.loads((tmp_path / "r.json").read_text())["withheld"]) == [
        "dated in the future", "published: false"]
    assert not (root / "output/news/2026/11/20/draft").exists()
    assert cli.main(["build", "--drafts", "--future", "--report", "../r.json"]) == 0
    assert json.loads((tmp_path / "r.json").read_text())["withheld"] == []
    assert (root / "output/news/2026/11/20/draft/index.html").is_file()
    assert (root / "output/news/2030/01/01/soon/index.html").is_file()


def test_the_build_clock_is_utc_whatever_the_machine_zone(tmp_path):
    """Same SOURCE_DATE_EPOCH, different TZ and hash seeds: the same withheld items and byte-identical output."""
    config = "title: Zones\nbase_url: https://example.org/\ntimezone: Europe/Stockholm\n"
    files = {"content/before.md": item("An hour before", date="2026-11-22T07:00:00Z"),
             "content/after.md": item("An hour after", date="2026-11-22T09:00:00Z"),
             "content/naive.md": item("Naive, site zone", date="2026-11-22T08:30:00")}  # 07:30Z in Stockholm
    root = make_site(tmp_path / "site", files, config)
    trees = []
    for zone, seed in (("America/New_York", "1"), ("Asia/Kolkata", "2")):
        out = tmp_path / f"out-{seed}"
        env = dict(os.environ, PYTHONPATH=str(ROOT), TZ=zone, PYTHONHASHSEED=seed, SOURCE_DATE_EPOCH="1795334400")
        subprocess.run([sys.executable, "-m", "generator", "build", "--output", str(out),
                        "--report", str(tmp_path / f"r-{seed}.json")], cwd=root, env=env, check=True,
                       capture_output=True, timeout=120)
        report = json.loads((tmp_path / f"r-{seed}.json").read_text())
        assert [w["source"] for w in report["withheld"]] == ["content/after.md"]  # 1795334400 is 08:00Z
        trees.append({p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()})
    assert trees[0] == trees[1]


NAIVE = [  # written in a site whose zone is Asia/Tokyo (UTC+9)
    ("2026-11-20 08:00:00", datetime(2026, 11, 19, 23, tzinfo=timezone.utc), "news/2026/11/20/"),
    ('"2026-11-20T08:00:00"', datetime(2026, 11, 19, 23, tzinfo=timezone.utc), "news/2026/11/20/"),
    ("2026-11-20", datetime(2026, 11, 19, 15, tzinfo=timezone.utc), "news/2026/11/20/"),
    ("2026-11-20T08:00:00Z", datetime(2026, 11, 20, 8, tzinfo=timezone.utc), "news/2026/11/20/"),
    ("2026-11-20T20:00:00-05:00", datetime(2026, 11, 21, 1, tzinfo=timezone.utc), "news/2026/11/21/"),
]


def test_naive_dates_take_the_site_zone(tmp_path):
    config = CONFIG + "timezone: Asia/Tokyo\n"
    files = {f"content/d{n}.md": f"---\ntitle: x\npublishedDateTime: {written}\n---\n" for n, (written, _, _) in enumerate(NAIVE)}
    result, _ = model(tmp_path, files, config)
    built = {i.source: i for i in result.site.items}
    for n, (written, utc, path) in enumerate(NAIVE):
        item_ = built[f"content/d{n}.md"]
        assert item_.published == utc and item_.published.tzinfo == timezone.utc, written
        assert item_.path == f"{path}d{n}/", written  # the page's date is the site's local date


def test_displayed_dates_are_in_the_site_zone(tmp_path):
    config = CONFIG + "timezone: Asia/Tokyo\n"
    result, out = build_dir(tmp_path, {"content/x.md": item("Tokyo", date="2026-11-20 08:00:00")}, config)
    page = parse(out / "news/2026/11/20/x/index.html")
    stamps = {t.get("datetime") for t in page.iter("time")}
    assert "2026-11-20T08:00:00+09:00" in stamps


# --- fields kept: unknown ones for templates, `secured` never shown --------------------------------------

def test_unknown_fields_are_kept_for_templates(tmp_path):
    result, _ = model(tmp_path, {"content/x.md": item("x", customField="hello", wordCount=1200,
                                                      nested="{a: [1, 2]}", category="news")})
    [built] = result.site.items
    assert dict(built.extra) == {"customField": "hello", "wordCount": 1200, "nested": {"a": [1, 2]}}
    assert built.category == "news"


SECRET = "54UQ3J3rbkxzIcL8MKLNH82Bkp6Ew0j4HeSTzpieenQN3H5kpqnYRoob6gmpqDW0eRrqi1ZMlXLJk92tCRKc/VYdzEL3sZju4CHVKGEH=="


def test_secured_is_kept_but_never_written_anywhere(tmp_path):
    files = {"content/x.md": item("Secret holder", secured=f'"{SECRET}"', topics="[AI]",
                                  provider="{name: Example, domain: example.com}"),
             "content/y.md": item("Neighbour", date="2026-11-21T10:00:00Z", secured=f'"{SECRET[::-1]}"')}
    root = make_site(tmp_path / "site", files)
    result, _ = model(tmp_path, files)
    assert {i.secured for i in result.site.items} == {SECRET, SECRET[::-1]}
    report = tmp_path / "report.json"
    from generator import cli
    cwd = os.getcwd()
    os.chdir(root)
    try:
        assert cli.main(["build", "--report", str(report)]) == 0
    finally:
        os.chdir(cwd)
    written = [p for p in (root / "output").rglob("*") if p.is_file()] + [report]
    assert len(written) > 10
    for path in written:
        data = path.read_bytes()
        for needle in (SECRET, SECRET[::-1], SECRET[:24], SECRET[::-1][:24]):
            assert needle.encode() not in data, f"secured text found in {path}"
