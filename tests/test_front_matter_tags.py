"""YAML's own tags (`!!float`, `!!timestamp` ...) on values they make impossible, as a crawler's template writes
them: a key that is no field costs its value only, said at its line; a field's message fits the tag."""

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


def test_a_key_that_is_no_field_costs_its_value_not_the_item(tmp_path):
    files = {f"content/{tag[2:]}.md": front(f"title: {tag[2:]}", DATE, f"own: {tag} {value}", "heat: 3")
             for tag, value in IMPOSSIBLE.items()}
    files["content/empty.md"] = front("title: empty", DATE, f"own: !!float {EMPTY_FLOAT}", "heat: 3")
    files["content/nested.md"] = front("title: nested", DATE, "own:", "  - 1", "  - !!int many", "heat: 3")
    site = built(tmp_path, files)
    assert site.problems == ()
    items = {item.title: item for item in site.model.site.items}
    assert sorted(items) == sorted(name[len("content/"):-3] for name in files)
    assert all(item.heat == 3 for item in items.values())
    said = {problem.path: problem for problem in site.warnings}
    assert sorted(said) == sorted(files)
    for tag in IMPOSSIBLE:
        warning = said[f"content/{tag[2:]}.md"]
        assert warning.line == 4
        assert warning.message.startswith(f"`own` is no field newsdesk reads, and its value is left out: the tag "
                                          f"`{tag}` asks for "), warning.message
        assert warning.hint == f"remove the tag `{tag}`, or put the value in quotes, tag and all"
        assert "dates look like" not in str(warning)
    assert said["content/nested.md"].line == 4 and "`!!int` asks for an integer, and 'many'" in str(
        said["content/nested.md"])


def test_a_field_with_an_impossible_tag_is_said_as_the_tag_has_it(tmp_path):
    files = {"content/heat.md": front("title: Heat", DATE, "heat: !!float 'x'"),
             "content/date.md": front("title: Date", "publishedDateTime: !!timestamp soon"),
             "content/flag.md": front("title: Flag", DATE, "secured: !!bool maybe"),
             "content/list.md": front("title: List", DATE, "topics: !!seq 'x'"),
             "content/other.md": front("title: Other", DATE, "Tags: !!map 'x'"),  # (read as `topics`)
             "content/good.md": front("title: Good", DATE)}
    site = built(tmp_path, files)
    assert [item.title for item in site.model.site.items] == ["Good"]
    said = {problem.path: str(problem) for problem in site.problems}
    assert said == {
        "content/heat.md": "content/heat.md:4: invalid value in front matter: `heat`: the tag `!!float` asks for a "
                           "number, and 'x' is not one (remove the tag `!!float`, as the value is then read as it "
                           "is written, or write a number)",
        "content/date.md": "content/date.md:3: invalid value in front matter: `publishedDateTime`: the tag "
                           "`!!timestamp` asks for a date, and 'soon' is not one (remove the tag `!!timestamp`, as "
                           "the value is then read as it is written; dates look like 2026-11-22T08:00:00Z)",
        "content/flag.md": "content/flag.md:4: invalid value in front matter: `secured`: the tag `!!bool` asks for "
                           "a boolean (true or false), and 'maybe' is not one (remove the tag `!!bool`, as the "
                           "value is then read as it is written, or write a boolean (true or false))",
        "content/list.md": "content/list.md:4: invalid value in front matter: `topics`: the tag `!!seq` asks for "
                           "a list, and 'x' is not one (remove the tag `!!seq`, as the value is then read as it is "
                           "written, or write a list)",
        "content/other.md": "content/other.md:4: invalid value in front matter: `Tags`: the tag `!!map` asks for "
                            "a mapping, and 'x' is not one (remove the tag `!!map`, as the value is then read as "
                            "it is written, or write a mapping)",
    }
