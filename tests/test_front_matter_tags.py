"""YAML's own tags (`!!float`, `!!timestamp` ...) on values they make impossible, as a crawler's template writes
them: the value is read as written, at any depth, and the tag said at its line; the item is kept."""

from __future__ import annotations

import yaml

from conftest import front, make_site
from generator.build.pipeline import BuildOptions, build
from generator.config.load import load_config

CONFIG = 'title: Test News\nbase_url: https://example.org/\nnow: "2026-11-22T12:00:00Z"\n'
DATE = "publishedDateTime: 2026-11-20T10:00:00Z"

# A value each tag of PyYAML's safe loader refuses (`!!bool 'x'` stopped the whole build with a KeyError,
# `!!float ''` with an IndexError); `!!null`, `!!str` of text and `!!value` take any scalar.
IMPOSSIBLE = {
    "!!int": "'x'", "!!float": "'x'", "!!bool": "'x'", "!!timestamp": "'x'", "!!binary": "'x'",
    "!!str": "[a, b]", "!!seq": "'x'", "!!map": "'x'", "!!set": "[a]", "!!omap": "[a]", "!!pairs": "'x'",
}
EMPTY_FLOAT = "''"


def built(tmp_path, files):
    root = make_site(tmp_path / "site", files, CONFIG)
    return build(load_config(root / "config.yaml"), BuildOptions(write=False), environ={}).site


def test_every_safe_tag_is_covered():
    known = {tag.rsplit(":", 1)[-1] for tag in yaml.SafeLoader.yaml_constructors if tag}
    assert known == {tag[2:] for tag in IMPOSSIBLE} | {"null"}


def test_a_value_its_tag_makes_impossible_is_read_as_written(tmp_path):
    files = {f"content/{tag[2:]}.md": front(f"title: {tag[2:]}", DATE, f"own: {tag} {value}", "heat: 3")
             for tag, value in IMPOSSIBLE.items()}
    files["content/empty.md"] = front("title: empty", DATE, f"own: !!float {EMPTY_FLOAT}", "heat: 3")
    files["content/nested.md"] = front("title: nested", DATE, "own:", "  - 1", "  - !!int many", "heat: 3")
    site = built(tmp_path, files)
    assert site.problems == ()
    items = {item.title: item for item in site.model.site.items}
    assert sorted(items) == sorted(name[len("content/"):-3] for name in files)
    assert all(item.heat == 3 for item in items.values())
    assert items["int"].extra["own"] == "x" and items["str"].extra["own"] == ["a", "b"]
    assert items["nested"].extra["own"] == [1, "many"]
    said = {problem.path: problem for problem in site.warnings}
    assert sorted(said) == sorted(files)
    for tag in IMPOSSIBLE:
        warning = said[f"content/{tag[2:]}.md"]
        assert warning.line == 4
        assert warning.message.startswith(f"`own`: the tag `{tag}` asks for "), warning.message
        assert warning.message.endswith("; it is read as written"), warning.message
        assert warning.hint.startswith(f"remove the tag `{tag}`, or write "), warning.hint
        assert "dates look like" not in str(warning) or tag == "!!timestamp"
    assert said["content/nested.md"].line == 6 and "`!!int` asks for an integer, and 'many'" in str(
        said["content/nested.md"])


def test_a_field_with_an_impossible_tag_keeps_its_item_and_value(tmp_path):
    files = {"content/heat.md": front("title: Heat", DATE, "heat: !!int '7.5'"),
             "content/date.md": front("title: Date", "publishedDateTime: !!timestamp 'Fri, 20 Nov 2026 10:00:00 GMT'"),
             "content/name.md": front("title: !!int 'Breaking news'", DATE),
             "content/list.md": front("title: List", DATE, "topics: !!seq 'Elections'"),
             "content/other.md": front("title: Other", DATE, "Tags: !!str [Budget, Tax]"),  # (read as `topics`)
             "content/soon.md": front("title: Soon", "publishedDateTime: !!timestamp soon")}
    site = built(tmp_path, files)
    items = {item.source: item for item in site.model.site.items}
    assert sorted(items) == sorted(set(files) - {"content/soon.md"})
    assert items["content/heat.md"].heat == 7.5
    assert items["content/date.md"].published.isoformat() == "2026-11-20T10:00:00+00:00"
    assert items["content/name.md"].title == "Breaking news"
    assert items["content/list.md"].topic_names == ("Elections",)
    assert items["content/other.md"].topic_names == ("Budget", "Tax")
    [left_out] = site.problems
    assert str(left_out).startswith("content/soon.md:3: `publishedDateTime` is not a date: 'soon'"), left_out
    said = {(problem.path, problem.line): str(problem) for problem in site.warnings}
    assert said[("content/heat.md", 4)] == (
        "content/heat.md:4: `heat`: the tag `!!int` asks for an integer, and '7.5' is not one; it is read as "
        "written (remove the tag `!!int`, or write an integer)")
    assert said[("content/date.md", 3)] == (
        "content/date.md:3: `publishedDateTime`: the tag `!!timestamp` asks for a date, and 'Fri, 20 Nov 2026 "
        "10:00:00 GMT' is not one; it is read as written (remove the tag `!!timestamp`, or write a date; dates look "
        "like 2026-11-22T08:00:00Z)")
    assert ("content/soon.md", 3) in said


def test_a_value_its_tag_makes_impossible_inside_a_field_costs_no_item(tmp_path):
    files = {"content/provider.md": front("title: Provider", DATE, "provider: {name: !!float 'Acme News'}"),
             "content/images.md": front("title: Images", DATE, "images:", "  - url: https://e.example/a.jpg",
                                        "    width: !!int wide", "  - url: !!float https://e.example/b.jpg"),
             "content/related.md": front("title: Related", DATE, "related:", "  - url: https://e.example/r",
                                         "    title: !!bool Other coverage"),
             "content/topics.md": front("title: Topics", DATE, "topics: [Politics, !!int Elections]"),
             "content/named.md": front("title: Named", DATE, "topics:", "  - name: !!int Budget")}
    site = built(tmp_path, files)
    assert site.problems == ()
    items = {item.source: item for item in site.model.site.items}
    assert sorted(items) == sorted(files)
    assert items["content/provider.md"].provider.name == "Acme News"
    assert [image.url for image in items["content/images.md"].images] == [
        "https://e.example/a.jpg", "https://e.example/b.jpg"]
    assert [story.title for story in items["content/related.md"].related] == ["Other coverage"]
    assert items["content/topics.md"].topic_names == ("Politics", "Elections")
    assert items["content/named.md"].topic_names == ("Budget",)
    tagged = {(p.path, p.line): p.message for p in site.warnings if "the tag" in p.message}
    assert tagged == {
        ("content/provider.md", 4): "`name` in `provider`: the tag `!!float` asks for a number, and 'Acme News' is "
                                    "not one; it is read as written",
        ("content/images.md", 6): "`width` in `images`: the tag `!!int` asks for an integer, and 'wide' is not one; "
                                  "it is read as written",
        ("content/images.md", 7): "`url` in `images`: the tag `!!float` asks for a number, and "
                                  "'https://e.example/b.jpg' is not one; it is read as written",
        ("content/related.md", 6): "`title` in `related`: the tag `!!bool` asks for a boolean (true or false), and "
                                   "'Other coverage' is not one; it is read as written",
        ("content/topics.md", 4): "`topics`: the tag `!!int` asks for an integer, and 'Elections' is not one; it is "
                                  "read as written",
        ("content/named.md", 5): "`name` in `topics`: the tag `!!int` asks for an integer, and 'Budget' is not one; "
                                 "it is read as written",
    }


def test_a_date_that_is_none_reads_alike_beside_an_impossible_tag(tmp_path):
    # (a bad tag anywhere sent the file to a slower reading, which took `2026-02-30` for a tagged date)
    files = {"content/alone.md": front("title: Alone", "publishedDateTime: 2026-02-30T10:00:00Z"),
             "content/tagged.md": front("title: Tagged", "publishedDateTime: 2026-02-30T10:00:00Z",
                                        "own: !!int many"),
             "content/kept.md": front("title: Kept", DATE, "updated: 2026-02-30", "own: !!int many")}
    site = built(tmp_path, files)
    said = {problem.path: str(problem) for problem in site.problems}
    assert sorted(said) == ["content/alone.md", "content/tagged.md"]
    assert said["content/tagged.md"] == said["content/alone.md"].replace("alone", "tagged")
    [kept] = site.model.site.items
    assert kept.extra["updated"] == "2026-02-30"
    assert not any("!!timestamp" in str(problem) for problem in site.warnings)


def test_a_long_list_of_impossible_tags_is_said_once_after_the_first(tmp_path):
    entries = [f"  - !!int Topic {n}" for n in range(40)]
    site = built(tmp_path, {"content/many.md": front("title: Many", DATE, "own:", *entries)})
    [item] = site.model.site.items
    assert item.extra["own"] == [f"Topic {n}" for n in range(40)]
    lines = [(p.line, p.message) for p in site.warnings if "tag" in p.message]
    assert [line for line, _ in lines] == [5, 6, 7, 8, 9, 10]
    assert lines[-1][1] == "35 more values from here on have a tag that makes them impossible; each is read as written"


def test_bytes_as_pyyaml_writes_a_python_crawler_s_are_read_as_their_text(tmp_path):
    """A Python crawler that keeps a page's bytes (not decoded) and saves its front matter with yaml.safe_dump
    writes each as `!!binary |` and base64: the title's item was left out ("`title` must be text, got bytes"),
    the provider's name and a topic dropped. Each is read as its text, UTF-8 or, byte by byte, Windows-1252, as
    an item file's text is; a tag's text that is not base64 is still read as written."""
    meta = {"title": "Caf\u00e9 news \u2014 today".encode(), "publishedDateTime": "2026-11-20T10:00:00Z",
            "provider": {"name": "Zeitung M\u00fcnchen".encode("cp1252"), "domain": "z.example"},
            "topics": ["Science".encode()], "excerpt": "Short".encode()}
    files = {"content/bytes.md": "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\nBody.\n",
             "content/bad.md": front("title: Not base64", DATE, "own: !!binary 'x'")}
    assert "!!binary" in files["content/bytes.md"]
    site = built(tmp_path, files)
    assert site.problems == ()
    items = {item.source: item for item in site.model.site.items}
    assert sorted(items) == ["content/bad.md", "content/bytes.md"]
    story = items["content/bytes.md"]
    assert story.title == "Caf\u00e9 news \u2014 today" and story.excerpt == "Short"
    assert story.provider.name == "Zeitung M\u00fcnchen" and story.topics == ("science",)
    assert items["content/bad.md"].extra["own"] == "x"
    assert not [w for w in site.warnings if w.path == "content/bytes.md"], site.warnings
