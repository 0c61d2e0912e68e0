"""Reading items and the item rules of the model: what a content file may contain and how it is reported."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import html5lib
import pytest

from conftest import ROOT, item, make_site
from generator.build.cache import BuildCache
from generator.build.pipeline import BuildOptions, build
from generator.config.load import load_config
from generator.site.content import MAX_ALIASES, MAX_NESTING, parse_source, source_files

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


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_a_field_in_a_file_of_windows_or_old_mac_lines_is_said_at_its_line(tmp_path, newline):
    text = "---\ntitle: Dated badly\nprovider: {name: P}\npublishedDateTime: yesterday-ish\n---\nBody\n"
    root = make_site(tmp_path / "site", {})
    (root / "content" / "a.md").write_bytes(text.replace("\n", newline).encode())
    result = build(load_config(root / "config.yaml"), environ={})
    [problem] = result.site.problems
    assert (problem.path, problem.line) == ("content/a.md", 4)
    assert "`publishedDateTime` is not a date" in problem.message


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


def test_one_file_is_looked_up_as_the_whole_listing_has_it(tmp_path):
    # (serve asking whether a new file is an item: only the folders on its way are listed)
    root = make_site(tmp_path / "site", {
        "content/a.md": "", "content/x/y/z/deep.md": "", "content/x/y/other.md": "", "content/x/notes.txt": "",
        "content/.git/b.md": "", "content/x/.drafts/c.md": "", "content/x/.d.md": "",
    })
    listed = [name for name, _ in source_files(root, root / "content")]
    assert listed == ["content/a.md", "content/x/y/other.md", "content/x/y/z/deep.md"]
    for name in ["content/a.md", "content/x/y/z/deep.md", "content/.git/b.md", "content/x/.drafts/c.md",
                 "content/x/.d.md", "content/x/notes.txt", "content/x/y/z/none.md"]:
        found = [found for found, _ in source_files(root, root / "content", within=name)]
        assert found == ([name] if name in listed else []), name


def test_a_markdown_file_by_another_name_is_said_to_be_unread(tmp_path):
    # `x.markdown` (as Jekyll takes it), `x.MD`, Notepad's `x.md.txt`: left out without a word before.
    files = {"content/a.markdown": item("A"), "content/news/b.MD": item("B"), "content/c.md.txt": item("C"),
             "content/d.md": item("D"), "content/notes.txt": "not an item", "content/.e.markdown": item("E")}
    result, _ = build_dir(tmp_path, files)
    assert [str(p) for p in result.site.warnings] == [
        "content/a.markdown: not read: only files ending in .md are items (rename it to a.md)",
        "content/c.md.txt: not read: only files ending in .md are items (rename it to c.md)",
        "content/news/b.MD: not read: only files ending in .md are items (rename it to b.md)"]
    assert [i.source for i in result.site.model.site.items] == ["content/d.md"]


# --- broken files are reported as path:line and left out -------------------------------------------------

def test_broken_yaml_is_reported_with_its_line_and_the_rest_builds(tmp_path):
    # (`excerpt: Breaking: news` is read as the text it is: tests/test_items_front_matter.py)
    broken = "---\ntitle: Fine\npublishedDateTime: 2026-11-20T10:00:00Z\ntopics: [AI, Robots\nheat: 3\n---\nBody\n"
    result, out = build_dir(tmp_path, {"content/news/broken.md": broken, "content/news/good.md": item("Good one")})
    [problem] = result.site.problems
    assert str(problem).startswith("content/news/broken.md:4: invalid YAML in front matter: ")
    assert [i.source for i in result.site.model.site.items] == ["content/news/good.md"]
    assert (out / "news/2026/11/20/good/index.html").is_file()


@pytest.mark.parametrize("front, line, text, hint", [
    # (a value on one line that is not YAML, `title: "An unclosed quote`, is read as the text written: test_items_front_matter)
    ('title: "An unclosed quote\n  and more\nheat: 1', 2, "while scanning a quoted scalar on line 2", "close the quote"),
    ("title: x\ntopics: [AI, Robots\nheat: 1\nquality: 2", 3, "while parsing a flow sequence on line 3",
     "close the bracket"),
    ("title: x\n\tbad: tab", 3, "found a tab character", "indent with spaces: YAML does not allow tabs"),
    # (a title with quotes inside its quotes, as crawlers and people write them; before: "expected <block end>,
    # but found '<scalar>'" and to check the indentation. One on one line is read as written: test_items_front_matter)
    ('title: "Quoted" and\n  more\nheat: 1', 2, "a quote inside a quoted value ends the value",
     'write each " inside it as \\", or put the value in single quotes'),
    ("title: 'It's\n  here'\nheat: 1", 2, "a quote inside a quoted value ends the value",
     "write each ' inside it as '' (It''s), or put the value in double quotes"),
    ("title: x\nprovider:\n  name P\n  domain: p.example", 4, "a line without `:` after its key",
     "write it as `key: value`"),
    ("title: x\nexcerpt: a long\n  summary\n  with: a colon", 5, "mapping values are not allowed",
     "check the indentation and quoting"),
    ("title: x\nhat\nheat: 1", 3, "a line without `:` after its key", "write it as `key: value`"),
    # (a list entry without its space, `-ML`, is read as a key: to write `key: value` there was no help)
    ("title: x\ntopics:\n- AI\n-ML\nheat: 1", 5, "a list entry without a space after its `-`",
     "write it as `- ML`"),
    # (PyYAML's own words were "second occurrence", with the advice about indentation and quoting)
    ("title: x\na: &id [1]\nb:\n  - &id 2", 5, "the anchor &id is given twice, first on line 3",
     "give each anchor (&name) a name of its own"),
])
def test_yaml_errors_point_at_the_line_to_fix_and_say_how(front, line, text, hint):
    # (the same words as config.yaml's errors: errors.yaml_problem)
    problem = parse_source("content/a.md", f"---\n{front}\n---\nBody\n".encode())
    assert str(problem).startswith(f"content/a.md:{line}: invalid YAML in front matter")
    assert text in str(problem) and problem.hint.startswith(hint)


@pytest.mark.parametrize("raw, message", [
    (b"title: x\n", "content/a.md:1: no front matter found (the file must start with a line '---', then YAML, then '---')"),
    # (TOML front matter is read: tests/test_items_front_matter.py)
    (b'+++\ntitle = "x"\n', "content/a.md:1: TOML front matter is not closed (add a line '+++' after the TOML)"),
    (b"---\ntitle: x\n", "content/a.md:1: front matter is not closed (add a line '---' after the YAML)"),
    (b"---\n- a\n- b\n---\n", "content/a.md:2: front matter must be a mapping of `key: value` lines (write each "
                              "field on a line of its own, not indented and without a `- ` before it)"),
    # (a file that is not UTF-8 is read as Windows-1252, with a warning: tests/test_items_front_matter.py; one that starts
    # with UTF-16's byte order mark is UTF-16 or nothing)
    ("\ufeff---\ntitle: x\n".encode("utf-16-le") + b"\x00\xd8x\x00",
     "content/a.md:3: not UTF-16 text, though it starts as UTF-16 does (save the file as UTF-8)"),
])
def test_unusable_files(raw, message):
    assert str(parse_source("content/a.md", raw)) == message


FIELD_CASES = [  # what one build says of a file: an error leaves it out, a warning keeps it
    ("publishedDateTime: 2026-11-20", "error: content/x.md:3: missing `title` (add a line above this closing `---` "
     "with the item's title, e.g. `title: Central bank holds rates`)"),
    ('title: "   "\npublishedDateTime: 2026-11-20', "error: content/x.md:2: `title` is empty (write the title as text)"),
    ('title: "<b></b>"\npublishedDateTime: 2026-11-20', "error: content/x.md:2: `title` is empty once read as plain text: "
     "'<b></b>' is only HTML tags, a script's or style's text, or characters that show nothing (write the title as text)"),
    # (only characters that show nothing: a zero-width space, as `&#8203;` too, a byte order mark, a word joiner)
    ('title: "\\u200b&#8203;\\ufeff\\u2060"\npublishedDateTime: 2026-11-20',
     "error: content/x.md:2: `title` is empty once read as plain text: '\\u200b&#8203;\\ufeff\\u2060' is only HTML tags, "
     "a script's or style's text, or characters that show nothing (write the title as text)"),
    ("title: No date", "error: content/x.md:3: missing `publishedDateTime` (add a line above this closing `---` with "
     "when the item was published, e.g. `publishedDateTime: 2026-11-22T08:00:00Z`)"),
    # (a key with no value is there: said at its line, not as missing)
    ("title:\npublishedDateTime: 2026-11-20", "error: content/x.md:2: `title` is empty (write the title as text)"),
    ("title: ~\npublishedDateTime: 2026-11-20", "error: content/x.md:2: `title` is empty (write the title as text)"),
    ("title: x\npublishedDateTime: ''",
     "error: content/x.md:3: `publishedDateTime` is empty (write the date, as 2026-11-22T08:00:00Z)"),
    ("title: x\npublishedDateTime: next tuesday",
     "error: content/x.md:3: `publishedDateTime` is not a date: 'next tuesday' (write it as 2026-11-22T08:00:00Z)"),
    ("title: [a, b]\npublishedDateTime: 2026-11-20",
     "error: content/x.md:2: `title` must be text, got a list (put the value in quotes, on one line)"),
    ("title: x\npublishedDateTime: 2026-11-20\nheat: hot",
     "warning: content/x.md:4: `heat` must be a number, got 'hot' (write it without quotes or units, e.g. 87)"),
    ("title: x\npublishedDateTime: 2026-11-20\nquality: -5",
     "warning: content/x.md:4: `quality` -5 is out of range (0 to 1,000,000); 0 is used (write a number from 0 to 1000000)"),
    ("title: x\npublishedDateTime: 2026-11-20\nheat: .nan",
     "warning: content/x.md:4: `heat` is not a number (nan); it is left out (write a number from 0 to 1000000, e.g. 87)"),
    ("title: x\npublishedDateTime: 2026-11-20\nheat: .inf", "warning: content/x.md:4: `heat` inf is out of range "
     "(0 to 1,000,000); 1,000,000 is used (write a number from 0 to 1000000)"),
    ("title: x\npublishedDateTime: 2026-11-20\nquality: 1" + "0" * 400, "warning: content/x.md:4: `quality` 1" + "0" * 56 + "... is out of range (0 to 1,000,000); 1,000,000 is used (write a number from 0 to 1000000)"),
    ("title: x\npublishedDateTime: 2026-11-20\nrelated:\n  - title: R\n    webUrl: https://r.example/\n    quality: 1" + "0" * 400,
     "warning: content/x.md:4: `related: quality` 1" + "0" * 56 + "... is out of range (0 to 1,000,000); 1,000,000 is used (write a number from 0 to 1000000)"),
    ("title: x\npublishedDateTime: 2026-11-20\npublished: maybe",
     "warning: content/x.md:4: `published` must be true or false, got 'maybe'; true is used (write `published: "
     "true`, or `published: false` for a draft)"),
    # (a crawler's database flags: 0 and 1, as numbers or text, are false and true; 2 is neither)
    ("title: x\npublishedDateTime: 2026-11-20\npublished: 1", None),
    ("title: x\npublishedDateTime: 2026-11-20\npublished: 2", "warning: content/x.md:4: `published` must be true or "
     "false, got 2; true is used (write `published: true`, or `published: false` for a draft)"),
    ("title: x\npublishedDateTime: 2026-11-20\ntopics: {a: [1]}",
     "warning: content/x.md:4: `topics` must be a list of names; 1 entry is left out (write one `- name` per line)"),
    ("title: x\npublishedDateTime: 2026-11-20\ntype: [1]", "warning: content/x.md:4: `type` must be a word such as "
     "article or video, got a list (write it as `type: article`; the item is shown as an article)"),
    ("title: x\npublishedDateTime: 2026-11-20\nprovider: 5",
     "warning: content/x.md:4: `provider` must be a mapping with `name` and `domain`, got int; it is left out (write "
     "it as `provider: {name: Example News, domain: example.com}`)"),
    ("title: x\npublishedDateTime: 2026-11-20\nrelated: lots", "warning: content/x.md:4: `related`: 1 entry has no http "
     "or https `webUrl`; it is left out (give each story its full address)"),
    ("title: x\npublishedDateTime: 2026-11-20\nrelated: https://other.example/story", None),
    ("title: x\npublishedDateTime: 2026-11-20\nrelated: 5", "warning: content/x.md:4: `related` must be a list of "
     "stories, got int; it is left out (write it as `related: [{title: Port reopens after storm, webUrl: "
     "https://example.com/port-reopens}]`)"),
    ("title: x\npublishedDateTime: 2026-11-20\nexerpt: typo", "warning: content/x.md:4: `exerpt` is not a known field; "
     "did you mean `excerpt`? (rename it to `excerpt`, or it is ignored)"),
    ("title: x\npublishedDateTime: 2026-11-20\nhat: 5", "warning: content/x.md:4: `hat` is not a known field; "
     "did you mean `heat`? (rename it to `heat`, or it is ignored)"),
    # (a field in another case is that field, as other crawlers' serialisers write it: tests/test_items_fields.py)
    ("title: x\npublishedDateTime: 2026-11-20\nPublished: true", None),
    # Typos inside a provider, a picture or a related story, on their own lines: the value was ignored unsaid.
    ("title: x\npublishedDateTime: 2026-11-20\nprovider:\n  name: P\n  domian: p.example",
     "warning: content/x.md:6: `domian` in `provider` is not a known field; did you mean `domain`? "
     "(rename it to `domain`, or it is ignored)"),
    ("title: x\npublishedDateTime: 2026-11-20\nimages:\n  - url: https://p.example/a.jpg\n    hieght: 30",
     "warning: content/x.md:6: `hieght` in `images` is not a known field; did you mean `height`? "
     "(rename it to `height`, or it is ignored)"),
    ("title: x\npublishedDateTime: 2026-11-20\nrelated:\n  - title: R\n    webUrl: https://r.example/\n"
     "    provider:\n      name: R\n      domian: r.example",
     "warning: content/x.md:9: `domian` in `related.provider` is not a known field; did you mean `domain`? "
     "(rename it to `domain`, or it is ignored)"),
    # A provider's keys that lost their indent: the item had no provider, and nothing said so.
    ("title: x\npublishedDateTime: 2026-11-20\nprovider:\nname: P",
     "warning: content/x.md:5: `name` is not a field of an item but of its `provider`, which is empty "
     "(indent it under `provider:`)"),
    ("title: x\npublishedDateTime: 2026-11-20\ntype: download\nsource_id: 12", None),  # no problem at all
    # (a crawler's own keys inside a picture or provider, and a top-level `name` with no empty provider)
    ("title: x\npublishedDateTime: 2026-11-20\nname: n\nimages:\n  - url: https://p.example/a.jpg\n    isCached: true",
     None),
    # an empty value is a value not given, for `published` as for every other field
    ("title: x\npublishedDateTime: 2026-11-20\npublished:\nexcerpt:\nwebUrl: ''\nimages: []\nprovider: {}", None),
]


def _meta(case) -> str:
    return case.values[0] if hasattr(case, "values") else case[0]


@pytest.fixture(scope="module")
def field_problems(tmp_path_factory) -> dict[str, list[str]]:
    """One build of a site with every case of FIELD_CASES as its own file, content/case-NN.md; meta -> what the
    build says of it."""
    names = {_meta(case): f"content/case-{n:02}.md" for n, case in enumerate(FIELD_CASES)}
    root = make_site(tmp_path_factory.mktemp("fields") / "site",
                     {name: f"---\n{meta}\n---\nBody\n" for meta, name in names.items()}, CONFIG)
    site = build(load_config(root / "config.yaml"), BuildOptions(write=False), environ={}).site
    said = [*(f"error: {p}" for p in site.problems), *(f"warning: {p}" for p in site.warnings)]
    kept = {item.source for item in site.model.site.items}
    assert kept == {name for meta, name in names.items() if not field_problems_error(meta)}
    return {meta: [text.replace(name, "content/x.md") for text in said if f" {name}:" in text] for meta, name in names.items()}


def field_problems_error(meta: str) -> bool:
    return any(m == meta and (message or "").startswith("error:") for m, message in FIELD_CASES)


@pytest.mark.parametrize("meta, message", FIELD_CASES)
def test_missing_and_wrong_fields_name_the_key_and_line(field_problems, meta, message):
    assert field_problems[meta] == ([message] if message else [])


def test_every_problem_of_a_file_is_reported_at_once(tmp_path):
    files = {"content/kept.md": "---\ntitle: x\npublishedDateTime: 2026-11-20\nheat: -5\nexerpt: a\nquality: many\n---\n",
             "content/out.md": "---\ntitle: [a, b]\npublishedDateTime: someday\nhat: 3\n---\n"}
    root = make_site(tmp_path / "site", files, CONFIG)
    site = build(load_config(root / "config.yaml"), BuildOptions(write=False), environ={}).site
    assert [(p.path, p.line) for p in site.problems] == [("content/out.md", 2), ("content/out.md", 3)]
    assert [(p.path, p.line) for p in site.warnings] == [("content/kept.md", 4), ("content/kept.md", 5),
                                                         ("content/kept.md", 6), ("content/out.md", 4)]
    assert [i.source for i in site.model.site.items] == ["content/kept.md"]



def test_a_key_given_twice_is_said_with_both_lines_and_the_last_value_kept(tmp_path):
    # YAML keeps the last of two equal keys without a word: a crawler that writes `title:` twice (or a user
    # who adds a second `heat:` below the first) learns which one shows.
    files = {"content/twice.md": ("---\ntitle: First title\npublishedDateTime: 2026-11-20\nprovider:\n  name: A\n"
                                  "  name: B\ntitle: Second title\nheat: 3\nheat: 4\n---\nBody.\n")}
    root = make_site(tmp_path / "site", files, CONFIG)
    site = build(load_config(root / "config.yaml"), BuildOptions(write=False), environ={}).site
    assert [(p.line, p.message) for p in site.warnings] == [
        (6, "`name` in `provider` is given twice, also on line 5: the last one is used"),
        (7, "`title` is given twice, also on line 2: the last one is used"),
        (9, "`heat` is given twice, also on line 8: the last one is used")]
    [kept] = site.model.site.items
    assert (kept.title, kept.heat) == ("Second title", 4.0)

IMPOSSIBLE = [  # (an impossible date is text to YAML, so that it costs no other field: the date field says why)
    ("title: x\npublishedDateTime: 2026-13-45",
     "content/x.md:3: `publishedDateTime` '2026-13-45' is not a valid date (month must be in 1..12)"),
    ("title: x\nheat: 3\npublishedDateTime: 2026-02-30T10:00:00Z",
     "content/x.md:4: `publishedDateTime` '2026-02-30T10:00:00Z' is not a valid date (day is out of range"),
    # (a tagged one is read as written, with a warning: test_front_matter_tags; a date must be one all the same)
    ("title: x\ndate: !!timestamp soon", "content/x.md:3: `date` is not a date: 'soon'"),
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
    # (a complex key's value nests after ": " too; with a \u escape, scrubbing its strings ran out of stack)
    "deep-block-key-value": ('e: "\\u00e9"\ndeep:\n  ? k\n  : ' + "- " * 600 + "x",
                             f"front matter is nested more than {MAX_NESTING} levels deep"),
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


def test_a_file_over_the_size_limit_whose_front_matter_does_not_end_within_it_is_refused():
    problem = parse_source("content/big.md", b"---\ntitle: x\nexcerpt: " + b"a" * (5 * 1024 * 1024) + b"\n---\n")
    assert "more than the 4096 KiB allowed" in str(problem) and "front matter does not end" in str(problem)
    assert str(problem).endswith("end it with a line '---')")
    # (TOML's and JSON's front matter end otherwise, and the hint says how)
    toml = parse_source("content/big.md", b'+++\ntitle = "x"\nexcerpt = "' + b"a" * (5 * 1024 * 1024) + b'"\n+++\n')
    assert "front matter does not end" in str(toml) and str(toml).endswith("end it with a line '+++')")
    data = parse_source("content/big.md", b'{"title": "x", "excerpt": "' + b"a" * (5 * 1024 * 1024) + b'"}\n')
    assert "front matter does not end" in str(data) and str(data).endswith("end it with its closing `}`)")


def test_a_few_anchors_and_aliases_are_fine():
    source = parse_source("content/a.md", b"---\ntitle: &t Same\nexcerpt: *t\nlist: &l [1, 2]\nagain: *l\n---\n")
    assert source.meta["excerpt"] == "Same" and source.meta["again"] == [1, 2]


def test_moderate_nesting_is_fine():
    source = parse_source("content/a.md", b"---\ntitle: x\nk:\n  - - - - [[1]]\n---\n")
    assert source.meta["k"] == [[[[[[1]]]]]]


@pytest.mark.slow
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
    # what to do is to remove the tag (the hint was about indentation and quoting, which were fine)
    # (a local tag is its text's start, as in `title: !Kung elders meet`: test_items_front_matter)
    for raw in (b"---\ntitle: x\nobj: !!python/name:os.system\n---\n", b"---\ntitle: x\nobj: !!include other.yaml\n---\n"):
        assert parse_source("content/evil.md", raw).hint == "remove the tag (the word starting with !): " \
                                                            "newsdesk reads plain values only"


# --- drafts, future items, dates ------------------------------------------------------------------------

def test_drafts_are_withheld_unless_asked_for(tmp_path):
    files = {"content/draft.md": item("Draft", published="false"), "content/live.md": item("Live")}
    result, _ = model(tmp_path, files)
    assert [i.title for i in result.site.items] == ["Live"]
    assert result.withheld == (("content/draft.md", "published: false"),)
    result, _ = model(tmp_path, files, drafts=True)
    assert sorted(i.title for i in result.site.items) == ["Draft", "Live"] and result.withheld == ()



def test_a_draft_flag_written_as_0_is_a_draft(tmp_path):
    # A crawler that exports its database's flags writes 0 and 1: `published: 0` was published, with a warning.
    files = {"content/zero.md": item("Zero", published="0"), "content/text.md": item("Text", published="'0'"),
             "content/one.md": item("One", published="1")}
    result, _ = model(tmp_path, files)
    assert [i.title for i in result.site.items] == ["One"] and result.warnings == ()
    assert sorted(result.withheld) == [("content/text.md", "published: false"), ("content/zero.md", "published: false")]

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


@pytest.mark.slow
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


def test_a_date_as_rss_writes_it_is_read(tmp_path):
    # A crawler copies an RSS pubDate as it is: the item was left out as "not a date".
    files = {"content/a.md": item("RSS", date='"Fri, 20 Nov 2026 20:00:00 -0500"'),
             "content/b.md": item("Zone unknown", date='"20 Nov 2026 08:00:00 -0000"',
                                  related='[{title: R, webUrl: "https://r.example/", '
                                          'publishedDateTime: "Thu, 19 Nov 2026 10:00:00 GMT"}]'),
             "content/c.md": item("Not one", date='"11/12/2026"')}  # (`Nov 20, 2026` is one: test_items_dates)
    result, problems = model(tmp_path, files, CONFIG + "timezone: Asia/Tokyo\n")
    built = {i.source: i for i in result.site.items}
    assert built["content/a.md"].published == datetime(2026, 11, 21, 1, tzinfo=timezone.utc)
    assert built["content/b.md"].published == datetime(2026, 11, 20, 8, tzinfo=timezone.utc)  # (-0000: UTC)
    assert built["content/b.md"].related[0].published == datetime(2026, 11, 19, 10, tzinfo=timezone.utc)
    assert [str(p) for p in problems] == ["content/c.md:3: `publishedDateTime` is not a date: '11/12/2026' "
                                          "(the day and the month are both numbers, which writers put in either "
                                          "order: write it as 2026-12-11 for 11 December or 2026-11-12 for 12 "
                                          "November)"]


# Dates as crawlers write them besides ISO 8601: a Unix time from a JSON API (seconds or milliseconds, a number
# or a string of digits) and RSS's RFC 2822 pubDate; each is the same moment, and its page that day's.
CRAWLED_DATES = [
    "1795248000", "1795248000000", '"1795248000"', "1795248000.0",
    '"Sat, 21 Nov 2026 08:00:00 GMT"', '"21 Nov 2026 09:00:00 +0100"', '"Sat, 21 Nov 2026 03:00:00 EST"',
    '"Sat, 21 Nov 2026 08:00:00 -0000"',
]


# ISO 8601 as crawlers write it: Python 3.10's fromisoformat read only what isoformat() writes, so on 3.10
# each of these left its item out as "not a date" (3.11 read them); written -> the moment, in UTC.
ISO_DATES = {
    '"2026-11-21T08:00:00Z"': datetime(2026, 11, 21, 8, tzinfo=timezone.utc),
    '"2026-11-21t08:00:00z"': datetime(2026, 11, 21, 8, tzinfo=timezone.utc),
    '"2026-11-21T09:00:00+0100"': datetime(2026, 11, 21, 8, tzinfo=timezone.utc),  # strftime's %z
    '"2026-11-21T03:00:00-05"': datetime(2026, 11, 21, 8, tzinfo=timezone.utc),
    '"2026-11-21T08:00:00.1234567Z"': datetime(2026, 11, 21, 8, 0, 0, 123456, tzinfo=timezone.utc),  # .NET's "o"
    '"2026-11-21T09:00:00.5+01:00"': datetime(2026, 11, 21, 8, 0, 0, 500000, tzinfo=timezone.utc),
    '"2026-11-21T08:00:00.123456789Z"': datetime(2026, 11, 21, 8, 0, 0, 123456, tzinfo=timezone.utc),  # Go's RFC3339Nano
    '"2026-11-21T08:00:00,25Z"': datetime(2026, 11, 21, 8, 0, 0, 250000, tzinfo=timezone.utc),
    '"2026-11-21T08:00:00.Z"': datetime(2026, 11, 21, 8, tzinfo=timezone.utc),  # (a point, no digits: 3.11 reads it)
    '"2026-11-21T08:00Z"': datetime(2026, 11, 21, 8, tzinfo=timezone.utc),
    '"20261121T080000Z"': datetime(2026, 11, 21, 8, tzinfo=timezone.utc),
    '"2026-W47-6T08:00:00Z"': datetime(2026, 11, 21, 8, tzinfo=timezone.utc),
    '"2026-11-21 08:00:00"': datetime(2026, 11, 21, 8, tzinfo=timezone.utc),  # (the site's zone: UTC)
    '"2026-11-21"': datetime(2026, 11, 21, tzinfo=timezone.utc),
}


def _dated(tmp_path, dates: list[str]) -> list:
    """The item built of each date as written, a related story of it dated alike; no problem or warning."""
    files = {f"content/d{n}.md": item(f"Dated {n}", date=date, related=f"[{{title: R, webUrl: 'https://r.example/', "
                                      f"publishedDateTime: {date}}}]") for n, date in enumerate(dates)}
    result, problems = model(tmp_path, files)
    assert problems == () and result.warnings == ()
    built = {i.source: i for i in result.site.items}
    assert len(built) == len(dates)
    return [built[f"content/d{n}.md"] for n in range(len(dates))]


def test_iso_dates_in_every_form_crawlers_write_are_read_as_the_moment_they_are(tmp_path):
    for date, kept in zip(ISO_DATES, _dated(tmp_path, list(ISO_DATES))):
        assert kept.published == ISO_DATES[date] and kept.published.tzinfo == timezone.utc, date
        assert kept.related[0].published == kept.published, date


def test_unix_times_and_rss_dates_are_read_as_the_moment_they_are(tmp_path):
    for n, (written, kept) in enumerate(zip(CRAWLED_DATES, _dated(tmp_path, CRAWLED_DATES))):
        assert kept.published == datetime(2026, 11, 21, 8, tzinfo=timezone.utc), written
        assert kept.related[0].published == kept.published, written
        assert kept.path == f"news/2026/11/21/d{n}/"


@pytest.mark.parametrize("written", ["2026", '"Sat, 21 Nov 2026 08:00:00 XYZT"', "1" + "0" * 400, ".nan"])
def test_a_number_or_rss_date_that_is_no_moment_is_said_and_left_out(tmp_path, written):
    # A year alone is not taken for a time in 1970, nor a zone name no one knows for the site's zone (a name of
    # several zones, `IST`, is read as news most often means it: tests/test_items_dates.py)
    result, problems = model(tmp_path, {"content/x.md": item("x", date=written), "content/ok.md": item("Ok")})
    [problem] = problems
    assert (problem.path, problem.line) == ("content/x.md", 3)
    assert "`publishedDateTime`" in problem.message and "write it as 2026-11-22T08:00:00Z" in problem.hint
    assert [i.title for i in result.site.items] == ["Ok"]


def test_displayed_dates_are_in_the_site_zone(tmp_path):
    config = CONFIG + "timezone: Asia/Tokyo\n"
    result, out = build_dir(tmp_path, {"content/x.md": item("Tokyo", date="2026-11-20 08:00:00")}, config)
    page = parse(out / "news/2026/11/20/x/index.html")
    stamps = {t.get("datetime") for t in page.iter("time")}
    assert "2026-11-20T08:00:00+09:00" in stamps


# HTML's global date and time string: at most three digits of a second
HTML_DATETIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,3})?)?"
                           r"(Z|[+-][0-9]{2}:[0-9]{2})")


def test_a_date_with_fractions_of_a_second_is_a_valid_html_date_on_every_page(tmp_path):
    # .NET and JavaScript crawlers write 7 or 3 digits of a second: pages wrote Python's 6 into <time datetime>
    related = "[{title: R, webUrl: 'https://r.example/', publishedDateTime: '2026-11-19T08:00:00.5+01:00'}]"
    files = {"content/a.md": item("Fractions", date="2026-11-20T08:00:00.1234567Z", topics="[Sea]", related=related),
             "content/b.md": item("Other news", date="2026-11-19T08:00:00.250Z", topics="[Sea]")}
    result, out = build_dir(tmp_path, files)
    stamps = [(page, t.get("datetime")) for page in out.rglob("*.html") for t in parse(page).iter("time")]
    assert len({page for page, _ in stamps}) > 3
    assert {stamp for _, stamp in stamps} >= {"2026-11-20T08:00:00.123+00:00", "2026-11-19T08:00:00.250+00:00",
                                              "2026-11-19T07:00:00.500+00:00"}
    for page, stamp in stamps:
        assert HTML_DATETIME.fullmatch(stamp), (page, stamp)


# --- fields kept: unknown ones for templates; `secured` read, never kept ----------------------------------

def test_unknown_fields_are_kept_for_templates(tmp_path):
    result, _ = model(tmp_path, {"content/x.md": item("x", customField="hello", wordCount=1200,
                                                      nested="{a: [1, 2]}", category="news")})
    [built] = result.site.items
    assert dict(built.extra) == {"customField": "hello", "wordCount": 1200, "nested": {"a": [1, 2]}}
    assert built.category == "news"


SECRET = "54UQ3J3rbkxzIcL8MKLNH82Bkp6Ew0j4HeSTzpieenQN3H5kpqnYRoob6gmpqDW0eRrqi1ZMlXLJk92tCRKc/VYdzEL3sZju4CHVKGEH=="


def test_secured_is_read_but_never_written_anywhere(tmp_path, capsys):
    """`secured` (a crawler's token) is a field newsdesk knows and never shows. Every item held it, so the build
    cache wrote it to `.newsdesk-cache/` beside the site (and every process held it, for nothing: no page, feed
    or template reads it). It is read (no warning of an unknown field), then left in its file only."""
    files = {"content/x.md": item("Secret holder", secured=f'"{SECRET}"', topics="[AI]",
                                  provider="{name: Example, domain: example.com}"),
             "content/y.md": item("Neighbour", date="2026-11-21T10:00:00Z", secured=f'"{SECRET[::-1]}"')}
    root = make_site(tmp_path / "site", files)
    result, _ = model(tmp_path, files)
    assert len(result.site.items) == 2 and not result.warnings
    report = tmp_path / "report.json"
    from generator import cli
    cwd = os.getcwd()
    os.chdir(root)
    try:
        assert cli.main(["build", "--report", str(report)]) == 0
    finally:
        os.chdir(cwd)
    assert "warning" not in capsys.readouterr().err
    written = [p for p in root.rglob("*") if p.is_file() and "content" not in p.parts] + [report]
    assert len(written) > 10 and any(".newsdesk-cache" in path.parts for path in written)
    for path in written:
        data = path.read_bytes()
        for needle in (SECRET, SECRET[::-1], SECRET[:24], SECRET[::-1][:24]):
            assert needle.encode() not in data, f"secured text found in {path}"


# --- issue 17: nothing a crawler can produce is lost ----------------------------------------------------

def card_badges(page) -> dict[str, str]:
    """Card title -> the label of its badge ("" without one), on a list page."""
    badges = {}
    for title in page.iter("h2"):
        if "card-title" in (title.get("class") or ""):
            badge = title.find(".//span[@class='badge']")
            badges["".join(title.itertext()).strip().removeprefix(badge.text if badge is not None else "").strip()] = (
                badge.text if badge is not None else "")
    return badges


def test_any_type_keeps_the_item_and_cards_say_what_it_is(tmp_path):
    kinds = {"article": "", "video": "Video", "download": "Download", "Podcast": "Podcast", "white paper": "White paper",
             '"<b>e-book</b>"': "E-book", '"a very odd kind of thing indeed"': "Other", "42": "Other"}
    files = {f"content/t{n}.md": item(f"Kind {n}", date=f"2026-11-{10 + n}T10:00:00Z", type=kind)
             for n, kind in enumerate(kinds)}
    # (stories off: "Kind 0" ... "Kind 7" would be one story, one card)
    result, out = build_dir(tmp_path, files, CONFIG + "stories:\n  enabled: false\n")
    assert result.site.problems == () and result.site.warnings == ()
    assert card_badges(parse(out / "latest/index.html")) == {f"Kind {n}": label for n, label in enumerate(kinds.values())}
    assert {i.type for i in result.site.model.site.items} >= {"download", "podcast", "white paper", "e-book"}
    article = parse(out / "news/2026/11/12/t2/index.html")
    assert [b.text for b in article.iter("span") if b.get("class") == "badge"] == ["Download"]


def test_out_of_range_numbers_are_clamped_and_the_item_kept(tmp_path):
    files = {"content/low.md": item("Low", heat=-5, quality="-0.5"),
             "content/high.md": item("High", heat="1" + "0" * 400, quality=".inf"),
             "content/nan.md": item("Not a number", heat=".nan", quality="'about 12'"),
             "content/rel.md": item("Related", related="[{title: R, webUrl: 'https://r.example/', quality: -3}]")}
    result, problems = model(tmp_path, files)
    assert problems == ()
    items = {i.title: i for i in result.site.items}
    assert (items["Low"].heat, items["Low"].quality) == (0.0, 0.0)
    assert (items["High"].heat, items["High"].quality) == (1_000_000.0, 1_000_000.0)
    assert (items["Not a number"].heat, items["Not a number"].quality) == (0.0, None)
    assert items["Related"].related[0].quality == 0.0
    assert sorted((w.path, w.line) for w in result.warnings) == [
        ("content/high.md", 4), ("content/high.md", 5), ("content/low.md", 4), ("content/low.md", 5),
        ("content/nan.md", 4), ("content/nan.md", 5), ("content/rel.md", 4)]


ENTITIES = {  # as a crawler writes it -> as a reader sees it
    "we&#8217;re &amp;amp; more": "we’re & more",
    "&lt;b&gt;Bold&lt;/b&gt; claim": "Bold claim",
    "Line<br>break and <i>stray</i>  tags": "Line break and stray tags",
    "&amp;#8217;twice&amp;quot;": "’twice\"",
    "AT&T and 1 < 2": "AT&T and 1 < 2",
}


def test_plain_text_fields_are_decoded_once_and_escaped_once_everywhere(tmp_path):
    pairs = list(ENTITIES.items())
    (raw_title, title), (raw_excerpt, excerpt), (raw_provider, provider) = pairs[0], pairs[1], pairs[3]
    files = {"content/x.md": item("placeholder", excerpt=json.dumps(raw_excerpt), topics=json.dumps([raw_provider]),
                                  provider=json.dumps({"name": raw_provider, "domain": "p.example"}),
                                  related=json.dumps([{"title": pairs[2][0], "excerpt": pairs[4][0],
                                                       "webUrl": "https://r.example/"}])
                                  ).replace("title: 'placeholder'", f"title: {json.dumps(raw_title)}")}
    result, out = build_dir(tmp_path, files)
    [story] = result.site.model.site.items
    assert (story.title, story.excerpt, story.provider.name, story.topic_names) == (title, excerpt, provider, (provider,))
    assert (story.related[0].title, story.related[0].excerpt) == (pairs[2][1], pairs[4][1])
    page = parse(out / story.path / "index.html")
    text = " ".join(" ".join(page.itertext()).split())
    for shown in (title, excerpt, provider, pairs[2][1], pairs[4][1]):
        assert shown in text
    assert shown_entities(out) == []


def test_the_entity_check_reads_an_rss_description_as_html_as_its_readers_do(tmp_path):
    # An RSS <description> is HTML to its readers: "AT&T" in it is rightly `AT&amp;T` as HTML (`&amp;amp;` as XML).
    # The check read that HTML's source as text too, and would have failed any feed with a summary or a topic's
    # or provider's name holding "&"; a description escaped once more than that must still be caught.
    files = {"content/x.md": item("AT&T and 1 < 2", excerpt=json.dumps(ENTITIES["AT&T and 1 < 2"]),
                                  topics=json.dumps(["R&D"]))}
    _, out = build_dir(tmp_path, files)
    feed = out / "topics/r-and-d/feed.rss"
    assert "<description>News about R&amp;amp;D.</description>" in feed.read_text(encoding="utf-8")
    assert "<description>AT&amp;amp;T and 1 &amp;lt; 2</description>" in feed.read_text(encoding="utf-8")
    assert shown_entities(out) == []
    feed.write_text(feed.read_text(encoding="utf-8").replace("AT&amp;amp;T", "AT&amp;amp;amp;T"), encoding="utf-8")
    assert shown_entities(out) == ["topics/r-and-d/feed.rss: &amp;"]


def test_words_about_html_elements_are_kept_and_markup_is_not(tmp_path):
    # A headline about HTML names its elements, escaped by the crawler or not: "The <dialog> element" lost its
    # subject. The bare tags cut-off markup leaves (`<p>`, `<br>`) and tags something closes are still markup.
    title, excerpt = "The &lt;dialog&gt; element, <b>explained</b>", "<p>How <script> tags block rendering<br>"
    files = {"content/x.md": item("placeholder", excerpt=json.dumps(excerpt)).replace(
        "title: 'placeholder'", f"title: {json.dumps(title)}")}
    result, out = build_dir(tmp_path, files)
    [story] = result.site.model.site.items
    assert (story.title, story.excerpt) == ("The <dialog> element, explained", "How <script> tags block rendering")
    page = parse(out / story.path / "index.html")
    assert "".join(page.find(".//h1").itertext()) == story.title
    assert story.excerpt in " ".join(page.find(".//main").itertext())
    [record] = json.loads((out / "api/news/index.json").read_text(encoding="utf-8"))["news"]
    assert (record["title"], record["excerpt"]) == (story.title, story.excerpt)
    import xml.etree.ElementTree as ET
    # (RSS readers render a title that looks like HTML as HTML: it is HTML-escaped, and shows as the page does)
    assert html.unescape([t.text for t in ET.parse(out / "feeds/latest.rss").iter("title")][-1]) == story.title


def test_a_text_field_yaml_reads_as_a_number_or_a_date_shows_as_written(tmp_path):
    # YAML 1.1 reads `4:05` as the integer 245 (base 60), `1.50` as 1.5, `0x1F` as 31, `Yes` as true: a video's
    # length showed "245" on its card and page, a price "1.5", and the page of `slug: 017` was news/.../15/.
    files = {"content/video.md": "---\ntitle: 0x1F\npublishedDateTime: 2026-11-20T10:00:00Z\ntype: video\n"
                                 "length: 4:05\nprice: 1.50\nsize: 1_000\nexcerpt: Yes\nslug: 017\nheat: 0x1F\n---\n"}
    result, out = build_dir(tmp_path, files)
    [story] = result.site.model.site.items
    assert (story.title, story.length, story.price, story.size, story.excerpt) == (
        "0x1F", "4:05", "1.50", "1_000", "Yes")
    assert story.path == "news/2026/11/20/017/" and story.heat == 31  # (a number where one is meant)
    page = " ".join(" ".join(parse(out / story.path / "index.html").find("body").itertext()).split())
    assert "4 min" in page and "1.50" in page and "245" not in page  # (a length with its units: `4:05` is 4 min)
    [record] = json.loads((out / "api/news/index.json").read_text(encoding="utf-8"))["news"]
    assert (record["title"], record["excerpt"]) == ("0x1F", "Yes")
    assert result.site.warnings == ()


def test_a_date_as_a_feed_writes_it_is_read(tmp_path):
    # Crawlers copy a feed's <pubDate> as it is: RSS's (e-mail's) date format left the story out.
    dates = {"gmt": "Thu, 08 Jan 2026 10:00:00 GMT", "offset": "08 Jan 2026 10:00 -0500",
             "unknown-zone": "Thu, 08 Jan 2026 10:00:00 -0000", "no-zone": "Thu, 08 Jan 2026 10:00:00"}
    files = {f"content/{name}.md": item(name, date=f"'{when}'") for name, when in dates.items()}
    files["content/bad.md"] = item("bad", date="'Thu, 31 Feb 2026 10:00:00 GMT'")
    result, out = build_dir(tmp_path, files, CONFIG + "timezone: Europe/Paris\n")
    assert [str(p) for p in result.site.problems] == [
        "content/bad.md:3: `publishedDateTime` 'Thu, 31 Feb 2026 10:00:00 GMT' is not a valid date (day is out of "
        "range for month) (fix the date; dates look like 2026-11-22T08:00:00Z)"]
    published = {i.title: i.published.isoformat() for i in result.site.model.site.items}
    assert published == {"gmt": "2026-01-08T10:00:00+00:00", "offset": "2026-01-08T15:00:00+00:00",
                         "unknown-zone": "2026-01-08T10:00:00+00:00",
                         "no-zone": "2026-01-08T09:00:00+00:00"}  # (as any time without a zone: the site's)


def test_a_picture_size_of_yes_is_no_size(tmp_path):
    # `width: yes` is true to YAML, and true was taken for 1: the story's picture was drawn 1 pixel wide.
    files = {"content/a.md": item("A story", images="[{url: 'https://p.example/a.jpg', width: yes, height: true}]")}
    result, out = build_dir(tmp_path, files)
    [record] = json.loads((out / "api/news/index.json").read_text(encoding="utf-8"))["news"]
    assert record["images"] == [{"url": "https://p.example/a.jpg", "width": None, "height": None}]
    page = (out / record["path"] / "index.html").read_text(encoding="utf-8")
    assert 'width="1"' not in page and "https://p.example/a.jpg" in page


def test_a_plain_equals_sign_is_text(tmp_path):
    # YAML 1.1 reads a plain `=` as a "value" tag no safe constructor builds: the item was left out, told to remove
    # a tag (the word starting with !) that it did not have.
    front = "title: =\npublishedDateTime: 2026-11-20T10:00:00Z\nprice: =\nsizes: &s [=, b]\nagain: *s\n"
    result, out = build_dir(tmp_path, {"content/eq.md": f"---\n{front}---\nBody\n"})
    assert result.site.problems == ()
    [story] = result.site.model.site.items
    assert (story.title, story.price, story.extra["again"]) == ("=", "=", ["=", "b"])


@pytest.mark.slow
def test_a_url_with_spaces_or_quotes_after_its_host_is_kept_percent_encoded(tmp_path):
    # Crawlers copy addresses as a page wrote them: a picture "My Photo.jpg" was left out of the story, with
    # a warning, though a browser follows such a link, percent-encoding what it cannot send as it is.
    files = {"content/x.md": item(
        "Spaces", webUrl='"https://provider.example/news/My Story.html?q=a b&t=\\"x\\"#top part"',
        images='[{url: "https://img.example/up loads/<Photo> 1.jpg", width: 800, height: 450}]',
        related='[{title: Other take, webUrl: "https://other.example/the story`s end"}]')}
    result, out = build_dir(tmp_path, files)
    assert result.site.warnings == ()
    [story] = result.site.model.site.items
    assert story.web_url == "https://provider.example/news/My%20Story.html?q=a%20b&t=%22x%22#top%20part"
    assert story.image.url == "https://img.example/up%20loads/%3CPhoto%3E%201.jpg"
    assert story.related[0].url == "https://other.example/the%20story%60s%20end"
    page = (out / story.path / "index.html").read_text(encoding="utf-8")
    for url in (story.web_url, story.image.url, story.related[0].url):
        assert url.replace("&", "&amp;") in page
    for unsafe in ("javascript:alert(1)", "java\tscript:alert(1)", "https://a b.example/x", "https:// example/x",
                   "http://<b>.example/", "///a b"):  # a scheme or host that is not one stays out
        assert safe_story_url(tmp_path / "unsafe", unsafe) == ""


def test_a_scheme_relative_url_is_kept_as_https(tmp_path):
    # WordPress and CDNs write pictures as //cdn.example/x.jpg, meaning the page's own scheme: such a story
    # lost its picture (and its link), with a warning.
    files = {"content/x.md": item(
        "Scheme-relative", webUrl='"//provider.example/news/story.html"',
        images='[{url: "//i0.wp.example/up loads/photo.jpg", width: 800, height: 450}]',
        provider='{name: P, domain: provider.example, images: ["//provider.example/logo.png"]}',
        related='[{title: Other take, webUrl: "  //other.example/x"}]')}
    result, out = build_dir(tmp_path, files)
    assert result.site.warnings == ()
    [story] = result.site.model.site.items
    assert story.web_url == "https://provider.example/news/story.html"
    assert story.image.url == "https://i0.wp.example/up%20loads/photo.jpg"
    assert story.related[0].url == "https://other.example/x"
    page = (out / story.path / "index.html").read_text(encoding="utf-8")
    assert 'src="https://i0.wp.example/up%20loads/photo.jpg"' in page and "https://provider.example/logo.png" in page


def test_relative_links_and_pictures_of_a_body_lead_where_they_did_on_the_providers_page(tmp_path):
    # A crawler copies a body with its relative addresses: on this site they led to pages and pictures
    # that do not exist here (https://example.org/wp-content/...). They are resolved against the page the
    # story came from, as a browser resolved them there; without one, such a link is left as text.
    body = ('See [the earlier story](/2026/11/earlier?a=1&b=2) and [notes](notes.html), '
            '![chart](../img/chart.png) <img src="//cdn.provider.example/p.jpg" alt="cdn"> '
            '[a section](#more) [elsewhere](https://other.example/x).\n')
    files = {"content/linked.md": item("Linked", webUrl="https://provider.example/news/2026/story.html", body=body),
             "content/unlinked.md": item("Unlinked", body=body)}
    result, out = build_dir(tmp_path, files)
    linked, unlinked = sorted(result.site.model.site.items, key=lambda i: i.title)
    links = {a.text: a.get("href") for a in parse(out / linked.path / "index.html").iter("a") if a.text}
    pictures = {img.get("alt"): img.get("src") for img in parse(out / linked.path / "index.html").iter("img")}
    assert links["the earlier story"] == "https://provider.example/2026/11/earlier?a=1&b=2"
    assert links["notes"] == "https://provider.example/news/2026/notes.html"
    assert links["a section"] == "#more" and links["elsewhere"] == "https://other.example/x"
    assert pictures["chart"] == "https://provider.example/news/img/chart.png"
    assert pictures["cdn"] == "https://cdn.provider.example/p.jpg"
    page = parse(out / unlinked.path / "index.html")
    links = {a.text: a.get("href") for a in page.iter("a") if a.text}
    assert links["the earlier story"] is None and links["notes"] is None  # the words stay, not linked
    # (and as a placeholder: HTML allows rel only on a link that goes somewhere)
    assert [a.get("rel") for a in page.iter("a") if a.text in ("the earlier story", "notes")] == [None, None]
    assert links["elsewhere"] == "https://other.example/x" and links["a section"] == "#more"
    pictures = {img.get("alt"): img.get("src") for img in page.iter("img")}
    assert pictures["cdn"] == "https://cdn.provider.example/p.jpg" and "chart" not in pictures
    assert "chart" in "".join(page.find(".//main").itertext())  # (a picture without an address is its text)


def safe_story_url(folder: Path, url: str) -> str:
    result, _ = build_dir(folder, {"content/x.md": item("Unsafe", webUrl=json.dumps(url))})
    shutil.rmtree(folder)
    return result.site.model.site.items[0].web_url


SHOWN_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")


def shown_entities(out: Path) -> list[str]:
    """Entity text (`&#8217;`, `&amp;`) that a reader would see as text in any built page, feed, API or
    search file: every text node of an HTML page and the attributes shown to people (a link preview's
    `<meta content>`, alt, title, aria-label), and every HTML inside a feed or JSON file, parsed again."""
    import re
    import xml.etree.ElementTree as ET

    entity = re.compile(r"&(#\d+|#x[0-9a-f]+|[a-z]+\d*);", re.IGNORECASE)
    found, looked = [], 0

    def html_text(markup: str) -> str:
        return " ".join(html5lib.parse(markup, namespaceHTMLElements=False).itertext())

    def strings(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for key, entry in value.items():
                yield from (html_text(s) if str(key).endswith("html") else s for s in strings(entry))
        elif isinstance(value, list):
            for entry in value:
                yield from strings(entry)

    for path in sorted(out.rglob("*")):
        if path.suffix not in (".html", ".xml", ".rss", ".json") or not path.is_file():
            continue
        looked += 1
        data = path.read_bytes()
        if path.suffix == ".html":
            tree = html5lib.parse(data.decode("utf-8"), namespaceHTMLElements=False)
            texts = [" ".join(tree.itertext())]
            texts += [value for e in tree.iter() for name, value in e.attrib.items()
                      if name in SHOWN_ATTRIBUTES or (name == "content" and e.tag == "meta")]
        elif path.suffix == ".json":
            texts = list(strings(json.loads(data)))
        else:
            root = ET.fromstring(data)
            # RSS descriptions and Atom's type="html" text are HTML again, to their readers: only what that HTML shows
            # is read (its `&amp;` is how HTML writes "&"); every other element's text is shown as it is
            shown_as_html = {e for e in root.iter() if e.text and (e.tag == "description" or (
                e.tag.rsplit("}", 1)[-1] in ("summary", "content", "title") and e.get("type") == "html"))}
            texts = [t for e in root.iter() for t in ((e.tail,) if e in shown_as_html else (e.text, e.tail)) if t]
            texts += [html_text(e.text) for e in shown_as_html]
        found += [f"{path.relative_to(out)}: {m.group()}" for t in texts for m in entity.finditer(t)]
    assert looked > 10
    return found


def test_typos_are_warned_about_by_check(tmp_path, monkeypatch, capsys):
    from generator import cli
    root = make_site(tmp_path / "site", {"content/x.md": item("x", exerpt="'A summary'", hat=5)})
    monkeypatch.chdir(root)
    assert cli.main(["check"]) == 0
    captured = capsys.readouterr()
    assert "warning: content/x.md:4: `exerpt` is not a known field; did you mean `excerpt`?" in captured.err
    assert "warning: content/x.md:5: `hat` is not a known field; did you mean `heat`?" in captured.err
    assert captured.out.strip().endswith("; 0 errors, 2 warnings")


DECLARED = CONFIG + "topics:\n  - name: Machine Learning\n  - name: Robots\n"


@pytest.mark.parametrize("setting, kept, said", [
    ("", True, ["warning: content/x.md:4: topic `Machine Lerning` is not declared; did you mean `Machine Learning`? "
                "(declare it under `topics:` in config.yaml (or data_dir), or fix the name)"]),
    ("undeclared_topics: error\n", False, ["error: content/x.md:4: topic `Machine Lerning` is not declared; did you "
                                           "mean `Machine Learning`? (declare it under `topics:` in config.yaml (or "
                                           "data_dir), or fix the name)"]),
    ("undeclared_topics: allow\n", True, []),
])
def test_topics_the_config_does_not_declare(tmp_path, setting, kept, said):
    files = {"content/x.md": item("x", topics="[robots, Machine Lerning]"), "content/ok.md": item("ok", topics="[Robots]")}
    root = make_site(tmp_path / "site", files, DECLARED + setting)
    site = build(load_config(root / "config.yaml"), BuildOptions(write=False), environ={}).site
    assert [f"error: {p}" for p in site.problems] + [f"warning: {p}" for p in site.warnings] == said
    assert ("content/x.md" in {i.source for i in site.model.site.items}) == kept
    if kept:
        assert "machine-lerning" in site.model.site.topics  # a warning, not a change: the page is there


def test_declared_topics_written_in_one_list_entry_with_commas_are_told_to_be_a_list(tmp_path):
    # `topics: ["AI, Science"]` is one topic named "AI, Science"; the warning only said to declare it. (Topics
    # written as one string, `topics: AI, Science`, are two: tests/test_items_fields.py.)
    root = make_site(tmp_path / "site", {"content/x.md": item("x", topics='["robots, machine learning"]')}, DECLARED)
    site = build(load_config(root / "config.yaml"), BuildOptions(write=False), environ={}).site
    assert [str(p) for p in site.warnings] == [
        "content/x.md:4: topic `robots, machine learning` is not declared; did you mean the topics Robots, "
        "Machine Learning? (write them as a list: `topics: [Robots, Machine Learning]`)"]


def test_topics_in_one_list_entry_are_told_to_be_a_list_as_toml_and_json_write_one(tmp_path):
    files = {"content/t.md": '+++\ntitle = "t"\npublishedDateTime = 2026-11-20T10:00:00Z\n'
                             'topics = ["robots, machine learning"]\n+++\n',
             "content/j.md": '{"title": "j", "publishedDateTime": "2026-11-20T10:00:00Z",\n'
                             ' "topics": ["robots, machine learning"]}\n'}
    root = make_site(tmp_path / "site", files, DECLARED)
    site = build(load_config(root / "config.yaml"), BuildOptions(write=False), environ={}).site
    assert [str(p).split(" (")[-1] for p in site.warnings] == [
        'write them as a list: `"topics": ["Robots", "Machine Learning"]`)',
        'write them as a list: `topics = ["Robots", "Machine Learning"]`)']


def test_topics_written_as_records_are_the_topics_they_name(tmp_path):
    # A crawler that copies its site's topic records writes each topic as one: `{name, _id}`, or the id alone
    files = {"content/x.md": item("x", topics="[{name: Machine Learning, _id: machine-learning}, {_id: robots}, "
                                              "{name: Robotik, _id: robots}, {name: Space}, {parent: none}]")}
    result, out = build_dir(tmp_path, files, DECLARED)
    [kept] = result.site.model.site.items
    assert kept.topics == ("machine-learning", "robots", "space")
    page = parse(out / kept.path / "index.html")
    tags = [a.text for ul in page.iter("ul") if ul.get("class") == "tags" for a in ul.iter("a")]
    assert tags == ["Machine Learning", "Robots", "Space"]
    for slug in kept.topics:
        assert "news/2026/11/20/x/" in (out / "topics" / slug / "index.html").read_text(encoding="utf-8")
    assert [(w.line, w.message) for w in result.site.warnings] == [
        (4, "`topics` must be a list of names; 1 entry is left out"),
        (4, "topic `Space` is not declared")]


def test_a_provider_written_as_a_publisher_record_keeps_its_site_and_logo(tmp_path):
    # `url` and `logo` (as schema.org's publisher and config.yaml's providers write them) were ignored without a
    # word: the provider had no domain (two items of it were two providers) and no logo
    record = "{name: Harbour Post, url: 'https://harbour.example/', logo: 'https://harbour.example/logo.png'}"
    files = {"content/a.md": item("Gulls return to the pier", provider=record),
             "content/b.md": item("Ferry timetable changes", provider="{name: The Harbour Post, domain: harbour.example}")}
    result, out = build_dir(tmp_path, files)
    assert result.site.warnings == () and result.site.problems == ()
    assert list(result.site.model.site.providers) == ["harbour-example"]
    listed = (out / "providers/harbour-example/index.html").read_text(encoding="utf-8")
    assert 'src="https://harbour.example/logo.png"' in listed
    assert "Gulls return to the pier" in listed and "Ferry timetable changes" in listed
    news = json.loads((out / "api/news/index.json").read_text(encoding="utf-8"))["news"]
    [record] = [n["provider"] for n in news if n["title"] == "Gulls return to the pier"]
    assert record["domain"] == "harbour.example" and record["images"][0]["url"] == "https://harbour.example/logo.png"


def test_a_picture_under_src_and_coverage_under_url_are_kept(tmp_path):
    # A crawler that copies an <img>'s attributes writes `src` and sizes in pixels; one that copies a JSON API's
    # records writes a related story's address as `url`: both were left out as having no address
    files = {"content/x.md": item("Tides", images="[{src: 'https://pics.example/tide.jpg', width: 640px, height: '480'}]",
                                  related="[{title: Moon and tides, url: 'https://other.example/moon', "
                                          "originalUrl: 'javascript:alert(1)'}]")}
    result, out = build_dir(tmp_path, files)
    assert result.site.warnings == () and result.site.problems == ()
    page = parse(out / "news/2026/11/20/x/index.html")
    pictures = [(i.get("src"), i.get("width"), i.get("height")) for i in page.iter("img")]
    assert ("https://pics.example/tide.jpg", "640", "480") in pictures
    assert "https://other.example/moon" in [a.get("href") for a in page.iter("a") if a.text == "Moon and tides"]
    [record] = json.loads((out / "api/news/index.json").read_text(encoding="utf-8"))["news"]
    assert record["images"] == [{"url": "https://pics.example/tide.jpg", "width": 640, "height": 480}]


def test_a_picture_given_as_image_is_the_storys_picture(tmp_path):
    # og:image, and many site generators' front matter, give one picture as `image`: it was ignored, with a
    # warning that it might be meant as `images`
    files = {"content/one.md": item("Gulls over the quay", image='"https://pics.example/gulls.jpg"'),
             "content/both.md": item("Cranes at dawn", "2026-11-19T10:00:00Z",
                                     images="[{url: 'https://pics.example/cranes.jpg', width: 800, height: 450}]",
                                     image="{url: 'https://pics.example/crane-detail.jpg', width: 300, height: 400}"),
             "content/same.md": item("Ferry at night", "2026-11-18T10:00:00Z",
                                     images="['https://pics.example/ferry.jpg']", image="https://pics.example/ferry.jpg")}
    result, out = build_dir(tmp_path, files, CONFIG + "stories:\n  enabled: false\n")
    assert result.site.warnings == () and result.site.problems == ()
    built = {i.title: [image.url for image in i.images] for i in result.site.model.site.items}
    assert built == {"Gulls over the quay": ["https://pics.example/gulls.jpg"],
                     "Cranes at dawn": ["https://pics.example/cranes.jpg", "https://pics.example/crane-detail.jpg"],
                     "Ferry at night": ["https://pics.example/ferry.jpg"]}
    latest = (out / "latest/index.html").read_text(encoding="utf-8")
    assert 'src="https://pics.example/gulls.jpg"' in latest
    page = (out / "news/2026/11/20/one/index.html").read_text(encoding="utf-8")
    assert 'src="https://pics.example/gulls.jpg"' in page


def test_an_unknown_undeclared_topics_setting_is_a_config_error(tmp_path):
    from generator.errors import ConfigError
    root = make_site(tmp_path / "site", {}, CONFIG + "undeclared_topics: strict\n")
    with pytest.raises(ConfigError, match=r"config.yaml:4: `undeclared_topics` must be warn, error or allow, got 'strict' \(the default is warn\)"):
        load_config(root / "config.yaml")


@pytest.mark.parametrize("zone, written", [
    ("UTC", "0001-01-01T00:00:00+05:00"),
    ("UTC", "9999-12-31T23:00:00-05:00"),
    ("Asia/Tokyo", "0001-01-01"),  # a date alone, in a zone east of UTC: the day starts in year 0 in UTC
    ("America/New_York", "9999-12-31 23:00:00"),  # a time without a zone, west of UTC: year 10000 in UTC
    ("Pacific/Kiritimati", "9999-12-31T20:00:00Z"),  # fine in UTC, past the calendar in the site's zone
])
def test_dates_at_the_ends_of_the_calendar_are_one_problem_each(tmp_path, zone, written):
    files = {"content/edge.md": f"---\ntitle: Edge\npublishedDateTime: {written}\nrelated:\n"
                                f"  - {{title: R, webUrl: 'https://r.example/', publishedDateTime: {written}}}\n---\n",
             "content/other.md": item("Other", related=f"[{{title: R, webUrl: 'https://r.example/', publishedDateTime: {written}}}]")}
    result, out = build_dir(tmp_path, files, CONFIG + f"timezone: {zone}\n", future=True)
    [problem] = result.site.problems
    assert (problem.path, problem.line) == ("content/edge.md", 3)
    assert "outside the calendar" in problem.message
    assert written.replace(" ", "T") in problem.message and "datetime" not in problem.message  # as written, not repr
    [kept] = result.site.model.site.items
    assert kept.title == "Other" and kept.related[0].published is None
    assert [(w.path, w.line) for w in result.site.warnings] == [("content/edge.md", 4), ("content/other.md", 4)]
    assert (out / kept.path / "index.html").is_file()


def test_an_item_of_year_one_has_its_page_under_a_four_digit_year(tmp_path):
    # 0001-01-01T00:00:00Z is what .NET crawlers write for "no date" (DateTime.MinValue): the item is kept,
    # and its page is news/YYYY/MM/DD/ as every other page, not news/1/01/01/.
    result, out = build_dir(tmp_path, {"content/2026-11-20-undated.md": item("Undated", date="0001-01-01T00:00:00Z")})
    [kept] = result.site.model.site.items
    assert kept.path == "news/0001/01/01/undated/"
    assert (out / "news/0001/01/01/undated/index.html").is_file()


def test_a_symlink_loop_in_content_is_reported_and_the_rest_builds(tmp_path, monkeypatch, capsys):
    from generator import cli
    root = make_site(tmp_path / "site", {"content/news/ok.md": item("OK")})
    (root / "content/news/loop.md").symlink_to("loop.md")
    (root / "content/news/a.md").symlink_to("b.md")
    (root / "content/news/b.md").symlink_to("a.md")
    (root / "content/news/up").symlink_to("..", target_is_directory=True)  # a folder loop is not followed
    (root / "content/news/gone.md").symlink_to("moved-away.md")  # a link to nowhere was left out unsaid
    monkeypatch.chdir(root)
    assert cli.main(["build", "--report", "../report.json"]) == 0
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    for name in ("a.md", "b.md", "loop.md"):
        assert (f"error: content/news/{name}: cannot read the file: Too many levels of symbolic links "
                f"(fix or remove the symbolic link) [left out]") in captured.err
    assert ("error: content/news/gone.md: cannot read the file: No such file or directory "
            "(fix or remove the symbolic link) [left out]") in captured.err
    report = json.loads((tmp_path / "site/../report.json").read_text())
    assert [p["source"] for p in report["pages"] if "source" in p] == ["content/news/ok.md"]


def test_a_link_to_a_folder_is_said_not_to_be_followed(tmp_path, monkeypatch, capsys):
    """A symbolic link to a folder is not followed (it could loop), as docs/content.md says, but it was passed
    over unsaid: a folder of another site's items linked in (`content/shared -> ../../shared`) built none of them
    and said nothing. Each such link is a warning; a loop too, once; the rest builds."""
    from generator import cli
    root = make_site(tmp_path / "site", {"content/news/ok.md": item("OK"), "shared/one.md": item("Shared")})
    (root / "content/shared").symlink_to("../shared", target_is_directory=True)
    (root / "content/news/up").symlink_to("..", target_is_directory=True)
    (root / "content/news/notes").symlink_to("../../shared/one.md")  # (a link to a file, not named .md: no item)
    monkeypatch.chdir(root)
    assert cli.main(["build"]) == 0
    err = capsys.readouterr().err
    for name in ("content/shared/", "content/news/up/"):
        assert (f"warning: {name}: not read: a link to a folder is not followed (move or copy the folder into the "
                "content folder, or link its files one by one)") in err, err
    assert err.count("a link to a folder") == 2, err
    assert not (root / "output/news/2026/11/20/one").exists()


@pytest.mark.slow  # a build as a process of its own
def test_a_file_name_that_is_not_utf8_is_named_in_a_valid_report(tmp_path):
    root = make_site(tmp_path / "site", {"content/ok.md": item("OK")})
    content = os.fsencode(root / "content")
    with open(content + b"/caf\xe9.md", "wb") as handle:
        handle.write(item("Café", date="2026-11-19T10:00:00Z").encode())
    with open(content + b"/bad\xff.md", "wb") as handle:
        handle.write(b"---\ntitle: [\n---\n")
    report = tmp_path / "report.json"
    done = subprocess.run([sys.executable, "-m", "generator", "build", "--report", str(report)], cwd=root,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)), capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    data = json.loads(report.read_bytes().decode("utf-8"))  # strict UTF-8, and JSON
    assert [r["source"] for r in data["rejected"]] == ["content/bad\\xff.md"]
    assert sorted(p["source"] for p in data["pages"] if "source" in p) == ["content/caf\\xe9.md", "content/ok.md"]
    assert b"content/bad\\xff.md:3: invalid YAML" in done.stderr


def test_what_one_item_can_cost_is_bounded(tmp_path):
    topics = json.dumps([f"Topic {n}" for n in range(300)])
    images = json.dumps([{"url": f"https://img.example/{n}.jpg"} for n in range(40)])
    related = json.dumps([{"title": f"R{n}", "webUrl": f"https://r.example/{n}"} for n in range(80)])
    result, out = build_dir(tmp_path, {"content/big.md": item("Big", topics=topics, images=images, related=related)})
    [story] = result.site.model.site.items
    assert (len(story.topics), len(story.images), len(story.related)) == (20, 20, 50)
    assert len(list((out / "topics").glob("*/index.html"))) == 20
    assert [(w.line, w.message) for w in result.site.warnings] == [
        (4, "`topics` names 300 topics; only the first 20 are kept"),
        (5, "`images` lists 40 images; only the first 20 are kept"),
        (6, "`related` lists 80 stories; only the first 50 are kept")]


def test_an_item_without_quality_shows_no_quality(tmp_path):
    files = {"content/none.md": item("Unrated", provider="{name: Quiet, domain: quiet.example}"),
             "content/some.md": item("Rated", date="2026-11-19T10:00:00Z", quality=0,
                                     provider="{name: Loud, domain: loud.example}")}
    result, out = build_dir(tmp_path, files)
    pages = [p for p in out.rglob("*.html")]
    unrated = [p for p in pages if "Unrated" in p.read_text(encoding="utf-8")]
    assert len(unrated) >= 5  # its page, Latest, the front page, Top, its provider's ...
    for path in unrated:
        for card in parse(path).iter("article"):
            text = " ".join(card.itertext())
            if "Unrated" in text and "Rated" not in text.replace("Unrated", ""):
                assert "Quality" not in text, path
    story = " ".join(parse(out / "news/2026/11/20/none/index.html").find(".//main").itertext())
    assert "Quality" not in story
    rated = " ".join(parse(out / "news/2026/11/19/some/index.html").find(".//main").itertext())
    assert "Quality 0" in " ".join(rated.split())  # a quality given as 0 is shown
    providers = " ".join(" ".join(parse(out / "providers/index.html").itertext()).split())
    assert "1 story · average quality 0" in providers and providers.count("average quality") == 1


def test_an_edit_that_changes_an_items_warnings_is_said_at_once(tmp_path):
    from generator.serve.rebuild import Session, rebuild  # as serve rebuilds after a save
    root = make_site(tmp_path / "site", {"content/a.md": item("A"), "content/b.md": item("B", date="2026-11-19T10:00:00Z")})
    config, session = load_config(root / "config.yaml"), Session()
    assert rebuild(session, config, BuildOptions(workers=1), None, environ={}).site.warnings == ()
    (root / "content/a.md").write_text(item("A, edited", heat=-1))
    edited = rebuild(session, config, BuildOptions(workers=1), [root / "content/a.md"], environ={})
    assert [(w.path, w.line) for w in edited.site.warnings] == [("content/a.md", 4)]
    (root / "content/a.md").write_text(item("A, mended"))
    mended = rebuild(session, config, BuildOptions(workers=1), [root / "content/a.md"], environ={})
    assert mended.site.warnings == () and mended.site.model.site.items[0].title == "A, mended"


# --- pictures of the site's own static/ folder ----------------------------------------------------------

def test_a_picture_named_in_static_that_is_not_there_is_a_warning_until_it_is(tmp_path):
    """`images: - url: static/pictures/x.svg` (docs/content.md) with no such file would show a broken picture:
    the build says which file and line; once the file is there (the item unchanged, read from the cache) the
    warning is gone."""
    root = make_site(tmp_path / "site", {"content/a.md": item(
        "A", images="\n  - url: static/pictures/hero.svg", provider="{name: P, images: [{url: static/logos/p.svg}]}")},
        CONFIG)
    config = load_config(root / "config.yaml")
    cache = BuildCache()
    warned = [str(w) for w in build(config, BuildOptions(), environ={}, cache=cache).site.warnings]
    assert warned == [
        "content/a.md:4: `images`: no file static/pictures/hero.svg in the site, so the picture shows broken "
        "(put the picture at static/pictures/hero.svg, or correct its `url`)",
        "content/a.md:6: `provider`: no file static/logos/p.svg in the site, so the picture shows broken "
        "(put the picture at static/logos/p.svg, or correct its `url`)"]
    for name in ("static/pictures/hero.svg", "static/logos/p.svg"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text('<svg xmlns="http://www.w3.org/2000/svg"/>\n')
    result = build(config, BuildOptions(), environ={}, cache=cache)
    assert result.site.warnings == () and (root / "output/static/pictures/hero.svg").is_file()


def test_a_missing_static_picture_given_as_image_or_featured_image_is_said_at_its_line(tmp_path):
    # A Jekyll post's `image:` (or WordPress's `featured_image:`) moved to static/ but not copied there: the
    # warning named no line, as the file writes no `images:` key.
    root = make_site(tmp_path / "site", {"content/a.md": item("A", image="static/assets/a.jpg"),
                                         "content/b.md": item("B", featured_image="static/assets/b.jpg")}, CONFIG)
    warned = [str(w) for w in build(load_config(root / "config.yaml"), BuildOptions(), environ={}).site.warnings]
    assert "content/a.md:4: `image`: no file static/assets/a.jpg in the site, so the picture shows broken " \
           "(put the picture at static/assets/a.jpg, or correct its `url`)" in warned, warned
    assert any(w.startswith("content/b.md:4: `featured_image`: no file static/assets/b.jpg") for w in warned), warned
